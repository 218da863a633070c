"""Forms for units that own no project (SPEC §8 "Every unit with something to report gets a
form", issue 26 finding 6): a unit answering for a city key task not yet done or for an open
ledger problem gets a workbook with only the sheets that concern it — the task sheet (完成日期
and a note) and the open problems sheet (办结 date) — and ``xjj import`` reads it back into
``tasks/<year>.yaml`` and ``problems/<year>.yaml``."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import copy_sample
from conftest import filled_copy as filled
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.forms import layout

MONTH = "2026-11"
TASKS = "tasks/2026.yaml"
LEDGER = "problems/2026.yaml"
BOTH = f"{MONTH}-区自然资源局-任务和问题.xlsx"  # qzrj: SJ-2026-03 and open problems
PROBLEMS_ONLY = f"{MONTH}-区能源服务中心-任务和问题.xlsx"  # qnyfw: open problems only
UNIT = layout.UNIT
OPEN = layout.OPEN_PROBLEMS


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's forms for 2026-11."""
    root = tmp_path_factory.mktemp("forms")
    forms_files(copy_sample(root), MONTH, root / "blank")
    return root / "blank"


def run(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), "import", *map(str, args)])


def tasks(data: Path) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in yaml.safe_load((data / TASKS).read_text("utf-8"))}


def test_units_with_only_tasks_or_problems_get_a_workbook_of_those_sheets(blank: Path) -> None:
    names = {p.name for p in blank.iterdir()}
    for unit in ("区自然资源局", "区住建局", "区能源服务中心"):
        assert f"{MONTH}-{unit}-任务和问题.xlsx" in names
        assert f"{MONTH}-{unit}-项目进度.xlsx" not in names
    both = load_workbook(blank / BOTH)
    assert both.sheetnames == [layout.INSTRUCTIONS_SHEET, UNIT.sheet, OPEN.sheet, layout.META_SHEET]
    sheet = both[UNIT.sheet]
    assert [sheet["A2"].value, sheet["E1"].value] == ["SJ-2026-03", "完成日期（请填写）"]
    assert sheet["A3"].value is None  # its only task not done at November's end
    assert both[OPEN.sheet]["A2"].value is not None
    only = load_workbook(blank / PROBLEMS_ONLY)
    assert only.sheetnames == [layout.INSTRUCTIONS_SHEET, OPEN.sheet, layout.META_SHEET]


