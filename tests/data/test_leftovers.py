# ruff: noqa: E501  (each export row is one line, as the system writes it)
"""Gaps earlier hostile readers noticed and did not test (tests/data/test_opps.py,
tests/rules/test_review9.py, tests/cli/test_review10.py, tests/cli/test_ratios.py), each a
possible exit 0 with a wrong figure: a target whose month header states its unit, an
opportunity date under a header no pattern knows, an id a system wrote with Excel's text
apostrophe. Each file is built here as the system or the hand that keeps it writes it, and each
figure is compared with one computed here from the rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.data.test_opps import (
    OPEN_STAGES,
    OverdueFollowUps,
    dated_export,
    dated_export_created_in_june,
    expected_figures,
)
from tests.data.test_unseen_exports import Fix, ignore, settle
from tests.helpers import run, write_csv, write_xlsx

# ---------------------------------------------------------------- 1. a month header's unit

ORDERS = [
    ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
    ["SO1", "2024-05-06", "KH001", "张伟", 30000],
    ["SO2", "2024-05-07", "KH002", "李娜", 20000],
]
PLAN = {"张伟": [10, 10, 12, 12, 14, 14], "李娜": [8, 8, 9, 9, 10.5, 10]}
CN = "一二三四五六"


def targets_by_month(folder: Path, headers: list[str], title: list[list] | None = None, top: list | None = None, tail: list[str] = (), merge: list[str] | None = None) -> None:  # fmt: skip
    """A 年度目标分解表 sheet: the title lines, the header (`top` above it when given), a rep a
    row with PLAN's six months (and their 合计 when `tail` names its header)."""
    rows: list[list] = [*(title if title is not None else [["2024年度销售目标分解表"]])]
    if top is not None:
        rows.append(top)
    rows.append(["销售代表", *headers, *tail])
    rows += [[rep, *m, *([sum(m)] if tail else [])] for rep, m in PLAN.items()]
    write_xlsx(folder / "targets.xlsx", rows, sheet="华东", merge=merge)
    write_csv(folder / "orders.csv", ORDERS)


def appraised(folder: Path):
    return run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")


def targets_of(result) -> dict[str, float]:
    assert result.exit_code == 0, result.stderr
    return {r["rep"]: r["target"] for r in json.loads(result.stdout)}


@pytest.mark.parametrize(
    ("header", "factor"),
    [
        ("{m}月(万元)", 10000),
        ("{m}月（万元）", 10000),
        ("2024年{m}月/万元", 10000),
        ("{cn}月 (千元)", 1000),
        ("{m}月【单位：万元】", 10000),
        ("{m}月(元)", 1),
    ],
)
def test_a_month_header_stating_its_unit_is_read_in_that_unit(
    tmp_path: Path, header: str, factor: int
) -> None:
    """`5月(万元)` was no month: the sheet fell to the long reading and was refused asking for a
    period column (a dead end). Each month is read, its figures times the unit it states."""
    targets_by_month(tmp_path, [header.format(m=i, cn=CN[i - 1]) for i in range(1, 7)])
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * factor for rep, m in PLAN.items()}


def test_a_total_column_stating_the_months_unit_is_checked_and_dropped(tmp_path: Path) -> None:
    targets_by_month(tmp_path, [f"{i}月(万元)" for i in range(1, 7)], tail=["合计(万元)"])
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * 10000 for rep, m in PLAN.items()}


def test_the_unit_stated_above_the_header_scales_the_months(tmp_path: Path) -> None:
    """单位：万元 on the title's line (a guard: this was read right)."""
    targets_by_month(
        tmp_path, [f"{i}月" for i in range(1, 7)], title=[["2024年度销售目标分解表  单位：万元"]]
    )
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * 10000 for rep, m in PLAN.items()}


def test_the_same_unit_above_and_in_the_headers_is_applied_once(tmp_path: Path) -> None:
    targets_by_month(
        tmp_path,
        [f"{i}月(万元)" for i in range(1, 7)],
        title=[["2024年度销售目标分解表"], ["单位：万元"]],
    )
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * 10000 for rep, m in PLAN.items()}


