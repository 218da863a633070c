"""``xjj colors``: every project's colour with planned, actual and lag (SPEC §3.2); its core
is ``core.MONTH_REPORTS["colors"]``."""

import typer

from xjj_cli.commands.common import (
    DraftOption,
    MonthOption,
    ReportFormatOption,
    WorkbookForceOption,
    WorkbookOption,
    print_month_report,
)
from xjj_cli.options import ReportFormat


def colors(
    ctx: typer.Context,
    month: MonthOption = None,
    output: ReportFormatOption = ReportFormat.table,
    draft: DraftOption = False,
    out: WorkbookOption = None,
    force: WorkbookForceOption = False,
) -> None:
    """项目三色管理：每个项目的颜色（蓝、黄、红）及计划进度、实际进度、滞后和逾期节点。

    示例：xjj colors --format xlsx --out 2026-10-项目三色.xlsx
    """
    print_month_report(ctx, "colors", month, output, draft, out, force)
