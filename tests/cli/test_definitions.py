"""Issue 13 as a user meets it: sales nobody owns, the quarterly pack's one source of classes,
a year the data covers only in part, and explanations that state the configured policy."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from salescli.rules.process import UNASSIGNED
from tests.helpers import ORDER_HEADER, canonical, order_row, read_sheet, run, write_csv, write_xlsx

DEMO = str(Path(__file__).resolve().parents[2] / "examples" / "demo")


def csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype={"customer_id": str})


def unowned_workspace(folder: Path) -> Path:
    """Two reps' orders and two lines with no rep for a customer nobody owns (no customer
    file), with targets for May."""
    write_xlsx(
        folder / "orders.xlsx",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-03", "C1", 100, rep="张三"),
            order_row("SO2", "2024-05-06", "C2", 50, rep="李四"),
            order_row("SO3", "2024-05-07", "C9", 700, rep=None),
            order_row("SO4", "2024-05-08", "C9", 300, rep=None),
        ],
    )
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], ["张三", "2024-05", "100"], ["李四", "2024-05", "100"]],
    )
    return folder


def test_appraise_shows_sales_nobody_owns_with_a_warning(tmp_path: Path) -> None:
    # before: the 1,000 of C9 vanished; every figure summed to 150, exit 0
    folder = str(unowned_workspace(tmp_path))
    result = run("-v", "-w", folder, "appraise", "--month", "2024-05")
    assert result.exit_code == 0, result.stderr
    table = csv(result.stdout).set_index("rep")
    assert table.loc[UNASSIGNED, "amount"] == 1000 and table["amount"].sum() == 1150
    assert table.loc[UNASSIGNED, ["target", "bonus", "performance_score"]].isna().all()
    assert "sales_champion" in table.loc["张三", "honours"]  # not the pile nobody owns
    assert "2 order lines in 2024-05 (amount 1,000.00) have no rep" in result.stderr


def test_report_and_check_show_sales_nobody_owns(tmp_path: Path) -> None:
    folder = str(unowned_workspace(tmp_path))
    by_rep = run("-w", folder, "report", "--month", "2024-05", "--section", "by_rep")
    assert by_rep.exit_code == 0, by_rep.stderr
    frame = csv(by_rep.stdout).set_index("rep")
    assert frame.loc[UNASSIGNED, "amount"] == 1000 and pd.isna(frame.loc[UNASSIGNED, "rank"])
    week = run("-w", folder, "report", "--week", "2024-W19", "--section", "by_rep")
    assert csv(week.stdout).set_index("rep").loc[UNASSIGNED, "amount"] == 1000
    check = run("-w", folder, "check", "--section", "problems")
    problems = csv(check.stdout)
    unowned = problems[problems["column"] == "rep"]
    assert unowned["row"].tolist() == [4, 5] and (unowned["severity"] == "warning").all()
    assert unowned["problem"].str.contains("no owner").all()


@pytest.mark.slow
def test_quarterly_pack_counts_classes_from_one_labelled_source(tmp_path: Path) -> None:
    # before: by_class read the customer file's classes (A = 200) and class_summary a fresh
    # classification (A = 380), neither saying so
    target = tmp_path / "q2.json"
    result = run("-w", DEMO, "report", "--quarter", "2024Q2", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    pack = json.loads(target.read_text(encoding="utf-8"))
    by_class = {row["class"]: row["customers"] for row in pack["by_class"]}
    summary = {row["class"]: row["customers"] for row in pack["class_summary"]}
    assert by_class == summary and by_class["A"] == 380
    page = tmp_path / "q2.md"
    assert run("-w", DEMO, "report", "--quarter", "2024Q2", "-o", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert text.count("classes: classified for 2024Q2 (score, orders 2023-07-01..2024-06-30)") >= 3
    month = tmp_path / "m.md"
    assert run("-w", DEMO, "report", "--month", "2024-05", "-o", str(month)).exit_code == 0
    assert "classes: the customer file's class column" in month.read_text(encoding="utf-8")


def test_year_the_data_covers_in_part_scores_only_its_covered_quarters(tmp_path: Path) -> None:
    # before: a year whose orders end in August scored Q3 and Q4 as zero: grade D for everyone
    rows = [ORDER_HEADER]
    rows += [order_row(f"SO{m}", f"2024-{m:02d}-10", "C1", 100) for m in range(1, 9)]
    write_xlsx(tmp_path / "orders.xlsx", rows)
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], *[["张三", f"2024-{m:02d}", "100"] for m in range(1, 13)]],
    )
    result = run("-v", "-w", str(tmp_path), "appraise", "--year", "2024")
    assert result.exit_code == 0, result.stderr
    row = csv(result.stdout).iloc[0]
    assert pd.isna(row["q3_score"]) and pd.isna(row["q4_score"]) and row["grade"] != "D"
    assert row["target"] == 600 and row["attainment"] == 1
    assert "2024Q3 only partly covered: not scored" in result.stderr
    assert "the year is the mean of 2024Q1, 2024Q2" in result.stderr
    cards = tmp_path / "cards"
    out = run("-w", str(tmp_path), "appraise", "--year", "2024", "--scorecards", str(cards))
    assert out.exit_code == 0, out.stderr
    sheet = read_sheet(cards / "scorecards.xlsx", None)
    weights = pd.concat(sheet.values())
    indicators = weights["indicator"].map(canonical)  # shown as "Q1 score"
    weights = weights[indicators.isin(["q1_score", "q2_score"])]["weight"]
    assert weights.tolist() == [0.5, 0.5]


def test_explain_writes_the_configured_weights(tmp_path: Path) -> None:
    folder = unowned_workspace(tmp_path)
    (folder / "salescli.toml").write_text(
        "[scoring]\nweight_amount = 0.7\nweight_quantity = 0.1\nweight_profit = 0.2\n",
        encoding="utf-8",
    )
    result = run("-w", str(folder), "appraise", "--month", "2024-05", "--explain", "张三")
    assert result.exit_code == 0, result.stderr
    formula = csv(result.stdout).set_index("figure").loc["performance_score", "formula"]
    assert "amount 0.7" in formula and "quantity 0.1" in formula and "0.6" not in formula
