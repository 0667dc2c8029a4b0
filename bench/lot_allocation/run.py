"""Colour-lot allocation benchmark: Odoo-like FIFO, largest-lot greedy, our engine, optimum.

Run: python3 bench/lot_allocation/run.py [--seed 7] [--deliveries 200]

Instances are generated with a fixed seed (lots of 20-2,000 boxes, 3-60 lots per product,
1-20 lines per delivery, demands of 5-800 boxes, some pinned shades). All baselines run on
the same instances in the same process. "fifo" is Odoo's removal order (oldest lot first,
whatever its shade; a line's shipment crosses shades when the oldest lot is short): a pure
re-implementation, not the ORM (see the README line in bench/README.md).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import odoo.addons

ADDONS = str(Path(__file__).resolve().parents[2] / "addons")
if ADDONS not in odoo.addons.__path__:
    odoo.addons.__path__.append(ADDONS)

from odoo.addons.jiancai_lot.engine import (  # noqa: E402
    Demand,
    Lot,
    allocate,
    evaluate,
    exact_allocate,
    greedy_allocate,
)

SHADES = ["A12", "A15", "B07", "C03"]
CALIBERS = ["C1", "C2"]


def instance(rng: random.Random, lines: int, lots_per_product: int, products: int = 2):
    lots, demands = [], []
    lot_id = 1
    for product in range(1, products + 1):
        shades = SHADES[: rng.randint(1, len(SHADES))]
        for _ in range(lots_per_product):
            lots.append(
                Lot(
                    lot_id,
                    product,
                    rng.choice(shades),
                    rng.choice(CALIBERS),
                    "AAA",
                    rng.randint(20, 2000),
                    production_date=date(2026, 1, 1) + timedelta(days=rng.randint(0, 300)),
                    small_threshold=12,
                )
            )
            lot_id += 1
    for k in range(lines):
        product = rng.randint(1, products)
        shade = rng.choice(SHADES) if rng.random() < 0.3 else None
        demands.append(Demand(1000 + k, product, rng.randint(5, 800), shade=shade))
    return lots, demands


def fifo(lots, demands):
    """Oldest lot first per line, shades ignored unless pinned (Odoo's own reservation)."""
    free = {lot.id: lot.qty for lot in lots}
    picks = {}
    ordered = sorted(lots, key=lambda lot: (lot.production_date, lot.id))
    for demand in demands:
        need, line = demand.qty, []
        for lot in ordered:
            if need and demand.accepts(lot) and free[lot.id]:
                take = min(free[lot.id], need)
                free[lot.id] -= take
                need -= take
                line.append((lot.id, take))
        picks[demand.line_id] = line if not need else []
    return picks


def stats(lots, demands, picks):
    """(lot picks, shipped lines, unserved lines, small leftovers created, lines mixing)."""
    by_id = {lot.id: lot for lot in lots}
    used = defaultdict(int)
    pairs = shipped = mixed = 0
    for line in picks.values():
        if not line:
            continue
        shipped += 1
        pairs += len(line)
        mixed += len({by_id[i].group for i, _q in line}) > 1
        for lot_id, qty in line:
            used[lot_id] += qty
    small = sum(
        1
        for lot in lots
        if used[lot.id] and not lot.is_small and 0 < lot.qty - used[lot.id] < lot.small_threshold
    )
    return pairs, shipped, len(demands) - shipped, small, mixed


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--deliveries", type=int, default=200)
    parser.add_argument("--budget", type=float, default=2.0)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    rows = defaultdict(lambda: [0, 0, 0, 0, 0])
    times, times10, proven = [], [], 0
    for _ in range(args.deliveries):
        lots, demands = instance(rng, rng.randint(1, 20), rng.randint(3, 60))
        for name, picks in (
            ("fifo", fifo(lots, demands)),
            ("greedy", {k: v.picks for k, v in greedy_allocate(lots, demands).lines.items()}),
        ):
            for k, value in enumerate(stats(lots, demands, picks)):
                rows[name][k] += value
        start = time.perf_counter()
        result = allocate(lots, demands, time_budget=args.budget)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        if len(demands) == 10:
            times10.append(elapsed)
        proven += result.optimal
        engine_picks = {k: v.picks for k, v in result.lines.items()}
        for k, value in enumerate(stats(lots, demands, engine_picks)):
            rows["engine"][k] += value

    # the exhaustive optimum only on tiny instances, against the engine
    equal, tiny = 0, 60
    for _ in range(tiny):
        lots = [
            Lot(i, 1, rng.choice("AB"), "C1", "AAA", rng.randint(1, 6), small_threshold=2,
                production_date=date(2026, 1, rng.randint(1, 28)))
            for i in range(1, rng.randint(2, 5))
        ]  # fmt: skip
        demands = [Demand(100 + k, 1, rng.randint(1, 5)) for k in range(rng.randint(1, 3))]
        exact = exact_allocate(lots, demands)
        ours = allocate(lots, demands)
        equal += (
            ours.score
            == exact.score
            == evaluate(lots, demands, {k: v.picks for k, v in ours.lines.items()})
        )

    n = args.deliveries
    print(f"{n} deliveries (seed {args.seed}), 2 products each, 3-60 lots/product, 1-20 lines")
    print(f"{'method':8} {'lots/line':>10} {'unserved':>9} {'small leftovers':>16} {'mixing':>7}")
    for name in ("fifo", "greedy", "engine"):
        pairs, shipped, unserved, small, mixed = rows[name]
        print(f"{name:8} {pairs / shipped:10.3f} {unserved:9d} {small:16d} {mixed:7d}")
    fifo_row, eng = rows["fifo"], rows["engine"]
    print(
        f"engine/fifo: lots per line x{(eng[0] / eng[1]) / (fifo_row[0] / fifo_row[1]):.2f}, "
        f"small leftovers x{eng[3] / max(fifo_row[3], 1):.2f}"
    )
    print(f"engine proven optimal on {proven}/{n} deliveries (budget {args.budget}s each)")
    print(f"engine equals the exhaustive optimum on {equal}/{tiny} tiny instances")
    print(
        f"engine time per delivery: p50 {statistics.median(times) * 1000:.0f} ms, "
        f"p99 {pct(times, 0.99) * 1000:.0f} ms; 10-line deliveries: p50 "
        f"{statistics.median(times10) * 1000 if times10 else 0:.0f} ms, p99 "
        f"{pct(times10, 0.99) * 1000 if times10 else 0:.0f} ms ({len(times10)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
