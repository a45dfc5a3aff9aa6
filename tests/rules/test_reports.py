"""Chapter 4.3 report sections on small inline tables."""

from __future__ import annotations

import pandas as pd
import pytest

from salescli.config import Policy, VisitSettings
from salescli.periods import WorkCalendar, parse_period
from salescli.rules import reports
from salescli.rules.books import Books
from salescli.rules.books import books as make_books

POLICY = Policy()


def books(rows: list[tuple], **tables) -> Books:
    """(order_id, date, customer, rep, region, amount, cost) rows."""
    frame = pd.DataFrame(
        rows, columns=["order_id", "order_date", "customer_id", "rep", "region", "amount", "cost"]
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["quantity"] = 2.0
    frame["category"] = "电机"
    frame["status"] = "已完成"
    return make_books(frame, **tables)


DATA = [
    ("O1", "2024-01-10", "C1", "甲", "华东", 100.0, 60.0),
    ("O2", "2023-12-10", "C1", "甲", "华东", 50.0, 30.0),
    ("O3", "2023-01-10", "C2", "乙", "华东", 80.0, 40.0),
    ("O4", "2024-01-20", "C3", "乙", "华南", 40.0, 10.0),  # 华南: no sales a year earlier
]


def test_with_dimensions_returns_new_books_and_leaves_its_argument_alone() -> None:
    data = books([("O1", "2024-01-10", "C1", "甲", None, 100.0, 60.0)])
    orders_before = data.orders.copy()
    customers = pd.DataFrame({"customer_id": ["C1"], "customer_group": ["经销商"]})
    given = reports.with_dimensions(data, customers)
    assert given is not data and given.orders is not data.orders
    assert given.orders[["region", "customer_group"]].iloc[0].tolist() == [reports.BLANK, "经销商"]
    pd.testing.assert_frame_equal(data.orders, orders_before)  # before: changed in place
    assert (given.owners is data.owners) and given.targets is data.targets


def test_summary_mom_and_yoy_across_a_year_boundary() -> None:
    data = books(
        DATA,
        targets=pd.DataFrame(
            {"rep": ["甲", "乙"], "period": ["2024-01"] * 2, "target": [100.0, 100.0]}
        ),
    )
    summary = reports.summary(data, parse_period("2024-01")).set_index("figure")
    columns = ["current", "previous", "change", "last_year", "yoy"]
    assert summary.loc["amount", columns].tolist() == [
        140.0,
        50.0,
        pytest.approx(1.8),
        80.0,
        pytest.approx(0.75),
    ]
    assert pd.isna(summary.loc["amount", "change_pp"]) and pd.isna(summary.loc["amount", "yoy_pp"])
    assert summary.loc["margin", "current"] == pytest.approx(70 / 140)
    assert summary.loc["attainment", "current"] == pytest.approx(0.7)
    assert (
        summary.loc["orders", "current"] == 2
        and summary.loc["average_order_value", "current"] == 70
    )
    assert pd.isna(summary.loc["target", "previous"])  # no target for 2023-12: empty


def test_breakdown_by_region_empty_not_inf_without_last_year() -> None:
    out = reports.breakdown(books(DATA), parse_period("2024-01"), "region").set_index("region")
    assert out.loc["华东", ["amount", "amount_prev", "amount_last_year"]].tolist() == [
        100.0,
        50.0,
        80.0,
    ]
    assert out.loc["华东", "amount_yoy"] == pytest.approx(0.25)
    assert out.loc["华南", "amount_last_year"] == 0 and pd.isna(out.loc["华南", "amount_yoy"])
    assert out.loc["华东", "profit"] == 40.0 and out.loc["华东", "margin"] == pytest.approx(0.4)
    assert {"quantity_mom", "profit_yoy"} <= set(out.columns)


def test_by_rep_rank_and_change() -> None:
    out = reports.by_rep(books(DATA), parse_period("2024-01"), POLICY).set_index("rep")
    assert out.loc["甲", ["amount", "rank", "amount_prev"]].tolist() == [100.0, 1, 50.0]
    assert out.loc["乙", "rank"] == 2 and pd.isna(out.loc["乙", "amount_mom"])  # 0 before


def test_trend_has_thirteen_months_ending_with_the_period() -> None:
    out = reports.trend(books(DATA), parse_period("2024-01"), 13)
    assert out["month"].tolist()[0] == "2023-01" and out["month"].tolist()[-1] == "2024-01"
    assert out["amount"].tolist()[0] == 80.0


def test_customers_at_risk_by_class_and_top() -> None:
    classes = pd.DataFrame(
        {
            "customer_id": ["C1", "C2", "C3"],
            "customer_name": ["甲公司", "乙公司", "丙公司"],
            "rep": ["甲", "乙", "乙"],
            "class": ["A", "B", "C"],
        }
    )
    data = books(DATA)
    sections = {
        s.name: s for s in reports.customer_sections(data, parse_period("2024-01"), POLICY, classes)
    }
    counts = sections["customers"].frame.set_index("figure")["customers"]
    assert counts["active_customers"] == 2 and counts["new_customers"] == 1  # C3
    assert counts["churn_base"] == 2 and counts["churned"] == 1  # C2: nothing since 2023-01-10
    at_risk = sections["at_risk"].frame
    assert at_risk["customer_id"].tolist() == ["C2"] and at_risk["days_since"].iloc[0] == 386
    by_class = sections["by_class"].frame.set_index("class")
    assert by_class.loc["A", ["active_customers", "orders", "orders_per_customer"]].tolist() == [
        1,
        1,
        1.0,
    ]
    top = sections["top_customers"].frame
    assert top["customer_id"].tolist() == ["C1", "C3"] and top["share"].sum() == pytest.approx(1)


def test_pipeline_conversion_and_overdue() -> None:
    opportunities = pd.DataFrame(
        {
            "opportunity_id": ["P1", "P2", "P3", "P4"],
            "rep": ["甲", "甲", "乙", "乙"],
            "customer_id": ["C1"] * 4,
            "stage": ["赢单", "输单", "方案报价", "需求确认"],
            "outcome": ["won", "lost", "open", "open"],
            "expected_amount": [10.0, 20, 30, 40],
            "closed_on": pd.to_datetime(["2024-01-05", "2024-01-06", None, None]),
            "next_follow_up": pd.to_datetime([None, None, "2024-01-15", "2024-02-15"]),
        }
    )
    sections = {
        s.name: s
        for s in reports.pipeline_sections(
            books(DATA, opportunities=opportunities), parse_period("2024-01")
        )
    }
    assert "1 won / 2 closed = 50.0%" in sections["pipeline"].notes[0]
    overdue = sections["overdue_follow_ups"].frame
    assert overdue["opportunity_id"].tolist() == ["P3"] and overdue["days_overdue"].iloc[0] == 16


def test_delivery_by_region_and_late_orders() -> None:
    data = books(DATA)
    data.orders["due_date"] = pd.to_datetime(
        ["2024-01-15", "2023-12-20", "2023-01-20", "2024-01-25"]
    )
    data.orders["delivered_on"] = pd.to_datetime(["2024-01-14", None, None, "2024-01-28"])
    sections = {s.name: s for s in reports.delivery_sections(data, parse_period("2024-01"))}
    region = sections["delivery_region"].frame.set_index("region")
    assert region.loc["华东", "on_time_rate"] == 1.0 and region.loc["华南", "on_time_rate"] == 0.0
    late = sections["late_orders"].frame
    assert late["order_id"].tolist() == ["O4"] and late["days_late"].tolist() == [3]


MARKET = pd.DataFrame(
    {
        "period": ["2024Q1", "2024Q1", "2024Q2", "2024Q2"],
        "region": ["华东"] * 4,
        "market_size": [1000.0, 1000.0, 2000.0, 2000.0],
        "competitor": ["汇川", "ABB", "汇川", "ABB"],
        "competitor_amount": [300.0, 100.0, 500.0, 100.0],
        "category": [None] * 4,
    }
)
# Q1: 10 + 20 in 华东; Q2: 40 in April, 1000 in May and 7 in June (华东)
MARKET_ORDERS = [
    ("O1", "2024-01-10", "C1", "甲", "华东", 10.0, 5.0),
    ("O2", "2024-03-31", "C1", "甲", "华东", 20.0, 5.0),
    ("O3", "2024-04-15", "C1", "甲", "华东", 40.0, 5.0),
    ("O4", "2024-05-02", "C1", "甲", "华东", 1000.0, 5.0),
    ("O5", "2024-06-30", "C1", "甲", "华东", 7.0, 5.0),
]


def test_market_share_is_over_exactly_the_market_rows_period() -> None:
    q2 = reports.market_section(books(MARKET_ORDERS), MARKET, parse_period("2024Q2"))[0]
    row = q2.frame.set_index("region").loc["华东"]
    ours = sum(r[5] for r in MARKET_ORDERS if "2024-04-01" <= r[1] <= "2024-06-30")
    assert row["amount"] == ours and row["share"] == pytest.approx(ours / 2000)
    assert row["汇川_share"] == pytest.approx(500 / 2000)
    assert q2.frame.attrs["market_period"] == "2024Q2" and q2.notes == ()


@pytest.mark.parametrize(
    ("month", "market_period"),
    [("2024-04", "2024Q1"), ("2024-05", "2024Q1"), ("2024-06", "2024Q2")],
)
def test_a_monthly_report_uses_the_latest_market_period_ended_by_its_last_day(
    month: str, market_period: str
) -> None:
    """The April report with quarterly rows: Q2 has not ended on 04-30, so Q1's market against
    Q1's sales, never May's or June's (which would change the April report when run again)."""
    section = reports.market_section(books(MARKET_ORDERS), MARKET, parse_period(month))[0]
    span = parse_period(market_period)
    ours = sum(r[5] for r in MARKET_ORDERS if str(span.start) <= r[1] <= str(span.end))
    size = 1000.0 if market_period == "2024Q1" else 2000.0
    row = section.frame.set_index("region").loc["华东"]
    assert row["amount"] == ours and row["share"] == pytest.approx(ours / size)
    assert section.frame.attrs["market_period"] == market_period
    assert section.title == f"Market {market_period}"
    if market_period != month:
        assert section.notes[0].startswith(f"market period {market_period}: the latest")


def test_no_market_period_ended_by_the_report_is_said_not_guessed() -> None:
    section = reports.market_section(books(MARKET_ORDERS), MARKET, parse_period("2024-02"))[0]
    assert section.frame.empty
    assert section.notes == (
        "no market rows for 2024-02 or a period ended before 2024-02-29: market share left out",
    )


def test_a_market_period_before_the_orders_has_no_share_of_ours_not_zero() -> None:
    late_start = [r for r in MARKET_ORDERS if r[1] >= "2024-04-01"]
    section = reports.market_section(books(late_start), MARKET, parse_period("2024-05"))[0]
    row = section.frame.set_index("region").loc["华东"]
    assert pd.isna(row["amount"]) and pd.isna(row["share"])
    assert row["汇川_share"] == pytest.approx(0.3)  # the market's own figures stay
    assert section.notes[-1] == (
        "the orders start 2024-04-15, after 2024Q1 ended: no figures for 2024Q1: our amount "
        "and share in the market are left empty"
    )


def test_iso_week_one_of_2025_starts_in_2024() -> None:
    rows = [
        ("O1", "2024-12-30", "C1", "甲", "华东", 10.0, 5.0),
        ("O2", "2025-01-03", "C1", "甲", "华东", 20.0, 5.0),
        ("O3", "2025-01-06", "C1", "甲", "华东", 99.0, 5.0),
    ]
    targets = pd.DataFrame({"rep": ["甲"], "period": ["2025-01"], "target": [300.0]})
    visits = pd.DataFrame(
        {"visit_date": pd.to_datetime(["2024-12-31"]), "rep": ["甲"], "customer_id": ["C1"]}
    )
    classes = pd.DataFrame(
        {"customer_id": ["C1"], "customer_name": ["x"], "rep": ["甲"], "class": ["A"]}
    )
    sections = reports.weekly_report(
        books(rows, targets=targets),
        parse_period("2025-W01"),
        POLICY,
        classes,
        visits,
        WorkCalendar("weekdays"),
        VisitSettings(),
    )
    week = sections[0].frame.set_index("rep").loc["甲"]
    assert week["amount"] == 30.0 and week["orders"] == 2
    # the month is January 2025 (the week's Thursday); to date: Jan 1..Jan 5
    assert week["month_to_date"] == 20.0 and week["month_attainment"] == pytest.approx(20 / 300)
    assert (week["windows_open"], week["windows_done"], week["visits"]) == (1, 1, 1)


def test_month_to_date_stops_at_the_months_end_when_the_week_runs_past_it() -> None:
    # 2024-W22 is Mon 05-27..Sun 06-02; its Thursday (05-30) puts it in May
    rows = [
        ("O1", "2024-05-02", "C1", "甲", "华东", 5.0, 1.0),
        ("O2", "2024-05-28", "C1", "甲", "华东", 10.0, 1.0),
        ("O3", "2024-06-01", "C1", "甲", "华东", 50.0, 1.0),
        ("O4", "2024-06-03", "C1", "甲", "华东", 999.0, 1.0),
    ]
    targets = pd.DataFrame({"rep": ["甲"], "period": ["2024-05"], "target": [100.0]})
    sections = reports.weekly_report(
        books(rows, targets=targets),
        parse_period("2024-W22"),
        POLICY,
        None,
        None,
        WorkCalendar("weekdays"),
        VisitSettings(),
    )
    week = sections[0].frame.set_index("rep").loc["甲"]
    assert (week["amount"], week["month_to_date"], week["month_target"]) == (60.0, 15.0, 100.0)
    assert sections[0].notes == (
        "month 2024-05 (the week's Thursday), to date 2024-05-01..2024-05-31",
    )


def test_an_order_is_due_on_its_latest_line_even_when_other_lines_fall_in_the_period() -> None:
    from salescli.rules import process

    orders = pd.DataFrame(
        {
            "order_id": ["A", "A", "B", "B", "C"],
            "rep": ["张三"] * 5,
            "customer_id": ["C1"] * 5,
            # A is due 06-02 (not in May) though a line is due in May; B is due 05-03, and its
            # April line came late, so B is late; C is due in May and on time
            "due_date": pd.to_datetime(
                ["2024-05-10", "2024-06-02", "2024-04-28", "2024-05-03", "2024-05-20"]
            ),
            "delivered_on": pd.to_datetime(
                ["2024-05-09", "2024-06-01", "2024-04-30", "2024-05-01", "2024-05-19"]
            ),
        }
    )
    may = parse_period("2024-05")
    on_time = process.on_time(orders, may)
    assert on_time.to_dict("records") == [
        {"rep": "张三", "orders_due": 2, "on_time": 1, "on_time_rate": 0.5}
    ]
    late = process.late_orders(orders, may)
    assert late["order_id"].tolist() == ["B"]
