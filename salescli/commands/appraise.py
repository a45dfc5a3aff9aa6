"""`salescli appraise`: monthly, quarterly and yearly appraisal (POLICY.md 5)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
from salescli.errors import MissingInputError, UsageError
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

if TYPE_CHECKING:
    import pandas as pd

    from salescli.data.workspace import Workspace
    from salescli.periods import Period
    from salescli.rules.appraisal import Books


def appraise(
    ctx: typer.Context,
    month: MonthOpt = None,
    quarter: QuarterOpt = None,
    year: YearOpt = None,
    rep: RepOpt = None,
    scorecards: Annotated[
        Path | None, typer.Option(help="Write one HTML scorecard per rep and scorecards.xlsx here.")
    ] = None,
    explain: Annotated[
        str | None, typer.Option(help="Show every figure of this rep with its formula and rows.")
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    """Appraise the reps for a month, quarter or year: scores, grades, bonus and honours.

    Month: sales performance and the bonus. Quarter: performance (mean of the monthly scores),
    customer management and sales process, the manager's review, final score and grade.
    Year: the quarters combined, with promotion candidates. Indicators without data are left
    out of their group and said so, never counted as zero.

    Example: salescli -w examples/demo appraise --month 2024-05
    """
    from salescli.output import Output, Table
    from salescli.rules import appraisal as rules

    period = one_period(("month", "quarter", "year"), month=month, quarter=quarter, year=year)
    workspace = open_workspace(ctx, inputs)
    with reading(ctx, "Reading the exports…"):
        workspace.table("targets")  # an appraisal without targets has no attainment or bonus
        data = load_books(workspace, rules.ORDER_COLUMNS, period)
    require_targets(data.targets, period)
    reps = rules.appraised_reps(data, period)
    table, frame = rules.appraise(data, period, workspace.policy, reps)
    for note in rules.missing_data_notes(frame, period):
        workspace.warn(note)
    warn_sales_without_target(workspace, frame, period)
    for note in _ownership_and_coverage(data, period):
        workspace.warn(note)
    if rep:
        unknown = sorted(set(rep) - set(reps))
        if unknown:
            raise UsageError(
                f"no rep {', '.join(unknown)} in {period}",
                hint="reps appraised: " + ", ".join(reps[:20]),
            )
        keep = table["rep"].isin(rep)
        table, frame = table[keep], frame[keep]
    if explain is not None:
        match = frame[frame["rep"] == explain]
        if match.empty:
            raise UsageError(
                f"no rep {explain!r} in {period}", hint="reps appraised: " + ", ".join(reps[:20])
            )
        detail = rules.explain(match.iloc[0], period, workspace.policy, data)
        out = Output(
            f"{explain} {period}: how each figure was made",
            [
                Table(
                    "explain",
                    detail,
                    f"{explain} {period}",
                    f"{explain} {period} 计算说明",
                    kinds={"value": "row"},
                    row_key="figure",
                )
            ],
            title_zh=f"{explain} {period} 计算说明",
            period=period,
            command="appraise",
        )
        emit(ctx, workspace, out, output, fmt, section)
        return
    notes = rules.honour_notes(workspace.policy)
    if period.kind == "year":
        scored = rules.coverage(data, period).scored
        notes.append(
            "quarters scored: " + (", ".join(q.label for q in scored) if scored else "none")
        )
    out = Output(
        f"Appraisal {period}",
        [
            Table(
                "appraisal",
                table.reset_index(drop=True),
                f"Appraisal {period}",
                f"{period} 销量考核",
                notes=notes,
            )
        ],
        title_zh=f"{period} 销量考核",
        period=period,
        command="appraise",
    )
    if scorecards is not None:
        from salescli.output.scorecards import write_scorecards

        lang = state_of(ctx).lang
        folder = state_of(ctx).template_dir
        reps_only = frame[frame["rep"] != rules.UNASSIGNED]  # nobody gets no scorecard
        for path in write_scorecards(reps_only, period, workspace.policy, scorecards, lang, folder):
            state_of(ctx).say(f"wrote {path}")
    emit(ctx, workspace, out, output, fmt, section)


def _ownership_and_coverage(data: Books, period) -> list[str]:
    """Sales nobody owns, and the quarters of a year the orders do not cover."""
    from salescli.rules import appraisal as rules

    notes = [rules.unassigned_note(data, period)]
    if period.kind == "year":
        notes += rules.coverage(data, period).notes(period.label)
    return [n for n in notes if n]


def load_books(
    workspace: Workspace, order_columns: list[str] | None = None, period: Period | None = None
) -> Books:
    """The tables an appraisal (and the reports) read; only orders are required. The orders
    are narrowed to `order_columns` when given (a cached file is then read for those only).
    With `period`, orders that do not reach it stop the command (65) and orders that end
    inside it give a warning (or stop, with [checks] partial_period = "error")."""
    from salescli.rules import appraisal as rules

    orders = workspace.table("orders", columns=order_columns)
    if period is not None:
        workspace.require_period(orders, period)
    optional = {
        name: workspace.table(name, required=False)
        for name in ("targets", "satisfaction", "opportunities", "expenses", "reviews")
    }
    return rules.books(orders, workspace.table("customers", required=False), **optional)


def require_targets(targets: pd.DataFrame | None, period: Period) -> None:
    """An appraisal of a period no target row is for would grade every rep without one (66)."""
    from salescli.rules import coverage

    if coverage.targets_for(targets, period) is None:
        raise MissingInputError(
            f"no targets for {period}; targets cover {coverage.target_coverage(targets)}",
            hint=f"add the {period} targets (rows with period {period} or its months), e.g. "
            "from `salescli split-targets`, or pass --input targets=FILE",
        )


def warn_sales_without_target(workspace: Workspace, table: pd.DataFrame, period: Period) -> None:
    """Name every rep who sold in the period but has no target: no attainment, no bonus."""
    from salescli.rules import coverage

    missing = coverage.reps_without_target(table)
    if len(missing):
        names = ", ".join(f"{r} ({a:,.2f})" for r, a in missing.itertuples(index=False))
        workspace.warn(
            f"{len(missing)} rep(s) sold in {period} but have no target, so no attainment: {names}",
            loud=True,
        )


def register(app: typer.Typer) -> None:
    app.command("appraise")(appraise)
