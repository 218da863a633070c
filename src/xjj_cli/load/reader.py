"""Find the repository's files, read each one, and check it against its record model.

Cross-file checks (references, uniqueness, cumulative figures) live in ``validate``;
this module only answers "what does each file say, and is it well-formed on its own?".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from xjj_cli.errors import DataError
from xjj_cli.load.csvtable import CsvRow, CsvTable, decode_csv, parse_count, read_csv
from xjj_cli.load.schema import check_record
from xjj_cli.load.yamldoc import YamlDoc, decode_yaml, parse_yaml
from xjj_cli.messages import did_you_mean
from xjj_cli.model import (
    CODE_PATTERN,
    DOMAIN_ORDER,
    TOWN_KINDS,
    UNIT_KINDS,
    District,
    Domain,
    Events,
    Project,
    Task,
    Town,
    TownFigure,
    Unit,
)
from xjj_cli.problems import Location
from xjj_cli.repository import Repository, Sourced

MONTH_FILE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
YEAR_FILE = re.compile(r"^[0-9]{4}$")
_CODE = re.compile(CODE_PATTERN)
_YAML_SUFFIXES = (".yaml", ".yml")
_IGNORED_NAMES = {"README.md", "readme.md", ".gitkeep", ".gitignore"}

DISTRICT_ADAPTER = TypeAdapter(District)
DOMAIN_ADAPTER = TypeAdapter(Domain)
PROJECT_ADAPTER = TypeAdapter(Project)
EVENTS_ADAPTER = TypeAdapter(Events)
TASK_ADAPTER = TypeAdapter(Task)


def load_repository(data_dir: Path) -> Repository:
    """Read every file below ``data_dir``; problems go to the repository's log."""
    if not data_dir.exists():
        raise DataError(
            f"数据目录“{data_dir}”不存在；请用 --data 指定数据目录，或先运行 xjj init 新建"
        )
    if not data_dir.is_dir():
        raise DataError(f"“{data_dir}”不是目录；--data 应指向数据目录（含 district.yaml 的文件夹）")
    repo = Repository(data_dir)
    root = data_dir.resolve()
    for path in data_files(data_dir):
        rel = repo.relative(path)
        if not _inside(path, root):
            target = path.resolve()
            repo.log.error(Location(rel), "file.outside", target=target)
            continue
        _dispatch(repo, path, rel)
    for required, hint in (
        ("district.yaml", "请写明区名、市名、办公室名称和年度"),
        ("towns/towns.csv", "请列出全部镇街：code,name,kind"),
        ("units/units.csv", "请列出区直部门和企业：code,name,kind"),
    ):
        if not (data_dir / required).is_file():
            repo.log.error(
                Location(repo.relative(data_dir / required)),
                "file.missing",
                name=required,
                hint=hint,
            )
    return repo


def data_files(data_dir: Path) -> list[Path]:
    """Every file below ``data_dir`` that xjj looks at, in a stable order (hidden ones skipped)."""
    return sorted(_walk(data_dir))


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for entry in folder.iterdir():
        if entry.name.startswith("."):
            continue  # .git, .github, .xjj-cache and editors' hidden files
        if entry.is_dir() and not entry.is_symlink():
            found.extend(_walk(entry))
        else:
            found.append(entry)
    return found


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError):
        return False
    return True


def _dispatch(repo: Repository, path: Path, rel: str) -> None:
    parts = path.relative_to(repo.data_dir).parts
    name = path.name
    if name in _IGNORED_NAMES or name.endswith(".md"):
        return
    stem, suffix = path.stem, path.suffix.lower()
    handler: Callable[[Repository, Path, str], None] | None = None
    if parts == ("district.yaml",):
        handler = _load_district
    elif parts == ("towns", "towns.csv"):
        handler = _load_towns
    elif parts == ("units", "units.csv"):
        handler = _load_units
    elif len(parts) == 2 and parts[0] == "domains" and suffix in _YAML_SUFFIXES:
        handler = _load_domain
    elif len(parts) == 3 and parts[:2] == ("towns", "progress") and suffix == ".csv":
        handler = _load_figures if MONTH_FILE.match(stem) else None
        if handler is None:
            repo.log.error(
                Location(rel),
                "file.name",
                name=name,
                hint="月度镇街数据应命名为 YYYY-MM.csv，如 2026-10.csv",
            )
            return
    elif len(parts) == 3 and parts[0] == "projects" and suffix in _YAML_SUFFIXES:
        handler = _load_project
    elif len(parts) == 2 and parts[0] == "tasks" and suffix in _YAML_SUFFIXES:
        if not YEAR_FILE.match(stem):
            repo.log.error(
                Location(rel),
                "file.name",
                name=name,
                hint="市重点督办任务清单应命名为 年份.yaml，如 2026.yaml",
            )
            return
        handler = _load_tasks
    elif len(parts) == 2 and parts[0] == "events" and suffix in _YAML_SUFFIXES:
        if not MONTH_FILE.match(stem):
            repo.log.error(
                Location(rel),
                "file.name",
                name=name,
                hint="事件文件应命名为 YYYY-MM.yaml，如 2026-10.yaml",
            )
            return
        handler = _load_events
    if handler is None:
        repo.log.warning(Location(rel), "file.unexpected", hint=_where_hint(parts))
        return
    handler(repo, path, rel)


