"""``xjj problems``: the problems ledger (问题清单, 销号管理) at a month's end, by
responsible unit."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer._click.exceptions import UsageError as ClickUsageError

from xjj_cli.commands.common import (
    ReportFormatOption,
    Settings,
    WorkbookForceOption,
    check_workbook,
    checked_month,
    color,
    print_outcome,
)
from xjj_cli.options import ReportFormat

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.engine.ledger import LedgerFilter
    from xjj_cli.load.reader import LoadOptions
    from xjj_cli.repository import Repository


def problems(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            metavar="YYYY-MM",
            help="按该月月底查看问题清单；默认为最近一个可出报告的月份（没有时为有镇街月度数据的"
            "最近一个月）。问题清单不等镇街数据报齐，任何月份都可以查。",
            show_default=False,
            callback=checked_month,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            metavar="单位",
            help="只看一个责任单位的问题：单位代码（如 qzj）或单位全称。",
            show_default=False,
        ),
    ] = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="只列未办结的问题（含已逾期的）。")
    ] = False,
    overdue_only: Annotated[
        bool, typer.Option("--overdue", help="只列已过限期仍未办结的问题。")
    ] = False,
    output: ReportFormatOption = ReportFormat.table,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="文件",
            help="--format xlsx 时写入的工作簿文件，如 2026-10-问题清单.xlsx。",
            show_default=False,
        ),
    ] = None,
    force: WorkbookForceOption = False,
) -> None:
    """问题清单（销号管理）：按责任单位列出月底未办结的问题（未到期、已逾期及逾期天数）和本月办结的问题（按期或逾期办结）。

    示例：xjj problems --month 2026-10 --overdue --unit qzj
    """
    from xjj_cli.engine.ledger import LedgerFilter
    from xjj_cli.messages.reports import ledger_word

    if open_only and overdue_only:
        raise ClickUsageError(ledger_word("open_and_overdue"), ctx)
    check_workbook(ctx, output, out)
    which = (
        LedgerFilter.overdue
        if overdue_only
        else LedgerFilter.open
        if open_only
        else LedgerFilter.all
    )
    settings: Settings = ctx.obj
    outcome = problems_report(
        settings.data_dir,
        month,
        unit,
        which,
        output,
        color=color(),
        options=settings.load_options(ctx),
        out=out,
        overwrite=force,
    )
    print_outcome(outcome)


def ledger_month(repo: "Repository", month: str | None) -> str:
    """The month ``xjj problems`` reads the ledger at: the month asked for, reportable or not
    (the ledger does not wait for the towns' figures), or by default the latest reportable
    month — the bulletin's — else the latest month with town figures."""
    from xjj_cli.pipeline import resolve_filed_month

    if month is None and repo.reportable_months:
        return repo.reportable_months[-1]
    return resolve_filed_month(repo, month)


def problems_report(
    data_dir: Path,
    month: str | None,
    unit: str | None,
    which: "LedgerFilter",
    output: ReportFormat,
    *,
    color: bool = False,
    options: "LoadOptions | None" = None,
    out: Path | None = None,
    overwrite: bool = False,
) -> "Outcome":
    """``xjj problems``: the problems ledger at the month's end — open, overdue (with days),
    solved during the month — grouped by responsible unit; as xlsx, a workbook at ``out``."""
    from dataclasses import replace

    from xjj_cli.commands.core import Outcome, pick_unit, tables_text, write_workbook
    from xjj_cli.engine.dataset import dataset_from
    from xjj_cli.engine.ledger import ledger_at
    from xjj_cli.pipeline import load_valid
    from xjj_cli.render import problems as shown
    from xjj_cli.render import tabular

    repo = load_valid(data_dir, options)
    chosen = ledger_month(repo, month)
    data = dataset_from(repo, chosen)
    remarks: tuple[str, ...] = ()
    if unit is not None:
        unit, remarks = pick_unit(data.units, unit)
    listed = [p for p in data.problems if unit is None or p.unit == unit]
    entries = ledger_at(listed, chosen, which, list(data.units))
    if output is ReportFormat.json:
        text = tabular.to_json(shown.ledger_json(chosen, entries, data))
        return Outcome(chosen, text, remarks=remarks)
    table = shown.ledger_table(chosen, entries, data, which, unit)
    if output is ReportFormat.xlsx:
        return replace(write_workbook(data, chosen, [table], None, out, overwrite), remarks=remarks)
    return Outcome(chosen, tables_text([table], output, color), remarks=remarks)
