"""`--lang zh` is Chinese throughout (#17): every command's xlsx, HTML, Markdown and terminal
output is walked and any English word outside ids, names and the workspace's own data fails.
The walk runs on the small generated company (conftest.small_company): the same reps, tables,
settings and sections as the demo, at a twentieth of its lines."""

from __future__ import annotations

import csv
import re
import zipfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from tests.helpers import run

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
WORD = re.compile(r"[A-Za-z][A-Za-z_]+")

COMMANDS = {
    "check": ["check"],
    "classify": ["classify", "--quarter", "2024Q2"],
    "plan": ["plan-visits", "--month", "2024-06"],
    "audit": ["audit-visits", "--month", "2024-05", "--by", "rep"],
    "split": ["split-targets", "--year", "2025", "--total", "120000000"],
    "appraise-month": ["appraise", "--month", "2024-05"],
    "appraise-year": ["appraise", "--year", "2024"],
    "explain": ["appraise", "--quarter", "2024Q2", "--explain", "丁辉欣"],
    "report-month": ["report", "--month", "2024-05"],
    "report-week": ["report", "--week", "2024-W20"],
    "report-quarter": ["report", "--quarter", "2024Q2"],
}
# walked on the demo: on the small company, reps without an indicator's data are warned about
# with the indicator's code name (没有 churn_rate 数据), a known fault; see the xfail below
ON_THE_DEMO = {"explain"}
# words that are names, not English: the program, options, section names, file formats
ALLOWED = {
    "salescli",
    "xlsx",
    "csv",
    "html",
    "md",
    "json",
    "jsonl",
    "parquet",
    "cn",
    "pareto",
    "score",
    "thresholds",
}


