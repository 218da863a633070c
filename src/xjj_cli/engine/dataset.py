"""The engine's input: a validated repository's records as plain values and DataFrames."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from xjj_cli.model import DOMAIN_ORDER, District, Domain, Events, Project, Rules, Task
from xjj_cli.repository import Repository

FIGURE_COLUMNS = ["month", "town", "metric", "target", "completed"]


@dataclass(frozen=True)
class Party:
    """A town or a unit: anybody a finding can name."""

    code: str
    name: str
    kind: str
    is_town: bool


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
    parties: dict[str, Party]
    metrics: list[MetricInfo]
    figures: pd.DataFrame
    projects: list[Project]
    tasks: list[Task]
    events: dict[str, Events]
    district: District | None = None
    domains: dict[str, Domain] = field(default_factory=dict)

    @property
    def ranked_metrics(self) -> list[MetricInfo]:
        """Ranked metrics in the seven-domain order."""
        return [m for m in self.metrics if m.ranked]

    def project(self, project_id: str) -> Project:
        """The project with ``project_id``."""
        index = self.__dict__.get("_projects")
        if index is None:
            index = self.__dict__["_projects"] = {p.id: p for p in self.projects}
        project: Project = index[project_id]
        return project


def dataset_from(repo: Repository) -> Dataset:
    """Turn a validated repository into the engine's input."""
    if repo.district is None:  # pragma: no cover - validation guarantees it
        raise ValueError("repository without district.yaml")
    parties = {c: Party(c, t.name, t.kind, True) for c, t in repo.towns.items()}
    parties.update({c: Party(c, u.name, u.kind, False) for c, u in repo.units.items()})
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
        for month in repo.months
        for f in repo.figures[month]
    ]
    figures = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    figures = figures.astype({"target": "int64", "completed": "int64"})
    return Dataset(
        rules=repo.district.record.rules,
        parties=parties,
        metrics=metrics,
        figures=figures,
        projects=[p.record for _, p in sorted(repo.projects.items())],
        tasks=sorted((t.record for t in repo.tasks), key=lambda t: t.id),
        events=dict(sorted((m, e.record) for m, e in repo.events.items())),
        district=repo.district.record,
        domains={d: repo.domains[d].record for d in DOMAIN_ORDER if d in repo.domains},
    )
