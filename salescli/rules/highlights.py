"""Chapter 4.3.4 · A first draft of the analysis (分析要点).

The monthly report must "summarise results, analyse problems and their causes, and propose
improvements". These rules pick the facts a manager reads first, each one a set of figures taken
from a table of the same report (`source`), so no sentence stands without a figure behind it:
the period against target, the previous period and last year; the contribution of each region,
category and rep to the change in amount (adding up to the whole change); reps below the
attainment floor; at-risk customers and churn; overdue follow-ups and late deliveries.
The words are a jinja2 template (templates/highlights.txt.j2), one sentence per fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

NO_MEMBER = "-"  # order lines without a region, category or rep
CONTRIBUTION_COLUMNS = [
    "dimension",
    "member",
    "amount",
    "amount_prev",
    "change_amount",
    "share_of_change",
]


@dataclass(frozen=True)
class Fact:
    """One highlight: what it says (`key`), the table its figures come from, the figures."""

    key: str
    source: str
    values: dict[str, Any] = field(default_factory=dict)


def contributions(current: pd.Series, previous: pd.Series) -> pd.DataFrame:
    """Each member's part of the change in a sum: current - previous per member, largest
    (in size) first. Computed in whole cents, so the parts add up exactly to the change of the
    totals; `share_of_change` is each part over the whole change (empty when it is 0)."""
    now = _cents(current)
    before = _cents(previous)
    members = now.index.union(before.index)
    now = now.reindex(members, fill_value=0)
    before = before.reindex(members, fill_value=0)
    change = now - before
    total = int(change.sum())
    out = pd.DataFrame(
        {
            "member": [str(m) for m in members],
            "amount": now.to_numpy() / 100,
            "amount_prev": before.to_numpy() / 100,
            "change_amount": change.to_numpy() / 100,
            "share_of_change": change.to_numpy() / total if total else np.nan,
        }
    )
    order = np.lexsort((out["member"].to_numpy(), -np.abs(change.to_numpy())))
    return out.iloc[order].reset_index(drop=True)


def _cents(values: pd.Series) -> pd.Series:
    values = values.groupby(level=0).sum()
    return values.fillna(0.0).mul(100).round().astype("int64")


def contribution_table(
    lines_now: pd.DataFrame, lines_before: pd.DataFrame, dimensions: list[str]
) -> pd.DataFrame:
    """The change in amount between two periods broken down by each dimension in turn (every
    line counts: a line without the dimension under `-`)."""
    parts = []
    for dimension in dimensions:
        if dimension not in lines_now or dimension not in lines_before:
            continue
        frame = contributions(_by(lines_now, dimension), _by(lines_before, dimension))
        frame.insert(0, "dimension", dimension)
        parts.append(frame)
    if not parts:
        return pd.DataFrame(columns=CONTRIBUTION_COLUMNS)
    return pd.concat(parts, ignore_index=True)[CONTRIBUTION_COLUMNS]


def _by(lines: pd.DataFrame, dimension: str) -> pd.Series:
    key = lines[dimension].astype("string").fillna(NO_MEMBER)
    return lines["amount"].groupby(key).sum()


def period_facts(
    tables: dict[str, pd.DataFrame], low_attainment: float, top: int = 3
) -> list[Fact]:
    """The monthly (or quarterly) report's highlights, from its own tables."""
    facts: list[Fact] = []
    summary = tables.get("summary")
    if summary is not None and len(summary):
        row = summary.set_index("figure")
        amount = row.loc["amount"]
        facts.append(
            Fact(
                "against_target",
                "summary",
                {
                    "amount": amount["current"],
                    "target": row.loc["target", "current"] if "target" in row.index else None,
                    "attainment": row.loc["attainment", "current"]
                    if "attainment" in row.index
                    else None,
                },
            )
        )
        facts += _change_facts(summary)
    facts += _contributor_facts(tables, top)
    reps = tables.get("by_rep")
    if reps is not None and "attainment" in reps:
        low = reps[reps["attainment"] < low_attainment].sort_values("attainment", kind="stable")
        facts.append(
            Fact(
                "low_attainment",
                "by_rep",
                {
                    "floor": low_attainment,
                    "count": len(low),
                    "reps": [(r.rep, r.attainment) for r in low.itertuples()],
                    "of": int(reps["attainment"].notna().sum()),
                },
            )
        )
    facts += _customer_facts(tables)
    facts += _follow_up_facts(tables)
    late = tables.get("late_orders")
    if late is not None:
        facts.append(Fact("late_deliveries", "late_orders", {"count": len(late)}))
    return facts


