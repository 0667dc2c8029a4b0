"""Dedup keys of a referral: one canonical form of the phone and of the property.

Two referrals collide when their phone keys or their property keys are equal. The keys
are what the database indexes (a partial unique index), so they must be stable: the same
customer typed by a designer in the portal and by a salesperson on a phone gives the
same key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# relative, so the engine imports without Odoo (tests load it by path, not via odoo.addons)
from ...jiancai_base.engine.phone import PhoneError, normalize_cn_phone

__all__ = [
    "PhoneError",
    "Property",
    "PropertyError",
    "phone_key",
    "property_key",
    "community_key",
    "building_key",
    "unit_key",
    "room_key",
]


class PropertyError(ValueError):
    """The property cannot be identified (empty community or room)."""


@dataclass(frozen=True)
class Property:
    """A dwelling as typed: community (小区), building (楼栋), unit (单元), room (室)."""

    community: str
    building: str = ""
    unit: str = ""
    room: str = ""
    district: str = ""


def phone_key(text: str | None) -> str:
    """Canonical phone (``13812345678``); raises :class:`PhoneError` for bad input."""
    return normalize_cn_phone(text)


_SPACES = re.compile(r"[\s\u3000·・.,，。、'\"“”‘’()（）\[\]【】《》<>]+")
# the generic words a community name ends with; "花园小区" and "花园" and "" are the same
# Only the words people add or drop at will; distinctive endings (城, 府, 新村, 园) stay,
# so 万科城 and 万科花园 remain different communities.
_COMMUNITY_SUFFIXES = ("住宅小区", "小区", "花园", "家园", "公寓", "苑")
# phase markers stay significant (一期/二期 are different buildings of the same name)
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def _fold(text: str | None) -> str:
    """NFKC (full-width → half-width), lower case, no spaces or punctuation."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or "")).lower()


def _cn_number(text: str) -> str:
    """Replace simple Chinese numerals (一 … 九十九) by Arabic digits."""

    def convert(match: re.Match[str]) -> str:
        word = match.group(0)
        if "十" not in word:
            return "".join(str(_CN_DIGITS[c]) for c in word)
        tens, _, units = word.partition("十")
        value = (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
        return str(value)

    return re.sub(r"[零〇一二两三四五六七八九十]+", convert, text)


def community_key(name: str | None) -> str:
    """``"  翠湖天地 花园小区"``, ``"翠湖天地花园"`` and ``"翠湖天地"`` all give ``"翠湖天地"``."""
    key = _fold(name)
    # strip generic suffixes repeatedly ("花园小区" → "花园" → ""), never to nothing
    changed = True
    while changed:
        changed = False
        for suffix in _COMMUNITY_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) + 1:
                key = key[: -len(suffix)]
                changed = True
                break
    return key


def _number_part(text: str | None, markers: tuple[str, ...]) -> str:
    key = _cn_number(_fold(text))
    for marker in markers:
        key = key.replace(marker, "")
    key = key.lstrip("第#")
    # leading zeros carry no meaning: 03栋 = 3栋; keep letters (A座 → a)
    return re.sub(r"(?<!\d)0+(?=\d)", "", key)


def building_key(text: str | None) -> str:
    """3栋, 3号楼, 3幢, 3座, 3号, 第三栋, ３栋, 3- all give ``"3"``."""
    return _number_part(text, ("号楼", "楼栋", "栋", "幢", "座", "号", "楼", "-", "—"))


def unit_key(text: str | None) -> str:
    """1单元, 一单元, 1门, 01 all give ``"1"``."""
    return _number_part(text, ("单元", "门", "-", "—"))


def room_key(text: str | None) -> str:
    """501室, 501, 501号, ５０１室 all give ``"501"``."""
    return _number_part(text, ("室", "房", "号", "-", "—"))


_ADDRESS = re.compile(
    r"^(?P<building>[0-9a-z]+)(?:号楼|栋|幢|座|号|楼)?-?"
    r"(?:(?P<unit>[0-9a-z]+)(?:单元|门)-?)?"
    r"(?P<room>[0-9a-z]+)(?:室|房|号)?$"
)


def split_address(text: str) -> tuple[str, str, str]:
    """Read ``"3-1-501"``, ``"3栋1单元501室"``, ``"3号楼501"`` into (building, unit, room).

    Used when the whole address was typed in the building field. Returns ``("", "", "")``
    when the text does not look like one.
    """
    folded = _cn_number(_fold(text).replace("—", "-").replace("－", "-"))
    dashed = folded.split("-")
    if len(dashed) == 3 and all(p.isalnum() for p in dashed):
        return building_key(dashed[0]), unit_key(dashed[1]), room_key(dashed[2])
    if len(dashed) == 2 and all(p.isalnum() for p in dashed):
        return building_key(dashed[0]), "", room_key(dashed[1])
    match = _ADDRESS.match(folded)
    if not match:
        return "", "", ""
    return (
        building_key(match.group("building")),
        unit_key(match.group("unit") or ""),
        room_key(match.group("room")),
    )


def property_key(prop: Property) -> str:
    """``翠湖天地|3|1|501``: the key two referrals of the same flat share.

    Raises :class:`PropertyError` when community or room is missing: without them a
    property would collide with every other flat of the community.
    """
    community = community_key(prop.community)
    if not community:
        raise PropertyError("The community (小区) is empty.")
    building, unit, room = building_key(prop.building), unit_key(prop.unit), room_key(prop.room)
    if not room and building and not unit:
        # the whole address typed in one field: "3-1-501" or "3栋1单元501室"
        split = split_address(prop.building)
        if split[2]:
            building, unit, room = split
    if not room:
        raise PropertyError("The room number (室) is empty.")
    return "|".join((community, building, unit, room))
