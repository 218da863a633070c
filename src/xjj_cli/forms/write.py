"""Build the month's fill-in workbooks (SPEC §8) from a valid repository.

``town_books`` decides what each town's form holds (``units.owner_books`` and ``units.unit_books``
the other units'); ``workbook_bytes`` lays a book out as ``layout`` says: the instructions
sheet, the data sheet (prefilled cells locked, cells to fill unlocked, tinted and validated),
the very hidden ``_xjj`` sheet, print set-up — with the same bytes for the same data.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable, Hashable
from copy import copy
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.styleable import StyleableObject
from openpyxl.utils.cell import column_index_from_string
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xjj_cli.forms import layout, signature
from xjj_cli.forms.layout import NEW_PROBLEMS, OPEN_PROBLEMS, OWNER, TOWN, UNIT, Form
from xjj_cli.forms.remembered import Remembered
from xjj_cli.forms.signature import FormKey
from xjj_cli.messages.formats import chinese_number, cn_month
from xjj_cli.messages.forms import (
    FORM_CONTACT,
    FORM_INSTRUCTIONS,
    FORM_INSTRUCTIONS_COMMON,
    FORM_INSTRUCTIONS_OWNER_TASKS,
    FORM_PAGE_FOOTER,
    FORM_PROMPTS,
    FORM_TITLES,
    FORM_VALIDATION,
)
from xjj_cli.model import LedgerProblem
from xjj_cli.months import month_end
from xjj_cli.ooxml import cell_value
from xjj_cli.repository import Repository

Value = str | int | float | dt.date | None
"""What a cell of a form holds."""

LOCKED_COLOUR = "F2F2F2"
"""The light grey of the prefilled cells of the data sheet."""

INSTRUCTIONS_WIDTH = 96
"""The instructions column's width in characters (a Chinese character counts two)."""

ROW_HEIGHT = 20
"""The height (points) of an item row's line: room to type and to read a printout."""

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class FormBook:
    """One workbook to write: the form, the unit it is for and its item rows (by column key)."""

    form: Form
    month: str
    unit: str
    name: str
    rows: list[dict[str, Value]] = field(default_factory=list)
    open_problems: list[dict[str, Value]] = field(default_factory=list)
    """The rows of the sheet after the data sheet: open problems (none on a town form), the
    office form's non-cooperation reports."""
    unit_names: list[str] = field(default_factory=list)
    """The names the new problems sheet offers as responsible units (owner forms only)."""
    tasks: list[dict[str, Value]] = field(default_factory=list)
    """An owner form's task sheet's rows: the city key tasks the owner answers for (a unit
    form's are its ``rows``)."""
    lists: dict[str, list[str]] = field(default_factory=dict)
    """More lists of names for the ``_xjj`` sheet, by its column (the office form's)."""

    @property
    def file_name(self) -> str:
        """The workbook's file name (before making it safe for every file system)."""
        return self.form.file_name(self.month, self.name)


@dataclass(frozen=True)
class Office:
    """Whom a form goes back to: the office's name and, when known, its contact."""

    name: str
    contact: tuple[str, str] | None = None


def office_of(repo: Repository) -> Office:
    """The office named in district.yaml (and its contact)."""
    assert repo.district is not None  # a valid repository has one
    district = repo.district.record
    contact = district.document.contact
    return Office(district.office, (contact.name, contact.phone) if contact else None)


# --- what each form holds -------------------------------------------------------------------


_TOWNS: Remembered[str, dict[str, FormBook]] = Remembered()
towns_remembered = _TOWNS.kept
"""While forms are read against repositories that do not change: ``town_books`` for one town
takes its book from the month's books made once for every town (issue 28: made again for
each form, from every figure of the province, they were 40% of importing 1,800)."""


def town_books(repo: Repository, month: str, only: str | None = None) -> list[FormBook]:
    """One form per town (towns.csv order; only the town ``only`` when given) — remembered
    for every town while ``towns_remembered``."""
    if only is None or not _TOWNS.keeping:
        return _town_books(repo, month, only)
    books = _TOWNS.get(repo, month, lambda: {b.unit: b for b in _town_books(repo, month)})
    return [books[only]] if only in books else []


