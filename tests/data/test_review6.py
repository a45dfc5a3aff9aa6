"""A hostile read of the values and types a database or lake source gives: the same lines
give the figures a CSV export of them gives, or the run is refused (65) naming the table,
the column and the value; never an internal error, never exit 0 with another figure."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run, set_settings, write_csv
from tests.postgres import postgres_server, postgres_url  # noqa: F401

HEADER = ["订单编号", "下单日期", "客户编号", "销售代表", "金额", "状态"]
LINES = [
    ["SO1", "2024-05-03", "C1", "张三", "100.50", "已完成"],
    ["SO2", "2024-05-04", "C2", "李四", "40", "已完成"],
    ["SO3", "2024-04-04", "C1", "张三", "7", "已完成"],
]
COLUMNS = '"订单编号" text, "下单日期" date, "客户编号" text, "销售代表" text, "金额" numeric'


def _workspace(folder: Path) -> Path:
    folder.mkdir(parents=True)
    targets: list[list[Any]] = [["rep", "period", "target"]]
    targets += [[rep, "2024-05", 300] for rep in ("张三", "李四")]
    write_csv(folder / "targets.csv", targets)
    return folder


def _figures(folder: Path) -> dict[str, tuple[int, Any]]:
    """A month's appraisal and a quarter's classification: their JSON, or the exit code and
    what the run said."""
    said = {}
    for command in (["appraise", "--month", "2024-05"], ["classify", "--quarter", "2024Q2"]):
        done = run("--no-cache", "-w", str(folder), *command, "--format", "json")
        shown = json.loads(done.stdout) if done.exit_code == 0 else done.stdout + done.stderr
        said[command[0]] = (done.exit_code, shown)
    return said


def _from_csv(folder: Path, lines: list[list[Any]], header: list[str] = HEADER) -> dict:
    write_csv(_workspace(folder) / "orders.csv", [header, *lines])
    return _figures(folder)


def _from_source(folder: Path, make: Callable[[Path], None]) -> dict:
    make(_workspace(folder))
    return _figures(folder)


def _postgres(url: str, columns: str, rows: list[list[Any]]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        import psycopg

        with psycopg.connect(url, autocommit=True) as db:
            db.execute("DROP TABLE IF EXISTS lines")
            db.execute(f"CREATE TABLE lines ({columns})")
            marks = ", ".join(["%s"] * len(rows[0]))
            for row in rows:
                db.execute(f"INSERT INTO lines VALUES ({marks})", row)
        set_settings(folder / "salescli.toml", "inputs.orders", source=f'"{url}"', table='"lines"')

    return make


# --- PostgreSQL -----------------------------------------------------------------------------


def test_uuid_customer_ids_from_postgresql_give_the_csv_figures(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """A `uuid` column is its text, as psycopg gave it (the driver's arrow.uuid could not
    be sorted: an internal error)."""
    ids = {c: f"6f1e2d3c-0000-4000-8000-00000000000{c[1]}" for c in ("C1", "C2")}
    lines = [[r[0], r[1], ids[r[2]], *r[3:5]] for r in LINES]
    columns = COLUMNS.replace('"客户编号" text', '"客户编号" uuid')
    expected = _from_csv(tmp_path / "csv", lines, HEADER[:5])
    assert expected["classify"][0] == 0
    assert _from_source(tmp_path / "pg", _postgres(postgres_url, columns, lines)) == expected


@pytest.mark.parametrize(("kind", "value"), [("text[]", ["x", "y"]), ("interval", "1 day")])
def test_a_postgresql_array_or_interval_column_is_refused_naming_it(
    kind: str,
    value: Any,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """An unknown column of a type salescli has no text for (an array, an interval) stops
    the run (65) naming the column and saying to cast it, as a binary-only type does; it
    was an internal error (70)."""
    lines = [[*r[:5], value] for r in LINES]
    columns = f'{COLUMNS}, "附加" {kind}'
    said = _from_source(tmp_path / "pg", _postgres(postgres_url, columns, lines))
    for code, text in said.values():
        assert code == 65, text
        assert "column 附加" in text and "cast the column to text in a query" in text


@pytest.mark.parametrize("kind", ["date", "timestamp", "timestamptz"])
@pytest.mark.parametrize("day", ["infinity", "-infinity"])
def test_an_infinite_postgresql_order_date_is_refused_naming_it(
    kind: str,
    day: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """`infinity` as an order date stops the run (65) naming the column and the value, as a
    CSV's `infinity` does; it was an internal error (70), the driver's day count having no
    day in Python."""
    lines = [[r[0], day if r[0] == "SO3" else r[1], *r[2:5]] for r in LINES]
    columns = COLUMNS.replace('"下单日期" date', f'"下单日期" {kind}')
    said = _from_source(tmp_path / "pg", _postgres(postgres_url, columns, lines))
    for code, text in said.values():
        assert code == 65, text
        assert f"column 下单日期, value '{day}'" in text, text
        assert "outside the years 1 to 9999" in text


# --- SQLite: a column's cells may each have their own type ----------------------------------


def _sqlite(amount_type: str, rows: list[list[Any]], untyped: str = "") -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        with sqlite3.connect(folder / "sales.db") as db:
            created = (
                'CREATE TABLE lines ("订单编号" TEXT, "下单日期" TEXT, "客户编号" TEXT, '
                f'"销售代表" TEXT, "金额" {amount_type}, "状态" TEXT)'
            )
            db.execute(created.replace(f'"{untyped}" TEXT', f'"{untyped}"'))
            db.executemany("INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?)", rows)
        source = '"sqlite:///sales.db"'
        set_settings(folder / "salescli.toml", "inputs.orders", source=source, table='"lines"')

    return make


@pytest.mark.parametrize(
    ("amount_type", "amounts", "code"),
    [
        ("REAL", ["1,234.50", "40", "7"], 0),  # text beside numbers: read as the CSV reads it
        ("INTEGER", ["abc", "40", "7"], 65),  # refused naming the value, as in the CSV
        ("REAL", ["", "40", "7"], 65),  # an empty amount
        ("REAL", ["1e3", "0x10", "7"], 65),  # 0x10 is no number
    ],
)
def test_sqlite_cells_of_mixed_types_give_the_csv_figures_or_the_csv_refusal(
    amount_type: str, amounts: list[str], code: int, tmp_path: Path
) -> None:
    """SQLite keeps '1,234.50' as text in a REAL column (and 'abc' in an INTEGER one) beside
    the numbers of the other rows; such a column was an internal error (70)."""
    lines = [[*r[:4], amount, r[5]] for r, amount in zip(LINES, amounts, strict=True)]
    expected = _from_csv(tmp_path / "csv", lines)
    assert {c for c, _ in expected.values()} == {code}
    said = _from_source(tmp_path / "sqlite", _sqlite(amount_type, lines))
    if code == 0:
        assert said == expected
        return
    for (got, text), (_, wanted) in zip(said.values(), expected.values(), strict=True):
        assert got == 65, text
        # the same refusal, placed by the line's key instead of the file's row
        assert wanted.split(", column ", 1)[1] == text.split(", column ", 1)[1]


def test_sqlite_ids_stored_as_numbers_and_text_are_one_customer(tmp_path: Path) -> None:
    """A column without a type keeps 1001, '1001' and 1001.0 as SQLite was given them: one
    customer 1001, as the CSV says (it was an internal error, 70)."""
    lines = [[*r[:2], "1001", *r[3:]] for r in LINES]
    expected = _from_csv(tmp_path / "csv", lines)
    assert expected["classify"][0] == 0
    stored = [[*r[:2], cell, *r[3:]] for r, cell in zip(LINES, [1001, "1001", 1001.0], strict=True)]
    said = _from_source(tmp_path / "sqlite", _sqlite("REAL", stored, untyped="客户编号"))
    assert said == expected


# --- Parquet: a hive partition is where the lake put a file, the line's date its day --------


def _lake(files: dict[str, list[list[Any]]], kind: str) -> Callable[[Path], None]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    def make(folder: Path) -> None:
        for name, rows in files.items():
            path = folder / "lake" / f"{name}.{kind}"
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "csv":
                write_csv(path, [HEADER, *rows])
                continue
            columns = [list(c) for c in zip(*rows, strict=True)]
            columns[1] = [date.fromisoformat(d) for d in columns[1]]
            columns[4] = [float(a) for a in columns[4]]
            pq.write_table(pa.table(dict(zip(HEADER, columns, strict=True))), path)
        set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')

    return make


# a line dated 2024-05-20 filed under month=2024-06/ (a partition written by the load date)
MISFILED_LINES = [
    ["SO1", "2024-05-20", "C1", "张三", "100", "已完成"],
    ["SO2", "2024-05-04", "C2", "李四", "40", "已完成"],
    ["SO3", "2024-07-04", "C1", "张三", "7", "已完成"],  # C1's latest line
    ["SO4", "2024-04-04", "C1", "张三", "9", "已完成"],
]
MISFILED = {
    "month=2024-06/part-0": MISFILED_LINES[:1],
    "month=2024-05/part-0": MISFILED_LINES[1:2],
    "month=2024-07/part-0": MISFILED_LINES[2:3],
    "month=2024-04/part-0": MISFILED_LINES[3:],
}


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_line_in_a_partition_of_another_month_is_counted_in_its_own(
    kind: str, tmp_path: Path
) -> None:
    """A line dated 2024-05-20 filed under month=2024-06/ (a late load, a partition written
    by the load date) is a May line as the CSV says: the May appraisal counted 张三 0 with
    exit 0, the partition having kept the file out of the window's query."""
    expected = _from_csv(tmp_path / "csv", MISFILED_LINES)
    assert expected["appraise"][1][0]["amount"] == 100.0
    assert _from_source(tmp_path / "lake", _lake(MISFILED, kind)) == expected


