"""Stage 2: the cross-file checks of SPEC §2 over a loaded repository.

Each file was already checked alone by the loader; here records are checked against
each other: references, uniqueness across files, figures that must never decrease.
Every check appends to the repository's problem log and never stops at the first one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from xjj_cli.chinese import listing
from xjj_cli.diagnostics import Location, Problem, ProblemLog
from xjj_cli.load.files import FileKind
from xjj_cli.load.identity import duplicate, is_duplicate
from xjj_cli.load.reader import (
    LoadOptions,
    domain_file_key,
    figures_key,
    load_changed,
    load_repository,
    scan_data,
)
from xjj_cli.load.records import FileResult
from xjj_cli.load.scan import Scan, restore_validation, validation_key
from xjj_cli.load.typos import code_for_name
from xjj_cli.load.yamldoc import YamlPath
from xjj_cli.messages import (
    PARTY_KINDS,
    PARTY_NAMES,
    Subject,
    amount,
    check_word,
    cn_date,
    date_field,
    did_you_mean,
    either,
    name_hint,
    number,
    os_reason,
    render_message,
    subject,
)
from xjj_cli.model import (
    DOMAIN_ORDER,
    Acknowledgement,
    Events,
    LedgerProblem,
    Project,
    Rules,
    Task,
    Town,
    TownFigure,
    Unit,
)
from xjj_cli.months import add_months, month_of
from xjj_cli.regular import read_regular
from xjj_cli.repository import Census, Repository, Sourced

PartyKind = Literal["town", "unit"]
"""Which table a reference looks in: ``towns.csv`` or ``units.csv``."""
Where = Callable[[], Location]
T = TypeVar("T")


def validate_repository(
    data_dir: Path,
    options: LoadOptions | None = None,
    *,
    today: dt.date | None = None,
    records: bool = True,
    scan: Scan | None = None,
) -> Repository:
    """Load ``data_dir`` and run every check; the result's log holds all problems.

    ``today`` (default: the real date) is the day after which no date may lie. Without
    ``records`` (``xjj validate``), when no file changed since a run that kept its
    problems in the cache, the repository returned holds those problems and the census
    only — no records are loaded; when only project files changed, only those are loaded
    (``Segments``). ``scan``: the data folder's, when ``restore_validation`` found that
    something changed (``records`` is then False)."""
    day = today or dt.date.today()
    if scan is None:
        scan = scan_data(data_dir, options)
        restored = restore_validation(scan, day)
        if restored is not None and not records:
            return restored
    extra = validation_key(data_dir, day)
    segments_key = scan.content_key(*extra, kinds=NOT_PROJECTS)
    if not records and segments_key is not None:
        restored = _validate_changed_projects(scan, segments_key, day)
        if restored is not None:
            return restored
    spans: dict[str, tuple[int, int]] = {}
    repo = load_repository(data_dir, options, scan, spans)
    figures_key = scan.content_key(str(data_dir.resolve()), kinds=FIGURE_INPUTS)
    kept = scan.cache.checked(figures_key, "figures") if figures_key is not None else None
    figures = kept if isinstance(kept, FigureChecks) and kept.complete else FigureChecks()
    before = figures.projects
    dates_key = f"{day.isoformat()}|{data_dir.resolve()}"
    kept_dates = scan.cache.checked(dates_key, "dates")
    dates = kept_dates if isinstance(kept_dates, DateChecks) else DateChecks()
    known_dates = dates.files.keys()
    ledger_key = _ledger_key(repo, scan) if repo.problems and scan.cache.folder else None
    kept_ledger = scan.cache.checked(ledger_key, "ledger") if ledger_key is not None else None
    ledger = LedgerChecks(kept_ledger if isinstance(kept_ledger, list) else None)
    trace = Trace()
    check_repository(
        repo,
        today=day,
        figures=figures,
        digests=scan.digests,
        dates=dates,
        trace=trace,
        ledger=ledger,
    )
    if ledger_key is not None and kept_ledger is None:
        scan.cache.keep_checked(ledger_key, ledger.problems, "ledger")
    segments_key = scan.content_key(*extra, kinds=NOT_PROJECTS)  # every file now known
    if not records and segments_key is not None and scan.cache.folder is not None:
        segments = _segments(repo, scan, spans, trace)
        if segments is not None:
            scan.cache.keep_checked(segments_key, segments, "segments")
    if figures_key is not None and (kept is not figures or figures.projects != before):
        scan.cache.keep_checked(figures_key, figures, "figures")
    if dates.files.keys() != known_dates:
        scan.cache.keep_checked(dates_key, dates, "dates")
    key = scan.content_key(*extra)
    if key is not None:
        scan.cache.keep_checked(key, (repo.log, repo.census()))
    return repo


NOT_PROJECTS = frozenset(FileKind) - {FileKind.PROJECT}
LEDGER_INPUTS = frozenset({FileKind.PROBLEMS, FileKind.TOWNS, FileKind.UNITS})
"""The files the checks of the problems ledger read, besides each project's id and domain."""


