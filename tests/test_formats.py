"""Number formats come from the kinds a table carries (#17): xlsx, html, markdown, terminal."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from salescli.labels import declared_kind
from salescli.output import Output, Table, write
from salescli.output.formats import EXCEL, shown
from salescli.output.model import UnknownKind
from salescli.rules.columns import UndeclaredColumn
from tests.helpers import HEADER_ROW, canonical, run


def _numbers(sheet) -> dict[str, list[tuple[object, str]]]:
    """Each column's numeric cells with their number format, by header."""
    headers = [canonical(c.value) for c in sheet[HEADER_ROW]]
    out: dict[str, list[tuple[object, str]]] = {h: [] for h in headers}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        for header, cell in zip(headers, row, strict=True):
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                out[header].append((cell.value, cell.number_format))
    return out


def _expected(kind: str, value: object) -> str:
    if kind == "quantity" and isinstance(value, float) and not value.is_integer():
        return EXCEL["decimal"]
    return EXCEL[kind]


def test_month_report_xlsx_formats_every_number_by_its_column_kind(
    tmp_path: Path, small_company: Path
) -> None:
    path = tmp_path / "r.xlsx"
    assert (
        run("-w", str(small_company), "report", "--month", "2024-05", "-o", str(path)).exit_code
        == 0
    )
    book = openpyxl.load_workbook(path)
    summary = book["summary"]
    heads = [canonical(c.value) for c in summary[HEADER_ROW]]
    change, change_pp = heads.index("change"), heads.index("change_pp")
    formats = {
        canonical(row[0].value): (
            row[1].number_format,
            row[change].number_format if row[change].value is not None else None,
            row[change_pp].number_format if row[change_pp].value is not None else None,
        )
        for row in summary.iter_rows(min_row=HEADER_ROW + 1)
    }
    # the summary mixes kinds by row: each cell carries its figure's format; an amount's change
    # is relative (a ratio), a ratio's change is in percentage points
    pp = EXCEL["pp"]
    assert formats["amount"] == ("#,##0.00", "0.0%", None)
    assert formats["quantity"] == ("#,##0", "0.0%", None)  # was #,##0.## (a trailing dot)
    assert formats["margin"] == ("0.0%", None, pp)  # was 0.28
    assert formats["attainment"] == ("0.0%", None, pp)
    assert formats["orders"] == ("#,##0", "0.0%", None)
    checked = 0
    for name in ("by_region", "by_category", "by_rep", "customers", "top_customers", "late_orders"):
        for header, cells in _numbers(book[name]).items():
            if not cells:
                continue
            kind = declared_kind(header)
            assert kind is not None, f"{name}.{header} has no declared kind"
            for value, code in cells:
                assert code == _expected(kind, value), (name, header, value, code)
                checked += 1
    assert checked > 200


def test_scorecards_explain_and_class_moves_show_their_kinds(
    tmp_path: Path, small_company: Path
) -> None:
    cards = tmp_path / "cards"
    result = run(
        "-w", str(small_company), "appraise", "--quarter", "2024Q2", "--scorecards", str(cards)
    )
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(cards / "scorecards.xlsx").worksheets[0]
    rows = {canonical(r[1].value): r for r in sheet.iter_rows(min_row=HEADER_ROW + 1)}
    assert rows["attainment"][2].number_format == "0.0%"  # was 0.9 for 0.903
    assert rows["attainment"][4].number_format == "0.00"  # the score, as published
    assert rows["attainment"][5].number_format == "0.0%"  # the weight
    # --explain: value is a number in machine formats, the formula text
    rep = "丁辉欣"
    out = run(
        "-w",
        str(small_company),
        "appraise",
        "--quarter",
        "2024Q2",
        "--explain",
        rep,
        "--format",
        "json",
    )
    import json

    rows = {r["figure"]: r for r in json.loads(out.stdout)}
    assert isinstance(rows["amount"]["value"], float) and rows["amount"]["value"] > 1000
    assert isinstance(rows["attainment"]["formula"], str)
    assert rows["grade"]["value"] is None and rows["grade"]["value_text"] in list("ABCDE")
    parquet = tmp_path / "explain.parquet"
    run(
        "-w",
        str(small_company),
        "appraise",
        "--quarter",
        "2024Q2",
        "--explain",
        rep,
        "-o",
        str(parquet),
    )
    assert pd.read_parquet(parquet)["value"].dtype == "float64"
    xlsx = tmp_path / "explain.xlsx"
    run(
        "-w",
        str(small_company),
        "appraise",
        "--quarter",
        "2024Q2",
        "--explain",
        rep,
        "-o",
        str(xlsx),
    )
    explain = {
        canonical(r[0].value): r[1]
        for r in openpyxl.load_workbook(xlsx)["explain"].iter_rows(min_row=HEADER_ROW + 1)
    }
    assert (
        explain["amount"].number_format == "#,##0.00"
        and explain["attainment"].number_format == "0.0%"
    )
    # the terminal's class-move matrix shows counts as counts, not 199.00
    moves = run(
        "-w",
        str(small_company),
        "report",
        "--quarter",
        "2024Q2",
        "--section",
        "class_moves",
        "--format",
        "table",
    )
    assert moves.exit_code == 0
    assert ".00" not in moves.stdout and any(ch.isdigit() for ch in moves.stdout)


