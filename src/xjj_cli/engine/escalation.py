"""Escalation (SPEC §3.3): each rule is a small pure function that returns its breaches.

Every breach carries its evidence twice: as structured fields (stable English keys, for
JSON and for checking) and as one Chinese sentence a clerk can read out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from xjj_cli.engine.results import (
    Action,
    Breach,
    MetricRanking,
    ProjectStatus,
    RedStreak,
    TownRow,
    UnitFinding,
)
from xjj_cli.engine.tasks import task_state
from xjj_cli.engine.towns import points as to_share
from xjj_cli.messages import (
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
from xjj_cli.model import Events, Rules, Task
from xjj_cli.months import add_months

SHOWN_MONTHS = 3
"""A streak's last months spelled out in a finding's sentence (the evidence keeps all)."""

RULE_ORDER = (
    "city_card",
    "city_task",
    "noncooperation",
    "project_red",
    "bottom_n",
    "below_district",
    "project_yellow",
    "town_red",
)


def streak_action(streak: int, interview: int, accountability: int) -> Action | None:
    """约谈 from ``interview`` consecutive months, 问责 from ``accountability``; else nothing."""
    if streak >= accountability:
        return Action.accountability
    if streak >= interview:
        return Action.interview
    return None


def town_streak_breaches(
    rule: Literal["bottom_n", "below_district"],
    history: Mapping[str, MetricRanking],
    month: str,
    rules: Rules,
) -> list[Breach]:
    """Towns in the bottom N (or below the district rate) of one metric for enough
    consecutive months ending at ``month``; ``history`` maps months with data to rankings.
    A month missing from ``history`` ends every streak."""
    current = history.get(month)
    if current is None:
        return []
    flagged: Callable[[TownRow], bool] = (
        (lambda r: r.bottom_n) if rule == "bottom_n" else (lambda r: r.below_district)
    )
    breaches = []
    for row in current.rows:
        if not flagged(row):
            continue
        run: list[tuple[str, MetricRanking, TownRow]] = [(month, current, row)]
        earlier = add_months(month, -1)
        while (ranking := history.get(earlier)) is not None:
            previous = ranking.row(row.town)
            if previous is None or not flagged(previous):
                break
            run.append((earlier, ranking, previous))
            earlier = add_months(earlier, -1)
        action = streak_action(len(run), rules.interview_streak, rules.accountability_streak)
        if action is None:
            continue
        run.reverse()
        shown = run[-SHOWN_MONTHS:]
        shown_names = cn_months([m for m, _, _ in shown], month)
        if rule == "bottom_n":
            history_text = "，".join(
                phrase("rank_month", month=name, rank=r.rank, size=k.size)
                for name, (_, k, r) in zip(shown_names, shown, strict=True)
            )
            months = [
                {"month": m, "rank": r.rank, "of": k.size, "rate": float(r.rate)} for m, k, r in run
            ]
        else:
            history_text = "，".join(
                phrase(
                    "rate_month",
                    month=name,
                    rate=percent(r.rate),
                    district=percent(k.district_rate),
                )
                for name, (_, k, r) in zip(shown_names, shown, strict=True)
            )
            months = [
                {"month": m, "rate": float(r.rate), "district_rate": float(k.district_rate)}
                for m, k, r in run
            ]
        first, last = cn_months([run[0][0], month], month)
        span = phrase("span", first=first, last=last) if len(run) > len(shown) else ""
        detail = finding(
            rule,
            metric=current.metric_name,
            history=history_text,
            span=span,
            streak=len(run),
            n=chinese_number(rules.bottom_n),
        )
        evidence = {"metric": current.metric, "streak": len(run), "months": months}
        breaches.append(Breach(row.town, rule, action, detail, evidence))
    return breaches


def town_red_breaches(ranking: MetricRanking, rules: Rules) -> list[Breach]:
    """Towns red on a ranked metric at the month: 提醒."""
    breaches = []
    for row in ranking.rows:
        if row.color != "red":
            continue
        detail = finding(
            "town_red",
            metric=ranking.metric_name,
            month=cn_month(ranking.month, ranking.month),
            rate=percent(row.rate),
            progress=percent(ranking.time_progress),
            gap=points((ranking.time_progress - row.rate) * 100),
        )
        evidence = {
            "metric": ranking.metric,
            "rate": float(row.rate),
            "time_progress": float(ranking.time_progress),
            "yellow_lag": float(to_share(rules.yellow_lag)),
        }
        breaches.append(Breach(row.town, "town_red", Action.remind, detail, evidence))
    return breaches


def project_why(status: ProjectStatus, month: str) -> str:
    parts = []
    assert status.planned is not None and status.actual is not None and status.lag is not None
    if "lag" in status.reasons:
        parts.append(
            phrase(
                "lag",
                planned=percent_points(status.planned),
                actual=percent_points(status.actual),
                lag=points(status.lag),
            )
        )
    if "milestone" in status.reasons:
        for m in status.overdue_milestones:
            parts.append(phrase("milestone_overdue", name=m.name, due=cn_date(m.due), days=m.days))
    if "end_passed" in status.reasons:
        parts.append(phrase("end_passed", actual=percent_points(status.actual)))
    if "not_reported" in status.reasons:
        parts.append(phrase("not_reported", month=cn_month(month, month)))
    return "；".join(parts)


def _project_words(status: ProjectStatus, month: str) -> dict[str, str]:
    return {
        "project": status.id,
        "name": status.name,
        "month": cn_month(month, month),
        "why": project_why(status, month),
    }


def _project_evidence(status: ProjectStatus) -> dict[str, Any]:
    return {
        "project": status.id,
        "planned": float(status.planned) if status.planned is not None else None,
        "actual": float(status.actual) if status.actual is not None else None,
        "lag": float(status.lag) if status.lag is not None else None,
        "reported": status.reported,
        "overdue_milestones": [
            {"name": m.name, "due": m.due.isoformat(), "days": m.days}
            for m in status.overdue_milestones
        ],
        "end_passed": status.end_passed,
        "why": list(status.reasons),
    }


def red_streak_text(run: RedStreak, month: str) -> str:
    """How long a project has been red, in words that do not overstate or hide a gap."""
    gap = cn_month(run.unreported, month) if run.unreported else None
    if run.months > 1:
        if gap:
            return phrase("red_streak_after_gap", streak=run.months, gap=gap)
        return phrase("red_streak", streak=run.months)
    if gap:
        return phrase("red_after_gap", gap=gap)
    if run.red_before:
        return phrase("red_again", before=cn_month(run.red_before, month))
    return phrase("red_first")


def project_breaches(
    statuses: Sequence[ProjectStatus],
    red_streak: Callable[[str], RedStreak],
    month: str,
    rules: Rules,
) -> list[Breach]:
    """Red projects (owner 约谈; 问责 when red ``red_accountability_streak`` months running)
    and yellow projects (owner 通报). ``red_streak`` gives a project's red streak."""
    breaches = []
    for status in statuses:
        if status.color == "red":
            run = red_streak(status.id)
            streak = run.months
            action = (
                Action.accountability
                if streak >= rules.red_accountability_streak
                else Action.interview
            )
            detail = finding(
                "project_red",
                **_project_words(status, month),
                streak_text=red_streak_text(run, month),
            )
            evidence = {
                **_project_evidence(status),
                "streak": streak,
                "streak_since": run.since,
                "unreported_month": run.unreported,
                "red_before": run.red_before,
            }
            breaches.append(Breach(status.owner, "project_red", action, detail, evidence))
        elif status.color == "yellow":
            detail = finding("project_yellow", **_project_words(status, month))
            breaches.append(
                Breach(
                    status.owner, "project_yellow", Action.notify, detail, _project_evidence(status)
                )
            )
    return breaches


