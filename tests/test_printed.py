"""What a printed (HTML) report leaves out, it says (#17, pages that print): a long list shows
its `report.printed_rows` most urgent rows and says "10 of 294", with the command giving every
row; contributions keep each dimension's largest changes and sum the rest in one row that keeps
the total; a per-rep table names the reps whose figures are all zero. The xlsx and Markdown
outputs keep every row. No Chromium here: the page counts are tests/test_print.py's."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from salescli.output import Output, Table, write
from salescli.output.cells import display_cells
from salescli.output.html import printed, table_parts

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
RERUN = "salescli report --month 2024-05"


def _list(rows: int) -> Table:
    frame = pd.DataFrame(
        {
            "customer_id": [f"C{i:03d}" for i in range(rows)],
            "days_since": [(i * 7) % rows for i in range(rows)],
        }
    )
    return Table("at_risk", frame, print_rows=10, print_sort="days_since")


def test_a_long_list_prints_its_most_urgent_rows_and_says_how_many_of_how_many() -> None:
    table, notes = printed(_list(30), "en", RERUN)
    assert table.frame["days_since"].tolist() == list(range(29, 19, -1))
    assert notes == [
        (
            "10 of 30 rows shown, largest days since last order first; every row is in the xlsx, "
            "csv and markdown outputs and from:",
            "salescli report --month 2024-05 --section at_risk",
        )
    ]
    [(zh, command)] = printed(_list(30), "zh", RERUN)[1]
    assert zh.startswith("共 30 行，列出未下单天数最大的 10 行；全部行见 xlsx、csv 或 md 输出")
    assert command.endswith("--section at_risk")
    # the page shows the note under the table's last part
    assert table_parts(_list(30), "en", RERUN)[-1].notes == notes


def test_a_list_a_few_rows_longer_prints_whole() -> None:
    """Cutting 5 rows of 15 would save less paper than its note takes: up to half as long again
    as printed_rows, a list prints whole and says nothing."""
    table, notes = printed(_list(15), "en", RERUN)
    assert len(table.frame) == 15 and notes == []
    table, notes = printed(_list(16), "en", RERUN)
    assert len(table.frame) == 10 and notes[0][0].startswith("10 of 16 rows shown")


def test_contributions_keep_the_largest_changes_and_sum_the_rest_to_the_same_total() -> None:
    members = [f"rep{i:02d}" for i in range(20)]
    change = [(-1) ** i * (i + 1) * 100.0 for i in range(20)]
    frame = pd.DataFrame(
        {
            "dimension": ["region"] * 3 + ["rep"] * 20,
            "member": ["east", "west", "north", *members],
            "change_amount": [50.0, -20.0, 10.0, *change],
        }
    )
    table = Table(
        "contributions",
        frame,
        print_rows=5,
        print_sort="change_amount",
        print_group="dimension",
    )
    shown, notes = printed(table, "en", RERUN)
    reps = shown.frame[shown.frame["dimension"] == "rep"]
    # the five largest by size, either sign, then one row for the other fifteen
    assert reps["change_amount"].tolist()[:5] == [-2000.0, 1900.0, -1800.0, 1700.0, -1600.0]
    assert reps["member"].tolist()[5] == "(the other 15)"
    assert reps["change_amount"].sum() == pytest.approx(sum(change))
    assert len(shown.frame[shown.frame["dimension"] == "region"]) == 3  # short: whole
    assert [n[0].split(";")[0] for n in notes] == [
        "rep: the 5 largest change in amount of 20 shown, the other 15 summed in one row"
    ]
    zh = printed(table, "zh", RERUN)
    assert display_cells(zh[0], "zh")[-1][:2] == ["销售代表", "（其余 15 个）"]
    assert zh[1][0][0].startswith(
        "销售代表：列出变动额最大的 5 个（共 20 个），其余 15 个合计为一行"
    )


def test_a_per_rep_table_names_the_reps_with_nothing_instead_of_printing_their_zeros() -> None:
    frame = pd.DataFrame(
        {
            "rep": ["甲", "乙", "(no rep)", "丁"],
            "received": [2, 0, 0, 0],
            "open": [1, 0, 0, 1],
            "closed_loop_rate": [0.5, None, None, None],
        }
    )
    table = Table("feedback", frame, print_zero=True)
    shown, notes = printed(table, "en")
    assert shown.frame["rep"].tolist() == ["甲", "丁"]
    assert notes == [("2 rows not listed, every figure zero (rep: 乙, (no rep))", "")]
    assert (
        printed(table, "zh")[1][0][0]
        == "另有 2 行各项均为零，未列出（销售代表：乙、（无销售代表））"
    )


class _Sections(HTMLParser):
    """Each section's body rows (the cells' text) and its notes, by section id."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[list[str]]] = {}
        self.notes: dict[str, list[str]] = {}
        self.section = ""
        self.where = ""
        self.body = False

    def handle_starttag(self, tag: str, attrs) -> None:
        found = dict(attrs)
        if tag == "section":
            self.section = found.get("id") or ""
        elif tag == "tbody":
            self.body = True
        elif tag == "tr" and self.body:
            self.rows.setdefault(self.section, []).append([])
        elif tag == "td" and self.body:
            self.rows[self.section][-1].append("")
            self.where = "td"
        elif tag == "p" and "notes" in (found.get("class") or ""):
            # the notes go under a table's last column group (open_feedback-2): by its name
            self.notes.setdefault(re.sub(r"-\d+$", "", self.section), []).append("")
            self.where = "p"

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self.body = False
        if tag in ("td", "p"):
            self.where = ""

    def handle_data(self, data: str) -> None:
        if self.where == "td":
            self.rows[self.section][-1][-1] += data
        elif self.where == "p":
            self.notes[re.sub(r"-\d+$", "", self.section)][-1] += data


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The demo's month report computed once (the parsed exports cached, as the CLI does),
    written as html (en, zh), xlsx and Markdown."""
    from salescli.api import report
    from salescli.data.workspace import Workspace

    output: Output = report(Workspace(DEMO, cache=True), month="2024-05").output
    folder = tmp_path_factory.mktemp("month")
    pages = {}
    for lang in ("en", "zh"):
        write(output, folder / f"{lang}.html", lang=lang)
        pages[lang] = _Sections()
        pages[lang].feed((folder / f"{lang}.html").read_text("utf-8"))
    write(output, folder / "r.xlsx")
    write(output, folder / "r.md")
    return {
        "output": output,
        "pages": pages,
        "book": openpyxl.load_workbook(folder / "r.xlsx", read_only=True),
        "md": (folder / "r.md").read_text("utf-8"),
    }


def _md_rows(md: str, heading: str) -> int:
    """The body rows of the Markdown table under `## heading`."""
    block = md.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return sum(1 for line in block.splitlines() if line.startswith("|")) - 2


@pytest.mark.parametrize(
    "name", ["at_risk", "overdue_follow_ups", "key_opportunities", "late_orders", "open_feedback"]
)
def test_the_printed_month_shows_ten_rows_says_of_how_many_and_xlsx_and_md_keep_all(
    month: dict, name: str
) -> None:
    output: Output = month["output"]
    table = output.table(name)
    total = len(table.frame)
    assert total > 15  # the demo's lists are long: the page must cut them
    en, zh = month["pages"]["en"], month["pages"]["zh"]
    assert len(en.rows[name]) == 10 and len(zh.rows[name]) == 10
    assert f"10 of {total} rows shown" in en.notes[name][-1]
    assert f"--section {name}" in en.notes[name][-1] and RERUN in en.notes[name][-1]
    assert f"共 {total} 行" in zh.notes[name][-1] and "最大的 10 行" in zh.notes[name][-1]
    # the printed rows are the most urgent: the largest of the sort column, none left above
    sort = table.print_sort
    assert sort is not None
    kept = table.frame[sort].sort_values(ascending=False).head(10).tolist()
    assert printed(table)[0].frame[sort].tolist() == kept
    # every row is still in the xlsx and the Markdown
    assert month["book"][name].max_row - 2 == total
    assert _md_rows(month["md"], table.heading("en")) == total


def test_the_printed_month_sums_the_other_reps_contributions_and_names_the_idle_reps(
    month: dict,
) -> None:
    output: Output = month["output"]
    en = month["pages"]["en"]
    contributions = output.table("contributions").frame
    reps = int((contributions["dimension"] == "rep").sum())
    assert reps > 15
    printed_reps = [r for r in en.rows["contributions"] if r[0] == "Rep"]  # in plain words
    assert len(printed_reps) == 11 and printed_reps[-1][1] == f"(the other {reps - 10})"
    assert f"the 10 largest change in amount of {reps} shown" in en.notes["contributions"][0]
    assert month["book"]["contributions"].max_row - 2 == len(contributions)
    # the reps with no feedback at all are named, not printed, and stay in the xlsx
    feedback = output.table("feedback").frame
    figures = feedback.drop(columns="rep").fillna(0)
    idle = feedback.loc[(figures == 0).all(axis=1), "rep"].tolist()
    assert idle
    assert len(en.rows["feedback"]) == len(feedback) - len(idle)
    assert en.notes["feedback"] == [
        f"{len(idle)} rows not listed, every figure zero (rep: {', '.join(idle)})"
    ]
    assert month["book"]["feedback"].max_row - 2 == len(feedback)


def test_a_chinese_legend_leaves_room_for_its_words() -> None:
    """The legend placed each entry 7px per character after the last: a Chinese character is
    one em (11px) wide, so "销售额" ran into the next swatch and "目标达成率" over the dashed
    target line (seen on the printed zh month report)."""
    from salescli.output import Chart
    from salescli.output.svg import chart_svg

    frame = pd.DataFrame(
        {"region": ["华北", "华南"], "amount": [3.0, 2.0], "amount_last_year": [2.0, 1.0]}
    )
    chart = Chart("bar", "t", "by_region", "region", ["amount", "amount_last_year"])
    svg = chart_svg(chart, frame, "zh")
    texts = [
        (float(x), words)
        for x, words in re.findall(r'<text x="([\d.]+)" y="17" font-size="11">([^<]+)</text>', svg)
    ]
    swatches = [float(x) for x in re.findall(r'<rect x="([\d.]+)" y="8"', svg)]
    assert [w for _, w in texts] == ["销售额", "销售额去年同期"]
    first_x, first = texts[0]
    assert swatches[1] >= first_x + 11 * len(first) + 4


def test_a_line_charts_legend_draws_the_target_dashed_as_its_line() -> None:
    """The trend's legend showed the target as a solid square while its line is dashed."""
    from salescli.output import Chart
    from salescli.output.svg import chart_svg

    frame = pd.DataFrame(
        {"month": ["2024-04", "2024-05"], "amount": [3.0, 2.0], "target": [2.5, 2.5]}
    )
    chart = Chart("line", "t", "trend", "month", ["amount", "target"], target="target")
    svg = chart_svg(chart, frame, "en")
    samples = re.findall(
        r'<line x1="[\d.]+" y1="13" x2="[\d.]+" y2="13" stroke="([^"]+)"'
        r' stroke-width="2"( stroke-dasharray="6,4")?/>',
        svg,
    )
    lines = re.findall(
        r'<polyline fill="none" stroke="([^"]+)" stroke-width="2"'
        r'( stroke-dasharray="6,4")? ',
        svg,
    )
    assert samples == lines  # each sample in its line's colour, the target's dashed as its line
    assert [bool(dash) for _, dash in samples] == [False, True]
    assert not re.search(r'<rect x="[\d.]+" y="8"', svg)  # no square swatches
