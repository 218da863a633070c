"""The office's 登记表 (SPEC §8 "Every unit with something to report gets a form", issue 26
finding 6): ``xjj forms`` writes ``M-办公室-登记表.xlsx`` — the city platform's cards and the
towns' non-cooperation reports of M, prefilled with ``events/M.yaml`` — and ``xjj import``
reads it back into that file with the checks of a hand-written events file, at the cell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import copy_sample
from conftest import filled_copy as filled
from realapps import soffice_convert
from xjj_cli.cli import app
from xjj_cli.commands.forms import forms_files
from xjj_cli.forms import layout

MONTH = "2026-11"
REGISTER = f"{MONTH}-办公室-登记表.xlsx"
CARDS = layout.OFFICE.sheet
REPORTS = layout.NONCOOPERATION.sheet
EVENTS = f"events/{MONTH}.yaml"


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's forms for 2026-11 (no events yet) and for 2026-10 (its events)."""
    root = tmp_path_factory.mktemp("forms")
    data = copy_sample(root)
    forms_files(data, MONTH, root / "blank")
    forms_files(data, "2026-10", root / "blank")
    return root / "blank"


def run(data: Path, *args: str | Path) -> Any:
    return CliRunner().invoke(app, ["--data", str(data), *map(str, args)])


NOVEMBER = {
    CARDS: {
        "B2": "2026-11-05",
        "C2": "黄牌",
        "D2": "区自然资源局",
        "E2": "喻屯输变电工程用地报批仍未完成",
        "B3": "2026-11-12",
        "C3": "红牌",
        "D3": "区供电公司",
        "E3": "特高压项目用地报批滞后",
        "F3": "GRID-2026-003",
    },
    REPORTS: {
        "B2": "2026-11-08",
        "C2": "李营街道",
        "D2": "区住建局",
        "E2": "未协调物业开放楼顶",
        "F2": "是",
    },
}


def test_forms_writes_the_office_register_with_lists_to_choose_from(blank: Path) -> None:
    book = load_workbook(blank / REGISTER)
    assert book.sheetnames == [layout.INSTRUCTIONS_SHEET, CARDS, REPORTS, layout.META_SHEET]
    cards = book[CARDS]
    assert [c.value for c in cards[1]] == [
        "序号",
        "日期",
        "亮牌（黄牌/红牌）",
        "被亮牌单位",
        "事由",
        "项目编号（可不填）",
    ]
    assert cards["A2"].value == 1 and cards["B2"].value is None  # November has no events yet
    assert cards["A2"].protection.locked and not cards["B2"].protection.locked
    lists = {str(v.sqref): v.formula1 for v in cards.data_validations.dataValidation}
    assert lists["C2"] == '"黄牌,红牌"'
    assert lists["D2"].startswith("'_xjj'!$D$1")
    reports = book[REPORTS]
    lists = {str(v.sqref): v.formula1 for v in reports.data_validations.dataValidation}
    assert lists["F2"] == '"是,否"'
    meta = {r[0].value: r[1].value for r in book[layout.META_SHEET].iter_rows(max_row=9)}
    assert (meta["form"], meta["unit"], meta["month"]) == ("xjj-office", "office", MONTH)


def test_the_register_is_prefilled_with_the_months_events(blank: Path) -> None:
    book = load_workbook(blank / "2026-10-办公室-登记表.xlsx")
    cards = book[CARDS]
    assert [cards[f"{c}2"].value for c in "CDEF"] == [
        "黄牌",
        "区供电公司",
        "110千伏喻屯输变电工程用地报批滞后",
        "GRID-2026-003",
    ]
    assert cards["A3"].value == 2 and cards["A4"].value == 3 and cards["B4"].value is None
    reports = book[REPORTS]
    assert [reports[f"F{r}"].value for r in range(2, 6)] == ["是", "是", "否", "否"]


