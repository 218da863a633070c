"""Findings in words: the one place that turns the engine's evidence into sentences.

The engine decides (``engine/escalation.py`` returns each breach with a typed evidence
record); this module says what it found, from the phrases of ``messages.py``. Every reader
gets its words here: the accountability table, CSV and Markdown (``detail``), JSON's
``detail`` next to the record's own fields, and the bulletin's one-sentence reasons.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from xjj_cli.chinese import FULL_STOP, FULLWIDTH_COLON, FULLWIDTH_COMMA, clauses
from xjj_cli.engine.results import (
    Action,
    BelowDistrictEvidence,
    BottomNEvidence,
    Breach,
    CardEvidence,
    ColorReason,
    NoncooperationEvidence,
    OverdueMilestone,
    ProjectEvidence,
    ProjectStatus,
    RedProjectEvidence,
    TaskEvidence,
    TownRedEvidence,
    UnitFinding,
)
from xjj_cli.messages import (
    ACTION_LABELS,
    CARD_WORDS,
    chinese_number,
    cn_date,
    cn_month,
    cn_months,
    finding,
    percent,
    percent_points,
    phrase,
    points,
)

SHOWN_MONTHS = 3
"""A streak's last months spelled out in a finding's sentence (the evidence keeps all)."""


def action_label(action: Action) -> str:
    """The office's word for an action: 提醒, 通报, 约谈, 问责."""
    return ACTION_LABELS[action.key]


def summary(unit: UnitFinding) -> str:
    """A unit's reasons for its action in one or two plain sentences, without the month-by-
    month figures (those are ``detail``'s): what the bulletin's 通报及约谈问责情况 and a notice
    say of the unit. Starts with the unit's name and ends with a full stop."""
    strong = [b for b in unit.reasons if b.action >= unit.action] or list(unit.reasons)
    return unit.name + FULLWIDTH_COLON + clauses(detail(b) for b in strong) + FULL_STOP


def detail(breach: Breach) -> str:
    """The sentence that explains a breach: the ``detail`` of the accountability list (table,
    CSV, Markdown, JSON) and the reason the bulletin gives."""
    evidence = breach.evidence
    match evidence:
        case BottomNEvidence():
            return _bottom_n(evidence)
        case BelowDistrictEvidence():
            return _below_district(evidence)
        case TownRedEvidence():
            return finding(
                "town_red",
                metric=evidence.metric_name,
                month=cn_month(evidence.month, evidence.month),
                rate=percent(evidence.rate),
                progress=percent(evidence.time_progress),
                gap=points((evidence.time_progress - evidence.rate) * 100),
            )
        case RedProjectEvidence():
            return finding(
                "project_red", **_project_words(evidence), streak_text=red_streak_text(evidence)
            )
        case ProjectEvidence():
            return finding("project_yellow", **_project_words(evidence))
        case TaskEvidence():
            return _task(evidence)
        case CardEvidence():
            subject = evidence.subject + (
                phrase("card_project", project=evidence.project) if evidence.project else ""
            )
            return finding(
                "city_card",
                date=cn_date(evidence.date),
                color=CARD_WORDS[evidence.color],
                subject=subject,
            )
        case NoncooperationEvidence():
            return _noncooperation(evidence)


def _span(first: str, month: str, streak: int, shown: int) -> str:
    """ "2026年9月至2027年1月" when the streak is longer than the months spelled out."""
    if streak <= shown:
        return ""
    first_name, last_name = cn_months([first, month], month)
    return phrase("span", first=first_name, last=last_name)


def _bottom_n(evidence: BottomNEvidence) -> str:
    month = evidence.months[-1].month
    shown = evidence.months[-SHOWN_MONTHS:]
    names = cn_months([m.month for m in shown], month)
    history = FULLWIDTH_COMMA.join(
        phrase("rank_month", month=name, rank=m.rank, size=m.of)
        for name, m in zip(names, shown, strict=True)
    )
    return finding(
        "bottom_n",
        metric=evidence.metric_name,
        history=history,
        span=_span(evidence.months[0].month, month, len(evidence.months), len(shown)),
        streak=evidence.streak,
        n=chinese_number(evidence.bottom_n),
    )


def _below_district(evidence: BelowDistrictEvidence) -> str:
    month = evidence.months[-1].month
    shown = evidence.months[-SHOWN_MONTHS:]
    names = cn_months([m.month for m in shown], month)
    history = FULLWIDTH_COMMA.join(
        phrase("rate_month", month=name, rate=percent(m.rate), district=percent(m.district_rate))
        for name, m in zip(names, shown, strict=True)
    )
    return finding(
        "below_district",
        metric=evidence.metric_name,
        history=history,
        span=_span(evidence.months[0].month, month, len(evidence.months), len(shown)),
        streak=evidence.streak,
    )


def _project_words(evidence: ProjectEvidence) -> dict[str, str]:
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
                lag=points(lag),
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


def red_streak_text(evidence: RedProjectEvidence) -> str:
    """How long a project has been red, in words that do not overstate or hide a gap."""
    month = evidence.month
    gap = cn_month(evidence.unreported_month, month) if evidence.unreported_month else None
    if evidence.streak > 1:
        if gap:
            return phrase("red_streak_after_gap", streak=evidence.streak, gap=gap)
        return phrase("red_streak", streak=evidence.streak)
    if gap:
        return phrase("red_after_gap", gap=gap)
    if evidence.red_before:
        return phrase("red_again", before=cn_month(evidence.red_before, month))
    return phrase("red_first")


def _task(evidence: TaskEvidence) -> str:
    if evidence.done is None:
        return finding(
            "city_task_open",
            task=evidence.task,
            title=evidence.title,
            deadline=cn_date(evidence.deadline),
            days=evidence.days_overdue,
        )
    return finding(
        "city_task_late",
        task=evidence.task,
        title=evidence.title,
        deadline=cn_date(evidence.deadline),
        done=cn_date(evidence.done),
        days=evidence.days_overdue,
    )


def _noncooperation(evidence: NoncooperationEvidence) -> str:
    listed = clauses(
        phrase("report", reporter=r.reporter_name, date=cn_date(r.date), text=r.text)
        for r in evidence.reports
    )
    streak_text = phrase("report_streak", streak=evidence.streak) if evidence.streak > 1 else ""
    return finding(
        "noncooperation",
        month=cn_month(evidence.month, evidence.month),
        count=evidence.count,
        reports=listed,
        streak_text=streak_text,
    )
