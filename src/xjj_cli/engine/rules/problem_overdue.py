"""``problem_overdue`` (SPEC §3.3): a ledger problem whose deadline has passed (deadline < M's
end) and that is still open at M's end, or that was resolved late during M — the responsible
unit: 通报; still open and overdue more than problem_interview_days at M's end → 约谈.

A problem is open at M's end when it was raised on or before M's end and is not resolved on
or before M's end. Days overdue = M's end − deadline for an open problem, resolved − deadline
for one resolved late. One breach per problem; its evidence keys are ``problem`` (id),
``text``, ``deadline``, ``resolved`` (date or null) and ``days_overdue``. "Deadline < M's
end" means a deadline on M's last day is not yet passed.

Early warning (SPEC §3.6, ``problem_due``): a ledger problem open at M's end whose deadline
falls within ``warn_days`` after M's end (M's end ≤ deadline ≤ M's end + warn_days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.results import (
    Action,
    Breach,
    EarlyWarning,
    Evidence,
    ProblemDueEvidence,
    RuleId,
    WarningId,
)
from xjj_cli.engine.rules.base import MonthFacts, Rule, days_left
from xjj_cli.model import LedgerProblem, Rules

ID: Final = RuleId.problem_overdue
"""The rule's id (JSON's ``rule``)."""


@dataclass(frozen=True)
class ProblemEvidence(Evidence):
    """``problem_overdue``: a ledger problem still open past its deadline (``resolved``
    None), or resolved late during the month; ``days_overdue`` counts to the month's end or
    to ``resolved``."""

    problem: str
    text: str
    deadline: dt.date
    resolved: dt.date | None
    days_overdue: int

    def tiebreak(self) -> tuple[str, ...]:
        """By problem."""
        return (self.problem,)


def breaches(problems: Iterable[LedgerProblem], month: str, rules: Rules) -> list[Breach]:
    """Ledger problems past their deadline and still open at the month's end, or resolved
    late during the month: the responsible unit notified; still open and overdue more than
    ``problem_interview_days`` → interview. One breach per problem."""
    found = []
    for problem in problems:
        state = problem_state(problem, month)
        if state.overdue_days is not None:
            days = state.overdue_days
            action = Action.interview if days > rules.problem_interview_days else Action.notify
        elif state.late_days is not None:
            days = state.late_days
            action = Action.notify
        else:
            continue
        evidence = ProblemEvidence(problem.id, problem.text, problem.deadline, state.resolved, days)
        found.append(Breach(problem.unit, ID, action, evidence))
    return found


def warnings(problems: Iterable[LedgerProblem], month: str, rules: Rules) -> list[EarlyWarning]:
    """Ledger problems open at the month's end and due within ``warn_days`` after it: the
    responsible unit is warned."""
    found = []
    for problem in problems:
        left = days_left(problem.deadline, month, rules.warn_days)
        if left is None or not problem_state(problem, month).open:
            continue
        evidence = ProblemDueEvidence(problem.id, problem.text, problem.deadline, left)
        found.append(EarlyWarning(WarningId.PROBLEM_DUE, problem.unit, problem.deadline, evidence))
    return found


def _breaches(facts: MonthFacts) -> list[Breach]:
    return breaches(facts.data.problems, facts.month, facts.data.rules)


def _warnings(facts: MonthFacts) -> list[EarlyWarning]:
    return warnings(facts.data.problems, facts.month, facts.data.rules)


RULE = Rule(ID, _breaches, _warnings)
