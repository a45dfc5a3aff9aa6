"""Machine formats (CSV, JSON, JSONL, Parquet): a period on every table, declared types, one
rounding rule, long market rows, no column named from data; `salescli schema`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from salescli.output import Output, Table, write
from salescli.output.tables import spec_of, specs
from salescli.periods import parse_period
from tests.helpers import canonical, run, write_csv

ROOT = Path(__file__).resolve().parents[1]
DEMO = str(ROOT / "examples" / "demo")
ARROW = {
    "text": pa.string(),
    "date": pa.date32(),
    "integer": pa.int64(),
    "boolean": pa.bool_(),
    "money": pa.float64(),
    "number": pa.float64(),
}
RUNS = {
    "appraise": [["--month", "2024-05"], ["--quarter", "2024Q2"], ["--year", "2024"]],
    "report": [["--month", "2024-05"], ["--week", "2024-W19"], ["--quarter", "2024Q2"]],
    "classify": [["--quarter", "2024Q2"]],
    "plan-visits": [["--month", "2024-06"]],
    "audit-visits": [["--month", "2024-05"]],
    "split-targets": [
        ["--year", "2024", "--total", "120000000"],
        ["--year", "2025", "--total", "120000000", "--by", "region,rep"],
    ],
}


@pytest.mark.parametrize(
    ("command", "args"), [(c, a) for c, runs in RUNS.items() for a in runs], ids=str
)
def test_every_table_is_declared_and_typed_as_declared(
    tmp_path: Path, command: str, args: list[str], small_company: Path
) -> None:
    result = run(
        "-q", "-w", str(small_company), command, *args, "-o", f"{tmp_path}/", "--format", "parquet"
    )
    assert result.exit_code == 0, result.stderr
    period = parse_period(args[1]).label
    files = sorted(tmp_path.glob("*.parquet"))
    assert files
    for path in files:
        spec = spec_of(command, path.stem, parse_period(args[1]).kind)
        assert spec is not None, f"{command} writes {path.stem}: declare it in output/tables.py"
        schema = pq.read_schema(path)
        frame = pd.read_parquet(path)
        assert schema.names[0] == "period", path.stem
        if spec.row_period:  # each row's own period, inside the run's
            assert frame["period"].str.startswith(period).all(), path.stem
        else:
            assert (frame["period"] == period).all(), path.stem
        for name in schema.names[1:]:
            if spec.other is not None and name not in spec.columns:
                declared = spec.other[0]
            else:
                assert name in spec.columns, f"{command} {path.stem}: {name} is not declared"
                declared = spec.column(name).type
            assert schema.field(name).type == ARROW[declared], (path.stem, name)
            assert not name.endswith("_amount") or name in spec.columns, name


def test_dates_counts_and_empty_tables_keep_their_types(
    tmp_path: Path, small_company: Path
) -> None:
    result = run(
        "-q", "-w", str(small_company), "audit-visits", "--month", "2024-05",
        "-o", f"{tmp_path}/a/", "--format", "parquet",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    empty = pq.read_schema(tmp_path / "a" / "other_rep.parquet")  # no such visit in the demo
    assert pq.read_metadata(tmp_path / "a" / "other_rep.parquet").num_rows == 0
    assert empty.field("visit_date").type == pa.date32()
    assert empty.field("_row").type == pa.int64()
    assert empty.field("owner").type == pa.string()

    result = run(
        "-q", "-w", str(small_company), "report", "--quarter", "2024Q2", "-o", f"{tmp_path}/r/"
    )
    assert result.exit_code == 0, result.stderr
    late = (tmp_path / "r" / "late_orders.csv").read_text(encoding="utf-8-sig").splitlines()
    assert late[0] == (
        "period,order_id,customer_id,rep,region,category,due_date,delivered_on,days_late"
    )
    fields = next(csv.reader([late[1]]))  # an order's categories are one quoted cell: "泵, 电机"
    assert fields[0] == "2024Q2"
    assert len(fields[6]) == 10 and date.fromisoformat(fields[6])  # a date, not a timestamp
    assert fields[8].isdigit()
    # customers by class had a missing count and came out as floats (12.0)
    by_class = pd.read_csv(tmp_path / "r" / "by_class.csv", encoding="utf-8-sig", dtype=str)
    assert not by_class["customers"].dropna().str.contains(r"\.").any()
    risk = pd.read_csv(tmp_path / "r" / "at_risk.csv", encoding="utf-8-sig", dtype=str)
    assert not risk["days_since"].dropna().str.contains(r"\.").any()


def test_market_section_is_long_with_no_column_named_from_data(
    tmp_path: Path, small_company: Path
) -> None:
    result = run(
        "-q", "-w", str(small_company), "report", "--month", "2024-05", "-o", f"{tmp_path}/",
        "--format", "jsonl",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "market.jsonl").read_text().splitlines()]
    assert list(rows[0]) == [
        "period", "market_period", "region", "market_size", "competitor", "ours", "amount",
        "share",
    ]  # fmt: skip
    competitors = {r["competitor"] for r in rows}
    assert competitors == {"(us)", "ABB", "汇川", "西门子"}
    assert len(rows) == 6 * 4  # six regions, ours and three competitors
    assert {r["period"] for r in rows} == {"2024-05"}
    # quarterly market rows: Q2 has not ended by 2024-05-31, so the last quarter that has
    assert {r["market_period"] for r in rows} == {"2024Q1"}
    # the same figures as the wide sheet people read in xlsx
    xlsx = tmp_path / "report.xlsx"
    assert (
        run(
            "-q", "-w", str(small_company), "report", "--month", "2024-05", "-o", str(xlsx)
        ).exit_code
        == 0
    )
    sheet = openpyxl.load_workbook(xlsx, read_only=True)["market"]
    values = list(sheet.values)
    header = next(i for i, r in enumerate(values) if r and canonical(r[0]) == "region")
    names = [canonical(c) for c in values[header]]
    names = [n.replace(" amount", "_amount") for n in names]  # <competitor>_amount
    wide = pd.DataFrame(values[header + 1 :], columns=names).dropna(subset=["region"])
    wide = wide.set_index("region")
    for row in rows:
        column = "amount" if row["ours"] else f"{row['competitor']}_amount"
        assert row["amount"] == pytest.approx(wide.loc[row["region"], column], abs=0.005)
        assert row["market_size"] == wide.loc[row["region"], "market_size"]


def output(frame: pd.DataFrame, name: str = "by_rep", command: str = "report") -> Output:
    return Output("t", [Table(name, frame)], command=command, period=parse_period("2024-05"))


def test_one_rounding_rule_in_every_machine_format(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "rep": ["张三", "李四"],
            "amount": [1234.5678, 0.125],  # money: 2 decimals, half to even
            "target": [1000.0, 3.0],
            "attainment": [1.23456789, 2 / 3],  # number: 6 decimals
            "rank": [1.0, 2.0],  # an integer that came out of pandas as float
            "amount_prev": [None, 1.0],
            "amount_mom": [None, 0.0000004],
        }
    )
    out = output(frame)
    write(out, tmp_path / "t.csv")
    write(out, tmp_path / "t.jsonl")
    write(out, tmp_path / "t.parquet")
    write(out, tmp_path / "t.json")
    csv_text = (tmp_path / "t.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv_text == [
        "period,rep,amount,target,attainment,rank,amount_prev,amount_mom",
        "2024-05,张三,1234.57,1000.0,1.234568,1,,",
        "2024-05,李四,0.12,3.0,0.666667,2,1.0,0.0",
    ]
    jsonl = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert jsonl == json.loads((tmp_path / "t.json").read_text())
    parquet = pd.read_parquet(tmp_path / "t.parquet")
    for record, (_, row) in zip(jsonl, parquet.iterrows(), strict=True):
        assert record["amount"] == row["amount"] and record["attainment"] == row["attainment"]
        assert isinstance(record["rank"], int)
    assert jsonl[0] == {
        "period": "2024-05",
        "rep": "张三",
        "amount": 1234.57,
        "target": 1000.0,
        "attainment": 1.234568,
        "rank": 1,
        "amount_prev": None,
        "amount_mom": None,
    }


def test_an_integer_column_with_fractions_is_an_error_not_a_rounding(tmp_path: Path) -> None:
    frame = pd.DataFrame({"rep": ["a"], "rank": [1.5]})
    with pytest.raises(ValueError, match="rank"):
        write(output(frame), tmp_path / "t.csv")


def test_xlsx_keeps_the_table_as_made_and_the_period_in_the_title(
    tmp_path: Path, small_company: Path
) -> None:
    result = run(
        "-q",
        "-w",
        str(small_company),
        "report",
        "--month",
        "2024-05",
        "-o",
        str(tmp_path / "r.xlsx"),
    )
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert "2024-05" in book.properties.title
    rows = list(book["by_region"].values)
    assert rows[0][0] == "Monthly sales report 2024-05 · By region · workspace: demo"
    header = [canonical(c) for c in rows[1]]
    assert header[0] == "region" and "period" not in header


def test_stdout_csv_carries_the_period_and_no_bom_flag(tmp_path: Path, small_company: Path) -> None:
    result = run(
        "-q", "-w", str(small_company), "audit-visits", "--month", "2024-05", "--by", "rep"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1].startswith("2024-05,")
    with_bom = run(
        "-q", "-w", str(small_company), "audit-visits", "--month", "2024-05", "-o", f"{tmp_path}/a/"
    )
    assert with_bom.exit_code == 0
    assert (tmp_path / "a" / "by_rep.csv").read_bytes().startswith(b"\xef\xbb\xbfperiod,")
    without = run(
        "-q", "--no-bom", "-w", str(small_company), "audit-visits", "--month", "2024-05",
        "-o", str(tmp_path / "b.csv"),
    )  # fmt: skip
    assert without.exit_code == 0, without.stderr
    assert (tmp_path / "b.csv").read_bytes().startswith(b"period,rep,")


def test_targets_and_requests_keep_their_own_period_and_read_back_as_inputs(
    tmp_path: Path,
) -> None:
    """A targets row's period is its month and a request's the month or quarter it is for, so
    split-targets files feed appraise and --adjustments as before."""
    result = run(
        "-q", "-w", DEMO, "split-targets", "--year", "2024", "--total", "120000000",
        "-o", f"{tmp_path}/", "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    targets = pd.read_csv(tmp_path / "targets.csv", encoding="utf-8-sig", dtype=str)
    assert list(targets.columns[:4]) == ["period", "rep", "year", "quarter"]
    assert "month" not in targets
    assert targets["period"].str.match(r"^2024-\d\d$").all()
    requests = pd.read_csv(tmp_path / "adjustments.csv", encoding="utf-8-sig", dtype=str)
    assert requests.columns[0] == "period" and "2024Q3" in set(requests["period"])

    appraisal = run(
        "-q", "-w", DEMO, "appraise", "--month", "2024-05",
        "--input", f"targets={tmp_path / 'targets.csv'}",
    )  # fmt: skip
    assert appraisal.exit_code == 0, appraisal.stderr
    month = pd.read_csv(__import__("io").StringIO(appraisal.stdout))
    may = targets[targets["period"] == "2024-05"]
    assert month["target"].sum() == pytest.approx(may["target"].astype(float).sum())
    again = run(
        "-q", "-w", DEMO,
        "split-targets", "--apply-to", str(tmp_path / "targets.csv"),
        "--adjustments", str(tmp_path / "adjustments.csv"), "-o", str(tmp_path / "again.csv"),
    )  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert pd.read_csv(tmp_path / "again.csv", encoding="utf-8-sig")["period"].iloc[0] == "2024-01"


def test_schema_lists_every_table_and_docs_are_generated_from_it() -> None:
    result = run("schema")
    assert result.exit_code == 0
    for spec in specs():
        assert f"## {spec.command} · {spec.name}" in result.stdout
    assert "`report_month_by_region`" in result.stdout
    assert "`report_week_by_rep`" in result.stdout
    assert "`appraisal_month`" in result.stdout
    assert "| due_date | date |" in result.stdout
    generated = subprocess.run(
        [sys.executable, "-m", "salescli", "schema"], capture_output=True, text=True, check=True
    ).stdout
    assert generated == (ROOT / "docs" / "schema.md").read_text(encoding="utf-8"), (
        "run: python -m salescli schema > docs/schema.md"
    )


def test_schema_of_one_command_and_of_an_unknown_one() -> None:
    report = run("schema", "report")
    assert report.exit_code == 0
    assert "## report · market" in report.stdout and "appraise ·" not in report.stdout
    unknown = run("schema", "reprot")
    assert unknown.exit_code == 2
    assert "no command 'reprot'" in unknown.stderr and "report" in unknown.stderr


def test_every_declared_column_has_a_meaning() -> None:
    for spec in specs():
        assert spec.meaning, spec.name
        for column in spec.machine_columns():
            assert column.meaning, f"{spec.command} {spec.name}: {column.name} has no meaning"


def test_notices_and_explain_are_declared_and_typed(tmp_path: Path, small_company: Path) -> None:
    """Tables only some options write: split-targets --notices, appraise --explain."""
    write_csv(tmp_path / "targets.csv", [["销售代表", "期间", "目标"], ["张三", "2024-05", "1000"]])
    write_csv(
        tmp_path / "adjustments.csv",
        [
            ["销售代表", "期间", "调整后目标", "调整原因", "调整依据", "经理审核", "领导审批"],
            ["张三", "2024-05", "1200", "大客户订单", "合同", "是", "2024-05-10"],
        ],
    )
    result = run(
        "-q", "-w", str(tmp_path), "split-targets", "--apply-to", str(tmp_path / "targets.csv"),
        "--notices", str(tmp_path / "n"), "-o", f"{tmp_path}/out/", "--format", "parquet",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    spec = spec_of("split-targets", "notices")
    assert spec is not None
    schema = pq.read_schema(tmp_path / "out" / "notices.parquet")
    assert schema.names == ["period", *spec.columns]
    assert schema.field("effective_on").type == pa.date32()
    assert schema.field("target").type == pa.float64()
    frame = pd.read_parquet(tmp_path / "out" / "notices.parquet")
    assert frame["period"].tolist() == ["2024-05"]  # the request's own period
    assert frame["effective_on"].tolist() == [date(2024, 5, 10)]

    reps = pd.read_csv(small_company / "reviews.csv", dtype=str).iloc[:, 0]
    result = run(
        "-q", "-w", str(small_company),
        "appraise", "--month", "2024-05", "--explain", str(reps.iloc[0]),
        "-o", f"{tmp_path}/e/", "--format", "parquet",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    schema = pq.read_schema(tmp_path / "e" / "explain.parquet")
    assert schema.names == ["period", "figure", "value", "value_text", "formula", "n_rows"]
    assert schema.field("value").type == pa.float64()  # a number, words in value_text
    assert schema.field("value_text").type == pa.string()
