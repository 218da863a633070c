"""The evidence each finding carries — streaks above two, months, ranks, reports, cards — and
the dataset the rules are given, checked through ``MonthEvaluation`` and the JSON of SPEC §4
(keys, numbers and dates; never the Chinese sentences). Cases mutation testing
(``make mutate``, docs/mutation.md) found untested.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from builders import D, dataset, events, figures, progress, project
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.projects import project_status
from xjj_cli.model import Rules
from xjj_cli.pipeline import evaluate
from xjj_cli.render import reports


def reasons(ev: MonthEvaluation) -> dict[str, list[dict[str, Any]]]:
    """Each unit's reasons as ``xjj accountability --format json`` gives them."""
    units = reports.accountability_json(ev.month, ev.findings)["units"]
    for unit in units:
        assert all(isinstance(r["detail"], str) and r["detail"] for r in unit["reasons"])
    return {u["unit"]: u["reasons"] for u in units}


def actions(ev: MonthEvaluation) -> dict[str, str]:
    """Each unit's action key."""
    units = reports.accountability_json(ev.month, ev.findings)["units"]
    return {u["unit"]: u["action"] for u in units}


def by_rule(ev: MonthEvaluation, unit: str, rule: str) -> dict[str, Any]:
    """The unit's one reason under ``rule``."""
    [reason] = [r for r in reasons(ev)[unit] if r["rule"] == rule]
    return reason


# --- town streaks ------------------------------------------------------------------------


def _last_every_month(months: list[str], *, c_escapes: tuple[str, ...] = ()) -> Any:
    """Towns a, b, c; c is last (and below the district rate) in every month but those
    in ``c_escapes``, where it is first."""
    rows = []
    for m in months:
        c_done = 10 if m in c_escapes else 2
        rows += [(m, "a", 10, 10), (m, "b", 10, 9), (m, "c", 10, c_done)]
    return figures(rows)


def test_a_bottom_n_streak_of_four_months_keeps_every_month_in_its_evidence() -> None:
    months = ["2026-06", "2026-07", "2026-08", "2026-09"]
    data = dataset(_last_every_month(months), towns=("a", "b", "c"), rules=Rules(bottom_n=1))
    ev = MonthEvaluation(data, "2026-09")
    bottom = by_rule(ev, "c", "bottom_n")
    assert (bottom["action"], bottom["metric"], bottom["streak"]) == (
        "accountability",
        "5g.stations",
        4,
    )
    assert bottom["months"] == [{"month": m, "rank": 3, "of": 3, "rate": 0.2} for m in months]
    below = by_rule(ev, "c", "below_district")
    assert (below["action"], below["streak"]) == ("accountability", 4)
    assert [(m["month"], m["rate"]) for m in below["months"]] == [(m, 0.2) for m in months]
    assert [m["district_rate"] for m in below["months"]] == [pytest.approx(0.7)] * 4
    assert actions(ev) == {"c": "accountability"}


def test_a_month_out_of_the_bottom_ends_the_streak_three_months_back() -> None:
    months = ["2026-06", "2026-07", "2026-08", "2026-09"]
    fig = _last_every_month(months, c_escapes=("2026-07",))
    data = dataset(fig, towns=("a", "b", "c"), rules=Rules(bottom_n=1))
    bottom = by_rule(MonthEvaluation(data, "2026-09"), "c", "bottom_n")
    assert (bottom["streak"], bottom["action"]) == (2, "interview")
    assert [m["month"] for m in bottom["months"]] == ["2026-08", "2026-09"]


def test_a_streak_at_exactly_the_interview_and_accountability_lengths() -> None:
    months = ["2026-07", "2026-08", "2026-09"]
    data = dataset(_last_every_month(months), towns=("a", "b", "c"), rules=Rules(bottom_n=1))
    assert by_rule(MonthEvaluation(data, "2026-08"), "c", "bottom_n")["action"] == "interview"
    assert by_rule(MonthEvaluation(data, "2026-09"), "c", "bottom_n")["action"] == (
        "accountability"
    )
    first = reasons(MonthEvaluation(data, "2026-07"))["c"]
    assert [r["rule"] for r in first] == ["town_red"]


# --- non-cooperation ---------------------------------------------------------------------


