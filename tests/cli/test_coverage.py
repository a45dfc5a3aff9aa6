"""Figures for a period the exports do not reach: stop, or warn so that a cron run sees it.

Issue #13: a period after the orders end gave every rep zero and grade D with exit 0; a stale
export gave a part of the month as the month; an appraisal without targets graded everyone.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx


def covers(folder: Path, table: str) -> str:
    """What a table's exports cover, read apart from salescli: "orders cover first..last"."""
    if table == "orders":
        files = sorted(folder.glob("orders-*.xlsx"))
        read = [pd.read_excel(f, header=2, engine="calamine")["下单日期"] for f in files]
        days = pd.to_datetime(pd.concat(read), errors="coerce").dropna()  # not the total row
    else:
        days = pd.to_datetime(pd.read_csv(folder / f"{table}.csv")["visit_date"])
    return f"{table} cover {days.min():%Y-%m-%d}..{days.max():%Y-%m-%d}"


def workspace(
    tmp_path: Path,
    days: list[str],
    targets: list[tuple[str, str, float]] | None = None,
    toml: str = "",
    classes: bool = True,
) -> Path:
    """Orders of 张三 (and 李四 on the first day) on `days`, a customer file, targets."""
    rows = [order_row(f"SO{n}", day, "C1", 1000) for n, day in enumerate(days)]
    rows.append(order_row("SO-L", days[0], "C2", 500, rep="李四"))
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, *rows])
    header = ["客户编号", "客户名称", "销售代表", *(["客户分类"] if classes else [])]
    customers = [["C1", "甲公司", "张三", "A"], ["C2", "乙公司", "李四", "B"]]
    write_csv(tmp_path / "customers.csv", [header, *(c[: len(header)] for c in customers)])
    if targets is None:
        targets = [("张三", f"2024-{m:02d}", 5000.0) for m in range(1, 13)]
    write_csv(tmp_path / "targets.csv", [["rep", "period", "target"], *targets])
    (tmp_path / "salescli.toml").write_text('calendar = "cn"\n' + toml, encoding="utf-8")
    return tmp_path


# --- a period the orders do not reach: 65 ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "period"),
    [
        (["appraise", "--quarter", "2026Q1"], "2026Q1"),
        (["appraise", "--year", "2026"], "2026"),
        (["report", "--month", "2026-01"], "2026-01"),
        (["classify", "--quarter", "2026Q1"], "2026Q1"),
        (["report", "--week", "2026-W02"], "2026-W02"),
        (["appraise", "--month", "2022-12"], "2022-12"),
    ],
)
def test_a_period_the_orders_do_not_reach_stops_65(
    args: list[str], period: str, small_company: Path
) -> None:
    result = run("-w", str(small_company), *args)
    assert result.exit_code == 65, result.stdout
    assert f"no order lines in {period}: {covers(small_company, 'orders')}" in result.stderr
    assert result.stdout == ""


def test_audit_of_a_month_without_visit_records_stops_65(small_company: Path) -> None:
    result = run("-w", str(small_company), "audit-visits", "--month", "2023-05")
    assert result.exit_code == 65
    assert f"no visits in 2023-05: {covers(small_company, 'visits')}" in result.stderr


def test_plan_visits_plans_a_future_month_from_the_customer_files_classes(
    small_company: Path,
) -> None:
    result = run("-w", str(small_company), "plan-visits", "--month", "2026-01")
    assert result.exit_code == 0, result.stderr
    assert "2026-01-" in result.stdout


def test_plan_visits_stops_when_the_classes_come_from_a_quarter_without_orders(
    tmp_path: Path,
) -> None:
    ws = workspace(tmp_path, ["2024-05-06", "2024-05-20"], classes=False)
    result = run("-w", str(ws), "plan-visits", "--month", "2026-01")
    assert result.exit_code == 65
    assert "no order lines in 2025Q4: orders cover 2024-05-06..2024-05-20" in result.stderr
    assert "--classes FILE" in result.stderr
    assert run("-w", str(ws), "plan-visits", "--month", "2024-07").exit_code == 0


def test_split_targets_needs_the_previous_years_sales_or_says_it_splits_equally(
    small_company: Path,
) -> None:
    folder = str(small_company)
    history = run("-w", folder, "split-targets", "--year", "2026", "--total", "1000000")
    assert history.exit_code == 65
    assert f"no order lines in 2025: {covers(small_company, 'orders')}" in history.stderr
    assert "--basis equal" in history.stderr
    equal = run(
        "-w", folder, "split-targets", "--year", "2026", "--total", "1200000", "--basis", "equal"
    )
    assert equal.exit_code == 0, equal.stderr
    assert "the months are split equally" in equal.stderr  # said even in a pipe


def test_split_targets_weighs_months_after_the_previous_years_data_at_the_average(
    tmp_path: Path,
) -> None:
    """Orders of 2024 that end in August: September..December of 2025 got a zero target (old
    code). They take the covered months' average share, said on stderr and in the note."""
    days = [f"2024-{m:02d}-{d:02d}" for m in range(1, 9) for d in (1, 28)] + ["2024-08-31"]
    ws = workspace(tmp_path, days)
    result = run("-w", str(ws), "split-targets", "--year", "2025", "--total", "1200000")
    assert result.exit_code == 0, result.stderr
    assert (
        "orders cover 2024-01-01..2024-08-31: 2025-09..2025-12 weighed at the covered months' "
        "average share" in result.stderr
    )
    frame = __import__("pandas").read_csv(__import__("io").StringIO(result.stdout))
    months = frame.groupby("period")["target"].sum()
    assert months.sum() == 1_200_000
    # the average of the covered months' weights is a twelfth of the filled year
    assert [months[f"2025-{m:02d}"] for m in (9, 10, 11, 12)] == [100_000] * 4


