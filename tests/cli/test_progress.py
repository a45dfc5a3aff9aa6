"""#26: progress people can see. On a terminal, a line per stage (a table's files and rows of
the whole, its check, the rules, the outputs) with a bar and the time; nothing of it when
stderr is a pipe (cron), with -q, or in the data on stdout."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from salescli import progress
from salescli.data.workspace import Workspace
from tests.helpers import set_settings

ROOT = Path(__file__).resolve().parents[2]
MONTHS = 24
LINES = 4000
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo company at 4,000 order lines, its orders as 24 monthly CSV exports."""
    from salescli.demo import write_demo

    folder = tmp_path_factory.mktemp("monthly")
    write_demo(folder, lines=LINES, csv_orders=True)
    whole = folder / "orders.csv"
    orders = pd.read_csv(whole, dtype=str, keep_default_na=False)
    month = orders["下单日期"].str[:7]
    for value in sorted(month.unique()):
        orders[month == value].to_csv(folder / f"orders-{value}.csv", index=False)
    whole.unlink()
    assert len(list(folder.glob("orders-*.csv"))) == MONTHS
    return folder


@dataclass
class Heard:
    """What a listener is told, as the terminal's would be."""

    begun: list[tuple[str, str, int, int]] = field(default_factory=list)
    advanced: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    ended: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def begin(self, stage: str, subject: str, files: int = 0, size: int = 0) -> progress.Step:
        self.begun.append((stage, subject, files, size))
        heard = self

        class Step:
            def advance(self, files: int = 0, rows: int = 0, size: int = 0) -> None:
                with heard.lock:  # the files are read side by side
                    counts = heard.advanced.setdefault((stage, subject), [0, 0, 0])
                    for i, n in enumerate((files, rows, size)):
                        counts[i] += n

            def end(self) -> None:
                heard.ended.append((stage, subject))

        return Step()


def test_reading_tells_files_rows_and_bytes_of_the_whole(monthly: Path) -> None:
    heard = Heard()
    with progress.watching(heard):
        frame = Workspace(monthly).table("orders")
    files = sorted(monthly.glob("orders-*.csv"))
    size = sum(f.stat().st_size for f in files)
    assert ("reading", "orders", MONTHS, size) in heard.begun
    # every file counted once, every row, and the bytes add up to the whole: the bar ends full
    assert heard.advanced["reading", "orders"] == [MONTHS, len(frame), size]
    assert len(frame) == LINES
    assert ("checking", "orders") in [(s, t) for s, t, _, _ in heard.begun]
    assert sorted(heard.ended) == sorted((s, t) for s, t, _, _ in heard.begun)


def test_bars_count_a_table_read_again_and_then_show_the_rules() -> None:
    """The terminal's lines, drawn into a forced terminal: a table read twice (other columns)
    counts again from nought, its check keeps the counts, and once no stage is open the
    rules' line shows (without a count: its time)."""
    import io
    import time

    from rich.console import Console

    from salescli.output.progress import Bars

    drawn = io.StringIO()
    bars = Bars("en", console=Console(file=drawn, force_terminal=True, width=120))
    with bars:
        for _ in range(2):
            with progress.stage("reading", "orders", 3, 300) as step:
                for _ in range(3):
                    step.advance(files=1, rows=10, size=100)
            with progress.stage("checking", "orders"):
                pass
        shown = [(t.description, t.completed, t.total, t.fields["counts"]) for t in bars.bars.tasks]
        assert shown == [("Checking orders", 300, 300, "3/3 files · 30 rows")]
        time.sleep(bars.IDLE * 4)
        assert [t.description for t in bars.bars.tasks][-1] == "Applying the rules"
    assert "Reading orders" in drawn.getvalue() and "3/3 files · 30 rows" in drawn.getvalue()
    with progress.stage("reading", "orders") as after:  # the bars listen no more
        assert after is progress.SILENT_STEP


def cli(workspace: Path, *args: str, terminal: bool) -> tuple[int, bytes, bytes]:
    """salescli in a process of its own, stdout a pipe, stderr a terminal (a pseudo-terminal
    of 120 columns) or a pipe (cron): exit code, stdout, stderr."""
    command = [sys.executable, "-m", "salescli", "--no-cache", "-w", str(workspace), *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    if not terminal:
        done = subprocess.run(command, capture_output=True, env=env, stdin=subprocess.DEVNULL)
        return done.returncode, done.stdout, done.stderr
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=side, stdin=subprocess.DEVNULL, env=env
    )
    os.close(side)
    shown = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the process closed the terminal
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = process.communicate(timeout=600)
    reader.join(timeout=60)
    os.close(main)
    return process.returncode, out, bytes(shown)


def test_terminal_shows_a_bar_per_stage_with_counts(monthly: Path, tmp_path: Path) -> None:
    out = tmp_path / "appraisal.xlsx"
    code, stdout, stderr = cli(
        monthly, "appraise", "--month", "2024-05", "-o", str(out), terminal=True
    )
    assert code == 0, stderr
    assert stdout == b"" and out.exists()
    text = stderr.decode("utf-8")
    plain = ANSI.sub("", text)
    assert "Reading orders" in plain and "Checking orders" in plain
    assert f"{MONTHS}/{MONTHS} files · {LINES:,} rows" in plain  # the table read whole
    assert re.search(r"Reading orders +━+ +\d+/24 files", plain), plain[-2000:]
    assert "Reading customers" in plain and "1/1 file · " in plain
    assert "━" in plain  # the bars
    assert "Writing the outputs" in plain
    # it finishes cleanly: the bars are erased, the cursor shown again, then what stays
    last = text.rindex("\x1b[?25h")
    after = ANSI.sub("", text[last:]).replace("\r", "")
    assert "━" not in after and f"wrote {out}" in after


