"""Faults: unwritable output, a full disk, a run killed mid-write, two runs at once, reruns."""

from __future__ import annotations

import importlib
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest
from filelock import FileLock

from salescli.demo import write_demo
from tests.helpers import ORDER_HEADER, order_row, run, write_csv

ROOT = Path(__file__).resolve().parents[1]


def test_output_under_a_file_exits_73(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 1)])
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    result = run(
        "-w",
        str(tmp_path),
        "classify",
        "--quarter",
        "2024Q2",
        "-o",
        str(tmp_path / "blocker" / "out.csv"),
    )
    assert result.exit_code == 73 and "cannot write here" in result.stderr


def test_disk_full_exits_73(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 1)])
    result = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", "/dev/full", "--format", "csv"
    )
    assert result.exit_code == 73 and "No space left on device" in result.stderr


def _big_workspace(folder: Path) -> None:
    """300,000 order lines with a bad date each: `check` then writes a 300,000-row workbook."""
    header = ",".join(ORDER_HEADER)
    line = "SO{0},bad,C{0},x,张三,M,电机,1,1,1,,2024-05-03,2024-05-03,月结,已完成,华东,制造业"
    body = "\n".join(line.format(i) for i in range(300_000))
    (folder / "orders.csv").write_text(f"{header}\n{body}\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_killed_mid_write_keeps_the_previous_file(tmp_path: Path, sig: int) -> None:
    _big_workspace(tmp_path)
    out = tmp_path / "out" / "check.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"previous report")
    process = subprocess.Popen(
        [sys.executable, "-m", "salescli", "-w", str(tmp_path), "check", "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not list(out.parent.glob(".check.xlsx.*.part")):
        assert process.poll() is None and time.monotonic() < deadline, "never started writing"
        time.sleep(0.05)
    time.sleep(0.5)
    process.send_signal(sig)
    code = process.wait(timeout=60)
    assert code in (128 + sig, -sig)
    assert out.read_bytes() == b"previous report"
    leftovers = list(out.parent.glob(".check.xlsx.*.part"))
    if sig == signal.SIGTERM:
        assert leftovers == []  # unwound and removed
    else:
        assert len(leftovers) == 1  # nothing runs after SIGKILL: the next write removes it
        small = tmp_path / "small"
        small.mkdir()
        write_csv(small / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 1)])
        assert (
            run("-w", str(small), "classify", "--quarter", "2024Q2", "-o", str(out)).exit_code == 0
        )
        assert list(out.parent.glob(".check.xlsx.*.part")) == []


def test_a_second_run_on_a_locked_workspace_exits_75(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 1)])
    (tmp_path / "salescli.toml").write_text("lock_wait_seconds = 0.2\n", encoding="utf-8")
    (tmp_path / ".salescli").mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from filelock import FileLock\n"
                f"lock = FileLock({str(tmp_path / '.salescli' / 'lock')!r}); lock.acquire()\n"
                "print('held', flush=True); time.sleep(30)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run(
            "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / "c.csv")
        )
        assert result.exit_code == 75
        assert "another salescli run is using the workspace" in result.stderr
        assert not (tmp_path / "c.csv").exists()
    finally:
        holder.kill()
        holder.wait()
    assert (
        run(
            "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / "c.csv")
        ).exit_code
        == 0
    )
    assert FileLock(str(tmp_path / ".salescli" / "lock")).acquire(timeout=1)


COMMANDS = [
    ["classify", "--quarter", "2024Q2"],
    ["plan-visits", "--month", "2024-06"],
    ["audit-visits", "--month", "2024-05"],
    ["split-targets", "--year", "2025", "--total", "12000000"],
    ["appraise", "--quarter", "2024Q2"],
    ["report", "--month", "2024-05"],
    ["check"],
]


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_twice_gives_identical_bytes(tmp_path: Path, command: list[str]) -> None:
    workspace = tmp_path / "ws"
    write_demo(workspace, lines=3_000)
    outputs = {}
    for attempt in ("a", "b"):
        folder = tmp_path / attempt
        extra = []
        if command[0] == "plan-visits":
            extra = ["--ics", str(folder / "ics")]
        if command[0] == "appraise":
            extra = ["--scorecards", str(folder / "cards")]
        for suffix in ("xlsx", "csv", "html", "parquet"):
            result = run(
                "-w", str(workspace), *command, *extra, "-o", str(folder / f"out.{suffix}")
            )
            assert result.exit_code in (0, 65), result.stderr
        outputs[attempt] = {
            p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
        }
    assert outputs["a"].keys() == outputs["b"].keys() and len(outputs["a"]) >= 4
    for name, data in outputs["a"].items():
        assert data == outputs["b"][name], name


