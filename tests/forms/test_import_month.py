"""xjj import and the month (SPEC §8 "No form can damage a month"): a form of a reportable
month only with --amend, none after the month being collected; what each unit's form filled
in, and the plausibility warnings of §2 at import with validate's ids."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import copy_sample
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.messages.bulletin import bulletin_stem
from xjj_cli.months import collecting_month

TOWN = "古槐街道-月度数据.xlsx"  # gh: 5g.stations, charging.piles, iiot.cloud
OWNER = "区供电公司-项目进度.xlsx"  # gdgs


@pytest.fixture(scope="module")
def blanks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's blank forms of October (reportable), November (being collected) and
    December (after it)."""
    root = tmp_path_factory.mktemp("forms")
    data = copy_sample(root)
    for month in ("2026-10", "2026-11", "2026-12"):
        forms_files(data, month, root / "blank")
    return root / "blank"


Edit = Callable[[Any], None]


@pytest.fixture
def form(blanks: Path, tmp_path: Path) -> Callable[..., Path]:
    """A copy of a blank form of ``month``, changed by ``edit(sheet)`` as a clerk would."""

    def make(month: str, name: str, edit: Edit | None = None) -> Path:
        target = tmp_path / "in" / f"{month}-{name}"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(blanks / f"{month}-{name}", target)
        if edit is not None:
            book = load_workbook(target)
            edit(book[book.sheetnames[1]])  # the data sheet, after the instructions
            book.save(target)
        return target

    return make


def cells(**values: object) -> Edit:
    def edit(sheet: Any) -> None:
        for ref, value in values.items():
            sheet[ref] = value

    return edit


def town_filled(sheet: Any) -> None:
    """Every row of a town form: last month's figure plus one."""
    for row in range(2, sheet.max_row + 1):
        sheet[f"F{row}"] = int(sheet[f"E{row}"].value) + 1


def owner_filled(sheet: Any) -> None:
    """Every row of an owner form: last month's percent plus one, the same investment."""
    for row in range(2, sheet.max_row + 1):
        sheet[f"F{row}"] = min(100.0, float(sheet[f"D{row}"].value) + 1)
        sheet[f"G{row}"] = sheet[f"E{row}"].value


def snapshot(data: Path) -> dict[str, bytes]:
    """Every file beside and in the data folder (not xjj's cache) and its bytes."""
    root = data.parent
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and not p.relative_to(root).parts[0].startswith(".")
    }


def run(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), "import", *map(str, args)])


def october(data: Path) -> str:
    return (data / "towns" / "progress" / "2026-10.csv").read_text("utf-8-sig")


# --- the month being collected ---------------------------------------------------------------


def test_the_collecting_month_follows_the_latest_reportable_one() -> None:
    assert collecting_month(["2026-09", "2026-10", "2026-11"], ["2026-09", "2026-10"]) == "2026-11"
    assert collecting_month(["2026-09", "2026-10"], []) == "2026-09"
    assert collecting_month([], []) is None


@pytest.mark.parametrize("name", [TOWN, OWNER])
def test_a_reportable_months_form_is_refused_naming_its_month_even_with_force(
    sample_copy: Path, form: Callable[..., Path], name: str
) -> None:
    path = form("2026-10", name, town_filled if name == TOWN else owner_filled)
    before = snapshot(sample_copy)
    result = run(sample_copy, path, "--force")
    assert result.exit_code == 1, result.output
    assert (
        f"{path}：这是2026年10月的填报表，10月的数据已报齐并可出正式报告；"
        "如确需更正10月数据，请加 --amend 2026-10"
    ) in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(sample_copy) == before


