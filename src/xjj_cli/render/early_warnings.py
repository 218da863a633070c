"""Early warnings in words (SPEC §3.6): the one sentence each reader gets for a warning —
``xjj warnings``, the bulletin's 预警提示, the board and ``xjj history`` alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xjj_cli.engine.dataset import Dataset
from xjj_cli.engine.early_warnings import by_unit
from xjj_cli.engine.results import (
    EarlyWarning,
    MilestoneDueEvidence,
    ProblemDueEvidence,
    StreakNearEvidence,
    TaskDueEvidence,
    evidence_json,
)
from xjj_cli.messages import (
    ACTION_DECISIONS,
    REPORT_HEADINGS,
    WARNING_KINDS,
    chinese_number,
    cn_date,
    cn_month,
    months_count,
    report_word,
    warning_word,
)
from xjj_cli.render.tabular import Column, Table, columns


def warning_text(w: EarlyWarning, data: Dataset, *, named: bool = True) -> str:
    """One sentence for people: what the unit faces, or what falls due and when. A streak's
    sentence starts with the unit's name, unless not ``named`` (the unit is said before)."""
    e = w.evidence
    match e:
        case StreakNearEvidence():
            unit = data.units.get(w.unit)
            return warning_word(
                e.rule.value,
                unit=(unit.name if unit else w.unit) if named else "",
                metric=e.name,
                name=e.name,
                months=(
                    warning_word("streak_one")
                    if e.streak == 1
                    else warning_word("streak_more", months=months_count(e.streak))
                ),
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


def warning_json(w: EarlyWarning, data: Dataset) -> dict[str, Any]:
    """One warning as SPEC §4's object: its kind, its sentence, when the unit must act and
    its evidence (``xjj warnings`` and ``xjj history`` alike)."""
    return {
        "warning": str(w.warning),
        "detail": warning_text(w, data),
        "by": w.by.isoformat(),
        **evidence_json(w.evidence),
    }


def warnings_json(month: str, warnings: Sequence[EarlyWarning], data: Dataset) -> dict[str, Any]:
    """SPEC §4 ``xjj warnings``: units by their most urgent warning, each warning with its
    kind, its sentence, when the unit must act and its evidence."""
    units = []
    for code, listed in by_unit(warnings).items():
        name, kind = data.describe(code)
        units.append(
            {
                "unit": code,
                "name": name,
                "kind": kind,
                "warnings": [warning_json(w, data) for w in listed],
            }
        )
    return {"month": month, "units": units}


def warnings_table(month: str, warnings: Sequence[EarlyWarning], data: Dataset) -> Table:
    """One row per warning, the unit's name and kind on its first row."""
    h = REPORT_HEADINGS["warnings"]
    grouped = by_unit(warnings)
    table = Table(
        title=report_word("warnings_title", month=cn_month(month)),
        columns=(
            Column("month", h["month"], shown=False),
            Column("unit", h["unit"], shown=False),
            *columns(h, "name", "kind", "warning", "by", "detail"),
        ),
        caption=report_word("warnings_caption", units=len(grouped), count=len(warnings)),
        sheet=report_word("warnings_sheet"),
    )
    for code, listed in grouped.items():
        name, kind = data.describe(code)
        for i, w in enumerate(listed):
            first = i == 0
            text = warning_text(w, data)
            table.add(
                {
                    "month": (month, month),
                    "unit": (code, code),
                    "name": (name, name if first else ""),
                    "kind": (kind, kind if first else ""),
                    "warning": (str(w.warning), warning_kind(w)),
                    "by": (w.by.isoformat(), cn_date(w.by)),
                    "detail": (text, text),
                }
            )
    return table
