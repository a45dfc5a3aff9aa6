"""Chapter 5 (and the chapter 4 indicators it uses) on small inline tables."""

from __future__ import annotations

import pandas as pd
import pytest

from salescli.config import Policy
from salescli.periods import parse_period
from salescli.rules import appraisal as rules
from salescli.rules import explain, indicators, process
from salescli.rules.books import Books, books
from salescli.rules.indicators import Inputs

POLICY = Policy()


def inputs(data: Books, period, reps: list[str]) -> Inputs:
    """An indicator's inputs, without the sales figures (only the attainments read them)."""
    return Inputs(data, period, POLICY, reps, pd.DataFrame(index=pd.Index(reps, name="rep")))


def lines(*rows: tuple, **columns) -> pd.DataFrame:
    """(order_id, date, customer, rep, amount[, status]) rows."""
    frame = pd.DataFrame(
        [r if len(r) == 6 else (*r, "已完成") for r in rows],
        columns=["order_id", "order_date", "customer_id", "rep", "amount", "status"],
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["quantity"] = 1.0
    for name, values in columns.items():
        frame[name] = values
    return frame


def targets(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["rep", "period", "target"])


def month(data: Books, label: str = "2024-05") -> pd.DataFrame:
    period = parse_period(label)
    return rules.appraise(data, period, POLICY, rules.appraised_reps(data, period))[1].set_index(
        "rep"
    )


def test_amount_quantity_profit_and_cancelled_orders() -> None:
    data = books(
        lines(
            ("O1", "2024-05-02", "C1", "甲", 100.0),
            ("O1", "2024-05-02", "C1", "甲", 50.0),
            ("O2", "2024-05-31", "C1", "甲", 10.0, "cancelled"),
            ("O3", "2024-06-01", "C1", "甲", 999.0),
            cost=[60.0, 20.0, 5.0, 0.0],
        ),
        targets=targets(("甲", "2024-05", 300.0)),
    )
    row = month(data).loc["甲"]
    assert (row["amount"], row["quantity"], row["profit"]) == (150.0, 2.0, 70.0)
    assert row["attainment"] == 0.5 and row["amount_rows"] == 2


def test_profit_absent_without_profit_or_cost() -> None:
    data = books(lines(("O1", "2024-05-02", "C1", "甲", 100.0)))
    frame = month(data)
    assert pd.isna(frame.loc["甲", "profit"])
    assert any(
        "no profit data" in note
        for note in rules.missing_data_notes(frame.reset_index(), parse_period("2024-05"))
    )


def test_line_without_rep_belongs_to_the_customers_owner() -> None:
    orders = lines(
        ("O1", "2024-05-02", "C1", None, 100.0),
        ("O2", "2024-04-02", "C2", None, 1.0),
        ("O3", "2024-04-03", "C2", "乙", 1.0),
        ("O4", "2024-04-05", "C2", None, 1.0),
    )
    customers = pd.DataFrame({"customer_id": ["C1"], "rep": ["甲"]})
    data = books(orders, customers)
    # C2: the rep of its latest order on or before the line's date; O2 came before any
    assert data.orders["rep"].tolist() == ["甲", rules.UNASSIGNED, "乙", "乙"]


def test_rep_without_target_has_empty_attainment_and_no_bonus() -> None:
    data = books(
        lines(("O1", "2024-05-02", "C1", "甲", 100.0), ("O2", "2024-05-02", "C2", "乙", 100.0)),
        targets=targets(("甲", "2024-05", 100.0)),
    )
    frame = month(data)
    assert pd.isna(frame.loc["乙", "attainment"]) and frame.loc["乙", "bonus"] == 0.0
    assert pd.isna(frame.loc["乙", "performance_score"])
    notes = rules.missing_data_notes(frame.reset_index(), parse_period("2024-05"))
    assert "no target data in 2024-05 for 乙: left out, not counted as zero" in notes


@pytest.mark.parametrize(
    ("attainment", "multiplier"),
    [(0.599, 0.0), (0.6, 0.6), (0.8, 0.8), (1.0, 1.0), (1.5, 1.75), (1.6667, 2.0), (3.0, 2.0)],
)
def test_bonus_curve(attainment: float, multiplier: float) -> None:
    result = rules.bonus_multiplier(pd.Series([attainment]), POLICY).iloc[0]
    assert result == pytest.approx(multiplier, abs=1e-3)


def test_bonus_uses_base_bonus_column_when_present() -> None:
    goal = targets(("甲", "2024-05", 100.0)).assign(base_bonus=8000.0)
    data = books(lines(("O1", "2024-05-02", "C1", "甲", 150.0)), targets=goal)
    assert month(data).loc["甲", "bonus"] == 8000 * 1.75


def test_quarter_with_only_monthly_targets_sums_the_months() -> None:
    data = books(
        lines(("O1", "2024-05-02", "C1", "甲", 300.0)),
        targets=targets(
            ("甲", "2024-04", 100.0),
            ("甲", "2024-05", 100.0),
            ("甲", "2024-06", 100.0),
            ("甲", "2024-07", 999.0),
        ),
    )
    row = month(data, "2024Q2").loc["甲"]
    assert (row["target"], row["target_rows"], row["attainment"]) == (300.0, 3, 1.0)
    # performance = mean of the monthly scores: 0, 120 (capped), 0
    assert row["performance_score"] == pytest.approx(40.0)


def test_ties_for_champion_and_stars_need_full_attainment() -> None:
    data = books(
        lines(
            ("O1", "2024-05-02", "C1", "甲", 200.0),
            ("O2", "2024-05-02", "C2", "乙", 200.0),
            ("O3", "2024-05-02", "C3", "丙", 90.0),
        ),
        targets=targets(
            ("甲", "2024-05", 400.0), ("乙", "2024-05", 100.0), ("丙", "2024-05", 90.0)
        ),
    )
    frame = month(data)
    assert frame.loc["甲", "honours"] == rules.CHAMPION
    assert frame.loc["乙", "honours"] == f"{rules.CHAMPION}; {rules.STAR}"
    assert frame.loc["丙", "honours"] == rules.STAR


def test_honours_are_codes_not_bilingual_text() -> None:
    assert (rules.CHAMPION, rules.STAR, rules.PROMOTION) == (
        "sales_champion",
        "sales_star",
        "promotion_candidate",
    )


# nine reps over target: every score is capped at 120, so the score alone ties them all
NINE = [
    # rep, amount, target: attainment = amount / target
    ("A1", 300.0, 200.0),  # 1.5
    ("A2", 260.0, 200.0),  # 1.3
    ("A3", 390.0, 300.0),  # 1.3, a larger amount than A2
    ("A4", 250.0, 200.0),  # 1.25
    ("A5", 250.0, 200.0),  # 1.25: equal to A4 on every key
    ("A6", 500.0, 400.0),  # 1.25, a larger amount: ahead of A4 and A5
    ("A7", 240.0, 200.0),  # 1.2
    ("A8", 121.0, 100.0),  # 1.21
    ("A9", 130.0, 100.0),  # 1.3, the smallest amount of the 1.3s
]


def _stars_of(rows: list[tuple[str, float, float]], stars: int = 3) -> tuple[pd.DataFrame, str]:
    data = books(
        lines(
            *[
                (f"O{i}", "2024-05-02", f"C{i}", rep, amount)
                for i, (rep, amount, _) in enumerate(rows)
            ]
        ),
        targets=targets(*[(rep, "2024-05", target) for rep, _, target in rows]),
    )
    policy = Policy.model_validate({"honours": {"stars": stars}})
    period = parse_period("2024-05")
    frame = rules.appraise(data, period, policy, rules.appraised_reps(data, period))[1]
    frame = frame.set_index("rep")
    note = rules.star_tie_note(frame, policy, rules.ranked_score(period))
    return frame, note


def _expected_stars(rows: list[tuple[str, float, float]], count: int) -> list[str]:
    """The policy's order computed here: capped score, then attainment, then amount."""
    keyed = [
        (min(100 * amount / target, 120.0), amount / target, amount, rep)
        for rep, amount, target in rows
        if amount / target >= 1
    ]
    keyed.sort(key=lambda k: (-k[0], -k[1], -k[2]))
    return [k[3] for k in keyed[:count]]


def test_capped_scores_tie_so_stars_go_by_attainment_then_amount_and_are_exactly_three() -> None:
    frame, note = _stars_of(NINE)
    assert (frame["performance_score"] == 120).all()  # all nine share the top score
    starred = frame.index[frame["honours"].fillna("").str.contains(rules.STAR)].tolist()
    assert sorted(starred) == sorted(_expected_stars(NINE, 3)) == ["A1", "A2", "A3"]
    assert note is None  # A2 and A9 tie on attainment, not on amount


def test_a_rep_tied_with_the_third_on_every_key_is_named_not_honoured() -> None:
    rows = [r for r in NINE if r[0] not in ("A1", "A2", "A3", "A9")]  # A6, then A4 = A5
    frame, note = _stars_of(rows)
    starred = frame.index[frame["honours"].fillna("").str.contains(rules.STAR)].tolist()
    assert len(starred) == 3 and set(starred) == {"A6", "A4", "A5"}
    frame, note = _stars_of(rows, stars=2)
    starred = frame.index[frame["honours"].fillna("").str.contains(rules.STAR)].tolist()
    assert starred == ["A4", "A6"]  # the stable order: A4 before A5 (rep order)
    assert note == (
        "sales star ties: A5 equal A4 (the last of 2 stars) on performance score, attainment "
        "and amount: named here, not honoured"
    )


def test_fewer_stars_only_when_fewer_qualify() -> None:
    rows = [("B1", 150.0, 100.0), ("B2", 90.0, 100.0)]  # B2 below 100 %
    frame, note = _stars_of(rows)
    assert frame.loc["B1", "honours"] == f"{rules.CHAMPION}; {rules.STAR}"
    assert pd.isna(frame.loc["B2", "honours"]) and note is None


def test_new_customers_and_churn() -> None:
    orders = lines(
        ("O1", "2023-01-10", "OLD", "甲", 1.0),  # first order long ago
        ("O2", "2024-05-10", "OLD", "甲", 1.0),
        ("O3", "2024-05-11", "NEW", "甲", 1.0),  # first order ever in the quarter
        ("O4", "2023-06-01", "GONE", "甲", 1.0),  # in the base, no order in the last 180 days
        ("O5", "2023-12-01", "STAY", "甲", 1.0),
        ("O6", "2024-06-20", "STAY", "甲", 1.0),
        ("O7", "2024-04-02", "LATE", "甲", 1.0, "cancelled"),  # cancelled: no first order
    )
    period = parse_period("2024Q2")
    data = books(orders)
    assert indicators.new_customers(inputs(data, period, ["甲"]))["new_customers"].tolist() == [1.0]
    churn = indicators.churn(inputs(data, period, ["甲"])).loc["甲"]
    # base: OLD? no (2023-01-10 is more than 365 days before 2024-04-01); GONE, STAY
    assert (churn["churn_base"], churn["churned"], churn["churn_rate"]) == (2, 1, 0.5)


def test_satisfaction_scale_and_survey_rep() -> None:
    surveys = pd.DataFrame(
        {
            "customer_id": ["C1", "C1", "C2"],
            "score": [4.0, 5.0, 3.0],
            "survey_date": pd.to_datetime(["2024-05-01", "2024-05-02", "2024-05-03"]),
            "rep": [None, None, "乙"],
        }
    )
    data = books(lines(("O1", "2024-05-02", "C1", "甲", 1.0)), satisfaction=surveys)
    out = indicators.satisfaction(inputs(data, parse_period("2024Q2"), ["甲", "乙"]))
    assert out["satisfaction"].to_dict() == {"甲": 90.0, "乙": 60.0}  # 1-5 scale x 20
    assert indicators.satisfaction_factor(pd.Series([7.0, 9.0]), "auto") == 10.0
    assert indicators.satisfaction_factor(pd.Series([95.0]), "auto") == 1.0
    assert indicators.satisfaction_factor(pd.Series([4.0]), "10") == 10.0


def test_quarter_without_surveys_leaves_satisfaction_out_of_its_group() -> None:
    data = books(
        lines(("O1", "2023-05-02", "C1", "甲", 1.0), ("O2", "2024-05-02", "C1", "甲", 1.0))
    )
    row = month(data, "2024Q2").loc["甲"]
    assert pd.isna(row["satisfaction"]) and pd.isna(row["satisfaction_score"])
    # customer score = mean of new customers (0 -> 0) and churn (0 -> 120), not of three
    assert row["customer_score"] == pytest.approx(60.0)


def test_conversion_on_time_and_expense_ratio() -> None:
    opportunities = pd.DataFrame(
        {
            "opportunity_id": ["P1", "P2", "P3", "P4", "P5"],
            "rep": ["甲"] * 5,
            "outcome": ["won", "won", "lost", "open", "won"],
            "closed_on": pd.to_datetime(
                ["2024-04-10", "2024-05-10", "2024-06-10", None, "2024-07-01"]
            ),
        }
    )
    orders = lines(
        ("O1", "2024-04-01", "C1", "甲", 1.0),
        ("O1", "2024-04-01", "C1", "甲", 1.0),
        ("O2", "2024-04-01", "C1", "甲", 1.0),
        ("O3", "2024-04-01", "C1", "甲", 1.0),
        due_date=pd.to_datetime(["2024-05-01", "2024-05-03", "2024-05-01", "2024-07-01"]),
        delivered_on=pd.to_datetime(["2024-05-01", "2024-05-04", None, None]),
    )
    expenses = pd.DataFrame(
        {
            "rep": ["甲"] * 3,
            "month": ["2024-04", "2024-05", "2024-07"],
            "expense": [50.0, 70.0, 999.0],
            "budget": [100.0, 100.0, 1.0],
        }
    )
    data = books(orders, opportunities=opportunities, expenses=expenses)
    given = inputs(data, parse_period("2024Q2"), ["甲"])
    out = pd.concat([f(given) for f in (indicators.conversion, indicators.on_time)], axis=1)
    out = out.join(indicators.expense_ratio(given)).loc["甲"]
    assert (out["won"], out["lost"], out["conversion_rate"]) == (2, 1, pytest.approx(2 / 3))
    # O1: one line late -> late; O2 undelivered -> late; O3 due in July -> not in the quarter
    assert (out["orders_due"], out["on_time"], out["on_time_rate"]) == (2, 0, 0.0)
    assert out["expense_ratio"] == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("value", "goal", "lower", "score"),
    [
        (0.3, 0.3, False, 100.0),
        (0.6, 0.3, False, 120.0),
        (0.15, 0.3, False, 50.0),
        (0.10, 0.10, True, 100.0),
        (0.0, 0.10, True, 120.0),
        (0.25, 0.10, True, 0.0),
        (1.1, 1.0, True, 90.0),
    ],
)
def test_indicator_scores(value: float, goal: float, lower: bool, score: float) -> None:
    assert indicators.indicator_score(pd.Series([value]), goal, lower, 1.2).iloc[
        0
    ] == pytest.approx(score)


