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

The cache is not trusted (issue 22): a file in it may have been put there by someone else (a
pull request can add ``.xjj-cache/`` to the repository) or changed by a faulty disk. So every
cache file starts with an HMAC-SHA256 of its name and content under a random key kept outside
the repository, in the user's own cache folder (``key_file``), checked before a byte of it is
unpickled: a file that fails it is ignored and its content made anew, as with ``--no-cache``.
Only regular files are read (never a FIFO, a device, a folder or a symbolic link; never more
than ``MAX_BYTES``), and the unpickler makes only the project's own records and a few plain
types (``_Unpickler``): even a file with a valid tag could not run code.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import hmac
import importlib.util
import io
import os
import pickle
import re
import shutil
import stat
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xjj_cli
from xjj_cli.diagnostics import Location
from xjj_cli.load.files import RACY_NS, Listing, Signature
from xjj_cli.output import make_temp, sweep
from xjj_cli.regular import read_regular

if TYPE_CHECKING:  # the records' modules are imported only to write a shard, not to read one
    import pydantic

    from xjj_cli.load.records import FileResult

CACHE_DIR = ".xjj-cache"
MAX_SHARDS = 256
"""More shards than this (after many small changes) and the cache is written anew."""
MAGIC = b"xjj-cache-1\n"
"""The start of every cache file, followed by its tag (``TAG_BYTES``) and the pickle."""
TAG_BYTES = 32
MAX_BYTES = 1 << 30
"""A larger cache file is not read (a province's largest, a notices set, is a few tens of MB)."""
KEY_BYTES = 32
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@functools.cache
def code_version() -> str:
    """What makes cached results stale: xjj's code and the libraries that shape them. Worked
    out once per process (a ``stat`` of every source file: the code a process runs is the
    code it imported, whatever happens to the files later)."""
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


