"""What a customer's owner on a date costs (run by hand, not in CI): `process.Owners` on
`--lines` order lines of 20,000 customers over two years, 300,000 orders, three reps. Cases:

- every line names its rep (every real export with a salesperson column): the books' owners
  and the rep of each line, as `rules.books` asks them;
- one line in a thousand names none: each such line's owner on its date;
- half the lines name none;
- the owners at a quarter's last day (new customers, churn, satisfaction), asked three times.

It prints the median of `--repeat` timings of each.

    python benchmarks/owners.py --lines 1000000
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from salescli.rules import process


def lines(n: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "customer_id": pd.array([f"C{i}" for i in rng.integers(0, 20_000, n)], dtype="str"),
            "order_date": pd.Timestamp("2023-01-01")
            + pd.to_timedelta(rng.integers(0, 730, n), unit="D"),
            "order_id": pd.array([f"SO{i:08d}" for i in rng.integers(0, 300_000, n)], dtype="str"),
            "rep": pd.array(rng.choice(["张三", "李四", "王五"], n), dtype="str"),
        }
    )


def timed(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def reps(frame: pd.DataFrame) -> pd.Series:
    owners = process.Owners.of(None, frame)
    return process.line_reps(frame, None, owners)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    frame = lines(args.lines)
    rng = np.random.default_rng(1)
    cases = {
        "every line names its rep": frame,
        "one in a thousand names none": frame.assign(
            rep=frame["rep"].where(rng.random(len(frame)) > 0.001)
        ),
        "half name none": frame.assign(rep=frame["rep"].where(rng.random(len(frame)) > 0.5)),
    }
    for name, case in cases.items():
        seconds = timed(lambda case=case: reps(case), args.repeat)
        print(f"{name}: {seconds:.3f} s, {int(reps(case).isna().sum()):,} lines with no owner")

    def quarter() -> None:
        owners = process.Owners.of(None, frame)
        for _ in range(3):
            owners.at(pd.Timestamp("2024-06-30"))

    print(f"owners at a quarter's end, asked three times: {timed(quarter, args.repeat):.3f} s")


if __name__ == "__main__":
    main()
