"""The cross-file checks of each kind of record (SPEC §2): town figures, projects, tasks, the
problems ledger, events and the map."""

from __future__ import annotations

import itertools
from functools import partial
from pathlib import Path

from xjj_cli.diagnostics import Location
from xjj_cli.load.reader import (
    domain_file_key,
    figures_key,
)
from xjj_cli.messages.errors import os_reason
from xjj_cli.messages.validation import check_word, did_you_mean, subject
from xjj_cli.model import (
    DOMAIN_ORDER,
    LedgerProblem,
    Project,
    TownFigure,
)
from xjj_cli.months import add_months, month_of
from xjj_cli.regular import read_regular
from xjj_cli.repository import Repository, Sourced
from xjj_cli.validate.references import (
    Where,
    check_domain,
    check_project_ref,
    check_ref,
    known_metrics,
)

_Key = tuple[str, str]
_Last = tuple[str, int, tuple[str, int] | None]
"""A town and metric's last month and target, and its last submitted (month, completed)."""


def check_figures(repo: Repository) -> None:
    metrics = known_metrics(repo)
    previous: dict[_Key, _Last] = {}
    for month in repo.months:
        rows = repo.figures[month]
        seen: dict[tuple[str, str], int] = {}
        reported: set[str] = set()
        for row in rows:
            if row.metric not in metrics:
                domain = row.metric.split(".", 1)[0]
                broken_domain_file = (
                    domain_file_key(domain) in repo.complete and domain not in repo.domains
                )
                if not broken_domain_file:
                    missing_file = domain in DOMAIN_ORDER and domain not in repo.domains
                    repo.log.error(
                        row.at("metric"),
                        "ref.unknown",
                        what=subject("metric"),
                        code=row.metric,
                        suggestion=check_word("domain_file_missing", domain=domain)
                        if missing_file
                        else did_you_mean(row.metric, metrics),
                    )
                continue
            if row.town not in repo.towns and not check_ref(
                repo, partial(row.at, "town"), row.town, ("town",)
            ):
                continue
            key = (row.town, row.metric)
            if key in seen:
                repo.log.error(
                    row.at("town"),
                    "progress.duplicate_row",
                    town=row.town,
                    metric=row.metric,
                    first_line=seen[key],
                )
                continue
            seen[key] = row.line
            reported.add(row.metric)
            _check_cumulative(repo, row, previous)
        if "towns" in repo.complete and figures_key(month) in repo.complete:
            file = rows[0].file if rows else f"data/towns/progress/{month}.csv"
            for metric in sorted(reported):
                for code, town in repo.towns.items():
                    if (code, metric) not in seen:
                        repo.log.error(
                            Location(file, 1, 1),
                            "progress.town_missing",
                            metric=metric,
                            town=code,
                            name=town.name,
                        )


def _check_cumulative(repo: Repository, row: TownFigure, previous: dict[_Key, _Last]) -> None:
    """Cumulative counts never fall within a year; a changed annual target is a warning.

    A figure not submitted (empty ``completed``) is not compared: the next figure the town
    submits is compared with its last submitted one."""
    month, town, metric, target, completed = (
        row.month,
        row.town,
        row.metric,
        row.target,
        row.completed,
    )
    key = (town, metric)
    last = previous.get(key)
    if last is not None:
        last_month, last_target, counted = last
        if last_month[:4] == month[:4] and target != last_target:
            repo.log.warning(
                row.at("target"),
                "progress.target_changed",
                about=f"{town},{metric},{last_target}->{target}",
                town=town,
                metric=metric,
                value=target,
                previous=last_target,
                previous_month=last_month,
            )
        if completed is None:
            previous[key] = (month, target, counted)
            return
        if counted is not None and counted[0][:4] == month[:4] and completed < counted[1]:
            repo.log.error(
                row.at("completed"),
                "progress.decrease",
                town=town,
                metric=metric,
                value=completed,
                previous=counted[1],
                month=month,
                previous_month=counted[0],
            )
    previous[key] = (month, target, (month, completed) if completed is not None else None)


