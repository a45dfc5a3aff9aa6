"""A hostile read of what a machine reads (review10): the CSV, JSON, JSONL, Parquet, xlsx and
SQLite a BI pipeline picks up hold the same figures, to the cent, as an independent sum of
the order lines; the same inputs give the same bytes whatever the time zone, locale, hash
seed or `--lang`; text a spreadsheet would run stays inert; a pipe gets only data; and each
file holds the columns the data dictionary declares. Each test builds a small company whose
right figures it states itself."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from salescli.output import Output, Table, write
from salescli.output.tables import spec_of
from salescli.periods import parse_period
from tests.helpers import ORDER_HEADER, order_row, read_sheet, run, write_csv

ROOT = Path(__file__).resolve().parents[2]

# names a spreadsheet would run as a formula (OWASP's = + - @ and a tab), a phone-like name it
# reads as a value, and plain ones; each rep sells three lines of its amount in April and May
FORMULA = "=cmd|' /C calc'!A0"
AMOUNTS = {
    "张三": 0.1,  # three lines of 0.1: 0.30000000000000004 in floating point, 0.3 to the cent
    "李四": 1234.57,  # three lines: 3703.71
    FORMULA: 10.0,
    "@SUM(A1)": 20.0,
    "-2+3": 30.0,
    "+86 138": 40.0,
}
TARGET = 100.0
# a customer whose id is digits with leading zeros, and names with a comma, quotes and a newline
CUSTOMERS = {"00123": 'Co, "X"\nline two', "C2": '=HYPERLINK("http://x")', "C3": "平常公司"}


def company(tmp_path: Path, amounts: dict[str, float] = AMOUNTS) -> Path:
    ws = tmp_path / "company"
    ws.mkdir(parents=True)
    rows, n = [], 0
    for month in (4, 5):
        for rep, amount in amounts.items():
            for day, (customer, name) in enumerate(CUSTOMERS.items(), start=10):
                n += 1
                day_of = f"2024-{month:02d}-{day}"
                rows.append(order_row(f"SO{n}", day_of, customer, amount, rep, 客户名称=name))
    write_csv(ws / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(
        ws / "targets.csv",
        [
            ["销售代表", "期间", "目标"],
            *[[rep, f"2024-{m:02d}", TARGET] for rep in amounts for m in (4, 5)],
        ],
    )
    return ws


def may_amount(rep: str) -> float:
    """The rep's May amount as the policy has it: three lines, to the cent."""
    return round(math.fsum([AMOUNTS[rep]] * 3), 2)


