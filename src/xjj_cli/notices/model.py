"""The notices of a month as plain typed values: who gets which notice, its number, its
reasons and evidence in words, and its 整改报告's due date — decided once, so that each
notice's Markdown, its DOCX and the register say the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from xjj_cli.model import Document


class NoticeKind(StrEnum):
    """The two notices of SPEC §6, by the stable keys of the register's CSV."""

    interview = "interview"  # 约谈: 《关于对××进行约谈的通知》, to the unit
    # 问责: 《关于提请对××进行问责的函》, to document.accountability_to, copied to the unit
    accountability = "accountability"


@dataclass(frozen=True)
class Notice:
    """One unit's notice."""

    kind: NoticeKind
    unit: str
    name: str
    unit_kind: str
    # The N of the 发文字号, from --number-from; None: left blank to fill in by hand.
    number: int | None
    # The 发文字号 as printed: 任新基建办〔2026〕13号, the number blank without --number-from,
    # empty without a prefix.
    document_number: str
    # The unit's reasons in one plain sentence (wording.findings.brief: the figures are the
    # evidence's).
    summary: str
    # The reasons with their facts in one line (wording.findings.summary): the register's.
    reasons: str
    # One line per reason that calls for 约谈 or 问责, in the summary's order, its figures month
    # by month and no internal code (wording.findings.evidence_text, 附件5's lines).
    evidence: tuple[str, ...]
    # The 整改报告's due date: rectify_working_days working days after the notice's date.
    due: dt.date
    # True when due was counted Monday to Friday in a year the official calendar does not
    # cover yet (see workdays): the register notes it and the command warns.
    due_estimated: bool
    # When and where the 约谈 is held (notices.schedule); None for a 问责函, and for a 约谈
    # whose time and place will be given later (具体时间、地点另行通知).
    at: dt.datetime | None = None
    place: str | None = None


@dataclass(frozen=True)
class NoticeSet:
    """The month's notices, in the roster's order, and what every one of them carries."""

    month: str
    district: str
    office: str
    paper: Document
    """``document:`` of district.yaml with its defaults filled in (``District.paper``)."""
    issue_date: dt.date
    notices: tuple[Notice, ...]
    data_hash: str
    data_commit: str | None = None
    data_dirty: bool = False

    @property
    def estimated(self) -> tuple[Notice, ...]:
        """The notices whose due date is an estimate (a year without an official schedule)."""
        return tuple(n for n in self.notices if n.due_estimated)
