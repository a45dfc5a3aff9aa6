"""Chapter 4.3 · Analysis and reports (销售数据分析与报告).

The monthly manager report (月报), the rep's weekly report (周报) and the quarterly analysis
pack, as named sections (tables). Every figure uses the definitions of `process.py` and
`appraisal.py`: one definition of each figure in the codebase.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from salescli.config import Policy, VisitSettings
from salescli.i18n import Msg, _
from salescli.periods import Period, WorkCalendar
from salescli.rounding import as_shown
from salescli.rules import appraisal, indicators, process
from salescli.rules.books import Books
from salescli.rules.frames import sets_by
from salescli.rules.process import UNASSIGNED
from salescli.rules.sections import COMPARISON_COLUMNS, Section, comparison_row
from salescli.rules.words import METHODS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import date

    from salescli.rules.customers import VisitWindow

DIMENSIONS = {
    "by_region": "region",
    "by_category": "category",
    "by_customer_group": "customer_group",
}
BREAKDOWN_TITLES = {
    "by_region": _("By region"),
    "by_category": _("By category"),
    "by_customer_group": _("By customer group"),
}
MEASURES = ["amount", "quantity", "profit"]


# the order columns a report reads: the appraisal's and the dimensions it breaks figures down by
ORDER_COLUMNS = [*appraisal.ORDER_COLUMNS, "customer_name", "region", "customer_group", "category"]


# the member of a breakdown for lines that hold none (no region on the line or its customer):
# shown, so the members add up to the company's figures
BLANK = "(blank) 未填写"
# the quarterly pack's appraisal, in brief
PACK_APPRAISAL_COLUMNS = [
    "rep",
    "amount",
    "target",
    "attainment",
    "performance_score",
    "customer_score",
    "process_score",
    "final_score",
    "grade",
    "honours",
]


def with_dimensions(data: Books, customers: pd.DataFrame | None) -> Books:
    """New books whose order lines have region and customer group, from the customer file where
    missing, else BLANK; `data` is left as it was."""
    orders = process.with_customer_columns(
        data.orders, customers, ["region", "customer_group", "category"]
    )
    for column in [c for c in DIMENSIONS.values() if c in orders]:
        if orders[column].isna().any():
            orders = orders.assign(**{column: orders[column].astype("string").fillna(BLANK)})
    return replace(data, orders=orders)


# --- company figures -----------------------------------------------------------------------


def figures(data: Books, period: Period) -> dict[str, float]:
    """The company's figures: each the sum of the reps' (`appraisal.rep_figures`, the sales
    nobody owns included), so the summary always equals the sum of by_rep."""
    reps = appraisal.rep_figures(data, period, appraisal.appraised_reps(data, period))
    amount = round(float(reps["amount"].sum()), 2)
    profit = round(float(reps["profit"].sum(min_count=1)), 2)
    orders = float(reps["orders"].sum())
    target = float(reps["target"].sum(min_count=1))
    return {
        "amount": amount,
        "quantity": float(reps["quantity"].sum(min_count=1)),
        "profit": profit,
        "margin": _div(profit, amount),
        "target": target,
        "attainment": _div(amount, target),
        "active_customers": float(reps["active_customers"].sum()),
        "orders": orders,
        "average_order_value": round(_div(amount, orders), 2),
    }


def _div(numerator: float, denominator: float) -> float:
    if denominator is None or pd.isna(denominator) or denominator == 0 or pd.isna(numerator):
        return np.nan
    return numerator / denominator


def summary(data: Books, period: Period) -> pd.DataFrame:
    """Each company figure with the previous period (环比) and a year earlier (同比); a
    comparison period the orders do not cover is empty (`reached`), not zero."""
    now, prev, last = (
        figures(data, p) if reached(data, p) else _not_covered(figures(data, p))
        for p in (period, period.previous(), period.same_last_year())
    )
    return _summary_frame(now, prev, last)


# the company figures that are ratios: their changes are in percentage points (change_pp)
RATIO_FIGURES = ("margin", "attainment")


def reached(data: Books, period: Period) -> bool:
    """Whether the orders reach the period: one that ends before the first order line is not
    a period without sales, and its figures are unknown (empty, not 0). One the first order
    falls inside is the company's start, counted as it is (as `coverage` warns of no start)."""
    first = data.orders["order_date"].min() if len(data.orders) else pd.NaT
    return pd.notna(first) and first <= pd.Timestamp(period.end)


def coverage_gaps(data: Books, periods: list[Period]) -> list[Msg]:
    """The notes of the comparison periods the orders do not cover."""
    first = data.orders["order_date"].min() if len(data.orders) else pd.NaT
    start = first.date() if pd.notna(first) else "nowhere"
    return [
        _(
            "the orders start {start}, after {period} ended: no figures for {period}",
            start=start,
            period=p.label,
        )
        for p in dict.fromkeys(periods)
        if not reached(data, p)
    ]


def _known(values: pd.Series, known: bool) -> pd.Series:
    """The figures of a comparison period, or empty ones where the orders do not reach it."""
    return values if known else pd.Series(np.nan, index=values.index, dtype="float64")


