"""The engine's input: a validated repository's records as plain values and DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from xjj_cli.model import (
    DOMAIN_ORDER,
    District,
    Domain,
    Events,
    Interviews,
    LedgerProblem,
    Project,
    Rules,
    Task,
)
from xjj_cli.repository import Repository

FIGURE_COLUMNS = ["month", "town", "metric", "target", "completed"]


@dataclass(frozen=True)
class UnitInfo:
    """A town, department or enterprise: any unit a finding can name."""

    code: str
    name: str
    kind: str
    is_town: bool
    mobile: str | None = None
    """The contact's mobile number (the optional ``mobile`` column), for @mentions."""


@dataclass(frozen=True)
class MetricInfo:
    """A metric of a domain, by its qualified id (``5g.stations``)."""

    id: str
    name: str
    unit: str
    domain: str
    ranked: bool


@dataclass
class Dataset:
    """Everything the rules look at; built once from a valid repository."""

    rules: Rules
    units: dict[str, UnitInfo]
    """Towns (``is_town``), departments and enterprises by code."""
    metrics: list[MetricInfo]
    figures: pd.DataFrame
    projects: list[Project]
    tasks: list[Task]
    events: dict[str, Events]
    district: District | None = None
    domains: dict[str, Domain] = field(default_factory=dict)
    unsubmitted: frozenset[tuple[str, str, str]] = frozenset()
    """(month, town, metric) of the figures a town has not submitted: ``figures``
    counts them with the town's last figure (see ``fill_unsubmitted``)."""
    unfiled: frozenset[str] = frozenset()
    """Months without a towns/progress file whose rows were copied for a draft."""
    problems: list[LedgerProblem] = field(default_factory=list)
    """The problems ledger (problems/<year>.yaml), by id."""
    interviews: dict[str, Interviews] = field(default_factory=dict)
    """interviews/YYYY-MM.yaml by month: the time and place of the interviews (read by the notices;
    no rule looks at it)."""

    @property
    def ranked_metrics(self) -> list[MetricInfo]:
        """Ranked metrics in the seven-domain order."""
        return [m for m in self.metrics if m.ranked]

    def describe(self, code: str) -> tuple[str, str]:
        """A unit's name and kind (the code itself and no kind for an unknown code)."""
        unit = self.units.get(code)
        return (unit.name, unit.kind) if unit else (code, "")

    def project(self, project_id: str) -> Project:
        """The project with ``project_id``."""
        # A memo: mutating its key or its check gives the same answer (docs/mutation.md).
        index = self.__dict__.get("_projects")  # pragma: no mutate
        if index is None:  # pragma: no mutate
            index = {p.id: p for p in self.projects}  # pragma: no mutate
            self.__dict__["_projects"] = index  # pragma: no mutate
        project: Project = index[project_id]
        return project


def dataset_from(repo: Repository, month: str | None = None) -> Dataset:
    """Turn a validated repository into the engine's input, figures not submitted filled in
    (``month``: the month to evaluate, given rows for a draft when it has no file)."""
    if repo.district is None:  # pragma: no cover - validation guarantees it
        raise ValueError("repository without district.yaml")
    units = {c: UnitInfo(c, t.name, t.kind, True, t.mobile) for c, t in repo.towns.items()}
    units.update({c: UnitInfo(c, u.name, u.kind, False, u.mobile) for c, u in repo.units.items()})
    metrics = []
    for domain_id in DOMAIN_ORDER:
        sourced = repo.domains.get(domain_id)
        if sourced is None:
            continue
        domain = sourced.record
        for m in domain.metrics:
            metrics.append(MetricInfo(f"{domain.id}.{m.id}", m.name, m.unit, domain.id, m.ranked))
    rows = [
        (f.month, f.town, f.metric, f.target, f.completed)
        for filed in repo.months
        for f in repo.figures[filed]
    ]
    figures, unsubmitted = fill_unsubmitted(pd.DataFrame(rows, columns=FIGURE_COLUMNS), month)
    copied = month is not None and month not in repo.months and (figures["month"] == month).any()
    return Dataset(
        rules=repo.district.record.rules,
        units=units,
        metrics=metrics,
        figures=figures,
        projects=[p.record for _, p in sorted(repo.projects.items())],
        tasks=sorted((t.record for t in repo.tasks), key=lambda t: t.id),
        events=dict(sorted((m, e.record) for m, e in repo.events.items())),
        district=repo.district.record,
        domains={d: repo.domains[d].record for d in DOMAIN_ORDER if d in repo.domains},
        unsubmitted=unsubmitted,
        unfiled=frozenset({month}) if copied and month else frozenset(),
        problems=sorted((p.record for p in repo.problems), key=lambda p: p.id),
        interviews=dict(sorted((m, i.record) for m, i in repo.interviews.items())),
    )


def fill_unsubmitted(
    figures: pd.DataFrame, month: str | None = None
) -> tuple[pd.DataFrame, frozenset[tuple[str, str, str]]]:
    """Count every figure a town has not submitted (``completed`` missing) at the same
    town and metric's latest earlier figure of the same year — last month's figure, and 0
    in January, when counts restart, or when there is none (SPEC §3.5).

    When ``month`` has no rows at all, the towns, metrics and targets of the latest
    earlier month are copied to it, every one of them not submitted. Returns the figures
    with ``completed`` filled in, oldest first, and the (month, town, metric) filled.
    """
    frame = figures[FIGURE_COLUMNS]
    if month is not None and not (frame["month"] == month).any():
        earlier = frame.loc[frame["month"] < month, "month"]
        if not earlier.empty:
            copied = frame[frame["month"] == earlier.max()].assign(month=month, completed=None)
            frame = pd.concat([frame, copied], ignore_index=True)
    completed = pd.to_numeric(frame["completed"], errors="coerce").astype("Float64")
    missing = frame[completed.isna().to_numpy()]
    unsubmitted = frozenset(zip(missing["month"], missing["town"], missing["metric"], strict=True))
    # Each town and metric's months in order, within one year: blanks take the figure above.
    by_month = frame.assign(completed=completed).sort_values("month", kind="stable")
    year = by_month["month"].str[:4]
    groups = by_month.groupby([by_month["town"], by_month["metric"], year], sort=False)
    by_month["completed"] = groups["completed"].ffill().fillna(0)
    filled = by_month.astype({"target": "int64", "completed": "int64"}).reset_index(drop=True)
    return filled, unsubmitted
