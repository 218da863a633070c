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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def stable_package(data: bytes, day: dt.date) -> bytes:
    """The package ``data`` again, every member and the "modified" property stamped ``day``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return stable_members(((i.filename, source.read(i.filename)) for i in source.infolist()), day)


def stable_members(members: Iterable[tuple[str, bytes]], day: dt.date) -> bytes:
    """A package of ``members`` (name, bytes), in their order, stamped ``day`` as
    ``stable_package`` stamps one: a writer that has its members need not zip them twice."""
    out = io.BytesIO()
    with _StampedZip(out, day) as target:
        for name, content in members:
            target.writestr(name, content)
    return out.getvalue()


class _StampedZip(zipfile.ZipFile):
    """A package being written whose every member is stamped ``day`` (and read-write for its
    owner only), the "modified" property of ``docProps/core.xml`` too: what ``stable_package``
    makes of a package, made as the package is written."""

    def __init__(self, file: io.BytesIO, day: dt.date) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self._stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
        self._modified = f"{day.isoformat()}T00:00:00Z".encode("ascii")

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = getattr(zinfo_or_arcname, "filename", zinfo_or_arcname)
        assert isinstance(name, str)
        member = zipfile.ZipInfo(name, date_time=self._stamp)
        member.compress_type = zipfile.ZIP_DEFLATED
        member.external_attr = 0o600 << 16
        content = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if name == "docProps/core.xml":
            content = _MODIFIED.sub(rb"\g<1>" + self._modified + rb"\g<2>", content)
        super().writestr(member, content)


class _Writer(ExcelWriter):
    """openpyxl's package writer, each worksheet's XML made in memory: openpyxl's own
    ``write_worksheet`` (3.1) makes it in a temporary file, created and removed for every
    sheet — most of the time a small form takes to save. The rest is that method as it is."""

    def __init__(self, workbook: Workbook, archive: zipfile.ZipFile) -> None:
        super().__init__(workbook, archive)
        self._package = archive

    def write_worksheet(self, ws: Worksheet) -> None:
        if self.workbook.write_only:  # xjj writes none; openpyxl's way for them
            super().write_worksheet(ws)
            return
        sheet: Any = ws  # the parts openpyxl sets on a sheet as it writes (not in its stubs)
        sheet._drawing = SpreadsheetDrawing()
        sheet._drawing.charts = sheet._charts
        sheet._drawing.images = sheet._images
        writer: Any = WorksheetWriter(ws, out=io.BytesIO())
        writer.write()
        sheet._rels = writer._rels
        self._package.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


def xlsx_bytes(book: Workbook, day: dt.date) -> bytes:
    """The workbook as an .xlsx package, every text cell a string (``as_text``) and every
    member stamped ``day``: the same workbook and day, the same bytes."""
    as_text(book)
    book.properties.modified = dt.datetime.combine(day, dt.time())  # openpyxl's save: now
    buffer = io.BytesIO()
    with _StampedZip(buffer, day) as archive:
        _Writer(book, archive).write_data()
    return buffer.getvalue()


def as_text(book: Workbook) -> None:
    """Make every cell that holds a str a string cell (an inline string in the package), so
    no text from the data is ever written as a formula or an error value."""
    for sheet in book.worksheets:
        if not isinstance(sheet, Worksheet):
            continue
        for cell in sheet._cells.values():  # the cells set, without making empty ones
            if isinstance(cell.value, str):
                cell.data_type = "s"
