"""Load one file into validated records: pure, so it can run in a worker or come from the cache.

Everything here depends only on the file's bytes and its place in the data folder; checks
that compare files with each other belong to ``reader`` (registration) and ``validate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter

from xjj_cli.chinese import TOWN_KINDS, UNIT_KINDS, listing
from xjj_cli.diagnostics import Location, Problem, ProblemLog
from xjj_cli.load.csvtable import CsvRow, CsvTable, decode_csv, parse_count, read_csv
from xjj_cli.load.files import FileKind
from xjj_cli.load.identity import Ids
from xjj_cli.load.schema import check_record
from xjj_cli.load.typos import halfwidth, wide_characters
from xjj_cli.load.yamldoc import YamlDoc, YamlPath, decode_yaml, parse_yaml
from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.validation import (
    KIND_NAMES,
    Subject,
    check_word,
    did_you_mean,
    subject,
    wide_names,
)
from xjj_cli.model import (
    CODE_PATTERN,
    DOMAIN_ORDER,
    Acknowledgement,
    District,
    Domain,
    Events,
    Interviews,
    LedgerProblem,
    Project,
    Task,
    Town,
    TownFigure,
    Unit,
)

_CODE = re.compile(CODE_PATTERN)
_YEAR = re.compile(r"^[0-9]{4}-")

DISTRICT_ADAPTER = TypeAdapter(District)
DOMAIN_ADAPTER = TypeAdapter(Domain)
PROJECT_ADAPTER = TypeAdapter(Project)
EVENTS_ADAPTER = TypeAdapter(Events)
TASK_ADAPTER = TypeAdapter(Task)
ACKNOWLEDGEMENT_ADAPTER = TypeAdapter(Acknowledgement)
PROBLEM_ADAPTER = TypeAdapter(LedgerProblem)
INTERVIEWS_ADAPTER = TypeAdapter(Interviews)

YamlRecord = (
    District | Domain | Project | Task | Events | Acknowledgement | LedgerProblem | Interviews
)
"""A record of a YAML file."""
TableRow = Town | Unit | TownFigure
"""A row of a CSV file."""
R = TypeVar(
    "R", District, Domain, Project, Task, Events, Acknowledgement, LedgerProblem, Interviews
)


@dataclass
class FileResult:
    """What one file holds: its valid records, its own problems, and where to find them.

    ``whole`` is False when a row or item had to be left out.
    """

    rel: str
    kind: FileKind
    records: list[tuple[YamlRecord, YamlPath]] = field(default_factory=list)
    """A YAML file's records, each with its path inside the document."""
    rows: list[TableRow] = field(default_factory=list)
    """A CSV file's rows."""
    doc: YamlDoc | None = None
    problems: list[Problem] = field(default_factory=list)
    whole: bool = True


def load_file(kind: FileKind, path: Path, rel: str, data: bytes) -> FileResult:
    """Decode, parse and check one data file of ``kind``."""
    log = ProblemLog()
    result = FileResult(rel, kind)
    _LOADERS[kind](result, path, data, log)
    if result.doc is not None:
        result.doc.data = None  # validated records are kept; the raw values are not needed
    result.problems = log.problems
    return result


def unreadable(kind: FileKind, rel: str, reason: str) -> FileResult:
    """The result of a file that could not be read at all."""
    log = ProblemLog()
    log.error(Location(rel), "file.unreadable", reason=reason)
    return FileResult(rel, kind, problems=log.problems, whole=False)


# --- YAML -----------------------------------------------------------------------------------


def _document(path: Path, rel: str, data: bytes, log: ProblemLog) -> YamlDoc | None:
    text = decode_yaml(data, rel, log)
    if text is None:
        return None
    doc = parse_yaml(text, rel, log, str(path))
    if doc is None or () in doc.broken:  # broken: a bad tag on the root, already reported
        return None
    return doc


def _kind(value: object) -> str:
    return KIND_NAMES["list"] if isinstance(value, list) else check_word("quoted", value=value)


def _mapping_record(
    result: FileResult,
    path: Path,
    data: bytes,
    log: ProblemLog,
    adapter: TypeAdapter[R],
    model: type[R],
    moved: Callable[[YamlDoc, ProblemLog], None] | None = None,
) -> R | None:
    doc = _document(path, result.rel, data, log)
    if doc is None:
        return None
    result.doc = doc
    if not isinstance(doc.data, dict):
        log.error(
            doc.at(()), "yaml.root_type", expected=check_word("root.mapping"), found=_kind(doc.data)
        )
        return None
    if moved is not None:
        moved(doc, log)
    record = check_record(adapter, model, doc, log)
    if record is not None:
        result.records.append((record, ()))
    return record


