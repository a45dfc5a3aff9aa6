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
    # headers that take the column only when no header of an earlier tier is in the file,
    # tier by tier (SAP's Created on steps aside for Document Date)
    fallbacks: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    columns: dict[str, Column] = field(default_factory=dict)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns.values() if c.required]


def _c(
    name: str,
    type_: ColumnType,
    zh: str,
    *aliases: str,
    required: bool = False,
    later: tuple[tuple[str, ...], ...] = (),
) -> Column:
    return Column(name, type_, zh, (zh, *aliases), required, later)


# Shared column definitions: one definition of each column, reused by every table that has it.
_ORDER_ID = _c(
    "order_id",
    "id",
    "订单编号",
    "订单号",
    "单号",
    "单据编号",
    "编号",
    "order no",
    "order number",
    "order id",
    "so no",
    "sales document",
    "order reference",
    "verkaufsbeleg",
    later=(
        ("发货单号", "出库单号", "opportunity id", "record id", "deal id"),
        # an invoice's or a document's number: the order when the export lists documents
        (
            *("invoice number", "invoice no", "invoicenumber", "document number", "doc no"),
            *("docnum", "doc. no.", "document no", "transaction number", "number", "num"),
            *("发票号", "发票号码"),
            *("单据号", "单据号码", "单号码", "凭证号", "销货单号", "单据编码"),
        ),
    ),
)
_CUSTOMER_ID = _c(
    "customer_id",
    "id",
    "客户编号",
    "客户编码",
    "客户id",
    "客户代码",
    "客户代号",
    "customer no",
    "customer code",
    "customer id",
    "client id",
    "sold-to party",
    "sold-to",
    "account id",
    "往来单位编号",
    "往来单位代码",
    "cardcode",
    "card code",
    "bp code",
    "customer number",
    "auftraggeber",
    later=(("email", "customer email", "买家会员名", "买家昵称", "会员名"),),
)
_CUSTOMER_NAME = _c(
    "customer_name",
    "text",
    "客户名称",
    "客户全称",
    "公司名称",
    "customer name",
    "name 1",
    "account name",
    "billing name",
    "company name",
    "cardname",
    "card name",
    "bp name",
    *("客户", "购货单位", "往来单位", "client", "customer", "associated company", "company"),
    *("account", "partner", "invoice partner display name"),
    later=(("客户简称", "简称"),),  # U8 has 客户简称 beside 客户名称
)
# One customer column that says neither id nor name (客户, Customer): the id and the name when
# the file has no other, else the one of the two the file lacks (SAP's Customer beside Name 1).
GENERIC_CUSTOMER = (
    "客户",
    "购货单位",
    "往来单位",
    "partner",
    "invoice partner display name",
    "client",
    "customer",
    "associated company",
    "company",
    "account",
)
_REP = _c(
    "rep",
    "text",
    "销售代表",
    "业务员",
    "销售员",
    "专管业务员",
    "负责人",
    "销售人员",
    "sales rep",
    "salesperson",
    "owner",
    "opportunity owner",
    "deal owner",
    "account owner",
    "经手人",
    "业务人员",
    "销售业务员",
    "跟单员",
    "所属销售",
    "归属人",
    "业绩归属人",
    "负责业务",
    "承办人",
    "导购",
    "导购员",
    "营业员",
    "sales employee",
    "sales order owner",
    "sales person",
    "sales representative",
    "salesperson code",
    "sales executive",
    "account rep",
    "record owner",
    "person responsible",
    "employee responsible",
    "slpname",
    "verkäufer",
    "vertriebsmitarbeiter",
    "vertriebsbeauftragter",
    "kundenbetreuer",
)
_REGION = _c("region", "text", "区域", "地区", "大区", "片区", "area")
_GROUP = _c("customer_group", "text", "客户群体", "客户类型", "行业", "segment", "industry")
_PERIOD = _c("period", "period", "期间", "月份", "考核期", "month", required=True)


