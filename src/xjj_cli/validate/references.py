"""References between records: a code names a known town or unit of the right kind, a
metric, a domain or a project — one check for each kind of reference, "did you mean" included."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import partial
from typing import Literal

from xjj_cli.chinese import listing
from xjj_cli.diagnostics import Location
from xjj_cli.load.identity import duplicate
from xjj_cli.load.typos import code_for_name
from xjj_cli.messages.validation import (
    PARTY_KINDS,
    PARTY_NAMES,
    Subject,
    did_you_mean,
    either,
    name_hint,
    render_message,
    subject,
)
from xjj_cli.model import DOMAIN_ORDER, Town, Unit
from xjj_cli.repository import Repository

PartyKind = Literal["town", "unit"]
"""Which table a reference looks in: ``towns.csv`` or ``units.csv``."""
Where = Callable[[], Location]


def check_ref(
    repo: Repository,
    where: Where,
    code: str,
    accept: tuple[PartyKind, ...],
    what: Subject | None = None,
) -> bool:
    """Record an error unless ``code`` is a known town or unit of an accepted kind.

    ``what`` (a key of ``messages.validation.SUBJECTS``) names the reference; by default,
    the kinds. ``where`` is called only for an error: finding a location means reading the
    file again."""
    for party in accept:
        if code in table_of(repo, party):
            return True
    for party in ("town", "unit"):
        if party not in accept and code in table_of(repo, party):
            expected = either(PARTY_KINDS[p] for p in accept)
            repo.log.error(
                where(), "ref.kind", code=code, actual=PARTY_KINDS[party], expected=expected
            )
            return False
    if not all(("towns" if p == "town" else "units") in repo.complete for p in accept):
        return True  # a table failed to load: its own errors say so; do not echo them here
    names = {c: row.name for p in accept for c, row in table_of(repo, p).items()}
    repo.log.error(
        where(),
        "ref.unknown",
        what=subject(what) if what else either(PARTY_NAMES[p] for p in accept),
        code=code,
        suggestion=did_you_mean(code, names, names),
    )
    return False


def table_of(repo: Repository, party: PartyKind) -> Mapping[str, Town | Unit]:
    return repo.towns if party == "town" else repo.units


def check_codes(repo: Repository) -> None:
    """A code is a town's or a unit's, never both (each table's own repeats were found as
    it was loaded, by the same ``load.identity``)."""
    for code, unit in repo.units.items():
        if code in repo.towns:
            first = repo.towns[code].location
            duplicate(repo.log, unit.location, "code", code, first, whole_files=False)


def suggest_codes_for_names(repo: Repository) -> None:
    """A name written where a code belongs (济阳街道 for jy) was reported by the loader as a
    code of the wrong format; now that the names are known, say which code was meant."""
    names = {code: row.name for table in (repo.towns, repo.units) for code, row in table.items()}
    tables = {row.location.file for table in (repo.towns, repo.units) for row in table.values()}
    if not names:
        return
    problems = repo.log.problems
    for i, problem in enumerate(problems):
        if problem.code != "value.code" or problem.location.file in tables:
            continue  # a code column of towns.csv or units.csv is where codes are made
        raw = problem.params.get("raw")
        code = code_for_name(raw, names) if isinstance(raw, str) else None
        if code is None:
            continue
        params = {**problem.params, "suggestion": name_hint(code, names[code])}
        message = render_message(problem.code, **params)
        problems[i] = dataclasses.replace(problem, message=message, params=params)


def check_domains(repo: Repository) -> None:
    for domain in repo.domains.values():
        record = domain.record
        check_ref(repo, partial(domain.at, "lead"), record.lead, ("unit",), "lead")
        for i, code in enumerate(record.cooperating):
            check_ref(
                repo, partial(domain.at, "cooperating", i), code, ("unit", "town"), "cooperating"
            )
        seen: set[str] = set()
        for i, metric in enumerate(record.metrics):
            if metric.id in seen:
                repo.log.error(domain.at("metrics", i, "id"), "metric.duplicate", code=metric.id)
            seen.add(metric.id)


def check_domain(repo: Repository, where: Where, code: str) -> bool:
    """Record an error unless ``code`` is one of the seven domains (SPEC §1)."""
    if code in DOMAIN_ORDER:
        return True
    repo.log.error(
        where(),
        "domain.unknown",
        code=code,
        suggestion=did_you_mean(code, DOMAIN_ORDER),
        allowed=listing(DOMAIN_ORDER),
    )
    return False


def check_project_ref(repo: Repository, where: Where, code: str) -> bool:
    """Record an error unless ``code`` is a project of the repository."""
    if code in repo.projects:
        return True
    repo.log.error(
        where(),
        "ref.unknown",
        what=subject("project"),
        code=code,
        suggestion=did_you_mean(code, repo.projects),
    )
    return False


def known_metrics(repo: Repository) -> dict[str, str]:
    """Every metric as ``domain.metric`` mapped to its name."""
    return {
        f"{d.record.id}.{m.id}": m.name for d in repo.domains.values() for m in d.record.metrics
    }
