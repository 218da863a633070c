"""The command line: parse options, call one core function, print what it returns.

Errors become exit codes in exactly one place, ``_Commands.invoke``: a ``XjjError``
prints its Chinese message on stderr and exits with its code (1 invalid data,
2 wrong usage). Results go to stdout, messages and progress to stderr.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from xjj_cli import __version__
from xjj_cli.errors import XjjError

if TYPE_CHECKING:
    from xjj_cli.api import Outcome
    from xjj_cli.load.reader import LoadOptions
from xjj_cli.options import BulletinFormat, CheckFormat, RankedUnits, ReportFormat


def say(message: str) -> None:
    """A message for people on stderr (results go to stdout)."""
    typer.echo(message, err=True)


HELP_OPTION_TEXT = "显示本帮助后退出。"


class _ChineseHelp:
    """Describes the --help option in Chinese too (click's own text is English)."""

    def get_help_option(self, ctx: typer.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class _Command(_ChineseHelp, TyperCommand):  # type: ignore[misc]
    """A command of xjj."""


class _Commands(_ChineseHelp, TyperGroup):  # type: ignore[misc]
    """The one place where a project error becomes a message and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except XjjError as exc:
            say(f"错误：{exc}")
            raise typer.Exit(exc.exit_code) from exc

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Run; a usage error is told in Chinese on stderr and ends with exit code 2."""
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except typer.Abort:
            say("已中断。")
            result = 1
        except Exception as exc:
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
                raise
            if not standalone_mode:
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain "xjj": the help, as asked
                typer.echo(exc.format_message())
            else:
                from xjj_cli.messages import usage_message  # only on this path: --help stays quick

                say(usage_message(exc.format_message()))
            sys.exit(exc.exit_code)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)  # keep the order of the SPEC, not alphabetical


app = typer.Typer(
    cls=_Commands,
    name="xjj",
    help="xjj（新基建）：区新基建指挥部办公室的数据检查、排名、三色管理、约谈问责与月度通报工具。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: rendering it with rich costs more than the rest of --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(frozen=True)
class Settings:
    """Options given before the command."""

    data_dir: Path
    quiet: bool = False
    use_cache: bool = True

    def load_options(self, ctx: typer.Context) -> LoadOptions:
        """How the command loads data: a progress bar only for people watching a terminal."""
        from xjj_cli.load.reader import LoadOptions
        from xjj_cli.render.progress import LoadProgress

        progress = None
        if not self.quiet and sys.stderr.isatty():
            progress = LoadProgress()
            ctx.call_on_close(progress.close)
        return LoadOptions(use_cache=self.use_cache, progress=progress)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"xjj {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="XJJ_DATA",
            help="数据目录（含 district.yaml 的文件夹）；默认 ./data，或环境变量 XJJ_DATA。",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条。")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不使用 .xjj-cache/ 中的缓存，全部文件重新读取。")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本号后退出。"),
    ] = False,
) -> None:
    """xjj（新基建）：区新基建指挥部办公室的数据检查、排名、三色管理、约谈问责与月度通报工具。

    示例：xjj --data data validate
    """
    # Absolute and normalised, so that "--data ." still puts reports beside the data folder.
    data_dir = Path(os.path.abspath(data or Path("data")))
    ctx.obj = Settings(data_dir=data_dir, quiet=quiet, use_cache=not no_cache)


@app.command(cls=_Command)
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
    from xjj_cli.render import validation
    from xjj_cli.validate import validate_repository

    settings: Settings = ctx.obj
    repo = validate_repository(settings.data_dir, settings.load_options(ctx))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    text = validation.report(
        repo, output, color=_color(), step_summary=Path(summary) if summary else None
    )
    typer.echo(text, nl=False)
    raise typer.Exit(0 if repo.log.ok else 1)


MonthOption = Annotated[
    str | None,
    typer.Option(
        "--month",
        "-m",
        help="月份 YYYY-MM；默认为最近一个可出报告的月份（全部镇街已报齐）。",
        show_default=False,
    ),
]
DraftOption = Annotated[
    bool,
    typer.Option(
        "--draft",
        help="镇街数据未报齐的月份也出报告，标明“征求意见稿”（未报送的镇街按上月数计入）；"
        "不加 --month 时为有镇街月度数据的最近一个月。",
    ),
]
ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        "-f",
        help="输出格式：table 表格，csv 供 Excel/WPS（UTF-8 带 BOM），json 供程序读取，md 供拉取请求。",
    ),
]


