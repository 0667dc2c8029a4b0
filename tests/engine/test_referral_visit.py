"""Designer visits: time spent, check-out rules and phone positions."""

from datetime import datetime

import pytest
from jiancai_addons.jiancai_referral.engine.visit import (
    MAX_VISIT_HOURS,
    Position,
    VisitError,
    distance_m,
    position,
    visit_hours,
)

T0 = datetime(2026, 11, 20, 9, 0, 0)


@pytest.mark.parametrize(
    "check_out, hours",
    [
        (None, 0.0),
        (T0, 0.0),
        (datetime(2026, 11, 20, 9, 45, 0), 0.75),
        (datetime(2026, 11, 20, 10, 30, 29), 1.5),  # rounded to the minute
        (datetime(2026, 11, 20, 10, 30, 31), 1.5167),
        (datetime(2026, 11, 21, 1, 0, 0), 16.0),  # the longest accepted
    ],
)
def test_visit_hours(check_out, hours):
    assert visit_hours(T0, check_out) == hours


def test_check_out_before_check_in_is_refused():
    with pytest.raises(VisitError) as caught:
        visit_hours(T0, datetime(2026, 11, 20, 8, 59, 0))
    assert caught.value.code == "before_check_in"


def test_visit_left_open_overnight_is_refused():
    with pytest.raises(VisitError) as caught:
        visit_hours(T0, datetime(2026, 11, 21, 1, 1, 0))
    assert caught.value.code == "too_long"
    assert MAX_VISIT_HOURS == 16.0


@pytest.mark.parametrize(
    "lat, lng, expected",
    [
        ("31.1880", "121.4370", Position(31.188, 121.437)),
        (31.2, 121.4, Position(31.2, 121.4)),
        ("", "", None),
        (None, None, None),
        ("abc", "121", None),
        ("91", "121", None),
        ("31", "181", None),
        ("0", "0", None),  # what a failed browser fix reports
        ("nan", "121", None),
        ("inf", "121", None),
    ],
)
def test_position(lat, lng, expected):
    assert position(lat, lng) == expected


def test_distance_m():
    xuhui = Position(31.1880, 121.4370)
    pudong = Position(31.2304, 121.5050)
    assert distance_m(xuhui, xuhui) == 0.0
    assert 7_500 < distance_m(xuhui, pudong) < 8_300
    assert distance_m(xuhui, pudong) == pytest.approx(distance_m(pudong, xuhui))
    # one thousandth of a degree of latitude is about 111 m
    assert distance_m(Position(31.0, 121.0), Position(31.001, 121.0)) == pytest.approx(111.2, 0.01)
