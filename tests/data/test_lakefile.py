"""One local Parquet file read as a source (#26): `[inputs.orders] source = "orders.parquet"`
reads the period's window through DuckDB, whose scan skips the row groups whose date
statistics lie outside the window's days. Shown on a company of 200,000 order lines over
sixteen years, written sorted by date in row groups of 5,000: a month's appraisal gives the
figures of the same lines read from one CSV, salescli says (and records) how many row groups
the window's query reads, and what the process read from the file while DuckDB ran that query
shows the others were left unread."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salescli.data import sources, workspace
from salescli.data.workspace import Workspace
from tests.conftest import DEMO
from tests.helpers import run, set_settings

pytest.importorskip("duckdb")

DATES = ["下单日期", "约定交货日期", "实际交货日期"]
NUMBERS = ["数量", "单价", "金额", "成本"]
MAY = ["appraise", "--month", "2024-05"]
GROUP = 5_000  # lines a row group
COPIES = 8  # the demo's two years, and seven copies of them further back: 2009-2024
FIRST_READ = date(2022, 1, 1)  # sources.first_day_read of May 2024 (tests/data/test_window.py)


@pytest.fixture(scope="module")
def company(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """The generated company's 25,000 lines of 2023-2024 and seven copies of them, each two
    years earlier than the one before with its own order numbers: 200,000 lines, as one CSV
    (the reference) in a workspace."""
    from salescli import demo

    folder = tmp_path_factory.mktemp("lakefile") / "csv"
    demo.write_demo(folder, lines=25_000, csv_orders=True)
    shutil.copy(DEMO / "salescli.toml", folder / "salescli.toml")
    recent = pd.read_csv(folder / "orders.csv", encoding="utf-8-sig", dtype=str)
    copies = [recent]
    for copy in range(1, COPIES):
        old = recent.copy()
        for column in DATES:
            days = pd.to_datetime(old[column]) - pd.DateOffset(years=2 * copy)
            old[column] = days.dt.strftime("%Y-%m-%d").where(days.notna(), None)
        old["订单编号"] = f"H{copy}" + old["订单编号"]
        copies.append(old)
    lines = pd.concat(copies[::-1], ignore_index=True)
    lines.to_csv(folder / "orders.csv", index=False, encoding="utf-8-sig")
    return folder, lines


@pytest.fixture(scope="module")
def from_the_csv(company: tuple[Path, pd.DataFrame]) -> bytes:
    folder, _lines = company
    out = folder.parent / "csv.json"
    done = run("--no-cache", "-w", str(folder), *MAY, "-o", str(out))
    assert done.exit_code == 0, done.stderr
    return out.read_bytes()


def _parquet(lines: pd.DataFrame, file: Path, by_date: bool = True) -> None:
    """The lines typed as a warehouse types them, as one Parquet file of row groups of
    `GROUP` lines: sorted by date, or in the company's order (each copy's two years in turn,
    newest first: every group spans months of one copy), or shuffled."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    typed = lines.copy()
    for column in DATES:
        typed[column] = pd.to_datetime(typed[column]).dt.date
    for column in NUMBERS:
        typed[column] = pd.to_numeric(typed[column]).astype(float)
    if by_date:
        typed = typed.sort_values("下单日期", kind="stable")
    else:
        typed = typed.sample(frac=1, random_state=7)
    table = pa.Table.from_pandas(typed, preserve_index=False)
    pq.write_table(table, file, row_group_size=GROUP)


def _as_source(company: tuple[Path, pd.DataFrame], to: Path, by_date: bool = True) -> Path:
    """The workspace again, its orders the Parquet file `orders.parquet` named as the
    table's source."""
    folder, lines = company
    shutil.copytree(folder, to)
    (to / "orders.csv").unlink()
    _parquet(lines, to / "orders.parquet", by_date)
    set_settings(to / "salescli.toml", "inputs.orders", source='"orders.parquet"')
    return to


def _groups_reaching(lines: pd.DataFrame, since: date, until: date) -> tuple[int, int, int]:
    """Counted from the lines themselves, not the file: the groups of `GROUP` date-sorted
    lines whose days reach since..until, their lines, and how many groups there are."""
    days = pd.to_datetime(lines["下单日期"]).sort_values(kind="stable").dt.date.to_numpy()
    groups = [days[i : i + GROUP] for i in range(0, len(days), GROUP)]
    reaching = [g for g in groups if g.min() <= until and g.max() >= since]
    return len(reaching), sum(len(g) for g in reaching), len(groups)


