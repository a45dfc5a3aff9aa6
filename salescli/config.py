"""The policy configuration: every number of POLICY.md as a typed, described pydantic field.

`salescli.toml` overrides any of it. Unknown keys and out-of-range values are rejected with the
key's path, the value and what is allowed (exit 78).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from salescli.errors import ConfigError
from salescli.i18n import Msg, _, n_

CONFIG_NAME = "salescli.toml"
Frequency = Literal["week", "fortnight", "month"]
GradeName = Literal["S", "A", "B", "C", "D"]
# how many visits a frequency asks for in a month, to check that A is visited at least as often
# as B, and B as C
VISITS_PER_MONTH = {"week": 4, "fortnight": 2, "month": 1}


class _Section(BaseModel):
    # every number is finite: `inf`, `nan` (TOML has both) are refused with the key (78)
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)


def _field(default: Any, description: str, zh: str, **limits: Any) -> Any:
    """A setting: its default, what it decides in English and in Chinese (`salescli init
    --lang zh` writes the Chinese; `describe` reads either), and its limits."""
    return Field(default=default, description=description, json_schema_extra={"zh": zh}, **limits)


def described(field: FieldInfo, lang: str) -> str:
    """What a setting decides, in `lang`."""
    extra = field.json_schema_extra
    if lang == "zh" and isinstance(extra, dict) and isinstance(extra.get("zh"), str):
        return extra["zh"]
    return field.description or ""


class ClassThreshold(_Section):
    amount: float = _field(
        0,
        "Minimum purchase amount in the window (yuan).",
        "窗口内的最低采购金额（元）。",
        ge=0,
        le=1e12,
    )
    frequency: int = _field(
        0,
        "Minimum number of distinct orders in the window.",
        "窗口内的最少订单数（不同订单）。",
        ge=0,
        le=1_000_000,
    )


class ClassifySettings(_Section):
    """Chapter 2.1: A/B/C customer classification."""

    window_quarters: int = _field(
        4,
        "Quarters of order history, ending with the evaluated quarter.",
        "订单历史的季度数，截至被评估的季度。",
        ge=1,
        le=20,
    )
    method: Literal["score", "pareto", "thresholds"] = _field(
        "score",
        "Default method: score (percentile ranks), pareto (ABC) or thresholds.",
        "默认方法：score（百分位评分）、pareto（ABC 帕累托）或 thresholds（阈值）。",
    )
    weight_amount: float = _field(
        0.5, "Score weight of the amount percentile.", "评分法中金额百分位的权重。", ge=0, le=100
    )
    weight_frequency: float = _field(
        0.3, "Score weight of the frequency percentile.", "评分法中频次百分位的权重。", ge=0, le=100
    )
    weight_potential: float = _field(
        0.2,
        "Score weight of the potential-value percentile (renormalised when absent).",
        "评分法中潜在价值百分位的权重（没有该数据时重新归一）。",
        ge=0,
        le=100,
    )
    score_a: float = _field(
        0.80,
        "Method score: class A at or above this score.",
        "评分法：得分不低于此值为 A 类。",
        ge=0,
        le=1,
    )
    score_b: float = _field(
        0.50,
        "Method score: class B at or above this score.",
        "评分法：得分不低于此值为 B 类。",
        ge=0,
        le=1,
    )
    pareto_a: float = _field(
        0.70,
        "Method pareto: A while the share held by customers above is below this.",
        "帕累托法：排在前面的客户所占份额低于此值时为 A 类。",
        gt=0,
        le=1,
    )
    pareto_b: float = _field(
        0.90,
        "Method pareto: B while the share held by customers above is below this.",
        "帕累托法：排在前面的客户所占份额低于此值时为 B 类。",
        gt=0,
        le=1,
    )
    A: ClassThreshold = _field(
        ClassThreshold(amount=1_000_000, frequency=12),
        "Method thresholds: a customer meeting both lines is A.",
        "阈值法：同时达到两条线的客户为 A 类。",
    )
    B: ClassThreshold = _field(
        ClassThreshold(amount=200_000, frequency=4),
        "Method thresholds: a customer meeting both lines (and not A) is B; the rest are C.",
        "阈值法：同时达到两条线（且不是 A 类）的客户为 B 类；其余为 C 类。",
    )

    @model_validator(mode="before")
    @classmethod
    def _threshold_defaults(cls, data: Any) -> Any:
        """`[classify.A] amount = 2000000` keeps A's default frequency (12), not 0."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name in ("A", "B"):
            given = data.get(name)
            if isinstance(given, dict):
                data[name] = {**cls.model_fields[name].default.model_dump(), **given}
        return data


class VisitSettings(_Section):
    """Chapter 2.3: visit frequencies and the daily limit."""

    A: Frequency = _field(
        "week",
        "Visit frequency of A customers: week, fortnight or month.",
        "A 类客户的拜访频率：week（每周）、fortnight（每两周）或 month（每月）。",
    )
    B: Frequency = _field("fortnight", "Visit frequency of B customers.", "B 类客户的拜访频率。")
    C: Frequency = _field("month", "Visit frequency of C customers.", "C 类客户的拜访频率。")
    max_per_day: int = _field(
        8,
        "Most visits one rep is planned for on one day.",
        "每名销售代表每天最多计划的拜访次数。",
        ge=1,
        le=50,
    )


class TargetSettings(_Section):
    """Chapter 3: splitting the annual target."""

    basis: Literal["history", "equal"] = _field(
        "history",
        "Member shares from the previous year's amounts (history) or equal.",
        "各成员的占比：按上一年的销售额（history）或平均分配（equal）。",
    )
    unit: int = _field(
        1,
        "Targets are rounded to multiples of this many yuan.",
        "目标取整到此金额（元）的整数倍。",
        ge=1,
        le=1_000_000_000,
    )


class GoalSettings(_Section):
    """Chapter 5.2: each indicator's goal."""

    attainment: float = _field(
        1.0,
        "Goal for target attainment (amount / target).",
        "目标达成率（销售额 / 目标）的目标值。",
        gt=0,
        le=100,
    )
    quantity_attainment: float = _field(
        1.0, "Goal for quantity attainment.", "销量达成率的目标值。", gt=0, le=100
    )
    profit_attainment: float = _field(
        1.0, "Goal for profit attainment.", "利润达成率的目标值。", gt=0, le=100
    )
    satisfaction: float = _field(
        90,
        "Goal for satisfaction on a 0-100 scale.",
        "客户满意度的目标值（0-100 分）。",
        gt=0,
        le=100,
    )
    new_customers: float = _field(
        3, "Goal for new customers per quarter.", "每季度新客户数的目标值。", gt=0, le=100_000
    )
    churn_rate: float = _field(
        0.10,
        "Goal for churn rate (lower is better).",
        "客户流失率的目标值（越低越好）。",
        gt=0,
        le=1,
    )
    conversion_rate: float = _field(
        0.30, "Goal for opportunity conversion rate.", "商机转化率的目标值。", gt=0, le=1
    )
    on_time_rate: float = _field(
        0.95, "Goal for the on-time delivery rate.", "按时交货率的目标值。", gt=0, le=1
    )
    expense_ratio: float = _field(
        1.0,
        "Goal for expense / budget (lower is better).",
        "费用 / 预算的目标值（越低越好）。",
        gt=0,
        le=100,
    )


class ScoringSettings(_Section):
    """Chapter 5.2: how indicator scores combine."""

    cap: float = _field(
        1.2,
        "An indicator scores at most 100 x this.",
        "单项指标得分最高为 100 × 此值。",
        ge=1,
        le=3,
    )
    weight_amount: float = _field(
        0.6, "Performance: weight of amount attainment.", "业绩：销售额达成率的权重。", ge=0, le=100
    )
    weight_quantity: float = _field(
        0.2, "Performance: weight of quantity attainment.", "业绩：销量达成率的权重。", ge=0, le=100
    )
    weight_profit: float = _field(
        0.2, "Performance: weight of profit attainment.", "业绩：利润达成率的权重。", ge=0, le=100
    )
    weight_performance: float = _field(
        0.50, "Quarter: weight of the performance group.", "季度：销售业绩组的权重。", ge=0, le=100
    )
    weight_customer: float = _field(
        0.25, "Quarter: weight of customer management.", "季度：客户管理组的权重。", ge=0, le=100
    )
    weight_process: float = _field(
        0.25,
        "Quarter: weight of the sales-process group.",
        "季度：销售过程组的权重。",
        ge=0,
        le=100,
    )
    weight_quantitative: float = _field(
        0.8,
        "Final score with a manager's score: weight of the quantitative score.",
        "有经理评价时的综合得分：定量得分的权重。",
        ge=0,
        le=1,
    )
    training_below: float = _field(
        60,
        "An indicator scored below this names a training need.",
        "单项指标得分低于此值时列为培训需求。",
        ge=0,
        le=120,
    )


