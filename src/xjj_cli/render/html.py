"""The bulletin as one self-contained HTML file, for the screen and for print.

The wording comes from the bulletin's Markdown (the one source of it): markdown-it turns it
into an HTML fragment, each ``<div class="chart" data-chart="…"></div>`` the Markdown
template wrote becomes an inline SVG chart drawn from the bulletin's model, and the page
around it comes from ``bulletin.html.j2`` (built in, or the district's own in its
``templates/`` folder), rendered in Jinja's sandbox with HTML autoescaping. No script, font,
image or stylesheet is fetched: the file reads the same offline and in ten years.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown_it import MarkdownIt
from markupsafe import Markup

from xjj_cli.bulletin.model import Bulletin
from xjj_cli.messages import DRAFT_MARK
from xjj_cli.render.bulletin import environment, render_template
from xjj_cli.render.charts import chart_for

_CHART = re.compile(r'<div\b[^>]*?\bdata-chart\s*=\s*"([^"]*)"[^>]*>\s*</div>\n?')
_MD_ESCAPE = re.compile(r"\\(.)")
_COLOR_CELL = re.compile(r"<td((?:\s[^>]*)?)>(蓝色|黄色|红色)</td>")
_COLOR_LEAD = re.compile(r"<strong>(蓝色|黄色|红色)：")
_CARD = re.compile(r"<strong>(黄牌|红牌)</strong>")
COLOR_CLASSES = {
    "蓝色": "c-blue",
    "黄色": "c-yellow",
    "红色": "c-red",
    "黄牌": "c-yellow",
    "红牌": "c-red",
}


def markdown_to_html(markdown: str) -> str:
    """The bulletin's Markdown as an HTML fragment (CommonMark, tables, raw HTML blocks kept).

    Raw HTML only comes from the template: every value the template prints is escaped for
    Markdown, so a ``<`` in the data arrives here as ``\\<`` and leaves as ``&lt;``.
    """
    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


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


def _mark_colors(fragment: str) -> str:
    """Classes for the colour words the template writes: table cells, project leads, cards."""
    fragment = _COLOR_CELL.sub(
        lambda m: f'<td{m.group(1)} class="color {COLOR_CLASSES[m.group(2)]}">{m.group(2)}</td>',
        fragment,
    )
    fragment = _COLOR_LEAD.sub(
        lambda m: f'<strong><span class="{COLOR_CLASSES[m.group(1)]}">{m.group(1)}</span>：',
        fragment,
    )
    return _CARD.sub(
        lambda m: f'<strong class="{COLOR_CLASSES[m.group(1)]}">{m.group(1)}</strong>', fragment
    )


def render_fragment(bulletin: Bulletin, markdown: str) -> str:
    """The bulletin's body as HTML with its charts drawn in."""
    fragment = markdown_to_html(markdown)
    fragment = _CHART.sub(lambda m: _figure(bulletin, m), fragment)
    return _mark_colors(fragment)


def render_html(
    bulletin: Bulletin, markdown: str, override: Path | None = None, *, draft: str | None = None
) -> str:
    """The bulletin as a self-contained HTML page (A4 layout when printed); a draft
    (``draft``: its 征求意见稿 line) carries a banner on screen and the mark on every page."""
    env = environment(override, markdown=False)
    return render_template(
        env,
        "bulletin.html.j2",
        b=bulletin,
        body=Markup(render_fragment(bulletin, markdown)),
        draft=draft,
        draft_mark=DRAFT_MARK,
    )
