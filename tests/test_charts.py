"""Charts people can read (#17): sorted bars, many reps as horizontal bars or the top ones and
the rest, ticks on 1-2-5 steps, a target line; the same data in the native xlsx charts."""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.i18n import _
from salescli.output import Chart, Output, Table, write
from salescli.output.svg import TARGET_COLOUR, chart_data, chart_svg, nice_ticks

REPS = pd.DataFrame(
    {
        "rep": [f"R{i:02d}" for i in range(40)],
        "amount": [float(1000 + (i * 7919) % 5000) for i in range(40)],
        "attainment": [((i * 37) % 40) / 25 for i in range(40)],
    }
)


@settings(derandomize=True, max_examples=300)
@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
)
def test_ticks_fall_on_1_2_5_steps_and_cover_the_values(a: float, b: float) -> None:
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-6) for m in (1, 2, 5, 10))
    assert ticks[0] <= min(low, 0) + 1e-9 * step and ticks[-1] >= max(high, 0) - 1e-9 * step
    assert 0 in [round(t / step) * step for t in ticks] or ticks[0] == 0
    assert len(ticks) <= 12


def test_the_attainment_ticks_the_issue_saw() -> None:
    assert nice_ticks(0, 4_057_225) == [0, 1e6, 2e6, 3e6, 4e6, 5e6]
    assert nice_ticks(0, 1.52) == [0, 0.5, 1.0, 1.5, 2.0]


def test_ratio_bars_with_many_reps_are_horizontal_sorted_with_a_target_line() -> None:
    chart = Chart(
        "bar",
        "Attainment",
        "by_rep",
        "rep",
        ["attainment"],
        percent=True,
        sort=True,
        target_value=1.0,
    )
    data = chart_data(chart, REPS, "en")
    assert data.horizontal and len(data.categories) == 40  # ratios never summed
    values = data.series["attainment"]
    assert values == sorted(values, reverse=True)
    svg = chart_svg(chart, REPS, "en")
    assert TARGET_COLOUR in svg and 'stroke-dasharray="5,3"' in svg
    names = re.findall(r'text-anchor="end" font-size="10">(R\d\d)<', svg)
    best = REPS.sort_values("attainment", ascending=False, kind="stable")["rep"].tolist()
    assert names == best  # one row per rep, largest on top, every name readable


def test_amount_bars_with_many_members_show_the_top_and_the_rest() -> None:
    chart = Chart("bar", "Amount", "by_rep", "rep", ["amount"], sort=True)
    data = chart_data(chart, REPS, "zh")
    assert len(data.categories) == 15 and data.categories[-1] == "其余 (26)"
    assert sum(data.series["amount"]) == pytest.approx(REPS["amount"].sum())
    assert data.series["amount"][:14] == sorted(REPS["amount"], reverse=True)[:14]


def test_native_xlsx_charts_draw_the_same_sorted_data(tmp_path: Path) -> None:
    chart = Chart(
        "bar",
        _("Attainment by rep"),
        "by_rep",
        "rep",
        ["attainment"],
        percent=True,
        sort=True,
        target_value=1.0,
    )
    path = tmp_path / "c.xlsx"
    write(Output("T", [Table("by_rep", REPS)], [chart]), path, lang="zh")
    book = openpyxl.load_workbook(path)
    data = book["图表数据"]
    rows = list(data.iter_rows(min_row=3, values_only=True))  # after the title and the header
    assert [r[1] for r in rows] == sorted(REPS["attainment"], reverse=True)
    assert all(r[2] == 1.0 for r in rows)  # the target line's values
    assert [c.value for c in data[2]][:3] == ["销售代表", "目标达成率", "目标"]
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/charts/chart1.xml").decode()
    # 40 reps: horizontal bars, best on top, each inside a 100% target outline (Excel cannot
    # draw a line on a bar chart); the value axis in 1-2-5 steps
    assert '<c:barDir val="bar"/>' in xml and "<c:lineChart>" not in xml
    assert '<c:orientation val="maxMin"/>' in xml and '<c:overlap val="100"/>' in xml
    assert "<a:noFill/>" in xml and '<c:majorUnit val="0.5"/>' in xml
    assert "<a:t>销售代表</a:t>" in xml and "<a:t>目标达成率</a:t>" in xml  # axis names


def test_native_column_charts_keep_a_dashed_target_line(tmp_path: Path) -> None:
    few = REPS.head(8)
    chart = Chart("bar", "A", "by_rep", "rep", ["attainment"], percent=True, target_value=1.0)
    path = tmp_path / "c.xlsx"
    write(Output("T", [Table("by_rep", few)], [chart]), path)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/charts/chart1.xml").decode()
    assert '<c:barDir val="col"/>' in xml and "<c:lineChart>" in xml
    assert 'prstDash val="dash"' in xml and '<c:orientation val="maxMin"/>' not in xml
