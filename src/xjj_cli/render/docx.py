"""The bulletin as a Word document laid out as an official document (GB/T 9704-2012).

The document is made from the bulletin's Markdown (the one source of its wording), parsed
with markdown-it: a district that adapts the Markdown template gets the same wording here.
Each Markdown construct maps to a paragraph style the office can restyle in Word or WPS:

* ``# 标题`` → 公文标题 (2号 方正小标宋简体, centred);
* ``## 一、…`` → 一级标题 (3号 黑体); ``### （一）…`` → 二级标题 (3号 楷体_GB2312);
  deeper headings → 三级标题 (3号 仿宋_GB2312);
* paragraphs and list items → 公文正文 (3号 仿宋_GB2312, first line indented two
  characters); an ordered item keeps its number as text ("1."), a bullet item is a plain
  paragraph (official documents have no bullets); nested items are indented further;
  the salutation right after the title (ending in "：") → 主送机关, flush left;
* tables → 表格文字 (小四 仿宋), header row bold and repeated on every page, a cell
  holding a colour mark (``<span class="c-red">…</span>``) filled with that colour;
* ``<div class="signature">`` → 发文机关署名 (the date four characters from the right
  margin, the office name centred above it, as for a sealed document);
  ``<div class="note">`` → 附注 (小四); ``<div class="chart">`` and other raw HTML:
  left out (charts are for the screen).

The page is A4 with the standard's margins and type area: 22 lines (fixed 28.95 pt line
spacing, a line grid) of 28 characters (text condensed 0.25 pt a character); page numbers
"— 1 —" in 4号 宋体, odd pages on the right and even pages on the left. The East-Asian
font (``w:eastAsia``) is named on every style and every run, as Word and WPS write it
themselves, with Times New Roman for digits and Latin letters and ``w:hint="eastAsia"``
so that quotation marks and dashes are set in the Chinese font. Fonts an office may not
have carry a fallback in the font table (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋,
楷体_GB2312 → 楷体). The bytes depend only on the bulletin: no clock, no external part.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Mm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from markdown_it import MarkdownIt
from markdown_it.token import Token

from xjj_cli.bulletin.model import Bulletin
from xjj_cli.messages import DRAFT_MARK

# Fonts (GB/T 9704-2012 §5.1): body 仿宋, title 小标宋, first-level headings 黑体,
# second-level 楷体, page numbers 宋体; digits and Latin letters in Times New Roman.
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"
FONT_FALLBACKS = {
    FONT_TITLE: "宋体",
    FONT_BODY: "仿宋",
    FONT_HEADING_2: "楷体",
    FONT_HEADING_1: "SimHei",
    FONT_PAGE_NUMBER: "SimSun",
}

# Sizes in points: 2号 22, 3号 16, 4号 14, 小四 12.
SIZE_TITLE = 22
SIZE_BODY = 16
SIZE_PAGE_NUMBER = 14
SIZE_SMALL = 12

# The type area is 156 mm × 225 mm: 22 lines of 28 characters (§5.2.1).
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 37, 35, 28, 26
FOOTER_DISTANCE_MM = 25  # puts the page number's dashes about 7 mm below the type area
TYPE_AREA_WIDTH = Mm(PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM)
LINE_PITCH_TWIPS = 579  # 225 mm / 22 lines ≈ 28.95 pt
# 28 characters in 156 mm is a pitch of 15.79 pt: text is condensed by 0.25 pt a character
# (w:spacing, in twentieths of a point). Word templates reach the same with a character grid
# (docGrid charSpace="-849"), but LibreOffice then puts every character in two grid cells.
CONDENSE_TWENTIETHS = -5
LINE = Twips(LINE_PITCH_TWIPS)
CELL_MARGIN_TWIPS = 57  # 1 mm each side of a table cell's text

# Cell fills for the colour marks of the ranking tables (``<span class="c-red">``, written by
# the template; the word inside does not matter): (fill, text colour).
CELL_SHADING = {
    "c-blue": ("0070C0", "FFFFFF"),
    "c-yellow": ("FFFF00", "000000"),
    "c-red": ("C00000", "FFFFFF"),
}
_TONE_OPEN = re.compile(r'<span\s+class="(c-[a-z]+)"\s*>')

STYLE_TITLE = "公文标题"
STYLE_BODY = "公文正文"
STYLE_SALUTATION = "主送机关"
STYLE_HEADING_1 = "一级标题"
STYLE_HEADING_2 = "二级标题"
STYLE_HEADING_3 = "三级标题"
STYLE_SIGNATURE = "发文机关署名"
STYLE_NOTE = "附注"
STYLE_TABLE = "表格文字"
STYLE_CODE = "代码"


def _names(*groups: str) -> tuple[str, ...]:
    return tuple(" ".join(groups).split())


# Schema order of the children of w:rPr, w:pPr and w:tcPr (ECMA-376 §17.3.2.28, §17.3.1.26,
# §17.4.70): a property must be inserted before the ones that follow it.
RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint",
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight",
    "u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
)
PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr",
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap",
    "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd",
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc",
    "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr",
    "sectPr pPrChange",
)
TBLPR_ORDER = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW",
    "jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption",
    "tblDescription",
)
TCPR_ORDER = _names(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection",
    "tcFitText vAlign hideMark headers cellIns cellDel cellMerge tcPrChange",
)

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def render_docx(bulletin: Bulletin, markdown: str, *, draft: bool = False) -> bytes:
    """The bulletin's Markdown as a DOCX official document; the same input gives the same bytes.

    A draft carries 征求意见稿 in the header of every page (odd and even) and in its title."""
    document = Document()
    _prepare(document, bulletin)
    if draft:
        _draft_headers(document)
        document.core_properties.title = f"{bulletin.title}（{DRAFT_MARK}）"
        document.core_properties.keywords = DRAFT_MARK
    _Writer(document).write(markdown)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue(), bulletin.issue_date)


# --- document set-up -------------------------------------------------------------------


def _prepare(document: DocumentObject, bulletin: Bulletin) -> None:
    _drop_template_extras(document)
    _page_setup(document)
    _styles(document)
    _fonts_table(document)
    _footers(document)
    properties = document.core_properties
    properties.title = bulletin.title
    properties.author = bulletin.office
    properties.last_modified_by = bulletin.office
    properties.subject = f"{bulletin.district}{bulletin.month_text}新基建工作推进情况"
    properties.comments = ""
    properties.keywords = ""
    properties.category = "通报"
    properties.language = "zh-CN"
    properties.revision = 1
    issued = dt.datetime.combine(bulletin.issue_date, dt.time())
    properties.created = issued
    properties.modified = issued


def _drop_template_extras(document: DocumentObject) -> None:
    """Leave out python-docx's thumbnail and the Word 2010 copy of the styles."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]
    settings = document.settings.element
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:eastAsia"), "zh-CN")
    preview = settings.find(qn("w:savePreviewPicture"))
    if preview is not None:
        settings.remove(preview)


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.gutter = Mm(0)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = _element("w:docGrid")
        section._sectPr.append(grid)
    for name in list(grid.attrib):
        del grid.attrib[name]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


