"""`salescli.report` (the API) gives what `salescli report` writes: the same sections in the
same order, the same frames and the same notes; wrong inputs raise the CLI's errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from salescli import Workspace, report
from salescli.api.base import Result
from salescli.errors import NotCoveredError, UsageError
from salescli.output.tables import machine_frame
from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx


def cli_report(root: Path, out: Path, *args: str) -> tuple[dict[str, pd.DataFrame], Path]:
    """The CLI's report of `root`: its frames (-o DIR/ --format parquet) and its Markdown."""
    base = ("-w", str(root), "report", *args)  # the parsed-input cache: as a user runs it
    done = run(*base, "-o", f"{out}/parquet/", "--format", "parquet")
    assert done.exit_code == 0, done.stderr
    assert run(*base, "-o", str(out / "report.md")).exit_code == 0
    frames = {p.stem: pd.read_parquet(p) for p in (out / "parquet").glob("*.parquet")}
    return frames, out / "report.md"


def assert_same(result: Result, frames: dict[str, pd.DataFrame], markdown: Path) -> None:
    """Same sections in the same order (the Markdown's headings), same frames, same notes."""
    text = markdown.read_text(encoding="utf-8")
    head, _, notes = text.partition("\n## Notes\n\n")
    headings = [line[3:] for line in head.splitlines() if line.startswith("## ")]
    assert [table.heading("en") for table in result.output.tables] == headings
    assert set(result.tables) == set(frames)
    for table in result.output.tables:
        # the frames as the CLI's machine formats hold them (period column, declared types)
        mine = machine_frame(table, result.output)
        pd.testing.assert_frame_equal(mine, frames[table.name], check_dtype=False, obj=table.name)
    assert result.notes == [line.removeprefix("- ") for line in notes.splitlines() if line]


@pytest.mark.parametrize(
    ("kind", "period", "first"),
    [
        ("week", "2024-W19", "by_rep"),
        ("month", "2024-05", "summary"),
        ("quarter", "2024Q2", "summary"),
    ],
)
def test_demo_report_equals_the_cli(
    tmp_path: Path, kind: str, period: str, first: str, small_company: Path
) -> None:
    result = report(Workspace(small_company, cache=True), **{kind: period})
    assert_same(result, *cli_report(small_company, tmp_path, f"--{kind}", period))
    names = list(result.tables)
    assert names[0] == first and names[1] == "highlights" and len(result["highlights"])
    assert result.period is not None and result.period.label == period
    if kind == "quarter":
        assert {"class_moves", "class_summary", "appraisal"} <= set(names)
    if kind != "week":
        assert names[2] == "contributions"
    # the demo's exports drop their total rows: warnings reach the notes as in the CLI
    assert any(n.startswith("warning: ") and "total row" in n for n in result.notes)


def small(tmp_path: Path, targets: bool = True) -> Path:
    """Orders of 张三 and 李四 in April and May 2024, a customer file with classes, targets."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    rows = [
        order_row("SO1", "2024-04-08", "C1", 1000),
        order_row("SO2", "2024-05-06", "C1", 3000),
        order_row("SO3", "2024-05-07", "C2", 800, rep="李四", 区域="华南"),
        order_row("SO4", "2024-05-20", "C3", 1200, 产品类别="泵"),
    ]
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, *rows])
    write_csv(
        tmp_path / "customers.csv",
        [
            ["客户编号", "客户名称", "销售代表", "客户分类"],
            ["C1", "甲公司", "张三", "A"],
            ["C2", "乙公司", "李四", "B"],
            ["C3", "丙公司", "张三", "C"],
        ],
    )
    if targets:
        target_rows = [(rep, f"2024-{m:02d}", 5000.0) for rep in ("张三", "李四") for m in (4, 5)]
        write_csv(tmp_path / "targets.csv", [["rep", "period", "target"], *target_rows])
    (tmp_path / "salescli.toml").write_text('calendar = "cn"\n', encoding="utf-8")
    return tmp_path


def test_small_month_report_with_rep_equals_the_cli(tmp_path: Path) -> None:
    root = small(tmp_path / "ws")
    result = report(Workspace(root), month="2024-05", rep=["张三"])
    assert_same(result, *cli_report(root, tmp_path / "cli", "--month", "2024-05", "--rep", "张三"))
    assert set(result["by_rep"]["rep"]) == {"张三"}
    summary = result["summary"].set_index("figure")["current"]
    assert summary["amount"] == 5000  # the company's figures: every rep's, --rep keeps rows


def test_missing_targets_warn_as_in_the_cli(tmp_path: Path) -> None:
    root = small(tmp_path / "ws")
    write_csv(root / "targets.csv", [["rep", "period", "target"], ["张三", "2023-01", 100.0]])
    result = report(Workspace(root), month="2024-05")
    assert_same(result, *cli_report(root, tmp_path / "cli", "--month", "2024-05"))
    assert any(
        w.startswith("no targets for 2024-05; targets cover 2023-01") for w in result.warnings
    )


def test_a_month_the_orders_do_not_cover_raises_not_covered(tmp_path: Path) -> None:
    workspace = Workspace(small(tmp_path))
    with pytest.raises(NotCoveredError) as caught:
        report(workspace, month="2026-01")
    assert caught.value.exit_code == 65
    assert "no order lines in 2026-01" in caught.value.message
    assert run("-w", str(tmp_path), "report", "--month", "2026-01").exit_code == 65


def test_two_periods_or_none_raise_usage_error(tmp_path: Path) -> None:
    workspace = Workspace(small(tmp_path))
    with pytest.raises(UsageError) as caught:
        report(workspace, month="2024-05", week="2024-W19")
    assert caught.value.exit_code == 2 and "exactly one of" in caught.value.message
    with pytest.raises(UsageError):
        report(workspace)


def test_relative_week_counts_from_today(tmp_path: Path) -> None:
    from datetime import date

    result = report(Workspace(small(tmp_path)), week="last", today=date(2024, 5, 15))
    assert result.period is not None and result.period.label == "2024-W19"
    assert list(result.tables)[:2] == ["by_rep", "highlights"]
