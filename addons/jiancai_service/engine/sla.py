"""Working-time arithmetic for service levels (SLA), without Odoo.

Every datetime here is *naive local time* of the calendar (the caller converts from and to
UTC). A calendar is a weekly pattern of working intervals in minutes after midnight (a
lunch break is simply the gap between two intervals), plus closed days (public holidays)
and closed intervals (a half-day closure). Pauses (the ticket waits for the customer) are
subtracted like closures. Results are exact to the minute.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

Interval = tuple[datetime, datetime]

#: how far ahead a deadline is looked for before giving up (a calendar with no work)
HORIZON_DAYS = 400


class NoWorkingTime(ValueError):
    """The calendar has no working time within the horizon."""


@dataclass(frozen=True)
class WorkCalendar:
    """Weekly working intervals (weekday 0 = Monday → ((start_min, end_min), ...))."""

    weekly: Mapping[int, tuple[tuple[int, int], ...]]
    holidays: frozenset[date] = field(default_factory=frozenset)
    closures: tuple[Interval, ...] = ()

    def __post_init__(self) -> None:
        for weekday, spans in self.weekly.items():
            if not 0 <= weekday <= 6:
                raise ValueError(f"weekday {weekday} is not 0..6")
            for start, end in spans:
                if not 0 <= start < end <= 24 * 60:
                    raise ValueError(f"bad interval {start}-{end} on weekday {weekday}")


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping union of intervals (empty ones dropped)."""
    result: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def subtract(intervals: Sequence[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """``intervals`` minus every hole."""
    holes = merge(holes)
    result: list[Interval] = []
    for start, end in intervals:
        cursor = start
        for h_start, h_end in holes:
            if h_end <= cursor or h_start >= end:
                continue
            if h_start > cursor:
                result.append((cursor, h_start))
            cursor = max(cursor, h_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def day_intervals(calendar: WorkCalendar, day: date) -> list[Interval]:
    """Working intervals of one day, before closures and pauses."""
    if day in calendar.holidays:
        return []
    midnight = datetime.combine(day, datetime.min.time())
    spans = calendar.weekly.get(day.weekday(), ())
    return merge(
        (midnight + timedelta(minutes=s), midnight + timedelta(minutes=e)) for s, e in spans
    )


def working_intervals(
    calendar: WorkCalendar, start: datetime, end: datetime, pauses: Iterable[Interval] = ()
) -> list[Interval]:
    """Working intervals between ``start`` and ``end``, minus closures and pauses."""
    if end <= start:
        return []
    raw: list[Interval] = []
    day = start.date()
    while day <= end.date():
        for s, e in day_intervals(calendar, day):
            s, e = max(s, start), min(e, end)
            if e > s:
                raw.append((s, e))
        day += timedelta(days=1)
    return subtract(raw, [*calendar.closures, *pauses])


def working_minutes(
    calendar: WorkCalendar, start: datetime, end: datetime, pauses: Iterable[Interval] = ()
) -> int:
    """Whole working minutes between two moments."""
    total = sum(((e - s) for s, e in working_intervals(calendar, start, end, pauses)), timedelta())
    return int(total.total_seconds() // 60)


def add_working_minutes(
    calendar: WorkCalendar,
    start: datetime,
    minutes: int,
    pauses: Iterable[Interval] = (),
    horizon_days: int = HORIZON_DAYS,
) -> datetime:
    """The moment when ``minutes`` of working time have passed after ``start``.

    Zero minutes is ``start`` itself, even outside working hours. Raises
    :class:`NoWorkingTime` when the calendar cannot give that much within the horizon.
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    if minutes == 0:
        return start
    pauses = list(pauses)
    left = timedelta(minutes=minutes)
    day = start.date()
    for _i in range(horizon_days):
        day_start = max(start, datetime.combine(day, datetime.min.time()))
        day_end = datetime.combine(day + timedelta(days=1), datetime.min.time())
        for s, e in working_intervals(calendar, day_start, day_end, pauses):
            if e - s >= left:
                return s + left
            left -= e - s
        day += timedelta(days=1)
    raise NoWorkingTime(f"no {minutes} working minutes within {horizon_days} days")


@dataclass(frozen=True)
class Deadlines:
    response: datetime
    resolution: datetime


def deadlines(
    calendar: WorkCalendar,
    start: datetime,
    response_minutes: int,
    resolution_minutes: int,
    pauses: Iterable[Interval] = (),
) -> Deadlines:
    """Response and resolution deadlines of a ticket opened at ``start``."""
    pauses = list(pauses)
    return Deadlines(
        response=add_working_minutes(calendar, start, response_minutes, pauses),
        resolution=add_working_minutes(calendar, start, resolution_minutes, pauses),
    )


def close_open_pauses(
    pauses: Iterable[tuple[datetime, datetime | None]], now: datetime
) -> list[Interval]:
    """Pauses with an open end (still waiting) last until ``now``."""
    return [(s, e if e is not None else max(now, s)) for s, e in pauses]


@dataclass(frozen=True)
class EscalationStep:
    """Escalate when ``percent`` of the resolution target has been used."""

    percent: int
    action: str  # "notify" | "priority" | "reassign"


def due_escalations(
    steps: Sequence[EscalationStep], done: int, used_minutes: int, target_minutes: int
) -> list[int]:
    """Indexes of the steps to apply now, given ``done`` steps already applied.

    Steps are applied in their order and only once; a target of 0 minutes means the
    ticket is overdue from the start (every step is due).
    """
    if done < 0:
        raise ValueError("done must not be negative")
    due = []
    for index in range(done, len(steps)):
        step = steps[index]
        if target_minutes <= 0 or used_minutes * 100 >= step.percent * target_minutes:
            due.append(index)
        else:
            break
    return due
