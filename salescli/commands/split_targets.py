"""`salescli split-targets`: split the annual total down to months and reps (POLICY.md 3)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading
from salescli.errors import UsageError
from salescli.options import FormatOpt, InputOpt, OutputOpt, SectionOpt

if TYPE_CHECKING:
    import pandas as pd

    from salescli.data.workspace import Workspace

DIMENSIONS = ("rep", "region", "category", "customer_group")


def split_targets(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option(help="The year to split, e.g. 2025.")] = None,
    total: Annotated[float | None, typer.Option(help="The company's annual target (yuan).")] = None,
    by: Annotated[
        str,
        typer.Option(
            help="Levels, outermost first: rep, region, category, customer_group; e.g. region,rep."
        ),
    ] = "rep",
    basis: Annotated[str | None, typer.Option(help="history (default) or equal.")] = None,
    weights: Annotated[
        Path | None,
        typer.Option(help="File with the --by column(s) and weight (e.g. market potential)."),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(help="Add a member (a new rep); for several levels write 华东/王五."),
    ] = None,
    unit: Annotated[int | None, typer.Option(help="Round to this many yuan (default 1).")] = None,
    adjustments: Annotated[
        Path | None,
        typer.Option(help="Adjustment requests (default: the workspace's adjustments table)."),
    ] = None,
    apply_to: Annotated[
        Path | None,
        typer.Option(
            help="Apply the adjustments to this existing targets table instead of splitting."
        ),
    ] = None,
    notices: Annotated[
        Path | None,
        typer.Option(
            help="With --apply-to: write each rep's adjustment notice here (NAME.md, NAME.html)."
        ),
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    """Split the annual target down the hierarchy and over the months; apply adjustments.

    Shares follow the previous year's amounts (--basis history), are equal (--basis equal),
    or come from --weights. Months follow the previous year's company-wide seasonality.
    Rounding to --unit by the largest-remainder method keeps every level adding up exactly.
    Adjustment requests take effect only with reason, basis, new target and both approvals;
    --apply-to FILE --notices DIR writes a notice to each rep with an applied adjustment.

    Example: salescli -w examples/demo split-targets --year 2025 --total 120000000 -o t.xlsx
    """
    from salescli.output import Output, Table
    from salescli.periods import year as year_period

    _positive(total, unit)
    workspace = open_workspace(ctx, inputs)
    settings = workspace.policy.targets
    unit = unit or settings.unit
    if notices is not None and apply_to is None:
        raise UsageError(
            "--notices needs --apply-to", hint="e.g. --apply-to targets.csv --notices notices/"
        )
    if apply_to is not None:
        out = _apply_only(workspace, apply_to, adjustments, unit)
        if notices is not None:
            out.tables.append(_notices(ctx, workspace, out, notices))
    else:
        if year is None or total is None:
            raise UsageError(
                "give --year and --total (or --apply-to FILE --adjustments FILE)",
                hint="e.g. split-targets --year 2025 --total 120000000",
            )
        levels = _levels(by)
        with reading(ctx, "Reading last year's orders…"):
            targets, notes = _split(
                workspace,
                year,
                total,
                levels,
                basis or settings.basis,
                weights,
                include or [],
                unit,
            )
        tables = [Table("targets", targets, f"Targets {year}", f"{year} 销售目标", notes=notes)]
        requests = _requests(workspace, adjustments, year)
        if requests is not None and "rep" in levels:
            targets, review, note = _adjust(targets.assign(period=targets["month"]), requests, unit)
            tables[0].frame = targets.drop(columns="period")
            tables[0].notes.append(note)
            tables.append(Table("adjustments", review, "Adjustment requests", "目标调整申请"))
        elif requests is not None:
            workspace.warn("adjustments are per rep: add rep to --by to apply them")
        from salescli.rules.targets import pivot

        pivot_frame = pivot(tables[0].frame, levels)
        tables.insert(
            1,
            Table(
                "pivot",
                pivot_frame,
                f"Targets {year} by month",
                f"{year} 目标分解表",
                kinds=dict.fromkeys([c for c in pivot_frame.columns if c not in levels], "money"),
            ),
        )
        out = Output(
            f"Sales targets {year}",
            tables,
            title_zh=f"{year} 销售目标分解",
            command="split-targets",
            period=year_period(year),
        )
    emit(ctx, workspace, out, output, fmt, section)


def _positive(total: float | None, unit: int | None) -> None:
    """A total or unit of zero or less would split into targets nobody can mean."""
    import math

    if total is not None and not (math.isfinite(total) and total > 0):
        raise UsageError(
            f"--total {total:g} is not a positive amount",
            hint="give the company's annual target in yuan, e.g. --total 120000000",
        )
    if unit is not None and unit < 1:
        raise UsageError(f"--unit {unit} is not a positive number of yuan", hint="e.g. --unit 1")


def _levels(by: str) -> list[str]:
    levels = [part.strip() for part in by.split(",") if part.strip()]
    unknown = [level for level in levels if level not in DIMENSIONS]
    if not levels or unknown or len(set(levels)) != len(levels):
        raise UsageError(
            f"--by {by!r} is not a list of levels",
            hint=f"choose from {', '.join(DIMENSIONS)}, e.g. --by region,rep",
        )
    return levels


def _split(
    workspace: Workspace,
    year: int,
    total: float,
    levels: list[str],
    basis: str,
    weights_file: Path | None,
    include: list[str],
    unit: int,
) -> tuple[pd.DataFrame, list[str]]:
    from salescli.rules import targets as rules

    if basis not in ("history", "equal"):
        raise UsageError(f"--basis {basis!r}", hint="history or equal")
    orders = _orders_with(workspace, levels)
    weights = workspace.read_file(weights_file, "weights") if weights_file else None
    if weights is not None and levels[0] not in weights:
        raise UsageError(
            f"{weights_file} has no {levels[0]} column",
            hint="the weights file needs the --by column(s) and weight",
        )
    paths = [tuple(item.split("/")) if len(levels) > 1 else (item,) for item in include]
    if any(len(p) != len(levels) for p in paths):
        raise UsageError("--include needs one name per level", hint="e.g. --include 华东/王五")
    last_year = rules.previous_year(year)
    _require_history(workspace, orders, last_year, year, basis == "history" and weights is None)
    try:
        leaves, warnings = rules.member_weights(orders, levels, last_year, basis, paths, weights)
    except rules.NoShares as exc:
        raise UsageError(
            str(exc),
            hint="use --basis equal or --weights FILE, or split the year after one the orders "
            f"cover{_covered(orders)}",
        ) from None
    for warning in warnings:
        workspace.warn(warning)
    if leaves.empty:
        raise UsageError(
            "no members to split the target over",
            hint="the orders hold no " + levels[-1] + "; use --include or --weights",
        )
    months = rules.month_weights(orders, last_year)
    try:
        targets = rules.split_targets(total, unit, leaves, levels, months, year)
    except ValueError as exc:
        raise UsageError(str(exc), hint="choose a total that is a multiple of --unit") from None
    seasonality = "equal months" if months.nunique() == 1 else f"{last_year} monthly shares"
    notes = [
        f"total {total:,.0f} split by {', '.join(levels)} ({basis}"
        f"{'; weights from ' + str(weights_file) if weights_file else ''}); "
        f"months: {seasonality}; unit {unit}"
    ]
    return targets, notes


def _require_history(
    workspace: Workspace, orders: pd.DataFrame, last_year, year: int, for_shares: bool
) -> None:
    """The split reads the previous year's sales: the shares (basis history) and the months.
    Without any, history shares would all be zero (65); equal or given weights go on with
    equal months, said loudly. A previous year the orders end inside warns (or stops)."""
    from salescli.rules import coverage

    covered = coverage.coverage(orders)
    if covered.reaches(last_year) or for_shares:
        workspace.require_period(
            orders,
            last_year,
            hint=f"the {year} split takes shares and months from {last_year}'s sales: add "
            f"{last_year}'s orders, or use --basis equal or --weights FILE",
        )
        return
    workspace.warn(
        coverage.no_rows_message("order lines", "orders", covered, last_year)
        + ": the months are split equally",
        loud=True,
    )


def _covered(orders: pd.DataFrame) -> str:
    dates = orders["order_date"].dropna() if "order_date" in orders else []
    if not len(dates):
        return " (the orders hold no dated lines)"
    return f" (orders cover {dates.min().date()}..{dates.max().date()})"


def _orders_with(workspace: Workspace, levels: list[str]) -> pd.DataFrame:
    """The orders with every --by column; missing ones taken from the customer file."""
    from salescli.rules.process import line_reps, owners, with_customer_columns

    # what a split reads: dates, amounts, status, each line's rep, and the --by columns
    wanted = ["_row", "order_id", "order_date", "customer_id", "rep", "amount", "status"]
    orders = workspace.table("orders", columns=[*wanted, *levels])
    customers = workspace.table("customers", required=False)
    orders = orders.assign(rep=line_reps(orders, owners(customers, orders)))
    orders = with_customer_columns(orders, customers, levels)
    missing = [level for level in levels if level not in orders]
    if missing:
        raise UsageError(
            f"neither the orders nor the customers have a {missing[0]} column",
            hint="choose other --by levels",
        )
    return orders


def _requests(workspace: Workspace, path: Path | None, year: int | None) -> pd.DataFrame | None:
    if path is not None:
        return workspace.read_file(path, "adjustments")
    requests = workspace.table("adjustments", required=False)
    if requests is None or year is None:
        return requests
    mine = requests["period"].astype("string").str.startswith(str(year)).fillna(False)
    if (~mine).any():
        workspace.warn(f"{int((~mine).sum())} adjustment requests are for other years: ignored")
    return requests[mine] if mine.any() else None


def _adjust(
    targets: pd.DataFrame, requests: pd.DataFrame, unit: int
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    from salescli.rules import targets as rules

    review = rules.review_requests(requests, targets)
    adjusted = rules.apply_adjustments(targets, review, unit)
    before, after = adjusted["original_target"].sum(), adjusted["target"].sum()
    applied = int((review["status"] == "applied").sum())
    note = (
        f"{applied} of {len(review)} adjustment requests applied; company total changes by "
        f"{after - before:+,.0f} (from {before:,.0f} to {after:,.0f})"
    )
    columns = [
        c
        for c in (
            "rep",
            "period",
            "new_target",
            "reason",
            "basis",
            "manager_approved",
            "leader_approved",
            "status",
            "missing",
            "effective_on",
        )
        if c in review
    ]
    return adjusted, review[columns], note


def _apply_only(workspace: Workspace, path: Path, adjustments: Path | None, unit: int):
    from salescli.output import Output, Table
    from salescli.periods import year as year_period

    targets = workspace.read_file(path, "targets")
    requests = _requests(workspace, adjustments, None)
    if requests is None:
        raise UsageError("no adjustment requests", hint="pass --adjustments FILE")
    keep = [c for c in targets.columns if not c.startswith("_")]
    adjusted, review, note = _adjust(targets[keep], requests, unit)
    years = adjusted["year"].dropna().unique() if "year" in adjusted else []
    return Output(
        "Adjusted targets",
        [
            Table("targets", adjusted, "Adjusted targets", "调整后的目标", notes=[note]),
            Table("adjustments", review, "Adjustment requests", "目标调整申请"),
        ],
        title_zh="目标调整",
        command="split-targets",
        period=year_period(int(years[0])) if len(years) == 1 else None,
    )


def _notices(ctx: typer.Context, workspace: Workspace, out, folder: Path):
    """3.2.3: a notice per rep with an applied adjustment, and the table of them."""
    from salescli.commands.common import state_of
    from salescli.output import Table
    from salescli.output.notices import write_notices
    from salescli.rules.targets import adjustment_notices

    state = state_of(ctx)
    notices = adjustment_notices(out.table("targets").frame, out.table("adjustments").frame)
    written, files = write_notices(
        notices, folder, state.lang, state.template_dir, workspace.input_paths()
    )
    for path in written:
        state.say(f"wrote {path}")
    notices["files"] = notices["rep"].astype(str).map(lambda rep: ", ".join(files[rep]))
    return Table(
        "notices",
        notices,
        "Adjustment notices",
        "目标调整通知",
        notes=[f"{len(files)} notice(s) written to {folder}"],
    )


def register(app: typer.Typer) -> None:
    app.command("split-targets")(split_targets)
