"""The 版记 of the DOCX writer (GB/T 9704 §7.4, §10.1): at the foot of the last page, in a
table of the type area's width — between a thick rule above and below and thin ones between
its lines in the 文件 form, without rules in the 信函格式.

The table sits in a text box anchored to a tiny paragraph after the 落款 and 附注, placed at
the bottom of the type area (``wp:anchor``, ``positionV relativeFrom="margin"`` aligned
``bottom``) with no text beside it (``wrapTopAndBottom``): Word, WPS and LibreOffice keep
it at the foot of the page where the text ends when there is room, and move it (with its
paragraph) to the next page when there is not. No estimate of where the text ends: the
program that opens the file decides (docs/decisions.md, "版记 at the foot of the last page")."""

from __future__ import annotations

import copy
import math

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsmap, qn
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.section import Section
from docx.shared import Emu, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from xjj_cli.chinese import COLOPHON_BOX, FULLWIDTH_COLON
from xjj_cli.render.blocks import Colophon, Span, plain, width
from xjj_cli.render.docx_base import SLOT, STYLE_COLOPHON, Body, Look, line_pt, paragraph_style
from xjj_cli.render.docx_tables import xml_parts

# The 版记's rules, 0.35 mm (thick) and 0.25 mm (thin), in eighths of a point.
THICK_RULE_EIGHTHS = 8

THIN_RULE_EIGHTHS = 6


_NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def write_colophon(
    writer: Body, block: Colophon, *, rules: bool = True, even_page: bool = False
) -> None:
    """The 版记 at the foot of the last page (GB/T 9704 §7.4.1: its last rule on the type
    area's bottom edge; §10.1: in the 信函格式 without rules, ``rules=False``): a text box at
    the bottom of the type area holding the 版记's table, anchored to a tiny paragraph after
    the text, so it shares the text's last page when it has room and takes the next page
    when it has not. ``even_page`` (a document with annexes, printed on both sides): the
    版记 on a page of its own, an even one, the 封四 — a last section that starts on an even
    page (Word, WPS and LibreOffice insert a blank page before it when the text ends on an
    even page), without a page number (§7.5)."""
    if even_page:  # the 版记 in the footers of its page, their foot on the type area's
        section = _own_even_page(writer)
        section.footer_distance = section.bottom_margin
        table, _ = _colophon_table(writer, block, rules)
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
            container = footer._element
            for old in container.findall(qn("w:p")):
                container.remove(old)
            container.append(copy.deepcopy(table))
            _tiny(footer.add_paragraph(), 1)  # a footer ends with a paragraph
        _anchor(writer)  # the page's body: next to nothing
        return
    table, height = _colophon_table(writer, block, rules)
    anchor = _anchor(writer)
    box = parse_xml(_box_xml(Emu(Pt(writer.area)), Emu(Pt(height))))
    box.find(".//" + qn("w:txbxContent")).append(table)
    run = OxmlElement("w:r")
    run.append(box)
    anchor._p.append(run)
    writer.last = anchor


def _own_even_page(writer: Body) -> Section:
    """End the text's section after its last paragraph and start the last one, for the 版记,
    on an even page."""
    body = writer.document.element.body
    last = body[-2] if len(body) > 1 else None  # the element before the body's w:sectPr
    carrier = writer.last if writer.last is not None and last is writer.last._p else None
    if carrier is None:  # a section ends with a paragraph: after a table, a tiny one
        carrier = writer.add(STYLE_COLOPHON, ())
        _tiny(carrier, 1)
    final = writer.document.sections[-1]
    carrier._p.set_sectPr(copy.deepcopy(final._sectPr))
    for reference in final._sectPr.xpath("w:footerReference"):
        final._sectPr.remove(reference)
    section = writer.document.sections[-1]
    section.start_type = WD_SECTION.EVEN_PAGE
    return section


def _box_xml(cx: int, cy: int) -> str:
    """A text box as wide as the type area at its bottom, centred, no text beside it."""
    return (
        f'<w:drawing {_NAMESPACES}><wp:anchor distT="0" distB="0" distL="0" distR="0" '
        'simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="0"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        '<wp:positionV relativeFrom="margin"><wp:align>bottom</wp:align></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/><wp:docPr name="{COLOPHON_BOX}" id="9001"/>'
        "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData "
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>"
        "<wps:txbx><w:txbxContent/></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        'anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData>'
        "</a:graphic></wp:anchor></w:drawing>"
    )