def _load_district(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    _mapping_record(result, path, data, log, DISTRICT_ADAPTER, District)


def _load_events(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    _mapping_record(result, path, data, log, EVENTS_ADAPTER, Events)


def _load_interviews(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    _mapping_record(result, path, data, log, INTERVIEWS_ADAPTER, Interviews)


def _load_domain(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    domain = _mapping_record(result, path, data, log, DOMAIN_ADAPTER, Domain)
    if domain is None or result.doc is None:
        return
    if domain.id not in DOMAIN_ORDER:
        log.error(
            result.doc.at(("id",)),
            "domain.unknown",
            code=domain.id,
            suggestion=did_you_mean(domain.id, DOMAIN_ORDER),
            allowed=listing(DOMAIN_ORDER),
        )
        result.records.clear()
        return
    _check_file_name(log, result.doc, "domain", domain.id, path.stem)


def _load_project(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    project = _mapping_record(result, path, data, log, PROJECT_ADAPTER, Project, _moved_problems)
    if project is None or result.doc is None:
        return
    folder = path.parent.name
    if project.domain != folder:
        log.error(result.doc.at(("domain",)), "domain.folder", code=project.domain, folder=folder)
    _check_file_name(log, result.doc, "project_id", project.id, path.stem)


def _moved_problems(doc: YamlDoc, log: ProblemLog) -> None:
    """``problems:`` in a progress entry (the format before the ledger): an error that says
    to move them to ``problems/<year>.yaml``. The key is taken out, so the project itself is
    still checked and counted, and nothing else echoes the one error."""
    progress = doc.data.get("progress") if isinstance(doc.data, dict) else None
    if not isinstance(progress, list):
        return
    for index, entry in enumerate(progress):
        if not isinstance(entry, dict) or "problems" not in entry:
            continue
        month = entry.get("month")
        year = month[:4] if isinstance(month, str) and _YEAR.match(month) else "YYYY"
        log.error(doc.at(("progress", index, "problems"), key=True), "progress.problems", year=year)
        progress[index] = {k: v for k, v in entry.items() if k != "problems"}


def _check_file_name(log: ProblemLog, doc: YamlDoc, what: Subject, code: str, stem: str) -> None:
    """A record whose id is not its file's name is an error; either of the two may be the typo.

    The id is located only for the error: finding a line means walking the node tree again."""
    if code != stem:
        log.error(
            doc.at(("id",)),
            "id.file_mismatch",
            what=subject(what),
            code=code,
            stem=stem,
            file=f"{stem}.yaml",
            expected=f"{code}.yaml",
        )


def _list_document(
    result: FileResult, path: Path, data: bytes, log: ProblemLog, root: str
) -> tuple[YamlDoc, list[Any]] | None:
    """A YAML file whose top level must be a list (``root`` names it in the error)."""
    doc = _document(path, result.rel, data, log)
    if doc is None:
        return None
    result.doc = doc
    if not isinstance(doc.data, list):
        log.error(
            doc.at(()),
            "yaml.root_type",
            expected=check_word(root),
            found=KIND_NAMES["dict"] if isinstance(doc.data, dict) else _kind(doc.data),
        )
        return None
    return doc, doc.data


Loader = Callable[[FileResult, Path, bytes, ProblemLog], None]


def _list_of(adapter: TypeAdapter[Any], model: Any, root: str) -> Loader:
    """A loader of a YAML file whose top level is a list of ``model`` records (tasks/<year>.yaml,
    problems/<year>.yaml): each entry checked alone, so one bad entry does not hide the others."""

    def load(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
        loaded = _list_document(result, path, data, log, root)
        if loaded is None:
            return
        doc, items = loaded
        for index, item in enumerate(items):
            record = check_record(adapter, model, doc, log, item, (index,))
            if record is not None:
                result.records.append((record, (index,)))

    return load


_load_tasks = _list_of(TASK_ADAPTER, Task, "root.tasks")
_load_problems = _list_of(PROBLEM_ADAPTER, LedgerProblem, "root.problems")


def _load_acknowledged(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    """``acknowledged.yaml``: a list of reviewed warnings, each acknowledged once."""
    loaded = _list_document(result, path, data, log, "root.acknowledged")
    if loaded is None:
        return
    doc, items = loaded
    ids = Ids("acknowledged")
    for index, item in enumerate(items):
        entry = check_record(ACKNOWLEDGEMENT_ADAPTER, Acknowledgement, doc, log, item, (index,))
        if entry is not None and ids.claim(entry.warning, partial(doc.at, (index, "warning")), log):
            result.records.append((entry, (index,)))


# --- CSV ------------------------------------------------------------------------------------


def _table(
    result: FileResult,
    data: bytes,
    header: list[str],
    log: ProblemLog,
    optional: tuple[str, ...] = (),
) -> CsvTable | None:
    text = decode_csv(data, result.rel, log)
    if text is None:
        return None
    return read_csv(text, result.rel, header, log, optional)


def _code_cell(row: CsvRow, rel: str, column: str, log: ProblemLog) -> str | None:
    value = row.cells[column]
    if not value:
        log.error(row.at(rel, column), "csv.required", field=column)
        return None
    if not _CODE.fullmatch(value):
        wide = wide_characters(value)
        if wide:
            log.error(
                row.at(rel, column),
                "value.fullwidth",
                raw=value,
                chars=wide_names(wide),
                fixed=halfwidth(value),
            )
        else:  # a name here is named by ``validate``, which knows the names
            log.error(row.at(rel, column), "value.code", raw=value, suggestion="")
        return None
    return value


_MOBILE = re.compile(r"1[3-9][0-9]{9}")
"""A mainland mobile number as the chat robots take it for an @mention (SPEC §9)."""


def _named_rows(
    result: FileResult, data: bytes, kinds: tuple[str, ...], what: Subject, log: ProblemLog
) -> list[tuple[str, str, str, Location, str | None]]:
    """The rows of a code,name,kind table, with the optional ``mobile`` column (the unit's
    contact's mobile number, for ``xjj push`` to @mention; None when absent or empty).

    A row whose code is unusable is left out; the table is then not whole, and references
    are not checked against it (they would all echo that one error).
    """
    table = _table(result, data, ["code", "name", "kind"], log, ("mobile",))
    if table is None:
        result.whole = False
        return []
    rel = result.rel
    result.whole = table.whole
    out = []
    ids = Ids(what)
    for row in table.rows:
        code = _code_cell(row, rel, "code", log)
        name, kind = row.cells["name"], row.cells["kind"]
        if not name:
            log.error(row.at(rel, "name"), "csv.required", field="name")
        if kind not in kinds:
            log.error(
                row.at(rel, "kind"),
                "value.choice",
                field="kind",
                choices=listing(kinds),
                raw=kind,
            )
        mobile = row.cells["mobile"] or None
        if mobile is not None and not _MOBILE.fullmatch(mobile):
            log.error(row.at(rel, "mobile"), "value.invalid", field="mobile", raw=mobile)
            mobile = None
        if code is None:
            result.whole = False
            continue
        if not ids.claim(code, row.at(rel, "code"), log):
            continue
        out.append((code, name, kind, row.at(rel, "code"), mobile))
    return out


def _load_towns(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    rows = _named_rows(result, data, TOWN_KINDS, "town_code", log)
    result.rows = [Town(code, name, kind, loc, mobile) for code, name, kind, loc, mobile in rows]


def _load_units(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    rows = _named_rows(result, data, UNIT_KINDS, "unit_code", log)
    result.rows = [Unit(code, name, kind, loc, mobile) for code, name, kind, loc, mobile in rows]


def _load_figures(result: FileResult, path: Path, data: bytes, log: ProblemLog) -> None:
    table = _table(result, data, ["town", "metric", "target", "completed"], log)
    if table is None:
        result.whole = False
        return
    rel, month = result.rel, path.stem
    result.whole = table.whole
    # An empty ``completed`` is 未报送 (SPEC §2): a warning per town, at its first blank row.
    blanks: dict[str, tuple[CsvRow, int]] = {}
    for row in table.rows:
        town = _code_cell(row, rel, "town", log)
        metric = row.cells["metric"]
        if not metric:
            log.error(row.at(rel, "metric"), "csv.required", field="metric")
        target = parse_count(row, "target", rel, log)
        blank = row.cells["completed"] == ""
        completed = None if blank else parse_count(row, "completed", rel, log)
        if town is None or not metric or target is None or (completed is None and not blank):
            result.whole = False
            continue
        if blank:
            first, count = blanks.get(town, (row, 0))
            blanks[town] = (first, count + 1)
        result.rows.append(
            TownFigure(month, town, metric, target, completed, rel, row.line, row.columns)
        )
    for town, (first, count) in blanks.items():
        log.warning(
            first.at(rel, "completed"),
            "progress.not_submitted",
            town=town,
            month=cn_month(month),
            count=count,
        )


_LOADERS: dict[FileKind, Loader] = {
    FileKind.DISTRICT: _load_district,
    FileKind.DOMAIN: _load_domain,
    FileKind.PROJECT: _load_project,
    FileKind.TASKS: _load_tasks,
    FileKind.PROBLEMS: _load_problems,
    FileKind.EVENTS: _load_events,
    FileKind.INTERVIEWS: _load_interviews,
    FileKind.ACKNOWLEDGED: _load_acknowledged,
    FileKind.TOWNS: _load_towns,
    FileKind.UNITS: _load_units,
    FileKind.FIGURES: _load_figures,
}
LOADED_KINDS = frozenset(_LOADERS)
