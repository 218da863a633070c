"""Issue 28: the import's second validation (the repository with the import's files, on a
copy) reads the repository's cache for every file whose content is there, parses only what
the import changes, writes nothing into that cache, and finds what a validation that parses
every file finds — an invalid import is still refused.

No timing here (speed is measured in bench/): the parses are counted.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from xjj_cli.commands.forms import forms_files
from xjj_cli.commands.import_ import import_files
from xjj_cli.errors import DataError
from xjj_cli.forms import apply, batch, layout, read
from xjj_cli.forms.apply import CopyCheck, checked_copy
from xjj_cli.forms.book import Parsed, open_book
from xjj_cli.forms.read import read_forms
from xjj_cli.load import reader, records
from xjj_cli.load.cache import CACHE_DIR
from xjj_cli.load.reader import LoadOptions
from xjj_cli.pipeline import load_valid
from xjj_cli.validate import validate_repository

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

MONTH = "2026-11"
NO_CACHE = LoadOptions(use_cache=False)


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files parsed in this process from now on (rel), in order."""
    parsed: list[str] = []
    every = records.load_file

    def counting(kind: Any, location: Any, rel: str, data: bytes) -> Any:
        parsed.append(rel)
        return every(kind, location, rel, data)

    monkeypatch.setattr(reader, "load_file", counting)
    monkeypatch.setattr(reader, "PARALLEL_MIN_FILES", 10**9)  # every parse in this process
    yield parsed


@pytest.fixture
def district(tmp_path: Path) -> Path:
    """A generated district (towns, projects, problems) whose cache is warm."""
    data: Path = generate(
        tmp_path / "district", towns=12, projects=60, months=3, seed=7, problems=8
    )
    validate_repository(data)
    return data


def _cache(data: Path) -> dict[str, bytes]:
    folder = data.parent / CACHE_DIR
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.pickle")}


def _project(data: Path) -> Path:
    return sorted((data / "projects").rglob("*.yaml"))[0]


def _same(one: CopyCheck, other: CopyCheck) -> None:
    assert one.errors == other.errors
    assert [(p.code, p.location, p.message, i) for p, i in one.warnings] == [
        (p.code, p.location, p.message, i) for p, i in other.warnings
    ]


def test_the_copy_parses_only_the_files_the_import_changes(
    district: Path, tmp_path: Path, parses: list[str]
) -> None:
    """Every town's form filled and imported: the repository and its copy are read from the
    cache, and only the month's new figures file is parsed (before: every file again)."""
    forms = tmp_path / "forms"
    month = _next_month(district)
    forms_files(district, month, forms)
    paths = [_filled(p) for p in sorted(forms.glob("*-月度数据.xlsx"))]
    parses.clear()
    outcome = import_files(district, paths, today=dt.date(2099, 1, 1))
    written = [p.relative_to(district.parent).as_posix() for p in outcome.paths]
    assert written == [f"data/towns/progress/{month}.csv"]
    assert parses == written


def test_the_copy_finds_what_a_full_parse_finds_and_writes_no_cache(
    district: Path, parses: list[str]
) -> None:
    """A project file changed (a warning or an error in it) and one left as it is: the copy
    parses the changed file alone, finds exactly what a copy parsing every file finds, and
    the repository's cache is as it was."""
    project = _project(district)
    text = project.read_text("utf-8")
    for changed in (text + "\n# a comment\n", text.replace("id:", "id: [", 1)):
        before = _cache(district)
        parses.clear()
        borrowed = checked_copy(district, {project: changed.encode()}, LoadOptions())
        assert parses == [project.relative_to(district.parent).as_posix()]
        assert _cache(district) == before
        parses.clear()
        _same(borrowed, checked_copy(district, {project: changed.encode()}, NO_CACHE))
        assert len(parses) > 50  # the full parse, for the comparison
    assert borrowed.errors  # the second: a broken YAML file


def test_an_unchanged_file_written_by_the_import_is_read_from_the_cache(
    district: Path, parses: list[str]
) -> None:
    """The cache vouches for content, not for names: the same bytes written again are not
    parsed; other bytes under the same name are."""
    project = _project(district)
    checked_copy(district, {project: project.read_bytes()}, LoadOptions())
    assert parses == []


def test_a_file_changed_since_the_cache_was_written_is_parsed_in_the_copy(
    district: Path, parses: list[str]
) -> None:
    """A file changed in the repository after its last validation: its cached result is not
    its content's, so the copy parses it (the stat of the repository's file is not trusted
    for the copy's)."""
    project = _project(district)
    project.write_text(project.read_text("utf-8") + "\n# changed\n", "utf-8")
    checked_copy(district, {}, LoadOptions())
    assert parses == [project.relative_to(district.parent).as_posix()]


