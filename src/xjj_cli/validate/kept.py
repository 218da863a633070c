"""What a run of the checks keeps for the next one: the problems each part found, by its
inputs (see ``run.validate_repository``), and where each part lies in the log."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from xjj_cli.diagnostics import Problem
from xjj_cli.load.files import FileKind
from xjj_cli.load.yamldoc import YamlPath
from xjj_cli.repository import Repository

NOT_PROJECTS = frozenset(FileKind) - {FileKind.PROJECT}
LEDGER_INPUTS = frozenset({FileKind.PROBLEMS, FileKind.TOWNS, FileKind.UNITS})
"""The files the checks of the problems ledger read, besides each project's id and domain."""


@dataclass
class LedgerChecks:
    """The problems the checks of the problems ledger found (``check_problems``), in order.

    They depend on the ledger, the tables of towns and units and the projects' ids and
    domains only: ``validate_repository`` keeps them by those (``ledger_key``), so that a
    20,000-entry ledger is not checked again while none of them changed."""

    problems: list[Problem] | None = None


@dataclass
class Trace:
    """Where the parts of a run's cross-file checks lie in its log, before acknowledgements:
    indexes where each part begins, and each project file's spans (see ``Segments``)."""

    marks: dict[str, int] = field(default_factory=dict)
    checked: dict[str, tuple[int, int]] = field(default_factory=dict)
    dated: dict[str, tuple[int, int]] = field(default_factory=dict)
    ahead: dict[str, tuple[int, int]] = field(default_factory=dict)
    raw: list[Problem] = field(default_factory=list)
    """The whole log before acknowledged warnings were set aside."""


FIGURE_INPUTS = frozenset(
    {FileKind.DISTRICT, FileKind.DOMAIN, FileKind.TOWNS, FileKind.UNITS, FileKind.FIGURES}
)
"""The files the checks of the town figures read: the figures, the tables their codes
refer to, the domains with their metrics and the district with its rules (a project's own
checks read the tables of towns and units besides the project)."""


@dataclass
class FigureChecks:
    """The problems the checks of the town figures found, each list in the order found.

    They depend only on ``FIGURE_INPUTS`` (never on a project, a task or the day), so
    ``validate_repository`` keeps them in the cache by those files' digests and reuses them
    while those files are unchanged: a changed project file does not check them again.
    ``projects`` holds each project's own checks (``check_project``) by its file, its
    place in the file and the file's digest: only a changed project is checked again."""

    figures: list[Problem] | None = None
    plausibility: list[Problem] | None = None
    projects: dict[tuple[str, YamlPath, str], list[Problem]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Whether both lists are known."""
        return self.figures is not None and self.plausibility is not None


@dataclass
class DateChecks:
    """The dates after the day of a run (``date.future`` warnings) found in each file, by the
    file and its content digest, in the order found.

    They depend only on the file and the day: ``validate_repository`` keeps them in the cache
    under the day, so a large unchanged file (the problems ledger) is not searched again —
    locating its dates means parsing the whole file again with positions."""

    files: dict[tuple[str, str], list[Problem]] = field(default_factory=dict)


def found(repo: Repository, kept: list[Problem] | None, check: Callable[[], None]) -> list[Problem]:
    """The problems ``check`` finds, in order: ``kept`` when known, else found now."""
    if kept is not None:
        repo.log.extend(kept)
        return kept
    start = len(repo.log.problems)
    check()
    return repo.log.problems[start:]
