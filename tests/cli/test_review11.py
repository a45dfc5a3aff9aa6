"""A hostile second read of how salescli reads tables that live in a source and what
`salescli run` does with them (review11): the reach of a source's orders, whether a source
changed, the columns a command's read lets go, and the reads `run`'s jobs share."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.cli.test_run import only_jobs
from tests.cli.test_run_sources import _lake
from tests.data.test_spark import spark  # noqa: F401  (a fixture)
from tests.helpers import ORDER_HEADER, order_row, run, set_settings, write_csv
from tests.output.test_source_record import (
    _lines,
    _postgres_lines,
    _postgres_workspace,
    _targets,
)
from tests.postgres import postgres_server, postgres_url  # noqa: F401

TODAY = "2024-06-03"  # the first working day after May: May's appraisal is due
WRITTEN = Path("reports") / "2024-05" / "monthly-appraisal.json"


def _duckdb_orders(folder: Path, lines: pd.DataFrame, sql_type: str = "TIMESTAMPTZ") -> None:
    """The lines in a DuckDB file, their order date typed `sql_type`."""
    duckdb = pytest.importorskip("duckdb")
    _targets(folder)
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.register("given", lines)
        db.execute(
            'CREATE TABLE order_lines AS SELECT * REPLACE (CAST("下单日期" AS '
            f'{sql_type}) AS "下单日期") FROM given'
        )
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
    )
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')


def test_run_reads_a_zoned_source_s_last_day_in_the_policy_s_time_zone(tmp_path: Path) -> None:
    """The orders' last line is at 00:30 on 31 May in Shanghai (16:30 on 30 May in UTC): the
    lines say May is complete, as the same lines from a file say, and the month is done."""
    lines = _lines(
        [
            order_row("SO1", "2024-05-03", "C1", 100),
            order_row("SO2", "2024-05-20", "C2", 40, rep="李四"),
        ]
    )
    lines["下单日期"] = pd.to_datetime(lines["下单日期"]).dt.tz_localize("Asia/Shanghai")
    lines.loc[1, "下单日期"] = pd.Timestamp("2024-05-31 00:30", tz="Asia/Shanghai")
    folder = tmp_path / "ws"
    _duckdb_orders(folder, lines)
    done = run("-v", "-w", str(folder), "--today", TODAY, "run")
    assert done.exit_code == 0, done.stderr
    assert "not 2024-05-31 yet" not in done.stderr
    assert (folder / WRITTEN).exists(), done.stderr


SPREAD = [
    # before June's window, inside the second quarter's: June fetches C1's last line alone
    order_row("SO0", "2022-01-05", "C1", 80),
    order_row("SO9", "2022-01-10", "C1", 90),
    order_row("SO1", "2024-04-03", "C1", 100),
    order_row("SO2", "2024-05-09", "C2", 40, rep="李四"),
    order_row("SO3", "2024-06-03", "C1", 200.25),
    order_row("SO4", "2024-06-20", "C2", 50.5, rep="李四"),
    order_row("SO5", "2024-06-25", "C1", 30),  # after May's window C1's latest line alone
]


def test_a_program_s_workspace_reads_a_month_after_its_quarter_without_a_false_refusal(
    tmp_path: Path,
) -> None:
    """A program appraises the quarter, then reports its last month on the same workspace:
    the month's days lie inside the quarter's read, and the report asks for columns the
    appraisal let go. The source is read again for them, for the month's days: other rows
    than the quarter's, and no change of the source's, which is not refused (75)."""
    from salescli import Workspace, appraise, report

    folder = tmp_path / "ws"
    _lake(folder, _lines(SPREAD))
    workspace = Workspace(folder)
    appraise(workspace, quarter="2024Q2", today="2024-07-01")
    monthly = report(workspace, month="2024-06", today="2024-07-01")
    alone = report(Workspace(folder), month="2024-06", today="2024-07-01")
    assert monthly["summary"].equals(alone["summary"])


def test_a_program_s_workspace_reads_a_period_after_a_whole_read_for_some_columns(
    tmp_path: Path,
) -> None:
    """`table("orders", columns=[...])` before any period reads every line; an appraisal then
    asks for the columns let go: they are read again for every line, not refused as changed."""
    from salescli import Workspace, appraise

    folder = tmp_path / "ws"
    _lake(folder, _lines(SPREAD))
    workspace = Workspace(folder)
    dates = workspace.table("orders", columns=["order_date"])
    assert dates is not None and len(dates) == len(SPREAD)
    appraised = appraise(workspace, month="2024-05", today=TODAY)
    alone = appraise(Workspace(folder), month="2024-05", today=TODAY)
    assert appraised["appraisal"].equals(alone["appraisal"])
    whole = workspace.table("orders")
    assert whole is not None and len(whole) == len(SPREAD)


REACHING = [
    order_row("SO1", "2024-05-03", "C1", 100),
    order_row("SO2", "2024-05-09", "C2", 40, rep="李四"),
    order_row("SO3", "2024-06-01", "C1", 5),  # the orders reach past May
]
ASKED = ["-v", "--today", TODAY, "run"]


def _redone_when_changed(folder: Path, change: object) -> None:
    """Run; run --since: inputs unchanged; `change()` the source's May line SO1 to 250:
    done again, with the new amount."""
    asked = ["-w", str(folder), *ASKED]
    done = run(*asked)
    assert done.exit_code == 0, done.stderr
    assert (folder / WRITTEN).exists(), done.stderr
    again = run(*asked, "--since", TODAY)
    assert "already done on 2024-06-03, inputs unchanged" in again.stderr
    change()  # type: ignore[operator]
    redone = run(*asked, "--since", TODAY)
    assert redone.exit_code == 0, redone.stderr
    assert "inputs unchanged" not in redone.stderr
    appraisal = json.loads((folder / WRITTEN).read_text(encoding="utf-8"))
    assert "250" in json.dumps(appraisal), appraisal


def test_run_tells_a_duckdb_table_with_a_column_named_t_changed(tmp_path: Path) -> None:
    """The table has a column `t` (not read: a header no setting maps): the state's hash
    sum is of each whole row, not of that column's values."""
    duckdb = pytest.importorskip("duckdb")
    lines = _lines(REACHING)
    lines["t"] = "x"
    folder = tmp_path / "ws"
    _duckdb_orders(folder, lines, "DATE")

    def change() -> None:
        with duckdb.connect(str(folder / "sales.duckdb")) as db:
            db.execute('UPDATE order_lines SET "金额" = 250 WHERE "订单编号" = \'SO1\'')

    _redone_when_changed(folder, change)