def key_file() -> Path | None:
    """Where the cache's key is kept: the user's cache folder (``$XDG_CACHE_HOME`` or
    ``~/.cache``; ``%LOCALAPPDATA%`` on Windows), never the repository or the cache itself."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.environ.get("LOCALAPPDATA", "") if os.name == "nt" else ""
    if not os.path.isabs(base):
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):
            return None
    return Path(base) / "xjj" / "cache-key"


_keys: list[bytes] = []


def cache_key() -> bytes | None:
    """This user's random key for the cache's tags, made on first use (None when it can be
    neither read nor made: then no cache is used). Read once per process."""
    if not _keys:
        key = _user_key()
        if key is None:
            return None
        _keys.append(key)
    return _keys[0]


def _user_key() -> bytes | None:
    place = key_file()
    if place is None:
        return None
    for _ in range(2):
        key = _read_file(place, KEY_BYTES)[0]
        if key is not None:
            return key if len(key) == KEY_BYTES else None
        if place.exists() or place.is_symlink():  # there, but not a key: never trusted
            return None
        try:
            place.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, temp = make_temp(place.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(os.urandom(KEY_BYTES))
                os.link(temp, place)  # two first runs at once: one key wins, both read it
            finally:
                temp.unlink()
        except FileExistsError:
            continue
        except OSError:
            return None
    return None


def _tag(key: bytes, label: str, payload: bytes | memoryview) -> bytes:
    """The HMAC of a cache file's name (its folder's and its own) and content."""
    mac = hmac.new(key, label.encode("utf-8") + b"\0", "sha256")
    mac.update(payload)
    return mac.digest()


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


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
    """Write ``payload`` to the cache file ``path``, tagged, through a temporary file."""
    key = cache_key()
    if key is None:
        raise OSError("no key for the cache")
    stream = io.BytesIO()
    if records:
        _record_pickler()(stream).dump(payload)
    else:
        pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
    content = stream.getbuffer()
    handle, temp = make_temp(path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(MAGIC)
            out.write(_tag(key, _label(path), content))
            out.write(content)
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
    borrowed: bool = False
    """Read on behalf of another folder (``borrowed``): shards are read, nothing is written."""

    @classmethod
    def open(cls, data_dir: Path, *, make: bool = True) -> Cache:
        """The cache of ``data_dir``, or an empty one when there is none yet; none at all
        (``folder`` None) when it cannot be kept safely: no key, or the cache's folder is not
        a folder (a symbolic link, a file). Without ``make``, nothing is made or removed:
        none at all when the folder is not there."""
        resolved = data_dir.resolve()
        base = resolved.parent / CACHE_DIR
        folder = base / f"{resolved.name}-{code_version()}"
        if cache_key() is None:
            return cls(None)
        if not make:
            if not (_real_folder(base) and _real_folder(folder)):
                return cls(None)
        else:
            made = cls._make(resolved, base, folder)
            if made is not None:
                return made
        kept, written = _read_stamped(folder / "manifest.pickle")
        if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[0], dict)):
            return cls(folder)
        manifest, listing = kept
        return cls(
            folder, manifest, written, listing=listing if isinstance(listing, Listing) else None
        )

    @classmethod
    def _make(cls, resolved: Path, base: Path, folder: Path) -> Cache | None:
        """Make the cache's folders, removing this data folder's stale ones; a cache of no
        folder when that fails (None when all is well)."""
        try:
            for place in (base, folder):  # each checked before anything is made in it
                if not _real_folder(place):
                    place.mkdir(exist_ok=True)
                    if not _real_folder(place):
                        return cls(None)
            with contextlib.suppress(OSError):  # a read-only cache may still be read
                _ignore_all(base / ".gitignore")
            own = re.compile(rf"{re.escape(resolved.name)}-[0-9a-f]{{20}}")
            for stale in base.iterdir():
                if stale != folder and own.fullmatch(stale.name) and _real_folder(stale):
                    shutil.rmtree(stale, ignore_errors=True)
        except OSError:
            return cls(None)
        return None

    def borrow(self) -> Cache:
        """This cache, read-only, for a copy of its data folder (``xjj import`` checks one):
        a copy's file is known by its content alone (``scan_data`` reads and hashes each one,
        never trusting a ``stat`` taken of another path), so a result read here is the one
        loading that content gives; no shard, manifest or checks are written, and no kept
        checks are read (their keys name the data folder, which the copy's never is)."""
        return dataclasses.replace(self, manifest=dict(self.manifest), listing=None, borrowed=True)

    @property
    def shard_folder(self) -> Path | None:
        """Where this run may write the shards of the files it loads (None: nowhere)."""
        return None if self.borrowed else self.folder

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
        """Write the manifest and delete shards no file points to any more (and temporary
        files a killed run left)."""
        if self.folder is None or not self.changed or self.borrowed:
            return
        sweep(self.folder)
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
        if self.folder is None or self.borrowed:
            return None
        kept = _read(self.folder / f"{name}.pickle")
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
            return kept[1]
        return None

    def keep_checked(self, key: str, value: object, name: str = "checks") -> None:
        """Keep an outcome of cross-file checks of the data ``key`` names (one per ``name``)."""
        if self.folder is not None and not self.borrowed:
            with contextlib.suppress(OSError):
                _safe_write(self.folder / f"{name}.pickle", (key, value))


_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW


def _ignore_all(path: Path) -> None:
    """Tell git to ignore the cache: write ``path`` unless something is there (never through
    a link, never over a file)."""
    try:
        handle = os.open(path, _CREATE_FLAGS, 0o644)
    except FileExistsError:
        return
    with os.fdopen(handle, "wb") as stream:
        stream.write(b"*\n")


def _real_folder(path: Path) -> bool:
    """Whether ``path`` is a folder itself (not a symbolic link to one)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _read_file(path: Path, limit: int) -> tuple[bytes | None, int]:
    """``read_regular``, or (None, 0) for anything but a regular file of at most ``limit``
    bytes: missing, a FIFO, a device, a folder, a symbolic link, too large."""
    try:
        return read_regular(path, limit, follow=False)
    except (OSError, ValueError, MemoryError):
        return None, 0


def _read(path: Path) -> object:
    """What the cache file ``path`` holds, or None when it is missing, not a regular file, or
    fails its tag (ignored: its content is made again)."""
    return _read_stamped(path)[0]


def _read_stamped(path: Path) -> tuple[object, int]:
    """``_read``'s content, and the file's mtime (ns)."""
    key = cache_key()
    data, written = _read_file(path, MAX_BYTES)
    if key is None or data is None:
        return None, 0
    view = memoryview(data)
    start = len(MAGIC) + TAG_BYTES
    if view[: len(MAGIC)] != MAGIC or not hmac.compare_digest(
        view[len(MAGIC) : start], _tag(key, _label(path), view[start:])
    ):
        return None, 0
    try:
        return _Unpickler(io.BytesIO(data[start:])).load(), written
    except Exception:  # tagged by this user's xjj, so never expected: still only a cache miss
        return None, 0


_PLAIN_GLOBALS = frozenset(
    {
        ("datetime", "date"),
        ("datetime", "datetime"),
        ("datetime", "time"),
        ("datetime", "timedelta"),
        ("datetime", "timezone"),
        ("decimal", "Decimal"),
        ("fractions", "Fraction"),
        ("pathlib", "Path"),
        ("pathlib", "PosixPath"),
        ("pathlib", "PurePosixPath"),
        ("pathlib", "PureWindowsPath"),
        ("pathlib", "WindowsPath"),
        (__name__, "_model"),
    }
)
"""What a cache file may name besides the records' classes: plain values and ``_model``."""
RECORD_MODULES = frozenset(
    {
        "xjj_cli.load.files",
        "xjj_cli.load.records",
        "xjj_cli.load.yamldoc",
        "xjj_cli.memo",
        "xjj_cli.model",
        "xjj_cli.diagnostics",
        "xjj_cli.repository",
        "xjj_cli.validate.incremental",
        "xjj_cli.validate.kept",
    }
)
"""The modules whose classes a cache file may hold (a class defined there, nothing else)."""


class _Unpickler(pickle.Unpickler):
    """Unpickles only what the cache writes: the records' classes (each a class defined in
    one of ``RECORD_MODULES``, by its own name) and ``_PLAIN_GLOBALS`` — never a function that
    could run a command (``os.system``, ``eval``, ``subprocess``…)."""

    def find_class(self, module: str, name: str) -> Any:
        plain = (module, name) in _PLAIN_GLOBALS
        if plain or (module in RECORD_MODULES and name.isidentifier()):
            found = super().find_class(module, name)
            if plain or (
                isinstance(found, type)
                and found.__module__ == module
                and found.__qualname__ == name
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in a cache")
