# ruff: noqa: E501  (each export row is one line, as the system writes it)
"""Nothing an export says is ignored (issue #22, POLICY "What a sale is").

Each case is a small export of a system salescli had not met, built here, with the figure a
person computes by hand. A case ends with the right figure with no setting, or with a refusal
(65) whose hint the test follows as a user would, after which the figure is right or the run is
refused again: never exit 0 wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import run, set_settings, write_csv, write_xlsx

TARGETS = [["rep", "period", "target"], ["张伟", "2024-05", 1000], ["Alice", "2024-05", 1000], ["Bob", "2024-05", 1000]]  # fmt: skip


def classify(folder: Path, *more: str):
    return run("-w", str(folder), *more, "classify", "--quarter", "2024Q2", "--format", "json")


def factors(folder: Path) -> dict[str, tuple[float, int]]:
    result = classify(folder)
    assert result.exit_code == 0, result.stderr
    return {
        r["customer_id"]: (r["amount"], r["frequency"])
        for r in json.loads(result.stdout)
        if r["amount"] or r["frequency"]
    }


def appraised(folder: Path, *more: str) -> dict[str, float]:
    result = run("-w", str(folder), *more, "appraise", "--month", "2024-05", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {r["rep"]: r["amount"] for r in json.loads(result.stdout)}


def refused(result, *words: str) -> str:
    """The hint line of a refusal (65) that names each of `words`."""
    assert result.exit_code == 65, result.stdout + result.stderr
    error, hint = result.stderr.splitlines()[:2]
    for word in words:
        assert word in error, error
    assert hint.startswith("  hint: "), hint
    return hint


def follow(folder: Path, hint: str, choice: int = 0) -> None:
    """Do what a hint says, as a user would: the `choice`th setting it names, written into
    salescli.toml."""
    settings = re.findall(
        r'(\[[\w.]+\] [\w]+ = "[^"]*")|(ignore = \["[^"]*"\] under \[[\w.]+\])|(add rates\.csv)',
        hint,
    )
    assert settings, hint
    mapping, ignore, rates = settings[choice]
    path = folder / "salescli.toml"
    if mapping:
        section, key, value = re.match(r'\[([\w.]+)\] (\w+) = (".*")', mapping).groups()
        set_settings(path, section, **{key: value})
    elif ignore:
        value, section = re.match(r'ignore = (\["[^"]*"\]) under \[([\w.]+)\]', ignore).groups()
        set_settings(path, section, ignore=value)
    else:
        raise AssertionError(f"not a setting: {rates}")


# ------------------------------------------------------- 1. document types: returns subtract


def test_a_return_document_is_subtracted_and_is_no_order(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["日期", "单据编号", "单据类型", "客户编号", "业务员", "数量", "单价", "金额"],
            ["2024-05-06", "XS-0001", "销售单", "00001", "张伟", "10", "100.00", "1000.00"],
            ["2024-05-20", "XT-0001", "销售退货单", "00001", "张伟", "2", "100.00", "200.00"],
        ],
        encoding="gbk",
    )
    # was 1200.0 and 2 orders
    assert factors(tmp_path) == {"00001": (800.0, 1)}


def test_a_return_written_negative_is_subtracted_once(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Date", "Number", "Document Type", "Customer ID", "Rep", "Amount"],
            ["2024-05-06", "INV-1", "Invoice", "C1", "Alice", "1000.00"],
            ["2024-05-20", "CN-1", "Credit Note", "C1", "Alice", "-200.00"],
        ],
    )
    assert factors(tmp_path) == {"C1": (800.0, 1)}


def test_orders_beside_the_invoices_raised_from_them_are_refused_until_one_kind_is_chosen(
    tmp_path: Path,
) -> None:
    """SAP Business One: a Sales Order, the A/R Invoice made from it and an A/R Credit Memo,
    all positive. Counting both orders and invoices doubles every sale."""
    write_csv(
        tmp_path / "orders.csv",
        [
            [
                "Document Type",
                "Document Number",
                "Posting Date",
                "Customer Code",
                "Sales Employee",
                "Row Total",
            ],
            ["Sales Order", "101", "2024-05-03", "C20000", "Alice", "500.00"],
            ["A/R Invoice", "201", "2024-05-10", "C20000", "Alice", "500.00"],
            ["A/R Credit Memo", "301", "2024-05-20", "C20000", "Alice", "100.00"],
        ],
    )
    write_csv(tmp_path / "targets.csv", TARGETS)
    hint = refused(classify(tmp_path), "orders (Sales Order) and invoices (A/R Invoice)")
    assert '[documents] count = "order"' in hint and '[documents] count = "invoice"' in hint
    follow(tmp_path, hint, choice=1)  # the invoices
    assert factors(tmp_path) == {"C20000": (400.0, 1)}
    assert appraised(tmp_path)["Alice"] == 400.0


def test_a_document_word_in_no_list_is_refused_and_settled_by_the_documents_setting(
    tmp_path: Path,
) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["单据日期", "单据编号", "单据类型", "客户编号", "经手人", "金额"],
            ["2024-05-06", "A1", "销售单", "C1", "张伟", "300.00"],
            ["2024-05-07", "A2", "委托代销结算单", "C1", "张伟", "100.00"],
        ],
    )
    result = classify(tmp_path)
    assert result.exit_code == 65 and "委托代销结算单" in result.stderr
    assert "[documents]" in result.stderr
    set_settings(tmp_path / "salescli.toml", "documents", sale='["委托代销结算单"]')
    assert factors(tmp_path) == {"C1": (400.0, 2)}


def test_a_refund_beside_the_paid_amount_is_subtracted(tmp_path: Path) -> None:
    """Taobao: 实付金额 beside 退款金额; a line refunded whole is no order."""
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "买家会员名", "销售员", "金额", "退款金额"],
            ["T1", "2024-05-03", "buyer1", "张伟", "300.00", "0.00"],
            ["T2", "2024-05-04", "buyer1", "张伟", "200.00", "50.00"],
            ["T3", "2024-05-05", "buyer1", "张伟", "80.00", "80.00"],
        ],
    )
    assert factors(tmp_path) == {"buyer1": (450.0, 2)}


# ------------------------------------------------------- 2. order totals repeated on lines


XERO = [
    ["Order ID", "Order Date", "Customer ID", "Rep", "Product", "Quantity", "Total"],
    ["INV-1", "2024-05-06", "C1", "Alice", "Pump", "1", "1200.00"],
    ["INV-1", "2024-05-06", "C1", "Alice", "Valve", "2", "1200.00"],
    ["INV-2", "2024-05-20", "C1", "Alice", "Seal", "1", "120.00"],
]


def test_an_order_total_repeated_on_each_line_is_refused_then_counted_once(
    tmp_path: Path,
) -> None:
    write_csv(tmp_path / "orders.csv", XERO)
    hint = refused(classify(tmp_path), "INV-1", "order's total")  # was 2520.0
    assert 'amount_level = "order"' in hint
    set_settings(tmp_path / "salescli.toml", "inputs.orders", amount_level='"order"')
    assert factors(tmp_path) == {"C1": (1320.0, 2)}


def test_an_order_total_shared_over_its_lines_by_quantity_and_price(tmp_path: Path) -> None:
    rows = [
        ["Order ID", "Order Date", "Customer ID", "Rep", "Product", "Quantity", "Unit Price", "Total"],
        ["INV-1", "2024-05-06", "C1", "Alice", "Pump", "1", "100.00", "339.00"],
        ["INV-1", "2024-05-06", "C1", "Alice", "Valve", "2", "100.00", "339.00"],
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", rows)
    set_settings(tmp_path / "salescli.toml", "inputs.orders", amount_level='"order"')
    lines = run("-w", str(tmp_path), "check", "--table", "orders", "--section", "headers")
    assert lines.exit_code == 0, lines.stderr
    assert factors(tmp_path) == {"C1": (339.0, 1)}


def test_equal_line_amounts_that_are_quantity_times_price_are_line_amounts(tmp_path: Path) -> None:
    rows = [
        ["Order ID", "Order Date", "Customer ID", "Rep", "Product", "Quantity", "Unit Price", "Amount"],
        ["SO1", "2024-05-06", "C1", "Alice", "Pump", "1", "100.00", "100.00"],
        ["SO1", "2024-05-06", "C1", "Alice", "Valve", "2", "50.00", "100.00"],
    ]  # fmt: skip
    write_csv(tmp_path / "orders.csv", rows)
    assert factors(tmp_path) == {"C1": (200.0, 1)}


def test_equal_amounts_by_chance_are_read_as_lines_once_the_user_says_so(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", XERO)
    set_settings(tmp_path / "salescli.toml", "inputs.orders", amount_level='"line"')
    assert factors(tmp_path) == {"C1": (2520.0, 2)}


# ------------------------------------------------------- 3. cancel flags and currencies


@pytest.mark.parametrize("header", ["Canceled", "Cancelled", "Is Void", "是否作废", "Voided?"])
def test_a_cancel_flag_in_any_spelling_takes_its_yes_lines_out(tmp_path: Path, header: str) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["DocNum", "DocDate", "CardCode", "SlpName", "DocTotal", header],
            ["1", "2024-05-03", "C1", "Alice", "100.00", "No"],
            ["2", "2024-05-04", "C1", "Alice", "900.00", "Yes"],
        ],
    )
    assert factors(tmp_path) == {"C1": (100.0, 1)}


def test_a_cancel_column_of_other_words_is_refused_naming_the_setting(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", "Rep", "Amount", "Cancel State"],
            ["1", "2024-05-03", "C1", "Alice", "100.00", "kept"],
            ["2", "2024-05-04", "C1", "Alice", "900.00", "withdrawn"],
        ],
    )
    hint = refused(classify(tmp_path), "Cancel State")
    assert 'cancel_flag = "Cancel State"' in hint
    follow(tmp_path, hint)
    # none of the flag's words is a yes/no word: refused until they are listed (counted, it
    # gave 1000.00 with a warning)
    assert "flag_yes" in refused(classify(tmp_path), "kept, withdrawn", "no value of the cancel")
    set_settings(
        tmp_path / "salescli.toml", "statuses", flag_yes='["withdrawn"]', flag_no='["kept"]'
    )
    assert factors(tmp_path) == {"C1": (100.0, 1)}


def test_a_status_mapped_to_a_yes_no_column_is_a_cancel_flag(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额", "作废状态"],
            ["A1", "2024-05-03", "C1", "张伟", "100.00", "否"],
            ["A2", "2024-05-04", "C1", "张伟", "900.00", "是"],
        ],
    )
    set_settings(tmp_path / "salescli.toml", "inputs.orders", status='"作废状态"')
    assert factors(tmp_path) == {"C1": (100.0, 1)}


def test_two_currencies_without_rates_are_refused_then_converted(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", "Rep", "Amount", "Currency"],
            ["1", "2024-05-03", "C1", "Alice", "1000.00", "CNY"],
            ["2", "2024-05-04", "C1", "Alice", "1000.00", "USD"],
        ],
    )
    hint = refused(classify(tmp_path), "USD", "no rates table")  # was 2000.0, no warning
    assert "rates.csv" in hint
    write_csv(tmp_path / "rates.csv", [["month", "currency", "rate"], ["2024-04", "USD", "7.10"]])
    result = classify(tmp_path)
    assert result.exit_code == 65 and "no rate in the rates table for USD 2024-05" in result.stderr
    write_csv(
        tmp_path / "rates.csv",
        [["month", "currency", "rate"], ["2024-04", "USD", "7.10"], ["2024-05", "USD", "7.20"]],
    )
    assert factors(tmp_path) == {"C1": (8200.0, 2)}


def test_a_currency_column_under_another_name_is_refused(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", "Rep", "Amount", "Curr. Code"],
            ["1", "2024-05-03", "C1", "Alice", "1000.00", "EUR"],
            ["2", "2024-05-04", "C1", "Alice", "1000.00", "EUR"],
        ],
    )
    hint = refused(classify(tmp_path), "Curr. Code")
    follow(tmp_path, hint)
    hint = refused(classify(tmp_path), "EUR", "no rates table")
    write_csv(tmp_path / "rates.csv", [["month", "currency", "rate"], ["2024-05", "EUR", "7.80"]])
    assert factors(tmp_path) == {"C1": (15600.0, 2)}


def test_an_amount_already_in_the_base_currency_needs_no_rate(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["单据编号", "日期", "客户编码", "业务员", "币别", "金额", "本位币金额"],
            ["A1", "2024-05-03", "C1", "张伟", "USD", "100.00", "720.00"],
            ["A2", "2024-05-04", "C1", "张伟", "CNY", "300.00", "300.00"],
        ],
    )
    assert factors(tmp_path) == {"C1": (1020.0, 2)}


# ------------------------------------------------------- 4. who sold it


@pytest.mark.parametrize("header", ["Sales Order Owner", "经手人", "業務人員", "Sales Employee"])
def test_a_salesperson_column_of_other_systems_is_read(tmp_path: Path, header: str) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", header, "Amount"],
            ["A1", "2024-05-06", "C1", "Bob", "100.00"],
            ["A2", "2024-05-07", "C1", "Alice", "50.00"],
        ],
    )
    write_csv(
        tmp_path / "customers.csv",
        [["Customer ID", "Customer Name", "Account Owner"], ["C1", "Acme Ltd", "Alice"]],
    )
    write_csv(tmp_path / "targets.csv", TARGETS)
    amounts = appraised(tmp_path)  # was Alice 150.0, sales champion; Bob 0.0
    assert amounts["Alice"] == 50.0 and amounts["Bob"] == 100.0


def test_a_column_holding_the_reps_names_is_refused_until_mapped(tmp_path: Path) -> None:
    """Xero's TrackingOption1 used for the salesperson: nothing in its header says so; its
    values are the reps of the targets."""
    write_csv(
        tmp_path / "orders.csv",
        [
            [
                "InvoiceNumber",
                "InvoiceDate",
                "ContactName",
                "TrackingName1",
                "TrackingOption1",
                "LineAmount",
            ],
            ["INV-1", "2024-05-06", "Acme", "Salesperson", "Bob", "100.00"],
            ["INV-2", "2024-05-07", "Acme", "Salesperson", "Alice", "50.00"],
        ],
    )
    write_csv(tmp_path / "customers.csv", [["Customer Name", "Account Owner"], ["Acme", "Alice"]])
    write_csv(tmp_path / "targets.csv", TARGETS)
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05", "--format", "json")
    hint = refused(result, "TrackingOption1", "Bob")
    checked = run("-w", str(tmp_path), "check", "--table", "orders")
    assert checked.exit_code == 65 and "TrackingOption1" in checked.stdout
    follow(tmp_path, hint)
    amounts = appraised(tmp_path)
    assert amounts["Alice"] == 50.0 and amounts["Bob"] == 100.0


def test_ignoring_a_person_column_gives_the_sales_to_the_owner_and_says_so(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", "Entered By", "Amount"],
            ["A1", "2024-05-01", "C1", "Bob", "100.00"],
            ["A2", "2024-05-31", "C1", "Bob", "50.00"],
        ],
    )
    write_csv(
        tmp_path / "customers.csv",
        [["Customer ID", "Customer Name", "Account Owner"], ["C1", "Acme Ltd", "Alice"]],
    )
    write_csv(tmp_path / "targets.csv", TARGETS)
    hint = refused(run("-w", str(tmp_path), "appraise", "--month", "2024-05"), "Entered By")
    follow(tmp_path, hint, choice=1)  # it is not who sold the line
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05", "--format", "json")
    assert result.exit_code == 0, result.stderr
    # a cron job sees the decision on stderr, with its lines and amount
    assert "2 order lines in 2024-05 (150.00) name no salesperson" in result.stderr
    assert {r["rep"]: r["amount"] for r in json.loads(result.stdout)}["Alice"] == 150.0
    strict = run("-w", str(tmp_path), "--strict", "appraise", "--month", "2024-05")
    assert strict.exit_code == 65 and "name no salesperson" in strict.stderr


# ------------------------------------------------------- 5. customers keyed differently


def test_a_customer_file_keyed_by_another_column_is_joined_or_refused(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["單據日期", "單據號碼", "客戶代號", "業務人員", "金額"],
            ["2024-05-03", "S1", "000001", "張偉", "500.00"],
            ["2024-05-04", "S2", "000002", "張偉", "300.00"],
        ],
    )
    write_csv(
        tmp_path / "customers.csv",
        [
            ["客戶簡稱", "Cust Ref", "業務人員"],
            ["永豐科技", "000001", "張偉"],
            ["大同電機", "000002", "張偉"],
        ],
    )
    result = classify(tmp_path)  # was: every customer twice, once with 0
    hint = refused(result, "Cust Ref")
    follow(tmp_path, hint)
    rows = json.loads(classify(tmp_path).stdout)
    assert sorted((r["customer_id"], r["customer_name"], r["amount"]) for r in rows) == [
        ("000001", "永豐科技", 500.0),
        ("000002", "大同電機", 300.0),
    ]


# ------------------------------------------------------- also wrong before


def test_no_amount_column_is_refused_by_check_and_the_commands(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "备注"],
            ["A1", "2024-05-03", "C1", "张伟", "x"],
        ],
    )
    assert run("-w", str(tmp_path), "check").exit_code == 65
    refused(classify(tmp_path), "no amount column")  # was exit 70, KeyError


def test_figure_warnings_reach_stderr_of_a_pipe_and_strict_stops_on_them(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "数量", "单价", "状态"],
            ["A1", "2024-05-03", "C1", "张伟", "2", "50.00", "挂单"],
        ],
    )
    result = classify(tmp_path)  # stderr is not a terminal here
    assert result.exit_code == 0
    assert "amount computed as quantity x unit_price" in result.stderr
    assert "outside the vocabulary ('挂单' x1), counted as a sale" in result.stderr
    assert classify(tmp_path, "--strict").exit_code == 65
    set_settings(tmp_path / "salescli.toml", "checks", strict="true")
    assert classify(tmp_path).exit_code == 65
    assert run("-w", str(tmp_path), "check", "--table", "orders").exit_code == 65
    quiet = classify(tmp_path, "-q")
    assert quiet.exit_code == 65  # -q silences warnings, not --strict's errors


def test_adding_a_status_word_keeps_the_built_in_ones(tmp_path: Path) -> None:
    """Following the hint "add it to [statuses] not_counted" must not make 作废 count again."""
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额", "状态"],
            ["A1", "2024-05-03", "C1", "张伟", "100.00", "挂单"],
            ["A2", "2024-05-04", "C1", "张伟", "200.00", "作废"],
            ["A3", "2024-05-05", "C1", "张伟", "300.00", "已审核"],
        ],
    )
    result = classify(tmp_path)
    assert "add it to [statuses] counted or not_counted" in result.stderr
    set_settings(tmp_path / "salescli.toml", "statuses", not_counted='["挂单"]')
    assert factors(tmp_path) == {"C1": (300.0, 1)}  # was 500.0: 作废 counted again
    set_settings(tmp_path / "salescli.toml", "statuses", replace="true")
    assert factors(tmp_path) == {"C1": (500.0, 2)}  # said plainly: only 挂单 is not counted


def test_kis_columns_under_group_headers_are_read_by_their_group(tmp_path: Path) -> None:
    """金蝶 KIS repeats 数量/单价/金额 under 销售收入, 销售成本 and 毛利."""
    rows = [
        [
            "日期",
            "单据号",
            "客户",
            "业务员",
            "销售收入",
            None,
            None,
            "销售成本",
            None,
            None,
            "毛利",
        ],
        [None, None, None, None, "数量", "单价", "金额", "数量", "单价", "金额", "金额"],
        ["2024-05-03", "XS1", "华东电机厂", "张伟", 2, 100, 200, 2, 60, 120, 80],
        ["2024-05-04", "XS2", "华东电机厂", "张伟", 1, 50, 50, 1, 30, 30, 20],
    ]
    write_xlsx(tmp_path / "orders.xlsx", rows, merge=["E1:G1", "H1:J1"])
    assert factors(tmp_path) == {"华东电机厂": (250.0, 2)}
    headers = run("-w", str(tmp_path), "check", "--section", "headers", "--format", "json")
    read = {r["header"]: r["column"] for r in json.loads(headers.stdout)}
    assert read["销售收入/金额"] == "amount" and read["销售成本/金额"] == "cost"
    assert read["毛利/金额"] == "profit"


def test_a_column_under_its_group_can_be_named_by_group_and_name(tmp_path: Path) -> None:
    rows = [
        ["日期", "单据号", "客户", "业务员", "本期", None, "上期", None],
        [None, None, None, None, "数量", "金额", "数量", "金额"],
        ["2024-05-03", "XS1", "华东电机厂", "张伟", 2, 200, 5, 999],
    ]
    write_xlsx(tmp_path / "orders.xlsx", rows, merge=["E1:F1", "G1:H1"])
    result = classify(tmp_path)
    assert result.exit_code == 65  # two amounts, two quantities: which?
    set_settings(
        tmp_path / "salescli.toml",
        "inputs.orders",
        amount='"本期/金额"',
        quantity='"本期/数量"',
        ignore='["上期/金额", "上期/数量"]',
    )
    assert factors(tmp_path) == {"华东电机厂": (200.0, 1)}


def test_mixed_currency_signs_in_one_amount_column_are_refused(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
            ["A1", "2024-05-03", "C1", "张伟", "¥1,000.00"],
            ["A2", "2024-05-04", "C1", "张伟", "$2,000.00"],
            ["A3", "2024-05-05", "C1", "张伟", "€300.00"],
        ],
    )
    refused(classify(tmp_path), "several currencies")  # was 3300.0


def test_a_k3_mapping_of_amount_and_cost_keeps_resolving_the_unit_price(tmp_path: Path) -> None:
    """A salescli.toml written for an earlier version (amount = 销售金额, cost = 金额 for a
    K/3 销售出库单) must not switch off the resolution of 单价 beside 销售单价."""
    write_csv(
        tmp_path / "orders.csv",
        [
            [
                "单据编号",
                "日期",
                "购货单位",
                "业务员",
                "实发数量",
                "单价",
                "金额",
                "销售单价",
                "销售金额",
            ],
            ["XSCK1", "2024-05-03", "华东电机厂", "张伟", "2", "60", "120", "100", "200"],
        ],
    )
    set_settings(tmp_path / "salescli.toml", "inputs.orders", amount='"销售金额"', cost='"金额"')
    assert factors(tmp_path) == {"华东电机厂": (200.0, 1)}


def test_odoo_related_order_date_is_the_order_date(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            [
                "Order Reference",
                "Order Reference/Order Date",
                "Order Reference/Customer",
                "Salesperson",
                "Product",
                "Quantity",
                "Subtotal",
            ],
            [
                "S00012",
                "2024-05-06 10:00:00",
                "Azure Interior",
                "Mitchell Admin",
                "Desk",
                "1",
                "300.00",
            ],
            [
                "S00012",
                "2024-05-06 10:00:00",
                "Azure Interior",
                "Mitchell Admin",
                "Chair",
                "2",
                "200.00",
            ],
        ],
    )
    assert factors(tmp_path) == {"Azure Interior": (500.0, 1)}


def test_an_exchange_rate_in_the_export_converts_its_lines(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["单据编号", "日期", "客户编码", "业务员", "币种", "汇率", "金额"],
            ["A1", "2024-05-03", "C1", "张伟", "美元", "7.2", "100.00"],
            ["A2", "2024-05-04", "C1", "张伟", "人民币", "1", "300.00"],
        ],
    )
    assert factors(tmp_path) == {"C1": (1020.0, 2)}


def test_a_german_sap_list_export_as_text(tmp_path: Path) -> None:
    """VA05 saved as text: a title line, a leading empty column, German headers, decimal
    commas, Windows-1252, day-first dates and the document currency."""
    text = (
        "Liste Verkaufsbelege\r\n\r\n"
        "\tVerkaufsbeleg\tBelegdatum\tAuftraggeber\tName 1\tMaterial\tAuftragsmenge\tNettowert\tWährung\r\n"
        "\t4711\t03.05.2024\t100001\tMüller GmbH\tM-01\t2\t1.200,00\tEUR\r\n"
        "\t4712\t15.05.2024\t100001\tMüller GmbH\tM-02\t1\t300,00\tEUR\r\n"
    )
    (tmp_path / "orders.txt").write_bytes(text.encode("cp1252"))
    result = classify(tmp_path)
    assert result.exit_code == 65 and "EUR" in result.stderr and "[currency] base" in result.stderr
    set_settings(tmp_path / "salescli.toml", "currency", base='"EUR"')
    assert factors(tmp_path) == {"100001": (1500.0, 2)}


def test_a_workbook_with_a_sheet_per_rep_is_refused_then_read_with_rep_from_sheet(
    tmp_path: Path,
) -> None:
    header = ["订单编号", "下单日期", "客户编号", "金额"]
    write_xlsx(
        tmp_path / "orders.xlsx",
        [header, ["A1", "2024-05-03", "C1", 100]],
        sheet="张伟",
        extra={"Alice": [header, ["A2", "2024-05-04", "C1", 50]]},
    )
    write_csv(
        tmp_path / "customers.csv", [["客户编号", "客户名称", "销售代表"], ["C1", "甲", "Bob"]]
    )
    write_csv(tmp_path / "targets.csv", TARGETS)
    hint = refused(
        run("-w", str(tmp_path), "appraise", "--month", "2024-05"), "sheets are named for reps"
    )
    assert "rep_from_sheet = true" in hint
    set_settings(tmp_path / "salescli.toml", "inputs.orders", rep_from_sheet="true")
    amounts = appraised(tmp_path)
    assert (amounts["张伟"], amounts["Alice"], amounts["Bob"]) == (100.0, 50.0, 0.0)


def test_a_rep_column_that_disagrees_with_its_sheet_is_refused(tmp_path: Path) -> None:
    header = ["订单编号", "下单日期", "客户编号", "销售代表", "金额"]
    write_xlsx(
        tmp_path / "orders.xlsx", [header, ["A1", "2024-05-03", "C1", "李娜", 100]], sheet="张伟"
    )
    set_settings(tmp_path / "salescli.toml", "inputs.orders", rep_from_sheet="true")
    refused(classify(tmp_path), "not its sheet's")


@pytest.mark.parametrize("name", ["销售出库单.csv", "发货单.xlsx"])
def test_an_export_named_by_its_document_is_found_as_the_orders(tmp_path: Path, name: str) -> None:
    rows = [
        ["单据编号", "日期", "购货单位", "业务员", "实发数量", "销售金额"],
        ["XSCK1", "2024-05-03", "华东电机厂", "张伟", "2", "200"],
    ]
    (write_xlsx if name.endswith(".xlsx") else write_csv)(tmp_path / name, rows)
    write_csv(tmp_path / "customers.csv", [["客户编号", "客户名称"], ["华东电机厂", "华东电机厂"]])
    assert factors(tmp_path) == {"华东电机厂": (200.0, 1)}


def test_two_exports_that_look_like_the_orders_are_refused(tmp_path: Path) -> None:
    rows = [["单据编号", "日期", "客户", "业务员", "金额"], ["A1", "2024-05-03", "甲", "张伟", "1"]]
    write_csv(tmp_path / "销售出库单.csv", rows)
    write_csv(tmp_path / "销售发票.csv", rows)
    hint = refused(classify(tmp_path), "销售出库单.csv", "销售发票.csv")
    assert "[inputs.orders] path" in hint
    (tmp_path / "salescli.toml").write_text('[inputs.orders]\npath = "销售发票.csv"\n', "utf-8")
    assert factors(tmp_path) == {"甲": (1.0, 1)}


# ------------------------------------------------------- salescli map


def test_map_shows_each_headers_role_and_effect_and_writes_the_reading(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["单据编号", "日期", "单据类型", "客户编号", "业务员", "金额", "备注", "车次"],
            ["XS1", "2024-05-06", "销售单", "C1", "张伟", "1000.00", "", "K1"],
            ["XT1", "2024-05-20", "销售退货单", "C1", "张伟", "200.00", "破损", "K2"],
        ],
    )
    result = run("-w", str(tmp_path), "map", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["header"]: r for r in json.loads(result.stdout)}
    assert rows["单据类型"]["role"] == "used"
    assert rows["单据类型"]["effect"] == "1 return line, -200.00"
    assert rows["金额"]["effect"] == "800.00 over 2 lines"
    assert rows["备注"]["role"] == "harmless" and rows["车次"]["role"] == "unknown"
    assert rows["车次"]["samples"] == "K1, K2"
    (tmp_path / "salescli.toml").write_text('# my notes\ncalendar = "cn"\n', encoding="utf-8")
    assert run("-w", str(tmp_path), "map", "--write").exit_code == 0
    written = (tmp_path / "salescli.toml").read_text(encoding="utf-8")
    assert written.startswith("# my notes")
    assert 'document_type = "单据类型"' in written and 'ignore = ["车次"]' in written
    assert factors(tmp_path) == {"C1": (800.0, 1)}  # the written reading reads the same


def test_map_exits_65_while_a_column_stops_the_run(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", XERO)
    write_csv(tmp_path / "targets.csv", TARGETS)
    rows = [
        ["Order ID", "Order Date", "Customer ID", "Amount", "Entered By"],
        ["1", "2024-05-03", "C1", "10.00", "Bob"],
    ]
    write_csv(tmp_path / "other.csv", rows)
    result = run("-w", str(tmp_path), "map", str(tmp_path / "other.csv"), "--format", "json")
    assert result.exit_code == 65
    roles = {r["header"]: r["role"] for r in json.loads(result.stdout)}
    assert roles["Entered By"] == "concern"
    assert "1 column stops every command" in result.stderr


def test_map_shows_the_headers_when_a_needed_column_is_not_found_and_its_hints_lead_to_the_right_figures(
    tmp_path: Path,
) -> None:
    """A new user's first `map`, of an export none of whose headers salescli knows as the
    order number, date or amount: the headers are shown all the same (which one is the
    missing column is what the user needs to see), then the error (65) names the column to
    map. Each hint followed, the next map is refused again until the reading is whole, and the
    figures are the rows'."""
    write_csv(tmp_path / "targets.csv", TARGETS)
    rows = [
        ["Ref", "When", "Client", "Seller", "Value"],
        ["A1", "2024-05-03", "C1", "张伟", "100.00"],
        ["A2", "2024-05-09", "C1", "张伟", "250.50"],
        ["A3", "2024-05-20", "C2", "张伟", "40.00"],
    ]
    write_csv(tmp_path / "orders.csv", rows)

    def mapped() -> tuple[int, dict[str, dict], str]:
        result = run("-w", str(tmp_path), "map", "--format", "json")
        return result.exit_code, {r["header"]: r for r in json.loads(result.stdout)}, result.stderr

    code, shown, stderr = mapped()
    assert code == 65
    assert list(shown) == ["Client", "Ref", "When", "Seller", "Value"]
    assert shown["Ref"]["samples"] == "A1, A2, A3" and shown["Value"]["role"] == "concern"
    assert "no column for order_id, order_date" in stderr
    assert 'hint: map it in salescli.toml: [inputs.orders] order_id = "<header>"' in stderr
    checked = run("-w", str(tmp_path), "check", "--section", "headers", "--format", "json")
    assert checked.exit_code == 65
    read = [r["header"] for r in json.loads(checked.stdout) if r["table"] == "orders"]
    assert read == list(shown)  # check shows them too
    set_settings(tmp_path / "salescli.toml", "inputs.orders", order_id='"Ref"')
    code, shown, stderr = mapped()
    assert code == 65 and shown["Ref"]["column"] == "order_id"
    assert 'order_date = "<header>"' in stderr
    set_settings(tmp_path / "salescli.toml", "inputs.orders", order_date='"When"')
    code, shown, stderr = mapped()
    assert code == 65 and shown["When"]["column"] == "order_date"
    assert 'hint: if one is each line\'s amount, map it: [inputs.orders] amount = "Value"' in stderr
    assert classify(tmp_path).exit_code == 65  # every command refuses what map refuses
    set_settings(tmp_path / "salescli.toml", "inputs.orders", amount='"Value"')
    code, shown, stderr = mapped()
    assert code == 65 and shown["Seller"]["role"] == "concern"  # who sold it: asked
    set_settings(tmp_path / "salescli.toml", "inputs.orders", rep='"Seller"')
    code, shown, stderr = mapped()
    assert code == 0, stderr
    assert factors(tmp_path) == {"C1": (350.5, 2), "C2": (40.0, 1)}
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {r["rep"]: r["amount"] for r in json.loads(result.stdout)}["张伟"] == 390.5


