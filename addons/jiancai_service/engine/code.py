"""Customer confirmation codes: the technician types the code from the customer's SMS."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

CODE_LENGTH = 6
MAX_TRIES = 5
_DIGITS = re.compile(r"[0-9]{%d}" % CODE_LENGTH)


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _i in range(CODE_LENGTH))


def digest(code: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def normalize(text: str | None) -> str | None:
    """The code as ASCII digits, or None when it is not a code.

    Full-width digits fold (NFKC); digits of other scripts are refused, not guessed.
    """
    if text is None:
        return None
    folded = unicodedata.normalize("NFKC", str(text)).replace(" ", "").strip()
    if not folded.isascii() or not _DIGITS.fullmatch(folded):
        return None
    return folded


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    malformed: bool = False
    locked: bool = False
    remaining: int = 0
    tries: int = 0  # tries used after this check


def check_code(
    expected_digest: str, salt: str, given: str | None, tries: int, max_tries: int = MAX_TRIES
) -> CodeCheck:
    """Compare ``given`` to the code; a malformed entry does not use a try."""
    if tries >= max_tries:
        return CodeCheck(ok=False, locked=True, tries=tries)
    code = normalize(given)
    if code is None:
        return CodeCheck(ok=False, malformed=True, remaining=max_tries - tries, tries=tries)
    if expected_digest and hmac.compare_digest(digest(code, salt), expected_digest):
        return CodeCheck(ok=True, tries=tries)
    used = tries + 1
    return CodeCheck(
        ok=False, locked=used >= max_tries, remaining=max(max_tries - used, 0), tries=used
    )