class GradeSettings(_Section):
    """Chapter 5.2: grade lines (a final score at or above the line)."""

    S: float = _field(
        90, "Grade S at or above this final score.", "综合得分不低于此值为 S 级。", ge=0, le=300
    )
    A: float = _field(
        80, "Grade A at or above this final score.", "综合得分不低于此值为 A 级。", ge=0, le=300
    )
    B: float = _field(
        70, "Grade B at or above this final score.", "综合得分不低于此值为 B 级。", ge=0, le=300
    )
    C: float = _field(
        60,
        "Grade C at or above this final score; below it D.",
        "综合得分不低于此值为 C 级；低于此值为 D 级。",
        ge=0,
        le=300,
    )


class BonusSettings(_Section):
    """Chapter 5.3: the monthly bonus curve."""

    base: float = _field(
        5000,
        "Base monthly bonus in yuan (a targets `base_bonus` wins).",
        "每月绩效奖金基数（元）（目标表中的 base_bonus 优先）。",
        ge=0,
        le=1e9,
    )
    floor: float = _field(
        0.6, "No bonus below this attainment.", "目标达成率低于此值时没有奖金。", ge=0, le=1
    )
    accelerator: float = _field(
        1.5,
        "Above 100 %: multiplier = 1 + this x (attainment - 1).",
        "超过 100% 时：奖金系数 = 1 + 此值 × (达成率 − 1)。",
        ge=0,
        le=100,
    )
    cap: float = _field(2.0, "Highest multiplier.", "最高奖金系数。", ge=1, le=100)


class HonourSettings(_Section):
    """Chapter 5.3: honours."""

    stars: int = _field(
        3,
        "Number of sales stars (top final scores).",
        "销售明星的人数（综合得分最高者）。",
        ge=0,
        le=10_000,
    )
    star_min_attainment: float = _field(
        1.0,
        "A sales star must be at or above this attainment.",
        "销售明星的目标达成率须不低于此值。",
        ge=0,
        le=100,
    )
    promotion_grades: list[GradeName] = _field(
        ["S", "A"],
        "Grades that, held in every quarter of the year, make a promotion candidate.",
        "全年每个季度都达到这些等级的销售代表成为晋升候选。",
    )


class CustomerSettings(_Section):
    """Chapter 5.1 customer indicators."""

    churn_days: int = _field(
        180,
        "A base customer with no order in this many days churned.",
        "基数中的客户在此天数内没有订单即算流失。",
        ge=1,
        le=3650,
    )
    base_days: int = _field(
        365,
        "Churn base: customers with an order in this many days before the period.",
        "流失基数：期间开始前此天数内有订单的客户。",
        ge=1,
        le=3650,
    )
    satisfaction_scale: Literal["auto", "5", "10", "100"] = _field(
        "auto",
        "Survey scale; auto: max <= 5 means 1-5, <= 10 means 1-10, else 0-100.",
        "调查的分制；auto：最大值 ≤ 5 为 1-5 分，≤ 10 为 1-10 分，否则为 0-100 分。",
    )


class ReportSettings(_Section):
    """Chapter 4.3: reports."""

    at_risk_days: int = _field(
        60,
        "A or B customers with no order in this many days.",
        "此天数内没有订单的 A、B 类客户（流失风险）。",
        ge=1,
        le=3650,
    )
    top_customers: int = _field(
        20,
        "Customers listed in the top-customers table.",
        "重点客户表中列出的客户数。",
        ge=1,
        le=1_000_000,
    )
    trend_months: int = _field(
        13, "Months in the monthly trend chart.", "月度趋势图中的月数。", ge=2, le=60
    )
    low_attainment: float = _field(
        0.6,
        "The highlights name the reps whose attainment is below this.",
        "要点中列出目标达成率低于此值的销售代表。",
        ge=0,
        le=100,
    )
    printed_rows: int = _field(
        10,
        "Rows of each long list on a printed (HTML) report, the most urgent first, and of "
        "each dimension's contributions (a list up to half as long again prints whole); the "
        "page says how many it leaves out; xlsx, csv and markdown keep every row.",
        "打印版（HTML）报告中每个长列表列出的行数（最紧要的在前），以及每个维"
        "度的贡献列出的行数（不超过此数一倍半的列表整表打印）；页面会说明省略了多"
        "少行；xlsx、csv 和 md 保留全部行。",
        ge=1,
        le=1_000_000,
    )


ReportFormat = Literal["xlsx", "html", "md", "json"]
TableFormat = Literal["xlsx", "csv", "html", "md", "json"]


class RunSettings(_Section):
    """`salescli run`: the policy's calendar of reports, appraisals and plans."""

    folder: str = _field(
        "reports/{period}",
        "Where `run` writes each job's outputs, relative to the workspace; {period} is the "
        "job's period (2024-05, 2024Q2, 2024-W19, 2024).",
        "`run` 写出各任务结果的位置，相对于工作区；{period} 为任务"
        "的期间（2024-05、2024Q2、2024-W19、2024）。",
    )
    report_formats: list[ReportFormat] = _field(
        ["xlsx", "html"],
        "Formats of the weekly, monthly and quarterly reports.",
        "周报、月报和季度报告的格式。",
    )
    table_formats: list[TableFormat] = _field(
        ["xlsx"],
        "Formats of appraisals, classifications, visit plans and visit audits.",
        "考核、客户分类、拜访计划和拜访检查的格式。",
    )
    database: str = _field(
        "",
        "Also write every job's tables to this database (BI history): sqlite:///FILE (relative "
        "to the workspace) or postgresql://…; empty: files only.",
        "同时把每个任务的表写入此数据库（BI 历史）：sqlite:///FIL"
        "E（相对于工作区）或 postgresql://…；留空：只写文件。",
    )
    ics: bool = _field(
        True,
        "Also write each rep's visit plan as an iCalendar (.ics) file.",
        "同时把每名销售代表的拜访计划写成 iCalendar（.ics）文件。",
    )
    scorecards: bool = _field(
        True,
        "With the quarterly appraisal, one scorecard per rep.",
        "季度考核时为每名销售代表写一份考核卡。",
    )
    weekly_report: bool = _field(
        True,
        "First working day of a week: last week's rep reports.",
        "每周第一个工作日：上周的销售代表周报。",
    )
    monthly_report: bool = _field(
        True, "First working day of a month: last month's report.", "每月第一个工作日：上月的月报。"
    )
    monthly_appraisal: bool = _field(
        True, "First working day of a month: its appraisal.", "每月第一个工作日：上月的考核。"
    )
    visit_audit: bool = _field(
        True,
        "First working day of a month: last month's visit audit.",
        "每月第一个工作日：上月的拜访检查。",
    )
    visit_plan: bool = _field(
        True,
        "First working day of a month: the new month's visit plan.",
        "每月第一个工作日：本月的拜访计划。",
    )
    classify: bool = _field(
        True,
        "First working day of a quarter: last quarter's classification (feeds the plan).",
        "每季度第一个工作日：上季度的客户分类（供拜访计划使用）。",
    )
    quarterly_appraisal: bool = _field(
        True,
        "First working day of a quarter: last quarter's appraisal and scorecards.",
        "每季度第一个工作日：上季度的考核和考核卡。",
    )
    quarterly_report: bool = _field(
        True,
        "First working day of a quarter: last quarter's analysis pack.",
        "每季度第一个工作日：上季度的分析报告。",
    )
    yearly_appraisal: bool = _field(
        True,
        "First working day of a year: last year's appraisal.",
        "每年第一个工作日：上年度的考核。",
    )

    @field_validator("database")
    @classmethod
    def _database_uri(cls, value: str) -> str:
        if value and not value.lower().startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError(_("a database is sqlite:///FILE or postgresql://…, or empty"))
        return value

    @field_validator("folder")
    @classmethod
    def _relative_folder(cls, value: str) -> str:
        if not value.strip() or "{period}" not in value:
            raise ValueError(_("the folder must hold {{period}}, e.g. reports/{{period}}"))
        return value


