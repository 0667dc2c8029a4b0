"""Renovation schedules: phases chained over working days, and the home's key.

Plain Python, no Odoo: dates in, dates out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

# a phase never lasts longer than this many working days (two years of work)
MAX_PHASE_DAYS = 500


class ScheduleError(ValueError):
    """A calendar without working days, or a phase length out of range."""


@dataclass(frozen=True)
class WorkWeek:
    """Which days crews work: weekdays (Monday = 0) minus holidays.

    Renovation crews in Shanghai usually work six days a week: the default.
    """

    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4, 5})
    holidays: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.weekdays:
            raise ScheduleError("a work week needs at least one working day")
        if not set(self.weekdays) <= set(range(7)):
            raise ScheduleError("weekdays are 0 (Monday) to 6 (Sunday)")

    def is_working(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.holidays

    def first_working_day(self, day: date) -> date:
        """``day`` itself when crews work then, else the next working day."""
        for _ in range(len(self.holidays) + 8):
            if self.is_working(day):
                return day
            day += timedelta(days=1)
        raise ScheduleError("no working day found")

    def add_working_days(self, start: date, days: int) -> date:
        """The last day of a job of ``days`` working days that starts on ``start``
        (a working day); one day ends on ``start`` itself."""
        if not 1 <= days <= MAX_PHASE_DAYS:
            raise ScheduleError(f"a phase lasts 1 to {MAX_PHASE_DAYS} working days")
        day = self.first_working_day(start)
        remaining = days - 1
        while remaining:
            day += timedelta(days=1)
            if self.is_working(day):
                remaining -= 1
        return day


def chain_phases(start: date, durations: list[int], week: WorkWeek) -> list[tuple[date, date]]:
    """(first day, last day) of each phase, one after the other, from ``start``.

    A phase of 0 days (a handover meeting with no planned length) takes one day.
    """
    result = []
    day = week.first_working_day(start)
    for days in durations:
        end = week.add_working_days(day, max(days, 1))
        result.append((day, end))
        day = week.first_working_day(end + timedelta(days=1))
    return result


def progress(accepted: int, total: int) -> float:
    """Share of phases accepted, in percent (0 without phases)."""
    if total <= 0:
        return 0.0
    return round(100.0 * min(max(accepted, 0), total) / total, 1)


_SUFFIXES = ("小区", "花园", "公寓", "家园", "新村", "苑")
_MARKERS = re.compile(r"(号楼|楼栋|栋|幢|座|号|单元|门|室|#|\s)")


def _fold(text: str | None) -> str:
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return "".join(ch for ch in folded if not ch.isspace())


def home_key(community: str | None, building: str | None, unit: str | None,
             room: str | None) -> str:  # fmt: skip
    """``万科城市花园|12|2|1501``: the same flat however it was typed (full-width digits,
    栋/号楼/幢, 单元/门, 室, spaces, a generic 花园/小区 suffix). Empty without a community."""
    name = _fold(community)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    if not name:
        return ""
    parts = [_MARKERS.sub("", _fold(part)).lstrip("第0") for part in (building, unit, room)]
    return "|".join([name, *parts])
