"""The problems ledger as the office reads it at a month's end (``xjj problems``, ``xjj status``,
the bulletin's 三): which problems to show, in which state, how many days overdue."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from xjj_cli.engine.problems import problem_state
from xjj_cli.model import LedgerProblem


class LedgerState(StrEnum):
    """A listed problem's state at the month's end; the values are the JSON's ``state``."""

    overdue = "overdue"
    """Open, its deadline before the month's end."""
    open = "open"
    """Open and not yet due (deadline on or after the month's end)."""
    solved_late = "solved_late"
    """Resolved during the month, after its deadline."""
    solved = "solved"
    """Resolved during the month, on or before its deadline."""


STATE_ORDER = tuple(LedgerState)
"""The order a unit's problems are listed in: overdue first, solved on time last."""


class LedgerFilter(StrEnum):
    """Which of the listed problems a view keeps."""

    all = "all"
    """Open at the month's end (overdue or not) and solved during the month."""
    open = "open"
    """Open at the month's end, overdue ones included."""
    overdue = "overdue"
    """Open at the month's end and past their deadline."""


@dataclass(frozen=True)
class LedgerEntry:
    """A problem as listed for a month: its state and days overdue (to the month's end for an
    open one, to its resolution for one solved late; None otherwise)."""

    problem: LedgerProblem
    state: LedgerState
    days_overdue: int | None


KEPT = {
    LedgerFilter.all: frozenset(LedgerState),
    LedgerFilter.open: frozenset({LedgerState.open, LedgerState.overdue}),
    LedgerFilter.overdue: frozenset({LedgerState.overdue}),
}


def ledger_entry(problem: LedgerProblem, month: str) -> LedgerEntry | None:
    """``problem`` as listed at the end of ``month``; None when it is not listed (not yet
    raised, or resolved before the month)."""
    state = problem_state(problem, month)
    if state.open:
        if state.overdue_days is not None:
            return LedgerEntry(problem, LedgerState.overdue, state.overdue_days)
        return LedgerEntry(problem, LedgerState.open, None)
    if state.solved_in_month:
        if state.late_days is not None:
            return LedgerEntry(problem, LedgerState.solved_late, state.late_days)
        return LedgerEntry(problem, LedgerState.solved, None)
    return None


def ledger_at(
    problems: Iterable[LedgerProblem],
    month: str,
    which: LedgerFilter = LedgerFilter.all,
    units: Sequence[str] = (),
) -> list[LedgerEntry]:
    """The problems listed at the end of ``month`` that ``which`` keeps, grouped by responsible
    unit in the order of ``units`` (units not in it after, by code), and within a unit overdue
    (most days first), open (earliest deadline first), solved late, solved; then by id."""
    kept = KEPT[which]
    entries = [
        e for e in (ledger_entry(p, month) for p in problems) if e is not None and e.state in kept
    ]
    place = {code: i for i, code in enumerate(units)}

    def key(e: LedgerEntry) -> tuple[int, str, int, int, str, str]:
        p = e.problem
        return (
            place.get(p.unit, len(place)),
            p.unit,
            STATE_ORDER.index(e.state),
            -(e.days_overdue or 0),
            p.deadline.isoformat(),
            p.id,
        )

    return sorted(entries, key=key)
