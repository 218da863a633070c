"""``noncooperation`` (SPEC §3.3): verified non-cooperation reports against a department in M
— one → 约谈; two or more in M, or reports in interview_streak consecutive months → 问责.

"Consecutive months" are the months M, M−1, … in which the unit was reported; a month
without a verified report ends the streak. No early warning.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Final

from xjj_cli.engine.results import WORDS_ONLY, Action, Breach, Evidence, RuleId
from xjj_cli.engine.rules.base import MonthFacts, Rule
from xjj_cli.engine.streaks import run_of_months
from xjj_cli.model import Events, NonCooperation, Rules

ID: Final = RuleId.noncooperation
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class ReportEvidence:
    """A verified report that the unit did not cooperate."""

    date: dt.date
    reporter: str
    text: str
    reporter_name: str = field(metadata=WORDS_ONLY)


@dataclass(frozen=True)
class NoncooperationEvidence(Evidence):
    """``noncooperation``: the month's verified reports against a unit, and for how many
    months running it has been reported."""

    count: int
    streak: int
    reports: tuple[ReportEvidence, ...]
    """By date, then reporter."""
    month: str = field(metadata=WORDS_ONLY)

    def tiebreak(self) -> tuple[str, ...]:
        """One breach per unit: nothing to order."""
        return ()


def breaches(
    events: Mapping[str, Events],
    month: str,
    rules: Rules,
    names: Mapping[str, str],
) -> list[Breach]:
    """Verified non-cooperation reports against a unit in the month: one → interview;
    two or more in the month, or reports in ``interview_streak`` consecutive months →
    accountability.
    ``names`` gives the reporting towns' names for the evidence."""

    def verified(m: str) -> dict[str, list[NonCooperation]]:
        found: dict[str, list[NonCooperation]] = defaultdict(list)
        for report in events[m].noncooperation if m in events else []:
            if report.verified:
                found[report.unit].append(report)
        return found

    def reported(unit: str) -> Callable[[str], bool]:
        return lambda m: unit in verified(m)

    current = verified(month)
    found = []
    for unit, reports in sorted(current.items()):
        streak = len(run_of_months(month, reported(unit)))
        many = len(reports) >= 2 or streak >= rules.interview_streak
        action = Action.accountability if many else Action.interview
        listed = tuple(
            ReportEvidence(r.date, r.reporter, r.text, names.get(r.reporter, r.reporter))
            for r in sorted(reports, key=lambda r: (r.date, r.reporter))
        )
        evidence = NoncooperationEvidence(len(reports), streak, listed, month)
        found.append(Breach(unit, ID, action, evidence))
    return found


def _breaches(facts: MonthFacts) -> list[Breach]:
    events = {m: e for m, e in facts.data.events.items() if m <= facts.month}
    names = {c: u.name for c, u in facts.data.units.items()}
    return breaches(events, facts.month, facts.data.rules, names)


RULE = Rule(ID, _breaches)
