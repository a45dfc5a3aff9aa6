"""A line with a negative quantity and a positive amount, and nothing to say what it is.

A return written with its goods negative and its money positive (no 单据类型, no 退货标志)
was counted as a sale of +500 and −5 units: 李四 2,500 and a bonus where 1,500 is right, exit 0
even with --strict. It stops the run (65) now, naming the rows, until the export's document
type is mapped or `[inputs.orders] negative_quantity = "return"` says these lines are returns.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import appraised as _rows
from tests.helpers import set_settings, write_csv

HEADER = ["订单编号", "订单日期", "客户编号", "业务员", "数量", "单价", "金额", "成本"]
LINES = [
    ["SO1", "2024-05-06", "C1", "李四", 20, 100, 2000, 1200],
    ["RT1", "2024-05-20", "C1", "李四", -5, 100, 500, 300],
    ["SO2", "2024-05-31", "C2", "张三", 10, 100, 1000, 600],
]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 2500]]


def test_a_negative_quantity_beside_a_positive_amount_is_asked(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [HEADER, *LINES], encoding="gbk")
    write_csv(tmp_path / "targets.csv", TARGETS)
    code, _, said = _rows(tmp_path)
    assert code == 65
    assert said.startswith("salescli: error: orders.csv, row 3, column quantity, value '-5'"), said
    assert 'negative_quantity = "return"' in said
    set_settings(tmp_path / "salescli.toml", "inputs.orders", negative_quantity='"return"')
    code, rows, said = _rows(tmp_path, "--strict")
    assert code == 0, said
    assert (rows["李四"]["amount"], rows["李四"]["quantity"]) == (1500.0, 15.0)
    assert rows["张三"]["amount"] == 1000.0


def test_a_document_type_says_it_and_nothing_is_asked(tmp_path: Path) -> None:
    header = [*HEADER, "单据类型"]
    lines = [[*LINES[0], "销售出库"], [*LINES[1], "销售退货"], [*LINES[2], "销售出库"]]
    write_csv(tmp_path / "orders.csv", [header, *lines], encoding="gbk")
    write_csv(tmp_path / "targets.csv", TARGETS)
    code, rows, said = _rows(tmp_path)
    assert (code, rows["李四"]["amount"]) == (0, 1500.0), said


def test_a_discount_line_negative_in_money_is_no_concern(tmp_path: Path) -> None:
    """A negative amount beside a positive quantity (a discount line) is read as written."""
    lines = [*LINES[:1], ["SO1", "2024-05-06", "C1", "李四", 1, -100, -100, 0], LINES[2]]
    write_csv(tmp_path / "orders.csv", [HEADER, *lines], encoding="gbk")
    write_csv(tmp_path / "targets.csv", TARGETS)
    code, rows, said = _rows(tmp_path)
    assert (code, rows["李四"]["amount"]) == (0, 1900.0), said
