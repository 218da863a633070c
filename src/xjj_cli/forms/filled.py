"""What a filled form holds once read (the values of its rows and problem sheets, where each
came from), the problems found while reading it, and a sheet's cells as read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol

from xjj_cli.forms import layout
from xjj_cli.messages.forms import import_message


@dataclass(frozen=True)
class Place:
    """Where something was read: a workbook, and a ``sheet!cell`` in it when there is one."""

    file: str
    sheet: str = ""
    cell: str = ""

    def __str__(self) -> str:
        if self.cell:
            return f"{self.file} {self.sheet}!{self.cell}"
        return f"{self.file} {self.sheet}" if self.sheet else self.file

    def at(self, cell: str) -> Place:
        """The same workbook and sheet, at ``cell``."""
        return Place(self.file, self.sheet, cell)


@dataclass(frozen=True)
class TownFigureIn:
    """A town's cumulative count for a metric, typed in a town form."""

    town: str
    metric: str
    target: int
    completed: int
    place: Place


@dataclass(frozen=True)
class ProgressIn:
    """A project's progress entry for the month, typed in an owner form."""

    project: str
    percent: float
    invested: float
    note: str | None
    place: Place


@dataclass(frozen=True)
class ResolutionIn:
    """A ledger problem's 办结 date, typed in an owner form's open problems sheet."""

    problem: str
    resolved: dt.date
    place: Place


@dataclass(frozen=True)
class TaskDoneIn:
    """A city key task's completion, typed in a unit form's task sheet."""

    task: str
    done: dt.date
    note: str | None
    place: Place
    """The done date's cell."""


@dataclass(frozen=True)
class NewProblemIn:
    """A problem raised in an owner form's new problems sheet, its names read as codes."""

    project: str
    text: str
    unit: str
    deadline: dt.date
    place: Place
    """The problem's text cell."""


@dataclass(frozen=True)
class CardIn:
    """A card from the city platform, typed in the office's 登记表 (its names read as codes)."""

    date: dt.date
    color: str
    unit: str
    subject: str
    project: str | None
    place: Place
    """The row's date cell."""


@dataclass(frozen=True)
class ReportIn:
    """A town's non-cooperation report, typed in the office's 登记表."""

    date: dt.date
    reporter: str
    unit: str
    text: str
    verified: bool
    place: Place
    """The row's date cell."""


@dataclass
class FilledForm:
    """One workbook read: its kind, month and unit, and what was typed in it."""

    place: Place
    form: layout.Form
    month: str
    unit: str
    figures: list[TownFigureIn] = field(default_factory=list)
    progress: list[ProgressIn] = field(default_factory=list)
    resolutions: list[ResolutionIn] = field(default_factory=list)
    new_problems: list[NewProblemIn] = field(default_factory=list)
    tasks: list[TaskDoneIn] = field(default_factory=list)
    cards: list[CardIn] = field(default_factory=list)
    reports: list[ReportIn] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    """The codes of the data sheet's rows (metrics or projects), filled in or not."""

    def values(self) -> dict[tuple[str, str], tuple[object, ...]]:
        """What was typed, by the (sheet, cell) it was typed in (to compare two copies)."""
        typed: dict[tuple[str, str], tuple[object, ...]] = {}
        for f in self.figures:
            typed[(f.place.sheet, f.place.cell)] = (f.completed,)
        for p in self.progress:
            typed[(p.place.sheet, p.place.cell)] = (p.percent, p.invested, p.note or "")
        for r in self.resolutions:
            typed[(r.place.sheet, r.place.cell)] = (r.resolved,)
        for t in self.tasks:
            typed[(t.place.sheet, t.place.cell)] = (t.done, t.note or "")
        for c in self.cards:
            typed[(c.place.sheet, c.place.cell)] = (c.date, c.color, c.unit, c.subject, c.project)
        for report in self.reports:
            at = (report.place.sheet, report.place.cell)
            typed[at] = (report.date, report.reporter, report.unit, report.text, report.verified)
        for n in self.new_problems:
            typed[(n.place.sheet, n.place.cell)] = (n.project, n.text, n.unit, n.deadline)
        return typed


@dataclass
class Reading:
    """Every workbook read, every problem (errors refuse the import) and normalisation."""

    forms: list[FilledForm] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    """The places (``file sheet!cell``) with an error."""

    def error(self, key: str, place: Place, **params: Any) -> None:
        """Record a problem that refuses the import."""
        self.errors.append(import_message(key, place=place, **params))
        self.failed.add(str(place))

    def warning(self, key: str, place: Place, **params: Any) -> None:
        """Record what was read differently from what was typed."""
        self.warnings.append(import_message(key, place=place, **params))


class Refused(Exception):
    """A workbook that cannot be read further (its problem is already recorded)."""


class Cells(Protocol):
    """A sheet's cells by reference: a ``Grid`` (or, in tests, an openpyxl worksheet)."""

    def __getitem__(self, ref: str, /) -> Any: ...


@dataclass(frozen=True)
class CellRead:
    """A cell as read: its value, openpyxl's type of it ("n", "s", "f", "d", "b", "e") and its
    number format."""

    value: Any = None
    data_type: str = "n"
    number_format: str = "General"


_EMPTY = CellRead()


@dataclass(frozen=True)
class Grid:
    """The cells of a sheet that its form defines (the form's columns, down to its last item
    row), read in one pass over the sheet's XML; any other cell reads as empty."""

    cells: dict[str, CellRead]

    def __getitem__(self, ref: str, /) -> CellRead:
        return self.cells.get(ref, _EMPTY)
