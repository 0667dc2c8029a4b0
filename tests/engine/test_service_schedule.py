"""Technician slots, conflicts, confirmation codes and the after-sales class."""

from datetime import date, datetime

import pytest
from jiancai_addons.jiancai_service.engine.code import (
    MAX_TRIES,
    check_code,
    digest,
    normalize,
)
from jiancai_addons.jiancai_service.engine.schedule import (
    CONFLICT,
    OUTSIDE,
    PAST,
    SKILLS,
    booking_problem,
    can_reschedule,
    conflicts,
    free_slots,
)
from jiancai_addons.jiancai_service.engine.sla import WorkCalendar
from jiancai_addons.jiancai_service.engine.warranty import (
    DELIVERING,
    IN_WARRANTY,
    OUT_OF_WARRANTY,
    add_months,
    after_sales_class,
)

DAY = ((9 * 60, 12 * 60), (13 * 60, 18 * 60))
CAL = WorkCalendar(weekly={d: DAY for d in range(5)}, holidays=frozenset({date(2026, 10, 1)}))
MON = datetime(2026, 9, 28)


def at(hour, minute=0, day=28):
    return datetime(2026, 9, day, hour, minute)


def test_free_slots_respect_lunch_buffer_and_jobs():
    busy = [(at(13), at(15))]  # a job 13-15
    slots = free_slots(CAL, busy, at(0), at(23, 59), 120, buffer_min=30, step_min=60)
    # morning 9-11, 10-12; afternoon: 13-15 busy; 15:00 too close (buffer); 16-18 ok
    assert slots == [(at(9), at(11)), (at(10), at(12)), (at(16), at(18))]


def test_free_slots_not_before_and_holiday():
    slots = free_slots(CAL, [], at(0), at(23), 60, not_before=at(16))
    assert slots == [(at(16), at(17)), (at(17), at(18))]
    holiday = datetime(2026, 10, 1)
    assert free_slots(CAL, [], holiday, holiday.replace(hour=23), 60) == []
    with pytest.raises(ValueError):
        free_slots(CAL, [], at(0), at(23), 0)


@pytest.mark.parametrize(
    ("start", "end", "buffer", "expected"),
    [
        (at(9), at(10), 0, False),  # ends when the job starts
        (at(9), at(10, 30), 30, False),  # a 30 min gap is enough to drive
        (at(9), at(10, 45), 30, True),  # no time to drive
        (at(12), at(13), 0, True),  # overlaps
        (at(13), at(14), 0, False),  # starts when it ends
        (at(13), at(14), 15, True),
    ],
)
def test_conflicts(start, end, buffer, expected):
    busy = [(at(11), at(13))]
    assert conflicts(busy, start, end, buffer) is expected


@pytest.mark.parametrize(
    ("start", "end", "skills", "expected"),
    [
        (at(9), at(11), {1, 2}, None),
        (at(7), at(8), {1, 2}, PAST),  # now is 8:00
        (at(9), at(11), {1}, SKILLS),
        (at(11), at(13), {1, 2}, OUTSIDE),  # over lunch
        (at(17), at(19), {1, 2}, OUTSIDE),  # after hours
        (at(14), at(16), {1, 2}, CONFLICT),
        (datetime(2026, 10, 1, 9), datetime(2026, 10, 1, 10), {1, 2}, OUTSIDE),  # holiday
    ],
)
def test_booking_problem(start, end, skills, expected):
    busy = [(at(15), at(17))]
    problem = booking_problem(
        CAL, busy, start, end, now=at(8), required_skills={1, 2}, skills=skills
    )
    assert problem == expected


def test_reschedule_cut_off():
    job = at(14)
    assert can_reschedule(at(14, 0, day=27), job, 24) is True  # exactly the cut-off
    assert can_reschedule(at(14, 1, day=27), job, 24) is False
    assert can_reschedule(at(13), None, 24) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123456", "123456"),
        (" 123 456 ", "123456"),
        ("１２３４５６", "123456"),  # full-width digits fold
        ("١٢٣٤٥٦", None),  # Arabic-Indic digits are refused, not guessed
        ("12345", None),
        ("1234567", None),
        ("12345a", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_code(text, expected):
    assert normalize(text) == expected


def test_code_tries_are_limited():
    good = digest("424242", "t1")
    assert check_code(good, "t1", "424242", 0).ok
    assert check_code(good, "t2", "424242", 0).ok is False  # salted per ticket
    check = check_code(good, "t1", "111111", 0)
    assert (check.ok, check.tries, check.remaining) == (False, 1, MAX_TRIES - 1)
    malformed = check_code(good, "t1", "abc", 2)
    assert malformed.malformed and malformed.tries == 2
    last = check_code(good, "t1", "111111", MAX_TRIES - 1)
    assert last.locked and last.remaining == 0
    # once locked, even the right code is refused
    assert check_code(good, "t1", "424242", MAX_TRIES).locked


@pytest.mark.parametrize(
    ("delivered", "months", "on", "expected"),
    [
        (None, 24, date(2026, 1, 1), DELIVERING),
        (date(2026, 3, 1), 24, date(2026, 2, 1), DELIVERING),
        (date(2026, 3, 1), 24, date(2026, 3, 1), IN_WARRANTY),
        (date(2026, 3, 1), 24, date(2028, 3, 1), IN_WARRANTY),  # last day included
        (date(2026, 3, 1), 24, date(2028, 3, 2), OUT_OF_WARRANTY),
        (date(2026, 3, 1), 0, date(2026, 3, 2), OUT_OF_WARRANTY),  # no warranty
    ],
)
def test_after_sales_class(delivered, months, on, expected):
    assert after_sales_class(delivered, months, on) == expected


def test_add_months_clamps():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)
