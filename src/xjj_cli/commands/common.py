"""What xjj's commands share on the command line's side: the options of ``xjj`` itself
(``Settings``), the options several commands take (each defined once), printing what a core
returns, and the two ways a command's result is remembered by its data (``memo``): a month's
report (its text) and a document (its files).

``cli.py`` imports this module to show ``xjj --help``, so it imports only the command-line
library: the memo and the cores are imported when a command runs — and on a remembered
result, the engine never is.
"""

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer._click.exceptions import UsageError as ClickUsageError

from xjj_cli.options import ReportFormat

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.load.scan import LoadOptions

GLOBAL_OPTIONS = ("data", "quiet", "no_cache")
"""The options of ``xjj`` itself that every command reading data also takes after its name."""


def say(message: str) -> None:
    """A message for people on stderr (results go to stdout)."""
    typer.echo(message, err=True)


def color() -> bool:
    """Whether a table may be coloured: stdout is a terminal."""
    return sys.stdout.isatty()


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
        from xjj_cli.messages.cli import cli_message

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


def checked_month(value: str | None) -> str | None:
    """``--month`` as the command line parses it, before any file is read: a value that is
    not a month (``YYYY-MM``) is a usage error (exit 2), whatever the data folder holds."""
    if value is None:
        return None
    from xjj_cli.months import parse_month

    return parse_month(value)


MonthOption = Annotated[
    str | None,
    typer.Option(
        "--month",
        "-m",
        metavar="YYYY-MM",
        help="月份 YYYY-MM；默认为最近一个可出报告的月份（全部镇街已报齐）。",
        show_default=False,
        callback=checked_month,
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


def check_workbook(ctx: typer.Context, output: ReportFormat, out: Path | None) -> None:
    """``--format xlsx`` writes the file ``--out`` names, and ``--out`` is only for it."""
    from xjj_cli.messages.cli import cli_message

    if output is ReportFormat.xlsx and out is None:
        raise ClickUsageError(cli_message("xlsx.no_out"), ctx)
    if output is not ReportFormat.xlsx and out is not None:
        raise ClickUsageError(cli_message("xlsx.out_only"), ctx)
    if out is not None and out.suffix.lower() != ".xlsx":
        raise ClickUsageError(cli_message("xlsx.suffix", path=out), ctx)
    if out is not None and out.is_dir():
        raise ClickUsageError(cli_message("xlsx.folder", path=out), ctx)


def print_outcome(outcome: "Outcome") -> None:
    """A report's text, or the files it wrote (one a line); 催报 and remarks on stderr."""
    typer.echo(outcome.text, nl=False)
    for path in outcome.paths:
        typer.echo(str(path))
    if outcome.notices:  # 催报 (SPEC §3.5), a later month still pending: never on stdout
        say(outcome.notices)


def print_month_report(
    ctx: typer.Context,
    name: str,
    month: str | None,
    output: ReportFormat,
    draft: bool,
    out: Path | None,
    force: bool,
) -> None:
    """The month's report ``name`` (``core.MONTH_REPORTS``): as text, given back from the
    memo when the same request was made on the same data; else made, printed and kept."""
    from xjj_cli.memo import Printed, ReportMemo

    check_workbook(ctx, output, out)
    settings: Settings = ctx.obj
    options = settings.load_options(ctx)
    memo = None
    if output is not ReportFormat.xlsx:  # a text report: remembered by its data
        # a coloured table also depends on what the terminal says it can show
        shown = (str(color()), os.environ.get("TERM", ""), os.environ.get("NO_COLOR", ""))
        request = (name, month or "", output.value, *shown, str(draft))
        memo = ReportMemo.open(settings.data_dir, options, request)
        if (kept := memo.recall()) is not None:
            typer.echo(kept.text, nl=False)
            if kept.notices:
                say(kept.notices)
            return

    from xjj_cli.commands import core

    outcome = core.month_report(
        name,
        settings.data_dir,
        month,
        output,
        color=color(),
        draft=draft,
        options=options,
        out=out,
        overwrite=force,
    )
    print_outcome(outcome)
    if memo is not None:
        memo.keep(Printed(outcome.text, outcome.notices))


def where(out: Path | None) -> str:
    """Where a document goes, as its memo's request says it: the resolved path, or "" for
    the default place beside the data."""
    return "" if out is None else str(out.resolve())


def document(
    ctx: typer.Context,
    request: tuple[str, ...],
    force: bool,
    place: Callable[[str, str], Path],
    make: Callable[["LoadOptions"], "Outcome"],
) -> None:
    """A document command: the files the same request made from the same data are written
    again where ``place`` (month, file name) puts them (``memo.DocumentMemo``), else ``make``
    makes them and they are kept."""
    from xjj_cli.memo import DocumentMemo, Written, write_again

    settings: Settings = ctx.obj
    options = settings.load_options(ctx)
    memo = DocumentMemo.open(settings.data_dir, options, request)
    if (kept := memo.recall_written()) is not None:
        for path in write_again(kept, place, overwrite=force):
            typer.echo(str(path))
        if kept.notices:
            say(kept.notices)
        return
    outcome = make(options)
    print_outcome(outcome)
    memo.keep(Written.of(outcome.month, outcome.paths, outcome.contents, outcome.notices))
