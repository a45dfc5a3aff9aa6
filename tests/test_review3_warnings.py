"""A warning that changes or empties a figure reaches stderr when nobody watches (cron, a pipe:
the CliRunner's stderr is no terminal), and `--strict` makes it an error (exit 65): review 3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv

NO_AMOUNT = [h for h in ORDER_HEADER if h != "金额"]
COMPUTED = "amount computed as quantity x unit_price"

ONLY_THE_MONTHLY_REPORT = """[run]
weekly_report = false
monthly_appraisal = false
visit_audit = false
visit_plan = false
classify = false
quarterly_appraisal = false
quarterly_report = false
yearly_appraisal = false
report_formats = ["json"]
"""


def without_amount(tmp_path: Path) -> Path:
    """May's orders with no amount column: each line's amount is quantity x unit price, a
    figure-changing warning."""
    lines = [order_row(f"SO{d}", f"2024-05-{d:02d}", "C1", 100) for d in range(1, 32)]
    rows = [[v for h, v in zip(ORDER_HEADER, line, strict=True) if h != "金额"] for line in lines]
    write_csv(tmp_path / "orders.csv", [NO_AMOUNT, *rows])
    (tmp_path / "salescli.toml").write_text(ONLY_THE_MONTHLY_REPORT, encoding="utf-8")
    return tmp_path


def test_the_command_itself_says_the_warning_in_a_pipe(tmp_path: Path) -> None:
    workspace = str(without_amount(tmp_path))
    said = run("-w", workspace, "report", "--month", "2024-05", "--format", "json")
    assert said.exit_code == 0 and COMPUTED in said.stderr
    quiet = run("-q", "-w", workspace, "report", "--month", "2024-05", "--format", "json")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    strict = run("--strict", "-w", workspace, "report", "--month", "2024-05", "--format", "json")
    assert strict.exit_code == 65 and f"--strict: orders.csv: {COMPUTED}" in strict.stderr


def test_a_cron_run_says_a_jobs_figure_changing_warning_on_stderr(tmp_path: Path) -> None:
    """`run` runs its jobs quietly (a successful run prints nothing in cron), and the jobs'
    warnings were dropped with the rest: the monthly report was written from amounts computed
    as quantity x unit price, exit 0, and cron heard nothing."""
    workspace = str(without_amount(tmp_path))
    done = run("-w", workspace, "--today", "2024-06-03", "run")
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "reports" / "2024-05" / "monthly-report.json").exists()
    warned = [line for line in done.stderr.splitlines() if COMPUTED in line]
    assert warned == [f"salescli: warning: monthly-report 2024-05: orders.csv: {COMPUTED}"]
    # what is not a figure's warning stays out of a cron run's stderr
    assert "also available with --section" not in done.stderr
    quiet = run("-q", "-w", workspace, "--today", "2024-06-03", "run", "--force")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    strict = run("--strict", "-w", workspace, "--today", "2024-06-03", "run", "--force")
    assert strict.exit_code == 65 and f"--strict: orders.csv: {COMPUTED}" in strict.stderr


def empty_customer_source(tmp_path: Path) -> Path:
    write_csv(
        tmp_path / "orders.csv",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-03", "C1", 100),
            order_row("SO2", "2024-06-28", "C2", 300),
        ],
    )
    with sqlite3.connect(tmp_path / "crm.db") as db:
        db.execute('create table customers ("客户编号" text, "客户名称" text, "销售代表" text)')
    (tmp_path / "salescli.toml").write_text(
        '[inputs.customers]\nsource = "sqlite:///crm.db"\ntable = "customers"\n', encoding="utf-8"
    )
    return tmp_path


def test_an_empty_customer_file_is_a_loud_warning(tmp_path: Path) -> None:
    """The file's case, for comparison with the source's below."""
    write_csv(
        tmp_path / "orders.csv",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-03", "C1", 100),
            order_row("SO2", "2024-06-28", "C2", 300),
        ],
    )
    write_csv(tmp_path / "customers.csv", [["客户编号", "客户名称", "销售代表"]])
    said = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "csv")
    assert (
        said.exit_code == 0 and "the customers table has a header but no data rows" in said.stderr
    )
    strict = run("--strict", "-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert strict.exit_code == 65


def test_an_empty_customer_source_is_as_loud_as_an_empty_file(tmp_path: Path) -> None:
    """A customer table fetched empty from its database leaves every customer without an
    owner's file, class or name, as an empty customers.csv does; the file's warning reaches a
    pipe and stops --strict, the source's said nothing and exited 0."""
    workspace = str(empty_customer_source(tmp_path))
    said = run("-w", workspace, "classify", "--quarter", "2024Q2", "--format", "csv")
    assert said.exit_code == 0
    assert "the customers table has a header but no data rows" in said.stderr
    strict = run("--strict", "-w", workspace, "classify", "--quarter", "2024Q2")
    assert strict.exit_code == 65


