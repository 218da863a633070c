"""Reports remembered by the data they were made from (issue 15: the warm start).

xjj is reproducible: the same data, the same xjj and the same request give the same report.
So a month's report — what it printed on stdout and on stderr — is kept in the data folder's
cache under the digest of everything it was made from: every data file's content
(``Scan.content_key``: one ``stat`` per file, reading only the files the cache cannot vouch
for), the day (validation depends on it), the folder, and the request. A later identical
request prints it again without loading a record, or even importing the engine. The cache
folder is per xjj build (``load.cache``), so another xjj never reuses it. Without the cache
(``--no-cache``), or when a file cannot be vouched for, the report is made anew;
``XJJ_MEMO=0`` leaves the rest of the cache on and only this off (``make bench`` measures
with it what a report costs to make).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from xjj_cli import paths
from xjj_cli.load.files import FileKind
from xjj_cli.load.scan import LOADED_KINDS, LoadOptions, Scan, scan_data
from xjj_cli.regular import read_regular


@dataclass(frozen=True)
class Printed:
    """What a report printed: its result (stdout) and its notices (stderr)."""

    text: str
    notices: str


@dataclass(frozen=True)
class Written:
    """What a document command wrote: the month it was for, each file's name and bytes (in
    the order written), and its notices (stderr)."""

    month: str
    files: tuple[tuple[str, bytes], ...]
    notices: str

    @classmethod
    def of(cls, month: str, paths: Sequence[Path], contents: Sequence[bytes], notices: str) -> Self:
        """What a document command wrote to ``paths`` (``contents``, in the same order)."""
        files = tuple((path.name, data) for path, data in zip(paths, contents, strict=True))
        return cls(month, files, notices)


def write_again(kept: Written, place: Callable[[str, str], Path], *, overwrite: bool) -> list[Path]:
    """A remembered document's files written again where ``place`` (month, file name) puts
    them — through the writer of a fresh run (``bulletin.files.write_documents``), so with
    its rules: never over a file without ``overwrite``, all or none."""
    from xjj_cli.bulletin.files import write_documents

    targets = [place(kept.month, name) for name, _ in kept.files]
    return write_documents(targets, [data for _, data in kept.files], overwrite=overwrite)


@dataclass
class ReportMemo:
    """One request's place in the cache: what it printed before, and where to keep it."""

    data_dir: Path
    options: LoadOptions | None
    extra: tuple[str, ...]
    scan: Scan | None = None
    key: str | None = None

    @classmethod
    def open(cls, data_dir: Path, options: LoadOptions | None, request: tuple[str, ...]) -> Self:
        """The memo of ``request`` (its first item names the report) on ``data_dir``'s data."""
        extra = (dt.date.today().isoformat(), str(data_dir.resolve()), *request)
        memo = cls(data_dir, options, extra)
        if (options is None or options.use_cache) and os.environ.get("XJJ_MEMO") != "0":
            memo.scan = scan_data(data_dir, options)
            memo.key = memo._key(memo.scan)
        return memo

    @property
    def _name(self) -> str:
        return f"report-{self.extra[2]}"

    def _key(self, scan: Scan) -> str | None:
        return scan.content_key(*self.extra)

    def _recall(self) -> object:
        if self.scan is None or self.key is None:
            return None
        return self.scan.cache.checked(self.key, self._name)

    def recall(self) -> Printed | None:
        """What the same request printed on the same data, if it was kept."""
        kept = self._recall()
        return kept if isinstance(kept, Printed) else None

    def keep(self, printed: Printed | Written) -> None:
        """Keep what the request printed — only for data unchanged while it was made: after
        the run every file must be vouched for by the cache (its content what the run loaded:
        a file edited since has a new time stamp and is not, so the key is None) and, when
        the data was known before the run, be the same as then. A file edited while the
        report was made never labels a report made from other data."""
        if self.scan is None:
            return
        after = scan_data(self.data_dir, self.options)
        key = self._key(after)
        if key is None or self.key not in (None, key):
            return
        after.cache.keep_checked(key, printed, self._name)


class DocumentMemo(ReportMemo):
    """A document's place in the cache: the bulletin's files, the board, the notices. Besides
    the data the report is made from (the town map included), a document depends on the data's
    fingerprint (the bytes of every file in the data folder, its git commit and whether it has
    changes not committed) and on its templates — the folder beside the data and the built-in
    one: their digests are part of the key. The request names everything asked (month, the
    resolved ``--out``, ``--draft``, dates, numbers); ``--force`` is not in it: a hit writes
    through the fresh run's writer (``bulletin.files.write_documents``) and keeps its rules."""

    def _key(self, scan: Scan) -> str | None:
        return scan.content_key(*self.extra, *document_inputs(scan))

    def recall_written(self) -> Written | None:
        """The files the same request wrote on the same data, if they were kept."""
        kept = self._recall()
        return kept if isinstance(kept, Written) else None


def document_inputs(scan: Scan) -> tuple[str, str]:
    """What a document depends on besides the data ``Scan.content_key`` covers (the records
    and the town map): the digest of every other file of the data folder, of the templates
    folder beside it and of the built-in templates (few and small: READMEs, notes, templates;
    the cache folder's name covers xjj's code, not its templates), and the data's git state as
    its fingerprint has it."""
    digest = hashlib.sha256()
    others = [
        (f.rel, Path(f.location))
        for f in scan.files
        if f.kind not in LOADED_KINDS and f.kind is not FileKind.MAP
    ]
    beside = paths.templates_beside(scan.data_dir)
    for label, folder in (("templates", beside), ("xjj", paths.BUILTIN_TEMPLATES)):
        if folder.is_dir():
            found = sorted(p for p in folder.rglob("*") if p.is_file())
            others += [(f"{label}/{p.relative_to(folder).as_posix()}", p) for p in found]
    for name, path in others:
        try:
            content = read_regular(path)[0]  # a FIFO or a device is no content: never waits
        except OSError:
            content = b"\0unreadable"
        head = f"\0{name}\0{len(content)}\0".encode("utf-8", "surrogateescape")  # not UTF-8
        digest.update(head + content)
    return digest.hexdigest(), _git_state(scan.data_dir)


def _git_state(data_dir: Path) -> str:
    """The data's git commit, "+" when it has changes not committed (as ``fingerprint``)."""
    from xjj_cli.load.fingerprint import git_state

    commit, dirty = git_state(data_dir)
    return "" if commit is None else commit + ("+" if dirty else "")
