"""Real exports from real systems (issue #12): read right, or refused naming file, sheet,
column, values and the setting to use — never exit 0 with a wrong figure.

Each test builds its file here (text bytes in the encoding the system writes, workbooks with
openpyxl) and asserts the exact figures or the exact refusal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from salescli.config import InputSpec
from salescli.data import readers
from salescli.data.normalise import normalise
from salescli.data.workspace import Workspace
from salescli.errors import BadDataError
from tests.helpers import run

EN_HEADER = "Order ID;Order Date;Customer ID;Sales Rep;Amount"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def settings(folder: Path, text: str) -> None:
    (folder / "salescli.toml").write_text(text, encoding="utf-8")


def amounts(folder: Path) -> list[float]:
    frame = Workspace(folder, cache=False).table("orders")
    assert frame is not None
    return frame["amount"].tolist()


def careful_amounts(path: Path, spec: InputSpec | None = None) -> list[float]:
    """The same file through the careful text reader, which must give what the fast one gives."""
    raw = readers._read_text(readers.decode(path.read_bytes(), path.name), path.name)
    return normalise(raw, "orders", spec or InputSpec(), "Asia/Shanghai").frame["amount"].tolist()


def refusal(folder: Path) -> str:
    """Run `salescli classify` as a user would; it must stop with 65 and say why."""
    result = run("-w", str(folder), "classify", "--quarter", "2024Q2", "-o", str(folder / "c.csv"))
    assert result.exit_code == 65, result.stderr
    return result.stderr


# Trap 1: decimal commas --------------------------------------------------------------------


def test_decimal_commas_are_read_as_decimals(tmp_path: Path) -> None:
    path = write(
        tmp_path / "orders.csv",
        f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;12.500,00\nSO2;2024-05-04;C2;Bob;1 234,50\n"
        "SO3;2024-05-05;C1;Ann;1\u202f234\u202f567,89\nSO4;2024-05-06;C2;Bob;0,5\n"
        "SO5;2024-05-06;C2;Bob;(1.000,25)\n",
    )
    expected = [12500.0, 1234.5, 1234567.89, 0.5, -1000.25]  # old code: 12.5, 123450, …
    assert amounts(tmp_path) == expected
    assert careful_amounts(path) == expected
    result = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", "-", "--format", "csv"
    )
    assert result.exit_code == 0, result.stderr
    assert "C1,,Ann,1247067.89," in result.stdout


def test_a_column_of_only_1_234_is_refused_naming_file_column_values_and_setting(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "orders.csv",
        f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;1.234\nSO2;2024-05-04;C2;Bob;5.678\n",
    )
    message = refusal(tmp_path)
    assert "orders.csv, column Amount" in message
    assert "1.234, 5.678" in message
    assert 'decimal = ","' in message and "[inputs.orders]" in message
    settings(tmp_path, '[inputs.orders]\ndecimal = ","\n')
    assert amounts(tmp_path) == [1234.0, 5678.0]
    settings(tmp_path, '[inputs.orders]\ndecimal = "."\n')
    assert amounts(tmp_path) == [1.23, 5.68]  # 1.234 and 5.678, held in cents (#26)


def test_the_other_number_columns_of_the_file_settle_an_undecided_one(tmp_path: Path) -> None:
    write(
        tmp_path / "orders.csv",
        "Order ID;Order Date;Customer ID;Sales Rep;Quantity;Unit Price;Amount\n"
        "SO1;2024-05-03;C1;Ann;1.500;2,00;3.000,00\n",
    )
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame[["quantity", "unit_price", "amount"]].values.tolist() == [[1500.0, 2.0, 3000.0]]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["1,234", "500"], None),
        (["¥1,234", "500"], [1234.0, 500.0]),
        (["1,234.00", "500"], [1234.0, 500.0]),
    ],
)
def test_a_comma_that_can_be_a_decimal_separator_is_never_stripped_on_a_guess(
    tmp_path: Path, values: list[str], expected: list[float] | None
) -> None:
    rows = "".join(f"SO{i};2024-05-03;C1;Ann;{v}\n" for i, v in enumerate(values))
    write(tmp_path / "orders.csv", f"{EN_HEADER}\n{rows}")
    if expected is None:
        assert "1,234" in refusal(tmp_path)
    else:
        assert amounts(tmp_path) == expected  # the yuan sign and 1,234.00 settle it


def test_a_column_written_both_ways_is_refused_and_then_reported_row_by_row(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "orders.csv",
        f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;1,234.50\nSO2;2024-05-04;C2;Bob;12,5\n",
    )
    message = refusal(tmp_path)
    assert "decimal commas (12,5)" in message and "decimal points (1,234.50)" in message
    settings(tmp_path, '[inputs.orders]\ndecimal = "."\n')
    result = run("-w", str(tmp_path), "check", "--table", "orders", "-o", "-", "--format", "csv")
    assert result.exit_code == 65
    assert 'orders,orders.csv,,3,amount,"12,5",error,bad-number,not a number' in result.stdout


def test_number_cells_of_a_workbook_are_not_taken_for_thousands(tmp_path: Path) -> None:
    from tests.helpers import write_xlsx

    write_xlsx(
        tmp_path / "orders.xlsx",
        [
            ["Order ID", "Order Date", "Customer ID", "Sales Rep", "Amount"],
            ["SO1", "2024-05-03", "C1", "Ann", 1.234],
        ],
    )
    assert amounts(tmp_path) == [1.23]  # 1.234, not 1234; held in cents (#26)


def test_1e400_is_not_a_number(tmp_path: Path) -> None:
    write(tmp_path / "orders.csv", f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;1e400\n")
    message = refusal(tmp_path)
    assert "not a number" in message and "'1e400'" in message


def test_decimal_setting_is_validated(tmp_path: Path) -> None:
    settings(tmp_path, '[inputs.orders]\ndecimal = "comma"\n')
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 78 and "inputs.orders.decimal" in result.stderr


# Trap 7: Western single-byte CSVs ----------------------------------------------------------

WESTERN = (
    "Order ID,Order Date,Customer ID,Customer Name,Sales Rep,Amount\n"
    "SO1,2024-05-03,C1,Müller GmbH,Jürgen Groß,10\n"
    "SO2,2024-05-04,C2,Société Générale,Renée,5\n"
)


def test_a_western_csv_reads_muller_not_mojibake(tmp_path: Path) -> None:
    path = write(tmp_path / "orders.csv", WESTERN, "cp1252")
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame["customer_name"].tolist() == ["Müller GmbH", "Société Générale"]  # not M黮ler
    assert frame["rep"].tolist() == ["Jürgen Groß", "Renée"]
    assert careful_amounts(path) == [10.0, 5.0]
    result = run(
        "-w", str(tmp_path), "classify", "--quarter", "2024Q2", "-o", "-", "--format", "csv"
    )
    assert result.exit_code == 0 and "Jürgen Groß" in result.stdout


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_chinese_keeps_reading_right(tmp_path: Path, encoding: str) -> None:
    text = "订单编号,下单日期,客户编号,客户名称,销售代表,金额\n"
    text += "SO1,2024-05-03,C1,华东机电,王喆,1200.5\n"
    write(tmp_path / "orders.csv", text, encoding)
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame[["customer_name", "rep", "amount"]].values.tolist() == [
        ["华东机电", "王喆", 1200.5]
    ]


def test_an_encoding_neither_reading_settles_is_refused_asking_for_it(tmp_path: Path) -> None:
    # GBK 型 is `ÐÍ` in Windows-1252: beside `A` both read as text, so salescli asks
    text = "Order ID,Order Date,Customer ID,Sales Rep,Amount\nSO1,2024-05-03,C1,A型,10\n"
    write(tmp_path / "orders.csv", text, "gbk")
    message = refusal(tmp_path)
    assert "orders.csv: cannot tell the file's encoding" in message
    assert "'SO1,2024-05-03,C1,A型,10'" in message and "AÐÍ" in message
    assert 'encoding = "gb18030"' in message
    settings(tmp_path, '[inputs.orders]\nencoding = "gb18030"\n')
    assert Workspace(tmp_path, cache=False).table("orders")["rep"].tolist() == ["A型"]
    settings(tmp_path, '[inputs.orders]\nencoding = "cp1252"\n')
    assert Workspace(tmp_path, cache=False).table("orders")["rep"].tolist() == ["AÐÍ"]


# Trap 2: one sheet per month ---------------------------------------------------------------

MONTH_HEADER = ["订单编号", "下单日期", "客户编号", "销售代表", "金额"]


def monthly_book(path: Path) -> Path:
    from tests.helpers import write_xlsx

    return write_xlsx(
        path,
        [
            MONTH_HEADER,
            ["SO1", "2024-04-03", "C1", "张三", 100],
            ["SO2", "2024-04-08", "C2", "李四", 50],
        ],
        "4月",
        extra={
            "5月": [
                MONTH_HEADER,
                ["SO3", "2024-05-03", "C1", "张三", 70],
                ["SO4", "2024-05-09", "C2", "李四", "x"],
            ],
            "汇总": [["销售代表", "金额"], ["张三", 170], ["李四", 50]],
        },
        hidden={"说明": [MONTH_HEADER, ["SO9", "2024-05-03", "C9", "王五", 999]]},
    )


def test_every_month_sheet_is_read_and_a_summary_sheet_skipped_with_a_note(tmp_path: Path) -> None:
    monthly_book(tmp_path / "orders.xlsx")
    # the hidden sheet holds order rows: a month hidden to tidy up, or a leftover? Never a guess
    message = refusal(tmp_path)
    assert "orders.xlsx, sheet 说明: the hidden sheet 说明 holds orders rows" in message
    assert 'to read it, sheet = ["说明", "4月", "5月"]' in message
    assert 'to leave it out, sheet = ["4月", "5月"]' in message
    settings(tmp_path, '[inputs.orders]\nsheet = ["4月", "5月"]\n')  # the hint, followed
    message = refusal(tmp_path)  # the bad amount of May is named with its sheet
    assert "orders.xlsx, sheet 5月, row 3, column amount, value 'x'" in message
    book = tmp_path / "orders.xlsx"
    import openpyxl

    loaded = openpyxl.load_workbook(book)
    loaded["5月"]["E3"] = 30
    loaded.save(book)
    workspace = Workspace(tmp_path, cache=False)
    frame = workspace.table("orders")
    assert frame["order_id"].tolist() == ["SO1", "SO2", "SO3", "SO4"]  # old code: April only
    assert frame["_sheet"].tolist() == ["4月", "4月", "5月", "5月"]
    assert frame["amount"].sum() == 250  # the hidden sheet is out, as the setting says
    settings(tmp_path, '[inputs.orders]\nsheet = ["说明", "4月", "5月"]\n')  # the other hint
    assert Workspace(tmp_path, cache=False).table("orders")["amount"].sum() == 250 + 999
    (tmp_path / "salescli.toml").unlink()
    with pytest.raises(BadDataError, match="hidden sheet"):
        Workspace(tmp_path, cache=False).table("orders")
    del loaded["说明"]
    loaded.save(book)
    workspace = Workspace(tmp_path, cache=False)
    assert workspace.table("orders")["amount"].sum() == 250  # the summary's 220 is not added
    assert any("sheet 汇总 skipped, it holds no orders table" in w for w in workspace.warnings)


@pytest.mark.parametrize(
    ("sheet", "expected"),
    [
        ('"5月"', ["SO3", "SO4"]),
        ('["5月", "4月"]', ["SO3", "SO4", "SO1", "SO2"]),
        ('"*月"', ["SO1", "SO2", "SO3", "SO4"]),
    ],
)
def test_the_sheet_setting_takes_a_name_a_list_or_a_glob(
    tmp_path: Path, sheet: str, expected: list[str]
) -> None:
    monthly_book(tmp_path / "orders.xlsx")
    settings(tmp_path, f"[inputs.orders]\nsheet = {sheet}\n")
    frame = Workspace(tmp_path, cache=False).read("orders").frame
    assert frame["order_id"].tolist() == expected


def test_a_named_sheet_of_another_layout_or_missing_is_an_error(tmp_path: Path) -> None:
    monthly_book(tmp_path / "orders.xlsx")
    settings(tmp_path, '[inputs.orders]\nsheet = "汇总"\n')
    assert "sheet 汇总" in refusal(tmp_path) and "no column for order_id" in refusal(tmp_path)
    settings(tmp_path, '[inputs.orders]\nsheet = "6*"\n')
    message = refusal(tmp_path)
    assert "no sheet matches '6*'" in message and "4月, 5月, 汇总" in message


def test_init_describes_what_the_sheet_setting_does() -> None:
    from salescli.commands.init import config_template

    text = " ".join(line.lstrip("# ") for line in config_template().splitlines())
    assert "every visible sheet whose header holds this table, in sheet order" in text


# Trap 3: a data row taken for a header row -------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_a_first_data_row_with_a_header_word_is_data(tmp_path: Path, kind: str) -> None:
    from tests.helpers import write_csv, write_xlsx

    rows = [
        ["订单编号", "下单日期", "客户编号", "销售代表", "数量", "单价", "备注"],
        ["SO1", "2024-05-03", "C1", "张三", 2, 50, "Sales"],  # a remark that is a header word
        ["SO2", "2024-05-04", "C2", "李四", 1, 30, None],
    ]
    (write_xlsx if kind == "xlsx" else write_csv)(tmp_path / f"orders.{kind}", rows)
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame["order_id"].tolist() == ["SO1", "SO2"]  # old code: SO1 merged into the header
    assert frame["amount"].tolist() == [100.0, 30.0]
    assert frame["_row"].tolist() == [2, 3]


def test_a_second_header_row_of_words_is_still_merged(tmp_path: Path) -> None:
    from tests.helpers import write_xlsx

    rows = [
        ["订单编号", "下单日期", "客户编号", "交货日期", None, "金额"],
        [None, None, None, "约定", "实际", None],
        ["SO1", "2024-05-03", "C1", "2024-05-10", "2024-05-09", 10],
    ]
    write_xlsx(tmp_path / "orders.xlsx", rows, merge=["D1:E1"])
    settings(
        tmp_path, '[inputs.orders]\ndue_date = "交货日期约定"\ndelivered_on = "交货日期实际"\n'
    )
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame["_row"].tolist() == [3] and frame["amount"].tolist() == [10.0]


# Trap 6: report footers --------------------------------------------------------------------

SALESFORCE_FOOTER = [
    [],
    ["Confidential Information - Do Not Distribute"],
    ["Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."],
    [],
    ["Generated By:  Ann Lee  6/5/2024 9:12 AM"],
]
SF_HEADER = ["Order ID", "Order Date", "Customer ID", "Sales Rep", "Amount"]
SF_ROWS = [
    ["SO1", "2024-05-03", "C1", "Ann", "100.00"],
    ["SO2", "2024-05-04", "C2", "Bob", "50.50"],
]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_report_footers_after_the_data_are_dropped_with_a_note(tmp_path: Path, kind: str) -> None:
    from tests.helpers import write_csv, write_xlsx

    rows = [SF_HEADER, *SF_ROWS, ["Grand Totals (2 records)", None, None, None, "150.50"]]
    rows += [["Total"], *SALESFORCE_FOOTER]
    (write_xlsx if kind == "xlsx" else write_csv)(tmp_path / f"orders.{kind}", rows)
    workspace = Workspace(tmp_path, cache=False)
    frame = workspace.table("orders")
    assert frame["amount"].tolist() == [100.0, 50.5]  # the 150.50 is not summed in
    footers = [w for w in workspace.warnings if "footer lines after the data dropped" in w]
    assert footers == [
        f"orders.{kind}{', sheet Sheet1' if kind == 'xlsx' else ''}: 3 footer lines after the "
        "data dropped (rows 7, 8, 10: 'Confidential Information - Do Not Distribute', "
        "'Copyright (c) 2000-2024 salesforce.com, inc. All rights res…', "
        "'Generated By:  Ann Lee  6/5/2024 9:12 AM')"
    ]
    assert any("2 total rows dropped, not summed (rows 4, 5)" in w for w in workspace.warnings)


def test_a_footer_line_in_the_middle_of_the_data_drops_no_data(tmp_path: Path) -> None:
    from tests.helpers import write_csv

    rows = [SF_HEADER, SF_ROWS[0], ["Confidential Information - Do Not Distribute"], SF_ROWS[1]]
    write_csv(tmp_path / "orders.csv", rows)
    message = refusal(tmp_path)  # its cell is an order id: a row missing its values
    assert (
        "orders.csv, row 3, column order_date" in message and "required value is empty" in message
    )
    # in a column not read it is named and the data on both sides is kept
    rows = [
        ["Note", *SF_HEADER],
        [None, *SF_ROWS[0]],
        ["Confidential Information"],
        [None, *SF_ROWS[1]],
    ]
    write_csv(tmp_path / "orders.csv", rows)
    workspace = Workspace(tmp_path, cache=False)
    assert workspace.table("orders")["amount"].tolist() == [100.0, 50.5]
    assert any(
        "1 row with values only in columns not read dropped (row 3: 'Confidential Information')"
        in w
        for w in workspace.warnings
    )


def test_a_last_order_with_only_its_id_is_not_taken_for_a_footer(tmp_path: Path) -> None:
    from tests.helpers import write_csv

    write_csv(tmp_path / "orders.csv", [SF_HEADER, *SF_ROWS, ["SO3"]])
    assert "row 4, column order_date" in refusal(tmp_path)


# Also broken: damaged and password-protected workbooks -------------------------------------


def workbook_bytes() -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(SF_HEADER)
    book.active.append(SF_ROWS[0])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_damaged_xlsx_is_65_the_file_is_damaged(tmp_path: Path) -> None:
    import io
    import struct
    import zipfile

    data = workbook_bytes()
    crc = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml").CRC
    bad = data.replace(struct.pack("<I", crc), struct.pack("<I", crc ^ 0xFFFFFFFF))
    (tmp_path / "orders.xlsx").write_bytes(bad)  # a member with a bad CRC
    message = refusal(tmp_path)  # old code: exit 70, "internal error: BadZipFile"
    assert "orders.xlsx: the file is damaged (Bad CRC-32" in message
    assert "export it again" in message and "BadZipFile" not in message
    (tmp_path / "orders.xlsx").write_bytes(data[: len(data) // 2])  # cut short
    assert "the file is damaged: it is not a complete xlsx/ods (zip) archive" in refusal(tmp_path)


def test_a_password_protected_workbook_says_so(tmp_path: Path) -> None:
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    locked = io.BytesIO()
    OOXMLFile(io.BytesIO(workbook_bytes())).encrypt("secret", locked)
    (tmp_path / "orders.xlsx").write_bytes(locked.getvalue())
    message = refusal(tmp_path)  # old code: "Cannot detect file format"
    assert "orders.xlsx: the workbook is password-protected" in message
    assert "save it without a password" in message


def test_the_fast_csv_reader_gives_what_the_careful_one_gives_on_these_exports(
    tmp_path: Path, monkeypatch
) -> None:
    """Decimal commas, Windows-1252 text and padded footer lines, read by pyarrow's reader
    (the careful one is not called) and by the careful one: the same rows, values and notes."""
    header = "Order ID;Order Date;Customer ID;Customer Name;Sales Rep;Amount\n"
    rows = "SO1;2024-05-03;C1;Müller GmbH;Jürgen;12.500,00\nSO2;2024-05-04;C2;Zoë;Bob;1 234,50\n"
    footer = ";;;;;\nConfidential Information - Do Not Distribute;;;;;\n"
    path = write(tmp_path / "orders.csv", header + rows + footer, "cp1252")
    raw = readers._read_text(readers.decode(path.read_bytes(), path.name), path.name)
    careful = normalise(raw, "orders", InputSpec(), "Asia/Shanghai")

    def no_careful_path(*args, **kwargs):
        raise AssertionError("the careful path was taken")

    monkeypatch.setattr(readers, "_read_text", no_careful_path)
    fast = Workspace(tmp_path, cache=False).read("orders")
    assert fast.frame["amount"].tolist() == careful.frame["amount"].tolist() == [12500.0, 1234.5]
    assert fast.frame["customer_name"].tolist() == ["Müller GmbH", "Zoë"]
    assert careful.frame["customer_name"].tolist() == ["Müller GmbH", "Zoë"]
    assert fast.notes == careful.notes and "1 footer line after" in fast.notes[0]


def test_an_html_xls_keeps_its_decimal_commas(tmp_path: Path) -> None:
    cells = "".join(f"<th>{h}</th>" for h in SF_HEADER)
    rows = "".join(
        "<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>"
        for row in (
            ["SO1", "2024-05-03", "C1", "Ann", "12,5"],
            ["SO2", "2024-05-04", "C2", "Bob", "1.000,75"],
        )
    )
    write(tmp_path / "orders.xls", f"<html><table><tr>{cells}</tr>{rows}</table></html>")
    assert amounts(tmp_path) == [12.5, 1000.75]  # old code: 125 and a refusal


def test_an_html_xls_keeps_the_leading_zeros_of_its_ids(tmp_path: Path) -> None:
    """ERPs save "Excel" files that are HTML tables; ids like 00123 are text there. Read as
    numbers they became 123 and the lines no longer matched their customer (old code)."""
    cells = "".join(f"<th>{h}</th>" for h in ["订单编号", "订单日期", "客户编号", "业务员", "金额"])
    rows = "".join(
        "<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>"
        for row in (
            ["0001", "2024-05-03", "00123", "张三", "1,234.50"],
            ["0002", "2024-05-04", "00045", "李四", "12"],
        )
    )
    write(tmp_path / "订单.xls", f"<html><body><table><tr>{cells}</tr>{rows}</table></body></html>")
    frame = Workspace(tmp_path, cache=False).table("orders")
    assert frame is not None
    assert frame["order_id"].tolist() == ["0001", "0002"]
    assert frame["customer_id"].tolist() == ["00123", "00045"]
    assert frame["amount"].tolist() == [1234.5, 12.0]


def test_an_html_xls_without_a_table_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "orders.xls", "<html><body><p>导出失败，请重试</p></body></html>")
    assert "the HTML file holds no table" in refusal(tmp_path)


# Also broken: the fuzzer's `\x1f` row ------------------------------------------------------


def test_a_row_holding_only_a_control_separator_is_reported_by_both_readers(
    tmp_path: Path,
) -> None:
    from tests.test_fuzz import outcome

    path = write(tmp_path / "orders.csv", f"{EN_HEADER}\nSO1;2024-05-03;C1;Ann;1\n\x1f;;;;\n")
    fast = readers._read_text_arrow(path.read_bytes(), "orders.csv", None)
    careful = readers._read_text(readers.decode(path.read_bytes(), "orders.csv"), "orders.csv")
    assert fast is not None and outcome(fast) == outcome(careful)  # old: careful dropped it
    message = refusal(tmp_path)
    assert (
        "orders.csv, row 3, column order_date" in message and "required value is empty" in message
    )


def test_number_cells_of_a_workbook_do_not_settle_a_text_cell_1_234(tmp_path: Path) -> None:
    from tests.helpers import write_xlsx

    rows = [
        SF_HEADER,
        ["SO1", "2024-05-03", "C1", "Ann", 5.5],
        ["SO2", "2024-05-04", "C2", "Bob", "1,234"],
    ]
    write_xlsx(tmp_path / "orders.xlsx", rows)
    assert "1,234" in refusal(tmp_path)  # 1234 in Shanghai, 1.234 in Berlin: asked, not guessed
    settings(tmp_path, '[inputs.orders]\ndecimal = "."\n')
    assert amounts(tmp_path) == [5.5, 1234.0]
