"""Write what owner forms say about problems into the problems ledger (问题清单), as text.

A 办结 date changes one line of the problem's entry in ``problems/<year>.yaml`` (the
``resolved`` line, or a new one when the entry has none); a new problem is appended to the
file of the form's year as a new entry in the file's own indentation and style, with the next
free id ``WT-<year>-NNN``. Every other byte of the file stays as it was.

A problem carries its id (SPEC §8): an open problem's row by its prefilled id, and a new
problem's row by the form it was typed on. A new problem is written with ``by`` the form's unit
and ``raised`` the form's month's end, so the problems a form added are the ledger's entries of
that unit raised that day (``form_problems``); importing the form again matches each row to one
of them — first the one with the row's project and text, then, in row order, the first left
with the row's project — so a problem the office reworded in the ledger is not added twice.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from xjj_cli.forms.filled import FilledForm, NewProblemIn, Place, ResolutionIn
from xjj_cli.forms.plan import Plan, yaml_scalar
from xjj_cli.messages.forms import import_message
from xjj_cli.model import LedgerProblem
from xjj_cli.months import month_end
from xjj_cli.repository import Repository, Sourced

ID_PREFIX = "WT"
"""The ledger's ids: WT-2026-001."""
ID_DIGITS = 3
"""The digits of an id's number (more when a year has more problems)."""

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def plan_ledger(repo: Repository, forms: Sequence[FilledForm], plan: Plan, *, force: bool) -> None:
    """Add to ``plan`` the ledger's changes from ``forms``: 办结 dates and new problems; a
    different 办结 date or different terms already in the ledger are conflicts unless
    ``force``."""
    by_id = {s.record.id: s for s in repo.problems}
    planned: dict[str, ResolutionIn] = {}
    for form in forms:
        for resolution in form.resolutions:
            other = planned.setdefault(resolution.problem, resolution)
            if other is not resolution:  # two forms list the problem (owner and raiser)
                if other.resolved != resolution.resolved:
                    plan.errors.append(
                        import_message(
                            "resolved_twice",
                            place=resolution.place,
                            other=other.place,
                            problem=resolution.problem,
                            other_value=other.resolved.isoformat(),
                            value=resolution.resolved.isoformat(),
                        )
                    )
                continue
            _plan_resolution(repo, by_id[resolution.problem], resolution, plan, force=force)
    taken = {s.record.id for s in repo.problems}
    for form in forms:
        matched = form_problems(repo, form)
        for problem in form.new_problems:
            same = matched.get(problem.place.cell)
            _plan_new(repo, form, problem, same, taken, plan, force=force)


def form_problems(repo: Repository, form: FilledForm) -> dict[str, Sourced[LedgerProblem]]:
    """The ledger's problems an earlier import of ``form`` added, by the cell of the new
    problem's row they came from: the entries raised by the form's unit at its month's end,
    matched to the rows with the same project and text, then to the rows left with the same
    project, in row and ledger order (the office may have reworded a problem since)."""
    raised = month_end(form.month)
    left = [s for s in repo.problems if s.record.by == form.unit and s.record.raised == raised]
    found: dict[str, Sourced[LedgerProblem]] = {}
    rows = list(form.new_problems)
    for same_text in (True, False):
        for typed in rows:
            if typed.place.cell in found:
                continue
            match = next(
                (
                    s
                    for s in left
                    if s.record.project == typed.project
                    and (s.record.text == typed.text or not same_text)
                ),
                None,
            )
            if match is not None:
                found[typed.place.cell] = match
                left.remove(match)
    return found


def stage(plan: Plan, path: Path, bom: bytes, edited: str | None, shown: str, change: str) -> None:
    """Stage a ledger file's new text and the line that shows the change; a file whose layout
    cannot be edited line by line is an error instead."""
    if edited is None:
        plan.errors.append(import_message("ledger_layout", place=Place(shown)))
        return
    plan.files[path] = bom + edited.encode("utf-8")
    plan.changes.append(change)


def read_staged(path: Path, plan: Plan) -> tuple[bytes, str]:
    data = plan.files.get(path) or path.read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return bom, data[len(bom) :].decode("utf-8")


def _plan_resolution(
    repo: Repository,
    sourced: Sourced[LedgerProblem],
    resolution: ResolutionIn,
    plan: Plan,
    *,
    force: bool,
) -> None:
    problem = sourced.record
    if problem.resolved == resolution.resolved:
        return
    old = problem.resolved.isoformat() if problem.resolved else import_message("empty")
    new = resolution.resolved.isoformat()
    if problem.resolved is not None and not force:
        plan.errors.append(
            import_message(
                "conflict", place=resolution.place, target=sourced.file, old=old, new=new
            )
        )
        return
    _edit(repo, sourced, plan, {"resolved": new}, "problem_resolved", old, new)


