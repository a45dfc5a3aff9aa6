"""Apache Spark as the engine that reads a data lake's folder (`[engine] kind = "spark"`): the
demo's order lines as a month-partitioned Parquet folder, read by Spark SQL in local mode, give
the figures the demo's files give, reading only the months the period needs.

One Spark session serves the module (its start takes seconds): the commands run in this
process reuse it; one test runs salescli as a subprocess, where its own session starts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salescli.data.workspace import Workspace
from tests.data.test_sources import (
    _outputs,
    _partitioned,
    _source,
    _workspace_without_orders,
    demo_lines,  # noqa: F401  (a fixture)
    demo_outputs,  # noqa: F401  (a fixture)
)
from tests.helpers import ONE_BAD_AMOUNT, ORDER_HEADER, order_row, run, set_settings, write_csv

pytestmark = pytest.mark.spark
ROOT = Path(__file__).resolve().parents[2]


def _java() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    """The module's Spark session (local[2]), stopped at the module's end."""
    pytest.importorskip("pyspark")
    pytest.importorskip("sqlglot")
    if not _java():
        pytest.skip("no Java: Spark cannot start")
    from salescli.config import EngineSettings
    from salescli.data import spark as engine

    yield engine.session(EngineSettings(kind="spark"))
    engine.stop()


def _spark_engine(folder: Path, **more: str) -> None:
    set_settings(folder / "salescli.toml", "engine", kind='"spark"', **more)


def test_the_demo_in_a_partitioned_parquet_folder_read_by_spark_gives_the_files_figures(
    tmp_path: Path,
    spark: object,
    demo_lines: pd.DataFrame,  # noqa: F811
    demo_outputs: dict[str, bytes],  # noqa: F811
) -> None:
    folder = _workspace_without_orders(tmp_path / "ws")
    months = _partitioned(demo_lines, folder / "lake" / "orders")
    _source(folder, "lake/orders")
    _spark_engine(folder)
    assert _outputs(folder, tmp_path / "out") == demo_outputs

    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]
    # Spark pruned the partitions after May 2024: 17 months of the 24 read (its scan's metric)
    assert (fetched.parts_read, fetched.parts_total) == (17, months) == (17, 24)
    assert "`下单日期` <= " in fetched.statement  # Spark's dialect
    in_window = int((pd.to_datetime(demo_lines["下单日期"]) <= "2024-05-31").sum())
    assert fetched.rows == in_window  # no line after May: no figure of May reads one
    assert (fetched.first, fetched.last) == (date(2023, 1, 1), date(2024, 12, 31))
    said = "\n".join(workspace.details)
    assert "orders: read by Spark (master local[2])" in said
    assert "(17 of 24 files read)" in said


def test_a_bad_value_read_by_spark_is_reported_by_its_key_and_exits_65(
    tmp_path: Path, spark: object
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "ws"
    part = folder / "lake" / "month=2024-05"
    part.mkdir(parents=True)
    lines = pa.table(ONE_BAD_AMOUNT)
    pq.write_table(lines, part / "part-0.parquet")
    _source(folder, "lake")
    _spark_engine(folder)
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 65, done.stderr
    placed = f'"{folder}/lake (query) (order_id SO2, product_model YE3-200)",,,amount,12O.5'
    assert placed in done.stdout


def test_spark_without_pyspark_names_what_to_install_in_chinese_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from salescli.data import spark as engine

    monkeypatch.setattr(engine._Held, "session", None)
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark raises ImportError
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    folder = _small_lake(tmp_path / "ws")
    _spark_engine(folder)
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 78, done.stderr
    assert done.stderr.splitlines() == [
        'salescli: error: [engine] kind = "spark" needs pyspark, which is not installed',
        '  hint: pip install "salescli[spark]" (PySpark and sqlglot); Spark runs on Java 17',
    ]
    done = run("--lang", "zh", "-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 78, done.stderr
    assert done.stderr.splitlines() == [
        'salescli：错误：[engine] kind = "spark" 需要 pyspark，但它没有安装',
        '  建议：pip install "salescli[spark]"（PySpark 和 sqlglot）；Spark 在 Java 17 上运行',
    ]


def test_spark_without_java_says_so_in_chinese_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyspark")
    from salescli.data import spark as engine

    monkeypatch.setattr(engine._Held, "session", None)
    monkeypatch.setenv("PATH", str(tmp_path / "no-java"))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    folder = _small_lake(tmp_path / "ws")
    _spark_engine(folder)
    done = run("--lang", "zh", "-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 78, done.stderr
    assert done.stderr.splitlines() == [
        'salescli：错误：[engine] kind = "spark" 需要 Java，但找不到 java 命令',
        "  建议：安装 Java 17（如 apt-get install openjdk-17-jre-headless）或设置 JAVA_HOME",
    ]


def _small_lake(folder: Path) -> Path:
    """Five order lines as a CSV folder partitioned by month, with May's targets."""
    rows = [
        order_row("SO1", "2024-04-03", "C1", 100),
        order_row("SO2", "2024-04-09", "C2", 40, rep="李四"),
        order_row("SO3", "2024-05-03", "C1", 200.25),
        order_row("SO4", "2024-05-20", "C2", 50.5, rep="李四"),
        order_row("SO5", "2024-07-02", "C2", 70, rep="王五"),  # after the period
    ]
    for month in ("2024-04", "2024-05", "2024-07"):
        part = folder / "lake" / f"month={month}"
        part.mkdir(parents=True)
        chosen = [row for row in rows if row[ORDER_HEADER.index("下单日期")].startswith(month)]
        write_csv(part / "lines.csv", [ORDER_HEADER, *chosen], encoding="utf-8")
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], *([r, "2024-05", 300] for r in ("张三", "李四"))],
    )
    _source(folder, "lake")
    return folder


