"""Benchmarks at 100k and 1M order lines against the peers (run by hand, not in CI).

    python benchmarks/run.py --lines 100000 --repeat 3
    python benchmarks/run.py --lines 1000000 --repeat 2 --peer-repeat 1
    python benchmarks/run.py --lines 10000000 --repeat 1   # csv and parquet only, vs 1M

Makes the demo company at the given size (orders as monthly .xlsx exports, as one .csv and as
one .parquet; built once under benchmarks/data/), then times whole processes, medians of
repeated runs, with each process's peak memory:

- salescli appraise --month / --quarter, classify, report --month, split-targets on the xlsx
  workspace: first run (cache cleared) and cached run;
- a bare fastexcel read of the same xlsx files (the floor for reading them);
- the peer: pandas read_excel with openpyxl plus the monthly amount per rep, as an analyst
  would write it;
- salescli appraise --month on the csv and parquet workspaces, and DuckDB computing the same
  monthly figures from the same csv and parquet files.

At 10M lines (the 1M company's order lines ten times over, with distinct order numbers) only
the csv and parquet runs and DuckDB are timed, next to the same runs at 1M for linearity.

Prints a Markdown table with medians, peak memory and the ratios the performance issue sets.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEER = """
import sys, glob
import pandas as pd
files = sorted(glob.glob(sys.argv[1] + "/orders-*.xlsx"))
frames = [pd.read_excel(f, header=2, engine="openpyxl") for f in files]
orders = pd.concat(frames)
orders = orders[orders["订单编号"] != "合计"]
orders["下单日期"] = pd.to_datetime(orders["下单日期"])
orders = orders[orders["状态"] != "已取消"]
may = orders[orders["下单日期"].dt.strftime("%Y-%m") == "2024-05"]
print(may.groupby("销售代表")["金额"].sum().round(2).to_csv())
"""
FASTEXCEL = """
import sys, glob, fastexcel
for f in sorted(glob.glob(sys.argv[1] + "/orders-*.xlsx")):
    fastexcel.read_excel(f).load_sheet(0, header_row=None, dtypes="string").to_arrow()
"""
# the floors of a Python process: importing what salescli needs, and pyarrow reading the csv
IMPORTS = "import pandas, pyarrow.parquet, pyarrow.csv, typer, pydantic"
ARROW_CSV = """
import sys, pyarrow as pa, pyarrow.csv as c
names = open(sys.argv[1], encoding="utf-8").readline().strip().split(",")
c.read_csv(sys.argv[1], convert_options=c.ConvertOptions(
    column_types=dict.fromkeys(names, pa.large_string())))
