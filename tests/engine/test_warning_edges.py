"""Early warnings (SPEC §3.6): each rule's warning function (``engine/rules/<rule_id>.py``,
``rules/base.py``) and the order of ``engine/early_warnings.py``, alone on a tiny hand-made
input at its boundary: a deadline on the month's last day or exactly ``warn_days`` after it, a
streak one month short of ``interview_streak`` or ``accountability_streak``, the order of a
day's warnings. The answers follow from the SPEC's words; they are the cases ``make mutate``
needs (docs/mutation.md)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from builders import D, problem, project, task
from xjj_cli.engine import early_warnings as ew
from xjj_cli.engine.results import (
    Action,
    Color,
    EarlyWarning,
    MetricRanking,
    MilestoneDueEvidence,
    ProblemDueEvidence,
    ProjectStatus,
    RedStreak,
    RuleId,
    StreakNearEvidence,
    TaskDueEvidence,
    TownRow,
    WarningId,
)
from xjj_cli.engine.rules import (
    base,
    below_district,
    bottom_n,
    city_task,
    problem_overdue,
    project_red,
    project_yellow,
)
from xjj_cli.model import Rules

MONTH = "2026-10"  # its last day is 2026-10-31; warn_days 30 reaches 2026-11-30
NEXT_END = D(2026, 11, 30)  # when a streak warning must be acted on: next month's end


# --- days_left: M's end ≤ deadline ≤ M's end + warn_days ----------------------------------------


@pytest.mark.parametrize(
    ("deadline", "warn_days", "left"),
    [
        (D(2026, 10, 30), 30, None),  # the day before M's end: passed, a breach's business
        (D(2026, 10, 31), 30, 0),  # M's last day: not yet passed, warns with 0 days left
        (D(2026, 11, 1), 30, 1),
        (D(2026, 11, 30), 30, 30),  # exactly warn_days after: warns
        (D(2026, 12, 1), 30, None),  # one day more: not yet
        (D(2026, 10, 31), 0, 0),  # warn_days 0 warns only of M's last day
        (D(2026, 11, 1), 0, None),
        (D(2026, 11, 5), 5, 5),
        (D(2026, 11, 6), 5, None),
    ],
)
def test_days_left_counts_from_the_months_end_within_warn_days(
    deadline: D, warn_days: int, left: int | None
) -> None:
    assert base.days_left(deadline, MONTH, warn_days) == left


def test_days_left_counts_to_the_end_of_the_month_asked_for() -> None:
    # September ends on the 30th: a deadline on October 1st is one day after it
    assert base.days_left(D(2026, 10, 1), "2026-09", 30) == 1
    assert base.days_left(D(2026, 2, 28), "2026-02", 30) == 0  # February's last day


# --- next_action: the action one more month would reach ---------------------------------------


@pytest.mark.parametrize(
    ("streak", "interview", "accountability", "expected"),
    [
        (0, 1, 3, None),  # no streak: nothing is near, though one month would reach 约谈
        (1, 2, 3, Action.interview),  # one short of interview_streak
        (2, 2, 3, Action.accountability),  # interviewed now, one short of accountability
        (3, 2, 3, None),  # already at accountability: nothing more to warn of
        (4, 2, 3, None),
        (1, 3, 5, None),  # two short of interview_streak: not near
        (2, 3, 5, Action.interview),
        (4, 3, 5, Action.accountability),
        (1, 2, 2, Action.accountability),  # both thresholds at two: the stronger is reached
        (1, 1, 2, Action.accountability),  # a red project: interviewed from its first month
        (1, 1, 3, None),  # red one month, 问责 from three: one more month changes nothing
        (2, 1, 3, Action.accountability),
    ],
)
def test_next_action_is_the_action_one_more_month_would_newly_reach(
    streak: int, interview: int, accountability: int, expected: Action | None
) -> None:
    assert base.next_action(streak, interview, accountability) == expected


# --- town streaks ------------------------------------------------------------------------------


def _ranking(month: str, flags: dict[str, tuple[bool, bool]]) -> MetricRanking:
    """A ranking of ``5g.stations`` whose towns are (bottom N, below the district) as given."""
    rows = tuple(
        TownRow(
            rank=i + 1,
            town=town,
            name=f"{town}镇",
            target=10,
            completed=5,
            rate=F(1, 2),
            color="blue",
            bottom_n=bottom,
            below_district=below,
            rank_change=None,
        )
        for i, (town, (bottom, below)) in enumerate(flags.items())
    )
    return MetricRanking(month, "5g.stations", "5G基站", "个", "5g", F(1, 2), F(10, 12), rows)


def _near(
    rule: RuleId, town: str, months: tuple[str, ...], action: Action, bottom_n: int = 3
) -> EarlyWarning:
    evidence = StreakNearEvidence(
        rule=rule,
        metric="5g.stations",
        project=None,
        months=months,
        streak=len(months),
        threshold=len(months) + 1,
        action=action,
        name="5G基站",
        bottom_n=bottom_n,
    )
    return EarlyWarning(WarningId.STREAK_NEAR, town, NEXT_END, evidence)


YES, NO = True, False
HISTORY = {
    "2026-08": _ranking("2026-08", {"a": (NO, YES), "b": (NO, NO), "c": (YES, YES)}),
    "2026-09": _ranking("2026-09", {"a": (YES, YES), "b": (NO, YES), "c": (YES, YES)}),
    "2026-10": _ranking(
        "2026-10", {"a": (YES, NO), "b": (YES, YES), "c": (YES, YES), "d": (NO, NO)}
    ),
}


def test_a_town_one_month_short_of_a_bottom_n_action_is_warned_with_its_streak() -> None:
    # interview from 2 months, accountability from 3: b (bottom one month) is one short of
    # 约谈, a (two months) one short of 问责, c (three months) already at 问责, d not bottom
    found = bottom_n.warnings(HISTORY, MONTH, Rules(bottom_n=2))
    assert found == [
        _near(RuleId.bottom_n, "a", ("2026-09", "2026-10"), Action.accountability, 2),
        _near(RuleId.bottom_n, "b", ("2026-10",), Action.interview, 2),
    ]


def test_a_below_the_district_streak_is_counted_on_its_own_flag() -> None:
    # below the district: a not in October (no streak), b two months (Sep, Oct) → 问责
    # next, c three months (already 问责)
    found = below_district.warnings(HISTORY, MONTH, Rules())
    assert found == [
        _near(RuleId.below_district, "b", ("2026-09", "2026-10"), Action.accountability),
    ]


def test_the_streak_thresholds_are_the_rules_parameters() -> None:
    rules = Rules(interview_streak=3, accountability_streak=4)
    found = bottom_n.warnings(HISTORY, MONTH, rules)
    # c, three months at the bottom, is interviewed now and one short of accountability 4;
    # a (two months) is one short of interview 3; b (one month) is not near
    assert found == [
        _near(RuleId.bottom_n, "a", ("2026-09", "2026-10"), Action.interview),
        _near(RuleId.bottom_n, "c", ("2026-08", "2026-09", "2026-10"), Action.accountability),
    ]


def test_a_month_without_its_ranking_warns_no_town() -> None:
    assert bottom_n.warnings(HISTORY, "2026-11", Rules()) == []


def test_a_december_streak_must_be_acted_on_by_januarys_end() -> None:
    history = {"2026-12": _ranking("2026-12", {"a": (YES, NO)})}
    (warning,) = bottom_n.warnings(history, "2026-12", Rules())
    assert warning.by == D(2027, 1, 31)


# --- a red project's streak ----------------------------------------------------------------------


def _status(pid: str, color: Color | None, owner: str = "dept") -> ProjectStatus:
    return ProjectStatus(pid, f"项目{pid}", "5g", owner, color, F(50), F(20), F(30), True)


def _red_near(pid: str, owner: str, months: tuple[str, ...]) -> EarlyWarning:
    evidence = StreakNearEvidence(
        rule=RuleId.project_red,
        metric=None,
        project=pid,
        months=months,
        streak=len(months),
        threshold=len(months) + 1,
        action=Action.accountability,
        name=f"项目{pid}",
    )
    return EarlyWarning(WarningId.STREAK_NEAR, owner, NEXT_END, evidence)


def test_a_red_project_one_month_short_of_accountability_warns_its_owner() -> None:
    runs = {
        "P-1": RedStreak(1, "2026-10"),  # red one month, 问责 from two: warned
        "P-2": RedStreak(2, "2026-09"),  # red two months: already 问责
        "P-4": RedStreak(1, "2026-10"),  # another owner's, warned too
    }
    statuses = [
        _status("P-1", "red"),
        _status("P-2", "red"),
        _status("P-3", "yellow"),  # not red: its streak is never asked for
        _status("P-4", "red", owner="firm"),
        _status("P-5", None),  # not started
    ]
    found = project_red.warnings(statuses, runs.__getitem__, MONTH, Rules())
    assert found == [_red_near("P-1", "dept", ("2026-10",)), _red_near("P-4", "firm", ("2026-10",))]


def test_a_red_streak_across_new_year_lists_every_month_of_it() -> None:
    runs = {"P-1": RedStreak(2, "2026-12"), "P-2": RedStreak(1, "2027-01")}
    rules = Rules(red_accountability_streak=3)
    found = project_red.warnings(
        [_status("P-1", "red"), _status("P-2", "red")], runs.__getitem__, "2027-01", rules
    )
    # P-1: two red months, 问责 from three → warned; P-2: interviewed from its first red month,
    # one more month reaches only two of three → not near
    (warning,) = found
    assert warning.by == D(2027, 2, 28)
    assert isinstance(warning.evidence, StreakNearEvidence)
    assert warning.evidence.months == ("2026-12", "2027-01")
    assert (warning.evidence.streak, warning.evidence.threshold) == (2, 3)


# --- deadlines: tasks, milestones, problems -------------------------------------------------------


def test_every_responsible_unit_of_a_task_due_soon_is_warned() -> None:
    tasks = [
        task(id="SJ-1", deadline=D(2026, 11, 30), units=["dept", "firm"]),
        task(id="SJ-2", deadline=D(2026, 10, 30)),  # overdue: a breach, not a warning
        task(id="SJ-3", deadline=D(2026, 12, 1)),  # beyond warn_days
        task(id="SJ-4", deadline=D(2026, 11, 10), done=D(2026, 10, 31)),  # done by M's end
        task(id="SJ-5", deadline=D(2026, 11, 10), done=D(2026, 11, 1)),  # done only after
    ]
    sj1 = TaskDueEvidence("SJ-1", "测试任务", D(2026, 11, 30), 30)
    sj5 = TaskDueEvidence("SJ-5", "测试任务", D(2026, 11, 10), 10)
    assert city_task.warnings(tasks, MONTH, Rules()) == [
        EarlyWarning(WarningId.TASK_DUE, "dept", D(2026, 11, 30), sj1),
        EarlyWarning(WarningId.TASK_DUE, "firm", D(2026, 11, 30), sj1),
        EarlyWarning(WarningId.TASK_DUE, "dept", D(2026, 11, 10), sj5),
    ]


def test_warn_days_of_the_rules_bound_the_task_warnings() -> None:
    tasks = [task(id="SJ-1", deadline=D(2026, 11, 5)), task(id="SJ-2", deadline=D(2026, 11, 6))]
    found = city_task.warnings(tasks, MONTH, Rules(warn_days=5))
    assert [(w.unit, w.evidence) for w in found] == [
        ("dept", TaskDueEvidence("SJ-1", "测试任务", D(2026, 11, 5), 5))
    ]


def test_a_milestone_not_done_at_the_months_end_and_due_soon_warns_the_owner() -> None:
    first = project(
        id="P-1",
        owner="firm",
        milestones=[
            {"name": "开工", "due": D(2026, 10, 31)},  # M's last day: 0 days left
            {"name": "主体", "due": D(2026, 11, 10), "done": D(2026, 10, 31)},  # done on M's end
            {"name": "验收", "due": D(2026, 11, 20), "done": D(2026, 11, 1)},  # done after it
            {"name": "投用", "due": D(2026, 12, 1)},  # beyond warn_days
            {"name": "前期", "due": D(2026, 10, 30)},  # overdue
        ],
    )
    second = project(id="P-2", name="二号项目", milestones=[{"name": "开工", "due": NEXT_END}])
    found = project_yellow.warnings([first, second], MONTH, Rules())
    assert found == [
        EarlyWarning(
            WarningId.MILESTONE_DUE,
            "firm",
            D(2026, 10, 31),
            MilestoneDueEvidence("P-1", "开工", D(2026, 10, 31), 0, "测试项目"),
        ),
        EarlyWarning(
            WarningId.MILESTONE_DUE,
            "firm",
            D(2026, 11, 20),
            MilestoneDueEvidence("P-1", "验收", D(2026, 11, 20), 20, "测试项目"),
        ),
        EarlyWarning(
            WarningId.MILESTONE_DUE,
            "dept",
            NEXT_END,
            MilestoneDueEvidence("P-2", "开工", NEXT_END, 30, "二号项目"),
        ),
    ]


def test_a_milestone_warning_uses_the_rules_warn_days() -> None:
    p = project(milestones=[{"name": "开工", "due": D(2026, 11, 3)}])
    assert project_yellow.warnings([p], MONTH, Rules(warn_days=2)) == []
    assert len(project_yellow.warnings([p], MONTH, Rules(warn_days=3))) == 1


def test_a_problem_open_at_the_months_end_and_due_soon_warns_its_unit() -> None:
    problems = [
        problem(id="WT-2026-001", deadline=D(2026, 11, 15)),  # open, due soon
        problem(id="WT-2026-002", deadline=D(2026, 11, 15), resolved=D(2026, 10, 31)),
        problem(id="WT-2026-003", deadline=D(2026, 11, 15), resolved=D(2026, 11, 1), unit="firm"),
        problem(id="WT-2026-004", raised=D(2026, 11, 2), deadline=D(2026, 11, 20)),  # later
        problem(id="WT-2026-005", deadline=D(2026, 10, 30)),  # overdue
        problem(id="WT-2026-006", deadline=D(2026, 12, 1)),  # beyond warn_days
    ]
    text = "物业收取进场费，基站无法进场"
    assert problem_overdue.warnings(problems, MONTH, Rules()) == [
        EarlyWarning(
            WarningId.PROBLEM_DUE,
            "dept",
            D(2026, 11, 15),
            ProblemDueEvidence("WT-2026-001", text, D(2026, 11, 15), 15),
        ),
        EarlyWarning(
            WarningId.PROBLEM_DUE,
            "firm",
            D(2026, 11, 15),
            ProblemDueEvidence("WT-2026-003", text, D(2026, 11, 15), 15),
        ),
    ]
    assert problem_overdue.warnings(problems[:1], MONTH, Rules(warn_days=14)) == []


# --- the order of a month's warnings --------------------------------------------------------------


def _streak(unit: str, by: D, rule: RuleId, metric: str | None, pid: str | None) -> EarlyWarning:
    evidence = StreakNearEvidence(rule, metric, pid, (MONTH,), 1, 2, Action.interview, "名")
    return EarlyWarning(WarningId.STREAK_NEAR, unit, by, evidence)


def _task(unit: str, by: D, tid: str) -> EarlyWarning:
    return EarlyWarning(WarningId.TASK_DUE, unit, by, TaskDueEvidence(tid, "任务", by, 1))


def _milestone(unit: str, by: D, pid: str, name: str) -> EarlyWarning:
    evidence = MilestoneDueEvidence(pid, name, by, 1, "项目")
    return EarlyWarning(WarningId.MILESTONE_DUE, unit, by, evidence)


def _problem(unit: str, by: D, pid: str) -> EarlyWarning:
    return EarlyWarning(WarningId.PROBLEM_DUE, unit, by, ProblemDueEvidence(pid, "问题", by, 1))


def test_warnings_are_most_urgent_first_then_by_kind_unit_and_item() -> None:
    nov5, nov30 = D(2026, 11, 5), NEXT_END
    expected = [
        _problem("z", nov5, "WT-2026-009"),  # the earliest date first, whatever its kind
        # on one date: streaks, tasks, milestones, problems
        _streak("b", nov30, RuleId.bottom_n, "5g.stations", None),  # b is first in `units`
        # a's streaks by metric or project ("5g.stations" < "P-1" < "charging.piles"), then
        # in the rules' order
        _streak("a", nov30, RuleId.bottom_n, "5g.stations", None),
        _streak("a", nov30, RuleId.below_district, "5g.stations", None),
        _streak("a", nov30, RuleId.project_red, None, "P-1"),
        _streak("a", nov30, RuleId.bottom_n, "charging.piles", None),
        _task("a", nov30, "SJ-1"),
        _task("a", nov30, "SJ-2"),
        _task("c", nov30, "SJ-1"),  # units not listed come after, by code
        _task("z", nov30, "SJ-1"),
        _milestone("a", nov30, "P-1", "开工"),
        _milestone("a", nov30, "P-1", "验收"),
        _milestone("a", nov30, "P-2", "开工"),
        _problem("a", nov30, "WT-2026-001"),
        _problem("a", nov30, "WT-2026-002"),
    ]
    assert ew.most_urgent_first(reversed(expected), ["b", "a"]) == tuple(expected)
    shuffled = list(dict.fromkeys(expected[7::2] + expected[::-3] + expected))
    assert ew.most_urgent_first(shuffled, ["b", "a"]) == tuple(expected)


def test_by_unit_keeps_the_units_in_order_of_their_first_warning() -> None:
    nov30 = NEXT_END
    warnings = [_task("b", nov30, "SJ-1"), _task("a", nov30, "SJ-1"), _task("b", nov30, "SJ-2")]
    grouped = ew.by_unit(warnings)
    assert list(grouped) == ["b", "a"]
    assert grouped == {"b": [warnings[0], warnings[2]], "a": [warnings[1]]}
