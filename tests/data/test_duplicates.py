"""One row per key, and reps named as the targets name them (#23.7, #23.11).

A target, expense or review written twice for one rep and period, a customer listed twice:
never summed, never settled by row order. A rep written `Ａｌｉｃｅ` or `alice` is the targets'
`Alice` when exactly one rep matches; when two do, the run stops.
"""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import run, write_csv, write_xlsx

HEADER = ["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", "金额"]
TARGETS = ["销售代表", "期间", "目标"]


def orders(folder: Path, *rows: tuple[str, str, float]) -> None:
    """Order lines (customer, rep, amount) in May 2024."""
    lines = [[f"SO{i}", "2024-05-06", c, f"{c}公司", rep, a] for i, (c, rep, a) in enumerate(rows)]
    write_csv(folder / "orders.csv", [HEADER, *lines])


def appraisal(folder: Path, *more: str) -> dict[str, dict]:
    result = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json", *more)
    assert result.exit_code == 0, result.stderr
    return {row["rep"]: row for row in json.loads(result.stdout)}


def refusal(folder: Path, *command: str) -> str:
    result = run("-w", str(folder), *command)
    assert result.exit_code == 65, result.stdout + result.stderr
    assert result.stdout == ""
    return result.stderr.splitlines()[0]


def problems(folder: Path, table: str) -> pd.DataFrame:
    checked = run("-w", str(folder), "check", "--table", table, "--format", "csv")
    frame = pd.read_csv(io.StringIO(checked.stdout), dtype=str, keep_default_na=False)
    frame.attrs["exit_code"] = checked.exit_code
    # each warning that changes a figure is also one row of its own (without a row number)
    summary = frame["hint"].str.endswith("--strict stops on it")
    return frame[
        ~summary & ~frame["problem"].str.startswith(("column missing", "no purchase history"))
    ]


# --- targets, expenses, reviews: one row per rep and period --------------------------------------


def test_two_target_rows_for_one_rep_and_month_stop_listing_both(tmp_path: Path) -> None:
    """Today 2000 + 3000 = 5000 silently: Alice's attainment 0.2 instead of 0.5 or 0.33."""
    orders(tmp_path, ("C1", "Alice", 1000))
    rows = [
        TARGETS,
        ["Alice", "2024-05", 2000],
        ["Bob", "2024-05", 1000],
        ["Alice", "2024-05", 3000],
    ]
    write_csv(tmp_path / "targets.csv", rows)
    message = refusal(tmp_path, "appraise", "--month", "2024-05")
    assert "targets.csv, row 4, column target, value '3000'" in message
    assert "target Alice/2024-05 is listed twice with different values, rows 2, 4" in message
    assert message.endswith("(target = 2000, 3000)")
    assert problems(tmp_path, "targets").attrs["exit_code"] == 65
    del rows[3]  # the hint: keep the right row, delete the other
    write_csv(tmp_path / "targets.csv", rows)
    assert appraisal(tmp_path)["Alice"]["attainment"] == 0.5


def test_the_same_target_row_twice_is_read_once_and_said(tmp_path: Path) -> None:
    orders(tmp_path, ("C1", "Alice", 1000))
    rows = [TARGETS, ["Alice", "2024-05", 2000], ["Alice", "2024-05", 2000]]
    write_xlsx(tmp_path / "targets.xlsx", rows)
    result = appraisal(tmp_path)
    assert result["Alice"]["target"] == 2000.0 and result["Alice"]["attainment"] == 0.5
    said = run("-w", str(tmp_path), "appraise", "--month", "2024-05").stderr
    assert (
        "targets.xlsx, sheet Sheet1: target Alice/2024-05 is listed 2 times (rows 2, 3), the "
        "same both times: read once, not summed" in said
    )
    found = problems(tmp_path, "targets")
    assert found[["row", "severity"]].values.tolist() == [["3", "warning"]]
    assert found.attrs["exit_code"] == 0


@pytest.mark.parametrize(
    ("name", "header", "rows", "command"),
    [
        (
            "expenses",
            ["销售代表", "月份", "费用", "预算"],
            [["Alice", "2024-05", 100, 1000], ["Alice", "2024-05", 300, 1000]],
            ["appraise", "--quarter", "2024Q2"],
        ),
        (
            "reviews",
            ["销售代表", "考核期", "评分", "评语"],
            [["Alice", "2024Q2", 90, "好"], ["Alice", "2024Q2", 60, "差"]],
            ["appraise", "--quarter", "2024Q2"],
        ),
    ],
)
def test_a_doubled_expense_or_review_stops(
    tmp_path: Path, name: str, header: list, rows: list, command: list
) -> None:
    """Today the expenses are summed (400 / 2000) and the review's last row wins."""
    orders(tmp_path, ("C1", "Alice", 1000))
    write_csv(tmp_path / "targets.csv", [TARGETS, ["Alice", "2024-05", 2000]])
    write_csv(tmp_path / f"{name}.csv", [header, *rows])
    message = refusal(tmp_path, *command)
    assert f"{name}.csv, row 3" in message and "listed twice with different values, rows 2, 3" in (
        message
    )


