"""The fast path of the project rules (engine/timeline.py) agrees with their definition
(engine/projects.py): colours, fractions, reasons, streaks, on hand-made and random projects."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from builders import dataset, progress, project
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.projects import expected_to_report, project_status, red_streak
from xjj_cli.engine.results import ProjectStatus
from xjj_cli.engine.timeline import ProjectTimeline
from xjj_cli.model import Project, Rules
from xjj_cli.months import add_months

D = dt.date
MONTHS = tuple(add_months("2025-11", i) for i in range(18))  # 2025-11 … 2027-04


def _same_status(fast: ProjectStatus, slow: ProjectStatus) -> None:
    assert fast == slow
    for name in ("planned", "actual", "lag"):
        assert type(getattr(fast, name)) is type(getattr(slow, name)), name


def _agree(p: Project, rules: Rules) -> None:
    """Every month, judged in any order, gives the definition's answers."""
    timeline = ProjectTimeline(p, rules)
    for month in (*MONTHS[::-1], *MONTHS):  # the memo must not depend on the order asked
        _same_status(timeline.status(month), project_status(p, month, rules))
        assert timeline.color(month) == project_status(p, month, rules).color
        assert timeline.red_streak(month) == red_streak(p, month, rules), month
        assert timeline.expected_to_report(month) == expected_to_report(p, month)


def test_a_plan_between_points_gives_the_exact_fraction_of_days() -> None:
    p = project(plan={"2026-03": 30, "2026-06": 70}, progress=progress(("2026-05", 10)))
    status = ProjectTimeline(p, Rules()).status("2026-05")
    # 2026-03-31 → 2026-06-30 is 91 days; 2026-05-31 is 61 days in
    assert status.planned == 30 + Fraction(40 * 61, 91)
    assert status.actual == 10
    assert status.lag == status.planned - 10
    assert status.color == "red"
    _agree(p, Rules())


def test_decimal_percents_and_lags_keep_their_exact_values() -> None:
    rules = Rules(yellow_lag=7.5, red_lag=12.25)
    p = project(
        plan={"2026-04": 33.3, "2026-09": 66.6},
        progress=progress(("2026-04", 21.05), ("2026-07", 40.1), ("2026-09", 54.35)),
    )
    status = ProjectTimeline(p, rules).status("2026-09")
    assert status.planned == Fraction("66.6")
    assert status.actual == Fraction("54.35")
    assert status.lag == Fraction("12.25")  # exactly the red lag: red
    assert status.color == "red"
    _agree(p, rules)


def test_a_lag_exactly_at_the_yellow_line_is_yellow_and_just_below_is_blue() -> None:
    rules = Rules()
    yellow = project(plan={"2026-10": 50}, progress=progress(("2026-10", 40)))
    blue = project(plan={"2026-10": 50}, progress=progress(("2026-10", 40.5)))
    assert ProjectTimeline(yellow, rules).status("2026-10").color == "yellow"
    assert ProjectTimeline(blue, rules).status("2026-10").color == "blue"
    _agree(yellow, rules)
    _agree(blue, rules)


def test_milestones_the_end_date_and_completion() -> None:
    p = project(
        end=D(2026, 8, 31),
        milestones=[
            {"name": "开工", "due": D(2026, 3, 10), "done": D(2026, 4, 20)},
            {"name": "完工", "due": D(2026, 7, 15)},
        ],
        progress=progress(("2026-03", 20), ("2026-06", 60), ("2026-09", 100)),
    )
    timeline = ProjectTimeline(p, Rules())
    assert [m.name for m in timeline.status("2026-08").overdue_milestones] == ["完工"]
    assert timeline.status("2026-08").color == "red"
    assert timeline.status("2026-09").color == "blue"  # completed
    _agree(p, Rules())


def test_a_red_streak_counts_reported_red_months_and_remembers_the_gap() -> None:
    plan = {"2026-07": 40, "2026-08": 50, "2026-09": 60, "2026-10": 70}
    p = project(plan=plan, progress=progress(("2026-07", 10), ("2026-08", 20), ("2026-10", 40)))
    run = ProjectTimeline(p, Rules()).red_streak("2026-10")
    assert (run.months, run.since, run.unreported, run.red_before) == (
        1,
        "2026-10",
        "2026-09",
        "2026-09",
    )
    _agree(p, Rules())


def test_the_evaluation_uses_the_fast_path_with_the_same_results() -> None:
    projects = [
        project(id="P-1", plan={"2026-09": 60}, progress=progress(("2026-09", 30))),
        project(id="P-2", start=D(2026, 11, 1)),
        project(id="P-3", progress=progress(("2026-05", 100))),
    ]
    ev = MonthEvaluation(dataset(projects=projects), "2026-10")
    rules = ev.data.rules
    assert ev.statuses == [project_status(p, "2026-10", rules) for p in projects]
    assert [s.id for s in ev.expected] == ["P-1"]
    assert ev.red_run("P-1") == red_streak(projects[0], "2026-10", rules)


# --- random projects -----------------------------------------------------------------------

percents = st.one_of(
    st.integers(0, 10).map(lambda n: n * 10.0),  # lags land exactly on the lines
    st.integers(0, 10).map(lambda n: n * 10.0),
    st.decimals(0, 100, places=2).map(float),
)
days = st.dates(D(2025, 11, 1), D(2027, 4, 30))
months = st.sampled_from(MONTHS)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    start = draw(days)
    end = draw(st.dates(start, D(2027, 6, 30)))
    milestones = [
        {"name": f"节点{i}", "due": due, "done": draw(st.none() | days)}
        for i, due in enumerate(draw(st.lists(days, max_size=2)))
    ]
    reports = draw(st.dictionaries(months, percents, max_size=12))
    return project(
        start=start,
        end=end,
        plan=draw(st.dictionaries(months, percents, max_size=8)),
        milestones=milestones,
        progress=progress(*sorted(reports.items())),
    )


def _rules(**fields: Any) -> Rules:
    return Rules.model_validate(fields, strict=False)


rules = st.builds(
    _rules,
    yellow_lag=st.sampled_from([10, 7.5, 0.1, 12.25]),
    red_lag=st.sampled_from([20, 15.5, 33.3, 0]),
    red_overdue_days=st.integers(0, 60),
)


@settings(max_examples=300, deadline=None)
@given(projects(), rules)
def test_the_fast_path_agrees_with_the_definition_on_random_projects(p: Project, r: Rules) -> None:
    _agree(p, r)


def test_months_evaluated_on_the_same_data_share_what_they_would_make_alike() -> None:
    blue = project(
        id="P-1", plan={"2026-09": 40, "2026-10": 50}, progress=progress(("2026-10", 50))
    )
    red = project(id="P-2", plan={"2026-09": 40, "2026-10": 80}, progress=progress(("2026-09", 0)))
    data = dataset(projects=[blue, red])
    october, september = MonthEvaluation(data, "2026-10"), MonthEvaluation(data, "2026-09")
    assert october.timelines is september.timelines
    # each month still answers for itself, as when evaluated alone
    alone = MonthEvaluation(dataset(projects=[blue, red]), "2026-09")
    assert september.statuses == alone.statuses and september.histories == alone.histories
    assert september.statuses != october.statuses
    # a dataset given other rules or other projects makes its own
    data.rules = data.rules.model_copy(update={"red_lag": 50})
    assert MonthEvaluation(data, "2026-10").timelines is not october.timelines
    data.projects = [blue]
    assert len(MonthEvaluation(data, "2026-10").timelines) == 1
