"""`salescli check`: read every table present and list each problem where the user will find it."""

from __future__ import annotations

from typing import Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
from salescli.errors import EXIT_DATA
from salescli.helptext import command_help
from salescli.i18n import _
from salescli.options import FormatOpt, InputOpt, OutputOpt, SectionOpt

HELP = _(
    """Validate the exports against the schema and the policy's record rules.

Lists every problem with table, file, sheet, row (as Excel shows it), column, value,
severity and problem, how each file's headers were read (header -> column, and how:
alias, mapping, ignored, unused), and each rep's customer-record completeness (A-class
customers on their own) and visit-record completeness. Feedback and order changes are
checked against the policy too. Exits 0 when there are no errors (warnings allowed), 65
otherwise.

Policy: docs/policy.md, chapter 2.2 (customer information) and 4.2 (orders).

Example: salescli -w examples/demo check --table orders
"""
)


def check(
    ctx: typer.Context,
    table: Annotated[
        list[str] | None, typer.Option("--table", help=_("Only these tables."))
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api import check as compute

    state = state_of(ctx)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, _("Checking the exports…")):
        result = compute(workspace, table=table, verbose=state.verbose)
    emit(ctx, workspace, result, output, fmt, section)
    state.say(result.summary)
    if not result.ok:
        raise typer.Exit(EXIT_DATA)


def register(app: typer.Typer) -> None:
    app.command("check", help=command_help(HELP))(check)
