"""The department ranking (SPEC §3.4) on a tiny hand-made dataset: only this year's tasks and
problems are items, only departments' and enterprises' items count, and an item left out
never stops the next one from counting."""

from __future__ import annotations

from fractions import Fraction as F

from builders import D, dataset, problem, task
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import DepartmentRow

MONTH = "2026-10"


def test_items_of_other_years_and_of_towns_are_left_out_the_rest_still_count() -> None:
    problems = [
        problem(id="WT-2026-001", unit="a"),  # a town's: towns are ranked on their figures
        problem(  # last year's
            id="WT-2025-001", raised=D(2025, 12, 1), deadline=D(2025, 12, 20), unit="firm"
        ),
        problem(id="WT-2026-002", deadline=D(2026, 11, 15)),  # dept's, not yet due: on schedule
        problem(id="WT-2026-003", unit="firm", deadline=D(2026, 10, 15)),  # firm's, overdue
    ]
    tasks = [
        task(id="SJ-1", deadline=D(2025, 12, 31)),  # last year's
        task(id="SJ-2", units=["firm", "a"], deadline=D(2026, 9, 30), done=D(2026, 9, 20)),
    ]
    ev = MonthEvaluation(dataset(problems=problems, tasks=tasks), MONTH)
    # dept: 1 item, on schedule; firm: SJ-2 on time and WT-003 overdue, 1 of 2
    assert ev.departments == [
        DepartmentRow(1, "dept", "区测试局", "区直部门", 1, 1, F(1)),
        DepartmentRow(2, "firm", "测试公司", "企业", 2, 1, F(1, 2)),
    ]
