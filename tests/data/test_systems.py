# ruff: noqa: E501  (each export row is one line, as the system writes it)
"""Real exports of the systems salescli's users run, read with no salescli.toml.

Each test builds a small file with the system's own headers and quirks (title and date-range
rows, 合计 rows, GBK, continuation rows, tax-inclusive columns, voided lines) and asserts the
exact figures, or the refusal and then the figures with the one setting a truly ambiguous
file needs. Quirks that belong to the readers (decimal commas, report footers, cp1252, one
sheet per month) are left out here.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from salescli.data.workspace import Workspace
from tests.helpers import run, set_settings, write_csv, write_xlsx


def amounts(folder: Path, *more: str) -> dict[str, float]:
    """Each customer's amount in 2024Q2, as `salescli classify` computes it."""
    result = run("-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json", *more)
    assert result.exit_code == 0, result.stderr
    return {r["customer_id"]: r["amount"] for r in json.loads(result.stdout) if r["amount"]}


def names(folder: Path) -> dict[str, str]:
    result = run("-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json")
    return {r["customer_id"]: r["customer_name"] for r in json.loads(result.stdout)}


def check(folder: Path, table: str = "orders"):
    return run("-w", str(folder), "check", "--table", table, "--format", "json")


def headers_read(folder: Path, table: str = "orders") -> dict[str, tuple[str, str]]:
    """header -> (column, how) as `salescli check --section headers` shows them."""
    result = run(
        "-w", str(folder), "check", "--table", table, "--format", "json", "--section", "headers"
    )
    return {r["header"]: (r["column"], r["how"]) for r in json.loads(result.stdout)}


def problems(result) -> list[dict]:
    return json.loads(result.stdout)


# ---------------------------------------------------------------- Kingdee 云星空 销售订单


KINGDEE = [
    "单据编号",
    "日期",
    "客户",
    "销售员",
    "物料编码",
    "物料名称",
    "规格型号",
    "销售数量",
    "单价",
    "含税单价",
    "金额",
    "价税合计",
    "要货日期",
    "单据状态",
    "作废状态",
]


def kingdee(folder: Path) -> Path:
    day = datetime(2024, 5, 3)
    return write_xlsx(
        folder / "orders.xlsx",
        [
            ["销售订单列表"],
            ["日期：2024-04-01 至 2024-06-30"],
            KINGDEE,
            ["XSDD001", day, "华东电机厂", "张三", "1.01.001", "电机", "YE3-100", 2, 100, 113, 200, 226, day, "已审核", "否"],
            ["XSDD001", day, "华东电机厂", "张三", "1.01.002", "风机", "FJ-20", 1, 50, 56.5, 50, 56.5, day, "已审核", "否"],
            ["XSDD002", day, "华南机械", "李四", "1.01.001", "电机", "YE3-100", 5, 100, 113, 500, 565, day, "已审核", "是"],
            ["XSDD003", "2024-05-20", "华南机械", "李四", "1.01.002", "风机", "FJ-20", 3, 40, 45.2, 120, 135.6, "2024-05-30", "已审核", "否"],
            ["合计", None, None, None, None, None, None, 11, None, None, 870, 983.1, None, None, None],
        ],
    )  # fmt: skip


def test_kingdee_sales_order_reads_with_no_setting(tmp_path: Path) -> None:
    kingdee(tmp_path)
    checked = check(tmp_path)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    # net amounts (金额) by default; the voided XSDD002 (作废状态 = 是) counts nowhere
    assert amounts(tmp_path) == {"华东电机厂": 250.0, "华南机械": 120.0}
    # the one customer column is the customer's id and its name
    assert names(tmp_path)["华南机械"] == "华南机械"
    read = headers_read(tmp_path)
    assert read["金额"] == ("amount", "alias")
    assert read["价税合计"][0] == "gross_amount"
    assert read["作废状态"] == ("status", "cancel flag")
    assert read["客户"][0] == "customer_id, customer_name"


