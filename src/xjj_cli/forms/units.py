"""The forms of units that own no project but answer for a city key task of the year not yet
done or for an open ledger problem (SPEC §8, "Every unit with something to report gets a
form"): which units, and their rows — the workbook itself is ``write.workbook_bytes``'s."""

from __future__ import annotations

from xjj_cli.forms.layout import UNIT
from xjj_cli.forms.write import FormBook, Value, open_row, unit_names
from xjj_cli.model import LedgerProblem, Task
from xjj_cli.months import month_end
from xjj_cli.repository import Repository


def unit_books(
    repo: Repository, month: str, owners: set[str], only: str | None = None
) -> list[FormBook]:
    """One form per unit (only the unit ``only`` when given) that gets no owner form (its
    code not in ``owners``) but answers for a city key task of ``month``'s year not done at
    the month's end, or for a ledger problem open then (SPEC §8). Units in the order of
    units.csv, then towns.csv."""
    names = unit_names(repo)
    books = []
    for code, name in names.items():
        if code in owners or (only is not None and code != only):
            continue
        rows = [task_row(repo, t) for t in unit_tasks(repo, code, month)]
        problems = [open_row(repo, p, names) for p in unit_problems(repo, code, month)]
        if rows or problems:
            books.append(FormBook(UNIT, month, code, name, rows, problems))
    return books


def unit_tasks(repo: Repository, unit: str, month: str) -> list[Task]:
    """The city key tasks of ``month``'s year the unit answers for, not done by the month's
    end (a done date after it is prefilled), by id."""
    end = month_end(month)
    found = [
        s.record
        for s in repo.tasks
        if unit in s.record.units
        and s.record.deadline.year == end.year
        and (s.record.done is None or s.record.done > end)
    ]
    return sorted(found, key=lambda t: t.id)


def task_row(repo: Repository, task: Task) -> dict[str, Value]:
    """A task's row of the unit form."""
    domain = repo.domains.get(task.domain)
    return {
        "task": task.id,
        "title": task.title,
        "domain_name": domain.record.name if domain else task.domain,
        "deadline": task.deadline,
        "done": task.done,
        "note": task.note,
    }


def unit_problems(repo: Repository, unit: str, month: str) -> list[LedgerProblem]:
    """The ledger's problems open at ``month``'s end that ``unit`` is responsible for, by id."""
    from xjj_cli.engine.problems import problem_state

    found = [
        s.record
        for s in repo.problems
        if s.record.unit == unit and problem_state(s.record, month).open
    ]
    return sorted(found, key=lambda p: p.id)
