"""Unique ids: every duplicate is found and said by ``load.identity`` (one place)."""

from __future__ import annotations

import ast
from pathlib import Path

import xjj_cli
from xjj_cli.diagnostics import Location, ProblemLog
from xjj_cli.load.identity import Ids

PACKAGE = Path(xjj_cli.__file__).parent


def test_only_load_identity_says_id_duplicate() -> None:
    sayers = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Constant) and n.value == "id.duplicate" for n in ast.walk(tree)):
            sayers.add(path.relative_to(PACKAGE).as_posix())
    assert sayers == {"load/identity.py", "messages/validation.py"}


def test_a_repeated_row_names_the_first_line() -> None:
    log, ids = ProblemLog(), Ids("town_code")
    assert ids.claim("jy", Location("data/towns/towns.csv", 2, 1), log)
    assert not ids.claim("jy", Location("data/towns/towns.csv", 5, 1), log)
    [problem] = log.problems
    assert (problem.location.line, problem.code) == (5, "id.duplicate")
    assert problem.message == "镇街编码“jy”重复：已在 data/towns/towns.csv 第 2 行 定义"


def test_a_repeated_file_record_names_the_first_file() -> None:
    log, ids = ProblemLog(), Ids("project_id", whole_files=True)
    assert ids.claim("P1", Location("data/projects/5g/P1.yaml", 1, 5), log)
    assert not ids.claim("P1", Location("data/projects/ai/P1.yaml", 1, 5), log)
    assert log.problems[0].message == "项目编号“P1”重复：已在 data/projects/5g/P1.yaml 定义"
