"""Tomorrow's plan as typed on a phone (one item a line), how much of it was done, and the
local day a report belongs to."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MAX_ITEMS = 20
MAX_ITEM_CHARS = 200
MAX_TEXT_CHARS = 4000
# list markers people type in front of items: 1. 1、 1) (1) ① - * • · (not 1.5 or 10:30)
_MARKER = re.compile(r"^\s*(?:[-*•·]|\(?\d{1,2}[.)、](?!\d)|\(\d{1,2}\))\s*")
_CIRCLED = re.compile(r"^\s*[\u2460-\u2473]\s*")
_SPACES = re.compile(r"\s+")


class PlanError(ValueError):
    """The plan cannot be taken: ``code`` is ``too_many`` or ``too_long`` (``limit`` holds the
    bound), so the caller words the refusal in the user's language."""

    def __init__(self, code: str, limit: int):
        super().__init__(f"{code} ({limit})")
        self.code = code
        self.limit = limit


def plan_items(text: str | None) -> list[str]:
    """The items of a plan typed one a line, cleaned: list markers (1. 1、 ① - •) and
    repeated spaces go, blank lines and repeats (after NFKC folding of full-width forms)
    are dropped, the order is kept. More than :data:`MAX_ITEMS` items or an item over
    :data:`MAX_ITEM_CHARS` characters is refused with :class:`PlanError`.
    """
    if not text:
        return []
    items: list[str] = []
    seen: set[str] = set()
    for raw in str(text).splitlines():
        # circled numbers (①) first: NFKC would fold them into plain digits
        line = unicodedata.normalize("NFKC", _CIRCLED.sub("", raw, count=1))
        line = "".join(ch for ch in line if unicodedata.category(ch)[0] != "C")
        line = _SPACES.sub(" ", _MARKER.sub("", line, count=1)).strip()
        if not line:
            continue
        if len(line) > MAX_ITEM_CHARS:
            raise PlanError("too_long", MAX_ITEM_CHARS)
        key = line.casefold()
        if key in seen:
            continue
        seen.add(key)
        items.append(line)
        if len(items) > MAX_ITEMS:
            raise PlanError("too_many", MAX_ITEMS)
    return items


def completion(done: int, planned: int) -> float:
    """Share of the planned items done, in percent (100 when nothing was planned)."""
    if planned < 0 or done < 0 or done > planned:
        raise ValueError(f"{done} done of {planned} planned")
    if planned == 0:
        return 100.0
    return round(100.0 * done / planned, 1)


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def report_day(moment_utc: datetime, tz: str | None) -> date:
    """The local day a report written at ``moment_utc`` (naive UTC) is about."""
    return moment_utc.replace(tzinfo=ZoneInfo("UTC")).astimezone(_zone(tz)).date()


def day_window_utc(day: date, tz: str | None) -> tuple[datetime, datetime]:
    """Naive UTC bounds ``[start, end)`` of the local ``day``: the documents a report counts."""
    zone = _zone(tz)
    utc = ZoneInfo("UTC")
    start = datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(utc).replace(tzinfo=None)
    nxt = day + timedelta(days=1)
    end = datetime.combine(nxt, time(0, 0), tzinfo=zone).astimezone(utc).replace(tzinfo=None)
    return start, end
