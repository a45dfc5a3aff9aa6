"""Chapter 2 · Customer management (客户管理).

2.1 A/B/C classification (`classify`), 2.3 visit windows, the visit plan (`plan-visits`) and the
manager's audit of visits (`audit-visits`). Record rules of 2.2 are in `records.py`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from salescli.config import ClassifySettings, VisitSettings
from salescli.i18n import _, n_
from salescli.periods import Period, WorkCalendar, quarter_of, weeks_of_month
from salescli.rules.frames import isin, sets_by
from salescli.rules.process import in_period, latest_value, live_orders, orders_of
from salescli.rules.visit_records import NO_REP

CLASS_ORDER = {"A": 3, "B": 2, "C": 1}
CLASSIFY_COLUMNS = [
    "customer_id",
    "customer_name",
    "rep",
    "amount",
    "frequency",
    "potential",
    "score",
    "class",
    "previous_class",
    "move",
    "not_in_customer_file",
]


# --- 2.1 classification -------------------------------------------------------------------


def classification_window(quarter: Period, quarters: int) -> Period:
    """The `quarters` quarters ending with the evaluated quarter."""
    first = quarter.shift(-(quarters - 1))
    return Period(first.start, quarter.end, "quarter")


# the order columns a classification reads
ORDER_COLUMNS = [
    "_row",
    "order_id",
    "order_date",
    "customer_id",
    "customer_name",
    "rep",
    "amount",
    "status",
    "document_type",
]


def customer_factors(
    orders: pd.DataFrame, customers: pd.DataFrame | None, window: Period
) -> pd.DataFrame:
    """amount, frequency and potential per customer: every filed customer, plus customers that
    appear only in the orders (flagged `not_in_customer_file`)."""
    live = live_orders(orders)
    live = live[live["order_date"] <= pd.Timestamp(window.end)]
    inside = in_period(live, "order_date", window)
    factors = inside.groupby("customer_id").agg(amount=("amount", "sum"))
    # a return or credit note is no order: it lowers the amount, never adds to the frequency
    frequency = orders_of(inside).groupby("customer_id")["order_id"].nunique()
    factors["frequency"] = frequency.reindex(factors.index).fillna(0).astype(int)
    seen = pd.Index(live["customer_id"].dropna().unique(), name="customer_id").sort_values()
    from_orders = pd.DataFrame(
        {
            column: latest_value(live, column) if column in live else pd.NA
            for column in ("customer_name", "rep")
        },
        index=seen,
    )
    filed = _filed(customers)
    base = filed.combine_first(from_orders) if len(filed) else from_orders
    base["not_in_customer_file"] = ~isin(base.index, filed.index)
    base = base.join(factors)
    base["amount"] = base["amount"].fillna(0.0).round(2)
    base["frequency"] = base["frequency"].fillna(0).astype(int)
    if "potential" not in base:
        base["potential"] = np.nan
    return base.rename_axis("customer_id").reset_index().sort_values("customer_id", kind="stable")


def _filed(customers: pd.DataFrame | None) -> pd.DataFrame:
    if customers is None:
        return pd.DataFrame(columns=["customer_name", "rep"])
    keep = {
        "customer_name": "customer_name",
        "rep": "rep",
        "potential_value": "potential",
        "class": "previous_class",
    }
    present = {k: v for k, v in keep.items() if k in customers}
    filed = customers.drop_duplicates("customer_id", keep="last").set_index("customer_id")
    return filed[list(present)].rename(columns=present)


def classify(factors: pd.DataFrame, settings: ClassifySettings, method: str) -> pd.DataFrame:
    """Add `score` and `class` by the chosen method (POLICY.md 2.1)."""
    out = factors.copy()
    if method == "score":
        out["score"] = _score(out, settings)
        score = out["score"].round(10)
        out["class"] = np.where(
            score >= settings.score_a, "A", np.where(score >= settings.score_b, "B", "C")
        )
    elif method == "pareto":
        out["score"] = _share_before(out)
        share = out["score"].round(10)  # exactly 70 % before is not 0.6999999999999998
        out["class"] = np.where(
            share < settings.pareto_a, "A", np.where(share < settings.pareto_b, "B", "C")
        )
    else:
        out["score"] = np.nan
        meets_a = (out["amount"] >= settings.A.amount) & (out["frequency"] >= settings.A.frequency)
        meets_b = (out["amount"] >= settings.B.amount) & (out["frequency"] >= settings.B.frequency)
        out["class"] = np.where(meets_a, "A", np.where(meets_b, "B", "C"))
    return out


def _score(factors: pd.DataFrame, settings: ClassifySettings) -> pd.Series:
    """0.5·amount + 0.3·frequency + 0.2·potential percentile ranks, renormalised without
    potential; customers without a potential value rank as 0."""
    parts = {
        "amount": (factors["amount"], settings.weight_amount),
        "frequency": (factors["frequency"], settings.weight_frequency),
    }
    if factors["potential"].notna().any():
        parts["potential"] = (factors["potential"].fillna(0.0), settings.weight_potential)
    total_weight = sum(weight for _, weight in parts.values())
    score = sum(
        values.rank(pct=True, method="average") * weight for values, weight in parts.values()
    )
    return (score / total_weight).astype("float64")


def _share_before(factors: pd.DataFrame) -> pd.Series:
    """Pareto: the share of the total amount held by the customers ranked above each one."""
    ranked = factors.sort_values(["amount", "customer_id"], ascending=[False, True], kind="stable")
    total = ranked["amount"].clip(lower=0).sum()
    before = ranked["amount"].clip(lower=0).cumsum() - ranked["amount"].clip(lower=0)
    share = before / total if total > 0 else pd.Series(1.0, index=ranked.index)
    return share.reindex(factors.index).astype("float64")


def compare_previous(classified: pd.DataFrame, previous: pd.Series | None) -> pd.DataFrame:
    """previous_class and move (up / down / same / new)."""
    out = classified.copy()
    if previous is not None:
        out["previous_class"] = out["customer_id"].map(previous)
    if "previous_class" not in out:
        out["previous_class"] = pd.NA
    # folded as the customer file's check folds it (Ａ typed by a Chinese input method is A)
    prev = out["previous_class"].astype("string").str.normalize("NFKC").str.strip().str.upper()
    prev = prev.where(prev.isin(list(CLASS_ORDER)))
    out["previous_class"] = prev
    old = prev.map(CLASS_ORDER).astype("float64")
    new = out["class"].map(CLASS_ORDER).astype("float64")
    conditions = [old.isna(), new > old, new < old]
    out["move"] = np.select([c.to_numpy(bool) for c in conditions], ["new", "up", "down"], "same")
    return out[CLASSIFY_COLUMNS].reset_index(drop=True)


def class_summary(classified: pd.DataFrame) -> pd.DataFrame:
    total = classified["amount"].sum()
    summary = classified.groupby("class").agg(
        customers=("customer_id", "size"), amount=("amount", "sum")
    )
    summary = summary.reindex(list(CLASS_ORDER), fill_value=0)
    summary["amount"] = summary["amount"].round(2)
    summary["customer_share"] = summary["customers"] / max(len(classified), 1)
    summary["amount_share"] = summary["amount"] / total if total else np.nan
    return summary.rename_axis("class").reset_index()


def move_matrix(classified: pd.DataFrame) -> pd.DataFrame:
    """From previous class (rows, `new` for none) to class (columns): customer counts."""
    previous = classified["previous_class"].astype("string").fillna("new")
    matrix = pd.crosstab(previous, classified["class"]).reindex(
        index=[*CLASS_ORDER, "new"], columns=list(CLASS_ORDER), fill_value=0
    )
    return matrix.rename_axis("from").rename_axis(None, axis=1).reset_index()


# --- 2.3 visit windows --------------------------------------------------------------------


@dataclass(frozen=True)
class VisitWindow:
    """A run of whole ISO weeks in which one visit is required; `days` are its working days."""

    weeks: tuple[Period, ...]
    days: tuple[date, ...]

    @property
    def label(self) -> str:
        first, last = self.weeks[0].label, self.weeks[-1].label
        if first == last:
            return first
        same_year = first[:4] == last[:4]
        return f"{first}..{last[5:] if same_year else last}"

    @property
    def start(self) -> date:
        return self.weeks[0].start

    @property
    def end(self) -> date:
        return self.weeks[-1].end


def visit_windows(month: Period, frequency: str, calendar: WorkCalendar) -> list[VisitWindow]:
    """The month's visit windows for a frequency: week, fortnight (pairs 1-2, 3-4, a fifth
    week alone) or month. Windows with no working day are left out: they are not required."""
    weeks = weeks_of_month(month)
    size = {"week": 1, "fortnight": 2, "month": len(weeks)}[frequency]
    out = []
    for i in range(0, len(weeks), size):
        group = tuple(weeks[i : i + size])
        days = tuple(d for w in group for d in w.days() if calendar.is_workday(d))
        if days:
            out.append(VisitWindow(group, days))
    return out


def windows_by_class(
    month: Period, settings: VisitSettings, calendar: WorkCalendar
) -> dict[str, list[VisitWindow]]:
    return {c: visit_windows(month, getattr(settings, c), calendar) for c in CLASS_ORDER}


def skipped_windows(month: Period, settings: VisitSettings, calendar: WorkCalendar) -> list[str]:
    """Windows with no working day at all, which the policy does not require."""
    out = []
    for customer_class in CLASS_ORDER:
        frequency = getattr(settings, customer_class)
        every = {w.label for w in visit_windows(month, frequency, _AllDays())}
        kept = {w.label for w in visit_windows(month, frequency, calendar)}
        out += [f"{customer_class}: {label}" for label in sorted(every - kept)]
    return out


def windows_since(windows: list[VisitWindow], customer: object) -> list[VisitWindow]:
    """A customer's windows from the day it was filed (the customer file's created_on, where
    given): no visit is required or planned before a customer exists, so a window keeps its
    working days from then and, with none, goes."""
    value = getattr(customer, "created_on", None)
    if value is None or pd.isna(value):
        return windows
    filed = pd.Timestamp(value).date()
    out = []
    for window in windows:
        days = tuple(d for d in window.days if d >= filed)
        if days:
            out.append(VisitWindow(window.weeks, days))
    return out


def _filed_by(customers: pd.DataFrame, last: date) -> pd.DataFrame:
    """The customers filed on or before `last` (all where the file gives no created_on): one
    filed after the month was nobody's customer in it."""
    if "created_on" not in customers:
        return customers
    filed = pd.to_datetime(customers["created_on"])
    return customers[~(filed > pd.Timestamp(last))]


