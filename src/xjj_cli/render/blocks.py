"""The bulletin's Markdown read as the blocks of an official document, for the DOCX writer.

markdown-it parses the Markdown; each construct becomes a block with a role the writer maps
to a style: ``#`` → title, ``##`` → heading1, ``###`` → heading2, deeper → heading3;
paragraphs and list items → body (an ordered item keeps its number as text, "1."; a bullet
item has none, official documents have no bullets; nested items and quotes carry a depth);
the paragraph right after the document's title ending in "：" → salutation; code → code;
tables → ``Table``. The divs of the Markdown contract (CONTRACT11): ``mark``, ``number``
(an empty one is an empty line), ``attachments`` (→ attachment), ``note``, ``annex-label``
(→ annex_label), ``masthead`` and ``letterhead`` (the 信函格式's office name over its red
double line) → paragraphs of those roles; ``signature`` → ``Signature``;
``annex`` → ``AnnexStart`` before its blocks; ``colophon`` (its ``copy-to`` and ``printed``)
→ ``Colophon``; ``<div class="chart">`` is left out, other raw HTML keeps only its text. Inline: bold, italic, line breaks, and colour marks — a
``<span class="c-red">`` the template writes gives its spans a ``tone``; the words inside
are never looked at.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from html.parser import HTMLParser
from itertools import islice
from typing import Any, Literal

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_core.text_join import text_join
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from xjj_cli.chinese import FULLWIDTH_COLON
from xjj_cli.render.md_tables import ROWS, TableRows, render_rows, table_rule

Role = Literal[
    "mark",
    "number",
    "title",
    "salutation",
    "heading1",
    "heading2",
    "heading3",
    "body",
    "code",
    "attachment",
    "note",
    "annex_label",
    "masthead",
    "letterhead",
]
DIV_ROLES: dict[str, Role] = {
    "mark": "mark",
    "number": "number",
    "attachments": "attachment",
    "note": "note",
    "annex-label": "annex_label",
    "masthead": "masthead",
    "letterhead": "letterhead",
}
"""The role of a paragraph inside a ``<div class="…">`` of the contract (the innermost wins)."""
# Divs that are an element even when empty: an empty number is a line above the red rule.
EMPTY_DIVS = frozenset({"mark", "number"})
HEADING_ROLES: dict[int, Role] = {1: "title", 2: "heading1", 3: "heading2"}

try:  # the front matter read by libyaml's safe loader (the pure-Python one is many times slower)
    SAFE_LOADER: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    SAFE_LOADER = yaml.SafeLoader

_TONE_OPEN = re.compile(r'<span\s+class="(c-[a-z]+|lead)"\s*>')
_BREAK = re.compile(r"<br\s*/?>", re.I)


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    brk: bool = False
    soft: bool = False
    tone: str | None = None  # the colour mark (c-red …) the span sits in
    lead: bool = False  # a paragraph's lead-in heading (<span class="lead">): （一）…。


@dataclass(frozen=True)
class Paragraph:
    role: Role
    spans: tuple[Span, ...]
    depth: int = 0  # list nesting and quotes: indented two characters a level


@dataclass(frozen=True)
class Cell:
    spans: tuple[Span, ...]
    align: str | None = None

    @property
    def tone(self) -> str | None:
        """The colour mark the whole cell sits in, if any."""
        tones = {span.tone for span in self.spans}
        return tones.pop() if len(tones) == 1 else None


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[bool, tuple[Cell, ...]], ...]  # (header row?, cells)


@dataclass(frozen=True)
class Signature:
    lines: tuple[tuple[Span, ...], ...]  # the office, then the date


@dataclass(frozen=True)
class AnnexStart:
    """An annex begins (``<div class="annex">``): it starts on a new page."""


@dataclass(frozen=True)
class Colophon:
    """The 版记: the 抄送 lines, then the 印发机关 and 印发日期 (one line, left and right)."""

    copy_to: tuple[tuple[Span, ...], ...]
    printed: tuple[tuple[Span, ...], ...]


Block = Paragraph | Table | Signature | AnnexStart | Colophon


@cache
def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect of xjj's documents: CommonMark, tables, raw HTML blocks (written
    only by templates) and a YAML front matter (the document's metadata, never printed). Made
    once per process (setting its rules up costs more than parsing a notice) and shared:
    parsing and rendering leave it as it was."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    if (
        parser.core.ruler.get_active_rules()
        == [
            "normalize",
            "block",
            "inline",
            "text_join",
        ]
        and parser.inline.ruler.get_active_rules() == _INLINE_RULES
    ):
        parser.core.ruler.at("inline", _inline_once)
        parser.core.ruler.disable("text_join")  # done by _inline_once, text by text
        parser.block.ruler.at("table", table_rule, {"alt": ["paragraph", "reference"]})
        parser.add_render_rule(ROWS, render_rows)
    return parser


_INLINE_RULES = [
    "text",
    "newline",
    "escape",
    "backticks",
    "emphasis",
    "link",
    "image",
    "autolink",
    "html_inline",
    "entity",
]
_MARKUP = re.compile(r"[\n\\`*_\[\]!<&]")
"""The characters at which one of ``_INLINE_RULES`` may start (line breaks, escapes, code,
emphasis, links, images, autolinks, raw HTML, entities): a text without any is one ``text``
token, as markdown-it's inline parser makes it (its ``text`` rule takes the rest as text)."""