def test_orders_naming_their_customers_take_the_customer_files_ids(tmp_path: Path) -> None:
    """Kingdee's 客户 holds a name; the customer master is keyed by code. Each name that is
    exactly one customer's takes that customer's id, so its owner and class apply (the old
    code left every line unowned: all sales under (unassigned), every rep at zero)."""
    kingdee(tmp_path)
    write_csv(
        tmp_path / "customers.csv",
        [
            ["客户编号", "客户名称", "销售代表", "客户分类"],
            ["C001", "华东电机厂", "王五", "A"],
            ["C002", "华南机械", "赵六", "B"],
            ["C003", "华南机械", "赵六", "B"],  # the same name twice: ambiguous
        ],
    )
    frame = Workspace(tmp_path).table("orders")
    assert frame["customer_id"].tolist()[:2] == ["C001", "C001"]
    assert frame["customer_id"].tolist()[2:] == ["华南机械", "华南机械"]  # left as written
    assert amounts(tmp_path) == {"C001": 250.0, "华南机械": 120.0}
    notes = Workspace(tmp_path).read("orders").notes
    assert (
        "orders: 1 customer written by name matched to the customer file's ids: "
        "华东电机厂 -> C001" in notes
    )
    assert (
        "orders: 1 customer name matches more than one customer in the customer file, so "
        "its rows keep the name as the id: 华南机械" in notes
    )
    # check no longer reports 华东电机厂's lines as unowned; 华南机械's rep is on its lines
    assert not [p for p in problems(check(tmp_path)) if "no owner" in p["problem"]]


def test_an_id_of_the_customer_file_is_never_read_as_a_name(tmp_path: Path) -> None:
    import pandas as pd

    from salescli.data.workspace import by_name

    customers = pd.DataFrame(
        {"customer_id": ["C1", "C2"], "customer_name": ["C2", "乙公司"]}  # C1 is named "C2"
    )
    ids, matched, twice = by_name(pd.Series(["C2", "乙公司", "丙公司", None]), customers)
    assert ids.tolist()[:3] == ["C2", "C2", "丙公司"] and ids.isna().tolist()[3]  # C2: an id
    assert matched == {"乙公司": "C2"} and twice == []


def test_kingdee_gross_amounts_with_amount_basis(tmp_path: Path) -> None:
    kingdee(tmp_path)
    (tmp_path / "salescli.toml").write_text('amount_basis = "gross"\n', encoding="utf-8")
    assert amounts(tmp_path) == {"华东电机厂": 282.5, "华南机械": 135.6}
    frame = Workspace(tmp_path).table("orders")
    assert frame["net_amount"].tolist() == [200.0, 50.0, 500.0, 120.0]  # kept, not dropped


