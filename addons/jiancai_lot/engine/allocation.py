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

Products are independent; the lines of one product compete for the same lots and are solved
together. :func:`allocate` first bounds the lots per line, then splits the product into
independent components and proves most of them by exact search (see "decomposition"
below); when the lines compete so much that the bound cannot be reached, it proves the
fewest unserved lines and the next lot count by search too, calling OR-Tools CP-SAT only
where those searches do not finish quickly.

The result depends only on the input. The work is bounded by counts, not seconds: the
exact search by a number of nodes (:data:`SEARCH_NODE_LIMIT`), CP-SAT by its deterministic
time (:data:`CP_SAT_DETERMINISTIC_LIMIT`) with one worker and a fixed seed. Within those
limits the result is proven optimal; otherwise the best allocation found is returned with
the bound proved (``Allocation.optimal`` / ``Allocation.bound``), the same on every run.
The wall-clock ``time_budget`` is only a safety net for a machine far slower (or busier)
than the limits were sized for; when it fires, ``Allocation.timed_out`` says so, and only
then may a run differ from another. ``Allocation.work`` counts the work done (search
nodes and CP-SAT branches): identical across runs of the same input.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate, combinations
from math import comb

from ortools.sat.python import cp_model

GroupKey = tuple[str, str, str]

# Deterministic work limits, per search and per CP-SAT model: 20,000 line-search nodes
# take about 0.5 s of CPU, 0.5 deterministic seconds of CP-SAT 1 to 2.5 s on the bench
# machine, so a component that reaches them stays near the default 2 s safety net.
SEARCH_NODE_LIMIT = 20_000
CP_SAT_DETERMINISTIC_LIMIT = 0.5
CP_SAT_SEED = 7
PROBE_NODES = 200  # the first, short, line search of a one-lot-per-line component
AGE_NODE_LIMIT = 8_000  # the age proof over sets of lots, before the level search tries
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
    # the wall-clock safety net fired: the result may differ from another run's
    timed_out: bool = False
    # search nodes + CP-SAT branches: depends only on the input (unless timed_out)
    work: int = 0
    # not proven optimal because a deterministic work limit stopped the search (the result
    # is then still the same on every run)
    work_limited: bool = False


class _Budget:
    """Deterministic work limits, and the wall-clock safety net (which is reported)."""

    def __init__(
        self, seconds: float, nodes: int, deterministic_time: float, probe: int = PROBE_NODES
    ) -> None:
        self.deadline = time.perf_counter() + seconds
        self.nodes = nodes
        self.probe = probe
        self.deterministic_time = deterministic_time
        self.work = 0
        self.timed_out = False

    def clock_fired(self) -> bool:
        if time.perf_counter() > self.deadline:
            self.timed_out = True
        return self.timed_out

    def cp_solver(self) -> cp_model.CpSolver:
        """One worker, a fixed seed, deterministic time; wall-clock as the safety net."""
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = CP_SAT_SEED
        solver.parameters.max_deterministic_time = self.deterministic_time
        solver.parameters.max_time_in_seconds = max(self.deadline - time.perf_counter(), 1e-3)
        return solver

    def solved(self, solver: cp_model.CpSolver, status) -> None:
        """Count the branches; note if the clock, not the work limit, stopped CP-SAT."""
        self.work += solver.num_branches
        if status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
            if solver.deterministic_time < self.deterministic_time * 0.999:
                self.timed_out = True


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
            if not shortage:  # the next proposal takes what is left after this one
                for part in split:
                    for lot_id, qty in part.picks:
                        used[lot_id] += qty
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
# the engine


def allocate(
    lots: Sequence[Lot],
    demands: Sequence[Demand],
    time_budget: float = 2.0,
    method: str = "auto",
    node_limit: int = SEARCH_NODE_LIMIT,
    deterministic_limit: float = CP_SAT_DETERMINISTIC_LIMIT,
    probe_limit: int = PROBE_NODES,
) -> Allocation:
    """Optimal allocation of ``lots`` to ``demands`` (see the module docstring).

    ``node_limit`` (search nodes) and ``deterministic_limit`` (CP-SAT deterministic
    seconds) bound the work of each search and each model; ``time_budget`` (seconds) is
    the wall-clock safety net over the whole call, reported by ``timed_out``.
    ``probe_limit`` is the size of the first, short, search of lines that each ship from
    one lot, before its age is proven over sets of lots (tests lower it to reach that
    proof on small instances).

    ``method="auto"`` (the default) decomposes the problem and proves most components by a
    bound and an exact search, calling CP-SAT only on the components that need it;
    ``method="cp-sat"`` solves one CP-SAT model per product (kept for the bench).
    """
    start = time.perf_counter()
    ids = [lot.id for lot in lots]
    if len(set(ids)) != len(ids):
        raise ValueError("lot ids must be unique")
    if any(d.qty <= 0 for d in demands):
        raise ValueError("demand quantities must be positive")
    if any(lot.qty < 0 for lot in lots):
        raise ValueError("lot quantities must not be negative")
    if method not in ("auto", "cp-sat"):
        raise ValueError(f"unknown method {method!r}")
    picks: dict[int, list[tuple[int, int]]] = {}
    optimal = True
    bound = Score()
    notes: list[str] = []
    products = sorted({d.product for d in demands})
    budget = _Budget(time_budget, node_limit, deterministic_limit, probe_limit)
    solver_names = set()
    for product in products:
        product_lots = tuple(lot for lot in lots if lot.product == product)
        product_demands = tuple(d for d in demands if d.product == product)
        timed_out = budget.timed_out
        if method == "auto":
            product_picks, proven, product_bound, used = _solve_decomposed(
                product_lots, product_demands, budget
            )
        else:
            product_picks, proven, product_bound = _solve_product(
                product_lots, product_demands, budget
            )
            used = "cp-sat"
        solver_names.update(used.split("+"))
        picks.update(product_picks)
        optimal &= proven
        bound += product_bound
        if not proven:
            limit = "time safety net" if budget.timed_out > timed_out else "work limit"
            notes.append(f"product {product}: {limit} reached, best found returned")
    score = evaluate(lots, demands, picks)
    if optimal:
        bound = score
    return Allocation(
        _finish(lots, demands, picks),
        score,
        optimal,
        bound,
        seconds=time.perf_counter() - start,
        solver="+".join(sorted(solver_names)) or "none",
        notes=notes,
        timed_out=budget.timed_out,
        work=budget.work,
        work_limited=not optimal and not budget.timed_out,
    )


