"""Place geocoded points on a small plane (an SVG map without tiles)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .geo import Point, is_geocoded


@dataclass(frozen=True)
class Placed:
    key: int
    x: float
    y: float


def place(
    points: Sequence[tuple[int, Point | None]],
    width: float = 800.0,
    height: float = 500.0,
    margin: float = 40.0,
) -> list[Placed]:
    """Equirectangular projection of the geocoded ``points`` into ``width`` x ``height``.

    North is up; east and west distances are shrunk by the cosine of the mean latitude
    so that a kilometre has the same length both ways. One point (or all at one place)
    sits in the middle. Points that are not geocoded are left out.
    """
    known = [(key, p) for key, p in points if is_geocoded(p)]
    if not known:
        return []
    lats = [p[0] for _k, p in known]
    lngs = [p[1] for _k, p in known]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = (max(lngs) - min(lngs)) * shrink
    span_y = max(lats) - min(lats)
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    scale = min(inner_w / span_x if span_x else math.inf, inner_h / span_y if span_y else math.inf)
    if math.isinf(scale):
        return [Placed(key, width / 2, height / 2) for key, _p in known]
    mid_lng = (max(lngs) + min(lngs)) / 2
    mid_lat = (max(lats) + min(lats)) / 2
    return [
        Placed(
            key,
            width / 2 + (p[1] - mid_lng) * shrink * scale,
            height / 2 - (p[0] - mid_lat) * scale,
        )
        for key, p in known
    ]