def test_a_filled_register_round_trips_into_the_events_file(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    book = filled(blank, tmp_path, REGISTER, NOVEMBER)
    result = run(sample_copy, "import", book)
    assert result.exit_code == 0, result.output
    assert "办公室登记表：亮牌2条、不配合1条（已核实1条）" in result.stdout
    assert yaml.safe_load((sample_copy / EVENTS).read_text("utf-8")) == yaml.safe_load(
        """
cards:
  - {date: 2026-11-05, color: yellow, unit: qzrj, subject: 喻屯输变电工程用地报批仍未完成}
  - {date: 2026-11-12, color: red, unit: gdgs, subject: 特高压项目用地报批滞后, project: GRID-2026-003}
noncooperation:
  - {date: 2026-11-08, reporter: ly, unit: qzj, text: 未协调物业开放楼顶, verified: true}
"""
    )
    assert run(sample_copy, "validate").exit_code == 0


def test_importing_the_register_again_changes_nothing(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    book = filled(blank, tmp_path, REGISTER, NOVEMBER)
    assert run(sample_copy, "import", book).exit_code == 0
    written = (sample_copy / EVENTS).read_bytes()
    again = run(sample_copy, "import", book)
    assert again.exit_code == 0, again.output
    assert "0 处变化" in again.stderr
    assert (sample_copy / EVENTS).read_bytes() == written
    # the next register of the month is prefilled with what was imported: harmless too
    run(sample_copy, "forms", "--month", MONTH, "--out", tmp_path / "next")
    fresh = run(sample_copy, "import", tmp_path / "next" / REGISTER)
    assert fresh.exit_code == 0, fresh.output
    assert (sample_copy / EVENTS).read_bytes() == written


@pytest.mark.parametrize(
    ("cells", "where", "words"),
    [
        ({CARDS: {"D2": "区自然资源"}}, f"{CARDS}!D2", "区自然资源"),
        ({CARDS: {"B2": "2026-10-30"}}, f"{CARDS}!B2", "不在2026年11月内"),
        ({CARDS: {"C2": "蓝牌"}}, f"{CARDS}!C2", "不是黄牌或红牌"),
        ({CARDS: {"F3": "GRID-2099-001"}}, f"{CARDS}!F3", "GRID-2099-001"),
        ({CARDS: {"E2": None}}, f"{CARDS}!E2", "事由为空"),
        ({REPORTS: {"C2": "区住建局"}}, f"{REPORTS}!C2", "镇街“区住建局”"),
        ({REPORTS: {"D2": "李营街道"}}, f"{REPORTS}!D2", "单位“李营街道”"),
        ({REPORTS: {"F2": "待定"}}, f"{REPORTS}!F2", "不是“是”或“否”"),
    ],
)
def test_a_bad_entry_is_refused_at_its_cell_and_nothing_is_written(
    cells: dict[str, dict[str, Any]],
    where: str,
    words: str,
    blank: Path,
    sample_copy: Path,
    tmp_path: Path,
) -> None:
    typed = {sheet: {**values, **cells.get(sheet, {})} for sheet, values in NOVEMBER.items()}
    book = filled(blank, tmp_path, REGISTER, typed)
    result = run(sample_copy, "import", book)
    assert result.exit_code == 1, result.output
    assert f"{REGISTER} {where}：" in result.stderr and words in result.stderr
    assert "Traceback" not in result.output
    assert not (sample_copy / EVENTS).exists()


def test_an_unverified_report_is_kept_with_verified_false(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    reports = {
        **NOVEMBER[REPORTS],
        "F2": "否",
        **{"B3": "2026-11-20", "C3": "长沟镇", "D3": "区行政审批服务局", "E3": "手续办理超时"},
    }  # F3 left empty: not verified either
    book = filled(blank, tmp_path, REGISTER, {REPORTS: reports})
    result = run(sample_copy, "import", book)
    assert result.exit_code == 0, result.output
    assert "亮牌0条、不配合2条（已核实0条）" in result.stdout
    kept = yaml.safe_load((sample_copy / EVENTS).read_text("utf-8"))["noncooperation"]
    assert [(r["reporter"], r["verified"]) for r in kept] == [("ly", False), ("cg", False)]


def test_a_changed_entry_needs_force_and_the_rules_see_a_new_card(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    october = "2026-10-办公室-登记表.xlsx"
    path = sample_copy / "events/2026-10.yaml"
    before = path.read_text("utf-8")
    added = {CARDS: {"B4": "2026-10-28", "C4": "红牌", "D4": "区自然资源局", "E4": "用地报批滞后"}}
    book = filled(blank, tmp_path, october, added)
    refused = run(sample_copy, "import", book)
    assert refused.exit_code == 1 and "--amend 2026-10" in refused.stderr  # the month rule
    result = run(sample_copy, "import", book, "--amend", "2026-10")
    assert result.exit_code == 0, result.output
    after = path.read_text("utf-8")
    assert after.splitlines()[0] == before.splitlines()[0]  # the header comment stays
    assert after.split("noncooperation:")[1] == before.split("noncooperation:")[1]
    report = json.loads(
        run(sample_copy, "accountability", "--month", "2026-10", "-f", "json").stdout
    )
    reasons = {u["unit"]: [r["rule"] for r in u["reasons"]] for u in report["units"]}
    assert "city_card" in reasons["qzrj"]
    changed = filled(
        blank, tmp_path / "2", october, {**added, CARDS: {**added[CARDS], "C2": "红牌"}}
    )
    conflict = run(sample_copy, "import", changed, "--amend", "2026-10")
    assert conflict.exit_code == 1
    assert f"{october} {CARDS}!B2" in conflict.stderr and "--force" in conflict.stderr
    assert path.read_text("utf-8") == after
    forced = run(sample_copy, "import", changed, "--amend", "2026-10", "--force")
    assert forced.exit_code == 0, forced.output
    cards = yaml.safe_load(path.read_text("utf-8"))["cards"]
    assert [c["color"] for c in cards] == ["red", "red", "red"]


@pytest.mark.needs("soffice")
def test_a_register_resaved_by_libreoffice_imports_the_same(
    blank: Path, sample_copy: Path, tmp_path: Path
) -> None:
    book = filled(blank, tmp_path, REGISTER, NOVEMBER)
    out = tmp_path / "resaved"
    soffice_convert([book], "xlsx", out)
    result = run(sample_copy, "import", out / REGISTER)
    assert result.exit_code == 0, result.output
    assert "办公室登记表：亮牌2条、不配合1条（已核实1条）" in result.stdout
    events = yaml.safe_load((sample_copy / EVENTS).read_text("utf-8"))
    assert [c["unit"] for c in events["cards"]] == ["qzrj", "gdgs"]


def test_the_staff_readme_and_the_format_reference_name_the_register(tmp_path: Path) -> None:
    readme = run(tmp_path, "init", tmp_path / "repo")
    assert readme.exit_code == 0, readme.output
    text = (tmp_path / "repo" / "README.md").read_text("utf-8")
    assert "办公室-登记表.xlsx" in text and "不用改 CSV 和 YAML 文件" in text
    reference = (tmp_path / "repo" / "docs" / "data-format.md").read_text("utf-8")
    assert "办公室-登记表.xlsx" in reference.split("### events/YYYY-MM.yaml")[1]


HAND_WRITTEN = """\
# 2026年11月 hand-written
cards:
# 上旬
  - {date: 2026-11-03, color: yellow, unit: gdgs, subject: 用地报批滞后}
# 中旬

noncooperation:   # 已核实的才计入
  - {date: 2026-11-04, reporter: ly, unit: qzj, text: 未协调物业开放楼顶, verified: true}
"""


def test_a_hand_written_file_keeps_what_is_outside_the_changed_list(
    sample_copy: Path, tmp_path: Path
) -> None:
    path = sample_copy / EVENTS
    path.write_text(HAND_WRITTEN, "utf-8")
    run(sample_copy, "forms", "--month", MONTH, "--out", tmp_path / "made")
    book = filled(
        tmp_path / "made",
        tmp_path,
        REGISTER,
        {CARDS: {"B3": "2026-11-20", "C3": "红牌", "D3": "区住建局", "E3": "物业协调不力"}},
    )
    result = run(sample_copy, "import", book)
    assert result.exit_code == 0, result.output
    text = path.read_text("utf-8")
    assert [c["unit"] for c in yaml.safe_load(text)["cards"]] == ["gdgs", "qzj"]
    assert text.startswith("# 2026年11月 hand-written\ncards:\n")
    assert text.endswith("# 中旬\n\n" + HAND_WRITTEN.split("# 中旬\n\n")[1])


def test_a_file_in_flow_style_is_refused_not_rewritten(sample_copy: Path, tmp_path: Path) -> None:
    path = sample_copy / EVENTS
    flow = "{cards: [], noncooperation: []}\n"
    path.write_text(flow, "utf-8")
    run(sample_copy, "forms", "--month", MONTH, "--out", tmp_path / "made")
    book = filled(tmp_path / "made", tmp_path, REGISTER, {CARDS: NOVEMBER[CARDS]})
    result = run(sample_copy, "import", book)
    assert result.exit_code == 1
    assert f"{EVENTS}：cards 或 noncooperation 不是" in result.stderr
    assert path.read_text("utf-8") == flow
