"""Record rules shared by `check`: chapter 2.2 (customer records) and 4.2 (order fields).

Each rule returns problems as rows with the columns of `salescli check`.
"""

from __future__ import annotations

import pandas as pd

from salescli.problems import Found, problem
from salescli.rules.frames import isin

# `code` is the problem's kind (salescli.problems, docs/codes.md), the column BI filters on
PROBLEM_COLUMNS = [
    "table",
    "file",
    "sheet",
    "row",
    "column",
    "value",
    "severity",
    "code",
    "problem",
    "hint",
]

MESSAGE_COLUMNS = ("problem", "hint")

# Chapter 2.2: what a customer record must hold.
CUSTOMER_RECORD = [
    "customer_name",
    "legal_representative",
    "address",
    "phone",
    "contact_name",
    "contact_title",
    "contact_phone",
    "preferences",
    "feedback",
]
# Chapter 4.2: what an order line must hold (price: unit_price or amount).
ORDER_RECORD = ["order_id", "customer_id", "product_model", "quantity", "due_date", "payment_terms"]
PHONE_COLUMNS = ["phone", "contact_phone"]
_PHONE = r"^(?:1[3-9]\d{9}|0\d{2,3}\d{7,8}|[48]00\d{7}|\d{7,8})$"


def missing_fields(
    frame: pd.DataFrame,
    table: str,
    fields: list[str],
    labels: dict[str, str],
    missing_column: str = "error",
) -> pd.DataFrame:
    """One problem per empty required field, and one per required column the file lacks
    (of severity `missing_column`)."""
    rows = []
    for name in fields:
        if name not in frame:
            found = problem("record-column-missing", severity=missing_column, label=labels[name])
            rows.append(
                {
                    "table": table,
                    "file": _first(frame, "_file"),
                    "sheet": _first(frame, "_sheet"),
                    "row": None,
                    "column": name,
                    "value": None,
                    **said(found),
                }
            )
            continue
        empty = frame[name].isna()
        if empty.any():
            part = frame.loc[empty, ["_file", "_sheet", "_row"]].rename(
                columns={"_file": "file", "_sheet": "sheet", "_row": "row"}
            )
            part["table"], part["column"], part["value"] = table, name, None
            rows += _said_on(part, problem("record-field-empty", label=labels[name]))
    return _frame(rows)


