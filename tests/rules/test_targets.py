"""Chapter 3: splitting targets and adjustments."""

from __future__ import annotations

import itertools
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.periods import year
from salescli.rules import targets as rules


def history(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["order_date", "region", "rep", "amount"])
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["order_id"] = [f"O{i}" for i in range(len(frame))]
    frame["status"] = "已完成"
    return frame


ORDERS = history(
    [
        ("2024-01-15", "华东", "张三", 300),
        ("2024-07-15", "华东", "张三", 300),
        ("2024-03-15", "华东", "李四", 200),
        ("2024-07-20", "华南", "王五", 200),
        ("2023-05-01", "华南", "赵六", 999),  # only history before the previous year
    ]
)


def split(
    total: float,
    by: list[str],
    basis: str = "history",
    unit: int = 1,
    include: list[tuple] | None = None,
    weights: pd.DataFrame | None = None,
) -> pd.DataFrame:
    leaves, _ = rules.member_weights(ORDERS, by, year(2024), basis, include or [], weights)
    months = rules.month_weights(ORDERS, year(2024))
    return rules.split_targets(total, unit, leaves, by, months, 2025)


def test_largest_remainder_is_exact_and_breaks_ties_by_name() -> None:
    shares = rules.largest_remainder(10, pd.Series({"乙": 1.0, "甲": 1.0, "丙": 1.0}))
    assert shares.to_dict() == {"丙": 4, "乙": 3, "甲": 3}  # the first name takes the leftover


def test_history_basis_shares_and_seasonality() -> None:
    out = split(1_000_000, ["rep"])
    per_rep = out.groupby("rep")["target"].sum()
    # 赵六, whose last line is older than the base year, has left: no member, no share
    assert per_rep.to_dict() == {"张三": 600_000, "李四": 200_000, "王五": 200_000}
    months = out.groupby("month")["target"].sum()
    assert months["2025-07"] == 500_000 and months["2025-02"] == 0  # last year's July share
    assert out["quarter"].iloc[0] == "2025Q1" and out["year"].iloc[0] == 2025


def test_member_without_history_has_no_target_and_is_named() -> None:
    # 孙七 joined in 2025 (the split is made late): a member, without 2024 sales
    orders = pd.concat([ORDERS, history([("2025-01-10", "华南", "孙七", 80)])], ignore_index=True)
    leaves, _ = rules.member_weights(orders, ["rep"], year(2024), "history", [], None)
    out = rules.split_targets(
        1_000_000, 1, leaves, ["rep"], rules.month_weights(orders, year(2024)), 2025
    )
    kept, said = rules.without_zero_targets(out, ["rep"], year(2024))
    assert (out.loc[out["rep"] == "孙七", "target"] == 0).all()  # no 2024 sales
    assert "孙七" not in set(kept["rep"]) and (kept["target"] > 0).all()
    assert kept["target"].sum() == out["target"].sum() == 1_000_000
    assert said is not None and "孙七 (every month)" in str(said) and "2024 sales" in str(said)
    assert rules.without_zero_targets(kept, ["rep"], year(2024)) == (kept, None)
    assert "赵六" not in set(out["rep"])  # last seen in 2023: left, not a member


def test_equal_basis_shares_among_the_members_of_the_base_year_on() -> None:
    per_rep = split(300, ["rep"], basis="equal").groupby("rep")["target"].sum()
    # 赵六's lines are all older than 2024: he left, and takes no equal share
    assert per_rep.to_dict() == {"张三": 100, "李四": 100, "王五": 100}


def test_members_are_those_of_the_year_up_to_the_last_line_when_orders_end_before_it() -> None:
    from salescli.rules.coverage import coverage

    # orders ending 2024-07-20, split 2026 (base 2025): the team as last seen
    since = rules.members_since(year(2025), coverage(ORDERS))
    assert since == date(2023, 7, 21)
    leaves, _ = rules.member_weights(ORDERS, ["rep"], year(2025), "equal", [], None, since)
    assert sorted(leaves["rep"]) == ["张三", "李四", "王五"]
    assert rules.members_since(year(2024), coverage(ORDERS)) == date(2024, 1, 1)