def test_zh_terminal_says_the_stages_in_chinese(monthly: Path, tmp_path: Path) -> None:
    out = tmp_path / "classes.xlsx"
    args = ("--lang", "zh", "classify", "--quarter", "2024Q2", "-o", str(out))
    code, _, stderr = cli(monthly, *args, terminal=True)
    assert code == 0, stderr
    plain = ANSI.sub("", stderr.decode("utf-8"))
    assert "读取订单" in plain and "检查订单" in plain
    assert f"{MONTHS}/{MONTHS} 个文件 · {LINES:,} 行" in plain
    assert "Reading" not in plain and "files" not in plain


def test_cron_and_quiet_get_none_of_it(monthly: Path, tmp_path: Path) -> None:
    out = tmp_path / "appraisal.xlsx"
    args = ("appraise", "--month", "2024-05", "-o", str(out))
    code, _, piped = cli(monthly, *args, terminal=False)
    assert code == 0, piped
    assert b"\x1b" not in piped and "━".encode() not in piped
    assert b"Reading" not in piped and b"files" not in piped and b"wrote" not in piped
    code, _, quiet = cli(monthly, "-q", *args, terminal=True)
    assert code == 0, quiet
    assert quiet.strip() == b""  # -q: not a bar, not a "wrote"


def test_data_on_stdout_is_the_same_with_a_terminal_beside_it(monthly: Path) -> None:
    """The bars are on stderr and never pass the data through rich: a CSV on stdout is the
    same bytes whether stderr is a terminal or a pipe."""
    args = ("appraise", "--month", "2024-05", "--format", "csv")
    code, beside_terminal, stderr = cli(monthly, *args, terminal=True)
    assert code == 0, stderr
    assert "Reading orders" in ANSI.sub("", stderr.decode("utf-8"))
    code, piped, _ = cli(monthly, *args, terminal=False)
    assert code == 0
    assert beside_terminal == piped and piped.startswith(b"period,rep,")


@pytest.fixture(scope="module")
def from_a_source(monthly: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same company, its orders one Parquet file (dates typed as dates) that salescli.toml
    names as the table's source: a period's run fetches them by several queries."""
    import shutil

    folder = tmp_path_factory.mktemp("source") / "ws"
    shutil.copytree(monthly, folder)
    months = sorted(folder.glob("orders-*.csv"))
    lines = pd.concat(pd.read_csv(f, dtype=str, keep_default_na=False) for f in months)
    for file in months:
        file.unlink()
    for column in ("下单日期", "约定交货日期", "实际交货日期"):
        lines[column] = pd.to_datetime(lines[column]).dt.date
    for column in ("数量", "单价", "金额", "成本"):
        lines[column] = pd.to_numeric(lines[column]).astype(float)
    lines.to_parquet(folder / "orders.parquet", index=False)
    set_settings(folder / "salescli.toml", "inputs.orders", source='"orders.parquet"')
    return folder


def test_fetching_a_source_tells_its_queries_and_rows_then_its_check(from_a_source: Path) -> None:
    from datetime import date

    from salescli.data import sources
    from salescli.periods import month

    heard = Heard()
    workspace = Workspace(from_a_source)
    sources.need(workspace, month(2024, 5))
    with progress.watching(heard):
        frame = workspace.table("orders")
    fetched = workspace.fetched["orders"]
    begun = [(n, size) for s, t, n, size in heard.begun if (s, t) == ("fetching", "orders")]
    assert len(begun) == 1
    queries = begun[0][0]
    assert queries > 2  # the window's days, the undated lines, the later and the earlier
    # every query counted once, and the rows of them all: the window's lines and the edges
    assert heard.advanced["fetching", "orders"] == [queries, fetched.rows, 0]
    assert fetched.rows == len(frame) and fetched.since is not None
    assert fetched.since > date(2020, 1, 1)  # a window, not the whole table
    stages = [(s, t) for s, t, _, _ in heard.begun]
    assert stages.index(("fetching", "orders")) < stages.index(("checking", "orders"))
    assert sorted(heard.ended) == sorted(stages)


def test_bars_show_a_source_s_queries_and_rows_without_guessing_the_time_left() -> None:
    import io

    from rich.console import Console

    from salescli.output.progress import Bars

    drawn = io.StringIO()
    bars = Bars("en", console=Console(file=drawn, force_terminal=True, width=120), rules=False)
    with bars:
        with progress.stage("fetching", "orders", 4) as step:
            step.advance(files=1, rows=1_190_036)
            task = bars.bars.tasks[0]
            assert (task.description, task.fields["counts"]) == (
                "Fetching orders from its source",
                "1/4 queries · 1,190,036 rows",
            )
            assert task.total is None  # it pulses: one query can be nearly all the time
        with progress.stage("checking", "orders"):
            assert bars.bars.tasks[0].description == "Checking orders"
    zh = Bars("zh", console=Console(file=io.StringIO(), force_terminal=True), rules=False)
    with zh, progress.stage("fetching", "orders", 1) as step:
        step.advance(files=1, rows=5)
        assert zh.bars.tasks[0].description == "从数据源取订单"
        assert zh.bars.tasks[0].fields["counts"] == "1/1 条查询 · 5 行"


def test_terminal_shows_a_source_being_fetched(from_a_source: Path, tmp_path: Path) -> None:
    out = tmp_path / "appraisal.xlsx"
    code, _, stderr = cli(
        from_a_source, "appraise", "--month", "2024-05", "-o", str(out), terminal=True
    )
    assert code == 0, stderr
    plain = ANSI.sub("", stderr.decode("utf-8"))
    assert re.search(r"Fetching orders from its source .*\d/\d quer", plain), plain[-2000:]
    assert "Checking orders" in plain and "Reading orders" not in plain
