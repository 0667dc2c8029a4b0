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


# Traditional → Simplified, one character for one, for the characters of community names
# and address markers (Hong Kong, Taiwan and older customers type 萬科城3棟2單元). Kept
# small and explicit on purpose: the keys are stored and indexed, so they must not move
# when a third-party dictionary is updated (see readme/DEVELOP.md). Only characters
# whose simplified form is unambiguous are listed (no 乾/干, 後/后 style pairs that
# depend on the word). 苑 and 座 are the same in both scripts.
_TRADITIONAL_PAIRS = (
    "萬万 棟栋 號号 樓楼 單单 區区 園园 灣湾 廣广 東东 華华 國国 門门 館馆 兩两 層层 "
    "間间 戶户 廈厦 場场 際际 聖圣 達达 長长 雲云 藍蓝 寶宝 貴贵 億亿 銀银 鄉乡 臺台 "
    "島岛 嶺岭 興兴 陽阳 豐丰 麗丽 錦锦 綠绿 濱滨 匯汇 鳳凤 龍龙 莊庄 橋桥 閣阁 軒轩 "
    "灘滩 嶼屿 塢坞 鎮镇 縣县 滬沪 蘇苏 閩闽 廠厂 圓圆 標标 濤涛 瀾澜 頤颐 運运 禦御 "
    "騰腾 鵬鹏 閘闸 壇坛 鐘钟 樂乐 風风 頌颂 開开 發发 陳陈 黃黄 遠远 錢钱 義义 禮礼 "
    "語语 書书 畫画 詩诗 蓮莲 韻韵 璽玺 鑽钻 寧宁 慶庆 僑侨 潤润 燦灿 紅红 聯联 網网 "
    "體体 學学 醫医 儀仪 亞亚 歐欧 對对 岡冈 崗岗 處处 實实"
)
_TRADITIONAL = str.maketrans({pair[0]: pair[1] for pair in _TRADITIONAL_PAIRS.split()})


def _fold(text: str | None) -> str:
    """NFKC (full-width → half-width), Simplified, lower case, no spaces or punctuation."""
    folded = unicodedata.normalize("NFKC", text or "").translate(_TRADITIONAL)
    return _SPACES.sub("", folded).lower()


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
    """3栋, 3棟, 3号楼, 3號樓, 3幢, 3座, 3号, 3#, 第三栋, ３栋, 3- all give ``"3"``."""
    return _number_part(text, ("号楼", "楼栋", "栋", "幢", "座", "号", "楼", "#", "-", "—"))


def unit_key(text: str | None) -> str:
    """1单元, 一单元, 1门, 01 all give ``"1"``."""
    return _number_part(text, ("单元", "门", "-", "—"))


def room_key(text: str | None) -> str:
    """501室, 501, 501号, ５０１室 all give ``"501"``."""
    return _number_part(text, ("室", "房", "号", "-", "—"))


_ADDRESS = re.compile(
    r"^[第#]?(?P<building>[0-9a-z]+)(?:号楼|楼栋|栋|幢|座|号|楼|#)?-?"
    r"(?:第?(?P<unit>[0-9a-z]+)(?:单元|门)-?)?"
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