def test_two_levels_add_up_at_every_level() -> None:
    out = split(1_000_003, ["region", "rep"])
    assert out["target"].sum() == 1_000_003
    by_region = out.groupby("region")["target"].sum()
    # 800,002.4 and 200,000.6: the leftover unit goes to the larger remainder
    assert by_region.to_dict() == {"华东": 800_002, "华南": 200_001}
    reps = out.groupby("rep")["target"].sum()
    assert reps["张三"] + reps["李四"] == 800_002 and reps["王五"] == 200_001
    assert "赵六" not in reps


def test_unit_rounding() -> None:
    out = split(1_000_000, ["rep"], unit=10_000)
    assert (out["target"] % 10_000 == 0).all() and out["target"].sum() == 1_000_000
    with pytest.raises(ValueError, match="not a multiple of the unit"):
        split(1_000_050, ["rep"], unit=100)


def test_include_gives_a_new_member_the_average_of_its_peers() -> None:
    per_rep = split(1_000_000, ["rep"], include=[("新人",)]).groupby("rep")["target"].sum()
    assert per_rep["新人"] == pytest.approx(1_000_000 * (700 / 3) / (700 + 700 / 3), abs=1)


def test_weights_file_overrides_shares_at_its_depth() -> None:
    weights = pd.DataFrame({"region": ["华东", "华南"], "weight": [1.0, 3.0]})
    out = split(1_000_000, ["region", "rep"], weights=weights)
    by_region = out.groupby("region")["target"].sum()
    assert by_region.to_dict() == {"华东": 250_000, "华南": 750_000}
    reps = out[out["region"] == "华东"].groupby("rep")["target"].sum()
    assert reps.to_dict() == {"张三": 187_500, "李四": 62_500}  # history 3:1 inside the region


def test_pivot_has_quarters_year_and_totals() -> None:
    pivot = rules.pivot(split(1_200, ["rep"], basis="equal"), ["rep"])
    assert list(pivot.columns)[:5] == ["rep", "2025-01", "2025-02", "2025-03", "2025Q1"]
    assert pivot["year"].iloc[-1] == 1_200 and pivot["rep"].iloc[-1] == "合计 total"


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**9),
    st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=12),
    st.sampled_from([1, 10, 100, 10_000]),
)
def test_parts_always_add_up_exactly(total_units: int, weights: list[float], unit: int) -> None:
    names = [f"m{i:02d}" for i in range(len(weights))]
    shares = rules.largest_remainder(total_units, pd.Series(weights, index=names))
    assert shares.sum() == total_units and (shares >= 0).all()
    # a larger weight never yields a smaller share
    ordered = sorted(zip(weights, names, strict=True))
    for (w1, n1), (w2, n2) in itertools.pairwise(ordered):
        if w2 > w1:
            assert shares[n2] >= shares[n1]
    leaves = pd.DataFrame({"rep": names, "weight": weights})
    months = pd.Series(weights[:12] + [1.0] * (12 - len(weights[:12])), index=range(1, 13))
    out = rules.split_targets(total_units * unit, unit, leaves, ["rep"], months, 2025)
    assert out["target"].sum() == total_units * unit and (out["target"] >= 0).all()
    assert (out.groupby("rep")["target"].sum() % unit == 0).all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=1000), min_size=2, max_size=10),
    st.randoms(use_true_random=False),
)
def test_same_split_whatever_the_row_order(weights: list[int], random) -> None:
    leaves = pd.DataFrame({"rep": [f"r{i}" for i in range(len(weights))], "weight": weights})
    months = pd.Series(1.0, index=range(1, 13))
    a = rules.split_targets(99_991, 1, leaves, ["rep"], months, 2025)
    b = rules.split_targets(
        99_991, 1, leaves.sample(frac=1, random_state=random.randint(0, 99)), ["rep"], months, 2025
    )
    pd.testing.assert_frame_equal(a, b)


# --- 3.2 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["yes", "是", "✓", "张经理", "2024-06-20", "同意", "Y"])
def test_approval_values(value: str) -> None:
    assert rules.approved(value)


@pytest.mark.parametrize("value", [None, "", "no", "否", "NO", "×", float("nan"), "未批准"])
def test_not_approved_values(value: object) -> None:
    assert not rules.approved(value)


TARGETS = pd.DataFrame(
    {
        "rep": ["张三"] * 3 + ["李四"],
        "period": ["2025-04", "2025-05", "2025-06", "2025-04"],
        "target": [100.0, 200.0, 700.0, 50.0],
    }
)


