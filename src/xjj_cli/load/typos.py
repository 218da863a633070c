"""Guess what a user meant when a value is almost right: the basis of "write it like this" advice.

Chinese input methods type full-width forms (：，４２　) where YAML and CSV need ASCII, and
people write months as 2026.11 or 2026年11月. These functions only guess; the loader
decides when to use a guess, and the message catalogue says it in words.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import NamedTuple

from xjj_cli.chinese import (
    DAY_MARK,
    ENUMERATION_COMMA,
    FULLWIDTH_COLON,
    FULLWIDTH_COMMA,
    IDEOGRAPHIC_SPACE,
    MONTH_MARK,
    YEAR_MARK,
)

_WIDE_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDE_TO_ASCII[ord(IDEOGRAPHIC_SPACE)] = ord(" ")
_WIDE_TO_ASCII[ord(ENUMERATION_COMMA)] = ord(",")  # the enumeration comma, typed between list items
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def halfwidth(text: str) -> str:
    """``text`` with its full-width ASCII forms, ideographic spaces and 、 made half-width."""
    return text.translate(_WIDE_TO_ASCII)


def wide_characters(text: str) -> list[str]:
    """The full-width characters of ``text`` that ``halfwidth`` changes, each once, in order."""
    return list(dict.fromkeys(c for c in text if ord(c) in _WIDE_TO_ASCII))


def wide_number(text: str) -> str | None:
    """The half-width number a full-width one stands for (４２ → 42), else None."""
    fixed = halfwidth(text).strip()
    if fixed != text.strip() and _NUMBER.fullmatch(fixed):
        return fixed
    return None


# --- structural full-width characters in YAML text -------------------------------------------


class WideMark(NamedTuple):
    """A full-width character where YAML needs an ASCII one: its 1-based line and column."""

    line: int
    column: int
    char: str
    indent: bool
    """True when the character is (part of) the line's indentation."""


# A key typed with a full-width colon: "percent：86", "- month：2026-10", "{date：…".
_WIDE_KEY = re.compile(rf"(?:^|[{{,\[]|-\s)\s*[A-Za-z_][A-Za-z0-9_.\-]*\s*({FULLWIDTH_COLON})")
# A full-width comma or 、 between the items of a flow list or mapping.
_WIDE_FLOW = re.compile(rf"[\[{{][^\]}}#'\"]*?([{FULLWIDTH_COMMA}{ENUMERATION_COMMA}])")


def wide_marks(text: str, failed_line: int) -> list[WideMark]:
    """Full-width characters that break YAML's structure on ``failed_line`` (1-based) or on
    the last line with content before it: the parser fails on the token after the cause."""
    lines = text.split("\n")
    first = min(failed_line, len(lines) + 1) - 1
    while first > 1 and _blank(lines[first - 1]):
        first -= 1
    marks: list[WideMark] = []
    for number in range(max(first, 1), min(failed_line, len(lines)) + 1):
        line = lines[number - 1]
        stripped = line.lstrip(" " + IDEOGRAPHIC_SPACE)
        indent = line[: len(line) - len(stripped)]
        if IDEOGRAPHIC_SPACE in indent:
            column = indent.index(IDEOGRAPHIC_SPACE) + 1
            marks.append(WideMark(number, column, IDEOGRAPHIC_SPACE, True))
            continue
        if stripped.startswith("#"):
            continue
        found = _WIDE_KEY.search(line) or _WIDE_FLOW.search(line)
        if found:
            marks.append(WideMark(number, found.start(1) + 1, found.group(1), False))
    return marks


def _blank(line: str) -> bool:
    content = line.strip(" \t")
    return not content or content.startswith("#")


# --- months and dates written another way ----------------------------------------------------


def month_guesses(raw: str) -> list[str]:
    """What a month written as 2026.11, 2026/1, 2026年11月 or 202611 was meant to be.

    Two guesses for 2026.1: YAML and Excel read 2026.10 as the number 2026.1, so a
    trailing zero may have been lost on the way.
    """
    text = halfwidth(raw).strip()
    found = re.fullmatch(
        rf"([0-9]{{4}})\s*(?:[./\-{YEAR_MARK}]\s*([0-9]{{1,2}})\s*{MONTH_MARK}?|([0-9]{{2}}))", text
    )
    if not found:
        return []
    year, month = found.group(1), found.group(2) or found.group(3)
    if not 1 <= int(month) <= 12:
        return []
    guesses = [f"{year}-{int(month):02d}"]
    if re.fullmatch(r"[0-9]{4}\.1", text):
        guesses.append(f"{year}-10")
    return guesses


def date_guess(raw: str) -> str | None:
    """What a date written as 2026.10.12, 2026/10/12 or 2026年10月12日 was meant to be."""
    text = halfwidth(raw).strip()
    found = re.fullmatch(
        rf"([0-9]{{4}})\s*[./\-{YEAR_MARK}]\s*([0-9]{{1,2}})\s*[./\-{MONTH_MARK}]\s*([0-9]{{1,2}})\s*{DAY_MARK}?",
        text,
    )
    if not found:
        return None
    try:
        day = dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None
    return day.isoformat()


# --- a name written where a code belongs -----------------------------------------------------


def code_for_name(text: str, names: dict[str, str]) -> str | None:
    """The code whose name ``text`` is (济阳街道 → jy), or part of (济阳), or close to."""
    text = text.strip()
    if not text:
        return None
    for code, name in names.items():
        if text == name:
            return code
    for code, name in names.items():
        if name and len(text) >= 2 and (text in name or name in text):
            return code
    by_name = {name: code for code, name in names.items() if name}
    close = difflib.get_close_matches(text, list(by_name), n=1, cutoff=0.6)
    return by_name[close[0]] if close else None