def test_every_writer_for_people_formats_from_kinds(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "A": [1234, 5],
            "amount": [1234.5, 0.0],
            "share": [0.9031, None],
            "date": pd.to_datetime(["2024-05-03", None]),
        }
    )
    table = Table("t", frame, kinds={"A": "count", "share": "ratio"})
    md = tmp_path / "t.md"
    write(Output("T", [table]), md)
    text = md.read_text(encoding="utf-8")
    assert "1,234 " in text and "1,234.50" in text and "90.3%" in text and "2024-05-03" in text
    html = tmp_path / "t.html"
    write(Output("T", [table]), html)
    page = html.read_text(encoding="utf-8")
    assert ">1,234<" in page and ">90.3%<" in page
    stream = io.StringIO()
    write(Output("T", [table]), fmt="table", stdout=stream)
    assert "1,234 " in stream.getvalue() and "90.3%" in stream.getvalue()
    xlsx = tmp_path / "t.xlsx"
    write(Output("T", [table]), xlsx)
    sheet = openpyxl.load_workbook(xlsx)["t"]
    assert [sheet.cell(HEADER_ROW + 1, j).number_format for j in range(1, 5)] == [
        "#,##0",
        "#,##0.00",
        "0.0%",
        "yyyy-mm-dd",
    ]
    csv = tmp_path / "t.csv"
    write(Output("T", [table]), csv)
    assert "1234.5" in csv.read_text(encoding="utf-8-sig")  # machine formats: plain numbers


def test_an_undeclared_numeric_column_is_an_error_not_a_guess(tmp_path: Path) -> None:
    table = Table("t", pd.DataFrame({"mystery": [1.5]}))
    with pytest.raises(UndeclaredColumn, match="mystery"):  # a name of salescli's: declare it
        write(Output("T", [table]), tmp_path / "t.xlsx")
    named_by_data = Table("t", pd.DataFrame({"Mystery 1": [1.5]}))  # its table says its kind
    with pytest.raises(UnknownKind, match="Mystery 1"):
        write(Output("T", [named_by_data]), tmp_path / "d.xlsx")
    mixed = Table(
        "s",
        pd.DataFrame({"figure": ["amount", "nope"], "current": [1.0, 2.0]}),
        kinds={"current": "row"},
        row_key="figure",
    )
    with pytest.raises(UnknownKind, match="nope"):
        write(Output("T", [mixed]), tmp_path / "s.xlsx")


def test_shown_values() -> None:
    assert shown(199.0, "count") == "199"
    assert shown(57352.0, "quantity") == "57,352"
    assert shown(2.5, "quantity") == "2.50"
    assert shown(0.903, "ratio") == "90.3%"
    assert shown(88.04, "points") == "88.04"  # an appraisal score, as published
    assert shown(0.7834, "score") == "0.783"  # a classification score beside its 0.8 line
    assert shown(-5.47, "pp") == "-5.5 pp" and shown(1.26, "pp") == "+1.3 pp"
    assert shown(2025, "id") == "2025"
    assert shown(True, "text", "zh") == "是"
    assert shown(None, "money") == ""


XLSX_COMMANDS = [
    ["classify", "--quarter", "2024Q2"],
    ["plan-visits", "--month", "2024-06"],
    ["audit-visits", "--month", "2024-05", "--by", "rep"],
    ["split-targets", "--year", "2025", "--total", "120000000"],
    ["appraise", "--quarter", "2024Q2"],
    ["appraise", "--year", "2024"],
    ["report", "--week", "2024-W20"],
    ["report", "--quarter", "2024Q2"],
]
# sheets whose columns are data (class letters, months) or whose cells take their row's kind
BY_TABLE = {"moves": "count", "class_moves": "count", "pivot": "money"}
BY_ROW = {"summary", "customers", "explain", "chart_data", "notes", "highlights"}


@pytest.mark.parametrize("args", XLSX_COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_every_command_xlsx_formats_numbers_by_column_kind(
    args: list[str], tmp_path: Path, small_company: Path
) -> None:
    path = tmp_path / "out.xlsx"
    result = run("-w", str(small_company), *args, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    checked = 0
    for sheet in openpyxl.load_workbook(path).worksheets:
        if sheet.title in BY_ROW:
            continue
        for header, cells in _numbers(sheet).items():
            if not cells:
                continue
            kind = BY_TABLE.get(sheet.title) or declared_kind(str(header))
            if sheet.title == "market" and str(header).endswith(" amount"):
                kind = "money"  # <competitor>_amount: declared by the market rule
            if sheet.title == "market" and str(header).endswith(" share"):
                kind = "ratio"  # <competitor>_share
            assert kind is not None, f"{sheet.title}.{header}: no declared kind"
            for value, code in cells:
                assert code == _expected(kind, value), (sheet.title, header, value, code)
                checked += 1
    assert checked > 0 or args[0] == "plan-visits"  # a plan holds dates and names only
