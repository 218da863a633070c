"""``below_district`` (SPEC §3.3): a town below the district rate of a ranked metric for s
consecutive months ending at M — the same thresholds as ``bottom_n``: s ≥ interview_streak →
约谈; s ≥ accountability_streak → 问责.

A town is below the district when its rate is strictly below the district rate (SPEC §3.1).
"Consecutive months" are the months M, M−1, … for which the data has that month; a month
without data ends the streak.

Early warning (SPEC §3.6, ``streak_near``): a streak of s months at M warns when s + 1
equals interview_streak or accountability_streak.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

from xjj_cli.engine.results import (
    WORDS_ONLY,
    Breach,
    EarlyWarning,
    Evidence,
    MetricRanking,
    RuleId,
)
from xjj_cli.engine.rules.base import (
    MonthFacts,
    Rule,
    streak_action,
    town_streak,
    town_streak_warnings,
)
from xjj_cli.model import Rules

ID: Final = RuleId.below_district
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class RateMonth:
    """A month of a below-the-district streak: the town's rate and the district's."""

    month: str
    rate: Fraction
    district_rate: Fraction


@dataclass(frozen=True)
class BelowDistrictEvidence(Evidence):
    """``below_district``: a town below the district rate of a metric for ``streak`` months."""

    metric: str
    streak: int
    months: tuple[RateMonth, ...]
    """Every month of the streak, oldest first; the last is the month evaluated."""
    metric_name: str = field(metadata=WORDS_ONLY)

    def tiebreak(self) -> tuple[str, ...]:
        """By metric name."""
        return (self.metric_name,)


def breaches(history: Mapping[str, MetricRanking], month: str, rules: Rules) -> list[Breach]:
    """Towns below the district rate of one metric for enough consecutive months ending at
    ``month``; ``history`` maps months with data to the metric's rankings. A month missing
    from ``history`` ends every streak."""
    current = history.get(month)
    if current is None:
        return []
    found = []
    for row in current.rows:
        run = town_streak(ID, history, month, row.town)
        action = streak_action(len(run), rules.interview_streak, rules.accountability_streak)
        if action is None:
            continue
        rows = [(m, history[m], history[m].row(row.town)) for m in run]
        evidence = BelowDistrictEvidence(
            metric=current.metric,
            streak=len(run),
            months=tuple(
                RateMonth(m, r.rate, k.district_rate) for m, k, r in rows if r is not None
            ),
            metric_name=current.metric_name,
        )
        found.append(Breach(row.town, ID, action, evidence))
    return found


def warnings(history: Mapping[str, MetricRanking], month: str, rules: Rules) -> list[EarlyWarning]:
    """Towns whose below-the-district streak on one metric reaches 约谈 or 问责 if it holds
    next month."""
    return town_streak_warnings(ID, history, month, rules)


def _breaches(facts: MonthFacts) -> list[Breach]:
    rules = facts.data.rules
    return [b for h in facts.histories.values() for b in breaches(h, facts.month, rules)]


def _warnings(facts: MonthFacts) -> list[EarlyWarning]:
    rules = facts.data.rules
    return [w for h in facts.histories.values() for w in warnings(h, facts.month, rules)]


RULE = Rule(ID, _breaches, _warnings)
