"""The tables every command writes: which declared columns each holds, for which periods, and
its database name; from a command's frame to its machine form.

Each column is declared once, in the column catalogue (`salescli.rules.columns`: type, kind,
decimals, labels, meaning); a `Spec` names a table's columns and every machine format (CSV,
JSON, JSONL, Parquet), the databases and `salescli schema` read their types, rounding and
meanings from there. `machine_frame` casts a table to its declared types, adds the `period`
column and reshapes the market section to one row per competitor. xlsx, html, md and the
terminal show the tables as the commands made them, formatted by the declared kinds.

Types and rounding:

- `text`, `date` (a calendar day: Parquet date32, SQL DATE, ISO `2024-05-03` in text formats),
  `integer` (counts, ranks, days: Parquet int64, SQL BIGINT), `boolean`;
- `money` (yuan) and `number` (ratios, shares, scores, quantities) are floating point (Parquet
  double, SQL DOUBLE PRECISION), rounded to their column's declared `decimals` (money 2, an
  appraisal score 2, other numbers 6), as NumPy rounds (scaled by 10^d, rounded half to
  even, scaled back: 0.125 -> 0.12, 2.675 -> 2.68), the same in every machine format and
  database.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from salescli.config import Policy
from salescli.i18n import Msg
from salescli.rounding import on_side

# the rules that write a table name its columns; the catalogue declares each column
from salescli.rules import appraisal as appraisal_rules
from salescli.rules import customers as customer_rules
from salescli.rules import feedback as feedback_rules
from salescli.rules import highlights as highlight_rules
from salescli.rules import order_changes as change_rules
from salescli.rules import process as process_rules
from salescli.rules import records as checks_rules
from salescli.rules import reports as report_rules
from salescli.rules import targets as target_rules
from salescli.rules import visit_records as visit_rules
from salescli.rules.columns import (
    BY_APPRAISAL,
    DECIMALS,
    PERIOD_MEANING,
    Column,
    Type,
    UndeclaredColumn,
    column,
)
from salescli.rules.sections import COMPARISON_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from salescli.output.model import Output, Table

__all__ = ["DECIMALS", "PERIOD_MEANING", "SQL_TYPES", "Column", "Spec", "column_type", "meaning_of"]

# what the appraisal's figures mean, from the rules that compute them (default policy)
_DEFINED = appraisal_rules.definitions(Policy())


def meaning_of(declared: Column) -> str:
    """A column's meaning: as declared, or, for the appraisal's figures, as its rule says."""
    if declared.meaning == BY_APPRAISAL:
        return _DEFINED[declared.name]
    return declared.meaning


SQL_TYPES: dict[str, str] = {
    "text": "TEXT",
    "date": "DATE",
    "integer": "BIGINT",
    "boolean": "BOOLEAN",
    "money": "DOUBLE PRECISION",
    "number": "DOUBLE PRECISION",
}


@dataclass(frozen=True)
class Spec:
    """One output table of one command."""

    command: str
    name: str
    meaning: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]  # the period kinds the command writes it for
    # a column of this table typed otherwise than its declaration (open feedback's overdue is
    # a flag, the feedback table's a count)
    types: dict[str, Type] = field(default_factory=dict)
    # the column holding each row's own period (within the run's): it becomes `period`, so
    # the file reads back as an input (a targets file's period is its month)
    row_period: str = ""
    period_meaning: str = PERIOD_MEANING
    people_only: bool = False  # a view for people (wide or formatted): never in a database
    optional: tuple[str, ...] = ()  # columns present only with some options or data
    other: tuple[Type, str] | None = None  # type and meaning of columns named by periods
    db_name: str = ""  # the table's part of its database table name, when not its name
    meanings: dict[str, str] = field(default_factory=dict)  # what a column means in this table
    # a table about the exports, not a period's figures (check's, map's): no `period` column,
    # never in a database
    periodless: bool = False

    def column(self, name: str) -> Column:
        """The column's declaration, as this table holds it."""
        declared = column(name)
        kind = self.types.get(name, declared.type)
        decimals = declared.decimals if kind == declared.type else DECIMALS.get(kind)
        meaning = self.meanings.get(name, meaning_of(declared))
        return replace(declared, type=kind, decimals=decimals, meaning=meaning)

    def machine_columns(self) -> list[Column]:
        period = replace(column("period"), meaning=self.period_meaning)
        return [*([] if self.periodless else [period]), *map(self.column, self.columns)]

    def database_table(self, kind: str) -> str:
        prefix, main = PREFIXES[self.command]
        if self.name == main:
            return f"{prefix}_{kind}"
        return f"{prefix}_{kind}_{self.db_name or self.name}"


