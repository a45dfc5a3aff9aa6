"""Known gaps in reading the targets: a rep's name or id written as a hand or another system
writes it (an ideographic space after it, full-width letters, Excel's text apostrophe before
an id) in either layout of the targets (a row per target, or the months as columns in a
年度目标分解表). Each was a possible exit 0 with a wrong figure: a target lost for a rep who
sold, or counted for a rep "not in the orders". Both layouts read a rep as the other tables
do (values.fold_names), so the same file gives the same targets whichever way it is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import run, write_csv, write_xlsx

ORDERS = [
    ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
    ["SO1", "2024-05-06", "KH001", "张伟", 30000],
    ["SO2", "2024-05-07", "KH002", "00123", 20000],
    ["SO3", "2024-05-08", "KH003", "ABC", 10000],
    ["SO4", "2024-05-09", "KH004", "Li Na", 5000],
]
MONTHS = range(1, 7)
Targets = list[tuple[str, float]]  # (the rep as written, the target of each month)


def months_as_columns(folder: Path, targets: Targets) -> None:
    """A 年度目标分解表: the title, 销售代表 | 1月 … 6月, a rep a row (xlsx, sheet 华东)."""
    rows: list[list] = [["2024年度销售目标分解表"], ["销售代表", *[f"{m}月" for m in MONTHS]]]
    rows += [[rep, *[target] * len(MONTHS)] for rep, target in targets]
    write_xlsx(folder / "targets.xlsx", rows, sheet="华东")


def row_per_target(folder: Path, targets: Targets) -> None:
    """销售代表 | 月份 | 目标, a row per rep and month (xlsx, sheet 华东)."""
    rows: list[list] = [["销售代表", "月份", "目标"]]
    rows += [[rep, f"2024-{m:02d}", target] for rep, target in targets for m in MONTHS]
    write_xlsx(folder / "targets.xlsx", rows, sheet="华东")


def row_per_target_gbk(folder: Path, targets: Targets) -> None:
    """The same rows as a GBK CSV, as a Chinese Excel saves it."""
    rows: list[list] = [["销售代表", "月份", "目标"]]
    rows += [[rep, f"2024-{m:02d}", target] for rep, target in targets for m in MONTHS]
    write_csv(folder / "targets.csv", rows, encoding="gbk")


LAYOUTS: list[Callable[[Path, Targets], None]] = [
    months_as_columns,
    row_per_target,
    row_per_target_gbk,
]


def appraised(folder: Path, targets: Targets, layout: Callable[[Path, Targets], None]):
    layout(folder, targets)
    write_csv(folder / "orders.csv", ORDERS)
    return run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")


def figures(result) -> dict[str, tuple[float | None, float]]:
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return {r["rep"]: (r["target"], r["amount"]) for r in json.loads(result.stdout)}


def refused(result, *words: str) -> str:
    assert result.exit_code == 65, (result.exit_code, result.stdout, result.stderr)
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    return result.stderr


# ------------------------------------------------------------------ 1-2. a rep as it is written

WRITTEN = {
    "an ideographic space after the name": ("张伟\u3000", "张伟"),
    "spaces of both kinds around it": ("\u3000 张伟 ", "张伟"),
    "Excel's text apostrophe before an id": ("'00123", "00123"),
    "full-width letters": ("ＡＢＣ", "ABC"),
    "full-width letters and space": ("Ｌｉ\u3000Ｎａ", "Li Na"),
}
SOLD = {"张伟": 30000.0, "00123": 20000.0, "ABC": 10000.0, "Li Na": 5000.0}
TARGET = {"张伟": 50000.0, "00123": 40000.0, "ABC": 30000.0, "Li Na": 10000.0}


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("how", list(WRITTEN))
def test_a_rep_written_otherwise_in_the_targets_keeps_its_target(
    tmp_path: Path, layout: Callable[[Path, Targets], None], how: str
) -> None:
    """In the months-as-columns sheet `'00123`, `ＡＢＣ` stayed as written: the rep who sold
    had no target (no attainment, no bonus) and the target went to a rep "not in the
    orders", exit 0. Each rep is read as the orders name it, in every layout."""
    written, rep = WRITTEN[how]
    targets = [(written if r == rep else r, t) for r, t in TARGET.items()]
    got = figures(appraised(tmp_path, targets, layout))
    assert got == {r: (TARGET[r], SOLD[r]) for r in TARGET}


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_a_rep_written_twice_alike_is_read_once(
    tmp_path: Path, layout: Callable[[Path, Targets], None]
) -> None:
    """`ＡＢＣ` and `ABC` with the same targets: one rep, the target read once (never
    summed: 2 × 30,000 is not the target), with a warning naming both rows."""
    targets = [*TARGET.items(), ("ＡＢＣ", TARGET["ABC"])]
    result = appraised(tmp_path, targets, layout)
    assert figures(result) == {r: (TARGET[r], SOLD[r]) for r in TARGET}
    assert "read once, not summed" in result.stderr and "ABC" in result.stderr


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_a_rep_written_twice_with_two_targets_is_refused_naming_both_rows(
    tmp_path: Path, layout: Callable[[Path, Targets], None]
) -> None:
    """`ABC` 30,000 and `ＡＢＣ` 35,000: which is the target is the user's to say; both rows
    are named (rows 5 and 7 in the months as columns, under the title and the header). The
    hint followed (the wrong row deleted), the targets are read."""
    targets = [*TARGET.items(), ("ＡＢＣ", 35000.0)]
    stderr = refused(appraised(tmp_path, targets, layout), "targets", "ABC", "30000, 35000")
    rows = "rows 5, 7" if layout is months_as_columns else "rows 14, 26"
    assert rows in stderr and "delete the other" in stderr, stderr
    kept = [(r, t) for r, t in targets if r != "ABC"]  # ＡＢＣ 35,000 is the right one
    got = figures(appraised(tmp_path, kept, layout))
    assert got == {r: (35000.0 if r == "ABC" else TARGET[r], SOLD[r]) for r in TARGET}


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "written", ["张\u3000伟", "张 伟", "张\u3000\u3000伟"], ids=["ideographic", "ascii", "two"]
)
def test_a_two_character_name_padded_to_three_keeps_its_target(
    tmp_path: Path, layout: Callable[[Path, Targets], None], written: str
) -> None:
    """A Chinese roster pads a two-character name to the width of three (`张　伟`, an
    ideographic space between): the CRM's orders write 张伟. The padded rep's target went to
    a rep "not in the orders" and 张伟 sold with none, exit 0. A space between two Chinese
    characters is no part of a name; `Li Na`'s is."""
    targets = [(written if r == "张伟" else r, t) for r, t in TARGET.items()]
    got = figures(appraised(tmp_path, targets, layout))
    assert got == {r: (TARGET[r], SOLD[r]) for r in TARGET}


