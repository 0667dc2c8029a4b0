"""Dedup keys of execution violations: one violation per breach, whatever the runs."""

from datetime import date

import pytest
from jiancai_addons.jiancai_execution.engine.breach import (
    Breach,
    BreachKeyError,
    daily_key,
    document_key,
    new_breaches,
)


def test_keys():
    assert document_key("sale.order", 42) == "doc:sale.order:42"
    assert daily_key("user", 7, date(2026, 12, 6)) == "day:user:7:2026-12-06"
    assert daily_key("store", 2, date(2026, 12, 6)) != daily_key("store", 2, date(2026, 12, 7))


@pytest.mark.parametrize(
    "call",
    [
        lambda: document_key("sale order", 1),
        lambda: document_key("a:b", 1),
        lambda: document_key("", 1),
        lambda: document_key("sale.order", 0),
        lambda: document_key("sale.order", -3),
        lambda: document_key("sale.order", True),
        lambda: document_key("sale.order", "1"),
        lambda: daily_key("team", 1, date(2026, 1, 1)),
    ],
)
def test_bad_key_parts_refused(call):
    with pytest.raises(BreachKeyError):
        call()


def test_new_breaches_skip_known_duplicates_and_orphans():
    found = [
        Breach("doc:sale.order:1", 5),
        Breach("doc:sale.order:2", 5),
        Breach("doc:sale.order:2", 5),  # the same breach twice in one run
        Breach("doc:sale.order:3", 0),  # nobody to charge
        Breach("doc:sale.order:4", 6, store_id=2),
    ]
    new = new_breaches(found, known_keys={"doc:sale.order:1"})
    assert [b.key for b in new] == ["doc:sale.order:2", "doc:sale.order:4"]
    assert new_breaches(new, known_keys=[b.key for b in new]) == []
