"""``xjj import`` writes every file or none, one import at a time (SPEC §8 "All files or
none"; issue 26).

A write goes through a journal kept in the data folder (``.xjj-import.journal``, JSON):

1. the journal is written (state ``staging``) naming every target, the staged file that will
   hold its new bytes, the backup that will keep its original and the folders to be made;
2. every new file is written beside its target (``.<name>.xjj-import-<token>.new``, same
   folder, so the rename is atomic) and made durable; every existing target gets a backup
   (``.<name>.xjj-import-<token>.old``: a hard link, or a copy);
3. the journal says ``replacing``; the targets are replaced one by one;
4. the backups are removed, then the journal.

A failure in 2 or 3 gives every original back and removes what was added. A run killed at any
moment leaves the journal: the next real import (``recover``) finishes the write when every
new file is there whole (state ``replacing``), else undoes it — the data is as before or as
after, never between. A dry run never writes: it says a journal is there and reads the files
as they are. Imports of one data folder take turns (``import_lock``): the second
waits for the first, then reads what it wrote.

The journal, the lock file and the staged and backup files are hidden names (a leading dot):
the loader never reads them as data; the sample's ``.gitignore`` lists them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from xjj_cli.errors import DataError
from xjj_cli.messages.errors import os_reason
from xjj_cli.messages.forms import import_message
from xjj_cli.output import fill_and_close

JOURNAL_NAME = ".xjj-import.journal"
LOCK_NAME = ".xjj-import.lock"
SIDE_PART = ".xjj-import-"
"""In the name of a staged file (``.new``) or a backup (``.old``) beside its target."""
LOCK_TIMEOUT = 600.0
"""How long (seconds) an import waits for another import of the same data folder."""
LOCK_POLL = 0.1
_VERSION = 1

P = ParamSpec("P")
T = TypeVar("T")


def side_name(target: Path, token: str, suffix: str) -> Path:
    """The staged file (``.new``) or the backup (``.old``) of ``target`` for one write."""
    return target.parent / f".{target.name}{SIDE_PART}{token}{suffix}"


def _tell(message: str) -> None:
    """A message for people, on stderr, at once (an import may wait long after it)."""
    print(message, file=sys.stderr, flush=True)


# --- one import at a time ---------------------------------------------------------------------


@contextlib.contextmanager
def import_lock(data_dir: Path, *, required: bool = True) -> Iterator[bool]:
    """Hold the data folder's import lock (waiting up to ``LOCK_TIMEOUT`` for another import,
    saying so); yields whether it is held. Without ``required`` (a dry run) a folder where the
    lock cannot be made (read-only) is read unlocked; else that is a ``DataError``.

    The lock file is removed on release — by a dry run only when it made it, so that a dry run
    leaves a killed import's lock file as it found it; a waiter that then holds a removed
    file's lock sees that the name no longer leads to it and locks again (so two never hold it
    at once)."""
    path = data_dir / LOCK_NAME
    handle = None
    made = False
    if not data_dir.is_dir():  # no data folder: the import says so, as every command does
        yield False
        return
    try:
        handle, made = _acquire(path)
    except OSError as exc:
        if required:
            raise DataError(
                import_message("lock_failed", lock=path, reason=os_reason(exc))
            ) from exc
    if handle is None:
        yield False
        return
    try:
        yield True
    finally:
        if required or made:
            with contextlib.suppress(OSError):
                os.unlink(path)
        _unlock(handle)
        os.close(handle)


def _acquire(path: Path) -> tuple[int, bool]:
    """Lock ``path`` (made if missing): its open descriptor, and whether this call made it."""
    deadline = time.monotonic() + LOCK_TIMEOUT
    told = False
    while True:
        try:
            handle, made = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644), True
        except FileExistsError:
            try:
                handle, made = os.open(path, os.O_RDWR), False
            except FileNotFoundError:
                continue  # removed by its holder in between: make it
        try:
            locked = _try_lock(handle)
            if locked and _same_file(handle, path):
                return handle, made
            if locked:
                _unlock(handle)
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
        if locked:
            continue  # the holder removed the file as we locked it: lock the new one
        if not told:
            _tell(import_message("lock_wait", folder=path.parent))
            told = True
        if time.monotonic() > deadline:
            raise DataError(
                import_message("lock_timeout", folder=path.parent, seconds=int(LOCK_TIMEOUT))
            )
        time.sleep(LOCK_POLL)


def _same_file(handle: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _try_lock(handle: int) -> bool:
    """Take the lock without waiting: whether it was free."""
    try:
        import fcntl
    except ImportError:  # Windows
        return _try_lock_windows(handle)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _try_lock_windows(handle: int) -> bool:  # pragma: no cover - CI is Linux
    try:
        import msvcrt
    except ImportError as exc:
        raise DataError(import_message("lock_unsupported")) from exc
    try:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
    except OSError:
        return False
    return True


def _unlock(handle: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(handle, 0, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined,unused-ignore]
        return
    fcntl.flock(handle, fcntl.LOCK_UN)


def one_import_at_a_time(
    run: Callable[Concatenate[Path, P], T],
) -> Callable[Concatenate[Path, P], T]:
    """``run(data_dir, …)`` holding the data folder's import lock, after finishing or undoing
    what a killed import left (``recover``). A dry run writes nothing: it only says that a
    killed import is left for the next real one (``tell_interrupted``) and reads the files as
    they are; in a read-only folder it reads unlocked."""

    @functools.wraps(run)
    def locked(data_dir: Path, /, *args: P.args, **kwargs: P.kwargs) -> T:
        dry_run = bool(kwargs.get("dry_run", False))
        with import_lock(data_dir, required=not dry_run) as held:
            if dry_run:
                tell_interrupted(data_dir)
            elif held:
                recover(data_dir)
            return run(data_dir, *args, **kwargs)

    return locked


# --- the journal ------------------------------------------------------------------------------


def _entries(data_dir: Path, files: dict[Path, bytes], token: str) -> list[dict[str, Any]]:
    root = data_dir.resolve()
    entries = []
    for path, data in files.items():
        target = path.resolve()
        entries.append(
            {
                "target": target.relative_to(root).as_posix(),
                "staged": side_name(target, token, ".new").name,
                "backup": side_name(target, token, ".old").name if target.exists() else None,
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    return entries


def _missing_folders(data_dir: Path, files: dict[Path, bytes]) -> list[str]:
    """The folders to make for ``files`` (relative to the data folder), outermost first."""
    root = data_dir.resolve()
    missing: list[str] = []
    for path in files:
        for folder in reversed(path.resolve().relative_to(root).parents):
            name = folder.as_posix()
            if name != "." and name not in missing and not (root / folder).exists():
                missing.append(name)
    return missing


def _write_journal(data_dir: Path, journal: dict[str, Any]) -> None:
    """Write the journal whole (through a temporary file, made durable) or not at all."""
    path = data_dir / JOURNAL_NAME
    temp = data_dir / (JOURNAL_NAME + ".new")
    _write_durable(temp, json.dumps(journal, ensure_ascii=False, indent=1).encode("utf-8"))
    os.replace(temp, path)
    _sync_folder(data_dir)


def _read_journal(path: Path) -> dict[str, Any]:
    try:
        journal = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(journal, dict) or journal.get("version") != _VERSION:
            raise ValueError(journal)
        for entry in journal["files"]:
            for key in ("target", "staged", "sha256"):
                if not isinstance(entry[key], str):
                    raise ValueError(entry)
        return journal
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else import_message("journal_unread")
        raise DataError(import_message("journal_bad", journal=path, reason=reason)) from exc


def _write_durable(path: Path, data: bytes) -> None:
    fill_and_close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), data)


def _sync_folder(folder: Path) -> None:
    """Make a folder's new names durable (where the system allows it: not on Windows)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _stage(path: Path, data: bytes) -> None:
    """Write a new file's bytes beside its target."""
    _write_durable(path, data)