def test_amend_lets_a_reportable_month_change_only_with_force(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    path = form("2026-10", TOWN, town_filled)
    before = snapshot(sample_copy)
    refused = run(sample_copy, path, "--amend", "2026-10")
    assert refused.exit_code == 1, refused.output
    assert "data/towns/progress/2026-10.csv中已有" in refused.stderr
    assert "--force" in refused.stderr
    assert snapshot(sample_copy) == before
    forced = run(sample_copy, path, "--amend", "2026-10", "--force")
    assert forced.exit_code == 0, forced.output
    assert "2026-10.csv：古槐街道（gh）" in forced.stdout
    assert october(sample_copy) != before["data/towns/progress/2026-10.csv"].decode("utf-8-sig")
    assert "正式通报" not in forced.stderr  # no bulletin issued


def test_amend_of_a_month_with_an_issued_bulletin_says_it_no_longer_matches(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    reports = sample_copy.parent / "reports" / "2026-10"
    reports.mkdir(parents=True)
    (reports / f"{bulletin_stem('2026-10', draft=False)}.docx").write_bytes(b"issued")
    (reports / f"{bulletin_stem('2026-10', draft=True)}.md").write_text("draft")
    result = run(sample_copy, form("2026-10", TOWN, town_filled), "--amend", "2026-10", "--force")
    assert result.exit_code == 0, result.output
    assert (
        "reports/2026-10/2026-10-新基建月度通报.docx：2026年10月的正式通报已生成，"
        "更正后与数据不再一致；请重新生成（xjj bulletin --month 2026-10）"
    ) in result.stderr
    assert "征求意见稿.md" not in result.stderr


def test_amend_of_another_month_does_not_open_october(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    before = snapshot(sample_copy)
    result = run(sample_copy, form("2026-10", TOWN, town_filled), "--amend", "2026-09")
    assert result.exit_code == 1
    assert "请加 --amend 2026-10" in result.stderr
    assert snapshot(sample_copy) == before


def test_amend_takes_a_month_only(sample_copy: Path, form: Callable[..., Path]) -> None:
    result = run(sample_copy, form("2026-10", TOWN), "--amend", "十月")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", [TOWN, OWNER])
def test_a_form_after_the_collecting_month_is_refused(
    sample_copy: Path, form: Callable[..., Path], name: str
) -> None:
    path = form("2026-12", name, town_filled if name == TOWN else owner_filled)
    before = snapshot(sample_copy)
    result = run(sample_copy, path)
    assert result.exit_code == 1, result.output
    assert f"{path}：这是2026年12月的填报表，现在收集的是2026年11月" in result.stderr
    assert not (sample_copy / "towns" / "progress" / "2026-12.csv").exists()
    assert snapshot(sample_copy) == before


def test_the_collecting_months_form_is_accepted(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    result = run(sample_copy, form("2026-11", TOWN, town_filled))
    assert result.exit_code == 0, result.output


# --- what each unit's form filled in --------------------------------------------------------


def test_a_town_form_with_a_blank_says_what_is_missing_and_that_the_town_has_not_submitted(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    def edit(sheet: Any) -> None:
        town_filled(sheet)
        sheet["F4"] = None

    path = form("2026-11", TOWN, edit)
    metric = load_workbook(path)["月度数据"]["B4"].value
    result = run(sample_copy, path)
    assert result.exit_code == 0, result.output
    assert f"古槐街道：2项已填，1项未填（{metric}），本月仍为未报送" in result.stdout
    again = run(sample_copy, form("2026-11", TOWN, town_filled))
    assert again.exit_code == 0, again.output
    assert "古槐街道：3项已填，本月已报送" in again.stdout


def test_an_owner_form_says_which_projects_are_not_reported(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    def edit(sheet: Any) -> None:
        owner_filled(sheet)
        sheet["F2"] = sheet["G2"] = None

    path = form("2026-11", OWNER, edit)
    sheet = load_workbook(path)["项目进度"]
    rows, project = sheet.max_row - 1, sheet["B2"].value
    result = run(sample_copy, path)
    assert result.exit_code == 0, result.output
    assert (
        f"区供电公司：{rows - 1}个项目已填，1个项目未填（{project}），未填的项目本月仍为未报送进度"
    ) in result.stdout


# --- plausibility at import ------------------------------------------------------------------


def test_a_figure_far_above_its_target_is_warned_at_import_with_validates_id(
    sample_copy: Path, form: Callable[..., Path]
) -> None:
    def edit(sheet: Any) -> None:
        town_filled(sheet)
        sheet["F2"] = "1,234"

    result = run(sample_copy, form("2026-11", TOWN, edit))
    assert result.exit_code == 0, result.output
    found = re.search(r"\[(progress\.far_above_target:[^\]]+)\]", result.stderr)
    assert found is not None, result.stderr
    assert "data/towns/progress/2026-11.csv:" in result.stderr
    check = CliRunner().invoke(app, ["--data", str(sample_copy), "validate"])
    assert f"[{found.group(1)}]" in check.output
    assert "倍" in result.stderr.split(found.group(1))[0].splitlines()[-1]
