"""Exact reference by exhaustive enumeration, for small instances only (tests, bench)."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

from .allocation import Allocation, Demand, Lot, Score, _finish, candidate_groups, evaluate


def _compositions(total: int, caps: Sequence[int], start: int = 0) -> Iterator[tuple[int, ...]]:
    """Every way of writing ``total`` as a sum of parts with part k in 0..caps[k]."""
    if start == len(caps):
        if total == 0:
            yield ()
        return
    rest_cap = sum(caps[start + 1 :])
    for part in range(max(0, total - rest_cap), min(caps[start], total) + 1):
        for tail in _compositions(total - part, caps, start + 1):
            yield (part, *tail)


def exact_allocate(lots: Sequence[Lot], demands: Sequence[Demand]) -> Allocation:
    """Try every admissible allocation; exponential, keep instances tiny."""
    start = time.perf_counter()
    best: list = [None, None]

    def search(index: int, remaining: dict[int, int], picks: dict[int, list]) -> None:
        if index == len(demands):
            score = evaluate(lots, demands, picks)
            if best[0] is None or score < best[0]:
                best[0], best[1] = score, {k: list(v) for k, v in picks.items()}
            return
        demand = demands[index]
        search(index + 1, remaining, picks)  # unserved
        for members in candidate_groups(demand, lots).values():
            caps = [remaining[lot.id] for lot in members]
            if sum(caps) < demand.qty:
                continue
            for parts in _compositions(demand.qty, caps):
                line = [(lot.id, q) for lot, q in zip(members, parts, strict=True) if q]
                for lot_id, q in line:
                    remaining[lot_id] -= q
                picks[demand.line_id] = line
                search(index + 1, remaining, picks)
                del picks[demand.line_id]
                for lot_id, q in line:
                    remaining[lot_id] += q

    search(0, {lot.id: lot.qty for lot in lots}, {})
    score: Score = best[0]
    return Allocation(
        _finish(lots, demands, best[1]),
        score,
        optimal=True,
        bound=score,
        seconds=time.perf_counter() - start,
        solver="exhaustive",
    )
