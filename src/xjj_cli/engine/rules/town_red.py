"""``town_red`` (SPEC §3.3): a town is red on a ranked metric at M — 提醒.

Town colour for a metric (SPEC §3.1): blue when rate ≥ time progress, yellow when rate ≥
time progress − yellow_lag (in percentage points), red otherwise. No early warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

from xjj_cli.engine.results import (
    WORDS_ONLY,
    Action,
    Breach,
    Evidence,
    MetricRanking,
    RuleId,
)
from xjj_cli.engine.rules.base import MonthFacts, Rule
from xjj_cli.engine.towns import share_of_points
from xjj_cli.model import Rules

ID: Final = RuleId.town_red
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class TownRedEvidence(Evidence):
    """``town_red``: a town red on a ranked metric at the month."""

    metric: str
    rate: Fraction
    time_progress: Fraction
    yellow_lag: Fraction
    """The rule's yellow band as a share of one (10 points → 1/10)."""
    metric_name: str = field(metadata=WORDS_ONLY)
    month: str = field(metadata=WORDS_ONLY)

    def tiebreak(self) -> tuple[str, ...]:
        """By metric name."""
        return (self.metric_name,)


def breaches(ranking: MetricRanking, rules: Rules) -> list[Breach]:
    """Towns red on a ranked metric at the month: remind."""
    return [
        Breach(
            row.town,
            ID,
            Action.remind,
            TownRedEvidence(
                metric=ranking.metric,
                rate=row.rate,
                time_progress=ranking.time_progress,
                yellow_lag=share_of_points(rules.yellow_lag),
                metric_name=ranking.metric_name,
                month=ranking.month,
            ),
        )
        for row in ranking.rows
        if row.color == "red"
    ]


def _breaches(facts: MonthFacts) -> list[Breach]:
    rules = facts.data.rules
    return [
        b
        for h in facts.histories.values()
        if facts.month in h
        for b in breaches(h[facts.month], rules)
    ]


RULE = Rule(ID, _breaches)
