"""Rows of a lead sheet: column mapping, per-row checks, duplicates in the file and in the
database. Batch shaped: the caller reads every row, asks the database once for the holders
of all the keys, then classifies; no row triggers a query of its own.

The dedup keys are the referral engine's (``jiancai_referral.engine.keys``), so a lead, a
referral and a customer of the same phone or flat collide whatever their spelling.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ...jiancai_referral.engine.keys import (
    PhoneError,
    Property,
    PropertyError,
    phone_key,
    property_key,
)

# canonical column → the headers people write (compared after NFKC, lower case, no spaces)
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "community": ("community", "小区", "小區", "楼盘", "樓盤"),
    "building": ("building", "楼栋", "樓棟", "栋", "棟", "楼号", "樓號"),
    "room": ("room", "房号", "房號", "室", "门牌", "門牌"),
    "name": ("name", "姓名", "客户", "客戶", "客户姓名", "客戶姓名"),
    "phone": ("phone", "电话", "電話", "手机", "手機", "手机号", "手機號", "联系电话", "聯繫電話"),
    "source": ("source", "来源", "來源", "渠道"),
    "notes": ("notes", "备注", "備註", "note"),
}
REQUIRED = ("community", "name", "phone")
MAX_CELL = 200  # characters a cell may hold (notes: MAX_NOTES)
MAX_NOTES = 2000

# problem codes; the caller words them
BAD_PHONE = "bad_phone"
NO_NAME = "no_name"
TOO_LONG = "too_long"
DUPLICATE_IN_FILE = "duplicate_in_file"
HELD_BY_OTHER_STORE = "held_by_other_store"

# outcomes of a row
NEW = "new"
MERGE = "merge"
REJECTED = "rejected"


def _header_key(text: object) -> str:
    return "".join(unicodedata.normalize("NFKC", str(text or "")).lower().split())


def map_headers(header: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    """({column: index}, [missing required columns]) of a sheet's first row."""
    wanted = {
        _header_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases
    }
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = wanted.get(_header_key(cell))
        if column and column not in found:
            found[column] = index
    return found, [column for column in REQUIRED if column not in found]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone typed as a number in Excel: 13812345678.0
    return str(value).strip()


@dataclass(frozen=True)
class Problem:
    code: str
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One checked row of the sheet."""

    number: int  # the row number Excel shows (header = 1)
    values: Mapping[str, str]
    phone_key: str = ""
    property_key: str = ""
    problems: tuple[Problem, ...] = ()
    outcome: str = NEW
    merge_into: int | None = None  # the existing lead of the same store
    partner_id: int | None = None  # the existing customer of the same store (or of none)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_row(number: int, cells: Sequence[object], columns: Mapping[str, int]) -> Row:
    """Check one row on its own: phone, name, lengths; compute its keys."""
    values = {
        column: _cell(cells[index]) if index < len(cells) else ""
        for column, index in columns.items()
    }
    for column in COLUMNS:
        values.setdefault(column, "")
    problems: list[Problem] = []
    key = ""
    try:
        key = phone_key(values["phone"])
    except PhoneError:
        problems.append(Problem(BAD_PHONE, {"phone": values["phone"]}))
    if not values["name"]:
        problems.append(Problem(NO_NAME))
    for column, text in values.items():
        if len(text) > (MAX_NOTES if column == "notes" else MAX_CELL):
            problems.append(Problem(TOO_LONG, {"column": column}))
    prop = ""
    if values["community"]:
        try:
            prop = property_key(
                Property(values["community"], building=values["building"], room=values["room"])
            )
        except PropertyError:
            prop = ""  # a community without a room identifies no flat: only the phone counts
    return Row(
        number,
        values,
        phone_key=key,
        property_key=prop,
        problems=tuple(problems),
        outcome=REJECTED if problems else NEW,
    )


def mark_file_duplicates(rows: Iterable[Row]) -> list[Row]:
    """The first row of a phone or a flat wins; later ones are rejected, naming it."""
    first_of: dict[tuple[str, str], int] = {}
    result = []
    for row in rows:
        if row.ok:
            keys = [("phone", row.phone_key)]
            if row.property_key:
                keys.append(("property", row.property_key))
            earlier = next((first_of[k] for k in keys if k in first_of), None)
            if earlier is not None:
                row = replace(
                    row,
                    problems=(Problem(DUPLICATE_IN_FILE, {"row": str(earlier)}),),
                    outcome=REJECTED,
                )
            else:
                for k in keys:
                    first_of[k] = row.number
        result.append(row)
    return result


@dataclass(frozen=True)
class Holder:
    """A record of the database that already has the phone or the flat."""

    kind: str  # "lead", "customer" or "referral"
    record_id: int
    store_id: int | None
    name: str = ""


def classify(
    rows: Iterable[Row],
    phone_holders: Mapping[str, Sequence[Holder]],
    property_holders: Mapping[str, Sequence[Holder]],
    store_id: int,
) -> list[Row]:
    """Decide each good row against what the database holds.

    Held by another store (a lead, a customer or a referral) → rejected, naming only the
    kind of record (never the other store's customer). An open lead of the same store →
    merged into it (Odoo's merge keeps both histories). A customer of this store or of no
    store → a new lead linked to that customer.
    """
    result = []
    for row in rows:
        if not row.ok:
            result.append(row)
            continue
        holders = list(phone_holders.get(row.phone_key, ()))
        if row.property_key:
            holders += property_holders.get(row.property_key, ())
        other = next((h for h in holders if h.store_id and h.store_id != store_id), None)
        if other:
            result.append(
                replace(
                    row,
                    problems=(Problem(HELD_BY_OTHER_STORE, {"kind": other.kind}),),
                    outcome=REJECTED,
                )
            )
            continue
        lead = min((h.record_id for h in holders if h.kind == "lead"), default=None)
        partner = min((h.record_id for h in holders if h.kind == "customer"), default=None)
        result.append(
            replace(row, outcome=MERGE if lead else NEW, merge_into=lead, partner_id=partner)
        )
    return result
