"""Build the month's notices from its evaluation: one per unit whose action is 约谈 or 问责."""

from __future__ import annotations

import datetime as dt

from xjj_cli.chinese import document_number
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import Action
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.notices.model import Notice, NoticeKind, NoticeSet
from xjj_cli.notices.schedule import Meeting, meeting_for
from xjj_cli.wording.findings import brief, evidence_text, ordered_reasons, summary
from xjj_cli.workdays import add_working_days

KINDS = {Action.interview: NoticeKind.interview, Action.accountability: NoticeKind.accountability}
"""The actions that call for a notice, and the notice each calls for."""


def build_notices(
    ev: MonthEvaluation,
    fp: Fingerprint,
    issue_date: dt.date,
    number_from: int | None = None,
    given: Meeting | None = None,
) -> NoticeSet:
    """The notices of ``ev.month`` dated ``issue_date``, in the roster's order (the order of
    ``ev.findings``: strongest action first, then by unit code), numbered ``number_from``
    onwards when given; each 约谈 at the time and place ``given`` (--at/--place), else as
    interviews/M.yaml says (``schedule.meeting_for``)."""
    district = ev.data.district
    assert district is not None
    paper = district.paper
    due = add_working_days(issue_date, paper.rectify_working_days)
    called = [f for f in ev.findings if f.action in KINDS]
    interviews = ev.data.interviews.get(ev.month)
    notices = []
    for index, finding in enumerate(called):
        number = None if number_from is None else number_from + index
        held = KINDS[finding.action] is NoticeKind.interview
        meeting = meeting_for(finding.unit, interviews, given) if held else None
        notices.append(
            Notice(
                kind=KINDS[finding.action],
                unit=finding.unit,
                name=finding.name,
                unit_kind=finding.kind,
                number=number,
                document_number=document_number(paper.prefix, issue_date.year, number),
                summary=brief(finding),
                reasons=summary(finding),
                evidence=tuple(
                    evidence_text(b)
                    for b in ordered_reasons(finding)
                    if b.action >= Action.interview
                ),
                due=due.due,
                due_estimated=due.estimated,
                at=meeting.at if meeting else None,
                place=meeting.place if meeting else None,
            )
        )
    return NoticeSet(
        month=ev.month,
        district=district.district,
        office=district.office,
        paper=paper,
        issue_date=issue_date,
        notices=tuple(notices),
        data_hash=fp.content_hash,
        data_commit=fp.commit,
        data_dirty=fp.dirty,
    )
