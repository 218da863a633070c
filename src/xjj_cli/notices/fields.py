"""The ``document:`` fields of district.yaml a document cannot be made without (SPEC §6): a
missing one is a usage error naming it as ``document.<field>``, raised before anything is
written — never a blank or a word left out in silence."""

from __future__ import annotations

from typing import Any, Literal

from xjj_cli.errors import UsageError
from xjj_cli.messages.cli import cli_message
from xjj_cli.model import Document
from xjj_cli.notices.model import NoticeKind, NoticeSet

NeededField = Literal["prefix", "interview_by", "contact", "accountability_to"]
"""The fields of ``document:`` that some document requires."""


def require(document: Document, field: NeededField, /, **params: Any) -> None:
    """Raise ``UsageError`` naming ``document.<field>`` when ``district.yaml`` lacks it."""
    if getattr(document, field) is None:
        raise UsageError(cli_message(f"document.{field}", **params))


def require_for_notices(document: Document, notices: NoticeSet) -> None:
    """What the month's notices need: a contact on every notice, who presides over a 约谈,
    and to whom a 问责函 proposes 问责."""
    kinds = {notice.kind for notice in notices.notices}
    if not kinds:
        return
    if NoticeKind.interview in kinds:
        require(document, "interview_by")
    if NoticeKind.accountability in kinds:
        require(document, "accountability_to", document=cli_message("document.letter"))
    require(document, "contact")
