"""Breaches of a rule: dedup keys and which found breaches are new.

A breach is identified by the rule and a key: the document for rules on documents
(one violation per late order, whatever the number of runs), the person or store and
the local day for daily rules (one violation per person and missed day).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


class BreachKeyError(ValueError):
    """A key part that is empty or not a positive id."""


def _check_id(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise BreachKeyError("ids in keys are positive integers")
    return value


def document_key(model: str, res_id: int) -> str:
    """Key of a breach by one document: ``doc:sale.order:42``."""
    if not model or any(ch.isspace() or ch == ":" for ch in model):
        raise BreachKeyError("a model name has no spaces nor colons")
    return f"doc:{model}:{_check_id(res_id)}"


def daily_key(subject: str, subject_id: int, day: date) -> str:
    """Key of a missed daily deadline: ``day:user:7:2026-12-06``."""
    if subject not in ("user", "store"):
        raise BreachKeyError("a daily subject is a user or a store")
    return f"day:{subject}:{_check_id(subject_id)}:{day.isoformat()}"


@dataclass(frozen=True)
class Breach:
    """One breach found by a run: who answers for it and about what."""

    key: str
    user_id: int
    store_id: int | None = None
    res_model: str | None = None
    res_id: int | None = None


def new_breaches(found: Iterable[Breach], known_keys: Iterable[str]) -> list[Breach]:
    """The breaches not recorded yet, once each, in the order found.

    ``known_keys`` are the keys of the rule's existing violations. A breach without a
    person is dropped: a violation is always charged to someone.
    """
    seen = set(known_keys)
    result = []
    for breach in found:
        if breach.key in seen or not breach.user_id:
            continue
        seen.add(breach.key)
        result.append(breach)
    return result
