# ruff: noqa: E501  (each export row is one line, as the system writes it)
"""A fourth new user's exports, from systems no earlier test builds, run as that user would.

Each test builds an export the way its system writes it (its headers, value forms and quirks;
where the layout comes from is said per test: the `search` tool's public pages and
repositories, or inferred where nothing public was found), writes no salescli.toml at first and
follows every refusal's hint (`settle`, from test_unseen_exports) until the commands exit 0;
their figures must then equal the ones the test computes from the rows itself, in plain Python,
by what each system's columns mean.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.data.test_newuser_exports import UNASSIGNED, Report, per, the_three
from tests.data.test_unseen_exports import Classify, Fix, ignore, mapping, rates, settle
from tests.helpers import run, set_settings, write_csv, write_xlsx


def reps_targets(folder: Path, *reps: str) -> None:
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], *[[r, "2024-05", 10000] for r in reps]],
    )


# ---------------------------------------------------------------- Stripe unified payments


STRIPE = ["id", "Created date (UTC)", "Amount", "Amount Refunded", "Currency", "Captured", "Converted Amount",
          "Converted Amount Refunded", "Converted Currency", "Decline Reason", "Description", "Fee",
          "Refunded date (UTC)", "Statement Descriptor", "Status", "Seller Message", "Taxes On Fee",
          "Customer ID", "Customer Description", "Customer Email", "Invoice ID", "PaymentIntent ID"]  # fmt: skip


def test_stripe_payments_converted_amounts_refunds_and_failed_charges(tmp_path: Path) -> None:
    """Stripe Dashboard > Payments > Export (unified_payments.csv), one row per charge: Amount
    and Amount Refunded in the charge's currency (`usd`, `eur`, lower case), Converted Amount
    and Converted Amount Refunded in the account's settlement currency (Converted Currency),
    Status Paid / Refunded / Failed (a failed charge took no money, Captured false), a partial
    refund on a Paid charge. Layout: Stripe's payments export columns as the public Stripe CSV
    guides and import scripts found by `search` name them (Created date (UTC), Amount, Currency,
    Status, Customer ID, Customer Email, PaymentIntent ID)."""
    lines = [
        # id, created, amount, refunded, currency, captured, converted, converted refunded, status, customer, email
        ("ch_3P1", "2024-05-03 10:15:22", 120.00, 0.00, "usd", "true", 120.00, 0.00, "Paid", "cus_A1", "ann@example.com"),
        ("ch_3P2", "2024-05-08 14:02:10", 100.00, 0.00, "eur", "true", 108.50, 0.00, "Paid", "cus_B2", "bob@example.com"),
        ("ch_3P3", "2024-05-12 09:40:00", 80.00, 80.00, "usd", "true", 80.00, 80.00, "Refunded", "cus_A1", "ann@example.com"),
        ("ch_3P4", "2024-05-15 16:20:45", 200.00, 50.00, "usd", "true", 200.00, 50.00, "Paid", "cus_B2", "bob@example.com"),
        ("ch_3P5", "2024-05-20 11:11:11", 60.00, 0.00, "usd", "false", 60.00, 0.00, "Failed", "cus_C3", "cy@example.com"),
    ]  # fmt: skip
    rows = [
        [i, when, f"{a:.2f}", f"{r:.2f}", cur, cap, f"{c:.2f}", f"{cr:.2f}", "usd",
         "card_declined" if st == "Failed" else "", "Order " + i[-1], f"{c * 0.029 + 0.3:.2f}",
         "2024-05-13 10:00:00" if r else "", "ACME SHOP", st, "Payment complete." if st != "Failed" else "",
         "0.00", cust, "", mail, "", "pi_" + i[3:]]
        for i, when, a, r, cur, cap, c, cr, st, cust, mail in lines
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", [STRIPE, *rows])
    # the sale: the settlement-currency amount less what was refunded of it, of the charges
    # that took money; a charge refunded whole is no order
    sold = [
        {"order": i, "customer": cust, "amount": c - cr}
        for i, _w, _a, _r, _cur, _cap, c, cr, st, cust, _m in lines
        if st != "Failed" and c - cr > 0
    ]
    total = round(sum(r["amount"] for r in sold), 2)
    settle(
        tmp_path,
        [
            Classify(per(sold, "customer", "amount")),
            Report({UNASSIGNED: (total, len(sold))}),
        ],
        [
            mapping("order_id", "id"),
            mapping("order_date", "Created date (UTC)"),
            mapping("customer_id", "Customer ID"),
            mapping("amount", "Converted Amount"),
            mapping("refund_amount", "Converted Amount Refunded"),
            Fix(("USD", "usd"), ("base",), {"currency": {"base": "USD"}}),
            Fix(("Failed",), ("not_counted",), {"statuses": {"not_counted": ["Failed"]}}),
            *ignore("Amount", "Amount Refunded", "Fee", "Taxes On Fee", "Refunded date (UTC)", "Currency",
                    "Captured", "Decline Reason", "PaymentIntent ID", "Invoice ID", "Seller Message"),
            Fix(("Converted Currency",), ("currency",), {"inputs.orders": {"currency": "Converted Currency"}}),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- Amazon Seller Central All Orders


AMAZON = ["amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status",
          "fulfillment-channel", "sales-channel", "order-channel", "ship-service-level", "product-name", "sku",
          "asin", "item-status", "quantity", "currency", "item-price", "item-tax", "shipping-price",
          "shipping-tax", "gift-wrap-price", "gift-wrap-tax", "item-promotion-discount",
          "ship-promotion-discount", "ship-city", "ship-state", "ship-postal-code", "ship-country",
          "promotion-ids", "is-business-order", "purchase-order-number", "price-designation"]  # fmt: skip


def test_amazon_all_orders_report_line_status_two_marketplaces(tmp_path: Path) -> None:
    """Amazon Seller Central Reports > Fulfillment > All Orders (the flat file
    GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL, tab-separated), one row per item:
    item-price is the line's total (quantity × unit price, not the unit price), item-tax and
    shipping-price beside it; order-status Shipped / Pending / Cancelled and item-status per
    item (an item Cancelled inside a Shipped order has quantity 0 and no price); purchase-date
    ISO with its offset; currency USD on Amazon.com, CAD on Amazon.ca; no buyer column (the
    report has had none since 2019): the user takes the postal code as the customer. Layout:
    the SP-API reports module found by `search` ("item-price: Total price for line item
    (quantity * unit price)", amazon-order-id, quantity, asin) and the column list of the
    flat file's public parsers."""
    lines = [
        # order, day, order status, channel, sku, item status, qty, currency, item price, tax, postal
        ("111-0000001-0000001", "2024-05-03T10:15:22+00:00", "Shipped", "Amazon.com", "MUG-1", "Shipped", 2, "USD", 30.00, 2.40, "98101"),
        ("111-0000001-0000001", "2024-05-03T10:15:22+00:00", "Shipped", "Amazon.com", "TEA-1", "Cancelled", 0, "USD", None, None, "98101"),
        ("111-0000002-0000002", "2024-05-09T18:00:05+00:00", "Shipped", "Amazon.ca", "MUG-1", "Shipped", 1, "CAD", 20.00, 2.60, "M5V 2T6"),
        ("111-0000003-0000003", "2024-05-14T07:30:00+00:00", "Cancelled", "Amazon.com", "TEA-1", "Cancelled", 0, "USD", None, None, "10001"),
        ("111-0000004-0000004", "2024-05-21T12:12:12+00:00", "Pending", "Amazon.com", "TEA-1", "Unshipped", 3, "USD", 45.00, 0.00, "98101"),
    ]  # fmt: skip

    def money(x: float | None) -> str:
        return "" if x is None else f"{x:.2f}"

    rows = [
        [o, "", when, when, st, "Merchant", ch, "", "Standard", "Mug" if sku.startswith("MUG") else "Tea", sku,
         "B0" + sku.replace("-", ""), ist, str(q), cur, money(p), money(t), "0.00" if p else "", "0.00" if p else "",
         "", "", "", "", "Seattle", "WA", post, "US" if cur == "USD" else "CA", "", "false", "", ""]
        for o, when, st, ch, sku, ist, q, cur, p, t, post in lines
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", [AMAZON, *rows], delimiter="\t")
    # the sale: the item price (tax apart) of the items not cancelled, in USD (CAD at 0.73);
    # a Pending order is an order not yet shipped: counted, as Amazon's sales dashboard does
    sold = [
        {"order": o, "customer": post, "amount": p * (0.73 if cur == "CAD" else 1)}
        for o, _w, st, _c, _s, ist, _q, cur, p, _t, post in lines
        if ist != "Cancelled" and st != "Cancelled"
    ]
    total = round(sum(r["amount"] for r in sold), 2)
    settle(
        tmp_path,
        [
            Classify(per(sold, "customer", "amount")),
            Report({UNASSIGNED: (total, len({r["order"] for r in sold}))}),
        ],
        [
            mapping("order_id", "amazon-order-id"),
            mapping("order_date", "purchase-date"),
            mapping("customer_id", "ship-postal-code"),
            mapping("amount", "item-price"),
            mapping("document_type", "item-status"),
            Fix(("Shipped",), ("[documents]",), {"documents": {"sale": ["Shipped", "Unshipped"]}}),
            Fix(("Cancelled",), ("[documents]",), {"documents": {"not_counted": ["Cancelled"]}}),
            Fix(("USD",), ("base",), {"currency": {"base": "USD"}}),
            rates(("2024-05", "CAD", 0.73)),
            *ignore("item-tax", "shipping-price", "shipping-tax", "gift-wrap-price", "gift-wrap-tax",
                    "item-promotion-discount", "ship-promotion-discount", "last-updated-date", "merchant-order-id",
                    "purchase-order-number"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 鼎捷 T100 出货单查询


T100 = ["出货单号", "项次", "出货日期", "客户编号", "客户简称", "业务人员", "业务部门", "币种", "汇率", "税种",
        "料件编号", "品名", "规格", "销售单位", "出货数量", "单价", "未税金额", "税额", "含税金额", "状态码", "备注"]  # fmt: skip


T100_LINES = [
    # slip, item, day, customer, short name, rep, currency, rate, qty, price, status
    ("DS1-240503001", 1, "2024/05/03", "C001", "华东机电", "王强", "CNY", 1.0, 10, 100.0, "Y"),
    ("DS1-240503001", 2, "2024/05/03", "C001", "华东机电", "王强", "CNY", 1.0, 5, 40.0, "Y"),
    ("DS1-240510002", 1, "2024/05/10", "C002", "南方五金", "刘洋", "USD", 7.1, 20, 10.0, "Y"),
    ("DS1-240517003", 1, "2024/05/17", "C002", "南方五金", "刘洋", "CNY", 1.0, 8, 50.0, "N"),
    ("DS1-240524004", 1, "2024/05/24", "C001", "华东机电", "王强", "CNY", 1.0, 3, 100.0, "X"),
]  # fmt: skip


def t100_shipments(folder: Path) -> list[tuple]:
    """orders.xlsx as T100's 出货单 query exports it (a title row, then the header), and the
    reps' targets; returns its lines."""
    rows: list[list] = [["出货单查询"], T100]
    for slip, item, d, cust, short, rep, cur, rate, q, p, st in T100_LINES:
        net = q * p
        rows.append([slip, item, d, cust, short, rep, "销售一部", cur, rate, "VAT13", "M-" + str(item), "电机", "YE3",
                     "PCS", q, p, net, round(net * 0.13, 2), round(net * 1.13, 2), st, ""])  # fmt: skip
    write_xlsx(folder / "orders.xlsx", rows)
    reps_targets(folder, "王强", "刘洋")
    return T100_LINES


def test_digiwin_t100_shipments_status_code_letters_and_a_dollar_slip(tmp_path: Path) -> None:
    """鼎捷 T100 出货单 (axmt540) list exported to Excel from its query (a title row, then the
    header): 状态码 Y (已确认, posted), N (未确认, a draft) and X (作废); 币种 CNY / USD with the
    slip's 汇率; 未税金额 beside 含税金额; 业务人员 the seller. Layout: inferred from T100's
    field labels (出货单号, 项次, 料件编号, 未税金额, 含税金额, 状态码 Y/N/X as Digiwin's 確認碼
    in docs/exports-research.md "鼎新 Digiwin"); no public export was found by `search`."""
    lines = t100_shipments(tmp_path)
    # the sale: 未税金额 × 汇率 of the confirmed slips (Y); N is a draft, X is void
    sold = [
        {"order": slip, "customer": cust, "rep": rep, "amount": q * p * rate}
        for slip, _i, _d, cust, _s, rep, _c, rate, q, p, st in lines
        if st == "Y"
    ]
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), per(sold, "rep", "amount")),
        [
            mapping("order_id", "出货单号"),
            mapping("order_date", "出货日期"),
            mapping("rep", "业务人员"),
            mapping("quantity", "出货数量"),
            mapping("amount", "未税金额"),
            mapping("currency", "币种"),
            mapping("cancel_flag", "状态码"),
            # 状态码 N (未确认) is a draft: no sale yet, like X (作废)
            Fix(("X",), ("flag_yes",), {"statuses": {"flag_yes": ["X", "N"], "flag_no": ["Y"]}}),
            *ignore("含税金额", "税种"),
        ],
    )  # fmt: skip


def test_digiwin_t100_from_salescli_init_through_map_and_the_lists_it_wrote(tmp_path: Path) -> None:
    """The same export, as a user starts: `salescli init` (which writes every [statuses] list
    in full), `salescli map orders.xlsx`, each hint followed by editing that file, `map --write`.
    A letter added to flag_no while it stays in the written flag_yes was read as both (the
    status letters then took every line out, and the hint said the word had left flag_yes):
    now refused (78) naming the word and both lists."""
    t100_shipments(tmp_path)
    assert run("init", str(tmp_path)).exit_code == 0
    toml = tmp_path / "salescli.toml"
    ws = ("-w", str(tmp_path))

    def refusal(*args: str, code: int = 65) -> str:
        result = run(*ws, *args)
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return result.stderr

    appraise = ("appraise", "--month", "2024-05", "--format", "json")
    export = str(tmp_path / "orders.xlsx")
    assert 'order_id = "<header>"' in refusal("map", export)
    set_settings(toml, "inputs.orders", order_id='"出货单号"', order_date='"出货日期"')
    mapped = run(*ws, "map", export, "--format", "json")
    assert mapped.exit_code == 65
    concerns = {r["header"]: r for r in json.loads(mapped.stdout) if r["role"] == "concern"}
    assert set(concerns) == {"出货数量", "状态码"}  # 未税金额 is the amount, 含税金额 the gross
    set_settings(toml, "inputs.orders", quantity='"出货数量"', cancel_flag='"状态码"')
    assert "flag_yes" in refusal(*appraise)  # Y beside X: status letters, asked
    # the user adds X and N to the written flag_yes and Y to the written flag_no
    text = toml.read_text(encoding="utf-8")
    text = text.replace('flag_yes = ["是",', 'flag_yes = ["X", "N", "是",', 1)
    text = text.replace('flag_no = ["否",', 'flag_no = ["Y", "否",', 1)
    toml.write_text(text, encoding="utf-8")
    said = refusal(*appraise, code=78)
    assert "[statuses] flag_yes and flag_no" in said and "remove it from one" in said
    text = text.replace('"X", "N", "是", "y",', '"X", "N", "是",', 1)
    text = text.replace('"Y", "否", "n",', '"Y", "否",', 1)
    toml.write_text(text, encoding="utf-8")
    expected = {"王强": 1200.0, "刘洋": 1420.0}
    result = run(*ws, *appraise)
    assert result.exit_code == 0, result.stderr
    assert {r["rep"]: round(r["amount"], 2) for r in json.loads(result.stdout)} == expected
    assert run(*ws, "map", export, "--write").exit_code == 0
    assert 'amount = "未税金额"' in toml.read_text(encoding="utf-8")
    result = run(*ws, *appraise)
    assert result.exit_code == 0, result.stderr
    assert {r["rep"]: round(r["amount"], 2) for r in json.loads(result.stdout)} == expected


# ---------------------------------------------------------------- 金蝶云星空 应收单 list


AR = ["单据编号", "业务日期", "到期日", "客户", "单据类型", "立账类型", "币别", "汇率", "销售员", "销售部门",
      "单据状态", "作废状态", "物料编码", "物料名称", "计价单位", "计价数量", "含税单价", "税率(%)", "不含税金额",
      "税额", "价税合计", "价税合计本位币"]  # fmt: skip


def test_kingdee_cloud_receivables_red_bill_draft_void_and_a_dollar_bill(tmp_path: Path) -> None:
    """金蝶云星空 财务会计 > 应收款管理 > 应收单列表, exported to Excel, one row per entry:
    单据类型 标准应收单 for all, a 红字 (return) bill written with negative 计价数量 and amounts;
    单据状态 创建 (a draft) / 已审核; 作废状态 否 / 是; 币别 人民币 / 美元 with 汇率; 不含税金额,
    税额 and 价税合计 in the bill's currency per entry, 价税合计本位币 the bill's total in yuan
    repeated on each of its entries. Layout: the 应收单 query interface's fields found by
    `search` (qeasy.cloud: FBillNo 单据编号, FDATE 业务日期, FDocumentStatus 单据状态,
    FCancelStatus 作废状态, FCURRENCYID 币别, FALLAMOUNTFOR 价税合计, FSALEERID 销售员,
    FBillTypeID 单据类型 YSD01_SYS) and docs/exports-research.md "金蝶云星空"."""
    lines = [
        # bill, day, customer, currency, rate, rep, state, void, qty, price (incl. tax)
        ("AR00000101", "2024-05-06", "华东机电", "人民币", 1.0, "张三", "已审核", "否", 10, 113.0),
        ("AR00000101", "2024-05-06", "华东机电", "人民币", 1.0, "张三", "已审核", "否", 2, 56.5),
        ("AR00000102", "2024-05-13", "南方五金", "美元", 7.1, "李四", "已审核", "否", 5, 22.6),
        ("AR00000103", "2024-05-20", "华东机电", "人民币", 1.0, "张三", "已审核", "否", -3, 113.0),
        ("AR00000104", "2024-05-22", "南方五金", "人民币", 1.0, "李四", "创建", "否", 4, 113.0),
        ("AR00000105", "2024-05-27", "南方五金", "人民币", 1.0, "李四", "已审核", "是", 6, 113.0),
    ]  # fmt: skip
    totals: dict[str, float] = {}
    for bill, _d, _c, _cu, rate, _r, _s, _v, q, p in lines:
        totals[bill] = totals.get(bill, 0.0) + q * p * rate
    rows = []
    for bill, d, cust, cur, rate, rep, state, void, q, p in lines:
        gross = q * p
        net = round(gross / 1.13, 2)
        rows.append([bill, d, d, cust, "标准应收单", "业务应收", cur, rate, rep, "销售部", state, void, "M01", "电机",
                     "台", q, p, 13, net, round(gross - net, 2), gross, round(totals[bill], 2)])  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", [AR, *rows], sheet="应收单")
    reps_targets(tmp_path, "张三", "李四")
    # the sale: 不含税金额 × 汇率 of the audited bills not void; the red bill subtracts and is no order
    sold = []
    for bill, _d, cust, _c, rate, rep, state, void, q, p in lines:
        if state == "已审核" and void == "否":
            net = round(q * p / 1.13, 2)
            sold.append(
                {"order": bill, "customer": cust, "rep": rep, "amount": net * rate, "sale": q > 0}
            )
    counted = [r for r in sold if r["sale"]]

    def by(key: str) -> dict[str, tuple[float, int]]:
        keys = dict.fromkeys(r[key] for r in sold)
        return {k: (round(sum(r["amount"] for r in sold if r[key] == k), 2), len({r["order"] for r in counted if r[key] == k})) for k in keys}  # fmt: skip

    settle(
        tmp_path,
        the_three(by("customer"), by("rep"), by="customer_name"),
        [
            mapping("order_date", "业务日期"),
            Fix(("标准应收单",), ("[documents]",), {"documents": {"invoice": ["标准应收单"]}}),
            Fix(("创建",), ("not_counted",), {"statuses": {"not_counted": ["创建"]}}),
            *ignore("价税合计本位币", "到期日", "立账类型", "税率(%)"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 销售易 (Neocrm) 订单


NEOCRM = ["订单编号", "客户名称", "订单金额", "下单日期", "审批状态", "负责人", "所属部门", "创建人", "创建日期",
          "最近修改人", "最近修改日期", "已回款金额", "未回款金额", "已开票金额", "备注"]  # fmt: skip


def test_neocrm_orders_approval_state_and_payments_beside_the_amount(tmp_path: Path) -> None:
    """销售易 CRM 订单 list exported to Excel from a view without 订单状态: 审批状态 审批通过 /
    审批中 / 审批拒绝 / 待提交 (an order counts once approved), 负责人 the seller beside 创建人
    (who typed it in), 已回款金额 / 未回款金额 / 已开票金额 beside 订单金额. Layout: inferred
    from 销售易's order object (审批状态, 负责人, 所属部门, 回款 fields; a customer order API's
    approvalState 待审核 / 审核中 / 驳回 / 审批通过 / 审批不通过 found by `search`)."""
    lines = [
        # order, customer, amount, day, approval, owner, creator, paid
        ("SO-2024-0501", "华东机电", 12000.0, "2024-05-06", "审批通过", "张三", "助理小王", 6000.0),
        ("SO-2024-0502", "南方五金", 8000.0, "2024-05-09", "审批通过", "李四", "助理小王", 8000.0),
        ("SO-2024-0503", "华东机电", 5000.0, "2024-05-15", "审批中", "张三", "张三", 0.0),
        ("SO-2024-0504", "南方五金", 3000.0, "2024-05-22", "审批拒绝", "李四", "李四", 0.0),
        ("SO-2024-0505", "南方五金", 2000.0, "2024-05-28", "待提交", "李四", "李四", 0.0),
    ]  # fmt: skip
    rows = [
        [
            o,
            c,
            a,
            d,
            ap,
            own,
            "销售部",
            cr,
            d + " 10:00",
            cr,
            d + " 10:05",
            paid,
            a - paid,
            paid,
            "",
        ]
        for o, c, a, d, ap, own, cr, paid in lines
    ]
    write_xlsx(tmp_path / "orders.xlsx", [NEOCRM, *rows], sheet="订单")
    reps_targets(tmp_path, "张三", "李四")
    sold = [
        {"order": o, "customer": c, "rep": own, "amount": a}
        for o, c, a, _d, ap, own, _cr, _p in lines
        if ap == "审批通过"
    ]
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), per(sold, "rep", "amount"), by="customer_name"),
        [
            mapping("order_date", "下单日期"),
            mapping("rep", "负责人"),
            mapping("amount", "订单金额"),
            mapping("cancel_flag", "审批状态"),
            Fix(("审批中", "审批拒绝", "待提交"), ("flag_yes",), {"statuses": {"flag_yes": ["审批中", "审批拒绝", "待提交"], "flag_no": ["审批通过"]}}),
            Fix(("审批中", "审批拒绝", "待提交"), ("not_counted",), {"statuses": {"not_counted": ["审批中", "审批拒绝", "待提交"], "counted": ["审批通过"]}}),
            *ignore("已回款金额", "未回款金额", "已开票金额", "创建日期", "最近修改日期", "创建人", "最近修改人"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 用友 U8 销售统计表


def test_u8_sales_statistics_report_has_no_date_and_is_refused(tmp_path: Path) -> None:
    """用友 U8 销售管理 > 报表 > 统计表 > 销售统计表, exported to Excel: a title, the query's
    conditions (日期 2024-05-01 至 2024-05-31), a header, one row per 部门 / 业务员 / 客户 /
    存货 with 小计 rows per customer and a 总计 row; no date and no document number. A month's
    totals are not order lines: every command must refuse it (naming the missing order date),
    never count it as one order dated nowhere. Layout: 用友 T3/U8's 统计表 help pages found by
    `search` (销售统计表 grouped by 客户, 部门, 业务员, with 小计 and 合计)."""
    rows: list[list] = [
        ["销售统计表"],
        ["日期：2024-05-01 至 2024-05-31", None, None, None, None, None, None, None],
        [
            "部门名称",
            "业务员",
            "客户简称",
            "存货名称",
            "数量",
            "本币无税金额",
            "本币税额",
            "本币价税合计",
        ],
        ["销售一部", "张三", "华东机电", "电机A", 10, 1000.0, 130.0, 1130.0],
        ["销售一部", "张三", "华东机电", "电机B", 2, 200.0, 26.0, 226.0],
        ["小计", None, "华东机电", None, 12, 1200.0, 156.0, 1356.0],
        ["销售二部", "李四", "南方五金", "电机A", 5, 500.0, 65.0, 565.0],
        ["小计", None, "南方五金", None, 5, 500.0, 65.0, 565.0],
        ["总计", None, None, None, 17, 1700.0, 221.0, 1921.0],
        ["打印时间：2024-06-01 09:30:12"],
    ]
    write_xlsx(tmp_path / "orders.xlsx", rows)
    reps_targets(tmp_path, "张三", "李四")
    for args in (("appraise", "--month", "2024-05"), ("report", "--month", "2024-05"), ("classify", "--quarter", "2024Q2")):  # fmt: skip
        result = run("-w", str(tmp_path), *args, "--format", "json")
        assert result.exit_code in (65, 66), (args, result.exit_code, result.stdout, result.stderr)
        assert "order_date" in result.stderr or "日期" in result.stderr, result.stderr


# ---------------------------------------------------------------- BigCommerce orders export


BIGCOMMERCE = ["Order ID", "Customer ID", "Customer Name", "Customer Email", "Customer Phone", "Order Date",
               "Order Status", "Subtotal (inc tax)", "Subtotal (ex tax)", "Tax Total", "Shipping Cost (inc tax)",
               "Shipping Cost (ex tax)", "Ship Method", "Coupon Details", "Order Total (inc tax)",
               "Order Total (ex tax)", "Payment Method", "Total Quantity", "Total Shipped", "Date Shipped",
               "Order Currency Code", "Exchange Rate", "Order Notes", "Customer Message", "Refund Amount",
               "Product Details"]  # fmt: skip


def test_bigcommerce_orders_export_statuses_ex_tax_and_day_first_dates(tmp_path: Path) -> None:
    """BigCommerce Orders > Export (the Default template, CSV), one row per order of an
    Australian store: Order Date day-first (`03/05/2024`), Order Status Completed / Shipped /
    Awaiting Fulfillment / Cancelled / Refunded / Declined, Subtotal (ex tax) beside the
    (inc tax) figures and Order Total (shipping in), Refund Amount, the products packed in one
    Product Details cell. Layout: BigCommerce's order export columns as the public order
    export converters found by `search` list them, and its order statuses."""
    lines = [
        # id, customer, name, email, day, status, subtotal ex tax, shipping ex, refund
        ("101", "11", "Ann Lee", "ann@example.com", "03/05/2024", "Completed", 100.00, 10.00, 0.00),
        ("102", "12", "Bob Hart", "bob@example.com", "06/05/2024", "Shipped", 200.00, 10.00, 0.00),
        ("103", "11", "Ann Lee", "ann@example.com", "08/05/2024", "Awaiting Fulfillment", 50.00, 10.00, 0.00),
        ("104", "12", "Bob Hart", "bob@example.com", "09/05/2024", "Cancelled", 80.00, 10.00, 0.00),
        ("105", "13", "Cy Moss", "cy@example.com", "10/05/2024", "Refunded", 60.00, 10.00, 77.00),
        ("106", "13", "Cy Moss", "cy@example.com", "11/05/2024", "Declined", 40.00, 10.00, 0.00),
    ]  # fmt: skip
    rows = [
        [o, cid, name, mail, "0400 000 000", d, st, f"{sub * 1.1:.2f}", f"{sub:.2f}", f"{(sub + ship) * 0.1:.2f}",
         f"{ship * 1.1:.2f}", f"{ship:.2f}", "Flat Rate", "", f"{(sub + ship) * 1.1:.2f}", f"{sub + ship:.2f}",
         "Credit Card", "1", "1" if st in ("Completed", "Shipped") else "0", d if st in ("Completed", "Shipped") else "",
         "AUD", "1.0000000000", "", "", f"{ref:.2f}",
         f"Product ID: 77, Product Qty: 1, Product SKU: SKU-77, Product Name: Mug, Product Unit Price: {sub * 1.1:.2f}"]
        for o, cid, name, mail, d, st, sub, ship, ref in lines
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", [BIGCOMMERCE, *rows])
    # the sale: Subtotal (ex tax) of the orders that took money and were not refunded whole
    sold = [
        {"order": o, "customer": cid, "amount": sub}
        for o, cid, _n, _m, _d, st, sub, _s, _r in lines
        if st in ("Completed", "Shipped", "Awaiting Fulfillment")
    ]
    total = round(sum(r["amount"] for r in sold), 2)
    settle(
        tmp_path,
        [
            Classify(per(sold, "customer", "amount")),
            Report({UNASSIGNED: (total, len(sold))}),
        ],
        [
            mapping("amount", "Subtotal (ex tax)"),
            Fix(("03/05/2024", "Order Date"), ("date_format",), {"inputs.orders": {"date_format": "D/M/Y"}}),
            Fix(("AUD",), ("base",), {"currency": {"base": "AUD"}}),
            mapping("currency", "Order Currency Code"),
            Fix(("Declined", "Awaiting Fulfillment"), ("not_counted", "counted"), {"statuses": {"not_counted": ["Declined"], "counted": ["Awaiting Fulfillment"]}}),
            *ignore("Subtotal (inc tax)", "Tax Total", "Shipping Cost (inc tax)", "Shipping Cost (ex tax)",
                    "Order Total (inc tax)", "Order Total (ex tax)", "Date Shipped", "Total Shipped", "Exchange Rate"),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 天猫 生意参谋 店铺日报


def test_tmall_business_advisor_daily_shop_report_is_no_orders_export(tmp_path: Path) -> None:
    """天猫 生意参谋 > 取数 / 店铺整体 exported to Excel: a title, the period, then one row per
    day (统计日期, 访客数, 支付金额 as text with thousands separators, 支付买家数, 支付子订单数,
    客单价, 支付转化率 as a percentage, 成功退款金额). Days are not orders: following the hint
    (header_row, the date and the amount mapped), every command must still refuse it for the
    order and customer it lacks, never count each day as an order of one customer. Layout:
    生意参谋's 店铺整体 indicators (访客数, 支付金额, 支付买家数, 客单价, 支付转化率); no public
    export was found by `search`."""
    rows: list[list] = [["生意参谋-店铺整体日报"], ["统计时间：2024-05-01 ~ 2024-05-31"]]
    rows.append(["统计日期", "访客数", "浏览量", "支付金额", "支付买家数", "支付子订单数", "支付件数", "客单价",
                 "支付转化率", "成功退款金额"])  # fmt: skip
    for d in range(1, 6):
        rows.append([f"2024-05-0{d}", 1000 + d, 3000 + d, f"{12000 + d * 100:,.2f}", 50 + d, 60 + d, 70 + d,
                     "240.00", "5.10%", "300.00"])  # fmt: skip
    write_xlsx(tmp_path / "orders.xlsx", rows, sheet="店铺整体")
    reps_targets(tmp_path, "张三")
    commands = [("appraise", "--month", "2024-05"), ("report", "--month", "2024-05"), ("classify", "--quarter", "2024Q2")]  # fmt: skip
    for args in commands:
        result = run("-w", str(tmp_path), *args, "--format", "json")
        assert result.exit_code == 65 and "header_row" in result.stderr, result.stderr
    set_settings(tmp_path / "salescli.toml", "inputs.orders", header_row="3", order_date='"统计日期"', amount='"支付金额"')  # fmt: skip
    for args in commands:
        result = run("-w", str(tmp_path), *args, "--format", "json")
        assert result.exit_code == 65, (args, result.stdout)
        assert "order_id" in result.stderr and "customer_id" in result.stderr, result.stderr


# ---------------------------------------------------------------- 智邦国际 销售出库明细


def test_zhibang_outbound_details_two_header_rows_serial_dates_text_numbers_and_a_gift_line(
    tmp_path: Path,
) -> None:
    """智邦国际 ERP 库存 > 出库明细 exported to Excel: a title and the print conditions, a
    two-row header whose groups (单据信息, 产品信息, 金额信息) are merged cells over their
    columns, 出库日期 as Excel date serials, 单价 and 金额 written as text with thousands
    separators (`1,250.00`), 币种 人民币 / 港币 with 汇率, a 赠品 line (是否赠品 是, 金额 0), a
    合计 row, a print-time footer and a second sheet 汇总 holding the totals. Layout: inferred
    from 智邦国际's 出库单 fields (出库单号, 出库主题, 客户名称, 销售人员, 是否赠品); no public
    export was found by `search`."""
    lines = [
        # slip, serial day (2024-05-06 is 45418), customer, seller, product, gift, qty, price, currency, rate
        ("CK202405001", 45418, "华东机电", "张三", "电机A", "否", 10, 1250.0, "人民币", 1.0),
        ("CK202405001", 45418, "华东机电", "张三", "电机A", "是", 1, 0.0, "人民币", 1.0),
        ("CK202405002", 45425, "香港恒通", "李四", "电机B", "否", 4, 2000.0, "港币", 0.92),
        ("CK202405003", 45432, "南方五金", "李四", "电机A", "否", 2, 1250.0, "人民币", 1.0),
    ]  # fmt: skip
    rows: list[list] = [
        ["出库明细表"],
        ["打印条件：出库日期 2024-05-01 至 2024-05-31"],
        ["单据信息", None, None, None, "产品信息", None, None, "金额信息", None, None, None, None],
        ["出库单号", "出库日期", "客户名称", "销售人员", "产品名称", "是否赠品", "数量", "单价", "金额", "币种", "汇率", "备注"],
    ]  # fmt: skip
    for slip, serial, cust, rep, item, gift, q, p, cur, rate in lines:
        rows.append(
            [slip, serial, cust, rep, item, gift, q, f"{p:,.2f}", f"{q * p:,.2f}", cur, rate, ""]
        )
    rows.append(["合计", None, None, None, None, None, sum(x[6] for x in lines), None,
                 f"{sum(x[6] * x[7] for x in lines):,.2f}", None, None, None])  # fmt: skip
    rows.append(["打印时间：2024-06-01 08:00:00 打印人：王会计"])
    write_xlsx(
        tmp_path / "orders.xlsx",
        rows,
        sheet="出库明细",
        merge=["A3:D3", "E3:G3", "H3:L3"],
        extra={
            "汇总": [
                ["客户名称", "金额"],
                ["华东机电", 12500.0],
                ["香港恒通", 8000.0],
                ["南方五金", 2500.0],
            ]
        },
    )
    # Excel shows the serials as dates only with a date format: set it as the system does
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "orders.xlsx")
    for row in book["出库明细"].iter_rows(min_row=5, max_row=4 + len(lines), min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"
    book.save(tmp_path / "orders.xlsx")
    reps_targets(tmp_path, "张三", "李四")
    # the sale: 金额 × 汇率 (港币 to yuan), the gift line adding nothing
    sold = [
        {"order": slip, "customer": cust, "rep": rep, "amount": q * p * rate}
        for slip, _s, cust, rep, _i, _g, q, p, _c, rate in lines
    ]
    settle(
        tmp_path,
        the_three(per(sold, "customer", "amount"), per(sold, "rep", "amount"), by="customer_name"),
        [
            mapping("order_id", "出库单号"),
            mapping("order_date", "出库日期"),
            mapping("rep", "销售人员"),
            Fix(("汇总",), ("sheet",), {"inputs.orders": {"sheet": "出库明细"}}),
        ],
    )  # fmt: skip


# ---------------------------------------------------------------- 管家婆 销售换货单


def test_guanjiapo_exchange_slip_is_no_return_to_subtract_whole(tmp_path: Path) -> None:
    """管家婆 销售单据查询 (GBK CSV) with a 销售换货单: the goods taken back written negative
    (换入), the goods given positive (换出), beside a 销售单 and a 销售退货单 (written positive).
    Its word is unknown: a user who lists it as a return (an exchange looks like one) had the
    goods given subtracted too (580.00, right 820.00) at exit 0; now refused, and listed as a
    sale its lines keep their signs. The exchange slip is a document of its own: it counts in
    the frequency like any sale. Layout: the 管家婆 export of test_unseen_exports (单据类型,
    往来单位编号, 经手人); 换货单's 换入 / 换出 lines inferred from 管家婆's 销售换货单."""
    header = ["单据日期", "单据编号", "单据类型", "往来单位编号", "往来单位", "经手人", "制单人", "商品编号",
              "商品全名", "数量", "单价", "金额"]  # fmt: skip
    write_csv(
        tmp_path / "orders.csv",
        [
            ["销售单据查询"],
            header,
            ["2024-05-06", "XS-2024-05-0001", "销售单", "00001", "华东五金", "张伟", "管理员", "A01", "电机", "10", "100.00", "1000.00"],
            ["2024-05-20", "HH-2024-05-0001", "销售换货单", "00001", "华东五金", "张伟", "管理员", "A01", "电机", "-1", "100.00", "-100.00"],
            ["2024-05-20", "HH-2024-05-0001", "销售换货单", "00001", "华东五金", "张伟", "管理员", "A02", "风机", "1", "120.00", "120.00"],
            ["2024-05-21", "XT-2024-05-0001", "销售退货单", "00001", "华东五金", "张伟", "管理员", "A01", "电机", "2", "100.00", "200.00"],
            ["合计", "", "", "", "", "", "", "", "", "12", "", "1220.00"],
        ],
        encoding="gbk",
    )  # fmt: skip
    reps_targets(tmp_path, "张伟")
    toml = tmp_path / "salescli.toml"
    classify = ("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    set_settings(toml, "inputs.orders", rep='"经手人"', customer_id='"往来单位编号"')
    result = run(*classify)
    assert result.exit_code == 65 and "销售换货单" in result.stderr, result.stderr
    set_settings(toml, "documents", returns='["销售换货单"]')
    result = run(*classify)
    assert result.exit_code == 65, result.stdout  # exit 0 gave 580.00
    assert "HH-2024-05-0001" in result.stderr and "[documents] sale" in result.stderr
    set_settings(toml, "documents", returns="[]", sale='["销售换货单"]')
    result = run(*classify)
    assert result.exit_code == 0, result.stderr
    got = {r["customer_id"]: (r["amount"], r["frequency"]) for r in json.loads(result.stdout)}
    assert got == {"00001": (1000.0 - 100.0 + 120.0 - 200.0, 2)}