def _town_books(repo: Repository, month: str, only: str | None = None) -> list[FormBook]:
    """One form per town (towns.csv order; only the town ``only`` when given): a row per
    metric it reports in ``month``.

    The metrics and targets come from ``month``'s file, else from the latest earlier file
    (targets carried over); last month's figure is the town's latest ``completed`` earlier
    in the same year (0 in January); this month's figure is prefilled when already there."""
    earlier = [m for m in repo.months if m < month]
    source = month if month in repo.months else (earlier[-1] if earlier else None)
    if source is None:
        return []
    figures = repo.figures[source]
    metric_order = list(dict.fromkeys(f.metric for f in figures))
    targets = {(f.town, f.metric): f.target for f in figures}
    done_now = {(f.town, f.metric): f.completed for f in repo.figures.get(month, [])}
    last: dict[tuple[str, str], int] = {}
    for before in (m for m in earlier if m[:4] == month[:4]):  # oldest first: latest wins
        for f in repo.figures[before]:
            if f.completed is not None:
                last[(f.town, f.metric)] = f.completed
    metrics = {
        f"{domain}.{m.id}": m for domain, doc in repo.domains.items() for m in doc.record.metrics
    }
    books = []
    for town in repo.towns.values():
        if only is not None and town.code != only:
            continue
        rows: list[dict[str, Value]] = []
        for metric in metric_order:
            if (town.code, metric) not in targets:
                continue
            info = metrics.get(metric)
            rows.append(
                {
                    "town_name": town.name,
                    "metric_name": info.name if info else metric,
                    "metric_unit": info.unit if info else "",
                    "target": targets[(town.code, metric)],
                    "last": last.get((town.code, metric), 0),
                    "completed": done_now.get((town.code, metric)),
                    "town": town.code,
                    "metric": metric,
                }
            )
        if rows:
            books.append(FormBook(TOWN, month, town.code, town.name, rows))
    return books


def unit_names(repo: Repository) -> dict[str, str]:
    """The names of the units that may be responsible for a problem, by code: the units of
    units.csv, then the towns of towns.csv (the order of the new problems sheet's list)."""
    names = {c: u.name for c, u in repo.units.items()}
    names.update({c: t.name for c, t in repo.towns.items() if c not in names})
    return names


def owner_problems(repo: Repository, owner: str, month: str) -> list[LedgerProblem]:
    """The ledger's problems the owner's form lists (by id): open at ``month``'s end, and
    holding up one of the owner's projects, raised by the owner, or the owner's to solve (SPEC
    §8: every unit answering for an open problem reports its 办结, as a unit without projects
    does on its own form). Both the unit held up and the one responsible may date the 办结;
    two different dates are a conflict the office settles (``--force``)."""
    from xjj_cli.engine.problems import problem_state

    found = []
    for problem in (s.record for s in repo.problems):
        if not problem_state(problem, month).open:
            continue
        project = repo.projects.get(problem.project) if problem.project else None
        held_up = project is not None and project.record.owner == owner
        if owner in (problem.by, problem.unit) or held_up:
            found.append(problem)
    return sorted(found, key=lambda p: p.id)


def open_row(repo: Repository, problem: LedgerProblem, names: dict[str, str]) -> dict[str, Value]:
    """An open problem's row of the owner form: where it holds up, its text, the responsible
    unit's name, its dates."""
    project = repo.projects.get(problem.project) if problem.project else None
    domain = repo.domains.get(problem.domain) if problem.domain else None
    if project is not None:
        where = project.record.name
    else:
        where = domain.record.name if domain else (problem.domain or "")
    return {
        "problem": problem.id,
        "project_name": where,
        "text": problem.text,
        "unit_name": names.get(problem.unit, problem.unit),
        "raised": problem.raised,
        "deadline": problem.deadline,
        "resolved": problem.resolved,
    }


# --- the workbook ---------------------------------------------------------------------------


