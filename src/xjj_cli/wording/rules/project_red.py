"""``project_red`` in words: the colour's causes (``project_yellow``'s words) and the red
streak, told so that it neither overstates nor hides a gap in reports."""

from __future__ import annotations

from xjj_cli.engine.rules.project_red import RedProjectEvidence
from xjj_cli.messages.formats import cn_month, months_count
from xjj_cli.messages.rules import (
    brief_word,
    evidence_word,
    finding,
    phrase,
    rule_word,
    summary_word,
)
from xjj_cli.wording.rules.project_yellow import project_clause, project_words
from xjj_cli.wording.words import Words


def red_streak_text(evidence: RedProjectEvidence) -> str:
    """How long a project has been red, in words that do not overstate or hide a gap."""
    month = evidence.month
    gap = cn_month(evidence.unreported_month, month) if evidence.unreported_month else None
    if evidence.streak > 1:
        if gap:
            return phrase("red_streak_after_gap", months=months_count(evidence.streak), gap=gap)
        return phrase("red_streak", months=months_count(evidence.streak))
    if gap:
        return phrase("red_after_gap", gap=gap)
    if evidence.red_before:
        return phrase("red_again", before=cn_month(evidence.red_before, month))
    return phrase("red_first")


class ProjectRedWords(Words[RedProjectEvidence]):
    """How ``project_red``'s evidence is said."""

    def rule(self, evidence: RedProjectEvidence) -> str:
        """项目被列为红色."""
        return rule_word("project_red")

    def months(self, evidence: RedProjectEvidence) -> tuple[str, str]:
        """The red streak's first month (when known) to the month."""
        return evidence.streak_since or evidence.month, evidence.month

    def detail(self, evidence: RedProjectEvidence) -> str:
        """The project, the month, why it is red and for how long."""
        return finding(
            "project_red", **project_words(evidence), streak_text=red_streak_text(evidence)
        )

    def line(self, evidence: RedProjectEvidence, span: str) -> str:
        """项目被列为红色（8月至10月）：“…”项目…；已连续3个月被列为红色."""
        return evidence_word(
            "project_red",
            span=span,
            **project_words(evidence),
            streak_text=red_streak_text(evidence),
        )

    def clause(self, evidence: RedProjectEvidence) -> str:
        """负责的“…”项目进度滞后…，已连续3个月被列为红色."""
        return project_clause(evidence, _colour(evidence))

    def brief(self, evidence: RedProjectEvidence) -> str:
        """负责的“…”项目已连续3个月被列为红色 (二 tells why)."""
        return brief_word("project_red", name=evidence.name, colour=_colour(evidence))


def _colour(evidence: RedProjectEvidence) -> str:
    if evidence.streak > 1:
        return summary_word("red_streak", months=months_count(evidence.streak))
    return summary_word("red_now")
