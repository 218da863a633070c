"""Markdown's GFM tables read as three tokens each, for the bulletin's annexes (issue 28).

markdown-it's table rule makes three tokens a cell (67,800 cells, 224,000 tokens in the
province's annexes), each rendered and read one by one. ``table_rule`` recognises the same
lines and reads the same cells, and keeps a table's rows in one token; ``render_rows`` writes
the HTML markdown-it writes for them; ``blocks`` reads them as its ``Table``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.common.utils import isStrSpace, mdTrim
from markdown_it.renderer import RendererHTML
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import MAX_AUTOCOMPLETED_CELLS
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

ROWS = "table_rows"
"""The token holding a table's rows (between its ``table_open`` and ``table_close``)."""


@dataclass(frozen=True)
class TableRows:
    """A table's cells as markdown-it's table rule reads them: each column's alignment
    ("", left, right, center), the header's texts, and each body row's texts (as many as the
    header's, missing ones empty)."""

    aligns: tuple[str, ...]
    header: tuple[str, ...]
    body: tuple[tuple[str, ...], ...]


def _escaped_split(line: str) -> list[str]:
    """markdown-it's ``escapedSplit``: cells split at each ``|`` not right after a backslash;
    an escaped ``\\|`` loses its backslash."""
    if "\\" not in line:
        return line.split("|")
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(line)]


_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> list[str]:
    columns = _escaped_split(line)
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    return columns


def table_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's GFM table rule (``rules_block.table``, the same lines recognised and the
    same cells read), but a table is three tokens — ``table_open``, one ``ROWS`` token holding
    its cells' texts (``TableRows``), ``table_close`` — instead of three per cell: an annex at
    province scale has 68,000 cells. The HTML renderer (``render_rows``) writes exactly the
    elements markdown-it writes for them, the block reader the same ``Table``."""
    if start + 2 > end:
        return False
    second = start + 1
    if state.sCount[second] < state.blkIndent or state.is_code_block(second):
        return False
    pos, maximum = state.bMarks[second] + state.tShift[second], state.eMarks[second]
    if pos + 1 >= maximum:
        return False
    first_ch, second_ch = state.src[pos], state.src[pos + 1]
    if first_ch not in "|-:" or (second_ch not in "|-:" and not isStrSpace(second_ch)):
        return False
    if first_ch == "-" and isStrSpace(second_ch):
        return False
    delimiter = state.src[pos:maximum]
    if delimiter.strip("|-: \t"):
        return False
    aligns: list[str] = []
    columns = delimiter.split("|")
    for i, column in enumerate(columns):
        t = mdTrim(column)
        if not t:
            if i == 0 or i == len(columns) - 1:
                continue
            return False
        if not _HEADER_LINE.search(t):
            return False
        if t[-1] == ":":
            aligns.append("center" if t[0] == ":" else "right")
        else:
            aligns.append("left" if t[0] == ":" else "")
    line = mdTrim(_line(state, start))
    if "|" not in line or state.is_code_block(start):
        return False
    header = _cells(line)
    count = len(header)
    if count == 0 or count != len(aligns):
        return False
    if silent:
        return True
    old_parent = state.parentType
    state.parentType = "table"
    terminators = state.md.block.ruler.getRules("blockquote")
    token = state.push("table_open", "table", 1)
    token.map = lines = [start, 0]
    body: list[tuple[str, ...]] = []
    autocompleted = 0
    next_line = start + 2
    while next_line < end:
        if state.sCount[next_line] < state.blkIndent:
            break
        if any(rule(state, next_line, end, True) for rule in terminators):
            break
        line = mdTrim(_line(state, next_line))
        if not line or state.is_code_block(next_line):
            break
        cells = _cells(line)
        autocompleted += count - len(cells)
        if autocompleted > MAX_AUTOCOMPLETED_CELLS:
            break
        cells = [mdTrim(cell) if cell else "" for cell in cells[:count]]
        body.append((*cells, *[""] * (count - len(cells))))
        next_line += 1
    token = state.push(ROWS, "", 0)
    token.block = True
    token.map = [start, next_line]
    token.meta = {"rows": TableRows(tuple(aligns), tuple(mdTrim(c) for c in header), tuple(body))}
    state.push("table_close", "table", -1)
    lines[1] = next_line
    state.parentType = old_parent
    state.line = next_line
    return True


_HEADER_LINE = re.compile(r"^:?-+:?$")


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def render_rows(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """A ``ROWS`` token as the HTML markdown-it's renderer writes for a table's thead, tbody,
    rows and cells (each distinct cell text rendered once)."""
    meta = tokens[idx].meta
    rows: TableRows = meta["rows"]
    parsed: dict[str, list[Token]] = meta["inline"]
    rendered: dict[str, str] = {}

    def cells(tag: str, texts: Sequence[str]) -> str:
        out = ["<tr>\n"]
        for text, open_tag in zip(texts, opens[tag], strict=True):
            inner = rendered.get(text)
            if inner is None:
                children = parsed[text]
                inner = rendered[text] = (
                    self.renderInline(children, options, env) if children else ""
                )
            out.append(f"{open_tag}{inner}</{tag}>\n")
        out.append("</tr>\n")
        return "".join(out)

    opens = {
        tag: [f'<{tag} style="text-align:{a}">' if a else f"<{tag}>" for a in rows.aligns]
        for tag in ("th", "td")
    }
    html = ["<thead>\n", cells("th", rows.header), "</thead>\n"]
    if rows.body:
        html += ["<tbody>\n", *(cells("td", row) for row in rows.body), "</tbody>\n"]
    return "".join(html)
