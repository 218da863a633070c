"""Tables for people and machines: one ``Table`` value, four renderings.

A report (ranking, colours, accountability) is first laid out as a ``Table`` — Chinese
headings for people, English keys for machines, a style per cell — and then written as
a rich table, CSV (UTF-8 with BOM, formula-safe, for Excel and WPS) or Markdown.
JSON is not tabular: each report builds its own JSON shape from the engine's results.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from xjj_cli.chinese import clauses
from xjj_cli.model import DATE_TIME_FORMAT

BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Measure(StrEnum):
    """What a numeric column's machine value measures, so a workbook can keep it a number
    and show it as the text formats do."""

    integer = "integer"
    """A whole number: a rank, a target, a count."""
    share = "share"
    """A fraction shown as a percent: 0.866 is 86.6 %."""
    percent = "percent"
    """A percent already: 86.6 is 86.6 %."""
    points = "points"
    """Percentage points (a lag): 12.5."""
    change = "change"
    """A change of rank: up 2, down 1, level."""


@dataclass(frozen=True)
class Column:
    """A column: its machine key, its Chinese heading, alignment, and whether people see it
    (hidden columns are only in the machine formats); ``measure`` says what its numbers are,
    ``colour`` that its machine value is a colour (blue, yellow, red) a workbook fills in."""

    key: str
    heading: str
    numeric: bool = False
    shown: bool = True
    measure: Measure | None = None
    colour: bool = False


def columns(headings: Mapping[str, str], *keys: str) -> tuple[Column, ...]:
    """Plain columns (text, shown) for ``keys``, each headed as ``headings`` says."""
    return tuple(Column(key, headings[key]) for key in keys)


@dataclass
class Table:
    """A titled table of rows; each row maps column keys to (machine value, shown text)."""

    title: str
    columns: Sequence[Column]
    rows: list[dict[str, tuple[Any, str]]] = field(default_factory=list)
    styles: list[dict[str, str]] = field(default_factory=list)
    caption: str = ""
    sheet: str = ""
    """A short name, for a workbook's sheet tab (the title when empty)."""

    def add(self, cells: dict[str, tuple[Any, str]], styles: dict[str, str] | None = None) -> None:
        """Append a row; ``styles`` gives a rich style per column key."""
        self.rows.append(cells)
        self.styles.append(styles or {})


def to_rich(
    tables: Sequence[Table], *, color: bool, width: int | None = None, note: str | None = None
) -> str:
    """Tables as box-drawn text; cells coloured when ``color``. ``note`` (a draft's
    征求意见稿 line) comes first, in bold red."""
    out = io.StringIO()
    console = Console(
        file=out, force_terminal=color, no_color=not color, width=width or 160, highlight=False
    )
    if note:
        console.print(Text(note, style="bold red"))
    for table in tables:
        rich = RichTable(
            title=table.title,
            caption=table.caption or None,
            box=box.SIMPLE_HEAVY,
            title_justify="left",
        )
        shown = [c for c in table.columns if c.shown]
        for column in shown:
            rich.add_column(
                column.heading, justify="right" if column.numeric else "left", overflow="fold"
            )
        for cells, styles in zip(table.rows, table.styles, strict=True):
            rich.add_row(*(Text(cells[c.key][1], style=styles.get(c.key, "")) for c in shown))
        console.print(rich)
    return out.getvalue()


def neutralise(value: Any) -> Any:
    """Keep a text cell from being read as a formula by Excel or WPS (numbers pass)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(tables: Sequence[Table], note: str | None = None) -> str:
    """One CSV with English keys as header, UTF-8 BOM first so Excel shows the Chinese.

    ``note`` (a draft's 征求意见稿 line) is the first line, before the header: the first
    thing a person sees in Excel, and a program cannot take the draft for a report."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if note:
        writer.writerow([note])
    columns = _union_columns(tables)
    writer.writerow([c.key for c in columns])
    for table in tables:
        for cells in table.rows:
            writer.writerow(
                [neutralise(_csv_value(cells.get(c.key, (None, ""))[0])) for c in columns]
            )
    return BOM + out.getvalue()


def _union_columns(tables: Sequence[Table]) -> list[Column]:
    seen: dict[str, Column] = {}
    for table in tables:
        for column in table.columns:
            seen.setdefault(column.key, column)
    return list(seen.values())


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):  # as it is written in the data: 2026-11-12 15:00
        return value.strftime(DATE_TIME_FORMAT)
    if isinstance(value, (list, tuple)):
        return clauses(str(v) for v in value)
    return value


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def to_markdown(tables: Sequence[Table], note: str | None = None) -> str:
    """GitHub-flavoured Markdown tables, for pull requests; ``note`` (a draft's 征求意见稿
    line) first, in bold."""
    parts = [f"**{_md_cell(note)}**"] if note else []
    for table in tables:
        lines = [f"### {table.title}", ""]
        if table.caption:
            lines += [table.caption, ""]
        shown = [c for c in table.columns if c.shown]
        lines.append("| " + " | ".join(c.heading for c in shown) + " |")
        lines.append("| " + " | ".join("---:" if c.numeric else "---" for c in shown) + " |")
        for cells in table.rows:
            lines.append("| " + " | ".join(_md_cell(cells[c.key][1]) for c in shown) + " |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def to_json(payload: Any) -> str:
    """Compact JSON with Chinese kept readable."""
    return json.dumps(payload, ensure_ascii=False) + "\n"  # no indent: the C encoder, 10× faster
