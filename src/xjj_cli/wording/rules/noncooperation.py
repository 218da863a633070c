"""``noncooperation`` in words: the month's verified reports and how long the unit has been
reported."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from xjj_cli.chinese import SEMICOLON, clauses, listing
from xjj_cli.engine.rules.noncooperation import NoncooperationEvidence
from xjj_cli.messages.formats import cn_date, cn_month, months_count
from xjj_cli.messages.rules import (
    brief_word,
    evidence_word,
    finding,
    phrase,
    rule_word,
    summary_word,
)
from xjj_cli.months import add_months
from xjj_cli.wording.words import Words


def report_words(
    word: Callable[..., str], evidence: NoncooperationEvidence, join: Callable[[Iterable[str]], str]
) -> tuple[str, str]:
    """The reports and the streak in the words of one catalogue (``word``: its ``report`` and
    ``report_streak``), the reports joined by ``join``: the finding's, 附件5's and 二's."""
    reports = join(
        word("report", reporter=r.reporter_name, date=cn_date(r.date), text=r.text)
        for r in evidence.reports
    )
    streak = (
        word("report_streak", months=months_count(evidence.streak)) if evidence.streak > 1 else ""
    )
    return reports, streak


class NoncooperationWords(Words[NoncooperationEvidence]):
    """How ``noncooperation``'s evidence is said."""

    def rule(self, evidence: NoncooperationEvidence) -> str:
        """不配合镇街工作."""
        return rule_word("noncooperation")

    def months(self, evidence: NoncooperationEvidence) -> tuple[str, str]:
        """The months the unit has been reported running, to the month."""
        return add_months(evidence.month, 1 - evidence.streak), evidence.month

    def detail(self, evidence: NoncooperationEvidence) -> str:
        """How many reports, verified, each report, and the streak."""
        listed, streak_text = report_words(phrase, evidence, clauses)
        return finding(
            "noncooperation",
            month=cn_month(evidence.month, evidence.month),
            count=evidence.count,
            verified=phrase("verified_all" if evidence.count > 1 else "verified_one"),
            reports=listed,
            streak_text=streak_text,
        )

    def line(self, evidence: NoncooperationEvidence, span: str) -> str:
        """不配合镇街工作（10月）：10月被反映2次，…反映“…”；…，均经核实属实."""
        many = evidence.count > 1
        reports, streak_text = report_words(evidence_word, evidence, SEMICOLON.join)
        return evidence_word(
            "noncooperation",
            span=span,
            count=(
                evidence_word(
                    "noncooperation_count",
                    month=cn_month(evidence.month, evidence.month),
                    count=evidence.count,
                )
                if many
                else ""
            ),
            reports=reports,
            verified=evidence_word("verified_all" if many else "verified_one"),
            streak_text=streak_text,
        )

    def brief(self, evidence: NoncooperationEvidence) -> str:
        """不配合镇街工作，经核实属实，已连续2个月被镇街反映 (二 tells who reported what)."""
        text = brief_word("noncooperation")
        if evidence.streak > 1:
            text += summary_word("noncooperation_streak", months=months_count(evidence.streak))
        return text

    def clause(self, evidence: NoncooperationEvidence) -> str:
        """10月被…反映不配合工作2次，经核实属实，已连续2个月被镇街反映."""
        reporters = listing(dict.fromkeys(r.reporter_name for r in evidence.reports))
        count = (
            summary_word("noncooperation_count", count=evidence.count) if evidence.count > 1 else ""
        )
        text = summary_word(
            "noncooperation",
            month=cn_month(evidence.month, evidence.month),
            reporters=reporters,
            count=count,
        )
        if evidence.streak > 1:
            text += summary_word("noncooperation_streak", months=months_count(evidence.streak))
        return text
