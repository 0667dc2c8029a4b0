import pytest
from jiancai_addons.jiancai_base.engine.phone import (
    PhoneError,
    is_cn_mobile,
    mask_phone,
    normalize_cn_phone,
)

MOBILE = "13812345678"
SHANGHAI = "02164788888"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("13812345678", MOBILE),
        ("138 1234 5678", MOBILE),
        ("138-1234-5678", MOBILE),
        ("138.1234.5678", MOBILE),
        ("  138 1234 5678\t", MOBILE),
        ("+86 138 1234 5678", MOBILE),
        ("+86-138-1234-5678", MOBILE),
        ("+8613812345678", MOBILE),
        ("0086 13812345678", MOBILE),
        ("008613812345678", MOBILE),
        ("8613812345678", MOBILE),
        ("１３８１２３４５６７８", MOBILE),  # full-width digits
        ("＋８６\u3000１３８\u3000１２３４\u3000５６７８", MOBILE),  # full-width + and spaces
        ("（021）6478 8888", SHANGHAI),  # full-width brackets
        ("(021) 6478-8888", SHANGHAI),
        ("021-64788888", SHANGHAI),
        ("021 6478 8888", SHANGHAI),
        ("+86 21 6478 8888", SHANGHAI),  # landline after +86 drops its leading 0
        ("+86 10 6478 8888", "01064788888"),  # Beijing
        ("0512-6528 7788", "051265287788"),  # 4-digit area code (Suzhou)
        ("0512-652 7788", "05126527788"),  # 7-digit local number
        ("0755-8888 6666", "075588886666"),  # Shenzhen
    ],
)
def test_normalize_accepts_real_world_spellings(typed, expected):
    assert normalize_cn_phone(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        None,
        "",
        "   ",
        "12345",
        "abc",
        "+1 415 555 0100",
        "+44 20 7946 0958",
        "1381234567x",
        "138 1234 567",  # a mobile with one digit missing
        "1381234567",
        "+86 138 1234 567",
        "0131 2345 678",  # there is no 013 area code
        "138123456789",  # one digit too many
        "12345678901",  # 11 digits but not a mobile prefix
        "0086",
        "+86",
        "138１２３４５６７８ext",
        "21 6478 8888",  # a landline lacks its 0 only after +86
    ],
)
def test_normalize_rejects_what_is_not_a_cn_number(typed):
    with pytest.raises(PhoneError):
        normalize_cn_phone(typed)


def test_phone_error_is_a_value_error_with_a_readable_message():
    with pytest.raises(ValueError, match="mainland China"):
        normalize_cn_phone("+1 415 555 0100")
    with pytest.raises(PhoneError, match="empty"):
        normalize_cn_phone("   ")


def test_normalize_is_idempotent():
    for number in (MOBILE, SHANGHAI, "051265287788"):
        assert normalize_cn_phone(normalize_cn_phone(number)) == number


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("13812345678", True),
        ("19912345678", True),
        ("15012345678", True),
        ("12812345678", False),  # 12x is not a mobile range
        ("02164788888", False),
        ("1381234567", False),
        ("138123456789", False),
        ("", False),
        (None, False),
    ],
)
def test_is_cn_mobile(number, expected):
    assert is_cn_mobile(number) is expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("13812345678", "138****5678"),
        ("02164788888", "021****8888"),
        ("051265287788", "051*****7788"),
        ("123456", "******"),
        ("", ""),
    ],
)
def test_mask_phone(number, expected):
    masked = mask_phone(number)
    assert masked == expected
    assert len(masked) == len(number)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("１３８１２３４５６７８", MOBILE),  # full-width: NFKC folds them
        ("138１２３４5678", MOBILE),  # mixed full-width and ASCII
        ("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", MOBILE),  # mathematical bold digits: NFKC folds them too
        ("＋８６ ２１ ６４７８ ８８８８", SHANGHAI),
    ],
)
def test_normalize_folds_what_nfkc_folds(typed, expected):
    assert normalize_cn_phone(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "١٣٨١٢٣٤٥٦٧٨",  # Arabic-Indic
        "۱۳۸۱۲۳۴۵۶۷۸",  # Extended Arabic-Indic (Persian)
        "१३८१२३४५६७८",  # Devanagari
        "১৩৮১২৩৪৫৬৭৮",  # Bengali
        "1٣٨1234567٨",  # ASCII mixed with Arabic-Indic
        "138१२३४5678",  # ASCII mixed with Devanagari
        "+86 ١٣٨ ١٢٣٤ ٥٦٧٨",
        "٠٢١٦٤٧٨٨٨٨٨",  # an Arabic-Indic "landline"
        "021-٦٤٧٨٨٨٨٨",
        "๑๓๘๑๒๓๔๕๖๗๘",  # Thai
    ],
)
def test_normalize_refuses_digits_of_other_scripts(typed):
    with pytest.raises(PhoneError, match="0-9"):
        normalize_cn_phone(typed)


def test_other_scripts_never_give_a_second_key_for_one_number():
    """The same number typed in two scripts must not be two different valid numbers."""
    accepted = set()
    for typed in ("13812345678", "１３８１２３４５６７８", "١٣٨١٢٣٤٥٦٧٨", "१३८१२३४५६७८"):
        try:
            accepted.add(normalize_cn_phone(typed))
        except PhoneError:
            continue
    assert accepted == {MOBILE}
