"""Build the bulletin's content from one month's evaluation: computed once, rendered thrice."""

from __future__ import annotations

import datetime as dt

from xjj_cli.bulletin.model import (
    Blocker,
    Bulletin,
    CardLine,
    DomainSection,
    FlaggedProject,
    Headline,
    OverdueTask,
    Overview,
    Reason,
    UnitReasons,
)
from xjj_cli.chinese import listing
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import (
    Change,
    ProgressChange,
    average_progress,
    color_counts,
    metric_totals,
    progress_change,
    rate_change,
    rate_histories,
    year_investment,
)
from xjj_cli.engine.projects import latest_entry
from xjj_cli.engine.results import Action, ProjectStatus
from xjj_cli.engine.tasks import task_state
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages import cn_month, percent, percent_points, phrase, points
from xjj_cli.model import DOMAIN_ORDER
from xjj_cli.render.findings import detail, project_why


def _change(change: Change) -> str:
    if change.year_start:
        return phrase("change_year_start")
    if change.points is None:
        return phrase("change_none")
    if change.points > 0:
        return phrase("change_up", points=points(change.points))
    if change.points < 0:
        return phrase("change_down", points=points(-change.points))
    return phrase("change_same")


def _progress_change(change: ProgressChange) -> str:
    """Says which projects the change is over when some started this month (SPEC §5)."""
    if not change.common:
        return phrase("change_projects_all_new")
    words = _change(change.change)
    new = change.started - change.common
    if new:
        return phrase("change_projects_new", new=new, common=change.common, change=words)
    return words


def _flagged(ev: MonthEvaluation, status: ProjectStatus) -> FlaggedProject:
    project = ev.data.project(status.id)
    latest = latest_entry(project, ev.month)
    names = ev.data.units
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
    names = {c: u.name for c, u in data.units.items()}

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
            totals = metric_totals(ranking)
            headlines.append(
                Headline(
                    ranking.metric_name,
                    phrase(
                        "headline_metric",
                        completed=totals.completed,
                        unit=ranking.unit,
                        target=totals.target,
                        rate=percent(totals.rate),
                    ),
                    _change(rate_change(ranking, ev.previous_ranking(ranking.metric))),
                )
            )
        started = [s for s in statuses if s.color is not None]
        average = average_progress(started)
        if started and average is not None:
            headlines.append(
                Headline(
                    phrase("headline_projects_label"),
                    phrase(
                        "headline_projects", started=len(started), average=percent_points(average)
                    ),
                    _progress_change(progress_change(started, data.project, month)),
                )
            )
        flagged = tuple(
            _flagged(ev, s)
            for color in ("red", "yellow")
            for s in sorted(statuses, key=lambda s: s.id)
            if s.color == color
        )
        lead = data.units.get(domain.lead)
        sections.append(
            DomainSection(
                domain.id,
                domain.name,
                lead.name if lead else domain.lead,
                tuple(headlines),
                rankings,
                len(statuses),
                color_counts(statuses),
                flagged,
            )
        )
        if headlines:
            overview_headlines.append((domain.name, headlines[0]))

    investment = year_investment(data.projects, month)
    overview = Overview(
        projects_total=len(ev.statuses),
        started=sum(1 for s in ev.statuses if s.color is not None),
        color_counts=color_counts(ev.statuses),
        year_plan=investment.plan,
        year_done=investment.done,
        headlines=tuple(overview_headlines),
    )

    overdue, late = [], []
    for task in data.tasks:
        state = task_state(task, month)
        units_text = listing(names.get(u, u) for u in task.units)
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

    def by(action: Action) -> tuple[UnitReasons, ...]:
        return tuple(
            UnitReasons(
                f.unit,
                f.name,
                f.kind,
                f.action,
                tuple(Reason(b.rule, b.action, detail(b)) for b in f.reasons),
            )
            for f in ev.findings
            if f.action is action
        )

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
        trends=tuple(rate_histories(ev.histories, month)),
        bottom_n=data.rules.bottom_n,
        data_hash=fp.content_hash,
        data_commit=fp.commit,
        data_dirty=fp.dirty,
    )
