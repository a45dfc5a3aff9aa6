"""The column catalogue: every column (and every figure a row names) salescli writes, declared
once, with its type, kind, rounding, labels and meaning.

A column is declared here by the chapter of the policy whose rules make it (ch. 2 customers,
ch. 3 targets, ch. 4 the sales process and reports, ch. 5 the appraisal). Everything else reads
this one declaration: the writers (types and rounding of CSV, JSON, JSONL, Parquet and the
databases; kinds and labels of xlsx, html, Markdown and the terminal), `salescli schema` and
docs/schema.md, `salescli.labels`, and the rules that round what they publish. A name nobody
declared stops the output (`UndeclaredColumn`) instead of being guessed from its suffix.

One module, in sections by chapter, rather than a list in each rule module: most columns
(rep, amount, target, attainment…) are made by several chapters' rules, and the labels read
the catalogue from everywhere (salescli.errors among them), so the
catalogue imports nothing of salescli's: a rule module imports the configuration, which
imports the errors, and a catalogue spread over the rules would close an import cycle
(tests/test_imports.py). The rules name their tables' columns (customers.PLAN_COLUMNS,
feedback.OPEN_COLUMNS…) and output/tables.py reads those lists; each name in them is
declared here. A derived column (amount_prev, amount_yoy…) is declared from its base column
by `compared`; the appraisal's figures take their meaning from the rule (`BY_APPRAISAL`).

Fields: `type` is the machine type (`text`, `date`, `integer`, `boolean`, `money`, `number`);
`kind` how people's outputs format it (see salescli/output/model.py); `decimals` the places a
number is rounded to in machine formats and databases (None: not rounded); `words`: the
values are salescli's own vocabulary (outcomes, moves, severities, yes/no, or canonical names:
a figure, an indicator, a table, a column), which people's outputs say in their language
(salescli.output.cells: a word through the gettext catalogue, a name by its label); every
other text column holds data (a rep, a customer, a product), never translated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, get_args

Type = Literal["text", "date", "integer", "boolean", "money", "number"]
# how a figure is formatted (see salescli/output/model.py): "score" is a 0-1 index (a
# classification score), "points" a score on a 0-100 scale (an appraisal score, 0-120 with
# the cap; a satisfaction), "pp" a change of a ratio in percentage points
Figure = Literal["money", "count", "quantity", "decimal", "ratio", "score", "points", "pp"]
# how a column is formatted: a figure (right-aligned, a number format), or a date, text, an id;
# "row": each row says its own
Kind = Literal[Figure, "date", "text", "id", "row"]
FIGURES: tuple[Figure, ...] = get_args(Figure)


class UndeclaredColumn(KeyError):
    """An output column (or a row's figure) that no rule declared in this catalogue."""

    def __str__(self) -> str:
        return f"column {self.args[0]!r} is not declared: declare it in salescli/rules/columns.py"


class DuplicateColumn(ValueError):
    """A column declared twice."""


@dataclass(frozen=True)
class Column:
    name: str
    type: Type
    kind: Kind
    decimals: int | None
    label_en: str
    label_zh: str
    meaning: str
    words: bool = False
    # an appraisal score (of an indicator, a group, a quarter, the final one): left empty
    # where nobody is appraised (salescli.rules.appraisal.not_appraised)
    score: bool = False

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


CATALOGUE: dict[str, Column] = {}


def declare(*columns: Column) -> None:
    """Add columns to the catalogue; a name declared twice is an error."""
    for column in columns:
        if column.name in CATALOGUE:
            raise DuplicateColumn(f"column {column.name!r} is declared twice")
        CATALOGUE[column.name] = column


def column(name: str) -> Column:
    """The declaration of a column; `UndeclaredColumn` when no rule declared it."""
    try:
        return CATALOGUE[name]
    except KeyError:
        raise UndeclaredColumn(name) from None


def declared(name: str) -> bool:
    return name in CATALOGUE


def is_score(name: str) -> bool:
    """Whether a column (or a figure a row names) is an appraisal score, as declared."""
    found = CATALOGUE.get(name)
    return found is not None and found.score


def compared(name: str) -> list[Column]:
    """A measure's comparison columns, from its declaration: <m>_prev and <m>_last_year (the
    measure in the previous period and a year earlier) and their relative changes <m>_mom
    and <m>_yoy."""
    base = column(name)
    en, zh = base.label_en, base.label_zh
    ratio = dict(type="number", kind="ratio", decimals=6)
    return [
        replace(
            base,
            name=f"{name}_prev",
            label_en=f"{en}, previous period",
            label_zh=f"{zh}上期",
            meaning=f"{name} in the previous period (环比).",
        ),
        replace(
            base,
            name=f"{name}_mom",
            label_en=f"{en} change",
            label_zh=f"{zh}环比",
            meaning=f"{name} / {name}_prev - 1.",
            **ratio,  # type: ignore[arg-type]
        ),
        replace(
            base,
            name=f"{name}_last_year",
            label_en=f"{en}, last year",
            label_zh=f"{zh}去年同期",
            meaning=f"{name} in the same period last year.",
        ),
        replace(
            base,
            name=f"{name}_yoy",
            label_en=f"{en} change on last year",
            label_zh=f"{zh}同比",
            meaning=f"{name} / {name}_last_year - 1 (同比).",
            **ratio,  # type: ignore[arg-type]
        ),
    ]


# the appraisal's figures mean what the rules that compute them say, with the default policy's
# numbers (salescli.rules.appraisal.definitions; `salescli.output.tables.meaning` reads it): the
# catalogue never restates a formula of its own, and imports no rule (the labels read it)
BY_APPRAISAL = "(as salescli.rules.appraisal.definitions says)"
PERIOD_MEANING = "The period of the run: 2024-05 (month), 2024Q2, 2024-W19 (ISO week) or 2024."
# the places a machine format rounds a number to when its column is named by the data (a
# pivot's months, a competitor's amount): a declared column says its own `decimals`
DECIMALS: dict[str, int] = {"money": 2, "number": 6}
# the market table's columns per competitor, named by the data: <competitor>_amount, _share
PER_COMPETITOR: dict[str, tuple[str, str]] = {
    "amount": ("{} amount", "{} 销售额"),
    "share": ("{} share", "{} 份额"),
}

# --- columns several chapters' tables share -----------------------------------------------
declare(
    Column(
        "A",
        "integer",
        "count",
        None,
        "A",
        "A",
        "A: how many customers went from the class of the row to class A.",
    ),
    Column(
        "B",
        "integer",
        "count",
        None,
        "B",
        "B",
        "B: how many customers went from the class of the row to class B.",
    ),
    Column(
        "C",
        "integer",
        "count",
        None,
        "C",
        "C",
        "C: how many customers went from the class of the row to class C.",
    ),
    Column(
        "amount",
        "money",
        "money",
        2,
        "Amount",
        "销售额",
        "Sales amount in yuan, cancelled orders excluded.",
    ),
    Column(
        "amount_share", "number", "ratio", 6, "Amount share", "销售额占比", "Share of the amount."
    ),
    Column("attainment", "number", "ratio", 6, "Attainment", "目标达成率", BY_APPRAISAL),
    Column("category", "text", "text", None, "Category", "产品类别", "Product category."),
    Column("class", "text", "text", None, "Class", "分类", "Customer class A, B or C."),
    Column(
        "conversion_rate",
        "number",
        "ratio",
        6,
        "Conversion rate",
        "商机转化率",
        BY_APPRAISAL,
    ),
    Column(
        "customer_group",
        "text",
        "text",
        None,
        "Customer group",
        "客户群体",
        "Customer group (industry or channel).",
    ),
    Column("customer_id", "text", "text", None, "Customer ID", "客户编号", "Customer code."),
    Column("customer_name", "text", "text", None, "Customer", "客户名称", "Customer name."),
    Column(
        "customer_score",
        "number",
        "points",
        2,
        "Customer management score",
        "客户管理得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "customer_share",
        "number",
        "ratio",
        6,
        "Customer management share",
        "客户数占比",
        "Share of the customers.",
    ),
    Column("customers", "integer", "count", None, "Customers", "客户数", "Number of customers."),
    Column(
        "figure", "text", "text", None, "Figure", "数据项", "The figure of the row.", words=True
    ),
    Column(
        "final_score", "number", "points", 2, "Final score", "综合得分", BY_APPRAISAL, score=True
    ),
    Column(
        "from",
        "text",
        "text",
        None,
        "From class",
        "原分类",
        "The class moved from (rows of the movement matrix).",
        words=True,
    ),
    Column("grade", "text", "text", None, "Grade", "等级", BY_APPRAISAL),
    Column("honours", "text", "text", None, "Honours", "荣誉", BY_APPRAISAL, words=True),
    Column(
        "on_time_rate",
        "number",
        "ratio",
        6,
        "On-time delivery rate",
        "按时交货率",
        BY_APPRAISAL,
    ),
    Column(
        "performance_score",
        "number",
        "points",
        2,
        "Sales performance score",
        "业绩得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "process_score",
        "number",
        "points",
        2,
        "Sales process score",
        "销售过程得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "profit",
        "money",
        "money",
        2,
        "Profit",
        "利润",
        "Gross profit in yuan (amount - cost where no profit is given).",
    ),
    Column("quantity", "number", "quantity", 6, "Quantity", "销量", "Quantity sold."),
    Column(
        "reason", "text", "text", None, "Reason", "原因", "Why the visit could not be scheduled."
    ),
    Column("region", "text", "text", None, "Region", "区域", "Sales region."),
    Column("rep", "text", "text", None, "Rep", "销售代表", "Sales rep (销售代表)."),
    Column("satisfaction", "number", "points", 4, "Satisfaction", "客户满意度", BY_APPRAISAL),
    Column("target", "money", "money", 2, "Target", "目标", "Sales target in yuan."),
    Column(
        "visits",
        "integer",
        "count",
        None,
        "Visits",
        "拜访次数",
        "Visits recorded in the period (the week in the weekly report).",
    ),
)
declare(*compared("amount"), *compared("quantity"), *compared("profit"))

# --- chapter 2, customers: classification (2.1), visit plans and audits (2.2, 2.3) --------
declare(
    Column("_file", "text", "text", None, "File", "文件", "The input file of the row."),
    Column("_row", "integer", "id", None, "Row", "行号", "The row number in that file."),
    Column(
        "complete_records",
        "integer",
        "count",
        None,
        "Complete records",
        "完整记录数",
        "Visits whose record has purpose, summary and next step.",
    ),
    Column("compliance", "number", "ratio", 6, "Compliance", "执行率", "done / required."),
    Column("date", "date", "date", None, "Date", "日期", "Planned visit day."),
    Column(
        "done",
        "integer",
        "count",
        None,
        "Done",
        "已访次数",
        "Required windows with at least one visit.",
    ),
    Column("file", "text", "text", None, "File", "文件", "The input file of the row."),
    Column(
        "frequency",
        "integer",
        "count",
        None,
        "Frequency",
        "购买频次",
        "Distinct orders in the classification window.",
    ),
    Column("missed", "text", "count", None, "Missed", "未访周期", "The windows without a visit."),
    Column(
        "missing_fields",
        "text",
        "text",
        None,
        "Missing fields",
        "缺少内容",
        "The record fields the visit lacks, comma separated.",
        words=True,
    ),
    Column(
        "move",
        "text",
        "text",
        None,
        "Move",
        "变动",
        "up, down, same or new, against the previous class.",
        words=True,
    ),
    Column("next_step", "text", "text", None, "Next step", "下一步", "The next step agreed."),
    Column(
        "not_in_customer_file",
        "boolean",
        "text",
        None,
        "Not in the customer file",
        "不在客户档案",
        "The customer appears in the orders only.",
        words=True,
    ),
    Column(
        "owner",
        "text",
        "text",
        None,
        "Owner",
        "负责销售代表",
        "The rep who owns the customer in the customer file.",
    ),
    Column(
        "potential",
        "money",
        "money",
        2,
        "Potential",
        "潜在价值",
        "Potential value of the customer (yuan).",
    ),
    Column(
        "previous_class",
        "text",
        "text",
        None,
        "Previous class",
        "上期分类",
        "The class before this classification.",
    ),
    Column("purpose", "text", "text", None, "Purpose", "拜访目的", "The purpose of the visit."),
    Column(
        "record_completeness",
        "number",
        "ratio",
        6,
        "Record completeness",
        "记录完整率",
        "complete_records / visits.",
    ),
    Column(
        "required",
        "integer",
        "count",
        None,
        "Required",
        "应访次数",
        "Visit windows required in the month.",
    ),
    Column("row", "integer", "id", None, "Row", "行", "The row number in that file."),
    Column(
        "score",
        "number",
        "score",
        6,
        "Score",
        "得分",
        "Classification score (weighted percentile ranks, 0-1).",
    ),
    Column("summary", "text", "text", None, "Summary", "拜访内容", "What was discussed."),
    Column("visit_date", "date", "date", None, "Visit date", "拜访日期", "Day of the visit."),
    Column(
        "window",
        "text",
        "text",
        None,
        "Window",
        "拜访周期",
        "The visit window (whole ISO weeks) the visit covers.",
    ),
)

# --- chapter 3, targets: the split, adjustments and their notices -------------------------
declare(
    Column(
        "adjusted_by",
        "text",
        "text",
        None,
        "Adjusted by",
        "调整依据",
        "The adjustment request that changed the target.",
    ),
    Column(
        "basis", "text", "text", None, "Basis", "调整依据", "The evidence given for the request."
    ),
    Column(
        "effective_on",
        "date",
        "date",
        None,
        "Effective on",
        "生效日期",
        "Day the adjustment took effect: as given, else the later approval day.",
    ),
    Column(
        "files",
        "text",
        "text",
        None,
        "Files",
        "文件",
        "The notice files written for the rep, comma separated.",
    ),
    Column(
        "leader_approved",
        "text",
        "text",
        None,
        "Leader approved",
        "领导审批",
        "The leader's approval as written.",
    ),
    Column(
        "manager_approved",
        "text",
        "text",
        None,
        "Manager approved",
        "经理审核",
        "The sales manager's approval as written.",
    ),
    Column(
        "missing", "text", "text", None, "Missing", "缺少", "What the request lacks.", words=True
    ),
    Column(
        "new_target",
        "money",
        "money",
        2,
        "New target",
        "调整后目标",
        "The target the adjustment request asks for.",
    ),
    Column(
        "original_target",
        "money",
        "money",
        2,
        "Original target",
        "原目标",
        "The target before approved adjustments.",
    ),
    Column("quarter", "text", "text", None, "Quarter", "季度", "Quarter, e.g. 2025Q1."),
    Column(
        "status",
        "text",
        "text",
        None,
        "Status",
        "状态",
        "applied, or why the request was rejected.",
        words=True,
    ),
    Column("year", "integer", "id", None, "Year", "年度", "Calendar year."),
)

# --- chapter 4, the sales process and the reports (4.1-4.3) -------------------------------
declare(
    Column(
        "active_customers",
        "integer",
        "count",
        None,
        "Active customers",
        "活跃客户数",
        "Customers with an order in the period.",
    ),
    Column(
        "amount_effect",
        "money",
        "money",
        2,
        "Amount effect",
        "金额影响",
        "new_amount - old_amount of the changes approved in the period.",
    ),
    Column(
        "approved",
        "integer",
        "count",
        None,
        "Approved",
        "批准数",
        "Changes approved in the period.",
    ),
    Column(
        "average_order_value",
        "money",
        "money",
        2,
        "Average order value",
        "平均订单金额",
        "Amount / orders.",
    ),
    Column(
        "change",
        "number",
        "ratio",
        6,
        "Change",
        "环比",
        "current / previous - 1, for amounts and counts (empty for a ratio).",
    ),
    Column(
        "change_amount",
        "money",
        "money",
        2,
        "Change in amount",
        "变动额",
        "amount - amount_prev: the member's part of the change.",
    ),
    Column("change_id", "text", "text", None, "Change no.", "变更单号", "Order change number."),
    Column(
        "change_pp",
        "number",
        "pp",
        6,
        "Change (pp)",
        "环比（百分点）",
        "current - previous in percentage points, for a ratio (margin, attainment, a rate): "
        "95.5 % after 101.0 % is -5.5.",
    ),
    Column(
        "change_type",
        "text",
        "text",
        None,
        "Change type",
        "变更类型",
        "The kind of change (quantity, price, delivery date, cancel…).",
        words=True,
    ),
    Column("channel", "text", "text", None, "Channel", "渠道", "How the feedback came in."),
    Column(
        "closed_loop_rate",
        "number",
        "ratio",
        6,
        "Closed-loop rate",
        "闭环率",
        "Resolved with the result passed back to the rep / resolved.",
    ),
    Column(
        "competitor",
        "text",
        "text",
        None,
        "Competitor",
        "竞争对手",
        "Competitor name; (us) is the company's own row.",
    ),
    Column("content", "text", "text", None, "Content", "反馈内容", "What the customer said."),
    Column(
        "created_on",
        "date",
        "date",
        None,
        "Created on",
        "建档日期",
        "Day the opportunity was created.",
    ),
    Column("current", "number", "decimal", 6, "This period", "本期", "The figure in the period."),
    Column(
        "days_late",
        "integer",
        "count",
        None,
        "Days late",
        "延迟天数",
        "Days delivered (or, undelivered, the period ended) after due.",
    ),
    Column(
        "days_open",
        "integer",
        "count",
        None,
        "Days open",
        "未办结天数",
        "Days from receipt to the period's end.",
    ),
    Column(
        "days_overdue",
        "integer",
        "count",
        None,
        "Days overdue",
        "逾期天数",
        "Days the follow-up is overdue at the end of the period.",
    ),
    Column(
        "days_since",
        "integer",
        "count",
        None,
        "Days since last order",
        "未下单天数",
        "Days from the last order to the end of the period.",
    ),
    Column(
        "days_waiting",
        "integer",
        "count",
        None,
        "Days waiting",
        "等待天数",
        "Days from the request to the period's end.",
    ),
    Column("definition", "text", "text", None, "Definition", "定义", "How the figure is counted."),
    Column(
        "delivered_on",
        "date",
        "date",
        None,
        "Delivered on",
        "实际交货日期",
        "Day the order was delivered (empty: not yet).",
    ),
    Column(
        "dimension",
        "text",
        "text",
        None,
        "Dimension",
        "维度",
        "What the members are: region, category, rep or customer_name (a rep's week).",
        words=True,
    ),
    Column(
        "due_date",
        "date",
        "date",
        None,
        "Due date",
        "交货日期",
        "Day the order is due (its latest line).",
    ),
    Column(
        "expected_amount",
        "money",
        "money",
        2,
        "Expected amount",
        "预计金额",
        "Expected amount of the opportunities (yuan).",
    ),
    Column("feedback_id", "text", "text", None, "Feedback no.", "反馈编号", "Feedback number."),
    Column(
        "follow_up_overdue",
        "boolean",
        "text",
        None,
        "Follow-up overdue",
        "跟进逾期",
        "The next follow-up is before the period's end (empty: no follow-up day).",
        words=True,
    ),
    Column("handler", "text", "text", None, "Handler", "处理人", "Who handles the feedback."),
    Column(
        "highlight",
        "text",
        "text",
        None,
        "Highlight",
        "要点",
        "One fact of the analysis, in a sentence with its figures.",
    ),
    Column(
        "last_order",
        "date",
        "date",
        None,
        "Last order",
        "最近下单日期",
        "Day of the customer's last order.",
    ),
    Column(
        "last_year",
        "number",
        "decimal",
        6,
        "Last year",
        "去年同期",
        "The figure in the same period last year (同比).",
    ),
    Column("lost", "integer", "count", None, "Lost", "输单数", "Opportunities lost in the period."),
    Column("margin", "number", "ratio", 6, "Margin", "毛利率", "Profit / amount."),
    Column(
        "market_period",
        "text",
        "text",
        None,
        "Market period",
        "市场数据期间",
        "The market rows' period: the report's own, else the latest in the market table that "
        "ended by the report's last day; amount and share are over exactly this period.",
    ),
    Column(
        "market_size",
        "money",
        "money",
        2,
        "Market size",
        "市场规模",
        "Market size in yuan from the market table.",
    ),
    Column(
        "median_days_to_resolve",
        "number",
        "decimal",
        6,
        "Median days to resolve",
        "办结天数中位数",
        "Median days from receipt to resolution.",
    ),
    Column(
        "member",
        "text",
        "text",
        None,
        "Member",
        "成员",
        "The region, category, rep or customer (- for lines without one).",
    ),
    Column("month", "text", "text", None, "Month", "月份", "Month, e.g. 2025-01."),
    Column(
        "month_attainment",
        "number",
        "ratio",
        6,
        "Month attainment",
        "本月累计达成率",
        "month_to_date / month_target.",
    ),
    Column("month_target", "money", "money", 2, "Month target", "本月目标", "The month's target."),
    Column(
        "month_to_date",
        "money",
        "money",
        2,
        "Month to date",
        "本月累计",
        "Amount of the month up to the end of the week.",
    ),
    Column(
        "new_amount",
        "money",
        "money",
        2,
        "New amount",
        "新金额",
        "The order amount after the change.",
    ),
    Column(
        "new_value",
        "text",
        "text",
        None,
        "New value",
        "新值",
        "The value the change asks for, as written.",
    ),
    Column(
        "next_follow_up",
        "date",
        "date",
        None,
        "Next follow-up",
        "下次跟进日期",
        "Day of the next follow-up.",
    ),
    Column(
        "old_amount",
        "money",
        "money",
        2,
        "Old amount",
        "原金额",
        "The order amount before the change.",
    ),
    Column(
        "old_value",
        "text",
        "text",
        None,
        "Old value",
        "原值",
        "The value before the change, as written.",
    ),
    Column(
        "on_time",
        "integer",
        "count",
        None,
        "On time",
        "按时交货订单数",
        "Of those, delivered by the due date.",
    ),
    Column(
        "open",
        "integer",
        "count",
        None,
        "Open",
        "未办结数",
        "Feedback received by the period's end and not resolved by then.",
    ),
    Column(
        "opportunities",
        "integer",
        "count",
        None,
        "Opportunities",
        "商机数",
        "Number of opportunities.",
    ),
    Column(
        "opportunity_id",
        "text",
        "text",
        None,
        "Opportunity ID",
        "商机编号",
        "Opportunity (商机) number.",
    ),
    Column("order_id", "text", "text", None, "Order no.", "订单编号", "Order number."),
    Column("orders", "integer", "count", None, "Orders", "订单数", "Number of distinct orders."),
    Column(
        "orders_due",
        "integer",
        "count",
        None,
        "Orders due",
        "应交订单数",
        "Orders with a line due in the period.",
    ),
    Column(
        "orders_per_customer",
        "number",
        "decimal",
        6,
        "Orders per customer",
        "人均订单数",
        "Orders / active customers.",
    ),
    Column(
        "ours",
        "boolean",
        "text",
        None,
        "Ours",
        "本公司",
        "The row is the company's own amount and share.",
        words=True,
    ),
    Column(
        "outcome", "text", "text", None, "Outcome", "结果", "open, won, lost or void.", words=True
    ),
    Column(
        "overdue",
        "integer",
        "count",
        None,
        "Overdue",
        "逾期",
        "Open feedback received more than the policy's overdue days ago.",
    ),
    Column(
        "pending",
        "integer",
        "count",
        None,
        "Pending",
        "待审批数",
        "Changes requested by the period's end with no decision by then.",
    ),
    Column(
        "previous",
        "number",
        "decimal",
        6,
        "Previous period",
        "上期",
        "The figure in the previous period (环比).",
    ),
    Column(
        "rank",
        "integer",
        "count",
        None,
        "Rank",
        "排名",
        "Rank by amount (1 = the largest; equal amounts share a rank, sales nobody owns have "
        "none).",
    ),
    Column(
        "received",
        "integer",
        "count",
        None,
        "Received",
        "收到反馈数",
        "Feedback received in the period.",
    ),
    Column(
        "received_on",
        "date",
        "date",
        None,
        "Received on",
        "反馈日期",
        "Day the feedback was received.",
    ),
    Column(
        "rejected",
        "integer",
        "count",
        None,
        "Rejected",
        "驳回数",
        "Changes rejected in the period.",
    ),
    Column(
        "requested",
        "integer",
        "count",
        None,
        "Requested",
        "变更申请数",
        "Changes requested in the period.",
    ),
    Column(
        "requested_on",
        "date",
        "date",
        None,
        "Requested on",
        "申请日期",
        "Day the change was requested.",
    ),
    Column(
        "resolved",
        "integer",
        "count",
        None,
        "Resolved",
        "办结数",
        "Feedback resolved in the period.",
    ),
    Column("share", "number", "ratio", 6, "Share", "占比", "Share (0-1)."),
    Column(
        "share_of_change",
        "number",
        "ratio",
        6,
        "Share of the change",
        "占变动比例",
        "change_amount / the change of the total (empty when the total did not change).",
    ),
    Column(
        "source",
        "text",
        "text",
        None,
        "Source",
        "出处",
        "The heading (in the report's language) of the section the figures come from.",
    ),
    Column("stage", "text", "text", None, "Stage", "阶段", "Opportunity stage."),
    Column(
        "surveys", "integer", "count", None, "Surveys", "调查数", "Number of satisfaction surveys."
    ),
    Column(
        "windows_done",
        "integer",
        "count",
        None,
        "Visit windows done",
        "已访周期",
        "Visit windows of the week visited.",
    ),
    Column(
        "windows_open",
        "integer",
        "count",
        None,
        "Visit windows open",
        "本周应访周期",
        "Visit windows of the week still to visit.",
    ),
    Column("won", "integer", "count", None, "Won", "赢单数", "Opportunities won in the period."),
    Column(
        "yoy",
        "number",
        "ratio",
        6,
        "Change on last year",
        "同比",
        "current / last_year - 1, for amounts and counts (empty for a ratio).",
    ),
    Column(
        "yoy_pp",
        "number",
        "pp",
        6,
        "Change on last year (pp)",
        "同比（百分点）",
        "current - last_year in percentage points, for a ratio.",
    ),
)

# --- chapter 5, the appraisal -------------------------------------------------------------
declare(
    Column("bonus", "money", "money", 2, "Bonus", "绩效奖金", BY_APPRAISAL),
    Column(
        "bonus_multiplier",
        "number",
        "ratio",
        6,
        "Bonus multiplier",
        "奖金系数",
        BY_APPRAISAL,
    ),
    Column("churn_rate", "number", "ratio", 6, "Churn rate", "客户流失率", BY_APPRAISAL),
    Column(
        "churn_rate_score",
        "number",
        "points",
        2,
        "Churn rate score",
        "客户流失率得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column("comment", "text", "text", None, "Comment", "评语", "The manager's comment."),
    Column(
        "conversion_rate_score",
        "number",
        "points",
        2,
        "Conversion rate score",
        "商机转化率得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "expense_ratio",
        "number",
        "ratio",
        6,
        "Expense ratio",
        "费用控制率",
        BY_APPRAISAL,
    ),
    Column(
        "expense_ratio_score",
        "number",
        "points",
        2,
        "Expense ratio score",
        "费用控制率得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column("formula", "text", "text", None, "Formula", "计算公式", "How the figure was made."),
    Column(
        "n_rows",
        "integer",
        "count",
        None,
        "Input rows",
        "数据行数",
        "Input rows behind the figure.",
    ),
    Column(
        "new_customers",
        "integer",
        "count",
        None,
        "New customers",
        "新客户数",
        "Customers whose first order falls in the period.",
    ),
    Column(
        "new_customers_score",
        "number",
        "points",
        2,
        "New customers score",
        "新客户数得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "on_time_rate_score",
        "number",
        "points",
        2,
        "On-time delivery score",
        "按时交货率得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "promotion_candidate",
        "boolean",
        "text",
        None,
        "Promotion candidate",
        "晋升候选",
        "Meets the policy's promotion conditions.",
        words=True,
    ),
    Column("q1_score", "number", "points", 2, "Q1 score", "一季度得分", BY_APPRAISAL, score=True),
    Column("q2_score", "number", "points", 2, "Q2 score", "二季度得分", BY_APPRAISAL, score=True),
    Column("q3_score", "number", "points", 2, "Q3 score", "三季度得分", BY_APPRAISAL, score=True),
    Column("q4_score", "number", "points", 2, "Q4 score", "四季度得分", BY_APPRAISAL, score=True),
    Column(
        "qualitative_score",
        "number",
        "points",
        2,
        "Qualitative score",
        "定性得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "quantitative_score",
        "number",
        "points",
        2,
        "Quantitative score",
        "定量得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "satisfaction_score",
        "number",
        "points",
        2,
        "Satisfaction score",
        "客户满意度得分",
        BY_APPRAISAL,
        score=True,
    ),
    Column(
        "training_needs",
        "text",
        "text",
        None,
        "Training needs",
        "培训需求",
        BY_APPRAISAL,
        words=True,
    ),
    Column(
        "value",
        "number",
        "decimal",
        6,
        "Value",
        "值",
        "The figure as a number (empty when it is words: see value_text).",
    ),
    Column(
        "value_text",
        "text",
        "text",
        None,
        "Value in words",
        "文字结果",
        "The figure in words: a grade, honours, yes/no (empty for numbers).",
        words=True,
    ),
)

# --- figures and columns of people's outputs only (summaries, --explain, scorecards, check) ---
declare(
    Column(
        "a_complete",
        "integer",
        "count",
        None,
        "A customers complete",
        "A类完整客户数",
        "A-class customers whose customer file record is complete (2.2.3).",
    ),
    Column(
        "a_completeness",
        "number",
        "ratio",
        6,
        "A customers' completeness",
        "A类客户档案完整率",
        "a_complete / a_customers: the completeness of the A-class records.",
    ),
    Column(
        "a_customers",
        "integer",
        "count",
        None,
        "A customers",
        "A类客户数",
        "Customers of class A in the customer file.",
    ),
    Column(
        "at_risk",
        "text",
        "text",
        None,
        "At risk",
        "风险客户数",
        "Customers at risk: no order for longer than the policy allows.",
    ),
    Column(
        "base_bonus",
        "money",
        "money",
        2,
        "Base bonus",
        "基本奖金",
        "The rep's base bonus in yuan, from the targets table (else the policy's).",
    ),
    Column("budget", "money", "money", 2, "Budget", "预算", "The rep's expense budget in yuan."),
    Column(
        "churn_base",
        "integer",
        "count",
        None,
        "Churn base",
        "流失基数",
        "Owned customers with an order in the year before the period (churn_rate's base).",
    ),
    Column(
        "churned",
        "integer",
        "count",
        None,
        "Churned",
        "流失客户数",
        "Customers of the churn base with no order in the churn window.",
    ),
    Column(
        "column",
        "text",
        "text",
        None,
        "Column",
        "列",
        "The column of the problem (its canonical name).",
        words=True,
    ),
    Column(
        "competitor_amount",
        "money",
        "money",
        2,
        "Competitor amount",
        "竞争对手销售额",
        "A competitor's amount in yuan, from the market table.",
    ),
    Column(
        "complete",
        "integer",
        "count",
        None,
        "Complete",
        "完整客户数",
        "Customers whose customer file record has every required field.",
    ),
    Column("completeness", "number", "ratio", 6, "Completeness", "完整率", "complete / customers."),
    Column("cost", "money", "money", 2, "Cost", "成本", "Cost in yuan."),
    Column(
        "effect",
        "text",
        "text",
        None,
        "Effect",
        "影响",
        "What salescli does with the header's values.",
    ),
    Column("expense", "money", "money", 2, "Expense", "费用", "Expenses in yuan."),
    Column("expenses", "money", "money", 2, "Expenses", "费用", "Expenses in yuan."),
    Column(
        "feedback_closed_loop_rate",
        "number",
        "ratio",
        6,
        "Feedback closed loop rate",
        "客户反馈闭环率",
        "The company's closed_loop_rate of customer feedback.",
    ),
    Column(
        "feedback_median_days_to_resolve",
        "number",
        "decimal",
        6,
        "Feedback median days to resolve",
        "客户反馈办结天数中位数",
        "The company's median days from receipt to resolution.",
    ),
    Column(
        "feedback_open",
        "integer",
        "count",
        None,
        "Feedback open",
        "未办结客户反馈数",
        "The company's feedback open at the period's end.",
    ),
    Column(
        "feedback_overdue",
        "integer",
        "count",
        None,
        "Feedback overdue",
        "逾期客户反馈数",
        "The company's open feedback past the policy's overdue days.",
    ),
    Column(
        "feedback_received",
        "integer",
        "count",
        None,
        "Feedback received",
        "收到客户反馈数",
        "The company's feedback received in the period.",
    ),
    Column(
        "feedback_resolved",
        "integer",
        "count",
        None,
        "Feedback resolved",
        "客户反馈办结数",
        "The company's feedback resolved in the period.",
    ),
    Column("goal", "text", "text", None, "Goal", "目标值", "The indicator's goal in the policy."),
    Column(
        "group",
        "text",
        "text",
        None,
        "Group",
        "指标组",
        "The indicator group: sales performance, customer management or sales process.",
        words=True,
    ),
    Column("header", "text", "text", None, "Header", "表头", "The header as the export writes it."),
    Column("hint", "text", "text", None, "Hint", "建议", "What to do about the problem."),
    Column(
        "code",
        "text",
        "text",
        None,
        "Code",
        "问题代码",
        "The problem's code, as listed in docs/codes.md.",
    ),
    Column(
        "how", "text", "text", None, "How", "识别方式", "How the header was recognised.", words=True
    ),
    Column(
        "indicator",
        "text",
        "text",
        None,
        "Indicator",
        "指标",
        "The appraisal indicator.",
        words=True,
    ),
    Column(
        "item",
        "text",
        "text",
        None,
        "Item",
        "项目",
        "A figure of the scorecard's summary.",
        words=True,
    ),
    Column("note", "text", "text", None, "Note", "说明", "A note on the figure."),
    Column(
        "order_changes_amount_effect",
        "money",
        "money",
        2,
        "Order changes amount effect",
        "订单变更金额影响",
        "The company's amount effect of the order changes approved.",
    ),
    Column(
        "order_changes_approved",
        "integer",
        "count",
        None,
        "Order changes approved",
        "订单变更批准数",
        "The company's order changes approved in the period.",
    ),
    Column(
        "order_changes_pending",
        "integer",
        "count",
        None,
        "Order changes pending",
        "订单变更待审批数",
        "The company's order changes waiting for a decision.",
    ),
    Column(
        "order_changes_rejected",
        "integer",
        "count",
        None,
        "Order changes rejected",
        "订单变更驳回数",
        "The company's order changes rejected in the period.",
    ),
    Column(
        "order_changes_requested",
        "integer",
        "count",
        None,
        "Order changes requested",
        "订单变更申请数",
        "The company's order changes requested in the period.",
    ),
    Column("period", "text", "text", None, "Period", "期间", PERIOD_MEANING),
    Column(
        "row_period",
        "text",
        "text",
        None,
        "Row period",
        "行期间",
        "A row's own period where a table's period column differs from the run's.",
    ),
    Column("price", "money", "money", 2, "Price", "价格", "Unit price in yuan."),
    Column(
        "problem", "text", "text", None, "Problem", "问题", "What is wrong, with the value found."
    ),
    Column(
        "role",
        "text",
        "text",
        None,
        "Role",
        "作用",
        "The header's role: used, aside, harmless, ignored, unknown or concern.",
        words=True,
    ),
    Column("samples", "text", "text", None, "Samples", "样例", "A few of the column's values."),
    Column(
        "severity",
        "text",
        "text",
        None,
        "Severity",
        "严重程度",
        "error (stops the figures) or warning.",
        words=True,
    ),
    Column("sheet", "text", "text", None, "Sheet", "工作表", "The sheet of the problem."),
    Column(
        "table", "text", "text", None, "Table", "表", "The input table of the problem.", words=True
    ),
    Column("unit_price", "money", "money", 2, "Unit price", "单价", "Unit price in yuan."),
    Column(
        "weight",
        "number",
        "ratio",
        6,
        "Weight",
        "权重",
        "The indicator's weight in its group (0-1).",
    ),
)
