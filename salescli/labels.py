"""Column labels (plain English and Chinese) and how each column is formatted.

Machine formats always use the canonical snake_case names. People's outputs (xlsx, html,
Markdown, the terminal) show labels instead, in the language asked: `label("final_score",
"en")` is "Final score", `label("final_score", "zh")` 综合得分; a cell holding a code (a
summary's figure `amount_last_year`, training needs `churn_rate, expense_ratio`, honours
`sales_champion`) is shown the same way (`salescli.output.cells.cell_text`).
"""

from __future__ import annotations

from typing import Literal

from salescli.schema import TABLES

# how a column is formatted (see salescli/output/model.py); "row": each row says its own;
# "score" is a 0-1 index (a classification score), "points" an appraisal score (0-120), "pp"
# a change of a ratio in percentage points
Kind = Literal[
    "money",
    "count",
    "quantity",
    "decimal",
    "ratio",
    "score",
    "points",
    "pp",
    "date",
    "text",
    "id",
    "row",
]

ZH: dict[str, str] = {
    "table": "表",
    "file": "文件",
    "sheet": "工作表",
    "row": "行",
    "column": "列",
    "value": "值",
    "severity": "严重程度",
    "code": "问题代码",
    "problem": "问题",
    "hint": "建议",
    "completeness": "完整率",
    "customers": "客户数",
    "complete": "完整客户数",
    "frequency": "购买频次",
    "potential": "潜在价值",
    "score": "得分",
    "class": "分类",
    "previous_class": "上期分类",
    "move": "变动",
    "not_in_customer_file": "不在客户档案",
    "date": "日期",
    "window": "拜访周期",
    "reason": "原因",
    "required": "应访次数",
    "done": "已访次数",
    "missed": "未访周期",
    "compliance": "执行率",
    "year": "年度",
    "quarter": "季度",
    "month": "月份",
    "target": "目标",
    "original_target": "原目标",
    "adjusted_by": "调整依据",
    "weight": "权重",
    "share": "占比",
    "status": "状态",
    "missing": "缺少",
    "attainment": "目标达成率",
    "performance_score": "业绩得分",
    "bonus_multiplier": "奖金系数",
    "bonus": "绩效奖金",
    "honours": "荣誉",
    "satisfaction": "客户满意度",
    "new_customers": "新客户数",
    "churn_rate": "客户流失率",
    "conversion_rate": "商机转化率",
    "on_time_rate": "按时交货率",
    "expense_ratio": "费用控制率",
    "customer_score": "客户管理得分",
    "process_score": "销售过程得分",
    "quantitative_score": "定量得分",
    "qualitative_score": "定性得分",
    "final_score": "综合得分",
    "grade": "等级",
    "comment": "评语",
    "training_needs": "培训需求",
    "promotion_candidate": "晋升候选",
    "q1_score": "一季度得分",
    "q2_score": "二季度得分",
    "q3_score": "三季度得分",
    "q4_score": "四季度得分",
    "rank": "排名",
    "margin": "毛利率",
    "orders": "订单数",
    "average_order_value": "平均订单金额",
    "active_customers": "活跃客户数",
    "indicator": "指标",
    "previous": "上期",
    "change": "环比",
    "last_year": "去年同期",
    "yoy": "同比",
    "goal": "目标值",
    "n_rows": "数据行数",
    "formula": "计算公式",
    "group": "指标组",
    "note": "说明",
    "figure": "数据项",
    "item": "项目",
    "current": "本期",
    "performance": "销售业绩",
    "customer": "客户管理",
    "process": "销售过程",
    "qualitative": "定性评价",
    "quarters": "季度",
    "orders_per_customer": "人均订单数",
    "month_to_date": "本月累计",
    "month_target": "本月目标",
    "month_attainment": "本月累计达成率",
    "windows_open": "本周应访周期",
    "windows_done": "已访周期",
    "churn_base": "流失基数",
    "churned": "流失客户数",
    "at_risk": "风险客户数",
    "definition": "定义",
    "days_since": "未下单天数",
    "last_order": "最近下单日期",
    "days_late": "延迟天数",
    "days_overdue": "逾期天数",
    "expected_amount": "预计金额",
    "orders_due": "应交订单数",
    "on_time": "按时交货订单数",
    "surveys": "调查数",
    "from": "原分类",
    "customer_share": "客户数占比",
    "amount_share": "销售额占比",
    "won": "赢单数",
    "lost": "输单数",
    "opportunities": "商机数",
    "visits": "拜访次数",
    "value_text": "文字结果",
    "owner": "负责销售代表",
    "_file": "文件",
    "_row": "行号",
    "outcome": "结果",
    "contribution": "贡献",
    "change_amount": "变动额",
    "share_of_change": "占变动比例",
    "highlight": "要点",
    "source": "出处",
    "dimension": "维度",
    "member": "成员",
    "header": "表头",
    "how": "识别方式",
}
for _table in TABLES.values():
    for _column in _table.columns.values():
        ZH.setdefault(_column.name, _column.zh)
