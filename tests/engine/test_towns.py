"""Town rankings (SPEC §3.1) through ``rank_metric`` and ``metric_ranking`` on tiny hand-made
tables: what the ranked table holds, ties at the bottom-N boundary under the district's own
``bottom_ties``, and the figures the bulletin reads against time progress (month ÷ 12)."""

from __future__ import annotations

from fractions import Fraction as F

import pandas as pd
import pytest

from builders import D, figures, progress, project
from xjj_cli.engine import overview, towns
from xjj_cli.engine.dataset import MetricInfo
from xjj_cli.engine.results import MetricRanking
from xjj_cli.engine.timeline import ProjectTimeline
from xjj_cli.model import Rules

METRIC = MetricInfo("5g.stations", "5G基站", "个", "5g", True)
NAMES = {t: f"{t}镇" for t in "abcde"}


def _frame(month: str, done: dict[str, tuple[int, int]]) -> pd.DataFrame:
    return figures([(month, t, target, c) for t, (target, c) in done.items()])


def test_the_ranked_table_is_the_ranked_towns_best_first_with_their_findings() -> None:
    # a 9/10, b 5/10, c 2/10; d has no target and is not ranked; district 16/30
    frame = _frame("2026-06", {"c": (10, 2), "a": (10, 9), "d": (0, 0), "b": (10, 5)})
    ranked, district = towns.rank_metric(
        frame[["town", "target", "completed"]],
        bottom_n=1,
        bottom_ties="include",
        progress=F(1, 2),
        yellow_lag=F(1, 10),
    )
    assert district == F(16, 30)
    assert list(ranked.columns) == [
        "town",
        "target",
        "completed",
        "rate",
        "rank",
        "bottom_n",
        "below_district",
        "color",
    ]
    assert list(ranked.index) == [0, 1, 2]  # numbered afresh, best first
    assert ranked.to_dict("records") == [
        {
            "town": "a",
            "target": 10,
            "completed": 9,
            "rate": F(9, 10),
            "rank": 1,
            "bottom_n": False,
            "below_district": False,
            "color": "blue",
        },
        {
            "town": "b",
            "target": 10,
            "completed": 5,
            "rate": F(1, 2),
            "rank": 2,
            "bottom_n": False,
            "below_district": True,
            "color": "blue",  # exactly at time progress
        },
        {
            "town": "c",
            "target": 10,
            "completed": 2,
            "rate": F(1, 5),
            "rank": 3,
            "bottom_n": True,
            "below_district": True,
            "color": "red",
        },
    ]


@pytest.mark.parametrize(("ties", "bottom"), [("include", {"d", "e"}), ("exclude", set())])
def test_the_district_decides_whether_ties_at_the_bottom_boundary_are_listed(
    ties: str, bottom: set[str]
) -> None:
    # d and e tie for last: with bottom 1, both are listed (include) or neither (exclude)
    frame = _frame(
        "2026-10", {"a": (10, 9), "b": (10, 8), "c": (10, 7), "d": (10, 5), "e": (10, 5)}
    )
    rules = Rules.model_validate({"bottom_n": 1, "bottom_ties": ties})
    ranking = towns.metric_ranking(frame, METRIC, "2026-10", rules, NAMES, None)
    assert {r.town for r in ranking.rows if r.bottom_n} == bottom
    assert [(r.town, r.rank) for r in ranking.rows] == [
        ("a", 1),
        ("b", 2),
        ("c", 3),
        ("d", 4),
        ("e", 4),
    ]


def test_time_progress_is_the_months_share_of_the_year() -> None:
    assert [towns.time_progress(f"2026-{m:02d}") for m in (1, 6, 12)] == [
        F(1, 12),
        F(1, 2),
        F(1),
    ]


# --- the bulletin's figures against time progress -------------------------------------------------


def _ranking(month: str, district: F) -> MetricRanking:
    return MetricRanking(
        month, "5g.stations", "5G基站", "个", "5g", district, towns.time_progress(month), ()
    )


def test_a_metrics_district_rate_is_read_against_time_progress_in_points() -> None:
    # October: time progress 10/12; a district rate of 3/4 is 25/3 points behind it
    assert overview.metric_against_time(_ranking("2026-10", F(3, 4))) == F(-25, 3)
    assert overview.metric_against_time(_ranking("2026-06", F(3, 5))) == 10


@pytest.mark.parametrize(
    ("plan", "done", "month", "points"),
    [
        (200, 150, "2026-06", 25),  # 75 % invested by June (50 % of the year): 25 ahead
        (200, 0, "2026-06", -50),
        (300, 100, "2026-12", F(-200, 3)),  # a third of it by December: 66.7 points behind
        (0, 0, "2026-06", None),  # nothing planned: no comparison
    ],
)
def test_the_years_investment_is_read_against_time_progress_in_points(
    plan: int, done: int, month: str, points: F | None
) -> None:
    investment = overview.YearInvestment(plan=F(plan), done=F(done))
    assert overview.investment_against_time(investment, month) == points


def test_a_domains_figures_name_their_domain() -> None:
    p = project(plan={"2026-10": 50}, progress=progress(("2026-10", 40)))
    later = project(id="P-2", domain="charging", start=D(2026, 11, 1))
    statuses = [ProjectTimeline(x, Rules()).status("2026-10") for x in (p, later)]
    figures_5g = overview.domain_progress(statuses, "5g")
    assert (figures_5g.domain, len(figures_5g.statuses), figures_5g.against) == ("5g", 1, F(-10))
    charging = overview.domain_progress(statuses, "charging")
    assert (charging.domain, charging.started, charging.against) == ("charging", (), None)
