"""A 年度目标分解表 (targets with the months as columns) saved as it came from Excel.

Its one sheet, `Sheet1` or WPS's `工作表1`, was read as the region of every row: a report by
region showed a region `Sheet1` holding every target beside the orders' regions holding none.
A sheet's name is a region only where someone named it. And a rep's row written twice was
said twelve times on stderr (once per month): it is said once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from salescli.data.workspace import Workspace
from tests.helpers import run, write_csv, write_xlsx

HEADER = ["销售代表", *(f"{m}月" for m in range(1, 13)), "合计"]
ZHANG = ["张三", *([100] * 12), 1200]
LI = ["李四", *([200] * 12), 2400]


def _workspace(folder: Path, sheet: str, *rows: list) -> Path:
    folder.mkdir()
    write_csv(
        folder / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
            ["SO1", "2024-05-06", "C1", "张三", 90],
        ],
    )
    write_xlsx(folder / "targets.xlsx", [["2024年销售目标分解表"], HEADER, *rows], sheet=sheet)
    return folder


@pytest.mark.parametrize("sheet", ["Sheet1", "Sheet", "工作表1", "sheet 2"])
def test_a_sheet_excel_named_is_no_region(tmp_path: Path, sheet: str) -> None:
    targets = Workspace(_workspace(tmp_path / "ws", sheet, ZHANG, LI)).table("targets")
    assert "region" not in targets or targets["region"].isna().all()
    assert targets.groupby("rep")["target"].sum().to_dict() == {"张三": 1200.0, "李四": 2400.0}


def test_a_sheet_someone_named_is_its_rows_region(tmp_path: Path) -> None:
    targets = Workspace(_workspace(tmp_path / "ws", "华东", ZHANG, LI)).table("targets")
    assert set(targets["region"]) == {"华东"}


def test_a_rep_s_row_written_twice_is_said_once(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", "Sheet1", ZHANG, ZHANG, LI)
    done = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert done.exit_code == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "read once" in line]
    assert said == [
        "salescli: warning: targets.xlsx, sheet Sheet1: target 张三/2024-01, 张三/2024-02, "
        "张三/2024-03 and 9 more is listed 2 times (rows 3, 4), the same both times: read "
        "once, not summed"
    ]
