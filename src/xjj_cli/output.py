"""Write reports atomically, and never over a file the user did not ask to replace.

Every temporary file xjj makes beside a file it writes is named ``.xjj-<pid>-<random>.tmp``
(``make_temp``): a run killed before it could remove its own leaves them behind, and the next
run that writes in the same folder removes those whose process is gone (``sweep``) — only
names of that pattern, never another file. A set of files (a bulletin's formats, the notices)
is written all or none (``write_set``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from xjj_cli.errors import OutputError
from xjj_cli.messages.errors import error_message, os_reason

TEMP_NAME = re.compile(r"\.xjj-([0-9]{1,10})-[a-z0-9_]{8}\.tmp")
"""xjj's temporary files: the pid of the process that made it, eight random characters."""
LEGACY_TEMP_NAME = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp")
"""The temporary files of xjj before issue 22 (``.<target name>.<random>.tmp``): removed beside a
file of that name, when made before this process started."""
_STARTED_NS = time.time_ns()
_swept: set[str] = set()
_swept_lock = threading.Lock()


def make_temp(folder: Path) -> tuple[int, Path]:
    """A new temporary file in ``folder``, open for writing (its descriptor, its path), named
    so that a later run can tell it is xjj's and whose."""
    handle, name = tempfile.mkstemp(prefix=f".xjj-{os.getpid()}-", suffix=".tmp", dir=folder)
    return handle, Path(name)


