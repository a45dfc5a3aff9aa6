"""Chapter 2.2 · Customer information: 2.2.4 feedback follow-up (客户反馈跟进).

Customer service takes each piece of customer feedback, handles it and passes the result back to
the rep. For a period: received (received_on in it), resolved (resolved_on in it), open at the end
(received on or before the end, not resolved by the end), overdue (open at the end and received
more than `feedback.overdue_days` days before the end), median days to resolve (over the resolved)
and the closed-loop rate (resolved with returned_to_rep_on filled / resolved). Per rep (the
feedback's rep, else the customer's owner), per handler and for the company: one function makes
every view, so the company's counts are the reps' counts added up.
"""

from __future__ import annotations

import pandas as pd

from salescli.periods import Period
from salescli.problems import problem
from salescli.rules.problems import combined, duplicated_ids, problem_rows
from salescli.rules.process import ratio

NO_REP = "(no rep)"
NO_HANDLER = "(no handler)"
COMPANY = "company"
FIGURES = ["received", "resolved", "open", "overdue", "median_days_to_resolve", "closed_loop_rate"]
OPEN_COLUMNS = [
    "rep",
    "feedback_id",
    "customer_id",
    "customer_name",
    "received_on",
    "days_open",
    "overdue",
    "channel",
    "category",
    "content",
    "handler",
]


def with_reps(feedback: pd.DataFrame, owner: pd.Series) -> pd.DataFrame:
    """Each feedback with the rep it counts for: its own rep, else its customer's owner (at
    the period's end: `Owners.at`), else NO_REP (shown as a row of its own, never dropped);
    and its handler, else NO_HANDLER."""
    own = _column(feedback, "rep").astype("string")
    owner_of = feedback["customer_id"].map(owner).astype("string")
    handler = _column(feedback, "handler").astype("string").fillna(NO_HANDLER)
    return feedback.assign(rep=own.fillna(owner_of).fillna(NO_REP), handler=handler)


def _column(frame: pd.DataFrame, name: str, dtype: str = "string") -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(pd.NaT if dtype == "date" else pd.NA, index=frame.index)


def states(feedback: pd.DataFrame, period: Period, overdue_days: int) -> pd.DataFrame:
    """Per feedback row: the period's flags and day counts every figure is summed from."""
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    received_on = feedback["received_on"]
    resolved_on = pd.to_datetime(_column(feedback, "resolved_on", "date"))
    returned_on = pd.to_datetime(_column(feedback, "returned_to_rep_on", "date"))
    resolved = (resolved_on >= start) & (resolved_on <= end)
    still_open = (received_on <= end) & ~(resolved_on <= end)
    days_open = (end - received_on).dt.days
    return pd.DataFrame(
        {
            "received": (received_on >= start) & (received_on <= end),
            "resolved": resolved,
            "open": still_open,
            "overdue": still_open & (days_open > overdue_days),
            "days_to_resolve": (resolved_on - received_on).dt.days.where(resolved),
            "closed_loop": resolved & returned_on.notna(),
            "days_open": days_open.where(still_open),
        },
        index=feedback.index,
    )


def follow_up(
    feedback: pd.DataFrame,
    period: Period,
    overdue_days: int,
    by: str = "rep",
    members: list[str] | None = None,
) -> pd.DataFrame:
    """One row per `by` (rep, handler…): received, resolved, open, overdue,
    median_days_to_resolve, closed_loop_rate. `members` adds rows of zeros (a rep with no
    feedback), so every rep of the report is listed."""
    flags = states(feedback, period, overdue_days)
    grouped = flags.groupby(feedback[by].astype("string").to_numpy())
    out = pd.DataFrame(
        {
            "received": grouped["received"].sum(),
            "resolved": grouped["resolved"].sum(),
            "open": grouped["open"].sum(),
            "overdue": grouped["overdue"].sum(),
            "median_days_to_resolve": grouped["days_to_resolve"].median(),
            "closed_loop": grouped["closed_loop"].sum(),
        }
    )
    if members is not None:
        out = out.reindex(out.index.union(pd.Index(members, dtype="string")))
    counts = ["received", "resolved", "open", "overdue", "closed_loop"]
    out[counts] = out[counts].fillna(0).astype(int)
    out["closed_loop_rate"] = ratio(out["closed_loop"], out["resolved"])
    out = out.drop(columns="closed_loop").rename_axis(by).reset_index()
    return out.sort_values(by, kind="stable").reset_index(drop=True)


def company(feedback: pd.DataFrame, period: Period, overdue_days: int) -> dict[str, float]:
    """The company's figures: the same function as the reps', over one group."""
    row = follow_up(feedback.assign(_all=COMPANY), period, overdue_days, "_all", [COMPANY])
    return {f: float(row.iloc[0][f]) for f in FIGURES}


def open_feedback(feedback: pd.DataFrame, period: Period, overdue_days: int) -> pd.DataFrame:
    """The feedback open at the period's end, oldest first, with its days open."""
    flags = states(feedback, period, overdue_days)
    rows = feedback.loc[flags["open"]].assign(
        days_open=flags.loc[flags["open"], "days_open"].astype(int),
        overdue=flags.loc[flags["open"], "overdue"],
    )
    rows = rows.sort_values(["received_on", "feedback_id"], kind="stable")
    return rows.reindex(columns=[c for c in OPEN_COLUMNS if c in rows]).reset_index(drop=True)


def feedback_problems(feedback: pd.DataFrame) -> pd.DataFrame:
    """What `check` lists for the feedback table beyond unreadable cells."""
    parts = [duplicated_ids(feedback, "feedback", "feedback_id")]
    received_on = feedback["received_on"]
    resolved_on = pd.to_datetime(_column(feedback, "resolved_on", "date"))
    returned_on = pd.to_datetime(_column(feedback, "returned_to_rep_on", "date"))
    parts.append(
        problem_rows(
            feedback,
            resolved_on < received_on,
            "feedback",
            "resolved_on",
            problem("resolved-before-received"),
        )
    )
    parts.append(
        problem_rows(
            feedback,
            returned_on.notna() & resolved_on.isna(),
            "feedback",
            "returned_to_rep_on",
            problem("returned-not-resolved"),
        )
    )
    parts.append(
        problem_rows(
            feedback,
            returned_on < resolved_on,
            "feedback",
            "returned_to_rep_on",
            problem("returned-before-resolved"),
        )
    )
    if "handler" in feedback:
        parts.append(
            problem_rows(
                feedback,
                feedback["handler"].isna(),
                "feedback",
                "handler",
                problem("no-handler"),
            )
        )
    return combined(parts)


def without_rep(feedback: pd.DataFrame, owner: pd.Series) -> pd.DataFrame:
    """Feedback with no rep whose customer has no owner either: it counts under NO_REP."""
    attributed = with_reps(feedback, owner)
    return problem_rows(
        feedback,
        attributed["rep"] == NO_REP,
        "feedback",
        "customer_id",
        problem("feedback-without-rep"),
    )