def _not_covered(values: dict[str, float]) -> dict[str, float]:
    """A period's figures when the orders do not cover it: unknown, except its target (from
    the targets table)."""
    return {name: (v if name == "target" else np.nan) for name, v in values.items()}


def _summary_frame(
    now: dict[str, float], prev: dict[str, float], last: dict[str, float]
) -> pd.DataFrame:
    """One row per figure: this period, the previous one and a year earlier, with changes (a
    ratio's in percentage points)."""
    rows = [
        comparison_row(name, now[name], prev[name], last[name], name in RATIO_FIGURES)
        for name in now
    ]
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def breakdown(data: Books, period: Period, dimension: str) -> pd.DataFrame:
    """amount, quantity, profit, margin per member, each measure with prev/mom/last_year/yoy."""
    if dimension not in data.orders:
        return pd.DataFrame(columns=[dimension, *MEASURES, "margin"])
    current = _measures(data, period, dimension)
    previous = _measures(data, period.previous(), dimension)
    last = _measures(data, period.same_last_year(), dimension)
    members = current.index.union(previous.index).union(last.index)
    out = current.reindex(members).fillna(0.0)
    out["margin"] = process.ratio(out["profit"], out["amount"])
    # a comparison period the orders do not cover has no figures: empty, not 0
    prev_known = reached(data, period.previous())
    last_known = reached(data, period.same_last_year())
    for measure in MEASURES:
        out[f"{measure}_prev"] = previous[measure].reindex(members).fillna(0.0)
        out[f"{measure}_prev"] = _known(out[f"{measure}_prev"], prev_known)
        out[f"{measure}_mom"] = process.ratio(out[measure], out[f"{measure}_prev"]) - 1
        out[f"{measure}_last_year"] = last[measure].reindex(members).fillna(0.0)
        out[f"{measure}_last_year"] = _known(out[f"{measure}_last_year"], last_known)
        out[f"{measure}_yoy"] = process.ratio(out[measure], out[f"{measure}_last_year"]) - 1
    out = out.round(6).sort_values("amount", ascending=False, kind="stable")
    return out.rename_axis(dimension).reset_index()


def _measures(data: Books, period: Period, dimension: str) -> pd.DataFrame:
    lines = process.in_period(data.orders, "order_date", period)
    line_profit = process.profit(lines)
    frame = pd.DataFrame(
        {
            dimension: lines[dimension],
            "amount": lines["amount"],
            "quantity": lines.get("quantity", np.nan),
            "profit": line_profit if line_profit is not None else np.nan,
        }
    )
    return frame.groupby(dimension).sum(min_count=1).round(2)


def by_rep(data: Books, period: Period, policy: Policy) -> pd.DataFrame:
    reps = appraisal.appraised_reps(data, period)
    now = appraisal.performance(data, period, policy, reps)
    before = appraisal.performance(data, period.previous(), policy, reps)
    out = now[["amount", "orders", "active_customers", "target", "attainment"]].copy()
    ranked = out["amount"].where(out.index != UNASSIGNED)  # sales nobody owns rank nowhere
    out["rank"] = ranked.rank(ascending=False, method="min").astype("Int64")
    out["amount_prev"] = _known(before["amount"], reached(data, period.previous()))
    out["amount_mom"] = process.ratio(out["amount"], out["amount_prev"]) - 1
    return out.sort_values(["rank"], kind="stable", na_position="last").reset_index()


def trend(data: Books, period: Period, months: int) -> pd.DataFrame:
    """Monthly amount over the months ending with the period's last month."""
    last = period.months()[-1]
    rows = []
    for step in range(months - 1, -1, -1):
        month = last.shift(-step)
        lines = process.in_period(data.orders, "order_date", month)
        amount = round(float(lines["amount"].sum()), 2) if reached(data, month) else np.nan
        rows.append((month.label, amount, appraisal.company_target(data.targets, month)))
    return pd.DataFrame(rows, columns=["month", "amount", "target"])


# --- customers -----------------------------------------------------------------------------


