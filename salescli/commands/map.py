"""`salescli map`: what salescli does with every header of an export, before a bonus is paid."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
from salescli.errors import EXIT_DATA
from salescli.helptext import command_help
from salescli.i18n import _, n_
from salescli.options import FormatOpt, OutputOpt, SectionOpt

HELP = _(
    """Show every header of an export with its role, samples and effect on the figures.

A role is `used` (a column salescli reads), `aside` (another header took its column),
`harmless` (names, specs, remarks...), `ignored` (your ignore setting), `unknown`, or
`concern`: a column that could change a figure (a salesperson, a document type, a cancel
flag, a currency, a refund, a second amount or date) and stops every command until it is
mapped or ignored. For the columns that decide figures the effect says what they do:
`单据类型: 81 return line(s), -2,760,297.32`. Exits 65 while a concern is left, or
while a column the table needs (an order number, date, amount) has no header: the headers
are shown all the same, and the error names the setting.

Policy: docs/policy.md, "What a sale is".

Example: salescli -w examples/demo map --table orders
"""
)


def map_command(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help=_("An export to read as the table (default: the workspace's files).")),
    ] = None,
    table: Annotated[
        str, typer.Option("--table", help=_("The table the export holds."))
    ] = "orders",
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help=_(
                "Write the reading into salescli.toml: each used header mapped, each unknown "
                "one ignored (refused while a header still stops the run)."
            ),
        ),
    ] = False,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api.mapping import map_columns, write_settings

    state = state_of(ctx)
    workspace = open_workspace(ctx)
    with reading(ctx, _("Reading the headers…")):
        result = map_columns(workspace, table=table, file=file)
    emit(ctx, workspace, result, output, fmt, section)
    state.say(result.output.notes[0])
    if result.refused is not None:
        raise result.refused
    if result.concerns:
        state.warn(
            n_(
                "{n} column stops every command until mapped or ignored: see the row with role "
                "concern, and `salescli check` for the setting it needs",
                "{n} columns stop every command until mapped or ignored: see the rows with role "
                "concern, and `salescli check` for the setting each needs",
                result.concerns,
            ),
            always=True,
        )
        raise typer.Exit(EXIT_DATA)
    if write:
        path = write_settings(workspace, result)
        state.say(_("wrote the reading of the {table} into {path}", table=table, path=path))


def register(app: typer.Typer) -> None:
    app.command("map", help=command_help(HELP))(map_command)
