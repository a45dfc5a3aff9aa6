"""A hostile read of what a manager reads (review7): every figure of the prose, the tables of
each format and the explanation agrees with the computed one and with itself, and a rerun
leaves no figure of the run before it beside the new ones. Each test builds a small company
whose right figures it states itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv
from tests.postgres import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.test_database import query, url  # noqa: F401  (the url fixture: both databases)

# each rep's amount in every month of 2024H1, against a target of 10,000 a month
AMOUNTS = {
    "张三": 8125.0,  # 81.25 %: half way between 81.2 % and 81.3 %
    "李四": 5999.6,  # 59.996 %: below the 60 % floor of the bonus and of the highlight
    "王五": 9999.6,  # 99.996 %: below the 100 % of a sales star
    "赵六": 12000.0,  # 120 %
}
TARGET = 10000.0


def company(tmp_path: Path, amounts: dict[str, float] = AMOUNTS) -> Path:
    ws = tmp_path / "company"
    ws.mkdir(parents=True)
    rows, n = [], 0
    for month in range(1, 7):
        for rep, amount in amounts.items():
            n += 1
            rows.append(order_row(f"SO{n}", f"2024-{month:02d}-28", f"C{n % 3}", amount, rep))
    write_csv(ws / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(  # the customer file: no warning of its own (a --strict run goes through)
        ws / "customers.csv",
        [
            ["客户编号", "客户名称", "销售代表", "客户等级"],
            *[[f"C{i}", f"C{i}公司", "张三", "A"] for i in range(3)],
        ],
    )
    write_csv(
        ws / "targets.csv",
        [
            ["销售代表", "期间", "目标"],
            *[[rep, f"2024-{m:02d}", TARGET] for rep in amounts for m in range(1, 7)],
        ],
    )
    return ws


def shown_percent(text: str, rep: str) -> float:
    """The percentage written right after `rep` in a sentence, as a number."""
    found = re.search(re.escape(rep) + r"\s*(\d+(?:\.\d+)?)%", text)
    assert found, text
    return float(found.group(1))


# --- a figure beside a limit reads on the limit's side ----------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_rep_below_the_floor_reads_below_it_in_the_highlights(tmp_path: Path, lang: str) -> None:
    ws = company(tmp_path)
    out = tmp_path / "r.json"
    result = run("-w", str(ws), "--lang", lang, "report", "--month", "2024-05", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    by_rep = {r["rep"]: r["attainment"] for r in data["by_rep"]}
    assert by_rep["李四"] == pytest.approx(0.59996)
    sentence = next(h["highlight"] for h in data["highlights"] if "60" in h["highlight"])
    # the one rep below 60 %, and the figure beside the name is below 60 % too
    assert "李四" in sentence and "张三" not in sentence
    assert shown_percent(sentence, "李四") < 60
    assert shown_percent(sentence, "李四") == pytest.approx(59.996)


def test_the_explanation_shows_the_attainment_on_the_side_of_the_floor_it_is_on(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    args = ["-w", str(ws), "appraise", "--month", "2024-05", "--format", "json"]
    result = run(*args, "--explain", "李四")
    assert result.exit_code == 0, result.stderr
    lines = {r["figure"]: r for r in json.loads(result.stdout)}
    assert lines["bonus"]["value"] == 0  # 59.996 % is below the 60 % floor
    assert shown_percent(lines["attainment"]["formula"], "= ") < 60
    # a star needs 100 %: 99.996 % does not read as 100.0 % in the explanation
    result = run(*args, "--explain", "王五")
    lines = {r["figure"]: r for r in json.loads(result.stdout)}
    assert "sales_star" not in str(lines["honours"]["value_text"])
    assert shown_percent(lines["attainment"]["formula"], "= ") < 100


# --- a percentage half way rounds as the xlsx shows it -----------------------------------


def test_a_percentage_half_way_reads_the_same_in_every_format(tmp_path: Path) -> None:
    """0.8125 is 81.3 % in Excel (half away from zero, as 四舍五入 and a hand computation):
    Markdown, HTML, the terminal and the prose must not read 81.2 %."""
    ws = company(tmp_path)
    out = tmp_path / "out"
    for fmt in ("md", "html", "xlsx"):
        result = run("-w", str(ws), "appraise", "--month", "2024-05", "-o", str(out / f"a.{fmt}"))
        assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out / "a.xlsx")
    sheet = book.worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == 0.8125]
    assert cells and all(c.number_format == "0.0%" for c in cells)  # Excel shows 81.3%
    for fmt in ("md", "html"):
        text = (out / f"a.{fmt}").read_text(encoding="utf-8")
        assert "81.3%" in text, fmt
        assert "81.2%" not in text, fmt
    table = run("-w", str(ws), "appraise", "--month", "2024-05", "--format", "md")
    assert "81.3%" in table.stdout and "81.2%" not in table.stdout
    explained = run("-w", str(ws), "appraise", "--month", "2024-05", "--explain", "张三")
    assert "81.3%" in explained.stdout and "81.2%" not in explained.stdout


# --- a rep without a target changes the company's attainment: a warning ------------------


def test_sales_of_a_rep_without_a_target_are_a_warning_of_the_report_and_strict_stops(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    rows = (ws / "targets.csv").read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows if not r.startswith("赵六,2024-05")]
    (ws / "targets.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run(
        "-w", str(ws), "report", "--month", "2024-05", "--section", "summary", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    summary = {r["figure"]: r["current"] for r in json.loads(result.stdout)}
    # 36,124.20 of sales against the 30,000 of three reps' targets: 赵六's 12,000 have none
    assert summary["target"] == 30000
    assert summary["attainment"] == pytest.approx(36124.2 / 30000, abs=1e-6)
    assert "赵六" in result.stderr and "no target" in result.stderr
    out = tmp_path / "r.xlsx"
    strict = run("-w", str(ws), "report", "--month", "2024-05", "--strict", "-o", str(out))
    assert strict.exit_code == 65, strict.stderr
    assert "赵六" in strict.stderr
    assert not out.exists()


def test_a_strict_unattended_run_writes_no_report_on_sales_without_a_target(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    (ws / "salescli.toml").write_text(
        "[checks]\nstrict = true\n[run]\nvisit_audit = false\nvisit_plan = false\n"
        "weekly_report = false\n",
        encoding="utf-8",
    )
    rows = (ws / "targets.csv").read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows if not r.startswith("赵六,2024-05")]
    (ws / "targets.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = run("-w", str(ws), "--today", "2024-06-03", "run")
    assert result.exit_code == 65, result.stderr
    assert "monthly-report 2024-05: --strict" in result.stderr and "赵六" in result.stderr
    assert not (ws / "reports" / "2024-05" / "monthly-report.xlsx").exists()
    record = json.loads((ws / ".salescli" / "run.json").read_text(encoding="utf-8"))
    assert {"job": "monthly-report", "period": "2024-05"} in [
        {k: p[k] for k in ("job", "period")} for p in record["pending"]
    ]  # tried again on the next run


# --- a rerun leaves nothing of the run before it ----------------------------------------


def test_a_rerun_leaves_no_scorecard_of_a_rep_no_longer_appraised(tmp_path: Path) -> None:
    ws = company(tmp_path)
    cards = tmp_path / "cards"
    args = ["-w", str(ws), "appraise", "--quarter", "2024Q2", "--scorecards", str(cards)]
    assert run(*args, "-o", str(tmp_path / "a.xlsx")).exit_code == 0
    assert (cards / "李四.html").exists()
    # the orders and targets corrected: 李四 was 李思 all along
    for name in ("orders.csv", "targets.csv"):
        path = ws / name
        path.write_text(path.read_text(encoding="utf-8").replace("李四", "李思"), encoding="utf-8")
    (cards / "notes.txt").write_text("the manager's own file", encoding="utf-8")
    result = run(*args, "-o", str(tmp_path / "a.xlsx"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in cards.iterdir() if not p.name.startswith(".")) == [
        "notes.txt",
        "scorecards.xlsx",
        "张三.html",
        "李思.html",
        "王五.html",
        "赵六.html",
    ]


def test_a_rerun_to_a_database_leaves_no_row_of_a_table_it_no_longer_has(
    tmp_path: Path,
    url: str,  # noqa: F811
) -> None:
    ws = company(tmp_path)
    write_csv(
        ws / "客户反馈.csv",
        [
            ["反馈编号", "客户编号", "销售代表", "反馈日期", "解决日期", "回复销售日期", "处理人"],
            ["FK1", "C1", "张三", "2024-05-06", "2024-05-08", "2024-05-09", "客服甲"],
        ],
    )
    args = ["-w", str(ws), "report", "--month", "2024-05", "-o", url]
    assert run(*args).exit_code == 0
    rows = "SELECT count(*) FROM report_month_feedback WHERE period = '2024-05'"
    assert query(url, rows)[0][0] > 0
    # one section rewritten: the other tables of the month stay as they are
    assert run(*args, "--section", "by_rep").exit_code == 0
    assert query(url, rows)[0][0] > 0
    (ws / "客户反馈.csv").unlink()  # exported by mistake: the month has no feedback table
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert query(url, rows)[0][0] == 0
    figures = "SELECT count(*) FROM report_month_summary WHERE figure LIKE 'feedback%'"
    assert query(url, figures)[0][0] == 0
    # the runs' records (written_at is to the second: three runs may share it): the first
    # wrote feedback rows, the --section run none, the last said it emptied the table
    said = [
        json.loads(r[0]).get("report_month_feedback")
        for r in query(url, "SELECT tables FROM salescli_runs")
    ]
    assert sorted(said, key=str) == [0, 4, None]


def test_a_rerun_leaves_a_rep_who_no_longer_has_visits_only_cancellations(
    tmp_path: Path,
) -> None:
    """李四's calendar of a rerun where he has no visit is no plan of his: it withdraws the
    visits he may have imported (tests/cli/test_gaps12.py), and plans none."""
    from icalendar import Calendar

    ws = company(tmp_path)
    calendars = tmp_path / "calendars"
    args = ["-w", str(ws), "plan-visits", "--month", "2024-06", "--ics", str(calendars)]
    customers = ws / "customers.csv"
    owned = customers.read_text(encoding="utf-8")
    customers.write_text(owned.replace("C2,C2公司,张三", "C2,C2公司,李四"), encoding="utf-8")
    assert run(*args, "-o", str(tmp_path / "plan.csv")).exit_code == 0
    assert sorted(p.name for p in calendars.glob("*.ics")) == ["张三.ics", "李四.ics"]
    customers.write_text(owned, encoding="utf-8")  # C2 was 张三's all along
    result = run(*args, "-o", str(tmp_path / "plan.csv"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in calendars.glob("*.ics")) == ["张三.ics", "李四.ics"]
    withdrawn = Calendar.from_ical((calendars / "李四.ics").read_bytes()).walk("VEVENT")
    assert withdrawn and all(str(e["status"]) == "CANCELLED" for e in withdrawn)


def test_each_published_appraisal_row_adds_up_to_its_bonus(tmp_path: Path) -> None:
    ws = company(tmp_path)
    result = run("-w", str(ws), "appraise", "--month", "2024-05", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["rep"]: r for r in json.loads(result.stdout)}
    floor, base = 0.6, 5000.0  # the policy's defaults
    for rep, row in rows.items():
        assert row["bonus"] == pytest.approx(round(base * row["bonus_multiplier"], 2)), rep
        assert (row["attainment"] < floor) == (row["bonus_multiplier"] == 0), rep
    # 59.996 % and 99.996 % are published as themselves (the 6 decimals the schema declares)
    assert rows["李四"]["attainment"] == 0.59996 and rows["李四"]["bonus"] == 0.0
    assert rows["王五"]["bonus_multiplier"] == 0.99996 and rows["王五"]["bonus"] == 4999.8


def test_the_reps_rank_is_by_amount_as_the_data_dictionary_says(tmp_path: Path) -> None:
    """The report ranks reps by amount: 王五's 12,000 first though against a target of 20,000
    (60 %), then 李四 (9,000, 90 %) and 张三 (8,125, 81.25 %); the dictionary a BI user
    reads says so."""
    ws = company(tmp_path, {"张三": 8125.0, "李四": 9000.0, "王五": 12000.0})
    targets = ws / "targets.csv"
    text = targets.read_text(encoding="utf-8").replace("王五,2024-05,10000.0", "王五,2024-05,20000")
    targets.write_text(text, encoding="utf-8")
    args = ["-w", str(ws), "report", "--month", "2024-05", "--section", "by_rep", "--format"]
    result = run(*args, "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["rep"]: r for r in json.loads(result.stdout)}
    assert rows["王五"]["attainment"] == 0.6
    assert {rep: r["rank"] for rep, r in rows.items()} == {"王五": 1, "李四": 2, "张三": 3}
    schema = run("schema", "report").stdout
    by_rep = schema[schema.index("## report · by_rep (month") :]
    line = next(x for x in by_rep.splitlines() if x.startswith("| rank "))
    assert "amount" in line and "attainment" not in line, line


def test_the_conversion_note_rounds_as_the_conversion_table(tmp_path: Path) -> None:
    """13 won of 16 closed is 81.25 %: the note reads 81.3 % as the xlsx table beside it."""
    ws = company(tmp_path)
    header = ["opportunity_id", "customer_id", "rep", "source", "created_on", "stage"]
    header += ["expected_amount", "next_follow_up", "closed_on", "outcome"]
    outcomes = [("赢单", "won")] * 13 + [("输单", "lost")] * 3
    rows = [
        [f"OP{i}", "C1", "张三", "展会", "2024-04-01", stage, 1000.0, "", "2024-05-10", outcome]
        for i, (stage, outcome) in enumerate(outcomes)
    ]
    write_csv(ws / "opportunities.csv", [header, *rows])
    out = tmp_path / "r.md"
    result = run("-w", str(ws), "report", "--month", "2024-05", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "| 81.3%" in text  # the table's conversion rate
    assert "conversion rate 2024-05: 13 won / 16 closed = 81.3%" in text


@pytest.mark.parametrize(
    ("value", "beside", "text"),
    [
        (0.8125, (), "81.3%"),  # half way: up, as Excel
        (0.1235, (), "12.4%"),  # 0.12349999… in binary, 0.1235 to Excel's 15 digits
        (-0.8125, (), "-81.3%"),  # away from zero
        (0.59996, (0.6,), "59.996%"),
        (0.6, (0.6,), "60.0%"),
        (0.99996, (0.6, 1.0), "99.996%"),
        (1.00004, (1.0,), "100.0%"),
        (599999.99 / 1000000, (0.6,), "59.999999%"),
        (float("nan"), (), "nan%"),
    ],
)
def test_a_percentage_reads_as_excel_shows_it_and_on_its_side_of_a_limit(
    value: float, beside: tuple[float, ...], text: str
) -> None:
    from salescli.rounding import percent

    assert percent(value, beside) == text


def test_money_and_points_round_half_up_as_excel_shows_them() -> None:
    from salescli.output.formats import shown

    assert shown(2.675, "money") == "2.68"  # 2.67499… in binary, 2.675 to Excel
    assert shown(1234567.125, "money") == "1,234,567.13"
    assert shown(82.125, "points") == "82.13"
    assert shown(-5.25, "pp") == "-5.3 pp" and shown(5.25, "pp", "zh") == "+5.3个百分点"
    assert shown(float("inf"), "money") == "inf"


@pytest.mark.parametrize("target", ["out/", "out/report.csv"], ids=["folder", "file-set"])
def test_a_rerun_to_a_folder_of_tables_leaves_no_table_it_no_longer_has(
    tmp_path: Path, target: str
) -> None:
    ws = company(tmp_path)
    feedback = ws / "客户反馈.csv"
    write_csv(
        feedback,
        [
            ["反馈编号", "客户编号", "销售代表", "反馈日期", "解决日期", "回复销售日期", "处理人"],
            ["FK1", "C1", "张三", "2024-05-06", "2024-05-08", "2024-05-09", "客服甲"],
        ],
    )
    where = f"{tmp_path}/{target}"  # a folder keeps its trailing slash
    args = ["-w", str(ws), "report", "--month", "2024-05", "-o", where, "--format", "csv"]
    out = tmp_path / "out"
    assert run(*args).exit_code == 0
    before = sorted(p.name for p in out.iterdir() if "feedback" in p.name)
    assert before
    assert run(*args, "--section", "by_rep").exit_code == 0  # one table: the others stay
    assert sorted(p.name for p in out.iterdir() if "feedback" in p.name) == before
    feedback.unlink()  # exported by mistake: the month has no feedback table
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir() if "feedback" in p.name] == []


def test_a_weeks_report_names_a_rep_without_a_target_for_its_month(tmp_path: Path) -> None:
    ws = company(tmp_path)
    rows = (ws / "targets.csv").read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows if not r.startswith("赵六,2024-05")]
    (ws / "targets.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    # 2024-W22 is 27 May to 2 June: its Thursday, and so its month to date, is May's
    result = run("-w", str(ws), "report", "--week", "2024-W22", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "1 rep sold in 2024-05 but has no target, so no attainment: 赵六" in result.stderr
    strict = run("-w", str(ws), "report", "--week", "2024-W22", "--strict", "--format", "csv")
    assert strict.exit_code == 65, strict.stderr
