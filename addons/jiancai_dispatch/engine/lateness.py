"""Which stops are late: not delivered and past the end of their window (+ grace)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class StopWindow:
    key: int
    window_end: datetime | None
    finished: bool = False


def late_stops(stops: Sequence[StopWindow], now: datetime, grace_minutes: int = 0) -> list[int]:
    """Keys of the open stops whose window ended more than ``grace_minutes`` ago."""
    grace = timedelta(minutes=grace_minutes)
    return [
        s.key
        for s in stops
        if not s.finished and s.window_end is not None and now > s.window_end + grace
    ]
