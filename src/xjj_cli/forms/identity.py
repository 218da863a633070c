"""Is this form one the repository made? Its signature and its prefilled cells, at import.

The checksum of the hidden sheet only shows that the prefilled cells were not changed by
accident: anyone can recompute it. So at import every prefilled value of a form is compared
with what ``xjj forms`` would prefill from the repository now, for the form's unit and month
(the same functions of forms/write.py): a town form's town, metrics, targets and last month's
figures; an owner form's projects, their names, fields and last month's percent and
investment, and the open problems' ids, texts, units and dates. A form of another unit with
its checksum recomputed, a form made from another repository, or one made before the office
corrected a figure is refused at the cell, with the form's value and the repository's.

Rows are matched by what they are about (a metric, a project, a problem), not by position.
A problem of the open problems sheet need not be open still — importing the form again after
its 办结 date was written must stay harmless — and problems raised since the form was made
are not missing from it: they are on next month's form. A problem's row is keyed by its id
(SPEC §8): its other cells only describe it, so a problem the office has since reworded (or
given another deadline) in the ledger is a warning at the cell, not a refusal, and its 办结
date goes to the problem of that id.

When a key is set up (forms/signature.py) the form's signature is checked first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from xjj_cli.forms import layout, signature
from xjj_cli.forms.layout import NEW_PROBLEMS, OPEN_PROBLEMS, OWNER, TOWN, UNIT, Form
from xjj_cli.forms.signature import FormKey
from xjj_cli.forms.units import owner_books, task_row, unit_tasks
from xjj_cli.forms.write import Value, open_row, town_books, unit_names
from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.forms import IMPORT_MESSAGES, origin_message
from xjj_cli.model import LedgerProblem
from xjj_cli.months import month_end
from xjj_cli.repository import Repository

CellValue = Callable[[str, str], object]
"""The value of a cell of the form: ``value(sheet, ref)``."""


@dataclass(frozen=True)
class Finding:
    """A problem with a form's origin: a message key of ``ORIGIN_MESSAGES``, where (a sheet,
    and a cell in it, or neither) and the message's parameters."""

    key: str
    sheet: str = ""
    cell: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    def message(self, place: object) -> str:
        """The finding in words, at ``place`` (the workbook, sheet and cell)."""
        return origin_message(self.key, place=place, **self.params)


@dataclass
class Origin:
    """What the check found: errors refuse the form, warnings are said."""

    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)


def check_origin(
    value: CellValue,
    meta: Mapping[str, str],
    counts: Sequence[tuple[Form, int]],
    repo: Repository,
    key: FormKey | None,
) -> Origin:
    """Check a form whose hidden sheet ``meta`` (with its checksum) was read: its signature
    when ``key`` is set up, then every prefilled cell against ``repo``."""
    origin = Origin()
    form = layout.FORMS[meta["form"]]
    rows = int(meta["rows"])
    refs = layout.checked_refs(form, rows, counts)
    signed = meta.get(layout.SIGNATURE_KEY, "")
    if key is not None:
        text = signature.signed_text(
            meta, layout.meta_keys(meta), ((s, r, value(s, r)) for s, r in refs)
        )
        if not signed:
            origin.errors.append(Finding("unsigned", params={"source": key.source}))
        elif not signature.verify(key, text, signed):
            origin.errors.append(Finding("bad_signature"))
        if origin.errors:
            return origin
    elif signed:
        params = {"variable": signature.KEY_VARIABLE, "file": signature.key_place()}
        origin.warnings.append(Finding("unchecked", params=params))
    compare = _Comparison(value, meta["unit"], meta["month"], repo, origin)
    if form is TOWN:
        compare.towns(rows)
    elif form is layout.OFFICE:  # numbered rows, every other cell to fill
        compare.numbered(form, rows)
        for sheet, count in counts:
            compare.numbered(sheet, count)
    elif form is UNIT:
        if layout.has_data_sheet(form, rows):
            compare.tasks(rows)
        for _, count in counts:  # the open problems sheet only
            compare.open_problems(count, responsible=True)
    else:
        compare.owners(rows)
        for sheet, count in counts:
            if sheet is OPEN_PROBLEMS:
                compare.open_problems(count)
            elif sheet is NEW_PROBLEMS:
                compare.numbered(NEW_PROBLEMS, count)
            elif sheet is UNIT:  # the owner's city key tasks
                compare.tasks(count)
    return origin