# --- outputs whole as a set; every writer's failure is 73 ----------------------------------


def _quarter_workspace(folder: Path, amount: int = 1) -> Path:
    rows = [ORDER_HEADER]
    rows += [
        order_row(f"SO{i}", f"2024-{m:02d}-03", f"C{i % 3}", amount)
        for i, m in enumerate(range(4, 7))
    ]
    write_csv(folder / "orders.csv", rows)
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _full_disk_after(count: int):
    """A table writer that writes `count` tables, then meets a full disk halfway through."""
    from salescli.output.machine import write_csv as real

    calls = []

    def writer(path: Path, frame, bom: bool = True) -> None:
        calls.append(path)
        if len(calls) > count:
            path.write_bytes(b"half a tab")
            raise OSError(28, "No space left on device")
        real(path, frame, bom)

    return writer


@pytest.mark.parametrize("target", ["out/", "out/classes.csv"], ids=["folder", "file-set"])
def test_a_set_of_files_on_a_full_disk_keeps_the_old_set_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """Old code: exit 73 with the first tables of the new period beside the rest of the old."""
    from dataclasses import replace

    write_module = importlib.import_module("salescli.output.write")

    _quarter_workspace(tmp_path)
    out = f"{tmp_path}/{target}"
    first = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", out, "--format", "csv"
    )
    assert first.exit_code == 0, first.stderr
    before = _snapshot(tmp_path / "out")
    assert len(before) == 3
    _quarter_workspace(tmp_path, amount=7)  # the next run has other figures
    csv_writer = replace(write_module.WRITERS["csv"], table=_full_disk_after(1))
    monkeypatch.setitem(write_module.WRITERS, "csv", csv_writer)
    failed = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", out, "--format", "csv"
    )
    assert failed.exit_code == 73, failed.stderr
    assert _snapshot(tmp_path / "out") == before  # no new table beside the old ones, no .part
    assert "cannot write the file: No space left on device" in failed.stderr
    assert "the previous output is unchanged" in failed.stderr


def test_a_new_folder_output_that_fails_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    write_module = importlib.import_module("salescli.output.write")

    _quarter_workspace(tmp_path)
    csv_writer = replace(write_module.WRITERS["csv"], table=_full_disk_after(2))
    monkeypatch.setitem(write_module.WRITERS, "csv", csv_writer)
    out = tmp_path / "reports" / "2024Q2"
    failed = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", f"{out}/")
    assert failed.exit_code == 73, failed.stderr
    assert not (tmp_path / "reports").exists()


def _xlsx_disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """XlsxWriter meets the full disk when it zips the workbook and raises its own
    FileCreateError (not an OSError) around the OSError."""
    import xlsxwriter.workbook

    def full(self) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", full)


def test_xlsx_on_a_full_disk_exits_73_with_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _quarter_workspace(tmp_path)
    out = tmp_path / "c.xlsx"
    out.write_bytes(b"last quarter's workbook")
    _xlsx_disk_full(monkeypatch)
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(out))
    assert result.exit_code == 73, result.stderr  # old code: 70, "internal error"
    assert "c.xlsx: cannot write the file: No space left on device" in result.stderr
    assert out.read_bytes() == b"last quarter's workbook"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_full_disk_inside_run_is_73_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [ORDER_HEADER]
    rows += [order_row(f"SO{m}", f"2024-{m:02d}-03", f"C{m % 3}", 10) for m in range(1, 13)]
    rows.append(order_row("SO99", "2024-12-31", "C1", 10))
    write_csv(tmp_path / "orders.csv", rows)
    jobs = "\n".join(
        f"{job} = {'true' if job == 'classify' else 'false'}"
        for job in (
            "weekly_report",
            "monthly_report",
            "monthly_appraisal",
            "visit_audit",
            "visit_plan",
            "classify",
            "quarterly_appraisal",
            "quarterly_report",
            "yearly_appraisal",
        )
    )
    (tmp_path / "salescli.toml").write_text(f"[run]\n{jobs}\n", encoding="utf-8")
    _xlsx_disk_full(monkeypatch)
    result = run("-w", str(tmp_path), "--today", "2025-01-02", "run")
    assert result.exit_code == 73, result.stderr  # old code: 70, "internal error"
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "classify 2024Q4" in result.stderr and "No space left on device" in result.stderr
    assert not list((tmp_path / "reports").rglob("*.xlsx"))


