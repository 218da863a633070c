"""The problems ledger as the office reads it: ``xjj problems``, ``xjj status``'s overdue
problems and the bulletin's group of them (三、存在的主要问题), on the small base repository with
a ledger whose every problem is in a different state at 2026-10's end (31 October)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from xjj_cli.bulletin.build import build_bulletin
from xjj_cli.cli import app
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages.reports import REPORT_HEADINGS
from xjj_cli.pipeline import evaluate
from xjj_cli.render.bulletin import render_markdown
from xjj_cli.render.problems import PROBLEM_KEYS

runner = CliRunner()

LEDGER = """\
- id: WT-2026-001     # open, deadline passed: overdue 16 days at 31 October
  project: 5G-2026-001
  text: 物业收取进场费，基站无法进场
  raised: 2026-09-05
  by: ly
  unit: qzj
  deadline: 2026-10-15
- id: WT-2026-002     # open, not yet due
  domain: 5g
  text: 部分小区楼顶产权不清
  raised: 2026-10-02
  by: cg
  unit: qzj
  deadline: 2026-11-30
- id: WT-2026-003     # solved during October, 10 days late
  project: 5G-2026-002
  text: 施工临时占地未协调
  raised: 2026-08-01
  by: cg
  unit: qgxj
  deadline: 2026-09-30
  resolved: 2026-10-10
- id: WT-2026-004     # solved during October, on time
  project: CD-2026-001
  text: 电力增容审批未办结
  raised: 2026-09-01
  by: ly
  unit: qgxj
  deadline: 2026-10-31
  resolved: 2026-10-20
- id: WT-2026-005     # solved in September: not listed in October
  project: 5G-2026-001
  text: 选址与规划冲突
  raised: 2026-07-01
  by: eslp
  unit: tt
  deadline: 2026-08-31
  resolved: 2026-09-15
- id: WT-2026-006     # raised in November: not listed in October
  project: 5G-2026-001
  text: 新增站址未获批
  raised: 2026-11-02
  by: ly
  unit: tt
  deadline: 2026-11-30
- id: WT-2026-007     # due on October's last day (not yet passed), solved late in November
  project: CD-2026-001
  text: 充电桩用地手续未完善
  raised: 2026-09-01
  by: ly
  unit: qzj
  deadline: 2026-10-31
  resolved: 2026-11-05