def check_project(repo: Repository, sourced: Sourced[Project]) -> None:
    project = sourced.record
    check_domain(repo, partial(sourced.at, "domain"), project.domain)
    if project.owner in repo.towns:
        repo.log.error(sourced.at("owner"), "project.owner_town", code=project.owner)
    else:
        check_ref(repo, partial(sourced.at, "owner"), project.owner, ("unit",), "owner")
    for i, code in enumerate(project.towns):
        if code not in repo.towns:
            check_ref(repo, partial(sourced.at, "towns", i), code, ("town",))
    for i, code in enumerate(project.cooperating):
        check_ref(
            repo, partial(sourced.at, "cooperating", i), code, ("unit", "town"), "cooperating"
        )
    if project.end < project.start:
        repo.log.error(sourced.at("end"), "project.dates", start=project.start, end=project.end)
    for i, milestone in enumerate(project.milestones):
        if milestone.done is not None and milestone.done < project.start:
            repo.log.error(
                sourced.at("milestones", i, "done"),
                "project.done_before_start",
                name=milestone.name,
                done=milestone.done,
                start=project.start,
            )
    _check_project_progress(repo, sourced)


def _check_project_progress(repo: Repository, sourced: Sourced[Project]) -> None:
    project = sourced.record
    first, last = month_of(project.start), add_months(month_of(project.end), 12)
    seen: dict[str, int] = {}
    entries = []
    for i, entry in enumerate(project.progress):
        if entry.month in seen:
            first_line = sourced.at("progress", seen[entry.month], "month").line
            where = sourced.at("progress", i, "month")
            repo.log.error(
                where, "project.month_duplicate", month=entry.month, first_line=first_line
            )
            continue
        seen[entry.month] = i
        if not first <= entry.month <= last:
            where = sourced.at("progress", i, "month")
            repo.log.error(where, "project.month_range", month=entry.month, first=first, last=last)
        if entry.invested > project.investment.total:
            repo.log.warning(
                sourced.at("progress", i, "invested"),
                "project.invested_over",
                about=f"{entry.month},{_num(entry.invested)}",
                month=entry.month,
                value=_num(entry.invested),
                total=_num(project.investment.total),
            )
        entries.append((entry.month, i, entry))
    entries.sort()
    for (prev_month, _, prev), (month, i, entry) in itertools.pairwise(entries):
        if entry.percent < prev.percent:
            repo.log.error(
                sourced.at("progress", i, "percent"),
                "project.percent_decrease",
                month=month,
                value=_num(entry.percent),
                previous_month=prev_month,
                previous=_num(prev.percent),
            )
        if entry.invested < prev.invested:
            repo.log.error(
                sourced.at("progress", i, "invested"),
                "project.invested_decrease",
                month=month,
                value=_num(entry.invested),
                previous_month=prev_month,
                previous=_num(prev.invested),
            )


def _num(value: float) -> str:
    return f"{value:g}"


def check_tasks(repo: Repository) -> None:
    for task in repo.tasks:
        record = task.record
        check_domain(repo, partial(task.at, "domain"), record.domain)
        for i, code in enumerate(record.units):
            check_ref(repo, partial(task.at, "units", i), code, ("unit", "town"), "owner")


def check_problems(repo: Repository) -> None:
    """The problems ledger against the rest (SPEC §2 problems/<year>.yaml)."""
    for sourced in repo.problems:
        problem = sourced.record
        _check_problem_domain(repo, sourced)
        check_ref(repo, partial(sourced.at, "by"), problem.by, ("unit", "town"), "problem_by")
        check_ref(repo, partial(sourced.at, "unit"), problem.unit, ("unit", "town"), "owner")
        for field_name in ("deadline", "resolved"):
            date = getattr(problem, field_name)
            if date is not None and date < problem.raised:
                repo.log.error(
                    sourced.at(field_name),
                    "problem.before_raised",
                    code=problem.id,
                    what=check_word(f"problem.{field_name}"),
                    date=date.isoformat(),
                    raised=problem.raised.isoformat(),
                )
        year = Path(sourced.file).stem
        if str(problem.raised.year) != year:
            repo.log.error(
                sourced.at("raised"),
                "problem.raised_year",
                code=problem.id,
                raised=problem.raised.isoformat(),
                year=year,
                actual=problem.raised.year,
            )


