"""`split_targets`: split the annual total down to months and reps; apply adjustments
(POLICY.md 3)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from salescli.api.base import Result, Today, computing, named, period_of
from salescli.errors import UsageError
from salescli.i18n import _, n_

if TYPE_CHECKING:
    from datetime import date

    import pandas as pd

    from salescli.data.workspace import Workspace
    from salescli.output.model import Output, Table
    from salescli.periods import Period

# the columns a target can be split by (--by), outermost first
DIMENSIONS = ("rep", "region", "category", "customer_group")


def split_targets(
    workspace: Workspace,
    *,
    year: int | str | Period | None = None,
    total: float | None = None,
    by: str | Sequence[str] = "rep",
    basis: str | None = None,
    weights: Path | str | None = None,
    include: list[str] | None = None,
    unit: int | None = None,
    adjustments: Path | str | None = None,
    apply_to: Path | str | None = None,
    notices: Path | str | None = None,
    lang: str = "en",
    template_dir: Path | None = None,
    today: Today = None,
) -> Result:
    """Split the company's annual `total` for `year` down the levels `by` (outermost first:
    `["region", "rep"]` or `"region,rep"`) and over the months; apply the adjustment requests.

    Shares follow the previous year's amounts (`basis="history"`, the policy's default), are
    equal (`basis="equal"`) or come from the `weights` file; `include` adds members without
    history (`"华东/王五"` for several levels); `unit` rounds (default: the policy's). The
    workspace's adjustments table (or the `adjustments` file) is applied when `by` holds rep.
    `apply_to=FILE` applies the adjustments to an existing targets table instead of splitting;
    with `notices=DIR` it also writes each rep's adjustment notice there (NAME.md, NAME.html,
    listed in `Result.files`; `lang` and `template_dir` as for the CLI).

    >>> split_targets(Workspace("examples/demo"), year=2025, total=120_000_000)  # doctest: +SKIP
    """
    _check_amounts(total, unit)
    if notices is not None and apply_to is None:
        raise UsageError(_("notices= needs apply_to="), hint=_("e.g. apply_to='targets.csv'"))
    with computing(workspace) as warnings:
        unit = unit or workspace.policy.targets.unit
        files: list[Path] = []
        if apply_to is not None:
            out = _apply_only(workspace, Path(apply_to), _path(adjustments), unit)
            if notices is not None:
                table, files = _notices(workspace, out, Path(notices), lang, template_dir, unit)
                out.tables.append(table)
        else:
            target_year = _year_of(workspace, year, today)
            if target_year is None or total is None:
                raise UsageError(
                    _("give year= and total= (or apply_to= with adjustments=)"),
                    hint=_("e.g. split_targets(workspace, year=2025, total=120_000_000)"),
                )
            out = _split_year(
                workspace,
                target_year,
                total,
                levels_of(by),
                basis or workspace.policy.targets.basis,
                _path(weights),
                list(include or []),
                unit,
                _path(adjustments),
            )
    return Result(named(out, workspace), warnings, files)


def levels_of(by: str | Sequence[str]) -> list[str]:
    """`"region,rep"` or `["region", "rep"]` as the list of levels; UsageError for an unknown,
    doubled or missing level."""
    parts = by.split(",") if isinstance(by, str) else [str(part) for part in by]
    levels = [part.strip() for part in parts if part.strip()]
    unknown = [level for level in levels if level not in DIMENSIONS]
    if not levels or unknown or len(set(levels)) != len(levels):
        raise UsageError(
            _("by={by!r} is not a list of levels", by=by),
            hint=_("choose from {levels}, e.g. by=['region', 'rep']", levels=", ".join(DIMENSIONS)),
        )
    return levels


def _check_amounts(total: float | None, unit: int | None) -> None:
    """A total or unit of zero or less would split into targets nobody can mean."""
    if total is not None and not (
        isinstance(total, int | float) and math.isfinite(total) and total > 0
    ):
        raise UsageError(
            _("total={total!r} is not a positive amount", total=total),
            hint=_("give the company's annual target in yuan, e.g. total=120_000_000"),
        )
    if unit is not None and not (isinstance(unit, int) and unit >= 1):
        raise UsageError(
            _("unit={unit!r} is not a positive number of yuan", unit=unit), hint=_("e.g. unit=1")
        )


def _year_of(workspace: Workspace, year: int | str | Period | None, today: Today) -> int | None:
    """The year as a number: 2025, "2025", a year `Period`, or "this"/"last" from `today`."""
    if year is None or (isinstance(year, int) and not isinstance(year, bool)):
        return year
    return period_of(workspace, ("year",), today, year=year).start.year


def _path(value: Path | str | None) -> Path | None:
    return Path(value) if value is not None else None


def _split_year(
    workspace: Workspace,
    target_year: int,
    total: float,
    levels: list[str],
    basis: str,
    weights: Path | None,
    include: list[str],
    unit: int,
    adjustments: Path | None,
) -> Output:
    """The targets of the year, adjusted by its requests when split by rep, and the pivot."""
    from salescli.output import Output, Table
    from salescli.periods import year as year_period
    from salescli.rules import targets as rules

    targets, notes = _split(workspace, target_year, total, levels, basis, weights, include, unit)
    tables = [
        Table("targets", targets, _("Targets {target_year}", target_year=target_year), notes=notes)
    ]
    requests = _requests(workspace, adjustments, target_year)
    if requests is not None and "rep" in levels:
        targets, review, note = rules.adjust(
            targets.assign(period=targets["month"]), requests, unit
        )
        tables[0].frame = targets.drop(columns="period")
        tables[0].notes.append(note)
        tables.append(Table("adjustments", review, _("Adjustment requests")))
    elif requests is not None:
        workspace.warn(_("adjustments are per rep: add rep to --by to apply them"))
    last_year = rules.previous_year(target_year)
    tables[0].frame, untargeted = rules.without_zero_targets(tables[0].frame, levels, last_year)
    if untargeted:
        workspace.warn(untargeted, loud=True)
    pivot_frame = rules.pivot(tables[0].frame, levels)
    tables.insert(
        1,
        Table(
            "pivot",
            pivot_frame,
            _("Targets {target_year} by month", target_year=target_year),
            kinds=dict.fromkeys([c for c in pivot_frame.columns if c not in levels], "money"),
        ),
    )
    return Output(
        _("Sales targets {target_year}", target_year=target_year),
        tables,
        command="split-targets",
        period=year_period(target_year),
    )


def _split(
    workspace: Workspace,
    target_year: int,
    total: float,
    levels: list[str],
    basis: str,
    weights_file: Path | None,
    include: list[str],
    unit: int,
) -> tuple[pd.DataFrame, list[str]]:
    from salescli.rules import targets as rules

    if basis not in ("history", "equal"):
        raise UsageError(_("--basis {basis!r}", basis=basis), hint=_("history or equal"))
    last_year = rules.previous_year(target_year)
    orders, since = _members_orders(workspace, levels, last_year)
    weights = workspace.read_file(weights_file, "weights") if weights_file else None
    if weights is not None and levels[0] not in weights:
        raise UsageError(
            _("{file} has no {column} column", file=str(weights_file), column=levels[0]),
            hint=_("the weights file needs the --by column(s) and weight"),
        )
    paths = [tuple(item.split("/")) if len(levels) > 1 else (item,) for item in include]
    if any(len(p) != len(levels) for p in paths):
        raise UsageError(
            _("--include needs one name per level"), hint=_("e.g. --include 华东/王五")
        )
    _require_history(
        workspace, orders, last_year, target_year, basis == "history" and weights is None
    )
    try:
        leaves, warnings = rules.member_weights(
            orders, levels, last_year, basis, paths, weights, since
        )
    except rules.NoShares as exc:
        raise UsageError(
            exc.args[0],
            hint=_(
                "use --basis equal or --weights FILE, or split the year after one the orders "
                "cover ({span})",
                span=rules.orders_span(workspace.covered(orders)),
            ),
        ) from None
    except rules.WeightsWithoutMembers as exc:
        raise UsageError(
            _(
                "{file} gives {values} a weight, but no member: no {level} there has orders "
                "from {since} on",
                file=str(weights_file),
                values=", ".join(exc.args[0]),
                level=levels[-1],
                since=since,
            ),
            hint=_(
                "name its members with --include (e.g. --include {example}/NAME), or take it "
                "out of the weights file",
                example=exc.args[0][0],
            ),
        ) from None
    left_out = rules.left_out_of_shares(orders, levels, last_year, basis)
    for warning in warnings:  # lines left out of the shares change every target
        workspace.warn(warning, loud=warning == left_out)
    if leaves.empty:
        raise UsageError(
            _("no members to split the target over"),
            hint=_("the orders hold no {level}; use --include or --weights", level=levels[-1]),
        )
    covered = workspace.covered(orders)
    months = rules.month_weights(orders, last_year, covered)
    uncovered = rules.uncovered_months(covered, last_year) if months.nunique() > 1 else []
    if uncovered:
        workspace.warn(
            _(
                "orders cover {covered}: {note}",
                covered=str(covered),
                note=rules.uncovered_note(uncovered, last_year),
            ),
            loud=True,
        )
    try:
        targets = rules.split_targets(total, unit, leaves, levels, months, target_year)
    except ValueError as exc:
        raise UsageError(
            exc.args[0], hint=_("choose a total that is a multiple of --unit")
        ) from None
    note = rules.split_note(total, levels, basis, weights_file, months, last_year, unit, uncovered)
    return targets, [note]


def _require_history(
    workspace: Workspace, orders: pd.DataFrame, last_year: Period, year: int, for_shares: bool
) -> None:
    """The split reads the previous year's sales: the shares (basis history) and the months.
    Without any, history shares would all be zero (65); equal or given weights go on with
    equal months, said loudly. A previous year the orders end inside warns (or stops)."""
    from salescli.rules import coverage

    covered = workspace.covered(orders)
    if covered.reaches(last_year) or for_shares:
        workspace.require_period(
            orders,
            last_year,
            hint=_(
                "the {year} split takes shares and months from {last_year}'s sales: add "
                "{last_year}'s orders, or use --basis equal or --weights FILE",
                year=year,
                last_year=str(last_year),
            ),
            every_month=False,  # a month without sales gets no target, said loudly by the split
        )
        return
    workspace.warn(
        _(
            "{message}: the months are split equally",
            message=coverage.no_rows_message("order lines", "orders", covered, last_year),
        ),
        loud=True,
    )


def _members_orders(
    workspace: Workspace, levels: list[str], last_year: Period
) -> tuple[pd.DataFrame, date]:
    """The orders a split reads, and the first day of the lines whose members share it
    (`rules.members_since`). A table in a database or data lake fetches its lines from that
    day whole (of the earlier ones, each customer's edge lines: its owner), not every year's."""
    from salescli.data.readers import CHANGED_HINT
    from salescli.data.sources import need_since
    from salescli.errors import InputChangedError
    from salescli.rules import targets as rules

    need_since(workspace, last_year.start)
    orders = _orders_with(workspace, levels)
    since = rules.members_since(last_year, workspace.covered(orders))
    if since < last_year.start:  # orders that end before the base year: read from `since`
        need_since(workspace, since)
        orders = _orders_with(workspace, levels)
        if rules.members_since(last_year, workspace.covered(orders)) < since:
            raise InputChangedError(
                _(
                    "{source} gave other rows when read again in this run",
                    source=workspace.where_looked("orders"),
                ),
                hint=CHANGED_HINT,
            )
    return orders, since


def _orders_with(workspace: Workspace, levels: list[str]) -> pd.DataFrame:
    """The orders with every --by column; missing ones taken from the customer file."""
    from salescli.rules.process import line_reps, with_customer_columns

    # what a split reads: dates, amounts, status and document (its members' orders: not a
    # return), each line's rep, and the --by columns
    wanted = [
        "_row",
        "order_id",
        "order_date",
        "customer_id",
        "rep",
        "amount",
        "status",
        "document_type",
    ]
    orders = workspace.table("orders", columns=[*wanted, *levels])
    assert orders is not None  # required
    customers = workspace.table("customers", required=False)
    orders = orders.assign(rep=line_reps(orders, customers))
    orders = with_customer_columns(orders, customers, levels)
    missing = [level for level in levels if level not in orders]
    if missing:
        raise UsageError(
            _("neither the orders nor the customers have a {column} column", column=missing[0]),
            hint=_("choose other --by levels"),
        )
    return orders


def _requests(workspace: Workspace, path: Path | None, year: int | None) -> pd.DataFrame | None:
    """The adjustment requests: the file given, else the workspace's table (its requests for
    the year being split; those for other years warned about)."""
    from salescli.rules.targets import requests_of_year

    if path is not None:
        return workspace.read_file(path, "adjustments")
    requests = workspace.table("adjustments", required=False)
    if requests is None or year is None:
        return requests
    mine, others = requests_of_year(requests, year)
    if others:
        workspace.warn(
            n_(
                "{n} adjustment request is for another year: ignored",
                "{n} adjustment requests are for other years: ignored",
                others,
            )
        )
    return mine


def _apply_only(workspace: Workspace, path: Path, adjustments: Path | None, unit: int) -> Output:
    from salescli.output import Output, Table
    from salescli.periods import year as year_period
    from salescli.rules.targets import adjust

    targets = workspace.read_file(path, "targets")
    requests = _requests(workspace, adjustments, None)
    if requests is None:
        raise UsageError(_("no adjustment requests"), hint=_("pass --adjustments FILE"))
    keep = [c for c in targets.columns if not c.startswith("_")]
    adjusted, review, note = adjust(targets[keep], requests, unit)
    years = adjusted["year"].dropna().unique() if "year" in adjusted else []
    return Output(
        _("Adjusted targets"),
        [
            Table("targets", adjusted, _("Adjusted targets"), notes=[note]),
            Table("adjustments", review, _("Adjustment requests")),
        ],
        command="split-targets",
        period=year_period(int(years[0])) if len(years) == 1 else None,
    )


def _notices(
    workspace: Workspace,
    out: Output,
    folder: Path,
    lang: str,
    template_dir: Path | None,
    unit: int,
) -> tuple[Table, list[Path]]:
    """3.2.3: a notice per rep with an applied adjustment, the table of them, the files."""
    from salescli.output import Table
    from salescli.output.notices import write_notices
    from salescli.rules.targets import adjustment_notices

    targets, requests = out.table("targets").frame, out.table("adjustments").frame
    notices = adjustment_notices(targets, requests, unit)
    written, files = write_notices(notices, folder, lang, template_dir, workspace.input_paths())
    notices["files"] = notices["rep"].astype(str).map(lambda rep: ", ".join(files[rep]))
    table = Table(
        "notices",
        notices,
        _("Adjustment notices"),
        notes=[
            n_(
                "{n} notice written to {folder}",
                "{n} notices written to {folder}",
                len(files),
                folder=str(folder),
            )
        ],
    )
    return table, list(written)
