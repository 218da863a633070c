"""Read filled workbooks (SPEC §8): recognise an xjj form, refuse what cannot be trusted,
and normalise what people type into the cells to fill.

Nothing here writes; ``apply`` turns what was read into changes of the repository. Every
problem names its workbook and, where there is one, its ``sheet!cell``; all problems of all
workbooks are collected before anything is refused.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from xjj_cli.chinese import IDEOGRAPHIC_SPACE
from xjj_cli.forms import layout
from xjj_cli.forms.identity import check_origin
from xjj_cli.forms.package import PackageRefused, read_package
from xjj_cli.forms.signature import FormKey
from xjj_cli.load.typos import code_for_name, date_guess, halfwidth
from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.forms import IMPORT_UNITS, import_message
from xjj_cli.messages.validation import suggestion
from xjj_cli.model import CODE_PATTERN, MONTH_PATTERN
from xjj_cli.months import month_end, month_of
from xjj_cli.repository import Repository
from xjj_cli.validate import known_metrics

META_ROWS = 20
"""How many rows of the ``_xjj`` sheet are read."""
MAX_ROWS = 10_000
"""The most item rows the ``_xjj`` sheet may declare for a sheet (``rows``, ``open_rows``,
``new_rows``): a unit's form has tens; a sheet part of ``package.MAX_PART_BYTES`` holds fewer
filled rows than this."""
MERGED_SHOWN = 10
"""The merged ranges of a sheet named one by one; the rest are counted."""

_MONTH = re.compile(MONTH_PATTERN)
_CODE = re.compile(CODE_PATTERN)
_COUNT = re.compile(r"[0-9]{1,9}")
_CHECKSUM = re.compile(r"[0-9a-f]{64}")
_LINE_BREAKS = re.compile(r"[\x85\u2028\u2029]")
"""Line breaks other than CR and LF (NEL, LINE and PARAGRAPH SEPARATOR): YAML folds each into
a space, so each is read as a line feed (with a warning) and a note reads back as it was read."""
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""What YAML cannot hold (C0 but tab and line ends, DEL, C1 but NEL, surrogates, two
non-characters): an error at the cell (the check of the repository would name a line of its
temporary copy)."""
_SPACES = " \t\r\n\xa0" + IDEOGRAPHIC_SPACE
_THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DECIMALS = 4
"""Decimals kept of a percent or an amount (0.565 typed as 56.5 % is 56.5, not 56.50000001)."""


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
class NewProblemIn:
    """A problem raised in an owner form's new problems sheet, its names read as codes."""

    project: str
    text: str
    unit: str
    deadline: dt.date
    place: Place
    """The problem's text cell."""


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

    def values(self) -> dict[tuple[str, str], tuple[object, ...]]:
        """What was typed, by the (sheet, cell) it was typed in (to compare two copies)."""
        typed: dict[tuple[str, str], tuple[object, ...]] = {}
        for f in self.figures:
            typed[(f.place.sheet, f.place.cell)] = (f.completed,)
        for p in self.progress:
            typed[(p.place.sheet, p.place.cell)] = (p.percent, p.invested, p.note or "")
        for r in self.resolutions:
            typed[(r.place.sheet, r.place.cell)] = (r.resolved,)
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


class _Refused(Exception):
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


def read_forms(
    paths: Sequence[Path], repo: Repository, today: dt.date, key: FormKey | None = None
) -> Reading:
    """Read every workbook in ``paths`` against ``repo``, each signed with ``key`` when there
    is one; the same file twice counts once."""
    reading = Reading()
    seen: set[Path] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        try:
            form = _read_one(path, repo, today, reading, key)
        except _Refused:
            continue
        reading.forms.append(form)
    _check_months(reading)
    reading.forms = _without_copies(reading)
    return reading


def _check_months(reading: Reading) -> None:
    first = reading.forms[0] if reading.forms else None
    for form in reading.forms[1:]:
        if first is not None and form.month != first.month:
            reading.error(
                "month_mixed",
                Place(form.place.file),
                month=cn_month(form.month),
                other=first.place.file,
                other_month=cn_month(first.month),
            )


