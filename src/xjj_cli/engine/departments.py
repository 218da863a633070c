"""Department and enterprise ranking (SPEC §3.4): the share of items on schedule."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from fractions import Fraction

from xjj_cli.engine.dataset import UnitInfo
from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.results import DepartmentRow, ProjectStatus
from xjj_cli.engine.tasks import task_state
from xjj_cli.engine.towns import competition_ranks
from xjj_cli.model import LedgerProblem, Task


def department_ranking(
    units: Mapping[str, UnitInfo],
    statuses: Iterable[ProjectStatus],
    tasks: Iterable[Task],
    month: str,
    problems: Iterable[LedgerProblem] = (),
) -> list[DepartmentRow]:
    """Score every department or enterprise on the projects it owns that are coloured at
    the month, the city key tasks it answers for with a deadline in the month's year, and
    the ledger's problems it is responsible for with a deadline in the month's year and
    raised by the month's end."""
    items: dict[str, list[bool]] = defaultdict(list)
    for status in statuses:
        if status.color is not None and status.owner in units:
            items[status.owner].append(status.color == "blue")
    year = int(month[:4])
    for task in tasks:
        if task.deadline.year != year:
            continue
        on_time = task_state(task, month).on_schedule
        for unit in task.units:
            if unit in units:
                items[unit].append(on_time)
    for problem in problems:
        if problem.deadline.year != year or problem.unit not in units:
            continue
        state = problem_state(problem, month)
        if state.raised:
            items[problem.unit].append(state.on_schedule)
    codes = sorted(items)
    scores = [Fraction(sum(items[c]), len(items[c])) for c in codes]
    ranks = competition_ranks(scores)
    rows = [
        DepartmentRow(
            rank,
            code,
            units[code].name,
            units[code].kind,
            len(items[code]),
            sum(items[code]),
            score,
        )
        for code, score, rank in zip(codes, scores, ranks, strict=True)
    ]
    return sorted(rows, key=lambda r: (r.rank, r.unit))
