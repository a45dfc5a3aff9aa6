"""The same table twice: two formats of one export, overlapping monthly exports (issue #13).

Before: orders.csv and orders.parquet were both read and summed, and May in two exports was
counted twice, every amount doubled with exit 0.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from salescli.data.overlaps import part_sources, resolve
from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx

JAN_MAY = [
    order_row("SO1", "2024-01-10", "C1", 100),
    order_row("SO2", "2024-05-06", "C1", 200),
    order_row("SO3", "2024-05-20", "C2", 300),
]
MAY_DEC = [
    order_row("SO2", "2024-05-06", "C1", 200),
    order_row("SO3", "2024-05-20", "C2", 300),
    order_row("SO4", "2024-12-02", "C2", 400),
]


def amounts(stdout: str) -> dict[str, float]:
    frame = pd.read_csv(io.StringIO(stdout), dtype={"customer_id": str})
    return dict(zip(frame["customer_id"], frame["amount"], strict=True))


def classify(ws: Path, *more: str):
    return run("-w", str(ws), *more, "classify", "--quarter", "2024Q2", "--format", "csv")


# --- two formats of one export ---------------------------------------------------------------


@pytest.mark.parametrize("formats", [("csv", "parquet"), ("xlsx", "csv")])
def test_one_export_in_two_formats_stops_65_naming_both(
    tmp_path: Path, formats: tuple[str, str]
) -> None:
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, *JAN_MAY])
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, *JAN_MAY])
    if "parquet" in formats:
        (tmp_path / "orders.xlsx").unlink()
        frame = pd.read_csv(tmp_path / "orders.csv", dtype=str)
        frame.to_parquet(tmp_path / "orders.parquet")
    result = classify(tmp_path)
    assert result.exit_code == 65, result.stdout
    assert all(f"orders.{f}" in result.stderr for f in formats)
    assert "exported twice, in 2 formats" in result.stderr
    assert "keep one of them" in result.stderr and "[inputs.orders] path" in result.stderr
    pointed = tmp_path / "salescli.toml"
    pointed.write_text(f'[inputs.orders]\npath = "orders.{formats[0]}"\n', encoding="utf-8")
    assert amounts(classify(tmp_path).stdout) == {"C1": 300.0, "C2": 300.0}


def test_monthly_exports_of_one_format_are_read_together(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "orders-2024-01.xlsx", [ORDER_HEADER, JAN_MAY[0]])
    write_xlsx(tmp_path / "orders-2024-05.xlsx", [ORDER_HEADER, JAN_MAY[1], JAN_MAY[2]])
    result = classify(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert amounts(result.stdout) == {"C1": 300.0, "C2": 300.0}
    # exports found to share no line are remembered, for these exact files only
    assert list((tmp_path / ".salescli" / "cache").glob("disjoint-*"))
    assert amounts(classify(tmp_path).stdout) == {"C1": 300.0, "C2": 300.0}
    write_xlsx(tmp_path / "orders-2024-05.xlsx", [ORDER_HEADER, JAN_MAY[0], *JAN_MAY[1:]])
    assert classify(tmp_path).exit_code == 65  # January is now in both


def test_a_monthly_export_beside_the_named_one_is_said_to_be_unread(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, *JAN_MAY[:2]])
    write_xlsx(tmp_path / "orders-2024-05.xlsx", [ORDER_HEADER, JAN_MAY[2]])
    result = classify(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert amounts(result.stdout) == {"C1": 300.0}
    assert "not read: orders-2024-05.xlsx (orders.xlsx is the orders table)" in result.stderr
    (tmp_path / "salescli.toml").write_text('[inputs.orders]\npath = "orders*.xlsx"\n', "utf-8")
    together = classify(tmp_path)
    assert amounts(together.stdout) == {"C1": 300.0, "C2": 300.0}
    assert "not read" not in together.stderr


def test_another_tables_export_named_like_this_one_is_not_taken_for_it(tmp_path: Path) -> None:
    """订单变更.csv (order changes) begins with 订单 (orders), 客户反馈.csv with 客户."""
    write_xlsx(tmp_path / "订单.xlsx", [ORDER_HEADER, *JAN_MAY])
    write_csv(tmp_path / "订单变更.csv", [["订单编号", "变更日期"], ["SO1", "2024-01-11"]])
    write_csv(tmp_path / "客户反馈.csv", [["客户编号", "反馈日期"], ["C1", "2024-01-11"]])
    result = classify(tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "not read" not in result.stderr
    (tmp_path / "订单.xlsx").rename(tmp_path / "订单-2024.xlsx")
    assert amounts(classify(tmp_path).stdout) == {"C1": 300.0, "C2": 300.0}


# --- overlapping exports -----------------------------------------------------------------------


def overlapping(tmp_path: Path, later: list | None = None, toml: str = "") -> Path:
    write_xlsx(tmp_path / "orders-jan-may.xlsx", [ORDER_HEADER, *JAN_MAY])
    write_xlsx(tmp_path / "orders-may-dec.xlsx", [ORDER_HEADER, *(later or MAY_DEC)])
    (tmp_path / "salescli.toml").write_text(toml, encoding="utf-8")
    return tmp_path


def test_overlapping_exports_stop_every_command_65(tmp_path: Path) -> None:
    ws = overlapping(tmp_path)
    result = classify(ws)
    assert result.exit_code == 65, result.stdout
    assert (
        "orders-may-dec.xlsx, sheet Sheet1, row 2: 2 order lines are also in orders-jan-may.xlsx "
        "(identical, counted twice): rows 2, 3 here, rows 3, 4 there"
    ) in result.stderr
    assert 'overlap = "keep-first"' in result.stderr
    assert run("-w", str(ws), "report", "--month", "2024-05").exit_code == 65
    again = classify(ws)  # the second run reads the parsed files from the cache
    assert again.exit_code == 65 and "counted twice" in again.stderr


def test_check_lists_the_overlap_with_files_rows_and_count(tmp_path: Path) -> None:
    ws = overlapping(tmp_path)
    result = run("-w", str(ws), "check", "--table", "orders", "--format", "csv")
    assert result.exit_code == 65
    problems = pd.read_csv(io.StringIO(result.stdout))
    overlap = problems[problems["problem"].str.contains("also in", na=False)]
    assert len(overlap) == 1
    row = overlap.iloc[0]
    assert row["file"] == "orders-may-dec.xlsx" and row["row"] == 2
    assert row["severity"] == "error" and "2 order lines" in row["problem"]


def test_keep_first_drops_the_later_copies_and_says_how_many(tmp_path: Path) -> None:
    ws = overlapping(tmp_path, toml='[inputs.orders]\noverlap = "keep-first"\n')
    result = classify(ws)
    assert result.exit_code == 0, result.stderr
    assert amounts(result.stdout) == {"C1": 300.0, "C2": 300.0}  # May once
    book = tmp_path / "classes.html"
    assert run("-w", str(ws), "classify", "--quarter", "2024Q2", "-o", str(book)).exit_code == 0
    assert (
        "2 order lines of orders-may-dec.xlsx are also in orders-jan-may.xlsx: identical later "
        "copies dropped (keep-first)"
    ) in book.read_text(encoding="utf-8")


def test_a_conflict_stops_naming_both_rows_and_keep_last_takes_the_correction(
    tmp_path: Path,
) -> None:
    corrected = [order_row("SO3", "2024-05-20", "C2", 350), MAY_DEC[2]]
    ws = overlapping(tmp_path, corrected)
    result = classify(ws)
    assert result.exit_code == 65
    assert (
        "1 order lines have the key of a line in orders-jan-may.xlsx but other values "
        "(first: order_id+product_model SO3/YE3-100, row 2 here, row 4 there"
    ) in result.stderr
    assert 'overlap = "keep-last"' in result.stderr
    (ws / "salescli.toml").write_text('[inputs.orders]\noverlap = "keep-first"\n', "utf-8")
    assert classify(ws).exit_code == 65  # keep-first only drops identical copies
    (ws / "salescli.toml").write_text('[inputs.orders]\noverlap = "keep-last"\n', "utf-8")
    result = classify(ws)
    assert result.exit_code == 0, result.stderr
    assert amounts(result.stdout) == {"C1": 300.0, "C2": 350.0}


def test_identical_lines_inside_one_file_are_a_warning_and_both_count(tmp_path: Path) -> None:
    """`check` lists the line (placed on its row) and the figure warning the commands say
    (tests/data/test_repeated_lines.py has the commands' side)."""
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, *JAN_MAY, JAN_MAY[1]])
    checked = run("-w", str(tmp_path), "check", "--table", "orders", "--format", "csv")
    assert checked.exit_code == 0, checked.stderr
    problems = pd.read_csv(io.StringIO(checked.stdout)).set_index("code")
    assert sorted(problems.index) == ["figure-warning", "repeated-line"]
    assert problems.loc["repeated-line", "severity"] == "warning"
    assert problems.loc["repeated-line", "row"] == 5
    assert (
        "repeat an identical line of the same file (rows 5)"
        in problems.at["repeated-line", "problem"]
    )
    assert "(200.00 counted a second time)" in problems.at["figure-warning", "problem"]
    assert amounts(classify(tmp_path).stdout) == {"C1": 500.0, "C2": 300.0}


