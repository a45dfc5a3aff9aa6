"""#15: what cron jobs and pipelines need: relative periods, silence, honest exit codes in pipes,
one-line usage errors, -w DIR init, -o templates, and a calendar for years not published yet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
CUSTOMER_HEADER = ["客户编号", "客户名称", "销售代表", "客户分类"]


def small_workspace(folder: Path) -> Path:
    write_xlsx(
        folder / "orders.xlsx",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-01-10", "C1", 100),
            order_row("SO2", "2024-02-20", "C2", 50, rep="李四"),
            order_row("SO3", "2024-05-06", "C1", 70),
        ],
    )
    return folder


def many_customers(folder: Path, count: int = 6000) -> Path:
    """Orders of many customers: classify writes far more than a pipe's buffer."""
    rows = [ORDER_HEADER]
    rows += [order_row(f"SO{n}", "2024-05-06", f"C{n:05d}", 100 + n) for n in range(count)]
    write_csv(folder / "orders.csv", rows)
    return folder


def salescli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "salescli", *args], env=env, timeout=120, check=False, **kwargs
    )


# --- relative periods and the new forms, through the CLI ------------------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--today", "2024-05-31", "classify", "--quarter", "last"], "2024Q1"),
        (["--today", "2024-05-31", "classify", "--quarter", "this"], "2024Q2"),
        (["--today", "2024-03-31", "appraise", "--month", "last"], "2024-02"),
        (["--today", "2024-03-31", "appraise", "--month", "this"], "2024-03"),
        (["--today", "2025-01-01", "appraise", "--year", "last"], "2024"),
        (["--today", "2024-06-03", "appraise", "--year", "this"], "2024"),
        (["--today", "2024-05-13", "report", "--week", "last"], "2024-W19"),
        (["--today", "2024-05-08", "report", "--week", "this"], "2024-W19"),
        (["classify", "--quarter", "2024年第2季度"], "2024Q2"),
        (["appraise", "--month", "2024/05"], "2024-05"),
        (["appraise", "--month", "2024年5月"], "2024-05"),
        (["report", "--week", "2024年第19周"], "2024-W19"),
        (["report", "--week", "2024-05-08"], "2024-W19"),  # the ISO week holding that day
    ],
)
def test_periods_people_and_cron_write(tmp_path: Path, args: list[str], name: str) -> None:
    workspace = small_workspace(tmp_path)
    targets = [(rep, f"2024-{m:02d}", 1000) for rep in ("张三", "李四") for m in range(1, 13)]
    write_csv(workspace / "targets.csv", [["rep", "period", "target"], *targets])
    result = run("-w", str(workspace), *args, "-o", str(tmp_path / "out" / "{period}.csv"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / f"{name}.csv").is_file()
    assert {p.name.split(".")[0] for p in (tmp_path / "out").iterdir()} == {name}


def test_a_bad_today_and_a_relative_word_out_of_place_are_usage_errors(tmp_path: Path) -> None:
    bad = run("--today", "2024-13-01", "-w", str(small_workspace(tmp_path)), "check")
    assert bad.exit_code == 2 and "--today '2024-13-01' is not a day" in bad.stderr
    word = run("-w", str(tmp_path), "classify", "--quarter", "previous")
    assert word.exit_code == 2 and "or last / this" in word.stderr  # the accepted forms


# --- -q, pipes and full disks --------------------------------------------------------------


def _with_a_terminal_for_stderr(*args: str) -> tuple[int, str, str]:
    """stdout a pipe (the data), stderr a terminal: where summaries and warnings show."""
    main, secondary = os.openpty()
    done = salescli(*args, stdout=subprocess.PIPE, stderr=secondary)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal's other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    return done.returncode, done.stdout.decode(), b"".join(chunks).decode(errors="replace")


def test_quiet_leaves_only_the_data(tmp_path: Path) -> None:
    workspace = str(small_workspace(tmp_path))
    code, out, err = _with_a_terminal_for_stderr("-w", workspace, "classify", "--quarter", "2024Q2")
    assert code == 0 and out.startswith("period,customer_id,")
    assert "Customers and amount by class" in err  # the summaries, for a person at a terminal
    assert "warning: no customers table" in err
    code, quiet_out, quiet_err = _with_a_terminal_for_stderr(
        "-q", "-w", workspace, "classify", "--quarter", "2024Q2"
    )
    assert code == 0 and quiet_out == out
    assert quiet_err == ""


def test_without_a_terminal_summaries_stay_off_stderr(tmp_path: Path) -> None:
    result = run("-w", str(small_workspace(tmp_path)), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 0
    assert "Customers and amount by class" not in result.stderr


def test_quiet_drops_the_other_sections_note(tmp_path: Path) -> None:
    workspace = str(small_workspace(tmp_path))
    loud = run("-w", workspace, "report", "--month", "2024-05")
    assert loud.exit_code == 0 and "also available with --section" in loud.stderr
    quiet = run("-q", "-w", workspace, "report", "--month", "2024-05")
    assert quiet.exit_code == 0 and quiet.stdout == loud.stdout and quiet.stderr == ""


def test_quiet_still_prints_errors(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text("", encoding="utf-8")  # a workspace, no orders
    result = run("-q", "-w", str(tmp_path), "classify", "--quarter", "2024Q2")
    assert result.exit_code == 66 and "the orders table (订单) is missing" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "table"])  # a table is printed by rich
def test_a_reader_that_closes_the_pipe_early_ends_the_run_quietly(tmp_path: Path, fmt: str) -> None:
    workspace = str(many_customers(tmp_path))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "salescli", "-w", workspace, "classify", "--quarter", "2024Q2"]
    command += ["--format", fmt]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().strip()
    process.stdout.close()  # as `| head -1` does
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0
    assert stderr == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_on_stdout_exits_73(tmp_path: Path) -> None:
    workspace = str(small_workspace(tmp_path))
    with open("/dev/full", "w") as full:
        done = salescli(
            "-w", workspace, "classify", "--quarter", "2024Q2", stdout=full, stderr=subprocess.PIPE
        )
    assert done.returncode == 73
    lines = done.stderr.decode().splitlines()
    assert lines[0] == "salescli: error: cannot write to standard output: No space left on device"
    assert "Traceback" not in done.stderr.decode()


