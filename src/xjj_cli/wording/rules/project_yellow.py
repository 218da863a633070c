"""``project_yellow`` in words, and a project's colour in words (SPEC §3.2) — said by both
project rules, the bulletin's project lists and its 下步工作要求 — and ``milestone_due``'s
warning."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from xjj_cli.chinese import FULLWIDTH_COMMA, clauses
from xjj_cli.engine.results import (
    ColorReason,
    MilestoneDueEvidence,
    OverdueMilestone,
    ProjectStatus,
)
from xjj_cli.engine.rules.project_yellow import ProjectEvidence
from xjj_cli.messages.formats import cn_date, cn_month, percent_points, points, printed_gap
from xjj_cli.messages.rules import (
    evidence_word,
    finding,
    phrase,
    rule_word,
    summary_word,
    warning_word,
)
from xjj_cli.wording.words import Words


def project_why(status: ProjectStatus, month: str) -> str:
    """Why a red or yellow project has its colour, in one clause per reason."""
    assert status.planned is not None and status.actual is not None and status.lag is not None
    return _why(
        status.reasons, status.planned, status.actual, status.lag, status.overdue_milestones, month
    )


def _why(
    reasons: Sequence[ColorReason],
    planned: Fraction,
    actual: Fraction,
    lag: Fraction,
    overdue: Sequence[OverdueMilestone],
    month: str,
) -> str:
    parts = []
    if ColorReason.lag in reasons:
        parts.append(
            phrase(
                "lag",
                planned=percent_points(planned),
                actual=percent_points(actual),
                lag=points(printed_gap(planned, actual)),
            )
        )
    if ColorReason.milestone in reasons:
        for m in overdue:
            parts.append(phrase("milestone_overdue", name=m.name, due=cn_date(m.due), days=m.days))
    if ColorReason.end_passed in reasons:
        parts.append(phrase("end_passed", actual=percent_points(actual)))
    if ColorReason.not_reported in reasons:
        parts.append(phrase("not_reported", month=cn_month(month, month)))
    return clauses(parts)


def colour_causes(
    reasons: Sequence[ColorReason],
    planned: Fraction,
    actual: Fraction,
    overdue: Sequence[OverdueMilestone],
    month: str,
) -> str:
    """Why a project has its colour in a few plain words: 进度滞后（计划75.0%、实际50.0%）,
    节点“…”逾期46天 (the bulletin's 二 and every unit's summary)."""
    parts = []
    if ColorReason.lag in reasons:
        parts.append(
            summary_word("why_lag", planned=percent_points(planned), actual=percent_points(actual))
        )
    if ColorReason.milestone in reasons:
        parts.extend(summary_word("why_milestone", name=m.name, days=m.days) for m in overdue)
    if ColorReason.end_passed in reasons:
        parts.append(summary_word("why_end_passed"))
    if ColorReason.not_reported in reasons:
        parts.append(summary_word("why_not_reported", month=cn_month(month, month)))
    return FULLWIDTH_COMMA.join(parts)


def project_words(evidence: ProjectEvidence) -> dict[str, str]:
    """The project, its name, the month and why it has its colour, for a sentence."""
    return {
        "project": evidence.project,
        "name": evidence.name,
        "month": cn_month(evidence.month, evidence.month),
        "why": _why(
            evidence.why,
            evidence.planned,
            evidence.actual,
            evidence.lag,
            evidence.overdue_milestones,
            evidence.month,
        ),
    }


def project_clause(evidence: ProjectEvidence, colour: str) -> str:
    """A project in a unit's summary: 负责的“…”项目进度滞后…，``colour``."""
    why = colour_causes(
        evidence.why,
        evidence.planned,
        evidence.actual,
        evidence.overdue_milestones,
        evidence.month,
    )
    return summary_word("project", name=evidence.name, why=why, colour=colour)


class ProjectYellowWords(Words[ProjectEvidence]):
    """How ``project_yellow``'s evidence is said."""

    def rule(self, evidence: ProjectEvidence) -> str:
        """项目被列为黄色."""
        return rule_word("project_yellow")

    def months(self, evidence: ProjectEvidence) -> tuple[str, str]:
        """The month."""
        return evidence.month, evidence.month

    def detail(self, evidence: ProjectEvidence) -> str:
        """The project, the month and why it is yellow."""
        return finding("project_yellow", **project_words(evidence))

    def line(self, evidence: ProjectEvidence, span: str) -> str:
        """项目被列为黄色（10月）：“…”项目计划完成…"""
        return evidence_word("project_yellow", span=span, **project_words(evidence))

    def clause(self, evidence: ProjectEvidence) -> str:
        """负责的“…”项目进度滞后…，被列为黄色."""
        return project_clause(evidence, summary_word("yellow_now"))


def milestone_due(evidence: MilestoneDueEvidence, unit: str) -> str:
    """``milestone_due``: “…”项目“…”节点计划于…完成，请抓紧."""
    return warning_word(
        "milestone_due",
        name=evidence.name,
        milestone=evidence.milestone,
        due=cn_date(evidence.due),
    )
