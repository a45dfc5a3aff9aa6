"""The engine layer under the rules, chosen by measurement (issue 26; run by hand, not in CI).

    pip install -e ".[bench]"
    python benchmarks/engines.py                 # 1M order lines, 5 rounds
    python benchmarks/engines.py --lines 200000 --rounds 3

On the demo company's order lines (`salescli.demo.generate`, kept as Parquet under
benchmarks/data/), times the 20 grouped sums the appraisal and the reports need (by rep,
customer, month, category and region, over the whole table and over a month's, a quarter's
and a year's window, cancelled lines left out) with each candidate:

- DuckDB SQL on a table held in the process;
- ibis over the same DuckDB table: the expressions built, compiled to SQL and executed (the
  compilation timed on its own too), and `import ibis` in a fresh process;
- the SQL written once (DuckDB's dialect) and transpiled by sqlglot to DuckDB's and Spark's
  dialects (the transpilation timed; the DuckDB text executed);
- polars (lazy frames) and pandas (what salescli does today).

Every candidate's results are compared with DuckDB's, to the cent. Then exact money: the same
sums over DECIMAL(18,2) and DOUBLE in DuckDB, over integer cents and float64 in pandas, and
whether the company total equals the sum of the reps, to the cent, for each.

Each measurement is the median of `--rounds` rounds (the 20 queries one after the other); the
load average is printed before and after, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

HERE = Path(__file__).resolve().parent
CANCELLED = "已取消"
COLUMNS = ["order_id", "order_date", "customer_id", "rep", "region", "category", "amount", "status"]


@dataclass(frozen=True)
class Query:
    """A grouped sum: amount and lines by `keys` (`month` is the order's month), cancelled
    lines left out, over [start, end) or the whole table."""

    keys: tuple[str, ...]
    start: str | None = None
    end: str | None = None


MONTH, LAST_YEARS_MONTH = ("2024-05-01", "2024-06-01"), ("2023-05-01", "2023-06-01")
QUARTER, YEAR, LAST_YEAR = (
    ("2024-04-01", "2024-07-01"),
    ("2024-01-01", "2025-01-01"),
    (
        "2023-01-01",
        "2024-01-01",
    ),
)
QUERIES = [
    Query(("rep",)),
    Query(("rep", "month")),
    Query(("customer_id",)),
    Query(("customer_id", "month")),
    Query(("category",)),
    Query(("region",)),
    Query(("rep", "category")),
    Query(("region", "month")),
    Query(("category", "month")),
    Query(("rep", "region")),
    Query(("rep",), *MONTH),  # the month's appraisal
    Query(("customer_id",), *MONTH),
    Query(("rep", "category"), *MONTH),
    Query(("rep",), *LAST_YEARS_MONTH),  # growth on last year
    Query(("rep", "month"), *QUARTER),  # the quarter's months
    Query(("customer_id",), *QUARTER),  # classification
    Query(("customer_id",), *YEAR),
    Query(("customer_id",), *LAST_YEAR),  # churn base
    Query(("rep", "customer_id"), *YEAR),  # ownership
    Query(("month",)),  # the company by month
]


# --- the data ----------------------------------------------------------------------------


def orders(lines: int) -> pd.DataFrame:
    """The demo company's order lines at `lines`, made once and kept as Parquet."""
    path = HERE / "data" / f"engines-{lines}.parquet"
    if not path.exists():
        from salescli.demo import generate

        path.parent.mkdir(parents=True, exist_ok=True)
        generate(lines).orders[COLUMNS].to_parquet(path, index=False)
    frame = pd.read_parquet(path)
    frame["order_date"] = frame["order_date"].astype("datetime64[ns]")
    return frame


# --- the candidates ------------------------------------------------------------------------


def sql(query: Query, month: str = "date_trunc('month', order_date)") -> str:
    """The query in DuckDB's SQL (also the text sqlglot transpiles)."""
    keys = [f"{month} AS month" if k == "month" else k for k in query.keys]
    where = f"status <> '{CANCELLED}'"
    if query.start:
        where += f" AND order_date >= DATE '{query.start}' AND order_date < DATE '{query.end}'"
    group = ", ".join(str(i + 1) for i in range(len(keys)))
    return (
        f"SELECT {', '.join(keys)}, SUM(amount) AS amount, COUNT(*) AS lines "
        f"FROM orders WHERE {where} GROUP BY {group}"
    )


def duckdb_table(frame: pd.DataFrame, amount: str = "DECIMAL(18, 2)") -> Any:
    """A DuckDB connection holding the order lines as the table `orders`."""
    import duckdb

    con = duckdb.connect()
    con.register("source", frame)
    con.execute(
        f"CREATE TABLE orders AS SELECT * REPLACE (CAST(amount AS {amount}) AS amount) FROM source"
    )
    con.unregister("source")
    return con


def duckdb_runner(frame: pd.DataFrame, arrow: bool = False) -> Callable[[Query], Any]:
    """Results as pandas (DECIMAL sums become float64) or, with `arrow`, as Arrow tables
    (decimal128: exact), as ibis returns them."""
    con = duckdb_table(frame)
    if arrow:
        return lambda query: con.sql(sql(query)).to_arrow_table()
    return lambda query: con.sql(sql(query)).df()


def ibis_runners(
    frame: pd.DataFrame,
) -> tuple[Callable[[Query], Any], Callable[[Query], Any], Callable[[Query], str]]:
    """Executing an expression into pandas (decimal sums become Python Decimals, exact),
    into Arrow, and compiling it alone."""
    import ibis

    con = ibis.duckdb.from_connection(duckdb_table(frame))
    table = con.table("orders")

    def expression(query: Query) -> Any:
        t = table.filter(table.status != CANCELLED)
        if query.start:
            t = t.filter(
                (t.order_date >= ibis.date(query.start)) & (t.order_date < ibis.date(query.end))
            )
        keys = [
            t.order_date.truncate("M").name("month") if k == "month" else t[k] for k in query.keys
        ]
        return t.group_by(keys).aggregate(amount=t.amount.sum(), lines=t.count())

    def run(query: Query) -> Any:
        return expression(query).to_pandas()

    def to_arrow(query: Query) -> Any:
        return expression(query).to_pyarrow()

    def compile_only(query: Query) -> str:
        return str(ibis.to_sql(expression(query), dialect="duckdb"))

    return run, to_arrow, compile_only


def sqlglot_runners(
    frame: pd.DataFrame,
) -> tuple[Callable[[Query], Any], Callable[[Query], tuple[str, str]]]:
    """The SQL transpiled to DuckDB's dialect and executed there; the transpilation to
    DuckDB's and Spark's dialects alone."""
    import sqlglot

    con = duckdb_table(frame)

    def run(query: Query) -> Any:
        return con.sql(sqlglot.transpile(sql(query), read="duckdb", write="duckdb")[0]).df()

    def transpile(query: Query) -> tuple[str, str]:
        text = sql(query)
        return (
            sqlglot.transpile(text, read="duckdb", write="duckdb")[0],
            sqlglot.transpile(text, read="duckdb", write="spark")[0],
        )

    return run, transpile


def polars_runner(frame: pd.DataFrame) -> Callable[[Query], Any]:
    import polars as pl

    table = pl.from_pandas(frame).with_columns(pl.col("order_date").cast(pl.Date))

    def run(query: Query) -> Any:
        t = table.lazy().filter(pl.col("status") != CANCELLED)
        if query.start:
            start, end = pd.Timestamp(query.start).date(), pd.Timestamp(query.end).date()
            t = t.filter((pl.col("order_date") >= start) & (pl.col("order_date") < end))
        keys = [
            pl.col("order_date").dt.truncate("1mo").alias("month") if k == "month" else pl.col(k)
            for k in query.keys
        ]
        grouped = t.group_by(keys).agg(pl.col("amount").sum(), pl.len().alias("lines"))
        return grouped.collect().to_pandas()

    return run


def pandas_runner(frame: pd.DataFrame, cents: bool = False) -> Callable[[Query], Any]:
    """pandas as salescli uses it; `cents`: amounts as integer cents (exact)."""
    table = frame.copy()
    if cents:
        table["amount"] = (table["amount"] * 100).round().astype("int64")
    table["month"] = table["order_date"].to_numpy().astype("datetime64[M]")

    def run(query: Query) -> Any:
        keep = table["status"] != CANCELLED
        if query.start:
            dates = table["order_date"]
            keep &= (dates >= query.start) & (dates < query.end)
        chosen = table[keep]
        grouped = chosen.groupby(list(query.keys), observed=True, sort=False)["amount"]
        return grouped.agg(amount="sum", lines="count").reset_index()

    return run


# --- measuring ----------------------------------------------------------------------------


def rounds(run: Callable[[Query], Any], n: int) -> tuple[float, list[Any]]:
    """The median time of running the 20 queries, `n` times; the last round's results."""
    times, results = [], []
    for _ in range(n):
        start = time.perf_counter()
        results = [run(query) for query in QUERIES]
        times.append(time.perf_counter() - start)
    return statistics.median(times), results


def imported(module: str, n: int) -> float:
    """The median time of `import module` in a fresh process, less the bare interpreter's."""

    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    bare = statistics.median(once("pass") for _ in range(n))
    return statistics.median(once(f"import {module}") for _ in range(n)) - bare


def cents_of(result: pd.DataFrame, keys: tuple[str, ...], scale: int = 1) -> pd.Series:
    """A result as integer cents by its keys, sorted (dates as days), to compare engines."""
    frame = result.to_pandas() if hasattr(result, "to_pandas") else result.copy()
    for key in keys:
        if key == "month":
            frame[key] = pd.to_datetime(frame[key]).dt.strftime("%Y-%m")
    amounts = frame["amount"].astype("float64") * (100 / scale)
    frame["cents"] = amounts.round().astype("int64")
    return frame.set_index(list(keys))["cents"].sort_index()


def agrees(results: list[Any], reference: list[Any], scale: int = 1) -> bool:
    return all(
        cents_of(mine, q.keys, scale).equals(cents_of(ref, q.keys))
        for mine, ref, q in zip(results, reference, QUERIES, strict=True)
    )


def exact_money(frame: pd.DataFrame, n: int) -> list[tuple[str, float, str]]:
    """The by-rep sums over each representation of money: time, and whether the company's
    total equals the sum of its reps to the cent, the same whatever the order of the rows."""
    shuffled = frame.sample(frac=1.0, random_state=7).reset_index(drop=True)
    by_rep = "SELECT rep, SUM(amount) AS amount FROM orders GROUP BY rep"
    rows: list[tuple[str, float, str]] = []
    for label, amount in (("DuckDB DECIMAL(18,2)", "DECIMAL(18, 2)"), ("DuckDB DOUBLE", "DOUBLE")):
        totals = set()
        for source in (frame, shuffled):
            con = duckdb_table(source, amount)
            company = con.sql("SELECT SUM(amount) FROM orders").fetchone()[0]
            reps = sum(amount for _rep, amount in con.sql(by_rep).fetchall())
            totals.add((company, reps))
        took = _median(lambda con=con: con.sql(by_rep).df(), n)
        rows.append((label, took, _verdict(totals)))
    for label, cents in (("pandas int64 cents", True), ("pandas float64", False)):
        totals = set()
        for source in (frame, shuffled):
            amounts = _amounts(source, cents)
            totals.add((amounts.sum(), amounts.groupby(source["rep"]).sum().sum()))
        took = _median(lambda cents=cents: _amounts(frame, cents).groupby(frame["rep"]).sum(), n)
        rows.append((label, took, _verdict(totals, 100 if cents else 1)))
    return rows


def _amounts(frame: pd.DataFrame, cents: bool) -> pd.Series:
    return (frame["amount"] * 100).round().astype("int64") if cents else frame["amount"]


def _median(work: Callable[[], Any], n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _verdict(totals: set[tuple[Any, Any]], scale: int = 1) -> str:
    """Exact: the company total is the sum of the reps and the row order changed nothing."""
    values = {value for pair in totals for value in pair}
    if len(values) == 1:
        return "exact: total = sum of reps, in any row order"
    cents = {round(float(value) * 100 / scale) for value in values}
    shown = ", ".join(sorted(repr(float(v) / scale) for v in values))
    same = "the same" if len(cents) == 1 else "NOT the same"
    return f"not exact ({shown}); rounded to cents {same}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    import duckdb
    import ibis
    import polars
    import sqlglot

    print(
        f"# {args.lines:,} order lines, {len(QUERIES)} grouped sums, median of {args.rounds}"
        f" rounds; {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python"
        f" {platform.python_version()}, pandas {pd.__version__}, DuckDB {duckdb.__version__},"
        f" ibis {ibis.__version__}, polars {polars.__version__}, sqlglot {sqlglot.__version__}"
    )
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    frame = orders(args.lines)
    lines: list[tuple[str, float, str]] = []
    reference_time, reference = rounds(duckdb_runner(frame), args.rounds)
    lines.append(("DuckDB SQL on a table", reference_time, "reference"))
    took, got = rounds(duckdb_runner(frame, arrow=True), args.rounds)
    lines.append(("DuckDB SQL, results as Arrow", took, _same(got, reference)))
    ibis_run, ibis_arrow, ibis_compile = ibis_runners(frame)
    took, got = rounds(ibis_run, args.rounds)
    lines.append(("ibis on the same DuckDB table, results as pandas", took, _same(got, reference)))
    took, got = rounds(ibis_arrow, args.rounds)
    lines.append(("ibis on the same DuckDB table, results as Arrow", took, _same(got, reference)))
    took, _ = rounds(ibis_compile, args.rounds)
    lines.append(("  of which ibis compiling the 20 expressions to SQL", took, ""))
    glot_run, glot_transpile = sqlglot_runners(frame)
    took, got = rounds(glot_run, args.rounds)
    lines.append(("SQL via sqlglot to DuckDB, executed", took, _same(got, reference)))
    took, texts = rounds(glot_transpile, args.rounds)
    lines.append(("  of which sqlglot transpiling to DuckDB and to Spark", took, ""))
    took, got = rounds(polars_runner(frame), args.rounds)
    lines.append(("polars (lazy)", took, _same(got, reference)))
    took, got = rounds(pandas_runner(frame), args.rounds)
    lines.append(("pandas, float64 amounts", took, _same(got, reference)))
    took, got = rounds(pandas_runner(frame, cents=True), args.rounds)
    lines.append(("pandas, integer cents", took, _same(got, reference, scale=100)))
    print("\n| candidate | 20 grouped sums | results vs DuckDB |\n| --- | --- | --- |")
    for label, took, said in lines:
        print(f"| {label} | {took:.3f} s | {said} |")
    print("\n| import in a fresh process | time |\n| --- | --- |")
    for module in ("duckdb", "ibis", "sqlglot", "polars", "pandas"):
        print(f"| {module} | {imported(module, args.rounds):.2f} s |")
    print("\n| money, sum by rep | time | exact? |\n| --- | --- | --- |")
    for label, took, said in exact_money(frame, args.rounds):
        print(f"| {label} | {took:.3f} s | {said} |")
    print(f"\nthe month's appraisal query for Spark, as sqlglot writes it:\n{texts[10][1]}")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


def _same(results: list[Any], reference: list[Any], scale: int = 1) -> str:
    return "same to the cent" if agrees(results, reference, scale) else "DIFFERENT"


if __name__ == "__main__":
    main()
