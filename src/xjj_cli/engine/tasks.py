"""Where a city key task stands at a month's end: the one reading of deadlines and done dates
shared by the escalation rule, the department ranking and the bulletin."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xjj_cli.model import Task
from xjj_cli.months import month_end, month_of


@dataclass(frozen=True)
class TaskState:
    """A task at a month's end, using only data up to it."""

    done: dt.date | None
    """The done date, when the task was done by the month's end."""
    overdue_days: int | None
    """Days past the deadline at the month's end, when the deadline passed and it is still open."""
    late_days: int | None
    """Days late, when it was done late during the month."""
    on_schedule: bool
    """Done on or before its deadline, or not yet due."""


def task_state(task: Task, month: str) -> TaskState:
    """The state of ``task`` at the end of ``month``."""
    day = month_end(month)
    done = task.done if task.done is not None and task.done <= day else None
    passed = task.deadline < day
    overdue = (day - task.deadline).days if passed and done is None else None
    late = (
        (done - task.deadline).days
        if done and done > task.deadline and month_of(done) == month
        else None
    )
    on_schedule = done <= task.deadline if done is not None else not passed
    return TaskState(done, overdue, late, on_schedule)
