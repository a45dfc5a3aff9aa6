"""A third read of the period's start pushed into a source (#26, #27): what an order is and
what its lines add up to are told from all of the order's lines, and a line of the window
may share its order number with lines outside it (a return written on the original order's
number, an order whose lines carry different days). Each test reads one company's lines
from a file and from a Parquet lake and asks for the same figures (the company of
tests/data/test_review_window.py: the demo's lines of 2023–2024 and the same lines five
years earlier)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.data.test_review_window import _company, _inner_order, _lake, _write
from tests.helpers import run, set_settings

pytest.importorskip("duckdb")

MAY = ["report", "--month", "2024-05"]


def _outputs(folder: Path, commands: list[list[str]]) -> dict[str, dict]:
    said = {}
    for number, command in enumerate(commands):
        out = folder / f"out-{number}.json"
        done = run("--no-cache", "-w", str(folder), *command, "-o", str(out))
        assert done.exit_code == 0, done.stderr
        said[" ".join(command)] = json.loads(out.read_text(encoding="utf-8"))
    return said


def test_a_return_in_the_period_on_an_old_orders_number_is_what_the_file_makes_it(
    tmp_path: Path,
) -> None:
    """An export without a document type or return column: an order whose every line is
    negative is a return (sales.documents). A negative line of May 2024 written on the
    number of an order placed five years before is not: its order has positive lines too,
    so it is a sale line of May, one more order of May's report and Q2's classes. The lake
    must fetch the old order's lines to tell, not read the May line alone as a return."""
    folder = tmp_path / "file"
    lines = _company(folder)
    customer = sorted(lines["客户编号"].unique())[3]
    order = _inner_order(lines, customer)
    taken = lines[lines["订单编号"] == order].iloc[[0]].copy()
    taken[["下单日期", "约定交货日期", "实际交货日期"]] = ["2024-05-15", None, None]
    for column in ("数量", "金额", "成本"):
        taken[column] = "-" + taken[column]
    lines = pd.concat([lines, taken], ignore_index=True)
    _write(lines, folder)
    commands = [MAY, ["classify", "--quarter", "2024Q2"], ["appraise", "--month", "2024-05"]]

    from_file = _outputs(folder, commands)
    by_class = {r["class"]: r["orders"] for r in from_file[" ".join(MAY)]["by_class"]}
    assert _outputs(_lake(folder, lines, tmp_path / "lake"), commands) == from_file
    # the line counts as an order in the file's figures (the test can fail)
    alone = lines[lines["订单编号"] != order]
    _write(pd.concat([alone, taken.assign(订单编号="R-1")], ignore_index=True), folder)
    as_return = _outputs(folder, [MAY])[" ".join(MAY)]["by_class"]
    assert {r["class"]: r["orders"] for r in as_return} != by_class


def test_an_order_total_shared_over_lines_of_several_days_from_a_lake_as_from_the_file(
    tmp_path: Path,
) -> None:
    """`amount_level = "order"`: the amount is the order's total, shared over its lines by
    quantity x unit price (sales.order_totals). An order of May 2024 with one more line
    dated in June (an export whose date is the line's): May's lines get their share of the
    total with the June line's share taken out, from a lake as from the file."""
    folder = tmp_path / "file"
    lines = _company(folder)
    set_settings(folder / "salescli.toml", "inputs.orders", amount_level='"order"')
    days = pd.to_datetime(lines["下单日期"])
    order = lines.loc[(days >= "2024-05-01") & (days <= "2024-05-31"), "订单编号"].iloc[0]
    later = lines[lines["订单编号"] == order].iloc[[0]].copy()
    later[["下单日期", "产品型号"]] = ["2024-06-20", "ZZ-1"]
    lines = pd.concat([lines, later], ignore_index=True)
    _write(lines, folder)

    from_file = _outputs(folder, [MAY])
    assert _outputs(_lake(folder, lines, tmp_path / "lake"), [MAY]) == from_file


