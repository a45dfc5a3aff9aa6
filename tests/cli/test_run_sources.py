"""`salescli run` over orders that live in a source reads what its jobs need, not the table:
how far the orders reach is the source's own last day (a 10M-line table was fetched whole to
tell, 35 s and 5.3 GB), and whether the source changed since a job was done is told from its
files' content or, for PostgreSQL, from a count and a hash sum the server computes. The jobs'
figures are those of the commands run one by one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from salescli.data import sources
from tests.cli.test_run import only_jobs
from tests.data.test_spark import _spark_engine, spark  # noqa: F401  (a fixture)
from tests.helpers import order_row, run, set_settings, write_csv
from tests.output.test_source_record import (
    _lines,
    _postgres_lines,
    _postgres_workspace,
    _targets,
)
from tests.postgres import postgres_server, postgres_url  # noqa: F401

TODAY = "2024-06-03"  # the first working day after May: May's appraisal is due


def _monthly_appraisal_only(folder: Path) -> None:
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')


def _lake(folder: Path, lines: pd.DataFrame) -> None:
    """The lines as a month-partitioned Parquet folder, the orders' source."""
    _targets(folder)
    for month, part in lines.groupby(pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m")):
        place = folder / "lake" / f"month={month}"
        place.mkdir(parents=True)
        part.to_parquet(place / "part-0.parquet", index=False)
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')


def _fetches(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The window of every fetch made (None: the whole table)."""
    windows: list[Any] = []
    fetch = sources.fetch

    def counted(source: Any, name: str, spec: Any, window: Any, *args: Any, **kw: Any) -> Any:
        windows.append(window)
        return fetch(source, name, spec, window, *args, **kw)

    monkeypatch.setattr(sources, "fetch", counted)
    return windows


def test_run_fetches_the_jobs_windows_not_the_whole_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ws"
    _lake(folder, _lines())
    _monthly_appraisal_only(folder)
    windows = _fetches(monkeypatch)
    done = run("-w", str(folder), "--today", TODAY, "run")
    assert done.exit_code == 0, done.stderr
    assert windows and None not in windows  # it was fetched whole (for the reach and the SHA)
    written = folder / "reports" / "2024-05" / "monthly-appraisal.json"
    alone = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert alone.exit_code == 0, alone.stderr
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(alone.stdout)

    # unchanged: skipped, told from the files, nothing fetched
    windows.clear()
    again = run("-v", "-w", str(folder), "--today", TODAY, "run", "--since", TODAY)
    assert "already done on 2024-06-03, inputs unchanged" in again.stderr
    assert windows == []
    # a line changed in a partition: done again, with the line's new amount
    part = folder / "lake" / "month=2024-05" / "part-0.parquet"
    lines = pd.read_parquet(part)
    lines.loc[lines["订单编号"] == "SO3", "金额"] = 250.0
    lines.to_parquet(part, index=False)
    redone = run("-v", "-w", str(folder), "--today", TODAY, "run", "--since", TODAY)
    assert redone.exit_code == 0, redone.stderr
    assert "inputs unchanged" not in redone.stderr
    assert "250" in written.read_text(encoding="utf-8")


def test_run_waits_while_the_source_ends_before_the_month_it_would_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Orders that reach 20 May: May's appraisal waits, said from the source's last day."""
    folder = tmp_path / "ws"
    rows = [
        order_row("SO1", "2024-04-03", "C1", 100),
        order_row("SO2", "2024-05-20", "C2", 40, rep="李四"),
    ]
    _lake(folder, _lines(rows))
    _monthly_appraisal_only(folder)
    windows = _fetches(monkeypatch)
    done = run("-v", "-w", str(folder), "--today", TODAY, "run")
    assert done.exit_code == 0, done.stderr
    assert "the orders reach 2024-05-20, not 2024-05-31 yet (tried again next run)" in done.stderr
    assert windows == []
    assert not (folder / "reports" / "2024-05" / "monthly-appraisal.json").exists()


def test_run_over_a_source_whose_dates_are_text_reads_its_lines_to_tell_how_far_they_reach(
    tmp_path: Path,
) -> None:
    """A SQLite table keeps its dates as text: the source cannot say its last day, so the
    lines are read, as before, and the job waits or runs as they say."""
    import sqlite3

    folder = tmp_path / "ws"
    _targets(folder)
    lines = _lines([order_row("SO1", "2024-05-20", "C1", 100)])
    with sqlite3.connect(folder / "erp.sqlite") as db:
        lines.astype(str).to_sql("order_lines", db, index=False)
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"sqlite:///erp.sqlite"',
        table='"order_lines"',
    )
    _monthly_appraisal_only(folder)
    done = run("-v", "-w", str(folder), "--today", TODAY, "run")
    assert done.exit_code == 0, done.stderr
    assert "the orders reach 2024-05-20, not 2024-05-31 yet" in done.stderr
    with sqlite3.connect(folder / "erp.sqlite") as db:
        db.execute("INSERT INTO order_lines SELECT * FROM order_lines WHERE \"订单编号\" = 'SO1'")
        db.execute(
            "UPDATE order_lines SET \"订单编号\" = 'SO2', \"下单日期\" = '2024-06-01' "
            "WHERE rowid = (SELECT max(rowid) FROM order_lines)"
        )
    now = run("-v", "-w", str(folder), "--today", TODAY, "run")
    assert now.exit_code == 0, now.stderr
    assert (folder / "reports" / "2024-05" / "monthly-appraisal.json").exists()


def test_run_tells_a_postgresql_table_changed_from_the_servers_count_and_hash_sum(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    postgres_url: str,  # noqa: F811
) -> None:
    import psycopg

    _postgres_lines(postgres_url, _lines(), reader=None)
    folder = tmp_path / "ws"
    _postgres_workspace(folder, postgres_url)
    _monthly_appraisal_only(folder)
    windows = _fetches(monkeypatch)
    asked = ["-v", "-w", str(folder), "--today", TODAY, "run"]
    done = run(*asked)
    assert done.exit_code == 0, done.stderr
    assert windows and None not in windows
    again = run(*asked, "--since", TODAY)
    assert "already done on 2024-06-03, inputs unchanged" in again.stderr
    for change in (
        'UPDATE erp.order_lines SET "金额" = 250 WHERE "订单编号" = \'SO3\'',
        "INSERT INTO erp.order_lines SELECT * FROM erp.order_lines WHERE \"订单编号\" = 'SO1'",
    ):
        with psycopg.connect(postgres_url, autocommit=True) as db:
            db.execute(change)
        redone = run(*asked, "--since", TODAY)
        assert redone.exit_code == 0, redone.stderr
        assert "inputs unchanged" not in redone.stderr, change


def test_run_with_spark_as_the_engine_asks_spark_how_far_the_orders_reach(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spark: object,  # noqa: F811
) -> None:
    folder = tmp_path / "ws"
    _lake(folder, _lines())
    _monthly_appraisal_only(folder)
    _spark_engine(folder)
    windows = _fetches(monkeypatch)
    done = run("-w", str(folder), "--today", TODAY, "run")
    assert done.exit_code == 0, done.stderr
    assert windows and None not in windows
    written = folder / "reports" / "2024-05" / "monthly-appraisal.json"
    alone = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert json.loads(written.read_text(encoding="utf-8")) == json.loads(alone.stdout)


def test_run_tells_a_duckdb_view_over_files_outside_it_changed(tmp_path: Path) -> None:
    """A DuckDB database whose view reads a Parquet file beside it: the database's bytes do
    not change when the file does, the rows its view gives do (DuckDB's count and hash sum)."""
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    _targets(folder)
    lines = folder / "exports" / "lines.parquet"
    lines.parent.mkdir()
    _lines().to_parquet(lines, index=False)
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.execute(f"CREATE VIEW order_lines AS SELECT * FROM read_parquet('{lines}')")
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
    )
    _monthly_appraisal_only(folder)
    asked = ["-v", "-w", str(folder), "--today", TODAY, "run"]
    assert run(*asked).exit_code == 0
    assert "inputs unchanged" in run(*asked, "--since", TODAY).stderr
    before = (folder / "sales.duckdb").read_bytes()
    changed = _lines()
    changed.loc[changed["订单编号"] == "SO3", "金额"] = 250.0
    changed.to_parquet(lines, index=False)
    assert (folder / "sales.duckdb").read_bytes() == before
    redone = run(*asked, "--since", TODAY)
    assert redone.exit_code == 0, redone.stderr
    assert "inputs unchanged" not in redone.stderr
    written = folder / "reports" / "2024-05" / "monthly-appraisal.json"
    assert "250" in written.read_text(encoding="utf-8")


