"""What the commands' cores share: the ``Outcome`` a core gives back, a month's run as an
outcome (with its 催报 and the 征求意见稿 line of a draft), tables as text or as a workbook,
the month's reports of ``colors``, ``accountability`` and ``warnings``, and a unit named on
the command line.

A core returns values or raises an ``XjjError``; it never prints and never exits. This module
is imported when a core runs (never for ``--help`` or a remembered report).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xjj_cli.engine.dataset import Dataset, UnitInfo
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.status import Unreported, unreported_projects
from xjj_cli.errors import OutputError, UsageError
from xjj_cli.load.reader import LoadOptions
from xjj_cli.messages.cli import cli_message
from xjj_cli.messages.errors import error_message
from xjj_cli.messages.reports import draft_note, ledger_word
from xjj_cli.messages.validation import did_you_mean
from xjj_cli.months import month_end
from xjj_cli.options import ReportFormat
from xjj_cli.pipeline import MonthRun, run_month
from xjj_cli.render import early_warnings, reports, status, tabular
from xjj_cli.render.tabular import Table


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
        return status.reminder(self.month, self.unreported)


def outcome_of(
    run: MonthRun,
    text: str = "",
    paths: Sequence[Path] = (),
    remarks: Sequence[str] = (),
    contents: Sequence[bytes] = (),
) -> Outcome:
    """A month's result: what it printed or wrote, its 催报 and its pending later month."""
    evaluation = run.evaluation
    unreported = unreported_projects(evaluation)
    return Outcome(
        evaluation.month,
        text,
        tuple(paths),
        unreported,
        run.pending,
        tuple(remarks),
        tuple(contents),
    )


def draft_line(evaluation: MonthEvaluation) -> str | None:
    """The 征求意见稿 line a draft starts with (naming the towns not submitted); None when
    the evaluation is not a draft."""
    if not evaluation.draft:
        return None
    if not evaluation.has_figures:
        return draft_note(evaluation.month, None)
    units = evaluation.data.units
    return draft_note(evaluation.month, [units[c].name for c in evaluation.not_submitted])


def draft_json(evaluation: MonthEvaluation, payload: dict[str, Any]) -> dict[str, Any]:
    """A draft's JSON carries ``"draft": true`` and the towns not submitted; a report of a
    reportable month keeps the shape of SPEC §4 exactly."""
    if not evaluation.draft:
        return payload
    return {**payload, "draft": True, "not_submitted": list(evaluation.not_submitted)}


def workbook(
    run: MonthRun, tables: list[Table], note: str | None, out: Path | None, overwrite: bool
) -> Outcome:
    """The tables as a workbook written to ``out`` (never over a file without ``overwrite``);
    stamped with the month's last day, so the same data gives the same bytes."""
    written = write_workbook(
        run.evaluation.data, run.evaluation.month, tables, note, out, overwrite
    )
    return outcome_of(run, paths=written.paths)


def write_workbook(
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


def tables_text(
    tables: list[Table], output: ReportFormat, color: bool, note: str | None = None
) -> str:
    """The tables as CSV, Markdown or a table for the terminal."""
    if output is ReportFormat.csv:
        return tabular.to_csv(tables, note=note)
    if output is ReportFormat.md:
        return tabular.to_markdown(tables, note=note)
    return tabular.to_rich(tables, color=color, note=note)


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
        return outcome_of(run, tabular.to_json(draft_json(evaluation, payload)))
    tables = [as_table(evaluation)]
    if output is ReportFormat.xlsx:
        return workbook(run, tables, draft_line(evaluation), out, overwrite)
    return outcome_of(run, tables_text(tables, output, color, draft_line(evaluation)))


def pick_unit(
    units: dict[str, UnitInfo], unit: str, words: Callable[..., str] | None = None
) -> tuple[str, tuple[str, ...]]:
    """The code of the unit ``--unit`` names, by code or by its exact name (then a remark
    gives the code); anything else is refused with the closest code. ``words`` gives the
    remark and the refusal (``unit_by_name``, ``unit_unknown``); default: the ledger's."""
    say = words or ledger_word
    if unit in units:
        return unit, ()
    named = [code for code, info in units.items() if info.name == unit]
    if len(named) == 1:
        return named[0], (say("unit_by_name", name=unit, code=named[0]),)
    names = {code: info.name for code, info in units.items()}
    raise UsageError(say("unit_unknown", unit=unit, suggestion=did_you_mean(unit, units, names)))
