"""Escalation (SPEC §3.3): each rule is a small pure function that returns its breaches.

A breach carries the action a rule decides and its evidence as a typed record of facts
(``results.py``); ``render/findings.py`` says it in words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.results import (
    Action,
    BelowDistrictEvidence,
    BottomNEvidence,
    Breach,
    CardEvidence,
    Evidence,
    MetricRanking,
    NoncooperationEvidence,
    ProblemEvidence,
    ProjectEvidence,
    ProjectStatus,
    RankMonth,
    RateMonth,
    RedProjectEvidence,
    RedStreak,
    ReportEvidence,
    RuleId,
    TaskEvidence,
    TownRedEvidence,
    TownRow,
    UnitFinding,
)
from xjj_cli.engine.streaks import run_of_months
from xjj_cli.engine.tasks import task_state
from xjj_cli.engine.towns import share_of_points
from xjj_cli.model import Events, LedgerProblem, NonCooperation, Rules, Task

RULE_ORDER = tuple(RuleId)
"""The order of a unit's reasons of equal action."""


def streak_action(streak: int, interview: int, accountability: int) -> Action | None:
    """Interview from ``interview`` consecutive months, accountability from
    ``accountability``; else nothing."""
    if streak >= accountability:
        return Action.accountability
    if streak >= interview:
        return Action.interview
    return None


def town_streak(
    rule: Literal[RuleId.bottom_n, RuleId.below_district],
    history: Mapping[str, MetricRanking],
    month: str,
    town: str,
) -> tuple[str, ...]:
    """The consecutive months ending at ``month`` in which ``town`` was in the bottom N (or
    below the district rate) of one metric, oldest first; a month missing from ``history``
    ends the streak."""
    flagged: Callable[[TownRow], bool] = (
        (lambda r: r.bottom_n) if rule == RuleId.bottom_n else (lambda r: r.below_district)
    )

    def holds(m: str) -> bool:
        ranking = history.get(m)
        ranked = ranking.row(town) if ranking is not None else None
        return ranked is not None and flagged(ranked)

    return run_of_months(month, holds)


