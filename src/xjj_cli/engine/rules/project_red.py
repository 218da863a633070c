"""``project_red`` (SPEC §3.3): a project is red at M, and has been for s consecutive months
— its owner: 约谈; s ≥ red_accountability_streak → 问责.

Red (SPEC §3.2): lag ≥ red_lag, or a milestone overdue more than red_overdue_days at M's
end, or ``end`` is before M's end and percent < 100. "Consecutive months" are the months M,
M−1, … for which the project has data; a month without data ends the streak.

Early warning (SPEC §3.6, ``streak_near``): a red streak of s months at M warns when s + 1
equals red_accountability_streak (a red project's owner is interviewed from its first red
month).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from xjj_cli.engine.results import (
    Action,
    Breach,
    EarlyWarning,
    ProjectStatus,
    RedStreak,
    RuleId,
    StreakNearEvidence,
    WarningId,
)
from xjj_cli.engine.rules.base import MonthFacts, Rule, next_action
from xjj_cli.engine.rules.project_yellow import ProjectEvidence, colour_facts
from xjj_cli.model import Rules
from xjj_cli.months import add_months, month_end

ID: Final = RuleId.project_red
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class RedProjectEvidence(ProjectEvidence):
    """``project_red``: a red project's facts and its red streak (see ``RedStreak``)."""

    streak: int = 0
    streak_since: str | None = None
    unreported_month: str | None = None
    red_before: str | None = None


def breaches(
    statuses: Sequence[ProjectStatus],
    red_streak: Callable[[str], RedStreak],
    month: str,
    rules: Rules,
) -> list[Breach]:
    """Red projects: the owner interviewed; held accountable when red
    ``red_accountability_streak`` months running. ``red_streak`` gives a project's red
    streak."""
    found = []
    for status in statuses:
        if status.color != "red":
            continue
        run = red_streak(status.id)
        action = (
            Action.accountability
            if run.months >= rules.red_accountability_streak
            else Action.interview
        )
        evidence = RedProjectEvidence(
            **colour_facts(status, month),
            streak=run.months,
            streak_since=run.since,
            unreported_month=run.unreported,
            red_before=run.red_before,
        )
        found.append(Breach(status.owner, ID, action, evidence))
    return found


def warnings(
    statuses: Iterable[ProjectStatus],
    red_run: Callable[[str], RedStreak],
    month: str,
    rules: Rules,
) -> list[EarlyWarning]:
    """Owners of red projects whose red streak reaches 问责 if it holds next month (a red
    project's owner is interviewed from its first red month)."""
    by = month_end(add_months(month, 1))
    found = []
    for status in statuses:
        if status.color != "red":
            continue
        run = red_run(status.id)
        action = next_action(run.months, 1, rules.red_accountability_streak)
        if action is None or run.since is None:
            continue
        evidence = StreakNearEvidence(
            rule=ID,
            metric=None,
            project=status.id,
            months=_months_from(run.since, month),
            streak=run.months,
            threshold=run.months + 1,
            action=action,
            name=status.name,
        )
        found.append(EarlyWarning(WarningId.STREAK_NEAR, status.owner, by, evidence))
    return found


def _months_from(first: str, last: str) -> tuple[str, ...]:
    months = [first]
    while months[-1] < last:
        months.append(add_months(months[-1], 1))
    return tuple(months)


def _breaches(facts: MonthFacts) -> list[Breach]:
    return breaches(facts.statuses, facts.red_run, facts.month, facts.data.rules)


def _warnings(facts: MonthFacts) -> list[EarlyWarning]:
    return warnings(facts.statuses, facts.red_run, facts.month, facts.data.rules)


RULE = Rule(ID, _breaches, _warnings)
