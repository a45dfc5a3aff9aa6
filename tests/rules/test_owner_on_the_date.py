"""A line with no salesperson counts for its customer's owner *on the order date* (POLICY "Who
sold it").

Where the customer file names no owner, salescli took the rep of the customer's latest line
with one, over every line read: a customer handed from 张三 to 李四 in August moved May's
unsigned sale to 李四, and May's appraisal, run again once August was exported, paid another
rep, exit 0. Now the owner is the rep of the customer's latest line with one on or before the
line's date; with none by then, the sale is nobody's `(unassigned)`, said as such.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from salescli.rules import process
from tests.cli.test_run_sources import _lake
from tests.helpers import run, write_csv

HEADER = ["订单编号", "下单日期", "客户编号", "销售代表", "金额"]
MARCH = ["XS1", "2024-03-04", "C1", "张三", 100]
MAY = ["XS2", "2024-05-06", "C1", None, 500]  # no salesperson on the line
AUGUST = ["XS3", "2024-08-05", "C1", "李四", 200]  # the customer handed over


def _appraised(folder: Path, *more: str) -> tuple[dict[str, float], str]:
    done = run("--no-cache", "-w", str(folder), *more, "appraise", "--month", "2024-05",
               "--format", "json")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    return {r["rep"]: r["amount"] for r in json.loads(done.stdout) if r["amount"]}, done.stderr


def _workspace(folder: Path, *rows: list) -> Path:
    folder.mkdir()
    write_csv(folder / "orders.csv", [HEADER, *rows], encoding="gbk")
    targets = [
        ["销售代表", "月份", "目标"],
        *([rep, "2024-05", 1000] for rep in ["张三", "李四", "王五"]),
    ]
    write_csv(folder / "targets.csv", targets)
    return folder


def test_a_later_hand_over_does_not_move_an_earlier_sale(tmp_path: Path) -> None:
    amounts, said = _appraised(_workspace(tmp_path / "ws", MARCH, MAY, AUGUST))
    assert amounts == {"张三": 500.0}  # 李四 before: the owner as of the export's last line
    assert "names no salesperson" in said and "on or before" in said  # said, on stderr


def test_the_month_s_figure_is_the_same_before_and_after_later_months_are_exported(
    tmp_path: Path,
) -> None:
    before = _appraised(_workspace(tmp_path / "may", MARCH, MAY))[0]
    after = _appraised(_workspace(tmp_path / "august", MARCH, MAY, AUGUST))[0]
    assert before == after == {"张三": 500.0}


def test_a_sale_before_the_customer_s_first_rep_is_nobody_s(tmp_path: Path) -> None:
    """No line says who held the customer in May: not a guess from August, `(unassigned)`,
    named on stderr, and refused under --strict."""
    folder = _workspace(tmp_path / "ws", MAY, AUGUST)
    amounts, said = _appraised(folder)
    assert amounts == {process.UNASSIGNED: 500.0}
    assert f"{process.UNASSIGNED} (500.00)" in said
    strict = run("--no-cache", "-w", str(folder), "--strict", "appraise", "--month", "2024-05")
    assert strict.exit_code == 65, strict.stderr


def test_the_customer_file_s_owner_comes_first(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", MARCH, MAY, AUGUST)
    write_csv(
        folder / "customers.csv", [["客户编号", "客户名称", "业务员"], ["C1", "甲公司", "王五"]]
    )
    assert _appraised(folder)[0] == {"王五": 500.0}


def test_a_same_day_line_with_a_rep_names_the_owner(tmp_path: Path) -> None:
    same_day = ["XS4", "2024-05-06", "C1", "李四", 300]
    amounts = _appraised(_workspace(tmp_path / "ws", MARCH, MAY, same_day, AUGUST))[0]
    assert amounts == {"李四": 800.0}


def test_a_split_counts_the_sale_for_the_owner_then(tmp_path: Path) -> None:
    """split-targets shares by each rep's base-year sales: 张三 600 of 800, 李四 200."""
    folder = _workspace(tmp_path / "ws", MARCH, MAY, AUGUST)
    done = run("--no-cache", "-w", str(folder), "split-targets", "--year", "2025",
               "--total", "1200", "--format", "csv")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    split = pd.read_csv(io.StringIO(done.stdout)).groupby("rep")["target"].sum()
    assert split.round(2).to_dict() == {"张三": 900.0, "李四": 300.0}