@dataclass(frozen=True)
class _StyleSpec:
    name: str
    style_id: str
    font: str
    size: int
    alignment: WD_PARAGRAPH_ALIGNMENT = WD_PARAGRAPH_ALIGNMENT.JUSTIFY
    indent_chars: int = 2
    line_exact: Any = LINE
    space_before: Any = None
    space_after: Any = None
    outline_level: int | None = None
    keep_with_next: bool = False
    snap_to_grid: bool = True


STYLES = (
    _StyleSpec(
        STYLE_TITLE,
        "XjjTitle",
        FONT_TITLE,
        SIZE_TITLE,
        WD_PARAGRAPH_ALIGNMENT.CENTER,
        indent_chars=0,
        space_after=LINE,
        keep_with_next=True,
        snap_to_grid=False,
    ),
    _StyleSpec(STYLE_BODY, "XjjBody", FONT_BODY, SIZE_BODY),
    _StyleSpec(STYLE_SALUTATION, "XjjSalutation", FONT_BODY, SIZE_BODY, indent_chars=0),
    _StyleSpec(
        STYLE_HEADING_1,
        "XjjHeading1",
        FONT_HEADING_1,
        SIZE_BODY,
        outline_level=0,
        keep_with_next=True,
    ),
    _StyleSpec(
        STYLE_HEADING_2,
        "XjjHeading2",
        FONT_HEADING_2,
        SIZE_BODY,
        outline_level=1,
        keep_with_next=True,
    ),
    _StyleSpec(
        STYLE_HEADING_3,
        "XjjHeading3",
        FONT_BODY,
        SIZE_BODY,
        outline_level=2,
        keep_with_next=True,
    ),
    _StyleSpec(
        STYLE_SIGNATURE,
        "XjjSignature",
        FONT_BODY,
        SIZE_BODY,
        WD_PARAGRAPH_ALIGNMENT.RIGHT,
        indent_chars=0,
        keep_with_next=True,
    ),
    _StyleSpec(
        STYLE_NOTE,
        "XjjNote",
        FONT_BODY,
        SIZE_SMALL,
        WD_PARAGRAPH_ALIGNMENT.LEFT,
        line_exact=Pt(20),
        space_before=Pt(14),
        snap_to_grid=False,
    ),
    _StyleSpec(
        STYLE_TABLE,
        "XjjTableText",
        FONT_BODY,
        SIZE_SMALL,
        WD_PARAGRAPH_ALIGNMENT.CENTER,
        indent_chars=0,
        line_exact=Pt(18),
        snap_to_grid=False,
    ),
    _StyleSpec(
        STYLE_CODE,
        "XjjCode",
        FONT_BODY,
        SIZE_SMALL,
        WD_PARAGRAPH_ALIGNMENT.LEFT,
        indent_chars=0,
        line_exact=Pt(18),
        snap_to_grid=False,
    ),
)
_SPECS = {spec.name: spec for spec in STYLES}


