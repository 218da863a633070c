"""Issue 28: the month's forms made at province scale — on every core, the parts every form
shares made once — are the bytes the one-by-one path made; an import reads each town's
expected rows from the month's books made once, not once per form.

No timing here (speed is measured in bench/): these pin the bytes, and count the work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import pytest

from conftest import copy_sample
from xjj_cli import ooxml
from xjj_cli.commands.forms import forms_files, forms_month
from xjj_cli.forms import batch, layout, write
from xjj_cli.forms.office import office_book
from xjj_cli.forms.read import read_forms
from xjj_cli.forms.signature import FormKey
from xjj_cli.forms.units import owner_books, unit_books
from xjj_cli.forms.write import FormBook, office_of, town_books, workbook_bytes
from xjj_cli.pipeline import load_valid
from xjj_cli.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

MONTH = "2026-11"
PINNED = Path(__file__).with_name("sample_forms_2026-11.sha256")
"""The sha256 of every form of the sample for 2026-11 as xjj made them before issue 28."""
KEY = FormKey(b"a form key of the office, 32 bytes", "test")


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    """A generated district of some size: town, owner, unit and office forms, with problems."""
    root = tmp_path_factory.mktemp("district")
    data = generate(root, towns=30, projects=240, months=4, seed=5, problems=25)
    return load_valid(data, None)


def _books(repo: Repository, month: str) -> list[FormBook]:
    owners = owner_books(repo, month)
    units = unit_books(repo, month, {book.unit for book in owners})
    return [*town_books(repo, month), *owners, *units, office_book(repo, month)]


def _forget() -> None:
    """Empty what the writer remembers between workbooks."""
    write._SHARED.clear()
    ooxml._STYLESHEETS.clear()
    ooxml._VALIDATIONS.clear()
    ooxml._RULES.clear()


def _month(repo: Repository) -> str:
    """The month being collected (the one ``xjj forms`` makes forms for by default)."""
    return forms_month(repo.months, repo.reportable_months, None)


def test_every_sample_form_has_the_bytes_it_had(tmp_path: Path) -> None:
    """Every workbook of ``xjj forms --month 2026-11`` on the sample, byte for byte."""
    out = tmp_path / "forms"
    forms_files(copy_sample(tmp_path), MONTH, out)
    pinned = dict(line.split("  ")[::-1] for line in PINNED.read_text("utf-8").splitlines())
    made = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.xlsx")}
    assert made == pinned


def test_forms_made_on_two_cores_are_the_bytes_made_on_one(
    district: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made by forked workers and handed back in order, each book's bytes are the ones this
    process makes — owner, unit and office forms too, whose forms the writer tells apart by
    identity (a pickled copy of a book would lose it)."""
    books = _books(district, _month(district))
    office = office_of(district)
    assert {b.form for b in books} >= {layout.TOWN, layout.OWNER, layout.UNIT, layout.OFFICE}
    alone = [workbook_bytes(book, office, KEY) for book in books]
    monkeypatch.setattr(batch, "MIN_BOOKS", 2)
    monkeypatch.setattr(batch, "CHUNK", 3)
    monkeypatch.setattr(batch, "workers_for", lambda count: 2)
    assert list(batch.books_bytes(books, office, KEY)) == alone


def test_large_books_are_tasks_of_their_own(district: Repository) -> None:
    """The workers' tasks cover every book once, in order; small books go sixteen at a time,
    a large owner form alone (the province's owner forms all went to one worker)."""
    books = _books(district, _month(district))
    big = FormBook(layout.OWNER, "2026-11", "big", "big", [{}] * batch.CHUNK_ROWS)
    small = books[0]
    assert len(small.rows) + batch.BOOK_ROWS <= batch.CHUNK_ROWS // batch.CHUNK
    line = [small] * 20 + [big, big, small, small, big] + [small] * 3
    tasks = batch.chunks(line)
    assert [n for task in tasks for n in task] == list(range(len(line)))
    assert [len(task) for task in tasks] == [16, 4, 1, 1, 2, 1, 3]
    assert [n for task in batch.chunks(books) for n in task] == list(range(len(books)))
    assert batch.chunks([]) == []


