"""Each rule of SPEC §3 alone, on tiny hand-made tables whose answer is obvious."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Literal

import pytest

from builders import D, dataset, events, figures, progress, project, task
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.projects import planned_percent, project_status
from xjj_cli.engine.results import Action, Breach
from xjj_cli.engine.rules.base import streak_action
from xjj_cli.engine.rules.bottom_n import BottomNEvidence, RankMonth
from xjj_cli.engine.rules.city_card import breaches as card_breaches
from xjj_cli.engine.rules.city_task import TaskEvidence
from xjj_cli.engine.rules.city_task import breaches as task_breaches
from xjj_cli.engine.rules.noncooperation import NoncooperationEvidence, ReportEvidence
from xjj_cli.engine.rules.noncooperation import breaches as noncooperation_breaches
from xjj_cli.engine.rules.project_red import RedProjectEvidence
from xjj_cli.engine.streaks import run_of_months
from xjj_cli.engine.tasks import task_state
from xjj_cli.engine.towns import bottom_flags, competition_ranks, rank_metric, town_color
from xjj_cli.model import Rules, Task

RULES = Rules()


# --- 3.1 town rankings ----------------------------------------------------------------------


def test_competition_ranks_share_ties_and_skip() -> None:
    assert competition_ranks([F(9, 10), F(8, 10), F(8, 10), F(5, 10)]) == [1, 2, 2, 4]


def test_rates_are_compared_exactly_not_after_rounding() -> None:
    # 2/3 and 666/1000 print alike (66.7%) but are not equal
    assert competition_ranks([F(2, 3), F(666, 1000)]) == [1, 2]
    assert competition_ranks([F(1, 2), F(2, 4)]) == [1, 1]


def test_bottom_three_with_a_tie_at_the_boundary() -> None:
    rates = [F(9, 10), F(8, 10), F(6, 10), F(6, 10), F(5, 10)]
    # include: fewer than 3 below → both 60% towns are in: 4 towns listed
    assert bottom_flags(rates, 3, "include") == [False, False, True, True, True]
    # exclude: at most 3 at or below → the tied pair (3 at or below) is in, 80% is not
    assert bottom_flags(rates, 3, "exclude") == [False, False, True, True, True]
    tied_above = [F(9, 10), F(6, 10), F(6, 10), F(5, 10), F(4, 10)]
    assert bottom_flags(tied_above, 3, "include") == [False, True, True, True, True]
    assert bottom_flags(tied_above, 3, "exclude") == [False, False, False, True, True]


@pytest.mark.parametrize(
    ("ties", "bottom"), [("include", [False, True, True]), ("exclude", [False] * 3)]
)
def test_rank_metric_applies_the_districts_tie_rule_at_the_bottom(
    ties: Literal["include", "exclude"], bottom: list[bool]
) -> None:
    """Two towns tied for last with bottom 1: both are in under "include" (none is strictly
    below them), neither under "exclude" (two are at or below each)."""
    frame = figures([("2026-06", "a", 10, 9), ("2026-06", "b", 10, 5), ("2026-06", "c", 10, 5)])
    ranked, _ = rank_metric(
        frame[["town", "target", "completed"]],
        bottom_n=1,
        bottom_ties=ties,
        progress=F(1, 2),
        yellow_lag=F(1, 10),
    )
    assert list(ranked["town"]) == ["a", "b", "c"]
    assert list(ranked["bottom_n"]) == bottom


def test_rank_metric_marks_bottom_below_district_and_colour() -> None:
    frame = figures(
        [
            ("2026-06", "a", 10, 9),
            ("2026-06", "b", 10, 5),
            ("2026-06", "c", 10, 2),
            ("2026-06", "d", 0, 0),
        ]
    )
    ranked, district = rank_metric(
        frame[["town", "target", "completed"]],
        bottom_n=1,
        bottom_ties="include",
        progress=F(1, 2),
        yellow_lag=F(1, 10),
    )
    assert district == F(16, 30)
    assert list(ranked["town"]) == ["a", "b", "c"]  # d has no target: not ranked
    assert list(ranked["bottom_n"]) == [False, False, True]
    assert list(ranked["below_district"]) == [False, True, True]
    assert list(ranked["color"]) == ["blue", "blue", "red"]


@pytest.mark.parametrize(
    ("rate", "color"),
    [(F(3, 4), "blue"), (F(1, 2), "blue"), (F(2, 5), "yellow"), (F(399, 1000), "red")],
)
def test_town_colour_thresholds_are_inclusive(rate: F, color: str) -> None:
    assert town_color(rate, F(1, 2), F(1, 10)) == color


def _months(*months: tuple[str, dict[str, tuple[int, int]]]) -> list[tuple[str, str, int, int]]:
    return [(m, t, tg, c) for m, towns in months for t, (tg, c) in towns.items()]


LOW_E = {"a": (10, 9), "b": (10, 8), "c": (10, 7), "d": (10, 6), "e": (10, 1)}


def _actions(ev: MonthEvaluation, rule: str) -> dict[str, str]:
    return {b.unit: b.action.key for b in ev.breaches if b.rule == rule}


def _streaks(ev: MonthEvaluation, rule: str) -> dict[str, int]:
    return {b.unit: _streak(b) for b in ev.breaches if b.rule == rule}


def _streak(breach: Breach) -> int:
    streak = getattr(breach.evidence, "streak", None)
    assert isinstance(streak, int), breach
    return streak


HIGH_E = {**LOW_E, "e": (10, 10)}  # e first of five: neither bottom nor below the district


def test_run_of_months_counts_back_until_a_month_fails_or_has_no_data() -> None:
    months = {"2025-11": True, "2025-12": True, "2026-01": True, "2026-02": True}

    def holds(m: str) -> bool:
        return months.get(m, False)  # a month without data ends the run

    assert run_of_months("2026-02", holds) == ("2025-11", "2025-12", "2026-01", "2026-02")
    assert run_of_months("2026-03", holds) == ()
    months["2025-12"] = False
    assert run_of_months("2026-02", holds) == ("2026-01", "2026-02")
    asked: list[str] = []

    def recorded(m: str) -> bool:
        asked.append(m)
        return m >= "2026-01"

    run_of_months("2026-02", recorded)
    assert asked == ["2026-02", "2026-01", "2025-12"]  # every calendar month, one by one


def test_streak_stops_at_the_first_miss_or_missing_month() -> None:
    """The streaks that the rules count: towns (bottom N, below the district) and red projects."""
    assert streak_action(1, 2, 3) is None
    assert streak_action(2, 2, 3) is Action.interview
    assert streak_action(3, 2, 3) is Action.accountability
    one = Rules(bottom_n=1)
    # a month out of the bottom N ends the run: July, (not in August), September, October → 2
    rows = _months(("2026-07", LOW_E), ("2026-08", HIGH_E), ("2026-09", LOW_E), ("2026-10", LOW_E))
    ev = MonthEvaluation(dataset(figures(rows), rules=one), "2026-10")
    assert _streaks(ev, "bottom_n") == {"e": 2}
    assert _streaks(ev, "below_district") == {"d": 4, "e": 2}  # d: below all four months
    # a month without data ends it too: July, August, (no September file), October → 1
    rows = _months(("2026-07", LOW_E), ("2026-08", LOW_E), ("2026-10", LOW_E))
    ev = MonthEvaluation(
        dataset(figures(rows), rules=Rules(bottom_n=1, interview_streak=1)), "2026-10"
    )
    assert _streaks(ev, "bottom_n") == {"e": 1}
    # unbroken: three months → 3
    rows = _months(("2026-08", LOW_E), ("2026-09", LOW_E), ("2026-10", LOW_E))
    assert _streaks(MonthEvaluation(dataset(figures(rows), rules=one), "2026-10"), "bottom_n") == {
        "e": 3
    }


def test_red_streak_stops_at_the_first_month_not_red_or_not_reported() -> None:
    plan = {"2026-07": 40, "2026-08": 50, "2026-09": 60, "2026-10": 70}

    def red_streak(*entries: tuple[str, float]) -> int:
        p = project(plan=plan, progress=progress(*entries))
        return MonthEvaluation(dataset(projects=[p]), "2026-10").red_streak(p.id)

    # red (lag ≥ 20) in July, September and October; blue in August → 2
    assert red_streak(("2026-07", 10), ("2026-08", 50), ("2026-09", 35), ("2026-10", 40)) == 2
    # red every month it reported, but no report for September → 1
    assert red_streak(("2026-07", 10), ("2026-08", 20), ("2026-10", 40)) == 1
    # red four months running → 4
    assert red_streak(("2026-07", 10), ("2026-08", 20), ("2026-09", 30), ("2026-10", 40)) == 4
    # not red this month → 0
    assert red_streak(("2026-07", 10), ("2026-10", 70)) == 0


def test_bottom_n_streak_interview_then_accountability() -> None:
    rows = _months(("2026-08", LOW_E), ("2026-09", LOW_E), ("2026-10", LOW_E))
    ev = MonthEvaluation(dataset(figures(rows), rules=Rules(bottom_n=1)), "2026-10")
    assert _actions(ev, "bottom_n") == {"e": "accountability"}
    ev9 = MonthEvaluation(dataset(figures(rows), rules=Rules(bottom_n=1)), "2026-09")
    assert _actions(ev9, "bottom_n") == {"e": "interview"}
    breach = next(b for b in ev.breaches if b.rule == "bottom_n")
    assert breach.evidence == BottomNEvidence(
        metric="5g.stations",
        streak=3,
        months=tuple(RankMonth(m, 5, 5, F(1, 10)) for m in ("2026-08", "2026-09", "2026-10")),
        metric_name="5G基站",
        bottom_n=1,
    )


def test_a_month_missing_from_the_data_breaks_the_streak() -> None:
    rows = _months(("2026-07", LOW_E), ("2026-08", LOW_E), ("2026-10", LOW_E))  # no September file
    ev = MonthEvaluation(dataset(figures(rows), rules=Rules(bottom_n=1)), "2026-10")
    assert _actions(ev, "bottom_n") == {}
    assert _actions(ev, "below_district") == {}


def test_streaks_run_across_the_year_end() -> None:
    rows = _months(("2025-12", LOW_E), ("2026-01", LOW_E))
    ev = MonthEvaluation(dataset(figures(rows), rules=Rules(bottom_n=1)), "2026-01")
    assert _actions(ev, "bottom_n") == {"e": "interview"}


def test_a_town_without_a_target_that_month_breaks_its_streak() -> None:
    no_target = {**LOW_E, "e": (0, 0)}
    rows = _months(("2026-08", LOW_E), ("2026-09", no_target), ("2026-10", LOW_E))
    ev = MonthEvaluation(dataset(figures(rows), rules=Rules(bottom_n=1)), "2026-10")
    assert _actions(ev, "bottom_n") == {}


def test_below_district_streak_and_town_red() -> None:
    rows = _months(("2026-09", LOW_E), ("2026-10", LOW_E))
    ev = MonthEvaluation(dataset(figures(rows)), "2026-10")
    # district rate 31/50 = 62%: d (60%) and e (10%) are below it two months running
    assert _actions(ev, "below_district") == {"d": "interview", "e": "interview"}
    # time progress 10/12 = 83.3%, red below 73.3%: c (70%), d and e
    assert _actions(ev, "town_red") == {"c": "remind", "d": "remind", "e": "remind"}


def test_bottom_ties_exclude_changes_the_findings() -> None:
    tied = {"a": (10, 9), "b": (10, 8), "c": (10, 5), "d": (10, 5), "e": (10, 5)}
    rows = _months(("2026-09", tied), ("2026-10", tied))
    include = MonthEvaluation(dataset(figures(rows), rules=Rules(bottom_n=2)), "2026-10")
    exclude = MonthEvaluation(
        dataset(figures(rows), rules=Rules(bottom_n=2, bottom_ties="exclude")), "2026-10"
    )
    assert set(_actions(include, "bottom_n")) == {"c", "d", "e"}
    assert set(_actions(exclude, "bottom_n")) == set()


def test_rank_change_is_last_month_minus_this_month() -> None:
    sept = {"a": (10, 1), "b": (10, 9)}
    octo = {"a": (10, 9), "b": (10, 10), "c": (10, 1)}
    ev = MonthEvaluation(dataset(figures(_months(("2026-09", sept), ("2026-10", octo)))), "2026-10")
    changes = {r.town: r.rank_change for r in ev.rankings[0].rows}
    assert changes == {"b": 0, "a": 0, "c": None}
    sept2 = {"a": (10, 9), "b": (10, 1), "c": (10, 5)}
    ev2 = MonthEvaluation(
        dataset(figures(_months(("2026-09", sept2), ("2026-10", octo)))), "2026-10"
    )
    assert {r.town: r.rank_change for r in ev2.rankings[0].rows} == {"b": 2, "a": -1, "c": -1}


# --- 3.2 project colours ----------------------------------------------------------------------


def test_planned_without_plan_is_linear_by_days() -> None:
    p = project(start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert planned_percent(p, "2026-06") == F(100 * 180, 364)
    assert planned_percent(p, "2026-12") == 100
    assert planned_percent(p, "2027-03") == 100


def test_planned_interpolates_between_plan_points() -> None:
    p = project(start=D(2026, 1, 1), end=D(2026, 12, 31), plan={"2026-06": 30, "2026-09": 70})
    assert planned_percent(p, "2026-06") == 30
    # 30 at 06-30, 70 at 09-30 (92 days); 07-31 is 31 days after
    assert planned_percent(p, "2026-07") == 30 + F(40 * 31, 92)
    # before the first point: from 0 at start (01-01) to 30 at 06-30 (180 days); 03-31 is day 89
    assert planned_percent(p, "2026-03") == F(30 * 89, 180)
    # after the last point: from 70 at 09-30 to 100 at 12-31 (92 days); 10-31 is 31 days after
    assert planned_percent(p, "2026-10") == 70 + F(30 * 31, 92)


def test_project_not_yet_started_has_no_colour() -> None:
    status = project_status(project(start=D(2026, 11, 1)), "2026-10", RULES)
    assert status.color is None and status.planned is None


def test_project_finished_early_is_blue_even_without_later_reports() -> None:
    p = project(end=D(2026, 12, 31), progress=progress(("2026-05", 100)))
    status = project_status(p, "2026-10", RULES)
    assert status.color == "blue"
    assert status.reported is False
    assert status.actual == 100


def test_project_with_no_entry_for_the_month_is_not_reported_and_at_least_yellow() -> None:
    p = project(
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
        plan={"2026-10": 50},
        progress=progress(("2026-09", 50)),
    )
    status = project_status(p, "2026-10", RULES)
    assert (status.color, status.reported, status.actual) == ("yellow", False, F(50))
    assert status.reasons == ("not_reported",)
    never = project_status(project(plan={"2026-10": 5}), "2026-10", RULES)
    assert (never.color, never.actual) == ("yellow", F(0))


def test_lag_thresholds_make_yellow_and_red() -> None:
    p = project(plan={"2026-10": 80}, progress=progress(("2026-10", 70)))
    assert project_status(p, "2026-10", RULES).color == "yellow"  # lag 10 ≥ 10
    p = project(plan={"2026-10": 80}, progress=progress(("2026-10", 60)))
    assert project_status(p, "2026-10", RULES).color == "red"  # lag 20 ≥ 20
    p = project(plan={"2026-10": 80}, progress=progress(("2026-10", 70.5)))
    assert project_status(p, "2026-10", RULES).color == "blue"  # lag 9.5


def test_overdue_milestones_make_yellow_then_red_after_thirty_days() -> None:
    due = {"name": "主体完工", "due": D(2026, 10, 1)}
    p = project(plan={"2026-10": 50}, progress=progress(("2026-10", 50)), milestones=[due])
    status = project_status(p, "2026-10", RULES)
    assert (status.color, status.overdue_milestones[0].days) == ("yellow", 30)
    late = {"name": "主体完工", "due": D(2026, 9, 30)}
    p = project(plan={"2026-10": 50}, progress=progress(("2026-10", 50)), milestones=[late])
    assert project_status(p, "2026-10", RULES).color == "red"  # 31 days
    done_later = {"name": "主体完工", "due": D(2026, 9, 30), "done": D(2026, 11, 2)}
    p = project(plan={"2026-10": 50}, progress=progress(("2026-10", 50)), milestones=[done_later])
    assert project_status(p, "2026-10", RULES).color == "red"  # not done by October's end


def test_end_passed_before_completion_is_red() -> None:
    p = project(start=D(2026, 1, 1), end=D(2026, 9, 30), progress=progress(("2026-10", 99)))
    status = project_status(p, "2026-10", RULES)
    assert status.color == "red" and status.end_passed


def test_progress_after_the_month_is_ignored() -> None:
    p = project(
        plan={"2026-09": 50, "2026-10": 60}, progress=progress(("2026-09", 20), ("2026-10", 60))
    )
    assert project_status(p, "2026-09", RULES).color == "red"
    assert project_status(p, "2026-10", RULES).color == "blue"


def test_project_red_streak_escalates_to_accountability() -> None:
    p = project(
        plan={"2026-08": 40, "2026-09": 50, "2026-10": 60},
        progress=progress(("2026-08", 35), ("2026-09", 25), ("2026-10", 30)),
    )
    ev = MonthEvaluation(dataset(projects=[p]), "2026-10")
    breach = next(b for b in ev.breaches if b.rule == "project_red")
    assert (breach.unit, breach.action, _streak(breach)) == ("dept", Action.accountability, 2)
    assert isinstance(breach.evidence, RedProjectEvidence)
    evidence = breach.evidence
    assert (evidence.streak_since, evidence.unreported_month, evidence.red_before) == (
        "2026-09",
        None,
        "2026-07",  # nothing reported before August: red in July, blue in August
    )
    assert (evidence.planned, evidence.actual, evidence.lag) == (F(60), F(30), F(30))
    first = MonthEvaluation(dataset(projects=[p]), "2026-09")
    assert next(b for b in first.breaches if b.rule == "project_red").action is Action.interview


def test_yellow_project_notifies_its_owner() -> None:
    p = project(owner="firm", plan={"2026-10": 80}, progress=progress(("2026-10", 68)))
    ev = MonthEvaluation(dataset(projects=[p]), "2026-10")
    assert [(b.unit, b.rule, b.action) for b in ev.breaches] == [
        ("firm", "project_yellow", Action.notify)
    ]


# --- 3.3 city key tasks, cards, non-cooperation ----------------------------------------------


def _task(breach: Breach) -> TaskEvidence:
    assert isinstance(breach.evidence, TaskEvidence)
    return breach.evidence


def test_task_overdue_interview_then_accountability_after_thirty_days() -> None:
    recent = task(id="T1", deadline=D(2026, 10, 1))  # 30 days at 10-31
    old = task(id="T2", deadline=D(2026, 9, 30))  # 31 days
    found = {_task(b).task: b.action for b in task_breaches([recent, old], "2026-10", RULES)}
    assert found == {"T1": Action.interview, "T2": Action.accountability}


def test_task_done_late_during_the_month_and_in_an_earlier_month() -> None:
    this_month = task(id="T1", deadline=D(2026, 9, 30), done=D(2026, 10, 20))
    earlier = task(id="T2", deadline=D(2026, 7, 31), done=D(2026, 8, 20))
    on_time = task(id="T3", deadline=D(2026, 9, 30), done=D(2026, 9, 29))
    due_at_month_end = task(id="T4", deadline=D(2026, 10, 31))
    found = task_breaches([this_month, earlier, on_time, due_at_month_end], "2026-10", RULES)
    assert [(b.action, b.evidence) for b in found] == [
        (
            Action.interview,
            TaskEvidence("T1", "测试任务", D(2026, 9, 30), D(2026, 10, 20), 20),
        )
    ]


def test_a_done_date_after_the_month_counts_as_not_done() -> None:
    t = task(deadline=D(2026, 8, 31), done=D(2026, 11, 5))
    (breach,) = task_breaches([t], "2026-10", RULES)
    assert breach.action is Action.accountability and _task(breach).done is None


def test_every_responsible_unit_of_a_task_is_named() -> None:
    t = task(units=["dept", "a"], deadline=D(2026, 10, 15))
    assert sorted(b.unit for b in task_breaches([t], "2026-10", RULES)) == ["a", "dept"]


def test_cards_yellow_interview_red_accountability() -> None:
    e = events(
        cards=[
            {"date": D(2026, 10, 3), "color": "yellow", "unit": "dept", "subject": "进度滞后"},
            {"date": D(2026, 10, 9), "color": "red", "unit": "firm", "subject": "严重滞后"},
        ]
    )
    assert [(b.unit, b.action) for b in card_breaches(e)] == [
        ("dept", Action.interview),
        ("firm", Action.accountability),
    ]


def _report(
    day: int, month: int = 10, *, verified: bool = True, unit: str = "dept"
) -> dict[str, object]:
    return {
        "date": D(2026, month, day),
        "reporter": "a",
        "unit": unit,
        "text": "不配合",
        "verified": verified,
    }


def test_noncooperation_one_report_two_reports_and_two_months() -> None:
    names = {"a": "a镇"}
    one = {"2026-10": events(noncooperation=[_report(8), _report(9, verified=False)])}
    assert [b.action for b in noncooperation_breaches(one, "2026-10", RULES, names)] == [
        Action.interview
    ]
    two = {"2026-10": events(noncooperation=[_report(8), _report(20)])}
    assert [b.action for b in noncooperation_breaches(two, "2026-10", RULES, names)] == [
        Action.accountability
    ]
    months = {
        "2026-09": events(noncooperation=[_report(3, 9)]),
        "2026-10": events(noncooperation=[_report(8)]),
    }
    (breach,) = noncooperation_breaches(months, "2026-10", RULES, names)
    assert (breach.action, breach.evidence) == (
        Action.accountability,
        NoncooperationEvidence(
            1, 2, (ReportEvidence(D(2026, 10, 8), "a", "不配合", "a镇"),), "2026-10"
        ),
    )
    gap = {
        "2026-08": events(noncooperation=[_report(3, 8)]),
        "2026-10": events(noncooperation=[_report(8)]),
    }
    assert [b.action for b in noncooperation_breaches(gap, "2026-10", RULES, names)] == [
        Action.interview
    ]


def test_a_noncooperation_streak_counts_every_month_back_to_the_first_gap() -> None:
    months = {
        "2026-06": events(noncooperation=[_report(3, 6)]),
        "2026-08": events(noncooperation=[_report(3, 8)]),
        "2026-09": events(noncooperation=[_report(3, 9), _report(4, 9, verified=False)]),
        "2026-10": events(noncooperation=[_report(8)]),
    }
    (breach,) = noncooperation_breaches(months, "2026-10", RULES, {})
    assert _streak(breach) == 3  # August to October; July had no report


def test_unverified_reports_never_count() -> None:
    only = {"2026-10": events(noncooperation=[_report(8, verified=False)])}
    assert noncooperation_breaches(only, "2026-10", RULES, {}) == []


def test_a_unit_takes_its_strongest_action_and_keeps_every_reason() -> None:
    p = project(owner="dept", plan={"2026-10": 80}, progress=progress(("2026-10", 68)))
    e = {
        "2026-10": events(
            cards=[{"date": D(2026, 10, 3), "color": "red", "unit": "dept", "subject": "滞后"}]
        )
    }
    ev = MonthEvaluation(dataset(projects=[p], evts=e), "2026-10")
    (finding,) = ev.findings
    assert finding.action is Action.accountability
    assert [r.rule for r in finding.reasons] == ["city_card", "project_yellow"]


# --- 3.4 departments -------------------------------------------------------------------------


def task_on_schedule(t: Task, month: str) -> bool:
    return task_state(t, month).on_schedule


def test_task_on_schedule() -> None:
    assert task_on_schedule(task(deadline=D(2026, 9, 30), done=D(2026, 9, 30)), "2026-10")
    assert not task_on_schedule(task(deadline=D(2026, 9, 30), done=D(2026, 10, 1)), "2026-10")
    assert task_on_schedule(task(deadline=D(2026, 12, 31)), "2026-10")
    assert task_on_schedule(task(deadline=D(2026, 10, 31)), "2026-10")
    assert not task_on_schedule(task(deadline=D(2026, 10, 30)), "2026-10")
    assert task_on_schedule(
        task(deadline=D(2026, 12, 31), done=D(2027, 1, 5)), "2026-10"
    )  # done later: not yet due


def test_department_score_counts_coloured_projects_and_this_years_tasks() -> None:
    blue = project(id="P-1", owner="dept", plan={"2026-10": 50}, progress=progress(("2026-10", 50)))
    red = project(id="P-2", owner="dept", plan={"2026-10": 80}, progress=progress(("2026-10", 50)))
    future = project(id="P-3", owner="firm", start=D(2027, 1, 1), end=D(2027, 12, 31))
    tasks = [
        task(id="T1", units=["dept", "firm"], deadline=D(2026, 12, 31)),
        task(id="T2", units=["firm"], deadline=D(2025, 6, 30)),  # another year: not counted
        task(id="T3", units=["firm"], deadline=D(2026, 3, 31), done=D(2026, 4, 2)),
    ]
    ev = MonthEvaluation(dataset(projects=[blue, red, future], tasks=tasks), "2026-10")
    rows = {r.unit: (r.rank, r.items, r.on_schedule, r.score) for r in ev.departments}
    assert rows == {"dept": (1, 3, 2, F(2, 3)), "firm": (2, 2, 1, F(1, 2))}


def test_a_month_without_a_report_ends_a_projects_red_streak() -> None:
    gap = project(
        plan={"2026-08": 40, "2026-09": 50, "2026-10": 60},
        progress=progress(("2026-08", 10), ("2026-10", 20)),  # nothing reported for September
    )
    ev = MonthEvaluation(dataset(projects=[gap]), "2026-10")
    breach = next(b for b in ev.breaches if b.rule == "project_red")
    assert (breach.action, _streak(breach)) == (Action.interview, 1)
    unreported_now = project(
        plan={"2026-09": 50, "2026-10": 60}, progress=progress(("2026-09", 10))
    )
    ev = MonthEvaluation(dataset(projects=[unreported_now]), "2026-10")
    breach = next(b for b in ev.breaches if b.rule == "project_red")
    assert (breach.action, _streak(breach)) == (Action.accountability, 2)


def test_huge_overfulfilment_still_ranks_exactly() -> None:
    # floats would tie these two (they differ by less than a double's precision at 2e11)
    a, b = F(1462603732749, 7), F(3413090282064988, 16335)
    assert b > a
    assert competition_ranks([a, b]) == [2, 1]
    assert bottom_flags([a, b], 1, "include") == [True, False]
