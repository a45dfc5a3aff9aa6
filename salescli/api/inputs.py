"""The inputs several API functions share, read from a workspace: the books an appraisal and
the reports read, the quarter's classification, and the classes visits are planned by."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from salescli.errors import BadDataError, MissingInputError
from salescli.i18n import _, n_
from salescli.rules.words import METHODS

if TYPE_CHECKING:
    import pandas as pd

    from salescli.data.workspace import Workspace
    from salescli.periods import Period
    from salescli.rules.books import Books


def load_books(
    workspace: Workspace, order_columns: list[str] | None = None, period: Period | None = None
) -> Books:
    """The tables an appraisal (and the reports) read; only orders are required. The orders
    are narrowed to `order_columns` when given (a cached file is then read for those only).
    With `period`, orders that do not reach it stop the command (65) and orders that end
    inside it give a warning (or stop, with [checks] partial_period = "error"); the books
    then hold no line dated after the period: its figures, names and owners are those of its
    end, the same when the months after it are exported (a source fetches none of them but
    the lines of the orders the period holds)."""
    from salescli.rules.books import books

    orders = workspace.table("orders", columns=order_columns)
    assert orders is not None  # required
    if period is not None:
        workspace.require_period(orders, period)
    optional = {
        name: workspace.table(name, required=False)
        for name in ("targets", "satisfaction", "opportunities", "expenses", "reviews")
    }
    until = period.end if period is not None else None
    data = books(orders, workspace.table("customers", required=False), until, **optional)
    warn_owner_fallback(workspace, orders, data, period)
    return data


def warn_owner_fallback(
    workspace: Workspace, orders: pd.DataFrame, data: Books, period: Period | None
) -> None:
    """Lines the export names no salesperson for count for their customer's owner (POLICY
    "What a sale is"): a decision a bonus follows, so it is said, with its lines and amount."""
    from salescli.rules import process

    taken = process.owner_fallback(orders, data)
    if period is not None:
        taken = process.in_period(taken, "order_date", period)
    if taken.empty:
        return
    filed = taken["customer_id"].isin(data.owners.filed.index)
    sources = [_("the customer file's owner")] if filed.any() else []
    if not filed.all():
        sources.append(_("the rep of its latest line on or before the order date"))
    source = "; ".join(sources)
    said = {"amount": float(taken["amount"].sum()), "source": source}
    if period is None:
        warning = n_(
            "{n} order line ({amount:,.2f}) names no salesperson: it counts for its customer's "
            "owner ({source}); map the export's salesperson column ([inputs.orders] rep = "
            '"<header>") if it has one',
            "{n} order lines ({amount:,.2f}) name no salesperson: each counts for its "
            "customer's owner ({source}); map the export's salesperson column ([inputs.orders] "
            'rep = "<header>") if it has one',
            len(taken),
            **said,
        )
    else:
        warning = n_(
            "{n} order line in {period} ({amount:,.2f}) names no salesperson: it counts for its "
            "customer's owner ({source}); map the export's salesperson column ([inputs.orders] "
            'rep = "<header>") if it has one',
            "{n} order lines in {period} ({amount:,.2f}) name no salesperson: each counts for "
            "its customer's owner ({source}); map the export's salesperson column "
            '([inputs.orders] rep = "<header>") if it has one',
            len(taken),
            period=str(period),
            **said,
        )
    workspace.warn(warning, loud=True)


def require_targets(targets: pd.DataFrame | None, period: Period) -> None:
    """An appraisal of a period no target row is for would grade every rep without one (66)."""
    from salescli.rules import coverage

    if coverage.targets_for(targets, period) is None:
        raise MissingInputError(
            _(
                "no targets for {period}; targets cover {covered}",
                period=str(period),
                covered=coverage.target_coverage(targets),
            ),
            hint=_(
                "add the {period} targets (rows with period {period} or its months), e.g. from "
                "`salescli split-targets`, or pass --input targets=FILE",
                period=str(period),
            ),
        )


def warn_sales_without_target(workspace: Workspace, table: pd.DataFrame, period: Period) -> None:
    """Name every rep who sold in the period but has no target: no attainment, no bonus."""
    from salescli.rules import coverage

    missing = coverage.reps_without_target(table)
    if len(missing):
        names = ", ".join(f"{r} ({a:,.2f})" for r, a in missing.itertuples(index=False))
        workspace.warn(
            n_(
                "{n} rep sold in {period} but has no target, so no attainment: {names}",
                "{n} reps sold in {period} but have no target, so no attainment: {names}",
                len(missing),
                period=str(period),
                names=names,
            ),
            loud=True,
        )


def classify_customers(
    workspace: Workspace,
    quarter: Period,
    method: str,
    previous: Path | str | None = None,
    hint: str | None = None,
) -> pd.DataFrame:
    """classify for one quarter, reused by plan-visits, audit-visits and the quarterly report.
    A quarter the orders do not reach stops (65): every customer would fall to C."""
    from salescli.rules import customers as rules

    orders = workspace.table("orders", columns=rules.ORDER_COLUMNS)
    assert orders is not None  # required
    workspace.require_period(orders, quarter, hint=hint)
    customers = workspace.table("customers", required=False)
    settings = workspace.policy.classify
    window = rules.classification_window(quarter, settings.window_quarters)
    factors = rules.customer_factors(orders, customers, window)
    classified = rules.classify(factors, settings, method)
    earlier = None
    if previous is not None:
        earlier_frame = workspace.read_file(previous, "customers")
        if "class" not in earlier_frame:
            raise BadDataError(
                _("no class column"),
                file=previous,
                hint=_("pass a file written by `salescli classify`"),
            )
        earlier = earlier_frame.drop_duplicates("customer_id", keep="last").set_index(
            "customer_id"
        )["class"]
    return rules.compare_previous(classified, earlier)


def customer_classes(
    workspace: Workspace, month: Period, classes: Path | str | None
) -> pd.DataFrame:
    """The customers to plan or audit with their class: `classes` (a classify output), else
    the customer file's class column, else classify for the last complete quarter before the
    month (said in a warning)."""
    from salescli.rules import customers as rules

    customers = workspace.table("customers")
    assert customers is not None  # required
    frame = customers.drop_duplicates("customer_id", keep="last")[
        [
            c
            for c in ("customer_id", "customer_name", "rep", "class", "created_on")
            if c in customers
        ]
    ].copy()
    if "rep" not in frame:  # no owner column: every customer is listed as having no rep
        import pandas as pd

        frame["rep"] = pd.Series(pd.NA, index=frame.index, dtype="string")
    if classes is not None:
        frame["class"] = frame["customer_id"].map(_given_classes(workspace, Path(classes)))
        return _clean_class(frame)
    if "class" in frame and frame["class"].notna().all():
        return _clean_class(frame)
    quarter = rules.last_complete_quarter(month)
    hint = _(
        "the customer file gives no class, so customers are classified from {quarter}, the last "
        "complete quarter before {month}: pass --classes FILE (a classify output) or fill in the "
        "customer file's class column",
        quarter=str(quarter),
        month=str(month),
    )
    computed = classify_customers(workspace, quarter, workspace.policy.classify.method, hint=hint)
    filled = computed.set_index("customer_id")["class"]
    if "class" in frame and frame["class"].notna().any():
        workspace.warn(
            n_(
                "{n} customer has no class in the customer file: classified from {quarter}",
                "{n} customers have no class in the customer file: classified from {quarter}",
                int(frame["class"].isna().sum()),
                quarter=str(quarter),
            )
        )
        frame["class"] = frame["class"].fillna(frame["customer_id"].map(filled))
    else:
        method = workspace.policy.classify.method
        workspace.warn(
            _(
                "no classes given: customers classified from {quarter} ({method})",
                quarter=str(quarter),
                method=METHODS.get(method, method),
            )
        )
        frame["class"] = frame["customer_id"].map(filled)
    return _clean_class(frame)


def _given_classes(workspace: Workspace, path: Path) -> pd.Series:
    """Each customer's class from a --classes file (a classify output): one class a customer,
    never a file's last row chosen, nor a file without classes read as one."""
    given = workspace.read_file(path, "customers")
    if "class" not in given:
        raise BadDataError(
            _("{file} has no class column, so it gives no customer a class", file=path.name),
            file=path,
            hint=_(
                "pass a classify output (salescli classify -o FILE), or a file with "
                "customer_id and class columns"
            ),
        )
    classes = _clean_class(given[["customer_id", "class"]].copy())[["customer_id", "class"]]
    classes = classes.dropna().drop_duplicates()
    twice = classes[classes.duplicated("customer_id", keep=False)]
    if len(twice):
        customer = twice["customer_id"].iloc[0]
        raise BadDataError(
            _(
                "{file} gives customer {customer} the classes {classes}",
                file=path.name,
                customer=customer,
                classes=", ".join(sorted(twice.loc[twice["customer_id"] == customer, "class"])),
            ),
            file=path,
            column="class",
            hint=_("keep one row per customer in the classes file"),
        )
    return classes.set_index("customer_id")["class"]


def _clean_class(frame: pd.DataFrame) -> pd.DataFrame:
    if "customer_name" not in frame:
        frame["customer_name"] = None
    # folded as the customer file's check folds it (Ａ typed by a Chinese input method is A)
    frame["class"] = frame["class"].astype("string").str.normalize("NFKC").str.strip().str.upper()
    frame["class"] = frame["class"].where(frame["class"].isin(["A", "B", "C"]))
    return frame.reset_index(drop=True)
