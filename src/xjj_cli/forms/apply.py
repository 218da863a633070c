"""Turn what was read from filled workbooks into changes of the repository's files, check
them on a copy, and write them — all of them, or none (SPEC §8).

Files are edited as text: in ``towns/progress/M.csv`` only the town's ``completed`` cells
change (the file keeps its encoding, BOM, line ends and row order); in a project's YAML one
progress entry is inserted (or, with ``--force``, replaced) in the file's own indentation
and style, every other byte stays as it was; the problems ledger as ``ledger`` says.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from xjj_cli.diagnostics import Problem
from xjj_cli.forms import layout
from xjj_cli.forms.filled import FilledForm, Place, ProgressIn, TownFigureIn
from xjj_cli.forms.ledger import plan_ledger
from xjj_cli.forms.office import plan_events
from xjj_cli.forms.plan import Plan, yaml_scalar
from xjj_cli.forms.tasks import plan_tasks
from xjj_cli.load.reader import LoadOptions
from xjj_cli.messages.forms import import_message
from xjj_cli.model import ProgressEntry
from xjj_cli.output import process_gone
from xjj_cli.repository import Repository
from xjj_cli.validate import known_metrics, validate_repository

FIGURES_HEADER = ("town", "metric", "target", "completed")


def plan_changes(repo: Repository, forms: Sequence[FilledForm], *, force: bool) -> Plan:
    """What importing ``forms`` changes in ``repo``; a value that differs from the one in the
    repository is a conflict (an error) unless ``force``."""
    plan = Plan()
    figures = [f for form in forms for f in form.figures]
    if figures:
        _plan_figures(repo, forms[0].month, figures, plan, force=force)
    for form in forms:
        for entry in form.progress:
            _plan_progress(repo, form.month, entry, plan, force=force)
    plan_ledger(repo, forms, plan, force=force)
    plan_tasks(repo, forms, plan, force=force)
    plan_events(repo, forms, plan, force=force)
    return plan


# --- towns/progress/M.csv --------------------------------------------------------------------


@dataclass
class _CsvText:
    """A CSV file as lines of text, to change single cells and keep every other byte."""

    bom: bytes
    encoding: str
    newline: str
    lines: list[str]
    columns: dict[str, int] = field(default_factory=dict)
    rows: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def parse(cls, data: bytes) -> _CsvText:
        """Read the bytes of an existing file (UTF-8 with or without BOM, or GB18030)."""
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        try:
            text, encoding = data[len(bom) :].decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = data.decode("gb18030"), "gb18030"
        lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
        ending = re.search(r"\r\n|\r|\n", text)
        table = cls(bom, encoding, ending.group() if ending else "\n", lines)
        for number, line in enumerate(lines):
            fields = _fields(line)
            if not any(f.strip() for f in fields):
                continue
            if not table.columns:
                table.columns = {name.strip(): i for i, name in enumerate(fields)}
                continue
            if len(fields) == len(table.columns):
                key = (
                    fields[table.columns["town"]].strip(),
                    fields[table.columns["metric"]].strip(),
                )
                table.rows.setdefault(key, number)
        return table

    def get(self, key: tuple[str, str], column: str) -> str:
        """The text of a row's cell."""
        return _fields(self.lines[self.rows[key]])[self.columns[column]].strip()

    def set(self, key: tuple[str, str], column: str, value: str) -> None:
        """Change one cell, keeping the line's end."""
        number = self.rows[key]
        line = self.lines[number]
        fields = _fields(line)
        fields[self.columns[column]] = value
        self.lines[number] = _joined(fields) + line[len(line.rstrip("\r\n")) :]

    def append(self, cells: dict[str, str]) -> tuple[str, str]:
        """Add a row at the end of the file."""
        if self.lines and not self.lines[-1].endswith(("\n", "\r")):
            self.lines[-1] += self.newline
        fields = [""] * len(self.columns)
        for name, value in cells.items():
            fields[self.columns[name]] = value
        self.lines.append(_joined(fields) + self.newline)
        key = (cells["town"], cells["metric"])
        self.rows[key] = len(self.lines) - 1
        return key

    def encode(self) -> bytes:
        """The file's bytes, in its own encoding and BOM."""
        return self.bom + "".join(self.lines).encode(self.encoding)


