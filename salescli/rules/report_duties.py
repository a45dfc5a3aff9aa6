"""The report sections of the policy's follow-up duties (chapter 4.3 reports, built on the rules
of 2.2.4 feedback follow-up, 4.1.4 key opportunities and 4.2.5 order changes).

`period_report` and `weekly_report` in `reports.py` call `period_sections` and
`weekly_sections`; every figure comes from `feedback.py`, `order_changes.py` and `process.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from salescli.config import Policy
from salescli.i18n import _, n_
from salescli.labels import Kind
from salescli.periods import Period
from salescli.rules import appraisal, feedback, order_changes, process
from salescli.rules.books import Books
from salescli.rules.sections import COMPARISON_COLUMNS, Section, comparison_row

if TYPE_CHECKING:
    from pandas.api.typing import NaTType

# the duty tables, as a message names them
TABLES = {"feedback": _("feedback"), "order_changes": _("order_changes")}

# the open feedback's `overdue` is a yes/no flag, not the count the follow-up tables hold
OPEN_KINDS = {"overdue": "text"}


def attach(
    data: Books,
    feedback_table: pd.DataFrame | None,
    changes: pd.DataFrame | None,
    all_orders: pd.DataFrame | None = None,
    end: date | None = None,
) -> Books:
    """The feedback and order changes, each with the rep it counts for. An order's rep comes
    from every order line (`all_orders`, cancelled orders too: a cancellation is a change)."""
    if feedback_table is not None:
        data.feedback = feedback.with_reps(feedback_table, data.owners.at(end))
    if changes is not None:
        lines = data.orders if all_orders is None else all_orders
        lines = lines.assign(rep=process.line_reps(lines, data.customers))
        data.order_changes = order_changes.with_reps(changes, order_changes.order_reps(lines))
    return data


def _members(data: Books, period: Period, frame: pd.DataFrame) -> list[str]:
    """The report's reps, and any other rep the table names (no row is left out)."""
    reps = set(appraisal.appraised_reps(data, period)) | set(frame["rep"].dropna())
    return sorted(str(r) for r in reps)


def feedback_sections(data: Books, period: Period, policy: Policy) -> list[Section]:
    if data.feedback is None:
        return []
    days = policy.feedback.overdue_days
    end = period.end
    definition = _(
        "received / resolved: dated in {period}; open: received by {end} and not resolved by "
        "then; overdue: open and received more than {days} days before {end}; closed_loop_rate: "
        "resolved with the result passed back to the rep / resolved",
        period=period.label,
        end=end,
        days=days,
    )
    members = _members(data, period, data.feedback)
    return [
        Section(
            "feedback",
            feedback.follow_up(data.feedback, period, days, "rep", members),
            _("Customer feedback follow-up by rep"),
            (definition,),
        ),
        Section(
            "feedback_by_handler",
            feedback.follow_up(data.feedback, period, days, "handler"),
            _("Customer feedback follow-up by handler"),
        ),
        Section(
            "open_feedback",
            feedback.open_feedback(data.feedback, period, days),
            _("Feedback open at {end}, oldest first", end=end),
            kinds=OPEN_KINDS,
        ),
    ]


def order_change_sections(data: Books, period: Period) -> list[Section]:
    if data.order_changes is None:
        return []
    changes = data.order_changes
    note = order_changes.amount_effect_note(changes, period)
    definition = _(
        "requested: requested in {period}; approved / rejected: decided in {period}; pending: "
        "requested by {end}, no decision by then; amount_effect: new_amount - old_amount of the "
        "approved",
        period=period.label,
        end=period.end,
    )
    return [
        Section(
            "order_changes",
            order_changes.changes_by(changes, period, "rep", _members(data, period, changes)),
            _("Order changes by rep"),
            (definition, *([note] if note else [])),
        ),
        Section(
            "order_changes_by_type",
            order_changes.changes_by(changes, period, "change_type"),
            _("Order changes by type"),
        ),
        Section(
            "pending_changes",
            order_changes.pending_changes(changes, period),
            _("Order changes waiting for a decision at {end}", end=period.end),
        ),
    ]


def key_opportunity_section(data: Books, period: Period, policy: Policy) -> list[Section]:
    if data.opportunities is None:
        return []
    top = policy.opportunities.key_per_rep
    return [
        Section(
            "key_opportunities",
            process.key_opportunities(data.opportunities, period, top),
            _("Key opportunities: each rep's {top} largest open", top=top),
            (_("follow_up_overdue: next follow-up before {end}", end=period.end),),
        )
    ]


