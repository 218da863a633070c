"""Working days on the official Chinese calendar (SPEC §6), checked by hand against the
State Council's 2026 schedule as the pinned ``chinese-calendar`` holds it:
中秋 9月25日（周五）, 国庆 10月1日–7日 off; 9月20日（周日） and 10月10日（周六） 调休 working days.
2027's schedule is not in the pinned library yet: Monday to Friday count, as an estimate.
"""

from __future__ import annotations

import datetime as dt

import pytest

from xjj_cli.workdays import WorkdayResult, add_working_days, is_working_day


def test_a_plain_week_counts_monday_to_friday() -> None:
    # Monday 2 November 2026: 3, 4, 5, 6 November, then Monday 9 November
    assert add_working_days(dt.date(2026, 11, 2), 5) == WorkdayResult(dt.date(2026, 11, 9), False)
    assert add_working_days(dt.date(2026, 11, 2), 10) == WorkdayResult(dt.date(2026, 11, 16), False)


def test_ten_working_days_across_mid_autumn_and_national_day() -> None:
    # Thursday 24 September: 25 Sep (中秋) and the weekend off; 28, 29, 30 Sep; 1–7 Oct off;
    # 8, 9 Oct; Saturday 10 Oct (调休) works; 12, 13, 14, 15 Oct — the tenth.
    assert add_working_days(dt.date(2026, 9, 24), 10) == WorkdayResult(dt.date(2026, 10, 15), False)


def test_a_notice_dated_on_a_holiday_counts_from_the_first_working_day_after() -> None:
    assert add_working_days(dt.date(2026, 10, 1), 1).due == dt.date(2026, 10, 8)
    assert add_working_days(dt.date(2026, 10, 1), 3).due == dt.date(2026, 10, 10)  # a Saturday
    assert add_working_days(dt.date(2026, 10, 1), 4).due == dt.date(2026, 10, 12)


def test_a_sunday_that_is_a_tiaoxiu_working_day_counts() -> None:
    # Friday 18 September: Saturday 19 off, Sunday 20 September is a working day
    assert add_working_days(dt.date(2026, 9, 18), 1) == WorkdayResult(dt.date(2026, 9, 20), False)


def test_the_calendar_knows_holidays_and_tiaoxiu_days() -> None:
    assert is_working_day(dt.date(2026, 10, 5)) == (False, False)  # a Monday of 国庆
    assert is_working_day(dt.date(2026, 10, 10)) == (True, False)  # a Saturday, 调休
    assert is_working_day(dt.date(2026, 10, 11)) == (False, False)  # a plain Sunday


def test_a_year_the_calendar_does_not_cover_counts_monday_to_friday_as_an_estimate() -> None:
    # Monday 4 January 2027: ten weekdays later is Monday 18 January
    assert add_working_days(dt.date(2027, 1, 4), 10) == WorkdayResult(dt.date(2027, 1, 18), True)
    assert is_working_day(dt.date(2027, 1, 9)) == (False, True)  # a Saturday


def test_a_count_running_into_an_uncovered_year_is_an_estimate() -> None:
    # Wednesday 30 December 2026: 31 Dec (2026, known), Friday 1 Jan and Monday 4 Jan 2027 guessed
    assert add_working_days(dt.date(2026, 12, 30), 3) == WorkdayResult(dt.date(2027, 1, 4), True)
    # the same count ending inside 2026 is exact
    assert add_working_days(dt.date(2026, 12, 29), 2) == WorkdayResult(dt.date(2026, 12, 31), False)


def test_zero_days_is_the_start_and_a_negative_count_is_refused() -> None:
    assert add_working_days(dt.date(2026, 10, 3), 0) == WorkdayResult(dt.date(2026, 10, 3), False)
    with pytest.raises(ValueError):
        add_working_days(dt.date(2026, 10, 3), -1)
