"""The bulletin's content as plain typed values: every number already computed, every
sentence a renderer needs already decided, so that Markdown, HTML and DOCX say the same.

Numbers are kept exact (fractions, ints) for charts and tests; the ``*_text`` fields hold
what people read (percentages with one decimal, 万元, Chinese dates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from xjj_cli.engine.overview import RateHistory as RateHistory
from xjj_cli.engine.results import Action, Color, MetricRanking, RuleId


@dataclass(frozen=True)
class Headline:
    """A domain's headline figure this month against last month."""

    label: str
    value_text: str
    change_text: str


@dataclass(frozen=True)
class Blocker:
    """A problem a project reports and the unit that must solve it."""

    text: str
    unit: str
    unit_name: str


@dataclass(frozen=True)
class FlaggedProject:
    """A red or yellow project with why, and the blockers of its latest report."""

    id: str
    name: str
    owner: str
    owner_name: str
    color: Color
    planned: Fraction
    actual: Fraction
    why: str
    note: str
    blockers: tuple[Blocker, ...]


@dataclass(frozen=True)
class DomainSection:
    """One of the seven domains: headline, town rankings, red and yellow projects."""

    id: str
    name: str
    lead_name: str
    headlines: tuple[Headline, ...]
    rankings: tuple[MetricRanking, ...]
    projects_total: int
    color_counts: dict[str, int]
    flagged: tuple[FlaggedProject, ...]


@dataclass(frozen=True)
class OverdueTask:
    """A city key task past its deadline: still open, or done late this month."""

    id: str
    title: str
    units_text: str
    deadline: dt.date
    done: dt.date | None
    days: int


@dataclass(frozen=True)
class CardLine:
    """A card the city's platform issued this month."""

    date: dt.date
    color: str
    unit_name: str
    subject: str
    project: str | None


@dataclass(frozen=True)
class Reason:
    """One reason for a unit's action, in the bulletin's words."""

    rule: RuleId
    action: Action
    detail: str


@dataclass(frozen=True)
class UnitReasons:
    """A unit the bulletin names for an action (the strongest of its reasons), and why."""

    unit: str
    name: str
    kind: str
    action: Action
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Overview:
    """The opening figures: projects by colour, investment, headline per domain."""

    projects_total: int
    started: int
    color_counts: dict[str, int]
    year_plan: Fraction
    year_done: Fraction
    headlines: tuple[tuple[str, Headline], ...]


@dataclass(frozen=True)
class Bulletin:
    """Everything the monthly bulletin says, in the order it says it."""

    title: str
    district: str
    city: str
    office: str
    month: str
    month_text: str
    issue_date: dt.date
    overview: Overview
    domains: tuple[DomainSection, ...]
    overdue_tasks: tuple[OverdueTask, ...]
    late_tasks: tuple[OverdueTask, ...]
    cards: tuple[CardLine, ...]
    accountability: tuple[UnitReasons, ...]
    interviews: tuple[UnitReasons, ...]
    notices: tuple[UnitReasons, ...]
    reminders: tuple[UnitReasons, ...]
    trends: tuple[RateHistory, ...]
    """See ``engine.overview.RateHistory``."""
    bottom_n: int
    data_hash: str
    data_commit: str | None = None
    data_dirty: bool = False
