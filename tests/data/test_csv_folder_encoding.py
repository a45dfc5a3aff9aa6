"""A CSV folder read as a source whose files are GBK, the usual encoding of a Chinese export:
DuckDB reads UTF-8 only, so the run stops (65) naming the file, and the hint's way, the files
read as exports by `path`, gives the right figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import run, set_settings

HEADER = "订单编号,下单日期,客户编号,销售代表,金额\n"
FILES = {
    "2024-04.csv": "SO1,2024-04-03,C1,张三,100.50\nSO2,2024-04-09,C2,李四,40\n",
    "2024-05.csv": "SO3,2024-05-03,C1,张三,200\n",
}


def _amounts(folder: Path) -> tuple[int, dict[str, float], str]:
    asked = ("classify", "--quarter", "2024Q2", "--format", "json")
    done = run("--no-cache", "-w", str(folder), *asked)
    if done.exit_code:
        return done.exit_code, {}, done.stderr
    return 0, {r["customer_id"]: r["amount"] for r in json.loads(done.stdout) if r["amount"]}, ""


def test_a_gbk_csv_folder_as_a_source_is_refused_and_the_hint_reads_it_right(
    tmp_path: Path,
) -> None:
    pytest.importorskip("duckdb")
    folder = tmp_path / "ws"
    (folder / "lake").mkdir(parents=True)
    for name, lines in FILES.items():
        (folder / "lake" / name).write_bytes((HEADER + lines).encode("gbk"))
    set_settings(folder / "salescli.toml", "inputs.orders", source='"lake"')
    code, _, said = _amounts(folder)
    assert code == 65, said
    assert "not UTF-8 (a GBK export?)" in said and "2024-0" in said
    hinted = re.search(r'path = "([^"]+)" in place of source', said)
    assert hinted, said
    # the hint followed: the same files read as exports, in their encoding
    (folder / "salescli.toml").write_text(
        f'[inputs.orders]\npath = "{hinted[1]}"\n', encoding="utf-8"
    )
    assert _amounts(folder)[:2] == (0, {"C1": 300.5, "C2": 40.0})
