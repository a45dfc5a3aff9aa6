"""A month's appraisal from a warehouse or a lake with years of history (#27), against the same
lines as one local Parquet file (run by hand, not in CI).

    python benchmarks/warehouse.py --base 1000000 --copies 5            # 5M lines, 10 years
    python benchmarks/warehouse.py --base 1000000 --copies 10 --postgres postgresql:///bench
    python benchmarks/warehouse.py --base 1000000 --copies 100 --lake-only   # 100M lines

The demo company at `--base` lines (2023–2024, `benchmarks/run.py`'s data) is repeated
`--copies` times, each copy two years earlier than the one before with its own order numbers,
so the history runs back 2 × copies years. The same lines are written as one Parquet file in a
workspace (read whole, as an export), as a month-partitioned Parquet folder read as a source,
and, with `--postgres`, loaded into a PostgreSQL table (typed, an index on the order date) read
as a source. Times `salescli appraise --month 2024-05` on each (median of `--repeat` whole
processes, peak memory), checks the three give the same JSON byte for byte, and prints how many
rows each source fetched (`-v`) against the table's and the window's.

`--lake-only` writes only the partitioned folder, one copy at a time (100M lines do not fit in
memory as one frame), and times the month's appraisal and report on it; the appraisal's JSON is
compared with `--reference` (a smaller run's, e.g. the 10-copy local file's out.json: the window
and its edges are the same lines whatever the number of older copies).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import make, timed  # noqa: E402

DATES = ["下单日期", "约定交货日期", "实际交货日期"]
MONTH = ["appraise", "--month", "2024-05"]


def lines_of(base: Path, copies: int) -> pd.DataFrame:
    orders = pd.read_parquet(base / "parquet" / "orders.parquet")
    for column in DATES:
        orders[column] = pd.to_datetime(orders[column])
    parts = []
    for copy in range(copies):
        part = orders.copy()
        if copy:
            for column in DATES:
                part[column] = part[column] - pd.DateOffset(years=2 * copy)
            part["订单编号"] = part["订单编号"] + f"-H{copy}"
        parts.append(part)
    lines = pd.concat(parts, ignore_index=True)
    for column in DATES:
        lines[column] = lines[column].dt.date
    return lines


def workspaces(lines: pd.DataFrame, base: Path, root: Path) -> tuple[Path, Path]:
    local, lake = root / "local", root / "lake"
    for folder in (local, lake):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for table in (base / "parquet").glob("*.csv"):
            shutil.copy(table, folder / table.name)
    lines.to_parquet(local / "orders.parquet", index=False)
    months = pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m")
    for month, part in lines.groupby(months):
        target = lake / "orders" / f"month={month}"
        target.mkdir(parents=True)
        part.to_parquet(target / "part-0.parquet", index=False)
    (lake / "salescli.toml").write_text('[inputs.orders]\nsource = "orders"\n', encoding="utf-8")
    return local, lake


def stream_lake(base: Path, copies: int, lake: Path) -> tuple[int, int]:
    """The partitioned folder of `copies` copies written one copy at a time: (lines, window)."""
    if lake.exists():
        shutil.rmtree(lake)
    lake.mkdir(parents=True)
    for table in (base / "parquet").glob("*.csv"):
        shutil.copy(table, lake / table.name)
    total = window = 0
    for copy in range(copies):
        part = lines_of(base, 1)
        if copy:
            for column in DATES:
                days = pd.to_datetime(part[column]) - pd.DateOffset(years=2 * copy)
                part[column] = days.dt.date
            part["订单编号"] = part["订单编号"] + f"-H{copy}"
        days = pd.to_datetime(part["下单日期"])
        total += len(part)
        window += int(((days >= "2022-01-01") & (days <= "2024-05-31")).sum())
        for month, rows in part.groupby(days.dt.strftime("%Y-%m")):
            target = lake / "orders" / f"month={month}"
            target.mkdir(parents=True, exist_ok=True)
            rows.to_parquet(target / f"part-{copy}.parquet", index=False)
    (lake / "salescli.toml").write_text('[inputs.orders]\nsource = "orders"\n', encoding="utf-8")
    return total, window


def lake_only(args: argparse.Namespace, base: Path) -> None:
    lake = args.data / f"lake-{args.base}x{args.copies}"
    if not (lake / "salescli.toml").exists():
        total, window = stream_lake(base, args.copies, lake)
        print(f"{total:,} order lines; 2022-01-01 to 2024-05-31 holds {window:,}\n")
    command = [sys.executable, "-m", "salescli", "--no-cache", "-w", str(lake)]
    print("| command | median | peak memory |")
    print("| --- | --- | --- |")
    for name, work in (("appraise", MONTH), ("report", ["report", "--month", "2024-05"])):
        out = lake / f"out.{name}.json"
        seconds, peak = timed([*command, *work, "-o", str(out)], args.repeat)
        print(f"| {' '.join(work)} | {seconds:.2f} s | {peak:,.0f} MB |")
    print(f"\nrows fetched: {fetched(lake)}")
    if args.reference:
        same = (lake / "out.appraise.json").read_bytes() == args.reference.read_bytes()
        print(f"the appraisal JSON the same as {args.reference}: {'yes' if same else 'NO'}")
        if not same:
            raise SystemExit(1)


def load_postgres(lines: pd.DataFrame, url: str, base: Path, root: Path) -> Path:
    import psycopg

    numbers = {"数量", "单价", "金额", "成本"}
    types = {
        c: "date" if c in DATES else "numeric(18,2)" if c in numbers else "text" for c in lines
    }
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP TABLE IF EXISTS order_lines")
        db.execute(
            "CREATE TABLE order_lines (" + ", ".join(f'"{c}" {t}' for c, t in types.items()) + ")"
        )
        names = ", ".join(f'"{c}"' for c in lines)
        with db.cursor().copy(f"COPY order_lines ({names}) FROM STDIN") as copy:
            for row in lines.itertuples(index=False):
                copy.write_row([None if pd.isna(v) else v for v in row])
        db.execute('CREATE INDEX ON order_lines ("下单日期")')
        db.execute("ANALYZE order_lines")
    folder = root / "postgres"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for table in (base / "parquet").glob("*.csv"):
        shutil.copy(table, folder / table.name)
    (folder / "salescli.toml").write_text(
        f'[inputs.orders]\nsource = "{url}"\ntable = "order_lines"\n', encoding="utf-8"
    )
    return folder


def fetched(workspace: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "salescli", "--no-cache", "-v", "-w", str(workspace), *MONTH],
        capture_output=True,
        text=True,
    )
    found = re.search(r"orders: (\d+) rows fetched", done.stderr)
    return found.group(1) if found else "?"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=int, default=1_000_000)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", default=None, help="a libpq URI to load the lines into")
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--lake-only", action="store_true", help="only the partitioned folder")
    parser.add_argument("--reference", type=Path, default=None, help="an appraisal JSON to match")
    args = parser.parse_args()
    base = make(args.base, args.data)
    if args.lake_only:
        lake_only(args, base)
        return
    lines = lines_of(base, args.copies)
    root = args.data / f"warehouse-{args.base}x{args.copies}"
    local, lake = workspaces(lines, base, root)
    runs = {"one local Parquet file (read whole)": local, "month-partitioned Parquet source": lake}
    if args.postgres:
        runs["PostgreSQL table (source)"] = load_postgres(lines, args.postgres, base, root)
    days = pd.to_datetime(lines["下单日期"])
    window = int(((days >= "2022-01-01") & (days <= "2024-05-31")).sum())
    print(f"{len(lines):,} order lines, {days.min().date()} to {days.max().date()}; the window")
    print(f"2022-01-01 to 2024-05-31 holds {window:,}; the month 2024-05 holds", end=" ")
    print(f"{int(((days >= '2024-05-01') & (days <= '2024-05-31')).sum()):,}\n")
    print("| appraise --month 2024-05 | median | peak memory | rows fetched |")
    print("| --- | --- | --- | --- |")
    outputs = {}
    first = None
    for label, workspace in runs.items():
        out = workspace / "out.json"
        command = [sys.executable, "-m", "salescli", "--no-cache", "-w", str(workspace)]
        seconds, peak = timed([*command, *MONTH, "-o", str(out)], args.repeat)
        outputs[label] = out.read_bytes()
        rows = "all" if workspace == local else fetched(workspace)
        first = first or seconds
        print(f"| {label} | {seconds:.2f} s ({seconds / first:.2f}×) | {peak:,.0f} MB | {rows} |")
    same = len(set(outputs.values())) == 1
    print(f"\nthe same appraisal JSON from each: {'yes' if same else 'NO'}")
    if not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
