"""What ``xjj push`` says (SPEC §9): 催报, 预警 and the month's summary as short messages of
lines, each line one item, whole; the words are the catalogue's (``messages.online``) and the
bulletin's (its verdict sentence), the facts the engine's.

A message is not yet Markdown for a service: a line may name the mobile numbers of the units
it is about (``units.csv``/``towns.csv``'s optional ``mobile`` column), and each service
mentions them its own way (``online.services``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from xjj_cli.bulletin.overview import VERDICT, verdict
from xjj_cli.chinese import clauses, listing
from xjj_cli.engine.dataset import UnitInfo
from xjj_cli.engine.early_warnings import by_unit
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import Action
from xjj_cli.engine.status import Submissions
from xjj_cli.messages.formats import cn_date, cn_month
from xjj_cli.messages.online import push_word
from xjj_cli.model import Contact
from xjj_cli.months import add_months
from xjj_cli.wording.warnings import warning_text


@dataclass(frozen=True)
class Line:
    """A line of a message, and the mobile numbers of the units it is about (to @mention)."""

    text: str
    mobiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Message:
    """A message for the work chats: its title (with 征求意见稿 for a draft) and its lines."""

    title: str
    lines: tuple[Line, ...]

    @property
    def mobiles(self) -> tuple[str, ...]:
        """Every mobile number the message mentions, in order, once."""
        return tuple(dict.fromkeys(m for line in self.lines for m in line.mobiles))


def _mobiles(units: Mapping[str, UnitInfo], codes: Iterable[str]) -> tuple[str, ...]:
    found = (units[c].mobile for c in codes if c in units)
    return tuple(dict.fromkeys(m for m in found if m))


def deadline(month: str, report_by: int) -> dt.date:
    """The day units submit ``month`` by: day ``report_by`` of the month after it."""
    after = add_months(month, 1)
    return dt.date(int(after[:4]), int(after[5:7]), report_by)


def _titled(title: str, draft: bool, month: str) -> tuple[str, list[Line]]:
    if not draft:
        return title, []
    return push_word("draft_title", title=title), [
        Line(push_word("draft_line", month=cn_month(month)))
    ]


def status_message(
    found: Submissions, units: Mapping[str, UnitInfo], report_by: int
) -> Message | None:
    """催报: the units that have not submitted ``found.month`` and what each owes, the
    deadline and the office's contact; None when every unit has submitted."""
    if not found.chase:
        return None
    month = cn_month(found.month)
    due = deadline(found.month, report_by)
    lines = [
        Line(
            push_word(
                "status_intro",
                count=len(found.chase),
                month=month,
                deadline=push_word("deadline", month=due.month, day=due.day),
            )
        )
    ]
    for unit in found.chase:
        parts = [push_word("status_town")] if unit.figures else []
        if unit.projects:
            projects = listing(
                push_word("status_project", id=p.id, name=p.name) for p in unit.projects
            )
            parts.append(push_word("status_projects", projects=projects))
        lines.append(
            Line(
                push_word("status_unit", name=unit.name, missing=clauses(parts)),
                _mobiles(units, [unit.unit]),
            )
        )
    lines.extend(_contact(found.contact))
    return Message(push_word("status_title", month=month), tuple(lines))


def _contact(contact: Contact | None) -> list[Line]:
    if contact is None:
        return []
    return [Line(push_word("contact", name=contact.name, phone=contact.phone))]


def warnings_message(ev: MonthEvaluation, contact: Contact | None = None) -> Message | None:
    """预警 by unit, most urgent first, each warning with when the unit must act; None when
    the month has none."""
    grouped = by_unit(ev.warnings)
    if not grouped:
        return None
    title, lines = _titled(
        push_word("warnings_title", month=cn_month(ev.month)), ev.draft, ev.month
    )
    lines.append(Line(push_word("warnings_intro", units=len(grouped), count=len(ev.warnings))))
    units = ev.data.units
    for code, listed in grouped.items():
        name, _ = ev.data.describe(code)
        lines.append(Line(push_word("warnings_unit", name=name), _mobiles(units, [code])))
        lines.extend(
            Line(push_word("warnings_line", text=warning_text(w, ev.data), by=cn_date(w.by)))
            for w in listed
        )
    lines.extend(_contact(contact))
    return Message(title, tuple(lines))


def summary_message(ev: MonthEvaluation) -> Message:
    """The month in a few lines: the bulletin's verdict sentence, the red projects and who is
    called to 约谈 or proposed for 问责."""
    title, lines = _titled(push_word("summary_title", month=cn_month(ev.month)), ev.draft, ev.month)
    findings = ev.findings
    lines.append(Line(verdict(_tally(f.action for f in findings))))
    red = [s for s in ev.statuses if s.color == "red"]
    if red:
        lines.append(Line(push_word("summary_red", count=len(red))))
        for s in red:
            owner, _ = ev.data.describe(s.owner)
            lines.append(
                Line(
                    push_word("summary_red_line", id=s.id, name=s.name, owner=owner),
                    _mobiles(ev.data.units, [s.owner]),
                )
            )
    else:
        lines.append(Line(push_word("summary_red_none")))
    for action, key in (
        (Action.interview, "summary_interview"),
        (Action.accountability, "summary_accountability"),
    ):
        named = [f for f in findings if f.action is action]
        if named:
            lines.append(
                Line(
                    push_word(key, count=len(named), names=listing(f.name for f in named)),
                    _mobiles(ev.data.units, (f.unit for f in named)),
                )
            )
    return Message(title, tuple(lines))


def _tally(actions: Iterable[Action]) -> dict[Action, int]:
    """The verdict's counts, as the bulletin makes them (its acted units: 通报, 约谈, 问责)."""
    tally: dict[Action, int] = {}
    for action in actions:
        if action in VERDICT:
            tally[action] = tally.get(action, 0) + 1
    return tally
