"""The month's progress in words: a figure against 序时进度 or a project's plan, and its change
since last month — the facts of ``engine/overview.py``, said as the bulletin and the board say
them."""

from __future__ import annotations

from fractions import Fraction

from xjj_cli.engine.overview import Change, ProgressChange
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import one_decimal, percent_points, points
from xjj_cli.messages.rules import phrase


def change_text(change: Change) -> str:
    """A rate's change since last month: 较上月提高N个百分点, 与上月持平, 年初首月 …"""
    if change.year_start:
        return phrase("change_year_start")
    if change.points is None:
        return phrase("change_none")
    if change.points > 0:
        return phrase("change_up", points=points(change.points))
    if change.points < 0:
        return phrase("change_down", points=points(-change.points))
    return phrase("change_same")


def progress_change_text(change: ProgressChange) -> str:
    """The projects' average progress since last month; says which projects the change is
    over when some started this month (SPEC §5)."""
    if not change.common:
        return phrase("change_projects_all_new")
    words = change_text(change.change)
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
