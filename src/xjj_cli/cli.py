"""The command line: parse options, call one core function, print what it returns.

Every exit code is decided by one function, :func:`exit_code` (its docstring is the
table); errors are told in Chinese on stderr by ``_Commands`` and :func:`main`. Results
go to stdout, messages and progress to stderr.
"""

import difflib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer._click.core import ParameterSource
from typer._click.exceptions import ClickException, NoArgsIsHelpError, NoSuchOption
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.formatting import HelpFormatter, wrap_text
from typer.core import TyperCommand, TyperGroup

from xjj_cli import __version__, i18n
from xjj_cli.chinese import listing
from xjj_cli.errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_OK, XjjError

if TYPE_CHECKING:
    from xjj_cli.api import Outcome
    from xjj_cli.load.scan import LoadOptions
    from xjj_cli.memo import Written
from xjj_cli.options import (
    BulletinFormat,
    CheckFormat,
    HistoryFormat,
    RankedUnits,
    ReportFormat,
    StatusFormat,
)


def say(message: str) -> None:
    """A message for people on stderr (results go to stdout)."""
    typer.echo(message, err=True)


def exit_code(exc: BaseException | None) -> int:
    """The exit code of a run that ended with ``exc`` (None: it ended normally).

    The one table of xjj's exit codes (SPEC §4), as black's ``Report.return_code``:

    - no exception: 0 (``validate`` exits with its report's ``log.exit_code``: 0, or 1
      when the data has errors);
    - ``XjjError``: its ``exit_code`` — 2 for ``UsageError`` (a bad ``--month``,
      ``--date`` or data folder), 1 for the others (``DataError``, ``InvalidDataError``,
      ``MonthNotReportableError``, ``TemplateError``, ``OutputError``);
    - click's ``UsageError`` and its subclasses (an unknown option or command, a missing
      value, plain ``xjj`` showing its help): 2; any other ``ClickException``: its own, 1;
    - ``typer.Exit`` and ``SystemExit``: the code they carry;
    - ``typer.Abort`` (input ended at a prompt): 1;
    - ``KeyboardInterrupt`` (Ctrl-C): 130;
    - anything else, a defect of xjj: 1.
    """
    if exc is None:
        return EXIT_OK
    if isinstance(exc, XjjError | ClickException):  # ClickUsageError.exit_code is 2
        return exc.exit_code
    if isinstance(exc, typer.Exit):
        return int(exc.exit_code)
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else EXIT_DATA if exc.code else EXIT_OK
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_DATA  # typer.Abort and every unexpected exception


GLOBAL_OPTIONS = ("data", "quiet", "no_cache")
"""The options of ``xjj`` itself that every command reading data also takes after its name."""


class _HelpFormatter(HelpFormatter):
    """click's help layout, with columns measured in terminal cells (a Chinese character is two)."""

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_col = min(max((i18n.display_width(r[0]) for r in rows), default=0), col_max)
        first_col += col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            width = i18n.display_width(first)
            if width <= first_col - col_spacing:
                self.write(" " * (first_col - width))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_text(second, max(self.width - first_col - 2, 10), preserve_paragraphs=True)
            indent = " " * (first_col + self.current_indent)
            self.write(f"\n{indent}".join(lines.splitlines()) + "\n")


class _Context(typer.Context):
    formatter_class = _HelpFormatter


