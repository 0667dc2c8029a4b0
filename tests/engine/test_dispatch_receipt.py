"""Receipt codes and their attempt limit; late stops."""

from datetime import datetime

import pytest
from jiancai_addons.jiancai_dispatch.engine.lateness import StopWindow, late_stops
from jiancai_addons.jiancai_dispatch.engine.receipt import (
    MAX_ATTEMPTS,
    new_code,
    normalize,
    verify_code,
)


def test_new_code_shape():
    codes = {new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert len(codes) > 150  # random, not a constant
    with pytest.raises(ValueError):
        new_code(3)


def test_normalize():
    assert normalize(" 12-34 56 ") == "123456"
    assert normalize("１２３４５６") == "123456"
    assert normalize(None) == ""


def test_right_code_first_time():
    check = verify_code("042517", "042 517", 0)
    assert (check.ok, check.attempts, check.locked) == (True, 0, False)


def test_wrong_codes_lock_after_limit():
    attempts = 0
    for i in range(MAX_ATTEMPTS):
        check = verify_code("042517", "000000", attempts)
        attempts = check.attempts
        assert not check.ok
        assert check.remaining == MAX_ATTEMPTS - i - 1
    assert check.locked and attempts == MAX_ATTEMPTS
    # the right code no longer works once locked
    check = verify_code("042517", "042517", attempts)
    assert (check.ok, check.locked, check.attempts) == (False, True, MAX_ATTEMPTS)


def test_no_expected_code_is_refused():
    assert not verify_code(None, "", 0).ok
    assert not verify_code("", "", 0).ok


def test_late_stops():
    now = datetime(2026, 12, 2, 15, 0)
    stops = [
        StopWindow(1, datetime(2026, 12, 2, 14, 0)),
        StopWindow(2, datetime(2026, 12, 2, 14, 50)),  # inside the grace
        StopWindow(3, datetime(2026, 12, 2, 12, 0), finished=True),
        StopWindow(4, None),
        StopWindow(5, datetime(2026, 12, 2, 16, 0)),
    ]
    assert late_stops(stops, now, grace_minutes=15) == [1]
    assert late_stops(stops, now) == [1, 2]


def test_what_is_not_a_code_uses_no_try():
    for typo in ("12ab", "12345", "1234567", "١٢٣٤٥٦", "", None):
        check = verify_code("042517", typo, 2)
        assert (check.ok, check.malformed, check.attempts, check.locked) == (False, True, 2, False)
        assert check.remaining == MAX_ATTEMPTS - 2
    assert verify_code("042517", "０４２５１７", 2).ok  # full-width digits are digits
    check = verify_code("042517", "042518", 2)
    assert (check.malformed, check.attempts) == (False, 3)
    # locked stays locked, whatever is typed
    assert verify_code("042517", "12ab", MAX_ATTEMPTS).locked