def refused(result, *words: str) -> str:
    assert result.exit_code == 65, (result.exit_code, result.stdout, result.stderr)
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    return result.stderr


def test_a_header_unit_unlike_the_title_unit_is_refused_naming_both(tmp_path: Path) -> None:
    """单位：万元 above, 5月(千元) in the header: one of them is wrong, and a 10× error either
    way. Refused naming the file, sheet, row, header and the title's line."""
    targets_by_month(
        tmp_path,
        [f"{i}月(千元)" for i in range(1, 7)],
        title=[["2024年度销售目标分解表"], ["单位：万元"]],
    )
    refused(appraised(tmp_path), "targets.xlsx", "华东", "row 3", "1月(千元)", "单位：万元")


def test_months_in_different_units_are_refused_naming_the_header(tmp_path: Path) -> None:
    """1月(万元) … 4月(万元) then 5月, 6月 with no unit: which unit are May's figures in?"""
    targets_by_month(tmp_path, [*[f"{i}月(万元)" for i in range(1, 5)], "5月", "6月"])
    refused(appraised(tmp_path), "targets.xlsx", "华东", "5月", "万元")


def test_a_unit_in_the_header_line_above_the_months_scales_them(tmp_path: Path) -> None:
    """A two-line header: 月度目标（万元） merged over the months, 1月 … 6月 under it. The unit
    stood in a header cell, not on a 单位： line, and the targets were read in yuan (张伟's May
    14 for 140,000: attainment 214,286 %, exit 0)."""
    targets_by_month(
        tmp_path,
        [f"{i}月" for i in range(1, 7)],
        top=["", "月度目标（万元）", "", "", "", "", ""],
        merge=["B2:G2"],
    )
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * 10000 for rep, m in PLAN.items()}


def test_a_title_ending_in_its_unit_scales_the_months(tmp_path: Path) -> None:
    """2024年度销售目标（万元）: the unit in the title, not on a 单位： line (read in yuan,
    attainment 214,286 %, exit 0)."""
    targets_by_month(
        tmp_path, [f"{i}月" for i in range(1, 7)], title=[["2024年度销售目标（万元）"]]
    )
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * 10000 for rep, m in PLAN.items()}


def test_the_units_hint_followed_the_targets_are_read(tmp_path: Path) -> None:
    """The refusal's hint, "state the unit once", followed: the header's unit dropped, the
    title's 单位：万元 kept."""
    title = [["2024年度销售目标分解表"], ["单位：万元"]]
    targets_by_month(tmp_path, [f"{i}月(千元)" for i in range(1, 7)], title=title)
    refused(appraised(tmp_path), "state the unit once")
    targets_by_month(tmp_path, [f"{i}月" for i in range(1, 7)], title=title)
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * 10000 for rep, m in PLAN.items()}


# ---------------------------------------------------------------- 2. an opportunity date under no known header


@pytest.mark.parametrize(
    ("written", "column"),
    [
        ({"结单日期": "预计签约"}, "closed_on"),  # a guard: 签约 is a word of the close date
        ({"结单日期": "Target Date"}, "closed_on"),  # conversion was empty, exit 0
        ({"结单日期": "到期"}, "closed_on"),
        ({"下次跟进时间": "下一步"}, "next_follow_up"),  # no follow-up was ever overdue
        ({"下次跟进时间": "提醒"}, "next_follow_up"),
        ({"创建日期": "登记"}, "created_on"),  # an opportunity created in June a key one of May
    ],
)
def test_an_opportunity_date_under_a_header_of_no_known_words_is_asked_then_read(
    tmp_path: Path, written: dict[str, str], column: str
) -> None:
    """A date column whose header says none of the words of an opportunity's dates (Target
    Date, 到期, 提醒, 登记) was left unread without a word while the date it is was read from
    no column: conversion, key opportunities or overdue follow-ups wrong with exit 0. It is
    asked (65) naming the file, the header and the column it may be; mapped as the hint says,
    the figures are those computed from the rows."""
    (header,) = written.values()
    rows = dated_export(tmp_path, written)
    if column == "created_on":
        rows = dated_export_created_in_june(tmp_path, rows)
        write_xlsx(
            tmp_path / "opportunities.xlsx",
            [[h.replace("创建时间", "登记") for h in read_header(tmp_path)], *read_body(tmp_path)],
            sheet="商机",
        )
    asked = run("-w", str(tmp_path), "report", "--month", "2024-05", "--format", "json")
    refused(asked, "opportunities.xlsx", header, column, "ignore")
    applied = settle(
        tmp_path,
        [*expected_figures(rows, OPEN_STAGES), OverdueFollowUps(rows, OPEN_STAGES)],
        [
            *ignore("相关团队", table="customers"),
            Fix((header,), (column,), {"inputs.opportunities": {column: header}}),
        ],
    )
    assert f"[inputs.opportunities] {column} = {header!r}" in applied


