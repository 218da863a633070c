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
from xjj_cli.model import Rules
from xjj_cli.pipeline import evaluate
from xjj_cli.render import reports


def reasons(ev: MonthEvaluation) -> dict[str, list[dict[str, Any]]]:
    """Each unit's reasons as ``xjj accountability --format json`` gives them."""
    units = reports.accountability_json(ev.month, ev.findings)["units"]
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
    assert red["why"] == ["lag"]
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
    towns = {c for c, p in ev.data.parties.items() if p.is_town}
    units = {c for c, p in ev.data.parties.items() if not p.is_town}
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