def _report(month: str, day: int, reporter: str = "a") -> dict[str, Any]:
    year, mon = int(month[:4]), int(month[5:])
    return {
        "date": dt.date(year, mon, day),
        "reporter": reporter,
        "unit": "dept",
        "text": "不配合",
        "verified": True,
    }


def _noncooperation(months: list[str]) -> dict[str, Any]:
    return {m: events(noncooperation=[_report(m, 5)]) for m in months}


def test_noncooperation_in_three_consecutive_months_is_a_streak_of_three() -> None:
    data = dataset(evts=_noncooperation(["2026-08", "2026-09", "2026-10"]))
    reason = by_rule(MonthEvaluation(data, "2026-10"), "dept", "noncooperation")
    assert (reason["action"], reason["count"], reason["streak"]) == ("accountability", 1, 3)
    assert reason["reports"] == [{"date": "2026-10-05", "reporter": "a", "text": "不配合"}]


def test_a_month_without_reports_ends_the_noncooperation_streak() -> None:
    data = dataset(evts=_noncooperation(["2026-07", "2026-09", "2026-10"]))
    reason = by_rule(MonthEvaluation(data, "2026-10"), "dept", "noncooperation")
    assert (reason["action"], reason["streak"]) == ("accountability", 2)
    first = by_rule(MonthEvaluation(data, "2026-09"), "dept", "noncooperation")
    assert (first["action"], first["streak"]) == ("interview", 1)


def test_two_reports_in_one_month_are_listed_by_date_then_reporter() -> None:
    month = events(
        noncooperation=[
            _report("2026-10", 20, "b"),
            _report("2026-10", 8, "c"),
            _report("2026-10", 8, "a"),
        ]
    )
    reason = by_rule(
        MonthEvaluation(dataset(evts={"2026-10": month}), "2026-10"), "dept", "noncooperation"
    )
    assert (reason["action"], reason["count"], reason["streak"]) == ("accountability", 3, 1)
    assert [(r["date"], r["reporter"]) for r in reason["reports"]] == [
        ("2026-10-08", "a"),
        ("2026-10-08", "c"),
        ("2026-10-20", "b"),
    ]


def test_later_months_reports_do_not_count() -> None:
    data = dataset(evts=_noncooperation(["2026-10", "2026-11"]))
    reason = by_rule(MonthEvaluation(data, "2026-10"), "dept", "noncooperation")
    assert (reason["action"], reason["streak"]) == ("interview", 1)


# --- cards -------------------------------------------------------------------------------


def test_a_cards_evidence_has_its_date_colour_subject_and_project() -> None:
    card = {
        "date": D(2026, 10, 12),
        "color": "yellow",
        "unit": "dept",
        "subject": "进度滞后",
        "project": "P-1",
    }
    ev = MonthEvaluation(dataset(evts={"2026-10": events(cards=[card])}), "2026-10")
    reason = by_rule(ev, "dept", "city_card")
    assert {k: reason[k] for k in ("action", "date", "color", "subject", "project")} == {
        "action": "interview",
        "date": "2026-10-12",
        "color": "yellow",
        "subject": "进度滞后",
        "project": "P-1",
    }
    # a card of an earlier month is not this month's finding
    assert "dept" not in reasons(MonthEvaluation(ev.data, "2026-11"))


# --- red projects ------------------------------------------------------------------------


def test_a_project_red_three_months_running_has_a_streak_of_three() -> None:
    p = project(
        plan={"2026-08": 40, "2026-09": 50, "2026-10": 60},
        progress=progress(("2026-08", 10), ("2026-09", 20), ("2026-10", 30)),
    )
    ev = MonthEvaluation(dataset(projects=[p]), "2026-10")
    red = by_rule(ev, "dept", "project_red")
    assert (red["action"], red["streak"], red["streak_since"]) == ("accountability", 3, "2026-08")
    assert (red["planned"], red["actual"], red["lag"]) == (60.0, 30.0, 30.0)
    assert (red["project"], red["why"]) == ("P-1", ["lag"])
    assert red["reported"] is True
    assert red["end_passed"] is False
    assert red["overdue_milestones"] == []