class StatusSettings(_Section):
    """Chapter 4.1-4.2: which order statuses count as sales, which opportunities are won,
    lost, open or voided. Words match whatever their case, spaces, underscores and slashes
    (Closed Won = closedwon); an order status outside these lists is counted, with a warning;
    an opportunity's outcome or stage outside them stops the run. The lists extend the
    built-in words (a word moved to another list leaves its old one) unless replace = true."""

    counted: list[str] = _field(
        [
            *("已完成", "完成", "已审核", "已发货", "已出库", "已确认", "已收款", "已付款"),
            *("正常", "有效", "生效", "已生效", "赢单", "成交", "已成交"),
            *("sales order", "done", "locked", "confirmed", "completed", "complete"),
            *("shipped", "delivered", "invoiced", "paid", "partially paid", "authorized"),
            *("pending", "partially refunded", "closed won", "won"),
            # what real systems write (docs/exports-research.md)
            *("交易成功", "卖家已发货", "等待买家确认收货", "等待卖家发货", "买家已付款"),
            *("posted", "overdue", "unpaid", "sent", "open invoice", "paid in full"),
            *("wc-completed", "wc-processing", "processing", "fulfilled", "billed"),
            # an approval column read as the status (销售易's 审批状态)
            *("审批通过", "已审批"),
            # BigCommerce: paid, not yet shipped
            *("awaiting fulfillment", "awaiting shipment", "awaiting pickup", "partially shipped"),
            # 拼多多, 抖店 and 聚水潭 order exports
            *("已收货", "已签收", "已发货，待收货", "已发货，待签收", "待发货", "待收货"),
        ],
        "Order statuses that count as sales.",
        "计为销售的订单状态。",
    )
    not_counted: list[str] = _field(
        [
            *("已取消", "取消", "作废", "已作废"),
            *("暂存", "草稿", "报价", "报价单", "输单", "丢单", "失败", "已流失"),
            # returned, refunded or reversed (红冲: a red-letter reversal): the sale was undone.
            # Brackets fold away as in headers: 作废(红冲) is the word 作废红冲.
            *("退货", "已退货", "全部退货", "退回", "已退回", "退单", "已退单", "拒收", "已拒收"),
            *("退款", "已退款", "退款成功", "退货退款", "红冲", "已红冲", "被红冲", "冲红"),
            *("作废(红冲)", "红冲作废", "冲销", "已冲销", "交易关闭"),
            *("cancelled", "canceled", "cancel", "void", "voided", "refunded", "expired"),
            *("returned", "refund", "reversed", "credited"),
            "draft",
            *("quotation", "quotation sent", "closed lost", "lost"),
            # what real systems write (docs/exports-research.md): 用友 NC's 自由 is a draft
            # (YonSuite's 开立 is too, but Taiwan's 開立 is an invoice issued: it is asked,
            # normalise.AMBIGUOUS_STATUSES)
            *("自由", "交易被淘宝关闭", "等待买家付款"),
            # 拼多多's refunded orders; 聚水潭 and 旺店通 keep the orders merged into another
            # (被合并) or split into others (被拆分) beside the orders that carry their lines
            *("未发货，退款成功", "已发货，退款成功", "已收货，退款成功", "被合并", "被拆分"),
            "已合并",
            *("wc-cancelled", "wc-refunded", "wc-failed", "wc-pending", "wc-checkout-draft"),
            *("failed", "deleted", "rejected", "pending payment", "payment pending"),
            # BigCommerce: the payment declined or not made
            *("declined", "awaiting payment"),
            # 金蝶云星空's 单据状态 before 已审核 (暂存 above): created, being audited, unaudited
            *("创建", "审核中", "重新审核"),
            # an order not approved yet, or turned down (销售易's 审批状态)
            *("审批中", "待审批", "审批拒绝", "审批不通过", "审批未通过", "待提交", "未提交"),
            *("驳回", "已驳回", "已撤回"),
            # a document not audited yet (金蝶's and 用友's 审核状态, 单据状态)
            *("未审核", "待审核", "审核不通过", "审核未通过", "审核退回", "未审批", "未生效"),
            # open opportunity stages (Salesforce, HubSpot): not a sale yet
            *("prospecting", "qualification", "needs analysis", "value proposition"),
            *("id. decision makers", "perception analysis", "proposal/price quote"),
            *("negotiation/review", "appointment scheduled", "qualified to buy"),
            *("presentation scheduled", "decision maker bought-in", "contract sent"),
            # Zoho CRM's default pipeline: its open stage and its second lost stage
            *("identify decision makers", "closed-lost to competition"),
        ],
        "Order statuses that are not sales: cancelled, voided, refunded, lost, quotes.",
        "不计为销售的订单状态：已取消、作废、退款、丢单、报价。",
    )
    closed: Literal["ask", "sale", "not_sale"] = _field(
        "ask",
        "What 关闭 (closed) means in your system, as a status (关闭, 已关闭, 行关闭, "
        "业务关闭) or a close column (关闭状态, 关闭标志, 关闭人, 关闭日期): ask (the run "
        "stops until it is said), sale (closed when finished: 金蝶 K/3 业务关闭 once every "
        "unit is delivered, 用友 U8) or not_sale (closed = cancelled: 抖店 已关闭). A word in "
        "counted or not_counted decides for itself.",
        "在你的系统中“关闭”的含义，作为状态（关闭、已关闭、行关闭、业务关闭）或关闭列"
        "（关闭状态、关闭标志、关闭人、关闭日期）：ask（说明之前停止运行）、sale（完成后"
        "关闭：金蝶 K/3 全部出库后业务关闭、用友 U8）或 not_sale（关闭即取消：抖店“已关闭”）"
        "。列在 counted 或 not_counted 中的词以列表为准。",
    )
    flag_yes: list[str] = _field(
        [
            *("是", "y", "yes", "1", "true", "已作废", "作废", "已关闭", "关闭", "业务关闭"),
            # SAP's checkbox, Digiwin's void code V, Business One's cancellation document C
            *("x", "v", "c", "✓", "√", "ja"),
            # an after-sale column (售后状态 of 抖店 and 拼多多): the money went back
            *("退款成功", "退货退款成功", "已退款"),
        ],
        "Values of a cancel flag column (作废状态, 关闭标志...) that mean the line does not count.",
        "取消标记列（作废状态、关闭标志…）中表示该行不计入的值。",
    )
    flag_no: list[str] = _field(
        [
            *("否", "n", "no", "0", "false", "正常", "未作废", "未关闭", "normal", "有效", "nein"),
            # an after-sale column with no refund, or a request turned down or withdrawn
            *("-", "无售后或售后取消", "售后关闭", "售后取消", "无售后"),
        ],
        "Values of a cancel flag column that mean the line counts.",
        "取消标记列中表示该行计入的值。",
    )
    won: list[str] = _field(
        ["won", "win", "closed won", "赢单", "成交", "已成交", "签约", "已签约"],
        "Opportunity outcomes (or stages) that are won.",
        "表示赢单的商机结果（或阶段）。",
    )
    lost: list[str] = _field(
        [
            *("lost", "lose", "closed lost", "输单", "丢单", "失败", "已流失", "关闭"),
            "closed-lost to competition",  # Zoho CRM
            "out-sold",  # Dynamics 365's lost status reason
        ],
        "Opportunity outcomes (or stages) that are lost.",
        "表示输单的商机结果（或阶段）。",
    )
    open: list[str] = _field(
        [
            *("open", "进行中", "跟进中", "未结束", "in progress", "on hold", "postponed"),
            # the default pipelines' open stages (docs/exports-research.md): 销售易, 纷享销客
            # and the CRMs modelled on them, and salescli's demo
            *("初步接洽", "需求确定", "需求确认", "方案报价", "谈判审核", "商务谈判"),
            *("初步接触", "需求分析", "方案制定", "合同签订", "验证客户", "立项", "招投标"),
            # Salesforce, HubSpot (labels and internal values), Zoho CRM, Pipedrive, Odoo
            *("prospecting", "qualification", "needs analysis", "value proposition"),
            *("id. decision makers", "identify decision makers", "perception analysis"),
            *("proposal/price quote", "negotiation/review", "appointment scheduled"),
            *("qualified to buy", "presentation scheduled", "decision maker bought-in"),
            *("contract sent", "qualified", "contact made", "demo scheduled", "proposal made"),
            *("negotiations started", "new", "proposition"),
        ],
        "Opportunity outcomes or stages that are still open. A word in none of won, lost, "
        "open and voided stops the run: say which it is.",
        "表示仍在进行中的商机结果或阶段。不在赢单、输单、进行中、无效任一列表中的词会"
        "中止运行：请说明它属于哪一类。",
    )
    voided: list[str] = _field(
        [
            # 纷享销客's (and yudao CRM's) third end status beside 赢单 and 输单
            *("无效", "无效商机", "作废", "已作废", "取消", "已取消", "重复", "重复商机", "失效"),
            *("已失效", "删除", "已删除"),
            # Dynamics 365's status reason Canceled, AX's Cancelled; Pipedrive's deleted; the
            # Duplicate / Disqualified stages pipelines add
            *("void", "voided", "invalid", "cancelled", "canceled", "deleted", "duplicate"),
            *("closed duplicate", "disqualified", "closed disqualified", "junk"),
        ],
        "Opportunity outcomes or stages that void it (invalid, duplicate, cancelled): neither "
        "open nor won or lost, so in no pipeline, key opportunity or conversion rate.",
        "表示商机无效的结果或阶段（无效、重复、取消）：既不算进行中，也不算赢单或输单，不计入"
        "商机管道、重点商机和转化率。",
    )
    replace: bool = _field(
        False,
        "True: the lists above replace the built-in words instead of extending them.",
        "为 true 时：上面的列表替换内置词表，而不是在其上追加。",
    )

    @model_validator(mode="before")
    @classmethod
    def _extend(cls, data: Any) -> Any:
        groups = [
            ["counted", "not_counted"],
            ["flag_yes", "flag_no"],
            ["won", "lost", "open", "voided"],
        ]
        return _extended(cls, data, groups, "statuses")


