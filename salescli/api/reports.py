"""`report`: the weekly rep report, monthly manager report and quarterly pack (POLICY.md 4.3)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, cast

from salescli.api.base import PeriodArg, Result, Today, computing, named, period_of
from salescli.i18n import Msg, _
from salescli.i18n import render as render_message

if TYPE_CHECKING:
    import pandas as pd

    from salescli.config import Policy
    from salescli.data.workspace import Workspace
    from salescli.labels import Kind
    from salescli.output import Output
    from salescli.periods import Period
    from salescli.rules.books import Books
    from salescli.rules.reports import Section


def report_title(period: Period) -> Msg:
    """The title of a month's, a week's or a quarter's report."""
    if period.kind == "week":
        return _("Weekly sales report {period}", period=period.label)
    if period.kind == "quarter":
        return _("Quarterly sales analysis {period}", period=period.label)
    return _("Monthly sales report {period}", period=period.label)


# the long lists a printed report shortens to their `report.printed_rows` most urgent rows, by
# this column (every row in xlsx/csv/markdown); contributions keep each dimension's largest
# changes and sum the rest; the per-rep follow-up tables name their reps with nothing to show
PRINTED = {
    "at_risk": "days_since",
    "overdue_follow_ups": "days_overdue",
    "late_orders": "days_late",
    "open_feedback": "days_open",
    "pending_changes": "days_waiting",
    "key_opportunities": "expected_amount",
    "new_opportunities": "expected_amount",
    "contributions": "change_amount",
}
PRINTED_GROUPS = {"contributions": "dimension"}
PRINTED_ZERO = ("feedback", "order_changes")


def report(
    workspace: Workspace,
    *,
    month: PeriodArg = None,
    week: PeriodArg = None,
    quarter: PeriodArg = None,
    rep: list[str] | None = None,
    lang: str = "en",
    template_dir: Path | None = None,
    today: Today = None,
) -> Result:
    """The monthly manager report, a rep's weekly report or the quarterly pack.

    Month: summary with period-over-period (环比) and year-over-year (同比) changes, sales by
    region, category, customer group and rep, customers, pipeline and key opportunities,
    delivery, market, customer feedback follow-up and order changes. Week: per rep, orders
    against the month's target, visits against the plan, follow-ups, open customer feedback;
    the week against the previous ISO week and the same week last year (`summary`) and what
    changed its amount (`contributions`), both over `rep`'s order lines when given.
    Quarter: the monthly sections at quarter scale, class movements and the appraisal.
    `rep` keeps those reps' rows of the sections that have a rep column; `lang` and
    `template_dir` are the highlights' language and templates.

    >>> report(Workspace("examples/demo"), week="2024-W19")["by_rep"]  # doctest: +SKIP
    """
    from salescli.api.inputs import load_books
    from salescli.rules import reports as rules
    from salescli.rules.appraisal import ratio_limits, unassigned_note

    period = period_of(
        workspace, ("month", "week", "quarter"), today, month=month, week=week, quarter=quarter
    )
    policy = workspace.policy
    with computing(workspace) as warnings:
        if period.kind != "week":
            _market_reach(workspace, period)
        data = rules.with_dimensions(
            load_books(workspace, rules.ORDER_COLUMNS, period),
            workspace.table("customers", required=False),
        )
        _attach_duties(workspace, data, period)
        if period.kind != "week":
            _empty_comparisons(workspace, period, rules.ORDER_COLUMNS)
        note = rules.missing_targets_note(data.targets, period)
        if note:
            workspace.warn(note, loud=True)
        classified = _classified(workspace, period) if period.kind == "quarter" else None
        classes, class_source = _classes(workspace, period, classified)
        if period.kind == "week":
            sections = rules.weekly_report(
                data,
                period,
                policy,
                classes,
                workspace.table("visits", required=False),
                workspace.calendar,
                policy.visits,
            )
        else:
            sections = rules.period_report(
                data,
                period,
                policy,
                classes,
                workspace.table("market", required=False),
                class_source,
            )
        if classified is not None:
            sections += rules.quarter_extras(data, period, policy, classified, class_source)
        if period.kind != "week":
            sections.insert(1, rules.contribution_section(data, period))
        else:  # after the week table: its summary and contributions (of `rep`'s lines)
            sections[1:1] = rules.week_comparison(data, period, rep or None)
        _sales_without_target(workspace, sections, period)
        note = unassigned_note(data, period)
        if note:
            workspace.warn(note)
        if rep:
            sections = [rules.only_reps(s, rep) for s in sections]
        # after the first table (pipes and scripts keep reading summary / week first); the
        # HTML page opens with it
        sections.insert(1, _highlights(sections, period, policy, lang, template_dir))
        sections = rules.say_why_empty(sections, period, policy)
        out = _output(sections, period, policy.goals.attainment, policy.report.printed_rows)
        for table in out.tables:  # an attainment by the bonus floor reads on its side of it
            table.limits = ratio_limits(policy)
    return Result(named(out, workspace), warnings)


