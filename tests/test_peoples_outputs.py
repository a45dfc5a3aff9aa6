"""People's outputs (#24): each column formatted by its kind and read back from the xlsx, plain
words in English and Chinese instead of code names, and a title line naming the period and the
workspace on every sheet and page. Machine outputs keep the code names."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.helpers import HEADER_ROW, canonical, run


def column(sheet, name: str) -> list:
    """The cells of one column (by canonical name) under the header."""
    heads = [canonical(c.value) for c in sheet[HEADER_ROW]]
    j = heads.index(name)
    return [row[j] for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory, small_company: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("people")
    runs = {
        "classify": ["classify", "--quarter", "2024Q2"],
        "targets": ["split-targets", "--year", "2025", "--total", "120000000"],
        "quarter": ["appraise", "--quarter", "2024Q2"],
        "audit": ["audit-visits", "--month", "2024-05"],
        "report": ["report", "--month", "2024-05"],
    }
    paths = {}
    for name, args in runs.items():
        paths[name] = folder / f"{name}.xlsx"
        result = run("-w", str(small_company), *args, "-o", str(paths[name]))
        assert result.exit_code == 0, result.stderr
    paths["report_zh"] = folder / "report_zh.xlsx"
    run(
        "--lang",
        "zh",
        "-w",
        str(small_company),
        "report",
        "--month",
        "2024-05",
        "-o",
        str(paths["report_zh"]),
    )
    return paths


def test_classification_score_potential_and_flags_read_back_by_kind(books: dict) -> None:
    sheet = openpyxl.load_workbook(books["classify"])["classes"]
    scores = [c for c in column(sheet, "score") if c.value is not None]
    assert {c.number_format for c in scores} == {"0.000"}  # was 0.0: 0.783 showed 0.8 (A's line)
    potential = [c for c in column(sheet, "potential") if c.value is not None]
    assert {c.number_format for c in potential} == {"#,##0.00"}  # money, was 0.0
    flags = column(sheet, "not_in_customer_file")
    assert {c.data_type for c in flags} == {"b"}  # Excel booleans, was the text 'FALSE'
    assert {c.value for c in flags} == {True, False}


def test_a_year_and_an_excel_row_are_plain_numbers(books: dict) -> None:
    sheet = openpyxl.load_workbook(books["targets"])["targets"]
    years = column(sheet, "year")
    assert {c.value for c in years} == {2025} and {c.number_format for c in years} == {"0"}
    incomplete = openpyxl.load_workbook(books["audit"])["incomplete_visits"]
    rows = [c for c in column(incomplete, "row") if c.value is not None]
    assert rows and {c.number_format for c in rows} == {"0"}  # 12051, not 12,051


def test_appraisal_scores_show_the_two_decimals_they_are_graded_on(books: dict) -> None:
    sheet = openpyxl.load_workbook(books["quarter"])["appraisal"]
    for name in ("performance_score", "final_score", "churn_rate_score"):
        cells = [c for c in column(sheet, name) if c.value is not None]
        assert {c.number_format for c in cells} == {"0.00"}, name
    money = [c for c in column(sheet, "bonus") if c.value is not None]
    assert {c.number_format for c in money} == {"#,##0.00"}


@pytest.mark.parametrize("name", ["classify", "targets", "quarter", "audit", "report"])
def test_english_headers_are_plain_words_not_code_names(books: dict, name: str) -> None:
    book = openpyxl.load_workbook(books[name], read_only=True)
    for sheet in book.worksheets:
        if sheet.title in ("notes", "chart_data"):
            continue
        rows = list(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True))
        headers = [h for h in rows[0] if h is not None]
        assert any(canonical(h) != h for h in headers), (sheet.title, headers)  # labels
        for header in headers:
            assert not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", str(header)), (sheet.title, header)


def test_code_cells_are_plain_words_for_people_and_codes_for_machines(small_company: Path) -> None:
    args = ["-w", str(small_company), "appraise", "--quarter", "2024Q2", "--explain", "丁辉欣"]
    machine = pd.read_csv(io.StringIO(run(*args, "--format", "csv").stdout))
    assert "training_needs" in set(machine["figure"])
    people = run(*args, "--format", "md").stdout
    assert "| Training needs" in people and "training_needs" not in people
    assert "Churn rate" in people  # the indicator named as people say it
    zh = run("--lang", "zh", *args, "--format", "md").stdout
    assert "培训需求" in zh and "training_needs" not in zh


def test_every_sheet_opens_with_its_period_and_workspace(books: dict) -> None:
    for name in ("classify", "targets", "quarter", "audit", "report"):
        book = openpyxl.load_workbook(books[name], read_only=True)
        for sheet in book.worksheets:
            title = next(sheet.iter_rows(max_row=1, values_only=True))[0]
            assert "workspace: demo" in str(title), (name, sheet.title, title)
            assert re.search(r"20\d\d", str(title)), (name, sheet.title, title)
    zh = openpyxl.load_workbook(books["report_zh"], read_only=True)
    assert zh.properties.title == "2024-05 销售月报 · 工作区：demo"  # the document title in zh
    first = next(zh.worksheets[0].iter_rows(max_row=1, values_only=True))[0]
    assert first.startswith("2024-05 销售月报") and "工作区：demo" in first


def test_html_and_markdown_pages_name_their_period_and_workspace(
    tmp_path: Path, small_company: Path
) -> None:
    html, md = tmp_path / "r.html", tmp_path / "r.md"
    for path in (html, md):
        assert (
            run(
                "-w", str(small_company), "appraise", "--month", "2024-05", "-o", str(path)
            ).exit_code
            == 0
        )
    page = html.read_text(encoding="utf-8")
    line = "Appraisal 2024-05 · workspace: demo"
    assert f'<p class="title-line">{line}</p>' in page
    # every printed page repeats it in its top margin (a CSS string, escaped)
    assert re.search(r"@top-left \{ content: \"Appraisal 2024-05 · workspace: demo\";", page)
    assert md.read_text(encoding="utf-8").splitlines()[2] == line
