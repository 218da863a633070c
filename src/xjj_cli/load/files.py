"""Find the data files and say what each one is, from its path alone (no reading)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from xjj_cli.errors import DataError
from xjj_cli.messages import os_reason

MONTH_FILE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
YEAR_FILE = re.compile(r"^[0-9]{4}$")
_YAML_SUFFIXES = (".yaml", ".yml")
_IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".gitignore"}
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")
"""Excel, WPS and LibreOffice workbooks: never read, and never silently ignored."""
_CSV_TABLES = {("towns",): "towns/towns.csv", ("units",): "units/units.csv"}
_YAML_FOLDERS = {"domains", "projects", "tasks", "events", "problems"}


@dataclass(frozen=True)
class DataFile:
    """A file below the data folder: where it is and what kind of record it holds."""

    path: Path
    rel: str
    kind: str
    """district, domain, project, tasks, events, acknowledged, towns, units, figures; or
    ignored, unexpected, bad_name (with ``hint``), spreadsheet (``hint``: the CSV file to save
    it as), outside (a link leaving the data folder)."""
    hint: str = ""


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
        raise DataError(f"无法读取目录“{folder}”：{os_reason(exc)}") from exc
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
        path = Path(path_text)
        rel = prefix + "/".join(parts)
        if entry.is_symlink() and not _inside(path, root):
            out.append(DataFile(path, rel, "outside", str(path.resolve())))
            continue
        kind, hint = classify(parts)
        out.append(DataFile(path, rel, kind, hint))
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


def classify(parts: tuple[str, ...]) -> tuple[str, str]:
    """The kind of a data file from its path parts below the data folder, and a hint."""
    name = parts[-1]
    if name in _IGNORED_NAMES or name.endswith(".md") or name.startswith("~$"):
        return "ignored", ""  # ~$… is the lock file Excel and WPS keep beside an open workbook
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return "spreadsheet", _csv_name(parts[:-1], stem)
    is_yaml = suffix in _YAML_SUFFIXES
    if parts == ("district.yaml",):
        return "district", ""
    if parts == ("acknowledged.yaml",):
        return "acknowledged", ""
    if parts == ("towns", "towns.csv"):
        return "towns", ""
    if parts == ("units", "units.csv"):
        return "units", ""
    if len(parts) == 2 and parts[0] == "domains" and is_yaml:
        return "domain", ""
    if len(parts) == 3 and parts[:2] == ("towns", "progress") and suffix == ".csv":
        if MONTH_FILE.match(stem):
            return "figures", ""
        return "bad_name", "月度镇街数据应命名为 YYYY-MM.csv，如 2026-10.csv"
    if len(parts) == 3 and parts[0] == "projects" and is_yaml:
        return "project", ""
    if len(parts) == 2 and parts[0] == "tasks" and is_yaml:
        if YEAR_FILE.match(stem):
            return "tasks", ""
        return "bad_name", "市重点督办任务清单应命名为 年份.yaml，如 2026.yaml"
    if len(parts) == 2 and parts[0] == "events" and is_yaml:
        if MONTH_FILE.match(stem):
            return "events", ""
        return "bad_name", "事件文件应命名为 YYYY-MM.yaml，如 2026-10.yaml"
    if parts[0] == "projects":
        return "unexpected", "项目文件应放在 projects/<领域>/<项目编号>.yaml"
    return (
        "unexpected",
        "数据文件应放在 district.yaml、domains/、towns/、units/、projects/、tasks/、events/ 中",
    )
