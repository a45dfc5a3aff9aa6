"""An export of orders under a name no table reads: 销售明细-补录.csv beside orders.csv.

The orders are found by name (orders.csv); a second file of late orders (补录) or a
销售出库单.csv left beside it was read by no table and said nowhere, not even by -v or
`check`: 王五's 500 was missing from May with exit 0. Such a file, whose header holds the
orders' columns, is now said on stderr (--strict stops), with how to read it; the run after
the hint is followed counts it.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import appraised_sales as _sales
from tests.helpers import set_settings, write_csv

HEADER = ["订单编号", "订单日期", "客户编号", "业务员", "数量", "单价", "金额", "成本"]
ORDERS = [
    HEADER,
    ["SO1", "2024-05-03", "C1", "张三", 10, 100, 1000, 600],
    ["SO3", "2024-05-31", "C2", "李四", 5, 100, 500, 300],
]
LATE = [HEADER, ["SO9", "2024-05-10", "C3", "王五", 5, 100, 500, 300]]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 1000],
           ["王五", "2024-05", 1000]]  # fmt: skip


def test_a_file_of_orders_under_another_name_is_said_then_read_as_the_hint_says(
    tmp_path: Path,
) -> None:
    write_csv(tmp_path / "orders.csv", ORDERS, encoding="gbk")
    write_csv(tmp_path / "销售明细-补录.csv", LATE, encoding="gbk")
    write_csv(tmp_path / "targets.csv", TARGETS)
    code, sales, said = _sales(tmp_path)
    assert code == 0 and sales["王五"] == 0.0, said
    assert (
        "not read: 销售明细-补录.csv, whose header holds the orders table's columns (orders.csv "
        "is the orders table); if it holds orders too, rename it to begin as orders does and "
        'set [inputs.orders] path = "orders*.csv"'
    ) in said
    assert _sales(tmp_path, "--strict")[0] == 65
    (tmp_path / "销售明细-补录.csv").rename(tmp_path / "orders-补录.csv")
    set_settings(tmp_path / "salescli.toml", "inputs.orders", path='"orders*.csv"')
    code, sales, said = _sales(tmp_path)
    assert (code, sales["王五"]) == (0, 500.0), said


def test_a_delivery_export_beside_the_orders_is_said_too(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", ORDERS)
    write_csv(tmp_path / "销售出库单.csv", LATE)
    write_csv(tmp_path / "targets.csv", TARGETS)
    code, _, said = _sales(tmp_path)
    assert code == 0 and "not read: 销售出库单.csv, whose header holds" in said, said


def test_the_other_tables_files_are_not_said(tmp_path: Path) -> None:
    """Customers, targets and visits are read by their tables: nothing to say."""
    write_csv(tmp_path / "orders.csv", ORDERS)
    write_csv(tmp_path / "targets.csv", TARGETS)
    write_csv(
        tmp_path / "customers.csv",
        [["客户编号", "客户名称", "业务员"], ["C1", "甲", "张三"], ["C2", "乙", "李四"]],
    )
    code, _, said = _sales(tmp_path)
    assert code == 0 and "not read" not in said, said


def test_a_large_export_is_told_by_its_head_alone(tmp_path: Path) -> None:
    """Other exports are looked at on every run: a text one by its first 64 KB (its header),
    not read whole. A 250 KB file of late orders is said as a small one is."""
    from salescli.data.workspace import HEAD_BYTES

    write_csv(tmp_path / "orders.csv", ORDERS, encoding="gbk")
    late = [[f"SO{n:05}", "2024-05-10", "C3", "王五", 5, 100, 500, 300] for n in range(6000)]
    write_csv(tmp_path / "销售明细-补录.csv", [HEADER, *late], encoding="gbk")
    assert (tmp_path / "销售明细-补录.csv").stat().st_size > 3 * HEAD_BYTES
    write_csv(tmp_path / "targets.csv", TARGETS)
    code, _, said = _sales(tmp_path)
    assert code == 0 and "not read: 销售明细-补录.csv, whose header holds" in said, said
