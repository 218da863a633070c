"""Early warnings in words (SPEC §3.6): the one sentence each reader gets for a warning —
``xjj warnings``, the bulletin's 预警提示, the board and ``xjj history`` alike. Each warning
evidence type's sentence is its entry of ``rules.WARNING_WORDING``."""

from __future__ import annotations

from typing import Any

from xjj_cli.engine.dataset import Dataset
from xjj_cli.engine.results import EarlyWarning, evidence_json
from xjj_cli.messages.rules import WARNING_KINDS
from xjj_cli.wording.rules import WARNING_WORDING


def warning_text(w: EarlyWarning, data: Dataset, *, named: bool = True) -> str:
    """One sentence for people: what the unit faces, or what falls due and when. A streak's
    sentence starts with the unit's name, unless not ``named`` (the unit is said before)."""
    unit = data.units.get(w.unit)
    name = (unit.name if unit else w.unit) if named else ""
    return WARNING_WORDING[type(w.evidence)](w.evidence, name)


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
