"""`salescli report`: the weekly rep report, monthly manager report and quarterly pack (4.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from salescli.commands.common import emit, open_workspace, reading, state_of
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

# the long lists a printed report shortens to their most urgent rows (all rows in xlsx/csv)
PRINTED = {
    "at_risk": (30, "days_since"),
    "overdue_follow_ups": (30, "days_overdue"),
    "late_orders": (30, "days_late"),
    "open_feedback": (30, "days_open"),
    "pending_changes": (30, "days_waiting"),
    "key_opportunities": (30, "expected_amount"),
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
    region, category, customer group and rep, customers, pipeline and key opportunities,
    delivery, market, customer feedback follow-up and order changes.
    Week: per rep, orders against the month's target, visits against the plan, follow-ups,
    open customer feedback.
    Quarter: the monthly sections at quarter scale, class movements and the appraisal.
    -o report.xlsx adds native charts; -o report.html is one self-contained page.

    Example: salescli -w examples/demo report --month 2024-05 -o report.html
    """
    from salescli.api.inputs import load_books
    from salescli.rules import reports as rules

    period = one_period(("month", "week", "quarter"), month=month, week=week, quarter=quarter)
    workspace = open_workspace(ctx, inputs)
    policy = workspace.policy
    with reading(ctx, "Reading the exports…"):
        data = rules.with_dimensions(
            load_books(workspace, rules.ORDER_COLUMNS, period),
            workspace.table("customers", required=False),
        )
        _attach_duties(workspace, data)
        _warn_without_targets(workspace, data.targets, period)
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
            sections += _quarter_extras(workspace, data, period, classified, class_source)
        if period.kind != "week":
            sections.insert(1, _contributions(data, period))
    from salescli.rules.appraisal import unassigned_note

    note = unassigned_note(data, period)
    if note:
        workspace.warn(note)
    if rep:
        sections = [_only_reps(s, rep) for s in sections]
    state = state_of(ctx)
    # after the first table (pipes and scripts keep reading summary / week first); the HTML
    # page opens with it
    sections.insert(1, _highlights(sections, period, policy, state.lang, state.template_dir))
    emit(ctx, workspace, _output(sections, period, policy.goals.attainment), output, fmt, section)


def _attach_duties(workspace, data) -> None:
    """Feedback (2.2.4) and order changes (4.2.5), when the workspace has them; a row the
    rules cannot place in a period (resolved before received…) stops the report (exit 65)."""
    from salescli.rules import feedback, order_changes, report_duties
    from salescli.rules.reports import ORDER_COLUMNS

    found = {}
    for name in ("feedback", "order_changes"):
        if workspace.read(name) is not None:
            found[name] = workspace.table(name)
    if "feedback" in found:
        _refuse_errors(feedback.feedback_problems(found["feedback"]), "feedback")
    all_orders = None
    if "order_changes" in found:
        all_orders = workspace.table("orders", columns=ORDER_COLUMNS)
        problems = order_changes.order_change_problems(found["order_changes"], None)
        _refuse_errors(problems, "order_changes")
    report_duties.attach(data, found.get("feedback"), found.get("order_changes"), all_orders)


def _refuse_errors(problems, table: str) -> None:
    from salescli.errors import BadDataError

    errors = problems[problems["severity"] == "error"]
    if not len(errors):
        return
    first = errors.iloc[0]
    more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
    raise BadDataError(
        f"{table}: {first['problem']}{more}",
        file=first["file"],
        sheet=first["sheet"] or None,
        row=int(first["row"]),
        column=first["column"],
        value=first["value"],
        hint=f"{first['hint']}; `salescli check --table {table}` lists every problem",
    )


def _warn_without_targets(workspace, targets, period: Period) -> None:
    from salescli.rules import coverage

    if targets is None or period.kind == "week":
        return
    if coverage.targets_for(targets, period) is None:
        workspace.warn(
            f"no targets for {period}; targets cover {coverage.target_coverage(targets)}: "
            "target and attainment are left empty",
            loud=True,
        )


def _classified(workspace, period: Period):
    """The quarterly pack's classification of its quarter (POLICY 2.1: classes are re-evaluated
    every quarter): every class figure of the pack uses it, none the customer file's."""
    from salescli.commands.classify import classify_customers

    return classify_customers(workspace, period, workspace.policy.classify.method)


