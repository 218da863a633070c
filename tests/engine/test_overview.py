"""The bulletin's own figures (engine/overview.py, docs/rules.md §6) on tiny hand-made data."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

from builders import D, dataset, figures, progress, project
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import (
    Change,
    ProgressChange,
    RateHistory,
    average_progress,
    color_counts,
    domain_progress,
    metric_totals,
    progress_change,
    rate_change,
    rate_histories,
    year_investment,
)
from xjj_cli.model import Project


def invested(*entries: tuple[str, float, float]) -> list[dict[str, Any]]:
    """Progress entries from (month, percent, cumulative investment) triples."""
    return [{"month": m, "percent": p, "invested": i} for m, p, i in entries]


def test_colour_counts_name_every_colour_and_the_projects_not_started() -> None:
    blue = project(id="P-1", plan={"2026-10": 50}, progress=progress(("2026-10", 50)))
    red = project(id="P-2", plan={"2026-10": 80}, progress=progress(("2026-10", 50)))
    later = project(id="P-3", start=D(2026, 11, 1))
    ev = MonthEvaluation(dataset(projects=[blue, red, later]), "2026-10")
    assert color_counts(ev.statuses) == {"blue": 1, "yellow": 0, "red": 1, "not_started": 1}
    assert average_progress(ev.statuses) == 50
    assert average_progress([s for s in ev.statuses if s.color is None]) is None


def test_a_domain_reads_its_started_projects_average_against_their_plan() -> None:
    ahead = project(id="P-1", plan={"2026-10": 40}, progress=progress(("2026-10", 50)))
    behind = project(id="P-2", plan={"2026-10": 80}, progress=progress(("2026-10", 60)))
    later = project(id="P-3", start=D(2026, 11, 1))
    rail = project(id="P-4", domain="rail", plan={"2026-10": 10}, progress=progress(("2026-10", 0)))
    ev = MonthEvaluation(dataset(projects=[ahead, behind, later, rail]), "2026-10")
    five_g = domain_progress(ev.statuses, "5g")
    assert [s.id for s in five_g.statuses] == ["P-1", "P-2", "P-3"]
    assert [s.id for s in five_g.started] == ["P-1", "P-2"]
    assert five_g.counts == {"blue": 1, "yellow": 0, "red": 1, "not_started": 1}
    # (50 + 60) / 2 = 55 against (40 + 80) / 2 = 60: five points behind
    assert (five_g.average, five_g.planned, five_g.against) == (F(55), F(60), F(-5))
    assert domain_progress(ev.statuses, "rail").against == -10
    nothing = domain_progress(ev.statuses, "ai")
    assert (nothing.statuses, nothing.average, nothing.against) == ((), None, None)
    only_later = domain_progress([s for s in ev.statuses if s.id == "P-3"], "5g")
    assert only_later.counts["not_started"] == 1 and only_later.against is None


def test_year_investment_counts_from_last_december_over_the_years_projects() -> None:
    running = project(
        id="P-1",
        start=D(2025, 6, 1),
        end=D(2026, 12, 31),
        investment={"total": 500, "year": 300},
        progress=invested(("2025-12", 40, 200), ("2026-03", 60, 260.5), ("2026-11", 80, 400)),
    )
    done_last_year = project(
        id="P-2",
        start=D(2025, 1, 1),
        end=D(2025, 12, 31),
        investment={"total": 90, "year": 90},
        progress=invested(("2025-12", 100, 90)),
    )
    fresh = project(
        id="P-3", investment={"total": 50, "year": 40}, progress=invested(("2026-02", 10, 12.3))
    )
    figures_ = year_investment([running, done_last_year, fresh], "2026-10")
    # plan: 300 + 40 (P-2 ended last year); done: 260.5 − 200 (November not yet) + 12.3 − 0
    assert (figures_.plan, figures_.done) == (F(340), F(7280, 100))
    # January: what was invested since December only
    assert year_investment([running], "2026-01").done == 0


def test_the_rate_change_is_in_points_and_january_stands_alone() -> None:
    rows = [
        ("2025-12", "a", 10, 9),
        ("2026-01", "a", 10, 1),
        ("2026-02", "a", 10, 2),
        ("2026-02", "b", 10, 3),
        ("2026-04", "a", 10, 4),
    ]
    histories = MonthEvaluation(dataset(figures(rows)), "2026-04").histories
    history = histories["5g.stations"]
    assert rate_change(history["2026-01"], history["2025-12"]) == Change(None, year_start=True)
    assert rate_change(history["2026-02"], history["2026-01"]) == Change(F(15))
    assert rate_change(history["2026-04"], None) == Change(None)
    assert metric_totals(history["2026-02"]).completed == 5
    assert metric_totals(history["2026-02"]).target == 20
    (trend,) = rate_histories(histories, "2026-02")
    assert trend.months == ("2026-01", "2026-02")  # not December: the counts restarted
    assert trend.rates == (F(1, 10), F(1, 4))


def test_a_trend_is_read_against_time_progress_at_each_of_its_months() -> None:
    """序时进度 is the month's number over 12, the same line whatever the rates."""
    trend = RateHistory("m", "Stations", ("2026-03", "2026-10", "2026-12"), (F(0),) * 3)
    assert trend.progress == (F(3, 12), F(10, 12), F(1))


def test_progress_change_compares_the_same_projects_in_both_months() -> None:
    old = project(id="P-1", progress=progress(("2026-09", 40), ("2026-10", 55)))
    new = project(id="P-2", start=D(2026, 10, 1), progress=progress(("2026-10", 0)))
    on_month_end = project(id="P-3", start=D(2026, 9, 30), progress=progress(("2026-10", 10)))
    projects = {p.id: p for p in (old, new, on_month_end)}
    ev = MonthEvaluation(dataset(projects=list(projects.values())), "2026-10")
    started = [s for s in ev.statuses if s.color is not None]

    def find(project_id: str) -> Project:
        return projects[project_id]

    # P-1 40 → 55 and P-3 (started on September's last day) 0 → 10: +12.5 points over two
    assert progress_change(started, find, "2026-10") == ProgressChange(3, 2, Change(F(25, 2)))
    only_new = [s for s in started if s.id == "P-2"]
    assert progress_change(only_new, find, "2026-10") == ProgressChange(1, 0, Change(None))
