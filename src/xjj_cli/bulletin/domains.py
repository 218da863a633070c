"""一、总体情况 and the domains' sections of the bulletin: the overview's figures and, for each
domain, its headlines, its towns' rankings and its red and yellow projects with why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xjj_cli.bulletin.model import Blocker, DomainSection, FlaggedProject, Headline, Overview
from xjj_cli.chinese import FULL_STOP, SEMICOLON, listing
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import (
    color_counts,
    domain_progress,
    investment_against_time,
    metric_against_time,
    metric_totals,
    progress_change,
    rate_change,
    year_investment,
)
from xjj_cli.engine.problems import problem_state
from xjj_cli.engine.projects import latest_entry
from xjj_cli.engine.results import MetricRanking, ProjectStatus
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import chinese_number, money_text, percent, percent_points
from xjj_cli.messages.rules import COLOR_WORDS, phrase
from xjj_cli.model import DOMAIN_ORDER
from xjj_cli.wording.progress import against_time, change_text, progress_change_text
from xjj_cli.wording.rules.project_yellow import project_why

COLOURS = ("blue", "yellow", "red")


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


@dataclass(frozen=True)
class Domains:
    """The domains' sections, in the domains' order, and what the rest of the bulletin takes
    from them: each domain's first headline for the overview, every flagged project."""

    sections: tuple[DomainSection, ...]
    headlines: tuple[tuple[str, Headline], ...]
    flagged: tuple[FlaggedProject, ...]


def domain_sections(ev: MonthEvaluation, rankings_annex: int | None) -> Domains:
    """Each domain of the data in ``DOMAIN_ORDER``: its headlines (each ranked metric, then
    its projects' average progress), its rankings, its red then yellow projects and its
    sentences; ``rankings_annex`` is the number of 附件 镇街排名表, if the bulletin has it."""
    data, month = ev.data, ev.month
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
                    change_text(rate_change(ranking, ev.previous_ranking(ranking.metric))),
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
                progress_change_text(progress_change(started, data.project, month)),
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
                        _bottom_towns(r, data.rules.bottom_n, rankings_annex) for r in rankings
                    )
                    if text
                ),
                _calm(statuses),
            )
        )
        if headlines:
            overview_headlines.append((domain.name, headlines[0]))
    return Domains(tuple(sections), tuple(overview_headlines), tuple(all_flagged))


def overview(ev: MonthEvaluation, headlines: tuple[tuple[str, Headline], ...]) -> Overview:
    """一、总体情况: the projects by colour, the year's investment against 序时进度 and each
    domain's first headline."""
    month = ev.month
    investment = year_investment(ev.data.projects, month)
    investment_gap = investment_against_time(investment, month)
    month_number = int(month[5:7])
    counts = color_counts(ev.statuses)
    return Overview(
        projects_total=len(ev.statuses),
        started=sum(1 for s in ev.statuses if s.color is not None),
        color_counts=counts,
        year_plan=investment.plan,
        year_done=investment.done,
        headlines=headlines,
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
