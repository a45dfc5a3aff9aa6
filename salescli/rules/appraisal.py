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
from salescli.i18n import Msg, _, n_
from salescli.periods import Period, quarter
from salescli.rounding import on_side, to_cent
from salescli.rules import indicators, process, words
from salescli.rules.books import Books
from salescli.rules.indicators import Inputs

# the customer indicators' computations are in `indicators.py`; the reports read them here too
from salescli.rules.indicators import churn_flags as churn_flags
from salescli.rules.indicators import new_customer_ids as new_customer_ids
from salescli.rules.indicators import surveys_in as surveys_in
from salescli.rules.process import UNASSIGNED

# the honours (5.3) as codes; people's outputs show their labels in the output's language
# (salescli.labels.VALUE_LABELS, the cells catalogue), machine outputs the codes
CHAMPION = "sales_champion"
STAR = "sales_star"
PROMOTION = "promotion_candidate"
HONOURS = (CHAMPION, STAR, PROMOTION)
# the indicators of each group, as the registry (`indicators.INDICATORS`) declares them
CUSTOMER_INDICATORS = indicators.names("customer")
PROCESS_INDICATORS = indicators.names("process")


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


def unassigned_note(data: Books, period: Period) -> Msg | None:
    """The warning for the period's sales nobody owns: how many lines and how much."""
    lines = process.unassigned(process.in_period(data.orders, "order_date", period))
    if lines.empty:
        return None
    return n_(
        "{n} order line in {period} (amount {amount:,.2f}) has no rep and its customer no "
        "owner: shown as {unassigned}, with no target, bonus, score or honour (fill in the rep, "
        "or the customer's rep in the customer file)",
        "{n} order lines in {period} (amount {amount:,.2f}) have no rep and their customer no "
        "owner: shown as {unassigned}, with no target, bonus, score or honour (fill in the rep, "
        "or the customer's rep in the customer file)",
        len(lines),
        period=period.label,
        amount=float(lines["amount"].sum()),
        unassigned=UNASSIGNED,
    )


def _months(period: Period) -> list[Period]:
    return period.months() if period.kind != "week" else []


# --- 5.1 performance -----------------------------------------------------------------------


def performance(data: Books, period: Period, policy: Policy, reps: list[str]) -> pd.DataFrame:
    """amount, quantity, profit, target and attainments, and the performance score."""
    out = rep_figures(data, period, reps)
    inputs = Inputs(data, period, policy, reps, out)
    for indicator in indicators.of("performance"):
        out = out.join(indicator.compute(inputs))
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


def target_mismatches(targets: pd.DataFrame | None, period: Period) -> list[Msg]:
    """The reps whose target row for the quarter (year) itself and its months' rows disagree:
    the period's attainment uses its own row (`rep_targets`), each month its month's, so the
    two are measured against different targets; one warning per rep."""
    if targets is None or period.kind not in ("quarter", "year"):
        return []
    whole = targets[targets["period"] == period.label].groupby("rep")["target"].sum()
    months = targets[targets["period"].isin([m.label for m in period.months()])]
    parts = months.groupby("rep")["target"].sum()
    both = whole.index.intersection(parts.index)
    return [
        _(
            "targets of {rep}: {period} is {whole:,.2f}, but its months add up to "
            "{months:,.2f}: {period}'s attainment uses {whole:,.2f}, each month (and the "
            "performance score, the mean of the months') its own (make them agree)",
            rep=str(rep),
            period=period.label,
            whole=float(whole[rep]),
            months=float(parts[rep]),
        )
        for rep in sorted(both, key=str)
        if abs(float(whole[rep]) - float(parts[rep])) >= 0.005
    ]


def company_target(targets: pd.DataFrame | None, period: Period) -> float:
    """The sum of the reps' targets (`rep_targets`); empty when no rep has one."""
    return float(rep_targets(targets, period)["target"].sum(min_count=1))


