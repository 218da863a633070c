"""Characters that must never pass unseen: controls, format characters and line separators.

A file name or a value holding one of them can end a message's line, colour the terminal,
hide part of a name (a right-to-left override shows ``001\\u202egpj.yaml`` as ``001lmay.jpg``)
or make ``2026-10\\n`` look like a month. File names holding one are refused; messages show
them escaped (``\\n``, ``\\u001b``, ``\\u202e``). "Control" here is every character of Unicode's
category C (controls, format characters such as the direction marks, surrogates, private use,
unassigned) and the line and paragraph separators; spaces of every width are kept.
"""

from __future__ import annotations

import unicodedata

_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def is_control(char: str) -> bool:
    """Whether the character ``char`` is one a terminal would act on or a reader not see."""
    category = unicodedata.category(char)
    return category[0] == "C" or category in ("Zl", "Zp")


def has_control(text: str) -> bool:
    """Whether ``text`` holds a control character (``is_control``)."""
    return not text.isprintable() and any(is_control(c) for c in text)


def controls_in(text: str) -> list[str]:
    """The control characters of ``text``, each once, in order of code point."""
    return sorted({c for c in text if is_control(c)}) if has_control(text) else []


def _escaped(char: str) -> str:
    if not is_control(char):
        return char
    code = ord(char)
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every control character written as its escape (``\\r``, ``\\u001b``,
    ``\\u202e``)."""
    if text.isprintable():
        return text
    return "".join(_escaped(c) for c in text)
