"""A hostile read of the policy's figures at their edges (review5): each test builds a small
workspace of real files, runs the command, and checks the figure against the one POLICY.md
gives, computed here in plain Python from the rows (never through salescli's rules)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv

TARGET_HEADER = ["销售代表", "期间", "目标", "基本奖金"]


def workspace(tmp_path: Path, lines: list[tuple], targets: list[tuple]) -> Path:
    """orders.csv from (order, day, customer, rep, amount) and targets.csv from
    (rep, period, target, base bonus)."""
    ws = tmp_path / "ws"
    ws.mkdir()
    rows = [order_row(o, day, c, amount, rep) for o, day, c, rep, amount in lines]
    write_csv(ws / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(ws / "targets.csv", [TARGET_HEADER, *targets])
    return ws


def appraise(ws: Path, *period: str) -> pd.DataFrame:
    result = run("-w", str(ws), "appraise", *period, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout)).set_index("rep")


def policy_multiplier(amount: str, target: str) -> Decimal:
    """5.3 in exact decimals: 0 below 60 %, the attainment from 60 % to 100 %, then
    1 + 1.5 x (attainment - 1), at most 2.0."""
    attainment = Decimal(amount) / Decimal(target)
    if attainment < Decimal("0.6"):
        return Decimal(0)
    if attainment <= 1:
        return attainment
    return min(1 + Decimal("1.5") * (attainment - 1), Decimal(2))


# --- 5.3 the bonus at exactly 60 % ----------------------------------------------------------

# (amount, target) at exactly 60 % of the target in cents, where amount / target in binary
# floating point comes out a hair under 0.6
AT_THE_FLOOR = [("16642.92", "27738.20"), ("2.01", "3.35"), ("268535.22", "447558.70")]


@pytest.mark.parametrize(("amount", "target"), AT_THE_FLOOR)
def test_exactly_60_percent_attainment_earns_the_60_percent_bonus(
    tmp_path: Path, amount: str, target: str
) -> None:
    assert Decimal(amount) / Decimal(target) == Decimal("0.6")  # exactly on the floor
    ws = workspace(
        tmp_path,
        [("SO1", "2024-05-06", "C1", "张三", float(amount))],
        [("张三", "2024-05", float(target), 8000)],
    )
    row = appraise(ws, "--month", "2024-05").loc["张三"]
    assert row["attainment"] == 0.6
    expected = (8000 * policy_multiplier(amount, target)).quantize(Decimal("0.01"))
    assert expected == Decimal("4800.00")
    assert row["bonus_multiplier"] == 0.6  # was 0.0: attainment 0.6 shown, the bonus of < 60 %
    assert Decimal(str(row["bonus"])) == expected
