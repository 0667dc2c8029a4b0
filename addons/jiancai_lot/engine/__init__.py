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
    "greedy_allocate",
]
