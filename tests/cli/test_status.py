"""xjj status: who has submitted the month's figures and progress, and who is to be chased (催报)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import SAMPLE, pending_november
from xjj_cli.cli import app

runner = CliRunner()


def status(data: Path, *args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["--data", str(data), "status", *args])
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def status_json(data: Path, *args: str) -> dict[str, object]:
    payload: dict[str, object] = json.loads(status(data, *args, "--format", "json")[0])
    return payload


def test_the_sample_month_has_every_town_and_one_project_missing() -> None:
    payload = status_json(SAMPLE, "--month", "2026-10")
    assert payload["month"] == "2026-10"
    assert payload["reportable"] is True
    towns = payload["towns"]
    assert isinstance(towns, list) and len(towns) == 16
    assert all(t["submitted"] for t in towns)
    assert towns[0] == {"town": "gh", "name": "古槐街道", "submitted": True}
    projects = payload["projects"]
    assert isinstance(projects, list)
    missing = [p for p in projects if not p["reported"]]
    assert missing == [
        {"id": "IIOT-2026-004", "name": "协力气体5G全连接工厂", "owner": "xlqt", "reported": False}
    ]
    ids = {p["id"] for p in projects}
    # finished in an earlier month: no longer expected; finished this month: reported
    assert {"5G-2026-001", "5G-2026-007", "CHG-2026-003"}.isdisjoint(ids)
    assert {"GRID-2026-004", "IIOT-2026-005"} <= ids
    # not started by the month's end: not expected
    assert {"5G-2026-010", "RAIL-2026-004"}.isdisjoint(ids)
    overdue = payload["problems_overdue"]
    assert isinstance(overdue, list)
    # the ledger's problems open at 31 October past their deadline, by responsible unit
    assert [(p["id"], p["unit"], p["days_overdue"]) for p in overdue] == [
        ("WT-2026-012", "cg", 6),
        ("WT-2026-003", "qzj", 41),
        ("WT-2026-004", "qzrj", 46),
        ("WT-2026-007", "qnyfw", 21),
        ("WT-2026-008", "qnyfw", 11),
        ("WT-2026-005", "gdgs", 16),
    ]
    assert overdue[2] == {
        "id": "WT-2026-004",
        "unit": "qzrj",
        "deadline": "2026-09-15",
        "days_overdue": 46,
    }


def test_the_json_has_exactly_the_spec_keys() -> None:
    payload = status_json(SAMPLE, "--month", "2026-10")
    assert list(payload) == ["month", "reportable", "towns", "projects", "problems_overdue"]
    towns = payload["towns"]
    projects = payload["projects"]
    assert isinstance(towns, list) and isinstance(projects, list)
    assert {tuple(t) for t in towns} == {("town", "name", "submitted")}
    assert {tuple(p) for p in projects} == {("id", "name", "owner", "reported")}
    overdue = payload["problems_overdue"]
    assert isinstance(overdue, list) and overdue
    assert {tuple(p) for p in overdue} == {("id", "unit", "deadline", "days_overdue")}


def test_a_pending_month_lists_the_towns_and_owners_to_chase(sample_copy: Path) -> None:
    pending_november(sample_copy)
    payload = status_json(sample_copy, "--month", "2026-11")
    assert payload["reportable"] is False
    towns = payload["towns"]
    assert isinstance(towns, list)
    assert [t["town"] for t in towns if not t["submitted"]] == ["ly", "cg"]
    projects = payload["projects"]
    assert isinstance(projects, list) and projects
    assert not any(p["reported"] for p in projects)


def test_the_default_month_is_the_latest_file_even_when_incomplete(sample_copy: Path) -> None:
    assert status_json(SAMPLE)["month"] == "2026-10"
    pending_november(sample_copy)
    payload = status_json(sample_copy)
    assert payload["month"] == "2026-11" and payload["reportable"] is False


def test_a_month_without_a_file_has_no_town_submitted(sample_copy: Path) -> None:
    payload = status_json(sample_copy, "--month", "2026-12")
    assert payload["month"] == "2026-12" and payload["reportable"] is False
    towns = payload["towns"]
    assert isinstance(towns, list) and len(towns) == 16
    assert not any(t["submitted"] for t in towns)
    out, _ = status(sample_copy, "--month", "2026-12")
    assert "还没有镇街月度数据" in out


def test_the_table_is_chinese_and_names_who_to_chase(sample_copy: Path) -> None:
    pending_november(sample_copy)
    out, _ = status(sample_copy, "--month", "2026-11")
    for words in ("2026年11月", "尚未报齐", "催报", "李营街道", "长沟镇", "协力气体", "未报送"):
        assert words in out, words
    assert "联系人：王明" in out and "0537-2345678" in out
    assert "古槐街道" in out  # every town is listed, submitted or not
    complete, _ = status(SAMPLE, "--month", "2026-10")
    assert "已报齐" in complete and "IIOT-2026-004" in complete
    assert "李营街道" in complete  # listed among the towns that have submitted


def test_an_invalid_month_is_a_usage_error() -> None:
    _, err = status(SAMPLE, "--month", "2026-13", code=2)
    assert "2026-13" in err


def test_invalid_data_is_refused(sample_copy: Path) -> None:
    (sample_copy / "towns" / "progress" / "2026-10.csv").write_text(
        "town,metric,target,completed\ngh,5g.stations,x,1\n", encoding="utf-8"
    )
    _, err = status(sample_copy, code=1)
    assert "xjj validate" in err


def test_the_status_is_the_engine_s_fact_the_command_only_shows() -> None:
    """``engine.status.submissions`` decides who has submitted, from the loaded repository
    alone; ``xjj status --format json`` prints exactly that."""
    from xjj_cli.engine.status import submissions
    from xjj_cli.pipeline import load_valid
    from xjj_cli.render.status import status_json as shown

    found = submissions(load_valid(SAMPLE), "2026-10")
    assert [p.id for c in found.chase for p in c.projects] == ["IIOT-2026-004"]
    assert shown(found) == status_json(SAMPLE, "--month", "2026-10")


def test_markdown_has_the_same_sentence_tables_and_chase_list_as_the_table(
    sample_copy: Path,
) -> None:
    """``--format md`` (for a CI run's summary page): the month's sentence, every table of the
    terminal view as a Markdown table, and the 催报 list, for a month still being collected."""
    pending_november(sample_copy)
    text, _ = status(sample_copy, "--format", "md")
    table, _ = status(sample_copy)
    first = text.splitlines()[0]
    assert first == table.splitlines()[0] and "2026年11月" in first and "越河街道" not in first
    titles = [line[4:] for line in text.splitlines() if line.startswith("### ")]
    assert titles == [
        "2026年11月镇街月度数据报送情况",
        "2026年11月项目进度报送情况",
        "2026年11月催报名单（按单位）",
        "2026年11月逾期未解决的问题（截至2026年11月30日）",
    ]
    assert all(title in table for title in titles)
    assert "| 镇街 | 类型 | 报送 |\n| --- | --- | --- |\n| 古槐街道 | 街道 | 已报送 |" in text
    assert "| 李营街道 | 街道 | 未报送 |" in text and "| 长沟镇 | 镇 | 未报送 |" in text
    assert text.rstrip("\n").endswith("催报回复联系人：王明，联系电话：0537-2345678")
    assert "\x1b" not in text and "━" not in text  # no terminal drawing