def test_run_s_jobs_reading_the_same_days_share_one_fetch_and_write_the_commands_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the first working day of a quarter: classify and the quarter's report and
    appraisal read the same days, the month's report and appraisal theirs. A job reading the
    days the job before it read takes its lines: three fetches, not five. Each file is the
    command's own, run alone."""
    folder = tmp_path / "ws"
    rows = [
        order_row("SO1", "2024-04-03", "C1", 100),
        order_row("SO2", "2024-05-09", "C2", 40, rep="李四"),
        order_row("SO3", "2024-06-03", "C1", 200.25),
        order_row("SO4", "2024-06-20", "C2", 50.5, rep="李四"),
        order_row("SO5", "2024-07-02", "C2", 70, rep="王五"),
    ]
    _lake(folder, _lines(rows))
    targets: list[list[object]] = [["rep", "period", "target"]]
    months = ("2024-04", "2024-05", "2024-06")
    targets += [[rep, month, 300] for rep in ("张三", "李四") for month in months]
    write_csv(folder / "targets.csv", targets)
    jobs = ["classify", "monthly_report", "monthly_appraisal", "quarterly_report"]
    formats = 'report_formats = ["json"]\ntable_formats = ["json"]'
    only_jobs(folder, *jobs, "quarterly_appraisal", more=formats)
    windows = _fetches(monkeypatch)
    done = run("-w", str(folder), "--today", "2024-07-01", "run")
    assert done.exit_code == 0, done.stderr
    record = json.loads((folder / ".salescli" / "run.json").read_text(encoding="utf-8"))
    assert sorted(record["done"]) == [
        "classify 2024Q2",
        "monthly-appraisal 2024-06",
        "monthly-report 2024-06",
        "quarterly-appraisal 2024Q2",
        "quarterly-report 2024Q2",
    ]
    assert len(windows) == 3 and None not in windows
    for job in record["done"].values():
        (source,) = job["sources"]
        assert source["rows"] == 4  # up to June: the July line is left in the source
    commands = {
        "classify 2024Q2": ["classify", "--quarter", "2024Q2"],
        "monthly-appraisal 2024-06": ["appraise", "--month", "2024-06"],
        "quarterly-appraisal 2024Q2": ["appraise", "--quarter", "2024Q2"],
        "monthly-report 2024-06": ["report", "--month", "2024-06"],
        "quarterly-report 2024Q2": ["report", "--quarter", "2024Q2"],
    }
    for key, command in commands.items():
        (written,) = [p for p in record["done"][key]["outputs"] if p.endswith(".json")]
        own = tmp_path / "alone" / written
        alone = run("-w", str(folder), *command, "-o", str(own))
        assert alone.exit_code == 0, alone.stderr
        assert (folder / written).read_bytes() == own.read_bytes(), key
