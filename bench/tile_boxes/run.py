"""Tiles in boxes (jiancai_base/engine/boxes.py): exactness and cost against float maths.

No database. On a grid of box sizes (m² per box as sold: 0.72 to 2.25) and 1 to N whole
boxes, each quantity is the area of k boxes as the ORM stores it (rounded to 0.01 m²):
the right answer is exactly k boxes. The baseline is the obvious float formula
``math.ceil(quantity / area)``; the engine reads to 0.0001 m² and divides integers.
Prints the wrong answers of each and the time per call, as a ratio to the baseline
measured in the same run.

    python3 bench/tile_boxes/run.py [--boxes 500] [--repeat 5]
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
from jiancai_addons.jiancai_base.engine.boxes import (  # noqa: E402
    BoxPack,
    count_boxes,
    round_up_to_boxes,
)

AREAS = (0.72, 1.08, 1.2, 1.44, 1.6, 1.92, 2.16, 2.25)
PIECES = {0.72: 2, 1.08: 3, 1.2: 2, 1.44: 8, 1.6: 5, 1.92: 3, 2.16: 6, 2.25: 4}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--boxes", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = [(round(k * a, 2), a, k) for a in AREAS for k in range(1, args.boxes + 1)]
    packs = {a: BoxPack.of(a, PIECES[a]) for a in AREAS}

    naive_wrong = [(q, a, k) for q, a, k in cases if math.ceil(q / a) != k]
    engine_wrong = [(q, a, k) for q, a, k in cases if round_up_to_boxes(q, packs[a]).boxes != k]
    pieces_wrong = [
        (q, a, k)
        for q, a, k in cases
        if (count_boxes(q, packs[a]).boxes, count_boxes(q, packs[a]).pieces) != (k, 0)
    ]

    def timed(fn) -> float:
        best = math.inf
        for _ in range(args.repeat):
            start = time.perf_counter()
            for q, a, _k in cases:
                fn(q, a)
            best = min(best, time.perf_counter() - start)
        return best / len(cases)

    naive = timed(lambda q, a: math.ceil(q / a))
    engine = timed(lambda q, a: round_up_to_boxes(q, packs[a]))
    pieces = timed(lambda q, a: count_boxes(q, packs[a]))

    print(f"{len(cases)} quantities of whole boxes ({len(AREAS)} box sizes x {args.boxes})")
    print("| method | wrong box counts | time per call | ratio |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| float math.ceil(q / area) | {len(naive_wrong)} | {naive * 1e6:.2f} µs | x1.0 |")
    print(
        f"| engine round_up_to_boxes | {len(engine_wrong)} | {engine * 1e6:.2f} µs "
        f"| x{engine / naive:.1f} |"
    )
    print(
        f"| engine count_boxes (boxes + pieces) | {len(pieces_wrong)} | {pieces * 1e6:.2f} µs "
        f"| x{pieces / naive:.1f} |"
    )
    if naive_wrong:
        q, a, k = naive_wrong[0]
        print(f"e.g. {q} m² of {a} m² boxes: float says {math.ceil(q / a)} boxes, it is {k}")
    if engine_wrong or pieces_wrong:
        sys.exit("the engine miscounted")


if __name__ == "__main__":
    main()
