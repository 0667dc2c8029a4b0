"""Short receipt codes the customer reads out to the driver, with an attempt limit."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

CODE_LENGTH = 6
MAX_ATTEMPTS = 5


def new_code(length: int = CODE_LENGTH) -> str:
    """A random numeric code (leading zeros kept)."""
    if length < 4:
        raise ValueError("A receipt code needs at least 4 digits.")
    return "".join(secrets.choice("0123456789") for _ in range(length))


def normalize(entered: str | None) -> str:
    """What the driver typed, without spaces or dashes; full-width digits accepted."""
    text = (entered or "").translate({ord(c): None for c in " -\u3000"})
    # full-width digits (０-９) from Chinese keyboards
    return "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in text)


def is_code_shaped(entered: str | None, length: int = CODE_LENGTH) -> bool:
    """Whether what was typed can be a code at all: ``length`` digits 0-9 once normalized.

    A letter, a digit of another script or a wrong length is a typing slip, not a guess:
    it cannot match, so it is refused without using one of the tries.
    """
    text = normalize(entered)
    return len(text) == length and all(c in "0123456789" for c in text)


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    attempts: int  # attempts used after this one
    locked: bool  # no more attempts allowed
    remaining: int
    malformed: bool = False  # not a code at all: refused, not counted


def verify_code(
    expected: str | None, entered: str | None, attempts: int, max_attempts: int = MAX_ATTEMPTS
) -> CodeCheck:
    """Check ``entered`` against ``expected`` given the attempts already used.

    Once locked, even the right code is refused (it is not even compared). What is not
    shaped like a code (see :func:`is_code_shaped`) is refused without counting.
    """
    if attempts >= max_attempts or not expected:
        return CodeCheck(False, attempts, True, 0)
    if not is_code_shaped(entered, len(expected)):
        return CodeCheck(False, attempts, False, max_attempts - attempts, malformed=True)
    ok = hmac.compare_digest(normalize(entered).encode(), expected.encode())
    used = attempts if ok else attempts + 1
    locked = not ok and used >= max_attempts
    return CodeCheck(ok, used, locked, max(max_attempts - used, 0))
