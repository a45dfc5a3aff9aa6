"""`salescli report`: the weekly rep report, monthly manager report and quarterly pack (4.3)."""

from __future__ import annotations

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
from salescli.helptext import command_help
from salescli.i18n import _
from salescli.options import (
    FormatOpt,
    InputOpt,
    MonthOpt,
    OutputOpt,
    QuarterOpt,
    RepOpt,
    SectionOpt,
    WeekOpt,
    one_period,
)

HELP = _(
    """Write the monthly manager report, a rep's weekly report or the quarterly pack.

Month: summary with period-over-period (环比) and year-over-year (同比) changes, sales by
region, category, customer group and rep, customers, pipeline and key opportunities,
delivery, market, customer feedback follow-up and order changes.
Week: per rep, orders against the month's target, visits against the plan, follow-ups,
open customer feedback; the week against the previous and last year's, and what changed it.
Quarter: the monthly sections at quarter scale, class movements and the appraisal.
-o report.xlsx adds native charts; -o report.html is one self-contained page.

Policy: docs/policy.md, chapter 4.3 (analysis and reports).

Example: salescli -w examples/demo report --month 2024-05 -o report.html
"""
)


def report(
    ctx: typer.Context,
    month: MonthOpt = None,
    week: WeekOpt = None,
    quarter: QuarterOpt = None,
    rep: RepOpt = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api import report as compute

    period = one_period(("month", "week", "quarter"), month=month, week=week, quarter=quarter)
    state = state_of(ctx)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, _("Reading the exports…")):
        result = compute(
            workspace,
            **{period.kind: period},
            rep=rep,
            lang=state.lang,
            template_dir=state.template_dir,
        )
    emit(ctx, workspace, result, output, fmt, section)


def register(app: typer.Typer) -> None:
    app.command("report", help=command_help(HELP))(report)
