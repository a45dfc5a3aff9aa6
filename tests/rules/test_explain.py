"""`appraise --explain` states the figures the appraisal publishes: every figure of the
appraisal table is explained, with the same value, for every rep of a month, a quarter and a
year (a whole company's, the small generated one, and small books with the cases the words
must follow: no target, sales nobody owns, no quantity column, a year the orders only partly
cover)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from salescli.config import Policy
from salescli.periods import parse_period
from salescli.rules import appraisal, explain
from salescli.rules.books import Books, books
from salescli.rules.process import UNASSIGNED

POLICY = Policy()
# the appraisal table's columns that are no figure: who, when, and the reviewer's own words
NOT_FIGURES = {"rep", "period", "comment"}


def decimals(column: str) -> int | None:
    """How `appraisal.appraise` rounds a column of its table (None: as computed)."""
    if column.endswith("_score"):
        return 2
    if column.endswith(("_rate", "_ratio", "attainment", "multiplier", "satisfaction")):
        return appraisal.RATIO_DECIMALS
    return None


def assert_explained_as_appraised(
    data: Books, label: str, policy: Policy = POLICY, reps: list[str] | None = None
) -> int:
    """Each rep's explanation against its row of the appraisal table; the rows compared."""
    period = parse_period(label)
    table, frame = appraisal.appraise(data, period, policy, appraisal.appraised_reps(data, period))
    compared = 0
    for index in frame.index:
        row = frame.loc[index]
        if reps is not None and row["rep"] not in reps:
            continue
        explained = explain.explain(row, period, policy, data).set_index("figure")
        assert explained.index.is_unique
        shown = table.loc[index]
        for column in [c for c in table.columns if c not in NOT_FIGURES]:
            where = f"{label} {row['rep']} {column}"
            assert column in explained.index, f"{where}: not explained"
            value, text = explained.loc[column, "value"], explained.loc[column, "value_text"]
            published = shown[column]
            if pd.isna(published):
                assert pd.isna(value) and pd.isna(text), where
            elif isinstance(published, (bool, np.bool_)):
                assert text == ("yes" if published else "no"), where
            elif isinstance(published, str):
                assert text == published, where
            else:
                digits = decimals(column)
                assert (np.round(value, digits) if digits else value) == published, where
            compared += 1
    return compared


@pytest.fixture(scope="module")
def demo_books(small_company: Path) -> Books:
    from salescli.api.inputs import load_books
    from salescli.data.workspace import Workspace

    workspace = Workspace(small_company, cache=True)  # its parsed-input cache: faster
    return load_books(workspace, appraisal.ORDER_COLUMNS)


@pytest.mark.parametrize("label", ["2024-05", "2024Q2", "2024"])
def test_the_demo_explanations_state_the_published_figures(demo_books: Books, label) -> None:
    assert assert_explained_as_appraised(demo_books, label) > 100


def test_the_api_explains_with_the_same_rows(small_company: Path) -> None:
    from salescli.api import appraise
    from salescli.data.workspace import Workspace

    workspace = Workspace(small_company, cache=True)  # its parsed-input cache: faster
    published = appraise(workspace, quarter="2024Q2")["appraisal"]
    rep = str(published["rep"].iloc[0])
    detail = appraise(workspace, quarter="2024Q2", explain=rep)["explain"].set_index("figure")
    row = published.set_index("rep").loc[rep]
    assert np.round(detail.loc["final_score", "value"], 2) == row["final_score"]
    assert detail.loc["bonus", "value"] == row["bonus"]  # as computed, like the table's
    assert detail.loc["grade", "value_text"] == row["grade"]


