"""``xjj forms``: the month's fill-in workbooks (SPEC §8), one per town and one per owner of
projects expected to report."""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import Settings, checked_month, print_outcome

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.load.reader import LoadOptions


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
            callback=checked_month,
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
    settings: Settings = ctx.obj
    outcome = forms_files(
        settings.data_dir, month, out, overwrite=force, options=settings.load_options(ctx)
    )
    print_outcome(outcome)


def forms_files(
    data_dir: Path,
    month: str | None,
    out: Path | None,
    *,
    overwrite: bool = False,
    options: "LoadOptions | None" = None,
) -> "Outcome":
    """Write the month's fill-in workbooks (SPEC §8): one per town, one per owner of
    projects expected to report, one per other unit answering for an unfinished city key
    task or an open ledger problem; nothing is written when any of them exists, unless
    ``overwrite``. ``month`` defaults to the month being collected — the one after the
    latest reportable month — and may be any month from the data's first on: forms are made
    before a month is reportable, so the reportable-month refusal does not apply."""
    from xjj_cli.commands.core import Outcome
    from xjj_cli.forms.batch import books_bytes
    from xjj_cli.forms.office import office_book
    from xjj_cli.forms.signature import form_key
    from xjj_cli.forms.units import owner_books, unit_books
    from xjj_cli.forms.write import office_of, town_books
    from xjj_cli.messages.formats import cn_month
    from xjj_cli.messages.forms import form_key_message, form_message
    from xjj_cli.output import refuse_existing, write_atomic
    from xjj_cli.paths import forms_folder, safe_file_name
    from xjj_cli.pipeline import load_valid

    repo = load_valid(data_dir, options)
    chosen = forms_month(repo.months, repo.reportable_months, month)
    towns = town_books(repo, chosen)
    owners = owner_books(repo, chosen)
    units = unit_books(repo, chosen, {book.unit for book in owners})
    office = office_of(repo)
    key = form_key(data_dir)
    folder = forms_folder(data_dir, out, chosen)
    office_form = office_book(repo, chosen)
    books = [*towns, *owners, *units, office_form]
    targets = [folder / safe_file_name(book.file_name) for book in books]
    if not overwrite:  # refuse before writing anything, so a refusal never leaves half a set
        for target in targets:
            refuse_existing(target)
    made = books_bytes(books, office, key)  # on every core when there are many
    try:
        paths = [
            write_atomic(target, data, overwrite=overwrite)
            for target, data in zip(targets, made, strict=True)
        ]
    finally:  # a refused write stops the workers
        made.close()
    remarks = [
        form_message("written", month=cn_month(chosen), towns=len(towns), owners=len(owners))
    ]
    if not owners:
        remarks.append(form_message("no_owner_forms", month=cn_month(chosen)))
    if units:
        remarks.append(form_message("unit_forms", count=len(units)))
    remarks.append(form_message("office_form", name=office_form.file_name))
    if key is not None:
        remarks.append(form_key_message("signed", source=key.source))
    return Outcome(chosen, paths=tuple(paths), remarks=tuple(remarks))


def forms_month(months: Sequence[str], reportable: Sequence[str], month: str | None) -> str:
    """The month to make forms for: ``month`` if given (``YYYY-MM``, checked by the command
    line; not before the first month with town figures), else the month after the latest
    reportable one — or, while none is reportable, the first month with figures."""
    from xjj_cli.errors import DataError, UsageError
    from xjj_cli.messages.formats import cn_month
    from xjj_cli.messages.forms import form_message
    from xjj_cli.months import add_months

    if not months:
        raise DataError(form_message("no_figures", month=month or "YYYY-MM"))
    if month is None:
        return add_months(reportable[-1], 1) if reportable else months[0]
    if month < months[0]:
        raise UsageError(form_message("before_first", month=cn_month(month), first=months[0]))
    return month