def customer_sections(
    data: Books,
    period: Period,
    policy: Policy,
    classes: pd.DataFrame | None,
    class_source: str = "",
) -> list[Section]:
    """Customer counts, at-risk customers, purchases by class (their classes' source in the
    notes: `class_source`), satisfaction and the top customers."""
    said = (_("classes: {source}", source=class_source),) if class_source else ()
    lines = process.in_period(data.orders, "order_date", period)
    flags = appraisal.churn_flags(data.orders, period, policy)
    at_risk = at_risk_customers(data, period, policy, classes)
    rows = [
        (
            "active_customers",
            process.orders_of(lines)["customer_id"].nunique(),
            _("customers with an order"),
        ),
        (
            "new_customers",
            len(appraisal.new_customer_ids(data.orders, period)),
            _("first order ever in the period"),
        ),
        (
            "churn_base",
            len(flags),
            _("an order in the {days} days before", days=policy.customers.base_days),
        ),
        (
            "churned",
            int(flags.sum()),
            _("of them, no order in the last {days} days", days=policy.customers.churn_days),
        ),
        (
            "at_risk",
            len(at_risk),
            _("A or B customers with no order in {days} days", days=policy.report.at_risk_days),
        ),
    ]
    counts = pd.DataFrame(
        {
            "figure": [figure for figure, _n, _d in rows],
            "customers": [n for _f, n, _d in rows],
            # messages, said in the output's language (pandas would make them plain text)
            "definition": pd.Series([d for _f, _n, d in rows], dtype=object),
        }
    )
    churn_rate = process.ratio(pd.Series([float(flags.sum())]), pd.Series([float(len(flags))]))
    sections = [
        Section(
            "customers",
            counts,
            _("Customers"),
            (
                _("churn rate {rate:.1%}", rate=as_shown(churn_rate.iloc[0], 3))
                if pd.notna(churn_rate.iloc[0])
                else _("churn rate: no base"),
            ),
        ),
        Section("at_risk", at_risk, _("At-risk customers"), said),
    ]
    if classes is not None:
        sections.append(
            Section(
                "by_class",
                by_class(lines, classes),
                _("Purchases by class"),
                (*said, _("amount and orders in {period}", period=period.label)),
            )
        )
    satisfied = satisfaction_by(data, period, policy, "region")
    sections.append(
        Section(
            "satisfaction",
            satisfied,
            _("Satisfaction by region"),
            (satisfaction_gap(data, period),) if satisfied.empty else (),
        )
    )
    sections.append(
        Section(
            "top_customers",
            top_customers(lines, policy.report.top_customers),
            _("Top {top_customers} customers", top_customers=policy.report.top_customers),
        )
    )
    return sections


AT_RISK_COLUMNS = ["customer_id", "customer_name", "rep", "class", "last_order", "days_since"]
# a week's opportunities: those created in it and those due for a follow-up the next week
OPPORTUNITY_COLUMNS = [
    "rep",
    "opportunity_id",
    "customer_id",
    "stage",
    "expected_amount",
    "created_on",
    "next_follow_up",
]


def at_risk_customers(
    data: Books, period: Period, policy: Policy, classes: pd.DataFrame | None
) -> pd.DataFrame:
    """A or B customers with no order in the `at_risk_days` up to the period's end."""
    columns = AT_RISK_COLUMNS
    if classes is None:
        return pd.DataFrame(columns=columns)
    end = pd.Timestamp(period.end)
    history = process.orders_of(data.orders)
    history = history[history["order_date"] <= end]
    last = history.groupby("customer_id")["order_date"].max()
    key = classes[classes["class"].isin(["A", "B"])].copy()
    key["last_order"] = key["customer_id"].map(last)
    key["days_since"] = (end - key["last_order"]).dt.days
    risky = key[key["last_order"].isna() | (key["days_since"] > policy.report.at_risk_days)]
    return (
        risky.reindex(columns=columns)
        .sort_values(["rep", "days_since"], ascending=[True, False], kind="stable")
        .reset_index(drop=True)
    )


def by_class(lines: pd.DataFrame, classes: pd.DataFrame) -> pd.DataFrame:
    """Purchase frequency (orders per active customer) and average order value by class."""
    customer_class = lines["customer_id"].map(classes.set_index("customer_id")["class"]).fillna("-")
    grouped = lines.assign(customer_class=customer_class).groupby("customer_class")
    orders = process.orders_of(lines.assign(customer_class=customer_class))
    ordered = orders.groupby("customer_class")
    out = pd.DataFrame(
        {
            "customers": classes.groupby("class").size(),
            "active_customers": ordered["customer_id"].nunique(),
            "orders": ordered["order_id"].nunique(),
            "amount": grouped["amount"].sum().round(2),
        }
    ).fillna(0)
    out["orders_per_customer"] = process.ratio(out["orders"], out["active_customers"])
    out["average_order_value"] = process.ratio(out["amount"], out["orders"]).round(2)
    return out.rename_axis("class").reset_index()


def satisfaction_by(data: Books, period: Period, policy: Policy, column: str) -> pd.DataFrame:
    surveys = appraisal.surveys_in(data, period, policy)
    if surveys is None or data.customers is None or column not in data.customers:
        return pd.DataFrame(columns=[column, "satisfaction", "surveys"])
    groups = data.customers.drop_duplicates("customer_id").set_index("customer_id")[column]
    grouped = surveys["score_100"].groupby(surveys["customer_id"].map(groups))
    out = pd.DataFrame({"satisfaction": grouped.mean().round(2), "surveys": grouped.size()})
    return out.rename_axis(column).reset_index()


