"""How the documents' files are written (the bulletin's, the board, the notices; where they
go is ``paths``) — the one way both a document made anew and a remembered one
(``memo.DocumentMemo``) take, so both obey the same rules — and the options that number and
date them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from xjj_cli.errors import UsageError
from xjj_cli.messages.cli import cli_message
from xjj_cli.output import refuse_existing, write_set

BULLETIN_FORMATS = ("md", "html", "docx")
"""The bulletin's formats, in the order ``--format all`` writes them."""


def parse_date(text: str | None) -> dt.date:
    """A ``--date`` value, or today."""
    if text is None:
        return dt.date.today()
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match is None:
        raise UsageError(cli_message("date.format", text=text))
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise UsageError(cli_message("date.missing_month", text=text))
    try:
        return dt.date(year, month, day)
    except ValueError as exc:  # a day the month does not have (or year 0)
        raise UsageError(
            cli_message("date.missing_day", text=text, year=year, month=month, day=day)
        ) from exc


def parse_number(text: str | None, option: str) -> int | None:
    """A document number option's value (a whole number from 1 up), or None when not given."""
    if text is None:
        return None
    if not re.fullmatch(r"[0-9]+", text.strip()) or int(text) < 1:
        raise UsageError(cli_message("number.format", option=option, text=text))
    return int(text)


def refuse_any_existing(targets: Sequence[Path], *, overwrite: bool) -> None:
    """Without ``overwrite``, raise ``OutputError`` when any target exists — before anything
    is written, so a refusal never leaves half a set."""
    if not overwrite:
        for target in targets:
            refuse_existing(target)


def write_documents(
    targets: Sequence[Path], rendered: Sequence[bytes], *, overwrite: bool
) -> list[Path]:
    """Write the set of files all or none (``output.write_set``): never over an existing file
    without ``overwrite`` (then nothing is written when any of them exists), and when one
    cannot be written — a full disk, a refused permission — none is, and the files that were
    there are left as they were."""
    return write_set(targets, rendered, overwrite=overwrite)
