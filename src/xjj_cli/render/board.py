"""Render the battle map (挂图作战图) as one self-contained HTML page (SPEC §7).

The page is ``board.html.j2`` rendered with HTML autoescape (every name and text from the
data is text, never markup), with its styles, script and charts inline: it makes no request,
and its Content-Security-Policy names the hashes of its own script and stylesheet only
(``csp_hash``). The district's own map (map/towns.svg, checked by validate against the
map's allow-list, and reduced to what that list names when embedded) is drawn in once per
ranked metric, each town's shape filled with its colour.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from xjj_cli.board.model import (
    Board,
    BoardMetric,
    BoardMilestone,
    BoardProject,
    BoardWarning,
    Choice,
    RateHistory,
    UnitPage,
)
from xjj_cli.load.svgmap import Shade, coloured_map
from xjj_cli.messages.board import board_word
from xjj_cli.messages.formats import cn_month, money_text, one_decimal, percent_points
from xjj_cli.messages.reports import DRAFT_MARK, NOT_STARTED, REPORT_HEADINGS
from xjj_cli.render.board_data import Packer, indexed, script_json, split_fragments
from xjj_cli.render.bulletin import environment, render_template
from xjj_cli.render.charts import trend_chart
from xjj_cli.render.html import csp_hash
from xjj_cli.render.palette import TONES

UNRANKED_FILL = "#d9d9d9"
CARD_END = Markup("<!--card-->")
UNIT_END = Markup("<!--unit-->")
NAME_MARK = Markup("<!--name-->")
COLOR_KEYS = ("red", "yellow", "blue", "not_started")

PLAIN_DATA = frozenset({Board, BoardProject, BoardMilestone, BoardWarning, Choice, UnitPage})
"""The board's own records, read once per project card: frozen dataclasses of plain values,
whose public attributes the sandbox would allow anyway (see ``_fast_attribute_check``)."""


def _fast_attribute_check(env: Any) -> None:
    """Answer the sandbox's "may the template read this attribute?" at once for a public
    attribute of the board's records: the answer the sandbox gives after its checks (a name
    not starting with "_" of an object that is no function, method, type, code, frame or
    generator), ~1 million times on a province's board. Anything else asks the sandbox."""
    check = env.is_safe_attribute

    def is_safe_attribute(obj: object, attr: str, value: object) -> bool:
        if type(obj) in PLAIN_DATA and not attr.startswith("_"):
            return True
        return bool(check(obj, attr, value))

    env.is_safe_attribute = is_safe_attribute


def _shades(metric: BoardMetric) -> dict[str, Shade]:
    """Each town's shape on the map: its colour's fill (grey when unranked) and its title."""
    shades = {}
    for tile in metric.tiles:
        if tile.color is None or tile.rank is None or tile.rate is None:
            shades[tile.code] = Shade(UNRANKED_FILL, tile.title)
        else:
            shades[tile.code] = Shade(f"#{TONES[tile.color].fill}", tile.title)
    return shades


def render_board(
    board: Board,
    trends: list[RateHistory],
    override: Path | None = None,
    town_map: bytes | None = None,
) -> str:
    """The board as one HTML page; ``override`` is the district's own templates folder,
    ``town_map`` the district's map/towns.svg (already validated) when it has one."""
    env = environment(override, markdown=False)
    _fast_attribute_check(env)
    # a province's cards show a few thousand distinct values, 40,000 times: each formatted once
    env.filters["pts"] = functools.lru_cache(maxsize=None)(percent_points)
    env.filters["gap"] = one_decimal
    env.filters["money_text"] = money_text
    env.filters["csp_hash"] = csp_hash
    chart = trend_chart(trends)
    maps = {}
    if town_map is not None:
        for index, metric in enumerate(board.metrics, 1):
            label = board_word("map_label", metric=metric.name)
            # coloured_map keeps only what the map's allow-list names, escapes every text and
            # attribute, and gives each copy its own ids (none meets the board's or another's)
            svg = coloured_map(town_map, _shades(metric), label, ids=f"map{index}-")
            maps[metric.id] = Markup(svg)
    context: dict[str, Any] = {
        "linked": board.unit_codes,
        "not_started": NOT_STARTED,
        "unit_heads": REPORT_HEADINGS["history"],
        "problem_heads": REPORT_HEADINGS["history_problems"],
        "unit_warnings_title": board_word("unit_warnings", month=cn_month(board.month)),
    }
    return render_template(
        env,
        "board.html.j2",
        b=board,
        pages=board.pages,
        data=Markup(script_json(board_data(env, board, context))),
        cards_nojs=board_word("cards_nojs"),
        units_title=board_word("units"),
        units_hint=board_word("units_hint"),
        warnings_title=board_word("warnings", count=len(board.warnings)),
        warnings_hint=board_word("warnings_hint"),
        warnings_none=board_word("warnings_none"),
        warnings_link=board_word("warnings_link", count=len(board.warnings)),
        trend=Markup(chart) if chart else "",
        maps=maps,
        time_progress=board.time_progress,
        draft_mark=DRAFT_MARK,
        **context,
    )


def board_data(env: Any, board: Board, context: dict[str, Any]) -> dict[str, Any]:
    """The cards and unit pages as the page's script reads them (``board_data``): ``s`` the
    skeletons and ``f`` the shapes of the packed fragments; ``c`` each card as [its group,
    [its towns], its packed name (as HTML, for the card's ``NAME_MARK``), its packed HTML], a group ``g`` being [domain, owner,
    colour] (indexes into ``d``, ``o`` and ``k``, as the towns into ``t``: the filters'
    codes); ``u`` each unit page's packed body by the unit's code."""
    items = render_template(
        env,
        "board_items.html.j2",
        projects=board.projects,
        pages=board.pages,
        card_end=CARD_END,
        name_mark=NAME_MARK,
        unit_end=UNIT_END,
        **context,
    )
    *card_html, rest = split_fragments(items, CARD_END)
    unit_html = split_fragments(rest, UNIT_END)[:-1]
    packer = Packer()
    domains = indexed(d.code for d in board.domains)
    owners = indexed(o.code for o in board.owners)
    towns = indexed(t.code for t in board.towns)
    colors = indexed(COLOR_KEYS)
    groups: dict[tuple[int, int, int], int] = {}
    rows: list[list[Any]] = [
        [
            groups.setdefault(
                (domains.get(p.domain.code, -1), owners[p.owner.code], colors[p.color]),
                len(groups),
            ),
            [towns.get(t.code, -1) for t in p.towns],
            packer.add(str(escape(p.name))),
            packer.add(html),
        ]
        for p, html in zip(board.projects, card_html, strict=True)
    ]
    units = {page.code: packer.add(html) for page, html in zip(board.pages, unit_html, strict=True)}
    packed, skeletons, shapes = packer.pack()
    for row in rows:
        row[2], row[3] = packed[row[2]], packed[row[3]]
    return {
        "s": skeletons,
        "f": shapes,
        "d": list(domains),
        "o": list(owners),
        "t": list(towns),
        "k": list(COLOR_KEYS),
        "g": [list(group) for group in groups],
        "c": rows,
        "u": {code: packed[number] for code, number in units.items()},
    }