class _TwoLists(ValueError):
    """A word given in two lists of one group ([statuses] flag_yes and flag_no)."""


def _extended(model: type[BaseModel], data: Any, groups: list[list[str]], section: str) -> Any:
    """Word lists given in salescli.toml extend the built-in ones (a word given in one list of
    a group leaves the built-in lists of the others), unless `replace = true`: following a
    hint to add one word must not drop the rest. A word given in two lists of a group (the
    lists `salescli init` writes, a word added to one and left in the other) is refused."""
    if not isinstance(data, dict):
        return data
    from salescli.schema import header_key

    data = dict(data)
    for group in groups:
        given = {name: data[name] for name in group if isinstance(data.get(name), list)}
        lists: dict[str, str] = {}
        for name, words in given.items():
            for word in (w for w in words if isinstance(w, str)):
                first = lists.setdefault(header_key(word), name)
                if first != name:
                    raise _TwoLists(
                        _(
                            "{word!r} is in both [{section}] {first} and {second}",
                            word=word,
                            section=section,
                            first=first,
                            second=name,
                        )
                    )
        if not given or data.get("replace") is True:
            continue
        moved = {header_key(w) for words in given.values() for w in words if isinstance(w, str)}
        for name in group:
            built_in = [w for w in model.model_fields[name].default if header_key(w) not in moved]
            data[name] = list(dict.fromkeys([*built_in, *given.get(name, [])]))
    return data


class DocumentSettings(_Section):
    """What a sale is (all chapters): the words of a document-type column (单据类型, Document
    Type). Sales count; orders, deliveries and invoices count too, but when an export lists two
    of them (an order, its delivery, its invoice) each sale would count twice, so `count` must
    choose one; returns and credit notes are subtracted whatever sign the export writes and are
    never orders; not_counted documents count nowhere. A word in no list stops the run. The
    lists extend the built-in words unless replace = true."""

    sale: list[str] = _field(
        [
            *("销售单", "销货单", "销售", "零售单", "批发单", "现销", "普通销售", "现销出库单"),
            *("蓝字", "sale", "sales", "sales receipt", "cash sale", "receipt"),
        ],
        "Document types that are sales in themselves (a sales slip, a cash sale): they count "
        "whatever `count` chooses.",
        "本身即为销售的单据类型（销售单、现销）：无论 count（计哪一种）怎么选都计入。",
    )
    order: list[str] = _field(
        [
            *("销售订单", "订单", "订货单", "标准销售订单", "受订单", "客户订单"),
            *("sales order", "order", "so", "standard order", "ta", "auftrag", "terminauftrag"),
            "kundenauftrag",
        ],
        "Document types that are sales orders.",
        "表示销售订单的单据类型。",
    )
    delivery: list[str] = _field(
        [
            *("销售出库单", "出库单", "销售发货单", "发货单", "出货单", "销售出库", "销售发货"),
            *("标准销售出库单", "寄售出库单", "蓝字出库单", "delivery", "shipment"),
            *("outbound delivery", "goods issue", "item fulfillment", "lieferung", "lf"),
        ],
        "Document types that are deliveries (出库单, 发货单) of orders.",
        "表示订单发货的单据类型（出库单、发货单）。",
    )
    invoice: list[str] = _field(
        [
            *("销售发票", "发票", "专用发票", "普通发票", "增值税专用发票", "增值税普通发票"),
            *("销售专用发票", "销售普通发票", "蓝字发票", "开票", "应收单", "invoice"),
            *("a/r invoice", "sales invoice", "tax invoice", "customer invoice", "si", "f2"),
            *("rechnung", "faktura"),
        ],
        "Document types that are invoices raised to customers.",
        "表示开给客户的发票的单据类型。",
    )
    returns: list[str] = _field(
        [
            *("销售退货单", "退货单", "退货", "销售退货", "退回", "红字发票", "红字", "红冲"),
            *("红字出库单", "冲红", "贷项", "贷项凭证", "销退单", "销退", "销货退回", "退款"),
            *("标准销售退货单", "现销退货单", "寄售销售退货单", "贷项通知单", "退款单", "销售退款"),
            *("冲销", "折让单", "return", "returns", "return order", "return authorization"),
            *("sales return", "credit note", "credit memo", "credit", "a/r credit memo"),
            *("sales credit note", "customer credit note", "sc", "cr", "refund", "cash refund"),
            *("refund receipt", "rma", "re", "g2", "gutschrift", "gutschriftsanforderung"),
            "retoure",
        ],
        "Document types that are returns, credit notes or refunds: subtracted, never orders.",
        "表示退货、红字或退款的单据类型：冲减金额，从不算作订单。",
    )
    not_counted: list[str] = _field(
        [
            *("报价单", "报价", "形式发票", "调拨单", "借出单", "样品单", "草稿", "询价单"),
            *("预开发票", "赠品单", "样品", "收款单", "付款单", "期初", "应收期初余额"),
            *("其他出库单", "盘点单", "估价单", "quotation", "quote", "estimate", "proforma"),
            *("proforma invoice", "transfer", "draft"),
            *("overpayment", "sales overpayment", "prepayment", "deposit", "customer deposit"),
            *("journal", "journal entry", "blanket order", "inquiry", "offer", "opportunity"),
            *("angebot", "anfrage", "proformarechnung", "stornobeleg", "storno"),
        ],
        "Document types that are not sales (quotations, proformas, transfers).",
        "不算销售的单据类型（报价单、形式发票、调拨单）。",
    )
    count: Literal["auto", "order", "delivery", "invoice"] = _field(
        "auto",
        "Which kind counts when an export lists orders, deliveries or invoices side by side (an "
        "order and the invoice raised from it are one sale): auto (only one of the three may be "
        "present), order, delivery or invoice; sales and returns count whatever the choice.",
        "导出中订单、发货单、发票并列时计哪一种（订单和由它开出的发票是同一笔销售"
        "）：auto（三者只能出现一种）、order（订单）、delivery（"
        "发货单）或 invoice（发票）；销售单和退货单无论如何都计入。",
    )

    KINDS: ClassVar[tuple[str, ...]] = (
        *("sale", "order", "delivery", "invoice", "returns", "not_counted"),
    )

    def words(self) -> list[str]:
        """Every document word of every kind."""
        return [word for kind in self.KINDS for word in getattr(self, kind)]

    @field_validator("count", mode="before")
    @classmethod
    def _singular(cls, value: Any) -> Any:
        """`count = "invoices"` means invoice."""
        if isinstance(value, str) and value.endswith(("ies", "s")) and value != "s":
            return value.removesuffix("s") if not value.endswith("ies") else value[:-3] + "y"
        return value

    replace: bool = _field(
        False,
        "True: the lists above replace the built-in words instead of extending them.",
        "为 true 时：上面的列表替换内置词表，而不是在其上追加。",
    )

    @model_validator(mode="before")
    @classmethod
    def _extend(cls, data: Any) -> Any:
        return _extended(cls, data, [list(cls.KINDS)], "documents")


