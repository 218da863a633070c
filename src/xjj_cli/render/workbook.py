"""Report tables as an Excel/WPS workbook (``--format xlsx``): one sheet per table.

The same ``Table`` values as the rich, CSV and Markdown renderings (render/tabular.py), so the
columns and their Chinese headings are defined once. What a workbook adds: numbers stay numbers
— a rate 0.866 is stored as such and shown 86.6 % — the colours are cell fills (the DOCX's, from
render/palette.py), the heading row is frozen and filtered, columns are as wide as their text,
and a sheet prints on A4 landscape, one page wide, its headings on every page. Text is
written as a string cell, as it is (``xlsx_bytes``): a name starting with "=" is never a
formula. The same tables and day give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xjj_cli.chinese import display_width
from xjj_cli.messages.reports import RANK_CHANGE_FORMAT
from xjj_cli.ooxml import xlsx_bytes
from xjj_cli.render.palette import TONES
from xjj_cli.render.tabular import Column, Measure, Table

WIDEST_COLUMN = 60
"""Characters (a Chinese character counts two) beyond which a column wraps its text."""
NARROWEST_COLUMN = 6
LINE_HEIGHT_PT = 15
"""A line of 11-point text, for the height of a row whose text wraps."""
SHEET_NAME_LENGTH = 31
"""Excel's limit on a sheet's name."""
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")

NUMBER_FORMATS = {
    Measure.integer: "0",
    Measure.share: "0.0%",
    Measure.percent: "0.0%",
    Measure.points: "0.0",
    Measure.change: RANK_CHANGE_FORMAT,
}
"""How each measure shows: percentages with one decimal (SPEC: 86.6%)."""

_HEADING_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_DRAFT_RED = "C00000"


def tables_xlsx(
    tables: Sequence[Table],
    *,
    day: dt.date,
    author: str = "",
    note: str | None = None,
) -> bytes:
    """The tables as one workbook, a sheet each; ``note`` (a draft's 征求意见稿 line) on top of
    every sheet, in bold red. ``day`` stamps the file (the same tables and day, the same bytes)."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table.sheet or table.title, used))
        _fill(sheet, table, note)
    stamp = dt.datetime.combine(day, dt.time())
    book.properties.creator = author
    book.properties.title = tables[0].title if tables else ""
    book.properties.created = book.properties.modified = stamp
    return xlsx_bytes(book, day)


def _fill(sheet: Worksheet, table: Table, note: str | None) -> None:
    columns = [c for c in table.columns if c.shown]
    if note:
        sheet.append([note])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, color=_DRAFT_RED, size=12)
    sheet.append([table.title])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14)
    if table.caption:
        sheet.append([table.caption])
    head = sheet.max_row + 1
    widths = [
        max([display_width(c.heading)] + [display_width(cells[c.key][1]) for cells in table.rows])
        for c in columns
    ]
    for i, column in enumerate(columns, start=1):
        heading = sheet.cell(head, i, column.heading)
        heading.font = Font(bold=True)
        heading.fill = _HEADING_FILL
        heading.border = _GRID
        heading.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        width = widths[i - 1]
        horizontal = "right" if column.numeric else ("center" if column.colour else "left")
        alignment = Alignment(
            horizontal=horizontal, vertical="center", wrap_text=width > WIDEST_COLUMN
        )
        for r, cells in enumerate(table.rows, start=head + 1):
            cell = sheet.cell(r, i)
            _put(cell, column, *cells[column.key])
            cell.border = _GRID
            cell.alignment = alignment
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = max(min(width, WIDEST_COLUMN), NARROWEST_COLUMN) + 2
    # Excel, WPS and LibreOffice do not all grow a row for wrapped text: give it its lines.
    wrapped = [c for c, w in zip(columns, widths, strict=True) if w > WIDEST_COLUMN]
    for r, cells in enumerate(table.rows, start=head + 1):
        lines = max(
            (-(-display_width(cells[c.key][1]) // WIDEST_COLUMN) for c in wrapped), default=1
        )
        if lines > 1:
            sheet.row_dimensions[r].height = LINE_HEIGHT_PT * lines
    last = get_column_letter(max(len(columns), 1))
    sheet.freeze_panes = f"A{head + 1}"
    sheet.auto_filter.ref = f"A{head}:{last}{max(sheet.max_row, head)}"
    sheet.print_title_rows = f"{head}:{head}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _put(cell: Cell | MergedCell, column: Column, value: Any, text: str) -> None:
    """A cell's content: a measured number with its format, a colour as its fill, else the text
    people read in the table (a string cell, never a formula: ``xlsx_bytes``)."""
    if (
        column.measure is not None
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        cell.value = value / 100 if column.measure is Measure.percent else value
        cell.number_format = NUMBER_FORMATS[column.measure]
        return
    cell.value = text or None
    tone = TONES.get(value) if column.colour else None
    if tone is not None:
        cell.fill = PatternFill("solid", fgColor=tone.fill)
        cell.font = Font(bold=True, color=tone.text)


def _sheet_name(name: str, used: set[str]) -> str:
    """A sheet name Excel takes: no []:*?/\\, at most 31 characters, unique in the workbook."""
    base = _NOT_IN_SHEET_NAMES.sub("_", name).strip("'") or "_"
    base = base[:SHEET_NAME_LENGTH]
    candidate, n = base, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f"({n})"
        candidate = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix
    used.add(candidate.casefold())
    return candidate