def read_header(folder: Path) -> list[str]:
    return [
        c.value
        for c in next(openpyxl.load_workbook(folder / "opportunities.xlsx").active.iter_rows())
    ]


def read_body(folder: Path) -> list[list]:
    return [
        list(r)
        for r in openpyxl.load_workbook(folder / "opportunities.xlsx").active.iter_rows(
            min_row=2, values_only=True
        )
    ]


def test_a_date_of_no_known_header_asks_for_every_date_not_read(tmp_path: Path) -> None:
    """Close date and next follow-up both under unknown headers: each is asked, naming both
    dates no column gives; a date column beside all three dates read is left alone."""
    dated_export(tmp_path, {"结单日期": "到期", "下次跟进时间": "提醒"})
    asked = run("-w", str(tmp_path), "check", "--table", "opportunities", "--format", "json")
    assert asked.exit_code == 65, asked.stderr
    errors = [p for p in json.loads(asked.stdout) if p["severity"] == "error"]
    assert sorted(p["column"] for p in errors) == ["到期", "提醒"]
    assert all("closed_on" in p["hint"] and "next_follow_up" in p["hint"] for p in errors)
    dated_export(tmp_path, {"结单日期": "到期", "下次跟进时间": "提醒", "创建日期": "登记"})
    (tmp_path / "salescli.toml").write_text(
        '[inputs.customers]\nignore = ["相关团队"]\n[inputs.opportunities]\nclosed_on = "到期"\nnext_follow_up = "提醒"\n',
        encoding="utf-8",
    )
    header, body = read_header(tmp_path), read_body(tmp_path)
    write_xlsx(
        tmp_path / "opportunities.xlsx",
        [[*header, "审批"], *[[*r, "2024-05-01"] for r in body]],
        sheet="商机",
    )
    assert (
        run("-w", str(tmp_path), "check", "--table", "opportunities").exit_code == 65
    )  # 登记 unread: asked
    text = (tmp_path / "salescli.toml").read_text(encoding="utf-8")
    (tmp_path / "salescli.toml").write_text(text + 'created_on = "登记"\n', encoding="utf-8")
    checked = run("-w", str(tmp_path), "check", "--table", "opportunities", "--format", "json")
    assert checked.exit_code == 0, checked.stdout


# ---------------------------------------------------------------- 3. an id written with Excel's text apostrophe

# Some ERPs write a text id into their CSV as Excel would be told to keep it text, `'00123`
# (the leading zeros kept); Excel shows it as 00123, and so does every other export of the
# same customer. The apostrophe is read off every id column, so the tables join as Excel shows.


