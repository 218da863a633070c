"""xjj history UNIT: one unit month by month, as the other commands see each month."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app

REPORTABLE = [f"2026-{m:02d}" for m in range(1, 11)]
CHECKED = ["2026-01", "2026-07", "2026-10"]
runner = CliRunner()


def xjj(data: Path, *args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["--data", str(data), *args])
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def as_json(data: Path, *args: str) -> Any:
    return json.loads(xjj(data, *args, "--format", "json")[0])


@functools.cache
def history(unit: str, data: Path = SAMPLE) -> dict[str, Any]:
    payload: dict[str, Any] = as_json(data, "history", unit)
    return payload


@pytest.fixture
def town() -> dict[str, Any]:
    return history("cg")


@pytest.fixture
def department() -> dict[str, Any]:
    return history("qzj")


@pytest.fixture
def enterprise() -> dict[str, Any]:
    return history("gdgs")


def test_the_json_has_exactly_the_keys_of_spec(town: dict[str, Any]) -> None:
    assert list(town) == ["unit", "name", "kind", "months", "open_problems"]
    assert (town["unit"], town["name"], town["kind"]) == ("cg", "长沟镇", "镇")
    for month in town["months"]:
        assert list(month) == ["month", "action", "reasons", "ranks", "projects", "warnings"]
        for rank in month["ranks"]:
            assert list(rank) == ["metric", "rank", "of", "rate", "color"]
        for reason in month["reasons"]:
            assert list(reason)[:3] == ["rule", "action", "detail"]
    for problem in town["open_problems"]:
        assert list(problem) == ["id", "text", "deadline"]


def test_every_reportable_month_oldest_first(town: dict[str, Any]) -> None:
    assert [m["month"] for m in town["months"]] == REPORTABLE


def test_a_month_pending_is_not_in_the_history(sample_copy: Path) -> None:
    october = (sample_copy / "towns" / "progress" / "2026-10.csv").read_text("utf-8").splitlines()
    rows = [october[0]] + [line.rsplit(",", 1)[0] + "," for line in october[1:]]
    (sample_copy / "towns" / "progress" / "2026-11.csv").write_text("\n".join(rows) + "\n", "utf-8")
    assert [m["month"] for m in history("cg", sample_copy)["months"]] == REPORTABLE


def test_action_is_null_in_a_month_without_a_breach(town: dict[str, Any]) -> None:
    january, february = town["months"][:2]
    assert january["action"] is None and january["reasons"] == []
    assert february["action"] == "interview"


@pytest.mark.parametrize("month", CHECKED)
@pytest.mark.parametrize("unit", ["cg", "qzj", "gdgs"])
def test_actions_and_reasons_are_those_of_accountability(unit: str, month: str) -> None:
    found = as_json(SAMPLE, "accountability", "--month", month)
    listed = [u for u in found["units"] if u["unit"] == unit]
    entry = next(m for m in history(unit)["months"] if m["month"] == month)
    assert entry["action"] == (listed[0]["action"] if listed else None)
    assert entry["reasons"] == (listed[0]["reasons"] if listed else [])


@pytest.mark.parametrize("month", CHECKED)
def test_a_towns_ranks_are_those_of_rank(town: dict[str, Any], month: str) -> None:
    rankings = as_json(SAMPLE, "rank", "--month", month)
    expected = [
        {"metric": r["metric"], "rank": row["rank"], "of": len(r["rows"]), "rate": row["rate"]}
        | {"color": row["color"]}
        for r in rankings
        for row in r["rows"]
        if row["town"] == "cg"
    ]
    entry = next(m for m in town["months"] if m["month"] == month)
    assert entry["ranks"] == expected
    assert len(expected) == 3


@pytest.mark.parametrize("month", CHECKED)
@pytest.mark.parametrize("unit", ["qzj", "gdgs"])
def test_a_departments_place_is_that_of_the_department_ranking(unit: str, month: str) -> None:
    ranking = as_json(SAMPLE, "rank", "--units", "departments", "--month", month)
    rows = ranking["rows"]
    expected = [
        {"metric": "departments", "rank": r["rank"], "of": len(rows), "rate": r["score"]}
        | {"color": None}
        for r in rows
        if r["unit"] == unit
    ]
    entry = next(m for m in history(unit)["months"] if m["month"] == month)
    assert entry["ranks"] == expected


@pytest.mark.parametrize("month", CHECKED)
def test_an_enterprises_projects_and_colours_are_those_of_colors(
    enterprise: dict[str, Any], month: str
) -> None:
    colors = as_json(SAMPLE, "colors", "--month", month)
    expected = [
        {"id": p["id"], "color": p["color"]} for p in colors["projects"] if p["owner"] == "gdgs"
    ]
    entry = next(m for m in enterprise["months"] if m["month"] == month)
    assert entry["projects"] == expected
    assert expected
    assert enterprise["kind"] == "企业"


def test_a_department_is_ranked_only_in_months_it_has_items(department: dict[str, Any]) -> None:
    assert department["kind"] == "区直部门"
    assert department["months"][0]["ranks"] == []
    assert department["months"][-1]["ranks"][0]["metric"] == "departments"


@pytest.mark.parametrize("unit", ["cg", "qzj", "gdgs"])
def test_open_problems_are_those_of_the_ledger_at_the_latest_month(unit: str) -> None:
    ledger = as_json(SAMPLE, "problems", "--month", "2026-10", "--unit", unit, "--open")
    expected = {
        (p["id"], p["text"], p["deadline"]) for p in ledger["problems"] if p["unit"] == unit
    }
    assert expected or unit == "cg"
    found = {(p["id"], p["text"], p["deadline"]) for p in history(unit)["open_problems"]}
    assert found == expected


@pytest.mark.parametrize("month", CHECKED)
@pytest.mark.parametrize("unit", ["tk", "aj", "gdgs", "qzrj", "cg"])
def test_a_months_warnings_are_those_of_warnings(unit: str, month: str) -> None:
    found = as_json(SAMPLE, "warnings", "--month", month)
    listed = [u["warnings"] for u in found["units"] if u["unit"] == unit]
    entry = next(m for m in history(unit)["months"] if m["month"] == month)
    assert entry["warnings"] == (listed[0] if listed else [])


def test_the_sample_warns_its_units_in_october() -> None:
    october = [history(u)["months"][-1]["warnings"] for u in ("tk", "gdgs")]
    assert [w["warning"] for w in october[0]] == ["streak_near", "streak_near"]
    assert {w["warning"] for w in october[1]} == {"streak_near", "milestone_due"}


def test_the_table_lists_the_months_warnings() -> None:
    out, _ = xjj(SAMPLE, "history", "tk")
    head = next(line for line in out.splitlines() if "月份" in line)
    assert head.split()[-1] == "预警"
    assert "将被提请问责" in out  # 10月's warnings: a breach there is only 约谈


def test_the_table_speaks_chinese_month_by_month() -> None:
    out, _ = xjj(SAMPLE, "history", "cg")
    assert "长沟镇（cg，镇）逐月情况" in out
    for heading in ("月份", "排名/得分", "颜色", "措施", "依据", "未解决问题"):
        assert heading in out
    rows = [line.split()[0] for line in out.splitlines() if line.startswith("  2026年")]
    assert rows == [f"2026年{m}月" for m in range(1, 11)]
    assert "问责" in out and "第16名/16" in out


def test_a_unit_named_in_full_is_found_and_its_code_said() -> None:
    out, err = xjj(SAMPLE, "history", "区住建局", "--format", "json")
    assert json.loads(out)["unit"] == "qzj"
    assert "qzj" in err


@pytest.mark.parametrize(("typed", "meant"), [("cgg", "cg"), ("住建局", "qzj"), ("QZJ", "qzj")])
def test_an_unknown_unit_is_a_usage_error_with_a_suggestion(typed: str, meant: str) -> None:
    result = runner.invoke(app, ["--data", str(SAMPLE), "history", typed])
    assert result.exit_code == 2, result.output
    assert f"没有单位“{typed}”" in result.stderr
    assert meant in result.stderr
    assert "Traceback" not in result.output


def test_without_a_reportable_month_it_says_so_without_offering_an_option_it_lacks(
    base_data: Path,
) -> None:
    for path in (base_data / "towns" / "progress").glob("*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        lines[1] = lines[1].rsplit(",", 1)[0] + ","  # one town not submitted in each month
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, err = xjj(base_data, "history", "ly", code=1)
    assert "数据中还没有全部镇街报齐的月份" in err
    assert "--draft" not in err and "--month" not in err
