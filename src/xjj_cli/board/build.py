"""The board's model: what ``xjj board`` shows of one month, computed from its evaluation.

Everything the page prints is here, ready to format; the template (board.html.j2) only lays
it out, and Jinja's HTML autoescape makes every name and text a text, never markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.history import UnitHistory
from xjj_cli.engine.overview import (
    DomainProgress,
    YearInvestment,
    color_counts,
    domain_progress,
    metric_against_time,
    year_investment,
)
from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.results import Color, DepartmentRow, MetricRanking
from xjj_cli.model import DOMAIN_ORDER, Project
from xjj_cli.months import month_end
from xjj_cli.wording.progress import against_time
from xjj_cli.wording.warnings import warning_kind, warning_text

COLOR_ORDER = {"red": 0, "yellow": 1, "blue": 2, "not_started": 3}


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


def milestones_at(project: Project, month: str) -> tuple[BoardMilestone, ...]:
    """The project's milestones at ``month``'s end, using only what was known then."""
    day = month_end(month)
    found = []
    for m in project.milestones:
        done = m.done if m.done is not None and m.done <= day else None
        overdue = (day - m.due).days if done is None and m.due < day else None
        found.append(BoardMilestone(m.name, m.due, done, overdue))
    return tuple(found)


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

    @property
    def unit_codes(self) -> frozenset[str]:
        """The units with a page, which the board's names link to."""
        return frozenset(h.unit.code for h in self.units)

    @property
    def alerts(self) -> tuple[BoardProject, ...]:
        """The red and yellow projects, red first: the list on top."""
        return tuple(p for p in self.projects if p.color in ("red", "yellow"))


def _metric(ranking: MetricRanking, towns: tuple[Choice, ...]) -> BoardMetric:
    rows = {row.town: row for row in ranking.rows}
    tiles = []
    for town in towns:
        row = rows.get(town.code)
        if row is None:
            tiles.append(Tile(town.code, town.name, None, len(rows), None, None))
        else:
            tiles.append(Tile(town.code, town.name, row.rank, len(rows), row.rate, row.color))
    return BoardMetric(
        ranking.metric,
        ranking.metric_name,
        ranking.district_rate,
        ranking.time_progress,
        tuple(tiles),
        against_time(metric_against_time(ranking)),
    )


def unit_pages(histories: Sequence[UnitHistory]) -> tuple[UnitHistory, ...]:
    """The histories the board gives a page: towns first, then the departments and
    enterprises ranked or breached in any month, each group in the units' order."""
    towns = [h for h in histories if h.unit.is_town]
    others = [
        h for h in histories if not h.unit.is_town and any(m.ranks or m.reasons for m in h.months)
    ]
    return tuple(towns + others)


def build_board(
    evaluation: MonthEvaluation,
    draft: str | None = None,
    histories: Sequence[UnitHistory] = (),
) -> Board:
    """The board of ``evaluation``'s month; ``draft`` is a draft's 征求意见稿 line;
    ``histories`` every unit's months up to the board's (engine.history.unit_histories)."""
    data, month = evaluation.data, evaluation.month
    units = data.units

    def unit(code: str) -> Choice:
        return Choice(code, units[code].name if code in units else code)

    towns = tuple(Choice(c, u.name) for c, u in units.items() if u.is_town)
    open_problems: dict[str, list[str]] = {}
    for problem in data.problems:
        if problem.project is not None and problem_state(problem, month).open:
            open_problems.setdefault(problem.project, []).append(problem.text)
    projects = []
    for status, project in zip(evaluation.statuses, data.projects, strict=True):
        domain = data.domains.get(project.domain)
        projects.append(
            BoardProject(
                id=project.id,
                name=project.name,
                domain=Choice(project.domain, domain.name if domain else project.domain),
                owner=unit(project.owner),
                towns=tuple(unit(t) for t in project.towns),
                color=status.color or "not_started",
                planned=status.planned,
                actual=status.actual,
                lag=status.lag,
                problems=tuple(open_problems.get(project.id, ())),
                milestones=milestones_at(project, month),
            )
        )
    projects.sort(key=lambda p: (COLOR_ORDER[p.color], -(p.lag or 0), p.id))
    domains = tuple(Choice(d.id, d.name) for d in data.domains.values())
    owners = sorted({p.owner for p in projects}, key=lambda c: c.code)
    district = data.district.district if data.district is not None else ""
    return Board(
        month=month,
        district=district,
        draft=draft,
        counts=color_counts(evaluation.statuses),
        investment=year_investment(data.projects, month),
        metrics=tuple(_metric(r, towns) for r in evaluation.rankings),
        projects=tuple(projects),
        domains=domains,
        towns=towns,
        owners=tuple(owners),
        domain_rows=tuple(
            BoardDomain(
                data.domains[code].name,
                progress,
                against_time(progress.against) if progress.against is not None else "",
            )
            for code in DOMAIN_ORDER
            if code in data.domains
            and (progress := domain_progress(evaluation.statuses, code)).statuses
        ),
        departments=tuple(evaluation.departments),
        units=unit_pages(histories),
        warnings=tuple(
            BoardWarning(unit(w.unit), str(w.warning), warning_kind(w), warning_text(w, data), w.by)
            for w in evaluation.warnings
        ),
    )
