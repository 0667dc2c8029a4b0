"""Does a trip's load fit the vehicle (weight, volume, pallets)?"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Load:
    weight_kg: float = 0.0
    volume_m3: float = 0.0
    pallets: int = 0


@dataclass(frozen=True)
class Capacity:
    """Zero means "not limited" for that dimension."""

    weight_kg: float = 0.0
    volume_m3: float = 0.0
    pallets: int = 0


@dataclass(frozen=True)
class Overload:
    dimension: str  # "weight", "volume" or "pallets"
    load: float
    capacity: float

    @property
    def percent(self) -> float:
        return 100.0 * self.load / self.capacity


def total_load(loads: Sequence[Load]) -> Load:
    return Load(
        weight_kg=sum(x.weight_kg for x in loads),
        volume_m3=sum(x.volume_m3 for x in loads),
        pallets=sum(x.pallets for x in loads),
    )


def check_capacity(loads: Sequence[Load], capacity: Capacity) -> list[Overload]:
    """The dimensions in which the summed load exceeds the vehicle; empty when it fits."""
    load = total_load(loads)
    result = []
    for dimension, used, limit in (
        ("weight", load.weight_kg, capacity.weight_kg),
        ("volume", load.volume_m3, capacity.volume_m3),
        ("pallets", load.pallets, capacity.pallets),
    ):
        # a tolerance of a gram / a millilitre against float sums
        if limit > 0 and used > limit + 1e-6:
            result.append(Overload(dimension, used, limit))
    return result
