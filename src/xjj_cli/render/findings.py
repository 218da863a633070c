"""Findings in words: the one place that turns the engine's evidence into sentences.

The engine decides (``engine/escalation.py`` returns each breach with a typed evidence
record); this module says what it found, from the phrases of ``messages.py``. Every reader
gets its words here: the accountability table, CSV and Markdown (``detail``), JSON's
``detail`` next to the record's own fields, and the bulletin's one-sentence reasons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from xjj_cli.chinese import FULL_STOP, FULLWIDTH_COMMA, SEMICOLON, clauses, listing
from xjj_cli.engine.results import (
    Action,
    BelowDistrictEvidence,
    BottomNEvidence,
    Breach,
    CardEvidence,
    ColorReason,
    NoncooperationEvidence,
    OverdueMilestone,
    ProblemEvidence,
    ProjectEvidence,
    ProjectStatus,
    RedProjectEvidence,
    TaskEvidence,
    TownRedEvidence,
    UnitFinding,
)
from xjj_cli.messages import (
    ACTION_DECISIONS,
    ACTION_LABELS,
    CARD_WORDS,
    RULE_WORDS,
    chinese_number,
    cn_date,
    cn_month,
    cn_months,
    evidence_word,
    finding,
    months_count,
    percent,
    percent_points,
    phrase,
    points,
    summary_word,
)
from xjj_cli.model import DOMAIN_ORDER
from xjj_cli.months import add_months

SHOWN_MONTHS = 3
"""A streak's last months spelled out in a finding's sentence (the evidence keeps all)."""


def task_words(
    word: Callable[..., str],
    keys: tuple[str, str],
    deadline: dt.date,
    done: dt.date | None,
    days: int,
    **words: Any,
) -> str:
    """A city key task past its deadline in the words of one catalogue (``word``): ``keys``
    are its phrases for a task still open and for one done late."""
    if done is None:
        return word(keys[0], deadline=cn_date(deadline), days=days, **words)
    return word(keys[1], deadline=cn_date(deadline), done=cn_date(done), days=days, **words)


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


def action_label(action: Action) -> str:
    """The office's word for an action: 提醒, 通报, 约谈, 问责."""
    return ACTION_LABELS[action.key]


def action_decision(action: Action) -> str:
    """What the bulletin does about a reason: 提醒, 通报, 约谈, 提请问责."""
    return ACTION_DECISIONS[action.key]


def rule_words(breach: Breach) -> str:
    """A breach's rule in words (附件3's 规则 column): 连续排名后三名, 市重点督办任务逾期 …"""
    evidence = breach.evidence
    n = chinese_number(evidence.bottom_n) if isinstance(evidence, BottomNEvidence) else ""
    return RULE_WORDS[breach.rule.value].format(n=n)


def reason_months(breach: Breach) -> str:
    """The months a breach covers: a streak's span (2月至10月), else the month (10月)."""
    evidence = breach.evidence
    match evidence:
        case BottomNEvidence() | BelowDistrictEvidence():
            months = [m.month for m in evidence.months]
        case RedProjectEvidence() if evidence.streak_since:
            months = [evidence.streak_since, evidence.month]
        case NoncooperationEvidence():
            months = [add_months(evidence.month, 1 - evidence.streak), evidence.month]
        case TownRedEvidence() | ProjectEvidence():
            months = [evidence.month]
        case TaskEvidence():
            # from the deadline's month to the month it was done or is still open in
            until = evidence.done or evidence.deadline + dt.timedelta(days=evidence.days_overdue)
            months = [evidence.deadline.strftime("%Y-%m"), until.strftime("%Y-%m")]
        case ProblemEvidence():
            # from the deadline's month to the month it was resolved or is still open in
            until = evidence.deadline + dt.timedelta(days=evidence.days_overdue)
            months = [evidence.deadline.strftime("%Y-%m"), until.strftime("%Y-%m")]
        case CardEvidence():
            months = [evidence.date.strftime("%Y-%m")]
    first, last = months[0], months[-1]
    if first == last:
        return cn_month(last, last)
    first_name, last_name = cn_months([first, last], last)
    return phrase("span", first=first_name, last=last_name)


