"""Time arithmetic of execution rules: working days, daily deadlines, periods.

Everything here is plain Python: dates in, dates out. Datetimes that go to the
database are naive UTC (as Odoo stores them); local days are those of the
company's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# a rule never looks further back than this many days for one deadline (ten years)
MAX_SPAN_DAYS = 3660


class CalendarError(ValueError):
    """A calendar that has no working day, or an offset out of range."""


@dataclass(frozen=True)
class WorkCalendar:
    """Which days people work: weekdays (Monday = 0) minus holidays plus make-up days.

    ``extra_workdays`` are the weekend days worked in exchange for a holiday (调休).
    """

    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    holidays: frozenset[date] = field(default_factory=frozenset)
    extra_workdays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.weekdays and not self.extra_workdays:
            raise CalendarError("a calendar needs at least one working day")
        if not set(self.weekdays) <= set(range(7)):
            raise CalendarError("weekdays are 0 (Monday) to 6 (Sunday)")

    def is_working(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays


def tzinfo(name: str | None) -> ZoneInfo:
    """The zone of that name; UTC when it is empty or unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_day(moment_utc: datetime, tz: str | None) -> date:
    """The local date of a naive UTC datetime."""
    aware = moment_utc.replace(tzinfo=ZoneInfo("UTC"))
    return aware.astimezone(tzinfo(tz)).date()


def local_to_utc(day: date, at: time, tz: str | None) -> datetime:
    """Naive UTC datetime of the local time ``at`` on ``day``."""
    aware = datetime.combine(day, at, tzinfo=tzinfo(tz))
    return aware.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def day_start_utc(day: date, tz: str | None) -> datetime:
    """Naive UTC datetime of local midnight starting ``day``."""
    return local_to_utc(day, time(0, 0), tz)


def hour_to_time(hour: float) -> time:
    """12.5 -> 12:30; the hour must be within [0, 24)."""
    if not 0 <= hour < 24:
        raise CalendarError("an hour of the day is between 0:00 and 23:59")
    minutes = round(hour * 60)
    minutes = min(minutes, 24 * 60 - 1)
    return time(minutes // 60, minutes % 60)


def add_days(start: date, days: int, calendar: WorkCalendar | None) -> date:
    """``start`` moved by ``days``; working days when a calendar is given.

    With a calendar, the result is the ``days``-th working day after (or, when
    negative, before) ``start``; ``start`` itself does not count. Zero days is
    ``start`` itself.
    """
    if abs(days) > MAX_SPAN_DAYS:
        raise CalendarError("an offset is at most %d days" % MAX_SPAN_DAYS)
    if calendar is None or days == 0:
        return start + timedelta(days=days)
    step = timedelta(days=1 if days > 0 else -1)
    remaining = abs(days)
    current = start
    guard = 0
    while remaining:
        current += step
        guard += 1
        if guard > MAX_SPAN_DAYS * 2:
            raise CalendarError("no working day found in the calendar")
        if calendar.is_working(current):
            remaining -= 1
    return current


def latest_breached_start(today: date, days: int, calendar: WorkCalendar | None) -> date:
    """The latest date ``d`` whose deadline ``add_days(d, days)`` has passed by ``today``.

    A document dated ``d`` or earlier is late on ``today`` (its deadline day is over);
    one dated after it is not yet. ``add_days`` never decreases when its start
    grows, so the answer is found by walking back from ``today``.
    """
    if calendar is None:
        return today - timedelta(days=days + 1)
    candidate = today if days < 0 else today - timedelta(days=1)
    if days < 0:
        # a negative offset can put the deadline after the start: walk forward first
        while add_days(candidate + timedelta(days=1), days, calendar) < today:
            candidate += timedelta(days=1)
    for _ in range(MAX_SPAN_DAYS * 2):
        if add_days(candidate, days, calendar) < today:
            return candidate
        candidate -= timedelta(days=1)
    raise CalendarError("no working day found in the calendar")


def last_passed_day(now_utc: datetime, hour: float, tz: str | None) -> date:
    """The latest local day whose daily deadline at ``hour`` has passed by ``now``."""
    today = local_day(now_utc, tz)
    deadline = local_to_utc(today, hour_to_time(hour), tz)
    return today if now_utc >= deadline else today - timedelta(days=1)


def daily_window_utc(day: date, hour: float, tz: str | None) -> tuple[datetime, datetime]:
    """[local midnight, local deadline) of ``day`` in naive UTC."""
    return day_start_utc(day, tz), local_to_utc(day, hour_to_time(hour), tz)


def period_of(moment_utc: datetime, tz: str | None) -> str:
    """The local month of a moment, as ``YYYY-MM`` (points and penalties per month)."""
    return local_day(moment_utc, tz).strftime("%Y-%m")


def next_run(
    now_utc: datetime,
    trigger: str,
    interval_minutes: int = 60,
    tz: str | None = None,
    night_hour: float = 2.0,
) -> datetime | None:
    """When a rule runs next: in ``interval_minutes``, or at the next local night."""
    if trigger == "interval":
        return now_utc + timedelta(minutes=max(int(interval_minutes), 5))
    if trigger == "nightly":
        today = local_day(now_utc, tz)
        tonight = local_to_utc(today, hour_to_time(night_hour), tz)
        if tonight <= now_utc:
            tonight = local_to_utc(today + timedelta(days=1), hour_to_time(night_hour), tz)
        return tonight
    return None
