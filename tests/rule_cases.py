"""Rule scenarios: one folder per scenario of a rule, laid over the base repository.

A scenario of ``tests/fixtures/rules/<case>/`` (or a rule's own folder, like the example
rule's ``tests/example_rule/scenario/``) is the base repository of ``tests/fixtures/base``
with the case's files laid over it, as for the validation scenarios (``conftest.py``). Its
``expect.yaml`` names the month and the rule, and lists every breach and every early warning
that rule gives at that month, and nothing else::

    month: 2026-10
    rule: city_task
    breaches:                                   # {unit, action} each, optional detail
      - {unit: qzj, action: interview}
    warnings:                                   # {unit, warning} each, optional detail
      - {unit: qzj, warning: task_due}

``detail`` is the exact sentence the accountability list (or ``xjj warnings``) gives. The
repository must be valid and the month reportable. The rule is run through the registry the
evaluation runs (``registered``), alone and as part of the month's breaches.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from conftest import build_repository
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.rules import RULES
from xjj_cli.engine.rules.base import Rule
from xjj_cli.pipeline import evaluate
from xjj_cli.wording.findings import detail
from xjj_cli.wording.warnings import warning_text

RULE_CASES = Path(__file__).parent / "fixtures" / "rules"
CASE_FILES = {"data", "expect.yaml", "delete.txt"}
EXPECT_KEYS = {"month", "rule", "breaches", "warnings"}


def load_expect(case: Path) -> dict[str, Any]:
    """The case's ``expect.yaml``, checked for its keys."""
    expect: dict[str, Any] = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    assert set(expect) == EXPECT_KEYS, f"{case.name}: expect.yaml needs exactly {EXPECT_KEYS}"
    return expect


def run_rule_case(case: Path, root: Path, registered: tuple[Rule, ...] = RULES) -> None:
    """Build the case's repository under ``root``, evaluate its month with ``registered``
    and check that its rule gives exactly the breaches and warnings ``expect.yaml`` lists."""
    assert {p.name for p in case.iterdir()} <= CASE_FILES, f"{case.name}: unexpected files"
    expect = load_expect(case)
    data = build_repository(case, root)
    loaded = evaluate(data, str(expect["month"]))
    ev = MonthEvaluation(loaded.data, loaded.month, registered=registered)
    [rule] = [r for r in registered if r.id == expect["rule"]]

    breaches = rule.breaches(ev)
    found = Counter((b.unit, b.action.key) for b in breaches)
    wanted = Counter((e["unit"], e["action"]) for e in expect["breaches"])
    assert found == wanted, f"{case.name}: breaches {sorted(found)} != {sorted(wanted)}"
    assert [b for b in ev.breaches if b.rule == rule.id] == breaches
    said = {(b.unit, b.action.key): detail(b) for b in breaches}
    for e in expect["breaches"]:
        if "detail" in e:
            assert said[(e["unit"], e["action"])] == e["detail"], case.name

    warnings = rule.warnings(ev)
    found = Counter((w.unit, w.warning.value) for w in warnings)
    wanted = Counter((e["unit"], e["warning"]) for e in expect["warnings"])
    assert found == wanted, f"{case.name}: warnings {sorted(found)} != {sorted(wanted)}"
    assert set(warnings) <= set(ev.warnings)
    told = {(w.unit, w.warning.value): warning_text(w, ev.data) for w in warnings}
    for e in expect["warnings"]:
        if "detail" in e:
            assert told[(e["unit"], e["warning"])] == e["detail"], case.name
