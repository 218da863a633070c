"""Stage 1: read the data folder into a ``Repository``.

Each file is loaded on its own (``records.load_file``): in two worker processes when
there are many, or from the content-keyed cache when the file has not changed. The
results are then registered in path order, so the outcome never depends on which
worker finished first, nor on whether the cache was used.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from xjj_cli.diagnostics import Location
from xjj_cli.load.cache import Cache, content_digest, write_shard
from xjj_cli.load.files import DataFile, FileKind, data_files
from xjj_cli.load.identity import Ids
from xjj_cli.load.records import LOADED_KINDS, FileResult, YamlRecord, load_file, unreadable
from xjj_cli.load.scan import LoadOptions, Progress, Scan, scan_data
from xjj_cli.messages.errors import os_reason
from xjj_cli.messages.validation import check_word, save_as_csv
from xjj_cli.model import (
    Acknowledgement,
    District,
    Domain,
    Events,
    Interviews,
    LedgerProblem,
    Project,
    Task,
    Town,
    TownFigure,
    Unit,
)
from xjj_cli.regular import read_regular
from xjj_cli.repository import Repository, Sourced

__all__ = [
    "LoadOptions",
    "Scan",
    "data_files",
    "domain_file_key",
    "figures_key",
    "load_changed",
    "load_repository",
    "scan_data",
]


PARALLEL_MIN_FILES = 400
"""Below this many files to load, one process is quicker than starting workers."""

_REQUIRED = (
    ("district.yaml", "required.district"),
    ("towns/towns.csv", "required.towns"),
    ("units/units.csv", "required.units"),
)
"""The files every data folder needs, with the key of the hint saying what goes in them."""


@dataclass
class _Ids:
    """The ids that must be unique across files, checked as the files are registered."""

    domains: Ids = field(default_factory=lambda: Ids("domain", whole_files=True))
    projects: Ids = field(default_factory=lambda: Ids("project_id", whole_files=True))
    events: Ids = field(default_factory=lambda: Ids("events_month", whole_files=True))
    interviews: Ids = field(default_factory=lambda: Ids("interviews_month", whole_files=True))
    tasks: Ids = field(default_factory=lambda: Ids("task_id"))
    problems: Ids = field(default_factory=lambda: Ids("problem_id"))


def load_repository(
    data_dir: Path,
    options: LoadOptions | None = None,
    scan: Scan | None = None,
    spans: dict[str, tuple[int, int]] | None = None,
) -> Repository:
    """Read every file below ``data_dir`` (as ``scan`` found them, when given); problems go
    to the repository's log, each loaded file's (its own, then those found as its records
    were registered) between the two indexes ``spans`` notes for it, when given."""
    options = options or LoadOptions()
    scan = scan or scan_data(data_dir, options)
    repo = Repository(data_dir)
    folder = repo.relative(data_dir)
    repo.log.data_folder = "" if folder in ("", ".") else folder
    files = scan.files
    start = len(str(data_dir)) + 1  # a file's location is the folder's, a separator, its parts
    repo.listed = tuple((f.location[start:].replace(os.sep, "/"), f.location) for f in files)
    for f in files:
        if f.kind is FileKind.OUTSIDE:
            repo.log.error(Location(f.rel), "file.outside", target=f.hint)
        elif f.kind is FileKind.BAD_NAME:
            repo.log.error(Location(f.rel), "file.name", name=f.path.name, hint=f.hint)
        elif f.kind is FileKind.SPREADSHEET:
            repo.log.error(Location(f.rel), "file.spreadsheet", save_as=save_as_csv(f.hint))
        elif f.kind is FileKind.UNEXPECTED:
            repo.log.warning(Location(f.rel), "file.unexpected", hint=f.hint)
        elif f.kind is FileKind.MAP:
            repo.town_map = f.path
    loadable = [f for f in files if f.kind in LOADED_KINDS]
    enabled = gc.isenabled()
    gc.disable()  # loading allocates millions of small objects and frees none of them
    try:
        results = _load(scan, len(loadable), options.progress)
        ids = _Ids()
        for f in loadable:
            start = len(repo.log.problems)
            _register(repo, f, results[f.rel], ids)
            if spans is not None:
                spans[f.rel] = (start, len(repo.log.problems))
    finally:
        # What was loaded lives as long as the run: later collections (the cross-file checks,
        # the engine) need not walk these millions of objects again and again.
        gc.freeze()
        if enabled:
            gc.enable()
    for required, hint in _REQUIRED:
        if not (data_dir / required).is_file():
            repo.log.error(
                Location(repo.relative(data_dir / required)),
                "file.missing",
                name=required,
                hint=check_word(hint),
            )
    return repo


def _load(scan: Scan, total: int, progress: Progress | None) -> dict[str, FileResult]:
    """Every file's result: from the cache when it is unchanged, else loaded now."""
    cache = scan.cache
    results: dict[str, FileResult] = {}
    todo = list(scan.todo)
    shards = cache.load(scan.cached)
    for shard, waiting in scan.cached.items():
        content = shards.get(shard, {})
        for f in waiting:
            hit = content.get(f.rel)
            if hit is not None and hit[0] == scan.digests[f.rel]:
                results[f.rel] = hit[1]
            else:
                todo.append(f)
    if progress:
        progress(len(results), total)
    loaded = _load_files(todo, cache.shard_folder, len(results), total, progress)
    for f, (digest, result, shard) in zip(todo, loaded, strict=True):
        results[f.rel] = result
        if digest:
            scan.digests[f.rel] = digest
            if f.rel in scan.stats:
                cache.record(f.rel, digest, shard, scan.stats[f.rel])
        else:
            scan.digests.pop(f.rel, None)
    cache.forget_others({f.rel for f in scan.files if f.kind in LOADED_KINDS})
    cache.save()
    return results