@pytest.mark.parametrize(
    ("score", "grade"), [(90, "S"), (89.99, "A"), (80, "A"), (70, "B"), (60, "C"), (59.99, "D")]
)
def test_grades(score: float, grade: str) -> None:
    assert rules.grade(pd.Series([score]), POLICY).iloc[0] == grade


def test_final_score_with_and_without_the_managers_review() -> None:
    reviews = pd.DataFrame(
        {"rep": ["甲"], "period": ["2024Q2"], "score": [50.0], "comment": ["需加强"]}
    )
    orders = lines(
        ("O1", "2023-05-02", "C1", "甲", 1.0),
        ("O2", "2024-05-02", "C1", "甲", 1.0),
        ("O3", "2024-05-02", "C1", "乙", 1.0),
    )
    data = books(
        orders, targets=targets(("甲", "2024-05", 1.0), ("乙", "2024-05", 1.0)), reviews=reviews
    )
    frame = month(data, "2024Q2")
    jia, yi = frame.loc["甲"], frame.loc["乙"]
    assert jia["final_score"] == pytest.approx(0.8 * jia["quantitative_score"] + 0.2 * 50, abs=0.01)
    assert jia["comment"] == "需加强"
    assert yi["final_score"] == pytest.approx(yi["quantitative_score"], abs=0.01)