def test_a_yellow_projects_evidence_says_it_was_not_reported() -> None:
    p = project(plan={"2026-09": 50, "2026-10": 60}, progress=progress(("2026-09", 55)))
    reason = by_rule(MonthEvaluation(dataset(projects=[p]), "2026-10"), "dept", "project_yellow")
    assert (reason["action"], reason["reported"], reason["why"]) == (
        "notify",
        False,
        ["not_reported"],
    )
    assert (reason["planned"], reason["actual"], reason["lag"]) == (60.0, 55.0, 5.0)


# --- the dataset the rules are given -----------------------------------------------------


def test_towns_are_towns_and_only_units_enter_the_department_ranking(base_data: Path) -> None:
    ev = evaluate(base_data, "2026-10")
    towns = {c for c, p in ev.data.units.items() if p.is_town}
    units = {c for c, p in ev.data.units.items() if not p.is_town}
    assert towns == {"ly", "eslp", "cg"}
    assert units == {"qgxj", "qzj", "tt"}
    assert {r.unit for r in ev.departments} <= units
    assert ev.departments


def test_a_domain_missing_between_others_drops_none_of_the_later_ones(base_data: Path) -> None:
    # the base repository has 5g and charging but not grid and rail, which come between
    ev = evaluate(base_data, "2026-10")
    assert [m.id for m in ev.data.metrics] == ["5g.stations", "charging.piles"]
    assert [r.metric for r in ev.rankings] == ["5g.stations", "charging.piles"]
    assert list(ev.data.domains) == ["5g", "charging"]


# --- what came before a red streak ---------------------------------------------------------

STARTS_IN_JUNE = {"start": D(2026, 6, 1), "plan": {"2026-06": 30, "2026-07": 40, "2026-08": 50}}


def _red_evidence(month: str, *entries: tuple[str, float]) -> dict[str, Any]:
    p = project(**STARTS_IN_JUNE, progress=progress(*entries))
    red = by_rule(MonthEvaluation(dataset(projects=[p]), month), "dept", "project_red")
    return {k: red[k] for k in ("streak", "streak_since", "unreported_month", "red_before")}


def test_a_red_streak_after_a_blue_month_names_the_earlier_red_month() -> None:
    # June red (5 of 30), July blue (40 of 40), August red (20 of 50)
    evidence = _red_evidence("2026-08", ("2026-06", 5), ("2026-07", 40), ("2026-08", 20))
    assert evidence == {
        "streak": 1,
        "streak_since": "2026-08",
        "unreported_month": None,
        "red_before": "2026-06",
    }


def test_a_red_month_without_a_report_ends_the_streak_and_is_named() -> None:
    # June red, July not reported (5 of 40: red by the rule), August red again
    evidence = _red_evidence("2026-08", ("2026-06", 5), ("2026-08", 10))
    assert evidence == {
        "streak": 1,
        "streak_since": "2026-08",
        "unreported_month": "2026-07",
        "red_before": "2026-07",
    }


def test_a_first_red_month_has_nothing_before_it_back_to_the_start() -> None:
    # June blue (30 of 30) in the project's first month, July red (10 of 40)
    evidence = _red_evidence("2026-07", ("2026-06", 30), ("2026-07", 10))
    assert evidence == {
        "streak": 1,
        "streak_since": "2026-07",
        "unreported_month": None,
        "red_before": None,
    }


def test_a_red_streak_of_two_since_the_start_month() -> None:
    evidence = _red_evidence("2026-07", ("2026-06", 5), ("2026-07", 10))
    assert evidence == {
        "streak": 2,
        "streak_since": "2026-06",
        "unreported_month": None,
        "red_before": None,
    }


# --- department ranking ------------------------------------------------------------------


