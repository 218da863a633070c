"""Problems found in the data: where they are, what they are, and how to collect them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from xjj_cli.messages import render_message

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
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """What the message was made of, for a later check that knows more (``validate``)."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of SPEC §4."""
        loc = self.location
        return {
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class ProblemLog:
    """Collects every problem of a run; validation never stops at the first one."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, location: Location, code: str, /, **params: Any) -> None:
        """Record an error; the message comes from the catalogue entry of ``code``."""
        self.problems.append(
            Problem(location, code, render_message(code, **params), "error", params)
        )

    def warning(self, location: Location, code: str, /, **params: Any) -> None:
        """Record a warning; the message comes from the catalogue entry of ``code``."""
        self.problems.append(
            Problem(location, code, render_message(code, **params), "warning", params)
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

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings do not count)."""
        return not any(p.severity == "error" for p in self.problems)


def _key(problem: Problem) -> tuple[str, int, int, str, str]:
    return problem.sort_key
