"""Colour-lot allocation benchmark: Odoo's FIFO (real ORM), largest-lot greedy, our engine,
the CP-SAT model alone, and the proven optimum, on the same seeded instances.

Run (see bench/README.md; nothing is committed to the database):

    odoo -c odoo.conf -d jct_lot_bench -i stock --stop-after-init   # once
    python3 bench/lot_allocation/run.py -d jct_lot_bench [--seed 7] [--deliveries 200]

Instances are generated with a fixed seed (lots of 20-2,000 boxes, 3-60 lots per product,
1-20 lines per delivery, demands of 5-800 boxes, some pinned shades; a small leftover is
below 12, 24 or 40 boxes depending on the product). "odoo fifo" is
Odoo 19's own reservation: products, lots and quants (in_date = production date) are
created on the database, one delivery per instance is confirmed and ``action_assign``-ed,
and the move lines' lots are read back. Plain Odoo knows no shade, so a line may cross
shades or miss the customer's pinned shade (column "wrong"). "optimum" is the CP-SAT
model with a long budget, counted only where it proves optimality; a second set of
deliveries of exactly 10 lines measures the p99 target.

The hard profile: deliveries of 9-12 lines of one product on 3-60 lots, generated with
the seed and kept only where largest-lot-first greedy is not optimal or stock is short
(some line has no group that covers it, or the lines want more than the product has).
On it the engine and the CP-SAT model alone are timed (wall clock and CPU time of this
process) with their work counts (search nodes and CP-SAT branches: they depend only on
the input), then the engine runs again while CPU burners (one process per core) load the
machine: its allocations and work counts must be identical.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

import odoo.addons

ADDONS = str(Path(__file__).resolve().parents[2] / "addons")
if ADDONS not in odoo.addons.__path__:
    odoo.addons.__path__.append(ADDONS)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_fifo import OdooFifo  # noqa: E402

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
        threshold = rng.choice((12, 24, 40))  # boxes: about one carton layer
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
                    small_threshold=threshold,
                )
            )
            lot_id += 1
    for k in range(lines):
        product = rng.randint(1, products)
        shade = rng.choice(SHADES) if rng.random() < 0.3 else None
        demands.append(Demand(1000 + k, product, rng.randint(5, 800), shade=shade))
    return lots, demands


def stats(lots, demands, picks):
    """(lot picks, shipped lines, unserved, small leftovers created, lines mixing, wrong)."""
    by_id = {lot.id: lot for lot in lots}
    used = defaultdict(int)
    pairs = shipped = mixed = wrong = 0
    for demand in demands:
        line = picks.get(demand.line_id) or []
        if not line:
            continue
        shipped += 1
        pairs += len(line)
        mixed += len({by_id[i].group for i, _q in line}) > 1
        wrong += any(not demand.accepts(by_id[i]) for i, _q in line)
        for lot_id, qty in line:
            used[lot_id] += qty
    small = sum(
        1
        for lot in lots
        if used[lot.id] and not lot.is_small and 0 < lot.qty - used[lot.id] < lot.small_threshold
    )
    return [pairs, shipped, len(demands) - shipped, small, mixed, wrong]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else 0.0


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def clocked(function, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start, time.process_time() - cpu


def ms(values):
    return f"p50 {statistics.median(values) * 1000:7.1f} ms, p99 {pct(values, 0.99) * 1000:7.1f} ms"


def counts(values):
    median, p99 = statistics.median(values), pct(values, 0.99)
    return f"p50 {median:7.0f}, p99 {p99:7.0f}, max {max(values):7.0f}"


def short_stock(lots, demands) -> bool:
    """Some line has no group that covers it, or a product's lines want more than it has."""
    for demand in demands:
        groups = defaultdict(int)
        for lot in lots:
            if demand.accepts(lot):
                groups[lot.group] += lot.qty
        if max(groups.values(), default=0) < demand.qty:
            return True
    wanted, stock = defaultdict(int), defaultdict(int)
    for demand in demands:
        wanted[demand.product] += demand.qty
    for lot in lots:
        stock[lot.product] += lot.qty
    return any(qty > stock[product] for product, qty in wanted.items())


