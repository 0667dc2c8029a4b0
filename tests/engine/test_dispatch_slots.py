"""Delivery slots offered to the customer."""

from datetime import datetime

import pytest
from jiancai_addons.jiancai_dispatch.engine.slots import (
    CLOSED,
    FULL,
    PAST,
    Slot,
    booking_problem,
    offered_slots,
)

NOW = datetime(2026, 12, 2, 8, 0)


@pytest.mark.parametrize(
    ("slot", "problem"),
    [
        (Slot(1, datetime(2026, 12, 3, 1, 0), 3, 0), None),
        (Slot(2, datetime(2026, 12, 3, 1, 0), 3, 2), None),  # last place
        (Slot(3, datetime(2026, 12, 3, 1, 0), 3, 3), FULL),
        (Slot(4, datetime(2026, 12, 3, 1, 0), 0, 0), FULL),  # no capacity offered
        (Slot(5, datetime(2026, 12, 2, 8, 0), 3, 0), PAST),  # starts now: too late
        (Slot(6, datetime(2026, 12, 1, 8, 0), 3, 9), PAST),
        (Slot(7, datetime(2026, 12, 3, 1, 0), 3, 0, active=False), CLOSED),
    ],
)
def test_booking_problem(slot, problem):
    assert booking_problem(slot, NOW) == problem


def test_offered_slots_soonest_first_and_limited():
    slots = [
        Slot(10, datetime(2026, 12, 4, 1), 2, 0),
        Slot(11, datetime(2026, 12, 3, 6), 2, 2),  # full
        Slot(12, datetime(2026, 12, 3, 1), 2, 1),
        Slot(13, datetime(2026, 12, 1, 1), 2, 0),  # past
        Slot(14, datetime(2026, 12, 3, 1), 2, 0),
    ]
    assert offered_slots(slots, NOW) == [12, 14, 10]
    assert offered_slots(slots, NOW, limit=2) == [12, 14]
    assert offered_slots([], NOW) == []
