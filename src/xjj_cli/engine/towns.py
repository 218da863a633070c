"""Town rankings (SPEC §3.1): exact completion rates, competition ranks, bottom N, colours."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal, NamedTuple

import pandas as pd

from xjj_cli.engine.dataset import MetricInfo
from xjj_cli.engine.results import Color, MetricRanking, TownRow
from xjj_cli.model import Rules

Ties = Literal["include", "exclude"]


EXACT_FLOAT_BOUND = 2**26
"""When numerators and denominators are all below 2**26, two different rates a/b and c/d
differ relatively by |ad − bc| / (bc) ≥ 1/(bc) > 2**-52, more than two float roundings can
hide, and equal rates give the same float: comparing the floats is then exactly comparing
the fractions. Anything larger falls back to comparing ``Fraction`` objects."""


def _keys(rates: Sequence[Fraction]) -> Sequence[float] | Sequence[Fraction]:
    """Sort keys that order and tie exactly like the fractions themselves, but fast."""
    if all(
        0 <= r.numerator < EXACT_FLOAT_BOUND and r.denominator < EXACT_FLOAT_BOUND for r in rates
    ):
        return [r.numerator / r.denominator for r in rates]
    return rates


def competition_ranks(rates: Sequence[Fraction]) -> list[int]:
    """Standard competition ranks, highest first: 1 + how many rates are strictly higher."""
    keys = _keys(rates)
    ascending = sorted(keys)
    n = len(ascending)
    return [1 + n - bisect.bisect_right(ascending, key) for key in keys]


def bottom_flags(rates: Sequence[Fraction], n: int, ties: Ties) -> list[bool]:
    """Which rates are in the bottom ``n``.

    include: fewer than n rates are strictly below (ties at the boundary are all in);
    exclude: at most n rates, itself included, are at or below it.
    """
    keys = _keys(rates)
    ascending = sorted(keys)
    if ties == "include":
        return [bisect.bisect_left(ascending, key) < n for key in keys]
    return [bisect.bisect_right(ascending, key) <= n for key in keys]


def town_color(rate: Fraction, time_progress: Fraction, yellow_lag: Fraction) -> Color:
    """Blue at or above time progress, yellow within ``yellow_lag`` (a fraction) below it, else red."""
    return _color(rate, time_progress, time_progress - yellow_lag)


def _color(rate: Fraction, blue_from: Fraction, yellow_from: Fraction) -> Color:
    if not _below(rate, blue_from):
        return "blue"
    if not _below(rate, yellow_from):
        return "yellow"
    return "red"


def _below(a: Fraction, b: Fraction) -> bool:
    """``a < b``, by cross-multiplying (denominators are positive): a province compares
    10⁵ rates, and ``Fraction``'s own comparison is several times slower."""
    return a.numerator * b.denominator < b.numerator * a.denominator


def time_progress(month: str) -> Fraction:
    """Share of the target year elapsed at the month's end: month ÷ 12."""
    return Fraction(int(month[5:7]), 12)


def share_of_points(value: float) -> Fraction:
    """A parameter in percentage points as an exact fraction of one (10 → 1/10)."""
    return exact(value) / 100


def exact(value: float) -> Fraction:
    """A number read from YAML as the exact decimal the user wrote (12.3 → 123/10)."""
    return _exact_float(value) if isinstance(value, float) else Fraction(value)


@functools.lru_cache(maxsize=65536)
def _exact_float(value: float) -> Fraction:
    # A memo (fractions are immutable): a province repeats the same few percents 10⁵ times,
    # and parsing the decimal is the costly part. Only floats reach it, so 1 and 1.0 never
    # share an entry.
    return Fraction(repr(value))


class Ranked(NamedTuple):
    """One town's place in a metric's ranking for a month (the columns of ``rank_metric``)."""

    town: str
    target: int
    completed: int
    rate: Fraction
    rank: int
    bottom_n: bool
    below_district: bool
    color: Color


