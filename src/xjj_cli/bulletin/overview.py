"""一、总体情况 of the bulletin: one paragraph — the projects by colour, the year's investment
against 序时进度, each ranked metric against 序时进度 and last month — ending with the month's
verdict (SPEC §5). Every difference is taken between the printed figures."""

from __future__ import annotations

from collections.abc import Sequence

from xjj_cli.bulletin.model import Overview
from xjj_cli.chinese import ENUMERATION_COMMA, FULL_STOP, SEMICOLON, listing
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.overview import color_counts, rate_change, year_investment
from xjj_cli.engine.results import Action, MetricRanking
from xjj_cli.engine.towns import time_progress
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import cn_date, money_text, percent, printed, printed_gap
from xjj_cli.months import month_end
from xjj_cli.wording.progress import against_time

COLOURS = ("blue", "yellow", "red")

# The verdict's actions, in the order SPEC §5 says them.
VERDICT = (Action.notify, Action.interview, Action.accountability)


def _colours(counts: dict[str, int]) -> str:
    """，其中蓝色32个、黄色6个、红色3个，尚未开工2个 (colours with no project left out)."""
    text = ""
    present = [bulletin_word("colour_" + c, count=counts[c]) for c in COLOURS if counts[c]]
    if present:
        text = bulletin_word("colours_of_started", colours=listing(present))
    if counts["not_started"]:
        text += bulletin_word("not_started", count=counts["not_started"])
    return text


def metric_sentence(ranking: MetricRanking, previous: MetricRanking | None) -> str:
    """A metric's district rate against last month and 序时进度: 5G基站完成率由上月的77.7%
    提高到86.6%，高于序时进度（83.3%）3.3个百分点. In January, or without last month, the
    rate stands alone (the year's counts restarted)."""
    now, progress = ranking.district_rate * 100, ranking.time_progress * 100
    words = {
        "metric": ranking.metric_name,
        "now": percent(ranking.district_rate),
        "against": against_time(now, progress),
    }
    change = rate_change(ranking, previous)
    if previous is None or change.year_start or change.points is None:
        return bulletin_word("metric_alone", **words)
    before = previous.district_rate * 100
    step = printed(now) - printed(before)
    key = "metric_rise" if step > 0 else ("metric_fall" if step < 0 else "metric_same")
    return bulletin_word(key, before=percent(previous.district_rate), **words)


def metrics_sentence(rankings: Sequence[MetricRanking], ev: MonthEvaluation) -> str:
    """The ranked metrics against last month and 序时进度 in one sentence: when each has last
    month's rate and all stand on the same side of 序时进度, listed with last month's rate
    beside (3项指标完成率为5G基站86.6%（上月77.7%）、充电桩86.3%（上月77.7%），均高于序时进度
    （83.3%）) — short, and it breaks between the metrics where a list of figures would not;
    else a clause each."""
    previous = [ev.previous_ranking(r.metric) for r in rankings]
    clauses = [metric_sentence(r, p) for r, p in zip(rankings, previous, strict=True)]
    changes = [rate_change(r, p) for r, p in zip(rankings, previous, strict=True)]
    gaps = [printed_gap(r.district_rate * 100, r.time_progress * 100) for r in rankings]
    sides = {(g > 0) - (g < 0) for g in gaps}
    same_time = len({r.time_progress for r in rankings}) == 1
    compared = all(c.points is not None and not c.year_start for c in changes)
    if len(rankings) < 2 or not compared or len(sides) != 1 or 0 in sides or not same_time:
        return SEMICOLON.join(clauses)
    rates = ENUMERATION_COMMA.join(
        bulletin_word(
            "metric_before",
            metric=r.metric_name,
            now=percent(r.district_rate),
            before=percent(p.district_rate),
        )
        for r, p in zip(rankings, previous, strict=True)
        if p is not None
    )
    return bulletin_word(
        "metrics_listed",
        count=len(rankings),
        rates=rates,
        against=bulletin_word(
            "metrics_above" if sides == {1} else "metrics_below",
            reference=percent(rankings[0].time_progress),
        ),
    )


def verdict(counts: dict[Action, int]) -> str:
    """本月通报5个、约谈7个、提请问责6个单位。, a kind with none left out."""
    parts = [
        bulletin_word("verdict_" + action.key, count=counts[action])
        for action in VERDICT
        if counts.get(action)
    ]
    if not parts:
        return bulletin_word("verdict_none")
    return bulletin_word("verdict", parts=ENUMERATION_COMMA.join(parts))


def overview(ev: MonthEvaluation, acted: Sequence[Action]) -> Overview:
    """一's paragraph for ``ev``; ``acted`` holds the action of every unit 三 names."""
    month = ev.month
    investment = year_investment(ev.data.projects, month)
    counts = color_counts(ev.statuses)
    started = sum(1 for s in ev.statuses if s.color is not None)
    sentences = [
        bulletin_word(
            "overview_projects",
            date=cn_date(month_end(month)),
            total=len(ev.statuses),
            started=started,
            colours=_colours(counts),
        )
    ]
    if investment.plan:
        month_number = int(month[5:7])
        sentences.append(
            bulletin_word(
                "overview_investment",
                plan=money_text(investment.plan),
                span=(
                    bulletin_word("year_span", month=month_number)
                    if month_number > 1
                    else bulletin_word("year_span_january")
                ),
                done=money_text(investment.done),
                share=percent(investment.done / investment.plan),
                against=against_time(
                    investment.done / investment.plan * 100, time_progress(month) * 100
                ),
            )
        )
    if ev.rankings:
        sentences.append(metrics_sentence(ev.rankings, ev) + FULL_STOP)
    tally: dict[Action, int] = {}
    for action in acted:
        tally[action] = tally.get(action, 0) + 1
    return Overview(
        projects_total=len(ev.statuses),
        started=started,
        color_counts=counts,
        year_plan=investment.plan,
        year_done=investment.done,
        text="".join(sentences),
        verdict=verdict(tally),
    )
