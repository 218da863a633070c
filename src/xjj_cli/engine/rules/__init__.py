"""The escalation rules of SPEC §3.3, one module each, and the registry the engine runs.

Each ``<rule_id>.py`` holds the rule in the SPEC's words (its docstring), its evidence type,
its breach function (a plain function over the rule's inputs and parameters), its early
warning where SPEC §3.6 gives one, and ends with its ``RULE``: the registry's entry that
takes the rule's arguments from the month's facts. ``evaluate.MonthEvaluation`` runs every
entry of ``RULES``; ``base.py`` holds what rules share. docs/adding-a-rule.md tells how to
add one.
"""

from __future__ import annotations

from xjj_cli.engine.rules import (
    below_district,
    bottom_n,
    city_card,
    city_task,
    noncooperation,
    problem_overdue,
    project_red,
    project_yellow,
    town_red,
)
from xjj_cli.engine.rules.base import Rule

RULES: tuple[Rule, ...] = (
    city_card.RULE,
    city_task.RULE,
    problem_overdue.RULE,
    noncooperation.RULE,
    project_red.RULE,
    bottom_n.RULE,
    below_district.RULE,
    project_yellow.RULE,
    town_red.RULE,
)
"""Every rule the engine runs, in the order a unit's reasons of equal action are listed
(``RuleId``'s order)."""
