"""A lake folder's partition key named like a column of its files (`状态=已完成/` over files that
hold 状态, `month=05/` over files with a month column): the line's value is the file's, as
the same lines read from a CSV say. The folder's name is where the lake put the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.data.test_review6 import _figures, _from_csv, _lake, _workspace
from tests.data.test_spark import _spark_engine, spark  # noqa: F401  (a fixture)
from tests.helpers import set_settings

LINES = [
    ["SO1", "2024-05-03", "C1", "张三", "100", "已取消"],  # cancelled, filed under 已完成
    ["SO2", "2024-05-04", "C2", "李四", "40", "已完成"],
    ["SO3", "2024-05-06", "C1", "张三", "60", "已完成"],
    ["SO4", "2024-04-04", "C1", "张三", "9", "已取消"],
]


@pytest.mark.parametrize("kind", ["parquet", "csv"])
def test_a_partition_key_named_like_a_column_gives_the_files_values(
    kind: str, tmp_path: Path
) -> None:
    """A cancelled line filed under 状态=已完成/ is cancelled, as its file says: the folder's
    status was read over it (the key is a column DuckDB fills from the folder), and the
    column, taken for a partition key, was not read at all: SO1 counted with exit 0."""
    files: dict[str, list[list[Any]]] = {
        "状态=已完成/part-0": LINES[:3],
        "状态=已取消/part-0": LINES[3:],
    }
    expected = _from_csv(tmp_path / "csv", LINES)
    amounts = {r["rep"]: r["amount"] for r in expected["appraise"][1]}
    assert amounts == {"张三": 60.0, "李四": 40.0}
    _lake(files, kind)(_workspace(tmp_path / "lake"))
    assert _figures(tmp_path / "lake") == expected


def test_spark_refuses_a_partition_key_named_like_a_column_and_its_hint_gives_the_files_values(
    spark: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Apache Spark (`[engine] kind = "spark"`) reads the folder's value over the file's: the
    same lake is refused (65) naming the file and the key; the hint followed (the folder
    read without the Spark engine) gives the CSV's figures."""
    files: dict[str, list[list[Any]]] = {
        "状态=已完成/part-0": LINES[:3],
        "状态=已取消/part-0": LINES[3:],
    }
    expected = _from_csv(tmp_path / "csv", LINES)
    folder = _workspace(tmp_path / "lake")
    _lake(files, "parquet")(folder)
    _spark_engine(folder)
    refused = _figures(folder)
    for code, said in refused.values():
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
    lines = [
        ["SO1", "2024-05-20", "C1", "张三", "100", "已完成"],
        ["SO2", "2024-05-04", "C2", "李四", "40", "已完成"],
        ["SO3", "2024-07-04", "C1", "张三", "7", "已完成"],
        ["SO4", "2024-04-04", "C1", "张三", "9", "已完成"],
    ]
    files: dict[str, list[list[Any]]] = {
        "month=2024-06/part-0": lines[:1],
        "month=2024-05/part-0": lines[1:2],
        "month=2024-07/part-0": lines[2:3],
        "month=2024-04/part-0": lines[3:],
    }
    expected = _from_csv(tmp_path / "csv", lines)
    assert expected["appraise"][1][0]["amount"] == 100.0
    folder = _workspace(tmp_path / "lake")
    _lake(files, "parquet")(folder)
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
