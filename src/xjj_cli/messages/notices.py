"""Notices (SPEC §6): the files, the register and what ``xjj notices`` says."""

from __future__ import annotations

from typing import Any

from xjj_cli.messages.formats import fill
from xjj_cli.messages.reports import DRAFT_MARK

NOTICE_FILE_KINDS = {"interview": "约谈通知", "accountability": "问责函"}
"""The kind of a notice in its file name: 2026-10-约谈通知-安居街道.docx."""

REGISTER_SHEET = "登记表"
"""The register workbook's sheet."""
REGISTER_DATE_FORMAT = 'yyyy"年"m"月"d"日"'
"""How the register workbook shows its date cells: 2026年11月5日 (each cell holds a date)."""

NOTICE_MESSAGES: dict[str, str] = {
    "none": "{month}没有需约谈或问责的单位，未生成约谈通知、问责函和登记表。",
    "estimated": "注意：整改报告截止日期{due}是按周一至周五推算的：chinese-calendar 还没有"
    "{year}年的放假安排（国务院办公厅通常在上一年年底公布）。请对照公布的放假安排核对后再印发；"
    "登记表的备注中已注明。",
    "estimated_note": "按周一至周五推算（尚无{year}年放假安排），请核对",
    "register_later": "另行通知",
}


def notice_message(key: str, /, **params: Any) -> str:
    """A sentence of ``xjj notices`` (on stderr, or a register's note), filled with ``params``."""
    return fill(NOTICE_MESSAGES[key], **params)


def notice_stem(month: str, kind: str, name: str, *, draft: bool) -> str:
    """A notice file's name without suffix: 2026-10-约谈通知-安居街道(-征求意见稿)."""
    return f"{month}-{NOTICE_FILE_KINDS[kind]}-{name}" + (f"-{DRAFT_MARK}" if draft else "")


def register_stem(month: str, *, draft: bool) -> str:
    """The register files' name without suffix: 2026-10-约谈问责登记表(-征求意见稿)."""
    return f"{month}-约谈问责登记表" + (f"-{DRAFT_MARK}" if draft else "")
