"""Consecutive months (SPEC §3.3): the one way every streak rule counts its months."""

from __future__ import annotations

from collections.abc import Callable

from xjj_cli.months import add_months


def run_of_months(month: str, holds: Callable[[str], bool]) -> tuple[str, ...]:
    """The consecutive calendar months ending at ``month`` for which ``holds`` is true,
    oldest first; empty when it does not hold at ``month`` itself.

    ``holds`` answers for one month from the data up to it, and must be false for a month
    without the data ("a month without data ends the streak") — so the run always ends.
    December and the next January are consecutive like any two months.
    """
    run: list[str] = []
    while holds(month):
        run.append(month)
        month = add_months(month, -1)
    return tuple(reversed(run))
