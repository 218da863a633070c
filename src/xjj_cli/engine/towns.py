"""Town rankings (SPEC §3.1): exact completion rates, competition ranks, bottom N, colours."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Literal

import pandas as pd

from xjj_cli.engine.dataset import MetricInfo
from xjj_cli.engine.results import Color, MetricRanking, TownRow
from xjj_cli.model import Rules

Ties = Literal["include", "exclude"]


def completion_rates(frame: pd.DataFrame) -> list[Fraction]:
    """completed ÷ target for each row, as exact fractions (targets must be > 0)."""
    completed, targets = frame["completed"].tolist(), frame["target"].tolist()
    return [Fraction(int(c), int(t)) for c, t in zip(completed, targets, strict=True)]


def district_rate(frame: pd.DataFrame) -> Fraction:
    """Σ completed ÷ Σ target over the towns with a target."""
    with_target = frame[frame["target"] > 0]
    total = int(with_target["target"].sum())
    return Fraction(int(with_target["completed"].sum()), total) if total else Fraction(0)


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


def rank_metric(
    frame: pd.DataFrame,
    *,
    bottom_n: int,
    bottom_ties: Ties,
    progress: Fraction,
    yellow_lag: Fraction,
) -> tuple[pd.DataFrame, Fraction]:
    """Rank one metric's towns for one month.

    ``frame`` has columns town, target, completed (one row per town). Towns with a target
    of 0 are not ranked. Returns the ranked rows — with rate, rank, bottom_n,
    below_district and color — best first (ties by town code), and the district rate.
    """
    ranked = frame[frame["target"] > 0].copy()
    rates = completion_rates(ranked)
    overall = district_rate(ranked)
    index = ranked.index
    ranked["rate"] = pd.Series(rates, index=index, dtype=object)
    ranked["rank"] = pd.Series(competition_ranks(rates), index=index, dtype="int64")
    ranked["bottom_n"] = pd.Series(
        bottom_flags(rates, bottom_n, bottom_ties), index=index, dtype=bool
    )
    ranked["below_district"] = pd.Series(
        [_below(rate, overall) for rate in rates], index=index, dtype=bool
    )
    yellow_from = progress - yellow_lag
    ranked["color"] = pd.Series(
        [_color(r, progress, yellow_from) for r in rates], index=index, dtype=object
    )
    ranked = ranked.sort_values(["rank", "town"], kind="stable").reset_index(drop=True)
    return ranked, overall


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
    ranked, overall = rank_metric(
        frame,
        bottom_n=rules.bottom_n,
        bottom_ties=rules.bottom_ties,
        progress=progress,
        yellow_lag=share_of_points(rules.yellow_lag),
    )
    rows = tuple(
        TownRow(
            rank=rank,
            town=town,
            name=names[town],
            target=target,
            completed=completed,
            rate=rate,
            color=color,
            bottom_n=bottom,
            below_district=below,
            rank_change=rank_change(previous, town, rank),
        )
        for rank, town, target, completed, rate, color, bottom, below in zip(
            ranked["rank"].tolist(),
            ranked["town"].tolist(),
            ranked["target"].tolist(),
            ranked["completed"].tolist(),
            ranked["rate"].tolist(),
            ranked["color"].tolist(),
            ranked["bottom_n"].tolist(),
            ranked["below_district"].tolist(),
            strict=True,
        )
    )
    return MetricRanking(
        month, metric.id, metric.name, metric.unit, metric.domain, overall, progress, rows
    )