def hard_profile(seed: int, count: int, budget: float):
    """(instances, generated, greedy not optimal, short): 9-12 lines of one product on
    3-60 lots, kept where greedy is not optimal beyond age, or not optimal and stock is
    short."""
    rng = random.Random(f"hard-{seed}")
    kept, generated, greedy_worse, short = [], 0, 0, 0
    while len(kept) < count:
        lots, demands = instance(rng, rng.randint(9, 12), rng.randint(3, 60), products=1)
        generated += 1
        # greedy ignores age, so it is nearly always worse: keep the deliveries where it is
        # worse beyond age, or worse and short of stock
        greedy = greedy_allocate(lots, demands).score.as_tuple()
        # a generous safety net: the selection must not depend on the machine's load
        best = allocate(lots, demands, max(budget, 60.0)).score.as_tuple()
        worse = greedy[:4] > best[:4]
        lacking = short_stock(lots, demands) and greedy > best
        if worse or lacking:
            kept.append((lots, demands))
            greedy_worse += worse
            short += lacking
    return kept, generated, greedy_worse, short


def _burn() -> None:  # pragma: no cover - runs in a child process until terminated
    while True:
        pass


def picks_of(result):
    return {k: (v.group, v.picks, v.split) for k, v in result.lines.items()}


def run_hard(args) -> None:  # noqa: C901 - one report
    hard, generated, greedy_worse, short = hard_profile(args.seed, args.hard, args.budget)
    engine = {"wall": [], "cpu": [], "work": [], "picks": []}
    model = {"wall": [], "cpu": [], "work": []}
    proven = {"engine": 0, "cp-sat": 0}
    fired = same_score = 0
    for lots, demands in hard:
        ours, wall, cpu = clocked(allocate, lots, demands, time_budget=args.budget)
        engine["wall"].append(wall)
        engine["cpu"].append(cpu)
        engine["work"].append(ours.work)
        engine["picks"].append(picks_of(ours))
        proven["engine"] += ours.optimal
        fired += ours.timed_out
        alone, wall, cpu = clocked(
            allocate, lots, demands, time_budget=args.budget, method="cp-sat"
        )
        model["wall"].append(wall)
        model["cpu"].append(cpu)
        model["work"].append(alone.work)
        proven["cp-sat"] += alone.optimal
        same_score += alone.optimal and ours.optimal and alone.score == ours.score
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(args.burners)]
    for burner in burners:
        burner.start()
    loaded = {"wall": [], "cpu": []}
    same_picks = same_work = loaded_fired = 0
    try:
        for (lots, demands), picks, work in zip(hard, engine["picks"], engine["work"], strict=True):
            again, wall, cpu = clocked(allocate, lots, demands, time_budget=args.budget)
            loaded["wall"].append(wall)
            loaded["cpu"].append(cpu)
            same_picks += picks_of(again) == picks
            same_work += again.work == work
            loaded_fired += again.timed_out
    finally:
        for burner in burners:
            burner.terminate()
            burner.join()
    n = len(hard)
    print(
        f"hard profile: {n} deliveries of 9-12 lines, one product, 3-60 lots, kept from "
        f"{generated} generated (seed {args.seed}): greedy not optimal (beyond age) on "
        f"{greedy_worse}, greedy not optimal and stock short on {short}"
    )
    print(
        f"  engine        wall {ms(engine['wall'])}; CPU {ms(engine['cpu'])}; proven "
        f"{proven['engine']}/{n}; safety net fired {fired}"
    )
    print(f"                work {counts(engine['work'])} (search nodes + CP-SAT branches)")
    print(
        f"  CP-SAT alone  wall {ms(model['wall'])}; CPU {ms(model['cpu'])}; proven "
        f"{proven['cp-sat']}/{n}; same optimum as the engine on {same_score}/{n}"
    )
    print(f"                work {counts(model['work'])} (CP-SAT branches)")
    ratio_cpu = pct(model["cpu"], 0.99) / max(pct(engine["cpu"], 0.99), 1e-9)
    ratio_wall = pct(model["wall"], 0.99) / max(pct(engine["wall"], 0.99), 1e-9)
    print(f"  p99 CP-SAT alone / engine: x{ratio_cpu:.1f} (CPU), x{ratio_wall:.1f} (wall)")
    print(
        f"  again with {args.burners} CPU burner(s) running (load {os.getloadavg()[0]:.1f} "
        f"before they stopped): wall {ms(loaded['wall'])}, CPU {ms(loaded['cpu'])}; "
        f"identical allocations {same_picks}/{n}, identical work counts {same_work}/{n}, "
        f"safety net fired {loaded_fired}"
    )


