"""``xjj validate``: check the whole data repository (SPEC §4); the one command whose exit
code is its report's (0, or 1 when the data has errors)."""

import os
from pathlib import Path
from typing import Annotated

import typer

from xjj_cli.commands.common import Settings, color
from xjj_cli.options import CheckFormat


def validate(
    ctx: typer.Context,
    output: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="输出格式：text 供人阅读，json 供程序读取，github 为 GitHub Actions 注释。",
        ),
    ] = CheckFormat.text,
) -> None:
    """检查整个数据仓库：每个错误都给出文件、行、列和修改办法；有错误时退出码为 1。

    示例：xjj validate --format github
    """
    import datetime as dt

    from xjj_cli.load.scan import restore_validation, scan_data
    from xjj_cli.render import validation

    settings: Settings = ctx.obj
    options = settings.load_options(ctx)
    scan = scan_data(settings.data_dir, options)
    repo = restore_validation(scan, dt.date.today())
    if repo is None:  # something changed: the checks (and the records' models) are needed
        from xjj_cli.validate import validate_repository

        repo = validate_repository(settings.data_dir, options, records=False, scan=scan)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    text = validation.report(
        repo, output, color=color(), step_summary=Path(summary) if summary else None
    )
    typer.echo(text, nl=False)
    raise typer.Exit(repo.log.exit_code)