def apostrophe_workspace(folder: Path, marked: set[str]) -> None:
    """Orders, customers and visits of customers 00123 and 0012, GBK CSV as the ERP writes it;
    the tables in `marked` write each id `'00123`."""

    def cid(table: str, written: str) -> str:
        return f"'{written}" if table in marked else written

    write_csv(
        folder / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
            [cid("orders", "SO1"), "2024-05-06", cid("orders", "00123"), "张伟", 1000],
            [cid("orders", "SO2"), "2024-05-07", cid("orders", "0012"), "李娜", 500],
        ],
        encoding="gbk",
    )
    write_csv(
        folder / "customers.csv",
        [
            ["客户编号", "客户名称", "客户等级", "销售代表"],
            [cid("customers", "00123"), "明达", "A", "张伟"],
            [cid("customers", "0012"), "华泰", "B", "李娜"],
        ],
        encoding="gbk",
    )
    write_csv(
        folder / "visits.csv",
        [
            ["拜访日期", "客户编号", "销售代表"],
            ["2024-05-08", cid("visits", "00123"), "张伟"],
            ["2024-05-09", cid("visits", "0012"), "李娜"],
        ],
        encoding="gbk",
    )


@pytest.mark.parametrize(
    "marked", [{"orders"}, {"customers"}, {"visits"}, {"orders", "customers", "visits"}]
)
def test_an_id_written_with_the_text_apostrophe_is_the_id_excel_shows(
    tmp_path: Path, marked: set[str]
) -> None:
    """`'00123` in one export and 00123 in another were two customers: the customer file's A
    customer had no orders (class C, moved down) and its visits went to no customer (visits
    missed), exit 0. Every id reads as Excel shows it: one customer, its orders and visits."""
    apostrophe_workspace(tmp_path, marked)
    classified = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    assert classified.exit_code == 0, classified.stderr
    got = {
        (r["customer_id"], r["amount"], r["frequency"], r["not_in_customer_file"])
        for r in json.loads(classified.stdout)
    }
    assert got == {("00123", 1000.0, 1, False), ("0012", 500.0, 1, False)}
    audited = run("-w", str(tmp_path), "audit-visits", "--month", "2024-05", "--format", "json")
    assert audited.exit_code == 0, audited.stderr
    assert {(r["customer_id"], r["done"]) for r in json.loads(audited.stdout)} == {
        ("00123", 1),
        ("0012", 1),
    }


def test_an_order_id_with_and_without_the_apostrophe_is_one_order(tmp_path: Path) -> None:
    """The same order exported twice, once `'SO1`, once SO1, in two monthly files, was two
    orders (张伟 2,000 for 1,000, exit 0). It is one line in two files: refused as a copy;
    the hint followed (keep-first), counted once."""
    header = ["订单编号", "下单日期", "客户编号", "销售代表", "金额"]
    write_csv(tmp_path / "orders-1.csv", [header, ["'SO1", "2024-05-06", "'00123", "张伟", 1000]])
    write_csv(tmp_path / "orders-2.csv", [header, ["SO1", "2024-05-06", "00123", "张伟", 1000]])
    write_csv(tmp_path / "targets.csv", [["rep", "period", "target"], ["张伟", "2024-05", 1000]])
    refused(appraised(tmp_path), "orders-1.csv", "orders-2.csv", "keep-first")
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\noverlap = "keep-first"\n', encoding="utf-8"
    )
    assert {r["rep"]: r["amount"] for r in json.loads(appraised(tmp_path).stdout)} == {
        "张伟": 1000.0
    }


@pytest.mark.parametrize("month", ["{m}月", "2024年{m}月"])
def test_a_title_and_its_unit_in_two_cells_of_the_line_above_the_header(
    tmp_path: Path, month: str
) -> None:
    """2024年度销售目标分解表 in A1 and 单位：万元 in E1, right above the header: the line was
    taken for the upper row of a two-line header, so its year and unit were not read. With
    1月 … it was refused asking for the year its title states; with 2024年1月 … (the hint
    followed) the targets were read in yuan: 张伟's May 14 for 140,000, a bonus paid at
    2,143 % attainment, exit 0."""
    title = [["2024年度销售目标分解表", "", "", "", "单位：万元"]]
    targets_by_month(tmp_path, [month.format(m=i) for i in range(1, 7)], title=title)
    assert targets_of(appraised(tmp_path)) == {rep: m[4] * 10000 for rep, m in PLAN.items()}