def written(ws: Path, tmp_path: Path, *args: str) -> dict[str, list[dict]]:
    """One appraisal written in every machine format and SQLite, each read back as records."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    for target in ("a.csv", "a.json", "a.jsonl", "a.parquet", "a.xlsx"):
        result = run("-q", "-w", str(ws), *args, "-o", str(out / target))
        assert result.exit_code == 0, result.stderr
    db = f"sqlite:///{out / 'a.db'}"
    assert run("-q", "-w", str(ws), *args, "-o", db).exit_code == 0
    with sqlite3.connect(out / "a.db") as con:
        cursor = con.execute("SELECT * FROM appraisal_month")
        names = [d[0] for d in cursor.description]
        database = [dict(zip(names, row, strict=True)) for row in cursor]
    csv_rows = pd.read_csv(out / "a.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return {
        "csv": csv_rows.to_dict("records"),
        "json": json.loads((out / "a.json").read_text(encoding="utf-8")),
        "jsonl": [json.loads(line) for line in (out / "a.jsonl").read_text().splitlines()],
        "parquet": pq.read_table(out / "a.parquet").to_pylist(),
        "sqlite": database,
    }


# --- every format holds the same figure, to the cent ------------------------------------


def test_every_machine_format_holds_the_same_figures_as_the_order_lines(tmp_path: Path) -> None:
    ws = company(tmp_path)
    formats = written(ws, tmp_path, "appraise", "--month", "2024-05")
    reference = formats["json"]
    assert {r["rep"] for r in reference} == set(AMOUNTS)
    for record in reference:
        assert record["amount"] == may_amount(record["rep"]), record
        assert record["target"] == TARGET
        assert record["attainment"] == pytest.approx(may_amount(record["rep"]) / TARGET, abs=1e-4)
    for name in ("jsonl", "parquet", "sqlite"):
        assert formats[name] == reference, name  # the same values, keys and order
    # CSV text: each number as JSON has it (never 0.30000000000000004), each name as written
    # but for a spreadsheet formula's leading quote
    for text_row, record in zip(formats["csv"], reference, strict=True):
        assert list(text_row) == list(record)
        for column, value in record.items():
            cell = text_row[column]
            if isinstance(value, float):
                assert cell == repr(value), (column, cell, value)
            elif value is None:
                assert cell == ""
            else:
                assert cell in (str(value), "'" + str(value)), (column, cell)
    zhang = next(r for r in formats["csv"] if r["rep"] == "张三")
    assert zhang["amount"] == "0.3"
    li = next(r for r in formats["csv"] if r["rep"] == "李四")
    assert li["amount"] == "3703.71"


def test_xlsx_cells_hold_the_machine_figures_unrounded_only_below_the_cent(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    formats = written(ws, tmp_path, "appraise", "--month", "2024-05")
    sheet = read_sheet(tmp_path / "out" / "a.xlsx")
    by_rep = {r["rep"]: r for r in formats["json"]}
    assert set(sheet["rep"]) == set(by_rep)  # the names as written, no quote added
    columns = (sheet["rep"], sheet["amount"], sheet["attainment"])
    for rep, amount, attainment in zip(*columns, strict=True):
        assert amount == pytest.approx(by_rep[rep]["amount"], abs=0.005)
        assert attainment == pytest.approx(by_rep[rep]["attainment"], abs=5e-5)
    sheet = openpyxl.load_workbook(tmp_path / "out" / "a.xlsx", read_only=True).worksheets[0]
    cell = next(c for r in sheet.iter_rows(min_row=3) for c in r if c.value == FORMULA)
    assert cell.data_type == "s"  # a text cell: Excel never runs it


# --- the same inputs, the same bytes --------------------------------------------------------

MACHINE = ("csv", "json", "jsonl", "parquet")


def _salescli(ws: Path, env: dict[str, str], *args: str) -> None:
    base = {k: v for k, v in os.environ.items() if k not in ("TZ", "LANG", "LC_ALL")}
    done = subprocess.run(
        [sys.executable, "-m", "salescli", "-q", "-w", str(ws), *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_same_inputs_give_identical_bytes_whatever_the_time_zone_locale_and_hash_seed(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    envs = {
        "a": {"TZ": "UTC", "PYTHONHASHSEED": "1", "LC_ALL": "C.UTF-8"},
        "b": {"TZ": "Asia/Shanghai", "PYTHONHASHSEED": "2", "LANG": "zh_CN.UTF-8"},
    }
    for name, env in envs.items():
        for fmt in MACHINE:
            _salescli(ws, env, "report", "--month", "2024-05", "-o", f"{tmp_path / name}/",
                      "--format", fmt)  # fmt: skip
        _salescli(ws, env, "report", "--month", "2024-05", "-o", str(tmp_path / name / "r.xlsx"))
        for target in ("q.csv", "q.parquet", "q.xlsx"):  # grades, training needs, honours
            _salescli(
                ws, env, "appraise", "--quarter", "2024Q2", "-o", str(tmp_path / name / target)
            )
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert len(files) > 4 * 10
    for file in files:
        assert (tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes(), file


def test_lang_zh_leaves_every_machine_file_as_in_english_but_the_highlight_sentences(
    tmp_path: Path,
) -> None:
    """`--lang` is the language of people's formats; machine formats keep canonical names and
    codes (README). The highlights are sentences, their `source` documented as the heading in
    the report's language: the only cells that follow --lang."""
    ws = company(tmp_path)
    for lang in ("en", "zh"):
        for fmt in MACHINE:
            result = run("-q", "--lang", lang, "-w", str(ws), "report", "--month", "2024-05",
                         "-o", f"{tmp_path / lang}/", "--format", fmt)  # fmt: skip
            assert result.exit_code == 0, result.stderr
        for target in ("appraisal.csv", "appraisal.parquet"):  # honours as codes, not 销售冠军
            result = run("-q", "--lang", lang, "-w", str(ws), "appraise", "--month", "2024-05",
                         "-o", str(tmp_path / lang / target))  # fmt: skip
            assert result.exit_code == 0, result.stderr
    files = sorted(p.name for p in (tmp_path / "en").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "zh").iterdir())
    for name in files:
        en, zh = (tmp_path / "en" / name).read_bytes(), (tmp_path / "zh" / name).read_bytes()
        if not name.startswith("highlights."):
            assert en == zh, name
    en_rows = pd.read_parquet(tmp_path / "en" / "highlights.parquet")
    zh_rows = pd.read_parquet(tmp_path / "zh" / "highlights.parquet")
    assert list(en_rows.columns) == list(zh_rows.columns) == ["period", "highlight", "source"]
    assert (zh_rows["period"] == "2024-05").all() and len(en_rows) == len(zh_rows)
    honours = set(pd.read_parquet(tmp_path / "zh" / "appraisal.parquet")["honours"].dropna())
    assert honours == {"sales_champion; sales_star", "sales_star"}