def week_facts(tables: dict[str, pd.DataFrame], low_attainment: float, top: int = 3) -> list[Fact]:
    """The weekly report's highlights: the week's orders, the week against the previous one
    and the same week last year and who changed it most, the month so far against its
    target, reps behind, visits, opportunities and follow-ups, at-risk customers."""
    facts: list[Fact] = []
    week = tables.get("by_rep")  # the week's table, per rep
    summary = tables.get("summary")
    if week is not None and len(week):
        facts.append(
            Fact(
                "week_orders",
                "by_rep",
                {
                    "orders": int(week["orders"].sum()),
                    "amount": round(float(week["amount"].sum()), 2),
                },
            )
        )
    if summary is not None and len(summary):
        facts += _change_facts(summary, "week_")
    facts += _contributor_facts(tables, top)
    if week is not None and len(week):
        total_target = week["month_target"].sum(min_count=1)
        to_date = week["month_to_date"].sum()
        facts.append(
            Fact(
                "month_to_date",
                "by_rep",
                {
                    "month_to_date": round(float(to_date), 2),
                    "month_target": total_target,
                    "attainment": to_date / total_target
                    if pd.notna(total_target) and total_target
                    else None,
                },
            )
        )
        low = week[week["month_attainment"] < low_attainment].sort_values(
            "month_attainment", kind="stable"
        )
        facts.append(
            Fact(
                "low_month_attainment",
                "by_rep",
                {
                    "floor": low_attainment,
                    "count": len(low),
                    "reps": [(r.rep, r.month_attainment) for r in low.itertuples()],
                    "of": int(week["month_attainment"].notna().sum()),
                },
            )
        )
        if {"windows_open", "windows_done"} <= set(week.columns):
            facts.append(
                Fact(
                    "visits",
                    "by_rep",
                    {
                        "done": int(week["windows_done"].sum()),
                        "open": int(week["windows_open"].sum()),
                        "visits": int(week["visits"].sum()) if "visits" in week else None,
                    },
                )
            )
    new = tables.get("new_opportunities")
    if new is not None:
        facts.append(Fact("new_opportunities", "new_opportunities", {"count": len(new)}))
    facts += _follow_up_facts(tables)
    due = tables.get("follow_ups_next_week")
    if due is not None:
        facts.append(Fact("follow_ups_next_week", "follow_ups_next_week", {"count": len(due)}))
    at_risk = tables.get("at_risk")
    if at_risk is not None:
        facts.append(Fact("at_risk", "at_risk", {"count": len(at_risk)}))
    return facts


def _change_facts(summary: pd.DataFrame, prefix: str = "") -> list[Fact]:
    """The amount against the previous period and a year earlier, from a summary table (the
    week's facts are keyed `week_against_previous`…: their words say week)."""
    amount = summary.set_index("figure").loc["amount"]
    return [
        Fact(
            f"{prefix}against_previous",
            "summary",
            {
                "amount": amount["current"],
                "previous": amount["previous"],
                "change_amount": _minus(amount["current"], amount["previous"]),
                "change": amount["change"],
            },
        ),
        Fact(
            f"{prefix}against_last_year",
            "summary",
            {
                "amount": amount["current"],
                "last_year": amount["last_year"],
                "change_amount": _minus(amount["current"], amount["last_year"]),
                "change": amount["yoy"],
            },
        ),
    ]


def _contributor_facts(tables: dict[str, pd.DataFrame], top: int) -> list[Fact]:
    """Per dimension of the contributions table, the `top` members that moved the most."""
    parts = tables.get("contributions")
    if parts is None or not len(parts):
        return []
    facts = []
    for dimension, group in parts.groupby("dimension", sort=False):
        movers = group[group["change_amount"] != 0].head(top)
        if len(movers):
            facts.append(
                Fact(
                    "contributors",
                    "contributions",
                    {
                        "dimension": dimension,
                        "total": round(float(group["change_amount"].sum()), 2),
                        "members": [
                            (m.member, m.change_amount, m.share_of_change)
                            for m in movers.itertuples()
                        ],
                    },
                )
            )
    return facts


def _customer_facts(tables: dict[str, pd.DataFrame]) -> list[Fact]:
    customers = tables.get("customers")
    if customers is None or not len(customers):
        return []
    counts = customers.set_index("figure")["customers"]
    base, churned = counts.get("churn_base"), counts.get("churned")
    return [
        Fact(
            "customers",
            "customers",
            {
                "at_risk": counts.get("at_risk"),
                "churned": churned,
                "churn_base": base,
                "churn_rate": churned / base if base else None,
                "new_customers": counts.get("new_customers"),
            },
        )
    ]


def _follow_up_facts(tables: dict[str, pd.DataFrame]) -> list[Fact]:
    overdue = tables.get("overdue_follow_ups")
    if overdue is None:
        return []
    longest = int(overdue["days_overdue"].max()) if len(overdue) else 0
    return [
        Fact(
            "overdue_follow_ups",
            "overdue_follow_ups",
            {"count": len(overdue), "longest": longest},
        )
    ]


def _minus(a: Any, b: Any) -> float | None:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return None
    return round(float(a) - float(b), 2)


def report_facts(
    tables: dict[str, pd.DataFrame], weekly: bool, low_attainment: float
) -> list[Fact]:
    """The highlights of a weekly report, or of a monthly or quarterly one."""
    if weekly:
        return week_facts(tables, low_attainment)
    return period_facts(tables, low_attainment)
