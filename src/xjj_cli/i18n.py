"""The command-line library's own words in Chinese, from a gettext catalogue.

typer 0.29 vendors click as ``typer._click``. Its own module ``typer.core`` looks up
its words (``Options``, ``default: …``, ``No such command …``) with ``gettext``,
imported as the module's name ``_``; :func:`install` binds that name to xjj's catalogue
(``locale/zh_CN/LC_MESSAGES/xjj.po``), so the words are Chinese whatever the
computer's locale. The vendored click writes its words without gettext: the help's
``Usage:`` and metavars are set by the command classes in ``cli.py`` and its usage
errors are told by :func:`usage_error` from the exception's fields — both through the
same catalogue, keyed by click's English text.
"""

from __future__ import annotations

import ast
import functools
import gettext
import io
import struct
from importlib import resources
from typing import TYPE_CHECKING

from xjj_cli.chinese import listing

if TYPE_CHECKING:
    from typer._click.exceptions import BadParameter, UsageError

CATALOGUE = ("locale", "zh_CN", "LC_MESSAGES", "xjj.po")
"""The catalogue's path inside the package."""


def read_po(text: str) -> dict[str, str]:
    """The translations of a .po catalogue: msgid → msgstr (the header under "")."""
    entries: dict[str, str] = {}
    field: str | None = None
    parts: dict[str, list[str]] = {}

    def finish() -> None:
        if "msgid" in parts and "msgstr" in parts:
            entries["".join(parts["msgid"])] = "".join(parts["msgstr"])
        parts.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            finish()
            field, line = "msgid", line[len("msgid ") :]
        elif line.startswith("msgstr "):
            field, line = "msgstr", line[len("msgstr ") :]
        if field is None or not (line.startswith('"') and line.endswith('"')):
            raise ValueError(f"not a .po line: {raw!r}")
        parts.setdefault(field, []).append(ast.literal_eval(line))
    finish()
    return entries


def compile_mo(entries: dict[str, str]) -> bytes:
    """A GNU .mo file of ``entries``, as msgfmt writes it (without the hash table)."""
    keys = sorted(entries)
    ids = [k.encode("utf-8") for k in keys]
    strs = [entries[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)  # header, then the two tables of (length, offset)
    id_table, offset = [], start
    for data in ids:
        id_table += [len(data), offset]
        offset += len(data) + 1
    str_table = []
    for data in strs:
        str_table += [len(data), offset]
        offset += len(data) + 1
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    tables = struct.pack(f"<{4 * len(keys)}I", *id_table, *str_table)
    return header + tables + b"".join(d + b"\0" for d in ids) + b"".join(d + b"\0" for d in strs)


def catalogue_text() -> str:
    """The .po catalogue as shipped in the package."""
    return resources.files("xjj_cli").joinpath(*CATALOGUE).read_text(encoding="utf-8")


@functools.cache
def catalogue() -> gettext.GNUTranslations:
    """xjj's Chinese catalogue of the command-line library's words."""
    return gettext.GNUTranslations(io.BytesIO(compile_mo(read_po(catalogue_text()))))


def _(message: str) -> str:
    """``message`` (the library's English text) in Chinese; unchanged if not in the catalogue."""
    return catalogue().gettext(message)


def install() -> None:
    """Make typer's gettext lookups find xjj's catalogue."""
    import typer.core

    typer.core._ = _  # type: ignore[attr-defined]


def usage_error(exc: UsageError) -> str:
    """What the command line got wrong, in Chinese, from the fields of click's exception."""
    from typer._click.exceptions import (
        BadOptionUsage,
        BadParameter,
        MissingParameter,
        NoSuchOption,
    )

    if isinstance(exc, NoSuchOption):
        text = _("No such option: {option_name}").format(option_name=exc.option_name)
        if exc.possibilities:
            possibility_str = listing(sorted(exc.possibilities))
            text += _("(Possible options: {possibility_str})").format(
                possibility_str=possibility_str
            )
        return text
    if isinstance(exc, BadOptionUsage):
        if _takes_no_value(exc):
            return _("Option {opt!r} does not take a value.").format(opt=exc.option_name)
        return _("Option {option_name!r} requires {msg}").format(
            option_name=exc.option_name, msg=_("an argument.")
        )
    if isinstance(exc, MissingParameter):
        param_type = exc.param_type or (exc.param.param_type_name if exc.param else "")
        hint = f" {_hint(exc.param)}" if exc.param is not None else ""
        return _("Missing {param_type}{param_hint}.").format(
            param_type=_(param_type), param_hint=hint
        )
    if isinstance(exc, BadParameter) and exc.param is not None:
        return _("Invalid value for {hint}: {message}").format(
            hint=_hint(exc.param), message=_bad_value(exc)
        )
    return exc.message


def _hint(param: object) -> str:
    """How the user names a parameter: its options, or an argument's placeholder."""
    from typer.core import TyperArgument, TyperOption

    if isinstance(param, TyperOption):
        return "/".join(param.opts)
    if isinstance(param, TyperArgument):
        return str(param.metavar or param.name)
    return ""


def _takes_no_value(exc: UsageError) -> bool:
    """Whether click's BadOptionUsage is about a flag given a value (``--quiet=yes``)."""
    from typer._click.exceptions import BadOptionUsage
    from typer.core import TyperOption

    assert isinstance(exc, BadOptionUsage)
    command = exc.ctx.command if exc.ctx is not None else None
    name = exc.option_name.split("=", 1)[0]
    for param in command.params if command is not None else ():
        if isinstance(param, TyperOption) and name in param.opts:
            return bool(param.is_flag)
    return False


def _bad_value(exc: BadParameter) -> str:
    """Why a value was refused: for a choice, the value and the choices."""
    from enum import Enum

    from pydantic import ValidationError
    from typer.core import _TyperParameter

    param, cause = exc.param, exc.__cause__
    choice = isinstance(param, _TyperParameter) and param.type_descriptor.is_choice
    if choice and isinstance(cause, ValidationError) and cause.errors():
        assert isinstance(param, _TyperParameter)
        value: object = cause.errors()[0]["input"]
        names = [c.value if isinstance(c, Enum) else c for c in param.type_descriptor.choices or ()]
        return _("{value!r} is not one of {choices_str}.").format(
            value=value, choices_str=listing(names)
        )
    return str(exc.message)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
