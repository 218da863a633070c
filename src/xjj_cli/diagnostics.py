"""The validation log (diagnostics): problems found in the data — where they are, what they
are — and how to collect them. Not the problems ledger (问题清单: ``engine.ledger``)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from xjj_cli.errors import EXIT_DATA, EXIT_OK
from xjj_cli.messages.validation import render_message

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a data file: path relative to the data folder's parent, 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Problem:
    """One error or warning, with its location, a stable code and a Chinese message."""

    location: Location
    code: str
    message: str
    severity: Severity = "error"
    subject: str = ""
    """What a warning is about inside its file (a town and metric with the figures, a
    milestone and its date…): with the code and the file it makes the warning's id."""
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """What the message was made of, for a later check that knows more (``validate``)."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def as_dict(self, warning_id: str | None = None) -> dict[str, Any]:
        """The stable JSON shape of SPEC §4, with the warning's ``id`` when given."""
        loc = self.location
        shape: dict[str, Any] = {
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "code": self.code,
            "message": self.message,
        }
        if warning_id is not None:
            shape["id"] = warning_id
        return shape


UNACKNOWLEDGEABLE = frozenset({"progress.not_submitted"})
"""Warnings that are a state to end, not a figure to review: a town that has not submitted
stays listed until it submits (an acknowledgement of it is stale)."""


@dataclass
class ProblemLog:
    """Collects every problem of a run; validation never stops at the first one."""

    problems: list[Problem] = field(default_factory=list)
    acknowledged: list[Problem] = field(default_factory=list)
    """Warnings the office acknowledged in ``acknowledged.yaml``: counted, not shown."""
    data_folder: str = ""
    """The data folder as it starts every location's file (``data``), or "" when the
    locations are relative to the data folder itself; warning ids leave it out."""

    def error(self, location: Location, code: str, /, **params: Any) -> None:
        """Record an error; the message comes from the catalogue entry of ``code``."""
        self.problems.append(
            Problem(location, code, render_message(code, **params), "error", params=params)
        )

    def warning(self, location: Location, code: str, /, *, about: str = "", **params: Any) -> None:
        """Record a warning; the message comes from the catalogue entry of ``code``.

        ``about`` names what the warning concerns within its file, so that its id stays
        the same when lines are added or moved (see ``warning_id``)."""
        message = render_message(code, **params)
        self.problems.append(
            Problem(location, code, message, "warning", subject=about, params=params)
        )

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere (for example in a cached file)."""
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        """Errors, in file, line, column order."""
        return sorted((p for p in self.problems if p.severity == "error"), key=_key)

    @property
    def warnings(self) -> list[Problem]:
        """Warnings, in file, line, column order."""
        return sorted((p for p in self.problems if p.severity == "warning"), key=_key)

    def warning_id(self, problem: Problem) -> str:
        """The stable id of a warning: ``code:file:subject``, the file relative to the data
        folder and no line number, so editing the file elsewhere does not change it."""
        file = problem.location.file
        prefix = f"{self.data_folder}/" if self.data_folder else ""
        if prefix and file.startswith(prefix):
            file = file[len(prefix) :]
        return f"{problem.code}:{file}" + (f":{problem.subject}" if problem.subject else "")

    def acknowledge(self, ids: Collection[str]) -> set[str]:
        """Set aside the warnings whose id is in ``ids``; return the ids that matched one."""
        kept: list[Problem] = []
        matched: set[str] = set()
        for problem in self.problems:
            acknowledgeable = (
                problem.severity == "warning" and problem.code not in UNACKNOWLEDGEABLE
            )
            warning_id = self.warning_id(problem) if acknowledgeable else None
            if warning_id is not None and warning_id in ids:
                self.acknowledged.append(problem)
                matched.add(warning_id)
            else:
                kept.append(problem)
        self.problems = kept
        return matched

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings do not count)."""
        return not any(p.severity == "error" for p in self.problems)

    @property
    def exit_code(self) -> int:
        """What ``xjj validate`` exits with, as black's ``Report.return_code``: 0 when there
        is no error (warnings do not count), 1 when the data has errors."""
        return EXIT_OK if self.ok else EXIT_DATA


def _key(problem: Problem) -> tuple[str, int, int, str, str]:
    return problem.sort_key
