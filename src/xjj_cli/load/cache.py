"""A cache of loaded files, keyed by each file's content, under the repository's ``.xjj-cache/``.

Layout: one folder per data folder and xjj build, holding shards (pickled results of
some files, written by whoever loaded them — a worker process or the main one) and a
small manifest that maps each file to its content digest and its shard.

An entry is used only when the file's bytes hash to the same digest (every file is read
and hashed on every run: a time stamp can lie) and the cache was written
by the same xjj code: the folder name includes xjj's version, a digest of its source
files, the Python version and the pydantic version. Files added, changed or removed are
loaded again or dropped. A cache that cannot be read or written is ignored: it only
ever saves time, never changes a result.
"""

from __future__ import annotations

import contextlib
import hashlib
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

import pydantic

import xjj_cli
from xjj_cli.load.records import FileResult

CACHE_DIR = ".xjj-cache"
MAX_SHARDS = 256
"""More shards than this (after many small changes) and the cache is written anew."""


def code_version() -> str:
    """What makes cached results stale: xjj's code and the libraries that shape them."""
    digest = hashlib.sha256(f"{xjj_cli.__version__}|{sys.version}|{pydantic.VERSION}".encode())
    package = Path(xjj_cli.__file__).parent
    for source in sorted(package.rglob("*.py")):
        stat = source.stat()
        digest.update(f"{source.relative_to(package)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def content_digest(data: bytes) -> str:
    """The key of a file's content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _safe_write(path: Path, payload: object) -> None:
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
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


@dataclass
class Cache:
    """The cache of one data folder: what the manifest says, and what this run adds."""

    folder: Path | None
    manifest: dict[str, tuple[str, str]] = field(default_factory=dict)
    """rel → (content digest, shard name)"""
    changed: bool = False

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
        manifest = _read(folder / "manifest.pickle")
        return cls(folder, manifest if isinstance(manifest, dict) else {})

    def lookup(self, rel: str) -> tuple[str, str] | None:
        """The manifest entry of ``rel``."""
        return self.manifest.get(rel)

    def load(self, shards: Iterable[str]) -> dict[str, dict[str, tuple[str, FileResult]]]:
        """The named shards' contents (a shard that cannot be read is simply missing)."""
        out = {}
        for name in set(shards):
            if self.folder is not None:
                content = _read(self.folder / name)
                if isinstance(content, dict):
                    out[name] = content
        return out

    def record(self, rel: str, digest: str, shard: str) -> None:
        """Note where ``rel``'s result now is."""
        if shard and self.manifest.get(rel) != (digest, shard):
            self.manifest[rel] = (digest, shard)
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
            _safe_write(self.folder / "manifest.pickle", self.manifest)
            live = {shard for _, shard in self.manifest.values()}
            for shard in self.folder.glob("shard-*.pickle"):
                if shard.name not in live:
                    shard.unlink()

    @property
    def shard_count(self) -> int:
        """How many shards the manifest points to."""
        return len({shard for _, shard in self.manifest.values()})


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
