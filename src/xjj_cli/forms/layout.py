"""The fill-in workbook contract in code: what ``xjj forms`` writes and ``xjj import`` reads.

One definition for both sides (CONTRACT12.md): the sheets, the data sheet's columns (letter,
heading, width, which are to fill and which are hidden), the hidden ``_xjj`` sheet's keys, the
form's version, the file names and the checksum of the prefilled cells. The headings people
read come from the message catalogue; the keys machines read are English.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from xjj_cli.messages.forms import FORM_FILE_KINDS, FORM_HEADINGS, FORM_SHEETS

FORM_VERSION = "2"
"""The version of the layout. Version 2 adds the owner form's problems sheets (issue 13);
the importer still reads version 1 (no problems sheets) and refuses any other."""
READ_VERSIONS = ("1", FORM_VERSION)
"""The versions the importer reads."""

INSTRUCTIONS_SHEET = FORM_SHEETS["instructions"]
"""Sheet 1, active when the workbook is opened: what to fill and how to send it back."""

META_SHEET = "_xjj"
"""The very hidden sheet: column A a key of ``META_KEYS``, column B its value."""

META_KEYS = (
    "form",
    "version",
    "month",
    "unit",
    "sheet",
    "rows",
    "checksum",
    "open_rows",
    "new_rows",
)
"""The rows of the ``_xjj`` sheet, in this order from row 1; every value is text ("3", not 3).
``open_rows`` and ``new_rows`` (version 2) count the problems sheets' item rows ("0" on a
town form, which has none)."""
META_KEYS_V1 = META_KEYS[:7]
"""The rows of a version 1 form's ``_xjj`` sheet."""
TASK_ROWS_KEY = "task_rows"
"""The row after ``META_KEYS`` of an owner form that has a task sheet (issue 26): its item
rows. Absent on every other form, so a form without tasks is as before."""
SIGNATURE_KEY = "signature"
"""The row after ``META_KEYS`` of a form signed with the office's key (forms/signature.py):
the HMAC-SHA256, in hex, of the other rows and the prefilled cells. Optional: a form made
without a key has no such row."""
LIST_COLUMN = "D"
"""The ``_xjj`` sheet's column of the responsible units' names (from row 1), the list the
new problems' responsible unit cells offer."""

HEADING_ROW = 1
"""The data sheet's headings; items start on the row below (``FIRST_ROW``)."""
FIRST_ROW = 2

TOWN_COMPLETED_MAX = 10_000_000
"""The largest cumulative count the town form accepts (a typo guard, not a rule)."""
NOTE_MAX = 200
"""The longest progress note (characters) the owner form accepts."""
PROBLEM_MAX = 200
"""The longest problem text (characters) the new problems sheet accepts."""
NEW_PROBLEM_ROWS = 10
"""The empty rows of the new problems sheet."""
DEADLINE_YEARS = 2
"""A new problem's deadline is before the end of the year after next (a typo guard)."""

PRINT_WIDTH = 126
"""The most a sheet's shown columns may add up to (Excel's width units): fitted to the width of
A4 landscape within ``PRINT_MARGIN``, its 11 pt text prints at 9 pt or more (SPEC §8)."""
PRINT_MARGIN = 0.4
"""The left and right margins (inches) of a printed form."""

FILL_COLOUR = "FFF2CC"
"""The light yellow of the cells to fill."""
HEADING_COLOUR = "D9E1F2"
"""The fill of the heading row."""


@dataclass(frozen=True)
class Column:
    """One column of a data sheet."""

    letter: str
    key: str
    width: float
    to_fill: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class Form:
    """One kind of form: its ``form`` value in ``_xjj``, its data sheet and its columns."""

    kind: str
    form: str
    columns: tuple[Column, ...]

    @property
    def sheet(self) -> str:
        """The data sheet's name."""
        return FORM_SHEETS[self.kind]

    def heading(self, key: str) -> str:
        """The heading of the column ``key`` (row 1)."""
        return FORM_HEADINGS[self.kind][key]

    def column(self, key: str) -> Column:
        """The column ``key``."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def letter(self, key: str) -> str:
        """The letter of the column ``key``."""
        return self.column(key).letter

    def file_name(self, month: str, name: str) -> str:
        """The workbook's file name: 2026-11-安居街道-月度数据.xlsx."""
        return f"{month}-{name}-{FORM_FILE_KINDS[self.kind]}.xlsx"

    def prefilled_refs(self, rows: int) -> list[str]:
        """Every prefilled (locked) cell of the data sheet, headings included, in row then
        column order, for a sheet of ``rows`` item rows."""
        last = FIRST_ROW + rows - 1
        refs = [f"{c.letter}{HEADING_ROW}" for c in self.columns]
        for row in range(FIRST_ROW, last + 1):
            refs.extend(f"{c.letter}{row}" for c in self.columns if not c.to_fill)
        return refs

    def fill_refs(self, row: int) -> list[str]:
        """The cells to fill on item row ``row``."""
        return [f"{c.letter}{row}" for c in self.columns if c.to_fill]


