"""Who has submitted for a month and who has not (SPEC §4, ``xjj status``; SPEC §3.5, 催报):
facts of the repository and the month's evaluation, computed without reading a file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from xjj_cli.engine.dataset import dataset_from
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.ledger import LedgerFilter, ledger_at
from xjj_cli.model import Contact
from xjj_cli.repository import Repository


@dataclass(frozen=True)
class Unreported:
    """A started project without a progress entry for the month, and its owner (催报)."""

    id: str
    name: str
    owner: str
    owner_name: str


def unreported_projects(evaluation: MonthEvaluation) -> tuple[Unreported, ...]:
    """The month's projects that owe a progress entry and have not given it (SPEC §3.5)."""
    units = evaluation.data.units
    return tuple(
        Unreported(s.id, s.name, s.owner, units[s.owner].name if s.owner in units else s.owner)
        for s in evaluation.unreported
    )


def by_owner(unreported: Sequence[Unreported]) -> dict[str, list[Unreported]]:
    """The projects not reported, grouped by owner (code), owners in order of first mention."""
    owners: dict[str, list[Unreported]] = {}
    for project in unreported:
        owners.setdefault(project.owner, []).append(project)
    return owners


@dataclass(frozen=True)
class TownSubmission:
    """A town and whether it has submitted the month's figures (every ``completed`` filled)."""

    town: str
    name: str
    kind: str
    submitted: bool


@dataclass(frozen=True)
class ProjectReport:
    """A project expected to report for the month, its owner, and whether it has."""

    id: str
    name: str
    owner: str
    owner_name: str
    reported: bool


@dataclass(frozen=True)
class Chase:
    """A unit on the 催报 list: a town whose figures are missing, an owner whose projects'
    progress entries are missing, or both."""

    unit: str
    name: str
    kind: str
    figures: bool
    """Whether the unit is a town that has not submitted its figures."""
    projects: tuple[Unreported, ...] = ()


@dataclass(frozen=True)
class OverdueProblem:
    """A ledger problem open at the month's end past its deadline, and its responsible unit."""

    id: str
    text: str
    unit: str
    unit_name: str
    deadline: dt.date
    days_overdue: int


@dataclass(frozen=True)
class Submissions:
    """Who has submitted for a month and who has not (SPEC §4, ``xjj status``)."""

    month: str
    reportable: bool
    filed: bool
    """Whether the month has a towns/progress file (with rows)."""
    towns: tuple[TownSubmission, ...]
    projects: tuple[ProjectReport, ...]
    chase: tuple[Chase, ...]
    contact: Contact | None = None
    """The office's contact (``document.contact``), to whom the units reply."""
    overdue: tuple[OverdueProblem, ...] = ()
    """The ledger's problems open at the month's end past their deadline (days to its end)."""


def submissions(repo: Repository, month: str) -> Submissions:
    """Who has submitted ``month`` in the (valid) repository ``repo``; a month that is not
    reportable is not refused — this is how it gets chased."""
    evaluation = MonthEvaluation(dataset_from(repo, month), month)
    filed = month in repo.months
    missing = set(repo.not_submitted(month))
    towns = tuple(
        TownSubmission(code, town.name, town.kind, filed and code not in missing)
        for code, town in repo.towns.items()
    )
    units = evaluation.data.units
    projects = tuple(
        ProjectReport(
            s.id, s.name, s.owner, units[s.owner].name if s.owner in units else s.owner, s.reported
        )
        for s in evaluation.expected
    )
    chase = {t.town: Chase(t.town, t.name, t.kind, True) for t in towns if not t.submitted}
    for owner, listed in by_owner(unreported_projects(evaluation)).items():
        kind = units[owner].kind if owner in units else ""
        before = chase.get(owner, Chase(owner, listed[0].owner_name, kind, False))
        chase[owner] = replace(before, projects=tuple(listed))
    district = repo.district.record if repo.district is not None else None
    overdue = tuple(
        OverdueProblem(
            e.problem.id,
            e.problem.text,
            e.problem.unit,
            units[e.problem.unit].name if e.problem.unit in units else e.problem.unit,
            e.problem.deadline,
            e.days_overdue or 0,
        )
        for e in ledger_at(evaluation.data.problems, month, LedgerFilter.overdue, list(units))
    )
    return Submissions(
        month=month,
        reportable=month in repo.reportable_months,
        filed=filed,
        towns=towns,
        projects=projects,
        chase=tuple(chase.values()),
        contact=district.document.contact if district is not None else None,
        overdue=overdue,
    )
