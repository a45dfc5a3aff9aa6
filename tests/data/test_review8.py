"""A hostile read of Delta Lake and Apache Iceberg tables as sources: tables as Spark, Trino,
Flink or Databricks write them, with the table features a reader may not know. Each gives the
figures of the lines the writer kept (the same lines in a CSV, and a figure computed here from
them), or is refused naming the table and why; never exit 0 with another figure.

Tables are written by deltalake and pyiceberg; what they cannot write (a deletion vector, an
Iceberg delete file, a rename in a Delta log) is written here by the protocol's rules."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.data.test_sources import _small_workspace, _source
from tests.helpers import run, set_settings

APPRAISE = ["appraise", "--month", "2024-05", "--format", "json"]


def _figures(folder: Path) -> dict[str, float]:
    """Each rep's May amount, as the appraisal gives it (exit 0 asserted)."""
    done = run("--no-cache", "-w", str(folder), *APPRAISE)
    assert done.exit_code == 0, done.stderr
    return {row["rep"]: row["amount"] for row in json.loads(done.stdout)}


def _may(lines: pd.DataFrame) -> dict[str, float]:
    """Each rep's May amount computed here from the lines, not by salescli."""
    day = pd.to_datetime(lines["下单日期"])
    may = lines[(day >= "2024-05-01") & (day <= "2024-05-31")]
    return {str(k): float(v) for k, v in may.groupby("销售代表")["金额"].sum().items()}


def _lines(folder: Path) -> pd.DataFrame:
    """The small workspace's five lines (SO1-SO5), typed as a lake holds them; orders.csv
    kept, to compare with."""
    lines = _small_workspace(folder)
    lines["成本"] = lines["成本"].astype(float)
    lines["金额"] = lines["金额"].astype(float)
    return lines


# --- Delta Lake ------------------------------------------------------------------------------


def _delta(folder: Path, lines: pd.DataFrame, **options: object) -> Path:
    deltalake = pytest.importorskip("deltalake")
    pytest.importorskip("duckdb_extension_delta")
    (folder / "orders.csv").unlink(missing_ok=True)
    lake = folder / "lake"
    deltalake.write_deltalake(str(lake), lines, **options)
    _source(folder, "delta://lake")
    return lake


@pytest.mark.parametrize("log", ["commits", "checkpoint"])
def test_a_delta_table_with_column_mapping_partitioned_by_a_read_column_is_refused(
    tmp_path: Path, log: str
) -> None:
    """Column mapping (Chinese headers are a classic reason to turn it on) keys a file's
    partition values by the column's physical name, col-<uuid>: DuckDB 1.5.5's delta reader
    looks them up by the logical name and reads every rep empty (duckdb-delta issue 343).
    It gave exit 0 with 张三 0 for 200.25 and the May lines under '(unassigned)'. The table's
    settings are found in its commits, or in a checkpoint once the commits before it are
    cleaned up."""
    folder = tmp_path / "ws"
    lines = _lines(folder)
    expected = _may(lines)
    assert expected == {"张三": 200.25, "李四": 50.5}
    assert _figures(folder) == expected  # from orders.csv
    lake = _delta(
        folder,
        lines,
        partition_by=["销售代表"],
        configuration={"delta.columnMapping.mode": "name"},
    )
    if log == "checkpoint":
        import deltalake

        deltalake.DeltaTable(str(lake)).create_checkpoint()
        (lake / "_delta_log" / f"{0:020d}.json").unlink()
        assert [f.name for f in (lake / "_delta_log").glob("*.json")] == []
    done = run("--no-cache", "-w", str(folder), *APPRAISE)
    assert done.exit_code == 65, done.stdout
    assert done.stderr.splitlines() == [
        f"salescli: error: {lake}: a Delta table with column mapping (delta.columnMapping.mode "
        "= name) partitioned by 销售代表: DuckDB's delta reader reads those columns empty",
        "  hint: read a copy without column mapping, e.g. the table written out as a Parquet "
        "folder (Spark: df.write.partitionBy(...).parquet(folder)) named by source",
    ]
    said = run("--lang", "zh", "--no-cache", "-w", str(folder), *APPRAISE).stderr
    assert "启用了列映射（delta.columnMapping.mode = name）且按 销售代表 分区的 Delta 表" in said


