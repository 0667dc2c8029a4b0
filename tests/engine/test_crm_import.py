"""Rows of a lead sheet: headers, phones, duplicates in the file and in the database."""

from jiancai_addons.jiancai_crm.engine.lead_import import (
    BAD_PHONE,
    DUPLICATE_IN_FILE,
    HELD_BY_OTHER_STORE,
    MERGE,
    NEW,
    NO_NAME,
    REJECTED,
    TOO_LONG,
    Holder,
    classify,
    map_headers,
    mark_file_duplicates,
    read_row,
)
from jiancai_addons.jiancai_referral.engine import keys

HEADER = ["小区", "楼栋", "房号", "姓名", "电话", "来源", "备注"]
COLUMNS, _ = map_headers(HEADER)


def row(number, *cells):
    return read_row(number, list(cells), COLUMNS)


def test_headers_in_chinese_english_traditional_and_full_width():
    columns, missing = map_headers(["Community", " 姓 名 ", "電話", "ＲＯＯＭ"])
    assert missing == []
    assert columns == {"community": 0, "name": 1, "phone": 2, "room": 3}
    columns, missing = map_headers(["姓名", "备注"])
    assert missing == ["community", "phone"]


def test_the_referral_engine_gives_the_keys():
    good = row(2, "翠湖天地花园", "3栋", "501室", "王先生", "+86 139 1765 4321", "扫楼", "")
    assert good.ok and good.outcome == NEW
    assert good.phone_key == keys.phone_key("13917654321")
    assert good.property_key == keys.property_key(keys.Property("翠湖天地", "3", room="501"))


def test_row_problems():
    assert [p.code for p in row(2, "x", "", "", "王", "12345", "", "").problems] == [BAD_PHONE]
    # Arabic-Indic digits are refused, not guessed; full-width digits are fine
    arabic = row(3, "x", "", "", "王", "١٣٩١٧٦٥٤٣٢١", "", "")
    assert arabic.outcome == REJECTED and arabic.problems[0].code == BAD_PHONE
    assert row(4, "x", "", "", "王", "１３９１７６５４３２１", "", "").ok
    assert [p.code for p in row(5, "x", "", "", "", "13917654321", "", "").problems] == [NO_NAME]
    assert TOO_LONG in [p.code for p in row(6, "x" * 300, "", "", "王", "13917654321").problems]
    # Excel stored the phone as a number
    assert row(7, "x", "", "", "王", 13917654321.0, "", "").phone_key == "13917654321"
    # a short row (trailing empty cells cut off) reads as empty cells
    assert row(8, "x", None, None, "王", "13917654321").values["notes"] == ""


def test_duplicates_inside_the_file_name_the_first_row():
    rows = mark_file_duplicates(
        [
            row(2, "翠湖天地", "3栋", "501", "王", "13917654321"),
            row(3, "翠湖天地小区", "3号楼", "501室", "李", "13800000001"),  # same flat
            row(4, "别处", "", "", "赵", "139-1765-4321"),  # same phone
            row(5, "别处", "", "", "钱", "13800000002"),
        ]
    )
    assert [r.outcome for r in rows] == [NEW, REJECTED, REJECTED, NEW]
    assert rows[1].problems[0].code == DUPLICATE_IN_FILE
    assert rows[1].problems[0].params == {"row": "2"}
    assert rows[2].problems[0].params == {"row": "2"}


def test_classify_against_the_database():
    mine, other = 1, 2
    rows = [
        row(2, "翠湖天地", "3栋", "501", "王", "13917654321"),  # lead of another store
        row(3, "别处", "", "", "李", "13800000001"),  # lead of my store → merge
        row(4, "别处", "", "", "赵", "13800000002"),  # my customer → linked
        row(5, "新小区", "1", "101", "钱", "13800000003"),  # referral of other store, by flat
        row(6, "新小区", "1", "102", "孙", "13800000004"),  # new
        row(7, "x", "", "", "周", "bad"),
    ]
    phones = {
        "13917654321": [Holder("lead", 10, other)],
        "13800000001": [Holder("lead", 11, mine), Holder("lead", 9, mine)],
        "13800000002": [Holder("customer", 12, mine), Holder("customer", 13, None)],
    }
    flats = {rows[3].property_key: [Holder("referral", 14, other)]}
    result = classify(rows, phones, flats, mine)
    assert [r.outcome for r in result] == [REJECTED, MERGE, NEW, REJECTED, NEW, REJECTED]
    assert result[0].problems[0].code == HELD_BY_OTHER_STORE
    assert result[0].problems[0].params == {"kind": "lead"}
    assert result[1].merge_into == 9  # the oldest lead
    assert result[2].partner_id == 12
    assert result[3].problems[0].params == {"kind": "referral"}
    assert result[5].problems[0].code == BAD_PHONE
