"""When and where each 约谈 is held (SPEC §6): ``--at``/``--place`` for every unit, else the
unit's own entry in interviews/M.yaml, else that file's time and place for all, else none
(the notice then says the time and place will be given later)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from xjj_cli.errors import UsageError
from xjj_cli.messages.cli import cli_message
from xjj_cli.model import DATE_TIME_FORMAT, Interviews
from xjj_cli.notices.model import Notice


@dataclass(frozen=True)
class Meeting:
    """The time and place of one unit's 约谈."""

    at: dt.datetime
    place: str


def given_meeting(at: str | None, place: str | None) -> Meeting | None:
    """The meeting ``--at``/``--place`` give for every unit (None when neither is given);
    a usage error when only one of them is, or ``--at`` is not ``YYYY-MM-DD HH:MM``."""
    if at is None and place is None:
        return None
    if at is None or place is None or not place.strip():
        given = "--at" if at is not None else "--place"
        raise UsageError(cli_message("at.pair", given=given))
    try:
        when = dt.datetime.strptime(at.strip(), DATE_TIME_FORMAT)
    except ValueError as exc:
        raise UsageError(cli_message("at.format", text=at)) from exc
    return Meeting(when, place.strip())


def meeting_for(unit: str, interviews: Interviews | None, given: Meeting | None) -> Meeting | None:
    """``unit``'s meeting: ``given`` (the command line's), else its own entry in the month's
    interviews file, else the file's time and place for all, else None."""
    if given is not None:
        return given
    if interviews is None:
        return None
    own = interviews.units.get(unit)
    if own is not None:
        return Meeting(own.at, own.place)
    if interviews.at is not None and interviews.place is not None:
        return Meeting(interviews.at, interviews.place)
    return None


def check_not_before(notices: Iterable[Notice], issue_date: dt.date) -> None:
    """A usage error naming the first notice whose 约谈 is held before the notice's date."""
    for notice in notices:
        if notice.at is not None and notice.at.date() < issue_date:
            raise UsageError(
                cli_message(
                    "at.before",
                    name=notice.name,
                    at=notice.at.strftime(DATE_TIME_FORMAT),
                    date=issue_date.isoformat(),
                )
            )
