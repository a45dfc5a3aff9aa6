"""Chapter 5 · Appraisal and incentives (销量考核与激励).

5.1 indicators and cycles (month: sales performance; quarter: plus customer management and the
sales process; year: the quarters combined), 5.2 scoring and grades, 5.3 bonus and honours.
The order, opportunity and delivery definitions shared with the reports are in `process.py`;
the customer indicators defined here (new customers, churn, satisfaction) are reused by them.

Every figure keeps its parts (numerator, denominator, rows), so `appraise --explain` can show
how it was made (`explain.py`). The inputs are the books (`books.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from salescli.config import Policy
from salescli.periods import Period, quarter
from salescli.rules import process
from salescli.rules.books import Books
from salescli.rules.frames import isin
from salescli.rules.process import UNASSIGNED

# the honours (5.3) as codes; people's outputs show their labels in the output's language
# (salescli.labels.VALUE_LABELS, messages.WORDS), machine outputs the codes
CHAMPION = "sales_champion"
STAR = "sales_star"
PROMOTION = "promotion_candidate"
HONOURS = (CHAMPION, STAR, PROMOTION)
CUSTOMER_INDICATORS = ["satisfaction", "new_customers", "churn_rate"]
PROCESS_INDICATORS = ["conversion_rate", "on_time_rate", "expense_ratio"]
LOWER_IS_BETTER = {"churn_rate", "expense_ratio"}


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
    "document_type",
    "due_date",
    "delivered_on",
]


def appraised_reps(data: Books, period: Period) -> list[str]:
    """Every rep with a target, an order or an owned customer in the period; UNASSIGNED last,
    when the period has sales nobody owns."""
    reps = set(process.in_period(data.orders, "order_date", period)["rep"].dropna().unique())
    if data.targets is not None:
        labels = {period.label, *(m.label for m in _months(period))}
        reps |= set(data.targets.loc[data.targets["period"].isin(labels), "rep"].dropna().unique())
    if data.customers is not None and "rep" in data.customers:
        reps |= set(data.customers["rep"].dropna().unique())
    named = sorted(str(r) for r in reps if r != UNASSIGNED)
    return [*named, UNASSIGNED] if UNASSIGNED in reps else named


def unassigned_note(data: Books, period: Period) -> str | None:
    """The warning for the period's sales nobody owns: how many lines and how much."""
    lines = process.unassigned(process.in_period(data.orders, "order_date", period))
    if lines.empty:
        return None
    return (
        f"{len(lines)} order lines in {period.label} (amount {lines['amount'].sum():,.2f}) have "
        f"no rep and their customer no owner: shown as {UNASSIGNED}, with no target, bonus, "
        "score or honour (fill in the rep, or the customer's rep in the customer file)"
    )


def _months(period: Period) -> list[Period]:
    return period.months() if period.kind != "week" else []


# --- 5.1 performance -----------------------------------------------------------------------


