"""A lake folder's partition keys (`状态=已取消/`): a key is a column of the table, as Hive,
Spark and Trino read it, and says its lines' value where the files do not hold the column (a
cancelled line filed under 状态=已取消/ is cancelled). A key named like a column of the files
must agree with it on every line, or the run is refused: which is the line's is not said.
Keys that place lines by their day (`month=2024-05/`) are not read: each line's date is."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.data.test_review6 import (
    HEADER,
    MISFILED,
    MISFILED_LINES,
    _figures,
    _from_csv,
    _lake,
    _workspace,
)
from tests.data.test_spark import _spark_engine, spark  # noqa: F401  (a fixture)
from tests.helpers import set_settings, write_csv

LINES = [
    ["SO1", "2024-05-03", "C1", "张三", "100", "已取消"],
    ["SO2", "2024-05-04", "C2", "李四", "40", "已完成"],
    ["SO3", "2024-05-06", "C1", "张三", "60", "已完成"],
    ["SO4", "2024-04-04", "C1", "张三", "9", "已取消"],
]


def _hive(lines: list[list[Any]], key: str, kind: str) -> Any:
    """The lines as a lake partitioned by `key` the way Spark writes one: a folder per value,
    the key's column left out of the files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    at = HEADER.index(key)
    kept = [h for h in HEADER if h != key]

    def make(folder: Path) -> None:
        for value in sorted({line[at] for line in lines}):
            rows = [
                [c for i, c in enumerate(line) if i != at] for line in lines if line[at] == value
            ]
            path = folder / "lake" / f"{key}={value}" / f"part-0.{kind}"
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "csv":
                write_csv(path, [kept, *rows])
                continue
            columns = {h: [r[i] for r in rows] for i, h in enumerate(kept)}
            if "下单日期" in columns:
                columns["下单日期"] = [date.fromisoformat(d) for d in columns["下单日期"]]
            columns["金额"] = [float(a) for a in columns["金额"]]
            pq.write_table(pa.table(columns), path)
        set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')

    return make


@pytest.mark.parametrize("kind", ["parquet", "csv"])
@pytest.mark.parametrize("key", ["状态", "销售代表"])
def test_a_partition_key_is_read_as_its_lines_column(key: str, kind: str, tmp_path: Path) -> None:
    """A lake partitioned by status (the key's column not in its files, as Spark writes
    one): a line under 状态=已取消/ is cancelled; partitioned by the seller, each line's rep is
    its folder's. Both were left out of the reading: SO1 counted, with exit 0 (张三 160)."""
    expected = _from_csv(tmp_path / "csv", LINES)
    amounts = {r["rep"]: r["amount"] for r in expected["appraise"][1]}
    assert amounts == {"张三": 60.0, "李四": 40.0}
    _hive(LINES, key, kind)(_workspace(tmp_path / "lake"))
    assert _figures(tmp_path / "lake") == expected


