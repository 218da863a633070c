"""A project's colours month by month (SPEC §3.2, §3.3), each month judged once, in integers.

``projects.py`` states the rules as plainly as possible and is their definition; this module
computes exactly the same results fast enough for a province (tests/engine/test_scale.py
checks that they agree). A project is prepared once — plan points sorted, reports by month,
every percent as an integer over one common denominator — so that judging a month is a few
integer comparisons, and a red streak reads earlier months from the memo of colours instead
of judging them again. ``Fraction`` values are built only for the ``ProjectStatus`` a
report shows.
"""

from __future__ import annotations

import bisect
import functools
import math
from dataclasses import dataclass
from fractions import Fraction

from xjj_cli.engine.projects import decide_color
from xjj_cli.engine.results import Color, ColorReason, OverdueMilestone, ProjectStatus, RedStreak
from xjj_cli.engine.streaks import run_of_months
from xjj_cli.engine.towns import exact
from xjj_cli.model import ProgressEntry, Project, Rules
from xjj_cli.months import add_months, month_end


@functools.lru_cache(maxsize=4096)
def _day(month: str) -> int:
    """The ordinal of the month's last day (a memo: a handful of months, asked many times)."""
    return month_end(month).toordinal()


@functools.lru_cache(maxsize=65536, typed=True)
def _ratio(value: float) -> tuple[int, int]:
    """``exact(value)`` as numerator and denominator (a memo: a province repeats a few
    percents 10⁵ times)."""
    fraction = exact(value)
    return fraction.numerator, fraction.denominator


@dataclass(frozen=True)
class _Judgement:
    """A month's colour and what it rests on; percents are integers over ``scale × span``."""

    color: Color
    reasons: tuple[ColorReason, ...]
    planned: int
    span: int
    actual: int
    reported: bool
    overdue: tuple[int, ...]
    """Indexes of the milestones overdue at the month's end."""
    end_passed: bool


