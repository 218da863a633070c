"""The office's rounding in integers (``formats._half_up_ratio``) writes what rounding the
``Fraction`` writes: half away from zero, floats taken at their exact value."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest

from xjj_cli.messages.formats import _half_up, one_decimal, percent, percent_points, printed


def _reference(value: Fraction, places: int) -> str:
    """The rounding as it was written with ``Fraction`` arithmetic."""
    scaled = abs(value) * 10**places
    rounded = math.floor(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and rounded else ""
    digits = str(rounded).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}" if places else f"{sign}{digits}"


def _values() -> list[Fraction | float | int]:
    rng = random.Random(28)
    values: list[Fraction | float | int] = [0, 1, -1, 0.5, -0.25, 0.6125, -0.0005, 0.0005]
    values += [2.675, 0.1, -0.05, -0.049999, 1e-300, -1e300, Fraction(1, 3), Fraction(-2, 3)]
    for _ in range(3000):
        values.append(Fraction(rng.randint(-(10**6), 10**6), rng.randint(1, 10**5)))
        values.append(Fraction(rng.randint(-2000, 2000), 2000))
        values.append(rng.uniform(-3, 3))
        values.append(round(rng.uniform(-3, 3), 4))
        values.append(rng.randint(-1000, 1000))
    return values


def test_percentages_and_decimals_round_as_with_fractions() -> None:
    for value in _values():
        exact = Fraction(value)
        assert percent(value) == _reference(exact * 100, 1) + "%", value
        assert percent_points(value) == _reference(exact, 1) + "%", value
        assert one_decimal(value) == _reference(exact, 1), value
        for places in (0, 1, 2, 3):
            assert _half_up(exact, places) == _reference(exact, places), (value, places)


def test_half_way_rounds_away_from_zero() -> None:
    assert percent(Fraction(6125, 10000)) == "61.3%"
    assert one_decimal(Fraction(-1, 4)) == "-0.3"
    assert one_decimal(Fraction(-1, 100)) == "0.0"
    assert percent(True) == "100.0%"


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_not_a_number_fails_as_fraction_does(value: float) -> None:
    with pytest.raises((ValueError, OverflowError)):
        percent(value)


def test_printed_figures_are_the_printed_text() -> None:
    for value in _values():
        assert printed(value) == Fraction(one_decimal(value)), value
        assert str(printed(value)) == str(Fraction(_reference(Fraction(value), 1))), value
