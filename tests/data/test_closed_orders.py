"""关闭 (closed) is not one thing: asked, never guessed.

金蝶 K/3 Cloud closes an order line by itself once every unit is delivered (业务关闭: "销售订单
的数量全部出库后自动反写进行业务关闭"), 用友 U8 fills 关闭人 and 关闭日期 when an order is
closed after it is done; 抖店 writes 已关闭 for an order the buyer cancelled. salescli took
every closed line out (not counted) with exit 0, even with --strict: a K/3 rep's delivered
1,000 was missing from his month, his bonus 0 instead of 3,750. A closed word or a close
column now stops the run (65) naming the rows, until `[statuses] closed` says what it means
in the user's system; each answer is followed here and gives the right figure.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import appraised_sales as _sales
from tests.helpers import run, set_settings, write_csv, write_xlsx

TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 1000]]
# the month's last day has a line, so the month is read whole
HEADER = ["单据编号", "日期", "客户编码", "客户名称", "销售员", "物料编码", "金额", "毛利"]
K3 = [
    [*HEADER, "关闭状态", "业务关闭"],
    ["XSDD001", "2024-05-06", "C1", "甲公司", "张三", "M1", 1000, 250, "已关闭", "业务关闭"],
    ["XSDD002", "2024-05-10", "C1", "甲公司", "张三", "M2", 500, 125, "未关闭", ""],
    ["XSDD003", "2024-05-31", "C2", "乙公司", "李四", "M1", 800, 200, "未关闭", ""],
]
DELIVERED = {"张三": 1500.0, "李四": 800.0}
CANCELLED = {"张三": 500.0, "李四": 800.0}


def _workspace(folder: Path, rows: list[list], kind: str = "xlsx") -> Path:
    folder.mkdir()
    if kind == "xlsx":
        write_xlsx(folder / "orders.xlsx", rows)
    else:
        write_csv(folder / "orders.csv", rows, encoding="gbk")
    write_csv(folder / "targets.csv", TARGETS)
    return folder


def test_a_k3_close_column_stops_the_run_naming_its_rows(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", K3)
    code, _, said = _sales(folder)
    assert code == 65, said
    first = said.splitlines()[0]
    assert "orders.xlsx, sheet Sheet1, row 2" in first
    assert "关闭 (closed) means finished in some systems and cancelled in others" in first
    assert '[statuses] closed = "sale"' in said and 'closed = "not_sale"' in said


@pytest.mark.parametrize(("answer", "right"), [("sale", DELIVERED), ("not_sale", CANCELLED)])
def test_the_answer_decides_and_the_run_after_it_is_right(
    tmp_path: Path, answer: str, right: dict[str, float]
) -> None:
    folder = _workspace(tmp_path / "ws", K3)
    set_settings(folder / "salescli.toml", "statuses", closed=f'"{answer}"')
    code, sales, said = _sales(folder, "--strict")
    assert (code, sales) == (0, right), said


def test_a_closed_status_word_is_asked_too(tmp_path: Path) -> None:
    """A status column (单据状态) with 业务关闭 beside 已审核."""
    rows = [
        [*HEADER, "单据状态"],
        ["XSDD001", "2024-05-06", "C1", "甲公司", "张三", "M1", 1000, 250, "业务关闭"],
        ["XSDD002", "2024-05-10", "C1", "甲公司", "张三", "M2", 500, 125, "已审核"],
        ["XSDD003", "2024-05-31", "C2", "乙公司", "李四", "M1", 800, 200, "已审核"],
    ]
    folder = _workspace(tmp_path / "ws", rows, kind="csv")
    code, _, said = _sales(folder)
    assert code == 65 and "orders.csv, row 2, column 单据状态, value '业务关闭'" in said, said
    set_settings(folder / "salescli.toml", "statuses", closed='"sale"')
    assert _sales(folder, "--strict")[:2] == (0, DELIVERED)
    # a word the user lists decides for itself, whatever `closed` says
    set_settings(folder / "salescli.toml", "statuses", closed='"sale"', not_counted='["业务关闭"]')
    assert _sales(folder)[:2] == (0, CANCELLED)


def test_a_u8_closer_column_is_a_close_column(tmp_path: Path) -> None:
    """用友 U8: 关闭人 and 关闭日期, filled on a closed order."""
    rows = [
        [*HEADER, "关闭人", "关闭日期"],
        ["00001", "2024-05-06", "C1", "甲公司", "张三", "M1", 1000, 250, "管理员", "2024-05-20"],
        ["00002", "2024-05-10", "C1", "甲公司", "张三", "M2", 500, 125, "", ""],
        ["00003", "2024-05-31", "C2", "乙公司", "李四", "M1", 800, 200, "", ""],
    ]
    folder = _workspace(tmp_path / "ws", rows)
    code, _, said = _sales(folder)
    assert code == 65 and "关闭 (closed)" in said, said
    set_settings(folder / "salescli.toml", "statuses", closed='"sale"')
    assert _sales(folder, "--strict")[:2] == (0, DELIVERED)


def test_a_cancel_column_is_still_a_cancel_column(tmp_path: Path) -> None:
    """作废标志 = 是 is no sale, asked nothing."""
    rows = [
        [*HEADER, "作废标志"],
        ["XSDD001", "2024-05-06", "C1", "甲公司", "张三", "M1", 1000, 250, "是"],
        ["XSDD002", "2024-05-10", "C1", "甲公司", "张三", "M2", 500, 125, "否"],
        ["XSDD003", "2024-05-31", "C2", "乙公司", "李四", "M1", 800, 200, "否"],
    ]
    folder = _workspace(tmp_path / "ws", rows)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, CANCELLED), said
    assert "关闭" not in said


def test_no_closed_line_asks_nothing(tmp_path: Path) -> None:
    """A close column with no closed line decides no figure: nothing is asked."""
    rows = [[*K3[0]], *[[*r[:8], "未关闭", ""] for r in K3[1:]]]
    folder = _workspace(tmp_path / "ws", rows)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 1500.0, "李四": 800.0}), said


@pytest.mark.parametrize(
    ("header", "closed", "kept"),
    [
        ("关闭标志", "1", "0"),
        ("关闭标志", "TRUE", "FALSE"),
        ("关闭人", "demo", ""),  # U8: a closed line names who closed it
        ("状态", "关闭", "正常"),
        ("关闭状态", "已关闭", "未关闭"),
    ],
)
def test_each_close_column_is_asked_then_read_as_said(
    tmp_path: Path, header: str, closed: str, kept: str
) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "日期", "客户编号", "金额", header],
            ["SO1", "2024-05-03", "C1", "100", kept],
            ["SO2", "2024-05-04", "C1", "900", closed],
            ["SO3", "2024-05-05", "C2", "50", kept],
        ],
    )

    def amounts() -> tuple[int, dict[str, float]]:
        done = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
        if done.exit_code:
            return done.exit_code, {}
        return 0, {r["customer_id"]: r["amount"] for r in json.loads(done.stdout) if r["amount"]}

    assert amounts() == (65, {})
    set_settings(tmp_path / "salescli.toml", "statuses", closed='"not_sale"')
    assert amounts() == (0, {"C1": 100.0, "C2": 50.0})
    set_settings(tmp_path / "salescli.toml", "statuses", closed='"sale"')
    assert amounts() == (0, {"C1": 1000.0, "C2": 50.0})


@pytest.mark.parametrize(
    ("header", "closed", "kept"),
    [
        ("關閉人", "王五", ""),  # a Taiwan or Hong Kong export: traditional characters
        ("關閉狀態", "已關閉", "未關閉"),
        ("狀態", "業務關閉", "正常"),
    ],
)
def test_traditional_close_columns_and_words_are_asked_too(
    tmp_path: Path, header: str, closed: str, kept: str
) -> None:
    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ["訂單編號", "日期", "客戶編號", "金額", header],
            ["SO1", "2024-05-03", "C1", "100", kept],
            ["SO2", "2024-05-04", "C1", "900", closed],
        ],
    )
    done = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    assert done.exit_code == 65 and "关闭 (closed) means finished" in done.stderr, done.stderr
    set_settings(tmp_path / "salescli.toml", "statuses", closed='"sale"')
    done = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert {r["customer_id"]: r["amount"] for r in json.loads(done.stdout)} == {"C1": 1000.0}
