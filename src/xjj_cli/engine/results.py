"""The engine's results: plain, immutable values that the wording and the documents use.

A breach's evidence is one typed record per rule, kept in the rule's module
(``engine/rules/<rule_id>.py``) and deriving from ``Evidence``. The records carry facts,
never words: ``wording/`` turns them into sentences, and ``evidence_json`` into the JSON
evidence of SPEC §4 (the keys are the records' field names, in their order).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import Enum, IntEnum, StrEnum
from fractions import Fraction
from typing import Any, Literal

Color = Literal["blue", "yellow", "red"]
CardColor = Literal["yellow", "red"]


class Action(IntEnum):
    """The escalation ladder, mildest first: remind < notify < interview < accountability
    (the office's words are ``messages.rules.ACTION_LABELS``)."""

    remind = 1
    notify = 2
    interview = 3
    accountability = 4

    @property
    def key(self) -> str:
        """The stable English key used in JSON and CSV."""
        return self.name


class AnyRuleId(StrEnum):
    """What every rule's id is (JSON's ``rule``): a member of ``RuleId`` for the rules of
    SPEC §3.3, or of a subclass of this for a rule registered from elsewhere (see
    docs/adding-a-rule.md)."""


class RuleId(AnyRuleId):
    """The escalation rules of SPEC §3.3, in the order a unit's reasons are listed (the order
    of ``engine.rules.RULES``)."""

    city_card = "city_card"
    city_task = "city_task"
    problem_overdue = "problem_overdue"
    noncooperation = "noncooperation"
    project_red = "project_red"
    bottom_n = "bottom_n"
    below_district = "below_district"
    project_yellow = "project_yellow"
    town_red = "town_red"


class ColorReason(StrEnum):
    """Why a project has its colour (SPEC §3.2), as the stable keys of JSON's ``why``."""

    lag = "lag"
    milestone = "milestone"
    end_passed = "end_passed"
    not_reported = "not_reported"
    completed = "completed"


@dataclass(frozen=True)
class TownRow:
    """One town's line in a metric's ranking for a month."""

    rank: int
    town: str
    name: str
    target: int
    completed: int
    rate: Fraction
    color: Color
    bottom_n: bool
    below_district: bool
    rank_change: int | None


@dataclass(frozen=True)
class MetricRanking:
    """The ranking of the towns on one metric at one month's end."""

    month: str
    metric: str
    metric_name: str
    unit: str
    domain: str
    district_rate: Fraction
    time_progress: Fraction
    rows: tuple[TownRow, ...]

    @property
    def size(self) -> int:
        """How many towns are ranked."""
        return len(self.rows)

    def row(self, town: str) -> TownRow | None:
        """The town's row, if it is ranked."""
        # A memo: mutating its key or its check gives the same answer (docs/mutation.md).
        index = self.__dict__.get("_index")  # pragma: no mutate
        if index is None:  # pragma: no mutate
            index = {r.town: r for r in self.rows}  # pragma: no mutate
            object.__setattr__(self, "_index", index)  # pragma: no mutate
        return index.get(town)


@dataclass(frozen=True)
class OverdueMilestone:
    """A milestone not done by the month's end although due before it."""

    name: str
    due: dt.date
    days: int


@dataclass(frozen=True)
class ProjectStatus:
    """A project's colour at a month's end, with what it was computed from."""

    id: str
    name: str
    domain: str
    owner: str
    color: Color | None
    planned: Fraction | None
    actual: Fraction | None
    lag: Fraction | None
    reported: bool
    overdue_milestones: tuple[OverdueMilestone, ...] = ()
    end_passed: bool = False
    reasons: tuple[ColorReason, ...] = ()
    """Why the colour is what it is: lag, milestone, end_passed, not_reported (completed)."""


@dataclass(frozen=True)
class RedStreak:
    """A project's consecutive red months ending at a month (SPEC §3.3), and what came
    before them, so that its wording says what is true (first time, again, a gap in reports)."""

    months: int
    """Consecutive red months ending at the month; 0 when it is not red."""
    since: str | None = None
    """The streak's first month."""
    unreported: str | None = None
    """The month before ``since`` when the project was red then but reported nothing: the
    month without data that ended the streak."""
    red_before: str | None = None
    """The latest month before ``since`` in which the project was red (reported or not)."""


@dataclass(frozen=True)
class DepartmentRow:
    """A department's or enterprise's share of items on schedule (SPEC §3.4)."""

    rank: int
    unit: str
    name: str
    kind: str
    items: int
    on_schedule: int
    score: Fraction


# --- evidence: what each rule found ---------------------------------------------------------

WORDS_ONLY: dict[str, Any] = {"json": False}
"""Field metadata: a fact the sentences need (a name, the month) that JSON does not carry."""


class Evidence(ABC):
    """What a breach found: each rule's evidence is a frozen dataclass of facts deriving from
    this, kept in the rule's module (``engine/rules/<rule_id>.py``). Its fields are its JSON
    (``evidence_json``) but the ``WORDS_ONLY`` ones; ``wording/`` says it in words."""

    __slots__ = ()

    @abstractmethod
    def tiebreak(self) -> tuple[str, ...]:
        """Orders a unit's reasons of one rule and action (by metric name, project, task …)."""


# --- early warnings (SPEC §3.6): one step before an action -----------------------------------


class WarningId(StrEnum):
    """The early warnings of SPEC §3.6, in the order a day's warnings are listed."""

    STREAK_NEAR = "streak_near"
    TASK_DUE = "task_due"
    MILESTONE_DUE = "milestone_due"
    PROBLEM_DUE = "problem_due"


@dataclass(frozen=True)
class StreakNearEvidence:
    """``streak_near``: a streak (``bottom_n`` or ``below_district`` of a metric, or a
    project's red streak) that reaches ``action`` if it holds one more month."""

    rule: RuleId
    """``bottom_n``, ``below_district`` or ``project_red``."""
    metric: str | None
    project: str | None
    months: tuple[str, ...]
    """The streak so far, oldest first; the last is the month evaluated."""
    streak: int
    threshold: int
    """The streak length that reaches ``action`` (``streak`` + 1)."""
    action: Action
    """What the unit would face: interview or accountability."""
    name: str = field(metadata=WORDS_ONLY)
    """The metric's or the project's name."""
    bottom_n: int = field(default=0, metadata=WORDS_ONLY)

    def tiebreak(self) -> tuple[str | int, ...]:
        """The metric or project, then the rule (in the order of ``RuleId``)."""
        return (self.metric or self.project or "", tuple(RuleId).index(self.rule))


@dataclass(frozen=True)
class TaskDueEvidence:
    """``task_due``: a city key task not done at the month's end, due within ``warn_days``."""

    task: str
    title: str
    deadline: dt.date
    days_left: int
    """Deadline − the month's end (0 for a deadline on its last day)."""

    def tiebreak(self) -> tuple[str | int, ...]:
        """By task."""
        return (self.task,)


@dataclass(frozen=True)
class MilestoneDueEvidence:
    """``milestone_due``: a project's milestone not done at the month's end, due within
    ``warn_days``."""

    project: str
    milestone: str
    due: dt.date
    days_left: int
    """Due − the month's end (0 for a milestone due on its last day)."""
    name: str = field(metadata=WORDS_ONLY)
    """The project's name."""

    def tiebreak(self) -> tuple[str | int, ...]:
        """The project, the due date, the milestone."""
        return (self.project, self.due.isoformat(), self.milestone)


@dataclass(frozen=True)
class ProblemDueEvidence:
    """``problem_due``: a ledger problem open at the month's end, due within ``warn_days``."""

    problem: str
    text: str
    deadline: dt.date
    days_left: int
    """Deadline − the month's end (0 for a deadline on its last day)."""

    def tiebreak(self) -> tuple[str | int, ...]:
        """By problem."""
        return (self.problem,)


WarningEvidence = StreakNearEvidence | TaskDueEvidence | MilestoneDueEvidence | ProblemDueEvidence
"""What an early warning found: one record per kind of SPEC §3.6 (``WarningId``). The kinds
are not one per rule (``streak_near`` warns of three), so they are kept here together; each
is found by the rule it warns of (``engine/rules/<rule_id>.py``)."""


@dataclass(frozen=True)
class EarlyWarning:
    """One early warning to a unit (SPEC §3.6): not a breach, it never raises an action.
    ``by`` is when the unit must act: the deadline, or the next month's end for a streak."""

    warning: WarningId
    unit: str
    by: dt.date
    evidence: WarningEvidence


def evidence_json(record: Evidence | WarningEvidence) -> dict[str, Any]:
    """The record as SPEC §4's evidence object: its fields but the words-only ones, in
    order; fractions as floats, dates as YYYY-MM-DD, tuples as lists."""
    converted = _json_value(record)
    assert isinstance(converted, dict)
    return converted


_JSON_FIELDS: dict[type, tuple[str, ...]] = {}
"""Each evidence class's fields shown in JSON (a province has tens of thousands of records)."""
_PLAIN = (str, int, float, bool, type(None))


def _json_fields(cls: type) -> tuple[str, ...] | None:
    names = _JSON_FIELDS.get(cls)  # pragma: no mutate
    if names is None and dataclasses.is_dataclass(cls):
        names = tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("json", True))
        _JSON_FIELDS[cls] = names  # pragma: no mutate
    return names


def _json_value(value: Any) -> Any:
    if isinstance(value, _PLAIN) and not isinstance(value, Enum):
        return value
    names = _json_fields(type(value))
    if names is not None:
        return {name: _json_value(getattr(value, name)) for name in names}
    if isinstance(value, tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, Fraction):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Action):
        return value.key
    if isinstance(value, Enum):
        return value.value
    return value


@dataclass(frozen=True)
class Breach:
    """One finding against a unit for the month, with its evidence."""

    unit: str
    rule: AnyRuleId
    action: Action
    evidence: Evidence


@dataclass(frozen=True)
class UnitFinding:
    """A unit's action for the month (the strongest of its breaches) and every reason."""

    unit: str
    name: str
    kind: str
    action: Action
    reasons: tuple[Breach, ...]
