"""Messages cut to a service's size limit (SPEC §9): between lines, never inside one.

Limits are in bytes of UTF-8, as the services count them. A part is made of whole lines
while they fit; only a single line longer than the limit by itself is cut, at characters
(never inside a character's bytes) — the last resort, when no whole line fits at all. Put
back together, the parts are the text exactly.
"""

from __future__ import annotations

from collections.abc import Callable


def size(text: str) -> int:
    """The text's size as the services count it: bytes of UTF-8."""
    return len(text.encode("utf-8"))


def _cut(line: str, limit: int) -> list[str]:
    """A line longer than ``limit`` in pieces of at most ``limit`` bytes, at characters."""
    pieces: list[str] = []
    piece: list[str] = []
    used = 0
    for char in line:
        n = size(char)
        if used + n > limit and piece:
            pieces.append("".join(piece))
            piece, used = [], 0
        piece.append(char)
        used += n
    if piece:
        pieces.append("".join(piece))
    return pieces


def split_text(text: str, limit: int) -> list[str]:
    """``text`` in parts of at most ``limit`` bytes each, cut between lines (a line keeps its
    line end); ``"".join`` of the parts is ``text``."""
    if limit < 4:  # a character takes up to 4 bytes of UTF-8
        raise ValueError(f"limit too small: {limit}")
    parts: list[str] = []
    current, used = [], 0
    for line in text.splitlines(keepends=True):
        n = size(line)
        if used + n <= limit:
            current.append(line)
            used += n
            continue
        if current:
            parts.append("".join(current))
            current, used = [], 0
        if n <= limit:
            current, used = [line], n
            continue
        *whole, last = _cut(line, limit)
        parts.extend(whole)
        current, used = [last], size(last)
    if current:
        parts.append("".join(current))
    return parts or [text]


def split_message(
    heading: str, body: str, limit: int, part_heading: Callable[[int, int], str]
) -> list[str]:
    """``heading`` + newline + ``body`` when it fits in ``limit`` bytes; else parts, each
    ``part_heading(index, total)`` + newline + a piece of the body, every part within
    ``limit`` (the pieces, put back together, are ``body``)."""
    whole = f"{heading}\n{body}"
    if size(whole) <= limit:
        return [whole]
    total = 2
    for _ in range(8):  # the headings grow by a digit at most a few times
        room = limit - size(part_heading(total, total) + "\n")
        pieces = split_text(body, room)
        if len(pieces) == total:
            break
        total = len(pieces)
    else:  # pragma: no cover - the count settles within a digit or two
        raise ValueError("the parts' count does not settle")
    return [f"{part_heading(i, total)}\n{p}" for i, p in enumerate(pieces, start=1)]