# Database tables are named <prefix>_<period kind> for a command's main table and
# <prefix>_<period kind>_<table> for the others: appraisal_month, report_month_by_region.
PREFIXES: dict[str, tuple[str, str | None]] = {
    "appraise": ("appraisal", "appraisal"),
    "report": ("report", None),
    "classify": ("classes", "classes"),
    "plan-visits": ("visit_plan", "plan"),
    "audit-visits": ("visit_audit", "customers"),
    "split-targets": ("targets", "targets"),
}

_MEASURES = ("amount", "quantity", "profit")
_BREAKDOWN = (
    "amount",
    "quantity",
    "profit",
    "margin",
    *(f"{m}_{s}" for m in _MEASURES for s in ("prev", "mom", "last_year", "yoy")),
)
_DELIVERY = ("orders_due", "on_time", "on_time_rate")
_FOLLOW_UP = ("rep", "opportunity_id", "customer_id", "stage", "next_follow_up", "days_overdue")
_OPPORTUNITY = tuple(report_rules.OPPORTUNITY_COLUMNS)
_AT_RISK = tuple(report_rules.AT_RISK_COLUMNS)
_CLASS_SUMMARY = ("class", "customers", "amount", "customer_share", "amount_share")
_MONTH_QUARTER = ("month", "quarter")
_REPORT = ("month", "week", "quarter")


def _appraisal(kind: str, columns: list[str], meaning: str) -> Spec:
    """The appraisal of one period kind: its columns in the order its file holds them."""
    names = tuple(c for c in columns if c != "period")
    return Spec("appraise", "appraisal", meaning, names, (kind,), optional=names[1:])


_LEVELS = ("region", "category", "customer_group", "rep")

# check's and map's tables: the exports as read, whatever the period (no `period` column)
_PROBLEM = {
    "column": "The column of the problem: its header as the export writes it, or the "
    "canonical name of a column the export lacks.",
    "value": "The value found in the export, as written (empty when the problem is no one "
    "value's).",
}
_HEADER = {
    "file": "The export file.",
    "sheet": "The export's sheet (empty for a csv).",
    "column": "The canonical column the header is read as (empty when none).",
}
_PROBLEMS = tuple(checks_rules.PROBLEM_COLUMNS)
_CLASS_A = ("a_customers", "a_complete", "a_completeness")
_CHECK_SPECS = [
    Spec(
        "check",
        "problems",
        "Every problem found in the exports: file, sheet, row, column, value and hint; an "
        "error stops the figures (check exits 65).",
        _PROBLEMS,
        (),
        types={"value": "text"},
        meanings=_PROBLEM,
        periodless=True,
    ),
    Spec(
        "check",
        "headers",
        "How each header of each export was read.",
        ("table", "file", "sheet", "header", "column", "how"),
        (),
        meanings=_HEADER,
        periodless=True,
    ),
    Spec(
        "check",
        "completeness",
        "Customer record completeness by rep (2.2.3); the A-class customers' with classes.",
        (
            "rep",
            "customers",
            "complete",
            "completeness",
            "a_customers",
            "a_complete",
            "a_completeness",
        ),
        (),
        optional=_CLASS_A,
        periodless=True,
    ),
    Spec(
        "check",
        "visit_records",
        "Visit record completeness by rep: every visit in the export, for its customer's owner.",
        ("rep", "visits", "complete_records", "record_completeness"),
        (),
        meanings={"visits": "Visits in the export."},
        periodless=True,
    ),
    Spec(
        "map",
        "columns",
        "Each header of an export: its role, a few samples and its effect on the figures.",
        ("file", "sheet", "header", "column", "role", "how", "samples", "effect"),
        (),
        meanings=_HEADER,
        periodless=True,
    ),
    Spec(
        "map",
        "problems",
        "The problems of the export map read (as check lists them, without their code).",
        tuple(c for c in _PROBLEMS if c != "code"),
        (),
        types={"value": "text"},
        meanings=_PROBLEM,
        periodless=True,
    ),
]