# --------------------------------------------------------------------------------------
# decomposition: bound, exact search per component, CP-SAT only where needed
#
# Lower bound: a line needs at least k_i lots, k_i = the fewest lots of one compatible group
# that cover it (the k largest lots of that group), and a line no group covers alone stays
# unserved. When an allocation reaches (unserved, lots) = (that count, sum of k_i), every
# line uses exactly k_i lots of a group where k_i lots suffice, and only lots that can be
# one of k_i covering lots; the rest of the score (small leftovers, age) is then optimised
# inside that restriction. Lines that share no such lot are independent components. A
# component of one line is solved exactly by enumerating its k_i-lot covers (a cover of
# minimum size leaves less than any of its lots, so the leftover fits in one lot, and
# where it is left decides the small leftover terms). A component of lines that each ship
# from one lot: a short line search (PROBE_NODES, then ten times longer) gives an
# incumbent; when it creates no small leftover and uses up every small lot that can be
# used up, only its age is left to improve, and that is proven over sets of lots,
# youngest first (_prove_age); otherwise the line search runs to its node limit. A line
# bound to the only two lots of its only option, which then keep less than any other
# line fitting them could take, is settled alone first (_take_forced_pairs). Other
# components go to CP-SAT, restricted the same way (hinted with the search's best). If
# the restriction is infeasible (the lines compete so much that the bound cannot be
# reached), the fewest unserved lines and the levels above the bound are searched
# exactly (_min_unserved, _solve_levels, below); only beyond them is the product solved
# by the full CP-SAT model.


@dataclass(frozen=True)
class _Option:
    """Where one line may be served under the bound: a group and its usable lots."""

    group: GroupKey
    lots: tuple[Lot, ...]


@dataclass(frozen=True)
class _LinePlan:
    demand: Demand
    k: int
    options: tuple[_Option, ...]

    @property
    def lot_ids(self) -> frozenset[int]:
        return frozenset(lot.id for option in self.options for lot in option.lots)


def _cover_size(qty: int, sizes: Sequence[int]) -> int | None:
    """The fewest of ``sizes`` that together reach ``qty`` (None if all do not)."""
    total = 0
    for count, size in enumerate(sorted(sizes, reverse=True), start=1):
        total += size
        if total >= qty:
            return count
    return None


def _line_plan(demand: Demand, lots: Sequence[Lot]) -> _LinePlan | None:
    sized = []
    for key, members in candidate_groups(demand, lots).items():
        k = _cover_size(demand.qty, [lot.qty for lot in members])
        if k is not None:
            sized.append((k, key, members))
    if not sized:
        return None
    k = min(size for size, _key, _members in sized)
    options = []
    for size, key, members in sorted(sized, key=lambda s: s[1]):
        if size != k:
            continue
        ordered = sorted(members, key=lambda lot: (-lot.qty, lot.id))
        # a lot can be one of k covering lots only with the k - 1 largest others
        top = sum(lot.qty for lot in ordered[: k - 1])
        kth = ordered[k - 1].qty if len(ordered) >= k else 0
        usable = [
            lot
            for n, lot in enumerate(ordered)
            if lot.qty + (top - lot.qty + kth if n < k - 1 else top) >= demand.qty
        ]
        options.append(_Option(key, tuple(usable)))
    return _LinePlan(demand, k, tuple(options))