class CurrencySettings(_Section):
    """What a sale is: every figure is in one base currency."""

    base: str = _field(
        "CNY",
        "The currency of every figure (ISO code). Lines in another currency are converted "
        "with the rate of their order date's month from the rates table; without one the run "
        "stops.",
        "所有数字所用的币种（ISO 代码）。其他币种的行按汇率表中其下单月份的汇"
        "率折算；没有汇率则停止运行。",
        min_length=3,
        max_length=3,
    )

    @field_validator("base")
    @classmethod
    def _code(cls, value: str) -> str:
        if not value.isalpha():
            raise ValueError(_("a currency is a three-letter ISO code such as CNY or USD"))
        return value.upper()


class FeedbackSettings(_Section):
    """Chapter 2.2.4: customer feedback follow-up."""

    overdue_days: int = _field(
        7,
        "Feedback still open at the period's end and received more than this many days "
        "before it is overdue.",
        "期末仍未办结、且在期末前超过此天数收到的反馈算逾期。",
        ge=0,
        le=365,
    )


class OpportunitySettings(_Section):
    """Chapter 4.1.4: the key opportunities the manager follows."""

    key_per_rep: int = _field(
        10,
        "Key opportunities: each rep's open opportunities with the largest expected amounts, "
        "this many per rep.",
        "重点商机：每名销售代表预计金额最大的进行中商机，每人列出的个数。",
        ge=1,
        le=1000,
    )


class CheckSettings(_Section):
    """What a run does when the exports do not fully cover what it is asked for."""

    strict: bool = _field(
        False,
        "True: every warning that changes or empties a figure (a status word counted, an amount "
        "computed from quantity x price, sales given to the customer's owner...) stops the run "
        "with exit 65, as --strict does.",
        "为 true 时：每条会改变或清空数字的警告（计入了不认识的状态词、金额"
        "由数量×单价算出、销售归给客户负责人……）都以退出码 65 停止运行，与"
        " --strict 相同。",
    )
    orders_begin: Literal["check", "first-sale"] = _field(
        "check",
        "Orders that begin after the period does (an export cut at its start): check (said as "
        "a stale export's end is: the sales before the first line are not in the figures, and "
        "a customer who ordered before it counts as new; an error with partial_period = "
        '"error") or first-sale (the first line is the company\'s first sale: nothing is said).',
        "订单在期间开始之后才开始（导出在开头被截断）时：check（与导出过旧时一样提示：第一行之前的"
        '销售不在数字中，之前下过单的客户会被算作新客户；partial_period = "error" 时报错）或 '
        "first-sale（第一行就是公司的第一笔销售：不提示）。",
    )
    partial_period: Literal["warn", "error"] = _field(
        "warn",
        "Orders that end before the period does (a stale export): warn (a warning on stderr "
        "and in the notes) or error (exit 65, for cron jobs that must not report a part).",
        "订单在期间结束前就截止（导出过旧）时：warn（在标准错误和说明中警告）"
        "或 error（退出码 65，用于不能只报告部分数据的定时任务）。",
    )


