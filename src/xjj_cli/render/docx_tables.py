"""The DOCX writer's tables: each in the table style 公文表格, 表格文字 in its cells, the header
row bold and repeated on every page, a cell holding a colour mark filled with its colour, each
column as wide as its longest cell (narrowed when they do not all fit)."""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tc
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree  # type: ignore[import-untyped]

from xjj_cli.render.blocks import Cell, Span, Table, plain, width
from xjj_cli.render.docx_base import (
    NAMESPACES,
    SLOT,
    STYLE_BODY,
    STYLE_TABLE,
    STYLE_TABLE_TEXT,
    Body,
)
from xjj_cli.render.palette import TONES

Fill = tuple[str, str]  # a cell's fill and its text's colour (RRGGBB)
# Cell fills for the colour marks of the ranking tables (class c-blue …): (fill, text colour).
CELL_SHADING: dict[str, Fill] = {
    f"c-{color}": (tone.fill, tone.text) for color, tone in TONES.items()
}
CELL_PADDING_PT = 2 * 57 / 20 + 1  # the table style's 1 mm each side, and a point to spare


def write_table(writer: Body, block: Table) -> None:
    """A table of the block's rows. Its cells are not made one by one through python-docx
    (whose every call looks up styles and child elements anew): each kind of cell — its
    column, alignment, fill, header or not — is made once through python-docx, empty, and
    every cell of that kind is a copy of it with its runs added, so the cost is linear in
    the number of cells and small (docs/decisions.md, issue 15)."""
    writer.keep_last_with_next()
    styles = writer.document.styles
    columns = max(len(cells) for _, cells in block.rows)
    if writer.new_page:
        writer.add(STYLE_BODY, ()).paragraph_format.page_break_before = True
    table = writer.document.add_table(rows=1, cols=columns)
    table.style = styles[STYLE_TABLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    text = writer.looks[STYLE_TABLE_TEXT]
    widths = _column_widths(block, columns, writer.area, text.char)
    for column, width_ in zip(table.columns, widths, strict=True):
        column.width = width_
    blank = table.rows[0]._tr
    cells = _CellMaker(writer, table, blank.tc_lst, widths)
    tbl = table._tbl
    tbl.remove(blank)
    rows = {
        (is_header, whole): _row_prototype(is_header, whole=whole)
        for is_header in (False, True)
        for whole in (False, True)
    }
    chars = [w.pt / text.char for w in widths]
    row_xml = {key: _split(tr) for key, tr in rows.items()}
    xml: list[str] = []
    empty = Cell(())
    # a cell's XML and its lines by the cell (the block reader gives equal cells one Cell):
    # each written and measured once per column; kept with the cell, as ids are reused
    made: dict[tuple[int, int, bool], tuple[Cell, str]] = {}
    tall: dict[tuple[int, int], tuple[Cell, int]] = {}
    for is_header, contents in block.rows:
        whole = is_header or _lines(contents, chars, tall) <= TALL_ROW_LINES
        head, tail = row_xml[is_header, whole]
        xml.append(head)
        for column in range(columns):
            content = contents[column] if column < len(contents) else empty
            key = (column, id(content), is_header)
            known = made.get(key)
            if known is None or known[0] is not content:
                known = made[key] = (content, cells.xml(column, content, is_header))
            xml.append(known[1])
        xml.append(tail)
    # the rows parsed at once, in an element declaring the table's namespaces
    declared = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in tbl.nsmap.items() if prefix)
    parsed = parse_xml(f"<w:tbl{declared}>{''.join(xml)}</w:tbl>")
    tbl.extend(list(parsed))
    writer.after_table = True
    writer.new_page = False
    writer.previous = "table"


# A row of more lines than this may break across pages: kept whole, it would leave most of a
# page empty (附件5's reasons of a town acted on for many months).
TALL_ROW_LINES = 8


def _lines(
    cells: Sequence[Cell],
    chars: Sequence[float],
    known: dict[tuple[int, int], tuple[Cell, int]] | None = None,
) -> int:
    """How many lines the row's tallest cell takes, ``chars`` characters a line per column
    (``known``: each cell's lines by its column and the cell, counted once)."""
    known = {} if known is None else known
    most = 1
    for column, (cell, room) in enumerate(zip(cells, chars, strict=False)):
        found = known.get((column, id(cell)))
        if found is None or found[0] is not cell:
            lines = sum(
                math.ceil(width(line) / max(room - 1, 1)) or 1
                for line in plain(cell.spans).split("\n")
            )
            found = known[column, id(cell)] = (cell, lines)
        most = max(most, found[1])
    return most


def _row_prototype(is_header: bool, *, whole: bool = True) -> CT_Row:
    """An empty table row, kept on one page unless not ``whole``; a header row repeats on
    each page."""
    tr = OxmlElement("w:tr")
    trpr = tr.get_or_add_trPr()  # its children may come in any order
    if whole:
        trpr.append(OxmlElement("w:cantSplit"))
    if is_header:
        trpr.append(OxmlElement("w:tblHeader"))
    return tr


