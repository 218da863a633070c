"""Where the documents' files go (the bulletin's, the board, the notices) and how they are
written — the one path both a document made anew and a remembered one (``memo.DocumentMemo``)
take, so both obey the same rules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from xjj_cli.errors import UsageError
from xjj_cli.messages import bulletin_stem, cli_message
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


def bulletin_folder(data_dir: Path, out: Path | None, month: str) -> Path:
    """The folder the bulletin is written to: ``--out``, or ``reports/M/`` beside the data."""
    return out if out is not None else data_dir.parent / "reports" / month


def board_target(data_dir: Path, out: Path | None, month: str, name: str) -> Path:
    """The board's file: ``--out``, or ``reports/M/name`` beside the data."""
    return out if out is not None else data_dir.parent / "reports" / month / name


def notices_folder(data_dir: Path, out: Path | None, month: str) -> Path:
    """The folder the notices are written to: ``--out``, or ``reports/M/notices/``."""
    return out if out is not None else data_dir.parent / "reports" / month / "notices"


def bulletin_targets(
    folder: Path, month: str, formats: Sequence[str], *, draft: bool
) -> list[Path]:
    """The bulletin's file in each format, in the order asked."""
    stem = bulletin_stem(month, draft=draft)
    return [folder / f"{stem}.{fmt}" for fmt in formats]


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