@pytest.mark.parametrize("kind", ["list", "struct", "bytes"])
def test_a_parquet_list_or_struct_column_is_refused_naming_it(kind: str, tmp_path: Path) -> None:
    """A Parquet column of lists, records or bytes that are no text beside the lines'
    columns stops the run (65) naming it; it was an internal error (70)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = _workspace(tmp_path / "lake")
    columns = [list(c) for c in zip(*LINES, strict=True)]
    columns[1] = [date.fromisoformat(d) for d in columns[1]]
    columns[4] = [float(a) for a in columns[4]]
    table = pa.table(dict(zip(HEADER, columns, strict=True)))
    extra = {"list": [["x"], [], ["y"]], "struct": [{"a": 1}] * 3, "bytes": [b"\xfd\x00"] * 3}
    (folder / "lake").mkdir()
    table = table.append_column("附加", pa.array(extra[kind]))
    pq.write_table(table, folder / "lake" / "0.parquet")
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')
    for code, text in _figures(folder).values():
        assert code == 65, text
        assert "column 附加" in text and "cast the column to text in a query" in text


# --- a CSV folder: its text is read as a CSV file's is ----------------------------------------


def _csv_folder(files: dict[str, list[list[Any]]]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "lake").mkdir()
        for name, rows in files.items():
            write_csv(folder / "lake" / name, [HEADER, *rows])
        set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')

    return make


@pytest.mark.parametrize("clock", ["", " 10:00:00"])
def test_month_first_dates_in_a_csv_folder_are_read_as_the_csv_reads_them(
    clock: str, tmp_path: Path
) -> None:
    """05/03/2024 in a US export is 3 May: 12/25/2023 in the same lines settles it. DuckDB's
    sniffer read each file apart, day-first when nothing in that file settled it: 5 March,
    and the May appraisal counted 张三 0 with exit 0."""
    lines = [
        ["SO1", f"05/03/2024{clock}", "C1", "张三", "100.5", "已完成"],
        ["SO2", f"05/04/2024{clock}", "C2", "李四", "40", "已完成"],
        ["SO3", f"12/25/2023{clock}", "C1", "张三", "7", "已完成"],
    ]
    expected = _from_csv(tmp_path / "csv", lines)
    assert expected["appraise"][1][0]["amount"] == 100.5
    files = {"a.csv": lines[:1], "b.csv": lines[1:]}
    assert _from_source(tmp_path / "lake", _csv_folder(files)) == expected


def test_an_amount_of_1_234_in_a_csv_folder_is_refused_as_in_the_csv(tmp_path: Path) -> None:
    """A CSV file's 1.234 may be 1234 (a thousands dot) or 1.234: the file's run is refused
    (65) until `decimal` says which. Read from a CSV folder, DuckDB's sniffer read 1.234."""
    lines = [[*LINES[0][:4], "1.234", LINES[0][5]], *LINES[1:]]
    expected = _from_csv(tmp_path / "csv", lines)
    assert {code for code, _ in expected.values()} == {65}
    said = _from_source(tmp_path / "lake", _csv_folder({"a.csv": lines}))
    assert {code for code, _ in said.values()} == {65}


