"""The rules at their edges: on the deadline, on the month's last day, exactly at a threshold
written as a YAML number, exactly at the district rate, and on degenerate data.

Each case is tiny and hand-made; the answer is checked through the engine's public results
(``MonthEvaluation``, ``project_status``, ``task_state``, ``rank_metric``) and the JSON of
SPEC §4 — the evidence's numbers, dates and keys, never its Chinese sentences. These are the
cases mutation testing (``make mutate``, docs/mutation.md) found untested.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest

from builders import D, dataset, figures, progress, project, task
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.projects import planned_percent, project_status
from xjj_cli.engine.tasks import task_state
from xjj_cli.engine.towns import exact, rank_metric, share_of_points
from xjj_cli.model import Rules
from xjj_cli.render import reports

RULES = Rules()


def reasons(ev: MonthEvaluation) -> dict[str, list[dict[str, Any]]]:
    """Each unit's reasons as ``xjj accountability --format json`` gives them."""
    units = reports.accountability_json(ev.month, ev.findings)["units"]
    for unit in units:
        assert all(isinstance(r["detail"], str) and r["detail"] for r in unit["reasons"])
    return {u["unit"]: u["reasons"] for u in units}


def colors(ev: MonthEvaluation) -> dict[str, dict[str, Any]]:
    """Each project as ``xjj colors --format json`` gives it."""
    return {p["id"]: p for p in reports.colors_json(ev.month, ev.statuses)["projects"]}


# --- city key tasks: on the deadline, on the month's last day --------------------------------


def test_a_task_done_on_its_deadline_is_on_time() -> None:
    done_on_deadline = task(deadline=D(2026, 9, 15), done=D(2026, 9, 15))
    state = task_state(done_on_deadline, "2026-09")
    assert (state.done, state.late_days, state.overdue_days) == (D(2026, 9, 15), None, None)
    assert state.on_schedule
    ev = MonthEvaluation(dataset(tasks=[done_on_deadline]), "2026-09")
    assert "dept" not in reasons(ev)
    assert [(r.unit, r.items, r.on_schedule) for r in ev.departments] == [("dept", 1, 1)]


def test_a_task_done_one_day_after_its_deadline_is_late_with_its_done_date() -> None:
    late = task(deadline=D(2026, 9, 15), done=D(2026, 9, 16))
    ev = MonthEvaluation(dataset(tasks=[late]), "2026-09")
    [reason] = reasons(ev)["dept"]
    assert reason["rule"] == "city_task"
    assert reason["action"] == "interview"
    assert (reason["task"], reason["title"]) == ("SJ-1", "测试任务")
    assert reason["deadline"] == "2026-09-15"
    assert reason["done"] == "2026-09-16"
    assert reason["days_overdue"] == 1
    assert [(r.items, r.on_schedule) for r in ev.departments] == [(1, 0)]


def test_a_task_done_late_on_the_months_last_day_counts_as_done_that_month() -> None:
    late = task(deadline=D(2026, 9, 15), done=D(2026, 9, 30))
    state = task_state(late, "2026-09")
    assert (state.done, state.late_days, state.overdue_days) == (D(2026, 9, 30), 15, None)
    [reason] = reasons(MonthEvaluation(dataset(tasks=[late]), "2026-09"))["dept"]
    assert (reason["done"], reason["days_overdue"], reason["action"]) == (
        "2026-09-30",
        15,
        "interview",
    )


def test_a_task_done_on_the_months_last_day_before_its_deadline_is_on_schedule() -> None:
    early = task(deadline=D(2026, 10, 31), done=D(2026, 9, 30))
    state = task_state(early, "2026-09")
    assert state.done == D(2026, 9, 30)
    assert state.on_schedule
    # the month before, the done date is in the future: not done yet, not yet due
    before = task_state(early, "2026-08")
    assert (before.done, before.on_schedule) == (None, True)


def test_a_task_due_on_the_months_last_day_is_not_overdue_that_month() -> None:
    due_at_end = task(deadline=D(2026, 9, 30))
    state = task_state(due_at_end, "2026-09")
    assert (state.overdue_days, state.on_schedule) == (None, True)
    assert "dept" not in reasons(MonthEvaluation(dataset(tasks=[due_at_end]), "2026-09"))


