"""Find the data files and say what each one is, from its path alone (no reading)."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from xjj_cli.controls import controls_in, visible
from xjj_cli.errors import DataError
from xjj_cli.messages.errors import error_message, os_reason
from xjj_cli.messages.validation import check_word

MONTH_FILE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
"""``model.MONTH_PATTERN`` (a test holds them equal): the records' models are not imported
to list the files."""
YEAR_FILE = re.compile(r"^[0-9]{4}$")
_YAML_SUFFIXES = (".yaml", ".yml")
_IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".gitignore"}
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")
"""Excel, WPS and LibreOffice workbooks: never read, and never silently ignored."""
_CSV_TABLES = {("towns",): "towns/towns.csv", ("units",): "units/units.csv"}
_YAML_FOLDERS = {"domains", "projects", "tasks", "events", "problems", "interviews"}


class FileKind(StrEnum):
    """What a file below the data folder is, from its path alone."""

    DISTRICT = "district"
    DOMAIN = "domain"
    PROJECT = "project"
    TASKS = "tasks"
    EVENTS = "events"
    PROBLEMS = "problems"
    INTERVIEWS = "interviews"
    """interviews/YYYY-MM.yaml: the time and place of the interviews that follow a month."""
    ACKNOWLEDGED = "acknowledged"
    TOWNS = "towns"
    UNITS = "units"
    FIGURES = "figures"
    MAP = "map"
    """The district map map/towns.svg: checked by validate, drawn by the board."""
    # not loaded:
    IGNORED = "ignored"
    """A README, a Markdown note or an office suite's lock file."""
    UNEXPECTED = "unexpected"
    """A file where no data file belongs (``hint``: where data files go)."""
    BAD_NAME = "bad_name"
    """A data file whose name is wrong (``hint``: how to name it)."""
    SPREADSHEET = "spreadsheet"
    """An Excel/WPS workbook (``hint``: the CSV file to save it as, or "")."""
    OUTSIDE = "outside"
    """A link leaving the data folder (``hint``: its target)."""


@dataclass(frozen=True)
class DataFile:
    """A file below the data folder: where it is and what kind of record it holds."""

    location: str
    """The file's path as text: what ``os.stat`` and ``open`` take (a ``Path`` per file
    costs more than the ``stat`` itself at province scale)."""
    rel: str
    kind: FileKind
    hint: str = ""
    """What to tell about a file that is not loaded (see ``FileKind``)."""

    @cached_property
    def path(self) -> Path:
        """The file's path."""
        return Path(self.location)


RACY_NS = 2_000_000_000
"""The coarsest time stamp tick a file system may have (FAT: 2 s): a file or folder modified
this close to when xjj last looked at it may have changed again within the same tick."""

Signature = tuple[int, int, int, int]
"""What ``stat`` says of a file or folder: size, mtime and ctime (ns) and inode."""


def signature(stat: os.stat_result) -> Signature:
    """The ``stat`` facts that change when a file is written (or a folder's entries change)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


@dataclass(frozen=True)
class Listing:
    """What ``discover`` found, and the ``stat`` of every folder it walked, as git's
    untracked cache: adding, removing or renaming a file changes its folder's mtime, so
    while no folder changed the files are those listed, and the walk is not needed.

    A folder modified no earlier than ``RACY_NS`` before the walk began is walked again
    (it may have changed again within its time stamp's tick); a listing with a symbolic
    link is never trusted (its target may change without any folder changing)."""

    root: tuple[str, str]
    """The data folder and the folder ``rel`` is relative to, as given."""
    started: int
    """When the walk began (ns since the epoch)."""
    folders: tuple[tuple[str, Signature], ...]
    files: tuple[tuple[str, str, str, str], ...]
    """Each file's location, rel, kind and hint."""

    def unchanged(self, root: tuple[str, str]) -> bool:
        """Whether every folder is as it was when walked, and well before the walk."""
        if root != self.root:
            return False
        for folder, known in self.folders:
            try:
                now = signature(os.stat(folder))
            except OSError:
                return False
            if now != known or now[1] >= self.started - RACY_NS:
                return False
        return True

    def data_files(self) -> list[DataFile]:
        """The files listed."""
        kinds = {kind.value: kind for kind in FileKind}
        return [DataFile(path, rel, kinds[kind], hint) for path, rel, kind, hint in self.files]


def data_files(data_dir: Path) -> list[Path]:
    """Every file below ``data_dir`` that xjj looks at, in a stable order (hidden ones skipped)."""
    return [Path(path) for _, path, _ in sorted(_walk(data_dir, ()))]


def _walk(
    folder: Path | str,
    parts: tuple[str, ...],
    folders: list[tuple[str, Signature]] | None = None,
) -> list[tuple[tuple[str, ...], str, os.DirEntry[str]]]:
    found: list[tuple[tuple[str, ...], str, os.DirEntry[str]]] = []
    try:
        if folders is not None:  # before its entries are read: a later change shows
            folders.append((str(folder), signature(os.stat(folder))))
        listing = os.scandir(folder)
    except OSError as exc:
        raise DataError(
            error_message("folder.unreadable", folder=folder, reason=os_reason(exc))
        ) from exc
    with listing as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue  # .git, .github, .xjj-cache and editors' hidden files
            if entry.is_dir(follow_symlinks=False):
                found.extend(_walk(entry.path, (*parts, entry.name), folders))
            else:
                found.append(((*parts, entry.name), entry.path, entry))
    return found


def discover(data_dir: Path, display_root: Path) -> list[DataFile]:
    """Every data file with its kind, in path order; ``rel`` is relative to ``display_root``."""
    return discover_listed(data_dir, display_root)[0]


def discover_listed(
    data_dir: Path, display_root: Path, known: Listing | None = None
) -> tuple[list[DataFile], Listing | None]:
    """``discover``, and the listing to give next time (None when it cannot be trusted);
    the ``known`` listing's files when no folder changed since it was made."""
    given = (str(data_dir), str(display_root))
    if known is not None and known.unchanged(given):
        return known.data_files(), known
    started = time.time_ns()
    root = data_dir.resolve()
    prefix = _relative(data_dir, display_root)
    prefix = "" if prefix in ("", ".") else prefix + "/"
    out = []
    folders: list[tuple[str, Signature]] = []
    linked = False
    for parts, path_text, entry in sorted(_walk(data_dir, (), folders), key=lambda item: item[0]):
        rel = prefix + "/".join(parts)
        if entry.is_symlink():
            linked = True
            if not _inside(Path(path_text), root):
                target = str(Path(path_text).resolve())
                out.append(DataFile(path_text, rel, FileKind.OUTSIDE, target))
                continue
        kind, hint = classify(parts)
        out.append(DataFile(path_text, rel, kind, hint))
    if linked:
        return out, None
    files = tuple((f.location, f.rel, f.kind.value, f.hint) for f in out)
    return out, Listing(given, started, tuple(folders), files)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError):
        return False
    return True


