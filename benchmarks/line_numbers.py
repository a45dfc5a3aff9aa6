"""What numbered order lines cost (run by hand, not in CI): `duplicates.lines` on a frame of
`--lines` numbered order lines, 4 to an order, as the export reads them. Three cases:

- clean: no number twice (every real export): the check a run pays;
- copies: every line written twice alike (a report whose join doubled it): each read once;
- conflicts: every line written twice, the second with another amount: each refused.

It prints the median of `--repeat` timings of each and what came out.

    python benchmarks/line_numbers.py --lines 1000000
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from salescli.data import duplicates


def lines(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order_id": pd.array([f"SO{i // 4}" for i in range(n)], dtype="str"),
            "line_no": pd.array([str(i % 4 + 1) for i in range(n)], dtype="str"),
            "amount": (np.arange(n) % 97).astype(float),
            "rep": pd.array(["张三"] * n, dtype="str"),
            "_file": "orders.csv",
            "_row": np.arange(2, n + 2),
        }
    )


def timed(frame: pd.DataFrame, repeat: int) -> tuple[float, duplicates.Found]:
    times, found = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        found = duplicates.lines("orders", frame, "行号")
        times.append(time.perf_counter() - start)
    assert found is not None
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    clean = lines(args.lines // 2)
    doubled = pd.concat([clean, clean], ignore_index=True)
    other = doubled.copy()
    other.loc[len(clean) :, "amount"] += 1
    for name, frame in (("clean", lines(args.lines)), ("copies", doubled), ("conflicts", other)):
        seconds, found = timed(frame, args.repeat)
        print(
            f"{name:9} {len(frame):>10,} lines  {seconds:6.2f} s  kept {len(found.frame):>10,}"
            f"  problems {len(found.problems):,}"
        )


if __name__ == "__main__":
    main()