def test_rows_of_an_export_in_another_order_change_no_byte_and_ties_share_a_rank(
    tmp_path: Path,
) -> None:
    """Three reps with the same amount and target: the export listing them in another order
    gives the same files, each rep ranked 1 (never 1, 2, 3 by the order of the lines)."""
    reps = ["张三", "李四", "王五"]
    for name, order in (("a", reps), ("b", reps[::-1])):
        ws = tmp_path / name
        ws.mkdir()
        lines = [  # each rep's own order and customer, the lines in another order
            order_row(f"SO{reps.index(r)}", "2024-05-06", f"C{reps.index(r)}", 100.0, r)
            for r in order
        ]
        write_csv(ws / "orders.csv", [ORDER_HEADER, *lines])
        write_csv(ws / "targets.csv", [["销售代表", "期间", "目标"], *[[r, "2024-05", 100]
                                                                  for r in order]])  # fmt: skip
        for fmt in ("csv", "parquet"):
            result = run("-q", "-w", str(ws), "report", "--month", "2024-05", "-o",
                         f"{tmp_path / 'out' / name}/", "--format", fmt)  # fmt: skip
            assert result.exit_code == 0, result.stderr
        assert run("-q", "-w", str(ws), "appraise", "--month", "2024-05", "-o",
                   str(tmp_path / "out" / name / "a.csv")).exit_code == 0  # fmt: skip
    files = sorted(p.name for p in (tmp_path / "out" / "a").iterdir())
    for file in files:
        a, b = (tmp_path / "out" / x / file for x in "ab")
        assert a.read_bytes() == b.read_bytes(), file
    by_rep = pd.read_csv(tmp_path / "out" / "a" / "by_rep.csv", encoding="utf-8-sig")
    assert list(by_rep["rank"]) == [1, 1, 1]