def test_a_parquet_file_as_a_source_gives_the_csvs_figures_reading_the_periods_row_groups(
    company: tuple[Path, pd.DataFrame], from_the_csv: bytes, tmp_path: Path
) -> None:
    folder = _as_source(company, tmp_path / "ws")
    out = tmp_path / "out.json"
    done = run("--no-cache", "-v", "-w", str(folder), *MAY, "-o", str(out))
    assert done.exit_code == 0, done.stderr
    assert out.read_bytes() == from_the_csv

    read, rows, total = _groups_reaching(company[1], FIRST_READ, date(2024, 5, 31))
    assert total == 40
    assert read == 7  # 2022-01-01 .. 2024-05-31: 29 of the 192 months 2009-2024
    said = (
        f"orders: the period's days lie in {read} of the {total} row groups of "
        f"{folder / 'orders.parquet'} ({rows:,} of 200,000 lines"
    )
    assert said in done.stderr
    # the file is the table's source, not an export of it found beside the source
    assert "lies in the workspace too" not in done.stderr

    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]
    assert fetched.groups == sources.RowGroups(read, total, rows, 200_000)
    assert fetched.since == FIRST_READ
    # the window's lines and each customer's edge lines reach pandas, not the 200,000
    assert rows - GROUP < fetched.rows < 200_000 // 2


