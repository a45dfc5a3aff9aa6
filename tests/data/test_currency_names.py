"""A currency written as a name (美元, 港币, US$) in a column salescli had no use for.

金蝶's 结算币别名称 was on the list of descriptive headers: an export whose only currency column
it was had its 1,000 USD read as 1,000 CNY, exit 0. A column whose cells are currencies, one
of them not the base currency, is now a column to settle (65), as one of ISO codes was under
an unknown header; its hint, followed, converts the amounts or is refused again until the
rates are there. A column of the base currency alone, or one beside the currency column read
already, changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import customer_amounts, set_settings, write_csv, write_xlsx

ROWS = [
    ["SO1", "2024-05-06", "C1", "张三", "美元", 1000],
    ["SO2", "2024-05-07", "C2", "张三", "人民币", 500],
]


def _workspace(folder: Path, header: str, rows: list[list], kind: str = "csv") -> Path:
    folder.mkdir()
    table = [["订单编号", "下单日期", "客户编号", "销售代表", header, "金额"], *rows]
    if kind == "csv":
        write_csv(folder / "orders.csv", table, encoding="gbk")
    else:
        write_xlsx(folder / "orders.xlsx", table)
    return folder


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_settlement_currency_name_column_is_a_column_to_settle(tmp_path: Path, kind: str) -> None:
    folder = _workspace(tmp_path / "ws", "结算币别名称", ROWS, kind)
    code, _, said = customer_amounts(folder)
    assert code == 65, said
    where = "orders.csv" if kind == "csv" else "orders.xlsx, sheet Sheet1"
    assert (
        f"{where}, row 1, column 结算币别名称, value '美元, 人民币': column "
        "'结算币别名称' holds currencies"
    ) in said
    assert '[inputs.orders] currency = "结算币别名称"' in said


def test_the_hint_followed_converts_the_amounts_or_asks_for_the_rates(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", "结算币别名称", ROWS)
    set_settings(folder / "salescli.toml", "inputs.orders", currency='"结算币别名称"')
    code, _, said = customer_amounts(folder)  # refused again: nothing says what a dollar is
    assert code == 65 and "no rates table to convert them to CNY" in said, said
    write_csv(folder / "rates.csv", [["month", "currency", "rate"], ["2024-05", "USD", 7.1]])
    code, amounts, said = customer_amounts(folder)
    assert (code, amounts) == (0, {"C1": 7100.0, "C2": 500.0}), said


def test_a_column_of_the_base_currency_alone_changes_nothing(tmp_path: Path) -> None:
    rows = [[*row[:4], "人民币", row[5]] for row in ROWS]
    folder = _workspace(tmp_path / "ws", "结算币别名称", rows)
    assert customer_amounts(folder)[:2] == (0, {"C1": 1000.0, "C2": 500.0})


def test_a_name_column_beside_the_currency_read_changes_nothing(tmp_path: Path) -> None:
    """金蝶 writes both: the code is the currency read, the name its label."""
    folder = tmp_path / "ws"
    folder.mkdir()
    header = ["订单编号", "下单日期", "客户编号", "销售代表", "结算币别", "结算币别名称", "金额"]
    rows = [[*r[:4], "USD" if r[4] == "美元" else "CNY", r[4], r[5]] for r in ROWS]
    write_csv(folder / "orders.csv", [header, *rows], encoding="gbk")
    write_csv(folder / "rates.csv", [["month", "currency", "rate"], ["2024-05", "USD", 7.1]])
    assert customer_amounts(folder)[:2] == (0, {"C1": 7100.0, "C2": 500.0})


def test_currency_names_under_an_unknown_header_are_a_currency_column(tmp_path: Path) -> None:
    """As ISO codes were: `Settlement` holding 美元 and 人民币."""
    folder = _workspace(tmp_path / "ws", "Settlement", ROWS)
    code, _, said = customer_amounts(folder)
    assert code == 65 and "column 'Settlement' holds currencies" in said, said


def test_a_unit_column_of_yuan_is_no_currency(tmp_path: Path) -> None:
    """单位 元 is the amounts' unit: nothing to settle, nothing converted."""
    rows = [[*row[:4], "元", row[5]] for row in ROWS]
    folder = _workspace(tmp_path / "ws", "计价单位", rows)
    assert customer_amounts(folder)[:2] == (0, {"C1": 1000.0, "C2": 500.0})