def test_map_shows_a_source_s_columns_when_a_needed_one_is_not_found(tmp_path: Path) -> None:
    """The same for a table read from a source (a DuckDB file): its columns are listed and
    the refusal names the table, with no row (a table's columns have no header row)."""
    duckdb = pytest.importorskip("duckdb")
    write_csv(tmp_path / "targets.csv", TARGETS)
    with duckdb.connect(str(tmp_path / "sales.duckdb")) as db:
        db.execute(
            "CREATE TABLE lines AS SELECT 'A1' AS \"Ref\", DATE '2024-05-03' AS \"When\", "
            '\'C1\' AS "Client", \'张伟\' AS "Seller", 100.0 AS "Value"'
        )
    set_settings(
        tmp_path / "salescli.toml",
        "inputs.orders",
        source='"duckdb:///sales.duckdb"',
        table='"lines"',
    )
    result = run("-w", str(tmp_path), "map", "--format", "json")
    assert result.exit_code == 65
    assert [r["header"] for r in json.loads(result.stdout)] == [
        "Client", "Ref", "When", "Seller", "Value"
    ]  # fmt: skip
    assert "error: lines: no column for order_id, order_date" in result.stderr
    set_settings(tmp_path / "salescli.toml", "inputs.orders", order_id='"Ref"', order_date='"When"')
    set_settings(tmp_path / "salescli.toml", "inputs.orders", amount='"Value"', rep='"Seller"')
    assert factors(tmp_path) == {"C1": (100.0, 1)}


