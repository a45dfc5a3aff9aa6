"""A period's figures read no order line dated after it (#27: "the month appraisal fetches
≤ the window's rows").

A sale's owner is the owner on its date, a quarter's customers count for the owner at its
end: nothing of a period needs a later line. So the books hold none (`api.inputs.load_books`),
and a source fetches none of them but the lines of the orders the period holds (an order is
told from all its lines). Before, each customer's latest lines after the period were fetched
for its owner: 42,287 of the 10M-line month's 1,317,919 rows (benchmarks/README.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from tests.cli.test_run_sources import _lake
from tests.helpers import run, write_csv

HEADER = ["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", "金额"]
UP_TO_MAY = [
    ["XS1", "2024-04-02", "C1", "甲公司", "张三", 300],
    ["XS2", "2024-05-06", "C1", "甲公司", None, 500],  # no rep: C1's owner then, 张三
    ["XS3", "2024-05-31", "C2", "乙公司", "李四", 100],
]
LATER = [
    ["XS4", "2024-07-05", "C1", "甲集团", "李四", 200],  # handed over and renamed
    ["XS5", "2024-08-01", "C2", "乙公司", "李四", 50],
]
MONTH = ("appraise", "--month", "2024-05", "--format", "json")


def _files(folder: Path, rows: list[list[object]]) -> Path:
    folder.mkdir()
    write_csv(folder / "orders.csv", [HEADER, *rows], encoding="gbk")
    write_csv(folder / "targets.csv", [["rep", "period", "target"], ["张三", "2024-05", 300],
                                       ["李四", "2024-05", 300]])  # fmt: skip
    return folder


def _lake_of(folder: Path, rows: list[list[object]]) -> Path:
    lines = pd.DataFrame(rows, columns=HEADER)
    lines["下单日期"] = pd.to_datetime(lines["下单日期"]).dt.date
    _lake(folder, lines)
    return folder


def _fetched(said: str) -> int:
    (rows,) = re.findall(r"orders: (\d+) rows fetched", said)
    return int(rows)


def test_a_month_from_a_lake_fetches_no_line_after_it(tmp_path: Path) -> None:
    files = run("--no-cache", "-w", str(_files(tmp_path / "files", UP_TO_MAY + LATER)), *MONTH)
    lake = run("--no-cache", "-v", "-w", str(_lake_of(tmp_path / "lake", UP_TO_MAY + LATER)),
               *MONTH)  # fmt: skip
    assert files.exit_code == lake.exit_code == 0, files.stderr + lake.stderr
    assert lake.stdout == files.stdout
    assert _fetched(lake.stderr) == 3  # 5 before: C1's and C2's latest lines after May


def test_an_order_of_the_month_with_a_line_dated_after_it_is_fetched_whole(
    tmp_path: Path,
) -> None:
    """An order is told from all its lines (its total, its category): its June line is
    fetched; the month's figures count its May line, from files and from the lake alike."""
    straddling = [["XS3", "2024-06-01", "C2", "乙公司", "李四", 40]]
    rows = UP_TO_MAY + straddling + LATER
    files = run("--no-cache", "-w", str(_files(tmp_path / "files", rows)), *MONTH)
    lake = run("--no-cache", "-v", "-w", str(_lake_of(tmp_path / "lake", rows)), *MONTH)
    assert files.exit_code == lake.exit_code == 0, files.stderr + lake.stderr
    assert lake.stdout == files.stdout
    assert _fetched(lake.stderr) == 4


def test_a_month_s_outputs_are_the_same_before_and_after_later_months_are_exported(
    tmp_path: Path,
) -> None:
    """Run at the month's end, or again once July and August are exported (a customer
    handed over and renamed): the same bytes, so a bonus paid is the bonus computed."""
    before = _files(tmp_path / "may", UP_TO_MAY)
    after = _files(tmp_path / "august", UP_TO_MAY + LATER)
    week = ("report", "--week", "2024-W22", "--rep", "张三", "--format", "json")
    for asked in (MONTH, ("report", "--month", "2024-05", "--format", "json"), week):
        then = run("--no-cache", "-w", str(before), *asked)
        now = run("--no-cache", "-w", str(after), *asked)
        assert then.exit_code == now.exit_code == 0, then.stderr + now.stderr
        assert then.stdout == now.stdout, asked