def test_a_padded_name_in_the_orders_is_the_targets_rep(tmp_path: Path) -> None:
    """The other way round: the orders (a hand-kept sheet) pad 张　伟, the targets say 张伟."""
    orders = [[("张\u3000伟" if v == "张伟" else v) for v in row] for row in ORDERS]
    row_per_target(tmp_path, list(TARGET.items()))
    write_csv(tmp_path / "orders.csv", orders, encoding="gbk")
    got = figures(run("-w", str(tmp_path), "appraise", "--month", "2024-05", "--format", "json"))
    assert got == {r: (TARGET[r], SOLD[r]) for r in TARGET}


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_one_rep_spelled_in_two_cases_in_the_targets_is_refused(
    tmp_path: Path, layout: Callable[[Path, Targets], None]
) -> None:
    """`ABC` and `abc` both with targets: the orders' ABC matched one, and the other's target
    counted for a rep "not in the orders" (its 40,000 in the team's target, no sales), exit
    0. The targets name one rep two ways: refused naming both and their rows. The hint
    followed (one spelling), the target is read."""
    targets = [*TARGET.items(), ("abc", 40000.0)]
    stderr = refused(appraised(tmp_path, targets, layout), "targets", "'ABC'", "'abc'")
    assert ("row 7" if layout is months_as_columns else "rows 26, 27") in stderr, stderr
    assert "one way" in stderr, stderr
    kept = [("ABC" if r == "abc" else r, t) for r, t in targets if r != "ABC"]
    got = figures(appraised(tmp_path, kept, layout))
    assert got == {r: (40000.0 if r == "ABC" else TARGET[r], SOLD[r]) for r in TARGET}