SPECS: list[Spec] = [
    _appraisal(
        "month",
        appraisal_rules.MONTH_COLUMNS,
        "One row per rep: the month's sales against target, and the bonus.",
    ),
    _appraisal(
        "quarter",
        appraisal_rules.QUARTER_COLUMNS,
        "One row per rep: the quarter's indicators with their scores, the final score and grade.",
    ),
    _appraisal(
        "year",
        appraisal_rules.YEAR_COLUMNS,
        "One row per rep: the quarters' scores combined, the year's sales and the promotion "
        "candidates.",
    ),
    Spec(
        "appraise",
        "explain",
        "appraise --explain: every figure of one rep with its formula and rows.",
        ("figure", "value", "value_text", "formula", "n_rows"),
        ("month", "quarter", "year"),
        people_only=True,
    ),
    Spec(
        "classify",
        "classes",
        "One row per customer: the factors, score and class A/B/C of the quarter.",
        tuple(customer_rules.CLASSIFY_COLUMNS),
        ("quarter",),
        types={"amount": "money"},
    ),
    Spec(
        "classify",
        "summary",
        "Customers and amount by class.",
        _CLASS_SUMMARY,
        ("quarter",),
    ),
    Spec(
        "classify",
        "moves",
        "Movement matrix: customers by previous class (rows) and class (columns).",
        ("from", "A", "B", "C"),
        ("quarter",),
    ),
    Spec(
        "plan-visits",
        "plan",
        "One row per planned visit.",
        tuple(customer_rules.PLAN_COLUMNS),
        ("month",),
    ),
    Spec(
        "plan-visits",
        "unscheduled",
        "Required visits that did not fit, with the reason.",
        tuple(customer_rules.UNSCHEDULED_COLUMNS),
        ("month",),
    ),
    Spec(
        "audit-visits",
        "customers",
        "One row per customer: required visit windows, windows visited and compliance.",
        tuple(customer_rules.AUDIT_COLUMNS),
        ("month",),
    ),
    Spec(
        "audit-visits",
        "by_rep",
        "One row per rep: visit compliance, worst first.",
        ("rep", "customers", "required", "done", "compliance"),
        ("month",),
    ),
    Spec(
        "audit-visits",
        "unknown_customers",
        "Visits to customers not in the customer file.",
        ("visit_date", "rep", "customer_id", "_file", "_row"),
        ("month",),
    ),
    Spec(
        "audit-visits",
        "other_rep",
        "Visits made by a rep other than the customer's owner.",
        tuple(customer_rules.OTHER_REP_COLUMNS),
        ("month",),
    ),
    Spec(
        "audit-visits",
        "visit_records",
        "One row per rep: how many of the month's visit records are complete, worst first.",
        ("rep", "visits", "complete_records", "record_completeness"),
        ("month",),
    ),
    Spec(
        "audit-visits",
        "incomplete_visits",
        "The month's visits whose record lacks a purpose, summary or next step.",
        tuple(visit_rules.INCOMPLETE_COLUMNS),
        ("month",),
    ),
    Spec(
        "split-targets",
        "targets",
        "One row per member (the --by levels) and month: the target, after approved "
        "adjustments when there are any.",
        (*_LEVELS, "year", "quarter", "target", "original_target", "adjusted_by"),
        ("year",),
        optional=(*_LEVELS, "year", "quarter", "original_target", "adjusted_by"),
        row_period="month",
        period_meaning="The month of the target, e.g. 2025-01 (the file reads back as the "
        "targets input); a write replaces every month of its year.",
    ),
    Spec(
        "split-targets",
        "pivot",
        "The targets as a table for people: one column per month, quarter and the year "
        "(the same figures as the targets table; not written to databases).",
        _LEVELS,
        ("year",),
        optional=_LEVELS,
        people_only=True,
        other=(
            "money",
            "One column per month (2025-01), quarter (2025Q1) and the year: the target.",
        ),
    ),
    Spec(
        "split-targets",
        "adjustments",
        "The adjustment requests and whether each was applied.",
        tuple(c for c in target_rules.REVIEW_COLUMNS if c != "period"),
        ("year",),
        optional=("missing", "effective_on"),
        row_period="period",
        period_meaning="The month or quarter the request is for (the file reads back as the "
        "adjustments input); a write replaces every request of its year.",
        meanings={"reason": "The reason given for the request."},
    ),
    Spec(
        "split-targets",
        "notices",
        "split-targets --apply-to --notices: one row per applied adjustment, with the notice "
        "files written for its rep.",
        (*(c for c in target_rules.NOTICE_COLUMNS if c != "period"), "files"),
        ("year",),
        row_period="period",
        period_meaning="The month or quarter the adjustment is for.",
        meanings={
            "original_target": "The target of the period before the adjustment (a quarter's "
            "months added up).",
            "target": "The target of the period after the adjustment.",
            "reason": "The reason given for the request.",
        },
    ),
    Spec(
        "report",
        "summary",
        "The headline figures with period-over-period (环比) and year-over-year (同比) change "
        "(a week: against the previous ISO week and the same ISO week last year).",
        tuple(COMPARISON_COLUMNS),
        _REPORT,
    ),
    *(
        Spec(
            "report",
            name,
            f"Amount, quantity and profit by {dimension}.",
            (dimension, *_BREAKDOWN),
            _MONTH_QUARTER,
        )
        for name, dimension in (
            ("by_region", "region"),
            ("by_category", "category"),
            ("by_customer_group", "customer_group"),
        )
    ),
    Spec(
        "report",
        "by_rep",
        "Amount against target by rep, ranked.",
        (
            "rep",
            "amount",
            "orders",
            "active_customers",
            "target",
            "attainment",
            "rank",
            "amount_prev",
            "amount_mom",
        ),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "trend",
        "Monthly amount and target of the last twelve months and the period.",
        ("month", "amount", "target"),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "customers",
        "Customer counts: active, new, lost…",
        ("figure", "customers", "definition"),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "by_class",
        "Customers, orders and amount by class.",
        (
            "class",
            "customers",
            "active_customers",
            "orders",
            "amount",
            "orders_per_customer",
            "average_order_value",
        ),
        _MONTH_QUARTER,
    ),
    Spec("report", "at_risk", "Customers at risk: no order for long.", _AT_RISK, _REPORT),
    Spec(
        "report",
        "satisfaction",
        "Mean satisfaction by region.",
        ("region", "satisfaction", "surveys"),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "top_customers",
        "The largest customers of the period.",
        ("customer_id", "customer_name", "rep", "amount", "orders", "share"),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "pipeline",
        "Opportunities by outcome and stage.",
        ("outcome", "stage", "opportunities", "expected_amount"),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "conversion",
        "Opportunities won and lost by rep.",
        ("rep", "won", "lost", "conversion_rate"),
        _MONTH_QUARTER,
    ),
    Spec("report", "overdue_follow_ups", "Follow-ups past their day.", _FOLLOW_UP, _REPORT),
    Spec(
        "report",
        "delivery_region",
        "On-time delivery by region.",
        ("region", *_DELIVERY),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "delivery_category",
        "On-time delivery by category.",
        ("category", *_DELIVERY),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "late_orders",
        "Orders due in the period and delivered late (or not yet).",
        tuple(process_rules.LATE_ORDER_COLUMNS),
        _MONTH_QUARTER,
    ),
    Spec(
        "report",
        "market",
        "Market share: one row per region (or category) and competitor, the company's own "
        "row marked ours.",
        (
            "market_period",
            "region",
            "category",
            "market_size",
            "competitor",
            "ours",
            "amount",
            "share",
        ),
        _MONTH_QUARTER,
        optional=("region", "category"),
    ),
    Spec(
        "report",
        "by_rep",
        "The weekly report: per rep, orders of the week, month to date against the month's "
        "target, visit windows and visits.",
        (
            "rep",
            "orders",
            "amount",
            "month_to_date",
            "month_target",
            "month_attainment",
            "windows_open",
            "windows_done",
            "visits",
        ),
        ("week",),
    ),
    Spec(
        "report", "new_opportunities", "Opportunities created in the week.", _OPPORTUNITY, ("week",)
    ),
    Spec(
        "report",
        "follow_ups_next_week",
        "Follow-ups due next week.",
        _OPPORTUNITY,
        ("week",),
    ),
    Spec(
        "report",
        "class_moves",
        "Movement matrix of the quarter: customers by previous class (rows) and class.",
        ("from", "A", "B", "C"),
        ("quarter",),
    ),
    Spec("report", "class_summary", "Customers and amount by class.", _CLASS_SUMMARY, ("quarter",)),
    Spec(
        "report",
        "appraisal",
        "The quarter's appraisal, in brief.",
        tuple(report_rules.PACK_APPRAISAL_COLUMNS),
        ("quarter",),
    ),
    Spec(
        "report",
        "highlights",
        "The analysis in brief: one fact a line, each naming the table its figures come from.",
        ("highlight", "source"),
        _REPORT,
    ),
    Spec(
        "report",
        "contributions",
        "Each region's, category's and rep's part of the change in amount against the "
        "previous period, largest first; the parts add up to the whole change (a week: "
        "against the previous ISO week; one rep's week: by category and customer).",
        tuple(highlight_rules.CONTRIBUTION_COLUMNS),
        _REPORT,
    ),
    *(
        Spec(
            "report",
            name,
            f"Customer feedback follow-up by {by}: received, resolved, open and overdue.",
            (by, *feedback_rules.FIGURES),
            _MONTH_QUARTER,
        )
        for name, by in (("feedback", "rep"), ("feedback_by_handler", "handler"))
    ),
    Spec(
        "report",
        "open_feedback",
        "Feedback still open at the period's end, oldest first.",
        tuple(feedback_rules.OPEN_COLUMNS),
        _REPORT,
        types={"overdue": "boolean"},
        optional=("customer_name", "channel", "category", "content", "handler"),
        meanings={
            "overdue": "Received more than the policy's overdue days before the period's end.",
            "category": "The feedback's category, as written.",
        },
    ),
    *(
        Spec(
            "report",
            name,
            f"Order changes by {by}: requested, approved, rejected, pending and the amount "
            "effect of the approved.",
            (by, *change_rules.FIGURES),
            _MONTH_QUARTER,
        )
        for name, by in (("order_changes", "rep"), ("order_changes_by_type", "change_type"))
    ),
    Spec(
        "report",
        "pending_changes",
        "Order changes waiting for a decision at the period's end, longest waiting first.",
        tuple(change_rules.PENDING_COLUMNS),
        _MONTH_QUARTER,
        meanings={"reason": "The reason given for the change."},
    ),
    Spec(
        "report",
        "key_opportunities",
        "Each rep's largest open opportunities with their next follow-up.",
        tuple(process_rules.KEY_COLUMNS),
        _MONTH_QUARTER,
        meanings={"rank": "Rank by expected amount within the rep (1 = largest)."},
    ),
    *_CHECK_SPECS,
]


