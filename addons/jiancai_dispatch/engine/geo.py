"""Distances on the Earth from geocoded points (no routing service)."""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)

Point = tuple[float, float]  # (latitude, longitude) in degrees


def is_geocoded(point: Point | None) -> bool:
    """A real position: both coordinates set, on Earth, and not the (0, 0) placeholder."""
    if point is None:
        return False
    lat, lng = point
    if lat is None or lng is None:
        return False
    if not (math.isfinite(lat) and math.isfinite(lng)):
        return False
    return -90 <= lat <= 90 and -180 <= lng <= 180 and (lat, lng) != (0.0, 0.0)


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance between ``a`` and ``b`` in kilometres."""
    lat1, lng1, lat2, lng2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def site_km(origin: Point | None, site: Point | None, road_factor: float = 1.0) -> float | None:
    """Km from ``origin`` to ``site`` times ``road_factor``; None unless both are geocoded."""
    if not (is_geocoded(origin) and is_geocoded(site)):
        return None
    return haversine_km(origin, site) * road_factor


def farthest_km(origin: Point | None, sites: Sequence[Point | None], road_factor: float = 1.0):
    """Km to the farthest geocoded site, or None when the origin or every site is unknown."""
    distances = [site_km(origin, s, road_factor) for s in sites]
    known = [d for d in distances if d is not None]
    return max(known) if known else None
