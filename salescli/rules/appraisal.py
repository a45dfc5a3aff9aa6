"""Chapter 5 · Appraisal and incentives (销量考核与激励).

5.1 indicators and cycles (month: sales performance; quarter: plus customer management and the
sales process; year: the quarters combined), 5.2 scoring and grades, 5.3 bonus and honours.
The order, opportunity and delivery definitions shared with the reports are in `process.py`;
the customer indicators defined here (new customers, churn, satisfaction) are reused by them.

Every figure keeps its parts (numerator, denominator, rows), so `appraise --explain` can show
how it was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from salescli.config import Policy
from salescli.periods import Period, quarter
from salescli.rules import process
from salescli.rules.frames import isin

CHAMPION = "销售冠军 sales champion"
STAR = "销售明星 sales star"
PROMOTION = "晋升候选 promotion candidate"
HONOUR_RULES = {
    CHAMPION: "highest amount of the period (all reps tied at the top)",
    STAR: "top {stars} final scores among reps at or above {attainment:.0%} attainment "
    "(in a month: performance scores)",
    PROMOTION: "grade {grades} in every quarter of the year",
}
CUSTOMER_INDICATORS = ["satisfaction", "new_customers", "churn_rate"]
PROCESS_INDICATORS = ["conversion_rate", "on_time_rate", "expense_ratio"]
LOWER_IS_BETTER = {"churn_rate", "expense_ratio"}


@dataclass
class Books:
    """The normalised inputs an appraisal reads; order lines carry the rep they count for."""

    orders: pd.DataFrame
    customers: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    satisfaction: pd.DataFrame | None = None
    opportunities: pd.DataFrame | None = None
    expenses: pd.DataFrame | None = None
    reviews: pd.DataFrame | None = None
    feedback: pd.DataFrame | None = None  # 2.2.4, each row with its rep (report_duties.attach)
    order_changes: pd.DataFrame | None = None  # 4.2.5, likewise
    owner: pd.Series = field(default_factory=lambda: pd.Series(dtype="string"))
    warnings: list[str] = field(default_factory=list)


# the order columns an appraisal reads (`_row` keeps each line traceable to its export row)
ORDER_COLUMNS = [
    "_row",
    "order_id",
    "order_date",
    "customer_id",
    "rep",
    "amount",
    "quantity",
    "profit",
    "cost",
    "status",
    "due_date",
    "delivered_on",
]


def books(orders: pd.DataFrame, customers: pd.DataFrame | None = None, **tables) -> Books:
    """Live order lines (cancelled orders excluded everywhere), each with its rep."""
    live = process.live_orders(orders)
    owner = process.owners(customers, live)
    live = live.assign(rep=process.line_reps(live, owner))
    return Books(live, customers, owner=owner, **tables)


def appraised_reps(data: Books, period: Period) -> list[str]:
    """Every rep with a target, an order or an owned customer in the period."""
    reps = set(process.in_period(data.orders, "order_date", period)["rep"].dropna().unique())
    if data.targets is not None:
        labels = {period.label, *(m.label for m in _months(period))}
        reps |= set(data.targets.loc[data.targets["period"].isin(labels), "rep"].dropna().unique())
    if data.customers is not None and "rep" in data.customers:
        reps |= set(data.customers["rep"].dropna().unique())
    return sorted(str(r) for r in reps)


def _months(period: Period) -> list[Period]:
    return period.months() if period.kind != "week" else []


# --- 5.1 performance -----------------------------------------------------------------------


def performance(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """amount, quantity, profit, target and attainments, and the performance score."""
    lines = process.in_period(data.orders, "order_date", period)
    grouped = lines.groupby("rep")
    out = pd.DataFrame(index=pd.Index(reps, name="rep"))
    out["amount"] = grouped["amount"].sum().reindex(reps).fillna(0.0).round(2)
    out["amount_rows"] = grouped.size().reindex(reps).fillna(0).astype(int)
    out["quantity"] = (
        grouped["quantity"].sum().reindex(reps).fillna(0.0) if "quantity" in lines else np.nan
    )
    line_profit = process.profit(lines)
    out["profit"] = (
        line_profit.groupby(lines["rep"]).sum().reindex(reps).fillna(0.0).round(2)
        if line_profit is not None
        else np.nan
    )
    goals = _targets(data.targets, period, reps)
    out = out.join(goals)
    out["attainment"] = process.ratio(out["amount"], out["target"])
    out["quantity_attainment"] = process.ratio(out["quantity"], out["target_quantity"])
    out["profit_attainment"] = process.ratio(out["profit"], out["target_profit"])
    out["performance_score"] = _performance_score(out, policy)
    return out


def _targets(targets: pd.DataFrame | None, period: Period, reps: list[str]) -> pd.DataFrame:
    """The period's targets per rep: rows for the period itself, else the sum of its months."""
    columns = ["target", "target_quantity", "target_profit", "base_bonus"]
    empty = pd.DataFrame(
        np.nan, index=pd.Index(reps, name="rep"), columns=[*columns, "target_rows"]
    )
    if targets is None:
        return empty
    present = [c for c in columns if c in targets]
    exact = targets[targets["period"] == period.label]
    monthly = targets[
        targets["period"].isin([m.label for m in _months(period)]) & (period.kind != "month")
    ]
    by_exact = exact.groupby("rep")[present].sum(min_count=1)
    by_month = monthly.groupby("rep")[present].sum(min_count=1)
    rows = exact.groupby("rep").size().combine_first(monthly.groupby("rep").size())
    found = by_exact.combine_first(by_month) if len(by_exact) else by_month
    if "base_bonus" in present:  # a monthly amount, never summed over months
        found["base_bonus"] = exact.groupby("rep")["base_bonus"].mean()
    out = empty.drop(columns=[*present, "target_rows"]).join(found.reindex(reps))
    out["target_rows"] = rows.reindex(reps).fillna(0).astype(int)
    return out[[*columns, "target_rows"]]


