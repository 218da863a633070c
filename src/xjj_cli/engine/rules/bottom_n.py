"""``bottom_n`` (SPEC §3.3): a town in the bottom N of a ranked metric for s consecutive
months ending at M — s ≥ interview_streak → 约谈; s ≥ accountability_streak → 问责.

A town is in the bottom N of a ranking when fewer than N towns have a rate strictly below
its own (towns tied at the boundary are all listed; with ``bottom_ties: exclude``, only when
at most N towns, itself included, have a rate at or below its own — SPEC §3.1).
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

ID: Final = RuleId.bottom_n
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class RankMonth:
    """A month of a bottom-N streak: the town's rank of how many, and its rate."""

    month: str
    rank: int
    of: int
    rate: Fraction


@dataclass(frozen=True)
class BottomNEvidence(Evidence):
    """``bottom_n``: a town in the bottom N of a metric for ``streak`` months running."""

    metric: str
    streak: int
    months: tuple[RankMonth, ...]
    """Every month of the streak, oldest first; the last is the month evaluated."""
    metric_name: str = field(metadata=WORDS_ONLY)
    bottom_n: int = field(metadata=WORDS_ONLY)

    def tiebreak(self) -> tuple[str, ...]:
        """By metric name."""
        return (self.metric_name,)


def breaches(history: Mapping[str, MetricRanking], month: str, rules: Rules) -> list[Breach]:
    """Towns in the bottom N of one metric for enough consecutive months ending at
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
        evidence = BottomNEvidence(
            metric=current.metric,
            streak=len(run),
            months=tuple(RankMonth(m, r.rank, k.size, r.rate) for m, k, r in rows if r is not None),
            metric_name=current.metric_name,
            bottom_n=rules.bottom_n,
        )
        found.append(Breach(row.town, ID, action, evidence))
    return found


def warnings(history: Mapping[str, MetricRanking], month: str, rules: Rules) -> list[EarlyWarning]:
    """Towns whose bottom-N streak on one metric reaches 约谈 or 问责 if it holds next month."""
    return town_streak_warnings(ID, history, month, rules)


def _breaches(facts: MonthFacts) -> list[Breach]:
    rules = facts.data.rules
    return [b for h in facts.histories.values() for b in breaches(h, facts.month, rules)]


def _warnings(facts: MonthFacts) -> list[EarlyWarning]:
    rules = facts.data.rules
    return [w for h in facts.histories.values() for w in warnings(h, facts.month, rules)]


RULE = Rule(ID, _breaches, _warnings)
