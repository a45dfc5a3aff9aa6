# ruff: noqa: E501  (each export row is one line, as the system writes it)
"""A new user's exports from systems not in README's tables, run as that user would.

Each test builds an export the way its system writes it (headers, value forms, quirks), writes
no salescli.toml at first, and follows every refusal's hint (`settle`, from
test_unseen_exports) until `classify --quarter`, `appraise --month` and `report --month` exit 0;
their figures must then equal the ones the test computes from the rows itself, in plain Python,
by what each system's columns mean. Where each layout comes from is said per test (the public
scripts and documentation found with the `search` tool).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.data.test_unseen_exports import Appraise, Classify, Fix, ignore, mapping, rates, settle
from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx


@dataclass
class Report:
    """`report --month`, its by_rep section: each rep's amount and orders where not zero."""

    expected: dict[str, tuple[float, int]]
    month: str = "2024-05"

    @property
    def args(self) -> tuple[str, ...]:
        return ("report", "--month", self.month, "--format", "json", "--section", "by_rep")

    def verify(self, stdout: str, applied: list[str]) -> None:
        got = {
            r["rep"]: (round(r["amount"], 2), r["orders"])
            for r in json.loads(stdout)
            if r["amount"] or r["orders"]
        }
        assert got == self.expected, f"exit 0 with wrong figures (settings: {applied})"


def the_three(
    by_customer: dict[str, tuple[float, int]], by_rep: dict[str, tuple[float, int]], **classify: str
) -> list:
    """classify, appraise --month and report --month, each held to the figures computed here
    from the rows (`classify`: Classify's options, e.g. by="customer_name")."""
    return [
        Classify(by_customer, **classify),
        Appraise({rep: a for rep, (a, _n) in by_rep.items()}),
        Report(by_rep),
    ]


UNASSIGNED = "(unassigned) 未分配"


