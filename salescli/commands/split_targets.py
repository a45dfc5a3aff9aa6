"""`salescli split-targets`: split the annual total down to months and reps (POLICY.md 3)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import emit, expand_folder, open_workspace, reading, state_of
from salescli.errors import UsageError
from salescli.helptext import command_help
from salescli.i18n import _
from salescli.options import FormatOpt, InputOpt, OutputOpt, SectionOpt

HELP = _(
    """Split the annual target down the hierarchy and over the months; apply adjustments.

Shares follow the previous year's amounts (--basis history), are equal (--basis equal),
or come from --weights. Months follow the previous year's company-wide seasonality.
Rounding to --unit by the largest-remainder method keeps every level adding up exactly.
Adjustment requests take effect only with reason, basis, new target and both approvals;
--apply-to FILE --notices DIR writes a notice to each rep with an applied adjustment.

Policy: docs/policy.md, chapter 3 (sales targets).

Example: salescli -w examples/demo split-targets --year 2025 --total 120000000 -o t.xlsx
"""
)


def split_targets(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help=_("The year to split, e.g. 2025."))] = None,
    total: Annotated[
        float | None, typer.Option(help=_("The company's annual target (yuan)."))
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            help=_(
                "Levels, outermost first: rep, region, category, customer_group; e.g. region,rep."
            )
        ),
    ] = "rep",
    basis: Annotated[str | None, typer.Option(help=_("history (default) or equal."))] = None,
    weights: Annotated[
        Path | None,
        typer.Option(help=_("File with the --by column(s) and weight (e.g. market potential).")),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(help=_("Add a member (a new rep); for several levels write 华东/王五.")),
    ] = None,
    unit: Annotated[
        int | None, typer.Option(help=_("Round to this many yuan (default 1)."))
    ] = None,
    adjustments: Annotated[
        Path | None,
        typer.Option(help=_("Adjustment requests (default: the workspace's adjustments table).")),
    ] = None,
    apply_to: Annotated[
        Path | None,
        typer.Option(
            help=_("Apply the adjustments to this existing targets table instead of splitting.")
        ),
    ] = None,
    notices: Annotated[
        Path | None,
        typer.Option(
            help=_("With --apply-to: write each rep's adjustment notice here (NAME.md, NAME.html).")
        ),
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    from salescli.api import split_targets as compute

    _positive(total, unit)
    state = state_of(ctx)
    if year is not None:  # for {period} in -o and --notices
        from salescli.periods import year as year_period

        state.period = year_period(year)
    workspace = open_workspace(ctx, inputs)
    if notices is not None and apply_to is None:
        raise UsageError(
            _("--notices needs --apply-to"),
            hint=_("e.g. {example}", example="--apply-to targets.csv --notices notices/"),
        )
    if apply_to is None:
        if year is None or total is None:
            raise UsageError(
                _("give --year and --total (or --apply-to FILE --adjustments FILE)"),
                hint=_("e.g. {example}", example="split-targets --year 2025 --total 120000000"),
            )
        _levels(by)
    said = _("Reading the targets…") if apply_to else _("Reading last year's orders…")
    with reading(ctx, said):
        result = compute(
            workspace,
            year=year,
            total=total,
            by=by,
            basis=basis,
            weights=weights,
            include=include,
            unit=unit,
            adjustments=adjustments,
            apply_to=apply_to,
            notices=expand_folder(ctx, notices, "--notices"),
            lang=state.lang,
            template_dir=state.template_dir,
        )
    emit(ctx, workspace, result, output, fmt, section)


def _positive(total: float | None, unit: int | None) -> None:
    """--total and --unit in the CLI's words (the API checks them too, in its own)."""
    import math

    if total is not None and not (math.isfinite(total) and total > 0):
        raise UsageError(
            _("{option} {total:g} is not a positive amount", option="--total", total=total),
            hint=_("give the company's annual target in yuan, e.g. --total 120000000"),
        )
    if unit is not None and unit < 1:
        raise UsageError(
            _("{option} {unit} is not a positive number of yuan", option="--unit", unit=unit),
            hint=_("e.g. {example}", example="--unit 1"),
        )


def _levels(by: str) -> None:
    """--by in the CLI's words (the API checks it too, in its own)."""
    from salescli.api.targets import DIMENSIONS

    levels = [part.strip() for part in by.split(",") if part.strip()]
    unknown = [level for level in levels if level not in DIMENSIONS]
    if not levels or unknown or len(set(levels)) != len(levels):
        raise UsageError(
            _("{option} {value!r} is not a list of levels", option="--by", value=by),
            hint=_(
                "choose from {levels}, e.g. {example}",
                levels=", ".join(DIMENSIONS),
                example="--by region,rep",
            ),
        )


def register(app: typer.Typer) -> None:
    app.command("split-targets", help=command_help(HELP))(split_targets)
