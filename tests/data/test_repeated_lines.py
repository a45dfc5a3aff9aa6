"""Two identical lines in one export with nothing to tell them apart (no line number).

They can be two real lines (one product ordered twice on one order) or one line the export
wrote twice (a page exported twice, a report's join). Before, both were counted with exit 0
and only `check` said so: 张三's May was 2,400 where the export meant 1,700 and nothing on
stderr said a figure might be doubled. Now every command says it on stderr, with the rows
and the amount counted a second time, `--strict` stops on it, and `[inputs.NAME]
repeated_lines` settles it: "once" (the export wrote it twice) or "count" (lines of their
own). Each hint is followed here, and the run after it is right.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import appraised_sales as _sales
from tests.helpers import run, set_settings, write_csv, write_xlsx

HEADER = ["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", "产品型号", "金额", "毛利"]
LINES = [
    ["SO1", "2024-05-06", "C1", "甲公司", "张三", "YE3-100", 1000, 250],
    ["SO1", "2024-05-06", "C1", "甲公司", "张三", "YE3-200", 700, 175],
    ["SO2", "2024-05-08", "C2", "乙公司", "李四", "YE3-100", 500, 125],
    # the same order, product and amount, on another day: not the same line
    ["SO2", "2024-05-09", "C2", "乙公司", "李四", "YE3-100", 500, 125],
    ["SO3", "2024-05-31", "C2", "乙公司", "李四", "YE3-300", 100, 25],  # the month read whole
]
COPY = ["SO1", "2024-05-06", "C1", "甲公司", "张三", "YE3-200", 700, 175]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 2000]]
ONCE = {"张三": 1700.0, "李四": 1100.0}
BOTH = {"张三": 2400.0, "李四": 1100.0}
SAID = "one of the order lines repeats an identical line read before it"


def _workspace(folder: Path, lines: list[list], kind: str = "csv") -> Path:
    folder.mkdir()
    if kind == "csv":  # as 金蝶 and 用友 write text exports: GBK
        write_csv(folder / "orders.csv", [HEADER, *lines], encoding="gbk")
    else:  # a title row above the header, as ERP reports have
        write_xlsx(folder / "orders.xlsx", [["销售出库明细表"], HEADER, *lines])
        set_settings(folder / "salescli.toml", "inputs.orders", header_row="2")
    write_csv(folder / "targets.csv", TARGETS)
    return folder


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_an_unnumbered_line_written_twice_is_counted_twice_and_said_on_stderr(
    tmp_path: Path, kind: str
) -> None:
    folder = _workspace(tmp_path / "ws", [*LINES, COPY], kind)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, BOTH), said
    where, row = ("orders.csv", 7) if kind == "csv" else ("orders.xlsx, sheet Sheet1", 8)
    assert (
        f"{where}: {SAID} (row {row}), both counted (700.00 counted a second time); if the "
        'export wrote it twice, set [inputs.orders] repeated_lines = "once"; if it is a line '
        'of its own, repeated_lines = "count"'
    ) in said
    # the other commands too: the classification counts it twice, and says so
    classified = run("--no-cache", "-w", str(folder), "classify", "--quarter", "2024Q2")
    assert classified.exit_code == 0 and SAID in classified.stderr


def test_with_strict_it_stops(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", [*LINES, COPY])
    code, _, said = _sales(folder, "--strict")
    assert code == 65
    assert said.startswith(f"salescli: error: --strict: orders.csv: {SAID} (row 7)")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_hint_once_reads_the_copy_once(tmp_path: Path, kind: str) -> None:
    folder = _workspace(tmp_path / "ws", [*LINES, COPY], kind)
    set_settings(folder / "salescli.toml", "inputs.orders", repeated_lines='"once"')
    code, sales, said = _sales(folder, "--strict")  # settled: --strict does not stop
    assert (code, sales) == (0, ONCE), said
    assert SAID not in said
    verbose = run("--no-cache", "-w", str(folder), "-v", "appraise", "--month", "2024-05")
    assert "one of the order lines repeated an identical line (row" in verbose.stderr
    assert 'read once, as [inputs.orders] repeated_lines = "once" says' in verbose.stderr


def test_the_hint_count_counts_both_without_a_warning(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", [*LINES, COPY])
    set_settings(folder / "salescli.toml", "inputs.orders", repeated_lines='"count"')
    code, sales, said = _sales(folder, "--strict")
    assert (code, sales) == (0, BOTH), said
    assert "repeat" not in said
    checked = run("--no-cache", "-w", str(folder), "check", "--table", "orders", "--format", "csv")
    assert "repeated-line" not in checked.stdout


def test_a_copy_three_times_counts_each_copy_and_its_amount(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", [*LINES, COPY, COPY, LINES[0]])
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 4100.0, "李四": 1100.0}), said
    assert (
        "orders.csv: 3 order lines repeat an identical line read before them (rows 7, 8, 9), "
        "both counted (2,400.00 counted a second time)"
    ) in said
    set_settings(folder / "salescli.toml", "inputs.orders", repeated_lines='"once"')
    assert _sales(folder)[1] == ONCE


def test_lines_differing_in_one_value_are_no_copies(tmp_path: Path) -> None:
    """SO2's two lines differ only in their day; a line differing only in its customer's
    name is no copy either (every canonical value is compared, not only the key and the
    amount)."""
    other_name = ["SO1", "2024-05-06", "C1", "甲公司（新）", "张三", "YE3-200", 700, 175]
    folder = _workspace(tmp_path / "ws", [*LINES, other_name])
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, BOTH), said
    assert "repeat" not in said


def test_the_cached_rerun_says_it_again(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", [*LINES, COPY])
    first = _sales(folder, cache=True)
    again = _sales(folder, cache=True)
    assert (folder / ".salescli" / "cache").is_dir()
    assert first[:2] == again[:2] == (0, BOTH)
    assert SAID in first[2] and SAID in again[2]


def test_a_visit_written_twice_is_said_too(tmp_path: Path) -> None:
    """Visits are counted (a rep's visits of a month): an identical visit twice is the same
    question, asked the same way."""
    folder = _workspace(tmp_path / "ws", LINES)
    header = ["拜访日期", "销售代表", "客户编号", "拜访方式", "拜访目的"]
    visit = ["2024-05-07", "张三", "C1", "上门", "回访"]
    write_csv(folder / "visits.csv", [header, visit, visit], encoding="gbk")
    customers = [["客户编号", "客户名称", "销售代表", "客户等级"], ["C1", "甲公司", "张三", "A"]]
    write_csv(folder / "customers.csv", [*customers, ["C2", "乙公司", "李四", "B"]])
    done = run("--no-cache", "-w", str(folder), "audit-visits", "--month", "2024-05")
    assert "visits.csv: one of the visits repeats an identical line read before it (row 3)" in (
        done.stderr
    ), done.stderr
    assert "counted a second time" not in done.stderr  # a visit has no amount


def test_a_database_s_identical_lines_are_named_by_their_key(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    with sqlite3.connect(folder / "erp.db") as db:
        columns = ", ".join(f'"{h}"' for h in HEADER)
        db.execute(f"CREATE TABLE lines ({columns})")
        db.executemany(f"INSERT INTO lines VALUES ({', '.join('?' * len(HEADER))})", [*LINES, COPY])
    set_settings(
        folder / "salescli.toml", "inputs.orders", source='"sqlite:///erp.db"', table='"lines"'
    )
    write_csv(folder / "targets.csv", TARGETS)
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, BOTH), said
    assert (
        f"lines: {SAID} (order_id+product_model SO1/YE3-200), both counted (700.00 counted a "
        "second time)"
    ) in said
    set_settings(folder / "salescli.toml", "inputs.orders", repeated_lines='"once"')
    assert _sales(folder, "--strict")[:2] == (0, ONCE)


# --- the rule itself ---------------------------------------------------------------------------

_cells = {
    "order_id": st.sampled_from(["SO1", "SO2", None]),
    "product_model": st.sampled_from(["YE3-100", "", None]),
    "customer_name": st.sampled_from(["甲公司", "甲公司 ", None]),
    "amount": st.sampled_from([700.0, 700.01, -700.0, float("nan")]),
    "order_date": st.sampled_from(["2024-05-06", "2024-05-07", None]),
}


@given(st.lists(st.fixed_dictionaries(_cells), max_size=12))
def test_repeats_are_the_lines_equal_to_an_earlier_one_in_every_value(lines: list) -> None:
    """The hashes of numbers and dates only choose which lines to compare: a line is a
    copy when an earlier line has every value it has (two empty cells alike), and the
    first of equal lines is none. Checked against a plain reading of the lines as tuples."""
    import pandas as pd

    from salescli.data.overlaps import repeated_lines

    frame = pd.DataFrame(lines, columns=list(_cells)).astype(
        {"order_id": "str", "product_model": "str", "customer_name": "str"}
    )
    frame["order_date"] = pd.to_datetime(frame["order_date"])
    frame["_row"] = range(2, len(frame) + 2)  # no copy by its row number

    def plain(value: object) -> object:
        return None if pd.isna(value) else value

    seen: set[tuple] = set()
    expected = []
    for line in frame.drop(columns="_row").itertuples(index=False):
        values = tuple(plain(v) for v in line)
        expected.append(values in seen)
        seen.add(values)
    assert repeated_lines("orders", frame).tolist() == expected
