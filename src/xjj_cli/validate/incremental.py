"""``xjj validate`` after a change of project files only: a full run's log cut per project
file (``Segments``), and the changed files checked alone and spliced in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from xjj_cli.diagnostics import Problem, ProblemLog
from xjj_cli.load.files import FileKind
from xjj_cli.load.identity import is_duplicate
from xjj_cli.load.reader import (
    load_changed,
)
from xjj_cli.load.records import FileResult
from xjj_cli.load.scan import Scan, validation_key
from xjj_cli.model import (
    Project,
)
from xjj_cli.repository import Census, Repository, Sourced
from xjj_cli.validate.acknowledged import apply_acknowledgements
from xjj_cli.validate.kept import LEDGER_INPUTS, DateChecks, Trace
from xjj_cli.validate.plausibility import (
    check_future_dates,
    check_months_ahead_of,
    progress_horizon,
)
from xjj_cli.validate.records import check_project
from xjj_cli.validate.references import suggest_codes_for_names


def ledger_checks_key(repo: Repository, scan: Scan) -> str | None:
    """The key of the checks of the ledger: its inputs' digests, the projects' ids and
    domains in order (a suggestion for an unknown project depends on the order)."""
    projects = hashlib.sha256()
    for project in repo.projects.values():
        projects.update(f"{project.record.id}\0{project.record.domain}\0".encode())
    where = str(repo.data_dir.resolve())
    return scan.content_key(where, projects.hexdigest(), kinds=LEDGER_INPUTS)


Held = tuple[tuple[str, str], ...]
"""The (id, domain) of each project a file holds: what the other files' checks read of it."""
Parts = tuple[list[Problem], list[Problem], list[Problem], list[Problem]]
"""A project file's problems: its own (loading it), its project's checks, its future dates,
its months after the month being collected."""
_NO_PARTS: Parts = ([], [], [], [])


@dataclass
class Segments:
    """A run's log cut where the problems of each project file lie, so that ``xjj validate``
    after a change of project files only checks those files again and splices their problems
    in where a full run would put them.

    Kept by the digest of every other file and the day. Valid while the changed files keep
    their projects' ids and domains (the only things the other files' checks read of a
    project), and while no project id is repeated (a repeat depends on every file). Plain
    tuples and only the parts that hold problems: a province has 20,000 project files."""

    data_folder: str
    census: Census
    horizon: str | None
    """``progress_horizon``: a project month after it is a warning."""
    tables: Repository
    """The towns, the units (which a project's checks read) and the acknowledgements (which
    apply to every warning), with no other record."""
    before: list[Problem]
    """Up to the first project file's own problems."""
    projects: dict[str, tuple[str, Held]]
    """Every project file, in path order: its digest and its projects."""
    parts: dict[str, Parts]
    """The project files with problems, and those problems."""
    after: list[Problem]
    """From the last project file's own problems to the first project's checks."""
    rest: list[Problem]
    """From the last project's checks to the first project's future dates."""
    later_dates: list[Problem]
    """The other files' future dates, up to the first project month ahead."""

    def assemble(self) -> list[Problem]:
        """The run's log before acknowledgements, in the order a full run finds it."""
        parts = [self.parts[rel] for rel in self.projects if rel in self.parts]
        return [
            *self.before,
            *(p for part in parts for p in part[0]),
            *self.after,
            *(p for part in parts for p in part[1]),
            *self.rest,
            *(p for part in parts for p in part[2]),
            *self.later_dates,
            *(p for part in parts for p in part[3]),
        ]


