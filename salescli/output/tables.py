"""The data dictionary: every table a command writes, its columns, their types and meaning.

One declaration serves every machine format (CSV, JSON, JSONL, Parquet), the databases and
`salescli schema`: `machine_frame` casts a table to its declared types, adds the `period`
column and reshapes the market section to one row per competitor; the database writer
creates its columns from the same types. xlsx, html, md and the terminal show the tables as
the commands made them.

Types and the one rounding rule:

- `text`, `date` (a calendar day: Parquet date32, SQL DATE, ISO `2024-05-03` in text formats),
  `integer` (counts, ranks, days: Parquet int64, SQL BIGINT), `boolean`;
- `money` (yuan) and `number` (ratios, shares, scores, quantities) are floating point (Parquet
  double, SQL DOUBLE PRECISION); money is rounded to 2 decimal places and every other number
  to 6, as NumPy rounds (scaled by 10^d, rounded half to even, scaled back: 0.125 -> 0.12,
  2.675 -> 2.68), the same in every machine format and database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

# the rules that write a table declare its columns; the dictionary adds types and meanings
from salescli.config import Policy
from salescli.rules import appraisal as appraisal_rules
from salescli.rules import customers as customer_rules
from salescli.rules import feedback as feedback_rules
from salescli.rules import order_changes as change_rules
from salescli.rules import reports as report_rules
from salescli.rules.sections import COMPARISON_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from salescli.output.model import Output, Table

Type = Literal["text", "date", "integer", "boolean", "money", "number"]
DECIMALS: dict[str, int] = {"money": 2, "number": 6}
SQL_TYPES: dict[str, str] = {
    "text": "TEXT",
    "date": "DATE",
    "integer": "BIGINT",
    "boolean": "BOOLEAN",
    "money": "DOUBLE PRECISION",
    "number": "DOUBLE PRECISION",
}
PERIOD_MEANING = "The period of the run: 2024-05 (month), 2024Q2, 2024-W19 (ISO week) or 2024."


@dataclass(frozen=True)
class Column:
    name: str
    type: Type
    meaning: str


@dataclass(frozen=True)
class Spec:
    """One output table of one command."""

    command: str
    name: str
    meaning: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]  # the period kinds the command writes it for
    types: dict[str, Type] = field(default_factory=dict)  # overrides of the glossary's type
    # the column holding each row's own period (within the run's): it becomes `period`, so
    # the file reads back as an input (a targets file's period is its month)
    row_period: str = ""
    period_meaning: str = PERIOD_MEANING
    people_only: bool = False  # a view for people (wide or formatted): never in a database
    optional: tuple[str, ...] = ()  # columns present only with some options or data
    other: tuple[Type, str] | None = None  # type and meaning of columns named by periods
    db_name: str = ""  # the table's part of its database table name, when not its name
    meanings: dict[str, str] = field(default_factory=dict)  # overrides of the glossary's meaning

    def column(self, name: str) -> Column:
        kind, meaning = GLOSSARY.get(name, ("number", ""))
        return Column(name, self.types.get(name, kind), self.meanings.get(name, meaning))

    def machine_columns(self) -> list[Column]:
        return [Column("period", "text", self.period_meaning), *map(self.column, self.columns)]

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

_MOVES = "{}: how many customers went from the class of the row to class {}."
GLOSSARY: dict[str, tuple[Type, str]] = {
    "rep": ("text", "Sales rep (销售代表)."),
    "owner": ("text", "The rep who owns the customer in the customer file."),
    "customer_id": ("text", "Customer code."),
    "customer_name": ("text", "Customer name."),
    "order_id": ("text", "Order number."),
    "opportunity_id": ("text", "Opportunity (商机) number."),
    "region": ("text", "Sales region."),
    "category": ("text", "Product category."),
    "customer_group": ("text", "Customer group (industry or channel)."),
    "class": ("text", "Customer class A, B or C."),
    "previous_class": ("text", "The class before this classification."),
    "move": ("text", "up, down, same or new, against the previous class."),
    "from": ("text", "The class moved from (rows of the movement matrix)."),
    "A": ("integer", _MOVES.format("A", "A")),
    "B": ("integer", _MOVES.format("B", "B")),
    "C": ("integer", _MOVES.format("C", "C")),
    "amount": ("money", "Sales amount in yuan, cancelled orders excluded."),
    "quantity": ("number", "Quantity sold."),
    "profit": ("money", "Gross profit in yuan (amount - cost where no profit is given)."),
    "margin": ("number", "Profit / amount."),
    "target": ("money", "Sales target in yuan."),
    "original_target": ("money", "The target before approved adjustments."),
    "adjusted_by": ("text", "The adjustment request that changed the target."),
    "attainment": ("number", "Amount / target (1.0 = 100 %)."),
    "performance_score": ("number", "Sales performance score (0-100)."),
    "bonus_multiplier": ("number", "Bonus multiplier from the attainment band."),
    "bonus": ("money", "Performance bonus in yuan."),
    "honours": ("text", "Honours earned (sales champion, progress star…), comma separated."),
    "satisfaction": ("number", "Mean customer satisfaction score of the surveys."),
    "satisfaction_score": ("number", "Satisfaction indicator score (0-100)."),
    "new_customers": ("integer", "Customers whose first order falls in the period."),
    "new_customers_score": ("number", "New-customer indicator score (0-100)."),
    "churn_rate": ("number", "Share of last period's active customers with no order now."),
    "churn_rate_score": ("number", "Churn indicator score (0-100)."),
    "conversion_rate": ("number", "Won / (won + lost) opportunities closed in the period."),
    "conversion_rate_score": ("number", "Conversion indicator score (0-100)."),
    "on_time_rate": ("number", "Orders delivered by their due date / orders due."),
    "on_time_rate_score": ("number", "On-time delivery indicator score (0-100)."),
    "expense_ratio": ("number", "Expenses / amount."),
    "expense_ratio_score": ("number", "Expense-ratio indicator score (0-100)."),
    "customer_score": ("number", "Customer management group score (0-100)."),
    "process_score": ("number", "Sales process group score (0-100)."),
    "quantitative_score": ("number", "Weighted score of the quantitative groups (0-100)."),
    "qualitative_score": ("number", "The manager's review score (0-100)."),
    "final_score": ("number", "Final appraisal score (0-100)."),
    "grade": ("text", "Appraisal grade (S, A, B, C, D)."),
    "comment": ("text", "The manager's comment."),
    "training_needs": ("text", "Training needs from the review."),
    "promotion_candidate": ("boolean", "Meets the policy's promotion conditions."),
    "q1_score": ("number", "Final score of the first quarter."),
    "q2_score": ("number", "Final score of the second quarter."),
    "q3_score": ("number", "Final score of the third quarter."),
    "q4_score": ("number", "Final score of the fourth quarter."),
    "frequency": ("integer", "Distinct orders in the classification window."),
    "potential": ("money", "Potential value of the customer (yuan)."),
    "score": ("number", "Classification score (weighted percentile ranks, 0-1)."),
    "not_in_customer_file": ("boolean", "The customer appears in the orders only."),
    "customers": ("integer", "Number of customers."),
    "active_customers": ("integer", "Customers with an order in the period."),
    "orders": ("integer", "Number of distinct orders."),
    "orders_per_customer": ("number", "Orders / active customers."),
    "average_order_value": ("money", "Amount / orders."),
    "customer_share": ("number", "Share of the customers."),
    "amount_share": ("number", "Share of the amount."),
    "share": ("number", "Share (0-1)."),
    "market_size": ("money", "Market size in yuan from the market table."),
    "market_period": (
        "text",
        "The market rows' period: the report's own, else the latest in the market table that "
        "ended by the report's last day; amount and share are over exactly this period.",
    ),
    "competitor": ("text", "Competitor name; (us) is the company's own row."),
    "ours": ("boolean", "The row is the company's own amount and share."),
    "date": ("date", "Planned visit day."),
    "window": ("text", "The visit window (whole ISO weeks) the visit covers."),
    "reason": ("text", "Why the visit could not be scheduled."),
    "required": ("integer", "Visit windows required in the month."),
    "done": ("integer", "Required windows with at least one visit."),
    "missed": ("text", "The windows without a visit."),
    "compliance": ("number", "done / required."),
    "visit_date": ("date", "Day of the visit."),
    "_file": ("text", "The input file of the row."),
    "_row": ("integer", "The row number in that file."),
    "year": ("integer", "Calendar year."),
    "quarter": ("text", "Quarter, e.g. 2025Q1."),
    "month": ("text", "Month, e.g. 2025-01."),
    "new_target": ("money", "The target the adjustment request asks for."),
    "basis": ("text", "The evidence given for the request."),
    "manager_approved": ("text", "The sales manager's approval as written."),
    "leader_approved": ("text", "The leader's approval as written."),
    "status": ("text", "applied, or why the request was rejected."),
    "missing": ("text", "What the request lacks."),
    "figure": ("text", "The figure of the row."),
    "current": ("number", "The figure in the period."),
    "previous": ("number", "The figure in the previous period (环比)."),
    "change": ("number", "current / previous - 1, for amounts and counts (empty for a ratio)."),
    "change_pp": (
        "number",
        "current - previous in percentage points, for a ratio (margin, attainment, a rate): "
        "95.5 % after 101.0 % is -5.5.",
    ),
    "last_year": ("number", "The figure in the same period last year (同比)."),
    "yoy": ("number", "current / last_year - 1, for amounts and counts (empty for a ratio)."),
    "yoy_pp": ("number", "current - last_year in percentage points, for a ratio."),
    "definition": ("text", "How the figure is counted."),
    "last_order": ("date", "Day of the customer's last order."),
    "days_since": ("integer", "Days from the last order to the end of the period."),
    "rank": ("integer", "Rank by attainment (1 = best)."),
    "won": ("integer", "Opportunities won in the period."),
    "lost": ("integer", "Opportunities lost in the period."),
    "outcome": ("text", "open, won or lost."),
    "stage": ("text", "Opportunity stage."),
    "opportunities": ("integer", "Number of opportunities."),
    "expected_amount": ("money", "Expected amount of the opportunities (yuan)."),
    "created_on": ("date", "Day the opportunity was created."),
    "next_follow_up": ("date", "Day of the next follow-up."),
    "days_overdue": ("integer", "Days the follow-up is overdue at the end of the period."),
    "orders_due": ("integer", "Orders with a line due in the period."),
    "on_time": ("integer", "Of those, delivered by the due date."),
    "due_date": ("date", "Day the order is due (its latest line)."),
    "delivered_on": ("date", "Day the order was delivered (empty: not yet)."),
    "days_late": ("integer", "Days delivered (or, undelivered, the period ended) after due."),
    "surveys": ("integer", "Number of satisfaction surveys."),
    "month_to_date": ("money", "Amount of the month up to the end of the week."),
    "month_target": ("money", "The month's target."),
    "month_attainment": ("number", "month_to_date / month_target."),
    "windows_open": ("integer", "Visit windows of the week still to visit."),
    "windows_done": ("integer", "Visit windows of the week visited."),
    "visits": ("integer", "Visits recorded in the period (the week in the weekly report)."),
    "value": ("number", "The figure as a number (empty when it is words: see value_text)."),
    "value_text": ("text", "The figure in words: a grade, honours, yes/no (empty for numbers)."),
    "formula": ("text", "How the figure was made."),
    "n_rows": ("integer", "Input rows behind the figure."),
    # report highlights and contributions (4.3.4)
    "highlight": ("text", "One fact of the analysis, in a sentence with its figures."),
    "source": (
        "text",
        "The heading (in the report's language) of the section the figures come from.",
    ),
    "dimension": (
        "text",
        "What the members are: region, category, rep or customer_name (a rep's week).",
    ),
    "member": ("text", "The region, category, rep or customer (- for lines without one)."),
    "change_amount": ("money", "amount - amount_prev: the member's part of the change."),
    "share_of_change": (
        "number",
        "change_amount / the change of the total (empty when the total did not change).",
    ),
    # feedback follow-up (2.2.4)
    "handler": ("text", "Who handles the feedback."),
    "received": ("integer", "Feedback received in the period."),
    "resolved": ("integer", "Feedback resolved in the period."),
    "open": ("integer", "Feedback received by the period's end and not resolved by then."),
    "overdue": ("integer", "Open feedback received more than the policy's overdue days ago."),
    "median_days_to_resolve": ("number", "Median days from receipt to resolution."),
    "closed_loop_rate": (
        "number",
        "Resolved with the result passed back to the rep / resolved.",
    ),
    "feedback_id": ("text", "Feedback number."),
    "received_on": ("date", "Day the feedback was received."),
    "days_open": ("integer", "Days from receipt to the period's end."),
    "channel": ("text", "How the feedback came in."),
    "content": ("text", "What the customer said."),
    # order changes (4.2.5)
    "change_id": ("text", "Order change number."),
    "change_type": ("text", "The kind of change (quantity, price, delivery date, cancel…)."),
    "requested": ("integer", "Changes requested in the period."),
    "approved": ("integer", "Changes approved in the period."),
    "rejected": ("integer", "Changes rejected in the period."),
    "pending": ("integer", "Changes requested by the period's end with no decision by then."),
    "amount_effect": ("money", "new_amount - old_amount of the changes approved in the period."),
    "requested_on": ("date", "Day the change was requested."),
    "days_waiting": ("integer", "Days from the request to the period's end."),
    "old_value": ("text", "The value before the change, as written."),
    "new_value": ("text", "The value the change asks for, as written."),
    "old_amount": ("money", "The order amount before the change."),
    "new_amount": ("money", "The order amount after the change."),
    # key opportunities (4.1.4)
    "follow_up_overdue": (
        "boolean",
        "The next follow-up is before the period's end (empty: no follow-up day).",
    ),
    # visit records (2.3.2-2.3.4)
    "complete_records": ("integer", "Visits whose record has purpose, summary and next step."),
    "record_completeness": ("number", "complete_records / visits."),
    "missing_fields": ("text", "The record fields the visit lacks, comma separated."),
    "purpose": ("text", "The purpose of the visit."),
    "summary": ("text", "What was discussed."),
    "next_step": ("text", "The next step agreed."),
    "file": ("text", "The input file of the row."),
    "row": ("integer", "The row number in that file."),
    # adjustment notices (3.2.3)
    "effective_on": (
        "date",
        "Day the adjustment took effect: as given, else the later approval day.",
    ),
    "files": ("text", "The notice files written for the rep, comma separated."),
}
# the appraisal's figures mean what the rules that compute them say (appraisal.definitions, with
# the default policy's numbers): the dictionary never restates a formula of its own
for _name, _meaning in appraisal_rules.definitions(Policy()).items():
    GLOSSARY[_name] = (GLOSSARY.get(_name, ("number", ""))[0], _meaning)
for _measure in ("amount", "quantity", "profit"):
    _kind = GLOSSARY[_measure][0]
    GLOSSARY[f"{_measure}_prev"] = (_kind, f"{_measure} in the previous period (环比).")
    GLOSSARY[f"{_measure}_mom"] = ("number", f"{_measure} / {_measure}_prev - 1.")
    GLOSSARY[f"{_measure}_last_year"] = (_kind, f"{_measure} in the same period last year.")
    GLOSSARY[f"{_measure}_yoy"] = ("number", f"{_measure} / {_measure}_last_year - 1 (同比).")

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
_OPPORTUNITY = (
    "rep",
    "opportunity_id",
    "customer_id",
    "stage",
    "expected_amount",
    "created_on",
    "next_follow_up",
)
_AT_RISK = ("customer_id", "customer_name", "rep", "class", "last_order", "days_since")
_CLASS_SUMMARY = ("class", "customers", "amount", "customer_share", "amount_share")
_MONTH_QUARTER = ("month", "quarter")
_REPORT = ("month", "week", "quarter")
_APPRAISAL_QUARTER = (
    "rep",
    "amount",
    "quantity",
    "profit",
    "target",
    "attainment",
    "performance_score",
    "bonus",
    "satisfaction",
    "satisfaction_score",
    "new_customers",
    "new_customers_score",
    "churn_rate",
    "churn_rate_score",
    "conversion_rate",
    "conversion_rate_score",
    "on_time_rate",
    "on_time_rate_score",
    "expense_ratio",
    "expense_ratio_score",
    "customer_score",
    "process_score",
    "quantitative_score",
    "qualitative_score",
    "final_score",
    "grade",
    "comment",
    "training_needs",
    "bonus_multiplier",
    "q1_score",
    "q2_score",
    "q3_score",
    "q4_score",
    "promotion_candidate",
    "honours",
)
_LEVELS = ("region", "category", "customer_group", "rep")

SPECS: list[Spec] = [
    Spec(
        "appraise",
        "appraisal",
        "One row per rep: the appraisal of a month (bonus), a quarter (scores and grade) or a "
        "year (the quarters combined, promotion candidates). Columns follow the period kind.",
        _APPRAISAL_QUARTER,
        ("month", "quarter", "year"),
        optional=_APPRAISAL_QUARTER[1:],
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
        ("rep", "date", "customer_id", "customer_name", "class", "window"),
        ("month",),
    ),
    Spec(
        "plan-visits",
        "unscheduled",
        "Required visits that did not fit, with the reason.",
        ("rep", "customer_id", "customer_name", "class", "window", "reason"),
        ("month",),
    ),
    Spec(
        "audit-visits",
        "customers",
        "One row per customer: required visit windows, windows visited and compliance.",
        (
            "rep",
            "customer_id",
            "customer_name",
            "class",
            "required",
            "done",
            "missed",
            "compliance",
        ),
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
        ("visit_date", "rep", "customer_id", "owner", "_file", "_row"),
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
        (
            "rep",
            "visit_date",
            "customer_id",
            "missing_fields",
            "purpose",
            "summary",
            "next_step",
            "file",
            "row",
        ),
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
        (
            "rep",
            "new_target",
            "reason",
            "basis",
            "manager_approved",
            "leader_approved",
            "status",
            "missing",
        ),
        ("year",),
        optional=("missing",),
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
        (
            "rep",
            "original_target",
            "target",
            "reason",
            "basis",
            "manager_approved",
            "leader_approved",
            "effective_on",
            "files",
        ),
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
        (
            "order_id",
            "customer_id",
            "rep",
            "region",
            "category",
            "due_date",
            "delivered_on",
            "days_late",
        ),
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
        ("dimension", "member", "amount", "amount_prev", "change_amount", "share_of_change"),
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
        (
            "rep",
            "rank",
            "opportunity_id",
            "customer_id",
            "stage",
            "expected_amount",
            "next_follow_up",
            "follow_up_overdue",
            "days_overdue",
        ),
        _MONTH_QUARTER,
        meanings={"rank": "Rank by expected amount within the rep (1 = largest)."},
    ),
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
    columns = {str(c): _typed(frame[c], column_type(spec, str(c), frame[c])) for c in frame}
    out = pd.DataFrame(columns, index=frame.index)
    if period is not None:
        out.insert(0, "period", pd.Series([period] * len(out), dtype="string"))
    return out


def column_type(spec: Spec | None, name: str, series: pd.Series | None = None) -> Type:
    """The declared type of a column; a column no declaration names is typed by its dtype
    (tests/test_machine_formats.py checks that every table of every command is declared)."""
    if name == "period":
        return "text"
    if spec is not None and (name in spec.columns or name in spec.types):
        return spec.column(name).type
    if spec is not None and spec.other is not None:
        return spec.other[0]
    return _inferred(series)


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


def _typed(series: pd.Series, kind: Type) -> pd.Series:
    import numpy as np
    import pandas as pd

    if kind == "text":
        text = series.astype("object").where(series.notna(), None)
        return text.map(lambda v: v if v is None or isinstance(v, str) else str(v)).astype("string")
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
    return pd.Series(np.round(numbers.astype("float64"), DECIMALS[kind]), index=series.index)


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
