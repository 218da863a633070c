"""One unit month by month (engine/history.py, ``xjj history``) on a tiny hand-made dataset of
two months: a town's places in the rankings (none in a month it has no target), a
department's place in the department ranking, the projects it owns and their colours, its
action, reasons and early warnings each month, and its problems open at the latest month's
end. Every figure below is worked out by hand in the comments."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from builders import D, dataset, figures, problem, progress, project, task
from xjj_cli.engine.dataset import UnitInfo
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.history import (
    HistoryMonth,
    MonthIndex,
    ProjectColor,
    UnitHistory,
    UnitRank,
    history_month,
    unit_histories,
    unit_history,
)
from xjj_cli.engine.ledger import LedgerEntry, LedgerState
from xjj_cli.engine.results import Action, RuleId, StreakNearEvidence, WarningId

SEP, OCT = "2026-09", "2026-10"
TARGETS = {"a": 9, "b": 8, "c": 7, "d": 6}
# September: e has no target (not ranked); a 90 %, b 80 %, c 70 %, d 60 %: district 30/40 = 75 %,
# time progress 9/12 = 75 %, yellow from 65 %: d red. Bottom 3 (ties in): b, c, d.
# October: e 10 % too; district 31/50 = 62 %, time progress 10/12, yellow from 73.3 %: c, d and e
# red. Bottom 3: c, d, e; below the district: d, e.
ROWS = [(SEP, t, 10, c) for t, c in TARGETS.items()] + [(SEP, "e", 0, 0)]
ROWS += [(OCT, t, 10, c) for t, c in TARGETS.items()] + [(OCT, "e", 10, 1)]

PROJECTS = [
    # no plan, 2026-01-01 → 2026-12-31: planned 74.7 % at September's end and 83.2 % at
    # October's; reported 70 and 80: lag under 10 points, blue both months
    project(id="P-1", name="一号项目", progress=progress((SEP, 70), (OCT, 80))),
    project(id="P-2", name="二号项目", start=D(2026, 11, 1)),  # not started: no colour
]
TASKS = [
    task(id="SJ-1", units=["firm"], deadline=D(2026, 9, 30)),  # overdue 31 days in October
    task(id="SJ-2", units=["dept"], deadline=D(2026, 11, 15)),  # due 15 days after October
]
PROBLEMS = [
    problem(id="WT-2026-001", deadline=D(2026, 10, 15)),  # dept's, open: 16 days overdue
    problem(id="WT-2026-002", deadline=D(2026, 10, 20), resolved=D(2026, 10, 10)),  # solved
    problem(id="WT-2026-003", unit="firm", raised=D(2026, 10, 1), deadline=D(2026, 12, 31)),
]
UNITS = dataset().units
NOBODY = UnitInfo("zz", "某局", "区直部门", False)  # a department with no item at all


def _evaluations() -> tuple[MonthEvaluation, MonthEvaluation]:
    """September and October, evaluated afresh by each test (nothing computed at import)."""
    data = dataset(figures(ROWS), projects=PROJECTS, tasks=TASKS, problems=PROBLEMS)
    return MonthEvaluation(data, SEP), MonthEvaluation(data, OCT)


def _histories(*units: UnitInfo) -> list[UnitHistory]:
    september, october = _evaluations()
    return unit_histories(list(units), [october, september])  # any order: oldest first out


def test_a_towns_months_are_oldest_first_with_its_place_in_each_ranking() -> None:
    (d,) = _histories(UNITS["d"])
    assert [m.month for m in d.months] == [SEP, OCT]
    assert d.latest == OCT
    assert [m.ranks for m in d.months] == [
        (UnitRank("5g.stations", "5G基站", 4, 4, F(6, 10), "red"),),
        (UnitRank("5g.stations", "5G基站", 4, 5, F(6, 10), "red"),),
    ]


def test_a_town_without_a_target_in_a_month_has_no_place_in_it() -> None:
    (e,) = _histories(UNITS["e"])
    assert [m.ranks for m in e.months] == [
        (),
        (UnitRank("5g.stations", "5G基站", 5, 5, F(1, 10), "red"),),
    ]


def test_a_towns_action_and_reasons_each_month() -> None:
    (d,) = _histories(UNITS["d"])
    september, october = d.months
    # September: red (remind); one month in the bottom 3 is no streak yet
    assert september.action == Action.remind
    assert [b.rule for b in september.reasons] == [RuleId.town_red]
    # October: bottom 3 and below the district two months running → interview
    assert october.action == Action.interview
    assert [b.rule for b in october.reasons] == [
        RuleId.bottom_n,
        RuleId.below_district,
        RuleId.town_red,
    ]
    assert october.finding is not None and october.finding.unit == "d"
    assert october.reasons == october.finding.reasons


def test_a_towns_early_warnings_are_its_own_most_urgent_first() -> None:
    (d,) = _histories(UNITS["d"])
    assert d.months[0].warnings != ()  # September: one month short of 约谈
    october = d.months[1].warnings
    # two months running in the bottom 3 and below the district: 问责 if it holds in November
    assert [(w.warning, w.unit, w.by) for w in october] == [
        (WarningId.STREAK_NEAR, "d", D(2026, 11, 30))
    ] * 2
    evidence = [w.evidence for w in october]
    assert all(isinstance(e, StreakNearEvidence) for e in evidence)
    assert [(e.rule, e.streak, e.action) for e in evidence] == [  # type: ignore[union-attr]
        (RuleId.bottom_n, 2, Action.accountability),
        (RuleId.below_district, 2, Action.accountability),
    ]


def test_a_department_ranks_in_the_department_ranking_with_its_projects() -> None:
    dept, firm = _histories(UNITS["dept"], UNITS["firm"])
    # September: dept's P-1 blue, SJ-2 not yet due, WT-001 and WT-002 not yet due: 4 of 4;
    # firm's SJ-1 due on September's last day, not yet passed: 1 of 1 → both rank 1 of 2
    # October: dept's WT-001 overdue: 3 of 4; firm's SJ-1 overdue, WT-003 not due: 1 of 2
    assert [m.ranks for m in dept.months] == [
        (UnitRank("departments", "", 1, 2, F(1), None),),
        (UnitRank("departments", "", 1, 2, F(3, 4), None),),
    ]
    assert [m.ranks for m in firm.months] == [
        (UnitRank("departments", "", 1, 2, F(1), None),),
        (UnitRank("departments", "", 2, 2, F(1, 2), None),),
    ]
    owned = (ProjectColor("P-1", "一号项目", "blue"), ProjectColor("P-2", "二号项目", None))
    assert [m.projects for m in dept.months] == [owned, owned]
    assert [m.projects for m in firm.months] == [(), ()]


def test_a_departments_actions_and_warnings_each_month() -> None:
    dept, firm = _histories(UNITS["dept"], UNITS["firm"])
    assert [(m.action, m.finding, m.reasons) for m in dept.months[:1]] == [(None, None, ())]
    # September: WT-001 and WT-002 open and due within 30 days; SJ-2 due later than that
    assert [(w.warning, w.by) for w in dept.months[0].warnings] == [
        (WarningId.PROBLEM_DUE, D(2026, 10, 15)),
        (WarningId.PROBLEM_DUE, D(2026, 10, 20)),
    ]
    october = dept.months[1]
    assert october.action == Action.notify  # WT-001 16 days overdue: 通报
    assert [b.rule for b in october.reasons] == [RuleId.problem_overdue]
    assert [(w.warning, w.by) for w in october.warnings] == [(WarningId.TASK_DUE, D(2026, 11, 15))]
    assert [m.action for m in firm.months] == [None, Action.accountability]  # 31 days > 30


def test_open_problems_are_those_open_at_the_latest_months_end() -> None:
    dept, firm, town = _histories(UNITS["dept"], UNITS["firm"], UNITS["a"])
    (overdue,) = dept.open_problems  # WT-002 was solved in October: not open
    assert overdue == LedgerEntry(PROBLEMS[0], LedgerState.overdue, 16)
    assert firm.open_problems == (LedgerEntry(PROBLEMS[2], LedgerState.open, None),)
    assert town.open_problems == ()


def test_the_latest_month_is_the_last_of_the_months_whatever_their_order() -> None:
    september, october = _evaluations()
    august = MonthEvaluation(september.data, "2026-08")  # no figures, WT-001 not yet raised
    (dept,) = unit_histories([UNITS["dept"]], [october, august, september])
    assert [m.month for m in dept.months] == ["2026-08", SEP, OCT]
    assert dept.latest == OCT
    assert dept.open_problems == (LedgerEntry(PROBLEMS[0], LedgerState.overdue, 16),)


def test_a_unit_with_nothing_has_empty_months() -> None:
    (nobody,) = _histories(NOBODY)
    assert nobody.months == (
        HistoryMonth(SEP, None, None, (), (), ()),
        HistoryMonth(OCT, None, None, (), (), ()),
    )
    assert nobody.open_problems == ()


@pytest.mark.parametrize("code", ["d", "dept", "firm", "e"])
def test_one_units_history_is_the_same_as_among_many(code: str) -> None:
    unit = UNITS[code]
    september, october = _evaluations()
    alone = unit_history(unit, [september, october])
    among = {h.unit.code: h for h in _histories(*UNITS.values())}
    assert alone == among[code]
    assert alone.unit == unit
    index = MonthIndex.of(october)
    assert history_month(october, unit) == history_month(october, unit, index) == alone.months[1]
