"""The bulletin as a Word document laid out as an official document (GB/T 9704-2012).

The look comes from a reference document, ``templates/bulletin-reference.docx`` (made by
``scripts/make-reference-docx.py``; a district's own copy in its data repository's
``templates/`` folder wins): its page set-up, styles, headers and footers. The writer opens
it, throws its body away, and fills it with the blocks of the bulletin's Markdown (the one
source of the wording; render/blocks.py reads them), each in the style of its role:
title 公文标题, headings 一级/二级/三级标题, body 公文正文, salutation 主送机关, note 附注,
masthead 版头, colophon 版记, code 代码; the signature 发文机关署名 (the date four characters
from the right, the office name centred above it); tables in the table style 公文表格 with
表格文字 in their cells, the header row bold and repeated on every page, and a cell holding a
colour mark (``<span class="c-red">…</span>``, which the template writes) filled with that
colour — the word inside does not matter.

Every run names the fonts and size of its paragraph's style, as Word and WPS write them
themselves; they are read from the reference document, so a restyled reference carries
through. A draft gets 征求意见稿 (style 征求意见稿) in the header of every page. The bytes
depend only on the bulletin and the reference document: no clock.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from xjj_cli.chinese import DOCX_STYLES
from xjj_cli.errors import TemplateError
from xjj_cli.messages import DOCX_PROPERTIES, DRAFT_MARK, reference_problem
from xjj_cli.render.blocks import (
    Block,
    Cell,
    Paragraph,
    Role,
    Signature,
    Span,
    Table,
    front_matter,
    plain,
    read_blocks,
    width,
)
from xjj_cli.render.bulletin import builtin_templates

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
STYLE_COLOPHON = DOCX_STYLES["colophon"]
STYLE_TABLE = DOCX_STYLES["table"]
STYLE_TABLE_TEXT = DOCX_STYLES["table_text"]
STYLE_CODE = DOCX_STYLES["code"]
STYLE_DRAFT = DOCX_STYLES["draft"]
# The style of each role a block of the Markdown plays (render/blocks.py).
ROLE_STYLES: dict[Role, str] = {
    "title": STYLE_TITLE,
    "salutation": STYLE_SALUTATION,
    "body": STYLE_BODY,
    "heading1": STYLE_HEADING_1,
    "heading2": STYLE_HEADING_2,
    "heading3": STYLE_HEADING_3,
    "code": STYLE_CODE,
    "note": STYLE_NOTE,
    "masthead": STYLE_MASTHEAD,
    "colophon": STYLE_COLOPHON,
}
PARAGRAPH_STYLES = (*ROLE_STYLES.values(), STYLE_SIGNATURE, STYLE_TABLE_TEXT, STYLE_DRAFT)

# Cell fills for the colour marks of the ranking tables: (fill, text colour).
CELL_SHADING = {
    "c-blue": ("0070C0", "FFFFFF"),
    "c-yellow": ("FFFF00", "000000"),
    "c-red": ("C00000", "FFFFFF"),
}
CELL_PADDING_PT = 2 * 57 / 20 + 1  # the table style's 1 mm each side, and a point to spare

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def reference_document(override: Path | None = None) -> Path:
    """The district's reference document (in its ``templates/`` folder) or the built-in one."""
    if override is not None and (override / REFERENCE).is_file():
        return override / REFERENCE
    return builtin_templates() / REFERENCE


def render_docx(markdown: str, override: Path | None = None, *, draft: bool = False) -> bytes:
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
    meta = Meta.of(front_matter(markdown))
    _describe(document, meta, draft)
    if draft:
        _draft_headers(document)
    _Writer(document).write(read_blocks(markdown))
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue(), meta.date)


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

    def runs(self, paragraph: DocxParagraph, spans: Iterable[Span]) -> list[Run]:
        runs = []
        for span in spans:
            run = paragraph.add_run()
            if span.brk:
                run.add_break()
            else:
                run.text = _INVALID_XML.sub("", span.text)
            if self.fonts:
                rfonts = run._r.get_or_add_rPr().get_or_add_rFonts()
                for name, value in self.fonts:
                    rfonts.set(name, value)
            run.font.size = self.size
            run.bold = span.bold or None
            run.italic = span.italic or None
            runs.append(run)
        return runs


