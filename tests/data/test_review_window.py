"""A second read of the period's start pushed into a source (#26, #27): figures that read order
lines older than `first_day_read` other than a customer's edge lines. Each test reads one
company's lines from a file and from a Parquet lake and asks for the same figure.

The company: the generated demo's lines (2023–2024) and the same lines five years earlier
(order numbers H…, 2018–2019), older than any window of 2024-05 (from 2022-01-01); a refund
column, empty but where a test fills it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DEMO
from tests.helpers import run, set_settings

pytest.importorskip("duckdb")

DATES = ["下单日期", "约定交货日期", "实际交货日期"]
NUMBERS = ["数量", "单价", "金额", "成本", "退款金额"]
MAY = ["report", "--month", "2024-05"]


def _company(folder: Path) -> pd.DataFrame:
    from salescli import demo

    demo.write_demo(folder, lines=3000, csv_orders=True)
    shutil.copy(DEMO / "salescli.toml", folder / "salescli.toml")
    recent = pd.read_csv(folder / "orders.csv", encoding="utf-8-sig", dtype=str)
    old = recent.copy()
    for column in DATES:
        days = pd.to_datetime(old[column]) - pd.DateOffset(years=5)
        old[column] = days.dt.strftime("%Y-%m-%d").where(days.notna(), None)
    old["订单编号"] = "H" + old["订单编号"]
    lines = pd.concat([old, recent], ignore_index=True)
    lines["退款金额"] = None
    return lines


def _write(lines: pd.DataFrame, folder: Path) -> None:
    lines.to_csv(folder / "orders.csv", index=False, encoding="utf-8-sig")


def _lake(folder: Path, lines: pd.DataFrame, to: Path, text: tuple[str, ...] = ()) -> Path:
    """The workspace again, its orders a Parquet lake typed as a warehouse types them (the
    dates `text` names left as text)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    shutil.copytree(folder, to)
    (to / "orders.csv").unlink()
    typed = lines.copy()
    for column in [c for c in DATES if c not in text]:
        typed[column] = pd.to_datetime(typed[column]).dt.date
    for column in NUMBERS:
        typed[column] = pd.to_numeric(typed[column]).astype(float)
    (to / "lake" / "orders").mkdir(parents=True)
    table = pa.Table.from_pandas(typed, preserve_index=False)
    pq.write_table(table, to / "lake" / "orders" / "part-0.parquet")
    set_settings(to / "salescli.toml", "inputs.orders", source='"lake/orders"')
    return to


def _report(folder: Path, command: list[str]) -> dict:
    out = folder / "out.json"
    done = run("--no-cache", "-w", str(folder), *command, "-o", str(out))
    assert done.exit_code == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _inner_order(lines: pd.DataFrame, customer: str) -> str:
    """An old order of `customer` on none of its old edge days."""
    mine = lines[(lines["客户编号"] == customer) & lines["订单编号"].str.startswith("H")]
    days = pd.to_datetime(mine["下单日期"])
    inner = mine[(days > days.min()) & (days < days.max()) & (mine["状态"] == "已完成")]
    return str(inner["订单编号"].iloc[0])


def test_a_refund_in_full_on_the_latest_old_day_does_not_hide_the_customers_old_orders(
    tmp_path: Path,
) -> None:
    """A customer whose old orders were refunded in part, the last of them in full, and whose
    recent orders start in May 2024 is no new customer of May: its first order is years old.
    A line refunded whole is no order (sales.refunds); one refunded in part is: the edge lines
    must tell them apart, not only the refund's sign."""
    folder = tmp_path / "file"
    lines = _company(folder)
    may = pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m") == "2024-05"
    customer = sorted(lines.loc[may, "客户编号"].unique())[0]
    recent = ~lines["订单编号"].str.startswith("H")
    days = pd.to_datetime(lines["下单日期"])
    mine = lines["客户编号"] == customer
    lines = lines[~(mine & recent & (days < "2024-05-01"))].reset_index(drop=True)
    days = pd.to_datetime(lines["下单日期"])
    mine, old = lines["客户编号"] == customer, lines["订单编号"].str.startswith("H")
    lines.loc[mine & old, "状态"] = "已完成"
    lines.loc[mine & old, "退款金额"] = "0.01"
    last = mine & old & (days == days[mine & old].max())
    lines.loc[last, "退款金额"] = lines.loc[last, "金额"]
    _write(lines, folder)

    def new_customers(workspace: Path) -> int:
        rows = _report(workspace, MAY)["customers"]
        return next(r["customers"] for r in rows if r["figure"] == "new_customers")

    from_file = new_customers(folder)
    assert from_file == new_customers(_lake(folder, lines, tmp_path / "lake"))


