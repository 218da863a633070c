"""Characters that must never pass unseen: controls, line separators and direction marks.

A file name or a value holding one of them can end a message's line, colour the terminal,
hide part of a name (a right-to-left override shows ``001‮gpj.yaml`` as ``001lmay.jpg``)
or make ``2026-10\\n`` look like a month. File names holding one are refused; messages show
them escaped (``\\n``, ``\\x1b``, ``\\u202e``).
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls, DEL, the line and paragraph separators and the bidirectional marks."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character of ``CONTROL``."""
    return CONTROL.search(text) is not None


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character of ``CONTROL`` written as its escape."""
    return CONTROL.sub(_escaped, text) if has_control(text) else text
