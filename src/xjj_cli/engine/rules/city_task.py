"""``city_task`` (SPEC §3.3): a city key task whose deadline has passed (deadline < M's end)
and that is still not done at M's end, or that was done late during M — each responsible
unit: 约谈; still not done and overdue more than task_accountability_days at M's end → 问责.

"Deadline < M's end" means a deadline on M's last day is not yet passed.

Early warning (SPEC §3.6, ``task_due``): a city key task not done at M's end whose deadline
falls within ``warn_days`` after M's end (M's end ≤ deadline ≤ M's end + warn_days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from xjj_cli.engine.results import (
    Action,
    Breach,
    EarlyWarning,
    Evidence,
    RuleId,
    TaskDueEvidence,
    WarningId,
)
from xjj_cli.engine.rules.base import MonthFacts, Rule, days_left
from xjj_cli.engine.tasks import task_state
from xjj_cli.model import Rules, Task

ID: Final = RuleId.city_task
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class TaskEvidence(Evidence):
    """``city_task``: a city key task still open past its deadline (``done`` None), or done
    late during the month; ``days_overdue`` counts to the month's end or to ``done``."""

    task: str
    title: str
    deadline: dt.date
    done: dt.date | None
    days_overdue: int

    def tiebreak(self) -> tuple[str, ...]:
        """By task."""
        return (self.task,)


def breaches(tasks: Iterable[Task], month: str, rules: Rules) -> list[Breach]:
    """City key tasks past their deadline and not done at the month's end, or done late
    during the month: every responsible unit interviewed; still open and overdue more than
    ``task_accountability_days`` → accountability."""
    found = []
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
            found.append(Breach(unit, ID, action, evidence))
    return found


def warnings(tasks: Iterable[Task], month: str, rules: Rules) -> list[EarlyWarning]:
    """City key tasks not done at the month's end and due within ``warn_days`` after it: each
    responsible unit is warned."""
    found = []
    for task in tasks:
        left = days_left(task.deadline, month, rules.warn_days)
        if left is None or task_state(task, month).done is not None:
            continue
        evidence = TaskDueEvidence(task.id, task.title, task.deadline, left)
        for unit in task.units:
            found.append(EarlyWarning(WarningId.TASK_DUE, unit, task.deadline, evidence))
    return found


def _breaches(facts: MonthFacts) -> list[Breach]:
    return breaches(facts.data.tasks, facts.month, facts.data.rules)


def _warnings(facts: MonthFacts) -> list[EarlyWarning]:
    return warnings(facts.data.tasks, facts.month, facts.data.rules)


RULE = Rule(ID, _breaches, _warnings)
