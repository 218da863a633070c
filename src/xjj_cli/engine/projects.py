"""Project colours (SPEC §3.2): planned against actual percent, milestones and end dates."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

from xjj_cli.engine.results import Color, ColorReason, OverdueMilestone, ProjectStatus, RedStreak
from xjj_cli.engine.streaks import run_of_months
from xjj_cli.engine.towns import exact
from xjj_cli.model import ProgressEntry, Project, Rules
from xjj_cli.months import add_months, month_end

HUNDRED = Fraction(100)


def decide_color(
    completed: bool, red_reasons: list[ColorReason], yellow_reasons: list[ColorReason]
) -> tuple[Color, list[ColorReason]]:
    """The colour and its reasons (SPEC §3.2): a completed project is blue; otherwise red
    with any red reason, yellow with any yellow one, blue without either."""
    if completed:
        return "blue", [ColorReason.completed]
    if red_reasons:
        return "red", red_reasons
    if yellow_reasons:
        return "yellow", yellow_reasons
    return "blue", []


def planned_percent(project: Project, month: str) -> Fraction:
    """The planned cumulative percent at the month's end.

    The plan's value for the month when given; otherwise linear by days between the
    surrounding plan points (each at its month's end), with 0 at ``start`` and 100 at
    ``end``; without a plan, linear by days from start to end. Clamped to 0..100.
    """
    if month in project.plan:
        return exact(project.plan[month])
    day = month_end(month)
    points = sorted(
        [(project.start, Fraction(0)), (project.end, HUNDRED)]
        + [(month_end(m), exact(v)) for m, v in project.plan.items()]
    )
    if day <= points[0][0]:
        return Fraction(0)
    for (d0, v0), (d1, v1) in itertools.pairwise(points):
        if d0 <= day <= d1:
            if d1 == d0:
                return _clamp(v1)
            return _clamp(v0 + (v1 - v0) * Fraction((day - d0).days, (d1 - d0).days))
    return HUNDRED


def _clamp(value: Fraction) -> Fraction:
    return max(Fraction(0), min(HUNDRED, value))


def latest_entry(project: Project, month: str) -> ProgressEntry | None:
    """The project's progress entry for ``month``, or its latest earlier one."""
    return max(
        (e for e in project.progress if e.month <= month), key=lambda e: e.month, default=None
    )


def actual_percent(project: Project, month: str) -> tuple[Fraction, bool]:
    """The reported percent for the month, or the last earlier one (0 when none); and
    whether the month itself was reported."""
    latest = latest_entry(project, month)
    if latest is None:
        return Fraction(0), False
    return exact(latest.percent), latest.month == month


def expected_to_report(project: Project, month: str) -> bool:
    """Whether the project owes a progress entry for ``month`` (SPEC §4, ``xjj status``):
    started by the month's end and not at 100 % in an earlier month."""
    if project.start > month_end(month):
        return False
    earlier = latest_entry(project, add_months(month, -1))
    return earlier is None or exact(earlier.percent) < HUNDRED


def overdue_milestones(project: Project, day: dt.date) -> tuple[OverdueMilestone, ...]:
    """Milestones due before ``day`` and not done by then, with days overdue at ``day``."""
    return tuple(
        OverdueMilestone(m.name, m.due, (day - m.due).days)
        for m in project.milestones
        if m.due < day and (m.done is None or m.done > day)
    )


def project_status(project: Project, month: str, rules: Rules) -> ProjectStatus:
    """The project's colour at the month's end, using only data up to that month."""
    day = month_end(month)
    if project.start > day:
        return ProjectStatus(
            project.id, project.name, project.domain, project.owner, None, None, None, None, False
        )
    planned = planned_percent(project, month)
    actual, reported = actual_percent(project, month)
    lag = planned - actual
    overdue = overdue_milestones(project, day)
    end_passed = project.end < day and actual < HUNDRED
    red_reasons: list[ColorReason] = []
    yellow_reasons: list[ColorReason] = []
    if lag >= exact(rules.red_lag):
        red_reasons.append(ColorReason.lag)
    if any(m.days > rules.red_overdue_days for m in overdue):
        red_reasons.append(ColorReason.milestone)
    if end_passed:
        red_reasons.append(ColorReason.end_passed)
    if lag >= exact(rules.yellow_lag):
        yellow_reasons.append(ColorReason.lag)
    if overdue:
        yellow_reasons.append(ColorReason.milestone)
    if not reported:
        yellow_reasons.append(ColorReason.not_reported)
    color, reasons = decide_color(actual == HUNDRED, red_reasons, yellow_reasons)
    return ProjectStatus(
        project.id,
        project.name,
        project.domain,
        project.owner,
        color,
        planned,
        actual,
        lag,
        reported,
        overdue,
        end_passed,
        tuple(reasons),
    )


def red_streak(project: Project, month: str, rules: Rules) -> RedStreak:
    """The project's red streak ending at ``month`` (SPEC §3.3), and what came before it.

    ``month`` counts whenever the project is red in it; an earlier month only when the
    project also reported for it: "a month without data ends the streak"."""
    reported = {entry.month for entry in project.progress}

    def red(m: str) -> bool:
        return project_status(project, m, rules).color == "red"

    run = run_of_months(month, lambda m: red(m) and (m == month or m in reported))
    if not run:
        return RedStreak(0)
    since = run[0]
    earlier, started = add_months(since, -1), f"{project.start:%Y-%m}"
    while earlier >= started and not red(earlier):
        earlier = add_months(earlier, -1)
    red_before = earlier if earlier >= started else None
    # a red month right before the streak can only have ended it by lacking a report
    unreported = red_before if red_before == add_months(since, -1) else None
    return RedStreak(len(run), since, unreported, red_before)
