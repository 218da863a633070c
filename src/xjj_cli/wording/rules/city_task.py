"""``city_task`` in words: a city key task past its deadline, still open or done late, and
``task_due``'s warning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from xjj_cli.engine.results import TaskDueEvidence
from xjj_cli.engine.rules.city_task import TaskEvidence
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

OPEN_LATE = ("city_task_open", "city_task_late")
"""The catalogue's keys for a task still open and for one done late."""


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


class CityTaskWords(Words[TaskEvidence]):
    """How ``city_task``'s evidence is said."""

    def rule(self, evidence: TaskEvidence) -> str:
        """市重点督办任务逾期."""
        return rule_word("city_task")

    def months(self, evidence: TaskEvidence) -> tuple[str, str]:
        """From the deadline's month to the month it was done or is still open in."""
        until = evidence.done or evidence.deadline + dt.timedelta(days=evidence.days_overdue)
        return evidence.deadline.strftime("%Y-%m"), until.strftime("%Y-%m")

    def detail(self, evidence: TaskEvidence) -> str:
        """The task, its deadline, and how late it is or was."""
        return task_words(
            finding,
            OPEN_LATE,
            evidence.deadline,
            evidence.done,
            evidence.days_overdue,
            task=evidence.task,
            title=evidence.title,
        )

    def line(self, evidence: TaskEvidence, span: str) -> str:
        """市重点督办任务逾期（9月至10月）：“…”完成时限为…，已逾期…天，仍未完成."""
        return task_words(
            evidence_word,
            OPEN_LATE,
            evidence.deadline,
            evidence.done,
            evidence.days_overdue,
            span=span,
            title=evidence.title,
        )

    def brief(self, evidence: TaskEvidence) -> str:
        """承担的市重点督办任务逾期未完成 (二 tells the task and its days)."""
        return brief_word(OPEN_LATE[evidence.done is not None])

    def clause(self, evidence: TaskEvidence) -> str:
        """承担的市重点督办任务“…”完成时限为…，已逾期…天，仍未完成."""
        return task_words(
            summary_word,
            OPEN_LATE,
            evidence.deadline,
            evidence.done,
            evidence.days_overdue,
            title=evidence.title,
        )


def task_due(evidence: TaskDueEvidence, unit: str) -> str:
    """``task_due``: 市重点督办任务“…”完成时限为…，请抓紧."""
    return warning_word("task_due", title=evidence.title, deadline=cn_date(evidence.deadline))
