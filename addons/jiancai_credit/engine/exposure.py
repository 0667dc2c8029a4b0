"""Credit exposure of a customer, a salesperson or a store, defined once.

Every amount is in the company currency. Callers convert foreign-currency amounts with
:func:`to_company_currency` (Odoo's convention: ``rate`` = units of the document currency
for one unit of the company currency, e.g. ``sale.order.currency_rate``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PRECISION = 2


def to_company_currency(amount: float, rate: float) -> float:
    """``amount`` in a document currency, converted to the company currency."""
    if rate <= 0:
        raise ValueError("a currency rate must be positive")
    return amount / rate


@dataclass(frozen=True)
class OrderLine:
    """A confirmed sale order line, amounts in the order currency."""

    qty_ordered: float
    qty_delivered: float
    qty_invoiced: float
    price_total: float  # tax included, for qty_ordered
    rate: float = 1.0  # order currency per company currency

    def _unit_price(self) -> float:
        if not self.qty_ordered:
            return 0.0
        return to_company_currency(self.price_total, self.rate) / self.qty_ordered

    @property
    def open_amount(self) -> float:
        """Confirmed, neither delivered nor invoiced."""
        qty = self.qty_ordered - max(self.qty_delivered, self.qty_invoiced)
        return max(qty, 0.0) * self._unit_price()

    @property
    def delivered_uninvoiced_amount(self) -> float:
        """Delivered but not yet invoiced."""
        return max(self.qty_delivered - self.qty_invoiced, 0.0) * self._unit_price()


@dataclass(frozen=True)
class Exposure:
    """What a level owes or has committed, split the way finance reads it."""

    open_invoices: float = 0.0  # posted, unpaid residual; credit notes already negative
    open_orders: float = 0.0  # confirmed, not delivered, not invoiced
    delivered_uninvoiced: float = 0.0
    unallocated_payments: float = 0.0  # positive: payments and deposits not yet matched

    @property
    def total(self) -> float:
        return round(
            self.open_invoices
            + self.open_orders
            + self.delivered_uninvoiced
            - self.unallocated_payments,
            PRECISION,
        )

    @property
    def receivable(self) -> float:
        """What the customer owes on its receivable account: open invoices, net of credit
        notes and of payments not yet matched (orders not invoiced are not in it)."""
        return round(self.open_invoices - self.unallocated_payments, PRECISION)

    @property
    def shipped(self) -> float:
        """The part for goods that already left the warehouse (net of payments)."""
        return round(
            self.open_invoices + self.delivered_uninvoiced - self.unallocated_payments,
            PRECISION,
        )

    def __add__(self, other: Exposure) -> Exposure:
        return Exposure(
            self.open_invoices + other.open_invoices,
            self.open_orders + other.open_orders,
            self.delivered_uninvoiced + other.delivered_uninvoiced,
            self.unallocated_payments + other.unallocated_payments,
        )


def exposure(
    invoice_residuals: Iterable[float] = (),
    credit_note_residuals: Iterable[float] = (),
    order_lines: Iterable[OrderLine] = (),
    unallocated_payments: Iterable[float] = (),
) -> Exposure:
    """The one definition of exposure.

    ``invoice_residuals`` / ``credit_note_residuals``: unpaid residuals of posted customer
    invoices / credit notes, as positive amounts in the company currency (a credit note
    lowers the exposure). ``unallocated_payments``: positive amounts of customer payments
    and deposits not reconciled with an invoice.
    """
    lines = list(order_lines)
    invoices = sum(invoice_residuals) - sum(abs(x) for x in credit_note_residuals)
    return Exposure(
        open_invoices=round(invoices, PRECISION),
        open_orders=round(sum(line.open_amount for line in lines), PRECISION),
        delivered_uninvoiced=round(
            sum(line.delivered_uninvoiced_amount for line in lines), PRECISION
        ),
        unallocated_payments=round(sum(abs(x) for x in unallocated_payments), PRECISION),
    )
