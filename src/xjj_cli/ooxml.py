"""Office files (DOCX, XLSX) with reproducible bytes, and workbooks whose text stays text:
what every writer of an Office package shares (the bulletin, the notices, the register, the
report workbooks and the fill-in forms).

python-docx and openpyxl write a ZIP package whose members carry the time of saving, and
openpyxl also stamps it in the "modified" document property. The same data, date and number
must give the same file (SPEC §5), so each package is written again with every member — and
the "modified" property — stamped with the document's own date.

openpyxl takes a text that starts with "=" for a formula (and "#N/A" and the like for an error
value): a unit named ``=HYPERLINK(…)`` would be a live formula in Excel, WPS and LibreOffice.
xjj writes no formula into a cell, so ``xlsx_bytes``, which every workbook xjj writes goes
through, makes every text cell a string cell — the text as it is, never a leading ``'``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def stable_package(data: bytes, day: dt.date) -> bytes:
    """The package ``data`` again, every member and the "modified" property stamped ``day``."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    modified = f"{day.isoformat()}T00:00:00Z".encode("ascii")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", content)
            target.writestr(member, content)
    return out.getvalue()


def xlsx_bytes(book: Workbook, day: dt.date) -> bytes:
    """The workbook as an .xlsx package, every text cell a string (``as_text``) and every
    member stamped ``day``: the same workbook and day, the same bytes."""
    as_text(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_package(buffer.getvalue(), day)


def as_text(book: Workbook) -> None:
    """Make every cell that holds a str a string cell (an inline string in the package), so
    no text from the data is ever written as a formula or an error value."""
    for sheet in book.worksheets:
        if not isinstance(sheet, Worksheet):
            continue
        for cell in sheet._cells.values():  # the cells set, without making empty ones
            if isinstance(cell.value, str):
                cell.data_type = "s"
