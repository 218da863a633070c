"""The bulletin as a Word document laid out as an official document (GB/T 9704-2012).

The look comes from a reference document, ``templates/bulletin-reference.docx`` (made by
``scripts/make-reference-docx.py``; a district's own copy in its data repository's
``templates/`` folder wins): its page set-up, styles, headers and footers. The writer opens
it, throws its body away, and fills it with the blocks of the bulletin's Markdown (the one
source of the wording; render/blocks.py reads them), each in the style of its role:
mark 版头 (red, fitted to one line), number 发文字号 (over the red rule), title 公文标题 (broken
where it reads well), headings 一级/二级/三级标题, body 公文正文, salutation 主送机关,
attachments 附件说明 (hanging), note 附注, annex labels 附件标识 (each annex on a new page),
code 代码; the signature 发文机关署名 (the date four characters from the right, the office name
centred above it); the 版记 at the foot of the last page, an even one of its own (版记; see
``_Writer._colophon`` and docs/decisions.md); tables in the table style 公文表格 with
表格文字 in their cells, the header row bold and repeated on every page, and a cell holding a
colour mark (``<span class="c-red">…</span>``, which the template writes) filled with that
colour — the word inside does not matter.

Every run names the fonts and size of its paragraph's style, as Word and WPS write them
themselves; they are read from the reference document, so a restyled reference carries
through. A draft gets 征求意见稿 (style 征求意见稿) in the header of every page. The bytes
depend only on the bulletin and the reference document: no clock.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tc
from docx.oxml.text.run import CT_R
from docx.section import _Footer
from docx.shared import Emu, Length, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from markdown_it.token import Token

from xjj_cli import paths
from xjj_cli.chinese import DOCX_STYLES, ENUMERATION_COMMA, FULLWIDTH_COLON, FULLWIDTH_DOT
from xjj_cli.errors import TemplateError
from xjj_cli.messages.bulletin import DOCX_PROPERTIES, reference_problem
from xjj_cli.messages.reports import DRAFT_MARK
from xjj_cli.render.blocks import (
    AnnexStart,
    Block,
    Cell,
    Colophon,
    Paragraph,
    Role,
    Signature,
    Span,
    Table,
    plain,
    read_document,
    width,
)
from xjj_cli.render.layout import break_title
from xjj_cli.render.package import stable_package
from xjj_cli.render.palette import TONES

REFERENCE = "bulletin-reference.docx"

# The styles of the reference document, by the names a clerk sees in Word or WPS (chinese.py).
STYLE_TITLE = DOCX_STYLES["title"]
STYLE_SALUTATION = DOCX_STYLES["salutation"]
STYLE_BODY = DOCX_STYLES["body"]
STYLE_HEADING_1 = DOCX_STYLES["heading1"]
STYLE_HEADING_2 = DOCX_STYLES["heading2"]
STYLE_HEADING_3 = DOCX_STYLES["heading3"]
STYLE_SIGNATURE = DOCX_STYLES["signature"]
STYLE_NOTE = DOCX_STYLES["note"]
STYLE_MASTHEAD = DOCX_STYLES["masthead"]
STYLE_NUMBER = DOCX_STYLES["number"]
STYLE_ATTACHMENT = DOCX_STYLES["attachment"]
STYLE_ANNEX_LABEL = DOCX_STYLES["annex_label"]
STYLE_COLOPHON = DOCX_STYLES["colophon"]
STYLE_TABLE = DOCX_STYLES["table"]
STYLE_TABLE_TEXT = DOCX_STYLES["table_text"]
STYLE_CODE = DOCX_STYLES["code"]
STYLE_DRAFT = DOCX_STYLES["draft"]
# The style of each role a block of the Markdown plays (render/blocks.py).
ROLE_STYLES: dict[Role, str] = {
    "mark": STYLE_MASTHEAD,
    "number": STYLE_NUMBER,
    "title": STYLE_TITLE,
    "salutation": STYLE_SALUTATION,
    "body": STYLE_BODY,
    "heading1": STYLE_HEADING_1,
    "heading2": STYLE_HEADING_2,
    "heading3": STYLE_HEADING_3,
    "code": STYLE_CODE,
    "attachment": STYLE_ATTACHMENT,
    "note": STYLE_NOTE,
    "annex_label": STYLE_ANNEX_LABEL,
    "masthead": STYLE_MASTHEAD,
}
PARAGRAPH_STYLES = (
    *ROLE_STYLES.values(),
    STYLE_SIGNATURE,
    STYLE_COLOPHON,
    STYLE_TABLE_TEXT,
    STYLE_DRAFT,
)

# The page (GB/T 9704): the 发文机关标志 35 mm below the type area's top
# edge, red, as large as one line allows up to 36 pt; the red rule 4 mm under the 文号; the
# 版记's rules 0.35 mm (thick) and 0.25 mm (thin), in eighths of a point.
MARK_TOP_PT = 35 * 72 / 25.4
MARK_MAX_PT = 36.0
RULE_RED = "C00000"
RED_RULE_EIGHTHS = 12
RED_RULE_SPACE_PT = 8
THICK_RULE_EIGHTHS = 8
THIN_RULE_EIGHTHS = 6

Fill = tuple[str, str]  # a cell's fill and its text's colour (RRGGBB)
# Cell fills for the colour marks of the ranking tables (class c-blue …): (fill, text colour).
CELL_SHADING: dict[str, Fill] = {
    f"c-{color}": (tone.fill, tone.text) for color, tone in TONES.items()
}
CELL_PADDING_PT = 2 * 57 / 20 + 1  # the table style's 1 mm each side, and a point to spare

_ITEM_NUMBER = re.compile(rf"\d+[.{FULLWIDTH_DOT}{ENUMERATION_COMMA}]?\s*")
_ITEM_SPACE = re.compile(rf"^((?:[^{FULLWIDTH_COLON}]*{FULLWIDTH_COLON})?\d+[.{FULLWIDTH_DOT}])\s+")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RUN_CONTROLS = re.compile("[\t\r\n]")
_TEXT, _PRESERVE = qn("w:t"), qn("xml:space")


def reference_document(override: Path | None = None) -> Path:
    """The district's reference document (in its ``templates/`` folder) or the built-in one."""
    if override is not None and (override / REFERENCE).is_file():
        return override / REFERENCE
    return paths.BUILTIN_TEMPLATES / REFERENCE


