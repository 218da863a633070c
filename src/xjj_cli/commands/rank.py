"""``xjj rank``: the towns' rankings per ranked metric (SPEC §3.1), or the departments' and
enterprises' by their on-schedule share (SPEC §3.4)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import (
    DraftOption,
    MonthOption,
    ReportFormatOption,
    Settings,
    WorkbookForceOption,
    WorkbookOption,
    check_workbook,
    color,
    print_outcome,
)
from xjj_cli.options import RankedUnits, ReportFormat

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.engine.evaluate import MonthEvaluation
    from xjj_cli.load.reader import LoadOptions


def rank(
    ctx: typer.Context,
    month: MonthOption = None,
    metric: Annotated[
        str | None,
        typer.Option(
            "--metric",
            metavar="指标",
            help="只显示一个排名指标，如 5g.stations；默认全部。",
            show_default=False,
        ),
    ] = None,
    units: Annotated[
        RankedUnits,
        typer.Option("--units", help="towns 镇街排名；departments 区直部门和企业排名。"),
    ] = RankedUnits.towns,
    output: ReportFormatOption = ReportFormat.table,
    draft: DraftOption = False,
    out: WorkbookOption = None,
    force: WorkbookForceOption = False,
) -> None:
    """镇街排名（完成率、全区完成率、序时进度、颜色、后三名、低于全区、较上月变化），或区直部门和企业按期推进率排名。

    示例：xjj rank --month 2026-10 --metric 5g.stations
    """
    check_workbook(ctx, output, out)
    settings: Settings = ctx.obj
    outcome = rank_report(
        settings.data_dir,
        month,
        metric,
        units,
        output,
        color=color(),
        draft=draft,
        options=settings.load_options(ctx),
        out=out,
        overwrite=force,
    )
    print_outcome(outcome)


def _pick_metric(evaluation: "MonthEvaluation", metric: str | None) -> list[str]:
    """The ranked metrics ``--metric`` names (by id, or by its part after the domain), or all."""
    from xjj_cli.chinese import listing
    from xjj_cli.errors import UsageError
    from xjj_cli.messages.errors import error_message
    from xjj_cli.messages.validation import did_you_mean

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
    options: "LoadOptions | None" = None,
    out: Path | None = None,
    overwrite: bool = False,
) -> "Outcome":
    """Town rankings per ranked metric, or departments by their on-schedule share; as xlsx,
    a workbook written to ``out`` with a sheet per ranking."""
    from xjj_cli.chinese import listing
    from xjj_cli.commands.core import draft_json, draft_line, outcome_of, tables_text, workbook
    from xjj_cli.engine.towns import time_progress
    from xjj_cli.errors import UsageError
    from xjj_cli.messages.formats import cn_month
    from xjj_cli.messages.reports import reporting
    from xjj_cli.pipeline import run_month
    from xjj_cli.render import reports, tabular

    if units is RankedUnits.departments and metric is not None:
        raise UsageError(reporting("metric_with_departments"))
    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    note = draft_line(evaluation)
    if units is RankedUnits.departments:
        rows = evaluation.departments
        if output is ReportFormat.json:
            payload = reports.department_json(evaluation.month, rows)
            return outcome_of(run, tabular.to_json(draft_json(evaluation, payload)))
        table = reports.department_table(evaluation.month, rows)
        if output is ReportFormat.xlsx:
            return workbook(run, [table], note, out, overwrite)
        return outcome_of(run, tables_text([table], output, color, note))
    wanted = _pick_metric(evaluation, metric)
    rankings = [r for r in evaluation.rankings if r.metric in wanted]
    missing = {m: evaluation.not_submitted_in(m) for m in wanted} if evaluation.draft else None
    if output is ReportFormat.json:
        progress = time_progress(evaluation.month)
        objects = [
            draft_json(evaluation, o)
            for o in reports.ranking_json(rankings, evaluation.month, wanted, progress, missing)
        ]
        return outcome_of(run, tabular.to_json(objects[0] if len(objects) == 1 else objects))
    names = {m.id: m.name for m in evaluation.data.ranked_metrics}
    empty = reporting(
        "no_metric_figures",
        month=cn_month(evaluation.month),
        metrics=listing(reporting("metric_named", name=names[m], code=m) for m in wanted),
    )
    if not rankings and output is ReportFormat.table:
        return outcome_of(run, (f"{note}\n" if note else "") + empty + "\n")
    bottom_n = evaluation.data.rules.bottom_n
    tables = reports.ranking_tables(rankings, bottom_n, missing, empty=empty)
    if output is ReportFormat.xlsx:
        return workbook(run, tables, note, out, overwrite)
    return outcome_of(run, tables_text(tables, output, color, note))