def _check_problem_domain(repo: Repository, sourced: Sourced[LedgerProblem]) -> None:
    """The project must exist; the domain is one of the seven, the project's when both are
    given, and required when there is no project."""
    problem = sourced.record
    project = repo.projects.get(problem.project) if problem.project is not None else None
    if problem.project is not None:
        check_project_ref(repo, partial(sourced.at, "project"), problem.project)
    if problem.domain is None:
        if problem.project is None:
            repo.log.error(sourced.at(), "problem.domain_missing", code=problem.id)
        return
    if not check_domain(repo, partial(sourced.at, "domain"), problem.domain):
        return
    if project is not None and project.record.domain != problem.domain:
        repo.log.error(
            sourced.at("domain"),
            "problem.domain_project",
            code=problem.id,
            domain=problem.domain,
            project=project.record.id,
            actual=project.record.domain,
        )


def check_events(repo: Repository) -> None:
    for month, events in repo.events.items():
        record = events.record
        for i, card in enumerate(record.cards):
            _check_event_month(
                repo, partial(events.at, "cards", i, "date"), card.date.isoformat(), month
            )
            check_ref(
                repo,
                partial(events.at, "cards", i, "unit"),
                card.unit,
                ("unit", "town"),
                "card_unit",
            )
            if card.project is not None:
                check_project_ref(repo, partial(events.at, "cards", i, "project"), card.project)
        for i, report in enumerate(record.noncooperation):
            _check_event_month(
                repo,
                partial(events.at, "noncooperation", i, "date"),
                report.date.isoformat(),
                month,
            )
            check_ref(
                repo,
                partial(events.at, "noncooperation", i, "reporter"),
                report.reporter,
                ("town",),
                "reporter",
            )
            check_ref(
                repo,
                partial(events.at, "noncooperation", i, "unit"),
                report.unit,
                ("unit",),
                "reported_unit",
            )


def check_map(repo: Repository) -> None:
    """map/towns.svg (SPEC §2): refused where it has anything the map's allow-list does not
    name (load/svgmap), each at its place; a town code it has that does not exist, or a
    town it lacks, is a warning."""
    if repo.town_map is None:
        return
    from xjj_cli.load.svgmap import scan_map
    from xjj_cli.messages.validation import map_refusal

    rel = repo.relative(repo.town_map)
    try:
        data, _ = read_regular(repo.town_map)
    except OSError as exc:
        repo.log.error(Location(rel), "file.unreadable", reason=os_reason(exc))
        return
    scan = scan_map(data)
    for found in scan.findings:
        where = Location(rel, found.line, found.column)
        if found.kind == "invalid":
            repo.log.error(where, "map.invalid", reason=found.what)
        else:
            repo.log.error(
                where,
                "map.unsafe",
                **map_refusal(found.reason, what=found.what, element=found.element),
            )
    if not scan.safe or "towns" not in repo.complete:
        return
    drawn = set()
    for town in scan.towns:
        drawn.add(town.what)
        if town.what not in repo.towns:
            repo.log.warning(
                Location(rel, town.line, town.column),
                "map.unknown_town",
                about=town.what,
                code=town.what,
                suggestion=did_you_mean(town.what, repo.towns),
            )
    for code, known in repo.towns.items():
        if code not in drawn:
            repo.log.warning(
                Location(rel), "map.missing_town", about=code, code=code, name=known.name
            )


def _check_event_month(repo: Repository, where: Where, date: str, month: str) -> None:
    if date[:7] != month:
        repo.log.error(where(), "event.date_month", date=date, month=month, actual=date[:7])
