"""Gaps earlier hostile readers noticed in what salescli publishes and did not test
(tests/cli/test_review10.py, tests/cli/test_ratios.py): the report summary's attainment in the
machine formats, small numbers written in scientific notation, the tables `check` and `map`
write missing from the data dictionary, a corrected visit plan's calendar events. Each test
builds the small company whose right figures it states."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.cli.test_ratios import one_rep
from tests.helpers import run, write_csv

# ---------------------------------------------------------------- 4. the summary's attainment


def summary(ws: Path, fmt: str, out: Path | None = None) -> dict[str, dict]:
    """report --section summary in `fmt`, by figure."""
    args = ["-w", str(ws), "report", "--month", "2024-05", "--section", "summary"]
    if fmt == "parquet":
        assert out is not None
        result = run(*args, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        rows = pd.read_parquet(out).to_dict("records")
    else:
        result = run(*args, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        if fmt == "json":
            rows = json.loads(result.stdout)
        elif fmt == "jsonl":
            rows = [json.loads(line) for line in result.stdout.splitlines()]
        else:
            rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
            rows = [
                {k: float(v) if k == "current" and v else v for k, v in r.items()} for r in rows
            ]
    return {r["figure"]: r for r in rows}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet"])
@pytest.mark.parametrize(
    ("sold", "published"),
    [
        (599999.60, 0.599999),  # below the 60 % bonus floor: never 0.6
        (999999.60, 0.999999),  # below 100 %: never 1.0
        (600000.00, 0.6),
        (812345.67, 0.812346),  # no limit near: 6 decimals, half up
    ],
)
def test_the_summarys_attainment_is_published_on_its_side_of_the_floor(
    tmp_path: Path, fmt: str, sold: float, published: float
) -> None:
    """The by_rep table and the appraisal publish 599,999.60 of 1,000,000 as 0.599999 (no
    bonus); the summary's attainment row said 0.6 in json, csv and parquet, beside a bonus of
    0. It reads as they do, on its side of the floor and of 100 %."""
    ws = one_rep(tmp_path, {"05": [sold]})
    write_csv(ws / "targets.csv", [["销售代表", "期间", "目标"], ["张三", "2024-05", 1000000]])
    rows = summary(ws, fmt, tmp_path / "summary.parquet")
    assert rows["attainment"]["current"] == published
    assert rows["target"]["current"] == 1000000.0  # a figure of no limit, as it was
