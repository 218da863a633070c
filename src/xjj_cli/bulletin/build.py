"""Build the bulletin's content from one month's evaluation: computed once, rendered thrice.

The figures come from the engine (``engine/overview.py``, docs/rules.md §7), the words from
the catalogue (``messages.BULLETIN``) and ``wording/``; this module decides which
sentence each part of the bulletin says, so that the template only lays them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction

from xjj_cli.bulletin.model import (
    Blocker,
    Bulletin,
    CardLine,
    DomainSection,
    EvidenceRow,
    FlaggedProject,
    Headline,
    OverdueTask,
    Overview,
    Paper,
    Part,
    Reason,
    UnitReasons,
)
from xjj_cli.chinese import (
    ENUMERATION_COMMA,
    FULL_STOP,
    FULLWIDTH_COMMA,
    SEMICOLON,
    document_number,
    listing,
)
from xjj_cli.engine.early_warnings import by_unit
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.ledger import LedgerFilter, LedgerState, ledger_at
from xjj_cli.engine.overview import (
    Change,
    ProgressChange,
    color_counts,
    domain_progress,
    investment_against_time,
    metric_against_time,
    metric_totals,
    progress_change,
    rate_change,
    rate_histories,
    year_investment,
)
from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.projects import latest_entry
from xjj_cli.engine.results import (
    Action,
    Breach,
    ColorReason,
    MetricRanking,
    ProjectStatus,
    UnitFinding,
)
from xjj_cli.engine.rules.noncooperation import NoncooperationEvidence
from xjj_cli.engine.tasks import task_state
from xjj_cli.load.fingerprint import Fingerprint
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import (
    chinese_number,
    cn_date,
    cn_month,
    money_text,
    months_count,
    one_decimal,
    percent,
    percent_points,
    points,
)
from xjj_cli.messages.rules import COLOR_WORDS, phrase
from xjj_cli.model import DOMAIN_ORDER
from xjj_cli.wording.findings import action_decision, evidence_text, metric_order, summary
from xjj_cli.wording.rules.city_task import task_words
from xjj_cli.wording.rules.project_yellow import colour_causes, project_why
from xjj_cli.wording.warnings import warning_text

COLOURS = ("blue", "yellow", "red")


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


def against_time(gap: Fraction, planned: Fraction | None = None) -> str:
    """A figure against 序时进度: 高于/低于序时进度N个百分点, 持平 when it rounds to nothing;
    with ``planned`` (projects: their plan is their 序时进度) the plan's figure is named."""
    level = one_decimal(abs(gap)) == one_decimal(0)
    if planned is None:
        key = "at_time" if level else ("above_time" if gap > 0 else "below_time")
        return bulletin_word(key, points=points(abs(gap)))
    key = "at_plan" if level else ("above_plan" if gap > 0 else "below_plan")
    return bulletin_word(key, points=points(abs(gap)), planned=percent_points(planned))


def _colours(counts: dict[str, int], *, short: bool) -> str:
    """Colours with at least one project, in words: 蓝色7个、黄色1个 (no 红色0个)."""
    prefix = "colour_short_" if short else "colour_"
    return listing(
        bulletin_word(prefix + colour, count=counts[colour]) for colour in COLOURS if counts[colour]
    )


def _overview_colours(counts: dict[str, int]) -> str:
    text = ""
    if any(counts[c] for c in COLOURS):
        text = bulletin_word("colours_of_started", colours=_colours(counts, short=False))
    if counts["not_started"]:
        text += bulletin_word("not_started", count=counts["not_started"])
    return text


def _domain_colours(counts: dict[str, int]) -> str:
    """共有项目4个，均为蓝色 / 其中蓝色7个、黄色1个，尚未开工1个."""
    present = [c for c in COLOURS if counts[c]]
    started = sum(counts[c] for c in COLOURS)
    if not started:
        return bulletin_word("domain_none_started") if counts["not_started"] else ""
    if len(present) == 1 and not counts["not_started"]:
        word = COLOR_WORDS[present[0]]
        key = "domain_all_one" if started > 1 else "domain_the_one"
        return bulletin_word(key, colour=word)
    text = bulletin_word("domain_colours", colours=_colours(counts, short=True))
    if counts["not_started"]:
        text += bulletin_word("not_started", count=counts["not_started"])
    return text


