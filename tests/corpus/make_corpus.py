"""A corpus of broken and awkward exports: one small workspace per case.

Each case writes its files into a folder and says what salescli must do with them: the exact
figures `classify` computes, or the exact error (file, sheet, row, column) and exit code.
Run `python tests/corpus/make_corpus.py DIR` to write every case into DIR/<case>/.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import openpyxl

HEADER = ["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", "金额"]
ROWS = [
    ["SO1", "2024-05-03", "C1", "甲公司", "张三", "1234.5"],
    ["SO2", "2024-05-04", "C2", "乙公司", "李四", "2000"],
    ["SO3", "2024-05-05", "C1", "甲公司", "张三", "3000"],
]
AMOUNTS = {"C1": 4234.5, "C2": 2000.0}
# the other order fields policy 4.2 asks for, so that `check` has nothing to say about them
MORE_HEADER = ["产品型号", "数量", "交货日期", "付款方式"]
MORE = ["YE3-100", "1", "2024-05-20", "月结30天"]


def widen(rows: list[list[object]]) -> list[list[object]]:
    """Add the policy 4.2 fields to the six-column header and order rows of a case."""
    out = []
    for row in rows:
        if len(row) == 6 and row[0] == "订单编号":
            row = [*row, *MORE_HEADER]
        elif len(row) == 6 and row[0] and str(row[0]).startswith(("SO", "0")):
            row = [*row, *MORE]
        out.append(list(row))
    return out


@dataclass
class Case:
    name: str
    build: Callable[[Path], None]
    amounts: dict[str, float] | None = None  # classify's amount per customer
    exit: int = 0  # classify's exit code
    error: str = ""  # text its stderr must hold
    check_exit: int | None = None  # `salescli check`; default: 0, or 65 when classify fails
    stdin: bytes | None = None
    names: dict[str, str] = field(default_factory=dict)  # customer_name per customer
    # the command run and the figure it must give per row (classify's amount per customer by
    # default; appraise's bonus per rep for the cases about targets and reps), and the table
    # `check` validates
    command: tuple[str, ...] = ("classify", "--quarter", "2024Q2")
    figure: tuple[str, str] = ("customer_id", "amount")
    table: str = "orders"

    @property
    def expected_check(self) -> int:
        if self.check_exit is not None:
            return self.check_exit
        return 0 if self.exit == 0 else 65


def text(rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(widen(rows))
    return buffer.getvalue().encode(encoding)


def xlsx(path: Path, rows: list[list[object]], **options) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = options.get("title", "订单")
    for row in widen(rows):
        sheet.append(row)
    for cells in options.get("merge", []):
        sheet.merge_cells(cells)
    if "hidden_first" in options:
        hidden = book.create_sheet("隐藏", 0)
        hidden.append(["内部", "数据"])
        hidden.sheet_state = "hidden"
        book.active = 1
    book.save(path)


def write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_bytes(data)


def _formatted_to_100k(folder: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(folder / "orders.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("订单")
    money = book.add_format({"num_format": "#,##0.00", "bg_color": "#FFFFCC"})
    sheet.write_row(0, 0, [*HEADER, *MORE_HEADER])
    data = [
        [f"SO{i}", "2024-05-03", "C1" if i % 2 else "C2", "x", "张三", "10", *MORE]
        for i in range(50)
    ]
    for i in range(1, 100_001):
        if i <= 50:
            sheet.write_row(i, 0, data[i - 1])
        else:
            sheet.write_blank(i, 5, None, money)
    book.close()


def _two_title_rows(folder: Path) -> None:
    xlsx(folder / "orders.xlsx", [["2024年5月销售订单"], ["导出时间：2024-06-01"], HEADER, *ROWS])


def _merged_header(folder: Path) -> None:
    top = ["订单信息", None, "客户信息", None, None, "金额"]
    bottom = ["订单编号", "下单日期", "客户编号", "客户名称", "销售代表", None]
    xlsx(folder / "orders.xlsx", [top, bottom, *ROWS], merge=["A1:B1", "C1:E1", "F1:F2"])


def _totals(folder: Path) -> None:
    total = ["合计", None, None, None, None, "3234.5"]
    xlsx(
        folder / "orders.xlsx",
        [HEADER, ROWS[0], ROWS[1], total, ROWS[2], ["总计", None, None, None, None, "6234.5"]],
    )


def _mixed_dates(folder: Path) -> None:
    rows = [
        HEADER,
        ["SO1", 45415, "C1", "甲公司", "张三", 1234.5],
        ["SO2", "2024年5月4日", "C2", "乙公司", "李四", 2000],
        ["SO3", "2024/5/5", "C1", "甲公司", "张三", 1000],
        ["SO4", "2024-05-05T23:30:00+08:00", "C1", "甲公司", "张三", 2000],
        ["SO5", datetime(2024, 5, 6, 9, 30), "C2", "乙公司", "李四", 0],
    ]
    xlsx(folder / "orders.xlsx", rows)


def _percent(folder: Path) -> None:
    xlsx(
        folder / "orders.xlsx",
        [
            HEADER,
            ["SO1", "2024-05-03", "C1", "甲", "张三", "12%"],
            ["SO2", "2024-05-03", "C1", "甲", "张三", 0.12],
        ],
    )
    book = openpyxl.load_workbook(folder / "orders.xlsx")
    book.active["F3"].number_format = "0%"
    book.save(folder / "orders.xlsx")


def _formula(folder: Path) -> None:
    xlsx(
        folder / "orders.xlsx", [HEADER, *ROWS, ["SO4", "2024-05-06", "C2", "乙", "李四", "=F2+F3"]]
    )


def _hidden_first(folder: Path) -> None:
    xlsx(folder / "orders.xlsx", [HEADER, *ROWS], hidden_first=True)


def _lock_beside(folder: Path) -> None:
    xlsx(folder / "orders.xlsx", [HEADER, *ROWS])
    (folder / "~$orders.xlsx").write_bytes("\x00locked by 张三".encode())


def _renamed(folder: Path) -> None:
    xlsx(folder / "real.xlsx", [HEADER, *ROWS])
    (folder / "real.xlsx").rename(folder / "orders.xls")


def _html_xls(folder: Path) -> None:
    head = "".join(f"<th>{h}</th>" for h in [*HEADER, *MORE_HEADER])
    body = "".join(
        "<tr>" + "".join(f"<td>{v}</td>" for v in [*row, *MORE]) + "</tr>" for row in ROWS
    )
    page = f'<html><meta charset="gbk"><body><table><tr>{head}</tr>{body}</table></body></html>'
    (folder / "orders.xls").write_bytes(page.encode("gbk"))


def _zip_bomb(folder: Path) -> None:
    """An xlsx whose sheet would inflate to 200 MB of XML, a thousand times its size."""
    xlsx(folder / "good.xlsx", [HEADER, *ROWS])
    with (
        zipfile.ZipFile(folder / "good.xlsx") as source,
        zipfile.ZipFile(folder / "orders.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(item, source.read(item))
        with bomb.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            block = b" " * (1 << 20)
            for _ in range(200):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    (folder / "good.xlsx").unlink()


def _entity_bomb(folder: Path) -> None:
    xlsx(folder / "good.xlsx", [HEADER, *ROWS])
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
            for i in range(1, 10)
        )
        + b"]>"
    )
    with (
        zipfile.ZipFile(folder / "good.xlsx") as source,
        zipfile.ZipFile(folder / "orders.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = laughs + body.replace(b"<t>", b"<t>&lol9;", 1)
            bomb.writestr(item, data)
    (folder / "good.xlsx").unlink()


# read whole or refuse (issue 23) -------------------------------------------------------------


def _cut(encoding: str = "utf-8") -> Callable[[Path], None]:
    """The export cut inside its last row: 3000 read as 300 before, exit 0."""
    data = text([HEADER, *ROWS]).decode("utf-8")
    return write("orders.csv", data[: data.rindex("3000") + 3].encode(encoding))


def _whole_without_final_line_end(folder: Path) -> None:
    (folder / "orders.csv").write_bytes(text([HEADER, *ROWS]).rstrip(b"\r\n"))
    (folder / "salescli.toml").write_text('[inputs.orders]\nlast_line = "complete"\n', "utf-8")


def _hidden_month(folder: Path, setting: str = "") -> None:
    book = openpyxl.Workbook()
    april = book.active
    april.title = "4月"
    for row in widen([HEADER, ROWS[0]]):
        april.append(row)
    may = book.create_sheet("5月")
    for row in widen([HEADER, *ROWS[1:]]):
        may.append(row)
    may.sheet_state = "hidden"
    book.save(folder / "orders.xlsx")
    if setting:
        (folder / "salescli.toml").write_text(f"[inputs.orders]\nsheet = {setting}\n", "utf-8")


def _dangling_month(folder: Path) -> None:
    (folder / "orders-2024-04.csv").write_bytes(text([HEADER, ROWS[0]]))
    (folder / "orders-2024-05.csv").symlink_to(folder / "exports" / "orders-2024-05.csv")


def _legacy(encoding: str, setting: bool = False) -> Callable[[Path], None]:
    """A Big5 or Shift-JIS export (canonical headers: the simplified ones have no Big5)."""
    names = JAPANESE if encoding == "shift_jis" else TRADITIONAL
    header = [
        *("order_id", "order_date", "customer_id", "customer_name", "rep", "amount"),
        *("product_model", "quantity", "due_date", "payment_terms"),
    ]
    more = ["YE3-100", "1", "2024-05-20", "NET30"]
    rows = [header, *([*r[:3], *n, r[5], *more] for r, n in zip(ROWS, names, strict=True))]

    def build(folder: Path) -> None:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        (folder / "orders.csv").write_bytes(buffer.getvalue().encode(encoding))
        if setting:
            (folder / "salescli.toml").write_text(
                f'[inputs.orders]\nencoding = "{encoding}"\n', encoding="utf-8"
            )

    return build


# --- issue 23: a row, cell or rep defaulted or dropped without a word ---------------------------


def _error_cells(folder: Path) -> None:
    """A failed formula's cached error: openpyxl stores `#DIV/0!` as an error cell (t="e"),
    which the xlsx reader reads as a blank."""
    xlsx(
        folder / "orders.xlsx",
        [HEADER, ROWS[0], ["SO2", "2024-05-04", "C2", "乙", "李四", "#DIV/0!"]],
    )


TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", "4000"], ["李四", "2024-05", "2000"]]
APPRAISE = ("appraise", "--month", "2024-05")
BONUS = ("rep", "bonus")


def _with_targets(orders: list[list[object]], targets: list[list[object]]) -> Callable:
    def build(folder: Path) -> None:
        (folder / "orders.csv").write_bytes(text(orders))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(targets)
        (folder / "targets.csv").write_bytes(buffer.getvalue().encode("utf-8"))

    return build


TRADITIONAL = [("台灣精密機械", "陳志明"), ("高雄貿易", "林美玲"), ("台灣精密機械", "陳志明")]
JAPANESE = [
    ("株式会社やまと", "山田太郎"),
    ("さくら商事", "佐藤花子"),
    ("株式会社やまと", "山田太郎"),
]
QUOTED_BREAKS = [
    [*HEADER, "备注"],
    *([*row, "送货, 上门\n周一, 上午"] for row in ROWS),
]
HOSTILE_TEXT = [
    HEADER,
    ["SO1", "2024-05-03", "C1", "甲 | 999,999.00 | x", "张三", "1"],
    ["SO2", "2024-05-03", "C2", '<img src=x onerror="alert(1)">', "张三", "2"],
    ["SO3", "2024-05-03", "C3", "-1-1", "张三", "3"],
    ["SO4", "2024-05-03", "C4", "长" * 40_000, "张三", "4"],
]


def _roc_big5(folder: Path) -> None:
    header = ["單據日期", "單號", "客戶代號", "客戶簡稱", "業務人員", "金額"]
    rows = [
        header,
        ["113/05/03", "S1", "C1", "永豐", "王小明", "1234.5"],
        ["民國113年5月4日", "S2", "C2", "大同", "陳美玲", "2000"],
        ["113.05.05", "S3", "C1", "永豐", "王小明", "3000"],
    ]
    (folder / "orders.csv").write_bytes(text(rows, "big5"))
    (folder / "salescli.toml").write_text(
        '[inputs.orders]\nencoding = "big5"\ncustomer_id = "客戶代號"\nrep = "業務人員"\n',
        encoding="utf-8",
    )


ISSUE_23 = [
    Case(
        "customer_named_total",
        write(
            "orders.csv",
            text(
                [
                    HEADER,
                    ROWS[0],
                    ["SO2", "2024-05-04", "C2", "TOTAL", "李四", "2000"],
                    ROWS[2],
                    ["合计", None, None, None, None, "6234.5"],
                ]
            ),
        ),
        AMOUNTS,
        names={"C2": "TOTAL"},
    ),
    Case(
        "total_row_not_adding_up",
        write("orders.csv", text([HEADER, *ROWS, ["合计", None, None, None, None, "6000"]])),
        exit=65,
        error="orders.csv, row 5, column order_id, value '合计': holds a total word but is not "
        "a line",
    ),
    Case(
        "empty_amount",
        write(
            "orders.csv", text([HEADER, *ROWS[:2], ["SO3", "2024-05-05", "C1", "甲", "张三", ""]])
        ),
        exit=65,
        error="orders.csv, row 4, column amount: empty: the line's amount is unknown",
    ),
    Case(
        "excel_error_cell",
        _error_cells,
        exit=65,
        error="orders.xlsx, sheet 订单, row 3, column amount, value '#DIV/0!': a cached Excel "
        "error",
    ),
    Case(
        "returned_status_not_counted",
        write(
            "orders.csv",
            text(
                [
                    [*HEADER, "状态"],
                    [*ROWS[0], "已完成"],
                    [*ROWS[1], "已完成"],
                    [*ROWS[2], "已完成"],
                    ["SO4", "2024-05-06", "C2", "乙", "李四", "500", "作废(红冲)"],
                    ["SO5", "2024-05-06", "C1", "甲", "张三", "800", "退货"],
                ]
            ),
        ),
        AMOUNTS,
    ),
    Case("roc_dates_big5", _roc_big5, {"C1": 4234.5, "C2": 2000.0}),
    Case(
        "duplicate_target_rows",
        _with_targets([HEADER, *ROWS], [*TARGETS, ["张三", "2024-05", "3000"]]),
        exit=65,
        error="targets.csv, row 4, column target, value '3000': target 张三/2024-05 is "
        "listed twice with different values, rows 2, 4",
        command=APPRAISE,
        figure=BONUS,
        table="targets",
    ),
    Case(
        "identical_target_rows_read_once",
        _with_targets([HEADER, *ROWS], [*TARGETS, TARGETS[1]]),
        # 4234.5 / 4000 and 2000 / 2000; summed, 张三's target would be 8000 and his bonus 0
        {"张三": 5439.69, "李四": 5000.0},
        command=APPRAISE,
        figure=BONUS,
        table="targets",
    ),
    Case(
        "zero_target",
        _with_targets([HEADER, *ROWS], [TARGETS[0], ["张三", "2024-05", "0"], TARGETS[2]]),
        exit=65,
        error="targets.csv, row 2, column target, value '0': target must be above 0",
        command=APPRAISE,
        figure=BONUS,
        table="targets",
    ),
    Case(
        "rep_in_full_width",
        _with_targets(
            [HEADER, *[[*r[:4], "Ａｌｉｃｅ" if r[4] == "张三" else r[4], r[5]] for r in ROWS]],
            [TARGETS[0], ["Alice", "2024-05", "4000"], TARGETS[2]],
        ),
        {"Alice": 5439.69, "李四": 5000.0},  # Ａｌｉｃｅ apart from Alice: Alice's bonus 0
        command=APPRAISE,
        figure=BONUS,
        table="orders",
    ),
]

INJECTION = [
    HEADER,
    ["SO1", "2024-05-03", "C1", '=HYPERLINK("http://x","点我")', "张三", "1"],
    ["SO2", "2024-05-03", "C2", "@SUM(A1)", "张三", "-500"],
    ["SO3", "2024-05-03", "C3", "-2+3", "+86 138 0013 8000", "2"],
]

CASES = [
    # encodings
    Case("gbk_csv", write("orders.csv", text([HEADER, *ROWS], "gbk")), AMOUNTS),
    Case(
        "gb18030_csv",
        write(
            "orders.csv",
            text(
                [HEADER, *ROWS[:1], ["SO2", "2024-05-04", "C2", "𠮷野家", "李四", "2000"], ROWS[2]],
                "gb18030",
            ),
        ),
        AMOUNTS,
        names={"C2": "𠮷野家"},
    ),
    Case(
        "utf8_that_decodes_as_gbk",
        write("orders.csv", text([HEADER, ["SO1", "2024-05-03", "C1", "你好", "张三", "5"]])),
        {"C1": 5.0},
        names={"C1": "你好"},
    ),
    Case("utf8_bom", write("orders.csv", b"\xef\xbb\xbf" + text([HEADER, *ROWS])), AMOUNTS),
    Case("utf16_unicode_text", write("orders.txt", text([HEADER, *ROWS], "utf-16", "\t")), AMOUNTS),
    Case("stdin_gbk", lambda folder: None, AMOUNTS, stdin=text([HEADER, *ROWS], "gbk")),
    # layout
    Case("two_title_rows", _two_title_rows, AMOUNTS),
    Case("merged_two_row_header", _merged_header, AMOUNTS),
    Case(
        "duplicated_headers",
        write("orders.csv", text([[*HEADER, "金额"], [*ROWS[0], "1"]])),
        exit=65,
        error="orders.csv, row 1: headers '金额' and '金额' both map to column amount",
    ),
    Case("totals_middle_and_end", _totals, AMOUNTS),
    Case(
        "empty_rows",
        write("orders.csv", text([HEADER, [], ROWS[0], [""] * 6, ROWS[1], [], ROWS[2], []])),
        AMOUNTS,
    ),
    Case(
        "comma_only_rows", write("orders.csv", text([HEADER, *ROWS]) + b",,,,,\r\n" * 40), AMOUNTS
    ),
    Case("formatted_to_row_100000", _formatted_to_100k, {"C1": 250.0, "C2": 250.0}),
    # values
    Case(
        "money_as_text",
        write(
            "orders.csv",
            text(
                [
                    HEADER,
                    ["SO1", "2024-05-03", "C1", "甲", "张三", "¥1,234.50"],
                    ["SO2", "2024-05-04", "C2", "乙", "李四", "￥2,000"],
                    ["SO3", "2024-05-05", "C1", "甲", "张三", "3,000元"],
                    ["SO4", "2024-05-05", "C2", "乙", "李四", "(500)"],
                    ["SO5", "2024-05-05", "C2", "乙", "李四", "１２３"],
                ]
            ),
        ),
        {"C1": 4234.5, "C2": 1623.0},
    ),
    Case("percent_text_and_cell", _percent, {"C1": 0.24}),
    Case(
        "ids_with_leading_zeros",
        write("orders.csv", text([HEADER, ["000123", "2024-05-03", "000456", "x", "张三", "1"]])),
        {"000456": 1.0},
    ),
    Case("mixed_dates", _mixed_dates, {"C1": 4234.5, "C2": 2000.0}),
    Case(
        "bad_date",
        write(
            "orders.csv", text([HEADER, ROWS[0], ["SO2", "2024-02-30", "C2", "乙", "李四", "1"]])
        ),
        exit=65,
        error="orders.csv, row 3, column order_date, value '2024-02-30': not a date",
    ),
    # files
    Case("xls_that_is_html", _html_xls, AMOUNTS),
    Case("xls_that_is_tsv", write("orders.xls", text([HEADER, *ROWS], "gbk", "\t")), AMOUNTS),
    Case("xlsx_renamed_xls", _renamed, AMOUNTS),
    Case("hidden_first_sheet", _hidden_first, AMOUNTS),
    Case("lock_file_beside", _lock_beside, AMOUNTS),
    Case(
        "formula_without_value",
        _formula,
        exit=65,
        error="orders.xlsx, sheet 订单: 1 formula cell has no saved value: F5",
    ),
    Case("empty_file", write("orders.csv", b""), exit=65, error="orders.csv: the file is empty"),
    Case("header_only", write("orders.csv", text([HEADER])), {}),
    Case(
        "only_unknown_headers",
        write("orders.csv", text([["甲", "乙"], ["1", "2"]])),
        exit=65,
        error="orders.csv: no header row with orders columns in the first 30 rows",
    ),
    # read whole or refuse (issue 23)
    Case(
        "csv_cut_in_last_row",
        _cut(),
        exit=65,
        error="orders.csv, row 4, value 'SO3,2024-05-05,C1,甲公司,张三,300': the last line has "
        "no line end",
    ),
    Case(
        "utf16_cut_in_last_row",
        _cut("utf-16"),
        exit=65,
        error="orders.csv, row 4, value 'SO3,2024-05-05,C1,甲公司,张三,300': the last line has "
        "no line end",
    ),
    Case("whole_without_final_line_end_and_its_setting", _whole_without_final_line_end, AMOUNTS),
    Case(
        "hidden_month_sheet",
        _hidden_month,
        exit=65,
        error="orders.xlsx, sheet 5月: the hidden sheet 5月 holds orders rows",
    ),
    Case(
        "hidden_month_sheet_named",
        lambda folder: _hidden_month(folder, '["4月", "5月"]'),
        AMOUNTS,
    ),
    Case(
        "hidden_month_sheet_left_out",
        lambda folder: _hidden_month(folder, '["4月"]'),
        {"C1": 1234.5},
    ),
    Case(
        "dangling_monthly_link",
        _dangling_month,
        exit=66,
        error="orders-2024-05.csv: the file is a link to",
        check_exit=66,
    ),
    Case("utf16be_without_bom", write("orders.csv", text([HEADER, *ROWS], "utf-16-be")), AMOUNTS),
    Case("utf16le_without_bom", write("orders.csv", text([HEADER, *ROWS], "utf-16-le")), AMOUNTS),
    Case("utf32_with_bom", write("orders.csv", text([HEADER, *ROWS], "utf-32")), AMOUNTS),
    Case("utf32be_without_bom", write("orders.csv", text([HEADER, *ROWS], "utf-32-be")), AMOUNTS),
    Case(
        "big5_csv",
        _legacy("big5"),
        exit=65,
        error="orders.csv: cannot tell the file's encoding",
    ),
    Case(
        "big5_csv_with_its_encoding",
        _legacy("big5", setting=True),
        AMOUNTS,
        names={"C1": "台灣精密機械", "C2": "高雄貿易"},
    ),
    Case(
        "shift_jis_csv",
        _legacy("shift_jis"),
        exit=65,
        error="orders.csv: cannot tell the file's encoding",
    ),
    Case(
        "shift_jis_csv_with_its_encoding",
        _legacy("shift_jis", setting=True),
        AMOUNTS,
        names={"C1": "株式会社やまと", "C2": "さくら商事"},
    ),
    Case(
        "pipe_csv_with_quoted_line_breaks",
        write("orders.csv", text(QUOTED_BREAKS, delimiter="|")),
        AMOUNTS,
    ),
    Case(
        "markdown_html_formula_and_long_text",
        write("orders.csv", text(HOSTILE_TEXT)),
        {"C1": 1.0, "C2": 2.0, "C3": 3.0, "C4": 4.0},
        names={
            "C1": HOSTILE_TEXT[1][3],
            "C2": HOSTILE_TEXT[2][3],
            "C3": "-1-1",
            "C4": "长" * 40_000,
        },
    ),
    # hostile
    Case("zip_bomb", _zip_bomb, exit=65, error="refused: the archive would inflate to"),
    Case(
        "xml_entity_bomb",
        _entity_bomb,
        exit=65,
        error="refused: xl/worksheets/sheet1.xml declares XML entities",
    ),
    Case(
        "formula_injection",
        write("orders.csv", text(INJECTION)),
        {"C1": 1.0, "C2": -500.0, "C3": 2.0},
        names={"C1": '=HYPERLINK("http://x","点我")', "C2": "@SUM(A1)", "C3": "-2+3"},
    ),
    *ISSUE_23,
]


def main(folder: Path) -> None:
    for case in CASES:
        target = folder / case.name
        target.mkdir(parents=True, exist_ok=True)
        case.build(target)
        if case.stdin is not None:
            (target / "stdin.csv").write_bytes(case.stdin)
        print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus"))