def _inline_once(state: StateCore) -> None:
    """markdown-it's core rules ``inline`` then ``text_join`` (nothing runs between them in
    this dialect), each distinct text parsed once (a text without markup, ``_MARKUP``, is its
    one text token, without the parser): an annex repeats its cells' texts (a
    number, a colour, 持平) — 68,000 cells, 11,000 texts at province scale. A text's inline
    tokens depend on the text alone (the document's link references are all read before),
    so the tokens of equal texts share one list of children; nothing changes children once
    they are parsed (the HTML renderer and the block reader only read them)."""
    parsed: dict[str, list[Token]] = {}

    def children_of(text: str) -> list[Token]:
        children = parsed.get(text)
        if children is None and not _MARKUP.search(text):
            children = parsed[text] = [Token("text", "", 0, content=text)] if text else []
        if children is None:
            one = Token("inline", "", 0)
            one.children = []
            state.md.inline.parse(text, state.md, state.env, one.children)
            text_join(StateCore(text, state.md, state.env, [one]))
            children = parsed[text] = one.children or []
        return children

    for token in state.tokens:
        if token.type == "inline":
            token.children = children_of(token.content)
        elif token.type == ROWS:  # a table's cells, in the order markdown-it parses them
            rows: TableRows = token.meta["rows"]
            for text in itertools.chain(rows.header, *rows.body):
                children_of(text)
            token.meta["inline"] = parsed


def front_matter(markdown: str) -> dict[str, Any]:
    """The document's metadata: the YAML front matter the template wrote ({} without one)."""
    return read_document(markdown)[0]


def read_blocks(markdown: str) -> list[Block]:
    """The Markdown's blocks in order (the front matter is metadata, not a block)."""
    return read_document(markdown)[1]


def parse(markdown: str) -> list[Token]:
    """The Markdown's tokens, once for every format made from it (reading them changes none)."""
    return markdown_parser().parse(markdown)


def read_document(
    markdown: str, tokens: list[Token] | None = None
) -> tuple[dict[str, Any], list[Block]]:
    """The document's front matter and its blocks, from one parse of the Markdown (``tokens``
    when it was parsed already)."""
    if tokens is None:
        tokens = parse(markdown)
    meta: dict[str, Any] = {}
    if tokens and tokens[0].type == "front_matter":
        matter = yaml.load(tokens[0].content, Loader=SAFE_LOADER)
        meta = matter if isinstance(matter, dict) else {}
    reader = _Reader()
    tokens = [t for t in tokens if t.type != "front_matter"]
    index = 0
    while index < len(tokens):
        index = reader.block(tokens, index)
    reader.flush_signature()
    reader.flush_colophon()
    return meta, reader.blocks


def plain(spans: Iterable[Span]) -> str:
    """The spans' text, a line break (``<br>`` in a table cell) as a newline."""
    return "".join("\n" if span.brk else span.text for span in spans)


def wide(char: str) -> bool:
    """Whether a character takes a full Chinese character's width (runs hint East-Asian,
    so ambiguous ones such as “ ” ↑ are set in the Chinese font, full width)."""
    return unicodedata.east_asian_width(char) in ("W", "F", "A")


def width(text: str) -> float:
    """Width in characters: Chinese one, digits and Latin letters a little over half; "%" prints
    nearly as wide as a Chinese character, so it counts as one (else "114.3%" wraps)."""
    return sum(map(_char_width, text))


@cache
def _char_width(char: str) -> float:
    """One character's share of ``width`` (looked up once per character: tables have tens of
    thousands of cells, each measured for its column's width and its row's height)."""
    return 1.0 if wide(char) or char == "%" else 0.6


@dataclass
class _List:
    ordered: bool
    number: int