def _without_copies(reading: Reading) -> list[FilledForm]:
    """The forms, each unit's once: an identical copy is dropped with a warning, a copy with
    other figures is an error naming both files and the cell."""
    kept: dict[tuple[str, str, str], FilledForm] = {}
    for form in reading.forms:
        key = (form.form.form, form.unit, form.month)
        other = kept.get(key)
        if other is None:
            kept[key] = form
            continue
        mine, theirs = form.values(), other.values()
        if mine == theirs:
            reading.warning("same_file", Place(form.place.file), other=other.place.file)
            continue
        for sheet, cell in sorted(set(mine) | set(theirs), key=_sheet_row_column):
            at = (sheet, cell)
            if mine.get(at) != theirs.get(at):
                where = form.place if at in mine else other.place
                reading.error(
                    "duplicate",
                    Place(where.file, sheet, cell),
                    other=other.place.file,
                    unit=form.unit,
                    month=cn_month(form.month),
                    value=_shown(mine.get(at)),
                    other_value=_shown(theirs.get(at)),
                )
    return list(kept.values())


def _sheet_row_column(key: tuple[str, str]) -> tuple[int, int, str]:
    sheet, ref = key
    order = [layout.TOWN.sheet, layout.OWNER.sheet, *(f.sheet for f in layout.PROBLEM_SHEETS)]
    rank = order.index(sheet) if sheet in order else len(order)
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    return (rank, int(match.group(2)), match.group(1)) if match else (rank, 0, ref)


def _shown(value: tuple[object, ...] | None) -> str:
    if value is None:
        return import_message("empty")
    return import_message("values.join").join(layout.cell_text(v) for v in value if v != "")


# --- one workbook ----------------------------------------------------------------------------


def _read_one(
    path: Path, repo: Repository, today: dt.date, reading: Reading, key: FormKey | None
) -> FilledForm:
    place = Place(str(path))
    try:
        data = read_package(path)  # bounded from here: every part of it is small
    except PackageRefused as refused:
        reading.error(refused.key, place, **refused.params)
        raise _Refused from refused
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's are in English, on what is not read
        try:
            book = load_workbook(
                io.BytesIO(data), read_only=True, data_only=False, keep_links=False
            )
        except Exception as exc:  # openpyxl raises many kinds on a damaged package
            reading.error("unreadable", place, reason=type(exc).__name__)
            raise _Refused from exc
        try:
            return _read_book(book, path, repo, today, reading, key)
        finally:
            book.close()


def _read_book(
    book: Any,
    path: Path,
    repo: Repository,
    today: dt.date,
    reading: Reading,
    key: FormKey | None,
) -> FilledForm:
    place = Place(str(path))
    meta = _meta(book, place, repo, reading)
    form = layout.FORMS[meta["form"]]
    rows = int(meta["rows"])
    sheet = form.sheet
    counts = (
        layout.sheet_counts(form, int(meta["open_rows"]), int(meta["new_rows"]))
        if meta["version"] != "1"
        else []  # version 1: the data sheet only
    )
    for other, _ in [(form, rows), *counts]:
        if other.sheet not in book.sheetnames:
            reading.error("no_sheet", place, sheet=other.sheet)
            raise _Refused
    grids = {
        other.sheet: _grid(book, other, count, Place(str(path), other.sheet), reading)
        for other, count in [(form, rows), *counts]
    }
    place = Place(str(path), sheet)
    ws = grids[sheet]
    refs = layout.checked_refs(form, rows, counts)
    digest = layout.checksum_of(form, ((s, r, grids[s][r].value) for s, r in refs))
    if digest != meta["checksum"]:
        reading.error("checksum", place)
        raise _Refused
    filled = FilledForm(place, form, meta["month"], meta["unit"])
    _check_identity(filled, repo, today, reading)
    origin = check_origin(lambda s, r: grids[s][r].value, meta, counts, repo, key)
    reading.warnings += [f.message(Place(str(path), f.sheet, f.cell)) for f in origin.warnings]
    reading.errors += [f.message(Place(str(path), f.sheet, f.cell)) for f in origin.errors]
    if origin.errors:  # signed by another key, or not what the repository prefills now
        raise _Refused
    for row in range(layout.FIRST_ROW, layout.FIRST_ROW + rows):
        if form is layout.TOWN:
            _read_town_row(ws, row, filled, repo, reading)
        else:
            _read_owner_row(ws, row, filled, repo, reading)
    for other, count in counts:
        sheet_place = Place(str(path), other.sheet)
        for row in range(layout.FIRST_ROW, layout.FIRST_ROW + count):
            if other is layout.OPEN_PROBLEMS:
                read_resolution(grids[other.sheet], row, sheet_place, filled, repo, today, reading)
            else:
                read_new_problem(grids[other.sheet], row, sheet_place, filled, repo, reading)
    return filled


