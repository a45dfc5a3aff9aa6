"""Every policy command on a whole company (the small generated one), as a user runs it."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.helpers import read_sheet, run

DEMO = str(Path(__file__).resolve().parents[2] / "examples" / "demo")


def csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype={"customer_id": str})


def test_classify_writes_one_row_per_customer(tmp_path: Path, small_company: Path) -> None:
    result = run(
        "-w", str(small_company), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / "c.xlsx")
    )
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert book.sheetnames == ["classes", "summary", "moves", "notes"]
    classes = read_sheet(tmp_path / "c.xlsx", "classes")
    assert list(classes.columns)[:10] == [
        "customer_id",
        "customer_name",
        "rep",
        "amount",
        "frequency",
        "potential",
        "score",
        "class",
        "previous_class",
        "move",
    ]
    assert classes["customer_id"].is_unique
    only_in_orders = int(classes["not_in_customer_file"].sum())
    # every customer of the customer file (read apart, after its title rows) and the buyers
    # it lacks
    listed = pd.read_excel(small_company / "customers.xlsx", header=2, engine="calamine")
    assert only_in_orders >= 1 and len(classes) == len(listed) + only_in_orders
    assert set(classes["move"]) <= {"up", "down", "same", "new"}


def test_plan_visits_and_ics(tmp_path: Path, small_company: Path) -> None:
    result = run(
        "-w",
        str(small_company),
        "plan-visits",
        "--month",
        "2024-06",
        "--ics",
        str(tmp_path / "ics"),
        "-o",
        str(tmp_path / "plan.csv"),
    )
    assert result.exit_code == 0, result.stderr
    plan = pd.read_csv(tmp_path / "plan.csv", encoding="utf-8-sig")
    assert list(plan.columns) == [
        "period",
        "rep",
        "date",
        "customer_id",
        "customer_name",
        "class",
        "window",
    ]
    assert (plan["period"] == "2024-06").all()
    assert plan.groupby(["rep", "date"]).size().max() <= 8
    files = sorted((tmp_path / "ics").glob("*.ics"))
    assert len(files) == plan["rep"].nunique()
    text = files[0].read_bytes().decode()
    assert text.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:" in text
    again = tmp_path / "again"
    run(
        "-w",
        str(small_company),
        "plan-visits",
        "--month",
        "2024-06",
        "--ics",
        str(again),
        "-o",
        str(tmp_path / "plan2.csv"),
    )
    assert (again / files[0].name).read_bytes() == files[0].read_bytes()


def test_audit_visits_by_rep_worst_first(small_company: Path) -> None:
    result = run("-w", str(small_company), "audit-visits", "--month", "2024-05", "--by", "rep")
    assert result.exit_code == 0, result.stderr
    by_rep = csv(result.stdout)
    assert list(by_rep.columns) == ["period", "rep", "customers", "required", "done", "compliance"]
    assert by_rep["compliance"].is_monotonic_increasing


@pytest.mark.slow
def test_split_targets_feeds_appraise(tmp_path: Path) -> None:
    target = tmp_path / "targets-2024.xlsx"
    result = run(
        "-w",
        DEMO,
        "split-targets",
        "--year",
        "2024",
        "--total",
        "120000000",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:2] == ["targets", "pivot"]
    long = read_sheet(target, "targets")
    assert long["original_target"].sum() == 120_000_000  # before the demo's 2024 adjustments
    pivot = read_sheet(target, "pivot")
    assert pivot["year"].iloc[-1] == long["target"].sum()
    appraisal = run("-w", DEMO, "appraise", "--month", "2024-03", "--input", f"targets={target}")
    assert appraisal.exit_code == 0, appraisal.stderr
    frame = csv(appraisal.stdout)
    month_total = long.loc[long["month"] == "2024-03", "target"].sum()
    assert frame["target"].sum() == month_total and (frame["amount"] > 0).any()
    # a month the orders do not reach is not appraised at zero: see tests/cli/test_coverage.py
    beyond = run("-w", DEMO, "appraise", "--month", "2025-03", "--input", f"targets={target}")
    assert beyond.exit_code == 65


@pytest.mark.slow
def test_appraise_month_quarter_with_scorecards_and_year(tmp_path: Path) -> None:
    result = run("-w", DEMO, "appraise", "--month", "2024-05")
    assert result.exit_code == 0, result.stderr
    month = csv(result.stdout)
    assert list(month.columns) == [
        "period",
        "rep",
        "amount",
        "quantity",
        "profit",
        "target",
        "attainment",
        "performance_score",
        "bonus_multiplier",
        "bonus",
        "honours",
    ]
    assert month["honours"].str.contains("sales_champion").sum() >= 1  # codes for machines

    cards = tmp_path / "cards"
    result = run(
        "-w",
        DEMO,
        "appraise",
        "--quarter",
        "2024Q2",
        "-o",
        str(tmp_path / "q2.xlsx"),
        "--scorecards",
        str(cards),
    )
    assert result.exit_code == 0, result.stderr
    quarter = read_sheet(tmp_path / "q2.xlsx", "appraisal")
    assert {"final_score", "grade", "churn_rate_score", "training_needs"} <= set(quarter.columns)
    pages = sorted(cards.glob("*.html"))
    assert len(pages) == len(quarter)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "nan" not in html and "None" not in html and "&lt;NA&gt;" not in html
    assert len(openpyxl.load_workbook(cards / "scorecards.xlsx").sheetnames) == len(quarter) + 1

    result = run("-w", DEMO, "appraise", "--year", "2024")
    year = csv(result.stdout)
    assert year["promotion_candidate"].sum() >= 1
    assert (
        year.loc[year["promotion_candidate"], "honours"].str.contains("promotion_candidate").all()
    )


def test_explain_one_rep(small_company: Path) -> None:
    rep = csv(run("-w", str(small_company), "appraise", "--month", "2024-05").stdout)["rep"].iloc[0]
    result = run("-w", str(small_company), "appraise", "--quarter", "2024Q2", "--explain", rep)
    assert result.exit_code == 0, result.stderr
    detail = csv(result.stdout).set_index("figure")
    assert detail.loc["churn_rate", "formula"].startswith("churned / base = ")
    assert int(detail.loc["amount", "n_rows"]) > 0
    unknown = run("-w", str(small_company), "appraise", "--month", "2024-05", "--explain", "nobody")
    assert unknown.exit_code == 2


def test_classify_previous_file_and_plan_with_given_classes(
    tmp_path: Path, small_company: Path
) -> None:
    first = tmp_path / "q1.csv"
    assert (
        run("-w", str(small_company), "classify", "--quarter", "2024Q1", "-o", str(first)).exit_code
        == 0
    )
    again = run(
        "-w", str(small_company), "classify", "--quarter", "2024Q1", "--previous", str(first)
    )
    moves = csv(again.stdout)["move"]
    assert set(moves) == {"same"}  # compared with itself
    classes = pd.read_csv(first, encoding="utf-8-sig", dtype={"customer_id": str})
    classes["class"] = "C"  # everyone monthly: one visit per customer
    classes.to_csv(tmp_path / "all-c.csv", index=False)
    plan = csv(
        run(
            "-w",
            str(small_company),
            "plan-visits",
            "--month",
            "2024-06",
            "--classes",
            str(tmp_path / "all-c.csv"),
            "--rep",
            "丁辉欣",
        ).stdout
    )
    assert set(plan["class"]) == {"C"} and plan["customer_id"].is_unique
    assert set(plan["rep"]) == {"丁辉欣"}


def test_plan_without_classes_classifies_the_last_quarter(
    tmp_path: Path, small_company: Path
) -> None:
    import shutil

    workspace = tmp_path / "ws"
    shutil.copytree(str(small_company), workspace)
    customers = pd.read_excel(workspace / "customers.xlsx", header=2, dtype=str, engine="openpyxl")
    customers.drop(columns=["客户分类"]).to_excel(workspace / "customers.xlsx", index=False)
    result = run("-v", "-w", str(workspace), "plan-visits", "--month", "2024-07")
    assert result.exit_code == 0, result.stderr
    assert "classified from 2024Q2" in result.stderr
    assert set(csv(result.stdout)["class"]) == {"A", "B", "C"}


@pytest.mark.parametrize("total", ["-5", "0", "nan", "inf"])
def test_split_targets_refuses_a_total_that_is_not_positive(
    total: str, small_company: Path
) -> None:
    result = run("-w", str(small_company), "split-targets", "--year", "2025", "--total", total)
    assert result.exit_code == 2
    assert "is not a positive amount" in result.stderr and result.stdout == ""


@pytest.mark.slow
def test_split_targets_without_last_years_sales_does_what_it_says() -> None:
    # the demo's orders end in 2024: nothing in 2025 to share 2026's total by
    result = run("-w", DEMO, "split-targets", "--year", "2026", "--total", "120000000")
    assert result.exit_code == 65  # the exports do not reach the year the shares come from
    assert "no order lines in 2025: orders cover 2023-01-01..2024-12-31" in result.stderr
    assert "--basis equal" in result.stderr
    equal = run(
        "-w",
        DEMO,
        "split-targets",
        "--year",
        "2026",
        "--total",
        "120000000",
        "--basis",
        "equal",
    )
    assert equal.exit_code == 0, equal.stderr
    assert "no target" not in equal.stderr
    per_rep = csv(equal.stdout).groupby("rep")["target"].sum()
    assert per_rep.sum() == 120_000_000 and per_rep.nunique() == 1
