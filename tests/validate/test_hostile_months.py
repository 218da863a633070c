"""Issue 22, finding 2: a month (or a code) with a trailing newline is not a month, and a file
name with a control character, or one that is not UTF-8, is an error — never a new month that
changes the findings, never a crash in any format."""

from __future__ import annotations

import ast
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from xjj_cli.cli import app
from xjj_cli.load.scan import LoadOptions, scan_data
from xjj_cli.memo import document_inputs
from xjj_cli.render.validation import as_json, as_text
from xjj_cli.validate import validate_repository

runner = CliRunner()


def accountability(data: Path) -> object:
    result = runner.invoke(app, ["--data", str(data), "accountability", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("folder", "name"),
    [
        ("towns/progress", "2026-11\n.csv"),
        ("towns/progress", "2026-11\r.csv"),
        ("events", "2026-11\n.yaml"),
        ("tasks", "2027\n.yaml"),
        ("problems", "2027\n.yaml"),
    ],
)
def test_a_month_or_year_file_with_a_trailing_newline_is_a_bad_name(
    sample_copy: Path, folder: str, name: str
) -> None:
    source = {
        "towns/progress": "towns/progress/2026-10.csv",
        "events": "events/2026-10.yaml",
        "tasks": "tasks/2026.yaml",
        "problems": "problems/2026.yaml",
    }[folder]
    shutil.copyfile(sample_copy / source, sample_copy / folder / name)
    repo = validate_repository(sample_copy)
    bad = [(p.code, p.location.file) for p in repo.log.errors]
    assert bad == [("file.name", f"data/{folder}/{name}")]
    assert "2026-11" not in repo.months


def test_a_figures_file_with_a_newline_does_not_become_the_month(sample_copy: Path) -> None:
    before = accountability(sample_copy)
    shutil.copyfile(
        sample_copy / "towns/progress/2026-10.csv", sample_copy / "towns/progress/2026-11\n.csv"
    )
    result = runner.invoke(app, ["--data", str(sample_copy), "validate"])
    assert result.exit_code == 1, result.output
    # the name is shown escaped: one line per problem, no raw newline inside a file name
    assert "2026-11\\n.csv" in result.stdout
    (sample_copy / "towns/progress/2026-11\n.csv").unlink()
    assert accountability(sample_copy) == before


@pytest.mark.parametrize(
    "name",
    [
        "5G-2026-001\t.yaml",
        "5G-2026-\x1b[31m001.yaml",
        "5G-2026-001\u202egpj.yaml",  # a right-to-left override disguising the name
        "5G-2026-001\x7f.yaml",
        "5G-2026-001\u0085.yaml",
    ],
)
def test_a_file_name_with_a_control_character_is_an_error(sample_copy: Path, name: str) -> None:
    (sample_copy / "projects/5g" / name).write_bytes(
        (sample_copy / "projects/5g/5G-2026-001.yaml").read_bytes()
    )
    (sample_copy / "projects/5g/5G-2026-001.yaml").unlink()
    repo = validate_repository(sample_copy)
    names = [(p.code, p.location.file) for p in repo.log.errors if p.code == "file.name"]
    assert names == [("file.name", f"data/projects/5g/{name}")]


def test_a_folder_name_with_a_control_character_is_an_error(sample_copy: Path) -> None:
    (sample_copy / "projects" / "5g\n").mkdir()
    shutil.move(
        sample_copy / "projects/5g/5G-2026-001.yaml", sample_copy / "projects/5g\n/5G-2026-001.yaml"
    )
    codes = [p.code for p in validate_repository(sample_copy).log.errors]
    assert "file.name" in codes


@pytest.mark.parametrize(
    "command",
    [
        ["bulletin", "--draft", "--format", "md"],
        ["accountability"],
        ["rank"],
        ["status"],
        ["problems"],
        ["forms"],
        ["notices", "--draft"],
        ["board", "--draft"],
        ["warnings"],
    ],
)
def test_a_month_option_with_a_trailing_newline_is_a_usage_error(
    sample_copy: Path, command: list[str]
) -> None:
    result = runner.invoke(app, ["--data", str(sample_copy), *command, "--month", "2026-12\n"])
    assert result.exit_code == 2, result.output
    reports = sample_copy.parent / "reports"
    assert not reports.exists() or not any("\n" in p.name for p in reports.iterdir())


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("tt\\n", "tt\\n"),
        ("tt\\r", "tt\\r"),
        ("tt\\x85", "tt\\u0085"),
        ("tt\\u2028", "tt\\u2028"),
        ("tt\\x1b[31m", "tt\\u001b[31m"),
    ],
)
def test_a_code_with_a_line_break_is_not_a_code_and_is_shown_escaped(
    sample_copy: Path, code: str, shown: str
) -> None:
    project = sample_copy / "projects/5g/5G-2026-001.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("\nowner: tt\n", f'\nowner: "{code}"\n', 1), encoding="utf-8")
    result = runner.invoke(app, ["--data", str(sample_copy), "validate"])
    assert result.exit_code == 1, result.output
    line = next(line for line in result.stdout.splitlines() if "[value.code]" in line)
    assert shown in line


def test_a_file_name_that_is_not_utf8_is_a_name_error_in_every_format(sample_copy: Path) -> None:
    # a name git stores as bytes; Python reads it with an unpaired surrogate (\udcff)
    (Path(os.fsdecode(os.fsencode(sample_copy / "events") + b"/2026-11\xff.yaml"))).write_bytes(
        b"[]\n"
    )
    for options in (LoadOptions(), LoadOptions(use_cache=False)):  # the cache keys names too
        repo = validate_repository(sample_copy, options)
        assert [p.code for p in repo.log.errors] == ["file.name"]
        assert "\\udcff" in as_text(repo.log, repo.census())
        shown = as_json(repo.log).encode("utf-8")  # strict, as a UTF-8 terminal or pipe
        assert json.loads(shown)["errors"][0]["file"] == "data/events/2026-11\udcff.yaml"
    # a document command keys its memo on every file, before the data is checked
    assert document_inputs(scan_data(sample_copy))


# Prefix matches on purpose: each reads the start of a text (or, in the map's tokenizer, the
# text at a position) and never decides alone that a whole value is valid. yamldoc's resolvers are PyYAML's own implicit-tag patterns, matched as
# PyYAML matches them (on plain scalars, which never end with a line break).
PREFIX_MATCHES = {
    "load/records.py:_YEAR",
    "load/yamldoc.py:regexp",
    "render/docx.py:_ITEM_NUMBER",
    "render/bulletin.py:_FRONT_MATTER",
    "load/svgmap.py:_URL",
    "load/svgmap.py:_TAG_NAME",
    "load/svgmap.py:_TAG_ATTRIBUTE",
    "forms/office.py:_TOP_KEY",  # the top-level key a line of events/M.yaml starts with
}


def test_patterns_over_user_input_match_the_whole_value() -> None:
    """``re.match`` with ``$`` accepts ``"2026-10\\n"``: a value is checked with fullmatch."""
    source = Path(__file__).resolve().parents[2] / "src" / "xjj_cli"
    found = set()
    for path in source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr != "match":
                continue
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else ast.unparse(owner)
            found.add(f"{path.relative_to(source).as_posix()}:{name}")
    assert found == PREFIX_MATCHES
