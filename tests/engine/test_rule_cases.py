"""Each rule of SPEC §3.3 on a scenario folder of its own (tests/fixtures/rules/<case>/): the
base repository with the case's files laid over it, and every breach and early warning the
rule gives at the case's month (see ``rule_cases.py``). Adding a rule means adding a folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rule_cases import RULE_CASES, load_expect, run_rule_case
from xjj_cli.engine.results import RuleId

CASE_NAMES = sorted(p.name for p in RULE_CASES.iterdir() if p.is_dir())


@pytest.mark.parametrize("name", CASE_NAMES)
def test_rule_case(name: str, tmp_path: Path) -> None:
    run_rule_case(RULE_CASES / name, tmp_path / "repo")


def test_every_rule_has_a_scenario() -> None:
    covered = {load_expect(RULE_CASES / name)["rule"] for name in CASE_NAMES}
    assert covered == set(RuleId)