def performance(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """amount, quantity, profit, target and attainments, and the performance score."""
    out = rep_figures(data, period, reps)
    out["attainment"] = process.ratio(out["amount"], out["target"])
    out["quantity_attainment"] = process.ratio(out["quantity"], out["target_quantity"])
    out["profit_attainment"] = process.ratio(out["profit"], out["target_profit"])
    out["performance_score"] = _performance_score(out, policy)
    return out


def rep_figures(data: Books, period: Period, reps: list[str]) -> pd.DataFrame:
    """Per rep: amount (and its lines), orders, active customers, quantity, profit and the
    targets. The one definition of each: a company figure is the sum of these over every rep,
    UNASSIGNED included (`reports.figures`)."""
    lines = process.in_period(data.orders, "order_date", period)
    grouped = lines.groupby("rep")
    out = pd.DataFrame(index=pd.Index(reps, name="rep"))
    out["amount"] = grouped["amount"].sum().reindex(reps).fillna(0.0).round(2)
    out["amount_rows"] = grouped.size().reindex(reps).fillna(0).astype(int)
    orders = process.orders_of(lines)
    out["orders"] = process.count_by(orders, "order_id").reindex(reps).fillna(0).astype(int)
    out["active_customers"] = (
        process.count_by(orders, "customer_id").reindex(reps).fillna(0).astype(int)
    )
    out["quantity"] = (
        grouped["quantity"].sum().reindex(reps).fillna(0.0) if "quantity" in lines else np.nan
    )
    line_profit = process.profit(lines)
    out["profit"] = (
        line_profit.groupby(lines["rep"]).sum().reindex(reps).fillna(0.0).round(2)
        if line_profit is not None
        else np.nan
    )
    goals = rep_targets(data.targets, period).reindex(reps)
    goals.loc[goals.index == UNASSIGNED, TARGET_COLUMNS] = np.nan  # no target for nobody
    goals["target_rows"] = goals["target_rows"].where(goals.index != UNASSIGNED)
    goals["target_rows"] = goals["target_rows"].fillna(0).astype(int)
    return out.join(goals)


TARGET_COLUMNS = ["target", "target_quantity", "target_profit", "base_bonus"]


def rep_targets(targets: pd.DataFrame | None, period: Period) -> pd.DataFrame:
    """The period's targets of every rep that has one: the rep's rows for the period itself,
    else the sum of its rows for the period's months. The one definition of a period's target:
    the company's is the sum of these (`company_target`)."""
    empty = pd.DataFrame(
        columns=[*TARGET_COLUMNS, "target_rows"], index=pd.Index([], name="rep"), dtype="float64"
    )
    if targets is None:
        return empty
    present = [c for c in TARGET_COLUMNS if c in targets]
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
    found = found.reindex(columns=TARGET_COLUMNS)
    found["target_rows"] = rows.reindex(found.index)
    return found.rename_axis("rep").astype("float64")


def company_target(targets: pd.DataFrame | None, period: Period) -> float:
    """The sum of the reps' targets (`rep_targets`); empty when no rep has one."""
    return float(rep_targets(targets, period)["target"].sum(min_count=1))


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
    return not_appraised(out)


# what the UNASSIGNED row shows empty: nobody is scored, graded, paid or honoured for it
NOT_FOR_NOBODY = (
    *TARGET_COLUMNS,
    *CUSTOMER_INDICATORS,  # they count owned customers: nobody owns these
    "surveys",
    "churn_base",
    "churned",
    "attainment",
    "quantity_attainment",
    "profit_attainment",
    "bonus_multiplier",
    "bonus",
    "qualitative_score",
    "grade",
    "training_needs",
    "honours",
)


def not_appraised(frame: pd.DataFrame) -> pd.DataFrame:
    """The UNASSIGNED row keeps its sales figures; every target, score, grade, bonus and
    honour is left empty."""
    if UNASSIGNED not in frame.index:
        return frame
    blank = [c for c in frame.columns if c in NOT_FOR_NOBODY or c.endswith("_score")]
    frame = frame.copy()
    for column in blank:
        frame[column] = frame[column].where(frame.index != UNASSIGNED)
    if "promotion_candidate" in frame:
        frame["promotion_candidate"] = frame["promotion_candidate"].mask(
            frame.index == UNASSIGNED, pd.NA
        )
    return frame


# --- 5.1 customer management ---------------------------------------------------------------


def new_customer_ids(orders: pd.DataFrame, period: Period) -> pd.Index:
    """Customers whose first order ever (cancelled orders and returns excluded) falls in the
    period."""
    first = process.orders_of(orders).groupby("customer_id")["order_date"].min()
    inside = (first >= pd.Timestamp(period.start)) & (first <= pd.Timestamp(period.end))
    return first.index[inside]


def churn_flags(orders: pd.DataFrame, period: Period, policy: Policy) -> pd.Series:
    """The churn base (customers with an order in the base_days before the period), each
    flagged churned when it has no order in the churn_days ending on the period's last day."""
    days = policy.customers
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    dates = process.orders_of(orders)[["customer_id", "order_date"]]
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
    out = not_appraised(out)  # before grading and honours: nobody's row is never scored
    out["grade"] = grade(out["final_score"], policy)
    out["training_needs"] = training_needs(out, policy)
    out["honours"] = honours(out, policy, "final_score")
    return not_appraised(out)


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
    """Sales champion (all tied at the top amount) and the sales stars (`star_ranking`), as
    codes joined by "; "."""
    awarded: dict[str, list[str]] = {rep: [] for rep in frame.index}
    frame = frame[frame.index != UNASSIGNED]  # sales nobody owns win nothing
    top = frame["amount"].max()
    if pd.notna(top) and top > 0:
        for rep in frame.index[frame["amount"] == top]:
            awarded[rep].append(CHAMPION)
    stars, _ = star_ranking(frame, policy, score)
    for rep in stars:
        awarded[rep].append(STAR)
    return pd.Series({rep: "; ".join(h) for rep, h in awarded.items()}, dtype="string").where(
        lambda s: s != ""
    )


STAR_KEYS = ("score", "attainment", "amount")  # the order of the sales stars, 5.3


def star_ranking(frame: pd.DataFrame, policy: Policy, score: str) -> tuple[list[str], list[str]]:
    """5.3: the sales stars and the reps tied with the last of them. Among the reps at or above
    `star_min_attainment` with a score, ordered by the score as published (2 decimals; capped,
    so many reps can share the top), then uncapped attainment, then amount, the first
    `honours.stars` are stars (fewer only when fewer qualify); a rep after them equal to the
    last star on all three keys is returned second, to be named in a note, not honoured."""
    count = policy.honours.stars
    frame = frame[frame.index != UNASSIGNED]
    eligible = frame[
        (frame["attainment"] >= policy.honours.star_min_attainment) & frame[score].notna()
    ]
    if not len(eligible) or not count:
        return [], []
    keys = pd.DataFrame(
        {
            "score": eligible[score].astype("float64").round(2),
            "attainment": eligible["attainment"].astype("float64"),
            "amount": eligible["amount"].astype("float64"),
        },
        index=eligible.index,
    )
    ordered = keys.sort_values(list(STAR_KEYS), ascending=False, kind="stable")
    stars = [str(rep) for rep in ordered.index[:count]]
    if len(ordered) <= count:
        return stars, []
    last = ordered.iloc[count - 1]
    rest = ordered.iloc[count:]
    tied = rest[(rest[list(STAR_KEYS)] == last[list(STAR_KEYS)]).all(axis=1)]
    return stars, [str(rep) for rep in tied.index]


def star_tie_note(frame: pd.DataFrame, policy: Policy, score: str) -> str | None:
    """The note naming the reps tied with the last sales star on every key (5.3)."""
    stars, tied = star_ranking(frame, policy, score)
    if not tied:
        return None
    return (
        f"sales star ties: {', '.join(tied)} equal {stars[-1]} (the last of "
        f"{policy.honours.stars} stars) on {score.replace('_', ' ')}, attainment and amount: "
        "named here, not honoured"
    )


@dataclass(frozen=True)
class Coverage:
    """Which quarters of a year the orders cover. A quarter is scored when the orders reach its
    last month; one they end inside before that is `partial`, one wholly after the orders end
    (or before they start) is `outside`: neither is scored. A partial quarter's months after
    the data would score as months without sales, its deliveries due after it as late and its
    churn over days with no data, so it would lower every rep's year for want of data."""

    scored: list[Period]
    partial: list[Period]
    outside: list[Period]
    first: pd.Timestamp | None
    last: pd.Timestamp | None

    def notes(self, year_label: str) -> list[str]:
        if not self.partial and not self.outside:
            return []
        span = (
            f"{self.first.date()}..{self.last.date()}"
            if self.first is not None and self.last is not None
            else "nothing"
        )
        said = [f"orders cover {span}"]
        if self.partial:
            said.append(f"{_labels(self.partial)} only partly covered: not scored")
        if self.outside:
            said.append(f"{_labels(self.outside)} not covered: not scored")
        scored = (
            f"the year is the mean of {_labels(self.scored)}; amount, target and attainment are "
            "theirs; promotion candidates need all four quarters"
            if self.scored
            else "no quarter is scored"
        )
        return [f"{year_label}: " + "; ".join(said) + f"; {scored}"]


def _labels(periods: list[Period]) -> str:
    return ", ".join(p.label for p in periods)


def coverage(data: Books, year_period: Period) -> Coverage:
    dates = data.orders["order_date"].dropna()
    first, last = (dates.min(), dates.max()) if len(dates) else (None, None)
    scored, partial, outside = [], [], []
    for n in range(1, 5):
        q = quarter(year_period.start.year, n)
        months = q.months()
        if first is None or pd.Timestamp(q.start) > last or pd.Timestamp(q.end) < first:
            outside.append(q)
        elif last < pd.Timestamp(months[-1].start):
            partial.append(q)
        else:
            scored.append(q)
    return Coverage(scored, partial, outside, first, last)


def yearly(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """The quarters the data covers combined: their final scores, the mean (each scored
    quarter weighs the same), grade, promotion candidates (only over a whole year)."""
    covered = coverage(data, period)
    quarters = {q: quarterly(data, q, policy, reps) for q in covered.scored}
    if len(quarters) == 4:
        out = performance(data, period, policy, reps)[["amount", "target", "attainment"]].copy()
    else:  # the covered quarters' own figures: a part of the year against its whole target
        out = pd.DataFrame(index=pd.Index(reps, name="rep"))  # would read as a shortfall
        parts = list(quarters.values())
        out["amount"] = sum((f["amount"] for f in parts), pd.Series(0.0, index=out.index))
        targets = pd.concat([f["target"] for f in parts], axis=1) if parts else None
        out["target"] = targets.sum(axis=1, min_count=1) if targets is not None else np.nan
        out["amount"] = out["amount"].round(2)
        out["attainment"] = process.ratio(out["amount"], out["target"])
    for number in range(1, 5):
        frame = quarters.get(quarter(period.start.year, number))
        out[f"q{number}_score"] = frame["final_score"] if frame is not None else np.nan
    out["final_score"] = out[[f"q{n}_score" for n in range(1, 5)]].mean(axis=1).round(2)
    out["grade"] = grade(out["final_score"], policy)
    out["promotion_candidate"] = _promotion(list(quarters.values()), policy, out.index)
    honour = honours(out, policy, "final_score").fillna("")
    promoted = out["promotion_candidate"].fillna(False).astype(bool)
    honour = honour.where(~promoted, (honour + "; " + PROMOTION).str.removeprefix("; "))
    out["honours"] = honour.where(honour != "")
    return not_appraised(out)


def _promotion(quarters: list[pd.DataFrame], policy: Policy, reps: pd.Index) -> pd.Series:
    """Grade S or A (the setting) in every quarter; empty, not no, unless all four are scored."""
    if len(quarters) < 4:
        return pd.Series(pd.NA, index=reps, dtype="boolean")
    grades = pd.concat([q["grade"] for q in quarters], axis=1)
    wanted = set(policy.honours.promotion_grades)
    return (grades.isin(wanted).all(axis=1) & grades.notna().all(axis=1)).astype("boolean")


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
    for name in table.columns:
        places = published_decimals(name)
        if places is not None:
            table[name] = table[name].round(places)
    return table, frame


# the appraisal publishes a ratio (attainment, a rate, the bonus multiplier) to 4 decimals
RATIO_DECIMALS = 4


def published_decimals(name: str) -> int | None:
    """The places the appraisal table rounds a column to, from its declaration: a score to
    its declared decimals, a ratio to RATIO_DECIMALS (never more than declared)."""
    from salescli.rules.columns import column

    declared = column(name)
    if declared.kind == "points" and declared.decimals is not None:
        return declared.decimals
    if declared.kind == "ratio" and declared.decimals is not None:
        return min(declared.decimals, RATIO_DECIMALS)
    return None


def ranked_score(period: Period) -> str:
    """The score the sales stars of a period are ranked by: a month's performance score, a
    quarter's or year's final score."""
    return "performance_score" if period.kind == "month" else "final_score"


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
        empty = frame[name].isna() & (frame["rep"] != UNASSIGNED) if name in frame else None
        if empty is not None and empty.any():
            reps = frame.loc[empty, "rep"].tolist()
            who = (
                "every rep"
                if len(reps) == len(frame)
                else ", ".join(map(str, reps[:8])) + ("…" if len(reps) > 8 else "")
            )
            notes.append(f"no {name} data in {period} for {who}: left out, not counted as zero")
    return notes


# --- what each figure is, in words (the data dictionary, --explain) ------------------------

# each ratio's formula: the appraisal computes it so, `appraise --explain` shows it with its
# numbers, and `salescli schema` (docs/schema.md) gives it as the column's meaning
FORMULAS = {
    "attainment": "amount / target",
    "churn_rate": "churned / base",
    "conversion_rate": "won / (won + lost)",
    "on_time_rate": "orders delivered on time / orders due",
    "expense_ratio": "expense / budget",
}


def score_rule(name: str, policy: Policy) -> str:
    """An indicator's score as `indicator_score` computes it, with the policy's goal and cap."""
    goal, cap = getattr(policy.goals, name), policy.scoring.cap
    if name in LOWER_IS_BETTER:
        return f"100 x clip(2 - value / {goal:g}, 0, {cap:g})"
    return f"100 x min(value / {goal:g}, {cap:g})"


def definitions(policy: Policy) -> dict[str, str]:
    """The meaning of each appraisal column, from the rules and the policy values that compute
    it (a score's range reaches 100 x the cap: 120 by default)."""
    scoring, goals, days, bonus = policy.scoring, policy.goals, policy.customers, policy.bonus
    top = f"0 to {100 * scoring.cap:g}"
    grades = policy.grades
    out = {
        "attainment": f"{FORMULAS['attainment']} (1.0 = 100 %), uncapped.",
        "performance_score": (
            f"Sales performance score, {top}: the weighted mean of 100 x min(attainment / goal, "
            f"{scoring.cap:g}) over the amount (weight {scoring.weight_amount:g}, goal "
            f"{goals.attainment:g}), quantity ({scoring.weight_quantity:g}) and profit "
            f"({scoring.weight_profit:g}) attainments that have a target; a quarter's is the "
            "mean of its months'."
        ),
        "bonus_multiplier": (
            f"0 below {bonus.floor:.0%} attainment, the attainment up to 100 %, then 1 + "
            f"{bonus.accelerator:g} x (attainment - 1), at most {bonus.cap:g}."
        ),
        "bonus": "Base bonus (the target row's base_bonus, else the policy's) x bonus_multiplier.",
        "satisfaction": "Mean survey score of the period on a 0-100 scale (a 1-5 survey x 20, "
        "1-10 x 10).",
        "churn_rate": (
            f"{FORMULAS['churn_rate']}: base = owned customers with an order in the "
            f"{days.base_days} days before the period; churned = those of the base with no "
            f"order in the {days.churn_days} days ending on its last day."
        ),
        "conversion_rate": f"{FORMULAS['conversion_rate']} among the opportunities closed in the "
        "period.",
        "on_time_rate": f"{FORMULAS['on_time_rate']} (an order is due on its latest line's due "
        "date; undelivered counts late).",
        "expense_ratio": f"{FORMULAS['expense_ratio']} over the period's months (lower is better).",
        "customer_score": f"Customer management score, {top}: the mean of its indicator scores "
        "that have data.",
        "process_score": f"Sales process score, {top}: the mean of its indicator scores that "
        "have data.",
        "quantitative_score": (
            f"{top}: {scoring.weight_performance:g} performance + {scoring.weight_customer:g} "
            f"customer + {scoring.weight_process:g} process, renormalised over the groups with "
            "data."
        ),
        "qualitative_score": "The manager's review score (reviews table).",
        "final_score": (
            f"Final appraisal score, {top}: {scoring.weight_quantitative:g} x quantitative + "
            f"{1 - scoring.weight_quantitative:g} x qualitative (quantitative alone without a "
            "review), rounded to 2 decimals; a year's is the mean of its scored quarters'."
        ),
        "grade": (
            f"From the final score: S >= {grades.S:g}, A >= {grades.A:g}, B >= {grades.B:g}, "
            f"C >= {grades.C:g}, else D."
        ),
        "training_needs": f"The indicators scored below {scoring.training_below:g}, comma "
        "separated.",
        "honours": "Honour codes, separated by '; ': " + ", ".join(HONOURS) + " (labels in "
        "people's outputs: sales champion 销售冠军, sales star 销售明星, promotion candidate "
        "晋升候选).",
    }
    for name in CUSTOMER_INDICATORS + PROCESS_INDICATORS:
        out[f"{name}_score"] = f"{name} score, {top}: {score_rule(name, policy)}."
    for number in range(1, 5):
        out[f"q{number}_score"] = f"Final score of Q{number}, {top} (empty: not scored)."
    return out


# --- scorecards ----------------------------------------------------------------------------

SCORECARD_COLUMNS = ["group", "indicator", "value", "goal", "score", "weight"]


def scorecard(row: pd.Series, policy: Policy, kind: str) -> pd.DataFrame:
    """One rep's indicators with value, goal, score and effective weight in the final score."""
    goals = policy.goals
    if kind == "year":
        weights = quarter_weights(row)
        rows = [
            ("quarters", name, row[name], None, row[name], weights.get(name))
            for name in QUARTER_SCORES
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


QUARTER_SCORES = [f"q{n}_score" for n in range(1, 5)]


def quarter_weights(row: pd.Series) -> dict[str, float]:
    """Each scored quarter's weight in the year's final score: the mean of the quarters with
    a score (`yearly`), so 1 / their number; a quarter without a score weighs nothing."""
    scored = [name for name in QUARTER_SCORES if pd.notna(row.get(name))]
    return {name: 1 / len(scored) for name in scored}


def _score_of(row: pd.Series, name: str, policy: Policy) -> float:
    if name == "attainment":
        return row.get("performance_score", np.nan)
    return row.get(f"{name}_score", np.nan)