def _fields(line: str) -> list[str]:
    return next(csv.reader([line.rstrip("\r\n")]), [])


def _joined(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


def _plan_figures(
    repo: Repository, month: str, figures: list[TownFigureIn], plan: Plan, *, force: bool
) -> None:
    path = repo.data_dir / "towns" / "progress" / f"{month}.csv"
    shown = repo.relative(path)
    if path.exists():
        table = _CsvText.parse(path.read_bytes())
    else:
        table = _new_figures(repo, month, figures)
        metrics = {key[1] for key in table.rows}
        plan.changes.append(
            import_message("new_file", file=shown, towns=len(repo.towns), metrics=len(metrics))
        )
    names = known_metrics(repo)
    changed = not path.exists()
    for figure in figures:
        key = (figure.town, figure.metric)
        if key not in table.rows:
            cells = {"town": figure.town, "metric": figure.metric, "target": str(figure.target)}
            table.append({**cells, "completed": ""})
        old = table.get(key, "completed")
        new = str(figure.completed)
        if old == new:
            continue
        if old and not force:
            plan.errors.append(
                import_message("conflict", place=figure.place, target=shown, old=old, new=new)
            )
            continue
        table.set(key, "completed", new)
        changed = True
        town = repo.towns[figure.town].name if figure.town in repo.towns else figure.town
        plan.changes.append(
            import_message(
                "town_change",
                file=shown,
                town=town,
                town_code=figure.town,
                metric=names.get(figure.metric, figure.metric),
                metric_code=figure.metric,
                old=old or import_message("empty"),
                new=new,
            )
        )
    if changed:
        plan.files[path] = table.encode()


def _new_figures(repo: Repository, month: str, figures: list[TownFigureIn]) -> _CsvText:
    """A month's file as SPEC §8 creates it: every town and metric of the latest earlier
    month, with targets (the form's for the towns that sent one), ``completed`` empty; in
    that file's BOM and line ends."""
    earlier = [m for m in repo.months if m < month]
    typed = {(f.town, f.metric): f.target for f in figures}
    table = _CsvText(b"", "utf-8", "\n", [])
    rows: list[tuple[str, str, int]] = []
    if earlier:
        previous = sorted(repo.figures[earlier[-1]], key=lambda f: f.line)
        rows = [(f.town, f.metric, f.target) for f in previous]
        source = repo.data_dir / "towns" / "progress" / f"{earlier[-1]}.csv"
        style = _CsvText.parse(source.read_bytes())
        table.bom, table.newline = style.bom, style.newline
    table.lines = [",".join(FIGURES_HEADER) + table.newline]
    table.columns = {name: i for i, name in enumerate(FIGURES_HEADER)}
    for town, metric, target in rows:
        cells = {"town": town, "metric": metric, "completed": ""}
        table.append({**cells, "target": str(typed.get((town, metric), target))})
    return table


# --- projects/<domain>/<id>.yaml ------------------------------------------------------------


def _plan_progress(
    repo: Repository, month: str, entry: ProgressIn, plan: Plan, *, force: bool
) -> None:
    sourced = repo.projects[entry.project]
    path = repo.data_dir.parent / sourced.file
    data = plan.files.get(path) or path.read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data[len(bom) :].decode("utf-8")
    existing = next((e for e in sourced.record.progress if e.month == month), None)
    new_words = _entry_words(entry.percent, entry.invested, entry.note)
    if existing is not None:
        if _same(existing, entry):
            return
        old_words = _entry_words(existing.percent, existing.invested, existing.note)
        if not force:
            plan.errors.append(
                import_message(
                    "conflict", place=entry.place, target=sourced.file, old=old_words, new=new_words
                )
            )
            return
    edited = _with_entry(text, month, entry)
    if edited is None:
        plan.errors.append(import_message("layout", place=Place(sourced.file)))
        return
    plan.files[path] = bom + edited.encode("utf-8")
    if existing is None:
        plan.changes.append(
            import_message("progress_add", file=sourced.file, month=month, entry=new_words)
        )
    else:
        plan.changes.append(
            import_message(
                "progress_replace", file=sourced.file, month=month, old=old_words, new=new_words
            )
        )


def _same(existing: ProgressEntry, entry: ProgressIn) -> bool:
    return (
        float(existing.percent) == entry.percent
        and float(existing.invested) == entry.invested
        and (existing.note or None) == entry.note
    )


def _entry_words(percent: float, invested: float, note: str | None) -> str:
    noted = import_message("progress_note", note=note) if note else ""
    return import_message(
        "progress_entry",
        percent=layout.cell_text(float(percent)),
        invested=layout.cell_text(float(invested)),
        note=noted,
    )


_PROGRESS_KEY = re.compile(r"progress[ \t]*:(?P<rest>[^#]*)(?:#.*)?")
_MONTH_VALUE = re.compile(
    r"month[ \t]*:[ \t]*(?P<quote>['\"]?)(?P<month>[0-9]{4}-[0-9]{2})(?P=quote)"
)


@dataclass(frozen=True)
class _Item:
    """A list item of ``progress:``: its first and last line (indexes) and its month."""

    start: int
    end: int
    month: str | None


def _with_entry(text: str, month: str, entry: ProgressIn) -> str | None:
    """``text`` with the month's progress entry inserted after the entries of earlier months
    (or put in place of the month's entry); None when ``progress`` is not a block list."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    ending = re.search(r"\r\n|\r|\n", text)
    newline = ending.group() if ending else "\n"
    key = next(
        (i for i, line in enumerate(lines) if _PROGRESS_KEY.fullmatch(line.rstrip("\r\n"))), None
    )
    if key is None:  # no progress yet: a new list at the end of the file
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        lines.append("progress:" + newline)
        lines.extend(_render(entry, month, 2, 4, "", flow=False, newline=newline))
        return "".join(lines)
    match = _PROGRESS_KEY.fullmatch(lines[key].rstrip("\r\n"))
    rest = match.group("rest").strip() if match else ""
    if rest == "[]":
        lines[key] = "progress:" + newline
    elif rest:
        return None
    indent, items = _items(lines, key)
    if not items:
        rendered = _render(entry, month, 2, 4, "", flow=False, newline=newline)
        lines[key + 1 : key + 1] = rendered
        return "".join(lines)
    last = items[-1]
    first_line = lines[last.start].rstrip("\r\n")
    after_dash = first_line[indent + 1 :]
    key_column = indent + 1 + len(after_dash) - len(after_dash.lstrip(" "))
    flow = after_dash.lstrip(" ").startswith("{")
    quoted = _MONTH_VALUE.search("".join(lines[last.start : last.end + 1]))
    quote = quoted.group("quote") if quoted else ""
    rendered = _render(entry, month, indent, key_column, quote, flow=flow, newline=newline)
    same = [item for item in items if item.month == month]
    if same:
        lines[same[0].start : same[0].end + 1] = rendered
        return "".join(lines)
    earlier = [item for item in items if item.month is not None and item.month < month]
    at = earlier[-1].end + 1 if earlier else items[0].start
    if at == len(lines) and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    lines[at:at] = rendered
    return "".join(lines)


def _items(lines: list[str], key: int) -> tuple[int, list[_Item]]:
    """The indentation of the list's dashes and its items, below the line ``key``."""
    indent: int | None = None
    starts: list[int] = []
    last_content = key
    for number in range(key + 1, len(lines)):
        content = lines[number].rstrip("\r\n")
        stripped = content.strip()
        if not stripped or stripped.startswith("#"):
            continue
        column = len(content) - len(content.lstrip(" "))
        dash = stripped == "-" or stripped.startswith("- ")
        if indent is None:
            if not dash:
                break
            indent = column
        if column > indent:
            last_content = number
            continue
        if column == indent and dash:
            starts.append(number)
            last_content = number
            continue
        break
    items = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else last_content
        while end > start and _blank_or_comment(lines[end]):
            end -= 1
        found = _MONTH_VALUE.search("".join(lines[start : end + 1]))
        items.append(_Item(start, end, found.group("month") if found else None))
    return indent or 0, items


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _render(
    entry: ProgressIn,
    month: str,
    indent: int,
    key_column: int,
    quote: str,
    *,
    flow: bool,
    newline: str,
) -> list[str]:
    """The entry's lines in the list's own style (block or flow mapping)."""
    values = [
        ("month", f"{quote}{month}{quote}"),
        ("percent", layout.cell_text(entry.percent)),
        ("invested", layout.cell_text(entry.invested)),
    ]
    if entry.note:
        values.append(("note", yaml_scalar(entry.note, flow=flow)))
    if flow:
        inner = ", ".join(f"{k}: {v}" for k, v in values)
        return [" " * indent + "- {" + inner + "}" + newline]
    gap = " " * max(1, key_column - indent - 1)
    first = " " * indent + "-" + gap + f"{values[0][0]}: {values[0][1]}" + newline
    return [first] + [" " * key_column + f"{k}: {v}" + newline for k, v in values[1:]]


# --- checking on a copy, and writing ---------------------------------------------------------


def check_on_copy(
    data_dir: Path, files: dict[Path, bytes], options: LoadOptions | None = None
) -> list[str]:
    """The repository's errors with ``files`` written, checked on a copy of the data folder
    (hard links where the file system allows); an empty list when it is valid."""
    return checked_copy(data_dir, files, options).errors


@dataclass(frozen=True)
class CopyCheck:
    """What validating the data folder with an import's files written found: its errors as
    import shows them, and its warnings (not acknowledged) with their ids, as ``validate``
    names them."""

    errors: list[str]
    warnings: list[tuple[Problem, str]]


def checked_copy(
    data_dir: Path, files: dict[Path, bytes], options: LoadOptions | None = None
) -> CopyCheck:
    """Validate a copy of the data folder (hard links where the file system allows) with
    ``files`` written; the folder itself is not touched.

    With the cache (``options``, as the repository was loaded), the copy's files are read
    from the repository's cache when their content is there (``Cache.borrow``: by content
    alone, never written): only the files the import changes, and any changed since the
    cache was written, are parsed again. The checks across files all run again."""
    use_cache = options is None or options.use_cache
    source = data_dir.resolve()
    remove_stale_copies()
    with tempfile.TemporaryDirectory(prefix=f"{COPY_PREFIX}{os.getpid()}-") as temp:
        copy = Path(temp) / source.name
        shutil.copytree(
            source,
            copy,
            symlinks=True,
            ignore=shutil.ignore_patterns(".*"),
            copy_function=_link_or_copy,
        )
        for path, data in files.items():
            target = copy / path.resolve().relative_to(source)
            target.unlink(missing_ok=True)  # a hard link: never write through it
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        borrowed = LoadOptions(cache_of=source) if use_cache else LoadOptions(use_cache=False)
        repo = validate_repository(copy, borrowed)
        errors = [
            f"  {p.location.file}:{p.location.line}:{p.location.column}  {p.message} [{p.code}]"
            for p in repo.log.errors
        ]
        return CopyCheck(errors, [(p, repo.log.warning_id(p)) for p in repo.log.warnings])


COPY_PREFIX = "xjj-import-"
"""The temporary copies of ``check_on_copy``: ``xjj-import-<pid>-<random>`` in the system's
temporary folder."""
_COPY_NAME = re.compile(rf"{COPY_PREFIX}([0-9]{{1,10}})-[a-z0-9_]{{8}}")
_LEGACY_COPY_NAME = re.compile(rf"{COPY_PREFIX}[a-z0-9_]{{8}}")
LEGACY_COPY_AGE_NS = 3600 * 10**9
"""A copy named as before (no pid) is removed once it is this old: a check takes seconds."""


def remove_stale_copies() -> None:
    """Remove the copies ``check_on_copy`` left in the temporary folder when its process was
    killed: this user's folders of that name whose process no longer runs (never a symbolic
    link, never another user's)."""
    root = tempfile.gettempdir()
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    now = time.time_ns()
    for entry in entries:
        ours = _COPY_NAME.fullmatch(entry.name)
        if ours is None and _LEGACY_COPY_NAME.fullmatch(entry.name) is None:
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            continue
        made = info.st_mtime_ns
        if (
            process_gone(int(ours.group(1)), made)
            if ours is not None
            else made < now - LEGACY_COPY_AGE_NS
        ):
            shutil.rmtree(entry.path, ignore_errors=True)


def _link_or_copy(source: str, target: str) -> str:
    try:
        os.link(source, target)
    except OSError:
        if not stat.S_ISREG(os.lstat(source).st_mode):
            return target  # a named pipe or a socket, which validate passed over: no content
        shutil.copy2(source, target)
    return target
