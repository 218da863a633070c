"""The bulletin as one self-contained HTML file, for the screen and for print.

The wording comes from the bulletin's Markdown (the one source of it): markdown-it turns it
into an HTML fragment, each ``<div class="chart" data-chart="…"></div>`` the Markdown
template wrote becomes an inline SVG chart drawn from the bulletin's model, and the page
around it comes from ``bulletin.html.j2`` (built in, or the district's own in its
``templates/`` folder), rendered in Jinja's sandbox with HTML autoescaping. No script, font,
image or stylesheet is fetched: the file reads the same offline and in ten years. Its
Content-Security-Policy says so to the browser: no script, no request, no form, and only the
page's own stylesheet (its hash, ``csp_hash``).

Colours come from the meaning the template marks, never from the words: the template writes
``<span class="c-red">红色</span>``, the page's stylesheet colours ``.c-red``, and a table
cell that holds only such a mark is shaded as a whole.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import re
from pathlib import Path

from markdown_it.token import Token
from markupsafe import Markup

from xjj_cli.bulletin.model import Bulletin
from xjj_cli.messages.reports import DRAFT_MARK
from xjj_cli.render.blocks import markdown_parser
from xjj_cli.render.bulletin import environment, render_template
from xjj_cli.render.charts import chart_for
from xjj_cli.render.layout import break_title

_CHART = re.compile(r'<div\b[^>]*?\bdata-chart\s*=\s*"([^"]*)"[^>]*>\s*</div>\n?')
# A contract div written on one line: ``<div class="number">任新基建办〔2026〕12号</div>``.
_ONE_LINE_DIV = re.compile(r'^<div class="([a-z][a-z -]*)">(.*)</div>[ \t]*$', re.M)
_MD_ESCAPE = re.compile(r"\\(.)")
# A table cell holding nothing but a colour mark (``<span class="c-red">…</span>``, written by
# the template) takes the mark itself, so the whole cell is shaded. Only the class is read.
_TONE_CELL = re.compile(r'<td((?:\s[^>]*)?)><span class="c-([a-z]+)">([^<]*)</span></td>')
_CELL = re.compile(r"<td((?:\s[^>]*)?)>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]*>")
SHORT_CELL = 6
"""A table cell of at most this many characters (a number, a town's name, a rank change) is kept
on one line, so that on a phone the long cells (remarks, evidence) wrap instead of the names."""


def markdown_to_html(markdown: str, tokens: list[Token] | None = None) -> str:
    """The bulletin's Markdown as an HTML fragment (CommonMark, tables, raw HTML blocks kept).

    Raw HTML only comes from the template: every value the template prints is escaped for
    Markdown, so a ``<`` in the data arrives here as ``\\<`` and leaves as ``&lt;``. The text
    of a one-line ``<div class="mark">…</div>`` becomes the div's paragraph, read as Markdown,
    as in the multi-line form: the contract's two forms give the same elements. ``tokens``:
    the Markdown parsed already (left as they are).
    """
    parser = markdown_parser()

    def one_line(match: re.Match[str]) -> str:
        text = match.group(2).strip()
        inline = f"<p>{parser.renderInline(text).strip()}</p>" if text else ""
        return f'<div class="{match.group(1)}">{inline}</div>'

    if tokens is None:
        tokens = parser.parse(markdown)
    tokens = [copy.copy(t) if t.type == "html_block" else t for t in tokens]
    for token in tokens:
        if token.type == "html_block":
            token.content = _ONE_LINE_DIV.sub(one_line, token.content)
    return str(parser.renderer.render(tokens, parser.options, {}))


def chart_name(raw: str) -> str:
    """A ``data-chart`` value as the template meant it: HTML entities and Markdown escapes
    (a code's ``_`` is printed ``\\_``, and raw HTML keeps the backslash) undone."""
    return _MD_ESCAPE.sub(r"\1", html.unescape(raw)).strip()


def _figure(bulletin: Bulletin, match: re.Match[str]) -> str:
    name = chart_name(match.group(1))
    svg = chart_for(bulletin, name)
    if not svg:
        return ""
    kind = name.split(":", 1)[0]
    return f'<figure class="chart chart-{html.escape(kind)}">{svg}</figure>\n'


def _shade_cells(fragment: str) -> str:
    """Move a colour mark that fills a table cell onto the cell (its background)."""
    return _TONE_CELL.sub(r'<td\1 class="color c-\2">\3</td>', fragment)


def _keep_short_cells(fragment: str) -> str:
    """Mark the table cells short enough to stay on one line (class ``keep``); equal cells
    (an annex repeats its numbers, colours and words) are marked once."""
    marked: dict[str, str] = {}

    def mark(match: re.Match[str]) -> str:
        cell = match.group(0)
        found = marked.get(cell)
        if found is None:
            found = marked[cell] = _keep(match)
        return found

    return _CELL.sub(mark, fragment)


def _keep(match: re.Match[str]) -> str:
    attrs, inner = match.group(1), match.group(2)
    if not 0 < len(html.unescape(_TAG.sub("", inner)).strip()) <= SHORT_CELL:
        return match.group(0)
    if 'class="' in attrs:
        attrs = re.sub(r'class="([^"]*)"', r'class="\1 keep"', attrs, count=1)
    else:
        attrs += ' class="keep"'
    return f"<td{attrs}>{inner}</td>"


TITLE_CHARACTERS = 156 / 25.4 * 72 / 22
"""Characters of a title line: 22 pt across the 156 mm type area (GB/T 9704)."""
_FIRST_H1 = re.compile(r"<h1>([^<]*)</h1>")


def _title_lines(fragment: str) -> str:
    """The document's title in the lines the DOCX breaks it into (render/layout.py), each kept
    whole where it fits, so a screen breaks it where it reads well, as the printed page does."""

    def lines(match: re.Match[str]) -> str:
        parts = break_title(html.unescape(match.group(1)), TITLE_CHARACTERS)
        if len(parts) == 1:
            return match.group(0)
        spans = "".join(f'<span class="title-line">{html.escape(p)}</span>' for p in parts)
        return f"<h1>{spans}</h1>"

    return _FIRST_H1.sub(lines, fragment, count=1)


def render_fragment(bulletin: Bulletin, markdown: str, tokens: list[Token] | None = None) -> str:
    """The bulletin's body as HTML with its charts drawn in."""
    fragment = _title_lines(markdown_to_html(markdown, tokens))
    fragment = _CHART.sub(lambda m: _figure(bulletin, m), fragment)
    return _keep_short_cells(_shade_cells(fragment))


def csp_hash(text: str) -> Markup:
    """The Content-Security-Policy source that allows exactly the inline ``<script>`` or
    ``<style>`` whose text is ``text``: ``'sha256-…'`` of its UTF-8 bytes. The page's own
    script and stylesheet are named so, at render time, and nothing else runs or applies:
    a script or stylesheet slipped into the page by its data does not carry the hash."""
    digest = hashlib.sha256(str(text).encode("utf-8")).digest()
    return Markup(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")


def render_html(
    bulletin: Bulletin,
    markdown: str,
    override: Path | None = None,
    *,
    draft: str | None = None,
    tokens: list[Token] | None = None,
) -> str:
    """The bulletin as a self-contained HTML page (A4 layout when printed); a draft
    (``draft``: its 征求意见稿 line) carries a banner on screen and the mark on every page."""
    env = environment(override, markdown=False)
    env.filters["csp_hash"] = csp_hash
    return render_template(
        env,
        "bulletin.html.j2",
        b=bulletin,
        body=Markup(render_fragment(bulletin, markdown, tokens)),
        draft=draft,
        draft_mark=DRAFT_MARK,
    )
