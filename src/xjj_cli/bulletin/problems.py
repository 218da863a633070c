"""二、存在的主要问题 of the bulletin: grouped by kind of problem, each group one paragraph,
each unit once in it with the plain reason and the figure that shows it (SPEC §5): 镇街指标
滞后, 项目进度滞后, 市重点督办任务逾期, 问题清单逾期未办结, 市平台亮牌, 不配合工作. A
group with nothing is left out; beyond ``NAMED`` units a group names the first and refers to
its annex."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from xjj_cli.bulletin.model import (
    Annexes,
    CardLine,
    FlaggedProject,
    OverdueProblem,
    OverdueTask,
    Part,
)
from xjj_cli.chinese import ENUMERATION_COMMA, FULL_STOP, SEMICOLON, listing
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.ledger import LedgerFilter, LedgerState, ledger_at
from xjj_cli.engine.results import Action, MetricRanking, TownRow, UnitFinding
from xjj_cli.engine.rules.noncooperation import NoncooperationEvidence
from xjj_cli.engine.tasks import task_state
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import chinese_number, cn_date, percent
from xjj_cli.wording.rules.noncooperation import report_words

# How many units a group of the body names before 等N个单位（详见附件N） (SPEC §5).
NAMED = 10
# How many red projects of one owner 二 names before 等N个项目 (附件3 has them all).
OWNER_PROJECTS = 3

T = TypeVar("T")


def named(items: Sequence[T], say: Callable[[T], str], annex: int | None) -> str:
    """``items`` said one by one and listed (、), the first ``NAMED`` only when there are
    more, then 等N个单位（详见附件N） — or 等N个单位 without an annex to refer to."""
    shown = listing(say(item) for item in items[:NAMED])
    if len(items) <= NAMED:
        return shown
    if annex is None:
        return shown + bulletin_word("more_units_short", count=len(items))
    return shown + bulletin_word("more_units", count=len(items), annex=annex)


def unit_name(ev: MonthEvaluation, code: str) -> str:
    """A unit's name, or its code when the data does not name it."""
    names = ev.data.units
    return names[code].name if code in names else code


def project_name(ev: MonthEvaluation, code: str) -> str:
    """A project's name, or its code when the month has no such project."""
    for status in ev.statuses:
        if status.id == code:
            return status.name
    return code


def overdue_tasks(ev: MonthEvaluation) -> tuple[OverdueTask, ...]:
    """The city tasks still open past their deadline, then those done late this month."""
    overdue, late = [], []
    for task in ev.data.tasks:
        state = task_state(task, ev.month)
        names = tuple(unit_name(ev, u) for u in task.units)
        if state.overdue_days is not None:
            overdue.append(
                OverdueTask(task.id, task.title, names, task.deadline, None, state.overdue_days)
            )
        elif state.late_days is not None:
            late.append(
                OverdueTask(task.id, task.title, names, task.deadline, state.done, state.late_days)
            )
    return (*overdue, *late)


def overdue_problems(ev: MonthEvaluation) -> tuple[OverdueProblem, ...]:
    """The ledger's problems still open past their deadline (longest overdue first), then
    those solved late during the month."""
    entries = ledger_at(ev.data.problems, ev.month, LedgerFilter.all, list(ev.data.units))
    rows = []
    for state in (LedgerState.overdue, LedgerState.solved_late):
        for entry in sorted(
            (e for e in entries if e.state is state), key=lambda e: -(e.days_overdue or 0)
        ):
            p = entry.problem
            if p.project is not None:
                where = project_name(ev, p.project)
            elif p.domain in ev.data.domains:
                where = ev.data.domains[p.domain].name
            else:
                where = ""
            rows.append(
                OverdueProblem(
                    p.text,
                    where,
                    unit_name(ev, p.unit),
                    p.deadline,
                    p.resolved if state is LedgerState.solved_late else None,
                    entry.days_overdue or 0,
                )
            )
    return tuple(rows)


