"""The problems ledger at a month's end (SPEC §3.3's definitions below its table;
engine/problems.py, engine/ledger.py): raised, open and resolved on the month's last day,
days overdue to the month's end or to the resolution, a problem's state as ``xjj problems``
lists it, which problems each filter keeps and in which order. October 2026 ends on the 31st."""

from __future__ import annotations

from typing import Any

import pytest

from builders import D, problem
from xjj_cli.engine.ledger import LedgerEntry, LedgerFilter, LedgerState, ledger_at, ledger_entry
from xjj_cli.engine.problems import ProblemState, problem_state
from xjj_cli.engine.results import Action, RuleId
from xjj_cli.engine.rules.problem_overdue import ProblemEvidence
from xjj_cli.engine.rules.problem_overdue import breaches as problem_breaches
from xjj_cli.model import Rules

MONTH = "2026-10"
END = D(2026, 10, 31)


def _state(
    *,
    raised: bool = True,
    open: bool = False,
    resolved: D | None = None,
    solved_in_month: bool = False,
    overdue_days: int | None = None,
    late_days: int | None = None,
    on_schedule: bool = True,
) -> ProblemState:
    return ProblemState(
        raised, open, resolved, solved_in_month, overdue_days, late_days, on_schedule
    )


STATES: list[tuple[dict[str, Any], ProblemState]] = [
    # open, due after the month's end: open and on schedule
    ({"deadline": D(2026, 11, 15)}, _state(open=True)),
    # open and due on the month's last day: not yet overdue ("deadline < M's end")
    ({"deadline": END}, _state(open=True)),
    # open, due the day before: one day overdue, not on schedule
    ({"deadline": D(2026, 10, 30)}, _state(open=True, overdue_days=1, on_schedule=False)),
    ({"deadline": D(2026, 9, 30)}, _state(open=True, overdue_days=31, on_schedule=False)),
    # raised on the month's last day: it exists at the month's end
    ({"raised": END, "deadline": D(2026, 11, 15)}, _state(open=True)),
    # raised the day after: not yet raised, so not open (and on schedule: not yet due)
    ({"raised": D(2026, 11, 1), "deadline": D(2026, 11, 15)}, _state(raised=False)),
    # resolved on the month's last day, on its deadline: solved in the month, on time
    (
        {"deadline": END, "resolved": END},
        _state(resolved=END, solved_in_month=True),
    ),
    # resolved a day after its deadline, during the month: one day late
    (
        {"deadline": D(2026, 10, 20), "resolved": D(2026, 10, 21)},
        _state(resolved=D(2026, 10, 21), solved_in_month=True, late_days=1, on_schedule=False),
    ),
    # resolved after the month's end: still open at it, and overdue
    (
        {"deadline": D(2026, 10, 20), "resolved": D(2026, 11, 1)},
        _state(open=True, overdue_days=11, on_schedule=False),
    ),
    # resolved late in an earlier month: resolved, not this month, not late this month
    (
        {"deadline": D(2026, 9, 20), "resolved": D(2026, 9, 30)},
        _state(resolved=D(2026, 9, 30), on_schedule=False),
    ),
    # resolved on time in an earlier month
    (
        {"deadline": D(2026, 9, 30), "resolved": D(2026, 9, 10)},
        _state(resolved=D(2026, 9, 10)),
    ),
]


@pytest.mark.parametrize(("fields", "expected"), STATES)
def test_a_problems_state_at_the_months_end(fields: dict[str, Any], expected: ProblemState) -> None:
    assert problem_state(problem(**fields), MONTH) == expected


# --- ledger_entry: the state a view lists -----------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "state", "days"),
    [
        ({"deadline": D(2026, 10, 30)}, LedgerState.overdue, 1),
        ({"deadline": END}, LedgerState.open, None),  # due on the last day: open, not overdue
        ({"deadline": D(2026, 10, 20), "resolved": D(2026, 10, 23)}, LedgerState.solved_late, 3),
        ({"deadline": D(2026, 10, 20), "resolved": D(2026, 10, 20)}, LedgerState.solved, None),
        ({"deadline": D(2026, 11, 20), "resolved": D(2026, 10, 1)}, LedgerState.solved, None),
    ],
)
def test_a_listed_problems_state_and_days_overdue(
    fields: dict[str, Any], state: LedgerState, days: int | None
) -> None:
    p = problem(**fields)
    assert ledger_entry(p, MONTH) == LedgerEntry(p, state, days)


@pytest.mark.parametrize(
    "fields",
    [
        {"raised": D(2026, 11, 1), "deadline": D(2026, 11, 15)},  # raised after the month
        {"deadline": D(2026, 9, 20), "resolved": D(2026, 9, 30)},  # resolved before it
    ],
)
def test_a_problem_not_raised_yet_or_resolved_before_the_month_is_not_listed(
    fields: dict[str, Any],
) -> None:
    assert ledger_entry(problem(**fields), MONTH) is None


