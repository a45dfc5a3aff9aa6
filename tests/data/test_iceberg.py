"""An Apache Iceberg table as a source (`iceberg://folder`): the demo's order lines written by
pyiceberg (a SQL catalog on a SQLite file, a file warehouse, one partition a month), read by
DuckDB's iceberg extension. pyiceberg's catalog writes no metadata/version-hint.text: salescli
finds the current snapshot itself."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest

from salescli.data.workspace import Workspace
from tests.data.test_sources import (  # noqa: F401  (module fixtures)
    _outputs,
    _small_workspace,
    _source,
    _workspace_without_orders,
    demo_lines,
    demo_outputs,
)
from tests.helpers import ONE_BAD_AMOUNT, run

if TYPE_CHECKING:
    import pyarrow as pa
    from pyiceberg.table import Table

pytest.importorskip("pyiceberg")
pytest.importorskip("duckdb_extension_iceberg")


def _iceberg(warehouse: Path, lines: pd.DataFrame) -> Table:
    """The lines as the Iceberg table erp.order_lines, partitioned by the month of 下单日期
    (hidden partitioning: no month column), in a SQL catalog kept in warehouse/catalog.db."""
    from pyiceberg.transforms import MonthTransform

    table, rows = _empty_table(warehouse, lines)
    with table.update_spec() as spec:
        spec.add_field("下单日期", MonthTransform(), "month")
    table.append(rows)
    return table


def _empty_table(warehouse: Path, lines: pd.DataFrame) -> tuple[Table, pa.Table]:
    """The Iceberg table erp.order_lines, of the lines' schema and still empty, in a SQL
    catalog kept in warehouse/catalog.db; and the lines as Arrow, to append."""
    import pyarrow as pa
    from pyiceberg.catalog.sql import SqlCatalog

    warehouse.mkdir(parents=True, exist_ok=True)
    catalog = SqlCatalog(
        "sales", uri=f"sqlite:///{warehouse / 'catalog.db'}", warehouse=warehouse.as_uri()
    )
    catalog.create_namespace("erp")
    rows = pa.Table.from_pandas(lines, preserve_index=False)
    return catalog.create_table("erp.order_lines", schema=rows.schema), rows


def _folder(table: Table) -> Path:
    """The table's own folder (metadata/ and data/), from its location URI."""
    return Path(unquote(urlparse(table.location()).path))


def _appraisal(folder: Path) -> str:
    asked = ["appraise", "--month", "2024-05", "--format", "json"]
    done = run("--no-cache", "-w", str(folder), *asked)
    assert done.exit_code == 0, done.stderr
    return done.stdout


def test_an_iceberg_table_gives_the_files_figures_reading_only_the_months_needed(
    tmp_path: Path,
    demo_lines: pd.DataFrame,  # noqa: F811
    demo_outputs: dict[str, bytes],  # noqa: F811
) -> None:
    folder = _workspace_without_orders(tmp_path / "ws")
    table = _iceberg(folder / "warehouse", demo_lines)
    assert not (_folder(table) / "metadata" / "version-hint.text").exists()
    _source(folder, f"iceberg://{_folder(table).relative_to(folder)}")
    assert _outputs(folder, tmp_path / "out") == demo_outputs

    workspace = Workspace(folder)
    from salescli.api.appraisal import appraise

    appraise(workspace, month="2024-05")
    fetched = workspace.fetched["orders"]  # DuckDB's profile of the window's scan
    assert (fetched.parts_read, fetched.parts_total) == (17, 24)
    window = "WHERE \"下单日期\" >= DATE '2022-01-01' AND \"下单日期\" <= DATE '2024-05-31'"
    assert window in fetched.statement
    assert (fetched.first, fetched.last) == (date(2023, 1, 1), date(2024, 12, 31))


def _four_lines(folder: Path) -> tuple[pd.DataFrame, Table]:
    """The small workspace's lines SO1-SO4 (April and May) in an Iceberg table, orders.csv
    gone; all five lines."""
    lines = _small_workspace(folder)
    lines["成本"] = lines["成本"].astype(float)  # no cost given: a column of no type
    (folder / "orders.csv").unlink()
    table = _iceberg(folder / "warehouse", lines[lines["订单编号"] != "SO5"])
    return lines, table


