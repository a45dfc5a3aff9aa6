"""民國 (ROC, Taiwan) dates (#22): 113/05/03, 113.05.03 and 民國113年5月3日 are 2024-05-03.

A date with a three-digit year or the era written is an ROC date; a shorter year (99/12/31)
and the compact 1130503 are, with `date_format = "ROC"` under [inputs.NAME]. The export is a
Big5 CSV as a Taiwanese ERP (鼎新, 正航) writes it, with traditional Chinese headers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from salescli.data.values import parse_date
from salescli.data.workspace import Workspace
from tests.helpers import run, write_csv

HEADER = ["單據日期", "單號", "客戶代號", "客戶簡稱", "業務人員", "品號", "數量", "金額"]
ROWS = [
    ["113/05/03", "S1130001", "C001", "永豐科技", "王小明", "A01", "2", "2000"],
    ["113.05.15", "S1130002", "C002", "大同電子", "陳美玲", "A02", "1", "1500"],
    ["民國113年5月20日", "S1130003", "C001", "永豐科技", "王小明", "A01", "1", "1000"],
    ["113年6月1日", "S1130004", "C002", "大同電子", "陳美玲", "A03", "3", "3000"],
    ["113/03/29", "S1130005", "C001", "永豐科技", "王小明", "A01", "1", "700"],  # 2024Q1
]
# the customer code and the salesperson are named here: 客戶代號 and 業務人員 are not aliases yet
SETTINGS = '[inputs.orders]\nencoding = "big5"\ncustomer_id = "客戶代號"\nrep = "業務人員"\n'


def classified(folder: Path, quarter: str = "2024Q2") -> dict[str, float]:
    result = run("-w", str(folder), "classify", "--quarter", quarter, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {row["customer_id"]: row["amount"] for row in json.loads(result.stdout)}


def test_a_big5_export_with_roc_dates(tmp_path: Path) -> None:
    """Today 113/05/03 is "not a date" (65) and the Big5 bytes are refused for their encoding
    unless it is set; with `encoding = "big5"` the dates read as 2024."""
    write_csv(tmp_path / "orders.csv", [HEADER, *ROWS], encoding="big5")
    (tmp_path / "salescli.toml").write_text(SETTINGS, encoding="utf-8")
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-05-03",
        "2024-05-15",
        "2024-05-20",
        "2024-06-01",
        "2024-03-29",
    ]
    assert classified(tmp_path) == {"C001": 3700.0, "C002": 4500.0}  # four quarters to 2024Q2
    assert run("-w", str(tmp_path), "check", "--table", "orders").exit_code == 0


def test_a_big5_export_is_refused_for_its_encoding_until_it_is_named(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [HEADER, *ROWS], encoding="big5")
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65 and "cannot tell the file's encoding" in result.stderr


def test_short_roc_years_need_the_setting(tmp_path: Path) -> None:
    rows = [HEADER, ["99/12/31", "S0991231", "C001", "永豐科技", "王小明", "A01", "1", "100"]]
    rows.append(["1130503", "S1130006", "C002", "大同電子", "陳美玲", "A02", "1", "200"])
    write_csv(tmp_path / "orders.csv", rows, encoding="big5")
    (tmp_path / "salescli.toml").write_text(SETTINGS, encoding="utf-8")
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65
    assert "row 2, column order_date, value '99/12/31': not a date" in result.stderr
    assert '民國 years below 100: date_format = "ROC" under [inputs.orders]' in result.stderr
    (tmp_path / "salescli.toml").write_text(SETTINGS + 'date_format = "ROC"\n', encoding="utf-8")
    frame = Workspace(tmp_path).table("orders")
    assert frame["order_date"].dt.strftime("%Y-%m-%d").tolist() == ["2010-12-31", "2024-05-03"]
    assert classified(tmp_path) == {"C001": 0.0, "C002": 200.0}


@pytest.mark.parametrize(
    ("written", "setting", "day"),
    [
        ("113/05/03", None, "2024-05-03"),
        ("113.5.3", None, "2024-05-03"),
        ("113-05-03", None, "2024-05-03"),
        ("民國113年5月3日", None, "2024-05-03"),
        ("民国113年5月3日", None, "2024-05-03"),
        ("113年5月3日", None, "2024-05-03"),
        ("113/05/03 14:30", None, "2024-05-03"),
        ("民國99年12月31日", None, "2010-12-31"),
        ("99/12/31", "ROC", "2010-12-31"),
        ("1130503", "ROC", "2024-05-03"),
        ("2024-05-03", "ROC", "2024-05-03"),
    ],
)
def test_roc_forms(written: str, setting: str | None, day: str) -> None:
    parsed, bad = parse_date(pd.Series([written], dtype="string"), order=setting)
    assert not bad.any() and parsed.iloc[0] == pd.Timestamp(day)


@pytest.mark.parametrize("written", ["99/12/31", "1130503", "113/13/03", "113/02/30", "12.05.03"])
def test_what_is_not_an_roc_date_without_the_setting(written: str) -> None:
    _, bad = parse_date(pd.Series([written], dtype="string"))
    assert bad.all()


@pytest.mark.parametrize("written", ["ROC", "roc", "民國", "民国"])
def test_the_setting_is_spelled_freely(tmp_path: Path, written: str) -> None:
    from salescli.config import InputSpec

    assert InputSpec(date_format=written).date_format == "ROC"