def _sales_without_target(workspace: Workspace, sections: list[Section], period: Period) -> None:
    """A rep who sold and has no target leaves the sales in the company's attainment and the
    target out of it: said as the appraisal says it (a week: of the month to date). Not when
    no rep has a target (the attainment is empty, and said so), nor for the sales nobody owns
    (their own warning says them)."""
    from salescli.api.inputs import warn_sales_without_target
    from salescli.periods import month
    from salescli.rules.process import UNASSIGNED

    by_rep = next((s.frame for s in sections if s.name == "by_rep"), None)
    if by_rep is None:
        return
    if period.kind == "week":
        thursday = period.start + timedelta(days=3)  # the week's month, as the report's
        by_rep = by_rep.drop(columns=["amount", "target"], errors="ignore").rename(
            columns={"month_to_date": "amount", "month_target": "target"}
        )
        period = month(thursday.year, thursday.month)
    if "target" not in by_rep or by_rep["target"].isna().all():
        return
    warn_sales_without_target(workspace, by_rep[by_rep["rep"] != UNASSIGNED], period)


def _empty_comparisons(workspace: Workspace, period: Period, columns: list[str]) -> None:
    """The previous period and the same one a year earlier are the report's comparisons: a
    month of theirs with no order line, inside the days the orders cover (an export left
    out), would be compared as a month of no sales. (A source's orders are fetched for a
    window, whose bounds are not the source's: not checked here.)"""
    from salescli.rules import coverage

    if workspace.spec("orders").source and "orders" not in workspace.overrides:
        return
    orders = workspace.table("orders", columns=columns)  # every line, cancelled ones too
    covered = coverage.coverage(orders)
    for compared in (period.previous(), period.same_last_year()):
        empty = coverage.empty_months(orders, compared, covered)
        if empty:
            workspace.warn(coverage.empty_months_message("orders", covered, empty), loud=True)


def _market_reach(workspace: Workspace, period: Period) -> None:
    """Our amount in the market period the report compares with (`market_period`: its own,
    else the latest ended by its last day, which may be years before it) sums every line of
    that period: orders read from a source are fetched whole from its first day."""
    from salescli.data.sources import reach_back
    from salescli.errors import SalescliError
    from salescli.rules.reports import market_period

    if not workspace.spec("orders").source:
        return
    loaded = workspace.read("market")  # its problems are said where the report reads it
    if loaded is None or "period" not in loaded.frame:
        return
    market = loaded.frame
    try:
        span = market_period(market["period"].dropna().astype(str).unique(), period)
    except SalescliError:  # refused where the report reads the market table
        return
    if span is not None:
        reach_back(workspace, span.start)


def _attach_duties(workspace: Workspace, data: Books, period: Period) -> None:
    """Feedback (2.2.4) and order changes (4.2.5), when the workspace has them; a row the
    rules cannot place in a period (resolved before received…) stops the report (exit 65)."""
    from salescli.rules import feedback, order_changes, report_duties
    from salescli.rules.reports import ORDER_COLUMNS

    found = {}
    for name in ("feedback", "order_changes"):
        if workspace.read(name) is not None:
            found[name] = workspace.table(name)
    if "feedback" in found:
        report_duties.refuse_errors(feedback.feedback_problems(found["feedback"]), "feedback")
    all_orders = None
    if "order_changes" in found:
        all_orders = workspace.table("orders", columns=ORDER_COLUMNS)
        problems = order_changes.order_change_problems(found["order_changes"], None)
        report_duties.refuse_errors(problems, "order_changes")
    feedback_table, changes = found.get("feedback"), found.get("order_changes")
    report_duties.attach(data, feedback_table, changes, all_orders, period.end)


