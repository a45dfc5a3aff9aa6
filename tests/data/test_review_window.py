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
from tests.postgres import postgres_server, postgres_url  # noqa: F401

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
    # each line's own refund, 0.01 on lines of different amounts: said, as the refusal asks
    set_settings(folder / "salescli.toml", "inputs.orders", refund_level='"line"')

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


def test_an_old_order_due_in_the_period_brings_its_other_lines_from_a_lake(
    tmp_path: Path,
) -> None:
    """An old order whose last line is due in May 2024 and delivered on time, and whose other
    lines were due and delivered late years before: the order is due in May and late, since
    on time is every line's (4.2). From a lake the lines due in May bring the rest of their
    order with them; without them the order would be on time."""
    folder = tmp_path / "file"
    lines = _company(folder)
    old = lines[lines["订单编号"].str.startswith("H") & (lines["状态"] == "已完成")]
    sizes = old.groupby("订单编号").size()
    order = str(sizes[sizes >= 2].index[0])
    mine = lines.index[lines["订单编号"] == order]
    lines.loc[mine, "实际交货日期"] = (
        pd.to_datetime(lines.loc[mine, "约定交货日期"]) + pd.Timedelta(days=9)
    ).dt.strftime("%Y-%m-%d")
    lines.loc[mine[0], ["约定交货日期", "实际交货日期"]] = ["2024-05-20", "2024-05-19"]
    _write(lines, folder)

    from_file = _report(folder, MAY)
    assert order in {r["order_id"] for r in from_file["late_orders"]}
    from_lake = _report(_lake(folder, lines, tmp_path / "lake"), MAY)
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


def _timed(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    """The company and a customer outside the customer file whose latest day holds two
    orders of two reps, the later one by number the earlier in the day; its line of May
    has no rep."""
    folder = tmp_path / "file"
    lines = _company(folder)
    reps = sorted(lines["销售代表"].dropna().unique())
    template = lines.iloc[[-1]]
    mine = pd.concat([template] * 3, ignore_index=True)
    mine["客户编号"], mine["客户名称"] = "C99999", "新客户有限公司"
    mine["订单编号"] = ["SO-X-1", "SO-X-2", "SO-X-3"]
    mine["下单日期"] = ["2024-05-10 10:00:00", "2024-12-20 15:00:00", "2024-12-20 09:00:00"]
    mine["销售代表"] = [None, reps[0], reps[1]]
    mine["金额"] = ["123456.78", "10", "10"]
    for column in ("约定交货日期", "实际交货日期"):
        mine[column] = None
    lines = pd.concat([lines, mine], ignore_index=True)
    _write(lines, folder)
    return folder, lines.assign(下单日期=pd.to_datetime(lines["下单日期"], format="mixed"))


def _by_rep(workspace: Path) -> dict[str, float]:
    return {r["rep"]: r["amount"] for r in _report(workspace, MAY)["by_rep"]}


def test_an_owner_from_a_lake_that_times_its_orders_is_the_files_owner(tmp_path: Path) -> None:
    """The customer's owner is the rep of its latest day's last order by number
    (process.latest_value), as the file says, not of the day's latest hour, when the lake
    keeps the order time; May's line without a rep counts for that owner."""
    folder, stamped = _timed(tmp_path)
    lake = _lake(folder, stamped, tmp_path / "lake", text=("下单日期",))
    assert _by_rep(lake) == _by_rep(folder)


@pytest.mark.parametrize("kind", ["timestamp", "timestamptz"])
def test_an_owner_from_postgresql_that_times_its_orders_is_the_files_owner(
    kind: str,
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """The same from a PostgreSQL table whose order date is a timestamp, or a timestamptz
    the server shows in New York's zone: its instants are told in the policy's zone."""
    import psycopg

    folder, stamped = _timed(tmp_path)
    types = {c: kind if c == "下单日期" else "text" for c in stamped}
    types.update(dict.fromkeys(NUMBERS, "double precision"))
    with psycopg.connect(postgres_url, autocommit=True) as db:
        (database,) = db.execute("SELECT current_database()").fetchone() or ("",)
        db.execute(f"ALTER DATABASE {database} SET timezone = 'America/New_York'")
        db.execute("SET timezone = 'Asia/Shanghai'")  # the exports' times are the policy's
        db.execute("CREATE SCHEMA timed")
        columns = ", ".join(f'"{c}" {t}' for c, t in types.items())
        db.execute(f"CREATE TABLE timed.lines ({columns})")
        names = ", ".join(f'"{c}"' for c in stamped)
        with db.cursor().copy(f"COPY timed.lines ({names}) FROM STDIN") as copy:
            for row in stamped.itertuples(index=False):
                copy.write_row([None if pd.isna(v) else v for v in row])
    database = tmp_path / "db"
    shutil.copytree(folder, database)
    (database / "orders.csv").unlink()
    set_settings(
        database / "salescli.toml",
        "inputs.orders",
        source=f'"{postgres_url}"',
        table='"timed.lines"',
    )
    assert _by_rep(database) == _by_rep(folder)
