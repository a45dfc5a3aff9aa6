"""The fast readers (pyarrow's CSV reader, typed Parquet, Arrow casts) give exactly what the
careful readers give: same rows, same row numbers, same values, same problems."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from salescli.config import InputSpec
from salescli.data import readers
from salescli.data.normalise import normalise
from salescli.data.workspace import Workspace
from tests.helpers import ORDER_HEADER, order_row, write_csv

MESSY = [
    ["2024年5月订单明细"],  # a title row shorter than the table
    [],
    ORDER_HEADER,
    order_row(" SO1 ", "2024-05-03", "C001", "1200.5"),
    order_row("SO2", "2024/5/4", "C002", "￥1,000"),
    [" "] * len(ORDER_HEADER),  # only spaces: a blank row
    order_row("SO3", "2024-05-05", " C003\u3000", "300"),
    ["合计"] + [None] * 8 + [2500.5] + [None] * 7,  # padded, as Excel saves it
]


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as plain Python objects, missing as None, so the reader's dtypes do not matter."""
    out = frame.drop(columns=["_file"]).astype(object)
    return out.where(out.notna(), None)


def careful(path: Path, table: str = "orders"):
    """The same file through the careful text reader (the fast one is skipped)."""
    text = readers.decode(path.read_bytes(), path.name)
    raw = readers._read_text(text, path.name)
    return normalise(raw, table, InputSpec(), "Asia/Shanghai")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_fast_csv_reader_matches_the_careful_one(
    tmp_path: Path, encoding: str, monkeypatch
) -> None:
    path = write_csv(tmp_path / "orders.csv", MESSY, encoding=encoding)
    slow = careful(path)

    def no_careful_path(*args, **kwargs):
        raise AssertionError("the careful path was taken")

    monkeypatch.setattr(readers, "_read_text", no_careful_path)
    fast = Workspace(tmp_path, cache=False).read("orders")
    pd.testing.assert_frame_equal(comparable(fast.frame), comparable(slow.frame))
    assert fast.frame["_row"].tolist() == [4, 5, 7]
    assert fast.frame["order_id"].tolist() == ["SO1", "SO2", "SO3"]
    assert fast.frame["customer_id"].tolist() == ["C001", "C002", "C003"]
    assert fast.frame["amount"].tolist() == [1200.5, 1000.0, 300.0]
    assert fast.notes == slow.notes and "(row 8)" in fast.notes[0]


def test_csv_the_fast_reader_declines_is_read_with_the_right_rows(tmp_path: Path) -> None:
    rows = [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 10)]
    rows.append(order_row("SO2", "2024-05-04", "C2", 20, 客户名称="两行\n名称"))
    rows.append(order_row("SO3", "2024-05-05", "C3", 30))
    path = write_csv(tmp_path / "orders.csv", rows)
    assert readers._read_text_arrow(path.read_bytes(), "orders.csv", None) is None
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame["order_id"].tolist() == ["SO1", "SO2", "SO3"]
    assert frame["_row"].tolist() == [2, 3, 4]  # as Excel numbers them: one row, two lines


def test_a_short_total_row_sends_the_file_down_the_careful_path(tmp_path: Path) -> None:
    rows = [*MESSY[:-1], ["合计", None, None, 2500.5]]
    path = write_csv(tmp_path / "orders.csv", rows)
    assert readers._read_text_arrow(path.read_bytes(), "orders.csv", None) is None
    loaded = Workspace(tmp_path, cache=False).read("orders")
    assert loaded.frame["_row"].tolist() == [4, 5, 7]
    assert "(row 8)" in loaded.notes[0]


@pytest.mark.parametrize("word", ["nan", "inf", "-inf", "NaN"])
def test_words_arrow_would_read_as_numbers_are_not_numbers(tmp_path: Path, word: str) -> None:
    rows = [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 10)]
    rows.append(order_row("SO2", "2024-05-04", "C2", word))
    write_csv(tmp_path / "orders.csv", rows)
    problems = Workspace(tmp_path, cache=False).read("orders").problems
    assert [(p.row, p.column, p.value, p.problem) for p in problems] == [
        (3, "unit_price", word, "not a number"),
        (3, "amount", word, "not a number"),
    ]


def test_out_of_range_iso_date_is_a_problem_not_a_wrapped_date(tmp_path: Path) -> None:
    rows = [ORDER_HEADER, order_row("SO1", "0024-05-03", "C1", 10)]
    write_csv(tmp_path / "orders.csv", rows)
    problems = Workspace(tmp_path, cache=False).read("orders").problems
    assert ("order_date", "0024-05-03", "not a date") in [
        (p.column, p.value, p.problem) for p in problems
    ]


