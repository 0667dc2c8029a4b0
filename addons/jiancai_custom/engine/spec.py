"""The specification of a made-to-measure item: sizes in millimetres, finish, note."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MIN_MM = 1
MAX_MM = 6000
ASCII_DIGITS = frozenset("0123456789")


class SizeError(ValueError):
    """Not an acceptable size; ``code`` is one of: empty, not_number, too_small, too_large."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def parse_size(value: object, minimum: int = MIN_MM, maximum: int = MAX_MM) -> int:
    """A size in whole millimetres from what a person typed (or an int from the client).

    Full-width digits are folded (NFKC); digits of other scripts, signs, exponents,
    decimals, ``nan``/``inf`` and booleans are refused rather than guessed.
    """
    if isinstance(value, bool) or value is None:
        raise SizeError("empty")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or not value.is_integer():
            raise SizeError("not_number")
        number = int(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if text.lower().endswith("mm"):
            text = text[:-2].strip()
        if not text:
            raise SizeError("empty")
        if len(text) > 9 or not set(text) <= ASCII_DIGITS:
            raise SizeError("not_number")
        number = int(text)
    if number < minimum:
        raise SizeError("too_small")
    if number > maximum:
        raise SizeError("too_large")
    return number


@dataclass(frozen=True)
class Spec:
    width: int | None
    height: int | None
    depth: int | None
    finish: str | None
    note: str | None = None


def missing_parts(spec: Spec) -> list[str]:
    """What the factory still needs: among ``width``, ``height``, ``depth``, ``finish``."""
    missing = [name for name in ("width", "depth", "height") if not getattr(spec, name)]
    if not (spec.finish or "").strip():
        missing.append("finish")
    return missing


def sizes_text(spec: Spec) -> str:
    """``800×460×850 mm``: width × depth × height, the way cabinet makers write it."""
    if not (spec.width or spec.height or spec.depth):
        return ""
    parts = [str(v) if v else "?" for v in (spec.width, spec.depth, spec.height)]
    return "×".join(parts) + " mm"