def summary_rows(data: Books, period: Period, policy: Policy) -> pd.DataFrame:
    """The company's feedback and order-change figures as rows of the summary table, with the
    previous period (环比) and a year earlier (同比)."""
    views = []
    if data.feedback is not None:
        days = policy.feedback.overdue_days
        views.append(
            (
                "feedback",
                lambda p: feedback.company(data.feedback, p, days),
                data.feedback["received_on"].min(),
            )
        )
    if data.order_changes is not None:
        views.append(
            (
                "order_changes",
                lambda p: order_changes.company(data.order_changes, p),
                data.order_changes["requested_on"].min(),
            )
        )
    rows = []
    for prefix, figures, first in views:
        now, prev, last = (
            _covered(figures, p, first)
            for p in (period, period.previous(), period.same_last_year())
        )
        for name in now:
            rows.append(
                comparison_row(
                    f"{prefix}_{name}", now[name], prev[name], last[name], name in RATIO_FIGURES
                )
            )
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


# the duties' company figures that are ratios: their changes are in percentage points
RATIO_FIGURES = ("closed_loop_rate",)


def _covered(
    figures: Callable[[Period], dict[str, float]],
    period: Period,
    first: pd.Timestamp | NaTType,
) -> dict[str, float]:
    """A period that ends before the export's first row (`first`: NaT when no row is dated)
    is not covered by it: its figures are empty, not zero."""
    values = figures(period)
    if pd.isna(first) or pd.Timestamp(period.end) < first:
        return {name: float("nan") for name in values}
    return values


def period_sections(
    sections: list[Section], data: Books, period: Period, policy: Policy
) -> list[Section]:
    """The report's sections with the duties added: company rows at the end of `summary`,
    key opportunities after the pipeline, feedback and order changes at the end."""
    out = list(sections)
    rows = summary_rows(data, period, policy)
    for index, section in enumerate(out):
        if section.name == "summary" and len(rows):
            frame = pd.concat([section.frame, rows], ignore_index=True)
            out[index] = replace(section, frame=frame)
    key = key_opportunity_section(data, period, policy)
    names = [s.name for s in out]
    at = names.index("overdue_follow_ups") + 1 if "overdue_follow_ups" in names else len(out)
    out[at:at] = key
    return out + feedback_sections(data, period, policy) + order_change_sections(data, period)


def weekly_sections(data: Books, week: Period, policy: Policy) -> list[Section]:
    """Each rep's feedback open at the week's end."""
    if data.feedback is None:
        return []
    days = policy.feedback.overdue_days
    still_open = feedback.open_feedback(data.feedback, week, days)
    still_open = still_open.sort_values(
        ["rep", "days_open"], ascending=[True, False], kind="stable"
    )
    return [
        Section(
            "open_feedback",
            still_open.reset_index(drop=True),
            _("Open customer feedback at {end}", end=week.end),
            (_("overdue: received more than {days} days before {end}", days=days, end=week.end),),
            kinds=OPEN_KINDS,
        )
    ]


def refuse_errors(problems: pd.DataFrame, table: str) -> None:
    """A feedback or order-change row the rules cannot place in a period (resolved before
    received…) stops the report (exit 65), naming the first and counting the rest."""
    from salescli.errors import BadDataError

    errors = problems[problems["severity"] == "error"]
    if not len(errors):
        return
    first = errors.iloc[0]
    said = _("{table}: {problem}", table=TABLES[table], problem=first["problem"])
    if len(errors) > 1:
        said = n_(
            "{said} (and {n} more problem)",
            "{said} (and {n} more problems)",
            len(errors) - 1,
            said=said,
        )
    raise BadDataError(
        said,
        file=first["file"],
        sheet=first["sheet"] or None,
        row=int(first["row"]),
        column=first["column"],
        value=first["value"],
        hint=_(
            "{hint}; `salescli check --table {table}` lists every problem",
            hint=first["hint"],
            table=table,
        ),
    )


def duty_row_kinds(frame: pd.DataFrame) -> dict[str, Kind]:
    """The kinds of the summary's company rows of the duties (feedback_received,
    order_changes_amount_effect…), as salescli.rules.columns declares each figure."""
    from salescli.labels import declared_kind

    kinds: dict[str, Kind] = {}
    for figure in frame["figure"].astype(str) if "figure" in frame else ():
        kind = declared_kind(figure)
        if kind is not None:
            kinds[figure] = kind
    return kinds
