"""`salescli appraise`: monthly, quarterly and yearly appraisal (POLICY.md 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import emit, expand_folder, open_workspace, reading, state_of
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
    YearOpt,
    one_period,
)

HELP = _(
    """Appraise the reps for a month, quarter or year: scores, grades, bonus and honours.

Month: sales performance and the bonus. Quarter: performance (mean of the monthly scores),
customer management and sales process, the manager's review, final score and grade.
Year: the quarters combined, with promotion candidates. Indicators without data are left
out of their group and said so, never counted as zero.

Policy: docs/policy.md, chapter 5 (appraisal and incentives).

Example: salescli -w examples/demo appraise --month 2024-05
"""
)


def appraise(
    ctx: typer.Context,
    month: MonthOpt = None,
    quarter: QuarterOpt = None,
    year: YearOpt = None,
    rep: RepOpt = None,
    scorecards: Annotated[
        Path | None,
        typer.Option(help=_("Write one HTML scorecard per rep and scorecards.xlsx here.")),
    ] = None,
    explain: Annotated[
        str | None, typer.Option(help=_("Show every figure of this rep with its formula and rows."))
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api import appraise as compute

    period = one_period(("month", "quarter", "year"), month=month, quarter=quarter, year=year)
    state = state_of(ctx)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, _("Reading the exports…")):
        result = compute(
            workspace,
            **{period.kind: period},
            rep=rep,
            explain=explain,
            scorecards=expand_folder(ctx, scorecards, "--scorecards"),
            lang=state.lang,
            template_dir=state.template_dir,
        )
    emit(ctx, workspace, result, output, fmt, section)


def register(app: typer.Typer) -> None:
    app.command("appraise", help=command_help(HELP))(appraise)
