"""Chapter 4 · Sales process (销售过程管理): the definitions of order, opportunity and delivery
figures that appraisal (chapter 5) and reports (chapter 4.3) share. One definition of each figure.

Every function returns per-rep (or per-group) numerators and denominators, so a figure can be
explained with the number of rows behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from salescli.periods import Period

if TYPE_CHECKING:
    from salescli.rules.books import Books
from salescli.rules.frames import isin

# the rep of sales nobody owns (no rep on the line, no owner for its customer): shown, never
# dropped, with no target, bonus, score or honour. One value in every language, like the honours.
UNASSIGNED = "(unassigned) 未分配"
# The words of a status or an outcome are the settings' ([statuses] in salescli.toml), read
# once by data/normalise.py, which writes these canonical values: the rules know no words.
CANCELLED = "cancelled"
OUTCOMES = ("won", "lost", "open", "void")


def live_orders(orders: pd.DataFrame) -> pd.DataFrame:
    """Order lines of orders that were not cancelled (4.2); cancelled orders count nowhere."""
    if "status" not in orders:
        return orders
    return orders[live(orders)]


def live(orders: pd.DataFrame) -> np.ndarray:
    """Which order lines are of orders that were not cancelled (`live_orders`)."""
    if "status" not in orders:
        return np.ones(len(orders), dtype=bool)
    return (orders["status"] != CANCELLED).fillna(True).to_numpy(dtype=bool)


def orders_of(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines that are orders: a return or credit note takes its amount off its period but
    is no order, so it never adds to an order count, a customer's frequency, a first or a
    latest order, nor a delivery (POLICY "What a sale is")."""
    if "document_type" not in lines:
        return lines
    return lines[(lines["document_type"] != "return").fillna(True).to_numpy(dtype=bool)]


def in_period(frame: pd.DataFrame, column: str, period: Period) -> pd.DataFrame:
    dates = frame[column]
    return frame[(dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))]


def filed_owners(customers: pd.DataFrame | None) -> pd.Series:
    """Per customer, the rep the customer file names (its last row that names one)."""
    if customers is None or "rep" not in customers:
        return pd.Series(dtype="string")
    filed = customers.dropna(subset=["rep"]).drop_duplicates("customer_id", keep="last")
    return filed.set_index("customer_id")["rep"].astype("string")


@dataclass(frozen=True)
class Owners:
    """Who held each customer when ("Who sold it": the customer's owner on the order date).
    The customer file names an owner with no history: it holds at every date. Else the owner
    on a day is the rep of the customer's latest line with a rep on or before it (latest by
    order date, then order number, then place, as `latest_value`): a later hand-over never
    moves an earlier sale or customer, and a period's figures do not change when later
    months are exported."""

    filed: pd.Series  # per customer
    lines: pd.DataFrame  # customer_id, order_date, rep (and order_id): the lines naming a rep
    _at: dict[pd.Timestamp | None, pd.Series] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, customers: pd.DataFrame | None, orders: pd.DataFrame) -> Owners:
        known = ["customer_id", "order_date", "rep"]
        if not set(known) <= set(orders):
            return cls(filed_owners(customers), pd.DataFrame(columns=known))
        lines = orders[[k for k in [*known, "order_id"] if k in orders]]
        lines = lines[lines[known].notna().all(axis=1).to_numpy(dtype=bool)]
        return cls(filed_owners(customers), lines.reset_index(drop=True))

    def at(self, day: date | pd.Timestamp | None = None) -> pd.Series:
        """Per customer, its owner on `day` (None: after its last line); worked out once a
        day (a quarter's new customers, churn and satisfaction ask for its last day)."""
        key = None if day is None else pd.Timestamp(day)
        if key not in self._at:
            lines = self.lines
            if key is not None:
                lines = lines[(lines["order_date"] <= key).to_numpy(dtype=bool)]
            latest = pd.Series(dtype="string")
            if len(lines):
                latest = latest_value(lines, "rep").astype("string")
            self._at[key] = self.filed.combine_first(latest)
        return self._at[key]

    def on(self, customer_ids: pd.Series, dates: pd.Series) -> pd.Series:
        """Each row's customer's owner on the row's date; NA where it had none by then (or
        the row has no customer or no date), unless the customer file names one. Customers
        and reps are matched as codes (`pandas.factorize`), on the asked customers' lines
        alone (benchmarks/owners.py)."""
        found = pd.Series(pd.NA, index=customer_ids.index, dtype="string")
        if len(self.filed):
            found = customer_ids.map(self.filed).astype("string")
        if self.lines.empty:
            return found
        day = pd.to_datetime(dates).to_numpy(dtype="datetime64[ns]")
        wanted = found.isna().to_numpy() & customer_ids.notna().to_numpy() & ~np.isnat(day)
        # the asked customers' lines alone: a few, where most lines name their rep
        lines = self.lines[isin(self.lines["customer_id"], customer_ids[wanted])]
        if lines.empty:
            return found
        customer, customers = pd.factorize(lines["customer_id"])
        asked = pd.Index(customers).get_indexer(customer_ids)  # -1: no line names a rep
        wanted &= asked >= 0
        rep, reps = pd.factorize(lines["rep"])
        lines = lines.assign(
            customer_id=customer,
            rep=rep,
            order_date=lines["order_date"].to_numpy(dtype="datetime64[ns]"),
        )
        rows = pd.DataFrame(
            {"order_date": day[wanted], "customer_id": asked[wanted], "at_": np.flatnonzero(wanted)}
        )
        met = pd.merge_asof(
            rows.sort_values("order_date", kind="stable"),
            _rep_days(lines),
            on="order_date",
            by="customer_id",
            direction="backward",
        ).dropna(subset=["rep"])
        values = found.to_numpy(dtype=object, na_value=pd.NA)
        values[met["at_"].to_numpy()] = np.asarray(reps, dtype=object)[met["rep"].to_numpy(int)]
        return pd.Series(values, index=customer_ids.index, dtype="string")


