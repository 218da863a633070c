"""Numbers and dates as the office writes them: 61.3%, 25.0个百分点, 25.12亿元, 两个月,
2026年10月31日, 10月. Every module of the catalogue and every renderer formats with these.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

_CN_DIGITS = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """Small counts in Chinese numerals (3 → 三, 12 → 十二); larger ones stay in digits."""
    if 0 <= n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _ratio(value: Fraction | float) -> tuple[int, int]:
    """``value`` as the numerator and (positive) denominator of ``Fraction(value)``, without
    making a ``Fraction`` for the types that already carry them (a float's ratio is exact, as
    ``Fraction(float)``'s)."""
    if isinstance(value, Fraction):
        return value.numerator, value.denominator
    if isinstance(value, int):
        return int(value), 1
    if isinstance(value, float):
        return value.as_integer_ratio()
    exact = Fraction(value)
    return exact.numerator, exact.denominator


def _half_up_ratio(numerator: int, denominator: int, places: int) -> str:
    """``numerator / denominator`` (denominator > 0) as ``_half_up`` writes it, in integers:
    floor(|n|·10^p / d + 1/2) is (2·|n|·10^p + d) // 2d."""
    rounded = (2 * abs(numerator) * 10**places + denominator) // (2 * denominator)
    sign = "-" if numerator < 0 and rounded else ""
    digits = str(rounded).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}" if places else f"{sign}{digits}"


def _half_up(value: Fraction, places: int) -> str:
    """Round half away from zero, as Excel's and WPS's ROUND do (−0.25 → −0.3)."""
    return _half_up_ratio(value.numerator, value.denominator, places)


def percent(share: Fraction | float) -> str:
    """A share of one as a percentage with one decimal: 0.6125 → 61.3%."""
    numerator, denominator = _ratio(share)
    return _half_up_ratio(numerator * 100, denominator, 1) + "%"


def percent_points(value: Fraction | float) -> str:
    """A value already in percent with one decimal: 55 → 55.0%."""
    return _half_up_ratio(*_ratio(value), 1) + "%"


def one_decimal(value: Fraction | float) -> str:
    """A number with one decimal, rounded as the office does: 25 → 25.0."""
    return _half_up_ratio(*_ratio(value), 1)


def printed(value: Fraction | float) -> Fraction:
    """A value in percent (or points) as it is printed: rounded to one decimal the office's way
    (86.64 → 86.6). Every difference a document prints is taken between printed figures, so
    that it agrees with the figures beside it (SPEC §5: 86.6% and 83.3% → 3.3, never 3.2)."""
    numerator, denominator = _ratio(value)
    tenths = (20 * abs(numerator) + denominator) // (2 * denominator)  # as ``_half_up_ratio``
    return Fraction(-tenths if numerator < 0 else tenths, 10)


def printed_gap(value: Fraction | float, reference: Fraction | float) -> Fraction:
    """``value`` − ``reference``, both in percent, as the difference of their printed figures."""
    return printed(value) - printed(reference)


def points(value: Fraction | float) -> str:
    """Percentage points with one decimal: 25 → 25.0个百分点."""
    return one_decimal(value) + "个百分点"


def money(value: float) -> str:
    """万元 with at most one decimal, thousands unseparated as in office documents."""
    text = _half_up(Fraction(repr(value)) if isinstance(value, float) else Fraction(value), 1)
    return (text[:-2] if text.endswith(".0") else text) + "万元"


def amount(value: Fraction | float) -> str:
    """A count that may be fractional (a monthly average) with at most one decimal: 7.5, 12."""
    text = _half_up(Fraction(value), 1)
    return text[:-2] if text.endswith(".0") else text


def number(value: float) -> str:
    """A parameter as people write it: 10.0 → 10, 12.5 → 12.5."""
    return f"{value:g}"


def months_count(n: int) -> str:
    """A number of months as the office writes it after 连续: 两个月 for 2 (never 二个月 or
    2个月), digits otherwise (3个月, 10个月)."""
    return "两个月" if n == 2 else f"{n}个月"


YI = 10000
"""万元 in one 亿元."""


def money_text(value: Fraction | int) -> str:
    """An amount of 万元 as the office writes it: 亿元 with at most two decimals from 1 亿 up
    (251200 → 25.12亿元), 万元 below (8000 → 8000万元)."""
    value = Fraction(value)
    if abs(value) < YI:
        text = _half_up(value, 1)
        return (text[:-2] if text.endswith(".0") else text) + "万元"
    return _half_up(value / YI, 2).rstrip("0").rstrip(".") + "亿元"


def cn_date(day: dt.date) -> str:
    """2026年10月31日."""
    return f"{day.year}年{day.month}月{day.day}日"


WEEKDAYS = "一二三四五六日"


def cn_datetime(moment: dt.datetime) -> str:
    """A meeting's time as a notice gives it: 2026年11月12日（星期四）15:00."""
    return f"{cn_date(moment.date())}（星期{WEEKDAYS[moment.weekday()]}）{moment:%H:%M}"


def cn_month(month: str, relative_to: str | None = None) -> str:
    """2026年10月, or just 10月 within the year of ``relative_to``."""
    year, mon = int(month[:4]), int(month[5:7])
    if relative_to is not None and relative_to[:4] == month[:4]:
        return f"{mon}月"
    return f"{year}年{mon}月"


def cn_months(months: Iterable[str], relative_to: str | None = None) -> list[str]:
    """Months named in one sentence, in order: the first carries its year unless it is in
    ``relative_to``'s year, each later one when its year differs from the one before it
    (2026年9月至2027年1月; 2026年11月，12月，2027年1月; 9月至10月)."""
    names, before = [], relative_to
    for month in months:
        names.append(cn_month(month, before))
        before = month
    return names


_FORMATTER = string.Formatter()


@functools.lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[tuple[str, str | None, str, str | None, bool], ...]:
    """``template``'s literal texts and fields, each field marked when the template quotes it
    (“{field}”)."""
    parsed = list(_FORMATTER.parse(template))
    return tuple(
        (
            literal,
            field,
            spec or "",
            conversion,
            field is not None
            and literal.endswith("“")
            and index + 1 < len(parsed)
            and parsed[index + 1][0].startswith("”"),
        )
        for index, (literal, field, spec, conversion) in enumerate(parsed)
    )


def inner_quotes(text: str) -> str:
    """Quotation marks inside a quotation, as the office nests them: “…” becomes ‘…’."""
    return text.replace("“", "‘").replace("”", "’")


def fill(template: str, /, **params: Any) -> str:
    """``template.format(**params)``, but a value the template puts in “” has its own “”
    written ‘’: “5G基站‘转改直’供电改造工程”, never “5G基站“转改直”供电改造工程” (SPEC §5, Voice)."""
    out: list[str] = []
    for literal, field, spec, conversion, quoted in _pieces(template):
        out.append(literal)
        if field is None:
            continue
        value, _ = _FORMATTER.get_field(field, (), params)
        text = format(_FORMATTER.convert_field(value, conversion), spec)
        out.append(inner_quotes(text) if quoted else text)
    return "".join(out)