def load_changed(scan: Scan) -> dict[str, FileResult]:
    """Load only the files the cache cannot vouch for (``scan.todo``), keeping them in the
    cache; each result's document knows its file again."""
    loaded = _load_files(scan.todo, scan.cache.shard_folder, 0, len(scan.todo), None)
    results = {}
    for f, (digest, result, shard) in zip(scan.todo, loaded, strict=True):
        results[f.rel] = _located(f, result)
        if digest:
            scan.digests[f.rel] = digest
            if f.rel in scan.stats:
                scan.cache.record(f.rel, digest, shard, scan.stats[f.rel])
    scan.cache.forget_others({f.rel for f in scan.files if f.kind in LOADED_KINDS})
    scan.cache.save()
    return results


def _located(f: DataFile, result: FileResult) -> FileResult:
    if result.doc is not None:
        result.doc.source = f.location  # the cache may have been written from another checkout
    return result


Job = tuple[FileKind, str, str]


def _load_one(job: Job) -> tuple[str, FileResult]:
    kind, path, rel = job
    location = Path(path)
    try:
        data, _ = read_regular(location)
    except OSError as exc:
        return "", unreadable(kind, rel, os_reason(exc))
    return content_digest(data), load_file(kind, location, rel, data)


Loaded = list[tuple[str, FileResult, str]]
"""Per file, in order: content digest ("" when unreadable), result, shard holding it ("" if none)."""


def _load_chunk(jobs: Sequence[Job], folder: Path | None) -> tuple[str, Loaded]:
    """Load some files. With a cache folder their results are kept there as one shard and
    only the shard's name travels back (the results are read from the shard, not pickled twice)."""
    shard, loaded = _load_here(jobs, folder)
    if shard and folder is not None:
        return shard, []
    return "", loaded


def _load_here(jobs: Sequence[Job], folder: Path | None) -> tuple[str, Loaded]:
    """Load some files in this process: their results, and the shard holding all of them
    when a cache folder is given and the shard could be written ("" otherwise)."""
    enabled = gc.isenabled()
    gc.disable()  # many small objects, none of them garbage
    try:
        loaded = [_load_one(job) for job in jobs]
    finally:
        if enabled:
            gc.enable()
    if folder is None:
        return "", [(digest, result, "") for digest, result in loaded]
    entries = {
        job[2]: (digest, result)
        for job, (digest, result) in zip(jobs, loaded, strict=True)
        if digest
    }
    shard = write_shard(folder, entries)
    whole = bool(shard) and len(entries) == len(loaded)
    return (shard if whole else ""), [
        (digest, result, shard if digest else "") for digest, result in loaded
    ]


def _unpack(jobs: Sequence[Job], folder: Path | None, shard: str, loaded: Loaded) -> Loaded:
    if not shard or folder is None:
        return loaded
    content = Cache(folder).load([shard]).get(shard, {})
    if len(content) != len(jobs):  # the shard vanished under us: load these files here
        return _load_here(jobs, None)[1]
    return [(content[job[2]][0], content[job[2]][1], shard) for job in jobs]


PROCESSES = 2
"""How many processes load files at once (this one included), at most one per CPU."""
CHUNKS_PER_PROCESS = 64
"""Chunks per loading process: small enough to share the last ones out evenly."""
MIN_CHUNK_FILES = 25
"""Files in a chunk at least: each chunk costs a message to a worker and back."""