def _keep(target: Path, backup: Path) -> None:
    """A second name for the original (a hard link), or a copy where there are no links."""
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
        with open(backup, "rb+") as stream:
            os.fsync(stream.fileno())


def _replace(staged: Path, target: Path) -> None:
    """Give the staged file its target's name (tests hook it to fail or be killed)."""
    os.replace(staged, target)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# --- writing ----------------------------------------------------------------------------------


def write_all(data_dir: Path, files: dict[Path, bytes]) -> list[Path]:
    """Write ``files`` (below ``data_dir``) all or none; on a failure every file is as before
    and a ``DataError`` names the file that failed (exit 1). The caller holds the lock."""
    if not files:
        return []
    root = data_dir.resolve()
    token = secrets.token_hex(4)
    journal: dict[str, Any] = {
        "version": _VERSION,
        "state": "staging",
        "pid": os.getpid(),
        "folders": _missing_folders(data_dir, files),
        "files": _entries(data_dir, files, token),
    }
    try:
        _write_journal(data_dir, journal)
    except OSError as exc:
        with contextlib.suppress(OSError):
            (data_dir / (JOURNAL_NAME + ".new")).unlink()
        path = data_dir / JOURNAL_NAME
        raise DataError(import_message("write_failed", file=path, reason=os_reason(exc))) from exc
    current = data_dir / JOURNAL_NAME
    try:
        for folder in journal["folders"]:
            current = root / folder
            current.mkdir()
        for entry, data in zip(journal["files"], files.values(), strict=True):
            target = root / entry["target"]
            current = target
            _stage(target.parent / entry["staged"], data)
            if entry["backup"] is not None:
                _keep(target, target.parent / entry["backup"])
        for folder in {(root / e["target"]).parent for e in journal["files"]}:
            _sync_folder(folder)
        journal["state"] = "replacing"
        current = data_dir / JOURNAL_NAME
        _write_journal(data_dir, journal)
        for entry in journal["files"]:
            target = root / entry["target"]
            current = target
            _replace(target.parent / entry["staged"], target)
    except OSError as exc:
        reason = os_reason(exc)
        try:
            _undo(root, journal)
        except OSError as again:
            raise DataError(
                import_message(
                    "undo_failed",
                    file=_shown(current, data_dir),
                    reason=reason,
                    undo_reason=os_reason(again),
                    journal=data_dir / JOURNAL_NAME,
                )
            ) from exc
        _end(data_dir)
        raise DataError(
            import_message("write_failed", file=_shown(current, data_dir), reason=reason)
        ) from exc
    _finish(root, journal)
    _end(data_dir)
    return [root / e["target"] for e in journal["files"]]