def test_training_needs_name_indicators_below_60() -> None:
    data = books(
        lines(("O1", "2023-05-02", "C1", "甲", 1.0), ("O2", "2024-05-02", "C1", "甲", 1.0))
    )
    row = month(data, "2024Q2").loc["甲"]
    assert row["training_needs"] == "new_customers"  # 0 of 3 new customers


def test_year_combines_quarters_and_names_promotion_candidates() -> None:
    orders = lines(
        *[(f"O{q}", f"2024-{3 * q:02d}-10", "C1", "甲", 100.0) for q in range(1, 5)],
        *[(f"P{q}", f"2024-{3 * q:02d}-10", "C2", "乙", 10.0) for q in range(1, 5)],
    )
    goal = targets(
        *[(rep, f"2024-{m:02d}", 100.0 / 3) for rep in ("甲", "乙") for m in range(1, 13)]
    )
    data = books(orders, targets=goal)
    frame = month(data, "2024")
    assert frame.loc["甲", "q1_score"] == pytest.approx(
        month(data, "2024Q1").loc["甲", "final_score"]
    )
    assert frame.loc["甲", "final_score"] == pytest.approx(
        frame.loc["甲", [f"q{n}_score" for n in range(1, 5)]].mean(), abs=0.01
    )
    grades = {
        rep: {month(data, f"2024Q{q}").loc[rep, "grade"] for q in range(1, 5)}
        for rep in ("甲", "乙")
    }
    lenient = Policy.model_validate({"honours": {"promotion_grades": sorted(grades["甲"])}})
    period = parse_period("2024")
    year = rules.yearly(data, period, lenient, ["甲", "乙"])
    assert year.loc["甲", "promotion_candidate"]
    assert rules.PROMOTION in year.loc["甲", "honours"]
    assert year.loc["乙", "promotion_candidate"] == (grades["乙"] <= grades["甲"])
    strict = Policy.model_validate({"honours": {"promotion_grades": ["S"]}})
    assert not rules.yearly(data, period, strict, ["甲", "乙"])["promotion_candidate"].any()


