"""The bench's reading of Chromium's paint timing from the page's performance entries
(bench/board_browser.py)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from board_browser import first_paint_seconds, median_seconds  # noqa: E402


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