def day(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d")


def per(rows: list[dict], key: str, amount: str) -> dict[str, tuple[float, int]]:
    """Each `key`'s summed `amount` and count of distinct orders (`order`), computed here."""
    out: dict[str, tuple[float, int]] = {}
    for k in dict.fromkeys(r[key] for r in rows):
        mine = [r for r in rows if r[key] == k]
        out[k] = (round(sum(r[amount] for r in mine), 2), len({r["order"] for r in mine}))
    return out


# ---------------------------------------------------------------- 抖店 订单导出 (Douyin shop)


DOUYIN = ["主订单编号", "子订单编号", "选购商品", "商品规格", "商品数量", "商品ID", "商家编码", "商品金额",
          "订单应付金额", "运费", "优惠总金额", "平台优惠", "商家优惠", "达人优惠", "支付方式", "收件人",
          "收件人手机号", "订单提交时间", "支付完成时间", "订单完成时间", "订单状态", "售后状态", "取消原因",
          "达人ID", "达人昵称", "店铺名称", "商家备注"]  # fmt: skip


def test_douyin_shop_orders_refunded_after_sale_and_unit_price_named_amount(tmp_path: Path) -> None:
    """抖店 商家后台 order export (CSV, ids written with a trailing tab so Excel keeps them
    text): one row per 子订单; 商品金额 is the unit price (the public scripts multiply it by
    商品数量), 订单应付金额 the sub-order's payable after discounts; 订单状态 已完成 / 已发货 /
    已关闭; 售后状态 `退款成功` on a 已完成 order means the buyer got the money back. No buyer id:
    the masked phone is the customer. Layout: the 抖店 scripts found by `search` (columns
    主订单编号, 选购商品, 商品ID, 商品数量, 商品金额 "这是单价", 订单提交时间, 订单状态, 取消原因,
    售后状态) and docs/exports-research.md "抖店"."""
    t = "\t"
    lines = [
        # order, sub-order, item, qty, unit price, payable, shop discount, phone, day, status, after-sale, reason
        ("6918000000000001", "6918000000000011", "保温杯", 2, 50.0, 100.0, 0.0, "138****0001", "2024/05/03 10:00:00", "已完成", "-", ""),
        ("6918000000000001", "6918000000000012", "茶叶", 1, 80.0, 70.0, 10.0, "138****0001", "2024/05/03 10:00:00", "已完成", "-", ""),
        ("6918000000000002", "6918000000000021", "茶叶", 3, 30.0, 90.0, 0.0, "139****0002", "2024/05/08 11:00:00", "已关闭", "-", "用户取消"),
        ("6918000000000003", "6918000000000031", "礼盒", 1, 200.0, 200.0, 0.0, "139****0002", "2024/05/12 12:00:00", "已完成", "退款成功", ""),
        ("6918000000000004", "6918000000000041", "保温杯", 2, 25.0, 50.0, 0.0, "137****0003", "2024/05/20 13:00:00", "已发货", "-", ""),
    ]  # fmt: skip
    rows = [
        [o + t, s + t, item, "默认", str(q), "3600000001" + t, "SKU-" + item, f"{p:.2f}", f"{pay:.2f}", "0.00",
         f"{d:.2f}", "0.00", f"{d:.2f}", "0.00", "抖音支付", "张**", phone, when, when, "", status, after, why,
         "", "", "小王茶叶旗舰店", ""]
        for o, s, item, q, p, pay, d, phone, when, status, after, why in lines
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", [DOUYIN, *rows], encoding="utf-8-sig")
    # the sale: 订单应付金额 of the sub-orders that stand (not 已关闭, not refunded after sale)
    sold = [
        {"order": o, "customer": phone, "amount": pay}
        for o, _s, _i, _q, _p, pay, _d, phone, _w, status, after, _r in lines
        if status != "已关闭" and after != "退款成功"
    ]
    by_customer = per(sold, "customer", "amount")
    total = round(sum(r["amount"] for r in sold), 2)
    settle(
        tmp_path,
        [
            Classify({c: (a, n) for c, (a, n) in by_customer.items()}),
            Report({UNASSIGNED: (total, len({r["order"] for r in sold}))}),
        ],
        [
            mapping("order_id", "主订单编号"),
            mapping("order_date", "订单提交时间"),
            mapping("customer_id", "收件人手机号"),
            mapping("amount", "订单应付金额"),
            Fix(("售后状态",), ("cancel_flag",), {"inputs.orders": {"cancel_flag": "售后状态"}}),
            Fix(("退款成功",), ("flag_yes",), {"statuses": {"flag_yes": ["退款成功"], "flag_no": ["-"]}}),
            # 抖店's 已关闭 is a cancelled order (its 取消原因 says 用户取消)
            Fix(("已关闭",), ('closed = "not_sale"',), {"statuses": {"closed": "not_sale"}}),
            *ignore("商品数量", "商品金额", "优惠总金额", "平台优惠", "商家优惠", "达人优惠", "运费", "支付完成时间", "订单完成时间",
                    "子订单编号", "选购商品", "商品ID", "商家编码", "支付方式", "达人ID"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 拼多多 商家后台 订单导出


PDD = ["商品", "订单号", "订单状态", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "邮费(元)",
       "用户实付金额(元)", "商家实收金额(元)", "商品数量(件)", "身份证姓名", "收货人", "手机", "是否蜂窝代发",
       "订单成交时间", "发货时间", "确认收货时间", "商品id", "商品规格", "样式ID", "商家编码-SKU维度",
       "售后状态", "商家备注", "快递单号", "快递公司"]  # fmt: skip


def test_pinduoduo_orders_refund_success_and_merchant_received_amount(tmp_path: Path) -> None:
    """拼多多 商家后台 订单查询 export (GBK CSV, one row per order, money headers carrying the
    unit `(元)`): 订单状态 已收货 / 已发货，待收货 / 已取消 / 未发货，退款成功; 售后状态
    退款成功 on an order that says 已收货; 商家实收金额 is what the shop gets (商品总价 less the
    shop's discount; the platform's discount is the platform's). Layout: the PDD scripts found
    by `search` (PDD_COL_* constants: 商品总价(元), 店铺优惠折扣(元), 平台优惠折扣(元),
    用户实付金额(元), 商家实收金额(元), 商品数量(件), 订单成交时间, 售后状态 退款成功)."""
    lines = [
        # item, order, status, total, shop, platform, user paid, merchant got, qty, phone, day, after-sale
        ("保温杯", "240503-123456789012345", "已收货", 100, 10, 5, 85, 90, 2, "138****0001", "2024-05-03 10:00:00", "无售后或售后取消"),
        ("茶叶", "240508-123456789012346", "已发货，待收货", 60, 0, 0, 60, 60, 1, "139****0002", "2024-05-08 11:00:00", "无售后或售后取消"),
        ("礼盒", "240512-123456789012347", "已收货", 80, 0, 0, 80, 80, 1, "139****0002", "2024-05-12 12:00:00", "退款成功"),
        ("茶叶", "240515-123456789012348", "已取消", 50, 0, 0, 50, 50, 1, "137****0003", "2024-05-15 13:00:00", "无售后或售后取消"),
        ("保温杯", "240520-123456789012349", "未发货，退款成功", 40, 0, 0, 40, 40, 1, "137****0003", "2024-05-20 14:00:00", "退款成功"),
    ]  # fmt: skip
    rows = [
        [item, o, st, str(tot), str(sh), str(pl), "0", str(up), str(mg), str(q), "", "张**", phone, "否",
         when, "", "", "400000001", "默认", "1001", "SKU1", after, "", "", ""]
        for item, o, st, tot, sh, pl, up, mg, q, phone, when, after in lines
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", [PDD, *rows], encoding="gbk")
    sold = [
        {"order": o, "customer": phone, "amount": mg}
        for _i, o, st, _t, _s, _p, _u, mg, _q, phone, _w, after in lines
        if st in ("已收货", "已发货，待收货") and after != "退款成功"
    ]
    total = round(sum(r["amount"] for r in sold), 2)
    settle(
        tmp_path,
        [
            Classify(per(sold, "customer", "amount")),
            Report({UNASSIGNED: (total, len({r["order"] for r in sold}))}),
        ],
        [
            mapping("order_date", "订单成交时间"),
            mapping("customer_id", "手机"),
            mapping("amount", "商家实收金额(元)"),
            Fix(("售后状态",), ("cancel_flag",), {"inputs.orders": {"cancel_flag": "售后状态"}}),
            Fix(("退款成功",), ("flag_yes",), {"statuses": {"flag_yes": ["退款成功"], "flag_no": ["无售后或售后取消"]}}),
            *ignore("商品数量(件)", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "用户实付金额(元)", "邮费(元)",
                    "发货时间", "确认收货时间", "商品", "身份证姓名", "是否蜂窝代发", "商品id", "样式ID", "商家编码-SKU维度"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 聚水潭 订单 (merged and split)


JST = ["内部订单号", "线上订单号", "店铺", "订单类型", "状态", "下单时间", "付款日期", "发货日期", "买家账号",
       "收货人", "应付金额", "已付金额", "运费", "优惠金额", "业务员", "卖家备注", "线下备注"]  # fmt: skip


def test_jushuitan_orders_merged_and_split_are_counted_once(tmp_path: Path) -> None:
    """聚水潭 ERP 订单 export (xlsx, one row per internal order): orders of one buyer merged
    into one shipment are kept as `被合并` beside the new order that carries them; an order
    split into two shipments is kept as `被拆分` beside its parts; 补发订单 (a free reship)
    has 应付金额 0; 业务员 the seller. Counting a 被合并 or 被拆分 row counts its money twice.
    Layout: 聚水潭's order list (内部订单号, 线上订单号, 店铺, 状态, 应付金额, 已付金额, 业务员),
    inferred: no public export was found (the search found split/merge order statuses,
    已拆分 SPLITED, in other order systems)."""
    lines = [
        # internal id, online id, type, status, day, buyer, payable, rep
        (1001, "3700000000000001", "普通订单", "已发货", "2024-05-03", "tb_alice", 100.0, "张三"),
        (1002, "3700000000000002", "普通订单", "被合并", "2024-05-06", "tb_bob", 50.0, "李四"),
        (1003, "3700000000000003", "普通订单", "被合并", "2024-05-06", "tb_bob", 30.0, "李四"),
        (1004, "3700000000000002", "普通订单", "已发货", "2024-05-06", "tb_bob", 80.0, "李四"),
        (1005, "3700000000000005", "普通订单", "被拆分", "2024-05-10", "tb_carol", 120.0, "张三"),
        (1006, "3700000000000005", "普通订单", "已发货", "2024-05-10", "tb_carol", 70.0, "张三"),
        (1007, "3700000000000005", "普通订单", "已发货", "2024-05-11", "tb_carol", 50.0, "张三"),
        (1008, "3700000000000008", "普通订单", "已取消", "2024-05-12", "tb_alice", 40.0, "张三"),
    ]  # fmt: skip
    rows = [
        [i, o, "天猫旗舰店", typ, st, day(d), day(d), None, buyer, buyer[-3:] + "**", pay, pay, 0, 0, rep, "", ""]
        for i, o, typ, st, d, buyer, pay, rep in lines
    ]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", [JST, *rows], sheet="订单")
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["张三", "2024-05", 1000], ["李四", "2024-05", 1000]],
    )
    sold = [
        {"order": i, "customer": buyer, "rep": rep, "amount": pay}
        for i, _o, _t, st, _d, buyer, pay, rep in lines
        if st == "已发货"
    ]
    by_rep = per(sold, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), by_rep),
        [
            mapping("order_id", "内部订单号"),
            mapping("order_date", "下单时间"),
            mapping("customer_id", "买家账号"),
            mapping("amount", "应付金额"),
            *ignore("已付金额", "优惠金额", "付款日期", "发货日期", "线上订单号", "订单类型"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 有赞 商品维度订单 (Youzan)


YOUZAN = ["订单号", "外部订单号", "订单商品状态", "交易成功时间", "商品名称", "商品类型", "商品规格", "商品编码",
          "商品单价", "商品优惠方式", "商品优惠后价格", "商品数量", "商品金额小计", "店铺优惠（分摊）",
          "商品实际成交金额", "收货人/提货人", "收货人手机号/提货人手机号", "收货人省份", "详细收货地址/提货地址",
          "买家备注", "商品发货状态", "发货员工", "商品发货时间", "商品退款状态", "商品已退款金额", "商家订单备注"]  # fmt: skip


def test_youzan_item_lines_with_shared_shop_discount_and_item_refunds(tmp_path: Path) -> None:
    """有赞 商品维度 order export (xlsx, one row per item): 商品金额小计 is before the shop's
    discount shared over the items (店铺优惠（分摊）), 商品实际成交金额 after it; 商品已退款金额
    beside it, whole (30 of 30) or in part (50 of 200), 商品退款状态 退款成功 on both; 发货员工
    is the warehouse clerk, not the seller. Layout: docs/exports-research.md "有赞 Youzan" (the
    header of a public PHP exporter of the 商品维度 export)."""
    lines = [
        # order, status, day, item, unit, qty, subtotal, shared discount, paid, phone, refund state, refunded
        ("E20240503000001", "交易成功", "2024-05-03 10:00:00", "保温杯", 50.0, 2, 100.0, 10.0, 90.0, "13800000001", "", 0.0),
        ("E20240503000001", "交易成功", "2024-05-03 10:00:00", "茶叶", 30.0, 1, 30.0, 0.0, 30.0, "13800000001", "退款成功", 30.0),
        ("E20240510000002", "交易成功", "2024-05-10 09:00:00", "礼盒", 200.0, 1, 200.0, 0.0, 200.0, "13900000002", "退款成功", 50.0),
    ]  # fmt: skip
    rows = [
        [o, "", st, when, item, "实物商品", "默认", "G1", unit, "", unit, q, sub, disc, paid, "王先生", phone, "浙江省",
         "文三路1号", "", "已发货", "仓库小李", when, state, refunded, ""]
        for o, st, when, item, unit, q, sub, disc, paid, phone, state, refunded in lines
    ]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", [YOUZAN, *rows])
    net = [
        {"order": o, "customer": phone, "amount": paid - refunded}
        for o, _s, _w, _i, _u, _q, _sub, _d, paid, phone, _st, refunded in lines
    ]
    expected = {c: (a, 1) for c, (a, _n) in per(net, "customer", "amount").items()}
    settle(
        tmp_path,
        [Classify(expected), Report({UNASSIGNED: (round(sum(r["amount"] for r in net), 2), 2)})],
        [
            mapping("order_date", "交易成功时间"),
            mapping("customer_id", "收货人手机号/提货人手机号"),
            mapping("amount", "商品实际成交金额"),
            mapping("refund_amount", "商品已退款金额"),
            *ignore("收货人/提货人", "发货员工", "商品数量", "商品金额小计", "店铺优惠（分摊）", "商品优惠后价格", "商品单价", "商品发货时间",
                    "外部订单号", "商品编码", "商品类型", "商品优惠方式", "订单商品状态"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- Dynamics 365 Sales (CE) orders


D365 = ["(Do Not Modify) Order", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
        "Order ID", "Name", "Customer", "Status", "Status Reason", "Total Amount", "Currency", "Owner",
        "Created On", "Date Fulfilled"]  # fmt: skip


def test_dynamics_365_sales_orders_export_to_excel(tmp_path: Path) -> None:
    """Dynamics 365 Sales (customer engagement) "Export to Excel" of an Orders view: a hidden
    sheet `hiddenSheet` of entity metadata before the data, three `(Do Not Modify)` columns
    (the record's id, a checksum, its last change), Status Active / Fulfilled / Invoiced /
    Canceled with a Status Reason (New, Complete, Invoiced, No Money), Currency by its record's
    name (US Dollar, Euro), Owner the seller. Layout: the salesorder entity reference
    (docs.microsoft.com …/web-api/salesorder, states Active, Submitted, Canceled, Fulfilled,
    Invoiced) and the MB-210 notes on order states found by `search`; the (Do Not Modify)
    columns and hiddenSheet are how that Export to Excel writes any view."""
    guid = "9f1c7a3e-1b2c-ef11-8409-000d3a{:06d}"
    lines = [
        # id, name, customer, status, reason, total, currency, owner, created
        ("ORD-01001-X1Y2Z3", "Pumps", "Contoso Pharmaceuticals", "Fulfilled", "Complete", 1200.0, "US Dollar", "Nancy Anderson", "2024-05-03"),
        ("ORD-01002-A4B5C6", "Valves", "Fabrikam, Inc.", "Invoiced", "Invoiced", 800.0, "US Dollar", "Alan Steiner", "2024-05-08"),
        ("ORD-01003-D7E8F9", "Valves 2", "Fabrikam, Inc.", "Canceled", "No Money", 500.0, "US Dollar", "Alan Steiner", "2024-05-12"),
        ("ORD-01004-G1H2J3", "Motors", "Adventure Works", "Fulfilled", "Complete", 1000.0, "Euro", "Nancy Anderson", "2024-05-15"),
    ]  # fmt: skip
    rows = [
        [guid.format(i), f"Ab{i}==", day(d), oid, name, cust, st, why, total, cur, owner, day(d), day(d)]
        for i, (oid, name, cust, st, why, total, cur, owner, d) in enumerate(lines)
    ]  # fmt: skip
    write_xlsx(
        tmp_path / "orders.xlsx",
        [D365, *rows],
        sheet="My Active Orders",
        hidden={"hiddenSheet": [["salesorder", "salesorderid", "2024-05-31T09:00:00Z"], ["ownerid", "statecode", "statuscode"]]},
    )  # fmt: skip
    write_csv(
        tmp_path / "targets.csv",
        [
            ["rep", "period", "target"],
            ["Nancy Anderson", "2024-05", 1000],
            ["Alan Steiner", "2024-05", 1000],
        ],
    )
    eur = 1.1
    sold = [
        {
            "order": oid,
            "customer": cust,
            "rep": owner,
            "amount": total * (eur if cur == "Euro" else 1),
        }
        for oid, _n, cust, st, _w, total, cur, owner, _d in lines
        if st != "Canceled"
    ]
    by_rep = per(sold, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), by_rep),
        [
            mapping("order_id", "Order ID"),
            mapping("customer_id", "Customer"),
            mapping("order_date", "Created On"),
            mapping("amount", "Total Amount"),
            mapping("currency", "Currency"),
            Fix(("USD", "US Dollar", "base"), ("base",), {"currency": {"base": "USD"}}),
            rates(("2024-05", "EUR", eur)),
            rates(("2024-05", "Euro", eur)),
            *ignore("(Do Not Modify) Order", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
                    "Date Fulfilled", "Status Reason"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- Salesforce, a multi-currency org


SALESFORCE = ["Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Fiscal Period",
              "Amount Currency", "Amount", "Amount (converted) Currency", "Amount (converted)",
              "Close Date", "Opportunity ID", "Type"]  # fmt: skip


def test_salesforce_opportunity_report_of_a_multi_currency_org(tmp_path: Path) -> None:
    """A Salesforce opportunity report exported as CSV from a multi-currency org: each
    currency field comes as `X Currency` + `X`, with `Amount (converted)` in the corporate
    currency (USD here) beside; the formatted export ends with the report's footer lines
    (copyright, confidential, generated by). Type is the opportunity's type (New Business,
    Existing Business), not a document. Layout: Salesforce's report export (docs "Export a
    Report", multi-currency "converted" columns); README's Salesforce row is single-currency."""
    lines = [
        ("Ann Lee", "Acme GmbH", "Acme renewal", "Closed Won", "EUR", 1000.0, 1100.0, "5/6/2024", "006A0000001", "Existing Business"),
        ("Ann Lee", "Acme GmbH", "Acme add-on", "Closed Lost", "EUR", 400.0, 440.0, "5/9/2024", "006A0000002", "Existing Business"),
        ("Bo Li", "Globex Inc", "Globex pilot", "Closed Won", "USD", 500.0, 500.0, "5/20/2024", "006A0000003", "New Business"),
        ("Bo Li", "Initech KK", "Initech", "Closed Won", "JPY", 100000.0, 650.0, "5/28/2024", "006A0000004", "New Business"),
    ]  # fmt: skip
    rows = [
        [owner, acct, name, stage, "Q2-2024", cur, f"{amt:,.2f}", "USD", f"{conv:,.2f}", close, oid, typ]
        for owner, acct, name, stage, cur, amt, conv, close, oid, typ in lines
    ]  # fmt: skip
    footer = [[], ["Opportunity Pipeline"], ["Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."],
              ["Confidential Information - Do Not Distribute"], ["Generated By:  Admin User  5/31/2024 9:15 AM"], ["Acme Corp"]]  # fmt: skip
    write_csv(tmp_path / "orders.csv", [SALESFORCE, *rows, *footer])
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["Ann Lee", "2024-05", 1000], ["Bo Li", "2024-05", 1000]],
    )
    won = [
        {"order": oid, "customer": acct, "rep": owner, "amount": conv}
        for owner, acct, _n, stage, _c, _a, conv, _d, oid, _t in lines
        if stage == "Closed Won"
    ]
    by_rep = per(won, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(won, "customer", "amount"), by_rep, by="customer_name"),
        [
            Fix(("USD",), ("base",), {"currency": {"base": "USD"}}),
            mapping("amount", "Amount (converted)"),
            *ignore("Amount", "Amount Currency", "Amount (converted) Currency", "Fiscal Period", "Opportunity Name"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- HubSpot deals, two currencies


def test_hubspot_deals_in_two_currencies_with_the_company_currency_amount(tmp_path: Path) -> None:
    """HubSpot deals export of a portal with multiple currencies: Amount in the deal's own
    currency (`Currency` EUR / USD) beside `Amount in company currency` (USD). Layout: HubSpot's
    deal properties (amount, deal_currency_code labelled Currency, amount_in_home_currency
    labelled Amount in company currency); README's HubSpot row is single-currency."""
    header = ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Currency",
              "Amount in company currency", "Create Date", "Associated Company"]  # fmt: skip
    lines = [
        ("9001", "Acme renewal", "Closed won", "2024-05-06 10:00", "Ann Lee", 1000.0, "EUR", 1100.0, "Acme GmbH"),
        ("9002", "Globex pilot", "Closed won", "2024-05-14 11:00", "Bo Li", 500.0, "USD", 500.0, "Globex Inc"),
        ("9003", "Hooli", "Closed lost", "2024-05-20 12:00", "Bo Li", 900.0, "USD", 900.0, "Hooli"),
    ]  # fmt: skip
    rows = [
        [i, n, s, d, o, a, c, h, "2024-04-01 09:00", comp] for i, n, s, d, o, a, c, h, comp in lines
    ]
    write_csv(tmp_path / "orders.csv", [header, *rows])
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["Ann Lee", "2024-05", 1000], ["Bo Li", "2024-05", 1000]],
    )
    won = [
        {"order": i, "customer": comp, "rep": o, "amount": h}
        for i, _n, s, _d, o, _a, _c, h, comp in lines
        if s == "Closed won"
    ]
    by_rep = per(won, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(won, "customer", "amount"), by_rep, by="customer_name"),
        [
            Fix(("USD",), ("base",), {"currency": {"base": "USD"}}),
            *ignore("Create Date", "Deal Name"),
        ],
    )


def test_salesforce_converted_amounts_are_not_converted_again_when_the_currency_is_mapped(
    tmp_path: Path,
) -> None:
    """The same report, the user taking the currency hint's first branch (map `Amount Currency`
    as the currency, with rates) after mapping the converted amount: `Amount (converted)` is
    already USD, so converting it again by the row's currency would be wrong; the run must be
    right or refused."""
    lines = [
        ("Ann Lee", "Acme GmbH", "Acme renewal", "Closed Won", "EUR", 1000.0, 1100.0, "5/6/2024", "006A0000001", "Existing Business"),
        ("Bo Li", "Globex Inc", "Globex pilot", "Closed Won", "USD", 500.0, 500.0, "5/20/2024", "006A0000003", "New Business"),
        ("Bo Li", "Initech KK", "Initech", "Closed Won", "JPY", 100000.0, 650.0, "5/28/2024", "006A0000004", "New Business"),
    ]  # fmt: skip
    rows = [
        [owner, acct, name, stage, "Q2-2024", cur, f"{amt:,.2f}", "USD", f"{conv:,.2f}", close, oid, typ]
        for owner, acct, name, stage, cur, amt, conv, close, oid, typ in lines
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", [SALESFORCE, *rows])
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["Ann Lee", "2024-05", 1000], ["Bo Li", "2024-05", 1000]],
    )
    (tmp_path / "rates.csv").write_text(
        "month,currency,rate\n2024-05,EUR,1.1\n2024-05,JPY,0.0065\n"
    )
    (tmp_path / "salescli.toml").write_text(
        '[currency]\nbase = "USD"\n[inputs.orders]\namount = "Amount (converted)"\n'
        'currency = "Amount Currency"\nignore = ["Amount", "Amount (converted) Currency", "Fiscal Period", "Opportunity Name"]\n',
        encoding="utf-8",
    )
    by_rep: dict[str, float] = {}
    for owner, *_rest in lines:
        by_rep[owner] = round(sum(r[6] for r in lines if r[0] == owner), 2)
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05", "--format", "json")
    if result.exit_code == 0:
        got = {r["rep"]: round(r["amount"], 2) for r in json.loads(result.stdout) if r["amount"]}
        assert got == by_rep, "exit 0 with the converted amounts converted again"
    else:
        assert result.exit_code == 65, result.stderr
        assert "Amount (converted)" in result.stderr or "Amount Currency" in result.stderr


def test_the_item_counts_of_shop_exports_are_quantities_not_a_second_amount(tmp_path: Path) -> None:
    """抖店's 商品数量 and 拼多多's 商品数量(件) are each line's quantity: read as such, never
    offered as the sales amount (the hint said `amount = "商品数量"`)."""
    header = ["订单号", "订单成交时间", "手机", "商品数量(件)", "商家实收金额(元)"]
    write_csv(
        tmp_path / "orders.csv",
        [header, ["240503-1", "2024-05-03 10:00:00", "138****0001", "2", "90"]],
        encoding="gbk",
    )
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\norder_date = "订单成交时间"\ncustomer_id = "手机"\namount = "商家实收金额(元)"\n',
        encoding="utf-8",
    )
    result = run(
        "-w",
        str(tmp_path),
        "check",
        "--table",
        "orders",
        "--format",
        "json",
        "--section",
        "headers",
    )
    assert result.exit_code in (0, 65), result.stderr
    columns = {r["header"]: r["column"] for r in json.loads(result.stdout)}
    assert columns["商品数量(件)"] == "quantity"
    header[3] = "商品数量"
    write_csv(
        tmp_path / "orders.csv",
        [header, ["240503-1", "2024-05-03 10:00:00", "138****0001", "2", "90"]],
        encoding="gbk",
    )
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "商品数量" not in result.stderr


# ---------------------------------------------------------------- 畅捷通 T+ 销货单列表


TPLUS = ["单据日期", "单据编号", "业务类型", "客户编码", "客户", "业务员", "部门", "仓库", "存货编码", "存货名称",
         "规格型号", "计量单位", "数量", "报价", "折扣%", "单价", "含税单价", "金额", "税率%", "税额", "含税金额",
         "制单人", "审核人"]  # fmt: skip


def test_chanjet_tplus_delivery_slips_with_a_discount_and_a_return_slip(tmp_path: Path) -> None:
    """畅捷通 T+ 销货单 list (xlsx with a title row and a 合计 row): 报价 is the list price,
    折扣% the discount off it, 单价 the price after it, 金额 the net line amount beside 含税金额;
    业务类型 普通销售 / 退货 (the return slip written negative). Layout: README's T+ 销售订单 row
    and the T+ 销货单 columns (报价, 折扣%, 含税单价, 含税金额) of its list view, inferred."""
    lines = [
        # day, number, kind, customer id, customer, rep, qty, list price, discount %, price
        ("2024-05-06", "XH-2024-05-0001", "普通销售", "0101", "华东五金", "张伟", 10, 100.0, 10.0, 90.0),
        ("2024-05-06", "XH-2024-05-0001", "普通销售", "0101", "华东五金", "张伟", 2, 50.0, 0.0, 50.0),
        ("2024-05-18", "XH-2024-05-0002", "退货", "0101", "华东五金", "张伟", -3, 100.0, 10.0, 90.0),
        ("2024-05-21", "XH-2024-05-0003", "普通销售", "0102", "南方机电", "李娜", 4, 200.0, 5.0, 190.0),
    ]  # fmt: skip
    rows = [
        [day(d), no, kind, cid, cust, rep, "销售部", "成品库", "A01", "电机", "YE3", "台", q, quote, disc, price,
         round(price * 1.13, 2), q * price, 13, round(q * price * 0.13, 2), round(q * price * 1.13, 2), "管理员", "王经理"]
        for d, no, kind, cid, cust, rep, q, quote, disc, price in lines
    ]  # fmt: skip
    total = ["合计", None, None, None, None, None, None, None, None, None, None, None, sum(r[6] for r in lines),
             None, None, None, None, sum(r[6] * r[9] for r in lines), None, None, None, None, None]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", [["销货单列表"], TPLUS, *rows, total])
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["张伟", "2024-05", 1000], ["李娜", "2024-05", 1000]],
    )
    net = [
        {"order": no, "customer": cid, "rep": rep, "amount": q * price, "return": kind == "退货"}
        for _d, no, kind, cid, _c, rep, q, _qt, _dc, price in lines
    ]
    sales = [r for r in net if not r["return"]]
    by_customer = {
        c: (round(sum(r["amount"] for r in net if r["customer"] == c), 2), len({r["order"] for r in sales if r["customer"] == c}))
        for c in dict.fromkeys(r["customer"] for r in net)
    }  # fmt: skip
    by_rep = {
        rep: (round(sum(r["amount"] for r in net if r["rep"] == rep), 2), len({r["order"] for r in sales if r["rep"] == rep}))
        for rep in dict.fromkeys(r["rep"] for r in net)
    }  # fmt: skip
    settle(
        tmp_path,
        the_three(by_customer, by_rep),
        [
            mapping("document_type", "业务类型"),
            Fix(("普通销售",), ("[documents]",), {"documents": {"sale": ["普通销售"]}}),
            Fix(("退货",), ("[documents]",), {"documents": {"returns": ["退货"]}}),
            *ignore("报价", "折扣%", "含税金额", "含税单价", "税额"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 旺店通 ERP 订单管理


WDT = ["订单编号", "原始单号", "店铺名称", "订单类型", "订单状态", "客户网名", "收件人", "下单时间", "付款时间",
       "发货时间", "货品总额", "订单总优惠", "邮资", "应收金额", "退款状态", "业务员", "客服备注"]  # fmt: skip


def test_wangdiantong_orders_with_a_refund_state_in_whole_or_in_part(tmp_path: Path) -> None:
    """旺店通 ERP 订单管理 export (xlsx, one row per order): 订单状态 已完成 / 已发货 / 已取消,
    退款状态 无退款 / 部分退款 / 全部退款 with no refund amount beside it, 应收金额 the order's
    amount after discounts, 业务员 the seller. A 全部退款 order is no sale; a 部分退款 one has
    lost an amount the export does not give: the run must not count it whole without saying so.
    Layout: inferred from 旺店通's order list (订单编号, 原始单号, 店铺名称, 订单状态, 货品总额,
    订单总优惠, 邮资, 应收金额, 退款状态, 业务员); no public export was found."""
    lines = [
        ("JY202405030001", "3700000000000101", "网店销售", "已完成", "tb_alice", "2024-05-03", 100.0, "无退款", "张三"),
        ("JY202405080002", "3700000000000102", "网店销售", "已完成", "tb_bob", "2024-05-08", 200.0, "全部退款", "李四"),
        ("JY202405120003", "3700000000000103", "网店销售", "已发货", "tb_bob", "2024-05-12", 80.0, "无退款", "李四"),
        ("JY202405150004", "3700000000000104", "网店销售", "已取消", "tb_alice", "2024-05-15", 60.0, "无退款", "张三"),
    ]  # fmt: skip
    rows = [
        [no, raw, "天猫旗舰店", kind, st, buyer, buyer[-3:] + "**", day(d), day(d), None, amt, 0, 0, amt, refund, rep, ""]
        for no, raw, kind, st, buyer, d, amt, refund, rep in lines
    ]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", [WDT, *rows])
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["张三", "2024-05", 1000], ["李四", "2024-05", 1000]],
    )
    sold = [
        {"order": no, "customer": buyer, "rep": rep, "amount": amt}
        for no, _r, _k, st, buyer, _d, amt, refund, rep in lines
        if st != "已取消" and refund != "全部退款"
    ]
    by_rep = per(sold, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), by_rep),
        [
            mapping("customer_id", "客户网名"),
            mapping("order_date", "下单时间"),
            mapping("amount", "应收金额"),
            mapping("document_type", "退款状态"),
            Fix(("无退款",), ("[documents]",), {"documents": {"sale": ["无退款"]}}),
            Fix(("全部退款",), ("[documents]",), {"documents": {"not_counted": ["全部退款"]}}),
            *ignore("货品总额", "订单总优惠", "邮资", "付款时间", "发货时间", "原始单号", "订单类型"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- Odoo sale.order.line list


def test_odoo_sale_order_lines_with_a_percent_discount_and_a_cancelled_order(
    tmp_path: Path,
) -> None:
    """Odoo's Sales > Order Lines list exported (sale.order.line, one row per line): Unit
    Price before `Discount (%)` (10.0 means 10 %), Subtotal after it (untaxed), Total with tax;
    Status Sales Order / Cancelled / Quotation; Salesperson. Layout: docs/exports-research.md
    "Odoo" (field labels of sale.order.line: Order Reference, Quantity, Delivered Quantity,
    Invoiced Quantity, Unit Price, Discount (%), Subtotal, Total)."""
    header = ["Order Reference", "Order Reference/Order Date", "Customer", "Salesperson", "Product",
              "Quantity", "Delivered Quantity", "Invoiced Quantity", "Unit Price", "Discount (%)",
              "Subtotal", "Total", "Currency", "Status"]  # fmt: skip
    lines = [
        ("S00041", "2024-05-06 09:00:00", "Deco Addict", "Marc Demo", "Desk", 2, 500.0, 10.0, "Sales Order"),
        ("S00041", "2024-05-06 09:00:00", "Deco Addict", "Marc Demo", "Chair", 4, 100.0, 0.0, "Sales Order"),
        ("S00042", "2024-05-10 10:00:00", "Azure Interior", "Mitchell Admin", "Desk", 1, 500.0, 20.0, "Sales Order"),
        ("S00043", "2024-05-14 11:00:00", "Azure Interior", "Mitchell Admin", "Chair", 5, 100.0, 0.0, "Cancelled"),
        ("S00044", "2024-05-20 12:00:00", "Deco Addict", "Marc Demo", "Lamp", 3, 50.0, 0.0, "Quotation"),
    ]  # fmt: skip
    rows = [
        [o, d, c, sp, p, q, q, q, price, disc, round(q * price * (1 - disc / 100), 2),
         round(q * price * (1 - disc / 100) * 1.15, 2), "CNY", st]
        for o, d, c, sp, p, q, price, disc, st in lines
    ]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", [header, *rows])
    write_csv(
        tmp_path / "targets.csv",
        [
            ["rep", "period", "target"],
            ["Marc Demo", "2024-05", 1000],
            ["Mitchell Admin", "2024-05", 1000],
        ],
    )
    sold = [
        {"order": o, "customer": c, "rep": sp, "amount": round(q * price * (1 - disc / 100), 2)}
        for o, _d, c, sp, _p, q, price, disc, st in lines
        if st == "Sales Order"
    ]
    by_rep = per(sold, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), by_rep),
        [
            mapping("order_id", "Order Reference"),
            mapping("order_date", "Order Reference/Order Date"),
            mapping("amount", "Subtotal"),
            *ignore("Discount (%)", "Total", "Delivered Quantity", "Invoiced Quantity"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- one workbook, two grains


def test_a_workbook_of_the_orders_and_their_lines_on_two_sheets_is_not_summed(
    tmp_path: Path,
) -> None:
    """A document list exported with its entries: sheet 订单 one row per order (its total),
    sheet 订单明细 one row per line of the same orders. Every sheet of a workbook is read by
    default (monthly sheets), and these two hold the same sales twice. The run must be right
    or refused naming the sheets; following the hint (`sheet`) must then be right. Layout:
    inferred (ERP list exports with 表头 and 表体/明细 sheets); no public file was found."""
    orders = [["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", "金额"],
              ["SO1", day("2024-05-06"), "C1", "华东五金", "张伟", 1100.0],
              ["SO2", day("2024-05-21"), "C2", "南方机电", "李娜", 200.0]]  # fmt: skip
    lines = [["订单编号", "下单日期", "客户编号", "产品型号", "数量", "单价", "金额"],
             ["SO1", day("2024-05-06"), "C1", "YE3", 10, 100.0, 1000.0],
             ["SO1", day("2024-05-06"), "C1", "FJ", 2, 50.0, 100.0],
             ["SO2", day("2024-05-21"), "C2", "FJ", 4, 50.0, 200.0]]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", orders, sheet="订单", extra={"订单明细": lines})
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["张伟", "2024-05", 1000], ["李娜", "2024-05", 1000]],
    )
    sold = [
        {"order": o, "customer": c, "rep": rep, "amount": a} for o, _d, c, _n, rep, a in orders[1:]
    ]
    by_rep = per(sold, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), by_rep),
        [Fix(("订单明细",), ("sheet",), {"inputs.orders": {"sheet": "订单"}})],
    )


def test_two_files_of_the_orders_and_their_lines_read_together_are_not_summed(
    tmp_path: Path,
) -> None:
    """The same export as two files, 订单.xlsx and 订单明细.xlsx. salescli reads 订单.xlsx and
    warns that the other is not read, with the path setting that reads them together; a user
    who sets it (`path = "订单*.xlsx"`) must get the right figures or a refusal naming both
    files, and following that must be right."""
    orders = [["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", "金额"],
              ["SO1", day("2024-05-06"), "C1", "华东五金", "张伟", 1100.0],
              ["SO2", day("2024-05-21"), "C2", "南方机电", "李娜", 200.0]]  # fmt: skip
    lines = [["订单编号", "下单日期", "客户编号", "产品型号", "数量", "单价", "金额"],
             ["SO1", day("2024-05-06"), "C1", "YE3", 10, 100.0, 1000.0],
             ["SO1", day("2024-05-06"), "C1", "FJ", 2, 50.0, 100.0],
             ["SO2", day("2024-05-21"), "C2", "FJ", 4, 50.0, 200.0]]  # fmt: skip
    write_xlsx(tmp_path / "订单.xlsx", orders)
    write_xlsx(tmp_path / "订单明细.xlsx", lines)
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["张伟", "2024-05", 1000], ["李娜", "2024-05", 1000]],
    )
    warned = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    assert warned.exit_code == 0, warned.stderr
    assert 'path = "订单*.xlsx"' in warned.stderr  # the files' own name, not orders*.xlsx
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\npath = "订单*.xlsx"\n', encoding="utf-8"
    )
    sold = [
        {"order": o, "customer": c, "rep": rep, "amount": a} for o, _d, c, _n, rep, a in orders[1:]
    ]
    by_rep = per(sold, "rep", "amount")
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), by_rep),
        [Fix(("订单明细.xlsx",), ("path",), {"inputs.orders": {"path": "订单.xlsx"}})],
    )