# --- customers: one row per customer ------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "first", "second", "column"),
    [
        (["客户编号", "客户名称", "销售代表"], ["C1", "甲", "Alice"], ["C1", "甲", "Bob"], "rep"),
        (["客户编号", "客户名称", "客户分类"], ["C1", "甲", "A"], ["C1", "甲", "C"], "class"),
    ],
)
def test_a_customer_listed_twice_with_other_owners_or_classes_stops(
    tmp_path: Path, header: list, first: list, second: list, column: str
) -> None:
    """Today the last row wins (or the first, depending on the rule): row order decides."""
    orders(tmp_path, ("C1", "", 1000))
    write_csv(tmp_path / "customers.csv", [header, first, ["C2", "乙", first[2]], second])
    message = refusal(tmp_path, "classify", "--quarter", "2024Q2")
    assert f"customers.csv, row 4, column {column}, value '{second[2]}'" in message
    assert "customer C1 is listed twice with different values, rows 2, 4" in message
    assert problems(tmp_path, "customers").attrs["exit_code"] == 65


def test_a_customer_listed_twice_the_same_is_read_once(tmp_path: Path) -> None:
    orders(tmp_path, ("C1", "", 1000))
    header = ["客户编号", "客户名称", "销售代表", "联系电话"]
    rows = [header, ["C1", "甲", "Alice", "13800138000"], ["C1", "甲", "Alice", "13800138000"]]
    rows.append(["C1", "甲", "Alice", "13900139000"])  # another contact's phone: first row read
    write_csv(tmp_path / "customers.csv", rows)
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [(r["customer_id"], r["rep"]) for r in json.loads(result.stdout)] == [("C1", "Alice")]
    assert "listed 3 times (rows 2, 3, 4), differing only in phone: read once" in result.stderr


def test_duplicates_across_files_stay_the_overlap_rule(tmp_path: Path) -> None:
    orders(tmp_path, ("C1", "Alice", 1000))
    write_csv(tmp_path / "targets-a.csv", [TARGETS, ["Alice", "2024-05", 2000]])
    write_csv(tmp_path / "targets-b.csv", [TARGETS, ["Alice", "2024-05", 3000]])
    (tmp_path / "salescli.toml").write_text('[inputs.targets]\npath = "targets-*.csv"\n')
    assert "have the key of a line in targets-a.csv" in refusal(
        tmp_path, "appraise", "--month", "2024-05"
    )


# --- rep names: width and case ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["Ａｌｉｃｅ", "alice", "ALICE", "ａｌｉｃｅ"])
def test_a_rep_in_full_width_or_another_case_is_the_targets_rep(
    tmp_path: Path, written: str
) -> None:
    """Today Ａｌｉｃｅ's 3000 has no target and Alice's bonus is 0 (attainment 0)."""
    orders(tmp_path, ("C1", written, 3000), ("C2", "Bob", 1000))
    write_csv(
        tmp_path / "targets.csv", [TARGETS, ["Alice", "2024-05", 3000], ["Bob", "2024-05", 2000]]
    )
    result = appraisal(tmp_path)
    assert set(result) == {"Alice", "Bob"}
    assert result["Alice"]["amount"] == 3000.0 and result["Alice"]["attainment"] == 1.0
    assert result["Alice"]["bonus"] == 5000.0
    said = run("-w", str(tmp_path), "appraise", "--month", "2024-05").stderr
    if unicodedata.normalize("NFKC", written) != "Alice":  # not only the width: said
        assert "rep names written in another case" in said
        assert f"{written.replace('ａｌｉｃｅ', 'alice')} -> Alice x1" in said


def test_a_customers_owner_in_another_case_takes_the_targets_spelling(tmp_path: Path) -> None:
    orders(tmp_path, ("C1", "", 3000))
    write_csv(tmp_path / "targets.csv", [TARGETS, ["Alice", "2024-05", 3000]])
    write_csv(
        tmp_path / "customers.csv", [["客户编号", "客户名称", "销售代表"], ["C1", "甲", "ALICE"]]
    )
    result = appraisal(tmp_path)
    assert result["Alice"]["amount"] == 3000.0


def test_a_rep_matching_two_reps_by_case_stops_naming_both(tmp_path: Path) -> None:
    """Two owners of the customer file (no targets of theirs) that differ only in case."""
    orders(tmp_path, ("C1", "alice", 3000))
    write_csv(tmp_path / "targets.csv", [TARGETS, ["Bob", "2024-05", 2000]])
    owners = [["客户编号", "客户名称", "销售代表"], ["C1", "甲", "Alice"], ["C2", "乙", "ALICE"]]
    write_csv(tmp_path / "customers.csv", owners)
    message = refusal(tmp_path, "appraise", "--month", "2024-05")
    assert "orders.csv, row 2, column rep, value 'alice'" in message
    assert "rep 'alice' is 'ALICE', 'Alice' of the targets or customer file" in message
    orders(tmp_path, ("C1", "ALICE", 3000))  # the hint: write the rep as the targets do
    result = appraisal(tmp_path)
    assert result["ALICE"]["amount"] == 3000.0


def test_the_targets_naming_one_rep_in_two_cases_stop_naming_both(tmp_path: Path) -> None:
    """Alice 3000 and ALICE 2000: the orders' Alice (or alice) was one of them, and the other's
    target counted for a rep with no sales, exit 0 (tests/data/test_gaps12.py, both layouts)."""
    orders(tmp_path, ("C1", "alice", 3000))
    rows = [TARGETS, ["Alice", "2024-05", 3000], ["ALICE", "2024-05", 2000]]
    write_csv(tmp_path / "targets.csv", rows)
    message = refusal(tmp_path, "appraise", "--month", "2024-05")
    assert "targets.csv, row 2, column rep, value 'Alice'" in message
    assert "the targets write one rep in two cases: 'ALICE' (row 3), 'Alice' (row 2)" in message
    write_csv(tmp_path / "targets.csv", [TARGETS, ["Alice", "2024-05", 3000]])  # one way
    assert appraisal(tmp_path)["Alice"]["amount"] == 3000.0
