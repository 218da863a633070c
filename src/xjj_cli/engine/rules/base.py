"""What the rules share: the registry's entry (``Rule``), the month's facts a rule reads
(``MonthFacts``), the streak thresholds, the one town streak and the streak warning.

A rule module (``engine/rules/<rule_id>.py``) keeps its breach function, its early warning
and its evidence type; what two or more rules do alike is here, so that a warning and a
breach can never disagree about a streak or a threshold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from xjj_cli.engine.results import (
    Action,
    AnyRuleId,
    Breach,
    EarlyWarning,
    Evidence,
    MetricRanking,
    ProjectStatus,
    RedStreak,
    RuleId,
    StreakNearEvidence,
    TownRow,
    WarningId,
)
from xjj_cli.engine.streaks import run_of_months
from xjj_cli.model import Rules
from xjj_cli.months import add_months, month_end

if TYPE_CHECKING:
    from xjj_cli.engine.dataset import Dataset


class MonthFacts(Protocol):
    """What a rule reads of the month it is evaluated for (``evaluate.MonthEvaluation``):
    the data up to the month and what the engine has computed of it."""

    @property
    def month(self) -> str:
        """The month evaluated, YYYY-MM."""

    @property
    def data(self) -> Dataset:
        """The repository's records and the rule parameters."""

    @property
    def histories(self) -> dict[str, dict[str, MetricRanking]]:
        """Each ranked metric's rankings of the months up to this one that have its data."""

    @property
    def statuses(self) -> list[ProjectStatus]:
        """Every project's colour at the month's end."""

    def red_run(self, project_id: str) -> RedStreak:
        """The project's red streak ending at the month."""


def no_warnings(facts: MonthFacts) -> list[EarlyWarning]:
    """A rule without an early warning (SPEC §3.6 names none for it)."""
    return []


@dataclass(frozen=True)
class Rule:
    """A rule as the engine runs it: its id, its breaches of a month and its early warnings,
    each read from the month's facts. Each rule module ends with its ``RULE``; the
    registry (``engine.rules.RULES``) lists them."""

    id: AnyRuleId
    breaches: Callable[[MonthFacts], list[Breach]]
    """The month's breaches of the rule: the rule's own function with its arguments taken
    from the month's facts."""
    warnings: Callable[[MonthFacts], list[EarlyWarning]] = field(default=no_warnings)
    """The month's early warnings one step before the rule's action (SPEC §3.6)."""


# --- streaks (SPEC §3.3 "consecutive months") ---------------------------------------------


def streak_action(streak: int, interview: int, accountability: int) -> Action | None:
    """Interview from ``interview`` consecutive months, accountability from
    ``accountability``; else nothing."""
    if streak >= accountability:
        return Action.accountability
    if streak >= interview:
        return Action.interview
    return None


def next_action(streak: int, interview: int, accountability: int) -> Action | None:
    """The action a streak of ``streak`` months would reach with one more month, when that
    is more than it reaches now (``streak_action``'s thresholds); None otherwise. Only a
    streak that exists (one month or more) can be near."""
    if streak < 1:
        return None
    now = streak_action(streak, interview, accountability)
    then = streak_action(streak + 1, interview, accountability)
    return then if then is not None and then != now else None


TownStreakRule = Literal[RuleId.bottom_n, RuleId.below_district]
"""The two rules that count a town's months on one metric."""

StreakEvidence = Callable[[Mapping[str, MetricRanking], tuple[str, ...], str, Rules], Evidence]
"""A town streak rule's evidence of a breach: from the metric's rankings, the streak's months
(oldest first), the town and the parameters."""


@dataclass(frozen=True)
class TownStreak:
    """A rule that counts a town's consecutive months on one metric (``bottom_n``,
    ``below_district``): what tells the two apart — the id, which ranking rows count and the
    evidence — and what they do alike: the streak, the breaches, the warning one month short."""

    rule: TownStreakRule
    flagged: Callable[[TownRow], bool]
    """Whether a town's row of a month's ranking counts towards the streak."""
    evidence: StreakEvidence

    def streak(
        self, history: Mapping[str, MetricRanking], month: str, town: str
    ) -> tuple[str, ...]:
        """The consecutive months ending at ``month`` in which ``town``'s row was flagged,
        oldest first; a month missing from ``history`` ends the streak."""

        def holds(m: str) -> bool:
            ranking = history.get(m)
            ranked = ranking.row(town) if ranking is not None else None
            return ranked is not None and self.flagged(ranked)

        return run_of_months(month, holds)

    def breaches(
        self, history: Mapping[str, MetricRanking], month: str, rules: Rules
    ) -> list[Breach]:
        """Towns flagged for enough consecutive months ending at ``month`` (``history``: the
        metric's rankings of the months with data): from ``interview_streak`` months 约谈,
        from ``accountability_streak`` 问责."""
        current = history.get(month)
        if current is None:
            return []
        found = []
        for row in current.rows:
            run = self.streak(history, month, row.town)
            action = streak_action(len(run), rules.interview_streak, rules.accountability_streak)
            if action is not None:
                evidence = self.evidence(history, run, row.town, rules)
                found.append(Breach(row.town, self.rule, action, evidence))
        return found

    def warnings(
        self, history: Mapping[str, MetricRanking], month: str, rules: Rules
    ) -> list[EarlyWarning]:
        """Towns whose streak on one metric reaches 约谈 or 问责 if it holds next month."""
        current = history.get(month)
        if current is None:
            return []
        by = month_end(add_months(month, 1))
        warnings = []
        for row in current.rows:
            run = self.streak(history, month, row.town)
            action = next_action(len(run), rules.interview_streak, rules.accountability_streak)
            if action is None:
                continue
            evidence = StreakNearEvidence(
                rule=self.rule,
                metric=current.metric,
                project=None,
                months=run,
                streak=len(run),
                threshold=len(run) + 1,
                action=action,
                name=current.metric_name,
                bottom_n=rules.bottom_n,
            )
            warnings.append(EarlyWarning(WarningId.STREAK_NEAR, row.town, by, evidence))
        return warnings

    def month_breaches(self, facts: MonthFacts) -> list[Breach]:
        """The month's breaches over every ranked metric (the registry's ``breaches``)."""
        rules = facts.data.rules
        return [b for h in facts.histories.values() for b in self.breaches(h, facts.month, rules)]

    def month_warnings(self, facts: MonthFacts) -> list[EarlyWarning]:
        """The month's warnings over every ranked metric (the registry's ``warnings``)."""
        rules = facts.data.rules
        return [w for h in facts.histories.values() for w in self.warnings(h, facts.month, rules)]


# --- early warnings (SPEC §3.6) ---------------------------------------------------------------


def days_left(deadline: dt.date, month: str, warn_days: int) -> int | None:
    """Days from the month's end to ``deadline`` when it falls within ``warn_days`` after it
    (M's end ≤ deadline ≤ M's end + warn_days); None otherwise. A deadline before the month's
    end has passed: that is a breach's business, not a warning's."""
    left = (deadline - month_end(month)).days
    return left if 0 <= left <= warn_days else None
