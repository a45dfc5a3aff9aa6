"""A hostile second read of this session's change (review13): split-targets' members and its
fetch from the base year on (`sources.need_since`), the memory policy (salescli/memory.py)
and a source's `query`. Each split over a source is compared, byte for byte, with the split
of the same lines as files."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.cli.test_memory import calls  # noqa: F401  (a fixture)
from tests.data.test_sources import DATES
from tests.data.test_spark import spark  # noqa: F401  (a fixture)
from tests.helpers import ORDER_HEADER, order_row, run, set_settings, write_csv
from tests.postgres import postgres_server, postgres_url  # noqa: F401

SPLIT = ("split-targets", "--year", "2025", "--total", "1200000", "--format", "csv")

ROWS = [
    order_row("SO1", "2021-03-02", "C9", 900, rep="赵六"),  # left in 2022
    order_row("SO2", "2022-06-01", "C9", 300, rep="赵六"),
    order_row("SO3", "2022-09-01", "C1", 100),  # C1's owner 张三, from its lines
    order_row("SO4", "2023-04-03", "C1", 200),
    order_row("SO5", "2023-11-09", "C2", 400, rep="李四"),
    order_row("SO13", "2023-10-01", "C5", 80, rep="周八"),
    order_row("SO6", "2024-02-03", "C1", 300),
    order_row("SO7", "2024-05-20", "C2", 500, rep="李四"),
    order_row("SO8", "2024-07-02", "C1", 150, rep=None),  # no rep: C1's owner, 张三
    order_row("SO9", "2024-08-15", "C3", 250, rep="王五"),
    order_row("SO12", "2024-10-01", "C5", 80, rep=None),  # C5's owner: the customer file's
    order_row("SO14", "2024-11-11", "C6", 60, rep="孙七"),
    order_row("SO15", "2025-01-06", "C3", 90, rep="王五"),  # the target year's own line
    order_row("SO16", "2022-12-01", "C7", 70, rep="钱十"),  # C7's owner: this old line's
    order_row("SO17", "2024-12-01", "C7", 70, rep=None),
]
CUSTOMERS = [
    ["客户编号", "客户名称", "销售代表", "区域"],
    *[[f"C{n}", f"C{n}公司", "", "华东"] for n in (1, 2, 3, 9)],
    ["C5", "C5公司", "吴九", "华南"],  # a new owner: 周八's customer taken over
    ["C6", "C6公司", "", "华南"],
    ["C7", "C7公司", "", "华南"],
]


def _frame(rows: list[list[Any]], dropped: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows as a database holds them: dates typed, `dropped` columns not there."""
    lines = pd.DataFrame(rows, columns=ORDER_HEADER).drop(columns=list(dropped))
    for column in DATES:
        lines[column] = pd.to_datetime(lines[column]).dt.date
    return lines


def _workspace(folder: Path, customers: list[list[Any]] | None) -> Path:
    folder.mkdir(parents=True)
    if customers is not None:
        write_csv(folder / "customers.csv", customers)
    return folder


def _files(folder: Path, rows: list[list[Any]], dropped: tuple[str, ...] = (), customers=None):
    _workspace(folder, customers)
    header = [h for h in ORDER_HEADER if h not in dropped]
    kept = [[v for h, v in zip(ORDER_HEADER, row, strict=True) if h not in dropped] for row in rows]
    write_csv(folder / "orders.csv", [header, *kept])
    return folder


