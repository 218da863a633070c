"""``town_stalled`` in words (a rule of SPEC §3.3 keeps this in
``wording/rules/<rule_id>.py``)."""

from __future__ import annotations

from example_rule.rule import TownStalledEvidence
from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.rules import evidence_word, finding, rule_word, summary_word
from xjj_cli.wording.words import Words


class TownStalledWords(Words[TownStalledEvidence]):
    """How ``town_stalled``'s evidence is said."""

    def rule(self, evidence: TownStalledEvidence) -> str:
        """指标本月零增长."""
        return rule_word("town_stalled")

    def months(self, evidence: TownStalledEvidence) -> tuple[str, str]:
        """The month."""
        return evidence.month, evidence.month

    def detail(self, evidence: TownStalledEvidence) -> str:
        """The metric, the month, the figure and the target."""
        return finding(
            "town_stalled",
            metric=evidence.metric_name,
            month=cn_month(evidence.month, evidence.month),
            completed=evidence.completed,
            target=evidence.target,
        )

    def line(self, evidence: TownStalledEvidence, span: str) -> str:
        """指标本月零增长（充电桩，10月）：累计完成10，年度目标20."""
        return evidence_word(
            "town_stalled",
            metric=evidence.metric_name,
            span=span,
            completed=evidence.completed,
            target=evidence.target,
        )

    def clause(self, evidence: TownStalledEvidence) -> str:
        """充电桩本月零增长."""
        return summary_word("town_stalled", metric=evidence.metric_name)