def indicator_score(value: pd.Series, goal: float, lower_is_better: bool, cap: float) -> pd.Series:
    """5.2: 100·min(value/goal, cap); lower-is-better: 100·clip(2 − value/goal, 0, cap)."""
    ratio = value.astype("float64") / goal
    scored = (2 - ratio).clip(0, cap) if lower_is_better else ratio.clip(upper=cap)
    return (100 * scored).round(6)


def _performance_score(frame: pd.DataFrame, policy: Policy) -> pd.Series:
    goals, scoring = policy.goals, policy.scoring
    parts = [
        (
            indicator_score(frame["attainment"], goals.attainment, False, scoring.cap),
            scoring.weight_amount,
        ),
        (
            indicator_score(
                frame["quantity_attainment"], goals.quantity_attainment, False, scoring.cap
            ),
            scoring.weight_quantity,
        ),
        (
            indicator_score(
                frame["profit_attainment"], goals.profit_attainment, False, scoring.cap
            ),
            scoring.weight_profit,
        ),
    ]
    return weighted_mean(parts)


def weighted_mean(parts: list[tuple[pd.Series, float]]) -> pd.Series:
    """Weights renormalised over the parts that have a value; empty when none has."""
    values = pd.concat([s.astype("float64") for s, _ in parts], axis=1, ignore_index=True)
    weights = values.notna() * np.array([w for _, w in parts], dtype="float64")
    total = weights.sum(axis=1)
    return (values.fillna(0.0) * weights).sum(axis=1) / total.where(total > 0)


def bonus_multiplier(attainment: pd.Series, policy: Policy) -> pd.Series:
    """5.3: 0 below the floor, equal to attainment up to 100 %, then accelerated, capped."""
    bonus = policy.bonus
    above = (1 + bonus.accelerator * (attainment - 1)).clip(upper=bonus.cap)
    multiplier = np.where(
        attainment < bonus.floor, 0.0, np.where(attainment <= 1, attainment, above)
    )
    return pd.Series(multiplier, index=attainment.index).where(attainment.notna())