@pytest.mark.parametrize(
    ("kind", "day"),
    [("DATE", "infinity"), ("TIMESTAMP", "-infinity"), ("DATE", "20000-01-01")],
)
def test_an_order_date_outside_pythons_years_in_a_duckdb_file_is_refused_naming_it(
    kind: str, day: str, tmp_path: Path
) -> None:
    """DuckDB keeps infinity and a year 20000 as dates; the run stops (65) naming the
    column and the value, as the CSV's refusal does; it was an internal error (70)."""
    duckdb = pytest.importorskip("duckdb")
    lines = [[r[0], day if r[0] == "SO3" else r[1], *r[2:]] for r in LINES]
    folder = _workspace(tmp_path / "duckdb")
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.execute(
            f'CREATE TABLE lines ("订单编号" VARCHAR, "下单日期" {kind}, "客户编号" VARCHAR, '
            '"销售代表" VARCHAR, "金额" DOUBLE, "状态" VARCHAR)'
        )
        db.executemany("INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?)", lines)
    source = '"duckdb:///sales.duckdb"'
    set_settings(folder / "salescli.toml", "inputs.orders", source=source, table='"lines"')
    for code, text in _figures(folder).values():
        assert code == 65, text
        assert f"column 下单日期, value '{day}'" in text, text


