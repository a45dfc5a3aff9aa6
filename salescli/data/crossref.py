"""What one table says about another's columns: the checks a file cannot make alone.

- Currency: order lines in a currency other than the base one are converted with the rates
  table (the rate of the order date's month), or refused naming what has no rate.
- Persons: an unread column of order lines (visits, opportunities) whose values are names of
  the reps (targets) or owners (customer file) may be who sold the line: refused with the
  setting that settles it.
- Customer keys: order lines whose customer ids are not the customer file's ids, but are the
  values of another of its columns, are refused with the mapping that joins them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salescli.data import roles
from salescli.data.normalise import Problem
from salescli.data.parts import listed as _listed
from salescli.data.roles import PERSON_TABLES
from salescli.data.sales import MONEY, to_cents
from salescli.i18n import _, n_
from salescli.problems import Found, problem

__all__ = ["PERSON_TABLES", "customer_keys", "in_base_currency", "person_columns"]


def in_base_currency(
    orders: pd.DataFrame, rates: pd.DataFrame | None, base: str
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """Order lines with their money in `base`; the problems of lines that cannot be (no rates
    table, no rate for a currency's month) and a note of what was converted."""
    if "currency" not in orders:
        return orders, [], []
    foreign = (orders["currency"].notna() & (orders["currency"] != base)).to_numpy(bool)
    if "status" in orders:  # a line that counts nowhere needs no rate
        foreign &= (orders["status"] != "cancelled").fillna(True).to_numpy(bool)
    if not foreign.any():
        return orders, [], []
    lines = orders[foreign]
    months = lines["order_date"].dt.strftime("%Y-%m")
    own = lines.get("exchange_rate")
    if own is not None and own.notna().all() and (own > 0).all():
        return _converted(orders, foreign, own, base, _("the export's own exchange rates"))
    if rates is None or rates.empty:
        listed = _amounts_by_currency(lines)
        return (
            orders,
            [_problem(lines, problem("no-rates-table", listed=listed, base=base))],
            [],
        )
    table = rates.assign(currency=rates["currency"].astype("string").str.upper())
    table = table.drop_duplicates(["month", "currency"], keep="last")
    rate = pd.MultiIndex.from_arrays([months, lines["currency"]]).map(
        table.set_index(["month", "currency"])["rate"]
    )
    rate = pd.Series(rate, index=lines.index, dtype="float64")
    missing = rate.isna()
    if missing.any():
        pairs = sorted(set(zip(lines.loc[missing, "currency"], months[missing], strict=True)))
        shown = ", ".join(f"{c} {m}" for c, m in pairs[:6]) + (" …" if len(pairs) > 6 else "")
        return (
            orders,
            [
                _problem(
                    lines[missing],
                    problem("missing-rate", pairs=shown, n=int(missing.sum()), base=base),
                )
            ],
            [],
        )
    return _converted(orders, foreign, rate, base, _("the rates table's rates of their months"))


def _converted(
    orders: pd.DataFrame, foreign: np.ndarray, rate: pd.Series, base: str, how: str
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    converted = orders.copy()
    for column in [c for c in MONEY if c in converted]:
        values = converted.loc[foreign, column].astype("float64")
        converted.loc[foreign, column] = to_cents(values * rate.to_numpy())
    converted["original_currency"] = converted["currency"]
    converted["currency"] = base
    used = ", ".join(sorted(set(orders.loc[foreign, "currency"])))
    note = n_(
        "orders: {n} line in {currencies} converted to {base} with {how}",
        "orders: {n} lines in {currencies} converted to {base} with {how}",
        int(foreign.sum()),
        currencies=used,
        base=base,
        how=how,
    )
    return converted, [], [note]


def _amounts_by_currency(lines: pd.DataFrame) -> str:
    sums = lines.groupby("currency")["amount"].agg(["size", "sum"]) if "amount" in lines else None
    if sums is None:
        return ", ".join(sorted(set(lines["currency"])))
    return _listed(
        [
            n_(
                "{currency} ({n} line, {amount:,.2f})",
                "{currency} ({n} lines, {amount:,.2f})",
                int(r["size"]),
                currency=c,
                amount=float(r["sum"]),
            )
            for c, r in sums.iterrows()
        ]
    )


def _problem(lines: pd.DataFrame, found: Found) -> Problem:
    first = lines.iloc[0]
    return Problem.at(
        found,
        "orders",
        str(first.get("_file", "")),
        str(first.get("_sheet", "")) or None,
        int(first["_row"]) if "_row" in lines else None,
        "currency",
        str(first["currency"]),
    )


def person_columns(table: str, headers: list[dict], reps: set[str], has_rep: bool) -> list[Problem]:
    """Unread columns whose values are reps' names: the seller may be there. A descriptive
    person column (制单人) matters only when the table has no rep column of its own."""
    if not reps:
        return []
    found = []
    for line in headers:
        values = line.get("values")
        if not values or line.get("column"):
            continue
        harmless = line.get("how") == "harmless"
        if harmless and has_rep:
            continue
        named = [v for v in values if v in reps]
        if not named or len(named) < max(1, len(values) / 2):
            continue
        concern = roles.concern_of("owner" if table == "customers" else "person")
        said = problem(
            "reps-in-unread-column",
            column=line["header"],
            names=", ".join(named[:3]),
            why=concern.why,
            advice=roles.hint(concern, table, line["header"]),
        )
        found.append(
            Problem.at(
                said,
                table,
                line.get("file", ""),
                line.get("sheet") or None,
                None,
                line["header"],
                ", ".join(named[:3]),
            )
        )
    return found


def sheets_of_reps(table: str, headers: list[dict], reps: set[str], has_rep: bool) -> list[Problem]:
    """A workbook with a sheet per rep (sheets named 张伟, 李娜) and no rep column: the seller
    is the sheet's name, which nothing reads unless `rep_from_sheet` says so."""
    sheets = sorted({str(line.get("sheet") or "") for line in headers} - {""})
    named = [s for s in sheets if s in reps]
    if has_rep or not named or len(named) < len(sheets) / 2:
        return []
    first = next(line for line in headers if line.get("sheet") == named[0])
    said = problem("sheets-named-for-reps", names=", ".join(named[:3]), table=table)
    return [
        Problem.at(said, table, first.get("file", ""), named[0], None, None, said.params["names"])
    ]


def customer_keys(
    orders: pd.DataFrame, customers: pd.DataFrame, headers: list[dict], table: str = "orders"
) -> list[Problem]:
    """Orders (visits, opportunities) whose customer ids are mostly not the customer file's
    ids, but are the values of another of its columns (客戶代號 beside a file keyed by short
    name; HubSpot's Associated Company IDs beside a file keyed by Company name): every customer
    would appear twice, once with its sales (visits) and once with none."""
    from salescli.rules.frames import isin

    ids = orders["customer_id"].dropna()
    if ids.empty or "customer_id" not in customers:
        return []
    unmatched = ids[~isin(ids, customers["customer_id"])]
    if len(unmatched) <= len(ids) / 2:
        return []
    wanted = set(unmatched.unique())
    for line in headers:
        # an unread column's values, or those of a key column stepped aside or ignored
        values = set(line.get("values") or line.get("keys") or ())
        if line.get("column") or not values:
            continue
        if len(wanted & values) >= 0.8 * len(wanted):
            first = orders.loc[unmatched.index[0]]
            said = problem(
                "customer-ids-mismatch" if table == "orders" else "visited-customer-ids-mismatch",
                file=line.get("file", ""),
                column=line["header"],
                table=table,
            )
            return [
                Problem.at(
                    said,
                    table,
                    str(first.get("_file", "")),
                    str(first.get("_sheet", "")) or None,
                    int(first["_row"]) if "_row" in orders else None,
                    "customer_id",
                    str(unmatched.iloc[0]),
                )
            ]
    return []
