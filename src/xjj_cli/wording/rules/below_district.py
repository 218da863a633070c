"""``below_district`` in words: 连续N个月低于全区完成率, month by month with both rates."""

from __future__ import annotations

from xjj_cli.engine.rules.below_district import BelowDistrictEvidence, RateMonth
from xjj_cli.messages.formats import months_count, percent
from xjj_cli.messages.rules import evidence_word, finding, phrase, rule_word
from xjj_cli.wording.words import Words, shown_history, streak_words


def rate_month(name: str, m: RateMonth) -> str:
    """One month of the streak in a finding: 10月完成率40.0%（全区70.0%）."""
    return phrase("rate_month", month=name, rate=percent(m.rate), district=percent(m.district_rate))


def _evidence_month(name: str, m: RateMonth) -> str:
    return evidence_word(
        "rate_month", month=name, rate=percent(m.rate), district=percent(m.district_rate)
    )


class BelowDistrictWords(Words[BelowDistrictEvidence]):
    """How ``below_district``'s evidence is said; a unit's summary groups it with the other
    town rules (``findings.town_clauses``)."""

    def rule(self, evidence: BelowDistrictEvidence) -> str:
        """连续低于全区平均."""
        return rule_word("below_district")

    def months(self, evidence: BelowDistrictEvidence) -> tuple[str, str]:
        """The streak's first and last month."""
        return evidence.months[0].month, evidence.months[-1].month

    def detail(self, evidence: BelowDistrictEvidence) -> str:
        """The metric, the last months' rates against the district's, the span and streak."""
        words = streak_words(evidence.metric_name, evidence.months, evidence.streak, rate_month)
        return finding("below_district", **words)

    def line(self, evidence: BelowDistrictEvidence, span: str) -> str:
        """连续3个月低于全区完成率（5G基站，8月至10月）：8月40.0%（全区70.0%），…"""
        return evidence_word(
            "below_district",
            months=months_count(evidence.streak),
            metric=evidence.metric_name,
            span=span,
            history=shown_history(evidence.months, _evidence_month),
        )
