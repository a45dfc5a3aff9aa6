"""Visits read from a source are fetched for the days a period's figures read (#26, #27), not
the whole history: the visit audit and the weekly report read the month's visit windows, its
ISO weeks, which may reach three days outside the month. The same figures as the visits read
whole from their CSV, byte for byte."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salescli.data import sources
from salescli.data.workspace import Workspace
from salescli.periods import month
from tests.helpers import run, set_settings

COMMANDS = [
    ["audit-visits", "--month", "2024-05"],
    ["audit-visits", "--month", "2024-05", "--by", "rep"],
    ["report", "--week", "2024-W22"],
    ["report", "--week", "2024-W19"],
]
SPILLED = date(2024, 6, 1)  # a Saturday of 2024-W22, the last week of May (Thursday the 30th)


@pytest.fixture(scope="module")
def visits_history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame, str]:
    """The demo company with its 2024 visits and the same visits three years earlier; one
    weekly (A) customer's only visit of 2024-W22 is on Saturday 1 June, after May."""
    from salescli import demo

    folder = tmp_path_factory.mktemp("visits") / "demo"
    demo.write_demo(folder, lines=3000)
    visits = pd.read_csv(folder / "visits.csv", dtype=str, keep_default_na=False)
    old = visits.copy()
    old["visit_date"] = (pd.to_datetime(old["visit_date"]) - pd.DateOffset(years=3)).dt.strftime(
        "%Y-%m-%d"
    )
    day = pd.to_datetime(visits["visit_date"])
    in_w22 = (day >= "2024-05-27") & (day <= "2024-06-02")
    customer = str(visits.loc[in_w22, "customer_id"].value_counts().index[0])
    moved = visits[in_w22 & (visits["customer_id"] == customer)].head(1).copy()
    moved["visit_date"] = SPILLED.isoformat()
    visits = visits[~(in_w22 & (visits["customer_id"] == customer))]
    lines = pd.concat([old, visits, moved], ignore_index=True)
    lines.to_csv(folder / "visits.csv", index=False)
    return folder, lines, customer


def _outputs(folder: Path, out: Path) -> dict[str, object]:
    """Each command's JSON, without where each visit was read (`file` and `row`: the CSV's
    row, or the source's), which differ by design."""
    out.mkdir()
    written = {}
    for command in COMMANDS:
        target = out / f"{'-'.join(command)}.json"
        done = run("--no-cache", "-w", str(folder), *command, "-o", str(target))
        assert done.exit_code == 0, done.stderr
        written[target.name] = _unplaced(json.loads(target.read_text(encoding="utf-8")))
    return written


def _unplaced(value: object) -> object:
    if isinstance(value, dict):
        return {k: _unplaced(v) for k, v in value.items() if k not in ("file", "row")}
    if isinstance(value, list):
        return [_unplaced(v) for v in value]
    return value


@pytest.fixture(scope="module")
def from_the_file(
    visits_history: tuple[Path, pd.DataFrame, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    return _outputs(visits_history[0], tmp_path_factory.mktemp("file") / "out")


def _lake(visits_history: tuple[Path, pd.DataFrame, str], folder: Path) -> Path:
    """The workspace, its visits a month-partitioned Parquet folder named as their source."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source, lines, _customer = visits_history
    shutil.copytree(source, folder)
    (folder / "visits.csv").unlink()
    typed = lines.copy()
    typed["visit_date"] = pd.to_datetime(typed["visit_date"]).dt.date
    months = pd.to_datetime(lines["visit_date"]).dt.strftime("%Y-%m")
    for value, part in typed.groupby(months):
        target = folder / "lake" / "visits" / f"month={value}"
        target.mkdir(parents=True)
        pq.write_table(pa.Table.from_pandas(part, preserve_index=False), target / "part-0.parquet")
    set_settings(folder / "salescli.toml", "inputs.visits", source='"lake/visits"')
    return folder


def test_visits_from_a_lake_give_the_files_figures_fetching_the_window(
    visits_history: tuple[Path, pd.DataFrame, str],
    from_the_file: dict[str, object],
    tmp_path: Path,
) -> None:
    pytest.importorskip("duckdb")
    folder = _lake(visits_history, tmp_path / "ws")
    assert _outputs(folder, tmp_path / "out") == from_the_file

    workspace = Workspace(folder)
    sources.need(workspace, month(2024, 5))
    workspace.table("visits")
    fetched = workspace.fetched["visits"]
    assert (fetched.since, fetched.until) == (date(2021, 12, 29), date(2024, 6, 3))
    lines = visits_history[1]
    days = pd.to_datetime(lines["visit_date"])
    window = int(((days >= "2021-12-29") & (days <= "2024-06-03")).sum())
    # the window's visits and, of the others, each customer's latest before and after it
    assert window < fetched.rows < len(lines)
    assert fetched.parts_read < fetched.parts_total


def test_a_visit_on_the_days_a_month_s_last_week_spills_over_is_fetched(
    visits_history: tuple[Path, pd.DataFrame, str],
    from_the_file: dict[str, object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without the three days, 1 June would be no visit of May's last window (W22): the
    weekly customer's window missed, a figure other than the file's."""
    pytest.importorskip("duckdb")
    folder = _lake(visits_history, tmp_path / "ws")
    monkeypatch.setattr(sources, "WEEK_SPILL", sources.timedelta(0))
    differs = _outputs(folder, tmp_path / "out")
    name = "audit-visits---month-2024-05.json"
    assert differs[name] != from_the_file[name]
    audited = {r["customer_id"]: r for r in from_the_file[name]["customers"]}  # type: ignore[index]
    assert "2024-W22" not in audited[visits_history[2]]["missed"]  # done on 1 June
    wrong = {r["customer_id"]: r for r in differs[name]["customers"]}  # type: ignore[index]
    assert "2024-W22" in wrong[visits_history[2]]["missed"]