@app.command(cls=_Command)
def rank(
    ctx: typer.Context,
    month: MonthOption = None,
    metric: Annotated[
        str | None,
        typer.Option(
            "--metric", help="只显示一个排名指标，如 5g.stations；默认全部。", show_default=False
        ),
    ] = None,
    units: Annotated[
        RankedUnits,
        typer.Option("--units", help="towns 镇街排名；departments 区直部门和企业排名。"),
    ] = RankedUnits.towns,
    output: ReportFormatOption = ReportFormat.table,
    draft: DraftOption = False,
) -> None:
    """镇街排名（完成率、全区完成率、序时进度、颜色、后三名、低于全区、较上月变化），或区直部门和企业按期推进率排名。

    示例：xjj rank --month 2026-10 --metric 5g.stations
    """
    from xjj_cli.api import rank_report

    settings: Settings = ctx.obj
    outcome = rank_report(
        settings.data_dir,
        month,
        metric,
        units,
        output,
        color=_color(),
        draft=draft,
        options=settings.load_options(ctx),
    )
    typer.echo(outcome.text, nl=False)
    _remind(outcome)


@app.command(cls=_Command)
def colors(
    ctx: typer.Context,
    month: MonthOption = None,
    output: ReportFormatOption = ReportFormat.table,
    draft: DraftOption = False,
) -> None:
    """项目三色管理：每个项目的颜色（蓝、黄、红）及计划进度、实际进度、滞后和逾期节点。

    示例：xjj colors --format csv > 项目三色.csv
    """
    _print_month_report(ctx, "colors", month, output, draft)


@app.command(cls=_Command)
def accountability(
    ctx: typer.Context,
    month: MonthOption = None,
    output: ReportFormatOption = ReportFormat.table,
    draft: DraftOption = False,
) -> None:
    """约谈问责名单：每个需提醒、通报、约谈或问责的单位，措施从重到轻，逐条列出依据。

    示例：xjj accountability --month 2026-10 --format md
    """
    _print_month_report(ctx, "accountability", month, output, draft)


@app.command(cls=_Command)
def bulletin(
    ctx: typer.Context,
    month: MonthOption = None,
    output: Annotated[
        BulletinFormat,
        typer.Option(
            "--format",
            "-f",
            help="md 供审阅，html 供屏幕和打印，docx 供 Word/WPS 编辑印发，all 三种都生成。",
        ),
    ] = BulletinFormat.all,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="输出目录；默认为数据仓库下的 reports/YYYY-MM/。",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option("--date", help="落款日期 YYYY-MM-DD；默认为今天。", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名通报文件。")] = False,
    draft: DraftOption = False,
) -> None:
    """生成月度通报（Markdown、HTML、DOCX），原子写入，并列出生成的文件。

    示例：xjj bulletin --month 2026-10 --format docx --date 2026-11-05
    """
    from xjj_cli.api import BULLETIN_FORMATS, bulletin_files, parse_date

    settings: Settings = ctx.obj
    formats = BULLETIN_FORMATS if output is BulletinFormat.all else (output.value,)
    issue_date = parse_date(date)
    outcome = bulletin_files(
        settings.data_dir,
        month,
        formats,
        out,
        issue_date,
        overwrite=force,
        draft=draft,
        options=settings.load_options(ctx),
    )
    for path in outcome.paths:
        typer.echo(str(path))
    _remind(outcome)


def _print_month_report(
    ctx: typer.Context, name: str, month: str | None, output: ReportFormat, draft: bool
) -> None:
    from xjj_cli.api import month_report

    settings: Settings = ctx.obj
    options = settings.load_options(ctx)
    outcome = month_report(
        name, settings.data_dir, month, output, color=_color(), draft=draft, options=options
    )
    typer.echo(outcome.text, nl=False)
    _remind(outcome)


def _remind(outcome: Outcome) -> None:
    """催报 (SPEC §3.5) and a later month still pending: on stderr, never on stdout."""
    if outcome.notices:
        say(outcome.notices)


def _color() -> bool:
    return sys.stdout.isatty()


@app.command(cls=_Command)
def init(
    directory: Annotated[
        Path, typer.Argument(help="新数据仓库的目录；必须不存在或为空。", show_default=False)
    ],
) -> None:
    """以内置示例区为模板新建一个数据仓库（含 GitHub Actions 检查流程和填报说明），不会覆盖已有文件。

    示例：xjj init 我区新基建数据
    """
    from xjj_cli.scaffold import create_repository

    written = create_repository(directory)
    say(f"已新建数据仓库：{directory}（{len(written)} 个文件）")
    say(f"下一步：cd {directory} && xjj validate")


def main() -> None:
    """Console entry point: run the app; an unexpected failure is reported, not dumped."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        say("已中断。")
        sys.exit(130)
    except Exception as exc:  # the last line of defence against a traceback
        if os.environ.get("XJJ_DEBUG"):
            raise
        say(f"内部错误：{type(exc).__name__}: {exc}")
        say(
            "这是 xjj 的缺陷，不是您的数据问题；请把此信息和所用命令报告给维护人员（设置 XJJ_DEBUG=1 可显示详细信息）。"
        )
        sys.exit(1)
