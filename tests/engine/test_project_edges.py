"""Project colours, red streaks and who owes a report (SPEC §3.2, §3.3, §4 ``xjj status``) at
their edges, each case checked on both the rules' definition (engine/projects.py) and the fast
path the evaluation uses (engine/timeline.py): a project starting on the month's last day, a
plan value for that month, a milestone due or done on it, exactly 30 and 31 days overdue, an
end date on it, lags exactly at the yellow and red lines (decimal ones too), and red streaks
with a month that reported nothing, after a gap, or from the project's first month."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction as F
from typing import Any

import pytest

from builders import D, progress, project
from xjj_cli.engine import projects as definition
from xjj_cli.engine.results import (
    Action,
    Color,
    ColorReason,
    OverdueMilestone,
    ProjectStatus,
    RedStreak,
)
from xjj_cli.engine.rules import project_red
from xjj_cli.engine.timeline import ProjectTimeline
from xjj_cli.model import Project, Rules

MONTH = "2026-10"  # ends on the 31st
RULES = Rules()  # yellow from a lag of 10 points, red from 20, red when 30+ days overdue


@dataclass(frozen=True)
class Judge:
    """One implementation of the project rules."""

    status: Callable[[Project, str, Rules], ProjectStatus]
    red_streak: Callable[[Project, str, Rules], RedStreak]
    expected_to_report: Callable[[Project, str], bool]


DEFINITION = Judge(definition.project_status, definition.red_streak, definition.expected_to_report)
FAST = Judge(
    lambda p, m, r: ProjectTimeline(p, r).status(m),
    lambda p, m, r: ProjectTimeline(p, r).red_streak(m),
    lambda p, m: ProjectTimeline(p, RULES).expected_to_report(m),
)


@pytest.fixture(params=[DEFINITION, FAST], ids=["definition", "timeline"])
def judge(request: pytest.FixtureRequest) -> Judge:
    j: Judge = request.param
    return j


def _facts(s: ProjectStatus) -> tuple[Any, ...]:
    return (s.color, s.planned, s.actual, s.lag, s.reported, s.reasons)


# --- starting and planned percent ------------------------------------------------------------


def test_a_project_not_started_by_the_months_end_has_no_colour(judge: Judge) -> None:
    p = project(start=D(2026, 11, 1))
    assert judge.status(p, MONTH, RULES) == ProjectStatus(
        "P-1", "测试项目", "5g", "dept", None, None, None, None, False
    )


def test_a_timeline_remembers_that_a_project_had_not_started() -> None:
    timeline = ProjectTimeline(project(start=D(2026, 11, 1)), RULES)
    assert timeline.status(MONTH).color is None
    assert timeline.color(MONTH) is None


def test_a_project_starting_on_the_months_last_day_is_planned_at_zero(judge: Judge) -> None:
    # started (so coloured), nothing planned yet, nothing reported: yellow for not reporting
    s = judge.status(project(start=D(2026, 10, 31)), MONTH, RULES)
    assert _facts(s) == ("yellow", F(0), F(0), F(0), False, (ColorReason.not_reported,))


def test_the_plans_value_for_the_month_wins_even_on_the_start_day(judge: Judge) -> None:
    p = project(start=D(2026, 10, 31), plan={MONTH: 5})
    s = judge.status(p, MONTH, RULES)
    assert _facts(s) == ("yellow", F(5), F(0), F(5), False, (ColorReason.not_reported,))


def test_between_two_plan_points_the_plan_is_linear_by_days(judge: Judge) -> None:
    p = project(plan={"2026-03": 30, "2026-06": 70}, progress=progress(("2026-05", 10)))
    # 2026-03-31 → 2026-06-30 is 91 days; 2026-05-31 is 61 days in
    s = judge.status(p, "2026-05", RULES)
    assert s.planned == 30 + F(40 * 61, 91)
    assert s.lag == s.planned - 10


def test_without_a_plan_the_plan_is_linear_from_start_to_end(judge: Judge) -> None:
    # 2026-01-01 → 2026-12-31 is 364 days; 2026-10-31 is 303 days in: 83.2 %, 80 % done,
    # 3.2 points behind: blue
    s = judge.status(project(progress=progress((MONTH, 80))), MONTH, RULES)
    assert _facts(s) == ("blue", F(30300, 364), F(80), F(30300, 364) - 80, True, ())
    assert (s.id, s.name, s.domain, s.owner) == ("P-1", "测试项目", "5g", "dept")


# --- lag at the yellow and red lines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "color"),
    [(40, "yellow"), (F(81, 2), "blue"), (30, "red"), (F(61, 2), "yellow")],
    ids=["lag-10", "lag-9.5", "lag-20", "lag-19.5"],
)
def test_a_lag_exactly_at_a_line_takes_its_colour(judge: Judge, done: F, color: str) -> None:
    p = project(plan={MONTH: 50}, progress=progress((MONTH, float(done))))
    s = judge.status(p, MONTH, RULES)
    assert (s.color, s.actual, s.lag) == (color, done, 50 - done)


@pytest.mark.parametrize(
    ("rules", "plan", "done", "color"),
    [
        (Rules(red_lag=12.25), 50, 45, "blue"),  # 5 points behind
        (Rules(red_lag=12.25), 50, 37.75, "red"),  # exactly 12.25 behind
        (Rules(red_lag=12.25), 50, 38, "yellow"),  # 12 behind
        (Rules(yellow_lag=7.5), 50, 45, "blue"),
        (Rules(yellow_lag=7.5), 50, 42.5, "yellow"),  # exactly 7.5 behind
        (RULES, 50.5, 45, "blue"),  # 5.5 behind a decimal plan
        (RULES, 50.5, 40.5, "yellow"),  # exactly 10 behind
    ],
)
def test_decimal_lines_and_percents_are_compared_exactly(
    judge: Judge, rules: Rules, plan: float, done: float, color: str
) -> None:
    p = project(plan={MONTH: plan}, progress=progress((MONTH, done)))
    s = judge.status(p, MONTH, rules)
    assert (s.color, s.planned, s.actual) == (color, F(str(plan)), F(str(done)))


# --- milestones and the end date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("milestone", "color", "overdue"),
    [
        ({"due": D(2026, 10, 31)}, "blue", ()),  # due on the last day: not yet overdue
        ({"due": D(2026, 10, 30)}, "yellow", ((D(2026, 10, 30), 1),)),
        ({"due": D(2026, 10, 30), "done": D(2026, 10, 31)}, "blue", ()),  # done on the last day
        ({"due": D(2026, 10, 30), "done": D(2026, 11, 1)}, "yellow", ((D(2026, 10, 30), 1),)),
        ({"due": D(2026, 10, 1)}, "yellow", ((D(2026, 10, 1), 30),)),  # 30 days: not more
        ({"due": D(2026, 9, 30)}, "red", ((D(2026, 9, 30), 31),)),  # 31 days: red
    ],
)
def test_a_milestone_is_overdue_from_the_day_after_it_is_due(
    judge: Judge, milestone: dict[str, Any], color: str, overdue: tuple[tuple[D, int], ...]
) -> None:
    p = project(
        plan={MONTH: 50}, progress=progress((MONTH, 50)), milestones=[{"name": "主体", **milestone}]
    )
    s = judge.status(p, MONTH, RULES)
    assert s.color == color
    assert s.overdue_milestones == tuple(OverdueMilestone("主体", due, n) for due, n in overdue)
    expected = {"blue": (), "yellow": (ColorReason.milestone,), "red": (ColorReason.milestone,)}
    assert s.reasons == expected[color]


@pytest.mark.parametrize(
    ("end", "done", "color", "passed", "reasons"),
    [
        # ending on the month's last day at 90 %: not yet passed, 10 points behind → yellow
        (D(2026, 10, 31), 90, "yellow", False, (ColorReason.lag,)),
        (D(2026, 10, 30), 90, "red", True, (ColorReason.end_passed,)),  # passed, not done
        (D(2026, 9, 30), 100, "blue", False, (ColorReason.completed,)),  # done: always blue
    ],
)
def test_an_end_date_passes_the_day_after_it(
    judge: Judge, end: D, done: float, color: str, passed: bool, reasons: tuple[ColorReason, ...]
) -> None:
    p = project(end=end, progress=progress((MONTH, done)))
    s = judge.status(p, MONTH, RULES)
    assert (s.color, s.end_passed, s.reasons) == (color, passed, reasons)


# --- red streaks ---------------------------------------------------------------------------------

PLAN = {"2026-07": 40, "2026-08": 50, "2026-09": 60, "2026-10": 70}
# before July the plan rises from 0 at 2026-01-01 to 40 at 2026-07-31 (211 days): 34.1 % at
# June's end, so June is red for a project that had reported nothing by then


@pytest.mark.parametrize(
    ("plan", "start", "entries", "month", "expected"),
    [
        # Jul, Aug red (30 behind), Sep 10 behind (yellow), Oct red: one month, red before in Aug
        (
            PLAN,
            D(2026, 1, 1),
            (("2026-07", 10), ("2026-08", 20), ("2026-09", 50), ("2026-10", 40)),
            "2026-10",
            RedStreak(1, "2026-10", None, "2026-08"),
        ),
        # at August: Jul and Aug red and reported; June red without a report ended the streak
        (
            PLAN,
            D(2026, 1, 1),
            (("2026-07", 10), ("2026-08", 20), ("2026-09", 50), ("2026-10", 40)),
            "2026-08",
            RedStreak(2, "2026-07", "2026-06", "2026-06"),
        ),
        # yellow in September: no streak
        (PLAN, D(2026, 1, 1), (("2026-09", 50),), "2026-09", RedStreak(0)),
        # the month itself counts unreported; earlier months only when reported
        (
            PLAN,
            D(2026, 1, 1),
            (("2026-07", 10), ("2026-08", 20), ("2026-09", 30)),
            "2026-10",
            RedStreak(4, "2026-07", "2026-06", "2026-06"),
        ),
        # started 2026-09-01 (no plan: 24.0 % by Sep's end, 49.6 % by Oct's), red from its
        # first month: nothing before it
        (
            {},
            D(2026, 9, 1),
            (("2026-09", 0), ("2026-10", 10)),
            "2026-10",
            RedStreak(2, "2026-09", None, None),
        ),
        # started 2026-07-01, 30 planned in July and then linear to 100 at the year's end
        # (44.2 % Aug, 57.9 % Sep, 72.1 % Oct): red in its first month, not after, red again
        (
            {"2026-07": 30},
            D(2026, 7, 1),
            (("2026-07", 5), ("2026-08", 40), ("2026-09", 55), ("2026-10", 40)),
            "2026-10",
            RedStreak(1, "2026-10", None, "2026-07"),
        ),
        # the same, blue in its first month: never red before
        (
            {"2026-07": 30},
            D(2026, 7, 1),
            (("2026-07", 25), ("2026-08", 40), ("2026-09", 55), ("2026-10", 40)),
            "2026-10",
            RedStreak(1, "2026-10", None, None),
        ),
    ],
)
def test_a_red_streak_and_what_came_before_it(
    judge: Judge,
    plan: dict[str, float],
    start: D,
    entries: tuple[tuple[str, float], ...],
    month: str,
    expected: RedStreak,
) -> None:
    p = project(plan=plan, start=start, progress=progress(*entries))
    assert judge.red_streak(p, month, RULES) == expected


# --- who owes a report -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "owes"),
    [
        ({"start": D(2026, 11, 1)}, False),  # not started by the month's end
        ({"start": D(2026, 10, 31)}, True),  # started on its last day
        ({}, True),  # started, nothing reported yet
        ({"progress": progress(("2026-09", 100))}, False),  # finished in an earlier month
        ({"progress": progress(("2026-08", 100))}, False),
        ({"progress": progress(("2026-09", 99.5))}, True),
        ({"progress": progress((MONTH, 100))}, True),  # finished this month: still reports it
    ],
)
def test_a_started_project_owes_a_report_until_an_earlier_month_said_100(
    judge: Judge, fields: dict[str, Any], owes: bool
) -> None:
    assert judge.expected_to_report(project(**fields), MONTH) is owes


# --- the rule's breaches over many projects (rules/project_red.py) ---------------------------


def test_every_red_project_is_a_breach_whatever_colour_the_projects_before_it() -> None:
    """SPEC §3.3 project_red: each red project's owner is interviewed (held accountable from
    ``red_accountability_streak`` red months); a yellow, blue or not-started project listed
    before a red one does not end the search."""

    def status(pid: str, color: Color | None, owner: str) -> ProjectStatus:
        return ProjectStatus(pid, f"项目{pid}", "5g", owner, color, F(50), F(20), F(30), True)

    statuses = [
        status("P-1", "yellow", "dept"),
        status("P-2", None, "dept"),
        status("P-3", "red", "firm"),
        status("P-4", "blue", "dept"),
        status("P-5", "red", "dept"),
    ]
    runs = {"P-3": RedStreak(1, MONTH), "P-5": RedStreak(2, "2026-09")}
    found = project_red.breaches(statuses, runs.__getitem__, MONTH, RULES)
    assert [(b.unit, b.evidence.tiebreak(), b.action) for b in found] == [
        ("firm", ("P-3",), Action.interview),
        ("dept", ("P-5",), Action.accountability),  # red two months: 问责 from two
    ]