def test_a_customers_last_order_a_return_on_an_older_orders_number_from_a_lake(
    tmp_path: Path,
) -> None:
    """The same before the window: an A customer whose lines are all five years old, the
    latest of them a negative line written on an older order's number (a sale line, as its
    order has positive lines). Its last order, in May's at-risk list, is that line's day, as
    from the file: the lake fetches the customer's latest negative line with the rest of its
    order, not alone (a return)."""
    folder = tmp_path / "file"
    lines = _company(folder)
    customer = "C00007"  # class A in the demo's customer file
    recent = ~lines["订单编号"].str.startswith("H")
    lines = lines[~((lines["客户编号"] == customer) & recent)].reset_index(drop=True)
    last = pd.to_datetime(lines.loc[lines["客户编号"] == customer, "下单日期"]).max()
    taken = lines[lines["订单编号"] == _inner_order(lines, customer)].iloc[[0]].copy()
    day = (last + pd.Timedelta(days=10)).strftime("%Y-%m-%d")
    taken[["下单日期", "约定交货日期", "实际交货日期"]] = [day, None, None]
    for column in ("数量", "金额", "成本"):
        taken[column] = "-" + taken[column]
    lines = pd.concat([lines, taken], ignore_index=True)
    _write(lines, folder)

    from_file = _outputs(folder, [MAY])[" ".join(MAY)]["at_risk"]
    assert {r["customer_id"]: r["last_order"] for r in from_file}[customer] == day
    assert _outputs(_lake(folder, lines, tmp_path / "lake"), [MAY])[" ".join(MAY)]["at_risk"] == (
        from_file
    )


def test_a_bad_value_on_a_line_no_figure_reads_is_left_to_check(tmp_path: Path) -> None:
    """An order of 2019, on none of its customer's edge days, in a currency that is none
    (XYZ). The file's run reads every line and stops (65, `not a currency`). The lake's month
    fetches only the lines its figures read (decided: checking the rest would fetch it all),
    so it gives the figures the file gives once the line is corrected; `salescli check`
    fetches the whole table and stops on the line, named by its key."""
    folder = tmp_path / "file"
    lines = _company(folder)
    lines["币种"] = "CNY"
    bad = lines["订单编号"] == _inner_order(lines, "C00007")
    lines.loc[bad, "币种"] = "XYZ"
    _write(lines, folder)
    lake = _lake(folder, lines, tmp_path / "lake")

    from_file = run("--no-cache", "-w", str(folder), *MAY, "-o", str(tmp_path / "file.json"))
    assert from_file.exit_code == 65
    assert "not a currency" in from_file.stderr
    from_lake = run("--no-cache", "-w", str(lake), *MAY, "-o", str(tmp_path / "lake.json"))
    assert from_lake.exit_code == 0, from_lake.stderr
    lines.loc[bad, "币种"] = "CNY"
    _write(lines, folder)
    corrected = run("--no-cache", "-w", str(folder), *MAY, "-o", str(tmp_path / "fixed.json"))
    assert corrected.exit_code == 0, corrected.stderr
    lake_figures = json.loads((tmp_path / "lake.json").read_text(encoding="utf-8"))
    file_figures = json.loads((tmp_path / "fixed.json").read_text(encoding="utf-8"))
    assert lake_figures == file_figures
    checked = run("--no-cache", "-w", str(lake), "check")
    assert checked.exit_code == 65
    assert "XYZ" in checked.stdout + checked.stderr


def test_an_odoo_export_in_a_lake_fills_each_orders_lines_from_its_own_first_row(
    tmp_path: Path,
) -> None:
    """An export whose later lines of an order leave the order's fields blank (Odoo's
    continuation rows, `fill_down`): a line belongs to the order of the row above it. From a
    lake those rows have no date, so the window's query leaves them out and the undated
    lines' query brings them after every line of the window: all of them became lines of the
    window's last order (C00043's May was 78,792,462.61 instead of 863,322.10). A table
    whose lines go without an order number is fetched whole, in its own order."""
    folder = tmp_path / "file"
    lines = _company(folder)
    later = lines["订单编号"].duplicated()
    order_level = ["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", "状态", "付款方式"]
    lines.loc[later, [*order_level, "区域", "客户群体"]] = None
    _write(lines, folder)

    from_file = _outputs(folder, [MAY])
    by_customer = {r["customer_id"]: r["amount"] for r in from_file[" ".join(MAY)]["top_customers"]}
    assert by_customer["C00043"] == 863322.10
    assert _outputs(_lake(folder, lines, tmp_path / "lake"), [MAY]) == from_file