def render_docx(
    markdown: str,
    override: Path | None = None,
    *,
    draft: bool = False,
    tokens: list[Token] | None = None,
) -> bytes:
    """A document's Markdown (the bulletin, a notice) as a DOCX official document; the same
    input gives the same bytes. Its properties come from the Markdown's front matter (title,
    subject, category, author, date, and the data's fingerprint, which is never printed).

    A draft carries 征求意见稿 in the header of every page (odd and even) and in its title."""
    reference = reference_document(override)
    try:
        document = Document(str(reference))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise TemplateError(reference_problem(str(reference), None)) from exc
    missing = [name for name in (*PARAGRAPH_STYLES, STYLE_TABLE) if name not in document.styles]
    if missing:
        raise TemplateError(reference_problem(str(reference), missing))
    document._body.clear_content()
    matter, blocks = read_document(markdown, tokens)
    meta = Meta.of(matter)
    _describe(document, meta, draft)
    if draft:
        _draft_headers(document)
    _Writer(document).write(blocks)
    buffer = io.BytesIO()
    document.save(buffer)
    return stable_package(buffer.getvalue(), meta.date)


@dataclass(frozen=True)
class Meta:
    """What the front matter says of the document; missing keys are empty."""

    title: str
    subject: str
    category: str
    author: str
    date: dt.date
    fingerprint: str
    commit: str

    @classmethod
    def of(cls, matter: dict[str, Any]) -> Meta:
        def text(key: str) -> str:
            value = matter.get(key)
            return "" if value is None else str(value)

        try:
            day = dt.date.fromisoformat(text("date"))
        except ValueError:
            day = dt.date(1980, 1, 1)
        commit = text("commit") + ("+" if matter.get("dirty") and matter.get("commit") else "")
        return cls(
            text("title"),
            text("subject"),
            text("category"),
            text("author"),
            day,
            text("fingerprint"),
            commit,
        )