def _where_hint(parts: tuple[str, ...]) -> str:
    if parts and parts[0] == "projects":
        return "项目文件应放在 projects/<领域>/<项目编号>.yaml"
    return "数据文件应放在 district.yaml、domains/、towns/、units/、projects/、tasks/、events/ 中"


def _read_bytes(repo: Repository, path: Path, rel: str) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        repo.log.error(Location(rel), "file.unreadable", reason=exc.strerror or str(exc))
        return None


def read_yaml_file(repo: Repository, path: Path, rel: str) -> YamlDoc | None:
    """Read, decode and parse one YAML file, recording any problem."""
    data = _read_bytes(repo, path, rel)
    if data is None:
        return None
    text = decode_yaml(data, rel, repo.log)
    if text is None:
        return None
    return parse_yaml(text, rel, repo.log)


def _yaml_record(
    repo: Repository, path: Path, rel: str, adapter: TypeAdapter[Any], model: Any
) -> tuple[Any, YamlDoc] | None:
    doc = read_yaml_file(repo, path, rel)
    if doc is None or () in doc.broken:  # broken: a bad tag on the root, already reported
        return None
    if not isinstance(doc.data, dict):
        repo.log.error(
            doc.at(()), "yaml.root_type", expected="映射（键: 值）", found=_kind(doc.data)
        )
        return None
    record = check_record(adapter, model, doc, repo.log)
    return None if record is None else (record, doc)


def _kind(value: object) -> str:
    return "列表" if isinstance(value, list) else f"“{value}”"


def _load_district(repo: Repository, path: Path, rel: str) -> None:
    loaded = _yaml_record(repo, path, rel, DISTRICT_ADAPTER, District)
    if loaded:
        repo.district = Sourced(*loaded)


def _load_domain(repo: Repository, path: Path, rel: str) -> None:
    loaded = _yaml_record(repo, path, rel, DOMAIN_ADAPTER, Domain)
    if not loaded:
        return
    domain, doc = loaded
    sourced = Sourced(domain, doc)
    if domain.id not in DOMAIN_ORDER:
        repo.log.error(
            sourced.at("id"),
            "domain.unknown",
            code=domain.id,
            suggestion=did_you_mean(domain.id, DOMAIN_ORDER),
            allowed="、".join(DOMAIN_ORDER),
        )
        return
    if domain.id != path.stem:
        repo.log.error(
            sourced.at("id"),
            "id.file_mismatch",
            what="领域",
            code=domain.id,
            stem=path.stem,
            expected=f"{domain.id}.yaml",
        )
    if domain.id in repo.domains:
        repo.log.error(
            sourced.at("id"),
            "id.duplicate",
            what="领域",
            code=domain.id,
            other=repo.domains[domain.id].file,
        )
        return
    repo.domains[domain.id] = sourced


def _load_project(repo: Repository, path: Path, rel: str) -> None:
    loaded = _yaml_record(repo, path, rel, PROJECT_ADAPTER, Project)
    if not loaded:
        return
    project, doc = loaded
    sourced = Sourced(project, doc)
    folder = path.parent.name
    if project.domain != folder:
        repo.log.error(sourced.at("domain"), "domain.folder", code=project.domain, folder=folder)
    if project.id != path.stem:
        repo.log.error(
            sourced.at("id"),
            "id.file_mismatch",
            what="项目编号",
            code=project.id,
            stem=path.stem,
            expected=f"{project.id}.yaml",
        )
    if project.id in repo.projects:
        repo.log.error(
            sourced.at("id"),
            "id.duplicate",
            what="项目编号",
            code=project.id,
            other=repo.projects[project.id].file,
        )
        return
    repo.projects[project.id] = sourced


