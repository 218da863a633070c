"""The command line: ``xjj``'s own options, its commands by name, and the one table of exit
codes.

``xjj`` parses its own options (``--data``, ``-q``, ``--no-cache``), finds the command in the
table of ``commands`` (as pip's lazy command table) and imports that command's module only
then; the command parses its options, calls one core function and prints what it returns.
Every exit code is decided by :func:`exit_code` (its docstring is the table); errors are told
in Chinese on stderr by ``Commands`` and :func:`main`. Results go to stdout, messages and
progress to stderr.
"""

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.core import ParameterSource
from typer._click.exceptions import ClickException, NoArgsIsHelpError
from typer._click.exceptions import UsageError as ClickUsageError
from typer._click.formatting import HelpFormatter
from typer.main import get_command_from_info
from typer.models import CommandInfo

from xjj_cli import __version__, i18n
from xjj_cli.commands import COMMANDS
from xjj_cli.commands.common import GLOBAL_OPTIONS, Settings, say
from xjj_cli.errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_OK, XjjError


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


class DataCommand(i18n.ChineseCommand):
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


class Commands(i18n.ChineseGroup):
    """xjj's commands, each made from its module when first asked for (``commands.COMMANDS``);
    the one place where an error becomes a message and an exit code."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)  # keep the order of the SPEC, not alphabetical

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        """The command ``cmd_name``, its module imported now; None for a name not in the table."""
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = self._command(cmd_name)
        return self.commands.get(cmd_name)

    def _command(self, name: str) -> Any:
        entry = COMMANDS[name]
        info = CommandInfo(
            name=name,
            cls=DataCommand if entry.reads_data else i18n.ChineseCommand,
            callback=entry.load(),
        )
        command = get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)
        if entry.reads_data:  # the global options, defined once on the root callback
            command.params.extend(p for p in self.params if p.name in GLOBAL_OPTIONS)
        return command

    def format_commands(self, ctx: typer.Context, formatter: HelpFormatter) -> None:  # type: ignore[override]
        """The commands and their whole summaries, from the table: listing them imports none.

        Not click's ``make_default_short_help``: it shortens at a space, and a Chinese
        summary has none, so a summary longer than a line became a bare "...".
        """
        rows = [(name, entry.summary) for name, entry in COMMANDS.items()]
        with formatter.section(i18n._("Commands")):
            if isinstance(formatter, i18n.ChineseHelpFormatter):
                formatter.write_sentences(rows)
            else:  # pragma: no cover - every context of xjj's makes the Chinese formatter
                formatter.write_dl(rows)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except XjjError as exc:
            from xjj_cli.messages.cli import cli_message  # only on this path: --help stays quick

            say(cli_message("error", message=exc))
            raise typer.Exit(exit_code(exc)) from exc

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Run; a usage error is told in Chinese on stderr and ends with exit code 2."""
        i18n.install()
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except typer.Abort as exc:
            from xjj_cli.messages.cli import cli_message

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
            from xjj_cli.messages.cli import cli_message

            if isinstance(exc, ClickUsageError):
                say(cli_message("usage.error", message=i18n.usage_error(exc)))
            else:
                say(cli_message("error", message=exc.format_message()))
            sys.exit(exit_code(exc))
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else exit_code(None))


app = typer.Typer(
    cls=Commands,
    name="xjj",
    help="xjj（新基建）：区新基建指挥部办公室的数据检查、排名、三色管理、约谈问责与月度通报工具。",
    no_args_is_help=True,
    add_completion=False,
    suggest_commands=False,  # click suggests in English; ChineseGroup.resolve_command does it
    rich_markup_mode=None,  # plain help: rendering it with rich costs more than the rest of --help
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


def main() -> None:
    """Console entry point: run the app; an unexpected failure is reported, not dumped."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt as exc:
        from xjj_cli.messages.cli import cli_message

        say(cli_message("interrupted"))
        sys.exit(exit_code(exc))
    except Exception as exc:  # the last line of defence against a traceback
        if os.environ.get("XJJ_DEBUG"):
            raise
        from xjj_cli.messages.cli import cli_message

        say(cli_message("internal", kind=type(exc).__name__, detail=exc))
        sys.exit(exit_code(exc))