def malformed_phones(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    rows = []
    for name in [c for c in PHONE_COLUMNS if c in frame]:
        digits = (
            frame[name]
            .astype("string")
            .str.replace(r"(?i)(转|ext\.?|x)\s*\d+$", "", regex=True)
            .str.replace(r"[\s\-()（）+]", "", regex=True)
            .str.replace(r"^(?:0086|86)(?=1\d{10}$)", "", regex=True)
        )
        bad = frame[name].notna() & ~digits.str.match(_PHONE).fillna(False).astype(bool)
        if bad.any():
            part = frame.loc[bad, ["_file", "_sheet", "_row", name]].rename(
                columns={"_file": "file", "_sheet": "sheet", "_row": "row", name: "value"}
            )
            part["table"], part["column"] = table, name
            rows += _said_on(part, problem("bad-phone"))
    return _frame(rows)


def without_orders(customers: pd.DataFrame, orders: pd.DataFrame | None) -> pd.DataFrame:
    """Chapter 2.2 asks for purchase history: a customer with no order at all is named."""
    if orders is None:
        return _frame([])
    lonely = ~isin(customers["customer_id"], orders["customer_id"])
    part = customers.loc[lonely, ["_file", "_sheet", "_row", "customer_id"]].rename(
        columns={"_file": "file", "_sheet": "sheet", "_row": "row", "customer_id": "value"}
    )
    part["table"], part["column"] = "customers", "customer_id"
    return _frame(_said_on(part, problem("no-purchase-history")))


def unowned_sales(orders: pd.DataFrame, customers: pd.DataFrame | None) -> pd.DataFrame:
    """Order lines with no rep whose customer has no owner (no customer file, no rep in it,
    no line of the customer with a rep): the commands show them as `(unassigned)`."""
    from salescli.rules import process

    live = process.live_orders(orders)
    if "customer_id" not in live:
        return _frame([])
    nobody = process.line_reps(live, customers).isna().to_numpy()
    part = live.loc[nobody, ["_file", "_sheet", "_row", "customer_id"]].rename(
        columns={"_file": "file", "_sheet": "sheet", "_row": "row", "customer_id": "value"}
    )
    part["table"], part["column"] = "orders", "rep"
    return _frame(_said_on(part, problem("unowned-sale")))


def completeness_by_rep(customers: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """Per rep: customers, complete records, completeness rate (chapter 2.2 audit)."""
    rep = customers["rep"] if "rep" in customers else pd.Series(pd.NA, index=customers.index)
    keys = customers[["_file", "_sheet", "_row"]].copy()
    keys["rep"] = rep.fillna("(no rep)")
    record_problems = problems[
        (problems["table"] == "customers")
        & problems["row"].notna()
        & (problems["severity"] == "error")
    ]
    flawed = set(
        zip(
            record_problems["file"],
            record_problems["sheet"],
            record_problems["row"].astype(int),
            strict=True,
        )
    )
    keys["complete"] = [
        (f, s, int(r)) not in flawed
        for f, s, r in zip(keys["_file"], keys["_sheet"], keys["_row"], strict=True)
    ]
    if problems[
        (problems["table"] == "customers")
        & problems["row"].isna()
        & (problems["severity"] == "error")
    ].shape[0]:
        keys["complete"] = False  # a whole required column is missing
    out = (
        keys.groupby("rep", sort=True)
        .agg(customers=("complete", "size"), complete=("complete", "sum"))
        .reset_index()
    )
    out["complete"] = out["complete"].astype(int)
    out["completeness"] = out["complete"] / out["customers"]
    return out.sort_values(["completeness", "rep"], kind="stable").reset_index(drop=True)


def said(found: Found) -> dict[str, object]:
    """The columns of a problem row that say what it is (salescli.problems)."""
    return {
        "severity": found.severity,
        "code": found.code,
        "problem": found.problem,
        "hint": found.hint,
    }


def _first(frame: pd.DataFrame, column: str) -> object:
    return frame[column].iloc[0] if len(frame) and column in frame else None


def _said_on(part: pd.DataFrame, found: Found) -> list[dict]:
    return [{**row, **said(found)} for row in part.to_dict("records")]


def _frame(rows: list[dict]) -> pd.DataFrame:
    return problem_frame(rows)


def problem_frame(rows: list[dict]) -> pd.DataFrame:
    """Problem rows as `check` lists them; the problem and hint keep their message ids (a
    column of text would turn them into their English)."""
    frame = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    for name in MESSAGE_COLUMNS:
        frame[name] = pd.Series([r.get(name) for r in rows], index=frame.index, dtype=object)
    frame["row"] = frame["row"].astype("Int64")
    return frame


def class_completeness(
    customers: pd.DataFrame, problems: pd.DataFrame, customer_class: str = "A"
) -> pd.DataFrame | None:
    """Per rep: the `customer_class` customers (the customer file's class) and their record
    completeness (2.2.3: A-class records get particular attention). None without a class
    column."""
    if "class" not in customers:
        return None
    written = customers["class"].astype("string").str.normalize("NFKC")  # Ａ is A
    chosen = written.str.strip().str.upper() == customer_class
    part = completeness_by_rep(customers[chosen.fillna(False).to_numpy(bool)], problems)
    prefix = customer_class.lower()
    return part.rename(
        columns={
            "customers": f"{prefix}_customers",
            "complete": f"{prefix}_complete",
            "completeness": f"{prefix}_completeness",
        }
    )