def task_breaches(tasks: Iterable[Task], month: str, rules: Rules) -> list[Breach]:
    """City key tasks past their deadline and not done at the month's end, or done late
    during the month: every responsible unit 约谈; still open and overdue more than
    ``task_accountability_days`` → 问责."""
    breaches = []
    for task in tasks:
        state = task_state(task, month)
        if state.overdue_days is not None:
            days = state.overdue_days
            action = (
                Action.accountability if days > rules.task_accountability_days else Action.interview
            )
            detail = finding(
                "city_task_open",
                task=task.id,
                title=task.title,
                deadline=cn_date(task.deadline),
                days=days,
            )
        elif state.late_days is not None and state.done is not None:
            days = state.late_days
            action = Action.interview
            detail = finding(
                "city_task_late",
                task=task.id,
                title=task.title,
                deadline=cn_date(task.deadline),
                done=cn_date(state.done),
                days=days,
            )
        else:
            continue
        evidence = {
            "task": task.id,
            "title": task.title,
            "deadline": task.deadline.isoformat(),
            "done": state.done.isoformat() if state.done else None,
            "days_overdue": days,
        }
        for unit in task.units:
            breaches.append(Breach(unit, "city_task", action, detail, evidence))
    return breaches


def card_breaches(events: Events | None) -> list[Breach]:
    """Cards issued in the month: a yellow card 约谈, a red card 问责."""
    if events is None:
        return []
    breaches = []
    for card in events.cards:
        action = Action.accountability if card.color == "red" else Action.interview
        subject = card.subject + (
            phrase("card_project", project=card.project) if card.project else ""
        )
        detail = finding(
            "city_card", date=cn_date(card.date), color=CARD_WORDS[card.color], subject=subject
        )
        evidence = {
            "date": card.date.isoformat(),
            "color": card.color,
            "subject": card.subject,
            "project": card.project,
        }
        breaches.append(Breach(card.unit, "city_card", action, detail, evidence))
    return breaches


