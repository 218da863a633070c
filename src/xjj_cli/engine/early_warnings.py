"""Early warnings (SPEC §3.6): each warning is a small pure function beside the rules.

A warning tells a unit, before anything is breached, that it is one step from an action: a
streak that reaches 约谈 or 问责 if it holds one more month, or a deadline that falls within
``warn_days`` after the month's end. Streaks are counted by the rules' own code
(``escalation.town_streak``, the projects' red streak), so a warning and a breach can never
disagree about a month. A warning never changes a breach or an action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

from xjj_cli.engine.escalation import RULE_ORDER, streak_action, town_streak
from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.results import (
    Action,
    EarlyWarning,
    MetricRanking,
    MilestoneDueEvidence,
    ProblemDueEvidence,
    ProjectStatus,
    RedStreak,
    RuleId,
    StreakNearEvidence,
    TaskDueEvidence,
    WarningId,
)
from xjj_cli.engine.tasks import task_state
from xjj_cli.model import LedgerProblem, Project, Rules, Task
from xjj_cli.months import add_months, month_end

WARNING_ORDER = tuple(WarningId)
"""The order of warnings due on the same day: streaks first, then tasks, milestones, problems."""


def days_left(deadline: dt.date, month: str, warn_days: int) -> int | None:
    """Days from the month's end to ``deadline`` when it falls within ``warn_days`` after it
    (M's end ≤ deadline ≤ M's end + warn_days); None otherwise. A deadline before the month's
    end has passed: that is a breach's business, not a warning's."""
    left = (deadline - month_end(month)).days
    return left if 0 <= left <= warn_days else None


def next_action(streak: int, interview: int, accountability: int) -> Action | None:
    """The action a streak of ``streak`` months would reach with one more month, when that
    is more than it reaches now (``streak_action``'s thresholds); None otherwise. Only a
    streak that exists (one month or more) can be near."""
    if streak < 1:
        return None
    now = streak_action(streak, interview, accountability)
    then = streak_action(streak + 1, interview, accountability)
    return then if then is not None and then != now else None


def town_streak_warnings(
    rule: Literal[RuleId.bottom_n, RuleId.below_district],
    history: Mapping[str, MetricRanking],
    month: str,
    rules: Rules,
) -> list[EarlyWarning]:
    """Towns whose bottom-N (or below-the-district) streak on one metric reaches 约谈 or 问责
    if it holds next month."""
    current = history.get(month)
    if current is None:
        return []
    by = month_end(add_months(month, 1))
    warnings = []
    for row in current.rows:
        run = town_streak(rule, history, month, row.town)
        action = next_action(len(run), rules.interview_streak, rules.accountability_streak)
        if action is None:
            continue
        evidence = StreakNearEvidence(
            rule=rule,
            metric=current.metric,
            project=None,
            months=run,
            streak=len(run),
            threshold=len(run) + 1,
            action=action,
            name=current.metric_name,
            bottom_n=rules.bottom_n,
        )
        warnings.append(EarlyWarning(WarningId.STREAK_NEAR, row.town, by, evidence))
    return warnings


def red_streak_warnings(
    statuses: Iterable[ProjectStatus],
    red_run: Callable[[str], RedStreak],
    month: str,
    rules: Rules,
) -> list[EarlyWarning]:
    """Owners of red projects whose red streak reaches 问责 if it holds next month (a red
    project's owner is interviewed from its first red month)."""
    by = month_end(add_months(month, 1))
    warnings = []
    for status in statuses:
        if status.color != "red":
            continue
        run = red_run(status.id)
        action = next_action(run.months, 1, rules.red_accountability_streak)
        if action is None or run.since is None:
            continue
        evidence = StreakNearEvidence(
            rule=RuleId.project_red,
            metric=None,
            project=status.id,
            months=_months_from(run.since, month),
            streak=run.months,
            threshold=run.months + 1,
            action=action,
            name=status.name,
        )
        warnings.append(EarlyWarning(WarningId.STREAK_NEAR, status.owner, by, evidence))
    return warnings


def _months_from(first: str, last: str) -> tuple[str, ...]:
    months = [first]
    while months[-1] < last:
        months.append(add_months(months[-1], 1))
    return tuple(months)


def task_warnings(tasks: Iterable[Task], month: str, rules: Rules) -> list[EarlyWarning]:
    """City key tasks not done at the month's end and due within ``warn_days`` after it: each
    responsible unit is warned."""
    warnings = []
    for task in tasks:
        left = days_left(task.deadline, month, rules.warn_days)
        if left is None or task_state(task, month).done is not None:
            continue
        evidence = TaskDueEvidence(task.id, task.title, task.deadline, left)
        for unit in task.units:
            warnings.append(EarlyWarning(WarningId.TASK_DUE, unit, task.deadline, evidence))
    return warnings


def milestone_warnings(projects: Iterable[Project], month: str, rules: Rules) -> list[EarlyWarning]:
    """Milestones not done at the month's end and due within ``warn_days`` after it: the
    project's owner is warned."""
    day = month_end(month)
    warnings = []
    for project in projects:
        for milestone in project.milestones:
            left = days_left(milestone.due, month, rules.warn_days)
            if left is None or (milestone.done is not None and milestone.done <= day):
                continue
            evidence = MilestoneDueEvidence(
                project.id, milestone.name, milestone.due, left, project.name
            )
            warnings.append(
                EarlyWarning(WarningId.MILESTONE_DUE, project.owner, milestone.due, evidence)
            )
    return warnings


def problem_warnings(
    problems: Iterable[LedgerProblem], month: str, rules: Rules
) -> list[EarlyWarning]:
    """Ledger problems open at the month's end and due within ``warn_days`` after it: the
    responsible unit is warned."""
    warnings = []
    for problem in problems:
        left = days_left(problem.deadline, month, rules.warn_days)
        if left is None or not problem_state(problem, month).open:
            continue
        evidence = ProblemDueEvidence(problem.id, problem.text, problem.deadline, left)
        warnings.append(
            EarlyWarning(WarningId.PROBLEM_DUE, problem.unit, problem.deadline, evidence)
        )
    return warnings


def warning_item(warning: EarlyWarning) -> tuple[str | int, ...]:
    """What a warning is about, for ordering: the rule and metric or project, the task, the
    project and milestone, or the problem."""
    e = warning.evidence
    match e:
        case StreakNearEvidence():
            return (e.metric or e.project or "", RULE_ORDER.index(e.rule))
        case TaskDueEvidence():
            return (e.task,)
        case MilestoneDueEvidence():
            return (e.project, e.due.isoformat(), e.milestone)
        case ProblemDueEvidence():
            return (e.problem,)


def most_urgent_first(
    warnings: Iterable[EarlyWarning], units: Sequence[str]
) -> tuple[EarlyWarning, ...]:
    """Warnings by ``by``, then kind (streak, task, milestone, problem), then the order of
    ``units`` (others after, by code), then the item."""
    place = {code: i for i, code in enumerate(units)}
    kind = {w: i for i, w in enumerate(WARNING_ORDER)}
    return tuple(
        sorted(
            warnings,
            key=lambda w: (
                w.by,
                kind[w.warning],
                place.get(w.unit, len(place)),
                w.unit,
                warning_item(w),
            ),
        )
    )


def by_unit(warnings: Sequence[EarlyWarning]) -> dict[str, list[EarlyWarning]]:
    """The warnings grouped by unit, units in order of their most urgent warning (the
    warnings come most urgent first), each unit's warnings in that order."""
    grouped: dict[str, list[EarlyWarning]] = {}
    for w in warnings:
        grouped.setdefault(w.unit, []).append(w)
    return grouped