# --- ledger_at: which problems, in which order ----------------------------------------------


def _ledger() -> list[Any]:
    """Two units' problems in every state, given in no particular order."""
    return [
        problem(id="WT-2026-010", unit="firm", deadline=D(2026, 11, 30)),  # open
        problem(id="WT-2026-001", deadline=D(2026, 10, 10), resolved=D(2026, 10, 12)),  # late 2
        problem(id="WT-2026-002", deadline=D(2026, 11, 20)),  # open, due 11-20
        problem(id="WT-2026-003", deadline=D(2026, 10, 1)),  # overdue 30
        problem(id="WT-2026-004", deadline=D(2026, 10, 20), resolved=D(2026, 10, 5)),  # solved
        problem(id="WT-2026-005", deadline=D(2026, 10, 21)),  # overdue 10
        problem(id="WT-2026-006", deadline=D(2026, 11, 10)),  # open, due 11-10
        problem(id="WT-2026-007", deadline=D(2026, 10, 10), resolved=D(2026, 10, 20)),  # late 10
        problem(id="WT-2026-008", deadline=D(2026, 10, 21)),  # overdue 10, same deadline
        problem(id="WT-2026-009", deadline=D(2026, 9, 1), resolved=D(2026, 9, 5)),  # earlier
        problem(id="WT-2026-011", unit="a", deadline=D(2026, 10, 30)),  # a town's, overdue 1
        problem(id="WT-2026-012", unit="b", deadline=D(2026, 11, 30)),  # another town's, open
    ]


def _ids(entries: list[LedgerEntry]) -> list[str]:
    return [e.problem.id for e in entries]


def test_the_ledger_lists_overdue_most_days_first_then_open_solved_late_solved() -> None:
    listed = ledger_at(_ledger(), MONTH, LedgerFilter.all, ["dept", "firm"])
    assert _ids(listed) == [
        # dept: overdue (30 days, then 10 and 10 by id), open (earliest deadline first),
        # solved late (most days first), solved
        "WT-2026-003",
        "WT-2026-005",
        "WT-2026-008",
        "WT-2026-006",
        "WT-2026-002",
        "WT-2026-007",
        "WT-2026-001",
        "WT-2026-004",
        # firm, in the order of the units given; then the units not given, by code
        "WT-2026-010",
        "WT-2026-011",
        "WT-2026-012",
    ]
    assert [(e.state, e.days_overdue) for e in listed[:1]] == [(LedgerState.overdue, 30)]


def test_the_order_of_units_is_the_one_given() -> None:
    listed = ledger_at(_ledger(), MONTH, LedgerFilter.all, ["b", "firm"])
    assert _ids(listed)[:2] == ["WT-2026-012", "WT-2026-010"]
    assert _ids(listed)[2:4] == ["WT-2026-011", "WT-2026-003"]  # a before dept, by code
    assert _ids(ledger_at(_ledger(), MONTH))[:2] == ["WT-2026-011", "WT-2026-012"]  # a, b, …


def test_the_open_filter_keeps_overdue_and_open_problems() -> None:
    listed = ledger_at(_ledger(), MONTH, LedgerFilter.open, ["dept", "firm"])
    assert _ids(listed) == [
        "WT-2026-003",
        "WT-2026-005",
        "WT-2026-008",
        "WT-2026-006",
        "WT-2026-002",
        "WT-2026-010",
        "WT-2026-011",
        "WT-2026-012",
    ]


def test_the_overdue_filter_keeps_problems_past_their_deadline() -> None:
    listed = ledger_at(_ledger(), MONTH, LedgerFilter.overdue, ["dept"])
    assert _ids(listed) == ["WT-2026-003", "WT-2026-005", "WT-2026-008", "WT-2026-011"]
    assert [e.days_overdue for e in listed] == [30, 10, 10, 1]


# --- rule problem_overdue over a ledger --------------------------------------------------------


def test_a_problem_without_a_breach_does_not_hide_the_next_ones() -> None:
    ledger = [
        problem(id="WT-2026-001", deadline=D(2026, 11, 15)),  # not yet due: no breach
        problem(id="WT-2026-002", deadline=D(2026, 10, 30)),  # one day overdue: 通报
    ]
    (breach,) = problem_breaches(ledger, MONTH, Rules())
    assert (breach.unit, breach.rule, breach.action) == (
        "dept",
        RuleId.problem_overdue,
        Action.notify,
    )
    assert breach.evidence == ProblemEvidence(
        "WT-2026-002", "物业收取进场费，基站无法进场", D(2026, 10, 30), None, 1
    )