def workbook_bytes(book: FormBook, office: Office, key: FormKey | None = None) -> bytes:
    """The form as an .xlsx package, signed with ``key`` when there is one; the same book,
    office and key give the same bytes."""
    from xjj_cli.ooxml import xlsx_bytes

    workbook = Workbook()
    instructions = workbook.active
    assert instructions is not None
    styles = CellStyles()
    title = FORM_TITLES[book.form.kind].format(month=cn_month(book.month), name=book.name)
    _instructions_sheet(instructions, book, office, title, styles)
    if layout.has_data_sheet(book.form, len(book.rows)):
        data = workbook.create_sheet(book.form.sheet)
        _data_sheet(data, book.form, book.rows, title, book, styles)
    counts = layout.sheet_counts(
        book.form, len(book.open_problems), layout.NEW_PROBLEM_ROWS, len(book.tasks)
    )
    for form, _ in counts:
        rows = _new_rows() if form is NEW_PROBLEMS else book.open_problems
        rows = book.tasks if form is UNIT else rows
        _data_sheet(workbook.create_sheet(form.sheet), form, rows, title, book, styles)
    refs = layout.checked_refs(book.form, len(book.rows), counts)
    values = [(s, r, cell_value(workbook[s], r)) for s, r in refs]
    digest = layout.checksum_of(book.form, values)
    meta = workbook.create_sheet(layout.META_SHEET)
    rows_of = dict(counts)
    fields = layout.meta_rows(
        book.form,
        book.month,
        book.unit,
        len(book.rows),
        digest,
        open_rows=rows_of.get(OPEN_PROBLEMS, rows_of.get(layout.NONCOOPERATION, 0)),
        new_rows=rows_of.get(NEW_PROBLEMS, 0),
        task_rows=len(book.tasks),
    )
    for name, value in fields:
        meta.append([name, value])
    if key is not None:
        text = signature.signed_text(dict(fields), layout.meta_keys(dict(fields)), values)
        meta.append([layout.SIGNATURE_KEY, signature.sign(key, text)])
    for column, names in {layout.LIST_COLUMN: book.unit_names, **book.lists}.items():
        for number, name in enumerate(names, start=1):
            meta[f"{column}{number}"] = name
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    workbook.active = 0
    workbook.security = WorkbookProtection(lockStructure=True)
    day = _stamp(book.month)
    workbook.properties.creator = office.name
    workbook.properties.title = title
    workbook.properties.created = workbook.properties.modified = dt.datetime.combine(day, dt.time())
    return xlsx_bytes(workbook, day)


def _new_rows() -> list[dict[str, Value]]:
    """The new problems sheet's empty rows, numbered."""
    return [
        {c.key: (n if c.key == "number" else None) for c in NEW_PROBLEMS.columns}
        for n in range(1, layout.NEW_PROBLEM_ROWS + 1)
    ]


def _stamp(month: str) -> dt.date:
    """The date every form of ``month`` carries: its first day (the same data, the same
    bytes, whenever the forms are made)."""
    return month_end(month).replace(day=1)


class CellStyles:
    """A workbook's cell styles, each set up once.

    Setting a cell's font, fill, border, alignment or protection makes openpyxl look the value
    up in the workbook's list of them — a hash of every part of it, each time. So the first
    cell of each style (``key``) is styled through those attributes, and every later cell of
    that style gets a copy of the first one's style indices, as openpyxl itself does when it
    copies a worksheet. The workbook's style lists come out the same, in the same order, and
    so do its bytes."""

    def __init__(self) -> None:
        self._made: dict[Hashable, StyleArray] = {}

    def apply(
        self, cell: StyleableObject, key: Hashable, make: Callable[[StyleableObject], None]
    ) -> None:
        """Give ``cell`` the style ``key``, which ``make`` sets on a new cell."""
        made = self._made.get(key)
        if made is None:
            make(cell)
            self._made[key] = copy(cell._style)  # type: ignore[attr-defined]  # not in the stubs
        else:
            cell._style = copy(made)  # type: ignore[attr-defined]


def _instructions_sheet(
    sheet: Worksheet, book: FormBook, office: Office, title: str, styles: CellStyles
) -> None:
    sheet.title = layout.INSTRUCTIONS_SHEET
    own = FORM_INSTRUCTIONS[book.form.kind]
    if book.tasks:
        own = [*own, FORM_INSTRUCTIONS_OWNER_TASKS]
    params = {
        "sheet": book.form.sheet,
        "month": cn_month(book.month),
        "office": office.name,
        "note_max": layout.NOTE_MAX,
        "problem_max": layout.PROBLEM_MAX,
        "open_sheet": OPEN_PROBLEMS.sheet,
        "new_sheet": NEW_PROBLEMS.sheet,
        "noncoop_sheet": layout.NONCOOPERATION.sheet,
        "task_sheet": UNIT.sheet,
        "next": chinese_number(len(own) + 1),
        "last": chinese_number(len(own) + 2),
    }
    lines = [text.format(**params) for text in own]
    lines += [text.format(**params) for text in FORM_INSTRUCTIONS_COMMON]
    if office.contact is not None:
        lines.append(FORM_CONTACT.format(name=office.contact[0], phone=office.contact[1]))
    sheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    for line in lines:
        sheet.append([line])
        styles.apply(sheet.cell(sheet.max_row, 1), "instruction", _instruction_style)
        rows = math.ceil(_width(line) / (INSTRUCTIONS_WIDTH - 4))
        sheet.row_dimensions[sheet.max_row].height = 16 * rows + 6
    sheet.protection.sheet = True
    _print_setup(sheet, None)


