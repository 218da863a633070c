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
``docx_colophon.py`` and docs/decisions.md); tables in the table style 公文表格 with
表格文字 in their cells, the header row bold and repeated on every page, and a cell holding a
colour mark (``<span class="c-red">…</span>``, which the template writes) filled with that
colour — the word inside does not matter (``docx_tables.py``).

Every run names the fonts and size of its paragraph's style, as Word and WPS write them
themselves; they are read from the reference document, so a restyled reference carries
through. A draft gets 征求意见稿 (style 征求意见稿) in the header of every page. The bytes
depend only on the bulletin and the reference document: no clock.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from zipfile import BadZipFile

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import XmlPart
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph
from markdown_it.token import Token

from xjj_cli import paths
from xjj_cli.chinese import ENUMERATION_COMMA, FULLWIDTH_COLON, FULLWIDTH_DOT
from xjj_cli.errors import TemplateError
from xjj_cli.messages.bulletin import DOCX_PROPERTIES, reference_problem
from xjj_cli.messages.reports import DRAFT_MARK
from xjj_cli.ooxml import stable_members
from xjj_cli.render.blocks import (
    AnnexStart,
    Block,
    Colophon,
    Paragraph,
    Signature,
    Span,
    Table,
    plain,
    read_document,
    width,
)
from xjj_cli.render.docx_base import (
    ROLE_STYLES,
    STYLE_BODY,
    STYLE_DRAFT,
    STYLE_SIGNATURE,
    Body,
    Look,
    StyleFacts,
    paragraph_style,
    style_facts,
)
from xjj_cli.render.docx_colophon import write_colophon
from xjj_cli.render.docx_tables import write_table
from xjj_cli.render.layout import break_title

REFERENCE = "bulletin-reference.docx"

# The page (GB/T 9704): the 发文机关标志 35 mm below the type area's top
# edge, red, as large as one line allows up to 36 pt; the red rule 4 mm under the 文号.
MARK_TOP_PT = 35 * 72 / 25.4
MARK_MAX_PT = 36.0
RULE_RED = "C00000"
RED_RULE_EIGHTHS = 12
RED_RULE_SPACE_PT = 8
# The 信函格式 (GB/T 9704 §10.1): red double lines 170 mm long, centred (7 mm beyond the type
# area on either side) — thick over thin 4 mm under the office's name, thin over thick at the
# foot of the first page; the 发文字号 at the right 7/8 of a 3号 character under the line.
LETTER_LINE_OUTSET_PT = 7 * 72 / 25.4
LETTER_LINE_EIGHTHS = 18
LETTER_LINE_SPACE_PT = 11
LETTER_NUMBER_SPACE_PT = 14

_ITEM_NUMBER = re.compile(rf"\d+[.{FULLWIDTH_DOT}{ENUMERATION_COMMA}]?\s*")
_ITEM_SPACE = re.compile(rf"^((?:[^{FULLWIDTH_COLON}]*{FULLWIDTH_COLON})?\d+[.{FULLWIDTH_DOT}])\s+")


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
    opened = _Opened.of(reference)
    document = opened.document
    missing = opened.facts().missing
    if missing:
        raise TemplateError(reference_problem(str(reference), list(missing)))
    document._body.clear_content()
    matter, blocks = read_document(markdown, tokens)
    meta = Meta.of(matter)
    _describe(document, meta, draft)
    if draft:
        _draft_headers(document)
    _Writer(document, keep=(meta.unit,) if meta.unit else ()).write(blocks)
    members = package_members(document)
    made = stable_members(members, meta.date)
    opened.put_back(members)
    return made


