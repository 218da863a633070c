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
    Evidence,
    MetricRanking,
    RuleId,
)
from xjj_cli.engine.rules.base import Rule, TownStreak
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


def _evidence(
    history: Mapping[str, MetricRanking], run: tuple[str, ...], town: str, rules: Rules
) -> BelowDistrictEvidence:
    current = history[run[-1]]
    rows = [(m, history[m].row(town)) for m in run]
    return BelowDistrictEvidence(
        metric=current.metric,
        streak=len(run),
        months=tuple(
            RateMonth(m, r.rate, history[m].district_rate) for m, r in rows if r is not None
        ),
        metric_name=current.metric_name,
    )


STREAK: Final = TownStreak(ID, lambda row: row.below_district, _evidence)
breaches: Final = STREAK.breaches
"""The towns' breaches on one metric's rankings (``TownStreak.breaches``)."""
warnings: Final = STREAK.warnings
"""The towns one month short of an action on one metric (``TownStreak.warnings``)."""
RULE: Final = Rule(ID, STREAK.month_breaches, STREAK.month_warnings)
