"""The canonical schema: the tables of POLICY.md ("Data the tool reads") and their columns.

Each column has a type, says whether its table needs it, and lists the headers that real exports
use for it (English, simplified and traditional Chinese; traditional headers are converted to
simplified before matching, so only simplified spellings are listed).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

ColumnType = Literal["id", "text", "date", "number", "integer", "period"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    zh: str
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    columns: dict[str, Column] = field(default_factory=dict)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns.values() if c.required]


def _c(name: str, type_: ColumnType, zh: str, *aliases: str, required: bool = False) -> Column:
    return Column(name, type_, zh, (zh, *aliases), required)


# Shared column definitions: one definition of each column, reused by every table that has it.
_ORDER_ID = _c("order_id", "id", "订单编号", "订单号", "单号", "order no", "order number", "so no")
_CUSTOMER_ID = _c(
    "customer_id",
    "id",
    "客户编号",
    "客户编码",
    "客户id",
    "客户代码",
    "customer no",
    "customer code",
    "client id",
)
_CUSTOMER_NAME = _c("customer_name", "text", "客户名称", "客户", "公司名称", "client", "customer")
_REP = _c(
    "rep",
    "text",
    "销售代表",
    "业务员",
    "销售员",
    "负责人",
    "销售人员",
    "sales rep",
    "salesperson",
    "owner",
)
_REGION = _c("region", "text", "区域", "地区", "大区", "片区", "area")
_GROUP = _c("customer_group", "text", "客户群体", "客户类型", "行业", "segment", "industry")
_PERIOD = _c("period", "period", "期间", "月份", "考核期", "month", required=True)


def _table(name: str, zh: str, *columns: Column) -> Table:
    return Table(name, zh, {c.name: c for c in columns})


def _required(column: Column) -> Column:
    return Column(column.name, column.type, column.zh, column.aliases, True)


TABLES: dict[str, Table] = {
    t.name: t
    for t in [
        _table(
            "orders",
            "订单",
            _required(_ORDER_ID),
            _c(
                "order_date",
                "date",
                "下单日期",
                "订单日期",
                "日期",
                "order date",
                "date",
                required=True,
            ),
            _required(_CUSTOMER_ID),
            _CUSTOMER_NAME,
            _REP,
            _c(
                "product_model",
                "text",
                "产品型号",
                "型号",
                "规格型号",
                "产品",
                "model",
                "product",
                "sku",
            ),
            _c("category", "text", "产品类别", "产品分类", "类别", "品类", "product category"),
            _c("quantity", "number", "数量", "销量", "qty", "volume"),
            _c("unit_price", "number", "单价", "price", "unit price"),
            _c(
                "amount",
                "number",
                "金额",
                "销售额",
                "销售金额",
                "价税合计",
                "含税金额",
                "sales amount",
                "revenue",
                "sales",
            ),
            _c("cost", "number", "成本", "成本金额", "cost amount"),
            _c("profit", "number", "利润", "毛利", "gross profit", "margin amount"),
            _c(
                "due_date",
                "date",
                "交货日期",
                "约定交货日期",
                "计划交货日期",
                "要求交期",
                "delivery date",
            ),
            _c(
                "delivered_on",
                "date",
                "实际交货日期",
                "到货日期",
                "实际交期",
                "delivered",
                "delivered date",
                "actual delivery date",
            ),
            _c("payment_terms", "text", "付款方式", "结算方式", "付款条件", "payment"),
            _c("status", "text", "状态", "订单状态", "order status"),
            _REGION,
            _GROUP,
        ),
        _table(
            "customers",
            "客户",
            _required(_CUSTOMER_ID),
            _CUSTOMER_NAME,
            _REP,
            _REGION,
            _GROUP,
            _c(
                "legal_representative",
                "text",
                "法定代表人",
                "法人",
                "法人代表",
                "legal representative",
            ),
            _c("address", "text", "地址", "公司地址", "详细地址"),
            _c("phone", "text", "联系电话", "电话", "公司电话", "telephone", "tel"),
            _c("contact_name", "text", "联系人", "联系人姓名", "contact", "contact person"),
            _c("contact_title", "text", "职位", "联系人职位", "职务", "title", "position"),
            _c("contact_phone", "text", "联系人电话", "手机", "联系人手机", "mobile"),
            _c("created_on", "date", "建档日期", "创建日期", "created", "created date"),
            _c("potential_value", "number", "潜在价值", "potential", "potential value"),
            _c("preferences", "text", "需求偏好", "偏好", "preference"),
            _c("feedback", "text", "客户反馈", "反馈", "反馈意见"),
            _c(
                "class",
                "text",
                "客户分类",
                "客户等级",
                "分类",
                "等级",
                "customer class",
                "abc class",
            ),
        ),
        _table(
            "visits",
            "拜访",
            _c("visit_date", "date", "拜访日期", "日期", "visit date", "date", required=True),
            _REP,
            _required(_CUSTOMER_ID),
            _CUSTOMER_NAME,
            _c("purpose", "text", "拜访目的", "目的"),
            _c("summary", "text", "拜访内容", "拜访纪要", "内容", "纪要"),
            _c("next_step", "text", "下一步", "后续计划", "next steps"),
        ),
        _table(
            "opportunities",
            "商机",
            _c(
                "opportunity_id",
                "id",
                "商机编号",
                "机会编号",
                "opportunity no",
                "opportunity",
                required=True,
            ),
            _CUSTOMER_ID,
            _CUSTOMER_NAME,
            _REP,
            _c("source", "text", "来源", "商机来源", "lead source"),
            _c("created_on", "date", "创建日期", "建立日期", "created", "created date"),
            _c("stage", "text", "阶段", "销售阶段", "商机阶段"),
            _c("expected_amount", "number", "预计金额", "预期金额", "expected value"),
            _c("next_follow_up", "date", "下次跟进日期", "下次跟进", "跟进日期", "next follow up"),
            _c("closed_on", "date", "关闭日期", "结束日期", "成交日期", "close date"),
            _c("outcome", "text", "结果", "赢单/输单", "状态", "result", "status"),
        ),
        _table(
            "targets",
            "目标",
            _required(_REP),
            _PERIOD,
            _c("target", "number", "目标", "目标金额", "销售目标", "target amount", required=True),
            _c("target_quantity", "number", "目标数量", "数量目标"),
            _c("target_profit", "number", "目标利润", "利润目标"),
            _c("base_bonus", "number", "基本奖金", "奖金基数", "base bonus"),
        ),
        _table(
            "adjustments",
            "目标调整",
            _required(_REP),
            _PERIOD,
            _c("new_target", "number", "调整后目标", "调整后的目标值", "新目标", "new target"),
            _c("reason", "text", "调整原因", "原因"),
            _c("basis", "text", "调整依据", "依据"),
            _c("manager_approved", "text", "经理审核", "销售经理审核", "经理审批", "manager"),
            _c("leader_approved", "text", "领导审批", "公司领导审批", "领导批准", "leader"),
        ),
        _table(
            "satisfaction",
            "满意度",
            _required(_CUSTOMER_ID),
            _c("survey_date", "date", "调查日期", "日期", "survey date", "date", required=True),
            _c("score", "number", "满意度", "评分", "得分", "rating", required=True),
            _REP,
        ),
        _table(
            "expenses",
            "费用",
            _required(_REP),
            _c("month", "period", "月份", "期间", "period", required=True),
            _c("expense", "number", "费用", "销售费用", "实际费用", "expenses", required=True),
            _c("budget", "number", "预算", "费用预算", required=True),
        ),
        _table(
            "reviews",
            "考评",
            _required(_REP),
            _PERIOD,
            _c("score", "number", "评分", "经理评分", "得分", "manager score", required=True),
            _c("comment", "text", "评语", "经理评语", "comments"),
        ),
        _table(
            "weights",
            "权重",
            _REP,
            _REGION,
            _c("category", "text", "产品类别", "类别", "品类"),
            _GROUP,
            _c(
                "weight",
                "number",
                "权重",
                "市场潜力",
                "market potential",
                "potential",
                required=True,
            ),
        ),
        _table(
            "market",
            "市场",
            _c("period", "period", "期间", "月份", "季度", "month", "quarter"),
            _REGION,
            _c("category", "text", "产品类别", "类别", "品类"),
            _c("market_size", "number", "市场规模", "市场容量", "market"),
            _c("competitor", "text", "竞争对手", "竞品", "rival"),
            _c("competitor_amount", "number", "竞争对手销售额", "竞品金额", "竞争对手金额"),
        ),
    ]
}

_STRIP = re.compile(r"[\s_\-./:：（）()*#]+")


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@cache
def header_key(text: object) -> str:
    """Normalise a header for matching: width, case, spaces, underscores, traditional forms."""
    folded = unicodedata.normalize("NFKC", str(text)).strip().lower()
    if any("\u4e00" <= ch <= "\u9fff" for ch in folded):
        folded = _t2s().convert(folded)
    return _STRIP.sub("", folded)


@cache
def alias_index(table: str) -> dict[str, str]:
    """Header key -> canonical column name for one table."""
    index: dict[str, str] = {}
    for column in TABLES[table].columns.values():
        for alias in (column.name, *column.aliases):
            index.setdefault(header_key(alias), column.name)
    return index
