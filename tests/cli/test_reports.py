"""rank, colors and accountability on the sample district: formats and SPEC §4 shapes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.engine.results import Action
from xjj_cli.pipeline import evaluate

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, ["--data", str(SAMPLE), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_sample_month_fires_every_rule_while_most_units_stay_clean() -> None:
    ev = evaluate(SAMPLE, "2026-10")
    fired = {b.rule for b in ev.breaches}
    assert fired == {
        "bottom_n",
        "below_district",
        "project_red",
        "project_yellow",
        "city_task",
        "city_card",
        "noncooperation",
        "problem_overdue",
        "town_red",
    }
    actions = {(b.rule, b.action) for b in ev.breaches}
    assert {a for r, a in actions if r == "problem_overdue"} == {Action.notify, Action.interview}
    for rule in (
        "bottom_n",
        "below_district",
        "project_red",
        "city_task",
        "city_card",
        "noncooperation",
    ):
        assert (rule, Action.interview) in actions, rule
        assert (rule, Action.accountability) in actions, rule
    named = {f.unit for f in ev.findings}
    assert len(named) < len(ev.data.units) / 2


def test_rank_json_matches_the_spec_shape() -> None:
    payload = json.loads(run("rank", "--format", "json"))
    assert isinstance(payload, list) and [p["metric"] for p in payload] == [
        "5g.stations",
        "charging.piles",
        "iiot.cloud",
    ]
    first = payload[0]
    assert set(first) == {"month", "metric", "district_rate", "time_progress", "rows"}
    assert first["month"] == "2026-10" and first["time_progress"] == pytest.approx(10 / 12)
    row = first["rows"][0]
    assert set(row) == {
        "rank",
        "town",
        "name",
        "target",
        "completed",
        "rate",
        "color",
        "bottom_n",
        "below_district",
        "rank_change",
    }
    assert 0 <= row["rate"] <= 2 and row["color"] in {"blue", "yellow", "red"}


def test_rank_json_for_one_metric_is_one_object() -> None:
    payload = json.loads(
        run("rank", "--metric", "stations", "--format", "json", "--month", "2026-09")
    )
    assert payload["metric"] == "5g.stations" and payload["month"] == "2026-09"


def test_rank_unknown_metric_is_a_usage_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["--data", str(SAMPLE), "rank", "--metric", "5g.station"])
    assert result.exit_code == 2
    assert "5g.stations" in result.stderr


def test_bad_month_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--data", str(SAMPLE), "accountability", "--month", "2026-13"])
    assert result.exit_code == 2
    assert "YYYY-MM" in result.stderr


def test_department_ranking_json() -> None:
    payload = json.loads(run("rank", "--units", "departments", "--format", "json"))
    assert payload["units"] == "departments"
    ranks = [r["rank"] for r in payload["rows"]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert set(payload["rows"][0]) == {
        "rank",
        "unit",
        "name",
        "kind",
        "items",
        "on_schedule",
        "score",
    }


def test_colors_json_has_null_colour_for_projects_not_started() -> None:
    payload = json.loads(run("colors", "--format", "json"))
    projects = {p["id"]: p for p in payload["projects"]}
    assert projects["5G-2026-010"]["color"] is None
    assert projects["5G-2026-004"]["color"] == "red"
    assert set(projects["5G-2026-004"]) == {
        "id",
        "name",
        "domain",
        "owner",
        "color",
        "planned",
        "actual",
        "lag",
        "reported",
        "overdue_milestones",
    }


def test_accountability_json_orders_units_strongest_first() -> None:
    payload = json.loads(run("accountability", "--format", "json"))
    order = ["accountability", "interview", "notify", "remind"]
    keys = [(order.index(u["action"]), u["unit"]) for u in payload["units"]]
    assert keys == sorted(keys)
    for unit in payload["units"]:
        assert unit["action"] == min((r["action"] for r in unit["reasons"]), key=order.index)
        for reason in unit["reasons"]:
            assert {"rule", "action", "detail"} <= set(reason)


def test_csv_has_a_bom_and_english_keys_and_chinese_intact() -> None:
    text = run("accountability", "--format", "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert {"unit", "name", "action", "rule", "detail"} <= set(rows[0])
    assert any(r["name"] == "长沟镇" for r in rows)


def test_markdown_tables_for_pull_requests() -> None:
    text = run("rank", "--format", "md", "--metric", "5g.stations")
    assert "| 排名 | 镇街 |" in text
    assert "| ---: |" in text


def test_table_shows_chinese_headings_and_colour_words() -> None:
    text = run("colors")
    assert "项目编号" in text and "红色" in text and "未开工" in text


def test_reporting_commands_refuse_invalid_data(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    result = runner.invoke(app, ["--data", str(tmp_path / "data"), "accountability"])
    assert result.exit_code == 1
    assert "xjj validate" in result.stderr


def _with_november_cloud_only(data: Path) -> Path:
    """The sample's copy ``data`` given a reportable 2026-11 with figures for iiot.cloud only."""
    october = (data / "towns" / "progress" / "2026-10.csv").read_text(encoding="utf-8")
    cloud = [line for line in october.splitlines()[1:] if line.split(",")[1] == "iiot.cloud"]
    (data / "towns" / "progress" / "2026-11.csv").write_text(
        "town,metric,target,completed\n" + "\n".join(cloud) + "\n", encoding="utf-8"
    )
    return data


def test_a_metric_without_figures_that_month_keeps_the_json_shape(sample_copy: Path) -> None:
    data = _with_november_cloud_only(sample_copy)
    payload = json.loads(
        runner.invoke(app, ["--data", str(data), "rank", "--format", "json"]).stdout
    )
    assert [p["month"] for p in payload] == ["2026-11"] * 3
    assert [(p["metric"], p["district_rate"], p["rows"]) for p in payload[:2]] == [
        ("5g.stations", None, []),
        ("charging.piles", None, []),
    ]
    assert payload[2]["rows"] and "draft" not in payload[2]


def test_a_metric_without_figures_still_gives_a_csv_header(sample_copy: Path) -> None:
    data = _with_november_cloud_only(sample_copy)
    args = ["--data", str(data), "rank", "--metric", "charging.piles", "--month", "2026-11"]
    result = runner.invoke(app, [*args, "--format", "csv"])
    header = result.stdout.lstrip("\ufeff").splitlines()
    assert header[0].startswith("month,metric,rank,town,name")
    assert len(header) == 1


def test_a_metric_without_figures_is_said_in_chinese(sample_copy: Path) -> None:
    """Issue 9, reproduction 5: not "2027-01 没有镇街月度数据" but which metric and month."""
    data = _with_november_cloud_only(sample_copy)
    args = ["--data", str(data), "rank", "--metric", "charging.piles", "--month", "2026-11"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "2026年11月没有充电桩（charging.piles）的镇街月度数据，无法排名。\n"


def test_departments_with_a_metric_is_a_usage_error() -> None:
    result = runner.invoke(
        app, ["--data", str(SAMPLE), "rank", "--units", "departments", "--metric", "x"]
    )
    assert result.exit_code == 2, result.output
    assert "--metric" in result.stderr and result.stdout == ""
