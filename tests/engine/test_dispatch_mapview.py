"""Drivers placed on the dispatcher's map."""

import math

import pytest
from jiancai_addons.jiancai_dispatch.engine.mapview import Placed, place


def test_nothing_geocoded():
    assert place([]) == []
    assert place([(1, None), (2, (0.0, 0.0))]) == []


def test_one_point_or_one_place_is_in_the_middle():
    assert place([(1, (31.2, 121.4))], 800, 500) == [Placed(1, 400, 250)]
    assert place([(1, (31.2, 121.4)), (2, (31.2, 121.4))], 800, 500) == [
        Placed(1, 400, 250),
        Placed(2, 400, 250),
    ]


def test_north_is_up_east_is_right_and_all_fit():
    pts = [(1, (31.30, 121.40)), (2, (31.10, 121.40)), (3, (31.20, 121.60)), (4, None)]
    placed = {p.key: p for p in place(pts, 800, 500, margin=40)}
    assert set(placed) == {1, 2, 3}
    assert placed[1].y < placed[2].y  # north above south
    assert placed[3].x > placed[1].x  # east to the right
    for p in placed.values():
        assert 40 - 1e-9 <= p.x <= 760 + 1e-9
        assert 40 - 1e-9 <= p.y <= 460 + 1e-9
    # the tallest span fills the height
    assert placed[2].y - placed[1].y == pytest.approx(420)


def test_same_scale_both_ways():
    # 0.1 degree of latitude north and the same km east are drawn the same length
    lat = 31.2
    east = 0.1 / math.cos(math.radians(lat))
    placed = {
        p.key: p
        for p in place([(1, (lat, 121.0)), (2, (lat + 0.1, 121.0)), (3, (lat, 121.0 + east))])
    }
    assert abs(placed[2].y - placed[1].y) == pytest.approx(abs(placed[3].x - placed[1].x), rel=0.01)
