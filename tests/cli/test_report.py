"""`salescli report` on a whole company (the small generated one): month, week and quarter in
every format."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.helpers import read_sheet, run


def test_month_report_xlsx_holds_sections_and_native_charts(
    tmp_path: Path, small_company: Path
) -> None:
    path = tmp_path / "reports" / "2024-05.xlsx"
    result = run("-w", str(small_company), "report", "--month", "2024-05", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""  # a cron run is quiet on success
    book = openpyxl.load_workbook(path)
    for name in [
        "summary",
        "by_region",
        "by_category",
        "by_customer_group",
        "by_rep",
        "customers",
        "at_risk",
        "top_customers",
        "pipeline",
        "delivery_region",
        "late_orders",
        "market",
    ]:
        assert name in book.sheetnames
    charted = {ws.title: len(ws._charts) for ws in book.worksheets if ws._charts}
    assert charted == {"by_region": 1, "trend": 1, "by_rep": 1}
    trend = read_sheet(path, "trend")
    assert len(trend) == 13 and trend["month"].iloc[-1] == "2024-05"


def test_month_report_html_is_self_contained_with_svg_charts(
    tmp_path: Path, small_company: Path
) -> None:
    path = tmp_path / "r.html"
    assert (
        run(
            "--lang",
            "zh",
            "-w",
            str(small_company),
            "report",
            "--month",
            "2024-05",
            "-o",
            str(path),
        ).exit_code
        == 0
    )
    html = path.read_text(encoding="utf-8")
    assert (
        html.count("<svg") == 3
        and "<script" not in html
        and "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    assert "2024-05 销售月报" in html and "分区域" in html and "@page { size: A4" in html


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium on this machine")
def test_html_renders_in_headless_chromium(tmp_path: Path, small_company: Path) -> None:
    path = tmp_path / "r.html"
    run("-w", str(small_company), "report", "--month", "2024-05", "-o", str(path))
    shot = tmp_path / "r.png"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,1600",
            f"--screenshot={shot}",
            path.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert shot.stat().st_size > 20_000


def test_week_and_quarter_reports_to_a_folder(tmp_path: Path, small_company: Path) -> None:
    result = run(
        "-w",
        str(small_company),
        "report",
        "--week",
        "2024-W19",
        "-o",
        f"{tmp_path}/week/",
        "--format",
        "jsonl",
    )
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "week").iterdir())
    assert names == [
        "at_risk.jsonl",
        "by_rep.jsonl",
        "contributions.jsonl",
        "follow_ups_next_week.jsonl",
        "highlights.jsonl",
        "new_opportunities.jsonl",
        "open_feedback.jsonl",
        "overdue_follow_ups.jsonl",
        "summary.jsonl",
    ]
    week = pd.read_json(tmp_path / "week" / "by_rep.jsonl", lines=True)
    assert {
        "rep",
        "orders",
        "amount",
        "month_to_date",
        "month_target",
        "windows_open",
        "windows_done",
        "visits",
    } <= set(week.columns)
    result = run(
        "-w",
        str(small_company),
        "report",
        "--quarter",
        "2024Q2",
        "-o",
        f"{tmp_path}/q/",
        "--format",
        "parquet",
    )
    assert result.exit_code == 0, result.stderr
    moves = pd.read_parquet(tmp_path / "q" / "class_moves.parquet")
    assert list(moves.columns) == ["period", "from", "A", "B", "C"]
    appraisal = pd.read_parquet(tmp_path / "q" / "appraisal.parquet")
    assert {"final_score", "grade"} <= set(appraisal.columns)
    summary = pd.read_parquet(tmp_path / "q" / "summary.parquet").set_index("figure")
    assert summary.loc["amount", "current"] > 0  # quarter over quarter and year over year


def test_one_section_to_stdout_for_a_pipe_and_rep_filter(small_company: Path) -> None:
    result = run(
        "-w",
        str(small_company),
        "report",
        "--week",
        "2024-W19",
        "--section",
        "by_rep",
        "--rep",
        "丁辉欣",
    )
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame["rep"].tolist() == ["丁辉欣"]


def test_cron_failure_prints_only_the_error(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text("", encoding="utf-8")  # a workspace, no orders
    result = run(
        "-w", str(tmp_path), "report", "--month", "2024-05", "-o", str(tmp_path / "r.xlsx")
    )
    assert result.exit_code == 66 and result.stdout == ""
    assert result.stderr.startswith("salescli: error: the orders table")
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize(("flag", "period"), [("--week", "2024-W19"), ("--quarter", "2024Q2")])
def test_week_and_quarter_as_xlsx_and_html(
    tmp_path: Path, flag: str, period: str, small_company: Path
) -> None:
    for suffix in ("xlsx", "html"):
        path = tmp_path / f"r.{suffix}"
        result = run("-w", str(small_company), "report", flag, period, "-o", str(path))
        assert result.exit_code == 0, result.stderr
    sheets = openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    if flag == "--week":
        assert sheets[:5] == [
            "by_rep",
            "highlights",
            "summary",
            "contributions",
            "new_opportunities",
        ]
        assert "Weekly sales report" in html
        assert "What changed the amount against 2024-W18" in html
    else:
        assert {"summary", "class_moves", "appraisal"} <= set(sheets)
        assert html.count("<svg") == 3
