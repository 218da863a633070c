"""``problem_state``: where a ledger problem stands at a month's end (SPEC §3.3's definitions)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli.cli import app
from xjj_cli.engine.problems import problem_state
from xjj_cli.model import LedgerProblem
from xjj_cli.validate import validate_repository


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


def test_the_sample_ledger_has_problems_overdue_at_both_levels_in_october() -> None:
    """The sample district's 2026-10 shows the ledger at work: overdue within and beyond
    ``problem_interview_days`` (通报 and 约谈), resolved late, resolved on time, not yet due."""
    repo = validate_repository(SAMPLE)
    assert repo.log.errors == []
    limit = repo.district.record.rules.problem_interview_days if repo.district else 0
    states = {s.record.id: problem_state(s.record, "2026-10") for s in repo.problems}
    overdue = {i: s.overdue_days for i, s in states.items() if s.overdue_days is not None}
    assert any(days > limit for days in overdue.values())
    assert any(days <= limit for days in overdue.values())
    assert any(s.late_days for s in states.values())
    assert any(s.solved_in_month and s.on_schedule for s in states.values())
    assert any(s.open and s.on_schedule for s in states.values())


def test_init_carries_the_ledger(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "repo")])
    assert result.exit_code == 0, result.output
    ledger = tmp_path / "repo" / "data" / "problems" / "2026.yaml"
    assert ledger.read_text("utf-8") == (SAMPLE / "problems" / "2026.yaml").read_text("utf-8")
    assert len(validate_repository(tmp_path / "repo" / "data").problems) >= 19
