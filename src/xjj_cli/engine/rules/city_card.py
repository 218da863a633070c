"""``city_card`` (SPEC §3.3): a card issued in M by the city's platform — yellow → 约谈,
red → 问责. No early warning: a card comes without notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from xjj_cli.engine.results import Action, Breach, CardColor, Evidence, RuleId
from xjj_cli.engine.rules.base import MonthFacts, Rule
from xjj_cli.model import Events

ID: Final = RuleId.city_card
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class CardEvidence(Evidence):
    """``city_card``: a card the city's platform issued to the unit in the month."""

    date: dt.date
    color: CardColor
    subject: str
    project: str | None

    def tiebreak(self) -> tuple[str, ...]:
        """By date, then subject."""
        return (self.date.isoformat(), self.subject)


def breaches(events: Events | None) -> list[Breach]:
    """Cards issued in the month: a yellow card → interview, a red card → accountability."""
    if events is None:
        return []
    return [
        Breach(
            card.unit,
            ID,
            Action.accountability if card.color == "red" else Action.interview,
            CardEvidence(card.date, card.color, card.subject, card.project),
        )
        for card in events.cards
    ]


def _breaches(facts: MonthFacts) -> list[Breach]:
    return breaches(facts.data.events.get(facts.month))


RULE = Rule(ID, _breaches)
