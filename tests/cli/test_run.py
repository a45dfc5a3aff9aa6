"""`salescli run`: the policy's calendar on the small generated company (orders 2023-2024),
--today pinned.

The company is copied once with its parsed-input cache warm; each test copies that copy. Only one
test runs a quarter's (and year's) whole job set; the others switch jobs off in [run].
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import run, set_settings


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory, small_company: Path) -> Path:
    folder = tmp_path_factory.mktemp("warm") / "demo"
    shutil.copytree(small_company, folder, ignore=shutil.ignore_patterns(".salescli"))
    assert run("-w", str(folder), "check", "-o", str(folder.parent / "check.csv")).exit_code == 65
    return folder


@pytest.fixture
def demo(warm: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "sales"
    shutil.copytree(warm, folder, ignore=shutil.ignore_patterns("lock", "run.json"))
    return folder


def only_jobs(workspace: Path, *jobs: str, more: str = "") -> None:
    """[run] with every job off but these (keeps a test to the jobs it is about)."""
    every = [
        "weekly_report",
        "monthly_report",
        "monthly_appraisal",
        "visit_audit",
        "visit_plan",
        "classify",
        "quarterly_appraisal",
        "quarterly_report",
        "yearly_appraisal",
    ]
    values = {j: "true" if j in jobs else "false" for j in every}
    for line in filter(None, more.splitlines()):
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip()
    set_settings(workspace / "salescli.toml", "run", **values)


def outputs(workspace: Path) -> set[str]:
    folder = workspace / "reports"
    if not folder.exists():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def top_level(workspace: Path) -> set[str]:
    """The outputs, with each folder of scorecards or calendars as one entry."""
    shown = set()
    for name in outputs(workspace):
        parts = name.split("/")
        shown.add("/".join(parts[:2]) + ("/" if len(parts) > 2 else ""))
    return shown


def record(workspace: Path) -> dict:
    return json.loads((workspace / ".salescli" / "run.json").read_text(encoding="utf-8"))


def run_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("salescli: run: ")]


def jobs_done(stderr: str) -> list[str]:
    """The jobs `run -v` says it wrote, in the order it did them."""
    lines = [line.removeprefix("salescli: run: ") for line in run_lines(stderr)]
    return [line.split(": wrote ")[0] for line in lines if ": wrote " in line]


# --- what comes due on which day ---------------------------------------------------------


def test_first_working_day_of_a_week_writes_last_weeks_report_then_nothing_twice(
    demo: Path,
) -> None:
    first = run("-w", str(demo), "--today", "2024-12-23", "run")  # a Monday
    assert first.exit_code == 0, first.stderr
    assert first.stdout == "" and first.stderr == ""  # no terminal: a success says nothing
    assert top_level(demo) == {"2024-W51/weekly-report.xlsx", "2024-W51/weekly-report.html"}
    book = openpyxl.load_workbook(demo / "reports" / "2024-W51" / "weekly-report.xlsx")
    assert "notes" in book.sheetnames and len(book.sheetnames) > 2
    stamps = {p: p.stat().st_mtime_ns for p in (demo / "reports").rglob("*.*")}
    assert record(demo)["last_run"] == "2024-12-23"
    assert list(record(demo)["done"]) == ["weekly-report 2024-W51"]

    again = run("-w", str(demo), "--today", "2024-12-23", "-v", "run")
    assert again.exit_code == 0, again.stderr
    assert run_lines(again.stderr) == [
        "salescli: run: weekly-report 2024-W51: already done on 2024-12-23, inputs unchanged"
    ]
    assert {p: p.stat().st_mtime_ns for p in (demo / "reports").rglob("*.*")} == stamps

    later = run("-w", str(demo), "--today", "2024-12-24", "run")  # not a first working day
    assert later.exit_code == 0 and outputs(demo) == {
        "2024-W51/weekly-report.xlsx",
        "2024-W51/weekly-report.html",
    }
    forced = run(
        "-w", str(demo), "--today", "2024-12-24", "run", "--force", "--since", "2024-12-23"
    )
    assert forced.exit_code == 0, forced.stderr
    assert all(p.stat().st_mtime_ns != stamp for p, stamp in stamps.items())


def test_changed_inputs_redo_the_days_jobs(demo: Path) -> None:
    only_jobs(demo, "weekly_report", more='report_formats = ["md"]')
    assert run("-w", str(demo), "--today", "2024-12-23", "run").exit_code == 0
    report = demo / "reports" / "2024-W51" / "weekly-report.md"
    stamp = report.stat().st_mtime_ns
    (demo / "targets.csv").touch()  # the same export again: nothing to redo
    assert run("-w", str(demo), "--today", "2024-12-23", "run").exit_code == 0
    assert report.stat().st_mtime_ns == stamp
    with open(demo / "targets.csv", "ab") as stream:  # an export replaced after the morning's run
        stream.write(b"\r\n")
    assert run("-w", str(demo), "--today", "2024-12-23", "run").exit_code == 0
    assert report.stat().st_mtime_ns != stamp


def test_an_edit_that_keeps_size_and_modification_time_redoes_the_jobs(demo: Path) -> None:
    """The record compares the inputs' content: a same-size edit with its mtime put back used
    to leave the morning's report (of the old figures) as done."""
    import os

    only_jobs(demo, "weekly_report", more='report_formats = ["md"]')
    assert run("-w", str(demo), "--today", "2024-12-23", "run").exit_code == 0
    report = demo / "reports" / "2024-W51" / "weekly-report.md"
    before = report.read_text(encoding="utf-8")
    targets = demo / "targets.csv"
    status = targets.stat()
    text = targets.read_bytes()
    # a December target's first digit goes up by one (1..8: the size stays)
    start = text.index(b",2024-12,") + len(b",2024-12,")
    digit = next(i for i in range(start, len(text)) if text[i : i + 1] in b"12345678")
    targets.write_bytes(text[:digit] + bytes([text[digit] + 1]) + text[digit + 1 :])
    os.utime(targets, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert targets.stat().st_size == status.st_size
    result = run("-w", str(demo), "--today", "2024-12-23", "-v", "run")
    assert result.exit_code == 0, result.stderr
    assert "already done" not in result.stderr
    assert report.read_text(encoding="utf-8") != before


def test_a_done_entry_of_the_wrong_shape_is_left_out_and_the_job_redone(demo: Path) -> None:
    only_jobs(demo, "weekly_report", more='report_formats = ["md"]')
    assert run("-w", str(demo), "--today", "2024-12-23", "run").exit_code == 0
    saved = record(demo)
    saved["done"]["weekly-report 2024-W51"] = "done"  # a string: used to be exit 70
    saved["done"]["classify 2024Q3"] = {"done_on": 5}
    (demo / ".salescli" / "run.json").write_text(json.dumps(saved), encoding="utf-8")
    result = run("-w", str(demo), "--today", "2024-12-23", "run")
    assert result.exit_code == 0, result.stderr
    assert "the record of 'weekly-report 2024-W51' cannot be read" in result.stderr
    assert "the job is done again when it is due" in result.stderr
    assert isinstance(record(demo)["done"]["weekly-report 2024-W51"], dict)  # rebuilt
    assert "classify 2024Q3" not in record(demo)["done"]
    again = run("-w", str(demo), "--today", "2024-12-23", "run")
    assert again.exit_code == 0 and again.stderr == ""


@pytest.mark.parametrize(
    "text", ['"a string"', "[]", '{"done": [], "last_run": null}', '{"pending": ["x"]}']
)
def test_a_record_of_the_wrong_shape_is_refused_with_a_hint(demo: Path, text: str) -> None:
    (demo / ".salescli").mkdir(exist_ok=True)
    (demo / ".salescli" / "run.json").write_text(text, encoding="utf-8")
    result = run("-w", str(demo), "--today", "2024-12-02", "run")
    assert result.exit_code == 65, result.stderr
    assert "record of earlier runs cannot be read" in result.stderr and "delete it" in result.stderr


def test_first_working_day_of_a_month(demo: Path) -> None:
    result = run("-w", str(demo), "--today", "2024-12-02", "run")  # a Monday, the 1st a Sunday
    assert result.exit_code == 0, result.stderr
    assert top_level(demo) == {
        "2024-W48/weekly-report.xlsx",
        "2024-W48/weekly-report.html",
        "2024-11/monthly-report.xlsx",
        "2024-11/monthly-report.html",
        "2024-11/monthly-appraisal.xlsx",
        "2024-11/visit-audit.xlsx",
        "2024-12/visit-plan.xlsx",
        "2024-12/calendars/",
    }
    calendars = list((demo / "reports" / "2024-12" / "calendars").glob("*.ics"))
    assert calendars and calendars[0].read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_first_working_day_of_a_quarter_and_a_year(demo: Path) -> None:
    result = run("-w", str(demo), "--today", "2025-01-02", "-v", "run")  # 1 January a holiday
    assert result.exit_code == 0, result.stderr
    assert top_level(demo) == {
        "2024Q4/classify.xlsx",
        "2024-12/monthly-report.xlsx",
        "2024-12/monthly-report.html",
        "2024-12/monthly-appraisal.xlsx",
        "2024-12/visit-audit.xlsx",
        "2025-01/visit-plan.xlsx",
        "2025-01/calendars/",
        "2024Q4/quarterly-report.xlsx",
        "2024Q4/quarterly-report.html",
        "2024Q4/quarterly-appraisal.xlsx",
        "2024Q4/scorecards/",
        "2024/yearly-appraisal.xlsx",
    }
    assert "2024Q4/scorecards/scorecards.xlsx" in outputs(demo)
    done = jobs_done(result.stderr)
    assert done == [  # the classification first: it feeds the new month's visit plan
        "classify 2024Q4",
        "monthly-report 2024-12",
        "monthly-appraisal 2024-12",
        "visit-audit 2024-12",
        "visit-plan 2025-01",
        "quarterly-report 2024Q4",
        "quarterly-appraisal 2024Q4",
        "yearly-appraisal 2024",
    ]
    sheets = openpyxl.load_workbook(demo / "reports" / "2024Q4" / "quarterly-report.xlsx")
    assert "appraisal" in sheets.sheetnames and "class_moves" in sheets.sheetnames


def test_dry_run_lists_a_quarter_day_in_order_and_writes_nothing(demo: Path) -> None:
    result = run("-w", str(demo), "--today", "2024-10-08", "run", "--dry-run")  # after 国庆
    assert result.exit_code == 0, result.stderr
    keys = [line.split("  ")[1] for line in result.stdout.splitlines()]
    assert keys == [
        "weekly-report 2024-W40",
        "classify 2024Q3",
        "monthly-report 2024-09",
        "monthly-appraisal 2024-09",
        "visit-audit 2024-09",
        "visit-plan 2024-10",
        "quarterly-report 2024Q3",
        "quarterly-appraisal 2024Q3",
    ]
    assert "2024-10-08 is the first working day of 2024Q4" in result.stdout
    assert "-> reports/2024Q3/quarterly-report.xlsx, reports/2024Q3/quarterly-report.html" in (
        result.stdout
    )
    assert not (demo / "reports").exists() and not (demo / ".salescli" / "run.json").exists()


def test_a_first_run_does_only_what_is_due_today(demo: Path) -> None:
    # 2 January was the first working day of 2025; a first run on the 3rd starts from today
    result = run("-w", str(demo), "--today", "2025-01-03", "run", "--dry-run")
    assert result.stdout == "nothing is due on 2025-01-03\n"
    backfill = run(
        "-w", str(demo), "--today", "2025-01-03", "run", "--dry-run", "--since", "2025-01-02"
    )
    assert "2025-01-02  yearly-appraisal 2024  due" in backfill.stdout
    assert len(backfill.stdout.splitlines()) == 8


def test_due_days_in_a_year_chinese_calendar_does_not_know_use_the_same_calendar(
    demo: Path,
) -> None:
    result = run("-v", "-w", str(demo), "--today", "2027-01-04", "run", "--dry-run")
    assert result.exit_code == 0, result.stderr  # 1 January 2027 is a holiday (`holidays`)
    assert "2027-01-04  yearly-appraisal 2026  waiting" in result.stdout
    assert "2027 is not in the chinese-calendar package yet" in result.stderr


# --- catching up, waiting, failing -------------------------------------------------------


def test_a_run_after_a_gap_catches_up_every_missed_period_in_order(demo: Path) -> None:
    only_jobs(demo, "weekly_report", "monthly_report", more='report_formats = ["md"]')
    assert run("-w", str(demo), "--today", "2024-11-25", "run").exit_code == 0
    assert outputs(demo) == {"2024-W47/weekly-report.md"}
    # the machine is off from 26 November to 16 December
    result = run("-w", str(demo), "--today", "2024-12-17", "-v", "run")
    assert result.exit_code == 0, result.stderr
    done = jobs_done(result.stderr)
    assert done == [
        "weekly-report 2024-W48",
        "monthly-report 2024-11",
        "weekly-report 2024-W49",
        "weekly-report 2024-W50",
    ]
    assert record(demo)["last_run"] == "2024-12-17"


def test_a_period_whose_orders_do_not_reach_its_end_waits(demo: Path) -> None:
    only_jobs(demo, "weekly_report", "monthly_report", "visit_plan")
    result = run("-w", str(demo), "--today", "2025-02-05", "run")  # after the Spring Festival
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "salescli: warning: weekly-report 2025-W05 waits: the orders reach 2024-12-31, "
        "not 2025-02-02 yet (tried again next run)",
        "salescli: warning: monthly-report 2025-01 waits: the orders reach 2024-12-31, "
        "not 2025-01-31 yet (tried again next run)",
    ]
    assert top_level(demo) == {"2025-02/visit-plan.xlsx", "2025-02/calendars/"}
    assert [p["period"] for p in record(demo)["pending"]] == ["2025-W05", "2025-01"]
    quiet = run("-q", "-w", str(demo), "--today", "2025-02-06", "run")
    assert quiet.exit_code == 0 and quiet.stderr == ""  # still waiting, and -q says nothing
    later = run("-w", str(demo), "--today", "2025-02-06", "run", "--dry-run")
    assert "2025-02-05  monthly-report 2025-01  waiting" in later.stdout  # tried again


