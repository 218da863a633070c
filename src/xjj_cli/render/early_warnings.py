"""Early warnings in words (SPEC §3.6): the one sentence each reader gets for a warning —
``xjj warnings``, the bulletin's 预警提示, the board and ``xjj history`` alike."""

from __future__ import annotations

from xjj_cli.engine.dataset import Dataset
from xjj_cli.engine.results import (
    EarlyWarning,
    MilestoneDueEvidence,
    ProblemDueEvidence,
    StreakNearEvidence,
    TaskDueEvidence,
)
from xjj_cli.messages import (
    ACTION_DECISIONS,
    WARNING_KINDS,
    chinese_number,
    cn_date,
    months_count,
    warning_word,
)


def warning_text(w: EarlyWarning, data: Dataset) -> str:
    """One sentence for people: what the unit faces, or what falls due and when."""
    e = w.evidence
    match e:
        case StreakNearEvidence():
            unit = data.units.get(w.unit)
            return warning_word(
                e.rule.value,
                unit=unit.name if unit else w.unit,
                metric=e.name,
                name=e.name,
                months=months_count(e.streak),
                n=chinese_number(e.bottom_n),
                action=ACTION_DECISIONS[e.action.key],
            )
        case TaskDueEvidence():
            return warning_word("task_due", title=e.title, deadline=cn_date(e.deadline))
        case MilestoneDueEvidence():
            return warning_word(
                "milestone_due", name=e.name, milestone=e.milestone, due=cn_date(e.due)
            )
        case ProblemDueEvidence():
            return warning_word("problem_due", text=e.text, deadline=cn_date(e.deadline))


def warning_kind(w: EarlyWarning) -> str:
    """The warning's kind in words (连续违规预警, 任务到期预警 …)."""
    return WARNING_KINDS[w.warning.value]
