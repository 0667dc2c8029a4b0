"""Working days, daily deadlines in the company's time zone, periods of execution rules."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import (
    given,
    settings,
    strategies as st,
)
from jiancai_addons.jiancai_execution.engine.timecalc import (
    CalendarError,
    WorkCalendar,
    add_days,
    daily_window_utc,
    hour_to_time,
    last_passed_day,
    latest_breached_start,
    local_day,
    next_run,
    period_of,
)

SHANGHAI = "Asia/Shanghai"
# National Day 2026: 1-7 October off, Sunday 27 Sep and Saturday 10 Oct worked (调休)
NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
    extra_workdays=frozenset({date(2026, 9, 27), date(2026, 10, 10)}),
)
WEEK = WorkCalendar()


def test_working_days_skip_weekend():
    friday = date(2026, 12, 4)
    assert add_days(friday, 1, WEEK) == date(2026, 12, 7)  # Monday
    assert add_days(friday, 5, WEEK) == date(2026, 12, 11)
    assert add_days(date(2026, 12, 7), -1, WEEK) == friday
    assert add_days(friday, 0, WEEK) == friday


def test_working_days_skip_holidays_and_count_make_up_days():
    # Friday 25 Sep + 3 working days: Sat 26 off, Sun 27 worked, Mon 28, Tue 29
    assert add_days(date(2026, 9, 25), 3, NATIONAL_DAY) == date(2026, 9, 29)
    # Wed 30 Sep + 1: the week off, Thu 8 Oct
    assert add_days(date(2026, 9, 30), 1, NATIONAL_DAY) == date(2026, 10, 8)
    assert add_days(date(2026, 10, 9), 1, NATIONAL_DAY) == date(2026, 10, 10)


def test_calendar_days_without_calendar():
    assert add_days(date(2026, 2, 27), 2, None) == date(2026, 3, 1)


def test_latest_breached_start_calendar_days():
    # 3 days after the 1st is the 4th; late from the 5th on
    assert latest_breached_start(date(2026, 12, 5), 3, None) == date(2026, 12, 1)


def test_latest_breached_start_working_days():
    # on Monday 14 Dec, 5 working days after Fri 4 Dec (= Fri 11) have passed, and after
    # a weekend document of Sun 6 Dec too (= Fri 11); after Mon 7 Dec (= Mon 14) not yet
    assert latest_breached_start(date(2026, 12, 14), 5, WEEK) == date(2026, 12, 6)


def test_latest_breached_start_before_the_date():
    # due on the 10th, warned 3 days before: the deadline is the 7th, late from the 8th
    cutoff = latest_breached_start(date(2026, 12, 8), -3, None)
    assert cutoff == date(2026, 12, 10)
    assert latest_breached_start(date(2026, 12, 8), -3, WEEK) >= date(2026, 12, 10)


@settings(max_examples=150, deadline=None)
@given(
    today=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=-30, max_value=60),
    working=st.booleans(),
)
def test_cutoff_splits_late_from_not_late(today, days, working):
    calendar = WEEK if working else None
    cutoff = latest_breached_start(today, days, calendar)
    assert add_days(cutoff, days, calendar) < today
    assert add_days(cutoff + timedelta(days=1), days, calendar) >= today


def test_daily_deadline_in_shanghai():
    # 20:00 in Shanghai is 12:00 UTC
    start, end = daily_window_utc(date(2026, 12, 6), 20, SHANGHAI)
    assert start == datetime(2026, 12, 5, 16, 0)
    assert end == datetime(2026, 12, 6, 12, 0)
    assert hour_to_time(12.5).strftime("%H:%M") == "12:30"


def test_last_passed_day_uses_local_time():
    # 11:59 UTC = 19:59 Shanghai: the 20:00 deadline of today has not passed
    assert last_passed_day(datetime(2026, 12, 6, 11, 59), 20, SHANGHAI) == date(2026, 12, 5)
    assert last_passed_day(datetime(2026, 12, 6, 12, 0), 20, SHANGHAI) == date(2026, 12, 6)
    # 17:00 UTC on the 6th is already the 7th in Shanghai (01:00)
    assert last_passed_day(datetime(2026, 12, 6, 17, 0), 0.5, SHANGHAI) == date(2026, 12, 7)


def test_period_is_the_local_month():
    # 30 Nov 17:00 UTC is 1 Dec 01:00 in Shanghai
    assert period_of(datetime(2026, 11, 30, 17, 0), SHANGHAI) == "2026-12"
    assert period_of(datetime(2026, 11, 30, 17, 0), "UTC") == "2026-11"
    assert local_day(datetime(2026, 11, 30, 17, 0), "Not/AZone") == date(2026, 11, 30)


def test_next_run():
    now = datetime(2026, 12, 6, 10, 0)  # 18:00 in Shanghai
    assert next_run(now, "interval", 15) == now + timedelta(minutes=15)
    assert next_run(now, "interval", 0) == now + timedelta(minutes=5)
    # next 02:00 in Shanghai = 18:00 UTC the same day
    assert next_run(now, "nightly", tz=SHANGHAI) == datetime(2026, 12, 6, 18, 0)
    assert next_run(now, "event") is None


@pytest.mark.parametrize("hour", [-1, 24, 99])
def test_absurd_hours_refused(hour):
    with pytest.raises(CalendarError):
        hour_to_time(hour)


def test_calendar_without_working_days_refused():
    with pytest.raises(CalendarError):
        WorkCalendar(weekdays=frozenset())
    with pytest.raises(CalendarError):
        WorkCalendar(weekdays=frozenset({7}))
    with pytest.raises(CalendarError):
        add_days(date(2026, 1, 1), 100000, WEEK)