"""
DUCKDB = '''
import sys, duckdb
source = sys.argv[1]
reader = f"read_csv('{source}', header=true)" if source.endswith(".csv") else f"'{source}'"
print(duckdb.sql(f"""select "销售代表", round(sum("金额"), 2) from {reader}
    where strftime(cast("下单日期" as date), '%Y-%m') = '2024-05' and "状态" <> '已取消'
    group by 1 order by 1""").fetchall()[:1])
'''


def make(lines: int, root: Path) -> Path:
    from salescli.demo import ORDER_HEADERS, _csv, _xlsx, generate

    folder = root / f"{lines}"
    if (folder / "done").exists():
        return folder
    company = generate(lines)
    for kind in ("xlsx", "csv", "parquet"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for name in (
            "customers",
            "visits",
            "opportunities",
            "targets",
            "satisfaction",
            "expenses",
            "reviews",
            "market",
        ):
            _csv(getattr(company, name), folder / kind / f"{name}.csv", None)
    orders = company.orders
    months = orders["order_date"].dt.strftime("%Y-%m")
    for month in sorted(months.unique()):
        part = orders[months == month]
        _xlsx(
            part,
            folder / "xlsx" / f"orders-{month}.xlsx",
            ORDER_HEADERS,
            f"{month} 销售订单明细",
            "订单明细",
            total="amount",
        )
    _csv(orders, folder / "csv" / "orders.csv", ORDER_HEADERS)
    renamed = orders.rename(columns=ORDER_HEADERS)
    renamed.to_parquet(folder / "parquet" / "orders.parquet", index=False)
    (folder / "done").write_text("ok")
    return folder


def make_big(lines: int, root: Path) -> Path:
    """`lines` order lines as csv and parquet: the 1M company's lines repeated."""
    import pandas as pd

    folder = root / f"{lines}"
    if (folder / "done").exists():
        return folder
    base = make(1_000_000, root)
    orders = pd.read_parquet(base / "parquet" / "orders.parquet")
    times = -(-lines // len(orders))
    copies = []
    for copy in range(times):
        part = orders.copy()
        part["订单编号"] = part["订单编号"] + f"-{copy}"
        copies.append(part)
    big = pd.concat(copies, ignore_index=True).head(lines)
    for kind in ("csv", "parquet"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for table in (base / "csv").glob("*.csv"):
            if table.name != "orders.csv":
                shutil.copy(table, folder / kind / table.name)
    big.to_parquet(folder / "parquet" / "orders.parquet", index=False)
    big.to_csv(
        folder / "csv" / "orders.csv", index=False, date_format="%Y-%m-%d", lineterminator="\n"
    )
    (folder / "done").write_text("ok")
    return folder


def big_run(args: argparse.Namespace) -> None:
    """csv and parquet at `lines` and at 1M, against DuckDB, for the 2x and linearity targets."""
    py = sys.executable
    rows, measured = [], {}
    for lines, folder in (
        (1_000_000, make(1_000_000, args.data)),
        (args.lines, make_big(args.lines, args.data)),
    ):
        for kind in ("csv", "parquet"):
            month = ["appraise", "--month", "2024-05", "-o", str(folder / f"out-{kind}.csv")]
            command = [py, "-m", "salescli", "--no-cache", "-w", str(folder / kind), *month]
            ours = timed(command, args.repeat)
            source = folder / kind / f"orders.{kind}"
            duck = timed([py, "-c", DUCKDB, str(source)], args.repeat)
            measured[lines, kind] = (ours, duck)
            rows.append((f"salescli appraise --month, {lines:,} lines, {kind}", *ours))
            rows.append((f"DuckDB, same monthly figures, {lines:,} lines, {kind}", *duck))
    print("| step | median | peak memory |\n| --- | --- | --- |")
    for label, seconds, peak in rows:
        print(f"| {label} | {seconds:.2f} s | {peak:,.0f} MB |")
    print("\n| target | measured |\n| --- | --- |")
    for kind in ("csv", "parquet"):
        ours, duck = measured[args.lines, kind]
        small = measured[1_000_000, kind][0]
        print(f"| {args.lines:,} {kind} / DuckDB (≤ 2) | {ours[0] / duck[0]:.2f} |")
        print(f"| {kind}: time at {args.lines:,} / at 1M (≤ 12) | {ours[0] / small[0]:.2f} |")


def timed(command: list[str], repeat: int, before=None) -> tuple[float, float]:
    """Median wall time and the largest peak memory (MB) over repeated whole processes."""
    times, peaks = [], []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"failed: {' '.join(command)}\n{done.stderr[-2000:]}")
        peaks.append(int(done.stderr.strip().splitlines()[-1]) / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-repeat", type=int, default=None)
    parser.add_argument("--data", type=Path, default=HERE / "data")
    args = parser.parse_args()
    # an installed wheel is byte-compiled; an editable checkout is compiled here, once
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "salescli")])
    if args.lines > 1_000_000:
        big_run(args)
        return
    folder = make(args.lines, args.data)
    py = sys.executable
    xlsx, csv, parquet = folder / "xlsx", folder / "csv", folder / "parquet"

    def clear(workspace: Path):
        return lambda: shutil.rmtree(workspace / ".salescli", ignore_errors=True)

    salescli = [py, "-m", "salescli"]
    rows = []
    jobs = [
        ("appraise --month", ["appraise", "--month", "2024-05"]),
        ("appraise --quarter", ["appraise", "--quarter", "2024Q2"]),
        ("classify", ["classify", "--quarter", "2024Q2"]),
        ("report --month", ["report", "--month", "2024-05"]),
        ("split-targets", ["split-targets", "--year", "2025", "--total", "120000000"]),
    ]
    results = {}
    for name, command in jobs:
        full = [*salescli, "-w", str(xlsx), *command, "-o", str(folder / "out.csv")]
        first = timed(full, args.repeat, clear(xlsx))
        timed(full, 1)  # warm the cache
        cached = timed(full, args.repeat)
        results[name] = (first, cached)
        rows.append((f"salescli {name}, xlsx, first run", *first))
        rows.append((f"salescli {name}, xlsx, cached run", *cached))
    bare = timed([py, "-c", FASTEXCEL, str(xlsx)], args.repeat)
    rows.append(("bare fastexcel read of the same xlsx files", *bare))
    peer = timed([py, "-c", PEER, str(xlsx)], args.peer_repeat or args.repeat)
    rows.append(("peer: pandas read_excel (openpyxl) + monthly sum per rep", *peer))
    month = ["appraise", "--month", "2024-05", "-o", str(folder / "out.csv")]
    on_csv = timed([*salescli, "--no-cache", "-w", str(csv), *month], args.repeat)
    rows.append(("salescli appraise --month, csv, no cache", *on_csv))
    on_parquet = timed([*salescli, "--no-cache", "-w", str(parquet), *month], args.repeat)
    rows.append(("salescli appraise --month, parquet, no cache", *on_parquet))
    duck_csv = timed([py, "-c", DUCKDB, str(csv / "orders.csv")], args.repeat)
    rows.append(("DuckDB, same monthly figures from the csv", *duck_csv))
    duck_parquet = timed([py, "-c", DUCKDB, str(parquet / "orders.parquet")], args.repeat)
    rows.append(("DuckDB, same monthly figures from the parquet", *duck_parquet))
    imports = timed([py, "-c", IMPORTS], args.repeat)
    rows.append(("floor: python importing pandas, pyarrow, typer, pydantic", *imports))
    arrow_csv = timed([py, "-c", ARROW_CSV, str(csv / "orders.csv")], args.repeat)
    rows.append(("floor: pyarrow reading orders.csv as text", *arrow_csv))
    help_time = timed([*salescli, "--help"], 5)
    rows.append(("salescli --help", *help_time))

    print(
        f"\n### {args.lines:,} order lines ({platform.machine()}, {shutil.os.cpu_count()} cores,"
        f" Python {platform.python_version()})\n"
    )
    print("| step | median | peak memory |\n| --- | --- | --- |")
    for label, seconds, peak in rows:
        print(f"| {label} | {seconds:.2f} s | {peak:,.0f} MB |")
    first, cached = results["appraise --month"]
    print("\n| target | measured |\n| --- | --- |")
    print(f"| first run / bare fastexcel read (≤ 1.3) | {first[0] / bare[0]:.2f} |")
    print(f"| peer / first run (≥ 8) | {peer[0] / first[0]:.2f} |")
    print(f"| cached / first run (≤ 0.1) | {cached[0] / first[0]:.2f} |")
    print(f"| csv run / DuckDB csv (≤ 2) | {on_csv[0] / duck_csv[0]:.2f} |")
    print(f"| parquet run / DuckDB parquet (≤ 2) | {on_parquet[0] / duck_parquet[0]:.2f} |")
    print(f"| peak memory, first run | {first[1]:,.0f} MB |")
    print(f"| salescli --help (≤ 0.3 s) | {help_time[0]:.2f} s |")


if __name__ == "__main__":
    main()
