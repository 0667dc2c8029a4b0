"""Designer visits: how long a visit lasted and whether a check-out makes sense."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

EARTH_RADIUS_M = 6_371_000.0
# a visit longer than this was surely left open by mistake: the check-out is refused
MAX_VISIT_HOURS = 16.0


class VisitError(ValueError):
    """A check-in or check-out that cannot be right; ``code`` says which rule failed."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Position:
    latitude: float
    longitude: float


def position(latitude: object, longitude: object) -> Position | None:
    """The (lat, lng) a browser sent, or None when missing, not numbers or not on Earth."""
    try:
        lat, lng = float(latitude), float(longitude)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lng <= 180.0) or (lat == 0.0 and lng == 0.0):
        return None
    return Position(lat, lng)


def distance_m(a: Position, b: Position) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(a.latitude), math.radians(b.latitude)
    dphi = phi2 - phi1
    dlmb = math.radians(b.longitude - a.longitude)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def visit_hours(check_in: datetime, check_out: datetime | None) -> float:
    """Time spent in hours, rounded to the minute; 0 while the visit is open.

    Raises ``VisitError("before_check_in")`` when the check-out is before the check-in
    and ``VisitError("too_long")`` when the visit would last more than MAX_VISIT_HOURS.
    """
    if check_out is None:
        return 0.0
    seconds = (check_out - check_in).total_seconds()
    if seconds < 0:
        raise VisitError("before_check_in")
    minutes = round(seconds / 60)
    if minutes > MAX_VISIT_HOURS * 60:
        raise VisitError("too_long")
    return round(minutes / 60, 4)