def _classified(workspace: Workspace, period: Period) -> pd.DataFrame:
    """The quarterly pack's classification of its quarter (POLICY 2.1: classes are re-evaluated
    every quarter): every class figure of the pack uses it, none the customer file's."""
    from salescli.api.inputs import classify_customers

    return classify_customers(workspace, period, workspace.policy.classify.method)


def _classes(
    workspace: Workspace, period: Period, classified: pd.DataFrame | None
) -> tuple[pd.DataFrame | None, Msg | str]:
    """The classes the report's class figures use, and where they come from (said in the
    sections' notes): the pack's own classification for a quarter; for a month or week the
    customer file's class column, else the classification of the last complete quarter."""
    from salescli.api.inputs import customer_classes
    from salescli.errors import NotCoveredError
    from salescli.periods import month
    from salescli.rules.customers import last_complete_quarter
    from salescli.rules.reports import filed_class_source, pack_classes

    if classified is not None:
        return pack_classes(classified, period, workspace.policy)
    if workspace.read("customers") is None:
        workspace.warn(
            _("no customers table: at-risk customers and classes are left out"), loud=True
        )
        return None, ""
    first_month = month(period.start.year, period.start.month)
    filed = workspace.table("customers")
    assert filed is not None  # read above
    quarter = last_complete_quarter(first_month)
    source = filed_class_source(filed, quarter, workspace.policy.classify.method)
    try:
        return customer_classes(workspace, first_month, None), source
    except NotCoveredError as exc:  # the classes would come from a quarter with no orders
        workspace.warn(
            _(
                "customers without a class cannot be classified ({why}): at-risk customers and "
                "classes are left out",
                why=exc.message,
            ),
            loud=True,
        )
        return None, ""


def _highlights(
    sections: list[Section], period: Period, policy: Policy, lang: str, template_dir: Path | None
) -> Section:
    """The analysis in words (4.3.4): one sentence per fact, each from a table of the report,
    in `lang` from templates/highlights.txt.j2 (or `template_dir`'s)."""
    from salescli.output.html import render
    from salescli.rules import highlights
    from salescli.rules.appraisal import attainment_limits
    from salescli.rules.reports import highlights_section

    tables = {s.name: s.frame for s in sections}
    headings = {s.name: render_message(s.title, lang) for s in sections}
    facts = highlights.report_facts(tables, period.kind == "week", policy.report.low_attainment)
    rows = []
    for fact in facts:
        if "attainment" in fact.values:  # said on its side of the floor, as the reps' below it
            fact.values["limits"] = attainment_limits(policy)
        sentence = render("highlights.txt.j2", template_dir, fact=fact, lang=lang).strip()
        if sentence:
            rows.append((sentence, headings.get(fact.source, fact.source)))
    return highlights_section(rows, period)


def _output(
    sections: list[Section], period: Period, attainment_goal: float = 1.0, printed_rows: int = 10
) -> Output:
    """The report's tables with their titles, notes, kinds and print lengths, and its charts."""
    from salescli.output import Chart, Output, Table
    from salescli.rules.report_duties import duty_row_kinds

    tables = [
        Table(
            s.name,
            s.frame.reset_index(drop=True),
            s.title,
            list(s.notes),
            kinds=cast("dict[str, Kind]", dict(s.kinds)),
            row_key="figure" if "figure" in s.frame else None,
            row_kinds=duty_row_kinds(s.frame),
            print_rows=printed_rows if s.name in PRINTED else None,
            print_sort=PRINTED.get(s.name),
            print_group=PRINTED_GROUPS.get(s.name),
            print_zero=s.name in PRINTED_ZERO,
        )
        for s in sections
    ]
    names = {s.name for s in sections}
    charts = []
    if "by_region" in names:
        charts.append(
            Chart(
                "bar",
                _("Amount by region, against last year"),
                "by_region",
                "region",
                ["amount", "amount_last_year"],
                sort=True,
            )
        )
    if "trend" in names:
        charts.append(
            Chart(
                "line",
                _("Monthly amount and target"),
                "trend",
                "month",
                ["amount", "target"],
                target="target",
            )
        )
    if "by_rep" in names and period.kind != "week":  # a week's by_rep has no attainment
        charts.append(
            Chart(
                "bar",
                _("Attainment by rep"),
                "by_rep",
                "rep",
                ["attainment"],
                percent=True,
                sort=True,
                target_value=attainment_goal,
            )
        )
    return Output(
        report_title(period),
        tables,
        charts,
        period=period,
        command="report",
    )
