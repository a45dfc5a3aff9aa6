"""The shared output layer: every format, atomic writes, injection, byte-identical reruns."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from salescli.errors import OutputError, UsageError
from salescli.i18n import _
from salescli.output import Output, Table, write
from salescli.output.safe import neutralise, safe_filename, safe_sheet_name
from tests.helpers import run

FRAME = pd.DataFrame(
    {
        "rep": ["张三", '=HYPERLINK("http://x")', "@SUM(A1)", "-2+3"],
        "date": pd.to_datetime(["2024-05-03", "2024-05-04", None, "2024-05-06"]),
        "amount": [1234.5, -500.0, None, 0.0],
        "attainment": [0.95, 1.2, None, 0.0],
        "comment": ["+86 138 0013 8000", "-500", "普通", "  "],  # a phone in a comment
    }
)


def output(*tables: Table) -> Output:
    return Output("Test", list(tables) or [Table("results", FRAME, _("Customers"))])


def test_xlsx_has_bold_frozen_header_filter_and_number_formats(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write(output(), path, lang="zh")
    sheet = openpyxl.load_workbook(path)["客户概况"]  # the table's title, in Chinese, names it
    assert sheet["A1"].value == "Test · 客户概况"  # the title line, then the header
    assert [c.value for c in sheet[2]] == ["销售代表", "日期", "销售额", "目标达成率", "评语"]
    assert sheet["A1"].font.b and sheet["A2"].font.b
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:E6"
    assert sheet["B3"].number_format == "yyyy-mm-dd" and sheet["B3"].is_date
    assert sheet["C3"].number_format == "#,##0.00" and sheet["C3"].value == 1234.5
    assert sheet["D3"].number_format == "0.0%"
    # text that looks like a formula is stored as text, never as a formula
    assert sheet["A4"].data_type == "s" and sheet["A4"].value.startswith("=HYPERLINK")
    assert sheet["C5"].value is None  # missing stays empty, not 0 or nan
    assert sheet.column_dimensions["A"].width >= 10


def test_xlsx_cells_keep_each_column_type_and_leave_missing_cells_empty(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "rep": pd.Series(["张三", None, "李四"], dtype="str"),
            "orders": pd.array([3, None, 0], dtype="Int64"),
            "visits": [1, 2, 3],
            "amount": [1.5, float("nan"), -2.25],
            "date": pd.to_datetime(["2024-05-03", None, "2024-12-31"]),
            "ours": [True, False, True],
            "value": ["text", 7, None],  # explain's mixed column: text and numbers
        }
    )
    path = tmp_path / "out.xlsx"
    write(Output("t", [Table("cells", frame, kinds={"visits": "count"})]), path)
    sheet = openpyxl.load_workbook(path)["cells"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows == [
        ("张三", 3, 1, 1.5, datetime(2024, 5, 3), True, "text"),
        (None, None, 2, None, None, False, 7),
        ("李四", 0, 3, -2.25, datetime(2024, 12, 31), True, None),
    ]
    assert sheet["F3"].data_type == "b"  # an Excel boolean, not the text 'TRUE' (#24)


def test_csv_has_bom_and_neutralises_formulas_but_keeps_numbers_and_phones(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write(output(), path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert frame["rep"].tolist() == ["张三", '\'=HYPERLINK("http://x")', "'@SUM(A1)", "'-2+3"]
    assert frame["comment"].tolist()[:2] == ["+86 138 0013 8000", "-500"]
    assert frame["amount"].tolist()[:2] == ["1234.5", "-500.0"]
    assert frame["date"].tolist()[0] == "2024-05-03"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@A1", "'@A1"),
        ("\t=1", "'\t=1"),
        ("+86 138 0013 8000", "+86 138 0013 8000"),
        ("-500", "-500"),
        ("(021) 1234-5678", "(021) 1234-5678"),
        ("普通文本", "普通文本"),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected


def test_json_jsonl_parquet_md_html(tmp_path: Path) -> None:
    write(output(), tmp_path / "out.json")
    records = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert records[0] == {
        "rep": "张三",
        "date": "2024-05-03",
        "amount": 1234.5,
        "attainment": 0.95,
        "comment": "+86 138 0013 8000",
    }
    assert records[2]["amount"] is None and records[2]["date"] is None
    write(output(), tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4 and json.loads(lines[1])["amount"] == -500.0
    write(output(), tmp_path / "out.parquet")
    assert pd.read_parquet(tmp_path / "out.parquet")["rep"].tolist() == FRAME["rep"].tolist()
    write(output(), tmp_path / "out.md", lang="zh")
    assert "| 销售代表" in (tmp_path / "out.md").read_text(encoding="utf-8")
    write(output(), tmp_path / "out.html")
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "&lt;" not in html or "<script" not in html
    assert "1,234.50" in html and "95.0%" in html and "<script" not in html


def test_html_escapes_hostile_text(tmp_path: Path) -> None:
    frame = pd.DataFrame({"rep": ["<script>alert(1)</script>"]})
    write(output(Table("t", frame)), tmp_path / "x.html")
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("suffix", ["xlsx", "csv", "json", "jsonl", "parquet", "html", "md"])
def test_same_inputs_same_bytes(tmp_path: Path, suffix: str) -> None:
    write(output(), tmp_path / f"a.{suffix}")
    write(output(), tmp_path / f"b.{suffix}")
    assert (tmp_path / f"a.{suffix}").read_bytes() == (tmp_path / f"b.{suffix}").read_bytes()


def test_other_tables_go_beside_the_first(tmp_path: Path) -> None:
    second = Table("summary", pd.DataFrame({"orders": [1]}))
    written = write(output(Table("main", FRAME), second), tmp_path / "out.csv")
    assert [p.name for p in written] == ["out.csv", "out.summary.csv"]


def test_folder_output_one_file_per_table(tmp_path: Path) -> None:
    second = Table("../evil", pd.DataFrame({"orders": [1]}))
    written = write(output(Table("main", FRAME), second), f"{tmp_path}/out/", "parquet")
    assert sorted(p.name for p in written) == ["_evil.parquet", "main.parquet"]
    assert all(p.parent == tmp_path / "out" for p in written)


def test_failed_write_leaves_previous_file_and_no_partial(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"previous")

    def broken(target: Path, *args) -> None:
        target.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("salescli.output.xlsx.write_xlsx", broken)
    with pytest.raises(OutputError, match="No space left"):
        write(output(), path)
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_unwritable_folder_is_exit_73_kind(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write(output(), Path("/proc/salescli/out.csv"))


def test_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="overwrite an input"):
        write(output(), path, protected={path.resolve()})
    assert path.read_text(encoding="utf-8") == "x"


def test_unknown_extension_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot tell the output format"):
        write(output(), tmp_path / "out.docx")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../x", "_x"),
        ("a/b", "a_b"),
        ("CON", "_CON"),
        ("华东/张三", "华东_张三"),
        ("", "_"),
        ("<script>alert(1)</script>", "_script_alert(1)__script_"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_safe_sheet_name_is_valid_for_excel() -> None:
    assert safe_sheet_name("华东/张三[1]:*?") == "华东_张三_1____"
    assert len(safe_sheet_name("名" * 40)) == 31
    assert safe_sheet_name("History") == "History_"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_device_is_written_through_never_replaced(suffix: str, tmp_path: Path) -> None:
    import os
    import stat
    import threading

    fifo = tmp_path / f"pipe.{suffix}"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    writer = threading.Thread(target=lambda: write(output(), fifo), daemon=True)
    reader.start()
    writer.start()
    writer.join(timeout=30)
    reader.join(timeout=30)
    assert not writer.is_alive(), "the writer hung on the pipe"
    assert stat.S_ISFIFO(fifo.stat().st_mode) and received and received[0]
    if suffix == "xlsx":
        assert received[0].startswith(b"PK")  # a whole workbook went through the pipe


def test_disk_full_is_an_output_error() -> None:
    with pytest.raises(OutputError, match="No space left"):
        write(output(), Path("/dev/full"), "csv")
    assert Path("/dev/full").is_char_device()


def test_a_table_longer_than_a_sheet_continues_on_the_next(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("salescli.output.xlsx.MAX_ROWS", 5)  # title, header, 3 data rows
    frame = pd.DataFrame({"rep": [f"r{i}" for i in range(8)], "amount": range(8)})
    write(output(Table("big", frame)), tmp_path / "big.xlsx")
    book = openpyxl.load_workbook(tmp_path / "big.xlsx")
    assert book.sheetnames == ["big", "big (2)", "big (3)"]
    values = [c.value for name in book.sheetnames for c in book[name]["A"][2:]]
    assert values == [f"r{i}" for i in range(8)]  # nothing cut, nothing repeated


def test_calendars_for_hostile_rep_names_stay_in_their_folder(tmp_path: Path) -> None:
    from salescli.output.ics import write_calendars
    from salescli.periods import parse_period

    reps = ["../x", "华东/张三", "CON", "<script>alert(1)</script>", "名" * 40]
    plan = pd.DataFrame(
        {
            "rep": reps,
            "date": pd.to_datetime("2024-06-03"),
            "customer_id": "C1",
            "customer_name": "甲",
            "class": "A",
            "window": "2024-W23",
        }
    )
    folder = tmp_path / "ics"
    written = write_calendars(plan, folder, parse_period("2024-06"), "zh")
    shown = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert shown == sorted(p.name for p in written)  # beside them: the set's hidden list
    assert len(written) == 5 and "华东_张三.ics" in {p.name for p in written}
    assert "拜访计划 华东/张三" in (folder / "华东_张三.ics").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "name", "summary"),
    [("en", "Visit plan 张三", "Visit 甲 (class A)"), ("zh", "拜访计划 张三", "拜访 甲（A类）")],
)
def test_calendars_follow_the_language_asked(
    tmp_path: Path, lang: str, name: str, summary: str
) -> None:
    """#24: the .ics words were Chinese whatever --lang said."""
    from icalendar import Calendar

    result = run(
        "--lang", lang, "-w", str(_plan_workspace(tmp_path)), "plan-visits", "--month",
        "2024-06", "--ics", str(tmp_path / "ics"), "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    calendar = Calendar.from_ical((tmp_path / "ics" / "张三.ics").read_bytes())
    assert str(calendar["x-wr-calname"]) == name
    events = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert events and set(events) == {summary}


def _plan_workspace(tmp_path: Path) -> Path:
    """One A customer of 张三 with a class in the customer file, one order."""
    from tests.helpers import ORDER_HEADER, order_row, write_csv

    ws = tmp_path / "ws"
    ws.mkdir()
    write_csv(ws / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-06", "C1", 100.0)])
    write_csv(
        ws / "customers.csv",
        [["客户编号", "客户名称", "销售代表", "客户分类"], ["C1", "甲", "张三", "A"]],
    )
    return ws


@pytest.mark.parametrize(
    ("target", "fmt", "message"),
    [
        ("out.docx", None, "cannot tell the output format of .*out.docx"),
        ("out.csv", "table", "cannot tell the output format of .*out.csv"),
        ("folder/", "xlsx", r"a folder output takes --format csv\|json\|jsonl\|parquet, not xlsx"),
        (
            "folder/",
            "table",
            r"a folder output takes --format csv\|json\|jsonl\|parquet, not table",
        ),
        ("-", "parquet", "--format parquet needs -o FILE"),
        ("-", "html", "--format html needs -o FILE"),
        ("-", "xlsx", "--format xlsx needs -o FILE"),
    ],
)
def test_a_format_where_it_cannot_go_is_a_usage_error(
    tmp_path: Path, target: str, fmt: str | None, message: str
) -> None:
    where = target if target == "-" else f"{tmp_path}/{target}"
    with pytest.raises(UsageError, match=message) as error:
        write(output(), where, fmt, stdout=io.StringIO())
    assert error.value.exit_code == 2  # usage, as README's exit codes say
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "md"])
def test_stdout_carries_the_first_table_as_its_file_would(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    both = output(Table("main", FRAME), Table("summary", pd.DataFrame({"orders": [1]})))
    stream = io.StringIO()
    write(both, "-", fmt, stdout=stream)
    assert capsys.readouterr().err == (
        "note: stdout holds the main table; also available with --section: summary\n"
    )
    write(both, tmp_path / f"main.{fmt}", section="main", bom=False)
    assert stream.getvalue() == (tmp_path / f"main.{fmt}").read_text(encoding="utf-8")
    assert "summary" not in stream.getvalue()


def test_every_format_option_has_a_writer_and_every_writer_an_option() -> None:
    from salescli.options import Format
    from salescli.output.write import FOLDER_FORMATS, WRITERS

    assert set(WRITERS) == {f.value for f in Format}
    assert FOLDER_FORMATS == ("csv", "json", "jsonl", "parquet")  # the folder error lists these
    for name, writer in WRITERS.items():
        assert writer.document or writer.table or writer.stdout, name


def test_the_output_layers_own_errors_are_said_in_chinese(tmp_path: Path) -> None:
    """The output layer's errors and hints are message ids: said in the language asked, the
    path they name kept as it is."""
    out = output(Table("t", pd.DataFrame({"rep": ["a"]})))
    with pytest.raises(UsageError) as unknown:
        write(out, tmp_path / "out.xyz")
    assert unknown.value.text("en").endswith(f"cannot tell the output format of {tmp_path}/out.xyz")
    assert unknown.value.text("zh").endswith(f"无法判断 {tmp_path}/out.xyz 的输出格式")
    assert unknown.value.hint_text("zh").startswith("请用 .xlsx")
    with pytest.raises(UsageError) as database:
        write(out, "sqlite:///" + str(tmp_path / "s.db"))
    assert "数据库输出需要本次运行的期间" in database.value.text("zh")


def test_a_boolean_cell_is_said_in_the_language_asked() -> None:
    from salescli.output.formats import shown

    assert (shown(True, "text", "en"), shown(False, "text", "en")) == ("yes", "no")
    assert (shown(True, "text", "zh"), shown(False, "text", "zh")) == ("是", "否")