def test_a_few_books_are_made_here_and_many_on_the_cores() -> None:
    assert batch.workers_for(batch.MIN_BOOKS - 1) == 1
    assert batch.workers_for(batch.MIN_BOOKS) >= 1


def test_a_workbook_made_after_others_is_the_one_made_first(district: Repository) -> None:
    """The stylesheets and validations remembered from earlier workbooks give each one the
    bytes it has when made first."""
    books = _books(district, _month(district))
    office = office_of(district)
    after_others = [workbook_bytes(book, office, None) for book in books]
    first = []
    for book in reversed(books):
        _forget()
        first.append(workbook_bytes(book, office, None))
    assert first[::-1] == after_others


def test_an_import_finds_the_months_town_books_once(
    district: Repository, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every town's form makes the month's town books once (not once per form), and
    each town's expected rows are the ones made for it alone."""
    month = _month(district)
    office = office_of(district)
    towns = town_books(district, month)
    paths = []
    for book in towns:
        path = tmp_path / f"{book.unit}.xlsx"
        path.write_bytes(workbook_bytes(book, office, None))
        paths.append(path)
    made: list[str | None] = []
    every = write._town_books

    def counting(repo: Repository, month: str, only: str | None = None) -> list[FormBook]:
        made.append(only)
        return every(repo, month, only)

    monkeypatch.setattr(write, "_town_books", counting)
    reading = read_forms(paths, district, today=dt.date(2099, 1, 1))
    assert made == [None]
    assert not reading.errors
    assert [f.unit for f in reading.forms] == [b.unit for b in towns]
    with write.towns_remembered():
        for book in towns:
            assert write.town_books(district, month, only=book.unit) == every(
                district, month, book.unit
            )
    assert write.town_books(district, month, only="nowhere") == []


def test_owner_forms_share_their_rows_validations(
    district: Repository, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two owner forms of different lengths make their data sheets' rows' validations once
    (they point into no list of the form's rows), their new problems sheets' each anew."""
    month = _month(district)
    owners = owner_books(district, month)[:2]
    assert len({len(book.rows) for book in owners}) == 2
    office = office_of(district)
    made: list[tuple[str, int]] = []
    every = write._validations

    def counting(form: layout.Form, row: int, book: FormBook) -> list[object]:
        made.append((form.sheet, row))
        return every(form, row, book)  # type: ignore[return-value]

    _forget()
    monkeypatch.setattr(write, "_validations", counting)
    for book in owners:
        workbook_bytes(book, office, None)
    data = [row for sheet, row in made if sheet == layout.OWNER.sheet]
    assert sorted(data) == list(
        range(layout.FIRST_ROW, layout.FIRST_ROW + max(map(len, [b.rows for b in owners])))
    )
    new = [row for sheet, row in made if sheet == layout.NEW_PROBLEMS.sheet]
    assert len(new) == 2 * layout.NEW_PROBLEM_ROWS


def test_a_list_of_validations_is_the_xml_openpyxl_makes() -> None:
    """Each rule's element made once and copied gives openpyxl's list, rules without cells
    left out."""
    from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList
    from openpyxl.xml.functions import tostring

    rules = [DataValidation(type="whole", formula1=str(n), error="错误") for n in range(4)]
    for n, rule in enumerate(rules[:3]):
        rule.add(f"B{n + 3}")
    for listed in (rules, rules[:1], rules[3:], [*rules[:2], *rules[:2]]):
        expected = tostring(DataValidationList(dataValidation=listed).to_tree())
        assert tostring(ooxml._validations_tree(tuple(listed))) == expected
        assert tostring(ooxml._validations_tree(tuple(listed))) == expected  # remembered
