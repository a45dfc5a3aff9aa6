"""What `check` finds in the tables it read: the record rules (2.2, 4.2), the duties (2.2.4,
4.2.5), the problems in the order they are listed, and each rep's record completeness.

Pure: the tables come in as frames keyed by table name (`loaded`), problems go out as frames
with the columns of `records.PROBLEM_COLUMNS`.
"""

from __future__ import annotations

import pandas as pd

from salescli.rules import feedback, order_changes, records, visit_records
from salescli.rules.process import Owners, live_orders

Loaded = dict[str, pd.DataFrame]


def record_problems(
    loaded: Loaded, owners_known: bool, labels: dict[str, str]
) -> list[pd.DataFrame]:
    """The customer and order record rules, then the duties. `owners_known`: the customer
    file was looked at, so sales nobody owns can be judged; `labels` names each column in
    Chinese for the messages."""
    out = []
    if "customers" in loaded:
        customers = loaded["customers"]
        out.append(records.missing_fields(customers, "customers", records.CUSTOMER_RECORD, labels))
        out.append(records.malformed_phones(customers, "customers"))
        out.append(records.without_orders(customers, loaded.get("orders")))
    if "orders" in loaded:
        orders = loaded["orders"]
        # a record column no figure needs (due date, payment terms, model): a warning
        out.append(
            records.missing_fields(
                orders, "orders", records.ORDER_RECORD, labels, missing_column="warning"
            )
        )
        if owners_known:
            out.append(records.unowned_sales(orders, loaded.get("customers")))
    out += duty_problems(loaded)
    return out


def duty_problems(loaded: Loaded) -> list[pd.DataFrame]:
    """Feedback follow-up (2.2.4) and order changes (4.2.5)."""
    out = []
    if "feedback" in loaded:
        out.append(feedback.feedback_problems(loaded["feedback"]))
        if "customers" in loaded or "orders" in loaded:  # owners are known only from them
            out.append(feedback.without_rep(loaded["feedback"], customer_owners(loaded)))
    if "order_changes" in loaded:
        changes = loaded["order_changes"]
        out.append(order_changes.order_change_problems(changes, loaded.get("orders")))
    return out


def customer_owners(loaded: Loaded) -> pd.Series:
    """Each customer's owner after its last line, as a report of the last period counts it
    (the customer file's, else the rep of its latest live line)."""
    orders = loaded.get("orders")
    orders = live_orders(orders) if orders is not None else pd.DataFrame()
    return Owners.of(loaded.get("customers"), orders).at()


def listed(found: list[pd.DataFrame]) -> pd.DataFrame:
    """Every problem found, as one frame sorted by table, file, sheet, row and column."""
    found = [f for f in found if len(f)] or [pd.DataFrame(columns=records.PROBLEM_COLUMNS)]
    problems = pd.concat(found, ignore_index=True)
    return (
        problems.astype({"row": "Int64"})
        .sort_values(
            ["table", "file", "sheet", "row", "column"], kind="stable", na_position="first"
        )
        .reset_index(drop=True)
    )


def severity_counts(problems: pd.DataFrame) -> tuple[int, int]:
    """The errors and the warnings among the problems."""
    return (
        int((problems["severity"] == "error").sum()),
        int((problems["severity"] == "warning").sum()),
    )


def completeness(customers: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """Each rep's customer-record completeness, with the A-class customers' beside it (2.2.3)
    when the customer file has classes."""
    overall = records.completeness_by_rep(customers, problems)
    class_a = records.class_completeness(customers, problems, "A")
    if class_a is None:
        return overall
    merged = overall.merge(class_a, on="rep", how="left")
    counts = ["a_customers", "a_complete"]
    merged[counts] = merged[counts].fillna(0).astype(int)
    return merged


def visit_completeness(loaded: Loaded) -> pd.DataFrame | None:
    """2.3.2–2.3.4: each rep's visits and complete visit records (every visit in the export,
    each counted for its customer's owner); None without visits with a date."""
    if "visits" not in loaded or "visit_date" not in loaded["visits"]:
        return None
    customers = loaded.get("customers")
    owner = (
        customers.drop_duplicates("customer_id").set_index("customer_id")["rep"]
        if customers is not None and "rep" in customers
        else pd.Series(dtype="string")
    )
    return visit_records.record_completeness(visit_records.with_reps(loaded["visits"], owner))