ZH.update({"amount": "销售额", "quantity": "销量", "score": "得分", "period": "期间"})
# the follow-up duties: feedback (2.2.4), visit records (2.3), order changes (4.2.5), notices
ZH.update(
    {
        "received": "收到反馈数",
        "resolved": "办结数",
        "open": "未办结数",
        "overdue": "逾期",
        "median_days_to_resolve": "办结天数中位数",
        "closed_loop_rate": "闭环率",
        "days_open": "未办结天数",
        "requested": "变更申请数",
        "approved": "批准数",
        "rejected": "驳回数",
        "pending": "待审批数",
        "amount_effect": "金额影响",
        "days_waiting": "等待天数",
        "follow_up_overdue": "跟进逾期",
        "visits": "拜访次数",
        "complete_records": "完整记录数",
        "record_completeness": "记录完整率",
        "missing_fields": "缺少内容",
        "a_customers": "A类客户数",
        "a_complete": "A类完整客户数",
        "a_completeness": "A类客户档案完整率",
        "files": "文件",
        # the company's duty figures, rows of the report's summary
        "feedback_received": "收到客户反馈数",
        "feedback_resolved": "客户反馈办结数",
        "feedback_open": "未办结客户反馈数",
        "feedback_overdue": "逾期客户反馈数",
        "feedback_median_days_to_resolve": "客户反馈办结天数中位数",
        "feedback_closed_loop_rate": "客户反馈闭环率",
        "order_changes_requested": "订单变更申请数",
        "order_changes_approved": "订单变更批准数",
        "order_changes_rejected": "订单变更驳回数",
        "order_changes_pending": "订单变更待审批数",
        "order_changes_amount_effect": "订单变更金额影响",
        "order_changes": "订单变更",
        # the change types (order_changes.CHANGE_TYPES), as cells
        "delivery_date": "交期",
        "price": "价格",
        "product": "产品",
        "old_amount": "原金额",
        "new_amount": "新金额",
    }
)

