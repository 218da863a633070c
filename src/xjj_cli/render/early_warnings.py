"""``xjj warnings`` (SPEC §4): the month's early warnings as JSON and as a table, one row per
warning; their sentences come from ``wording.warnings``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xjj_cli.engine.dataset import Dataset
from xjj_cli.engine.early_warnings import by_unit
from xjj_cli.engine.results import EarlyWarning
from xjj_cli.messages.formats import cn_date, cn_month
from xjj_cli.messages.reports import REPORT_HEADINGS, report_word
from xjj_cli.render.tabular import Column, Table, columns
from xjj_cli.wording.warnings import warning_json, warning_kind, warning_text


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
