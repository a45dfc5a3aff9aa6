"""The books: the normalised inputs an appraisal and the reports read (orders, customers,
targets, surveys, opportunities, expenses, reviews, feedback, order changes), each order line
with the rep it counts for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from salescli.rules import process
from salescli.rules.process import UNASSIGNED


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
    owners: process.Owners = field(
        default_factory=lambda: process.Owners.of(None, pd.DataFrame())
    )  # who held each customer when, from the live lines


def books(
    orders: pd.DataFrame,
    customers: pd.DataFrame | None = None,
    until: date | None = None,
    **tables: pd.DataFrame | None,
) -> Books:
    """Live order lines (cancelled orders excluded everywhere) dated up to `until` (a
    period's end: no figure of a period reads a later line), each with its rep: its own,
    else its customer's owner, else UNASSIGNED (shown, never dropped)."""
    kept = process.live(orders)
    if until is not None:
        kept &= ~(orders["order_date"] > pd.Timestamp(until)).to_numpy(dtype=bool)
    live = orders if kept.all() else orders[kept]
    owners = process.Owners.of(customers, live)
    live = live.assign(rep=process.line_reps(live, customers, owners).fillna(UNASSIGNED))
    return Books(live, customers, owners=owners, **tables)
