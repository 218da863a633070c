"""The core of each reporting command: run the pipeline and render its result as text.

Each function returns what the command prints on stdout; errors are raised as
``XjjError`` and turned into exit codes by the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from xjj_cli.chinese import listing
from xjj_cli.engine.dataset import Dataset, UnitInfo, dataset_from
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.ledger import LedgerFilter, ledger_at
from xjj_cli.engine.towns import time_progress
from xjj_cli.errors import DataError, OutputError, UsageError
from xjj_cli.load.reader import LoadOptions
from xjj_cli.messages import (
    cli_message,
    cn_date,
    cn_month,
    did_you_mean,
    draft_note,
    error_message,
    reporting,
)
from xjj_cli.model import Contact
from xjj_cli.months import month_end
from xjj_cli.options import HistoryFormat, RankedUnits, ReportFormat, StatusFormat
from xjj_cli.pipeline import MonthRun, load_valid, resolve_filed_month, run_month
from xjj_cli.render import early_warnings, reports, tabular
from xjj_cli.render.tabular import Table
from xjj_cli.repository import Repository


@dataclass(frozen=True)
class Unreported:
    """A started project without a progress entry for the month, and its owner (催报)."""

    id: str
    name: str
    owner: str
    owner_name: str


@dataclass(frozen=True)
class Outcome:
    """What a reporting command gives back: its result for stdout (``text``, or the
    ``paths`` written) and the projects that have not reported, for stderr (催报)."""

    month: str
    text: str = ""
    paths: tuple[Path, ...] = ()
    unreported: tuple[Unreported, ...] = ()
    pending: str = ""
    remarks: tuple[str, ...] = ()
    """What else the user must know, said on stderr (a due date that is only an estimate)."""
    contents: tuple[bytes, ...] = ()
    """The bytes written to each of ``paths`` (a document's, for the memo to keep)."""

    @property
    def notices(self) -> str:
        """Everything said on stderr besides the result: a later month still pending, 催报,
        remarks."""
        return "\n".join(text for text in (self.pending, self.reminder, *self.remarks) if text)

    @property
    def reminder(self) -> str:
        """The 催报 list in Chinese, one line per owner; empty when everybody reported."""
        if not self.unreported:
            return ""
        lines = [reporting("remind_head", month=cn_month(self.month), count=len(self.unreported))]
        for projects in by_owner(self.unreported).values():
            lines.append(
                reporting("remind_line", owner=projects[0].owner_name, projects=chased(projects))
            )
        return "\n".join(lines)


def unreported_projects(evaluation: MonthEvaluation) -> tuple[Unreported, ...]:
    """The month's projects that owe a progress entry and have not given it (SPEC §3.5)."""
    units = evaluation.data.units
    return tuple(
        Unreported(s.id, s.name, s.owner, units[s.owner].name if s.owner in units else s.owner)
        for s in evaluation.unreported
    )


def by_owner(unreported: Sequence[Unreported]) -> dict[str, list[Unreported]]:
    """The projects not reported, grouped by owner (code), owners in order of first mention."""
    owners: dict[str, list[Unreported]] = {}
    for project in unreported:
        owners.setdefault(project.owner, []).append(project)
    return owners


def chased(projects: Sequence[Unreported]) -> str:
    """The projects one owner is chased for, in one line: 5G-2026-003（…）、IIOT-2026-004（…）."""
    return listing(reporting("remind_project", id=p.id, name=p.name) for p in projects)


def _outcome(
    run: MonthRun, text: str = "", paths: Sequence[Path] = (), remarks: Sequence[str] = ()
) -> Outcome:
    evaluation = run.evaluation
    unreported = unreported_projects(evaluation)
    return Outcome(evaluation.month, text, tuple(paths), unreported, run.pending, tuple(remarks))


def draft_line(evaluation: MonthEvaluation) -> str | None:
    """The 征求意见稿 line a draft starts with (naming the towns not submitted); None when
    the evaluation is not a draft."""
    if not evaluation.draft:
        return None
    if not evaluation.has_figures:
        return draft_note(evaluation.month, None)
    units = evaluation.data.units
    return draft_note(evaluation.month, [units[c].name for c in evaluation.not_submitted])


def _draft_json(evaluation: MonthEvaluation, payload: dict[str, Any]) -> dict[str, Any]:
    """A draft's JSON carries ``"draft": true`` and the towns not submitted; a report of a
    reportable month keeps the shape of SPEC §4 exactly."""
    if not evaluation.draft:
        return payload
    return {**payload, "draft": True, "not_submitted": list(evaluation.not_submitted)}


def _workbook(
    run: MonthRun, tables: list[Table], note: str | None, out: Path | None, overwrite: bool
) -> Outcome:
    """The tables as a workbook written to ``out`` (never over a file without ``overwrite``);
    stamped with the month's last day, so the same data gives the same bytes."""
    written = _write_workbook(
        run.evaluation.data, run.evaluation.month, tables, note, out, overwrite
    )
    return _outcome(run, paths=written.paths)


def _write_workbook(
    data: Dataset,
    month: str,
    tables: list[Table],
    note: str | None,
    out: Path | None,
    overwrite: bool,
) -> Outcome:
    """The tables as a workbook written to ``out``, stamped with ``month``'s last day."""
    from xjj_cli.output import write_atomic
    from xjj_cli.render.workbook import tables_xlsx

    if out is None:
        raise UsageError(cli_message("xlsx.no_out"))
    if not overwrite and out.exists():
        raise OutputError(error_message("output.file_exists", path=out))
    district = data.district
    book = tables_xlsx(
        tables,
        day=month_end(month),
        author=district.office if district is not None else "",
        note=note,
    )
    return Outcome(month, paths=(write_atomic(out, book, overwrite=overwrite),))


def _tables(tables: list[Table], output: ReportFormat, color: bool, note: str | None = None) -> str:
    if output is ReportFormat.csv:
        return tabular.to_csv(tables, note=note)
    if output is ReportFormat.md:
        return tabular.to_markdown(tables, note=note)
    return tabular.to_rich(tables, color=color, note=note)


def _pick_metric(evaluation: MonthEvaluation, metric: str | None) -> list[str]:
    ranked = [m.id for m in evaluation.data.ranked_metrics]
    if metric is None:
        return ranked
    if metric in ranked:
        return [metric]
    bare = [m for m in ranked if m.split(".", 1)[1] == metric]
    if len(bare) == 1:
        return bare
    raise UsageError(
        error_message(
            "metric.unknown",
            metric=metric,
            suggestion=did_you_mean(metric, ranked),
            allowed=listing(ranked),
        )
    )


def rank_report(
    data_dir: Path,
    month: str | None,
    metric: str | None,
    units: RankedUnits,
    output: ReportFormat,
    *,
    color: bool = False,
    draft: bool = False,
    options: LoadOptions | None = None,
    out: Path | None = None,
    overwrite: bool = False,
) -> Outcome:
    """Town rankings per ranked metric, or departments by their on-schedule share; as xlsx,
    a workbook written to ``out`` with a sheet per ranking."""
    if units is RankedUnits.departments and metric is not None:
        raise UsageError(reporting("metric_with_departments"))
    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    note = draft_line(evaluation)
    if units is RankedUnits.departments:
        rows = evaluation.departments
        if output is ReportFormat.json:
            payload = reports.department_json(evaluation.month, rows)
            return _outcome(run, tabular.to_json(_draft_json(evaluation, payload)))
        table = reports.department_table(evaluation.month, rows)
        if output is ReportFormat.xlsx:
            return _workbook(run, [table], note, out, overwrite)
        return _outcome(run, _tables([table], output, color, note))
    wanted = _pick_metric(evaluation, metric)
    rankings = [r for r in evaluation.rankings if r.metric in wanted]
    missing = {m: evaluation.not_submitted_in(m) for m in wanted} if evaluation.draft else None
    if output is ReportFormat.json:
        progress = time_progress(evaluation.month)
        objects = [
            _draft_json(evaluation, o)
            for o in reports.ranking_json(rankings, evaluation.month, wanted, progress, missing)
        ]
        return _outcome(run, tabular.to_json(objects[0] if len(objects) == 1 else objects))
    names = {m.id: m.name for m in evaluation.data.ranked_metrics}
    empty = reporting(
        "no_metric_figures",
        month=cn_month(evaluation.month),
        metrics=listing(reporting("metric_named", name=names[m], code=m) for m in wanted),
    )
    if not rankings and output is ReportFormat.table:
        return _outcome(run, (f"{note}\n" if note else "") + empty + "\n")
    bottom_n = evaluation.data.rules.bottom_n
    tables = reports.ranking_tables(rankings, bottom_n, missing, empty=empty)
    if output is ReportFormat.xlsx:
        return _workbook(run, tables, note, out, overwrite)
    return _outcome(run, _tables(tables, output, color, note))


MONTH_REPORTS: dict[
    str, tuple[Callable[[MonthEvaluation], dict[str, Any]], Callable[[MonthEvaluation], Table]]
] = {
    # every project's colour with planned, actual and lag
    "colors": (
        lambda ev: reports.colors_json(ev.month, ev.statuses),
        lambda ev: reports.colors_table(
            ev.month, ev.statuses, {c: p.name for c, p in ev.data.units.items()}
        ),
    ),
    # every unit with an action, strongest first, with every reason and its evidence
    "accountability": (
        lambda ev: reports.accountability_json(ev.month, ev.findings),
        lambda ev: reports.accountability_table(ev.month, ev.findings),
    ),
    # the early warnings of SPEC §3.6 by unit, most urgent first
    "warnings": (
        lambda ev: early_warnings.warnings_json(ev.month, ev.warnings, ev.data),
        lambda ev: early_warnings.warnings_table(ev.month, ev.warnings, ev.data),
    ),
}


def month_report(
    name: str,
    data_dir: Path,
    month: str | None,
    output: ReportFormat,
    *,
    color: bool = False,
    draft: bool = False,
    options: LoadOptions | None = None,
    out: Path | None = None,
    overwrite: bool = False,
) -> Outcome:
    """The month's report ``name`` (a key of ``MONTH_REPORTS``) in ``output``; as xlsx, a
    workbook written to ``out``."""
    as_json, as_table = MONTH_REPORTS[name]
    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    if output is ReportFormat.json:
        payload = as_json(evaluation)
        return _outcome(run, tabular.to_json(_draft_json(evaluation, payload)))
    tables = [as_table(evaluation)]
    if output is ReportFormat.xlsx:
        return _workbook(run, tables, draft_line(evaluation), out, overwrite)
    return _outcome(run, _tables(tables, output, color, draft_line(evaluation)))


def bulletin_files(
    data_dir: Path,
    month: str | None,
    formats: Sequence[str],
    out: Path | None,
    issue_date: dt.date,
    *,
    overwrite: bool = False,
    draft: bool = False,
    options: LoadOptions | None = None,
    number: int | None = None,
) -> Outcome:
    """Render the month's bulletin in ``formats`` and write each file atomically; a draft's
    files say 征求意见稿 in their names, at their top and (DOCX) on every page. ``number`` is
    the 发文字号's number (任新基建办〔2026〕12号); without it the number is left blank."""
    from xjj_cli.bulletin.build import build_bulletin
    from xjj_cli.bulletin.files import (
        bulletin_folder,
        bulletin_targets,
        refuse_any_existing,
        write_documents,
    )
    from xjj_cli.load.fingerprint import fingerprint
    from xjj_cli.render.blocks import parse
    from xjj_cli.render.bulletin import render_markdown

    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    note = draft_line(evaluation)
    bulletin = build_bulletin(evaluation, fingerprint(data_dir), issue_date, number)
    override = data_dir.parent / "templates"
    markdown = render_markdown(bulletin, evaluation.data.rules, override, draft=note)
    folder = bulletin_folder(data_dir, out, evaluation.month)
    targets = bulletin_targets(folder, evaluation.month, formats, draft=note is not None)
    refuse_any_existing(targets, overwrite=overwrite)  # before rendering the other formats
    made = {"md": markdown.encode("utf-8")}
    # HTML and DOCX share one parse of the Markdown (reading its tokens changes none of them)
    tokens = parse(markdown) if {"html", "docx"} <= set(formats) else None
    if "docx" in formats:
        from xjj_cli.render.docx import render_docx

        made["docx"] = render_docx(markdown, override, draft=note is not None, tokens=tokens)
    if "html" in formats:
        from xjj_cli.render.html import render_html

        page = render_html(bulletin, markdown, override, draft=note, tokens=tokens)
        made["html"] = page.encode("utf-8")
    rendered = [made[fmt] for fmt in formats]
    paths = write_documents(targets, rendered, overwrite=overwrite)
    return replace(_outcome(run, paths=paths), contents=tuple(rendered))


def board_file(
    data_dir: Path,
    month: str | None,
    out: Path | None,
    *,
    overwrite: bool = False,
    draft: bool = False,
    options: LoadOptions | None = None,
) -> Outcome:
    """Write the month's battle map (挂图作战图, SPEC §7) as one self-contained HTML file,
    atomically; by default ``reports/M/M-挂图作战图.html`` beside the data folder."""
    from xjj_cli.board.build import build_board
    from xjj_cli.bulletin.files import board_target, refuse_any_existing, write_documents
    from xjj_cli.engine.history import unit_histories
    from xjj_cli.engine.overview import rate_histories
    from xjj_cli.messages import board_name
    from xjj_cli.render.board import render_board

    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    note = draft_line(evaluation)
    # Each unit's page: every reportable month up to the board's (and the board's own),
    # each evaluated once for all units, on the board month's data.
    months = sorted({m for m in run.reportable if m <= evaluation.month} | {evaluation.month})
    evaluations = [
        evaluation if m == evaluation.month else MonthEvaluation(evaluation.data, m) for m in months
    ]
    histories = unit_histories(list(evaluation.data.units.values()), evaluations)
    board = build_board(evaluation, note, histories)
    trends = rate_histories(evaluation.histories, evaluation.month)
    name = board_name(evaluation.month, draft=note is not None)
    target = board_target(data_dir, out, evaluation.month, name)
    refuse_any_existing([target], overwrite=overwrite)  # before rendering
    town_map = data_dir / "map" / "towns.svg"
    svg = town_map.read_bytes() if town_map.is_file() else None
    page = render_board(board, trends, data_dir.parent / "templates", svg).encode("utf-8")
    paths = write_documents([target], [page], overwrite=overwrite)
    return replace(_outcome(run, paths=paths), contents=(page,))


def notices_files(
    data_dir: Path,
    month: str | None,
    out: Path | None,
    issue_date: dt.date,
    number_from: int | None = None,
    *,
    overwrite: bool = False,
    draft: bool = False,
    options: LoadOptions | None = None,
) -> Outcome:
    """Write the month's notices (SPEC §6) — for each unit whose action is 约谈 or 问责, its
    notice as DOCX (for issuing) and Markdown (for review) — and their register (.xlsx and
    .csv), each file atomically; nothing is written when any of them exists, unless
    ``overwrite``. A month without 约谈 or 问责 writes nothing and says so."""
    from xjj_cli.bulletin.files import notices_folder, write_documents
    from xjj_cli.load.fingerprint import fingerprint
    from xjj_cli.messages import notice_message, notice_stem, register_stem
    from xjj_cli.notices.build import build_notices
    from xjj_cli.render.docx import render_docx
    from xjj_cli.render.notices import render_notices
    from xjj_cli.render.register import register_csv, register_xlsx

    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    district = evaluation.data.district
    if number_from is not None and district is not None and not district.paper.prefix:
        raise UsageError(notice_message("no_prefix"))
    note = draft_line(evaluation)
    notices = build_notices(evaluation, fingerprint(data_dir), issue_date, number_from)
    if not notices.notices:
        return _outcome(run, remarks=[notice_message("none", month=cn_month(evaluation.month))])
    override = data_dir.parent / "templates"
    folder = notices_folder(data_dir, out, evaluation.month)
    files: list[tuple[Path, bytes]] = []
    rendered = render_notices(notices, override, draft=note)
    for notice, markdown in zip(notices.notices, rendered, strict=True):
        stem = safe_file_name(
            notice_stem(evaluation.month, notice.kind.value, notice.name, draft=note is not None)
        )
        files.append((folder / f"{stem}.docx", render_docx(markdown, override, draft=bool(note))))
        files.append((folder / f"{stem}.md", markdown.encode("utf-8")))
    stem = register_stem(evaluation.month, draft=note is not None)
    files.append((folder / f"{stem}.xlsx", register_xlsx(notices, note)))
    files.append((folder / f"{stem}.csv", register_csv(notices, note).encode("utf-8")))
    contents = [data for _, data in files]
    # refuses before writing anything, so a refusal never leaves half a set
    paths = write_documents([target for target, _ in files], contents, overwrite=overwrite)
    remarks = []
    if notices.estimated:
        due = notices.estimated[0].due
        remarks.append(notice_message("estimated", due=cn_date(due), year=due.year))
    return replace(_outcome(run, paths=paths, remarks=remarks), contents=tuple(contents))


_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def safe_file_name(name: str) -> str:
    """A name every file system takes (Windows' too): each character it refuses becomes _."""
    return _UNSAFE_IN_NAMES.sub("_", name).strip(" .") or "_"


def forms_files(
    data_dir: Path,
    month: str | None,
    out: Path | None,
    *,
    overwrite: bool = False,
    options: LoadOptions | None = None,
) -> Outcome:
    """Write the month's fill-in workbooks (SPEC §8): one per town, one per owner of
    projects expected to report; nothing is written when any of them exists, unless
    ``overwrite``. ``month`` defaults to the month being collected — the one after the
    latest reportable month — and may be any month from the data's first on: forms are made
    before a month is reportable, so the reportable-month refusal does not apply."""
    from xjj_cli.forms.signature import form_key
    from xjj_cli.forms.write import office_of, owner_books, town_books, workbook_bytes
    from xjj_cli.messages import form_key_message, form_message
    from xjj_cli.output import refuse_existing, write_atomic
    from xjj_cli.pipeline import load_valid

    repo = load_valid(data_dir, options)
    chosen = forms_month(repo.months, repo.reportable_months, month)
    towns = town_books(repo, chosen)
    owners = owner_books(repo, chosen)
    office = office_of(repo)
    key = form_key(data_dir)
    folder = out if out is not None else data_dir.parent / "reports" / chosen / "forms"
    books = [*towns, *owners]
    targets = [folder / safe_file_name(book.file_name) for book in books]
    if not overwrite:  # refuse before writing anything, so a refusal never leaves half a set
        for target in targets:
            refuse_existing(target)
    paths = [
        write_atomic(target, workbook_bytes(book, office, key), overwrite=overwrite)
        for target, book in zip(targets, books, strict=True)
    ]
    remarks = [
        form_message("written", month=cn_month(chosen), towns=len(towns), owners=len(owners))
    ]
    if not owners:
        remarks.append(form_message("no_owner_forms", month=cn_month(chosen)))
    if key is not None:
        remarks.append(form_key_message("signed", source=key.source))
    return Outcome(chosen, paths=tuple(paths), remarks=tuple(remarks))


def forms_month(months: Sequence[str], reportable: Sequence[str], month: str | None) -> str:
    """The month to make forms for: ``month`` if given (not before the first month with town
    figures), else the month after the latest reportable one — or, while none is reportable,
    the first month with figures."""
    from xjj_cli.messages import form_message
    from xjj_cli.months import add_months
    from xjj_cli.pipeline import checked_month

    if month is not None:
        checked_month(month)
    if not months:
        raise DataError(form_message("no_figures", month=month or "YYYY-MM"))
    if month is None:
        return add_months(reportable[-1], 1) if reportable else months[0]
    if month < months[0]:
        raise UsageError(form_message("before_first", month=cn_month(month), first=months[0]))
    return month


def ledger_month(repo: Repository, month: str | None) -> str:
    """The month ``xjj problems`` reads the ledger at: the month asked for, reportable or not
    (the ledger does not wait for the towns' figures), or by default the latest reportable
    month — the bulletin's — else the latest month with town figures."""
    from xjj_cli.pipeline import resolve_filed_month

    if month is None and repo.reportable_months:
        return repo.reportable_months[-1]
    return resolve_filed_month(repo, month)


def pick_unit(
    units: dict[str, UnitInfo], unit: str, words: Callable[..., str] | None = None
) -> tuple[str, tuple[str, ...]]:
    """The code of the unit ``--unit`` names, by code or by its exact name (then a remark
    gives the code); anything else is refused with the closest code. ``words`` gives the
    remark and the refusal (``unit_by_name``, ``unit_unknown``); default: the ledger's."""
    from xjj_cli.messages import ledger_word

    say = words or ledger_word
    if unit in units:
        return unit, ()
    named = [code for code, info in units.items() if info.name == unit]
    if len(named) == 1:
        return named[0], (say("unit_by_name", name=unit, code=named[0]),)
    names = {code: info.name for code, info in units.items()}
    raise UsageError(say("unit_unknown", unit=unit, suggestion=did_you_mean(unit, units, names)))


def problems_report(
    data_dir: Path,
    month: str | None,
    unit: str | None,
    which: LedgerFilter,
    output: ReportFormat,
    *,
    color: bool = False,
    options: LoadOptions | None = None,
    out: Path | None = None,
    overwrite: bool = False,
) -> Outcome:
    """``xjj problems``: the problems ledger at the month's end — open, overdue (with days),
    solved during the month — grouped by responsible unit; as xlsx, a workbook at ``out``."""
    from xjj_cli.render import problems

    repo = load_valid(data_dir, options)
    chosen = ledger_month(repo, month)
    data = dataset_from(repo, chosen)
    remarks: tuple[str, ...] = ()
    if unit is not None:
        unit, remarks = pick_unit(data.units, unit)
    listed = [p for p in data.problems if unit is None or p.unit == unit]
    entries = ledger_at(listed, chosen, which, list(data.units))
    if output is ReportFormat.json:
        text = tabular.to_json(problems.ledger_json(chosen, entries, data))
        return Outcome(chosen, text, remarks=remarks)
    table = problems.ledger_table(chosen, entries, data, which, unit)
    if output is ReportFormat.xlsx:
        return replace(
            _write_workbook(data, chosen, [table], None, out, overwrite), remarks=remarks
        )
    return Outcome(chosen, _tables([table], output, color), remarks=remarks)


def history_report(
    data_dir: Path,
    unit: str,
    output: HistoryFormat,
    *,
    color: bool = False,
    options: LoadOptions | None = None,
) -> Outcome:
    """``xjj history``: one unit (by code, or its exact name) over every reportable month,
    oldest first — ranks, colours, breaches and actions — and its problems open at the
    latest reportable month's end; as a table for people or JSON (SPEC §4)."""
    from xjj_cli.engine.history import unit_history
    from xjj_cli.errors import MonthNotReportableError
    from xjj_cli.messages import history_word
    from xjj_cli.render import history

    repo = load_valid(data_dir, options)
    if not repo.reportable_months:  # history has no --month or --draft to suggest
        raise MonthNotReportableError(reporting("no_month"))
    latest = repo.reportable_months[-1]
    data = dataset_from(repo, latest)
    code, remarks = pick_unit(data.units, unit, history_word)
    # One dataset serves every month: each evaluation looks at data up to its month only.
    found = unit_history(
        data.units[code], [MonthEvaluation(data, m) for m in repo.reportable_months]
    )
    if output is HistoryFormat.json:
        return Outcome(latest, tabular.to_json(history.history_json(found, data)), remarks=remarks)
    return Outcome(latest, history.history_text(found, data, color=color), remarks=remarks)


@dataclass(frozen=True)
class TownSubmission:
    """A town and whether it has submitted the month's figures (every ``completed`` filled)."""

    town: str
    name: str
    kind: str
    submitted: bool


@dataclass(frozen=True)
class ProjectReport:
    """A project expected to report for the month, its owner, and whether it has."""

    id: str
    name: str
    owner: str
    owner_name: str
    reported: bool


@dataclass(frozen=True)
class Chase:
    """A unit on the 催报 list: a town whose figures are missing, an owner whose projects'
    progress entries are missing, or both."""

    unit: str
    name: str
    kind: str
    figures: bool
    """Whether the unit is a town that has not submitted its figures."""
    projects: tuple[Unreported, ...] = ()


@dataclass(frozen=True)
class OverdueProblem:
    """A ledger problem open at the month's end past its deadline, and its responsible unit."""

    id: str
    text: str
    unit: str
    unit_name: str
    deadline: dt.date
    days_overdue: int


@dataclass(frozen=True)
class Submissions:
    """Who has submitted for a month and who has not (SPEC §4, ``xjj status``)."""

    month: str
    reportable: bool
    filed: bool
    """Whether the month has a towns/progress file (with rows)."""
    towns: tuple[TownSubmission, ...]
    projects: tuple[ProjectReport, ...]
    chase: tuple[Chase, ...]
    contact: Contact | None = None
    """The office's contact (``document.contact``), to whom the units reply."""
    overdue: tuple[OverdueProblem, ...] = ()
    """The ledger's problems open at the month's end past their deadline (days to its end)."""


def submissions(
    data_dir: Path, month: str | None, options: LoadOptions | None = None
) -> Submissions:
    """Who has submitted ``month`` (default: the latest month with town figures, complete or
    not); a month that is not reportable is not refused — this is how it gets chased."""
    repo = load_valid(data_dir, options)
    chosen = resolve_filed_month(repo, month)
    evaluation = MonthEvaluation(dataset_from(repo, chosen), chosen)
    filed = chosen in repo.months
    missing = set(repo.not_submitted(chosen))
    towns = tuple(
        TownSubmission(code, town.name, town.kind, filed and code not in missing)
        for code, town in repo.towns.items()
    )
    units = evaluation.data.units
    projects = tuple(
        ProjectReport(
            s.id, s.name, s.owner, units[s.owner].name if s.owner in units else s.owner, s.reported
        )
        for s in evaluation.expected
    )
    chase = {t.town: Chase(t.town, t.name, t.kind, True) for t in towns if not t.submitted}
    for owner, listed in by_owner(unreported_projects(evaluation)).items():
        kind = units[owner].kind if owner in units else ""
        before = chase.get(owner, Chase(owner, listed[0].owner_name, kind, False))
        chase[owner] = replace(before, projects=tuple(listed))
    district = repo.district.record if repo.district is not None else None
    overdue = tuple(
        OverdueProblem(
            e.problem.id,
            e.problem.text,
            e.problem.unit,
            units[e.problem.unit].name if e.problem.unit in units else e.problem.unit,
            e.problem.deadline,
            e.days_overdue or 0,
        )
        for e in ledger_at(evaluation.data.problems, chosen, LedgerFilter.overdue, list(units))
    )
    return Submissions(
        month=chosen,
        reportable=chosen in repo.reportable_months,
        filed=filed,
        towns=towns,
        projects=projects,
        chase=tuple(chase.values()),
        contact=district.document.contact if district is not None else None,
        overdue=overdue,
    )


def status_report(
    data_dir: Path,
    month: str | None,
    output: StatusFormat,
    *,
    color: bool = False,
    options: LoadOptions | None = None,
) -> Outcome:
    """``xjj status``: who has submitted for the month, as a table for people or JSON."""
    from xjj_cli.render import status

    found = submissions(data_dir, month, options)
    if output is StatusFormat.json:
        return Outcome(found.month, tabular.to_json(status.status_json(found)))
    return Outcome(found.month, status.status_text(found, color=color))


@dataclass(frozen=True)
class ImportOutcome:
    """What ``xjj import`` did: the changes (stdout), what was read differently from what was
    typed (stderr), the files written (none on a dry run) and a closing line."""

    changes: tuple[str, ...]
    warnings: tuple[str, ...]
    paths: tuple[Path, ...]
    summary: str


def import_files(
    data_dir: Path,
    files: Sequence[Path],
    *,
    dry_run: bool = False,
    force: bool = False,
    options: LoadOptions | None = None,
    today: dt.date | None = None,
) -> ImportOutcome:
    """Import filled workbooks (SPEC §8): read and normalise them, plan every change, check
    the repository with the changes on a copy, then write them all — or, on any error or
    conflict (a different value already there, without ``force``), nothing at all."""
    from xjj_cli.errors import DataError
    from xjj_cli.forms.apply import check_on_copy, plan_changes, write_changes
    from xjj_cli.forms.read import read_forms
    from xjj_cli.forms.signature import form_key
    from xjj_cli.messages import import_message
    from xjj_cli.pipeline import load_valid

    repo = load_valid(data_dir, options)
    key = form_key(data_dir)
    reading = read_forms(files, repo, today or dt.date.today(), key)
    errors = list(reading.errors)
    plan = plan_changes(repo, reading.forms, force=force) if not errors else None
    if plan is not None:
        errors.extend(plan.errors)
    if errors or plan is None:
        head = import_message("refused", count=len(errors))
        raise DataError("\n".join([head, *(f"  {e}" for e in errors)]))
    invalid = check_on_copy(data_dir, plan.files) if plan.files else []
    if invalid:
        raise DataError("\n".join([import_message("invalid_after"), *invalid]))
    paths = [] if dry_run else write_changes(plan.files)
    summary = import_message(
        "summary",
        files=len(reading.forms),
        changes=len(plan.changes),
        warnings=len(reading.warnings),
    )
    if not plan.changes:
        ending = import_message("nothing")
    elif dry_run:
        ending = import_message("dry_run", count=len(plan.changes))
    else:
        ending = import_message("written", count=len(paths))
    return ImportOutcome(
        tuple(plan.changes), tuple(reading.warnings), tuple(paths), f"{summary}\n{ending}"
    )