def test_map_stops_on_an_unread_column_of_reps_names_as_every_command_does(
    tmp_path: Path,
) -> None:
    """A column the orders do not read whose values are the targets' reps (姓名: the seller
    may be there) stops every command; `map` showed it as merely unknown, exited 0, and
    `map --write` wrote it into ignore, after which the lines counted for their customers'
    owners with exit 0. Now map shows it as a concern, exits 65 and writes nothing; its hint
    followed (rep = "姓名") gives each rep their own lines."""
    write_csv(tmp_path / "targets.csv", TARGETS)
    write_csv(
        tmp_path / "customers.csv",
        [["客户编号", "客户名称", "销售代表"], ["C1", "甲公司", "张伟"], ["C2", "乙公司", "张伟"]],
    )
    rows = [
        ["订单编号", "下单日期", "客户编号", "金额", "姓名"],
        ["SO1", "2024-05-03", "C1", "100.00", "张伟"],
        ["SO2", "2024-05-09", "C2", "250.00", "Alice"],
    ]
    write_csv(tmp_path / "orders.csv", rows)
    assert classify(tmp_path).exit_code == 65  # every command stops on it
    result = run("-w", str(tmp_path), "map", "--format", "json")
    assert result.exit_code == 65, result.stderr
    shown = {r["header"]: r for r in json.loads(result.stdout)}
    assert shown["姓名"]["role"] == "concern"
    assert shown["姓名"]["effect"].startswith("stops the run")
    settings = tmp_path / "salescli.toml"
    settings.write_text('calendar = "cn"\n', encoding="utf-8")
    assert run("-w", str(tmp_path), "map", "--write").exit_code == 65
    assert settings.read_text(encoding="utf-8") == 'calendar = "cn"\n'  # 姓名 not ignored
    set_settings(tmp_path / "salescli.toml", "inputs.orders", rep='"姓名"')
    done = run("-w", str(tmp_path), "appraise", "--month", "2024-05", "--format", "json")
    assert done.exit_code == 0, done.stderr
    amounts = {r["rep"]: r["amount"] for r in json.loads(done.stdout)}
    assert (amounts["张伟"], amounts["Alice"]) == (100.0, 250.0)


