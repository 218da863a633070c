"""Reading a file that must be a regular file.

A named pipe (FIFO) blocks whoever opens it for reading, a device may never end, and a folder
or a socket is no file at all: any of them can stand where a data file, a form, a cache entry
or a key is expected — by accident or on purpose. ``read_regular`` looks before it opens,
opens without blocking and looks again at what it opened (it may have been swapped), and reads
at most ``limit`` bytes. Every reader of a file whose path comes from the user or the data
goes through it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal

SpecialKind = Literal["folder", "fifo", "socket", "device"]

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once (and is then refused), never waits
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1 << 20


class NotRegularError(OSError):
    """The path is a folder, a named pipe, a socket or a device, not a regular file."""

    def __init__(self, path: str | Path, kind: SpecialKind) -> None:
        super().__init__(errno.EINVAL, f"not a regular file ({kind})", str(path))
        self.kind: SpecialKind = kind


class TooLargeError(OSError):
    """The file holds more than the reader's limit."""

    def __init__(self, path: str | Path, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.size = size
        self.limit = limit


def special_kind(mode: int) -> SpecialKind | None:
    """What a file of ``mode`` is when it is not a regular file; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "device"


def read_regular(
    path: str | Path, limit: int | None = None, *, follow: bool = True
) -> tuple[bytes, int]:
    """The bytes of the regular file ``path`` and its mtime (ns). ``NotRegularError`` for
    anything else (checked before the open and again on what was opened), ``TooLargeError``
    beyond ``limit`` bytes, ``OSError`` otherwise; without ``follow`` a symbolic link is refused
    too, where the system can tell."""
    kind = special_kind(os.stat(path).st_mode if follow else os.lstat(path).st_mode)
    if kind is not None:
        raise NotRegularError(path, kind)
    handle = os.open(path, _OPEN_FLAGS if follow else _OPEN_FLAGS | _NOFOLLOW)
    try:
        info = os.fstat(handle)
        kind = special_kind(info.st_mode)
        if kind is not None:
            raise NotRegularError(path, kind)
        if limit is not None and info.st_size > limit:
            raise TooLargeError(path, info.st_size, limit)
        most = limit + 1 if limit is not None else None
        data = _read_all(handle, most)
    finally:
        os.close(handle)
    if limit is not None and len(data) > limit:  # it grew since it was measured
        raise TooLargeError(path, len(data), limit)
    return data, info.st_mtime_ns


def _read_all(handle: int, most: int | None) -> bytes:
    chunks: list[bytes] = []
    left = most
    while left is None or left > 0:
        chunk = os.read(handle, _CHUNK if left is None else min(_CHUNK, left))
        if not chunk:
            break
        chunks.append(chunk)
        if left is not None:
            left -= len(chunk)
    return b"".join(chunks)
