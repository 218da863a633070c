"""Where a ledger problem (问题清单) stands at a month's end: the one reading of raised,
deadline and resolved dates shared by the rules, the department ranking and every view
(SPEC §3.3, the definitions below its table)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xjj_cli.model import LedgerProblem
from xjj_cli.months import month_end, month_of


@dataclass(frozen=True)
class ProblemState:
    """A problem at a month's end, using only data up to it."""

    raised: bool
    """Raised on or before the month's end: the problem exists at that date."""
    open: bool
    """Raised by the month's end and not resolved on or before it."""
    resolved: dt.date | None
    """The resolved date, when it was resolved by the month's end."""
    solved_in_month: bool
    """Resolved during the month."""
    overdue_days: int | None
    """Month's end − deadline, when it is open and its deadline is before the month's end."""
    late_days: int | None
    """Resolved − deadline, when it was resolved late during the month."""
    on_schedule: bool
    """Resolved on or before its deadline, or open and not yet due (deadline ≥ month's end)."""


def problem_state(problem: LedgerProblem, month: str) -> ProblemState:
    """The state of ``problem`` at the end of ``month``."""
    day = month_end(month)
    raised = problem.raised <= day
    resolved = (
        problem.resolved if problem.resolved is not None and problem.resolved <= day else None
    )
    is_open = raised and resolved is None
    overdue = (day - problem.deadline).days if is_open and problem.deadline < day else None
    solved_in_month = resolved is not None and month_of(resolved) == month
    late = (
        (resolved - problem.deadline).days
        if resolved is not None and solved_in_month and resolved > problem.deadline
        else None
    )
    on_schedule = resolved <= problem.deadline if resolved is not None else problem.deadline >= day
    return ProblemState(raised, is_open, resolved, solved_in_month, overdue, late, on_schedule)