@dataclass
class LedgerChecks:
    """The problems the checks of the problems ledger found (``_check_problems``), in order.

    They depend on the ledger, the tables of towns and units and the projects' ids and
    domains only: ``validate_repository`` keeps them by those (``_ledger_key``), so that a
    20,000-entry ledger is not checked again while none of them changed."""

    problems: list[Problem] | None = None


def _ledger_key(repo: Repository, scan: Scan) -> str | None:
    """The key of the checks of the ledger: its inputs' digests, the projects' ids and
    domains in order (a suggestion for an unknown project depends on the order)."""
    projects = hashlib.sha256()
    for project in repo.projects.values():
        projects.update(f"{project.record.id}\0{project.record.domain}\0".encode())
    where = str(repo.data_dir.resolve())
    return scan.content_key(where, projects.hexdigest(), kinds=LEDGER_INPUTS)


@dataclass
class Trace:
    """Where the parts of a run's cross-file checks lie in its log, before acknowledgements:
    indexes where each part begins, and each project file's spans (see ``Segments``)."""

    marks: dict[str, int] = field(default_factory=dict)
    checked: dict[str, tuple[int, int]] = field(default_factory=dict)
    dated: dict[str, tuple[int, int]] = field(default_factory=dict)
    ahead: dict[str, tuple[int, int]] = field(default_factory=dict)
    raw: list[Problem] = field(default_factory=list)
    """The whole log before acknowledged warnings were set aside."""


Held = tuple[tuple[str, str], ...]
"""The (id, domain) of each project a file holds: what the other files' checks read of it."""
Parts = tuple[list[Problem], list[Problem], list[Problem], list[Problem]]
"""A project file's problems: its own (loading it), its project's checks, its future dates,
its months ahead of the town figures."""
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
    latest: str | None
    """The latest month with town figures (a project month after it is a warning)."""
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


def _segments(
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
        max(repo.figures) if repo.figures else None,
        tables,
        raw[: spans[files[0]][0]],
        projects,
        parts,
        raw[spans[files[-1]][1] : marks["projects"]],
        raw[marks["rest"] : marks["dates"]],
        raw[marks["later_dates"] : marks["months"]],
    )
    return segments if segments.assemble() == raw else None


def _validate_changed_projects(scan: Scan, key: str, day: dt.date) -> Repository | None:
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
        held, found = _check_project_file(repo, result, day, kept.latest)
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


