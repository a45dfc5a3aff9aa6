"""An export that numbers its lines (行号, 分录号, Line No.) says which rows are one line.

Before, the line number was dropped as harmless, and a line an ERP report wrote twice (a join
that fans out, a page exported twice) was counted twice with exit 0: 张三's May sales 2,400
instead of 1,700. Two rows of one order with one number are one line: the same values each
time, read once and said on stderr (an error with --strict); other values, refused (65),
naming the rows and the values, with a hint whose setting counts each row where the number
names no line (a line delivered in parts). Equal lines with their own numbers are two lines.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import appraised_sales as _sales
from tests.helpers import run, set_settings, write_csv, write_xlsx

HEADER = ["订单编号", "行号", "下单日期", "客户编号", "客户名称", "销售代表", "产品型号", "金额"]
LINES = [
    ["SO1", 1, "2024-05-06", "C1", "甲公司", "张三", "YE3-100", 1000],
    ["SO1", 2, "2024-05-06", "C1", "甲公司", "张三", "YE3-200", 700],
    ["SO2", 1, "2024-05-08", "C2", "乙公司", "李四", "YE3-100", 500],
    # equal lines with their own numbers: two lines, both counted
    ["SO3", 1, "2024-05-09", "C2", "乙公司", "李四", "YE3-100", 300],
    ["SO3", 2, "2024-05-09", "C2", "乙公司", "李四", "YE3-100", 300],
]
COPY = ["SO1", 2, "2024-05-06", "C1", "甲公司", "张三", "YE3-200", 700]
OTHER = ["SO1", 2, "2024-05-06", "C1", "甲公司", "张三", "YE3-200", 750]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 2000]]
RIGHT = {"张三": 1700.0, "李四": 1100.0}


def _workspace(folder: Path, lines: list[list], kind: str = "csv") -> Path:
    folder.mkdir()
    if kind == "csv":  # as 金蝶 and 用友 write text exports: GBK
        write_csv(folder / "orders.csv", [HEADER, *lines], encoding="gbk")
    else:
        write_xlsx(folder / "orders.xlsx", [["销售出库明细表"], HEADER, *lines])
        set_settings(folder / "salescli.toml", "inputs.orders", header_row="2")
    write_csv(folder / "targets.csv", TARGETS)
    return folder


def _sqlite(folder: Path, lines: list[list]) -> Path:
    folder.mkdir()
    with sqlite3.connect(folder / "erp.db") as db:
        columns = ", ".join(f'"{h}"' for h in HEADER)
        db.execute(f"CREATE TABLE lines ({columns})")
        db.executemany(f"INSERT INTO lines VALUES ({', '.join('?' * len(HEADER))})", lines)
    set_settings(
        folder / "salescli.toml", "inputs.orders", source='"sqlite:///erp.db"', table='"lines"'
    )
    write_csv(folder / "targets.csv", TARGETS)
    return folder


def _classes(folder: Path) -> dict[str, float]:
    done = run(
        "--no-cache", "-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json"
    )
    assert done.exit_code == 0, done.stderr
    return {r["customer_id"]: r["amount"] for r in json.loads(done.stdout)}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_numbered_line_written_twice_alike_is_read_once_and_said(
    tmp_path: Path, kind: str
) -> None:
    """Row 3 and the copy after the last line: SO1's line 2 once, 张三 1,700, not 2,400."""
    folder = _workspace(tmp_path / "ws", [*LINES, COPY], kind)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, RIGHT), said
    row, where = (7, "orders.csv") if kind == "csv" else (8, "orders.xlsx, sheet Sheet1")
    assert (
        f"{where}: 1 order line written more than once with one line number and the "
        "same values (SO1 line 2): read once, not summed" in said
    )
    assert _classes(folder) == {"C1": 1700.0, "C2": 1100.0}  # every command reads it once
    checked = run("--no-cache", "-w", str(folder), "check", "--table", "orders", "--format", "csv")
    assert f"orders.{kind},,{row},,SO1/2,warning,line-number-copy" in checked.stdout.replace(
        "Sheet1", ""
    )
    assert "repeated-line" not in checked.stdout  # said once, as read once


def test_with_strict_a_line_read_once_stops(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", [*LINES, COPY])
    done = run("-w", str(folder), "--strict", "appraise", "--month", "2024-05", "--format", "json")
    assert done.exit_code != 0 and done.stdout == ""
    assert "--strict" in done.stderr and "SO1 line 2" in done.stderr


def test_a_numbered_line_written_twice_with_other_values_stops_naming_both(
    tmp_path: Path,
) -> None:
    """700 or 750: which is right is the user's to say, not the row order's."""
    folder = _workspace(tmp_path / "ws", [*LINES, OTHER])
    code, _, said = _sales(folder)
    assert code == 65
    first = said.splitlines()[0]
    assert first.startswith("salescli: error: orders.csv, row 7, column amount, value '750'")
    assert "order SO1: line 2 is written 2 times with different values, rows 3, 7" in first
    assert "(amount = 700, 750)" in first
    assert 'ignore = ["行号"]' in said


def test_the_hint_followed_counts_each_row(tmp_path: Path) -> None:
    """The rows are lines of their own (one line delivered in parts): the hint's setting
    counts both, 张三 1,000 + 700 + 750."""
    folder = _workspace(tmp_path / "ws", [*LINES, OTHER])
    set_settings(folder / "salescli.toml", "inputs.orders", ignore='["行号"]')
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 2450.0, "李四": 1100.0}), said


