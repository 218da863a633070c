"""Advice for almost-right data (issue 9, reproduction 5): each message names what to write.

The fixture cases (yaml-month-as-float, yaml-fullwidth-*, *-name-as-code, progress-spreadsheet,
project-id-typo …) pin file, line, column and code; here the sample district is edited the way
a clerk would, and the advice is followed to prove that it is right.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from xjj_cli.cli import app
from xjj_cli.diagnostics import ProblemLog
from xjj_cli.load.files import classify
from xjj_cli.load.typos import (
    code_for_name,
    date_guess,
    halfwidth,
    month_guesses,
    wide_marks,
    wide_number,
)
from xjj_cli.load.yamldoc import parse_yaml

PROJECT = "projects/5g/5G-2026-002.yaml"


def validate(data: Path) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(app, ["--data", str(data), "--no-cache", "validate", "-f", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.stdout)["errors"]


def append_progress(data: Path, text: str) -> int:
    """Append a progress entry to the sample project; returns the line of its first key."""
    path = data / PROJECT
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def replace(data: Path, rel: str, old: str, new: str) -> None:
    path = data / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- the sample district, edited as a clerk would ------------------------------------------


def test_a_month_written_as_a_number_is_told_to_be_written_yyyy_mm(sample_copy: Path) -> None:
    line = append_progress(sample_copy, "  - month: 2026.11\n    percent: 90\n    invested: 1800\n")
    code, errors = validate(sample_copy)
    assert code == 1
    assert [(e["line"], e["code"]) for e in errors] == [(line, "value.month")]
    message = errors[0]["message"]
    assert "请写成 2026-11" in message and "引号" not in message
    replace(sample_copy, PROJECT, "month: 2026.11", "month: 2026-11")  # follow the advice
    assert validate(sample_copy) == (0, [])


def test_a_full_width_colon_is_named_on_its_own_line(sample_copy: Path) -> None:
    line = append_progress(sample_copy, "  - month: 2026-11\n    percent：86\n    invested: 1800\n")
    code, errors = validate(sample_copy)
    assert code == 1
    assert [(e["line"], e["column"], e["code"]) for e in errors] == [
        (line + 1, 12, "yaml.fullwidth")
    ]
    assert f"第 {line + 1} 行用了全角冒号“：”" in errors[0]["message"]
    replace(sample_copy, PROJECT, "percent：86", "percent: 86")
    assert validate(sample_copy) == (0, [])


def test_an_ideographic_space_indent_is_named_on_its_own_line(sample_copy: Path) -> None:
    line = append_progress(
        sample_copy, "  - month: 2026-11\n\u3000\u3000percent: 86\n    invested: 1800\n"
    )
    _, errors = validate(sample_copy)
    assert [(e["line"], e["column"], e["code"]) for e in errors] == [
        (line + 1, 1, "yaml.fullwidth")
    ]
    assert "全角空格" in errors[0]["message"]


def test_full_width_digits_are_told_to_be_half_width(sample_copy: Path) -> None:
    replace(
        sample_copy, "towns/progress/2026-10.csv", "jy,5g.stations,48,43", "jy,5g.stations,４８,43"
    )
    line = append_progress(
        sample_copy, "  - month: 2026-11\n    percent: ８６\n    invested: 1800\n"
    )
    _, errors = validate(sample_copy)
    found = {(e["file"], e["line"], e["code"]): e["message"] for e in errors}
    assert found == {
        (
            "data/towns/progress/2026-10.csv",
            3,
            "value.fullwidth",
        ): "“４８”用了全角数字，请改为半角：48",
        (f"data/{PROJECT}", line + 1, "value.fullwidth"): "“８６”用了全角数字，请改为半角：86",
    }


def test_a_csv_row_split_by_full_width_commas_says_so(sample_copy: Path) -> None:
    replace(
        sample_copy, "towns/progress/2026-10.csv", "jy,5g.stations,48,43", "jy，5g.stations，48,43"
    )
    _, errors = validate(sample_copy)
    assert [(e["line"], e["code"]) for e in errors] == [(3, "csv.row_length")]
    assert "全角逗号“，”，分隔各列请用半角逗号" in errors[0]["message"]


def test_names_written_for_codes_suggest_the_codes(sample_copy: Path) -> None:
    replace(sample_copy, PROJECT, "towns: [jy, xy, jc]", "towns: [济阳街道, xy, jc]")
    replace(sample_copy, PROJECT, "cooperating: [qzj]", "cooperating: [区供电公司]")
    _, errors = validate(sample_copy)
    messages = [e["message"] for e in errors if e["code"] == "value.code"]
    assert len(messages) == len(errors) == 2
    assert any("是否想写 jy（济阳街道）？" in m for m in messages)
    assert any("是否想写 gdgs（区供电公司）？" in m for m in messages)


def test_a_name_in_the_towns_table_itself_suggests_nothing(sample_copy: Path) -> None:
    replace(sample_copy, "towns/towns.csv", "jy,济阳街道,街道", "济阳街道,济阳街道,街道")
    _, errors = validate(sample_copy)
    bad = [e for e in errors if e["file"] == "data/towns/towns.csv"]
    assert [e["code"] for e in bad] == ["value.code"]
    assert "是否想写" not in bad[0]["message"]


def test_a_workbook_in_the_data_folder_is_an_error_not_a_silent_gap(sample_copy: Path) -> None:
    (sample_copy / "towns" / "progress" / "2026-11.xlsx").write_bytes(b"PK\x03\x04")
    code, errors = validate(sample_copy)
    assert code == 1
    assert [(e["file"], e["code"]) for e in errors] == [
        ("data/towns/progress/2026-11.xlsx", "file.spreadsheet")
    ]
    assert "xjj import" in errors[0]["message"]
    assert "towns/progress/2026-11.csv" in errors[0]["message"]


def test_an_id_that_disagrees_with_its_file_name_names_both(sample_copy: Path) -> None:
    replace(sample_copy, PROJECT, "id: 5G-2026-002", "id: 5G-2026-0O2")
    _, errors = validate(sample_copy)
    assert [e["code"] for e in errors] == ["id.file_mismatch"]
    message = errors[0]["message"]
    assert "5G-2026-0O2" in message and "5G-2026-002.yaml" in message
    assert "其中一个写错了" in message


# --- where a workbook should go --------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "save_as"),
    [
        (("towns", "progress", "2026-11.xlsx"), "towns/progress/2026-11.csv"),
        (("towns", "progress", "11月.et"), "towns/progress/YYYY-MM.csv"),
        (("2026-11.XLS",), "towns/progress/2026-11.csv"),
        (("towns", "towns.ods"), "towns/towns.csv"),
        (("units", "单位.xlsm"), "units/units.csv"),
        (("projects", "5g", "项目.xlsx"), ""),
    ],
)
def test_every_workbook_is_a_spreadsheet(parts: tuple[str, ...], save_as: str) -> None:
    assert classify(parts) == ("spreadsheet", save_as)


def test_the_lock_file_of_an_open_workbook_is_ignored() -> None:
    assert classify(("towns", "progress", "~$2026-11.xlsx")) == ("ignored", "")


# --- the guesses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "guesses"),
    [
        ("2026.11", ["2026-11"]),
        ("2026.10", ["2026-10"]),
        ("2026.1", ["2026-01", "2026-10"]),
        ("2026/3", ["2026-03"]),
        ("2026-1", ["2026-01"]),
        ("2026年11月", ["2026-11"]),
        ("202611", ["2026-11"]),
        ("２０２６．１１", ["2026-11"]),
        ("2026.13", []),
        ("November", []),
    ],
)
def test_month_guesses(raw: str, guesses: list[str]) -> None:
    assert month_guesses(raw) == guesses


@pytest.mark.parametrize(
    ("raw", "guess"),
    [
        ("2026.10.12", "2026-10-12"),
        ("2026/3/1", "2026-03-01"),
        ("2026年3月1日", "2026-03-01"),
        ("2026.02.30", None),
        ("下月", None),
    ],
)
def test_date_guess(raw: str, guess: str | None) -> None:
    assert date_guess(raw) == guess


def test_half_width_forms() -> None:
    assert halfwidth("ｌｙ，ｔｔ　４２：") == "ly,tt 42:"
    assert wide_number("４２") == "42"
    assert wide_number("８６．５") == "86.5"
    assert wide_number("42") is None  # nothing full-width: not this problem
    assert wide_number("８６％") is None  # still not a number once half-width


def test_code_for_name() -> None:
    names = {"jy": "济阳街道", "gdgs": "区供电公司", "ly": "李营街道"}
    assert code_for_name("济阳街道", names) == "jy"
    assert code_for_name("李营", names) == "ly"
    assert code_for_name("区供电公司", names) == "gdgs"
    assert code_for_name("x y", names) is None


@pytest.mark.parametrize(
    ("text", "failed_line", "mark"),
    [
        ("a: 1\nb：2\n", 3, (2, 2, "：")),
        ("a:\n  - x：1\n", 3, (2, 6, "：")),
        ("cards:\n  - {date：2026-10-12, color: red}\n", 2, (2, 10, "：")),
        ("towns: [a，b: c]\n", 1, (1, 10, "，")),
        ("a:\n\u3000b: 1\n", 3, (2, 1, "\u3000")),
    ],
)
def test_wide_marks(text: str, failed_line: int, mark: tuple[int, int, str]) -> None:
    assert [m[:3] for m in wide_marks(text, failed_line)][-1:] == [mark]


def test_a_full_width_colon_in_text_far_from_the_failure_is_not_blamed() -> None:
    text = "note: |\n  \u3000\u3000说明：略\nname: x\nbad: [\n"
    log = ProblemLog()
    assert parse_yaml(text, "f.yaml", log) is None
    assert [p.code for p in log.problems] == ["yaml.syntax"]


# --- never a crash ---------------------------------------------------------------------------

_YAMLISH = st.text(
    alphabet=st.sampled_from([*"ab1-:,[]{}#'\" \n\t", "：", "，", "、", "\u3000", "４", "ｌ"]),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_YAMLISH, st.integers(-5, 80))
def test_full_width_checks_never_crash(text: str, failed_line: int) -> None:
    for mark in wide_marks(text, failed_line):
        assert 1 <= mark.line <= text.count("\n") + 1
        assert 1 <= mark.column <= len(text.split("\n")[mark.line - 1])
    log = ProblemLog()
    parse_yaml(text, "f.yaml", log)
    lines = text.count("\n") + 2
    assert all(1 <= p.location.line <= lines for p in log.problems)
    month_guesses(text)
    date_guess(text)
