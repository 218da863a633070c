"""The bulletin's own figures (docs/rules.md §7): every number it states beyond the rules —
projects by colour, the year's investment, a domain's totals and average progress, and each
against last month — computed here, exactly, from data up to the month."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from xjj_cli.engine.projects import actual_percent, latest_entry
from xjj_cli.engine.results import MetricRanking, ProjectStatus
from xjj_cli.engine.towns import exact, time_progress
from xjj_cli.model import Project
from xjj_cli.months import add_months, month_end

StatusKey = Literal["blue", "yellow", "red", "not_started"]
STATUS_KEYS: tuple[StatusKey, ...] = ("blue", "yellow", "red", "not_started")


def color_counts(statuses: Iterable[ProjectStatus]) -> dict[str, int]:
    """How many projects are blue, yellow, red and not started (every key present)."""
    counted: Counter[str] = Counter(s.color or "not_started" for s in statuses)
    return {key: counted.get(key, 0) for key in STATUS_KEYS}


@dataclass(frozen=True)
class YearInvestment:
    """The year's planned investment and what was invested from January to the month, in
    ten-thousand yuan as the project files give them."""

    plan: Fraction
    done: Fraction


def cumulative_invested(project: Project, month: str) -> Fraction:
    """The project's cumulative investment as last reported by ``month`` (0 before any report)."""
    latest = latest_entry(project, month)
    return exact(latest.invested) if latest else Fraction(0)


def year_investment(projects: Iterable[Project], month: str) -> YearInvestment:
    """Over the projects whose start–end years include ``month``'s year: the sum of their
    ``investment.year``, and the sum of what each invested since last December."""
    year = int(month[:4])
    active = [p for p in projects if p.start.year <= year <= p.end.year]
    december = f"{year - 1}-12"
    return YearInvestment(
        plan=sum((exact(p.investment.year) for p in active), Fraction(0)),
        done=sum(
            (cumulative_invested(p, month) - cumulative_invested(p, december) for p in active),
            Fraction(0),
        ),
    )


def average_progress(statuses: Iterable[ProjectStatus]) -> Fraction | None:
    """The mean actual percent of the projects that have one (started); None without any."""
    values = [s.actual for s in statuses if s.actual is not None]
    return _mean(values)


def _mean(values: Sequence[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def average_planned(statuses: Iterable[ProjectStatus]) -> Fraction | None:
    """The mean planned percent of the projects that have one (started): the projects'
    序时进度, against which their average progress is read; None without any."""
    return _mean([s.planned for s in statuses if s.planned is not None])


def against_plan(actual: Fraction, planned: Fraction) -> Fraction:
    """A figure against its 序时进度, in percentage points (positive: ahead); both in percent."""
    return actual - planned


@dataclass(frozen=True)
class DomainProgress:
    """A domain's projects at the month: how many, their colours, and the started ones'
    average progress against their average 序时进度 (the bulletin's 一 and the board)."""

    domain: str
    statuses: tuple[ProjectStatus, ...]
    """Its projects' statuses, in the projects' order."""
    counts: dict[str, int]
    """How many are blue, yellow, red and not started (color_counts)."""
    started: tuple[ProjectStatus, ...]
    """Those with a colour: started by the month's end."""
    average: Fraction | None
    """The started projects' mean actual percent; None when none has started."""
    planned: Fraction | None
    """Their mean planned percent: the progress the domain is due to have made by now."""

    @property
    def against(self) -> Fraction | None:
        """Average progress against 序时进度, in points (positive: ahead); None without both."""
        if self.average is None or self.planned is None:
            return None
        return against_plan(self.average, self.planned)


def domain_progress(statuses: Iterable[ProjectStatus], domain: str) -> DomainProgress:
    """``domain``'s figures from the month's project statuses."""
    own = tuple(s for s in statuses if s.domain == domain)
    started = tuple(s for s in own if s.color is not None)
    return DomainProgress(
        domain,
        own,
        color_counts(own),
        started,
        average_progress(started),
        average_planned(started),
    )


def metric_against_time(ranking: MetricRanking) -> Fraction:
    """A ranked metric's district rate against time progress (month ÷ 12), in points."""
    return (ranking.district_rate - ranking.time_progress) * 100


def investment_against_time(investment: YearInvestment, month: str) -> Fraction | None:
    """The share of the year's planned investment done by the month against time progress
    (month ÷ 12), in points; None when nothing is planned."""
    if not investment.plan:
        return None
    return (investment.done / investment.plan - time_progress(month)) * 100


@dataclass(frozen=True)
class Change:
    """A figure against the same figure last month."""

    points: Fraction | None
    """The difference in percentage points (positive: up); None when last month has none."""
    year_start: bool = False
    """January: the year's counts restarted, so there is nothing to compare with."""


def rate_change(ranking: MetricRanking, previous: MetricRanking | None) -> Change:
    """A metric's district rate against last month's (``previous``); in January the year's
    counts restarted, so the rate stands on its own."""
    if ranking.month[5:7] == "01":
        return Change(None, year_start=True)
    if previous is None:
        return Change(None)
    return Change((ranking.district_rate - previous.district_rate) * 100)


@dataclass(frozen=True)
class ProgressChange:
    """The change in average progress over the same projects as last month."""

    started: int
    """Projects started by the month's end."""
    common: int
    """Of them, those started by last month's end: the ones compared (0: all are new)."""
    change: Change


def progress_change(
    started: Sequence[ProjectStatus], project: Callable[[str], Project], month: str
) -> ProgressChange:
    """The average actual percent of the ``started`` projects that had started by last
    month's end, now against last month: like with like, never diluted by new projects.
    ``project`` finds a project by id."""
    last_month = add_months(month, -1)
    last_day = month_end(last_month)
    common = [s for s in started if s.actual is not None and project(s.id).start <= last_day]
    now = _mean([s.actual for s in common if s.actual is not None])
    before = _mean([actual_percent(project(s.id), last_month)[0] for s in common])
    points = now - before if now is not None and before is not None else None
    return ProgressChange(len(started), len(common), Change(points))


@dataclass(frozen=True)
class MetricTotals:
    """A ranked metric's district totals: Σ completed of Σ target, and their ratio."""

    completed: int
    target: int
    rate: Fraction


def metric_totals(ranking: MetricRanking) -> MetricTotals:
    """Σ completed and Σ target over the ranked towns, and the district rate."""
    return MetricTotals(
        sum(r.completed for r in ranking.rows),
        sum(r.target for r in ranking.rows),
        ranking.district_rate,
    )


@dataclass(frozen=True)
class RateHistory:
    """A ranked metric's district rate month by month (for the trend chart)."""

    metric: str
    name: str
    months: tuple[str, ...]
    rates: tuple[Fraction, ...]

    @property
    def progress(self) -> tuple[Fraction, ...]:
        """序时进度 (the month ÷ 12) at each of its months: the line the rates are read against."""
        return tuple(time_progress(m) for m in self.months)


def rate_histories(
    histories: Mapping[str, Mapping[str, MetricRanking]], month: str
) -> list[RateHistory]:
    """Each ranked metric's district rate in every month of ``month``'s year up to it that
    has figures (the counts restart in January, so earlier years are left out)."""
    trends = []
    for metric, history in histories.items():
        months = tuple(m for m in sorted(history) if m[:4] == month[:4] and m <= month)
        if months:
            trends.append(
                RateHistory(
                    metric,
                    history[months[-1]].metric_name,
                    months,
                    tuple(history[m].district_rate for m in months),
                )
            )
    return trends
