"""The demo's week 2024-W20 against 2024-W19 (4.3.4): the contributions add up to this week's
amount minus last week's, computed here straight from the orders export, for all reps (into a
SQLite database, English) and for one rep's week (xlsx, Chinese); the highlights name the
largest contributors and the table they come from. One run of each per module."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from salescli.output.tables import SQL_TYPES, spec_of
from tests.helpers import run

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
REP = "丁辉欣"
pytestmark = pytest.mark.slow


def week_cents(rep: str | None = None) -> tuple[int, int]:
    """W20's and W19's amounts in cents from orders-2024.xlsx itself: live lines (not 已取消)
    dated Mon 2024-05-13..Sun 05-19 and 05-06..05-12, each line's 金额 in cents."""
    orders = pd.read_excel(DEMO / "orders-2024.xlsx", header=2, engine="calamine")
    orders = orders[orders["下单日期"].notna() & (orders["状态"] != "已取消")]
    if rep is not None:
        orders = orders[orders["销售代表"] == rep]
    day = orders["下单日期"].dt.strftime("%Y-%m-%d")
    amounts = orders["金额"].mul(100).round().astype("int64")
    w20 = int(amounts[(day >= "2024-05-13") & (day <= "2024-05-19")].sum())
    w19 = int(amounts[(day >= "2024-05-06") & (day <= "2024-05-12")].sum())
    return w20, w19


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("week")
    every = run(
        *("-q", "-w", str(DEMO), "report", "--week", "2024-W20"),
        *("-o", f"sqlite:///{folder / 'week.db'}"),
    )
    assert every.exit_code == 0, every.stderr
    one = run(
        *("--lang", "zh", "-q", "-w", str(DEMO), "report", "--week", "2024-W20"),
        *("--rep", REP, "-o", str(folder / "rep.xlsx")),
    )
    assert one.exit_code == 0, one.stderr
    return folder


def cents(values: pd.Series) -> int:
    return int(values.mul(100).round().astype("int64").sum())


def test_all_reps_contributions_add_up_to_this_week_minus_last_week(reports: Path) -> None:
    frames = {}
    with closing(sqlite3.connect(reports / "week.db")) as con:
        for table in ("summary", "contributions", "highlights", "by_rep"):
            spec = spec_of("report", table, "week")
            assert spec is not None
            name = spec.database_table("week")
            assert name == f"report_week_{table}"  # one name in the API, --section and here
            columns = {r[1]: r[2] for r in con.execute(f'PRAGMA table_info("{name}")')}
            assert list(columns) == ["period", *spec.columns], table
            assert all(columns[c.name] == SQL_TYPES[c.type] for c in spec.machine_columns())
            frames[table] = pd.read_sql(f'SELECT * FROM "{name}"', con)
            assert set(frames[table].pop("period")) == {"2024-W20"}
    read = frames.__getitem__

    w20, w19 = week_cents()
    assert (w20, w19) == (1335921937, 1414347882)  # the demo's figures, pinned
    parts = read("contributions")
    assert list(dict.fromkeys(parts["dimension"])) == ["region", "category", "rep"]
    for dimension, group in parts.groupby("dimension"):
        assert cents(group["change_amount"]) == w20 - w19, dimension
        assert (cents(group["amount"]), cents(group["amount_prev"])) == (w20, w19), dimension
        moved = group["change_amount"].abs().tolist()
        assert moved == sorted(moved, reverse=True), dimension
    summary = read("summary").set_index("figure")
    assert round(summary.loc["amount", "current"] * 100) == w20
    assert round(summary.loc["amount", "previous"] * 100) == w19
    assert summary.loc["amount", "last_year"] > 0  # the export reaches 2023-W20
    week = read("by_rep")
    assert cents(week["amount"]) == w20  # the week table says the same
    highlights = read("highlights")
    said = dict(zip(highlights["highlight"], highlights["source"], strict=True))
    change = (w20 - w19) / 100
    assert said[
        f"Against the previous week sales fell by {-change:,.2f} (-5.5%), from {w19 / 100:,.2f}."
    ] == ("Summary 2024-W20")
    for dimension in ("region", "category", "rep"):
        top = parts[parts["dimension"] == dimension].head(3)
        named = "; ".join(
            f"{m.member} {m.change_amount:,.2f} ({m.share_of_change:.1%})" for m in top.itertuples()
        )
        sentence = (
            f"Behind the change of {change:,.2f} in sales, the largest by {dimension}: {named}."
        )
        assert said[sentence] == "What changed the amount against 2024-W19"


def test_one_reps_week_in_chinese_by_category_and_customer(reports: Path) -> None:
    book = openpyxl.load_workbook(reports / "rep.xlsx")
    sheet = book["销售额环比变动的来源（与 2024-W19 相比）"]
    rows = list(sheet.iter_rows(values_only=True))[1:]  # after the title line
    assert rows[0] == ("维度", "成员", "销售额", "销售额上期", "变动额", "占变动比例")
    parts = pd.DataFrame(rows[1:], columns=rows[0])
    assert list(dict.fromkeys(parts["维度"])) == ["产品类别", "客户名称"]
    w20, w19 = week_cents(REP)
    assert (w20, w19) == (34209366, 26659433)
    for dimension, group in parts.groupby("维度"):
        assert cents(group["变动额"]) == w20 - w19, dimension
        assert (cents(group["销售额"]), cents(group["销售额上期"])) == (w20, w19), dimension
    said = [row[0] for row in book["2024-W20 分析要点"].iter_rows(min_row=3, values_only=True)]
    assert "比上周增加 75,499.33（28.3%），上周 266,594.33。" in said
    top = parts[parts["维度"] == "客户名称"].iloc[0]
    assert top["成员"] == "哈尔滨鑫诚商贸有限公司" and top["销售额"] == 0  # bought last week only
    customers = next(s for s in said if "按客户贡献最大的是" in s)
    assert customers.startswith(
        f"销售额变动 75,499.33 中，按客户贡献最大的是：{top['成员']} -235,766.35"
    )
    assert "本月累计 608,687.99，本月目标 912,400.00，已达成 66.7%。" in said
    notes = [row[0] for row in book["说明"].iter_rows(values_only=True) if row[0]]
    assert any(f"仅 {REP} 的订单行" in note for note in notes)
    assert not any("part of the change" in str(note) for note in notes)
