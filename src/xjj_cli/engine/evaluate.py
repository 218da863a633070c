"""Run the rules for one month over a dataset: the engine's public entry points."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar, cast

from xjj_cli.engine.dataset import Dataset, MetricInfo
from xjj_cli.engine.departments import department_ranking
from xjj_cli.engine.early_warnings import most_urgent_first
from xjj_cli.engine.escalation import combine
from xjj_cli.engine.results import (
    Breach,
    DepartmentRow,
    EarlyWarning,
    MetricRanking,
    ProjectStatus,
    RedStreak,
    UnitFinding,
)
from xjj_cli.engine.rules import RULES
from xjj_cli.engine.rules.base import Rule
from xjj_cli.engine.timeline import ProjectTimeline
from xjj_cli.engine.towns import metric_ranking
from xjj_cli.months import add_months

T = TypeVar("T")


@dataclass
class MonthEvaluation:
    """Every result of SPEC §3 for one month, computed on demand from data up to it.

    ``draft``: the month is evaluated although it may not be reportable (SPEC §3.5, --draft);
    towns that have not submitted count with their last figure (see ``fill_unsubmitted``).
    ``registered``: the rules it runs — each reads what it needs of this evaluation
    (``rules.base.MonthFacts``)."""

    data: Dataset
    month: str
    draft: bool = False
    registered: tuple[Rule, ...] = RULES
    """The rules to run (``engine.rules.RULES``), in the order of a unit's reasons."""

    @cached_property
    def not_submitted(self) -> tuple[str, ...]:
        """The towns (codes, in the order of towns.csv) with a figure not submitted this month."""
        towns = {town for month, town, _ in self.data.unsubmitted if month == self.month}
        return tuple(code for code in self.data.units if code in towns)

    def not_submitted_in(self, metric: str) -> frozenset[str]:
        """The towns whose figure of ``metric`` this month is not submitted but carried over."""
        return frozenset(
            town for month, town, m in self.data.unsubmitted if month == self.month and m == metric
        )

    @cached_property
    def has_figures(self) -> bool:
        """Whether the month has its own town figures (a file), not only copied ones."""
        has_rows = bool((self.data.figures["month"] == self.month).any())
        return has_rows and self.month not in self.data.unfiled

    def _shared(self, name: str, key: tuple[object, ...], make: Callable[[], T]) -> T:
        """What every month's evaluation of the same data computes alike (the projects'
        timelines, a metric's rankings month by month), made once and kept on the dataset;
        ``key`` holds the objects it is made from, so a changed dataset makes it anew."""
        kept = self.data.__dict__.get(name)  # pragma: no mutate
        if (
            kept is not None  # pragma: no mutate
            and len(kept[0]) == len(key)  # pragma: no mutate
            and all(a is b for a, b in zip(kept[0], key, strict=True))  # pragma: no mutate
        ):
            return cast("T", kept[1])
        made = make()
        self.data.__dict__[name] = (key, made)  # pragma: no mutate
        return made

    def _history(self, metric: MetricInfo) -> dict[str, MetricRanking]:
        """The metric's rankings of the months up to this one: each month's ranking depends
        only on its own and earlier months, so all months' are made once per dataset."""
        key = (self.data.figures, self.data.rules, *self.data.units.values())
        every = self._shared(f"_history_{metric.id}", key, lambda: self._every_month(metric))
        return {month: ranking for month, ranking in every.items() if month <= self.month}

    def _every_month(self, metric: MetricInfo) -> dict[str, MetricRanking]:
        frame = self.data.figures
        frame = frame[frame["metric"] == metric.id]
        names = {code: unit.name for code, unit in self.data.units.items()}
        history: dict[str, MetricRanking] = {}
        for key, rows in frame.groupby("month", sort=True):
            month = str(key)
            history[month] = metric_ranking(
                rows,
                metric,
                month,
                self.data.rules,
                names,
                history.get(add_months(month, -1)),
            )
        return history

    @cached_property
    def histories(self) -> dict[str, dict[str, MetricRanking]]:
        """Each ranked metric's rankings for every month up to this one that has its data."""
        return {m.id: self._history(m) for m in self.data.ranked_metrics}

    @cached_property
    def rankings(self) -> list[MetricRanking]:
        """The month's town rankings, one per ranked metric that has data this month."""
        return [h[self.month] for h in self.histories.values() if self.month in h]

    def previous_ranking(self, metric: str) -> MetricRanking | None:
        """The metric's ranking of the month before, if it had one."""
        return self.histories.get(metric, {}).get(add_months(self.month, -1))

    @cached_property
    def timelines(self) -> list[ProjectTimeline]:
        """Every project prepared for judging its months, in the order of ``data.projects``:
        each project-month is judged once, and streaks read the colours it remembers."""
        key = (self.data.rules, *self.data.projects)
        return self._shared(
            "_timelines",
            key,
            lambda: [ProjectTimeline(p, self.data.rules) for p in self.data.projects],
        )

    @cached_property
    def _timeline_by_id(self) -> dict[str, ProjectTimeline]:
        return {t.project.id: t for t in self.timelines}

    @cached_property
    def statuses(self) -> list[ProjectStatus]:
        """Every project's colour at the month's end (None when not started)."""
        return [t.status(self.month) for t in self.timelines]

    @cached_property
    def expected(self) -> list[ProjectStatus]:
        """The projects expected to report this month (SPEC §4, ``xjj status``): started by its
        end and not finished in an earlier month."""
        return [
            status
            for status, timeline in zip(self.statuses, self.timelines, strict=True)
            if timeline.expected_to_report(self.month)
        ]

    @cached_property
    def unreported(self) -> list[ProjectStatus]:
        """The projects expected to report this month that have not (to be chased, SPEC §3.5)."""
        return [s for s in self.expected if not s.reported]

    @cached_property
    def departments(self) -> list[DepartmentRow]:
        """Departments and enterprises ranked by their share of items on schedule."""
        units = {c: u for c, u in self.data.units.items() if not u.is_town}
        return department_ranking(
            units, self.statuses, self.data.tasks, self.month, self.data.problems
        )

    def red_streak(self, project_id: str) -> int:
        """Consecutive months, ending at this one, in which the project was red."""
        return self.red_run(project_id).months

    def red_run(self, project_id: str) -> RedStreak:
        """The project's red streak ending at this month, and what came before it."""
        return self._timeline_by_id[project_id].red_streak(self.month)

    @cached_property
    def breaches(self) -> list[Breach]:
        """Every breach of SPEC §3.3 at the month: each registered rule's, in their order."""
        return [breach for rule in self.registered for breach in rule.breaches(self)]

    @cached_property
    def findings(self) -> list[UnitFinding]:
        """Every unit with an action, strongest first, each with all its reasons."""
        order = [rule.id for rule in self.registered]
        return combine(self.breaches, self.data.describe, order)

    @cached_property
    def warnings(self) -> tuple[EarlyWarning, ...]:
        """The early warnings of SPEC §3.6 at the month, most urgent first; they never change
        a breach or an action."""
        found = [warning for rule in self.registered for warning in rule.warnings(self)]
        return most_urgent_first(found, list(self.data.units))