class _AllDays(WorkCalendar):
    def is_workday(self, day: date) -> bool:  # every day counts, to list what was skipped
        return True


# --- 2.3 the visit plan -------------------------------------------------------------------

PLAN_COLUMNS = ["rep", "date", "customer_id", "customer_name", "class", "window"]
UNSCHEDULED_COLUMNS = ["rep", "customer_id", "customer_name", "class", "window", "reason"]


def plan_visits(
    customers: pd.DataFrame, month: Period, settings: VisitSettings, calendar: WorkCalendar
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every required window gets one visit on a working day of the window, at most
    `max_per_day` per rep and day; loads spread evenly; each customer keeps a weekday so its
    visits are evenly spaced. What does not fit is returned with the reason."""
    windows = windows_by_class(month, settings, calendar)
    last = max((w.end for ws in windows.values() for w in ws), default=month.end)
    customers = _filed_by(customers, last).rename(columns={"class": "customer_class"})
    planned: list[tuple] = []
    unscheduled: list[tuple] = []
    for row in customers[customers["rep"].isna() | customers["customer_class"].isna()].itertuples():
        reason = _("no rep in the customer file") if pd.isna(row.rep) else _("no class")
        unscheduled.append(
            (row.rep, row.customer_id, row.customer_name, row.customer_class, "", reason)
        )
    ready = customers.dropna(subset=["rep", "customer_class"])
    for rep, own in ready.groupby("rep", sort=True):
        p, u = _plan_rep(str(rep), own.sort_values("customer_id"), windows, settings.max_per_day)
        planned += p
        unscheduled += u
    plan = pd.DataFrame(planned, columns=PLAN_COLUMNS)
    plan["date"] = pd.to_datetime(plan["date"])
    plan = plan.sort_values(["rep", "date", "customer_id"], kind="stable").reset_index(drop=True)
    left = pd.DataFrame(unscheduled, columns=UNSCHEDULED_COLUMNS)
    # the reasons are messages: kept as such, each writer says them in its language
    left["reason"] = pd.Series([r[-1] for r in unscheduled], index=left.index, dtype=object)
    return plan, left


def _plan_rep(
    rep: str, customers: pd.DataFrame, windows: dict[str, list[VisitWindow]], limit: int
) -> tuple[list[tuple], list[tuple]]:
    tasks = []
    for position, row in enumerate(customers.itertuples(index=False)):
        for window in windows_since(windows.get(str(row.customer_class), []), row):
            tasks.append(
                (
                    len(window.days),
                    window.start,
                    row.customer_id,
                    position,
                    window,
                    row.customer_name,
                    row.customer_class,
                )
            )
    tasks.sort(key=lambda t: t[:3])  # the windows with fewest working days first
    load: Counter[date] = Counter()
    planned, unscheduled = [], []
    for _days, _start, customer_id, position, window, name, customer_class in tasks:
        open_days = [d for d in window.days if load[d] < limit]
        if not open_days:
            unscheduled.append(
                (
                    rep,
                    customer_id,
                    name,
                    customer_class,
                    window.label,
                    _(
                        "{days} already {have}",
                        days=n_(
                            "the window's {n} working day",
                            "each of the window's {n} working days",
                            len(window.days),
                        ),
                        have=n_("has {n} visit", "has {n} visits", limit),
                    ),
                )
            )
            continue
        ideal = _ideal_day(window, position)
        day = min(open_days, key=lambda d: (load[d], abs((d - ideal).days), d))
        load[day] += 1
        planned.append((rep, day, customer_id, name, customer_class, window.label))
    return planned, unscheduled


def _ideal_day(window: VisitWindow, position: int) -> date:
    """The customer's own weekday (customers rotate through Monday..Friday) in the window's
    middle week, so one customer's visits fall a week, a fortnight or a month apart."""
    middle = window.weeks[len(window.weeks) // 2 if len(window.weeks) != 2 else 0]
    return middle.start + timedelta(position % 5)


# --- 2.3 the manager's audit of visits ----------------------------------------------------

# visits by a rep other than the customer's owner, each with its place in the visits file
OTHER_REP_COLUMNS = ["visit_date", "rep", "customer_id", "owner", "_file", "_row"]
AUDIT_COLUMNS = [
    "rep",
    "customer_id",
    "customer_name",
    "class",
    "required",
    "done",
    "missed",
    "compliance",
]


def audit_visits(
    customers: pd.DataFrame,
    visits: pd.DataFrame,
    month: Period,
    settings: VisitSettings,
    calendar: WorkCalendar,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per customer: required windows, windows with a recorded visit, missed windows.
    Also returns visits to customers not in the file and visits by another rep than the owner."""
    windows = windows_by_class(month, settings, calendar)
    span_start = min((w.start for ws in windows.values() for w in ws), default=month.start)
    span_end = max((w.end for ws in windows.values() for w in ws), default=month.end)
    seen = visits[
        (visits["visit_date"] >= pd.Timestamp(span_start))
        & (visits["visit_date"] <= pd.Timestamp(span_end))
    ]
    visited = sets_by(seen["customer_id"], seen["visit_date"].dt.date)
    rows = []
    existing = _filed_by(customers, span_end)
    for row in existing.rename(columns={"class": "customer_class"}).itertuples(index=False):
        customer_class = row.customer_class
        required = windows.get(str(customer_class), []) if pd.notna(customer_class) else []
        required = windows_since(required, row)
        days = visited.get(row.customer_id, set())
        missed = [w.label for w in required if not any(w.start <= d <= w.end for d in days)]
        done = len(required) - len(missed)
        rows.append(
            (
                row.rep,
                row.customer_id,
                row.customer_name,
                customer_class,
                len(required),
                done,
                ", ".join(missed),
                done / len(required) if required else np.nan,
            )
        )
    audit = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    audit["rep"] = audit["rep"].fillna(NO_REP)  # a customer with no owner: its own row
    audit = audit.sort_values(["rep", "customer_id"], kind="stable")
    known = isin(seen["customer_id"], customers["customer_id"])
    strangers = seen[~known]
    owner = customers.set_index("customer_id")["rep"]
    others = seen[known].copy()
    if "rep" in others:
        others["owner"] = others["customer_id"].map(owner)
        others = others[others["rep"].notna() & (others["rep"] != others["owner"])]
    else:
        others = others.iloc[0:0].assign(owner=pd.Series(dtype="string"))
    keep = [c for c in OTHER_REP_COLUMNS if c in others]
    return (
        audit.reset_index(drop=True),
        strangers[[c for c in keep if c in strangers]].reset_index(drop=True),
        others[keep].reset_index(drop=True),
    )


def compliance_by_rep(audit: pd.DataFrame) -> pd.DataFrame:
    by_rep = (
        audit.groupby("rep", dropna=False)
        .agg(customers=("customer_id", "size"), required=("required", "sum"), done=("done", "sum"))
        .reset_index()
    )
    by_rep["compliance"] = by_rep["done"] / by_rep["required"].where(by_rep["required"] > 0)
    return by_rep.sort_values(["compliance", "rep"], kind="stable", na_position="last").reset_index(
        drop=True
    )


def last_complete_quarter(month: Period) -> Period:
    """The quarter before the one holding the month: the classes a plan uses when none given."""
    return quarter_of(month.start).previous()
