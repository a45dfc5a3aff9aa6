"""The ratios and percentages a manager reads and pays from: each reads as the figure it was
computed from, on its side of the limits the policy compares it with, and a score stays in
the range the data dictionary declares. Each test builds the small company whose right
figures it states itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv

TARGET = 10000.0


def one_rep(tmp_path: Path, months: dict[str, list[float]]) -> Path:
    """张三's order lines of each month of 2024Q2 (a negative one is a return), against a
    target of 10,000 a month."""
    ws = tmp_path / "company"
    ws.mkdir(parents=True)
    rows = [
        order_row(
            f"SO{month}{n}", f"2024-{month}-{10 + n}", "C1", amount, 数量=1 if amount > 0 else -1
        )
        for month, amounts in months.items()
        for n, amount in enumerate(amounts)
    ]
    write_csv(ws / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(
        ws / "targets.csv",
        [["销售代表", "期间", "目标"], *[["张三", f"2024-{m}", TARGET] for m in months]],
    )
    return ws


def appraised(ws: Path, *period: str) -> dict:
    result = run("-w", str(ws), "appraise", *period, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    return row


# --- a net-negative month ------------------------------------------------------------------


def test_a_net_negative_month_scores_zero_not_below(tmp_path: Path) -> None:
    """May: 1,000 sold, 3,000 returned: -2,000 against 10,000 is -20 % attainment. The score
    of 5.2 ranges 0 to 120 (as the data dictionary says), so May scores 0, not -20, and the
    quarter's performance score is the mean of 100, 0 and 50: 50, not 43.33."""
    ws = one_rep(tmp_path, {"04": [10000.0], "05": [1000.0, -3000.0], "06": [5000.0]})
    may = appraised(ws, "--month", "2024-05")
    assert may["amount"] == -2000.0
    assert may["attainment"] == pytest.approx(-0.2)  # the figure itself stays as it is
    assert may["performance_score"] == 0.0
    assert may["bonus_multiplier"] == 0.0 and may["bonus"] == 0.0
    months = [100 * min(max(a / TARGET, 0.0), 1.2) for a in (10000.0, -2000.0, 5000.0)]
    quarter = appraised(ws, "--quarter", "2024Q2")
    assert quarter["performance_score"] == pytest.approx(round(sum(months) / 3, 2))
    assert quarter["performance_score"] == 50.0
