"""A filled form opened as openpyxl opens it read-only, with the parts that every form of a
batch shares parsed once (issue 28).

``xjj import`` of a province reads 1,800 workbooks that ``xjj forms`` wrote from a handful of
stylesheets (``ooxml.py`` writes ``styles.xml`` once per set of styles) and one content-types
part. openpyxl parses both into its object model for every workbook (``Stylesheet.from_tree``
was a fifth of reading a town form). Here each is parsed once per distinct content (its bytes
are the key: the same bytes parse to the same objects, and a part that fails to parse is
parsed — and fails — again each time, exactly as before); everything else is openpyxl 3.1's
``ExcelReader.read`` and ``apply_stylesheet``, step for step (openpyxl is pinned).
"""

from __future__ import annotations

import io
from typing import Any
from warnings import warn

from openpyxl.packaging.manifest import Manifest
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.builtins import styles
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE
from openpyxl.xml.functions import fromstring

KEPT_PARTS = 16
"""Distinct parts of each kind kept at once (a batch has a few; a hostile one, no more)."""


class Parsed:
    """Parts parsed by their bytes: a stylesheet, a content-types part. Counts the parses
    (``parses``), which the tests read."""

    def __init__(self) -> None:
        self.stylesheets: dict[bytes, Any] = {}
        self.manifests: dict[bytes, Any] = {}
        self.parses = 0

    def stylesheet(self, src: bytes) -> Any:
        return self._parsed(self.stylesheets, src, Stylesheet.from_tree)

    def manifest(self, src: bytes) -> Any:
        return self._parsed(self.manifests, src, Manifest.from_tree)

    def _parsed(self, kept: dict[bytes, Any], src: bytes, from_tree: Any) -> Any:
        found = kept.get(src)
        if found is None:
            self.parses += 1
            node: Any = fromstring(src)
            found = from_tree(node)
            _keep(kept, src, found)
        return found


def _keep(kept: dict[bytes, Any], src: bytes, value: Any) -> None:
    if len(kept) >= KEPT_PARTS:
        kept.clear()
    kept[src] = value


def open_book(data: bytes, parsed: Parsed) -> Any:
    """The workbook ``data``, as ``load_workbook(..., read_only=True, data_only=False,
    keep_links=False)`` opens it, its stylesheet and content types taken from ``parsed``."""
    reader = _FormReader(io.BytesIO(data), parsed)
    reader.read()
    return reader.wb


class _FormReader(ExcelReader):
    def __init__(self, source: io.BytesIO, parsed: Parsed) -> None:
        super().__init__(source, read_only=True, data_only=False, keep_links=False)
        self.parsed = parsed

    def read_manifest(self) -> None:
        self.package = self.parsed.manifest(self.archive.read(ARC_CONTENT_TYPES))

    def read(self) -> None:
        action = "read manifest"
        try:
            self.read_manifest()
            action = "read strings"
            self.read_strings()
            action = "read workbook"
            self.read_workbook()
            action = "read properties"
            self.read_properties()
            action = "read custom properties"
            self.read_custom()
            action = "read theme"
            self.read_theme()
            action = "read stylesheet"
            _apply_stylesheet(self.archive, self.wb, self.parsed)
            action = "read worksheets"
            self.read_worksheets()
            action = "assign names"
            self.parser.assign_names()
        except ValueError as e:
            raise ValueError(
                f"Unable to read workbook: could not {action} from {self.archive.filename}.\n"
                "This is most probably because the workbook source files contain some invalid XML.\n"
                "Please see the exception for more details."
            ) from e


def _apply_stylesheet(archive: Any, wb: Any, parsed: Parsed) -> Any:
    """openpyxl's ``apply_stylesheet``, the stylesheet parsed once per content."""
    try:
        src = archive.read(ARC_STYLE)
    except KeyError:
        return wb
    stylesheet = parsed.stylesheet(src)
    if stylesheet.cell_styles:
        wb._borders = IndexedList(stylesheet.borders)
        wb._fonts = IndexedList(stylesheet.fonts)
        wb._fills = IndexedList(stylesheet.fills)
        wb._differential_styles.styles = stylesheet.dxfs
        wb._number_formats = stylesheet.number_formats
        wb._protections = stylesheet.protections
        wb._alignments = stylesheet.alignments
        wb._table_styles = stylesheet.tableStyles
        wb._cell_styles = stylesheet.cell_styles
        wb._named_styles = stylesheet.named_styles
        wb._date_formats = stylesheet.date_formats
        wb._timedelta_formats = stylesheet.timedelta_formats
        for ns in wb._named_styles:
            ns.bind(wb)
    else:
        warn("Workbook contains no stylesheet, using openpyxl's defaults", stacklevel=2)
    if not wb._named_styles:
        wb.add_named_style(styles["Normal"])
        warn("Workbook contains no default style, apply openpyxl's default", stacklevel=2)
    if stylesheet.colors is not None:
        wb._colors = stylesheet.colors.index
    return wb