def test_twenty_digit_ids_in_a_csv_folder_stay_apart(tmp_path: Path) -> None:
    """Order and customer numbers of 20 digits (a platform's, a phone number with its
    country code) are text, as in the CSV: DuckDB's sniffer made them doubles, and
    12345678901234567890 and …891 were one customer with exit 0."""
    ids = {"C1": "12345678901234567890", "C2": "12345678901234567891"}
    lines = [[f"9{r[0][2]}234567890123456789", r[1], ids[r[2]], *r[3:]] for r in LINES]
    expected = _from_csv(tmp_path / "csv", lines)
    assert len(expected["classify"][1]) == 2
    files = {"a.csv": lines[:1], "b.csv": lines[1:]}
    assert _from_source(tmp_path / "lake", _csv_folder(files)) == expected


TWENTY_DIGITS = {"C1": "12345678901234567890", "C2": "12345678901234567891"}


def test_twenty_digit_numeric_ids_from_postgresql_stay_apart(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """A numeric(20,0) customer id is its digits, as in the CSV: read as a double, two
    customers were one (1.2345678901234567e+19) with exit 0."""
    lines = [[r[0], r[1], TWENTY_DIGITS[r[2]], *r[3:5]] for r in LINES]
    expected = _from_csv(tmp_path / "csv", lines, HEADER[:5])
    assert len(expected["classify"][1]) == 2
    columns = COLUMNS.replace('"客户编号" text', '"客户编号" numeric(20,0)')
    assert _from_source(tmp_path / "pg", _postgres(postgres_url, columns, lines)) == expected


def test_twenty_digit_decimal_ids_in_parquet_stay_apart(tmp_path: Path) -> None:
    """Spark writes a long id as decimal(20,0): its digits, as in the CSV."""
    from decimal import Decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = [[r[0], r[1], TWENTY_DIGITS[r[2]], *r[3:]] for r in LINES]
    expected = _from_csv(tmp_path / "csv", lines)
    folder = _workspace(tmp_path / "lake")
    columns = [list(c) for c in zip(*lines, strict=True)]
    columns[1] = [date.fromisoformat(d) for d in columns[1]]
    columns[4] = [float(a) for a in columns[4]]
    table = pa.table(dict(zip(HEADER, columns, strict=True)))
    ids = pa.array([Decimal(i) for i in columns[2]], pa.decimal128(20, 0))
    table = table.set_column(2, HEADER[2], ids)
    (folder / "lake").mkdir()
    pq.write_table(table, folder / "lake" / "0.parquet")
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')
    assert _figures(folder) == expected


def test_nineteen_digit_order_ids_beside_a_continuation_row_stay_apart(tmp_path: Path) -> None:
    """Odoo's continuation row leaves the order number blank: pandas made the int64 column
    with a blank doubles, 6912345678901234567 and …568 one number (an internal error, 70).
    Read as their digits, as the CSV reads them: two orders, the blank line the first's."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = [
        ["6912345678901234567", "2024-05-03", "C1", "张三", "100", "已完成"],
        ["", "", "", "", "5", ""],
        ["6912345678901234568", "2024-05-04", "C1", "张三", "40", "已完成"],
    ]
    expected = _from_csv(tmp_path / "csv", lines)
    assert expected["classify"][1][0]["frequency"] == 2
    folder = _workspace(tmp_path / "lake")
    (folder / "lake").mkdir()
    table = pa.table(
        {
            "订单编号": pa.array([6912345678901234567, None, 6912345678901234568], pa.int64()),
            "下单日期": [date(2024, 5, 3), None, date(2024, 5, 4)],
            "客户编号": ["C1", None, "C1"],
            "销售代表": ["张三", None, "张三"],
            "金额": [100.0, 5.0, 40.0],
            "状态": ["已完成", None, "已完成"],
        }
    )
    pq.write_table(table, folder / "lake" / "0.parquet")
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')
    assert _figures(folder) == expected
