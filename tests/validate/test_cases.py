"""`xjj validate` on one fixture folder per scenario (tests/fixtures/repos/<case>/).

Each case's ``expect.yaml`` lists every error and warning the case must produce, as
``{file, line, code}`` plus optionally ``column`` and ``message_contains`` (text the
message must include, such as a "did you mean" code). The (file, line, code) sets must
match exactly, so a case also proves that nothing else is reported. Adding a case means
adding a folder; see ``conftest.py`` for how a folder is laid over the base repository.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from xjj_cli.cli import app
from xjj_cli.diagnostics import Problem
from xjj_cli.validate import validate_repository

CASES = Path(__file__).parents[1] / "fixtures" / "repos"
CASE_NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
CASE_FILES = {"data", "expect.yaml", "delete.txt", "transform.yaml"}
EXPECT_KEYS = {"file", "line", "code", "column", "message_contains"}

Triple = tuple[str, int, str]


def load_expect(name: str) -> dict[str, Any]:
    """The case's ``expect.yaml``, with absent sections as empty lists."""
    expect = yaml.safe_load((CASES / name / "expect.yaml").read_text(encoding="utf-8")) or {}
    expect.setdefault("errors", [])
    expect.setdefault("warnings", [])
    return expect


def triples(items: Iterable[Problem]) -> Counter[Triple]:
    return Counter((p.location.file, p.location.line, p.code) for p in items)


def expected_triples(items: list[dict[str, Any]]) -> Counter[Triple]:
    return Counter((e["file"], e["line"], e["code"]) for e in items)


def listing(items: Iterable[Problem]) -> str:
    return "\n".join(
        f"  {p.location.file}:{p.location.line}:{p.location.column} {p.code} {p.message}"
        for p in items
    )


def check_details(expected: list[dict[str, Any]], found: list[Problem]) -> None:
    """Columns and message fragments of the expected problems, where the case gives them."""
    for item in expected:
        same = [
            p
            for p in found
            if (p.location.file, p.location.line, p.code)
            == (item["file"], item["line"], item["code"])
        ]
        if "column" in item:
            columns = [p.location.column for p in same]
            assert item["column"] in columns, f"{item}: columns found {columns}"
        fragments = item.get("message_contains", [])
        fragments = [str(f) for f in ([fragments] if isinstance(fragments, str) else fragments)]
        assert any(all(f in p.message for f in fragments) for p in same), (
            f"{item}: no message contains {fragments}:\n{listing(same)}"
        )


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_folder_is_well_formed(name: str) -> None:
    case = CASES / name
    assert {p.name for p in case.iterdir()} <= CASE_FILES
    assert (case / "expect.yaml").is_file()
    expect = load_expect(name)
    assert set(expect) <= {"errors", "warnings", "towns"}
    for item in expect["errors"] + expect["warnings"]:
        assert {"file", "line", "code"} <= set(item) <= EXPECT_KEYS, item


def test_there_are_enough_cases() -> None:
    assert len(CASE_NAMES) >= 30


def test_base_repository_is_valid(base_data: Path) -> None:
    repo = validate_repository(base_data)
    assert repo.log.problems == [], listing(repo.log.problems)
    assert len(repo.towns) == 3
    assert len(repo.projects) == 3
    assert repo.months == ["2026-09", "2026-10"]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case(name: str, case_data: Callable[[str], Path]) -> None:
    expect = load_expect(name)
    repo = validate_repository(case_data(name))
    errors, warnings = repo.log.errors, repo.log.warnings
    assert triples(errors) == expected_triples(expect["errors"]), "errors:\n" + listing(errors)
    assert triples(warnings) == expected_triples(expect["warnings"]), "warnings:\n" + listing(
        warnings
    )
    check_details(expect["errors"], errors)
    check_details(expect["warnings"], warnings)
    for code, name_ in expect.get("towns", {}).items():
        assert repo.towns[code].name == name_


@pytest.mark.parametrize("name", CASE_NAMES)
def test_case_cli_json(name: str, case_data: Callable[[str], Path]) -> None:
    expect = load_expect(name)
    data = case_data(name)
    result = CliRunner().invoke(app, ["--data", str(data), "validate", "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == (1 if expect["errors"] else 0), result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"ok", "errors", "warnings", "acknowledged"}
    assert payload["ok"] is not bool(expect["errors"])
    for item in payload["errors"]:
        assert set(item) == {"file", "line", "column", "code", "message"}
    # the JSON says what the case expects: the same (file, line, code) set, nothing more …
    for kind in ("errors", "warnings"):
        found = Counter((i["file"], i["line"], i["code"]) for i in payload[kind])
        assert found == expected_triples(expect[kind]), kind
    for item in payload["warnings"]:
        assert set(item) == {"file", "line", "column", "code", "message", "id"}
    # … and exactly what the Python API finds, in the same order, columns and messages included
    repo = validate_repository(data)
    assert payload["errors"] == [p.as_dict() for p in repo.log.errors]
    log = repo.log
    assert payload["warnings"] == [p.as_dict(log.warning_id(p)) for p in log.warnings]
    assert payload["acknowledged"] == len(log.acknowledged)
