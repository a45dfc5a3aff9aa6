"""Chapter 4.2 · Orders: 4.2.5 order changes (订单变更).

A customer's change request (quantity, delivery date, price, product, cancellation) takes effect
only when approved. For a period: requested (requested_on in it), by change type; approved and
rejected (the decision's decided_on in it); pending (requested on or before the end, no decision
by the end) with days waiting; the amount effect of the approved ones (new_amount - old_amount
where both are given). Per rep (the change's rep, else the order's) and for the company: one
function makes every view.
"""

from __future__ import annotations

import pandas as pd

from salescli.i18n import Msg, n_
from salescli.periods import Period
from salescli.problems import problem
from salescli.rules.frames import isin
from salescli.rules.problems import combined, duplicated_ids, problem_rows

NO_REP = "(no rep)"
NOT_GIVEN = "(not given)"
COMPANY = "company"
FIGURES = ["requested", "approved", "rejected", "pending", "amount_effect"]
# the words exports use for each change type and decision (lower case; English or Chinese)
CHANGE_TYPES = {
    "quantity": {"quantity", "qty", "数量", "数量变更", "改数量", "增量", "减量"},
    "delivery_date": {
        "delivery_date",
        "delivery date",
        "delivery",
        "交期",
        "交货期",
        "交货日期",
        "交期变更",
        "交货日期变更",
    },
    "price": {"price", "价格", "单价", "价格变更", "调价"},
    "product": {"product", "model", "产品", "型号", "产品变更", "换型号", "规格"},
    "cancel": {"cancel", "cancellation", "取消", "取消订单", "撤单", "退单"},
}
DECISIONS = {
    "approved": {
        "approved",
        "approve",
        "yes",
        "y",
        "通过",
        "批准",
        "同意",
        "已批准",
        "已通过",
        "已同意",
    },
    "rejected": {
        "rejected",
        "reject",
        "no",
        "n",
        "驳回",
        "拒绝",
        "不同意",
        "不通过",
        "否决",
        "未通过",
    },
    "pending": {"pending", "待审批", "审批中", "待审", "未审批", "处理中"},
}
PENDING_COLUMNS = [
    "rep",
    "change_id",
    "order_id",
    "change_type",
    "requested_on",
    "days_waiting",
    "old_value",
    "new_value",
    "old_amount",
    "new_amount",
    "reason",
]


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="object")


def _words(series: pd.Series, vocabulary: dict[str, set[str]]) -> pd.Series:
    text = series.astype("string").str.strip().str.lower()
    out = pd.Series(pd.NA, index=series.index, dtype="string")
    for canonical, words in vocabulary.items():
        out[text.isin(words).fillna(False).to_numpy(bool)] = canonical
    return out


def change_types(changes: pd.DataFrame) -> pd.Series:
    """The canonical change type; a type the vocabulary does not know stays as written (and
    `check` names it), an empty one is NOT_GIVEN."""
    written = _column(changes, "change_type").astype("string")
    return _words(written, CHANGE_TYPES).fillna(written).fillna(NOT_GIVEN)


def decisions(changes: pd.DataFrame) -> pd.Series:
    """approved / rejected / pending (empty is pending); NA where the word is not known."""
    written = _column(changes, "decision").astype("string")
    known = _words(written, DECISIONS)
    return known.mask(written.isna(), "pending")


def with_reps(changes: pd.DataFrame, order_reps: pd.Series) -> pd.DataFrame:
    """Each change with the rep it counts for: its own, else its order's, else NO_REP."""
    own = _column(changes, "rep").astype("string")
    of_order = changes["order_id"].map(order_reps).astype("string")
    return changes.assign(rep=own.fillna(of_order).fillna(NO_REP))


def order_reps(orders: pd.DataFrame) -> pd.Series:
    """An order's rep: the rep of its first line that has one (the lines of an order share it)."""
    if "rep" not in orders:
        return pd.Series(dtype="string")
    return orders.dropna(subset=["rep"]).groupby("order_id", sort=False)["rep"].first()


