from .allocation import (
    Allocation,
    Demand,
    LineResult,
    Lot,
    Score,
    SplitPart,
    allocate,
    evaluate,
    greedy_allocate,
)
from .reference import exact_allocate
from .shade import fold_code, resolve_code, same_code

__all__ = [
    "Allocation",
    "Demand",
    "LineResult",
    "Lot",
    "Score",
    "SplitPart",
    "allocate",
    "evaluate",
    "exact_allocate",
    "fold_code",
    "greedy_allocate",
    "resolve_code",
    "same_code",
]
