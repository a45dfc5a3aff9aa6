"""The period's start pushed into a source (#26, #27): a command fetches the days its figures
read whole, and of the years before them only what a figure still reads: each customer's first
and latest lines (a new customer, the orders' first day, an owner, a last order) and the lines
of the orders a change names. Shown on a company with three more years of history than the
window reaches: every command's figures equal those of the same lines read from one file."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from salescli.config import Policy
from salescli.data.sources import first_day_read
from salescli.data.workspace import Workspace
from salescli.periods import parse_period
from tests.conftest import DEMO
from tests.helpers import run, set_settings
from tests.postgres import SERVER_LOGS, postgres_server, postgres_url  # noqa: F401

DATES = ["下单日期", "约定交货日期", "实际交货日期"]
NUMBERS = ["数量", "单价", "金额", "成本"]
COMMANDS = [
    ["appraise", "--month", "2024-05"],
    ["appraise", "--year", "2024"],
    ["classify", "--quarter", "2024Q2"],
    ["report", "--month", "2024-05"],
    ["report", "--week", "2024-W19"],
    ["plan-visits", "--month", "2024-06"],
    ["split-targets", "--year", "2025", "--total", "50000000"],
]
# customers whose lines are all older than any window: seen, never new, never lost from view
ONLY_OLD = 5


def test_the_first_day_read_covers_every_figures_look_back() -> None:
    policy = Policy()
    may = parse_period("2024-05", ("month",))
    # 同比 of 环比, a churn base of 365 days, 4 quarters of classes and the previous ones
    assert first_day_read(policy, may) == date(2022, 1, 1)
    longer = Policy.model_validate({"customers": {"base_days": 2000}})
    assert first_day_read(longer, may) <= date(2024, 5, 1) - timedelta(days=2000)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """The generated company's 3,000 lines (2023–2024) and the same lines three years
    earlier (order numbers H…), five customers having only those; an order change dated in
    May 2024 on one of the old orders, with no rep of its own (its order's rep counts)."""
    from salescli import demo

    folder = tmp_path_factory.mktemp("history") / "demo"
    demo.write_demo(folder, lines=3000, csv_orders=True)
    shutil.copy(DEMO / "salescli.toml", folder / "salescli.toml")
    recent = pd.read_csv(folder / "orders.csv", encoding="utf-8-sig", dtype=str)
    old = recent.copy()
    for column in DATES:
        days = pd.to_datetime(old[column]) - pd.DateOffset(years=3)
        old[column] = days.dt.strftime("%Y-%m-%d").where(days.notna(), None)
    old["订单编号"] = "H" + old["订单编号"]
    gone = sorted(recent["客户编号"].unique())[:ONLY_OLD]
    recent = recent[~recent["客户编号"].isin(gone)]
    lines = pd.concat([old, recent], ignore_index=True)
    lines.to_csv(folder / "orders.csv", index=False, encoding="utf-8-sig")
    changes = pd.read_csv(folder / "订单变更.csv", encoding="gbk", dtype=str)
    change = changes.iloc[[1]].copy()  # an approved change with both amounts
    change.iloc[0, 0] = "BG99999"
    change.iloc[0, 1] = _middle_order(old)
    change.iloc[0, 2] = None
    change.iloc[0, 3] = "2024-05-10"
    change.iloc[0, 11] = "2024-05-14"
    changes = pd.concat([changes, change], ignore_index=True)
    changes.to_csv(folder / "订单变更.csv", index=False, encoding="gbk")
    return folder, lines


def _middle_order(lines: pd.DataFrame) -> str:
    """An order on none of its customer's edge days: its lines are fetched only because a
    change names it."""
    days = pd.to_datetime(lines["下单日期"])
    span = days.groupby(lines["客户编号"]).agg(["min", "max"])
    inner = (days > lines["客户编号"].map(span["min"])) & (
        days < lines["客户编号"].map(span["max"])
    )
    return str(lines.loc[inner & (lines["状态"] == "已完成"), "订单编号"].iloc[0])


def _typed(lines: pd.DataFrame) -> pd.DataFrame:
    typed = lines.copy()
    for column in DATES:
        typed[column] = pd.to_datetime(typed[column]).dt.date
    for column in NUMBERS:
        typed[column] = pd.to_numeric(typed[column]).astype(float)
    return typed


def _partitioned(lines: pd.DataFrame, folder: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    months = pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m")
    for month, part in _typed(lines).groupby(months):
        target = folder / f"month={month}"
        target.mkdir(parents=True)
        pq.write_table(pa.Table.from_pandas(part, preserve_index=False), target / "part-0.parquet")
    return months.nunique()


def _outputs(folder: Path, out: Path) -> dict[str, bytes]:
    out.mkdir()
    written = {}
    for command in COMMANDS:
        target = out / f"{'-'.join(command[:3])}.json"
        done = run("--no-cache", "-w", str(folder), *command, "-o", str(target))
        assert done.exit_code == 0, done.stderr
        written[target.name] = target.read_bytes()
    return written


@pytest.fixture(scope="module")
def from_the_file(
    history: tuple[Path, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    folder, _lines = history
    return _outputs(folder, tmp_path_factory.mktemp("file") / "out")


def _without_orders(history: tuple[Path, pd.DataFrame], folder: Path) -> Path:
    shutil.copytree(history[0], folder)
    (folder / "orders.csv").unlink()
    return folder


def test_a_lake_gives_the_files_figures_reading_the_window_and_each_customers_edges(
    history: tuple[Path, pd.DataFrame], from_the_file: dict[str, bytes], tmp_path: Path
) -> None:
    pytest.importorskip("duckdb")
    folder = _without_orders(history, tmp_path / "ws")
    months = _partitioned(history[1], folder / "lake" / "orders")
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake/orders"')
    assert _outputs(folder, tmp_path / "out") == from_the_file

    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]
    assert fetched.since == date(2022, 1, 1)
    # the window's partitions: 2023-01 … 2024-05 of the 48 months (2020-2021, 2023-2024)
    assert (fetched.parts_read, fetched.parts_total) == (17, months) == (17, 48)
    lines = history[1]
    days = pd.to_datetime(lines["下单日期"])
    window = int(((days >= "2022-01-01") & (days <= "2024-05-31")).sum())
    # the window's lines, and of the 4,000 others (2,900 earlier, 1,100 later) only each
    # customer's edge lines and the changed order's: at 3,000 lines and 117 customers a
    # fifth of them; a company of millions of lines has as many edges for as many customers
    assert window < fetched.rows < window + 0.25 * (len(lines) - window)


def test_a_changed_orders_rep_comes_from_its_lines_before_the_window(
    history: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    """The change on an old order counts for that order's rep in May's report, as from the
    file: without its lines it would count for no rep."""
    pytest.importorskip("duckdb")
    folder = _without_orders(history, tmp_path / "ws")
    _partitioned(history[1], folder / "lake" / "orders")
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake/orders"')
    out = tmp_path / "report.json"
    done = run("--no-cache", "-w", str(folder), "report", "--month", "2024-05", "-o", str(out))
    assert done.exit_code == 0, done.stderr
    import json

    report = json.loads(out.read_text(encoding="utf-8"))
    lines = history[1]
    changed = pd.read_csv(folder / "订单变更.csv", encoding="gbk", dtype=str).iloc[-1, 1]
    rep = lines.loc[lines["订单编号"] == changed, "销售代表"].iloc[0]
    counted = {r["rep"]: r for r in report["order_changes"]}
    assert counted[rep]["requested"] >= 1
    assert counted.get("(no rep)", {"requested": 0})["requested"] == 0


def test_postgresql_is_asked_for_the_window_and_the_edges_only(
    history: tuple[Path, pd.DataFrame],
    from_the_file: dict[str, bytes],
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
    postgres_server: str,  # noqa: F811
) -> None:
    import psycopg

    lines = _typed(history[1])
    types = {
        c: "date" if c in DATES else "double precision" if c in NUMBERS else "text" for c in lines
    }
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("CREATE SCHEMA history")
        columns = ", ".join(f'"{c}" {t}' for c, t in types.items())
        db.execute(f"CREATE TABLE history.lines ({columns})")
        names = ", ".join(f'"{c}"' for c in lines)
        with db.cursor().copy(f"COPY history.lines ({names}) FROM STDIN") as copy:
            for row in lines.itertuples(index=False):
                copy.write_row([None if pd.isna(v) else v for v in row])
    folder = _without_orders(history, tmp_path / "ws")
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source=f'"{postgres_url}"',
        table='"history.lines"',
    )
    out = tmp_path / "out"
    out.mkdir()
    target = out / "appraise.json"
    done = run("--no-cache", "-w", str(folder), *COMMANDS[0], "-o", str(target))
    assert done.exit_code == 0, done.stderr
    assert target.read_bytes() == from_the_file["appraise---month-2024-05.json"]
    log = SERVER_LOGS.get(postgres_server)
    if log is not None:
        logged = log.read_text(errors="replace")
        window = "WHERE \"下单日期\" >= DATE '2022-01-01' AND \"下单日期\" <= DATE '2024-05-31'"
        assert f'FROM "history"."lines" {window}' in logged
        assert "WHERE \"下单日期\" < DATE '2022-01-01' WINDOW w" in logged