def test_an_explicit_mapping_wins_over_aliases(tmp_path: Path) -> None:
    kingdee(tmp_path)
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\namount = "价税合计"\nignore = ["含税单价"]\n', encoding="utf-8"
    )
    assert amounts(tmp_path) == {"华东电机厂": 282.5, "华南机械": 135.6}
    read = headers_read(tmp_path)
    assert read["价税合计"] == ("amount", "mapping")
    assert read["金额"] == ("", "unused: amount is '价税合计'")
    assert read["含税单价"] == ("", "ignored (ignore setting)")
    verbose = run("-v", "-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert "金额 (steps aside for 价税合计)" in verbose.stderr


# ---------------------------------------------------------------- Kingdee K/3 WISE


def test_k3_wise_sales_order_with_spaced_header_and_closed_line(tmp_path: Path) -> None:
    header = ["编    号", "日期", "购货单位", "业务员", "产品代码", "产品长代码", "产品名称",
              "规格型号", "数量", "单价", "含税单价", "金额", "价税合计", "交货日期", "关闭标志"]  # fmt: skip
    write_csv(
        tmp_path / "orders.csv",
        [
            ["销售订单序时簿"],
            header,
            ["SEORD001", "2024-04-02", "北方重工", "王五", "001", "01.001", "减速机", "JS-1", "2", "300", "339", "600", "678", "2024-04-20", ""],
            ["SEORD002", "2024-04-09", "北方重工", "王五", "002", "01.002", "齿轮", "CL-2", "10", "20", "22.6", "200", "226", "2024-04-30", "Y"],
            ["SEORD003", "2024-06-11", "东方电气", "王五", "001", "01.001", "减速机", "JS-1", "1", "300", "339", "300", "339", "2024-06-30", "N"],
            ["合计", "", "", "", "", "", "", "", "13", "", "", "1100", "1243", "", ""],
        ],
        encoding="gbk",
    )  # fmt: skip
    # K/3 closes a line when it is delivered, or by hand when it is not: asked
    assert "关闭 (closed) means finished" in check(tmp_path).stdout
    set_settings(tmp_path / "salescli.toml", "statuses", closed='"not_sale"')
    assert check(tmp_path).exit_code == 0
    assert amounts(tmp_path) == {"北方重工": 600.0, "东方电气": 300.0}  # SEORD002 is closed
    set_settings(tmp_path / "salescli.toml", "statuses", closed='"sale"')
    assert amounts(tmp_path) == {"北方重工": 800.0, "东方电气": 300.0}  # closed when delivered
    frame = Workspace(tmp_path).table("orders")
    assert frame["product_code"].tolist() == ["01.001", "01.002", "01.001"]  # the long code
    assert headers_read(tmp_path)["编    号"] == ("order_id", "alias")


def test_k3_outbound_stock_bare_amount_is_the_cost(tmp_path: Path) -> None:
    header = ["日期", "编    号", "购货单位", "产品代码", "产品名称", "实发数量", "单价", "金额",
              "销售单价", "销售金额", "业务员"]  # fmt: skip
    write_csv(
        tmp_path / "orders.csv",
        [
            ["销售出库单"],
            header,
            ["2024-05-06", "XOUT001", "北方重工", "01.001", "减速机", "2", "180", "360", "300", "600", "王五"],
            ["2024-05-07", "XOUT002", "东方电气", "01.002", "齿轮", "10", "12", "120", "20", "200", "王五"],
        ],
        encoding="gbk",
    )  # fmt: skip
    assert amounts(tmp_path) == {"北方重工": 600.0, "东方电气": 200.0}
    frame = Workspace(tmp_path).table("orders")
    assert frame["cost"].tolist() == [360.0, 120.0]
    assert frame["unit_price"].tolist() == [300.0, 20.0]


# ---------------------------------------------------------------- Yonyou U8 / Chanjet T+


def test_u8_sales_order_gbk_with_a_closed_line(tmp_path: Path) -> None:
    header = ["订单号", "订单日期", "单据日期", "客户编码", "客户简称", "业务员", "存货编码",
              "存货名称", "数量", "无税金额", "价税合计", "预发货日期", "关闭人"]  # fmt: skip
    write_csv(
        tmp_path / "orders.csv",
        [
            header,
            ["0000000001", "2024-05-08", "2024-05-09", "010001", "恒达", "赵六", "A001", "电缆", "100", "1000", "1130", "2024-05-20", ""],
            ["0000000002", "2024-05-10", "2024-05-10", "010002", "远大", "赵六", "A002", "开关", "10", "500", "565", "2024-05-25", "demo"],
            ["0000000003", "2024-06-01", "2024-06-02", "010002", "远大", "赵六", "A001", "电缆", "30", "300", "339", "2024-06-15", ""],
        ],
        encoding="gbk",
    )  # fmt: skip
    # U8 names who closed an order, done or not: asked
    assert "关闭 (closed) means finished" in check(tmp_path).stdout
    set_settings(tmp_path / "salescli.toml", "statuses", closed='"not_sale"')
    assert check(tmp_path).exit_code == 0
    assert amounts(tmp_path) == {"010001": 1000.0, "010002": 300.0}
    set_settings(tmp_path / "salescli.toml", "statuses", closed='"sale"')
    assert amounts(tmp_path) == {"010001": 1000.0, "010002": 800.0}
    assert names(tmp_path) == {"010001": "恒达", "010002": "远大"}
    read = headers_read(tmp_path)
    assert read["订单日期"] == ("order_date", "alias")
    assert read["单据日期"] == ("", "unused: order_date is '订单日期'")
    assert read["关闭人"] == ("status", "cancel marker")


def test_u8_delivery_note_takes_its_delivery_number_and_date(tmp_path: Path) -> None:
    header = ["发货单号", "发货日期", "客户编码", "客户简称", "存货编码", "存货名称", "数量",
              "无税金额", "含税金额"]  # fmt: skip
    write_csv(
        tmp_path / "orders.csv",
        [
            header,
            ["FH0001", "2024-05-08", "010001", "恒达", "A001", "电缆", "100", "1000", "1130"],
            ["FH0002", "2024-05-10", "010002", "远大", "A002", "开关", "10", "500", "565"],
        ],
        encoding="gbk",
    )  # fmt: skip
    assert amounts(tmp_path) == {"010001": 1000.0, "010002": 500.0}


def test_chanjet_tplus_sales_order(tmp_path: Path) -> None:
    header = ["单据日期", "单据编号", "客户", "业务员", "存货编码", "存货名称", "规格型号",
              "数量", "单价", "含税单价", "金额", "税额", "含税金额"]  # fmt: skip
    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ["销售订单"],
            header,
            ["2024-05-02", "SO-2024-05-0001", "星辰贸易", "孙七", "P01", "水泵", "QB60", 4, 250, 282.5, 1000, 130, 1130],
            ["2024-05-02", "SO-2024-05-0001", "星辰贸易", "孙七", "P02", "阀门", "DN50", 2, 100, 113, 200, 26, 226],
            ["2024-06-18", "SO-2024-06-0007", "海川实业", "孙七", "P01", "水泵", "QB60", 1, 250, 282.5, 250, 32.5, 282.5],
            ["合计", None, None, None, None, None, None, 7, None, None, 1450, 188.5, 1638.5],
        ],
    )  # fmt: skip
    assert check(tmp_path).exit_code == 0
    assert amounts(tmp_path) == {"星辰贸易": 1200.0, "海川实业": 250.0}


