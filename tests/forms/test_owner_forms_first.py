"""Owners' forms of the month being collected imported before any town's (issue 26, finding
3): ``validate`` finds nothing ahead of the towns' figures and ``xjj status`` shows the month
being collected — every town still to submit, the owners that did — not the last one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import copy_sample
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files

runner = CliRunner()


def owner_filled(sheet: Any) -> None:
    """Every row of an owner form: last month's percent plus one, the same investment."""
    for row in range(2, sheet.max_row + 1):
        sheet[f"F{row}"] = min(100.0, float(sheet[f"D{row}"].value) + 1)
        sheet[f"G{row}"] = sheet[f"E{row}"].value


@pytest.fixture(scope="module")
def owners_first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample (October reportable) with every owner's November form filled in and
    imported, and no town's."""
    root = tmp_path_factory.mktemp("owners-first")
    data = copy_sample(root)
    forms_files(data, "2026-11", root / "blank")
    owners = sorted((root / "blank").glob("2026-11-*-项目进度.xlsx"))
    assert len(owners) > 1
    for path in owners:
        book = load_workbook(path)
        owner_filled(book[book.sheetnames[1]])
        book.save(path)
    result = runner.invoke(app, ["--data", str(data), "import", *map(str, owners)])
    assert result.exit_code == 0, result.output
    assert not (data / "towns" / "progress" / "2026-11.csv").exists()
    return data


def invoke(data: Path, *args: str) -> Any:
    result = runner.invoke(app, ["--data", str(data), *args])
    assert result.exit_code == 0, result.output
    return result


def test_validate_finds_no_progress_month_ahead(owners_first: Path) -> None:
    result = invoke(owners_first, "validate", "--format", "json")
    codes = [p["code"] for p in json.loads(result.stdout)["warnings"]]
    assert "project.month_ahead" not in codes


def test_status_shows_the_month_being_collected(owners_first: Path) -> None:
    payload = json.loads(invoke(owners_first, "status", "--format", "json").stdout)
    assert payload["month"] == "2026-11" and payload["reportable"] is False
    towns = payload["towns"]
    assert len(towns) == 16 and not any(t["submitted"] for t in towns)
    projects = payload["projects"]
    assert projects and all(p["reported"] for p in projects)
    table = invoke(owners_first, "status").stdout
    assert "2026年11月" in table and "未报送" in table and "已报齐" not in table


def test_the_other_commands_keep_the_latest_reportable_month(owners_first: Path) -> None:
    """A bulletin (or a ranking) is of a reportable month: still October."""
    rankings = json.loads(invoke(owners_first, "rank", "--format", "json").stdout)
    assert {r["month"] for r in rankings} == {"2026-10"}


def test_status_without_any_data_of_the_collecting_month_is_as_before(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    payload = json.loads(invoke(data, "status", "--format", "json").stdout)
    assert payload["month"] == "2026-10" and payload["reportable"] is True


def test_a_progress_month_after_the_collecting_month_still_warns(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    project = data / "projects" / "5g" / "5G-2026-001.yaml"  # progress is its last key
    text = project.read_text("utf-8")
    assert text.rstrip("\n").endswith("note: 已完工，进入运维")
    entry = "  - month: 2026-12\n    percent: 100\n    invested: 1800\n"
    project.write_text(text.rstrip("\n") + "\n" + entry, "utf-8")
    result = runner.invoke(app, ["--data", str(data), "validate", "--format", "json"])
    warnings = json.loads(result.stdout)["warnings"]
    ahead = [w for w in warnings if w["code"] == "project.month_ahead"]
    assert len(ahead) == 1, warnings
    assert "2026-12" in ahead[0]["message"] and "2026-11" in ahead[0]["message"]


def test_a_card_of_the_collecting_month_alone_makes_status_show_it(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    (data / "events" / "2026-11.yaml").write_text(
        "cards:\n  - {date: 2026-11-05, color: yellow, unit: gdgs, subject: 用地报批滞后}\n",
        "utf-8",
    )
    payload = json.loads(invoke(data, "status", "--format", "json").stdout)
    assert payload["month"] == "2026-11"
    assert not any(t["submitted"] for t in payload["towns"])


def test_a_problem_raised_in_the_collecting_month_does_not_move_status(tmp_path: Path) -> None:
    """October's round is collected in November: a problem raised then is not November's data."""
    data = copy_sample(tmp_path)
    ledger = data / "problems" / "2026.yaml"
    problem = (
        "- id: WT-2026-099\n  domain: 5g\n  text: 基站进场协调\n  raised: 2026-11-03\n"
        "  by: gh\n  unit: qzj\n  deadline: 2026-11-30\n"
    )
    ledger.write_text(ledger.read_text("utf-8") + problem, "utf-8")
    result = invoke(data, "validate")
    assert "WT-2026-099" not in result.stderr
    payload = json.loads(invoke(data, "status", "--format", "json").stdout)
    assert payload["month"] == "2026-10"