TOWN = Form(
    kind="town",
    form="xjj-town",
    columns=(
        Column("A", "town_name", 12),
        Column("B", "metric_name", 22),
        Column("C", "metric_unit", 10),
        Column("D", "target", 12),
        Column("E", "last", 12),
        Column("F", "completed", 22, to_fill=True),
        Column("G", "town", 10, hidden=True),
        Column("H", "metric", 18, hidden=True),
    ),
)
"""The town form: one row per metric the town reports; F (this month's cumulative) to fill."""

OWNER = Form(
    kind="owner",
    form="xjj-owner",
    columns=(
        Column("A", "project", 14),
        Column("B", "project_name", 22),
        Column("C", "domain_name", 12),
        Column("D", "last_percent", 10),
        Column("E", "last_invested", 12),
        Column("F", "percent", 12, to_fill=True),
        Column("G", "invested", 14, to_fill=True),
        Column("H", "note", 30, to_fill=True),
        Column("I", "owner", 10, hidden=True),
    ),
)
"""The owner form: one row per started, unfinished project; F, G and H to fill."""

OPEN_PROBLEMS = Form(
    kind="open_problems",
    form=OWNER.form,
    columns=(
        Column("A", "problem", 13),
        Column("B", "project_name", 20),
        Column("C", "text", 32),
        Column("D", "unit_name", 14),
        Column("E", "raised", 11),
        Column("F", "deadline", 11),
        Column("G", "resolved", 20, to_fill=True),
    ),
)
"""The owner form's sheet of open problems (issue 13): one row per ledger problem open at the
month's end that holds up one of the owner's projects or that the owner raised; G (the date it was
solved) to fill."""

NEW_PROBLEMS = Form(
    kind="new_problems",
    form=OWNER.form,
    columns=(
        Column("A", "number", 6),
        Column("B", "project_name", 26, to_fill=True),
        Column("C", "text", 44, to_fill=True),
        Column("D", "unit_name", 20, to_fill=True),
        Column("E", "deadline", 16, to_fill=True),
    ),
)
"""The owner form's sheet of new problems: ``NEW_PROBLEM_ROWS`` numbered rows; the project
(a list of the owner's), the problem, the responsible unit (a list of names) and the deadline
to fill."""

UNIT = Form(
    kind="unit",
    form="xjj-unit",
    columns=(
        Column("A", "task", 12),
        Column("B", "title", 36),
        Column("C", "domain_name", 14),
        Column("D", "deadline", 12),
        Column("E", "done", 20, to_fill=True),
        Column("F", "note", 32, to_fill=True),
    ),
)
"""The form of a unit that owns no project but answers for a city key task or an open ledger
problem (issue 26, SPEC §8): its data sheet lists the unit's tasks of the year not done at the
month's end (E, the day it was done, and F, a note, to fill); its open problems sheet the
problems it is responsible for. A sheet with no rows is left out of the workbook."""

OFFICE = Form(
    kind="office",
    form="xjj-office",
    columns=(
        Column("A", "number", 6),
        Column("B", "date", 13, to_fill=True),
        Column("C", "color", 15, to_fill=True),
        Column("D", "unit_name", 20, to_fill=True),
        Column("E", "subject", 45, to_fill=True),
        Column("F", "project", 18, to_fill=True),
    ),
)
"""The office's register (issue 26, SPEC §8): its data sheet lists the month's cards from the
city platform, one numbered row each — the cards ``events/M.yaml`` holds, then
``OFFICE_EMPTY_ROWS`` empty rows; every cell but the number is to fill (the office corrects
what is there)."""

NONCOOPERATION = Form(
    kind="noncooperation",
    form=OFFICE.form,
    columns=(
        Column("A", "number", 6),
        Column("B", "date", 13, to_fill=True),
        Column("C", "reporter_name", 14, to_fill=True),
        Column("D", "dept_name", 20, to_fill=True),
        Column("E", "text", 48, to_fill=True),
        Column("F", "verified", 12, to_fill=True),
    ),
)
"""The office's sheet of non-cooperation reports: numbered rows as ``OFFICE``'s; its rows are
counted by the ``_xjj`` sheet's ``open_rows``."""

OFFICE_UNIT = "office"
"""The ``unit`` of the office's form in ``_xjj`` (the office is no unit of units.csv)."""
OFFICE_EMPTY_ROWS = 10
"""The empty rows after the registered ones on each sheet of the office's form."""
TOWN_LIST_COLUMN = "E"
"""The ``_xjj`` sheet's column of the towns' names (the office form's reporting towns)."""
DEPT_LIST_COLUMN = "F"
"""The ``_xjj`` sheet's column of the names of units.csv (the office form's reported units)."""

