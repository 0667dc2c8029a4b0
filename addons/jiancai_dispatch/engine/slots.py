"""Delivery slots a customer may book: which are offered, and why one cannot be taken."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

# why a slot cannot be booked (the model turns them into sentences)
PAST = "past"
FULL = "full"
CLOSED = "closed"


@dataclass(frozen=True)
class Slot:
    key: int
    start: datetime
    capacity: int
    booked: int
    active: bool = True


def booking_problem(slot: Slot, now: datetime) -> str | None:
    """None when ``slot`` can take one more delivery at ``now``, else PAST, FULL or CLOSED."""
    if not slot.active:
        return CLOSED
    if slot.start <= now:
        return PAST
    if slot.booked >= slot.capacity:
        return FULL
    return None


def offered_slots(slots: Sequence[Slot], now: datetime, limit: int = 12) -> list[int]:
    """Keys of the bookable slots, soonest first, at most ``limit``."""
    free = [s for s in slots if booking_problem(s, now) is None]
    free.sort(key=lambda s: (s.start, s.key))
    return [s.key for s in free[:limit]]
