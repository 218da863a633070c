"""Rule ``problem_overdue`` and the ledger's problems in the department ranking (SPEC §3.3,
§3.4), each boundary on a tiny hand-made ledger whose answer is obvious."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from builders import D, dataset, problem, progress, project
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import Action, Breach, RuleId
from xjj_cli.engine.rules.problem_overdue import ProblemEvidence
from xjj_cli.engine.rules.problem_overdue import breaches as problem_breaches
from xjj_cli.model import LedgerProblem, Rules

RULES = Rules()
MONTH = "2026-10"


def _evidence(breach: Breach) -> ProblemEvidence:
    assert isinstance(breach.evidence, ProblemEvidence)
    return breach.evidence


def found(*problems: LedgerProblem, rules: Rules = RULES) -> dict[str, tuple[Action, int]]:
    """Each breached problem's action and days overdue at the month."""
    return {
        _evidence(b).problem: (b.action, _evidence(b).days_overdue)
        for b in problem_breaches(problems, MONTH, rules)
    }


def department(*problems: LedgerProblem) -> tuple[int, int] | None:
    """``dept``'s (items, on schedule) at the month, from the problems alone."""
    ev = MonthEvaluation(dataset(problems=list(problems)), MONTH)
    row = next((r for r in ev.departments if r.unit == "dept"), None)
    return None if row is None else (row.items, row.on_schedule)


# --- the rule -----------------------------------------------------------------------------------


def test_an_open_problem_past_its_deadline_is_notified_with_its_facts() -> None:
    (breach,) = problem_breaches([problem()], MONTH, RULES)
    assert (breach.unit, breach.rule, breach.action) == (
        "dept",
        RuleId.problem_overdue,
        Action.notify,
    )
    assert _evidence(breach) == ProblemEvidence(
        "WT-2026-001", "物业收取进场费，基站无法进场", D(2026, 10, 15), None, 16
    )


def test_a_deadline_on_the_months_last_day_is_not_yet_passed() -> None:
    due = problem(deadline=D(2026, 10, 31))
    assert found(due) == {}
    assert department(due) == (1, 1)
    assert found(problem(deadline=D(2026, 10, 30))) == {"WT-2026-001": (Action.notify, 1)}


def test_a_problem_resolved_on_its_deadline_is_on_time() -> None:
    on_time = problem(deadline=D(2026, 10, 15), resolved=D(2026, 10, 15))
    assert found(on_time) == {}
    assert department(on_time) == (1, 1)


def test_a_problem_resolved_late_during_the_month_is_notified_with_its_date() -> None:
    late = problem(deadline=D(2026, 9, 10), resolved=D(2026, 10, 20))  # 40 days late
    (breach,) = problem_breaches([late], MONTH, RULES)
    assert breach.action is Action.notify  # resolved: never an interview, however late
    assert (_evidence(breach).resolved, _evidence(breach).days_overdue) == (D(2026, 10, 20), 40)
    assert department(late) == (1, 0)


def test_a_problem_resolved_late_in_an_earlier_month_is_no_breach_but_stays_late() -> None:
    earlier = problem(raised=D(2026, 7, 1), deadline=D(2026, 8, 15), resolved=D(2026, 9, 2))
    assert found(earlier) == {}
    assert department(earlier) == (1, 0)


def test_a_problem_resolved_after_the_month_is_open_at_its_end() -> None:
    later = problem(deadline=D(2026, 9, 30), resolved=D(2026, 11, 5))
    (breach,) = problem_breaches([later], MONTH, RULES)
    assert (breach.action, _evidence(breach).resolved, _evidence(breach).days_overdue) == (
        Action.interview,
        None,
        31,
    )
    assert department(later) == (1, 0)


def test_a_problem_raised_after_the_months_end_is_ignored() -> None:
    future = problem(raised=D(2026, 11, 2), deadline=D(2026, 11, 20))
    assert found(future) == {}
    assert department(future) is None


@pytest.mark.parametrize(
    ("deadline", "action", "days"),
    [
        (D(2026, 10, 1), Action.notify, 30),  # exactly problem_interview_days: still 通报
        (D(2026, 9, 30), Action.interview, 31),  # one more: 约谈
    ],
)
def test_interview_only_beyond_problem_interview_days(
    deadline: D, action: Action, days: int
) -> None:
    assert found(problem(deadline=deadline)) == {"WT-2026-001": (action, days)}


def test_problem_interview_days_comes_from_the_rules() -> None:
    strict = Rules(problem_interview_days=0)
    assert found(problem(deadline=D(2026, 10, 30)), rules=strict) == {
        "WT-2026-001": (Action.interview, 1)
    }


def test_one_breach_per_problem_to_its_responsible_unit_not_its_reporter() -> None:
    two = [problem(id="WT-2026-002", unit="firm"), problem(id="WT-2026-001")]
    breaches = problem_breaches(two, MONTH, RULES)
    assert sorted((b.unit, _evidence(b).problem) for b in breaches) == [
        ("dept", "WT-2026-001"),
        ("firm", "WT-2026-002"),
    ]


def test_the_rule_runs_with_the_month_and_its_reasons_are_ordered_by_problem() -> None:
    ledger = [problem(id="WT-2026-002"), problem(id="WT-2026-001", deadline=D(2026, 9, 1))]
    ev = MonthEvaluation(dataset(problems=ledger), MONTH)
    (unit,) = ev.findings
    assert (unit.unit, unit.action) == ("dept", Action.interview)
    assert [_evidence(r).problem for r in unit.reasons] == ["WT-2026-001", "WT-2026-002"]
    same_action = [problem(id="WT-2026-002"), problem(id="WT-2026-001")]
    (unit,) = MonthEvaluation(dataset(problems=same_action), MONTH).findings
    assert [_evidence(r).problem for r in unit.reasons] == ["WT-2026-001", "WT-2026-002"]


# --- the department ranking (SPEC §3.4) ----------------------------------------------------------


def test_problems_are_items_of_the_department_ranking() -> None:
    blue = project(id="P-1", owner="dept", plan={"2026-10": 50}, progress=progress(("2026-10", 50)))
    ledger = [
        problem(id="WT-2026-001"),  # overdue: not on schedule
        problem(id="WT-2026-002", deadline=D(2026, 12, 31)),  # not yet due
        problem(id="WT-2026-003", unit="firm", resolved=D(2026, 10, 1)),  # on time
        problem(id="WT-2025-001", raised=D(2025, 11, 1), deadline=D(2025, 12, 1)),  # 2025
    ]
    ev = MonthEvaluation(dataset(projects=[blue], problems=ledger), MONTH)
    rows = {r.unit: (r.rank, r.items, r.on_schedule, r.score) for r in ev.departments}
    assert rows == {"firm": (1, 1, 1, F(1)), "dept": (2, 3, 2, F(2, 3))}


def test_problems_of_towns_and_unknown_units_are_not_ranked() -> None:
    ev = MonthEvaluation(dataset(problems=[problem(unit="a"), problem(unit="nobody")]), MONTH)
    assert ev.departments == []