def test_equal_lines_with_their_own_numbers_are_two_lines_without_a_warning(
    tmp_path: Path,
) -> None:
    folder = _workspace(tmp_path / "ws", LINES)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, RIGHT), said
    assert "read once" not in said
    checked = run("--no-cache", "-w", str(folder), "check", "--table", "orders", "--format", "csv")
    assert "repeated-line" not in checked.stdout and "line-number" not in checked.stdout


def test_unnumbered_equal_lines_are_still_two_lines(tmp_path: Path) -> None:
    """Without a line number nothing says two equal rows are one line: both count, said on
    stderr (tests/data/test_repeated_lines.py), and `check` lists them."""
    folder = _workspace(tmp_path / "ws", [*LINES, COPY])
    set_settings(folder / "salescli.toml", "inputs.orders", ignore='["行号"]')
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 2400.0, "李四": 1100.0}), said
    assert "both counted (1,000.00 counted a second time)" in said  # SO3's 300, SO1's 700
    checked = run("--no-cache", "-w", str(folder), "check", "--table", "orders", "--format", "csv")
    assert "repeated-line" in checked.stdout


def test_a_database_s_line_written_twice_alike_is_read_once(tmp_path: Path) -> None:
    folder = _sqlite(tmp_path / "ws", [*LINES, COPY])
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, RIGHT), said
    assert "SO1 line 2" in said
    checked = run("--no-cache", "-w", str(folder), "check", "--table", "orders", "--format", "csv")
    copy = [line for line in checked.stdout.splitlines() if "line-number-copy" in line]
    # placed by its key, no row of the query's answer
    assert copy and copy[0].startswith('orders,"lines (order_id SO1, line_no 2)",,,')


def test_a_database_s_line_written_twice_with_other_values_names_its_key(
    tmp_path: Path,
) -> None:
    folder = _sqlite(tmp_path / "ws", [*LINES, OTHER])
    code, _, said = _sales(folder)
    assert code == 65
    first = said.splitlines()[0]
    assert first.startswith("salescli: error: lines (order_id SO1, line_no 2), column amount")
    assert "order SO1: line 2 is written 2 times with different values (amount = 700, 750)" in first
    assert "rows" not in first.split("(order_id")[1]  # a fetch position is no row
    set_settings(folder / "salescli.toml", "inputs.orders", ignore='["行号"]')
    code, sales, said = _sales(folder)  # the hint followed
    assert (code, sales) == (0, {"张三": 2450.0, "李四": 1100.0}), said


def test_a_report_that_doubled_every_line_reads_each_once_and_lists_the_first_thousand(
    tmp_path: Path,
) -> None:
    """A join that fans out doubles all 1,003 lines: each is read once, `check` lists the
    first 1,000 and counts the rest, and the note counts them all."""
    lines = [[f"SO{i}", 1, "2024-05-06", "C1", "甲公司", "张三", "YE3-100", 2] for i in range(1003)]
    folder = _workspace(tmp_path / "ws", [*lines, *lines])
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 2006.0, "李四": 0.0}), said
    assert (
        "1,003 order lines written more than once with one line number and the same values "
        "(SO0 line 1, SO1 line 1, SO2 line 1, SO3 line 1, SO4 line 1 and 998 more)" in said
    )
    checked = run("--no-cache", "-w", str(folder), "check", "--table", "orders", "--format", "csv")
    assert checked.stdout.count("line-number-copy") == 1000
    assert "and 3 more order lines written more than once with one line number" in checked.stdout


def test_a_bad_value_in_a_database_is_named_by_its_order_product_and_line(
    tmp_path: Path,
) -> None:
    """12O.5 (a letter O for a zero) in the source's text column: placed by the order, its
    product and its line number, the source's own key, not by a row of the query's answer."""
    bad = ["SO2", 2, "2024-05-08", "C2", "乙公司", "李四", "YE3-100", "12O.5"]
    folder = _sqlite(tmp_path / "ws", [*LINES, bad])
    code, _, said = _sales(folder)
    assert code == 65
    assert said.splitlines()[0].startswith(
        "salescli: error: lines (order_id SO2, product_model YE3-100, line_no 2), column amount"
    ), said


def test_a_delivery_s_own_line_number_beside_the_order_s_is_the_line(tmp_path: Path) -> None:
    """A delivery list numbers its lines (行号) and names the order line each delivers
    (订单行号): one order line delivered in two parts is two lines, not a copy."""
    folder = tmp_path / "ws"
    folder.mkdir()
    header = ["订单编号", "行号", "订单行号", "下单日期", "客户编号", "销售代表", "金额"]
    rows = [
        ["SO1", 1, 1, "2024-05-06", "C1", "张三", 1000],
        ["SO1", 2, 1, "2024-05-06", "C1", "张三", 1000],
        ["SO2", 1, 1, "2024-05-08", "C2", "李四", 1100],
    ]
    write_csv(folder / "orders.csv", [header, *rows], encoding="gbk")
    write_csv(folder / "targets.csv", TARGETS)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 2000.0, "李四": 1100.0}), said
    assert "read once" not in said
