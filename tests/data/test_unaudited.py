"""A document not audited yet (未审核) is not in force: no sale.

金蝶 and 用友 lists carry the audit state as 审核状态 (已审核 / 未审核), or under the header
审核, which salescli read as the auditor's name and dropped as harmless: an unaudited order
counted as a sale, exit 0 (under 审核状态 with a warning only). Now a column holding such
words is asked (65) under either header, its hint followed ends in the audited lines only,
and 未审核 as a status word is no sale.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import customer_amounts, set_settings, write_csv

ROWS = [
    ["XS1", "已审核", "2024-05-06", "C1", "张三", 1000],
    ["XS2", "未审核", "2024-05-07", "C2", "张三", 300],
]


def _workspace(folder: Path, header: str) -> Path:
    folder.mkdir()
    table = [["订单编号", header, "下单日期", "客户编号", "销售代表", "金额"], *ROWS]
    write_csv(folder / "orders.csv", table, encoding="gbk")
    return folder


@pytest.mark.parametrize("header", ["审核", "审核状态"])
def test_an_audit_column_is_asked(tmp_path: Path, header: str) -> None:
    code, _, said = customer_amounts(_workspace(tmp_path / "ws", header))
    assert code == 65, said
    assert f"column {header}, value '已审核, 未审核'" in said
    assert f'cancel_flag = "{header}"' in said


@pytest.mark.parametrize("header", ["审核", "审核状态"])
def test_the_hint_followed_counts_the_audited_lines(tmp_path: Path, header: str) -> None:
    folder = _workspace(tmp_path / "ws", header)
    set_settings(folder / "salescli.toml", "inputs.orders", cancel_flag=f'"{header}"')
    code, _, said = customer_amounts(folder)  # refused again: which word takes a line out?
    assert code == 65 and "flag_yes" in said, said
    set_settings(folder / "salescli.toml", "statuses", flag_yes='["未审核"]', flag_no='["已审核"]')
    assert customer_amounts(folder)[:2] == (0, {"C1": 1000.0})


def test_read_as_the_status_an_unaudited_order_is_no_sale(tmp_path: Path) -> None:
    """The other way to read it, where the export has no status column of its own."""
    folder = _workspace(tmp_path / "ws", "审核状态")
    set_settings(folder / "salescli.toml", "inputs.orders", status='"审核状态"')
    code, amounts, said = customer_amounts(folder)
    assert (code, amounts) == (0, {"C1": 1000.0}), said
    assert "outside the vocabulary" not in said  # 未审核 is a known word, not a guess