def monthly(data: Books, month: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """The monthly appraisal: sales performance and the bonus."""
    out = performance(data, month, policy, reps)
    out["bonus_multiplier"] = bonus_multiplier(out["attainment"], policy)
    base = out["base_bonus"].fillna(policy.bonus.base)
    out["bonus"] = (base * out["bonus_multiplier"]).fillna(0.0).round(2)
    out["honours"] = honours(out, policy, "performance_score")
    return out


# --- 5.1 customer management ---------------------------------------------------------------


def new_customer_ids(orders: pd.DataFrame, period: Period) -> pd.Index:
    """Customers whose first order ever (cancelled orders excluded) falls in the period."""
    first = orders.groupby("customer_id")["order_date"].min()
    inside = (first >= pd.Timestamp(period.start)) & (first <= pd.Timestamp(period.end))
    return first.index[inside]


def churn_flags(orders: pd.DataFrame, period: Period, policy: Policy) -> pd.Series:
    """The churn base (customers with an order in the base_days before the period), each
    flagged churned when it has no order in the churn_days ending on the period's last day."""
    days = policy.customers
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    dates = orders[["customer_id", "order_date"]]
    before = dates[
        (dates["order_date"] >= start - pd.Timedelta(days=days.base_days))
        & (dates["order_date"] < start)
    ]
    recent = dates[
        (dates["order_date"] > end - pd.Timedelta(days=days.churn_days))
        & (dates["order_date"] <= end)
    ]
    base = pd.Index(before["customer_id"].unique(), name="customer_id")
    return pd.Series(~isin(base, recent["customer_id"]), index=base, name="churned")


def new_customers(data: Books, period: Period, reps: list[str]) -> pd.DataFrame:
    """Owned customers whose first order ever falls in the period."""
    owners = new_customer_ids(data.orders, period).to_series().map(data.owner)
    counts = owners.value_counts().reindex(reps).fillna(0).astype(int)
    return pd.DataFrame(
        {"new_customers": counts.astype("float64")}, index=pd.Index(reps, name="rep")
    )


def churn(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """Per owner: churn_base, churned and churn_rate = churned / base."""
    flags = churn_flags(data.orders, period, policy)
    owner = flags.index.to_series().map(data.owner)
    base_n = owner.value_counts().reindex(reps).fillna(0).astype(int)
    churned_n = owner[flags.to_numpy()].value_counts().reindex(reps).fillna(0).astype(int)
    out = pd.DataFrame({"churn_base": base_n, "churned": churned_n})
    out["churn_rate"] = process.ratio(out["churned"], out["churn_base"])
    return out.rename_axis("rep")


def churn_window(period: Period, policy: Policy) -> tuple[str, str]:
    """The two date ranges behind churn, as the explanation states them."""
    days = policy.customers
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    first = (start - pd.Timedelta(days=days.base_days)).date()
    base = f"{first}..{(start - pd.Timedelta(days=1)).date()}"
    recent = f"{(end - pd.Timedelta(days=days.churn_days - 1)).date()}..{end.date()}"
    return base, recent


def satisfaction_factor(scores: pd.Series, setting: str) -> float:
    """Rescale factor to 0-100: auto reads the survey's scale from its highest score."""
    if setting != "auto":
        return 100 / float(setting)
    top = scores.max()
    return 20.0 if top <= 5 else 10.0 if top <= 10 else 1.0


def surveys_in(data: Books, period: Period, policy: Policy) -> pd.DataFrame | None:
    """The period's survey rows with `score_100`, the score rescaled to 0-100."""
    if data.satisfaction is None or not len(data.satisfaction):
        return None
    factor = satisfaction_factor(data.satisfaction["score"], policy.customers.satisfaction_scale)
    surveys = process.in_period(data.satisfaction, "survey_date", period)
    return surveys.assign(score_100=surveys["score"] * factor)


def satisfaction(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """Mean survey score in the period, for owned customers (or the survey row's rep), 0-100."""
    surveys = surveys_in(data, period, policy)
    if surveys is None:
        return pd.DataFrame(
            {"satisfaction": np.nan, "surveys": 0}, index=pd.Index(reps, name="rep")
        )
    rep = surveys["customer_id"].map(data.owner).astype("string")
    if "rep" in surveys:
        rep = surveys["rep"].astype("string").fillna(rep)
    grouped = surveys["score_100"].groupby(rep)
    out = pd.DataFrame({"satisfaction": grouped.mean().round(4), "surveys": grouped.size()})
    out = out.reindex(reps)
    out["surveys"] = out["surveys"].fillna(0).astype(int)
    return out.rename_axis("rep")


# --- 5.1 sales process ---------------------------------------------------------------------


def process_indicators(data: Books, period: Period, reps: list[str]) -> pd.DataFrame:
    index = pd.Index(reps, name="rep")
    out = pd.DataFrame(index=index)
    if data.opportunities is not None:
        conversion = process.conversion(data.opportunities, period).set_index("rep")
        out = out.join(conversion)
    else:
        out[["won", "lost", "conversion_rate"]] = np.nan
    delivery = process.on_time(data.orders, period).set_index("rep")
    out = out.join(delivery)
    if data.expenses is not None:
        months = [m.label for m in _months(period)]
        spent = (
            data.expenses[data.expenses["month"].isin(months)]
            .groupby("rep")[["expense", "budget"]]
            .sum(min_count=1)
        )
        out = out.join(spent)
        out["expense_ratio"] = process.ratio(out["expense"], out["budget"])
    else:
        out[["expense", "budget", "expense_ratio"]] = np.nan
    for column in ("won", "lost", "orders_due", "on_time"):
        out[column] = out[column].fillna(0).astype(int)
    return out


# --- 5.2 the quarter and the year ----------------------------------------------------------


def quarterly(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """The quarterly appraisal: performance (mean of the monthly scores), customer management
    and sales process, quantitative, qualitative and final score, grade, honours."""
    months = [monthly(data, m, policy, reps) for m in period.months()]
    out = performance(data, period, policy, reps)
    out["performance_score"] = pd.concat([m["performance_score"] for m in months], axis=1).mean(
        axis=1
    )
    out["bonus"] = sum(m["bonus"] for m in months)
    out = out.join(satisfaction(data, period, policy, reps))
    out = out.join(new_customers(data, period, reps))
    out = out.join(churn(data, period, policy, reps))
    out = out.join(process_indicators(data, period, reps))
    goals, scoring = policy.goals, policy.scoring
    for name in CUSTOMER_INDICATORS + PROCESS_INDICATORS:
        out[f"{name}_score"] = indicator_score(
            out[name], getattr(goals, name), name in LOWER_IS_BETTER, scoring.cap
        )
    out["customer_score"] = _group(out, CUSTOMER_INDICATORS)
    out["process_score"] = _group(out, PROCESS_INDICATORS)
    out["quantitative_score"] = weighted_mean(
        [
            (out["performance_score"], scoring.weight_performance),
            (out["customer_score"], scoring.weight_customer),
            (out["process_score"], scoring.weight_process),
        ]
    )
    out = out.join(_reviews(data.reviews, period, reps))
    quantitative = scoring.weight_quantitative
    out["final_score"] = (
        (quantitative * out["quantitative_score"] + (1 - quantitative) * out["qualitative_score"])
        .fillna(out["quantitative_score"])
        .round(2)
    )  # graded as shown
    out["grade"] = grade(out["final_score"], policy)
    out["training_needs"] = training_needs(out, policy)
    out["honours"] = honours(out, policy, "final_score")
    return out


def _group(frame: pd.DataFrame, names: list[str]) -> pd.Series:
    """Equal weights inside a group, over the indicators that have data."""
    return frame[[f"{n}_score" for n in names]].mean(axis=1, skipna=True)


def _reviews(reviews: pd.DataFrame | None, period: Period, reps: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(
        {"qualitative_score": np.nan, "comment": pd.NA}, index=pd.Index(reps, name="rep")
    )
    if reviews is None:
        return out
    mine = reviews[reviews["period"] == period.label].drop_duplicates("rep", keep="last")
    mine = mine.set_index("rep")
    out["qualitative_score"] = mine["score"].reindex(reps).astype("float64")
    if "comment" in mine:
        out["comment"] = mine["comment"].reindex(reps).astype("string")
    return out


def grade(score: pd.Series, policy: Policy) -> pd.Series:
    lines = policy.grades
    graded = np.select(
        [score >= lines.S, score >= lines.A, score >= lines.B, score >= lines.C],
        ["S", "A", "B", "C"],
        "D",
    )
    return pd.Series(graded, index=score.index).where(score.notna())


def training_needs(frame: pd.DataFrame, policy: Policy) -> pd.Series:
    """Each indicator scored below the training line names a training need."""
    names = ["performance", *CUSTOMER_INDICATORS, *PROCESS_INDICATORS]
    columns = {n: frame[f"{n}_score"] for n in names}
    below = pd.DataFrame({n: s < policy.scoring.training_below for n, s in columns.items()})
    return (
        below.apply(lambda row: ", ".join(n for n in names if row[n]), axis=1)
        .astype("string")
        .where(lambda s: s != "")
    )


def honours(frame: pd.DataFrame, policy: Policy, score: str) -> pd.Series:
    """Sales champion (all tied at the top amount) and the sales stars."""
    awarded: dict[str, list[str]] = {rep: [] for rep in frame.index}
    top = frame["amount"].max()
    if pd.notna(top) and top > 0:
        for rep in frame.index[frame["amount"] == top]:
            awarded[rep].append(CHAMPION)
    eligible = frame[
        (frame["attainment"] >= policy.honours.star_min_attainment) & frame[score].notna()
    ]
    if len(eligible) and policy.honours.stars:
        cut = eligible[score].nlargest(policy.honours.stars, keep="all").min()
        for rep in eligible.index[eligible[score] >= cut]:
            awarded[rep].append(STAR)
    return pd.Series({rep: "; ".join(h) for rep, h in awarded.items()}, dtype="string").where(
        lambda s: s != ""
    )


def yearly(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """The quarters combined: their final scores, the mean, grade, promotion candidates."""
    quarters = [quarterly(data, quarter(period.start.year, q), policy, reps) for q in range(1, 5)]
    out = performance(data, period, policy, reps)[["amount", "target", "attainment"]].copy()
    for number, frame in enumerate(quarters, start=1):
        out[f"q{number}_score"] = frame["final_score"]
    scores = out[[f"q{n}_score" for n in range(1, 5)]]
    out["final_score"] = scores.mean(axis=1).round(2)
    out["grade"] = grade(out["final_score"], policy)
    grades = pd.concat([q["grade"] for q in quarters], axis=1)
    wanted = set(policy.honours.promotion_grades)
    out["promotion_candidate"] = grades.isin(wanted).all(axis=1) & grades.notna().all(axis=1)
    honour = honours(out, policy, "final_score").fillna("")
    honour = honour.where(~out["promotion_candidate"], (honour + "; " + PROMOTION).str.lstrip("; "))
    out["honours"] = honour.where(honour != "")
    return out


def honour_notes(policy: Policy) -> list[str]:
    honours_ = policy.honours
    return [
        f"{name}: "
        + rule.format(
            stars=honours_.stars,
            attainment=honours_.star_min_attainment,
            grades=" or ".join(honours_.promotion_grades),
        )
        for name, rule in HONOUR_RULES.items()
    ]


PERFORMANCE_COLUMNS = [
    "rep",
    "period",
    "amount",
    "quantity",
    "profit",
    "target",
    "attainment",
    "performance_score",
]
MONTH_COLUMNS = [*PERFORMANCE_COLUMNS, "bonus_multiplier", "bonus", "honours"]
QUARTER_COLUMNS = [
    *PERFORMANCE_COLUMNS,
    "bonus",
    *[c for n in CUSTOMER_INDICATORS + PROCESS_INDICATORS for c in (n, f"{n}_score")],
    "customer_score",
    "process_score",
    "quantitative_score",
    "qualitative_score",
    "final_score",
    "grade",
    "comment",
    "training_needs",
    "honours",
]
YEAR_COLUMNS = [
    "rep",
    "period",
    "q1_score",
    "q2_score",
    "q3_score",
    "q4_score",
    "final_score",
    "grade",
    "amount",
    "target",
    "attainment",
    "promotion_candidate",
    "honours",
]


def appraise(
    data: Books, period: Period, policy: Policy, reps: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The appraisal table for a month, quarter or year, plus the full working frame."""
    compute = {"month": monthly, "quarter": quarterly, "year": yearly}[period.kind]
    columns = {"month": MONTH_COLUMNS, "quarter": QUARTER_COLUMNS, "year": YEAR_COLUMNS}[
        period.kind
    ]
    frame = compute(data, period, policy, reps)
    frame = frame.assign(period=period.label).reset_index()
    table = frame[columns].copy()
    for column in table.columns:
        if column.endswith("_score"):
            table[column] = table[column].round(2)
        elif column.endswith(("_rate", "_ratio", "attainment", "multiplier", "satisfaction")):
            table[column] = table[column].round(4)
    return table, frame


def missing_data_notes(frame: pd.DataFrame, period: Period) -> list[str]:
    """Say which indicators had no data (left out of their group, never counted as zero)."""
    notes = []
    for name in [
        "target",
        *CUSTOMER_INDICATORS,
        *PROCESS_INDICATORS,
        "profit",
        "qualitative_score",
    ]:
        if name in frame and frame[name].isna().any():
            reps = frame.loc[frame[name].isna(), "rep"].tolist()
            who = (
                "every rep"
                if len(reps) == len(frame)
                else ", ".join(map(str, reps[:8])) + ("…" if len(reps) > 8 else "")
            )
            notes.append(f"no {name} data in {period} for {who}: left out, not counted as zero")
    return notes


# --- scorecards and explanations -----------------------------------------------------------

SCORECARD_COLUMNS = ["group", "indicator", "value", "goal", "score", "weight"]


def scorecard(row: pd.Series, policy: Policy, kind: str) -> pd.DataFrame:
    """One rep's indicators with value, goal, score and effective weight in the final score."""
    goals = policy.goals
    if kind == "year":
        rows = [
            (
                "quarters",
                f"q{n}_score",
                row[f"q{n}_score"],
                None,
                row[f"q{n}_score"],
                0.25 if pd.notna(row[f"q{n}_score"]) else None,
            )
            for n in range(1, 5)
        ]
        return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    scoring = policy.scoring
    group_weights = {
        "performance": scoring.weight_performance,
        "customer": scoring.weight_customer,
        "process": scoring.weight_process,
    }
    groups = {
        "performance": ["attainment"],
        "customer": CUSTOMER_INDICATORS,
        "process": PROCESS_INDICATORS,
    }
    if kind == "month":
        groups = {"performance": ["attainment"]}
    present = {
        g: [n for n in names if pd.notna(_score_of(row, n, policy))] for g, names in groups.items()
    }
    total = sum(group_weights[g] for g, names in present.items() if names)
    share = scoring.weight_quantitative if pd.notna(row.get("qualitative_score")) else 1.0
    rows = []
    for group, names in groups.items():
        for name in names:
            score = _score_of(row, name, policy)
            weight = (
                group_weights[group] / total / len(present[group]) * share
                if pd.notna(score) and total
                else None
            )
            rows.append((group, name, row.get(name), getattr(goals, name), score, weight))
    if kind == "quarter":
        rows.append(
            (
                "qualitative",
                "qualitative_score",
                row.get("qualitative_score"),
                None,
                row.get("qualitative_score"),
                1 - share if pd.notna(row.get("qualitative_score")) else None,
            )
        )
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


def _score_of(row: pd.Series, name: str, policy: Policy) -> float:
    if name == "attainment":
        return row.get("performance_score", np.nan)
    return row.get(f"{name}_score", np.nan)


def explain(row: pd.Series, period: Period, policy: Policy, data: Books) -> pd.DataFrame:
    """Every figure of one rep with its formula and the number of rows behind it."""
    rep, lines = row["rep"], []
    add = lines.append
    span = f"{period.start}..{period.end}"
    if "amount_rows" in row:
        n = int(row["amount_rows"])
        add(
            (
                "amount",
                row["amount"],
                f"sum of amount over {n} order lines dated {span} "
                "(cancelled orders excluded; a line without rep counts for its customer's owner)",
                n,
            )
        )
        if "quantity" in row:
            add(("quantity", row["quantity"], "sum of quantity over the same lines", n))
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
        add(
            (
                "attainment",
                row["attainment"],
                f"amount / target = {_n(row['amount'])} / {_n(row['target'])} = "
                f"{_p(row['attainment'])}"
                if pd.notna(row["attainment"])
                else "no target: attainment left empty",
                None,
            )
        )
    if period.kind == "month":
        add(
            (
                "performance_score",
                row["performance_score"],
                f"100 x min(attainment / {policy.goals.attainment:g}, {policy.scoring.cap:g}) "
                "(weights 0.6/0.2/0.2 with quantity and profit targets)",
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
        add(("bonus", row["bonus"], f"base {_n(base)} x multiplier", None))
    if period.kind == "quarter":
        _explain_quarter(row, period, policy, data, add)
    if period.kind == "year":
        for n in range(1, 5):
            add(
                (f"q{n}_score", row[f"q{n}_score"], f"final score of {period.start.year}Q{n}", None)
            )
        add(("final_score", row["final_score"], "mean of the quarters' final scores", None))
        add(
            (
                "promotion_candidate",
                row["promotion_candidate"],
                f"grade {' or '.join(policy.honours.promotion_grades)} in every quarter",
                None,
            )
        )
    if "grade" in row:
        add(("grade", row["grade"], _grade_rule(policy), None))
    add(("honours", row.get("honours"), "; ".join(honour_notes(policy)), None))
    frame = pd.DataFrame(lines, columns=["figure", "value", "formula", "n_rows"])
    frame["n_rows"] = frame["n_rows"].astype("Int64")
    # a figure is a number in `value`; a grade, honours or yes/no is words in `value_text`
    numeric = frame["value"].map(_is_number)
    frame.insert(2, "value_text", _texts(frame["value"].where(~numeric)))
    frame["value"] = pd.to_numeric(frame["value"].where(numeric), errors="coerce").astype("float64")
    return frame


def _texts(values: pd.Series) -> pd.Series:
    return values.map(_shown).astype("string").replace("", pd.NA)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def _explain_quarter(row: pd.Series, period: Period, policy: Policy, data: Books, add) -> None:
    add(
        (
            "performance_score",
            row["performance_score"],
            "mean of the quarter's monthly performance scores",
            None,
        )
    )
    factor = (
        satisfaction_factor(data.satisfaction["score"], policy.customers.satisfaction_scale)
        if data.satisfaction is not None and len(data.satisfaction)
        else None
    )
    add(
        (
            "satisfaction",
            row["satisfaction"],
            f"mean of {int(row['surveys'])} survey scores in {period.label} x {factor:g} (0-100)"
            if row["surveys"]
            else "no surveys in the period: left out of the customer group",
            int(row["surveys"]),
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
            f"churned / base = {int(row['churned'])} / {int(row['churn_base'])}"
            + (f" = {_p(row['churn_rate'])}" if pd.notna(row["churn_rate"]) else " (no base)")
            + f" (base: owned customers with an order {base}; churned: no order {recent})",
            int(row["churn_base"]),
        )
    )
    add(
        (
            "conversion_rate",
            row["conversion_rate"],
            f"won / (won + lost) = {int(row['won'])} / {int(row['won'] + row['lost'])} among "
            f"opportunities closed in {period.label}",
            int(row["won"] + row["lost"]),
        )
    )
    add(
        (
            "on_time_rate",
            row["on_time_rate"],
            f"orders delivered on time / orders due = {int(row['on_time'])} / "
            f"{int(row['orders_due'])} (due date: latest line's; undelivered counts late)",
            int(row["orders_due"]),
        )
    )
    add(
        (
            "expense_ratio",
            row["expense_ratio"],
            f"expense / budget = {_n(row['expense'])} / {_n(row['budget'])}",
            None,
        )
    )
    goals, cap = policy.goals, policy.scoring.cap
    for name in CUSTOMER_INDICATORS + PROCESS_INDICATORS:
        goal = getattr(goals, name)
        rule = (
            f"100 x clip(2 - value / {goal:g}, 0, {cap:g})"
            if name in LOWER_IS_BETTER
            else f"100 x min(value / {goal:g}, {cap:g})"
        )
        add((f"{name}_score", row[f"{name}_score"], rule, None))
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


def _grade_rule(policy: Policy) -> str:
    g = policy.grades
    return f"S >= {g.S:g}, A >= {g.A:g}, B >= {g.B:g}, C >= {g.C:g}, else D"


def _n(value: object) -> str:
    return "-" if value is None or pd.isna(value) else f"{float(value):,.2f}"


def _p(value: object) -> str:
    return "-" if value is None or pd.isna(value) else f"{float(value):.1%}"


def _shown(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    return str(value)