def test_typed_parquet_gives_what_the_csv_gives(tmp_path: Path) -> None:
    csv_folder, parquet_folder = tmp_path / "csv", tmp_path / "parquet"
    csv_folder.mkdir()
    parquet_folder.mkdir()
    header = ["订单编号", "下单日期", "客户编号", "销售代表", "数量", "金额", "状态"]
    rows = [
        ["SO1", "2024-05-03", "1001", "张三", "2", "1200.5", "已完成"],
        ["SO2", "2024-05-31", "1002", "李四", "1", "99", "已取消"],
        ["SO3", "2024-06-01", "1003", "王五", "", "0.1", "已完成"],
    ]
    write_csv(csv_folder / "orders.csv", [header, *rows])
    typed = pd.DataFrame(
        {
            "订单编号": ["SO1", "SO2", "SO3"],
            # a UTC timestamp: 2024-05-31 16:30 UTC is already June 1st in Shanghai
            "下单日期": pd.to_datetime(
                ["2024-05-03 01:00", "2024-05-30 17:00", "2024-05-31 16:30"]
            ).tz_localize("UTC"),
            "客户编号": pd.array([1001, 1002, 1003], dtype="Int64"),
            "销售代表": pd.Categorical(["张三", "李四", "王五"]),
            "数量": pd.array([2, 1, None], dtype="Int64"),
            "金额": [1200.5, 99.0, 0.1],
            "状态": ["已完成", "已取消", "已完成"],
        }
    )
    typed.to_parquet(parquet_folder / "orders.parquet")
    from_csv = Workspace(csv_folder, cache=False).table("orders")
    from_parquet = Workspace(parquet_folder, cache=False).table("orders")
    assert from_parquet["customer_id"].tolist() == ["1001", "1002", "1003"]  # not 1001.0
    assert from_parquet["order_date"].dt.day.tolist() == [3, 31, 1]
    pd.testing.assert_frame_equal(
        comparable(from_parquet.drop(columns="_row")), comparable(from_csv.drop(columns="_row"))
    )


def test_parquet_dates_and_numbers_are_not_parsed_as_text(tmp_path: Path, monkeypatch) -> None:
    pd.DataFrame(
        {
            "订单编号": ["SO1"],
            "下单日期": [datetime(2024, 5, 3, 9, 30)],
            "客户编号": ["C1"],
            "金额": [np.float64(12.5)],
        }
    ).to_parquet(tmp_path / "orders.parquet")
    from salescli.data import values

    def no_text_parsing(*args, **kwargs):
        raise AssertionError("parsed as text")

    monkeypatch.setattr(values, "_parse_number_forms", no_text_parsing)
    monkeypatch.setattr(values, "_parse_date_forms", no_text_parsing)
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame["amount"].tolist() == [12.5]
    assert frame["order_date"].tolist() == [pd.Timestamp("2024-05-03")]


def test_columns_narrow_the_table_and_the_cached_read_equals_the_uncached(
    tmp_path: Path,
) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [ORDER_HEADER, *(order_row(f"SO{i}", "2024-05-03", f"C{i}", i) for i in range(1, 6))],
    )
    wanted = ["_row", "order_id", "amount", "no_such_column"]
    uncached = Workspace(tmp_path, cache=False).table("orders", columns=wanted)
    assert list(uncached.columns) == ["order_id", "amount", "_row"]
    Workspace(tmp_path).table("orders")  # fills the cache with every column
    cached = Workspace(tmp_path).table("orders", columns=wanted)
    pd.testing.assert_frame_equal(cached, uncached)
    assert list(Workspace(tmp_path).table("orders").columns)[:4] == [
        "_file",
        "_sheet",
        "order_id",
        "order_date",
    ]


def test_a_bad_value_in_a_column_not_asked_for_still_stops_the_command(tmp_path: Path) -> None:
    rows = [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 10, 约定交货日期="soon")]
    write_csv(tmp_path / "orders.csv", rows)
    from salescli.errors import BadDataError

    for use_cache in (False, True, True):
        with pytest.raises(BadDataError, match="not a date"):
            Workspace(tmp_path, cache=use_cache).table("orders", columns=["amount"])


def test_monthly_files_read_side_by_side_keep_their_order(tmp_path: Path) -> None:
    for month in range(1, 13):
        write_csv(
            tmp_path / f"orders-2024-{month}.csv",
            [ORDER_HEADER, order_row(f"SO{month}", f"2024-{month:02d}-03", "C1", month)],
        )
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame["order_id"].tolist() == [f"SO{m}" for m in range(1, 13)]
    assert frame["_file"].tolist() == [f"orders-2024-{m}.csv" for m in range(1, 13)]


def test_a_narrowed_table_comes_from_the_whole_one_already_read(
    tmp_path: Path, monkeypatch
) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 10)])
    workspace = Workspace(tmp_path, cache=False)
    whole = workspace.table("orders")
    from salescli.data import workspace as workspace_module

    def refuse(*args, **kwargs):
        raise AssertionError("read again")

    monkeypatch.setattr(workspace_module, "read_raw", refuse)
    narrow = workspace.table("orders", columns=["order_id", "amount"])
    pd.testing.assert_frame_equal(narrow, whole[["order_id", "amount"]])


def test_standard_input_is_read_once_for_a_narrowed_and_a_whole_table(
    tmp_path: Path, monkeypatch
) -> None:
    import io
    import sys

    path = write_csv(tmp_path / "in.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 10)])
    stdin = io.TextIOWrapper(io.BytesIO(path.read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    workspace = Workspace(tmp_path, inputs={"orders": "-"})
    assert workspace.table("orders", columns=["amount"])["amount"].tolist() == [10.0]
    assert workspace.table("orders")["order_id"].tolist() == ["SO1"]


def test_parquet_timestamp_pandas_cannot_hold_is_a_problem(tmp_path: Path) -> None:
    pd.DataFrame(
        {
            "订单编号": ["SO1", "SO2"],
            "下单日期": pd.array(
                [datetime(2024, 5, 3), datetime(3000, 1, 1)], dtype="datetime64[us]"
            ),
            "客户编号": ["C1", "C2"],
            "金额": [1.0, 2.0],
        }
    ).to_parquet(tmp_path / "orders.parquet")
    problems = Workspace(tmp_path, cache=False).read("orders").problems
    assert [(p.row, p.column, p.problem) for p in problems] == [(3, "order_date", "not a date")]
