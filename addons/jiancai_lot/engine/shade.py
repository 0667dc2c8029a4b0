"""Shade, caliber and grade codes as people type them.

A code is compared after folding what NFKC folds (full-width ``Ｂ０７`` is ``B07``), dropping
white space and ignoring case. Nothing else is guessed: a Cyrillic ``В07`` or Arabic-Indic
digits stay different codes, so a pin typed that way matches no lot and is refused with the
codes that exist instead of silently meaning something else.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def fold_code(text: str | None) -> str:
    """The comparison key of a code: NFKC, no white space, upper case; '' for nothing."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(folded.split()).upper()


def resolve_code(typed: str | None, known: Iterable[str | None]) -> str | None:
    """The known code that ``typed`` means, spelt as it is known; None if none is.

    When several known spellings fold to the same key (lots received as ``b07`` and
    ``B07``), the smallest one is returned, so the answer does not depend on their order.
    """
    key = fold_code(typed)
    if not key:
        return None
    matches = sorted({code for code in known if code and fold_code(code) == key})
    return matches[0] if matches else None


def same_code(left: str | None, right: str | None) -> bool:
    """Two codes are the same once folded."""
    return fold_code(left) == fold_code(right)