def _load_files(
    files: list[DataFile], folder: Path | None, done: int, total: int, progress: Progress | None
) -> Loaded:
    """Load files in order: shared between this process and workers when there are many
    (Linux), else here.

    The chunks are queued for the workers, and this process takes the last chunks still
    queued until none is left: its share's results need not be pickled to cross a pipe,
    and it would otherwise sit idle waiting for the workers."""
    jobs = [(f.kind, f.location, f.rel) for f in files]
    workers = min(PROCESSES, os.cpu_count() or 1) - 1
    if len(jobs) < PARALLEL_MIN_FILES or workers < 1 or not sys.platform.startswith("linux"):
        return _load_here(jobs, folder)[1] if jobs else []
    size = max(MIN_CHUNK_FILES, len(jobs) // ((workers + 1) * CHUNKS_PER_PROCESS))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    here: dict[int, Loaded] = {}
    out: Loaded = []

    def report() -> None:
        if progress:
            finished = (len(c) for i, c in enumerate(chunks) if i in here or queued[i].done())
            progress(done + sum(finished), total)

    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        queued = [pool.submit(_load_chunk, chunk, folder) for chunk in chunks]
        for index in reversed(range(len(chunks))):
            if not queued[index].cancel():
                break  # a worker has it, and every chunk before it
            here[index] = _load_here(chunks[index], folder)[1]
            report()
        for index, chunk in enumerate(chunks):
            if index in here:
                out.extend(here[index])
            else:
                out.extend(_unpack(chunk, folder, *queued[index].result()))
                report()
    return out


def _register(repo: Repository, f: DataFile, result: FileResult, ids: _Ids) -> None:
    """Add one file's records to the repository; duplicates across files are found here."""
    repo.log.extend(result.problems)
    doc = result.doc
    if doc is not None:
        doc.source = f.location  # the cache may have been written from another checkout
    if f.kind is FileKind.TOWNS:
        repo.towns = {t.code: t for t in result.rows if isinstance(t, Town)}
        if result.whole:
            repo.complete.add("towns")
    elif f.kind is FileKind.UNITS:
        repo.units = {u.code: u for u in result.rows if isinstance(u, Unit)}
        if result.whole:
            repo.complete.add("units")
    elif f.kind is FileKind.FIGURES:
        month = f.path.stem
        repo.figures[month] = [r for r in result.rows if isinstance(r, TownFigure)]
        if result.whole:
            repo.complete.add(figures_key(month))
    else:
        if f.kind is FileKind.DOMAIN:
            repo.complete.add(domain_file_key(f.path.stem))
        if doc is not None:
            for record, base in result.records:
                _register_record(repo, f, Sourced(record, doc, base), ids)


def _register_record(
    repo: Repository, f: DataFile, sourced: Sourced[YamlRecord], ids: _Ids
) -> None:
    record, log = sourced.record, repo.log
    if isinstance(record, District):
        repo.district = Sourced(record, sourced.doc)
    elif isinstance(record, Domain):
        if ids.domains.claim(record.id, partial(sourced.at, "id"), log):
            repo.domains[record.id] = Sourced(record, sourced.doc)
    elif isinstance(record, Project):
        if ids.projects.claim(record.id, partial(sourced.at, "id"), log):
            repo.projects[record.id] = Sourced(record, sourced.doc)
    elif isinstance(record, Task):
        # A repeated task is still kept: its other fields are checked like any task's.
        ids.tasks.claim(record.id, partial(sourced.at, "id"), log)
        repo.tasks.append(Sourced(record, sourced.doc, sourced.base))
    elif isinstance(record, LedgerProblem):
        # Like a task, a repeated problem is kept and checked; its id is said once to be taken.
        ids.problems.claim(record.id, partial(sourced.at, "id"), log)
        repo.problems.append(Sourced(record, sourced.doc, sourced.base))
    elif isinstance(record, Acknowledgement):
        repo.acknowledged.append(Sourced(record, sourced.doc, sourced.base))
    elif isinstance(record, Events):
        month = f.path.stem
        if ids.events.claim(month, sourced.at, log):
            repo.events[month] = Sourced(record, sourced.doc)
    elif isinstance(record, Interviews):
        month = f.path.stem
        if ids.interviews.claim(month, sourced.at, log):
            repo.interviews[month] = Sourced(record, sourced.doc)


def domain_file_key(domain: str) -> str:
    """The ``Repository.complete`` entry saying that ``domains/<domain>.yaml`` exists
    (whether or not it was valid): a metric of a broken domain file is not reported twice."""
    return f"domain-file/{domain}"


def figures_key(month: str) -> str:
    """The ``Repository.complete`` entry of a month whose every row could be read.

    A row left out for a bad cell is still the town's row: the month is then not checked
    for missing towns, which would only echo that row's own error.
    """
    return f"progress/{month}"