class _Chinese:
    """Help in Chinese: the words click writes without gettext, through xjj's catalogue."""

    context_class = _Context

    def get_help_option(self, ctx: typer.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = i18n._(option.help)
        return option

    def format_usage(self, ctx: typer.Context, formatter: HelpFormatter) -> None:
        pieces = [i18n._(piece) for piece in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=i18n._("Usage: "))

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        """Parse; left-over words are told in Chinese (click says so in English)."""
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except ClickUsageError as exc:
            if exc.ctx is None:  # click's parser leaves it out; the message needs the command
                exc.ctx, exc.cmd = ctx, ctx.command
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            extra_args = " ".join(rest)
            message = i18n._("Got unexpected extra argument(s) ({extra_args})")
            raise ClickUsageError(message.format(extra_args=extra_args), ctx)
        return rest


class _Command(_Chinese, TyperCommand):  # type: ignore[misc]
    """A command of xjj that needs no data folder (``init``)."""


class _DataCommand(_Command):
    """A command that reads the data folder: also takes ``--data``, ``-q``, ``--no-cache``."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        """Run; the global options typed after the command's name override those before it."""
        given = {name: ctx.params.pop(name) for name in GLOBAL_OPTIONS if name in ctx.params}
        typed = {
            name: value
            for name, value in given.items()
            if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
        }
        if typed:
            ctx.obj = replace(ctx.obj, **typed)
        return super().invoke(ctx)


class _Commands(_Chinese, TyperGroup):  # type: ignore[misc]
    """The one place where an error becomes a message and an exit code."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        shared = [param for param in self.params if param.name in GLOBAL_OPTIONS]
        for command in self.commands.values():
            if isinstance(command, _DataCommand):
                command.params.extend(shared)  # defined once, on the root callback

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except XjjError as exc:
            from xjj_cli.messages import cli_message  # only on this path: --help stays quick

            say(cli_message("error", message=exc))
            raise typer.Exit(exit_code(exc)) from exc

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command named first; a mistyped name gets a suggestion."""
        try:
            return super().resolve_command(ctx, args)
        except ClickUsageError as exc:
            matches = difflib.get_close_matches(args[0], list(self.commands)) if args else []
            if matches and not isinstance(exc, NoSuchOption):
                suggestions = listing(matches)
                exc.message += i18n._("Did you mean {suggestions}?").format(suggestions=suggestions)
            raise

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Run; a usage error is told in Chinese on stderr and ends with exit code 2."""
        i18n.install()
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except typer.Abort as exc:
            from xjj_cli.messages import cli_message

            say(cli_message("interrupted"))
            result = exit_code(exc)
        except NoArgsIsHelpError as exc:  # plain "xjj": the help, as asked
            if not standalone_mode:
                raise
            typer.echo(exc.format_message())
            sys.exit(exit_code(exc))
        except ClickException as exc:
            if not standalone_mode:
                raise
            from xjj_cli.messages import cli_message

            if isinstance(exc, ClickUsageError):
                say(cli_message("usage.error", message=i18n.usage_error(exc)))
            else:
                say(cli_message("error", message=exc.format_message()))
            sys.exit(exit_code(exc))
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else exit_code(None))

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)  # keep the order of the SPEC, not alphabetical


app = typer.Typer(
    cls=_Commands,
    name="xjj",
    help="xjj（新基建）：区新基建指挥部办公室的数据检查、排名、三色管理、约谈问责与月度通报工具。",
    no_args_is_help=True,
    add_completion=False,
    suggest_commands=False,  # click suggests in English; _Commands.resolve_command does it
    rich_markup_mode=None,  # plain help: rendering it with rich costs more than the rest of --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass(frozen=True)
class Settings:
    """The options of ``xjj`` itself (given before or after the command's name)."""

    data: Path | None = None
    quiet: bool = False
    no_cache: bool = False

    @cached_property
    def data_dir(self) -> Path:
        """The data folder: ``--data``, else found the way git finds ``.git`` (see locate)."""
        from xjj_cli.locate import locate_data_folder
        from xjj_cli.messages import cli_message

        folder = locate_data_folder(self.data, Path.cwd())
        if folder.found:
            say(cli_message("data.used", path=folder.path))
        return folder.path

    def load_options(self, ctx: typer.Context) -> "LoadOptions":
        """How the command loads data: a progress bar only for people watching a terminal."""
        from xjj_cli.load.scan import LoadOptions
        from xjj_cli.render.progress import LoadProgress

        progress = None
        if not self.quiet and sys.stderr.isatty():
            progress = LoadProgress()
            ctx.call_on_close(progress.close)
        return LoadOptions(use_cache=not self.no_cache, progress=progress)


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
            metavar="目录",
            help="数据目录（含 district.yaml 的文件夹）或它所在的仓库根目录；"
            "不指定时用 ./data，没有则从当前文件夹向上查找。",
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
    ctx.obj = Settings(data=data, quiet=quiet, no_cache=no_cache)


@app.command(cls=_DataCommand)
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
        repo, output, color=_color(), step_summary=Path(summary) if summary else None
    )
    typer.echo(text, nl=False)
    raise typer.Exit(repo.log.exit_code)


MonthOption = Annotated[
    str | None,
    typer.Option(
        "--month",
        "-m",
        metavar="YYYY-MM",
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
        help="输出格式：table 表格，csv 供 Excel/WPS（UTF-8 带 BOM），json 供程序读取，md 供拉取请求，"
        "xlsx 为 Excel/WPS 工作簿（须用 --out 指定文件）。",
    ),
]
WorkbookOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="文件",
        help="--format xlsx 时写入的工作簿文件，如 2026-10-镇街排名.xlsx。",
        show_default=False,
    ),
]
WorkbookForceOption = Annotated[
    bool, typer.Option("--force", help="覆盖已存在的同名工作簿（--out 指定的文件）。")
]
# ``status`` and ``history`` each have their own enum of the same two formats.
TableJsonFormat = typer.Option("--format", "-f", help="输出格式：table 表格，json 供程序读取。")


