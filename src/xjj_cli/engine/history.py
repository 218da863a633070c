"""One unit month by month (``xjj history``): its places in the rankings, its projects'
colours, its breaches, action and early warnings in every reportable month, and its open
problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from xjj_cli.engine.dataset import UnitInfo
from xjj_cli.engine.early_warnings import by_unit
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.ledger import LedgerEntry, LedgerFilter, ledger_at
from xjj_cli.engine.results import Action, Breach, Color, EarlyWarning, UnitFinding

DEPARTMENTS = "departments"
"""The ``metric`` of a department's or enterprise's place in the department ranking."""


@dataclass(frozen=True)
class UnitRank:
    """The unit's place in one ranking of a month: a town's on a ranked metric (with its
    colour), a department's or enterprise's in the department ranking (its score as
    ``rate``, no colour)."""

    metric: str
    metric_name: str
    rank: int
    of: int
    rate: Fraction
    color: Color | None


@dataclass(frozen=True)
class ProjectColor:
    """A project the unit owns and its colour at the month's end (None: not started)."""

    id: str
    name: str
    color: Color | None


@dataclass(frozen=True)
class HistoryMonth:
    """The unit in one reportable month."""

    month: str
    action: Action | None
    """The strongest action of its breaches; None without a breach."""
    finding: UnitFinding | None
    ranks: tuple[UnitRank, ...]
    projects: tuple[ProjectColor, ...]
    warnings: tuple[EarlyWarning, ...] = ()
    """The month's early warnings to the unit (SPEC §3.6), most urgent first."""

    @property
    def reasons(self) -> tuple[Breach, ...]:
        """Every breach of the month against the unit, in the order of its finding."""
        return self.finding.reasons if self.finding is not None else ()


@dataclass(frozen=True)
class UnitHistory:
    """A unit's every reportable month, oldest first, and its problems open at the latest
    month's end."""

    unit: UnitInfo
    months: tuple[HistoryMonth, ...]
    latest: str
    open_problems: tuple[LedgerEntry, ...]


@dataclass(frozen=True)
class MonthIndex:
    """One evaluated month's results grouped by unit, so that every unit's month is a
    look-up, not a scan of all findings, projects and department rows."""

    findings: dict[str, UnitFinding]
    projects: dict[str, tuple[ProjectColor, ...]]
    departments: dict[str, tuple[UnitRank, ...]]
    warnings: dict[str, tuple[EarlyWarning, ...]]

    @classmethod
    def of(cls, evaluation: MonthEvaluation) -> MonthIndex:
        findings: dict[str, UnitFinding] = {}
        for finding in evaluation.findings:
            findings.setdefault(finding.unit, finding)
        projects: dict[str, list[ProjectColor]] = {}
        for s in evaluation.statuses:
            projects.setdefault(s.owner, []).append(ProjectColor(s.id, s.name, s.color))
        rows = evaluation.departments
        departments: dict[str, list[UnitRank]] = {}
        for r in rows:
            departments.setdefault(r.unit, []).append(
                UnitRank(DEPARTMENTS, "", r.rank, len(rows), r.score, None)
            )
        warnings = by_unit(evaluation.warnings)
        return cls(
            findings,
            {code: tuple(found) for code, found in projects.items()},
            {code: tuple(found) for code, found in departments.items()},
            {code: tuple(found) for code, found in warnings.items()},
        )


def _ranks(evaluation: MonthEvaluation, unit: UnitInfo, index: MonthIndex) -> tuple[UnitRank, ...]:
    if not unit.is_town:
        return index.departments.get(unit.code, ())
    ranks = []
    for ranking in evaluation.rankings:
        row = ranking.row(unit.code)
        if row is not None:
            ranks.append(
                UnitRank(
                    ranking.metric, ranking.metric_name, row.rank, ranking.size, row.rate, row.color
                )
            )
    return tuple(ranks)


def history_month(
    evaluation: MonthEvaluation, unit: UnitInfo, index: MonthIndex | None = None
) -> HistoryMonth:
    """The unit in the evaluated month; ``index`` is the month's ``MonthIndex`` when many
    units are asked about (made here otherwise)."""
    index = index or MonthIndex.of(evaluation)
    finding = index.findings.get(unit.code)
    return HistoryMonth(
        evaluation.month,
        finding.action if finding is not None else None,
        finding,
        _ranks(evaluation, unit, index),
        index.projects.get(unit.code, ()),
        index.warnings.get(unit.code, ()),
    )


def unit_history(unit: UnitInfo, evaluations: Sequence[MonthEvaluation]) -> UnitHistory:
    """The unit over the evaluated months (reportable ones, each evaluated once), oldest
    first; its open problems are those at the latest month's end."""
    return unit_histories([unit], evaluations)[0]


def unit_histories(
    units: Sequence[UnitInfo], evaluations: Sequence[MonthEvaluation]
) -> list[UnitHistory]:
    """Every unit of ``units`` over the evaluated months, in one pass: each month is
    evaluated once (its findings, rankings and colours are shared by all units), and the
    open problems come from one look at the latest month's ledger."""
    ordered = sorted(evaluations, key=lambda e: e.month)
    latest = ordered[-1]
    codes = [u.code for u in units]
    open_by_unit: dict[str, list[LedgerEntry]] = {}
    for entry in ledger_at(latest.data.problems, latest.month, LedgerFilter.open, codes):
        open_by_unit.setdefault(entry.problem.unit, []).append(entry)
    months: dict[str, list[HistoryMonth]] = {code: [] for code in codes}
    for evaluation in ordered:
        index = MonthIndex.of(evaluation)
        for unit in units:
            months[unit.code].append(history_month(evaluation, unit, index))
    return [
        UnitHistory(u, tuple(months[u.code]), latest.month, tuple(open_by_unit.get(u.code, ())))
        for u in units
    ]