def card_lines(ev: MonthEvaluation) -> tuple[tuple[str, tuple[CardLine, ...]], ...]:
    """The cards the city's platform issued this month, by unit (in the order of each
    unit's first card by date)."""
    events = ev.data.events.get(ev.month)
    grouped: dict[str, list[CardLine]] = {}
    for c in sorted(events.cards if events else [], key=lambda c: (c.date, c.unit)):
        project_text = ""
        if c.project:
            name = project_name(ev, c.project)
            if name not in c.subject:
                project_text = bulletin_word("card_project", name=name)
        unit = unit_name(ev, c.unit)
        grouped.setdefault(unit, []).append(
            CardLine(c.date, c.color, unit, c.subject, c.project, project_text)
        )
    return tuple((unit, tuple(cards)) for unit, cards in grouped.items())


def _actions(findings: Iterable[UnitFinding]) -> dict[str, Action]:
    return {f.unit: f.action for f in findings}


def _towns(ev: MonthEvaluation, annex: int | None) -> str:
    """镇街指标滞后 (the district rates are 一's): the towns in the bottom N or below the
    district rate, each once with its metrics' rates and its red metrics, the strongest
    action first; then the towns only red."""
    action = _actions(ev.findings)
    pairs: dict[str, list[tuple[MetricRanking, TownRow]]] = {}
    for ranking in ev.rankings:
        for row in sorted(ranking.rows, key=lambda r: -r.rank):
            if row.bottom_n or row.below_district or row.color == "red":
                pairs.setdefault(row.town, []).append((ranking, row))
    if not pairs:
        return ""
    first = {town: i for i, town in enumerate(pairs)}
    towns = sorted(pairs, key=lambda t: (-action.get(t, 0), first[t]))
    lagging = [t for t in towns if any(r.bottom_n or r.below_district for _, r in pairs[t])]
    red_only = [t for t in towns if t not in lagging]
    flagged = [r for t in lagging for _, r in pairs[t] if r.bottom_n or r.below_district]
    if all(r.bottom_n and r.below_district for r in flagged):
        kind = "towns_both"
    elif all(r.bottom_n for r in flagged):
        kind = "towns_bottom"
    elif all(r.below_district for r in flagged):
        kind = "towns_below"
    else:
        kind = "towns_either"

    def town_rates(town: str) -> str:
        rates = ENUMERATION_COMMA.join(
            bulletin_word("metric_rate", metric=r.metric_name, rate=percent(row.rate))
            for r, row in pairs[town]
        )
        red = [r.metric_name for r, row in pairs[town] if row.color == "red"]
        if red and len(red) == len(pairs[town]) > 1:
            rates += bulletin_word("town_red_all")
        elif red:
            rates += bulletin_word("town_red_metrics", metrics=listing(red))
        return bulletin_word("town_rates", town=pairs[town][0][1].name, rates=rates)

    def town_name(town: str) -> str:
        return pairs[town][0][1].name

    def say(towns: list[str]) -> str:
        """Towns with their rates; beyond ``NAMED`` the first by name (附件1 has them all)."""
        if len(towns) > NAMED:
            return named(towns, town_name, annex)
        return listing(town_rates(t) for t in towns)

    parts = []
    if lagging:
        parts.append(
            bulletin_word(
                kind,
                towns=say(lagging),
                n=chinese_number(ev.data.rules.bottom_n),
            )
        )
    if red_only:
        parts.append(bulletin_word("towns_red", towns=say(red_only)))
    return SEMICOLON.join(parts) + FULL_STOP


def _projects(ev: MonthEvaluation, flagged: Sequence[FlaggedProject], annex: int | None) -> str:
    """项目进度滞后 (一 counts them): each owner of a red project once with its red projects
    and why, then the owners of yellow projects only (三 and 附件3 tell their projects), the
    owners with the strongest action first."""
    if not flagged:
        return ""
    action = _actions(ev.findings)
    owners: dict[str, list[FlaggedProject]] = {}
    for p in flagged:  # red ones first
        owners.setdefault(p.owner, []).append(p)
    first = {owner: i for i, owner in enumerate(owners)}
    ordered = sorted(owners, key=lambda o: (-action.get(o, 0), first[o]))
    with_red = [o for o in ordered if any(p.color == "red" for p in owners[o])]
    only_yellow = [owners[o][0].owner_name for o in ordered if o not in with_red]

    def red_owner(owner: str) -> str:
        projects = owners[owner]
        red = [p for p in projects if p.color == "red"]
        yellow = len(projects) - len(red)
        said = ENUMERATION_COMMA.join(
            bulletin_word("red_project", name=p.name, why=p.short_why) for p in red[:OWNER_PROJECTS]
        )
        if len(red) > OWNER_PROJECTS:  # the others are in 附件3
            said += bulletin_word("more_projects", count=len(red))
        return bulletin_word(
            "red_owner_projects" if len(red) > 1 else "red_owner_project",
            owner=red[0].owner_name,
            projects=said,
            yellow=bulletin_word("and_yellow", count=yellow) if yellow else "",
        )

    parts = []
    if with_red:
        parts.append(_joined(with_red, red_owner, annex).removesuffix(FULL_STOP))
    if only_yellow:
        parts.append(bulletin_word("yellow_owners_projects", owners=named(only_yellow, str, annex)))
    return SEMICOLON.join(parts) + FULL_STOP


