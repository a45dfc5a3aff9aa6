"""Read whole or refuse: a file read as one snapshot, a cut last line, hidden sheets,
unreadable exports, UTF-16/32 without a BOM, Big5 and Shift-JIS, quoted line breaks."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salescli.data import readers
from salescli.data import workspace as workspace_module
from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx

ROWS = [
    ORDER_HEADER,
    order_row("SO1", "2024-05-03", "C1", 1000, "Alice"),
    order_row("SO2", "2024-05-04", "C2", 2300, "Alice"),
]


def amounts(folder: Path, *options: str) -> dict[str, float]:
    """classify's amount per customer, the command exiting 0."""
    result = run(*options, "-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {row["customer_id"]: row["amount"] for row in json.loads(result.stdout)}


def refused(folder: Path, code: int = 65, *options: str) -> str:
    result = run(*options, "-w", str(folder), "classify", "--quarter", "2024Q2", "-o", "-")
    assert result.exit_code == code, result.stdout + result.stderr
    assert result.stdout == ""
    return result.stderr


def configure(folder: Path, text: str) -> None:
    (folder / "salescli.toml").write_text(text, encoding="utf-8")


def csv_text(rows: list[list[object]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


# One snapshot ------------------------------------------------------------------------------


@pytest.mark.parametrize("cache", [True, False], ids=["cache", "no-cache"])
def test_an_export_rewritten_while_it_is_read_stops_with_75(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """A cron run meeting an ERP export in progress: the bytes read are not the file."""
    path = write_csv(tmp_path / "orders.csv", ROWS)
    real = readers._read_bytes

    def read_then_rewrite(file: Path) -> bytes:
        data = real(file)
        write_csv(path, ROWS[:2])  # the ERP starts writing the next export
        return data

    monkeypatch.setattr(readers, "_read_bytes", read_then_rewrite)
    message = refused(tmp_path, 75, *([] if cache else ["--no-cache"]))
    assert "orders.csv: the export changed while it was read, run again" in message
    assert "hint: " in message
    monkeypatch.setattr(readers, "_read_bytes", real)
    write_csv(path, ROWS)
    assert amounts(tmp_path) == {"C1": 1000.0, "C2": 2300.0}  # the run again is right


def test_an_export_rewritten_while_it_is_parsed_stops_with_75(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "orders.csv", ROWS)
    real = workspace_module.normalise_sheets

    def parse_then_rewrite(*args, **kwargs):
        parts = real(*args, **kwargs)
        write_csv(path, [*ROWS, order_row("SO3", "2024-05-05", "C1", 5, "Alice")])
        return parts

    monkeypatch.setattr(workspace_module, "normalise_sheets", parse_then_rewrite)
    assert "the export changed while it was read" in refused(tmp_path, 75)
    assert list((tmp_path / ".salescli" / "cache").glob("*.parquet")) == []  # nothing kept


def test_an_export_rewritten_between_its_hash_and_its_read_stops_with_75(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key is the hash of the bytes: a parse of other bytes must not be stored
    under it (the next run would serve it as the export's)."""
    path = write_csv(tmp_path / "orders.csv", ROWS)
    real = workspace_module.hash_whole

    def hash_then_rewrite(file: Path, name: str):
        found = real(file, name)
        status = path.stat()
        write_csv(path, [*ROWS[:2], order_row("SO2", "2024-05-04", "C2", 9300, "Alice")])
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same mtime
        return found

    monkeypatch.setattr(workspace_module, "hash_whole", hash_then_rewrite)
    assert "the export changed while it was read" in refused(tmp_path, 75)
    assert list((tmp_path / ".salescli" / "cache").glob("*.parquet")) == []
    monkeypatch.setattr(workspace_module, "hash_whole", real)
    assert amounts(tmp_path) == {"C1": 1000.0, "C2": 9300.0}


# A last line without its end ---------------------------------------------------------------


SHORT = [
    ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
    ["SO1", "2024-05-03", "C1", "Alice", "1000"],
    ["SO2", "2024-05-04", "C2", "Alice", "2300"],
]


def test_a_csv_cut_inside_its_last_row_is_refused_naming_the_line(tmp_path: Path) -> None:
    whole = csv_text(SHORT)
    (tmp_path / "orders.csv").write_text(whole[: -len("0\r\n")], encoding="utf-8")  # 2300: 230
    message = refused(tmp_path)  # old code: C2 230.0, exit 0, nothing on stderr
    assert "orders.csv, row 3, value 'SO2,2024-05-04,C2,Alice,230'" in message
    assert "the last line has no line end" in message
    assert 'last_line = "complete" under [inputs.orders]' in message
    assert "export it again" in message
    (tmp_path / "orders.csv").write_text(whole, encoding="utf-8")  # exported again
    assert amounts(tmp_path) == {"C1": 1000.0, "C2": 2300.0}


def test_a_csv_cut_inside_a_name_is_refused_not_a_new_rep(tmp_path: Path) -> None:
    text = csv_text([*SHORT, ["SO3", "2024-05-05", "C3", "Bob", "70"]])
    (tmp_path / "orders.csv").write_text(text[: text.rindex("Bob") + 2], encoding="utf-8")
    assert "row 4, value 'SO3,2024-05-05,C3,Bo'" in refused(tmp_path)


def test_a_whole_file_without_a_final_line_end_reads_once_the_setting_says_so(
    tmp_path: Path,
) -> None:
    """The hint is a promise: a file that is whole reads right once `last_line` says so."""
    (tmp_path / "orders.csv").write_text(csv_text(SHORT).rstrip("\r\n"), encoding="utf-8")
    assert 'set last_line = "complete"' in refused(tmp_path)
    configure(tmp_path, '[inputs.orders]\nlast_line = "complete"\n')
    assert amounts(tmp_path) == {"C1": 1000.0, "C2": 2300.0}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "gb18030"])
def test_a_cut_last_line_is_refused_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    text = csv_text([*SHORT[:2], ["SO2", "2024-05-04", "C2", "张三", "2300"]])
    (tmp_path / "orders.csv").write_bytes(text[: -len("0\r\n")].encode(encoding))
    assert "row 3, value 'SO2,2024-05-04,C2,张三,230'" in refused(tmp_path)


def test_blank_space_after_the_last_line_end_is_no_line(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_text(csv_text(SHORT) + ",,,\r\n  ", encoding="utf-8")
    assert amounts(tmp_path) == {"C1": 1000.0, "C2": 2300.0}


def test_stdin_cut_short_is_refused_too(tmp_path: Path) -> None:
    result = run(
        "-w",
        str(tmp_path),
        "classify",
        "--quarter",
        "2024Q2",
        "--input",
        "orders=-",
        input=csv_text(SHORT)[:-3].encode(),
    )
    assert result.exit_code == 65 and "<stdin>, row 3" in result.stderr


# Hidden sheets -----------------------------------------------------------------------------


MONTH = ["订单编号", "下单日期", "客户编号", "销售代表", "金额"]


def months_book(path: Path, hidden: dict[str, list[list[object]]]) -> Path:
    return write_xlsx(
        path,
        [MONTH, ["SO1", "2024-04-03", "C1", "张三", 100]],
        "4月",
        extra={"6月": [MONTH, ["SO3", "2024-06-03", "C1", "张三", 300]]},
        hidden=hidden,
    )


def test_a_hidden_month_sheet_is_refused_and_each_hint_gives_its_figure(tmp_path: Path) -> None:
    months_book(tmp_path / "orders.xlsx", {"5月": [MONTH, ["SO2", "2024-05-03", "C1", "张三", 20]]})
    message = refused(tmp_path)
    assert "orders.xlsx, sheet 5月: the hidden sheet 5月 holds orders rows" in message
    assert 'to read it, sheet = ["5月", "4月", "6月"]' in message
    assert 'to leave it out, sheet = ["4月", "6月"]' in message
    configure(tmp_path, '[inputs.orders]\nsheet = ["5月", "4月", "6月"]\n')
    assert amounts(tmp_path) == {"C1": 420.0}  # old code: 400, May skipped without a word
    configure(tmp_path, '[inputs.orders]\nsheet = ["4月", "6月"]\n')
    assert amounts(tmp_path) == {"C1": 400.0}


def test_a_glob_does_not_read_a_hidden_sheet_silently(tmp_path: Path) -> None:
    months_book(tmp_path / "orders.xlsx", {"5月": [MONTH, ["SO2", "2024-05-03", "C1", "张三", 20]]})
    configure(tmp_path, '[inputs.orders]\nsheet = "*月"\n')
    assert "the hidden sheet 5月 holds orders rows" in refused(tmp_path)


def test_a_hidden_sheet_of_another_layout_is_skipped_with_a_note(tmp_path: Path) -> None:
    months_book(tmp_path / "orders.xlsx", {"说明": [["内部使用"], ["请勿修改"]]})
    result = run(
        "-v", "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", str(tmp_path / "c.csv")
    )
    assert result.exit_code == 0, result.stderr
    assert "sheet 说明 skipped, it holds no orders table" in result.stderr
    assert amounts(tmp_path) == {"C1": 400.0}


# Unreadable files --------------------------------------------------------------------------


def test_a_monthly_export_that_is_a_dangling_link_stops_the_run(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders-2024-04.csv", [ORDER_HEADER, ROWS[1]])
    os.symlink(tmp_path / "gone" / "orders-2024-05.csv", tmp_path / "orders-2024-05.csv")
    message = refused(tmp_path, 66)
    assert "orders-2024-05.csv: the file is a link to" in message
    assert "gone/orders-2024-05.csv, which does not exist" in message
    assert "restore the file it points to, or remove the link" in message
    (tmp_path / "orders-2024-05.csv").unlink()  # the hint, followed
    assert amounts(tmp_path) == {"C1": 1000.0}


def test_a_named_export_that_is_a_dangling_link_is_not_a_missing_table(tmp_path: Path) -> None:
    os.symlink(tmp_path / "nowhere.csv", tmp_path / "orders.csv")
    assert "orders.csv: the file is a link to" in refused(tmp_path, 66)


def test_an_export_without_read_permission_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_csv(tmp_path / "orders-2024-04.csv", [ORDER_HEADER, ROWS[1]])
    write_csv(tmp_path / "orders-2024-05.csv", [ORDER_HEADER, ROWS[2]])
    real = readers._read_bytes

    def denied(file: Path) -> bytes:
        if file.name == "orders-2024-05.csv":
            raise PermissionError(13, "Permission denied", str(file))
        return real(file)

    monkeypatch.setattr(readers, "_read_bytes", denied)  # root reads any file: say it is not
    message = refused(tmp_path, 65)
    assert "orders-2024-05.csv: cannot read the file: Permission denied" in message
    assert "chmod a+r" in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file without read permission")
def test_an_export_chmod_000_stops_the_run(tmp_path: Path) -> None:  # pragma: no cover
    write_csv(tmp_path / "orders-2024-04.csv", [ORDER_HEADER, ROWS[1]])
    write_csv(tmp_path / "orders-2024-05.csv", [ORDER_HEADER, ROWS[2]])
    (tmp_path / "orders-2024-05.csv").chmod(0)
    assert "orders-2024-05.csv: cannot read the file" in refused(tmp_path, 65)


# Encodings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-16-be", "utf-16-le", "utf-32", "utf-32-le", "utf-32-be", "utf-16"]
)
def test_utf16_and_utf32_with_or_without_a_bom_are_read(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "orders.csv").write_bytes(csv_text(ROWS).encode(encoding))
    assert amounts(tmp_path) == {"C1": 1000.0, "C2": 2300.0}


def test_utf16_cut_inside_a_character_is_refused_naming_the_encoding(tmp_path: Path) -> None:
    data = csv_text(ROWS).encode("utf-16-be")
    (tmp_path / "orders.csv").write_bytes(data + b"\xd8")  # half of a surrogate
    message = refused(tmp_path)
    assert "UTF-16 (big-endian, no BOM)" in message


TRADITIONAL = [
    ["order_id", "order_date", "customer_id", "customer_name", "rep", "amount"],
    ["SO1", "2024-05-03", "C1", "台灣精密機械股份有限公司", "陳志明", "1234.5"],
    ["SO2", "2024-05-04", "C2", "高雄貿易有限公司", "林美玲", "2000"],
]
JAPANESE = [
    ["order_id", "order_date", "customer_id", "customer_name", "rep", "amount"],
    ["SO1", "2024-05-03", "C1", "株式会社やまと", "山田太郎", "1234.5"],
    ["SO2", "2024-05-04", "C2", "さくら商事", "佐藤花子", "2000"],
]


@pytest.mark.parametrize(
    ("rows", "encoding", "named", "shown"),
    [
        (TRADITIONAL, "big5", "Big5 (Traditional Chinese)", "台灣精密機械股份有限公司"),
        (JAPANESE, "shift_jis", "Shift-JIS (Japanese)", "株式会社やまと"),
    ],
)
def test_big5_and_shift_jis_are_named_and_the_hint_reads_them(
    tmp_path: Path, rows: list[list[str]], encoding: str, named: str, shown: str
) -> None:
    """Read as GBK these were mojibake names with exit 0 (Shift-JIS) or a refusal that named
    only GBK and Windows-1252 (Big5)."""
    (tmp_path / "orders.csv").write_bytes(csv_text(rows).encode(encoding))
    message = refused(tmp_path)
    assert "cannot tell the file's encoding" in message
    assert f"read as {named} 'SO1,2024-05-03,C1,{shown}," in message
    assert f'"{encoding}" for ' in message
    configure(tmp_path, f'[inputs.orders]\nencoding = "{encoding}"\n')
    result = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    names = {row["customer_id"]: row["customer_name"] for row in json.loads(result.stdout)}
    assert names == {"C1": rows[1][3], "C2": rows[2][3]}


def test_gbk_traditional_and_simplified_text_still_reads_as_gbk(tmp_path: Path) -> None:
    rows = [*TRADITIONAL, ["SO3", "2024-05-05", "C3", "上海精密机械有限公司", "张三", "1"]]
    (tmp_path / "orders.csv").write_bytes(csv_text(rows).encode("gbk"))
    assert amounts(tmp_path) == {"C1": 1234.5, "C2": 2000.0, "C3": 1.0}


# Quoted line breaks ------------------------------------------------------------------------


def test_a_pipe_delimited_csv_with_quoted_line_breaks_is_read(tmp_path: Path) -> None:
    """Each note has a comma on each of its two lines: counted by lines, the comma looked
    like the delimiter and the file was "no header row"."""
    rows = [[*ORDER_HEADER, "备注"]]
    for i, (customer, amount) in enumerate([("C1", 100), ("C2", 250), ("C1", 5)] * 3):
        rows.append(
            [*order_row(f"SO{i}", "2024-05-03", customer, amount), "送货, 上门\n周一, 上午"]
        )
    (tmp_path / "orders.csv").write_text(csv_text(rows, "|"), encoding="utf-8")
    assert amounts(tmp_path) == {"C1": 315.0, "C2": 750.0}


# Any cut ----------------------------------------------------------------------------------


def _expected_after_cut(text: str) -> dict[str, float] | None:
    """The amounts of the rows a file cut at a line end still holds (None: only the header
    or less is left, or the file is cut inside a line)."""
    if not text.endswith(("\n", "\r")):  # a \r alone ends a line too (old Mac files)
        return None
    kept = list(csv.reader(io.StringIO(text)))[1:]
    totals: dict[str, float] = {}
    for row in kept:
        totals[row[2]] = totals.get(row[2], 0.0) + float(row[4])
    return totals


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(min_value=1, max_value=10_000),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_a_csv_cut_anywhere_gives_its_rows_figures_or_a_refusal(
    tmp_path_factory: pytest.TempPathFactory, cut: int, encoding: str
) -> None:
    """Cut at a line end, a file is a shorter export (its figures are its rows'); cut inside
    a line, it is refused: never a figure from half a row."""
    from salescli.data.workspace import Workspace
    from salescli.errors import SalescliError

    rows = [
        SHORT[0],
        *([f"SO{i}", "2024-05-03", f"C{i % 3}", "张三", str(1000 + i)] for i in range(12)),
    ]
    text = csv_text(rows)
    text = text[: len(SHORT[0]) + 8 + cut % (len(text) - len(SHORT[0]) - 8)]
    folder = tmp_path_factory.mktemp("cut")
    (folder / "orders.csv").write_bytes(text.encode(encoding))
    expected = _expected_after_cut(text)
    try:
        frame = Workspace(folder).table("orders")
    except SalescliError as error:
        assert expected is None, f"refused a whole file: {error}"
        assert error.exit_code == 65 and "the last line has no line end" in str(error)
        return
    assert expected is not None, f"read a cut file: {text[-40:]!r}"
    assert frame.groupby("customer_id")["amount"].sum().to_dict() == expected


def test_a_file_named_by_an_option_cut_short_is_refused_and_its_hint_holds(
    tmp_path: Path,
) -> None:
    """--previous FILE is read as the customers table: `[inputs.customers] last_line` applies."""
    write_csv(tmp_path / "orders.csv", ROWS)
    classes = tmp_path / "classes.csv"
    classes.write_text("customer_id,class\r\nC1,A\r\nC2,B", encoding="utf-8")
    plan = ["-w", str(tmp_path), "classify", "--quarter", "2024Q2", "--previous", str(classes)]
    refused_plan = run(*plan, "-o", str(tmp_path / "plan.csv"))
    assert refused_plan.exit_code == 65, refused_plan.stderr
    assert "classes.csv, row 3, value 'C2,B'" in refused_plan.stderr
    assert "[inputs.customers]" in refused_plan.stderr
    configure(tmp_path, '[inputs.customers]\nlast_line = "complete"\n')
    result = run(*plan, "-o", str(tmp_path / "plan.csv"))
    assert result.exit_code == 0, result.stderr