def test_run_tells_a_postgresql_query_over_arrays_and_json_changed(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    """A `query =` source whose table holds text[], jsonb and a column `t`: the server casts
    each row to text for its hash sum; unchanged, the job is not redone; an amount changed,
    it is."""
    import psycopg

    _postgres_lines(postgres_url, _lines(REACHING), reader=None)
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(
            "ALTER TABLE erp.order_lines ADD COLUMN tags text[] DEFAULT '{a,\"b c\"}', "
            "ADD COLUMN extra jsonb DEFAULT '{\"k\": [1, null]}', ADD COLUMN t text DEFAULT 'x'"
        )
    folder = tmp_path / "ws"
    _postgres_workspace(folder, postgres_url, query='"SELECT * FROM erp.order_lines"')
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')

    def change() -> None:
        with psycopg.connect(postgres_url, autocommit=True) as db:
            db.execute('UPDATE erp.order_lines SET "金额" = 250 WHERE "订单编号" = \'SO1\'')

    _redone_when_changed(folder, change)


def test_run_tells_a_delta_table_s_new_commit(tmp_path: Path) -> None:
    deltalake = pytest.importorskip("deltalake")
    folder = tmp_path / "ws"
    _targets(folder)
    lines = _lines(REACHING)
    table = folder / "orders_delta"

    def typed(frame: pd.DataFrame) -> object:  # Delta has no type for a column of nulls
        import pyarrow as pa

        rows = pa.Table.from_pandas(frame, preserve_index=False)
        kinds = [pa.string() if pa.types.is_null(f.type) else f.type for f in rows.schema]
        return rows.cast(pa.schema(list(zip(rows.column_names, kinds, strict=True))))

    deltalake.write_deltalake(str(table), typed(lines))
    set_settings(folder / "salescli.toml", "inputs.orders", source='"delta://orders_delta"')
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')

    def change() -> None:
        changed = lines.copy()
        changed.loc[changed["订单编号"] == "SO1", "金额"] = 250.0
        deltalake.write_deltalake(str(table), typed(changed), mode="overwrite")

    _redone_when_changed(folder, change)


def test_run_tells_a_sqlite_file_changed(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "ws"
    _targets(folder)
    with sqlite3.connect(folder / "erp.sqlite") as db:
        _lines(REACHING).astype(str).to_sql("order_lines", db, index=False)
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"sqlite:///erp.sqlite"',
        table='"order_lines"',
    )
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')

    def change() -> None:
        db = sqlite3.connect(folder / "erp.sqlite")
        with db:
            db.execute("UPDATE order_lines SET \"金额\" = '250' WHERE \"订单编号\" = 'SO1'")
        db.close()

    _redone_when_changed(folder, change)


def test_run_tells_a_duckdb_view_over_a_csv_file_changed(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    _targets(folder)
    csv = folder / "exports" / "lines.csv"
    csv.parent.mkdir()
    lines = _lines(REACHING)
    lines.to_csv(csv, index=False)
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.execute(f"CREATE VIEW order_lines AS SELECT * FROM read_csv('{csv}')")
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"duckdb:///sales.duckdb"',
        table='"order_lines"',
    )
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')

    def change() -> None:
        changed = lines.copy()
        changed.loc[changed["订单编号"] == "SO1", "金额"] = 250.0
        changed.to_csv(csv, index=False)

    _redone_when_changed(folder, change)


def test_run_tells_an_iceberg_table_s_new_snapshot(tmp_path: Path) -> None:
    pytest.importorskip("pyiceberg")
    pytest.importorskip("duckdb_extension_iceberg")
    import pyarrow as pa

    from tests.data.test_iceberg import _folder, _iceberg

    folder = tmp_path / "ws"
    _targets(folder)
    lines = _lines(REACHING)
    for column in lines:  # Iceberg v2 has no type for a column of nulls
        if lines[column].isna().all():
            lines[column] = lines[column].astype("string")
    table = _iceberg(folder / "warehouse", lines)
    set_settings(folder / "salescli.toml", "inputs.orders", source=f'"iceberg://{_folder(table)}"')
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')

    def change() -> None:
        changed = lines.copy()
        changed.loc[changed["订单编号"] == "SO1", "金额"] = 250.0
        rows = pa.Table.from_pandas(changed, preserve_index=False).cast(table.schema().as_arrow())
        table.overwrite(rows)

    _redone_when_changed(folder, change)


SAID = {  # how stderr starts a warning and a job's line, and says a job wrote its files
    "en": ("salescli: warning:", "salescli: run: ", ": wrote ", ":"),
    "zh": ("salescli：警告：", "salescli：运行：", "：已写出 ", "："),
}


def _warnings(stderr: str, lang: str = "en") -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(SAID[lang][0])]