def requests(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(
        rows,
        columns=[
            "rep",
            "period",
            "new_target",
            "reason",
            "basis",
            "manager_approved",
            "leader_approved",
        ],
    )


@pytest.mark.parametrize(
    ("row", "missing"),
    [
        (("张三", "2025-04", 1, None, "b", "是", "是"), "reason"),
        (("张三", "2025-04", 1, "r", None, "是", "是"), "basis"),
        (("张三", "2025-04", None, "r", "b", "是", "是"), "new target"),
        (("张三", "2025-04", 1, "r", "b", "否", "是"), "sales manager's review"),
        (("张三", "2025-04", 1, "r", "b", "是", None), "company leader's approval"),
        (("王五", "2025-04", 1, "r", "b", "是", "是"), "an existing target for 王五 in 2025-04"),
        (
            ("张三", "2025-04", None, None, "b", "是", ""),
            "reason; new target; company leader's approval",
        ),
    ],
)
def test_each_rejection_reason(row: tuple, missing: str) -> None:
    review = rules.review_requests(requests(row), TARGETS)
    assert review["status"].tolist() == ["rejected"] and review["missing"].tolist() == [missing]
    adjusted = rules.apply_adjustments(TARGETS, review, 1)
    assert adjusted["target"].tolist() == TARGETS["target"].tolist()  # changes nothing


def test_month_and_quarter_adjustments_with_audit_trail() -> None:
    review = rules.review_requests(
        requests(
            ("李四", "2025-04", 80, "新品上市", "市场调研", "是", "张总"),
            ("张三", "2025Q2", 2000, "大项目", "合同", "✓", "2025-03-01"),
        ),
        TARGETS,
    )
    adjusted = rules.apply_adjustments(TARGETS, review, 1)
    assert adjusted["target"].tolist() == [200.0, 400.0, 1400.0, 80.0]  # 1:2:7 kept
    assert adjusted["original_target"].tolist() == [100.0, 200.0, 700.0, 50.0]
    assert (
        adjusted["adjusted_by"].iloc[3] == "新品上市 (basis: 市场调研; manager: 是; leader: 张总)"
    )
    assert adjusted["target"].sum() - adjusted["original_target"].sum() == 1030


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**8),
    st.lists(
        st.tuples(
            st.sampled_from(["华东", "华南", "华北"]),
            st.floats(min_value=0, max_value=1e5, allow_nan=False),
        ),
        min_size=1,
        max_size=9,
    ),
    st.sampled_from([1, 100, 10_000]),
)
def test_two_level_parts_add_up_at_every_level(total_units: int, members: list, unit: int) -> None:
    leaves = pd.DataFrame(
        [(region, f"r{i}", w) for i, (region, w) in enumerate(members)],
        columns=["region", "rep", "weight"],
    )
    months = pd.Series(1.0, index=range(1, 13))
    out = rules.split_targets(total_units * unit, unit, leaves, ["region", "rep"], months, 2025)
    assert out["target"].sum() == total_units * unit and (out["target"] >= 0).all()
    per_region = out.groupby("region")["target"].sum()
    regions = leaves.groupby("region")["weight"].sum()
    expected = rules.largest_remainder(total_units, regions) * unit
    assert per_region.reindex(expected.index).tolist() == expected.tolist()
    assert (out.groupby("quarter")["target"].sum().sum()) == total_units * unit


def test_no_history_at_all_is_refused_not_split_equally() -> None:
    # before: every rep was warned "no target" and then given an equal share
    with pytest.raises(rules.NoShares, match="no 2022 sales by rep"):
        rules.member_weights(ORDERS, ["rep"], year(2022), "history", [], None)
    zero = pd.DataFrame({"rep": ["张三", "李四"], "weight": [0.0, 0.0]})
    with pytest.raises(rules.NoShares, match="weight 0 in the weights file"):
        rules.member_weights(ORDERS, ["rep"], year(2024), "history", [], zero)
    leaves, _ = rules.member_weights(ORDERS, ["rep"], year(2022), "equal", [], None)
    assert (leaves["weight"] > 0).all()


def test_sales_without_a_member_are_named_not_silently_left_out() -> None:
    orders = pd.concat([ORDERS, history([("2024-02-01", "华东", None, 50)])], ignore_index=True)
    _, warnings = rules.member_weights(orders, ["rep"], year(2024), "history", [], None)
    assert "1 order line of 2024 (amount 50.00) has no rep: left out of the shares" in warnings