PROBLEM_SHEETS = (OPEN_PROBLEMS, NEW_PROBLEMS)
"""The owner form's sheets after its data sheet, in workbook order."""

FORMS = {TOWN.form: TOWN, OWNER.form: OWNER, UNIT.form: UNIT, OFFICE.form: OFFICE}
"""The forms by their ``form`` value in ``_xjj``."""


def cell_text(value: object) -> str:
    """A cell's value as the checksum sees it: None is "", a whole float is its integer
    (12.0 and 12 are the same figure), a date is ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()  # a date cell reads back as midnight
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def checksum(cells: Iterable[tuple[str, object]]) -> str:
    """SHA-256 hex of the prefilled cells ``(ref, value)`` as a JSON list of [ref, text]."""
    listed = [[ref, cell_text(value)] for ref, value in cells]
    text = json.dumps(listed, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sheet_counts(
    form: Form, open_rows: int, new_rows: int, task_rows: int = 0
) -> list[tuple[Form, int]]:
    """The sheets of a form after its data sheet with their item rows: none on a town form;
    a unit form's open problems sheet only when it has rows, and no new problems sheet; an
    owner form's task sheet (the unit form's data sheet) when it has ``task_rows``, then its
    problems sheets; the office form's non-cooperation sheet, its rows counted by
    ``open_rows``."""
    if form is UNIT:
        return [(OPEN_PROBLEMS, open_rows)] if open_rows else []
    if form is OFFICE:
        return [(NONCOOPERATION, open_rows)]
    if form is not OWNER:
        return []
    tasks = [(UNIT, task_rows)] if task_rows else []
    return [*tasks, (OPEN_PROBLEMS, open_rows), (NEW_PROBLEMS, new_rows)]


def meta_counts(form: Form, meta: Mapping[str, str]) -> list[tuple[Form, int]]:
    """``sheet_counts`` as a form's ``_xjj`` sheet ``meta`` (its counts checked) gives them:
    none on a version 1 form."""
    if meta["version"] == "1":
        return []
    tasks = int(meta.get(TASK_ROWS_KEY, "0"))
    return sheet_counts(form, int(meta["open_rows"]), int(meta["new_rows"]), tasks)


def meta_keys(meta: Mapping[str, str]) -> tuple[str, ...]:
    """The keys of ``meta`` a signature covers: its version's, and ``TASK_ROWS_KEY`` when
    there."""
    keys = META_KEYS_V1 if meta["version"] == "1" else META_KEYS
    return (*keys, TASK_ROWS_KEY) if TASK_ROWS_KEY in meta else keys


def has_data_sheet(form: Form, rows: int) -> bool:
    """Whether the workbook holds the form's data sheet: always, but on a unit form with no
    task to report."""
    return form is not UNIT or rows > 0


def checked_refs(
    form: Form, rows: int, sheets: Iterable[tuple[Form, int]]
) -> list[tuple[str, str]]:
    """Every prefilled cell the checksum covers, as (sheet, ref): the data sheet's, then each
    problems sheet's, each in row then column order."""
    refs = [(form.sheet, ref) for ref in form.prefilled_refs(rows)]
    if not has_data_sheet(form, rows):
        refs = []
    for sheet, count in sheets:
        refs.extend((sheet.sheet, ref) for ref in sheet.prefilled_refs(count))
    return refs


def checksum_of(form: Form, cells: Iterable[tuple[str, str, object]]) -> str:
    """The checksum of ``(sheet, ref, value)`` cells: the data sheet's cells by their ref
    (as in version 1), the problems sheets' as ``sheet!ref``."""
    return checksum(
        (ref if sheet == form.sheet else f"{sheet}!{ref}", value) for sheet, ref, value in cells
    )


def meta_rows(
    form: Form,
    month: str,
    unit: str,
    rows: int,
    digest: str,
    open_rows: int = 0,
    new_rows: int = 0,
    task_rows: int = 0,
) -> list[tuple[str, str]]:
    """The ``_xjj`` sheet's rows (key, value), in the order of ``META_KEYS``, then
    ``TASK_ROWS_KEY`` on an owner form with a task sheet."""
    values = {
        "form": form.form,
        "version": FORM_VERSION,
        "month": month,
        "unit": unit,
        "sheet": form.sheet,
        "rows": str(rows),
        "checksum": digest,
        "open_rows": str(open_rows),
        "new_rows": str(new_rows),
    }
    fields = [(key, values[key]) for key in META_KEYS]
    if form is OWNER and task_rows:
        fields.append((TASK_ROWS_KEY, str(task_rows)))
    return fields
