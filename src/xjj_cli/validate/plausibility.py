"""Plausibility: figures and dates that are allowed but look like typing slips (warnings)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from functools import partial
from typing import TypeVar

from xjj_cli.messages.formats import amount, cn_date, number
from xjj_cli.messages.validation import date_field
from xjj_cli.model import (
    Acknowledgement,
    Events,
    LedgerProblem,
    Project,
    Rules,
    Task,
    TownFigure,
)
from xjj_cli.months import add_months, month_of
from xjj_cli.repository import Repository, Sourced
from xjj_cli.validate.kept import DateChecks, Trace, found
from xjj_cli.validate.references import Where, known_metrics

T = TypeVar("T")


def check_figure_plausibility(repo: Repository) -> None:
    """Warn on a town figure far above its target or far above its usual monthly pace: allowed
    (an office can exceed a target) but it looks like a slip."""
    rules = repo.district.record.rules if repo.district is not None else Rules()
    ratio = Fraction(repr(rules.implausible_ratio))
    for series in _figure_series(repo):
        _check_far_above_target(repo, series, ratio)
        _check_jumps(repo, series, ratio)


def check_plausibility(
    repo: Repository,
    today: dt.date,
    dates: DateChecks | None = None,
    digests: Mapping[str, str] | None = None,
    trace: Trace | None = None,
) -> None:
    """Warn on the other slips: a date after ``today``, a project month after the month being
    collected (the figures' own: ``check_figure_plausibility``). A file's future dates are
    taken from ``dates`` when kept there for its digest, and kept there otherwise."""
    trace = trace or Trace()
    check_future_dates(repo, today, dates or DateChecks(), digests or {}, trace)
    trace.marks["months"] = len(repo.log.problems)
    horizon = progress_horizon(repo)
    for sourced in repo.projects.values():
        start = len(repo.log.problems)
        check_months_ahead_of(repo, sourced, horizon)
        trace.ahead[sourced.file] = (start, len(repo.log.problems))


Count = tuple[TownFigure, int]
"""A submitted town figure and its ``completed`` count."""


def _figure_series(repo: Repository) -> Iterator[list[Count]]:
    """Each known town's figures for each known metric, one list per year, oldest month first;
    rows with errors of their own (unknown codes, duplicates) and unsubmitted figures left out."""
    metrics = known_metrics(repo)
    series: dict[tuple[str, str, str], list[Count]] = {}
    for month in repo.months:
        seen: set[tuple[str, str]] = set()
        for row in repo.figures[month]:
            key = (row.town, row.metric)
            if row.metric not in metrics or row.town not in repo.towns or key in seen:
                continue
            seen.add(key)
            if row.completed is None:  # not yet submitted (未报送): nothing to judge
                continue
            series.setdefault((row.town, row.metric, month[:4]), []).append((row, row.completed))
    yield from series.values()


def _check_far_above_target(repo: Repository, series: list[Count], ratio: Fraction) -> None:
    """A cumulative count more than ``ratio`` times the annual target (a target of 0 means
    no task: such a town is not ranked, so its figure misleads no rate)."""
    over, under = ratio.numerator, ratio.denominator  # whole numbers: exact and quick
    for row, completed in series:
        if row.target > 0 and completed * under > over * row.target:
            repo.log.warning(
                row.at("completed"),
                "progress.far_above_target",
                about=f"{row.town},{row.metric},{row.target},{completed}",
                town=row.town,
                metric=row.metric,
                value=completed,
                target=row.target,
                times=amount(Fraction(completed, row.target)),
                ratio=number(float(ratio)),
            )


def _check_jumps(repo: Repository, series: list[Count], ratio: Fraction) -> None:
    """A month's increase far above the town's usual monthly pace for the metric.

    Between two months of the same year with figures (the months between them without
    figures share the increase evenly), the pace is increase ÷ months. It warns when the
    pace exceeds ``ratio`` × the larger of the town's largest earlier pace that year and
    the annual target ÷ 12. The first month of a year with figures is not judged (it has
    no month before it to compare with); towns with a target of 0 are not judged."""
    # Fractions as (numerator, positive denominator) pairs compared by cross-multiplying:
    # exact like ``Fraction`` and many times quicker over a province's series.
    over, under = ratio.numerator, ratio.denominator
    largest = (0, 1)
    for (previous, before), (row, completed) in itertools.pairwise(series):
        pace = (completed - before, _months_between(previous.month, row.month))
        if row.target > 0:
            base = largest if largest[0] * 12 > row.target * largest[1] else (row.target, 12)
            if pace[0] * under * base[1] > over * base[0] * pace[1]:
                _warn_jump(repo, previous, before, row, completed, pace, largest, ratio)
        if pace[0] * largest[1] > largest[0] * pace[1]:
            largest = pace


def _warn_jump(
    repo: Repository,
    previous: TownFigure,
    before: int,
    row: TownFigure,
    completed: int,
    pace: tuple[int, int],
    largest: tuple[int, int],
    ratio: Fraction,
) -> None:
    repo.log.warning(
        row.at("completed"),
        "progress.jump",
        about=f"{row.town},{row.metric},{before}->{completed}",
        town=row.town,
        metric=row.metric,
        previous_month=previous.month,
        previous=before,
        month=row.month,
        value=completed,
        pace=amount(Fraction(*pace)),
        largest=amount(Fraction(*largest)),
        monthly=amount(Fraction(row.target, 12)),
        ratio=number(float(ratio)),
    )


def _months_between(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])


def check_future_dates(
    repo: Repository,
    today: dt.date,
    dates: DateChecks,
    digests: Mapping[str, str],
    trace: Trace | None = None,
) -> None:
    """Dates of what has happened (done, a card, a report, an acknowledgement) after today;
    each file's, in order, from ``dates`` when kept for its digest (see ``DateChecks``)."""
    kept, dates.files = dates.files, {}
    twice: set[tuple[str, str]] = set()

    def check(where: Where, date: dt.date | None, about: str, what: str) -> None:
        if date is not None and date > today:
            repo.log.warning(
                where(),
                "date.future",
                about=f"{about},{date.isoformat()}",
                what=what,
                date=date.isoformat(),
                today=cn_date(today),
            )

    def per_file(
        records: Iterable[Sourced[T]],
        check_one: Callable[[Sourced[T]], None],
        spans: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        for file, group in itertools.groupby(records, key=lambda sourced: sourced.file):
            listed = list(group)
            if spans is not None:
                start = len(repo.log.problems)
                per_file(listed, check_one)
                spans[file] = (start, len(repo.log.problems))
                continue
            digest = digests.get(file)
            key = (file, digest or "")
            if digest is None or key in dates.files or key in twice:
                twice.add(key)  # a file met twice is never kept: its findings would be split
                dates.files.pop(key, None)
                for sourced in listed:
                    check_one(sourced)
                continue
            dates.files[key] = found(repo, kept.get(key), partial(_each, check_one, listed))

    def project_dates(sourced: Sourced[Project]) -> None:
        for i, milestone in enumerate(sourced.record.milestones):
            check(
                partial(sourced.at, "milestones", i, "done"),
                milestone.done,
                milestone.name,
                date_field("milestone", milestone.name),
            )

    def task_dates(task: Sourced[Task]) -> None:
        record = task.record
        check(partial(task.at, "done"), record.done, record.id, date_field("task", record.id))

    def events_dates(events: Sourced[Events]) -> None:
        for i, card in enumerate(events.record.cards):
            check(
                partial(events.at, "cards", i, "date"),
                card.date,
                f"cards,{card.unit}",
                date_field("card", card.unit),
            )
        for i, report in enumerate(events.record.noncooperation):
            pair = f"{report.reporter},{report.unit}"
            check(
                partial(events.at, "noncooperation", i, "date"),
                report.date,
                f"noncooperation,{pair}",
                date_field("noncooperation", pair),
            )

    def problem_dates(listed: Sourced[LedgerProblem]) -> None:
        problem = listed.record
        check(
            partial(listed.at, "raised"),
            problem.raised,
            f"raised,{problem.id}",
            date_field("problem_raised", problem.id),
        )
        check(
            partial(listed.at, "resolved"),
            problem.resolved,
            f"resolved,{problem.id}",
            date_field("problem_resolved", problem.id),
        )

    def ack_dates(ack: Sourced[Acknowledgement]) -> None:
        entry = ack.record
        check(partial(ack.at, "date"), entry.date, entry.warning, date_field("acknowledgement"))

    per_file(repo.projects.values(), project_dates, trace.dated if trace else None)
    if trace:
        trace.marks["later_dates"] = len(repo.log.problems)
    per_file(repo.tasks, task_dates)
    per_file(repo.events.values(), events_dates)
    per_file(repo.problems, problem_dates)
    per_file(repo.acknowledged, ack_dates)


def _each(check_one: Callable[[T], None], records: list[T]) -> None:
    for record in records:
        check_one(record)


def progress_horizon(repo: Repository) -> str | None:
    """The last month a project's progress may name without a warning: the month being
    collected (owners may report it before any town does), or a later month when a town file
    of it exists (towns/progress/M.csv, even one that failed to load: its own errors say what
    is wrong with it); None: there is no town file."""
    latest = max(repo.figures) if repo.figures else None
    collecting = repo.collecting_month
    if collecting is None or (latest is not None and latest > collecting):
        return latest
    return collecting


def check_months_ahead_of(repo: Repository, sourced: Sourced[Project], horizon: str | None) -> None:
    """A project progress month after ``horizon`` (``progress_horizon``); None: no check."""
    if horizon is None:
        return
    project = sourced.record
    last = add_months(month_of(project.end), 12)  # later months are errors already
    for i, entry in enumerate(project.progress):
        if horizon < entry.month <= last:
            repo.log.warning(
                sourced.at("progress", i, "month"),
                "project.month_ahead",
                about=entry.month,
                month=entry.month,
                collecting=horizon,
            )
