"""A sheet or a file whose name says its lines are no sales: 退货明细, 作废订单, orders-退货.xlsx.

An ERP workbook often keeps its returns on a sheet of their own, written positive, beside the
sales (or a second export of returns beside the orders). Every visible sheet holding the table
is read, so a 200 return was counted +200 (张三 1,200, a bonus of 3,000, where the right figure
is 800 and no bonus), and a sheet of voided orders paid a bonus of 8,750 — exit 0, even with
--strict. Such a sheet or file whose lines would count as sales is now refused (65), naming
it, its lines and amount; `[inputs.orders] returns` subtracts its lines, `sheet` or `path`
leaves it out or names it (then its lines are sales). Each hint is followed here.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import appraised_sales as _sales
from tests.helpers import set_settings, write_csv, write_xlsx

HEADER = ["订单编号", "订单日期", "客户编号", "业务员", "产品型号", "数量", "单价", "金额", "成本"]
SALES = [
    HEADER,
    ["SO1", "2024-05-03", "C1", "张三", "P1", 10, 100, 1000, 600],
    ["SO2", "2024-05-31", "C2", "李四", "P1", 5, 100, 500, 300],
]
RETURN = ["TH1", "2024-05-20", "C1", "张三", "P1", 2, 100, 200, 120]
TARGETS = [["销售代表", "期间", "目标"], ["张三", "2024-05", 2000], ["李四", "2024-05", 1000]]
NET = {"张三": 800.0, "李四": 500.0}
GROSS = {"张三": 1000.0, "李四": 500.0}


def _workbook(path: Path, sheets: dict[str, list[list]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def _workspace(folder: Path, sheets: dict[str, list[list]]) -> Path:
    folder.mkdir()
    _workbook(folder / "orders.xlsx", sheets)
    write_csv(folder / "targets.csv", TARGETS)
    return folder


def test_a_returns_sheet_is_refused_then_subtracted_as_its_hint_says(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", {"销售明细": SALES, "退货明细": [HEADER, RETURN]})
    code, _, said = _sales(folder)
    assert code == 65
    assert said.startswith(
        "salescli: error: orders.xlsx, sheet 退货明细: the sheet 退货明细 is named for returns, "
        "but its 1 line (200.00) would count as a sale"
    ), said
    assert '[inputs.orders] returns = ["退货明细"] subtracts them' in said
    set_settings(folder / "salescli.toml", "inputs.orders", returns='["退货明细"]')
    code, sales, said = _sales(folder, "--strict")
    assert (code, sales) == (0, NET), said


def test_the_other_answer_names_the_sheet_its_lines_are_sales(tmp_path: Path) -> None:
    folder = _workspace(tmp_path / "ws", {"销售明细": SALES, "退货明细": [HEADER, RETURN]})
    set_settings(folder / "salescli.toml", "inputs.orders", sheet='["销售明细", "退货明细"]')
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, {"张三": 1200.0, "李四": 500.0}), said


def test_a_sheet_of_voided_orders_is_refused_then_left_out(tmp_path: Path) -> None:
    void = ["SO3", "2024-05-20", "C1", "张三", "P1", 2, 1000, 2000, 120]
    folder = _workspace(tmp_path / "ws", {"有效订单": SALES, "作废订单": [HEADER, void]})
    code, _, said = _sales(folder)
    assert code == 65
    assert "sheet 作废订单: the sheet 作废订单 is named for voided or cancelled orders" in said
    assert "list the sheets to read in [inputs.orders] sheet = [...]" in said
    set_settings(folder / "salescli.toml", "inputs.orders", sheet='["有效订单"]')
    code, sales, said = _sales(folder, "--strict")
    assert (code, sales) == (0, GROSS), said


def test_a_returns_sheet_already_negative_is_read_as_returns_unasked(tmp_path: Path) -> None:
    negative = [*RETURN[:5], -2, 100, -200, -120]
    folder = _workspace(tmp_path / "ws", {"销售明细": SALES, "退货明细": [HEADER, negative]})
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, NET), said


def test_a_returns_file_matched_by_a_glob_is_refused_then_subtracted(tmp_path: Path) -> None:
    """The glob the "not read" warning suggested (orders*.xlsx) must not add returns."""
    folder = tmp_path / "ws"
    folder.mkdir()
    write_xlsx(folder / "orders.xlsx", SALES)
    write_xlsx(folder / "orders-退货.xlsx", [HEADER, RETURN])
    write_csv(folder / "targets.csv", TARGETS)
    set_settings(folder / "salescli.toml", "inputs.orders", path='"orders*.xlsx"')
    code, _, said = _sales(folder)
    assert code == 65
    assert "the file orders-退货.xlsx is named for returns or voids" in said, said
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        path='"orders*.xlsx"',
        returns='["orders-退货.xlsx"]',
    )
    code, sales, said = _sales(folder, "--strict")
    assert (code, sales) == (0, NET), said


def test_a_gbk_returns_csv_among_the_exports_is_refused(tmp_path: Path) -> None:
    """As 金蝶 and 用友 write text exports; the file's own name, not a sheet's, says it."""
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "exports").mkdir()
    write_csv(folder / "exports" / "订单-5月.csv", SALES, encoding="gbk")
    write_csv(folder / "exports" / "订单-5月退货.csv", [HEADER, RETURN], encoding="gbk")
    write_csv(folder / "targets.csv", TARGETS)
    set_settings(folder / "salescli.toml", "inputs.orders", path='"exports/订单*.csv"')
    code, _, said = _sales(folder)
    assert code == 65 and "the file 订单-5月退货.csv is named for returns" in said, said
    set_settings(
        folder / "salescli.toml", "inputs.orders", path='"exports/订单*.csv"', returns='["*退货*"]'
    )
    assert _sales(folder)[:2] == (0, NET)


def test_a_returns_sheet_with_a_document_type_is_read_by_it(tmp_path: Path) -> None:
    """A 单据类型 column saying 销售退货 on the sheet's lines already makes them returns."""
    header = [*HEADER, "单据类型"]
    sales = [header, *[[*row, "销售出库"] for row in SALES[1:]]]
    folder = _workspace(
        tmp_path / "ws", {"销售明细": sales, "退货明细": [header, [*RETURN, "销售退货"]]}
    )
    code, sales_by_rep, said = _sales(folder)
    assert (code, sales_by_rep) == (0, NET), said