def noncooperation_breaches(
    events: Mapping[str, Events],
    month: str,
    rules: Rules,
    names: Mapping[str, str],
) -> list[Breach]:
    """Verified non-cooperation reports against a unit in the month: one → 约谈; two or
    more in the month, or reports in ``interview_streak`` consecutive months → 问责."""

    def verified(m: str) -> dict[str, list[Any]]:
        found: dict[str, list[Any]] = defaultdict(list)
        for report in events[m].noncooperation if m in events else []:
            if report.verified:
                found[report.unit].append(report)
        return found

    current = verified(month)
    breaches = []
    for unit, reports in sorted(current.items()):
        streak = 1
        earlier = add_months(month, -1)
        while unit in verified(earlier):
            streak += 1
            earlier = add_months(earlier, -1)
        many = len(reports) >= 2 or streak >= rules.interview_streak
        action = Action.accountability if many else Action.interview
        listed = "；".join(
            phrase(
                "report",
                reporter=names.get(r.reporter, r.reporter),
                date=cn_date(r.date),
                text=r.text,
            )
            for r in sorted(reports, key=lambda r: (r.date, r.reporter))
        )
        streak_text = phrase("report_streak", streak=streak) if streak > 1 else ""
        detail = finding(
            "noncooperation",
            month=cn_month(month, month),
            count=len(reports),
            reports=listed,
            streak_text=streak_text,
        )
        evidence = {
            "count": len(reports),
            "streak": streak,
            "reports": [
                {"date": r.date.isoformat(), "reporter": r.reporter, "text": r.text}
                for r in sorted(reports, key=lambda r: (r.date, r.reporter))
            ],
        }
        breaches.append(Breach(unit, "noncooperation", action, detail, evidence))
    return breaches


def combine(
    breaches: Iterable[Breach], describe: Callable[[str], tuple[str, str]]
) -> list[UnitFinding]:
    """One finding per unit: its strongest action and all its reasons, strongest first;
    units ordered by action (strongest first), then by code."""
    by_unit: dict[str, list[Breach]] = defaultdict(list)
    for breach in breaches:
        by_unit[breach.unit].append(breach)
    order = {rule: i for i, rule in enumerate(RULE_ORDER)}
    findings = []
    for unit, reasons in by_unit.items():
        reasons.sort(key=lambda b: (-b.action, order[b.rule], b.detail))
        name, kind = describe(unit)
        findings.append(UnitFinding(unit, name, kind, reasons[0].action, tuple(reasons)))
    findings.sort(key=lambda f: (-f.action, f.unit))
    return findings