def summary(unit: UnitFinding) -> str:
    """A unit's reasons for its action in one plain sentence, without the month-by-month
    figures (those are ``detail``'s): what the bulletin's 通报及约谈问责情况 and a notice say of
    the unit (长沟镇5G基站、充电桩2项指标连续3个月排名后三名，完成率均低于全区平均). Only the
    reasons that carry the unit's action are told; starts with the unit's name and ends with
    a full stop."""
    strong = [b for b in unit.reasons if b.action >= unit.action] or list(unit.reasons)
    parts = _town_clauses(strong)
    for breach in strong:
        evidence = breach.evidence
        match evidence:
            case CardEvidence():
                parts.append(
                    summary_word(
                        "city_card",
                        date=cn_date(evidence.date),
                        color=CARD_WORDS[evidence.color],
                        subject=evidence.subject,
                    )
                )
            case TaskEvidence():
                parts.append(_task_summary(evidence))
            case ProblemEvidence():
                parts.append(problem_words(summary_word, evidence))
            case NoncooperationEvidence():
                parts.append(_noncooperation_summary(evidence))
            case ProjectEvidence():
                parts.append(_project_summary(evidence))
    return unit.name + clauses(parts) + FULL_STOP


def _metric_order(metric: str) -> tuple[int, str]:
    domain = metric.split(".", 1)[0]
    return (DOMAIN_ORDER.index(domain) if domain in DOMAIN_ORDER else len(DOMAIN_ORDER), metric)


def metric_order(breach: Breach) -> tuple[int, str]:
    """Where a breach's metric comes in the domains' order (a unit's town rules sort by it);
    breaches without a metric come first."""
    metric = getattr(breach.evidence, "metric", None)
    return _metric_order(metric) if isinstance(metric, str) else (-1, "")


