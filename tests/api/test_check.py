"""`salescli.check`: the same tables and notes as `salescli check`, problems as rows (never
raised), and the wrong inputs raised as the CLI's errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from salescli import Workspace, check
from salescli.errors import MissingInputError, UsageError
from salescli.i18n import render
from salescli.output.tables import machine_frame
from tests.helpers import ORDER_HEADER, order_row, run, unescape, write_csv, write_xlsx

CUSTOMERS = [
    "客户编号", "客户名称", "销售代表", "法定代表人", "地址", "联系电话", "联系人", "职位",
    "联系人电话", "潜在价值", "需求偏好", "客户反馈", "客户分类", "备用列",
]  # fmt: skip


def customer(cid: str, rep: str, klass: str, phone: str = "13800138000", **blank: bool) -> list:
    row = [cid, f"{cid}公司", rep, "王五", "上海市", phone, "赵六", "采购", "13900139000",
           100000, "节能", "满意", klass, "x"]  # fmt: skip
    for header in blank:
        row[CUSTOMERS.index(header)] = None
    return row


def workspace(folder: Path) -> Path:
    """Orders with a blank due date, customers with a bad phone and blank record fields (one
    A-class), visits with an incomplete record, feedback resolved before it came in."""
    folder.mkdir(exist_ok=True)
    write_xlsx(
        folder / "orders.xlsx",
        [
            ORDER_HEADER,
            order_row("SO1", "2024-05-06", "C1", 100),
            order_row("SO2", "2024-05-07", "C2", 50, rep="李四", 约定交货日期=None),
            order_row("SO3", "2024-05-08", "C9", 70, rep="王五"),  # not in the customer file
        ],
    )
    write_xlsx(
        folder / "customers.xlsx",
        [
            CUSTOMERS,
            customer("C1", "张三", "A", 地址=True),
            customer("C2", "李四", "B", phone="待补充"),
            customer("C3", "李四", "A"),  # no orders
        ],
    )
    write_csv(
        folder / "visits.csv",
        [
            ["拜访日期", "销售代表", "客户编号", "拜访目的", "拜访内容", "下一步"],
            ["2024-05-06", "张三", "C1", "回访", "谈了交期", "送样"],
            ["2024-05-07", "李四", "C2", "回访", "", ""],
        ],
    )
    write_csv(
        folder / "feedback.csv",
        [
            ["反馈编号", "客户编号", "反馈日期", "反馈内容", "解决日期"],
            ["F1", "C1", "2024-05-02", "交期慢", "2024-05-01"],  # resolved before received
        ],
    )
    return folder


def markdown_notes(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n## Notes\n", 1)[1].splitlines()
    return [unescape(line[2:]) for line in lines if line]


@pytest.mark.parametrize(
    ("options", "flags"),
    [({}, []), ({"table": ["customers", "visits"]}, ["--table", "customers", "--table", "visits"])],
)
@pytest.mark.parametrize("verbose", [False, True])
def test_the_api_gives_the_clis_tables_and_notes(
    tmp_path: Path, options: dict, flags: list[str], verbose: bool
) -> None:
    folder = workspace(tmp_path / "sales")
    result = check(Workspace(folder), **options, verbose=verbose)
    loud = ["-v"] if verbose else []
    out = tmp_path / "out"
    cli = run(*loud, "-w", str(folder), "check", *flags, "-o", f"{out}/", "--format", "parquet")
    assert cli.exit_code == 65 and not result.ok  # errors found: 65, and not raised
    names = ["problems", "headers", "completeness", "visit_records"]
    assert list(result.tables) == names
    assert sorted(p.stem for p in out.iterdir()) == sorted(names)
    for name in names:
        written = pd.read_parquet(out / f"{name}.parquet")
        pd.testing.assert_frame_equal(
            machine_frame(result.output.table(name), result.output), written
        )
        pd.testing.assert_frame_equal(  # the API's frame holds the same values
            result[name].reset_index(drop=True).astype(object).where(result[name].notna(), None),
            written.astype(object).where(written.notna(), None),
            check_dtype=False,
        )
    assert (
        run(*loud, "-w", str(folder), "check", *flags, "-o", str(tmp_path / "c.md")).exit_code == 65
    )
    table_notes = [note for table in result.output.tables for note in table.notes]
    shown = [*table_notes, *result.output.notes, *(f"warning: {w}" for w in result.warnings)]
    assert markdown_notes(tmp_path / "c.md") == shown
    assert sorted(result.notes) == sorted(shown)
    errors = result["problems"][result["problems"]["severity"] == "error"]
    assert result.errors == len(errors) > 0
    assert result.summary == result.output.notes[0]
    assert result.summary.startswith(f"{len(errors)} error{'s' if len(errors) > 1 else ''}, ")
    assert ("customers: headers not used: 备用列" in result.warnings) is verbose


def test_what_the_api_found_is_what_was_planted(tmp_path: Path) -> None:
    result = check(Workspace(workspace(tmp_path)))
    problems = result["problems"]
    found = set(zip(problems["table"], problems["column"], problems["severity"], strict=True))
    assert {
        ("customers", "address", "error"),  # a required record field left empty
        ("customers", "phone", "error"),  # 待补充 is not a phone number
        ("orders", "due_date", "error"),  # a blank cell of a record column
    } <= found
    assert set(problems.loc[problems["table"] == "customers", "row"]) >= {2, 3}  # Excel rows
    assert "C3" in set(problems["value"])  # a customer without orders
    assert (problems["table"] == "feedback").any()  # resolved before it was received
    class_a = result["completeness"].set_index("rep")
    assert class_a.loc["张三", "a_customers"] == 1 and class_a.loc["张三", "a_complete"] == 0
    assert class_a.loc["李四", "a_customers"] == 1 and class_a.loc["李四", "a_complete"] == 1
    visits = result["visit_records"].set_index("rep")
    assert (
        visits.loc["李四", "complete_records"] == 0 and visits.loc["张三", "complete_records"] == 1
    )
    warned = (problems["severity"] == "warning").sum()
    assert result.summary == (
        f"{result.errors} error{'s' if result.errors != 1 else ''}, "
        f"{warned} warning{'s' if warned != 1 else ''} in 4 tables"
    )
    assert render(result.summary, "zh") == f"{warned} 个警告，{result.errors} 个错误，共 4 张表"


def test_a_clean_table_is_ok_and_an_unreadable_one_is_a_row_not_an_error(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [["a", "b"], ["1", "2"]])
    write_csv(tmp_path / "targets.csv", [["rep", "period", "target"], ["张三", "2024-05", 1000]])
    clean = check(Workspace(tmp_path), table="targets")
    assert clean.ok and clean.errors == 0 and clean["problems"].empty
    assert clean.summary == "0 errors, 0 warnings in 1 table"
    unreadable = check(Workspace(tmp_path))
    assert not unreadable.ok and unreadable.errors == 1
    row = unreadable["problems"].iloc[0]
    assert (row["table"], row["severity"]) == ("orders", "error")
    assert "no header row with orders columns" in row["problem"]


@pytest.mark.parametrize(
    ("table", "error", "code", "words"),
    [
        (["ordres"], UsageError, 2, "unknown table 'ordres'"),
        ("visits", MissingInputError, 66, "no visits table (拜访) to check"),
    ],
)
def test_a_wrong_table_is_raised_as_the_cli_exits(
    tmp_path: Path, table: str | list[str], error: type, code: int, words: str
) -> None:
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, order_row("SO1", "2024-05-06", "C1", 1)])
    with pytest.raises(error) as raised:
        check(Workspace(tmp_path), table=table)
    assert raised.value.exit_code == code and words in raised.value.message
    flags = [f"--table={t}" for t in ([table] if isinstance(table, str) else table)]
    cli = run("-w", str(tmp_path), "check", *flags)
    assert cli.exit_code == code and words in cli.stderr


def test_a_workspace_without_exports_is_not_a_pass(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="no exports to check") as raised:
        check(Workspace(tmp_path))
    assert raised.value.exit_code == 66
