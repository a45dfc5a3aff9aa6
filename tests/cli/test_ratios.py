"""The ratios and percentages a manager reads and pays from: each reads as the figure it was
computed from, on its side of the limits the policy compares it with, and a score stays in
the range the data dictionary declares. Each test builds the small company whose right
figures it states itself."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv

TARGET = 10000.0


def one_rep(tmp_path: Path, months: dict[str, list[float]]) -> Path:
    """张三's order lines of each month of 2024Q2 (a negative one is a return), against a
    target of 10,000 a month."""
    ws = tmp_path / "company"
    ws.mkdir(parents=True)
    rows = [
        order_row(
            f"SO{month}{n}", f"2024-{month}-{10 + n}", "C1", amount, 数量=1 if amount > 0 else -1
        )
        for month, amounts in months.items()
        for n, amount in enumerate(amounts)
    ]
    write_csv(ws / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(
        ws / "targets.csv",
        [["销售代表", "期间", "目标"], *[["张三", f"2024-{m}", TARGET] for m in months]],
    )
    return ws


def appraised(ws: Path, *period: str) -> dict:
    result = run("-w", str(ws), "appraise", *period, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    return row


# --- a net-negative month ------------------------------------------------------------------


def test_a_net_negative_month_scores_zero_not_below(tmp_path: Path) -> None:
    """May: 1,000 sold, 3,000 returned: -2,000 against 10,000 is -20 % attainment. The score
    of 5.2 ranges 0 to 120 (as the data dictionary says), so May scores 0, not -20, and the
    quarter's performance score is the mean of 100, 0 and 50: 50, not 43.33."""
    ws = one_rep(tmp_path, {"04": [10000.0], "05": [1000.0, -3000.0], "06": [5000.0]})
    may = appraised(ws, "--month", "2024-05")
    assert may["amount"] == -2000.0
    assert may["attainment"] == pytest.approx(-0.2)  # the figure itself stays as it is
    assert may["performance_score"] == 0.0
    assert may["bonus_multiplier"] == 0.0 and may["bonus"] == 0.0
    months = [100 * min(max(a / TARGET, 0.0), 1.2) for a in (10000.0, -2000.0, 5000.0)]
    quarter = appraised(ws, "--quarter", "2024Q2")
    assert quarter["performance_score"] == pytest.approx(round(sum(months) / 3, 2))
    assert quarter["performance_score"] == 50.0


# --- `run` redoes a job whose words or templates changed -----------------------------------


def run_company(tmp_path: Path, job: str, setting: str) -> Path:
    """The small company with only `job` on in [run] (its outputs in `setting`'s format)."""
    from tests.helpers import set_settings

    ws = one_rep(tmp_path, {"05": [8000.0], "06": [9000.0], "07": [100.0]})
    jobs = ["weekly_report", "monthly_report", "monthly_appraisal", "visit_audit"]
    jobs += ["visit_plan", "classify", "quarterly_appraisal", "quarterly_report"]
    jobs += ["yearly_appraisal"]
    values = {j: "true" if j == job else "false" for j in jobs}
    key, _, value = setting.partition("=")
    set_settings(ws / "salescli.toml", "run", **values, **{key.strip(): value.strip()})
    return ws


def cron(ws: Path, *options: str):
    """The first working day of July: June's jobs are due."""
    result = run(*options, "-w", str(ws), "--today", "2024-07-01", "-v", "run")
    assert result.exit_code == 0, result.stderr
    return result


def test_a_rerun_in_another_language_redoes_the_job(tmp_path: Path) -> None:
    ws = run_company(tmp_path, "monthly_appraisal", 'table_formats = ["md"]')
    written = ws / "reports" / "2024-06" / "monthly-appraisal.md"
    cron(ws)
    assert written.read_text(encoding="utf-8").startswith("# Appraisal 2024-06")
    assert "already done" in cron(ws).stderr  # the same options: nothing to redo
    cron(ws, "--lang", "zh")
    assert written.read_text(encoding="utf-8").startswith("# 2024-06 销量考核\n")
    stamp = written.stat().st_mtime_ns
    cron(ws, "--lang", "zh")  # Chinese again: nothing to redo
    assert written.stat().st_mtime_ns == stamp
    cron(ws, "--lang", "en")  # back to English: redone in English
    assert written.read_text(encoding="utf-8").startswith("# Appraisal 2024-06")