def _describe(document: DocumentObject, meta: Meta, draft: bool) -> None:
    """The document properties (File › Properties): the data's fingerprint is kept here, as
    the identifier (content hash) and version (git commit; "+" when there were changes not
    committed), not in the printed text."""
    properties = document.core_properties
    properties.title = (
        DOCX_PROPERTIES["draft_title"].format(title=meta.title, mark=DRAFT_MARK)
        if draft
        else meta.title
    )
    properties.author = meta.author
    properties.last_modified_by = meta.author
    properties.subject = meta.subject
    properties.comments = ""
    properties.keywords = DRAFT_MARK if draft else ""
    properties.category = meta.category
    properties.identifier = meta.fingerprint
    properties.version = meta.commit
    properties.language = "zh-CN"
    properties.revision = 1
    properties.created = properties.modified = dt.datetime.combine(meta.date, dt.time())


def _draft_headers(document: DocumentObject) -> None:
    section = document.sections[0]
    look = _Look.of(_style(document, STYLE_DRAFT))
    for header in (section.header, section.even_page_header, section.first_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.style = document.styles[STYLE_DRAFT]
        look.runs(paragraph, [Span(DRAFT_MARK)])


@dataclass(frozen=True)
class _Look:
    """The fonts (w:rFonts) and size a style names, its own or inherited."""

    fonts: tuple[tuple[str, str], ...]
    size: Length | None
    # A run of each (bold, italic, colour) as python-docx writes it, empty: every run of the
    # document is a copy of one, its text added (see docs/decisions.md, issue 15).
    prototypes: dict[tuple[bool, bool, str | None], CT_R] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, style: CharacterStyle | None) -> _Look:
        fonts: tuple[tuple[str, str], ...] = ()
        size = None
        while style is not None:
            rpr = style.element.rPr
            if not fonts and rpr is not None and rpr.rFonts is not None:
                fonts = tuple((str(k), str(v)) for k, v in rpr.rFonts.attrib.items())
            size = size or style.font.size
            style = style.base_style
        return cls(fonts, size)

    @property
    def char(self) -> float:
        """The width of one Chinese character, in points."""
        return float(Length(self.size or Pt(16)).pt)

    def runs(
        self, paragraph: DocxParagraph, spans: Iterable[Span], color: str | None = None
    ) -> list[Run]:
        """The spans added to the paragraph as runs in this look (``color``: their text's)."""
        p = paragraph._p
        runs = []
        for span in spans:
            r = copy.deepcopy(self._prototype(span.bold, span.italic, color))
            p.append(r)
            if span.brk:
                r.add_br()
            else:
                _set_text(r, _INVALID_XML.sub("", span.text))
            runs.append(Run(r, paragraph))
        return runs

    def _prototype(self, bold: bool, italic: bool, color: str | None) -> CT_R:
        """An empty run of this look, made once by python-docx's own calls."""
        key = (bold, italic, color)
        prototype = self.prototypes.get(key)
        if prototype is None:
            run = Run(OxmlElement("w:r"), None)  # type: ignore[arg-type]
            if self.fonts:
                rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
                for name, value in self.fonts:
                    rfonts.set(name, value)
            run.font.size = self.size
            run.bold = bold or None
            run.italic = italic or None
            if color is not None:
                run.font.color.rgb = RGBColor.from_string(color)
            prototype = self.prototypes[key] = run._r
        return prototype


def _set_text(r: CT_R, text: str) -> None:
    """A run's text, as python-docx's ``Run.text`` sets it (a tab is w:tab, a line break w:br,
    a w:t with spaces at either end keeps them)."""
    if _RUN_CONTROLS.search(text):
        r.text = text
    elif text:
        t = r.makeelement(_TEXT, {})
        r.append(t)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_PRESERVE, "preserve")