def _sourced(folder: Path, lines: pd.DataFrame, kind: str, customers=None) -> Path:
    """The lines as the orders' source of a workspace of their own: a hive lake partitioned
    by month= or year= (a CSV one by month=), a DuckDB or an SQLite file."""
    _workspace(folder, customers)
    more: dict[str, str] = {}
    if kind in ("month", "year", "csv"):
        key = {"month": "%Y-%m", "year": "%Y", "csv": "%Y-%m"}[kind]
        days = pd.to_datetime(lines["下单日期"])
        for value, part in lines.groupby(days.dt.strftime(key).fillna("0000")):
            place = folder / "lake" / f"{'month' if kind == 'csv' else kind}={value}"
            place.mkdir(parents=True)
            if kind == "csv":
                part.to_csv(place / "part-0.csv", index=False)
            else:
                part.to_parquet(place / "part-0.parquet", index=False)
        source = "lake"
    elif kind == "duckdb":
        import duckdb

        with duckdb.connect(str(folder / "sales.duckdb")) as db:
            db.register("frame", lines)
            db.execute("CREATE TABLE lines AS SELECT * FROM frame")
        source, more = "duckdb:///sales.duckdb", {"table": '"lines"'}
    elif kind == "sqlite":
        import sqlite3

        with sqlite3.connect(folder / "sales.db") as db:
            lines.astype({c: str for c in DATES if c in lines}).to_sql("lines", db, index=False)
        source, more = "sqlite:///sales.db", {"table": '"lines"'}
    else:
        raise AssertionError(kind)
    set_settings(folder / "salescli.toml", "inputs.orders", source=f'"{source}"', **more)
    return folder


OPTIONS = {
    "history": (),
    "equal": ("--basis", "equal"),
    "region,rep": ("--by", "region,rep"),
    "region,rep equal": ("--by", "region,rep", "--basis", "equal"),
    "include": ("--include", "郑十"),
    "2027 equal": ("--year", "2027", "--basis", "equal"),  # orders end before 2026,
}


@pytest.mark.parametrize("kind", ["month", "year", "csv", "duckdb", "sqlite"])
@pytest.mark.parametrize("option", list(OPTIONS))
def test_a_split_over_a_source_is_the_files_split(kind: str, option: str, tmp_path: Path) -> None:
    """Lines without a rep whose owner is an old line's or the customer file's, the region
    only in the customer file, a rep gone since 2022, a line of the target year: the split
    from a hive lake (month= or year=), a DuckDB or an SQLite file is the files' own."""
    dropped = ("区域",)  # the region: the customer file's
    asked = [*SPLIT, *OPTIONS[option]]
    files = run("-w", str(_files(tmp_path / "files", ROWS, dropped, CUSTOMERS)), *asked)
    assert files.exit_code == 0, files.stderr
    assert "赵六" not in files.stdout and "周八" not in files.stdout  # gone; C5 is 吴九's
    assert "钱十" in files.stdout  # C7's owner, told by its 2022 line
    lines = _frame(ROWS, dropped)
    fetched = run("-w", str(_sourced(tmp_path / kind, lines, kind, CUSTOMERS)), *asked)
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout == files.stdout
    assert fetched.stderr == files.stderr


def test_a_split_with_a_weights_file_over_a_lake_is_the_files_split(tmp_path: Path) -> None:
    weights = write_csv(tmp_path / "weights.csv", [["rep", "weight"], ["张三", 3], ["李四", 1]])
    asked = [*SPLIT, "--weights", str(weights)]
    files = run("-w", str(_files(tmp_path / "files", ROWS, customers=CUSTOMERS)), *asked)
    assert files.exit_code == 0, files.stderr
    fetched = run("-w", str(_sourced(tmp_path / "lake", _frame(ROWS), "month", CUSTOMERS)), *asked)
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout == files.stdout


