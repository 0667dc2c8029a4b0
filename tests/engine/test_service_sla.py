"""Working time and SLA deadlines of service tickets: a table of cases."""

from datetime import date, datetime

import pytest
from jiancai_addons.jiancai_service.engine.sla import (
    EscalationStep,
    NoWorkingTime,
    WorkCalendar,
    add_working_minutes,
    close_open_pauses,
    deadlines,
    due_escalations,
    merge,
    subtract,
    working_minutes,
)

# Mon-Fri 09:00-12:00 and 13:00-18:00 (lunch 12-13), Saturday morning 09:00-12:00
DAY = ((9 * 60, 12 * 60), (13 * 60, 18 * 60))
CAL = WorkCalendar(
    weekly={0: DAY, 1: DAY, 2: DAY, 3: DAY, 4: DAY, 5: ((9 * 60, 12 * 60),)},
    holidays=frozenset({date(2026, 10, 1), date(2026, 10, 2)}),  # National Day
)
H = 60


# 2026-09-28 is a Monday; 2026-10-01/02 (Thu/Fri) are holidays
@pytest.mark.parametrize(
    ("start", "minutes", "pauses", "expected"),
    [
        # within the morning
        (datetime(2026, 9, 28, 9, 0), 2 * H, (), datetime(2026, 9, 28, 11, 0)),
        # runs over the lunch break
        (datetime(2026, 9, 28, 11, 0), 2 * H, (), datetime(2026, 9, 28, 14, 0)),
        # opened during lunch: counting starts at 13:00
        (datetime(2026, 9, 28, 12, 30), 30, (), datetime(2026, 9, 28, 13, 30)),
        # opened at night: counting starts the next morning
        (datetime(2026, 9, 28, 20, 0), H, (), datetime(2026, 9, 29, 10, 0)),
        # a full day is 8 working hours: Monday 9:00 + 8 h = Monday 18:00
        (datetime(2026, 9, 28, 9, 0), 8 * H, (), datetime(2026, 9, 28, 18, 0)),
        # exactly at the end of an interval stays there, the next minute moves on
        (datetime(2026, 9, 28, 9, 0), 3 * H, (), datetime(2026, 9, 28, 12, 0)),
        (datetime(2026, 9, 28, 9, 0), 3 * H + 1, (), datetime(2026, 9, 28, 13, 1)),
        # Friday evening → Saturday morning (half day) → Monday
        (datetime(2026, 9, 25, 17, 0), 5 * H, (), datetime(2026, 9, 28, 10, 0)),
        # Wednesday 17:00 + 2 h: Thu and Fri are National Day, Saturday 9:00-10:00
        (datetime(2026, 9, 30, 17, 0), 2 * H, (), datetime(2026, 10, 3, 10, 0)),
        # a pause (waiting for the customer) of one working hour moves the deadline
        (
            datetime(2026, 9, 28, 9, 0),
            2 * H,
            ((datetime(2026, 9, 28, 10, 0), datetime(2026, 9, 28, 11, 0)),),
            datetime(2026, 9, 28, 12, 0),
        ),
        # a pause over the lunch break only costs its working part
        (
            datetime(2026, 9, 28, 11, 0),
            2 * H,
            ((datetime(2026, 9, 28, 11, 30), datetime(2026, 9, 28, 13, 30)),),
            datetime(2026, 9, 28, 15, 0),
        ),
        # a pause at night costs nothing
        (
            datetime(2026, 9, 28, 17, 0),
            2 * H,
            ((datetime(2026, 9, 28, 19, 0), datetime(2026, 9, 29, 8, 0)),),
            datetime(2026, 9, 29, 10, 0),
        ),
        # zero minutes: the start itself
        (datetime(2026, 9, 27, 3, 0), 0, (), datetime(2026, 9, 27, 3, 0)),
    ],
)
def test_add_working_minutes(start, minutes, pauses, expected):
    assert add_working_minutes(CAL, start, minutes, pauses) == expected