def test_the_row_groups_read_are_recorded_with_the_run(
    company: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    folder = _as_source(company, tmp_path / "ws")
    database = tmp_path / "history.db"
    done = run("--no-cache", "-w", str(folder), *MAY, "-o", f"sqlite:///{database}")
    assert done.exit_code == 0, done.stderr
    with sqlite3.connect(database) as db:
        (inputs,) = db.execute("SELECT inputs FROM salescli_runs").fetchone()
    (recorded,) = [i for i in json.loads(inputs) if i.get("input") == "orders"]
    read, rows, total = _groups_reaching(company[1], FIRST_READ, date(2024, 5, 31))
    assert recorded["row_groups"] == {
        "read": read,
        "total": total,
        "rows_read": rows,
        "rows_total": 200_000,
    }


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/io")
def test_duckdb_reads_only_the_window_row_groups_of_the_file(
    company: tuple[Path, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the process read from files (/proc/self/io `rchar`: every read call's bytes,
    from the page cache or the disk) while DuckDB ran the window's query: the compressed
    bytes of the window's row groups, not the file's."""
    import pyarrow.parquet as pq

    folder = _as_source(company, tmp_path / "ws")
    file = folder / "orders.parquet"
    metadata = pq.ParquetFile(file).metadata
    spans = []
    for number in range(metadata.num_row_groups):
        group = metadata.row_group(number)
        chunks = [group.column(i) for i in range(group.num_columns)]
        day = next(c for c in chunks if c.path_in_schema == "下单日期").statistics
        size = sum(c.total_compressed_size for c in chunks)
        spans.append((day.min, day.max, size))
    window_bytes = sum(
        size for first, last, size in spans if first <= date(2024, 5, 31) and last >= FIRST_READ
    )

    read_by: list[tuple[str, int]] = []
    table = sources._DuckDB.table

    def measured(self: sources._DuckDB, statement: str):  # type: ignore[no-untyped-def]
        before = _rchar()
        result = table(self, statement)
        read_by.append((statement, _rchar() - before))
        return result

    monkeypatch.setattr(sources._DuckDB, "table", measured)
    done = run("--no-cache", "-w", str(folder), *MAY, "-o", str(tmp_path / "out.json"))
    assert done.exit_code == 0, done.stderr
    statement, read = read_by[0]
    assert "WHERE \"下单日期\" >= DATE '2022-01-01' AND \"下单日期\" <= DATE '2024-05-31'" in (
        statement
    )
    assert window_bytes < file.stat().st_size / 2
    assert read <= window_bytes * 1.1 + 256 * 1024
    # the lines without a date: none, which each group's null count says unread
    assert "IS NULL" in read_by[1][0]
    assert read_by[1][1] < 256 * 1024


def _rchar() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def test_a_file_not_sorted_by_date_gives_the_same_figures_and_says_how_to_read_less(
    company: tuple[Path, pd.DataFrame], from_the_csv: bytes, tmp_path: Path
) -> None:
    folder = _as_source(company, tmp_path / "ws", by_date=False)
    out = tmp_path / "out.json"
    done = run("--no-cache", "-v", "-w", str(folder), *MAY, "-o", str(out))
    assert done.exit_code == 0, done.stderr
    assert out.read_bytes() == from_the_csv
    assert "lie in 40 of the 40 row groups" in done.stderr
    assert "written sorted by date (or a row group a month)" in done.stderr


def test_a_source_file_that_is_not_there_exits_73_naming_it(
    company: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    folder = _as_source(company, tmp_path / "ws")
    (folder / "orders.parquet").rename(tmp_path / "elsewhere.parquet")
    set_settings(folder / "salescli.toml", "inputs.orders", source='"order.parquet"')
    done = run("--no-cache", "-w", str(folder), *MAY, "-o", str(tmp_path / "out.json"))
    assert done.exit_code == 73
    assert str(folder / "order.parquet") in done.stderr
    assert not (tmp_path / "out.json").exists()


def test_a_misspelt_source_beside_the_file_it_meant_is_refused(
    company: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    """source = "order.parquet" with orders.parquet in the workspace: orders.parquet is no
    file of the source, so it is an export of the table beside it (65), never read as the
    table in the source's stead nor left out unsaid."""
    folder = _as_source(company, tmp_path / "ws")
    set_settings(folder / "salescli.toml", "inputs.orders", source='"order.parquet"')
    done = run("--no-cache", "-w", str(folder), *MAY, "-o", str(tmp_path / "out.json"))
    assert done.exit_code == 65
    assert "the export orders.parquet of it lies in the workspace too" in done.stderr
    assert not (tmp_path / "out.json").exists()


def test_another_export_beside_the_source_file_is_still_refused(
    company: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    """orders.parquet is the source; orders-2025.csv beside it is a part of the table or a
    copy of it: which one only the user knows (65, as beside any source)."""
    folder = _as_source(company, tmp_path / "ws")
    shutil.copy(company[0] / "orders.csv", folder / "orders-2025.csv")
    done = run("--no-cache", "-w", str(folder), *MAY, "-o", str(tmp_path / "out.json"))
    assert done.exit_code == 65
    assert "orders-2025.csv" in done.stderr
    assert "lies in the workspace too" in done.stderr
    assert "orders.parquet of it" not in done.stderr


def test_an_output_never_overwrites_the_source_file(
    company: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    folder = _as_source(company, tmp_path / "ws")
    before = (folder / "orders.parquet").read_bytes()
    target = folder / "orders.parquet"
    done = run("--no-cache", "-w", str(folder), *MAY, "--format", "parquet", "-o", str(target))
    assert done.exit_code == 73
    assert "refusing to overwrite an input file" in done.stderr
    assert (folder / "orders.parquet").read_bytes() == before


def test_a_large_parquet_export_read_whole_suggests_the_source_which_gives_its_figures(
    company: tuple[Path, pd.DataFrame],
    from_the_csv: bytes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Parquet export of the orders (no source) is read whole, as every export is; -v says
    how to read it through the window instead, and doing what it says gives the same JSON."""
    monkeypatch.setattr(workspace, "LARGE_PARQUET", 100_000)
    folder, lines = company
    export = tmp_path / "ws"
    shutil.copytree(folder, export)
    (export / "orders.csv").unlink()
    _parquet(lines, export / "orders.parquet")
    whole = tmp_path / "whole.json"
    done = run("--no-cache", "-v", "-w", str(export), *MAY, "-o", str(whole))
    assert done.exit_code == 0, done.stderr
    assert whole.read_bytes() == from_the_csv
    hint = '[inputs.orders] source = "orders.parquet" in salescli.toml'
    assert "200,000 lines read whole from the Parquet export orders.parquet" in done.stderr
    assert hint in done.stderr

    set_settings(export / "salescli.toml", "inputs.orders", source='"orders.parquet"')
    windowed = tmp_path / "windowed.json"
    done = run("--no-cache", "-v", "-w", str(export), *MAY, "-o", str(windowed))
    assert done.exit_code == 0, done.stderr
    assert windowed.read_bytes() == from_the_csv
    assert "read whole from the Parquet export" not in done.stderr
    assert "row groups of" in done.stderr

    monkeypatch.setattr(workspace, "LARGE_PARQUET", 200_001)  # one line more than it holds
    (export / "salescli.toml").write_text((folder / "salescli.toml").read_text("utf-8"), "utf-8")
    done = run("--no-cache", "-v", "-w", str(export), *MAY, "-o", str(whole))
    assert done.exit_code == 0, done.stderr
    assert "read whole from the Parquet export" not in done.stderr


def test_a_parquet_export_named_by_path_is_told_to_be_the_source_in_place_of_path(
    company: tuple[Path, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With path and source both set the file would be read twice (the source and an export
    beside it): the hint says to replace path."""
    monkeypatch.setattr(workspace, "LARGE_PARQUET", 100_000)
    folder, lines = company
    export = tmp_path / "ws"
    shutil.copytree(folder, export)
    (export / "orders.csv").unlink()
    (export / "erp").mkdir()
    _parquet(lines, export / "erp" / "lines.parquet")
    settings = export / "salescli.toml"
    settings.write_text(
        settings.read_text("utf-8") + '\n[inputs.orders]\npath = "erp/lines.parquet"\n', "utf-8"
    )
    done = run("--no-cache", "-v", "-w", str(export), "check", "--table", "orders")
    assert done.exit_code == 0, done.stderr
    said = '[inputs.orders] source = "erp/lines.parquet" in place of path in salescli.toml'
    assert said in done.stderr
