"""The 版记 of the DOCX writer (GB/T 9704 §7.4, §7.5): at the foot of the last page, an even
one, in a table of the type area's width between a thick rule above and below and thin ones
between its lines."""

from __future__ import annotations

import copy

from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import _Footer
from docx.shared import Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from xjj_cli.chinese import FULLWIDTH_COLON
from xjj_cli.render.blocks import Colophon, Span, plain, width
from xjj_cli.render.docx_base import STYLE_COLOPHON, Body

# The 版记's rules, 0.35 mm (thick) and 0.25 mm (thin), in eighths of a point.
THICK_RULE_EIGHTHS = 8

THIN_RULE_EIGHTHS = 6


def write_colophon(writer: Body, block: Colophon) -> None:
    """The 版记 at the foot of the last page, an even one (GB/T 9704 §7.4, §7.5), always on a
    page of its own: the footers of a last section that starts on an even page (w:type
    evenPage — Word, WPS and LibreOffice insert a blank page before it when the text ends
    on an even page), its body one tiny empty paragraph. The footers hold the 版记 and no
    page number (§7.5: the 版记页 has none). No estimate of where the text ends: only the
    program that opens the file knows where its pages break (docs/decisions.md)."""
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
    section.footer_distance = section.bottom_margin
    footers = [section.footer, section.even_page_footer]
    if section.different_first_page_header_footer:
        footers.append(section.first_page_footer)
    for footer in footers:
        footer.is_linked_to_previous = False
        _colophon_table(writer, footer, block)
    _tiny(writer.add(STYLE_COLOPHON, ()), 1)


def _colophon_table(writer: Body, container: _Footer, block: Colophon) -> None:
    """The 版记's lines in a table of the type area's width: a thick rule above the first
    and below the last, thin ones between (GB/T 9704 §7.4.1); 抄送 one character in, its
    names wrapping under the first name; 印发机关 left and 印发日期 right on one line."""
    look = writer.looks[STYLE_COLOPHON]
    rows = [*(("copy", spans) for spans in block.copy_to)]
    if block.printed:
        rows.append(("printed", ()))
    table = container.add_table(rows=len(rows), cols=1, width=Pt(writer.area))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _colophon_borders(table)
    indent = Pt(look.char)
    for (kind, spans), row in zip(rows, table.rows, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        cell = row.cells[0]
        cell.width = Pt(writer.area)
        paragraph = cell.paragraphs[0]
        paragraph.style = writer.document.styles[STYLE_COLOPHON]
        form = paragraph.paragraph_format
        form.right_indent = indent
        if kind == "copy":
            text = plain(spans)
            colon = text.find(FULLWIDTH_COLON)
            hang = width(text[: colon + 1]) if colon >= 0 else 0.0
            form.left_indent = Pt(look.char * (1 + hang))
            form.first_line_indent = Pt(-look.char * hang)
            look.runs(paragraph, spans)
        else:
            form.left_indent = indent
            stop = Pt(writer.area - look.char)
            form.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.RIGHT)
            printed = list(block.printed)
            parts: list[Span] = [*printed[0]] if printed else []
            for later in printed[1:]:
                parts += [Span("\t"), *later]
            look.runs(paragraph, parts)
    # A footer ends with a paragraph: the table first, the tiny paragraph after it.
    first = container.paragraphs[0]
    if not first.text:
        first._p.getparent().remove(first._p)
    _tiny(container.add_paragraph(), 1)


def _tiny(paragraph: DocxParagraph | None, height: float) -> None:
    """An empty paragraph of exactly ``height`` points, off the line grid: the paragraph a
    section or a footer must end with, taking next to no room."""
    assert paragraph is not None
    form = paragraph.paragraph_format
    form.line_spacing = Pt(max(height, 1.0))
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    form.space_before = form.space_after = Pt(0)
    grid = OxmlElement("w:snapToGrid", attrs={qn("w:val"): "0"})
    ppr = paragraph._p.get_or_add_pPr()
    ppr.find(qn("w:spacing")).addprevious(grid)
    run = paragraph.add_run()
    run.font.size = Pt(1)


def _colophon_borders(table: DocxTable) -> None:
    """Thick rules above and below the 版记, thin ones between its lines, none at the sides."""
    borders = OxmlElement("w:tblBorders")
    for side, eighths in (
        ("top", THICK_RULE_EIGHTHS),
        ("left", 0),
        ("bottom", THICK_RULE_EIGHTHS),
        ("right", 0),
        ("insideH", THIN_RULE_EIGHTHS),
        ("insideV", 0),
    ):
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