def _performance_score(frame: pd.DataFrame, policy: Policy) -> pd.Series:
    """The weighted mean of the performance indicators' scores (their weights: the policy's)."""
    parts = [
        (indicator.score(frame[indicator.name], policy), indicator.weight_of(policy))
        for indicator in indicators.of("performance")
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
    """The monthly appraisal: sales performance and the bonus. The bonus is paid from the
    figures the appraisal publishes, so a reader recomputes it from its row: the multiplier
    of the published attainment (`published_ratio`: on its side of the floor and of 100 %),
    itself published to RATIO_DECIMALS, times the base, to the cent (all half up, as by
    hand or in Excel: 5,000 x 1.087938 is 5,439.69)."""
    out = performance(data, month, policy, reps)
    shown = published_ratio(out["attainment"], "attainment", policy)
    multiplier = bonus_multiplier(shown, policy)
    out["bonus_multiplier"] = published_ratio(multiplier, "bonus_multiplier", policy)
    base = out["base_bonus"].fillna(policy.bonus.base)
    out["bonus"] = (base * out["bonus_multiplier"]).fillna(0.0).map(to_cent)
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
    from salescli.rules.columns import is_score

    blank = [c for c in frame.columns if c in NOT_FOR_NOBODY or is_score(c)]
    frame = frame.copy()
    for column in blank:
        frame[column] = frame[column].where(frame.index != UNASSIGNED)
    if "promotion_candidate" in frame:
        frame["promotion_candidate"] = frame["promotion_candidate"].mask(
            frame.index == UNASSIGNED, pd.NA
        )
    return frame


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
    inputs = Inputs(data, period, policy, reps, out)
    for indicator in indicators.quarterly():
        out = out.join(indicator.compute(inputs))
    for indicator in indicators.quarterly():
        out[f"{indicator.name}_score"] = indicator.score(out[indicator.name], policy)
    scored = [g for g in indicators.groups() if g.name != "performance"]  # monthly, as one
    for group in scored:
        out[group.score] = _group(out, indicators.names(group.name))
    out["quantitative_score"] = weighted_mean(
        [(out[group.score], group.weight_of(policy)) for group in indicators.groups()]
    )
    out = out.join(_reviews(data.reviews, period, reps))
    quantitative = policy.scoring.weight_quantitative
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
    """Each indicator scored below the training line names a training need. A score is
    compared as the appraisal publishes it (`published_decimals`: 2), as the final score is
    graded: the quarter's performance score, the mean of three months' 51.3, 77.1 and 51.6,
    is 60, not below it, and one of 59.996, published 60.00, names no need beside it."""
    names = ["performance", *(i.name for i in indicators.quarterly())]
    columns = {n: _score_as_published(frame[f"{n}_score"], f"{n}_score") for n in names}
    below = pd.DataFrame({n: s < policy.scoring.training_below for n, s in columns.items()})
    return (
        below.apply(lambda row: ", ".join(n for n in names if row[n]), axis=1)
        .astype("string")
        .where(lambda s: s != "")
    )


def _score_as_published(values: pd.Series, name: str) -> pd.Series:
    places = published_decimals(name)
    return values if places is None else values.round(places)


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


def star_tie_note(frame: pd.DataFrame, policy: Policy, score: str) -> Msg | None:
    """The note naming the reps tied with the last sales star on every key (5.3)."""
    stars, tied = star_ranking(frame, policy, score)
    if not tied:
        return None
    return _(
        "sales star ties: {tied} equal {last} (the last of {stars} stars) on {score}, "
        "attainment and amount: named here, not honoured",
        tied=", ".join(tied),
        last=stars[-1],
        stars=policy.honours.stars,
        score=SCORE_WORDS[score],
    )


# the scores the sales stars are ranked by, in words
SCORE_WORDS = {"final_score": _("final score"), "performance_score": _("performance score")}


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
            else _("nothing")
        )
        said = _("{year}: orders cover {span}", year=year_label, span=span)
        if self.partial:
            said = _(
                "{said}; {quarters} only partly covered: not scored",
                said=said,
                quarters=_labels(self.partial),
            )
        if self.outside:
            said = _(
                "{said}; {quarters} not covered: not scored",
                said=said,
                quarters=_labels(self.outside),
            )
        if not self.scored:
            return [_("{said}; no quarter is scored", said=said)]
        return [
            _(
                "{said}; the year is the mean of {quarters}; amount, target and attainment are "
                "theirs; promotion candidates need all four quarters",
                said=said,
                quarters=_labels(self.scored),
            )
        ]


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
    quarters = {q: _as_published(quarterly(data, q, policy, reps), data, q) for q in covered.scored}
    if len(quarters) == 4:
        out = performance(data, period, policy, reps)[["amount", "target", "attainment"]].copy()
    else:  # the covered quarters' own figures: a part of the year against its whole target
        out = pd.DataFrame(index=pd.Index(reps, name="rep"))  # would read as a shortfall
        parts = list(quarters.values())
        out["amount"] = sum((f["amount"] for f in parts), pd.Series(0.0, index=out.index))
        targets = pd.concat([f["target"] for f in parts], axis=1) if parts else None
        out["target"] = targets.sum(axis=1, min_count=1) if targets is not None else np.nan
        out["amount"] = out["amount"].round(2)
        out["attainment"] = indicators.attainment(out["amount"], out["target"])
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


