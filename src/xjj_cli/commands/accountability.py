"""``xjj accountability``: every unit with an action, strongest first, with every reason and
its evidence (SPEC §3.3); its core is ``core.MONTH_REPORTS["accountability"]``."""

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


def accountability(
    ctx: typer.Context,
    month: MonthOption = None,
    output: ReportFormatOption = ReportFormat.table,
    draft: DraftOption = False,
    out: WorkbookOption = None,
    force: WorkbookForceOption = False,
) -> None:
    """约谈问责名单：每个需提醒、通报、约谈或问责的单位，措施从重到轻，逐条列出依据。

    示例：xjj accountability --month 2026-10 --format md
    """
    print_month_report(ctx, "accountability", month, output, draft, out, force)
