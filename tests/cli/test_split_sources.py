"""`split-targets --year` over orders that live in a source fetches the base year and the
years since, not every year (#27: it fetched the whole table, 10M lines at 5 GB): the members
of a split are those with lines from the base year on, so a rep who left years ago takes no
equal share, from files or from a source alike."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tests.cli.test_run_sources import _fetches, _lake
from tests.data.test_sources import DATES
from tests.helpers import ORDER_HEADER, order_row, run, write_csv
from tests.postgres import postgres_server, postgres_url  # noqa: F401

ROWS = [
    order_row("SO1", "2021-03-02", "C9", 900, rep="赵六"),  # left in 2022
    order_row("SO2", "2022-06-01", "C9", 300, rep="赵六"),
    order_row("SO3", "2022-09-01", "C1", 100),  # C1's owner 张三, from its lines
    order_row("SO4", "2023-04-03", "C1", 200),
    order_row("SO5", "2023-11-09", "C2", 400, rep="李四"),
    order_row("SO6", "2024-02-03", "C1", 300),
    order_row("SO7", "2024-05-20", "C2", 500, rep="李四"),
    order_row("SO8", "2024-07-02", "C1", 150, rep=None),  # no rep: C1's owner, 张三
    order_row("SO9", "2024-08-15", "C3", 250, rep="王五"),
]


def _lines(rows: list[list[object]] = ROWS) -> pd.DataFrame:
    lines = pd.DataFrame(rows, columns=ORDER_HEADER)
    for column in DATES:
        lines[column] = pd.to_datetime(lines[column]).dt.date
    return lines


def _files(folder: Path, rows: list[list[object]] = ROWS) -> Path:
    folder.mkdir()
    write_csv(folder / "orders.csv", [ORDER_HEADER, *rows])
    return folder


SPLIT = ("split-targets", "--year", "2025", "--total", "1200000", "--format", "csv")


@pytest.mark.parametrize("basis", ["history", "equal"])
def test_a_split_from_a_lake_fetches_from_the_base_year_and_gives_the_files_split(
    basis: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = run("-w", str(_files(tmp_path / "files")), *SPLIT, "--basis", basis)
    assert files.exit_code == 0, files.stderr
    per_rep = pd.read_csv(io.StringIO(files.stdout)).groupby("rep")["target"].sum()
    assert "赵六" not in per_rep  # last seen in 2022: left, no share, equal or other
    assert per_rep.sum() == 1_200_000
    assert set(per_rep.index) == {"张三", "李四", "王五"}
    if basis == "equal":
        assert per_rep.nunique() == 1

    lake = tmp_path / "lake_ws"
    _lake(lake, _lines())
    windows = _fetches(monkeypatch)
    fetched = run("-v", "-w", str(lake), *SPLIT, "--basis", basis)
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout == files.stdout
    assert [w.since for w in windows] == [date(2024, 1, 1)]  # not the whole table
    # 2024 whole; of the years before, each customer's latest lines (SO2, SO4, SO5): not
    # SO1 nor SO3
    assert "orders: 7 rows fetched from" in fetched.stderr


def test_a_split_for_a_year_after_the_orders_end_takes_their_last_twelve_months(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Orders ending 2024-08-15, a split of 2026 (base year 2025, no sales): --basis equal
    shares among the team as last seen, the year up to the last line: fetched whole from
    2023-08-16 once the first read told where the orders end."""
    asked = ("split-targets", "--year", "2026", "--total", "900000", "--basis", "equal")
    files = run("-w", str(_files(tmp_path / "files")), *asked, "--format", "csv")
    assert files.exit_code == 0, files.stderr
    assert "2026-01,张三" in files.stdout and "赵六" not in files.stdout
    lake = tmp_path / "lake_ws"
    _lake(lake, _lines())
    windows = _fetches(monkeypatch)
    fetched = run("-w", str(lake), *asked, "--format", "csv")
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout == files.stdout
    assert [w.since for w in windows] == [date(2025, 1, 1), date(2023, 8, 16)]


def test_a_split_from_postgresql_asks_the_server_for_the_base_year_on(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    from tests.output.test_source_record import _postgres_lines, _postgres_workspace

    files = run("-w", str(_files(tmp_path / "files")), *SPLIT, "--basis", "equal")
    assert files.exit_code == 0, files.stderr
    _postgres_lines(postgres_url, _lines(), reader=None)
    folder = tmp_path / "pg"
    folder.mkdir()
    _postgres_workspace(folder, postgres_url)
    (folder / "targets.csv").unlink()
    fetched = run("-v", "-w", str(folder), *SPLIT, "--basis", "equal")
    assert fetched.exit_code == 0, fetched.stderr
    assert fetched.stdout == files.stdout
    assert "\"下单日期\" >= DATE '2024-01-01'" in fetched.stderr


ZONED = [
    order_row("SO1", "2023-06-02", "C1", 300),
    # 01:00 on 1 January 2024 in Shanghai, 17:00 on 31 December 2023 in UTC: a 2024 sale
    order_row("SO2", "2024-01-01 01:00", "C3", 500, rep="王五"),
    order_row("SO3", "2024-03-04", "C1", 300),
    order_row("SO4", "2024-06-05", "C2", 200, rep="李四"),
]


def test_a_split_from_zoned_timestamps_counts_the_base_year_s_first_hours(
    tmp_path: Path,
) -> None:
    """A source whose order dates are zoned timestamps: the base year starts at midnight in
    the policy's time zone (Asia/Shanghai), 16:00 the day before in UTC. The split is the one
    from the same lines as a file: 王五's 500 on New Year's night is a 2024 sale."""
    from tests.cli.test_review11 import _duckdb_orders

    files = run("-w", str(_files(tmp_path / "files", ZONED)), *SPLIT)
    assert files.exit_code == 0, files.stderr
    assert "王五" in files.stdout
    lines = pd.DataFrame(ZONED, columns=ORDER_HEADER)
    for column in DATES:
        lines[column] = pd.to_datetime(lines[column], format="mixed")
    lines["下单日期"] = lines["下单日期"].dt.tz_localize("Asia/Shanghai")
    folder = tmp_path / "zoned"
    _duckdb_orders(folder, lines)
    (folder / "targets.csv").unlink()
    zoned = run("-w", str(folder), *SPLIT)
    assert zoned.exit_code == 0, zoned.stderr
    assert zoned.stdout == files.stdout
