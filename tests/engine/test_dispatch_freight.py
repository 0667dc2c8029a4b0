"""Freight of a trip and its split (table of cases)."""

import pytest
from jiancai_addons.jiancai_dispatch.engine.freight import (
    FreightError,
    FreightRule,
    FreightStop,
    split_amount,
    stop_split_weights,
    trip_freight,
)

VAN = FreightRule(base=80, per_km=3.5, free_km=5, per_floor_no_lift=20, per_ton=30, per_m2=0.5)


@pytest.mark.parametrize(
    ("rule", "km", "stops", "total"),
    [
        (VAN, 0, [], 80.0),
        (VAN, 5, [], 80.0),  # inside the free km
        (VAN, 15, [], 115.0),  # 10 km x 3.5
        (VAN, 0, [FreightStop(1, floor=6, has_lift=False)], 180.0),  # 5 floors carried
        (VAN, 0, [FreightStop(1, floor=6, has_lift=True)], 80.0),
        (VAN, 0, [FreightStop(1, floor=1, has_lift=False)], 80.0),
        (VAN, 0, [FreightStop(1, weight_kg=1500)], 125.0),
        (VAN, 0, [FreightStop(1, area_m2=33.3)], 96.65),
        (
            VAN,
            25,
            [
                FreightStop(1, weight_kg=800, area_m2=40, floor=3, has_lift=False),
                FreightStop(2, weight_kg=1200, area_m2=20, floor=12, has_lift=True),
            ],
            80 + 70 + 40 + 60 + 30,
        ),
        (FreightRule(base=10, minimum=50), 0, [], 50.0),
        (FreightRule(per_km=0.333), 10, [], 3.33),
    ],
)
def test_trip_freight_cases(rule, km, stops, total):
    cost = trip_freight(rule, km, stops)
    assert cost.total == pytest.approx(total)
    assert cost.total >= round(
        cost.base + cost.distance + cost.floors + cost.weight + cost.area, 2
    ) or cost.total == pytest.approx(rule.minimum)


def test_trip_freight_parts():
    cost = trip_freight(VAN, 15, [FreightStop(1, weight_kg=1000, floor=3, has_lift=False)])
    assert (cost.base, cost.distance, cost.floors, cost.weight, cost.area) == (
        80.0,
        35.0,
        40.0,
        30.0,
        0.0,
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"distance_km": -1, "stops": []},
        {"distance_km": 0, "stops": [FreightStop(1, weight_kg=-5)]},
        {"distance_km": 0, "stops": [FreightStop(1, floor=-2)]},
    ],
)
def test_trip_freight_refuses_negative(bad):
    with pytest.raises(FreightError):
        trip_freight(VAN, **bad)


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (100, [(1, 1), (2, 1), (3, 1)], {1: 33.34, 2: 33.33, 3: 33.33}),
        (10, [(1, 0), (2, 0)], {1: 5.0, 2: 5.0}),
        (0.01, [(1, 1), (2, 1)], {1: 0.01, 2: 0.0}),
        (250, [(7, 800), (9, 1200)], {7: 100.0, 9: 150.0}),
        (99.99, [(1, 2), (2, 1)], {1: 66.66, 2: 33.33}),
        (0, [(1, 3)], {1: 0.0}),
    ],
)
def test_split_amount(total, weights, expected):
    parts = split_amount(total, weights)
    assert parts == pytest.approx(expected)
    assert round(sum(parts.values()), 2) == round(total, 2)


def test_split_empty_and_weights_choice():
    assert split_amount(10, []) == {}
    assert stop_split_weights([FreightStop(1, weight_kg=5), FreightStop(2)]) == [(1, 5), (2, 0)]
    assert stop_split_weights([FreightStop(1, area_m2=2), FreightStop(2, area_m2=1)]) == [
        (1, 2),
        (2, 1),
    ]
    assert stop_split_weights([FreightStop(1), FreightStop(2)]) == [(1, 1.0), (2, 1.0)]


@pytest.mark.parametrize("n", [1, 2, 3, 7, 13, 101])
def test_split_always_sums(n):
    for total in (0.01, 1, 33.33, 1234.56, 99999.99):
        parts = split_amount(total, [(i, (i * 37) % 11) for i in range(n)])
        assert round(sum(parts.values()), 2) == round(total, 2)
        assert all(v >= 0 for v in parts.values())