# ---------------------------------------------------------------- merged document cells


def test_a_return_flag_in_merged_cells_marks_every_line_of_the_return(tmp_path: Path) -> None:
    """用友 U8 发货单 list as a report tool writes it to Excel: the document's cells (单号, 日期,
    客户, 业务员, 退货标志) merged down over its lines, so only the first line holds them, and a
    小计 row. The return 发货单 (退货标志 是, written negative) is subtracted and is no order:
    the customer's frequency and the rep's orders count FH0001 only. Layout: README's U8
    发货单 row and tests/data/test_unseen_exports.py's U8 invoice (退货标志); the merged cells
    are inferred (report tools' Excel output)."""
    header = ["发货单号", "发货日期", "客户编码", "客户简称", "业务员", "存货编码", "存货名称", "数量",
              "无税单价", "无税金额", "价税合计", "退货标志"]  # fmt: skip
    docs = [
        # number, day, customer, name, rep, flag, lines (item, name, qty, price)
        ("FH0001", "2024-05-06", "010001", "恒达", "赵六", "否", [("A001", "电缆", 100, 10.0), ("A002", "开关", 10, 5.0)]),
        ("FH0002", "2024-05-15", "010002", "远大", "孙七", "否", [("A002", "开关", 20, 5.0)]),
        ("FH0003", "2024-05-20", "010001", "恒达", "赵六", "是", [("A001", "电缆", -10, 10.0), ("A002", "开关", -2, 5.0)]),
    ]  # fmt: skip
    rows: list[list] = [["发货单列表"], header]
    merge: list[str] = []
    for no, d, cid, name, rep, flag, items in docs:
        first = len(rows) + 1
        for i, (code, item, q, p) in enumerate(items):
            head = [no, day(d), cid, name, rep] if i == 0 else [None] * 5
            rows.append(
                [*head, code, item, q, p, q * p, round(q * p * 1.13, 2), flag if i == 0 else None]
            )
        if len(items) > 1:
            merge += [f"{c}{first}:{c}{first + len(items) - 1}" for c in "ABCDEL"]
    rows.append(["小计", None, None, None, None, None, None, None, None, None, None, None])
    write_xlsx(tmp_path / "orders.xlsx", rows, merge=merge)
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["赵六", "2024-05", 1000], ["孙七", "2024-05", 1000]],
    )
    net = [
        {"order": no, "customer": cid, "rep": rep, "amount": q * p, "sale": flag == "否"}
        for no, _d, cid, _n, rep, flag, items in docs
        for _c, _i, q, p in items
    ]
    by_customer = {
        c: (round(sum(r["amount"] for r in net if r["customer"] == c), 2), len({r["order"] for r in net if r["customer"] == c and r["sale"]}))
        for c in dict.fromkeys(r["customer"] for r in net)
    }  # fmt: skip
    by_rep = {
        rep: (round(sum(r["amount"] for r in net if r["rep"] == rep), 2), len({r["order"] for r in net if r["rep"] == rep and r["sale"]}))
        for rep in dict.fromkeys(r["rep"] for r in net)
    }  # fmt: skip
    settle(
        tmp_path,
        the_three(by_customer, by_rep),
        [*ignore("价税合计")],
    )


