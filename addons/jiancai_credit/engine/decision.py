"""Whether a delivery or an order confirmation may pass, level by level."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .exposure import PRECISION, Exposure

CUSTOMER = "customer"
SALESPERSON = "salesperson"
STORE = "store"
LEVELS = (CUSTOMER, SALESPERSON, STORE)


@dataclass(frozen=True)
class Level:
    """One level to check: ``limit`` None means no limit is set at that level."""

    kind: str
    name: str
    limit: float | None
    exposure: Exposure

    def __post_init__(self) -> None:
        if self.kind not in LEVELS:
            raise ValueError(f"unknown credit level {self.kind!r}")
        if self.limit is not None and self.limit < 0:
            raise ValueError("a credit limit cannot be negative")

    @property
    def available(self) -> float | None:
        """Limit minus exposure; None without a limit."""
        if self.limit is None:
            return None
        return round(self.limit - self.exposure.total, PRECISION)


@dataclass(frozen=True)
class Breach:
    kind: str
    name: str
    limit: float
    projected: float  # exposure once the document passes
    excess: float  # projected - limit, > 0


@dataclass(frozen=True)
class Decision:
    breaches: tuple[Breach, ...] = field(default_factory=tuple)
    prepay_missing: float = 0.0

    @property
    def allowed(self) -> bool:
        return not self.breaches and self.prepay_missing <= 0

    @property
    def excess(self) -> float:
        """The largest excess over all levels (what an approval must cover)."""
        return max((b.excess for b in self.breaches), default=0.0)


def _breaches(levels: Sequence[Level], projected_of) -> tuple[Breach, ...]:
    found = []
    for level in levels:
        if level.limit is None:
            continue
        projected = round(projected_of(level.exposure), PRECISION)
        excess = round(projected - level.limit, PRECISION)
        if excess > 0:
            found.append(Breach(level.kind, level.name, level.limit, projected, excess))
    return tuple(found)


def prepay_missing(customer: Exposure, extra: float = 0.0) -> float:
    """What a prepay customer still has to pay so that nothing is owed after ``extra``."""
    return max(round(customer.total + extra, PRECISION), 0.0)


def decide_delivery(levels: Sequence[Level], amount: float, prepay: bool = False) -> Decision:
    """May goods worth ``amount`` (company currency, tax incl.) leave the warehouse?

    Goods already out and not paid (``Exposure.shipped``) plus this delivery must stay
    within each limit. A prepay customer must have paid everything, this order included
    (its open part is already in the customer's exposure once it is confirmed).
    """
    if amount < 0:
        raise ValueError("a delivery amount cannot be negative")
    breaches = _breaches(levels, lambda exp: exp.shipped + amount)
    missing = 0.0
    if prepay:
        customer = next((lv for lv in levels if lv.kind == CUSTOMER), None)
        missing = prepay_missing(customer.exposure) if customer else 0.0
    return Decision(breaches, missing)


def decide_confirmation(levels: Sequence[Level], amount: float, prepay: bool = False) -> Decision:
    """May an order of ``amount`` be confirmed? Its amount adds to the full exposure."""
    if amount < 0:
        raise ValueError("an order amount cannot be negative")
    breaches = _breaches(levels, lambda exp: exp.total + amount)
    missing = 0.0
    if prepay:
        customer = next((lv for lv in levels if lv.kind == CUSTOMER), None)
        missing = prepay_missing(customer.exposure, amount) if customer else amount
    return Decision(breaches, missing)