def months_of_orders(tmp_path: Path, *months: str) -> Path:
    """Monthly exports orders-2024-MM.csv of two reps, an order a day, and their targets for
    April to June."""
    for month in months:
        lines = [
            order_row(
                f"SO{month}{d:02d}",
                f"2024-{month}-{d:02d}",
                f"C{d % 3}",
                100,
                ["张三", "李四"][d % 2],
            )
            for d in range(1, 29)
        ]
        write_csv(tmp_path / f"orders-2024-{month}.csv", [ORDER_HEADER, *lines])
    targets = [[rep, f"2024-{m:02d}", 2000] for rep in ("张三", "李四") for m in (4, 5, 6)]
    write_csv(tmp_path / "targets.csv", [["销售代表", "期间", "目标"], *targets])
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\npath = "orders-*.csv"\n', encoding="utf-8"
    )
    return tmp_path


MISSING_MAY = "orders have no line in 2024-05"


@pytest.mark.parametrize(
    "command",
    [
        ("appraise", "--month", "2024-05"),
        ("appraise", "--quarter", "2024Q2"),
        ("report", "--quarter", "2024Q2"),
        ("classify", "--quarter", "2024Q2"),
    ],
)
def test_a_month_without_a_single_order_line_inside_the_orders_is_a_loud_warning(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """May's export left out of orders-2024-04.csv .. orders-2024-06.csv: May was appraised
    as no sales at all (every rep's attainment 0, bonus 0) and the quarter at two months' sales
    against three months' targets, exit 0 and not a word, as the orders reach from April to
    June. A month of a period that holds no line of the whole company, between lines before it
    and after it, is said loudly, and --strict stops."""
    workspace = str(months_of_orders(tmp_path, "04", "06"))
    said = run("-w", workspace, *command, "--format", "csv")
    assert said.exit_code == 0, said.stderr
    warned = [line for line in said.stderr.splitlines() if MISSING_MAY in line]
    assert len(warned) == 1 and "orders-2024-05" not in warned[0]
    assert "is an export missing?" in warned[0]
    strict = run("--strict", "-w", workspace, *command, "--format", "csv")
    assert strict.exit_code == 65 and MISSING_MAY in strict.stderr


def test_every_month_with_lines_says_nothing_of_a_missing_month(tmp_path: Path) -> None:
    workspace = str(months_of_orders(tmp_path, "04", "05", "06"))
    said = run("-w", workspace, "appraise", "--quarter", "2024Q2", "--format", "csv")
    assert said.exit_code == 0, said.stderr
    assert "have no line in" not in said.stderr


def test_last_years_lines_left_out_of_the_shares_is_a_loud_warning(tmp_path: Path) -> None:
    """A line of last year with no region weighs nowhere in a split by region: the regions'
    shares, and so their targets, are those of the other lines. Said only on a terminal: a
    pipe heard nothing and --strict split anyway."""
    lines = [
        order_row(f"SO{m:02d}{d}", f"2024-{m:02d}-{d:02d}", "C1", 100, 区域=region)
        for m in range(1, 13)
        for d, region in ((3, "华东"), (28, "华南"))
    ]
    lines += [
        order_row("SOX", "2024-06-10", "C2", 5000, 区域=None),
        order_row("SOY", "2024-12-31", "C1", 100, 区域="华东"),
    ]
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, *lines])
    split = ("split-targets", "--year", "2025", "--total", "120000", "--by", "region")
    said = run("-w", str(tmp_path), *split, "--format", "csv")
    assert said.exit_code == 0, said.stderr
    assert "has no region: left out of the shares" in said.stderr
    assert run("--strict", "-w", str(tmp_path), *split, "--format", "csv").exit_code == 65


def test_a_month_without_a_single_visit_inside_the_visits_is_a_loud_warning(
    tmp_path: Path,
) -> None:
    """The visit audit of a month whose visits export is missing showed every customer at 0 %
    (every window missed), exit 0: May, between April's and June's visits, is said loudly."""
    customers = [["客户编号", "客户名称", "销售代表", "客户分类"], ["C1", "甲公司", "张三", "C"]]
    write_csv(tmp_path / "customers.csv", customers)
    visits = [["visit_date", "rep", "customer_id"]]
    visits += [[day, "张三", "C1"] for day in ("2024-04-08", "2024-06-10")]
    write_csv(tmp_path / "visits.csv", visits)
    audit = ("audit-visits", "--month", "2024-05", "--format", "csv")
    said = run("-w", str(tmp_path), *audit)
    assert said.exit_code == 0, said.stderr
    assert "visits have no line in 2024-05" in said.stderr
    assert run("--strict", "-w", str(tmp_path), *audit).exit_code == 65


def test_a_report_compared_with_a_month_without_a_line_says_so_loudly(tmp_path: Path) -> None:
    """June's report beside a missing May export: May's column read 0 sales, 0 % attainment,
    and June's change +70 points, exit 0 and not a word."""
    workspace = str(months_of_orders(tmp_path, "04", "06"))
    said = run("-w", workspace, "report", "--month", "2024-06", "--format", "csv")
    assert said.exit_code == 0, said.stderr
    assert len([line for line in said.stderr.splitlines() if MISSING_MAY in line]) == 1
    strict = run("--strict", "-w", workspace, "report", "--month", "2024-06", "--format", "csv")
    assert strict.exit_code == 65 and MISSING_MAY in strict.stderr
    (tmp_path / "whole").mkdir()
    whole = str(months_of_orders(tmp_path / "whole", "04", "05", "06"))
    said = run("-w", whole, "report", "--month", "2024-06", "--format", "csv")
    assert said.exit_code == 0 and "have no line in" not in said.stderr
