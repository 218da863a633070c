"""Where xjj's files are, beside the data folder: the reports of a month and the documents in
it, the office's own templates and the built-in ones, the district's map.

The one place these paths are built (the commands, the memo and the renderers ask here), so a
document made anew and a remembered one (``memo.DocumentMemo``) go to the same place, and the
templates the memo keys by are the templates the renderers read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from xjj_cli.messages.bulletin import bulletin_stem

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
"""The templates that ship with xjj."""


def templates_beside(data_dir: Path) -> Path:
    """The office's own templates (``templates/`` beside the data folder): each file there
    overrides the built-in one of its name."""
    return data_dir.parent / "templates"


def town_map(data_dir: Path) -> Path:
    """The district's map (``map/towns.svg`` in the data folder, SPEC §2), when it has one."""
    return data_dir / "map" / "towns.svg"


def reports_folder(data_dir: Path, month: str) -> Path:
    """A month's reports: ``reports/M/`` beside the data folder."""
    return data_dir.parent / "reports" / month


def bulletin_folder(data_dir: Path, out: Path | None, month: str) -> Path:
    """The folder the bulletin is written to: ``--out``, or ``reports/M/``."""
    return out if out is not None else reports_folder(data_dir, month)


def bulletin_targets(
    folder: Path, month: str, formats: Sequence[str], *, draft: bool
) -> list[Path]:
    """The bulletin's file in each format, in the order asked."""
    stem = bulletin_stem(month, draft=draft)
    return [folder / f"{stem}.{fmt}" for fmt in formats]


def board_target(data_dir: Path, out: Path | None, month: str, name: str) -> Path:
    """The board's file: ``--out``, or ``reports/M/name``."""
    return out if out is not None else reports_folder(data_dir, month) / name


def notices_folder(data_dir: Path, out: Path | None, month: str) -> Path:
    """The folder the notices are written to: ``--out``, or ``reports/M/notices/``."""
    return out if out is not None else reports_folder(data_dir, month) / "notices"


def forms_folder(data_dir: Path, out: Path | None, month: str) -> Path:
    """The folder the fill-in forms are written to: ``--out``, or ``reports/M/forms/``."""
    return out if out is not None else reports_folder(data_dir, month) / "forms"


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_name(name: str) -> str:
    """A name every file system takes (Windows' too): each character it refuses becomes _."""
    return _UNSAFE_IN_NAMES.sub("_", name).strip(" .") or "_"
