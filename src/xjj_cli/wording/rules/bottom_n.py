"""``bottom_n`` in words: 连续N个月排名后三名, month by month with the town's rank."""

from __future__ import annotations

from xjj_cli.engine.rules.bottom_n import BottomNEvidence, RankMonth
from xjj_cli.messages.formats import chinese_number, months_count
from xjj_cli.messages.rules import evidence_word, finding, phrase, rule_word
from xjj_cli.wording.words import Words, shown_history, streak_words


def rank_month(name: str, m: RankMonth) -> str:
    """One month of the streak: 10月第16名（共16名）."""
    return phrase("rank_month", month=name, rank=m.rank, size=m.of)


class BottomNWords(Words[BottomNEvidence]):
    """How ``bottom_n``'s evidence is said; a unit's summary groups it with the other town
    rules (``findings.town_clauses``)."""

    def rule(self, evidence: BottomNEvidence) -> str:
        """连续排名后三名."""
        return rule_word("bottom_n", n=chinese_number(evidence.bottom_n))

    def months(self, evidence: BottomNEvidence) -> tuple[str, str]:
        """The streak's first and last month."""
        return evidence.months[0].month, evidence.months[-1].month

    def detail(self, evidence: BottomNEvidence) -> str:
        """The metric, the last months' ranks, the span and the streak."""
        words = streak_words(evidence.metric_name, evidence.months, evidence.streak, rank_month)
        return finding("bottom_n", n=chinese_number(evidence.bottom_n), **words)

    def line(self, evidence: BottomNEvidence, span: str) -> str:
        """连续9个月排名后三名（5G基站，2月至10月）：8月第16名（共16名），…"""
        return evidence_word(
            "bottom_n",
            months=months_count(evidence.streak),
            n=chinese_number(evidence.bottom_n),
            metric=evidence.metric_name,
            span=span,
            history=shown_history(evidence.months, rank_month),
        )