def test_the_refusals_and_warnings_of_what_a_sale_is_are_chinese_under_lang_zh(
    tmp_path: Path,
) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["Order ID", "Order Date", "Customer ID", "Entered By", "Amount"],
            ["A1", "2024-05-01", "C1", "Bob", "100.00"],
            ["A2", "2024-05-31", "C1", "Bob", "50.00"],
        ],
    )
    write_csv(
        tmp_path / "customers.csv",
        [["Customer ID", "Customer Name", "Account Owner"], ["C1", "Acme Ltd", "Alice"]],
    )
    write_csv(tmp_path / "targets.csv", TARGETS)
    refusal = run("-w", str(tmp_path), "--lang", "zh", "appraise", "--month", "2024-05")
    assert refusal.exit_code == 65
    assert "列 'Entered By' 可能是成交的销售人员" in refusal.stderr
    assert '如果不是，请加入 [inputs.orders] 下的 ignore = ["Entered By"]' in refusal.stderr
    set_settings(tmp_path / "salescli.toml", "inputs.orders", ignore='["Entered By"]')
    result = run("-w", str(tmp_path), "--lang", "zh", "appraise", "--month", "2024-05")
    assert result.exit_code == 0, result.stderr
    assert "2024-05 的 2 行订单（150.00）没有写明销售人员" in result.stderr


