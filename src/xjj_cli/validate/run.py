"""Run every check: ``validate_repository`` loads the data folder and checks it, keeping what
each part found for the next run; ``check_repository`` checks a loaded repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from xjj_cli.diagnostics import ProblemLog
from xjj_cli.load.reader import (
    LoadOptions,
    load_repository,
    scan_data,
)
from xjj_cli.load.scan import Scan, restore_validation, validation_key
from xjj_cli.repository import Repository
from xjj_cli.validate.acknowledged import apply_acknowledgements
from xjj_cli.validate.incremental import ledger_checks_key, segments_of, validate_changed_projects
from xjj_cli.validate.interviews import check_interviews
from xjj_cli.validate.kept import (
    FIGURE_INPUTS,
    NOT_PROJECTS,
    DateChecks,
    FigureChecks,
    LedgerChecks,
    Trace,
    found,
)
from xjj_cli.validate.plausibility import check_figure_plausibility, check_plausibility
from xjj_cli.validate.records import (
    check_events,
    check_figures,
    check_map,
    check_problems,
    check_project,
    check_tasks,
)
from xjj_cli.validate.references import check_codes, check_domains, suggest_codes_for_names


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
        restored = validate_changed_projects(scan, segments_key, day)
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
    ledger_key = ledger_checks_key(repo, scan) if repo.problems and scan.cache.folder else None
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
        segments = segments_of(repo, scan, spans, trace)
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
    suggest_codes_for_names(repo)
    check_codes(repo)
    check_domains(repo)
    figures.figures = found(repo, figures.figures, partial(check_figures, repo))
    marks["projects"] = len(repo.log.problems)
    for project in repo.projects.values():
        start = len(repo.log.problems)
        digest = digests.get(project.file) if digests is not None else None
        if digest is None:
            check_project(repo, project)
        else:
            key = (project.file, project.base, digest)
            figures.projects[key] = found(
                repo, kept_projects.get(key), partial(check_project, repo, project)
            )
        trace.checked[project.file] = (start, len(repo.log.problems))
    marks["rest"] = len(repo.log.problems)
    check_tasks(repo)
    ledger.problems = found(repo, ledger.problems, partial(check_problems, repo))
    check_events(repo)
    check_interviews(repo)
    check_map(repo)
    figures.plausibility = found(
        repo, figures.plausibility, partial(check_figure_plausibility, repo)
    )
    marks["dates"] = len(repo.log.problems)
    check_plausibility(repo, today or dt.date.today(), dates, digests, trace)
    trace.raw = list(repo.log.problems)
    apply_acknowledgements(repo)
    return repo.log