def _check_project_file(
    tables: Repository, result: FileResult, day: dt.date, latest: str | None
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
        _suggest_codes_for_names(tables)

    def checked() -> None:
        for project in sourced:
            _check_project(tables, project)

    def dated() -> None:  # the file's projects alone: not the tables' acknowledgements
        alone = Repository(tables.data_dir, projects={s.record.id: s for s in sourced})
        alone.log = tables.log
        _check_future_dates(alone, day, DateChecks(), {})

    def ahead() -> None:
        for project in sourced:
            _check_months_ahead_of(tables, project, latest)

    held = tuple((s.record.id, s.record.domain) for s in sourced)
    return held, (found(loaded), found(checked), found(dated), found(ahead))


FIGURE_INPUTS = frozenset(
    {FileKind.DISTRICT, FileKind.DOMAIN, FileKind.TOWNS, FileKind.UNITS, FileKind.FIGURES}
)
"""The files the checks of the town figures read: the figures, the tables their codes
refer to, the domains with their metrics and the district with its rules (a project's own
checks read the tables of towns and units besides the project)."""


@dataclass
class FigureChecks:
    """The problems the checks of the town figures found, each list in the order found.

    They depend only on ``FIGURE_INPUTS`` (never on a project, a task or the day), so
    ``validate_repository`` keeps them in the cache by those files' digests and reuses them
    while those files are unchanged: a changed project file does not check them again.
    ``projects`` holds each project's own checks (``_check_project``) by its file, its
    place in the file and the file's digest: only a changed project is checked again."""

    figures: list[Problem] | None = None
    plausibility: list[Problem] | None = None
    projects: dict[tuple[str, YamlPath, str], list[Problem]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Whether both lists are known."""
        return self.figures is not None and self.plausibility is not None


@dataclass
class DateChecks:
    """The dates after the day of a run (``date.future`` warnings) found in each file, by the
    file and its content digest, in the order found.

    They depend only on the file and the day: ``validate_repository`` keeps them in the cache
    under the day, so a large unchanged file (the problems ledger) is not searched again —
    locating its dates means parsing the whole file again with positions."""

    files: dict[tuple[str, str], list[Problem]] = field(default_factory=dict)


def check_repository(
    repo: Repository,
    *,
    today: dt.date | None = None,
    figures: FigureChecks | None = None,
    digests: Mapping[str, str] | None = None,
    dates: DateChecks | None = None,
    trace: Trace | None = None,
    ledger: LedgerChecks | None = None,
) -> ProblemLog:
    """Run every cross-file check on ``repo`` and return its problem log; the checks of the
    town figures are taken from ``figures`` when it holds them, and kept there otherwise
    (with each project's, when ``digests`` gives the content digest of its file); so are
    each file's future dates in ``dates`` and the ledger's in ``ledger``. ``trace`` notes
    where each part of the log lies."""
    trace = trace or Trace()
    ledger = ledger or LedgerChecks()
    marks = trace.marks
    figures = figures or FigureChecks()
    kept_projects, figures.projects = figures.projects, {}
    _suggest_codes_for_names(repo)
    _check_codes(repo)
    _check_domains(repo)
    figures.figures = _found(repo, figures.figures, partial(_check_figures, repo))
    marks["projects"] = len(repo.log.problems)
    for project in repo.projects.values():
        start = len(repo.log.problems)
        digest = digests.get(project.file) if digests is not None else None
        if digest is None:
            _check_project(repo, project)
        else:
            key = (project.file, project.base, digest)
            figures.projects[key] = _found(
                repo, kept_projects.get(key), partial(_check_project, repo, project)
            )
        trace.checked[project.file] = (start, len(repo.log.problems))
    marks["rest"] = len(repo.log.problems)
    _check_tasks(repo)
    ledger.problems = _found(repo, ledger.problems, partial(_check_problems, repo))
    _check_events(repo)
    _check_map(repo)
    figures.plausibility = _found(
        repo, figures.plausibility, partial(check_figure_plausibility, repo)
    )
    marks["dates"] = len(repo.log.problems)
    check_plausibility(repo, today or dt.date.today(), dates, digests, trace)
    trace.raw = list(repo.log.problems)
    apply_acknowledgements(repo)
    return repo.log


def _found(
    repo: Repository, kept: list[Problem] | None, check: Callable[[], None]
) -> list[Problem]:
    """The problems ``check`` finds, in order: ``kept`` when known, else found now."""
    if kept is not None:
        repo.log.extend(kept)
        return kept
    start = len(repo.log.problems)
    check()
    return repo.log.problems[start:]


def _check_ref(
    repo: Repository,
    where: Where,
    code: str,
    accept: tuple[PartyKind, ...],
    what: Subject | None = None,
) -> bool:
    """Record an error unless ``code`` is a known town or unit of an accepted kind.

    ``what`` (a key of ``messages.SUBJECTS``) names the reference; by default, the kinds.
    ``where`` is called only for an error: finding a location means reading the file again."""
    for party in accept:
        if code in _table(repo, party):
            return True
    for party in ("town", "unit"):
        if party not in accept and code in _table(repo, party):
            expected = either(PARTY_KINDS[p] for p in accept)
            repo.log.error(
                where(), "ref.kind", code=code, actual=PARTY_KINDS[party], expected=expected
            )
            return False
    if not all(("towns" if p == "town" else "units") in repo.complete for p in accept):
        return True  # a table failed to load: its own errors say so; do not echo them here
    names = {c: row.name for p in accept for c, row in _table(repo, p).items()}
    repo.log.error(
        where(),
        "ref.unknown",
        what=subject(what) if what else either(PARTY_NAMES[p] for p in accept),
        code=code,
        suggestion=did_you_mean(code, names, names),
    )
    return False


def _table(repo: Repository, party: PartyKind) -> Mapping[str, Town | Unit]:
    return repo.towns if party == "town" else repo.units


def _check_codes(repo: Repository) -> None:
    """A code is a town's or a unit's, never both (each table's own repeats were found as
    it was loaded, by the same ``load.identity``)."""
    for code, unit in repo.units.items():
        if code in repo.towns:
            first = repo.towns[code].location
            duplicate(repo.log, unit.location, "code", code, first, whole_files=False)


def _suggest_codes_for_names(repo: Repository) -> None:
    """A name written where a code belongs (济阳街道 for jy) was reported by the loader as a
    code of the wrong format; now that the names are known, say which code was meant."""
    names = {code: row.name for table in (repo.towns, repo.units) for code, row in table.items()}
    tables = {row.location.file for table in (repo.towns, repo.units) for row in table.values()}
    if not names:
        return
    problems = repo.log.problems
    for i, problem in enumerate(problems):
        if problem.code != "value.code" or problem.location.file in tables:
            continue  # a code column of towns.csv or units.csv is where codes are made
        raw = problem.params.get("raw")
        code = code_for_name(raw, names) if isinstance(raw, str) else None
        if code is None:
            continue
        params = {**problem.params, "suggestion": name_hint(code, names[code])}
        message = render_message(problem.code, **params)
        problems[i] = dataclasses.replace(problem, message=message, params=params)


def _check_domains(repo: Repository) -> None:
    for domain in repo.domains.values():
        record = domain.record
        _check_ref(repo, partial(domain.at, "lead"), record.lead, ("unit",), "lead")
        for i, code in enumerate(record.cooperating):
            _check_ref(
                repo, partial(domain.at, "cooperating", i), code, ("unit", "town"), "cooperating"
            )
        seen: set[str] = set()
        for i, metric in enumerate(record.metrics):
            if metric.id in seen:
                repo.log.error(domain.at("metrics", i, "id"), "metric.duplicate", code=metric.id)
            seen.add(metric.id)


def known_metrics(repo: Repository) -> dict[str, str]:
    """Every metric as ``domain.metric`` mapped to its name."""
    return {
        f"{d.record.id}.{m.id}": m.name for d in repo.domains.values() for m in d.record.metrics
    }


_Key = tuple[str, str]
_Last = tuple[str, int, tuple[str, int] | None]
"""A town and metric's last month and target, and its last submitted (month, completed)."""


def _check_figures(repo: Repository) -> None:
    metrics = known_metrics(repo)
    previous: dict[_Key, _Last] = {}
    for month in repo.months:
        rows = repo.figures[month]
        seen: dict[tuple[str, str], int] = {}
        reported: set[str] = set()
        for row in rows:
            if row.metric not in metrics:
                domain = row.metric.split(".", 1)[0]
                broken_domain_file = (
                    domain_file_key(domain) in repo.complete and domain not in repo.domains
                )
                if not broken_domain_file:
                    missing_file = domain in DOMAIN_ORDER and domain not in repo.domains
                    repo.log.error(
                        row.at("metric"),
                        "ref.unknown",
                        what=subject("metric"),
                        code=row.metric,
                        suggestion=check_word("domain_file_missing", domain=domain)
                        if missing_file
                        else did_you_mean(row.metric, metrics),
                    )
                continue
            if row.town not in repo.towns and not _check_ref(
                repo, partial(row.at, "town"), row.town, ("town",)
            ):
                continue
            key = (row.town, row.metric)
            if key in seen:
                repo.log.error(
                    row.at("town"),
                    "progress.duplicate_row",
                    town=row.town,
                    metric=row.metric,
                    first_line=seen[key],
                )
                continue
            seen[key] = row.line
            reported.add(row.metric)
            _check_cumulative(repo, row, previous)
        if "towns" in repo.complete and figures_key(month) in repo.complete:
            file = rows[0].file if rows else f"data/towns/progress/{month}.csv"
            for metric in sorted(reported):
                for code, town in repo.towns.items():
                    if (code, metric) not in seen:
                        repo.log.error(
                            Location(file, 1, 1),
                            "progress.town_missing",
                            metric=metric,
                            town=code,
                            name=town.name,
                        )


def _check_cumulative(repo: Repository, row: TownFigure, previous: dict[_Key, _Last]) -> None:
    """Cumulative counts never fall within a year; a changed annual target is a warning.

    A figure not submitted (empty ``completed``) is not compared: the next figure the town
    submits is compared with its last submitted one."""
    month, town, metric, target, completed = (
        row.month,
        row.town,
        row.metric,
        row.target,
        row.completed,
    )
    key = (town, metric)
    last = previous.get(key)
    if last is not None:
        last_month, last_target, counted = last
        if last_month[:4] == month[:4] and target != last_target:
            repo.log.warning(
                row.at("target"),
                "progress.target_changed",
                about=f"{town},{metric},{last_target}->{target}",
                town=town,
                metric=metric,
                value=target,
                previous=last_target,
                previous_month=last_month,
            )
        if completed is None:
            previous[key] = (month, target, counted)
            return
        if counted is not None and counted[0][:4] == month[:4] and completed < counted[1]:
            repo.log.error(
                row.at("completed"),
                "progress.decrease",
                town=town,
                metric=metric,
                value=completed,
                previous=counted[1],
                month=month,
                previous_month=counted[0],
            )
    previous[key] = (month, target, (month, completed) if completed is not None else None)


def _check_project(repo: Repository, sourced: Sourced[Project]) -> None:
    project = sourced.record
    if project.domain not in DOMAIN_ORDER:
        repo.log.error(
            sourced.at("domain"),
            "domain.unknown",
            code=project.domain,
            suggestion=did_you_mean(project.domain, DOMAIN_ORDER),
            allowed=listing(DOMAIN_ORDER),
        )
    if project.owner in repo.towns:
        repo.log.error(sourced.at("owner"), "project.owner_town", code=project.owner)
    else:
        _check_ref(repo, partial(sourced.at, "owner"), project.owner, ("unit",), "owner")
    for i, code in enumerate(project.towns):
        if code not in repo.towns:
            _check_ref(repo, partial(sourced.at, "towns", i), code, ("town",))
    for i, code in enumerate(project.cooperating):
        _check_ref(
            repo, partial(sourced.at, "cooperating", i), code, ("unit", "town"), "cooperating"
        )
    if project.end < project.start:
        repo.log.error(sourced.at("end"), "project.dates", start=project.start, end=project.end)
    for i, milestone in enumerate(project.milestones):
        if milestone.done is not None and milestone.done < project.start:
            repo.log.error(
                sourced.at("milestones", i, "done"),
                "project.done_before_start",
                name=milestone.name,
                done=milestone.done,
                start=project.start,
            )
    _check_project_progress(repo, sourced)


def _check_project_progress(repo: Repository, sourced: Sourced[Project]) -> None:
    project = sourced.record
    first, last = month_of(project.start), add_months(month_of(project.end), 12)
    seen: dict[str, int] = {}
    entries = []
    for i, entry in enumerate(project.progress):
        if entry.month in seen:
            first_line = sourced.at("progress", seen[entry.month], "month").line
            where = sourced.at("progress", i, "month")
            repo.log.error(
                where, "project.month_duplicate", month=entry.month, first_line=first_line
            )
            continue
        seen[entry.month] = i
        if not first <= entry.month <= last:
            where = sourced.at("progress", i, "month")
            repo.log.error(where, "project.month_range", month=entry.month, first=first, last=last)
        if entry.invested > project.investment.total:
            repo.log.warning(
                sourced.at("progress", i, "invested"),
                "project.invested_over",
                about=f"{entry.month},{_num(entry.invested)}",
                month=entry.month,
                value=_num(entry.invested),
                total=_num(project.investment.total),
            )
        entries.append((entry.month, i, entry))
    entries.sort()
    for (prev_month, _, prev), (month, i, entry) in itertools.pairwise(entries):
        if entry.percent < prev.percent:
            repo.log.error(
                sourced.at("progress", i, "percent"),
                "project.percent_decrease",
                month=month,
                value=_num(entry.percent),
                previous_month=prev_month,
                previous=_num(prev.percent),
            )
        if entry.invested < prev.invested:
            repo.log.error(
                sourced.at("progress", i, "invested"),
                "project.invested_decrease",
                month=month,
                value=_num(entry.invested),
                previous_month=prev_month,
                previous=_num(prev.invested),
            )


def _num(value: float) -> str:
    return f"{value:g}"


def _check_tasks(repo: Repository) -> None:
    for task in repo.tasks:
        record = task.record
        if record.domain not in DOMAIN_ORDER:
            repo.log.error(
                task.at("domain"),
                "domain.unknown",
                code=record.domain,
                suggestion=did_you_mean(record.domain, DOMAIN_ORDER),
                allowed=listing(DOMAIN_ORDER),
            )
        for i, code in enumerate(record.units):
            _check_ref(repo, partial(task.at, "units", i), code, ("unit", "town"), "owner")


def _check_problems(repo: Repository) -> None:
    """The problems ledger against the rest (SPEC §2 problems/<year>.yaml)."""
    for sourced in repo.problems:
        problem = sourced.record
        _check_problem_domain(repo, sourced)
        _check_ref(repo, partial(sourced.at, "by"), problem.by, ("unit", "town"), "problem_by")
        _check_ref(repo, partial(sourced.at, "unit"), problem.unit, ("unit", "town"), "owner")
        for field_name in ("deadline", "resolved"):
            date = getattr(problem, field_name)
            if date is not None and date < problem.raised:
                repo.log.error(
                    sourced.at(field_name),
                    "problem.before_raised",
                    code=problem.id,
                    what=check_word(f"problem.{field_name}"),
                    date=date.isoformat(),
                    raised=problem.raised.isoformat(),
                )
        year = Path(sourced.file).stem
        if str(problem.raised.year) != year:
            repo.log.error(
                sourced.at("raised"),
                "problem.raised_year",
                code=problem.id,
                raised=problem.raised.isoformat(),
                year=year,
                actual=problem.raised.year,
            )


def _check_problem_domain(repo: Repository, sourced: Sourced[LedgerProblem]) -> None:
    """The project must exist; the domain is one of the seven, the project's when both are
    given, and required when there is no project."""
    problem = sourced.record
    project = repo.projects.get(problem.project) if problem.project is not None else None
    if problem.project is not None and project is None:
        repo.log.error(
            sourced.at("project"),
            "ref.unknown",
            what=subject("project"),
            code=problem.project,
            suggestion=did_you_mean(problem.project, repo.projects),
        )
    if problem.domain is None:
        if problem.project is None:
            repo.log.error(sourced.at(), "problem.domain_missing", code=problem.id)
        return
    if problem.domain not in DOMAIN_ORDER:
        repo.log.error(
            sourced.at("domain"),
            "domain.unknown",
            code=problem.domain,
            suggestion=did_you_mean(problem.domain, DOMAIN_ORDER),
            allowed=listing(DOMAIN_ORDER),
        )
    elif project is not None and project.record.domain != problem.domain:
        repo.log.error(
            sourced.at("domain"),
            "problem.domain_project",
            code=problem.id,
            domain=problem.domain,
            project=project.record.id,
            actual=project.record.domain,
        )


def _check_events(repo: Repository) -> None:
    for month, events in repo.events.items():
        record = events.record
        for i, card in enumerate(record.cards):
            _check_event_month(
                repo, partial(events.at, "cards", i, "date"), card.date.isoformat(), month
            )
            _check_ref(
                repo,
                partial(events.at, "cards", i, "unit"),
                card.unit,
                ("unit", "town"),
                "card_unit",
            )
            if card.project is not None and card.project not in repo.projects:
                repo.log.error(
                    events.at("cards", i, "project"),
                    "ref.unknown",
                    what=subject("project"),
                    code=card.project,
                    suggestion=did_you_mean(card.project, repo.projects),
                )
        for i, report in enumerate(record.noncooperation):
            _check_event_month(
                repo,
                partial(events.at, "noncooperation", i, "date"),
                report.date.isoformat(),
                month,
            )
            _check_ref(
                repo,
                partial(events.at, "noncooperation", i, "reporter"),
                report.reporter,
                ("town",),
                "reporter",
            )
            _check_ref(
                repo,
                partial(events.at, "noncooperation", i, "unit"),
                report.unit,
                ("unit",),
                "reported_unit",
            )


def _check_map(repo: Repository) -> None:
    """map/towns.svg (SPEC §2): refused where it has anything the map's allow-list does not
    name (load/svgmap), each at its place; a town code it has that does not exist, or a
    town it lacks, is a warning."""
    if repo.town_map is None:
        return
    from xjj_cli.load.svgmap import scan_map
    from xjj_cli.messages import map_refusal

    rel = repo.relative(repo.town_map)
    try:
        data, _ = read_regular(repo.town_map)
    except OSError as exc:
        repo.log.error(Location(rel), "file.unreadable", reason=os_reason(exc))
        return
    scan = scan_map(data)
    for found in scan.findings:
        where = Location(rel, found.line, found.column)
        if found.kind == "invalid":
            repo.log.error(where, "map.invalid", reason=found.what)
        else:
            repo.log.error(
                where,
                "map.unsafe",
                **map_refusal(found.reason, what=found.what, element=found.element),
            )
    if not scan.safe or "towns" not in repo.complete:
        return
    drawn = set()
    for town in scan.towns:
        drawn.add(town.what)
        if town.what not in repo.towns:
            repo.log.warning(
                Location(rel, town.line, town.column),
                "map.unknown_town",
                about=town.what,
                code=town.what,
                suggestion=did_you_mean(town.what, repo.towns),
            )
    for code, known in repo.towns.items():
        if code not in drawn:
            repo.log.warning(
                Location(rel), "map.missing_town", about=code, code=code, name=known.name
            )


def _check_event_month(repo: Repository, where: Where, date: str, month: str) -> None:
    if date[:7] != month:
        repo.log.error(where(), "event.date_month", date=date, month=month, actual=date[:7])


# --- plausibility: figures and dates that are allowed but look like typing slips -----------


def check_figure_plausibility(repo: Repository) -> None:
    """Warn on a town figure far above its target or far above its usual monthly pace: allowed
    (an office can exceed a target) but it looks like a slip."""
    rules = repo.district.record.rules if repo.district is not None else Rules()
    ratio = Fraction(repr(rules.implausible_ratio))
    for series in _figure_series(repo):
        _check_far_above_target(repo, series, ratio)
        _check_jumps(repo, series, ratio)


def check_plausibility(
    repo: Repository,
    today: dt.date,
    dates: DateChecks | None = None,
    digests: Mapping[str, str] | None = None,
    trace: Trace | None = None,
) -> None:
    """Warn on the other slips: a date after ``today``, a project month ahead of the latest
    town month (the figures' own: ``check_figure_plausibility``). A file's future dates are
    taken from ``dates`` when kept there for its digest, and kept there otherwise."""
    trace = trace or Trace()
    _check_future_dates(repo, today, dates or DateChecks(), digests or {}, trace)
    trace.marks["months"] = len(repo.log.problems)
    latest = max(repo.figures) if repo.figures else None
    for sourced in repo.projects.values():
        start = len(repo.log.problems)
        _check_months_ahead_of(repo, sourced, latest)
        trace.ahead[sourced.file] = (start, len(repo.log.problems))


Count = tuple[TownFigure, int]
"""A submitted town figure and its ``completed`` count."""


def _figure_series(repo: Repository) -> Iterator[list[Count]]:
    """Each known town's figures for each known metric, one list per year, oldest month first;
    rows with errors of their own (unknown codes, duplicates) and unsubmitted figures left out."""
    metrics = known_metrics(repo)
    series: dict[tuple[str, str, str], list[Count]] = {}
    for month in repo.months:
        seen: set[tuple[str, str]] = set()
        for row in repo.figures[month]:
            key = (row.town, row.metric)
            if row.metric not in metrics or row.town not in repo.towns or key in seen:
                continue
            seen.add(key)
            if row.completed is None:  # not yet submitted (未报送): nothing to judge
                continue
            series.setdefault((row.town, row.metric, month[:4]), []).append((row, row.completed))
    yield from series.values()


def _check_far_above_target(repo: Repository, series: list[Count], ratio: Fraction) -> None:
    """A cumulative count more than ``ratio`` times the annual target (a target of 0 means
    no task: such a town is not ranked, so its figure misleads no rate)."""
    over, under = ratio.numerator, ratio.denominator  # whole numbers: exact and quick
    for row, completed in series:
        if row.target > 0 and completed * under > over * row.target:
            repo.log.warning(
                row.at("completed"),
                "progress.far_above_target",
                about=f"{row.town},{row.metric},{row.target},{completed}",
                town=row.town,
                metric=row.metric,
                value=completed,
                target=row.target,
                times=amount(Fraction(completed, row.target)),
                ratio=number(float(ratio)),
            )


def _check_jumps(repo: Repository, series: list[Count], ratio: Fraction) -> None:
    """A month's increase far above the town's usual monthly pace for the metric.

    Between two months of the same year with figures (the months between them without
    figures share the increase evenly), the pace is increase ÷ months. It warns when the
    pace exceeds ``ratio`` × the larger of the town's largest earlier pace that year and
    the annual target ÷ 12. The first month of a year with figures is not judged (it has
    no month before it to compare with); towns with a target of 0 are not judged."""
    # Fractions as (numerator, positive denominator) pairs compared by cross-multiplying:
    # exact like ``Fraction`` and many times quicker over a province's series.
    over, under = ratio.numerator, ratio.denominator
    largest = (0, 1)
    for (previous, before), (row, completed) in itertools.pairwise(series):
        pace = (completed - before, _months_between(previous.month, row.month))
        if row.target > 0:
            base = largest if largest[0] * 12 > row.target * largest[1] else (row.target, 12)
            if pace[0] * under * base[1] > over * base[0] * pace[1]:
                _warn_jump(repo, previous, before, row, completed, pace, largest, ratio)
        if pace[0] * largest[1] > largest[0] * pace[1]:
            largest = pace


def _warn_jump(
    repo: Repository,
    previous: TownFigure,
    before: int,
    row: TownFigure,
    completed: int,
    pace: tuple[int, int],
    largest: tuple[int, int],
    ratio: Fraction,
) -> None:
    repo.log.warning(
        row.at("completed"),
        "progress.jump",
        about=f"{row.town},{row.metric},{before}->{completed}",
        town=row.town,
        metric=row.metric,
        previous_month=previous.month,
        previous=before,
        month=row.month,
        value=completed,
        pace=amount(Fraction(*pace)),
        largest=amount(Fraction(*largest)),
        monthly=amount(Fraction(row.target, 12)),
        ratio=number(float(ratio)),
    )


def _months_between(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])


def _check_future_dates(
    repo: Repository,
    today: dt.date,
    dates: DateChecks,
    digests: Mapping[str, str],
    trace: Trace | None = None,
) -> None:
    """Dates of what has happened (done, a card, a report, an acknowledgement) after today;
    each file's, in order, from ``dates`` when kept for its digest (see ``DateChecks``)."""
    kept, dates.files = dates.files, {}
    twice: set[tuple[str, str]] = set()

    def check(where: Where, date: dt.date | None, about: str, what: str) -> None:
        if date is not None and date > today:
            repo.log.warning(
                where(),
                "date.future",
                about=f"{about},{date.isoformat()}",
                what=what,
                date=date.isoformat(),
                today=cn_date(today),
            )

    def per_file(
        records: Iterable[Sourced[T]],
        check_one: Callable[[Sourced[T]], None],
        spans: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        for file, group in itertools.groupby(records, key=lambda sourced: sourced.file):
            listed = list(group)
            if spans is not None:
                start = len(repo.log.problems)
                per_file(listed, check_one)
                spans[file] = (start, len(repo.log.problems))
                continue
            digest = digests.get(file)
            key = (file, digest or "")
            if digest is None or key in dates.files or key in twice:
                twice.add(key)  # a file met twice is never kept: its findings would be split
                dates.files.pop(key, None)
                for sourced in listed:
                    check_one(sourced)
                continue
            dates.files[key] = _found(repo, kept.get(key), partial(_each, check_one, listed))

    def project_dates(sourced: Sourced[Project]) -> None:
        for i, milestone in enumerate(sourced.record.milestones):
            check(
                partial(sourced.at, "milestones", i, "done"),
                milestone.done,
                milestone.name,
                date_field("milestone", milestone.name),
            )

    def task_dates(task: Sourced[Task]) -> None:
        record = task.record
        check(partial(task.at, "done"), record.done, record.id, date_field("task", record.id))

    def events_dates(events: Sourced[Events]) -> None:
        for i, card in enumerate(events.record.cards):
            check(
                partial(events.at, "cards", i, "date"),
                card.date,
                f"cards,{card.unit}",
                date_field("card", card.unit),
            )
        for i, report in enumerate(events.record.noncooperation):
            pair = f"{report.reporter},{report.unit}"
            check(
                partial(events.at, "noncooperation", i, "date"),
                report.date,
                f"noncooperation,{pair}",
                date_field("noncooperation", pair),
            )

    def problem_dates(listed: Sourced[LedgerProblem]) -> None:
        problem = listed.record
        check(
            partial(listed.at, "raised"),
            problem.raised,
            f"raised,{problem.id}",
            date_field("problem_raised", problem.id),
        )
        check(
            partial(listed.at, "resolved"),
            problem.resolved,
            f"resolved,{problem.id}",
            date_field("problem_resolved", problem.id),
        )

    def ack_dates(ack: Sourced[Acknowledgement]) -> None:
        entry = ack.record
        check(partial(ack.at, "date"), entry.date, entry.warning, date_field("acknowledgement"))

    per_file(repo.projects.values(), project_dates, trace.dated if trace else None)
    if trace:
        trace.marks["later_dates"] = len(repo.log.problems)
    per_file(repo.tasks, task_dates)
    per_file(repo.events.values(), events_dates)
    per_file(repo.problems, problem_dates)
    per_file(repo.acknowledged, ack_dates)


def _each(check_one: Callable[[T], None], records: list[T]) -> None:
    for record in records:
        check_one(record)


def _check_months_ahead_of(repo: Repository, sourced: Sourced[Project], latest: str | None) -> None:
    """A project progress month after ``latest``, the latest month's town file
    (towns/progress/M.csv, even one that failed to load: its own errors say what is wrong
    with it); None: there is no town file."""
    if latest is None:
        return
    project = sourced.record
    last = add_months(month_of(project.end), 12)  # later months are errors already
    for i, entry in enumerate(project.progress):
        if latest < entry.month <= last:
            repo.log.warning(
                sourced.at("progress", i, "month"),
                "project.month_ahead",
                about=entry.month,
                month=entry.month,
                latest=latest,
            )


# --- acknowledged warnings ----------------------------------------------------------------


def apply_acknowledgements(repo: Repository) -> None:
    """Set aside the warnings acknowledged in ``acknowledged.yaml`` (counted, not shown);
    an acknowledgement that matches no warning of this run is itself a warning (stale)."""
    if not repo.acknowledged:
        return
    matched = repo.log.acknowledge({ack.record.warning for ack in repo.acknowledged})
    current = [repo.log.warning_id(p) for p in repo.log.warnings]
    for ack in repo.acknowledged:
        warning = ack.record.warning
        if warning not in matched:
            # suggest only a warning of the same code and file: the figures may have changed
            same = [w for w in current if _code_and_file(w) == _code_and_file(warning)]
            repo.log.warning(
                ack.at("warning"),
                "acknowledged.stale",
                about=warning,
                warning=warning,
                suggestion=did_you_mean(warning, same),
            )


def _code_and_file(warning_id: str) -> str:
    return ":".join(warning_id.split(":", 2)[:2])
