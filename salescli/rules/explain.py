"""`appraise --explain`: every figure of one rep with its formula and the rows behind it, and
the honours' rules as the notes state them (POLICY.md 5).

Built from the same values the computation in `appraisal.py` reads (the policy's weights, goals,
thresholds and caps, its indicator lists and the scored quarters' weights), never restating a
number, so the words cannot drift from the figures they explain.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from salescli.config import Policy
from salescli.periods import Period, quarter
from salescli.rules.appraisal import (
    CHAMPION,
    CUSTOMER_INDICATORS,
    FORMULAS,
    NOT_FOR_NOBODY,
    PROCESS_INDICATORS,
    PROMOTION,
    QUARTER_SCORES,
    STAR,
    coverage,
    quarter_weights,
    satisfaction_factor,
    score_rule,
)
from salescli.rules.books import Books
from salescli.rules.process import UNASSIGNED

# one line of a rep's explanation: figure, value, formula, the number of rows behind it
Line = tuple[str, object, str, int | None]
AddLine = Callable[[Line], None]

HONOUR_RULES = {
    CHAMPION: "highest amount of the period (all reps tied at the top)",
    STAR: "the {stars} best among reps at or above {attainment:.0%} attainment, by final score "
    "(in a month: performance score), then attainment, then amount (a rep tied with the last "
    "star on all three is named in a note, not honoured)",
    PROMOTION: "grade {grades} in every quarter of the year",
}
# the honours as the notes name them (their labels: salescli.labels)
HONOUR_NAMES = {CHAMPION: "Sales champion", STAR: "Sales star", PROMOTION: "Promotion candidate"}


def honour_notes(policy: Policy) -> list[str]:
    honours_ = policy.honours
    return [
        f"{HONOUR_NAMES[name]}: "
        + rule.format(
            stars=honours_.stars,
            attainment=honours_.star_min_attainment,
            grades=" or ".join(honours_.promotion_grades),
        )
        for name, rule in HONOUR_RULES.items()
    ]


def explain(row: pd.Series, period: Period, policy: Policy, data: Books) -> pd.DataFrame:
    """Every figure of one rep with its formula and the number of rows behind it."""
    rep = row["rep"]
    lines: list[Line] = []
    add = lines.append
    span = f"{period.start}..{period.end}"
    if "amount_rows" in row:
        n = int(row["amount_rows"])
        add(
            (
                "amount",
                row["amount"],
                f"sum of amount over {n} order lines dated {span} "
                "(cancelled orders excluded; a line without rep counts for its customer's owner,"
                f" else for {UNASSIGNED})",
                n,
            )
        )
        if "quantity" in row:
            add(
                (
                    "quantity",
                    row["quantity"],
                    "sum of quantity over the same lines"
                    if pd.notna(row["quantity"])
                    else "no quantity column: left empty",
                    n,
                )
            )
        add(
            (
                "profit",
                row["profit"],
                "sum of profit, or of amount - cost, over the same lines"
                if pd.notna(row["profit"])
                else "no profit or cost column: left empty",
                n,
            )
        )
        add(
            (
                "target",
                row["target"],
                f"targets rows for {rep} with period {period.label}"
                + (" (or the sum of its months)" if period.kind != "month" else ""),
                int(row["target_rows"]),
            )
        )
        add(_attainment(row))
    if period.kind == "month":
        add(
            (
                "performance_score",
                row["performance_score"],
                performance_rule(row, policy),
                None,
            )
        )
        bonus = policy.bonus
        add(
            (
                "bonus_multiplier",
                row["bonus_multiplier"],
                f"0 below {bonus.floor:.0%}, attainment up to 100 %, then 1 + {bonus.accelerator:g}"
                f" x (attainment - 1), at most {bonus.cap:g}",
                None,
            )
        )
        base = row["base_bonus"] if pd.notna(row.get("base_bonus")) else bonus.base
        add(
            (
                "bonus",
                row["bonus"],
                f"base {_n(base)} x multiplier"
                + ("" if pd.notna(row["bonus_multiplier"]) else " (no multiplier: 0)"),
                None,
            )
        )
    if period.kind == "quarter":
        _explain_quarter(row, period, policy, data, add)
    if period.kind == "year":
        covered = coverage(data, period)
        _explain_year_amount(row, period, covered.scored, add)
        weights = quarter_weights(row)
        for number, name in enumerate(QUARTER_SCORES, start=1):
            q = quarter(period.start.year, number)
            why = (
                f"final score of {q.label}, weight {weights[name]:.4g}"
                if name in weights
                else f"{q.label} only partly covered by the orders: not scored"
                if q in covered.partial
                else f"{q.label} not covered by the orders: not scored"
                if q in covered.outside
                else f"no final score in {q.label}: left out"
            )
            add((name, row[name], why, None))
        scored = ", ".join(name[:2].upper() for name in weights) or "none"
        add(
            (
                "final_score",
                row["final_score"],
                f"mean of the scored quarters' final scores as published ({scored})",
                None,
            )
        )
        add(
            (
                "promotion_candidate",
                row["promotion_candidate"],
                f"grade {' or '.join(policy.honours.promotion_grades)} in every quarter "
                "(empty unless all four quarters are scored)",
                None,
            )
        )
    if "grade" in row:
        add(("grade", row["grade"], _grade_rule(policy), None))
    add(("honours", row.get("honours"), "; ".join(honour_notes(policy)), None))
    frame = pd.DataFrame(lines, columns=["figure", "value", "formula", "n_rows"])
    if rep == UNASSIGNED:  # as `appraisal.not_appraised` leaves them
        blank = frame["figure"].isin([*NOT_FOR_NOBODY, "promotion_candidate"])
        blank |= frame["figure"].str.endswith("_score")
        frame.loc[blank, "formula"] = (
            f"left empty for {UNASSIGNED}: sales nobody owns have no target, score, grade, "
            "bonus or honour"
        )
    frame["n_rows"] = frame["n_rows"].astype("Int64")
    # a figure is a number in `value`; a grade, honours or yes/no is words in `value_text`
    numeric = frame["value"].map(_is_number)
    frame.insert(2, "value_text", _texts(frame["value"].where(~numeric)))
    frame["value"] = pd.to_numeric(frame["value"].where(numeric), errors="coerce").astype("float64")
    return frame


def _attainment(row: pd.Series) -> Line:
    return (
        "attainment",
        row["attainment"],
        f"{FORMULAS['attainment']} = {_n(row['amount'])} / {_n(row['target'])} = "
        f"{_p(row['attainment'])}"
        if pd.notna(row["attainment"])
        else "no target: attainment left empty",
        None,
    )


def _explain_year_amount(
    row: pd.Series, period: Period, scored: list[Period], add: AddLine
) -> None:
    """A year's amount, target and attainment as `appraisal.yearly` takes them: the year's own
    when the orders cover all four quarters, else the sums of the scored quarters'."""
    if len(scored) == len(QUARTER_SCORES):
        amount = (
            f"sum of amount over the order lines dated {period.start}..{period.end} (cancelled "
            "orders excluded; a line without rep counts for its customer's owner, else for "
            f"{UNASSIGNED})"
        )
        target = (
            f"targets rows for {row['rep']} with period {period.label} (or the sum of its months)"
        )
    else:
        quarters = ", ".join(q.label for q in scored) or "none"
        amount = (
            f"sum of the scored quarters' amounts ({quarters}): the orders do not cover the others"
        )
        target = (
            f"sum of the scored quarters' targets ({quarters}), so that a part of the year is "
            "not measured against the whole year's target"
        )
    add(("amount", row["amount"], amount, None))
    add(("target", row["target"], target, None))
    add(_attainment(row))