class _Opened:
    """A reference document opened once per process and filled by one document at a time
    (the notices are thousands of documents from one reference): before each, every XML part
    is put back as it was read (a copy of the tree: no unzipping nor parsing again). The
    headers and footers a document added (the 信函格式's first-page footer, a draft's
    headers) are taken out again with their relationships, so the next document adds them
    anew, with the same part names and ids; a document that added any other part or
    relationship is not put back: the next one opens the reference anew. A part whose XML a
    document left as read (its bytes in the package equal the reference's: the styles, the
    settings, most footers) keeps its tree: only the parts a document changed are copied
    back. Every document starts from the reference's XML, so its styles' facts are read once."""

    _kept: ClassVar[dict[tuple[str, bytes], _Opened]] = {}

    def __init__(self, key: tuple[str, bytes], document: DocumentObject) -> None:
        self.key = key
        self.package = document.part.package
        self.parts = [p for p in self.package.parts if isinstance(p, XmlPart)]
        self.trees = [copy.deepcopy(p.element) for p in self.parts]
        self.blobs = [(p.partname.membername, p.blob) for p in self.parts]
        self.changed = [True] * len(self.parts)  # before the first document: as read
        self.shape = self._shape()
        self.document = document
        self._facts: StyleFacts | None = None

    def facts(self) -> StyleFacts:
        """The facts of the reference's styles (``style_facts``), the same for every document
        (each starts from the reference's XML)."""
        if self._facts is None:
            self._facts = style_facts(self.document)
        return self._facts

    @classmethod
    def of(cls, reference: Path) -> _Opened:
        """The reference document, as read, ready to be filled (``TemplateError`` when it
        cannot be read)."""
        try:
            data = reference.read_bytes()
            key = (str(reference), hashlib.sha256(data).digest())
            kept = cls._kept.pop(key, None)  # never handed out twice at once
            if kept is not None:
                kept.reset()
                return kept
            return cls(key, Document(io.BytesIO(data)))
        except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as exc:
            raise TemplateError(reference_problem(str(reference), None)) from exc

    def _shape(self) -> list[tuple[str, tuple[str, ...]]]:
        """The package's parts and each one's relationships: what filling must not change
        for the reference to be put back."""
        return [("", tuple(sorted(self.package.rels)))] + [
            (str(p.partname), tuple(sorted(p.rels))) for p in self.package.parts
        ]

    def reset(self) -> None:
        for part, tree, changed in zip(self.parts, self.trees, self.changed, strict=True):
            if changed:
                part._element = copy.deepcopy(tree)
        self.document = self.package.main_document_part.document

    def put_back(self, members: Sequence[tuple[str, bytes]]) -> None:
        """Keep the reference for the next document, unless filling changed its parts in a
        way ``_drop_added`` cannot undo. ``members``: the document's package as written; a
        part whose bytes there are the reference's is left as it is."""
        written = dict(members)
        self.changed = [written.get(name) != blob for name, blob in self.blobs]
        if self._shape() != self.shape:
            self._drop_added()
        if self._shape() == self.shape:
            self._kept[self.key] = self

    def _drop_added(self) -> None:
        """Take out the relationships filling added, if each is one to a header or footer
        (python-docx makes those parts from its own template and caches nothing about them):
        their parts are then no longer in the package, and the trees ``reset`` puts back no
        longer refer to them. Anything else added is left, and the reference not kept."""
        before = dict(self.shape)
        sources = [("", self.package), *((str(p.partname), p) for p in self.package.parts)]
        added: list[tuple[Any, str]] = []
        for name, source in sources:
            if name not in before:
                continue  # an added part: it goes with the relationship to it
            for rid in set(source.rels) - set(before[name]):
                if source.rels[rid].reltype not in (RT.HEADER, RT.FOOTER):
                    return
                added.append((source.rels, rid))
        for rels, rid in added:
            del rels[rid]
            rels.related_parts.pop(rid, None)


