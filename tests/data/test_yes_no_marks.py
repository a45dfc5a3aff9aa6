"""Yes/no columns that change what a line is worth: tax included, red-letter, refunded.

是否含税 (是 / 否) or Shopify's `Taxes Included` was a column not read, said on stderr: 1,130
with tax summed with 1,000 without, exit 0, a figure neither net nor gross. A column of such
a header holding a yes is asked (65); its hint followed (an amount column of one kind mapped)
gives the net figure, and its other way (the column ignored, the amounts declared of one
kind) reads them as they are. A column that says no on every line changes nothing.

红字 / 是否红字 = 是 (the line is a red-letter document, the return itself) and 已退款 = 是 (the
sale's own line, refunded) were not read either: the 300 counted as a sale. They are asked,
and the hint's setting (return_flag, cancel_flag) gives the right figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import customer_amounts, set_settings, write_csv

HEADER = ["订单编号", "下单日期", "客户编号", "销售代表", "是否含税", "金额", "无税金额"]
ROWS = [
    ["SO1", "2024-05-06", "C1", "张三", "是", 1130, 1000],
    ["SO2", "2024-05-07", "C2", "张三", "否", 1000, 1000],
]


def _workspace(folder: Path, header: list[str], rows: list[list]) -> Path:
    folder.mkdir()
    write_csv(folder / "orders.csv", [header, *rows], encoding="gbk")
    return folder


def _without_net(rows: list[list]) -> list[list]:
    return [row[:6] for row in rows]


@pytest.mark.parametrize(
    ("header", "yes", "no"), [("是否含税", "是", "否"), ("Taxes Included", "true", "false")]
)
def test_a_tax_included_flag_is_asked(tmp_path: Path, header: str, yes: str, no: str) -> None:
    rows = [[*ROWS[0][:4], yes, 1130], [*ROWS[1][:4], no, 1000]]
    folder = _workspace(tmp_path / "ws", [*HEADER[:4], header, "金额"], rows)
    code, _, said = customer_amounts(folder)
    assert code == 65, said
    assert f"column '{header}' may say which lines' amounts include tax" in said
    assert 'amount = "<its header>"' in said and f'ignore = ["{header}"]' in said


def test_the_hint_followed_maps_the_netcustomer_amounts(tmp_path: Path) -> None:
    """The export has 无税金额 beside 金额: mapped as the amount, the figure is net, and the
    flag (which then marks how prices were entered) is asked no more."""
    folder = _workspace(tmp_path / "ws", HEADER, ROWS)
    set_settings(folder / "salescli.toml", "inputs.orders", amount='"无税金额"')
    code, amounts, said = customer_amounts(folder)
    assert (code, amounts) == (0, {"C1": 1000.0, "C2": 1000.0}), said


def test_ignored_the_amounts_are_read_as_they_are(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", HEADER[:6], _without_net(ROWS))
    set_settings(folder / "salescli.toml", "inputs.orders", ignore='["是否含税"]')
    assert customer_amounts(folder)[:2] == (0, {"C1": 1130.0, "C2": 1000.0})


def test_no_on_every_line_changes_nothing(tmp_path: Path) -> None:
    rows = [[*row[:4], "否", row[6]] for row in ROWS]
    folder = _workspace(tmp_path / "ws", HEADER[:6], rows)
    assert customer_amounts(folder)[:2] == (0, {"C1": 1000.0, "C2": 1000.0})


# --- red-letter and refunded marks as yes/no columns -----------------------------------------


@pytest.mark.parametrize(
    ("header", "setting", "right"),
    [
        # 红字 = 是: the line is the return itself, its amount subtracted
        ("红字", "return_flag", 700.0),
        ("是否红字", "return_flag", 700.0),
        # 已退款 = 是 on the sale's own line: the sale is undone, counted nowhere
        ("已退款", "cancel_flag", 1000.0),
    ],
)
def test_a_red_letter_or_refunded_mark_is_asked_and_its_hint_followed_is_right(
    tmp_path: Path, header: str, setting: str, right: float
) -> None:
    """They were columns not read: the 300 counted as a sale, exit 0 (1,300)."""
    rows = [
        ["SO1", "2024-05-06", "C1", "张三", "否", 1000],
        ["SO2", "2024-05-07", "C1", "张三", "是", 300],
    ]
    folder = _workspace(tmp_path / "ws", [*HEADER[:4], header, "金额"], rows)
    code, _, said = customer_amounts(folder)
    assert code == 65, said
    assert f'{setting} = "{header}"' in said
    set_settings(folder / "salescli.toml", "inputs.orders", **{setting: f'"{header}"'})
    assert customer_amounts(folder)[:2] == (0, {"C1": right})
