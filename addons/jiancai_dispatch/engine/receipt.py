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


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    attempts: int  # attempts used after this one
    locked: bool  # no more attempts allowed
    remaining: int


def verify_code(
    expected: str | None, entered: str | None, attempts: int, max_attempts: int = MAX_ATTEMPTS
) -> CodeCheck:
    """Check ``entered`` against ``expected`` given the attempts already used.

    Once locked, even the right code is refused (it is not even compared).
    """
    if attempts >= max_attempts or not expected:
        return CodeCheck(False, attempts, True, 0)
    ok = hmac.compare_digest(normalize(entered).encode(), expected.encode())
    used = attempts if ok else attempts + 1
    locked = not ok and used >= max_attempts
    return CodeCheck(ok, used, locked, max(max_attempts - used, 0))
