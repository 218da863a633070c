"""Which month a form may change (SPEC §8 "No form can damage a month") and what an import
says per unit: what each form filled in and what is still missing.

The month being collected is the one after the latest reportable month (SPEC §3.5; while
none is, the first month with town figures). A form of a reportable month is refused unless
``--amend`` names that month; a form of a month after the collecting month is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xjj_cli.diagnostics import Problem
from xjj_cli.forms import layout
from xjj_cli.forms.filled import FilledForm
from xjj_cli.forms.remembered import Remembered
from xjj_cli.messages.bulletin import bulletin_stem
from xjj_cli.messages.formats import cn_month
from xjj_cli.messages.forms import import_message
from xjj_cli.paths import reports_folder
from xjj_cli.repository import Repository
from xjj_cli.validate import known_metrics

PLAUSIBILITY_CODES = frozenset({"progress.far_above_target", "progress.jump"})
"""The warnings of SPEC §2 on a town's figures that ``xjj import`` shows (as ``validate``)."""


_MONTHS: Remembered[None, tuple[list[str], str | None]] = Remembered()
months_remembered = _MONTHS.kept
"""While forms are read against repositories that do not change: each one's reportable and
collecting months found once (issue 28: found again for each form, from every figure of the
province, they were 7% of importing 1,800 forms)."""


def _months(repo: Repository) -> tuple[list[str], str | None]:
    """The repository's reportable months and the month being collected."""
    return _MONTHS.get(repo, None, lambda: (repo.reportable_months, repo.collecting_month))


def month_refusal(month: str, repo: Repository, amend: str | None) -> tuple[str, dict[str, Any]]:
    """Why a form of ``month`` may not be imported — a message key and its parameters — or
    ("", {}) when it may."""
    reportable, collecting = _months(repo)
    if month in reportable and month != amend:
        short = cn_month(month, relative_to=month)
        return "month_reportable", {"month": cn_month(month), "short": short, "code": month}
    if collecting is not None and month > collecting:
        return "month_ahead", {"month": cn_month(month), "collecting": cn_month(collecting)}
    return "", {}


def issued_bulletins(data_dir: Path, month: str) -> list[Path]:
    """The issued (non-draft) bulletin files of ``month`` under ``reports/M/``."""
    folder = reports_folder(data_dir, month)
    stem = bulletin_stem(month, draft=False)
    return [folder / f"{stem}{suffix}" for suffix in (".md", ".docx")]


def amend_warnings(repo: Repository, month: str, amend: str | None) -> list[str]:
    """An amended month whose issued bulletin no longer matches the data."""
    if amend is None or month != amend:
        return []
    found = [p for p in issued_bulletins(repo.data_dir, month) if p.is_file()]
    if not found:
        return []
    files = import_message("how.join").join(repo.relative(p) for p in found)
    return [import_message("bulletin_stale", files=files, month=cn_month(month), code=month)]


def unit_lines(repo: Repository, forms: Sequence[FilledForm]) -> list[str]:
    """Per form, what it filled in and what is still missing for its unit's month."""
    from xjj_cli.forms.office import office_line

    lines = []
    for f in forms:
        if f.form is layout.TOWN:
            lines.append(_town_line(repo, f))
        elif f.form is layout.OFFICE:
            lines.append(office_line(f))
        else:
            lines.append(_owner_line(repo, f))
    return lines


def _town_line(repo: Repository, form: FilledForm) -> str:
    names = known_metrics(repo)
    town = repo.towns[form.unit].name if form.unit in repo.towns else form.unit
    filled = {f.metric for f in form.figures}
    blank = [m for m in dict.fromkeys(form.items) if m not in filled]
    rows = repo.figures.get(form.month, [])
    have = {f.metric for f in rows if f.town == form.unit and f.completed is not None}
    missing = [m for m in blank if m not in have]
    params: dict[str, Any] = {"unit": town, "filled": len(filled), "blank": len(blank)}
    if not blank:
        return import_message("unit_town_all", **params)
    join = import_message("how.join")
    params["names"] = join.join(names.get(m, m) for m in blank)
    key = "unit_town_missing" if missing else "unit_town_kept"
    return import_message(key, **params)


def _owner_line(repo: Repository, form: FilledForm) -> str:
    unit = repo.units[form.unit].name if form.unit in repo.units else form.unit
    filled = {p.project for p in form.progress}
    blank = [p for p in dict.fromkeys(form.items) if p not in filled]
    missing = [
        p
        for p in blank
        if p not in repo.projects
        or not any(e.month == form.month for e in repo.projects[p].record.progress)
    ]
    params: dict[str, Any] = {"unit": unit, "filled": len(filled), "blank": len(blank)}
    problems = ""
    if form.resolutions or form.new_problems:
        problems = import_message(
            "unit_problems", resolved=len(form.resolutions), raised=len(form.new_problems)
        )
    params["problems"] = problems
    if not blank:
        return import_message("unit_owner_all", **params)
    join = import_message("how.join")
    params["names"] = join.join(
        repo.projects[p].record.name if p in repo.projects else p for p in blank
    )
    key = "unit_owner_missing" if missing else "unit_owner_kept"
    return import_message(key, **params)


def plausibility_lines(
    warnings: Sequence[tuple[Problem, str]], forms: Sequence[FilledForm]
) -> list[str]:
    """The plausibility warnings of SPEC §2 (far above the target, a jump) on the figures the
    town forms filled in, as ``validate`` finds them with the import written, with its ids."""
    typed = {(f.town, f.metric, form.month) for form in forms for f in form.figures}
    lines = []
    for problem, warning_id in warnings:
        town, metric = problem.params.get("town"), problem.params.get("metric")
        file = problem.location.file
        month = Path(file).stem
        if problem.code not in PLAUSIBILITY_CODES or (town, metric, month) not in typed:
            continue
        place = f"{file}:{problem.location.line}:{problem.location.column}"
        lines.append(
            import_message("plausibility", place=place, message=problem.message, id=warning_id)
        )
    return lines
