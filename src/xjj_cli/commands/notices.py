"""``xjj notices``: one official notice per unit whose action is 约谈 or 问责 (SPEC §6), and
their register."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from xjj_cli.commands.common import DraftOption, MonthOption, Settings, document, where

if TYPE_CHECKING:
    from xjj_cli.commands.core import Outcome
    from xjj_cli.load.reader import LoadOptions
    from xjj_cli.notices.schedule import Meeting


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
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar='"YYYY-MM-DD HH:MM"',
            help='约谈时间，如 "2026-11-12 15:00"，用于本月全部约谈通知（优先于 interviews/ '
            "中的安排）；须与 --place 一起给出。都不给时按 interviews/YYYY-MM.yaml，"
            "那里也没有则通知写“具体时间、地点另行通知”。",
            show_default=False,
        ),
    ] = None,
    place_text: Annotated[
        str | None,
        typer.Option(
            "--place",
            metavar="地点",
            help="约谈地点，如 区政府3号楼302会议室；须与 --at 一起给出。",
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

    示例：xjj notices --month 2026-10 --date 2026-11-05 --number-from 13 --at "2026-11-12 15:00" --place 区政府3号楼302会议室
    """
    from xjj_cli.bulletin.files import parse_date, parse_number
    from xjj_cli.notices.schedule import given_meeting
    from xjj_cli.paths import notices_folder

    settings: Settings = ctx.obj
    issue_date, first = parse_date(date), parse_number(number_from, "--number-from")
    meeting = given_meeting(at, place_text)
    held = (str(meeting.at), meeting.place) if meeting else ("", "")
    request = (month or "", where(out), str(issue_date), str(first), str(draft), *held)

    def make(options: "LoadOptions") -> "Outcome":
        return notices_files(
            settings.data_dir,
            month,
            out,
            issue_date,
            first,
            overwrite=force,
            draft=draft,
            options=options,
            meeting=meeting,
        )

    def place(month: str, name: str) -> Path:
        return notices_folder(settings.data_dir, out, month) / name

    document(ctx, ("notices", *request), force, place, make)


def notices_files(
    data_dir: Path,
    month: str | None,
    out: Path | None,
    issue_date: dt.date,
    number_from: int | None = None,
    *,
    overwrite: bool = False,
    draft: bool = False,
    options: "LoadOptions | None" = None,
    meeting: "Meeting | None" = None,
) -> "Outcome":
    """Write the month's notices (SPEC §6) — for each unit whose action is 约谈 or 问责, its
    notice as DOCX (for issuing) and Markdown (for review) — and their register (.xlsx and
    .csv), each file atomically; nothing is written when any of them exists, unless
    ``overwrite``. A month without 约谈 or 问责 writes nothing and says so. Each 约谈 is
    held at ``meeting`` (--at/--place) when given, else as interviews/M.yaml says; a
    ``document`` field the notices need and district.yaml lacks, or a 约谈 before
    ``issue_date``, is a usage error raised before anything is written."""
    from xjj_cli.bulletin.files import write_documents
    from xjj_cli.commands.core import draft_line, outcome_of
    from xjj_cli.load.fingerprint import fingerprint
    from xjj_cli.messages.formats import cn_date, cn_month
    from xjj_cli.messages.notices import notice_message, notice_stem, register_stem
    from xjj_cli.notices.build import build_notices
    from xjj_cli.notices.fields import require, require_for_notices
    from xjj_cli.notices.schedule import check_not_before
    from xjj_cli.paths import notices_folder, safe_file_name, templates_beside
    from xjj_cli.pipeline import run_month
    from xjj_cli.render.docx import render_docx
    from xjj_cli.render.notices import render_notices
    from xjj_cli.render.register import register_csv, register_xlsx

    run = run_month(data_dir, month, options, draft=draft)
    evaluation = run.evaluation
    district = evaluation.data.district
    assert district is not None  # a valid repository has one
    if number_from is not None:
        require(district.document, "prefix", option="--number-from")
    note = draft_line(evaluation)
    notices = build_notices(evaluation, fingerprint(data_dir), issue_date, number_from, meeting)
    require_for_notices(district.document, notices)
    check_not_before(notices.notices, issue_date)
    if not notices.notices:
        return outcome_of(run, remarks=[notice_message("none", month=cn_month(evaluation.month))])
    override = templates_beside(data_dir)
    folder = notices_folder(data_dir, out, evaluation.month)
    files: list[tuple[Path, bytes]] = []
    rendered = render_notices(notices, override, draft=note)
    for notice, markdown in zip(notices.notices, rendered, strict=True):
        stem = safe_file_name(
            notice_stem(evaluation.month, notice.kind.value, notice.name, draft=note is not None)
        )
        files.append((folder / f"{stem}.docx", render_docx(markdown, override, draft=bool(note))))
        files.append((folder / f"{stem}.md", markdown.encode("utf-8")))
    stem = register_stem(evaluation.month, draft=note is not None)
    files.append((folder / f"{stem}.xlsx", register_xlsx(notices, note)))
    files.append((folder / f"{stem}.csv", register_csv(notices, note).encode("utf-8")))
    contents = [data for _, data in files]
    # refuses before writing anything, so a refusal never leaves half a set
    paths = write_documents([target for target, _ in files], contents, overwrite=overwrite)
    remarks = []
    if notices.estimated:
        due = notices.estimated[0].due
        remarks.append(notice_message("estimated", due=cn_date(due), year=due.year))
    return outcome_of(run, paths=paths, remarks=remarks, contents=contents)
