"""The fingerprint of the data a report was made from, so that it can be reproduced.

The content hash (SHA-256 over every data file's path and bytes) is always computed;
the git commit is added when the data folder lies in a git work tree.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xjj_cli.errors import DataError
from xjj_cli.load.files import data_files
from xjj_cli.messages.errors import error_message, os_reason
from xjj_cli.regular import read_regular


@dataclass(frozen=True)
class Fingerprint:
    """What identifies a version of the data."""

    content_hash: str
    commit: str | None = None
    dirty: bool = False


def content_hash(data_dir: Path, listed: Sequence[tuple[str, str]] = ()) -> str:
    """SHA-256 over the sorted relative paths and bytes of every data file (``listed``: the
    files as the load found them, relative path and location, in ``data_files``'s order —
    the folder is then not walked again)."""
    if not listed:
        listed = [(p.relative_to(data_dir).as_posix(), str(p)) for p in data_files(data_dir)]
    digest = hashlib.sha256()
    for name, location in listed:
        relative = name.encode("utf-8")
        path = Path(location)
        digest.update(len(relative).to_bytes(4, "big") + relative)
        try:
            data, _ = read_regular(path)
        except OSError as exc:
            raise DataError(
                error_message("fingerprint.unreadable", path=path, reason=os_reason(exc))
            ) from exc
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _git(data_dir: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(data_dir), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def git_state(data_dir: Path) -> tuple[str | None, bool]:
    """The data's git commit (None outside git) and whether it has uncommitted changes."""
    commit = _git(data_dir, "rev-parse", "HEAD")
    if not commit:
        return None, False
    return commit, bool(_git(data_dir, "status", "--porcelain", "--", "."))


def fingerprint(data_dir: Path, listed: Sequence[tuple[str, str]] = ()) -> Fingerprint:
    """The data's content hash, and its git commit (and whether it has uncommitted changes);
    ``listed``: the files as the load found them (``content_hash``)."""
    return Fingerprint(content_hash(data_dir, listed), *git_state(data_dir))