@dataclass
class _Comparison:
    """Compares a form's prefilled cells with what the repository prefills now."""

    value: CellValue
    unit: str
    month: str
    repo: Repository
    origin: Origin
    names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = unit_names(self.repo)

    def towns(self, rows: int) -> None:
        """A town form: a row per metric (the hidden code in H), matched by the metric."""
        books = town_books(self.repo, self.month, only=self.unit)
        expected = {str(row["metric"]): row for book in books for row in book.rows}
        self._rows(TOWN, rows, "metric", expected, "metric_name")

    def owners(self, rows: int) -> None:
        """An owner form: a row per project (its id in A), matched by the project."""
        books = owner_books(self.repo, self.month, only=self.unit)
        expected = {str(row["project"]): row for book in books for row in book.rows}
        self._rows(OWNER, rows, "project", expected, "project_name")

    def tasks(self, rows: int) -> None:
        """A unit form's task sheet: a row per city key task of the unit (its id in A), matched
        by the task; a task done since the form was made is still the unit's (importing the
        form again stays harmless), one not done at the month's end must be there."""
        year = month_end(self.month).year
        mine = {
            s.record.id: task_row(self.repo, s.record)
            for s in self.repo.tasks
            if self.unit in s.record.units and s.record.deadline.year == year
        }
        wanted = {t.id for t in unit_tasks(self.repo, self.unit, self.month)}
        self._rows(UNIT, rows, "task", mine, "title", required=wanted)

    def open_problems(self, rows: int, *, responsible: bool = False) -> None:
        """The open problems sheet: each problem the owner's (it holds up one of its projects
        or the owner raised it) — on a unit form (``responsible``) one the unit is responsible
        for — raised by the month's end, with the repository's fields."""
        form = OPEN_PROBLEMS
        by_id = {s.record.id: s.record for s in self.repo.problems}
        seen: set[str] = set()
        for row in range(layout.FIRST_ROW, layout.FIRST_ROW + rows):
            ref = f"{form.letter('problem')}{row}"
            problem_id = layout.cell_text(self.value(form.sheet, ref))
            problem = by_id.get(problem_id)
            if problem is None or not self._listed(problem, responsible=responsible):
                self._unknown(form, ref, "problem", problem_id)
                continue
            if problem_id in seen:
                self._error("prefilled_repeated", form, ref, "problem", problem_id)
                continue
            seen.add(problem_id)
            wanted = open_row(self.repo, problem, self.names)
            self._cells(form, row, wanted, skip="problem", problem=problem_id)

    def numbered(self, form: Form, rows: int) -> None:
        """A sheet of numbered rows to fill (new problems, the office's): numbered from 1."""
        for number, row in enumerate(range(layout.FIRST_ROW, layout.FIRST_ROW + rows), start=1):
            self._cells(form, row, {"number": number}, skip="")

    def _listed(self, problem: LedgerProblem, *, responsible: bool = False) -> bool:
        """Whether the form may list ``problem`` raised by the month's end: the unit is
        responsible for it; on an owner's form (not ``responsible`` only) also raised by the
        owner or holding up one of its projects (``write.owner_problems``)."""
        if problem.raised > month_end(self.month):
            return False
        if problem.unit == self.unit or responsible:
            return problem.unit == self.unit
        project = self.repo.projects.get(problem.project) if problem.project else None
        held_up = project is not None and project.record.owner == self.unit
        return problem.by == self.unit or held_up

    def _rows(
        self,
        form: Form,
        rows: int,
        key: str,
        expected: dict[str, dict[str, Value]],
        name: str,
        required: set[str] | None = None,
    ) -> None:
        """Each row's ``key`` cell one of ``expected``, once, its other prefilled cells as
        expected; every key of ``required`` (default: all of ``expected``) present."""
        seen: set[str] = set()
        for row in range(layout.FIRST_ROW, layout.FIRST_ROW + rows):
            ref = f"{form.letter(key)}{row}"
            code = layout.cell_text(self.value(form.sheet, ref))
            wanted = expected.get(code)
            if wanted is None:
                self._unknown(form, ref, key, code)
                continue
            if code in seen:
                self._error("prefilled_repeated", form, ref, key, code)
                continue
            seen.add(code)
            self._cells(form, row, wanted, skip=key)
        for code, wanted in expected.items():
            if code not in seen and (required is None or code in required):
                item = origin_message("item", name=layout.cell_text(wanted[name]), code=code)
                params = {**self._whose(), "item": item}
                self.origin.errors.append(Finding("prefilled_missing", form.sheet, "", params))

    def _cells(
        self, form: Form, row: int, wanted: Mapping[str, Value], *, skip: str, problem: str = ""
    ) -> None:
        """Compare the row's prefilled cells (all but the cells to fill and ``skip``); on a
        row keyed by the id ``problem`` a difference is a warning (the office edited it)."""
        for column in form.columns:
            if column.to_fill or column.key == skip:
                continue
            ref = f"{column.letter}{row}"
            typed = self.value(form.sheet, ref)
            found = layout.cell_text(typed)
            now = layout.cell_text(wanted.get(column.key))
            if found != now and problem:
                params = {
                    **self._whose(),
                    "what": form.heading(column.key),
                    "value": self._shown(column.key, found),
                    "now": self._shown(column.key, now),
                    "problem": problem,
                }
                self.origin.warnings.append(Finding("prefilled_edited", form.sheet, ref, params))
            elif found != now:
                params = {
                    **self._whose(),
                    "what": form.heading(column.key),
                    "value": self._shown(column.key, found),
                    "now": self._shown(column.key, now),
                }
                self.origin.errors.append(Finding("prefilled", form.sheet, ref, params))
            elif _number(wanted.get(column.key)) and not _number(typed):
                # the same text, but not a number: import reads it as no figure at all
                params = {
                    **self._whose(),
                    "what": form.heading(column.key),
                    "value": self._shown(column.key, found),
                }
                self.origin.errors.append(Finding("prefilled_text", form.sheet, ref, params))

    def _unknown(self, form: Form, ref: str, key: str, code: str) -> None:
        self._error("prefilled_unknown", form, ref, key, code)

    def _error(self, message: str, form: Form, ref: str, key: str, code: str) -> None:
        params = {**self._whose(), "what": form.heading(key), "value": self._shown(key, code)}
        self.origin.errors.append(Finding(message, form.sheet, ref, params))

    def _whose(self) -> dict[str, object]:
        return {"unit": self.names.get(self.unit, self.unit), "month": cn_month(self.month)}

    def _shown(self, key: str, text: str) -> str:
        """A cell's text as the message shows it: a unit's code with its name, nothing as
        （空）."""
        if not text:
            return IMPORT_MESSAGES["empty"]
        if key in ("town", "owner") and text in self.names:
            return origin_message("code", code=text, name=self.names[text])
        return text


def _number(value: object) -> bool:
    """Whether a cell's value is a number (what a target or last month's figure is)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