def test_an_invalid_import_is_still_refused(
    district: Path, tmp_path: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import whose files leave the repository invalid is refused by the copy's check,
    with the cache, and nothing is written."""
    forms = tmp_path / "forms"
    month = _next_month(district)
    forms_files(district, month, forms)
    paths = [_filled(p) for p in sorted(forms.glob("*-月度数据.xlsx"))[:2]]
    project = _project(district)
    planned = apply.plan_changes

    def broken(*args: Any, **kwargs: Any) -> Any:
        plan = planned(*args, **kwargs)
        plan.files[project] = b"id: [\n"
        return plan

    monkeypatch.setattr(apply, "plan_changes", broken)
    before = project.read_bytes()
    with pytest.raises(DataError) as refused:
        import_files(district, paths, today=dt.date(2099, 1, 1))
    assert project.relative_to(district.parent).as_posix() in str(refused.value)
    assert project.read_bytes() == before
    assert not (district / "towns" / "progress" / f"{month}.csv").exists()


def test_without_the_cache_the_copy_parses_every_file(
    district: Path, tmp_path: Path, parses: list[str]
) -> None:
    """``--no-cache``: the copy reads no cache either (as before)."""
    project = _project(district)
    checked_copy(district, {project: project.read_bytes()}, NO_CACHE)
    assert project.relative_to(district.parent).as_posix() in parses
    assert len(parses) > 50


def test_no_cache_folder_is_made_for_the_copy(tmp_path: Path, parses: list[str]) -> None:
    """A repository without a cache: the copy's check makes none beside it."""
    data = generate(tmp_path / "bare", towns=4, projects=8, months=2, seed=3, problems=0)
    assert checked_copy(data, {}, LoadOptions()).errors == []
    assert not (data.parent / CACHE_DIR).exists()


def test_the_forms_shared_parts_are_parsed_once_and_read_as_before(
    district: Path, tmp_path: Path
) -> None:
    """Every town form of a month shares its stylesheet and content types: parsed once, and
    each workbook read from them is the one openpyxl's ``load_workbook`` reads."""
    forms = tmp_path / "forms"
    month = _next_month(district)
    forms_files(district, month, forms)
    paths = [_filled(p) for p in sorted(forms.glob("*-月度数据.xlsx"))]
    parsed = Parsed()
    for path in paths:
        ours: Any = open_book(path.read_bytes(), parsed)
        theirs: Any = load_workbook(path, read_only=True, data_only=False, keep_links=False)
        assert ours.sheetnames == theirs.sheetnames
        assert ours._date_formats == theirs._date_formats
        assert list(ours._number_formats) == list(theirs._number_formats)
        assert [s.numFmtId for s in ours._cell_styles] == [s.numFmtId for s in theirs._cell_styles]
        for name in ours.sheetnames:
            assert [[(c.value, c.number_format) for c in row] for row in ours[name].rows] == [
                [(c.value, c.number_format) for c in row] for row in theirs[name].rows
            ]
        theirs.close()
    assert parsed.parses == 2  # one stylesheet, one content types
    repo = load_valid(district)
    reading = read_forms(paths, repo, dt.date(2099, 1, 1))
    assert not reading.errors
    assert len(reading.forms) == len(paths)


def _next_month(data: Path) -> str:
    repo = load_valid(data)
    last = repo.months[-1]
    year, month = int(last[:4]), int(last[5:])
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def _filled(path: Path) -> Path:
    """A town form filled as a clerk fills it (each figure above last month's)."""
    book = load_workbook(path)
    sheet = book["月度数据"]
    for row in range(2, sheet.max_row + 1):
        sheet[f"F{row}"] = f"{int(sheet[f'E{row}'].value) + row:,}个"
    book.save(path)
    return path


def test_forms_read_on_two_cores_are_read_as_on_one(
    district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read by forked workers, every form of the month (town, owner, unit, office; one of them
    broken, one given twice) gives the reading this process gives: the same forms — each
    with its ``layout.Form`` itself, not a copy — errors and warnings, in the same order."""
    forms = tmp_path / "forms"
    month = _next_month(district)
    forms_files(district, month, forms)
    paths = sorted(forms.glob("*.xlsx"))
    for path in paths:
        if path.name.endswith("-月度数据.xlsx"):
            _filled(path)
    paths[1].write_bytes(b"not a workbook")
    paths.append(paths[0])
    repo = load_valid(district)
    today = dt.date(2099, 1, 1)
    here = read_forms(paths, repo, today)
    monkeypatch.setattr(read, "MIN_FORMS", 2)
    monkeypatch.setattr(batch, "MIN_BOOKS", 2)
    assert batch.workers_for(len(paths)) > 1  # the workers are used
    forked = read_forms(paths, repo, today)
    assert forked.errors == here.errors and forked.errors
    assert forked.warnings == here.warnings
    assert forked.failed == here.failed
    assert forked.forms == here.forms
    assert [f.form for f in forked.forms] == [f.form for f in here.forms]
    assert all(f.form is layout.FORMS[f.form.form] for f in forked.forms)
    assert {f.form.form for f in forked.forms} == set(layout.FORMS)
