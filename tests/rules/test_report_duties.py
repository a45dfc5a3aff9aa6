"""The duties' report sections (feedback, order changes, key opportunities) on inline tables."""

from __future__ import annotations

import pandas as pd

from salescli.config import Policy
from salescli.periods import parse_period
from salescli.rules import reports
from salescli.rules.report_duties import attach
from tests.rules.test_reports import DATA, books

POLICY = Policy()
MAY = parse_period("2024-05")
MAY_DATA = [*DATA, ("O5", "2024-05-10", "C1", "甲", "华东", 70.0, 30.0)]


def feedback() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "feedback_id": ["F1", "F2", "F3"],
            "customer_id": ["C1", "C3", "C9"],
            "received_on": pd.to_datetime(["2024-05-06", "2024-04-01", "2024-05-30"]),
            "handler": ["客服A", "客服A", None],
            "resolved_on": pd.to_datetime(["2024-05-06", None, None]),
            "returned_to_rep_on": pd.to_datetime(["2024-05-06", None, None]),
        }
    )


def changes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "change_id": ["X1", "X2"],
            "order_id": ["O5", "O4"],
            "requested_on": pd.to_datetime(["2024-05-11", "2024-05-20"]),
            "change_type": ["数量", "交期"],
            "old_amount": [70.0, None],
            "new_amount": [90.0, None],
            "decision": ["通过", None],
            "decided_on": pd.to_datetime(["2024-05-12", None]),
        }
    )


def opportunities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "opportunity_id": ["P1", "P2", "P3", "P4"],
            "customer_id": ["C1", "C1", "C3", "C1"],
            "rep": ["甲", "甲", "乙", "甲"],
            "created_on": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-06-10"]),
            "stage": ["报价", "谈判", "报价", "报价"],
            "expected_amount": [500.0, 900.0, 100.0, 9999.0],
            "next_follow_up": pd.to_datetime(["2024-06-05", "2024-05-20", None, "2024-06-20"]),
            "outcome": ["open", "open", "open", "open"],
        }
    )


def month_report(**policy) -> dict[str, reports.Section]:
    data = attach(books(MAY_DATA, opportunities=opportunities()), feedback(), changes())
    sections = reports.period_report(data, MAY, Policy(**policy), None, None)
    return {s.name: s for s in sections}


def test_month_report_gains_the_duty_sections_in_their_places() -> None:
    sections = month_report()
    names = list(sections)
    for name in (
        "feedback",
        "feedback_by_handler",
        "open_feedback",
        "order_changes",
        "order_changes_by_type",
        "pending_changes",
        "key_opportunities",
    ):
        assert name in names
    assert names.index("key_opportunities") == names.index("overdue_follow_ups") + 1
    assert list(sections["feedback"].frame.columns) == [
        "rep",
        "received",
        "resolved",
        "open",
        "overdue",
        "median_days_to_resolve",
        "closed_loop_rate",
    ]
    assert list(sections["order_changes"].frame.columns) == [
        "rep",
        "requested",
        "approved",
        "rejected",
        "pending",
        "amount_effect",
    ]


def test_feedback_by_rep_uses_the_customer_owner_and_lists_every_rep() -> None:
    frame = sections_frame("feedback")
    assert frame.loc["甲", ["received", "resolved", "open"]].tolist() == [1, 1, 0]
    assert frame.loc["乙", ["received", "open", "overdue"]].tolist() == [0, 1, 1]
    assert frame.loc["(no rep)", "received"] == 1  # C9 has no owner: its own row
    handler = sections_frame("feedback_by_handler", "handler")
    assert handler.loc["(no handler)", "open"] == 1


def test_summary_gains_the_company_rows_with_previous_and_last_year() -> None:
    summary = month_report()["summary"].frame.set_index("figure")
    assert summary.loc["feedback_received", "current"] == 2
    assert summary.loc["feedback_open", "current"] == 2
    assert summary.loc["feedback_closed_loop_rate", "current"] == 1.0
    assert summary.loc["feedback_received", "previous"] == 1  # F2 in April
    assert summary.loc["order_changes_approved", "current"] == 1
    assert summary.loc["order_changes_amount_effect", "current"] == 20.0
    assert summary.loc["order_changes_pending", "current"] == 1
    assert summary.loc["amount", "current"] == 70.0  # the existing rows are untouched


def test_order_changes_count_for_the_orders_rep() -> None:
    frame = sections_frame("order_changes")
    assert frame.loc["甲"].tolist() == [1, 1, 0, 0, 20.0]
    assert frame.loc["乙"].tolist() == [1, 0, 0, 1, 0.0]  # O4 is 乙's
    pending = month_report()["pending_changes"].frame
    assert pending["change_id"].tolist() == ["X2"] and pending["days_waiting"].tolist() == [11]


def test_key_opportunities_top_n_per_rep_with_overdue_follow_ups() -> None:
    frame = month_report(opportunities={"key_per_rep": 1})["key_opportunities"].frame
    # P4 is larger but created after May: not open at the end of May
    assert frame[["rep", "opportunity_id"]].values.tolist() == [["乙", "P3"], ["甲", "P2"]]
    key = frame.set_index("opportunity_id")
    assert bool(key.loc["P2", "follow_up_overdue"]) and key.loc["P2", "days_overdue"] == 11
    assert pd.isna(key.loc["P3", "follow_up_overdue"])  # no follow-up date: not known
    both = month_report()["key_opportunities"].frame
    assert both[["opportunity_id", "rank"]].values.tolist() == [["P3", 1], ["P2", 1], ["P1", 2]]
    assert not both.set_index("opportunity_id").loc["P1", "follow_up_overdue"]


def test_without_the_tables_the_report_is_as_before() -> None:
    data = books(MAY_DATA)
    names = [s.name for s in reports.period_report(data, MAY, POLICY, None, None)]
    assert not {"feedback", "order_changes", "key_opportunities"} & set(names)


def test_weekly_report_lists_each_reps_open_feedback() -> None:
    data = attach(books(MAY_DATA), feedback(), None)
    week = parse_period("2024-W22")  # 2024-05-27 .. 2024-06-02
    sections = reports.weekly_report(data, week, POLICY, None, None, None, None)
    frame = {s.name: s for s in sections}["open_feedback"].frame
    assert frame[["rep", "feedback_id", "days_open"]].values.tolist() == [
        ["(no rep)", "F3", 3],
        ["乙", "F2", 62],
    ]


def sections_frame(name: str, key: str = "rep") -> pd.DataFrame:
    return month_report()[name].frame.set_index(key)


def test_a_period_before_the_exports_first_row_is_empty_not_zero() -> None:
    summary = month_report()["summary"].frame.set_index("figure")
    # the feedback export starts 2024-04-01: May 2023 is not covered by it
    assert pd.isna(summary.loc["feedback_received", "last_year"])
    assert pd.isna(summary.loc["order_changes_requested", "last_year"])
    assert summary.loc["feedback_received", "previous"] == 1  # April is covered