def _meta(book: Any, place: Place, repo: Repository, reading: Reading) -> dict[str, str]:
    """The ``_xjj`` sheet's keys and values, each checked strictly: a value other than what
    ``xjj forms`` writes is refused at its cell."""
    if layout.META_SHEET not in book.sheetnames:
        reading.error("not_form", place)
        raise _Refused
    sheet = Place(place.file, layout.META_SHEET)
    grid = _grid(book, layout.META_SHEET, META_ROWS, sheet, reading, columns=2)
    meta: dict[str, str] = {}
    cells: dict[str, Place] = {}
    for row in range(1, META_ROWS + 1):
        key = grid[f"A{row}"].value
        if not isinstance(key, str):
            continue
        value = layout.cell_text(grid[f"B{row}"].value)
        if key in cells and key in (*layout.META_KEYS, layout.SIGNATURE_KEY):  # which is meant?
            reading.error("bad_meta", sheet.at(f"B{row}"), field=key, value=value)
            raise _Refused
        meta[key], cells[key] = value, sheet.at(f"B{row}")
    version = meta.get("version", "")
    if "version" in meta and not _COUNT.fullmatch(version):
        reading.error("bad_meta", cells["version"], field="version", value=version)
        raise _Refused
    if "version" in meta and version not in layout.READ_VERSIONS:
        expected = import_message("how.join").join(layout.READ_VERSIONS)
        reading.error("version", cells["version"], found=version, expected=expected)
        raise _Refused
    for key in layout.META_KEYS_V1 if version == "1" else layout.META_KEYS:
        if key not in meta:
            reading.error("bad_meta", sheet, field=key, value="")
            raise _Refused
    form = layout.FORMS.get(meta["form"])
    counted = ("rows",) if version == "1" else ("rows", "open_rows", "new_rows")
    valid = {
        "form": form is not None,
        "month": _MONTH.fullmatch(meta["month"]) is not None,
        "unit": _CODE.fullmatch(meta["unit"]) is not None,
        "sheet": form is not None and meta["sheet"] == form.sheet,
        "checksum": _CHECKSUM.fullmatch(meta["checksum"]) is not None,
        **{key: _COUNT.fullmatch(meta[key]) is not None for key in counted},
    }
    for key, ok in valid.items():
        if not ok or (key in counted and int(meta[key]) > MAX_ROWS):
            reading.error("bad_meta", cells[key], field=key, value=meta[key])
            raise _Refused
    if meta["unit"] not in (repo.towns if form is layout.TOWN else repo.units):
        key = "unknown_town" if form is layout.TOWN else "unknown_unit"
        reading.error(key, cells["unit"], unit=meta["unit"])
        raise _Refused
    return meta