# The kind of each canonical output column (see salescli/output/model.py): one entry per name.
KINDS: dict[str, Kind] = {
    # money
    **dict.fromkeys(
        [
            "amount",
            "target",
            "original_target",
            "bonus",
            "base_bonus",
            "profit",
            "budget",
            "expense",
            "expenses",
            "cost",
            "price",
            "unit_price",
            "expected_amount",
            "average_order_value",
            "market_size",
            "competitor_amount",
            "month_to_date",
            "month_target",
            "monetary",
            "change_amount",
            "contribution",
            "potential",
        ],
        "money",
    ),
    # whole counts
    **dict.fromkeys(
        [
            "frequency",
            "customers",
            "orders",
            "required",
            "done",
            "missed",
            "rank",
            "n_rows",
            "visits",
            "surveys",
            "won",
            "lost",
            "closed",
            "orders_due",
            "on_time",
            "late",
            "churn_base",
            "churned",
            "windows_open",
            "windows_done",
            "active_customers",
            "new_customers",
            "opportunities",
            "days_since",
            "days_late",
            "days_overdue",
            "complete",
            "recency",
            "lines",
            "month_number",
        ],
        "count",
    ),
    # numbers that are names: a year, an Excel row (2025, not 2,025)
    **dict.fromkeys(["year", "row", "_row"], "id"),
    "quantity": "quantity",
    "orders_per_customer": "decimal",
    # ratios and attainment
    **dict.fromkeys(
        [
            "attainment",
            "margin",
            "share",
            "customer_share",
            "amount_share",
            "compliance",
            "change",
            "yoy",
            "completeness",
            "churn_rate",
            "conversion_rate",
            "on_time_rate",
            "expense_ratio",
            "month_attainment",
            "weight",
            "bonus_multiplier",
            "satisfaction_factor",
            "share_of_change",
        ],
        "ratio",
    ),
    # a 0-1 index (the classification score and its percentile factors)
    **dict.fromkeys(["score", "amount_rank", "frequency_rank", "potential_rank"], "score"),
    # appraisal scores, on 0-100 (capped at 120), published to 2 decimals
    **dict.fromkeys(
        [
            "satisfaction",
            "performance_score",
            "customer_score",
            "process_score",
            "quantitative_score",
            "qualitative_score",
            "final_score",
            "q1_score",
            "q2_score",
            "q3_score",
            "q4_score",
            "score_100",
        ],
        "points",
    ),
    # a ratio's change, in percentage points
    **dict.fromkeys(["change_pp", "yoy_pp"], "pp"),
    # the follow-up duties (2.2.4 feedback, 2.3 visit records, 4.2.5 order changes)
    **dict.fromkeys(
        [
            "received",
            "resolved",
            "open",
            "overdue",
            "requested",
            "approved",
            "rejected",
            "pending",
            "days_open",
            "days_waiting",
            "complete_records",
            "a_customers",
            "a_complete",
        ],
        "count",
    ),
    **dict.fromkeys(["amount_effect", "old_amount", "new_amount", "new_target"], "money"),
    **dict.fromkeys(["record_completeness", "a_completeness", "closed_loop_rate"], "ratio"),
    "median_days_to_resolve": "decimal",
    # the company's duty figures, rows of the report's summary (reports.summary_rows)
    **dict.fromkeys(
        [
            "feedback_received",
            "feedback_resolved",
            "feedback_open",
            "feedback_overdue",
            "order_changes_requested",
            "order_changes_approved",
            "order_changes_rejected",
            "order_changes_pending",
        ],
        "count",
    ),
    "feedback_median_days_to_resolve": "decimal",
    "feedback_closed_loop_rate": "ratio",
    "order_changes_amount_effect": "money",
    # words that appear as a figure's row (explain, scorecards)
    **dict.fromkeys(
        ["grade", "honours", "comment", "training_needs", "promotion_candidate", "definition"],
        "text",
    ),
}
# derived columns: <measure>_prev / _last_year take the measure's kind; changes and shares are
# ratios
_SAME_KIND = ("_prev", "_last_year")
_RATIO = ("_mom", "_yoy", "_share", "_rate")
_PP = ("_pp",)


def declared_kind(column: str) -> Kind | None:
    """The catalogue's kind of a canonical column, or None when it declares none."""
    if column in KINDS:
        return KINDS[column]
    for suffix in _SAME_KIND:
        if column.endswith(suffix) and column[: -len(suffix)] in KINDS:
            return KINDS[column[: -len(suffix)]]
    if column.endswith(_PP):
        return "pp"
    if column.endswith(_RATIO):
        return "ratio"
    if column.endswith("_score"):
        return "points"
    return None


def label(column: str, lang: str) -> str:
    """A canonical name as people read it: plain English, or Chinese with `lang="zh"`."""
    if lang != "zh":
        return english(column)
    if column in ZH:
        return ZH[column]
    for suffix, zh in (
        ("_prev", "上期"),
        ("_mom", "环比"),
        ("_last_year", "去年同期"),
        ("_yoy", "同比"),
        ("_score", "得分"),
        ("_pp", "（百分点）"),
    ):
        if column.endswith(suffix) and column[: -len(suffix)] in ZH:
            return ZH[column[: -len(suffix)]] + zh
    for suffix, zh in (("_amount", " 销售额"), ("_share", " 份额")):  # <competitor>_amount
        if column.endswith(suffix):
            return column[: -len(suffix)] + zh
    return column


