"""Appointment slots of technicians: free times, conflicts, skills, cut-off (no Odoo).

Naive local datetimes, like :mod:`.sla`. A technician is busy during each of their jobs;
a travel buffer must separate two jobs. A slot must fit in one working interval (a job
does not run over the lunch break).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .sla import Interval, WorkCalendar, working_intervals

#: a refusal code for each reason a booking cannot be made
PAST = "past"
CUTOFF = "cutoff"
CONFLICT = "conflict"
OUTSIDE = "outside"
SKILLS = "skills"


@dataclass(frozen=True)
class Slot:
    technician: int
    start: datetime
    end: datetime


def conflicts(busy: Iterable[Interval], start: datetime, end: datetime, buffer_min: int) -> bool:
    """True when ``[start, end)`` is closer than ``buffer_min`` to a busy interval."""
    gap = timedelta(minutes=buffer_min)
    return any(start < b_end + gap and b_start < end + gap for b_start, b_end in busy)


def has_skills(required: Iterable[int], skills: Iterable[int]) -> bool:
    return set(required) <= set(skills)


def free_slots(
    calendar: WorkCalendar,
    busy: Sequence[Interval],
    day_from: datetime,
    day_to: datetime,
    duration_min: int,
    buffer_min: int = 0,
    step_min: int = 60,
    not_before: datetime | None = None,
) -> list[tuple[datetime, datetime]]:
    """Start/end of each free slot of ``duration_min`` between two moments.

    Slots start on the working intervals' start and then every ``step_min`` minutes.
    """
    if duration_min <= 0 or step_min <= 0:
        raise ValueError("duration and step must be positive")
    duration = timedelta(minutes=duration_min)
    step = timedelta(minutes=step_min)
    result = []
    for w_start, w_end in working_intervals(calendar, day_from, day_to):
        start = w_start
        while start + duration <= w_end:
            end = start + duration
            if (not_before is None or start >= not_before) and not conflicts(
                busy, start, end, buffer_min
            ):
                result.append((start, end))
            start += step
    return result


def booking_problem(
    calendar: WorkCalendar,
    busy: Sequence[Interval],
    start: datetime,
    end: datetime,
    now: datetime,
    buffer_min: int = 0,
    required_skills: Iterable[int] = (),
    skills: Iterable[int] = (),
) -> str | None:
    """Why a technician cannot take ``[start, end)`` now, or None when they can."""
    if start <= now:
        return PAST
    if not has_skills(required_skills, skills):
        return SKILLS
    # the whole slot lies in one working interval (no lunch break, no closure inside)
    if working_intervals(calendar, start, end) != [(start, end)]:
        return OUTSIDE
    if conflicts(busy, start, end, buffer_min):
        return CONFLICT
    return None


def can_reschedule(now: datetime, current_start: datetime | None, cutoff_hours: float) -> bool:
    """The customer may move an appointment until ``cutoff_hours`` before it."""
    if current_start is None:
        return True
    return now <= current_start - timedelta(hours=cutoff_hours)