# an order line's customer: Xero names it ContactName (in a customer file, the contact person)
_ORDER_CUSTOMER_NAME = Column(
    _CUSTOMER_NAME.name,
    _CUSTOMER_NAME.type,
    _CUSTOMER_NAME.zh,
    _CUSTOMER_NAME.aliases,
    fallbacks=(*_CUSTOMER_NAME.fallbacks, ("contactname",)),
)


# a visit's customer: 钉钉 签到 names it 拜访对象 (picked from the customers, or typed)
_VISITED_CUSTOMER_NAME = Column(
    _CUSTOMER_NAME.name,
    _CUSTOMER_NAME.type,
    _CUSTOMER_NAME.zh,
    (*_CUSTOMER_NAME.aliases, "拜访对象", "拜访客户"),
    fallbacks=_CUSTOMER_NAME.fallbacks,
)


def _table(name: str, zh: str, *columns: Column) -> Table:
    return Table(name, zh, {c.name: c for c in columns})


def _required(column: Column) -> Column:
    return Column(column.name, column.type, column.zh, column.aliases, True, column.fallbacks)


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
                "document date",
                "belegdatum",
                "销货日期",
                "销售日期",
                required=True,
                later=(
                    ("发货日期", "出库日期", "close date"),
                    (
                        *("单据日期", "开票日期", "过账日期", "posting date", "invoice date"),
                        *("invoicedate", "docdate", "doc date", "transaction date"),
                        *("invoice/bill date", "订单创建时间"),
                    ),
                    (
                        "制单日期",
                        "创建日期",
                        "created on",
                        "created at",
                        "created date",
                        "create date",
                    ),
                ),
            ),
            _required(_CUSTOMER_ID),
            _ORDER_CUSTOMER_NAME,
            _REP,
            _c("product_model", "text", "产品型号", "型号", "规格型号", "产品", "model", "product"),
            _c(
                "product_code",
                "id",
                "产品编码",
                "物料编码",
                "产品长代码",
                "存货编码",
                "商品编码",
                "品号",
                "material",
                "product id",
                "product code",
                "sku",
                "lineitem sku",
                later=(("产品代码", "物料代码", "存货代码"),),
            ),
            _c(
                "product_name",
                "text",
                "产品名称",
                "物料名称",
                "存货名称",
                "商品名称",
                "品名",
                "product name",
                "description",
                "lineitem name",
                "order lines/product",
            ),
            _c("category", "text", "产品类别", "产品分类", "类别", "品类", "product category"),
            _c(
                "quantity",
                "number",
                "数量",
                "销量",
                "销售数量",
                "实发数量",
                "qty",
                "volume",
                "quantity",
                "order quantity",
                "lineitem quantity",
                "order lines/quantity",
                "auftragsmenge",
                # 抖店, 拼多多, 有赞, 京东 and 快手 shops
                *("商品数量", "商品数量(件)", "购买数量", "订购数量", "成交数量"),
                later=(("基本单位数量", "计价数量", "应发数量"),),
            ),
            _c(
                "unit_price",
                "number",
                "单价",
                "无税单价",
                "销售单价",
                "price",
                "unit price",
                "lineitem price",
                "item price",
                "sales price",
                "unitamount",
                "price each",
                "order lines/unit price",
            ),
            _c("gross_unit_price", "number", "含税单价", "unit price incl. tax"),
            # a line's discount; subtracted only where the amount is quantity x price (Shopify)
            _c("line_discount", "number", "行折扣额", "lineitem discount", "line discount"),
            # a discount on the whole order, written on one of its lines (金蝶精斗云 整单折扣额):
            # read only when mapped, since no header says whether the lines' amounts take it off
            Column("order_discount", "number", "整单折扣"),
            _c(
                "amount",
                "number",
                "金额",
                "无税金额",
                "未税金额",  # 鼎捷 (Digiwin), beside 含税金额
                "销售额",
                "销售金额",
                "sales amount",
                "revenue",
                "sales",
                "amount",
                "net value",
                "order lines/subtotal",
                "order lines/untaxed amount",
                "row total",
                "line total",
                "tax excluded",
                "买家实际支付金额",
                "实付金额",
                "untaxed amount signed",
                "tax excluded signed",
                "item total",
                "line amount",
                "lineamount",
                "linetotal",
                "nettowert",
            ),
            _c(
                "gross_amount",
                "number",
                "价税合计",
                "含税金额",
                "gross amount",
                "amount incl. tax",
                "order lines/total",
            ),
            _c("net_amount", "number", "不含税金额"),
            # the amount in the base currency beside the document's own (本位币金额): the sale
            _c(
                "base_amount",
                "number",
                "本位币金额",
                "金额本位币",
                "本币金额",
                "本位币无税金额",
                "无税金额本位币",
                "amount lc",
                "amount local currency",
                "amount in local currency",
                "amount base currency",
                "local amount",
                "net value in local currency",
                "本币无税金额",
                "折本币金额",
                "本币销货金额",
                "本币未税金额",
                "amount lcy",
                "sales lcy",
                "total lc",
                "row total lc",
                "base amount",
                "amount in company currency",
                "amount converted",  # Salesforce, a multi-currency org: the corporate currency
                "betrag in hauswährung",
                "hauswährungsbetrag",
            ),
            # a refund or return amount on the line, subtracted from its amount (Taobao 退款金额)
            _c(
                "refund_amount",
                "number",
                "退款金额",
                "退款",
                "退货金额",
                "refund amount",
                "refunded amount",
                "amount refunded",
                "refunds",
                "已退款金额",
                "商品已退款金额",
                "买家退款金额",
                "售后退款金额",
                "退款金额元",
                "total refunded",
                "item refunded",
                "refunded total",
                "return amount",
                "returned amount",
                "erstattungsbetrag",
                "gutschriftsbetrag",
            ),
            # the document currency's amount beside the base currency's (NetSuite's Amount
            # (Foreign Currency), U8's 原币金额), and its currency (made by the readers)
            _c(
                "original_amount",
                "number",
                "原币金额",
                "原币无税金额",
                "amount foreign currency",
                "amount fcy",
                "amount in currency",
                "foreign amount",
                "betrag in belegwährung",
            ),
            Column("original_currency", "text", "原币币种"),
            # a yes/no column saying the line is a return (U8 退货标志)
            _c("return_flag", "text", "退货标志", "是否退货", "return flag", "is return"),
            # the export's own rate from the document's currency to the base currency
            _c(
                "exchange_rate",
                "number",
                "汇率",
                "折算汇率",
                "exchange rate",
                "currency factor",
                "ex rate",
                "kurs",
            ),
            _c(
                "order_subtotal",
                "number",
                "订单金额",
                "subtotal",
                "untaxed amount",
                "amount untaxed",
            ),
            _c(
                "order_total",
                "number",
                "订单总额",
                "total",
                "total amount",
                "doctotal",
                "document total",
                "invoice total",
            ),
            _c("cost", "number", "成本", "成本金额", "cost amount", "cost"),
            _c("profit", "number", "利润", "毛利", "gross profit", "margin amount", "profit"),
            _c(
                "due_date",
                "date",
                "交货日期",
                "约定交货日期",
                "计划交货日期",
                "要求交期",
                "要货日期",
                "预发货日期",
                "预计交货日期",
                "delivery date",
                "requested delivery date",
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
                "ship date",
            ),
            _c("payment_terms", "text", "付款方式", "结算方式", "付款条件", "payment"),
            _c(
                "status",
                "text",
                "状态",
                "订单状态",
                "单据状态",
                "order status",
                "status",
                "sale status",
                "financial status",
                "invoice status",
                "document status",
                "transaction status",
                "交易状态",
                later=(("stage", "deal stage", "阶段", "销售阶段"),),
            ),
            _c(
                "document_type",
                "text",
                "单据类型",
                "单据类别",
                "单据名称",
                "业务类型",
                "交易类型",
                "销售类型",
                "单别",
                "单据性质",
                "红蓝字",
                "红蓝标志",
                "document type",
                "txn type",
                "event type",
                "receipt type",
                "move type",
                "sales document type",
                "order type",
                "record type",
                "auftragsart",
                "doc type",
                "transaction type",
                "type of document",
                "belegart",
                "verkaufsbelegart",
                "verkaufsbelegtyp",
            ),
            # a yes/no column that takes a line out (mapped by the user; headed flags are found)
            _c("cancel_flag", "text", "取消标记"),
            _c(
                "currency",
                "text",
                "币种",
                "币别",
                "货币",
                "币制",
                "交易币种",
                "结算币别",
                "原币",
                "币种名称",
                "币种代码",
                "原币币种",
                "币别代号",
                "交易币别",
                "doc currency",
                "document currency",
                "sd document currency",
                "order currency",
                "invoice currency",
                "transaction currency",
                "currency of value",
                "belegwährung",
                "waerk",
                "currency",
                "currency code",
                "curr",
                "ccy",
                "währung",
                "waehrung",
            ),
            _REGION,
            _GROUP,
            # the line's number within its order (or its document): two rows of one order with
            # one number are one line written twice (data/duplicates.py)
            _c(
                "line_no",
                "id",
                "行号",
                *("分录号", "分录行号", "项次", "line no", "line no.", "line number", "line id"),
                "line #",
                # a line number of another document (the sales order's, beside a delivery's
                # own 行号) steps aside for the document's own
                later=(("订单行号", "明细行号", "order line no"),),
            ),
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
                "客户级别",
                "分类",
                "等级",
                "customer class",
                "abc class",
            ),
        ),
        _table(
            "visits",
            "拜访",
            _c(
                "visit_date",
                "date",
                "拜访日期",
                "日期",
                "拜访时间",
                "签到时间",  # 钉钉 签到: the check-in's date and time in one cell
                "visit date",
                "date",
                required=True,
            ),
            _REP,
            _required(_CUSTOMER_ID),
            _VISITED_CUSTOMER_NAME,
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
                "opportunity id",
                "record id",
                "deal id",
                required=True,
            ),
            _CUSTOMER_ID,
            _CUSTOMER_NAME,
            _REP,
            _c("opportunity_name", "text", "商机名称", "机会名称", "opportunity name", "deal name"),
            _c("source", "text", "来源", "商机来源", "lead source", "source"),
            _c(
                "created_on",
                "date",
                "创建日期",
                "建立日期",
                "created",
                "created date",
                "create date",
                "created on",
            ),
            _c("stage", "text", "阶段", "销售阶段", "商机阶段", "deal stage"),
            _c(
                "expected_amount",
                "number",
                "预计金额",
                "预期金额",
                "商机金额",
                "expected value",
                "amount",
            ),
            _c(
                "next_follow_up",
                "date",
                "下次跟进日期",
                "下次跟进",
                "下次跟进时间",
                "跟进日期",
                "next follow up",
            ),
            _c(
                "closed_on",
                "date",
                "关闭日期",
                "结束日期",
                "成交日期",
                "结单日期",  # 销售易: the close date, expected while open
                "close date",
                "closed date",
            ),
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
            # a target given in parts (by product line, region or customer group, as
            # split-targets --by writes it): the rep's target is the parts' sum
            _c("category", "text", "产品类别", "类别", "品类", "产品线"),
            _REGION,
            _GROUP,
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
            _c("effective_on", "date", "生效日期", "调整生效日期", "effective", "effective date"),
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
        _table(
            "rates",
            "汇率",
            _c("month", "period", "月份", "期间", "period", required=True),
            _c("currency", "text", "币种", "币别", "货币", "currency", required=True),
            _c("rate", "number", "汇率", "折算率", "exchange rate", "rate", required=True),
        ),
        _table(
            "feedback",
            "客户反馈",
            _c(
                "feedback_id",
                "id",
                "反馈编号",
                "反馈单号",
                "工单号",
                "feedback no",
                "feedback id",
                "ticket no",
                required=True,
            ),
            _required(_CUSTOMER_ID),
            _CUSTOMER_NAME,
            _REP,
            _c(
                "received_on",
                "date",
                "反馈日期",
                "受理日期",
                "接收日期",
                "登记日期",
                "received",
                "received date",
                required=True,
            ),
            _c("channel", "text", "渠道", "反馈渠道", "来源"),
            _c("category", "text", "类别", "反馈类别", "问题类别", "反馈类型", "type"),
            _c("content", "text", "反馈内容", "内容", "问题描述", "description"),
            _c("handler", "text", "处理人", "受理人", "客服", "经办人", "assignee"),
            _c(
                "resolved_on",
                "date",
                "解决日期",
                "办结日期",
                "处理完成日期",
                "完成日期",
                "resolved",
                "resolved date",
            ),
            _c("result", "text", "处理结果", "结果", "处理意见", "resolution"),
            _c(
                "returned_to_rep_on",
                "date",
                "回复销售日期",
                "反馈销售日期",
                "回传销售日期",
                "回复日期",
                "returned to rep",
                "returned on",
            ),
        ),
        _table(
            "order_changes",
            "订单变更",
            _c(
                "change_id",
                "id",
                "变更单号",
                "变更编号",
                "变更单编号",
                "change no",
                "change id",
                required=True,
            ),
            _required(_ORDER_ID),
            _REP,
            _c(
                "requested_on",
                "date",
                "申请日期",
                "变更申请日期",
                "提出日期",
                "requested",
                "request date",
                required=True,
            ),
            _c("change_type", "text", "变更类型", "变更项目", "类型", "change type", "type"),
            _c("old_value", "text", "原值", "变更前", "变更前内容", "old value"),
            _c("new_value", "text", "新值", "变更后", "变更后内容", "new value"),
            _c("old_amount", "number", "原金额", "变更前金额", "old amount"),
            _c("new_amount", "number", "新金额", "变更后金额", "new amount"),
            _c("reason", "text", "变更原因", "原因"),
            _c("decision", "text", "审批结果", "审批状态", "审批意见", "approval", "result"),
            _c("decided_on", "date", "审批日期", "审批时间", "决定日期", "decision date"),
            _c("approver", "text", "审批人", "批准人", "approved by"),
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
    return {key: name for key, (name, _) in alias_tiers(table).items()}


@cache
def alias_tiers(table: str) -> dict[str, tuple[str, int]]:
    """Header key -> (canonical column name, tier): a header of a later tier takes its column
    only when the file has no header of an earlier one."""
    index: dict[str, tuple[str, int]] = {}
    for column in TABLES[table].columns.values():
        for alias in (column.name, *column.aliases):
            index.setdefault(header_key(alias), (column.name, 0))
        for tier, aliases in enumerate(column.fallbacks, start=1):
            for alias in aliases:
                index.setdefault(header_key(alias), (column.name, tier))
    return index


@cache
def generic_customer_keys() -> frozenset[str]:
    return frozenset(header_key(h) for h in GENERIC_CUSTOMER)


# Columns that mark an order line cancelled, voided or closed. Flags hold yes/no words
# (作废状态 = 是, 关闭标志 = Y); markers are filled only on such a line (关闭人, Cancelled at).
CANCEL_FLAGS = (
    "作废状态",
    "作废标志",
    "是否作废",
    "作废",
    "关闭标志",
    "关闭状态",
    "是否关闭",
    "行关闭",
    "业务关闭",
    "行业务关闭",
    "cancelled",
    "voided",
)
CANCEL_MARKERS = (
    "关闭人",
    "行关闭人",
    "作废人",
    "关闭日期",
    "作废日期",
    "cancelled at",
    "voided at",
)


@cache
def cancel_keys() -> dict[str, str]:
    """Header key -> "flag" or "marker", for the orders table."""
    keys = {header_key(h): "marker" for h in CANCEL_MARKERS}
    keys.update({header_key(h): "flag" for h in CANCEL_FLAGS})
    return keys