def satisfaction_gap(data: Books, period: Period) -> Msg:
    """Why a period has no satisfaction figures: no surveys at all, none dated in it (surveys
    are often quarterly: the months that have some are named), or no region to group by."""
    if data.satisfaction is None or not len(data.satisfaction):
        return _("no satisfaction table: no surveys to report")
    dates = data.satisfaction["survey_date"].dropna()
    inside = (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))
    if not inside.any():
        months = sorted({f"{d:%Y-%m}" for d in dates if d <= pd.Timestamp(period.end)})[-4:]
        return _(
            "no satisfaction survey is dated in {period}: the surveys are dated in {when} (the "
            "quarter's report and appraisal use them)",
            period=period.label,
            when=", ".join(months) if months else _("after it"),
        )
    return _("the customer file has no region: satisfaction by region left out")


def top_customers(lines: pd.DataFrame, count: int) -> pd.DataFrame:
    """The customers with the largest amounts; each with the rep its sales count for
    (`process.counted_for`) and its latest name, so no figure depends on the row order."""
    top = lines.groupby("customer_id").agg(amount=("amount", "sum"))
    orders = process.orders_of(lines).groupby("customer_id")["order_id"].nunique()
    top["orders"] = orders.reindex(top.index).fillna(0).astype(int)
    top["amount"] = top["amount"].round(2)
    total = round(float(top["amount"].sum()), 2)
    if "customer_name" in lines:
        top.insert(0, "customer_name", process.latest_value(lines, "customer_name"))
    if "rep" in lines:
        top.insert(len(top.columns) - 2, "rep", process.counted_for(lines, "customer_id"))
    top = top.sort_values(["amount"], ascending=False, kind="stable").head(count).reset_index()
    top["share"] = top["amount"] / total if total else np.nan
    return top


# --- pipeline, delivery, market ------------------------------------------------------------


def pipeline_sections(data: Books, period: Period) -> list[Section]:
    if data.opportunities is None:
        return []
    opportunities = data.opportunities.assign(
        outcome=process.opportunity_outcome(data.opportunities)
    )
    stage = opportunities.get("stage", "-")
    amount = (
        opportunities["expected_amount"]
        if "expected_amount" in opportunities
        else pd.Series(np.nan, index=opportunities.index)
    )
    funnel = (
        opportunities.assign(stage=stage, expected_amount=amount)
        .groupby(["outcome", "stage"])
        .agg(opportunities=("opportunity_id", "size"), expected_amount=("expected_amount", "sum"))
        .reset_index()
    )
    conversion = process.conversion(data.opportunities, period)
    won, lost = conversion["won"].sum(), conversion["lost"].sum()
    rate = won / (won + lost) if won + lost else None
    return [
        Section(
            "pipeline",
            funnel,
            _("Opportunities by outcome and stage"),
            (
                _(
                    "conversion rate {period}: {won} won / {closed} closed = {rate:.1%}",
                    period=period.label,
                    won=won,
                    closed=won + lost,
                    rate=as_shown(rate, 3),
                )
                if rate is not None
                else _(
                    "conversion rate {period}: {won} won / {closed} closed",
                    period=period.label,
                    won=won,
                    closed=won + lost,
                ),
            ),
        ),
        Section("conversion", conversion, _("Conversion by rep")),
        Section(
            "overdue_follow_ups",
            overdue_follow_ups(opportunities, period.end),
            _("Open opportunities with an overdue follow-up"),
        ),
    ]


def overdue_follow_ups(opportunities: pd.DataFrame, day: date) -> pd.DataFrame:
    columns = ["rep", "opportunity_id", "customer_id", "stage", "next_follow_up", "days_overdue"]
    if "next_follow_up" not in opportunities:
        return pd.DataFrame(columns=columns)
    outcome = opportunities.get("outcome", process.opportunity_outcome(opportunities))
    late = opportunities[
        (outcome == "open") & (opportunities["next_follow_up"] < pd.Timestamp(day))
    ].copy()
    late["days_overdue"] = (pd.Timestamp(day) - late["next_follow_up"]).dt.days
    return (
        late.reindex(columns=columns)
        .sort_values(["rep", "next_follow_up"], kind="stable")
        .reset_index(drop=True)
    )


def delivery_sections(data: Books, period: Period) -> list[Section]:
    sections = []
    for column, title in (
        ("region", _("On-time delivery by region")),
        ("category", _("On-time delivery by category")),
    ):
        if column in data.orders:
            sections.append(
                Section(
                    f"delivery_{column}", process.on_time(data.orders, period, by=column), title
                )
            )
    sections.append(
        Section(
            "late_orders",
            process.late_orders(data.orders, period),
            _("Orders not delivered on time"),
        )
    )
    return sections