def test_traditional_names_are_read_the_same(tmp_path: Path) -> None:
    """退貨明細 and 作廢訂單, as a Taiwan or Hong Kong workbook names them."""
    folder = _workspace(tmp_path / "ws", {"銷售明細": SALES, "退貨明細": [HEADER, RETURN]})
    code, _, said = _sales(folder)
    assert code == 65 and "the sheet 退貨明細 is named for returns" in said, said
    void = ["SO3", "2024-05-20", "C1", "张三", "P1", 2, 1000, 2000, 120]
    other = _workspace(tmp_path / "other", {"有效訂單": SALES, "作廢訂單": [HEADER, void]})
    code, _, said = _sales(other)
    assert code == 65 and "the sheet 作廢訂單 is named for voided or cancelled orders" in said


def test_a_database_table_is_named_by_the_user_and_not_asked(tmp_path: Path) -> None:
    """`table = "销售与退货"` in salescli.toml is the user's own choice of table: its
    name says nothing the user has not said."""
    import sqlite3

    folder = tmp_path / "ws"
    folder.mkdir()
    with sqlite3.connect(folder / "erp.db") as db:
        columns = ", ".join(f'"{h}"' for h in HEADER)
        db.execute(f"CREATE TABLE 销售与退货 ({columns})")
        db.executemany(f"INSERT INTO 销售与退货 VALUES ({', '.join('?' * 9)})", SALES[1:])
    write_csv(folder / "targets.csv", TARGETS)
    set_settings(
        folder / "salescli.toml",
        "inputs.orders",
        source='"sqlite:///erp.db"',
        table='"销售与退货"',
    )
    code, sales, said = _sales(folder)
    assert (code, sales) == (0, GROSS), said
