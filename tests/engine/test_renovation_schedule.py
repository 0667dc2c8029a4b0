"""Renovation phases chained over working days, progress, and the home's key."""

from datetime import date, timedelta

import pytest
from hypothesis import (
    given,
    settings,
    strategies as st,
)
from jiancai_addons.jiancai_renovation.engine.schedule import (
    MAX_PHASE_DAYS,
    ScheduleError,
    WorkWeek,
    chain_phases,
    home_key,
    progress,
)

FRIDAY = date(2026, 12, 4)


def test_six_day_week_skips_sunday():
    week = WorkWeek()
    assert week.add_working_days(FRIDAY, 1) == FRIDAY
    # Fri, Sat, (Sun off), Mon
    assert week.add_working_days(FRIDAY, 3) == date(2026, 12, 7)
    assert week.first_working_day(date(2026, 12, 6)) == date(2026, 12, 7)


def test_phases_follow_each_other():
    dates = chain_phases(FRIDAY, [3, 2, 0], WorkWeek())
    assert dates == [
        (date(2026, 12, 4), date(2026, 12, 7)),
        (date(2026, 12, 8), date(2026, 12, 9)),
        (date(2026, 12, 10), date(2026, 12, 10)),
    ]


def test_start_on_a_holiday_moves_to_the_next_working_day():
    week = WorkWeek(holidays=frozenset({date(2027, 1, 1), date(2027, 1, 2)}))
    assert chain_phases(date(2027, 1, 1), [1], week) == [(date(2027, 1, 4), date(2027, 1, 4))]
    # a holiday in the middle of a phase adds a day
    assert week.add_working_days(date(2026, 12, 31), 2) == date(2027, 1, 4)


def test_bad_weeks_and_lengths_are_refused():
    with pytest.raises(ScheduleError):
        WorkWeek(weekdays=frozenset())
    with pytest.raises(ScheduleError):
        WorkWeek(weekdays=frozenset({7}))
    with pytest.raises(ScheduleError):
        WorkWeek().add_working_days(FRIDAY, MAX_PHASE_DAYS + 1)
    with pytest.raises(ScheduleError):
        WorkWeek().add_working_days(FRIDAY, 0)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    durations=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=10),
    weekdays=st.sets(st.integers(min_value=0, max_value=6), min_size=1),
)
def test_chained_phases_never_overlap_and_count_working_days(start, durations, weekdays):
    week = WorkWeek(weekdays=frozenset(weekdays))
    dates = chain_phases(start, durations, week)
    previous_end = start - timedelta(days=1)
    for (begin, end), days in zip(dates, durations, strict=True):
        assert begin > previous_end
        assert week.is_working(begin) and week.is_working(end)
        worked = sum(
            week.is_working(begin + timedelta(days=n)) for n in range((end - begin).days + 1)
        )
        assert worked == max(days, 1)
        previous_end = end


def test_progress():
    assert progress(0, 0) == 0
    assert progress(2, 8) == 25
    assert progress(1, 3) == 33.3
    assert progress(9, 8) == 100
    assert progress(-1, 8) == 0


def test_home_key_folds_how_people_type_a_flat():
    key = "万科城市|12|2|1501"
    assert home_key("万科城市花园", "12栋", "2单元", "1501室") == key
    assert home_key(" 万科城市花园 ", "１２号楼", "2门", "1501") == key
    assert home_key("万科城市", "12幢", "第2单元", "1501号") == key
    assert home_key("", "12栋", "2单元", "1501") == ""
    assert home_key(None, None, None, None) == ""
