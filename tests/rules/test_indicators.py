"""The appraisal, `appraise --explain` and the scorecard read one indicator registry
(`rules/indicators.INDICATORS`): an entry changed there changes all three alike."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from salescli.config import Policy
from salescli.periods import parse_period
from salescli.rules import appraisal, explain, indicators
from salescli.rules.books import Books, books
from salescli.rules.scorecard import scorecard

POLICY = Policy()
QUARTER = parse_period("2024Q2")


def company() -> Books:
    """Two reps with every indicator's data in 2024Q2: targets, quantities, costs, surveys,
    opportunities, deliveries, expenses, churn bases from 2023."""
    rows = [
        ("O1", "2023-06-01", "C1", "甲", 100.0),
        ("O2", "2023-07-01", "C2", "甲", 100.0),
        ("O3", "2024-04-03", "C1", "甲", 300.0),
        ("O4", "2024-05-06", "C3", "甲", 500.0),
        ("O5", "2023-08-01", "C4", "乙", 100.0),
        ("O6", "2024-05-20", "C4", "乙", 200.0),
        ("O7", "2024-06-10", "C5", "乙", 900.0),
    ]
    orders = pd.DataFrame(rows, columns=["order_id", "order_date", "customer_id", "rep", "amount"])
    orders["order_date"] = pd.to_datetime(orders["order_date"])
    orders["status"] = "已完成"
    orders["quantity"] = [1.0, 1.0, 3.0, 5.0, 1.0, 2.0, 9.0]
    orders["cost"] = orders["amount"] * 0.6
    orders["due_date"] = orders["order_date"] + pd.Timedelta(days=10)
    orders["delivered_on"] = orders["order_date"] + pd.to_timedelta(
        [5, 5, 5, 20, 5, 5, 5], unit="D"
    )
    months = [m.label for m in QUARTER.months()]
    targets = pd.DataFrame(
        [
            (rep, month, *goals)
            for rep, goals in (("甲", (600.0, 6.0, 400.0)), ("乙", (350.0, 3.0, 120.0)))
            for month in months
        ],
        columns=["rep", "period", "target", "target_quantity", "target_profit"],
    )
    surveys = pd.DataFrame(
        {
            "customer_id": ["C1", "C3", "C4"],
            "score": [4.0, 5.0, 3.0],
            "survey_date": pd.to_datetime(["2024-04-20", "2024-05-20", "2024-06-01"]),
        }
    )
    opportunities = pd.DataFrame(
        {
            "opportunity_id": ["P1", "P2", "P3", "P4"],
            "rep": ["甲", "甲", "乙", "乙"],
            "outcome": ["won", "lost", "won", "won"],
            "closed_on": pd.to_datetime(["2024-04-10", "2024-05-10", "2024-05-11", "2024-06-11"]),
        }
    )
    expenses = pd.DataFrame(
        {
            "rep": ["甲", "甲", "乙"],
            "month": ["2024-04", "2024-05", "2024-06"],
            "expense": [50.0, 70.0, 90.0],
            "budget": [100.0, 100.0, 60.0],
        }
    )
    return books(
        orders,
        targets=targets,
        satisfaction=surveys,
        opportunities=opportunities,
        expenses=expenses,
    )


def read_three(data: Books, rep: str = "甲") -> tuple[pd.Series, pd.DataFrame, pd.DataFrame]:
    """One rep's appraisal row (the working frame's), explanation and scorecard."""
    reps = appraisal.appraised_reps(data, QUARTER)
    table, frame = appraisal.appraise(data, QUARTER, POLICY, reps)
    row = frame.set_index("rep").loc[rep].copy()
    row["rep"] = rep
    explained = explain.explain(row, QUARTER, POLICY, data).set_index("figure")
    card = scorecard(row, POLICY, "quarter").set_index("indicator")
    assert set(table.columns) <= set(frame.columns)
    return row, explained, card


def test_every_indicator_is_appraised_explained_and_on_the_scorecard() -> None:
    row, explained, card = read_three(company())
    for indicator in indicators.INDICATORS:
        assert pd.notna(row[indicator.name]), indicator.name
        if indicator.group == "performance":
            continue  # scored as one group: the performance score, shown by the attainment
        score = f"{indicator.name}_score"
        assert row[score] == pytest.approx(
            indicator.score(pd.Series([row[indicator.name]]), POLICY)[0]
        )
        assert explained.loc[indicator.name, "value"] == pytest.approx(row[indicator.name])
        assert explained.loc[score, "formula"] == indicator.score_rule(POLICY)
        assert card.loc[indicator.name, "goal"] == indicator.goal_of(POLICY)
        assert card.loc[indicator.name, "score"] == pytest.approx(row[score])
    assert set(explain.WORKED) == {i.name for i in indicators.quarterly()}
    assert list(card.index[:1]) == ["attainment"]


def test_a_registry_entry_changed_changes_the_appraisal_explain_and_scorecard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = company()
    before, _, card_before = read_three(data)
    changed = []
    for indicator in indicators.INDICATORS:
        if indicator.name == "new_customers":
            continue  # dropped from the registry
        if indicator.name == "churn_rate":  # its direction turned
            indicator = dataclasses.replace(indicator, lower_is_better=False)
        if indicator.name == "profit_attainment":  # its weight: equal (1) instead of 0.2
            indicator = dataclasses.replace(indicator, weight=None)
        changed.append(indicator)
    monkeypatch.setattr(indicators, "INDICATORS", tuple(changed))
    row, explained, card = read_three(data)

    # the dropped indicator: in none of the three, and its group is the mean of the other two
    assert "new_customers_score" not in row.index
    assert "new_customers" not in explained.index and "new_customers_score" not in explained.index
    assert "new_customers" not in card.index
    assert row["customer_score"] == pytest.approx(
        (row["satisfaction_score"] + row["churn_rate_score"]) / 2
    )
    assert card.loc["satisfaction", "weight"] == pytest.approx(
        card_before.loc["satisfaction", "weight"] * 3 / 2
    )

    # the turned direction: scored higher-is-better, explained so
    goal, cap = POLICY.goals.churn_rate, POLICY.scoring.cap
    assert row["churn_rate_score"] == pytest.approx(100 * min(row["churn_rate"] / goal, cap))
    assert row["churn_rate_score"] != pytest.approx(before["churn_rate_score"])
    formula = f"100 x clip(value / {goal:g}, 0, {cap:g})"
    assert explained.loc["churn_rate_score", "formula"] == formula
    assert card.loc["churn_rate", "score"] == pytest.approx(row["churn_rate_score"])

    # the weight: a month's performance score and its explanation follow it, and the
    # quarter's (the mean of its months') with them
    month = parse_period("2024-05")
    reps = appraisal.appraised_reps(data, month)
    frame = appraisal.appraise(data, month, POLICY, reps)[1].set_index("rep")
    may = frame.loc["甲"].copy()
    may["rep"] = "甲"
    said = explain.explain(may, month, POLICY, data).set_index("figure")
    assert "profit 1 (goal 1)" in said.loc["performance_score", "formula"]
    amount, quantity, profit = (
        100 * min(may[name] / 1.0, POLICY.scoring.cap)
        for name in ("attainment", "quantity_attainment", "profit_attainment")
    )
    weights = (POLICY.scoring.weight_amount, POLICY.scoring.weight_quantity, 1.0)
    assert may["performance_score"] == pytest.approx(
        (amount * weights[0] + quantity * weights[1] + profit * weights[2]) / sum(weights)
    )
    assert row["performance_score"] != pytest.approx(before["performance_score"])
    assert card.loc["attainment", "score"] == pytest.approx(row["performance_score"])


def test_explain_states_the_churn_window_churn_counts_over() -> None:
    """The days `--explain` names are those `churn_flags` counts: an order on the last day of
    the base window counts, one the day after (the period's first) does not."""
    window = indicators.churn_window(QUARTER, POLICY)
    days = window.days()
    day = pd.Timedelta(days=1)
    base_first, base_last = pd.Timestamp(days["base_first"]), pd.Timestamp(days["base_last"])
    edges = pd.Series([base_first - day, base_first, base_last, base_last + day])
    assert base_last + day == pd.Timestamp(QUARTER.start)
    assert window.base(edges).tolist() == [False, True, True, False]
    recent_first, recent_last = (
        pd.Timestamp(days["recent_first"]),
        pd.Timestamp(days["recent_last"]),
    )
    edges = pd.Series([recent_first - day, recent_first, recent_last, recent_last + day])
    assert recent_last == pd.Timestamp(QUARTER.end)
    assert window.recent(edges).tolist() == [False, True, True, False]
    _row, explained, _ = read_three(company())
    said = explained.loc["churn_rate", "formula"]
    assert f"{days['base_first']}..{days['base_last']}" in said
    assert f"{days['recent_first']}..{days['recent_last']}" in said


def test_explain_and_scorecard_render_in_chinese_through_the_catalogue() -> None:
    from salescli.i18n import render

    _row, explained, _ = read_three(company())
    said = render(explained.loc["churn_rate", "formula"], "zh")
    assert said.startswith("流失 / 基数 = ") and "有订单的客户" in said
    assert render(explained.loc["churn_rate_score", "formula"], "zh").startswith("100 × ")