# ---------------------------------------------------------------- SAP


SAP = ["Sales Document", "Document Date", "Sold-To Party", "Name 1", "Material", "Description",
       "Order Quantity", "Net Value", "Created on"]  # fmt: skip


def test_sap_sales_orders_day_first_dates_settled_by_a_day_above_12(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            SAP,
            ["4500001", "03.05.2024", "100001", "Müller GmbH", "M-01", "Pump", "2", "1500.00", "02.05.2024"],
            ["4500002", "14.05.2024", "100002", "Rossi SpA", "M-02", "Valve", "5", "250.00", "14.05.2024"],
            ["4500003", "02.07.2024", "100002", "Rossi SpA", "M-02", "Valve", "1", "50.00", "01.07.2024"],
        ],
    )  # fmt: skip
    assert check(tmp_path).exit_code == 0
    # 02.07.2024 is 2 July (Q3), not 7 February
    assert amounts(tmp_path) == {"100001": 1500.0, "100002": 250.0}
    assert names(tmp_path)["100001"] == "Müller GmbH"
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-05-03",
        "2024-05-14",
        "2024-07-02",
    ]


def test_sap_all_ambiguous_dates_are_refused_then_read_with_date_format(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            SAP,
            ["4500001", "03.05.2024", "100001", "Müller GmbH", "M-01", "Pump", "2", "1500.00", "03.05.2024"],
            ["4500002", "04.06.2024", "100002", "Rossi SpA", "M-02", "Valve", "5", "250.00", "04.06.2024"],
        ],
    )  # fmt: skip
    refused = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert refused.exit_code == 65
    message = refused.stderr
    assert "orders.csv" in message and "order_date" in message and "03.05.2024" in message
    assert 'date_format = "D/M/Y"' in message
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\ndate_format = "D/M/Y"\n', encoding="utf-8"
    )
    assert amounts(tmp_path) == {"100001": 1500.0, "100002": 250.0}
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-03", "2024-06-04"]