def test_process_ratio_is_empty_not_inf() -> None:
    out = process.ratio(pd.Series([1.0, 0.0]), pd.Series([0.0, 0.0]))
    assert out.isna().all()


def test_explain_lists_every_figure_with_rows() -> None:
    data = books(
        lines(("O1", "2023-05-02", "C1", "甲", 1.0), ("O2", "2024-05-02", "C1", "甲", 3.0)),
        targets=targets(("甲", "2024Q2", 6.0)),
    )
    row = month(data, "2024Q2").reset_index().iloc[0]
    detail = explain.explain(row, parse_period("2024Q2"), POLICY, data).set_index("figure")
    assert detail.loc["attainment", "formula"] == "amount / target = 3.00 / 6.00 = 50.0%"
    assert detail.loc["amount", "n_rows"] == 1
    assert detail.loc["churn_rate", "formula"].startswith(
        "churned / base = 0 / 1 = 0.0% (base: owned customers with an order 2023-04-02..2024-03-31"
    )


def test_quantity_and_profit_attainment_weights_renormalised() -> None:
    goal = targets(("甲", "2024-05", 100.0)).assign(target_quantity=[4.0], target_profit=[50.0])
    orders = lines(("O1", "2024-05-02", "C1", "甲", 100.0), cost=[50.0])  # quantity 1, profit 50
    row = month(books(orders, targets=goal)).loc["甲"]
    assert (row["quantity_attainment"], row["profit_attainment"]) == (0.25, 1.0)
    assert row["performance_score"] == pytest.approx(0.6 * 100 + 0.2 * 25 + 0.2 * 100)
    goal = goal.drop(columns="target_profit")
    row = month(books(orders, targets=goal)).loc["甲"]
    assert row["performance_score"] == pytest.approx((0.6 * 100 + 0.2 * 25) / 0.8)
