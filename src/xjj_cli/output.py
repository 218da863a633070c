"""Write reports atomically, and never over a file the user did not ask to replace."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from xjj_cli.errors import OutputError
from xjj_cli.messages import error_message, os_reason


def refuse_existing(path: Path) -> None:
    """Raise ``OutputError`` when ``path`` exists (it is never replaced without --force)."""
    if path.exists():
        raise OutputError(error_message("output.exists", path=path))


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the new one, never half of one; an interrupted run
    leaves no stray temporary file. Without ``overwrite`` an existing file is kept and
    ``OutputError`` raised (the link that publishes the file fails if it exists).
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            error_message("output.folder", folder=folder, reason=os_reason(exc))
        ) from exc
    if not overwrite:
        refuse_existing(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            error_message("output.temp", folder=folder, reason=os_reason(exc))
        ) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        if overwrite:
            os.replace(temp, path)
        else:
            _publish_new(temp, path)
    except FileExistsError as exc:
        raise OutputError(error_message("output.exists", path=path)) from exc
    except OSError as exc:
        raise OutputError(error_message("output.write", path=path, reason=os_reason(exc))) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return path


def _publish_new(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` only if no such file exists, atomically where possible."""
    try:
        os.link(temp, path)  # fails if path exists: no window for a race
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares): claim the name, then replace
        with open(path, "xb"):
            pass
        os.replace(temp, path)
    else:
        temp.unlink()