def _check_workbook(ctx: typer.Context, output: ReportFormat, out: Path | None) -> None:
    """``--format xlsx`` writes the file ``--out`` names, and ``--out`` is only for it."""
    from xjj_cli.messages import cli_message

    if output is ReportFormat.xlsx and out is None:
        raise ClickUsageError(cli_message("xlsx.no_out"), ctx)
    if output is not ReportFormat.xlsx and out is not None:
        raise ClickUsageError(cli_message("xlsx.out_only"), ctx)
    if out is not None and out.suffix.lower() != ".xlsx":
        raise ClickUsageError(cli_message("xlsx.suffix", path=out), ctx)
    if out is not None and out.is_dir():
        raise ClickUsageError(cli_message("xlsx.folder", path=out), ctx)


@app.command(cls=_DataCommand)
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
    from xjj_cli.api import rank_report

    _check_workbook(ctx, output, out)
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
        out=out,
        overwrite=force,
    )
    _print(outcome)


@app.command(cls=_DataCommand)
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
    _print_month_report(ctx, "colors", month, output, draft, out, force)


@app.command(cls=_DataCommand)
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
    _print_month_report(ctx, "accountability", month, output, draft, out, force)


@app.command(cls=_DataCommand)
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
            metavar="目录",
            help="输出目录；默认为数据仓库下的 reports/YYYY-MM/。",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="落款日期 YYYY-MM-DD；默认为今天。",
            show_default=False,
        ),
    ] = None,
    number: Annotated[
        int | None,
        typer.Option(
            "--number",
            min=1,
            metavar="N",
            help="发文字号中的序号，如 12 即“任新基建办〔2026〕12号”（年份取落款日期）；"
            "不给则留空，印发时手工填写。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名通报文件。")] = False,
    draft: DraftOption = False,
) -> None:
    """生成月度通报（Markdown、HTML、DOCX），原子写入，并列出生成的文件。

    示例：xjj bulletin --month 2026-10 --format docx --date 2026-11-05 --number 12
    """
    from xjj_cli.bulletin.files import BULLETIN_FORMATS, bulletin_folder, parse_date

    settings: Settings = ctx.obj
    formats = BULLETIN_FORMATS if output is BulletinFormat.all else (output.value,)
    issue_date = parse_date(date)
    request = (month or "", *formats, _where(out), str(issue_date), str(number), str(draft))

    def make(options: "LoadOptions") -> "Outcome":
        from xjj_cli.api import bulletin_files

        return bulletin_files(
            settings.data_dir,
            month,
            formats,
            out,
            issue_date,
            overwrite=force,
            draft=draft,
            options=options,
            number=number,
        )

    def place(month: str, name: str) -> Path:
        return bulletin_folder(settings.data_dir, out, month) / name

    _document(ctx, ("bulletin", *request), force, place, make)