def test_the_current_snapshot_is_read_after_a_delete_and_an_append(tmp_path: Path) -> None:
    """A delete rewrites a data file and leaves the old one where it was; an append adds a
    metadata file. Both must show: the figures are those of the lines the table now holds."""
    import pyarrow as pa
    from pyiceberg.expressions import EqualTo

    folder = tmp_path / "ws"
    lines, table = _four_lines(folder)
    _source(folder, str(_folder(table)))  # a folder holding metadata/: an Iceberg table
    before = _appraisal(folder)
    table.delete(EqualTo("订单编号", "SO3"))
    added = lines[lines["订单编号"] == "SO5"].assign(
        订单编号="SO6", 下单日期=date(2024, 5, 28), 客户编号="C1", 销售代表="张三"
    )
    table.append(pa.Table.from_pandas(added, preserve_index=False))
    after = _appraisal(folder)

    expected = tmp_path / "csv"
    shutil.copytree(folder, expected)
    (expected / "salescli.toml").unlink()
    now = pd.concat([lines[lines["订单编号"].isin(["SO1", "SO2", "SO4"])], added])
    now.to_csv(expected / "orders.csv", index=False)
    assert after == _appraisal(expected) != before
    metadata = sorted((_folder(table) / "metadata").glob("*.metadata.json"))
    workspace = Workspace(folder)
    workspace.read("orders")
    assert f"version = '{metadata[-1].name.removesuffix('.metadata.json')}'" in (
        workspace.fetched["orders"].statement
    )


@pytest.mark.parametrize("kind", ["iceberg", "delta"])
def test_a_bad_value_in_a_lake_table_is_reported_by_its_folder_and_key(
    tmp_path: Path, kind: str
) -> None:
    lines = pd.DataFrame(ONE_BAD_AMOUNT)
    folder = tmp_path / "ws"
    folder.mkdir()
    if kind == "iceberg":
        table = _folder(_iceberg(folder / "warehouse", lines))
    else:
        table = folder / "orders_delta"
        pytest.importorskip("deltalake").write_deltalake(str(table), lines)
    _source(folder, f"{kind}://{table}")
    done = run("-w", str(folder), "check", "--table", "orders")
    # the table's folder and the line's key where a file would say its sheet and row
    place = f"{table} (order_id SO2, product_model YE3-200)"
    assert f'"{place}",,,amount,12O.5' in done.stdout
    assert done.exit_code == 65


def _stderr(folder: Path, *lang: str) -> tuple[int, list[str]]:
    done = run(*lang, "--no-cache", "-w", str(folder), "appraise", "--month", "2024-05")
    return done.exit_code, done.stderr.splitlines()