@dataclass
class _Reader:
    blocks: list[Block] = field(default_factory=list)
    lists: list[_List] = field(default_factory=list)
    item_prefix: str | None = None
    quote_depth: int = 0
    html_stack: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    signature: list[tuple[Span, ...]] = field(default_factory=list)
    copy_to: list[tuple[Span, ...]] = field(default_factory=list)
    printed: list[tuple[Span, ...]] = field(default_factory=list)
    opened: list[int] = field(default_factory=list)  # len(blocks) when each open tag started
    annexes: int = 0
    # the spans of each list of inline tokens (equal texts share one: ``_inline_once``)
    read: dict[int, tuple[Span, ...]] = field(default_factory=dict)

    def spans(self, inline: Token) -> tuple[Span, ...]:
        """``_spans`` of the inline token, once per list of children."""
        key = id(inline.children)
        found = self.read.get(key)
        if found is None:
            found = self.read[key] = _spans(inline)
        return found

    def block(self, tokens: Sequence[Token], index: int) -> int:
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
            self.item_prefix = ""
            if current.ordered:
                number = int(token.info) if token.info.isdigit() else current.number
                current.number = number + 1
                self.item_prefix = f"{number}{token.markup}"
        elif kind == "list_item_close":
            self.item_prefix = None
        elif kind in ("blockquote_open", "blockquote_close"):
            self.quote_depth += 1 if kind == "blockquote_open" else -1
        elif self._in("chart"):
            pass  # charts are drawn for the screen; nothing of them goes into the document
        elif kind == "heading_open":
            level = int(token.tag[1:])
            self._add(HEADING_ROLES.get(level, "heading3"), self.spans(tokens[index + 1]))
            return index + 3
        elif kind == "paragraph_open":
            self._paragraph(self.spans(tokens[index + 1]))
            return index + 3
        elif kind in ("fence", "code_block"):
            for line in token.content.rstrip("\n").split("\n"):
                self._add("code", (Span(line),))
        elif kind == "table_open" and tokens[index + 1].type == ROWS:
            self._rows(tokens[index + 1].meta)
            return index + 3
        elif kind == "table_open":
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "table_close")
            self._table(tokens[index : end + 1])
            return end + 1
        return index + 1

    # Raw HTML: only the class of each open tag matters; text outside charts is kept.

    def _in(self, name: str) -> bool:
        return any(name in classes for _, classes in self.html_stack)

    def _html(self, content: str) -> None:
        for event, tag, classes, text in _html_events(content):
            if event == "start":
                self.html_stack.append((tag, classes))
                self.opened.append(len(self.blocks))
                if "annex" in classes:
                    self.annexes += 1
                    self.blocks.append(AnnexStart())
            elif event == "end":
                self._close(tag)
            elif not self._in("chart") and text.strip():
                self._paragraph((Span(text.strip()),))

    def _close(self, tag: str) -> None:
        was_signature, was_colophon = self._in("signature"), self._in("colophon")
        for depth in range(len(self.html_stack) - 1, -1, -1):
            if self.html_stack[depth][0] == tag:
                for _, classes in self.html_stack[depth:]:
                    empty = self.opened[depth] == len(self.blocks)
                    for name in sorted(EMPTY_DIVS & classes):
                        if empty and not self._in("chart"):
                            self._add(DIV_ROLES[name], ())
                del self.html_stack[depth:]
                del self.opened[depth:]
                break
        if was_signature and not self._in("signature"):
            self.flush_signature()
        if was_colophon and not self._in("colophon"):
            self.flush_colophon()

    def _paragraph(self, spans: tuple[Span, ...]) -> None:
        if self._in("signature"):
            self.signature.append(spans)
            return
        if self._in("colophon"):
            (self.printed if self._in("printed") else self.copy_to).append(spans)
            return
        role = self._div_role()
        if role is not None:
            self._add(role, spans)
            return
        last = self.blocks[-1] if self.blocks else None
        after_title = isinstance(last, Paragraph) and last.role == "title" and not self.annexes
        if after_title and plain(spans).rstrip().endswith((FULLWIDTH_COLON, ":")):
            self._add("salutation", spans)
            return
        prefix = self.item_prefix
        if prefix:
            spans = (Span(prefix), *spans)
        depth = max(len(self.lists) - 1, 0) + self.quote_depth
        self.blocks.append(Paragraph("body", spans, depth))
        if prefix is not None:
            self.item_prefix = ""  # a second paragraph in the same item has no number

    def _div_role(self) -> Role | None:
        for _, classes in reversed(self.html_stack):
            for name in sorted(classes):
                if name in DIV_ROLES:
                    return DIV_ROLES[name]
        return None

    def _add(self, role: Role, spans: tuple[Span, ...]) -> None:
        self.blocks.append(Paragraph(role, spans))

    def flush_signature(self) -> None:
        if self.signature:
            self.blocks.append(Signature(tuple(self.signature)))
            self.signature = []

    def flush_colophon(self) -> None:
        if self.copy_to or self.printed:
            self.blocks.append(Colophon(tuple(self.copy_to), tuple(self.printed)))
            self.copy_to, self.printed = [], []

    def _rows(self, meta: dict[Any, Any]) -> None:
        """A table from its ``ROWS`` token: equal cells (the same text in the same column
        alignment) are one ``Cell``, read once."""
        rows: TableRows = meta["rows"]
        parsed: dict[str, list[Token]] = meta["inline"]
        made: dict[tuple[str, str], Cell] = {}

        def row(texts: Sequence[str]) -> tuple[Cell, ...]:
            cells = []
            for text, align in zip(texts, rows.aligns, strict=True):
                cell = made.get((text, align))
                if cell is None:
                    cell = made[text, align] = Cell(self._spans_of(parsed[text]), align or None)
                cells.append(cell)
            return tuple(cells)

        self.blocks.append(Table(((True, row(rows.header)), *((False, row(r)) for r in rows.body))))

    def _spans_of(self, children: list[Token]) -> tuple[Span, ...]:
        key = id(children)
        found = self.read.get(key)
        if found is None:
            found = self.read[key] = _spans_of(children)
        return found

    def _table(self, tokens: Sequence[Token]) -> None:
        rows: list[tuple[bool, list[Cell]]] = []
        header = False
        for position, token in enumerate(tokens):
            if token.type in ("thead_open", "thead_close"):
                header = token.type == "thead_open"
            elif token.type == "tr_open":
                rows.append((header, []))
            elif token.type in ("th_open", "td_open"):
                style = str(token.attrGet("style") or "")
                align = style.removeprefix("text-align:") if style else None
                rows[-1][1].append(Cell(self.spans(tokens[position + 1]), align))
        if rows:
            self.blocks.append(Table(tuple((is_header, tuple(cells)) for is_header, cells in rows)))


