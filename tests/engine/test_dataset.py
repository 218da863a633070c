"""The engine's input (engine/dataset.py): records kept in the order of their ids whatever the
order of the files (SPEC §3: results never depend on file order), and a unit named by its
code when the data does not know it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builders import dataset, project
from xjj_cli.pipeline import evaluate

SWAPPED_PROBLEMS = """\
- id: WT-2026-002
  domain: 5g
  text: 杆路资源紧张
  raised: 2026-10-09
  by: cg
  unit: qgxj
  deadline: 2026-11-20
  resolved: null
- id: WT-2026-001
  project: 5G-2026-001
  text: 物业收取进场费
  raised: 2026-10-08
  by: ly
  unit: qzj
  deadline: 2026-11-15
  resolved: null
"""

SWAPPED_TASKS = """\
- id: SJ-2026-02
  title: 年底前建成公共充电桩100个
  domain: charging
  units: [qzj]
  deadline: 2026-12-31
  done: null
- id: SJ-2026-01
  title: 9月底前完成年度5G基站建设任务的80%
  domain: 5g
  units: [ly, tt]
  deadline: 2026-09-30
  done: 2026-09-25
"""


def test_problems_and_tasks_are_taken_in_the_order_of_their_ids(base_data: Path) -> None:
    (base_data / "problems" / "2026.yaml").write_text(SWAPPED_PROBLEMS, encoding="utf-8")
    (base_data / "tasks" / "2026.yaml").write_text(SWAPPED_TASKS, encoding="utf-8")
    data = evaluate(base_data, "2026-10").data
    assert [p.id for p in data.problems] == ["WT-2026-001", "WT-2026-002"]
    assert [(p.unit, p.by) for p in data.problems] == [("qzj", "ly"), ("qgxj", "cg")]
    assert [t.id for t in data.tasks] == ["SJ-2026-01", "SJ-2026-02"]


def test_the_interviews_files_are_on_the_dataset_by_month(base_data: Path) -> None:
    folder = base_data / "interviews"
    folder.mkdir()
    text = "at: 2026-11-12 15:00\nplace: 区政府3号楼302会议室\n"
    (folder / "2026-10.yaml").write_text(text, encoding="utf-8")
    data = evaluate(base_data, "2026-10").data
    assert list(data.interviews) == ["2026-10"]
    assert data.interviews["2026-10"].at == dt.datetime(2026, 11, 12, 15, 0)
    assert data.interviews["2026-10"].place == "区政府3号楼302会议室"


def test_a_unit_is_described_by_its_name_and_kind_or_else_by_its_code() -> None:
    data = dataset()
    assert data.describe("dept") == ("区测试局", "区直部门")
    assert data.describe("a") == ("a镇", "镇")
    assert data.describe("zz") == ("zz", "")  # not in the data: its code, no kind


def test_a_project_is_found_by_its_id() -> None:
    first, second = project(id="P-1"), project(id="P-2", name="二号项目")
    data = dataset(projects=[first, second])
    assert data.project("P-2") is second
    assert data.project("P-1") is first
