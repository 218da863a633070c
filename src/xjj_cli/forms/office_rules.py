"""The data validation of the office's register (forms/office.py): the cells' rules, apart
from ``office`` so that ``write`` (which lays every form out) need not import it back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from openpyxl.worksheet.datavalidation import DataValidation

from xjj_cli.forms import layout
from xjj_cli.messages.forms import OFFICE_WORDS


def office_rule(key: str, end: dt.date, lists: Mapping[str, Sequence[str]]) -> DataValidation:
    """The data validation of the office form's cell to fill ``key``; ``lists`` holds the
    names of each list column of the ``_xjj`` sheet."""
    if key == "date":
        start = end.replace(day=1)
        return DataValidation(
            type="date", operator="between", formula1=_day(start), formula2=_day(end)
        )
    choices = {"color": ("yellow", "red"), "verified": ("yes", "no")}.get(key)
    if choices is not None:
        words = ",".join(OFFICE_WORDS[c] for c in choices)
        return DataValidation(type="list", formula1=f'"{words}"')
    columns = {
        "unit_name": layout.LIST_COLUMN,
        "reporter_name": layout.TOWN_LIST_COLUMN,
        "dept_name": layout.DEPT_LIST_COLUMN,
    }
    if key in columns:
        column = columns[key]
        last = max(len(lists.get(column, ())), 1)
        return DataValidation(
            type="list", formula1=f"'{layout.META_SHEET}'!${column}$1:${column}${last}"
        )
    limit = layout.NOTE_MAX if key == "project" else layout.PROBLEM_MAX
    return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit))


def _day(day: dt.date) -> str:
    return f"DATE({day.year},{day.month},{day.day})"
