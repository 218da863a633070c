"""Where an official document's lines fall: the title's line breaks, and an estimate of the
pages, so the DOCX writer can put the 版记 at the foot of the last, even page.

A word processor paginates only when the document is opened; the writer has to decide before.
GB/T 9704 lays the text on a fixed grid (22 lines of 28.95 pt, characters in cells), so the
writer can count: every paragraph takes whole lines of the grid (its text measured with
``blocks.width``, in cells), tables take their rows (the cell text measured in its column),
headings stay with what follows, paragraphs keep two lines together at a page's foot or head,
each annex starts a page. The count is an estimate: it follows LibreOffice's layout, which the
tests check page by page (docs/decisions.md says where it may differ from Word or WPS).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from xjj_cli.chinese import (
    CLOSING_PUNCTUATION,
    OPENING_PUNCTUATION,
    TITLE_BREAK_AFTER,
    TITLE_BREAK_BEFORE,
)
from xjj_cli.render.blocks import width


def break_title(text: str, capacity: float) -> list[str]:
    """A title as the lines it is set in, ``capacity`` characters a line (GB/T 9704 §7.3.1:
    词意完整、长短适宜). One line when it fits; else a break at a place that reads well — before
    "…工作", "…的通知", after "关于…" (chinese.py) — with lines as even as possible, never three
    characters or fewer alone on the last line, never inside a number or next to a bracket."""
    if width(text) <= capacity or len(text) < 8:
        return [text]
    best: tuple[float, int] | None = None
    for cut in range(4, len(text) - 3):
        head, tail = text[:cut], text[cut:]
        if width(head) > capacity:
            break
        if not _breakable(text, cut):
            continue
        cue = tail.startswith(TITLE_BREAK_BEFORE) or head.endswith(TITLE_BREAK_AFTER)
        rest = width(tail)
        # A tail too long for one line is broken again: then fill this line instead.
        cost = (capacity - width(head)) if rest > capacity else abs(width(head) - rest)
        cost += 0 if cue else 12  # a break inside a phrase reads worse than uneven lines
        if best is None or cost < best[0]:
            best = (cost, cut)
    if best is None:
        return [text]
    cut = best[1]
    return [text[:cut], *break_title(text[cut:], capacity)]


def _breakable(text: str, cut: int) -> bool:
    before, after = text[cut - 1], text[cut]
    if before.isascii() and after.isascii() and (before + after).strip().isalnum():
        return False
    return before not in OPENING_PUNCTUATION and after not in CLOSING_PUNCTUATION


def lines_of(text: str, cells: float, first: float = 0.0) -> int:
    """How many lines of ``cells`` characters a paragraph takes, its first line indented
    ``first`` characters (a line break in the text starts a line)."""
    count = 0
    for part in text.split("\n"):
        count += max(1, math.ceil((first + width(part)) / cells - 1e-9))
        first = 0.0
    return count


@dataclass(frozen=True)
class Item:
    """One block as the page sees it: the heights of its lines (or table rows), in points."""

    heights: tuple[float, ...]
    before: float = 0.0
    keep_next: bool = False
    new_page: bool = False
    splits: bool = True  # a paragraph splits between lines (two at least each side); a row never
    header: float = 0.0  # a table's header row, repeated at the head of every page it runs onto
    rows: bool = False


@dataclass(frozen=True)
class Position:
    """Where the text ends: on which page, and how many points of it are used."""

    page: int
    used: float


def paginate(items: Sequence[Item], page_height: float) -> Position:
    """Lay the items out on pages ``page_height`` points tall (the estimate; see the module)."""
    page, used = 1, 0.0
    for index, item in enumerate(items):
        if item.new_page and (used > 0 or page > 1) and index > 0:
            page, used = page + 1, 0.0
        before = item.before if used > 0 or page == 1 else 0.0
        if item.keep_next and len(item.heights) <= 2:
            chain = _chain(items, index)
            if used > 0 and used + before + chain > page_height >= chain:
                page, used, before = page + 1, 0.0, 0.0
        used += before
        heights = list(item.heights)
        while heights:
            room = page_height - used
            fit = 0
            total = 0.0
            for height in heights:
                if total + height > room + 1e-6:
                    break
                total += height
                fit += 1
            if fit == len(heights):
                used += total
                break
            if item.splits and not item.rows:
                if len(heights) - fit == 1 and fit > 1:
                    fit -= 1  # no last line alone at the head of a page
                if fit == 1:
                    fit = 0  # no first line alone at the foot of a page
            if fit == 0 and used == 0:
                fit = 1  # taller than a page: it must go somewhere
            used += sum(heights[:fit])
            heights = heights[fit:]
            page, used = page + 1, (item.header if item.rows else 0.0)
    return Position(page, used)


def _chain(items: Sequence[Item], index: int) -> float:
    """The height a kept-with-next item needs on its page: itself, the items kept with it, and
    the first line of the first one not kept."""
    total = 0.0
    for item in items[index:]:
        if total and item.new_page:
            break
        if not item.keep_next:
            return total + item.before + (item.heights[0] if item.heights else 0.0)
        total += item.before + sum(item.heights)
    return total
