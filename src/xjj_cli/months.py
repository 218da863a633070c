"""Month arithmetic on ``YYYY-MM`` strings, the unit of time of every rule."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Sequence

from xjj_cli.controls import visible
from xjj_cli.errors import UsageError
from xjj_cli.messages.errors import error_message

MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
"""``model.MONTH_PATTERN`` (a test holds them equal): parsing ``--month`` imports no model."""


def parse_month(text: str) -> str:
    """``text`` when it is a month, whole (``2026-10``, never ``2026-10\\n``), else a
    ``UsageError`` (the command line's ``--month``, checked before any file is read)."""
    if not MONTH.fullmatch(text):
        raise UsageError(error_message("month.format", month=visible(text)))
    return text


def month_of(day: dt.date) -> str:
    """The ``YYYY-MM`` month a date falls in."""
    return f"{day.year:04d}-{day.month:02d}"


def add_months(month: str, count: int) -> str:
    """The month ``count`` months after ``month`` (before it when negative)."""
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + count
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def collecting_month(months: Sequence[str], reportable: Sequence[str]) -> str | None:
    """The month being collected (SPEC §8): the one after the latest reportable month, or,
    while none is reportable, the first month with town figures (None: there are none).
    ``months`` and ``reportable`` oldest first, as ``Repository`` gives them."""
    if reportable:
        return add_months(reportable[-1], 1)
    return months[0] if months else None


@functools.cache
def month_end(month: str) -> dt.date:
    """The last day of ``month`` (asked for each of thousands of items: remembered)."""
    year, mon = int(month[:4]), int(month[5:7])
    return dt.date(year, mon, calendar.monthrange(year, mon)[1])