def _grid(
    book: Any,
    sheet: str | layout.Form,
    rows: int,
    place: Place,
    reading: Reading,
    *,
    columns: int = 0,
) -> Grid:
    """The cells of a form's sheet in its columns down to its last item row (``rows`` item
    rows), in one pass over the sheet's XML that keeps nothing else; content below the last
    row (an inserted or appended row) and merged cells are refused at their cells. For the
    ``_xjj`` sheet (named): its first ``columns`` columns of its first ``rows`` rows, and
    nothing refused.

    Nothing here believes the sheet's ``<dimension>`` or makes a cell that is not written (a
    cell at XFD1048576 is one cell, not a grid of seventeen billion): the size of the sheet
    part bounds the time (package.MAX_PART_BYTES), the form's rows and columns the memory."""
    form = sheet if isinstance(sheet, layout.Form) else None
    if form is not None:
        last = layout.FIRST_ROW + rows - 1
        columns = max(column_index_from_string(c.letter) for c in form.columns)
        sheet = form.sheet
    else:
        last = rows
    ws = book[sheet]
    if not isinstance(ws, ReadOnlyWorksheet):  # a chart sheet of that name
        reading.error("no_sheet", Place(place.file), sheet=sheet)
        raise _Refused
    cells: dict[str, CellRead] = {}
    # openpyxl's own parser of a read-only sheet (openpyxl is pinned): ``iter_rows`` would pad
    # every row to the last column of the row or of the (hostile) <dimension>
    sheet_part: Any = ws
    try:
        with sheet_part._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet_part._shared_strings,
                data_only=False,
                epoch=book.epoch,
                date_formats=book._date_formats,
                timedelta_formats=book._timedelta_formats,
            )
            for _, row in parser.parse():
                for cell in row:
                    number, column = cell["row"], cell["column"]
                    if number > last:
                        if form is not None and _written(cell["value"]):
                            at = place.at(_ref(column, number))
                            reading.error("extra_row", at, rows=rows, last=last)
                            raise _Refused
                    elif number >= 1 and 1 <= column <= columns:
                        read = ReadOnlyCell(ws, **cell)
                        cells[_ref(column, number)] = CellRead(
                            read.value, read.data_type, read.number_format
                        )
    except _Refused:
        raise
    except Exception as exc:  # a damaged sheet (openpyxl raises many kinds)
        reading.error("unreadable", place, reason=type(exc).__name__)
        raise _Refused from exc
    if form is not None and parser.merged_cells is not None:
        _refuse_merged(sorted(str(m.ref) for m in parser.merged_cells.mergeCell), place, reading)
    return Grid(cells)


def _written(value: object) -> bool:
    return value is not None and bool(str(value).strip(_SPACES))


def _refuse_merged(ranges: list[str], place: Place, reading: Reading) -> None:
    for merged in ranges[:MERGED_SHOWN]:
        reading.error("merged", place.at(merged))
    if len(ranges) > MERGED_SHOWN:
        reading.error("merged_more", place, count=len(ranges) - MERGED_SHOWN)
    if ranges:
        raise _Refused


