"""The data layer's notes, warnings, errors and hints are message ids (#25): in Chinese under
`--lang zh`, in the same English as before otherwise, and their parameters (a file named like
an English word, a sheet named "orders", a header or a value "open") kept as the data has them.
Each case runs the CLI on a workspace the test writes, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_xlsx

MAY = [
    order_row("SO-1", "2024-05-06", "C1", 1200.0),
    order_row("SO-2", "2024-05-20", "C2", 800.0, rep="李四"),
]
TOTAL = ["合计"] + [None] * (ORDER_HEADER.index("金额") - 1) + [2000.0]


def _workspace(tmp_path: Path, settings: str, rows: list[list] | None = None) -> Path:
    """Orders in `open.xlsx` (a file named like a status word), on a sheet named `orders`."""
    ws = tmp_path / "ws"
    ws.mkdir()
    write_xlsx(ws / "open.xlsx", rows or [ORDER_HEADER, *MAY], "orders")
    (ws / "salescli.toml").write_text(
        '[inputs.orders]\npath = "open.xlsx"\n' + settings, encoding="utf-8"
    )
    return ws


def _both(ws: Path, *args: str) -> tuple[str, str]:
    """stderr of the English and the Chinese run of `classify` (which reads the orders),
    which exit alike."""
    args = ("-w", str(ws), "classify", "--quarter", "2024Q2", "-o", str(ws / "out.csv"), *args)
    english = run(*args)
    chinese = run("--lang", "zh", *args)
    assert english.exit_code == chinese.exit_code, (english.stderr, chinese.stderr)
    return english.stderr, chinese.stderr


def test_a_total_row_dropped_is_said_in_chinese_with_the_file_and_sheet_as_they_are(
    tmp_path: Path,
) -> None:
    ws = _workspace(tmp_path, "", [ORDER_HEADER, *MAY, TOTAL])
    english, chinese = _both(ws, "-v")
    assert "open.xlsx, sheet orders: 1 total row dropped, not summed (row 4)" in english
    assert "open.xlsx，工作表 orders：已去掉 1 个合计行，未计入（第 4 行）" in chinese
    assert "total row" not in chinese


def test_a_header_the_file_does_not_have_is_an_error_in_chinese_keeping_the_header(
    tmp_path: Path,
) -> None:
    ws = _workspace(tmp_path, 'amount = "open"\n')
    english, chinese = _both(ws)
    assert "[inputs.orders] amount = 'open': no such header; header row 1 has: 订单编号" in english
    assert "hint: write the header as the file spells it, or remove the line" in english
    assert (
        "open.xlsx，工作表 orders，第 1 行：[inputs.orders] amount = 'open'：没有这个表头；"
        in chinese
    )
    assert "第 1 行的表头为：订单编号" in chinese
    assert "建议：请按文件中的写法填写表头，或删除这一行" in chinese


def test_a_sheet_the_workbook_does_not_have_names_the_sheets_it_has(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, 'sheet = "open"\n')
    english, chinese = _both(ws)
    assert "open.xlsx: no sheet named 'open'" in english
    assert "hint: sheets in this file: orders" in english
    assert "open.xlsx：没有名为 'open' 的工作表" in chinese
    assert "建议：此文件中的工作表：orders" in chinese


def test_a_missing_table_is_said_in_chinese_with_the_setting_as_written(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "salescli.toml").write_text('[inputs.orders]\npath = "open.xlsx"\n', encoding="utf-8")
    english, chinese = _both(ws)
    assert "the orders table (订单) is missing" in english
    assert "缺少 orders 表（订单）" in chinese
    assert "查找过 [inputs.orders] path = 'open.xlsx' in " in chinese
    assert "请把导出文件放在那里、在 salescli.toml 中设置 [inputs.orders] 的 path" in chinese


@pytest.mark.parametrize(
    ("setting", "english_text", "chinese_text"),
    [
        (
            "[bonus]\nbase = -1\n",
            "bonus.base = -1: Input should be greater than or equal to 0",
            "bonus.base = -1：应大于或等于 0",
        ),
        (
            '[visits]\nA = "open"\n',
            "visits.A = 'open': Input should be 'week', 'fortnight' or 'month'",
            "visits.A = 'open'：应为 'week', 'fortnight' or 'month'",
        ),
        (
            "[grades]\nS = 50\nA = 60\n",
            "grades.S = 50 is below grades.A = 60",
            "grades.S = 50 低于 grades.A = 60",
        ),
    ],
)
def test_a_setting_out_of_range_is_said_in_chinese_keeping_key_and_value(
    tmp_path: Path, setting: str, english_text: str, chinese_text: str
) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    write_xlsx(ws / "orders.xlsx", [ORDER_HEADER, *MAY])
    (ws / "salescli.toml").write_text(setting, encoding="utf-8")
    english, chinese = _both(ws)
    assert english_text in english
    assert chinese_text in chinese