def _style(document: DocumentObject, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


class _Writer:
    """Adds the blocks to the document, each in its style, as GB/T 9704 lays them out."""

    def __init__(self, document: DocumentObject) -> None:
        self.document = document
        self.looks = {name: _Look.of(_style(document, name)) for name in PARAGRAPH_STYLES}
        # Each style's id, looked up once (python-docx looks it up for every paragraph).
        self.style_ids = {
            name: document.part.get_style_id(  # type: ignore[no-untyped-call]
                document.styles[name], WD_STYLE_TYPE.PARAGRAPH
            )
            for name in PARAGRAPH_STYLES
        }
        self.last: DocxParagraph | None = None
        self.after_table = False
        section = document.sections[0]
        self.area = float(
            Length(
                (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
            ).pt
        )
        self.char = self.looks[STYLE_BODY].char
        self.line = _line_pt(_style(document, STYLE_BODY), self.char)
        self.previous: str | None = None  # the role of the block written last
        self.new_page = False
        self.attachment_label = 0.0  # the width of "附件：", in characters
        self.colophon: Colophon | None = None

    def write(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Signature):
                self._signature(block)
            elif isinstance(block, AnnexStart):
                self.new_page = True
            elif isinstance(block, Colophon):
                self.colophon = block
            else:
                self._paragraph(block)
        if not blocks:
            self.document.add_paragraph(style=self.document.styles[STYLE_BODY])
        if self.colophon is not None:
            self._colophon(self.colophon)

    # Paragraphs

    def _paragraph(self, block: Paragraph) -> None:
        role, style = block.role, ROLE_STYLES[block.role]
        spans: Sequence[Span] = block.spans
        text = plain(spans)
        size = self.looks[style].char
        if role == "attachment":  # "1. 名称" is set "1.名称", as GB/T 9704 writes it
            text = _ITEM_SPACE.sub(r"\1", text, count=1)
            spans = [Span(text)]
        if role == "title":
            lines = break_title(text, self.area / size) if text else [text]
            spans = [Span(line, brk=False) for line in lines[:1]]
            for rest in lines[1:]:
                spans = [*spans, Span("", brk=True), Span(rest)]
        if role == "attachment":  # 附件说明 stays with the text above and the signature below
            self._keep_last_with_next()
        paragraph = self._add(style, spans)
        form = paragraph.paragraph_format
        if block.depth:
            form.left_indent = Pt(2 * self.char * block.depth)
        before = 0.0
        if role in ("mark", "masthead"):
            size = self._fit_mark(paragraph, text)
            line = round(size * 1.3, 1)
            form.line_spacing = Pt(line)
            form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            before = max(0.0, MARK_TOP_PT - (line - size) / 2) if role == "mark" else 0.0
        elif role == "number":
            before = 2 * self.line if self.previous in ("mark", "masthead") else 0.0
            _bottom_rule(paragraph, RULE_RED, RED_RULE_EIGHTHS, RED_RULE_SPACE_PT)
        elif role == "title":
            if self.previous == "number":
                before = 2 * self.line - RED_RULE_SPACE_PT
            elif self.previous == "annex_label":
                before = self.line
        elif role == "attachment":
            before = self.line if self.previous != "attachment" else 0.0
            self._attachment(paragraph, text, first=self.previous != "attachment")
        if before:
            form.space_before = Pt(before)
        if self.new_page:
            form.page_break_before = True
        self.new_page = False
        self.previous = role

    def _fit_mark(self, paragraph: DocxParagraph, text: str) -> float:
        """The 发文机关标志 as large as it may be and still on one line of the type area."""
        size = min(MARK_MAX_PT, math.floor(2 * self.area * 0.98 / max(width(text), 1)) / 2)
        for run in paragraph.runs:
            run.font.size = Pt(size)
        return size

    def _attachment(self, paragraph: DocxParagraph, text: str, *, first: bool) -> None:
        """附件说明: "附件：" two characters in, each item's number under the first one's, a long
        name wrapping under its first character (GB/T 9704 §7.3.5)."""
        if first:
            colon = text.find(FULLWIDTH_COLON)
            self.attachment_label = width(text[: colon + 1]) if colon >= 0 else 0.0
        rest = text[text.find(FULLWIDTH_COLON) + 1 :] if first else text
        number = _ITEM_NUMBER.match(rest)
        number_width = width(number.group(0)) if number else 0.0
        hang = number_width + (self.attachment_label if first else 0.0)
        left = 2 + self.attachment_label + number_width
        form = paragraph.paragraph_format
        form.left_indent = Pt(round(left * self.char, 1))
        form.first_line_indent = Pt(-round(hang * self.char, 1))
        indent = paragraph._p.get_or_add_pPr().get_or_add_ind()
        indent.set(qn("w:leftChars"), str(round(left * 100)))
        indent.set(qn("w:hangingChars"), str(round(hang * 100)))

    def _add(self, style: str, spans: Sequence[Span]) -> DocxParagraph:
        p = OxmlElement("w:p")
        self._append(p)
        paragraph = DocxParagraph(p, self.document._body)
        p.style = self.style_ids[style]
        self.looks[style].runs(paragraph, spans)
        if self.after_table:
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        self.last = paragraph
        return paragraph

    def _append(self, element: Any) -> None:
        """An element added at the end of the body, before its w:sectPr (no search for it)."""
        body = self.document.element.body
        last = body[-1] if len(body) else None
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(element)
        else:
            body.append(element)

    def _keep_last_with_next(self) -> None:
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = True

    def _signature(self, block: Signature) -> None:
        """The office name centred over the date, the date four characters from the right,
        two blank lines above (room for the seal)."""
        self._keep_last_with_next()
        char = self.looks[STYLE_SIGNATURE].char
        widths = [width(plain(spans)) for spans in block.lines]
        space = 2 * self.line
        for number, (spans, size) in enumerate(zip(block.lines, widths, strict=True)):
            paragraph = self._add(STYLE_SIGNATURE, spans)
            right = 4.0 if number == len(widths) - 1 else max(0.0, 4 + (widths[-1] - size) / 2)
            paragraph.paragraph_format.right_indent = Pt(round(right * char))
            if number == 0:
                paragraph.paragraph_format.space_before = Pt(space)
        paragraph.paragraph_format.keep_with_next = False
        self.previous = "signature"

    # Tables

    def _table(self, block: Table) -> None:
        """A table of the block's rows. Its cells are not made one by one through python-docx
        (whose every call looks up styles and child elements anew): each kind of cell — its
        column, alignment, fill, header or not — is made once through python-docx, empty, and
        every cell of that kind is a copy of it with its runs added, so the cost is linear in
        the number of cells and small (docs/decisions.md, issue 15)."""
        self._keep_last_with_next()
        styles = self.document.styles
        columns = max(len(cells) for _, cells in block.rows)
        if self.new_page:
            self._add(STYLE_BODY, ()).paragraph_format.page_break_before = True
        table = self.document.add_table(rows=1, cols=columns)
        table.style = styles[STYLE_TABLE]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        text = self.looks[STYLE_TABLE_TEXT]
        widths = _column_widths(block, columns, self.area, text.char)
        for column, width_ in zip(table.columns, widths, strict=True):
            column.width = width_
        blank = table.rows[0]._tr
        cells = _CellMaker(self, table, blank.tc_lst, widths)
        tbl = table._tbl
        tbl.remove(blank)
        rows = {is_header: _row_prototype(is_header) for is_header in (False, True)}
        for is_header, contents in block.rows:
            tr = copy.deepcopy(rows[is_header])
            for column in range(columns):
                content = contents[column] if column < len(contents) else Cell(())
                tr.append(cells.make(column, content, is_header))
            tbl.append(tr)
        self.after_table = True
        self.new_page = False
        self.previous = "table"

    # The 版记

    def _colophon(self, block: Colophon) -> None:
        """The 版记 at the foot of the last page, an even one (GB/T 9704 §7.4, §7.5), always on a
        page of its own: the footers of a last section that starts on an even page (w:type
        evenPage — Word, WPS and LibreOffice insert a blank page before it when the text ends
        on an even page), its body one tiny empty paragraph. The footers hold the 版记 and no
        page number (§7.5: the 版记页 has none). No estimate of where the text ends: only the
        program that opens the file knows where its pages break (docs/decisions.md)."""
        body = self.document.element.body
        last = body[-2] if len(body) > 1 else None  # the element before the body's w:sectPr
        carrier = self.last if self.last is not None and last is self.last._p else None
        if carrier is None:  # a section ends with a paragraph: after a table, a tiny one
            carrier = self._add(STYLE_COLOPHON, ())
            _tiny(carrier, 1)
        final = self.document.sections[-1]
        carrier._p.set_sectPr(copy.deepcopy(final._sectPr))
        for reference in final._sectPr.xpath("w:footerReference"):
            final._sectPr.remove(reference)
        section = self.document.sections[-1]
        section.start_type = WD_SECTION.EVEN_PAGE
        section.footer_distance = section.bottom_margin
        footers = [section.footer, section.even_page_footer]
        if section.different_first_page_header_footer:
            footers.append(section.first_page_footer)
        for footer in footers:
            footer.is_linked_to_previous = False
            self._colophon_table(footer, block)
        _tiny(self._add(STYLE_COLOPHON, ()), 1)

    def _colophon_table(self, container: _Footer, block: Colophon) -> None:
        """The 版记's lines in a table of the type area's width: a thick rule above the first
        and below the last, thin ones between (GB/T 9704 §7.4.1); 抄送 one character in, its
        names wrapping under the first name; 印发机关 left and 印发日期 right on one line."""
        look = self.looks[STYLE_COLOPHON]
        rows = [*(("copy", spans) for spans in block.copy_to)]
        if block.printed:
            rows.append(("printed", ()))
        table = container.add_table(rows=len(rows), cols=1, width=Pt(self.area))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _colophon_borders(table)
        indent = Pt(look.char)
        for (kind, spans), row in zip(rows, table.rows, strict=True):
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            cell = row.cells[0]
            cell.width = Pt(self.area)
            paragraph = cell.paragraphs[0]
            paragraph.style = self.document.styles[STYLE_COLOPHON]
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
                stop = Pt(self.area - look.char)
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


def _row_prototype(is_header: bool) -> CT_Row:
    """An empty table row that never splits across pages; a header row repeats on each page."""
    tr = OxmlElement("w:tr")
    trpr = tr.get_or_add_trPr()  # its children may come in any order
    trpr.append(OxmlElement("w:cantSplit"))
    if is_header:
        trpr.append(OxmlElement("w:tblHeader"))
    return tr


class _CellMaker:
    """The cells of one table: each kind made once by python-docx's calls, then copied."""

    def __init__(
        self, writer: _Writer, table: DocxTable, blank: Sequence[CT_Tc], widths: Sequence[Emu]
    ) -> None:
        self.table = table
        self.blank = [copy.deepcopy(tc) for tc in blank]  # each column's cell as made
        self.widths = widths
        self.look = writer.looks[STYLE_TABLE_TEXT]
        self.style = writer.document.styles[STYLE_TABLE_TEXT]
        self.kinds: dict[tuple[int, str | None, Fill | None], tuple[CT_Tc, str | None]] = {}

    def make(self, column: int, content: Cell, is_header: bool) -> CT_Tc:
        """A cell of ``column`` holding ``content``: text in 表格文字, a header's bold, centred
        vertically, a cell holding a colour mark filled with its colour."""
        align = None if is_header or not content.align else content.align
        tone = None if is_header else content.tone
        fill = CELL_SHADING.get(tone or "")
        key = (column, align, fill)
        kind = self.kinds.get(key)
        if kind is None:
            kind = self.kinds[key] = (self._kind(column, align, fill), fill[1] if fill else None)
        prototype, color = kind
        tc = copy.deepcopy(prototype)
        spans = [Span(s.text, True, s.italic, s.brk) if is_header else s for s in content.spans]
        self.look.runs(DocxParagraph(tc.p_lst[0], self.table), spans, color)
        return tc

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


ALIGNMENTS = {
    "left": WD_PARAGRAPH_ALIGNMENT.LEFT,
    "right": WD_PARAGRAPH_ALIGNMENT.RIGHT,
    "center": WD_PARAGRAPH_ALIGNMENT.CENTER,
}


def _line_pt(style: ParagraphStyle, char: float) -> float:
    """A style's line height in points: its exact spacing, else a single line of its size."""
    spacing = style.paragraph_format.line_spacing
    return float(spacing.pt) if isinstance(spacing, Length) else 1.2 * char


def _bottom_rule(paragraph: DocxParagraph, color: str, eighths: int, space: int) -> None:
    """A rule under the paragraph, as wide as the type area (a paragraph border)."""
    borders = OxmlElement("w:pBdr")
    attrs = {"w:val": "single", "w:sz": str(eighths), "w:space": str(space), "w:color": color}
    borders.append(OxmlElement("w:bottom", attrs={qn(k): v for k, v in attrs.items()}))
    ppr = paragraph._p.get_or_add_pPr()
    # w:pBdr comes after w:pStyle, w:keepNext … w:pageBreakBefore and before w:spacing.
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        ppr.append(borders)
    else:
        anchor.addprevious(borders)


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


def _widest_line(spans: Sequence[Span]) -> float:
    """The width of a cell's longest line (its lines are broken by <br>), in characters."""
    return max(width(line) for line in plain(spans).split("\n"))


def _column_widths(table: Table, columns: int, available: float, size: float) -> list[Emu]:
    """Each column as wide as its longest cell; if they do not all fit, the widest columns
    are narrowed (their text wraps); any room left is shared out to fill the line."""
    natural = [2 * size + CELL_PADDING_PT] * columns
    for _, cells in table.rows:
        for column, cell in enumerate(cells):
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