def _by_job(stderr: str, lang: str = "en") -> dict[str, list[str]]:
    """run -v's warnings, by the job whose line ("run: JOB: wrote …") follows them."""
    warning, job, wrote, colon = SAID[lang]
    jobs: dict[str, list[str]] = {}
    heard: list[str] = []
    for line in stderr.splitlines():
        if line.startswith(warning):
            heard.append(line)
        elif line.startswith(job) and wrote in line:
            jobs[line.removeprefix(job).split(colon)[0]] = heard
            heard = []
    return jobs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_run_s_jobs_sharing_a_read_write_and_warn_as_the_commands_alone(
    tmp_path: Path, lang: str
) -> None:
    """The month's report and appraisal read the same days: the report's rules work on its
    lines, then the appraisal takes the same read. Each file is the command's own, byte for
    byte, and each job warns what the command alone warns (an unknown status word, an
    empty column), no more, no less."""
    folder = tmp_path / "ws"
    rows = [
        *REACHING,
        order_row("SO4", "2024-05-12", "C2", 60, rep="李四", **{"状态": "挂起"}),
    ]
    _lake(folder, _lines(rows))
    only_jobs(
        folder,
        "monthly_report",
        "monthly_appraisal",
        more='report_formats = ["json"]\ntable_formats = ["json"]',
    )
    done = run("--lang", lang, "-w", str(folder), *ASKED)
    assert done.exit_code == 0, done.stderr
    jobs = _by_job(done.stderr, lang)
    assert set(jobs) == {"monthly-report 2024-05", "monthly-appraisal 2024-05"}, done.stderr
    commands = {
        "monthly-report 2024-05": (["report", "--month", "2024-05"], "monthly-report.json"),
        "monthly-appraisal 2024-05": (
            ["appraise", "--month", "2024-05"],
            "monthly-appraisal.json",
        ),
    }
    for key, (command, name) in commands.items():
        own = tmp_path / "alone" / name
        asked = ["--lang", lang, "-v", "-w", str(folder), "--today", TODAY, *command]
        alone = run(*asked, "-o", str(own))
        assert alone.exit_code == 0, alone.stderr
        written = folder / "reports" / "2024-05" / name
        assert written.read_bytes() == own.read_bytes(), key
        assert jobs[key] == _warnings(alone.stderr, lang), key
        assert any("'挂起'" in w for w in jobs[key])


