"""Where an official document's title breaks into lines (GB/T 9704 §7.3.1).

Only the title: where the text's pages break is left to the program that opens the DOCX
(docs/decisions.md, "版记 on a page of its own").
"""

from __future__ import annotations

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