def _ref(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _check_identity(form: FilledForm, repo: Repository, today: dt.date, reading: Reading) -> None:
    """The month has begun, and the unit is one of the repository's."""
    if form.month > month_of(today):
        reading.error("month_future", Place(form.place.file), month=cn_month(form.month))
        raise _Refused
    known = repo.towns if form.form is layout.TOWN else repo.units
    if form.unit not in known:
        key = "unknown_town" if form.form is layout.TOWN else "unknown_unit"
        reading.error(key, Place(form.place.file), unit=form.unit)
        raise _Refused


# --- the rows -------------------------------------------------------------------------------


def _read_town_row(
    ws: Cells, row: int, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    town = layout.TOWN
    metric = layout.cell_text(ws[f"{town.letter('metric')}{row}"].value)
    if metric not in known_metrics(repo):
        reading.error(
            "unknown_metric", form.place.at(f"{town.letter('metric')}{row}"), metric=metric
        )
        return
    unit = _metric_unit(repo, metric)
    ref = f"{town.letter('completed')}{row}"
    value = _number(ws, ref, form.place, reading, units=(unit, *IMPORT_UNITS["count"]), whole=True)
    if value is None:
        return
    place = form.place.at(ref)
    last = _whole(ws[f"{town.letter('last')}{row}"].value)
    if value > layout.TOWN_COMPLETED_MAX:
        reading.error(
            "too_large", place, value=layout.cell_text(value), limit=layout.TOWN_COMPLETED_MAX
        )
    elif last is not None and value < last:
        reading.error("below_last", place, value=layout.cell_text(value), last=last)
    else:
        target = _whole(ws[f"{town.letter('target')}{row}"].value) or 0
        form.figures.append(TownFigureIn(form.unit, metric, target, int(value), place))


def _read_owner_row(
    ws: Cells, row: int, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    owner = layout.OWNER
    project = layout.cell_text(ws[f"{owner.letter('project')}{row}"].value)
    refs = {key: f"{owner.letter(key)}{row}" for key in ("percent", "invested", "note")}
    percent = _number(
        ws, refs["percent"], form.place, reading, units=IMPORT_UNITS["percent"], percent=True
    )
    invested = _number(ws, refs["invested"], form.place, reading, units=IMPORT_UNITS["money"])
    note = _note(ws, refs["note"], form.place, reading)
    if percent is None and invested is None and note is None:
        return  # not reported: no entry is written
    sourced = repo.projects.get(project)
    if sourced is None:
        at = form.place.at(f"{owner.letter('project')}{row}")
        reading.error("unknown_project", at, project=project)
        return
    if sourced.record.owner != form.unit:
        at = form.place.at(f"{owner.letter('project')}{row}")
        reading.error("not_owner", at, project=project, owner=sourced.record.owner, unit=form.unit)
        return
    missing = [
        owner.heading(key)
        for key, value in (("percent", percent), ("invested", invested))
        if value is None and str(form.place.at(refs[key])) not in reading.failed
    ]
    if missing:
        reading.error(
            "incomplete",
            form.place.at(refs["percent"]),
            missing=import_message("how.join").join(missing),
        )
        return
    if percent is None or invested is None:
        return  # the cell's own error is recorded
    ok = True
    if not 0 <= percent <= 100:
        reading.error("percent_range", form.place.at(refs["percent"]), value=_plain(percent))
        ok = False
    last_percent = _float(ws[f"{owner.letter('last_percent')}{row}"].value)
    if ok and last_percent is not None and percent < last_percent:
        place = form.place.at(refs["percent"])
        reading.error("percent_below", place, value=_plain(percent), last=_plain(last_percent))
        ok = False
    last_invested = _float(ws[f"{owner.letter('last_invested')}{row}"].value)
    if last_invested is not None and invested < last_invested:
        place = form.place.at(refs["invested"])
        reading.error("invested_below", place, value=_plain(invested), last=_plain(last_invested))
        ok = False
    if ok:
        form.progress.append(
            ProgressIn(project, percent, invested, note, form.place.at(refs["percent"]))
        )


def _metric_unit(repo: Repository, metric: str) -> str:
    domain, _, local = metric.partition(".")
    sourced = repo.domains.get(domain)
    if sourced is not None:
        for m in sourced.record.metrics:
            if m.id == local:
                return m.unit
    return IMPORT_UNITS["count"][0]


def _whole(value: object) -> int | None:
    number = _float(value)
    return int(number) if number is not None else None


def _float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _plain(value: float) -> str:
    return layout.cell_text(value)


def _note(
    ws: Cells,
    ref: str,
    place: Place,
    reading: Reading,
    *,
    limit: int = layout.NOTE_MAX,
    key: str = "note_long",
) -> str | None:
    cell = ws[ref]
    if cell.data_type == "f":
        reading.error("formula", place.at(ref), formula=cell.value)
        return None
    typed = layout.cell_text(cell.value)
    text = typed.strip(_SPACES)
    if not text:
        return None
    if len(text) > limit:
        reading.error(key, place.at(ref), length=len(text), limit=limit)
        return None
    control = _CONTROLS.search(typed)
    if control:
        char, position = control.group(), control.start() + 1
        reading.error("control", place.at(ref), value=text, char=char, position=position)
        return None
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
        how = import_message("how.line_break")
        reading.warning("normalised", place.at(ref), raw=typed, value=text, how=how)
    return text


def _typed(ws: Cells, ref: str, sheet: Place, reading: Reading) -> tuple[Any, Place] | None:
    """What a person typed in the cell ``ref``, and where; None when the cell is empty, or holds
    a formula (then an error is recorded: figures are typed, not computed)."""
    cell = ws[ref]
    value = cell.value
    place = sheet.at(ref)
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        reading.error("formula", place, formula=value)
        return None
    if value is None or (isinstance(value, str) and not value.strip(_SPACES)):
        return None
    return value, place


def _number(
    ws: Cells,
    ref: str,
    sheet: Place,
    reading: Reading,
    *,
    units: Iterable[str],
    whole: bool = False,
    percent: bool = False,
) -> float | None:
    """The number in the cell ``ref`` as people type it, each normalisation a warning; None
    when the cell is empty or cannot be read (then an error is recorded)."""
    typed = _typed(ws, ref, sheet, reading)
    if typed is None:
        return None
    value, place = typed
    how: list[str] = []
    number: float
    if isinstance(value, dt.datetime | dt.date | dt.time):
        shown = value.date() if isinstance(value, dt.datetime) else value
        reading.error("date_not_number", place, value=shown.isoformat())
        return None
    if isinstance(value, bool):
        reading.error("not_number", place, value=value, example=_example(whole))
        return None
    if isinstance(value, int | float):
        number = float(value)
        if percent and "%" in (ws[ref].number_format or ""):
            number = round(number * 100, _DECIMALS)
            how.append(import_message("how.percent_format"))
        elif isinstance(value, float) and value.is_integer():
            how.append(import_message("how.float"))
    else:
        parsed = _parse_text(str(value), units, how)
        if parsed is None:
            reading.error("not_number", place, value=value, example=_example(whole))
            return None
        number = parsed
    if number < 0:
        reading.error("negative", place, value=layout.cell_text(value))
        return None
    if whole and not number.is_integer():
        reading.error("not_whole", place, value=layout.cell_text(value))
        return None
    number = round(number, _DECIMALS)
    if how:
        reading.warning(
            "normalised",
            place,
            raw=value,
            value=layout.cell_text(number),
            how=import_message("how.join").join(how),
        )
    return number


def _parse_text(raw: str, units: Iterable[str], how: list[str]) -> float | None:
    """A number typed as text (１，２３４个 → 1234), saying in ``how`` what was changed."""
    text = raw.strip(_SPACES)
    if text != raw:
        how.append(import_message("how.spaces"))
    wide = halfwidth(text)
    if wide != text:
        how.append(import_message("how.wide"))
    text = wide.strip()
    for unit in sorted({u for u in units if u}, key=len, reverse=True):
        narrow = halfwidth(unit)
        if text.endswith(narrow) and len(text) > len(narrow):
            text = text[: -len(narrow)].strip()
            how.append(import_message("how.unit", unit=unit))
            break
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
        how.append(import_message("how.thousands"))
    if not _NUMBER.fullmatch(text):
        return None
    how.append(import_message("how.text"))
    if "." in text and float(text).is_integer():
        how.append(import_message("how.float"))
    return float(text)


def _example(whole: bool) -> str:
    return "1234" if whole else "65.5"


# --- the problems sheets (issue 13) ----------------------------------------------------------


def read_resolution(
    ws: Cells,
    row: int,
    sheet: Place,
    form: FilledForm,
    repo: Repository,
    today: dt.date,
    reading: Reading,
) -> None:
    """A 办结 date typed on an open problem's row: not before the problem was raised, not
    after the day of the import."""
    columns = layout.OPEN_PROBLEMS
    ref = f"{columns.letter('resolved')}{row}"
    day = read_date(ws, ref, sheet, reading)
    if day is None:
        return
    problem_id = layout.cell_text(ws[f"{columns.letter('problem')}{row}"].value)
    problem = next((s.record for s in repo.problems if s.record.id == problem_id), None)
    place = sheet.at(ref)
    if problem is None:
        at = sheet.at(f"{columns.letter('problem')}{row}")
        reading.error("unknown_problem", at, problem=problem_id)
    elif day < problem.raised:
        reading.error("resolved_before_raised", place, value=day.isoformat(), raised=problem.raised)
    elif day > today:
        reading.error("date_future", place, value=day.isoformat(), today=today.isoformat())
    else:
        form.resolutions.append(ResolutionIn(problem_id, day, place))


def read_new_problem(
    ws: Cells, row: int, sheet: Place, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    """A problem raised on a row of the new problems sheet: the project and the responsible
    unit chosen by name (read as codes), the text and the deadline (not before the month's
    end, the day the problem counts as raised)."""
    columns = layout.NEW_PROBLEMS
    refs = {key: f"{columns.letter(key)}{row}" for key in ("project_name", "text", "unit_name")}
    refs["deadline"] = f"{columns.letter('deadline')}{row}"
    failed_before = len(reading.errors)
    project_name = _note(ws, refs["project_name"], sheet, reading)
    text = _note(ws, refs["text"], sheet, reading, limit=layout.PROBLEM_MAX, key="problem_long")
    unit_name = _note(ws, refs["unit_name"], sheet, reading)
    deadline = read_date(ws, refs["deadline"], sheet, reading)
    if len(reading.errors) > failed_before:
        return  # a cell's own error is recorded
    typed = {"project_name": project_name, "text": text, "unit_name": unit_name}
    if not any(typed.values()) and deadline is None:
        return  # an empty row
    missing = [key for key, value in {**typed, "deadline": deadline}.items() if value is None]
    if missing:
        reading.error(
            "problem_incomplete",
            sheet.at(refs[missing[0]]),
            missing=import_message("how.join").join(columns.heading(k) for k in missing),
        )
        return
    assert project_name and text and unit_name and deadline  # none is missing
    owned = {
        code: s.record.name for code, s in repo.projects.items() if s.record.owner == form.unit
    }
    project = _code_of(project_name, owned, sheet.at(refs["project_name"]), "project", reading)
    from xjj_cli.forms.write import unit_names

    unit = _code_of(unit_name, unit_names(repo), sheet.at(refs["unit_name"]), "unit", reading)
    raised = month_end(form.month)
    if deadline < raised:
        reading.error(
            "deadline_before_raised",
            sheet.at(refs["deadline"]),
            value=deadline.isoformat(),
            raised=raised.isoformat(),
        )
        return
    if project is not None and unit is not None:
        form.new_problems.append(
            NewProblemIn(project, text, unit, deadline, sheet.at(refs["text"]))
        )


def _code_of(
    typed: str, names: dict[str, str], place: Place, kind: str, reading: Reading
) -> str | None:
    """The code of the name ``typed``: the name itself; the name written with other spaces or
    full-width forms, or the code typed instead (each a warning); else an error naming the
    closest name ("did you mean")."""
    for code, name in names.items():
        if typed == name:
            return code
    squeezed = _squeezed(typed)
    for code, name in names.items():
        if squeezed == _squeezed(name):
            how = import_message("how.name_form")
            reading.warning("normalised", place, raw=typed, value=name, how=how)
            return code
    lowered = typed.strip(_SPACES).lower()
    for code, name in names.items():
        if lowered == code.lower():
            how = import_message("how.code")
            reading.warning("normalised", place, raw=typed, value=name, how=how)
            return code
    guess = code_for_name(typed, names)
    reading.error(
        f"unknown_{kind}_name",
        place,
        value=typed,
        suggestion=suggestion(names[guess] if guess else None),
    )
    return None


def _squeezed(text: str) -> str:
    """A name as compared loosely: half-width, without spaces."""
    return re.sub(r"\s+", "", halfwidth(text))


_EXCEL_SERIALS = (1, 2_958_465)
"""The serial numbers Excel can show as dates (1900-01-01 to 9999-12-31)."""


def read_date(ws: Cells, ref: str, sheet: Place, reading: Reading) -> dt.date | None:
    """The date in the cell ``ref`` as people type it — a date cell as it is; a date and a
    time, an Excel serial number or a text (2026/11/5, 2026-11-05, 2026年11月5日) as a date,
    each a warning; None when the cell is empty or cannot be read (then an error)."""
    typed = _typed(ws, ref, sheet, reading)
    if typed is None:
        return None
    value, place = typed
    how = ""
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        day = value.date()
        how = "" if value.time() == dt.time() else import_message("how.date_time")
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            from openpyxl.utils.datetime import from_excel

            found = from_excel(value)
            day = found.date() if isinstance(found, dt.datetime) else None
            how = import_message("how.date_serial")
    elif isinstance(value, str):
        guess = date_guess(value)
        day = dt.date.fromisoformat(guess) if guess else None
        how = import_message("how.date_text")
    if day is None:
        reading.error("not_date", place, value=layout.cell_text(value))
        return None
    if how:
        reading.warning("normalised", place, raw=value, value=day.isoformat(), how=how)
    return day