# --- usage errors, not 70 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("a{.csv", "a brace that is not a placeholder"),
        ("{today:%Y}.csv", "a placeholder takes no format: '{today:%Y}'"),
        ("{period!r}.csv", "a placeholder takes no format: '{period!r}'"),
        ("x}{period}.csv", "a brace that is not a placeholder"),
    ],
)
def test_a_target_with_a_stray_brace_or_a_format_is_a_usage_error(
    tmp_path: Path, target: str, said: str
) -> None:
    _quarter_workspace(tmp_path)
    result = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / target)
    )
    assert result.exit_code == 2, result.stderr  # old code: 70, internal error
    assert said in result.stderr and "Traceback" not in result.stderr
    assert "hint: " in result.stderr and "a literal brace is written twice" in result.stderr
    assert list(tmp_path.glob("*.csv")) == [tmp_path / "orders.csv"]


@pytest.mark.parametrize(
    ("target", "written"),
    [("a{{.csv", "a{.csv"), ("{today}-{{x}}.csv", "2025-01-02-{x}.csv")],
)
def test_following_the_brace_hint_writes_the_file(
    tmp_path: Path, target: str, written: str
) -> None:
    _quarter_workspace(tmp_path)
    out = str(tmp_path / target)
    result = run(
        "-w", str(tmp_path), "--today", "2025-01-02", "classify", "--quarter", "2024Q2", "-o", out
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / written).is_file()


# --- no injection, no leak -----------------------------------------------------------------


HOSTILE_NAMES = {
    "C1": "甲 | 999,999.00 | forged",  # a pipe used to add a cell: 999,999.00 under `rep`
    "C2": '<img src=x onerror="alert(1)">',  # raw HTML used to run where the .md is rendered
    "C3": "[点我](http://x.example) ![](http://x.example/p.png)",
    "C4": "两行\n- a forged list item",
}


def _hostile_workspace(folder: Path) -> None:
    rows = [ORDER_HEADER]
    for i, (customer, name) in enumerate(HOSTILE_NAMES.items()):
        rows.append(order_row(f"SO{i}", "2024-05-03", customer, 10 * (i + 1), 客户名称=name))
    write_csv(folder / "orders.csv", rows)


def test_markdown_cells_are_escaped_so_the_table_keeps_its_shape_and_runs_nothing(
    tmp_path: Path,
) -> None:
    from markdown_it import MarkdownIt

    _hostile_workspace(tmp_path)
    out = tmp_path / "c.md"
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html = MarkdownIt("commonmark").enable("table").render(out.read_text(encoding="utf-8"))
    assert "<img" not in html and "<a " not in html  # shown as text, never markup
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    table = html.split("<table>")[1].split("</table>")[0]
    header = len(re.findall(r"<th[ >]", table))
    rows = table.split("<tr>")[2:]
    assert header == 11 and len(rows) == 4
    assert all(len(re.findall(r"<td[ >]", row)) == header for row in rows)
    assert "甲 | 999,999.00 | forged" in table  # the whole name, in its own cell
    assert "两行<br>- a forged list item" in out.read_text(encoding="utf-8")


