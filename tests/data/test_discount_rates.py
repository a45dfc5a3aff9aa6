"""A discount rate (折扣率, 扣率, Discount %) beside an amount that is before the discount.

折扣率 was taken for a harmless column (a rate no line amount holds) and dropped without a
word: 数量 10 × 单价 100 at 折扣率 90% with 金额 1,000 paid 张三 on 1,000 where he sold 900,
exit 0 even with --strict. Where the export's own numbers show that the amount is the
quantity times the price before the discount, the run now stops (65) naming the row; where
they show it after the discount, the rate decides nothing and is read as before; where they
cannot tell, the column is said on stderr as any column not read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import appraised_sales as _sales
from tests.helpers import set_settings, write_csv

TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 1000]]


def _workspace(folder: Path, header: list[str], lines: list[list]) -> Path:
    folder.mkdir()
    write_csv(folder / "orders.csv", [header, *lines], encoding="gbk")
    write_csv(folder / "targets.csv", TARGETS)
    return folder


HEADER = ["订单编号", "订单日期", "客户编号", "业务员", "数量", "单价", "折扣率", "金额", "成本"]


@pytest.mark.parametrize("rate", ["90%", "0.9", "9折", "10%"])
def test_an_amount_before_the_discount_is_refused(tmp_path: Path, rate: str) -> None:
    """90% paid or 10% off: either way 1,000 is not what was sold."""
    lines = [
        ["SO1", "2024-05-03", "C1", "张三", 10, 100, rate, 1000, 600],
        ["SO2", "2024-05-31", "C2", "李四", 5, 100, "100%", 500, 300],
    ]
    folder = _workspace(tmp_path / "ws", HEADER, lines)
    code, _, said = _sales(folder)
    assert code == 65, said
    first = said.splitlines()[0]
    assert f"orders.csv, row 2, column 折扣率, value '{rate}'" in first
    assert "金额 is the quantity times the unit price before the discount 折扣率" in first


def test_the_hint_maps_the_amount_after_the_discount(tmp_path: Path) -> None:
    header = [*HEADER[:8], "折后金额", "成本"]
    lines = [
        ["SO1", "2024-05-03", "C1", "张三", 10, 100, "90%", 1000, 900, 600],
        ["SO2", "2024-05-31", "C2", "李四", 5, 100, "100%", 500, 500, 300],
    ]
    folder = _workspace(tmp_path / "ws", header, lines)
    code, _, said = _sales(folder)
    assert code == 65 and 'amount = "<the amount after the discount>"' in said, said
    set_settings(folder / "salescli.toml", "inputs.orders", amount='"折后金额"', ignore='["金额"]')
    code, sales, said = _sales(folder, "--strict")
    assert (code, sales) == (0, {"张三": 900.0, "李四": 500.0}), said


def test_an_amount_after_the_discount_is_read_as_it_is(tmp_path: Path) -> None:
    lines = [
        ["SO1", "2024-05-03", "C1", "张三", 10, 100, "90%", 900, 600],
        ["SO2", "2024-05-31", "C2", "李四", 5, 100, "100%", 500, 300],
    ]
    folder = _workspace(tmp_path / "ws", HEADER, lines)
    code, sales, said = _sales(folder, "--strict")
    assert (code, sales) == (0, {"张三": 900.0, "李四": 500.0}), said


def test_a_rate_that_numbers_cannot_judge_is_said_as_a_column_not_read(tmp_path: Path) -> None:
    """No quantity or price to compare with: the column is said (stderr; --strict stops)."""
    header = ["订单编号", "订单日期", "客户编号", "业务员", "折扣率", "金额", "成本"]
    lines = [
        ["SO1", "2024-05-03", "C1", "张三", "90%", 1000, 600],
        ["SO2", "2024-05-31", "C2", "李四", "100%", 500, 300],
    ]
    folder = _workspace(tmp_path / "ws", header, lines)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 1000.0, "李四": 500.0}), said
    assert "orders.csv: column not read: '折扣率'" in said
    assert _sales(folder, "--strict")[0] == 65
    set_settings(folder / "salescli.toml", "inputs.orders", ignore='["折扣率"]')
    assert _sales(folder, "--strict")[:2] == (0, {"张三": 1000.0, "李四": 500.0})