def test_run_s_job_failing_on_a_bad_cell_then_a_job_reading_the_same_days(tmp_path: Path) -> None:
    """The month's report stops on an amount that is no number; the appraisal after it
    takes the same read and stops on the same cell, as the command alone does."""
    folder = tmp_path / "ws"
    lines = _lines(REACHING)
    lines["金额"] = lines["金额"].astype(str)
    lines.loc[lines["订单编号"] == "SO2", "金额"] = "四十"
    _lake(folder, lines)
    only_jobs(
        folder,
        "monthly_report",
        "monthly_appraisal",
        more='report_formats = ["json"]\ntable_formats = ["json"]',
    )
    done = run("-w", str(folder), *ASKED)
    assert done.exit_code != 0
    failed = [line for line in done.stderr.splitlines() if "四十" in line]
    assert len(failed) == 2, done.stderr
    alone = run("-w", str(folder), "--today", TODAY, "appraise", "--month", "2024-05")
    assert alone.exit_code != 0
    said = [line for line in alone.stderr.splitlines() if "四十" in line]
    assert said and said[0].split("error: ", 1)[1] in failed[1], (said, failed)
    assert not (folder / WRITTEN).exists()


def test_run_reads_a_postgresql_timestamptz_s_last_day_in_the_policy_s_time_zone(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    import psycopg

    rows = [order_row("SO1", "2024-05-03", "C1", 100), order_row("SO2", "2024-05-20", "C2", 40)]
    _postgres_lines(postgres_url, _lines(rows), reader=None)
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute("SET TIME ZONE 'UTC'")
        db.execute('ALTER TABLE erp.order_lines ALTER COLUMN "下单日期" TYPE timestamptz')
        db.execute(
            "UPDATE erp.order_lines SET \"下单日期\" = TIMESTAMPTZ '2024-05-31 00:30+08' "
            "WHERE \"订单编号\" = 'SO2'"
        )
    folder = tmp_path / "ws"
    _postgres_workspace(folder, postgres_url)
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')
    done = run("-w", str(folder), *ASKED)
    assert done.exit_code == 0, done.stderr
    assert "not 2024-05-31 yet" not in done.stderr
    assert (folder / WRITTEN).exists(), done.stderr


def test_run_over_a_source_with_a_file_beside_it(tmp_path: Path) -> None:
    """`path =` names an export read with the lake: how far the orders reach is told from
    the lines of both (the file's June line), and an edit of the file is a change."""
    folder = tmp_path / "ws"
    _lake(folder, _lines([REACHING[0]]))
    beside = folder / "exports" / "more.csv"
    beside.parent.mkdir()
    rows = [REACHING[1], REACHING[2]]
    write_csv(beside, [ORDER_HEADER, *rows])
    toml = folder / "salescli.toml"  # `path` is set_settings' own argument
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace("[inputs.orders]\n", '[inputs.orders]\npath = "exports/more.csv"\n')
    )
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')

    def change() -> None:
        lines = _lines([REACHING[0]])
        lines["金额"] = 250.0
        part = folder / "lake" / "month=2024-05" / "part-0.parquet"
        lines.to_parquet(part, index=False)

    _redone_when_changed(folder, change)
    write_csv(beside, [ORDER_HEADER, rows[0]])  # the June line gone: May waits
    waits = run("-w", str(folder), *ASKED, "--since", TODAY)
    assert waits.exit_code == 0, waits.stderr
    assert "the orders reach 2024-05-09, not 2024-05-31 yet" in waits.stderr


