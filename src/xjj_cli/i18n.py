"""The command-line library's own words in Chinese, from a gettext catalogue.

typer 0.29 vendors click as ``typer._click``. Its own module ``typer.core`` looks up
its words (``Options``, ``default: …``, ``No such command …``) with ``gettext``,
imported as the module's name ``_``; :func:`install` binds that name to xjj's catalogue
(``locale/zh_CN/LC_MESSAGES/xjj.po``), so the words are Chinese whatever the
computer's locale. The vendored click writes its words without gettext: the help's
``Usage:`` and metavars are set by the command classes below and its usage
errors are told by :func:`usage_error` from the exception's fields — both through the
same catalogue, keyed by click's English text.

The command classes here (``ChineseCommand``, ``ChineseGroup``) are click's, with help and
usage in Chinese and laid out in terminal cells (a Chinese character is two columns wide).
What a command does with an error — its message and exit code — is ``cli.py``'s.
"""

from __future__ import annotations

import ast
import difflib
import functools
import gettext
import io
import struct
from collections.abc import Sequence
from importlib import resources
from typing import Any

import typer
import typer.core
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter, wrap_text
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption, _TyperParameter

from xjj_cli.chinese import display_width, listing, wrap_cells

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
    typer.core._ = _  # type: ignore[attr-defined]


def usage_error(exc: UsageError) -> str:
    """What the command line got wrong, in Chinese, from the fields of click's exception."""
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
    if isinstance(param, TyperOption):
        return "/".join(param.opts)
    if isinstance(param, TyperArgument):
        return str(param.metavar or param.name)
    return ""


def _takes_no_value(exc: UsageError) -> bool:
    """Whether click's BadOptionUsage is about a flag given a value (``--quiet=yes``)."""
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


class ChineseHelpFormatter(HelpFormatter):
    """click's help layout, with columns measured in terminal cells (a Chinese character is two)."""

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        self._write_rows(rows, col_max, col_spacing, sentences=False)

    def write_sentences(self, rows: Sequence[tuple[str, str]]) -> None:
        """As :meth:`write_dl`, for Chinese sentences (the commands' summaries): click's
        ``wrap_text`` breaks only at spaces and counts characters, so a sentence without
        spaces would run past the terminal's edge; these break between Chinese characters,
        measured in cells."""
        self._write_rows(rows, 30, 2, sentences=True)

    def _write_rows(
        self, rows: Sequence[tuple[str, str]], col_max: int, col_spacing: int, *, sentences: bool
    ) -> None:
        rows = list(rows)
        first_col = min(max((display_width(r[0]) for r in rows), default=0), col_max)
        first_col += col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            width = display_width(first)
            if width <= first_col - col_spacing:
                self.write(" " * (first_col - width))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            if sentences:
                lines = wrap_cells(second, max(self.width - first_col - self.current_indent, 10))
            else:
                text = wrap_text(
                    second, max(self.width - first_col - 2, 10), preserve_paragraphs=True
                )
                lines = text.splitlines()
            indent = " " * (first_col + self.current_indent)
            self.write(f"\n{indent}".join(lines) + "\n")


class ChineseContext(typer.Context):
    formatter_class = ChineseHelpFormatter


class Chinese:
    """Help in Chinese: the words click writes without gettext, through xjj's catalogue."""

    context_class = ChineseContext

    def get_help_option(self, ctx: typer.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _(option.help)
        return option

    def format_usage(self, ctx: typer.Context, formatter: HelpFormatter) -> None:
        pieces = [_(piece) for piece in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        """Parse; left-over words are told in Chinese (click says so in English)."""
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except UsageError as exc:
            if exc.ctx is None:  # click's parser leaves it out; the message needs the command
                exc.ctx, exc.cmd = ctx, ctx.command
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            extra_args = " ".join(rest)
            message = _("Got unexpected extra argument(s) ({extra_args})")
            raise UsageError(message.format(extra_args=extra_args), ctx)
        return rest


class ChineseCommand(Chinese, TyperCommand):  # type: ignore[misc]
    """A command whose help and usage errors are in Chinese."""


class ChineseGroup(Chinese, TyperGroup):  # type: ignore[misc]
    """A group of commands whose help and usage errors are in Chinese; a mistyped command's
    name gets a suggestion."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command named first; a mistyped name gets a suggestion."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            names = self.list_commands(ctx)
            matches = difflib.get_close_matches(args[0], names) if args else []
            if matches and not isinstance(exc, NoSuchOption):
                suggestions = listing(matches)
                exc.message += _("Did you mean {suggestions}?").format(suggestions=suggestions)
            raise
