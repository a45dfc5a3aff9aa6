"""The front door (#24): what a new user types first works as the README says, global options
anywhere, a folder that is not a workspace refused with nothing written there, the crontab
line, the API's `today`, the lineage table read back by sqlite3, every section named."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import stat
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from salescli import Workspace, appraise
from salescli.errors import UsageError
from tests.helpers import run


def csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text))


# --- global options after the command ------------------------------------------------------


def test_global_options_are_taken_after_the_command_as_before_it(small_company: Path) -> None:
    before = run(
        "-w", str(small_company), "--lang", "zh", "appraise", "--month", "2024-05", "--format", "md"
    )
    after = run(
        "appraise", "--month", "2024-05", "-w", str(small_company), "--format", "md", "--lang", "zh"
    )
    assert after.exit_code == 0, after.stderr  # was: No such option: -w
    assert after.stdout == before.stdout and "销售代表" in after.stdout
    inline = run("appraise", "--month=2024-05", f"--workspace={small_company!s}", "--format", "csv")
    assert inline.exit_code == 0, inline.stderr
    assert csv(inline.stdout)["rep"].nunique() == 40


def test_run_takes_today_after_the_command(small_company: Path) -> None:
    result = run("run", "--today", "2024-07-01", "--dry-run", "-w", str(small_company))
    assert result.exit_code == 0, result.stderr  # was: No such option: --today
    assert "monthly-report 2024-06" in result.stdout and "classify 2024Q2" in result.stdout


def test_a_subcommands_option_value_is_never_taken_for_a_global_option(small_company: Path) -> None:
    # `--rep -v`: -v is the rep asked for (no such rep), not the global --verbose
    result = run("appraise", "--rep", "-v", "--month", "2024-05", "-w", str(small_company))
    assert result.exit_code == 2 and "no rep -v in 2024-05" in result.stderr


# --- a folder that is not a workspace ------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["appraise", "--month", "2024-05"],
        ["run", "--dry-run"],
        ["run"],
        ["report", "--month", "2024-05", "-o", "r.xlsx"],
        ["check"],
        ["cron"],
    ],
    ids=lambda a: "-".join(a[:2]),
)
def test_a_folder_that_is_not_a_workspace_is_refused_and_left_empty(
    tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "somewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)  # no -w: the current folder, as a new user types it
    result = run(*args)
    assert result.exit_code == 66, result.stderr
    assert f"{folder} is not a salescli workspace" in result.stderr
    assert "no salescli.toml and no exports" in result.stderr
    assert "-w DIR" in result.stderr and "`salescli init`" in result.stderr
    assert "nothing is due" not in result.stdout + result.stderr
    assert list(folder.iterdir()) == []  # no .salescli/ lock, cache or run record


def test_not_a_workspace_in_chinese(tmp_path: Path) -> None:
    result = run("--lang", "zh", "-w", str(tmp_path), "appraise", "--month", "2024-05")
    assert result.exit_code == 66
    assert "不是 salescli 工作区" in result.stderr and "salescli init" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_following_the_hint_makes_it_a_workspace_that_asks_for_its_exports(
    tmp_path: Path,
) -> None:
    """A hint is a promise: after `salescli init` the folder is a workspace, and the command
    says what it lacks (the orders), no longer that the folder is not a workspace."""
    assert run("init", str(tmp_path)).exit_code == 0
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05")
    assert result.exit_code == 66
    assert "not a salescli workspace" not in result.stderr
    assert "the targets table (目标) is missing" in result.stderr  # what it lacks, said


def test_a_folder_with_exports_but_no_settings_is_a_workspace(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_text(
        "订单编号,下单日期,客户编号,销售代表,金额\nSO1,2024-05-06,C1,张三,100\n", encoding="utf-8"
    )
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05")
    assert result.exit_code == 66 and "targets" in result.stderr  # its own problem, said
    assert "not a salescli workspace" not in result.stderr


# --- salescli cron -------------------------------------------------------------------------


def test_cron_prints_the_line_with_full_paths(small_company: Path) -> None:
    result = run("-w", str(small_company), "cron")
    assert result.exit_code == 0, result.stderr
    line = result.stdout.strip()
    found = re.fullmatch(r"0 7 \* \* \* (\S+) -w (\S+) run", line)
    assert found, line
    program, workspace = found.groups()
    assert Path(program).is_absolute() and Path(program).name == "salescli"
    assert os.stat(program).st_mode & stat.S_IXUSR  # cron can start it without a PATH
    assert workspace == str(Path(str(small_company)).resolve())
    later = run("cron", "--at", "06:30", "-w", str(small_company))
    assert later.stdout.startswith("30 6 * * * ")
    assert run("-w", str(small_company), "cron", "--at", "25:00").exit_code == 2


# --- the Python API ------------------------------------------------------------------------


def test_api_today_takes_the_day_as_iso_text(small_company: Path) -> None:
    result = appraise(
        Workspace(str(small_company)), month="last", today="2024-06-03"
    )  # was AttributeError
    assert result.period is not None and result.period.label == "2024-05"
    with pytest.raises(UsageError, match="not a day"):
        appraise(Workspace(str(small_company)), month="last", today="June 3")


# --- the lineage table and the sections named ----------------------------------------------


def test_written_at_reads_back_with_sqlite3_parse_decltypes(
    tmp_path: Path, small_company: Path
) -> None:
    database = tmp_path / "bi.db"
    result = run(
        "-w", str(small_company), "appraise", "--month", "2024-05", "-o", f"sqlite:///{database}"
    )
    assert result.exit_code == 0, result.stderr
    with closing(sqlite3.connect(database, detect_types=sqlite3.PARSE_DECLTYPES)) as con:
        (written_at,) = con.execute("SELECT written_at FROM salescli_runs").fetchone()  # raised
    assert isinstance(written_at, datetime) and written_at.tzinfo is None  # UTC, as declared
    assert abs((datetime.utcnow() - written_at).total_seconds()) < 600


def test_stdout_note_names_every_other_section_of_check(small_company: Path) -> None:
    result = run("-w", str(small_company), "check")
    note = next(line for line in result.stderr.splitlines() if "also available" in line)
    for section in ("headers", "completeness", "visit_records"):  # was: headers alone
        assert section in note