def _instruction_style(cell: StyleableObject) -> None:
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.font = Font(size=11)


def _data_sheet(
    sheet: Worksheet,
    form: Form,
    items: list[dict[str, Value]],
    title: str,
    book: FormBook,
    styles: CellStyles,
) -> None:
    """Write a sheet's headings and item rows: prefilled cells locked, cells to fill open,
    tinted and validated."""
    numbers = [column_index_from_string(c.letter) for c in form.columns]
    for column, number in zip(form.columns, numbers, strict=True):
        cell = sheet.cell(layout.HEADING_ROW, number)
        cell.value = form.heading(column.key)
        styles.apply(cell, "heading", _heading_style)
        dimension = sheet.column_dimensions[column.letter]
        dimension.width = column.width
        dimension.hidden = column.hidden
    headings = {c.key: form.heading(c.key) for c in form.columns}
    lines = max(math.ceil(_width(headings[c.key]) / max(c.width - 1, 1)) for c in form.columns)
    sheet.row_dimensions[layout.HEADING_ROW].height = 16 * lines + 8
    for offset, values in enumerate(items):
        row = layout.FIRST_ROW + offset
        sheet.row_dimensions[row].height = ROW_HEIGHT * _lines(form, values)
        for column, number in zip(form.columns, numbers, strict=True):
            cell = sheet.cell(row, number)
            cell.value = values[column.key]
            style = (column.key in _WRAPPED, column.key in _DATES, column.to_fill)
            styles.apply(cell, style, _item_style(*style))
        for validation in _row_validations(form, row, book):
            sheet.add_data_validation(validation)
    sheet.freeze_panes = f"A{layout.FIRST_ROW}"
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # False = allowed: a clerk may widen a column
    protection.formatRows = False
    protection.selectLockedCells = False
    protection.selectUnlockedCells = False
    _print_setup(sheet, title)
    sheet.print_title_rows = f"{layout.HEADING_ROW}:{layout.HEADING_ROW}"


def _heading_style(cell: StyleableObject) -> None:
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=layout.HEADING_COLOUR)
    cell.border = _BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _item_style(wrapped: bool, date: bool, to_fill: bool) -> Callable[[StyleableObject], None]:
    """How an item row's cell looks: bordered, centred on its line (wrapped for long text),
    a date as ``DATE_FORMAT``; a cell to fill unlocked and tinted, a prefilled one grey."""

    def make(cell: StyleableObject) -> None:
        cell.border = _BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=wrapped)
        if date:
            cell.number_format = DATE_FORMAT
        if to_fill:
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill("solid", fgColor=layout.FILL_COLOUR)
        else:
            cell.fill = PatternFill("solid", fgColor=LOCKED_COLOUR)

    return make


_WRAPPED = {"project_name", "domain_name", "note", "metric_name", "text", "unit_name", "title"}
_WRAPPED |= {"subject", "dept_name"}  # the office's
"""Columns whose long text wraps inside the cell."""
_DATES = {"raised", "deadline", "resolved", "done", "date"}
"""Columns of dates."""
DATE_FORMAT = "yyyy-mm-dd"
"""How a form shows a date (ISO, as the ledger writes it)."""


_SHARED: dict[tuple[str, str, int, str, int, int], list[DataValidation]] = {}
"""A row's validations by what they depend on (issue 28: made anew for each of 1,800 forms,
a sixth of the writing); openpyxl never changes one as it writes it: one serves every sheet.
The lengths of the lists a rule points into are in the key only for the sheets with such a
rule: the owner forms' data sheets (some 1,500 rows each in a province) share their rows'."""
_SHARED_MAX = 4096


def _row_validations(form: Form, row: int, book: FormBook) -> list[DataValidation]:
    """``_validations``, made once for each form, row, month and length of the lists they
    point into (the office form's depend on its lists' names: made for it alone)."""
    if form.form == layout.OFFICE.form:
        return _validations(form, row, book)
    filled = {c.key for c in form.columns if c.to_fill}
    rows = len(book.rows) if "project_name" in filled else -1  # the list of the owner's rows
    names = len(book.unit_names) if "unit_name" in filled else -1  # the list of the units
    key = (form.form, form.sheet, row, book.month, rows, names)
    found = _SHARED.get(key)
    if found is None:
        if len(_SHARED) >= _SHARED_MAX:
            _SHARED.clear()
        found = _SHARED[key] = _validations(form, row, book)
    return found