# plain English where spelling out the name is not enough; every other name is spelt out
# (`english`): final_score "Final score", amount_last_year "Amount, last year"
EN: dict[str, str] = {
    "customer_id": "Customer ID",
    "order_id": "Order no.",
    "opportunity_id": "Opportunity ID",
    "feedback_id": "Feedback no.",
    "change_id": "Change no.",
    "customer_name": "Customer",
    "rep": "Rep",
    "n_rows": "Input rows",
    "_file": "File",
    "_row": "Row",
    "value_text": "Value in words",
    "change": "Change",
    "yoy": "Change on last year",
    "change_pp": "Change (pp)",
    "yoy_pp": "Change on last year (pp)",
    "last_year": "Last year",
    "previous": "Previous period",
    "current": "This period",
    "mom": "Change",
    "on_time": "On time",
    "on_time_rate": "On-time delivery rate",
    "on_time_rate_score": "On-time delivery score",
    "orders_due": "Orders due",
    "q1_score": "Q1 score",
    "q2_score": "Q2 score",
    "q3_score": "Q3 score",
    "q4_score": "Q4 score",
    "a_customers": "A customers",
    "a_complete": "A customers complete",
    "a_completeness": "A customers' completeness",
    "not_in_customer_file": "Not in the customer file",
    "bonus_multiplier": "Bonus multiplier",
    "month_to_date": "Month to date",
    "month_attainment": "Month attainment",
    "windows_open": "Visit windows open",
    "windows_done": "Visit windows done",
    "days_since": "Days since last order",
    "from": "From class",
    "previous_class": "Previous class",
    "share_of_change": "Share of the change",
    "change_amount": "Change in amount",
    "market_period": "Market period",
    "score_100": "Score (0-100)",
    "median_days_to_resolve": "Median days to resolve",
    "closed_loop_rate": "Closed-loop rate",
    "follow_up_overdue": "Follow-up overdue",
    "next_follow_up": "Next follow-up",
    # the scorecard's indicator groups, as cells
    "performance": "Sales performance",
    "customer": "Customer management",
    "process": "Sales process",
    # honours (salescli.rules.appraisal.HONOURS), as cells
    "sales_champion": "Sales champion",
    "sales_star": "Sales star",
    "promotion_candidate": "Promotion candidate",
}
_EN_SUFFIXES = (
    ("_prev", "{}, previous period"),
    ("_last_year", "{}, last year"),
    ("_mom", "{} change"),
    ("_yoy", "{} change on last year"),
    ("_pp", "{} (pp)"),
    ("_score", "{} score"),
    ("_share", "{} share"),
    ("_amount", "{} amount"),
)


def english(name: str) -> str:
    """A canonical name in plain English: its EN entry, else built from its measure and
    suffix (amount_last_year "Amount, last year"), else spelt out (new_customers "New
    customers"). A name with capitals or no underscore-word form (a competitor, a month
    label) is returned as it is."""
    if name in EN:
        return EN[name]
    for suffix, template in _EN_SUFFIXES:
        stem = name[: -len(suffix)]
        if name.endswith(suffix) and stem and (stem in EN or _is_code(stem)):
            return template.format(english(stem))
        if name.endswith(suffix) and stem and suffix in ("_amount", "_share"):
            return f"{stem} {suffix[1:]}"  # a competitor's, in the market table
    if not _is_code(name):
        return name
    words = name.strip("_").replace("_", " ")
    return words[:1].upper() + words[1:]


def _is_code(name: str) -> bool:
    """A snake_case name of salescli's (amount, churn_rate), not a value of the data."""
    return (
        bool(name)
        and name.replace("_", "").isascii()
        and name.replace("_", "").isalpha()
        and (name == name.lower())
    )


def known_name(text: str) -> bool:
    """A canonical name a cell may hold as a code (a figure, an indicator, an honour)."""
    return text in EN or text in ZH or text in KINDS


def phrase(name: str, lang: str) -> str:
    """A name inside a sentence: the label, in English without its leading capital."""
    shown = label(name, lang)
    if lang == "zh" or len(shown) < 2 or shown[1].isupper():
        return shown
    return shown[:1].lower() + shown[1:]