def test_a_filled_unit_form_imports_its_task_and_problem_dates(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    before = (sample_copy / TASKS).read_text("utf-8")
    book = filled(
        blank,
        tmp_path,
        BOTH,
        {
            UNIT.sheet: {"E2": "2026-11-03", "F2": "用地批复已下达"},
            OPEN.sheet: {"G2": "2026-11-05"},
        },
    )
    problem = load_workbook(book)[OPEN.sheet]["A2"].value
    result = run(sample_copy, book)
    assert result.exit_code == 0, result.output
    assert "SJ-2026-03" in result.stdout and "完成日期：（空） → 2026-11-03" in result.stdout
    task = tasks(sample_copy)["SJ-2026-03"]
    assert str(task["done"]) == "2026-11-03" and task["note"] == "用地批复已下达"
    resolved = {e["id"]: e["resolved"] for e in yaml.safe_load((sample_copy / LEDGER).read_text())}
    assert str(resolved[problem]) == "2026-11-05"
    after = (sample_copy / TASKS).read_text("utf-8")
    changed = [
        (o, n) for o, n in zip(before.splitlines(), after.splitlines(), strict=False) if o != n
    ]
    assert changed[0] == ("  done: null", "  done: 2026-11-03")
    check = CliRunner().invoke(app, ["--data", str(sample_copy), "validate"])
    assert check.exit_code == 0, check.output
    again = run(sample_copy, book)  # the same form again: nothing to change, no refusal
    assert again.exit_code == 0, again.output
    assert (sample_copy / TASKS).read_text("utf-8") == after


def test_a_different_done_date_is_a_conflict_without_force(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    first = filled(blank, tmp_path, BOTH, {UNIT.sheet: {"E2": "2026-11-03"}})
    assert run(sample_copy, first).exit_code == 0
    written = (sample_copy / TASKS).read_bytes()
    second = filled(blank, tmp_path / "2", BOTH, {UNIT.sheet: {"E2": "2026-11-04"}})
    refused = run(sample_copy, second)
    assert refused.exit_code == 1
    assert "中已有 2026-11-03，表中填的是 2026-11-04" in refused.stderr
    assert (sample_copy / TASKS).read_bytes() == written
    forced = run(sample_copy, second, "--force")
    assert forced.exit_code == 0, forced.output
    assert str(tasks(sample_copy)["SJ-2026-03"]["done"]) == "2026-11-04"


def test_a_note_without_its_done_date_is_refused_at_its_cell(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    book = filled(blank, tmp_path, BOTH, {UNIT.sheet: {"F2": "正在办理"}})
    result = run(sample_copy, book)
    assert result.exit_code == 1
    assert f"{BOTH} {UNIT.sheet}!F2" in result.stderr and "没有填完成日期" in result.stderr


# --- owners that also answer for city key tasks (issue 26, finding 6) ---------------------------

OWNER_FORM = f"{MONTH}-区供电公司-项目进度.xlsx"  # gdgs: owns projects, answers for SJ-2026-08


def test_an_owner_with_a_task_gets_the_task_sheet_in_its_owner_workbook(blank: Path) -> None:
    assert f"{MONTH}-区供电公司-任务和问题.xlsx" not in {p.name for p in blank.iterdir()}
    book = load_workbook(blank / OWNER_FORM)
    assert book.sheetnames == [
        layout.INSTRUCTIONS_SHEET,
        layout.OWNER.sheet,
        UNIT.sheet,
        OPEN.sheet,
        layout.NEW_PROBLEMS.sheet,
        layout.META_SHEET,
    ]
    sheet = book[UNIT.sheet]
    assert [sheet["A2"].value, sheet["E1"].value, sheet["A3"].value] == [
        "SJ-2026-08",
        "完成日期（请填写）",
        None,
    ]
    assert sheet.protection.sheet and not sheet["E2"].protection.locked
    said = [row[0] for row in book[layout.INSTRUCTIONS_SHEET].iter_rows(values_only=True)]
    assert any(str(line).startswith(f"五、重点任务：“{UNIT.sheet}”表") for line in said)
    without = load_workbook(blank / f"{MONTH}-任城城投新能源公司-项目进度.xlsx")  # no task
    assert UNIT.sheet not in without.sheetnames


def test_an_owner_forms_task_date_lands_in_the_tasks_file(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    book = filled(blank, tmp_path, OWNER_FORM, {UNIT.sheet: {"E2": "2026/11/20", "F2": "已投运"}})
    before = (sample_copy / TASKS).read_text("utf-8")
    result = run(sample_copy, book)
    assert result.exit_code == 0, result.output
    assert f"{OWNER_FORM} {UNIT.sheet}!E2：“2026/11/20”按 2026-11-20 读入" in result.stderr
    assert "SJ-2026-08" in result.stdout and "完成日期：（空） → 2026-11-20" in result.stdout
    task = tasks(sample_copy)["SJ-2026-08"]
    assert str(task["done"]) == "2026-11-20" and task["note"] == "已投运"
    after = (sample_copy / TASKS).read_text("utf-8")
    changed = [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[0] in "+-"
    ]
    assert changed == ["-   done: null", "+   done: 2026-11-20", "+   note: 已投运"]
    assert "区供电公司：0个项目已填，8个项目未填" in result.stdout  # a task is not a project
    check = CliRunner().invoke(app, ["--data", str(sample_copy), "validate"])
    assert check.exit_code == 0, check.output
    again = run(sample_copy, book)
    assert again.exit_code == 0, again.output
    assert (sample_copy / TASKS).read_text("utf-8") == after


def test_an_owner_forms_bad_task_date_refuses_the_whole_form(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    """All or none: a good progress row and a bad task date — nothing is written."""
    owner = load_workbook(blank / OWNER_FORM)[layout.OWNER.sheet]
    last = {"F2": 100, "G2": owner["E2"].value}
    book = filled(
        blank,
        tmp_path,
        OWNER_FORM,
        {layout.OWNER.sheet: last, UNIT.sheet: {"E2": "2099-01-01", "F2": "已投运"}},
    )
    before = {p: p.read_bytes() for p in sample_copy.rglob("*") if p.is_file()}
    result = run(sample_copy, book)
    assert result.exit_code == 1, result.output
    assert f"{OWNER_FORM} {UNIT.sheet}!E2" in result.stderr and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in sample_copy.rglob("*") if p.is_file()} == before


def test_an_owner_forms_changed_task_cell_is_refused_at_its_cell(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    book = filled(blank, tmp_path, OWNER_FORM, {UNIT.sheet: {"B2": "改过的任务"}})
    result = run(sample_copy, book)
    assert result.exit_code == 1, result.output
    assert f"{OWNER_FORM} {UNIT.sheet}!B2：预填的" in result.stderr


def test_an_owner_responsible_for_a_problem_finds_it_on_its_owner_form(blank: Path) -> None:
    """WT-2026-005 holds up 铁塔's 5G-2026-005 and is 区供电公司's to solve: both forms list it."""
    for name in (OWNER_FORM, f"{MONTH}-铁塔公司任城分公司-项目进度.xlsx"):
        sheet = load_workbook(blank / name)[OPEN.sheet]
        ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert "WT-2026-005" in ids, name
