"""``xjj import``: filled workbooks read back into the repository (SPEC §8), every change
shown first, all written or none."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import Settings, checked_month, say
from xjj_cli.forms.transaction import one_import_at_a_time

if TYPE_CHECKING:
    from xjj_cli.load.reader import LoadOptions


def import_(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        # Described in the docstring: typer would list it with its type's English name.
        typer.Argument(metavar="文件…", hidden=True, show_default=False),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="只列出将要做的改动，不写入任何文件（上次导入中途被中断的，只提示，由下次正式导入先把它完成或撤销）。",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="表中的数字与数据仓库中已有的不同时，以表中的为准覆盖。"),
    ] = False,
    amend: Annotated[
        str | None,
        typer.Option(
            "--amend",
            metavar="YYYY-MM",
            help="更正已报齐月份的数据：允许导入该月的填报表（与已有数字不同时仍须加 --force）。",
            show_default=False,
            callback=checked_month,
        ),
    ] = None,
) -> None:
    """把镇街和项目责任单位填好的表格（xjj forms 生成的 .xlsx）导入数据仓库：先列出每处改动（文件：原值 → 新值），检查通过后全部写入；有任何错误则一个文件也不写。

    文件：一个或多个填好的 .xlsx 表格，顺序不限。

    示例：xjj import 收表/2026-11-*.xlsx --dry-run
    """
    settings: Settings = ctx.obj
    outcome = import_files(
        settings.data_dir,
        files,
        dry_run=dry_run,
        force=force,
        options=settings.load_options(ctx),
        amend=amend,
    )
    for warning in outcome.warnings:
        say(warning)
    for change in outcome.changes:
        typer.echo(change)
    for line in outcome.units:
        typer.echo(line)
    say(outcome.summary)


@dataclass(frozen=True)
class ImportOutcome:
    """What ``xjj import`` did: the changes (stdout), what was read differently from what was
    typed (stderr), the files written (none on a dry run) and a closing line."""

    changes: tuple[str, ...]
    warnings: tuple[str, ...]
    paths: tuple[Path, ...]
    summary: str
    units: tuple[str, ...] = ()
    """Per form, what its unit filled in and what is still missing (stdout)."""


@one_import_at_a_time
def import_files(
    data_dir: Path,
    files: Sequence[Path],
    *,
    dry_run: bool = False,
    force: bool = False,
    options: "LoadOptions | None" = None,
    today: dt.date | None = None,
    amend: str | None = None,
) -> ImportOutcome:
    """Import filled workbooks (SPEC §8): read and normalise them, plan every change, check
    the repository with the changes on a copy, then write them all — or, on any error or
    conflict (a different value already there, without ``force``), nothing at all."""
    from xjj_cli.errors import DataError
    from xjj_cli.forms.apply import checked_copy, plan_changes
    from xjj_cli.forms.collecting import amend_warnings, plausibility_lines, unit_lines
    from xjj_cli.forms.read import read_forms
    from xjj_cli.forms.signature import form_key
    from xjj_cli.forms.transaction import write_all
    from xjj_cli.messages.forms import import_message
    from xjj_cli.pipeline import load_valid

    repo = load_valid(data_dir, options)
    key = form_key(data_dir)
    reading = read_forms(files, repo, today or dt.date.today(), key, amend)
    errors = list(reading.errors)
    plan = plan_changes(repo, reading.forms, force=force) if not errors else None
    if plan is not None:
        errors.extend(plan.errors)
    if errors or plan is None:
        head = import_message("refused", count=len(errors))
        raise DataError("\n".join([head, *(f"  {e}" for e in errors)]))
    checked = checked_copy(data_dir, plan.files, options) if plan.files else None
    if checked is not None and checked.errors:
        raise DataError("\n".join([import_message("invalid_after"), *checked.errors]))
    warnings = list(reading.warnings)
    if checked is not None:
        warnings += plausibility_lines(checked.warnings, reading.forms)
    if plan.changes and reading.forms:
        warnings += amend_warnings(repo, reading.forms[0].month, amend)
    paths = [] if dry_run else write_all(data_dir, plan.files)
    summary = import_message(
        "summary",
        files=len(reading.forms),
        changes=len(plan.changes),
        warnings=len(warnings),
    )
    if not plan.changes:
        ending = import_message("nothing")
    elif dry_run:
        ending = import_message("dry_run", count=len(plan.changes))
    else:
        ending = import_message("written", count=len(paths))
    return ImportOutcome(
        tuple(plan.changes),
        tuple(warnings),
        tuple(paths),
        f"{summary}\n{ending}",
        tuple(unit_lines(repo, reading.forms)),
    )
