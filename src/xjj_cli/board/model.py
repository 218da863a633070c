"""The board's view model: what ``xjj board`` shows of one month, every figure and sentence
already decided by ``build.py``.

Everything the page prints is here, ready to format; the renderer (``render/board.py``) and
its template (board.html.j2) only lay it out, and Jinja's HTML autoescape makes every name
and text a text, never markup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

# The engine's records the board carries as they are: the renderer names them from here.
from xjj_cli.engine.history import UnitHistory
from xjj_cli.engine.overview import DomainProgress, YearInvestment
from xjj_cli.engine.overview import RateHistory as RateHistory
from xjj_cli.engine.results import Color, DepartmentRow


@dataclass(frozen=True)
class Choice:
    """A value a filter can pick: its code and the name shown."""

    code: str
    name: str


@dataclass(frozen=True)
class BoardMilestone:
    """A project's milestone as it stood at the month's end."""

    name: str
    due: dt.date
    done: dt.date | None
    """When it was done, if by the month's end."""
    overdue_days: int | None
    """Days past its due date at the month's end, when due and not done."""


@dataclass(frozen=True)
class BoardProject:
    """One project's card."""

    id: str
    name: str
    domain: Choice
    owner: Choice
    towns: tuple[Choice, ...]
    color: str
    """blue, yellow, red, or not_started."""
    planned: Fraction | None
    actual: Fraction | None
    lag: Fraction | None
    problems: tuple[str, ...]
    """The texts of its ledger problems open at the month's end."""
    milestones: tuple[BoardMilestone, ...] = ()


@dataclass(frozen=True)
class Tile:
    """A town on the map of one ranked metric."""

    code: str
    name: str
    rank: int | None
    of: int
    rate: Fraction | None
    color: Color | None
    title: str = ""
    """What the town's shape says on hover: its colour, rank and rate, or that it is unranked."""


@dataclass(frozen=True)
class BoardMetric:
    """A ranked metric: its district rate against 序时进度, and its towns' colours."""

    id: str
    name: str
    district_rate: Fraction
    time_progress: Fraction
    tiles: tuple[Tile, ...]
    against: str = ""
    """The district rate against time progress in the bulletin's words (rounded as shown)."""


@dataclass(frozen=True)
class BoardDomain:
    """A domain in the overview: its projects' colours and average progress against 序时进度."""

    name: str
    progress: DomainProgress
    against: str
    """Its average progress against its plan in the bulletin's words; empty before any start."""


@dataclass(frozen=True)
class BoardWarning:
    """An early warning of the month (SPEC §3.6), in the words of ``xjj warnings``."""

    unit: Choice
    warning: str
    """Its kind's key: streak_near, task_due, milestone_due or problem_due."""
    kind_text: str
    text: str
    by: dt.date


@dataclass(frozen=True)
class UnitPage:
    """A unit's page: its months and its open problems, in the words of ``xjj history``."""

    code: str
    summary: str
    """The unit's name and kind."""
    latest: str
    """The latest month and its action."""
    latest_key: str
    """The latest month's action's key; empty without a breach."""
    months: tuple[dict[str, str], ...]
    """Each month's cells (``wording.history.month_texts``), oldest first."""
    problems: tuple[dict[str, str], ...]
    """Its open problems' cells (``wording.history.problem_texts``)."""
    problems_title: str
    no_problems: str
    warnings: tuple[BoardWarning, ...]
    """Its early warnings of the board's month."""


@dataclass(frozen=True)
class Board:
    """The month on one page."""

    month: str
    district: str
    draft: str | None
    counts: dict[str, int]
    investment: YearInvestment
    metrics: tuple[BoardMetric, ...]
    projects: tuple[BoardProject, ...]
    domains: tuple[Choice, ...]
    towns: tuple[Choice, ...]
    owners: tuple[Choice, ...]
    domain_rows: tuple[BoardDomain, ...] = ()
    """Each domain with projects, in the speech's order of domains."""
    departments: tuple[DepartmentRow, ...] = ()
    """The department ranking (SPEC §3.4), best first."""
    units: tuple[UnitHistory, ...] = ()
    """The units with a page: every town, then each department and enterprise with a rank
    or a breach in any month."""
    warnings: tuple[BoardWarning, ...] = ()
    """The month's early warnings, most urgent first."""
    time_progress: Fraction = Fraction(0)
    """Time progress at the month's end: the month ÷ 12."""
    pages: tuple[UnitPage, ...] = ()
    """The pages of ``units``, in their order."""

    @property
    def unit_codes(self) -> frozenset[str]:
        """The units with a page, which the board's names link to."""
        return frozenset(h.unit.code for h in self.units)

    @property
    def alerts(self) -> tuple[BoardProject, ...]:
        """The red and yellow projects, red first: the list on top."""
        return tuple(p for p in self.projects if p.color in ("red", "yellow"))
