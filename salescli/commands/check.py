"""`salescli check`: read every table present and list each problem where the user will find it."""

from __future__ import annotations

from typing import Annotated

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
from salescli.errors import EXIT_DATA, BadDataError, SalescliError
from salescli.options import FormatOpt, InputOpt, OutputOpt, SectionOpt


def check(
    ctx: typer.Context,
    table: Annotated[list[str] | None, typer.Option("--table", help="Only these tables.")] = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    """Validate the exports against the schema and the policy's record rules.

    Lists every problem with table, file, sheet, row (as Excel shows it), column, value,
    severity and problem, how each file's headers were read (header -> column, and how:
    alias, mapping, ignored, unused), and each rep's customer-record completeness (A-class
    customers on their own) and visit-record completeness. Feedback and order changes are
    checked against the policy too. Exits 0 when there are no errors (warnings allowed), 65
    otherwise.

    Example: salescli -w examples/demo check --table orders
    """
    import pandas as pd

    from salescli.output import Output, Table
    from salescli.rules import records
    from salescli.schema import TABLES

    workspace = open_workspace(ctx, inputs)
    names = table or list(TABLES)
    _require_exports(workspace, names, asked=bool(table))
    found: list[pd.DataFrame] = []
    headers: list[dict] = []
    loaded = {}
    with reading(ctx, "Checking the exports…"):
        for name in names:
            try:
                result = workspace.read(name)
            except BadDataError as exc:
                found.append(_unreadable(name, exc))
                continue
            if result is None:
                continue
            loaded[name] = result.frame
            headers += [{"table": name, **line} for line in result.headers]
            found.append(
                pd.DataFrame([vars(p) for p in result.problems], columns=records.PROBLEM_COLUMNS)
            )
            for note in result.notes:
                workspace.warn(note)
            if state_of(ctx).verbose and result.unmatched:
                workspace.warn(f"{name}: headers not used: {', '.join(result.unmatched)}")
        # owners come from the customer file: judge unowned sales only when it was looked at
        found += _record_rules(loaded, owners_known="customers" in names)
    found = [f for f in found if len(f)] or [pd.DataFrame(columns=records.PROBLEM_COLUMNS)]
    problems = pd.concat(found, ignore_index=True)
    problems = (
        problems.astype({"row": "Int64"})
        .sort_values(
            ["table", "file", "sheet", "row", "column"], kind="stable", na_position="first"
        )
        .reset_index(drop=True)
    )
    tables = [
        Table(
            "problems",
            problems,
            "Problems in the exports",
            "数据问题",
            kinds={"value": "text"},  # the value found in the export, as it was
        )
    ]
    tables.append(
        Table(
            "headers",
            pd.DataFrame(headers, columns=HEADER_COLUMNS),
            "How each file's headers were read",
            "表头如何识别",
        )
    )
    if "customers" in loaded:
        completeness = records.completeness_by_rep(loaded["customers"], problems)
        completeness = _with_class_a(completeness, loaded["customers"], problems)
        tables.append(
            Table(
                "completeness",
                completeness,
                "Customer record completeness by rep",
                "客户档案完整率（按销售代表）",
                aside=True,
            )
        )
    tables += _visit_record_tables(loaded)
    errors = int((problems["severity"] == "error").sum())
    warnings = int((problems["severity"] == "warning").sum())
    summary = f"{errors} error(s), {warnings} warning(s) in {len(loaded)} table(s)"
    out = Output("salescli check", tables, title_zh="数据检查", notes=[summary])
    emit(ctx, workspace, out, output, fmt, section)
    state_of(ctx).say(summary)
    if errors:
        raise typer.Exit(EXIT_DATA)


HEADER_COLUMNS = ["table", "file", "sheet", "header", "column", "how"]


def _with_class_a(completeness, customers, problems):
    """The A-class customers' completeness per rep beside the overall rate (2.2.3)."""
    from salescli.rules import records

    class_a = records.class_completeness(customers, problems, "A")
    if class_a is None:
        return completeness
    merged = completeness.merge(class_a, on="rep", how="left")
    counts = ["a_customers", "a_complete"]
    merged[counts] = merged[counts].fillna(0).astype(int)
    return merged


def _visit_record_tables(loaded: dict) -> list:
    """2.3.2–2.3.4: each rep's visits and complete visit records."""
    import pandas as pd

    from salescli.output import Table
    from salescli.rules import visit_records

    if "visits" not in loaded or "visit_date" not in loaded["visits"]:
        return []
    customers = loaded.get("customers")
    owner = (
        customers.drop_duplicates("customer_id").set_index("customer_id")["rep"]
        if customers is not None and "rep" in customers
        else pd.Series(dtype="string")
    )
    visits = visit_records.with_reps(loaded["visits"], owner)
    return [
        Table(
            "visit_records",
            visit_records.record_completeness(visits),
            "Visit record completeness by rep (every visit in the export)",
            "拜访记录完整率（按销售代表）",
            notes=["`audit-visits --month M --section incomplete_visits` lists the incomplete"],
            aside=True,
        )
    ]


def _owners(loaded: dict):
    """Each customer's owner, as the report counts it (customer file, else latest order)."""
    import pandas as pd

    from salescli.rules.process import owners

    orders = loaded.get("orders")
    return owners(loaded.get("customers"), orders if orders is not None else pd.DataFrame())


def _require_exports(workspace, names: list[str], asked: bool) -> None:
    """A check of nothing is not a pass: a table asked for with --table that is not there, or
    a workspace with no export at all, is exit 66."""
    from salescli.errors import MissingInputError
    from salescli.schema import TABLES

    absent = [name for name in names if not _present(workspace, name)]
    if asked and absent:
        name = absent[0]
        raise MissingInputError(
            f"no {name} table ({TABLES[name].zh}) to check",
            hint=f"looked for {workspace.where_looked(name)}; put the export there, set "
            f"[inputs.{name}] path in salescli.toml, or pass --input {name}=FILE",
        )
    if len(absent) == len(names):
        raise MissingInputError(
            f"no exports to check in {workspace.root}",
            hint="put the exports there (orders.xlsx, customers.xlsx, …), or pass -w DIR",
        )


def _present(workspace, name: str) -> bool:
    try:
        return bool(workspace.locate(name))
    except BadDataError:  # there, but ambiguous: listed as a problem below
        return True


def _unreadable(name: str, exc: SalescliError):
    import pandas as pd

    from salescli.rules.records import PROBLEM_COLUMNS

    row = {
        "table": name,
        "file": exc.file,
        "sheet": exc.sheet,
        "row": exc.row,
        "column": exc.column,
        "value": None if exc.value is None else str(exc.value),
        "severity": "error",
        "problem": exc.message,
        "hint": exc.hint or "",
    }
    return pd.DataFrame([row], columns=PROBLEM_COLUMNS)


def _record_rules(loaded: dict, owners_known: bool) -> list:
    from salescli.rules import records
    from salescli.schema import TABLES

    out = []
    labels = {c.name: c.zh for t in TABLES.values() for c in t.columns.values()}
    if "customers" in loaded:
        customers = loaded["customers"]
        out.append(records.missing_fields(customers, "customers", records.CUSTOMER_RECORD, labels))
        out.append(records.malformed_phones(customers, "customers"))
        out.append(records.without_orders(customers, loaded.get("orders")))
    if "orders" in loaded:
        orders = loaded["orders"]
        # a record column no figure needs (due date, payment terms, model): a warning
        out.append(
            records.missing_fields(
                orders, "orders", records.ORDER_RECORD, labels, missing_column="warning"
            )
        )
        if owners_known:
            out.append(records.unowned_sales(orders, loaded.get("customers")))
    out += _duty_rules(loaded)
    return out


def _duty_rules(loaded: dict) -> list:
    """Feedback follow-up (2.2.4) and order changes (4.2.5)."""
    from salescli.rules import feedback, order_changes

    out = []
    if "feedback" in loaded:
        out.append(feedback.feedback_problems(loaded["feedback"]))
        if "customers" in loaded or "orders" in loaded:  # owners are known only from them
            out.append(feedback.without_rep(loaded["feedback"], _owners(loaded)))
    if "order_changes" in loaded:
        changes = loaded["order_changes"]
        out.append(order_changes.order_change_problems(changes, loaded.get("orders")))
    return out


def register(app: typer.Typer) -> None:
    app.command("check")(check)