def _metrics(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return summary_word("metrics_many", metrics=listing(names), count=len(names))


def _streak(streaks: Sequence[int]) -> str:
    if len(set(streaks)) == 1:
        return summary_word("streak_same", months=months_count(streaks[0]))
    return summary_word("streak_least", months=months_count(min(streaks)))


def _town_clauses(breaches: Sequence[Breach]) -> list[str]:
    """A town's ranking reasons grouped across metrics: one clause for the bottom N, the
    below-the-district streaks joined to it when they are the same metrics and months."""
    bottom = sorted(
        (b.evidence for b in breaches if isinstance(b.evidence, BottomNEvidence)),
        key=lambda e: _metric_order(e.metric),
    )
    below = sorted(
        (b.evidence for b in breaches if isinstance(b.evidence, BelowDistrictEvidence)),
        key=lambda e: _metric_order(e.metric),
    )
    red = sorted(
        (b.evidence for b in breaches if isinstance(b.evidence, TownRedEvidence)),
        key=lambda e: _metric_order(e.metric),
    )
    parts = []
    if bottom:
        text = summary_word(
            "bottom_n",
            metrics=_metrics([e.metric_name for e in bottom]),
            streak=_streak([e.streak for e in bottom]),
            n=chinese_number(bottom[0].bottom_n),
        )
        same = [(e.metric, e.streak) for e in bottom] == [(e.metric, e.streak) for e in below]
        if same:
            many = summary_word("all") if len(below) > 1 else ""
            text += FULLWIDTH_COMMA + summary_word("below_merged", all=many)
            below = []
        parts.append(text)
    if below:
        parts.append(
            summary_word(
                "below_district",
                metrics=_metrics([e.metric_name for e in below]),
                streak=_streak([e.streak for e in below]),
            )
        )
    if red:
        gaps = FULLWIDTH_COMMA.join(
            summary_word(
                "town_red", metric=e.metric_name, gap=points((e.time_progress - e.rate) * 100)
            )
            for e in red
        )
        many = summary_word("all") if len(red) > 1 else ""
        parts.append(gaps + FULLWIDTH_COMMA + summary_word("town_red_end", all=many))
    return parts


def _task_summary(evidence: TaskEvidence) -> str:
    return task_words(
        summary_word,
        ("city_task_open", "city_task_late"),
        evidence.deadline,
        evidence.done,
        evidence.days_overdue,
        title=evidence.title,
    )


def _noncooperation_summary(evidence: NoncooperationEvidence) -> str:
    reporters = listing(dict.fromkeys(r.reporter_name for r in evidence.reports))
    count = summary_word("noncooperation_count", count=evidence.count) if evidence.count > 1 else ""
    text = summary_word(
        "noncooperation",
        month=cn_month(evidence.month, evidence.month),
        reporters=reporters,
        count=count,
    )
    if evidence.streak > 1:
        text += summary_word("noncooperation_streak", months=months_count(evidence.streak))
    return text


def colour_causes(
    reasons: Sequence[ColorReason],
    lag: Fraction,
    overdue: Sequence[OverdueMilestone],
    month: str,
) -> str:
    """Why a project has its colour in a few plain words, without the plan's figures."""
    parts = []
    if ColorReason.lag in reasons:
        parts.append(summary_word("why_lag", lag=points(lag)))
    if ColorReason.milestone in reasons:
        parts.extend(summary_word("why_milestone", name=m.name, days=m.days) for m in overdue)
    if ColorReason.end_passed in reasons:
        parts.append(summary_word("why_end_passed"))
    if ColorReason.not_reported in reasons:
        parts.append(summary_word("why_not_reported", month=cn_month(month, month)))
    return FULLWIDTH_COMMA.join(parts)


def _project_summary(evidence: ProjectEvidence) -> str:
    why = colour_causes(evidence.why, evidence.lag, evidence.overdue_milestones, evidence.month)
    if isinstance(evidence, RedProjectEvidence):
        if evidence.streak > 1:
            colour = summary_word("red_streak", months=months_count(evidence.streak))
        else:
            colour = summary_word("red_now")
    else:
        colour = summary_word("yellow_now")
    return summary_word("project", name=evidence.name, why=why, colour=colour)


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
        case ProblemEvidence():
            return problem_words(finding, evidence, problem=evidence.problem)
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


def evidence_text(breach: Breach) -> str:
    """A breach as one line of 附件3's 依据 cell: the rule, its metric and months in
    brackets, then the figures (连续9个月排名后三名（5G基站，2月至10月）：8月第16名（共16名），…).
    Every figure of ``detail`` is kept; internal codes are left out."""
    evidence = breach.evidence
    span = reason_months(breach)
    match evidence:
        case BottomNEvidence():
            shown = evidence.months[-SHOWN_MONTHS:]
            month = evidence.months[-1].month
            names = cn_months([m.month for m in shown], month)
            return evidence_word(
                "bottom_n",
                months=months_count(evidence.streak),
                n=chinese_number(evidence.bottom_n),
                metric=evidence.metric_name,
                span=span,
                history=FULLWIDTH_COMMA.join(
                    phrase("rank_month", month=name, rank=m.rank, size=m.of)
                    for name, m in zip(names, shown, strict=True)
                ),
            )
        case BelowDistrictEvidence():
            shown_rates = evidence.months[-SHOWN_MONTHS:]
            month = evidence.months[-1].month
            names = cn_months([m.month for m in shown_rates], month)
            return evidence_word(
                "below_district",
                months=months_count(evidence.streak),
                metric=evidence.metric_name,
                span=span,
                history=FULLWIDTH_COMMA.join(
                    evidence_word(
                        "rate_month",
                        month=name,
                        rate=percent(m.rate),
                        district=percent(m.district_rate),
                    )
                    for name, m in zip(names, shown_rates, strict=True)
                ),
            )
        case TownRedEvidence():
            return evidence_word(
                "town_red",
                metric=evidence.metric_name,
                month=span,
                rate=percent(evidence.rate),
                progress=percent(evidence.time_progress),
                gap=points((evidence.time_progress - evidence.rate) * 100),
            )
        case RedProjectEvidence():
            return evidence_word(
                "project_red",
                span=span,
                **_project_words(evidence),
                streak_text=red_streak_text(evidence),
            )
        case ProjectEvidence():
            return evidence_word("project_yellow", span=span, **_project_words(evidence))
        case TaskEvidence():
            return task_words(
                evidence_word,
                ("city_task_open", "city_task_late"),
                evidence.deadline,
                evidence.done,
                evidence.days_overdue,
                span=span,
                title=evidence.title,
            )
        case ProblemEvidence():
            return problem_words(evidence_word, evidence, span=span)
        case CardEvidence():
            return evidence_word(
                "city_card",
                span=span,
                date=cn_date(evidence.date),
                color=CARD_WORDS[evidence.color],
                subject=evidence.subject,
            )
        case NoncooperationEvidence():
            many = evidence.count > 1
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
                reports=SEMICOLON.join(
                    evidence_word(
                        "report", reporter=r.reporter_name, date=cn_date(r.date), text=r.text
                    )
                    for r in evidence.reports
                ),
                verified=evidence_word("verified_all" if many else "verified_one"),
                streak_text=(
                    evidence_word("report_streak", months=months_count(evidence.streak))
                    if evidence.streak > 1
                    else ""
                ),
            )