def market_section(data: Books, market: pd.DataFrame | None, period: Period) -> list[Section]:
    """Market share by region/category and the named competitors' amounts (4.3): our amount
    over exactly the market row's period, against its market size. The market period is the
    report's own when the market table has it, else the latest one that has ended by the
    report's last day (`market_period`), and the notes say which: a report never counts sales
    after its own last day. A market period the orders do not reach has no amount or share of
    ours (empty, not 0)."""
    if market is None or not len(market):
        return []
    span = market_period(market["period"].dropna().astype(str).unique(), period)
    if span is None:
        return [
            Section(
                "market",
                pd.DataFrame(columns=["period"]),
                _("Market"),
                (
                    _(
                        "no market rows for {period} or a period ended before {end}: market "
                        "share left out",
                        period=period.label,
                        end=period.end,
                    ),
                ),
            )
        ]
    notes: list[str] = []
    if span.label != period.label:
        notes.append(
            _(
                "market period {span}: the latest in the market table ended by {end} (none "
                "for {period}); our amount is {span}'s",
                span=span.label,
                end=period.end,
                period=period.label,
            )
        )
    rows = market[market["period"] == span.label]
    key = "region" if "region" in rows and rows["region"].notna().any() else "category"
    ours = process.in_period(data.orders, "order_date", span).groupby(key)["amount"].sum()
    size = rows.groupby(key)["market_size"].max()
    out = pd.DataFrame({"market_size": size, "amount": ours.reindex(size.index).fillna(0.0)})
    if not reached(data, span):
        out["amount"] = np.nan
        notes += [
            _("{gap}: our amount and share in the market are left empty", gap=gap)
            for gap in coverage_gaps(data, [span])
        ]
    out["share"] = process.ratio(out["amount"], out["market_size"])
    rivals = (
        rows.pivot_table(index=key, columns="competitor", values="competitor_amount", aggfunc="sum")
        if "competitor" in rows
        else pd.DataFrame()
    )
    for rival in rivals.columns:
        out[f"{rival}_amount"] = rivals[rival]
        out[f"{rival}_share"] = process.ratio(rivals[rival], out["market_size"])
    kinds = {f"{rival}_amount": "money" for rival in rivals.columns}
    kinds.update({f"{rival}_share": "ratio" for rival in rivals.columns})
    out.attrs["market_period"] = span.label  # machine formats keep it as a column
    return [
        Section(
            "market",
            out.rename_axis(key).reset_index(),
            _("Market {span}", span=span.label),
            tuple(notes),
            kinds=kinds,
        )
    ]


def market_period(labels: Iterable[str], period: Period) -> Period | None:
    """The market period a report of `period` uses (4.3): its own when the market table has
    rows for it; else the latest market period that has ended on or before the report's last
    day (of two ending the same day, the longer: a quarter before its last month); None when
    none has ended by then."""
    from salescli.periods import parse_period

    spans = [parse_period(label) for label in labels]
    own = [p for p in spans if p.label == period.label]
    if own:
        return own[0]
    ended = [p for p in spans if p.end <= period.end]
    if not ended:
        return None
    return max(ended, key=lambda p: (p.end, p.end - p.start, p.label))


# --- the reports ---------------------------------------------------------------------------


def period_report(
    data: Books,
    period: Period,
    policy: Policy,
    classes: pd.DataFrame | None,
    market: pd.DataFrame | None,
    class_source: str = "",
) -> list[Section]:
    """The monthly manager report, or the same sections at quarter scale."""
    from salescli.periods import parse_period

    gaps = coverage_gaps(data, [period.previous(), period.same_last_year()])
    sections = [
        Section(
            "summary",
            summary(data, period),
            _("Summary {period}", period=period.label),
            (
                _(
                    "change: against {previous}; yoy: against {last_year}; a ratio's change "
                    "(margin, attainment) in percentage points",
                    previous=period.previous().label,
                    last_year=period.same_last_year().label,
                ),
                *gaps,
            ),
            kinds=dict.fromkeys(["current", "previous", "last_year"], "row"),
        )
    ]
    for name, dimension in DIMENSIONS.items():
        sections.append(
            Section(
                name,
                breakdown(data, period, dimension),
                BREAKDOWN_TITLES[name],
                tuple(gaps),
            )
        )
    sections.append(
        Section(
            "by_rep",
            by_rep(data, period, policy),
            _("By rep"),
            tuple(coverage_gaps(data, [period.previous()])),
        )
    )
    months = trend(data, period, policy.report.trend_months)
    sections.append(
        Section(
            "trend",
            months,
            _("Monthly trend"),
            tuple(coverage_gaps(data, [parse_period(m) for m in months["month"]])[:1]),
        )
    )
    sections += customer_sections(data, period, policy, classes, class_source)
    sections += pipeline_sections(data, period)
    sections += delivery_sections(data, period)
    sections += market_section(data, market, period)
    from salescli.rules.report_duties import period_sections

    return period_sections(sections, data, period, policy)


