"""`salescli classify`: A/B/C customer classification (POLICY.md 2.1)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading
from salescli.helptext import command_help
from salescli.i18n import _
from salescli.options import FormatOpt, InputOpt, OutputOpt, QuarterOpt, SectionOpt, one_period


class Method(StrEnum):
    score = "score"
    pareto = "pareto"
    thresholds = "thresholds"


HELP = _(
    """Classify every customer A, B or C from amount, frequency and potential value.

The window is the classify.window_quarters quarters ending with --quarter. Customers that
appear only in the orders are included and flagged. The move column compares with the
previous class (--previous FILE, else the customer file's class column).

Policy: docs/policy.md, chapter 2.1 (classification A/B/C).

Example: salescli -w examples/demo classify --quarter 2024Q2 -o classes.xlsx
"""
)


def classify(
    ctx: typer.Context,
    quarter: QuarterOpt = None,
    method: Annotated[Method | None, typer.Option(help=_("Default: classify.method."))] = None,
    previous: Annotated[
        Path | None, typer.Option(help=_("An earlier classify output: the previous classes."))
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api import classify as compute

    period = one_period(("quarter",), quarter=quarter)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, _("Reading orders and customers…")):
        result = compute(
            workspace,
            quarter=period,
            method=method.value if method else None,
            previous=previous,
        )
    emit(ctx, workspace, result, output, fmt, section)


def register(app: typer.Typer) -> None:
    app.command("classify", help=command_help(HELP))(classify)