def _blockers_text(blockers: Sequence[Blocker]) -> str:
    """The blockers, those with the same problem joined: 站点施工临时占地协调难，由喻屯镇、
    长沟镇负责."""
    grouped: dict[str, list[str]] = {}
    for b in blockers:
        grouped.setdefault(b.text, [])
        if b.unit_name not in grouped[b.text]:
            grouped[b.text].append(b.unit_name)
    return SEMICOLON.join(
        bulletin_word("blocker", text=text, units=listing(units)) for text, units in grouped.items()
    )


def _flagged(ev: MonthEvaluation, status: ProjectStatus) -> FlaggedProject:
    project = ev.data.project(status.id)
    latest = latest_entry(project, ev.month)
    names = ev.data.units
    blockers = tuple(
        Blocker(p.text, p.unit, names[p.unit].name if p.unit in names else p.unit)
        for p in ev.data.problems
        if p.project == status.id and problem_state(p, ev.month).open
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
        ((latest.note or "") if latest else "").rstrip(FULL_STOP),
        blockers,
        _blockers_text(blockers),
    )


def _bottom_towns(ranking: MetricRanking, bottom_n: int, annex: int | None) -> str:
    towns = [r.name for r in ranking.rows if r.bottom_n]
    if not towns:
        return ""
    return bulletin_word(
        "bottom_towns",
        metric=ranking.metric_name,
        n=chinese_number(bottom_n),
        towns=listing(towns),
        annex=bulletin_word("see_annex", annex=annex) if annex else "",
    )


def _calm(statuses: Sequence[ProjectStatus]) -> str:
    started = [s for s in statuses if s.color is not None]
    if not started:
        return bulletin_word("none_started")
    return bulletin_word("all_on_plan" if len(started) > 1 else "one_on_plan")


def _unit_name(ev: MonthEvaluation, code: str) -> str:
    names = ev.data.units
    return names[code].name if code in names else code


def _tasks(ev: MonthEvaluation) -> tuple[list[OverdueTask], list[OverdueTask]]:
    overdue, late = [], []
    for task in ev.data.tasks:
        state = task_state(task, ev.month)
        units_text = listing(_unit_name(ev, u) for u in task.units)
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


def _cards(ev: MonthEvaluation) -> tuple[CardLine, ...]:
    events = ev.data.events.get(ev.month)
    lines = []
    for c in sorted(events.cards if events else [], key=lambda c: (c.date, c.unit)):
        project_text = ""
        if c.project:
            name = _project_name(ev, c.project)
            if name not in c.subject:
                project_text = bulletin_word("card_project", name=name)
        lines.append(
            CardLine(c.date, c.color, _unit_name(ev, c.unit), c.subject, c.project, project_text)
        )
    return tuple(lines)


