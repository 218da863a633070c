"""A ``document`` field a document needs and district.yaml lacks is a usage error naming it
(SPEC §6): exit 2, ``document.<field>`` in the message, nothing written. And the 约谈's time
and place from the command line: both or neither, never before the notice's date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from xjj_cli.cli import app

runner = CliRunner()
DATE = ("--date", "2026-11-05")


def run(data: Path, *args: str) -> Result:
    return runner.invoke(app, ["--data", str(data), *args])


def without(data: Path, field: str) -> None:
    """Remove ``document.<field>`` from the copy's district.yaml."""
    path = data / "district.yaml"
    text = path.read_text(encoding="utf-8")
    kept = re.sub(rf"^  {field}:.*\n", "", text, flags=re.MULTILINE)
    assert kept != text, field
    path.write_text(kept, encoding="utf-8")


def nothing_written(data: Path) -> bool:
    reports = data.parent / "reports"
    return not reports.exists() or not any(p.is_file() for p in reports.rglob("*"))


@pytest.mark.parametrize(
    ("field", "args"),
    [
        ("interview_by", ()),  # the sample's October has 约谈
        ("contact", ()),
        ("accountability_to", ()),  # … and 问责函
        ("prefix", ("--number-from", "13")),
    ],
)
def test_notices_without_a_field_they_need_is_a_usage_error_naming_it(
    sample_copy: Path, field: str, args: tuple[str, ...]
) -> None:
    without(sample_copy, field)
    result = run(sample_copy, "notices", *DATE, *args)
    assert result.exit_code == 2, result.output
    assert f"document.{field}" in result.stderr
    assert nothing_written(sample_copy)


@pytest.mark.parametrize(
    ("field", "args", "named"),
    [
        ("prefix", ("--number", "12"), "--number"),  # a 文号 without its prefix
        ("accountability_to", ("--format", "md"), "问责"),  # the month proposes 问责: to whom
    ],
)
def test_a_bulletin_without_a_field_it_needs_is_a_usage_error_naming_it(
    sample_copy: Path, no_office: None, field: str, args: tuple[str, ...], named: str
) -> None:
    without(sample_copy, field)
    result = run(sample_copy, "bulletin", *DATE, *args)
    assert result.exit_code == 2, result.output
    assert f"document.{field}" in result.stderr and named in result.stderr
    assert nothing_written(sample_copy)


def test_bulletin_without_prefix_and_without_number_is_made(
    sample_copy: Path, no_office: None
) -> None:
    without(sample_copy, "prefix")
    result = run(sample_copy, "bulletin", *DATE, "--format", "md")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [("--at", "2026-11-12 15:00"), ("--place", "区政府3号楼302会议室")],
)
def test_at_and_place_come_together(sample_copy: Path, args: tuple[str, ...]) -> None:
    result = run(sample_copy, "notices", *DATE, *args)
    assert result.exit_code == 2, result.output
    assert "--at" in result.stderr and "--place" in result.stderr


@pytest.mark.parametrize("text", ["2026-11-12", "2026-11-12 下午3点", "2026-13-01 09:00"])
def test_a_bad_at_is_a_usage_error_in_chinese(sample_copy: Path, text: str) -> None:
    result = run(sample_copy, "notices", *DATE, "--at", text, "--place", "会议室")
    assert result.exit_code == 2, result.output
    assert "YYYY-MM-DD HH:MM" in result.stderr and "Traceback" not in result.output


def test_an_interview_before_the_notice_date_is_a_usage_error_naming_unit_and_time(
    sample_copy: Path,
) -> None:
    # interviews/2026-10.yaml holds every 约谈 on 2026-11-12 15:00
    result = run(sample_copy, "notices", "--date", "2026-11-13")
    assert result.exit_code == 2, result.output
    assert "安居街道" in result.stderr and "2026-11-12 15:00" in result.stderr
    assert nothing_written(sample_copy)


def test_at_overrides_the_file_and_a_different_at_is_not_a_remembered_run(
    sample_copy: Path,
) -> None:
    place = ("--place", "区政府3号楼302会议室")
    first = run(sample_copy, "notices", "--date", "2026-11-13", "--at", "2026-11-16 09:00", *place)
    assert first.exit_code == 0, first.output
    register = next((sample_copy.parent / "reports").rglob("*登记表.csv"))
    assert ",2026-11-16 09:00,区政府3号楼302会议室," in register.read_text(encoding="utf-8-sig")
    again = run(
        sample_copy,
        "notices",
        "--date",
        "2026-11-13",
        "--at",
        "2026-11-17 09:00",
        *place,
        "--force",
    )
    assert again.exit_code == 0, again.output
    assert ",2026-11-17 09:00," in register.read_text(encoding="utf-8-sig")
