"""The rows of a form's sheets: a town's figures, an owner's projects, the open problems' 办结
dates and new problems, each read from its cells and checked against the repository."""

from __future__ import annotations

import datetime as dt

from xjj_cli.forms import layout
from xjj_cli.forms.cells import code_of, float_of, note_of, number_of, plain, read_date, whole
from xjj_cli.forms.filled import (
    Cells,
    FilledForm,
    NewProblemIn,
    Place,
    ProgressIn,
    Reading,
    ResolutionIn,
    TaskDoneIn,
    TownFigureIn,
)
from xjj_cli.messages.forms import IMPORT_UNITS, import_message
from xjj_cli.months import month_end
from xjj_cli.repository import Repository
from xjj_cli.validate import known_metrics


def read_town_row(
    ws: Cells, row: int, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    town = layout.TOWN
    metric = layout.cell_text(ws[f"{town.letter('metric')}{row}"].value)
    if metric not in known_metrics(repo):
        reading.error(
            "unknown_metric", form.place.at(f"{town.letter('metric')}{row}"), metric=metric
        )
        return
    form.items.append(metric)
    unit = _metric_unit(repo, metric)
    ref = f"{town.letter('completed')}{row}"
    value = number_of(
        ws, ref, form.place, reading, units=(unit, *IMPORT_UNITS["count"]), whole=True
    )
    if value is None:
        return
    place = form.place.at(ref)
    last = whole(ws[f"{town.letter('last')}{row}"].value)
    if value > layout.TOWN_COMPLETED_MAX:
        reading.error(
            "too_large", place, value=layout.cell_text(value), limit=layout.TOWN_COMPLETED_MAX
        )
    elif last is not None and value < last:
        reading.error("below_last", place, value=layout.cell_text(value), last=last)
    else:
        target = whole(ws[f"{town.letter('target')}{row}"].value) or 0
        form.figures.append(TownFigureIn(form.unit, metric, target, int(value), place))


def read_owner_row(
    ws: Cells, row: int, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    owner = layout.OWNER
    project = layout.cell_text(ws[f"{owner.letter('project')}{row}"].value)
    form.items.append(project)
    refs = {key: f"{owner.letter(key)}{row}" for key in ("percent", "invested", "note")}
    percent = number_of(
        ws, refs["percent"], form.place, reading, units=IMPORT_UNITS["percent"], percent=True
    )
    invested = number_of(ws, refs["invested"], form.place, reading, units=IMPORT_UNITS["money"])
    note = note_of(ws, refs["note"], form.place, reading)
    if percent is None and invested is None and note is None:
        return  # not reported: no entry is written
    sourced = repo.projects.get(project)
    if sourced is None:
        at = form.place.at(f"{owner.letter('project')}{row}")
        reading.error("unknown_project", at, project=project)
        return
    if sourced.record.owner != form.unit:
        at = form.place.at(f"{owner.letter('project')}{row}")
        from xjj_cli.forms.write import unit_names

        names = unit_names(repo)
        owner_code = sourced.record.owner
        reading.error(
            "not_owner",
            at,
            project=project,
            owner=names.get(owner_code, owner_code),
            unit=names.get(form.unit, form.unit),
        )
        return
    missing = [
        owner.heading(key)
        for key, value in (("percent", percent), ("invested", invested))
        if value is None and str(form.place.at(refs[key])) not in reading.failed
    ]
    if missing:
        reading.error(
            "incomplete",
            form.place.at(refs["percent"]),
            missing=import_message("how.join").join(missing),
        )
        return
    if percent is None or invested is None:
        return  # the cell's own error is recorded
    ok = True
    if not 0 <= percent <= 100:
        reading.error("percent_range", form.place.at(refs["percent"]), value=plain(percent))
        ok = False
    last_percent = float_of(ws[f"{owner.letter('last_percent')}{row}"].value)
    if ok and last_percent is not None and percent < last_percent:
        place = form.place.at(refs["percent"])
        reading.error("percent_below", place, value=plain(percent), last=plain(last_percent))
        ok = False
    last_invested = float_of(ws[f"{owner.letter('last_invested')}{row}"].value)
    if last_invested is not None and invested < last_invested:
        place = form.place.at(refs["invested"])
        reading.error("invested_below", place, value=plain(invested), last=plain(last_invested))
        ok = False
    if ok:
        form.progress.append(
            ProgressIn(project, percent, invested, note, form.place.at(refs["percent"]))
        )


def _metric_unit(repo: Repository, metric: str) -> str:
    domain, _, local = metric.partition(".")
    sourced = repo.domains.get(domain)
    if sourced is not None:
        for m in sourced.record.metrics:
            if m.id == local:
                return m.unit
    return IMPORT_UNITS["count"][0]


def read_resolution(
    ws: Cells,
    row: int,
    sheet: Place,
    form: FilledForm,
    repo: Repository,
    today: dt.date,
    reading: Reading,
) -> None:
    """A 办结 date typed on an open problem's row: not before the problem was raised, not
    after the day of the import."""
    columns = layout.OPEN_PROBLEMS
    ref = f"{columns.letter('resolved')}{row}"
    day = read_date(ws, ref, sheet, reading)
    if day is None:
        return
    problem_id = layout.cell_text(ws[f"{columns.letter('problem')}{row}"].value)
    problem = next((s.record for s in repo.problems if s.record.id == problem_id), None)
    place = sheet.at(ref)
    if problem is None:
        at = sheet.at(f"{columns.letter('problem')}{row}")
        reading.error("unknown_problem", at, problem=problem_id)
    elif day < problem.raised:
        reading.error("resolved_before_raised", place, value=day.isoformat(), raised=problem.raised)
    elif day > today:
        reading.error("date_future", place, value=day.isoformat(), today=today.isoformat())
    else:
        form.resolutions.append(ResolutionIn(problem_id, day, place))


def read_task_row(
    ws: Cells,
    row: int,
    form: FilledForm,
    repo: Repository,
    today: dt.date,
    reading: Reading,
    sheet: Place | None = None,
) -> None:
    """A task's completion typed on a unit form's task row — or on an owner form's task
    ``sheet`` (issue 26) —: the done date (not after the day of the import) and a note, which
    needs the date."""
    columns = layout.UNIT
    place = sheet or form.place
    task_ref = f"{columns.letter('task')}{row}"
    task_id = layout.cell_text(ws[task_ref].value)
    if sheet is None:  # the data sheet's rows: an owner form's are its projects
        form.items.append(task_id)
    refs = {key: f"{columns.letter(key)}{row}" for key in ("done", "note")}
    failed_before = len(reading.errors)
    day = read_date(ws, refs["done"], place, reading)
    note = note_of(ws, refs["note"], place, reading)
    if len(reading.errors) > failed_before:
        return  # a cell's own error is recorded
    if day is None:
        if note is not None:
            reading.error("task_note_alone", place.at(refs["note"]))
        return
    if not any(s.record.id == task_id for s in repo.tasks):
        reading.error("unknown_task", place.at(task_ref), task=task_id)
    elif day > today:
        at = place.at(refs["done"])
        reading.error("task_future", at, value=day.isoformat(), today=today.isoformat())
    else:
        form.tasks.append(TaskDoneIn(task_id, day, note, place.at(refs["done"])))


def read_new_problem(
    ws: Cells, row: int, sheet: Place, form: FilledForm, repo: Repository, reading: Reading
) -> None:
    """A problem raised on a row of the new problems sheet: the project and the responsible
    unit chosen by name (read as codes), the text and the deadline (not before the month's
    end, the day the problem counts as raised)."""
    columns = layout.NEW_PROBLEMS
    refs = {key: f"{columns.letter(key)}{row}" for key in ("project_name", "text", "unit_name")}
    refs["deadline"] = f"{columns.letter('deadline')}{row}"
    failed_before = len(reading.errors)
    project_name = note_of(ws, refs["project_name"], sheet, reading)
    text = note_of(ws, refs["text"], sheet, reading, limit=layout.PROBLEM_MAX, key="problem_long")
    unit_name = note_of(ws, refs["unit_name"], sheet, reading)
    deadline = read_date(ws, refs["deadline"], sheet, reading)
    if len(reading.errors) > failed_before:
        return  # a cell's own error is recorded
    typed = {"project_name": project_name, "text": text, "unit_name": unit_name}
    if not any(typed.values()) and deadline is None:
        return  # an empty row
    missing = [key for key, value in {**typed, "deadline": deadline}.items() if value is None]
    if missing:
        reading.error(
            "problem_incomplete",
            sheet.at(refs[missing[0]]),
            missing=import_message("how.join").join(columns.heading(k) for k in missing),
        )
        return
    assert project_name and text and unit_name and deadline  # none is missing
    owned = {
        code: s.record.name for code, s in repo.projects.items() if s.record.owner == form.unit
    }
    project = code_of(project_name, owned, sheet.at(refs["project_name"]), "project", reading)
    from xjj_cli.forms.write import unit_names

    unit = code_of(unit_name, unit_names(repo), sheet.at(refs["unit_name"]), "unit", reading)
    raised = month_end(form.month)
    if deadline < raised:
        reading.error(
            "deadline_before_raised",
            sheet.at(refs["deadline"]),
            value=deadline.isoformat(),
            raised=raised.isoformat(),
        )
        return
    if project is not None and unit is not None:
        form.new_problems.append(
            NewProblemIn(project, text, unit, deadline, sheet.at(refs["text"]))
        )
