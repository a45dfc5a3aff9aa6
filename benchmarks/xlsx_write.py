"""Writing a 100k-row xlsx: salescli's writer against XlsxWriter's constant-memory write of the
same rows (run by hand, not in CI).

    python benchmarks/xlsx_write.py --rows 100000 --repeat 5

The rows are demo order lines (text, numbers, dates; 14 columns). The baseline is the plain
loop an analyst would write: one `write_row` per row of `itertuples`, dates as datetimes,
missing values skipped, in constant-memory mode. salescli's run is `output.write` of the same
table to an .xlsx, which adds the header format, column widths, number formats, autofilter and
the injection guard. Each write runs in a fresh process; the median wall time is reported.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SETUP = """
import sys, time
import pandas as pd
frame = pd.read_parquet(sys.argv[1])
target = sys.argv[2]
"""
BASELINE = (
    SETUP
    + """
import math, xlsxwriter
start = time.perf_counter()
book = xlsxwriter.Workbook(target, {"constant_memory": True})
sheet = book.add_worksheet("orders")
sheet.write_row(0, 0, list(frame.columns))
dates = book.add_format({"num_format": "yyyy-mm-dd"})
for i, row in enumerate(frame.itertuples(index=False, name=None), start=1):
    for j, value in enumerate(row):
        if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
            continue
        if isinstance(value, pd.Timestamp):
            sheet.write_datetime(i, j, value.to_pydatetime(), dates)
        else:
            sheet.write(i, j, value)
book.close()
print(time.perf_counter() - start)
"""
)
SALESCLI = (
    SETUP
    + """
from pathlib import Path
from salescli.output import Output, Table, write
start = time.perf_counter()
write(Output("orders", [Table("orders", frame)]), Path(target), None, "en")
print(time.perf_counter() - start)
"""
)


def rows_file(rows: int, folder: Path) -> Path:
    from salescli.demo import generate

    orders = generate(rows).orders.head(rows)
    columns = [
        "order_id",
        "order_date",
        "customer_id",
        "customer_name",
        "rep",
        "region",
        "product_model",
        "category",
        "quantity",
        "unit_price",
        "amount",
        "cost",
        "due_date",
        "status",
    ]
    path = folder / "rows.parquet"
    orders[columns].reset_index(drop=True).to_parquet(path)
    return path


def timed(script: str, source: Path, target: Path, repeat: int) -> float:
    """Median of the write time measured inside fresh processes (reading the rows excluded)."""
    times = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", script, str(source), str(target)],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = rows_file(args.rows, folder)
        started = time.perf_counter()
        baseline = timed(BASELINE, source, folder / "baseline.xlsx", args.repeat)
        ours = timed(SALESCLI, source, folder / "salescli.xlsx", args.repeat)
        print(f"| step ({args.rows:,} rows, median of {args.repeat}) | time |")
        print("| --- | --- |")
        print(f"| XlsxWriter constant_memory, write_row loop | {baseline:.2f} s |")
        print(f"| salescli output.write to .xlsx | {ours:.2f} s |")
        print(f"| ratio (target ≤ 1.2) | {ours / baseline:.2f} |")
        print(f"(whole benchmark {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
