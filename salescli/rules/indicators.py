"""Chapter 5.1-5.2 · the appraisal's indicators (销量考核指标), each declared once.

An `Indicator` says what the policy says of it: its section, its group (sales performance,
customer management, sales process), the function that computes it, its formula, whether
higher or lower is better, its goal and its weight (fields of the policy). The appraisal
(`appraisal.py`) computes and scores from `INDICATORS`, `appraise --explain` (`explain.py`)
explains from it and the scorecards (`scorecard.py`) list it: a new indicator, another goal or
weight is one entry here, and all three follow.

The computations of the customer and process indicators live here too; the shared order,
opportunity and delivery definitions they use are in `process.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from salescli.config import Policy
from salescli.i18n import Msg, _
from salescli.periods import Period
from salescli.rules import process
from salescli.rules.books import Books
from salescli.rules.frames import isin


@dataclass(frozen=True)
class Inputs:
    """What an indicator is computed from: the books, the period, the policy, the reps, and
    the reps' sales figures (`appraisal.rep_figures`: amount, quantity, profit, targets)."""

    data: Books
    period: Period
    policy: Policy
    reps: list[str]
    figures: pd.DataFrame


# an indicator's computation: one row per rep, its column and the parts its formula names
Compute = Callable[[Inputs], pd.DataFrame]


@dataclass(frozen=True)
class Group:
    """A group of indicators (5.2): its weight in the quantitative score and its score."""

    name: str
    weight: str  # the field of `policy.scoring`
    score: str  # its column in the appraisal

    def weight_of(self, policy: Policy) -> float:
        return float(getattr(policy.scoring, self.weight))


@dataclass(frozen=True)
class Indicator:
    name: str  # its column in the appraisal
    section: str  # of the policy (POLICY.md)
    group: str  # `Group.name`
    compute: Compute
    formula: Msg  # in words: what it divides by what
    lower_is_better: bool
    goal: str  # the field of `policy.goals`
    weight: str | None = None  # the field of `policy.scoring`; None: equal weights in the group

    def goal_of(self, policy: Policy) -> float:
        return getattr(policy.goals, self.goal)

    def weight_of(self, policy: Policy) -> float:
        return float(getattr(policy.scoring, self.weight)) if self.weight else 1.0

    def score(self, value: pd.Series, policy: Policy) -> pd.Series:
        return indicator_score(
            value, self.goal_of(policy), self.lower_is_better, policy.scoring.cap
        )

    def score_rule(self, policy: Policy) -> Msg:
        """Its score as `score` computes it, with the policy's goal and cap."""
        goal, cap = self.goal_of(policy), policy.scoring.cap
        if self.lower_is_better:
            return _("100 x clip(2 - value / {goal:g}, 0, {cap:g})", goal=goal, cap=cap)
        return _("100 x clip(value / {goal:g}, 0, {cap:g})", goal=goal, cap=cap)


def indicator_score(value: pd.Series, goal: float, lower_is_better: bool, cap: float) -> pd.Series:
    """5.2: 100·min(value/goal, cap); lower-is-better: 100·clip(2 − value/goal, 0, cap). A
    score ranges 0 to 100·cap either way: a month whose returns exceed its sales (a negative
    attainment) or a loss (a negative profit attainment) scores 0, as a month without sales,
    not below it (5.2 states the lower-is-better clip; the scores' declared range is 0-120)."""
    ratio = value.astype("float64") / goal
    scored = (2 - ratio).clip(0, cap) if lower_is_better else ratio.clip(0, cap)
    return (100 * scored).round(6)


# --- 5.1 sales performance: the attainments of the reps' figures ---------------------------


# amount / target in binary floating point can come out a hair under the exact quotient
# (16,642.92 / 27,738.20 is 0.59999999999999998, exactly 60 %), and the bonus floor and the
# sales-star line compare an attainment with < and >=: 12 decimals drop that noise and still
# tell a cent over from a cent under on a target of a hundred million
ATTAINMENT_DECIMALS = 12


def attainment(achieved: pd.Series, target: pd.Series) -> pd.Series:
    """achieved / target (empty when the target is empty or 0), to ATTAINMENT_DECIMALS."""
    return process.ratio(achieved, target).round(ATTAINMENT_DECIMALS)


def _attainment(name: str, achieved: str, target: str) -> Compute:
    def compute(inputs: Inputs) -> pd.DataFrame:
        figures = inputs.figures
        return pd.DataFrame({name: attainment(figures[achieved], figures[target])})

    return compute


# --- 5.1 customer management ---------------------------------------------------------------