def test_a_department_scores_only_its_blue_projects_as_on_schedule() -> None:
    blue = project(id="P-1", plan={"2026-06": 50}, progress=progress(("2026-06", 50)))
    yellow = project(id="P-2", plan={"2026-06": 50}, progress=progress(("2026-06", 35)))
    red = project(id="P-3", plan={"2026-06": 50}, progress=progress(("2026-06", 10)))
    later = project(id="P-4", start=D(2026, 7, 1))
    firm = project(id="P-5", owner="firm", plan={"2026-06": 50}, progress=progress(("2026-06", 60)))
    ev = MonthEvaluation(dataset(projects=[blue, yellow, red, later, firm]), "2026-06")
    rows = reports.department_json("2026-06", ev.departments)["rows"]
    assert rows == [
        {
            "rank": 1,
            "unit": "firm",
            "name": "测试公司",
            "kind": "企业",
            "items": 1,
            "on_schedule": 1,
            "score": 1.0,
        },
        {
            "rank": 2,
            "unit": "dept",
            "name": "区测试局",
            "kind": "区直部门",
            "items": 3,
            "on_schedule": 1,
            "score": pytest.approx(1 / 3),
        },
    ]


def test_a_project_not_started_has_its_identity_and_no_colour() -> None:
    later = project(id="P-9", name="后开工项目", domain="charging", start=D(2026, 7, 1))
    [shown] = reports.colors_json(
        "2026-06", MonthEvaluation(dataset(projects=[later]), "2026-06").statuses
    )["projects"]
    assert shown == {
        "id": "P-9",
        "name": "后开工项目",
        "domain": "charging",
        "owner": "dept",
        "color": None,
        "planned": None,
        "actual": None,
        "lag": None,
        "reported": False,
        "overdue_milestones": [],
    }


# --- several towns, several units --------------------------------------------------------


def test_a_town_with_a_short_streak_does_not_hide_the_next_ones() -> None:
    # bottom 2: d and c in July and August; b and c in September
    rows = []
    for month in ("2026-07", "2026-08"):
        rows += [(month, "a", 100, 100), (month, "b", 100, 95), (month, "d", 100, 90)]
        rows += [(month, "c", 100, 20)]
    rows += [("2026-09", "a", 100, 100), ("2026-09", "b", 100, 50), ("2026-09", "d", 100, 100)]
    rows += [("2026-09", "c", 100, 20)]
    data = dataset(figures(rows), towns=("a", "b", "c", "d"), rules=Rules(bottom_n=2))
    ev = MonthEvaluation(data, "2026-09")
    [ranking] = ev.rankings
    assert [(r.town, r.bottom_n) for r in ranking.rows] == [
        ("a", False),
        ("d", False),
        ("b", True),
        ("c", True),
    ]
    assert "bottom_n" not in [r["rule"] for r in reasons(ev).get("b", [])]
    bottom = by_rule(ev, "c", "bottom_n")
    assert (bottom["streak"], bottom["action"], bottom["metric"]) == (
        3,
        "accountability",
        "5g.stations",
    )
    red = by_rule(ev, "c", "town_red")
    assert (red["metric"], red["rate"]) == ("5g.stations", pytest.approx(0.2))


def test_units_are_named_and_ordered_strongest_first_then_by_code() -> None:
    card = {"date": D(2026, 10, 12), "color": "red", "unit": "firm", "subject": "安全隐患"}
    yellow = {"date": D(2026, 10, 13), "color": "yellow", "unit": "dept", "subject": "滞后"}
    both = {"2026-10": events(cards=[yellow, card])}
    units = reports.accountability_json(
        "2026-10", MonthEvaluation(dataset(evts=both), "2026-10").findings
    )["units"]
    assert [(u["unit"], u["name"], u["kind"], u["action"]) for u in units] == [
        ("firm", "测试公司", "企业", "accountability"),
        ("dept", "区测试局", "区直部门", "interview"),
    ]
    two_yellow = {"2026-10": events(cards=[{**yellow, "unit": "firm"}, yellow])}
    units = reports.accountability_json(
        "2026-10", MonthEvaluation(dataset(evts=two_yellow), "2026-10").findings
    )["units"]
    assert [u["unit"] for u in units] == ["dept", "firm"]


# --- why a project has its colour ----------------------------------------------------------


def test_a_milestone_overdue_beyond_thirty_days_is_the_red_reason() -> None:
    p = project(
        milestones=[{"name": "开工", "due": D(2026, 5, 31)}], progress=progress(("2026-06", 50))
    )
    status = project_status(p, "2026-06", Rules())
    assert status.overdue_milestones[0].days == 30
    assert (status.color, status.reasons) == ("yellow", ("milestone",))
    later = project_status(p, "2026-07", Rules())
    assert (later.color, later.reasons) == ("red", ("milestone",))


