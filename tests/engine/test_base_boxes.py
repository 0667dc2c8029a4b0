"""Tiles in boxes: m² to whole boxes and pieces, in integers, without float drift."""

from decimal import Decimal

import pytest
from hypothesis import (
    given,
    strategies as st,
)
from jiancai_addons.jiancai_base.engine.boxes import (
    BoxPack,
    BoxQuantity,
    count_boxes,
    is_whole_boxes,
    round_up_to_boxes,
    to_decimal,
)

# the demo's tiles: 800×800 three to a box, 600×1200 two to a box, 300×600 eight to a box
TILE_800 = BoxPack(Decimal("1.92"), 3)
SLAB_600 = BoxPack(Decimal("1.44"), 2)
WALL_300 = BoxPack(Decimal("1.44"), 8)


@pytest.mark.parametrize(
    ("quantity", "pack", "boxes", "area"),
    [
        (50, WALL_300, 35, "50.4000"),  # the example: 50 m² → 35 boxes = 50.40 m²
        (50.4, WALL_300, 35, "50.4000"),
        (57.6, TILE_800, 30, "57.6000"),  # the demo order: exactly 30 boxes, not 31
        (43.2, SLAB_600, 30, "43.2000"),
        (57.600000000000001, TILE_800, 30, "57.6000"),  # float noise below 0.0001 m²
        (0.1 + 0.2, TILE_800, 1, "1.9200"),
        (1.92 * 3, TILE_800, 3, "5.7600"),  # 5.76 in floats is 5.760000000000001
        (57.6001, TILE_800, 31, "59.5200"),  # 0.0001 m² more is one more box
        (0.0001, TILE_800, 1, "1.9200"),
        (0, TILE_800, 0, "0.0000"),
        (-10, TILE_800, -6, "-11.5200"),  # a return is rounded away from zero too
        ("100", BoxPack(Decimal("2.25"), 2), 45, "101.2500"),
        (Decimal("1.92"), TILE_800, 1, "1.9200"),
    ],
)
def test_round_up_to_boxes(quantity, pack, boxes, area):
    result = round_up_to_boxes(quantity, pack)
    assert result.boxes == boxes
    assert result.area == Decimal(area)
    assert result.pieces == 0
    assert result.total_pieces == boxes * pack.pieces


@pytest.mark.parametrize(
    ("quantity", "pack", "boxes", "pieces", "area"),
    [
        (50.4, WALL_300, 35, 0, "50.4000"),
        (51, WALL_300, 35, 4, "51.1200"),  # 0.6 m² = 3.33 pieces of 0.18 → 4 pieces
        (0.18, WALL_300, 0, 1, "0.1800"),
        (0.19, WALL_300, 0, 2, "0.3600"),
        (1.28, TILE_800, 0, 2, "1.2800"),  # two 0.64 m² pieces of a 1.92 m² box
        (1.2801, TILE_800, 1, 0, "1.9200"),  # three pieces are a whole box
        (57.6, TILE_800, 30, 0, "57.6000"),
        (-0.7, SLAB_600, 0, -1, "-0.7200"),
        (3, BoxPack(Decimal("1.92")), 2, 0, "3.8400"),  # no piece count: whole boxes
        # a piece whose area is not a whole number of 0.0001 m²: 1 m² in 3 pieces
        (1, BoxPack(Decimal("1"), 3), 1, 0, "1.0000"),
        (Decimal("0.3334"), BoxPack(Decimal("1"), 3), 0, 2, "0.6667"),
    ],
)
def test_count_boxes(quantity, pack, boxes, pieces, area):
    assert count_boxes(quantity, pack) == BoxQuantity(
        boxes=boxes,
        pieces=pieces,
        area=Decimal(area),
        total_pieces=boxes * pack.pieces + pieces,
    )


@pytest.mark.parametrize(
    ("area", "pieces"),
    [(0, 3), (-1.92, 3), (None, 3), (float("nan"), 3), (float("inf"), 3), (1.92, -1)],
)
def test_pack_of_refuses_what_is_not_a_box(area, pieces):
    assert BoxPack.of(area, pieces) is None


def test_pack_of_reads_stored_fields():
    assert BoxPack.of(1.92, 3) == TILE_800
    assert BoxPack.of(1.44, None) == BoxPack(Decimal("1.44"), 0)
    assert BoxPack.of(1.92000000001, 3).area == Decimal("1.9200")


@pytest.mark.parametrize("value", [True, None, float("nan"), float("-inf"), "abc", [1]])
def test_to_decimal_refuses(value):
    with pytest.raises(ValueError):
        to_decimal(value)


def test_to_decimal_reads_shortest_float_repr():
    assert to_decimal(0.1 + 0.2) == Decimal("0.3000")
    assert to_decimal(2.675, 2) == Decimal("2.68")  # half-up on the decimal text, not binary


def test_is_whole_boxes():
    assert is_whole_boxes(57.6, TILE_800)
    assert is_whole_boxes(-3.84, TILE_800)
    assert not is_whole_boxes(50, WALL_300)


@given(
    st.integers(min_value=0, max_value=10**8),
    st.integers(min_value=1, max_value=10**5),
    st.integers(min_value=0, max_value=40),
)
def test_rounding_is_the_least_cover(units, box_units, pieces):
    """Whole boxes cover the quantity, one box fewer does not; pieces likewise."""
    quantity = Decimal(units).scaleb(-4)
    pack = BoxPack(Decimal(box_units).scaleb(-4), pieces)
    whole = round_up_to_boxes(quantity, pack)
    assert whole.area >= quantity > whole.area - pack.area or whole.boxes == 0 == units
    counted = count_boxes(quantity, pack)
    assert counted.area >= quantity
    assert counted.boxes <= whole.boxes
    if pieces:
        assert 0 <= counted.pieces < pieces
        assert counted.total_pieces * box_units >= units * pieces
        assert (counted.total_pieces - 1) * box_units < units * pieces or counted.total_pieces == 0
