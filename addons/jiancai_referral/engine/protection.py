"""Protection of a verified referral: when it ends and what is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_PROTECTION_DAYS = 90
DEFAULT_NO_VISIT_DAYS = 28


@dataclass(frozen=True)
class ReferralDates:
    """What the rules need to know of one referral."""

    verified_on: date | None
    protection_end: date | None
    last_progress_on: date | None = None
    first_visit_on: date | None = None
    no_visit_reminded: bool = False


def protection_end(verified_on: date, days: int = DEFAULT_PROTECTION_DAYS) -> date:
    """The last day the referral is protected (``days`` after verification)."""
    if days < 1:
        raise ValueError("The protection period must be at least one day.")
    return verified_on + timedelta(days=days)


def extended_protection_end(
    current_end: date, progress_on: date, days: int = DEFAULT_PROTECTION_DAYS
) -> date:
    """Progress (a visit, an order) renews the protection from that day, never shortens it."""
    return max(current_end, progress_on + timedelta(days=days))


def is_expired(dates: ReferralDates, today: date) -> bool:
    """True once the protection end has passed."""
    return dates.protection_end is not None and today > dates.protection_end


def needs_no_visit_reminder(
    dates: ReferralDates, today: date, days: int = DEFAULT_NO_VISIT_DAYS
) -> bool:
    """True when ``days`` have passed since verification without a store visit.

    Fires once: not before verification, not after a visit, not when already sent.
    """
    if dates.verified_on is None or dates.first_visit_on is not None:
        return False
    if dates.no_visit_reminded:
        return False
    return today >= dates.verified_on + timedelta(days=days)


def daily_lookups_left(used_today: int, limit: int) -> int:
    """How many lookups a user still has today (0 when the limit is reached)."""
    return max(0, limit - used_today)