def _load_tasks(repo: Repository, path: Path, rel: str) -> None:
    doc = read_yaml_file(repo, path, rel)
    if doc is None or () in doc.broken:
        return
    if not isinstance(doc.data, list):
        repo.log.error(
            doc.at(()),
            "yaml.root_type",
            expected="列表（每项是一条任务，以“- ”开头）",
            found="映射" if isinstance(doc.data, dict) else _kind(doc.data),
        )
        return
    # Each task is checked alone, so one bad task does not hide the others.
    for index, item in enumerate(doc.data):
        task = check_record(TASK_ADAPTER, Task, doc, repo.log, item, (index,))
        if task is not None:
            repo.tasks.append(Sourced(task, doc, (index,)))


def _load_events(repo: Repository, path: Path, rel: str) -> None:
    loaded = _yaml_record(repo, path, rel, EVENTS_ADAPTER, Events)
    if loaded:
        repo.events[path.stem] = Sourced(*loaded)


# --- CSV tables ---------------------------------------------------------------------------


def _read_table(repo: Repository, path: Path, rel: str, header: list[str]) -> CsvTable | None:
    data = _read_bytes(repo, path, rel)
    if data is None:
        return None
    text = decode_csv(data, rel, repo.log)
    if text is None:
        return None
    return read_csv(text, rel, header, repo.log)


def _code_cell(repo: Repository, row: CsvRow, rel: str, column: str) -> str | None:
    value = row.cells[column]
    if not value:
        repo.log.error(row.at(rel, column), "csv.required", field=column)
        return None
    if not _CODE.match(value):
        repo.log.error(row.at(rel, column), "value.code", raw=value)
        return None
    return value


def _load_named_rows(
    repo: Repository, path: Path, rel: str, kinds: tuple[str, ...], what: str
) -> tuple[list[tuple[str, str, str, Location]], bool] | None:
    """The rows of a code,name,kind table, and whether every row could be kept.

    A row whose code is unusable is left out; the table is then incomplete, and
    references are not checked against it (they would all echo that one error).
    """
    table = _read_table(repo, path, rel, ["code", "name", "kind"])
    if table is None:
        return None
    out = []
    whole = table.whole
    seen: dict[str, int] = {}
    for row in table.rows:
        code = _code_cell(repo, row, rel, "code")
        name, kind = row.cells["name"], row.cells["kind"]
        if not name:
            repo.log.error(row.at(rel, "name"), "csv.required", field="name")
        if kind not in kinds:
            repo.log.error(
                row.at(rel, "kind"),
                "value.choice",
                field="kind",
                choices="、".join(kinds),
                raw=kind,
            )
        if code is None:
            whole = False
            continue
        if code in seen:
            repo.log.error(
                row.at(rel, "code"),
                "id.duplicate",
                what=what,
                code=code,
                other=f"{rel} 第 {seen[code]} 行",
            )
            continue
        seen[code] = row.line
        out.append((code, name, kind, row.at(rel, "code")))
    return out, whole


def _load_towns(repo: Repository, path: Path, rel: str) -> None:
    loaded = _load_named_rows(repo, path, rel, TOWN_KINDS, "镇街编码")
    if loaded is None:
        return
    rows, whole = loaded
    repo.towns = {code: Town(code, name, kind, loc) for code, name, kind, loc in rows}
    if whole:
        repo.complete.add("towns")


def _load_units(repo: Repository, path: Path, rel: str) -> None:
    loaded = _load_named_rows(repo, path, rel, UNIT_KINDS, "单位编码")
    if loaded is None:
        return
    rows, whole = loaded
    repo.units = {code: Unit(code, name, kind, loc) for code, name, kind, loc in rows}
    if whole:
        repo.complete.add("units")


def _load_figures(repo: Repository, path: Path, rel: str) -> None:
    table = _read_table(repo, path, rel, ["town", "metric", "target", "completed"])
    if table is None:
        return
    month = path.stem
    figures: list[TownFigure] = []
    whole = table.whole
    for row in table.rows:
        town = _code_cell(repo, row, rel, "town")
        metric = row.cells["metric"]
        if not metric:
            repo.log.error(row.at(rel, "metric"), "csv.required", field="metric")
        target = parse_count(row, "target", rel, repo.log)
        completed = parse_count(row, "completed", rel, repo.log)
        if town is None or not metric or target is None or completed is None:
            whole = False
            continue
        figures.append(
            TownFigure(month, town, metric, target, completed, rel, row.line, row.columns)
        )
    repo.figures[month] = figures
    if whole:
        repo.complete.add(figures_key(month))


def figures_key(month: str) -> str:
    """The ``Repository.complete`` entry of a month whose every row could be read.

    A row left out for a bad cell is still the town's row: the month is then not checked
    for missing towns, which would only echo that row's own error.
    """
    return f"progress/{month}"
