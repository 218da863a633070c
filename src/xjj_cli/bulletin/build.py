"""Build the bulletin's content from one month's evaluation: computed once, rendered thrice."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from fractions import Fraction

from xjj_cli.bulletin.model import (
    Blocker,
    Bulletin,
    CardLine,
    DomainSection,
    FlaggedProject,
    Headline,
    OverdueTask,
    Overview,
    RateHistory,
)
from xjj_cli.engine.escalation import project_why
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.projects import actual_percent, latest_entry
from xjj_cli.engine.results import Action, MetricRanking, ProjectStatus, UnitFinding
from xjj_cli.engine.tasks import task_state
from xjj_cli.engine.towns import exact
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages import cn_month, percent, percent_points, phrase, points
from xjj_cli.model import DOMAIN_ORDER, Project
from xjj_cli.months import add_months, month_end

COLORS = ("blue", "yellow", "red")


def _counts(statuses: list[ProjectStatus]) -> dict[str, int]:
    counted: Counter[str] = Counter(s.color or "not_started" for s in statuses)
    return {c: counted.get(c, 0) for c in (*COLORS, "not_started")}


def _change(now: Fraction, before: Fraction | None) -> str:
    if before is None:
        return phrase("change_none")
    delta = (now - before) * 100
    if delta > 0:
        return phrase("change_up", points=points(delta))
    if delta < 0:
        return phrase("change_down", points=points(-delta))
    return phrase("change_same")


def _cumulative_invested(project: Project, month: str) -> Fraction:
    latest = latest_entry(project, month)
    return exact(latest.invested) if latest else Fraction(0)


def _average(values: list[Fraction]) -> Fraction | None:
    return sum(values, Fraction(0)) / len(values) if values else None


def _average_actual(statuses: list[ProjectStatus]) -> Fraction | None:
    return _average([s.actual for s in statuses if s.actual is not None])


def _metric_change(ev: MonthEvaluation, ranking: MetricRanking) -> str:
    """The district rate against last month's; in January the year's counts restarted,
    so the rate stands on its own (SPEC §5: compared with the year's start)."""
    if ev.month[5:7] == "01":
        return phrase("change_year_start")
    last = ev.previous_ranking(ranking.metric)
    return _change(ranking.district_rate, last.district_rate if last else None)


def _projects_change(ev: MonthEvaluation, started: list[ProjectStatus]) -> str:
    """The average percent of the projects started by last month's end, now against then:
    the same projects in both months (SPEC §5), naming those that started this month."""
    last_month = add_months(ev.month, -1)
    last_day = month_end(last_month)
    common = [
        s for s in started if s.actual is not None and ev.data.project(s.id).start <= last_day
    ]
    if not common:
        return phrase("change_projects_all_new")
    now = _average([s.actual for s in common if s.actual is not None])
    before = _average([actual_percent(ev.data.project(s.id), last_month)[0] for s in common])
    assert now is not None and before is not None
    change = _change(now / 100, before / 100)
    new = len(started) - len(common)
    if new:
        return phrase("change_projects_new", new=new, common=len(common), change=change)
    return change


def _flagged(ev: MonthEvaluation, status: ProjectStatus) -> FlaggedProject:
    project = ev.data.project(status.id)
    latest = latest_entry(project, ev.month)
    names = ev.data.parties
    blockers = tuple(
        Blocker(b.text, b.unit, names[b.unit].name if b.unit in names else b.unit)
        for b in (latest.problems if latest else [])
    )
    assert status.color is not None and status.planned is not None and status.actual is not None
    return FlaggedProject(
        status.id,
        status.name,
        status.owner,
        names[status.owner].name if status.owner in names else status.owner,
        status.color,
        status.planned,
        status.actual,
        project_why(status, ev.month),
        (latest.note or "") if latest else "",
        blockers,
    )


def build_bulletin(ev: MonthEvaluation, fp: Fingerprint, issue_date: dt.date) -> Bulletin:
    """The bulletin of ``ev.month``, dated ``issue_date``, signed with the data's fingerprint."""
    data, month = ev.data, ev.month
    assert data.district is not None
    names = {c: p.name for c, p in data.parties.items()}
    year = month[:4]

    sections = []
    overview_headlines = []
    for domain_id in DOMAIN_ORDER:
        domain = data.domains.get(domain_id)
        if domain is None:
            continue
        statuses = [s for s in ev.statuses if s.domain == domain_id]
        headlines = []
        rankings = tuple(r for r in ev.rankings if r.domain == domain_id)
        for ranking in rankings:
            completed = sum(r.completed for r in ranking.rows)
            target = sum(r.target for r in ranking.rows)
            headlines.append(
                Headline(
                    ranking.metric_name,
                    phrase(
                        "headline_metric",
                        completed=completed,
                        unit=ranking.unit,
                        target=target,
                        rate=percent(ranking.district_rate),
                    ),
                    _metric_change(ev, ranking),
                )
            )
        started = [s for s in statuses if s.color is not None]
        average = _average_actual(started)
        if started and average is not None:
            headlines.append(
                Headline(
                    phrase("headline_projects_label"),
                    phrase(
                        "headline_projects", started=len(started), average=percent_points(average)
                    ),
                    _projects_change(ev, started),
                )
            )
        flagged = tuple(
            _flagged(ev, s)
            for color in ("red", "yellow")
            for s in sorted(statuses, key=lambda s: s.id)
            if s.color == color
        )
        lead = data.parties.get(domain.lead)
        sections.append(
            DomainSection(
                domain.id,
                domain.name,
                lead.name if lead else domain.lead,
                tuple(headlines),
                rankings,
                len(statuses),
                _counts(statuses),
                flagged,
            )
        )
        if headlines:
            overview_headlines.append((domain.name, headlines[0]))

    active = [p for p in data.projects if p.start.year <= int(year) <= p.end.year]
    year_plan = sum((exact(p.investment.year) for p in active), Fraction(0))
    year_done = sum(
        (
            _cumulative_invested(p, month) - _cumulative_invested(p, f"{int(year) - 1}-12")
            for p in active
        ),
        Fraction(0),
    )
    overview = Overview(
        projects_total=len(ev.statuses),
        started=sum(1 for s in ev.statuses if s.color is not None),
        color_counts=_counts(ev.statuses),
        year_plan=year_plan,
        year_done=year_done,
        headlines=tuple(overview_headlines),
    )

    overdue, late = [], []
    for task in data.tasks:
        state = task_state(task, month)
        units_text = "、".join(names.get(u, u) for u in task.units)
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

    events = data.events.get(month)
    cards = tuple(
        CardLine(c.date, c.color, names.get(c.unit, c.unit), c.subject, c.project)
        for c in sorted(events.cards if events else [], key=lambda c: (c.date, c.unit))
    )

    trends = []
    for metric, history in ev.histories.items():
        months = tuple(m for m in sorted(history) if m[:4] == year and m <= month)
        if months:
            trends.append(
                RateHistory(
                    metric,
                    history[months[-1]].metric_name,
                    months,
                    tuple(history[m].district_rate for m in months),
                )
            )

    def by(action: Action) -> tuple[UnitFinding, ...]:
        return tuple(f for f in ev.findings if f.action is action)

    return Bulletin(
        title=phrase("bulletin_title", month=cn_month(month)),
        district=data.district.district,
        city=data.district.city,
        office=data.district.office,
        month=month,
        month_text=cn_month(month),
        issue_date=issue_date,
        overview=overview,
        domains=tuple(sections),
        overdue_tasks=tuple(overdue),
        late_tasks=tuple(late),
        cards=cards,
        accountability=by(Action.accountability),
        interviews=by(Action.interview),
        notices=by(Action.notify),
        reminders=by(Action.remind),
        trends=tuple(trends),
        bottom_n=data.rules.bottom_n,
        data_hash=fp.content_hash,
        data_commit=fp.commit,
        data_dirty=fp.dirty,
    )