def spec_of(command: str, table: str, kind: str | None = None) -> Spec | None:
    """The declaration of a command's table, for the period kind when given (the report's
    `by_rep` of a week is not a month's)."""
    for spec in SPECS:
        if spec.command == command and spec.name == table and (kind is None or kind in spec.kinds):
            return spec
    return None


def specs(command: str | None = None) -> list[Spec]:
    return [s for s in SPECS if command is None or s.command == command]


# --- from a command's frame to its machine form ----------------------------------------------


def machine_frame(table: Table, output: Output) -> pd.DataFrame:
    """The table as machine formats and databases hold it: `period` first, declared types,
    the declared rounding, long market rows; columns a declaration lacks keep their dtype."""
    import pandas as pd

    frame = table.frame.reset_index(drop=True)
    kind = output.period.kind if output.period is not None else None
    spec = spec_of(output.command, table.name, kind) if output.command else None
    if spec is not None and spec.name == "market" and spec.command == "report":
        frame = _market_long(frame)
    period = output.period.label if output.period is not None else None
    if spec is not None and spec.row_period:
        if spec.row_period in frame and spec.row_period != "period":
            frame = frame.drop(columns="period", errors="ignore")
            frame = frame.rename(columns={spec.row_period: "period"})
        period = None  # each row keeps its own
        if "period" in frame:
            frame = frame[["period", *(c for c in frame.columns if c != "period")]]
    if period is not None:
        if "period" in frame and not frame["period"].astype("string").eq(period).all():
            frame = frame.rename(columns={"period": "row_period"})
        frame = frame.drop(columns="period", errors="ignore")
    columns = {str(c): _typed(frame[c], *_declared(spec, str(c), frame[c])) for c in frame}
    for name, beside in table.limits.items():  # rounded, but never across a rule's limit
        kind, decimals = _declared(spec, name, frame[name]) if name in frame else ("", None)
        if kind == "number" and decimals is not None and table.kind(name) != "row":
            columns[name] = _on_side(frame[name], decimals, beside)
    for name in _row_columns(table, frame):  # the summary's attainment row, as by_rep's
        kind, decimals = _declared(spec, name, frame[name])
        if kind == "number" and decimals is not None:
            columns[name] = _rows_on_side(table, frame, name, decimals, columns[name])
    _finite(table.name, columns)
    out = pd.DataFrame(columns, index=frame.index)
    if period is not None:
        out.insert(0, "period", pd.Series([period] * len(out), dtype="string"))
    return out


