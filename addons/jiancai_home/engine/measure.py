"""Rooms measured on site (量房) and the tiles they take (算砖).

A measurer types lengths in metres on a phone; the floor is length × width, the walls the
perimeter × height less the doors and windows. Tiles are bought with a share for cuts and
breakage that depends on how they are laid: straight 5 %, diagonal 12 %, herringbone 15 %,
large slabs 8 %. Areas are computed in Decimal to the centimetre² so the same
measurements always give the same quantity.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

MAX_SIDE = 100.0  # metres: a room side, a hall of a villa at most
MAX_HEIGHT = 10.0
CENT = Decimal("0.01")

PATTERN_WASTE: dict[str, Decimal] = {
    "straight": Decimal("0.05"),
    "large": Decimal("0.08"),
    "diagonal": Decimal("0.12"),
    "herringbone": Decimal("0.15"),
}
MAX_WASTE = Decimal("0.5")


class MeasureError(ValueError):
    """A measurement that cannot be one: ``code`` is ``not_number``, ``not_positive``,
    ``too_large``, ``openings`` (more doors and windows than wall) or ``pattern``; ``field``
    names the measurement so the caller words the refusal."""

    def __init__(self, code: str, field: str = ""):
        super().__init__(f"{field}: {code}" if field else code)
        self.code = code
        self.field = field


def _metres(value: float | int | None, field: str, maximum: float, allow_zero=False) -> Decimal:
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        raise MeasureError("not_number", field)
    if not math.isfinite(value):
        raise MeasureError("not_number", field)
    if value < 0 or (value == 0 and not allow_zero):
        raise MeasureError("not_positive", field)
    if value > maximum:
        raise MeasureError("too_large", field)
    return Decimal(repr(float(value))).quantize(Decimal("0.001"), ROUND_HALF_UP)


def floor_area(length: float, width: float) -> Decimal:
    """The floor of a rectangular room, in m² to the cm² (rounded half up)."""
    area = _metres(length, "length", MAX_SIDE) * _metres(width, "width", MAX_SIDE)
    return area.quantize(CENT, ROUND_HALF_UP)


def wall_area(length: float, width: float, height: float, openings: float = 0.0) -> Decimal:
    """The four walls up to ``height`` less the doors and windows (``openings``, in m²).

    A height of 0 means the walls are not tiled (0 m²)."""
    side_l = _metres(length, "length", MAX_SIDE)
    side_w = _metres(width, "width", MAX_SIDE)
    up = _metres(height, "height", MAX_HEIGHT, allow_zero=True)
    holes = _metres(openings, "openings", MAX_SIDE * MAX_HEIGHT, allow_zero=True)
    walls = 2 * (side_l + side_w) * up
    if holes > walls:
        raise MeasureError("openings", "openings")
    return (walls - holes).quantize(CENT, ROUND_HALF_UP)


def waste_share(pattern: str, override: float | None = None) -> Decimal:
    """The share added for cuts and breakage: the pattern's, or ``override`` (0 to 0.5)."""
    if override is not None:
        if isinstance(override, bool) or not isinstance(override, int | float):
            raise MeasureError("not_number", "waste")
        if not math.isfinite(override):
            raise MeasureError("not_number", "waste")
        if override < 0:
            raise MeasureError("not_positive", "waste")
        share = Decimal(repr(float(override)))
        if share > MAX_WASTE:
            raise MeasureError("too_large", "waste")
        return share
    try:
        return PATTERN_WASTE[pattern]
    except KeyError:
        raise MeasureError("pattern", "pattern") from None


def with_waste(area: Decimal | float, pattern: str, override: float | None = None) -> Decimal:
    """The area to buy: ``area`` plus the waste share, rounded up to the cm² (never less
    than the area itself)."""
    base = area if isinstance(area, Decimal) else Decimal(repr(float(area)))
    if not base.is_finite() or base < 0:
        raise MeasureError("not_positive", "area")
    return (base * (1 + waste_share(pattern, override))).quantize(CENT, ROUND_CEILING)