# ------------------------------------------------- 1-2. a target given in parts: region, category


def parts_as_columns(folder: Path, parts: list[tuple[str, str, str, float]]) -> None:
    """销售代表 | 区域 | 产品类别 | 1月 … 6月 (the sheet's name is no region: 区域 says it)."""
    rows: list[list] = [["2024年度销售目标分解表"]]
    rows.append(["销售代表", "区域", "产品类别", *[f"{m}月" for m in MONTHS]])
    rows += [[rep, region, category, *[t] * len(MONTHS)] for rep, region, category, t in parts]
    write_xlsx(folder / "targets.xlsx", rows)


def parts_as_rows(folder: Path, parts: list[tuple[str, str, str, float]]) -> None:
    rows: list[list] = [["销售代表", "区域", "产品类别", "月份", "目标"]]
    rows += [[rep, area, cat, f"2024-{m:02d}", t] for rep, area, cat, t in parts for m in MONTHS]
    write_xlsx(folder / "targets.xlsx", rows)


PARTS_LAYOUTS = [parts_as_columns, parts_as_rows]
ONE_PART_TWICE = {
    "full-width region": [("张伟", "EAST", "电机", 100.0), ("张伟", "ＥＡＳＴ", "电机", 100.0)],
    "padded region": [("张伟", "华东", "电机", 100.0), ("张伟", "华\u3000东", "电机", 100.0)],
    "apostrophe category": [("张伟", "华东", "'101", 100.0), ("张伟", "华东", "101", 100.0)],
    "full-width category": [("张伟", "华东", "Ａ类", 100.0), ("张伟", "华东", "A类", 100.0)],
}


def target_of_zhang(folder: Path, parts, layout) -> tuple[int, float | None, str]:
    layout(folder, parts)
    write_csv(folder / "orders.csv", ORDERS[:2])
    result = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    if result.exit_code != 0:
        return result.exit_code, None, result.stderr
    return 0, {r["rep"]: r["target"] for r in json.loads(result.stdout)}["张伟"], result.stderr


