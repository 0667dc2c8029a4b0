import pytest
from jiancai_addons.jiancai_credit.engine.exposure import (
    Exposure,
    OrderLine,
    exposure,
    to_company_currency,
)


@pytest.mark.parametrize(
    ("case", "kwargs", "expected"),
    [
        ("nothing", {}, Exposure()),
        ("one unpaid invoice", {"invoice_residuals": [1000.0]}, Exposure(1000.0)),
        (
            "partial payment leaves the residual",
            {"invoice_residuals": [1000.0 - 400.0, 250.0]},
            Exposure(850.0),
        ),
        (
            "credit note lowers the exposure",
            {"invoice_residuals": [1000.0], "credit_note_residuals": [300.0]},
            Exposure(700.0),
        ),
        (
            "credit note given with a negative sign counts the same",
            {"invoice_residuals": [1000.0], "credit_note_residuals": [-300.0]},
            Exposure(700.0),
        ),
        (
            "confirmed order, nothing delivered",
            {"order_lines": [OrderLine(10, 0, 0, 1130.0)]},
            Exposure(open_orders=1130.0),
        ),
        (
            "partly delivered, not invoiced",
            {"order_lines": [OrderLine(10, 4, 0, 1000.0)]},
            Exposure(open_orders=600.0, delivered_uninvoiced=400.0),
        ),
        (
            "delivered and invoiced moves to the invoice residual",
            {"invoice_residuals": [400.0], "order_lines": [OrderLine(10, 4, 4, 1000.0)]},
            Exposure(400.0, 600.0, 0.0),
        ),
        (
            "invoiced before delivery (prepaid order policy)",
            {"order_lines": [OrderLine(10, 2, 10, 1000.0)]},
            Exposure(),
        ),
        (
            "over-delivery counts what was delivered",
            {"order_lines": [OrderLine(10, 12, 0, 1000.0)]},
            Exposure(delivered_uninvoiced=1200.0),
        ),
        (
            "unallocated payment and deposit are subtracted",
            {"invoice_residuals": [1000.0], "unallocated_payments": [200.0, -50.0]},
            Exposure(1000.0, unallocated_payments=250.0),
        ),
        (
            "order in USD at 0.14 USD per CNY",
            {"order_lines": [OrderLine(1, 0, 0, 140.0, rate=0.14)]},
            Exposure(open_orders=1000.0),
        ),
        (
            "line without quantity adds nothing",
            {"order_lines": [OrderLine(0, 0, 0, 99.0)]},
            Exposure(),
        ),
    ],
)
def test_exposure_table(case, kwargs, expected):
    assert exposure(**kwargs) == expected, case


def test_total_and_shipped():
    exp = Exposure(1000.0, 500.0, 300.0, 200.0)
    assert exp.total == 1600.0
    assert exp.shipped == 1100.0


def test_overpaid_customer_has_negative_exposure():
    assert exposure(invoice_residuals=[100.0], unallocated_payments=[300.0]).total == -200.0


def test_levels_add_up():
    assert Exposure(1, 2, 3, 4) + Exposure(10, 20, 30, 40) == Exposure(11, 22, 33, 44)


@pytest.mark.parametrize(
    ("amount", "rate", "expected"),
    [(100.0, 1.0, 100.0), (14.0, 0.14, 100.0), (1100.0, 11.0, 100.0)],
)
def test_to_company_currency(amount, rate, expected):
    assert to_company_currency(amount, rate) == pytest.approx(expected)


@pytest.mark.parametrize("rate", [0.0, -1.0])
def test_bad_rate_is_refused(rate):
    with pytest.raises(ValueError, match="rate"):
        to_company_currency(100.0, rate)


def test_level_total_is_the_sum_of_its_customers_in_one_currency():
    """Salesperson and store levels add their customers' exposures of one company.

    The module never adds exposures of two companies: each company sees its own
    documents in its own currency (tested in jiancai_credit/tests/test_credit_snapshot.py).
    """
    first = exposure(invoice_residuals=[1000.0])
    second = exposure(order_lines=[OrderLine(1, 0, 0, 110.0, rate=1.1)])
    assert (first + second).total == 1100.0


def test_receivable_is_open_invoices_net_of_unmatched_payments_without_orders():
    exp = exposure(
        invoice_residuals=[1000.0, 600.0],
        credit_note_residuals=[150.0],
        order_lines=[OrderLine(10, 5, 0, 1000.0)],
        unallocated_payments=[300.0],
    )
    assert exp.receivable == 1150.0
    assert exp.total == exp.receivable + exp.open_orders + exp.delivered_uninvoiced
