"""Capacity of a trip against a vehicle."""

import pytest
from jiancai_addons.jiancai_dispatch.engine.capacity import Capacity, Load, check_capacity

TRUCK = Capacity(weight_kg=2000, volume_m3=10, pallets=6)


@pytest.mark.parametrize(
    ("loads", "over"),
    [
        ([], []),
        ([Load(1000, 5, 3), Load(1000, 5, 3)], []),  # exactly full
        ([Load(1500, 2, 1), Load(600, 1, 1)], ["weight"]),
        ([Load(100, 10.5, 1)], ["volume"]),
        ([Load(100, 1, 7)], ["pallets"]),
        ([Load(2500, 11, 9)], ["weight", "volume", "pallets"]),
        ([Load(0.1, 0.0005, 0)] * 20000, []),  # float sums of exactly full stay full
        ([Load(0.1, 0.0005, 0)] * 20001, ["weight", "volume"]),
    ],
)
def test_check_capacity(loads, over):
    result = check_capacity(loads, TRUCK)
    assert [o.dimension for o in result] == over


def test_unlimited_dimension_and_percent():
    assert check_capacity([Load(99999, 99, 99)], Capacity()) == []
    (over,) = check_capacity([Load(3000)], Capacity(weight_kg=2000))
    assert over.percent == pytest.approx(150.0)
    assert (over.load, over.capacity) == (3000, 2000)
