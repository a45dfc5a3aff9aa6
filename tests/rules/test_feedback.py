"""Chapter 2.2.4 feedback follow-up on small inline tables."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.periods import parse_period
from salescli.rules import feedback as rules

MAY = parse_period("2024-05")
COLUMNS = [
    "feedback_id",
    "customer_id",
    "rep",
    "received_on",
    "handler",
    "resolved_on",
    "returned_to_rep_on",
]


def table(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("received_on", "resolved_on", "returned_to_rep_on"):
        frame[column] = pd.to_datetime(frame[column])
    frame["_file"], frame["_sheet"], frame["_row"] = "feedback.csv", "", range(2, len(frame) + 2)
    return frame


ROWS = [
    # resolved the day it came, passed back: 0 days, closed loop
    ("F1", "C1", "甲", "2024-05-06", "客服A", "2024-05-06", "2024-05-07"),
    # received before the period and still open at its end: open and overdue, not received
    ("F2", "C1", "甲", "2024-04-20", "客服A", None, None),
    # received in May, resolved in June: received, open at the end of May
    ("F3", "C2", None, "2024-05-28", "客服B", "2024-06-03", None),
    # received in April, resolved in May after 20 days, never passed back
    ("F4", "C2", "乙", "2024-04-15", None, "2024-05-05", None),
    # received after the period: nowhere in May
    ("F5", "C1", "甲", "2024-06-02", "客服A", None, None),
]
OWNERS = pd.Series({"C1": "甲", "C2": "乙"})


def data() -> pd.DataFrame:
    return rules.with_reps(table(ROWS), OWNERS)


def test_per_rep_figures_with_the_edge_cases() -> None:
    out = rules.follow_up(data(), MAY, 7).set_index("rep")
    assert out.loc["甲", ["received", "resolved", "open", "overdue"]].tolist() == [1, 1, 1, 1]
    assert out.loc["甲", "median_days_to_resolve"] == 0  # resolved the day it came
    assert out.loc["甲", "closed_loop_rate"] == 1.0
    # F3 has no rep: its customer's owner 乙 counts it
    assert out.loc["乙", ["received", "resolved", "open", "overdue"]].tolist() == [1, 1, 1, 0]
    assert out.loc["乙", "median_days_to_resolve"] == 20
    assert out.loc["乙", "closed_loop_rate"] == 0.0


def test_open_at_the_end_counts_what_is_resolved_after_it() -> None:
    # F3 resolved 2024-06-03: open at the end of May, resolved in June
    june = rules.follow_up(data(), parse_period("2024-06"), 7).set_index("rep")
    assert june.loc["乙", ["received", "resolved", "open"]].tolist() == [0, 1, 0]
    assert june.loc["甲", ["received", "open", "overdue"]].tolist() == [1, 2, 2]


def test_overdue_is_more_than_the_setting_days_before_the_end() -> None:
    # F3 received 2024-05-28 is 3 days old at 2024-05-31: overdue only with a limit below 3
    assert rules.follow_up(data(), MAY, 3).set_index("rep").loc["乙", "overdue"] == 0
    assert rules.follow_up(data(), MAY, 2).set_index("rep").loc["乙", "overdue"] == 1
    # F2 received 2024-04-20 is 41 days old
    assert rules.follow_up(data(), MAY, 41).set_index("rep").loc["甲", "overdue"] == 0
    assert rules.follow_up(data(), MAY, 40).set_index("rep").loc["甲", "overdue"] == 1


def test_a_rep_without_feedback_gets_a_row_of_zeros_and_no_rep_is_its_own_row() -> None:
    frame = rules.with_reps(table([("F9", "C9", None, "2024-05-02", "客服A", None, None)]), OWNERS)
    out = rules.follow_up(frame, MAY, 7, members=["甲"]).set_index("rep")
    assert out.loc["甲", ["received", "open"]].tolist() == [0, 0]
    assert pd.isna(out.loc["甲", "median_days_to_resolve"])
    assert pd.isna(out.loc["甲", "closed_loop_rate"])  # nothing resolved: empty, not 0
    assert out.loc[rules.NO_REP, "received"] == 1


def test_by_handler_and_company() -> None:
    by_handler = rules.follow_up(data(), MAY, 7, by="handler").set_index("handler")
    assert by_handler.loc[rules.NO_HANDLER, "resolved"] == 1  # F4 has no handler
    assert by_handler.loc["客服A", ["received", "resolved", "open"]].tolist() == [1, 1, 1]
    company = rules.company(data(), MAY, 7)
    assert company["received"] == 2 and company["resolved"] == 2 and company["open"] == 2
    assert company["median_days_to_resolve"] == 10  # median of 0 and 20
    assert company["closed_loop_rate"] == 0.5


def test_open_feedback_oldest_first_with_days_open() -> None:
    out = rules.open_feedback(data(), MAY, 7)
    assert out["feedback_id"].tolist() == ["F2", "F3"]
    assert out["days_open"].tolist() == [41, 3]
    assert out["overdue"].tolist() == [True, False]


def test_problems_resolved_before_received_duplicates_and_no_handler() -> None:
    frame = table(
        [
            ("F1", "C1", "甲", "2024-05-06", "客服A", "2024-05-01", None),
            ("F2", "C1", "甲", "2024-05-06", None, None, "2024-05-07"),
            ("F2", "C1", "甲", "2024-05-06", "客服A", "2024-05-06", "2024-05-05"),
        ]
    )
    problems = rules.feedback_problems(frame)
    found = set(zip(problems["row"], problems["column"], problems["severity"], strict=True))
    assert (2, "resolved_on", "error") in found
    assert (3, "feedback_id", "error") in found and (4, "feedback_id", "error") in found
    assert (3, "returned_to_rep_on", "warning") in found  # passed back, not resolved
    assert (4, "returned_to_rep_on", "warning") in found  # passed back before resolved
    assert (3, "handler", "warning") in found
    first = problems[problems["column"] == "resolved_on"].iloc[0]
    assert first["file"] == "feedback.csv" and first["value"] == "2024-05-01"


dates = st.dates(
    min_value=pd.Timestamp("2024-03-01").date(), max_value=pd.Timestamp("2024-07-31").date()
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["甲", "乙", "丙"]),
            dates,
            st.none() | st.integers(0, 60),
            st.booleans(),
        ),
        max_size=25,
    )
)
def test_company_counts_are_the_reps_counts_added_up(rows) -> None:
    frame = table(
        [
            (
                f"F{i}",
                "C1",
                rep,
                str(received),
                "客服A",
                None if days is None else str(pd.Timestamp(received) + pd.Timedelta(days=days)),
                None
                if days is None or not back
                else str(pd.Timestamp(received) + pd.Timedelta(days=days)),
            )
            for i, (rep, received, days, back) in enumerate(rows)
        ]
    )
    frame = rules.with_reps(frame, OWNERS)
    per_rep = rules.follow_up(frame, MAY, 7)
    company = rules.company(frame, MAY, 7)
    for figure in ("received", "resolved", "open", "overdue"):
        assert per_rep[figure].sum() == company[figure]
    assert (per_rep["overdue"] <= per_rep["open"]).all()
    if company["resolved"]:
        assert company["closed_loop_rate"] == pytest.approx(
            (rules.states(frame, MAY, 7)["closed_loop"]).sum() / company["resolved"]
        )


def test_feedback_without_rep_or_owner_is_named_in_check() -> None:
    frame = table(
        [
            ("F1", "C9", None, "2024-05-06", "客服A", None, None),  # C9: no owner
            ("F2", "C1", None, "2024-05-06", "客服A", None, None),  # C1's owner 甲
            ("F3", "C9", "乙", "2024-05-06", "客服A", None, None),  # its own rep
        ]
    )
    problems = rules.without_rep(frame, OWNERS)
    assert problems[["row", "column", "value", "severity"]].values.tolist() == [
        [2, "customer_id", "C9", "warning"]
    ]
