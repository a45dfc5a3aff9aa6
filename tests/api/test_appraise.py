"""The Python API's appraise: the CLI's figures and notes, no files written, CLI errors."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salescli import Workspace, appraise
from salescli.errors import ConfigError, MissingInputError, NotCoveredError, UsageError
from salescli.periods import parse_period
from tests.helpers import run


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, small_company: Path) -> Path:
    """A copy of the demo whose parsed-input cache the tests share (one parse, not one a
    call): `Workspace(demo, cache=True)` and the CLI read it."""
    folder = tmp_path_factory.mktemp("api") / "demo"
    shutil.copytree(small_company, folder, ignore=shutil.ignore_patterns(".salescli"))
    return folder


def _cli(folder: Path, tmp: Path, *args: str) -> tuple[pd.DataFrame, list[str]]:
    """The CLI's table (Parquet: typed) and its notes (the Markdown output's closing list)."""
    table = tmp / "cli.parquet"
    result = run("-w", str(folder), "appraise", *args, "-o", str(table))
    assert result.exit_code == 0, result.stderr
    notes_md = tmp / "cli.md"
    result = run("-w", str(folder), "appraise", *args, "-o", str(notes_md))
    assert result.exit_code == 0, result.stderr
    text = notes_md.read_text(encoding="utf-8")
    notes = [line[2:] for line in text.split("## Notes\n", 1)[1].splitlines() if line]
    return pd.read_parquet(table), notes


@pytest.mark.parametrize(
    ("args", "period"),
    [
        (("--month", "2024-05"), {"month": "2024-05"}),
        (("--quarter", "2024Q2"), {"quarter": "2024Q2"}),
    ],
)
def test_api_result_equals_cli_output(demo: Path, tmp_path: Path, args, period) -> None:
    frame, notes = _cli(demo, tmp_path, *args)
    result = appraise(Workspace(demo, cache=True), **period)
    api = result.tables["appraisal"]
    assert (frame["period"] == result.period.label).all()  # the machine formats add it first
    assert list(frame.columns) == ["period", *(c for c in api.columns if c != "period")]
    pd.testing.assert_frame_equal(
        frame[list(api.columns)].reset_index(drop=True),
        api.reset_index(drop=True),
        check_dtype=False,
    )
    assert result.notes == notes
    assert result["appraisal"] is api


def test_api_writes_nothing_without_cache(tmp_path: Path, small_company: Path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(small_company, demo, ignore=shutil.ignore_patterns(".salescli"))
    before = sorted(p.relative_to(demo) for p in demo.rglob("*"))
    appraise(Workspace(demo), year=2024, rep=["丁辉欣"])
    assert sorted(p.relative_to(demo) for p in demo.rglob("*")) == before
    appraise(Workspace(demo, cache=True), month="2024-05")
    assert (demo / ".salescli" / "cache").is_dir()


def test_api_options_and_policy(demo: Path) -> None:
    base = appraise(Workspace(demo, cache=True), month="2024/05")
    assert (
        appraise(Workspace(demo, cache=True), month=parse_period("2024-05")).period == base.period
    )
    last = appraise(Workspace(demo, cache=True), month="last", today=date(2024, 6, 3))
    assert last.period == base.period
    richer = appraise(
        Workspace(demo, cache=True, policy={"bonus": {"base": 10_000}}), month="2024年5月"
    )
    paid = base.tables["appraisal"]["bonus"].sum()
    assert paid > 0 and richer.tables["appraisal"]["bonus"].sum() == pytest.approx(2 * paid)
    explained = appraise(Workspace(demo, cache=True), quarter="2024Q2", explain="丁辉欣")
    assert list(explained.tables) == ["explain"] and len(explained.tables["explain"]) > 10


def test_api_refuses_what_the_cli_refuses(demo: Path, tmp_path: Path) -> None:
    ws = Workspace(demo, cache=True)
    with pytest.raises(NotCoveredError) as uncovered:
        appraise(ws, month="2026-01")
    assert uncovered.value.exit_code == 65
    assert "orders cover 2023-01-01..2024-12-31" in str(uncovered.value)
    with pytest.raises(UsageError):
        appraise(ws, month="2024-05", quarter="2024Q2")  # two periods
    with pytest.raises(UsageError):
        appraise(ws, month="2024-13")
    with pytest.raises(UsageError):
        appraise(ws, month="2024-05", rep=["nobody"])
    with pytest.raises(ConfigError) as wrong:
        Workspace(demo, cache=True, policy={"bonus": {"bass": 1}})
    assert wrong.value.exit_code == 78
    with pytest.raises(MissingInputError) as no_targets:
        appraise(
            Workspace(demo, cache=True, inputs={"targets": str(tmp_path / "none.csv")}),
            month="2024-05",
        )
    assert no_targets.value.exit_code == 66 and "--input targets: no file" in str(no_targets.value)
    cli = run("-w", str(demo), "appraise", "--month", "2024-05", "--input", "targets=none.csv")
    assert cli.exit_code == 66 and "no file none.csv" in cli.stderr  # was 65, "cannot read"


def test_each_result_carries_its_own_warnings(demo: Path, tmp_path: Path) -> None:
    """A second call on the same workspace still reports what reading the exports warned,
    and not the warnings of another period's call."""
    ws = Workspace(demo, cache=True, inputs={"targets": str(tmp_path / "targets.csv")})
    targets = pd.read_csv(demo / "targets.csv", encoding="utf-8-sig")
    orders = pd.read_excel(demo / "orders-2024.xlsx", header=2, engine="calamine")
    may = pd.to_datetime(orders["下单日期"], errors="coerce").dt.strftime("%Y-%m") == "2024-05"
    seller = sorted(orders.loc[may, "销售代表"].dropna().unique())[0]  # one who sold in May
    lost = (targets["rep"] == seller) & (targets["period"] == "2024-05")
    targets[~lost].to_csv(tmp_path / "targets.csv", index=False)  # a rep sells with no target
    first = appraise(ws, month="2024-05")
    second = appraise(ws, month="2024-05")
    assert first.notes == second.notes
    assert any("1 rep sold in 2024-05 but has no target" in note for note in first.notes)
    quarter = appraise(ws, quarter="2024Q2")
    assert not any("sold in 2024-05" in note for note in quarter.notes)