def test_sap_customer_beside_name_1_is_the_id(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Sales Document", "Document Date", "Customer", "Name 1", "Net Value"],
            ["4500001", "2024-05-03", "100001", "Müller GmbH", "1500.00"],
        ],
    )
    assert amounts(tmp_path) == {"100001": 1500.0}
    assert names(tmp_path) == {"100001": "Müller GmbH"}


# ---------------------------------------------------------------- Odoo


ODOO = ["Order Reference", "Order Date", "Customer", "Salesperson", "Order Lines/Product",
        "Order Lines/Quantity", "Order Lines/Unit Price", "Order Lines/Subtotal",
        "Untaxed Amount", "Total", "Status"]  # fmt: skip


def odoo_rows() -> list[list]:
    return [
        ODOO,
        ["S00001", "2024-05-03 10:12:00", "Azure Interior", "Mitchell Admin", "[FURN_7800] Desk", 2, 500, 1000, 1300, 1495, "Sales Order"],
        [None, None, None, None, "[FURN_8888] Lamp", 3, 100, 300, None, None, None],
        ["S00002", "2024-05-10 09:00:00", "Deco Addict", "Mitchell Admin", "[FURN_7800] Desk", 1, 500, 500, 700, 805, "Cancelled"],
        [None, None, None, None, "[FURN_8888] Lamp", 2, 100, 200, None, None, None],
        ["S00003", "2024-05-12 11:30:00", "Deco Addict", "Marc Demo", "[FURN_8888] Lamp", 4, 100, 400, 400, 460, "Sales Order"],
        [None, None, None, None, "[FURN_9999] Chair", 1, 80, 80, None, None, None],
        ["S00004", "2024-05-20 16:00:00", "Deco Addict", "Marc Demo", "[FURN_7800] Desk", 9, 500, 4500, 4500, 5175, "Quotation"],
    ]  # fmt: skip


def test_odoo_sale_order_lines_on_continuation_rows(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "orders.xlsx", odoo_rows())
    checked = check(tmp_path)
    assert checked.exit_code == 0, checked.stdout
    # line subtotals, not the order totals; S00002 is cancelled, S00004 is only a quotation
    assert amounts(tmp_path) == {"Azure Interior": 1300.0, "Deco Addict": 480.0}
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_id"].tolist() == ["S00001"] * 2 + ["S00002"] * 2 + ["S00003"] * 2 + [
        "S00004"
    ]
    assert frame["rep"].tolist()[:2] == ["Mitchell Admin", "Mitchell Admin"]
    result = run("-v", "-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert "filled down from each order's first row onto 3 continuation rows" in result.stderr


def test_odoo_orders_without_lines_take_the_untaxed_amount(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order Reference", "Order Date", "Customer", "Salesperson", "Untaxed Amount", "Total", "Status"],
            ["S00001", "2024-05-03 10:12:00", "Azure Interior", "Mitchell Admin", "1300.00", "1495.00", "Sales Order"],
            ["S00002", "2024-05-10 09:00:00", "Deco Addict", "Mitchell Admin", "700.00", "805.00", "Cancelled"],
            ["S00003", "2024-05-12 11:30:00", "Deco Addict", "Marc Demo", "480.00", "552.00", "Locked"],
        ],
    )  # fmt: skip
    assert amounts(tmp_path) == {"Azure Interior": 1300.0, "Deco Addict": 480.0}


# ---------------------------------------------------------------- Shopify


SHOPIFY = ["Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Currency",
           "Subtotal", "Shipping", "Taxes", "Total", "Created at", "Lineitem quantity",
           "Lineitem name", "Lineitem price", "Lineitem sku", "Billing Name", "Cancelled at"]  # fmt: skip


