"""Two rates for one currency's month: the row order chose the figure.

rates.csv with USD 2024-05 at 7.2 and again at 7.3 gave 李四 14,600, and 14,400 with the rows
swapped: exit 0 even with --strict. A month's rate is one row per key now, as a rep's target
is: two different rates stop the run (65) naming both rows; the same rate twice is read once,
said.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run, write_csv

HEADER = ["订单编号", "订单日期", "客户编号", "业务员", "金额", "币种"]
LINES = [
    ["SO1", "2024-05-06", "C1", "张三", 1000, "CNY"],
    ["SO2", "2024-05-31", "C2", "李四", 2000, "USD"],
]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 9000]]


def _workspace(folder: Path, rates: list[list]) -> Path:
    folder.mkdir()
    write_csv(folder / "orders.csv", [HEADER, *LINES], encoding="gbk")
    write_csv(folder / "targets.csv", TARGETS)
    write_csv(folder / "rates.csv", [["month", "currency", "rate"], *rates])
    return folder


def _appraise(folder: Path):
    return run(
        "--no-cache", "-w", str(folder), "appraise", "--month", "2024-05", "--format", "json"
    )


def test_two_rates_for_one_month_stop_the_run_naming_both_rows(tmp_path: Path) -> None:
    for name, rates in (
        ("ws", [["2024-05", "USD", 7.2], ["2024-05", "USD", 7.3]]),
        ("swapped", [["2024-05", "USD", 7.3], ["2024-05", "USD", 7.2]]),
    ):
        done = _appraise(_workspace(tmp_path / name, rates))
        assert done.exit_code == 65, done.stderr
        assert "rates.csv, row 3" in done.stderr and "rows 2, 3" in done.stderr, done.stderr


def test_the_same_rate_twice_is_read_once(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", [["2024-05", "USD", 7.2], ["2024-05", "USD", 7.2]])
    done = _appraise(folder)
    assert done.exit_code == 0, done.stderr
    sales = {r["rep"]: r["amount"] for r in json.loads(done.stdout)}
    assert sales == {"张三": 1000.0, "李四": 14400.0}