def _where(out: Path | None) -> str:
    """Where a document goes, as its memo's request says it: the resolved path, or "" for
    the default place beside the data."""
    return "" if out is None else str(out.resolve())


def _document(
    ctx: typer.Context,
    request: tuple[str, ...],
    force: bool,
    place: Callable[[str, str], Path],
    make: Callable[["LoadOptions"], "Outcome"],
) -> None:
    """A document command: the files the same request made from the same data are written
    again where ``place`` (month, file name) puts them (``memo.DocumentMemo``), else ``make``
    makes them and they are kept."""
    from xjj_cli.memo import DocumentMemo

    settings: Settings = ctx.obj
    options = settings.load_options(ctx)
    memo = DocumentMemo.open(settings.data_dir, options, request)
    if (kept := memo.recall_written()) is not None:
        _write_again(kept, [place(kept.month, name) for name, _ in kept.files], force)
        return
    outcome = make(options)
    _print(outcome)
    memo.keep(_written(outcome))


def _write_again(kept: "Written", targets: list[Path], force: bool) -> None:
    """A remembered document's files written again — through the writer of a fresh run, so
    with its rules — and what a fresh run prints."""
    from xjj_cli.bulletin.files import write_documents

    paths = write_documents(targets, [data for _, data in kept.files], overwrite=force)
    for path in paths:
        typer.echo(str(path))
    if kept.notices:
        say(kept.notices)


def _written(outcome: "Outcome") -> "Written":
    """What a document command wrote, for its memo to keep."""
    from xjj_cli.memo import Written

    files = tuple((p.name, data) for p, data in zip(outcome.paths, outcome.contents, strict=True))
    return Written(outcome.month, files, outcome.notices)


@app.command(cls=_DataCommand)
def notices(
    ctx: typer.Context,
    month: MonthOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="目录",
            help="输出目录；默认为数据仓库下的 reports/YYYY-MM/notices/。",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="成文日期 YYYY-MM-DD，整改报告截止日期从这天起按工作日计算；默认为今天。",
            show_default=False,
        ),
    ] = None,
    number_from: Annotated[
        str | None,
        typer.Option(
            "--number-from",
            metavar="N",
            help="发文字号从 N 号起按名单顺序连续编号（通报用了 12 号，这里写 13）；"
            "不写则文号留空，印发时手写。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="覆盖已存在的同名通知、函和登记表。")
    ] = False,
    draft: DraftOption = False,
) -> None:
    """生成约谈通知和问责函：每个需约谈的单位一份约谈通知，每个需问责的单位一份提请问责的函（DOCX 供印发，Markdown 供审阅），另附约谈问责登记表（xlsx、csv）；原子写入，并列出生成的文件。

    示例：xjj notices --month 2026-10 --date 2026-11-05 --number-from 13
    """
    from xjj_cli.bulletin.files import notices_folder, parse_date, parse_number

    settings: Settings = ctx.obj
    issue_date, first = parse_date(date), parse_number(number_from, "--number-from")
    request = (month or "", _where(out), str(issue_date), str(first), str(draft))

    def make(options: "LoadOptions") -> "Outcome":
        from xjj_cli.api import notices_files

        return notices_files(
            settings.data_dir,
            month,
            out,
            issue_date,
            first,
            overwrite=force,
            draft=draft,
            options=options,
        )

    def place(month: str, name: str) -> Path:
        return notices_folder(settings.data_dir, out, month) / name

    _document(ctx, ("notices", *request), force, place, make)


@app.command(cls=_DataCommand)
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
    _print_month_report(ctx, "warnings", month, output, draft, out, force)


@app.command(cls=_DataCommand)
def board(
    ctx: typer.Context,
    month: MonthOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="文件",
            help="输出文件；默认为数据仓库下的 reports/YYYY-MM/YYYY-MM-挂图作战图.html。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名文件。")] = False,
    draft: DraftOption = False,
) -> None:
    """生成挂图作战图：一个自带全部内容的 HTML 文件（不联网、不引用外部文件），供大屏、手机查看和张贴打印；原子写入，并列出生成的文件。

    示例：xjj board --month 2026-10
    """
    from xjj_cli.bulletin.files import board_target

    settings: Settings = ctx.obj

    def make(options: "LoadOptions") -> "Outcome":
        from xjj_cli.api import board_file

        return board_file(
            settings.data_dir, month, out, overwrite=force, draft=draft, options=options
        )

    def place(month: str, name: str) -> Path:
        return board_target(settings.data_dir, out, month, name)

    _document(ctx, ("board", month or "", _where(out), str(draft)), force, place, make)