def test_shopify_orders_export(tmp_path: Path) -> None:
    stamp = "2024-05-03 10:00:00 +0800"
    write_csv(
        tmp_path / "orders.csv",
        [
            SHOPIFY,
            ["#1001", "ann@example.com", "paid", stamp, "fulfilled", "CNY", "130.00", "10.00", "0.00", "140.00", stamp, "2", "T-shirt", "50.00", "TS-1", "Ann Lee", ""],
            ["#1001", "ann@example.com", "", "", "", "", "", "", "", "", stamp, "1", "Cap", "30.00", "CP-1", "", ""],
            ["#1002", "bob@example.com", "voided", "", "", "CNY", "50.00", "0.00", "0.00", "50.00", stamp, "1", "T-shirt", "50.00", "TS-1", "Bob Wu", ""],
            ["#1003", "bob@example.com", "refunded", stamp, "", "CNY", "30.00", "0.00", "0.00", "30.00", stamp, "1", "Cap", "30.00", "CP-1", "Bob Wu", ""],
            ["#1004", "bob@example.com", "paid", stamp, "", "CNY", "100.00", "0.00", "0.00", "100.00", stamp, "2", "T-shirt", "50.00", "TS-1", "Bob Wu", "2024-05-04 09:00:00 +0800"],
            ["#1004", "bob@example.com", "", "", "", "", "", "", "", "", stamp, "1", "Sticker", "5.00", "ST-1", "", ""],
            ["#1005", "cy@example.com", "partially_refunded", stamp, "", "CNY", "40.00", "0.00", "0.00", "40.00", stamp, "4", "Sticker", "10.00", "ST-1", "Cy Ho", ""],
        ],
    )  # fmt: skip
    assert check(tmp_path).exit_code == 0
    # line amounts are quantity x price; voided, refunded and cancelled orders count nowhere
    assert amounts(tmp_path) == {"ann@example.com": 130.0, "cy@example.com": 40.0}
    assert names(tmp_path)["ann@example.com"] == "Ann Lee"
    frame = Workspace(tmp_path).table("orders")
    assert frame["status"].tolist() == ["active"] * 2 + ["cancelled"] * 4 + ["active"]


def test_shopify_line_discounts_are_taken_off_the_line_amount(tmp_path: Path) -> None:
    """Shopify's Lineitem price is before the line's discount: 2 x 50 with 15 off is 85 (the
    old code counted 100)."""
    stamp = "2024-05-03 10:00:00 +0800"
    header = [*SHOPIFY, "Lineitem discount"]
    write_csv(
        tmp_path / "orders.csv",
        [
            header,
            ["#1001", "ann@example.com", "paid", stamp, "", "CNY", "115.00", "0.00", "0.00", "115.00", stamp, "2", "T-shirt", "50.00", "TS-1", "Ann Lee", "", "15.00"],
            ["#1001", "ann@example.com", "", "", "", "", "", "", "", "", stamp, "1", "Cap", "30.00", "CP-1", "", "", ""],
        ],
    )  # fmt: skip
    assert check(tmp_path).exit_code == 0
    assert amounts(tmp_path) == {"ann@example.com": 115.0}  # the order's Subtotal
    assert Workspace(tmp_path).table("orders")["amount"].tolist() == [85.0, 30.0]


def test_a_line_discount_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    """Read as nothing, `abc` would leave the line at its full price: it stops the command."""
    header = ["Name", "Email", "Financial Status", "Created at", "Lineitem quantity",
              "Lineitem name", "Lineitem price", "Lineitem discount"]  # fmt: skip
    row = ["#1", "a@x.com", "paid", "2024-05-03", "2", "T", "50.00", "abc"]
    write_csv(tmp_path / "orders.csv", [header, row])
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "csv")
    assert result.exit_code == 65
    assert "row 2, column line_discount, value 'abc': not a number" in result.stderr


# ---------------------------------------------------------------- Salesforce


SALESFORCE = ["Opportunity Name", "Opportunity ID", "Account Name", "Account ID",
              "Opportunity Owner", "Stage", "Amount", "Close Date", "Created Date",
              "Lead Source", "Next Step"]  # fmt: skip