def lines(rows: list[tuple], **columns) -> pd.DataFrame:
    """(order_id, date, customer, rep, amount) rows, with due and delivery dates."""
    frame = pd.DataFrame(rows, columns=["order_id", "order_date", "customer_id", "rep", "amount"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["due_date"] = frame["order_date"] + pd.Timedelta(days=10)
    frame["delivered_on"] = frame["order_date"] + pd.Timedelta(days=5)
    frame["status"] = "已完成"
    for name, values in columns.items():
        frame[name] = values
    return frame


# 甲 has monthly targets; 乙 sells without one; a line with no rep, whose customer has no owner
# in the customer file and no rep on any line, counts for UNASSIGNED; the orders end in August
ROWS = [
    *[(f"A{m}", f"2024-{m:02d}-10", "C1", "甲", 100.0 * m) for m in range(1, 9)],
    *[(f"B{m}", f"2024-{m:02d}-12", "C2", "乙", 50.0) for m in range(1, 9)],
    ("N1", "2024-05-20", "C9", None, 70.0),
]
GOALS = pd.DataFrame(
    [("甲", f"2024-{m:02d}", 300.0) for m in range(1, 13)], columns=["rep", "period", "target"]
)
REVIEWS = pd.DataFrame({"rep": ["甲"], "period": ["2024Q2"], "score": [88.0]})


@pytest.mark.parametrize("label", ["2024-05", "2024Q2", "2024"])
@pytest.mark.parametrize("quantity", [True, False])
def test_explanations_follow_the_edge_cases(label: str, quantity: bool) -> None:
    columns = {"quantity": 1.0, "cost": 10.0} if quantity else {}
    data = books(lines(ROWS, **columns), targets=GOALS, reviews=REVIEWS)
    period = parse_period(label)
    assert UNASSIGNED in appraisal.appraised_reps(data, period)
    assert assert_explained_as_appraised(data, label) > 0
    # before: a quarter's explanation of sales nobody owns stopped on its empty survey count
    _, frame = appraisal.appraise(data, period, POLICY, appraisal.appraised_reps(data, period))
    nobody = frame[frame["rep"] == UNASSIGNED].iloc[0]
    explained = explain.explain(nobody, period, POLICY, data).set_index("figure")
    assert explained.loc["amount", "value"] == 70.0  # its sales are shown
    assert explained.loc["honours", "formula"].startswith(f"left empty for {UNASSIGNED}")


def test_a_partly_covered_year_explains_amount_and_target_as_the_scored_quarters() -> None:
    data = books(lines(ROWS), targets=GOALS)
    period = parse_period("2024")
    _, frame = appraisal.appraise(data, period, POLICY, appraisal.appraised_reps(data, period))
    row = frame[frame["rep"] == "甲"].iloc[0]
    explained = explain.explain(row, period, POLICY, data).set_index("figure")
    assert row["amount"] == 100.0 * sum(range(1, 7)) and row["target"] == 300.0 * 6
    assert "2024Q1, 2024Q2" in explained.loc["amount", "formula"]
    assert "2024Q1, 2024Q2" in explained.loc["target", "formula"]
    assert explained.loc["attainment", "formula"] == (
        "amount / target = 2,100.00 / 1,800.00 = 116.7%"
    )


def test_a_quarter_explains_its_bonus_and_the_months_left_out_of_its_performance() -> None:
    # 甲 has no target in April: April has no performance score, the quarter's is May's and
    # June's; the quarter's bonus is the sum of the months'
    goals = GOALS[GOALS["period"] != "2024-04"]
    data = books(lines(ROWS), targets=goals)
    period = parse_period("2024Q2")
    _, frame = appraisal.appraise(data, period, POLICY, appraisal.appraised_reps(data, period))
    row = frame[frame["rep"] == "甲"].iloc[0]
    months = [appraisal.monthly(data, m, POLICY, ["甲"]).loc["甲"] for m in period.months()]
    explained = explain.explain(row, period, POLICY, data).set_index("figure")
    assert explained.loc["performance_score", "value"] == pytest.approx(
        np.mean([m["performance_score"] for m in months[1:]])
    )
    assert pd.isna(months[0]["performance_score"])
    assert "left out" in explained.loc["performance_score", "formula"]
    assert explained.loc["bonus", "value"] == sum(m["bonus"] for m in months)
    assert "sum of the quarter's monthly bonuses" in explained.loc["bonus", "formula"]


def test_no_quantity_column_is_said_not_summed() -> None:
    data = books(lines(ROWS), targets=GOALS)
    period = parse_period("2024-05")
    _, frame = appraisal.appraise(data, period, POLICY, appraisal.appraised_reps(data, period))
    row = frame[frame["rep"] == "甲"].iloc[0]
    explained = explain.explain(row, period, POLICY, data).set_index("figure")
    assert pd.isna(explained.loc["quantity", "value"])
    assert explained.loc["quantity", "formula"] == "no quantity column: left empty"
