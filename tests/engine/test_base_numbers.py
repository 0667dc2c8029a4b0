"""Numbers typed by people: finite, in range, ASCII or full-width digits only."""

import math

import pytest
from jiancai_addons.jiancai_base.engine.numbers import (
    MAX_ID,
    NumberError,
    is_finite,
    parse_finite,
    parse_id,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0", 0.0),
        ("12", 12.0),
        ("12.5", 12.5),
        ("12,5", 12.5),  # a decimal comma
        (" 12.5 ", 12.5),
        ("\u300012.5\u3000", 12.5),  # ideographic spaces
        ("１２．５", 12.5),  # full-width digits and point
        ("１２，５", 12.5),  # full-width comma
        ("+3", 3.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("10000000", 1e7),
        (7, 7.0),
        (2.5, 2.5),
    ],
)
def test_parse_finite_accepts_what_people_type(typed, expected):
    assert parse_finite(typed, 0, 1e7) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "nan",
        "NaN",
        "-nan",
        "inf",
        "-inf",
        "Infinity",
        "infinity",
        "1e309",
        "1e30",  # exponents are refused even when finite
        "1E3",
        "0x10",
        "1_000",
        "1,000.5",
        "1,2,3",
        "1 5",
        "١٢",  # Arabic-Indic digits
        "१२",  # Devanagari
        "12abc",
        "--1",
        "+",
        ".",
        "",
        "   ",
        None,
        True,
        float("nan"),
        float("inf"),
    ],
)
def test_parse_finite_refuses_non_numbers(typed):
    with pytest.raises(NumberError) as caught:
        parse_finite(typed, 0, 1e7)
    assert caught.value.code in ("empty", "not_number", "too_large")


def test_nan_would_have_passed_a_range_check():
    """Why the helper exists: NaN is neither below 0 nor above the maximum."""
    value = float("nan")
    assert not (value < 0 or value > 1e7)
    with pytest.raises(NumberError):
        parse_finite("nan", 0, 1e7)


def test_bounds_are_checked_with_a_code_and_the_bounds():
    with pytest.raises(NumberError) as caught:
        parse_finite("-1", 0, 10)
    assert (caught.value.code, caught.value.params["minimum"]) == ("too_small", 0)
    with pytest.raises(NumberError) as caught:
        parse_finite("10.01", 0, 10)
    assert (caught.value.code, caught.value.params["maximum"]) == ("too_large", 10)
    with pytest.raises(NumberError) as caught:
        parse_finite("9" * 400, 0)  # finite digits, infinite float
    assert caught.value.code == "too_large"
    assert parse_finite("-5") == -5.0, "no bounds, no bound check"


def test_decimal_comma_can_be_turned_off():
    with pytest.raises(NumberError):
        parse_finite("2,5", decimal_comma=False)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("42", 42),
        (" 42 ", 42),
        ("４２", 42),
        (42, 42),
        (str(MAX_ID), MAX_ID),
        ("0", None),
        ("-1", None),
        (str(MAX_ID + 1), None),
        ("99999999999999999999", None),
        ("١٢", None),
        ("1_0", None),
        ("4.2", None),
        ("abc", None),
        ("", None),
        (None, None),
        (True, None),
        (0, None),
    ],
)
def test_parse_id(typed, expected):
    assert parse_id(typed) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1, True), (1.5, True), (0, True), (math.nan, False), (math.inf, False), (-math.inf, False)]
    + [(True, False), ("1", False), (None, False)],
)
def test_is_finite(value, expected):
    assert is_finite(value) is expected
