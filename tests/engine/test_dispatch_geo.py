"""Haversine distances from the warehouse to geocoded sites."""

import math

import pytest
from jiancai_addons.jiancai_dispatch.engine.geo import (
    farthest_km,
    haversine_km,
    is_geocoded,
    site_km,
)

WAREHOUSE = (31.1612, 121.3571)  # Minhang, Shanghai
PUDONG = (31.2235, 121.5445)
BEIJING = (39.9042, 116.4074)


@pytest.mark.parametrize(
    ("a", "b", "km", "tolerance"),
    [
        (WAREHOUSE, WAREHOUSE, 0.0, 1e-9),
        ((0.0, 0.0), (0.0, 1.0), 111.195, 0.01),  # one degree on the equator
        ((0.0, 0.0), (0.0, 180.0), math.pi * 6371.0088, 0.01),  # antipodes
        (WAREHOUSE, PUDONG, 19.0, 0.5),
        (WAREHOUSE, BEIJING, 1068.0, 5.0),
    ],
)
def test_haversine(a, b, km, tolerance):
    assert haversine_km(a, b) == pytest.approx(km, abs=tolerance)
    assert haversine_km(b, a) == pytest.approx(haversine_km(a, b))


@pytest.mark.parametrize(
    ("point", "ok"),
    [
        (WAREHOUSE, True),
        (None, False),
        ((0.0, 0.0), False),  # what an empty partner_latitude/longitude reads as
        ((None, 121.0), False),
        ((91.0, 0.5), False),
        ((float("nan"), 1.0), False),
    ],
)
def test_is_geocoded(point, ok):
    assert is_geocoded(point) is ok


def test_site_km_needs_both_ends():
    assert site_km(WAREHOUSE, None) is None
    assert site_km((0.0, 0.0), PUDONG) is None
    assert site_km(WAREHOUSE, PUDONG, road_factor=1.3) == pytest.approx(
        1.3 * haversine_km(WAREHOUSE, PUDONG)
    )


def test_farthest_km():
    assert farthest_km(WAREHOUSE, [PUDONG, None, WAREHOUSE]) == pytest.approx(
        haversine_km(WAREHOUSE, PUDONG)
    )
    assert farthest_km(WAREHOUSE, [None, (0.0, 0.0)]) is None
    assert farthest_km(None, [PUDONG]) is None
    assert farthest_km(WAREHOUSE, []) is None
