"""Orders that begin after the period does: an export cut at its start.

An export whose first line is dated inside the period holds none of the period's earlier
sales, and no customer's history: in a Q1 appraisal from orders beginning 2024-01-03 every
customer counted as new (张三: 4 new customers, score 120, grade S) and nothing was said,
where the end of a stale export has long been said. It is said now the same way (stderr,
--strict and partial_period = "error" stop), unless `[checks] orders_begin = "first-sale"`
says the first line is the company's first sale; days before it that are all holidays (the
New Year's day, the May holidays) are no gap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run, set_settings, write_csv

HEADER = ["订单编号", "订单日期", "客户编号", "业务员", "数量", "单价", "金额", "成本"]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000]]
SAID = "orders begin 2024-05-13, 12 days after 2024-05 begins: the sales before it are not in"


def _workspace(folder: Path, first: str) -> Path:
    folder.mkdir()
    lines = [
        ["SO1", first, "C1", "张三", 10, 100, 1000, 600],
        ["SO2", "2024-05-31", "C2", "张三", 5, 100, 500, 300],
    ]
    write_csv(folder / "orders.csv", [HEADER, *lines], encoding="gbk")
    write_csv(folder / "targets.csv", TARGETS)
    return folder


def _appraise(folder: Path, *more: str):
    return run(
        "--no-cache", "-w", str(folder), *more, "appraise", "--month", "2024-05", "--format", "json"
    )


def test_an_export_cut_at_its_start_is_said(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", "2024-05-13")
    done = _appraise(folder)
    assert done.exit_code == 0
    assert SAID in done.stderr
    assert 'set [checks] orders_begin = "first-sale"' in done.stderr
    assert json.loads(done.stdout)[0]["amount"] == 1500.0  # the figure, as the lines give it


def test_strict_and_partial_period_error_stop_on_it(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", "2024-05-13")
    strict = _appraise(folder, "--strict")
    assert strict.exit_code == 65 and SAID.split(":")[0] in strict.stderr
    set_settings(folder / "salescli.toml", "checks", partial_period='"error"')
    stopped = _appraise(folder)
    assert stopped.exit_code == 65
    assert "orders begin 2024-05-13, 12 days after 2024-05 begins" in stopped.stderr
    assert "export the orders from 2024-05-01" in stopped.stderr


def test_the_hint_first_sale_is_followed(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", "2024-05-13")
    set_settings(folder / "salescli.toml", "checks", orders_begin='"first-sale"')
    done = _appraise(folder, "--strict")
    assert done.exit_code == 0, done.stderr
    assert "orders begin" not in done.stderr


@pytest.mark.parametrize("first", ["2024-05-01", "2024-05-06"])
def test_holidays_before_the_first_line_are_no_gap(tmp_path: Path, first: str) -> None:
    """May 1–5 2024 are the Labour Day holidays: a first line on the 6th misses no sale."""
    folder = _workspace(tmp_path / "ws", first)
    done = _appraise(folder)
    assert done.exit_code == 0 and "orders begin" not in done.stderr, done.stderr


def test_a_quarter_from_orders_beginning_on_its_third_day_is_said(tmp_path: Path) -> None:
    """The first tester's case: 2024-01-03 in 2024Q1 (the 2nd was a working day)."""
    folder = tmp_path / "ws"
    folder.mkdir()
    lines = [
        ["SO1", "2024-01-03", "C1", "张三", 10, 100, 1000, 600],
        ["SO2", "2024-03-29", "C2", "张三", 5, 100, 500, 300],
    ]
    write_csv(folder / "orders.csv", [HEADER, *lines], encoding="gbk")
    quarter = [["销售代表", "期间", "目标"], *[["张三", f"2024-0{m}", 1000] for m in (1, 2, 3)]]
    write_csv(folder / "targets.csv", quarter)
    done = run("--no-cache", "-w", str(folder), "appraise", "--quarter", "2024Q1")
    assert "orders begin 2024-01-03, 2 days after 2024Q1 begins" in done.stderr, done.stderr
