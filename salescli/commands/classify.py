"""`salescli classify`: A/B/C customer classification (POLICY.md 2.1)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading
from salescli.options import FormatOpt, InputOpt, OutputOpt, QuarterOpt, SectionOpt, one_period

if TYPE_CHECKING:
    import pandas as pd

    from salescli.data.workspace import Workspace
    from salescli.periods import Period


class Method(StrEnum):
    score = "score"
    pareto = "pareto"
    thresholds = "thresholds"


def classify(
    ctx: typer.Context,
    quarter: QuarterOpt = None,
    method: Annotated[Method | None, typer.Option(help="Default: classify.method.")] = None,
    previous: Annotated[
        Path | None, typer.Option(help="An earlier classify output: the previous classes.")
    ] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    """Classify every customer A, B or C from amount, frequency and potential value.

    The window is the classify.window_quarters quarters ending with --quarter. Customers that
    appear only in the orders are included and flagged. The move column compares with the
    previous class (--previous FILE, else the customer file's class column).

    Example: salescli -w examples/demo classify --quarter 2024Q2 -o classes.xlsx
    """
    from salescli.output import Output, Table
    from salescli.rules import customers as rules

    period = one_period(("quarter",), quarter=quarter)
    workspace = open_workspace(ctx, inputs)
    chosen = (method.value if method else None) or workspace.policy.classify.method
    with reading(ctx, "Reading orders and customers…"):
        classified = classify_customers(workspace, period, chosen, previous)
    window = rules.classification_window(period, workspace.policy.classify.window_quarters)
    note = (
        f"method {chosen}; window {window.start}..{window.end} "
        f"({workspace.policy.classify.window_quarters} quarters)"
    )
    out = Output(
        f"Customer classification {period} ({chosen})",
        [
            Table(
                "classes",
                classified,
                f"Customer classes {period}",
                f"{period} 客户分类",
                notes=[note],
            ),
            Table(
                "summary",
                rules.class_summary(classified),
                "Customers and amount by class",
                "各类客户数与销售额占比",
                aside=True,
            ),
            Table(
                "moves",
                rules.move_matrix(classified),
                "Moves: previous class → class",
                "分类变动矩阵",
                aside=True,
                kinds=dict.fromkeys(rules.CLASS_ORDER, "count"),
            ),
        ],
        title_zh=f"{period} 客户分类",
        period=period,
        command="classify",
    )
    emit(ctx, workspace, out, output, fmt, section)


def classify_customers(
    workspace: Workspace,
    quarter: Period,
    method: str,
    previous: Path | None = None,
    hint: str | None = None,
) -> pd.DataFrame:
    """classify for one quarter, reused by plan-visits, audit-visits and the quarterly report.
    A quarter the orders do not reach stops (65): every customer would fall to C."""
    from salescli.rules import customers as rules

    orders = workspace.table("orders", columns=rules.ORDER_COLUMNS)
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
            from salescli.errors import BadDataError

            raise BadDataError(
                "no class column", file=previous, hint="pass a file written by `salescli classify`"
            )
        earlier = earlier_frame.drop_duplicates("customer_id", keep="last").set_index(
            "customer_id"
        )["class"]
    return rules.compare_previous(classified, earlier)


def customer_classes(workspace: Workspace, month: Period, classes: Path | None) -> pd.DataFrame:
    """The customers to plan or audit with their class: --classes FILE, else the customer
    file's class column, else classify for the last complete quarter before the month."""
    from salescli.rules import customers as rules

    customers = workspace.table("customers")
    frame = customers.drop_duplicates("customer_id", keep="last")[
        [c for c in ("customer_id", "customer_name", "rep", "class") if c in customers]
    ].copy()
    if classes is not None:
        given = workspace.read_file(classes, "customers").drop_duplicates(
            "customer_id", keep="last"
        )
        frame["class"] = frame["customer_id"].map(given.set_index("customer_id")["class"])
        return _clean_class(frame)
    if "class" in frame and frame["class"].notna().all():
        return _clean_class(frame)
    quarter = rules.last_complete_quarter(month)
    hint = (
        f"the customer file gives no class, so customers are classified from {quarter}, the "
        f"last complete quarter before {month}: pass --classes FILE (a classify output) or "
        "fill in the customer file's class column"
    )
    computed = classify_customers(workspace, quarter, workspace.policy.classify.method, hint=hint)
    filled = computed.set_index("customer_id")["class"]
    if "class" in frame and frame["class"].notna().any():
        workspace.warn(
            f"{int(frame['class'].isna().sum())} customers have no class in the "
            f"customer file: classified from {quarter}"
        )
        frame["class"] = frame["class"].fillna(frame["customer_id"].map(filled))
    else:
        workspace.warn(
            f"no classes given: customers classified from {quarter} "
            f"({workspace.policy.classify.method})"
        )
        frame["class"] = frame["customer_id"].map(filled)
    return _clean_class(frame)


def _clean_class(frame: pd.DataFrame) -> pd.DataFrame:
    if "customer_name" not in frame:
        frame["customer_name"] = None
    frame["class"] = frame["class"].astype("string").str.strip().str.upper()
    frame["class"] = frame["class"].where(frame["class"].isin(["A", "B", "C"]))
    return frame.reset_index(drop=True)


def register(app: typer.Typer) -> None:
    app.command("classify")(classify)
