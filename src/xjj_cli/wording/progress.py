"""The month's progress in words: a figure against 序时进度 or a project's plan, and its change
since last month — the facts of ``engine/overview.py``, said as the bulletin and the board say
them."""

from __future__ import annotations

from fractions import Fraction

from xjj_cli.engine.overview import Change, ProgressChange
from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import percent_points, points, printed_gap
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


def against_time(value: Fraction, reference: Fraction, *, plan: bool = False) -> str:
    """A figure against 序时进度 (``plan``: a projects' plan, their 序时进度): 高于/低于序时进度
    （83.3%）N个百分点, 持平 when the printed figures are equal. Both are in percent, and the
    difference is the one of the printed figures (SPEC §5, figures agree on the page)."""
    gap = printed_gap(value, reference)
    prefix = "plan" if plan else "time"
    key = f"at_{prefix}" if gap == 0 else (f"above_{prefix}" if gap > 0 else f"below_{prefix}")
    return bulletin_word(key, points=points(abs(gap)), reference=percent_points(reference))
