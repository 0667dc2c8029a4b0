"""Chinese phone numbers: one canonical form for dedup, SMS and lookups."""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―()（）.·/]+")
_CN_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")
# landlines: area code 010, 02x or 0[3-9]xx, then a 7-8 digit local number
_CN_LANDLINE = re.compile(r"^0(?:10|2[0-9]|[3-9][0-9]{2})[0-9]{7,8}$")
# only ASCII digits are digits here: str.isdigit() and \d also accept Arabic-Indic,
# Devanagari and other scripts' digits, which would make one number look like two
_ASCII_DIGITS = re.compile(r"[0-9]+")


class PhoneError(ValueError):
    """The text cannot be read as a Chinese phone number."""


def _ascii_digits(text: str) -> str:
    # NFKC folds full-width digits (０-９) and the full-width plus sign to ASCII; digits of
    # other scripts (Arabic-Indic ٠-٩, Devanagari ०-९ ...) stay as they are and are refused
    return unicodedata.normalize("NFKC", text)


def normalize_cn_phone(text: str | None) -> str:
    """Return the canonical national form of a mainland Chinese phone number.

    Mobiles become 11 digits (``13812345678``); landlines keep their area code with the
    leading 0 (``02112345678``). Spaces, dashes, dots, brackets, full-width digits and the
    ``+86`` / ``0086`` / ``86`` country prefixes are accepted. Anything else raises
    :class:`PhoneError` with a message meant for the person who typed it.
    """
    if not text or not text.strip():
        raise PhoneError("The phone number is empty.")
    cleaned = _SEPARATORS.sub("", _ascii_digits(text.strip()))
    international = cleaned.startswith(("+", "0086"))
    if cleaned.startswith("+"):
        if not cleaned.startswith("+86"):
            raise PhoneError(f"{text!r} is not a mainland China number (+86).")
        cleaned = cleaned[3:]
    elif cleaned.startswith("0086"):
        cleaned = cleaned[4:]
    elif cleaned.startswith("86") and len(cleaned) == 13:
        cleaned = cleaned[2:]
        international = True
    if not _ASCII_DIGITS.fullmatch(cleaned):
        raise PhoneError(
            f"{text!r} contains characters that are not digits 0-9 "
            "(type the number with Western digits)."
        )
    if _CN_MOBILE.match(cleaned):
        return cleaned
    # a landline written after +86 loses its leading 0 (+86 21 1234 5678)
    if international and not cleaned.startswith("0") and _CN_LANDLINE.match("0" + cleaned):
        return "0" + cleaned
    if _CN_LANDLINE.match(cleaned):
        return cleaned
    raise PhoneError(
        f"{text!r} is neither an 11-digit mobile number nor a landline with area code."
    )


def is_cn_mobile(normalized: str) -> bool:
    """True when an already normalised number is a mobile (can receive SMS)."""
    return bool(_CN_MOBILE.match(normalized or ""))


def mask_phone(normalized: str) -> str:
    """138****5678: what a person without need-to-know may see of a number."""
    if len(normalized) < 7:
        return "*" * len(normalized)
    return normalized[:3] + "*" * (len(normalized) - 7) + normalized[-4:]
