"""``city_card`` in words: the card's date, colour and subject."""

from __future__ import annotations

from xjj_cli.engine.rules.city_card import CardEvidence
from xjj_cli.messages.formats import cn_date
from xjj_cli.messages.rules import (
    CARD_WORDS,
    brief_word,
    evidence_word,
    finding,
    phrase,
    rule_word,
    summary_word,
)
from xjj_cli.wording.words import Words


class CityCardWords(Words[CardEvidence]):
    """How ``city_card``'s evidence is said."""

    def rule(self, evidence: CardEvidence) -> str:
        """市挂图作战平台亮牌."""
        return rule_word("city_card")

    def months(self, evidence: CardEvidence) -> tuple[str, str]:
        """The card's month."""
        month = evidence.date.strftime("%Y-%m")
        return month, month

    def detail(self, evidence: CardEvidence) -> str:
        """The date, the colour and the subject, with the project when the card names one."""
        subject = evidence.subject + (
            phrase("card_project", project=evidence.project) if evidence.project else ""
        )
        return finding(
            "city_card",
            date=cn_date(evidence.date),
            color=CARD_WORDS[evidence.color],
            subject=subject,
        )

    def line(self, evidence: CardEvidence, span: str) -> str:
        """市挂图作战平台亮牌（10月）：…被亮红牌，事由为…"""
        return evidence_word(
            "city_card",
            span=span,
            date=cn_date(evidence.date),
            color=CARD_WORDS[evidence.color],
            subject=evidence.subject,
        )

    def brief(self, evidence: CardEvidence) -> str:
        """被市挂图作战平台亮红牌 (二 tells the date and the subject)."""
        return brief_word("city_card", color=CARD_WORDS[evidence.color])

    def clause(self, evidence: CardEvidence) -> str:
        """…被市挂图作战平台亮红牌，事由为…"""
        return summary_word(
            "city_card",
            date=cn_date(evidence.date),
            color=CARD_WORDS[evidence.color],
            subject=evidence.subject,
        )