def _styles(document: DocumentObject) -> None:
    styles = document.styles
    # Document defaults without theme fonts (a theme font would win over the names set below).
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_fonts(rpr, FONT_BODY, FONT_LATIN)
            _set_size(rpr, SIZE_BODY)
            _set_child(rpr, "w:lang", RPR_ORDER, {"w:val": "en-US", "w:eastAsia": "zh-CN"})
        ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        if ppr is not None:
            _set_child(ppr, "w:spacing", PPR_ORDER, {"w:after": "0"}, replace=True)
    normal = styles["Normal"]
    _configure(normal, _StyleSpec("Normal", "Normal", FONT_BODY, SIZE_BODY, indent_chars=0))
    _set_child(
        normal.element.get_or_add_rPr(), "w:spacing", RPR_ORDER, {"w:val": str(CONDENSE_TWENTIETHS)}
    )
    footer = styles["Footer"]
    _configure(
        footer,
        _StyleSpec(
            "footer",
            "Footer",
            FONT_PAGE_NUMBER,
            SIZE_PAGE_NUMBER,
            WD_PARAGRAPH_ALIGNMENT.RIGHT,
            indent_chars=0,
            line_exact=None,
            snap_to_grid=False,
        ),
        latin=FONT_PAGE_NUMBER,
    )
    added = []
    for spec in STYLES:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        assert isinstance(style, ParagraphStyle)
        style.style_id = spec.style_id
        style.base_style = normal
        style.quick_style = True
        _configure(style, spec)
        added.append(style)
    for style in added:
        style.next_paragraph_style = styles[STYLE_BODY]


def _configure(style: ParagraphStyle, spec: _StyleSpec, latin: str = FONT_LATIN) -> None:
    font = style.font
    font.size = Pt(spec.size)
    font.bold = False
    font.italic = False
    font.color.rgb = None
    rpr = style.element.get_or_add_rPr()
    for theme in ("w:color",):
        for child in rpr.findall(qn(theme)):
            rpr.remove(child)
    _set_fonts(rpr, spec.font, latin)
    _set_size(rpr, spec.size)
    fmt = style.paragraph_format
    fmt.alignment = spec.alignment
    fmt.space_before = spec.space_before or Pt(0)
    fmt.space_after = spec.space_after or Pt(0)
    if spec.line_exact is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = spec.line_exact
    fmt.keep_with_next = spec.keep_with_next
    fmt.widow_control = True
    fmt.left_indent = Pt(0)
    fmt.right_indent = Pt(0)
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:
        ppr.remove(border)
    _indent_chars(ppr, first_line=spec.indent_chars, chars=spec.size == SIZE_BODY)
    if not spec.snap_to_grid:
        _set_child(ppr, "w:snapToGrid", PPR_ORDER, {"w:val": "0"})
    if spec.outline_level is not None:
        _set_child(ppr, "w:outlineLvl", PPR_ORDER, {"w:val": str(spec.outline_level)})


