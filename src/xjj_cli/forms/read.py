"""Read filled workbooks (SPEC §8): recognise an xjj form, refuse what cannot be trusted,
and normalise what people type into the cells to fill.

Nothing here writes; ``apply`` turns what was read into changes of the repository. Every
problem names its workbook and, where there is one, its ``sheet!cell``; all problems of all
workbooks are collected before anything is refused.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import WorkSheetParser

from xjj_cli.forms import layout
from xjj_cli.forms.batch import in_workers, workers_for
from xjj_cli.forms.book import Parsed, open_book
from xjj_cli.forms.cells import SPACES
from xjj_cli.forms.collecting import month_refusal, months_remembered
from xjj_cli.forms.filled import CellRead, FilledForm, Grid, Place, Reading, Refused
from xjj_cli.forms.identity import Finding, check_origin
from xjj_cli.forms.office import read_card_row, read_report_row
from xjj_cli.forms.package import PackageRefused, read_package
from xjj_cli.forms.rows import (
    read_new_problem,
    read_owner_row,
    read_resolution,
    read_task_row,
    read_town_row,
)
from xjj_cli.forms.signature import FormKey
from xjj_cli.forms.write import towns_remembered, unit_names
from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.forms import import_message
from xjj_cli.model import CODE_PATTERN, MONTH_PATTERN
from xjj_cli.months import month_of
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


def read_forms(
    paths: Sequence[Path],
    repo: Repository,
    today: dt.date,
    key: FormKey | None = None,
    amend: str | None = None,
) -> Reading:
    """Read every workbook in ``paths`` against ``repo``, each signed with ``key`` when there
    is one; the same file twice counts once. A form of a reportable month is refused unless
    ``amend`` names it, one after the month being collected always (SPEC §8)."""
    reading = Reading()
    seen: set[Path] = set()
    unique = []
    for path in paths:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(path)
    with towns_remembered(), months_remembered():  # ``repo`` stays as it is while read
        for one in read_each(unique, repo, today, key, amend):
            reading.errors += one.errors
            reading.warnings += one.warnings
            reading.failed |= one.failed
            reading.forms += one.forms
    _check_months(reading)
    reading.forms = _without_copies(reading, unit_names(repo))
    return reading


MIN_FORMS = 200
"""The fewest forms read in other processes (as ``batch.MIN_BOOKS``): a district's few are
read here."""
CHUNK = 16


def read_each(
    paths: Sequence[Path],
    repo: Repository,
    today: dt.date,
    key: FormKey | None,
    amend: str | None,
) -> Iterator[Reading]:
    """Each workbook's reading (its form, if read, and its findings), in the paths' order:
    read here, or for many forms with a free core by forked workers, each form read alone as
    here (a form's findings depend on its workbook and ``repo`` only). The first is read here
    before the workers fork, so that what the readers remember (the month's town books) is
    made once and inherited. A form handed back is a pickled copy: its ``layout.Form`` is
    put back by name (the readers tell the forms apart by identity)."""
    parsed = Parsed()  # the parts the forms share, parsed once
    workers = workers_for(len(paths)) if len(paths) >= MIN_FORMS else 1
    if workers == 1:
        for path in paths:
            yield _read_alone(path, repo, today, key, amend, parsed)
        return
    yield _read_alone(paths[0], repo, today, key, amend, parsed)
    groups = [range(n, min(n + CHUNK, len(paths))) for n in range(1, len(paths), CHUNK)]
    make = in_workers(
        lambda n: _read_alone(paths[n], repo, today, key, amend, parsed), groups, workers
    )
    with contextlib.closing(make) as made:  # a caller stopping early stops the workers now
        for group in made:
            for one in group:
                one.forms = [replace(f, form=layout.FORMS[f.form.form]) for f in one.forms]
                yield one


def _read_alone(
    path: Path,
    repo: Repository,
    today: dt.date,
    key: FormKey | None,
    amend: str | None,
    parsed: Parsed,
) -> Reading:
    one = Reading()
    with contextlib.suppress(Refused):  # its findings are in ``one``
        one.forms.append(_read_one(path, repo, today, one, key, amend, parsed))
    return one


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


def _without_copies(reading: Reading, names: dict[str, str]) -> list[FilledForm]:
    """The forms, each unit's once: an identical copy is dropped with a warning, a copy with
    other figures is an error naming both files, the cell and the unit by its ``names``."""
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
                    unit=names.get(form.unit, form.unit),
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
    path: Path,
    repo: Repository,
    today: dt.date,
    reading: Reading,
    key: FormKey | None,
    amend: str | None,
    parsed: Parsed,
) -> FilledForm:
    place = Place(str(path))
    try:
        data = read_package(path)  # bounded from here: every part of it is small
    except PackageRefused as refused:
        reading.error(refused.key, place, **refused.params)
        raise Refused from refused
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's are in English, on what is not read
        try:
            book = open_book(data, parsed)
        except Exception as exc:  # openpyxl raises many kinds on a damaged package
            reading.error("unreadable", place, reason=type(exc).__name__)
            raise Refused from exc
        try:
            return _read_book(book, path, repo, today, reading, key, amend)
        finally:
            book.close()


def _read_book(
    book: Any,
    path: Path,
    repo: Repository,
    today: dt.date,
    reading: Reading,
    key: FormKey | None,
    amend: str | None,
) -> FilledForm:
    place = Place(str(path))
    meta = _meta(book, place, repo, reading)
    form = layout.FORMS[meta["form"]]
    rows = int(meta["rows"])
    sheet = form.sheet
    counts = layout.meta_counts(form, meta)  # version 1: the data sheet only
    sheets = [(form, rows)] if layout.has_data_sheet(form, rows) else []
    for other, _ in [*sheets, *counts]:
        if other.sheet not in book.sheetnames:
            reading.error("no_sheet", place, sheet=other.sheet)
            raise Refused
    grids = {
        other.sheet: _grid(
            book,
            other,
            count,
            Place(str(path), other.sheet),
            reading,
            known=_identities(other, count, repo),
        )
        for other, count in [*sheets, *counts]
    }
    place = Place(str(path), sheet)
    refs = layout.checked_refs(form, rows, counts)
    digest = layout.checksum_of(form, ((s, r, grids[s][r].value) for s, r in refs))
    if digest != meta["checksum"]:
        _refuse_changed(grids, meta, counts, repo, place, reading)
    filled = FilledForm(place, form, meta["month"], meta["unit"])
    _check_identity(filled, repo, today, reading, amend)
    origin = check_origin(lambda s, r: grids[s][r].value, meta, counts, repo, key)
    reading.warnings += [f.message(Place(str(path), f.sheet, f.cell)) for f in origin.warnings]
    reading.errors += [f.message(Place(str(path), f.sheet, f.cell)) for f in origin.errors]
    if origin.errors:  # signed by another key, or not what the repository prefills now
        raise Refused
    for row in range(layout.FIRST_ROW, layout.FIRST_ROW + rows):
        ws = grids[sheet]
        if form is layout.TOWN:
            read_town_row(ws, row, filled, repo, reading)
        elif form is layout.OFFICE:
            read_card_row(ws, row, filled, repo, reading)
        elif form is layout.UNIT:
            read_task_row(ws, row, filled, repo, today, reading)
        else:
            read_owner_row(ws, row, filled, repo, reading)
    for other, count in counts:
        sheet_place = Place(str(path), other.sheet)
        for row in range(layout.FIRST_ROW, layout.FIRST_ROW + count):
            if other is layout.OPEN_PROBLEMS:
                read_resolution(grids[other.sheet], row, sheet_place, filled, repo, today, reading)
            elif other is layout.NONCOOPERATION:
                read_report_row(grids[other.sheet], row, sheet_place, filled, repo, reading)
            elif other is layout.UNIT:  # an owner form's task sheet
                read_task_row(grids[other.sheet], row, filled, repo, today, reading, sheet_place)
            else:
                read_new_problem(grids[other.sheet], row, sheet_place, filled, repo, reading)
    return filled


def _refuse_changed(
    grids: dict[str, Grid],
    meta: dict[str, str],
    counts: list[tuple[layout.Form, int]],
    repo: Repository,
    place: Place,
    reading: Reading,
) -> NoReturn:
    """A form whose prefilled cells are not what was generated (the checksum): a heading not
    where it was (a column deleted, inserted or moved) at its cell, else every prefilled cell
    that is not what the repository prefills, with both values; the bare checksum message
    only when neither names a cell."""
    form = layout.FORMS[meta["form"]]
    for other, _ in [(form, int(meta["rows"])), *counts]:
        for column in other.columns:
            ref = f"{column.letter}{layout.HEADING_ROW}"
            found = layout.cell_text(grids[other.sheet][ref].value)
            expected = other.heading(column.key)
            if found != expected:
                at = Place(place.file, other.sheet, ref)
                shown = found or import_message("empty")
                reading.error("column_changed", at, value=shown, expected=expected)
                raise Refused
    origin = check_origin(lambda s, r: grids[s][r].value, meta, counts, repo, None)
    edited = [w for w in origin.warnings if w.key == "prefilled_edited"]  # by the clerk here
    for finding in [*origin.errors, *edited]:
        if finding.key in ("prefilled", "prefilled_edited"):  # the form was changed
            finding = Finding("changed", finding.sheet, finding.cell, finding.params)
        at = Place(place.file, finding.sheet or place.sheet, finding.cell)
        reading.errors.append(finding.message(at))
    if not origin.errors and not edited:
        reading.error("checksum", place)
    raise Refused


def _meta(book: Any, place: Place, repo: Repository, reading: Reading) -> dict[str, str]:
    """The ``_xjj`` sheet's keys and values, each checked strictly: a value other than what
    ``xjj forms`` writes is refused at its cell."""
    if layout.META_SHEET not in book.sheetnames:
        reading.error("not_form", place)
        raise Refused
    sheet = Place(place.file, layout.META_SHEET)
    grid = _grid(book, layout.META_SHEET, META_ROWS, sheet, reading, columns=2)
    meta: dict[str, str] = {}
    cells: dict[str, Place] = {}
    for row in range(1, META_ROWS + 1):
        key = grid[f"A{row}"].value
        if not isinstance(key, str):
            continue
        value = layout.cell_text(grid[f"B{row}"].value)
        named = (*layout.META_KEYS, layout.TASK_ROWS_KEY, layout.SIGNATURE_KEY)
        if key in cells and key in named:  # which is meant?
            reading.error("bad_meta", sheet.at(f"B{row}"), field=key, value=value)
            raise Refused
        meta[key], cells[key] = value, sheet.at(f"B{row}")
    version = meta.get("version", "")
    if "version" in meta and not _COUNT.fullmatch(version):
        reading.error("bad_meta", cells["version"], field="version", value=version)
        raise Refused
    if "version" in meta and version not in layout.READ_VERSIONS:
        expected = import_message("how.join").join(layout.READ_VERSIONS)
        reading.error("version", cells["version"], found=version, expected=expected)
        raise Refused
    for key in layout.META_KEYS_V1 if version == "1" else layout.META_KEYS:
        if key not in meta:
            reading.error("bad_meta", sheet, field=key, value="")
            raise Refused
    form = layout.FORMS.get(meta["form"])
    counted: tuple[str, ...] = ("rows",) if version == "1" else ("rows", "open_rows", "new_rows")
    if layout.TASK_ROWS_KEY in meta:  # an owner form's task sheet, none on another form
        counted += (layout.TASK_ROWS_KEY,)
    valid = {
        "form": form is not None,
        "month": _MONTH.fullmatch(meta["month"]) is not None,
        "unit": _CODE.fullmatch(meta["unit"]) is not None,
        "sheet": form is not None and meta["sheet"] == form.sheet,
        "checksum": _CHECKSUM.fullmatch(meta["checksum"]) is not None,
        **{key: _COUNT.fullmatch(meta[key]) is not None for key in counted},
    }
    if layout.TASK_ROWS_KEY in meta:
        tasks = meta[layout.TASK_ROWS_KEY]
        valid[layout.TASK_ROWS_KEY] = (
            form is layout.OWNER and _COUNT.fullmatch(tasks) is not None and int(tasks) > 0
        )
    for key, ok in valid.items():
        if not ok or (key in counted and int(meta[key]) > MAX_ROWS):
            reading.error("bad_meta", cells[key], field=key, value=meta[key])
            raise Refused
    if meta["unit"] not in _known_units(form, repo):
        key = "unknown_town" if form is layout.TOWN else "unknown_unit"
        reading.error(key, cells["unit"], unit=meta["unit"])
        raise Refused
    return meta


def _grid(
    book: Any,
    sheet: str | layout.Form,
    rows: int,
    place: Place,
    reading: Reading,
    *,
    columns: int = 0,
    known: frozenset[str] = frozenset(),
) -> Grid:
    """The cells of a form's sheet in its columns down to its last item row (``rows`` item
    rows), in one pass over the sheet's XML that keeps nothing else; content below the last
    row and merged cells are refused at their cells: an inserted row at the row whose identity
    cell (``IDENTITY``) is blank, repeats one above or is none of the ``known``, content
    appended below the last row where it is. For the
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
        raise Refused
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
                            _refuse_extra(
                                form, cells, known, place.at(_ref(column, number)), last, reading
                            )
                    elif number >= 1 and 1 <= column <= columns:
                        read = ReadOnlyCell(ws, **cell)
                        cells[_ref(column, number)] = CellRead(
                            read.value, read.data_type, read.number_format
                        )
    except Refused:
        raise
    except Exception as exc:  # a damaged sheet (openpyxl raises many kinds)
        reading.error("unreadable", place, reason=type(exc).__name__)
        raise Refused from exc
    if form is not None and parser.merged_cells is not None:
        _refuse_merged(sorted(str(m.ref) for m in parser.merged_cells.mergeCell), place, reading)
    return Grid(cells)


IDENTITY: dict[str, str] = {
    layout.TOWN.sheet: "metric",
    layout.OWNER.sheet: "project",
    layout.OPEN_PROBLEMS.sheet: "problem",
    layout.NEW_PROBLEMS.sheet: "number",
    layout.UNIT.sheet: "task",
    layout.OFFICE.sheet: "number",
    layout.NONCOOPERATION.sheet: "number",
}
"""The column of each sheet's prefilled identity of a row: what an inserted row lacks."""


def _identities(form: layout.Form, rows: int, repo: Repository) -> frozenset[str]:
    """The identities a row of ``form`` may hold (``IDENTITY``), from the repository."""
    if form is layout.TOWN:
        return frozenset(known_metrics(repo))
    if form is layout.OWNER:
        return frozenset(repo.projects)
    if form is layout.OPEN_PROBLEMS:
        return frozenset(s.record.id for s in repo.problems)
    if form is layout.UNIT:
        return frozenset(s.record.id for s in repo.tasks)
    return frozenset(str(number) for number in range(1, rows + 1))


def _refuse_extra(
    form: layout.Form,
    cells: dict[str, CellRead],
    known: frozenset[str],
    at: Place,
    last: int,
    reading: Reading,
) -> None:
    """Content below the form's last row: an inserted row when a row above has no identity
    of its own (named at that row, the one to delete), else content appended at ``at``."""
    rows = last - layout.FIRST_ROW + 1
    letter = form.letter(IDENTITY[form.sheet])
    seen: set[str] = set()
    for row in range(layout.FIRST_ROW, last + 1):
        read = cells.get(f"{letter}{row}")
        identity = layout.cell_text(read.value) if read is not None else ""
        if not identity or identity in seen or identity not in known:
            where = Place(at.file, at.sheet, f"A{row}")
            reading.error("inserted_row", where, row=row, rows=rows, last=last)
            raise Refused
        seen.add(identity)
    reading.error("extra_row", at, rows=rows, last=last)
    raise Refused


def _written(value: object) -> bool:
    return value is not None and bool(str(value).strip(SPACES))


def _refuse_merged(ranges: list[str], place: Place, reading: Reading) -> None:
    for merged in ranges[:MERGED_SHOWN]:
        reading.error("merged", place.at(merged))
    if len(ranges) > MERGED_SHOWN:
        reading.error("merged_more", place, count=len(ranges) - MERGED_SHOWN)
    if ranges:
        raise Refused


def _ref(column: int, row: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _check_identity(
    form: FilledForm, repo: Repository, today: dt.date, reading: Reading, amend: str | None
) -> None:
    """The month has begun and may be changed (SPEC §8), and the unit is one of the
    repository's."""
    if form.month > month_of(today):
        reading.error("month_future", Place(form.place.file), month=cn_month(form.month))
        raise Refused
    refusal, params = month_refusal(form.month, repo, amend)
    if refusal:
        reading.error(refusal, Place(form.place.file), **params)
        raise Refused
    if form.unit not in _known_units(form.form, repo):
        key = "unknown_town" if form.form is layout.TOWN else "unknown_unit"
        reading.error(key, Place(form.place.file), unit=form.unit)
        raise Refused


def _known_units(form: layout.Form | None, repo: Repository) -> set[str]:
    """The codes a form's unit may have: a town's on a town form, a unit's on an owner form,
    either on a unit form (a town may answer for a task or a problem)."""
    if form is layout.TOWN:
        return set(repo.towns)
    if form is layout.UNIT:
        return {*repo.units, *repo.towns}
    if form is layout.OFFICE:
        return {layout.OFFICE_UNIT}
    return set(repo.units)
