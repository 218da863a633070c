"""四、下步工作要求 of the bulletin: 3 to 5 numbered requirements from the data, each naming
its units, projects or problems and a date (SPEC §5) — the towns behind, the red and yellow
projects, the overdue tasks and problems, the units that did not cooperate, the reports on
rectification — with every unit 三 names in one of them, and the units one month from 约谈
or 问责 in one sentence. No date asked for is before the bulletin's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from xjj_cli.bulletin.model import FlaggedProject, OverdueProblem, OverdueTask, UnitReasons
from xjj_cli.bulletin.problems import NAMED, named, unit_name
from xjj_cli.chinese import FULL_STOP, SEMICOLON, listing
from xjj_cli.engine.early_warnings import by_unit
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import WarningId
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import cn_date
from xjj_cli.months import add_months, month_end, month_of

LEAD_DAYS = 10
"""The fewest days between the bulletin's date and the date its requirements are due."""


def due_date(month: str, issued: dt.date) -> dt.date:
    """When 四's requirements are due: the end of the month after ``month``, or of a later
    month when the bulletin is issued so late that fewer than ``LEAD_DAYS`` days would remain
    (never a date before the bulletin's own, SPEC §5)."""
    due = month_end(add_months(month, 1))
    while (due - issued).days < LEAD_DAYS:
        due = month_end(add_months(month_of(due), 1))
    return due


def _names(names: Sequence[str]) -> str:
    """Units listed, the first ``NAMED`` only then 等N个单位."""
    return named(names, str, None)


def _towns(ev: MonthEvaluation, acted: Sequence[UnitReasons]) -> tuple[str, list[str]]:
    """The towns 三 names and those behind in 二 (their remaining tasks are in 附件1)."""
    units = ev.data.units
    order: dict[str, int] = {}
    for u in acted:
        if u.unit in units and units[u.unit].is_town:
            order.setdefault(u.unit, len(order))
    for ranking in ev.rankings:
        for row in sorted(ranking.rows, key=lambda r: -r.rank):
            if row.bottom_n or row.below_district or row.color == "red":
                order.setdefault(row.town, len(order))
    if not order:
        return "", []
    codes = sorted(order, key=lambda c: order[c])
    names = [unit_name(ev, c) for c in codes]
    text = bulletin_word(
        "step_towns",
        towns=_names(names),
        date=cn_date(dt.date(int(ev.month[:4]), 12, 31)),
    )
    return text, names[:NAMED]


def _projects(flagged: Sequence[FlaggedProject], due: dt.date) -> tuple[str, list[str]]:
    """The red projects' owners and the yellow ones' (the projects are named in 二)."""
    if not flagged:
        return "", []
    red = list(dict.fromkeys(p.owner_name for p in flagged if p.color == "red"))
    yellow = list(dict.fromkeys(p.owner_name for p in flagged if p.color == "yellow"))
    red_text = bulletin_word("red_owners", owners=_names(red), date=cn_date(due)) if red else ""
    yellow_text = (
        bulletin_word("yellow_owners", owners=_names(yellow), date=cn_date(due)) if yellow else ""
    )
    if red_text:
        red_text += SEMICOLON if yellow_text else FULL_STOP
    return (
        bulletin_word("step_projects", red=red_text, yellow=yellow_text),
        red[:NAMED] + yellow[:NAMED],
    )


def _overdue(
    tasks: Sequence[OverdueTask], problems: Sequence[OverdueProblem], due: dt.date
) -> tuple[str, list[str]]:
    """The units of the tasks still open and of the problems still open past their deadline."""
    task_units = list(dict.fromkeys(n for t in tasks if t.done is None for n in t.units))
    open_problems = [p for p in problems if p.resolved is None]
    problem_units = list(dict.fromkeys(p.unit_name for p in open_problems))
    if not task_units and not open_problems:
        return "", []
    parts = []
    if task_units:
        parts.append(bulletin_word("tasks_step", units=_names(task_units), date=cn_date(due)))
    if open_problems:
        parts.append(
            bulletin_word(
                "problems_step" if len(open_problems) > 1 else "problems_step_one",
                units=_names(problem_units),
                date=cn_date(due),
                first=open_problems[0].text,
                count=len(open_problems),
            )
        )
    return (
        bulletin_word("step_overdue", tasks=parts[0], problems="".join(parts[1:])),
        task_units[:NAMED] + problem_units[:NAMED],
    )


def _cooperation(ev: MonthEvaluation, due: dt.date) -> tuple[str, list[str]]:
    units = [f.name for f in ev.findings if any(b.rule == "noncooperation" for b in f.reasons)]
    if not units:
        return "", []
    return bulletin_word("step_cooperation", units=_names(units), date=cn_date(due)), units[:NAMED]


def _warned(ev: MonthEvaluation) -> str:
    """The units one month from 约谈 or 问责 (streak_near), in one sentence."""
    near = [w for w in ev.warnings if w.warning is WarningId.STREAK_NEAR]
    if not near:
        return ""
    units = [unit_name(ev, code) for code in by_unit(near)]
    return bulletin_word("warned", units=_names(units))


def step_items(
    ev: MonthEvaluation,
    issued: dt.date,
    acted: Sequence[UnitReasons],
    flagged: Sequence[FlaggedProject],
    tasks: Sequence[OverdueTask],
    problems: Sequence[OverdueProblem],
) -> tuple[str, ...]:
    """四's requirements, each one paragraph starting with its title; ``acted`` are the
    units 三 names, strongest action first."""
    assert ev.data.district is not None
    due = due_date(ev.month, issued)
    items: list[str] = []
    named: set[str] = set()
    for text, names in (
        _towns(ev, acted),
        _projects(flagged, due),
        _overdue(tasks, problems, due),
        _cooperation(ev, due),
    ):
        if text:
            items.append(text)
            named.update(names)
    warned = _warned(ev)
    if acted or warned:
        left = [u.name for u in acted if u.name not in named]
        units = (
            bulletin_word("rectify_named", units=listing(left))
            if 0 < len(left) <= NAMED
            else bulletin_word("rectify_all")
        )
        if acted:
            items.append(
                bulletin_word(
                    "step_rectify",
                    units=units,
                    days=ev.data.district.paper.rectify_working_days,
                    warned=warned,
                )
            )
        else:
            items.append(bulletin_word("step_warned", warned=warned))
    return tuple(items) if items else (bulletin_word("steps_calm"),)
