"""`salescli.split_targets` gives what `salescli split-targets` writes: the same tables, the
same notes, the same notices; and refuses what the command refuses, with the same errors."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from salescli import Workspace, split_targets
from salescli.errors import EXIT_DATA, EXIT_USAGE, NotCoveredError, UsageError
from salescli.output.tables import machine_frame
from tests.helpers import ORDER_HEADER, order_row, run, set_settings, unescape, write_csv

DEMO = str(Path(__file__).resolve().parents[2] / "examples" / "demo")


def cli(folder: str, tmp_path: Path, *args: str) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The command's tables (parquet, one file per section) and notes (Markdown's list). It
    caches the parsed exports as the CLI does by default (the API's `cache=True`)."""
    tables = tmp_path / "cli-tables"
    command = ["-w", folder, "split-targets", *args, "-o"]
    written = run(*command, f"{tables}/", "--format", "parquet")
    assert written.exit_code == 0, written.stderr
    assert run(*command, f"{tables}.md").exit_code == 0
    frames = {p.stem: pd.read_parquet(p) for p in tables.glob("*.parquet")}
    markdown = Path(f"{tables}.md").read_text(encoding="utf-8")
    notes = markdown.split("\n## Notes\n", 1)[1]
    return frames, [unescape(line[2:]) for line in notes.splitlines() if line.startswith("- ")]


def assert_same(result, frames: dict[str, pd.DataFrame], notes: list[str]) -> None:
    assert sorted(result.tables) == sorted(frames)
    for name, frame in result.tables.items():
        table = result.output.table(name)
        # what the CLI wrote is the API's frame as machine formats hold it ...
        pd.testing.assert_frame_equal(machine_frame(table, result.output), frames[name])
        # ... and the frame itself holds the same values in the same rows
        columns = [c for c in frame.columns if c in frames[name].columns]
        assert len(columns) >= len(frame.columns) - 1  # at most `period` moved aside
        for column in columns:
            mine, theirs = frame[column].reset_index(drop=True), frames[name][column]
            if pd.api.types.is_datetime64_any_dtype(mine):
                theirs = pd.to_datetime(theirs).astype(mine.dtype)
            pd.testing.assert_series_equal(mine, theirs, check_dtype=False)
    assert result.notes == notes