def _fonts_table(document: DocumentObject) -> None:
    """Name each Chinese font in the font table with a fallback Word and WPS can use."""
    for rel in document.part.rels.values():
        if rel.reltype != RT.FONT_TABLE or rel.is_external:
            continue
        part = rel.target_part
        root = parse_xml(part.blob)
        for name in root.findall(qn("w:font")):
            if name.get(qn("w:name")) in ("ＭＳ 明朝", "ＭＳ ゴシック"):
                root.remove(name)
        for font, fallback in FONT_FALLBACKS.items():
            root.append(
                parse_xml(
                    f'<w:font {nsdecls("w")} w:name="{font}">'
                    f'<w:altName w:val="{fallback}"/><w:charset w:val="86"/>'
                    '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
                )
            )
        part._blob = _xml_bytes(root)


def _footers(document: DocumentObject) -> None:
    """Page numbers "— 1 —": odd pages right, even pages left, one character in (§7.5)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_PARAGRAPH_ALIGNMENT.RIGHT),
        (section.even_page_footer, WD_PARAGRAPH_ALIGNMENT.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = alignment
        fmt = paragraph.paragraph_format
        if alignment == WD_PARAGRAPH_ALIGNMENT.RIGHT:
            fmt.right_indent = Pt(SIZE_PAGE_NUMBER)
        else:
            fmt.left_indent = Pt(SIZE_PAGE_NUMBER)
        _footer_run(paragraph, "— ")
        _field(paragraph, "PAGE", "1")
        _footer_run(paragraph, " —")


def _draft_headers(document: DocumentObject) -> None:
    """征求意见稿 in 3号 黑体, red, centred in the header of every page."""
    section = document.sections[0]
    for header in (section.header, section.even_page_header, section.first_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.style = document.styles["Header"]
        paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
        run = paragraph.add_run(DRAFT_MARK)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        rpr = run._r.get_or_add_rPr()
        _set_fonts(rpr, FONT_HEADING_1, FONT_HEADING_1)
        _set_size(rpr, SIZE_BODY)


def _footer_run(paragraph: Paragraph, text: str) -> BaseOxmlElement:
    run = paragraph.add_run(text)
    rpr = run._r.get_or_add_rPr()
    _set_fonts(rpr, FONT_PAGE_NUMBER, FONT_PAGE_NUMBER)
    _set_size(rpr, SIZE_PAGE_NUMBER)
    return run._r


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    for kind in ("begin", None, "separate", shown, "end"):
        r = _footer_run(paragraph, "")
        if kind is None:
            instr = _element("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = f" {instruction} "
            r.append(instr)
        elif kind in ("begin", "separate", "end"):
            char = _element("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r.append(char)
        else:
            text = _element("w:t")
            text.text = kind
            r.append(text)


# --- Markdown to paragraphs ------------------------------------------------------------


@dataclass
class _Span:
    text: str
    bold: bool = False
    italic: bool = False
    brk: bool = False
    soft: bool = False
    tone: str | None = None


@dataclass
class _List:
    ordered: bool
    number: int


@dataclass
class _Writer:
    document: DocumentObject
    lists: list[_List] = field(default_factory=list)
    item_prefix: str | None = None
    quote_depth: int = 0
    html_stack: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    signature: list[list[_Span]] = field(default_factory=list)
    after_title: bool = False
    after_table: bool = False
    last: Paragraph | None = None

    def write(self, markdown: str) -> None:
        parser = MarkdownIt("commonmark", {"html": True}).enable("table")
        tokens = parser.parse(markdown)
        index = 0
        while index < len(tokens):
            index = self._block(tokens, index)
        self._flush_signature()
        if self.last is None and not self.document.tables:
            self.document.add_paragraph(style=self.document.styles[STYLE_BODY])

    def _block(self, tokens: Sequence[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "html_block":
            self._html(token.content)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            self.lists.append(_List(kind == "ordered_list_open", int(start or 1)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            current = self.lists[-1]
            if current.ordered:
                number = int(token.info) if token.info.isdigit() else current.number
                current.number = number + 1
                self.item_prefix = f"{number}{token.markup}"
            else:
                self.item_prefix = ""
        elif kind == "list_item_close":
            self.item_prefix = None
        elif kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth -= 1
        elif self._in("chart"):
            pass  # charts are drawn for the screen; nothing of them goes into the document
        elif kind == "heading_open":
            self._heading(int(token.tag[1:]), _spans(tokens[index + 1]))
            return index + 3
        elif kind == "paragraph_open":
            self._paragraph(_spans(tokens[index + 1]))
            return index + 3
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                self._add(STYLE_CODE, [_Span(line)])
        elif kind == "table_open":
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            self._table(tokens[index : end + 1])
            return end + 1
        return index + 1

    # Raw HTML: only the class of each open <div> matters; text outside charts is kept.

    def _in(self, name: str) -> bool:
        return any(name in classes for _, classes in self.html_stack)

    def _html(self, content: str) -> None:
        for event, tag, classes, text in _html_events(content):
            if event == "start":
                self.html_stack.append((tag, classes))
            elif event == "end":
                was_signature = self._in("signature")
                for depth in range(len(self.html_stack) - 1, -1, -1):
                    if self.html_stack[depth][0] == tag:
                        del self.html_stack[depth:]
                        break
                if was_signature and not self._in("signature"):
                    self._flush_signature()
            elif not self._in("chart") and text.strip():
                self._paragraph([_Span(text.strip())])

    # Blocks.

    def _heading(self, level: int, spans: list[_Span]) -> None:
        if level == 1:
            self._add(STYLE_TITLE, spans)
            self.after_title = True
            return
        style = {2: STYLE_HEADING_1, 3: STYLE_HEADING_2}.get(level, STYLE_HEADING_3)
        self._add(style, spans)

    def _paragraph(self, spans: list[_Span]) -> None:
        if self._in("signature"):
            if self.last is not None and not self.signature:
                self.last.paragraph_format.keep_with_next = True
            self.signature.append(spans)
            return
        if self._in("note"):
            self._add(STYLE_NOTE, spans)
            return
        if self.after_title and _plain(spans).rstrip().endswith(("：", ":")):
            self._add(STYLE_SALUTATION, spans)
            return
        prefix = self.item_prefix
        if prefix:
            spans = [_Span(prefix), *spans]
        paragraph = self._add(STYLE_BODY, spans)
        depth = max(len(self.lists) - 1, 0) + self.quote_depth
        if depth:
            paragraph.paragraph_format.left_indent = Pt(2 * SIZE_BODY * depth)
        if prefix is not None:
            self.item_prefix = ""  # a second paragraph in the same item has no number

    def _add(self, style: str, spans: Sequence[_Span]) -> Paragraph:
        paragraph = self.document.add_paragraph(style=self.document.styles[style])
        spec = _SPECS[style]
        _runs(paragraph, spans, spec.font, spec.size)
        if self.after_table:
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_title = style == STYLE_TITLE
        self.after_table = False
        self.last = paragraph
        return paragraph

    def _flush_signature(self) -> None:
        """The office name centred over the date, the date four characters from the right."""
        lines, self.signature = self.signature, []
        if not lines:
            return
        widths = [_width(_plain(spans)) for spans in lines]
        date_width = widths[-1]
        for number, (spans, width) in enumerate(zip(lines, widths, strict=True)):
            paragraph = self._add(STYLE_SIGNATURE, spans)
            last = number == len(lines) - 1
            right = 4.0 if last else max(0.0, 4 + (date_width - width) / 2)
            paragraph.paragraph_format.right_indent = Pt(round(right * SIZE_BODY))
            if number == 0:
                paragraph.paragraph_format.space_before = Twips(2 * LINE_PITCH_TWIPS)
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = False

    def _table(self, tokens: Sequence[Token]) -> None:
        rows: list[tuple[bool, list[tuple[str | None, list[_Span]]]]] = []
        header = False
        for position, token in enumerate(tokens):
            if token.type == "thead_open":
                header = True
            elif token.type == "thead_close":
                header = False
            elif token.type == "tr_open":
                rows.append((header, []))
            elif token.type in ("th_open", "td_open"):
                style = str(token.attrGet("style") or "")
                align = style.removeprefix("text-align:") if style else None
                rows[-1][1].append((align, _spans(tokens[position + 1])))
        if not rows:
            return
        columns = max(len(cells) for _, cells in rows)
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        margins = _set_child(table._tbl.tblPr, "w:tblCellMar", TBLPR_ORDER, {}, replace=True)
        for side in ("left", "right"):
            margin = _element(f"w:{side}")
            margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
            margin.set(qn("w:type"), "dxa")
            margins.append(margin)
        widths = _column_widths(rows, columns)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for (is_header, cells), row in zip(rows, table.rows, strict=True):
            trpr = row._tr.get_or_add_trPr()
            trpr.append(_element("w:cantSplit"))
            if is_header:
                trpr.append(_element("w:tblHeader"))
            for column, cell in enumerate(row.cells):
                cell.width = widths[column]
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                align, spans = cells[column] if column < len(cells) else (None, [])
                paragraph = cell.paragraphs[0]
                paragraph.style = self.document.styles[STYLE_TABLE]
                if align and not is_header:
                    paragraph.alignment = {
                        "left": WD_PARAGRAPH_ALIGNMENT.LEFT,
                        "right": WD_PARAGRAPH_ALIGNMENT.RIGHT,
                        "center": WD_PARAGRAPH_ALIGNMENT.CENTER,
                    }.get(align, WD_PARAGRAPH_ALIGNMENT.CENTER)
                if is_header:
                    spans = [_Span(s.text, True, s.italic, s.brk, s.soft) for s in spans]
                tones = {span.tone for span in spans}
                tone = tones.pop() if len(tones) == 1 and not is_header else None
                fill = CELL_SHADING.get(tone or "")
                runs = _runs(paragraph, spans, FONT_BODY, SIZE_SMALL)
                if fill is not None:
                    tcpr = cell._tc.get_or_add_tcPr()
                    _set_child(
                        tcpr,
                        "w:shd",
                        TCPR_ORDER,
                        {"w:val": "clear", "w:color": "auto", "w:fill": fill[0]},
                        replace=True,
                    )
                    for run in runs:
                        run.font.color.rgb = RGBColor.from_string(fill[1])
        self.after_table = True
        self.after_title = False


# --- inline content --------------------------------------------------------------------


def _spans(inline: Token) -> list[_Span]:
    """The inline tokens of a block as text spans: bold, italic, line breaks."""
    spans: list[_Span] = []
    bold = italic = 0
    tones: list[str | None] = [None]
    for child in inline.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            spans.append(_Span(child.content, bold > 0, italic > 0, tone=tones[-1]))
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "softbreak":
            spans.append(_Span("", soft=True))
        elif kind == "hardbreak":
            spans.append(_Span("", brk=True))
        elif kind == "image":
            spans.append(_Span(child.content, bold > 0, italic > 0))
        elif kind == "html_inline" and re.fullmatch(r"<br\s*/?>", child.content, re.I):
            spans.append(_Span("", brk=True))
        elif kind == "html_inline" and (mark := _TONE_OPEN.fullmatch(child.content)):
            tones.append(mark.group(1))
        elif kind == "html_inline" and child.content == "</span>" and len(tones) > 1:
            tones.pop()
    return _merge(spans)


def _merge(spans: list[_Span]) -> list[_Span]:
    """Join neighbouring spans of the same look; a soft line break becomes nothing between
    Chinese characters and a space elsewhere."""
    merged: list[_Span] = []
    for index, span in enumerate(spans):
        if span.soft:
            before = merged[-1].text[-1:] if merged else ""
            after = next((s.text[:1] for s in spans[index + 1 :] if s.text), "")
            if not before or not after or (_wide(before) and _wide(after)):
                continue
            span = _Span(" ", spans[index - 1].bold, spans[index - 1].italic)
        if (
            merged
            and not span.brk
            and not merged[-1].brk
            and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic)
        ):
            tone = span.tone if merged[-1].tone == span.tone else None  # a mark of the whole
            merged[-1] = _Span(merged[-1].text + span.text, span.bold, span.italic, tone=tone)
        else:
            merged.append(span)
    return [span for span in merged if span.text or span.brk]


def _runs(paragraph: Paragraph, spans: Iterable[_Span], east_asia: str, size: int) -> list[Run]:
    runs = []
    for span in spans:
        run = paragraph.add_run()
        if span.brk:
            run.add_break()
        else:
            run.text = _INVALID_XML.sub("", span.text)
        rpr = run._r.get_or_add_rPr()
        _set_fonts(rpr, east_asia, FONT_LATIN)
        _set_size(rpr, size)
        if span.bold:
            run.bold = True
        if span.italic:
            run.italic = True
        runs.append(run)
    return runs


def _plain(spans: Iterable[_Span]) -> str:
    return "".join(span.text for span in spans)


def _wide(char: str) -> bool:
    """Whether a character takes a full Chinese character's width (runs hint East-Asian,
    so ambiguous ones such as “ ” ↑ are set in the Chinese font, full width)."""
    return unicodedata.east_asian_width(char) in ("W", "F", "A")


def _width(text: str) -> float:
    """Width in body characters: Chinese one, digits and Latin letters about half."""
    return sum(1.0 if _wide(char) else 0.5 for char in text)


def _column_widths(
    rows: Sequence[tuple[bool, Sequence[tuple[str | None, list[_Span]]]]], columns: int
) -> list[Emu]:
    """Each column as wide as its longest cell; if they do not all fit, the widest columns
    are narrowed (their text wraps); any room left is shared out to fill the line."""
    padding = 2 * CELL_MARGIN_TWIPS / 20 + 1
    natural = [2 * SIZE_SMALL + padding] * columns
    for _, cells in rows:
        for column, (_, spans) in enumerate(cells):
            points = _width(_plain(spans)) * SIZE_SMALL + padding
            natural[column] = max(natural[column], points)
    available = TYPE_AREA_WIDTH.pt
    if sum(natural) > available:
        ordered = sorted(natural)
        cap = ordered[-1]
        for count, width in enumerate(ordered):
            rest = available - sum(ordered[:count])
            if width * (columns - count) >= rest:
                cap = rest / (columns - count)
                break
        natural = [min(width, cap) for width in natural]
    scale = available / sum(natural)
    return [Emu(int(Pt(width * scale))) for width in natural]


# --- HTML ------------------------------------------------------------------------------


class _Events(HTMLParser):
    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, frozenset[str], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = frozenset(
            " ".join(value or "" for name, value in attrs if name == "class").split()
        )
        self.events.append(("start", tag, classes, ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, frozenset(), ""))

    def handle_data(self, data: str) -> None:
        self.events.append(("text", "", frozenset(), unescape(data)))


def _html_events(content: str) -> list[tuple[str, str, frozenset[str], str]]:
    parser = _Events()
    parser.feed(content)
    parser.close()
    return parser.events


# --- OOXML helpers ---------------------------------------------------------------------


def _element(tag: str) -> BaseOxmlElement:
    prefix, name = tag.split(":")
    element: BaseOxmlElement = parse_xml(f"<{prefix}:{name} {nsdecls(prefix)}/>")
    return element


def _set_child(
    parent: BaseOxmlElement,
    tag: str,
    sequence: Sequence[str],
    attributes: dict[str, str],
    *,
    replace: bool = False,
) -> BaseOxmlElement:
    """Set ``tag`` on ``parent`` (creating it in schema order) with ``attributes``."""
    child: BaseOxmlElement | None = parent.find(qn(tag))
    if child is not None and replace:
        parent.remove(child)
        child = None
    if child is None:
        child = _element(tag)
        order = list(sequence)
        successors = [f"w:{name}" for name in order[order.index(tag.removeprefix("w:")) + 1 :]]
        parent.insert_element_before(child, *successors)
    for name, value in attributes.items():
        child.set(qn(name), value)
    return child


def _set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str) -> None:
    """Name the fonts outright (no theme fonts): Latin, East-Asian, complex script."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)
    _set_child(
        rpr,
        "w:rFonts",
        RPR_ORDER,
        {
            "w:ascii": latin,
            "w:hAnsi": latin,
            "w:eastAsia": east_asia,
            "w:cs": latin,
            "w:hint": "eastAsia",
        },
    )


def _set_size(rpr: BaseOxmlElement, points: int) -> None:
    half_points = str(points * 2)
    _set_child(rpr, "w:sz", RPR_ORDER, {"w:val": half_points})
    _set_child(rpr, "w:szCs", RPR_ORDER, {"w:val": half_points})


def _indent_chars(ppr: BaseOxmlElement, *, first_line: int, chars: bool) -> None:
    """A first-line indent of so many body characters: in twips, and for text of the body's
    size also in characters (Word's firstLineChars, which follows the character grid)."""
    ind = _set_child(ppr, "w:ind", PPR_ORDER, {})
    for name in ("w:firstLine", "w:firstLineChars", "w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(name), None)
    if chars:
        ind.set(qn("w:firstLineChars"), str(first_line * 100))
    ind.set(qn("w:firstLine"), str(first_line * SIZE_BODY * 20))


def _xml_bytes(element: BaseOxmlElement) -> bytes:
    data: bytes = serialize_part_xml(element)
    return data


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
