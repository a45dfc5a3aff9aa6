"""Ingestion of real-world exports: encodings, file kinds, layouts, values (foundation §4)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from salescli.config import InputSpec
from salescli.data.workspace import Workspace
from salescli.errors import BadDataError
from tests.helpers import ORDER_HEADER, order_row, write_csv, write_xlsx

ROWS = [order_row("SO1", "2024-05-03", "C001", 100), order_row("SO2", "2024-05-04", "C002", 250.5)]


def orders(folder: Path) -> pd.DataFrame:
    frame = Workspace(folder).table("orders")
    assert frame is not None
    return frame


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_csv_encodings_with_chinese_headers(tmp_path: Path, encoding: str) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, *ROWS], encoding=encoding)
    frame = orders(tmp_path)
    assert frame["customer_name"].tolist() == ["C001公司", "C002公司"]
    assert frame["amount"].tolist() == [100.0, 250.5]
    assert frame["_row"].tolist() == [2, 3]


def test_utf8_that_also_decodes_as_gbk_is_read_as_utf8(tmp_path: Path) -> None:
    # "浣犲ソ" is what GBK makes of the UTF-8 bytes of "你好": both decodings succeed
    text = "你好"
    assert text.encode("utf-8").decode("gbk") == "浣犲ソ"
    write_csv(
        tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 1, rep=text)]
    )
    assert orders(tmp_path)["rep"].tolist() == ["你好"]


def test_encoding_setting_overrides_detection(tmp_path: Path) -> None:
    # Big5 bytes of a traditional header are not UTF-8; GB18030 would garble them
    rows = [["訂單編號", "日期", "客戶編號", "金額"], ["SO1", "2024-05-03", "C1", "12"]]
    write_csv(tmp_path / "data.csv", rows, encoding="big5")
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\npath = "data.csv"\nencoding = "big5"\n', encoding="utf-8"
    )
    frame = orders(tmp_path)
    assert frame["order_id"].tolist() == ["SO1"] and frame["amount"].tolist() == [12.0]


def test_tsv_and_semicolon_text(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.txt", [ORDER_HEADER, *ROWS], delimiter="\t")
    assert orders(tmp_path)["amount"].sum() == 350.5


def test_xlsx_with_title_rows_blank_rows_and_totals(tmp_path: Path) -> None:
    rows = [
        ["2024年5月销售订单明细"],
        [],
        ORDER_HEADER,
        ROWS[0],
        [],
        ["合计", None, None, None, None, None, None, None, None, 100],
        ROWS[1],
        ["总计"] + [None] * 8 + [350.5],
    ]
    write_xlsx(tmp_path / "orders.xlsx", rows, "订单")
    workspace = Workspace(tmp_path)
    frame = workspace.table("orders")
    assert frame["order_id"].tolist() == ["SO1", "SO2"]
    assert frame["_row"].tolist() == [4, 7]  # the rows Excel shows
    assert frame["amount"].sum() == 350.5  # totals dropped, never summed
    assert any("2 total rows dropped" in w and "rows 6, 8" in w for w in workspace.warnings)


def test_two_row_merged_header(tmp_path: Path) -> None:
    rows = [
        ["订单编号", "下单日期", "客户编号", "交货日期", None, "金额"],
        [None, None, None, "约定", "实际", None],
        ["SO1", "2024-05-03", "C1", "2024-05-10", "2024-05-09", 10],
    ]
    write_xlsx(tmp_path / "orders.xlsx", rows, merge=["D1:E1"])
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\ndue_date = "交货日期约定"\ndelivered_on = "交货日期实际"\n', "utf-8"
    )
    frame = orders(tmp_path)
    assert frame["due_date"].tolist() == [pd.Timestamp("2024-05-10")]
    assert frame["delivered_on"].tolist() == [pd.Timestamp("2024-05-09")]
    assert frame["_row"].tolist() == [3]


def test_hidden_sheets_skipped_and_named_sheets_concatenated(tmp_path: Path) -> None:
    write_xlsx(
        tmp_path / "orders.xlsx",
        [ORDER_HEADER, ROWS[0]],
        "五月",
        hidden={"说明": [["内部使用"]]},
        extra={"六月": [ORDER_HEADER, ROWS[1]]},
    )
    assert orders(tmp_path)["order_id"].tolist() == ["SO1", "SO2"]  # every visible sheet
    (tmp_path / "salescli.toml").write_text('[inputs.orders]\nsheet = ["六月", "五月"]\n', "utf-8")
    frame = orders(tmp_path)
    assert frame["order_id"].tolist() == ["SO2", "SO1"]
    assert frame["_sheet"].tolist() == ["六月", "五月"]


def test_monthly_exports_found_by_glob_in_order_and_lock_files_ignored(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "orders-2024-10.xlsx", [ORDER_HEADER, ROWS[1]])
    write_xlsx(tmp_path / "orders-2024-9.xlsx", [ORDER_HEADER, ROWS[0]])
    (tmp_path / "~$orders-2024-10.xlsx").write_bytes(b"lock")
    assert orders(tmp_path)["order_id"].tolist() == ["SO1", "SO2"]  # 9 before 10


def test_chinese_file_name_is_found(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "订单明细.xlsx", [ORDER_HEADER, ROWS[0]])
    assert orders(tmp_path)["order_id"].tolist() == ["SO1"]


def test_xls_that_is_html(tmp_path: Path) -> None:
    cells = "".join(f"<th>{h}</th>" for h in ORDER_HEADER)
    data = "".join(f"<td>{'' if v is None else v}</td>" for v in ROWS[0])
    html = f"<html><body><table><tr>{cells}</tr><tr>{data}</tr></table></body></html>"
    (tmp_path / "orders.xls").write_bytes(html.encode("gb18030"))
    assert orders(tmp_path)["amount"].tolist() == [100.0]


def test_xls_that_is_tsv_and_xls_that_is_xlsx(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.xls", [ORDER_HEADER, ROWS[0]], "gb18030", delimiter="\t")
    assert orders(tmp_path)["order_id"].tolist() == ["SO1"]
    write_xlsx(tmp_path / "real.xlsx", [ORDER_HEADER, ROWS[1]])
    (tmp_path / "orders.xls").write_bytes((tmp_path / "real.xlsx").read_bytes())
    (tmp_path / "real.xlsx").unlink()
    assert orders(tmp_path)["order_id"].tolist() == ["SO2"]


def test_real_xls_and_ods(tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("订单")
    for i, row in enumerate([ORDER_HEADER, ROWS[0]]):
        for j, value in enumerate(row):
            if value is not None:
                sheet.write(i, j, value)
    book.save(str(tmp_path / "orders.xls"))
    assert orders(tmp_path)["amount"].tolist() == [100.0]
    (tmp_path / "orders.xls").unlink()
    pd.DataFrame([ROWS[1]], columns=ORDER_HEADER).to_excel(
        tmp_path / "orders.ods", index=False, engine="odf"
    )
    assert orders(tmp_path)["amount"].tolist() == [250.5]


def test_parquet_input(tmp_path: Path) -> None:
    pd.DataFrame([ROWS[0]], columns=ORDER_HEADER).astype(str).to_parquet(
        tmp_path / "orders.parquet"
    )
    assert orders(tmp_path)["order_id"].tolist() == ["SO1"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¥1,234.50", 1234.5),
        ("￥2,000", 2000.0),
        ("3,000元", 3000.0),
        ("(500)", -500.0),
        ("１２３", 123.0),
        ("12%", 0.12),
        ("RMB 88", 88.0),
        ("-7.5", -7.5),
        (0.12, 0.12),
    ],
)
def test_numbers_stored_as_text(tmp_path: Path, text: object, expected: float) -> None:
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", text)])
    assert orders(tmp_path)["amount"].tolist() == [pytest.approx(expected)]


def test_ids_keep_leading_zeros(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("000123", "2024-05-03", "007", 1)])
    frame = orders(tmp_path)
    assert frame["order_id"].tolist() == ["000123"] and frame["customer_id"].tolist() == ["007"]


@pytest.mark.parametrize(
    "value",
    [
        45415,
        "45415",
        "2024-05-03",
        "2024/5/3",
        "2024.5.3",
        "2024年5月3日",
        "2024-05-03 14:20",
        "2024-05-03T23:30:00+08:00",
        "2024-05-03T10:00:00Z",
        "20240503",
    ],
)
def test_date_forms(tmp_path: Path, value: object) -> None:
    write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, order_row("SO1", value, "C1", 1)])
    assert orders(tmp_path)["order_date"].tolist() == [pd.Timestamp("2024-05-03")]


def test_datetime_cell_and_offset_reduced_to_local_date(tmp_path: Path) -> None:
    from datetime import datetime

    rows = [
        ORDER_HEADER,
        order_row("SO1", datetime(2024, 5, 3, 18, 30), "C1", 1),
        order_row("SO2", "2024-05-03T20:00:00Z", "C1", 1),
    ]  # 04:00 on the 4th in Beijing
    write_xlsx(tmp_path / "orders.xlsx", rows)
    assert orders(tmp_path)["order_date"].tolist() == [
        pd.Timestamp("2024-05-03"),
        pd.Timestamp("2024-05-04"),
    ]


def test_bad_value_names_file_sheet_row_column_value_and_hint(tmp_path: Path) -> None:
    rows = [["标题"], ORDER_HEADER, ROWS[0], order_row("SO3", "2024-13-45", "C3", 1)]
    write_xlsx(tmp_path / "orders.xlsx", rows, "订单")
    with pytest.raises(BadDataError) as caught:
        orders(tmp_path)
    error = caught.value
    assert (error.file, error.sheet, error.row, error.column, error.value) == (
        "orders.xlsx",
        "订单",
        4,
        "order_date",
        "2024-13-45",
    )
    assert error.message.startswith("not a date") and "2024年5月3日" in error.hint


def test_required_value_empty_is_an_error_not_a_dropped_row(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv", [ORDER_HEADER, ROWS[0], order_row("SO2", "2024-05-04", "", 5)]
    )
    with pytest.raises(BadDataError, match="required value is empty") as caught:
        orders(tmp_path)
    assert (caught.value.row, caught.value.column) == (3, "customer_id")


def test_formula_without_cached_value_is_named(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "orders.xlsx", [ORDER_HEADER, ROWS[0], ROWS[1]])
    book = __import__("openpyxl").load_workbook(path)
    book.active["J3"] = "=I3*H3"  # openpyxl saves formulas without values
    book.save(path)
    with pytest.raises(BadDataError, match="no saved value: J3") as caught:
        orders(tmp_path)
    assert caught.value.sheet == "Sheet1"


def test_alias_matching_ignores_case_width_spaces_and_traditional(tmp_path: Path) -> None:
    rows = [
        ["Order No", "ORDER_DATE", "Ｃｕｓｔｏｍｅｒ ＩＤ", "銷售代表", "金額"],
        ["SO1", "2024-05-03", "C1", "李四", "5"],
    ]
    write_csv(tmp_path / "orders.csv", rows)
    frame = orders(tmp_path)
    assert frame[["order_id", "customer_id", "rep", "amount"]].iloc[0].tolist() == [
        "SO1",
        "C1",
        "李四",
        5.0,
    ]


def test_two_headers_for_one_column_is_an_error_naming_both(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["订单编号", "日期", "客户编号", "金额", "销售额"], ["SO1", "2024-05-03", "C1", "1", "1"]],
    )
    with pytest.raises(BadDataError, match="'金额' and '销售额' both map to column amount"):
        orders(tmp_path)


def test_missing_required_column_says_what_the_header_has(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [["订单编号", "客户编号", "金额"], ["SO1", "C1", "1"]])
    with pytest.raises(BadDataError, match="no column for order_date") as caught:
        orders(tmp_path)
    assert "[inputs.orders] order_date" in caught.value.hint


def test_column_mapping_and_header_row_from_config(tmp_path: Path) -> None:
    rows = [
        ["x", "y"],
        ["单据号", "制单日期", "往来单位编码", "价税合计"],
        ["SO1", "2024-05-03", "C1", "9"],
    ]
    write_csv(tmp_path / "export.csv", rows)
    (tmp_path / "salescli.toml").write_text(
        '[inputs.orders]\npath = "export.csv"\nheader_row = 2\norder_id = "单据号"\n'
        'order_date = "制单日期"\ncustomer_id = "往来单位编码"\n',
        "utf-8",
    )
    assert orders(tmp_path)[["order_id", "amount"]].iloc[0].tolist() == ["SO1", 9.0]


def test_amount_derived_from_quantity_and_price(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "orders.csv",
        [["订单编号", "日期", "客户编号", "数量", "单价"], ["SO1", "2024-05-03", "C1", "3", "2.5"]],
    )
    assert orders(tmp_path)["amount"].tolist() == [7.5]


def test_unknown_headers_are_kept_aside(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [[*ORDER_HEADER, "备注"], [*ROWS[0], "加急"]])
    loaded = Workspace(tmp_path).read("orders")
    assert loaded is not None and loaded.unmatched == ["备注"]


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "orders.csv").write_bytes(b"")
    with pytest.raises(BadDataError, match="the file is empty"):
        orders(tmp_path)


def test_not_a_zip_xlsx_is_an_error(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "orders.xlsx", "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(BadDataError, match="cannot open the workbook"):
        orders(tmp_path)


def test_input_spec_defaults() -> None:
    assert InputSpec().columns == {}


def test_tab_separated_file_with_commas_in_cells(tmp_path: Path) -> None:
    # found by the fuzzer: a name of commas and a 1,000.00 amount made "," look like the delimiter
    rows = [
        ["订单编号", "下单日期", "客户编号", "销售代表", "金额"],
        ["SO1", "2015-01-01", "001", "=", "0.00"],
        ["SO2", "2015/1/1", "002", ",,,", "1,000.00"],
        ["SO3", "2015-01-01", "003", "张三", "5"],
    ]
    write_csv(tmp_path / "orders.csv", rows, delimiter="\t")
    frame = orders(tmp_path)
    assert frame["rep"].tolist() == ["=", ",,,", "张三"]
    assert frame["amount"].tolist() == [0.0, 1000.0, 5.0]
