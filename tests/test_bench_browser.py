"""The bench's pure helpers for issue 28's rows: the Chromium paint timing read from the page's
performance entries (bench/board_browser.py) and the documents' rows with their targets (bench/run.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from board_browser import first_paint_seconds, median_seconds  # noqa: E402
from run import BOARD_BYTES, Measure, Target, Timing, timed  # noqa: E402


def test_the_first_contentful_paint_is_taken_in_seconds() -> None:
    entries = [
        {"name": "first-paint", "startTime": 412.5},
        {"name": "first-contentful-paint", "startTime": 1250.0},
    ]
    assert first_paint_seconds(entries) == 1.25


def test_first_paint_stands_in_when_no_contentful_paint_is_recorded() -> None:
    assert first_paint_seconds([{"name": "first-paint", "startTime": 300}]) == 0.3


def test_no_paint_recorded_is_none_not_zero() -> None:
    assert first_paint_seconds([]) is None
    assert first_paint_seconds([{"name": "largest-contentful-paint", "startTime": 9}]) is None


def test_the_median_of_runs_is_none_if_one_run_saw_no_paint() -> None:
    assert median_seconds([1.0, 3.0, 2.0]) == 2.0
    assert median_seconds([1.0, None, 2.0]) is None
    assert median_seconds([]) is None


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