# ---------------------------------------------------------------- QuickBooks Desktop by item


def test_quickbooks_desktop_sales_by_item_detail_with_nested_totals(tmp_path: Path) -> None:
    """QuickBooks Desktop's Sales by Item Detail exported to Excel: the item type and the item
    are group headings indented over header-less leading columns, each group closed by a
    `Total …` row (Total Cabinets inside Total Inventory), then TOTAL; Type Invoice / Credit
    Memo (negative) / Sales Receipt / Estimate; Name the customer; Balance a running total.
    Layout: docs/exports-research.md "QuickBooks" (QBO's Sales by Customer Detail: Type, Date,
    Num, Memo, Name, Qty, Sales Price, Amount, Balance); Desktop's indented groups inferred."""
    header = [
        None,
        None,
        None,
        "Type",
        "Date",
        "Num",
        "Memo",
        "Name",
        "Qty",
        "Sales Price",
        "Amount",
        "Balance",
    ]
    docs = [
        # item, type, day, number, customer, qty, price
        ("Cabinets", "Invoice", "2024-05-06", "1001", "Abercrombie, Kristy", 2, 100.0),
        ("Cabinets", "Credit Memo", "2024-05-20", "1004", "Abercrombie, Kristy", -1, 100.0),
        ("Cabinets", "Sales Receipt", "2024-05-22", "1005", "Cook, Brian", 1, 100.0),
        ("Lumber", "Invoice", "2024-05-06", "1001", "Abercrombie, Kristy", 10, 5.0),
        ("Lumber", "Estimate", "2024-05-25", "E-7", "Cook, Brian", 100, 5.0),
    ]  # fmt: skip
    blank = [None] * 12
    rows: list[list] = [blank, header, ["Inventory", *blank[1:]]]
    balance = 0.0
    for item in ("Cabinets", "Lumber"):
        rows.append([None, item, *blank[2:]])
        mine = [d for d in docs if d[0] == item]
        for _i, kind, d, num, name, q, p in mine:
            balance += q * p
            rows.append([None, None, None, kind, day(d), num, item, name, q, p, q * p, balance])
        rows.append(
            [
                None,
                f"Total {item}",
                None,
                None,
                None,
                None,
                None,
                None,
                sum(d[5] for d in mine),
                None,
                sum(d[5] * d[6] for d in mine),
                balance,
            ]
        )
    every = (sum(d[5] for d in docs), sum(d[5] * d[6] for d in docs))
    rows += [["Total Inventory", None, None, None, None, None, None, None, every[0], None, every[1], balance],
             ["TOTAL", None, None, None, None, None, None, None, every[0], None, every[1], balance]]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", rows)
    counted = [
        {
            "order": num,
            "customer": name,
            "amount": q * p,
            "sale": kind in ("Invoice", "Sales Receipt"),
        }
        for _i, kind, _d, num, name, q, p in docs
        if kind != "Estimate"
    ]
    expected = {
        c: (round(sum(r["amount"] for r in counted if r["customer"] == c), 2), len({r["order"] for r in counted if r["customer"] == c and r["sale"]}))
        for c in dict.fromkeys(r["customer"] for r in counted)
    }  # fmt: skip
    settle(
        tmp_path,
        [Classify(expected)],
        [
            mapping("customer_id", "Name"),
            mapping("order_id", "Num"),
            mapping("document_type", "Type"),
            Fix(("Sales Receipt",), ("[documents]",), {"documents": {"sale": ["Sales Receipt"]}}),
            Fix(("Estimate",), ("[documents]",), {"documents": {"not_counted": ["Estimate"]}}),
            *ignore("Balance", "Memo", "Sales Price"),
        ],
    )  # fmt: skip