@pytest.mark.parametrize(
    ("deadline", "days", "action"),
    [(D(2026, 10, 1), 30, "interview"), (D(2026, 9, 30), 31, "accountability")],
)
def test_an_open_task_is_accountability_only_beyond_thirty_days(
    deadline: Any, days: int, action: str
) -> None:
    open_task = task(deadline=deadline)
    [reason] = reasons(MonthEvaluation(dataset(tasks=[open_task]), "2026-10"))["dept"]
    assert (reason["days_overdue"], reason["action"], reason["done"]) == (days, action, None)


# --- projects: milestones and start on the month's end, planned values under 1 % ------------


def test_a_milestone_due_on_the_months_last_day_is_not_yet_overdue() -> None:
    p = project(
        milestones=[{"name": "开工", "due": D(2026, 6, 30)}],
        progress=progress(("2026-06", 50)),
    )
    status = project_status(p, "2026-06", RULES)
    assert status.overdue_milestones == ()
    assert status.color == "blue"


def test_a_milestone_due_the_day_before_the_months_end_is_one_day_overdue() -> None:
    p = project(
        milestones=[{"name": "开工", "due": D(2026, 6, 29)}],
        progress=progress(("2026-06", 50)),
    )
    ev = MonthEvaluation(dataset(projects=[p]), "2026-06")
    shown = colors(ev)["P-1"]
    assert shown["color"] == "yellow"
    assert shown["overdue_milestones"] == [{"name": "开工", "due": "2026-06-29", "days": 1}]
    [reason] = reasons(ev)["dept"]
    assert (reason["rule"], reason["action"]) == ("project_yellow", "notify")
    assert reason["why"] == ["milestone"]
    assert reason["overdue_milestones"] == [{"name": "开工", "due": "2026-06-29", "days": 1}]


def test_a_milestone_done_on_the_months_last_day_is_not_overdue() -> None:
    p = project(
        milestones=[{"name": "开工", "due": D(2026, 6, 1), "done": D(2026, 6, 30)}],
        progress=progress(("2026-06", 50)),
    )
    assert project_status(p, "2026-06", RULES).overdue_milestones == ()
    # done a day after the month's end: at the month's end it was 29 days overdue
    later = project(
        milestones=[{"name": "开工", "due": D(2026, 6, 1), "done": D(2026, 7, 1)}],
        progress=progress(("2026-06", 50)),
    )
    [overdue] = project_status(later, "2026-06", RULES).overdue_milestones
    assert (overdue.due, overdue.days) == (D(2026, 6, 1), 29)


def test_a_project_starting_on_the_months_last_day_is_coloured_that_month() -> None:
    starts_at_end = project(start=D(2026, 6, 30), progress=progress(("2026-06", 0)))
    status = project_status(starts_at_end, "2026-06", RULES)
    assert status.color == "blue"
    assert status.planned == 0
    starts_next_day = project(start=D(2026, 7, 1))
    assert project_status(starts_next_day, "2026-06", RULES).color is None


def test_a_planned_value_under_one_percent_is_kept_exactly() -> None:
    # ten years, linear by days: after January 30 of 3652 days are planned
    long = project(start=D(2026, 1, 1), end=D(2036, 1, 1), progress=progress(("2026-01", 0)))
    days = (D(2036, 1, 1) - D(2026, 1, 1)).days
    assert planned_percent(long, "2026-01") == F(100 * 30, days)
    assert planned_percent(long, "2026-01") < 1
    shown = colors(MonthEvaluation(dataset(projects=[long]), "2026-01"))["P-1"]
    assert shown["planned"] == pytest.approx(3000 / days)
    assert shown["lag"] == pytest.approx(3000 / days)


def test_a_planned_value_between_plan_points_under_one_percent() -> None:
    p = project(plan={"2026-06": 0.5, "2026-12": 100.0}, progress=progress(("2026-03", 0)))
    # from 0 at the start (Jan 1) to 0.5 at June 30: March 31 is 89 of 180 days in
    assert planned_percent(p, "2026-03") == F(1, 2) * F(89, 180)


# --- thresholds written as YAML numbers ------------------------------------------------------


def test_yaml_numbers_are_read_as_the_decimals_written() -> None:
    assert exact(12.3) == F(123, 10)
    assert exact(12.1) == F(121, 10)
    assert exact(20) == F(20)
    assert share_of_points(12.1) == F(121, 1000)
    assert share_of_points(10) == F(1, 10)


