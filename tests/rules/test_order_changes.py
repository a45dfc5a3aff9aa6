"""Chapter 4.2.5 order changes on small inline tables."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.periods import parse_period
from salescli.rules import order_changes as rules

MAY = parse_period("2024-05")
COLUMNS = [
    "change_id",
    "order_id",
    "rep",
    "requested_on",
    "change_type",
    "old_amount",
    "new_amount",
    "decision",
    "decided_on",
]
ORDERS = pd.DataFrame({"order_id": ["O1", "O2", "O3"], "rep": ["甲", "乙", "乙"]})


def table(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("requested_on", "decided_on"):
        frame[column] = pd.to_datetime(frame[column])
    frame["_file"], frame["_sheet"], frame["_row"] = (
        "order_changes.csv",
        "",
        range(2, len(frame) + 2),
    )
    return rules.with_reps(frame, rules.order_reps(ORDERS))


ROWS = [
    # approved in May: +300
    ("X1", "O1", None, "2024-05-03", "数量", 1000.0, 1300.0, "通过", "2024-05-08"),
    # requested in May, decided after the period ends: pending at the end of May
    ("X2", "O1", None, "2024-05-20", "交期", None, None, "驳回", "2024-06-04"),
    # requested in April, rejected in May
    ("X3", "O2", None, "2024-04-28", "价格", 500.0, 450.0, "rejected", "2024-05-02"),
    # cancellation approved in May, amounts given: -800
    ("X4", "O3", "丙", "2024-05-10", "取消订单", 800.0, 0.0, "approved", "2024-05-11"),
    # approved in May without amounts: counted as approved, not in the amount effect
    ("X5", "O2", None, "2024-05-12", "product", None, None, "同意", "2024-05-13"),
    # still waiting, requested in April
    ("X6", "O2", None, "2024-04-01", "quantity", 100.0, 200.0, None, None),
]


def test_per_rep_figures_with_the_edge_cases() -> None:
    out = rules.changes_by(table(ROWS), MAY, members=["甲", "乙", "丙", "丁"]).set_index("rep")
    assert out.loc["甲"].tolist() == [2, 1, 0, 1, 300.0]
    # X3 requested in April, rejected in May; X5 approved without amounts; X6 pending
    assert out.loc["乙"].tolist() == [1, 1, 1, 1, 0.0]
    assert out.loc["丙"].tolist() == [1, 1, 0, 0, -800.0]  # the change's own rep wins
    assert out.loc["丁"].tolist() == [0, 0, 0, 0, 0.0]  # a rep without changes


def test_a_change_decided_after_the_period_counts_in_the_period_of_its_decision() -> None:
    june = rules.changes_by(table(ROWS), parse_period("2024-06")).set_index("rep")
    assert june.loc["甲", ["requested", "rejected", "pending"]].tolist() == [0, 1, 0]
    pending = rules.pending_changes(table(ROWS), MAY)
    assert pending["change_id"].tolist() == ["X6", "X2"]  # longest waiting first
    assert pending["days_waiting"].tolist() == [60, 11]


def test_by_type_and_company() -> None:
    by_type = rules.changes_by(table(ROWS), MAY, by="change_type").set_index("change_type")
    assert set(by_type.index) == {"quantity", "delivery_date", "price", "cancel", "product"}
    assert by_type.loc["quantity", ["requested", "approved", "pending"]].tolist() == [1, 1, 1]
    company = rules.company(table(ROWS), MAY)
    assert company == {
        "requested": 4.0,
        "approved": 3.0,
        "rejected": 1.0,
        "pending": 2.0,
        "amount_effect": -500.0,
    }
    per_rep = rules.changes_by(table(ROWS), MAY)
    for figure in rules.FIGURES:
        assert per_rep[figure].sum() == pytest.approx(company[figure])
    assert "1 approved change without both amounts is" in rules.amount_effect_note(table(ROWS), MAY)


def test_a_change_without_rep_on_an_unknown_order_is_its_own_row() -> None:
    out = rules.changes_by(
        table([("X9", "O404", None, "2024-05-03", "数量", None, None, None, None)]), MAY
    )
    assert out["rep"].tolist() == [rules.NO_REP] and out["pending"].tolist() == [1]


def test_problems_name_the_row_column_and_value() -> None:
    frame = table(
        [
            ("X1", "O404", None, "2024-05-03", "数量", None, None, "通过", "2024-05-01"),
            ("X2", "O1", None, "2024-05-03", "改颜色", None, None, "也许", None),
            ("X3", "O1", None, "2024-05-03", "数量", None, None, "通过", None),
            ("X3", "O1", None, "2024-05-03", "数量", None, None, None, "2024-05-04"),
        ]
    )
    problems = rules.order_change_problems(frame, ORDERS)
    found = {(r.row, r.column, r.severity, r.value) for r in problems.itertuples(index=False)}
    assert (2, "order_id", "warning", "O404") in found  # not in the orders export
    assert (2, "decided_on", "error", "2024-05-01") in found  # decided before requested
    assert (3, "decision", "error", "也许") in found
    assert (3, "change_type", "warning", "改颜色") in found
    assert (4, "decided_on", "error", None) in found  # approved without a date
    assert (5, "decision", "warning", None) in found  # a date without a decision
    assert (4, "change_id", "error", "X3") in found and (5, "change_id", "error", "X3") in found


days = st.integers(0, 150)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["O1", "O2", "O3", "O9"]),
            days,
            st.sampled_from(["数量", "交期", "取消"]),
            st.sampled_from(["通过", "驳回", None]),
            st.none() | st.integers(0, 40),
            st.none() | st.floats(0, 1000, allow_nan=False),
        ),
        max_size=25,
    )
)
def test_company_figures_are_the_reps_figures_added_up(rows) -> None:
    start = pd.Timestamp("2024-03-01")
    frame = table(
        [
            (
                f"X{i}",
                order,
                None,
                str(start + pd.Timedelta(days=day)),
                kind,
                100.0,
                amount,
                None if wait is None else decision,
                None if wait is None else str(start + pd.Timedelta(days=day + wait)),
            )
            for i, (order, day, kind, decision, wait, amount) in enumerate(rows)
        ]
    )
    per_rep = rules.changes_by(frame, MAY)
    by_type = rules.changes_by(frame, MAY, by="change_type")
    company = rules.company(frame, MAY)
    for figure in rules.FIGURES:
        assert per_rep[figure].sum() == pytest.approx(company[figure])
        assert by_type[figure].sum() == pytest.approx(company[figure])
    flags = rules.states(frame, MAY)
    # a change is never both pending at the end and decided in the period
    assert not (flags["pending"] & (flags["approved"] | flags["rejected"])).any()