def _on_side(series: pd.Series, decimals: int, beside: tuple[float, ...]) -> pd.Series:
    """A ratio to its declared decimals as the appraisal publishes it (half up), each value
    on its side of every limit `beside` (0.5999996 by a 0.6 floor: 0.599999)."""
    return series.astype("float64").map(lambda v: on_side(v, decimals, beside)) + 0.0


def _row_columns(table: Table, frame: pd.DataFrame) -> list[str]:
    """The columns whose rows each say their figure (a summary's current, previous), when a
    row's figure is compared with a limit (attainment)."""
    if table.row_key is None or table.row_key not in frame or not table.limits:
        return []
    if not frame[table.row_key].astype("string").isin(list(table.limits)).any():
        return []
    named = [c for c in table.frame.columns if str(c) in frame]
    return [str(c) for c in named if str(c) in table.kinds and table.kind(str(c)) == "row"]


def _rows_on_side(
    table: Table, frame: pd.DataFrame, name: str, decimals: int, rounded: pd.Series
) -> pd.Series:
    """A "row" column with each row whose figure has limits on its side of them."""
    out = rounded.copy()
    figures = frame[table.row_key].astype("string")
    for figure, beside in table.limits.items():
        rows = figures.eq(figure).fillna(False).to_numpy()
        if rows.any():
            out[rows] = _on_side(frame[name][rows], decimals, beside).to_numpy()
    return out


