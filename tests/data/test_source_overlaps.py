"""A table that lives in a source with exports of it in the workspace too (issue #27): an
export the settings do not name stops the run; the files `path` names are read with the
source as later parts of the table, and a line in both is caught as between two files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from salescli.data.workspace import Workspace
from tests.data.test_sources import DATES, DEMO, demo_lines  # noqa: F401
from tests.helpers import ORDER_HEADER, order_row, run, set_settings, write_csv
from tests.postgres import postgres_server, postgres_url  # noqa: F401

duckdb = pytest.importorskip("duckdb")

REPORT = ["report", "--month", "2024-12"]


def _demo_in_duckdb(folder: Path, lines: pd.DataFrame) -> Path:
    """The demo with its order lines in sales.duckdb (table order_lines), its two order
    exports left where they were."""
    shutil.copytree(DEMO, folder)
    _duckdb(folder / "sales.duckdb", lines)
    _orders(
        folder,
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
    )
    return folder


def _orders(folder: Path, **values: str) -> None:
    """Set keys of [inputs.orders]; `files` is its `path` (set_settings' own first argument)."""
    if "files" in values:
        values["path_of_files"] = values.pop("files")
    set_settings(folder / "salescli.toml", "inputs.orders", **values)
    toml = (folder / "salescli.toml").read_text(encoding="utf-8")
    (folder / "salescli.toml").write_text(toml.replace("path_of_files =", "path ="), "utf-8")


def _duckdb(path: Path, lines: pd.DataFrame) -> None:
    with duckdb.connect(str(path)) as db:
        db.register("lines", lines)
        db.execute("CREATE TABLE order_lines AS SELECT * FROM lines")


def _json(folder: Path, out: Path, *command: str) -> object:
    done = run("--no-cache", "-w", str(folder), *command, "-o", str(out))
    assert done.exit_code == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _export(path: Path, lines: pd.DataFrame) -> None:
    """Order lines as an export: the database's columns under their headers, in xlsx."""
    lines.to_excel(path, index=False)


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The demo's December report, from its files."""
    return _json(DEMO, tmp_path_factory.mktemp("files") / "report.json", *REPORT)


def test_an_export_left_beside_a_source_stops_the_run_naming_it_and_the_source(
    tmp_path: Path,
    demo_lines: pd.DataFrame,  # noqa: F811
) -> None:
    folder = _demo_in_duckdb(tmp_path / "ws", demo_lines)
    (folder / "orders-2023.xlsx").unlink()
    done = run("--no-cache", "-w", str(folder), *REPORT, "-o", str(tmp_path / "r.json"))
    assert done.exit_code == 65, done.stderr
    assert done.stderr.splitlines() == [
        f"salescli: error: {folder}: the orders table lives in a source "
        f"(duckdb:///sales.duckdb), and the export orders-2024.xlsx of it lies in the "
        "workspace too",
        "  hint: to read them with the source, as later parts of the table (a line in both is "
        'then caught, see overlap), set [inputs.orders] path = "orders-2024.xlsx" in '
        "salescli.toml; otherwise move them out of the workspace",
    ]
    assert not (tmp_path / "r.json").exists()
    # both exports: the glob of their common name
    (folder / "orders-2023.xlsx").write_bytes((DEMO / "orders-2023.xlsx").read_bytes())
    done = run("--no-cache", "-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 65
    assert "the exports orders-2023.xlsx, orders-2024.xlsx of it lie" in done.stdout
    assert 'path = ""orders-202*.xlsx""' in done.stdout  # CSV doubles the quotes


def test_the_hinted_path_catches_the_lines_the_source_holds_too(
    tmp_path: Path,
    demo_lines: pd.DataFrame,  # noqa: F811
    demo_report: object,
) -> None:
    """The demo's 2024 export beside a source holding every line: with the path the hint
    gives, its lines are found in the source (65, the file and the source named); with the
    hint of that error, overlap = "keep-first", they are read once: the demo's figures."""
    folder = _demo_in_duckdb(tmp_path / "ws", demo_lines)
    (folder / "orders-2023.xlsx").unlink()
    _orders(folder, files='"orders-2024.xlsx"')
    done = run("--no-cache", "-w", str(folder), *REPORT, "-o", str(tmp_path / "r.json"))
    assert done.exit_code == 65, done.stderr
    error, hint = done.stderr.splitlines()
    in_2024 = int((pd.to_datetime(demo_lines["下单日期"]).dt.year == 2024).sum())
    assert error.startswith(
        f"salescli: error: orders-2024.xlsx, sheet 订单明细, row 4: {in_2024:,} order lines are "
        "also in the "
        "source order_lines (identical, counted twice): rows 4, 5, 6, 7, 8 and "
    )
    first = demo_lines[pd.to_datetime(demo_lines["下单日期"]).dt.year == 2024].iloc[0]
    assert error.endswith(
        f"here; the first: order_id+product_model {first['订单编号']}/{first['产品型号']}"
    )
    assert hint.startswith(
        "  hint: remove them from the file (the source holds them), or set [inputs.orders] "
        'overlap = "keep-first" to read the source\'s copy once;'
    )
    assert not (tmp_path / "r.json").exists()

    _orders(folder, overlap='"keep-first"')
    assert _json(folder, tmp_path / "r.json", *REPORT) == demo_report


def test_a_file_of_later_lines_beside_the_source_adds_them(
    tmp_path: Path,
    demo_lines: pd.DataFrame,  # noqa: F811
    demo_report: object,
) -> None:
    """The source ends in November, the file holds December: read together they are the
    demo's lines, and give its December report; the source alone has no December (65)."""
    folder = tmp_path / "ws"
    shutil.copytree(DEMO, folder)
    for name in ("orders-2023.xlsx", "orders-2024.xlsx"):
        (folder / name).unlink()
    december = pd.to_datetime(demo_lines["下单日期"]) >= "2024-12-01"
    _duckdb(folder / "sales.duckdb", demo_lines[~december])
    _export(folder / "orders-late.xlsx", demo_lines[december])
    settings = {"source": '"duckdb:///sales.duckdb"', "table": '"order_lines"'}
    _orders(folder, **settings)
    # not named by path: the file is neither read nor dropped unread
    alone = run("--no-cache", "-w", str(folder), *REPORT, "-o", str(tmp_path / "r.json"))
    assert alone.exit_code == 65 and "orders-late.xlsx" in alone.stderr

    _orders(folder, files='"orders-late*.xlsx"')
    assert _json(folder, tmp_path / "r.json", *REPORT) == demo_report
    workspace = Workspace(folder)
    loaded = workspace.read("orders")
    assert loaded is not None
    source = f"{folder / 'sales.duckdb'} order_lines"
    assert loaded.files == [source, str(folder / "orders-late.xlsx")]


def test_a_file_line_that_differs_from_the_source_is_a_conflict_and_keep_last_takes_the_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    rows = [
        order_row("SO1", "2024-05-03", "C1", 100),
        order_row("SO2", "2024-05-09", "C2", 40, rep="李四"),
    ]
    lines = pd.DataFrame(rows, columns=ORDER_HEADER)
    for column in DATES:
        lines[column] = pd.to_datetime(lines[column]).dt.date
    _duckdb(folder / "sales.duckdb", lines)
    corrected = order_row("SO2", "2024-05-09", "C2", 45, rep="李四")  # a corrected amount
    write_csv(folder / "orders-fix.csv", [ORDER_HEADER, corrected])
    _orders(
        folder,
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
        files='"orders-fix.csv"',
    )
    done = run("-w", str(folder), "check", "--table", "orders", "--format", "csv")
    assert done.exit_code == 65
    assert (
        'orders,orders-fix.csv,,2,,SO2/YE3-100,error,overlap-source-conflict,"1 of the order '
        "lines has the key of a line in the source order_lines but other values (first: "
        'order_id+product_model SO2/YE3-100, row 2 here)"'
    ) in done.stdout
    _orders(folder, overlap='"keep-last"')
    workspace = Workspace(folder)
    orders = workspace.table("orders")
    assert orders is not None
    assert orders.set_index("order_id")["amount"].to_dict() == {"SO1": 100, "SO2": 45}
    assert any("also in order_lines: earlier copies dropped" in w for w in workspace.warnings)


def test_beside_a_file_the_whole_source_is_compared_not_only_the_window(tmp_path: Path) -> None:
    """A copy in the file of a line after the period is caught too: the source is fetched
    whole when files are read with it (a later period must not be the first to see it)."""
    folder = tmp_path / "ws"
    folder.mkdir()
    rows = [
        order_row("SO1", "2024-05-03", "C1", 100),
        order_row("SO2", "2024-07-09", "C1", 40),
        order_row("SO3", "2024-07-10", "C2", 70, rep="李四"),
    ]
    lines = pd.DataFrame(rows, columns=ORDER_HEADER)
    for column in DATES:
        lines[column] = pd.to_datetime(lines[column]).dt.date
    _duckdb(folder / "sales.duckdb", lines)
    write_csv(folder / "extra.csv", [ORDER_HEADER, rows[2]])
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], *([r, "2024-05", 300] for r in ("张三", "李四"))],
    )
    _orders(
        folder,
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
        files='"extra.csv"',
    )
    done = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert done.exit_code == 65, done.stderr
    assert "extra.csv, row 2: 1 of the order lines is also in the source order_lines" in done.stderr
    workspace = Workspace(folder)
    from salescli.data.sources import need
    from salescli.periods import parse_period

    need(workspace, parse_period("2024-05", ("month",)))
    with pytest.raises(Exception, match="also in the source"):
        workspace.table("orders")
    assert workspace.fetched["orders"].rows == 3 and workspace.fetched["orders"].until is None


