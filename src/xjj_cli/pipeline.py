"""The pipeline every reporting command runs: load → validate → engine.

Commands other than ``validate`` and ``init`` refuse to work on invalid data: they raise
``InvalidDataError`` listing the errors, and the command line turns that into exit 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xjj_cli.controls import visible
from xjj_cli.engine.dataset import dataset_from
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.errors import InvalidDataError, MonthNotReportableError, UsageError
from xjj_cli.load.reader import LoadOptions
from xjj_cli.messages.errors import error_message
from xjj_cli.messages.reports import not_reportable, pending_month, reporting
from xjj_cli.repository import Repository
from xjj_cli.validate import validate_repository

SHOWN_ERRORS = 20


def load_valid(data_dir: Path, options: LoadOptions | None = None) -> Repository:
    """Load and check the repository; raise ``InvalidDataError`` when it has errors."""
    repo = validate_repository(data_dir, options)
    errors = repo.log.errors
    if errors:
        lines = [error_message("data.invalid", count=len(errors))]
        for p in errors[:SHOWN_ERRORS]:
            loc = p.location
            lines.append(f"  {visible(loc.file)}:{loc.line}:{loc.column}  {p.message} [{p.code}]")
        if len(errors) > SHOWN_ERRORS:
            lines.append(error_message("data.more", shown=SHOWN_ERRORS, count=len(errors)))
        raise InvalidDataError("\n".join(lines))
    return repo


def resolve_month(repo: Repository, month: str | None, *, draft: bool = False) -> str:
    """The month asked for (``YYYY-MM``: the command line checks ``--month`` before loading,
    ``months.parse_month``), or by default the latest reportable month (SPEC §4) — for a
    draft, the latest month with town figures, complete or not.

    A month that is not reportable is refused with ``MonthNotReportableError`` unless
    ``draft``."""
    reportable = repo.reportable_months
    latest = reportable[-1] if reportable else None
    if month is not None:
        if not draft and month not in reportable:
            names = not_submitted_names(repo, month)
            raise MonthNotReportableError(not_reportable(month, names, latest))
        return month
    if draft and repo.months:
        return repo.months[-1]
    if latest is None:
        if repo.months:
            raise MonthNotReportableError(reporting("no_month") + reporting("draft_hint"))
        raise UsageError(reporting("no_file_month"))
    return latest


def resolve_filed_month(repo: Repository, month: str | None) -> str:
    """The month ``xjj status`` looks at: the month asked for, reportable or not (it is the
    tool to chase one), or by default the latest month with town figures, complete or not."""
    if month is not None:
        return month
    if not repo.months:
        raise UsageError(reporting("no_file_month"))
    return repo.months[-1]


def status_month(repo: Repository, month: str | None) -> str:
    """The month ``xjj status`` shows: the month asked for, or by default the month being
    collected once anything of it is in (an owner's progress, a card …: owners' forms may
    come before any town's), else ``resolve_filed_month``'s. The other commands keep their
    own default: a report is of a reportable month."""
    if month is None:
        collecting = repo.collecting_month
        if (
            collecting is not None
            and collecting > repo.months[-1]
            and has_data_of(repo, collecting)
        ):
            return collecting
    return resolve_filed_month(repo, month)


def has_data_of(repo: Repository, month: str) -> bool:
    """Whether anything of ``month`` is in: town figures, a project's progress of it, its
    cards or non-cooperation reports (not problems: their dates are when they were raised,
    not the month reported)."""
    if repo.figures.get(month):
        return True
    events = repo.events.get(month)
    if events is not None and (events.record.cards or events.record.noncooperation):
        return True
    projects = (sourced.record for sourced in repo.projects.values())
    return any(entry.month == month for project in projects for entry in project.progress)


def not_submitted_names(repo: Repository, month: str) -> list[str] | None:
    """The names of the towns that have not submitted ``month``; None without its figures."""
    if month not in repo.months:
        return None
    return [repo.towns[c].name if c in repo.towns else c for c in repo.not_submitted(month)]


@dataclass(frozen=True)
class MonthRun:
    """A month's evaluation, and what the user should know about the month chosen."""

    evaluation: MonthEvaluation
    pending: str = ""
    """When the month was chosen by default and a later month has figures that are not yet
    reportable: which, and who has not submitted (said on stderr, never in the result)."""
    reportable: tuple[str, ...] = ()
    """The repository's reportable months, oldest first."""
    listed: tuple[tuple[str, str], ...] = ()
    """The data folder's files as the load found them (``Repository.listed``)."""


def run_month(
    data_dir: Path, month: str | None, options: LoadOptions | None = None, *, draft: bool = False
) -> MonthRun:
    """Load valid data and prepare the month's evaluation (computed on demand); a month that
    is not reportable is refused unless ``draft``."""
    repo = load_valid(data_dir, options)
    chosen = resolve_month(repo, month, draft=draft)
    evaluation = MonthEvaluation(dataset_from(repo, chosen), chosen, draft=draft)
    later = [m for m in repo.months if m > chosen]
    pending = ""
    if month is None and later:
        names = not_submitted_names(repo, later[-1]) or []
        pending = pending_month(later[-1], names, chosen)
    return MonthRun(evaluation, pending, tuple(repo.reportable_months), repo.listed)


def evaluate(
    data_dir: Path, month: str | None, options: LoadOptions | None = None, *, draft: bool = False
) -> MonthEvaluation:
    """Load valid data and prepare the month's evaluation (computed on demand); a month that
    is not reportable is refused unless ``draft``."""
    return run_month(data_dir, month, options, draft=draft).evaluation