def _colophon_table(writer: Body, block: Colophon, rules: bool) -> tuple[CT_Tbl, float]:
    """The 版记's lines in a table of the type area's width, and its height in points: a
    thick rule above the first and below the last, thin ones between (GB/T 9704 §7.4.1;
    none with ``rules=False``); 抄送 one character in, its names wrapping under the first
    name; 印发机关 left and 印发日期 right on one line. Moved into the text box by the caller.

    Written as XML text, as ``docx_tables.write_table`` writes the annexes: the table and
    each kind of row (抄送 with its hanging indent, 印发) are made once by python-docx's own
    calls, empty, and serialized; a notice's table is those texts with its runs put in,
    parsed once (a notice's 版记 was a fifth of its DOCX when made through python-docx)."""
    look = writer.looks[STYLE_COLOPHON]
    frames = _frames(writer, rules)
    line = frames.line
    room = writer.area / look.char - 2  # characters a line, one in from either side
    height = 2.0 * THICK_RULE_EIGHTHS / 8
    xml = [frames.head]
    for spans in block.copy_to:
        text = plain(spans)
        colon = text.find(FULLWIDTH_COLON)
        hang = width(text[: colon + 1]) if colon >= 0 else 0.0
        head, tail = frames.row(writer, "copy", hang)
        xml += [head, *(frames.run(look, span) for span in spans), tail]
        lines = 1 + math.ceil(max(0.0, width(text) - room) / max(room - hang, 1.0))
        height += lines * line + THIN_RULE_EIGHTHS / 8
    if block.printed:
        printed = list(block.printed)
        parts: list[Span] = [*printed[0]]
        for later in printed[1:]:
            parts += [Span("\t"), *later]
        head, tail = frames.row(writer, "printed", 0.0)
        xml += [head, *(frames.run(look, span) for span in parts), tail]
        height += line + THIN_RULE_EIGHTHS / 8
    xml.append(frames.tail)
    table: CT_Tbl = parse_xml("".join(xml))
    # A text box's height is fixed: the table's own (LibreOffice sets it at the box's top,
    # Word at its bottom, anchor="b"), so its last rule lies on the type area's bottom edge.
    return table, math.ceil(height)


class _Frames:
    """The 版记's table of one look and type area, as XML text: the table without rows
    (declaring the w namespace), each kind of row split where its runs go, and each run."""

    def __init__(self, writer: Body, rules: bool) -> None:
        self.rules = rules
        self.line = line_pt(
            paragraph_style(writer.document, STYLE_COLOPHON), writer.looks[STYLE_COLOPHON].char
        )
        table = self._table(writer, 0)
        head, tail = xml_parts(table._tbl)
        self.head = f'<w:tbl xmlns:w="{nsmap["w"]}"' + head.removeprefix("<w:tbl")
        self.tail = tail
        self.rows: dict[tuple[str, float], tuple[str, str]] = {}
        self.runs: dict[Span, str] = {}

    def _table(self, writer: Body, rows: int) -> DocxTable:
        table: DocxTable = writer.document.add_table(rows=rows, cols=1)
        table._tbl.getparent().remove(table._tbl)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _colophon_borders(table, self.rules)
        return table

    def row(self, writer: Body, kind: str, hang: float) -> tuple[str, str]:
        """A row of ``kind`` (its 抄送 hanging ``hang`` characters), split where its runs go:
        made by python-docx's calls, as the 版记 was made row by row."""
        key = (kind, hang)
        made = self.rows.get(key)
        if made is None:
            look = writer.looks[STYLE_COLOPHON]
            row = self._table(writer, 1).rows[0]
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            cell = row.cells[0]
            cell.width = Pt(writer.area)
            paragraph = cell.paragraphs[0]
            paragraph.style = writer.document.styles[STYLE_COLOPHON]
            form = paragraph.paragraph_format
            indent = Pt(look.char)
            form.right_indent = indent
            if kind == "copy":
                form.left_indent = Pt(look.char * (1 + hang))
                form.first_line_indent = Pt(-look.char * hang)
            else:
                form.left_indent = indent
                stop = Pt(writer.area - look.char)
                form.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.RIGHT)
            paragraph._p.append(paragraph._p.makeelement(SLOT, {}))
            made = self.rows[key] = xml_parts(row._tr)
        return made

    def run(self, look: Look, span: Span) -> str:
        """The run ``look.runs`` adds for ``span``, as XML text."""
        made = self.runs.get(span)
        if made is None:
            made = look.run_xml(span)
            if made is None:  # a tab or a line break: python-docx's own way
                paragraph = DocxParagraph(OxmlElement("w:p"), None)  # type: ignore[arg-type]
                (run,) = look.runs(paragraph, (span,))
                made = xml_parts(run._r, slot=False)[0]
            if len(self.runs) < _RUNS_KEPT:
                self.runs[span] = made
        return made