def _edit(
    repo: Repository,
    sourced: Sourced[LedgerProblem],
    plan: Plan,
    fields: dict[str, str],
    change: str,
    old: str,
    new: str,
) -> None:
    """Stage the entry's ``fields`` (YAML scalars) set in its ledger file, with the change
    ``change`` (a key of the import messages) saying ``old`` → ``new``."""
    problem = sourced.record
    path = repo.data_dir.parent / sourced.file
    bom, text = read_staged(path, plan)
    edited: str | None = text
    for key, value in fields.items():
        edited = with_field(edited, problem.id, key, value) if edited is not None else None
    message = import_message(
        change, file=sourced.file, problem=problem.id, text=problem.text, old=old, new=new
    )
    stage(plan, path, bom, edited, sourced.file, message)


def _plan_new(
    repo: Repository,
    form: FilledForm,
    typed: NewProblemIn,
    same: Sourced[LedgerProblem] | None,
    taken: set[str],
    plan: Plan,
    *,
    force: bool,
) -> None:
    """Stage the new problem ``typed``, unless an earlier import of its form added it
    (``same``): then only its responsible unit and deadline are compared."""
    raised = month_end(form.month)
    names = _names(repo)
    if same is not None:  # the same form imported again: the problem is already in the ledger
        _plan_terms(repo, same, typed, plan, names, force=force)
        return
    path = repo.data_dir / "problems" / f"{raised.year}.yaml"
    shown = repo.relative(path)
    problem_id = next_id(taken, raised.year)
    taken.add(problem_id)
    project = repo.projects[typed.project].record
    entry = LedgerProblem(
        id=problem_id,
        project=typed.project,
        domain=project.domain,
        text=typed.text,
        raised=raised,
        by=form.unit,
        unit=typed.unit,
        deadline=typed.deadline,
    )
    bom, text = read_staged(path, plan) if path.exists() or path in plan.files else (b"", "")
    edited = with_entry(text, entry)
    stage(
        plan,
        path,
        bom,
        edited,
        shown,
        import_message(
            "problem_add",
            file=shown,
            problem=problem_id,
            text=typed.text,
            project=project.name,
            unit=names.get(typed.unit, typed.unit),
            deadline=typed.deadline.isoformat(),
            raised=raised.isoformat(),
        ),
    )


def _plan_terms(
    repo: Repository,
    sourced: Sourced[LedgerProblem],
    typed: NewProblemIn,
    plan: Plan,
    names: dict[str, str],
    *,
    force: bool,
) -> None:
    """A problem already in the ledger: its responsible unit and deadline as typed."""
    problem = sourced.record
    if (problem.unit, problem.deadline) == (typed.unit, typed.deadline):
        return
    old = import_message(
        "problem_terms", unit=names.get(problem.unit, problem.unit), deadline=problem.deadline
    )
    new = import_message(
        "problem_terms", unit=names.get(typed.unit, typed.unit), deadline=typed.deadline
    )
    if not force:
        plan.errors.append(
            import_message("conflict", place=typed.place, target=sourced.file, old=old, new=new)
        )
        return
    fields = {"unit": _scalar(typed.unit), "deadline": typed.deadline.isoformat()}
    _edit(repo, sourced, plan, fields, "problem_replace", old, new)


def _names(repo: Repository) -> dict[str, str]:
    from xjj_cli.forms.write import unit_names

    return unit_names(repo)


def next_id(taken: set[str], year: int) -> str:
    """The next free id of ``year``: one more than the highest WT-<year>-NNN taken."""
    pattern = re.compile(rf"{ID_PREFIX}-{year}-([0-9]+)")
    numbers = [int(m.group(1)) for i in taken if (m := pattern.fullmatch(i))]
    return f"{ID_PREFIX}-{year}-{max(numbers, default=0) + 1:0{ID_DIGITS}d}"


# --- the text of problems/<year>.yaml -------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """A top-level list item: its first and last line (indexes), its id and its style."""

    start: int
    end: int
    problem: str | None
    flow: bool


_ID = re.compile(r"(?:^|[{,\s-])id[ \t]*:[ \t]*(['\"]?)(?P<id>[^'\",}\s#]+)\1")


