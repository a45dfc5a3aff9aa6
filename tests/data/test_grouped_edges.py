"""The edge lines asked of DuckDB by grouped maxima joined back on the day (`_grouped_edges`)
are the lines the window over every line picks (`_edges_query` without `grouped`), each as
many times: NULL customers, statuses and orders, identical lines, a line that is an edge and
due in the period, an order with lines on several days."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from salescli.data import sources

duckdb = pytest.importorskip("duckdb")

LINES = {"单号": "order_id", "日期": "order_date", "客户": "customer_id", "代表": "rep"}
LINES |= {"名称": "customer_name", "状态": "status", "交期": "due_date", "金额": "amount"}
TYPES = {"单号": "text", "日期": "date", "客户": "text", "代表": "text", "名称": "text"}
TYPES |= {"状态": "text", "交期": "date", "金额": "decimal(18,2)"}
COLUMNS = list(LINES)
FIRST = date(2024, 1, 1)

line = st.tuples(
    st.sampled_from(["SO1", "SO2", "SO3", "SO4", None]),
    st.integers(0, 40),  # days before FIRST
    st.sampled_from(["C1", "C2", "", None]),  # '' is a customer, NULL none
    st.sampled_from(["王", "李", None]),
    st.sampled_from(["甲公司", None]),
    st.sampled_from(["已完成", "已取消", "", None]),
    st.one_of(st.none(), st.integers(-10, 60)),  # due: days after the line's day
    st.sampled_from([100, -100, 0, None]),
)


def _rows(con, statement: str) -> Counter:
    return Counter(con.execute(statement).fetchall())


@settings(deadline=None)
@given(st.lists(line, min_size=1, max_size=40), st.booleans(), st.booleans())
# SO2 is no edge of customer '' (SO1 is later), but is on the day of customer NULL's edge
@example(
    [
        ("SO1", 1, "", "王", "甲公司", "已完成", None, 100),
        ("SO2", 3, "", "王", "甲公司", "已完成", None, 100),
        ("SO3", 3, None, "王", "甲公司", "已完成", None, 100),
    ],
    False,
    False,
)
def test_grouped_edges_pick_the_window_s_lines(rows, changed, ordered) -> None:
    con = duckdb.connect()
    con.execute(
        'CREATE TABLE t ("单号" TEXT, "日期" DATE, "客户" TEXT, "代表" TEXT, "名称" TEXT, '
        '"状态" TEXT, "交期" DATE, "金额" DECIMAL(18,2))'
    )
    values = []
    for order, back, customer, rep, name, status, due, amount in rows:
        day = FIRST - timedelta(days=back)
        due_day = None if due is None else day + timedelta(days=due)
        values.append([order, day, customer, rep, name, status, due_day, amount])
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
    first = f"DATE '{FIRST.isoformat()}'"
    window = sources._window_orders("t", LINES, f'"日期" >= {first}') if ordered else None
    named = ["SO2"] if changed else []
    by_window = sources._earlier("t", COLUMNS, LINES, TYPES, '"日期"', first, named, window)
    grouped = sources._earlier("t", COLUMNS, LINES, TYPES, '"日期"', first, named, window, True)
    assert grouped != by_window  # the grouped form was asked
    assert _rows(con, grouped[0]) == _rows(con, by_window[0])


def test_a_timestamp_keeps_the_window() -> None:
    """A timestamp's edge day is two days up to its latest instant, not one value to join on:
    its query keeps the window even where the engine could join."""
    types = TYPES | {"日期": "timestamp"}
    first = "DATE '2024-01-01'"
    asked = sources._earlier("t", COLUMNS, LINES, types, '"日期"', first, [], None, True)
    assert "OVER w" in asked[0] and "salescli_day" not in asked[0]