@app.command(cls=_DataCommand)
def forms(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            metavar="YYYY-MM",
            help="要收集数据的月份 YYYY-MM；默认为最近一个可出报告的月份的下一个月。",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="目录",
            help="输出目录；默认为数据仓库下的 reports/YYYY-MM/forms/。",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的同名填报表。")] = False,
) -> None:
    """生成本月的 Excel 填报表（.xlsx，Excel 和 WPS 都能打开）：每个镇街一份月度数据表，每个有在建项目的单位一份项目进度表；名称、目标和上月数据已预填并锁定，只需填浅黄色单元格。原子写入，并列出生成的文件。

    示例：xjj forms --month 2026-11
    """
    from xjj_cli.api import forms_files

    settings: Settings = ctx.obj
    outcome = forms_files(
        settings.data_dir, month, out, overwrite=force, options=settings.load_options(ctx)
    )
    _print(outcome)


@app.command(name="import", cls=_DataCommand)
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        # Described in the docstring: typer would list it with its type's English name.
        typer.Argument(metavar="文件…", hidden=True, show_default=False),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="只列出将要做的改动，不写入任何文件。")
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="表中的数字与数据仓库中已有的不同时，以表中的为准覆盖。"),
    ] = False,
) -> None:
    """把镇街和项目责任单位填好的表格（xjj forms 生成的 .xlsx）导入数据仓库：先列出每处改动（文件：原值 → 新值），检查通过后全部写入；有任何错误则一个文件也不写。

    文件：一个或多个填好的 .xlsx 表格，顺序不限。

    示例：xjj import 收表/2026-11-*.xlsx --dry-run
    """
    from xjj_cli.api import import_files

    settings: Settings = ctx.obj
    outcome = import_files(
        settings.data_dir, files, dry_run=dry_run, force=force, options=settings.load_options(ctx)
    )
    for warning in outcome.warnings:
        say(warning)
    for change in outcome.changes:
        typer.echo(change)
    say(outcome.summary)


def _print_month_report(
    ctx: typer.Context,
    name: str,
    month: str | None,
    output: ReportFormat,
    draft: bool,
    out: Path | None,
    force: bool,
) -> None:
    from xjj_cli.memo import Printed, ReportMemo

    _check_workbook(ctx, output, out)
    settings: Settings = ctx.obj
    options = settings.load_options(ctx)
    memo = None
    if output is not ReportFormat.xlsx:  # a text report: remembered by its data
        # a coloured table also depends on what the terminal says it can show
        shown = (str(_color()), os.environ.get("TERM", ""), os.environ.get("NO_COLOR", ""))
        request = (name, month or "", output.value, *shown, str(draft))
        memo = ReportMemo.open(settings.data_dir, options, request)
        if (kept := memo.recall()) is not None:
            typer.echo(kept.text, nl=False)
            if kept.notices:
                say(kept.notices)
            return

    from xjj_cli.api import month_report

    outcome = month_report(
        name,
        settings.data_dir,
        month,
        output,
        color=_color(),
        draft=draft,
        options=options,
        out=out,
        overwrite=force,
    )
    _print(outcome)
    if memo is not None:
        memo.keep(Printed(outcome.text, outcome.notices))


def _print(outcome: "Outcome") -> None:
    """A report's text, or the files it wrote (one a line); 催报 and remarks on stderr."""
    typer.echo(outcome.text, nl=False)
    for path in outcome.paths:
        typer.echo(str(path))
    _remind(outcome)


def _remind(outcome: "Outcome") -> None:
    """催报 (SPEC §3.5) and a later month still pending: on stderr, never on stdout."""
    if outcome.notices:
        say(outcome.notices)


