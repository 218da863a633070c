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
from collections.abc import Hashable, Iterable
from copy import deepcopy
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook._writer import WorkbookWriter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter
from openpyxl.writer.theme import theme_xml

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
        writer: Any = _SheetWriter(ws, out=io.BytesIO())
        writer.write()
        sheet._rels = writer._rels
        self._package.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)

    def write_data(self) -> None:
        """openpyxl's ``write_data`` with the stylesheet's XML made once for each set of
        styles (``_stylesheet``): the same styles, the same part."""
        from openpyxl.packaging.extended import ExtendedProperties
        from openpyxl.xml.constants import (
            ARC_APP,
            ARC_CORE,
            ARC_ROOT_RELS,
            ARC_STYLE,
            ARC_THEME,
            ARC_WORKBOOK,
            ARC_WORKBOOK_RELS,
        )
        from openpyxl.xml.functions import tostring

        book: Any = self.workbook
        if book.loaded_theme or book.custom_doc_props or book.vba_archive:
            super().write_data()  # xjj writes none of these; openpyxl's way for them
            return
        archive = self._package
        this: Any = self  # openpyxl's private steps (not in its stubs)
        archive.writestr(ARC_APP, tostring(ExtendedProperties().to_tree()))
        archive.writestr(ARC_CORE, tostring(book.properties.to_tree()))
        archive.writestr(ARC_THEME, theme_xml)
        this._write_worksheets()
        this._write_chartsheets()
        this._write_images()
        this._write_charts()
        this._write_external_links()
        archive.writestr(ARC_STYLE, _stylesheet(book))
        writer: Any = WorkbookWriter(book)
        archive.writestr(ARC_ROOT_RELS, writer.write_root_rels())
        archive.writestr(ARC_WORKBOOK, writer.write())
        archive.writestr(ARC_WORKBOOK_RELS, writer.write_rels())
        this.manifest._write(archive, book)


_STYLESHEETS: dict[Hashable, bytes] = {}
"""The stylesheets made, by the styles they list (issue 28: 1,800 forms of a province have a
handful of different ones, and making one is a sixth of a small form's writing)."""
_VALIDATIONS: dict[tuple[int, ...], tuple[tuple[object, ...], Any]] = {}
"""The ``dataValidations`` elements made, by the validations' identities (with them, so that
no identity is reused while its element is kept)."""
_CACHE_MAX = 256
_RULES: dict[int, tuple[Any, Any]] = {}
"""Each validation's ``dataValidation`` element, by the validation's identity (kept with it,
so no identity is reused while its element is kept; issue 28: the province's owner forms share
their rows' validations, some 1,500 a form, each made into XML once per form)."""
_RULES_MAX = 16384


def _stylesheet(book: Any) -> bytes:
    """``styles.xml`` of ``book``: openpyxl's ``write_stylesheet``, made once for each set of
    styles. What it reads is the key, compared by value; a workbook with differential or
    named styles of its own, or colours, is not kept."""
    from openpyxl.styles.stylesheet import write_stylesheet
    from openpyxl.xml.functions import tostring

    plain = (
        not book._differential_styles.styles
        and book._colors == COLOR_INDEX
        and book._named_styles.names == ["Normal"]
    )
    if not plain:
        return bytes(tostring(write_stylesheet(book)))
    key = (
        tuple(tuple(style) for style in book._cell_styles),
        tuple(book._fonts),
        tuple(book._fills),
        tuple(book._borders),
        tuple(book._alignments),
        tuple(book._protections),
        tuple(book._number_formats),
        book._table_styles,
    )
    made = _STYLESHEETS.get(key)
    if made is None:
        if len(_STYLESHEETS) >= _CACHE_MAX:
            _STYLESHEETS.clear()
        made = _STYLESHEETS[key] = bytes(tostring(write_stylesheet(book)))
    return made


class _SheetWriter(WorksheetWriter):
    """openpyxl's worksheet writer, a list of data validations already written sent again as
    it was (the forms share their rows' validations: ``forms.write._row_validations``)."""

    def write_validations(self) -> None:
        sheet: Any = self.ws
        listed = sheet.data_validations
        if not listed:
            return
        plain = listed.disablePrompts is None and listed.xWindow is None and listed.yWindow is None
        if not plain:
            super().write_validations()
            return
        rules = tuple(listed.dataValidation)
        key = tuple(id(rule) for rule in rules)
        made = _VALIDATIONS.get(key)
        if made is None:
            if len(_VALIDATIONS) >= _CACHE_MAX:
                _VALIDATIONS.clear()
            made = _VALIDATIONS[key] = (rules, _validations_tree(rules))
        self.xf.send(made[1])


def _validations_tree(rules: tuple[Any, ...]) -> Any:
    """``DataValidationList(dataValidation=rules).to_tree()``: the rules without cells left
    out, each rule's element made once (``_RULES``) and copied into the list's."""
    from openpyxl.xml.functions import Element

    kept = [rule for rule in rules if rule.sqref]
    tree = Element("dataValidations", {"count": str(len(kept))})
    for rule in kept:
        made = _RULES.get(id(rule))
        if made is None or made[0] is not rule:
            if len(_RULES) >= _RULES_MAX:
                _RULES.clear()
            made = _RULES[id(rule)] = (rule, rule.to_tree("dataValidation"))
        tree.append(deepcopy(made[1]))
    return tree


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


def cell_value(sheet: Worksheet, ref: str) -> object:
    """The value of the cell ``ref`` (None when it was never set), looked up by its row and
    column: ``sheet[ref]`` parses the reference as a range (most of the forms' checksum)."""
    cell = sheet._cells.get(coordinate_to_tuple(ref))
    return None if cell is None else cell.value
