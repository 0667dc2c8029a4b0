"""Dedup keys of referrals: real-world spellings of the same phone and the same flat."""

import pytest
from jiancai_addons.jiancai_referral.engine.keys import (
    PhoneError,
    Property,
    PropertyError,
    building_key,
    community_key,
    phone_key,
    property_key,
    room_key,
    unit_key,
)

MOBILE = "13917654321"


@pytest.mark.parametrize(
    "typed",
    [
        "13917654321",
        "139 1765 4321",
        "139-1765-4321",
        "+86 139 1765 4321",
        "+86-13917654321",
        "0086 139 1765 4321",
        "008613917654321",
        "8613917654321",
        "１３９１７６５４３２１",
        "＋８６　１３９　１７６５　４３２１",
        " 139 1765 4321 ",
    ],
)
def test_phone_spellings_share_one_key(typed):
    assert phone_key(typed) == MOBILE


@pytest.mark.parametrize(
    "typed", ["", "   ", "1391765432", "139176543210", "abc", "+1 415 555 0100"]
)
def test_malformed_phone_is_refused(typed):
    with pytest.raises(PhoneError):
        phone_key(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("翠湖天地", "翠湖天地"),
        ("翠湖天地小区", "翠湖天地"),
        ("翠湖天地花园", "翠湖天地"),
        ("翠湖天地花园小区", "翠湖天地"),
        ("翠湖天地 住宅小区", "翠湖天地"),
        (" 翠湖 天地\u3000", "翠湖天地"),
        ("中海紫御豪庭苑", "中海紫御豪庭"),
        ("ＴＯＭＳＯＮ滨江", "tomson滨江"),
        ("Tomson 滨江苑", "tomson滨江"),
        ("仁恒河滨城", "仁恒河滨城"),  # 城 is part of the name
        ("花园", "花园"),  # a suffix alone is the name
    ],
)
def test_community_variants(typed, expected):
    assert community_key(typed) == expected


def test_distinct_communities_stay_distinct():
    assert community_key("万科城") != community_key("万科花园")
    assert community_key("绿地一期") != community_key("绿地二期")


@pytest.mark.parametrize(
    "typed",
    ["3栋", "3号楼", "3幢", "3座", "3号", "3-", "第3栋", "第三栋", "三号楼", "03", "３栋", " 3 "],
)
def test_building_spellings(typed):
    assert building_key(typed) == "3"


def test_building_keeps_letters_and_tens():
    assert building_key("A座") == "a"
    assert building_key("十二栋") == "12"
    assert building_key("二十一号楼") == "21"


@pytest.mark.parametrize("typed", ["1单元", "一单元", "01单元", "1门", "1", "１单元"])
def test_unit_spellings(typed):
    assert unit_key(typed) == "1"


@pytest.mark.parametrize("typed", ["501室", "501", "501号", "５０１室", "501 室", "501房"])
def test_room_spellings(typed):
    assert room_key(typed) == "501"


FLAT = "翠湖天地|3|1|501"


@pytest.mark.parametrize(
    "prop",
    [
        Property("翠湖天地", "3栋", "1单元", "501室"),
        Property("翠湖天地花园", "3号楼", "一单元", "501"),
        Property("翠湖天地小区", "3幢", "1", "501室"),
        Property("翠湖天地", "3-", "1单元", "501"),
        Property(" 翠湖天地 ", "３栋", "１单元", "５０１"),
        Property("翠湖天地", "3-1-501"),
        Property("翠湖天地", "3栋1单元501室"),
        Property("翠湖天地", "３－１－５０１"),
        Property("翠湖天地", "3幢1单元501"),
    ],
)
def test_property_spellings_share_one_key(prop):
    assert property_key(prop) == FLAT


def test_property_without_unit():
    assert property_key(Property("翠湖天地", "3号楼", "", "501")) == "翠湖天地|3||501"
    assert property_key(Property("翠湖天地", "3-501")) == "翠湖天地|3||501"


def test_different_flats_differ():
    assert property_key(Property("翠湖天地", "3", "1", "501")) != property_key(
        Property("翠湖天地", "3", "1", "502")
    )
    assert property_key(Property("翠湖天地", "3", "1", "501")) != property_key(
        Property("翠湖天地", "13", "1", "501")
    )


@pytest.mark.parametrize(
    "prop",
    [
        Property("", "3", "1", "501"),
        Property("  ", "3", "1", "501"),
        Property("翠湖天地", "3", "1", ""),
    ],
)
def test_incomplete_property_is_refused(prop):
    with pytest.raises(PropertyError):
        property_key(prop)
