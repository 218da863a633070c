"""The board's cards and unit pages as one compact data block (SPEC §7, issue 28).

A province's board has 20,000 project cards and 1,800 unit pages: as HTML they made a file of
25–41 MB that a browser needed over a minute to lay out. The page now carries them as data,
and its script draws the cards as the reader scrolls or filters and a unit's page when it is
opened. The HTML of each card and page is still written by the template (``board_items``,
autoescaped), so what a reader sees is what the template says; only its transport changes.

The transport is two tables. Each of a fragment's lines (the template's) is split at its runs of digits; the text
between them (markup, names, words) is a *skeleton*, kept once, and a run of digits that is the
same wherever its skeleton is used (the year, a ranking's number of towns, "5" of "5G") is folded
into it. A fragment's lines are a *shape* (the indexes of their skeletons), also kept once, and
the fragment becomes its shape's index followed by the digits its lines leave open:
``"7,03804,0553,0174,…"``. A province's 20,000 cards differ mostly in their figures, so they
share a few hundred skeletons and shapes. ``unpack`` is the inverse, as the page's script does it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_DIGITS = re.compile(r"[0-9]+")
_LINE = re.compile(r"\n(?= )")
"""Where a fragment's lines part: at the template's own lines (indented), not inside a cell's
several lines of text (a unit page's ranks, one a line), which stay with their row."""


class Packer:
    """Packs fragments (``add``) against shared tables of skeletons and shapes (``pack``)."""

    def __init__(self) -> None:
        self._lines: dict[tuple[str, ...], int] = {}
        self._first: list[list[str]] = []
        """Each line skeleton's digits where first seen; None where they ever differed."""
        self._pieces: list[tuple[str, ...]] = []
        self._fragments: list[list[tuple[int, list[str]]]] = []

    def add(self, text: str) -> int:
        """Take ``text`` (one or more lines); returns its number for ``pack``'s list."""
        found = []
        for line in _LINE.split(text):
            pieces = tuple(_DIGITS.split(line))
            numbers = _DIGITS.findall(line)
            index = self._lines.get(pieces)
            if index is None:
                index = self._lines[pieces] = len(self._pieces)
                self._pieces.append(pieces)
                self._first.append(list(numbers))
            else:
                first = self._first[index]
                for i, number in enumerate(numbers):
                    if first[i] != number:
                        first[i] = ""  # never a run of digits: this slot stays open
            found.append((index, numbers))
        self._fragments.append(found)
        return len(self._fragments) - 1

    def pack(self) -> tuple[list[str], list[list[str]], list[list[int]]]:
        """Each fragment packed, in ``add``'s order; the skeletons; the shapes."""
        skeletons = []
        for pieces, first in zip(self._pieces, self._first, strict=True):
            merged = [pieces[0]]
            for number, piece in zip(first, pieces[1:], strict=True):
                if number:
                    merged[-1] += number + piece
                else:
                    merged.append(piece)
            skeletons.append(merged)
        shapes: dict[tuple[int, ...], int] = {}
        packed = []
        for fragment in self._fragments:
            shape = tuple(index for index, _ in fragment)
            parts = [str(shapes.setdefault(shape, len(shapes)))]
            for index, numbers in fragment:
                first = self._first[index]
                parts.extend(n for i, n in enumerate(numbers) if not first[i])
            packed.append(",".join(parts))
        return packed, skeletons, [list(shape) for shape in shapes]


def unpack(packed: str, skeletons: list[list[str]], shapes: list[list[int]]) -> str:
    """The fragment ``Packer.pack`` packed (what the page's script draws)."""
    parts = packed.split(",")
    numbers = iter(parts[1:])
    lines = []
    for index in shapes[int(parts[0])]:
        pieces = skeletons[index]
        text = pieces[0]
        for piece in pieces[1:]:
            text += next(numbers) + piece
        lines.append(text)
    return "\n".join(lines)


def script_json(value: object) -> str:
    """``value`` as JSON safe inside ``<script type="application/json">``: no ``<``, ``>``
    or ``&`` appears raw, so no text in it can close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def split_fragments(html: str, mark: str) -> list[str]:
    """``html`` cut at each ``mark`` (an HTML comment ``board_items`` writes after each
    fragment: autoescaped data never holds a raw ``<``, so no name can forge it); the last
    part is what follows the last mark."""
    return [part.strip("\n") for part in html.split(mark)]


def indexed(codes: Iterable[str]) -> dict[str, int]:
    """Each code's index in ``codes``' order."""
    return {code: i for i, code in enumerate(codes)}