def column_type(spec: Spec | None, name: str, series: pd.Series | None = None) -> Type:
    """The declared type of a column (see `_declared`)."""
    return _declared(spec, name, series)[0]


def _declared(spec: Spec | None, name: str, series: pd.Series | None) -> tuple[Type, int | None]:
    """A column's type and decimals as its table's declaration has them; a column named by
    the data (a pivot's months) takes its table's `other`, and a table no Spec names (check's)
    is typed by its dtypes, each column still declared. Any other column nobody declared
    is an error (`UndeclaredColumn`): a new rule column cannot reach a file undeclared."""
    from salescli.labels import is_code

    if spec is not None and (name in spec.columns or name in spec.types):
        declared = spec.column(name)
        return declared.type, declared.decimals
    if spec is None and name != "period":
        if is_code(name):
            column(name)  # declared, though typed by its values
        kind = _inferred(series)
        return kind, DECIMALS.get(kind)
    if spec is not None and spec.other is not None:  # named by a period (2025-01, year)
        return spec.other[0], DECIMALS.get(spec.other[0])
    declared = column(name)
    if spec is not None and name not in ("period", "row_period"):
        raise UndeclaredColumn(f"{name} (not a column of {spec.command} {spec.name})")
    return declared.type, declared.decimals


def _inferred(series: pd.Series | None) -> Type:
    import pandas as pd

    if series is None:
        return "text"
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "text"


