"""The loaded data repository: every valid record, where it came from, and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # annotations only: ``xjj validate`` restores a census without them
    from xjj_cli.load.yamldoc import YamlDoc, YamlPath
    from xjj_cli.model import (
        Acknowledgement,
        District,
        Domain,
        Events,
        Interviews,
        LedgerProblem,
        Project,
        Task,
        Town,
        TownFigure,
        Unit,
    )

from xjj_cli.diagnostics import Location, ProblemLog
from xjj_cli.months import collecting_month

T = TypeVar("T")


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A record with the YAML document it came from, to locate any of its fields."""

    record: T
    doc: YamlDoc
    base: YamlPath = ()

    @property
    def file(self) -> str:
        """The record's file, relative to the data folder's parent."""
        return self.doc.file

    def at(self, *path: str | int, key: bool = False) -> Location:
        """The location of the record's field at ``path``."""
        return self.doc.at((*self.base, *path), key=key)


@dataclass(frozen=True)
class Census:
    """What a repository holds, for the closing line of a successful check."""

    towns: int
    units: int
    domains: int
    projects: int
    tasks: int
    months: list[str]


@dataclass
class Repository:
    """Everything read from a data folder; records that failed their schema are left out."""

    data_dir: Path
    district: Sourced[District] | None = None
    domains: dict[str, Sourced[Domain]] = field(default_factory=dict)
    towns: dict[str, Town] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    figures: dict[str, list[TownFigure]] = field(default_factory=dict)
    projects: dict[str, Sourced[Project]] = field(default_factory=dict)
    tasks: list[Sourced[Task]] = field(default_factory=list)
    problems: list[Sourced[LedgerProblem]] = field(default_factory=list)
    """The problems ledger (problems/<year>.yaml), every year's files, in file order."""
    events: dict[str, Sourced[Events]] = field(default_factory=dict)
    acknowledged: list[Sourced[Acknowledgement]] = field(default_factory=list)
    interviews: dict[str, Sourced[Interviews]] = field(default_factory=dict)
    """interviews/YYYY-MM.yaml by month M: the time and place of the interviews that follow M."""
    log: ProblemLog = field(default_factory=ProblemLog)
    town_map: Path | None = None
    """map/towns.svg when the repository has one (read by validate and the board)."""
    complete: set[str] = field(default_factory=set)
    """Which tables loaded whole ("towns", "units", "domains"): references are checked only
    against a complete table, so one broken file does not drown the report in echoes."""
    listed: tuple[tuple[str, str], ...] = ()
    """Every file the load found below the data folder (its path relative to the folder, with
    slashes, and where it is), in ``load.files.data_files``'s order: what the fingerprint
    hashes, without walking the folder again."""
    counted: Census | None = None
    """The census of a repository restored from the cache with its problems but without
    its records (``xjj validate`` when nothing changed)."""

    def relative(self, path: Path) -> str:
        """``path`` as shown to users: relative to the data folder's parent, with slashes."""
        try:
            return path.relative_to(self.data_dir.parent).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def months(self) -> list[str]:
        """The months with town figures (a file with at least one row), oldest first."""
        return sorted(month for month, rows in self.figures.items() if rows)

    @property
    def reportable_months(self) -> list[str]:
        """The months that can be reported (SPEC §3.5), oldest first: a towns/progress file
        with rows, every ``completed`` in it filled in."""
        return [m for m in self.months if not self.not_submitted(m)]

    @property
    def collecting_month(self) -> str | None:
        """The month being collected (``months.collecting_month``)."""
        return collecting_month(self.months, self.reportable_months)

    def not_submitted(self, month: str) -> list[str]:
        """The towns (codes, in file order) with an empty ``completed`` in the month's file."""
        towns = (f.town for f in self.figures.get(month, []) if f.completed is None)
        return list(dict.fromkeys(towns))

    def census(self) -> Census:
        """Counts of what was loaded."""
        if self.counted is not None:
            return self.counted
        return Census(
            towns=len(self.towns),
            units=len(self.units),
            domains=len(self.domains),
            projects=len(self.projects),
            tasks=len(self.tasks),
            months=self.months,
        )