def test_a_split_from_postgresql_with_owners_and_regions_is_the_files_split(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    from tests.output.test_source_record import _postgres_lines, _postgres_workspace

    asked = [*SPLIT, "--by", "region,rep", "--basis", "equal"]
    files = run("-w", str(_files(tmp_path / "files", ROWS, customers=CUSTOMERS)), *asked)
    assert files.exit_code == 0, files.stderr
    _postgres_lines(postgres_url, _frame(ROWS), reader=None)
    folder = _workspace(tmp_path / "pg", CUSTOMERS)
    _postgres_workspace(folder, postgres_url)
    (folder / "targets.csv").unlink()
    fetched = run("-w", str(folder), *asked)
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout == files.stdout
    # the same lines through a query as psql takes it, a CTE ending in ; and a comment
    query = "with l as (select * from erp.order_lines) select * from l; -- every line"
    (folder / "salescli.toml").unlink()  # the query in place of the table
    _postgres_workspace(folder, postgres_url, query=f'"{query}"')
    (folder / "targets.csv").unlink()
    queried = run("-v", "-w", str(folder), *asked)
    assert queried.exit_code == 0, queried.stderr
    assert queried.stdout == files.stdout
    assert "\"下单日期\" >= DATE '2024-01-01'" in queried.stderr


@pytest.mark.parametrize("zoned", [False, True])
@pytest.mark.parametrize(
    "asked", [(), ("--basis", "equal"), ("--year", "2027", "--basis", "equal")]
)
def test_a_split_over_timestamps_near_midnight_is_the_files_split(
    zoned: bool, asked: tuple[str, ...], tmp_path: Path
) -> None:
    """Order dates as timestamps (in the policy's zone, or zoned, kept in UTC): a line at
    01:00 on 1 January of the base year is 17:00 on 31 December in UTC, outside the window's
    `>= DATE`; it is still fetched (a customer's edge lines) and counted in the base year.
    The window to the end of time adds its days without overflow."""
    rows = [
        order_row("SO1", "2021-03-02 10:00", "C9", 900, rep="赵六"),
        order_row("SO4", "2023-04-03 10:00", "C1", 200),
        order_row("SO5", "2023-12-31 23:30", "C2", 400, rep="李四"),
        order_row("SO6", "2024-01-01 01:00", "C6", 300, rep="孙七"),
        order_row("SO7", "2024-05-20 10:00", "C2", 500, rep="李四"),
        order_row("SO8", "2024-12-31 23:59", "C1", 150, rep=None),
        order_row("SO9", "2025-01-01 00:30", "C3", 250, rep="王五"),
    ]
    lines = _frame(rows)
    lines["下单日期"] = pd.to_datetime([row[1] for row in rows])
    if zoned:
        lines["下单日期"] = lines["下单日期"].dt.tz_localize("Asia/Shanghai").dt.tz_convert("UTC")
    command = [*SPLIT, *asked]
    files = run("-w", str(_files(tmp_path / "files", rows)), *command)
    assert files.exit_code == 0, files.stderr
    for kind in ("month", "duckdb"):
        fetched = run("-w", str(_sourced(tmp_path / kind, lines, kind)), *command)
        assert fetched.exit_code == 0, fetched.stderr
        assert fetched.stdout == files.stdout


# --- the members: those with orders from the base year on ----------------------------------

GONE = [
    order_row("SO1", "2022-06-01", "C9", 300, rep="赵六"),  # left in 2022
    order_row("SO2", "2024-03-01", "C9", -300, rep="赵六"),  # a return of SO1, in 2024
    order_row("SO3", "2024-12-30", "C4", 250, rep="孙七", 状态="已取消"),  # cancelled
    order_row("SO4", "2024-02-03", "C1", 300),
    order_row("SO5", "2024-05-20", "C2", 500, rep="李四"),
]


@pytest.mark.parametrize("kind", ["files", "month"])
def test_a_cancelled_order_or_a_return_makes_no_member(kind: str, tmp_path: Path) -> None:
    """A rep gone in 2022 whose customer returned the goods in 2024 (the return carries his
    name), and one whose only line since is a cancelled order: neither sold in the base year,
    and a cancelled order counts nowhere (POLICY 4.2), a return is no order. They took an
    equal share each (exit 0): 300,000 of 1,200,000 for a rep who left years ago."""
    if kind == "files":
        folder = _files(tmp_path / "files", GONE)
    else:
        folder = _sourced(tmp_path / "lake", _frame(GONE), kind)
    equal = run("-w", str(folder), *SPLIT, "--basis", "equal")
    assert equal.exit_code == 0, equal.stderr
    per_rep = pd.read_csv(io.StringIO(equal.stdout)).groupby("rep")["target"]
    assert per_rep.sum().to_dict() == {"张三": 600_000, "李四": 600_000}
    history = run("-w", str(folder), *SPLIT)
    assert history.exit_code == 0, history.stderr
    assert "赵六" not in history.stderr and "孙七" not in history.stderr  # not "no target"


def test_a_weights_file_region_without_members_is_refused_not_shared_out(
    tmp_path: Path,
) -> None:
    """--weights by region, --by region,rep: 华北's only rep left in 2022, so 华北 has no
    member. Its weight (half the total) went to the other regions, said nowhere (exit 0)."""
    rows = [
        order_row("SO1", "2022-03-01", "C1", 100, rep="赵六", 区域="华北"),
        order_row("SO2", "2024-03-01", "C2", 100, rep="张三", 区域="华东"),
        order_row("SO3", "2024-05-01", "C3", 300, rep="李四", 区域="华南"),
    ]
    folder = _files(tmp_path / "files", rows)
    weights = write_csv(
        tmp_path / "weights.csv", [["region", "weight"], ["华北", 5], ["华东", 3], ["华南", 2]]
    )
    asked = [*SPLIT, "--by", "region,rep", "--weights", str(weights)]
    done = run("-w", str(folder), *asked)
    assert done.exit_code == 2, done.stderr
    assert "华北" in done.stderr and str(weights) in done.stderr
    assert "hint:" in done.stderr and "--include 华北/" in done.stderr
    assert done.stdout == ""
    # named with --include, 华北 takes its half
    included = run("-w", str(folder), *asked, "--include", "华北/周八")
    assert included.exit_code == 0, included.stderr
    per_region = pd.read_csv(io.StringIO(included.stdout)).groupby("region")
    assert per_region["target"].sum().to_dict() == {
        "华东": 360_000,
        "华北": 600_000,
        "华南": 240_000,
    }
    # a weight of 0 for it: nothing to give, nothing refused
    write_csv(weights, [["region", "weight"], ["华北", 0], ["华东", 3], ["华南", 2]])
    assert run("-w", str(folder), *asked).exit_code == 0


# --- the window to the end of time ----------------------------------------------------------


@pytest.mark.parametrize("kind", ["month", "duckdb"])
def test_a_line_dated_after_9999_01_01_is_refused_as_from_the_files(
    kind: str, tmp_path: Path
) -> None:
    """9999-12-31 is an ERP's "no date": the files' split refuses it (65). The window to the
    end of time ended on 9999-01-01, and had no later lines' query: the line was left in the
    source, unsaid, and the split went on (exit 0)."""
    rows = [
        order_row("SO4", "2023-04-03", "C1", 200),
        order_row("SO5", "2024-03-01", "C2", 400, rep="李四"),
        order_row("SO8", "9999-12-31", "C4", 150, rep="钱十"),
    ]
    files = run("-w", str(_files(tmp_path / "files", rows)), *SPLIT)
    assert files.exit_code == 65, files.stderr
    fetched = run("-w", str(_sourced(tmp_path / kind, _frame(rows), kind)), *SPLIT)
    assert fetched.exit_code == 65, fetched.stderr
    assert "9999-12-31" in fetched.stderr
    assert fetched.stdout == ""


# --- a source's query -----------------------------------------------------------------------

READ = {
    "a CTE": "with l as (select * from lines) select * from l",
    "ORDER BY and LIMIT": "select * from lines order by 订单编号 limit 100",
    "block comments": "/* the lines */ select * from lines /* every one */",
    "a comment line first": "-- the lines\\nselect * from lines",
    "two semicolons": "select * from lines ;; ",
    "a ; in a text": "select * from lines where 订单编号 <> ';'",
}


@pytest.mark.parametrize("kind", ["postgresql", "sqlite", "duckdb"])
def test_a_query_a_sql_prompt_takes_is_read_as_the_export(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from tests.data.test_sources import MONTH, _query_lines, _small_copy, _source

    url = request.getfixturevalue("postgres_url") if kind == "postgresql" else None
    expected = run("-w", str(_small_copy(tmp_path / "csv")), *MONTH)
    assert expected.exit_code == 0, expected.stderr
    folder = tmp_path / "ws"
    source = _query_lines(folder, kind, url)
    for said, query in READ.items():
        _source(folder, source, query=f'"{query}"')
        done = run("--no-cache", "-w", str(folder), *MONTH)
        assert done.exit_code == 0, (said, done.stderr)
        assert done.stdout == expected.stdout, said
    # a query that parses but names a column the source lacks: a table missing (66)
    _source(folder, source, query='"select nope from lines"')
    missing = run("--no-cache", "-w", str(folder), *MONTH)
    assert missing.exit_code == 66, missing.stderr
    assert "does not parse" not in missing.stderr and "nope" in missing.stderr
    # one that does not parse, in Chinese: 78, the setting to correct
    _source(folder, source, query='"select * frm lines"')
    zh = run("--lang", "zh", "--no-cache", "-w", str(folder), *MONTH)
    assert zh.exit_code == 78, zh.stderr
    assert "查询语句无法解析" in zh.stderr and "请改正 salescli.toml 中的 query" in zh.stderr


@pytest.mark.parametrize("kind", ["postgresql", "sqlite", "duckdb"])
def test_a_query_ending_in_a_semicolon_and_a_comment_is_read(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """`select … ; -- why`, as psql or DuckDB's prompt takes it (and as a .sql file is
    often copied): the `;` was kept before the comment, and the query was refused as one
    that "does not parse" (78), its hint asking for one SELECT, which it is."""
    from tests.data.test_sources import MONTH, _query_lines, _small_copy, _source

    url = request.getfixturevalue("postgres_url") if kind == "postgresql" else None
    expected = run("-w", str(_small_copy(tmp_path / "csv")), *MONTH)
    folder = tmp_path / "ws"
    source = _query_lines(folder, kind, url)
    for query in (
        "select * from lines; -- every line",
        "select * from lines; -- every line\\n-- 2024 too\\n",
        "select * from lines -- every line;",
    ):
        _source(folder, source, query=f'"{query}"')
        done = run("--no-cache", "-w", str(folder), *MONTH)
        assert done.exit_code == 0, (query, done.stderr)
        assert done.stdout == expected.stdout
    # a ; inside a text is the query's own: kept, and the query reads it
    _source(folder, source, query='''"select * from lines where 订单编号 <> ';--'"''')
    kept = run("--no-cache", "-w", str(folder), *MONTH)
    assert kept.exit_code == 0, kept.stderr
    assert kept.stdout == expected.stdout


# --- what a split over a source records -----------------------------------------------------


@pytest.mark.parametrize(("year", "since"), [("2025", "2024-01-01"), ("2027", "2024-01-07")])
def test_a_splits_run_record_says_the_days_fetched_whole_to_the_last(
    year: str, since: str, tmp_path: Path
) -> None:
    """`salescli_runs.inputs` of a split over a lake: fetched whole from the base year's
    first day (or, for orders that end before it, the year up to their last line: the
    second fetch's), to the last line (`until` null, not 9999-01-01)."""
    import json
    import sqlite3

    folder = _sourced(tmp_path / "lake", _frame(ROWS), "month", CUSTOMERS)
    out = tmp_path / "out.db"
    asked = ["split-targets", "--year", year, "--total", "1200000", "--basis", "equal"]
    done = run("-q", "-w", str(folder), *asked, "-o", f"sqlite:///{out}")
    assert done.exit_code == 0, done.stderr
    with sqlite3.connect(out) as db:
        (inputs,) = db.execute("SELECT inputs FROM salescli_runs").fetchone()
    (orders,) = [i for i in json.loads(inputs) if i.get("input") == "orders"]
    assert (orders["since"], orders["until"]) == (since, None)
    assert 0 < orders["rows"] < len(ROWS)


# --- the memory policy: process-wide --------------------------------------------------------


def test_arrays_of_the_pool_before_the_switch_are_freed_after_it_and_figures_hold(
    tmp_path: Path,
    calls: list[tuple[int, int]],  # noqa: F811
) -> None:
    """A program (or a test session) holding Arrow arrays from mimalloc when a command over
    a source switches Arrow to the C library's pool: they are freed to their own pool, and
    the files' split made after the switch is the one made before it."""
    import pyarrow as pa

    from salescli import memory

    pa.set_memory_pool(pa.mimalloc_memory_pool())
    files = _files(tmp_path / "files", ROWS, customers=CUSTOMERS)
    before = run("-w", str(files), *SPLIT)
    held = pa.array(range(1_000_000), type=pa.int64())  # from mimalloc
    assert held.buffers()[1].address and pa.total_allocated_bytes() >= 8_000_000
    lake = _sourced(tmp_path / "lake", _frame(ROWS), "month", CUSTOMERS)
    fetched = run("-w", str(lake), *SPLIT)
    assert fetched.exit_code == 0, fetched.stderr
    assert pa.default_memory_pool().backend_name == "system"
    assert (memory.M_MMAP_THRESHOLD, 1 << 20) in calls
    assert held.sum().as_py() == 499_999_500_000  # still readable after the switch
    del held
    after = run("-w", str(files), *SPLIT)
    assert after.exit_code == 0, after.stderr
    assert after.stdout == before.stdout == fetched.stdout


def test_an_undated_line_stops_the_split_over_a_source_as_over_files(tmp_path: Path) -> None:
    """A line without an order date: fetched apart (not in the window's days), refused as
    the files' own (65), placed by its key."""
    rows = [*ROWS, order_row("SO98", "", "C8", 100, rep="冯二")]
    files = run("-w", str(_files(tmp_path / "files", rows, customers=CUSTOMERS)), *SPLIT)
    assert files.exit_code == 65, files.stderr
    for kind in ("month", "duckdb"):
        folder = _sourced(tmp_path / kind, _frame(rows), kind, CUSTOMERS)
        fetched = run("-w", str(folder), *SPLIT)
        assert fetched.exit_code == 65, fetched.stderr
        assert "order_id SO98" in fetched.stderr and "required value is empty" in fetched.stderr


def test_a_split_read_by_spark_is_the_files_split(
    tmp_path: Path,
    spark: object,  # noqa: F811
) -> None:
    """`[engine] kind = "spark"` over the month-partitioned lake: the window to the end of
    time prunes its partitions as DuckDB's does, the split is the files' own."""
    from tests.data.test_spark import _spark_engine

    asked = [*SPLIT, "--by", "region,rep", "--basis", "equal"]
    files = run("-w", str(_files(tmp_path / "files", ROWS, customers=CUSTOMERS)), *asked)
    assert files.exit_code == 0, files.stderr
    folder = _sourced(tmp_path / "lake", _frame(ROWS), "month", CUSTOMERS)
    _spark_engine(folder)
    fetched = run("-w", str(folder), *asked)
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout == files.stdout


def test_a_duckdb_query_naming_its_tables_as_before_still_reads(tmp_path: Path) -> None:
    """A DuckDB file is `USE`d: a query naming its tables unqualified reads, and one written
    before, naming them by the file's alias (`source.lines`) or its schema (`main.lines`),
    reads the same lines."""
    from tests.data.test_sources import MONTH, _query_lines, _small_copy, _source

    expected = run("-w", str(_small_copy(tmp_path / "csv")), *MONTH)
    folder = tmp_path / "ws"
    source = _query_lines(folder, "duckdb")
    for query in ("select * from lines", "select * from source.lines", "from main.lines"):
        _source(folder, source, query=f'"{query}"')
        done = run("--no-cache", "-w", str(folder), *MONTH)
        assert done.exit_code == 0, (query, done.stderr)
        assert done.stdout == expected.stdout, query
