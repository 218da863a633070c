"""Escalation (SPEC §3.3): a unit's action for the month is the strongest of its breaches;
every breach is listed as its reason.

The rules themselves — each a small pure function returning its breaches, with its evidence
type — are ``engine/rules/<rule_id>.py``; ``wording/`` says their evidence in words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from xjj_cli.engine.results import AnyRuleId, Breach, RuleId, UnitFinding

RULE_ORDER: tuple[AnyRuleId, ...] = tuple(RuleId)
"""The order of a unit's reasons of equal action (that of ``engine.rules.RULES``)."""


def combine(
    breaches: Iterable[Breach],
    describe: Callable[[str], tuple[str, str]],
    order: Sequence[AnyRuleId] = RULE_ORDER,
) -> list[UnitFinding]:
    """One finding per unit: its strongest action and all its reasons, strongest first
    (reasons of equal action in the ``order`` of their rules, then by their evidence's
    ``tiebreak``); units ordered by action (strongest first), then by code."""
    by_unit: dict[str, list[Breach]] = defaultdict(list)
    for breach in breaches:
        by_unit[breach.unit].append(breach)
    place = {rule: i for i, rule in enumerate(order)}
    findings = []
    for unit, reasons in by_unit.items():
        reasons.sort(key=lambda b: (-b.action, place[b.rule], b.evidence.tiebreak()))
        name, kind = describe(unit)
        findings.append(UnitFinding(unit, name, kind, reasons[0].action, tuple(reasons)))
    findings.sort(key=lambda f: (-f.action, f.unit))
    return findings
