"""`classify`, `plan_visits` and `audit_visits` through the Python API give what the CLI writes
for the same arguments (issue #14): the same tables, titles, notes and calendar files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salescli import Workspace, audit_visits, classify, plan_visits
from salescli.api.base import Result
from salescli.errors import NotCoveredError, UsageError
from salescli.output.tables import machine_frame
from tests.helpers import ORDER_HEADER, order_row, run, unescape, write_csv

# customer, rep, amount per order, orders (spread over 2024H1)
BUYERS = [
    ("C1", "张三", 9000, 6),
    ("C2", "张三", 3000, 3),
    ("C3", "张三", 500, 1),
    ("C4", "李四", 7000, 5),
    ("C5", "李四", 800, 2),
    ("C6", "李四", 200, 1),
]


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Orders 2024-01..06, a customer file whose C3 has no class (so the visit commands
    classify it from the last complete quarter), and May visits: one complete, incomplete
    ones, one to a customer not on file and one by a rep who does not own the customer."""
    folder = tmp_path_factory.mktemp("ws")
    rows = []
    for customer, rep, amount, times in BUYERS:
        for k in range(times):
            day = f"2024-{1 + (k * 5) % 6:02d}-{10 + k:02d}"
            rows.append(order_row(f"SO{len(rows)}", day, customer, amount, rep=rep))
    write_csv(folder / "orders.csv", [ORDER_HEADER, *rows])
    write_csv(
        folder / "customers.csv",
        [
            ["客户编号", "客户名称", "销售代表", "客户分类"],
            ["C1", "甲公司", "张三", "A"],
            ["C2", "乙公司", "张三", "B"],
            ["C3", "丙公司", "张三", ""],
            ["C4", "丁公司", "李四", "A"],
            ["C5", "戊公司", "李四", "C"],
            ["C6", "己公司", "李四", "C"],
        ],
    )
    write_csv(
        folder / "visits.csv",
        [
            ["visit_date", "rep", "customer_id", "purpose", "summary", "next_step"],
            ["2024-05-06", "张三", "C1", "回访", "交期", "跟进"],
            ["2024-05-14", "张三", "C1", "回访", "报价", ""],
            ["2024-05-08", "李四", "C4", "回访", "交期", "跟进"],
            ["2024-05-09", "李四", "C2", "回访", "交期", "跟进"],
            ["2024-05-10", "张三", "C9", "回访", "交期", "跟进"],
            ["2024-05-20", "李四", "C5", "", "", ""],
        ],
    )
    (folder / "salescli.toml").write_text('calendar = "cn"\n', encoding="utf-8")
    return folder


def cli(ws: Path, out: Path, *args: str) -> tuple[dict[str, pd.DataFrame], list[str], list[str]]:
    """The CLI's tables (as parquet), its headings and notes (from the Markdown output)."""
    for target, fmt in ((f"{out}/parquet/", "parquet"), (f"{out}/all.md", "md")):
        done = run("--no-cache", "-w", str(ws), *args, "-o", target, "--format", fmt)
        assert done.exit_code == 0, done.stderr
    tables = {p.stem: pd.read_parquet(p) for p in (out / "parquet").glob("*.parquet")}
    lines = (out / "all.md").read_text(encoding="utf-8").splitlines()
    headings = [line[3:] for line in lines if line.startswith("## ")]
    assert headings[-1] == "Notes"
    notes = [
        unescape(line[2:]) for line in lines[lines.index("## Notes") :] if line.startswith("- ")
    ]
    return tables, headings[:-1], notes


def assert_same(result: Result, ws: Path, out: Path, *args: str) -> None:
    tables, headings, notes = cli(ws, out, *args)
    assert [t.heading("en") for t in result.output.tables] == headings
    assert set(result.tables) == set(tables)
    for table in result.output.tables:
        pd.testing.assert_frame_equal(machine_frame(table, result.output), tables[table.name])
    assert result.notes == notes


def test_classify_equals_the_cli(ws: Path, tmp_path: Path) -> None:
    first = classify(Workspace(ws), quarter="2024Q1", method="thresholds")
    previous = tmp_path / "q1.csv"
    assert run("-w", str(ws), "classify", "--quarter", "2024Q1", "--method", "thresholds",
               "-o", str(previous)).exit_code == 0  # fmt: skip
    assert previous.exists() and first.tables["classes"]["class"].notna().all()

    result = classify(Workspace(ws), quarter="2024Q2", method="pareto", previous=previous)
    assert list(result.tables) == ["classes", "summary", "moves"]
    assert result.period is not None and result.period.label == "2024Q2"
    assert result.notes[0].startswith("method pareto; window ")
    assert set(result["classes"]["move"]) - {"same"}  # compared with Q1's thresholds classes
    assert_same(
        result, ws, tmp_path / "cli", "classify", "--quarter", "2024Q2", "--method", "pareto",
        "--previous", str(previous),
    )  # fmt: skip