def salesforce(folder: Path, name: str, close: list[str]) -> None:
    write_csv(
        folder / name,
        [
            SALESFORCE,
            ["Acme - 200 units", "0065g00000A1", "Acme", "0015g00000X1", "Liu Yang", "Closed Won", "20000", close[0], "3/1/2024", "Web", "Ship"],
            ["Acme - upgrade", "0065g00000A2", "Acme", "0015g00000X1", "Liu Yang", "Closed Lost", "5000", close[1], "3/2/2024", "Phone", ""],
            ["Globex - pilot", "0065g00000A3", "Globex", "0015g00000X2", "Liu Yang", "Negotiation/Review", "8000", close[2], "4/2/2024", "Web", "Call"],
            ["Globex - phase 1", "0065g00000A4", "Globex", "0015g00000X2", "Chen Jie", "Closed Won", "12000", close[3], "4/3/2024", "Partner", ""],
        ],
    )  # fmt: skip


def test_salesforce_opportunities_as_orders_count_closed_won_only(tmp_path: Path) -> None:
    salesforce(tmp_path, "orders.csv", ["5/13/2024", "5/20/2024", "6/28/2024", "6/3/2024"])
    checked = check(tmp_path)
    assert checked.exit_code == 0
    assert amounts(tmp_path) == {"0015g00000X1": 20000.0, "0015g00000X2": 12000.0}
    assert names(tmp_path)["0015g00000X2"] == "Globex"
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist()[0] == "2024-05-13"


def test_salesforce_opportunity_report_conversion(tmp_path: Path) -> None:
    salesforce(tmp_path, "opportunities.csv", ["5/13/2024", "5/20/2024", "6/28/2024", "6/3/2024"])
    assert check(tmp_path, "opportunities").exit_code == 0
    frame = Workspace(tmp_path).table("opportunities")
    assert frame["outcome"].tolist() == ["won", "lost", "open", "won"]
    assert frame["expected_amount"].tolist() == [20000.0, 5000.0, 8000.0, 12000.0]
    assert frame["customer_id"].tolist()[0] == "0015g00000X1"


def test_salesforce_all_ambiguous_dates_refused_then_read(tmp_path: Path) -> None:
    salesforce(tmp_path, "orders.csv", ["5/3/2024", "5/4/2024", "6/1/2024", "6/2/2024"])
    # Created Date (3/1/2024 ...) cannot settle it either
    refused = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert refused.exit_code == 65
    assert "5/3/2024" in refused.stderr and 'date_format = "M/D/Y"' in refused.stderr
    assert check(tmp_path).exit_code == 65
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\ndate_format = "M/D/Y"\n', encoding="utf-8"
    )
    assert amounts(tmp_path) == {"0015g00000X1": 20000.0, "0015g00000X2": 12000.0}
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist()[0] == "2024-05-03"


# ---------------------------------------------------------------- HubSpot


HUBSPOT = ["Record ID", "Deal Name", "Deal Stage", "Deal owner", "Amount", "Close Date",
           "Create Date", "Associated Company"]  # fmt: skip


def hubspot(folder: Path, name: str) -> None:
    write_csv(
        folder / name,
        [
            HUBSPOT,
            ["9001", "Initech renewal", "Closed won", "Ann Lee", "7000", "2024-05-06 10:20", "2024-03-01 09:00", "Initech"],
            ["9002", "Initech add-on", "Closed lost", "Ann Lee", "3000", "2024-05-07 11:00", "2024-03-02 09:00", "Initech"],
            ["9003", "Hooli trial", "Appointment scheduled", "Ann Lee", "9000", "2024-06-30 00:00", "2024-05-02 09:00", "Hooli"],
            ["9004", "Hooli year 1", "closedwon", "Bo Li", "11000", "2024-06-10 15:45", "2024-04-02 09:00", "Hooli"],
        ],
    )  # fmt: skip


def test_hubspot_deals_as_orders(tmp_path: Path) -> None:
    hubspot(tmp_path, "orders.csv")
    assert check(tmp_path).exit_code == 0
    assert amounts(tmp_path) == {"Initech": 7000.0, "Hooli": 11000.0}


