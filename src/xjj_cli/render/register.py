"""The register of a month's notices (约谈问责登记表): one row per notice, as a workbook for
the office (.xlsx: Chinese headings, a frozen heading row, filters, dates as dates, every
text a string cell — never a formula) and as CSV with the stable English keys
``number,date,unit,name,kind,reasons,due,at,place,note``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.notices import REGISTER_DATE_FORMAT, REGISTER_SHEET, notice_message
from xjj_cli.messages.reports import REGISTER_TIME_FORMAT, REPORT_HEADINGS, report_word
from xjj_cli.messages.rules import ACTION_LABELS
from xjj_cli.model import DATE_TIME_FORMAT
from xjj_cli.notices.model import Notice, NoticeKind, NoticeSet
from xjj_cli.ooxml import xlsx_bytes
from xjj_cli.render import tabular
from xjj_cli.render.tabular import Column, Table, columns

WIDEST_COLUMN = 60
"""Characters (a Chinese character counts two) beyond which a column wraps its text."""


def register_table(notices: NoticeSet) -> Table:
    """The register as a table: the 文号 (empty when left to fill in by hand), the notice's
    date, the unit, 约谈 or 问责, the reasons in one line, the 整改报告's due date, the 约谈's
    time and place (另行通知 when not set, empty for a 问责函) and, when the due date is an
    estimate, a note saying so."""
    h = REPORT_HEADINGS["register"]
    table = Table(
        title=report_word("register_title", month=cn_month(notices.month)),
        columns=(
            *columns(h, "number", "date"),
            Column("unit", h["unit"], shown=False),
            *columns(h, "name", "kind", "reasons", "due", "at", "place", "note"),
        ),
    )
    day = notices.issue_date
    for n in notices.notices:
        number = n.document_number if n.number is not None else ""
        note = notice_message("estimated_note", year=n.due.year) if n.due_estimated else ""
        table.add(
            {
                "number": (number, number),
                "date": (day, day.isoformat()),
                "unit": (n.unit, n.unit),
                "name": (n.name, n.name),
                "kind": (n.kind.value, ACTION_LABELS[n.kind.value]),
                "reasons": (n.reasons, n.reasons),
                "due": (n.due, n.due.isoformat()),
                **_meeting(n),
                "note": (note, note),
            }
        )
    return table


def _meeting(notice: Notice) -> dict[str, tuple[object, str]]:
    """The 约谈's time and place cells: 另行通知 when not set, empty for a 问责函."""
    if notice.kind is not NoticeKind.interview:
        return {"at": ("", ""), "place": ("", "")}
    if notice.at is None or notice.place is None:
        later = notice_message("register_later")
        return {"at": (later, later), "place": (later, later)}
    at = notice.at.strftime(DATE_TIME_FORMAT)
    return {"at": (notice.at, at), "place": (notice.place, notice.place)}


def register_csv(notices: NoticeSet, note: str | None = None) -> str:
    """The register as CSV (UTF-8 with BOM, formula-safe); ``note`` (a draft's 征求意见稿
    line) comes first, before the header."""
    return tabular.to_csv([register_table(notices)], note=note)


def register_xlsx(notices: NoticeSet, note: str | None = None) -> bytes:
    """The register as an Excel/WPS workbook; ``note`` (a draft's 征求意见稿 line) is its
    first row, in bold red, above the headings. The same notices give the same bytes."""
    table = register_table(notices)
    columns = [c for c in table.columns if c.shown]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = REGISTER_SHEET
    if note:
        sheet.append([note])
        sheet.cell(1, 1).font = Font(bold=True, color="C00000")
    sheet.append([c.heading for c in columns])
    head = sheet.max_row
    for cell in sheet[head]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    widths = [_width(c.heading) for c in columns]
    for cells in table.rows:
        row = []
        for i, column in enumerate(columns):
            value, text = cells[column.key]
            row.append(value if isinstance(value, dt.date) else text)
            widths[i] = max(widths[i], _width(text))
        sheet.append(row)
    for i, width in enumerate(widths, start=1):
        for (cell,) in sheet.iter_rows(min_row=head + 1, min_col=i, max_col=i):
            if isinstance(cell.value, dt.datetime):
                cell.number_format = REGISTER_TIME_FORMAT
            elif isinstance(cell.value, dt.date):
                cell.number_format = REGISTER_DATE_FORMAT
            cell.alignment = Alignment(vertical="top", wrap_text=width > WIDEST_COLUMN)
        sheet.column_dimensions[get_column_letter(i)].width = min(width, WIDEST_COLUMN) + 2
    last = get_column_letter(len(columns))
    sheet.freeze_panes = f"A{head + 1}"
    sheet.auto_filter.ref = f"A{head}:{last}{max(sheet.max_row, head)}"
    stamp = dt.datetime.combine(notices.issue_date, dt.time())
    book.properties.creator = notices.office
    book.properties.title = table.title
    book.properties.created = book.properties.modified = stamp
    return xlsx_bytes(book, notices.issue_date)


def _width(text: str) -> int:
    """Columns a text takes in Excel: a Chinese (wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