def test_spark_reads_a_partition_key_as_its_lines_column(
    spark: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    expected = _from_csv(tmp_path / "csv", LINES)
    folder = _workspace(tmp_path / "lake")
    _hive(LINES, "状态", "parquet")(folder)
    _spark_engine(folder)
    assert _figures(folder) == expected


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_partition_key_named_like_a_column_that_agrees_gives_the_csv_figures(
    kind: str, tmp_path: Path
) -> None:
    files: dict[str, list[list[Any]]] = {
        "状态=已取消/part-0": [LINES[0], LINES[3]],
        "状态=已完成/part-0": LINES[1:3],
    }
    expected = _from_csv(tmp_path / "csv", LINES)
    folder = tmp_path / "lake (2024)"  # a parenthesis in the files' paths
    _lake(files, kind)(_workspace(folder))
    assert _figures(folder) == expected


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_partition_key_named_like_a_column_that_disagrees_is_refused(
    kind: str, tmp_path: Path
) -> None:
    """A cancelled line filed under 状态=已完成/ in files that hold 状态: the folder's status
    was read over the line's and the column dropped as a key (SO1 counted, exit 0): now
    refused, naming the file, the key and both values."""
    files: dict[str, list[list[Any]]] = {
        "状态=已完成/part-0": LINES[:3],
        "状态=已取消/part-0": LINES[3:],
    }
    _lake(files, kind)(_workspace(tmp_path / "lake"))
    for code, said in _figures(tmp_path / "lake").values():
        assert code == 65, said
        assert "a line holds 状态 已取消 under the folder 状态=已完成" in said
        assert f"状态=已完成/part-0.{kind}" in said and "move the file to its folder" in said


def test_spark_refuses_a_partition_key_named_like_a_column_and_its_hint_gives_the_csv_figures(
    spark: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Apache Spark (`[engine] kind = "spark"`) reads the folder's value over the file's and
    cannot say where they differ: a key named like a column of the files is refused (65)
    naming the file and the key; the hint followed (the folder read without the Spark
    engine, which compares them) gives the CSV's figures where they agree."""
    files: dict[str, list[list[Any]]] = {
        "状态=已取消/part-0": [LINES[0], LINES[3]],
        "状态=已完成/part-0": LINES[1:3],
    }
    expected = _from_csv(tmp_path / "csv", LINES)
    folder = _workspace(tmp_path / "lake")
    _lake(files, "parquet")(folder)
    _spark_engine(folder)
    for code, said in _figures(folder).values():
        assert code == 65
        assert "the folder key 状态 is also a column of the files under it" in said
        assert "lake/状态=" in said and 'no [engine] kind = "spark"' in said
    text = (folder / "salescli.toml").read_text(encoding="utf-8")
    (folder / "salescli.toml").write_text(text.replace('kind = "spark"', ""), encoding="utf-8")
    assert _figures(folder) == expected


def test_spark_counts_a_line_filed_under_another_month_s_partition_in_its_own(
    spark: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A line dated 2024-05-20 filed under month=2024-06/ (a partition written by the load
    date), read by Spark: a May line, as the CSV says."""
    expected = _from_csv(tmp_path / "csv", MISFILED_LINES)
    assert expected["appraise"][1][0]["amount"] == 100.0
    folder = _workspace(tmp_path / "lake")
    _lake(MISFILED, "parquet")(folder)
    _spark_engine(folder)
    assert _figures(folder) == expected


@pytest.mark.parametrize(
    "header",
    ["订单编号,下单日期,客户编号,销售代表,金额", "order_id,order_date,customer_id,rep,amount"],
)
def test_spark_refuses_a_gbk_csv_folder_as_duckdb_does(
    header: str,
    spark: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A CSV folder of GBK files read by Spark: Spark reads UTF-8, and GBK's 张三 and 李四 would
    both become replacement characters, one rep of no target (under English headers, with
    exit 0). Refused as DuckDB refuses it, with the same hint."""
    from tests.data.test_csv_folder_encoding import FILES, _amounts

    folder = tmp_path / "ws"
    (folder / "lake").mkdir(parents=True)
    for name, lines in FILES.items():
        (folder / "lake" / name).write_bytes((header + "\n" + lines).encode("gbk"))
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')
    _spark_engine(folder)
    code, amounts, said = _amounts(folder)
    assert code == 65, (amounts, said)
    assert "not UTF-8 (a GBK export?)" in said
    assert 'path = "' in said and "in place of source" in said


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_day_key_is_read_when_a_setting_maps_it(kind: str, tmp_path: Path) -> None:
    """A key that places lines by their day (`dt=2024-05-03/`, Hive's usual one) is not read,
    each line's own date being; a lake whose files hold no date but the folders' (as Spark
    writes one partitioned by day) is read when `order_date = "dt"` maps it."""
    expected = _from_csv(tmp_path / "csv", LINES)
    assert {r["rep"]: r["amount"] for r in expected["appraise"][1]} == {"张三": 60.0, "李四": 40.0}
    folder = _workspace(tmp_path / "lake")
    _hive(LINES, "下单日期", kind)(folder)
    for path in sorted((folder / "lake").iterdir()):
        path.rename(path.with_name(path.name.replace("下单日期=", "dt=")))
    refused = _figures(folder)
    assert all(code == 65 and "no column for order_date" in said for code, said in refused.values())
    set_settings(folder / "salescli.toml", "inputs.orders", order_date='"dt"')
    assert _figures(folder) == expected