def test_header_typos_are_never_read_as_nothing(tmp_path: Path) -> None:
    """A typo in the salesperson's header (`销售代標x`) and in the amount's (`金颔`): the rep
    column holds the targets' reps and stops the run; without an amount nothing is guessed."""
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代標x", "金颔"],
            ["A1", "2024-05-03", "C1", "张伟", "100.00"],
        ],
    )
    write_csv(tmp_path / "targets.csv", TARGETS)
    checked = run("-w", str(tmp_path), "check", "--table", "orders")
    assert checked.exit_code == 65 and "no amount column" in checked.stdout
    refused(classify(tmp_path), "no amount column")
    set_settings(tmp_path / "salescli.toml", "inputs.orders", amount='"金颔"')
    hint = refused(classify(tmp_path), "销售代標x", "张伟")
    follow(tmp_path, hint)
    assert factors(tmp_path) == {"C1": (100.0, 1)}
    assert appraised(tmp_path)["张伟"] == 100.0


def test_a_report_without_targets_and_a_column_not_read_say_so_to_cron(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额", "车次"],
            ["A1", "2024-05-01", "C1", "张伟", "100.00", "K1"],
            ["A2", "2024-05-31", "C1", "张伟", "50.00", "K2"],
        ],
    )
    result = run("-w", str(tmp_path), "report", "--month", "2024-05", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "column not read: '车次' (K1, K2)" in result.stderr
    assert "target" in result.stderr  # the report has no targets to compare with
    assert run("-w", str(tmp_path), "--strict", "report", "--month", "2024-05").exit_code == 65


def test_a_flag_column_saying_yes_on_every_line_is_no_flag_until_its_words_are_said(
    tmp_path: Path,
) -> None:
    """Digiwin's 確認碼: Y (confirmed) on the lines that count, V on the void one. Taken for a
    yes/no cancel flag, every line would be out: exit 0 with zeros."""
    write_csv(
        tmp_path / "orders.csv",
        [
            ["單號", "銷貨日期", "客戶代號", "業務人員", "金額", "確認碼"],
            ["S1", "2024-05-03", "000001", "陳志明", "100", "Y"],
            ["S2", "2024-05-04", "000001", "陳志明", "50", "V"],
        ],
    )
    hint = refused(classify(tmp_path), "確認碼")
    follow(tmp_path, hint)  # map it as the cancel flag: its words still take every line out
    assert "[statuses] flag_no" in refused(classify(tmp_path), "take every line out")
    set_settings(tmp_path / "salescli.toml", "statuses", flag_yes='["V"]', flag_no='["Y", "N"]')
    assert factors(tmp_path) == {"000001": (100.0, 1)}


def test_a_customer_file_whose_owner_column_is_not_read_is_refused_not_a_crash(
    tmp_path: Path,
) -> None:
    """负责销售代表 is no alias: plan-visits exited 70 (KeyError: 'rep')."""
    write_csv(
        tmp_path / "customers.csv",
        [["客户编号", "客户名称", "负责销售代表", "客户分类"], ["C1", "甲", "张三", "A"]],
    )
    write_csv(
        tmp_path / "orders.csv",
        [["订单编号", "下单日期", "客户编号", "金额"], ["S1", "2024-05-03", "C1", "100"]],
    )
    plan = ("-w", str(tmp_path), "plan-visits", "--month", "2024-06", "--format", "json")
    hint = refused(run(*plan), "负责销售代表", "customer's owner")
    follow(tmp_path, hint)
    result = run(*plan)
    assert result.exit_code == 0, result.stderr
    assert {r["rep"] for r in json.loads(result.stdout)} == {"张三"}
    # without an owner column at all: every customer unscheduled, said to cron
    write_csv(tmp_path / "customers.csv", [["客户编号", "客户名称", "客户分类"], ["C1", "甲", "A"]])
    (tmp_path / "salescli.toml").unlink()
    result = run(*plan[:-2], "--section", "unscheduled", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["reason"] == "no rep in the customer file"
    assert "could not be scheduled" in result.stderr