def town_streak_breaches(
    rule: Literal[RuleId.bottom_n, RuleId.below_district],
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
    breaches = []
    for row in current.rows:
        run = town_streak(rule, history, month, row.town)
        action = streak_action(len(run), rules.interview_streak, rules.accountability_streak)
        if action is None:
            continue
        rows = [(m, history[m], history[m].row(row.town)) for m in run]
        evidence: Evidence
        if rule == RuleId.bottom_n:
            evidence = BottomNEvidence(
                metric=current.metric,
                streak=len(run),
                months=tuple(
                    RankMonth(m, r.rank, k.size, r.rate) for m, k, r in rows if r is not None
                ),
                metric_name=current.metric_name,
                bottom_n=rules.bottom_n,
            )
        else:
            evidence = BelowDistrictEvidence(
                metric=current.metric,
                streak=len(run),
                months=tuple(
                    RateMonth(m, r.rate, k.district_rate) for m, k, r in rows if r is not None
                ),
                metric_name=current.metric_name,
            )
        breaches.append(Breach(row.town, rule, action, evidence))
    return breaches


def town_red_breaches(ranking: MetricRanking, rules: Rules) -> list[Breach]:
    """Towns red on a ranked metric at the month: remind."""
    return [
        Breach(
            row.town,
            RuleId.town_red,
            Action.remind,
            TownRedEvidence(
                metric=ranking.metric,
                rate=row.rate,
                time_progress=ranking.time_progress,
                yellow_lag=share_of_points(rules.yellow_lag),
                metric_name=ranking.metric_name,
                month=ranking.month,
            ),
        )
        for row in ranking.rows
        if row.color == "red"
    ]


def _project_facts(status: ProjectStatus, month: str) -> dict[str, Any]:
    assert status.planned is not None and status.actual is not None and status.lag is not None
    return {
        "project": status.id,
        "planned": status.planned,
        "actual": status.actual,
        "lag": status.lag,
        "reported": status.reported,
        "overdue_milestones": status.overdue_milestones,
        "end_passed": status.end_passed,
        "why": status.reasons,
        "name": status.name,
        "month": month,
    }


def project_breaches(
    statuses: Sequence[ProjectStatus],
    red_streak: Callable[[str], RedStreak],
    month: str,
    rules: Rules,
) -> list[Breach]:
    """Red projects (owner interviewed; held accountable when red ``red_accountability_streak`` months running)
    and yellow projects (owner notified). ``red_streak`` gives a project's red streak."""
    breaches = []
    for status in statuses:
        if status.color == "red":
            run = red_streak(status.id)
            action = (
                Action.accountability
                if run.months >= rules.red_accountability_streak
                else Action.interview
            )
            red = RedProjectEvidence(
                **_project_facts(status, month),
                streak=run.months,
                streak_since=run.since,
                unreported_month=run.unreported,
                red_before=run.red_before,
            )
            breaches.append(Breach(status.owner, RuleId.project_red, action, red))
        elif status.color == "yellow":
            yellow = ProjectEvidence(**_project_facts(status, month))
            breaches.append(Breach(status.owner, RuleId.project_yellow, Action.notify, yellow))
    return breaches


def task_breaches(tasks: Iterable[Task], month: str, rules: Rules) -> list[Breach]:
    """City key tasks past their deadline and not done at the month's end, or done late
    during the month: every responsible unit interviewed; still open and overdue more than
    ``task_accountability_days`` → accountability."""
    breaches = []
    for task in tasks:
        state = task_state(task, month)
        if state.overdue_days is not None:
            days = state.overdue_days
            action = (
                Action.accountability if days > rules.task_accountability_days else Action.interview
            )
        elif state.late_days is not None and state.done is not None:
            days = state.late_days
            action = Action.interview
        else:
            continue
        evidence = TaskEvidence(task.id, task.title, task.deadline, state.done, days)
        for unit in task.units:
            breaches.append(Breach(unit, RuleId.city_task, action, evidence))
    return breaches


def problem_breaches(problems: Iterable[LedgerProblem], month: str, rules: Rules) -> list[Breach]:
    """Ledger problems past their deadline and still open at the month's end, or resolved
    late during the month: the responsible unit notified; still open and overdue more than
    ``problem_interview_days`` → interview. One breach per problem."""
    breaches = []
    for problem in problems:
        state = problem_state(problem, month)
        if state.overdue_days is not None:
            days = state.overdue_days
            action = Action.interview if days > rules.problem_interview_days else Action.notify
        elif state.late_days is not None:
            days = state.late_days
            action = Action.notify
        else:
            continue
        evidence = ProblemEvidence(problem.id, problem.text, problem.deadline, state.resolved, days)
        breaches.append(Breach(problem.unit, RuleId.problem_overdue, action, evidence))
    return breaches


def card_breaches(events: Events | None) -> list[Breach]:
    """Cards issued in the month: a yellow card → interview, a red card → accountability."""
    if events is None:
        return []
    return [
        Breach(
            card.unit,
            RuleId.city_card,
            Action.accountability if card.color == "red" else Action.interview,
            CardEvidence(card.date, card.color, card.subject, card.project),
        )
        for card in events.cards
    ]


def noncooperation_breaches(
    events: Mapping[str, Events],
    month: str,
    rules: Rules,
    names: Mapping[str, str],
) -> list[Breach]:
    """Verified non-cooperation reports against a unit in the month: one → interview;
    two or more in the month, or reports in ``interview_streak`` consecutive months →
    accountability.
    ``names`` gives the reporting towns' names for the evidence."""

    def verified(m: str) -> dict[str, list[NonCooperation]]:
        found: dict[str, list[NonCooperation]] = defaultdict(list)
        for report in events[m].noncooperation if m in events else []:
            if report.verified:
                found[report.unit].append(report)
        return found

    def reported(unit: str) -> Callable[[str], bool]:
        return lambda m: unit in verified(m)

    current = verified(month)
    breaches = []
    for unit, reports in sorted(current.items()):
        streak = len(run_of_months(month, reported(unit)))
        many = len(reports) >= 2 or streak >= rules.interview_streak
        action = Action.accountability if many else Action.interview
        listed = tuple(
            ReportEvidence(r.date, r.reporter, r.text, names.get(r.reporter, r.reporter))
            for r in sorted(reports, key=lambda r: (r.date, r.reporter))
        )
        evidence = NoncooperationEvidence(len(reports), streak, listed, month)
        breaches.append(Breach(unit, RuleId.noncooperation, action, evidence))
    return breaches


def _tiebreak(evidence: Evidence) -> tuple[str, ...]:
    """Orders a unit's reasons of one rule and action: by metric name, project, task or card."""
    match evidence:
        case BottomNEvidence() | BelowDistrictEvidence() | TownRedEvidence():
            return (evidence.metric_name,)
        case ProjectEvidence():
            return (evidence.project,)
        case TaskEvidence():
            return (evidence.task,)
        case ProblemEvidence():
            return (evidence.problem,)
        case CardEvidence():
            return (evidence.date.isoformat(), evidence.subject)
        case NoncooperationEvidence():
            return ()


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
        reasons.sort(key=lambda b: (-b.action, order[b.rule], _tiebreak(b.evidence)))
        name, kind = describe(unit)
        findings.append(UnitFinding(unit, name, kind, reasons[0].action, tuple(reasons)))
    findings.sort(key=lambda f: (-f.action, f.unit))
    return findings
