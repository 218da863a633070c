"""The engine's records themselves, on tiny hand-made values: the order of a unit's reasons,
the metric a streak names, the bulletin's figures and the district rate. Cases mutation
testing (``make mutate``, docs/mutation.md) found untested after the evidence redesign.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

from builders import dataset, figures
from xjj_cli.engine.escalation import combine
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import (
    MetricTotals,
    RateHistory,
    YearInvestment,
    metric_totals,
    rate_histories,
    year_investment,
)
from xjj_cli.engine.results import Action, Breach, Evidence, MetricRanking, RuleId, TownRow
from xjj_cli.engine.rules import below_district, bottom_n
from xjj_cli.engine.rules.below_district import BelowDistrictEvidence
from xjj_cli.engine.rules.bottom_n import BottomNEvidence
from xjj_cli.engine.rules.city_card import CardEvidence
from xjj_cli.engine.rules.city_task import TaskEvidence
from xjj_cli.engine.rules.project_yellow import ProjectEvidence
from xjj_cli.engine.towns import rank_towns
from xjj_cli.model import Rules

D = dt.date


def _describe(code: str) -> tuple[str, str]:
    return code.upper(), "department"


def _order(*breaches: Breach) -> list[Evidence]:
    """The unit's reasons as ``combine`` orders them."""
    [finding] = combine(breaches, _describe)
    assert (finding.unit, finding.name, finding.kind) == ("u", "U", "department")
    return [b.evidence for b in finding.reasons]


def _streak(metric: str, name: str) -> BottomNEvidence:
    return BottomNEvidence(metric, 3, (), name, 1)


def _project(project: str) -> ProjectEvidence:
    return ProjectEvidence(project, F(50), F(30), F(20), True, (), False, (), project, "2026-10")


def _task(task: str) -> TaskEvidence:
    return TaskEvidence(task, task, D(2026, 9, 30), None, 31)


def _card(day: int, subject: str) -> CardEvidence:
    return CardEvidence(D(2026, 10, day), "yellow", subject, None)


def test_reasons_of_one_rule_and_action_are_ordered_by_metric_name_not_by_input() -> None:
    late, early = _streak("m1", "zeta"), _streak("m2", "alpha")
    got = _order(
        Breach("u", RuleId.bottom_n, Action.interview, late),
        Breach("u", RuleId.bottom_n, Action.interview, early),
    )
    assert got == [early, late]


def test_reasons_of_one_rule_and_action_are_ordered_by_project_then_task() -> None:
    p2, p1 = _project("P-2"), _project("P-1")
    t2, t1 = _task("T-2"), _task("T-1")
    got = _order(
        Breach("u", RuleId.project_yellow, Action.notify, p2),
        Breach("u", RuleId.city_task, Action.interview, t2),
        Breach("u", RuleId.project_yellow, Action.notify, p1),
        Breach("u", RuleId.city_task, Action.interview, t1),
    )
    assert got == [t1, t2, p1, p2]


def test_cards_of_one_action_are_ordered_by_date_then_subject() -> None:
    later, same_day_b, same_day_a = _card(9, "a"), _card(2, "b"), _card(2, "a")
    got = _order(
        *(
            Breach("u", RuleId.city_card, Action.interview, c)
            for c in (later, same_day_b, same_day_a)
        )
    )
    assert got == [same_day_a, same_day_b, later]


def test_both_town_streak_rules_name_their_metric() -> None:
    months = ("2026-08", "2026-09", "2026-10")
    fig = figures([(m, t, 10, done) for m in months for t, done in (("a", 9), ("b", 2))])
    ev = MonthEvaluation(dataset(fig, towns=("a", "b"), rules=Rules(bottom_n=1)), "2026-10")
    history = ev.histories["5g.stations"]
    for rule in (bottom_n, below_district):
        [breach] = rule.breaches(history, "2026-10", ev.data.rules)
        assert isinstance(breach.evidence, BottomNEvidence | BelowDistrictEvidence)
        assert (breach.unit, breach.evidence.metric, breach.evidence.streak) == (
            "b",
            "5g.stations",
            3,
        )


def _ranking(month: str, rate: F) -> MetricRanking:
    row = TownRow(1, "a", "A", 10, 5, F(1, 2), "blue", False, False, None)
    return MetricRanking(month, "m", "Stations", "pcs", "5g", rate, F(1, 12), (row,))


def test_metric_totals_carry_the_rankings_district_rate() -> None:
    assert metric_totals(_ranking("2026-01", F(1, 10))) == MetricTotals(5, 10, F(1, 10))


def test_a_rate_history_of_one_month_names_its_metric() -> None:
    histories = {"m": {"2026-01": _ranking("2026-01", F(1, 10))}}
    assert rate_histories(histories, "2026-01") == [
        RateHistory("m", "Stations", ("2026-01",), (F(1, 10),))
    ]


def test_a_year_without_projects_invests_an_exact_zero() -> None:
    invested = year_investment([], "2026-10")
    assert invested == YearInvestment(F(0), F(0))
    assert type(invested.plan) is F and type(invested.done) is F


def test_the_district_rate_leaves_out_towns_without_a_target() -> None:
    _, overall = rank_towns(
        ["a", "b"],
        [10, 0],
        [5, 3],
        bottom_n=1,
        bottom_ties="include",
        progress=F(1),
        yellow_lag=F(0),
    )
    assert overall == F(1, 2)
