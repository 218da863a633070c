"""What every part of the DOCX writer shares (``render/docx.py`` writes the paragraphs,
``docx_tables.py`` the tables, ``docx_colophon.py`` the 版记): the reference document's styles
by the names a clerk sees, the look of a style's runs, and the body being written."""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Length, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped]

from xjj_cli.chinese import DOCX_STYLES
from xjj_cli.render.blocks import Role, Span

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
    "letterhead": STYLE_MASTHEAD,
}

PARAGRAPH_STYLES = (
    *ROLE_STYLES.values(),
    STYLE_SIGNATURE,
    STYLE_COLOPHON,
    STYLE_TABLE_TEXT,
    STYLE_DRAFT,
)

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RUN_CONTROLS = re.compile("[\t\r\n]")
_TEXT, _PRESERVE = qn("w:t"), qn("xml:space")
SLOT = "xjj-slot"  # where a serialized element is split to take its content
NAMESPACES = re.compile(r' xmlns:[A-Za-z0-9]+="[^"]*"')


@dataclass(frozen=True)
class Look:
    """The fonts (w:rFonts) and size a style names, its own or inherited."""

    fonts: tuple[tuple[str, str], ...]
    size: Length | None
    # A run of each (bold, italic, colour) as python-docx writes it, empty: every run of the
    # document is a copy of one, its text added (see docs/decisions.md, issue 15).
    prototypes: dict[tuple[bool, bool, str | None], CT_R] = field(
        default_factory=dict, compare=False, repr=False
    )
    # The same runs as XML text, split where the text goes (tables are written as text).
    xml_parts: dict[tuple[bool, bool, str | None], tuple[str, str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def of(cls, style: CharacterStyle | None) -> Look:
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
                set_text(r, _INVALID_XML.sub("", span.text))
            runs.append(Run(r, paragraph))
        return runs

    def run_xml(self, span: Span, color: str | None = None) -> str | None:
        """The run ``runs`` would add for ``span``, as XML text without namespace declarations
        (the enclosing element declares them), or None when its text holds a tab or a line
        break (python-docx's own ``Run.text`` makes those runs)."""
        key = (span.bold, span.italic, color)
        parts = self.xml_parts.get(key)
        if parts is None:
            empty = copy.deepcopy(self._prototype(span.bold, span.italic, color))
            empty.append(empty.makeelement(SLOT, {}))
            xml = NAMESPACES.sub("", etree.tostring(empty, encoding="unicode"))
            head, _, tail = xml.partition("<xjj-slot/>")
            parts = self.xml_parts[key] = (head, tail)
        head, tail = parts
        if span.brk:
            return f"{head}<w:br/>{tail}"
        text = _INVALID_XML.sub("", span.text)
        if _RUN_CONTROLS.search(text):
            return None
        if not text:
            return head + tail
        space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
        return f"{head}<w:t{space}>{escape(text)}</w:t>{tail}"

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


def set_text(r: CT_R, text: str) -> None:
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


def paragraph_style(document: DocumentObject, name: str) -> ParagraphStyle:
    """The paragraph style of that name in the document."""
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def line_pt(style: ParagraphStyle, char: float) -> float:
    """A style's line height in points: its exact spacing, else a single line of its size."""
    spacing = style.paragraph_format.line_spacing
    return float(spacing.pt) if isinstance(spacing, Length) else 1.2 * char


@dataclass(frozen=True)
class StyleFacts:
    """What the writer reads from a reference document's styles: the styles it lacks, else
    each paragraph style's look and id, and the body's line height."""

    missing: tuple[str, ...]
    looks: dict[str, Look]
    style_ids: dict[str, str]
    line: float
    # an empty paragraph of each style, made once by python-docx and copied (``Body.add``)
    paragraphs: dict[str, CT_P] = field(default_factory=dict, compare=False, repr=False)


_FACTS: dict[bytes, StyleFacts] = {}


def style_facts(document: DocumentObject) -> StyleFacts:
    """The facts of the document's styles, read once per process for each distinct styles
    part (keyed by a digest of its XML, so a district's restyled reference is read anew)."""
    key = hashlib.sha256(serialize_part_xml(document.styles.element)).digest()
    facts = _FACTS.get(key)
    if facts is None:
        facts = _FACTS[key] = _read_style_facts(document)
    return facts


def _read_style_facts(document: DocumentObject) -> StyleFacts:
    styles = document.styles
    missing = tuple(name for name in (*PARAGRAPH_STYLES, STYLE_TABLE) if name not in styles)
    if missing:
        return StyleFacts(missing, {}, {}, 0.0)
    looks = {name: Look.of(paragraph_style(document, name)) for name in PARAGRAPH_STYLES}
    # Each style's id, looked up once (python-docx looks it up for every paragraph).
    style_ids = {
        name: document.part.get_style_id(  # type: ignore[no-untyped-call]
            styles[name], WD_STYLE_TYPE.PARAGRAPH
        )
        for name in PARAGRAPH_STYLES
    }
    line = line_pt(paragraph_style(document, STYLE_BODY), looks[STYLE_BODY].char)
    return StyleFacts((), looks, style_ids, line)


class Body:
    """The document being written: its styles' looks and ids, the type area, the paragraph
    written last and the role of the block written last."""

    def __init__(self, document: DocumentObject) -> None:
        self.document = document
        facts = style_facts(document)
        self.looks = facts.looks
        self.style_ids = facts.style_ids
        self.last: DocxParagraph | None = None
        self.after_table = False
        section = document.sections[0]
        self.area = float(
            Length(
                (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
            ).pt
        )
        self.char = self.looks[STYLE_BODY].char
        self.line = facts.line
        self.previous: str | None = None  # the role of the block written last
        self.new_page = False
        self.paragraphs = facts.paragraphs  # an empty paragraph of each style, to copy

    def add(self, style: str, spans: Sequence[Span]) -> DocxParagraph:
        """A paragraph of ``style`` holding the spans, added at the end of the body."""
        p = copy.deepcopy(self._styled(style))
        self.append(p)
        paragraph = DocxParagraph(p, self.document._body)
        look, lead = self.looks[style], self.looks[STYLE_HEADING_2]
        for span in spans:  # a lead-in heading in the second-level heading's face (楷体)
            (lead if span.lead else look).runs(paragraph, (span,))
        if self.after_table:
            paragraph.paragraph_format.space_before = Pt(8)
        self.after_table = False
        self.last = paragraph
        return paragraph

    def _styled(self, style: str) -> CT_P:
        """An empty paragraph of ``style``, made once by python-docx's own calls (setting a
        paragraph's style through python-docx searches its children every time)."""
        made = self.paragraphs.get(style)
        if made is None:
            made = self.paragraphs[style] = OxmlElement("w:p")
            made.style = self.style_ids[style]
        return made

    def append(self, element: Any) -> None:
        """An element added at the end of the body, before its w:sectPr (no search for it)."""
        body = self.document.element.body
        last = body[-1] if len(body) else None
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(element)
        else:
            body.append(element)

    def keep_last_with_next(self) -> None:
        """Keep the paragraph written last on the page of what follows it."""
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = True