def test_from_a_lake_the_owner_then_comes_from_an_edge_line_years_before(
    tmp_path: Path,
) -> None:
    """A source's window holds 2022 on for May 2024: 张三's 2019 line is fetched as C1's edge
    line with a rep, and the month's figures are the files'."""
    rows = [["XS0", "2019-02-01", "C1", "张三", 50], MAY, AUGUST]
    files = _appraised(_workspace(tmp_path / "files", *rows))[0]
    lake = tmp_path / "lake"
    _lake(
        lake,
        pd.DataFrame(rows, columns=HEADER).assign(
            下单日期=lambda f: pd.to_datetime(f["下单日期"]).dt.date
        ),
    )
    assert _appraised(lake)[0] == files == {"张三": 500.0}


@pytest.mark.parametrize("numbered", [True, False])
@pytest.mark.parametrize("seed", range(5))
def test_owners_on_is_the_latest_rep_on_or_before_each_date(seed: int, numbered: bool) -> None:
    """`Owners.on` against the plain reading, line by line, on shuffled generated lines (a
    day's lines ranked by order number, or by place where the export has none)."""
    rng = np.random.default_rng(seed)
    n = 400
    lines = pd.DataFrame(
        {
            "customer_id": pd.array(rng.choice(["C1", "C2", "C3", None], n), dtype="string"),
            "order_date": pd.to_datetime("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 60, n), unit="D"),
            "order_id": pd.array([f"XS{i:04d}" for i in rng.permutation(n)], dtype="string"),
            "rep": pd.array(rng.choice(["A", "B", "C", None, None], n), dtype="string"),
        }
    )
    if not numbered:
        lines = lines.drop(columns="order_id")
    ranked = ["order_date", "order_id"] if numbered else ["order_date"]
    asked = np.flatnonzero(lines["rep"].isna().to_numpy())
    wanting = lines.iloc[asked]
    owners = process.Owners.of(None, lines)
    got = owners.on(wanting["customer_id"], wanting["order_date"])
    for at, rep in zip(asked, got, strict=True):
        line = lines.iloc[at]
        before = lines[
            (lines["customer_id"] == line["customer_id"]).fillna(False)
            & (lines["order_date"] <= line["order_date"])
            & lines["rep"].notna()
        ]
        if pd.isna(line["customer_id"]) or before.empty:
            assert pd.isna(rep)
            continue
        latest = before.sort_values(ranked, kind="stable").iloc[-1]
        assert rep == latest["rep"]
    day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 60)))
    held = lines[lines["rep"].notna() & (lines["order_date"] <= day)]
    plain = held.sort_values(ranked, kind="stable").groupby("customer_id")
    assert owners.at(day).to_dict() == plain["rep"].last().to_dict()
    assert owners.at().to_dict() == process.latest_value(lines, "rep").to_dict()


def test_a_new_customer_counts_for_its_owner_at_the_quarter_s_end(tmp_path: Path) -> None:
    """C1's first order is 张三's, in May; 李四 holds C1 from August. The second quarter's new
    customer is 张三's, before and after August is exported (it moved to 李四)."""
    folder = _workspace(tmp_path / "ws", ["XS1", "2024-05-06", "C1", "张三", 500], AUGUST)
    done = run("--no-cache", "-w", str(folder), "appraise", "--quarter", "2024Q2",
               "--format", "json")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    new = {r["rep"]: r["new_customers"] for r in json.loads(done.stdout)}
    assert new["张三"] == 1 and new["李四"] == 0


def test_a_feedback_with_no_rep_counts_for_the_owner_at_the_period_s_end() -> None:
    """Open feedback is a duty of whoever holds the customer at the period's end; a later
    hand-over does not move it."""
    from salescli.rules import feedback

    lines = pd.DataFrame(
        {
            "customer_id": pd.array(["C1", "C1"], dtype="string"),
            "order_date": pd.to_datetime(["2024-03-04", "2024-08-05"]),
            "order_id": pd.array(["XS1", "XS3"], dtype="string"),
            "rep": pd.array(["张三", "李四"], dtype="string"),
        }
    )
    came = pd.DataFrame({"feedback_id": ["F1"], "customer_id": ["C1"],
                         "received_on": pd.to_datetime(["2024-05-06"])})  # fmt: skip
    owners = process.Owners.of(None, lines)
    assert feedback.with_reps(came, owners.at(pd.Timestamp("2024-05-31")))["rep"][0] == "张三"
    assert (
        feedback.with_reps(came, owners.at(pd.Timestamp("2024-02-29")))["rep"][0] == feedback.NO_REP
    )
    assert feedback.with_reps(came, owners.at())["rep"][0] == "李四"
