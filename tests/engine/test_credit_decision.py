import pytest
from jiancai_addons.jiancai_credit.engine.decision import (
    CUSTOMER,
    SALESPERSON,
    STORE,
    Level,
    decide_confirmation,
    decide_delivery,
    prepay_missing,
)
from jiancai_addons.jiancai_credit.engine.exposure import Exposure


def levels(customer=None, salesperson=None, store=None, exp=None, sp_exp=None, st_exp=None):
    exp = exp or Exposure()
    return [
        Level(CUSTOMER, "何志明", customer, exp),
        Level(SALESPERSON, "王丽", salesperson, sp_exp or exp),
        Level(STORE, "徐汇店", store, st_exp or exp),
    ]


@pytest.mark.parametrize(
    ("case", "lv", "amount", "breached", "excess"),
    [
        ("no limit anywhere", levels(), 1e9, [], 0.0),
        ("within customer limit", levels(10000), 9999.99, [], 0.0),
        ("exactly at the limit passes", levels(10000), 10000.0, [], 0.0),
        ("customer over by 1", levels(10000), 10001.0, [CUSTOMER], 1.0),
        (
            "invoices already out count",
            levels(10000, exp=Exposure(open_invoices=8000.0)),
            3000.0,
            [CUSTOMER],
            1000.0,
        ),
        (
            "open orders do not count at delivery",
            levels(10000, exp=Exposure(open_orders=50000.0)),
            3000.0,
            [],
            0.0,
        ),
        (
            "payments make room",
            levels(10000, exp=Exposure(8000.0, unallocated_payments=2000.0)),
            4000.0,
            [],
            0.0,
        ),
        (
            "salesperson over, customer fine",
            levels(10000, 20000, sp_exp=Exposure(18000.0)),
            5000.0,
            [SALESPERSON],
            3000.0,
        ),
        (
            "store and customer over: both named, largest excess",
            levels(1000, None, 3000, st_exp=Exposure(delivered_uninvoiced=2500.0)),
            2000.0,
            [CUSTOMER, STORE],
            1500.0,
        ),
        ("zero limit blocks any amount", levels(0.0), 0.01, [CUSTOMER], 0.01),
    ],
)
def test_delivery_table(case, lv, amount, breached, excess):
    decision = decide_delivery(lv, amount)
    assert [b.kind for b in decision.breaches] == breached, case
    assert decision.excess == excess, case
    assert decision.allowed is (not breached), case


def test_confirmation_counts_open_orders():
    lv = levels(10000, exp=Exposure(open_orders=7000.0))
    assert decide_delivery(lv, 4000.0).allowed
    decision = decide_confirmation(lv, 4000.0)
    assert not decision.allowed
    assert decision.breaches[0].projected == 11000.0
    assert decision.excess == 1000.0


@pytest.mark.parametrize(
    ("exp", "extra", "missing"),
    [
        (Exposure(), 5000.0, 5000.0),
        (Exposure(unallocated_payments=2000.0), 5000.0, 3000.0),
        (Exposure(unallocated_payments=6000.0), 5000.0, 0.0),
        (Exposure(open_orders=5000.0, unallocated_payments=5000.0), 0.0, 0.0),
        (Exposure(open_orders=5000.0, unallocated_payments=4999.0), 0.0, 1.0),
    ],
)
def test_prepay_missing(exp, extra, missing):
    assert prepay_missing(exp, extra) == missing


def test_prepay_blocks_confirmation_and_delivery_until_paid():
    unpaid = [Level(CUSTOMER, "恒达", None, Exposure(open_orders=8000.0))]
    assert decide_delivery(unpaid, 8000.0, prepay=True).prepay_missing == 8000.0
    assert not decide_delivery(unpaid, 8000.0, prepay=True).allowed
    paid = [Level(CUSTOMER, "恒达", None, Exposure(8000.0, unallocated_payments=8000.0))]
    assert decide_delivery(paid, 8000.0, prepay=True).allowed
    assert (
        decide_confirmation([Level(CUSTOMER, "恒达", None, Exposure())], 300.0, True).prepay_missing
        == 300.0
    )


def test_available_per_level():
    lv = Level(STORE, "徐汇店", 50000.0, Exposure(10000.0, 5000.0, 2000.0, 1000.0))
    assert lv.available == 34000.0
    assert Level(STORE, "x", None, Exposure()).available is None


@pytest.mark.parametrize("limit", [-0.01, -100.0])
def test_negative_limit_refused(limit):
    with pytest.raises(ValueError, match="negative"):
        Level(CUSTOMER, "x", limit, Exposure())


def test_bad_inputs():
    with pytest.raises(ValueError, match="unknown"):
        Level("region", "x", 1.0, Exposure())
    with pytest.raises(ValueError, match="negative"):
        decide_delivery(levels(), -1.0)
    with pytest.raises(ValueError, match="negative"):
        decide_confirmation(levels(), -1.0)