def latest_value(orders: pd.DataFrame, column: str) -> pd.Series:
    """Per customer: `column` on its latest line that has one (latest by order date, then
    order number, then the line's place in the export)."""
    keys = ["customer_id", "order_date", "order_id", column]
    rows = orders.loc[orders[column].notna(), [k for k in keys if k in orders]]
    # only each customer's lines of its latest day can be its latest line: sort just those
    newest = rows.groupby("customer_id")["order_date"].transform("max")
    order = ["order_date", "order_id"] if "order_id" in rows else ["order_date"]
    rows = rows[rows["order_date"] == newest].sort_values(order, kind="stable")
    return rows.groupby("customer_id")[column].last()


def with_customer_columns(
    orders: pd.DataFrame, customers: pd.DataFrame | None, columns: list[str]
) -> pd.DataFrame:
    """Order lines with region, customer group…: the line's own value, else the customer
    file's value for its customer."""
    if customers is None:
        return orders
    filed = customers.drop_duplicates("customer_id").set_index("customer_id")
    for column in columns:
        if column in filed:
            mapped = orders["customer_id"].map(filed[column])
            orders = orders.assign(
                **{column: orders[column].fillna(mapped) if column in orders else mapped}
            )
    return orders


def _rep_days(rows: pd.DataFrame) -> pd.DataFrame:
    """customer_id, order_date, rep (as `rows`, lines naming a rep, hold them: text or
    codes): each customer's days with a rep, the day's rep that of its latest line (by order
    number, then place), sorted by day. A day's lines nearly always name one rep: only the
    days naming two are ranked by order number (sorting every line cost 1.9 s of a
    million)."""
    known = ["customer_id", "order_date", "rep"]
    rows = rows.reset_index(drop=True)
    days = rows.drop_duplicates(known, keep="last")
    two = days.duplicated(["customer_id", "order_date"], keep=False).to_numpy()
    if two.any():
        ranked = rows.iloc[0:0]
        if "order_id" in rows:  # the days naming two reps, their lines by order number
            ranked = rows.merge(days.loc[two, ["customer_id", "order_date"]].drop_duplicates())
            ranked = ranked.sort_values("order_id", kind="stable")
        else:  # by place alone: the day's last line naming a rep
            ranked = days[two]
        ranked = ranked.drop_duplicates(["customer_id", "order_date"], keep="last")
        days = pd.concat([days[~two], ranked])
    return days.sort_values("order_date", kind="stable")[known].reset_index(drop=True)


def line_reps(
    orders: pd.DataFrame, customers: pd.DataFrame | None, owners: Owners | None = None
) -> pd.Series:
    """The rep an order line counts for ("Who sold it"): its own rep, else its customer's
    owner on the line's date (`owners`, else those of `customers` and `orders`). NA where
    there is none."""
    own = orders["rep"] if "rep" in orders else pd.Series(pd.NA, index=orders.index)
    own = own.astype("string")
    missing = own.isna().to_numpy(dtype=bool)
    if missing.any() and "customer_id" in orders:  # the owner only for the lines needing one
        asked = orders.loc[missing]
        dates = asked["order_date"] if "order_date" in asked else pd.Series(pd.NaT, asked.index)
        own = own.copy()
        owners = owners if owners is not None else Owners.of(customers, orders)
        owner = owners.on(asked["customer_id"], dates)
        own[missing] = owner.to_numpy(dtype=object, na_value=pd.NA)
    return own


