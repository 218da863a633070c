"""三、存在的主要问题 of the bulletin: city tasks past their deadline, the city's cards, the
ledger's overdue problems, units that did not cooperate, towns that lag — each kind a part
with its items, in the order the bulletin says them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

from xjj_cli.bulletin.model import CardLine, OverdueTask, Part
from xjj_cli.chinese import ENUMERATION_COMMA, FULL_STOP, SEMICOLON, listing
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.ledger import LedgerFilter, LedgerState, ledger_at
from xjj_cli.engine.results import MetricRanking, UnitFinding
from xjj_cli.engine.rules.noncooperation import NoncooperationEvidence
from xjj_cli.engine.tasks import task_state
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import cn_date, months_count, percent, points
from xjj_cli.wording.rules.city_task import task_words


def unit_name(ev: MonthEvaluation, code: str) -> str:
    """A unit's name, or its code when the data does not name it."""
    names = ev.data.units
    return names[code].name if code in names else code


def overdue_tasks(ev: MonthEvaluation) -> tuple[list[OverdueTask], list[OverdueTask]]:
    """The city tasks still open past their deadline, and those done late this month."""
    overdue, late = [], []
    for task in ev.data.tasks:
        state = task_state(task, ev.month)
        units_text = listing(unit_name(ev, u) for u in task.units)
        if state.overdue_days is not None:
            overdue.append(
                OverdueTask(
                    task.id, task.title, units_text, task.deadline, None, state.overdue_days
                )
            )
        elif state.late_days is not None:
            late.append(
                OverdueTask(
                    task.id, task.title, units_text, task.deadline, state.done, state.late_days
                )
            )
    return overdue, late


def _task_item(task: OverdueTask) -> str:
    return task_words(
        bulletin_word,
        ("task_open", "task_late"),
        task.deadline,
        task.done,
        task.days,
        units=task.units_text,
        title=task.title,
    )


def card_lines(ev: MonthEvaluation) -> tuple[CardLine, ...]:
    """The cards the city's platform issued this month, by date then unit."""
    events = ev.data.events.get(ev.month)
    lines = []
    for c in sorted(events.cards if events else [], key=lambda c: (c.date, c.unit)):
        project_text = ""
        if c.project:
            name = project_name(ev, c.project)
            if name not in c.subject:
                project_text = bulletin_word("card_project", name=name)
        lines.append(
            CardLine(c.date, c.color, unit_name(ev, c.unit), c.subject, c.project, project_text)
        )
    return tuple(lines)


def project_name(ev: MonthEvaluation, code: str) -> str:
    """A project's name, or its code when the month has no such project."""
    for status in ev.statuses:
        if status.id == code:
            return status.name
    return code


def _noncooperation_items(findings: Iterable[UnitFinding]) -> list[str]:
    items = []
    for finding in findings:
        for breach in finding.reasons:
            evidence = breach.evidence
            if not isinstance(evidence, NoncooperationEvidence):
                continue
            reports = SEMICOLON.join(
                bulletin_word("report", reporter=r.reporter_name, date=cn_date(r.date), text=r.text)
                for r in evidence.reports
            )
            streak = (
                bulletin_word("report_streak", months=months_count(evidence.streak))
                if evidence.streak > 1
                else ""
            )
            items.append(
                bulletin_word("reports", unit=finding.name, reports=reports, streak=streak)
            )
    return items


def _gaps(rows: Sequence[Fraction]) -> str:
    if len(rows) == 1:
        return bulletin_word("gap_one", gap=points(rows[0]))
    return bulletin_word("gaps_many", gaps=ENUMERATION_COMMA.join(points(g) for g in rows))


def _lagging_towns(ranking: MetricRanking) -> str:
    """The towns below the district rate of a metric with their rates, and the red ones."""
    below = [r for r in ranking.rows if r.below_district]
    red = [r for r in ranking.rows if r.color == "red"]
    text = ""
    if below:
        key = "towns_below_many" if len(below) > 1 else "towns_below_one"
        text = bulletin_word(
            key,
            towns=listing(r.name for r in below),
            metric=ranking.metric_name,
            rates=ENUMERATION_COMMA.join(percent(r.rate) for r in below),
            district=percent(ranking.district_rate),
        )
    if red:
        gaps = _gaps([(ranking.time_progress - r.rate) * 100 for r in red])
        if below and all(r.below_district for r in red):
            text += bulletin_word(
                "towns_red_within",
                towns=listing(r.name for r in red),
                gaps=gaps,
            )
        else:
            text += (SEMICOLON if text else "") + bulletin_word(
                "towns_red",
                towns=listing(r.name for r in red),
                metric=ranking.metric_name,
                gaps=gaps,
            )
    return text + FULL_STOP if text else ""


def _overdue_problems(ev: MonthEvaluation) -> tuple[str, ...]:
    """三's group of the ledger's overdue problems: each still open past its deadline, then
    each solved late during the month, with the unit that must solve it and the days."""
    entries = ledger_at(ev.data.problems, ev.month, LedgerFilter.all, list(ev.data.units))
    items = []
    for state in (LedgerState.overdue, LedgerState.solved_late):
        for entry in sorted(
            (e for e in entries if e.state is state), key=lambda e: -(e.days_overdue or 0)
        ):
            p = entry.problem
            if p.project is not None:
                where = bulletin_word("ledger_project", name=project_name(ev, p.project))
            elif p.domain in ev.data.domains:
                where = bulletin_word("ledger_domain", name=ev.data.domains[p.domain].name)
            else:
                where = ""
            words = {
                "unit": unit_name(ev, p.unit),
                "text": p.text,
                "where": where,
                "deadline": cn_date(p.deadline),
                "days": entry.days_overdue,
            }
            if state is LedgerState.overdue:
                items.append(bulletin_word("ledger_open", **words))
            else:
                assert p.resolved is not None
                items.append(bulletin_word("ledger_late", resolved=cn_date(p.resolved), **words))
    return tuple(items)


def problem_parts(
    ev: MonthEvaluation,
    tasks: Sequence[OverdueTask],
    cards: Sequence[CardLine],
    rankings: Sequence[MetricRanking],
) -> tuple[Part, ...]:
    """三's parts, those with something to say: ``tasks`` overdue then late, ``cards`` (drawn
    by the template from the bulletin's cards), the ledger, non-cooperation, lagging towns."""
    parts = []
    if tasks:
        items = tuple(_task_item(t) for t in tasks)
        parts.append(Part("tasks", bulletin_word("problems_tasks"), items))
    if cards:
        parts.append(Part("cards", bulletin_word("problems_cards")))
    ledger = _overdue_problems(ev)
    if ledger:
        parts.append(Part("ledger", bulletin_word("problems_ledger"), ledger))
    reports = _noncooperation_items(ev.findings)
    if reports:
        parts.append(
            Part("noncooperation", bulletin_word("problems_noncooperation"), tuple(reports))
        )
    towns = [text for text in (_lagging_towns(r) for r in rankings) if text]
    if towns:
        parts.append(Part("towns", bulletin_word("problems_towns"), tuple(towns)))
    return tuple(parts)
