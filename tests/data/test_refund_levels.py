"""A refund column beside the line amounts: each line's refund, or the order's repeated?

WooCommerce's Refund Amount, Magento's Total Refunded, Taobao's 退款金额 are per order and
written on each item line of the order; subtracted per line, a 200 refund on an order of two
lines was taken twice (张三 600 where 800 is right), and a 500 refund on a 100 line left the
line at −400 — exit 0, even with --strict. The refund column now stops the run (65) where it
is the same on every line of an order whose lines differ in amount, or above its line's
amount, until `[inputs.orders] refund_level` says which it is. A line refunded whole also
loses its quantity and cost (POLICY: refunds count in volume negatively): sold 6, refunded 6,
none sold, where it was 6 sold at a loss of its whole cost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import appraised as _rows
from tests.helpers import set_settings, write_csv

HEADER = ["订单编号", "订单日期", "客户编号", "业务员", "产品型号", "数量", "单价", "金额", "成本"]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 1000],
           ["王五", "2024-05", 1000]]  # fmt: skip
ORDER_REFUNDS = [
    [*HEADER, "退款金额"],
    # the order's 200 written on both lines
    ["SO1", "2024-05-03", "C1", "张三", "P1", 6, 100, 600, 300, 200],
    ["SO1", "2024-05-03", "C1", "张三", "P2", 4, 100, 400, 200, 200],
    ["SO2", "2024-05-31", "C2", "李四", "P1", 5, 100, 500, 250, 0],
]


def _workspace(folder: Path, rows: list[list]) -> Path:
    folder.mkdir()
    write_csv(folder / "orders.csv", rows, encoding="gbk")
    write_csv(folder / "targets.csv", TARGETS)
    return folder


def test_an_order_s_refund_on_each_line_is_refused(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", ORDER_REFUNDS)
    code, _, said = _rows(folder, "--strict")
    assert code == 65
    first = said.splitlines()[0]
    assert first.startswith("salescli: error: orders.csv, row 2, column refund_amount, value")
    assert "the refund column looks like each order's refund written on its lines" in first
    assert "(1 order; order SO1, rows 2, 3)" in first
    assert 'refund_level = "order"' in said and 'refund_level = "line"' in said


@pytest.mark.parametrize(("level", "zhang"), [("order", 800.0), ("line", 600.0)])
def test_each_answer_is_followed(tmp_path: Path, level: str, zhang: float) -> None:
    folder = _workspace(tmp_path / "ws", ORDER_REFUNDS)
    set_settings(folder / "salescli.toml", "inputs.orders", refund_level=f'"{level}"')
    code, rows, said = _rows(folder, "--strict")
    assert code == 0, said
    assert (rows["张三"]["amount"], rows["李四"]["amount"]) == (zhang, 500.0)


def test_an_order_s_refund_is_shared_by_the_line_amounts_to_the_cent(tmp_path: Path) -> None:
    """100 over lines of 1 and 2: 33.33 and 66.67, the cent of rounding on the first line."""
    rows = [
        [*HEADER, "退款金额"],
        ["SO1", "2024-05-03", "C1", "张三", "P1", 1, 100, 100, 50, 100],
        ["SO1", "2024-05-03", "C1", "张三", "P2", 2, 100, 200, 100, 100],
        ["SO2", "2024-05-31", "C2", "李四", "P1", 5, 100, 500, 250, 0],
    ]
    folder = _workspace(tmp_path / "ws", rows)
    set_settings(folder / "salescli.toml", "inputs.orders", refund_level='"order"')
    from salescli.data.workspace import Workspace

    lines = Workspace(folder).table("orders")
    assert [round(a, 9) for a in lines["amount"]] == [66.67, 133.33, 500.0]
    assert round(float(lines["amount"].sum()), 2) == 700.0


def test_a_refund_above_its_line_is_refused(tmp_path: Path) -> None:
    rows = [
        [*HEADER, "退款金额"],
        ["SO3", "2024-05-31", "C2", "李四", "P1", 5, 100, 500, 250, 0],
        ["SO4", "2024-05-20", "C1", "张三", "P1", 1, 100, 100, 50, 500],
    ]
    folder = _workspace(tmp_path / "ws", rows)
    code, _, said = _rows(folder)
    assert code == 65 and "order SO4, rows 3" in said, said


def test_a_line_refunded_whole_sells_nothing_and_costs_nothing(tmp_path: Path) -> None:
    rows = [
        [*HEADER, "退款金额"],
        ["SO1", "2024-05-03", "C1", "张三", "P1", 10, 100, 1000, 600, 0],
        ["SO4", "2024-05-31", "C3", "王五", "P1", 6, 100, 600, 300, 600],
    ]
    folder = _workspace(tmp_path / "ws", rows)
    code, by_rep, said = _rows(folder)
    assert code == 0, said
    assert (by_rep["王五"]["amount"], by_rep["王五"]["quantity"]) == (0.0, 0.0)
    assert by_rep["王五"]["profit"] in (0.0, None)  # was −300: the cost of goods not sold
    assert (by_rep["张三"]["amount"], by_rep["张三"]["quantity"]) == (1000.0, 10.0)
