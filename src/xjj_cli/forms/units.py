"""The forms of the units other than towns (SPEC §8): a project owner's (its projects, the
problems holding them up, its city key tasks) and those of units that own no project but
answer for a city key task of the year not yet done or for an open ledger problem ("Every unit
with something to report gets a form"): which units, and their rows — the workbook itself is
``write.workbook_bytes``'s."""

from __future__ import annotations

from xjj_cli.forms.layout import OWNER, UNIT
from xjj_cli.forms.write import FormBook, Value, open_row, owner_problems, unit_names
from xjj_cli.model import LedgerProblem, Project, Task
from xjj_cli.months import month_end
from xjj_cli.repository import Repository


def expects_progress(project: Project, month: str) -> bool:
    """Whether the project reports progress for ``month``: started by the month's end and
    not at 100 % in an earlier month."""
    if project.start > month_end(month):
        return False
    return not any(e.month < month and e.percent >= 100 for e in project.progress)


def owner_books(repo: Repository, month: str, only: str | None = None) -> list[FormBook]:
    """One form per project owner (only the owner ``only`` when given) with projects expected
    to report ``month``: a row per project (by id) with its latest earlier percent and
    investment (0 before the first entry), and the month's own entry prefilled when already
    there; and the owner's city key tasks not done (the unit form's task sheet, issue 26).
    Owners in the order of units.csv, then towns.csv."""
    projects: dict[str, list[Project]] = {}
    for sourced in sorted(repo.projects.values(), key=lambda s: s.record.id):
        project = sourced.record
        if (only is None or project.owner == only) and expects_progress(project, month):
            projects.setdefault(project.owner, []).append(project)
    names = unit_names(repo)
    order = [c for c in names if c in projects] + sorted(c for c in projects if c not in names)
    books = []
    for owner in order:
        rows: list[dict[str, Value]] = []
        for project in projects[owner]:
            before = [e for e in project.progress if e.month < month]
            latest = max(before, key=lambda e: e.month) if before else None
            now = next((e for e in project.progress if e.month == month), None)
            domain = repo.domains.get(project.domain)
            rows.append(
                {
                    "project": project.id,
                    "project_name": project.name,
                    "domain_name": domain.record.name if domain else project.domain,
                    "last_percent": form_number(latest.percent) if latest else 0,
                    "last_invested": form_number(latest.invested) if latest else 0,
                    "percent": form_number(now.percent) if now else None,
                    "invested": form_number(now.invested) if now else None,
                    "note": (now.note or None) if now else None,
                    "owner": owner,
                }
            )
        problems = [open_row(repo, p, names) for p in owner_problems(repo, owner, month)]
        name = names.get(owner, owner)
        tasks = [task_row(repo, t) for t in unit_tasks(repo, owner, month)]
        books.append(
            FormBook(OWNER, month, owner, name, rows, problems, list(names.values()), tasks)
        )
    return books


def form_number(value: float) -> int | float:
    """A figure as the form shows it: 83.0 as 83."""
    return int(value) if float(value).is_integer() else value


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
