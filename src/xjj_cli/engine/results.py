"""The engine's results: plain, immutable values that the renderers turn into text.

A breach's evidence is one typed record per rule. The records carry facts, never words:
``render/findings.py`` turns them into sentences, and ``evidence_json`` into the JSON
evidence of SPEC §4 (the keys are the records' field names, in their order).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum, IntEnum, StrEnum
from fractions import Fraction
from typing import Any, Literal

Color = Literal["blue", "yellow", "red"]
CardColor = Literal["yellow", "red"]


class Action(IntEnum):
    """The escalation ladder, mildest first: remind < notify < interview < accountability
    (the office's words are ``messages.ACTION_LABELS``)."""

    remind = 1
    notify = 2
    interview = 3
    accountability = 4

    @property
    def key(self) -> str:
        """The stable English key used in JSON and CSV."""
        return self.name


class RuleId(StrEnum):
    """The escalation rules of SPEC §3.3, in the order a unit's reasons are listed."""

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


@dataclass(frozen=True)
class RankMonth:
    """A month of a bottom-N streak: the town's rank of how many, and its rate."""

    month: str
    rank: int
    of: int
    rate: Fraction


@dataclass(frozen=True)
class RateMonth:
    """A month of a below-the-district streak: the town's rate and the district's."""

    month: str
    rate: Fraction
    district_rate: Fraction


@dataclass(frozen=True)
class BottomNEvidence:
    """``bottom_n``: a town in the bottom N of a metric for ``streak`` months running."""

    metric: str
    streak: int
    months: tuple[RankMonth, ...]
    """Every month of the streak, oldest first; the last is the month evaluated."""
    metric_name: str = field(metadata=WORDS_ONLY)
    bottom_n: int = field(metadata=WORDS_ONLY)


@dataclass(frozen=True)
class BelowDistrictEvidence:
    """``below_district``: a town below the district rate of a metric for ``streak`` months."""

    metric: str
    streak: int
    months: tuple[RateMonth, ...]
    """Every month of the streak, oldest first; the last is the month evaluated."""
    metric_name: str = field(metadata=WORDS_ONLY)


@dataclass(frozen=True)
class TownRedEvidence:
    """``town_red``: a town red on a ranked metric at the month."""

    metric: str
    rate: Fraction
    time_progress: Fraction
    yellow_lag: Fraction
    """The rule's yellow band as a share of one (10 points → 1/10)."""
    metric_name: str = field(metadata=WORDS_ONLY)
    month: str = field(metadata=WORDS_ONLY)


@dataclass(frozen=True)
class ProjectEvidence:
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


@dataclass(frozen=True)
class RedProjectEvidence(ProjectEvidence):
    """``project_red``: a red project's facts and its red streak (see ``RedStreak``)."""

    streak: int = 0
    streak_since: str | None = None
    unreported_month: str | None = None
    red_before: str | None = None


@dataclass(frozen=True)
class TaskEvidence:
    """``city_task``: a city key task still open past its deadline (``done`` None), or done
    late during the month; ``days_overdue`` counts to the month's end or to ``done``."""

    task: str
    title: str
    deadline: dt.date
    done: dt.date | None
    days_overdue: int


@dataclass(frozen=True)
class ProblemEvidence:
    """``problem_overdue``: a ledger problem still open past its deadline (``resolved``
    None), or resolved late during the month; ``days_overdue`` counts to the month's end or
    to ``resolved``."""

    problem: str
    text: str
    deadline: dt.date
    resolved: dt.date | None
    days_overdue: int


@dataclass(frozen=True)
class CardEvidence:
    """``city_card``: a card the city's platform issued to the unit in the month."""

    date: dt.date
    color: CardColor
    subject: str
    project: str | None


@dataclass(frozen=True)
class ReportEvidence:
    """A verified report that the unit did not cooperate."""

    date: dt.date
    reporter: str
    text: str
    reporter_name: str = field(metadata=WORDS_ONLY)


@dataclass(frozen=True)
class NoncooperationEvidence:
    """``noncooperation``: the month's verified reports against a unit, and for how many
    months running it has been reported."""

    count: int
    streak: int
    reports: tuple[ReportEvidence, ...]
    """By date, then reporter."""
    month: str = field(metadata=WORDS_ONLY)


Evidence = (
    BottomNEvidence
    | BelowDistrictEvidence
    | TownRedEvidence
    | ProjectEvidence
    | TaskEvidence
    | ProblemEvidence
    | CardEvidence
    | NoncooperationEvidence
)


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


@dataclass(frozen=True)
class TaskDueEvidence:
    """``task_due``: a city key task not done at the month's end, due within ``warn_days``."""

    task: str
    title: str
    deadline: dt.date
    days_left: int
    """Deadline − the month's end (0 for a deadline on its last day)."""


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


@dataclass(frozen=True)
class ProblemDueEvidence:
    """``problem_due``: a ledger problem open at the month's end, due within ``warn_days``."""

    problem: str
    text: str
    deadline: dt.date
    days_left: int
    """Deadline − the month's end (0 for a deadline on its last day)."""


WarningEvidence = StreakNearEvidence | TaskDueEvidence | MilestoneDueEvidence | ProblemDueEvidence


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
    names = _JSON_FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(cls):
        names = tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("json", True))
        _JSON_FIELDS[cls] = names
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
    rule: RuleId
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
