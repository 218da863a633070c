"""The checks of interviews/YYYY-MM.yaml (SPEC §2, §6): each unit named is known, every 约谈
comes after the month it is about, time and place are given together, and a time outside
working hours or on a day off is a warning (it may be right, but it looks like a slip)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.validation import check_word
from xjj_cli.model import DATE_TIME_FORMAT, Interviews
from xjj_cli.months import add_months
from xjj_cli.repository import Repository, Sourced
from xjj_cli.validate.references import Where, check_ref
from xjj_cli.workdays import is_working_day

WORK_STARTS = dt.time(8, 0)
"""The earliest time an interview is expected to be held."""
WORK_ENDS = dt.time(18, 0)
"""An interview at this time or later is outside working hours."""


def check_interviews(repo: Repository) -> None:
    """Check every month's interviews/YYYY-MM.yaml."""
    for month, sourced in repo.interviews.items():
        _check_file(repo, month, sourced)


def _check_file(repo: Repository, month: str, sourced: Sourced[Interviews]) -> None:
    record = sourced.record
    if (record.at is None) != (record.place is None):
        given, missing = ("at", "place") if record.place is None else ("place", "at")
        repo.log.error(
            sourced.at(given, key=True),
            "interview.pair",
            given=check_word(f"interview.{given}"),
            missing=check_word(f"interview.{missing}"),
        )
    if record.at is not None:
        _check_time(repo, month, partial(sourced.at, "at"), record.at, "")
    for code, appointment in record.units.items():
        check_ref(
            repo,
            partial(sourced.at, "units", code, key=True),
            code,
            ("unit", "town"),
            "interviewed_unit",
        )
        _check_time(repo, month, partial(sourced.at, "units", code, "at"), appointment.at, code)


def _check_time(repo: Repository, month: str, where: Where, at: dt.datetime, about: str) -> None:
    shown = at.strftime(DATE_TIME_FORMAT)
    first = dt.date.fromisoformat(add_months(month, 1) + "-01")
    if at.date() < first:
        repo.log.error(
            where(),
            "interview.too_early",
            at=shown,
            month=cn_month(month),
            first=first.isoformat(),
        )
        return
    if not WORK_STARTS <= at.time() < WORK_ENDS:
        repo.log.warning(where(), "interview.hours", about=about or "at", at=shown)
    working, estimated = is_working_day(at.date())
    if not working:
        note = check_word("interview.estimated", year=at.year) if estimated else ""
        repo.log.warning(
            where(), "interview.holiday", about=about or "at", at=shown, estimated=note
        )