def new_customer_ids(orders: pd.DataFrame, period: Period) -> pd.Index:
    """Customers whose first order ever (cancelled orders and returns excluded) falls in the
    period."""
    first = process.orders_of(orders).groupby("customer_id")["order_date"].min()
    inside = (first >= pd.Timestamp(period.start)) & (first <= pd.Timestamp(period.end))
    return first.index[inside]


@dataclass(frozen=True)
class ChurnWindow:
    """The days churn looks at (5.1): the base's, the base_days before the period starts
    (`base_from` up to, not including, `base_until`), and the recent ones, the churn_days
    ending on the period's last day (after `recent_after`, up to and including `recent_until`)."""

    base_from: pd.Timestamp
    base_until: pd.Timestamp
    recent_after: pd.Timestamp
    recent_until: pd.Timestamp

    def base(self, dates: pd.Series) -> pd.Series:
        return (dates >= self.base_from) & (dates < self.base_until)

    def recent(self, dates: pd.Series) -> pd.Series:
        return (dates > self.recent_after) & (dates <= self.recent_until)

    def days(self) -> dict[str, str]:
        """The first and last day of each range (both included), as ISO dates."""
        day = pd.Timedelta(days=1)
        return {
            "base_first": str(self.base_from.date()),
            "base_last": str((self.base_until - day).date()),
            "recent_first": str((self.recent_after + day).date()),
            "recent_last": str(self.recent_until.date()),
        }


def churn_window(period: Period, policy: Policy) -> ChurnWindow:
    days = policy.customers
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    return ChurnWindow(
        start - pd.Timedelta(days=days.base_days),
        start,
        end - pd.Timedelta(days=days.churn_days),
        end,
    )


def churn_flags(orders: pd.DataFrame, period: Period, policy: Policy) -> pd.Series:
    """The churn base (customers with an order in the base_days before the period), each
    flagged churned when it has no order in the churn_days ending on the period's last day."""
    window = churn_window(period, policy)
    dates = process.orders_of(orders)[["customer_id", "order_date"]]
    before = dates[window.base(dates["order_date"])]
    recent = dates[window.recent(dates["order_date"])]
    base = pd.Index(before["customer_id"].unique(), name="customer_id")
    return pd.Series(~isin(base, recent["customer_id"]), index=base, name="churned")


def new_customers(inputs: Inputs) -> pd.DataFrame:
    """Owned customers whose first order ever falls in the period."""
    data, reps = inputs.data, inputs.reps
    owner = data.owners.at(inputs.period.end)  # who held them at the period's end
    owners = new_customer_ids(data.orders, inputs.period).to_series().map(owner)
    counts = owners.value_counts().reindex(reps).fillna(0).astype(int)
    return pd.DataFrame(
        {"new_customers": counts.astype("float64")}, index=pd.Index(reps, name="rep")
    )


def churn(inputs: Inputs) -> pd.DataFrame:
    """Per owner: churn_base, churned and churn_rate = churned / base."""
    data, reps = inputs.data, inputs.reps
    flags = churn_flags(data.orders, inputs.period, inputs.policy)
    owner = flags.index.to_series().map(data.owners.at(inputs.period.end))
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


def survey_factor(data: Books, policy: Policy) -> float | None:
    """The factor the surveys are rescaled by (None: no survey at all)."""
    if data.satisfaction is None or not len(data.satisfaction):
        return None
    return satisfaction_factor(data.satisfaction["score"], policy.customers.satisfaction_scale)


def surveys_in(data: Books, period: Period, policy: Policy) -> pd.DataFrame | None:
    """The period's survey rows with `score_100`, the score rescaled to 0-100."""
    factor = survey_factor(data, policy)
    if factor is None or data.satisfaction is None:
        return None
    surveys = process.in_period(data.satisfaction, "survey_date", period)
    return surveys.assign(score_100=surveys["score"] * factor)


def satisfaction(inputs: Inputs) -> pd.DataFrame:
    """Mean survey score in the period, for owned customers (or the survey row's rep), 0-100."""
    data, reps = inputs.data, inputs.reps
    surveys = surveys_in(data, inputs.period, inputs.policy)
    if surveys is None:
        return pd.DataFrame(
            {"satisfaction": np.nan, "surveys": 0}, index=pd.Index(reps, name="rep")
        )
    rep = surveys["customer_id"].map(data.owners.at(inputs.period.end)).astype("string")
    if "rep" in surveys:
        rep = surveys["rep"].astype("string").fillna(rep)
    grouped = surveys["score_100"].groupby(rep)
    out = pd.DataFrame({"satisfaction": grouped.mean().round(4), "surveys": grouped.size()})
    out = out.reindex(reps)
    out["surveys"] = out["surveys"].fillna(0).astype(int)
    return out.rename_axis("rep")


