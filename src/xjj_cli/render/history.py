"""``xjj history`` for people (a table of months and the open problems) and for programs
(SPEC §4 JSON)."""

from __future__ import annotations

from typing import Any

from xjj_cli.engine.dataset import Dataset
from xjj_cli.engine.history import HistoryMonth, UnitHistory
from xjj_cli.engine.ledger import LedgerState
from xjj_cli.engine.results import evidence_json
from xjj_cli.messages.formats import cn_date, cn_month
from xjj_cli.messages.reports import REPORT_HEADINGS, history_word
from xjj_cli.messages.rules import ACTION_LABELS
from xjj_cli.months import month_end
from xjj_cli.render import tabular
from xjj_cli.render.reports import ACTION_STYLES, COLOR_STYLES
from xjj_cli.render.tabular import Table, columns
from xjj_cli.wording.findings import detail, summary
from xjj_cli.wording.history import COLOR_ORDER, colors_text, ranks_text, warnings_text
from xjj_cli.wording.warnings import warning_json


def history_json(found: UnitHistory, data: Dataset) -> dict[str, Any]:
    """SPEC §4: ``{"unit", "name", "kind", "months": [...], "open_problems": [...]}``; each
    month's ``warnings`` as ``xjj warnings`` gives them (``data`` names the units)."""
    unit = found.unit
    return {
        "unit": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "months": [
            {
                "month": m.month,
                "action": m.action.key if m.action is not None else None,
                "reasons": [
                    {
                        "rule": str(b.rule),
                        "action": b.action.key,
                        "detail": detail(b),
                        **evidence_json(b.evidence),
                    }
                    for b in m.reasons
                ],
                "ranks": [
                    {
                        "metric": r.metric,
                        "rank": r.rank,
                        "of": r.of,
                        "rate": float(r.rate),
                        "color": r.color,
                    }
                    for r in m.ranks
                ],
                "projects": [{"id": p.id, "color": p.color} for p in m.projects],
                "warnings": [warning_json(w, data) for w in m.warnings],
            }
            for m in found.months
        ],
        "open_problems": [
            {"id": e.problem.id, "text": e.problem.text, "deadline": e.problem.deadline.isoformat()}
            for e in found.open_problems
        ],
    }


def _worst_style(month: HistoryMonth) -> str:
    colors = {r.color for r in month.ranks} | {p.color for p in month.projects}
    return next((COLOR_STYLES[c] for c in COLOR_ORDER if c in colors), "")


def months_table(found: UnitHistory, data: Dataset) -> Table:
    """One row per reportable month, oldest first: ranks or score, colours, action, reasons
    and the month's early warnings."""
    h = REPORT_HEADINGS["history"]
    unit = found.unit
    months = [m.month for m in found.months]
    table = Table(
        title=history_word(
            "title",
            name=unit.name,
            code=unit.code,
            kind=unit.kind,
            first=cn_month(months[0]),
            last=cn_month(months[-1]),
        ),
        columns=columns(h, "month", "ranks", "colors", "action", "reasons", "warnings"),
        caption=history_word("caption", count=len(months)),
    )
    none = history_word("none")
    for m in found.months:
        action = ACTION_LABELS[m.action.key] if m.action is not None else none
        reasons = summary(m.finding).removeprefix(unit.name) if m.finding is not None else none
        warnings = warnings_text(m, data)
        table.add(
            {
                "month": (m.month, cn_month(m.month)),
                "ranks": (m.month, ranks_text(m)),
                "colors": (m.month, colors_text(m)),
                "action": (m.action.key if m.action else None, action),
                "reasons": (reasons, reasons),
                "warnings": (warnings, warnings),
            },
            {
                "colors": _worst_style(m),
                "action": ACTION_STYLES[m.action.key] if m.action is not None else "dim",
            },
        )
    return table


def problems_table(found: UnitHistory) -> Table:
    """未解决问题: the ledger's problems the unit is responsible for, open at the latest
    reportable month's end, overdue ones first."""
    h = REPORT_HEADINGS["history_problems"]
    table = Table(
        title=history_word("problems_title", day=cn_date(month_end(found.latest))),
        columns=columns(h, "id", "text", "deadline", "state"),
    )
    for e in found.open_problems:
        overdue = e.state is LedgerState.overdue
        state = history_word("overdue", days=e.days_overdue) if overdue else history_word("open")
        table.add(
            {
                "id": (e.problem.id, e.problem.id),
                "text": (e.problem.text, e.problem.text),
                "deadline": (e.problem.deadline.isoformat(), cn_date(e.problem.deadline)),
                "state": (str(e.state), state),
            },
            {"state": "bold red" if overdue else ""},
        )
    return table


def history_text(found: UnitHistory, data: Dataset, *, color: bool) -> str:
    """The unit's months as a table, then its open problems (or a line saying there are none)."""
    tables = [months_table(found, data)]
    tail = ""
    if found.open_problems:
        tables.append(problems_table(found))
    else:
        tail = history_word("no_problems", day=cn_date(month_end(found.latest))) + "\n"
    return tabular.to_rich(tables, color=color) + tail