def _csv_name(folder: tuple[str, ...], stem: str) -> str:
    """The CSV file a workbook in ``folder`` should be saved as, or "" where data is YAML."""
    if folder in _CSV_TABLES:
        return _CSV_TABLES[folder]
    if folder and folder[0] in _YAML_FOLDERS:
        return ""
    return f"towns/progress/{stem if MONTH_FILE.fullmatch(stem) else 'YYYY-MM'}.csv"


def _split(name: str) -> tuple[str, str]:
    """``Path(name).stem`` and ``.suffix`` (lower case), without building a path."""
    if name.startswith(".") or name.endswith("."):  # rare: leave pathlib's rules to pathlib
        return Path(name).stem, Path(name).suffix.lower()
    stem, suffix = os.path.splitext(name)
    return stem, suffix.lower()


def classify(parts: tuple[str, ...]) -> tuple[FileKind, str]:
    """The kind of a data file from its path parts below the data folder, and a hint."""
    name = parts[-1]
    controls = controls_in("".join(parts))
    if controls:
        return FileKind.BAD_NAME, check_word("name.control", chars=visible("".join(controls)))
    if name in _IGNORED_NAMES or name.endswith(".md") or name.startswith("~$"):
        return (
            FileKind.IGNORED,
            "",
        )  # ~$… is the lock file Excel and WPS keep beside an open workbook
    stem, suffix = _split(name)
    if suffix in SPREADSHEET_SUFFIXES:
        return FileKind.SPREADSHEET, _csv_name(parts[:-1], stem)
    is_yaml = suffix in _YAML_SUFFIXES
    if parts == ("district.yaml",):
        return FileKind.DISTRICT, ""
    if parts == ("acknowledged.yaml",):
        return FileKind.ACKNOWLEDGED, ""
    if parts == ("towns", "towns.csv"):
        return FileKind.TOWNS, ""
    if parts == ("units", "units.csv"):
        return FileKind.UNITS, ""
    if len(parts) == 2 and parts[0] == "domains" and is_yaml:
        return FileKind.DOMAIN, ""
    if len(parts) == 3 and parts[:2] == ("towns", "progress") and suffix == ".csv":
        if MONTH_FILE.fullmatch(stem):
            return FileKind.FIGURES, ""
        return FileKind.BAD_NAME, check_word("name.figures")
    if len(parts) == 3 and parts[0] == "projects" and is_yaml:
        return FileKind.PROJECT, ""
    if len(parts) == 2 and parts[0] == "tasks" and is_yaml:
        if YEAR_FILE.fullmatch(stem):
            return FileKind.TASKS, ""
        return FileKind.BAD_NAME, check_word("name.tasks")
    if len(parts) == 2 and parts[0] == "events" and is_yaml:
        if MONTH_FILE.fullmatch(stem):
            return FileKind.EVENTS, ""
        return FileKind.BAD_NAME, check_word("name.events")
    if len(parts) == 2 and parts[0] == "problems" and is_yaml:
        if YEAR_FILE.fullmatch(stem):
            return FileKind.PROBLEMS, ""
        return FileKind.BAD_NAME, check_word("name.problems")
    if len(parts) == 2 and parts[0] == "interviews" and is_yaml:
        if MONTH_FILE.fullmatch(stem):
            return FileKind.INTERVIEWS, ""
        return FileKind.BAD_NAME, check_word("name.interviews")
    if parts == ("map", "towns.svg"):
        return FileKind.MAP, ""
    if parts[0] == "projects":
        return FileKind.UNEXPECTED, check_word("place.project")
    return FileKind.UNEXPECTED, check_word("place.any")