def test_an_exchange_rate_in_merged_cells_converts_every_line_of_its_invoice(
    tmp_path: Path,
) -> None:
    """用友 U8 销售发票 list with merged document cells: 币种 and 汇率 stand on the invoice's
    first line only. Every line of the 美元 invoice is converted at its own 汇率 (7.1): the
    export says the rate, no rates table is needed. Layout: tests/data/test_unseen_exports.py's
    U8 invoice list (币种 names, 汇率, 原币 amounts); the merged cells are inferred."""
    header = [
        "发票号",
        "开票日期",
        "客户编码",
        "客户简称",
        "业务员",
        "币种",
        "汇率",
        "存货编码",
        "数量",
        "原币无税单价",
        "原币无税金额",
    ]
    invoices = [
        ("00000101", "2024-05-08", "010001", "恒达", "赵六", "人民币", 1.0, [("A001", 100, 10.0)]),
        ("00000102", "2024-05-15", "010002", "远大", "孙七", "美元", 7.1, [("A002", 10, 10.0), ("A003", 5, 30.0)]),
    ]  # fmt: skip
    rows: list[list] = [["销售发票列表"], header]
    merge: list[str] = []
    for no, d, cid, name, rep, cur, rate, items in invoices:
        first = len(rows) + 1
        for i, (code, q, p) in enumerate(items):
            head = [no, day(d), cid, name, rep, cur, rate] if i == 0 else [None] * 7
            rows.append([*head, code, q, p, q * p])
        if len(items) > 1:
            merge += [f"{c}{first}:{c}{first + len(items) - 1}" for c in "ABCDEFG"]
    write_xlsx(tmp_path / "orders.xlsx", rows, merge=merge)
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["赵六", "2024-05", 1000], ["孙七", "2024-05", 1000]],
    )
    sold = [
        {"order": no, "customer": cid, "rep": rep, "amount": round(q * p * rate, 2)}
        for no, _d, cid, _n, rep, _c, rate, items in invoices
        for _code, q, p in items
    ]
    by_rep = per(sold, "rep", "amount")
    settle(
        tmp_path,
        [
            Classify(per(sold, "customer", "amount")),
            Appraise({r: a for r, (a, _n) in by_rep.items()}),
            Report(by_rep),
        ],
        [
            mapping("order_id", "发票号"),
            mapping("order_date", "开票日期"),
            mapping("amount", "原币无税金额"),
            *ignore("原币无税单价"),
            rates(("2024-05", "USD", 7.0)),  # the month's rate of the user's table: not 7.1
        ],
    )