def _explain_quarter(
    row: pd.Series, period: Period, policy: Policy, data: Books, add: AddLine
) -> None:
    add(
        (
            "performance_score",
            row["performance_score"],
            "mean of the quarter's monthly performance scores (a month without a target has "
            "none: left out)",
            None,
        )
    )
    add(("bonus", row["bonus"], "sum of the quarter's monthly bonuses", None))
    factor = (
        satisfaction_factor(data.satisfaction["score"], policy.customers.satisfaction_scale)
        if data.satisfaction is not None and len(data.satisfaction)
        else None
    )
    add(
        (
            "satisfaction",
            row["satisfaction"],
            f"mean of {_count(row['surveys'])} survey scores in {period.label} x {factor:g} (0-100)"
            if _count(row["surveys"])
            else "no surveys in the period: left out of the customer group",
            _count(row["surveys"]),
        )
    )
    add(
        (
            "new_customers",
            row["new_customers"],
            f"owned customers whose first order ever falls in {period.start}..{period.end}",
            None,
        )
    )
    base, recent = churn_window(period, policy)
    add(
        (
            "churn_rate",
            row["churn_rate"],
            f"{FORMULAS['churn_rate']} = {_count(row['churned'])} / {_count(row['churn_base'])}"
            + (f" = {_p(row['churn_rate'])}" if pd.notna(row["churn_rate"]) else " (no base)")
            + f" (base: owned customers with an order {base}; churned: no order {recent})",
            _count(row["churn_base"]),
        )
    )
    add(
        (
            "conversion_rate",
            row["conversion_rate"],
            f"{FORMULAS['conversion_rate']} = {int(row['won'])} / "
            f"{int(row['won'] + row['lost'])} among "
            f"opportunities closed in {period.label}",
            int(row["won"] + row["lost"]),
        )
    )
    add(
        (
            "on_time_rate",
            row["on_time_rate"],
            f"{FORMULAS['on_time_rate']} = {int(row['on_time'])} / "
            f"{int(row['orders_due'])} (due date: latest line's; undelivered counts late)",
            int(row["orders_due"]),
        )
    )
    add(
        (
            "expense_ratio",
            row["expense_ratio"],
            f"{FORMULAS['expense_ratio']} = {_n(row['expense'])} / {_n(row['budget'])}",
            None,
        )
    )
    for name in CUSTOMER_INDICATORS + PROCESS_INDICATORS:
        add((f"{name}_score", row[f"{name}_score"], score_rule(name, policy), None))
    scoring = policy.scoring
    add(
        (
            "customer_score",
            row["customer_score"],
            "mean of the customer indicator scores that have data",
            None,
        )
    )
    add(
        (
            "process_score",
            row["process_score"],
            "mean of the process indicator scores that have data",
            None,
        )
    )
    add(
        (
            "quantitative_score",
            row["quantitative_score"],
            f"{scoring.weight_performance:g} performance + {scoring.weight_customer:g} customer + "
            f"{scoring.weight_process:g} process, renormalised over groups with data",
            None,
        )
    )
    add(("qualitative_score", row["qualitative_score"], "the manager's review score", None))
    add(
        (
            "final_score",
            row["final_score"],
            f"{scoring.weight_quantitative:g} x quantitative + "
            f"{1 - scoring.weight_quantitative:g} x qualitative (quantitative alone without a "
            "review)",
            None,
        )
    )
    add(
        (
            "training_needs",
            row["training_needs"],
            f"indicators scored below {scoring.training_below:g}",
            None,
        )
    )