class Policy(_Section):
    """Every policy setting with its default."""

    calendar: Literal["cn", "weekdays"] = _field(
        "cn",
        "Working days: cn (Chinese statutory holidays and make-up days) or weekdays.",
        "工作日：cn（中国法定节假日和调休）或 weekdays（周一至周五）。",
    )
    holidays: list[date] = _field(
        [], "Extra non-working days (override the calendar).", "额外的休息日（优先于日历）。"
    )
    workdays: list[date] = _field(
        [], "Extra working days (override the calendar).", "额外的工作日（优先于日历）。"
    )
    timezone: str = _field(
        "Asia/Shanghai",
        "Timestamps with an offset become dates here.",
        "带时区偏移的时间戳按此时区换算成日期。",
    )
    amount_basis: Literal["net", "gross"] = _field(
        "net",
        "Sales amount when an export has both: net (金额, 无税金额) or gross (价税合计, 含税金额); "
        "the other is kept as net_amount or gross_amount.",
        "导出同时有两种金额时用哪种作销售额：net（金额、无税金额）或 gros"
        "s（价税合计、含税金额）；另一种保留为 net_amount 或 gro"
        "ss_amount。",
    )
    lock_wait_seconds: float = _field(
        60,
        "How long a run waits for another run on the same workspace before exit 75.",
        "同一工作区有另一次运行时最多等待的秒数，超时退出码 75。",
        ge=0,
        le=86_400,
    )
    classify: ClassifySettings = _field(
        ClassifySettings(), "Chapter 2.1 classification.", "第 2.1 章 客户分类。"
    )
    visits: VisitSettings = _field(VisitSettings(), "Chapter 2.3 visits.", "第 2.3 章 客户拜访。")
    targets: TargetSettings = _field(TargetSettings(), "Chapter 3 targets.", "第 3 章 目标分解。")
    goals: GoalSettings = _field(
        GoalSettings(), "Chapter 5.2 indicator goals.", "第 5.2 章 考核指标的目标值。"
    )
    scoring: ScoringSettings = _field(
        ScoringSettings(), "Chapter 5.2 scoring weights.", "第 5.2 章 计分权重。"
    )
    grades: GradeSettings = _field(GradeSettings(), "Chapter 5.2 grades.", "第 5.2 章 考核等级。")
    bonus: BonusSettings = _field(
        BonusSettings(), "Chapter 5.3 bonus curve.", "第 5.3 章 奖金曲线。"
    )
    honours: HonourSettings = _field(HonourSettings(), "Chapter 5.3 honours.", "第 5.3 章 荣誉。")
    customers: CustomerSettings = _field(
        CustomerSettings(), "Chapter 5.1 customer indicators.", "第 5.1 章 客户管理指标。"
    )
    report: ReportSettings = _field(ReportSettings(), "Chapter 4.3 reports.", "第 4.3 章 报告。")
    run: RunSettings = _field(
        RunSettings(),
        "`salescli run`: what the calendar runs, and where.",
        "`salescli run`：按日历运行什么、写到哪里。",
    )
    statuses: StatusSettings = _field(
        StatusSettings(), "Chapter 4 status vocabulary.", "第 4 章 状态词表。"
    )
    feedback: FeedbackSettings = _field(
        FeedbackSettings(), "Chapter 2.2.4 feedback follow-up.", "第 2.2.4 章 客户反馈跟进。"
    )
    opportunities: OpportunitySettings = _field(
        OpportunitySettings(), "Chapter 4.1.4 key opportunities.", "第 4.1.4 章 重点商机。"
    )
    checks: CheckSettings = _field(
        CheckSettings(), "Coverage checks on the exports.", "对导出文件覆盖范围的检查。"
    )
    documents: DocumentSettings = _field(
        DocumentSettings(), "What a sale is: document types.", "什么算销售：单据类型。"
    )
    currency: CurrencySettings = _field(
        CurrencySettings(), "What a sale is: the base currency.", "什么算销售：本位币。"
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        from zoneinfo import ZoneInfo

        try:
            ZoneInfo(value)
        except Exception:
            raise ValueError(_("unknown time zone {zone!r}", zone=value)) from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        """Settings that must agree with each other (an A line below B's, all weights zero)."""
        problems = contradictions(self)
        if problems:
            said = problems[0]
            for more in problems[1:]:
                said = _("{first}; {second}", first=said, second=more)
            raise ValueError(said)
        return self


def contradictions(policy: Policy) -> list[str]:
    """Every ordered pair that is out of order and every weight group that is all zero, each
    naming its keys and values."""
    c, g, v = policy.classify, policy.grades, policy.visits
    # (key that must be at or above, its value, key below, its value)
    ordered: list[tuple[str, Any, str, Any]] = [
        ("grades.S", g.S, "grades.A", g.A),
        ("grades.A", g.A, "grades.B", g.B),
        ("grades.B", g.B, "grades.C", g.C),
        ("classify.score_a", c.score_a, "classify.score_b", c.score_b),
        ("classify.pareto_b", c.pareto_b, "classify.pareto_a", c.pareto_a),
        ("classify.A.amount", c.A.amount, "classify.B.amount", c.B.amount),
        ("classify.A.frequency", c.A.frequency, "classify.B.frequency", c.B.frequency),
    ]
    problems = [
        _(
            "{high} = {high_value:g} is below {low} = {low_value:g}",
            high=high,
            high_value=high_value,
            low=low,
            low_value=low_value,
        )
        for high, high_value, low, low_value in ordered
        if high_value < low_value
    ]
    for high, low in (("A", "B"), ("B", "C")):
        if VISITS_PER_MONTH[getattr(v, high)] < VISITS_PER_MONTH[getattr(v, low)]:
            problems.append(
                _(
                    "visits.{high} = {high_value!r} is less often than visits.{low} = "
                    "{low_value!r}",
                    high=high,
                    high_value=getattr(v, high),
                    low=low,
                    low_value=getattr(v, low),
                )
            )
    groups: list[tuple[str, list[str], Any]] = [
        (
            "classify",
            ["weight_amount", "weight_frequency"],
            lambda keys: _(
                "{keys} are all 0: the score without potential value has no weight", keys=keys
            ),
        ),
        (
            "scoring",
            ["weight_amount", "weight_quantity", "weight_profit"],
            lambda keys: _("{keys} are all 0: performance has no weight", keys=keys),
        ),
        (
            "scoring",
            ["weight_performance", "weight_customer", "weight_process"],
            lambda keys: _("{keys} are all 0: the quarter has no weight", keys=keys),
        ),
    ]
    for section, keys, said in groups:
        if not any(getattr(getattr(policy, section), k) for k in keys):
            problems.append(said(", ".join(f"{section}.{k}" for k in keys)))
    return problems


class InputSpec(BaseModel):
    """`[inputs.NAME]`: where a table is and how its headers map to canonical columns."""

    model_config = ConfigDict(extra="forbid")

    path: str | None = _field(
        None, "File or glob, relative to the workspace.", "文件或通配符，相对于工作区。"
    )
    sheet: str | list[str] | None = _field(
        None,
        'A sheet name, a list of names, or a glob such as "*月"; default: every visible sheet '
        "whose header holds this table, in sheet order (a sheet of another layout, such as a "
        "summary, is skipped with a note).",
        '工作表名、名称列表或通配符（如 "*月"）；默认：表头含有此表的每个可见'
        "工作表，按工作表顺序（其他版式的工作表，如汇总表，会跳过并在说明中注明）"
        "。",
    )
    header_row: int | None = _field(
        None,
        "Row number of the header as Excel shows it.",
        "表头所在的行号（按 Excel 显示的行号）。",
        ge=1,
        le=1_048_576,
    )
    encoding: str | None = _field(
        None,
        "Text file encoding, overriding detection (e.g. gb18030, cp1252); default: UTF-8, "
        "else GBK or Windows-1252, whichever reads as text (when neither does, salescli asks).",
        "文本文件的编码，覆盖自动识别（如 gb18030、cp1252）；默认："
        "UTF-8，否则 GBK 或 Windows-1252 中能读成文字的那"
        "个（都不能时 salescli 会询问）。",
    )
    date_format: Literal["DMY", "MDY", "ROC"] | None = _field(
        None,
        "Order of day and month in dates like 5/3/2024: M/D/Y or D/M/Y; needed only when no "
        "value of the file has a part above 12. ROC: 民國 (Taiwan) years, 99/12/31 = 2010-12-31 "
        "and 1130503 too (113/05/03 and 民國113年5月3日 are read as ROC without it).",
        "5/3/2024 这类日期中日和月的顺序：M/D/Y 或 D/M/Y；只"
        "在文件中没有大于 12 的部分时需要。ROC：民国纪年（台湾），99/1"
        "2/31 即 2010-12-31，1130503 也可读取（113/0"
        "5/03 和 民國113年5月3日 不设置也按民国纪年读取）。",
    )
    fill_down: bool | list[str] = _field(
        True,
        "Fill order-level columns down onto an order's continuation rows (Odoo, Shopify): "
        "true, false, or the canonical columns to fill.",
        "把订单级的列向下填入订单的续行（Odoo、Shopify）：true、false，或要填充的规范列名。",
    )
    ignore: list[str] = _field([], "Headers of the file to drop.", "文件中要忽略的表头。")
    decimal: Literal[".", ","] | None = _field(
        None,
        'Decimal separator of numbers written as text: "." (1,234.50) or "," (1.234,50, '
        "1 234,50); default: told from each number column's values.",
        '以文字写的数字的小数点："."（1,234.50）或 ","（1.234'
        ",50、1 234,50）；默认：按各数字列的值判断。",
    )
    overlap: Literal["error", "keep-first", "keep-last"] = _field(
        "error",
        "A line in two of the table's files: error (exit 65), keep-first (identical later "
        "copies dropped) or keep-last (later files are corrections and win).",
        "同一行出现在此表的两个文件中时：error（退出码 65）、keep-f"
        "irst（去掉后面相同的重复行）或 keep-last（后面的文件是更正"
        "，以它为准）。",
    )
    amount_level: Literal["auto", "line", "order"] = _field(
        "auto",
        "The orders' amount column: auto (an amount equal on every line of an order whose "
        "quantities or products differ is refused as an order total), line (it is each line's "
        "own amount) or order (it is the order's total: counted once, shared over the lines by "
        "quantity x unit price where the export has them).",
        "订单的金额列：auto（同一订单各行数量或产品不同而金额都相同时，视为整"
        "单合计而拒绝）、line（是每行自己的金额）或 order（是整单合计："
        "只计一次，导出有数量和单价时按数量×单价分摊到各行）。",
    )
    negative_quantity: Literal["ask", "return"] = _field(
        "ask",
        "An order line with a negative quantity and a positive amount, and no document type or "
        "return flag to say what it is: ask (the run stops, naming the rows) or return (it is "
        "a return: subtracted).",
        "数量为负、金额为正且没有单据类型或退货标志说明的订单行：ask（停止运行，列出这些行）或 "
        "return（是退货：冲减）。",
    )
    refund_level: Literal["auto", "line", "order"] = _field(
        "auto",
        "The orders' refund column (退款金额, Refunded Amount): auto (a refund the same on "
        "every line of an order whose amounts differ, or above its line's amount, is refused "
        "as the order's refund repeated on its lines), line (each line's own refund) or order "
        "(each order's refund: taken once, shared over its lines by their amounts).",
        "订单的退款列（退款金额）：auto（同一订单各行金额不同而退款都相同，"
        "或退款大于该行金额时，视为整单退款重复写在各行而拒绝）、line（每行自己的退款）或 order"
        "（整单退款：只计一次，按各行金额分摊）。",
    )
    rep_from_sheet: bool = _field(
        False,
        "A workbook with one sheet per salesperson: each line's rep is its sheet's name (a rep "
        "column of the sheet, where there is one, must agree).",
        "每个销售代表一个工作表的工作簿：每行的销售代表取其工作表名（工作表中若有"
        "销售代表列，必须一致）。",
    )
    last_line: Literal["check", "complete"] = _field(
        "check",
        "A text export whose last line has no line end may have been cut while it was "
        "written: check (refuse it, exit 65) or complete (the system writes files that way: "
        "read the line).",
        "文本导出文件的最后一行没有换行符时，可能是写入时被截断：check（拒绝"
        "，退出码 65）或 complete（系统本来就这样写文件：读入这一行）"
        "。",
    )
    hidden_rows: Literal["check", "read", "skip"] = _field(
        "check",
        "Rows hidden in a workbook (by a filter, or in a collapsed group): check (refuse them, "
        "exit 65), read (count them as any row) or skip (leave them out, as the filter meant).",
        "工作簿中被隐藏的行（筛选或折叠的分组）：check（拒绝，退出码 65）、read（与其他行一样读入）"
        "或 skip（不读，如筛选之意）。",
    )
    returns: list[str] = _field(
        [],
        "Sheets or files (names or globs) whose every line is a return, subtracted and never an "
        'order: returns = ["退货明细"] for a returns sheet beside the sales. A sheet or file '
        "whose name says returns or voids (退货, 退款, 红字, 作废, 取消, Returns, Void…) is "
        "refused until it is listed here, left out, or named in sheet or path.",
        "每一行都是退货的工作表或文件（名称或通配符），冲减销售、不算订单：如 returns = "
        '["退货明细"]。名称表明退货或作废（退货、退款、红字、作废、取消…）的工作表或文件，'
        "在此列出、不读入或在工作表、路径设置中点名之前会被拒绝。",
    )
    repeated_lines: Literal["warn", "count", "once"] = _field(
        "warn",
        "A line written twice alike in one file (no line number tells them apart): warn (both "
        "counted, said on stderr; --strict stops), count (they are lines of their own) or "
        "once (the export wrote it twice: read once).",
        "同一文件中完全相同的两行（没有行号区分）：warn（两行都计入，在标准错误"
        "上提示；--strict 时停止）、count（它们是各自独立的行）或 once（导出重复写了"
        "同一行：只读一次）。",
    )
    columns: dict[str, str] = _field(
        {}, 'canonical_name = "header in the file".', 'canonical_name = "文件中的表头"。'
    )
    source: str | None = _field(
        None,
        "Where the table lives instead of a file: postgresql://user@host/db (no password: "
        "PGPASSWORD, ~/.pgpass or password_command), sqlite:///file.db, duckdb:///file.duckdb, "
        "a Parquet or CSV folder or glob (hive folders month=2024-05/ are pruned), "
        "delta://folder or iceberg://folder.",
        "表所在之处（代替文件）：`postgresql://用户@主机/库`（不含密码：用 `PGPASSWORD`、"
        "`~/.pgpass` 或 password_command）、`sqlite:///文件.db`、`duckdb:///文件.duckdb`、"
        "`Parquet` 或 `CSV` 文件夹或通配符（`month=2024-05/` 这类分区文件夹按期间裁剪）、"
        "`delta://文件夹` 或 `iceberg://文件夹`。",
    )
    table: str | None = _field(
        None,
        "The source's table (schema.table) to read; or give query.",
        "要读取的来源表（`schema.table`）；或给出 `query`。",
    )
    query: str | None = _field(
        None,
        "A SELECT whose rows are the table (instead of table).",
        "一条 `SELECT` 语句，其结果行即此表（代替 `table`）。",
    )
    format: Literal["parquet", "csv", "delta", "iceberg"] | None = _field(
        None,
        "The format of a source folder; default: told from its address and files.",
        "来源文件夹的格式；默认：由地址和文件判断。",
    )
    password_command: str | None = _field(
        None,
        "A command that prints the database password (e.g. `pass show sales/db`); its output "
        "is never shown.",
        "输出数据库密码的命令（如密码管理器的命令）；其输出从不显示。",
    )

    @field_validator("date_format", mode="before")
    @classmethod
    def _day_month_order(cls, value: Any) -> Any:
        """M/D/Y, %m/%d/%Y, MM/DD/YYYY, mdy... all mean MDY."""
        if not isinstance(value, str):
            return value
        if value.strip().upper() in ("ROC", "民國", "民国"):
            return "ROC"
        letters = "".join(ch for ch in value.upper() if ch in "DMY")
        order = "".join(ch for i, ch in enumerate(letters) if i == 0 or ch != letters[i - 1])
        return order if order in ("DMY", "MDY") else value

    @field_validator("query")
    @classmethod
    def _one_statement(cls, value: str | None) -> str | None:
        """A query as a SQL prompt takes it, `select … ;` or `select … ; -- why`, is read as
        a table: without the semicolons that end it, outside a text, comments after them kept
        (salescli wraps it, on lines of its own, in its own statements)."""
        if value is None:
            return None
        query = value.strip()
        while (end := re.search(r";(?:\s|--[^\n]*)*$", query)) and not (
            query.count("'", 0, end.start()) % 2
        ):
            query = (query[: end.start()] + query[end.start() + 1 :]).strip()
        return query

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        """An encoding Python does not know is refused with the settings (78), not when a
        file is read (65), and only if a file of the table is text."""
        import codecs

        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(
                    _("unknown encoding {encoding!r} (e.g. gb18030, utf-8, cp1252)", encoding=value)
                ) from None
        return value


class EngineSettings(_Section):
    """`[engine]`: what reads a table that lives in a data lake (`[inputs.NAME] source`)."""

    kind: Literal["duckdb", "spark"] = _field(
        "duckdb",
        "What reads a Parquet or CSV folder named by [inputs.NAME] source: duckdb (in this "
        'process) or spark (Apache Spark SQL, pip install "salescli[spark]" and Java 17); '
        "databases, Delta and Iceberg tables keep their own reader. The policy's rules run "
        "in salescli on the lines fetched either way.",
        "读取 [inputs.NAME] source 所指 Parquet 或 CSV 文件夹的引擎：duckdb（在本进程内）"
        '或 spark（Apache Spark SQL，需 pip install "salescli[spark]" 和 Java 17）；'
        "数据库、Delta 和 Iceberg 表仍用各自的读取方式。无论哪种，政策规则都在 salescli "
        "中对取回的订单行运行。",
    )
    master: str = _field(
        "local[2]",
        "The Spark master the session connects to: local[N] (N cores of this machine) or a "
        "cluster's URL (spark://host:7077, yarn).",
        "Spark 会话连接的 master：local[N]（本机 N 个核）或集群地址（spark://主机:7077、yarn）。",
        min_length=1,
    )
    conf: dict[str, str | int | float | bool] = _field(
        {},
        'Spark settings passed to the session, e.g. "spark.driver.memory" = "4g".',
        '传给 Spark 会话的设置，如 "spark.driver.memory" = "4g"。',
    )


class Config(BaseModel):
    """A parsed salescli.toml."""

    policy: Policy
    inputs: dict[str, InputSpec]
    source: Path | None = None
    engine: EngineSettings = EngineSettings()


INPUT_KEYS = {
    "path",
    "sheet",
    "header_row",
    "encoding",
    "decimal",
    "date_format",
    "fill_down",
    "ignore",
    "overlap",
    "amount_level",
    "refund_level",
    "negative_quantity",
    "rep_from_sheet",
    "last_line",
    "hidden_rows",
    "returns",
    "repeated_lines",
    "source",
    "table",
    "query",
    "format",
    "password_command",
}


def load_config(path: Path | None, explicit: bool = False) -> Config:
    """Read salescli.toml; a missing workspace file means every default, a missing file
    named by --config (`explicit`) is an error: its policy would silently not apply."""
    if explicit and (path is None or not path.is_file()):
        raise ConfigError(
            _("--config {path}: no such file", path=path),
            hint=_(
                "check the path (it is relative to the current folder), or leave --config "
                "out to use WORKSPACE/salescli.toml"
            ),
        )
    if path is None or not path.exists():
        return Config(policy=Policy(), inputs={}, source=None)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            _("not valid TOML: {why}", why=_toml_reason(exc)), file=path, hint=_("fix the syntax")
        ) from None
    return parse_config(raw, path)