def main() -> int:  # noqa: C901 - one report
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--database", help="a database with stock")
    parser.add_argument("-c", "--config", default="odoo.conf")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--deliveries", type=int, default=200)
    parser.add_argument("--deliveries10", type=int, default=200)
    parser.add_argument("--budget", type=float, default=2.0, help="safety net, seconds")
    parser.add_argument("--hard", type=int, default=200, help="hard-profile deliveries")
    parser.add_argument("--burners", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--hard-only", action="store_true", help="skip Odoo and typical")
    args = parser.parse_args()
    if args.hard_only:
        run_hard(args)
        return 0
    if not args.database:
        parser.error("-d/--database is required (a database with stock), or --hard-only")
    rng = random.Random(args.seed)
    instances = [
        instance(rng, rng.randint(1, 20), rng.randint(3, 60)) for _ in range(args.deliveries)
    ]
    tens = [instance(rng, 10, rng.randint(3, 60)) for _ in range(args.deliveries10)]

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    fifo_picks, fifo_times = [], []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        odoo_fifo = OdooFifo(env)
        for lots, demands in instances:
            picks, seconds = timed(odoo_fifo.allocate, lots, demands)
            fifo_picks.append(picks)
            fifo_times.append(seconds)
        cr.rollback()

    rows = defaultdict(lambda: [0] * 6)
    times = {"engine": [], "cp-sat": []}
    cpu = {"engine": [], "cp-sat": []}
    work = {"engine": [], "cp-sat": []}
    proven = {"engine": 0, "cp-sat": 0}
    equal = optimum_known = 0
    for (lots, demands), fifo in zip(instances, fifo_picks, strict=True):
        greedy = greedy_allocate(lots, demands)
        ours, t_ours, c_ours = clocked(allocate, lots, demands, time_budget=args.budget)
        model, t_model, c_model = clocked(
            allocate, lots, demands, time_budget=args.budget, method="cp-sat"
        )
        cpu["engine"].append(c_ours)
        cpu["cp-sat"].append(c_model)
        work["engine"].append(ours.work)
        work["cp-sat"].append(model.work)
        optimum = model if model.optimal else allocate(lots, demands, 60, method="cp-sat")
        times["engine"].append(t_ours)
        times["cp-sat"].append(t_model)
        proven["engine"] += ours.optimal
        proven["cp-sat"] += model.optimal
        if optimum.optimal:
            optimum_known += 1
            equal += ours.score == optimum.score
        for name, picks in (
            ("odoo fifo", fifo),
            ("greedy", {k: v.picks for k, v in greedy.lines.items()}),
            ("engine", {k: v.picks for k, v in ours.lines.items()}),
            ("optimum", {k: v.picks for k, v in optimum.lines.items()}),
        ):
            for k, value in enumerate(stats(lots, demands, picks)):
                rows[name][k] += value

    times10 = {"engine": [], "cp-sat": []}
    cpu10 = {"engine": [], "cp-sat": []}
    work10 = []
    equal10 = 0
    for lots, demands in tens:
        ours, t_ours, c_ours = clocked(allocate, lots, demands, time_budget=args.budget)
        model, t_model, c_model = clocked(
            allocate, lots, demands, time_budget=args.budget, method="cp-sat"
        )
        times10["engine"].append(t_ours)
        times10["cp-sat"].append(t_model)
        cpu10["engine"].append(c_ours)
        cpu10["cp-sat"].append(c_model)
        work10.append(ours.work)
        equal10 += model.optimal and ours.optimal and ours.score == model.score

    # the exhaustive optimum on tiny instances, against the engine
    tiny_equal, tiny = 0, 60
    for _ in range(tiny):
        lots = [
            Lot(i, 1, rng.choice("AB"), "C1", "AAA", rng.randint(1, 6), small_threshold=2,
                production_date=date(2026, 1, rng.randint(1, 28)))
            for i in range(1, rng.randint(2, 5))
        ]  # fmt: skip
        demands = [Demand(100 + k, 1, rng.randint(1, 5)) for k in range(rng.randint(1, 3))]
        exact = exact_allocate(lots, demands)
        ours = allocate(lots, demands)
        tiny_equal += (
            ours.score
            == exact.score
            == evaluate(lots, demands, {k: v.picks for k, v in ours.lines.items()})
        )

    n = args.deliveries
    print(f"{n} deliveries (seed {args.seed}), 2 products each, 3-60 lots/product, 1-20 lines")
    print(
        f"{'method':10} {'lots/line':>10} {'unserved':>9} {'small leftovers':>16} "
        f"{'mixing':>7} {'wrong':>6}"
    )
    for name in ("odoo fifo", "greedy", "engine", "optimum"):
        pairs, shipped, unserved, small, mixed, wrong = rows[name]
        print(
            f"{name:10} {pairs / max(shipped, 1):10.3f} {unserved:9d} {small:16d} "
            f"{mixed:7d} {wrong:6d}"
        )
    base, eng = rows["odoo fifo"], rows["engine"]
    print(
        f"engine/odoo fifo: lots per line x{(eng[0] / eng[1]) / (base[0] / base[1]):.2f}, "
        f"small leftovers x{eng[3] / max(base[3], 1):.2f} ({eng[3]} vs {base[3]}), "
        f"lines mixing shades {eng[4]} vs {base[4]}, wrong shade {eng[5]} vs {base[5]}"
    )
    print(
        f"engine equals the proven optimum on {equal}/{optimum_known} deliveries "
        f"({100 * equal / max(optimum_known, 1):.1f}%); proven optimal by the engine "
        f"{proven['engine']}/{n}, by the CP-SAT model alone {proven['cp-sat']}/{n} "
        f"(budget {args.budget}s)"
    )
    print(f"engine equals the exhaustive optimum on {tiny_equal}/{tiny} tiny instances")
    print(f"time per delivery, all sizes: engine {ms(times['engine'])} (CPU {ms(cpu['engine'])})")
    print(f"  CP-SAT model {ms(times['cp-sat'])} (CPU {ms(cpu['cp-sat'])})")
    print(f"  work: engine {counts(work['engine'])}; CP-SAT model {counts(work['cp-sat'])}")
    print(f"  odoo fifo (ORM, incl. setup) {ms(fifo_times)}")
    m = len(tens)
    print(
        f"{m} deliveries of 10 lines: engine {ms(times10['engine'])} (CPU "
        f"{ms(cpu10['engine'])}); CP-SAT model {ms(times10['cp-sat'])} (CPU "
        f"{ms(cpu10['cp-sat'])}); same proven optimum on {equal10}/{m}; engine work "
        f"{counts(work10)}"
    )
    ratio = pct(times10["cp-sat"], 0.99) / max(pct(times10["engine"], 0.99), 1e-9)
    ratio_cpu = pct(cpu10["cp-sat"], 0.99) / max(pct(cpu10["engine"], 0.99), 1e-9)
    print(f"p99 on 10 lines: CP-SAT model / engine x{ratio:.1f} (wall), x{ratio_cpu:.1f} (CPU)")
    run_hard(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
