"""`salescli report`: the weekly rep report, monthly manager report and quarterly pack (4.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from salescli.commands.common import emit, open_workspace, reading
from salescli.options import (
    FormatOpt,
    InputOpt,
    MonthOpt,
    OutputOpt,
    QuarterOpt,
    RepOpt,
    SectionOpt,
    WeekOpt,
    one_period,
)

if TYPE_CHECKING:
    from salescli.output import Output
    from salescli.periods import Period
    from salescli.rules.reports import Section

TITLES = {
    "month": ("Monthly sales report", "销售月报"),
    "week": ("Weekly sales report", "销售周报"),
    "quarter": ("Quarterly sales analysis", "季度销售分析"),
}


def report(
    ctx: typer.Context,
    month: MonthOpt = None,
    week: WeekOpt = None,
    quarter: QuarterOpt = None,
    rep: RepOpt = None,
    inputs: InputOpt = None,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    section: SectionOpt = None,
) -> None:
    """Write the monthly manager report, a rep's weekly report or the quarterly pack.

    Month: summary with period-over-period (环比) and year-over-year (同比) changes, sales by
    region, category, customer group and rep, customers, pipeline, delivery and market.
    Week: per rep, orders against the month's target, visits against the plan, follow-ups.
    Quarter: the monthly sections at quarter scale, class movements and the appraisal.
    -o report.xlsx adds native charts; -o report.html is one self-contained page.

    Example: salescli -w examples/demo report --month 2024-05 -o report.html
    """
    from salescli.commands.appraise import load_books
    from salescli.rules import reports as rules

    period = one_period(("month", "week", "quarter"), month=month, week=week, quarter=quarter)
    workspace = open_workspace(ctx, inputs)
    policy = workspace.policy
    with reading(ctx, "Reading the exports…"):
        data = rules.with_dimensions(
            load_books(workspace, rules.ORDER_COLUMNS),
            workspace.table("customers", required=False),
        )
        classes = _classes(workspace, period)
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
                data, period, policy, classes, workspace.table("market", required=False)
            )
        if period.kind == "quarter":
            sections += _quarter_extras(workspace, data, period)
    if rep:
        sections = [_only_reps(s, rep) for s in sections]
    emit(ctx, workspace, _output(sections, period), output, fmt, section)


def _classes(workspace, period: Period):
    from salescli.commands.classify import customer_classes
    from salescli.periods import month

    if workspace.read("customers") is None:
        workspace.warn("no customers table: at-risk customers and classes are left out")
        return None
    first_month = month(period.start.year, period.start.month)
    return customer_classes(workspace, first_month, None)


def _quarter_extras(workspace, data, period: Period) -> list[Section]:
    from salescli.commands.classify import classify_customers
    from salescli.rules import appraisal
    from salescli.rules import customers as customer_rules
    from salescli.rules.reports import Section

    classified = classify_customers(workspace, period, workspace.policy.classify.method)
    reps = appraisal.appraised_reps(data, period)
    table, _ = appraisal.appraise(data, period, workspace.policy, reps)
    keep = [
        "rep",
        "amount",
        "target",
        "attainment",
        "performance_score",
        "customer_score",
        "process_score",
        "final_score",
        "grade",
        "honours",
    ]
    return [
        Section(
            "class_moves",
            customer_rules.move_matrix(classified),
            "Class movements (previous class → class)",
            "客户分类变动",
        ),
        Section(
            "class_summary",
            customer_rules.class_summary(classified),
            "Customers by class",
            "各类客户",
        ),
        Section("appraisal", table[keep], f"Appraisal {period.label}", f"{period.label} 考核汇总"),
    ]


def _only_reps(section: Section, reps: list[str]) -> Section:
    from dataclasses import replace

    if "rep" not in section.frame:
        return section
    return replace(section, frame=section.frame[section.frame["rep"].isin(reps)])


def _output(sections: list[Section], period: Period) -> Output:
    from salescli.output import Chart, Output, Table

    title, title_zh = TITLES[period.kind]
    tables = [
        Table(s.name, s.frame.reset_index(drop=True), s.title, s.title_zh, list(s.notes))
        for s in sections
    ]
    names = {s.name for s in sections}
    charts = []
    if "by_region" in names:
        charts.append(
            Chart(
                "bar",
                "Amount by region, against last year",
                "by_region",
                "region",
                ["amount", "amount_last_year"],
                "各区域销售额（与去年同期）",
            )
        )
    if "trend" in names:
        charts.append(
            Chart(
                "line",
                "Monthly amount and target",
                "trend",
                "month",
                ["amount", "target"],
                "月度销售额与目标",
            )
        )
    if "by_rep" in names:
        charts.append(
            Chart(
                "bar",
                "Attainment by rep",
                "by_rep",
                "rep",
                ["attainment"],
                "各销售代表目标达成率",
                percent=True,
            )
        )
    return Output(
        f"{title} {period.label}",
        tables,
        charts,
        f"{period.label} {title_zh}",
        period=period,
        command="report",
    )


def register(app: typer.Typer) -> None:
    app.command("report")(report)
