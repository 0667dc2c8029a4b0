"""After-sales class of a ticket: during delivery, in warranty, out of warranty."""

from __future__ import annotations

import calendar
from datetime import date

DELIVERING = "delivering"
IN_WARRANTY = "in_warranty"
OUT_OF_WARRANTY = "out_of_warranty"


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def warranty_end(delivered: date | None, months: int) -> date | None:
    if delivered is None or months <= 0:
        return None
    return add_months(delivered, months)


def after_sales_class(delivered: date | None, months: int, on: date) -> str:
    """交付中 until delivered; 保内 until the warranty ends (that day included); 保外 after."""
    if delivered is None or on < delivered:
        return DELIVERING
    end = warranty_end(delivered, months)
    if end is not None and on <= end:
        return IN_WARRANTY
    return OUT_OF_WARRANTY