def process_gone(pid: int, made_ns: int) -> bool:
    """Whether the process ``pid`` that made something at ``made_ns`` (an mtime) no longer
    runs: no such process, or one started since (the pid was given again); ours is running."""
    if pid == os.getpid():
        return made_ns < _STARTED_NS - 2_000_000_000
    if pid <= 0:
        return True
    if os.name == "nt":  # no harmless way to ask (os.kill ends the process): by age, a day
        return made_ns < time.time_ns() - 86_400 * 10**9
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists (another user's): running
        pass
    started = _process_start_ns(pid)
    return started is not None and made_ns < started - 2_000_000_000


def _process_start_ns(pid: int) -> int | None:
    """When process ``pid`` started (Linux's /proc; None elsewhere or when unknown)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stream:
            fields = stream.read().rsplit(b")", 1)[1].split()
        with open("/proc/stat", "rb") as stream:
            boot = next(line for line in stream if line.startswith(b"btime "))
        ticks = int(fields[19])  # field 22 of stat(5), counted after the command's ")"
        return (int(boot.split()[1]) * 10**9) + ticks * 10**9 // os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def sweep(folder: Path, names: Collection[str] = ()) -> None:
    """Remove xjj's temporary files in ``folder`` that a process no longer running left behind
    (a run killed while writing) — once per folder and process. ``names`` are the files about
    to be written there: an old-style temporary file of one of them (or of a file already
    there) made before this process started is removed too. Nothing else is touched."""
    key = str(folder)
    with _swept_lock:
        if key in _swept:
            return
        _swept.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    present = {entry.name for entry in entries} | set(names)
    for entry in entries:
        ours = TEMP_NAME.fullmatch(entry.name)
        legacy = None if ours else LEGACY_TEMP_NAME.fullmatch(entry.name)
        if ours is None and (legacy is None or legacy.group(1) not in present):
            continue
        with contextlib.suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                continue
            made = entry.stat(follow_symlinks=False).st_mtime_ns
            gone = (
                process_gone(int(ours.group(1)), made)
                if ours is not None
                else made < _STARTED_NS - 2_000_000_000
            )
            if gone:
                os.unlink(entry.path)


def refuse_existing(path: Path) -> None:
    """Raise ``OutputError`` when ``path`` exists (it is never replaced without --force)."""
    if path.exists():
        raise OutputError(error_message("output.exists", path=path))


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the new one, never half of one; an interrupted run
    leaves no stray temporary file (a killed one leaves one the next run removes). Without
    ``overwrite`` an existing file is kept and ``OutputError`` raised (the link that
    publishes the file fails if it exists).
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
    sweep(folder, (path.name,))
    try:
        handle, temp = make_temp(folder)
    except OSError as exc:
        raise OutputError(
            error_message("output.temp", folder=folder, reason=os_reason(exc))
        ) from exc
    try:
        _fill(handle, temp, data)
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


def fill_and_close(handle: int, data: bytes) -> None:
    """Write all of ``data`` to the open file, to the disk (fsync), and close it."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        os.fsync(handle)
    finally:
        os.close(handle)


def _fill(handle: int, temp: Path, data: bytes) -> None:
    """Write all of ``data`` to the open temporary file, to the disk, and close it."""
    fill_and_close(handle, data)
    os.chmod(temp, 0o644)


def _fill_unsynced(handle: int, data: bytes) -> None:
    """Write all of ``data`` to the open temporary file and close it, without waiting for the
    disk (the set's file system is synced once, ``_sync_folders``)."""
    try:
        os.fchmod(handle, 0o644)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def _find_syncfs() -> Callable[[int], int] | None:
    """Linux's ``syncfs(2)`` (every file of one file system to the disk, waited for), or None
    where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    call.restype = ctypes.c_int
    return call


_syncfs = _find_syncfs()


def _sync_folders(folders: Sequence[Path]) -> None:
    """Bring every file written in ``folders`` to the disk: one ``syncfs`` per file system
    (``OSError`` when it reports a failed write)."""
    assert _syncfs is not None
    done: set[int] = set()
    for folder in folders:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            device = os.fstat(handle).st_dev
            if device in done:
                continue
            if _syncfs(handle) != 0:
                number = ctypes.get_errno()
                raise OSError(number, os.strerror(number))
            done.add(device)
        finally:
            os.close(handle)


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


def write_set(targets: Sequence[Path], contents: Sequence[bytes], *, overwrite: bool) -> list[Path]:
    """Write a set of files all or none: every file is first written in full as a temporary
    file beside its target, then each is given its name. When anything fails — a full disk, a
    refused permission, a target that appeared or cannot be replaced — the temporary files are
    removed, the files already given their names are taken back (new ones removed, replaced
    ones restored) and ``OutputError`` raised: the folder is as it was. Without ``overwrite``
    nothing is written when any target exists. (A kill while the names are given can still
    leave part of a new set; each file is whole.) Where the system can sync one file system
    at once (Linux's ``syncfs``), the temporary files are brought to the disk together, once,
    before any is given its name, instead of each one with its own ``fsync``."""
    if not overwrite:
        for target in targets:
            refuse_existing(target)
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    published: list[tuple[Path, Path | None]] = []
    folders: dict[Path, list[str]] = {}
    for target in targets:
        folders.setdefault(target.parent, []).append(target.name)
    try:
        for folder, names in folders.items():
            made += _make_folder(folder)
            sweep(folder, names)
        synced_once = _syncfs is not None
        for target, data in zip(targets, contents, strict=True):
            try:
                handle, temp = make_temp(target.parent)  # beside its target: a rename, no copy
                staged.append((temp, target))
                if synced_once:
                    _fill_unsynced(handle, data)
                else:
                    _fill(handle, temp, data)
            except OSError as exc:
                raise OutputError(
                    error_message("output.set", path=target, reason=os_reason(exc))
                ) from exc
        if synced_once and staged:
            try:  # every file whole on the disk before any is given its name
                _sync_folders(list(folders))
            except OSError as exc:
                raise OutputError(
                    error_message("output.set", path=targets[0], reason=os_reason(exc))
                ) from exc
        for temp, target in staged:
            try:
                backup = _backup(target) if overwrite else None
                try:
                    if overwrite:
                        os.replace(temp, target)
                    else:
                        _publish_new(temp, target)
                except BaseException:
                    if backup is not None:
                        backup.unlink()
                    raise
            except FileExistsError as exc:
                raise OutputError(error_message("output.exists", path=target)) from exc
            except OSError as exc:
                raise OutputError(
                    error_message("output.set", path=target, reason=os_reason(exc))
                ) from exc
            published.append((target, backup))
    except BaseException:
        for target, backup in reversed(published):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink()
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                temp.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        raise
    for _, backup in published:
        if backup is not None:
            with contextlib.suppress(OSError):
                backup.unlink()
    return list(targets)


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; the folders created, outermost first."""
    missing = []
    for place in (folder, *folder.parents):
        if place.exists():
            break
        missing.append(place)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            error_message("output.folder", folder=folder, reason=os_reason(exc))
        ) from exc
    return list(reversed(missing))


def _backup(target: Path) -> Path | None:
    """A second name for the file at ``target`` (a hard link named as xjj's temporary files),
    to give its content back if the set cannot be written; None when there is no file, or
    no hard links on this file system (then it cannot be given back)."""
    if not target.is_file():
        return None
    for _ in range(100):
        backup = target.parent / f".xjj-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            os.link(target, backup)
        except FileExistsError:
            continue
        except OSError:
            return None
        return backup
    return None
