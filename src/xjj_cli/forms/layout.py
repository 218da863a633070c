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
from collections.abc import Iterable
from dataclasses import dataclass

from xjj_cli.messages import FORM_FILE_KINDS, FORM_HEADINGS, FORM_SHEETS

FORM_VERSION = "1"
"""The version of the layout; the importer refuses a workbook of any other version."""

INSTRUCTIONS_SHEET = FORM_SHEETS["instructions"]
"""Sheet 1, active when the workbook is opened: what to fill and how to send it back."""

META_SHEET = "_xjj"
"""The very hidden sheet: column A a key of ``META_KEYS``, column B its value."""

META_KEYS = ("form", "version", "month", "unit", "sheet", "rows", "checksum")
"""The rows of the ``_xjj`` sheet, in this order from row 1; every value is text ("3", not 3)."""

HEADING_ROW = 1
"""The data sheet's headings; items start on the row below (``FIRST_ROW``)."""
FIRST_ROW = 2

TOWN_COMPLETED_MAX = 10_000_000
"""The largest cumulative count the town form accepts (a typo guard, not a rule)."""
NOTE_MAX = 200
"""The longest progress note (characters) the owner form accepts."""

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
        Column("A", "project", 15),
        Column("B", "project_name", 34),
        Column("C", "domain_name", 18),
        Column("D", "last_percent", 16),
        Column("E", "last_invested", 22),
        Column("F", "percent", 24, to_fill=True),
        Column("G", "invested", 28, to_fill=True),
        Column("H", "note", 36, to_fill=True),
        Column("I", "owner", 10, hidden=True),
    ),
)
"""The owner form: one row per started, unfinished project; F, G and H to fill."""

FORMS = {TOWN.form: TOWN, OWNER.form: OWNER}
"""The forms by their ``form`` value in ``_xjj``."""


def cell_text(value: object) -> str:
    """A cell's value as the checksum sees it: None is "", a whole float is its integer
    (12.0 and 12 are the same figure), a date is ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def checksum(cells: Iterable[tuple[str, object]]) -> str:
    """SHA-256 hex of the prefilled cells ``(ref, value)`` as a JSON list of [ref, text]."""
    listed = [[ref, cell_text(value)] for ref, value in cells]
    text = json.dumps(listed, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def meta_rows(form: Form, month: str, unit: str, rows: int, digest: str) -> list[tuple[str, str]]:
    """The ``_xjj`` sheet's rows (key, value), in the order of ``META_KEYS``."""
    values = {
        "form": form.form,
        "version": FORM_VERSION,
        "month": month,
        "unit": unit,
        "sheet": form.sheet,
        "rows": str(rows),
        "checksum": digest,
    }
    return [(key, values[key]) for key in META_KEYS]
