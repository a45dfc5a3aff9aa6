"""Database outputs against real databases: SQLite files and a throwaway PostgreSQL server
(tests/postgres.py starts one from Debian's binaries; without them these tests skip)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from salescli.output.tables import SQL_TYPES, spec_of
from tests.helpers import ORDER_HEADER, order_row, run, set_settings, write_csv
from tests.postgres import postgres_server, postgres_url  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]
DEMO = str(ROOT / "examples" / "demo")
BACKENDS = ["sqlite", "postgresql"]


def workspace(folder: Path, extra: list[list[Any]] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "orders.csv",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-04-03", "C1", 100),
            order_row("SO2", "2024-04-09", "C2", 40, rep="李四"),
            order_row("SO3", "2024-05-03", "C1", 200),
            order_row("SO4", "2024-05-20", "C2", 50.5, rep="李四"),
            *(extra or []),
        ],
    )
    write_csv(  # an appraisal needs its period's targets (66 without)
        folder / "targets.csv",
        [
            ["rep", "period", "target"],
            *([rep, month, 300] for rep in ("张三", "李四") for month in ("2024-04", "2024-05")),
        ],
    )
    return folder


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'sales.db'}"
    return request.getfixturevalue("postgres_url")


def query(url: str, sql: str) -> list[tuple]:
    """Rows with dates as ISO text and booleans as 0/1, so both databases compare."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            rows = db.execute(sql).fetchall()
    else:
        import psycopg

        with psycopg.connect(url) as db:
            rows = db.execute(sql).fetchall()
    return [tuple(_plain(v) for v in row) for row in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def tables(url: str) -> set[str]:
    if url.startswith("sqlite"):
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    else:
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    return {row[0] for row in query(url, sql)}


def column_types(url: str, table: str) -> dict[str, str]:
    if url.startswith("sqlite"):
        return {r[1]: r[2] for r in query(url, f"PRAGMA table_info({table})")}
    return dict(
        query(
            url,
            "SELECT column_name, upper(data_type) FROM information_schema.columns "
            f"WHERE table_name = '{table}'",
        )
    )


def test_two_months_and_a_rerun_leave_two_periods_with_the_right_rows(
    tmp_path: Path, url: str
) -> None:
    folder = workspace(tmp_path / "ws")
    for month in ("2024-04", "2024-05"):
        result = run("-q", "-w", str(folder), "appraise", "--month", month, "-o", url)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
    april = query(url, "SELECT * FROM appraisal_month WHERE period = '2024-04' ORDER BY rep")
    # a late order for May arrives: the rerun replaces May and leaves April alone
    workspace(folder, [order_row("SO5", "2024-05-28", "C1", 1000)])
    result = run("-q", "-w", str(folder), "appraise", "--month", "2024-05", "-o", url)
    assert result.exit_code == 0, result.stderr

    counts = query(url, "SELECT period, COUNT(*) FROM appraisal_month GROUP BY period ORDER BY 1")
    assert counts == [("2024-04", 2), ("2024-05", 2)]
    assert (
        query(url, "SELECT * FROM appraisal_month WHERE period = '2024-04' ORDER BY rep") == april
    )
    amounts = dict(query(url, "SELECT rep, amount FROM appraisal_month WHERE period = '2024-05'"))
    assert amounts == {"张三": 1200.0, "李四": 50.5}
    # the rows are those of the CSV the same run writes
    csv_run = run("-q", "-w", str(folder), "appraise", "--month", "2024-05", "--format", "csv")
    assert "2024-05,张三,1200.0" in csv_run.stdout

    runs = query(url, "SELECT command, period, rows, tables, inputs FROM salescli_runs")
    assert [(c, p, n) for c, p, n, _, _ in runs] == [
        ("appraise", "2024-04", 2),
        ("appraise", "2024-05", 2),
        ("appraise", "2024-05", 2),
    ]
    assert json.loads(runs[-1][3]) == {"appraisal_month": 2}
    inputs = json.loads(runs[-1][4])
    orders = folder / "orders.csv"
    digest = hashlib.sha256(orders.read_bytes()).hexdigest()
    assert {"file": str(orders.resolve()), "bytes": orders.stat().st_size, "sha256": digest} in (
        inputs
    )
    assert json.loads(runs[0][4]) != inputs  # the first run read the file before the late order


KILLER = """
import os, signal, sys
from salescli.output import database

original = database.Database.replace_periods

def replace_then_die(self, *args, **kwargs):
    original(self, *args, **kwargs)  # the period's rows are deleted and rewritten, uncommitted
    os.kill(os.getpid(), signal.SIGKILL)

database.Database.replace_periods = replace_then_die
sys.argv = ["salescli", *sys.argv[1:]]
from salescli.cli import main
main()
"""


def test_a_run_killed_mid_write_leaves_the_database_unchanged(tmp_path: Path, url: str) -> None:
    folder = workspace(tmp_path / "ws")
    assert run("-q", "-w", str(folder), "appraise", "--month", "2024-05", "-o", url).exit_code == 0
    before = query(url, "SELECT * FROM appraisal_month ORDER BY rep")
    workspace(folder, [order_row("SO5", "2024-05-28", "C1", 1000)])
    killed = subprocess.run(
        [
            *(sys.executable, "-c", KILLER, "-q", "-w", str(folder)),
            *("appraise", "--month", "2024-05", "-o", url),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert killed.returncode == -9, killed.stderr
    assert query(url, "SELECT * FROM appraisal_month ORDER BY rep") == before
    assert query(url, "SELECT COUNT(*) FROM salescli_runs") == [(1,)]
    # the next run finds a sound database (SQLite rolls back the hot journal)
    assert run("-q", "-w", str(folder), "appraise", "--month", "2024-05", "-o", url).exit_code == 0
    assert query(url, "SELECT SUM(amount) FROM appraisal_month") == [(1250.5,)]


def test_an_incompatible_column_stops_73_and_nothing_is_written(tmp_path: Path, url: str) -> None:
    folder = workspace(tmp_path / "ws")
    result = run("-q", "-w", str(folder), "report", "--month", "2024-05", "-o", url)
    assert result.exit_code == 0, result.stderr
    before = {t: query(url, f"SELECT COUNT(*) FROM {t}") for t in tables(url)}
    # someone made the trend table's amount text; the report writes tables before it
    rows = query(url, "SELECT COUNT(*) FROM report_month_trend")
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute("DROP TABLE report_month_trend")
            db.execute("CREATE TABLE report_month_trend (period TEXT, month TEXT, amount TEXT)")
    else:
        import psycopg

        with psycopg.connect(url) as db:
            db.execute("ALTER TABLE report_month_trend ALTER COLUMN amount TYPE TEXT")
    before["report_month_trend"] = query(url, "SELECT COUNT(*) FROM report_month_trend")
    result = run("-q", "-w", str(folder), "report", "--month", "2024-04", "-o", url)
    assert result.exit_code == 73
    assert "table report_month_trend column amount is TEXT" in result.stderr
    assert "writes DOUBLE PRECISION" in result.stderr and "hint:" in result.stderr
    assert {t: query(url, f"SELECT COUNT(*) FROM {t}") for t in tables(url)} == before
    assert query(url, "SELECT DISTINCT period FROM report_month_by_rep") == [("2024-05",)]
    assert rows


def test_a_new_column_is_added_to_an_existing_table(tmp_path: Path, url: str) -> None:
    folder = workspace(tmp_path / "ws")
    create = (
        "CREATE TABLE appraisal_month (period TEXT NOT NULL, rep TEXT, amount DOUBLE PRECISION)"
    )
    insert = "INSERT INTO appraisal_month VALUES ('2023-12', '张三', 9.5)"
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            db.execute(create)
            db.execute(insert)
    else:
        import psycopg

        with psycopg.connect(url) as db:
            db.execute(create)
            db.execute(insert)
    result = run("-q", "-w", str(folder), "appraise", "--month", "2024-05", "-o", url)
    assert result.exit_code == 0, result.stderr
    columns = column_types(url, "appraisal_month")
    assert {"target", "bonus", "honours"} <= set(columns)
    assert query(url, "SELECT period, rep, amount, bonus FROM appraisal_month ORDER BY 1, 2")[
        0
    ] == ("2023-12", "张三", 9.5, None)


def test_columns_have_the_declared_types(tmp_path: Path, url: str) -> None:
    folder = workspace(tmp_path / "ws")
    for args in (["report", "--month", "2024-05"], ["appraise", "--quarter", "2024Q2"]):
        result = run("-q", "-w", str(folder), *args, "-o", url)
        assert result.exit_code == 0, result.stderr
    checked = 0
    for command, table, name in [
        ("report", "late_orders", "report_month_late_orders"),
        ("report", "by_rep", "report_month_by_rep"),
        ("report", "by_class", "report_month_by_class"),
        ("appraise", "appraisal", "appraisal_quarter"),
    ]:
        if name not in tables(url):
            continue
        spec = spec_of(command, table)
        assert spec is not None
        for column, sql_type in column_types(url, name).items():
            declared = "TEXT" if column == "period" else SQL_TYPES[spec.column(column).type]
            assert sql_type.upper() == declared, (name, column)
            checked += 1
    assert checked > 20
    late = query(url, "SELECT due_date, days_late FROM report_month_late_orders")
    assert all(isinstance(d, str) and len(d) == 10 and isinstance(n, int) for d, n in late)
    assert column_types(url, "salescli_runs")["rows"] == "BIGINT"


SLOW = """
import os, sys, time
from pathlib import Path
from salescli.output import database

markers = Path(os.environ["MARKERS"])
role = os.environ["ROLE"]
replace_periods = database.Database.replace_periods

def said(begin):  # each database's own begin (SQLite and PostgreSQL both override it)
    def begin_said(self):
        if role == "second":
            (markers / "second-begins").touch()
        begin(self)
    return begin_said

def replace_and_wait(self, *args, **kwargs):
    replace_periods(self, *args, **kwargs)  # in the transaction: tables created, rows written
    if role == "first":
        (markers / "first-is-writing").touch()
        deadline = time.monotonic() + 30
        while not (markers / "second-begins").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        if not (markers / "second-begins").exists():
            sys.exit("the second run never began to write")
        time.sleep(1.5)  # the second run is now at its first statement

for kind in database.Database.__subclasses__():
    kind.begin = said(kind.begin)
database.Database.replace_periods = replace_and_wait
sys.argv = ["salescli", *sys.argv[1:]]
from salescli.cli import main
main()
"""


def test_two_runs_at_once_follow_one_another(tmp_path: Path, url: str) -> None:
    """The first run is inside its transaction (its tables created, not committed) when the
    second starts writing to the fresh database: the second waits, then both land. (Two
    workspaces: runs on one workspace already wait for its lock.)"""
    import time

    marker = tmp_path / "first-is-writing"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MARKERS": str(tmp_path)}

    def start(role: str, month: str) -> subprocess.Popen:
        folder = workspace(tmp_path / role)
        return subprocess.Popen(
            [
                *(sys.executable, "-c", SLOW, "-q", "-w", str(folder), "--no-cache"),
                *("appraise", "--month", month, "-o", url),
            ],
            stderr=subprocess.PIPE,
            env={**env, "ROLE": role},
        )

    first = start("first", "2024-05")
    deadline = time.monotonic() + 120
    while not marker.exists() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), first.stderr.read() if first.stderr else ""
    second = start("second", "2024-04")
    _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    _, stderr = second.communicate(timeout=300)
    assert second.returncode == 0, stderr
    assert query(url, "SELECT period, COUNT(*) FROM appraisal_month GROUP BY 1 ORDER BY 1") == [
        ("2024-04", 2),
        ("2024-05", 2),
    ]
    assert query(url, "SELECT period FROM salescli_runs ORDER BY written_at") == [
        ("2024-05",),
        ("2024-04",),
    ]


@pytest.mark.slow
def test_sqlite_and_postgresql_hold_identical_rows(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    postgres = request.getfixturevalue("postgres_url")
    lite = f"sqlite:///{tmp_path / 'sales.db'}"
    for args in (
        ["report", "--month", "2024-05"],
        ["report", "--week", "2024-W19"],
        ["appraise", "--quarter", "2024Q2"],
        ["plan-visits", "--month", "2024-06"],
    ):
        for target in (lite, postgres):
            result = run("-q", "-w", DEMO, *args, "-o", target)
            assert result.exit_code == 0, result.stderr
    names = tables(lite)
    assert names == tables(postgres)
    assert {"report_month_market", "report_week_by_rep", "appraisal_quarter"} <= names
    compared = 0
    for name in sorted(names - {"salescli_runs"}):
        columns = [c for c in column_types(lite, name)]
        assert set(columns) == set(column_types(postgres, name)), name
        select = f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} FROM {name}"
        rows_lite = sorted(query(lite, select), key=repr)
        rows_pg = sorted(query(postgres, select), key=repr)
        assert rows_lite == rows_pg, name
        compared += len(rows_lite)
    assert compared > 1000
    runs = "SELECT command, period, rows, tables, inputs FROM salescli_runs ORDER BY 1, 2"
    assert query(lite, runs) == query(postgres, runs)


def test_bad_database_targets(tmp_path: Path) -> None:
    folder = workspace(tmp_path / "ws")

    def appraise(target: str):
        return run("-q", "-w", str(folder), "appraise", "--month", "2024-05", "-o", target)

    bad = appraise("sqlite:/sales.db")
    assert bad.exit_code == 2 and "is not sqlite:///FILE" in bad.stderr
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 100)
    refused = appraise(f"sqlite:///{not_a_db}")
    assert refused.exit_code == 73 and str(not_a_db) in refused.stderr
    assert not_a_db.read_text().startswith("these are my notes")
    nowhere = appraise(f"postgresql://nobody@/sales?host={tmp_path}/no-socket&port=5432")
    assert nowhere.exit_code == 73
    assert "cannot connect to PostgreSQL" in nowhere.stderr and "hint:" in nowhere.stderr
    check = run("-q", "-w", str(folder), "check", "-o", f"sqlite:///{tmp_path / 'c.db'}")
    assert check.exit_code == 2 and "needs the period" in check.stderr


def test_targets_go_in_by_month_and_a_rerun_replaces_its_year(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    result = run(
        "-q", "-w", str(workspace(tmp_path / "ws")), "split-targets", "--year", "2025",
        "--total", "1200000", "--include", "王五", "-o", f"sqlite:///{db}",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    url = f"sqlite:///{db}"
    assert tables(url) == {"targets_year", "salescli_runs"}  # the pivot is a view for people
    by_year = "SELECT year, SUM(target), COUNT(DISTINCT period) FROM targets_year GROUP BY 1"
    assert query(url, by_year) == [(2025, 1200000.0, 12)]  # each row's period is its month
    for year, total in (("2026", "2400000"), ("2025", "600000")):  # a new year, then a rerun
        result = run(
            "-q", "-w", str(tmp_path / "ws"), "split-targets", "--year", year, "--total", total,
            "--include", "王五", "--basis", "equal", "-o", url,  # no 2025 orders to share 2026 by
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    assert query(url, by_year + " ORDER BY 1") == [(2025, 600000.0, 12), (2026, 2400000.0, 12)]


def test_the_output_layer_writes_a_database_like_any_other_target(tmp_path: Path) -> None:
    """What scheduled runs use: write(output, "sqlite:///…") with the command and period."""
    import pandas as pd

    from salescli.output import Output, Table, write
    from salescli.periods import parse_period

    frame = pd.DataFrame({"rep": ["张三"], "amount": [10.004], "target": [20.0]})
    out = Output("t", [Table("appraisal", frame)], command="appraise")
    url = f"sqlite:///{tmp_path / 'out.db'}"
    with pytest.raises(Exception, match="needs the period"):
        write(out, url)
    out.period = parse_period("2024Q2")
    assert write(out, url, protected={tmp_path / "missing.csv"}) == []
    assert query(url, "SELECT * FROM appraisal_quarter") == [("2024Q2", "张三", 10.0, 20.0)]
    assert query(url, "SELECT inputs FROM salescli_runs") == [("[]",)]


def test_a_write_that_waits_too_long_for_another_exits_75(
    tmp_path: Path, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from salescli.output import database

    folder = workspace(tmp_path / "ws")
    assert run("-q", "-w", str(folder), "appraise", "--month", "2024-04", "-o", url).exit_code == 0
    monkeypatch.setattr(database, "LOCK_WAIT_SECONDS", 1)
    if url.startswith("sqlite"):
        holder: Any = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        import psycopg

        holder = psycopg.connect(url)
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (database._LOCK_KEY,))
    try:
        result = run("-q", "-w", str(folder), "appraise", "--month", "2024-05", "-o", url)
    finally:
        holder.close()  # ends its transaction
    assert result.exit_code == 75, result.stderr
    assert "another write held the database" in result.stderr and "hint:" in result.stderr
    assert query(url, "SELECT DISTINCT period FROM appraisal_month") == [("2024-04",)]


def test_rep_filter_is_refused_for_a_database(tmp_path: Path) -> None:
    folder = workspace(tmp_path / "ws")
    db = tmp_path / "t.db"
    result = run(
        "-q", "-w", str(folder), "appraise", "--month", "2024-05", "--rep", "张三",
        "-o", f"sqlite:///{db}",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--rep with a database output" in result.stderr
    assert not db.exists()


def test_scheduled_runs_also_write_to_the_configured_database(
    tmp_path: Path, url: str, small_company: Path
) -> None:
    import shutil

    folder = tmp_path / "sales"
    shutil.copytree(str(small_company), folder, ignore=shutil.ignore_patterns(".salescli"))
    database = "sqlite:///history/bi.db" if url.startswith("sqlite") else url  # relative: here
    jobs = ["weekly_report", "monthly_report", "visit_audit", "visit_plan", "classify"]
    jobs += ["quarterly_appraisal", "quarterly_report", "yearly_appraisal"]
    settings = {"database": f'"{database}"', "monthly_appraisal": "true"}
    settings |= dict.fromkeys(jobs, "false")
    set_settings(folder / "salescli.toml", "run", **settings)
    result = run("-w", str(folder), "--today", "2024-12-02", "run")
    assert result.exit_code == 0, result.stderr
    assert (folder / "reports" / "2024-11" / "monthly-appraisal.xlsx").is_file()
    if url.startswith("sqlite"):
        url = f"sqlite:///{folder / 'history' / 'bi.db'}"
    assert query(url, "SELECT period, COUNT(*) FROM appraisal_month GROUP BY 1") == [
        ("2024-11", 40)
    ]
    assert query(url, "SELECT command, period FROM salescli_runs") == [("appraise", "2024-11")]


def test_a_run_database_setting_that_is_no_database_is_refused(tmp_path: Path) -> None:
    folder = workspace(tmp_path / "ws")
    (folder / "salescli.toml").write_text('[run]\ndatabase = "mysql://x/y"\n', encoding="utf-8")
    result = run("-w", str(folder), "--today", "2024-06-03", "run")
    assert result.exit_code == 78
    assert "run.database" in result.stderr


def test_the_report_duties_and_highlights_go_into_the_database(
    tmp_path: Path, small_company: Path
) -> None:
    db = tmp_path / "r.db"
    result = run(
        "-q", "-w", str(small_company), "report", "--month", "2024-05", "-o", f"sqlite:///{db}"
    )
    assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as con:
        for table in ("feedback", "highlights", "contributions", "order_changes", "open_feedback"):
            spec = spec_of("report", table)
            assert spec is not None, table
            name = spec.database_table("month")
            assert name == f"report_month_{table}"
            columns = {r[1]: r[2] for r in con.execute(f'PRAGMA table_info("{name}")')}
            assert list(columns) == ["period", *spec.columns], table
            assert all(columns[c.name] == SQL_TYPES[c.type] for c in spec.machine_columns())
            count, periods = con.execute(
                f'SELECT count(*), count(DISTINCT period) FROM "{name}"'
            ).fetchone()
            assert count > 0 and periods == 1, table
        received = con.execute(
            "SELECT sum(received) FROM report_month_feedback WHERE period = '2024-05'"
        ).fetchone()[0]
        summary = con.execute(
            "SELECT current FROM report_month_summary WHERE figure = 'feedback_received'"
        ).fetchone()[0]
        assert received == summary > 0  # the reps' rows add up to the company's row


def test_a_password_in_the_uri_reaches_no_message_and_no_lineage_row(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The throwaway server trusts every login, so a password of any form connects: it must
    be in no line printed and in no row of salescli_runs; a failure names the URI masked."""
    server = request.getfixturevalue("postgres_url")
    workspace(tmp_path / "ws")
    secret = "pa#ss@w0rd"
    url = f"{server}&password=pa%23ss%40w0rd"
    written = run("-w", str(tmp_path / "ws"), "-v", "appraise", "--month", "2024-05", "-o", url)
    assert written.exit_code == 0, written.stderr
    assert "pa%23ss" not in written.stderr + written.stdout
    runs = query(url, "SELECT * FROM salescli_runs")
    assert len(runs) == 1
    assert not any(secret in str(v) or "pa%23ss" in str(v) for v in runs[0])
    missing = url.replace(server.split("?")[0].rsplit("/", 1)[1], "no_such_database", 1)
    failed = run("-w", str(tmp_path / "ws"), "-v", "appraise", "--month", "2024-05", "-o", missing)
    assert failed.exit_code == 73, failed.stderr
    assert "no_such_database" in failed.stderr and "password=***" in failed.stderr
    assert "pa%23ss" not in failed.stderr and secret not in failed.stderr


def test_a_runs_warnings_are_written_beside_its_figures(tmp_path: Path, url: str) -> None:
    """A month the orders cover only in part (to 20 May) was written like a whole one: its
    warning went to stderr only, and a dashboard reading the database could not mark it.
    salescli_runs now holds the run's warnings, in English whatever --lang."""
    folder = workspace(tmp_path / "ws")
    for args in (
        ["--lang", "zh", "appraise", "--month", "2024-05"],
        ["appraise", "--month", "2024-04"],
    ):
        result = run("-q", "-w", str(folder), *args, "-o", url)
        assert result.exit_code == 0, result.stderr
    said = dict(query(url, "SELECT period, warnings FROM salescli_runs ORDER BY period"))
    april, may = json.loads(said["2024-04"]), json.loads(said["2024-05"])
    assert all(isinstance(w, str) for w in april + may)
    partial = [w for w in may if "the figures cover 2024-05-01..2024-05-20 only" in w]
    assert len(partial) == 1 and partial[0].startswith("orders"), may
    assert not any("the figures cover" in w for w in april), april  # April is whole
    assert [w for w in april if w.startswith("orders.csv")] == [  # the export's, in both
        w for w in may if w.startswith("orders.csv")
    ]
    assert "2024-05-20" in run("-w", str(folder), "appraise", "--month", "2024-05").stderr
