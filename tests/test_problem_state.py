"""``problem_state``: where a ledger problem stands at a month's end (SPEC §3.3's definitions)."""

from __future__ import annotations

import datetime as dt

from xjj_cli.engine.problems import problem_state
from xjj_cli.model import LedgerProblem


def _problem(raised: dt.date, deadline: dt.date, resolved: dt.date | None = None) -> LedgerProblem:
    return LedgerProblem(
        id="WT-2026-001",
        project="5G-2026-001",
        text="物业收取进场费，基站无法进场",
        raised=raised,
        by="ly",
        unit="qzj",
        deadline=deadline,
        resolved=resolved,
    )


def test_open_past_deadline_counts_days_to_the_month_end() -> None:
    state = problem_state(_problem(dt.date(2026, 9, 5), dt.date(2026, 10, 15)), "2026-10")
    assert state.raised and state.open
    assert state.overdue_days == 16
    assert state.late_days is None and state.resolved is None
    assert not state.on_schedule and not state.solved_in_month


def test_deadline_on_the_last_day_is_not_yet_passed() -> None:
    state = problem_state(_problem(dt.date(2026, 9, 5), dt.date(2026, 10, 31)), "2026-10")
    assert state.open and state.overdue_days is None and state.on_schedule


def test_resolved_late_during_the_month() -> None:
    problem = _problem(dt.date(2026, 8, 3), dt.date(2026, 9, 20), dt.date(2026, 10, 8))
    state = problem_state(problem, "2026-10")
    assert not state.open and state.solved_in_month
    assert state.resolved == dt.date(2026, 10, 8)
    assert state.late_days == 18 and state.overdue_days is None
    assert not state.on_schedule
    # The month before, it was still open and overdue; the month after, it is history.
    before = problem_state(problem, "2026-09")
    assert before.open and before.overdue_days == 10 and before.resolved is None
    after = problem_state(problem, "2026-11")
    assert not after.open and after.late_days is None and not after.solved_in_month


def test_resolved_on_time_is_on_schedule() -> None:
    problem = _problem(dt.date(2026, 8, 3), dt.date(2026, 9, 20), dt.date(2026, 9, 20))
    state = problem_state(problem, "2026-09")
    assert state.solved_in_month and state.on_schedule and state.late_days is None


def test_not_yet_raised_is_neither_open_nor_overdue() -> None:
    state = problem_state(_problem(dt.date(2026, 11, 2), dt.date(2026, 10, 1)), "2026-10")
    assert not state.raised and not state.open and state.overdue_days is None