def test_customers_split_across_files_are_keyed_by_customer_id(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, *JAN_MAY])
    header = ["客户编号", "客户名称", "销售代表"]
    write_csv(tmp_path / "customers-east.csv", [header, ["C1", "甲公司", "张三"]])
    write_csv(tmp_path / "customers-west.csv", [header, ["C2", "乙", "李四"], ["C1", "甲", "王五"]])
    result = classify(tmp_path)
    assert result.exit_code == 65
    assert "customers have the key of a line in customers-east.csv" in result.stderr
    assert "customer_id C1" in result.stderr


# --- the rule itself ---------------------------------------------------------------------------


def test_lines_are_matched_by_their_place_among_equal_keys() -> None:
    """An order with two equal lines in both files is two overlaps, not four."""
    part = pd.DataFrame(
        {"order_id": ["A", "A", "B"], "product_model": ["x", "x", "y"], "amount": [1.0, 1.0, 2.0]}
    )
    first = part.assign(_file="a.csv", _sheet="", _row=[2, 3, 4])
    second = part.iloc[:2].assign(_file="b.csv", _sheet="", _row=[2, 3])
    frame = pd.concat([first, second], ignore_index=True)
    found = resolve("orders", frame, "keep-first", part_sources([first, second]))
    assert len(found.frame) == 3
    assert found.notes == [
        "orders: 2 order lines of b.csv are also in a.csv: identical later copies dropped "
        "(keep-first)"
    ]
    lone = resolve("orders", frame.iloc[:4], "error", part_sources([first, second.iloc[:1]]))
    assert [p.problem.split(" (")[0] for p in lone.problems] == ["1 order lines are also in a.csv"]


def test_line_hashes_are_pandas_hashes_of_the_lines_taken_a_column_at_a_time() -> None:
    """The repeated-line check hashes each line's values one column at a time (a 10M-line
    month's copy of its numbers, 90 MB, is not made): the hashes are pandas' own, so the
    lines found repeated are the same; a line differing in one value hashes otherwise."""
    import numpy as np
    import pandas as pd

    from salescli.data.overlaps import line_hashes

    frame = pd.DataFrame(
        {
            "_row": [2, 3, 4, 5],
            "order_id": ["SO1", "SO1", None, "SO2"],
            "amount": [100.5, 100.5, np.nan, 7.0],
            "order_date": pd.to_datetime(["2024-05-01", "2024-05-01", None, "2024-05-02"]),
            "quantity": [1, 1, 2, 3],
            "rep": pd.Series(["张三", "张三", "李四", None], dtype="str"),
        }
    )
    columns = ["order_id", "amount", "order_date", "quantity", "rep"]
    expected = pd.util.hash_pandas_object(frame[columns], index=False).to_numpy()
    hashed = line_hashes(frame, columns)
    assert hashed.tolist() == expected.tolist()
    assert hashed[0] == hashed[1] and len(set(hashed.tolist())) == 3
