"""Scorecards for reps whose names are hostile as file and sheet names."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from salescli.config import Policy
from salescli.output.scorecards import write_scorecards
from salescli.periods import parse_period
from salescli.rules import appraisal
from salescli.rules.books import books

NAMES = ["华东/张三", "../x", "CON", "<script>alert(1)</script>", "名" * 40, "a/b", "a_b"]


def test_scorecards_stay_in_their_folder_and_keep_names(tmp_path: Path) -> None:
    orders = pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(len(NAMES))],
            "order_date": pd.to_datetime("2024-05-02"),
            "customer_id": [f"C{i}" for i in range(len(NAMES))],
            "rep": NAMES,
            "amount": 10.0,
            "quantity": 1.0,
        }
    )
    data = books(orders)
    period = parse_period("2024Q2")
    _, frame = appraisal.appraise(data, period, Policy(), appraisal.appraised_reps(data, period))
    folder = tmp_path / "cards"
    written = write_scorecards(frame, period, Policy(), folder, "zh")
    assert all(p.parent == folder for p in written)
    assert len({p.name for p in written}) == len(NAMES) + 1
    shown = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert shown == sorted(p.name for p in written)  # beside them: the set's hidden list
    html = (folder / "华东_张三.html").read_text(encoding="utf-8")
    assert "华东/张三" in html and "销量考核评分表" in html
    hostile = next(p for p in written if "script" in p.name).read_text(encoding="utf-8")
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile
    sheets = openpyxl.load_workbook(folder / "scorecards.xlsx").sheetnames
    assert len(sheets) == len(NAMES) + 1 and "华东_张三" in sheets
    assert all(len(s) <= 31 for s in sheets)