def segments_of(
    repo: Repository, scan: Scan, spans: dict[str, tuple[int, int]], trace: Trace
) -> Segments | None:
    """The segments of a full run, or None when it cannot be cut (see ``Segments``)."""
    files = [f.rel for f in scan.files if f.kind is FileKind.PROJECT]
    if not files or any(rel not in spans or rel not in scan.digests for rel in files):
        return None
    tables = Repository(repo.data_dir, towns=repo.towns, units=repo.units)
    tables.complete = repo.complete & {"towns", "units"}
    tables.acknowledged = repo.acknowledged
    raw, marks = trace.raw, trace.marks
    held: dict[str, list[tuple[str, str]]] = {}
    for project in repo.projects.values():
        held.setdefault(project.file, []).append((project.record.id, project.record.domain))

    def part(span: tuple[int, int] | None) -> list[Problem]:
        return raw[span[0] : span[1]] if span else []

    projects, parts = {}, {}
    for rel in files:
        projects[rel] = (scan.digests[rel], tuple(held.get(rel, ())))
        found = (
            part(spans[rel]),
            part(trace.checked.get(rel)),
            part(trace.dated.get(rel)),
            part(trace.ahead.get(rel)),
        )
        if any(is_duplicate(p) for p in found[0]):
            return None
        if any(found):
            parts[rel] = found
    segments = Segments(
        repo.log.data_folder,
        repo.census(),
        progress_horizon(repo),
        tables,
        raw[: spans[files[0]][0]],
        projects,
        parts,
        raw[spans[files[-1]][1] : marks["projects"]],
        raw[marks["rest"] : marks["dates"]],
        raw[marks["later_dates"] : marks["months"]],
    )
    return segments if segments.assemble() == raw else None


def validate_changed_projects(scan: Scan, key: str, day: dt.date) -> Repository | None:
    """``xjj validate`` when only project files changed since a run that kept its
    ``Segments``: only the changed files are loaded and checked (against the kept tables
    of towns and units); None when the segments do not allow it."""
    kept = scan.cache.checked(key, "segments")
    if not isinstance(kept, Segments):
        return None
    files = [f for f in scan.files if f.kind is FileKind.PROJECT]
    if len(files) != len(kept.projects) or any(f.rel not in kept.projects for f in files):
        return None  # a project file added or removed: the ids may now repeat
    digests = scan.digests
    if any(digests.get(f.rel, kept.projects[f.rel][0]) != kept.projects[f.rel][0] for f in files):
        return None  # the cache holds a version these segments do not know
    changed = load_changed(scan)
    repo = dataclasses.replace(kept.tables, log=ProblemLog(data_folder=kept.data_folder))
    projects, parts = dict(kept.projects), dict(kept.parts)
    for rel, result in changed.items():
        held, found = check_project_file(repo, result, day, kept.horizon)
        if rel not in digests or held is None or held != kept.projects[rel][1]:
            return None  # unreadable, or another id or domain: the other files' checks change
        projects[rel] = (digests[rel], held)
        parts.pop(rel, None)
        if any(found):
            parts[rel] = found
    segments = dataclasses.replace(kept, projects=projects, parts=parts)
    repo.log.problems = segments.assemble()
    apply_acknowledgements(repo)
    scan.cache.keep_checked(key, segments, "segments")
    whole = scan.content_key(*validation_key(scan.data_dir, day))
    if whole is not None:
        scan.cache.keep_checked(whole, (repo.log, kept.census))
    return Repository(scan.data_dir, log=repo.log, counted=kept.census)


def check_project_file(
    tables: Repository, result: FileResult, day: dt.date, horizon: str | None
) -> tuple[Held | None, Parts]:
    """A project file's projects and problems, checked alone against ``tables`` (towns,
    units); no projects (None) when it holds more than one."""
    log = tables.log
    sourced = [
        Sourced(record, result.doc, base)
        for record, base in result.records
        if isinstance(record, Project) and result.doc is not None
    ]
    if len(sourced) > 1:
        return None, _NO_PARTS

    def found(check: Callable[[], None]) -> list[Problem]:
        tables.log = ProblemLog(data_folder=log.data_folder)
        check()
        problems = tables.log.problems
        tables.log = log
        return problems

    def loaded() -> None:
        tables.log.extend(result.problems)
        suggest_codes_for_names(tables)

    def checked() -> None:
        for project in sourced:
            check_project(tables, project)

    def dated() -> None:  # the file's projects alone: not the tables' acknowledgements
        alone = Repository(tables.data_dir, projects={s.record.id: s for s in sourced})
        alone.log = tables.log
        check_future_dates(alone, day, DateChecks(), {})

    def ahead() -> None:
        for project in sourced:
            check_months_ahead_of(tables, project, horizon)

    held = tuple((s.record.id, s.record.domain) for s in sourced)
    return held, (found(loaded), found(checked), found(dated), found(ahead))
