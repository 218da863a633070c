"""``xjj problems``: the problems ledger at a month's end as one table (people: Chinese headings;
CSV: English keys) and as JSON, from the same cells so that every format says the same."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import Any

from xjj_cli.engine.dataset import Dataset
from xjj_cli.engine.ledger import LedgerEntry, LedgerFilter, LedgerState
from xjj_cli.messages.formats import cn_date, cn_month
from xjj_cli.messages.reports import LEDGER_STATES, REPORT_HEADINGS, ledger_word
from xjj_cli.months import month_end
from xjj_cli.render.tabular import Column, Measure, Table, columns

PROBLEM_KEYS = (
    "id",
    "project",
    "domain",
    "text",
    "raised",
    "by",
    "unit",
    "unit_name",
    "deadline",
    "resolved",
    "state",
    "days_overdue",
)
"""The keys of a problem in ``xjj problems --format json`` (and the CSV's columns after month)."""

STATE_STYLES = {
    LedgerState.overdue: "bold red",
    LedgerState.open: "",
    LedgerState.solved_late: "yellow",
    LedgerState.solved: "green",
}


def unit_name(data: Dataset, code: str) -> str:
    """A unit's name, or its code when it has none."""
    return data.units[code].name if code in data.units else code


def _date(day: dt.date | None) -> tuple[str | None, str]:
    return (day.isoformat(), cn_date(day)) if day is not None else (None, "")


def problem_cells(month: str, entry: LedgerEntry, data: Dataset) -> dict[str, tuple[Any, str]]:
    """A listed problem's cells: (machine value, text people read) by column key."""
    p = entry.problem
    project = data.project(p.project) if p.project is not None else None
    domain = p.domain or (project.domain if project is not None else None)
    domain_name = data.domains[domain].name if domain in data.domains else (domain or "")
    days = entry.days_overdue
    return {
        "month": (month, month),
        "id": (p.id, p.id),
        "project": (
            p.project,
            project.name if project is not None else ledger_word("domain_only", name=domain_name),
        ),
        "domain": (domain, domain_name),
        "text": (p.text, p.text),
        "raised": _date(p.raised),
        "by": (p.by, unit_name(data, p.by)),
        "unit": (p.unit, p.unit),
        "unit_name": (unit_name(data, p.unit), unit_name(data, p.unit)),
        "deadline": _date(p.deadline),
        "resolved": _date(p.resolved if entry.state in _SOLVED else None),
        "state": (entry.state.value, LEDGER_STATES[entry.state.value]),
        "days_overdue": (days, str(days) if days is not None else ""),
    }


_SOLVED = frozenset({LedgerState.solved, LedgerState.solved_late})


def ledger_json(month: str, entries: Sequence[LedgerEntry], data: Dataset) -> dict[str, Any]:
    """``{"month", "problems": [{"id", "project", "domain", "text", "raised", "by", "unit",
    "unit_name", "deadline", "resolved", "state", "days_overdue"}]}``; dates ISO, state one of
    overdue, open, solved_late, solved."""
    problems = []
    for entry in entries:
        cells = problem_cells(month, entry, data)
        problems.append({key: cells[key][0] for key in PROBLEM_KEYS})
    return {"month": month, "problems": problems}


def ledger_caption(
    month: str, entries: Sequence[LedgerEntry], which: LedgerFilter = LedgerFilter.all
) -> str:
    """How many problems are open (overdue among them) and, unless only open ones are listed,
    solved during the month (late among them)."""
    day = cn_date(month_end(month))
    if not entries:
        return ledger_word("caption_none", day=day)
    count = Counter(e.state for e in entries)
    return ledger_word(
        f"caption_{which.value}",
        day=day,
        open=count[LedgerState.open] + count[LedgerState.overdue],
        overdue=count[LedgerState.overdue],
        solved=count[LedgerState.solved] + count[LedgerState.solved_late],
        late=count[LedgerState.solved_late],
    )


def ledger_table(
    month: str,
    entries: Sequence[LedgerEntry],
    data: Dataset,
    which: LedgerFilter = LedgerFilter.all,
    unit: str | None = None,
) -> Table:
    """The listed problems grouped by responsible unit (the unit's name on each row, so that a
    workbook's filter finds them all); its title says which problems and, with ``unit``, whose."""
    h = REPORT_HEADINGS["problems"]
    title = ledger_word(f"title_{which.value}", month=cn_month(month))
    if unit is not None:
        title += ledger_word("title_unit", unit=unit_name(data, unit))
    table = Table(
        title=title,
        columns=(
            Column("month", h["month"], shown=False),
            Column("unit", h["unit"], shown=False),
            *columns(h, "unit_name", "id", "project"),
            Column("domain", h["domain"], shown=False),
            *columns(h, "text", "raised", "by", "deadline", "resolved", "state"),
            Column("days_overdue", h["days_overdue"], numeric=True, measure=Measure.integer),
        ),
        caption=ledger_caption(month, entries, which),
        sheet=ledger_word("sheet"),
    )
    for entry in entries:
        style = STATE_STYLES[entry.state]
        table.add(
            problem_cells(month, entry, data),
            {"state": style, "days_overdue": style, "unit_name": "bold"},
        )
    return table
