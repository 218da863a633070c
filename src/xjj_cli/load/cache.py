"""A cache of loaded files, keyed by each file's content, under the repository's ``.xjj-cache/``.

Layout: one folder per data folder and xjj build, holding shards (pickled results of
some files, written by whoever loaded them — a worker process or the main one — with
records as plain values, see ``_record_pickler``), a small manifest that maps each file to its
content digest, its shard and its ``stat`` signature, the last run's cross-file problems
keyed by every file's digest (``checks``) and those of the checks of the town figures and
of each project, keyed by the files they read (``figures``, see ``validate.FigureChecks``).

Freshness costs one ``stat`` per file, as git's index does (and one per folder, instead
of listing the folders, as git's untracked cache: see ``files.Listing``): a file whose size, mtime,
inode and ctime are those recorded is unchanged — unless it is "racily clean": modified
no earlier than ``RACY_NS`` before the manifest itself was written, when a change within
the same time stamp tick would not show. Such a file is read and hashed, never trusted.
The cache is used only when written by the same xjj code: the folder name includes xjj's
version, a digest of its source files, the Python version and the pydantic version.
Files added, changed or removed are loaded again or dropped. A cache that cannot be read
or written is ignored: it only ever saves time, never changes a result.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.util
import os
import pickle
import re
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xjj_cli
from xjj_cli.load.files import RACY_NS, Listing, Signature
from xjj_cli.problems import Location

if TYPE_CHECKING:  # the records' modules are imported only to write a shard, not to read one
    import pydantic

    from xjj_cli.load.records import FileResult

CACHE_DIR = ".xjj-cache"
MAX_SHARDS = 256
"""More shards than this (after many small changes) and the cache is written anew."""


def code_version() -> str:
    """What makes cached results stale: xjj's code and the libraries that shape them."""
    digest = hashlib.sha256(f"{xjj_cli.__version__}|{sys.version}".encode())
    package = Path(xjj_cli.__file__).parent
    for source in sorted(package.rglob("*.py")):
        stat = source.stat()
        digest.update(f"{source.relative_to(package)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    # pydantic's version, from its files: importing it costs more than a warm check
    spec = importlib.util.find_spec("pydantic")
    if spec is not None and spec.origin is not None:
        version = Path(spec.origin).parent / "version.py"
        with contextlib.suppress(OSError):
            digest.update(f"{version}|{version.read_bytes().hex()}".encode())
    return digest.hexdigest()[:20]


def content_digest(data: bytes) -> str:
    """The key of a file's content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_set = object.__setattr__
_new = object.__new__


def _model(
    cls: type[pydantic.BaseModel], values: dict[str, Any], fields_set: frozenset[str]
) -> Any:
    """A validated record again, as pydantic's ``model_construct`` would rebuild it, without
    its per-field work: only valid records are kept, so nothing needs validating again."""
    record = _new(cls)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", set(fields_set))
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


@functools.cache
def _record_pickler() -> type[pickle.Pickler]:
    """The pickler of shards (built once, when a shard is first written)."""
    import pydantic

    from xjj_cli.model import Town, TownFigure, Unit

    # Frozen dataclasses with slots held by the millions: rebuilt by their constructor from
    # a tuple (pickle's default for them runs ``dataclasses.fields`` for every object).
    rows = (Location, Town, Unit, TownFigure)

    class _Pickler(pickle.Pickler):
        """Pickles records as plain values, which load several times faster than pydantic's
        and dataclasses' own state; records of one shard share their (frozen) sets of fields
        set."""

        def __init__(self, stream: Any) -> None:
            super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
            self.fields_sets: dict[frozenset[str], frozenset[str]] = {}

        def reducer_override(self, obj: Any) -> Any:
            cls = type(obj)
            if cls in rows:
                return cls, tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))
            if isinstance(obj, pydantic.BaseModel) and not (
                obj.__pydantic_extra__ or obj.__pydantic_private__
            ):
                fields = frozenset(obj.__pydantic_fields_set__)
                return _model, (cls, obj.__dict__, self.fields_sets.setdefault(fields, fields))
            return NotImplemented

    return _Pickler


def _safe_write(path: Path, payload: object, *, records: bool = True) -> None:
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if records:
                _record_pickler()(stream).dump(payload)
            else:
                pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def write_shard(folder: Path, entries: dict[str, tuple[str, FileResult]]) -> str:
    """Write some files' results as one shard; returns its name ("" when it could not be written)."""
    name = f"shard-{uuid.uuid4().hex}.pickle"
    try:
        _safe_write(folder / name, entries)
    except OSError:
        return ""
    return name


Entry = tuple[str, str, Signature]
"""A manifest entry: content digest, shard name, the file's ``stat`` signature."""


@dataclass
class Cache:
    """The cache of one data folder: what the manifest says, and what this run adds."""

    folder: Path | None
    manifest: dict[str, Entry] = field(default_factory=dict)
    """rel → (content digest, shard name, stat signature)"""
    written: int = 0
    """The manifest's own mtime (ns): files modified since ``written - RACY_NS`` are racy."""
    changed: bool = False
    listing: Listing | None = None
    """The data folder's files as last found (see ``files.Listing``), kept with the manifest."""

    @classmethod
    def open(cls, data_dir: Path) -> Cache:
        """The cache of ``data_dir``, or an empty one when there is none yet."""
        resolved = data_dir.resolve()
        base = resolved.parent / CACHE_DIR
        folder = base / f"{resolved.name}-{code_version()}"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = base / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            own = re.compile(rf"{re.escape(resolved.name)}-[0-9a-f]{{20}}")
            for stale in base.iterdir():
                if stale != folder and stale.is_dir() and own.fullmatch(stale.name):
                    shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            return cls(None)
        path = folder / "manifest.pickle"
        kept = _read(path)
        try:
            written = path.stat().st_mtime_ns
        except OSError:
            return cls(folder)
        if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict)):
            return cls(folder)
        manifest, listing = kept
        return cls(
            folder, manifest, written, listing=listing if isinstance(listing, Listing) else None
        )

    def note_listing(self, listing: Listing | None) -> None:
        """Keep ``listing`` with the manifest (when it is not the one kept already)."""
        if listing is not self.listing:
            self.listing = listing
            self.changed = True

    def lookup(self, rel: str) -> Entry | None:
        """The manifest entry of ``rel``."""
        entry = self.manifest.get(rel)
        return entry if isinstance(entry, tuple) and len(entry) == 3 else None

    def trusted(self, entry: Entry, stat: Signature) -> bool:
        """Whether a file with ``stat`` is the one ``entry`` recorded, without reading it:
        the same signature, and modified well before the manifest was written."""
        return entry[2] == stat and stat[1] < self.written - RACY_NS

    def load(self, shards: Iterable[str]) -> dict[str, dict[str, tuple[str, FileResult]]]:
        """The named shards' contents (a shard that cannot be read is simply missing)."""
        out = {}
        for name in set(shards):
            if self.folder is not None:
                content = _read(self.folder / name)
                if isinstance(content, dict):
                    out[name] = content
        return out

    def record(self, rel: str, digest: str, shard: str, stat: Signature) -> None:
        """Note where ``rel``'s result now is, and the ``stat`` of the file it came from."""
        if shard and self.manifest.get(rel) != (digest, shard, stat):
            self.manifest[rel] = (digest, shard, stat)
            self.changed = True

    def forget_others(self, keep: set[str]) -> None:
        """Drop entries of files that no longer exist."""
        for rel in set(self.manifest) - keep:
            del self.manifest[rel]
            self.changed = True

    def save(self) -> None:
        """Write the manifest and delete shards no file points to any more."""
        if self.folder is None or not self.changed:
            return
        with contextlib.suppress(OSError):
            _safe_write(
                self.folder / "manifest.pickle", (self.manifest, self.listing), records=False
            )
            live = {entry[1] for entry in self.manifest.values()}
            for shard in self.folder.glob("shard-*.pickle"):
                if shard.name not in live:
                    shard.unlink()

    @property
    def shard_count(self) -> int:
        """How many shards the manifest points to."""
        return len({entry[1] for entry in self.manifest.values()})

    def checked(self, key: str, name: str = "checks") -> object:
        """What ``keep_checked`` kept under ``key`` (and ``name``), or None."""
        if self.folder is None:
            return None
        kept = _read(self.folder / f"{name}.pickle")
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
            return kept[1]
        return None

    def keep_checked(self, key: str, value: object, name: str = "checks") -> None:
        """Keep an outcome of cross-file checks of the data ``key`` names (one per ``name``)."""
        if self.folder is not None:
            with contextlib.suppress(OSError):
                _safe_write(self.folder / f"{name}.pickle", (key, value))


def _read(path: Path) -> object:
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ):
        return None
