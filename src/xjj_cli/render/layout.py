"""Where an official document's title breaks into lines (GB/T 9704 §7.3.1).

Only the title: where the text's pages break is left to the program that opens the DOCX
(docs/decisions.md, "版记 on a page of its own").
"""

from __future__ import annotations

from collections.abc import Iterable

from xjj_cli.chinese import (
    CLOSING_PUNCTUATION,
    OPENING_PUNCTUATION,
    TITLE_BREAK_AFTER,
    TITLE_BREAK_BEFORE,
    TITLE_WORDS,
)
from xjj_cli.render.blocks import width

TITLE_MARGIN = 1.0
"""Characters a title line keeps free: a line set exactly full in one font wraps its last
character in another (a 20-character title in 20.1 characters' room printed its last
character alone on a line), so a title is broken only where this module chose to."""


def break_title(text: str, capacity: float, keep: Iterable[str] = ()) -> list[str]:
    """A title as the lines it is set in, ``capacity`` characters a line (GB/T 9704 §7.3.1:
    词意完整、长短适宜). One line when it fits with ``TITLE_MARGIN`` to spare; else a break at a
    place that reads well — before "…进行", "…的通知", after "关于…" (chinese.py) — with lines
    as even as possible, never inside one of those words nor inside a word of ``keep`` (the
    names in the title: a unit's name is data), never three characters or fewer alone on the
    last line, never inside a number or next to a bracket."""
    room = capacity - TITLE_MARGIN
    if width(text) <= room or len(text) < 8:
        return [text]
    whole = _inside_words(text, (*TITLE_BREAK_BEFORE, *TITLE_BREAK_AFTER, *TITLE_WORDS, *keep))
    best: tuple[float, int] | None = None
    for cut in range(4, len(text) - 3):
        head, tail = text[:cut], text[cut:]
        if width(head) > room:
            break
        if cut in whole or not _breakable(text, cut):
            continue
        cue = tail.startswith(TITLE_BREAK_BEFORE) or head.endswith(TITLE_BREAK_AFTER)
        rest = width(tail)
        # A tail too long for one line is broken again: then fill this line instead.
        cost = (room - width(head)) if rest > room else abs(width(head) - rest)
        cost += 0 if cue else 12  # a break inside a phrase reads worse than uneven lines
        if best is None or cost < best[0]:
            best = (cost, cut)
    if best is None:
        return [text]
    cut = best[1]
    return [text[:cut], *break_title(text[cut:], capacity, keep)]


def _inside_words(text: str, words: Iterable[str]) -> set[int]:
    """The cuts that would fall inside an occurrence of one of the words."""
    inside: set[int] = set()
    for word in words:
        if len(word) < 2:
            continue
        start = text.find(word)
        while start >= 0:
            inside.update(range(start + 1, start + len(word)))
            start = text.find(word, start + 1)
    return inside


def _breakable(text: str, cut: int) -> bool:
    before, after = text[cut - 1], text[cut]
    if before.isascii() and after.isascii() and (before + after).strip().isalnum():
        return False
    return before not in OPENING_PUNCTUATION and after not in CLOSING_PUNCTUATION