def test_orders_span_says_what_the_orders_cover() -> None:
    from salescli.rules.coverage import coverage

    assert rules.orders_span(coverage(ORDERS)) == "orders cover 2023-05-01..2024-07-20"
    assert rules.orders_span(coverage(ORDERS.iloc[:0])) == "the orders hold no dated lines"
    no_dates = coverage(ORDERS.drop(columns="order_date"))
    assert rules.orders_span(no_dates).endswith("no dated lines")


def test_requests_of_year_keeps_that_years_and_counts_the_others() -> None:
    requests = pd.DataFrame({"rep": ["张三"] * 3, "period": ["2024-05", "2024Q3", "2025-01"]})
    mine, others = rules.requests_of_year(requests, 2024)
    assert mine is not None and list(mine["period"]) == ["2024-05", "2024Q3"] and others == 1
    assert rules.requests_of_year(requests, 2026) == (None, 3)


def test_adjust_reviews_applies_and_says_how_the_total_moves() -> None:
    targets = pd.DataFrame(
        {"rep": ["张三", "李四"], "period": ["2024-05", "2024-05"], "target": [1000.0, 800.0]}
    )
    requests = pd.DataFrame(
        {
            "rep": ["张三", "李四"],
            "period": ["2024-05", "2024-05"],
            "new_target": [1200.0, 700.0],
            "reason": ["追加", "下滑"],
            "basis": ["合同", None],
            "manager_approved": ["是", "是"],
            "leader_approved": ["是", "是"],
            "note": ["not", "shown"],
        }
    )
    adjusted, review, note = rules.adjust(targets, requests, 1)
    assert adjusted["target"].tolist() == [1200.0, 800.0]
    assert list(review.columns) == [
        "rep",
        "period",
        "new_target",
        "reason",
        "basis",
        "manager_approved",
        "leader_approved",
        "status",
        "missing",
    ]
    assert review["status"].tolist() == ["applied", "rejected"]
    assert note == (
        "1 of 2 adjustment requests applied; company total changes by +200 (from 1,800 to 2,000)"
    )


def test_split_note_names_levels_basis_weights_months_and_unit() -> None:
    seasonal = rules.month_weights(ORDERS, year(2024))
    assert rules.split_note(1e6, ["region", "rep"], "history", None, seasonal, year(2024), 100) == (
        "total 1,000,000 split by region, rep (history); months: 2024 monthly shares; unit 100"
    )
    flat = pd.Series(1.0, index=range(1, 13))
    assert rules.split_note(5e5, ["rep"], "equal", "w.csv", flat, year(2024), 1) == (
        "total 500,000 split by rep (equal; weights from w.csv); months: equal months; unit 1"
    )


def test_months_the_previous_years_orders_do_not_reach_take_the_covered_months_average() -> None:
    """Orders that end on 2024-07-20 say nothing of August to December (nor of July's last
    days): those months are weighed at the average of January..June, not at zero."""
    from salescli.rules.coverage import coverage

    covered = coverage(ORDERS)  # 2023-05-01..2024-07-20
    assert rules.uncovered_months(covered, year(2024)) == [7, 8, 9, 10, 11, 12]
    weights = rules.month_weights(ORDERS, year(2024), covered)
    known = [300.0, 0.0, 200.0, 0.0, 0.0, 0.0]  # January..June as sold
    assert weights.tolist() == known + [500.0 / 6] * 6
    out = rules.split_targets(1_200_000, 1, *_leaves(), weights, 2025)
    months = out.groupby("month")["target"].sum()
    assert months["2025-12"] == months["2025-08"] > 0 and months.sum() == 1_200_000
    note = rules.split_note(
        1_200_000, ["rep"], "history", None, weights, year(2024), 1, [7, 8, 9, 10, 11, 12]
    )
    assert "2025-07..2025-12 weighed at the covered months' average share" in note
    # a year the export covers whole keeps its zero months
    whole = coverage(
        history([("2024-01-01", "华东", "张三", 1), ("2024-12-31", "华东", "张三", 1)])
    )
    assert rules.uncovered_months(whole, year(2024)) == []


def _leaves() -> tuple[pd.DataFrame, list[str]]:
    leaves, _ = rules.member_weights(ORDERS, ["rep"], year(2024), "history", [], None)
    return leaves, ["rep"]
