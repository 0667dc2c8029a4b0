"""Sizes of made-to-measure goods (jiancai_custom/engine/spec.py): what slips through, and
the cost, against the obvious ``int(float(text))``.

No database. A mix of what people type or scripts post (plain and full-width digits, "mm"
suffixes, zero, negatives, NaN, exponents, other scripts' digits, absurd sizes). The
baseline ``int(float(text))`` with a 1..6000 bound; the engine parses digits only. Prints
the inputs each wrongly accepts and the time per call as a ratio to the baseline measured
in the same run.

    python3 bench/custom_sizes/run.py [--copies 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "engine"))
import engine_loader  # noqa: E402

engine_loader.install()
from jiancai_addons.jiancai_custom.engine.spec import SizeError, parse_size  # noqa: E402

# (text, the size a person meant or None when it must be refused)
INPUTS = [
    ("800", 800), ("460", 460), (" 850 ", 850), ("３００", 300), ("2350mm", 2350),
    ("0", None), ("-5", None), ("nan", None), ("inf", None), ("1e3", None),
    ("٣٠٠", None), ("३००", None), ("1_000", None), ("80.5", None), ("6001", None),
    ("", None), ("800.0", None),
]  # fmt: skip


def baseline(text):
    value = int(float(text))
    if not 1 <= value <= 6000:
        raise ValueError(text)
    return value


def outcome(fn, text):
    try:
        return fn(text)
    except (SizeError, ValueError, OverflowError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for name, fn in (("int(float())", baseline), ("engine", parse_size)):
        wrong = [t for t, want in INPUTS if outcome(fn, t) != want]
        print(f"{name:14} wrong on {len(wrong)} of {len(INPUTS)}: {wrong}")
    cases = [t for t, _w in INPUTS] * args.copies

    def timed(fn) -> float:
        best = math.inf
        for _ in range(args.repeat):
            start = time.perf_counter()
            for text in cases:
                outcome(fn, text)
            best = min(best, time.perf_counter() - start)
        return best / len(cases)

    base = timed(baseline)
    engine = timed(parse_size)
    print(f"int(float())   {base * 1e6:.2f} µs/call  1.00")
    print(f"engine         {engine * 1e6:.2f} µs/call  {engine / base:.2f}")


if __name__ == "__main__":
    main()