@pytest.mark.parametrize(("completed", "color"), [(379, "yellow"), (378, "red")])
def test_a_town_exactly_at_a_decimal_yellow_lag_is_yellow(completed: int, color: str) -> None:
    # June: time progress 50 %; yellow_lag 12.1 points → yellow from 37.9 % exactly.
    # (12.1 as a binary float is a little less than 12.1: the threshold must not move.)
    rules = Rules(yellow_lag=12.1, red_lag=30)
    data = dataset(figures([("2026-06", "a", 1000, completed)]), towns=("a",), rules=rules)
    ev = MonthEvaluation(data, "2026-06")
    [row] = ev.rankings[0].rows
    assert row.color == color
    town_red = [r for r in reasons(ev).get("a", []) if r["rule"] == "town_red"]
    if color == "red":
        [reason] = town_red
        assert reason["yellow_lag"] == pytest.approx(0.121)
        assert reason["rate"] == pytest.approx(0.378)
        assert reason["time_progress"] == pytest.approx(0.5)
    else:
        assert town_red == []


@pytest.mark.parametrize(("actual", "color"), [(29.9, "red"), (30.0, "yellow")])
def test_a_project_exactly_at_a_decimal_red_lag_is_red(actual: float, color: str) -> None:
    # planned 50.0, red_lag 20.1: red from an actual of 29.9 (lag exactly 20.1) down
    rules = Rules(yellow_lag=10.1, red_lag=20.1)
    p = project(plan={"2026-06": 50.0}, progress=progress(("2026-06", actual)))
    status = project_status(p, "2026-06", rules)
    assert status.color == color
    assert status.reasons == ("lag",)


# --- the district rate -----------------------------------------------------------------------


def test_a_town_exactly_at_the_district_rate_is_not_below_it() -> None:
    fig = figures([("2026-06", "a", 10, 8), ("2026-06", "b", 10, 5), ("2026-06", "c", 10, 2)])
    ranking = MonthEvaluation(dataset(fig, towns=("a", "b", "c")), "2026-06").rankings[0]
    assert ranking.district_rate == F(1, 2)
    below = {r.town: r.below_district for r in ranking.rows}
    assert below == {"a": False, "b": False, "c": True}


def test_a_month_where_no_town_has_a_target_has_no_district_rate_of_100_percent() -> None:
    frame = figures([("2026-06", "a", 0, 0), ("2026-06", "b", 0, 3)])
    ranked, overall = rank_metric(
        frame[["town", "target", "completed"]],
        bottom_n=3,
        bottom_ties="include",
        progress=F(1, 2),
        yellow_lag=F(1, 10),
    )
    assert ranked.empty
    assert overall == 0
    ev = MonthEvaluation(dataset(frame, towns=("a", "b")), "2026-06")
    [ranking] = ev.rankings
    assert (ranking.rows, ranking.district_rate) == ((), F(0))
    assert reasons(ev) == {}


def test_a_task_on_schedule_does_not_hide_the_next_tasks() -> None:
    on_time = task(id="SJ-1", deadline=D(2026, 12, 31))
    overdue = task(id="SJ-2", deadline=D(2026, 9, 1), units=["firm"])
    found = reasons(MonthEvaluation(dataset(tasks=[on_time, overdue]), "2026-09"))
    assert [(r["task"], r["days_overdue"]) for r in found["firm"]] == [("SJ-2", 29)]
    assert "dept" not in found


def test_a_town_with_a_target_of_one_counts_in_the_district_rate() -> None:
    fig = figures([("2026-06", "a", 1, 1), ("2026-06", "b", 10, 5)])
    ranking = MonthEvaluation(dataset(fig, towns=("a", "b")), "2026-06").rankings[0]
    assert ranking.district_rate == F(6, 11)
    assert [(r.town, r.target, r.completed, r.rate) for r in ranking.rows] == [
        ("a", 1, 1, F(1)),
        ("b", 10, 5, F(1, 2)),
    ]


def test_last_months_ranking_of_a_metric() -> None:
    fig = figures([("2026-05", "a", 10, 2), ("2026-06", "a", 10, 5)])
    ev = MonthEvaluation(dataset(fig, towns=("a",)), "2026-06")
    previous = ev.previous_ranking("5g.stations")
    assert previous is not None
    assert (previous.month, previous.rows[0].rate) == ("2026-05", F(1, 5))
    assert ev.previous_ranking("other.metric") is None
    assert MonthEvaluation(ev.data, "2026-05").previous_ranking("5g.stations") is None
