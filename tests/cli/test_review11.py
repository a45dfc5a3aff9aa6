"""A hostile second read of how salescli reads tables that live in a source and what
`salescli run` does with them (review11): the reach of a source's orders, whether a source
changed, the columns a command's read lets go, and the reads `run`'s jobs share."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.cli.test_run import only_jobs
from tests.helpers import order_row, run, set_settings
from tests.output.test_source_record import _lines, _targets

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
