"""The CLI's shared behaviour: exit codes, messages, stdin input, check, init, help examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from salescli.cli import COMMAND_MODULES
from tests.helpers import ORDER_HEADER, canonical, order_row, read_sheet, run, write_csv, write_xlsx

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def small_workspace(folder: Path) -> Path:
    write_xlsx(
        folder / "orders.xlsx",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-03", "C1", 100),
            order_row("SO2", "2024-05-20", "C2", 50, rep="李四"),
        ],
    )
    return folder


def test_missing_table_exits_66_naming_where_it_looked(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text("", encoding="utf-8")  # a workspace, no orders
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 66
    assert "the orders table (订单) is missing" in result.stderr
    assert "--input orders=FILE" in result.stderr
    assert result.stdout == ""


def test_bad_period_exits_2_with_accepted_forms(tmp_path: Path) -> None:
    result = run("-w", str(small_workspace(tmp_path)), "classify", "--quarter", "2024-05")
    assert result.exit_code == 2
    assert (
        "not a period: '2024-05'" in result.stderr
        and "2024Q2 or 2024年第2季度 (quarter)" in result.stderr
    )


def test_unknown_option_exits_2(tmp_path: Path) -> None:
    assert run("-w", str(tmp_path), "classify", "--quartre", "2024Q2").exit_code == 2


def test_bad_data_exits_65_with_location(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "5月3日?", "C1", 1)])
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65
    assert "orders.csv, row 2, column order_date, value '5月3日?': not a date" in result.stderr
    assert "salescli check --table orders" in result.stderr
    assert "Traceback" not in result.stderr


def test_traceback_only_with_verbose(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "bad", "C1", 1)])
    result = run("-v", "-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 65 and "Traceback" in result.stderr


def test_unwritable_output_exits_73(tmp_path: Path) -> None:
    result = run(
        "-w",
        str(small_workspace(tmp_path)),
        "classify",
        "--quarter",
        "2024Q2",
        "-o",
        "/proc/salescli/out.csv",
    )
    assert result.exit_code == 73 and "cannot write here" in result.stderr


def test_output_over_an_input_is_refused(tmp_path: Path) -> None:
    small_workspace(tmp_path)
    before = (tmp_path / "orders.xlsx").read_bytes()
    result = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / "orders.xlsx")
    )
    assert result.exit_code == 73 and "overwrite an input" in result.stderr
    assert (tmp_path / "orders.xlsx").read_bytes() == before


def test_piped_stdout_is_csv_with_canonical_columns(tmp_path: Path) -> None:
    result = run("-w", str(small_workspace(tmp_path)), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("period,customer_id,customer_name,rep,amount")
    assert not result.stdout.startswith("\ufeff")


def test_input_override_and_gbk_csv_on_stdin(tmp_path: Path) -> None:
    rows = [ORDER_HEADER, order_row("SO9", "2024-05-03", "C9", 77, rep="王五")]
    write_csv(tmp_path / "gbk.csv", rows, encoding="gbk")
    data = (tmp_path / "gbk.csv").read_bytes()
    result = run(
        "-w",
        str(tmp_path),
        "classify",
        "--quarter",
        "2024Q2",
        "--input",
        "orders=-",
        "--format",
        "json",
        input=data,
    )
    assert result.exit_code == 0, result.stderr
    assert '"rep": "王五"' in result.stdout and '"amount": 77.0' in result.stdout


def test_input_override_with_unknown_table_is_usage_error(tmp_path: Path) -> None:
    result = run("-w", str(tmp_path), "check", "--input", "ordres=x.csv")
    assert result.exit_code == 2 and "unknown table 'ordres'" in result.stderr


def test_init_writes_config_and_refuses_to_overwrite(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    assert "max_per_day = 8" in (tmp_path / "salescli.toml").read_text(encoding="utf-8")
    again = run("init", str(tmp_path))
    assert again.exit_code == 73 and "--force" in again.stderr


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_every_command_help_ends_with_a_working_example(module: str) -> None:
    result = run(module, "--help")
    assert result.exit_code == 0
    assert "Example: salescli" in result.stdout


@pytest.mark.slow
def test_check_lists_the_demo_problems_and_exits_65(tmp_path: Path) -> None:
    result = run("-w", str(DEMO), "check", "-o", str(tmp_path / "check.xlsx"))
    assert result.exit_code == 65
    problems = read_sheet(tmp_path / "check.xlsx", "problems")
    assert list(problems.columns)[:9] == [
        "table",
        "file",
        "sheet",
        "row",
        "column",
        "value",
        "severity",
        "code",  # the problem's kind, docs/codes.md
        "problem",
    ]
    for column in ("table", "column", "severity"):  # names shown in plain words: Customers
        problems[column] = problems[column].map(canonical)
    planted = problems[problems["severity"].str.lower() == "error"]
    assert set(planted["problem"]) == {"required record field is empty", "not a phone number"}
    assert set(planted["table"]) == {"customers"}
    assert (planted["value"] == "待补充").sum() == 5
    completeness = read_sheet(tmp_path / "check.xlsx", "completeness")
    assert completeness["completeness"].between(0, 1).all() and len(completeness) == 40


def test_check_on_a_clean_table_exits_0(small_company: Path) -> None:
    result = run("-w", str(small_company), "check", "--table", "orders", "--table", "targets")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == "table,file,sheet,row,column,value,severity,code,problem,hint"


def test_check_reports_unreadable_files_as_rows(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [["a", "b"], ["1", "2"]])
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 65
    assert "no header row with orders columns" in result.stdout


def test_user_templates_are_tried_first(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block body %}<h1>本公司 {{ output.heading(lang) }}</h1>'
        "{% endblock %}",
        encoding="utf-8",
    )
    small_workspace(tmp_path)
    result = run(
        "--template-dir",
        str(templates),
        "-w",
        str(tmp_path),
        "classify",
        "--quarter",
        "2024Q2",
        "-o",
        str(tmp_path / "c.html"),
    )
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "c.html").read_text(encoding="utf-8")
    assert "<h1>本公司 Customer classification 2024Q2 (score)</h1>" in html
    assert "@page { size: A4" in html  # the packaged base template still serves
