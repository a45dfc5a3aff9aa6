"""`salescli plan-visits`: a month's visit plan per rep (POLICY.md 2.3)."""

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
    RepOpt,
    SectionOpt,
    one_period,
)

HELP = _(
    """Plan the month's customer visits: A weekly, B fortnightly, C monthly.

Each required visit window (whole ISO weeks; a week belongs to the month holding its
Thursday) gets one visit on a working day, at most visits.max_per_day per rep and day,
spread evenly. Visits that do not fit are listed as unscheduled with the reason.

Policy: docs/policy.md, chapter 2.3 (visits).

Example: salescli -w examples/demo plan-visits --month 2024-06 --ics calendars/
"""
)


def plan_visits(
    ctx: typer.Context,
    month: MonthOpt = None,
    classes: Annotated[
        Path | None, typer.Option(help=_("A classify output giving each customer's class."))
    ] = None,
    rep: RepOpt = None,
    ics: Annotated[
        Path | None, typer.Option(help=_("Also write one iCalendar (.ics) file per rep here."))
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api import plan_visits as compute

    period = one_period(("month",), month=month)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, _("Reading customers…")):
        ics = expand_folder(ctx, ics, "--ics")
        result = compute(
            workspace, month=period, classes=classes, rep=rep, ics=ics, lang=state_of(ctx).lang
        )
    emit(ctx, workspace, result, output, fmt, section)


def register(app: typer.Typer) -> None:
    app.command("plan-visits", help=command_help(HELP))(plan_visits)
