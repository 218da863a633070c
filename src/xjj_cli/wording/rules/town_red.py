"""``town_red`` in words: a metric's rate below 序时进度 by more than the yellow band."""

from __future__ import annotations

from xjj_cli.engine.rules.town_red import TownRedEvidence
from xjj_cli.messages.formats import cn_month, percent, points, printed_gap
from xjj_cli.messages.rules import evidence_word, finding, rule_word
from xjj_cli.wording.words import Words


def gap(evidence: TownRedEvidence) -> str:
    """How far the rate is below 序时进度, in percentage points (between the printed figures)."""
    return points(printed_gap(evidence.time_progress * 100, evidence.rate * 100))


class TownRedWords(Words[TownRedEvidence]):
    """How ``town_red``'s evidence is said; a unit's summary groups it with the other town
    rules (``findings.town_clauses``)."""

    def rule(self, evidence: TownRedEvidence) -> str:
        """完成率低于序时进度."""
        return rule_word("town_red")

    def months(self, evidence: TownRedEvidence) -> tuple[str, str]:
        """The month."""
        return evidence.month, evidence.month

    def detail(self, evidence: TownRedEvidence) -> str:
        """The metric, the month, the rate, 序时进度 and the gap."""
        return finding(
            "town_red",
            metric=evidence.metric_name,
            month=cn_month(evidence.month, evidence.month),
            rate=percent(evidence.rate),
            progress=percent(evidence.time_progress),
            gap=gap(evidence),
        )

    def line(self, evidence: TownRedEvidence, span: str) -> str:
        """完成率低于序时进度（5G基站，10月）：完成率…，序时进度…，相差…，被列为红色."""
        return evidence_word(
            "town_red",
            metric=evidence.metric_name,
            month=span,
            rate=percent(evidence.rate),
            progress=percent(evidence.time_progress),
            gap=gap(evidence),
        )