class _CellMaker:
    """The cells of one table: each kind made once by python-docx's calls, then copied."""

    def __init__(
        self, writer: Body, table: DocxTable, blank: Sequence[CT_Tc], widths: Sequence[Emu]
    ) -> None:
        self.table = table
        self.blank = [copy.deepcopy(tc) for tc in blank]  # each column's cell as made
        self.widths = widths
        self.look = writer.looks[STYLE_TABLE_TEXT]
        self.style = writer.document.styles[STYLE_TABLE_TEXT]
        self.kinds: dict[tuple[int, str | None, Fill | None], tuple[CT_Tc, str | None]] = {}
        self.kind_xml: dict[int, tuple[str, str]] = {}  # each kind's XML, split for its runs

    def make(self, column: int, content: Cell, is_header: bool) -> CT_Tc:
        """A cell of ``column`` holding ``content``: text in 表格文字, a header's bold, centred
        vertically, a cell holding a colour mark filled with its colour."""
        prototype, color = self._prototype(column, content, is_header)
        tc = copy.deepcopy(prototype)
        spans = [Span(s.text, True, s.italic, s.brk) if is_header else s for s in content.spans]
        self.look.runs(DocxParagraph(tc.p_lst[0], self.table), spans, color)
        return tc

    def xml(self, column: int, content: Cell, is_header: bool) -> str:
        """The cell ``make`` makes, as XML text without namespace declarations."""
        prototype, color = self._prototype(column, content, is_header)
        spans = [Span(s.text, True, s.italic, s.brk) if is_header else s for s in content.spans]
        runs = [self.look.run_xml(span, color) for span in spans]
        if any(run is None for run in runs):  # a tab or a line break: python-docx's own way
            return _split(self.make(column, content, is_header), slot=False)[0]
        head, tail = self.kind_xml[id(prototype)]
        return head + "".join(run for run in runs if run is not None) + tail

    def _prototype(self, column: int, content: Cell, is_header: bool) -> tuple[CT_Tc, str | None]:
        align = None if is_header or not content.align else content.align
        tone = None if is_header else content.tone
        fill = CELL_SHADING.get(tone or "")
        key = (column, align, fill)
        kind = self.kinds.get(key)
        if kind is None:
            kind = self.kinds[key] = (self._kind(column, align, fill), fill[1] if fill else None)
            slotted = copy.deepcopy(kind[0])
            slotted.p_lst[0].append(slotted.makeelement(SLOT, {}))
            self.kind_xml[id(kind[0])] = _split(slotted)
        return kind

    def _kind(self, column: int, align: str | None, fill: Fill | None) -> CT_Tc:
        cell = _Cell(copy.deepcopy(self.blank[column]), self.table)
        cell.width = self.widths[column]
        paragraph = cell.paragraphs[0]
        paragraph.style = self.style
        if align:
            paragraph.alignment = ALIGNMENTS.get(align, ALIGNMENTS["center"])
        if fill is not None:
            # w:shd follows the cell's w:tcW and precedes the w:vAlign set below.
            shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill[0]}
            cell._tc.get_or_add_tcPr().append(OxmlElement("w:shd", attrs=shading))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        return cell._tc


def _split(element: BaseOxmlElement, *, slot: bool = True) -> tuple[str, str]:
    """An element's XML text without namespace declarations, split at its ``SLOT`` (the
    element itself, with an empty second part, when ``slot`` is false); an element without a
    slot child is given one at its end."""
    if slot and not any(child.tag == SLOT for child in element.iter()):
        element = copy.deepcopy(element)
        element.append(element.makeelement(SLOT, {}))
    xml = NAMESPACES.sub("", etree.tostring(element, encoding="unicode"))
    if not slot:
        return xml, ""
    head, _, tail = xml.partition(f"<{SLOT}/>")
    return head, tail


def xml_parts(element: BaseOxmlElement, *, slot: bool = True) -> tuple[str, str]:
    """``element`` as XML text without namespace declarations, split where its content goes
    (``_split``: at its ``SLOT`` child, or its end; the whole with ``slot`` false): for other
    parts written as text, such as the 版记's table."""
    return _split(element, slot=slot)


ALIGNMENTS = {
    "left": WD_PARAGRAPH_ALIGNMENT.LEFT,
    "right": WD_PARAGRAPH_ALIGNMENT.RIGHT,
    "center": WD_PARAGRAPH_ALIGNMENT.CENTER,
}


def _widest_line(spans: Sequence[Span]) -> float:
    """The width of a cell's longest line (its lines are broken by <br>), in characters."""
    return max(width(line) for line in plain(spans).split("\n"))


def _column_widths(table: Table, columns: int, available: float, size: float) -> list[Emu]:
    """Each column as wide as its longest cell; if they do not all fit, the widest columns
    are narrowed (their text wraps); any room left is shared out to fill the line."""
    natural = [2 * size + CELL_PADDING_PT] * columns
    measured: set[tuple[int, int]] = set()  # (column, cell) measured: equal cells are one Cell
    for _, cells in table.rows:
        for column, cell in enumerate(cells):
            if (column, id(cell)) in measured:
                continue
            measured.add((column, id(cell)))
            natural[column] = max(
                natural[column], _widest_line(cell.spans) * size + CELL_PADDING_PT
            )
    if sum(natural) > available:
        ordered = sorted(natural)
        cap = ordered[-1]
        for count, each in enumerate(ordered):
            rest = available - sum(ordered[:count])
            if each * (columns - count) >= rest:
                cap = rest / (columns - count)
                break
        natural = [min(each, cap) for each in natural]
    scale = available / sum(natural)
    return [Emu(int(Pt(each * scale))) for each in natural]