def test_a_csv_folder_read_by_spark_as_text_gives_the_duckdb_figures(
    tmp_path: Path, spark: object
) -> None:
    pytest.importorskip("duckdb")
    folder = _small_lake(tmp_path / "ws")
    asked = ["-w", str(folder), "appraise", "--month", "2024-05", "--format", "json"]
    by_duckdb = run(*asked)
    assert by_duckdb.exit_code == 0, by_duckdb.stderr
    _spark_engine(folder)
    by_spark = run(*asked)
    assert by_spark.exit_code == 0, by_spark.stderr
    assert by_spark.stdout == by_duckdb.stdout
    workspace = Workspace(folder)
    workspace.read("orders")
    fetched = workspace.fetched["orders"]
    assert fetched.rows == 5 and not fetched.pushed  # text dates: fetched whole


def test_a_database_source_keeps_its_reader_and_v_says_so(tmp_path: Path, spark: object) -> None:
    duckdb = pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    folder.mkdir()
    with duckdb.connect(str(folder / "sales.duckdb")) as db:
        db.execute(
            'CREATE TABLE lines ("订单编号" text, "下单日期" date, "客户编号" text, "金额" double)'
        )
        db.execute("INSERT INTO lines VALUES ('SO1', '2024-05-03', 'C1', 100)")
    _source(folder, "duckdb:///sales.duckdb", table='"lines"')
    _spark_engine(folder)
    workspace = Workspace(folder)
    workspace.read("orders")
    assert workspace.fetched["orders"].statement.startswith('SELECT "订单编号"')  # DuckDB's
    said = "\n".join(workspace.details)
    assert "orders: read by its own reader, not Spark" in said


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ('kind = "flink"', "engine.kind = 'flink': Input should be 'duckdb' or 'spark'"),
        ('colour = "red"', "unknown setting 'engine.colour'"),
    ],
)
def test_a_wrong_engine_setting_is_refused_with_its_key(
    tmp_path: Path, setting: str, said: str
) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "salescli.toml").write_text(f"[engine]\n{setting}\n", encoding="utf-8")
    done = run("-w", str(folder), "check")
    assert done.exit_code == 78
    assert said in done.stderr