def test_csv_files_carry_a_bom_unless_no_bom_and_json_never(tmp_path: Path) -> None:
    ws = company(tmp_path)
    for args, name in ((), "bom"), (("--no-bom",), "plain"):
        for fmt in ("csv", "json", "jsonl"):
            result = run("-q", *args, "-w", str(ws), "appraise", "--month", "2024-05", "-o",
                         str(tmp_path / f"{name}.{fmt}"))  # fmt: skip
            assert result.exit_code == 0, result.stderr
    assert (tmp_path / "bom.csv").read_bytes().startswith(b"\xef\xbb\xbfperiod,rep,")
    assert (tmp_path / "plain.csv").read_bytes().startswith(b"period,rep,")
    for name in ("bom.json", "plain.json", "bom.jsonl", "plain.jsonl"):
        assert (tmp_path / name).read_bytes()[:1] in (b"[", b"{"), name


# --- text that is data stays data -----------------------------------------------------------


def test_formula_like_names_are_inert_in_csv_and_verbatim_in_every_other_format(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    result = run("-q", "-w", str(ws), "report", "--month", "2024-05", "--section",
                 "top_customers", "-o", str(tmp_path / "t.csv"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    cells = pd.read_csv(tmp_path / "t.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    names = set(cells["customer_name"])
    assert '\'=HYPERLINK("http://x")' in names  # a quote before the formula: shown, not run
    assert 'Co, "X"\nline two' in names  # comma, quotes and newline quoted, read back whole
    assert not any(line.startswith(("=", "@")) for line in text.splitlines())
    assert set(cells["customer_id"]) == set(CUSTOMERS)  # 00123 keeps its zeros
    result = run("-q", "-w", str(ws), "report", "--month", "2024-05", "--section",
                 "top_customers", "-o", str(tmp_path / "t.parquet"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(tmp_path / "t.parquet")
    assert str(table.schema.field("customer_id").type) == "string"  # never a number
    assert set(table.column("customer_id").to_pylist()) == set(CUSTOMERS)
    assert set(table.column("customer_name").to_pylist()) == set(CUSTOMERS.values())
    # xlsx: every name and id a text cell as written (no quote, no formula, no number)
    result = run("-q", "-w", str(ws), "report", "--month", "2024-05", "--section",
                 "top_customers", "-o", str(tmp_path / "t.xlsx"))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").worksheets[0]
    cells = {c.value: c.data_type for row in sheet.iter_rows(min_row=3) for c in row[:2]}
    assert {k: cells.get(k) for k in (*CUSTOMERS, *CUSTOMERS.values())} == dict.fromkeys(
        (*CUSTOMERS, *CUSTOMERS.values()), "s"
    )


def test_a_pipe_gets_only_the_data_and_binary_formats_are_refused_on_stdout(
    tmp_path: Path,
) -> None:
    ws = company(tmp_path)
    result = run("-w", str(ws), "appraise", "--month", "2024-05")
    assert result.exit_code == 0
    assert "warning" in result.stderr  # the orders end before May does: said apart
    lines = result.stdout.splitlines()
    assert not result.stdout.startswith("\ufeff")  # no BOM in a pipe (README)
    assert lines[0].startswith("period,rep,amount,")
    assert len(lines) == 1 + len(AMOUNTS)
    assert all(line.startswith("2024-05,") for line in lines[1:])
    for fmt in ("parquet", "xlsx", "html"):
        refused = run("-w", str(ws), "appraise", "--month", "2024-05", "--format", fmt)
        assert refused.exit_code == 2, fmt
        assert refused.stdout == "" and "needs -o FILE" in refused.stderr


def test_a_database_rerun_replaces_its_month_and_keeps_names_verbatim(tmp_path: Path) -> None:
    ws = company(tmp_path)
    db = tmp_path / "bi.db"
    for _ in range(2):
        result = run("-q", "-w", str(ws), "appraise", "--month", "2024-05", "-o", f"sqlite:///{db}")
        assert result.exit_code == 0, result.stderr
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT rep, amount, typeof(amount) FROM appraisal_month").fetchall()
    assert sorted(r[0] for r in rows) == sorted(AMOUNTS)  # once each, no quote added
    assert {r[2] for r in rows} == {"real"}
    assert {r[0]: r[1] for r in rows} == {rep: may_amount(rep) for rep in AMOUNTS}


# --- the data dictionary ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--month", "2024-05"],
        ["report", "--week", "2024-W19"],
        ["report", "--quarter", "2024Q2"],
        ["classify", "--quarter", "2024Q2"],
        ["audit-visits", "--month", "2024-05"],
        ["plan-visits", "--month", "2024-06"],
    ],
    ids=" ".join,
)
def test_every_file_holds_its_declared_columns_in_the_declared_order(
    tmp_path: Path, small_company: Path, args: list[str]
) -> None:
    result = run("-q", "-w", str(small_company), *args, "-o", f"{tmp_path}/", "--format", "parquet")
    assert result.exit_code == 0, result.stderr
    kind = parse_period(args[2]).kind
    for path in sorted(tmp_path.glob("*.parquet")):
        spec = spec_of(args[0], path.stem, kind)
        assert spec is not None, path.stem
        names = pq.read_schema(path).names
        present = [c for c in spec.columns if c in names]
        assert names == ["period", *present], path.stem
        assert set(spec.columns) - set(names) <= set(spec.optional), path.stem


@pytest.mark.parametrize("period", ["--month", "--quarter", "--year"])
def test_the_appraisal_holds_its_declared_columns_in_the_declared_order(
    tmp_path: Path, small_company: Path, period: str
) -> None:
    """The dictionary listed the appraisal's columns as one union (bonus before
    bonus_multiplier, amount before q1_score), which no period kind's file follows: each
    period kind is now declared with its columns in its file's order."""
    value = {"--month": "2024-05", "--quarter": "2024Q2", "--year": "2024"}[period]
    out = tmp_path / "a.parquet"
    result = run("-q", "-w", str(small_company), "appraise", period, value, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    spec = spec_of("appraise", "appraisal", period.removeprefix("--"))
    assert spec is not None
    names = pq.read_schema(out).names
    assert names == ["period", *(c for c in spec.columns if c in names)]


# --- defects found --------------------------------------------------------------------------


def test_a_figure_that_is_not_finite_stops_the_write_before_any_file(tmp_path: Path) -> None:
    """A ratio over a zero (a rule missing its guard) is a bug: JSON has no Infinity (`jq`
    and every strict parser refuse the file), CSV would say `inf` and a database hold it as
    a figure. The write stops, naming the table and column, and leaves no file."""
    frame = pd.DataFrame(
        {"rep": ["a", "b"], "amount": [1.0, 2.0], "attainment": [float("inf"), 0.5], "rank": [1, 2]}
    )
    output = Output("t", [Table("by_rep", frame)], command="report", period=parse_period("2024-05"))
    for target in ("t.json", "t.csv", "t.parquet", f"sqlite:///{tmp_path / 't.db'}"):
        path = target if target.startswith("sqlite") else tmp_path / target
        with pytest.raises(ValueError, match=r"by_rep.*attainment.*not finite"):
            write(output, path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".db") == []


def test_a_targets_file_written_as_csv_reads_back_with_formula_like_names(tmp_path: Path) -> None:
    ws = company(tmp_path)
    targets = tmp_path / "targets.csv"
    result = run("-q", "-w", str(ws), "split-targets", "--year", "2024", "--total", "12000",
                 "--basis", "equal", "-o", str(targets))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "a.json"
    result = run("-q", "-w", str(ws), "appraise", "--input", f"targets={targets}",
                 "--month", "2024-05", "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(r["rep"] for r in rows) == sorted(AMOUNTS)  # no '=cmd… beside =cmd…
    # each rep's May target is the file's, its name read without the writer's quote: 12,000
    # over 6 reps is 2,000 a year, 167 in each of the first eight months and 166 after
    written = list(csv.DictReader(io.StringIO(targets.read_text(encoding="utf-8-sig"))))
    may = {
        r["rep"].removeprefix("'"): float(r["target"]) for r in written if r["period"] == "2024-05"
    }
    assert may == dict.fromkeys(AMOUNTS, 167.0)
    assert {r["rep"]: r["target"] for r in rows} == may


def test_a_reps_attainment_is_one_figure_in_the_appraisal_and_the_report(tmp_path: Path) -> None:
    ws = company(tmp_path, {"张三": 618469 / 3, "李四": 10.0})
    write_csv(
        ws / "targets.csv",
        [["销售代表", "期间", "目标"], *[[r, f"2024-{m:02d}", 912400] for r in ("张三", "李四")
                                          for m in (4, 5)]],
    )  # fmt: skip
    db = f"sqlite:///{tmp_path / 'bi.db'}"
    for command in ("appraise", "report"):
        result = run("-q", "-w", str(ws), command, "--month", "2024-05", "-o", db)
        assert result.exit_code == 0, result.stderr
    with sqlite3.connect(tmp_path / "bi.db") as con:
        appraisal = dict(con.execute("SELECT rep, attainment FROM appraisal_month"))
        report = dict(con.execute("SELECT rep, attainment FROM report_month_by_rep"))
    assert report["张三"] == pytest.approx(618469 / 912400, abs=1e-6)
    assert appraisal == report


def test_a_figure_rounded_to_zero_is_written_as_zero_never_minus_zero(tmp_path: Path) -> None:
    """A change of -0.0000001 or a sum left at -2.8e-17 by floating point (0.3 - 0.1 - 0.2)
    rounds to zero; written as -0.0 the same figure's bytes would follow the noise of its
    sum, and a BI tool shows -0.00."""
    frame = pd.DataFrame(
        {
            "rep": ["a", "b", "c"],
            "amount": [0.3 - 0.1 - 0.2, -0.001, 0.0],
            "attainment": [-1e-12, -0.0, 0.5],
            "amount_mom": [-0.0000001, None, 0.0],
        }
    )
    output = Output("t", [Table("by_rep", frame)], command="report", period=parse_period("2024-05"))
    for name in ("t.csv", "t.json", "t.parquet"):
        write(output, tmp_path / name)
    cells = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").replace("\n", ",").split(",")
    assert "0.0" in cells and "-0.0" not in cells
    assert '": -0.0' not in (tmp_path / "t.json").read_text(encoding="utf-8")
    table = pq.read_table(tmp_path / "t.parquet")
    for column in ("amount", "attainment", "amount_mom"):
        values = [v for v in table.column(column).to_pylist() if v is not None]
        assert all(math.copysign(1.0, v) == 1.0 for v in values if v == 0), column


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.parquet", "csv"), ("a.xlsx", "json"), ("a.csv", "jsonl")]
)
def test_a_format_that_contradicts_the_file_extension_is_refused(
    tmp_path: Path, name: str, fmt: str
) -> None:
    """`-o a.parquet --format csv` wrote CSV text into a.parquet with exit 0: the BI tool
    that picks up *.parquet fails on it at night. Refused (2) before anything is written."""
    ws = company(tmp_path)
    target = tmp_path / name
    result = run("-w", str(ws), "appraise", "--month", "2024-05", "-o", str(target),
                 "--format", fmt)  # fmt: skip
    assert result.exit_code == 2, result.stderr
    assert f"--format {fmt}" in result.stderr and name in result.stderr
    assert "hint:" in result.stderr
    assert not target.exists()
    # an extension that is no format, or the same one in capitals, takes --format as it is
    for other in ("a.txt", "A.CSV"):
        done = run("-q", "-w", str(ws), "appraise", "--month", "2024-05", "-o",
                   str(tmp_path / other), "--format", "csv")  # fmt: skip
        assert done.exit_code == 0, done.stderr
        assert (tmp_path / other).read_text(encoding="utf-8-sig").startswith("period,rep,")