class _Members:
    """What python-docx's package writer writes, kept as (member name, bytes) in its order
    instead of zipped: the package is zipped once, stamped (``ooxml.stable_members``), not
    zipped, read back and zipped again."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.members.append((str(pack_uri.membername), blob))


def package_members(document: DocumentObject) -> list[tuple[str, bytes]]:
    """The members ``document.save`` would zip, in its order, with the same bytes (its
    ``OpcPackage.save`` and ``PackageWriter.write``, the physical writer aside)."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    members = _Members()
    PackageWriter._write_content_types_stream(members, parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(members, package.rels)  # type: ignore[no-untyped-call]
    PackageWriter._write_parts(members, parts)  # type: ignore[arg-type]
    return members.members


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
    unit: str = ""  # the unit a notice is about: its name is never broken in the title

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
            text("unit"),
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
    look = Look.of(paragraph_style(document, STYLE_DRAFT))
    for header in (section.header, section.even_page_header, section.first_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.style = document.styles[STYLE_DRAFT]
        look.runs(paragraph, [Span(DRAFT_MARK)])


class _Writer(Body):
    """Adds the blocks to the document, each in its style, as GB/T 9704 lays them out."""

    def __init__(self, document: DocumentObject, keep: Sequence[str] = ()) -> None:
        super().__init__(document)
        self.attachment_label = 0.0  # the width of "附件：", in characters
        self.colophon: Colophon | None = None
        self.keep = tuple(keep)  # names a title line never breaks inside
        self.letter = False  # the 信函格式 (a letterhead was written)
        self.annexed = False  # an annex was written: printed on both sides, the 版记 on 封四

    def write(self, blocks: Sequence[Block]) -> None:
        for block in blocks:
            if isinstance(block, Table):
                write_table(self, block)
            elif isinstance(block, Signature):
                self._signature(block)
            elif isinstance(block, AnnexStart):
                self.new_page = self.annexed = True
            elif isinstance(block, Colophon):
                self.colophon = block
            else:
                self._paragraph(block)
        if not blocks:
            self.document.add_paragraph(style=self.document.styles[STYLE_BODY])
        if self.colophon is not None:
            write_colophon(self, self.colophon, rules=not self.letter, even_page=self.annexed)

    def _paragraph(self, block: Paragraph) -> None:
        role, style = block.role, ROLE_STYLES[block.role]
        spans: Sequence[Span] = block.spans
        text = plain(spans)
        size = self.looks[style].char
        if role == "attachment":  # "1. 名称" is set "1.名称", as GB/T 9704 writes it
            text = _ITEM_SPACE.sub(r"\1", text, count=1)
            spans = [Span(text)]
        if role == "title":
            lines = break_title(text, self.area / size, self.keep) if text else [text]
            spans = [Span(line, brk=False) for line in lines[:1]]
            for rest in lines[1:]:
                spans = [*spans, Span("", brk=True), Span(rest)]
        if role == "attachment":  # 附件说明 stays with the text above and the signature below
            self.keep_last_with_next()
        paragraph = self.add(style, spans)
        form = paragraph.paragraph_format
        if block.depth:
            form.left_indent = Pt(2 * self.char * block.depth)
        before = 0.0
        if role == "letterhead":
            self._letterhead(paragraph, text)
        elif role in ("mark", "masthead"):
            size = self._fit_mark(paragraph, text)
            line = round(size * 1.3, 1)
            form.line_spacing = Pt(line)
            form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            before = max(0.0, MARK_TOP_PT - (line - size) / 2) if role == "mark" else 0.0
        elif role == "number" and self.previous == "letterhead":
            before = LETTER_NUMBER_SPACE_PT  # at the right, under the double line
            form.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif role == "number":
            before = 2 * self.line if self.previous in ("mark", "masthead") else 0.0
            _bottom_rule(paragraph, RULE_RED, RED_RULE_EIGHTHS, RED_RULE_SPACE_PT)
        elif role == "title":
            if self.previous == "number":
                before = 2 * self.line - (0 if self.letter else RED_RULE_SPACE_PT)
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

    def _letterhead(self, paragraph: DocxParagraph, text: str) -> None:
        """The 信函格式's head (GB/T 9704 §10.1): the office's full name in red, centred at the
        top, the red double line (thick over thin) under it across 170 mm, and a first page
        without a page number, a thin-over-thick red double line at its foot instead."""
        self.letter = True
        size = self._fit_mark(paragraph, text)
        for run in paragraph.runs:  # red in the run itself, whatever the style says
            run.font.color.rgb = RGBColor.from_string(RULE_RED)
        form = paragraph.paragraph_format
        form.line_spacing = Pt(round(size * 1.3, 1))
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.left_indent = form.right_indent = Pt(-LETTER_LINE_OUTSET_PT)
        _bottom_rule(
            paragraph, RULE_RED, LETTER_LINE_EIGHTHS, LETTER_LINE_SPACE_PT, "thickThinSmallGap"
        )
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        footer = section.first_page_footer
        footer.is_linked_to_previous = False
        line = footer.paragraphs[0]
        for child in list(line._p):
            if child.tag != qn("w:pPr"):
                line._p.remove(child)
        line.paragraph_format.left_indent = Pt(-LETTER_LINE_OUTSET_PT)
        line.paragraph_format.right_indent = Pt(-LETTER_LINE_OUTSET_PT)
        _bottom_rule(line, RULE_RED, LETTER_LINE_EIGHTHS, 0, "thinThickSmallGap", side="top")

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

    def _signature(self, block: Signature) -> None:
        """The office name centred over the date, the date four characters from the right,
        two blank lines above (room for the seal)."""
        self.keep_last_with_next()
        char = self.looks[STYLE_SIGNATURE].char
        widths = [width(plain(spans)) for spans in block.lines]
        space = 2 * self.line
        for number, (spans, size) in enumerate(zip(block.lines, widths, strict=True)):
            paragraph = self.add(STYLE_SIGNATURE, spans)
            right = 4.0 if number == len(widths) - 1 else max(0.0, 4 + (widths[-1] - size) / 2)
            paragraph.paragraph_format.right_indent = Pt(round(right * char))
            if number == 0:
                paragraph.paragraph_format.space_before = Pt(space)
        paragraph.paragraph_format.keep_with_next = False
        self.previous = "signature"


_AFTER_BORDERS = frozenset(
    qn(f"w:{name}")
    for name in (
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
)


def _bottom_rule(
    paragraph: DocxParagraph,
    color: str,
    eighths: int,
    space: int,
    kind: str = "single",
    side: str = "bottom",
) -> None:
    """A rule under (or over) the paragraph, as wide as the type area or the paragraph's
    indents (a paragraph border; ``kind`` a double line such as thickThinSmallGap)."""
    borders = OxmlElement("w:pBdr")
    attrs = {"w:val": kind, "w:sz": str(eighths), "w:space": str(space), "w:color": color}
    borders.append(OxmlElement(f"w:{side}", attrs={qn(k): v for k, v in attrs.items()}))
    ppr = paragraph._p.get_or_add_pPr()
    existing = ppr.find(qn("w:pBdr"))
    if existing is not None:
        ppr.remove(existing)
    # w:pBdr comes after w:pStyle, w:keepNext … w:pageBreakBefore, w:framePr … w:numPr and
    # before w:shd, w:tabs … w:spacing, w:ind, w:jc.
    anchor = next((child for child in ppr if child.tag in _AFTER_BORDERS), None)
    if anchor is None:
        ppr.append(borders)
    else:
        anchor.addprevious(borders)