def test_jobs_are_independent_and_the_exit_code_is_the_first_failures(demo: Path) -> None:
    only_jobs(demo, "visit_audit", "visit_plan", more="ics = false")
    (demo / "visits.csv").unlink()
    result = run("-w", str(demo), "--today", "2024-12-02", "run")
    assert result.exit_code == 66
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("salescli: error: visit-audit 2024-11: the visits table")
    assert "(hint: " in lines[0]
    assert top_level(demo) == {"2024-12/visit-plan.xlsx"}  # the plan did not wait for the audit
    assert [p["job"] for p in record(demo)["pending"]] == ["visit-audit"]


def test_run_settings_choose_the_folder_and_formats(demo: Path) -> None:
    only_jobs(demo, "monthly_appraisal", more='folder = "out/{period}/"\ntable_formats = ["csv"]')
    assert run("-w", str(demo), "--today", "2024-12-02", "run").exit_code == 0
    assert (demo / "out" / "2024-11" / "monthly-appraisal.csv").is_file()


def test_the_runs_language_reaches_its_jobs_and_only_their_outputs_are_recorded(
    demo: Path, tmp_path: Path
) -> None:
    only_jobs(demo, "monthly_appraisal", more='table_formats = ["md"]')
    templates = tmp_path / "templates"  # a folder of the run's options, not a job's output
    templates.mkdir()
    result = run(
        "--lang", "zh", "--template-dir", str(templates), "-w", str(demo), "--today",
        "2024-12-02", "run",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = demo / "reports" / "2024-11" / "monthly-appraisal.md"
    assert written.read_text(encoding="utf-8").startswith("# 2024-11 销量考核\n")
    assert record(demo)["done"]["monthly-appraisal 2024-11"]["outputs"] == [
        "reports/2024-11/monthly-appraisal.md"
    ]


def test_a_folder_without_period_is_refused(demo: Path) -> None:
    only_jobs(demo, "monthly_appraisal", more='folder = "reports"')
    result = run("-w", str(demo), "--today", "2024-12-02", "run")
    assert result.exit_code == 78 and "run.folder" in result.stderr


def test_an_unreadable_record_is_refused_with_a_hint(demo: Path) -> None:
    (demo / ".salescli").mkdir(exist_ok=True)
    (demo / ".salescli" / "run.json").write_text("{not json", encoding="utf-8")
    result = run("-w", str(demo), "--today", "2024-12-02", "run")
    assert result.exit_code == 65
    assert "record of earlier runs cannot be read" in result.stderr and "delete it" in result.stderr


def test_since_after_today_is_a_usage_error(demo: Path) -> None:
    result = run("-w", str(demo), "--today", "2024-12-02", "run", "--since", "2024-12-05")
    assert result.exit_code == 2 and "after today" in result.stderr


def test_two_runs_never_interleave(demo: Path) -> None:
    from filelock import FileLock

    only_jobs(demo, "monthly_appraisal")
    set_settings(demo / "salescli.toml", "", lock_wait_seconds="0.2")
    (demo / ".salescli").mkdir(exist_ok=True)
    with FileLock(str(demo / ".salescli" / "lock")):
        result = run("-w", str(demo), "--today", "2024-12-02", "run")
    assert result.exit_code == 75 and "another salescli run" in result.stderr
    assert not (demo / "reports").exists()