def performance_rule(row: pd.Series, policy: Policy) -> str:
    """The performance score as computed (`_performance_score`): the weighted mean of the
    attainments that have a target, weights from the policy."""
    goals, scoring = policy.goals, policy.scoring
    parts = [
        ("amount", "attainment", goals.attainment, scoring.weight_amount),
        ("quantity", "quantity_attainment", goals.quantity_attainment, scoring.weight_quantity),
        ("profit", "profit_attainment", goals.profit_attainment, scoring.weight_profit),
    ]
    terms = ", ".join(f"{name} {weight:g} (goal {goal:g})" for name, _, goal, weight in parts)
    used = [name for name, column, _, weight in parts if pd.notna(row.get(column)) and weight]
    return (
        f"weighted mean of 100 x min(attainment / goal, {scoring.cap:g}) over the attainments "
        f"with a target, weights renormalised: {terms}; here: "
        + (", ".join(used) if used else "none (no target)")
    )


def churn_window(period: Period, policy: Policy) -> tuple[str, str]:
    """The two date ranges behind churn, as the explanation states them."""
    days = policy.customers
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    first = (start - pd.Timedelta(days=days.base_days)).date()
    base = f"{first}..{(start - pd.Timedelta(days=1)).date()}"
    recent = f"{(end - pd.Timedelta(days=days.churn_days - 1)).date()}..{end.date()}"
    return base, recent


def _grade_rule(policy: Policy) -> str:
    g = policy.grades
    return f"S >= {g.S:g}, A >= {g.A:g}, B >= {g.B:g}, C >= {g.C:g}, else D"


def _texts(values: pd.Series) -> pd.Series:
    return values.map(_shown).astype("string").replace("", pd.NA)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def _count(value: float | None) -> int | None:
    """A count as a whole number; None where it is left empty (the UNASSIGNED row)."""
    return None if value is None or pd.isna(value) else int(value)


def _n(value: float | None) -> str:
    return "-" if value is None or pd.isna(value) else f"{float(value):,.2f}"


def _p(value: float | None) -> str:
    return "-" if value is None or pd.isna(value) else f"{float(value):.1%}"


def _shown(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    return str(value)
