"""Numbers typed by people: one parser that refuses what float() would let through.

``float()`` accepts ``nan``, ``inf``, ``Infinity``, ``1e309`` (→ inf), ``1_000`` and the
digits of every script; NaN then passes every comparison silently (``nan < 0`` and
``nan > 1e7`` are both False). Pages and wizards that take a number from a person call
:func:`parse_finite` (quantities, amounts) or :func:`parse_id` (record ids in forms).
"""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["NumberError", "is_finite", "parse_finite", "parse_id"]

# what a person types: digits 0-9, one optional decimal point, an optional sign; no
# exponent, no thousands separator, no underscore, no other script's digits
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_ID = re.compile(r"[0-9]+")
# PostgreSQL integer ids
MAX_ID = 2**31 - 1


class NumberError(ValueError):
    """The text is not an acceptable number.

    ``code`` says why (``empty``, ``not_number``, ``too_small``, ``too_large``) and
    ``params`` holds the bounds, so callers can word the message in the user's language.
    """

    def __init__(self, message: str, code: str, **params: float | None):
        super().__init__(message)
        self.code = code
        self.params = params


def _fold(text: object) -> str:
    # NFKC folds full-width digits, sign and point (１２．５ → 12.5) and the ideographic
    # space; spaces around the number go, spaces inside it are refused (1 5 is not 15)
    return unicodedata.normalize("NFKC", str(text)).strip()


def is_finite(value: object) -> bool:
    """True for an int or float that is neither NaN nor infinite (bools are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def parse_finite(
    text: object,
    minimum: float | None = None,
    maximum: float | None = None,
    *,
    decimal_comma: bool = True,
) -> float:
    """The finite number typed in ``text``, within ``[minimum, maximum]``.

    Accepts ASCII or full-width digits, one decimal point (or one decimal comma when
    ``decimal_comma``: 2,5 = 2.5), a sign and surrounding spaces. Refuses NaN, infinities,
    exponents (1e309), thousands separators, digits of other scripts and anything out of
    bounds, with a :class:`NumberError`.
    """
    if text is None or isinstance(text, bool):
        raise NumberError("No number was entered.", "empty")
    if isinstance(text, int | float):
        value = float(text)
        if not math.isfinite(value):
            raise NumberError(f"{text!r} is not a number.", "not_number")
    else:
        folded = _fold(text)
        if not folded:
            raise NumberError("No number was entered.", "empty")
        if decimal_comma and "," in folded and "." not in folded and folded.count(",") == 1:
            folded = folded.replace(",", ".")
        if not _DECIMAL.fullmatch(folded):
            raise NumberError(f"{text!r} is not a number.", "not_number")
        value = float(folded)
        if not math.isfinite(value):  # a thousand digits overflow to inf
            raise NumberError(f"{text!r} is too large.", "too_large", maximum=maximum)
    if minimum is not None and value < minimum:
        raise NumberError(
            f"{value:g} is below the minimum {minimum:g}.",
            "too_small",
            minimum=minimum,
            maximum=maximum,
        )
    if maximum is not None and value > maximum:
        raise NumberError(
            f"{value:g} is above the maximum {maximum:g}.",
            "too_large",
            minimum=minimum,
            maximum=maximum,
        )
    return value


def parse_id(text: object) -> int | None:
    """A record id typed or posted as text (``"42"``, ``"４２"``), or None.

    None for anything that is not a positive integer that fits PostgreSQL's integer
    column: ``int()`` alone accepts other scripts' digits, ``"1_0"`` and values that make
    the database query fail.
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if 0 < text <= MAX_ID else None
    folded = _fold(text)
    if not _ID.fullmatch(folded):
        return None
    value = int(folded)
    return value if 0 < value <= MAX_ID else None