def _project_name(ev: MonthEvaluation, code: str) -> str:
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
                where = bulletin_word("ledger_project", name=_project_name(ev, p.project))
            elif p.domain in ev.data.domains:
                where = bulletin_word("ledger_domain", name=ev.data.domains[p.domain].name)
            else:
                where = ""
            words = {
                "unit": _unit_name(ev, p.unit),
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


def _problems(
    ev: MonthEvaluation,
    tasks: Sequence[OverdueTask],
    cards: Sequence[CardLine],
    rankings: Sequence[MetricRanking],
) -> tuple[Part, ...]:
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


def _red_step(project: FlaggedProject, status: ProjectStatus, month: str) -> str:
    """What a red project's owner, and each unit that holds it up, is to do."""
    actions = []
    if ColorReason.lag in status.reasons:
        actions.append(bulletin_word("red_step_lag"))
    if ColorReason.milestone in status.reasons:
        overdue = status.overdue_milestones
        if len(overdue) == 1:  # 逾期 names it already: 抓紧完成该节点
            actions.append(bulletin_word("red_step_milestone_one"))
        else:
            actions.extend(bulletin_word("red_step_milestone", milestone=m.name) for m in overdue)
    if ColorReason.end_passed in status.reasons:
        actions.append(bulletin_word("red_step_end"))
    if ColorReason.not_reported in status.reasons:
        actions.append(bulletin_word("red_step_report"))
    assert status.lag is not None
    why = colour_causes(status.reasons, status.lag, status.overdue_milestones, month)
    text = bulletin_word(
        "red_step",
        owner=project.owner_name,
        name=project.name,
        why=why,
        actions=FULLWIDTH_COMMA.join(actions),
    )
    grouped: dict[str, list[str]] = {}
    for b in project.blockers:
        grouped.setdefault(b.unit_name, []).append(b.text)
    text += FULL_STOP
    if grouped:  # the units that hold it up, in a sentence of their own
        text += SEMICOLON.join(
            bulletin_word("red_step_blocker", unit=unit, text=ENUMERATION_COMMA.join(texts))
            for unit, texts in grouped.items()
        )
        text += FULL_STOP
    return text


def _blocker_steps(flagged: Sequence[FlaggedProject]) -> tuple[str, ...]:
    """The units that hold up a yellow project (a red one's are named with it), those with
    the same problems together."""
    unit_blockers: dict[str, list[str]] = {}
    for p in flagged:
        if p.color != "yellow":
            continue
        for b in p.blockers:
            texts = unit_blockers.setdefault(b.unit_name, [])
            if b.text not in texts:
                texts.append(b.text)
    by_texts: dict[tuple[str, ...], list[str]] = {}
    for unit, unit_texts in unit_blockers.items():
        by_texts.setdefault(tuple(unit_texts), []).append(unit)
    items = []
    for problems, units in by_texts.items():
        if len(problems) == 1:
            problem = bulletin_word("blocker_one", text=problems[0])
        else:
            problem = bulletin_word("blocker_many", texts=SEMICOLON.join(problems))
        items.append(bulletin_word("blocker_step", units=listing(units), texts=problem))
    return tuple(items)


# How many warned units 五's 预警提示 names, most urgent first; the rest are counted, to be
# told by the office (at province scale there may be hundreds).
WARNED_UNITS = 10


def _warning_part(ev: MonthEvaluation) -> Part | None:
    """五's 预警提示: each warned unit (at most ``WARNED_UNITS``, most urgent first) with
    its warnings in one item, in the words of ``xjj warnings``; None without a warning."""
    grouped = by_unit(ev.warnings)
    if not grouped:
        return None
    items = []
    for code, listed in list(grouped.items())[:WARNED_UNITS]:
        name = _unit_name(ev, code)
        # the unit is said once, before the colon
        texts = [warning_text(w, ev.data, named=False) for w in listed]
        items.append(bulletin_word("warning_step", unit=name, texts=FULL_STOP.join(texts)))
    rest = list(grouped.values())[WARNED_UNITS:]
    assert ev.data.district is not None
    closing = (
        bulletin_word(
            "warnings_rest",
            units=len(rest),
            count=sum(len(listed) for listed in rest),
            office=ev.data.district.office,
        )
        if rest
        else ""
    )
    closing += bulletin_word("warnings_closing")
    return Part("warnings", bulletin_word("steps_warnings"), tuple(items), closing)


def _steps(
    ev: MonthEvaluation,
    flagged: Sequence[FlaggedProject],
    overdue: Sequence[OverdueTask],
    rankings: Sequence[MetricRanking],
    acted: int,
) -> tuple[Part, ...]:
    data, month = ev.data, ev.month
    assert data.district is not None
    statuses = {s.id: s for s in ev.statuses}
    parts = []
    red = [p for p in flagged if p.color == "red"]
    if red:
        items = tuple(_red_step(p, statuses[p.id], month) for p in red)
        parts.append(Part("red", bulletin_word("steps_red"), items))
    yellow_owners = list(dict.fromkeys(p.owner_name for p in flagged if p.color == "yellow"))
    if yellow_owners:
        item = bulletin_word("yellow_step", owners=listing(yellow_owners))
        parts.append(Part("yellow", bulletin_word("steps_yellow"), (item,)))
    if overdue:
        items = tuple(
            bulletin_word("task_step", units=t.units_text, title=t.title, days=t.days)
            for t in overdue
        )
        parts.append(Part("tasks", bulletin_word("steps_tasks"), items))
    blockers = _blocker_steps(flagged)
    if blockers:
        parts.append(
            Part(
                "blockers",
                bulletin_word("steps_blockers"),
                blockers,
                bulletin_word("blockers_report"),
            )
        )
    rest: dict[str, list[str]] = {}
    for ranking in rankings:
        for row in ranking.rows:
            if row.below_district and row.completed < row.target:
                rest.setdefault(row.name, []).append(
                    bulletin_word(
                        "town_rest",
                        metric=ranking.metric_name,
                        count=row.target - row.completed,
                        unit=ranking.unit,
                    )
                )
    if rest:
        left = 12 - int(month[5:7])
        towns = SEMICOLON.join(
            bulletin_word("town_step", town=town, rest=ENUMERATION_COMMA.join(metrics))
            for town, metrics in rest.items()
        )
        months_left = bulletin_word("months_left", months=left) if left else ""
        item = bulletin_word("towns_step", towns=towns, left=months_left)
        parts.append(Part("towns", bulletin_word("steps_towns"), (item,)))
    warned = _warning_part(ev)
    if warned is not None:
        parts.append(warned)
    if acted:
        item = bulletin_word(
            "rectify_step",
            days=data.district.paper.rectify_working_days,
            office=data.district.office,
        )
        parts.append(Part("rectify", bulletin_word("steps_rectify"), (item,)))
    return tuple(parts)


def _ordered(finding: UnitFinding) -> list[Breach]:
    """A unit's reasons, a rule's metrics in the domains' order."""
    rules = list(dict.fromkeys(b.rule for b in finding.reasons))
    return sorted(finding.reasons, key=lambda b: (rules.index(b.rule), metric_order(b)))


def _evidence(units: Iterable[UnitReasons]) -> tuple[EvidenceRow, ...]:
    """附件3: one row per unit to be proposed for 问责 or interviewed (四's order), with the
    unit's reasons that call for 约谈 or 问责."""
    return tuple(
        EvidenceRow(
            u.name,
            action_decision(u.action),
            tuple(r.detail for r in u.reasons if r.action >= Action.interview),
        )
        for u in units
    )


def _rule_text(ev: MonthEvaluation, annex: int | None) -> str:
    rules = ev.data.rules
    text = bulletin_word(
        "rule_text",
        interview=months_count(rules.interview_streak),
        accountability=months_count(rules.accountability_streak),
        n=chinese_number(rules.bottom_n),
    )
    return text + (bulletin_word("rule_annex", annex=annex) if annex else "")


ANNEXES = ("annex_rankings", "annex_departments", "annex_evidence")


def _annexes(ev: MonthEvaluation) -> dict[str, int]:
    """The annexes the bulletin has, numbered from 1 in their order: 镇街排名表 when towns are
    ranked, 区直部门和企业履职排名 when units are scored, 约谈问责依据明细 when any unit is
    to be interviewed or proposed for 问责."""
    present = {
        "annex_rankings": bool(ev.rankings),
        "annex_departments": bool(ev.departments),
        "annex_evidence": any(f.action >= Action.interview for f in ev.findings),
    }
    keys = [key for key in ANNEXES if present[key]]
    return {key: number for number, key in enumerate(keys, 1)}


def _paper(ev: MonthEvaluation, issue_date: dt.date, number: int | None) -> Paper:
    assert ev.data.district is not None
    district = ev.data.district
    paper = district.paper
    contact = paper.contact
    return Paper(
        mark=paper.mark or district.office,
        number=document_number(paper.prefix, issue_date.year, number),
        recipients=paper.recipients,
        contact_text=(
            bulletin_word("contact", name=contact.name, phone=contact.phone) if contact else ""
        ),
        copy_to_text=(
            bulletin_word("copy_to", units=FULLWIDTH_COMMA.join(paper.copy_to))
            if paper.copy_to
            else ""
        ),
        printed_text=bulletin_word("printed", date=cn_date(issue_date)),
        accountability_to=paper.accountability_to,
    )


def build_bulletin(
    ev: MonthEvaluation, fp: Fingerprint, issue_date: dt.date, number: int | None = None
) -> Bulletin:
    """The bulletin of ``ev.month``, dated ``issue_date``, numbered ``number`` (发文字号;
    None leaves it blank to fill in by hand), signed with the data's fingerprint."""
    data, month = ev.data, ev.month
    assert data.district is not None
    annexes = _annexes(ev)

    sections = []
    overview_headlines = []
    all_flagged: list[FlaggedProject] = []
    for domain_id in DOMAIN_ORDER:
        domain = data.domains.get(domain_id)
        if domain is None:
            continue
        progress = domain_progress(ev.statuses, domain_id)
        statuses = progress.statuses
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
                    against_time(metric_against_time(ranking)),
                )
            )
        started = progress.started
        project_headline = None
        if progress.average is not None and progress.against is not None:
            project_headline = Headline(
                "",
                phrase(
                    "headline_projects",
                    started=len(started),
                    average=percent_points(progress.average),
                ),
                _progress_change(progress_change(started, data.project, month)),
                against_time(progress.against, progress.planned),
            )
            headlines.append(project_headline)
        flagged = tuple(
            _flagged(ev, s)
            for color in ("red", "yellow")
            for s in sorted(statuses, key=lambda s: s.id)
            if s.color == color
        )
        all_flagged.extend(flagged)
        counts = progress.counts
        projects_text = bulletin_word(
            "domain_projects", total=len(statuses), colours=_domain_colours(counts)
        )
        if rankings and project_headline is not None:
            projects_text += bulletin_word(
                "domain_average",
                headline=project_headline.value_text,
                against=project_headline.against_text,
                change=project_headline.change_text,
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
                counts,
                flagged,
                projects_text + FULL_STOP,
                tuple(
                    text
                    for text in (
                        _bottom_towns(r, data.rules.bottom_n, annexes.get("annex_rankings"))
                        for r in rankings
                    )
                    if text
                ),
                _calm(statuses),
            )
        )
        if headlines:
            overview_headlines.append((domain.name, headlines[0]))

    investment = year_investment(data.projects, month)
    investment_gap = investment_against_time(investment, month)
    month_number = int(month[5:7])
    counts = color_counts(ev.statuses)
    overview = Overview(
        projects_total=len(ev.statuses),
        started=sum(1 for s in ev.statuses if s.color is not None),
        color_counts=counts,
        year_plan=investment.plan,
        year_done=investment.done,
        headlines=tuple(overview_headlines),
        colours_text=_overview_colours(counts),
        year_plan_text=money_text(investment.plan),
        year_done_text=money_text(investment.done),
        year_span_text=(
            bulletin_word("year_span", month=month_number)
            if month_number > 1
            else bulletin_word("year_span_january")
        ),
        investment_against_text=against_time(investment_gap) if investment_gap is not None else "",
    )

    overdue, late = _tasks(ev)
    cards = _cards(ev)
    rankings = tuple(r for section in sections for r in section.rankings)

    def by(action: Action) -> tuple[UnitReasons, ...]:
        return tuple(
            UnitReasons(
                f.unit,
                f.name,
                f.kind,
                f.action,
                tuple(Reason(b.rule, b.action, evidence_text(b)) for b in _ordered(f)),
                summary(f),
            )
            for f in ev.findings
            if f.action is action
        )

    accountability, interviews = by(Action.accountability), by(Action.interview)
    acted = sum(1 for f in ev.findings if f.action >= Action.interview)
    departments = tuple(ev.departments)
    paper = _paper(ev, issue_date, number)
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
        accountability=accountability,
        interviews=interviews,
        notices=by(Action.notify),
        reminders=by(Action.remind),
        trends=tuple(rate_histories(ev.histories, month)),
        bottom_n=data.rules.bottom_n,
        data_hash=fp.content_hash,
        data_commit=fp.commit,
        data_dirty=fp.dirty,
        paper=paper,
        number=paper.number if number is not None and paper.number else None,
        problems=_problems(ev, [*overdue, *late], cards, rankings),
        steps=_steps(ev, all_flagged, overdue, rankings, acted),
        rule_text=_rule_text(ev, annexes.get("annex_evidence")),
        departments=departments,
        evidence=_evidence((*accountability, *interviews)),
        rankings=rankings,
        annexes=tuple(bulletin_word(key) for key in annexes),
    )