def parse_config(raw: dict[str, Any], path: Path | None = None) -> Config:
    raw = dict(raw)
    inputs_raw = raw.pop("inputs", {})
    engine_raw = raw.pop("engine", {})
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as exc:
        raise _config_error(exc, path, prefix="") from None
    inputs = {}
    for name, spec in inputs_raw.items():
        inputs[name] = _input_spec(name, spec, path)
    if not isinstance(engine_raw, dict):
        raise ConfigError(
            _("{setting} must be a table", setting="engine"),
            file=path,
            hint=_('e.g. [engine] kind = "spark"'),
        )
    try:
        engine = EngineSettings.model_validate(engine_raw)
    except ValidationError as exc:
        raise _config_error(exc, path, prefix="engine.") from None
    return Config(policy=policy, inputs=inputs, source=path, engine=engine)


def _input_spec(name: str, spec: Any, path: Path | None) -> InputSpec:
    from salescli.schema import TABLES

    where = f"inputs.{name}"
    if name not in TABLES:
        raise ConfigError(
            _("unknown table {table!r}", table=where),
            file=path,
            hint=_("tables are: {tables}", tables=", ".join(TABLES)),
        )
    if not isinstance(spec, dict):
        raise ConfigError(
            _("{setting} must be a table", setting=where),
            file=path,
            hint=_("[{setting}] path = ...", setting=where),
        )
    settings = {k: v for k, v in spec.items() if k in INPUT_KEYS}
    mapping = {k: v for k, v in spec.items() if k not in INPUT_KEYS}
    known = TABLES[name].columns
    for key, header in mapping.items():
        if key not in known or not isinstance(header, str):
            setting = where + "." + key
            raise ConfigError(
                _("{setting} = {header!r} is not a column mapping", setting=setting, header=header),
                file=path,
                hint=_(
                    "keys are {keys}, or a column of {table}: {columns}",
                    keys=", ".join(sorted(INPUT_KEYS)),
                    table=name,
                    columns=", ".join(known),
                ),
            )
    try:
        return InputSpec.model_validate({**settings, "columns": mapping})
    except ValidationError as exc:
        raise _config_error(exc, path, prefix=f"{where}.") from None


