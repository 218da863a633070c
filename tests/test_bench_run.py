"""The bench's issue 28 rows (bench/run.py): each command's targets against the cold validate
and in memory, the board's file size in bytes, and which forms the bench fills and imports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from run import (  # noqa: E402
    BOARD_BYTES,
    Measure,
    Target,
    Timing,
    browser_row,
    fill_forms,
    filled_forms,
    only,
    timed,
)


def test_a_command_row_has_a_time_target_against_cold_validate_and_a_memory_one() -> None:
    cold = Timing(4.0, 250)
    row = timed("xjj bulletin", Timing(5.0, 900), cold, 1.5, mib=True)
    assert row.ratio == 1.25
    assert [t.met() for t in row.targets] == [True, True]
    assert row.cells()[3:6] == ["1.25× validate cold", "≤ 1.5×; ≤ 1024 MiB", "yes"]
    heavy = timed("xjj bulletin", Timing(5.0, 1100), cold, 1.5, mib=True)
    assert [t.met() for t in heavy.targets] == [True, False]
    assert heavy.cells()[5] == "**no**"


def test_a_row_without_a_target_says_nothing_is_met() -> None:
    row = timed("xjj board", Timing(9.0, 600), Timing(4.0, 250), None)
    assert row.targets == ()
    assert row.cells()[4:6] == ["", ""]


def test_the_board_file_target_is_five_million_bytes() -> None:
    size = Target("xjj board: file size", 5_000_001, BOARD_BYTES, "", "")
    assert not size.met()
    assert Measure("not measured", note="Chromium missing").cells()[5] == ""


def test_the_forms_filled_and_imported_are_the_towns_and_the_owners(tmp_path: Path) -> None:
    for name in (
        "2026-11-第1号街道-月度数据.xlsx",
        "2026-11-区供电公司-项目进度.xlsx",
        "2026-11-办公室-登记表.xlsx",
        "2026-11-区大数据局-任务和问题.xlsx",
        "月度数据-说明.txt",
    ):
        (tmp_path / name).write_bytes(b"")
    assert [Path(p).name for p in filled_forms(tmp_path)] == [
        "2026-11-区供电公司-项目进度.xlsx",
        "2026-11-第1号街道-月度数据.xlsx",
    ]


def test_bench_only_takes_parts_joined_by_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_ONLY", " board, forms ,")
    assert only() == ["board", "forms"]
    monkeypatch.delenv("BENCH_ONLY")
    assert only() == []


def test_fill_forms_fills_the_town_forms_and_leaves_the_other_kinds(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    town, register = tmp_path / "t-月度数据.xlsx", tmp_path / "o-登记表.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "月度数据"
    sheet.append(["镇街", "指标", "计量单位", "年度目标", "上月累计", "本月累计（请填写）"])
    sheet.append(["第1号街道", "5G基站", "个", 64, 1234, None])
    book.save(town)
    other = Workbook()
    assert other.active is not None
    other.active.title = "市平台亮牌"
    other.save(register)
    before = register.read_bytes()
    assert fill_forms(tmp_path) == [town]
    assert load_workbook(town)["月度数据"]["F2"].value == "1,236个"
    assert register.read_bytes() == before


def test_a_chromium_row_not_reached_is_a_missed_target_not_a_crash() -> None:
    late = browser_row("first paint", None, "note", "not reached within 180 s")
    assert late.seconds is None
    assert [t.met() for t in late.targets] == [False]
    assert late.cells()[4:] == ["≤ 3 s", "**no**", "not reached within 180 s; note"]
    quick = browser_row("first paint", 0.5, "note", "late")
    assert quick.cells()[1] == "0.50"
    assert [t.met() for t in quick.targets] == [True]