def _validations(form: Form, row: int, book: FormBook) -> list[DataValidation]:
    """The data validation of each cell to fill on ``row``, each with its Chinese messages."""
    end = month_end(book.month)
    params = {
        "note_max": layout.NOTE_MAX,
        "problem_max": layout.PROBLEM_MAX,
        "month_end": f"{end:%Y-%m-%d}",
        "month_start": f"{end:%Y-%m-01}",
    }
    found = []
    for column in form.columns:
        if not column.to_fill:
            continue
        key = column.key
        ref = f"{column.letter}{row}"
        rule = _rule(form, key, row, book, end)
        error_title, error = FORM_VALIDATION[key]
        prompt_title, prompt = FORM_PROMPTS[key]
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.errorStyle = "stop"
        rule.errorTitle = error_title
        rule.error = error.format(**params)
        rule.showInputMessage = True
        rule.promptTitle = prompt_title
        rule.prompt = prompt.format(**params)
        rule.add(ref)
        found.append(rule)
    return found


def _rule(form: Form, key: str, row: int, book: FormBook, end: dt.date) -> DataValidation:
    """The rule of the cell to fill ``key`` on ``row``."""
    if form.form == layout.OFFICE.form:
        from xjj_cli.forms.office_rules import office_rule

        return office_rule(key, end, {layout.LIST_COLUMN: book.unit_names, **book.lists})
    if key == "completed":
        return DataValidation(
            type="whole",
            operator="between",
            formula1=f"{form.letter('last')}{row}",
            formula2=str(layout.TOWN_COMPLETED_MAX),
        )
    if key == "percent":
        return DataValidation(
            type="decimal",
            operator="between",
            formula1=f"{form.letter('last_percent')}{row}",
            formula2="100",
        )
    if key == "invested":
        return DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1=f"{form.letter('last_invested')}{row}",
        )
    if key == "resolved":  # not before the problem was raised, not after the day it is typed
        return DataValidation(
            type="date",
            operator="between",
            formula1=f"{form.letter('raised')}{row}",
            formula2="TODAY()",
        )
    if key == "done":  # not after the day it is typed
        return DataValidation(type="date", operator="lessThanOrEqual", formula1="TODAY()")
    if key == "deadline":
        last = dt.date(end.year + layout.DEADLINE_YEARS, 12, 31)
        return DataValidation(
            type="date", operator="between", formula1=_excel_date(end), formula2=_excel_date(last)
        )
    if key == "project_name":  # the owner's projects, as the data sheet names them
        last_row = layout.FIRST_ROW + len(book.rows) - 1
        column = OWNER.letter("project_name")
        return DataValidation(
            type="list",
            formula1=f"'{OWNER.sheet}'!${column}${layout.FIRST_ROW}:${column}${last_row}",
        )
    if key == "unit_name":
        last_name = max(len(book.unit_names), 1)
        column = layout.LIST_COLUMN
        return DataValidation(
            type="list", formula1=f"'{layout.META_SHEET}'!${column}$1:${column}${last_name}"
        )
    limit = layout.PROBLEM_MAX if key == "text" else layout.NOTE_MAX
    return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit))


def _excel_date(day: dt.date) -> str:
    """A date in a validation formula."""
    return f"DATE({day.year},{day.month},{day.day})"


def _lines(form: Form, values: dict[str, Value]) -> int:
    """The lines the row's longest wrapped text takes in its column."""
    lines = [
        math.ceil(_width(str(values[c.key] or "")) / max(c.width - 2, 1))
        for c in form.columns
        if c.key in _WRAPPED
    ]
    return max([1, *lines])


def _print_setup(sheet: Worksheet, title: str | None) -> None:
    """A4 landscape, one page wide, as many pages tall as it takes; the form's ``title`` at
    the top of every page (the instructions carry it in their first line), the page number at
    the bottom."""
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header is not None and footer is not None  # openpyxl makes both with the sheet
    if title is not None:
        header.center.text = title
        header.center.size = 12
    footer.center.text = FORM_PAGE_FOOTER
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = layout.PRINT_MARGIN


def _width(text: str) -> int:
    """Columns a text takes: a Chinese (wide) character counts two, and so does one of
    ambiguous width (“ ” …), which a Chinese font prints wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)