def _entries(lines: list[str]) -> tuple[int, list[_Entry]] | None:
    """The list's dash indentation and its items; None when the file is not a block list."""
    indent: int | None = None
    starts: list[int] = []
    for number, line in enumerate(lines):
        content = line.rstrip("\r\n")
        stripped = content.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        column = len(content) - len(content.lstrip(" "))
        dash = stripped == "-" or stripped.startswith("- ")
        if indent is None:
            if stripped == "[]":
                return 0, []
            if not dash:
                return None
            indent = column
        if column == indent and dash:
            starts.append(number)
        elif column <= indent:
            return None
    entries = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(lines) - 1
        while end > start and _blank_or_comment(lines[end]):
            end -= 1
        body = "".join(lines[start : end + 1])
        found = _ID.search(body)
        flow = lines[start].strip()[1:].lstrip().startswith("{")
        entries.append(_Entry(start, end, found.group("id") if found else None, flow))
    return indent or 0, entries


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def with_field(text: str, problem: str, key: str, value: str) -> str | None:
    """``text`` with the field ``key`` of the entry ``problem`` set to ``value`` (a YAML
    scalar): its own line changed (its comment kept), or a line added at the entry's end;
    None when the entry cannot be found in a block list."""
    lines = _LINES.findall(text)
    found = _entries(lines)
    if found is None:
        return None
    indent, entries = found
    entry = next((e for e in entries if e.problem == problem), None)
    if entry is None:
        return None
    newline = _newline(text)
    if entry.flow:
        if entry.start != entry.end:
            return None
        line = lines[entry.start]
        pattern = re.compile(
            rf"(?P<head>[{{,]\s*{key}[ \t]*:[ \t]*)(?P<value>[^,}}]*?)(?=\s*[,}}])"
        )
        if pattern.search(line):
            lines[entry.start] = pattern.sub(lambda m: m.group("head") + value, line, count=1)
        else:
            close = line.rindex("}")
            lines[entry.start] = f"{line[:close]}, {key}: {value}{line[close:]}"
        return "".join(lines)
    field_line = re.compile(
        rf"(?P<head>[ \t]*(?:-[ \t]+)?{key}[ \t]*:)(?P<value>[^#\r\n]*?)(?P<tail>[ \t]*(?:#.*)?)(?P<end>\r?\n|\r)?"
    )
    for number in range(entry.start, entry.end + 1):
        match = field_line.fullmatch(lines[number])
        if match:
            lines[number] = (
                f"{match.group('head')} {value}{match.group('tail')}{match.group('end') or ''}"
            )
            return "".join(lines)
    column = _key_column(lines[entry.start], indent)
    if not lines[entry.end].endswith(("\n", "\r")):
        lines[entry.end] += newline
    lines.insert(entry.end + 1, " " * column + f"{key}: {value}" + newline)
    return "".join(lines)


def with_entry(text: str, problem: LedgerProblem) -> str | None:
    """``text`` with ``problem`` appended as the list's last entry, in the style of its first
    (indentation, block or flow); None when the file is not a block list."""
    lines = _LINES.findall(text)
    found = _entries(lines)
    if found is None:
        return None
    indent, entries = found
    newline = _newline(text)
    values = _values(problem)
    if any(line.strip() == "[]" for line in lines):
        lines = [line for line in lines if line.strip() != "[]"]
    if entries and entries[0].flow:
        rendered = [
            " " * indent + "- {" + ", ".join(f"{k}: {v}" for k, v in values) + "}" + newline
        ]
    else:
        column = _key_column(lines[entries[0].start], indent) if entries else indent + 2
        gap = " " * max(1, column - indent - 1)
        first = " " * indent + "-" + gap + f"{values[0][0]}: {values[0][1]}" + newline
        rendered = [first] + [" " * column + f"{k}: {v}" + newline for k, v in values[1:]]
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    at = entries[-1].end + 1 if entries else len(lines)
    lines[at:at] = rendered
    return "".join(lines)


def _values(problem: LedgerProblem) -> list[tuple[str, str]]:
    """The entry's fields as YAML scalars, in the order of SPEC §2."""
    values = [("id", _scalar(problem.id))]
    if problem.project is not None:
        values.append(("project", _scalar(problem.project)))
    if problem.domain is not None:
        values.append(("domain", _scalar(problem.domain)))
    values += [
        ("text", _scalar(problem.text)),
        ("raised", problem.raised.isoformat()),
        ("by", _scalar(problem.by)),
        ("unit", _scalar(problem.unit)),
        ("deadline", problem.deadline.isoformat()),
        ("resolved", _date_or_null(problem.resolved)),
    ]
    return values


def _date_or_null(day: dt.date | None) -> str:
    return day.isoformat() if day is not None else "null"


def _scalar(text: str) -> str:
    return yaml_scalar(text, flow=True)


def _key_column(first: str, indent: int) -> int:
    after = first.rstrip("\r\n")[indent + 1 :]
    return indent + 1 + len(after) - len(after.lstrip(" "))


def _newline(text: str) -> str:
    ending = re.search(r"\r\n|\r|\n", text)
    return ending.group() if ending else "\n"
