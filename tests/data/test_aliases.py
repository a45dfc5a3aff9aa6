"""Every Chinese header the foundation issue lists maps to its canonical column."""

from __future__ import annotations

import pytest

from salescli.schema import alias_index, header_key

LISTED = {
    "orders": {
        "order_id": ["订单编号", "订单号", "單號", "訂單編號", "Order No"],
        "order_date": ["下单日期", "订单日期", "日期", "Order Date"],
        "customer_id": ["客户编号", "客户编码", "客户ID", "Customer ID", "customer no"],
        "customer_name": ["客户名称", "客户"],
        "rep": ["销售代表", "业务员", "销售员", "銷售代表"],
        "product_model": ["产品型号", "型号", "规格型号"],
        "category": ["产品类别", "产品分类", "类别"],
        "quantity": ["数量", "销量"],
        "unit_price": ["单价"],
        "amount": ["金额", "销售额", "销售金额", "金額", "无税金额"],
        "gross_amount": ["价税合计", "含税金额"],
        "cost": ["成本", "成本金额"],
        "profit": ["利润", "毛利"],
        "due_date": ["交货日期", "约定交货日期", "计划交货日期"],
        "delivered_on": ["实际交货日期", "到货日期"],
        "payment_terms": ["付款方式"],
        "status": ["状态"],
        "region": ["区域", "地区", "大区"],
        "customer_group": ["客户群体", "客户类型", "行业"],
    },
    "customers": {
        "legal_representative": ["法定代表人"],
        "address": ["地址"],
        "phone": ["联系电话", "电话"],
        "contact_name": ["联系人"],
        "contact_title": ["职位"],
        "contact_phone": ["联系人电话"],
        "created_on": ["建档日期"],
        "potential_value": ["潜在价值"],
        "preferences": ["需求偏好"],
        "feedback": ["客户反馈"],
        "class": ["客户分类", "客户等级"],
    },
    "visits": {"visit_date": ["拜访日期"]},
    "targets": {"target": ["目标", "目标金额"], "period": ["期间", "月份"]},
    "satisfaction": {"score": ["满意度", "评分"]},
    "expenses": {"expense": ["费用", "销售费用"], "budget": ["预算"]},
    "reviews": {"comment": ["评语"]},
}


@pytest.mark.parametrize(
    ("table", "column", "header"),
    [(t, c, h) for t, columns in LISTED.items() for c, headers in columns.items() for h in headers],
)
def test_listed_header_maps_to_its_column(table: str, column: str, header: str) -> None:
    assert alias_index(table)[header_key(header)] == column


@pytest.mark.parametrize(
    "header", ["Customer_ID", " customer id ", "ＣＵＳＴＯＭＥＲ　ＩＤ", "customer-id"]
)
def test_case_space_underscore_and_width_are_ignored(header: str) -> None:
    assert alias_index("orders")[header_key(header)] == "customer_id"


def test_no_header_maps_to_two_columns_of_one_table() -> None:
    from salescli.schema import TABLES

    for table in TABLES.values():
        seen: dict[str, str] = {}
        for column in table.columns.values():
            for alias in (column.name, *column.aliases, *sum(column.fallbacks, ())):
                key = header_key(alias)
                assert seen.setdefault(key, column.name) == column.name, (table.name, alias)


ISSUE_12_HEADERS = {
    "Kingdee": ["单据编号", "编号", "编    号", "日期", "单据日期", "客户", "购货单位", "销售员",
                "业务员", "专管业务员", "物料编码", "物料名称", "产品代码", "产品长代码",
                "产品名称", "规格型号", "销售数量", "实发数量", "数量", "单价", "含税单价",
                "金额", "价税合计", "销售金额", "要货日期", "交货日期"],
    "U8 / T+": ["订单号", "发货单号", "发货日期", "订单日期", "单据日期", "客户编码", "客户简称",
                "存货编码", "存货名称", "无税金额", "含税金额", "价税合计", "预发货日期"],
    "SAP": ["Sales Document", "Document Date", "Sold-To Party", "Name 1", "Material",
            "Description", "Order Quantity", "Net Value", "Created on", "Customer"],
    "Odoo": ["Order Reference", "Order Date", "Customer", "Salesperson", "Order Lines/Product",
             "Order Lines/Quantity", "Order Lines/Unit Price", "Order Lines/Subtotal", "Subtotal",
             "Untaxed Amount", "Total", "Status"],
    # Next Step is free text, not read
    "Salesforce": ["Opportunity Name", "Opportunity ID", "Account Name", "Account ID",
                   "Opportunity Owner", "Stage", "Amount", "Close Date", "Created Date",
                   "Lead Source"],
    "HubSpot": ["Record ID", "Deal Name", "Deal Stage", "Deal owner", "Amount", "Close Date",
                "Create Date", "Associated Company"],
    # Name is the order number when the file has Lineitem headers (test_systems)
    "Shopify": ["Created at", "Email", "Billing Name", "Financial Status", "Cancelled at",
                "Lineitem quantity", "Lineitem price", "Lineitem sku", "Lineitem name",
                "Subtotal", "Total"],
    "Superstore": ["Order ID", "Order Date", "Ship Date", "Customer ID", "Customer Name",
                   "Segment", "Region", "Category", "Product ID", "Sales", "Quantity", "Profit"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("system", "header"),
    [(system, header) for system, headers in ISSUE_12_HEADERS.items() for header in headers],
)
def test_every_header_the_issue_lists_is_read(system: str, header: str) -> None:
    from salescli.schema import alias_tiers, cancel_keys

    key = header_key(header)
    known = set(alias_tiers("orders")) | set(alias_tiers("opportunities")) | set(cancel_keys())
    assert key in known, (system, header)