# --- usage errors and help ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["report", "--month", "2024-05", "--format", "xls"],
            "salescli: error: --format: 'xls' is not one of 'table', 'csv', 'json'",
            "  hint: see `salescli report -h`",
        ),
        (
            ["--lang", "fr", "check"],
            "salescli: error: --lang: 'fr' is not one of 'en', 'zh'.",
            "  hint: see `salescli -h`",
        ),
        (
            ["split-targets", "--year", "2025", "--total", "120,000,000"],
            "salescli: error: --total '120,000,000': input should be a valid number",
            "  hint: write the number without thousands separators, e.g. 120000000",
        ),
        (
            ["classify", "--quartre", "2024Q2"],
            "salescli: error: No such option: --quartre (Possible options: --quarter)",
            "  hint: see `salescli classify -h`",
        ),
    ],
)
def test_usage_errors_are_one_line_and_a_hint(
    tmp_path: Path, args: list[str], message: str, hint: str
) -> None:
    result = run("-w", str(tmp_path), *args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith(message) and lines[1] == hint
    assert "╭" not in result.stderr and "Value error" not in result.stderr


def test_help_shows_flags_as_flags() -> None:
    text = run("--help").stdout
    quiet = next(line for line in text.splitlines() if "--quiet" in line)
    assert "<bool>" not in text and "Only errors" in quiet
    assert "YYYY-MM-DD" in next(line for line in text.splitlines() if "--today" in line)
    assert "<bool>" not in run("run", "--help").stdout
    assert "<path>" in run("plan-visits", "--help").stdout  # options with a value keep it


# --- init and -o templates ----------------------------------------------------------------


def test_init_writes_into_the_workspace_given_with_w(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    target = tmp_path / "sales"
    elsewhere.mkdir()
    target.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run("-w", str(target), "init").exit_code == 0
    assert (target / "salescli.toml").is_file()
    assert not (elsewhere / "salescli.toml").exists()
    other = tmp_path / "other"
    assert run("-w", str(target), "init", str(other)).exit_code == 0  # a folder given wins
    assert (other / "salescli.toml").is_file()


def test_output_templates_fill_period_command_and_today_and_make_folders(tmp_path: Path) -> None:
    workspace = small_workspace(tmp_path)
    pattern = str(tmp_path / "reports" / "{command}" / "{period}" / "classes-{today}.csv")
    result = run(
        "--today",
        "2024-07-01",
        "-w",
        str(workspace),
        "classify",
        "--quarter",
        "last",
        "-o",
        pattern,
    )
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "reports" / "classify" / "2024Q2" / "classes-2024-07-01.csv"
    assert pd.read_csv(written, encoding="utf-8-sig")["customer_id"].tolist() == ["C1", "C2"]


def test_folder_options_take_the_placeholders_too(tmp_path: Path) -> None:
    """--ics, --scorecards and --notices folders take {period}, {command} and {today} like -o
    (before, a folder literally named `{period}` was made)."""
    workspace = small_workspace(tmp_path)
    write_csv(tmp_path / "targets.csv", [["rep", "period", "target"], ["张三", "2024-05", 100]])
    write_csv(
        tmp_path / "customers.csv",
        [["客户编号", "客户名称", "销售代表", "客户分类"], ["C1", "甲", "张三", "A"]],
    )
    plan = run(
        "-w", str(workspace), "plan-visits", "--month", "2024-06",
        "--ics", str(tmp_path / "ics" / "{command}-{period}"), "-o", str(tmp_path / "plan.csv"),
    )  # fmt: skip
    assert plan.exit_code == 0, plan.stderr
    assert sorted(p.name for p in (tmp_path / "ics" / "plan-visits-2024-06").iterdir())
    cards = run(
        "-w", str(workspace), "appraise", "--month", "2024-05",
        "--scorecards", str(tmp_path / "cards" / "{period}"), "-o", str(tmp_path / "a.csv"),
    )  # fmt: skip
    assert cards.exit_code == 0, cards.stderr
    assert (tmp_path / "cards" / "2024-05" / "scorecards.xlsx").is_file()
    assert not (tmp_path / "cards" / "{period}").exists()
    notices = run(
        "-w", str(workspace), "split-targets", "--apply-to", str(tmp_path / "targets.csv"),
        "--adjustments", str(tmp_path / "targets.csv"), "--notices", str(tmp_path / "{period}"),
    )  # fmt: skip
    assert notices.exit_code == 2
    assert "--notices " in notices.stderr and "no period for {period}" in notices.stderr


def test_unknown_or_impossible_placeholders_are_refused(tmp_path: Path) -> None:
    workspace = str(small_workspace(tmp_path))
    unknown = run("-w", workspace, "classify", "--quarter", "2024Q2", "-o", "{month}.csv")
    assert unknown.exit_code == 2 and "unknown placeholder {month}" in unknown.stderr
    assert "{period}, {command} and {today}" in unknown.stderr
    no_period = run("-w", workspace, "check", "-o", str(tmp_path / "{period}.csv"))
    assert no_period.exit_code == 2 and "no period for {period}" in no_period.stderr


# --- a year the holiday package does not know yet ------------------------------------------


def test_planning_december_2026_reaches_into_2027_and_says_what_is_assumed(
    tmp_path: Path, small_company: Path
) -> None:
    # no -v and no terminal (a cron job): the assumption is still said on stderr
    result = run("-w", str(small_company), "plan-visits", "--month", "2026-12")
    assert result.exit_code == 0, result.stderr  # was 78: no holiday data for 2027
    warning = next(line for line in result.stderr.splitlines() if "2027" in line)
    assert "statutory days" in warning and "make-up working days unknown" in warning
    plan = pd.read_csv(__import__("io").StringIO(result.stdout))
    assert "2027-01-01" not in set(plan["date"])  # New Year's Day, from the holidays package
    config = tmp_path / "salescli.toml"
    config.write_text(
        (small_company / "salescli.toml")
        .read_text(encoding="utf-8")
        .replace("holidays = []", "holidays = [2027-01-01]"),
        encoding="utf-8",
    )
    told = run(
        "-v", "-w", str(small_company), "--config", str(config), "plan-visits", "--month", "2026-12"
    )
    assert told.exit_code == 0, told.stderr
    warning = next(line for line in told.stderr.splitlines() if "2027" in line)
    assert "make-up working days unknown" in warning and "statutory days" not in warning


def test_today_is_counted_in_the_policys_time_zone(tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from salescli.state import State

    days = {}
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11: never one day
        folder = tmp_path / zone.replace("/", "-")
        folder.mkdir()
        (folder / "salescli.toml").write_text(f'timezone = "{zone}"\n', encoding="utf-8")
        days[zone] = State(workspace=folder).today_date()
        assert days[zone] == datetime.now(ZoneInfo(zone)).date()
    assert days["Pacific/Kiritimati"] > days["Pacific/Pago_Pago"]
