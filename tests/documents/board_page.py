"""The board as its script draws it: every card in its place and every unit page's body in its
section, unpacked from the page's data block as the script does (``render/board_data.py``).

The text tests read this page (what a reader sees once the cards are drawn and the sections
opened); the page as sent, without JavaScript, is checked as it is.
"""

from __future__ import annotations

import json
import re
from typing import Any

from xjj_cli.render.board_data import unpack

_DATA = re.compile(r'<script type="application/json" id="board-data">(.*?)</script>', re.S)
_UNIT = re.compile(r'<details class="unit" id="unit-([\w-]+)">\n    <summary>.*?</summary>', re.S)
CARDS = '<div class="cards" id="cards"></div>'
NAME_MARK = "<!--name-->"


def board_data(html: str) -> dict[str, Any]:
    """The page's data block."""
    found = _DATA.search(html)
    assert found is not None, "no data block"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def cards(html: str) -> list[str]:
    """Every card's HTML, in the page's order, as the script draws it."""
    data = board_data(html)
    s, f = data["s"], data["f"]
    return [unpack(c[3], s, f).replace(NAME_MARK, unpack(c[2], s, f)) for c in data["c"]]


def drawn(html: str) -> str:
    """``html`` with every card drawn and every unit page's body in its section (and the data
    block, drawn, left out)."""
    data, drawn_cards = board_data(html), cards(html)
    assert html.count(CARDS) == 1
    html = _DATA.sub("", html)
    html = html.replace(CARDS, CARDS.replace("</div>", "\n".join(drawn_cards) + "\n  </div>"))

    def body(found: re.Match[str]) -> str:
        return found.group(0) + "\n" + unpack(data["u"][found.group(1)], data["s"], data["f"])

    return _UNIT.sub(body, html)