"""


@pytest.fixture
def data(base_data: Path) -> Path:
    folder = base_data / "problems"
    folder.mkdir(exist_ok=True)
    (folder / "2026.yaml").write_text(LEDGER, encoding="utf-8")
    return base_data


def invoke(data: Path, *args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, ["--data", str(data), *args])
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def listed(data: Path, *args: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(invoke(data, "problems", *args, "--format", "json")[0])
    return payload


def states(payload: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    return [(p["id"], p["state"], p["days_overdue"]) for p in payload["problems"]]


# --- xjj problems ---------------------------------------------------------------------------


def test_every_state_at_the_months_end_grouped_by_unit(data: Path) -> None:
    payload = listed(data, "--month", "2026-10")
    assert list(payload) == ["month", "problems"]
    assert payload["month"] == "2026-10"
    # units in the order of units.csv (区工信局, 区住建局); overdue, open, solved late, solved
    assert states(payload) == [
        ("WT-2026-003", "solved_late", 10),
        ("WT-2026-004", "solved", None),
        ("WT-2026-001", "overdue", 16),
        ("WT-2026-007", "open", None),
        ("WT-2026-002", "open", None),
    ]
    first = payload["problems"][2]
    assert tuple(first) == PROBLEM_KEYS
    assert first == {
        "id": "WT-2026-001",
        "project": "5G-2026-001",
        "domain": "5g",  # the project's
        "text": "物业收取进场费，基站无法进场",
        "raised": "2026-09-05",
        "by": "ly",
        "unit": "qzj",
        "unit_name": "区住建局",
        "deadline": "2026-10-15",
        "resolved": None,
        "state": "overdue",
        "days_overdue": 16,
    }
    assert payload["problems"][0]["resolved"] == "2026-10-10"
    # resolved after the month's end: still open at it, and its resolution is not yet known
    assert payload["problems"][3]["resolved"] is None
    assert payload["problems"][4]["project"] is None and payload["problems"][4]["domain"] == "5g"


def test_a_later_month_uses_the_ledger_as_at_its_end_without_waiting_for_figures(
    data: Path,
) -> None:
    payload = listed(data, "--month", "2026-11")  # no town figures for November at all
    assert states(payload) == [
        ("WT-2026-001", "overdue", 46),
        ("WT-2026-002", "open", None),
        ("WT-2026-007", "solved_late", 5),
        ("WT-2026-006", "open", None),  # 铁塔公司, after 区住建局 in units.csv
    ]


def test_the_month_defaults_to_the_latest_reportable_one(data: Path) -> None:
    assert listed(data)["month"] == "2026-10"


def test_open_and_overdue_filters(data: Path) -> None:
    opened = listed(data, "--month", "2026-10", "--open")
    assert [p["id"] for p in opened["problems"]] == ["WT-2026-001", "WT-2026-007", "WT-2026-002"]
    overdue = listed(data, "--month", "2026-10", "--overdue")
    assert states(overdue) == [("WT-2026-001", "overdue", 16)]
    _, stderr = invoke(data, "problems", "--open", "--overdue", code=2)
    assert "只能选一个" in stderr


def test_a_unit_by_code_or_by_name(data: Path) -> None:
    by_code = listed(data, "--month", "2026-10", "--unit", "qgxj")
    assert [p["id"] for p in by_code["problems"]] == ["WT-2026-003", "WT-2026-004"]
    stdout, stderr = invoke(data, "problems", "--unit", "区住建局", "--format", "json")
    assert [p["unit"] for p in json.loads(stdout)["problems"]] == ["qzj"] * 3
    assert "--unit qzj" in stderr
    _, stderr = invoke(data, "problems", "--unit", "住建", code=2)
    assert "“住建”" in stderr and "qzj" in stderr
    empty = listed(data, "--unit", "tt")
    assert empty["problems"] == []


def test_csv_has_the_json_keys_and_the_table_chinese_headings(data: Path) -> None:
    text, _ = invoke(data, "problems", "--month", "2026-10", "--format", "csv")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert set(rows[0]) == {"month", *PROBLEM_KEYS}
    assert [r["state"] for r in rows] == ["solved_late", "solved", "overdue", "open", "open"]
    assert rows[2]["days_overdue"] == "16" and rows[2]["resolved"] == ""
    table, _ = invoke(data, "problems", "--month", "2026-10")
    h = REPORT_HEADINGS["problems"]
    for word in (h["unit_name"], h["deadline"], h["days_overdue"], "区住建局", "已逾期", "未到期"):
        assert word in table
    assert "本月逾期办结" in table and "本月按期办结" in table
    assert "未办结3个，其中已逾期1个；本月办结2个，其中逾期办结1个" in table
    md, _ = invoke(data, "problems", "--month", "2026-10", "--format", "md")
    assert "| 责任单位 | 问题编号 |" in md and "2026年10月15日" in md
    assert "| WT-2026-002 | （5G基站建设领域） |" in md  # no project: its domain
    md, _ = invoke(data, "problems", "--month", "2026-10", "--open", "--format", "md")
    assert "### 2026年10月未办结问题清单\n" in md
    assert "截至2026年10月31日：未办结3个，其中已逾期1个\n" in md and "本月办结" not in md


def test_xlsx_keeps_days_as_numbers_and_refuses_to_overwrite(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "问题清单.xlsx"
    stdout, _ = invoke(
        data, "problems", "--month", "2026-10", "--format", "xlsx", "--out", str(out)
    )
    assert stdout.strip() == str(out)
    sheet = load_workbook(out).worksheets[0]
    assert sheet.title == "问题清单"
    head = int(str(sheet.freeze_panes)[1:]) - 1
    headings = [c.value for c in sheet[head]]
    assert headings[:2] == ["责任单位", "问题编号"] and "代码" not in headings
    days = [r[headings.index("逾期天数")].value for r in sheet.iter_rows(min_row=head + 1)]
    assert days == [10, None, 16, None, None]
    invoke(data, "problems", "--format", "xlsx", "--out", str(out), code=1)
    invoke(data, "problems", "--format", "xlsx", "--out", str(out), "--force")


# --- xjj status -----------------------------------------------------------------------------


def test_status_lists_the_problems_overdue_at_the_months_end(data: Path) -> None:
    payload = json.loads(invoke(data, "status", "--month", "2026-10", "--format", "json")[0])
    assert payload["problems_overdue"] == [
        {"id": "WT-2026-001", "unit": "qzj", "deadline": "2026-10-15", "days_overdue": 16}
    ]
    november = json.loads(invoke(data, "status", "--month", "2026-11", "--format", "json")[0])
    assert november["problems_overdue"] == [
        {"id": "WT-2026-001", "unit": "qzj", "deadline": "2026-10-15", "days_overdue": 46}
    ]
    table, _ = invoke(data, "status", "--month", "2026-10")
    assert "逾期未解决的问题" in table
    assert "区住建局" in table and "物业收取进场费" in table


def test_status_has_no_overdue_section_without_overdue_problems(data: Path) -> None:
    payload = json.loads(invoke(data, "status", "--month", "2026-09", "--format", "json")[0])
    assert payload["problems_overdue"] == []  # WT-2026-003 is due on 30 September: not passed
    table, _ = invoke(data, "status", "--month", "2026-09")
    assert "逾期未解决的问题" not in table


# --- the bulletin ---------------------------------------------------------------------------


def bulletin_text(data: Path, month: str) -> str:
    ev = evaluate(data, month)
    bulletin = build_bulletin(ev, Fingerprint("0" * 64), dt.date(2026, 11, 5))
    return render_markdown(bulletin, ev.data.rules, data.parent / "templates")


def test_the_bulletin_names_each_overdue_problem_and_its_unit(data: Path) -> None:
    text = bulletin_text(data, "2026-10")
    two = text[text.index("## 二、存在的主要问题") : text.index("## 三、")]
    # 二: each unit of a problem still open past its deadline, with how many and how long
    assert re.search(
        r'<span class="lead">（.）问题清单逾期未办结。</span>区住建局（1个，逾期16天）'
        r"负责解决的问题逾期未解决。",
        two,
    )
    # 附件4: every problem past its deadline, open or solved late, with its project
    annex = text[text.index("# 逾期督办任务和问题清单") :]
    assert (
        "| 1 | 物业收取进场费，基站无法进场 | 任城区5G基站建设（第一批） | 区住建局 "
        "| 2026年10月15日 | 已逾期16天，未解决 |"
    ) in annex
    assert (
        "| 2 | 施工临时占地未协调 | 长沟镇5G网络覆盖 | 区工信局 | 2026年9月30日 "
        "| 2026年10月10日解决，逾期10天 |"
    ) in annex
    assert "电力增容审批未办结" not in text  # solved on time
    assert "部分小区楼顶产权不清" not in text  # not yet due
    assert "WT-" not in text


def test_the_bulletin_has_no_such_group_without_overdue_problems(base_data: Path) -> None:
    assert "问题清单逾期未办结" not in bulletin_text(base_data, "2026-10")
