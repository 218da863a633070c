"""Issue 23 §4: writing a form costs the same style work however many rows it has, and the
package is made in memory (no temporary file per sheet), with the bytes it always had.

No timing here (speed is measured in bench/): these pin what makes the writing cheap — each
distinct cell style looked up once per workbook, not once per cell — and that the cheap way
gives the workbook the per-cell styling gives.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.styleable import StyleableObject
from openpyxl.utils import indexed_list
from openpyxl.worksheet import _writer

from xjj_cli.forms import layout
from xjj_cli.forms.write import CellStyles, FormBook, Office, Value, workbook_bytes
from xjj_cli.ooxml import stable_package, xlsx_bytes


def _town_book(rows: int) -> FormBook:
    items: list[dict[str, Value]] = []
    for number in range(rows):
        row: dict[str, Value] = {c.key: f"指标{number}" for c in layout.TOWN.columns}
        row["target"], row["last"], row["completed"] = 100, number, None
        items.append(row)
    return FormBook(layout.TOWN, "2026-11", "gh", "古槐街道", items)


@pytest.fixture
def style_lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every font, fill, border, alignment, protection and number format openpyxl looks up
    in a workbook's lists of them (the cell formats made of their indices, one per written
    cell and row, are not counted)."""
    seen: list[object] = []
    add = indexed_list.IndexedList.add

    def counting(self: Any, value: object) -> int:
        if not isinstance(value, StyleArray):
            seen.append(value)
        return int(add(self, value))

    monkeypatch.setattr(indexed_list.IndexedList, "add", counting)
    yield seen


def test_a_forms_style_lookups_do_not_grow_with_its_rows(style_lookups: list[object]) -> None:
    office = Office("区新基建指挥部办公室")
    workbook_bytes(_town_book(3), office)
    few = len(style_lookups)
    style_lookups.clear()
    workbook_bytes(_town_book(60), office)
    assert len(style_lookups) == few


def test_xlsx_bytes_makes_no_temporary_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(suffix: str = "") -> str:
        raise AssertionError("a temporary file")

    monkeypatch.setattr(_writer, "create_temporary_file", refused)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "甲"
    data = xlsx_bytes(book, dt.date(2026, 11, 1))
    assert load_workbook(io.BytesIO(data)).active["A1"].value == "甲"  # type: ignore[index]


def _styled(cell: StyleableObject) -> None:
    cell.font = Font(bold=True, size=13)
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    cell.fill = PatternFill("solid", fgColor="FFF2CC")
    cell.protection = Protection(locked=False)
    cell.number_format = "yyyy-mm-dd"


def _other(cell: StyleableObject) -> None:
    cell.alignment = Alignment(horizontal="center")


def _book(cheap: bool) -> Workbook:
    book = Workbook()
    book.properties.created = dt.datetime(2026, 11, 1)  # as the forms set it (default: now)
    sheet = book.active
    assert sheet is not None
    styles = CellStyles()
    for row in range(1, 30):
        for column, make in ((1, _styled), (2, _other), (3, _styled)):
            cell = sheet.cell(row, column, f"{row}-{column}")
            if cheap:
                styles.apply(cell, make.__name__, make)
            else:
                make(cell)
    return book


def test_styles_set_once_give_the_bytes_styling_every_cell_gives() -> None:
    day = dt.date(2026, 11, 1)
    assert xlsx_bytes(_book(cheap=True), day) == xlsx_bytes(_book(cheap=False), day)


def test_xlsx_bytes_are_openpyxls_package_stamped_with_the_day() -> None:
    """The package written in one pass is the package openpyxl saves, made stable after."""
    day = dt.date(2026, 11, 1)
    buffer = io.BytesIO()
    saved = _book(cheap=False)
    saved.save(buffer)
    assert xlsx_bytes(_book(cheap=False), day) == stable_package(buffer.getvalue(), day)
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(_book(cheap=False), day))) as package:
        assert {i.date_time for i in package.infolist()} == {(2026, 11, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
    assert "2026-11-01T00:00:00Z</dcterms:modified>" in core
