"""``xjj status`` for people (tables and the 催报 list) and for programs (SPEC §4 JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xjj_cli.chinese import clauses, listing
from xjj_cli.engine.status import Submissions, Unreported, by_owner
from xjj_cli.messages.formats import cn_date, cn_month
from xjj_cli.messages.reports import (
    NOT_SUBMITTED,
    REPORT_HEADINGS,
    ledger_word,
    reporting,
    status_word,
)
from xjj_cli.months import month_end
from xjj_cli.render import tabular
from xjj_cli.render.tabular import Column, Table, columns

_MISSING = "bold yellow"


def chased(projects: Sequence[Unreported]) -> str:
    """The projects one owner is chased for, in one line: 5G-2026-003（…）、IIOT-2026-004（…）."""
    return listing(reporting("remind_project", id=p.id, name=p.name) for p in projects)


def reminder(month: str, unreported: Sequence[Unreported]) -> str:
    """The 催报 list in Chinese (SPEC §3.5), one line per owner; empty when everybody
    reported."""
    if not unreported:
        return ""
    lines = [reporting("remind_head", month=cn_month(month), count=len(unreported))]
    for projects in by_owner(unreported).values():
        lines.append(
            reporting("remind_line", owner=projects[0].owner_name, projects=chased(projects))
        )
    return "\n".join(lines)


def status_json(found: Submissions) -> dict[str, Any]:
    """SPEC §4: ``{"month", "reportable", "towns", "projects", "problems_overdue"}``."""
    return {
        "month": found.month,
        "reportable": found.reportable,
        "towns": [{"town": t.town, "name": t.name, "submitted": t.submitted} for t in found.towns],
        "projects": [
            {"id": p.id, "name": p.name, "owner": p.owner, "reported": p.reported}
            for p in found.projects
        ],
        "problems_overdue": [
            {
                "id": p.id,
                "unit": p.unit,
                "deadline": p.deadline.isoformat(),
                "days_overdue": p.days_overdue,
            }
            for p in found.overdue
        ],
    }


def headline(found: Submissions) -> str:
    """The month's state in one sentence: reportable, towns pending, or no file yet."""
    month = cn_month(found.month)
    missing = [t.name for t in found.towns if not t.submitted]
    if not found.filed:
        return status_word("no_file", month=month, code=found.month, count=len(found.towns))
    if found.reportable:
        return status_word("complete", month=month, count=len(found.towns))
    return status_word("pending", month=month, count=len(missing), names=listing(missing))


def status_tables(found: Submissions) -> list[Table]:
    """The towns, the projects expected to report, and the 催报 list by unit (when any)."""
    month = cn_month(found.month)
    submitted = status_word("submitted")
    h = REPORT_HEADINGS["status_towns"]
    towns = Table(
        title=status_word("towns_title", month=month),
        columns=columns(h, "name", "kind", "submitted"),
    )
    for t in found.towns:
        towns.add(
            {
                "name": (t.name, t.name),
                "kind": (t.kind, t.kind),
                "submitted": (t.submitted, submitted if t.submitted else NOT_SUBMITTED),
            },
            {"submitted": "" if t.submitted else _MISSING},
        )
    h = REPORT_HEADINGS["status_projects"]
    reported = sum(p.reported for p in found.projects)
    projects = Table(
        title=status_word("projects_title", month=month),
        columns=columns(h, "id", "name", "owner_name", "reported"),
        caption=status_word(
            "projects",
            total=len(found.projects),
            reported=reported,
            missing=len(found.projects) - reported,
        ),
    )
    for p in found.projects:
        projects.add(
            {
                "id": (p.id, p.id),
                "name": (p.name, p.name),
                "owner_name": (p.owner_name, p.owner_name),
                "reported": (p.reported, submitted if p.reported else NOT_SUBMITTED),
            },
            {"reported": "" if p.reported else _MISSING},
        )
    tables = [towns, projects]
    if found.chase:
        h = REPORT_HEADINGS["status_chase"]
        chase = Table(
            title=status_word("chase_title", month=month),
            columns=columns(h, "name", "kind", "missing"),
        )
        for unit in found.chase:
            parts = [status_word("town_missing")] if unit.figures else []
            if unit.projects:
                parts.append(chased(unit.projects))
            text = clauses(parts)
            chase.add(
                {
                    "name": (unit.name, unit.name),
                    "kind": (unit.kind, unit.kind),
                    "missing": (text, text),
                },
                {"name": "bold"},
            )
        tables.append(chase)
    if found.overdue:
        tables.append(overdue_table(found))
    return tables


def overdue_table(found: Submissions) -> Table:
    """逾期未解决的问题: the ledger's problems past their deadline without being solved, with
    their responsible units and days overdue at the month's end."""
    h = REPORT_HEADINGS["status_problems"]
    table = Table(
        title=ledger_word(
            "status_title", month=cn_month(found.month), day=cn_date(month_end(found.month))
        ),
        columns=(
            *columns(h, "id", "text", "unit_name", "deadline"),
            Column("days_overdue", h["days_overdue"], numeric=True),
        ),
        caption=ledger_word("status_caption", count=len(found.overdue)),
    )
    for p in found.overdue:
        table.add(
            {
                "id": (p.id, p.id),
                "text": (p.text, p.text),
                "unit_name": (p.unit_name, p.unit_name),
                "deadline": (p.deadline.isoformat(), cn_date(p.deadline)),
                "days_overdue": (p.days_overdue, str(p.days_overdue)),
            },
            {"unit_name": "bold", "days_overdue": "bold red"},
        )
    return table


def _closing(found: Submissions) -> list[str]:
    """The lines after the tables: that nobody is missing, and who to reply to."""
    tail = []
    if not found.chase:
        tail.append(status_word("nobody", month=cn_month(found.month)))
    if found.contact is not None:
        tail.append(status_word("contact", name=found.contact.name, phone=found.contact.phone))
    return tail


def status_text(found: Submissions, *, color: bool) -> str:
    """The month's state, its tables and the 催报 list, and who to reply to."""
    body = tabular.to_rich(status_tables(found), color=color)
    return headline(found) + "\n" + body + "".join(f"{line}\n" for line in _closing(found))


def status_markdown(found: Submissions) -> str:
    """``status_text`` in GitHub-flavoured Markdown (a CI run's summary page): the sentence,
    the same tables, and the closing lines as paragraphs."""
    parts = [headline(found), tabular.to_markdown(status_tables(found)).rstrip("\n")]
    return "\n\n".join(parts + _closing(found)) + "\n"