def _components(plans: Sequence[_LinePlan]) -> list[list[_LinePlan]]:
    """Lines that share a usable lot, transitively."""
    parent = list(range(len(plans)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for i, plan in enumerate(plans):
        for lot_id in plan.lot_ids:
            if lot_id in owner:
                parent[find(i)] = find(owner[lot_id])
            else:
                owner[lot_id] = i
    groups: dict[int, list[_LinePlan]] = defaultdict(list)
    for i, plan in enumerate(plans):
        groups[find(i)].append(plan)
    return list(groups.values())


_SINGLE_LINE_LIMIT = 20_000  # covers enumerated for one line before CP-SAT takes over


def _solve_single_line(plan: _LinePlan, ranks: dict[int, int]) -> list[tuple[int, int]] | None:
    """Exact optimum of one line alone under the bound (None if too many covers)."""
    options = [(option, len(option.lots)) for option in plan.options]
    if sum(comb(n, plan.k) for _option, n in options) > _SINGLE_LINE_LIMIT:
        return None
    qty = plan.demand.qty
    best_key = None
    best: list[tuple[int, int]] = []
    for option, _n in options:
        for cover in combinations(option.lots, plan.k):
            leftover = sum(lot.qty for lot in cover) - qty
            if leftover < 0:
                continue
            key, picks = _cover_score(cover, leftover, ranks)
            if best_key is None or key < best_key:
                best_key, best = key, picks
    return best


def _cover_score(
    cover: Sequence[Lot], leftover: int, ranks: dict[int, int]
) -> tuple[tuple, list[tuple[int, int]]]:
    """(small created, small not emptied, age, ids) of a minimum cover, and its picks."""
    small = [lot for lot in cover if lot.is_small]
    large = [lot for lot in cover if not lot.is_small]
    keeper = None  # the lot that keeps the leftover
    created = 0
    if leftover:
        roomy = [lot for lot in large if leftover >= lot.small_threshold]
        if roomy:
            keeper = roomy[0]
        elif small:
            keeper = small[0]
        else:
            keeper, created = large[0], 1
    not_emptied = keeper is not None and keeper.is_small
    age = sum(ranks[lot.id] for lot in cover)
    picks = [(lot.id, lot.qty - (leftover if lot is keeper else 0)) for lot in cover]
    emptied = len(small) - not_emptied  # small lots used up (the rest stay small)
    key = (created, -emptied, age, sorted(lot.id for lot in cover))
    return key, picks


def _cover_dual(needy: Sequence[Sequence[int]], ranks: dict[int, int]) -> int:
    """Lower bound of the age of lots covering each line of ``needy`` (its fitting lots).

    A dual solution of that set cover: each line in turn pays what is left of the
    cheapest lot it fits; a lot's age is paid at most once.
    """
    total = 0
    residual: dict[int, int] = {}
    for fits in sorted(needy, key=len):
        price = min(residual.get(lot_id, ranks[lot_id]) for lot_id in fits)
        if price:
            total += price
            for lot_id in fits:
                residual[lot_id] = residual.get(lot_id, ranks[lot_id]) - price
    return total


def _solve_one_lot_lines(  # noqa: C901 - one depth-first search, kept in one place
    plans: Sequence[_LinePlan], ranks: dict[int, int], budget: _Budget, limit: int = 0
) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """Exact branch and bound for lines that each ship from exactly one lot.

    Lines (largest first) are given one usable lot each; several lines may share a lot
    while it has stock. Minimises (small leftovers created, -small lots used up, age).
    The bound counts what can no longer change: a lot no later line can use is settled
    (its leftover is final), the age of touched lots only grows, the lines that fit no
    touched lot need untouched ones (a dual bound of that set cover, see
    :func:`_cover_dual`); two ways to the same stock after the same lines keep only the
    cheaper. Ties go to the first found in this fixed order. Returns
    ("optimal", picks), ("infeasible", {}) or, past ``limit`` (else ``budget.nodes``)
    nodes or the safety net, ("limit", best found or {}).
    """
    order = sorted(plans, key=lambda p: (-p.demand.qty, p.demand.line_id))
    by_id: dict[int, Lot] = {}
    choices: list[list[Lot]] = []
    for plan in order:
        usable = {lot.id: lot for option in plan.options for lot in option.lots}
        by_id.update(usable)
        choices.append(sorted(usable.values(), key=lambda lot: (ranks[lot.id], lot.id)))
    # lots some line at position >= p may still use
    open_after: list[set[int]] = [set() for _ in range(len(order) + 1)]
    for p in range(len(order) - 1, -1, -1):
        open_after[p] = open_after[p + 1] | {lot.id for lot in choices[p]}
    small_ids = {lot_id for lot_id, lot in by_id.items() if lot.is_small}
    # sums[p][lot]: bit s set when some lines at position >= p that may use the lot take
    # exactly s from it (only sums below the small threshold matter: that is what can
    # still empty a lot left small)
    sums: list[dict[int, int]] = [{} for _ in range(len(order) + 1)]
    sums[len(order)] = {lot_id: 1 for lot_id in by_id}
    for p in range(len(order) - 1, -1, -1):
        qty = order[p].demand.qty
        row = dict(sums[p + 1])
        for lot in choices[p]:
            mask = (1 << max(lot.small_threshold, lot.qty if lot.is_small else 0)) - 1
            row[lot.id] |= (row[lot.id] << qty) & mask
        sums[p] = row
    remaining = {lot_id: lot.qty for lot_id, lot in by_id.items()}
    users: dict[int, int] = defaultdict(int)
    chosen: list[int] = [0] * len(order)
    best: list = [None, None]  # key, assignment
    seen: dict[tuple, int] = {}
    nodes = 0

    def final_terms(lot_ids: Iterable[int], p: int) -> tuple[int, int]:
        """(small leftovers created for sure, small lots that may still end used up)."""
        created = emptied = 0
        reachable = sums[p]
        for lot_id in lot_ids:
            lot, rest = by_id[lot_id], remaining[lot_id]
            can_empty = rest == 0 or (reachable[lot_id] >> rest) & 1
            if lot.is_small:
                emptied += bool(can_empty)
            elif 0 < rest < lot.small_threshold and not can_empty:
                created += 1
        return created, emptied

    def search(p: int, age: int) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > (limit or budget.nodes) or (not nodes % 512 and budget.clock_fired()):
            return False
        touched = [lot_id for lot_id, n in users.items() if n]
        if p == len(order):
            created, emptied = final_terms(touched, p)
            key = (created, -emptied, age)
            if best[0] is None or key < best[0]:
                best[0], best[1] = key, list(chosen)
            return True
        # the same stock left after the same lines: only the cheaper way there matters
        state = (p, tuple(sorted((lot_id, remaining[lot_id]) for lot_id in touched)))
        if seen.get(state, age + 1) <= age:
            return True
        seen[state] = age
        # a later line that fits no touched lot needs an untouched one: the age of the
        # lots opened for those lines is at least a dual solution of that set cover
        needy = []
        for q in range(p, len(order)):
            need = order[q].demand.qty
            fits = [lot.id for lot in choices[q] if remaining[lot.id] >= need]
            if not fits:
                return True  # this branch cannot serve line q
            if not any(users[lot_id] for lot_id in fits):
                needy.append(fits)
        extra = _cover_dual(needy, ranks)
        if best[0] is not None:
            created, could_empty = final_terms(set(touched) | (small_ids & open_after[p]), p)
            if (created, -could_empty, age + extra) >= best[0]:
                return True
        qty = order[p].demand.qty
        fitting = [lot for lot in choices[p] if remaining[lot.id] >= qty]
        if not fitting:
            return True
        # first what leaves no small leftover, then lots already touched (no age), oldest
        fitting.sort(
            key=lambda lot: (
                0 < remaining[lot.id] - qty < lot.small_threshold,
                users[lot.id] == 0,
                ranks[lot.id],
                lot.id,
            )
        )
        for lot in fitting:
            remaining[lot.id] -= qty
            users[lot.id] += 1
            chosen[p] = lot.id
            extra = ranks[lot.id] if users[lot.id] == 1 else 0
            complete = search(p + 1, age + extra)
            users[lot.id] -= 1
            remaining[lot.id] += qty
            if not complete:
                return False
        return True

    complete = search(0, 0)
    budget.work += nodes
    picks: dict[int, list[tuple[int, int]]] = {}
    if best[1] is not None:
        for plan, lot_id in zip(order, best[1], strict=True):
            picks[plan.demand.line_id] = [(lot_id, plan.demand.qty)]
    if not complete:
        return "limit", picks
    return ("optimal", picks) if best[1] is not None else ("infeasible", {})


def _prove_age(  # noqa: C901 - two nested searches, kept in one place
    plans: Sequence[_LinePlan],
    ranks: dict[int, int],
    budget: _Budget,
    incumbent: dict[int, list[tuple[int, int]]],
    limit: int = 0,
) -> tuple[bool, dict[int, list[tuple[int, int]]]]:
    """Prove (or improve) the age of a one-lot-per-line plan whose other terms are at
    their floor.

    Applies when ``incumbent`` creates no small leftover and uses up every small lot that
    some lines fitting it could use up exactly (see :func:`_floor_reached`): only the age
    (sum of the ranks of the lots touched) is then left to improve. Sets of lots that
    hold all those small lots are tried youngest first, below an age threshold that
    doubles up to the incumbent's, only while large enough for the lines; for each, a
    packing of the lines that keeps the floor is searched. Returns (proven, best picks);
    not proven past ``limit`` (else ``budget.nodes``) nodes or the safety net.
    """
    order = sorted(plans, key=lambda p: (-p.demand.qty, p.demand.line_id))
    qty = [plan.demand.qty for plan in order]
    usable = [{lot.id for option in plan.options for lot in option.lots} for plan in order]
    by_id = {lot.id: lot for plan in order for option in plan.options for lot in option.lots}
    lots = sorted(by_id.values(), key=lambda lot: (ranks[lot.id], lot.id))
    need = sum(qty)
    must_empty = _emptiable(plans)
    # what a lot can really hold while keeping the floor (subset sums as the bits of an
    # int; see _room)
    hold = {lot.id: _room(lot, lot.qty, _lot_sums(lot.id, qty, usable), must_empty) for lot in lots}
    lots = [lot for lot in lots if hold[lot.id] > 0]
    # tail_sums[i][lot]: subset sums of the lines from i on that fit the lot (as int bits)
    tail_sums: list[dict[int, int]] = [{lot.id: 1 for lot in lots}]
    tail_need = [0]
    for i in range(len(order) - 1, -1, -1):
        row = dict(tail_sums[0])
        for lot in lots:
            if lot.id in usable[i]:
                row[lot.id] |= row[lot.id] << qty[i]
        tail_sums.insert(0, row)
        tail_need.insert(0, tail_need[0] + qty[i])
    # from lot j on: the holds largest first and the ages oldest first, as prefix sums
    hold_sums = [[0, *accumulate(sorted((hold[lot.id] for lot in lots[j:]), reverse=True))]
                 for j in range(len(lots) + 1)]  # fmt: skip
    age_sums = [[0, *accumulate(ranks[lot.id] for lot in lots[j:])] for j in range(len(lots) + 1)]
    best_age = sum(ranks[lot_id] for lot_id in {picks[0][0] for picks in incumbent.values()})
    best: list = [incumbent]
    nodes = 0

    def pack(chosen: list[Lot]) -> dict[int, int] | None:
        """Lot id per line index, every used lot left empty or not small; None if none."""
        nonlocal nodes
        left = {lot.id: lot.qty for lot in chosen}
        fits = [[lot.id for lot in chosen if lot.id in usable[i]] for i in range(len(order))]
        where: dict[int, int] = {}
        failed: set[tuple] = set()

        def place(i: int) -> bool:
            nonlocal nodes
            nodes += 1
            if nodes > (limit or budget.nodes) or (not nodes % 512 and budget.clock_fired()):
                raise _OutOfWork
            if i == len(order):
                return all(
                    left[lot.id] == 0
                    if lot.id in must_empty
                    else lot.is_small
                    or left[lot.id] == lot.qty
                    or not 0 < left[lot.id] < lot.small_threshold
                    for lot in chosen
                )
            state = (i, tuple(left.values()))
            if state in failed:
                return False
            # what each lot can still take from the lines left (leaving it empty or not
            # small) must hold them
            room = 0
            for lot in chosen:
                can = _room(lot, left[lot.id], tail_sums[i][lot.id], must_empty)
                if can < 0:
                    room = -1
                    break
                room += can
            if room < tail_need[i]:
                failed.add(state)
                return False
            for lot_id in fits[i]:
                if left[lot_id] < qty[i]:
                    continue
                left[lot_id] -= qty[i]
                where[i] = lot_id
                if place(i + 1):
                    return True
                left[lot_id] += qty[i]
            failed.add(state)
            return False

        return dict(where) if place(0) else None

    def collect(j: int, chosen: list[Lot], age: int, room: int) -> None:
        """Every set of lots younger than the best that can hold the lines by volume."""
        nonlocal nodes
        nodes += 1
        if nodes > (limit or budget.nodes) or (not nodes % 512 and budget.clock_fired()):
            raise _OutOfWork
        if (
            room >= need
            and all(any(lot.id in u for lot in chosen) for u in usable)
            and must_empty <= {lot.id for lot in chosen}
        ):
            candidates.append((age, [ranks[lot.id] for lot in chosen], list(chosen)))
        for k in range(j, len(lots)):
            lot = lots[k]
            if age + ranks[lot.id] >= below or room + hold_sums[k][-1] < need:
                return
            # still short: at least as many younger lots as the largest of them need
            short = need - room - hold[lot.id]
            if short > 0:
                count = bisect_left(hold_sums[k + 1], short)
                if count >= len(hold_sums[k + 1]):
                    continue
                if age + ranks[lot.id] + age_sums[k + 1][count] >= below:
                    continue
            chosen.append(lot)
            collect(k + 1, chosen, age + ranks[lot.id], room + hold[lot.id])
            chosen.pop()

    # ages below a threshold that doubles up to the incumbent's: a poor incumbent costs
    # no more than a few rounds over small sets
    below = min(best_age, 1 + age_sums[0][bisect_left(hold_sums[0], need)])
    refused: set[tuple[int, ...]] = set()
    candidates: list[tuple[int, list[int], list[Lot]]] = []
    proven = False
    try:
        while not proven:
            candidates.clear()
            collect(0, [], 0, 0)
            # youngest first: the first set the lines can be packed into is the optimum
            for _age, key, chosen in sorted(candidates, key=lambda c: (c[0], c[1])):
                if tuple(key) in refused:
                    continue
                where = pack(chosen)
                if where is None:
                    refused.add(tuple(key))
                    continue
                best[0] = {
                    order[i].demand.line_id: [(lot_id, qty[i])] for i, lot_id in where.items()
                }
                proven = True
                break
            if below >= best_age:
                proven = True
            below = min(best_age, 2 * below + 1)
    except _OutOfWork:
        proven = False
    budget.work += nodes
    return proven, best[0]


def _lot_sums(lot_id: int, qty: Sequence[int], usable: Sequence[set[int]]) -> int:
    """Subset sums of the lines that fit the lot, as the bits of an int."""
    sums = 1
    for line_qty, lot_ids in zip(qty, usable, strict=True):
        if lot_id in lot_ids:
            sums |= sums << line_qty
    return sums


def _room(lot: Lot, rest: int, sums: int, must_empty: set[int]) -> int:
    """The most a lot with ``rest`` left can still take from lines with these subset sums
    while keeping the floor: all of it if it must be used up (-1 if it cannot be), else
    a small lot anything, a lot that is not small all or leaving at least its threshold."""
    if sums >> rest & 1:
        return rest
    if lot.id in must_empty:
        return -1
    top = rest if lot.is_small else rest - lot.small_threshold
    return (sums & ((1 << top + 1) - 1)).bit_length() - 1 if top >= 0 else 0


def _emptiable(plans: Sequence[_LinePlan]) -> set[int]:
    """Small lots that some of the lines fitting them use up exactly."""
    qty = [plan.demand.qty for plan in plans]
    usable = [{lot.id for option in plan.options for lot in option.lots} for plan in plans]
    small = {lot.id: lot for plan in plans for o in plan.options for lot in o.lots if lot.is_small}
    return {
        lot_id for lot_id, lot in small.items() if _lot_sums(lot_id, qty, usable) >> lot.qty & 1
    }


def _floor_reached(plans: Sequence[_LinePlan], picks: dict[int, list[tuple[int, int]]]) -> bool:
    """``picks`` (one lot a line) creates no small leftover and uses up every small lot
    that lines fitting it could use up: the first terms after the lot count are at their
    floor."""
    if not picks:
        return False
    by_id = {lot.id: lot for plan in plans for option in plan.options for lot in option.lots}
    taken: dict[int, int] = defaultdict(int)
    for line_picks in picks.values():
        for lot_id, qty in line_picks:
            taken[lot_id] += qty
    if any(taken[lot_id] != by_id[lot_id].qty for lot_id in _emptiable(plans)):
        return False
    return not any(
        not by_id[lot_id].is_small and 0 < by_id[lot_id].qty - qty < by_id[lot_id].small_threshold
        for lot_id, qty in taken.items()
    )


class _OutOfWork(Exception):
    """A deterministic work limit (or the safety net) stopped a search."""


# --------------------------------------------------------------------------------------
# when the lot-count bound cannot be reached: the fewest unserved lines, then levels
#
# Without mixing, a line served from one group may take any of its lots in any amounts,
# so which lines can be served together depends only on the groups' totals: the fewest
# unserved lines U* is a small packing of lines into groups (_min_unserved). When every
# line that some group covers fits one lot (k = 1), an allocation with U* unserved lines
# uses at least one lot per served line; level 0 is exactly that (one lot a line), level
# 1 one line on two lots of one group (the others on one lot each). Each level is proven
# by one exact search over the product (_solve_levels); the first level that has an
# allocation holds the optimum. Beyond level 1, or past the search's node limit, the full
# CP-SAT model decides, told U*.

LEVEL_NODE_LIMIT = 4_000  # nodes of one level search before the CP-SAT model takes over
KNAPSACK_CELLS = 600  # the exact volume bound only where it is cheap


def _min_unserved(demands: Sequence[Demand], lots: Sequence[Lot], budget: _Budget) -> int | None:
    """The fewest lines that must stay unserved (None if a line allows mixing)."""
    if any(demand.mixing_allowed for demand in demands):
        return None
    totals: dict[GroupKey, int] = defaultdict(int)
    for lot in lots:
        totals[lot.group] += lot.qty
    keys = sorted(totals)
    lines = []
    for demand in sorted(demands, key=lambda d: (-d.qty, d.line_id)):
        fits = [
            n
            for n, key in enumerate(keys)
            if totals[key] >= demand.qty and demand.accepts(_group_lot(lots, key))
        ]
        if fits:
            lines.append((demand.qty, fits))
    room = [totals[key] for key in keys]
    best = [0]
    seen: set[tuple] = set()
    nodes = 0

    def search(i: int, served: int) -> None:
        nonlocal nodes
        nodes += 1
        if served > best[0]:
            best[0] = served
        if i == len(lines) or served + len(lines) - i <= best[0]:
            return
        state = (i, served, tuple(room))
        if state in seen:
            return
        seen.add(state)
        qty, fits = lines[i]
        for n in fits:
            if room[n] >= qty:
                room[n] -= qty
                search(i + 1, served + 1)
                room[n] += qty
        search(i + 1, served)

    search(0, 0)
    budget.work += nodes
    return len(demands) - best[0]


def _group_lot(lots: Sequence[Lot], key: GroupKey) -> Lot:
    return next(lot for lot in lots if lot.group == key)


def _split_leftovers(a: Lot, b: Lot, ra: int, rb: int, qty: int) -> tuple[int, int, int]:
    """How a line of ``qty`` (at least 2) best takes from two lots with ``ra``, ``rb``
    left (ra + rb >= qty): (small leftovers created, small lots not used up, units from
    a), at least one unit from each. Each lot's terms change only where its leftover
    crosses 0, 1, its threshold - 1 or its threshold, so those amounts are tried."""
    low, high = max(1, qty - rb), min(ra, qty - 1)
    candidates = {low, high}
    for left in (0, 1, a.small_threshold - 1, a.small_threshold):
        candidates.add(ra - left)
    for left in (0, 1, b.small_threshold - 1, b.small_threshold):
        candidates.add(qty - rb + left)
    best = (2, 2, high)
    for take in sorted(candidates):
        if not low <= take <= high:
            continue
        created = small_left = 0
        for lot, left in ((a, ra - take), (b, rb - qty + take)):
            if lot.is_small:
                small_left += left > 0
            elif 0 < left < lot.small_threshold:
                created += 1
        if (created, small_left) < best[:2]:
            best = (created, small_left, take)
    return best


def _solve_levels(
    lots: Sequence[Lot],
    demands: Sequence[Demand],
    plans: Sequence[_LinePlan],
    ranks: dict[int, int],
    budget: _Budget,
    unserved: int,
) -> dict[int, list[tuple[int, int]]] | None:
    """The optimum when the lot-count bound cannot be reached (see above), or None when
    it is beyond level 1 or past :data:`LEVEL_NODE_LIMIT` nodes (then CP-SAT decides).

    ``unserved`` is U*: the search keeps exactly U* lines unserved and minimises (small
    leftovers created, small lots left, age) at each level.
    """
    if any(plan.k != 1 for plan in plans):
        return None
    extra = unserved - (len(demands) - len(plans))
    if extra < 0 or extra > len(plans):
        return None
    search = _LevelSearch(lots, plans, ranks, budget, extra)
    try:
        for splits in (0, 1):
            status, picks = search.level(splits)
            if status == "optimal":
                return picks
            if status == "limit":
                return None
        return None
    finally:
        budget.work += search.nodes


class _LevelSearch:
    """Depth-first search of one level: each line (largest first) on one lot, unserved
    (up to ``extra`` lines), or, at level 1, one line on two lots of one group whose
    amounts are decided at the leaf (:func:`_split_leftovers`).

    Bounds: a small leftover that no later line can use up exactly (as in
    :func:`_solve_one_lot_lines`) is final; the age of touched lots only grows, and the
    later lines add at least the larger of two bounds: the lines that fit no touched lot
    need untouched ones (the dual of :func:`_cover_dual`, less the payments of the lines
    that may stay unserved or be the split one), and the untouched lots must hold, by
    volume, what the touched ones cannot (:meth:`volume_age`); lines no lot can take any
    more must be unserved; the same stock after the same lines keeps only the cheaper way.
    """

    def __init__(
        self,
        lots: Sequence[Lot],
        plans: Sequence[_LinePlan],
        ranks: dict[int, int],
        budget: _Budget,
        extra: int,
    ) -> None:
        self.order = sorted(plans, key=lambda p: (-p.demand.qty, p.demand.line_id))
        self.qty = [plan.demand.qty for plan in self.order]
        self.by_id = {lot.id: lot for lot in lots}
        self.ranks = ranks
        self.budget = budget
        self.extra = extra
        self.limit = min(LEVEL_NODE_LIMIT, budget.nodes)
        self.lot_ids = sorted(self.by_id, key=lambda lot_id: (ranks[lot_id], lot_id))
        self.small_ids = [lot_id for lot_id in self.lot_ids if self.by_id[lot_id].is_small]
        self.whole = [
            sorted({lot.id for o in plan.options for lot in o.lots}, key=lambda i: (ranks[i], i))
            for plan in self.order
        ]
        # the groups of two lots or more a line could be split over (level 1)
        self.groups = [
            [
                sorted((lot.id for lot in members), key=lambda i: (ranks[i], i))
                for _key, members in sorted(candidate_groups(plan.demand, lots).items())
                if len(members) >= 2
            ]
            for plan in self.order
        ]
        self.remaining = {lot.id: lot.qty for lot in lots}
        self.users: dict[int, int] = defaultdict(int)
        self.nodes = 0

    def level(self, splits: int) -> tuple[str, dict[int, list[tuple[int, int]]]]:
        """("optimal", picks), ("infeasible", {}) or ("limit", {})."""
        n = len(self.order)
        # lots a line at position >= p may still touch
        self.open_after: list[set[int]] = [set() for _ in range(n + 1)]
        for p in range(n - 1, -1, -1):
            reach = set(self.whole[p])
            if splits:
                reach.update(lot_id for members in self.groups[p] for lot_id in members)
            self.open_after[p] = self.open_after[p + 1] | reach
        # flexible[p]: lots a later line on two lots may take any amount from; sums[p][lot]:
        # bit s set when some later lines that fit the lot whole take exactly s from it
        # (only sums below the small threshold matter: what can still empty a lot)
        self.flexible: list[set[int]] = [set() for _ in range(n + 1)]
        self.sums: list[dict[int, int]] = [dict.fromkeys(self.lot_ids, 1) for _ in range(n + 1)]
        for p in range(n - 1, -1, -1):
            self.flexible[p] = set(self.flexible[p + 1])
            if splits:
                self.flexible[p].update(i for members in self.groups[p] for i in members)
            row = dict(self.sums[p + 1])
            for lot_id in self.whole[p]:
                lot = self.by_id[lot_id]
                mask = (1 << max(lot.small_threshold, lot.qty if lot.is_small else 0)) - 1
                row[lot_id] |= (row[lot_id] << self.qty[p]) & mask
            self.sums[p] = row
        self.chosen: list[tuple] = [()] * n
        self.best: list = [None, None]
        self.seen: dict[tuple, int] = {}
        self.split: tuple[int, int, int] | None = None  # (position, lot a, lot b)
        if not self.search(0, 0, 0, splits):
            return "limit", {}
        if self.best[1] is None:
            return "infeasible", {}
        return "optimal", self.picks(*self.best[1])

    def picks(self, assignment, pending) -> dict[int, list[tuple[int, int]]]:
        picks: dict[int, list[tuple[int, int]]] = {}
        for p, plan in enumerate(self.order):
            if assignment[p] and assignment[p] != ("split",):
                picks[plan.demand.line_id] = list(assignment[p])
        if pending is not None:
            p, a, b = pending
            left = {lot_id: self.by_id[lot_id].qty for lot_id in (a, b)}
            for line_picks in picks.values():
                for lot_id, taken in line_picks:
                    if lot_id in left:
                        left[lot_id] -= taken
            lot_a, lot_b = self.by_id[a], self.by_id[b]
            take = _split_leftovers(lot_a, lot_b, left[a], left[b], self.qty[p])[2]
            picks[self.order[p].demand.line_id] = [(a, take), (b, self.qty[p] - take)]
        return picks

    def floor_key(self, p: int, age: int) -> tuple[int, int, int]:
        """Lower bound of the key: small leftovers that no later lines can use up
        exactly (lots a pending or later two-lot line may take from excepted)."""
        created = left = 0
        pending = self.split[1:] if self.split else ()
        flexible = self.flexible[p] if self.split is None else ()
        reach = self.sums[p]
        for lot_id in self.lot_ids:
            if lot_id in pending or lot_id in flexible:
                continue
            lot, rest = self.by_id[lot_id], self.remaining[lot_id]
            if (reach[lot_id] >> rest) & 1:
                continue
            if lot.is_small:
                left += rest > 0
            elif self.users[lot_id] and 0 < rest < lot.small_threshold:
                created += 1
        return created, left, age

    def leaf_key(self, age: int) -> tuple[int, int, int]:
        created = left = 0
        pending: tuple[int, ...] = ()
        if self.split is not None:
            p, a, b = self.split
            pending = (a, b)
            rest_a, rest_b = self.remaining[a], self.remaining[b]
            lot_a, lot_b = self.by_id[a], self.by_id[b]
            created, left, _take = _split_leftovers(lot_a, lot_b, rest_a, rest_b, self.qty[p])
        for lot_id in self.lot_ids:
            if lot_id in pending:
                continue
            lot, rest = self.by_id[lot_id], self.remaining[lot_id]
            if lot.is_small:
                left += rest > 0
            elif self.users[lot_id] and 0 < rest < lot.small_threshold:
                created += 1
        return created, left, age

    def split_fits(self) -> bool:
        if self.split is None:
            return True
        p, a, b = self.split
        rest_a, rest_b = self.remaining[a], self.remaining[b]
        return rest_a >= 1 and rest_b >= 1 and rest_a + rest_b >= self.qty[p]

    def outlook(self, p: int, skipped: int, split_left: int, cap: int | None) -> int | None:
        """Age the later lines must still add (a lower bound, exact only up to ``cap``),
        None if they cannot all be served or left unserved."""
        hopeless = 0
        payments = []
        residual: dict[int, int] = {}
        needy = []
        for q in range(p, len(self.order)):
            fits = [i for i in self.whole[q] if self.remaining[i] >= self.qty[q]]
            if not fits and not (split_left and self.splittable(q)):
                hopeless += 1
            elif fits and not any(self.users[i] for i in fits):
                needy.append(fits)
        slack = self.extra - skipped
        if hopeless > slack:
            return None
        for fits in sorted(needy, key=len):
            price = min(residual.get(i, self.ranks[i]) for i in fits)
            payments.append(price)
            if price:
                for i in fits:
                    residual[i] = residual.get(i, self.ranks[i]) - price
        # the lines left unserved (and the split one) need not pay
        drop = slack - hopeless + split_left
        payments.sort()
        dual = sum(payments[: max(len(payments) - drop, 0)])
        volume = self.volume_age(p, slack, cap)
        return None if volume is None else max(dual, volume)

    def volume_age(self, p: int, slack: int, cap: int | None) -> int | None:
        """Age of the untouched lots that must be opened to hold, by volume, the
        smallest lines that are to be served (and the pending split), None if even all
        of them cannot: the cheapest set of lots by age up to ``cap`` when that is a
        small knapsack, else a fractional one (cheapest age per unit first)."""
        qtys = sorted(self.qty[p:])
        need = sum(qtys[: max(len(qtys) - slack, 0)])
        pending: tuple[int, ...] = ()
        if self.split is not None:
            need += self.qty[self.split[0]]
            pending = self.split[1:]
        fresh = []
        for lot_id in self.lot_ids:
            if lot_id not in self.open_after[p] and lot_id not in pending:
                continue
            if self.users[lot_id]:
                need -= self.remaining[lot_id]
            else:
                fresh.append((self.ranks[lot_id], self.remaining[lot_id]))
        if need <= 0:
            return 0
        if sum(qty for _rank, qty in fresh) < need:
            return None
        if cap is not None and 0 <= cap and len(fresh) * (cap + 1) <= KNAPSACK_CELLS:
            # held[a]: the most volume of a set of these lots whose ages add up to <= a
            held = [0] * (cap + 1)
            for rank, qty in fresh:
                for a in range(cap, rank - 1, -1):
                    if held[a - rank] + qty > held[a]:
                        held[a] = held[a - rank] + qty
            return next((a for a in range(cap + 1) if held[a] >= need), cap + 1)
        fresh.sort(key=lambda f: (f[0] * 1.0 / f[1] if f[1] else float("inf")))
        cost = 0.0
        for rank, qty in fresh:
            if not qty:
                continue
            take = min(qty, need)
            cost += rank * take / qty
            need -= take
            if not need:
                return int(cost + 1 - 1e-9) if cost % 1 > 1e-9 else int(cost)
        return None

    def splittable(self, q: int) -> bool:
        need = self.qty[q]
        return need >= 2 and any(
            sum(sorted((self.remaining[i] for i in members), reverse=True)[:2]) >= need
            for members in self.groups[q]
        )

    def search(self, p: int, age: int, skipped: int, split_left: int) -> bool:
        self.nodes += 1
        if self.nodes > self.limit or (not self.nodes % 512 and self.budget.clock_fired()):
            return False
        if p == len(self.order):
            key = self.leaf_key(age)
            if self.best[0] is None or key < self.best[0]:
                self.best[0], self.best[1] = key, (list(self.chosen), self.split)
            return True
        state = (p, skipped, self.split, tuple(self.remaining[i] for i in self.lot_ids))
        if self.seen.get(state, age + 1) <= age:
            return True
        self.seen[state] = age
        cap = self.best[0][2] - age if self.best[0] is not None else None
        more = self.outlook(p, skipped, split_left, cap)
        if more is None:
            return True
        if self.best[0] is not None and self.floor_key(p, age + more) >= self.best[0]:
            return True
        return (
            self.branch_whole(p, age, skipped, split_left)
            and (skipped >= self.extra or self.branch(p, age, skipped + 1, split_left, (), ()))
            and (not split_left or self.branch_split(p, age, skipped))
        )

    def branch(self, p, age, skipped, split_left, chosen, touched) -> bool:
        """Search on with line p given ``chosen`` picks touching ``touched`` lots."""
        self.chosen[p] = chosen
        for lot_id in touched:
            self.users[lot_id] += 1
            if self.users[lot_id] == 1:
                age += self.ranks[lot_id]
        complete = self.search(p + 1, age, skipped, split_left)
        for lot_id in touched:
            self.users[lot_id] -= 1
        return complete

    def branch_whole(self, p: int, age: int, skipped: int, split_left: int) -> bool:
        need = self.qty[p]
        fitting = [i for i in self.whole[p] if self.remaining[i] >= need]
        # first what leaves no small leftover, then lots already touched (no age), oldest
        fitting.sort(
            key=lambda i: (
                0 < self.remaining[i] - need < self.by_id[i].small_threshold,
                self.users[i] == 0,
                self.ranks[i],
                i,
            )
        )
        for lot_id in fitting:
            self.remaining[lot_id] -= need
            complete = not self.split_fits() or self.branch(
                p, age, skipped, split_left, ((lot_id, need),), (lot_id,)
            )
            self.remaining[lot_id] += need
            if not complete:
                return False
        return True

    def branch_split(self, p: int, age: int, skipped: int) -> bool:
        need = self.qty[p]
        if need < 2:
            return True
        for members in self.groups[p]:
            for x, a in enumerate(members):
                for b in members[x + 1 :]:
                    rest_a, rest_b = self.remaining[a], self.remaining[b]
                    if rest_a < 1 or rest_b < 1 or rest_a + rest_b < need:
                        continue
                    # the amounts from a and b are decided at the leaf
                    self.split = (p, a, b)
                    complete = self.branch(p, age, skipped, 0, ("split",), (a, b))
                    self.split = None
                    if not complete:
                        return False
        return True


def _take_forced_pairs(
    plans: Sequence[_LinePlan],
) -> tuple[list[_LinePlan], dict[int, list[tuple[int, int]]]]:
    """Lines under the bound that must ship from one given pair of lots, which then
    hold less than any other line that fits them could take: each such line takes its
    pair (split as :func:`_split_leftovers` says), and the pair leaves the other lines'
    options. Returns (the other plans, the picks of those lines)."""
    plans = list(plans)
    picks: dict[int, list[tuple[int, int]]] = {}
    for plan in sorted(plans, key=lambda p: p.demand.line_id):
        if plan.k != 2 or len(plan.options) != 1 or len(plan.options[0].lots) != 2:
            continue
        a, b = sorted(plan.options[0].lots, key=lambda lot: lot.id)
        qty = plan.demand.qty
        rest = a.qty + b.qty - qty
        others = [other for other in plans if other is not plan]
        touching = [other for other in others if {a.id, b.id} & other.lot_ids]
        # a line on one lot takes all of it from there; one on several lots could take a bit
        if any(other.k > 1 or other.demand.qty <= rest for other in touching):
            continue
        trimmed = []
        for other in others:
            options = tuple(
                _Option(o.group, tuple(lot for lot in o.lots if lot.id not in (a.id, b.id)))
                for o in other.options
            )
            options = tuple(o for o in options if len(o.lots) >= other.k)
            if not options:
                break
            trimmed.append(
                _LinePlan(other.demand, other.k, options) if other in touching else other
            )
        else:
            take = _split_leftovers(a, b, a.qty, b.qty, qty)[2]
            picks[plan.demand.line_id] = [(a.id, take), (b.id, qty - take)]
            plans = trimmed
    return plans, picks


def _solve_one_lot_component(
    plans: Sequence[_LinePlan], ranks: dict[int, int], budget: _Budget
) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """Lines that each ship from one lot: a short search; if its best leaves no small lot
    (or a longer one's does), its age is proven over sets of lots (up to
    :data:`AGE_NODE_LIMIT` nodes), else by the level search (:class:`_LevelSearch`); else
    the line search up to its node limit. ("optimal" | "infeasible" | "limit", best
    picks found)."""
    status, hint = _solve_one_lot_lines(plans, ranks, budget, budget.probe)
    if status == "limit" and not _floor_reached(plans, hint):
        # a longer probe: the floor is often reached a little later
        status, hint = _solve_one_lot_lines(plans, ranks, budget, 10 * budget.probe)
    if status == "limit" and _floor_reached(plans, hint):
        proven, hint = _prove_age(plans, ranks, budget, hint, min(budget.nodes, AGE_NODE_LIMIT))
        if proven:
            return "optimal", hint
        # the level search's volume and set-cover bounds prove some ages that the sets of
        # lots do not
        lots = {lot.id: lot for plan in plans for option in plan.options for lot in option.lots}
        search = _LevelSearch([lots[i] for i in sorted(lots)], plans, ranks, budget, 0)
        level_status, level_picks = search.level(0)
        budget.work += search.nodes
        if level_status != "limit":
            return level_status, level_picks
    if status == "limit":
        status, hint = _solve_one_lot_lines(plans, ranks, budget)
    return status, hint


def _solve_decomposed(
    lots: Sequence[Lot], demands: Sequence[Demand], budget: _Budget
) -> tuple[dict[int, list[tuple[int, int]]], bool, Score, str]:
    ranks = age_ranks(lots)
    plans = []
    for demand in demands:
        plan = _line_plan(demand, lots)
        if plan is not None:
            plans.append(plan)
    reduced, picks = _take_forced_pairs(plans)
    proven = True
    used = {"search"}
    for component in _components(reduced):
        if len(component) == 1:
            single = _solve_single_line(component[0], ranks)
            if single is not None:
                picks[component[0].demand.line_id] = single
                continue
        status, hint = "limit", {}
        if all(plan.k == 1 for plan in component):
            status, hint = _solve_one_lot_component(component, ranks, budget)
            if status == "optimal":
                picks.update(hint)
                continue
        result = None
        if status != "infeasible":
            result = _solve_restricted(component, ranks, budget, hint)
            used.add("cp-sat")
            if result is None and hint:  # CP-SAT found nothing in time: the search's best
                result = hint, False
        if result is None:  # the bound cannot be reached: the fewest unserved, levels
            unserved = _min_unserved(demands, lots, budget)
            if unserved is not None:
                level_picks = _solve_levels(lots, demands, plans, ranks, budget, unserved)
                if level_picks is not None:
                    return level_picks, True, evaluate(lots, demands, level_picks), "search"
            full_picks, full_proven, full_bound = _solve_product(lots, demands, budget, unserved)
            return full_picks, full_proven, full_bound, "cp-sat"
        component_picks, component_proven = result
        picks.update(component_picks)
        proven &= component_proven
    score = evaluate(lots, demands, picks)
    bound = score if proven else Score(score.unserved, score.lots)
    return picks, proven, bound, "+".join(sorted(used))


def _solve_restricted(  # noqa: C901 - one model, built in one place
    plans: Sequence[_LinePlan],
    ranks: dict[int, int],
    budget: _Budget,
    hint: dict[int, list[tuple[int, int]]] | None = None,
) -> tuple[dict[int, list[tuple[int, int]]], bool] | None:
    """CP-SAT on lines that must each use exactly k lots of one of their options.

    Returns None when that is infeasible (proven), else (picks, proven optimal).
    """
    model = cp_model.CpModel()
    by_id: dict[int, Lot] = {}
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    y: dict[tuple[int, int], cp_model.IntVar] = {}
    pairs_by_lot: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, plan in enumerate(plans):
        demand = plan.demand
        if len(plan.options) > 1:
            z = [model.new_bool_var(f"z{i}_{n}") for n in range(len(plan.options))]
            model.add_exactly_one(z)
        else:
            z = [None]
        covering: dict[int, list] = defaultdict(list)
        for option, zv in zip(plan.options, z, strict=True):
            for lot in option.lots:
                by_id[lot.id] = lot
                covering[lot.id].append(zv)
        line_x, line_y = [], []
        for lot_id, zs in covering.items():
            cap = min(by_id[lot_id].qty, demand.qty)
            yv = model.new_bool_var(f"y{i}_{lot_id}")
            if plan.k == 1:  # one lot ships the whole line
                xv = demand.qty * yv
            else:
                xv = model.new_int_var(0, cap, f"x{i}_{lot_id}")
                model.add(xv <= cap * yv)
                model.add(xv >= yv)
            if zs[0] is not None:
                model.add(yv <= sum(zs))
            x[i, lot_id], y[i, lot_id] = xv, yv
            pairs_by_lot[lot_id].append((i, lot_id))
            line_x.append(xv)
            line_y.append(yv)
        model.add(sum(line_x) == demand.qty)
        model.add(sum(line_y) == plan.k)
    small_created, small_left, newness = [], [], []
    for lot_id, keys in pairs_by_lot.items():
        lot = by_id[lot_id]
        taken = sum(x[k] for k in keys)
        model.add(taken <= lot.qty)
        touched = model.new_bool_var(f"t{lot_id}")
        for k in keys:
            model.add_implication(y[k], touched)
        model.add(sum(y[k] for k in keys) >= touched)
        if lot.is_small:
            emptied = model.new_bool_var(f"e{lot_id}")
            model.add(taken == lot.qty).only_enforce_if(emptied)
            small_left.append(emptied.Not())
        elif lot.small_threshold > 0:
            emptied = model.new_bool_var(f"e{lot_id}")
            model.add(taken == lot.qty).only_enforce_if(emptied)
            small = model.new_bool_var(f"s{lot_id}")
            model.add(lot.qty - taken >= lot.small_threshold).only_enforce_if(
                [emptied.Not(), small.Not()]
            )
            small_created.append(small)
        if ranks[lot_id]:
            newness.append((ranks[lot_id], touched))
    maxima = [len(small_created), len(small_left), sum(rank for rank, _t in newness)]
    weights = _weights(maxima)
    terms = [sum(small_created), sum(small_left), sum(rank * t for rank, t in newness)]
    model.minimize(sum(w * t for w, t in zip(weights, terms, strict=True)))
    if hint:
        hinted = {
            (i, lot_id)
            for i, plan in enumerate(plans)
            for lot_id, _qty in hint.get(plan.demand.line_id, ())
        }
        for key, yv in y.items():
            model.add_hint(yv, key in hinted)
    solver = budget.cp_solver()
    status = solver.solve(model)
    budget.solved(solver, status)
    if status == cp_model.INFEASIBLE:
        return None
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None  # nothing found in time: let the full model (with its greedy) answer
    picks: dict[int, list[tuple[int, int]]] = {}
    for (i, lot_id), xv in x.items():
        qty = int(solver.value(xv))
        if qty:
            picks.setdefault(plans[i].demand.line_id, []).append((lot_id, qty))
    return picks, status == cp_model.OPTIMAL


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
    lots: Sequence[Lot],
    demands: Sequence[Demand],
    budget: _Budget,
    min_unserved: int | None = None,
) -> tuple[dict[int, list[tuple[int, int]]], bool, Score]:
    """The full CP-SAT model of one product; ``min_unserved`` (U*, proven by
    :func:`_min_unserved`) fixes the number of unserved lines, which every optimum has."""
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
    if min_unserved is not None:
        model.add(sum(unserved) == min_unserved)
    greedy = _hint_with_greedy(model, lots, demands, x, y, unserved)
    solver = budget.cp_solver()
    status = solver.solve(model)
    budget.solved(solver, status)
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