class ProjectTimeline:
    """One project prepared for judging any month: the rules of ``projects.py`` in integers."""

    def __init__(self, project: Project, rules: Rules) -> None:
        self.project = project
        first: dict[str, ProgressEntry] = {}
        for entry in project.progress:
            first.setdefault(entry.month, entry)  # max() in latest_entry keeps the first
        self.months = sorted(first)
        self.reported_months = frozenset(self.months)
        reports = [_ratio(first[m].percent) for m in self.months]
        plan = {m: _ratio(v) for m, v in project.plan.items()}
        red, yellow = _ratio(rules.red_lag), _ratio(rules.yellow_lag)
        self.scale = scale = math.lcm(
            red[1], yellow[1], *(d for _, d in reports), *(d for _, d in plan.values())
        )

        def scaled(value: tuple[int, int]) -> int:
            return value[0] * (scale // value[1])

        self.hundred = 100 * scale
        self.red_lag, self.yellow_lag = scaled(red), scaled(yellow)
        self.percents = [scaled(v) for v in reports]
        self.plan = {m: scaled(v) for m, v in plan.items()}
        points = sorted(
            [(project.start.toordinal(), 0), (project.end.toordinal(), self.hundred)]
            + [(_day(m), v) for m, v in self.plan.items()]
        )
        self.point_days = [d for d, _ in points]
        self.point_values = [v for _, v in points]
        self.start = project.start.toordinal()
        self.end = project.end.toordinal()
        self.started = f"{project.start:%Y-%m}"
        self.milestones = [
            (m.due.toordinal(), m.done.toordinal() if m.done is not None else None)
            for m in project.milestones
        ]
        self.red_overdue_days = rules.red_overdue_days
        self._colors: dict[str, Color | None] = {}

    def planned(self, month: str, day: int) -> tuple[int, int]:
        """``planned_percent`` as (numerator, span): the percent is numerator ÷ (scale × span)."""
        value = self.plan.get(month)
        if value is not None:
            return value, 1
        days, values = self.point_days, self.point_values
        if day <= days[0]:
            return 0, 1
        # the first pair of points around the day: d0 < day ≤ d1, so d1 > d0
        i = bisect.bisect_left(days, day)
        if i == len(days):
            return self.hundred, 1
        d0, d1, v0, v1 = days[i - 1], days[i], values[i - 1], values[i]
        span = d1 - d0
        numerator = v0 * span + (v1 - v0) * (day - d0)
        if numerator < 0:
            return 0, 1
        if numerator > self.hundred * span:
            return self.hundred, 1
        return numerator, span

    def actual(self, month: str) -> tuple[int, bool]:
        """``actual_percent`` scaled: the latest report up to the month (0 without one), and
        whether the month itself was reported."""
        i = bisect.bisect_right(self.months, month) - 1
        if i < 0:
            return 0, False
        return self.percents[i], self.months[i] == month

    def judge(self, month: str) -> _Judgement | None:
        """The month's colour and its grounds, as ``project_status``; None before the start."""
        day = _day(month)
        if self.start > day:
            return None
        planned, span = self.planned(month, day)
        actual, reported = self.actual(month)
        lag = planned - actual * span  # over scale × span
        overdue = tuple(
            i
            for i, (due, done) in enumerate(self.milestones)
            if due < day and (done is None or done > day)
        )
        end_passed = self.end < day and actual < self.hundred
        red_reasons: list[ColorReason] = []
        yellow_reasons: list[ColorReason] = []
        if lag >= self.red_lag * span:
            red_reasons.append(ColorReason.lag)
        if any(day - self.milestones[i][0] > self.red_overdue_days for i in overdue):
            red_reasons.append(ColorReason.milestone)
        if end_passed:
            red_reasons.append(ColorReason.end_passed)
        if lag >= self.yellow_lag * span:
            yellow_reasons.append(ColorReason.lag)
        if overdue:
            yellow_reasons.append(ColorReason.milestone)
        if not reported:
            yellow_reasons.append(ColorReason.not_reported)
        color, reasons = decide_color(actual == self.hundred, red_reasons, yellow_reasons)
        self._colors[month] = color
        return _Judgement(
            color, tuple(reasons), planned, span, actual, reported, overdue, end_passed
        )

    def color(self, month: str) -> Color | None:
        """The project's colour at the month's end (None before its start), judged once."""
        if month not in self._colors:
            judged = self.judge(month)
            self._colors[month] = judged.color if judged is not None else None
        return self._colors[month]

    def status(self, month: str) -> ProjectStatus:
        """``project_status``: the colour with what it was computed from, as exact fractions."""
        p = self.project
        judged = self.judge(month)
        if judged is None:
            self._colors[month] = None
            return ProjectStatus(p.id, p.name, p.domain, p.owner, None, None, None, None, False)
        below = self.scale * judged.span
        day = month_end(month)
        overdue = tuple(
            OverdueMilestone(m.name, m.due, (day - m.due).days)
            for m in (p.milestones[i] for i in judged.overdue)
        )
        return ProjectStatus(
            p.id,
            p.name,
            p.domain,
            p.owner,
            judged.color,
            Fraction(judged.planned, below),
            Fraction(judged.actual, self.scale),
            Fraction(judged.planned - judged.actual * judged.span, below),
            judged.reported,
            overdue,
            judged.end_passed,
            judged.reasons,
        )

    def expected_to_report(self, month: str) -> bool:
        """``expected_to_report``: started by the month's end and not at 100 % before it."""
        if self.start > _day(month):
            return False
        earlier, _ = self.actual(add_months(month, -1))
        return earlier < self.hundred

    def red_streak(self, month: str) -> RedStreak:
        """``red_streak``: the red months ending at ``month``, reading the memo of colours."""

        def red(m: str) -> bool:
            return self.color(m) == "red"

        reported = self.reported_months
        run = run_of_months(month, lambda m: red(m) and (m == month or m in reported))
        if not run:
            return RedStreak(0)
        since = run[0]
        earlier = add_months(since, -1)
        while earlier >= self.started and not red(earlier):
            earlier = add_months(earlier, -1)
        red_before = earlier if earlier >= self.started else None
        unreported = red_before if red_before == add_months(since, -1) else None
        return RedStreak(len(run), since, unreported, red_before)
