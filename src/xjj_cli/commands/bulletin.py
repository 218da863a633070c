"""``xjj bulletin``: the monthly bulletin (月度通报, SPEC §5) as Markdown, HTML, DOCX and PDF."""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import DraftOption, MonthOption, Settings, document, where
from xjj_cli.options import BulletinFormat

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.load.reader import LoadOptions


def bulletin(
    ctx: typer.Context,
    month: MonthOption = None,
    output: Annotated[
        BulletinFormat,
        typer.Option(
            "--format",
            "-f",
            help="md 供审阅，html 供屏幕和打印，docx 供 Word/WPS 编辑印发，pdf 由 LibreOffice "
            "按 docx 排版（本机没有方正小标宋、仿宋_GB2312、楷体_GB2312 时改用字形相近的免费字体）；"
            "all 生成 md、html、docx，装有 LibreOffice 时再生成 pdf（没有则不生成 pdf，不报错）。",
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
    """生成月度通报（Markdown、HTML、DOCX，装有 LibreOffice 时还有 PDF），原子写入，并列出生成的文件。

    示例：xjj bulletin --month 2026-10 --format docx --date 2026-11-05 --number 12
    """
    from xjj_cli.bulletin.files import BULLETIN_FORMATS, parse_date
    from xjj_cli.paths import bulletin_folder
    from xjj_cli.render.pdf import office_program, require_office

    settings: Settings = ctx.obj
    if output is BulletinFormat.pdf:
        require_office()  # before anything is read or written
    formats: tuple[str, ...] = (output.value,)
    if output is BulletinFormat.all:  # the PDF too where LibreOffice can make it
        formats = (*BULLETIN_FORMATS, "pdf") if office_program() else BULLETIN_FORMATS
    issue_date = parse_date(date)
    request = (month or "", *formats, where(out), str(issue_date), str(number), str(draft))

    def make(options: "LoadOptions") -> "Outcome":
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

    document(ctx, ("bulletin", *request), force, place, make)


def bulletin_files(
    data_dir: Path,
    month: str | None,
    formats: Sequence[str],
    out: Path | None,
    issue_date: dt.date,
    *,
    overwrite: bool = False,
    draft: bool = False,
    options: "LoadOptions | None" = None,
    number: int | None = None,
) -> "Outcome":
    """Render the month's bulletin in ``formats`` and write each file atomically; a draft's
    files say 征求意见稿 in their names, at their top and (DOCX, PDF) on every page. ``number``
    is the 发文字号's number (任新基建办〔2026〕12号); without it the number is left blank. The
    PDF is the DOCX laid out by LibreOffice (``render.pdf``): all files or none are written."""
    from xjj_cli.bulletin.build import build_bulletin
    from xjj_cli.bulletin.files import refuse_any_existing, write_documents
    from xjj_cli.commands.core import draft_line, outcome_of
    from xjj_cli.engine.results import Action
    from xjj_cli.load.fingerprint import fingerprint
    from xjj_cli.messages.cli import cli_message
    from xjj_cli.notices.fields import require
    from xjj_cli.paths import bulletin_folder, bulletin_targets, templates_beside
    from xjj_cli.pipeline import run_month
    from xjj_cli.render.blocks import parse
    from xjj_cli.render.bulletin import render_markdown

    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    district = evaluation.data.district
    assert district is not None  # a valid repository has one
    if number is not None:
        require(district.document, "prefix", option="--number")
    if any(f.action is Action.accountability for f in evaluation.findings):
        require(district.document, "accountability_to", document=cli_message("document.bulletin"))
    note = draft_line(evaluation)
    bulletin = build_bulletin(evaluation, fingerprint(data_dir, run.listed), issue_date, number)
    override = templates_beside(data_dir)
    markdown = render_markdown(bulletin, evaluation.data.rules, override, draft=note)
    folder = bulletin_folder(data_dir, out, evaluation.month)
    targets = bulletin_targets(folder, evaluation.month, formats, draft=note is not None)
    refuse_any_existing(targets, overwrite=overwrite)  # before rendering the other formats
    made = {"md": markdown.encode("utf-8")}
    # HTML and DOCX share one parse of the Markdown (reading its tokens changes none of them)
    wanted = set(formats)
    tokens = parse(markdown) if "html" in wanted and wanted & {"docx", "pdf"} else None
    if wanted & {"docx", "pdf"}:
        from xjj_cli.render.docx import render_docx

        made["docx"] = render_docx(markdown, override, draft=note is not None, tokens=tokens)
    if "pdf" in wanted:
        from xjj_cli.render.pdf import render_pdf, require_office

        made["pdf"] = render_pdf(made["docx"], require_office())
    if "html" in formats:
        from xjj_cli.render.html import render_html

        page = render_html(bulletin, markdown, override, draft=note, tokens=tokens)
        made["html"] = page.encode("utf-8")
    rendered = [made[fmt] for fmt in formats]
    paths = write_documents(targets, rendered, overwrite=overwrite)
    return outcome_of(run, paths=paths, contents=rendered)
