"""Colour-lot allocation (自动配色): which lots ship which order lines.

Plain data in, plain data out; no Odoo import. Quantities are whole units (boxes).

A *lot* here is one source of stock: a lot in one location (and package), with what is
still available there. A *demand* is one order line. A line is shipped from one group
(same product, shade, caliber and grade) unless mixing is allowed for it.

Objectives, compared lexicographically (see :class:`Score`):

1. the fewest lines left without a single compatible group that covers them;
2. the fewest (line, lot) pairs, i.e. the fewest lots per line;
3. the fewest small leftover lots created (a lot that was not small and is left with
   0 < remaining < its product's threshold);
4. the fewest already-small lots left over (use small lots up first);
5. the youngest lots touched the least (sum of the touched lots' age ranks, 0 = oldest).

The lines of all products are solved jointly per product (lines of one product compete for
the same lots; products are independent) with OR-Tools CP-SAT. Within the time budget the
result is proven optimal; otherwise the best allocation found is returned with the bound
CP-SAT proved.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

GroupKey = tuple[str, str, str]
MIXED: GroupKey = ("*", "*", "*")


@dataclass(frozen=True)
class Lot:
    id: int
    product: int
    shade: str
    caliber: str
    grade: str
    qty: int
    location: int = 0
    production_date: date | None = None
    small_threshold: int = 0

    @property
    def group(self) -> GroupKey:
        return (self.shade, self.caliber, self.grade)

    @property
    def is_small(self) -> bool:
        return self.qty < self.small_threshold


@dataclass(frozen=True)
class Demand:
    line_id: int
    product: int
    qty: int
    shade: str | None = None
    caliber: str | None = None
    grade: str | None = None
    mixing_allowed: bool = False

    def accepts(self, lot: Lot) -> bool:
        return (
            lot.product == self.product
            and self.shade in (None, lot.shade)
            and self.caliber in (None, lot.caliber)
            and self.grade in (None, lot.grade)
        )


@dataclass(frozen=True, order=True)
class Score:
    unserved: int = 0
    lots: int = 0
    small_created: int = 0
    small_left: int = 0
    newness: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, int, int, int, int]:
        return (self.unserved, self.lots, self.small_created, self.small_left, self.newness)


@dataclass(frozen=True)
class SplitPart:
    group: GroupKey
    picks: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class LineResult:
    line_id: int
    group: GroupKey | None
    picks: tuple[tuple[int, int], ...] = ()
    # when no single group covers the line: the fewest-groups split, to be accepted by a user
    split: tuple[SplitPart, ...] = ()
    shortage: int = 0

    @property
    def served(self) -> bool:
        return self.group is not None


@dataclass
class Allocation:
    lines: dict[int, LineResult]
    score: Score
    optimal: bool
    bound: Score
    seconds: float = 0.0
    solver: str = "cp-sat"
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# scoring (shared by the solver, the greedy baseline, the exact reference and the tests)


def age_ranks(lots: Iterable[Lot]) -> dict[int, int]:
    """0 for the oldest lot of each product, 1 for the next, ... (undated lots last)."""
    by_product: dict[int, list[Lot]] = defaultdict(list)
    for lot in lots:
        by_product[lot.product].append(lot)
    ranks: dict[int, int] = {}
    for product_lots in by_product.values():
        ordered = sorted(product_lots, key=lambda lot: (lot.production_date or date.max, lot.id))
        ranks.update({lot.id: rank for rank, lot in enumerate(ordered)})
    return ranks


def evaluate(
    lots: Sequence[Lot], demands: Sequence[Demand], picks: dict[int, Sequence[tuple[int, int]]]
) -> Score:
    """Score of an allocation given as {line_id: [(lot_id, qty), ...]} (empty = unserved).

    Raises ValueError if the allocation is not admissible (over-allocation, wrong product or
    pin, a line shipped short, or groups mixed on a line that does not allow it).
    """
    by_id = {lot.id: lot for lot in lots}
    used: dict[int, int] = defaultdict(int)
    pairs = 0
    unserved = 0
    for demand in demands:
        line_picks = [(lot_id, qty) for lot_id, qty in picks.get(demand.line_id, ()) if qty]
        if not line_picks:
            unserved += 1
            continue
        groups = set()
        for lot_id, qty in line_picks:
            lot = by_id[lot_id]
            if qty < 0 or not demand.accepts(lot):
                raise ValueError(f"line {demand.line_id}: lot {lot_id} does not fit")
            groups.add(lot.group)
            used[lot_id] += qty
        if len(groups) > 1 and not demand.mixing_allowed:
            raise ValueError(f"line {demand.line_id}: groups mixed")
        if sum(qty for _lot, qty in line_picks) != demand.qty:
            raise ValueError(f"line {demand.line_id}: quantity differs from the demand")
        pairs += len({lot_id for lot_id, _qty in line_picks})
    ranks = age_ranks(lots)
    small_created = small_left = newness = 0
    for lot in lots:
        if used[lot.id] > lot.qty:
            raise ValueError(f"lot {lot.id} over-allocated")
        remaining = lot.qty - used[lot.id]
        if lot.is_small:
            small_left += remaining > 0
        elif used[lot.id] and 0 < remaining < lot.small_threshold:
            small_created += 1
        if used[lot.id]:
            newness += ranks[lot.id]
    return Score(unserved, pairs, small_created, small_left, newness)


def candidate_groups(demand: Demand, lots: Sequence[Lot]) -> dict[GroupKey, list[Lot]]:
    """Compatible groups of a line (all compatible lots as one group if mixing is allowed)."""
    compatible = [lot for lot in lots if demand.accepts(lot) and lot.qty > 0]
    if demand.mixing_allowed:
        return {MIXED: compatible} if compatible else {}
    groups: dict[GroupKey, list[Lot]] = defaultdict(list)
    for lot in compatible:
        groups[lot.group].append(lot)
    return dict(groups)


def propose_split(
    demand: Demand, lots: Sequence[Lot], used: dict[int, int]
) -> tuple[tuple[SplitPart, ...], int]:
    """The fewest groups that together cover the line, from what is left.

    Taking the groups with the most stock first is optimal for the number of groups (any k
    groups hold at most what the k largest hold); inside a group the largest lots go first.
    Returns (parts, shortage); shortage > 0 when even all groups together are not enough.
    """
    groups = []
    for key, members in candidate_groups(demand, lots).items():
        rest = [(lot, lot.qty - used.get(lot.id, 0)) for lot in members]
        rest = [(lot, qty) for lot, qty in rest if qty > 0]
        if rest:
            groups.append((sum(qty for _lot, qty in rest), key, rest))
    groups.sort(key=lambda g: (-g[0], g[1]))
    needed = demand.qty
    parts = []
    for _total, key, rest in groups:
        if needed <= 0:
            break
        picks = []
        for lot, qty in sorted(rest, key=lambda r: (-r[1], r[0].id)):
            if needed <= 0:
                break
            take = min(qty, needed)
            picks.append((lot.id, take))
            needed -= take
        parts.append(SplitPart(key, tuple(picks)))
    return tuple(parts), max(needed, 0)


def _finish(
    lots: Sequence[Lot],
    demands: Sequence[Demand],
    picks: dict[int, list[tuple[int, int]]],
) -> dict[int, LineResult]:
    by_id = {lot.id: lot for lot in lots}
    used: dict[int, int] = defaultdict(int)
    for line_picks in picks.values():
        for lot_id, qty in line_picks:
            used[lot_id] += qty
    results = {}
    for demand in demands:
        line_picks = picks.get(demand.line_id) or []
        if line_picks:
            groups = {by_id[lot_id].group for lot_id, _qty in line_picks}
            group = groups.pop() if len(groups) == 1 else MIXED
            results[demand.line_id] = LineResult(demand.line_id, group, tuple(sorted(line_picks)))
        else:
            split, shortage = propose_split(demand, lots, used)
            results[demand.line_id] = LineResult(demand.line_id, None, (), split, shortage)
    return results


# --------------------------------------------------------------------------------------
# baseline: largest lot first, line by line


def greedy_allocate(lots: Sequence[Lot], demands: Sequence[Demand]) -> Allocation:
    """Each line, biggest first, from the group with the most stock, biggest lots first."""
    start = time.perf_counter()
    used: dict[int, int] = defaultdict(int)
    picks: dict[int, list[tuple[int, int]]] = {}
    for demand in sorted(demands, key=lambda d: (-d.qty, d.line_id)):
        best = None
        for key, members in candidate_groups(demand, lots).items():
            total = sum(lot.qty - used[lot.id] for lot in members)
            if total >= demand.qty and (best is None or total > best[0]):
                best = (total, key, members)
        if best is None:
            continue
        needed = demand.qty
        line_picks = []
        for lot in sorted(best[2], key=lambda lot: (-(lot.qty - used[lot.id]), lot.id)):
            take = min(lot.qty - used[lot.id], needed)
            if take <= 0:
                continue
            line_picks.append((lot.id, take))
            used[lot.id] += take
            needed -= take
            if not needed:
                break
        picks[demand.line_id] = line_picks
    score = evaluate(lots, demands, picks)
    return Allocation(
        _finish(lots, demands, picks),
        score,
        optimal=False,
        bound=Score(),
        seconds=time.perf_counter() - start,
        solver="greedy",
    )


# --------------------------------------------------------------------------------------
# the engine: CP-SAT, one model per product


def allocate(
    lots: Sequence[Lot], demands: Sequence[Demand], time_budget: float = 2.0, workers: int = 1
) -> Allocation:
    """Optimal allocation of ``lots`` to ``demands`` (see the module docstring)."""
    start = time.perf_counter()
    ids = [lot.id for lot in lots]
    if len(set(ids)) != len(ids):
        raise ValueError("lot ids must be unique")
    if any(d.qty <= 0 for d in demands):
        raise ValueError("demand quantities must be positive")
    if any(lot.qty < 0 for lot in lots):
        raise ValueError("lot quantities must not be negative")
    picks: dict[int, list[tuple[int, int]]] = {}
    optimal = True
    bound = Score()
    notes: list[str] = []
    products = sorted({d.product for d in demands})
    deadline = start + time_budget
    for index, product in enumerate(products):
        product_lots = [lot for lot in lots if lot.product == product]
        product_demands = [d for d in demands if d.product == product]
        budget = max((deadline - time.perf_counter()) / (len(products) - index), 0.05)
        product_picks, proven, product_bound = _solve_product(
            product_lots, product_demands, budget, workers
        )
        picks.update(product_picks)
        optimal &= proven
        bound += product_bound
        if not proven:
            notes.append(f"product {product}: time budget reached, best found returned")
    score = evaluate(lots, demands, picks)
    if optimal:
        bound = score
    return Allocation(
        _finish(lots, demands, picks),
        score,
        optimal,
        bound,
        seconds=time.perf_counter() - start,
        notes=notes,
    )


def _weights(maxima: Sequence[int]) -> list[int]:
    """Weights making a weighted sum order like the tuple (each term in 0..maxima[k])."""
    weights = [1] * len(maxima)
    for k in range(len(maxima) - 2, -1, -1):
        weights[k] = weights[k + 1] * (maxima[k + 1] + 1)
    return weights


def _decode(value: int, weights: Sequence[int]) -> Score:
    parts = []
    for weight in weights:
        parts.append(value // weight)
        value -= parts[-1] * weight
    return Score(*parts)


def _solve_product(  # noqa: C901 - one model, built in one place
    lots: Sequence[Lot], demands: Sequence[Demand], budget: float, workers: int
) -> tuple[dict[int, list[tuple[int, int]]], bool, Score]:
    model = cp_model.CpModel()
    ranks = age_ranks(lots)
    by_id = {lot.id: lot for lot in lots}
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    y: dict[tuple[int, int], cp_model.IntVar] = {}
    unserved = []
    pairs_by_lot: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, demand in enumerate(demands):
        groups = {
            key: members
            for key, members in candidate_groups(demand, lots).items()
            if sum(lot.qty for lot in members) >= demand.qty
        }
        u = model.new_bool_var(f"u{i}")
        unserved.append(u)
        z = {key: model.new_bool_var(f"z{i}_{n}") for n, key in enumerate(sorted(groups))}
        model.add(sum(z.values()) + u == 1)
        covering: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for key, members in groups.items():
            for lot in members:
                covering[lot.id].append(z[key])
        line_x = []
        for lot_id, zs in covering.items():
            cap = min(by_id[lot_id].qty, demand.qty)
            xv = model.new_int_var(0, cap, f"x{i}_{lot_id}")
            yv = model.new_bool_var(f"y{i}_{lot_id}")
            model.add(xv <= cap * yv)
            model.add(xv >= yv)
            model.add(yv <= sum(zs))
            x[i, lot_id], y[i, lot_id] = xv, yv
            pairs_by_lot[lot_id].append((i, lot_id))
            line_x.append(xv)
        model.add(sum(line_x) + demand.qty * u == demand.qty)
    small_created = []
    small_left = []
    newness = []
    for lot_id, keys in pairs_by_lot.items():
        lot = by_id[lot_id]
        used = sum(x[k] for k in keys)
        model.add(used <= lot.qty)
        touched = model.new_bool_var(f"t{lot_id}")
        for k in keys:
            model.add_implication(y[k], touched)
        model.add(sum(y[k] for k in keys) >= touched)
        emptied = model.new_bool_var(f"e{lot_id}")
        model.add(used == lot.qty).only_enforce_if(emptied)
        if lot.is_small:
            small_left.append(emptied.Not())
        elif lot.small_threshold > 0:
            small = model.new_bool_var(f"s{lot_id}")
            model.add(lot.qty - used >= lot.small_threshold).only_enforce_if(
                [emptied.Not(), small.Not()]
            )
            small_created.append(small)
        if ranks[lot_id]:
            newness.append((ranks[lot_id], touched))
    fixed_small_left = sum(1 for lot in lots if lot.is_small and lot.id not in pairs_by_lot)
    maxima = [
        len(demands),
        len(y),
        len(small_created),
        len(small_left),
        sum(rank for rank, _t in newness),
    ]
    weights = _weights(maxima)
    terms = [
        sum(unserved),
        sum(y.values()),
        sum(small_created),
        sum(small_left),
        sum(rank * t for rank, t in newness),
    ]
    model.minimize(sum(w * t for w, t in zip(weights, terms, strict=True)))
    greedy = _hint_with_greedy(model, lots, demands, x, y, unserved)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = budget
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 7
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        values = {key: solver.value(xv) for key, xv in x.items()}
        bound = _decode(int(solver.best_objective_bound + 1e-6), weights)
    else:  # no solution within the budget: the greedy one, with the trivial bound
        values, bound = greedy, Score()
    bound = Score(*bound.as_tuple()[:3], bound.small_left + fixed_small_left, bound.newness)
    proven = status == cp_model.OPTIMAL
    picks: dict[int, list[tuple[int, int]]] = {}
    for (i, lot_id), qty in values.items():
        if qty:
            picks.setdefault(demands[i].line_id, []).append((lot_id, qty))
    return picks, proven, bound


def _hint_with_greedy(model, lots, demands, x, y, unserved) -> dict[tuple[int, int], int]:
    """Start the search from the greedy allocation (always admissible); return it."""
    greedy = greedy_allocate(lots, demands)
    index = {d.line_id: i for i, d in enumerate(demands)}
    chosen = {}
    for line in greedy.lines.values():
        for lot_id, qty in line.picks:
            chosen[index[line.line_id], lot_id] = qty
    for key, xv in x.items():
        model.add_hint(xv, chosen.get(key, 0))
        model.add_hint(y[key], 1 if chosen.get(key) else 0)
    for i, demand in enumerate(demands):
        model.add_hint(unserved[i], 0 if greedy.lines[demand.line_id].served else 1)
    return {key: chosen.get(key, 0) for key in x}
