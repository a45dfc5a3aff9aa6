"""Chapter 2.3 · Visits: 2.3.2–2.3.4 visit records (拜访记录).

Each visit records its purpose, a summary of what was learned and the next step (跟进措施). A
visit without one of them is an incomplete record. Per rep: visits, complete records and the
record completeness; and the list of incomplete visits, each with what it lacks.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from salescli.periods import Period
from salescli.rules.process import in_period

RECORD_FIELDS = ["purpose", "summary", "next_step"]
NO_REP = "(no rep)"
INCOMPLETE_COLUMNS = [
    "rep",
    "visit_date",
    "customer_id",
    "missing_fields",
    *RECORD_FIELDS,
    "file",
    "row",
]


def missing_fields(visits: pd.DataFrame) -> pd.Series:
    """Per visit: the record fields it lacks ("purpose, next_step"), "" when complete. A field
    the export has no column for is missing from every visit."""
    text = pd.Series("", index=visits.index, dtype="object")
    for name in RECORD_FIELDS:
        empty = visits[name].isna().to_numpy(bool) if name in visits else True
        text = text + np.where(empty, name + ", ", "")
    return text.str.removesuffix(", ") if len(visits) else text


def with_reps(visits: pd.DataFrame, owner: pd.Series) -> pd.DataFrame:
    """Each visit with the rep it counts for: its own rep, else the customer's owner."""
    own = visits["rep"] if "rep" in visits else pd.Series(pd.NA, index=visits.index)
    rep = own.astype("string").fillna(visits["customer_id"].map(owner).astype("string"))
    return visits.assign(rep=rep.fillna(NO_REP))


def month_visits(
    visits: pd.DataFrame, customers: pd.DataFrame, period: Period, reps: list[str] | None = None
) -> pd.DataFrame:
    """The period's visits, each with the rep it counts for (its own, else the owner of the
    customer in `customers`); only those of `reps` when given."""
    owner = customers.drop_duplicates("customer_id").set_index("customer_id")["rep"]
    month = with_reps(in_period(visits, "visit_date", period), owner)
    if reps:
        month = month[month["rep"].isin(reps)]
    return month


def record_completeness(visits: pd.DataFrame) -> pd.DataFrame:
    """Per rep: visits, complete_records, record_completeness (worst first)."""
    complete = missing_fields(visits) == ""
    grouped = complete.groupby(visits["rep"].astype("string").to_numpy())
    out = pd.DataFrame({"visits": grouped.size(), "complete_records": grouped.sum()})
    out = out.astype(int).rename_axis("rep").reset_index()
    out["record_completeness"] = out["complete_records"] / out["visits"]
    return out.sort_values(["record_completeness", "rep"], kind="stable").reset_index(drop=True)


def incomplete_visits(visits: pd.DataFrame) -> pd.DataFrame:
    """The visits with an incomplete record, by rep and date, each with what it lacks."""
    gaps = missing_fields(visits)
    rows = visits.loc[gaps != ""].assign(missing_fields=gaps[gaps != ""])
    rows = rows.rename(columns={"_file": "file", "_row": "row"})
    rows = rows.sort_values(["rep", "visit_date", "customer_id"], kind="stable")
    return rows.reindex(columns=[c for c in INCOMPLETE_COLUMNS if c in rows]).reset_index(drop=True)