@cache
def _data_words(workspace: Path) -> frozenset[str]:
    """Every word in the workspace's own exports (ids, names, stages, competitors, files)."""
    words = {workspace.name}  # the workspace's own name, in every title line
    for path in workspace.iterdir():
        words |= set(WORD.findall(path.name))
        if path.suffix == ".xlsx":  # calamine: 60,000 order lines in 3 s (openpyxl: 24)
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                for row in book.get_sheet_by_name(name).to_python():
                    words |= {w for v in row if isinstance(v, str) for w in WORD.findall(v)}
        elif path.suffix == ".csv":
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
            for row in csv.reader(text.splitlines()):
                for value in row:
                    words |= set(WORD.findall(value))
    return frozenset(words)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    # <code> holds a command to type (salescli report --month …), the same in every language
    def handle_starttag(self, tag: str, attrs) -> None:
        self.skip += tag in ("style", "script", "code")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("style", "script", "code")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def _xlsx_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    parts = list(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            parts += [v for v in row if isinstance(v, str)]
        for chart in sheet._charts:
            if chart.title and chart.title.tx and chart.title.tx.rich:
                parts += [r.t for p in chart.title.tx.rich.p for r in (p.r or [])]
    return "\n".join(parts + _chart_text(path, book))


def _chart_text(path: Path, book: openpyxl.Workbook) -> list[str]:
    """The words of every native chart, read from its XML: the title, the axis names, the
    series names and categories (the cached text, else the cells the chart refers to)."""
    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    parts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not re.fullmatch(r"xl/charts/chart\d+\.xml", name):
                continue
            root = ElementTree.fromstring(z.read(name))
            parts += [t.text or "" for t in root.iter(f"{a}t")]  # the title and axis names
            for ref in root.iter(f"{c}strRef"):  # series names and text categories
                cached = [v.text or "" for v in ref.iter(f"{c}v")]
                parts += cached or _cells(book, ref.findtext(f"{c}f") or "")
    return parts


def _cells(book: openpyxl.Workbook, ref: str) -> list[str]:
    sheet, _, area = ref.rpartition("!")
    found = book[sheet.strip("'").replace("''", "'")][area.replace("$", "")]
    rows = found if isinstance(found, tuple) else ((found,),)
    return [str(cell.value) for row in rows for cell in row]


def _english(text: str, allowed: set[str]) -> list[str]:
    text = re.sub(r"--[a-z][a-z_-]*(?: [a-z_]+)?", " ", text)  # options: --section at_risk
    text = re.sub(r"\S*/\S*", " ", text)  # paths
    text = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", " ", text)  # problem codes: no-purchase-history
    return sorted({w for w in WORD.findall(text) if w not in allowed})


def _allowed(workspace: Path) -> set[str]:
    from salescli.data.workspace import Workspace  # noqa: F401  (the package imports)

    return ALLOWED | _data_words(workspace)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_zh_output_has_no_english(name: str, tmp_path: Path, small_company: Path) -> None:
    folder = DEMO if name in ON_THE_DEMO else small_company
    args, workspace, allowed = COMMANDS[name], str(folder), _allowed(folder)
    found: dict[str, list[str]] = {}
    for suffix in ("xlsx", "html", "md"):
        path = tmp_path / f"out.{suffix}"
        result = run("--lang", "zh", "-w", workspace, *args, "-o", str(path))
        assert result.exit_code in (0, 65), result.stderr
        text = {"xlsx": _xlsx_text, "html": _html_text}.get(suffix, lambda p: p.read_text("utf-8"))(
            path
        )
        found[suffix] = _english(text, allowed)
    result = run("--lang", "zh", "-v", "-w", workspace, *args, "--format", "table")
    found["terminal"] = _english(result.stdout + result.stderr, allowed)
    assert {k: v for k, v in found.items() if v} == {}


def test_zh_scorecards_have_no_english(tmp_path: Path, small_company: Path) -> None:
    cards = tmp_path / "cards"
    result = run(
        "--lang",
        "zh",
        "-w",
        str(small_company),
        "appraise",
        "--quarter",
        "2024Q2",
        "--scorecards",
        str(cards),
    )
    assert result.exit_code == 0, result.stderr
    texts = [_xlsx_text(cards / "scorecards.xlsx")]
    texts += [_html_text(p) for p in sorted(cards.glob("*.html"))[:5]]
    assert _english("\n".join(texts), _allowed(small_company)) == []


def test_an_indicator_without_data_is_named_in_chinese(small_company: Path) -> None:
    args = ("appraise", "--quarter", "2024Q2", "--format", "table")
    result = run("--lang", "zh", "-w", str(small_company), *args)
    said = [line for line in result.stderr.splitlines() if "数据：不计入" in line]
    assert said and _english("\n".join(said), ALLOWED) == [], said


def test_zh_errors_and_hints(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text("", encoding="utf-8")  # a workspace, no orders
    result = run("--lang", "zh", "-w", str(tmp_path), "report", "--month", "2024-05")
    assert result.exit_code == 66
    assert result.stderr.startswith("salescli：错误：") and not _english(
        result.stderr.replace("salescli", ""),
        {"orders", "inputs", "path", "toml", "FILE"} | ALLOWED,
    ), result.stderr


def test_a_problem_s_table_is_named_as_the_table_not_as_a_figure(tmp_path: Path) -> None:
    """check's 表 column named the orders table 订单数 (the order count's label) and the visits
    table 拜访数: the tables are 订单 and 拜访, as every error names them."""
    from tests.helpers import write_csv

    write_csv(
        tmp_path / "orders.csv",
        [
            ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
            ["SO1", "2024-05-03", "C1", "张三", "12O.5"],
        ],
    )
    write_csv(
        tmp_path / "visits.csv",
        [["拜访日期", "客户编号", "销售代表"], ["2024-05-0x", "C1", "张三"]],
    )
    (tmp_path / "salescli.toml").write_text("", encoding="utf-8")
    shown = {}
    for lang in ("zh", "en"):
        done = run("--lang", lang, "-w", str(tmp_path), "check", "--format", "md")
        assert done.exit_code == 65, done.stderr
        rows = [line.split("|")[1].strip() for line in done.stdout.splitlines() if line[:1] == "|"]
        shown[lang] = sorted(set(rows[2:]))  # below the header and its rule
    assert shown == {"zh": ["拜访", "订单"], "en": ["orders", "visits"]}