def test_a_rerun_with_other_or_edited_templates_redoes_the_job(tmp_path: Path) -> None:
    import os

    ws = run_company(tmp_path, "monthly_report", 'report_formats = ["html"]')
    written = ws / "reports" / "2024-06" / "monthly-report.html"
    cron(ws)
    assert "house style" not in written.read_text(encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    base = (Path(__file__).parents[2] / "templates" / "base.html.j2").read_text(encoding="utf-8")
    page = templates / "base.html.j2"
    page.write_text(base.replace("<body>", "<body><!-- house style 1 -->"), encoding="utf-8")
    assert "<!-- house style 1 -->" in page.read_text(encoding="utf-8")
    first = cron(ws, "--template-dir", str(templates))  # another folder of templates
    assert "already done" not in first.stderr
    assert "house style 1" in written.read_text(encoding="utf-8")
    assert "already done" in cron(ws, "--template-dir", str(templates)).stderr
    # the same folder, a template edited in place (its size and time kept: its content counts)
    status = page.stat()
    page.write_text(base.replace("<body>", "<body><!-- house style 2 -->"), encoding="utf-8")
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    edited = cron(ws, "--template-dir", str(templates))
    assert "already done" not in edited.stderr
    assert "house style 2" in written.read_text(encoding="utf-8")


# --- the published ratios are the ones the bonus is paid from ------------------------------


@pytest.mark.parametrize(
    ("amount", "attainment", "multiplier", "bonus"),
    [
        # 40 cents short of 60 % of 1,000,000: 0.5999996, below the floor; 6 decimals would
        # round it onto the floor (0.6) beside a bonus of 0: published 0.599999, on its side
        (599999.60, 0.599999, 0.0, 0.0),
        (600000.00, 0.6, 0.6, 3000.0),  # on the floor: paid
        # 40 cents short of 100 %: the multiplier is the published attainment, and 5,000 x it
        # is 4,999.995: to the cent half up, as by hand and as Excel's ROUND
        (999999.60, 0.999999, 0.999999, 5000.0),
        (1000004.40, 1.000004, 1.000006, 5000.03),  # 1 + 1.5 x the published 0.000004
        (1234567.89, 1.234568, 1.351852, 6759.26),
        # 1 + 1.5 x 0.058625 is 1.0879375: published 1.087938 (half up), paid 5,439.69 as by
        # hand (5,000 x 1.0879375 = 5,439.6875); half to even gave 1.087937 and 5,439.68
        (1058625.00, 1.058625, 1.087938, 5439.69),
    ],
)
def test_every_published_ratio_reads_on_its_side_and_the_bonus_is_paid_from_it(
    tmp_path: Path, amount: float, attainment: float, multiplier: float, bonus: float
) -> None:
    """A target of 1,000,000 measures attainment to 8 decimals; the appraisal publishes 6 (as
    the schema declares), never rounded across the bonus floor or 100 %, and pays base x the
    published multiplier (itself from the published attainment), so each row adds up."""
    ws = one_rep(tmp_path, {"05": [amount]})
    write_csv(ws / "targets.csv", [["销售代表", "期间", "目标"], ["张三", "2024-05", 1000000]])
    row = appraised(ws, "--month", "2024-05")
    assert (row["attainment"], row["bonus_multiplier"]) == (attainment, multiplier)
    by_hand = (Decimal(5000) * Decimal(str(row["bonus_multiplier"]))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert row["bonus"] == bonus == float(by_hand)
    assert (amount / 1000000 < 0.6) == (row["attainment"] < 0.6) == (row["bonus"] == 0)


# --- a table shows a ratio on its side of its limits, in every format ----------------------

# review7's company: 李四 sells 5,999.60 of 10,000 (59.996 %: below the 60 % floor, no bonus),
# 王五 9,999.60 (99.996 %: below 100 %, a multiplier of 0.99996), 张三 8,125 (81.25 %)
BELOW_FLOOR, BELOW_FULL = "59.996%", "99.996%"


@pytest.fixture
def review7(tmp_path: Path) -> Path:
    from tests.cli.test_review7 import company

    return company(tmp_path)


def row_of(text: str, rep: str) -> str:
    """The line of a Markdown table, or of the terminal's table, that starts with `rep`."""
    return next(line for line in text.splitlines() if line.lstrip("|│ ").startswith(rep))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_and_terminal_tables_show_59_996_not_60(review7: Path, lang: str) -> None:
    out = review7.parent / "a.md"
    args = ["-w", str(review7), "--lang", lang, "appraise", "--month", "2024-05"]
    assert run(*args, "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert BELOW_FLOOR in row_of(text, "李四") and "60.0%" not in row_of(text, "李四")
    assert row_of(text, "王五").count(BELOW_FULL) == 2  # attainment and multiplier
    assert "81.3%" in row_of(text, "张三")  # no limit near: the usual one decimal
    terminal = run(*args, "--format", "table")
    assert terminal.exit_code == 0, terminal.stderr
    assert BELOW_FLOOR in row_of(terminal.stdout, "李四")
    report = review7.parent / "r.md"
    assert run("-w", str(review7), "report", "--month", "2024-05", "-o", str(report)).exit_code == 0
    by_rep = report.read_text(encoding="utf-8")
    assert BELOW_FLOOR in row_of(by_rep[by_rep.index("By rep") :], "李四")


def test_an_html_table_shows_59_996_not_60(review7: Path) -> None:
    out = review7.parent / "a.html"
    assert run("-w", str(review7), "appraise", "--month", "2024-05", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    row = text[text.index("李四") : text.index("</tr>", text.index("李四"))]
    assert BELOW_FLOOR in row and "60.0%" not in row


def test_an_xlsx_cell_stays_the_number_with_the_decimals_that_keep_it_below(review7: Path) -> None:
    import openpyxl

    out = review7.parent / "a.xlsx"
    assert run("-w", str(review7), "appraise", "--month", "2024-05", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[2]]
    cells = {row[header.index("Rep")].value: row for row in sheet.iter_rows(min_row=3)}
    attainment = header.index("Attainment")
    multiplier = header.index("Bonus multiplier")
    assert cells["李四"][attainment].value == 0.59996
    assert cells["李四"][attainment].number_format == "0.000%"  # reads 59.996%, not 60.0%
    assert cells["王五"][multiplier].value == 0.99996
    assert cells["王五"][multiplier].number_format == "0.000%"
    assert cells["张三"][attainment].number_format == "0.0%"  # 81.3%, as everywhere


def test_a_scorecard_shows_59_996_not_60(review7: Path) -> None:
    import openpyxl

    cards = review7.parent / "cards"
    args = ["-w", str(review7), "appraise", "--month", "2024-05", "--scorecards", str(cards)]
    assert run(*args, "-o", str(review7.parent / "a.csv")).exit_code == 0
    page = (cards / "李四.html").read_text(encoding="utf-8")
    assert BELOW_FLOOR in page and "60.0%" not in page
    book = openpyxl.load_workbook(cards / "scorecards.xlsx")
    sheet = book["李四"]
    rows = [[c for c in row] for row in sheet.iter_rows(min_row=3)]
    found = [row for row in rows if row[1].value == "Attainment"]
    assert found, [[c.value for c in row] for row in rows]
    value = found[0][2]
    assert value.value == pytest.approx(0.59996) and value.number_format == "0.000%"
    notes = [c.value for c in book["notes"]["A"] if c.value]
    assert any(BELOW_FLOOR in n for n in notes if "李四" in n), notes


def test_the_reports_machine_formats_keep_an_attainment_below_the_floor_below_it(
    tmp_path: Path,
) -> None:
    """The report's by_rep JSON rounds to the 6 decimals the schema declares, but never onto
    the floor: 599,999.60 of 1,000,000 is 0.599999 there, as in the appraisal."""
    ws = one_rep(tmp_path, {"05": [599999.60]})
    write_csv(ws / "targets.csv", [["销售代表", "期间", "目标"], ["张三", "2024-05", 1000000]])
    args = ["-w", str(ws), "report", "--month", "2024-05", "--section", "by_rep", "--format"]
    result = run(*args, "json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["attainment"] == 0.599999


def test_a_training_need_follows_the_score_as_published(tmp_path: Path) -> None:
    """Three months of 59.996 % attainment: the quarter's performance score is 59.996,
    published 60.00 (scores have 2 decimals, as the final score that is graded as shown);
    the training line (below 60) reads the score as published, so the card does not say
    60.00 beside a training need for performance."""
    ws = one_rep(tmp_path, {m: [5999.6] for m in ("04", "05", "06")})
    row = appraised(ws, "--quarter", "2024Q2")
    assert row["performance_score"] == 60.0
    assert "performance" not in str(row["training_needs"]).split(", ")