def test_a_path_beside_a_source_that_names_no_file_is_said(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    lines = pd.DataFrame([order_row("SO1", "2024-05-03", "C1", 100)], columns=ORDER_HEADER)
    _duckdb(folder / "sales.duckdb", lines)
    _orders(
        folder,
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
        files='"late*.xlsx"',
    )
    workspace = Workspace(folder)
    orders = workspace.table("orders")
    assert orders is not None and list(orders["order_id"]) == ["SO1"]
    assert (
        "[inputs.orders] path = 'late*.xlsx' names no file: the source is read alone"
        in workspace.warnings
    )


def test_a_sources_lines_in_another_currency_are_converted_as_a_files(tmp_path: Path) -> None:
    """A source's order lines go through the files' reading: lines in dollars without a
    rates table stop the run (65) instead of being summed as yuan."""
    folder = tmp_path / "ws"
    folder.mkdir()
    rows = [[*order_row("SO1", "2024-05-03", "C1", 100), "USD"]]
    lines = pd.DataFrame(rows, columns=[*ORDER_HEADER, "币种"])
    _duckdb(folder / "sales.duckdb", lines)
    settings = {"source": '"duckdb:///sales.duckdb"', "table": '"order_lines"'}
    _orders(folder, **settings)
    done = run("-w", str(folder), "check", "--table", "orders", "--format", "csv")
    assert done.exit_code == 65
    assert "no-rates-table" in done.stdout
    write_csv(folder / "rates.csv", [["month", "currency", "rate"], ["2024-05", "USD", 7.1]])
    orders = Workspace(folder).table("orders")
    assert orders is not None and orders["amount"].tolist() == [pytest.approx(710.0)]


def test_a_file_holding_some_of_the_sources_lines_and_later_ones(
    tmp_path: Path,
    demo_lines: pd.DataFrame,  # noqa: F811
    demo_report: object,
) -> None:
    """The source ends in November; the file, exported later, holds November again and
    December: November's lines are caught (65); with overlap = "keep-first" each line is read
    once and the December report is the demo's."""
    folder = tmp_path / "ws"
    shutil.copytree(DEMO, folder)
    for name in ("orders-2023.xlsx", "orders-2024.xlsx"):
        (folder / name).unlink()
    day = pd.to_datetime(demo_lines["下单日期"])
    _duckdb(folder / "sales.duckdb", demo_lines[day < "2024-12-01"])
    _export(folder / "orders-nov-dec.xlsx", demo_lines[day >= "2024-11-01"])
    november = int(((day >= "2024-11-01") & (day < "2024-12-01")).sum())
    _orders(
        folder,
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
        files='"orders-nov-dec.xlsx"',
    )
    done = run("--no-cache", "-w", str(folder), *REPORT, "-o", str(tmp_path / "r.json"))
    assert done.exit_code == 65, done.stderr
    assert (
        f"orders-nov-dec.xlsx, sheet Sheet1, row 2: {november:,} order lines are also in the "
        "source order_lines (identical, counted twice)"
    ) in done.stderr
    _orders(folder, overlap='"keep-first"')
    assert _json(folder, tmp_path / "r.json", *REPORT) == demo_report


def test_the_refusal_is_said_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    lines = pd.DataFrame([order_row("SO1", "2024-05-03", "C1", 100)], columns=ORDER_HEADER)
    _duckdb(folder / "sales.duckdb", lines)
    write_csv(folder / "订单.csv", [ORDER_HEADER, order_row("SO2", "2024-05-04", "C1", 50)])
    _orders(folder, source='"duckdb:///sales.duckdb"', table='"order_lines"')
    done = run("--lang", "zh", "-w", str(folder), "report", "--month", "2024-05")
    assert done.exit_code == 65
    assert done.stderr.splitlines() == [
        f"salescli：错误：{folder}：orders 表来自来源（duckdb:///sales.duckdb），"
        "而工作区中也有它的导出文件 订单.csv",
        "  建议：如要与来源一起读取、作为此表后面的部分（两边都有的行会被发现，见 overlap），"
        '请在 salescli.toml 中设置 [inputs.orders] path = "订单.csv"；否则请把它们移出工作区',
    ]


def test_no_glob_is_hinted_that_would_read_another_tables_export(tmp_path: Path) -> None:
    """订单1.csv and 订单2.csv beside a source: `订单*.csv` would also read 订单变更.csv (the
    order changes), so the hint names no glob."""
    folder = tmp_path / "ws"
    folder.mkdir()
    lines = pd.DataFrame([order_row("SO1", "2024-05-03", "C1", 100)], columns=ORDER_HEADER)
    _duckdb(folder / "sales.duckdb", lines)
    for name in ("订单1.csv", "订单2.csv"):
        write_csv(folder / name, [ORDER_HEADER, order_row("SO2", "2024-05-04", "C1", 50)])
    write_csv(folder / "订单变更.csv", [["订单编号", "变更类型"], ["SO1", "取消"]])
    _orders(folder, source='"duckdb:///sales.duckdb"', table='"order_lines"')
    done = run("-w", str(folder), "report", "--month", "2024-05")
    assert done.exit_code == 65
    assert done.stderr.splitlines()[1:] == [
        "  hint: move them out of the workspace, or rename them so that one [inputs.orders] "
        "path glob names them and no other file"
    ]
    assert "the exports 订单1.csv, 订单2.csv of it lie in the workspace too" in done.stderr


def test_a_postgresql_sources_line_in_a_file_beside_it_is_caught(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    import psycopg

    rows = [order_row("SO1", "2024-05-03", "C1", 100), order_row("SO2", "2024-05-04", "C2", 40)]
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("CREATE SCHEMA erp")
        columns = ", ".join(f'"{header}" text' for header in ORDER_HEADER)
        db.execute(f"CREATE TABLE erp.lines ({columns})")
        with db.cursor().copy("COPY erp.lines FROM STDIN") as copy:
            for row in rows:
                copy.write_row([None if v is None else str(v) for v in row])
    folder = tmp_path / "ws"
    folder.mkdir()
    write_csv(folder / "orders-extra.csv", [ORDER_HEADER, rows[1]])
    _orders(folder, source=f'"{postgres_url}"', table='"erp.lines"', files='"orders-extra.csv"')
    done = run("-w", str(folder), "report", "--month", "2024-05")
    assert done.exit_code == 65, done.stderr
    assert done.stderr.startswith(
        "salescli: error: orders-extra.csv, row 2: 1 of the order lines is also in the source "
        "erp.lines (identical, counted twice): row 2 here; the first: order_id+product_model "
        "SO2/YE3-100"
    )