def _classes(workspace, period: Period, classified):
    """The classes the report's class figures use, and where they come from (said in the
    sections' notes): the pack's own classification for a quarter; for a month or week the
    customer file's class column, else the classification of the last complete quarter."""
    from salescli.commands.classify import customer_classes
    from salescli.errors import NotCoveredError
    from salescli.periods import month
    from salescli.rules.customers import classification_window, last_complete_quarter

    settings = workspace.policy.classify
    if classified is not None:
        window = classification_window(period, settings.window_quarters)
        source = (
            f"classified for {period.label} ({settings.method}, orders "
            f"{window.start}..{window.end}), the same classes as class_summary and class_moves"
        )
        keep = ["customer_id", "customer_name", "rep", "class"]
        return classified[[c for c in keep if c in classified]].copy(), source
    if workspace.read("customers") is None:
        workspace.warn("no customers table: at-risk customers and classes are left out")
        return None, ""
    first_month = month(period.start.year, period.start.month)
    filed = workspace.table("customers")
    given = filed["class"].notna() if "class" in filed else None
    quarter = last_complete_quarter(first_month)
    if given is not None and given.all():
        source = "the customer file's class column"
    elif given is not None and given.any():
        source = f"the customer file's class column, the rest classified for {quarter.label}"
    else:
        source = f"classified for {quarter.label} ({settings.method}): no classes in the file"
    try:
        return customer_classes(workspace, first_month, None), source
    except NotCoveredError as exc:  # the classes would come from a quarter with no orders
        workspace.warn(
            f"customers without a class cannot be classified ({exc.message}): "
            "at-risk customers and classes are left out",
            loud=True,
        )
        return None, ""


def _contributions(data, period: Period) -> Section:
    from salescli.rules import highlights, process
    from salescli.rules.reports import Section

    frame = highlights.contribution_table(
        process.in_period(data.orders, "order_date", period),
        process.in_period(data.orders, "order_date", period.previous()),
        ["region", "category", "rep"],
    )
    return Section(
        "contributions",
        frame,
        f"What changed the amount against {period.previous().label}",
        f"销售额环比变动的来源（与 {period.previous().label} 相比）",
        (
            "each region, category and rep's part of the change in amount, largest first; "
            "the parts of each dimension add up to the whole change",
        ),
    )


def _highlights(sections, period: Period, policy, lang: str, template_dir) -> Section:
    """The analysis in words (4.3.4): one sentence per fact, each from a table of the report."""
    import pandas as pd

    from salescli.output.html import render
    from salescli.rules import highlights
    from salescli.rules.reports import Section

    tables = {s.name: s.frame for s in sections}
    headings = {s.name: (s.title_zh if lang == "zh" else s.title) for s in sections}
    floor = policy.report.low_attainment
    facts = (
        highlights.week_facts(tables, floor)
        if period.kind == "week"
        else highlights.period_facts(tables, floor)
    )
    rows = []
    for fact in facts:
        sentence = render("highlights.txt.j2", template_dir, fact=fact, lang=lang).strip()
        if sentence:
            rows.append((sentence, headings.get(fact.source, fact.source)))
    return Section(
        "highlights",
        pd.DataFrame(rows, columns=["highlight", "source"], dtype="string"),
        f"Highlights {period.label}",
        f"{period.label} 分析要点",
    )


def _quarter_extras(
    workspace, data, period: Period, classified, class_source: str
) -> list[Section]:
    from salescli.rules import appraisal
    from salescli.rules import customers as customer_rules
    from salescli.rules.reports import Section

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
            (f"classes: {class_source}; previous: the customer file's class column",),
            kinds=dict.fromkeys(customer_rules.CLASS_ORDER, "count"),
        ),
        Section(
            "class_summary",
            customer_rules.class_summary(classified),
            "Customers by class",
            "各类客户",
            (f"classes: {class_source}; amount over the classification window",),
        ),
        Section("appraisal", table[keep], f"Appraisal {period.label}", f"{period.label} 考核汇总"),
    ]


def _only_reps(section: Section, reps: list[str]) -> Section:
    from dataclasses import replace

    if "rep" not in section.frame:
        return section
    return replace(section, frame=section.frame[section.frame["rep"].isin(reps)])


def _duty_row_kinds(frame) -> dict:
    """The kinds of the summary's company rows of the duties (feedback_received,
    order_changes_amount_effect…): the kind of the figure after its prefix."""
    from salescli.labels import declared_kind

    kinds = {}
    for figure in frame["figure"].astype(str) if "figure" in frame else ():
        for prefix in ("feedback_", "order_changes_"):
            kind = declared_kind(figure.removeprefix(prefix))
            if figure.startswith(prefix) and kind is not None:
                kinds[figure] = kind
    return kinds


def _output(sections: list[Section], period: Period, attainment_goal: float = 1.0) -> Output:
    from salescli.output import Chart, Output, Table

    title, title_zh = TITLES[period.kind]
    tables = [
        Table(
            s.name,
            s.frame.reset_index(drop=True),
            s.title,
            s.title_zh,
            list(s.notes),
            kinds=dict(s.kinds),
            row_key="figure" if "figure" in s.frame else None,
            row_kinds=_duty_row_kinds(s.frame),
            print_rows=PRINTED.get(s.name, (None, None))[0],
            print_sort=PRINTED.get(s.name, (None, None))[1],
        )
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
                sort=True,
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
                target="target",
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
                sort=True,
                target_value=attainment_goal,
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
