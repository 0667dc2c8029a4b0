"""Tomorrow's plan typed on a phone, completion, and the local day of a daily report."""

from datetime import date, datetime

import pytest
from hypothesis import (
    given,
    strategies as st,
)
from jiancai_addons.jiancai_daily_report.engine.plan import (
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    PlanError,
    completion,
    day_window_utc,
    plan_items,
    report_day,
)

SHANGHAI = "Asia/Shanghai"


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (None, []),
        ("", []),
        ("\n  \n\t", []),
        ("给何先生打电话", ["给何先生打电话"]),
        ("1. 给何先生打电话\n2、量房\n(3) 送样", ["给何先生打电话", "量房", "送样"]),
        ("① 回访\n② 整理样板", ["回访", "整理样板"]),
        ("- call Ho\n* measure\n• deliver\n· tidy", ["call Ho", "measure", "deliver", "tidy"]),
        # full-width forms fold (NFKC): digits, letters, the ideographic space
        ("１．　回访　徐女士", ["回访 徐女士"]),
        # repeats are dropped, whatever their case or width
        ("Call Ho\ncall ho\nＣＡＬＬ ＨＯ", ["Call Ho"]),
        # a number that is the item itself is kept
        ("2026 年目标复盘", ["2026 年目标复盘"]),
        ("800x800 岩板到货", ["800x800 岩板到货"]),
        ("1.5 米台面送安装", ["1.5 米台面送安装"]),
        ("10:30 见何先生", ["10:30 见何先生"]),
        ("1) 10:30 见何先生", ["10:30 见何先生"]),
        # control characters (zero-width, bidi overrides) are not text
        ("回\u200b访\u202e", ["回访"]),
        ("a\r\nb\rc", ["a", "b", "c"]),
    ],
)
def test_plan_items(text, items):
    assert plan_items(text) == items


def test_plan_limits():
    assert len(plan_items("\n".join(f"item {n}" for n in range(MAX_ITEMS)))) == MAX_ITEMS
    with pytest.raises(PlanError) as caught:
        plan_items("\n".join(f"item {n}" for n in range(MAX_ITEMS + 1)))
    assert (caught.value.code, caught.value.limit) == ("too_many", MAX_ITEMS)
    # repeats and blank lines do not count against the limit
    assert len(plan_items("\n\n".join(["same"] * 100))) == 1
    assert plan_items("好" * MAX_ITEM_CHARS) == ["好" * MAX_ITEM_CHARS]
    with pytest.raises(PlanError) as caught:
        plan_items("好" * (MAX_ITEM_CHARS + 1))
    assert caught.value.code == "too_long"


@given(st.text(max_size=400))
def test_plan_items_never_fail_otherwise_and_are_clean(text):
    try:
        items = plan_items(text)
    except PlanError:
        return
    assert len(items) <= MAX_ITEMS
    assert len({item.casefold() for item in items}) == len(items)
    for item in items:
        assert item == item.strip() and item
        assert "\n" not in item and "  " not in item
        assert len(item) <= MAX_ITEM_CHARS


@pytest.mark.parametrize(
    ("done", "planned", "share"),
    [(0, 0, 100.0), (0, 3, 0.0), (1, 3, 33.3), (2, 3, 66.7), (3, 3, 100.0)],
)
def test_completion(done, planned, share):
    assert completion(done, planned) == share


@pytest.mark.parametrize(("done", "planned"), [(4, 3), (-1, 3), (0, -1)])
def test_completion_refuses_impossible_counts(done, planned):
    with pytest.raises(ValueError):
        completion(done, planned)


def test_report_day_is_the_local_day():
    # 23:30 in Shanghai on 8 December is 15:30 UTC; 00:10 on the 9th is 16:10 UTC
    assert report_day(datetime(2026, 12, 8, 15, 30), SHANGHAI) == date(2026, 12, 8)
    assert report_day(datetime(2026, 12, 8, 16, 10), SHANGHAI) == date(2026, 12, 9)
    assert report_day(datetime(2026, 12, 8, 16, 10), None) == date(2026, 12, 8)
    assert report_day(datetime(2026, 12, 8, 16, 10), "Not/AZone") == date(2026, 12, 8)


def test_day_window():
    assert day_window_utc(date(2026, 12, 8), SHANGHAI) == (
        datetime(2026, 12, 7, 16, 0),
        datetime(2026, 12, 8, 16, 0),
    )
    # a day with a daylight-saving change is 23 hours long
    start, end = day_window_utc(date(2026, 3, 8), "America/New_York")
    assert (end - start).total_seconds() == 23 * 3600