def _config_error(exc: ValidationError, path: Path | None, prefix: str) -> ConfigError:
    first = exc.errors()[0]
    key = prefix + ".".join(str(p) for p in first["loc"])
    value = first.get("input")
    if first["type"] == "value_error" and isinstance(first["ctx"]["error"], _TwoLists):
        return ConfigError(
            _raised(first["ctx"]["error"]),
            file=path,
            hint=_(
                "remove it from one of them: a word means one thing (a word you list leaves "
                "the built-in lists, not the lists written in salescli.toml)"
            ),
        )
    if first["type"] == "value_error" and isinstance(value, dict):
        # a rule between several settings: the message names each key and value
        return ConfigError(
            _raised(first["ctx"]["error"]),
            file=path,
            hint=_(
                "settings must agree: S >= A >= B >= C, A's lines at or above B's, "
                "A visited at least as often as B and B as C, some weight in every group"
            ),
        )
    if first["type"] == "extra_forbidden":
        return ConfigError(
            _("unknown setting {key!r}", key=key),
            file=path,
            hint=_("`salescli init` writes every setting with its description"),
        )
    return ConfigError(
        _("{key} = {value!r}: {problem}", key=key, value=value, problem=_pydantic(first)),
        file=path,
        hint=_("`salescli init` writes every setting with its allowed values"),
    )


# pydantic's messages, by error type, as ids: the English is pydantic's own
_PYDANTIC: dict[str, Any] = {
    "greater_than_equal": lambda c: _("Input should be greater than or equal to {ge}", **c),
    "less_than_equal": lambda c: _("Input should be less than or equal to {le}", **c),
    "greater_than": lambda c: _("Input should be greater than {gt}", **c),
    "less_than": lambda c: _("Input should be less than {lt}", **c),
    "float_parsing": lambda c: _(
        "Input should be a valid number, unable to parse string as a number"
    ),
    "float_type": lambda c: _("Input should be a valid number"),
    "int_parsing": lambda c: _(
        "Input should be a valid integer, unable to parse string as an integer"
    ),
    "int_type": lambda c: _("Input should be a valid integer"),
    "int_from_float": lambda c: _(
        "Input should be a valid integer, got a number with a fractional part"
    ),
    "bool_parsing": lambda c: _("Input should be a valid boolean, unable to interpret input"),
    "bool_type": lambda c: _("Input should be a valid boolean"),
    "string_type": lambda c: _("Input should be a valid string"),
    "list_type": lambda c: _("Input should be a valid list"),
    "literal_error": lambda c: _("Input should be {expected}", **c),
    "string_too_short": lambda c: n_(
        "String should have at least {min_length} character",
        "String should have at least {min_length} characters",
        int(c["min_length"]),
        **c,
    ),
    "string_too_long": lambda c: n_(
        "String should have at most {max_length} character",
        "String should have at most {max_length} characters",
        int(c["max_length"]),
        **c,
    ),
}


def _pydantic(error: Any) -> str:
    """pydantic's message of `error` as a message id; one salescli does not know as pydantic
    says it (shown in its own words)."""
    if error["type"] == "value_error":
        return _("Value error, {problem}", problem=_raised(error["ctx"]["error"]))
    known = _PYDANTIC.get(error["type"])
    context = {k: _shown(v) for k, v in (error.get("ctx") or {}).items()}
    if known is not None:
        try:
            said: str = known(context)
        except (KeyError, ValueError):  # a pydantic that names its context otherwise
            said = ""
        if said == error["msg"]:
            return said
    return error["msg"]  # pydantic's own words: shown as it wrote them, never guessed


def _shown(value: Any) -> str:
    """A bound as pydantic writes it in its message (0.0 as 0)."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _raised(error: BaseException) -> str:
    """The message a validator raised (a message id), or the text of another exception."""
    said = error.args[0] if error.args else str(error)
    return said if isinstance(said, Msg) else str(error)


# tomllib's fixed messages (Python 3.11's tomllib/_parser.py), each with its id; a message
# with a part of the file in it (a key, a character) is shown in tomllib's words
_TOML = {
    str(message): message
    for message in (
        _("Invalid statement"),
        _("Expected newline or end of document after a statement"),
        _("Expected ']' at the end of a table declaration"),
        _("Expected ']]' at the end of an array declaration"),
        _("Expected '=' after a key in a key/value pair"),
        _("Cannot overwrite a value"),
        _("Invalid value"),
        _("Unclosed array"),
        _("Unclosed inline table"),
        _("Unterminated string"),
        _("Invalid date or datetime"),
    )
}
_AT = re.compile(r"(?P<said>.+) \(at line (?P<line>\d+), column (?P<column>\d+)\)", re.S)


def _toml_reason(exc: Exception) -> str:
    """What tomllib says is wrong with salescli.toml, with where, in the user's language."""
    text = str(exc)
    if not isinstance(exc, tomllib.TOMLDecodeError):
        return text
    if text.endswith(" (at end of document)"):
        said = text.removesuffix(" (at end of document)")
        return _("{said} (at end of document)", said=_TOML.get(said, said))
    at = _AT.fullmatch(text)
    if at is None:
        return _TOML.get(text, text)
    said = _TOML.get(at["said"], at["said"])
    return _(
        "{said} (at line {line}, column {column})", said=said, line=at["line"], column=at["column"]
    )


def describe(model: type[BaseModel], prefix: str = "") -> list[tuple[str, Any, str]]:
    """Every leaf setting as (dotted key, default, description), for `init` and the docs."""
    out: list[tuple[str, Any, str]] = []
    for name, info in model.model_fields.items():
        key = prefix + name
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out.extend(describe(annotation, key + "."))
        else:
            out.append((key, info.default, info.description or ""))
    return out
