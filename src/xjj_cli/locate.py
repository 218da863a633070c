"""Finding the data folder the way git finds ``.git``.

A data folder is a folder that holds ``district.yaml``. The folder the user names
(``--data`` or ``XJJ_DATA``) is used as it is, or its ``data/`` when it is the
repository's root. Without a name, ``./data`` is used, else the first folder from
here upwards that holds ``district.yaml`` or a ``data/district.yaml``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from xjj_cli.errors import UsageError
from xjj_cli.messages.cli import cli_message

MARKER = "district.yaml"
"""The file that makes a folder a data folder."""

DEFAULT_NAME = "data"
"""The data folder's name inside a repository (and the default ``--data``)."""


@dataclass(frozen=True)
class DataFolder:
    """The data folder to use, and whether it is other than the one the user named."""

    path: Path
    found: bool
    """True when ``path`` was found by searching, so the user should be told which it is."""


def locate_data_folder(given: Path | None, cwd: Path) -> DataFolder:
    """The data folder for ``--data given`` (None when not given) run from ``cwd``."""
    here = Path(os.path.abspath(cwd))  # absolute, not resolved: paths stay as the user sees them
    if given is not None:
        return _named(Path(os.path.abspath(here / given)))
    default = here / DEFAULT_NAME
    if default.is_dir():
        return DataFolder(default, found=False)
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return DataFolder(folder, found=True)
        if (folder / DEFAULT_NAME / MARKER).is_file():
            return DataFolder(folder / DEFAULT_NAME, found=True)
    raise UsageError(cli_message("data.not_found", cwd=here))


def _named(folder: Path) -> DataFolder:
    if (folder / MARKER).is_file():
        return DataFolder(folder, found=False)
    if (folder / DEFAULT_NAME).is_dir():  # the repository's root
        return DataFolder(folder / DEFAULT_NAME, found=True)
    if folder.is_dir():  # a data folder without district.yaml: validate says what is missing
        return DataFolder(folder, found=False)
    if folder.exists():
        raise UsageError(cli_message("data.not_folder", path=folder))
    raise UsageError(cli_message("data.missing", path=folder))