# Runs kept per look: the 印发 line and the 抄送 names recur in every notice of a month.
_RUNS_KEPT = 4096

_FRAMES: dict[tuple[object, ...], _Frames] = {}


def _frames(writer: Body, rules: bool) -> _Frames:
    """The 版记's frames for the writer's colophon style and type area, made once a process."""
    # the writer's looks are its styles part's (``style_facts``, kept for the process): their
    # identity stands for the styles
    key = (id(writer.looks), writer.area, rules)
    frames = _FRAMES.get(key)
    if frames is None:
        frames = _FRAMES[key] = _Frames(writer, rules)
    return frames


_ANCHORS: dict[tuple[int, bool], CT_P] = {}


def _anchor(writer: Body) -> DocxParagraph:
    """A tiny paragraph of the 版记's style added to the body (``_tiny``, one point high): made
    by python-docx once for each styles part (and whether a table comes before it, which sets
    its spacing first), then copied."""
    key = (id(writer.looks), writer.after_table)
    made = _ANCHORS.get(key)
    if made is None:
        paragraph = writer.add(STYLE_COLOPHON, ())
        _tiny(paragraph, 1)
        _ANCHORS[key] = copy.deepcopy(paragraph._p)
        return paragraph
    p = copy.deepcopy(made)
    writer.append(p)
    paragraph = DocxParagraph(p, writer.document._body)
    writer.after_table = False
    writer.last = paragraph
    return paragraph


def _tiny(paragraph: DocxParagraph | None, height: float) -> None:
    """An empty paragraph of exactly ``height`` points, off the line grid, taking next to no
    room: the 版记's anchor."""
    assert paragraph is not None
    form = paragraph.paragraph_format
    form.line_spacing = Pt(max(height, 1.0))
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    form.space_before = form.space_after = Pt(0)
    grid = OxmlElement("w:snapToGrid", attrs={qn("w:val"): "0"})
    ppr = paragraph._p.get_or_add_pPr()
    ppr.find(qn("w:spacing")).addprevious(grid)


def _colophon_borders(table: DocxTable, rules: bool) -> None:
    """Thick rules above and below the 版记, thin ones between its lines, none at the sides
    (none at all without ``rules``)."""
    borders = OxmlElement("w:tblBorders")
    for side, eighths in (
        ("top", THICK_RULE_EIGHTHS),
        ("left", 0),
        ("bottom", THICK_RULE_EIGHTHS),
        ("right", 0),
        ("insideH", THIN_RULE_EIGHTHS),
        ("insideV", 0),
    ):
        eighths = eighths if rules else 0
        attrs = {"w:val": "single" if eighths else "nil", "w:sz": str(eighths), "w:space": "0"}
        attrs["w:color"] = "auto"
        borders.append(OxmlElement(f"w:{side}", attrs={qn(k): v for k, v in attrs.items()}))
    tblpr = table._tbl.tblPr
    layout = tblpr.find(qn("w:tblLayout"))
    (layout if layout is not None else tblpr[-1]).addprevious(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", attrs={qn("w:w"): "0", qn("w:type"): "dxa"}))
    (layout if layout is not None else tblpr[-1]).addnext(margins)