def owner_fallback(orders: pd.DataFrame, data: Books) -> pd.DataFrame:
    """The live lines of `data` whose rep is not their own but their customer's owner."""
    own = orders["rep"] if "rep" in orders else pd.Series(pd.NA, index=orders.index)
    lines = data.orders
    missing = own.reindex(lines.index).isna().to_numpy(dtype=bool)
    return lines[missing & (lines["rep"] != UNASSIGNED).fillna(False).to_numpy(dtype=bool)]


def unassigned(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines of `books` whose rep is UNASSIGNED."""
    return lines[(lines["rep"] == UNASSIGNED).fillna(False).to_numpy(dtype=bool)]


def counted_for(lines: pd.DataFrame, key: str, by: str = "rep") -> pd.Series:
    """For each `key` (order_id, customer_id) in the lines, the one `by` member it counts for in
    a count of orders or customers: the member holding the largest amount of its lines, ties to
    the first name. So per-member counts add up to the company's, whatever the row order."""
    amounts = lines.groupby([key, by], observed=True)["amount"].sum().reset_index()
    amounts = amounts.sort_values([key, "amount", by], ascending=[True, False, True])
    return amounts.drop_duplicates(key).set_index(key)[by]


def count_by(lines: pd.DataFrame, key: str, by: str = "rep") -> pd.Series:
    """Distinct `key`s per `by` member, each counted for one member only (`counted_for`)."""
    return counted_for(lines, key, by).value_counts()


def profit(lines: pd.DataFrame) -> pd.Series | None:
    """Profit per line: the profit column, else amount - cost; None when neither exists."""
    if "profit" in lines:
        return lines["profit"]
    if "cost" in lines:
        return lines["amount"] - lines["cost"]
    return None


def opportunity_outcome(opportunities: pd.DataFrame) -> pd.Series:
    """Each opportunity's outcome, won / lost / open / void, as normalisation wrote it from
    the outcome or stage column and [statuses] won, lost, open and voided; open where there
    is none. A voided one is neither open nor closed: in no pipeline and no conversion."""
    if "outcome" not in opportunities:
        return pd.Series("open", index=opportunities.index, dtype="string")
    outcome = opportunities["outcome"].astype("string")
    return outcome.where(outcome.isin(OUTCOMES).fillna(False), "open")


def conversion(opportunities: pd.DataFrame, period: Period, by: str = "rep") -> pd.DataFrame:
    """Per group: won, lost and conversion_rate = won / (won + lost) among opportunities closed
    in the period (4.1)."""
    if "closed_on" not in opportunities:
        return pd.DataFrame(columns=[by, "won", "lost", "conversion_rate"])
    closed = in_period(
        opportunities.assign(outcome_=opportunity_outcome(opportunities)), "closed_on", period
    )
    closed = closed[closed["outcome_"].isin(["won", "lost"])]
    table = pd.crosstab(closed[by], closed["outcome_"]).reindex(
        columns=["won", "lost"], fill_value=0
    )
    table["conversion_rate"] = ratio(table["won"], table["won"] + table["lost"])
    return table.reset_index().rename_axis(None, axis=1)


def on_time(orders: pd.DataFrame, period: Period, by: str = "rep") -> pd.DataFrame:
    """Per group: orders due in the period (due date = latest line due date), those delivered on
    time (every line delivered on or before its due date; undelivered = late), on_time_rate.
    An order counts under every group its lines hold (an order of motors and pumps counts for
    both categories), so the result never depends on the order of the rows."""
    if "due_date" not in orders:
        return pd.DataFrame(columns=[by, "orders_due", "on_time", "on_time_rate"])
    lines = _lines_of_orders_due_in(orders, period)
    delivered = lines["delivered_on"]
    lines = lines.assign(line_on_time=(delivered.notna() & (delivered <= lines["due_date"])))
    per_order = lines.groupby("order_id", sort=False).agg(
        due=("due_date", "max"), on_time=("line_on_time", "all")
    )
    due = in_period(per_order, "due", period)
    groups = lines[["order_id", by]].dropna().drop_duplicates()
    due = groups.merge(due, left_on="order_id", right_index=True).rename(columns={by: "group"})
    table = due.groupby("group").agg(orders_due=("on_time", "size"), on_time=("on_time", "sum"))
    table["on_time"] = table["on_time"].astype(int)
    table["on_time_rate"] = ratio(table["on_time"], table["orders_due"])
    return table.rename_axis(by).reset_index()


def _lines_of_orders_due_in(orders: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The lines with a due date of the orders with a line due in the period, each with its
    delivered_on (empty when the export has none). An order is due on its latest line's due
    date, so only these orders can be due in the period: the rest need no grouping."""
    lines = orders_of(orders).dropna(subset=["due_date"])
    lines = lines[isin(lines["order_id"], in_period(lines, "due_date", period)["order_id"])]
    if "delivered_on" not in lines:
        lines = lines.assign(delivered_on=pd.Series(pd.NaT, index=lines.index))
    return lines


# the late orders' columns: each order's own, the values its lines hold, its days late
LATE_ORDER_COLUMNS = [
    "order_id",
    "customer_id",
    "rep",
    "region",
    "category",
    "due_date",
    "delivered_on",
    "days_late",
]
_HELD = ("customer_id", "rep", "region", "category")  # every value of the order's lines


def late_orders(orders: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The orders due in the period that were not delivered on time, with their days late."""
    if "due_date" not in orders:
        optional = ("region", "category")
        return pd.DataFrame(columns=[c for c in LATE_ORDER_COLUMNS if c not in optional])
    lines = _lines_of_orders_due_in(orders, period)
    delivered = lines["delivered_on"]
    lines = lines.assign(
        late=delivered.isna() | (delivered > lines["due_date"]),
        undelivered=delivered.isna(),
    )
    keep = [c for c in _HELD if c in lines]
    per_order = lines.groupby("order_id", sort=True).agg(
        due_date=("due_date", "max"),
        delivered_on=("delivered_on", "max"),
        late=("late", "any"),
        undelivered=("undelivered", "any"),
    )
    late = in_period(per_order[per_order["late"]], "due_date", period).copy()
    late.loc[late["undelivered"], "delivered_on"] = pd.NaT
    late["days_late"] = (late["delivered_on"] - late["due_date"]).dt.days
    mine = lines[isin(lines["order_id"], late.index.to_series())]
    held = {c: every_value(mine, "order_id", c) for c in keep}  # not the first line's
    late = pd.DataFrame(held).reindex(late.index).join(late)
    return late.drop(columns=["late", "undelivered"]).rename_axis("order_id").reset_index()


def every_value(lines: pd.DataFrame, key: str, column: str) -> pd.Series:
    """Per key, the distinct values of `column` its lines hold, sorted and joined by ", "."""
    pairs = lines[[key, column]].dropna().drop_duplicates()
    pairs = pairs.assign(**{column: pairs[column].astype("string")}).sort_values([key, column])
    return pairs.groupby(key)[column].agg(", ".join)


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A rate that is empty, never inf, when the denominator is zero."""
    return (numerator / denominator.where(denominator != 0)).astype("float64")


# --- 4.1.4 key opportunities --------------------------------------------------------------

KEY_COLUMNS = [
    "rep",
    "rank",
    "opportunity_id",
    "customer_id",
    "stage",
    "expected_amount",
    "next_follow_up",
    "follow_up_overdue",
    "days_overdue",
]


def key_opportunities(opportunities: pd.DataFrame, period: Period, per_rep: int) -> pd.DataFrame:
    """Each rep's open opportunities with the largest expected amounts (4.1.4), `per_rep` of
    them (ties: opportunity number), with the next follow-up date and whether it is overdue at
    the period's end (a follow-up date before the end; no date: not known). Open: outcome
    open and, where created_on is given, created on or before the end."""
    if "expected_amount" not in opportunities:
        return pd.DataFrame(columns=KEY_COLUMNS)
    end = pd.Timestamp(period.end)
    open_ = opportunities[opportunity_outcome(opportunities) == "open"]
    if "created_on" in open_:
        open_ = open_[~(open_["created_on"] > end)]
    open_ = open_.dropna(subset=["expected_amount"]).sort_values(
        ["rep", "expected_amount", "opportunity_id"],
        ascending=[True, False, True],
        kind="stable",
    )
    top = open_.assign(rank=open_.groupby("rep", sort=False).cumcount() + 1)
    top = top[top["rank"] <= per_rep].copy()
    follow = top["next_follow_up"] if "next_follow_up" in top else pd.Series(pd.NaT, top.index)
    top["next_follow_up"] = follow
    top["follow_up_overdue"] = (follow < end).astype("boolean").mask(follow.isna())
    top["days_overdue"] = (end - follow).dt.days.where(follow < end).astype("Int64")
    return top.reindex(columns=KEY_COLUMNS).reset_index(drop=True)
