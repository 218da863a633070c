"""The month's progress in words: a figure against 序时进度 or a projects' plan, said as the
bulletin and the board say it, from the printed figures (SPEC §5)."""

from __future__ import annotations

from fractions import Fraction

from xjj_cli.messages.bulletin import bulletin_word
from xjj_cli.messages.formats import percent_points, points, printed_gap


def against_time(value: Fraction, reference: Fraction, *, plan: bool = False) -> str:
    """A figure against 序时进度 (``plan``: a projects' plan, their 序时进度): 高于/低于序时进度
    （83.3%）N个百分点, 持平 when the printed figures are equal. Both are in percent, and the
    difference is the one of the printed figures (SPEC §5, figures agree on the page)."""
    gap = printed_gap(value, reference)
    prefix = "plan" if plan else "time"
    key = f"at_{prefix}" if gap == 0 else (f"above_{prefix}" if gap > 0 else f"below_{prefix}")
    return bulletin_word(key, points=points(abs(gap)), reference=percent_points(reference))