def states(changes: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per change: the period's flags, days waiting and amount effect every figure sums."""
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    requested_on = changes["requested_on"]
    decided_on = pd.to_datetime(_column(changes, "decided_on"))
    decision = decisions(changes)
    decided_in = (decided_on >= start) & (decided_on <= end)
    made = decision.isin(["approved", "rejected"]).fillna(False).to_numpy(bool)
    pending = (requested_on <= end) & ~(made & (decided_on <= end))
    approved = (decision == "approved").fillna(False).to_numpy(bool) & decided_in
    old_amount = pd.to_numeric(_column(changes, "old_amount"), errors="coerce")
    new_amount = pd.to_numeric(_column(changes, "new_amount"), errors="coerce")
    return pd.DataFrame(
        {
            "requested": (requested_on >= start) & (requested_on <= end),
            "approved": approved,
            "rejected": (decision == "rejected").fillna(False).to_numpy(bool) & decided_in,
            "pending": pending,
            "days_waiting": (end - requested_on).dt.days.where(pending),
            "amount_effect": (new_amount - old_amount).where(approved),
        },
        index=changes.index,
    )


def changes_by(
    changes: pd.DataFrame, period: Period, by: str = "rep", members: list[str] | None = None
) -> pd.DataFrame:
    """One row per `by`: requested, approved, rejected, pending, amount_effect. `members` adds
    rows of zeros (a rep without changes)."""
    flags = states(changes, period)
    key = (change_types(changes) if by == "change_type" else changes[by]).astype("string")
    grouped = flags.groupby(key.to_numpy())
    out = pd.DataFrame(
        {
            "requested": grouped["requested"].sum(),
            "approved": grouped["approved"].sum(),
            "rejected": grouped["rejected"].sum(),
            "pending": grouped["pending"].sum(),
            "amount_effect": grouped["amount_effect"].sum().round(2),
        }
    )
    if members is not None:
        out = out.reindex(out.index.union(pd.Index(members, dtype="string")))
    counts = ["requested", "approved", "rejected", "pending"]
    out[counts] = out[counts].fillna(0).astype(int)
    out["amount_effect"] = out["amount_effect"].fillna(0.0)
    return out.rename_axis(by).reset_index().sort_values(by, kind="stable").reset_index(drop=True)


def company(changes: pd.DataFrame, period: Period) -> dict[str, float]:
    row = changes_by(changes.assign(_all=COMPANY), period, by="_all", members=[COMPANY])
    return {f: float(row.iloc[0][f]) for f in FIGURES}


def pending_changes(changes: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The changes waiting for a decision at the period's end, longest waiting first."""
    flags = states(changes, period)
    rows = changes.loc[flags["pending"]].assign(
        change_type=change_types(changes)[flags["pending"]],
        days_waiting=flags.loc[flags["pending"], "days_waiting"].astype(int),
    )
    rows = rows.sort_values(["requested_on", "change_id"], kind="stable")
    return rows.reindex(columns=[c for c in PENDING_COLUMNS if c in rows]).reset_index(drop=True)


def order_change_problems(changes: pd.DataFrame, orders: pd.DataFrame | None) -> pd.DataFrame:
    """What `check` lists for the order_changes table beyond unreadable cells."""
    table = "order_changes"
    decision = decisions(changes)
    decided_on = pd.to_datetime(_column(changes, "decided_on"))
    made = decision.isin(["approved", "rejected"]).fillna(False).to_numpy(bool)
    parts = [
        duplicated_ids(changes, table, "change_id"),
        problem_rows(
            changes,
            decision.isna(),
            table,
            "decision",
            problem("not-a-decision"),
        ),
        problem_rows(
            changes,
            made & decided_on.isna().to_numpy(bool),
            table,
            "decided_on",
            problem("decision-without-date"),
        ),
        problem_rows(
            changes,
            decided_on < changes["requested_on"],
            table,
            "decided_on",
            problem("decided-before-requested"),
        ),
        problem_rows(
            changes,
            (decision == "pending").fillna(False).to_numpy(bool)
            & decided_on.notna().to_numpy(bool),
            table,
            "decision",
            problem("date-without-decision"),
        ),
    ]
    types = change_types(changes)
    unknown = _column(changes, "change_type").notna() & ~types.isin(list(CHANGE_TYPES))
    parts.append(
        problem_rows(
            changes,
            unknown,
            table,
            "change_type",
            problem("unknown-change-type"),
        )
    )
    if orders is not None:
        parts.append(
            problem_rows(
                changes,
                ~isin(changes["order_id"], orders["order_id"]) & changes["order_id"].notna(),
                table,
                "order_id",
                problem("change-of-unknown-order"),
            )
        )
    return combined(parts)


def amount_effect_note(changes: pd.DataFrame, period: Period) -> Msg | None:
    """Approved changes the amount effect cannot include (an amount is not given)."""
    flags = states(changes, period)
    without = int((flags["approved"] & flags["amount_effect"].isna()).sum())
    if not without:
        return None
    return n_(
        "{n} approved change without both amounts is not in amount_effect",
        "{n} approved changes without both amounts are not in amount_effect",
        without,
    )