# --- orders that end inside the period: a warning a cron run cannot miss -------------------

STALE = "orders end 2024-05-20, 11 days before 2024-05 ends"


@pytest.mark.parametrize(
    "command", [["appraise", "--month", "2024-05"], ["report", "--month", "2024-05"]]
)
def test_a_stale_export_warns_on_stderr_of_a_pipe_and_in_the_notes(
    tmp_path: Path, command: list[str]
) -> None:
    ws = workspace(tmp_path, ["2024-05-06", "2024-05-20"])
    piped = run("-w", str(ws), *command)  # CliRunner's stderr is not a terminal
    assert piped.exit_code == 0, piped.stderr
    assert STALE in piped.stderr
    assert run("-q", "-w", str(ws), *command).stderr == ""  # -q: in the notes only
    book_path = tmp_path / "out.xlsx"
    assert run("-q", "-w", str(ws), *command, "-o", str(book_path)).exit_code == 0
    notes = [c.value for row in openpyxl.load_workbook(book_path)["notes"].iter_rows() for c in row]
    assert any(STALE in str(n) for n in notes)
    html = tmp_path / "out.html"
    assert run("-q", "-w", str(ws), *command, "-o", str(html)).exit_code == 0
    assert STALE in html.read_text(encoding="utf-8")


def test_partial_period_error_setting_stops_65(tmp_path: Path) -> None:
    ws = workspace(
        tmp_path, ["2024-05-06", "2024-05-20"], toml='[checks]\npartial_period = "error"\n'
    )
    result = run("-w", str(ws), "appraise", "--month", "2024-05")
    assert result.exit_code == 65
    assert STALE in result.stderr and 'partial_period = "warn"' in result.stderr


def test_an_export_ending_before_the_months_last_weekend_is_not_partial(tmp_path: Path) -> None:
    # 2024-06-28 is a Friday; June 29 and 30 are a weekend
    ws = workspace(tmp_path, ["2024-06-03", "2024-06-28"])
    result = run("-w", str(ws), "appraise", "--month", "2024-06")
    assert result.exit_code == 0, result.stderr
    assert "orders end" not in result.stderr


def test_a_quarter_the_orders_end_inside_warns_with_the_days_missing(tmp_path: Path) -> None:
    ws = workspace(tmp_path, ["2024-04-08", "2024-05-20"])
    result = run("-w", str(ws), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 0, result.stderr
    assert "orders end 2024-05-20, 41 days before 2024Q2 ends" in result.stderr


# --- targets ---------------------------------------------------------------------------------


def test_an_appraisal_with_no_target_rows_for_the_period_stops_66(tmp_path: Path) -> None:
    ws = workspace(tmp_path, ["2026-01-05", "2026-01-30"])
    result = run("-w", str(ws), "appraise", "--month", "2026-01")
    assert result.exit_code == 66
    assert "no targets for 2026-01; targets cover 2024-01..2024-12" in result.stderr


def test_an_appraisal_without_a_targets_table_stops_66(tmp_path: Path) -> None:
    ws = workspace(tmp_path, ["2024-05-06", "2024-05-31"])
    (ws / "targets.csv").unlink()
    result = run("-w", str(ws), "appraise", "--month", "2024-05")
    assert result.exit_code == 66
    assert "the targets table" in result.stderr


def test_a_rep_with_sales_but_no_target_is_named_in_a_warning(tmp_path: Path) -> None:
    ws = workspace(tmp_path, ["2024-05-06", "2024-05-31"])  # 李四 sells, only 张三 has targets
    result = run("-w", str(ws), "appraise", "--month", "2024-05")
    assert result.exit_code == 0, result.stderr
    assert "1 rep sold in 2024-05 but has no target, so no attainment: 李四 (500.00)" in (
        result.stderr
    )
    assert "张三 (" not in result.stderr


# --- configuration and arguments that were silently ignored ---------------------------------


def test_a_missing_config_file_is_exit_78(tmp_path: Path) -> None:
    ws = workspace(tmp_path, ["2024-05-06", "2024-05-31"])
    result = run("-w", str(ws), "--config", str(tmp_path / "nope.toml"), "check")
    assert result.exit_code == 78
    assert "nope.toml: no such file" in result.stderr


def test_check_of_a_folder_without_exports_is_exit_66(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text("", encoding="utf-8")  # a workspace, no exports yet
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 66
    assert "no exports to check" in result.stderr


def test_check_of_a_table_that_is_not_there_is_exit_66(tmp_path: Path) -> None:
    ws = workspace(tmp_path, ["2024-05-06", "2024-05-31"])
    (ws / "orders.xlsx").unlink()
    result = run("-w", str(ws), "check", "--table", "orders")
    assert result.exit_code == 66
    assert "no orders table" in result.stderr
    assert run("-w", str(ws), "check", "--table", "customers").exit_code != 66  # it is there
