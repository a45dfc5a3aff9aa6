"""A hostile second read of how salescli reads tables that live in a source and what
`salescli run` does with them (review11): the reach of a source's orders, whether a source
changed, the columns a command's read lets go, and the reads `run`'s jobs share."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.cli.test_run import only_jobs
from tests.helpers import order_row, run, set_settings
from tests.output.test_source_record import _lines, _postgres_lines, _targets
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


def _lake(folder: Path, lines: pd.DataFrame) -> None:
    """The lines as a month-partitioned Parquet folder, the orders' source."""
    _targets(folder)
    for month, part in lines.groupby(pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m")):
        place = folder / "lake" / f"month={month}"
        place.mkdir(parents=True)
        part.to_parquet(place / "part-0.parquet", index=False)
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')


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
    _targets(folder)
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source=f'"{postgres_url}"',
        query='"SELECT * FROM erp.order_lines"',
    )
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')

    def change() -> None:
        with psycopg.connect(postgres_url, autocommit=True) as db:
            db.execute('UPDATE erp.order_lines SET "金额" = 250 WHERE "订单编号" = \'SO1\'')

    _redone_when_changed(folder, change)