def test_classify_defaults_to_the_policy_method_and_counts_last_from_today(ws: Path) -> None:
    result = classify(Workspace(ws), quarter="last", today=date(2024, 7, 15))
    assert result.period is not None and result.period.label == "2024Q2"
    assert result.notes[0].startswith("method score; ")
    same = classify(Workspace(ws), quarter="2024Q2", method="score")
    pd.testing.assert_frame_equal(result["classes"], same["classes"])


def test_plan_visits_equals_the_cli_with_its_calendars(ws: Path, tmp_path: Path) -> None:
    result = plan_visits(Workspace(ws), month="2024-06", rep=["张三"], ics=tmp_path / "api-ics")
    plan = result["plan"]
    assert set(plan["rep"]) == {"张三"} and set(plan["customer_id"]) == {"C1", "C2", "C3"}
    # C3 has no class on file: classified from 2024Q1, said in a warning
    assert "warning: 1 customer has no class in the customer file: classified from 2024Q1" in (
        result.notes
    )
    assert result.files == [tmp_path / "api-ics" / "张三.ics"]
    assert_same(
        result, ws, tmp_path / "cli", "plan-visits", "--month", "2024-06", "--rep", "张三",
        "--ics", str(tmp_path / "cli-ics"),
    )  # fmt: skip
    assert (tmp_path / "cli-ics" / "张三.ics").read_bytes() == result.files[0].read_bytes()


def test_audit_visits_equals_the_cli_by_rep_with_given_classes(ws: Path, tmp_path: Path) -> None:
    classes = tmp_path / "classes.csv"
    classify(Workspace(ws), quarter="2024Q1").tables["classes"].to_csv(classes, index=False)
    result = audit_visits(Workspace(ws), month="2024-05", by="rep", classes=classes)
    assert list(result.tables) == [
        "by_rep",
        "customers",
        "unknown_customers",
        "other_rep",
        "visit_records",
        "incomplete_visits",
    ]
    assert list(result["unknown_customers"]["customer_id"]) == ["C9"]
    assert list(result["other_rep"]["customer_id"]) == ["C2"]
    assert list(result["incomplete_visits"]["customer_id"]) == ["C1", "C5"]
    assert not any("no class" in note for note in result.notes)  # the classes file gave them
    assert_same(
        result, ws, tmp_path / "cli", "audit-visits", "--month", "2024-05", "--by", "rep",
        "--classes", str(classes),
    )  # fmt: skip


def test_audit_visits_by_customer_for_one_rep_equals_the_cli(ws: Path, tmp_path: Path) -> None:
    result = audit_visits(Workspace(ws), month="2024-05", rep=["李四"])
    assert list(result.tables)[:2] == ["customers", "by_rep"]
    assert set(result["visit_records"]["rep"]) == {"李四"}
    assert_same(result, ws, tmp_path, "audit-visits", "--month", "2024-05", "--rep", "李四")


def test_a_quarter_the_orders_do_not_reach_stops_65(ws: Path) -> None:
    with pytest.raises(NotCoveredError, match="no order lines in 2026Q1") as caught:
        classify(Workspace(ws), quarter="2026Q1")
    assert caught.value.exit_code == 65


def test_a_month_without_visit_records_stops_the_audit_65(ws: Path) -> None:
    with pytest.raises(NotCoveredError, match="no visits in 2024-07") as caught:
        audit_visits(Workspace(ws), month="2024-07")
    assert caught.value.exit_code == 65


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda w: classify(w, quarter="2024Q5"), "not a period"),
        (lambda w: classify(w, quarter="2024-05"), "not a period"),
        (lambda w: classify(w, quarter="2024Q2", method="median"), "unknown method"),
        (lambda w: plan_visits(w, month=None), "give exactly one of month="),
        (lambda w: audit_visits(w, month="2024-05", by="region"), "by='region'"),
    ],
)
def test_wrong_options_raise_usage_errors(ws: Path, call, message: str) -> None:
    with pytest.raises(UsageError, match=message) as caught:
        call(Workspace(ws))
    assert caught.value.exit_code == 2
