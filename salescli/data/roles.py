"""What each header of an export is, so that nothing an export says is ignored.

Every header gets a role: *used* (it is a canonical column), *aside* (another header took its
column), *harmless* (a descriptive column: names, specs, remarks, addresses, units,
warehouses...), *ignored* (`ignore = [...]` in salescli.toml) or *unknown*. An unknown column
that could change a figure is a *concern*: a person who may be the seller, a document type
that may say return, a cancel flag, a currency, a refund, a second amount or date. A concern
stops the run (65) naming the column, why it looks meaningful, sample values, and the setting
that settles it (POLICY "What a sale is"; STYLE 18).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from salescli.data.values import as_text, clean_text, parse_date, parse_number
from salescli.i18n import Msg, _
from salescli.schema import header_key

# Descriptive columns of real exports: read by people, never by a figure.
HARMLESS = (
    # remarks and free text
    *("备注", "摘要", "说明", "附注", "表头备注", "表体备注", "行备注", "单据备注", "内部备注"),
    *("附加说明", "买家留言", "商品留言", "买家备注", "商家备注", "商家订单备注", "订单备注"),
    *("商家备忘", "memo/description", "customer note", "order notes", "details", "narration"),
    *("kurztext", "langtext"),
    *("remark", "remarks", "note", "notes", "memo", "comment", "comments", "internal note"),
    *("description", "line description", "bemerkung", "notiz"),
    # products: specs, units, codes, batches
    *("规格", "型号规格", "规格说明", "单位", "计量单位", "基本单位", "销售单位", "计价单位"),
    *("辅助单位", "辅计量单位", "主计量单位", "换算率", "批号", "批次", "序列号", "条形码"),
    *("条码", "品牌", "产地", "颜色", "尺码", "尺寸", "重量", "毛重", "净重", "体积", "件数"),
    *("箱数", "包装", "包装规格", "图号", "物料类别", "存货分类", "存货大类", "商品分类"),
    *("unit", "uom", "unit of measure", "sales unit", "barcode", "ean", "upc", "brand"),
    *("batch", "lot", "serial number", "weight", "colour", "color", "size", "variant"),
    *("lineitem variant", "variant sku", "item group", "product type", "vendor"),
    *("mengeneinheit", "verkaufsmengeneinheit", "me", "charge", "material group"),
    *("商品规格", "规格编码", "商品属性", "套餐信息", "国际条码", "批次号", "生产日期", "有效期"),
    *("spec", "specification", "variation", "usage unit", "price point name", "einheit"),
    *("modifiers applied", "itemization type", "inventory item code", "hsn/sac", "seriennummer"),
    # places, warehouses, logistics
    *("仓库", "发货仓库", "仓位", "库位", "库存组织", "发货组织", "销售组织", "结算组织"),
    *("部门", "销售部门", "业务部门", "部门名称", "工厂", "公司", "公司名称", "账套"),
    *("收货地址", "送货地址", "发货地址", "地址", "详细地址", "省", "省份", "市", "城市"),
    *("区", "县", "邮编", "邮政编码", "国家", "运输方式", "发运方式", "物流公司", "快递公司"),
    *("运单号", "快递单号", "物流单号", "车牌号", "warehouse", "location", "site", "plant"),
    *("department", "division", "sales organization", "distribution channel", "country"),
    *("state", "province", "city", "zip", "postcode", "postal code", "street", "address"),
    *("billing address", "shipping address", "billing street", "shipping street"),
    *("billing city", "billing zip", "billing province", "billing country", "billing phone"),
    *("shipping city", "shipping zip", "shipping province", "shipping country"),
    *("shipping method", "shipping name", "shipping phone", "shipping company"),
    *("tracking number", "carrier", "werk", "verkaufsorganisation", "vertriebsweg"),
    *("sparte", "lagerort", "land", "ort", "postleitzahl", "库房", "货位", "详细收货地址"),
    *("收货人省份", "地区", "运送方式", "发货方式", "bin", "device name", "purchase point"),
    *("store", "lager", "lieferadresse", "shipping information"),
    # contacts and the record-keeping people who are not the seller
    *("联系人", "联系电话", "电话", "手机", "传真", "邮箱", "电子邮件", "email", "e-mail"),
    *("phone", "telephone", "mobile", "fax", "contact", "contact person", "website"),
    *("联系手机", "email address", "billing email"),
    *("收货人", "收货人电话", "收件人", "收件人电话", "收货人手机", "收货方"),
    *("制单人", "制单", "审核人", "审核", "审批人", "记账人", "过账人", "创建人", "修改人"),
    *("最后修改人", "打印人", "库管员", "仓管员", "保管员", "发货人", "制表人", "复核人"),
    *("签字人", "建单人", "验收", "保管", "发货员工", "收货人姓名", "提货人", "达人昵称"),
    *("开票人", "收款人", "操作员", "制单人员", "审核者", "建立者", "修改者", "联络人"),
    *("created by", "modified by", "last modified by", "approved by", "approver", "creator"),
    *("posted by", "user", "user signature", "sales taker", "bill-to name", "ship-to name"),
    *("recipient", "ship to", "ship-to party", "ship to name", "bill to", "bill-to party"),
    *("erfasst von", "erfaßt von", "angelegt von", "geändert von", "freigegeben von"),
    *("warenempfänger", "deal - creator", "buyer"),
    # record-keeping dates and numbers that date or count no sale
    *("审核日期", "审核时间", "修改日期", "修改时间", "最后修改日期", "最后修改时间", "打印日期"),
    *("打印次数", "创建时间", "更新时间", "last modified", "last modified date"),
    *("modified date", "modified on", "updated at", "changed on", "last changed on"),
    *("approved on", "printed on", "geändert am"),
    # payment and fulfilment dates: a sale is dated by its order (or delivery), not its payment
    *("paid at", "payment date", "date paid", "付款日期", "付款时间", "收款日期", "支付时间"),
    *("回款日期", "到账日期", "fulfilled at", "closed at", "processed at"),
    *("行号", "序号", "行", "分录号", "分录行号", "line", "line no", "line number", "item", "pos"),
    *("position", "line id", "row", "id", "#"),
    # taxes beside a net amount, rates and freight that no line amount holds
    *("税率", "税额", "增值税", "税率%", "税额本位币", "tax", "tax rate", "tax amount", "vat"),
    *("vat rate", "tax code", "taxes", "steuer", "steuersatz", "mwst"),
    *("运费", "freight", "shipping", "shipping fee"),
    # payment and delivery words that figures do not read
    *("发票编号", "合同号", "合同编号", "源单编号", "源单号", "关联单号", "税号", "项次"),
    *("外部订单号", "源单单号", "源单类型", "项目", "店铺名称", "是否手机订单"),
    *("tax type", "t/c", "taxamount", "line no", "row no", "external document no"),
    *("account", "accountcode", "nominal", "dept", "sales channel", "time", "time zone"),
    *("transaction id", "payment id", "token", "pan suffix", "card brand", "steuerbetrag"),
    *("kundenreferenz"),
    *("客户订单号", "客户po", "po", "po number", "purchase order", "customer po"),
    *("reference", "your reference", "external reference"),
    *("contract", "contract no", "bestellnummer", "referenz"),
    *("交货方式", "付款条件", "收款条件", "结算币别名称", "价格类型", "价目表", "price list"),
    *("incoterms", "delivery terms", "payment method", "gateway", "source", "channel"),
    *("渠道", "来源", "销售渠道", "客户来源", "tags", "标签", "priority", "优先级"),
)


# Header words, matched on the header as words (`spaced`): Chinese as it stands, English and
# German as whole words (`Expected close date` holds no `closed`).
def _words(chinese: str, other: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{chinese})|\b(?:{other})\b")


# Headers of a person: the seller may hide behind any of them (`Sold By`, TrackingOption1).
_PERSON = _words(
    "人|员|经手|经办|业务|代表|负责|跟单|担当|导购|归属|经理|主管",
    r"owner|reps?|salesperson|salesman|saleswoman|seller|employee|staff|agent|person|user|"
    r"member|manager|handler|assignee|assigned|cashier|\w+ by|mitarbeiter|verkäufer|"
    r"vertriebs\w*|bearbeiter|\w*betreuer|zuständig\w*|vendeur|vendedor|comercial|"
    r"trackingoption\d*",
)
# Headers of a document or transaction type.
_DOCUMENT = _words(
    "单据|单别|单类|类型|性质|红蓝|凭证|票据|业务|来源",
    r"type|kind|document|doc|transaction|txn|belegart|belegtyp|auftragsart",
)
# Headers of a cancel, void or close flag, in any spelling (Canceled, Is Void, 是否作废).
_CANCEL = _words(
    "作废|取消|关闭|删除|撤销|禁用|确认码|审核码|状态码",
    r"cancel\w*|void\w*|closed|deleted|rejected|rejection|absage\w*|storn\w*|annul\w*|"
    r"gelöscht|geloescht",
)
# Headers of a status code (鼎捷 T100's 状态码, 鼎新's 確認碼): letters, not yes and no.
_CODE = _words("状态码|确认码|审核码", r"status code|stus")
# Headers of a refund or return.
_REFUND = _words("退款|退货|退回|红字", r"refund\w*|return\w*|credit\w*|gutschrift\w*|retoure")
# Headers of a discount on the whole order, written on one of its lines (精斗云 整单折扣额)
# Headers of a yes/no column saying a line's price or amount includes tax (是否含税,
# Shopify's Taxes Included)
_TAX_INCLUDED = _words(
    "含税|价税合一",
    r"tax(?:es)? included|tax inclusive|incl\w* (?:of )?tax\w*|prices? include tax\w*",
)
# the yes words of such a column
_YES = frozenset(("是", "y", "yes", "true", "1", "含税", "√", "✓", "ja", "x"))
# Headers of a yes/no mark saying a line is a red-letter document: the return itself
_RED = _words("红字|红单|红票|红冲", r"credit note|credit memo|storno")
_ORDER_DISCOUNT = _words(
    "整单折扣|整单优惠|整单折让|整单让利|订单优惠|订单折扣",
    r"order discount|invoice discount|document discount|discount on (?:the )?(?:order|invoice)",
)
# Headers of money or quantities.
_AMOUNT = _words(
    "金额|额|价|款|收入|合计|总计|成本|利润|毛利|费|数量|量|折|返利|优惠",
    r"amounts?|totals?|subtotal|price|value|revenue|sales|sale|cost|profit|margin|sum|net|"
    r"gross|paid|payment|qty|quantity|units|discount|rebate|betrag|wert|menge|preis|umsatz",
)
# Headers of a count of goods among the money headers: a quantity, never the sales amount.
_QUANTITY = _words("数量|件数|个数", r"qty|quantity|quantities|units|pcs|menge")
_MONEY = _words(
    "金额|额|价|款|费|收入", r"amount|price|value|cost|revenue|sales|total|betrag|preis"
)
_CURRENCY_HEADER = _words("币", r"currency|curr|ccy|währung|waehrung|waerk|devise|moneda")


@cache
def spaced(name: str) -> str:
    """A header as words: width and case folded, traditional characters simplified, any run of
    spaces, underscores and punctuation one space (`Voided?` -> `voided`)."""
    folded = unicodedata.normalize("NFKC", str(name)).lower()
    if any("\u4e00" <= ch <= "\u9fff" for ch in folded):
        from salescli.schema import _t2s

        folded = _t2s().convert(folded)
    return re.sub(r"[\s_\-./:：（）()*#?,;'\"\[\]]+", " ", folded).strip()


# ISO 4217 codes an export may hold
CURRENCIES = frozenset(
    (
        *("CNY", "RMB", "USD", "EUR", "GBP", "JPY", "HKD", "TWD", "NTD", "MOP", "KRW", "SGD"),
        *("MYR", "THB", "VND", "IDR", "PHP", "INR", "AUD", "NZD", "CAD", "CHF", "SEK", "NOK"),
        *("DKK", "PLN", "CZK", "HUF", "RUB", "TRY", "ZAR", "BRL", "MXN", "ARS", "CLP", "AED"),
        *("SAR", "ILS"),
    )
)
# currency words to ISO codes (a currency column may hold either)
_CURRENCY_WORDS = {
    **dict.fromkeys(("人民币", "rmb", "cny", "元", "¥", "￥", "本位币"), "CNY"),
    **dict.fromkeys(("美元", "usd", "us$", "美金", "us dollar", "u.s. dollar"), "USD"),
    **dict.fromkeys(("欧元", "eur", "€", "euro"), "EUR"),
    **dict.fromkeys(("港币", "港元", "hkd", "hk$"), "HKD"),
    **dict.fromkeys(("新台币", "台币", "twd", "ntd", "nt$"), "TWD"),
    **dict.fromkeys(("日元", "jpy", "円"), "JPY"),
    **dict.fromkeys(("英镑", "gbp", "£", "pound sterling", "british pound"), "GBP"),
}


def currency_code(word: str) -> str | None:
    """An ISO code for a currency as exports write it (CNY, 人民币, US$); None if unknown."""
    text = word.strip().lower()
    if text in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[text]
    return text.upper() if text.upper() in CURRENCIES else None


# Whole cells that mean a line is not a plain sale: a return, a cancel, a void.
_RETURN_WORDS = (
    *("退货", "退回", "销售退货", "退货单", "销售退货单", "红字", "红冲", "红字发票", "冲红"),
    *("贷项", "贷项凭证", "销退", "销退单", "退款", "已退货", "已退款", "贷项通知单", "退款单"),
    *("销售退款", "冲销", "销货退回", "折让单", "退货订单"),
    *("return", "returns", "sales return", "credit", "credit note", "credit memo", "refund"),
    *("refunded", "rma", "a/r credit memo", "gutschrift", "retoure"),
)
_VOID_WORDS = ("作废", "已作废", "取消", "已取消", "void", "voided", "cancelled", "canceled")
# Whole cells of a visit's or meeting's outcome saying it did not take place (HubSpot's
# Meeting outcome: No show, Canceled, Rescheduled)
_NOT_HELD_WORDS = (
    *("no show", "noshow", "rescheduled", "未拜访", "未到访", "爽约", "改期", "已改期"),
    *("未开始", "待拜访", "计划中"),
)
# Whole cells of an approval column (销售易's 审批状态) saying an order is not approved yet
_UNAPPROVED_WORDS = (
    *("审批中", "待审批", "审批拒绝", "审批不通过", "审批未通过", "待提交", "未提交", "驳回"),
    *("已驳回", "已撤回", "pending approval", "awaiting approval", "not approved"),
    # 金蝶's and 用友's 审核状态 (audit): a document not audited yet is not in force
    *("未审核", "待审核", "审核中", "审核不通过", "审核未通过", "审核退回", "未审批", "未生效"),
)
# Whole cells of an after-sale column (抖店, 拼多多 售后状态) saying the money went back: the
# line is no sale, whatever the order's own status says.
_REFUNDED_WORDS = ("退款成功", "退货退款成功")


# the tables whose lines say who did them: a rep column left unread there is a bonus paid wrong
PERSON_TABLES = (
    *("orders", "customers", "visits", "opportunities", "satisfaction", "feedback"),
    "order_changes",
)


@dataclass(frozen=True)
class Concern:
    """Why an unknown column could change a figure, and the column that would take it."""

    kind: str  # person, document, cancel, currency, refund, amount, date
    why: str
    column: str  # the canonical column a mapping would give it


CONCERNS = {
    "person": (_("may be who sold the line"), "rep"),
    "owner": (_("may be the customer's owner, whom its sales count for"), "rep"),
    "document": (_("may say which lines are returns or other documents"), "document_type"),
    "cancel": (_("may mark lines cancelled or voided"), "cancel_flag"),
    "currency": (_("holds currencies"), "currency"),
    "refund": (_("may hold refunds or returns"), "refund_amount"),
    "amount": (_("is a second amount the figures could mean"), "amount"),
    "order_discount": (_("may be a discount on the whole order"), "order_discount"),
    "quantity": (_("may be each line's quantity"), "quantity"),
    "date": (_("is a second date the lines could be dated by"), "order_date"),
    "expected_amount": (_("may be the opportunity's expected amount"), "expected_amount"),
    "closed_on": (_("may be the date the opportunities close on"), "closed_on"),
    "created_on": (_("may be the date the opportunities were created on"), "created_on"),
    "next_follow_up": (_("may be the opportunities' next follow-up date"), "next_follow_up"),
    "outcome": (_("may say which opportunities are won, lost or voided"), "outcome"),
    "not_held": (_("may say which visits did not take place (cancelled, no show)"), ""),
    "tax_included": (_("may say which lines' amounts include tax"), "amount"),
    "return_flag": (_("may mark the lines that are returns (red-letter documents)"), "return_flag"),
}


def concern_of(kind: str) -> Concern:
    why, column = CONCERNS[kind]
    return Concern(kind, why, column)


@cache
def harmless_keys() -> frozenset[str]:
    return frozenset(header_key(h) for h in HARMLESS)


@cache
def _word_keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(header_key(w) for w in words)


def is_harmless(key: str) -> bool:
    return key in harmless_keys()


def is_money_header(name: str) -> bool:
    return bool(_AMOUNT.search(spaced(name))) and not is_harmless(header_key(name))


def is_person_header(name: str) -> bool:
    return bool(_PERSON.search(spaced(name)))


def judge(
    table: str,
    name: str,
    values: pd.Series,
    flags: frozenset[str],
    refunds: bool = False,
    amount_chosen: bool = False,
) -> Concern | None:
    """The concern an unknown column of `table` raises, from its header and its cleaned values
    (`flags`: the folded yes/no words of cancel flags; `refunds`: the export's refund amounts
    are read, and say how much of a line came back; `amount_chosen`: the user mapped the
    amount, so a tax flag says nothing of it); None when it is harmless."""
    shape = _shape(values, flags)
    key = spaced(name)
    person_table = table in PERSON_TABLES
    if table != "orders":
        if person_table and shape == "text" and is_person_header(name):
            return concern_of("owner" if table == "customers" else "person")
        not_held = _word_keys(_VOID_WORDS) | _word_keys(_NOT_HELD_WORDS)
        if table == "visits" and shape in ("text", "flags") and _folded(values) & not_held:
            return concern_of("not_held")
        if table == "opportunities" and shape == "number" and _MONEY.search(key):
            # 销售易's 商机金额(万元): the key opportunities are ranked by it
            return None if _rates(values) else concern_of("expected_amount")
        return None
    taxed = not amount_chosen and shape in ("flags", "number") and _folded(values) & _YES
    if taxed and _TAX_INCLUDED.search(key):
        # 是否含税 = 是: those lines' amounts hold the tax a net figure leaves out
        return concern_of("tax_included")
    if shape == "flags" and _folded(values) & _YES:
        if _RED.search(key):  # 红字 = 是: the line is a return, its amount to subtract
            return concern_of("return_flag")
        if _REFUND.search(key):  # 已退款 = 是 on the sale's own line: it is undone
            return concern_of("cancel")
    if _CANCEL.search(key) and shape in ("text", "number", "flags"):
        # yes/no and date values are read as flags and marks, unless every line says yes
        return concern_of("cancel")
    if _REFUND.search(key) and shape in ("number", "text"):
        return concern_of("refund" if shape == "number" else "document")
    refunded = shape in ("text", "flags") and _folded(values) & _word_keys(_REFUNDED_WORDS)
    if refunded and not refunds:  # with refund amounts, 退款成功 may be a refund in part
        return concern_of("cancel")
    if shape == "flags" and _folded(values) & _word_keys(_VOID_WORDS):
        # 正常 / 作废 under a header of no cancel word (纷享销客's 生命状态): a cancel flag
        return concern_of("cancel")
    if shape in ("text", "flags") and _folded(values) & _word_keys(_UNAPPROVED_WORDS):
        # 审批通过 / 审批中 / 审批拒绝 (销售易's 审批状态): an order not approved is no sale yet
        return concern_of("cancel")
    if shape == "text":
        words = _folded(values)
        if _currency_codes(values) or _CURRENCY_HEADER.search(key):
            return concern_of("currency")
        if words & (_word_keys(_RETURN_WORDS) | _word_keys(_VOID_WORDS)):
            return concern_of("document")
        if _DOCUMENT.search(key) and words & _document_words():
            return concern_of("document")
        if is_person_header(name):
            return concern_of("person")
    if shape == "number" and _ORDER_DISCOUNT.search(key) and not _rates(values):
        return concern_of("order_discount")
    if shape == "number" and _AMOUNT.search(key) and not _rates(values):
        counted = _QUANTITY.search(key) and not _MONEY.search(key)
        return concern_of("quantity" if counted else "amount")
    if shape == "date":
        return concern_of("date")
    return None


# Headers of an opportunity's dates, by the column each would be: the close date (expected
# while open: 预计成交日期, 结单日期, Expected Close Date), the next follow-up, the creation.
_OPPORTUNITY_DATES = (
    ("next_follow_up", _words("跟进|联系|回访|拜访", r"follow\w*|next")),
    ("closed_on", _words("成交|结单|结束|关闭|签约|签单|赢单|输单", r"clos\w*|won|lost|expected")),
    ("created_on", _words("创建|建立|新建|录入", r"creat\w*|opened|added")),
)
# Dates of what was, which no figure reads: the last follow-up, the last change
_PAST_DATES = _words("最后|上次|最近|修改|更新", r"last|modified|updated|changed")


def judge_opportunity(
    name: str, values: pd.Series, flags: frozenset[str], read: set[str]
) -> Concern | None:
    """The concern an unknown column of an opportunities export raises: a date whose header
    says which opportunity date it is while that date is not read (conversion, key
    opportunities and follow-ups hang on it), or words of won, lost or voided while no
    outcome column is read (纷享销客's 生命状态 作废). None: judged as any other column."""
    shape = _shape(values, flags)
    key = spaced(name)
    if shape == "date" and not _PAST_DATES.search(key):
        for column, header in _OPPORTUNITY_DATES:
            if header.search(key):
                return None if column in read else concern_of(column)
        # a header of no known words (到期, Target Date, 提醒): it may be the date not read
        unread = [column for column, _header in _OPPORTUNITY_DATES if column not in read]
        return _any_opportunity_date(unread) if unread else None
    if shape in ("text", "flags") and "outcome" not in read and _folded(values) & _ends():
        return concern_of("outcome")
    return None


def _any_opportunity_date(unread: list[str]) -> Concern:
    """The concern of a date under a header of no known words, while `unread` dates are read
    from no column: the one date's own, or one naming them all."""
    if len(unread) == 1:
        return concern_of(unread[0])
    columns = ", ".join(unread)
    why = _("may be one of the opportunities' dates no column gives ({columns})", columns=columns)
    return Concern("opportunity_date", why, columns)


@cache
def _ends() -> frozenset[str]:
    """The built-in words of an opportunity that ended: won, lost or voided."""
    from salescli.config import StatusSettings

    words = StatusSettings()
    return _word_keys((*words.won, *words.lost, *words.voided))


def is_document_column(name: str, values: pd.Series, words: frozenset[str]) -> bool:
    """A type column (Xero's `Type`, NetSuite's `Type`) whose every value is a word of the
    document lists (`words`, folded): read as the document type with no setting."""
    folded = _folded(values)
    return bool(_DOCUMENT.search(spaced(name)) and folded and folded <= words)


def judge_harmless(table: str, values: pd.Series, base: str | None = None) -> Concern | None:
    """A descriptive column whose whole cells say a line is a return or void (a remark
    `已作废`) or not approved yet (审核 holding 未审核), or whose cells are currencies, one of
    them not `base` (金蝶's 结算币别名称 holding 美元 beside a table with no currency column:
    each amount is in it): the export says something a figure must hear. `base`: None where
    the table reads a currency column already."""
    if table != "orders":
        return None
    words = _folded(values)
    if words & _word_keys(_RETURN_WORDS):
        return concern_of("document")
    if words & _word_keys(_VOID_WORDS):
        return concern_of("cancel")
    if words & _word_keys(_UNAPPROVED_WORDS):  # 审核 holding 未审核, not the auditor's name
        return concern_of("cancel")
    if base is not None and _currency_codes(values) and _other_currency(values, base):
        return concern_of("currency")
    return None


def _other_currency(values: pd.Series, base: str) -> bool:
    """Whether a cell names a currency other than `base`."""
    distinct = clean_text(as_text(pd.Series(values.dropna().unique(), dtype="object"))).dropna()
    return any(currency_code(str(v)) not in (None, base) for v in distinct.head(1000))


def cancel_shape(values: pd.Series, flags: frozenset[str]) -> str | None:
    """How a column headed as a cancel mark reads: "flag" (yes/no words, or nothing), "marker"
    (dates, or a reason left blank on the lines that stand: filled on a cancelled line), or None
    (something else, on every line: a concern)."""
    shape = _shape(values, flags)
    if shape in ("flags", "empty"):
        return "flag"
    if shape == "date" or (shape == "text" and values.isna().any()):
        return "marker"  # Cancelled at; a reason for rejection filled on rejected lines only
    return None


def is_cancel_header(name: str) -> bool:
    return bool(_CANCEL.search(spaced(name)))


def is_code_header(name: str) -> bool:
    """A status code's header (鼎捷's 状态码, 确认码): its letters are codes, Y for confirmed."""
    return bool(_CODE.search(spaced(name)))


def _shape(values: pd.Series, flags: frozenset[str]) -> str:
    """empty, flags (yes/no words), number, date or text: what most of the cells are."""
    present = values.dropna()
    if not len(present):
        return "empty"
    distinct = pd.Series(present.unique(), dtype="object")
    text = clean_text(as_text(distinct)).dropna().astype("str")
    if not len(text):
        return "empty"
    if {header_key(v) for v in text} <= flags:
        return "flags"
    number, _rejected = parse_number(pd.Series(text.tolist(), dtype="str"))
    if number.notna().mean() >= 0.8:
        return "number"
    day, _rejected = parse_date(pd.Series(text.tolist(), dtype="str"))
    if day.notna().mean() >= 0.8:
        return "date"
    return "text"


def _rates(values: pd.Series) -> bool:
    """Every number between 0 and 1 (Superstore's Discount 0.45, a tax rate 0.13): a rate,
    not an amount."""
    number, _rejected = parse_number(clean_text(as_text(values.dropna())).dropna().astype("str"))
    present = number.dropna()
    return bool(len(present) and present.between(0, 1).all() and (present % 1 != 0).any())


def _folded(values: pd.Series) -> frozenset[str]:
    present = values.dropna()
    distinct = clean_text(as_text(pd.Series(present.unique(), dtype="object"))).dropna()
    return frozenset(header_key(v) for v in distinct.astype("str").head(1000))


def _currency_codes(values: pd.Series) -> bool:
    """Most cells are currencies, as ISO codes (CNY, USD) or as exports name them (美元,
    港币, US$): a currency column under another name. (A cell 元 alone is a unit.)"""
    present = clean_text(as_text(values.dropna())).dropna().astype("str")
    if not len(present):
        return False
    distinct = present.unique()
    named = {v for v in distinct if v.strip() not in _UNITS and currency_code(v) is not None}
    return bool(present.isin(named).mean() >= 0.8)


# currency words that are also units of an amount column's header or a unit column
_UNITS = frozenset(("元", "¥", "￥", "円", "本位币"))


@cache
def _document_words() -> frozenset[str]:
    from salescli.config import DocumentSettings

    return _word_keys(tuple(DocumentSettings().words()))


def samples(values: pd.Series, most: int = 3) -> list[str]:
    """The first few distinct values, as written."""
    present = clean_text(as_text(values.dropna())).dropna().astype("str")
    return list(dict.fromkeys(present.tolist()))[:most]


def distinct_values(values: pd.Series, most: int = 500) -> list[str] | None:
    """Every distinct value (for matching names of reps later), or None when there are more
    than `most` (no column of sellers has that many)."""
    present = clean_text(as_text(values.dropna())).dropna().astype("str")
    unique = present.unique()
    return None if len(unique) > most else sorted(str(v) for v in unique)


def hint(concern: Concern, table: str, header: str) -> str:
    """The one setting that settles a concern: map the column, or ignore it."""
    return _HINTS[concern.kind](table=table, column=concern.column, header=header)


# each with the mapping, [inputs.TABLE] COLUMN = "HEADER", and the ignore under [inputs.TABLE]
_HINTS: dict[str, Callable[..., Msg]] = {
    "person": lambda **p: _(
        'if it is who sold the line, map it: [inputs.{table}] {column} = "{header}"; if not, '
        'add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "owner": lambda **p: _(
        'if it is the customer\'s owner, map it: [inputs.{table}] {column} = "{header}"; if '
        'not, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "document": lambda **p: _(
        'map it: [inputs.{table}] {column} = "{header}" (its words are sorted into sale, '
        "order, invoice, return and not_counted by [documents]); or, if it says nothing of "
        'the kind, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "cancel": lambda **p: _(
        'map it: [inputs.{table}] {column} = "{header}" (its yes words, listed in [statuses] '
        'flag_yes, take a line out); or, if it marks nothing, add ignore = ["{header}"] under '
        "[inputs.{table}]",
        **p,
    ),
    "currency": lambda **p: _(
        'map it: [inputs.{table}] {column} = "{header}" (with [currency] base and a rates '
        "table); or, if the amounts are in the base currency already, add "
        'ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "refund": lambda **p: _(
        'map it: [inputs.{table}] {column} = "{header}" (subtracted from the line\'s amount); '
        'or add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "amount": lambda **p: _(
        'if it is the sales amount, map it: [inputs.{table}] {column} = "{header}"; if not, '
        'add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "order_discount": lambda **p: _(
        "if the lines' amounts are before it, map it: [inputs.{table}] {column} = "
        '"{header}" (taken off its order once, shared over the order\'s lines by their '
        "amounts, net of tax beside a tax-inclusive amount); if they are already after it, "
        'add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "quantity": lambda **p: _(
        'if it is each line\'s quantity, map it: [inputs.{table}] {column} = "{header}"; if '
        'not, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "expected_amount": lambda **p: _(
        "if it is the opportunity's expected amount, map it: [inputs.{table}] {column} = "
        '"{header}"; if not, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "return_flag": lambda **p: _(
        'map it: [inputs.{table}] {column} = "{header}" (its yes lines are returns: '
        "subtracted, and no order); or, if it marks nothing of the kind, add "
        'ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "tax_included": lambda **p: _(
        "the amounts of the lines it marks include tax: summed with amounts without it they "
        "are neither net nor gross; map an amount column of one kind instead, "
        '[inputs.{table}] amount = "<its header>" (无税金额 or 价税合计, as amount_basis '
        "says); if every amount is of one kind (it marks how prices were entered, not the "
        'amounts), add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "not_held": lambda **p: _(
        "a visit that did not take place is no visit, and salescli reads no visit status: "
        "delete those rows from the export; if its words say nothing of the kind, add "
        'ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "closed_on": lambda **p: _(
        "if it is the date they close on (expected while open, actual once won or lost), map "
        'it: [inputs.{table}] {column} = "{header}"; if not, add ignore = ["{header}"] under '
        "[inputs.{table}]",
        **p,
    ),
    "created_on": lambda **p: _(
        'if it is the date they were created on, map it: [inputs.{table}] {column} = "{header}"; '
        'if not, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "next_follow_up": lambda **p: _(
        "if it is the date of their next follow-up, map it: [inputs.{table}] {column} = "
        '"{header}"; if not, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "opportunity_date": lambda **p: _(
        "if it is one of those dates (closed_on: the close date, expected while open; "
        "next_follow_up: the next follow-up; created_on: the creation), map it to that one of "
        '{column}: [inputs.{table}] <column> = "{header}"; if it is none of them, add '
        'ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "outcome": lambda **p: _(
        'map it: [inputs.{table}] {column} = "{header}" (its words sorted by [statuses] won, '
        "lost, open and voided; where it says open, the stage decides); or, if it says nothing "
        'of the kind, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
    "date": lambda **p: _(
        "if the lines should be dated by it, map it: [inputs.{table}] {column} = "
        '"{header}"; if not, add ignore = ["{header}"] under [inputs.{table}]',
        **p,
    ),
}
