"""Issue #12, traps 4 and 5 and the layout rules: cancelled lines, continuation rows, alias
tiers, one customer column, dates whose day and month only the file can tell apart."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from salescli.config import InputSpec, parse_config
from salescli.data.values import day_month_order, parse_date
from salescli.data.workspace import Workspace
from salescli.errors import BadDataError
from tests.helpers import run, write_csv, write_xlsx


def amounts(folder: Path) -> dict[str, float]:
    result = run("-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {r["customer_id"]: r["amount"] for r in json.loads(result.stdout) if r["amount"]}


# ------------------------------------------------- trap 4: cancelled, voided, closed, lost


@pytest.mark.parametrize(
    ("header", "cancelled", "kept"),
    [
        ("作废状态", "是", "否"),  # Kingdee 云星空
        ("作废标志", "Y", "N"),  # K/3 WISE
        ("状态", "已作废", "已审核"),
        ("Status", "Cancelled", "Sales Order"),  # Odoo
        ("Financial Status", "voided", "paid"),  # Shopify
        ("Financial Status", "refunded", "paid"),
        ("Cancelled at", "2024-05-04 09:00:00 +0800", ""),
        ("Deal Stage", "Closed lost", "Closed won"),  # HubSpot
        ("Stage", "Closed Lost", "Closed Won"),  # Salesforce
        ("Deal Stage", "closedlost", "closedwon"),
    ],
)
def test_trap4_cancelled_voided_and_lost_lines_count_nowhere(
    tmp_path: Path, header: str, cancelled: str, kept: str
) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "日期", "客户编号", "金额", header],
            ["SO1", "2024-05-03", "C1", "100", kept],
            ["SO2", "2024-05-04", "C1", "900", cancelled],
            ["SO3", "2024-05-05", "C2", "50", kept],
        ],
    )
    assert amounts(tmp_path) == {"C1": 100.0, "C2": 50.0}  # 1000 on the old code
    assert run("-w", str(tmp_path), "check", "--table", "orders").exit_code == 0


def test_trap4_a_status_outside_the_vocabulary_counts_with_a_warning(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "日期", "客户编号", "金额", "状态", "作废状态"],
            ["SO1", "2024-05-03", "C1", "100", "已审核", "否"],
            ["SO2", "2024-05-04", "C1", "900", "挂起", "否"],
            ["SO3", "2024-05-05", "C2", "50", "已审核", "待定"],
        ],
    )
    checked = run("-w", str(tmp_path), "check", "--table", "orders", "--format", "json")
    assert checked.exit_code == 0  # a warning, not an error
    found = [p for p in json.loads(checked.stdout) if p["column"] == "status"]
    assert [(p["row"], p["value"], p["severity"]) for p in found] == [
        (3, "挂起", "warning"),
        (4, "待定", "warning"),
    ]
    assert found[0]["problem"] == "status not in the vocabulary: counted as a sale"
    assert found[1]["problem"] == "status value not in the vocabulary: not taken as a cancel flag"
    assert amounts(tmp_path) == {"C1": 1000.0, "C2": 50.0}
    verbose = run("-v", "-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert "1 line with a status outside the vocabulary ('挂起' x1), counted as a sale" in (
        verbose.stderr
    )
    # the word, once in the policy, decides
    (tmp_path / "salescli.toml").write_text(
        '[statuses]\nnot_counted = ["挂起", "已取消"]\ncounted = ["已审核"]\n'
        'flag_no = ["否", "待定"]\n',
        encoding="utf-8",
    )
    assert amounts(tmp_path) == {"C1": 100.0, "C2": 50.0}


@pytest.mark.parametrize(
    ("word", "outcome"),
    [
        ("Closed Won", "won"),
        ("closedwon", "won"),
        ("赢单", "won"),
        ("成交", "won"),
        ("Closed Lost", "lost"),
        ("closed_lost", "lost"),
        ("输单", "lost"),
        ("丢单", "lost"),
        ("open", "open"),
    ],
)
def test_trap4_opportunity_outcome_words(tmp_path: Path, word: str, outcome: str) -> None:
    write_csv(
        tmp_path / "opportunities.csv",
        [["商机编号", "客户编号", "结果", "关闭日期"], ["OP1", "C1", word, "2024-05-03"]],
    )
    assert Workspace(tmp_path).table("opportunities")["outcome"].tolist() == [outcome]


def test_trap4_an_unknown_outcome_is_refused_then_read_as_declared(tmp_path: Path) -> None:
    """An outcome no [statuses] list names was taken as open (a warning, exit 0): it may be a
    lost or voided opportunity, so it is asked (tests/data/test_opps.py)."""
    write_csv(
        tmp_path / "opportunities.csv",
        [["商机编号", "客户编号", "结果"], ["OP1", "C1", "搁置"], ["OP2", "C1", "won"]],
    )
    with pytest.raises(BadDataError, match="搁置"):
        Workspace(tmp_path).table("opportunities")
    (tmp_path / "salescli.toml").write_text('[statuses]\nopen = ["搁置"]\n', encoding="utf-8")
    assert Workspace(tmp_path).table("opportunities")["outcome"].tolist() == ["open", "won"]


# ------------------------------------------------- trap 5: continuation rows


ODOO = ["Order Reference", "Order Date", "Customer", "Salesperson", "Order Lines/Product",
        "Order Lines/Quantity", "Order Lines/Subtotal"]  # fmt: skip


def test_trap5_continuation_rows_belong_to_the_order_above(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ODOO,
            ["S1", "2024-05-03", "Azure", "Ann", "Desk", 1, 500],
            [None, None, None, None, "Lamp", 2, 200],
            ["S2", "2024-05-04", "Deco", "Bo", "Desk", 1, 500],
            [None, None, None, None, "Chair", 1, 80],
            [None, None, None, None, "Lamp", 1, 100],
        ],
    )
    assert amounts(tmp_path) == {"Azure": 700.0, "Deco": 680.0}  # refused on the old code
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_id"].tolist() == ["S1", "S1", "S2", "S2", "S2"]
    assert frame["rep"].tolist() == ["Ann", "Ann", "Bo", "Bo", "Bo"]


def test_trap5_no_fill_across_a_blank_row(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ODOO,
            ["S1", "2024-05-03", "Azure", "Ann", "Desk", 1, 500],
            [None, None, None, None, "Lamp", 2, 200],
            [],
            [None, None, None, None, "Chair", 1, 80],  # whose? not S1's: a blank row between
        ],
    )
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65
    assert "row 5" in result.stderr and "order_id" in result.stderr


def test_trap5_a_row_whose_order_fields_differ_is_not_a_continuation(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ODOO,
            ["S1", "2024-05-03", "Azure", "Ann", "Desk", 1, 500],
            [None, "2024-05-09", "Deco", None, "Lamp", 2, 200],  # another order, number lost
        ],
    )
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65
    assert "required value is empty" in result.stderr and "row 3" in result.stderr


def test_trap5_a_remark_row_is_no_line_of_the_order_above(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ODOO,
            ["S1", "2024-05-03", "Azure", "Ann", "Desk", 1, 500],
            [None, None, None, None, "备注：含运费", None, None],
        ],
    )
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65 and "row 3" in result.stderr


def test_trap5_one_missing_customer_in_a_full_export_is_not_filled(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "日期", "客户编号", "产品", "金额"],
            ["SO1", "2024-05-03", "C1", "A", "100"],
            ["SO1", "2024-05-03", "C1", "B", "100"],
            ["SO2", "2024-05-04", "C2", "A", "100"],
            ["SO2", "2024-05-04", "C2", "B", "100"],
            ["SO3", "2024-05-05", "C3", "A", "100"],
            ["SO3", "2024-05-05", "", "B", "100"],  # other orders repeat the customer
        ],
    )
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65
    assert "row 7" in result.stderr and "customer_id" in result.stderr


def test_trap5_fill_down_off_or_listed(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ODOO,
            ["S1", "2024-05-03", "Azure", "Ann", "Desk", 1, 500],
            [None, None, None, None, "Lamp", 2, 200],
        ],
    )
    config = tmp_path / "salescli.toml"
    config.write_text("[inputs.orders]\nfill_down = false\n", encoding="utf-8")
    assert run("-w", str(tmp_path), "classify", "--quarter", "2024Q2").exit_code == 65
    config.write_text(
        '[inputs.orders]\nfill_down = ["order_id", "order_date", "customer_id"]\n',
        encoding="utf-8",
    )
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_id"].tolist() == ["S1", "S1"]
    assert pd.isna(frame["rep"].iloc[1])  # rep was not listed


# ------------------------------------------------- headers and the canonical columns


def test_two_headers_of_one_tier_are_refused_with_a_hint_that_works(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["订单编号", "日期", "客户编号", "销售数量", "实发数量", "金额"],
         ["SO1", "2024-05-03", "C1", "2", "1", "100"]],
    )  # fmt: skip
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65
    assert "'销售数量' and '实发数量' both map to column quantity" in result.stderr
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\nquantity = "实发数量"\n', encoding="utf-8"
    )
    assert Workspace(tmp_path).table("orders")["quantity"].tolist() == [1.0]


def test_a_mapped_header_that_is_not_in_the_file_is_refused(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["订单编号", "日期", "客户编号", "金额"], ["SO1", "2024-05-03", "C1", "100"]],
    )
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\namount = "价税合计"\n', encoding="utf-8"
    )
    with pytest.raises(BadDataError, match="amount = '价税合计': no such header"):
        Workspace(tmp_path).table("orders")


def test_a_customer_file_with_one_customer_column(tmp_path: Path) -> None:
    write_csv(tmp_path / "customers.csv", [["客户", "业务员"], ["华东电机厂", "张三"]])
    frame = Workspace(tmp_path).table("customers")
    assert frame[["customer_id", "customer_name"]].values.tolist() == [["华东电机厂", "华东电机厂"]]


def test_id_and_name_columns_each_take_their_own(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["Order ID", "Order Date", "Account ID", "Account Name", "Customer", "Amount"],
         ["1", "2024-05-03", "A-1", "Acme", "Acme Corp", "10"]],
    )  # fmt: skip
    frame = Workspace(tmp_path).table("orders")
    assert frame[["customer_id", "customer_name"]].values.tolist() == [["A-1", "Acme"]]


# ------------------------------------------------- dates: day first or month first


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["5/3/2024", "5/13/2024"], "MDY"),
        (["03.05.2024", "14.05.2024"], "DMY"),
        (["5/3/2024", "6/4/2024"], "ambiguous"),
        (["13/5/2024", "5/13/2024"], "both"),
        (["2024-05-03", "2024.05.03", "2024-05-03 00:00:00"], None),
    ],
)
def test_day_month_order_from_the_values(values: list[str], order: str | None) -> None:
    assert day_month_order(pd.Series(values))[0] == order


@pytest.mark.parametrize(
    ("values", "order", "expected"),
    [
        (["5/3/2024", "12/31/2024", "1/2/2024 9:12 AM"], "MDY", ["05-03", "12-31", "01-02"]),
        (["03.05.2024", "31.12.2024", "2024.05.03"], "DMY", ["05-03", "12-31", "05-03"]),
        (["2024-05-03 00:00:00", "2024.05.03", "2024-05-03"], None, ["05-03"] * 3),
    ],
)
def test_fast_and_careful_date_paths_agree(
    values: list[str], order: str | None, expected: list[str]
) -> None:
    arrow = pd.Series(values, dtype="string[pyarrow]")
    plain = pd.Series(values, dtype=object)
    for series in (arrow, plain):
        parsed, bad = parse_date(series, "Asia/Shanghai", order)
        assert not bad.any()
        assert parsed.dt.strftime("%Y-%m-%d").tolist() == [f"2024-{d}" for d in expected]


def test_a_date_against_the_setting_is_not_a_date(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["订单编号", "日期", "客户编号", "金额"], ["SO1", "13/5/2024", "C1", "100"]],
    )
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\ndate_format = "M/D/Y"\n', encoding="utf-8"
    )
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65 and "not a date" in result.stderr


@pytest.mark.parametrize(
    ("written", "order"),
    [("M/D/Y", "MDY"), ("%d.%m.%Y", "DMY"), ("DD/MM/YYYY", "DMY"), ("mdy", "MDY")],
)
def test_date_format_spellings(written: str, order: str) -> None:
    config = parse_config({"inputs": {"orders": {"date_format": written}}})
    assert config.inputs["orders"].date_format == order


def test_a_date_format_that_names_no_order_is_a_config_error() -> None:
    from salescli.errors import ConfigError

    with pytest.raises(ConfigError, match="date_format"):
        parse_config({"inputs": {"orders": {"date_format": "Y/M"}}})
    assert InputSpec().date_format is None


def test_record_columns_no_figure_needs_are_one_warning_each(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["订单编号", "日期", "客户编号", "金额"], ["SO1", "2024-05-03", "C1", "100"],
         ["SO2", "2024-05-04", "C1", "50"]],
    )  # fmt: skip
    checked = run("-w", str(tmp_path), "check", "--table", "orders", "--format", "json")
    assert checked.exit_code == 0  # exit 65 on the old code
    found = [(p["column"], p["severity"], p["row"]) for p in json.loads(checked.stdout)]
    assert found == [
        ("due_date", "warning", None),
        ("payment_terms", "warning", None),
        ("product_model", "warning", None),
        ("quantity", "warning", None),
    ]


def test_u8_short_name_steps_aside_for_the_full_name(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["订单号", "订单日期", "客户编码", "客户名称", "客户简称", "无税金额"],
         ["1", "2024-05-03", "010001", "恒达电缆有限公司", "恒达", "10"]],
    )  # fmt: skip
    frame = Workspace(tmp_path).table("orders")
    assert frame["customer_name"].tolist() == ["恒达电缆有限公司"]