def test_run_strict_stops_each_job_sharing_a_read_on_the_warning(tmp_path: Path) -> None:
    """--strict: a status word outside the vocabulary stops the report; the appraisal after
    it takes the same read and is stopped by the same warning, nothing written."""
    folder = tmp_path / "ws"
    rows = [*REACHING, order_row("SO4", "2024-05-12", "C2", 60, rep="李四", **{"状态": "挂起"})]
    _lake(folder, _lines(rows))
    only_jobs(
        folder,
        "monthly_report",
        "monthly_appraisal",
        more='report_formats = ["json"]\ntable_formats = ["json"]',
    )
    done = run("--strict", "-w", str(folder), *ASKED)
    assert done.exit_code == 65, done.stderr
    stopped = [line for line in done.stderr.splitlines() if "--strict" in line and "挂起" in line]
    assert len(stopped) == 2, done.stderr
    assert not (folder / WRITTEN).exists()
    assert not (folder / "reports" / "2024-05" / "monthly-report.json").exists()


def test_a_zoned_source_s_coverage_is_told_in_the_policy_s_time_zone(tmp_path: Path) -> None:
    """The same lines, a timestamptz in DuckDB and a CSV file of local days: the month's
    appraisal is the same, and neither says the orders end before the month does."""
    lines = _lines(
        [
            order_row("SO1", "2024-05-03", "C1", 100),
            order_row("SO2", "2024-05-20", "C2", 40, rep="李四"),
        ]
    )
    as_file = lines.copy()
    as_file.loc[1, "下单日期"] = pd.Timestamp("2024-05-31").date()
    zoned = lines.copy()
    zoned["下单日期"] = pd.to_datetime(zoned["下单日期"]).dt.tz_localize("Asia/Shanghai")
    zoned.loc[1, "下单日期"] = pd.Timestamp("2024-05-31 00:30", tz="Asia/Shanghai")
    source = tmp_path / "source"
    _duckdb_orders(source, zoned)
    files = tmp_path / "files"
    _targets(files)
    as_file.to_csv(files / "orders.csv", index=False)
    asked = ["--today", TODAY, "appraise", "--month", "2024-05", "--format", "json"]
    read = [run("-w", str(folder), *asked) for folder in (source, files)]
    for done in read:
        assert done.exit_code == 0, done.stderr
        assert "orders end" not in done.stderr, done.stderr
    assert json.loads(read[0].stdout) == json.loads(read[1].stdout)


def test_run_with_spark_reads_a_zoned_lake_s_last_day_in_the_policy_s_time_zone(
    tmp_path: Path,
    spark: object,  # noqa: F811
) -> None:
    """Spark as the engine over a lake of zoned timestamps: its last line at 00:30 on 31 May
    in Shanghai is 31 May, as the lines say (Spark's rows come back as UTC instants)."""
    from tests.data.test_spark import _spark_engine

    lines = _lines([order_row("SO1", "2024-05-03", "C1", 100)])
    lines["下单日期"] = pd.to_datetime(lines["下单日期"]).dt.tz_localize("Asia/Shanghai")
    last = lines.copy()
    last["订单编号"] = "SO2"
    last["下单日期"] = pd.Timestamp("2024-05-31 00:30", tz="Asia/Shanghai")
    folder = tmp_path / "ws"
    _targets(folder)
    place = folder / "lake"
    place.mkdir()
    pd.concat([lines, last]).to_parquet(place / "part-0.parquet", index=False)
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')
    _spark_engine(folder)
    done = run("-w", str(folder), *ASKED)
    assert done.exit_code == 0, done.stderr
    assert "not 2024-05-31 yet" not in done.stderr
    assert (folder / WRITTEN).exists(), done.stderr


def test_run_over_a_source_whose_state_cannot_be_told_compares_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The source cannot compute its hash sum (a server before PostgreSQL 11 has no
    hashtextextended) while its rows read well: the job is done; an amount changed, the
    next run --since redoes it (an unreadable state said "inputs unchanged" for ever)."""
    from salescli.data import sources
    from salescli.errors import MissingInputError

    def cannot(workspace: object, name: str) -> str:
        raise MissingInputError("function hashtextextended(text, integer) does not exist")

    monkeypatch.setattr(sources, "state", cannot)
    folder = tmp_path / "ws"
    _duckdb_orders(folder, _lines(REACHING), "DATE")
    duckdb = pytest.importorskip("duckdb")

    def change() -> None:
        with duckdb.connect(str(folder / "sales.duckdb")) as db:
            db.execute('UPDATE order_lines SET "金额" = 250 WHERE "订单编号" = \'SO1\'')

    _redone_when_changed(folder, change)
