"""The rules' registry and the tables beside it agree (issue 23, one rule one module): every
rule of SPEC §3.3 is a module of ``engine/rules/`` registered in ``RULES`` in the order of
``RuleId``, every evidence type has its words (``wording.rules.WORDING``) and every rule its
catalogue entry; the engine and the wording never import a stage above them; ``make mutate``
mutates the rules' modules."""

from __future__ import annotations

import ast
import fnmatch
import importlib
import tomllib
import typing
from pathlib import Path

import pytest

import xjj_cli
from conftest import ROOT
from xjj_cli.engine.results import Evidence, RuleId, WarningEvidence
from xjj_cli.engine.rules import RULES
from xjj_cli.messages import rules as messages
from xjj_cli.messages.rules import RULE_TEXTS
from xjj_cli.wording.rules import WARNING_WORDING, WORDING

PACKAGE = Path(xjj_cli.__file__).parent
RULE_MODULES = sorted(
    p.stem
    for p in (PACKAGE / "engine" / "rules").glob("*.py")
    if p.stem not in {"__init__", "base"}
)
ABOVE_THE_WORDING = ("render", "bulletin", "notices", "board", "forms", "commands")
ABOVE_THE_WORDING_MODULES = ("api", "cli", "pipeline", "memo")


def _subclasses(cls: type) -> set[type]:
    found: set[type] = set()
    subclasses: list[type] = cls.__subclasses__()
    for sub in subclasses:
        found |= {sub, *_subclasses(sub)}
    return found


def test_one_module_per_rule_registered_in_the_order_of_rule_id() -> None:
    assert sorted(RuleId) == RULE_MODULES
    assert tuple(rule.id for rule in RULES) == tuple(RuleId)
    for name in RULE_MODULES:
        module = importlib.import_module(f"xjj_cli.engine.rules.{name}")
        assert name == module.ID
        assert module.RULE in RULES
        assert (module.__doc__ or "").startswith(f"``{name}`` (SPEC §3.3): "), name


def test_every_evidence_type_has_its_words_and_every_rule_its_catalogue_entry() -> None:
    evidence = {cls for cls in _subclasses(Evidence) if cls.__module__.startswith("xjj_cli.")}
    assert set(WORDING) == evidence
    assert set(WARNING_WORDING) == set(typing.get_args(WarningEvidence))
    assert set(RULE_TEXTS) == set(RuleId)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


@pytest.mark.parametrize("stage", ["engine", "wording"])
def test_the_engine_and_the_wording_import_nothing_above_them(stage: str) -> None:
    above = [f"xjj_cli.{p}" for p in (*ABOVE_THE_WORDING, *ABOVE_THE_WORDING_MODULES)]
    if stage == "engine":
        above.append("xjj_cli.wording")
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        climbs = sorted(
            name
            for name in _imports(path)
            if any(name == a or name.startswith(f"{a}.") for a in above)
        )
        assert not climbs, f"{path.relative_to(PACKAGE)} imports {climbs}"


def test_make_mutate_mutates_every_module_of_the_engine() -> None:
    """mutmut matches ``only_mutate`` with fnmatch on paths relative to the project
    (``*`` spans folders), so ``engine/rules/<rule_id>.py`` is mutated like the rest."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["mutmut"]["only_mutate"]
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        assert any(fnmatch.fnmatch(relative, p) for p in patterns), relative


def test_the_catalogue_refuses_a_rules_key_given_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("RULE_WORDS", "FINDINGS", "EVIDENCE", "SUMMARY", "PHRASES"):
        monkeypatch.setattr(messages, name, dict(getattr(messages, name)))
    before = dict(messages.FINDINGS)
    clash = messages.RuleTexts(
        rule="x", findings={"new_key": "x"}, evidence={}, summary={}, phrases={"span": "x"}
    )
    with pytest.raises(ValueError, match="span"):
        messages.add_rule_texts("new_rule", clash)
    assert before == messages.FINDINGS
    assert "new_rule" not in messages.RULE_WORDS


def test_make_mutates_test_selection_names_tests_that_exist() -> None:
    """Every entry of ``pytest_add_cli_args_test_selection`` is a test file, or a test function
    of one, that exists: a file moved or a test renamed would otherwise silently leave
    mutants without a test (issue 23: 613 "no tests" after such moves)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for entry in config["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]:
        file, _, name = entry.partition("::")
        path = ROOT / file
        assert path.is_file(), entry
        if name:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            tests = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            assert name in tests, entry