def weekly_report(
    data: Books,
    week: Period,
    policy: Policy,
    classes: pd.DataFrame | None,
    visits: pd.DataFrame | None,
    calendar: WorkCalendar,
    visit_settings: VisitSettings,
) -> list[Section]:
    """The rep's weekly report: orders against the month's target so far, visits against
    the plan's windows, opportunities and follow-ups, at-risk customers."""
    from salescli.periods import month as month_of
    from salescli.rules.customers import windows_by_class

    thursday = week.start + pd.Timedelta(days=3).to_pytimedelta()
    month = month_of(thursday.year, thursday.month)
    reps = appraisal.appraised_reps(data, week)
    this_week = appraisal.performance(data, week, policy, reps)
    # month to date: the month's figures over the orders dated up to the week's end
    to_date_end = min(week.end, month.end)
    so_far = data.orders[data.orders["order_date"] <= pd.Timestamp(to_date_end)]
    to_date = appraisal.rep_figures(replace(data, orders=so_far), month, reps)["amount"]
    month_target = appraisal.performance(data, month, policy, reps)["target"]
    out = pd.DataFrame(
        {
            "orders": this_week["orders"],
            "amount": this_week["amount"],
            "month_to_date": to_date,
            "month_target": month_target,
        }
    )
    out["month_attainment"] = indicators.attainment(out["month_to_date"], out["month_target"])
    if classes is not None and visits is not None:
        out = out.join(
            _visit_progress(
                classes, visits, week, month, calendar, visit_settings, windows_by_class
            )
        )
    sections = [
        Section(
            "by_rep",
            out.rename_axis("rep").reset_index(),
            _("Week {week}", week=week.label),
            (
                _(
                    "month {month} (the week's Thursday), to date {start}..{end}",
                    month=month.label,
                    start=month.start,
                    end=to_date_end,
                ),
            ),
        )
    ]
    if data.opportunities is not None:
        opportunities = data.opportunities.assign(
            outcome=process.opportunity_outcome(data.opportunities)
        )
        created = (
            process.in_period(opportunities, "created_on", week)
            if "created_on" in opportunities
            else opportunities.iloc[0:0]
        )
        next_week = week.shift(1)
        due = (
            process.in_period(
                opportunities[opportunities["outcome"] == "open"], "next_follow_up", next_week
            )
            if "next_follow_up" in opportunities
            else opportunities.iloc[0:0]
        )
        keep = [c for c in OPPORTUNITY_COLUMNS if c in opportunities]
        sections += [
            Section(
                "new_opportunities",
                created[keep].sort_values(keep[:2]).reset_index(drop=True),
                _("New opportunities this week"),
            ),
            Section(
                "overdue_follow_ups",
                overdue_follow_ups(opportunities, week.end),
                _("Overdue follow-ups"),
            ),
            Section(
                "follow_ups_next_week",
                due[keep].sort_values(keep[:2]).reset_index(drop=True),
                _("Follow-ups due {next_week}", next_week=next_week.label),
            ),
        ]
    sections.append(
        Section(
            "at_risk",
            at_risk_customers(data, week, policy, classes),
            _("At-risk customers"),
        )
    )
    from salescli.rules.report_duties import weekly_sections

    return sections + weekly_sections(data, week, policy)


def _visit_progress(
    classes: pd.DataFrame,
    visits: pd.DataFrame,
    week: Period,
    month: Period,
    calendar: WorkCalendar,
    settings: VisitSettings,
    windows_by_class: Callable[[Period, VisitSettings, WorkCalendar], dict[str, list[VisitWindow]]],
) -> pd.DataFrame:
    """Per rep: visits this week, and the plan's windows open this week with a visit so far."""
    from salescli.rules.customers import windows_since

    windows = windows_by_class(month, settings, calendar)
    done_week = process.in_period(visits, "visit_date", week)
    rows = []
    seen = visits[visits["visit_date"] <= pd.Timestamp(week.end)]
    visited = sets_by(seen["customer_id"], seen["visit_date"].dt.date)
    for customer in classes.rename(columns={"class": "customer_class"}).itertuples(index=False):
        # from the day the customer was filed, as the audit requires them
        for window in windows_since(windows.get(str(customer.customer_class), []), customer):
            if not window.start <= week.start <= window.end:
                continue
            days = visited.get(customer.customer_id, set())
            done = any(window.start <= d <= window.end for d in days)
            rows.append((customer.rep, done))
    progress = (
        pd.DataFrame(rows, columns=["rep", "done"])
        .groupby("rep")
        .agg(windows_open=("done", "size"), windows_done=("done", "sum"))
    )
    progress["visits"] = done_week.groupby("rep").size()
    return progress.fillna(0).astype(int)


# --- the report's parts around its sections (salescli.api.reports puts them together) -------


def contribution_section(
    data: Books,
    period: Period,
    dimensions: tuple[str, ...] = ("region", "category", "rep"),
    gaps: list[Msg] | None = None,
) -> Section:
    """What changed the amount against the previous period, by region, category and rep (or
    the `dimensions` given); nothing when the orders do not cover the previous period
    (`gaps`, its note: by default from `data`'s orders)."""
    from salescli.rules import highlights

    frame = highlights.contribution_table(
        process.in_period(data.orders, "order_date", period),
        process.in_period(data.orders, "order_date", period.previous()),
        list(dimensions),
    )
    gaps = coverage_gaps(data, [period.previous()]) if gaps is None else gaps
    if gaps:  # no previous period to compare with: nothing changed against it that we know
        frame = frame.iloc[0:0]
    return Section(
        "contributions",
        frame,
        _("What changed the amount against {previous}", previous=period.previous().label),
        (_contribution_note(dimensions), *gaps),
    )