def test_a_project_ending_on_the_months_last_day_has_not_passed_its_end() -> None:
    p = project(end=D(2026, 6, 30), progress=progress(("2026-06", 85), ("2026-07", 85)))
    at_end = project_status(p, "2026-06", Rules())
    assert (at_end.color, at_end.end_passed, at_end.reasons) == ("yellow", False, ("lag",))
    after = project_status(p, "2026-07", Rules())
    assert (after.color, after.end_passed, after.reasons) == ("red", True, ("end_passed",))


def test_a_completed_project_after_its_end_is_blue_and_has_not_passed_it() -> None:
    p = project(end=D(2026, 6, 30), progress=progress(("2026-06", 100)))
    status = project_status(p, "2026-08", Rules())
    assert (status.color, status.end_passed, status.reasons) == ("blue", False, ("completed",))
    shown = reports.colors_json("2026-08", [status])["projects"][0]
    assert (shown["name"], shown["domain"], shown["owner"]) == ("测试项目", "5g", "dept")


# --- the dataset of a repository -----------------------------------------------------------


def test_the_dataset_keeps_units_metrics_district_events_and_submissions(
    base_data: Path,
) -> None:
    ev = evaluate(base_data, "2026-10")
    parties = ev.data.units
    assert (parties["cg"].code, parties["cg"].name, parties["cg"].kind) == ("cg", "长沟镇", "镇")
    assert (parties["tt"].code, parties["tt"].name, parties["tt"].kind) == (
        "tt",
        "铁塔公司任城分公司",
        "企业",
    )
    assert parties["tt"].is_town is False
    assert [(m.id, m.name, m.unit, m.domain, m.ranked) for m in ev.data.metrics] == [
        ("5g.stations", "5G基站", "个", "5g", True),
        ("charging.piles", "充电桩", "个", "charging", True),
    ]
    assert ev.data.district is not None and ev.data.district.district == "任城区"
    assert list(ev.data.events) == ["2026-10"]
    assert ev.data.unsubmitted == frozenset()
    assert ev.data.unfiled == frozenset()
    assert ev.has_figures


def test_a_draft_of_a_month_without_a_file_is_marked_unfiled(base_data: Path) -> None:
    ev = evaluate(base_data, "2026-11", draft=True)
    assert ev.data.unfiled == frozenset({"2026-11"})
    assert not ev.has_figures
    assert set(ev.not_submitted) == {"ly", "eslp", "cg"}
    assert ("2026-11", "ly", "5g.stations") in ev.data.unsubmitted
    reportable = evaluate(base_data, "2026-10", draft=True)
    assert reportable.data.unfiled == frozenset()


def test_each_metric_is_ranked_on_its_own_figures_up_to_the_month(base_data: Path) -> None:
    ev = evaluate(base_data, "2026-09")
    shown = reports.ranking_json(ev.rankings)
    assert [(r["metric"], r["month"]) for r in shown] == [
        ("5g.stations", "2026-09"),
        ("charging.piles", "2026-09"),
    ]
    rows = {
        r["metric"]: [(t["town"], t["name"], t["target"], t["completed"]) for t in r["rows"]]
        for r in shown
    }
    assert rows == {
        "5g.stations": [("ly", "李营街道", 40, 30), ("eslp", "二十里铺街道", 30, 20)],
        "charging.piles": [
            ("eslp", "二十里铺街道", 80, 50),
            ("ly", "李营街道", 100, 60),
            ("cg", "长沟镇", 20, 10),
        ],
    }
    [stations, piles] = ev.rankings
    assert (stations.unit, stations.domain, piles.unit, piles.domain) == (
        "个",
        "5g",
        "个",
        "charging",
    )


def test_the_towns_not_submitted_in_a_metric(base_data: Path) -> None:
    draft = evaluate(base_data, "2026-11", draft=True)
    assert draft.not_submitted_in("5g.stations") == frozenset({"ly", "eslp", "cg"})
    assert draft.not_submitted_in("other.metric") == frozenset()
    assert evaluate(base_data, "2026-10").not_submitted_in("5g.stations") == frozenset()