def _shown(path: Path, data_dir: Path) -> str:
    """A file as messages name it: from the data folder's parent (``data/…``)."""
    base = data_dir.resolve().parent
    try:
        return path.resolve().relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _finish(root: Path, journal: dict[str, Any]) -> None:
    """Give every staged file still there its name, then remove the backups."""
    for entry in journal["files"]:
        target = root / entry["target"]
        staged = target.parent / entry["staged"]
        if staged.exists():
            _replace(staged, target)
    for folder in {(root / e["target"]).parent for e in journal["files"]}:
        _sync_folder(folder)
    for entry in journal["files"]:
        if entry.get("backup"):
            with contextlib.suppress(FileNotFoundError):
                ((root / entry["target"]).parent / entry["backup"]).unlink()


def _undo(root: Path, journal: dict[str, Any]) -> None:
    """Give every original back, remove every new file, staged file, backup and made folder.
    While staging nothing was replaced: the backups (maybe a copy cut short) are only
    removed."""
    replacing = journal.get("state") == "replacing"
    for entry in reversed(journal["files"]):
        target = root / entry["target"]
        staged = target.parent / entry["staged"]
        backup = target.parent / entry["backup"] if entry.get("backup") else None
        if backup is not None and backup.exists():
            if replacing:
                os.replace(backup, target)
            # a rename onto another name of the same file does nothing: the backup may stay
            backup.unlink(missing_ok=True)
        elif backup is None and replacing and not staged.exists():
            with contextlib.suppress(FileNotFoundError):
                target.unlink()  # a new file, given its name
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
    for folder in reversed(journal.get("folders", [])):
        with contextlib.suppress(OSError):
            (root / folder).rmdir()  # only if empty
    for folder in {(root / e["target"]).parent for e in journal["files"]}:
        _sync_folder(folder)


def _end(data_dir: Path) -> None:
    (data_dir / JOURNAL_NAME).unlink(missing_ok=True)
    _sync_folder(data_dir)


# --- after a killed import --------------------------------------------------------------------


def recover(data_dir: Path) -> None:
    """Finish or undo what a killed import left (its journal), saying which on stderr: finished
    when it had begun replacing and every new file is there whole (staged, or given its name),
    else undone. The caller holds the lock."""
    with contextlib.suppress(FileNotFoundError):
        (data_dir / (JOURNAL_NAME + ".new")).unlink()  # killed while writing the journal
    path = data_dir / JOURNAL_NAME
    if not path.exists():
        return
    journal = _read_journal(path)
    root = data_dir.resolve()
    shown = _shown(path, data_dir)
    try:
        if journal.get("state") == "replacing" and _all_new_whole(root, journal):
            _finish(root, journal)
            _end(data_dir)
            _tell(import_message("recovered_done", journal=shown, count=len(journal["files"])))
            return
        _undo(root, journal)
        _end(data_dir)
    except OSError as exc:
        raise DataError(
            import_message("journal_bad", journal=shown, reason=os_reason(exc))
        ) from exc
    _tell(import_message("recovered_undone", journal=shown))


def tell_interrupted(data_dir: Path) -> None:
    """Say on stderr that a killed import left its journal, which the next real import will
    finish or undo; touch nothing (a dry run)."""
    path = data_dir / JOURNAL_NAME
    if path.exists():
        _tell(import_message("interrupted_dry_run", journal=_shown(path, data_dir)))


def _all_new_whole(root: Path, journal: dict[str, Any]) -> bool:
    for entry in journal["files"]:
        target = root / entry["target"]
        staged = target.parent / entry["staged"]
        where = staged if staged.exists() else target
        if _digest(where) != entry["sha256"]:
            return False
    return True
