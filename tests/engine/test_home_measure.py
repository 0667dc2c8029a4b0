"""Rooms measured on site and the tiles they take, with waste by laying pattern."""

from decimal import Decimal

import pytest
from hypothesis import (
    given,
    strategies as st,
)
from jiancai_addons.jiancai_home.engine.measure import (
    MAX_SIDE,
    MeasureError,
    floor_area,
    wall_area,
    waste_share,
    with_waste,
)


def test_floor_and_walls_of_a_bathroom():
    # 2.4 m × 1.8 m, tiled to 2.6 m, a door 0.8 × 2.1 and a window 0.6 × 0.8
    assert floor_area(2.4, 1.8) == Decimal("4.32")
    assert wall_area(2.4, 1.8, 2.6, 0.8 * 2.1 + 0.6 * 0.8) == Decimal("19.68")
    assert wall_area(2.4, 1.8, 0) == Decimal("0.00")  # walls not tiled


@pytest.mark.parametrize(
    ("args", "code", "field"),
    [
        ((0, 2), "not_positive", "length"),
        ((-1, 2), "not_positive", "length"),
        ((3, float("nan")), "not_number", "width"),
        ((float("inf"), 2), "not_number", "length"),
        ((1e30, 2), "too_large", "length"),
        ((MAX_SIDE + 0.001, 2), "too_large", "length"),
        (("3", 2), "not_number", "length"),
        ((True, 2), "not_number", "length"),
        ((None, 2), "not_number", "length"),
    ],
)
def test_floor_refuses_what_is_not_a_measurement(args, code, field):
    with pytest.raises(MeasureError) as caught:
        floor_area(*args)
    assert (caught.value.code, caught.value.field) == (code, field)


def test_walls_refuse_more_openings_than_wall_and_absurd_heights():
    with pytest.raises(MeasureError) as caught:
        wall_area(1, 1, 1, 4.5)
    assert caught.value.code == "openings"
    with pytest.raises(MeasureError) as caught:
        wall_area(3, 3, 11)
    assert (caught.value.code, caught.value.field) == ("too_large", "height")
    with pytest.raises(MeasureError):
        wall_area(3, 3, 2.5, -1)


@pytest.mark.parametrize(
    ("pattern", "share"),
    [("straight", "0.05"), ("large", "0.08"), ("diagonal", "0.12"), ("herringbone", "0.15")],
)
def test_waste_by_pattern(pattern, share):
    assert waste_share(pattern) == Decimal(share)


def test_waste_override_and_refusals():
    assert waste_share("straight", 0.1) == Decimal("0.1")
    assert waste_share("straight", 0) == Decimal("0")
    for bad, code in ((0.51, "too_large"), (-0.1, "not_positive"), (float("nan"), "not_number")):
        with pytest.raises(MeasureError) as caught:
            waste_share("straight", bad)
        assert caught.value.code == code
    with pytest.raises(MeasureError) as caught:
        waste_share("zigzag")
    assert caught.value.code == "pattern"


def test_with_waste_rounds_up_to_the_cm2():
    assert with_waste(Decimal("4.32"), "straight") == Decimal("4.54")  # 4.536 up
    assert with_waste(Decimal("20"), "diagonal") == Decimal("22.40")
    assert with_waste(0, "straight") == Decimal("0.00")
    with pytest.raises(MeasureError):
        with_waste(float("nan"), "straight")


sides = st.floats(min_value=0.01, max_value=MAX_SIDE, allow_nan=False)


@given(sides, sides, st.sampled_from(["straight", "large", "diagonal", "herringbone"]))
def test_bought_area_covers_the_floor_and_is_stable(length, width, pattern):
    floor = floor_area(length, width)
    bought = with_waste(floor, pattern)
    assert bought >= floor
    assert bought == with_waste(floor_area(length, width), pattern)  # same input, same answer
    assert bought <= floor * Decimal("1.15") + Decimal("0.01")