def test_a_delta_table_with_column_mapping_and_no_partition_gives_the_figures(
    tmp_path: Path,
) -> None:
    """Without partitions the physical names are read right: a renamed column (the log's
    new schema names 金额 含税金额, the file keeps col-<uuid>) and a column dropped and added
    again under its old name (empty in the older files) as the mapping says."""
    folder = tmp_path / "ws"
    lines = _lines(folder)
    lake = _delta(
        folder,
        lines.rename(columns={"金额": "旧金额"}),
        configuration={"delta.columnMapping.mode": "name"},
    )
    commits = sorted((lake / "_delta_log").glob("*.json"))
    actions = [json.loads(line) for line in commits[0].read_text().splitlines()]
    metadata = next(a["metaData"] for a in actions if "metaData" in a)
    schema = json.loads(metadata["schemaString"])
    for field in schema["fields"]:
        if field["name"] == "旧金额":
            field["name"] = "金额"  # a rename: the same physical column
        elif field["name"] == "成本":
            field["name"] = "已删成本"  # the old 成本 renamed; a new 成本, empty before
    top = max(f["metadata"]["delta.columnMapping.id"] for f in schema["fields"])
    schema["fields"].append(
        {
            "name": "成本",
            "type": "double",
            "nullable": True,
            "metadata": {
                "delta.columnMapping.id": top + 1,
                "delta.columnMapping.physicalName": "col-cost-added-again",
            },
        }
    )
    metadata["schemaString"] = json.dumps(schema, ensure_ascii=False)
    metadata["configuration"]["delta.columnMapping.maxColumnId"] = str(top + 1)
    (lake / "_delta_log" / f"{1:020d}.json").write_text(
        json.dumps({"metaData": metadata}, ensure_ascii=False) + "\n"
    )
    set_settings(folder / "salescli.toml", "inputs.orders", ignore='["已删成本"]')
    assert _figures(folder) == _may(lines)


# --- Apache Iceberg --------------------------------------------------------------------------


def _iceberg_in_commits(folder: Path, lines: pd.DataFrame) -> Path:
    """The lines as an Iceberg table, the last order appended by a later commit (its own
    metadata file); orders.csv gone. The table's folder."""
    pytest.importorskip("pyiceberg")
    pytest.importorskip("duckdb_extension_iceberg")
    import pyarrow as pa

    from tests.data.test_iceberg import _folder, _iceberg

    (folder / "orders.csv").unlink()
    last = lines["订单编号"] == "SO4"
    table = _iceberg(folder / "warehouse", lines[~last])
    table.append(pa.Table.from_pandas(lines[last], preserve_index=False))
    assert table.scan().to_arrow().num_rows == len(lines)  # pyiceberg's own read
    return _folder(table)


@pytest.mark.parametrize("names", ["hadoop", "catalog"])
def test_a_stale_version_hint_does_not_hide_the_later_commits(tmp_path: Path, names: str) -> None:
    """metadata/version-hint.text is a hint: a Hadoop table writes v4.metadata.json, then the
    hint, and a writer stopped in between (or a copy taken meanwhile) leaves it naming v3;
    Iceberg's own reader moves on to the highest version. A table a catalog took over keeps
    the hint of its Hadoop days beside the catalog's 00004-<uuid>.metadata.json. DuckDB
    reads the version the hint names: SO4 (李四, 50.5 in May) was missing, exit 0."""
    folder = tmp_path / "ws"
    lines = _lines(folder)
    expected = _may(lines)
    assert _figures(folder) == expected  # from orders.csv
    table = _iceberg_in_commits(folder, lines)
    metadata = table / "metadata"
    versions = sorted(int(f.name.split("-", 1)[0]) for f in metadata.glob("*.metadata.json"))
    if names == "hadoop":
        for file in metadata.glob("*.metadata.json"):
            file.rename(metadata / f"v{int(file.name.split('-', 1)[0])}.metadata.json")
    (metadata / "version-hint.text").write_text(str(versions[-2]))
    _source(folder, f"iceberg://{table}")
    assert _figures(folder) == expected