# ---------------------------------------------------------------- Salesforce, grouped report


def test_salesforce_formatted_report_grouped_by_owner_with_subtotals(tmp_path: Path) -> None:
    """A Salesforce summary report (grouped by Opportunity Owner) exported Formatted to xlsx:
    title lines, each owner alone on a group row, its opportunities below with the owner cell
    blank, a Subtotal row per group, Total, and the confidential footer. Layout: Salesforce's
    "Export a Report" (Formatted Report keeps groupings and subtotals; Details Only does not)."""
    lines = [
        ("Ann Lee", "Acme GmbH", "Acme renewal", "Closed Won", 1000.0, "2024-05-06", "006A0000001"),
        ("Ann Lee", "Acme GmbH", "Acme add-on", "Closed Lost", 400.0, "2024-05-09", "006A0000002"),
        ("Bo Li", "Globex Inc", "Globex pilot", "Closed Won", 500.0, "2024-05-20", "006A0000003"),
    ]  # fmt: skip
    rows: list[list] = [["Opportunity Pipeline"], ["Acme Corp"], ["As of 5/31/2024 9:15 AM·Generated by Admin User"], [],
                        ["Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Amount", "Close Date", "Opportunity ID"]]  # fmt: skip
    for owner in dict.fromkeys(r[0] for r in lines):
        mine = [r for r in lines if r[0] == owner]
        rows.append([owner, None, None, None, None, None, None])
        rows += [
            [None, acct, name, stage, amt, day(d), oid]
            for _o, acct, name, stage, amt, d, oid in mine
        ]
        rows.append(["Subtotal", None, None, None, sum(r[4] for r in mine), None, None])
    rows += [["Total", None, None, None, sum(r[4] for r in lines), None, None], [],
             ["Confidential Information - Do Not Distribute"],
             ["Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."]]  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", rows, sheet="Opportunity Pipeline")
    write_csv(
        tmp_path / "targets.csv",
        [["rep", "period", "target"], ["Ann Lee", "2024-05", 1000], ["Bo Li", "2024-05", 1000]],
    )
    won = [{"order": r[6], "rep": r[0], "amount": r[4]} for r in lines if r[3] == "Closed Won"]
    by_rep = per(won, "rep", "amount")
    settle(
        tmp_path,
        [Appraise({rep: a for rep, (a, _n) in by_rep.items()}), Report(by_rep)],
        [*ignore("Opportunity Name")],
    )


