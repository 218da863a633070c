"""``problem_overdue`` in words: a ledger problem past its deadline, still open or resolved
late, and ``problem_due``'s warning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from xjj_cli.engine.results import ProblemDueEvidence
from xjj_cli.engine.rules.problem_overdue import ProblemEvidence
from xjj_cli.messages.formats import cn_date
from xjj_cli.messages.rules import (
    brief_word,
    evidence_word,
    finding,
    rule_word,
    summary_word,
    warning_word,
)
from xjj_cli.wording.words import Words


def problem_words(word: Callable[..., str], evidence: ProblemEvidence, **words: Any) -> str:
    """A ledger problem past its deadline in the words of one catalogue (``word``): its
    phrase for a problem still open, or for one resolved late."""
    facts: dict[str, Any] = {
        "text": evidence.text,
        "deadline": cn_date(evidence.deadline),
        "days": evidence.days_overdue,
    }
    if evidence.resolved is None:
        return word("problem_open", **facts, **words)
    return word("problem_late", **facts, resolved=cn_date(evidence.resolved), **words)


class ProblemOverdueWords(Words[ProblemEvidence]):
    """How ``problem_overdue``'s evidence is said."""

    def rule(self, evidence: ProblemEvidence) -> str:
        """问题未按期解决."""
        return rule_word("problem_overdue")

    def months(self, evidence: ProblemEvidence) -> tuple[str, str]:
        """From the deadline's month to the month it was resolved or is still open in."""
        until = evidence.deadline + dt.timedelta(days=evidence.days_overdue)
        return evidence.deadline.strftime("%Y-%m"), until.strftime("%Y-%m")

    def detail(self, evidence: ProblemEvidence) -> str:
        """The problem, its deadline, and how late it is or was."""
        return problem_words(finding, evidence, problem=evidence.problem)

    def line(self, evidence: ProblemEvidence, span: str) -> str:
        """问题未按期解决（10月）：“…”问题限期…解决，已逾期…天仍未解决."""
        return problem_words(evidence_word, evidence, span=span)

    def brief(self, evidence: ProblemEvidence) -> str:
        """负责解决的问题逾期未解决 (二 tells the units and days); one solved late, which 二
        does not tell, as in the summary."""
        if evidence.resolved is None:
            return brief_word("problem_open")
        return self.clause(evidence)

    def clause(self, evidence: ProblemEvidence) -> str:
        """负责解决的“…”问题限期…解决，已逾期…天仍未解决."""
        return problem_words(summary_word, evidence)


def problem_due(evidence: ProblemDueEvidence, unit: str) -> str:
    """``problem_due``: “…”问题限期…解决，请抓紧."""
    return warning_word("problem_due", text=evidence.text, deadline=cn_date(evidence.deadline))
