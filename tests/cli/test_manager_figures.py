"""Figures a manager acts on (#24, and #23 item 10), on small workspaces whose right figures
each test computes itself: the market period, the number of sales stars, honours as codes and
labels, a ratio's change in points, a period the orders do not reach, empty sections."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.helpers import HEADER_ROW, ORDER_HEADER, canonical, order_row, run, write_csv

# --- a small company: orders of Q1 and Q2 2024, quarterly market rows --------------------

# (order, day, customer, rep, amount, region)
LINES = [
    ("SO1", "2024-01-15", "C1", "张三", 100.0, "华东"),
    ("SO2", "2024-02-20", "C2", "李四", 50.0, "华东"),
    ("SO3", "2024-03-31", "C3", "张三", 30.0, "华南"),
    ("SO4", "2024-04-10", "C1", "张三", 200.0, "华东"),
    ("SO5", "2024-05-06", "C2", "李四", 5000.0, "华东"),  # after April: never in April's share
    ("SO6", "2024-06-30", "C3", "张三", 700.0, "华南"),
]
MARKET = [
    ["期间", "区域", "市场规模", "竞争对手", "竞争对手销售额"],
    ["2024Q1", "华东", 1500, "汇川", 300],
    ["2024Q1", "华南", 600, "汇川", 60],
    ["2024Q2", "华东", 52000, "汇川", 900],
    ["2024Q2", "华南", 7000, "汇川", 70],
]


def company(tmp_path: Path, lines: list[tuple] = LINES) -> Path:
    ws = tmp_path / "company"
    ws.mkdir(parents=True)
    rows = [
        order_row(o, day, customer, amount, rep, 区域=region)
        for o, day, customer, rep, amount, region in lines
    ]
    write_csv(ws / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(ws / "market.csv", MARKET)
    months = [f"2024-{m:02d}" for m in range(1, 7)]
    write_csv(
        ws / "targets.csv",
        [["销售代表", "期间", "目标"], *[[r, m, 100] for r in ("张三", "李四") for m in months]],
    )
    return ws


def ours(region: str, first: str, last: str, lines: list[tuple] = LINES) -> float:
    return sum(a for _, day, _, _, a, r in lines if r == region and first <= day <= last)


def market_rows(ws: Path, *period: str) -> pd.DataFrame:
    result = run("-w", str(ws), "report", *period, "--section", "market", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    return pd.read_csv(io.StringIO(result.stdout))


def test_the_april_report_shares_q1_against_q1s_market_never_sales_after_april(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    april = market_rows(ws, "--month", "2024-04")
    us = april[april["ours"]].set_index("region")
    assert set(april["market_period"]) == {"2024Q1"}  # Q2 had not ended on 04-30
    for region, size in (("华东", 1500), ("华南", 600)):
        amount = ours(region, "2024-01-01", "2024-03-31")
        assert us.loc[region, "amount"] == amount
        assert us.loc[region, "share"] == pytest.approx(amount / size)
    # May and June orders (5,000 and 700) do not move April's report: run again in July
    later = [*LINES, ("SO7", "2024-07-02", "C1", "张三", 99999.0, "华东")]
    again = market_rows(company(tmp_path / "july", later), "--month", "2024-04")
    pd.testing.assert_frame_equal(again, april)
    # the report says which market period it used
    run("-w", str(ws), "report", "--month", "2024-04", "-o", str(tmp_path / "r.md"))
    notes = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "market period 2024Q1: the latest in the market table ended by 2024-04-30" in notes


def test_the_quarter_report_shares_its_own_quarter(tmp_path: Path) -> None:
    q2 = market_rows(company(tmp_path), "--quarter", "2024Q2")
    us = q2[q2["ours"]].set_index("region")
    assert set(q2["market_period"]) == {"2024Q2"}
    amount = ours("华东", "2024-04-01", "2024-06-30")
    assert us.loc["华东", "amount"] == amount and us.loc["华东", "share"] == pytest.approx(
        amount / 52000
    )


# --- sales stars: nine reps over target, every score capped at 120 ----------------------

# rep -> (amount, target): attainment amount / target; all at or over 120 % of target
REPS = {
    "R1": (300.0, 200.0),
    "R2": (260.0, 200.0),
    "R3": (390.0, 300.0),
    "R4": (250.0, 200.0),
    "R5": (500.0, 400.0),
    "R6": (240.0, 200.0),
    "R7": (121.0, 100.0),
    "R8": (130.0, 100.0),
    "R9": (125.0, 100.0),
}


def nine_reps(tmp_path: Path, reps: dict[str, tuple[float, float]] = REPS) -> Path:
    ws = tmp_path / "nine"
    ws.mkdir()
    rows = [
        order_row(f"SO{i}", "2024-05-06", f"C{i}", amount, rep)
        for i, (rep, (amount, _)) in enumerate(reps.items())
    ]
    write_csv(ws / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(
        ws / "targets.csv",
        [["销售代表", "期间", "目标"], *[[r, "2024-05", t] for r, (_, t) in reps.items()]],
    )
    return ws


def stars_by_policy(reps: dict[str, tuple[float, float]], count: int = 3) -> list[str]:
    """POLICY 5.3 computed here: capped score, then uncapped attainment, then amount."""
    keyed = sorted(
        ((min(a / t, 1.2), a / t, a, r) for r, (a, t) in reps.items() if a / t >= 1),
        key=lambda k: (-k[0], -k[1], -k[2]),
    )
    return [k[3] for k in keyed[:count]]


def test_exactly_three_sales_stars_though_nine_reps_share_the_top_score(tmp_path: Path) -> None:
    result = run("-w", str(nine_reps(tmp_path)), "appraise", "--month", "2024-05")
    assert result.exit_code == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout)).set_index("rep")
    assert (table["performance_score"] == 120).all()
    starred = table.index[table["honours"].fillna("").str.contains("sales_star")].tolist()
    assert sorted(starred) == sorted(stars_by_policy(REPS)) and len(starred) == 3  # was 9
    champion = table["amount"].idxmax()
    assert table.loc[champion, "honours"].split("; ")[0] == "sales_champion"


def test_a_rep_tied_with_the_third_on_every_key_is_named_in_a_note(tmp_path: Path) -> None:
    reps = {"T1": (300.0, 200.0), "T2": (260.0, 200.0), "T3": (250.0, 200.0)}
    reps["T4"] = reps["T3"]  # equal to the third on score, attainment and amount
    ws = nine_reps(tmp_path, reps)
    result = run("-w", str(ws), "appraise", "--month", "2024-05", "--format", "md")
    assert result.exit_code == 0, result.stderr
    assert (
        "sales star ties: T4 equal T3 (the last of 3 stars) on performance score, attainment "
        "and amount: named here, not honoured"
    ) in result.stdout
    table = pd.read_csv(
        io.StringIO(run("-w", str(ws), "appraise", "--month", "2024-05").stdout)
    ).set_index("rep")
    assert table["honours"].fillna("").str.contains("sales_star").sum() == 3
    assert "sales_star" not in str(table.loc["T4", "honours"])
    zh = run("--lang", "zh", "-w", str(ws), "appraise", "--month", "2024-05", "--format", "md")
    assert "销售明星并列：T4 与 T3" in zh.stdout


# --- honours: codes for machines, labels for people ---------------------------------------


def test_honours_are_codes_in_machine_outputs_and_labels_in_peoples(tmp_path: Path) -> None:
    ws = nine_reps(tmp_path)
    database = tmp_path / "bi.db"
    written = run("-w", str(ws), "appraise", "--month", "2024-05", "-o", f"sqlite:///{database}")
    assert written.exit_code == 0, written.stderr
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(database)) as con:
        stored = {r[0] for r in con.execute("SELECT honours FROM appraisal_month") if r[0]}
    assert stored <= {"sales_champion", "sales_star", "sales_champion; sales_star"} and stored
    labels = {}
    for lang in ("en", "zh"):
        path = tmp_path / f"a-{lang}.xlsx"
        run("--lang", lang, "-w", str(ws), "appraise", "--month", "2024-05", "-o", str(path))
        sheet = openpyxl.load_workbook(path).worksheets[0]
        heads = [canonical(c.value) for c in sheet[HEADER_ROW]]
        column = heads.index("honours")
        labels[lang] = {
            r[column].value for r in sheet.iter_rows(min_row=HEADER_ROW + 1) if r[column].value
        }
    assert labels["en"] <= {"Sales star", "Sales champion", "Sales champion; Sales star"}
    assert "Sales star" in labels["en"]  # was 销售明星 sales star, whatever the language
    assert "销售明星" in labels["zh"] and all("sales" not in v for v in labels["zh"])


# --- a ratio's change in points; a period the orders do not reach ------------------------


def summary(ws: Path, month: str, fmt: str = "json") -> list[dict]:
    result = run("-w", str(ws), "report", "--month", month, "--section", "summary", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def test_a_ratios_change_is_in_percentage_points(tmp_path: Path) -> None:
    rows = {r["figure"]: r for r in summary(company(tmp_path), "2024-05")}
    # attainment: May 5,000 / 200, April 200 / 200: 2,500 % after 100 %: +2,400 points
    may, april = 5000 / 200, 200 / 200
    assert rows["attainment"]["change_pp"] == pytest.approx((may - april) * 100)
    assert rows["attainment"]["change"] is None  # not a relative change of a ratio
    assert rows["amount"]["change"] == pytest.approx(5000 / 200 - 1)  # amounts stay relative
    assert rows["amount"]["change_pp"] is None
    shown = summary(company(tmp_path / "md"), "2024-05", "md")
    assert "+2400.0 pp" in shown and "Change (pp)" in shown


def test_a_month_before_the_orders_is_empty_not_zero_in_comparisons(tmp_path: Path) -> None:
    """#23 item 10: January's previous month (December 2023) and last year's January are
    before the first order: empty, and the highlights say nothing about a rise from 0.00."""
    ws = company(tmp_path)
    rows = {r["figure"]: r for r in summary(ws, "2024-01")}
    for figure in ("amount", "orders", "profit", "active_customers"):
        assert rows[figure]["previous"] is None and rows[figure]["last_year"] is None, figure
        assert rows[figure]["change"] is None and rows[figure]["yoy"] is None, figure
    report = run("-w", str(ws), "report", "--month", "2024-01", "--format", "json")
    tables = {
        name: run(
            "-w", str(ws), "report", "--month", "2024-01", "--section", name, "--format", "json"
        ).stdout
        for name in ("by_region", "by_rep", "highlights", "contributions", "trend")
    }
    assert report.exit_code == 0
    by_region = json.loads(tables["by_region"])
    assert all(r["amount_prev"] is None and r["amount_last_year"] is None for r in by_region)
    assert all(r["amount_prev"] is None for r in json.loads(tables["by_rep"]))
    assert json.loads(tables["contributions"]) == []  # nothing changed against a month unknown
    trend = {r["month"]: r["amount"] for r in json.loads(tables["trend"])}
    assert trend["2023-12"] is None and trend["2024-01"] == 100.0
    highlights = " ".join(r["highlight"] for r in json.loads(tables["highlights"]))
    assert "from 0.00" not in highlights and "()" not in highlights
    run("-w", str(ws), "report", "--month", "2024-01", "-o", str(tmp_path / "r.md"))
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "the orders start 2024-01-15, after 2023-12 ended: no figures for 2023-12" in md
    # February: January is covered (the company's first sale falls in it), so it compares
    feb = {r["figure"]: r for r in summary(ws, "2024-02")}
    assert feb["amount"]["previous"] == 100.0 and feb["amount"]["change"] == pytest.approx(-0.5)


# --- an empty section says why ------------------------------------------------------------


def test_a_month_without_surveys_says_why_its_satisfaction_is_empty(tmp_path: Path) -> None:
    ws = company(tmp_path)
    write_csv(
        ws / "satisfaction.csv",
        [["客户编号", "调查日期", "评分"], ["C1", "2024-03-28", 5], ["C2", "2024-06-27", 4]],
    )
    write_csv(
        ws / "customers.csv",
        [
            ["客户编号", "客户名称", "销售代表", "区域"],
            ["C1", "甲", "张三", "华东"],
            ["C2", "乙", "李四", "华东"],
            ["C3", "丙", "张三", "华南"],
        ],
    )
    path = tmp_path / "r.md"
    result = run("-w", str(ws), "report", "--month", "2024-05", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    md = path.read_text(encoding="utf-8")
    section = md.split("## Satisfaction by region", 1)[1].split("\n## ", 1)[0]
    assert (
        "no satisfaction survey is dated in 2024-05: the surveys are dated in 2024-03 (the "
        "quarter's report and appraisal use them)"
    ) in section
    notes = md.split("\n## Notes\n", 1)[1].splitlines()
    assert len([n for n in notes if n.startswith("- classes: ")]) == 1  # at_risk's and by_class'
    assert len(notes) == len(set(notes))  # each note once


def test_a_rise_from_a_month_without_sales_has_no_empty_percentage(tmp_path: Path) -> None:
    """February is covered (the orders start in January) and sold nothing: March rose from
    0.00, a relative change has no base, and the sentence says no "()"."""
    lines = [line for line in LINES if not line[1].startswith("2024-02")]
    ws = company(tmp_path, lines)
    result = run(
        "-w", str(ws), "report", "--month", "2024-03", "--section", "highlights", "--format", "json"
    )
    said = [r["highlight"] for r in json.loads(result.stdout)]
    rise = next(s for s in said if s.startswith("Against the previous period"))
    assert rise == "Against the previous period sales rose by 30.00, from 0.00."
    assert not any("()" in s for s in said)