def _tasks(ev: MonthEvaluation, tasks: Sequence[OverdueTask], annex: int | None) -> str:
    """市重点督办任务逾期: each task once with its units and days overdue."""
    if not tasks:
        return ""

    def say(t: OverdueTask) -> str:
        if t.done is None:
            return bulletin_word("task_open", units=t.units_text, title=t.title, days=t.days)
        return bulletin_word(
            "task_late", units=t.units_text, title=t.title, done=cn_date(t.done), days=t.days
        )

    return _joined(tasks, say, annex, "rest_items")


def _joined(
    items: Sequence[T], say: Callable[[T], str], annex: int | None, more: str = "rest_units"
) -> str:
    """Items said one by one, joined by ；, the first ``NAMED`` only, then 另有N个单位（详见
    附件N） (``more``: 另有N项 for tasks)."""
    text = SEMICOLON.join(say(item) for item in items[:NAMED])
    if len(items) > NAMED:
        text += SEMICOLON + bulletin_word(more, count=len(items) - NAMED, annex=annex or "")
    return text + FULL_STOP


def _ledger(problems: Sequence[OverdueProblem], annex: int | None) -> str:
    """问题清单逾期未办结: the units of the problems still open past their deadline, each once
    with how many and the longest overdue (each problem is in 附件4; those solved late this
    month are told in 三 and 附件4)."""
    units: dict[str, list[OverdueProblem]] = {}
    for p in problems:
        if p.resolved is None:
            units.setdefault(p.unit_name, []).append(p)
    if not units:
        return ""

    def say(unit: str) -> str:
        listed = units[unit]
        return bulletin_word(
            "ledger_unit" if len(listed) == 1 else "ledger_unit_many",
            unit=unit,
            count=len(listed),
            days=max(p.days for p in listed),
        )

    return bulletin_word("ledger_units", units=named(list(units), say, annex))


def _noncooperation(ev: MonthEvaluation, annex: int | None) -> str:
    """不配合工作: each unit reported and verified, with its reports."""
    found = [
        (f, b.evidence)
        for f in ev.findings
        for b in f.reasons
        if isinstance(b.evidence, NoncooperationEvidence)
    ]
    if not found:
        return ""
    found.sort(key=lambda pair: -pair[0].action)

    def say(pair: tuple[UnitFinding, NoncooperationEvidence]) -> str:
        finding, evidence = pair
        reports, streak = report_words(bulletin_word, evidence, SEMICOLON.join)
        return bulletin_word("reports_unit", unit=finding.name, reports=reports, streak=streak)

    return bulletin_word("reports_end", units=named(found, say, annex))


def problem_parts(
    ev: MonthEvaluation,
    flagged: Sequence[FlaggedProject],
    tasks: Sequence[OverdueTask],
    problems: Sequence[OverdueProblem],
    cards: Sequence[tuple[str, tuple[CardLine, ...]]],
    annex: Annexes,
) -> tuple[Part, ...]:
    """二's groups with something to say, in SPEC §5's order; ``cards`` is drawn by the
    template (with its colours) from the bulletin's cards."""
    texts = {
        "towns": _towns(ev, annex.indicators),
        "projects": _projects(ev, flagged, annex.projects),
        "tasks": _tasks(ev, tasks, annex.overdue),
        "ledger": _ledger(problems, annex.overdue),
        "cards": "-" if cards else "",
        "noncooperation": _noncooperation(ev, annex.evidence),
    }
    return tuple(
        Part(kind, bulletin_word("problems_" + kind), "" if kind == "cards" else text)
        for kind, text in texts.items()
        if text
    )