def _style(document: DocumentObject, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


class _Writer:
    """Adds the blocks to the document, each in its style, as GB/T 9704 lays them out."""

    def __init__(self, document: DocumentObject) -> None:
        self.document = document
        self.looks = {name: _Look.of(_style(document, name)) for name in PARAGRAPH_STYLES}
        self.last: DocxParagraph | None = None
        self.after_table = False

    def write(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            if isinstance(block, Table):
                self._table(block)
            elif isinstance(block, Signature):
                self._signature(block)
            else:
                self._paragraph(block)
        if not blocks:
            self.document.add_paragraph(style=self.document.styles[STYLE_BODY])

    def _paragraph(self, block: Paragraph) -> None:
        paragraph = self._add(ROLE_STYLES[block.role], block.spans)
        if block.depth:
            indent = Pt(2 * self.looks[STYLE_BODY].char * block.depth)
            paragraph.paragraph_format.left_indent = indent

    def _add(self, style: str, spans: Sequence[Span]) -> DocxParagraph:
        paragraph = self.document.add_paragraph(style=self.document.styles[style])
        self.looks[style].runs(paragraph, spans)
        if self.after_table:
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        self.last = paragraph
        return paragraph

    def _keep_last_with_next(self) -> None:
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = True

    def _signature(self, block: Signature) -> None:
        """The office name centred over the date, the date four characters from the right,
        two blank lines above (room for the seal)."""
        self._keep_last_with_next()
        char = self.looks[STYLE_SIGNATURE].char
        line = _style(self.document, STYLE_SIGNATURE).paragraph_format.line_spacing
        widths = [width(plain(spans)) for spans in block.lines]
        for number, (spans, size) in enumerate(zip(block.lines, widths, strict=True)):
            paragraph = self._add(STYLE_SIGNATURE, spans)
            right = 4.0 if number == len(widths) - 1 else max(0.0, 4 + (widths[-1] - size) / 2)
            paragraph.paragraph_format.right_indent = Pt(round(right * char))
            if number == 0:
                space = 2 * int(line) if isinstance(line, Length) else int(Pt(3 * char))
                paragraph.paragraph_format.space_before = Emu(space)
        paragraph.paragraph_format.keep_with_next = False

    def _table(self, block: Table) -> None:
        self._keep_last_with_next()
        styles = self.document.styles
        columns = max(len(cells) for _, cells in block.rows)
        table = self.document.add_table(rows=len(block.rows), cols=columns)
        table.style = styles[STYLE_TABLE]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        section = self.document.sections[0]
        area = Length(
            (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        )
        text = self.looks[STYLE_TABLE_TEXT]
        widths = _column_widths(block, columns, area.pt, text.char)
        for column, width_ in zip(table.columns, widths, strict=True):
            column.width = width_
        for (is_header, cells), row in zip(block.rows, table.rows, strict=True):
            trpr = row._tr.get_or_add_trPr()  # its children may come in any order
            trpr.append(OxmlElement("w:cantSplit"))
            if is_header:
                trpr.append(OxmlElement("w:tblHeader"))
            for column, cell in enumerate(row.cells):
                cell.width = widths[column]
                content = cells[column] if column < len(cells) else Cell(())
                paragraph = cell.paragraphs[0]
                paragraph.style = styles[STYLE_TABLE_TEXT]
                spans = [
                    Span(s.text, True, s.italic, s.brk) if is_header else s for s in content.spans
                ]
                runs = text.runs(paragraph, spans)
                if content.align and not is_header:
                    paragraph.alignment = ALIGNMENTS.get(content.align, ALIGNMENTS["center"])
                fill = None if is_header else CELL_SHADING.get(content.tone or "")
                if fill is not None:
                    # w:shd follows the cell's w:tcW and precedes the w:vAlign set below.
                    shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill[0]}
                    cell._tc.get_or_add_tcPr().append(OxmlElement("w:shd", attrs=shading))
                    for run in runs:
                        run.font.color.rgb = RGBColor.from_string(fill[1])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        self.after_table = True


ALIGNMENTS = {
    "left": WD_PARAGRAPH_ALIGNMENT.LEFT,
    "right": WD_PARAGRAPH_ALIGNMENT.RIGHT,
    "center": WD_PARAGRAPH_ALIGNMENT.CENTER,
}


def _column_widths(table: Table, columns: int, available: float, size: float) -> list[Emu]:
    """Each column as wide as its longest cell; if they do not all fit, the widest columns
    are narrowed (their text wraps); any room left is shared out to fill the line."""
    natural = [2 * size + CELL_PADDING_PT] * columns
    for _, cells in table.rows:
        for column, cell in enumerate(cells):
            natural[column] = max(
                natural[column], width(plain(cell.spans)) * size + CELL_PADDING_PT
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


def _stable_zip(data: bytes, day: dt.date) -> bytes:
    """The package again, every member stamped with the issue date (reproducible bytes)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()
