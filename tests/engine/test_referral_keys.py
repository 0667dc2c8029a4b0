"""Dedup keys of referrals: real-world spellings of the same phone and the same flat."""

import pytest
from hypothesis import (
    assume,
    given,
    settings,
    strategies as st,
)
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


# --- Traditional spellings, building markers, full-width digits (issue 15) ----------------

VANKE = "万科城|3|2|1201"


@pytest.mark.parametrize(
    "prop",
    [
        Property("万科城", "3栋2单元1201"),
        Property("萬科城", "3棟2單元1201"),
        Property("万科城", "3#2单元1201"),
        Property("万科城", "3号楼2单元1201"),
        Property("萬科城", "3號樓2單元1201"),
        Property("万科城", "3幢2单元1201"),
        Property("万科城", "3座2单元1201室"),
        Property("万科城", "３栋２单元１２０１"),
        Property("萬科城", "３＃２單元１２０１室"),
        Property("萬科城", "3#", "2單元", "1201室"),
        Property("万科城小區", "3棟", "2門", "1201"),
        Property("萬科城", "#3", "2", "1201"),
    ],
)
def test_traditional_and_marker_spellings_share_one_key(prop):
    assert property_key(prop) == VANKE


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("萬科城", "万科城"),
        ("華潤置地廣場", "华润置地广场"),
        ("東方國際花園", "东方国际"),
        ("濱江灣區", "滨江湾区"),
        ("龍湖天街館", "龙湖天街馆"),
        ("紫薇苑", "紫薇"),  # 苑 is the same in both scripts (and a generic suffix)
        ("綠地東海岸", "绿地东海岸"),
    ],
)
def test_traditional_community_names_fold_to_simplified(traditional, simplified):
    assert community_key(traditional) == community_key(simplified)


def test_every_traditional_character_maps_to_one_simplified_character():
    from jiancai_addons.jiancai_referral.engine import keys

    pairs = keys._TRADITIONAL_PAIRS.split()
    assert all(len(pair) == 2 and pair[0] != pair[1] for pair in pairs)
    assert len({pair[0] for pair in pairs}) == len(pairs)


_CN = "零一二三四五六七八九"
_FULL = str.maketrans("0123456789#", "０１２３４５６７８９＃")
_TRAD = str.maketrans("万栋号楼单区门园", "萬棟號樓單區門園")


def _chinese(number: int) -> str:
    tens, units = divmod(number, 10)
    if not tens:
        return _CN[units]
    return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[units] if units else "")


@st.composite
def _spelling(draw, building: int, unit: int | None, room: int) -> Property:
    """One of the many ways people type the flat (万科城, building, unit, room)."""
    full_width = draw(st.booleans())
    traditional = draw(st.booleans())

    def digits(text: str) -> str:
        return text.translate(_FULL) if full_width else text

    b_marker = draw(st.sampled_from(["栋", "#", "号楼", "幢", "座", "号", "楼"]))
    b_text = _chinese(building) if draw(st.booleans()) else digits(str(building))
    b_text = draw(st.sampled_from(["", "第"])) + b_text + b_marker
    u_text = ""
    if unit is not None:
        u_number = _chinese(unit) if draw(st.booleans()) else digits(str(unit))
        u_text = u_number + draw(st.sampled_from(["单元", "门"]))
    r_text = digits(str(room)) + draw(st.sampled_from(["", "室", "房"]))
    community = "万科城" + draw(st.sampled_from(["", "小区", " ", "\u3000"]))
    if draw(st.booleans()):  # the whole address in the building field
        prop = Property(community, b_text + u_text + r_text)
    else:
        if draw(st.booleans()):
            b_text = digits(str(building))  # a bare number in its own field
        prop = Property(community, b_text, u_text, r_text)
    if traditional:
        prop = Property(*(part.translate(_TRAD) for part in prop.__dict__.values()))
    return prop


_FLATS = st.tuples(
    st.integers(1, 99), st.one_of(st.none(), st.integers(1, 9)), st.integers(101, 3299)
)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), flat=_FLATS)
def test_every_spelling_of_one_flat_gives_one_key(data, flat):
    building, unit, room = flat
    first = data.draw(_spelling(building, unit, room))
    second = data.draw(_spelling(building, unit, room))
    assert property_key(first) == property_key(second)
    assert property_key(first) == f"万科城|{building}|{unit or ''}|{room}"


@settings(max_examples=300, deadline=None)
@given(data=st.data(), flat=_FLATS, other=_FLATS)
def test_different_flats_give_different_keys(data, flat, other):
    assume(flat != other)
    assume((flat[1] is None) == (other[1] is None))
    first = data.draw(_spelling(*flat))
    second = data.draw(_spelling(*other))
    assert property_key(first) != property_key(second)
