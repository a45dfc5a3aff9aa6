"""Money exact at size (#26; run by hand, not in CI): the demo company at `--lines` order lines
as one CSV whose amounts carry four decimals (a price of four decimals times a quantity), its
rows in their order and shuffled. `salescli report --month 2024-05` must give a company amount
equal to the sum of its reps', regions', categories' and customer groups' to the cent, equal
to the amount computed apart with Python's Decimal (each live line rounded half up to the
cent, summed), and the same JSON whatever the rows' order.

    python benchmarks/money.py --lines 1000000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import make  # noqa: E402

CENT = Decimal("0.01")


def report(workspace: Path) -> tuple[dict, bytes, float]:
    out = workspace / "report.json"
    start = time.perf_counter()
    command = [sys.executable, "-m", "salescli", "--no-cache", "-w", str(workspace)]
    done = subprocess.run(
        [*command, "report", "--month", "2024-05", "-o", str(out)], capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    seconds = time.perf_counter() - start
    return (
        json.loads(out.read_text(encoding="utf-8"), parse_float=Decimal),
        out.read_bytes(),
        seconds,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args()
    base = make(args.lines, args.data)
    lines = pd.read_csv(base / "csv" / "orders.csv", dtype=str, encoding="utf-8")
    rng = np.random.default_rng(26)
    cents = (pd.to_numeric(lines["金额"]) * 100).round().astype("int64").to_numpy()
    extra = rng.integers(0, 10_000, len(lines))  # 0.0000 to 0.9999 more
    whole = cents * 100 + np.where(cents < 0, -extra, extra)  # a return's as negative
    lines["金额"] = [
        f"{'-' if w < 0 else ''}{abs(w) // 10_000}.{abs(w) % 10_000:04d}" for w in whole
    ]
    folders = {}
    for name, frame in (("ordered", lines), ("shuffled", lines.sample(frac=1.0, random_state=7))):
        folder = args.data / f"money-{args.lines}" / name
        folder.mkdir(parents=True, exist_ok=True)
        for table in (base / "csv").glob("*.csv"):
            if table.name != "orders.csv":
                (folder / table.name).write_bytes(table.read_bytes())
        frame.to_csv(folder / "orders.csv", index=False, encoding="utf-8")
        folders[name] = folder
    days = pd.to_datetime(lines["下单日期"])
    may = (days >= "2024-05-01") & (days <= "2024-05-31") & (lines["状态"] != "已取消")
    expected = sum(
        (Decimal(a).quantize(CENT, rounding=ROUND_HALF_UP) for a in lines.loc[may, "金额"]),
        Decimal(0),
    )
    results = {name: report(folder) for name, folder in folders.items()}
    data, raw, seconds = results["ordered"]
    company = next(r for r in data["summary"] if r["figure"] == "amount")["current"]
    print(f"{len(lines):,} lines; May 2024: {int(may.sum()):,} live lines; report {seconds:.1f} s")
    print(f"company amount (salescli)      {company}")
    print(f"the lines' amount (Decimal)    {expected}")
    ok = company == expected
    for table in ("by_rep", "by_region", "by_category", "by_customer_group"):
        total = sum(Decimal(str(r["amount"])) for r in data[table])
        print(f"sum of {table:<22} {total}")
        ok &= total == company
    same = raw == results["shuffled"][1]
    print(f"the same JSON with the rows shuffled: {'yes' if same else 'NO'}")
    if not (ok and same):
        raise SystemExit("NOT exact")
    print("exact to the cent")


if __name__ == "__main__":
    main()