@pytest.mark.parametrize("text", [(), ("约定交货日期",)], ids=["due-date", "due-text"])
def test_an_old_order_due_in_the_period_is_late_from_a_lake_as_from_the_file(
    tmp_path: Path, text: tuple[str, ...]
) -> None:
    """An order placed five years before May 2024 and due in May, undelivered: a late order
    of May's report (orders due in the period, 4.2) whatever day it was placed on, and
    whether the lake types its due dates as dates or keeps them as text."""
    folder = tmp_path / "file"
    lines = _company(folder)
    customer = sorted(lines["客户编号"].unique())[1]
    order = _inner_order(lines, customer)
    lines.loc[lines["订单编号"] == order, "约定交货日期"] = "2024-05-20"
    lines.loc[lines["订单编号"] == order, "实际交货日期"] = None
    _write(lines, folder)

    from_file = _report(folder, MAY)
    assert order in {r["order_id"] for r in from_file["late_orders"]}
    from_lake = _report(_lake(folder, lines, tmp_path / "lake", text), MAY)
    assert from_lake["late_orders"] == from_file["late_orders"]
    assert from_lake["delivery_region"] == from_file["delivery_region"]


def test_a_market_period_older_than_the_window_sums_all_its_lines_from_a_lake(
    tmp_path: Path,
) -> None:
    """The market table's latest period ended by May 2024 is 2019Q1 (a market study is not
    done every quarter): our amount is 2019Q1's, every line of it, as from the file."""
    folder = tmp_path / "file"
    lines = _company(folder)
    _write(lines, folder)
    market = pd.read_csv(folder / "market.csv", dtype=str)
    market = market[market["period"] == "2024Q1"].assign(period="2019Q1")
    market.to_csv(folder / "market.csv", index=False)

    from_file = _report(folder, MAY)["market"]
    assert {r["market_period"] for r in from_file} == {"2019Q1"}
    assert any(r["ours"] and r["amount"] for r in from_file)
    from_lake = _report(_lake(folder, lines, tmp_path / "lake"), MAY)["market"]
    assert from_lake == from_file


def test_a_change_on_an_old_order_numbered_by_a_number_counts_for_its_rep_from_a_lake(
    tmp_path: Path,
) -> None:
    """Order numbers a lake keeps as numbers (a DOUBLE column, as pandas writes one): the
    change on an old order still fetches that order's lines (read as 202301000199, never
    '202301000199.0'), so May's change counts for the order's rep, as from the file."""
    folder = tmp_path / "file"
    lines = _company(folder)
    lines["订单编号"] = lines["订单编号"].str.replace("HSO", "1").str.replace("SO", "")
    order = _inner_order(lines.assign(订单编号="H" + lines["订单编号"]), "C00002")[1:]
    _write(lines, folder)
    changes = pd.read_csv(folder / "订单变更.csv", encoding="gbk", dtype=str)
    changes["订单编号"] = changes["订单编号"].str.replace("SO", "")
    change = changes.iloc[[1]].copy()
    change.iloc[0, [0, 1, 2, 3, 11]] = ["BG99999", order, None, "2024-05-10", "2024-05-14"]
    pd.concat([changes, change]).to_csv(folder / "订单变更.csv", index=False, encoding="gbk")
    rep = lines.loc[lines["订单编号"] == order, "销售代表"].iloc[0]

    from_file = _report(folder, MAY)["order_changes"]
    assert {r["rep"]: r["requested"] for r in from_file}[rep] >= 1
    lake = _lake(folder, lines.assign(订单编号=lines["订单编号"].astype(float)), tmp_path / "lake")
    assert _report(lake, MAY)["order_changes"] == from_file
