"""Protection period, expiry and the "no store visit yet" reminder."""

from datetime import date

import pytest
from jiancai_addons.jiancai_referral.engine.protection import (
    ReferralDates,
    daily_lookups_left,
    extended_protection_end,
    is_expired,
    needs_no_visit_reminder,
    protection_end,
)

VERIFIED = date(2026, 9, 1)


def test_protection_end_default_90_days():
    assert protection_end(VERIFIED) == date(2026, 11, 30)
    assert protection_end(VERIFIED, 30) == date(2026, 10, 1)


def test_protection_needs_a_positive_period():
    with pytest.raises(ValueError):
        protection_end(VERIFIED, 0)


def test_progress_renews_but_never_shortens():
    end = date(2026, 11, 30)
    assert extended_protection_end(end, date(2026, 11, 1)) == date(2027, 1, 30)
    assert extended_protection_end(end, date(2026, 8, 1), days=10) == end


def test_expired_only_after_the_last_day():
    dates = ReferralDates(verified_on=VERIFIED, protection_end=date(2026, 11, 30))
    assert not is_expired(dates, date(2026, 11, 30))
    assert is_expired(dates, date(2026, 12, 1))
    assert not is_expired(ReferralDates(None, None), date(2030, 1, 1))


def test_no_visit_reminder_on_day_28():
    dates = ReferralDates(verified_on=VERIFIED, protection_end=None)
    assert not needs_no_visit_reminder(dates, date(2026, 9, 28))
    assert needs_no_visit_reminder(dates, date(2026, 9, 29))
    assert needs_no_visit_reminder(dates, date(2026, 9, 15), days=14)


def test_no_visit_reminder_not_after_visit_nor_twice_nor_unverified():
    visited = ReferralDates(VERIFIED, None, first_visit_on=date(2026, 9, 5))
    assert not needs_no_visit_reminder(visited, date(2026, 12, 1))
    reminded = ReferralDates(VERIFIED, None, no_visit_reminded=True)
    assert not needs_no_visit_reminder(reminded, date(2026, 12, 1))
    assert not needs_no_visit_reminder(ReferralDates(None, None), date(2026, 12, 1))


def test_daily_lookups_left():
    assert daily_lookups_left(0, 20) == 20
    assert daily_lookups_left(20, 20) == 0
    assert daily_lookups_left(25, 20) == 0
