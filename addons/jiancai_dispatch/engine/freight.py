"""Freight cost of a trip from rules, and its split over deliveries.

Money is handled in integer cents so that the parts of a split always add up to the
trip's total.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


class FreightError(ValueError):
    """Bad freight input (negative quantities, unknown rule...)."""


@dataclass(frozen=True)
class FreightRule:
    """Prices for one vehicle type (money in the company currency)."""

    base: float = 0.0
    per_km: float = 0.0
    free_km: float = 0.0
    per_floor_no_lift: float = 0.0
    per_ton: float = 0.0
    per_m2: float = 0.0
    minimum: float = 0.0


@dataclass(frozen=True)
class FreightStop:
    """One delivery of a trip as the freight rule sees it."""

    key: int
    weight_kg: float = 0.0
    area_m2: float = 0.0
    floor: int = 0
    has_lift: bool = True


@dataclass(frozen=True)
class FreightCost:
    base: float
    distance: float
    floors: float
    weight: float
    area: float
    total: float


def _cents(value: float) -> int:
    return int(Decimal(str(value)).scaleb(2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check(name: str, value: float) -> None:
    if value < 0:
        raise FreightError(f"{name} cannot be negative ({value}).")


def _floors_to_carry(stop: FreightStop) -> int:
    # ground floor and floor 1 need no stairs; with a lift nothing is carried up
    return 0 if stop.has_lift else max(stop.floor - 1, 0)


def trip_freight(
    rule: FreightRule, distance_km: float, stops: Sequence[FreightStop]
) -> FreightCost:
    """Cost of one trip: base + km beyond the free km + floors carried + tons + m²."""
    _check("Distance", distance_km)
    for stop in stops:
        _check("Weight", stop.weight_kg)
        _check("Area", stop.area_m2)
        _check("Floor", stop.floor)
    base = _cents(rule.base)
    distance = _cents(rule.per_km * max(distance_km - rule.free_km, 0.0))
    floors = _cents(rule.per_floor_no_lift * sum(_floors_to_carry(s) for s in stops))
    weight = _cents(rule.per_ton * sum(s.weight_kg for s in stops) / 1000.0)
    area = _cents(rule.per_m2 * sum(s.area_m2 for s in stops))
    total = max(base + distance + floors + weight + area, _cents(rule.minimum))
    return FreightCost(
        base=base / 100,
        distance=distance / 100,
        floors=floors / 100,
        weight=weight / 100,
        area=area / 100,
        total=total / 100,
    )


def split_amount(total: float, weights: Sequence[tuple[int, float]]) -> dict[int, float]:
    """Split ``total`` over keys in proportion to their weights; parts sum to the total.

    Largest-remainder rounding to the cent; with all weights zero the split is even.
    """
    if not weights:
        return {}
    for _key, weight in weights:
        _check("Split weight", weight)
    cents = _cents(total)
    sum_w = sum(w for _k, w in weights)
    shares = [(k, (w if sum_w else 1.0)) for k, w in weights]
    sum_s = sum(s for _k, s in shares)
    exact = [(k, cents * s / sum_s) for k, s in shares]
    floor_parts = {k: int(v // 1) for k, v in exact}
    left = cents - sum(floor_parts.values())
    # give the remaining cents to the largest remainders (ties: first listed)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i][1] - int(exact[i][1] // 1)), i))
    for i in order[:left]:
        floor_parts[exact[i][0]] += 1
    return {k: v / 100 for k, v in floor_parts.items()}


def stop_split_weights(stops: Sequence[FreightStop]) -> list[tuple[int, float]]:
    """Weights of the split: by weight when known, else by area, else even."""
    if any(s.weight_kg for s in stops):
        return [(s.key, s.weight_kg) for s in stops]
    if any(s.area_m2 for s in stops):
        return [(s.key, s.area_m2) for s in stops]
    return [(s.key, 1.0) for s in stops]
