"""Find the data files and say what each one is, from its path alone (no reading)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from xjj_cli.errors import DataError
from xjj_cli.messages import check_word, error_message, os_reason
from xjj_cli.model import MONTH_PATTERN

MONTH_FILE = re.compile(MONTH_PATTERN)
YEAR_FILE = re.compile(r"^[0-9]{4}$")
_YAML_SUFFIXES = (".yaml", ".yml")
_IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".gitignore"}
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")
"""Excel, WPS and LibreOffice workbooks: never read, and never silently ignored."""
_CSV_TABLES = {("towns",): "towns/towns.csv", ("units",): "units/units.csv"}
_YAML_FOLDERS = {"domains", "projects", "tasks", "events", "problems"}


class FileKind(StrEnum):
    """What a file below the data folder is, from its path alone."""

    DISTRICT = "district"
    DOMAIN = "domain"
    PROJECT = "project"
    TASKS = "tasks"
    EVENTS = "events"
    PROBLEMS = "problems"
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


def data_files(data_dir: Path) -> list[Path]:
    """Every file below ``data_dir`` that xjj looks at, in a stable order (hidden ones skipped)."""
    return [Path(path) for _, path, _ in sorted(_walk(data_dir, ()))]


def _walk(
    folder: Path | str, parts: tuple[str, ...]
) -> list[tuple[tuple[str, ...], str, os.DirEntry[str]]]:
    found: list[tuple[tuple[str, ...], str, os.DirEntry[str]]] = []
    try:
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
                found.extend(_walk(entry.path, (*parts, entry.name)))
            else:
                found.append(((*parts, entry.name), entry.path, entry))
    return found


def discover(data_dir: Path, display_root: Path) -> list[DataFile]:
    """Every data file with its kind, in path order; ``rel`` is relative to ``display_root``."""
    root = data_dir.resolve()
    prefix = _relative(data_dir, display_root)
    prefix = "" if prefix in ("", ".") else prefix + "/"
    out = []
    for parts, path_text, entry in sorted(_walk(data_dir, ()), key=lambda item: item[0]):
        rel = prefix + "/".join(parts)
        if entry.is_symlink() and not _inside(Path(path_text), root):
            out.append(DataFile(path_text, rel, FileKind.OUTSIDE, str(Path(path_text).resolve())))
            continue
        kind, hint = classify(parts)
        out.append(DataFile(path_text, rel, kind, hint))
    return out


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
    return f"towns/progress/{stem if MONTH_FILE.match(stem) else 'YYYY-MM'}.csv"


def _split(name: str) -> tuple[str, str]:
    """``Path(name).stem`` and ``.suffix`` (lower case), without building a path."""
    if name.startswith(".") or name.endswith("."):  # rare: leave pathlib's rules to pathlib
        return Path(name).stem, Path(name).suffix.lower()
    stem, suffix = os.path.splitext(name)
    return stem, suffix.lower()


def classify(parts: tuple[str, ...]) -> tuple[FileKind, str]:
    """The kind of a data file from its path parts below the data folder, and a hint."""
    name = parts[-1]
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
        if MONTH_FILE.match(stem):
            return FileKind.FIGURES, ""
        return FileKind.BAD_NAME, check_word("name.figures")
    if len(parts) == 3 and parts[0] == "projects" and is_yaml:
        return FileKind.PROJECT, ""
    if len(parts) == 2 and parts[0] == "tasks" and is_yaml:
        if YEAR_FILE.match(stem):
            return FileKind.TASKS, ""
        return FileKind.BAD_NAME, check_word("name.tasks")
    if len(parts) == 2 and parts[0] == "events" and is_yaml:
        if MONTH_FILE.match(stem):
            return FileKind.EVENTS, ""
        return FileKind.BAD_NAME, check_word("name.events")
    if len(parts) == 2 and parts[0] == "problems" and is_yaml:
        if YEAR_FILE.match(stem):
            return FileKind.PROBLEMS, ""
        return FileKind.BAD_NAME, check_word("name.problems")
    if parts == ("map", "towns.svg"):
        return FileKind.MAP, ""
    if parts[0] == "projects":
        return FileKind.UNEXPECTED, check_word("place.project")
    return FileKind.UNEXPECTED, check_word("place.any")
