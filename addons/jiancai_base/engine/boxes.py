"""Tiles in boxes: quantities in m² converted to whole boxes (箱) and pieces (片).

Tiles are priced per m² but leave the warehouse in whole boxes. A box covers a fixed area
(``1.92`` m² for three 800×800 tiles) and holds a fixed number of pieces. Quantities come
from the ORM as floats (``50.400000000000006``); they are read to a fixed number of decimal
places first (:func:`to_decimal`) and all arithmetic is then done in integers of that
quantum, so ``57.6`` m² at ``1.92`` m² per box is exactly 30 boxes, never 31.

- :func:`round_up_to_boxes`: what a customer buys, whole boxes covering the quantity
  (50 m² at 1.44 m²/box → 35 boxes = 50.40 m²).
- :func:`count_boxes`: what a quantity in stock or on a delivery is, whole boxes plus the
  loose pieces of an opened box, rounded up to whole pieces (51 m² at 1.44 m² and 8 pieces
  per box → 35 boxes + 4 pieces).

Negative quantities (returns, refund lines) are rounded away from zero the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "PLACES",
    "BoxPack",
    "BoxQuantity",
    "count_boxes",
    "is_whole_boxes",
    "round_up_to_boxes",
    "to_decimal",
]

# quantities and box areas are read to 0.0001 m² (Odoo's "Product Unit" precision is coarser)
PLACES = 4
_SCALE = 10**PLACES
_QUANTUM = Decimal(1).scaleb(-PLACES)


def to_decimal(value: float | int | str | Decimal, places: int = PLACES) -> Decimal:
    """``value`` as a Decimal rounded half-up to ``places`` decimals.

    A float is read through its shortest representation (``str(0.1 + 0.2)`` is
    ``0.30000000000000004``, rounded to ``0.3000``), never through its binary expansion.
    Refuses booleans, NaN and infinities with ``ValueError``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"not a quantity: {value!r}")
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation as exc:
        raise ValueError(f"not a quantity: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a finite quantity: {value!r}")
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _units(value: float | int | str | Decimal) -> int:
    """``value`` in integer units of 0.0001."""
    return int(to_decimal(value) * _SCALE)


@dataclass(frozen=True)
class BoxPack:
    """How a product is packed: the area one box covers and the pieces it holds.

    ``pieces`` is 0 when the count of pieces is not known; quantities are then counted in
    whole boxes only.
    """

    area: Decimal
    pieces: int = 0

    def __post_init__(self) -> None:
        area = to_decimal(self.area)
        if area <= 0:
            raise ValueError(f"a box must cover a positive area, not {self.area!r}")
        if isinstance(self.pieces, bool) or not isinstance(self.pieces, int) or self.pieces < 0:
            raise ValueError(f"pieces per box must be a whole number ≥ 0, not {self.pieces!r}")
        object.__setattr__(self, "area", area)

    @classmethod
    def of(cls, area: float | Decimal | None, pieces: int | None = 0) -> BoxPack | None:
        """The pack of a product from its stored fields, or None when it is not boxed
        (no area, zero, negative or not finite)."""
        try:
            return cls(to_decimal(area or 0), int(pieces or 0))
        except ValueError:
            return None


@dataclass(frozen=True)
class BoxQuantity:
    """A quantity as boxes and loose pieces, with the area they cover.

    ``pieces`` are the loose pieces besides the whole boxes; ``total_pieces`` counts every
    piece (0 when the pack does not say how many pieces a box holds).
    """

    boxes: int
    pieces: int
    area: Decimal
    total_pieces: int

    @property
    def is_whole_boxes(self) -> bool:
        return self.pieces == 0


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)


def _area(units: int) -> Decimal:
    return (Decimal(units) / _SCALE).quantize(_QUANTUM)


def round_up_to_boxes(quantity: float | int | str | Decimal, pack: BoxPack) -> BoxQuantity:
    """The whole boxes that cover ``quantity`` m², and the area the customer pays for."""
    units = _units(quantity)
    sign = -1 if units < 0 else 1
    box_units = _units(pack.area)
    boxes = _ceil_div(abs(units), box_units)
    return BoxQuantity(
        boxes=sign * boxes,
        pieces=0,
        area=_area(sign * boxes * box_units),
        total_pieces=sign * boxes * pack.pieces,
    )


def count_boxes(quantity: float | int | str | Decimal, pack: BoxPack) -> BoxQuantity:
    """``quantity`` m² as whole boxes plus loose pieces, rounded up to a whole piece.

    Without a piece count, rounded up to whole boxes as :func:`round_up_to_boxes`.
    """
    if not pack.pieces:
        return round_up_to_boxes(quantity, pack)
    units = _units(quantity)
    sign = -1 if units < 0 else 1
    box_units = _units(pack.area)
    # a piece covers box_units / pieces; count pieces without ever dividing the area
    total = _ceil_div(abs(units) * pack.pieces, box_units)
    boxes, loose = divmod(total, pack.pieces)
    area = (Decimal(total * box_units) / pack.pieces / _SCALE).quantize(
        _QUANTUM, rounding=ROUND_HALF_UP
    )
    return BoxQuantity(
        boxes=sign * boxes,
        pieces=sign * loose,
        area=sign * area,
        total_pieces=sign * total,
    )


def is_whole_boxes(quantity: float | int | str | Decimal, pack: BoxPack) -> bool:
    """True when ``quantity`` m² is exactly a whole number of boxes."""
    return abs(_units(quantity)) % _units(pack.area) == 0
