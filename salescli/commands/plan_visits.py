"""`salescli plan-visits`: a month's visit plan per rep (POLICY.md 2.3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
from salescli.options import (
    FormatOpt,
    InputOpt,
    MonthOpt,
    OutputOpt,
    RepOpt,
    SectionOpt,
    one_period,
)


def plan_visits(
    ctx: typer.Context,
    month: MonthOpt = None,
    classes: Annotated[
        Path | None, typer.Option(help="A classify output giving each customer's class.")
    ] = None,
    rep: RepOpt = None,
    ics: Annotated[
        Path | None, typer.Option(help="Also write one iCalendar (.ics) file per rep here.")
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    """Plan the month's customer visits: A weekly, B fortnightly, C monthly.

    Each required visit window (whole ISO weeks; a week belongs to the month holding its
    Thursday) gets one visit on a working day, at most visits.max_per_day per rep and day,
    spread evenly. Visits that do not fit are listed as unscheduled with the reason.

    Example: salescli -w examples/demo plan-visits --month 2024-06 --ics calendars/
    """
    from salescli.commands.classify import customer_classes
    from salescli.output import Output, Table
    from salescli.rules import customers as rules

    period = one_period(("month",), month=month)
    workspace = open_workspace(ctx, inputs)
    settings = workspace.policy.visits
    with reading(ctx, "Reading customers…"):
        customers = customer_classes(workspace, period, classes)
    if rep:
        customers = customers[customers["rep"].isin(rep)]
    plan, unscheduled = rules.plan_visits(customers, period, settings, workspace.calendar)
    skipped = rules.skipped_windows(period, settings, workspace.calendar)
    notes = [
        f"{len(plan)} visits planned for {customers['rep'].nunique()} reps; "
        f"at most {settings.max_per_day} a day per rep; calendar {workspace.calendar.kind}"
    ]
    notes += [f"window with no working day, not required: {w}" for w in skipped]
    if len(unscheduled):
        workspace.warn(
            f"{len(unscheduled)} required visits could not be scheduled: "
            "see the unscheduled table (--section unscheduled)"
        )
    out = Output(
        f"Visit plan {period}",
        [
            Table("plan", plan, f"Visit plan {period}", f"{period} 拜访计划", notes=notes),
            Table(
                "unscheduled", unscheduled, "Visits that could not be scheduled", "未能安排的拜访"
            ),
        ],
        title_zh=f"{period} 拜访计划",
        period=period,
        command="plan-visits",
    )
    if ics is not None:
        from salescli.output.ics import write_calendars

        for path in write_calendars(plan, ics, period):
            state_of(ctx).say(f"wrote {path}")
    emit(ctx, workspace, out, output, fmt, section)


def register(app: typer.Typer) -> None:
    app.command("plan-visits")(plan_visits)