def test_a_notice_escapes_a_reason_that_would_forge_a_line(tmp_path: Path) -> None:
    import pandas as pd
    from markdown_it import MarkdownIt

    from salescli.output.notices import write_notices

    notice = {
        "rep": "张三",
        "period": "2025-03",
        "original_target": 1000.0,
        "target": 1200.0,
        "reason": "大客户\n- New target: 999,999.00",
        "basis": "<script>alert(1)</script>",
        "manager_approved": "2025-02-01",
        "leader_approved": "2025-02-03",
        "effective_on": "2025-03-01",
    }
    written, _ = write_notices(pd.DataFrame([notice]), tmp_path, "en")
    text = next(p for p in written if p.suffix == ".md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").render(text)
    assert html.count("New target") == 2  # its own line, and the reason's text in one item
    assert "<script>" not in html
    assert "大客户<br>- New target: 999,999.00" in text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("-1-1", "'-1-1"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("+86-10-1234-5678", "'+86-10-1234-5678"),
        ("-500", "-500"),
        ("+3.5", "+3.5"),
        ("-1,234.50", "-1,234.50"),
        ("+86 138 0013 8000", "+86 138 0013 8000"),
    ],
)
def test_csv_neutralises_every_formula_start_but_keeps_plain_numbers(
    text: str, written: str
) -> None:
    from salescli.output.safe import neutralise

    assert neutralise(text) == written


def test_a_text_cell_that_computes_is_neutralised_in_csv_and_a_number_stays_a_number(
    tmp_path: Path,
) -> None:
    import pandas as pd

    rows = [
        ORDER_HEADER,
        order_row("SO1", "2024-05-03", "C1", -500, 客户名称="-1-1"),
        order_row("SO2", "2024-05-03", "C2", 7, 客户名称="-500"),
    ]
    write_csv(tmp_path / "orders.csv", rows)
    out = tmp_path / "c.csv"
    assert (
        run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(out)).exit_code == 0
    )
    frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert set(frame["customer_name"]) == {"'-1-1", "-500"}  # old code: -1-1, a formula
    assert set(frame["amount"]) == {"-500.0", "7.0"}


def test_a_text_longer_than_an_excel_cell_is_cut_with_a_note(tmp_path: Path) -> None:
    import openpyxl
    import pandas as pd

    long_name = "长" * 40_000
    rows = [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 5, 客户名称=long_name)]
    write_csv(tmp_path / "orders.csv", rows)
    for suffix in ("xlsx", "csv"):
        out = str(tmp_path / f"c.{suffix}")
        assert run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", out).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert len(book["classes"]["B3"].value) == 32_767  # under the title line and the header
    notes = [row[0].value for row in book["notes"].iter_rows()]
    assert (
        "sheet classes, column Customer, row 3: a text of 40,000 characters was cut to "
        "Excel's limit of 32,767 (the csv, json and parquet outputs keep it whole)"
    ) in notes  # old code: cut without a word
    frame = pd.read_csv(tmp_path / "c.csv", encoding="utf-8-sig", dtype=str)
    assert frame["customer_name"].tolist() == [long_name]


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("postgresql://bob:pa#ss@/sales?host=/nonexistent", "pa#ss"),
        ("postgresql://bob@/sales?host=/nonexistent&password=s3cr3t", "s3cr3t"),
        ("postgresql://bob@/sales?password=s3cr3t&host=/nonexistent", "s3cr3t"),
        ("postgresql://bob:p%40ss%23w0rd@/sales?host=/nonexistent", "p%40ss%23w0rd"),
        ("postgresql://bob@/sales?host=/nonexistent&sslpassword=k3y&password=", "k3y"),
    ],
)
def test_a_postgresql_password_is_never_printed(tmp_path: Path, url: str, secret: str) -> None:
    _quarter_workspace(tmp_path)
    for verbose in ([], ["-v"]):
        result = run(*verbose, "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", url)
        assert result.exit_code == 73, result.stderr
        assert "cannot connect to PostgreSQL" in result.stderr
        for shown in (secret, unquote(secret), ":pa"):
            assert shown not in result.stderr + result.stdout
        assert "***" in result.stderr


def test_a_password_in_a_bad_database_setting_is_masked(tmp_path: Path) -> None:
    _quarter_workspace(tmp_path)
    (tmp_path / "salescli.toml").write_text(
        '[run]\ndatabase = "mysql://bob:s3cr3t@db/sales"\n', encoding="utf-8"
    )
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 78 and "run.database" in result.stderr
    assert "s3cr3t" not in result.stderr and "mysql://bob:***@db/sales" in result.stderr