def _span(first: str, month: str, streak: int, shown: int) -> str:
    """ "2026年9月至2027年1月" when the streak is longer than the months spelled out."""
    if streak <= shown:
        return ""
    first_name, last_name = cn_months([first, month], month)
    return phrase("span", first=first_name, last=last_name)


def _streak_words(
    evidence: BottomNEvidence | BelowDistrictEvidence, month_words: Callable[[str, Any], str]
) -> dict[str, str]:
    """A town's streak on a metric in words: its last months spelled out (``month_words`` says
    one month's figure), the span when the streak is longer, and how many months it lasts."""
    month = evidence.months[-1].month
    shown = evidence.months[-SHOWN_MONTHS:]
    names = cn_months([m.month for m in shown], month)
    return {
        "metric": evidence.metric_name,
        "history": FULLWIDTH_COMMA.join(
            month_words(name, m) for name, m in zip(names, shown, strict=True)
        ),
        "span": _span(evidence.months[0].month, month, len(evidence.months), len(shown)),
        "months": months_count(evidence.streak),
    }


def _bottom_n(evidence: BottomNEvidence) -> str:
    words = _streak_words(
        evidence, lambda name, m: phrase("rank_month", month=name, rank=m.rank, size=m.of)
    )
    return finding("bottom_n", n=chinese_number(evidence.bottom_n), **words)


def _below_district(evidence: BelowDistrictEvidence) -> str:
    words = _streak_words(
        evidence,
        lambda name, m: phrase(
            "rate_month", month=name, rate=percent(m.rate), district=percent(m.district_rate)
        ),
    )
    return finding("below_district", **words)


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
            return phrase("red_streak_after_gap", months=months_count(evidence.streak), gap=gap)
        return phrase("red_streak", months=months_count(evidence.streak))
    if gap:
        return phrase("red_after_gap", gap=gap)
    if evidence.red_before:
        return phrase("red_again", before=cn_month(evidence.red_before, month))
    return phrase("red_first")


def _task(evidence: TaskEvidence) -> str:
    return task_words(
        finding,
        ("city_task_open", "city_task_late"),
        evidence.deadline,
        evidence.done,
        evidence.days_overdue,
        task=evidence.task,
        title=evidence.title,
    )


def _noncooperation(evidence: NoncooperationEvidence) -> str:
    listed = clauses(
        phrase("report", reporter=r.reporter_name, date=cn_date(r.date), text=r.text)
        for r in evidence.reports
    )
    streak_text = (
        phrase("report_streak", months=months_count(evidence.streak)) if evidence.streak > 1 else ""
    )
    return finding(
        "noncooperation",
        month=cn_month(evidence.month, evidence.month),
        count=evidence.count,
        verified=phrase("verified_all" if evidence.count > 1 else "verified_one"),
        reports=listed,
        streak_text=streak_text,
    )
