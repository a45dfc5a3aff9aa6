"""`salescli run` under cron over a month's export dropped beside orders.csv: orders.csv is
the orders table, the new file is not read, and June waits "the orders reach 2024-05-31" for
ever. The warning that says why, and the setting that reads the file, was shown only on a
terminal or with -v: cron saw June wait, run after run. It is cron's too now, and followed,
June's appraisal is done with the month's figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.cli.test_run import only_jobs
from tests.helpers import run, set_settings, write_csv

HEADER = ["订单编号", "下单日期", "客户编号", "销售代表", "金额"]


def _workspace(folder: Path, *in_orders: list[str]) -> Path:
    """orders.csv holding `in_orders`, and June's export beside it, unread."""
    folder.mkdir()
    write_csv(folder / "orders.csv", [HEADER, *in_orders])
    write_csv(
        folder / "orders_2024-06.csv",
        [
            HEADER,
            ["SO3", "2024-06-03", "C1", "张伟", "70"],
            ["SO4", "2024-06-30", "C2", "李娜", "5"],
        ],
    )
    write_csv(
        folder / "targets.csv",
        [["rep", "period", "target"], *([r, "2024-06", 100] for r in ("张伟", "李娜"))],
    )
    only_jobs(folder, "monthly_appraisal", more='table_formats = ["json"]')
    return folder


def _june_once_followed(folder: Path, path: str, *more: str) -> dict[str, float]:
    """The warning's `path` set, the run again: June's appraisal, each rep's amount."""
    set_settings(folder / "salescli.toml", "inputs.orders", path=f'"{path}"')
    done = run("-w", str(folder), "--today", "2024-07-01", "run", *more)
    assert done.exit_code == 0, done.stderr
    assert "waits" not in done.stderr
    written = folder / "reports" / "2024-06" / "monthly-appraisal.json"
    return {r["rep"]: r["amount"] for r in json.loads(written.read_text(encoding="utf-8"))}


def test_cron_sees_why_a_month_waits_on_an_export_left_unread_and_its_setting_reads_it(
    tmp_path: Path,
) -> None:
    folder = _workspace(
        tmp_path / "ws",
        ["SO1", "2024-05-03", "C1", "张伟", "100"],
        ["SO2", "2024-05-31", "C2", "李娜", "50"],
    )
    waits = run("-w", str(folder), "--today", "2024-07-01", "run")  # no terminal: cron
    assert waits.exit_code == 0, waits.stderr
    assert "monthly-appraisal 2024-06 waits: the orders reach 2024-05-31" in waits.stderr
    said = re.search(
        r"not read: orders_2024-06\.csv .*set (\[inputs\.orders\] path = \"([^\"]+)\")",
        waits.stderr,
    )
    assert said, waits.stderr
    assert _june_once_followed(folder, said.group(2)) == {"张伟": 70.0, "李娜": 5.0}


def test_a_month_without_lines_inside_the_orders_says_under_cron_which_export_is_unread(
    tmp_path: Path,
) -> None:
    """orders.csv holds May and July, June's export lies beside it unread: June's appraisal
    is done as a month without sales, and under cron its warnings say so and name the file
    and the setting that reads it (a guard); followed, June is done again with its figures."""
    folder = _workspace(
        tmp_path / "ws",
        ["SO1", "2024-05-03", "C1", "张伟", "100"],
        ["SO5", "2024-07-31", "C2", "李娜", "9"],
    )
    empty = run("-w", str(folder), "--today", "2024-07-01", "run")
    assert empty.exit_code == 0, empty.stderr
    assert "monthly-appraisal 2024-06: orders have no line in 2024-06" in empty.stderr
    said = re.search(
        r"monthly-appraisal 2024-06: not read: orders_2024-06\.csv .*set \[inputs\.orders\] "
        r"path = \"([^\"]+)\"",
        empty.stderr,
    )
    assert said, empty.stderr
    followed = _june_once_followed(folder, said.group(1), "--since", "2024-07-01")
    assert followed == {"张伟": 70.0, "李娜": 5.0}