# --- 5.1 sales process ---------------------------------------------------------------------


def conversion(inputs: Inputs) -> pd.DataFrame:
    """won, lost and conversion_rate among the opportunities closed in the period (4.1)."""
    out = pd.DataFrame(index=pd.Index(inputs.reps, name="rep"))
    if inputs.data.opportunities is not None:
        out = out.join(
            process.conversion(inputs.data.opportunities, inputs.period).set_index("rep")
        )
    else:
        out[["won", "lost", "conversion_rate"]] = np.nan
    return _counted(out, "won", "lost")


def on_time(inputs: Inputs) -> pd.DataFrame:
    """orders_due, on_time and on_time_rate of the orders due in the period (4.2)."""
    out = pd.DataFrame(index=pd.Index(inputs.reps, name="rep"))
    out = out.join(process.on_time(inputs.data.orders, inputs.period).set_index("rep"))
    return _counted(out, "orders_due", "on_time")


def expense_ratio(inputs: Inputs) -> pd.DataFrame:
    """expense, budget and expense_ratio over the period's months."""
    out = pd.DataFrame(index=pd.Index(inputs.reps, name="rep"))
    expenses = inputs.data.expenses
    if expenses is None:
        out[["expense", "budget", "expense_ratio"]] = np.nan
        return out
    months = [m.label for m in inputs.period.months()] if inputs.period.kind != "week" else []
    spent = (
        expenses[expenses["month"].isin(months)]
        .groupby("rep")[["expense", "budget"]]
        .sum(min_count=1)
    )
    out = out.join(spent)
    out["expense_ratio"] = process.ratio(out["expense"], out["budget"])
    return out


def _counted(frame: pd.DataFrame, *counts: str) -> pd.DataFrame:
    for column in counts:
        frame[column] = frame[column].fillna(0).astype(int)
    return frame


# --- the registry --------------------------------------------------------------------------

GROUPS = (
    Group("performance", "weight_performance", "performance_score"),
    Group("customer", "weight_customer", "customer_score"),
    Group("process", "weight_process", "process_score"),
)

INDICATORS = (
    Indicator(
        "attainment",
        "5.1",
        "performance",
        _attainment("attainment", "amount", "target"),
        _("amount / target"),
        lower_is_better=False,
        goal="attainment",
        weight="weight_amount",
    ),
    Indicator(
        "quantity_attainment",
        "5.1",
        "performance",
        _attainment("quantity_attainment", "quantity", "target_quantity"),
        _("quantity / target_quantity"),
        lower_is_better=False,
        goal="quantity_attainment",
        weight="weight_quantity",
    ),
    Indicator(
        "profit_attainment",
        "5.1",
        "performance",
        _attainment("profit_attainment", "profit", "target_profit"),
        _("profit / target_profit"),
        lower_is_better=False,
        goal="profit_attainment",
        weight="weight_profit",
    ),
    Indicator(
        "satisfaction",
        "5.1",
        "customer",
        satisfaction,
        _("mean survey score x scale factor"),
        lower_is_better=False,
        goal="satisfaction",
    ),
    Indicator(
        "new_customers",
        "5.1",
        "customer",
        new_customers,
        _("owned customers whose first order falls in the period"),
        lower_is_better=False,
        goal="new_customers",
    ),
    Indicator(
        "churn_rate",
        "5.1",
        "customer",
        churn,
        _("churned / base"),
        lower_is_better=True,
        goal="churn_rate",
    ),
    Indicator(
        "conversion_rate",
        "5.1",
        "process",
        conversion,
        _("won / (won + lost)"),
        lower_is_better=False,
        goal="conversion_rate",
    ),
    Indicator(
        "on_time_rate",
        "5.1",
        "process",
        on_time,
        _("orders delivered on time / orders due"),
        lower_is_better=False,
        goal="on_time_rate",
    ),
    Indicator(
        "expense_ratio",
        "5.1",
        "process",
        expense_ratio,
        _("expense / budget"),
        lower_is_better=True,
        goal="expense_ratio",
    ),
)


def groups() -> tuple[Group, ...]:
    return GROUPS


def of(group: str) -> list[Indicator]:
    """The indicators of a group, in their order."""
    return [i for i in INDICATORS if i.group == group]


def named(name: str) -> Indicator:
    return next(i for i in INDICATORS if i.name == name)


def names(*group_names: str) -> list[str]:
    """The names of the indicators of the groups asked, in their order."""
    return [i.name for g in group_names for i in of(g)]


def quarterly() -> list[Indicator]:
    """The indicators scored one by one each quarter (customer management, sales process):
    each has its own `{name}_score`; the performance group is scored as one."""
    return [i for i in INDICATORS if i.group != "performance"]