def test_every_engine_setting_has_its_chinese_description() -> None:
    from salescli.config import EngineSettings, described

    fields = EngineSettings.model_fields.values()
    assert all(f.description and described(f, "zh") != f.description for f in fields)


def test_a_command_run_by_spark_prints_nothing_of_spark_on_stderr(
    tmp_path: Path,
    demo_lines: pd.DataFrame,  # noqa: F811
    demo_outputs: dict[str, bytes],  # noqa: F811
) -> None:
    """In its own process, salescli starts its Spark session: the JVM's log lines, Spark's
    progress bar and PySpark's warnings stay off the user's stderr."""
    pytest.importorskip("pyspark")
    if not _java():
        pytest.skip("no Java: Spark cannot start")
    folder = _workspace_without_orders(tmp_path / "ws")
    _partitioned(demo_lines, folder / "lake" / "orders")
    _source(folder, "lake/orders")
    _spark_engine(folder)
    out = tmp_path / "classify.json"
    asked = ["--no-cache", "-w", str(folder), "classify", "--quarter", "2024Q2", "-o", str(out)]
    done = subprocess.run(
        [sys.executable, "-m", "salescli", *asked],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert out.read_bytes() == demo_outputs["classify.json"]


def test_a_column_only_later_partitions_have_is_read_and_judged(
    tmp_path: Path, spark: object
) -> None:
    """Parquet files' schemas are merged: a second salesperson column that only the newer
    months carry still stops the run (65), as in a file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "ws"
    line = {
        "订单编号": ["SO1"],
        "下单日期": [date(2024, 4, 3)],
        "客户编号": ["C1"],
        "销售代表": ["张三"],
        "金额": [100.0],
    }
    for month, more in (("2024-04", {}), ("2024-05", {"业务员2": ["李四"]})):
        part = folder / "lake" / f"month={month}"
        part.mkdir(parents=True)
        pq.write_table(pa.table({**line, **more}), part / "part-0.parquet")
    _source(folder, "lake")
    _spark_engine(folder)
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 65, done.stderr
    assert "业务员2" in done.stdout and "who sold the line" in done.stdout


def test_csv_files_whose_headers_differ_are_refused_not_read_by_place(
    tmp_path: Path, spark: object
) -> None:
    folder = _small_lake(tmp_path / "ws")
    may = folder / "lake" / "month=2024-05" / "lines.csv"
    rows = [line.split(",") for line in may.read_text(encoding="utf-8").splitlines()]
    swapped = [[row[1], row[0], *row[2:]] for row in rows]  # 下单日期 before 订单编号
    write_csv(may, swapped, encoding="utf-8")
    _spark_engine(folder)
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 65, done.stderr  # bad data: the files disagree, none is missing
    said = done.stdout.splitlines()[1]  # check's table of problems
    assert "CSV header does not conform to the schema" in said
    assert "Header: " in said and "/lines.csv" in said  # Spark names the file


def test_a_column_of_two_types_across_files_is_refused_with_spark_s_reason(
    tmp_path: Path, spark: object
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "ws"
    line = {"订单编号": ["SO1"], "下单日期": [date(2024, 4, 3)], "客户编号": ["C1"]}
    for month, amount in (("2024-04", [100.0]), ("2024-05", ["100"])):
        part = folder / "lake" / f"month={month}"
        part.mkdir(parents=True)
        pq.write_table(pa.table({**line, "金额": amount}), part / "part-0.parquet")
    _source(folder, "lake")
    _spark_engine(folder)
    done = run("-w", str(folder), "check", "--table", "orders")
    assert done.exit_code == 65, done.stderr  # bad data: the files disagree, none is missing
    said = done.stdout.splitlines()[1]  # check's table of problems
    assert f"{folder}/lake query: [CANNOT_MERGE_INCOMPATIBLE" in said
    assert '""DOUBLE"" and ""STRING""' in said
    zh = run("--lang", "zh", "-w", str(folder), "check", "--table", "orders", "--format", "md")
    assert zh.exit_code == 65, zh.stderr
    hint = "检查 salescli.toml 中的 source 和文件夹中的文件：Spark 按列名对应各文件，"
    hint += "每列只能有一种类型"
    assert hint in zh.stdout


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_order_times_on_the_period_s_last_day_are_in_its_window(
    tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    """A source typing the order date as a timestamp: a line at 10:00 on May 31 is May's
    (`<= DATE '2024-05-31'` compared it with midnight and left it out: exit 0, a wrong
    amount), as is a customer's June 1 line for its owner; the figures are the CSV file's."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pytest.importorskip("duckdb")
    if engine == "spark":
        request.getfixturevalue("spark")
    folder = tmp_path / "ws"
    folder.mkdir()
    rows = [
        order_row("SO1", "2024-05-03 09:00", "C1", 100),
        order_row("SO2", "2024-05-31 10:00", "C1", 40),
        order_row("SO3", "2024-05-31 23:30", "C2", 60, rep="李四"),
        order_row("SO4", "2024-06-01 08:00", "C2", 10, rep="王五"),  # C2's latest: its owner
        order_row("SO5", "2024-06-20 11:00", "C1", 70),
    ]
    write_csv(folder / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], *([r, "2024-05", 300] for r in ("张三", "李四", "王五"))],
    )
    asked = ["-w", str(folder), "appraise", "--month", "2024-05", "--format", "json"]
    from_file = run(*asked)
    assert from_file.exit_code == 0, from_file.stderr
    assert '"amount": 140.0' in from_file.stdout  # SO1 and SO2
    lines = pd.DataFrame(rows, columns=ORDER_HEADER)
    lines["下单日期"] = pd.to_datetime(lines["下单日期"])
    for column in ("约定交货日期", "实际交货日期"):
        lines[column] = pd.to_datetime(lines[column]).dt.date
    (folder / "orders.csv").unlink()
    months = lines["下单日期"].dt.strftime("%Y-%m")
    for month, part in lines.groupby(months):
        (folder / "lake" / f"month={month}").mkdir(parents=True)
        table = pa.Table.from_pandas(part, preserve_index=False)
        pq.write_table(table, folder / "lake" / f"month={month}" / "part-0.parquet")
    _source(folder, "lake")
    if engine == "spark":
        _spark_engine(folder)
    from_source = run(*asked)
    assert from_source.exit_code == 0, from_source.stderr
    assert from_source.stdout == from_file.stdout


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_a_zoned_timestamp_s_day_is_told_in_the_policy_s_time_zone(
    tmp_path: Path, engine: str, request: pytest.FixtureRequest
) -> None:
    """01:30 on June 1 in Shanghai is May 31 in UTC: from a source as from a Parquet file, the
    line is June's (it was counted in May, exit 0; DuckDB stopped on its coverage, exit 70)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pytest.importorskip("duckdb")
    if engine == "spark":
        request.getfixturevalue("spark")
    folder = tmp_path / "ws"
    folder.mkdir()
    write_csv(folder / "targets.csv", [["rep", "period", "target"], ["张三", "2024-05", 300]])
    stamps = pd.to_datetime(["2024-05-03 10:00", "2024-06-01 01:30"]).tz_localize("Asia/Shanghai")
    lines = pa.table(
        {
            "订单编号": ["SO1", "SO2"],
            "下单日期": pa.array(stamps),
            "客户编号": ["C1", "C1"],
            "销售代表": ["张三", "张三"],
            "金额": [100.0, 40.0],
        }
    )
    pq.write_table(lines, folder / "orders.parquet")
    asked = ["-w", str(folder), "appraise", "--month", "2024-05", "--format", "json"]
    from_file = run(*asked)
    assert from_file.exit_code == 0, from_file.stderr
    assert '"amount": 100.0' in from_file.stdout
    (folder / "lake").mkdir()
    (folder / "orders.parquet").rename(folder / "lake" / "part-0.parquet")
    _source(folder, "lake")
    if engine == "spark":
        _spark_engine(folder)
    from_source = run(*asked)
    assert from_source.exit_code == 0, from_source.stderr
    assert from_source.stdout == from_file.stdout


def test_spark_prunes_the_partitions_before_the_days_read_whole_as_duckdb_does(
    tmp_path: Path, spark: object
) -> None:
    """May 2024's figures read whole the days from 2022-01-01 (first_day_read): the months
    before it and after May are left to the edge lines' queries, by Spark as by DuckDB."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pytest.importorskip("duckdb")
    from salescli.api.appraisal import appraise

    folder = tmp_path / "ws"
    months = ["2021-06", "2021-12", "2022-01", "2024-04", "2024-05", "2024-06"]
    for i, month in enumerate(months):
        part = folder / "lake" / f"month={month}"
        part.mkdir(parents=True)
        line = {
            "订单编号": [f"SO{i}"],
            "下单日期": [date.fromisoformat(f"{month}-10")],
            "客户编号": [f"C{i % 2}"],
            "销售代表": ["张三"],
            "金额": [100.0 + i],
        }
        pq.write_table(pa.table(line), part / "part-0.parquet")
    write_csv(folder / "targets.csv", [["rep", "period", "target"], ["张三", "2024-05", 300]])
    _source(folder, "lake")
    asked = ["-w", str(folder), "appraise", "--month", "2024-05", "--format", "json"]
    by_duckdb = run(*asked)
    duckdb_workspace = Workspace(folder)
    appraise(duckdb_workspace, month="2024-05")
    _spark_engine(folder)
    by_spark = run(*asked)
    assert by_spark.exit_code == by_duckdb.exit_code == 0, by_spark.stderr
    assert by_spark.stdout == by_duckdb.stdout
    workspace = Workspace(folder)
    appraise(workspace, month="2024-05")
    fetched, duckdb_fetched = workspace.fetched["orders"], duckdb_workspace.fetched["orders"]
    assert fetched.since == date(2022, 1, 1)
    assert (fetched.parts_read, fetched.parts_total) == (3, 6)  # 2022-01, 2024-04, 2024-05
    assert (duckdb_fetched.parts_read, duckdb_fetched.parts_total) == (3, 6)
    assert fetched.rows == duckdb_fetched.rows


