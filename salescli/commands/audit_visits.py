"""`salescli audit-visits`: the manager's check of visit-plan execution (POLICY.md 2.3)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading
from salescli.helptext import command_help
from salescli.i18n import _
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


HELP = _(
    """Check recorded visits against each customer's required visit windows.

Per customer: required windows, windows with at least one visit, the missed windows and
compliance = done / required. --by rep gives each rep's compliance, worst first. Visits to
customers not in the customer file, or by a rep other than the owner, are reported, and
each rep's visit records (purpose, summary, next step filled) with the incomplete ones.

Policy: docs/policy.md, chapter 2.3 (visits).

Example: salescli -w examples/demo audit-visits --month 2024-05 --by rep
"""
)


def audit_visits(
    ctx: typer.Context,
    month: MonthOpt = None,
    by: Annotated[By, typer.Option(help=_("One row per customer, or per rep (worst first)."))] = (
        By.customer
    ),
    classes: Annotated[
        Path | None, typer.Option(help=_("A classify output giving each customer's class."))
    ] = None,
    rep: RepOpt = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api import audit_visits as compute

    period = one_period(("month",), month=month)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, _("Reading customers and visits…")):
        result = compute(workspace, month=period, by=by.value, classes=classes, rep=rep)
    emit(ctx, workspace, result, output, fmt, section)


def register(app: typer.Typer) -> None:
    app.command("audit-visits", help=command_help(HELP))(audit_visits)