def _color() -> bool:
    return sys.stdout.isatty()


@app.command(cls=_DataCommand)
def status(
    ctx: typer.Context,
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            metavar="YYYY-MM",
            help="月份 YYYY-MM；默认为有镇街月度数据的最近一个月（报齐与否都可以查）。",
            show_default=False,
        ),
    ] = None,
    output: Annotated[StatusFormat, TableJsonFormat] = StatusFormat.table,
) -> None:
    """报送情况和催报名单：哪些镇街已报、未报月度数据，哪些项目已报、未报本月进度（及其责任单位），该月能否出正式报告。有人未报不算错误，退出码仍为 0。

    示例：xjj status --month 2026-11
    """
    from xjj_cli.api import status_report

    settings: Settings = ctx.obj
    outcome = status_report(
        settings.data_dir, month, output, color=_color(), options=settings.load_options(ctx)
    )
    typer.echo(outcome.text, nl=False)


@app.command(cls=_DataCommand)
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
    from xjj_cli.api import problems_report
    from xjj_cli.engine.ledger import LedgerFilter
    from xjj_cli.messages import ledger_word

    if open_only and overdue_only:
        raise ClickUsageError(ledger_word("open_and_overdue"), ctx)
    _check_workbook(ctx, output, out)
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
        color=_color(),
        options=settings.load_options(ctx),
        out=out,
        overwrite=force,
    )
    _print(outcome)


@app.command(cls=_DataCommand)
def history(
    ctx: typer.Context,
    unit: Annotated[
        str,
        # Described in the docstring: typer would list it with its type's English name.
        typer.Argument(metavar="单位", hidden=True, show_default=False),
    ],
    output: Annotated[HistoryFormat, TableJsonFormat] = HistoryFormat.table,
) -> None:
    """一个单位的逐月情况：每个可出报告的月份（由早到晚）的排名或按期推进率、镇街和项目颜色、被约谈问责的依据和措施，以及截至最近一个可出报告月份月底仍未解决的问题。

    单位写单位代码：镇街（如 cg）、区直部门或企业（如 qzj），见 towns/towns.csv、units/units.csv。

    示例：xjj history cg --format json
    """
    from xjj_cli.api import history_report

    settings: Settings = ctx.obj
    outcome = history_report(
        settings.data_dir, unit, output, color=_color(), options=settings.load_options(ctx)
    )
    _print(outcome)


@app.command(cls=_Command)
def init(
    directory: Annotated[
        Path,
        # Described in the docstring: typer would list it with its type's English name.
        typer.Argument(metavar="目录", hidden=True, show_default=False),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="来源",
            help="检查流程（GitHub Actions）安装 xjj 的来源，必须固定版本："
            "xjj-cli==版本号、带完整提交号的 git 地址（git+https://…@提交号）、"
            "带 #sha256= 的安装包地址，或本机的 xjj_cli-….whl 文件（复制进新仓库）。"
            "默认：当前 xjj 的确切版本。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """以内置示例区为模板新建一个数据仓库（含 GitHub Actions 检查流程和填报说明），不会覆盖已有文件。

    目录：新数据仓库的目录，必须不存在或为空。

    示例：xjj init 我区新基建数据 --source "git+https://git.example.cn/xjb/xjj.git@<40位提交号>"
    """
    from xjj_cli.messages import init_message
    from xjj_cli.scaffold import create_repository

    created = create_repository(directory, source)
    say(init_message("created", directory=directory, count=len(created.files)))
    say(init_message("installs", requirement=created.requirement))
    say(init_message("next", directory=directory))


def main() -> None:
    """Console entry point: run the app; an unexpected failure is reported, not dumped."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt as exc:
        from xjj_cli.messages import cli_message

        say(cli_message("interrupted"))
        sys.exit(exit_code(exc))
    except Exception as exc:  # the last line of defence against a traceback
        if os.environ.get("XJJ_DEBUG"):
            raise
        from xjj_cli.messages import cli_message

        say(cli_message("internal", kind=type(exc).__name__, detail=exc))
        sys.exit(exit_code(exc))
