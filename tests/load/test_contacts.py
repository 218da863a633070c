"""The data ``xjj push`` reads (SPEC §9): the optional ``mobile`` column of towns.csv and
units.csv (a unit's contact, to @mention) and ``document.report_by`` (催报's deadline)."""

from __future__ import annotations

from pathlib import Path

from xjj_cli.diagnostics import ProblemLog
from xjj_cli.load.csvtable import read_csv
from xjj_cli.validate import validate_repository


def test_an_optional_column_may_be_there_or_not() -> None:
    log = ProblemLog()
    table = read_csv(
        "code,name,kind\nly,李营街道,街道\n", "t.csv", ["code", "name", "kind"], log, ("mobile",)
    )
    assert table is not None and table.rows[0].cells["mobile"] == ""
    table = read_csv(
        "mobile,code,name,kind\n13800138000,ly,李营街道,街道\n",
        "t.csv",
        ["code", "name", "kind"],
        log,
        ("mobile",),
    )
    assert table is not None and table.rows[0].cells["mobile"] == "13800138000"
    assert log.problems == []


def test_an_optional_column_twice_is_a_header_error() -> None:
    log = ProblemLog()
    text = "code,name,kind,mobile,mobile\nly,李营街道,街道,1,2\n"
    assert read_csv(text, "t.csv", ["code", "name", "kind"], log, ("mobile",)) is None
    (problem,) = log.problems
    assert problem.code == "csv.header"
    assert "code,name,kind,mobile,mobile" in problem.message


def test_mobiles_are_read_into_the_towns_and_units(base_data: Path) -> None:
    towns = base_data / "towns" / "towns.csv"
    rows = towns.read_text(encoding="utf-8").splitlines()
    towns.write_text(
        "\n".join([rows[0] + ",mobile", rows[1] + ",13912345678", *(r + "," for r in rows[2:])])
        + "\n",
        encoding="utf-8",
    )
    repo = validate_repository(base_data)
    assert repo.log.errors == []
    assert repo.towns["ly"].mobile == "13912345678"
    assert repo.towns["eslp"].mobile is None
    assert all(unit.mobile is None for unit in repo.units.values())


def test_a_mobile_that_is_not_one_is_an_error_at_its_cell(base_data: Path) -> None:
    units = base_data / "units" / "units.csv"
    rows = units.read_text(encoding="utf-8").splitlines()
    units.write_text(
        "\n".join([rows[0] + ",mobile", rows[1] + ",138-0013-8000", *(r + "," for r in rows[2:])])
        + "\n",
        encoding="utf-8",
    )
    errors = validate_repository(base_data).log.errors
    assert [(e.location.file, e.location.line, e.code) for e in errors] == [
        ("data/units/units.csv", 2, "value.invalid")
    ]
    assert "138-0013-8000" in errors[0].message


def test_report_by_defaults_to_5_and_stays_within_the_month(base_data: Path) -> None:
    repo = validate_repository(base_data)
    assert repo.district is not None and repo.district.record.document.report_by == 5
    district = base_data / "district.yaml"
    text = district.read_text(encoding="utf-8")
    district.write_text(text.replace("document:\n", "document:\n  report_by: 31\n"), "utf-8")
    errors = validate_repository(base_data).log.errors
    assert [e.code for e in errors] == ["value.range"]
    district.write_text(text.replace("document:\n", "document:\n  report_by: 10\n"), "utf-8")
    repo = validate_repository(base_data)
    assert repo.district is not None and repo.district.record.document.report_by == 10