@pytest.mark.parametrize(
    ("start", "end", "pauses", "expected"),
    [
        (datetime(2026, 9, 28, 9, 0), datetime(2026, 9, 28, 18, 0), (), 8 * H),
        (datetime(2026, 9, 28, 11, 30), datetime(2026, 9, 28, 13, 30), (), H),
        (datetime(2026, 9, 26, 0, 0), datetime(2026, 9, 28, 0, 0), (), 3 * H),  # Sat+Sun
        (datetime(2026, 10, 1, 0, 0), datetime(2026, 10, 3, 0, 0), (), 0),  # holidays
        (
            datetime(2026, 9, 28, 9, 0),
            datetime(2026, 9, 28, 18, 0),
            ((datetime(2026, 9, 28, 8, 0), datetime(2026, 9, 28, 10, 0)),),
            7 * H,
        ),
        (datetime(2026, 9, 28, 18, 0), datetime(2026, 9, 28, 9, 0), (), 0),  # reversed
    ],
)
def test_working_minutes(start, end, pauses, expected):
    assert working_minutes(CAL, start, end, pauses) == expected


def test_closures_count_like_holidays():
    cal = WorkCalendar(
        weekly=CAL.weekly,
        closures=((datetime(2026, 9, 28, 13, 0), datetime(2026, 9, 28, 18, 0)),),
    )
    assert add_working_minutes(cal, datetime(2026, 9, 28, 11, 0), 2 * H) == datetime(
        2026, 9, 29, 10, 0
    )


def test_add_then_measure_round_trip():
    start = datetime(2026, 9, 28, 10, 17)
    for minutes in (1, 59, 61, 179, 480, 481, 2000):
        end = add_working_minutes(CAL, start, minutes)
        assert working_minutes(CAL, start, end) == minutes


def test_deadlines_and_open_pause():
    opened = datetime(2026, 9, 28, 9, 0)
    now = datetime(2026, 9, 28, 11, 0)
    pauses = close_open_pauses([(datetime(2026, 9, 28, 10, 0), None)], now)
    assert pauses == [(datetime(2026, 9, 28, 10, 0), now)]
    found = deadlines(CAL, opened, 2 * H, 8 * H, pauses)
    assert found.response == datetime(2026, 9, 28, 12, 0)
    assert found.resolution == datetime(2026, 9, 29, 10, 0)


def test_no_working_time_is_a_clear_error():
    with pytest.raises(NoWorkingTime):
        add_working_minutes(WorkCalendar(weekly={}), datetime(2026, 9, 28), 60, horizon_days=30)
    with pytest.raises(ValueError):
        add_working_minutes(CAL, datetime(2026, 9, 28), -1)
    with pytest.raises(ValueError):
        WorkCalendar(weekly={7: ((0, 60),)})
    with pytest.raises(ValueError):
        WorkCalendar(weekly={0: ((600, 540),)})


def test_merge_and_subtract():
    a = datetime(2026, 9, 28, 9, 0)
    b = datetime(2026, 9, 28, 10, 0)
    c = datetime(2026, 9, 28, 11, 0)
    d = datetime(2026, 9, 28, 12, 0)
    assert merge([(c, d), (a, b), (b, c)]) == [(a, d)]
    assert subtract([(a, d)], [(b, c)]) == [(a, b), (c, d)]
    assert subtract([(a, b)], [(a, d)]) == []


STEPS = (
    EscalationStep(50, "notify"),
    EscalationStep(100, "priority"),
    EscalationStep(150, "reassign"),
)


@pytest.mark.parametrize(
    ("done", "used", "target", "expected"),
    [
        (0, 0, 480, []),
        (0, 239, 480, []),
        (0, 240, 480, [0]),  # half of the target: notify
        (0, 480, 480, [0, 1]),  # a cron that ran late applies both, in order
        (1, 480, 480, [1]),  # notified already
        (2, 719, 480, []),
        (2, 720, 480, [2]),  # 150%: reassign
        (3, 9999, 480, []),  # every step done
        (0, 0, 0, [0, 1, 2]),  # no target: overdue from the start
    ],
)
def test_due_escalations(done, used, target, expected):
    assert due_escalations(STEPS, done, used, target) == expected
