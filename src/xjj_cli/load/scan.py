"""Which files a data folder holds and which of them the cache vouches for, without reading them.

Kept apart from the loader (``load.reader``) so that ``xjj validate`` can tell that nothing
changed, and give back the last run's findings, without importing the records' models.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from xjj_cli.diagnostics import ProblemLog
from xjj_cli.errors import DataError
from xjj_cli.load.cache import MAX_SHARDS, Cache, content_digest
from xjj_cli.load.files import (
    RACY_NS,
    DataFile,
    FileKind,
    Signature,
    discover_listed,
    signature,
)
from xjj_cli.messages.cli import cli_message
from xjj_cli.regular import read_regular
from xjj_cli.repository import Census, Repository

Progress = Callable[[int, int], None]

LOADED_KINDS = frozenset(
    {
        FileKind.DISTRICT,
        FileKind.DOMAIN,
        FileKind.PROJECT,
        FileKind.TASKS,
        FileKind.EVENTS,
        FileKind.PROBLEMS,
        FileKind.INTERVIEWS,
        FileKind.ACKNOWLEDGED,
        FileKind.TOWNS,
        FileKind.UNITS,
        FileKind.FIGURES,
    }
)
"""The kinds of files the loader reads (``records.LOADED_KINDS``: a test holds them equal)."""


@dataclass(frozen=True)
class LoadOptions:
    """How to load: with the cache or not, and whom to tell about progress (done, total)."""

    use_cache: bool = True
    progress: Progress | None = None
    cache_of: Path | None = None
    """Another data folder whose cache is read, never written (``Cache.borrow``): the folder
    loaded is a copy of it (``xjj import`` checks its files on one). Only with ``use_cache``."""


@dataclass
class Scan:
    """A data folder before its records are loaded: its files, and what the cache knows.

    Scanning costs one ``stat`` per file, and reading only the files the cache cannot
    vouch for (see ``load.cache``)."""

    data_dir: Path
    files: list[DataFile]
    cache: Cache
    stats: dict[str, Signature] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    """rel → content digest of each file known so far (every loadable one once loaded)."""
    cached: dict[str, list[DataFile]] = field(default_factory=dict)
    """shard → the unchanged files whose results it holds."""
    todo: list[DataFile] = field(default_factory=list)
    """The files to load: new, changed, or unknown to the cache."""

    def content_key(self, *extra: str, kinds: Collection[FileKind] = ()) -> str | None:
        """A digest of the whole data folder — every file's path, kind and content — and
        ``extra``; None while a file's content is unknown (not yet loaded, or unreadable).
        With ``kinds``, of the files of those kinds only."""
        digest = hashlib.sha256("\0".join(extra).encode())
        for f in self.files:
            if kinds and f.kind not in kinds:
                continue
            content = ""
            if f.kind in LOADED_KINDS or f.kind is FileKind.MAP:
                content = self.digests.get(f.rel, "")
                if not content:
                    return None
            line = f"\0{f.rel}\0{f.kind}\0{f.hint}\0{content}"
            digest.update(line.encode("utf-8", "surrogateescape"))  # a name not UTF-8
        return digest.hexdigest()


def scan_data(data_dir: Path, options: LoadOptions | None = None) -> Scan:
    """Find the files below ``data_dir`` and which of them the cache holds unchanged."""
    if not data_dir.exists():
        raise DataError(cli_message("data.missing", path=data_dir))
    if not data_dir.is_dir():
        raise DataError(cli_message("data.not_folder", path=data_dir))
    options = options or LoadOptions()
    if not options.use_cache:
        cache = Cache(None)
    elif options.cache_of is not None:
        cache = Cache.open(options.cache_of, make=False).borrow()
    else:
        cache = Cache.open(data_dir)
    files, listing = discover_listed(data_dir, data_dir.parent, cache.listing)
    if cache.folder is not None and not cache.borrowed:
        cache.note_listing(listing)
    scan = Scan(data_dir, files, cache)
    if cache.shard_count > MAX_SHARDS:
        cache.manifest.clear()  # too fragmented by many small changes: write it anew
    # A borrowed cache's stats are another folder's: each file is known by its content.
    manifest = {} if cache.borrowed else cache.manifest
    racy = cache.written - RACY_NS
    for f in scan.files:
        if f.kind is FileKind.MAP:
            with contextlib.suppress(OSError):
                scan.digests[f.rel] = content_digest(_read_bytes(f.location))
        if f.kind not in LOADED_KINDS:
            continue
        try:
            stat = signature(os.stat(f.location))
        except OSError:
            scan.todo.append(f)
            continue
        scan.stats[f.rel] = stat
        entry = manifest.get(f.rel)
        if type(entry) is tuple and len(entry) == 3 and entry[2] == stat and stat[1] < racy:
            # the common case, as ``cache.trusted`` says, spelt out: 20,000 times a run
            scan.digests[f.rel] = entry[0]
            scan.cached.setdefault(entry[1], []).append(f)
            continue
        entry = cache.lookup(f.rel)
        if entry is None:
            scan.todo.append(f)
            continue
        digest, shard, _ = entry
        if cache.borrowed or not cache.trusted(entry, stat):  # the content decides
            try:
                if content_digest(_read_bytes(f.location)) != digest:
                    scan.todo.append(f)
                    continue
            except OSError:
                scan.todo.append(f)
                continue
            cache.record(f.rel, digest, shard, stat)
            cache.changed = True  # a later manifest lets this file be trusted next time
        scan.digests[f.rel] = digest
        scan.cached.setdefault(shard, []).append(f)
    return scan


def _read_bytes(path: str) -> bytes:
    """A data file's bytes (``OSError`` for anything but a regular file: a FIFO never blocks)."""
    return read_regular(path)[0]


def restore_validation(scan: Scan, day: dt.date) -> Repository | None:
    """The problems and census of the last run of the checks, when it saw exactly the files
    ``scan`` found, on ``day`` (else None): ``xjj validate`` with nothing changed, which
    then loads no record and imports none of the records' models."""
    key = scan.content_key(*validation_key(scan.data_dir, day))
    kept = scan.cache.checked(key) if key is not None else None
    if isinstance(kept, tuple) and len(kept) == 2:
        log, census = kept
        if isinstance(log, ProblemLog) and isinstance(census, Census):
            scan.cache.save()  # a listing or a racy file's stat found anew
            return Repository(scan.data_dir, log=log, counted=census)
    return None


def validation_key(data_dir: Path, day: dt.date) -> tuple[str, str]:
    """What the checks' findings depend on besides the files: the day (future dates) and
    the data folder (every location names it)."""
    return day.isoformat(), str(data_dir.resolve())
