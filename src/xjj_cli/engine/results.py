"""The engine's results: plain, immutable values that the renderers turn into text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum
from fractions import Fraction
from typing import Any, Literal

Color = Literal["blue", "yellow", "red"]


class Action(IntEnum):
    """The escalation ladder, mildest first: 提醒 < 通报 < 约谈 < 问责."""

    remind = 1
    notify = 2
    interview = 3
    accountability = 4

    @property
    def key(self) -> str:
        """The stable English key used in JSON and CSV."""
        return self.name

    @property
    def label(self) -> str:
        """The office's word for it."""
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.remind: "提醒",
    Action.notify: "通报",
    Action.interview: "约谈",
    Action.accountability: "问责",
}


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
        index = self.__dict__.get("_index")
        if index is None:
            index = {r.town: r for r in self.rows}
            object.__setattr__(self, "_index", index)
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
    reasons: tuple[str, ...] = ()
    """Why the colour is what it is, as stable keys: lag, milestone, end_passed, not_reported."""


@dataclass(frozen=True)
class RedStreak:
    """A project's consecutive red months ending at a month (SPEC §3.3), and what came
    before them, so that its wording says what is true ("首次", "再次", a gap in reports)."""

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


@dataclass(frozen=True)
class Breach:
    """One finding against a unit for the month, with its evidence."""

    unit: str
    rule: str
    action: Action
    detail: str
    evidence: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class UnitFinding:
    """A unit's action for the month (the strongest of its breaches) and every reason."""

    unit: str
    name: str
    kind: str
    action: Action
    reasons: tuple[Breach, ...]
