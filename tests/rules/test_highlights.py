"""The first draft of the analysis (4.3.4): contributions add up, every sentence has figures
from a table of the same report, and the words come from a template users can override."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salescli.rules.highlights import contribution_table, contributions
from tests.helpers import run

DEMO = str(Path(__file__).resolve().parents[2] / "examples" / "demo")
cents = st.integers(min_value=-(10**11), max_value=10**11).map(lambda c: c / 100)
members = st.sampled_from(["华东", "华南", "west", "-", "A", "B", "C", "张三", "李四"])


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(members, cents), max_size=40),
    st.lists(st.tuples(members, cents), max_size=40),
)
def test_contributions_add_up_to_the_change_they_explain(now, before) -> None:
    current = pd.Series([v for _, v in now], index=[m for m, _ in now], dtype="float64")
    previous = pd.Series([v for _, v in before], index=[m for m, _ in before], dtype="float64")
    parts = contributions(current, previous)
    change = round(round(current.sum(), 2) - round(previous.sum(), 2), 2)
    total = round(parts["change_amount"].sum(), 2)
    assert total == pytest.approx(change, abs=0.005)
    # in whole cents exactly: the parts are what the table shows
    assert int(parts["change_amount"].mul(100).round().sum()) == round(change * 100)
    assert list(parts["member"]) == sorted(
        set(current.index) | set(previous.index),
        key=lambda m: (-abs(parts.set_index("member").loc[m, "change_amount"]), m),
    )
    if change:
        assert parts["share_of_change"].sum() == pytest.approx(1.0)
    else:
        assert parts["share_of_change"].isna().all()


def test_a_line_without_a_region_still_counts() -> None:
    lines_now = pd.DataFrame({"region": ["华东", None, "华南"], "amount": [100.0, 50.0, 10.0]})
    lines_before = pd.DataFrame({"region": ["华东", "华南"], "amount": [80.0, 40.0]})
    table = contribution_table(lines_now, lines_before, ["region"])
    assert table["member"].tolist() == ["-", "华南", "华东"]
    assert table["change_amount"].tolist() == [50.0, -30.0, 20.0]
    assert table["change_amount"].sum() == 160.0 - 120.0


def test_month_highlights_come_from_the_report_tables(tmp_path: Path, small_company: Path) -> None:
    folder = tmp_path / "r"
    result = run(
        "-w",
        str(small_company),
        "report",
        "--month",
        "2024-05",
        "-o",
        f"{folder}/",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    read = lambda name: pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig")  # noqa: E731
    highlights, summary = read("highlights"), read("summary").set_index("figure")
    parts, by_rep = read("contributions"), read("by_rep")
    change = summary.loc["amount", "current"] - summary.loc["amount", "previous"]
    for dimension, group in parts.groupby("dimension"):
        assert group["change_amount"].sum() == pytest.approx(change, abs=0.01), dimension
    assert set(parts["dimension"]) == {"region", "category", "rep"}
    sentences = highlights["highlight"].tolist()
    assert all(re.search(r"\d", s) for s in sentences)  # no sentence without a figure
    assert f"{summary.loc['amount', 'current']:,.2f}" in sentences[0]
    low = by_rep[by_rep["attainment"] < 0.6].sort_values("attainment")
    line = next(s for s in sentences if "below 60.0% attainment" in s)
    assert line.startswith(f"{len(low)} of {by_rep['attainment'].notna().sum()} reps")
    assert all(rep in line for rep in low["rep"])
    top = parts[parts["dimension"] == "region"].iloc[0]
    assert any(f"{top['member']} {top['change_amount']:,.2f}" in s for s in sentences)
    assert set(highlights["source"]) <= {
        "Summary 2024-05",
        "What changed the amount against 2024-04",
        "By rep",
        "Customers",
        "Open opportunities with an overdue follow-up",
        "Orders not delivered on time",
    }


@pytest.mark.slow
def test_the_quarter_has_highlights_and_the_template_can_be_overridden(tmp_path: Path) -> None:
    # the week's: tests/cli/test_week_contributions.py
    quarter = run("-w", DEMO, "report", "--quarter", "2024Q2", "--section", "highlights")
    assert "Behind the change of" in quarter.stdout and "against a target of" in quarter.stdout
    own = tmp_path / "templates"
    own.mkdir()
    (own / "highlights.txt.j2").write_text(
        "{% if fact.key == 'late_deliveries' %}LATE={{ fact.values.count }}{% endif %}", "utf-8"
    )
    mine = run(
        "--template-dir",
        str(own),
        "-w",
        DEMO,
        "report",
        "--month",
        "2024-05",
        "--section",
        "highlights",
    )
    assert mine.exit_code == 0, mine.stderr
    assert pd.read_csv(__import__("io").StringIO(mine.stdout))["highlight"].tolist() == ["LATE=257"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{% if fact.key == %}", "line 1"),  # not a template
        ("{{ fact.values.no_such_figure.more }}", "no_such_figure"),  # a figure that is not there
    ],
)
def test_a_broken_template_of_yours_is_a_config_error(
    text: str, said: str, tmp_path: Path, small_company: Path
) -> None:
    own = tmp_path / "templates"
    own.mkdir()
    (own / "highlights.txt.j2").write_text(text, "utf-8")
    result = run(
        "--template-dir",
        str(own),
        "-w",
        str(small_company),
        "report",
        "--week",
        "2024-W20",
        "--rep",
        "丁辉欣",
        "-o",
        str(tmp_path / "r.xlsx"),
    )
    assert result.exit_code == 78, result.stderr
    assert "highlights.txt.j2" in result.stderr and said in result.stderr
    assert "hint: fix the template in --template-dir" in result.stderr
    assert not (tmp_path / "r.xlsx").exists()
