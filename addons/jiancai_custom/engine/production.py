"""Where a made-to-measure item stands at the factory; it only ever moves forward."""

from __future__ import annotations

from datetime import date, timedelta

STATES = ("waiting", "accepted", "in_production", "ready", "shipped")
MAX_READY_DAYS = 365


class TransitionError(ValueError):
    """A refused status change; ``code``: unknown, same, backwards, stale, date_past,
    date_far, date_needed."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def rank(state: str | None) -> int:
    if not state:
        return 0
    if state not in STATES:
        raise TransitionError("unknown")
    return STATES.index(state)


def next_states(current: str | None) -> tuple[str, ...]:
    """The states the factory may choose from ``current`` (skipping ahead is allowed)."""
    return STATES[rank(current) + 1 :]


def check_transition(
    current: str | None,
    new: str,
    expected: str | None = None,
    ready_date: date | None = None,
    today: date | None = None,
) -> None:
    """Raise :class:`TransitionError` unless ``current`` may become ``new``.

    ``expected`` is the state the person saw when they chose ``new`` (another tab or a
    colleague may have moved the line meanwhile: ``stale``). Promising a ready date is
    needed until the goods are ready; it cannot be in the past nor over a year away.
    """
    if new not in STATES:
        raise TransitionError("unknown")
    current = current or "waiting"
    if expected is not None and (expected or "waiting") != current:
        raise TransitionError("stale")
    if new == current:
        raise TransitionError("same")
    if rank(new) < rank(current):
        raise TransitionError("backwards")
    if today is not None:
        check_ready_date(new, ready_date, today)


def check_ready_date(state: str, ready_date: date | None, today: date) -> None:
    if ready_date is None:
        if rank(state) < rank("ready"):
            raise TransitionError("date_needed")
        return
    if ready_date < today and rank(state) < rank("ready"):
        raise TransitionError("date_past")
    if ready_date > today + timedelta(days=MAX_READY_DAYS):
        raise TransitionError("date_far")


def is_late(state: str | None, ready_date: date | None, today: date) -> bool:
    """Promised for a day already gone and not ready yet."""
    return bool(ready_date) and ready_date < today and rank(state) < rank("ready")
