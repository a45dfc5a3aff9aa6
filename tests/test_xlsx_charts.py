"""The native xlsx charts of a real report (#17): many reps as horizontal bars, best on top, each
inside its target outline; ticks on 1-2-5 steps; few categories still columns, the trend a line;
the data each chart caches is what its sheet holds."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from salescli.output import Chart, Output, Table, write
from tests.helpers import canonical, run

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
REF = re.compile(r"^'?(.+?)'?!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?$")


def charts(path: Path) -> dict[str, ET.Element]:
    """Every chart in the workbook by its title."""
    found = {}
    with zipfile.ZipFile(path) as z:
        for name in sorted(n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)):
            root = ET.fromstring(z.read(name))
            title = "".join(t.text or "" for t in root.findall("c:chart/c:title//a:t", NS))
            found[title] = root
    return found


def _cache(element: ET.Element | None) -> list[str | None]:
    if element is None:
        return []
    count = int(element.find("c:ptCount", NS).get("val"))  # type: ignore[union-attr]
    values: list[str | None] = [None] * count
    for pt in element.findall("c:pt", NS):
        values[int(pt.get("idx"))] = pt.find("c:v", NS).text  # type: ignore[arg-type, union-attr]
    return values


def _colour(element: ET.Element | None) -> str | None:
    return None if element is None else element.get("val")


def series(root: ET.Element) -> list[dict[str, Any]]:
    """Each series: its name, category and value references and their cached data."""
    out = []
    for ser in root.iter(f"{{{NS['c']}}}ser"):
        cat = ser.find("c:cat/*", NS)
        val = ser.find("c:val/c:numRef", NS)
        out.append(
            {
                "name": _cache(ser.find("c:tx/c:strRef/c:strCache", NS)),
                "name_ref": ser.findtext("c:tx/c:strRef/c:f", namespaces=NS),
                "cat_ref": cat.findtext("c:f", namespaces=NS) if cat is not None else None,
                "cats": _cache(cat.find("c:strCache", NS) if cat is not None else None),
                "val_ref": val.findtext("c:f", namespaces=NS),  # type: ignore[union-attr]
                "vals": [
                    None if v is None else float(v)
                    for v in _cache(val.find("c:numCache", NS))  # type: ignore[union-attr]
                ],
                "no_fill": ser.find("c:spPr/a:noFill", NS) is not None,
                "outline": _colour(ser.find("c:spPr/a:ln/a:solidFill/a:srgbClr", NS)),
            }
        )
    return out


def axis(root: ET.Element, tag: str) -> dict[str, Any]:
    ax = root.find(f"c:chart/c:plotArea/c:{tag}", NS)
    assert ax is not None, tag

    def val(path: str) -> str | None:
        node = ax.find(path, NS)
        return None if node is None else node.get("val")

    return {
        "orientation": val("c:scaling/c:orientation"),
        "min": val("c:scaling/c:min"),
        "max": val("c:scaling/c:max"),
        "major_unit": val("c:majorUnit"),
        "crosses": val("c:crosses"),
        "format": _format(ax.find("c:numFmt", NS)),
        "title": "".join(t.text or "" for t in ax.findall("c:title//a:t", NS)),
    }


def _format(element: ET.Element | None) -> str | None:
    return None if element is None else element.get("formatCode")


def cells(book: Any, ref: str) -> list[Any]:
    match = REF.match(ref)
    assert match, ref
    sheet, col, row, col2, row2 = match.groups()
    sheet = book[sheet.replace("''", "'")]
    area = sheet[f"{col}{row}:{col2 or col}{row2 or row}"]
    return [row[0].value for row in area]


def bar_dir(root: ET.Element) -> str | None:
    """ "bar" for horizontal bars, "col" for columns, None without bars."""
    node = root.find("c:chart/c:plotArea/c:barChart/c:barDir", NS)
    return None if node is None else node.get("val")


def one_two_five(step: float) -> bool:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return any(math.isclose(mantissa, m) for m in (1, 2, 5))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, small_company: Path) -> Path:
    path = tmp_path_factory.mktemp("xlsx_charts") / "report.xlsx"
    result = run("-w", str(small_company), "report", "--month", "2024-05", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def test_many_reps_are_horizontal_bars_best_on_top_in_target_outlines(report: Path) -> None:
    chart = charts(report)["Attainment by rep"]
    assert bar_dir(chart) == "bar"
    assert chart.find("c:chart/c:plotArea/c:lineChart", NS) is None
    bars, target = series(chart)
    book = openpyxl.load_workbook(report, read_only=True)
    by_rep = pd.DataFrame(list(book["by_rep"].iter_rows(values_only=True))[2:])  # title, header
    by_rep.columns = [
        canonical(c.value) for c in next(book["by_rep"].iter_rows(min_row=2, max_row=2))
    ]
    assert len(by_rep) == 40 and len(bars["cats"]) == 40  # every rep, none summed away
    best = by_rep.sort_values("attainment", ascending=False, kind="stable")
    assert bars["cats"] == best["rep"].tolist()
    assert bars["vals"] == pytest.approx(best["attainment"].tolist())
    # Excel draws a bar chart's first category at the bottom: reversed, the best is on top,
    # and the value axis crosses at the last category, so it stays at the bottom
    categories, values = axis(chart, "catAx"), axis(chart, "valAx")
    assert categories["orientation"] == "maxMin" and values["crosses"] == "max"
    assert categories["title"] == "Rep" and values["title"] == "Attainment"  # plain words
    # the target: an outline bar (no fill, a border) of 100% around each rep's bar
    assert target["name"] == ["Target"] and target["no_fill"] and target["outline"]
    assert target["vals"] == [1.0] * 40 and target["cats"] == bars["cats"]
    overlap = chart.find("c:chart/c:plotArea/c:barChart/c:overlap", NS)
    assert overlap is not None and overlap.get("val") == "100"
    assert values["format"] == "0%"
    # five 1-2-5 steps from 0 cover the best attainment (on the demo: 0.5 up to 2.5)
    step, top = float(values["major_unit"]), max(bars["vals"])
    steps = [m * 10.0**e for e in range(-3, 4) for m in (1, 2, 5)]
    assert step == pytest.approx(min(s for s in steps if s >= top / 5 * 0.999))
    assert float(values["min"]) == 0
    assert float(values["max"]) == pytest.approx(math.ceil(top / step - 1e-9) * step)
    assert max(bars["vals"]) <= float(values["max"])


def test_value_axes_tick_on_1_2_5_steps_and_cover_every_value(report: Path) -> None:
    found = charts(report)
    assert len(found) == 3
    for title, chart in found.items():
        values = axis(chart, "valAx")
        low, high, step = (float(values[k]) for k in ("min", "max", "major_unit"))
        assert one_two_five(step), title
        assert (high - low) / step <= 10 and math.isclose((high - low) / step % 1, 0), title
        numbers = [v for s in series(chart) for v in s["vals"] if v is not None]
        assert low <= min(numbers) and max(numbers) <= high, title


def test_few_regions_stay_sorted_columns_and_the_trend_a_line(report: Path) -> None:
    found = charts(report)
    region = found["Amount by region, against last year"]
    assert bar_dir(region) == "col"
    amount, last_year = series(region)
    assert last_year["name"] == ["Amount, last year"] and last_year["cats"] == amount["cats"]
    assert len(amount["cats"]) == 6 and amount["vals"] == sorted(amount["vals"], reverse=True)
    assert axis(region, "catAx")["orientation"] == "minMax"
    assert axis(region, "valAx")["format"] == "#,##0"
    trend = found["Monthly amount and target"]
    assert trend.find("c:chart/c:plotArea/c:lineChart", NS) is not None
    months = series(trend)[0]["cats"]
    assert months == sorted(months) and len(months) == 13 and months[-1] == "2024-05"


def test_the_data_each_chart_caches_is_what_its_sheet_holds(report: Path) -> None:
    """Viewers that do not recalculate (previews, PowerPoint) draw the cache: it must be the
    sheet's own figures, names and categories."""
    book = openpyxl.load_workbook(report, read_only=False)
    checked = 0
    for chart in charts(report).values():
        for s in series(chart):
            assert s["name"] == cells(book, s["name_ref"])
            assert s["cats"] == cells(book, s["cat_ref"])
            sheet_values = cells(book, s["val_ref"])
            assert s["vals"] == pytest.approx(sheet_values, nan_ok=True)
            checked += 1
    assert checked == 6


def test_a_horizontal_chart_writes_the_same_bytes_twice(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "rep": [f"R{i:02d}" for i in range(30)],
            "attainment": [(i * 7 % 30) / 17 for i in range(30)],
        }
    )
    chart = Chart("bar", "A", "t", "rep", ["attainment"], percent=True, sort=True, target_value=1.0)
    for name in ("a.xlsx", "b.xlsx"):
        write(Output("T", [Table("t", frame)], [chart]), tmp_path / name, lang="zh")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    root = next(iter(charts(tmp_path / "a.xlsx").values()))
    assert bar_dir(root) == "bar"