def _typed(series: pd.Series, kind: Type, decimals: int | None) -> pd.Series:
    import numpy as np
    import pandas as pd

    if kind == "text":
        text = series.astype("object").where(series.notna(), None)
        text = text.map(lambda v: v if v is None or isinstance(v, str) else str(v))
        if any(isinstance(v, Msg) for v in text):
            # a rule's sentences (a definition, what a request lacks) keep their ids, so each
            # writer says them in its language; machines get their English (a Msg is a str)
            return text
        return text.astype("string")
    if kind == "date":
        days = pd.to_datetime(series, errors="raise")
        return pd.Series(
            [None if pd.isna(v) else v.date() for v in days], index=series.index, dtype=object
        )
    if kind == "boolean":
        return series.astype("boolean")
    numbers = pd.to_numeric(series, errors="raise")
    if kind == "integer":
        rounded = numbers.round()
        if not (rounded.isna() | (rounded == numbers)).all():
            raise ValueError(f"column {series.name} holds fractions but is declared integer")
        return rounded.astype("Int64")
    floats = numbers.astype("float64")
    rounded = floats if decimals is None else np.round(floats, decimals)
    # + 0.0 makes -0.0 (a rounding of -1e-17, float noise) the zero it is: the same bytes
    return pd.Series(rounded + 0.0, index=floats.index)


def _finite(table: str, columns: dict[str, pd.Series]) -> None:
    """Stop at an infinite figure (a ratio over a zero a rule did not guard): JSON has no
    Infinity, and a BI tool would take `inf` for a figure. A bug, so no message id."""
    import numpy as np
    import pandas as pd

    for name, values in columns.items():
        if pd.api.types.is_float_dtype(values) and np.isinf(values.to_numpy()).any():
            raise ValueError(f"table {table}, column {name}: a figure is not finite (inf)")


def _market_long(wide: pd.DataFrame) -> pd.DataFrame:
    """The market section with one row per region (or category) and competitor."""
    import pandas as pd

    key = "region" if "region" in wide else "category" if "category" in wide else None
    market_period = wide.attrs.get("market_period")
    rows = []
    rivals = [str(c)[: -len("_amount")] for c in wide.columns if str(c).endswith("_amount")]
    for record in wide.to_dict("records"):
        base = {
            "market_period": market_period,
            "region": record.get("region") if key == "region" else None,
            "category": record.get("category") if key == "category" else None,
            "market_size": record.get("market_size"),
        }
        rows.append(
            {
                **base,
                "competitor": "(us)",
                "ours": True,
                "amount": record.get("amount"),
                "share": record.get("share"),
            }
        )
        for rival in rivals:
            rows.append(
                {
                    **base,
                    "competitor": rival,
                    "ours": False,
                    "amount": record.get(f"{rival}_amount"),
                    "share": record.get(f"{rival}_share"),
                }
            )
    columns = [
        "market_period",
        "region",
        "category",
        "market_size",
        "competitor",
        "ours",
        "amount",
        "share",
    ]
    long = pd.DataFrame(rows, columns=columns)
    return long.drop(columns=[c for c in ("region", "category") if c != key])
