"""The weekly report's comparison (4.3.4): the week against the previous ISO week and the same
week last year, what changed the amount (contributions adding up to the change, in cents), and
the highlight sentences naming the largest contributors, on small inline tables."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.output.html import render
from salescli.periods import parse_period
from salescli.rules import highlights, reports
from salescli.rules.books import books as make_books

W20 = parse_period("2024-W20")  # Mon 2024-05-13 .. Sun 2024-05-19; W19 from 2024-05-06


def books(rows: list[tuple]):
    """(order_id, date, customer, rep, region, category, amount) rows, with names."""
    frame = pd.DataFrame(
        rows,
        columns=["order_id", "order_date", "customer_id", "rep", "region", "category", "amount"],
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["customer_name"] = "客户" + frame["customer_id"]
    frame["status"] = "已完成"
    return make_books(frame)


def by(sections: list, name: str) -> pd.DataFrame:
    return next(s for s in sections if s.name == name).frame


def cents(values: pd.Series) -> int:
    return int(values.mul(100).round().sum())


def sentences(sections: list, lang: str = "en") -> list[tuple[str, str]]:
    tables = {s.name: s.frame for s in sections}
    facts = highlights.week_facts(tables, 0.6)
    said = [(render("highlights.txt.j2", None, fact=f, lang=lang).strip(), f.source) for f in facts]
    return [(text, source) for text, source in said if text]


ANCHOR = ("O0", "2024-04-01", "C9", "甲", "华东", "电机", 1.0)  # the export reaches W19


def test_a_week_whose_previous_week_had_no_orders_owes_the_whole_amount_to_the_change() -> None:
    data = books(
        [
            ANCHOR,
            ("O1", "2024-05-13", "C1", "甲", "华东", "电机", 100.0),
            ("O2", "2024-05-19", "C2", "乙", "华南", "配件", 20.5),
        ]
    )
    sections = reports.week_comparison(data, W20)
    summary = by(sections, "summary").set_index("figure")
    assert summary.loc["amount", ["current", "previous"]].tolist() == [120.5, 0.0]
    assert np.isnan(summary.loc["amount", "change"])  # no base: no ratio
    parts = by(sections, "contributions")
    assert set(parts["dimension"]) == {"region", "category", "rep"}
    for _, group in parts.groupby("dimension"):
        assert cents(group["change_amount"]) == 12050
        assert (group["amount_prev"] == 0).all()
    said = dict(sentences(sections))
    assert "Against the previous week sales rose by 120.50, from 0.00." in said
    assert said["Against the previous week sales rose by 120.50, from 0.00."] == "summary"
    assert (
        "Behind the change of 120.50 in sales, the largest by rep: 甲 100.00 (83.0%); "
        "乙 20.50 (17.0%)." in said
    )


def test_a_rep_without_sales_this_week_is_a_fall_and_a_category_of_one_week_is_there() -> None:
    data = books(
        [
            ANCHOR,
            ("O1", "2024-05-07", "C1", "甲", "华东", "电机", 50.0),
            ("O2", "2024-05-08", "C2", "乙", "华南", "传感器", 70.0),  # 传感器: W19 only
            ("O3", "2024-05-14", "C1", "甲", "华东", "配件", 30.0),  # 配件: W20 only
        ]
    )
    sections = reports.week_comparison(data, W20)
    parts = by(sections, "contributions").set_index(["dimension", "member"])
    assert parts.loc[("rep", "乙"), ["amount", "amount_prev", "change_amount"]].tolist() == [
        0.0,
        70.0,
        -70.0,
    ]
    assert parts.loc[("category", "传感器"), "change_amount"] == -70.0
    assert parts.loc[("category", "配件"), ["amount", "amount_prev"]].tolist() == [30.0, 0.0]
    assert parts.loc[("category", "电机"), "change_amount"] == -50.0
    # largest first within each dimension
    assert parts.loc["category"].index.tolist() == ["传感器", "电机", "配件"]
    summary = by(sections, "summary").set_index("figure")
    assert summary.loc["amount", ["current", "previous"]].tolist() == [30.0, 120.0]
    assert summary.loc["amount", "change"] == pytest.approx(-0.75)

    # 乙's own week: no sales, by category and customer
    own = reports.week_comparison(data, W20, ["乙"])
    own_parts = by(own, "contributions")
    assert set(own_parts["dimension"]) == {"category", "customer_name"}
    assert own_parts.set_index(["dimension", "member"])["change_amount"].to_dict() == {
        ("category", "传感器"): -70.0,
        ("customer_name", "客户C2"): -70.0,
    }
    assert by(own, "summary").set_index("figure").loc["amount", "current"] == 0.0
    assert "the order lines of 乙" in own[0].notes
    said = [text for text, _ in sentences(own, "zh")]
    assert "比上周减少 70.00（-100.0%），上周 70.00。" in said
    assert "销售额变动 -70.00 中，按客户贡献最大的是：客户C2 -70.00（占 100.0%）。" in said


def test_two_customers_of_one_name_keep_apart_and_several_reps_add_the_rep() -> None:
    data = books(
        [
            ANCHOR,
            ("O1", "2024-05-14", "C1", "甲", "华东", "电机", 10.0),
            ("O2", "2024-05-14", "C2", "乙", "华东", "电机", 5.0),
        ]
    )
    data.orders["customer_name"] = "同名公司"
    parts = by(reports.week_comparison(data, W20, ["甲", "乙"]), "contributions")
    assert list(dict.fromkeys(parts["dimension"])) == ["rep", "category", "customer_name"]
    customers = parts[parts["dimension"] == "customer_name"]["member"].tolist()
    assert customers == ["同名公司 (C1)", "同名公司 (C2)"]


def test_weeks_before_the_export_are_left_empty_not_zero() -> None:
    # the orders start on W19's Wednesday: W19 and 2023-W20 are not known, not zero
    data = books(
        [
            ("O1", "2024-05-08", "C1", "甲", "华东", "电机", 40.0),
            ("O2", "2024-05-14", "C1", "甲", "华东", "电机", 100.0),
        ]
    )
    sections = reports.week_comparison(data, W20)
    summary = by(sections, "summary").set_index("figure")
    assert summary.loc["amount", "current"] == 100.0
    assert summary.loc["amount", ["previous", "change", "last_year", "yoy"]].isna().all()
    assert by(sections, "contributions").empty
    assert (
        "the orders start 2024-05-08, after 2024-W19 began: no figures for 2024-W19"
        in sections[1].notes
    )
    assert any("no figures for 2023-W20" in note for note in sections[0].notes)
    said = [text for text, _ in sentences(sections)]
    assert not any("Against" in s or "Behind" in s for s in said)  # no figure, no sentence


def test_the_same_week_last_year_when_the_orders_reach_it() -> None:
    data = books(
        [
            ("O9", "2023-05-08", "C1", "甲", "华东", "电机", 1.0),  # the export reaches 2023-W20
            ("O0", "2023-05-16", "C1", "甲", "华东", "电机", 80.0),  # 2023-W20
            ("O1", "2024-05-14", "C1", "甲", "华东", "电机", 100.0),
        ]
    )
    sections = reports.week_comparison(data, W20)
    amount = by(sections, "summary").set_index("figure").loc["amount"]
    assert (amount["last_year"], amount["yoy"]) == (80.0, pytest.approx(0.25))
    said = dict(sentences(sections))
    assert said["Against the same week last year sales rose by 20.00 (25.0%), from 80.00."] == (
        "summary"
    )
    zh = [text for text, _ in sentences(sections, "zh")]
    assert "比去年同周增加 20.00（25.0%），去年同周 80.00。" in zh


# --- the property: the week's contributions add up to the change they explain ---------------

WEEK_DAYS = [date(2024, 5, 6) + timedelta(days=n) for n in range(14)]  # W19 and W20
line = st.tuples(
    st.sampled_from(WEEK_DAYS),
    st.sampled_from(["C1", "C2", "C3", None]),
    st.sampled_from(["甲", "乙", "丙", None]),
    st.sampled_from(["华东", "华南", None]),
    st.sampled_from(["电机", "配件", None]),
    st.integers(min_value=-(10**9), max_value=10**10).map(lambda c: c / 100),
)


@settings(max_examples=30, deadline=None)
@given(st.lists(line, max_size=30), st.sampled_from([None, ["甲"], ["甲", "丙"]]))
def test_the_weeks_contributions_add_up_to_the_change_in_cents(lines, reps) -> None:
    rows = [ANCHOR] + [
        (f"O{n}", day.isoformat(), customer, rep, region, category, amount)
        for n, (day, customer, rep, region, category, amount) in enumerate(lines, 1)
    ]
    data = books(rows)
    orders = data.orders
    if reps is not None:
        orders = orders[orders["rep"].isin(reps)]
    days = orders["order_date"].dt.date
    in_w20 = [round(a * 100) for a in orders.loc[days >= date(2024, 5, 13), "amount"]]
    in_w19 = [
        round(a * 100) for a in orders.loc[(days >= WEEK_DAYS[0]) & (days < W20.start), "amount"]
    ]
    change = sum(in_w20) - sum(in_w19)  # in whole cents, line by line
    sections = reports.week_comparison(data, W20, reps)
    parts = by(sections, "contributions")
    summary = by(sections, "summary").set_index("figure").loc["amount"]
    assert round(summary["current"] * 100) - round(summary["previous"] * 100) == change
    dimensions = ["region", "category", "rep"] if reps is None else ["category", "customer_name"]
    if reps is not None and len(reps) > 1:
        dimensions = ["rep", *dimensions]
    present = list(dict.fromkeys(parts["dimension"]))
    assert present == (dimensions if len(parts) else [])
    for dimension, group in parts.groupby("dimension"):
        assert cents(group["change_amount"]) == change, dimension
        assert cents(group["amount"]) - cents(group["amount_prev"]) == change, dimension
        moved = group["change_amount"].abs().to_numpy()
        assert (moved[:-1] >= moved[1:]).all(), dimension  # largest first
    # and the highlights say the same total
    for fact in highlights.week_facts({s.name: s.frame for s in sections}, 0.6):
        if fact.key == "contributors":
            assert round(fact.values["total"] * 100) == change
