"""Ids that must be unique: the one place where a duplicate is found and said.

Every kind of id — a town or unit code (within its table, and across the two tables), a
domain, a project, an events month, a task, an acknowledged warning — is checked with
``Ids``: the first record keeps the id, each later one is an ``id.duplicate`` error that
names where the first one is. The loader checks what one file holds (a table's rows, a
file's list) and what the files hold together as it registers them; ``validate`` checks
the ids that span two tables.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from xjj_cli.diagnostics import Location, Problem, ProblemLog
from xjj_cli.messages.validation import Subject, check_word, subject


@dataclass
class Ids:
    """The ids of one kind seen so far, each with where it was first seen.

    ``whole_files``: each record is a file of its own (a domain, a project, an events
    month), so a duplicate names the first file; otherwise it names the file and line.
    """

    what: Subject
    """The kind of id, a key of ``messages.validation.SUBJECTS`` (``project_id``,
    ``town_code`` …)."""
    whole_files: bool = False
    first: dict[str, Location | Callable[[], Location]] = field(default_factory=dict)

    def claim(self, code: str, where: Location | Callable[[], Location], log: ProblemLog) -> bool:
        """True when ``code`` is new (it is remembered at ``where``); else record an
        ``id.duplicate`` error at ``where`` and return False.

        ``where`` may be a function giving the location, called only for a duplicate: finding
        a line in a file loaded from the cache means parsing that file again."""
        first = self.first.get(code)
        if first is None:
            self.first[code] = where
            return True
        duplicate(
            log, _located(where), self.what, code, _located(first), whole_files=self.whole_files
        )
        return False


def _located(where: Location | Callable[[], Location]) -> Location:
    return where if isinstance(where, Location) else where()


def duplicate(
    log: ProblemLog,
    where: Location,
    what: Subject,
    code: str,
    first: Location,
    *,
    whole_files: bool,
) -> None:
    """Record that ``code`` at ``where`` was already defined at ``first``."""
    other = first.file if whole_files else check_word("at_line", file=first.file, line=first.line)
    log.error(where, "id.duplicate", what=subject(what), code=code, other=other)


def is_duplicate(problem: Problem) -> bool:
    """Whether ``problem`` says that an id was already taken."""
    return problem.code == "id.duplicate"