GROUPED = ["Opportunity Owner", "Account Name", "Stage", "Amount", "Close Date", "Opportunity ID"]


def _grouped(folder: Path, rows: list[list]) -> tuple[int, dict[str, float], str]:
    """A report grouped by owner (heading rows, Subtotal rows) under GROUPED; each rep's
    amount in May 2024."""
    write_xlsx(folder / "orders.xlsx", [["Opportunity Pipeline"], [], GROUPED, *rows])
    write_csv(folder / "targets.csv", [["rep", "period", "target"], ["Ann Lee", "2024-05", 1000], ["Bo Li", "2024-05", 1000]])  # fmt: skip
    result = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    if result.exit_code != 0:
        return result.exit_code, {}, result.stderr
    return 0, {r["rep"]: r["amount"] for r in json.loads(result.stdout)}, result.stderr


def test_a_group_heading_is_filled_down_only_onto_the_lines_right_below_it(tmp_path: Path) -> None:
    """Ann Lee's heading, her two lines, a Subtotal; then Bo Li's heading and line: each owner
    is each line's rep as far as the group goes (a heading is no line: no missing date)."""
    rows = [["Ann Lee", None, None, None, None, None],
            [None, "Acme GmbH", "Closed Won", 300, day("2024-05-06"), "006A1"],
            [None, "Acme GmbH", "Closed Won", 200, day("2024-05-07"), "006A2"],
            ["Subtotal", None, None, 500, None, None],
            ["Bo Li", None, None, None, None, None],
            [None, "Globex Inc", "Closed Won", 700, day("2024-05-20"), "006A3"],
            ["Subtotal", None, None, 700, None, None]]  # fmt: skip
    code, amounts, err = _grouped(tmp_path, rows)
    assert code == 0, err
    assert amounts == {"Ann Lee": 500.0, "Bo Li": 700.0}


