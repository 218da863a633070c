"""``xjj warnings``: the early warnings of SPEC §3.6 by unit, most urgent first; its core is
``core.MONTH_REPORTS["warnings"]``."""

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


def warnings(
    ctx: typer.Context,
    month: MonthOption = None,
    output: ReportFormatOption = ReportFormat.table,
    draft: DraftOption = False,
    out: WorkbookOption = None,
    force: WorkbookForceOption = False,
) -> None:
    """预警提示：下月再不改进就将被约谈或提请问责的镇街和单位，以及月末后临近到期的市重点督办任务、项目节点和问题，按单位列出，最紧急的在前。

    示例：xjj warnings --month 2026-10
    """
    print_month_report(ctx, "warnings", month, output, draft, out, force)
