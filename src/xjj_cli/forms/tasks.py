"""Write what unit forms say about city key tasks into ``tasks/<year>.yaml``, as text.

A task's done date (and the note that came with it) changes the ``done`` and ``note`` lines of
its entry (or adds them at the entry's end), as ``ledger`` edits the problems ledger; every
other byte of the file stays as it was. A different date or note already there is a conflict
unless ``--force``.
"""

from __future__ import annotations

from collections.abc import Sequence

from xjj_cli.forms.filled import FilledForm, TaskDoneIn
from xjj_cli.forms.ledger import read_staged, stage, with_field
from xjj_cli.forms.plan import Plan, yaml_scalar
from xjj_cli.messages.forms import import_message
from xjj_cli.model import Task
from xjj_cli.repository import Repository, Sourced


def plan_tasks(repo: Repository, forms: Sequence[FilledForm], plan: Plan, *, force: bool) -> None:
    """Add to ``plan`` the task completions of ``forms``; a task on two forms (two units
    answer for it) with different dates is an error."""
    by_id = {s.record.id: s for s in repo.tasks}
    planned: dict[str, TaskDoneIn] = {}
    for form in forms:
        for done in form.tasks:
            other = planned.setdefault(done.task, done)
            if other is not done:
                if (other.done, other.note) != (done.done, done.note):
                    plan.errors.append(
                        import_message(
                            "conflict",
                            place=done.place,
                            target=other.place,
                            old=_words(other.done.isoformat(), other.note),
                            new=_words(done.done.isoformat(), done.note),
                        )
                    )
                continue
            _plan_task(repo, by_id[done.task], done, plan, force=force)


def _words(day: str, note: str | None) -> str:
    return f"{day} / {note}" if note else day


def _plan_task(
    repo: Repository, sourced: Sourced[Task], done: TaskDoneIn, plan: Plan, *, force: bool
) -> None:
    task = sourced.record
    empty = import_message("empty")
    changes: list[tuple[str, str, str, str]] = []  # (field, YAML value, old, new)
    if task.done != done.done:
        old = task.done.isoformat() if task.done else empty
        if task.done is not None and not force:
            plan.errors.append(
                import_message(
                    "conflict", place=done.place, target=sourced.file, old=old, new=done.done
                )
            )
            return
        changes.append(("done", done.done.isoformat(), old, done.done.isoformat()))
    if done.note is not None and task.note != done.note:
        old = task.note or empty
        if task.note is not None and not force:
            plan.errors.append(
                import_message(
                    "conflict", place=done.place, target=sourced.file, old=old, new=done.note
                )
            )
            return
        changes.append(("note", yaml_scalar(done.note, flow=True), old, done.note))
    path = repo.data_dir.parent / sourced.file
    for key, value, old, new in changes:
        bom, text = read_staged(path, plan)
        message = import_message(
            f"task_{key}", file=sourced.file, task=task.id, title=task.title, old=old, new=new
        )
        stage(plan, path, bom, with_field(text, task.id, key, value), sourced.file, message)