def test_a_line_below_a_subtotal_with_no_heading_of_its_own_is_no_line_of_the_group_above(
    tmp_path: Path,
) -> None:
    """A line after Ann Lee's Subtotal and before any other heading: whose it is the report does
    not say; it is not filled from Ann Lee's heading across the subtotal (it was 800 for her)."""
    rows = [["Ann Lee", None, None, None, None, None],
            [None, "Acme GmbH", "Closed Won", 500, day("2024-05-06"), "006A1"],
            ["Subtotal", None, None, 500, None, None],
            [None, "Globex Inc", "Closed Won", 300, day("2024-05-20"), "006A3"]]  # fmt: skip
    code, amounts, err = _grouped(tmp_path, rows)
    assert code == 0, err
    assert amounts["Ann Lee"] == 500.0 and amounts["Bo Li"] == 0.0


def test_a_heading_row_that_also_has_a_date_is_refused_not_filled_down(tmp_path: Path) -> None:
    """`Ann Lee` with a Close Date and nothing else: a heading, or a line missing its amount?
    Refused naming the row (as before the headings were read), never filled down on a guess."""
    rows = [["Ann Lee", None, None, None, day("2024-05-01"), None],
            [None, "Acme GmbH", "Closed Won", 500, day("2024-05-06"), "006A1"],
            ["Subtotal", None, None, 500, None, None]]  # fmt: skip
    code, amounts, err = _grouped(tmp_path, rows)
    assert code == 65, amounts
    assert "row 4" in err


def test_monthly_files_whose_columns_differ_sharing_an_order_are_one_grain(
    tmp_path: Path,
) -> None:
    """Two monthly exports of order lines, June's with a column May's lacks (客户群体 added),
    and a June return on May's order number: both files hold lines, so they are read
    together, not refused as the orders and their lines."""
    may_header = [h for h in ORDER_HEADER if h != "客户群体"]
    line = dict(zip(ORDER_HEADER, order_row("SO1", "2024-05-06", "C1", 1000), strict=True))
    write_csv(tmp_path / "orders-2024-05.csv", [may_header, [line[h] for h in may_header]])
    write_csv(
        tmp_path / "orders-2024-06.csv",
        [ORDER_HEADER, order_row("SO1", "2024-06-03", "C1", -300, 产品型号="FJ"), order_row("SO2", "2024-06-10", "C2", 500)],
    )  # fmt: skip
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\npath = "orders-*.csv"\n', encoding="utf-8"
    )
    done = run("-w", str(tmp_path), "report", "--month", "2024-06", "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert "two layouts" not in done.stderr
    amount = [r for r in json.loads(done.stdout) if r["figure"] == "amount"]
    assert [(r["current"], r["previous"]) for r in amount] == [(200.0, 1000.0)]