@pytest.mark.parametrize("layout", PARTS_LAYOUTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("how", list(ONE_PART_TWICE))
def test_one_part_written_twice_otherwise_is_read_once(
    tmp_path: Path, layout: Callable, how: str
) -> None:
    """张伟's 华东 target on two rows, the region once `ＥＡＳＴ`, once EAST: two parts, summed
    to 200 (twice the target), exit 0. The region is one: read once, said."""
    code, target, stderr = target_of_zhang(tmp_path, ONE_PART_TWICE[how], layout)
    assert (code, target) == (0, 100.0), stderr
    assert "read once, not summed" in stderr


@pytest.mark.parametrize("layout", PARTS_LAYOUTS, ids=lambda f: f.__name__)
def test_two_parts_are_summed(tmp_path: Path, layout: Callable) -> None:
    """Parts that differ are parts: 华东 100 and 华南 50 are 150."""
    parts = [("张伟", "华东", "电机", 100.0), ("张伟", "华南", "电机", 50.0)]
    assert target_of_zhang(tmp_path, parts, layout)[:2] == (0, 150.0)


@pytest.mark.parametrize("layout", PARTS_LAYOUTS, ids=lambda f: f.__name__)
def test_one_part_written_twice_with_two_targets_is_refused(
    tmp_path: Path, layout: Callable
) -> None:
    parts = [("张伟", "EAST", "电机", 100.0), ("张伟", "ＥＡＳＴ", "电机", 120.0)]
    code, _target, stderr = target_of_zhang(tmp_path, parts, layout)
    assert code == 65 and "张伟/2024-01/电机/EAST" in stderr and "100, 120" in stderr, stderr


def test_one_rep_in_two_cases_in_two_targets_files_names_each_file(tmp_path: Path) -> None:
    """ABC in one file, abc in the other (targets kept a file a region): each spelling is
    named with its file and rows."""
    rows = [["销售代表", "月份", "目标"]]
    write_xlsx(tmp_path / "targets-east.xlsx", [*rows, ["ABC", "2024-05", 100]])
    write_xlsx(
        tmp_path / "targets-south.xlsx", [*rows, ["张伟", "2024-05", 50], ["abc", "2024-05", 80]]
    )
    write_csv(tmp_path / "orders.csv", ORDERS)
    (tmp_path / "salescli.toml").write_text('[inputs.targets]\npath = "targets-*.xlsx"\n')
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05")
    refused(result, "'ABC' (targets-east.xlsx, row 2), 'abc' (targets-south.xlsx, row 3)")


# ------------------------------------------------------- 4. targets read from a database


def database(folder: Path, targets: Targets) -> None:
    """The targets in a SQLite table, as finance keeps them: 销售代表, 区域, 月份, 目标."""
    import sqlite3

    (folder / "finance.db").unlink(missing_ok=True)
    with sqlite3.connect(folder / "finance.db") as db:
        db.execute("create table targets (销售代表 text, 区域 text, 月份 text, 目标 real)")
        rows = [(rep, "华东", f"2024-{m:02d}", t) for rep, t in targets for m in MONTHS]
        db.executemany("insert into targets values (?, ?, ?, ?)", rows)
    db.close()
    (folder / "salescli.toml").write_text(
        '[inputs.targets]\nsource = "sqlite:///finance.db"\ntable = "targets"\n',
        encoding="utf-8",
    )


def lake(folder: Path, targets: Targets) -> None:
    """The targets as a Parquet file of a lake folder, as a warehouse job writes them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "销售代表": [rep for rep, _t in targets for _m in MONTHS],
            "月份": [f"2024-{m:02d}" for _r in targets for m in MONTHS],
            "目标": [t for _r, t in targets for _m in MONTHS],
        }
    )
    (folder / "lake" / "targets").mkdir(parents=True, exist_ok=True)
    pq.write_table(table, folder / "lake" / "targets" / "part-0.parquet")
    (folder / "salescli.toml").write_text(
        '[inputs.targets]\nsource = "lake/targets"\n', encoding="utf-8"
    )


@pytest.mark.parametrize("source", [database, lake], ids=lambda f: f.__name__)
@pytest.mark.parametrize("how", list(WRITTEN))
def test_a_rep_written_otherwise_in_a_source_keeps_its_target(
    tmp_path: Path, how: str, source: Callable[[Path, Targets], None]
) -> None:
    written, rep = WRITTEN[how]
    targets = [(written if r == rep else r, t) for r, t in TARGET.items()]
    got = figures(appraised(tmp_path, targets, source))
    assert got == {r: (TARGET[r], SOLD[r]) for r in TARGET}


def test_a_padded_name_in_a_database_keeps_its_target(tmp_path: Path) -> None:
    targets = [("张\u3000伟" if r == "张伟" else r, t) for r, t in TARGET.items()]
    got = figures(appraised(tmp_path, targets, database))
    assert got == {r: (TARGET[r], SOLD[r]) for r in TARGET}


def test_one_rep_in_two_cases_in_a_database_is_refused_naming_both(tmp_path: Path) -> None:
    """A table has no rows to name: the spellings are named, and the table."""
    targets = [*TARGET.items(), ("abc", 40000.0)]
    stderr = refused(appraised(tmp_path, targets, database), "the targets write one rep")
    assert "'ABC', 'abc'" in stderr and "row" not in stderr.split("hint")[0], stderr
    kept = [("ABC" if r == "abc" else r, t) for r, t in targets if r != "ABC"]
    got = figures(appraised(tmp_path, kept, database))
    assert got == {r: (40000.0 if r == "ABC" else TARGET[r], SOLD[r]) for r in TARGET}
