"""A hostile read of Delta Lake and Apache Iceberg tables as sources: tables as Spark, Trino,
Flink or Databricks write them, with the table features a reader may not know. Each gives the
figures of the lines the writer kept (the same lines in a CSV, and a figure computed here from
them), or is refused naming the table and why; never exit 0 with another figure.

Tables are written by deltalake and pyiceberg; what they cannot write (a deletion vector, an
Iceberg delete file, a rename in a Delta log) is written here by the protocol's rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from tests.data.test_sources import _small_workspace, _source
from tests.helpers import run, set_settings

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.table import Table

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
        "folder (Spark: df.write.partitionBy(...).parquet(folder)) named by source; or, if no "
        'figure needs 销售代表, leave it out: ignore = ["销售代表"]',
    ]
    said = run("--lang", "zh", "--no-cache", "-w", str(folder), *APPRAISE).stderr
    assert "启用了列映射（delta.columnMapping.mode = name）且按 销售代表 分区的 Delta 表" in said


def test_a_column_mapped_delta_tables_partition_column_no_figure_needs_can_be_left_out(
    tmp_path: Path,
) -> None:
    """Partitioned by a month column of its own (as lakes are): that column, read as an
    unknown header whose values are judged, would be read empty too, so the table is
    refused; left out (ignore), the table gives the figures of its lines."""
    folder = tmp_path / "ws"
    lines = _lines(folder)
    month = pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m")
    lake = _delta(
        folder,
        lines.assign(month=month),
        partition_by=["month"],
        configuration={"delta.columnMapping.mode": "name"},
    )
    done = run("--no-cache", "-w", str(folder), *APPRAISE)
    assert (done.exit_code, done.stderr.splitlines()[0]) == (
        65,
        f"salescli: error: {lake}: a Delta table with column mapping (delta.columnMapping.mode "
        "= name) partitioned by month: DuckDB's delta reader reads those columns empty",
    )
    set_settings(folder / "salescli.toml", "inputs.orders", ignore='["month"]')
    assert _figures(folder) == _may(lines) == {"张三": 200.25, "李四": 50.5}


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


def test_a_delta_shallow_clone_is_refused_naming_it_and_the_table_cloned_gives_the_figures(
    tmp_path: Path,
) -> None:
    """A shallow clone (Databricks' SHALLOW CLONE) is a log whose files are the cloned
    table's, named by their whole address. DuckDB's delta reader joins the clone's folder to
    that address: it was refused with 66 and a garbled path (`…/clone/file:///…`). It is now
    refused (65) naming the clone and the file; the hint, the table cloned named by source,
    gives its figures."""
    folder = tmp_path / "ws"
    lines = _lines(folder)
    lake = _delta(folder, lines)
    clone = folder / "clone" / "_delta_log"
    clone.mkdir(parents=True)
    actions = [json.loads(x) for x in (lake / "_delta_log" / f"{0:020d}.json").open()]
    for action in actions:
        if "add" in action:
            action["add"]["path"] = (lake / action["add"]["path"]).as_uri()
    elsewhere = next(a["add"]["path"] for a in actions if "add" in a)
    (clone / f"{0:020d}.json").write_text("\n".join(map(json.dumps, actions)) + "\n")
    _source(folder, "delta://clone")
    done = run("--no-cache", "-w", str(folder), *APPRAISE)
    assert done.exit_code == 65, done.stderr
    assert done.stderr.splitlines() == [
        f"salescli: error: {folder / 'clone'}: a Delta table whose files are another table's "
        f"({elsewhere}: a shallow clone): DuckDB's delta reader cannot read files named by "
        "their whole address",
        "  hint: read a deep clone (CREATE TABLE … DEEP CLONE …) or the table cloned, named by "
        "source, if the clone has no commits of its own",
    ]
    _source(folder, "delta://lake")  # the hint: the clone has no commits of its own
    assert _figures(folder) == _may(lines) == {"张三": 200.25, "李四": 50.5}


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


def test_a_delta_reader_feature_duckdb_does_not_know_stops_the_run_naming_the_table(
    tmp_path: Path,
) -> None:
    """A table a newer writer marked with a reader feature DuckDB's delta reader does not
    know (here a made-up one) is not read as if the feature did not exist."""
    folder = tmp_path / "ws"
    lake = _delta(folder, _lines(folder))
    protocol = {
        "minReaderVersion": 3,
        "minWriterVersion": 7,
        "readerFeatures": ["rowsHiddenSomehow"],
        "writerFeatures": ["rowsHiddenSomehow"],
    }
    (lake / "_delta_log" / f"{1:020d}.json").write_text(json.dumps({"protocol": protocol}) + "\n")
    done = run("--no-cache", "-w", str(folder), *APPRAISE)
    assert done.exit_code == 66, done.stdout
    assert done.stderr.startswith(f"salescli: error: {lake}: ")
    assert "Feature 'rowsHiddenSomehow' is not supported" in done.stderr


Z85 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"


def _deletion_vector(rows: list[int]) -> dict[str, object]:
    """An inline deletion vector (Delta PROTOCOL.md, 'Deletion Vector Format') deleting the
    file's rows at those positions: a RoaringBitmapArray (magic 1681511377, one 32-bit bitmap
    of key 0 in the portable Roaring format, one array container), Z85-encoded."""
    import struct

    rows = sorted(rows)
    roaring = struct.pack("<IIHHI", 12346, 1, 0, len(rows) - 1, 16)  # cookie, one container
    roaring += b"".join(struct.pack("<H", r) for r in rows)
    data = struct.pack("<iqI", 1681511377, 1, 0) + roaring
    data += b"\0" * (-len(data) % 4)  # Z85 encodes whole 4-byte words
    text = []
    for start in range(0, len(data), 4):
        number, digits = int.from_bytes(data[start : start + 4], "big"), []
        for _ in range(5):
            number, digit = divmod(number, 85)
            digits.append(Z85[digit])
        text.extend(reversed(digits))
    return {
        "storageType": "i",
        "pathOrInlineDv": "".join(text),
        "sizeInBytes": len(data),
        "cardinality": len(rows),
    }


def test_a_delta_table_with_deletion_vectors_gives_the_kept_lines_figures(
    tmp_path: Path,
) -> None:
    """Spark and Databricks delete a line by a deletion vector beside the file, the file
    itself kept: SO3 (张三's 200.25 in May) deleted so must not count, in the window's scan
    or any other."""
    folder = tmp_path / "ws"
    lines = _lines(folder)
    lake = _delta(folder, lines)
    commit = next((lake / "_delta_log").glob("*.json"))
    add = next(json.loads(a)["add"] for a in commit.read_text().splitlines() if '"add"' in a)
    deleted = lines.index[lines["订单编号"] == "SO3"].tolist()
    actions = [
        {
            "protocol": {
                "minReaderVersion": 3,
                "minWriterVersion": 7,
                "readerFeatures": ["deletionVectors"],
                "writerFeatures": ["deletionVectors"],
            }
        },
        {"remove": {"path": add["path"], "deletionTimestamp": 1, "dataChange": True}},
        {"add": {**add, "deletionVector": _deletion_vector(deleted)}},
    ]
    (lake / "_delta_log" / f"{1:020d}.json").write_text(
        "".join(json.dumps(a) + "\n" for a in actions)
    )
    kept = lines.drop(index=deleted)
    assert _figures(folder) == {"张三": 0.0, **_may(kept)} == {"张三": 0.0, "李四": 50.5}


def _row_delta(
    table: Table, deletes: list[tuple[str, pa.Table, list[int]]], rows: pa.Table | None = None
) -> None:
    """One commit of delete files (name, rows, equality field ids: [] for a position delete
    file) and, if given, new rows, as Flink's upsert and Spark's merge-on-read write them.
    pyiceberg writes no delete file (it rewrites the data files), so its snapshot producer is
    given a second manifest, of content `deletes` (Iceberg spec v2)."""
    import pyarrow.parquet as pq
    from pyiceberg.io.pyarrow import _dataframe_to_data_files
    from pyiceberg.manifest import (
        DataFile,
        DataFileContent,
        FileFormat,
        ManifestContent,
        ManifestEntry,
        ManifestEntryStatus,
        ManifestWriterV2,
    )
    from pyiceberg.table.snapshots import Operation
    from pyiceberg.table.update.snapshot import _FastAppendFiles
    from pyiceberg.typedef import Record

    from tests.data.test_iceberg import _folder

    class Deletes(ManifestWriterV2):
        def content(self) -> ManifestContent:
            return ManifestContent.DELETES

        @property
        def _meta(self) -> dict[str, str]:
            return {**super()._meta, "content": "deletes"}

    files = []
    for name, kept, equality in deletes:
        path = _folder(table) / "data" / name
        pq.write_table(kept, path)
        files.append(
            DataFile.from_args(
                content=DataFileContent.EQUALITY_DELETES
                if equality
                else DataFileContent.POSITION_DELETES,
                file_path=path.as_uri(),
                file_format=FileFormat.PARQUET,
                partition=Record(),
                record_count=kept.num_rows,
                file_size_in_bytes=path.stat().st_size,
                equality_ids=equality or None,
                _table_format_version=2,
            )
        )

    class RowDelta(_FastAppendFiles):
        def _manifests(self) -> list:
            spec, schema = self._transaction.table_metadata.spec(), self.schema()
            with Deletes(
                spec, schema, self.new_manifest_output(), self._snapshot_id, self._compression
            ) as writer:
                for file in files:
                    writer.add(
                        ManifestEntry.from_args(
                            status=ManifestEntryStatus.ADDED,
                            snapshot_id=self._snapshot_id,
                            sequence_number=None,
                            file_sequence_number=None,
                            data_file=file,
                        )
                    )
            return [writer.to_manifest_file(), *super()._manifests()]

    with table.transaction() as transaction:
        operation = Operation.DELETE if rows is None else Operation.OVERWRITE
        producer = RowDelta(operation, transaction, table.io, branch="main")
        if rows is not None:  # the new lines' data file, in the same commit
            for data in _dataframe_to_data_files(
                table_metadata=transaction.table_metadata,
                df=rows,
                io=table.io,
                write_uuid=producer.commit_uuid,
            ):
                producer.append_data_file(data)
        producer.commit()


def test_an_iceberg_table_with_delete_files_gives_the_kept_lines_figures(
    tmp_path: Path,
) -> None:
    """Merge-on-read (format v2): Spark deletes SO3 (张三's 200.25) by a position delete file,
    Flink's upsert replaces SO4 (李四's 50.5 becomes 80) by an equality delete on 订单编号 and
    the new line in one commit (the delete applies to the older files only). The figures are
    those of the lines kept, computed here."""
    pytest.importorskip("pyiceberg")
    pytest.importorskip("duckdb_extension_iceberg")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tests.data.test_iceberg import _empty_table, _folder

    folder = tmp_path / "ws"
    lines = _lines(folder)
    (folder / "orders.csv").unlink()
    table, rows = _empty_table(folder / "warehouse", lines)
    table.append(rows)
    (data,) = (_folder(table) / "data").glob("*.parquet")
    position = pq.read_table(data).column("订单编号").to_pylist().index("SO3")
    where = pa.schema(
        [
            pa.field("file_path", pa.string(), False, {b"PARQUET:field_id": b"2147483546"}),
            pa.field("pos", pa.int64(), False, {b"PARQUET:field_id": b"2147483545"}),
        ]
    )
    spark = pa.table([[data.as_uri()], [position]], schema=where)
    _row_delta(table, [("spark-deletes.parquet", spark, [])])
    assert "SO3" not in table.scan().to_arrow().column("订单编号").to_pylist()  # pyiceberg's
    order = table.schema().find_field("订单编号")
    key = pa.schema(
        [
            pa.field(
                "订单编号", pa.string(), True, {b"PARQUET:field_id": str(order.field_id).encode()}
            )
        ]
    )
    new = lines[lines["订单编号"] == "SO4"].assign(金额=80.0, 单价=80.0)
    _row_delta(
        table,
        [("flink-deletes.parquet", pa.table([["SO4"]], schema=key), [order.field_id])],
        pa.Table.from_pandas(new, preserve_index=False),
    )
    _source(folder, f"iceberg://{_folder(table)}")
    kept = pd.concat([lines[~lines["订单编号"].isin(["SO3", "SO4"])], new])
    assert _figures(folder) == {"张三": 0.0, **_may(kept)} == {"张三": 0.0, "李四": 80.0}


@pytest.mark.parametrize("names", ["catalog", "hadoop"])
def test_an_iceberg_table_over_files_kept_where_they_were_gives_their_figures(
    tmp_path: Path, names: str
) -> None:
    """Spark's migrate and add_files procedures (pyiceberg's add_files here) make a Hive
    table's Parquet files an Iceberg table's, left where they were, outside the table's own
    folder: the manifests name them by that path. DuckDB's allow_moved_paths put the table's
    folder in front of it (…/order_lines//…/hive/part-0.parquet: exit 66), though the table
    had not moved."""
    pytest.importorskip("pyiceberg")
    pytest.importorskip("duckdb_extension_iceberg")
    import pyarrow.parquet as pq

    from tests.data.test_iceberg import _empty_table, _folder

    folder = tmp_path / "ws"
    lines = _lines(folder)
    (folder / "orders.csv").unlink()
    warehouse = folder / "warehouse"
    (warehouse / "hive").mkdir(parents=True)
    table, rows = _empty_table(warehouse, lines)
    pq.write_table(rows, warehouse / "hive" / "part-0.parquet")  # no Iceberg field ids
    table.add_files([str(warehouse / "hive" / "part-0.parquet")])
    assert table.scan().to_arrow().num_rows == len(lines)  # pyiceberg's own read
    if names == "hadoop":
        metadata = _folder(table) / "metadata"
        for file in metadata.glob("*.metadata.json"):
            file.rename(metadata / f"v{int(file.name.split('-', 1)[0])}.metadata.json")
        (metadata / "version-hint.text").write_text("1")
    _source(folder, f"iceberg://{_folder(table)}")
    assert _figures(folder) == _may(lines)


def test_an_iceberg_table_partitioned_under_a_chinese_name_is_refused_not_crashed(
    tmp_path: Path,
) -> None:
    """Spark names the partition field of months(下单日期) 下单日期_month, and an identity
    partition by its column (销售代表): Iceberg writes that name into each manifest's Avro
    schema, and DuckDB 1.5.5's Avro reader, which takes only ASCII names, threw an exception
    nothing caught: salescli was aborted (134), without a word. Run apart, so that the
    abort cannot take the test run with it."""
    pytest.importorskip("pyiceberg")
    pytest.importorskip("duckdb_extension_iceberg")
    import os
    import subprocess
    import sys

    from pyiceberg.transforms import MonthTransform

    from tests.data.test_iceberg import _empty_table, _folder

    folder = tmp_path / "ws"
    lines = _lines(folder)
    (folder / "orders.csv").unlink()
    table, rows = _empty_table(folder / "warehouse", lines)
    with table.update_spec() as spec:
        spec.add_field("下单日期", MonthTransform(), "下单日期_month")
    table.append(rows)
    _source(folder, f"iceberg://{_folder(table)}")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "salescli", "--no-cache", "-w", str(folder), *APPRAISE],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
        check=False,
    )
    assert (done.returncode, done.stderr.splitlines()) == (
        65,
        [
            f"salescli: error: {_folder(table)}: the Iceberg table names a partition field "
            "下单日期_month, and DuckDB's iceberg reader cannot read a partition field whose "
            "name has letters beyond ASCII (it stops the program)",
            "  hint: read a copy written out as a Parquet folder (Spark: "
            "df.write.partitionBy(...).parquet(folder)) named by source, or have the table's "
            "partition fields named in ASCII when it is written (Spark: ADD PARTITION FIELD "
            "months(下单日期) AS order_month)",
        ],
    )
