"""``project_yellow`` (SPEC §3.3): a project is yellow at M — its owner: 通报.

Yellow (SPEC §3.2): lag ≥ yellow_lag, or a milestone overdue (due before M's end, not done
by then), or not reported — and not red. Projects that have not started by M's end are not
coloured.

Early warning (SPEC §3.6, ``milestone_due``): a milestone not done at M's end, due within
``warn_days`` after M's end (M's end ≤ due ≤ M's end + warn_days). It belongs here because a
milestone that passes its due date undone first makes its project yellow (SPEC §3.2); it
makes it red only once overdue more than red_overdue_days.

``ProjectEvidence`` — a project's colour facts — is also the first part of ``project_red``'s
evidence (``project_red.RedProjectEvidence``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Final

from xjj_cli.engine.results import (
    WORDS_ONLY,
    Action,
    Breach,
    ColorReason,
    EarlyWarning,
    Evidence,
    MilestoneDueEvidence,
    OverdueMilestone,
    ProjectStatus,
    RuleId,
    WarningId,
)
from xjj_cli.engine.rules.base import MonthFacts, Rule, days_left
from xjj_cli.model import Project, Rules
from xjj_cli.months import month_end

ID: Final = RuleId.project_yellow
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class ProjectEvidence(Evidence):
    """``project_yellow`` (and the first part of ``project_red``): a project's colour facts."""

    project: str
    planned: Fraction
    actual: Fraction
    lag: Fraction
    reported: bool
    overdue_milestones: tuple[OverdueMilestone, ...]
    end_passed: bool
    why: tuple[ColorReason, ...]
    name: str = field(metadata=WORDS_ONLY)
    month: str = field(metadata=WORDS_ONLY)

    def tiebreak(self) -> tuple[str, ...]:
        """By project."""
        return (self.project,)


def colour_facts(status: ProjectStatus, month: str) -> dict[str, Any]:
    """A coloured project's status as the fields of ``ProjectEvidence``."""
    assert status.planned is not None and status.actual is not None and status.lag is not None
    return {
        "project": status.id,
        "planned": status.planned,
        "actual": status.actual,
        "lag": status.lag,
        "reported": status.reported,
        "overdue_milestones": status.overdue_milestones,
        "end_passed": status.end_passed,
        "why": status.reasons,
        "name": status.name,
        "month": month,
    }


def breaches(statuses: Sequence[ProjectStatus], month: str) -> list[Breach]:
    """Yellow projects: the owner notified."""
    return [
        Breach(status.owner, ID, Action.notify, ProjectEvidence(**colour_facts(status, month)))
        for status in statuses
        if status.color == "yellow"
    ]


def warnings(projects: Iterable[Project], month: str, rules: Rules) -> list[EarlyWarning]:
    """Milestones not done at the month's end and due within ``warn_days`` after it: the
    project's owner is warned."""
    day = month_end(month)
    found = []
    for project in projects:
        for milestone in project.milestones:
            left = days_left(milestone.due, month, rules.warn_days)
            if left is None or (milestone.done is not None and milestone.done <= day):
                continue
            evidence = MilestoneDueEvidence(
                project.id, milestone.name, milestone.due, left, project.name
            )
            found.append(
                EarlyWarning(WarningId.MILESTONE_DUE, project.owner, milestone.due, evidence)
            )
    return found


def _breaches(facts: MonthFacts) -> list[Breach]:
    return breaches(facts.statuses, facts.month)


def _warnings(facts: MonthFacts) -> list[EarlyWarning]:
    return warnings(facts.data.projects, facts.month, facts.data.rules)


RULE = Rule(ID, _breaches, _warnings)