def test_continuation_rows_read_by_spark_are_refused_and_duckdb_reads_them_in_order(
    tmp_path: Path, spark: object
) -> None:
    """A folder of Odoo-like lines whose continuation rows take the order of the row above:
    DuckDB reads the folder's files and rows in their order, Spark packs its files into
    partitions by size, so under Spark the run stops (65) naming the way out."""
    from tests.data.test_row_order import HEADER, LINES, RIGHT

    folder = tmp_path / "ws"
    lake = folder / "lake"
    lake.mkdir(parents=True)
    rows = [["" if v is None else v for v in row] for row in LINES]
    write_csv(lake / "part-1.csv", [HEADER, *rows[:2]])  # S1 and its lamp: the smaller file
    write_csv(lake / "part-2.csv", [HEADER, *rows[2:]])
    _source(folder, "lake")
    asked = ["--no-cache", "-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json"]
    by_duckdb = run(*asked)
    assert by_duckdb.exit_code == 0, by_duckdb.stderr
    amounts = {r["customer_id"]: r["amount"] for r in json.loads(by_duckdb.stdout) if r["amount"]}
    assert amounts == RIGHT
    _spark_engine(folder)
    by_spark = run(*asked)
    assert by_spark.exit_code == 65, by_spark.stderr
    assert "3 lines have no order number" in by_spark.stderr
    assert "without the Spark engine" in by_spark.stderr
