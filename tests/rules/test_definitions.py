"""Issue 13: figures that cannot go wrong without saying so. Sales nobody owns, one definition
per figure (company = sum of its parts, whatever the row order), explanations built from the
policy values the computation uses, and the quarters a yearly appraisal scores."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from salescli.config import Policy
from salescli.periods import parse_period
from salescli.rules import appraisal, explain, process, reports
from salescli.rules.books import Books, books
from salescli.rules.process import UNASSIGNED
from salescli.rules.scorecard import scorecard

POLICY = Policy()


def orders(rows: list[tuple], **columns) -> pd.DataFrame:
    """(order_id, date, customer, rep, amount) rows."""
    frame = pd.DataFrame(rows, columns=["order_id", "order_date", "customer_id", "rep", "amount"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["quantity"] = 1.0
    frame["status"] = "已完成"
    for name, values in columns.items():
        frame[name] = values
    return frame


def targets(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["rep", "period", "target"])


def appraise(data: Books, label: str, policy: Policy = POLICY) -> pd.DataFrame:
    period = parse_period(label)
    reps = appraisal.appraised_reps(data, period)
    return appraisal.appraise(data, period, policy, reps)[1].set_index("rep")


# --- sales nobody owns ---------------------------------------------------------------------

NOBODY = orders(
    [
        ("O1", "2024-05-02", "C1", "甲", 100.0),
        ("O2", "2024-05-03", "C9", None, 700.0),  # no rep, and C9 has no owner anywhere
        ("O3", "2024-05-04", "C9", None, 300.0),
        ("O4", "2024-05-05", "C2", None, 10.0),  # no rep, but C2's owner is 乙
    ]
)
OWNERS = pd.DataFrame({"customer_id": ["C1", "C2"], "rep": ["甲", "乙"]})
GOALS = targets(("甲", "2024-05", 100.0), ("乙", "2024-05", 10.0))


def test_sales_nobody_owns_are_shown_as_unassigned_not_dropped() -> None:
    # before: the 1,000 of C9 went to no rep: every figure without it, exit 0
    data = books(NOBODY, OWNERS, targets=GOALS)
    frame = appraise(data, "2024-05")
    assert frame.index.tolist() == ["乙", "甲", UNASSIGNED]  # last, after the reps
    assert frame.loc[UNASSIGNED, "amount"] == 1000.0 and frame.loc["乙", "amount"] == 10.0
    assert frame["amount"].sum() == NOBODY["amount"].sum()
    note = appraisal.unassigned_note(data, parse_period("2024-05"))
    assert note.startswith("2 order lines in 2024-05 (amount 1,000.00) have no rep")


def test_the_unassigned_row_has_no_target_bonus_score_or_honour() -> None:
    data = books(NOBODY, OWNERS, targets=GOALS)
    month = appraise(data, "2024-05").loc[UNASSIGNED]
    assert month[["target", "attainment", "performance_score", "bonus"]].isna().all()
    assert pd.isna(month["honours"])
    # the champion is the rep with the highest amount, not the biggest pile nobody owns
    assert appraisal.CHAMPION in appraise(data, "2024-05").loc["甲", "honours"]
    quarter = appraise(data, "2024Q2").loc[UNASSIGNED]
    assert quarter[["final_score", "grade", "training_needs", "new_customers"]].isna().all()
    assert quarter["amount"] == 1000.0
    year = appraise(data, "2024").loc[UNASSIGNED]
    assert pd.isna(year["final_score"]) and pd.isna(year["promotion_candidate"])
    notes = appraisal.missing_data_notes(
        appraise(data, "2024-05").reset_index(), parse_period("2024-05")
    )
    assert not any(UNASSIGNED in n for n in notes)  # its empty target is not a gap


def test_report_by_rep_and_weekly_show_the_unassigned_row_unranked() -> None:
    data = books(NOBODY, OWNERS, targets=GOALS)
    by_rep = reports.by_rep(data, parse_period("2024-05"), POLICY).set_index("rep")
    assert by_rep.loc[UNASSIGNED, "amount"] == 1000.0 and pd.isna(by_rep.loc[UNASSIGNED, "rank"])
    assert by_rep.loc["甲", "rank"] == 1 and by_rep.index[-1] == UNASSIGNED
    summary = reports.summary(data, parse_period("2024-05")).set_index("figure")["current"]
    assert summary["amount"] == by_rep["amount"].sum() == 1110.0
    week = reports.weekly_report(data, parse_period("2024-W18"), POLICY, None, None, None, None)[
        0
    ].frame.set_index("rep")
    assert week.loc[UNASSIGNED, "amount"] == 1000.0 and week.loc[UNASSIGNED, "orders"] == 2
    assert pd.isna(week.loc[UNASSIGNED, "month_target"])


def test_check_names_each_line_nobody_owns() -> None:
    from salescli.rules import records

    raw = NOBODY.assign(_file="orders.xlsx", _sheet="Sheet1", _row=[2, 3, 4, 5])
    problems = records.unowned_sales(raw, OWNERS)
    assert problems["row"].tolist() == [3, 4] and set(problems["value"]) == {"C9"}
    assert (problems["severity"] == "warning").all() and (problems["column"] == "rep").all()
    assert len(records.unowned_sales(raw, None)) == 3  # without a customer file C2 too


# --- one definition per figure -------------------------------------------------------------


def test_company_target_is_the_sum_of_the_reps_targets() -> None:
    # 甲 has a quarter row, 乙 monthly rows: before, the summary said 300 and by_rep 600
    data = books(
        orders([("O1", "2024-04-02", "C1", "甲", 100.0), ("O2", "2024-04-03", "C2", "乙", 1.0)]),
        targets=targets(
            ("甲", "2024Q2", 300.0), *[("乙", f"2024-{m:02d}", 100.0) for m in (4, 5, 6)]
        ),
    )
    period = parse_period("2024Q2")
    summary = reports.summary(data, period).set_index("figure")["current"]
    by_rep = reports.by_rep(data, period, POLICY)
    assert summary["target"] == by_rep["target"].sum() == 600.0
    assert summary["attainment"] == pytest.approx(101 / 600)


def test_orders_and_customers_shared_by_two_reps_count_once() -> None:
    data = books(
        orders(
            [
                ("O1", "2024-05-02", "C1", "甲", 100.0),
                ("O1", "2024-05-02", "C1", "乙", 300.0),  # one order, two reps: 乙's (larger)
                ("O2", "2024-05-03", "C1", "甲", 50.0),
            ]
        )
    )
    period = parse_period("2024-05")
    by_rep = reports.by_rep(data, period, POLICY).set_index("rep")
    summary = reports.summary(data, period).set_index("figure")["current"]
    assert by_rep["orders"].to_dict() == {"乙": 1, "甲": 1} and summary["orders"] == 2
    assert by_rep["active_customers"].sum() == summary["active_customers"] == 1


REPS = st.sampled_from(["甲", "乙", "丙", None])
LINES = st.lists(
    st.tuples(
        st.integers(0, 12),  # order number
        st.integers(0, 90),  # day of 2024Q2
        st.integers(0, 6),  # customer
        REPS,
        st.integers(-50, 5000),  # amount in yuan (returns are negative)
        st.sampled_from(["电机", "泵", "阀门"]),
        st.integers(-5, 10),  # delivered this many days after the due date
    ),
    min_size=1,
    max_size=40,
)
TARGET_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["甲", "乙", "丙", "丁"]),
        st.sampled_from(["2024Q2", "2024-04", "2024-05", "2024-06", "2024-03"]),
        st.integers(0, 10_000),
    ),
    max_size=10,
)


def random_books(lines: list[tuple], target_rows: list[tuple]) -> Books:
    start = pd.Timestamp("2024-03-25")
    frame = pd.DataFrame(
        {
            "order_id": [f"O{o}" for o, *_ in lines],
            "order_date": [start + pd.Timedelta(days=d) for _, d, *_ in lines],
            "customer_id": [f"C{c}" for _, _, c, *_ in lines],
            "rep": pd.Series([r for *_, r, _, _, _ in lines], dtype="string"),
            "amount": [a / 100 for *_, a, _, _ in lines],
            "quantity": 1.0,
            "category": [c for *_, c, _ in lines],
            "status": "已完成",
        }
    )
    frame["due_date"] = frame["order_date"] + pd.Timedelta(days=7)
    frame["delivered_on"] = frame["due_date"] + pd.to_timedelta([x for *_, x in lines], unit="D")
    owners = pd.DataFrame({"customer_id": ["C0", "C1"], "rep": ["甲", "乙"]})
    goals = pd.DataFrame(target_rows, columns=["rep", "period", "target"]).astype(
        {"target": "float64"}
    )
    return books(frame, owners, targets=goals)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(LINES, TARGET_ROWS)
@example([(0, 68, 0, "甲", 0, "电机", 0)], [])  # one line, on 1 June: May is before the orders
def test_company_figures_are_the_sum_of_the_reps(lines: list[tuple], target_rows: list) -> None:
    data = random_books(lines, target_rows)
    for label in ("2024Q2", "2024-05"):
        period = parse_period(label)
        summary = reports.summary(data, period).set_index("figure")["current"]
        by_rep = reports.by_rep(data, period, POLICY)
        if not reports.reached(data, period):
            # every line after the period: the orders do not cover it, its company figures
            # are unknown (empty, not 0) and there is no sum to compare
            assert pd.isna(summary["amount"]) and pd.isna(summary["orders"])
            continue
        assert summary["amount"] == pytest.approx(by_rep["amount"].sum(), abs=1e-6)
        assert summary["orders"] == by_rep["orders"].sum()
        assert summary["active_customers"] == by_rep["active_customers"].sum()
        expected = by_rep["target"].sum() if by_rep["target"].notna().any() else None
        assert (pd.isna(summary["target"]) and expected is None) or summary[
            "target"
        ] == pytest.approx(expected)
        table = appraise(data, label)
        assert table["amount"].sum() == pytest.approx(summary["amount"], abs=1e-6)
        assert table["target"].sum() == pytest.approx(by_rep["target"].sum())


def _report_bytes(data: Books, label: str) -> dict[str, bytes]:
    period = parse_period(label)
    sections = reports.period_report(data, period, POLICY, None, None)
    table = appraisal.appraise(data, period, POLICY, appraisal.appraised_reps(data, period))[0]
    out = {s.name: s.frame.to_csv(index=False).encode() for s in sections}
    out["appraisal"] = table.to_csv(index=False).encode()
    return out


@settings(max_examples=10, deadline=None, derandomize=True)
@given(LINES, TARGET_ROWS, st.randoms(use_true_random=False))
def test_shuffling_the_rows_changes_no_output_byte(lines, target_rows, random) -> None:
    before = _report_bytes(random_books(lines, target_rows), "2024Q2")
    shuffled_lines, shuffled_targets = list(lines), list(target_rows)
    random.shuffle(shuffled_lines)
    random.shuffle(shuffled_targets)
    after = _report_bytes(random_books(shuffled_lines, shuffled_targets), "2024Q2")
    assert after == before


def test_delivery_by_category_counts_an_order_under_each_of_its_categories() -> None:
    # O1 holds a late motor line and an on-time pump line: before, its category was its first
    # line's, so the answer changed with the row order
    rows = orders(
        [
            ("O1", "2024-05-02", "C1", "甲", 100.0),
            ("O1", "2024-05-02", "C1", "甲", 50.0),
            ("O2", "2024-05-03", "C1", "甲", 10.0),
        ],
        category=["电机", "泵", "泵"],
        due_date=pd.to_datetime(["2024-05-10", "2024-05-10", "2024-05-12"]),
        delivered_on=pd.to_datetime(["2024-05-20", "2024-05-09", "2024-05-11"]),
    )
    period = parse_period("2024-05")
    for frame in (rows, rows.iloc[::-1]):
        table = process.on_time(books(frame).orders, period, by="category")
        table = table.set_index("category")
        assert table["orders_due"].to_dict() == {"泵": 2, "电机": 1}
        assert table["on_time"].to_dict() == {"泵": 1, "电机": 0}
        late = process.late_orders(books(frame).orders, period)
        assert late["category"].tolist() == ["泵, 电机"]


# --- explanations from the policy values ---------------------------------------------------


def test_explain_states_the_configured_performance_weights() -> None:
    # before: "weights 0.6/0.2/0.2" whatever the configuration said
    policy = Policy.model_validate(
        {"scoring": {"weight_amount": 0.5, "weight_quantity": 0.3, "weight_profit": 0.2}}
    )
    data = books(
        orders([("O1", "2024-05-02", "C1", "甲", 100.0)]), targets=targets(("甲", "2024-05", 100))
    )
    row = appraise(data, "2024-05", policy).reset_index().iloc[0]
    text = explain.explain(row, parse_period("2024-05"), policy, data)
    rule = text.set_index("figure").loc["performance_score", "formula"]
    assert "amount 0.5" in rule and "quantity 0.3" in rule and "profit 0.2" in rule
    assert "0.6" not in rule and rule.endswith("here: amount")


# --- the quarters a year scores -------------------------------------------------------------

# 甲 sells 100 a month against a target of 100 a month, until the data ends on 2024-08-20
THROUGH_AUGUST = orders(
    [(f"O{m}", f"2024-{m:02d}-{20 if m == 8 else 10}", "C1", "甲", 100.0) for m in range(1, 9)]
)
MONTHLY_GOALS = targets(*[("甲", f"2024-{m:02d}", 100.0) for m in range(1, 13)])


def test_a_year_scores_only_the_quarters_the_data_covers() -> None:
    # before: Q3 and Q4 scored with no sales, so every rep's year was graded D
    data = books(THROUGH_AUGUST, targets=MONTHLY_GOALS)
    covered = appraisal.coverage(data, parse_period("2024"))
    assert [q.label for q in covered.scored] == ["2024Q1", "2024Q2"]
    assert [q.label for q in covered.partial] == ["2024Q3"]
    assert [q.label for q in covered.outside] == ["2024Q4"]
    row = appraise(data, "2024").loc["甲"]
    assert pd.isna(row["q3_score"]) and pd.isna(row["q4_score"])
    assert row["final_score"] == pytest.approx((row["q1_score"] + row["q2_score"]) / 2, abs=0.01)
    assert row["grade"] != "D"
    # the year's amount and target are the scored quarters': 600 of 600, not 800 of 1,200
    assert (row["amount"], row["target"], row["attainment"]) == (600.0, 600.0, 1.0)
    assert pd.isna(row["promotion_candidate"])
    (note,) = covered.notes("2024")
    assert "orders cover 2024-01-10..2024-08-20" in note
    assert "2024Q3 only partly covered: not scored" in note and "2024Q4 not covered" in note


def test_year_scorecard_and_explanation_weigh_the_scored_quarters() -> None:
    # before: each quarter weighed 0.25 even when left out
    data = books(THROUGH_AUGUST, targets=MONTHLY_GOALS)
    row = appraise(data, "2024").reset_index().iloc[0]
    card = scorecard(row, POLICY, "year").set_index("indicator")["weight"]
    assert card["q1_score"] == card["q2_score"] == 0.5
    assert card[["q3_score", "q4_score"]].isna().all()
    explained = explain.explain(row, parse_period("2024"), POLICY, data).set_index("figure")
    assert explained.loc["q1_score", "formula"] == "final score of 2024Q1, weight 0.5"
    assert "2024Q3 only partly covered" in explained.loc["q3_score", "formula"]
    assert "(Q1, Q2)" in explained.loc["final_score", "formula"]


def test_a_whole_year_still_weighs_each_quarter_a_quarter() -> None:
    data = books(
        orders([(f"O{m}", f"2024-{m:02d}-10", "C1", "甲", 100.0) for m in range(1, 13)]),
        targets=MONTHLY_GOALS,
    )
    assert len(appraisal.coverage(data, parse_period("2024")).scored) == 4
    row = appraise(data, "2024").reset_index().iloc[0]
    weights = scorecard(row, POLICY, "year")["weight"].tolist()
    assert weights == [0.25] * 4 and row["promotion_candidate"] in (True, False)


def test_breakdown_members_add_up_to_the_company_when_a_line_has_no_region() -> None:
    # before: a line without region (on the line or its customer) was in the summary only
    data = books(
        orders(
            [("O1", "2024-05-02", "C1", "甲", 100.0), ("O2", "2024-05-03", "C2", "甲", 40.0)],
            region=["华东", None],
        )
    )
    data = reports.with_dimensions(data, pd.DataFrame({"customer_id": ["C1"], "region": ["华东"]}))
    period = parse_period("2024-05")
    by_region = reports.breakdown(data, period, "region").set_index("region")["amount"]
    assert by_region.to_dict() == {"华东": 100.0, reports.BLANK: 40.0}
    assert (
        by_region.sum()
        == reports.summary(data, period).set_index("figure").loc["amount", "current"]
    )
