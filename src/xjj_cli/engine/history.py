"""One unit month by month (``xjj history``): its places in the rankings, its projects'
colours, its breaches and action in every reportable month, and its open problems."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from xjj_cli.engine.dataset import UnitInfo
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.ledger import LedgerEntry, LedgerFilter, ledger_at
from xjj_cli.engine.results import Action, Breach, Color, UnitFinding

DEPARTMENTS = "departments"
"""The ``metric`` of a department's or enterprise's place in the department ranking."""


@dataclass(frozen=True)
class UnitRank:
    """The unit's place in one ranking of a month: a town's on a ranked metric (with its
    colour), a department's or enterprise's in the department ranking (its score as
    ``rate``, no colour)."""

    metric: str
    metric_name: str
    rank: int
    of: int
    rate: Fraction
    color: Color | None


@dataclass(frozen=True)
class ProjectColor:
    """A project the unit owns and its colour at the month's end (None: not started)."""

    id: str
    name: str
    color: Color | None


@dataclass(frozen=True)
class HistoryMonth:
    """The unit in one reportable month."""

    month: str
    action: Action | None
    """The strongest action of its breaches; None without a breach."""
    finding: UnitFinding | None
    ranks: tuple[UnitRank, ...]
    projects: tuple[ProjectColor, ...]

    @property
    def reasons(self) -> tuple[Breach, ...]:
        """Every breach of the month against the unit, in the order of its finding."""
        return self.finding.reasons if self.finding is not None else ()


@dataclass(frozen=True)
class UnitHistory:
    """A unit's every reportable month, oldest first, and its problems open at the latest
    month's end."""

    unit: UnitInfo
    months: tuple[HistoryMonth, ...]
    latest: str
    open_problems: tuple[LedgerEntry, ...]


def _ranks(evaluation: MonthEvaluation, unit: UnitInfo) -> tuple[UnitRank, ...]:
    if not unit.is_town:
        rows = evaluation.departments
        return tuple(
            UnitRank(DEPARTMENTS, "", r.rank, len(rows), r.score, None)
            for r in rows
            if r.unit == unit.code
        )
    ranks = []
    for ranking in evaluation.rankings:
        row = ranking.row(unit.code)
        if row is not None:
            ranks.append(
                UnitRank(
                    ranking.metric, ranking.metric_name, row.rank, ranking.size, row.rate, row.color
                )
            )
    return tuple(ranks)


def history_month(evaluation: MonthEvaluation, unit: UnitInfo) -> HistoryMonth:
    """The unit in the evaluated month."""
    finding = next((f for f in evaluation.findings if f.unit == unit.code), None)
    projects = tuple(
        ProjectColor(s.id, s.name, s.color) for s in evaluation.statuses if s.owner == unit.code
    )
    return HistoryMonth(
        evaluation.month,
        finding.action if finding is not None else None,
        finding,
        _ranks(evaluation, unit),
        projects,
    )


def unit_history(unit: UnitInfo, evaluations: Sequence[MonthEvaluation]) -> UnitHistory:
    """The unit over the evaluated months (reportable ones, each evaluated once), oldest
    first; its open problems are those at the latest month's end."""
    ordered = sorted(evaluations, key=lambda e: e.month)
    latest = ordered[-1]
    problems = [p for p in latest.data.problems if p.unit == unit.code]
    open_problems = ledger_at(problems, latest.month, LedgerFilter.open, [unit.code])
    return UnitHistory(
        unit,
        tuple(history_month(e, unit) for e in ordered),
        latest.month,
        tuple(open_problems),
    )


def unit_histories(
    units: Sequence[UnitInfo], evaluations: Sequence[MonthEvaluation]
) -> list[UnitHistory]:
    """Every unit of ``units`` over the evaluated months, in one pass: each month is
    evaluated once (its findings, rankings and colours are shared by all units), and the
    open problems come from one look at the latest month's ledger."""
    ordered = sorted(evaluations, key=lambda e: e.month)
    latest = ordered[-1]
    codes = [u.code for u in units]
    open_by_unit: dict[str, list[LedgerEntry]] = {}
    for entry in ledger_at(latest.data.problems, latest.month, LedgerFilter.open, codes):
        open_by_unit.setdefault(entry.problem.unit, []).append(entry)
    months: dict[str, list[HistoryMonth]] = {code: [] for code in codes}
    for evaluation in ordered:
        for unit in units:
            months[unit.code].append(history_month(evaluation, unit))
    return [
        UnitHistory(u, tuple(months[u.code]), latest.month, tuple(open_by_unit.get(u.code, ())))
        for u in units
    ]
