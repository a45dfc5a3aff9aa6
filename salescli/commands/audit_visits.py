"""`salescli audit-visits`: the manager's check of visit-plan execution (POLICY.md 2.3)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading
from salescli.options import (
    FormatOpt,
    InputOpt,
    MonthOpt,
    OutputOpt,
    RepOpt,
    SectionOpt,
    one_period,
)


class By(StrEnum):
    customer = "customer"
    rep = "rep"


def audit_visits(
    ctx: typer.Context,
    month: MonthOpt = None,
    by: Annotated[By, typer.Option(help="One row per customer, or per rep (worst first).")] = (
        By.customer
    ),
    classes: Annotated[
        Path | None, typer.Option(help="A classify output giving each customer's class.")
    ] = None,
    rep: RepOpt = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    """Check recorded visits against each customer's required visit windows.

    Per customer: required windows, windows with at least one visit, the missed windows and
    compliance = done / required. --by rep gives each rep's compliance, worst first. Visits to
    customers not in the customer file, or by a rep other than the owner, are reported, and
    each rep's visit records (purpose, summary, next step filled) with the incomplete ones.

    Example: salescli -w examples/demo audit-visits --month 2024-05 --by rep
    """
    from salescli.commands.classify import customer_classes
    from salescli.output import Output, Table
    from salescli.rules import customers as rules

    period = one_period(("month",), month=month)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, "Reading customers and visits…"):
        customers = customer_classes(workspace, period, classes)
        visits = workspace.table("visits")
        # a month the visit records do not reach would show every customer at 0 %
        workspace.require_period(visits, period, "visits", "visit_date", "visits")
    if rep:
        customers = customers[customers["rep"].isin(rep)]
    audit, strangers, others = rules.audit_visits(
        customers, visits, period, workspace.policy.visits, workspace.calendar
    )
    by_rep = rules.compliance_by_rep(audit)
    if len(strangers):
        workspace.warn(
            f"{len(strangers)} visits are to customers not in the customer file "
            "(--section unknown_customers)"
        )
    if len(others):
        workspace.warn(
            f"{len(others)} visits were made by a rep other than the customer's "
            "owner; they count for the customer (--section other_rep)"
        )
    main = [
        Table(
            "by_rep",
            by_rep,
            f"Visit compliance by rep {period}",
            f"{period} 拜访执行率（按销售代表）",
        ),
        Table(
            "customers",
            audit,
            f"Visit compliance by customer {period}",
            f"{period} 客户拜访执行情况",
        ),
    ]
    if by == By.customer:
        main.reverse()
    out = Output(
        f"Visit audit {period}",
        [
            *main,
            Table(
                "unknown_customers",
                strangers,
                "Visits to customers not in the customer file",
                "拜访了客户档案中没有的客户",
            ),
            Table(
                "other_rep", others, "Visits by a rep other than the owner", "非负责销售代表的拜访"
            ),
        ],
        title_zh=f"{period} 拜访检查",
        period=period,
        command="audit-visits",
    )
    out.tables += _record_tables(customers, visits, period, rep)
    emit(ctx, workspace, out, output, fmt, section)


def _record_tables(customers, visits, period, reps: list[str] | None) -> list:
    """2.3.2–2.3.4: the month's visit records, per rep and the incomplete ones."""
    from salescli.output import Table
    from salescli.rules import visit_records
    from salescli.rules.process import in_period

    owner = customers.drop_duplicates("customer_id").set_index("customer_id")["rep"]
    month = visit_records.with_reps(in_period(visits, "visit_date", period), owner)
    if reps:
        month = month[month["rep"].isin(reps)]
    fields = ", ".join(visit_records.RECORD_FIELDS)
    return [
        Table(
            "visit_records",
            visit_records.record_completeness(month),
            f"Visit record completeness by rep {period}",
            f"{period} 拜访记录完整率（按销售代表）",
            notes=[f"a complete record has {fields} filled in"],
        ),
        Table(
            "incomplete_visits",
            visit_records.incomplete_visits(month),
            f"Visits with an incomplete record {period}",
            f"{period} 记录不完整的拜访",
        ),
    ]


def register(app: typer.Typer) -> None:
    app.command("audit-visits")(audit_visits)
