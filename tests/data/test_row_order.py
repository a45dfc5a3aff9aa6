"""Continuation rows (`fill_down`: a line without an order number belongs to the order of the
row above it) from a source that keeps no order of rows. PostgreSQL gives a table's rows in no
set order (a parallel scan interleaves them, an update moves a row): read in the order it gave
them, a lamp could join another customer's order with exit 0. Such a table is refused (65)
unless a query sorts its rows; the hint's query then gives the figures of the rows read as a
file in their order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salescli.data.sources import _sorted
from tests.helpers import run, set_settings, write_csv
from tests.postgres import postgres_server, postgres_url  # noqa: F401

HEADER = [
    "行号",
    "订单编号",
    "下单日期",
    "客户编号",
    "销售代表",
    "产品型号",
    "数量",
    "单价",
    "金额",
]
LINES = [
    [1, "S1", "2024-05-03", "C1", "张三", "Desk", 2, 500, 1000],
    [2, None, None, None, None, "Lamp", 3, 100, 300],
    [3, "S2", "2024-05-10", "C2", "李四", "Desk", 1, 500, 500],
    [4, None, None, None, None, "Lamp", 2, 100, 200],
    [5, None, None, None, None, "Chair", 1, 80, 80],
    [6, "S3", "2024-05-12", "C3", "李四", "Lamp", 4, 100, 400],
]
# each customer's lines, by the order of the rows: C1 1000 + 300, C2 500 + 200 + 80, C3 400
RIGHT = {"C1": 1300.0, "C2": 780.0, "C3": 400.0}


@pytest.fixture
def scrambled(postgres_url: str) -> str:  # noqa: F811
    """The lines in a PostgreSQL table whose stored order is not the lines' order: inserted
    last line first, so a scan gives S3's lamp first and the continuation rows after the
    orders they are not part of."""
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(
            'CREATE TABLE odoo_lines ("行号" int, "订单编号" text, "下单日期" date, '
            '"客户编号" text, "销售代表" text, "产品型号" text, "数量" int, "单价" numeric, '
            '"金额" numeric(12,2))'
        )
        with db.cursor().copy("COPY odoo_lines FROM STDIN") as copy:
            for row in reversed(LINES):
                copy.write_row(row)
    return postgres_url


def _amounts(folder: Path) -> tuple[int, dict[str, float], str]:
    done = run(
        "--no-cache", "-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json"
    )
    if done.exit_code:
        return done.exit_code, {}, done.stderr
    rows = json.loads(done.stdout)
    return 0, {r["customer_id"]: r["amount"] for r in rows if r["amount"]}, done.stderr


def _workspace(folder: Path, source: str, **more: str) -> Path:
    folder.mkdir()
    set_settings(folder / "salescli.toml", "inputs.orders", source=f'"{source}"', **more)
    return folder


def test_the_lines_as_a_file_in_their_order_give_the_right_figures(tmp_path: Path) -> None:
    folder = tmp_path / "file"
    folder.mkdir()
    write_csv(
        folder / "orders.csv", [HEADER, *[["" if v is None else v for v in r] for r in LINES]]
    )
    assert _amounts(folder)[:2] == (0, RIGHT)


def test_a_postgresql_table_of_continuation_rows_is_refused_naming_the_sorting_query(
    tmp_path: Path, scrambled: str
) -> None:
    folder = _workspace(tmp_path / "ws", scrambled, table='"odoo_lines"')
    code, _, said = _amounts(folder)
    assert code == 65, said
    assert "3 lines have no order number" in said and "no set order" in said
    assert "订单编号" in said
    assert 'query = "SELECT * FROM odoo_lines ORDER BY <the line number>"' in said


def test_the_hint_s_sorting_query_gives_the_figures_of_the_rows_in_their_order(
    tmp_path: Path, scrambled: str
) -> None:
    """The hint followed: the rows sorted by their line number are read as the file is."""
    query = '"SELECT * FROM odoo_lines ORDER BY \\"行号\\""'
    folder = _workspace(tmp_path / "ws", scrambled, query=query)
    code, amounts, said = _amounts(folder)
    assert (code, amounts) == (0, RIGHT), said


def test_fill_down_off_reports_each_line_without_its_order(tmp_path: Path, scrambled: str) -> None:
    """The hint's other way: fill_down = false. No line takes another's order: each is
    refused as a line without its order number."""
    folder = _workspace(tmp_path / "ws", scrambled, table='"odoo_lines"', fill_down="false")
    code, _, said = _amounts(folder)
    assert code == 65, said
    assert "column order_id: required value is empty" in said


def test_a_query_sorted_only_inside_parentheses_does_not_sort_its_rows() -> None:
    assert _sorted("SELECT * FROM t ORDER BY n")
    assert _sorted('select * from (select * from t) s order\n by "行号" desc')
    assert not _sorted("SELECT *, row_number() OVER (ORDER BY n) FROM t")
    assert not _sorted("SELECT * FROM (SELECT * FROM t ORDER BY n) AS s")
    assert not _sorted("SELECT * FROM t WHERE borders_by > 0")
    assert not _sorted(None)


# an order's total on each of its lines (amount_level = "order"), no quantities nor prices:
# the total counts once, on the order's first line, with that line's category
TOTALS = ["订单编号", "下单日期", "客户编号", "销售代表", "产品类别", "订单金额"]
ORDERS = [
    ["S1", "2024-05-03", "C1", "张三", "办公桌", 1300],
    ["S1", "2024-05-03", "C1", "张三", "灯具", 1300],
    ["S2", "2024-05-10", "C2", "李四", "灯具", 780],
    ["S2", "2024-05-10", "C2", "李四", "椅子", 780],
    ["S2", "2024-05-10", "C2", "李四", "办公桌", 780],
]


def _stored(url: str, table: str, rows: list[list]) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute(
            f'CREATE TABLE {table} ("订单编号" text, "下单日期" date, "客户编号" text, '
            '"销售代表" text, "产品类别" text, "订单金额" numeric(12,2))'
        )
        with db.cursor().copy(f"COPY {table} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


@pytest.mark.parametrize("how", ["table", "query sorted by order only"])
def test_an_order_s_first_line_from_postgresql_is_the_same_whatever_order_it_stores_them(
    how: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """The same lines stored in two orders (as an update or a parallel scan would give them):
    the month's report is the same bytes from both, each order's total counted once."""
    _stored(postgres_url, "stored", ORDERS)
    _stored(postgres_url, "reversed", list(reversed(ORDERS)))
    reports = []
    for table in ("stored", "reversed"):
        if how == "table":
            folder = _workspace(tmp_path / table, postgres_url, table=f'"{table}"')
        else:  # a sort that leaves an order's lines in the server's order
            query = f'"SELECT * FROM {table} ORDER BY \\"订单编号\\""'
            folder = _workspace(tmp_path / table, postgres_url, query=query)
        set_settings(folder / "salescli.toml", "inputs.orders", amount_level='"order"')
        asked = ("report", "--month", "2024-05", "--section", "by_category", "--format", "json")
        done = run("--no-cache", "-w", str(folder), *asked)
        assert done.exit_code == 0, done.stderr
        reports.append({r["category"]: r["amount"] for r in json.loads(done.stdout)})
    # each order's first line by its columns' order: S1's 办公桌 before its 灯具, S2's 办公桌
    assert reports == [{"办公桌": 2080.0, "椅子": 0.0, "灯具": 0.0}] * 2


def test_a_lake_s_edge_lines_come_in_the_same_order_whatever_order_the_engine_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB scans a file in its order, but the edge lines' statements join, and their rows
    come in the order its threads finish: reversed, the lines read are the same, in the same
    order (an order's first line decides where amount_level = "order" counts its total)."""
    import pandas as pd

    from salescli.data import sources
    from salescli.data.workspace import Workspace
    from salescli.periods import month

    rows = []
    for customer in ("C1", "C2", "C3"):
        for n, product in enumerate(("Desk", "Lamp", "Chair")):  # each one's latest old day
            rows.append([f"H{customer}", "2019-03-04", customer, "张三", product, 1, 10, 10 + n])
        rows.append([f"S{customer}", "2024-05-06", customer, "张三", "Desk", 1, 10, 10])
    lines = pd.DataFrame(rows, columns=["订单编号", "下单日期", "客户编号", "销售代表", "产品型号",
                                        "数量", "单价", "金额"])  # fmt: skip
    lines["下单日期"] = pd.to_datetime(lines["下单日期"]).dt.date
    folder = tmp_path / "ws"
    folder.mkdir()
    lines.to_parquet(folder / "orders.parquet", index=False)
    set_settings(folder / "salescli.toml", "inputs.orders", source='"orders.parquet"')

    def fetched() -> pd.DataFrame:
        workspace = Workspace(folder)
        sources.need(workspace, month(2024, 5))
        return workspace.table("orders")[["order_id", "product_model", "amount"]]

    as_given = fetched()
    assert len(as_given) == 12  # the window's three lines and the nine edge lines
    table = sources._DuckDB.table

    def reversed_rows(self: sources._DuckDB, statement: str):  # type: ignore[no-untyped-def]
        import pyarrow as pa

        given = table(self, statement)
        return given.take(pa.array(range(given.num_rows - 1, -1, -1), pa.int64()))

    monkeypatch.setattr(sources._DuckDB, "table", reversed_rows)
    edges_reversed = fetched()
    # the window's own scan reversed changes its order (a file's order is its own); the
    # edges' do not: compare the edge lines only
    old = as_given["order_id"].str.startswith("H")
    assert (
        edges_reversed[edges_reversed["order_id"].str.startswith("H")]
        .reset_index(drop=True)
        .equals(as_given[old].reset_index(drop=True))
    )
