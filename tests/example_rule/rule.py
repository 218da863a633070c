"""``town_stalled``: a town whose completed figure of a ranked metric did not rise during M,
although it is below its target and had a figure the month before in the same year — 提醒.

No early warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from xjj_cli.engine.results import (
    WORDS_ONLY,
    Action,
    AnyRuleId,
    Breach,
    Evidence,
    MetricRanking,
)
from xjj_cli.engine.rules.base import MonthFacts, Rule
from xjj_cli.months import add_months


class ExampleRuleId(AnyRuleId):
    """The example's id: a rule of SPEC §3.3 adds its id to ``RuleId`` instead."""

    town_stalled = "town_stalled"


ID: Final = ExampleRuleId.town_stalled
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class TownStalledEvidence(Evidence):
    """``town_stalled``: a town's completed figure of a metric, the same as the month
    before, and its target."""

    metric: str
    completed: int
    target: int
    metric_name: str = field(metadata=WORDS_ONLY)
    month: str = field(metadata=WORDS_ONLY)

    def tiebreak(self) -> tuple[str, ...]:
        """By metric name."""
        return (self.metric_name,)


def breaches(ranking: MetricRanking, before: MetricRanking | None) -> list[Breach]:
    """Towns whose completed figure of ``ranking``'s metric did not rise since ``before``
    (the month before, same year), though below their target: remind."""
    if before is None or before.month[:4] != ranking.month[:4]:
        return []
    found = []
    for row in ranking.rows:
        earlier = before.row(row.town)
        if earlier is None or row.completed > earlier.completed or row.completed >= row.target:
            continue
        evidence = TownStalledEvidence(
            ranking.metric, row.completed, row.target, ranking.metric_name, ranking.month
        )
        found.append(Breach(row.town, ID, Action.remind, evidence))
    return found


def _breaches(facts: MonthFacts) -> list[Breach]:
    before = add_months(facts.month, -1)
    return [
        b
        for h in facts.histories.values()
        if facts.month in h
        for b in breaches(h[facts.month], h.get(before))
    ]


RULE = Rule(ID, _breaches)