def test_a_folder_without_iceberg_metadata_is_refused_with_what_to_point_at(
    tmp_path: Path,
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path / "ws"
    _four_lines(folder)  # a workspace, and a warehouse holding the table erp.order_lines
    plain = folder / "plain"
    plain.mkdir()
    pq.write_table(pa.table({"订单编号": ["SO1"]}), plain / "part-0.parquet")
    _source(folder, "plain", format='"iceberg"')  # Parquet files said to be Iceberg
    assert _stderr(folder) == (
        73,
        [
            f"salescli: error: {plain} is not an Iceberg table: it has no metadata folder",
            "  hint: an Iceberg table's folder holds metadata/ (NNNNN-….metadata.json) and "
            'data/; for plain Parquet files say format = "parquet"',
        ],
    )
    _source(folder, "iceberg://warehouse")  # the catalog's warehouse, above the tables
    assert _stderr(folder) == (
        73,
        [
            f"salescli: error: {folder}/warehouse is not an Iceberg table: it has no "
            "metadata folder",
            "  hint: point the source at one table's folder: erp/order_lines",
        ],
    )
    _source(folder, "iceberg://warehouse/erp/orders")  # no such folder
    assert _stderr(folder) == (
        73,
        [
            f"salescli: error: no iceberg table folder {folder}/warehouse/erp/orders",
            "  hint: check the source's path in salescli.toml",
        ],
    )
    (plain / "metadata").mkdir()  # a metadata folder without metadata files
    _source(folder, "plain")
    assert _stderr(folder, "--lang", "zh") == (
        73,
        [
            f"salescli：错误：{plain}/metadata 不是 Iceberg 表：其中没有元数据文件",
            "  建议：Iceberg 表的文件夹含有 metadata/（NNNNN-….metadata.json）和 data/；"
            '普通 Parquet 文件请写 format = "parquet"',
        ],
    )


def test_two_metadata_files_of_one_version_are_refused_and_a_named_one_is_read(
    tmp_path: Path,
) -> None:
    """A commit under way (or one that failed) leaves a second metadata file of the next
    version: which one is current only the catalog knows."""
    folder = tmp_path / "ws"
    _, table = _four_lines(folder)
    _source(folder, f"iceberg://{_folder(table)}")
    read = _appraisal(folder)
    current = Path(unquote(urlparse(table.metadata_location).path))
    version = current.name.split("-", 1)[0]
    rival = current.with_name(f"{version}-00000000-0000-0000-0000-000000000000.metadata.json")
    shutil.copy(current, rival)
    assert _stderr(folder) == (
        65,
        [
            f"salescli: error: {current.parent}: 2 metadata files claim version "
            f"{int(version)} of the Iceberg table: {rival.name}, {current.name}",
            "  hint: a commit is under way or failed: run again later, or name the current "
            f'one (the catalog knows it): source = "iceberg://{_folder(table)}/metadata/FILE"',
        ],
    )
    _source(folder, f"iceberg://{current}")  # the one the catalog names
    assert _appraisal(folder) == read
    shutil.copy(current, folder / "current.metadata.json")  # kept apart from its table
    _source(folder, "iceberg://current.metadata.json")
    assert _appraisal(folder) == read


def test_a_compressed_metadata_file_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    _, table = _four_lines(folder)
    _source(folder, f"iceberg://{_folder(table)}")
    read = _appraisal(folder)
    current = Path(unquote(urlparse(table.metadata_location).path))
    packed = current.with_name(current.name.replace(".metadata.json", ".gz.metadata.json"))
    packed.write_bytes(gzip.compress(current.read_bytes()))
    current.unlink()
    assert _appraisal(folder) == read


def test_a_hadoop_table_is_read_at_its_highest_version_or_at_its_version_hint(
    tmp_path: Path,
) -> None:
    """Hadoop tables name their metadata v1.metadata.json, v2…, and write
    metadata/version-hint.text: DuckDB reads the version it names."""
    folder = tmp_path / "ws"
    _, table = _four_lines(folder)
    _source(folder, f"iceberg://{_folder(table)}")
    read = _appraisal(folder)
    metadata = _folder(table) / "metadata"
    for file in metadata.glob("*.metadata.json"):
        file.rename(metadata / f"v{int(file.name.split('-', 1)[0])}.metadata.json")
    assert _appraisal(folder) == read
    workspace = Workspace(folder)
    workspace.read("orders")
    assert "version = 'v2'" in workspace.fetched["orders"].statement
    (metadata / "version-hint.text").write_text("2")
    assert _appraisal(folder) == read
    workspace = Workspace(folder)
    workspace.read("orders")
    assert f"iceberg_scan('{_folder(table)}')" in workspace.fetched["orders"].statement


def test_a_warehouse_or_a_tables_data_folder_is_not_read_as_plain_parquet(
    tmp_path: Path,
) -> None:
    """A table's folder keeps the data files a commit removed (here SO3's, deleted): read
    as a Parquet folder, their lines would count again."""
    from pyiceberg.expressions import EqualTo

    folder = tmp_path / "ws"
    lines, table = _four_lines(folder)
    table.delete(EqualTo("订单编号", "SO3"))
    delta = folder / "orders_delta"
    lines = lines.assign(month=pd.to_datetime(lines["下单日期"]).dt.strftime("%Y-%m"))
    pytest.importorskip("deltalake").write_deltalake(str(delta), lines, partition_by=["month"])
    hint = (
        "  hint: point the source at a table's folder (iceberg://… or delta://…), or say "
        'format = "parquet" to read every file as it is'
    )
    for source, tables in [
        ("warehouse", _folder(table)),
        (f"{_folder(table)}/data", _folder(table)),
        (f"{_folder(table)}/data/month=2024-05", _folder(table)),
        ("orders_delta/month=2024-05", delta),
        (".", f"{delta}, {_folder(table)}"),  # the workspace itself
    ]:
        _source(folder, source)
        where = Path(source) if source.startswith("/") else folder / source
        assert _stderr(folder) == (
            73,
            [
                f"salescli: error: {str(where).rstrip('/')} is not a table: it holds or lies "
                f"inside the Delta or Iceberg tables {tables}, whose folders keep the files a "
                "later commit removed",
                hint,
            ],
        ), source
    _source(folder, f"{_folder(table)}/data", format='"parquet"')  # as the hint says
    assert "is not a table" not in run("-w", str(folder), "check", "--table", "orders").stderr


def test_a_table_copied_elsewhere_reads_its_own_data_files(tmp_path: Path) -> None:
    """The manifests name the data files by the path they were written at: a copy (a table
    brought from a server) finds them under its own folder, the original gone."""
    folder = tmp_path / "ws"
    _, table = _four_lines(folder)
    _source(folder, f"iceberg://{_folder(table)}")
    read = _appraisal(folder)
    shutil.copytree(_folder(table), folder / "copied")
    shutil.rmtree(folder / "warehouse")
    _source(folder, "iceberg://copied")
    assert _appraisal(folder) == read
