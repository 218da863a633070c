"""Working days on the official Chinese calendar (SPEC §6).

A notice's 整改报告 is due a number of working days after the notice's date. Working days
are those of the State Council's yearly holiday schedule — weekends and public holidays off,
调休 weekends on — read from the maintained ``chinese_calendar`` library, never from a
holiday list written here. The State Council publishes a year's schedule late in the year
before; for a year the library does not cover yet, Monday to Friday count and the result
says it is an estimate, so the caller can warn (never silently).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import chinese_calendar

_SATURDAY = 5


@dataclass(frozen=True, slots=True)
class WorkdayResult:
    """The due date, and whether it rests on an estimate for a year without a schedule."""

    due: dt.date
    estimated: bool
    """True when a day counted lies in a year the official calendar does not cover yet,
    where Monday to Friday were counted instead."""


def is_working_day(day: dt.date) -> tuple[bool, bool]:
    """Whether ``day`` is a working day, and whether that is an estimate (Monday to Friday)."""
    try:
        return bool(chinese_calendar.is_workday(day)), False
    except NotImplementedError:
        return day.weekday() < _SATURDAY, True


def add_working_days(start: dt.date, n: int) -> WorkdayResult:
    """The ``n``-th working day after ``start`` (``start`` itself never counts; 0 gives ``start``).

    A notice dated on a holiday counts from the first working day after it, like any other."""
    if n < 0:
        raise ValueError(f"working days must not be negative: {n}")
    day, counted, estimated = start, 0, False
    while counted < n:
        day += dt.timedelta(days=1)
        working, guessed = is_working_day(day)
        estimated = estimated or guessed
        counted += working
    return WorkdayResult(due=day, estimated=estimated)