def _contribution_note(dimensions: tuple[str, ...]) -> Msg:
    """What the contributions are, naming their dimensions (the reports' three sets by their
    own sentence, so each language joins the names its way)."""
    known = {
        ("region", "category", "rep"): _(
            "each region, category and rep's part of the change in amount, largest first; the "
            "parts of each dimension add up to the whole change"
        ),
        ("category", "customer_name"): _(
            "each category and customer's part of the change in amount, largest first; the "
            "parts of each dimension add up to the whole change"
        ),
        ("rep", "category", "customer_name"): _(
            "each rep, category and customer's part of the change in amount, largest first; "
            "the parts of each dimension add up to the whole change"
        ),
    }
    if dimensions in known:
        return known[dimensions]
    names = [d.replace("_name", "") for d in dimensions]
    named = f"{', '.join(names[:-1])} and {names[-1]}" if names[1:] else names[-1]
    return _(
        "each {named}'s part of the change in amount, largest first; the parts of each "
        "dimension add up to the whole change",
        named=named,
    )


# the week's comparison (4.3.4): the figures of its summary, and the contributions' dimensions
# (a rep's own week: what it sold and to whom, the customers by name)
WEEK_FIGURES = ["amount", "orders", "active_customers", "average_order_value"]
WEEK_DIMENSIONS: tuple[str, ...] = ("region", "category", "rep")
REP_WEEK_DIMENSIONS: tuple[str, ...] = ("category", "customer_name")


def week_comparison(data: Books, week: Period, reps: list[str] | None = None) -> list[Section]:
    """The week against the previous ISO week (环比) and the same ISO week last year (同比): a
    summary of its amount and orders, and the contributions to the change in amount since the
    previous week, by region, category and rep. With `reps`, over those reps' order lines
    only, by category and customer (and rep, for more than one rep). A week before the first
    order of the export is not a week without sales: its figures, and their change, are left
    empty and the notes say so (no contributions without the previous week)."""
    from salescli.rules import coverage

    covered = coverage.coverage(data.orders)
    previous, last_year = week.previous(), week.same_last_year()
    if reps is not None:
        data = replace(data, orders=data.orders[data.orders["rep"].isin(reps)])
    dimensions: tuple[str, ...] = WEEK_DIMENSIONS
    if reps is not None:
        dimensions = ("rep", *REP_WEEK_DIMENSIONS) if len(set(reps)) > 1 else REP_WEEK_DIMENSIONS
        data = replace(data, orders=_with_customer_member(data.orders))

    def reached(period: Period) -> bool:
        return covered.first is not None and covered.first <= period.start

    def week_figures(period: Period) -> dict[str, float]:
        if not reached(period):
            return dict.fromkeys(WEEK_FIGURES, np.nan)
        every = figures(data, period)
        return {name: every[name] for name in WEEK_FIGURES}

    frame = _summary_frame(week_figures(week), week_figures(previous), week_figures(last_year))
    notes = [
        _(
            "change: against {previous}; yoy: against {last_year}",
            previous=previous.label,
            last_year=last_year.label,
        )
    ]
    gaps = [
        _(
            "the orders start {start}, after {period} began: no figures for {period}",
            start=covered.first,
            period=p.label,
        )
        for p in (previous, last_year)
        if not reached(p)
    ]
    if reps is not None:
        notes.append(_("the order lines of {reps}", reps=", ".join(reps)))
    summary = Section(
        "summary",
        frame,
        _("Summary {week}", week=week.label),
        (*notes, *gaps),
        kinds=dict.fromkeys(["current", "previous", "last_year"], "row"),
    )
    parts = contribution_section(data, week, dimensions, gaps[:1] if not reached(previous) else [])
    return [summary, parts]


def _with_customer_member(orders: pd.DataFrame) -> pd.DataFrame:
    """The order lines with `customer_name` as a rep's week shows its customers: each one's
    latest name, with its code when two customers share the name (the code alone without a
    name)."""
    if "customer_id" not in orders:
        return orders
    ids = orders["customer_id"].dropna().astype("string").unique()
    names = pd.Series(ids, index=ids, dtype="string")
    if "customer_name" in orders:
        latest = process.latest_value(orders, "customer_name").astype("string")
        latest.index = latest.index.astype("string")
        names = latest.reindex(names.index).fillna(names)
        shared = names.duplicated(keep=False)
        codes = names.index.to_series().astype("string")
        names[shared] = names[shared] + " (" + codes[shared] + ")"
    member = orders["customer_id"].astype("string").map(names)
    return orders.assign(customer_name=member)


def highlights_section(rows: list[tuple[str, str]], period: Period) -> Section:
    """The analysis in words (4.3.4): one (sentence, source table's heading) per fact."""
    return Section(
        "highlights",
        pd.DataFrame(rows, columns=["highlight", "source"], dtype="string"),
        _("Highlights {period}", period=period.label),
    )


