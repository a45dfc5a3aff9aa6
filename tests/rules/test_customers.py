"""Chapter 2: classification, visit windows, the visit plan and the visit audit."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.config import ClassifySettings, VisitSettings
from salescli.periods import WorkCalendar, parse_period
from salescli.rules import customers as rules

WEEKDAYS = WorkCalendar("weekdays")
CN = WorkCalendar("cn")


def factors(
    amounts: list[float], frequency: list[int] | None = None, potential: list[float] | None = None
) -> pd.DataFrame:
    n = len(amounts)
    return pd.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(n)],
            "customer_name": [f"客户{i}" for i in range(n)],
            "rep": "张三",
            "amount": [float(a) for a in amounts],
            "frequency": frequency or [1] * n,
            "potential": potential if potential is not None else [np.nan] * n,
            "not_in_customer_file": False,
        }
    )


def orders(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["order_id", "order_date", "customer_id", "amount", "status"]
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["rep"] = "张三"
    frame["customer_name"] = frame["customer_id"] + "公司"
    return frame


# --- 2.1 ----------------------------------------------------------------------------------


def test_factors_window_cancelled_and_orders_only_customers() -> None:
    lines = orders(
        [
            ("O1", "2023-06-30", "C1", 999, "已完成"),  # before the 4-quarter window
            ("O2", "2023-07-01", "C1", 100, "已完成"),
            ("O2", "2023-07-01", "C1", 50, "已完成"),  # same order: frequency counts orders
            ("O3", "2024-06-30", "C1", 10, "已完成"),
            ("O4", "2024-05-01", "C1", 500, "cancelled"),  # cancelled: excluded
            ("O5", "2024-05-01", "C9", 70, "completed"),  # not in the customer file
        ]
    )
    customers = pd.DataFrame(
        {
            "customer_id": ["C1", "C2"],
            "customer_name": ["甲", "乙"],
            "rep": ["张三", "李四"],
            "potential_value": [1.0, 2.0],
            "class": ["B", "A"],
        }
    )
    window = rules.classification_window(parse_period("2024Q2"), 4)
    assert (window.start, window.end) == (date(2023, 7, 1), date(2024, 6, 30))
    out = rules.customer_factors(lines, customers, window).set_index("customer_id")
    assert out.loc["C1", ["amount", "frequency"]].tolist() == [160.0, 2]
    assert out.loc["C2", ["amount", "frequency"]].tolist() == [0.0, 0]
    assert out.loc["C9", "not_in_customer_file"] and not out.loc["C1", "not_in_customer_file"]
    assert out.loc["C9", "customer_name"] == "C9公司"


def test_score_method_weights_and_thresholds() -> None:
    frame = factors([100, 200, 300, 400, 500], [1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    out = rules.classify(frame, ClassifySettings(), "score")
    # amount and frequency ranks 0.2..1.0, potential reversed
    expected = [0.5 * r + 0.3 * r + 0.2 * (1.2 - r) for r in [0.2, 0.4, 0.6, 0.8, 1.0]]
    assert out["score"].tolist() == pytest.approx(expected)
    assert out["class"].tolist() == ["C", "C", "B", "B", "A"]


def test_score_renormalises_without_potential() -> None:
    out = rules.classify(factors([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]), ClassifySettings(), "score")
    assert out["score"].tolist() == pytest.approx([0.2, 0.4, 0.6, 0.8, 1.0])
    assert out["class"].tolist() == ["C", "C", "B", "A", "A"]


def test_pareto_crossing_customer_is_still_a() -> None:
    out = rules.classify(factors([50, 30, 10, 5, 5]), ClassifySettings(), "pareto")
    # shares before: 0, .5, .8, .9, .95
    assert out["score"].tolist() == pytest.approx([0, 0.5, 0.8, 0.9, 0.95])
    assert out["class"].tolist() == ["A", "A", "B", "C", "C"]


def test_pareto_ties_broken_by_customer_id() -> None:
    out = rules.classify(factors([40, 40, 20]), ClassifySettings(), "pareto")
    assert out["class"].tolist() == ["A", "A", "B"] and out["score"].tolist()[:2] == [0, 0.4]


def test_thresholds_method() -> None:
    config = ClassifySettings.model_validate(
        {"A": {"amount": 100, "frequency": 3}, "B": {"amount": 50, "frequency": 1}}
    )
    out = rules.classify(factors([150, 150, 60, 10], [3, 2, 1, 5]), config, "thresholds")
    assert out["class"].tolist() == ["A", "B", "B", "C"]


def test_moves_against_previous_class() -> None:
    frame = rules.classify(factors([1, 2, 3, 4]), ClassifySettings(), "thresholds")
    frame["class"] = ["A", "B", "C", "A"]
    previous = pd.Series({"C000": "B", "C001": "B", "C002": "a"})
    out = rules.compare_previous(frame, previous)
    assert out["move"].tolist() == ["up", "same", "down", "new"]
    assert out["previous_class"].tolist()[:3] == ["B", "B", "A"]


def test_summary_and_move_matrix() -> None:
    frame = rules.compare_previous(
        rules.classify(factors([60, 30, 10]), ClassifySettings(), "pareto"),
        pd.Series({"C000": "B", "C001": "B"}),
    )
    summary = rules.class_summary(frame).set_index("class")
    assert summary.loc["A", "amount_share"] == pytest.approx(0.9)
    matrix = rules.move_matrix(frame).set_index("from")
    assert matrix.loc["B", "A"] == 2 and matrix.loc["new", "C"] == 1  # 0.9 before: C


amounts = st.lists(st.integers(min_value=0, max_value=10_000), min_size=2, max_size=25)


@settings(max_examples=60, deadline=None)
@given(amounts, st.data())
def test_more_amount_never_lowers_the_class(values: list[int], data) -> None:
    frequency = data.draw(st.lists(st.integers(0, 20), min_size=len(values), max_size=len(values)))
    who = data.draw(st.integers(0, len(values) - 1))
    extra = data.draw(st.integers(1, 10_000))
    for method in ("score", "pareto", "thresholds"):
        before = rules.classify(factors(values, frequency), ClassifySettings(), method)
        raised = list(values)
        raised[who] += extra
        after = rules.classify(factors(raised, frequency), ClassifySettings(), method)
        rank = rules.CLASS_ORDER
        assert rank[after["class"][who]] >= rank[before["class"][who]], method


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=40))
def test_pareto_classes_hold_the_stated_shares(values: list[int]) -> None:
    out = rules.classify(factors(values), ClassifySettings(), "pareto")
    total = sum(values)
    share_a = out.loc[out["class"] == "A", "amount"].sum() / total
    share_ab = out.loc[out["class"] != "C", "amount"].sum() / total
    assert share_a >= 0.70 - 1e-9 and share_ab >= 0.90 - 1e-9
    # and no more than needed: without its smallest member, A holds less than 70 %
    a = out[out["class"] == "A"].sort_values(["amount", "customer_id"], ascending=[True, False])
    assert (a["amount"].sum() - a["amount"].iloc[0]) / total < 0.70


@settings(max_examples=40, deadline=None)
@given(amounts, st.randoms(use_true_random=False))
def test_classes_do_not_depend_on_row_order(values: list[int], random) -> None:
    frame = factors(values, list(range(len(values))), [float(v % 7) for v in values])
    shuffled = frame.sample(frac=1, random_state=random.randint(0, 10_000))
    for method in ("score", "pareto"):
        a = rules.classify(frame, ClassifySettings(), method).set_index("customer_id")["class"]
        b = rules.classify(shuffled, ClassifySettings(), method).set_index("customer_id")["class"]
        assert a.sort_index().tolist() == b.sort_index().tolist()


# --- 2.3 windows ----------------------------------------------------------------------------


def labels(month: str, frequency: str, calendar: WorkCalendar = WEEKDAYS) -> list[str]:
    return [w.label for w in rules.visit_windows(parse_period(month), frequency, calendar)]


def test_month_with_five_weeks_and_fortnight_pairs() -> None:
    assert labels("2024-05", "week") == ["2024-W18", "2024-W19", "2024-W20", "2024-W21", "2024-W22"]
    assert labels("2024-05", "fortnight") == ["2024-W18..W19", "2024-W20..W21", "2024-W22"]
    assert labels("2024-05", "month") == ["2024-W18..W22"]


def test_week_straddling_two_months_belongs_to_the_thursday_month() -> None:
    # 2024-W22 runs May 27..Jun 2 (Thursday May 30): May's; 2024-W26 Jun 24..30: June's
    assert "2024-W22" not in labels("2024-06", "week")
    windows = rules.visit_windows(parse_period("2024-05"), "week", WEEKDAYS)
    assert windows[-1].end == date(2024, 6, 2)


def test_window_labels_across_a_year() -> None:
    assert labels("2024-12", "month") == ["2024-W49..W52"]
    assert labels("2020-12", "fortnight")[-1] == "2020-W53"


def test_national_day_week_with_cn_calendar() -> None:
    windows = rules.visit_windows(parse_period("2024-10"), "week", CN)
    first = windows[0]
    assert first.label == "2024-W40" and first.days == (date(2024, 9, 30),)
    w39 = rules.visit_windows(parse_period("2024-09"), "week", CN)[-1]
    assert date(2024, 9, 29) in w39.days  # the Sunday made a working day


def test_window_without_working_day_is_not_required() -> None:
    week = parse_period("2024-W19")
    closed = WorkCalendar("weekdays", frozenset(week.days()))
    assert "2024-W19" not in labels("2024-05", "week", closed)
    assert "2024-W18..W19" in labels("2024-05", "fortnight", closed)
    skipped = rules.skipped_windows(parse_period("2024-05"), VisitSettings(), closed)
    assert skipped == ["A: 2024-W19"]


# --- 2.3 plan -------------------------------------------------------------------------------


def customers_of(classes: dict[str, str], rep: str = "张三") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": list(classes),
            "customer_name": [f"{c}公司" for c in classes],
            "rep": rep,
            "class": list(classes.values()),
        }
    )


def test_every_required_window_gets_exactly_one_visit_on_a_working_day_in_it() -> None:
    plan, unscheduled = rules.plan_visits(
        customers_of({"A1": "A", "B1": "B", "C1": "C"}),
        parse_period("2024-10"),
        VisitSettings(),
        CN,
    )
    assert unscheduled.empty
    assert plan.groupby("customer_id").size().to_dict() == {"A1": 5, "B1": 3, "C1": 1}
    windows = {w.label: w for w in rules.visit_windows(parse_period("2024-10"), "week", CN)}
    a_visits = plan[plan["customer_id"] == "A1"]
    for visit in a_visits.itertuples():
        assert visit.date.date() in windows[visit.window].days
    assert a_visits["date"].iloc[0] == pd.Timestamp("2024-09-30")  # the only working day


def test_daily_limit_and_unscheduled_with_reason() -> None:
    many = {f"A{i:02d}": "A" for i in range(12)}
    settings_ = VisitSettings(max_per_day=2)
    plan, unscheduled = rules.plan_visits(
        customers_of(many), parse_period("2024-10"), settings_, CN
    )
    assert plan.groupby("date").size().max() == 2
    # W40 has one working day: 2 fit, 10 do not
    assert (unscheduled["window"] == "2024-W40").sum() == 10
    assert unscheduled["reason"].iloc[0] == "the window's 1 working day already has 2 visits"
    assert len(plan) + len(unscheduled) == 12 * 5  # nothing dropped


def test_loads_are_even_and_customers_keep_their_weekday() -> None:
    plan, _ = rules.plan_visits(
        customers_of({f"A{i:02d}": "A" for i in range(10)}),
        parse_period("2024-06"),
        VisitSettings(),
        WEEKDAYS,
    )
    loads = plan.groupby("date").size()
    assert loads.max() - loads.min() <= 1
    gaps = plan.sort_values("date").groupby("customer_id")["date"].diff().dropna().dt.days
    assert set(gaps) == {7}


def test_customers_without_rep_or_class_are_listed() -> None:
    frame = customers_of({"X": "A", "Y": None})
    frame.loc[0, "rep"] = None
    plan, unscheduled = rules.plan_visits(frame, parse_period("2024-06"), VisitSettings(), CN)
    assert plan.empty
    assert unscheduled["reason"].tolist() == ["no rep in the customer file", "no class"]


def test_plan_is_deterministic() -> None:
    frame = customers_of({f"C{i}": "ABC"[i % 3] for i in range(30)})
    a, _ = rules.plan_visits(frame, parse_period("2024-06"), VisitSettings(), CN)
    b, _ = rules.plan_visits(frame.iloc[::-1], parse_period("2024-06"), VisitSettings(), CN)
    pd.testing.assert_frame_equal(a, b)


# --- 2.3 audit ------------------------------------------------------------------------------


def test_audit_required_done_missed_and_strangers() -> None:
    customers = customers_of({"A1": "A", "B1": "B", "C1": "C"})
    visits = pd.DataFrame(
        {
            "visit_date": pd.to_datetime(
                [
                    "2024-04-29",
                    "2024-05-08",
                    "2024-05-09",
                    "2024-05-31",
                    "2024-05-15",
                    "2024-05-15",
                    "2024-06-03",
                ]
            ),
            "rep": ["张三", "张三", "张三", "李四", "张三", "张三", "张三"],
            "customer_id": ["A1", "A1", "A1", "B1", "ZZ", "C1", "A1"],
        }
    )
    audit, strangers, others = rules.audit_visits(
        customers, visits, parse_period("2024-05"), VisitSettings(), WEEKDAYS
    )
    row = audit.set_index("customer_id")
    assert row.loc["A1", ["required", "done"]].tolist() == [5, 2]
    assert row.loc["A1", "missed"] == "2024-W20, 2024-W21, 2024-W22"
    assert row.loc["B1", ["required", "done", "missed"]].tolist() == [
        3,
        1,
        "2024-W18..W19, 2024-W20..W21",
    ]
    assert row.loc["C1", "compliance"] == 1.0
    assert strangers["customer_id"].tolist() == ["ZZ"]
    assert others[["rep", "owner"]].values.tolist() == [["李四", "张三"]]
    by_rep = rules.compliance_by_rep(audit)
    assert by_rep.loc[0, ["required", "done"]].tolist() == [9, 4]