def targets_workspace(folder: Path) -> Path:
    """A workspace with targets for May and June, and four requests: a month and a quarter
    applied, one without basis and one without the leader's approval rejected."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "targets.csv",
        [
            ["销售代表", "期间", "目标"],
            ["张三", "2024-04", "900"],
            ["张三", "2024-05", "1000"],
            ["张三", "2024-06", "1100"],
            ["李四", "2024-05", "800"],
            ["王五", "2024-05", "500"],
        ],
    )
    write_csv(
        folder / "requests.csv",
        [
            ["销售代表", "期间", "调整后目标", "调整原因", "调整依据", "经理审核", "领导审批"],
            ["张三", "2024-05", "1200", "大客户追加订单", "合同", "是", "2024-05-10"],
            ["张三", "2024Q2", "3300", "新项目", "项目书", "是", "张总"],
            ["李四", "2024-05", "700", "市场下滑", "", "是", "是"],
            ["王五", "2024-05", "600", "新客户", "客户函", "是", ""],
        ],
        encoding="gbk",
    )
    return folder


@pytest.mark.parametrize(
    ("year", "by", "flags"),
    [
        (2025, "rep", []),  # the workspace's requests are for 2024: ignored, said so
        (2024, ["region", "rep"], ["--by", "region,rep"]),  # a list for the CLI's string
    ],
)
def test_a_years_split_is_what_the_command_writes(
    tmp_path: Path, year: int, by: str | list[str], flags: list[str], small_company: Path
) -> None:
    # 2024 on the demo: "2 of 5 adjustment requests applied" is the demo's count (on the small
    # company one of the two approved requests finds no target to adjust)
    folder = DEMO if year == 2024 else str(small_company)
    frames, notes = cli(folder, tmp_path, "--year", str(year), "--total", "120000000", *flags)
    result = split_targets(Workspace(folder, cache=True), year=year, total=120_000_000, by=by)
    assert_same(result, frames, notes)
    assert result.period is not None and result.period.label == str(year)
    assert result.files == []
    split = result["targets"]["original_target" if year == 2024 else "target"]
    assert split.sum() == 120_000_000
    if year == 2024:
        assert {"rep", "region"} <= set(result["pivot"].columns)
        assert "2 of 5 adjustment requests applied" in " ".join(result.notes)
    else:
        assert "warning: 5 adjustment requests are for other years: ignored" in result.notes


def test_applying_adjustments_and_writing_notices_is_what_the_command_does(
    tmp_path: Path,
) -> None:
    folder = targets_workspace(tmp_path / "ws")
    notices = tmp_path / "notices"
    given = ["--apply-to", str(folder / "targets.csv"), "--adjustments"]
    frames, notes = cli(
        str(folder), tmp_path, *given, str(folder / "requests.csv"), "--notices", str(notices)
    )
    by_cli = {p.name: p.read_bytes() for p in notices.iterdir()}
    for path in notices.iterdir():
        path.unlink()

    result = split_targets(
        Workspace(folder),
        apply_to=folder / "targets.csv",
        adjustments=str(folder / "requests.csv"),
        notices=notices,
    )
    assert_same(result, frames, notes)
    assert result.files == [notices / "张三.md", notices / "张三.html"]
    assert {p.name: p.read_bytes() for p in notices.iterdir()} == by_cli
    adjusted = result["targets"].set_index("period")
    # May set to 1200, then the quarter's 3300 spread over 900:1200:1100 in whole yuan
    assert adjusted.query("rep == '张三'")["target"].to_dict() == {
        "2024-04": 928.0,
        "2024-05": 1238.0,
        "2024-06": 1134.0,
    }
    assert list(result["adjustments"]["status"]) == ["applied", "applied", "rejected", "rejected"]
    assert result["notices"]["files"].tolist() == ["张三.md, 张三.html"] * 2


def test_a_year_as_text_or_relative_to_today_is_that_year(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    write_csv(
        folder / "orders.csv",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-03-03", "C1", 300),
            order_row("SO2", "2024-07-04", "C2", 100, rep="李四"),
        ],
    )
    ws = Workspace(folder)
    number = split_targets(ws, year=2025, total=1200)
    for year in ("2025", "this"):
        text = split_targets(ws, year=year, total=1200, today=date(2025, 2, 1))
        pd.testing.assert_frame_equal(text["targets"], number["targets"])
    per_rep = number["targets"].groupby("rep")["target"].sum().to_dict()
    assert per_rep == {"张三": 900.0, "李四": 300.0}  # 2024's 3:1


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"year": 2025, "total": -1}, "total=-1 is not a positive amount"),
        ({"year": 2025, "total": math.nan}, "is not a positive amount"),
        ({"year": 2025, "total": 0}, "is not a positive amount"),
        ({"year": 2025, "total": 1000, "unit": 0}, "unit=0 is not a positive number"),
        ({"year": 2025, "total": 1000, "by": ["region", "team"]}, "is not a list of levels"),
        ({"year": 2025, "total": 1000, "by": ["rep", "rep"]}, "is not a list of levels"),
        ({"year": 2025, "total": 1000, "by": []}, "is not a list of levels"),
        ({"total": 1000}, "give year= and total="),
        ({"year": 2025}, "give year= and total="),
        ({}, "give year= and total="),
        ({"year": 2025, "total": 1000, "notices": "n"}, "notices= needs apply_to="),
        ({"year": "next year", "total": 1000}, "next year"),
    ],
)
def test_wrong_arguments_are_refused_as_the_cli_refuses_them(
    tmp_path: Path, options: dict, says: str
) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    write_csv(folder / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-03-03", "C1", 300)])
    with pytest.raises(UsageError) as refused:
        split_targets(Workspace(folder), **options)
    assert refused.value.exit_code == EXIT_USAGE
    assert says in str(refused.value)
    assert not (folder / "n").exists()


def test_a_year_after_one_without_sales_is_refused_with_65(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    write_csv(folder / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-03-03", "C1", 300)])
    with pytest.raises(NotCoveredError) as refused:
        split_targets(Workspace(folder), year=2026, total=1_000_000)
    assert refused.value.exit_code == EXIT_DATA
    assert "no order lines in 2025" in str(refused.value)
    by_cli = run("-w", str(folder), "split-targets", "--year", "2026", "--total", "1000000")
    assert by_cli.exit_code == EXIT_DATA and str(refused.value) in by_cli.stderr
    equal = split_targets(Workspace(folder), year=2026, total=1_200_000, basis="equal")
    assert equal["targets"]["target"].tolist() == [100_000.0] * 12
    assert "warning: no order lines in 2025" in " ".join(equal.notes)


def test_weights_that_give_nobody_a_share_are_refused_saying_what_the_orders_cover(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    write_csv(folder / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-03-03", "C1", 300)])
    write_csv(folder / "weights.csv", [["rep", "weight"], ["张三", "0"]])
    with pytest.raises(UsageError) as refused:
        split_targets(Workspace(folder), year=2025, total=1000, weights=folder / "weights.csv")
    assert "every member has weight 0 in the weights file" in str(refused.value)
    assert refused.value.hint is not None
    assert refused.value.hint.endswith("(orders cover 2024-03-03..2024-03-03)")


def _new_rep_and_an_empty_month(folder: Path) -> Path:
    """张三 sells every month of 2023 but February; 李四 starts in 2024."""
    rows, n = [ORDER_HEADER], 0
    for year in (2023, 2024):
        for number in range(1, 13):
            if (year, number) == (2023, 2):
                continue
            for rep in ["张三"] if year == 2023 else ["张三", "李四"]:
                n += 1
                day = f"{year}-{number:02d}-10"
                rows.append(order_row(f"SO{n}", day, f"C-{rep}", 1000, rep=rep))
    folder.mkdir()
    write_csv(folder / "orders.csv", rows)
    return folder


def test_a_share_of_0_is_no_target_left_out_loudly_and_appraise_reads_the_split(
    tmp_path: Path,
) -> None:
    """A rep without last year's sales and a month without them get a share of 0. A target of
    0 is refused by appraise (attainment would be infinite), so split-targets used to write a
    table its own next step refused (65). The rep-months without a target are left out of the
    table, said on stderr even in a pipe, and --strict refuses them."""
    folder = _new_rep_and_an_empty_month(tmp_path / "ws")
    split = ["-w", str(folder), "split-targets", "--year", "2024", "--total", "1100000"]
    written = run(*split, "-o", str(folder / "targets.csv"))
    assert written.exit_code == 0, written.stderr
    targets = pd.read_csv(folder / "targets.csv", encoding="utf-8-sig")
    assert (targets["target"] > 0).all()
    assert sorted(set(targets["rep"])) == ["张三"]
    assert "2024-02" not in set(targets["period"])
    assert targets["target"].sum() == 1_100_000  # the total is shared by the months that have one
    assert "李四 (every month)" in written.stderr and "张三 (2024-02)" in written.stderr
    # the split is what appraise reads: 李四 has no attainment, said so; 张三's is right
    appraised = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert appraised.exit_code == 0, appraised.stderr
    # the hint followed: 李四 included takes the average share; February still has none
    included = run(*split, "--include", "李四", "-o", str(tmp_path / "included.csv"))
    assert included.exit_code == 0, included.stderr
    with_li = pd.read_csv(tmp_path / "included.csv", encoding="utf-8-sig")
    assert sorted(set(with_li["rep"])) == ["张三", "李四"] and (with_li["target"] > 0).all()
    assert with_li["target"].sum() == 1_100_000 and "2024-02" not in set(with_li["period"])
    assert "张三 (2024-02), 李四 (2024-02)" in included.stderr
    # the orders begin 2023-01-10 (said, tests/data/test_orders_begin.py): the first sale
    set_settings(folder / "salescli.toml", "checks", orders_begin='"first-sale"')
    strict = run("--strict", *split, "-o", str(tmp_path / "strict.csv"))
    assert strict.exit_code == EXIT_DATA and "no target" in strict.stderr
    assert not (tmp_path / "strict.csv").exists()
