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
    Evidence,
    MetricRanking,
    RuleId,
)
from xjj_cli.engine.rules.base import Rule, TownStreak
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


def _evidence(
    history: Mapping[str, MetricRanking], run: tuple[str, ...], town: str, rules: Rules
) -> BottomNEvidence:
    current = history[run[-1]]
    rows = [(m, history[m].row(town)) for m in run]
    return BottomNEvidence(
        metric=current.metric,
        streak=len(run),
        months=tuple(
            RankMonth(m, r.rank, history[m].size, r.rate) for m, r in rows if r is not None
        ),
        metric_name=current.metric_name,
        bottom_n=rules.bottom_n,
    )


STREAK: Final = TownStreak(ID, lambda row: row.bottom_n, _evidence)
breaches: Final = STREAK.breaches
"""The towns' breaches on one metric's rankings (``TownStreak.breaches``)."""
warnings: Final = STREAK.warnings
"""The towns one month short of an action on one metric (``TownStreak.warnings``)."""
RULE: Final = Rule(ID, STREAK.month_breaches, STREAK.month_warnings)