def quarter_extras(
    data: Books, period: Period, policy: Policy, classified: pd.DataFrame, class_source: str
) -> list[Section]:
    """The quarterly pack's own sections: class movements, customers by class (from the pack's
    classification of its quarter) and the appraisal."""
    from salescli.rules import customers as customer_rules

    reps = appraisal.appraised_reps(data, period)
    table, frame = appraisal.appraise(data, period, policy, reps)
    return [
        Section(
            "class_moves",
            customer_rules.move_matrix(classified),
            _("Class movements (previous class → class)"),
            (
                _(
                    "classes: {source}; previous: the customer file's class column",
                    source=class_source,
                ),
            ),
            kinds=dict.fromkeys(customer_rules.CLASS_ORDER, "count"),
        ),
        Section(
            "class_summary",
            customer_rules.class_summary(classified),
            _("Customers by class"),
            (
                _(
                    "classes: {source}; amount over the classification window",
                    source=class_source,
                ),
            ),
        ),
        Section(
            "appraisal",
            table[PACK_APPRAISAL_COLUMNS],
            _("Appraisal {period}", period=period.label),
            tuple(
                note
                for note in [appraisal.star_tie_note(frame.set_index("rep"), policy, "final_score")]
                if note
            ),
        ),
    ]


def pack_classes(
    classified: pd.DataFrame, period: Period, policy: Policy
) -> tuple[pd.DataFrame, Msg]:
    """The quarterly pack's classes (its own classification of the quarter, POLICY 2.1) and
    where they come from, as the sections' notes say it."""
    from salescli.rules.customers import classification_window

    settings = policy.classify
    window = classification_window(period, settings.window_quarters)
    source = _(
        "classified for {period} ({method}, orders {start}..{end}), the same classes as "
        "class_summary and class_moves",
        period=period.label,
        method=METHODS[settings.method],
        start=window.start,
        end=window.end,
    )
    keep = ["customer_id", "customer_name", "rep", "class"]
    return classified[[c for c in keep if c in classified]].copy(), source


def filed_class_source(filed: pd.DataFrame, quarter: Period, method: str) -> Msg:
    """Where a month's or week's classes come from: the customer file's class column, else the
    classification of `quarter` (the last complete one) for the customers it leaves blank."""
    given = filed["class"].notna() if "class" in filed else None
    if given is not None and given.all():
        return _("the customer file's class column")
    if given is not None and given.any():
        return _(
            "the customer file's class column, the rest classified for {quarter}",
            quarter=quarter.label,
        )
    return _(
        "classified for {quarter} ({method}): no classes in the file",
        quarter=quarter.label,
        method=METHODS.get(method, method),
    )


def missing_targets_note(targets: pd.DataFrame | None, period: Period) -> Msg | None:
    """The warning of a month or quarter no target row is for (a week reads its month's)."""
    from salescli.rules import coverage

    if period.kind == "week":
        return None
    if targets is None:
        return _(
            "no targets table: target and attainment of {period} are left empty", period=str(period)
        )
    if coverage.targets_for(targets, period) is not None:
        return None
    return _(
        "no targets for {period}; targets cover {covered}: target and attainment are left empty",
        period=str(period),
        covered=coverage.target_coverage(targets),
    )


# why a section of the report has no rows, when nothing else says so: the list is empty because
# nothing qualified, not because data is missing
EMPTY: dict[str, Callable[[Period, Policy], Msg]] = {
    "at_risk": lambda p, policy: _(
        "no A or B customer without an order in the last {days} days",
        days=policy.report.at_risk_days,
    ),
    "late_orders": lambda p, _policy: _(
        "no order due in {period} was delivered late", period=p.label
    ),
    "overdue_follow_ups": lambda p, _policy: _(
        "no open opportunity has a follow-up due before {end}", end=p.end
    ),
    "key_opportunities": lambda p, _policy: _("no open opportunity"),
    "new_opportunities": lambda p, _policy: _("no opportunity created in {period}", period=p.label),
    "follow_ups_next_week": lambda p, _policy: _("no follow-up due next week"),
    "open_feedback": lambda p, _policy: _("no customer feedback open at {end}", end=p.end),
    "pending_changes": lambda p, _policy: _(
        "no order change waiting for a decision at {end}", end=p.end
    ),
    "top_customers": lambda p, _policy: _("no order in {period}", period=p.label),
    "conversion": lambda p, _policy: _("no opportunity closed in {period}", period=p.label),
    "pipeline": lambda p, _policy: _("no opportunity"),
}


def say_why_empty(sections: list[Section], period: Period, policy: Policy) -> list[Section]:
    """Each section with no rows gets the reason (EMPTY) first among its notes."""
    out = []
    for section in sections:
        reason = EMPTY.get(section.name)
        if section.frame.empty and reason:
            said = reason(period, policy)
            section = replace(section, notes=(said, *(n for n in section.notes if n != said)))
        out.append(section)
    return out


def only_reps(section: Section, reps: list[str]) -> Section:
    """The section's rows of those reps (a section without a rep column whole)."""
    from dataclasses import replace

    if "rep" not in section.frame:
        return section
    return replace(section, frame=section.frame[section.frame["rep"].isin(reps)])