def _as_published(frame: pd.DataFrame, data: Books, period: Period) -> pd.DataFrame:
    """A quarter's scores as its own appraisal publishes them: a rep it does not appraise
    (no target, order or owned customer in it: one who joined later or had left) has no
    score or grade there, so the year's mean leaves that quarter out instead of counting 0."""
    shown = frame.index.isin(appraised_reps(data, period))
    return frame.assign(
        final_score=frame["final_score"].where(shown), grade=frame["grade"].where(shown)
    )


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


def quarter_columns() -> list[str]:
    """A quarter's appraisal table: each quarterly indicator of the registry and its score."""
    return [
        *PERFORMANCE_COLUMNS,
        "bonus",
        *[c for i in indicators.quarterly() for c in (i.name, f"{i.name}_score")],
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


QUARTER_COLUMNS = quarter_columns()
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
    columns = {"month": MONTH_COLUMNS, "quarter": quarter_columns(), "year": YEAR_COLUMNS}[
        period.kind
    ]
    frame = compute(data, period, policy, reps)
    frame = frame.assign(period=period.label).reset_index()
    table = frame[columns].copy()
    for name in table.columns:
        places = published_decimals(name)
        if name in ratio_limits(policy):
            table[name] = published_ratio(table[name], name, policy)
        elif places is not None:
            table[name] = table[name].round(places)
    return table, frame


# the appraisal publishes a ratio (attainment, a rate, the bonus multiplier) to the 6 decimals
# the data dictionary declares for it (`salescli schema appraise`), the bonus paid from them
RATIO_DECIMALS = 6


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


def attainment_limits(policy: Policy) -> tuple[float, ...]:
    """The attainments a rep's is compared with: the bonus floor, 100 % (where the bonus
    accelerates, and the attainment goal), a sales star's minimum and the report's low
    attainment line."""
    limits = (
        policy.bonus.floor,
        1.0,
        policy.goals.attainment,
        policy.honours.star_min_attainment,
        policy.report.low_attainment,
    )
    return tuple(dict.fromkeys(limits))


def ratio_limits(policy: Policy) -> dict[str, tuple[float, ...]]:
    """The ratios a rule compares with a limit, and those limits: a table, a sentence or a
    cell shows each on its own side of them (59.996 % by a 60 % floor, never 60.0 %)."""
    attainment = attainment_limits(policy)
    return {
        "attainment": attainment,
        "month_attainment": attainment,
        "bonus_multiplier": (1.0,),
    }


def published_ratio(values: pd.Series, name: str, policy: Policy) -> pd.Series:
    """A ratio as the appraisal publishes it: RATIO_DECIMALS decimals, half up as a hand
    computation rounds, on its side of each of its limits (`ratio_limits`): 0.5999996 by a
    0.6 floor is 0.599999, not 0.6."""
    beside = ratio_limits(policy).get(name, ())
    return values.astype("float64").map(lambda v: on_side(v, RATIO_DECIMALS, beside))


def ranked_score(period: Period) -> str:
    """The score the sales stars of a period are ranked by: a month's performance score, a
    quarter's or year's final score."""
    return "performance_score" if period.kind == "month" else "final_score"


def missing_data_notes(frame: pd.DataFrame, period: Period) -> list[str]:
    """Say which indicators had no data (left out of their group, never counted as zero)."""
    notes: list[str] = []
    for name in [
        "target",
        *(i.name for i in indicators.quarterly()),
        "profit",
        "qualitative_score",
    ]:
        empty = frame[name].isna() & (frame["rep"] != UNASSIGNED) if name in frame else None
        if empty is not None and empty.any():
            reps = frame.loc[empty, "rep"].tolist()
            who = (
                _("every rep")
                if len(reps) == len(frame)
                else ", ".join(map(str, reps[:8])) + ("…" if len(reps) > 8 else "")
            )
            notes.append(
                _(
                    "no {name} data in {period} for {who}: left out, not counted as zero",
                    name=words.ColumnName(name),  # its label in Chinese
                    period=str(period),
                    who=who,
                )
            )
    quarter_only = _quarter_target_only(frame, period)
    if quarter_only:
        notes.append(
            _(
                "no monthly targets in {period} for {who}, only the quarter's: a quarter's "
                "performance score is the mean of its months' scores, so it is left out and the "
                "final score is customer management and sales process alone (give the months "
                "their targets)",
                period=str(period),
                who=", ".join(quarter_only[:8]) + ("…" if len(quarter_only) > 8 else ""),
            )
        )
    return notes


def _quarter_target_only(frame: pd.DataFrame, period: Period) -> list[str]:
    """The reps of a quarter with a target but no monthly performance score: their targets
    are the quarter's own rows, and the performance group (5.2) has nothing to average."""
    if period.kind != "quarter" or "performance_score" not in frame:
        return []
    alone = (
        frame["target"].notna() & frame["performance_score"].isna() & (frame["rep"] != UNASSIGNED)
    )
    return [str(rep) for rep in frame.loc[alone, "rep"]]


# --- what each figure is, in words (the data dictionary, --explain) ------------------------


def definitions(policy: Policy) -> dict[str, Msg]:
    """The meaning of each appraisal column, from the rules and the policy values that compute
    it (a score's range reaches 100 x the cap: 120 by default), as messages (English as text,
    Chinese through the catalogue)."""
    scoring, days, bonus = policy.scoring, policy.customers, policy.bonus
    top = _("0 to {top:g}", top=100 * scoring.cap)
    grades = policy.grades
    formula = {i.name: i.formula for i in indicators.INDICATORS}
    amount, quantity, profit = (i.weight_of(policy) for i in indicators.of("performance"))
    performance, customer, process_ = (g.weight_of(policy) for g in indicators.groups())
    out = {
        "attainment": _("{formula} (1.0 = 100 %), uncapped.", formula=formula["attainment"]),
        "performance_score": _(
            "Sales performance score, {top}: the weighted mean of 100 x clip(attainment / "
            "goal, 0, {cap:g}) over the amount (weight {amount:g}, goal {goal:g}), quantity "
            "({quantity:g}) and profit ({profit:g}) attainments that have a target; a "
            "quarter's is the mean of its months'.",
            top=top,
            cap=scoring.cap,
            amount=amount,
            goal=indicators.named("attainment").goal_of(policy),
            quantity=quantity,
            profit=profit,
        ),
        "bonus_multiplier": _(
            "0 below {floor:.0%} attainment, the attainment up to 100 %, then 1 + "
            "{accelerator:g} x (attainment - 1), at most {cap:g}.",
            floor=bonus.floor,
            accelerator=bonus.accelerator,
            cap=bonus.cap,
        ),
        "bonus": _(
            "Base bonus (the target row's base_bonus, else the policy's) x bonus_multiplier."
        ),
        "satisfaction": _(
            "Mean survey score of the period on a 0-100 scale (a 1-5 survey x 20, 1-10 x 10)."
        ),
        "churn_rate": _(
            "{formula}: base = owned customers with an order in the {base_days} days before the "
            "period; churned = those of the base with no order in the {churn_days} days ending "
            "on its last day.",
            formula=formula["churn_rate"],
            base_days=days.base_days,
            churn_days=days.churn_days,
        ),
        "conversion_rate": _(
            "{formula} among the opportunities closed in the period.",
            formula=formula["conversion_rate"],
        ),
        "on_time_rate": _(
            "{formula} (an order is due on its latest line's due date; undelivered counts late).",
            formula=formula["on_time_rate"],
        ),
        "expense_ratio": _(
            "{formula} over the period's months (lower is better).",
            formula=formula["expense_ratio"],
        ),
        "customer_score": _(
            "Customer management score, {top}: the mean of its indicator scores that have data.",
            top=top,
        ),
        "process_score": _(
            "Sales process score, {top}: the mean of its indicator scores that have data.",
            top=top,
        ),
        "quantitative_score": _(
            "{top}: {performance:g} performance + {customer:g} customer + {process:g} process, "
            "renormalised over the groups with data.",
            top=top,
            performance=performance,
            customer=customer,
            process=process_,
        ),
        "qualitative_score": _("The manager's review score (reviews table)."),
        "final_score": _(
            "Final appraisal score, {top}: {quantitative:g} x quantitative + {qualitative:g} x "
            "qualitative (quantitative alone without a review), rounded to 2 decimals; a year's "
            "is the mean of its scored quarters'.",
            top=top,
            quantitative=scoring.weight_quantitative,
            qualitative=1 - scoring.weight_quantitative,
        ),
        "grade": _(
            "From the final score: S >= {S:g}, A >= {A:g}, B >= {B:g}, C >= {C:g}, else D.",
            S=grades.S,
            A=grades.A,
            B=grades.B,
            C=grades.C,
        ),
        "training_needs": _(
            "The indicators scored below {below:g}, comma separated.",
            below=scoring.training_below,
        ),
        "honours": _(
            "Honour codes, separated by '; ': {codes} (labels in people's outputs: sales champion "
            "销售冠军, sales star 销售明星, promotion candidate 晋升候选).",
            codes=", ".join(HONOURS),
        ),
    }
    for indicator in indicators.quarterly():
        out[f"{indicator.name}_score"] = _(
            "{indicator} score, {top}: {rule}.",
            indicator=indicator.name,
            top=top,
            rule=indicator.score_rule(policy),
        )
    for number in range(1, 5):
        out[f"q{number}_score"] = _(
            "Final score of Q{number}, {top} (empty: not scored).", number=number, top=top
        )
    return out


QUARTER_SCORES = [f"q{n}_score" for n in range(1, 5)]


def quarter_weights(row: pd.Series) -> dict[str, float]:
    """Each scored quarter's weight in the year's final score: the mean of the quarters with
    a score (`yearly`), so 1 / their number; a quarter without a score weighs nothing."""
    scored = [name for name in QUARTER_SCORES if pd.notna(row.get(name))]
    return {name: 1 / len(scored) for name in scored}