def test_hubspot_deals_as_opportunities(tmp_path: Path) -> None:
    hubspot(tmp_path, "opportunities.csv")
    frame = Workspace(tmp_path).table("opportunities")
    assert frame["outcome"].tolist() == ["won", "lost", "open", "won"]
    assert frame["opportunity_id"].tolist() == ["9001", "9002", "9003", "9004"]
    assert frame["rep"].tolist()[-1] == "Bo Li"


# ---------------------------------------------------------------- Superstore


def test_superstore_sample(tmp_path: Path) -> None:
    header = ["Row ID", "Order ID", "Order Date", "Ship Date", "Ship Mode", "Customer ID",
              "Customer Name", "Segment", "Country", "City", "State", "Postal Code", "Region",
              "Product ID", "Category", "Sub-Category", "Product Name", "Sales", "Quantity",
              "Discount", "Profit"]  # fmt: skip
    write_csv(
        tmp_path / "orders.csv",
        [
            header,
            ["1", "CA-2024-152156", "4/8/2024", "4/11/2024", "Second Class", "CG-12520", "Claire Gute", "Consumer", "United States", "Henderson", "Kentucky", "42420", "South", "FUR-BO-10001798", "Furniture", "Bookcases", "Bush Somerset Bookcase", "261.96", "2", "0", "41.9136"],
            ["2", "CA-2024-152156", "4/8/2024", "4/11/2024", "Second Class", "CG-12520", "Claire Gute", "Consumer", "United States", "Henderson", "Kentucky", "42420", "South", "FUR-CH-10000454", "Furniture", "Chairs", "Hon Deluxe Chair", "731.94", "3", "0", "219.582"],
            ["3", "CA-2024-138688", "6/12/2024", "6/16/2024", "Second Class", "DV-13045", "Darrin Van Huff", "Corporate", "United States", "Los Angeles", "California", "90036", "West", "OFF-LA-10000240", "Office Supplies", "Labels", "Self-Adhesive Labels", "14.62", "2", "0", "6.8714"],
            ["4", "US-2024-108966", "10/11/2024", "10/18/2024", "Standard Class", "SO-20335", "Sean O'Donnell", "Consumer", "United States", "Fort Lauderdale", "Florida", "33311", "South", "FUR-TA-10000577", "Furniture", "Tables", "Bretford Table", "957.5775", "5", "0.45", "-383.031"],
        ],
    )  # fmt: skip
    assert check(tmp_path).exit_code == 0
    assert amounts(tmp_path) == pytest.approx({"CG-12520": 993.9, "DV-13045": 14.62})
    assert names(tmp_path)["DV-13045"] == "Darrin Van Huff"
    frame = Workspace(tmp_path).table("orders")
    # 41.9136 + 219.582 + 6.8714 - 383.031, each line in cents (#26)
    assert frame["profit"].sum() == pytest.approx(41.91 + 219.58 + 6.87 - 383.03)
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist()[2] == "2024-06-12"


def test_hubspot_deals_appraised_and_reported_with_no_setting(tmp_path: Path) -> None:
    hubspot(tmp_path, "orders.csv")  # won deals are the sales
    hubspot(tmp_path, "opportunities.csv")
    targets = [
        ["rep", "period", "target"],
        ["Ann Lee", "2024Q2", 10000],
        ["Bo Li", "2024Q2", 10000],
    ]
    (tmp_path / "targets.csv").write_text("".join(",".join(map(str, r)) + "\n" for r in targets))
    result = run("-w", str(tmp_path), "appraise", "--quarter", "2024Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["rep"]: r for r in json.loads(result.stdout)}
    assert (rows["Ann Lee"]["amount"], rows["Bo Li"]["amount"]) == (7000.0, 11000.0)
    assert (rows["Ann Lee"]["conversion_rate"], rows["Bo Li"]["conversion_rate"]) == (0.5, 1.0)
    report = run(
        "-w", str(tmp_path), "report", "--month", "2024-05", "-o", str(tmp_path / "r.xlsx")
    )
    assert report.exit_code == 0, report.stderr
