"""One command, one module (src/xjj_cli/commands/): the table ``xjj --help`` lists, each
command's module imported only when it runs, ``--month`` parsed before any file is read,
and exit codes decided only by ``cli.exit_code`` or a report."""

from __future__ import annotations

import ast
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from xjj_cli import months
from xjj_cli.cli import app
from xjj_cli.commands import COMMANDS

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "xjj_cli"
SHARED = {"__init__", "common", "core"}
"""The modules of ``commands/`` that are no command."""
MONTHLY = ["rank", "colors", "accountability", "warnings", "bulletin", "notices", "board"]
"""The commands whose ``--month`` is a reportable month (or a draft's)."""
WITH_MONTH = [*MONTHLY, "forms", "status", "problems"]
"""Every command with a ``--month``."""
runner = CliRunner()


def test_every_command_module_is_in_the_table_and_its_summary_is_its_docstrings() -> None:
    modules = {p.stem for p in (PACKAGE / "commands").glob("*.py")} - SHARED
    assert {entry.module for entry in COMMANDS.values()} == modules
    for name, entry in COMMANDS.items():
        function = entry.load()
        assert function.__name__ == entry.module, name
        doc = inspect.getdoc(function) or ""
        assert doc.split("\n\n")[0] == entry.summary, name


def _command_rows(help_text: str) -> dict[str, list[str]]:
    """The lines of each command in the 命令 section of ``xjj --help``, by name."""
    section = help_text.split("命令:\n", 1)[1]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        if not line.strip():
            continue
        if line.startswith("  ") and not line.startswith("   "):
            name, _, rest = line.strip().partition(" ")
            rows[name] = [rest.strip()]
        else:
            rows[list(rows)[-1]].append(line.strip())
    return rows


def test_xjj_help_lists_every_command_with_its_whole_summary() -> None:
    """Issue 26: click shortened a summary at a space, and a Chinese summary has none, so
    warnings, status and history showed a bare "...". Each command's line is its summary."""
    result = runner.invoke(app, ["--help"], terminal_width=400, max_content_width=400)
    assert result.exit_code == 0, result.output
    assert "..." not in result.stdout.split("命令:")[1]
    rows = _command_rows(result.stdout)
    assert rows == {name: [entry.summary] for name, entry in COMMANDS.items()}


def test_xjj_help_wraps_summaries_within_the_terminal_and_drops_nothing() -> None:
    from xjj_cli.chinese import CLOSING_PUNCTUATION, display_width

    result = runner.invoke(app, ["--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "..." not in result.stdout.split("命令:")[1]
    commands = result.stdout.split("命令:")[1]
    assert all(display_width(line) <= 80 for line in commands.splitlines())
    rows = _command_rows(result.stdout)
    assert list(rows) == list(COMMANDS)
    for name, lines in rows.items():
        assert len(lines) > 1, name  # every summary is longer than a line of 80 cells
        assert "".join(lines).replace(" ", "") == COMMANDS[name].summary.replace(" ", ""), name
        assert not any(line[0] in CLOSING_PUNCTUATION for line in lines), name


def test_the_table_lists_the_commands_of_the_spec_in_its_order() -> None:
    assert list(COMMANDS) == [
        "validate",
        "rank",
        "colors",
        "accountability",
        "bulletin",
        "notices",
        "warnings",
        "board",
        "forms",
        "import",
        "status",
        "problems",
        "history",
        "push",
        "init",
    ]
    assert [n for n, e in COMMANDS.items() if not e.reads_data] == ["init"]


def _imported_by(runs: list[list[str]], modules: list[str]) -> list[str]:
    """Which of ``modules`` a fresh Python has imported after ``xjj`` ran with each of
    ``runs`` (typer's test runner), every run exiting 0."""
    probe = (
        "import json, sys\n"
        "from typer.testing import CliRunner\n"
        "from xjj_cli.cli import app\n"
        f"codes = [CliRunner().invoke(app, args).exit_code for args in {runs!r}]\n"
        "assert codes == [0] * len(codes), codes\n"
        f"print(json.dumps([m for m in {modules!r} if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    imported: list[str] = json.loads(done.stdout.splitlines()[-1])
    return imported


def test_xjj_help_imports_no_command() -> None:
    commands = [f"xjj_cli.commands.{entry.module}" for entry in COMMANDS.values()]
    shared = ["xjj_cli.commands.core", "xjj_cli.memo", "xjj_cli.messages", "xjj_cli.months"]
    assert _imported_by([["--help"]], [*commands, *shared]) == []


def test_a_command_s_help_imports_its_module_and_no_stage_of_the_pipeline() -> None:
    heavy = [
        "pandas",
        "yaml",
        "jinja2",
        "openpyxl",
        "xjj_cli.model",
        "xjj_cli.engine.evaluate",
        "xjj_cli.pipeline",
        "xjj_cli.commands.core",
    ]
    runs = [[name, "--help"] for name in COMMANDS]
    commands = [f"xjj_cli.commands.{entry.module}" for entry in COMMANDS.values()]
    assert _imported_by(runs, [*heavy, *commands]) == commands


@pytest.mark.parametrize("command", WITH_MONTH)
def test_a_malformed_month_is_refused_before_the_data_folder_is_read(
    tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "nowhere"  # not even a folder: reading it would fail first
    result = runner.invoke(app, ["--data", str(missing), command, "--month", "2026-13"])
    assert result.exit_code == 2, result.output
    assert result.stderr == "错误：月份“2026-13”格式不对；请写成 YYYY-MM，如 2026-10\n"


@pytest.mark.parametrize("command", WITH_MONTH)
def test_a_malformed_month_loads_nothing(
    monkeypatch: pytest.MonkeyPatch, command: str, tmp_path: Path
) -> None:
    def no_listing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the data folder was read")

    # every walk of the data folder (the memo's, validate's, the loader's) lists it this way
    monkeypatch.setattr("xjj_cli.load.files.os.scandir", no_listing)
    args = ["--data", str(SAMPLE), command, "--month", "2026-10\n"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr == "错误：月份“2026-10\\n”格式不对；请写成 YYYY-MM，如 2026-10\n"


def test_the_month_of_the_command_line_is_the_month_of_the_records() -> None:
    from xjj_cli.model import MONTH_PATTERN

    assert months.MONTH.pattern == MONTH_PATTERN
    assert months.parse_month("2026-10") == "2026-10"


def test_no_command_decides_an_exit_code_of_its_own() -> None:
    """As ``cli.py`` (tests/cli/test_exit_codes.py): every ``sys.exit``/``typer.Exit`` of a
    command takes its code from a report or the mapping, never a literal."""
    for path in sorted((PACKAGE / "commands").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr in ("exit", "Exit"):
                assert not any(isinstance(a, ast.Constant) for a in node.args), path.name
