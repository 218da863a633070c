"""``xjj status``: who has submitted for a month and who has not (SPEC §4), the 催报 list
and the problems overdue; the facts are ``engine.status``'s."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import Settings, checked_month, color
from xjj_cli.options import StatusFormat

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.load.reader import LoadOptions


def status(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            metavar="YYYY-MM",
            help="月份 YYYY-MM；默认为正在收集的月份（已有该月的项目进度、镇街数据等时），"
            "否则为有镇街月度数据的最近一个月（报齐与否都可以查）。",
            show_default=False,
            callback=checked_month,
        ),
    ] = None,
    output: Annotated[
        StatusFormat,
        typer.Option(
            "--format",
            "-f",
            help="输出格式：table 表格，json 供程序读取，md 为 Markdown 表格（供 CI 的运行摘要页和拉取请求）。",
        ),
    ] = StatusFormat.table,
) -> None:
    """报送情况和催报名单：哪些镇街已报、未报月度数据，哪些项目已报、未报本月进度（及其责任单位），该月能否出正式报告。有人未报不算错误，退出码仍为 0。

    示例：xjj status --month 2026-11
    """
    settings: Settings = ctx.obj
    outcome = status_report(
        settings.data_dir, month, output, color=color(), options=settings.load_options(ctx)
    )
    typer.echo(outcome.text, nl=False)


def status_report(
    data_dir: Path,
    month: str | None,
    output: StatusFormat,
    *,
    color: bool = False,
    options: "LoadOptions | None" = None,
) -> "Outcome":
    """``xjj status``: who has submitted ``month`` (default: the month being collected once
    anything of it is in, else the latest month with town figures, complete or not — a month
    that is not reportable is not refused, this is how it gets chased), as a table for people
    or JSON, or in Markdown (a CI run's summary page)."""
    from xjj_cli.commands.core import Outcome
    from xjj_cli.engine.status import submissions
    from xjj_cli.pipeline import load_valid, status_month
    from xjj_cli.render import status as shown
    from xjj_cli.render import tabular

    repo = load_valid(data_dir, options)
    found = submissions(repo, status_month(repo, month))
    if output is StatusFormat.json:
        return Outcome(found.month, tabular.to_json(shown.status_json(found)))
    if output is StatusFormat.md:
        return Outcome(found.month, shown.status_markdown(found))
    return Outcome(found.month, shown.status_text(found, color=color))
