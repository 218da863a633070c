"""五、下步工作要求 of the bulletin: what each red project's owner and the units holding it up
are to do, the yellow projects' owners, overdue tasks, blockers, lagging towns, the early
warnings (预警提示) and the units to rectify — each kind a part with its items."""

from __future__ import annotations

from collections.abc import Sequence

from xjj_cli.bulletin.model import FlaggedProject, OverdueTask, Part
from xjj_cli.bulletin.problems import unit_name
from xjj_cli.chinese import ENUMERATION_COMMA, FULL_STOP, FULLWIDTH_COMMA, SEMICOLON, listing
from xjj_cli.engine.early_warnings import by_unit
from xjj_cli.engine.evaluate import MonthEvaluation
from xjj_cli.engine.results import ColorReason, MetricRanking, ProjectStatus
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.wording.rules.project_yellow import colour_causes
from xjj_cli.wording.warnings import warning_text


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
        name = unit_name(ev, code)
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


def step_parts(
    ev: MonthEvaluation,
    flagged: Sequence[FlaggedProject],
    overdue: Sequence[OverdueTask],
    rankings: Sequence[MetricRanking],
    acted: int,
) -> tuple[Part, ...]:
    """五's parts, those with something to say; ``acted`` is how many units the bulletin
    names for 约谈 or 问责 (then it asks them to rectify)."""
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