def rank_towns(
    towns: Sequence[str],
    targets: Sequence[int],
    completed: Sequence[int],
    *,
    bottom_n: int,
    bottom_ties: Ties,
    progress: Fraction,
    yellow_lag: Fraction,
) -> tuple[list[Ranked], Fraction]:
    """Rank one metric's towns for one month (the parallel sequences: one entry per town).

    Towns with a target of 0 are not ranked. Returns the ranked towns best first (ties by
    town code) and the district rate (Σ completed ÷ Σ target over the ranked towns).
    """
    kept = [i for i, target in enumerate(targets) if target > 0]
    names = [towns[i] for i in kept]
    wanted = [int(targets[i]) for i in kept]
    done = [int(completed[i]) for i in kept]
    rates = [Fraction(c, t) for c, t in zip(done, wanted, strict=True)]
    total = sum(wanted)
    overall = Fraction(sum(done), total) if total else Fraction(0)
    yellow_from = progress - yellow_lag
    ranked = [
        Ranked(town, target, did, rate, rank, bottom, _below(rate, overall), color)
        for town, target, did, rate, rank, bottom, color in zip(
            names,
            wanted,
            done,
            rates,
            competition_ranks(rates),
            bottom_flags(rates, bottom_n, bottom_ties),
            [_color(rate, progress, yellow_from) for rate in rates],
            strict=True,
        )
    ]
    ranked.sort(key=lambda row: (row.rank, row.town))
    return ranked, overall


def rank_metric(
    frame: pd.DataFrame,
    *,
    bottom_n: int,
    bottom_ties: Ties,
    progress: Fraction,
    yellow_lag: Fraction,
) -> tuple[pd.DataFrame, Fraction]:
    """:func:`rank_towns` over a frame with columns town, target, completed (one row per
    town): the ranked rows as a frame — town, target, completed, rate, rank, bottom_n,
    below_district, color — best first, and the district rate.
    """
    ranked, overall = rank_towns(
        frame["town"].tolist(),
        frame["target"].tolist(),
        frame["completed"].tolist(),
        bottom_n=bottom_n,
        bottom_ties=bottom_ties,
        progress=progress,
        yellow_lag=yellow_lag,
    )
    columns = {name: [getattr(row, name) for row in ranked] for name in Ranked._fields}
    table = pd.DataFrame(
        {
            "town": pd.Series(columns["town"], dtype=object),
            "target": pd.Series(columns["target"], dtype="int64"),
            "completed": pd.Series(columns["completed"], dtype="int64"),
            "rate": pd.Series(columns["rate"], dtype=object),
            "rank": pd.Series(columns["rank"], dtype="int64"),
            "bottom_n": pd.Series(columns["bottom_n"], dtype=bool),
            "below_district": pd.Series(columns["below_district"], dtype=bool),
            "color": pd.Series(columns["color"], dtype=object),
        }
    )
    return table, overall


def rank_change(previous: MetricRanking | None, town: str, rank: int) -> int | None:
    """Last month's rank minus this month's (positive: the town rose); None when the
    metric had no ranking last month or the town was not ranked in it."""
    before = previous.row(town) if previous is not None else None
    return before.rank - rank if before is not None else None


def metric_ranking(
    frame: pd.DataFrame,
    metric: MetricInfo,
    month: str,
    rules: Rules,
    names: Mapping[str, str],
    previous: MetricRanking | None,
) -> MetricRanking:
    """The ranking of ``metric``'s towns at ``month``'s end (``frame``: that month's rows of
    the metric), each row with its change against ``previous``, the month before's ranking."""
    progress = time_progress(month)
    ranked, overall = rank_towns(
        frame["town"].tolist(),
        frame["target"].tolist(),
        frame["completed"].tolist(),
        bottom_n=rules.bottom_n,
        bottom_ties=rules.bottom_ties,
        progress=progress,
        yellow_lag=share_of_points(rules.yellow_lag),
    )
    rows = tuple(
        TownRow(
            rank=row.rank,
            town=row.town,
            name=names[row.town],
            target=row.target,
            completed=row.completed,
            rate=row.rate,
            color=row.color,
            bottom_n=row.bottom_n,
            below_district=row.below_district,
            rank_change=rank_change(previous, row.town, row.rank),
        )
        for row in ranked
    )
    return MetricRanking(
        month, metric.id, metric.name, metric.unit, metric.domain, overall, progress, rows
    )