def _spans(inline: Token) -> tuple[Span, ...]:
    """The inline tokens of a block as text spans: bold, italic, line breaks, colour marks."""
    return _spans_of(inline.children or [])


def _spans_of(children: Sequence[Token]) -> tuple[Span, ...]:
    spans: list[Span] = []
    bold = italic = 0
    tones: list[str | None] = [None]
    for child in children:
        kind, content = child.type, child.content
        if kind in ("text", "code_inline", "image"):
            lead, tone = False, None  # outside any mark, as most text is
            if len(tones) > 1:
                lead = "lead" in tones
                tone = next((t for t in reversed(tones) if t != "lead"), None)
            spans.append(Span(content, bold > 0, italic > 0, tone=tone, lead=lead))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind in ("softbreak", "hardbreak"):
            spans.append(Span("", brk=kind == "hardbreak", soft=kind == "softbreak"))
        elif kind == "html_inline" and _BREAK.fullmatch(content):
            spans.append(Span("", brk=True))
        elif kind == "html_inline" and (mark := _TONE_OPEN.fullmatch(content)):
            tones.append(mark.group(1))
        elif kind == "html_inline" and content == "</span>" and len(tones) > 1:
            tones.pop()
    return _merge(spans)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Join neighbouring spans of the same look; a soft line break becomes nothing between
    Chinese characters and a space elsewhere."""
    merged: list[Span] = []
    for index, span in enumerate(spans):
        if span.soft:
            before = merged[-1].text[-1:] if merged else ""
            after = next((s.text[:1] for s in islice(spans, index + 1, None) if s.text), "")
            if not before or not after or (wide(before) and wide(after)):
                continue
            span = Span(" ", spans[index - 1].bold, spans[index - 1].italic)
        last = merged[-1] if merged else None
        if (
            last
            and not (span.brk or last.brk)
            and (last.bold, last.italic, last.lead) == (span.bold, span.italic, span.lead)
        ):
            tone = span.tone if last.tone == span.tone else None  # a mark of the whole
            merged[-1] = Span(
                last.text + span.text, span.bold, span.italic, tone=tone, lead=span.lead
            )
        else:
            merged.append(span)
    return tuple(span for span in merged if span.text or span.brk)


class _Events(HTMLParser):
    """Raw HTML as (event, tag, classes, text): enough to follow <div class="…"> blocks."""

    VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "source", "wbr", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, frozenset[str], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            classes = " ".join(value or "" for name, value in attrs if name == "class")
            self.events.append(("start", tag, frozenset(classes.split()), ""))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag, frozenset(), ""))

    def handle_data(self, data: str) -> None:
        self.events.append(("text", "", frozenset(), unescape(data)))


def _html_events(content: str) -> list[tuple[str, str, frozenset[str], str]]:
    parser = _Events()
    parser.feed(content)
    parser.close()
    return parser.events
