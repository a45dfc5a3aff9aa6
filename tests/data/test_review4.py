# ruff: noqa: E501  (each export row is one line, as the system writes it)
"""A hostile read of the third new user's reading heuristics (units in headers and above them,
English months, trailing minus, hidden rows, new status words): inputs where a heuristic gave
exit 0 with a wrong figure. Each test builds its file in tmp_path and runs the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run, write_csv, write_xlsx

ORDER = ["订单编号", "下单日期", "客户编号"]


def _classify(folder: Path, settings: str = "") -> tuple[int, dict[str, float], str]:
    if settings:
        (folder / "salescli.toml").write_text(settings, encoding="utf-8")
    result = run("-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json")
    amounts = {}
    if result.exit_code == 0:
        amounts = {r["customer_id"]: r["amount"] for r in json.loads(result.stdout)}
    return result.exit_code, amounts, result.stderr


# ---------------------------------------------------------------- a unit on a column the amount comes from


def test_an_amount_computed_from_a_unit_price_in_wan_yuan_is_in_yuan(tmp_path: Path) -> None:
    """No amount column: the amount is quantity x unit price, and the price's header says
    万元. 2 x 1.5 万元 is 30,000 yuan (the amount was computed before the unit was read: 3)."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, "数量", "单价(万元)"], ["SO1", "2024-05-03", "C1", "2", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, '[inputs.orders]\nunit_price = "单价(万元)"\n')
    assert code == 0, err
    assert amounts == {"C1": 30000.0}


@pytest.mark.parametrize(
    "header",
    [
        "Quantity (thousands)",
        "Qty ('000)",
        "数量(千件)",
    ],
)
def test_an_amount_computed_from_a_quantity_in_thousands_is_counted_so(
    tmp_path: Path, header: str
) -> None:
    """A quantity in thousands, 2 at 1.5 each, is 3,000 of goods, not 3."""
    write_csv(tmp_path / "orders.csv", [["Order ID", "Order Date", "Customer ID", header, "Unit Price"], ["SO1", "2024-05-03", "C1", "2", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(
        tmp_path, f'[currency]\nbase = "USD"\n[inputs.orders]\nquantity = "{header}"\n'
    )
    assert code == 0, err
    assert amounts == {"C1": 3000.0}


@pytest.mark.parametrize(
    ("header", "factor"),
    [("数量(万件)", 10000), ("数量（千台）", 1000), ("销量/千只", 1000), ("数量(千)", 1000),
     ("售电量(万千瓦时)", 10000), ("数量(千千克)", 1000)],
)  # fmt: skip
def test_a_quantity_in_a_chinese_multiple_of_its_unit_is_counted_so(
    tmp_path: Path, header: str, factor: int
) -> None:
    """万 or 千 before the unit a quantity is counted in (件, 台, 只, 千瓦时) makes each number
    that many: 2 at 1.5 is 3 x the multiple, not 3."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, header, "单价"], ["SO1", "2024-05-03", "C1", "2", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, f'[inputs.orders]\nquantity = "{header}"\n')
    assert code == 0, err
    assert amounts == {"C1": 3 * factor}


@pytest.mark.parametrize(
    "header", ["数量(千克)", "重量（千克）", "数量(千米)", "电量(千瓦时)", "数量/千瓦"]
)
def test_a_quantity_in_kilograms_is_no_thousand_of_anything(tmp_path: Path, header: str) -> None:
    """千 in 千克 (kg), 千米 (km), 千瓦时 (kWh) is part of the unit, not a multiple of the
    count: 2 kg at 1.5 is 3, not 3,000."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, header, "单价"], ["SO1", "2024-05-03", "C1", "2", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, f'[inputs.orders]\nquantity = "{header}"\n')
    assert code == 0, err
    assert amounts == {"C1": 3.0}


@pytest.mark.parametrize(
    ("quantity", "price", "row", "amount"),
    [("数量(千件)", "单价(元/千件)", ["2", "1500"], 3000.0),
     ("数量", "单价(元/千件)", ["2000", "1500"], 3000.0),
     ("数量(千件)", "单价(万元/千件)", ["2", "1.5"], 30000.0),
     ("数量(千克)", "单价(元/千克)", ["2", "1.5"], 3.0)],
)  # fmt: skip
def test_a_price_per_thousand_pieces_is_a_thousandth_a_piece(
    tmp_path: Path, quantity: str, price: str, row: list[str], amount: float
) -> None:
    """A price per 千件 is for a thousand pieces: 2,000 pieces (2 千件) at 1,500 元/千件 is
    3,000, whether the quantity is written in pieces or in thousands (with the quantity read in
    thousands and the price per piece, it would be 3,000,000)."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, quantity, price], ["SO1", "2024-05-03", "C1", *row]])  # fmt: skip
    settings = f'[inputs.orders]\nquantity = "{quantity}"\nunit_price = "{price}"\n'
    code, amounts, err = _classify(tmp_path, settings)
    assert code == 0, err
    assert amounts == {"C1": amount}


@pytest.mark.parametrize("price", ["1.5", "5"])
def test_an_amount_computed_from_a_price_under_a_unit_line_is_refused(
    tmp_path: Path, price: str
) -> None:
    """`单位：万元` above 数量 and 单价, and no amount column: whether the price is in 万元 (a
    machine at 1.5 万元) or in 元 (5 yuan a piece, the report's amounts in 万元) the file does
    not say, and the amount computed from it is 10,000 times apart either way. Refused naming
    the line and the column, with the way out (its header names its unit); it was 3 (the
    price in 元, while the unit price shown beside it was read as 15,000)."""
    write_xlsx(tmp_path / "orders.xlsx", [["销售明细"], ["单位：万元"], [*ORDER, "数量", "单价"], ["SO1", "2024-05-03", "C1", "2", price]])  # fmt: skip
    code, amounts, err = _classify(tmp_path)
    assert code == 65, amounts
    assert "单位：万元" in err and "单价" in err and "单价(元)" in err


@pytest.mark.parametrize("header", ["单价(元)", "单价(元/件)", "单价（人民币元/吨）"])
def test_a_price_naming_yuan_under_a_unit_line_makes_the_amount_in_yuan(
    tmp_path: Path, header: str
) -> None:
    """Under `单位：万元`, a price whose header says 元 (per piece) is in yuan: 2,000 x 5 is
    10,000 yuan (元/件 was read as 万元: 100,000,000)."""
    write_xlsx(tmp_path / "orders.xlsx", [["销售明细"], ["单位：万元"], [*ORDER, "数量", header], ["SO1", "2024-05-03", "C1", "2000", "5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, f'[inputs.orders]\nunit_price = "{header}"\n')
    assert code == 0, err
    assert amounts == {"C1": 10000.0}


def test_an_amount_under_a_unit_line_is_read_in_it_beside_a_unit_price(tmp_path: Path) -> None:
    """With the amount in the file, the price is not needed: 金额 0.5 under `单位：万元` is
    5,000 yuan."""
    write_xlsx(tmp_path / "orders.xlsx", [["销售明细"], ["单位：万元"], [*ORDER, "数量", "单价", "金额"], ["SO1", "2024-05-03", "C1", "1000", "5", "0.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path)
    assert code == 0, err
    assert amounts == {"C1": 5000.0}


@pytest.mark.parametrize(
    "line", ["单价单位：元  金额单位：万元", "数量单位：千件；单价单位：元；金额单位：万元"]
)
def test_the_unit_line_of_the_amounts_is_read_past_the_price_s(tmp_path: Path, line: str) -> None:
    """A line stating the unit of the price first (单价单位：元) and of the amounts after it
    (金额单位：万元): 金额 1 is 10,000 yuan (the first unit found, 元, was taken for all: 1)."""
    write_xlsx(tmp_path / "orders.xlsx", [["销售明细"], [line], [*ORDER, "数量", "单价", "金额"], ["SO1", "2024-05-03", "C1", "2000", "5", "1"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path)
    assert code == 0, err
    assert amounts == {"C1": 10000.0}


@pytest.mark.parametrize("header", ["单价(万元/台)", "单价（千元/吨）"])
def test_a_unit_price_in_wan_yuan_per_piece_is_in_yuan(tmp_path: Path, header: str) -> None:
    """Machinery priced per set: `单价(万元/台)` 1.5 is 15,000 yuan a set, 2 sets 30,000 (the
    unit was not seen for the `/台` after it: 3)."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, "数量", header], ["SO1", "2024-05-03", "C1", "2", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, f'[inputs.orders]\nunit_price = "{header}"\n')
    assert code == 0, err
    factor = 10000 if "万" in header else 1000
    assert amounts == {"C1": 3 * factor}


def test_a_tax_inclusive_amount_in_wan_yuan_is_in_yuan(tmp_path: Path) -> None:
    """The only amount is `含税金额(万元)`, mapped as gross_amount: it stands in for the amount,
    and 1.5 is 15,000 yuan (the copy taken before the unit was read stayed 1.5)."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, "含税金额(万元)"], ["SO1", "2024-05-03", "C1", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, '[inputs.orders]\ngross_amount = "含税金额(万元)"\n')
    assert code == 0, err
    assert amounts == {"C1": 15000.0}


def test_a_gross_basis_takes_the_gross_column_in_its_own_unit(tmp_path: Path) -> None:
    """Under `单位：万元`, 金额 (net, in 万元) beside `含税金额(元)`, amount_basis = "gross": the
    amount is the tax-inclusive 11,300 yuan, not 11,300 x 10,000 (the net column's unit
    followed the name `amount` onto the gross numbers)."""
    write_xlsx(tmp_path / "orders.xlsx", [["销售明细"], ["单位：万元"], [*ORDER, "金额", "含税金额(元)"], ["SO1", "2024-05-03", "C1", "1", "11300"]])  # fmt: skip
    settings = 'amount_basis = "gross"\n[inputs.orders]\ngross_amount = "含税金额(元)"\n'
    code, amounts, err = _classify(tmp_path, settings)
    assert code == 0, err
    assert amounts == {"C1": 11300.0}


def test_a_base_currency_amount_in_wan_yuan_is_in_yuan(tmp_path: Path) -> None:
    """`本位币金额(万元)` mapped as base_amount is the amount, 1.5 is 15,000 yuan."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, "本位币金额(万元)"], ["SO1", "2024-05-03", "C1", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, '[inputs.orders]\nbase_amount = "本位币金额(万元)"\n')
    assert code == 0, err
    assert amounts == {"C1": 15000.0}


# ---------------------------------------------------------------- a unit line about something else


@pytest.mark.parametrize(
    "line", ["Quantities in thousands", "Units in thousands", "Volumes in millions", "Qty in '000"]
)
def test_a_line_giving_the_unit_of_quantities_leaves_the_money_alone(
    tmp_path: Path, line: str
) -> None:
    """A line above the header giving the unit of the quantities says nothing of the money:
    1,500 stays 1,500 (it was read as 1,500 thousand, exit 0)."""
    write_xlsx(tmp_path / "orders.xlsx", [["Sales by customer"], [line], ["Order ID", "Order Date", "Customer ID", "Quantity", "Amount"],
                                          ["SO1", "2024-05-03", "C1", "2", "1500"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, '[currency]\nbase = "USD"\n')
    assert code == 0, err
    assert amounts == {"C1": 1500.0}


def test_a_quantity_in_millimetres_is_not_in_millions(tmp_path: Path) -> None:
    """Cable sold by length: `Quantity (mm)` 2,000 at 0.5 a millimetre is 1,000, not 2,000 x
    1,000,000 x 0.5 (`mm` read as millions, as a money header may mean it)."""
    write_csv(tmp_path / "orders.csv", [["Order ID", "Order Date", "Customer ID", "Quantity (mm)", "Unit Price"],
                                        ["SO1", "2024-05-03", "C1", "2000", "0.5"]])  # fmt: skip
    code, amounts, err = _classify(
        tmp_path, '[currency]\nbase = "USD"\n[inputs.orders]\nquantity = "Quantity (mm)"\n'
    )
    assert code == 0, err
    assert amounts == {"C1": 1000.0}


# ---------------------------------------------------------------- status words


def test_a_taiwan_invoice_issued_is_no_draft(tmp_path: Path) -> None:
    """A Taiwan e-invoice list (電子發票, in traditional script): 發票狀態 開立 is an invoice
    issued, 作廢 one voided. 開立 folds to 用友's 开立 (a document saved, not yet approved):
    the word means opposite things, so it is refused (65) naming it, neither counted nor left
    out on a guess; following the hint (counted) reads the issued 100 as a sale."""
    write_csv(tmp_path / "orders.csv", [["發票號碼", "發票日期", "買方統編", "總計", "發票狀態"],
                                        ["AB00000001", "2024-05-03", "12345678", "100", "開立"],
                                        ["AB00000002", "2024-05-04", "87654321", "50", "作廢"]])  # fmt: skip
    settings = (
        '[inputs.orders]\norder_id = "發票號碼"\norder_date = "發票日期"\n'
        'customer_id = "買方統編"\namount = "總計"\nstatus = "發票狀態"\n'
    )
    code, amounts, err = _classify(tmp_path, settings)
    assert code == 65, (amounts, err)
    assert "開立" in err and "[statuses] not_counted (a draft) or counted (issued)" in err
    code, amounts, err = _classify(tmp_path, settings + '[statuses]\ncounted = ["開立"]\n')
    assert code == 0, err
    assert amounts == {"12345678": 100.0}
    code, amounts, err = _classify(tmp_path, settings + '[statuses]\nnot_counted = ["開立"]\n')
    assert code == 0, err
    assert amounts == {}  # a draft and a voided invoice: no sale


# ---------------------------------------------------------------- rows hidden in other workbooks

_REGIONS = [["订单编号", "下单日期", "客户编号", "区域", "金额"],
            ["SO1", "2024-05-03", "C1", "华东", 100], ["SO2", "2024-05-04", "C2", "华南", 200],
            ["SO3", "2024-05-05", "C3", "华东", 300], ["SO4", "2024-05-06", "C4", "华南", 400]]  # fmt: skip


def _filtered_ods(path: Path) -> None:
    """LibreOffice Calc's AutoFilter left on 华东: the 华南 rows are in the file with
    table:visibility="filter" (a collapsed group writes "collapse")."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    book = OpenDocumentSpreadsheet()
    sheet = Table(name="订单")
    for number, values in enumerate(_REGIONS, start=1):
        row = TableRow(visibility="filter") if number in (3, 5) else TableRow()
        for value in values:
            kind = {"valuetype": "float", "value": value} if isinstance(value, int) else {}
            cell = TableCell(**kind) if kind else TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            row.addElement(cell)
        sheet.addElement(row)
    book.spreadsheet.addElement(sheet)
    book.save(str(path))


def test_rows_hidden_by_a_filter_in_an_ods_file_are_refused(tmp_path: Path) -> None:
    """An .ods filtered to 华东 is refused naming the hidden rows, as an .xlsx is (it counted
    华南's 600 with exit 0), and `hidden_rows = "skip"` leaves them out."""
    _filtered_ods(tmp_path / "orders.ods")
    code, amounts, err = _classify(tmp_path)
    assert code == 65, amounts
    assert "rows 3, 5" in err and 'hidden_rows = "skip"' in err
    code, amounts, err = _classify(tmp_path, '[inputs.orders]\nhidden_rows = "skip"\n')
    assert code == 0, err
    assert amounts == {"C1": 100.0, "C3": 300.0}


def test_rows_hidden_by_a_filter_in_an_xls_file_are_refused(tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("订单")
    for i, values in enumerate(_REGIONS):
        for j, value in enumerate(values):
            sheet.write(i, j, value)
    for hidden in (2, 4):  # rows 3 and 5
        sheet.row(hidden).hidden = True
    book.save(str(tmp_path / "orders.xls"))
    code, amounts, err = _classify(tmp_path)
    assert code == 65, amounts
    assert "rows 3, 5" in err


# ---------------------------------------------------------------- more spellings of a unit


@pytest.mark.parametrize(
    ("header", "factor"),
    [
        ("Revenue ($000's)", 1000),
        ("Revenue ($ in thousands)", 1000),
        ("Net Sales (in thousands of dollars)", 1000),
        ("Amount (millions of USD)", 1_000_000),
        ("销售额（万元人民币）", 10000),
        ("Amount (USD)", 1),
    ],
)
def test_more_spellings_of_a_unit_in_a_header(tmp_path: Path, header: str, factor: int) -> None:
    """Financial statements write `($ in thousands)`, `($000's)`, `(in thousands of
    dollars)`; Chinese reports `（万元人民币）`: each is the unit of the numbers (they were
    read as dollars or yuan, exit 0)."""
    write_csv(tmp_path / "orders.csv", [["Order ID", "Order Date", "Customer ID", header], ["SO1", "2024-05-03", "C1", "1.25"]])  # fmt: skip
    code, amounts, err = _classify(
        tmp_path, f'[currency]\nbase = "USD"\n[inputs.orders]\namount = "{header}"\n'
    )
    assert code == 0, err
    assert amounts == {"C1": round(1.25 * factor, 2)}


# ---------------------------------------------------------------- 万 written in a money cell


@pytest.mark.parametrize(("cell", "amount"), [("1.5万", 15000.0), ("1,234.5万", 12345000.0), ("2万元", 20000.0), ("0.3亿", 30000000.0)])  # fmt: skip
def test_an_amount_written_with_wan_in_its_cell_is_that_many(
    tmp_path: Path, cell: str, amount: float
) -> None:
    """`1.5万` in a 金额 cell (a sheet kept by hand) is 15,000 (it was refused as not a
    number); the other lines, in yuan, stay as written."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, "金额"], ["SO1", "2024-05-03", "C1", cell], ["SO2", "2024-05-04", "C2", "800"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path)
    assert code == 0, err
    assert amounts == {"C1": amount, "C2": 800.0}


def test_wan_in_a_cell_of_a_column_in_wan_yuan_is_refused(tmp_path: Path) -> None:
    """`1.5万` under `金额(万元)`: 15,000 yuan, or 1.5万 of 万元? Refused naming the row, the
    column and the value, never multiplied twice (150,000,000)."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, "金额(万元)"], ["SO1", "2024-05-03", "C1", "1.5万"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path, '[inputs.orders]\namount = "金额(万元)"\n')
    assert code == 65, amounts
    assert "row 2" in err and "1.5万" in err and "万元" in err


def test_wan_in_a_cell_under_a_unit_line_is_refused(tmp_path: Path) -> None:
    """`1.5万` in 金额 under `单位：万元`: refused as above."""
    write_xlsx(tmp_path / "orders.xlsx", [["销售明细"], ["单位：万元"], [*ORDER, "金额"], ["SO1", "2024-05-03", "C1", "1.5万"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path)
    assert code == 65, amounts
    assert "1.5万" in err and "单位：万元" in err


# ---------------------------------------------------------------- a units row under the header


@pytest.mark.parametrize(
    ("units", "row", "settings", "amount"),
    [((None, None, None, "件", "元"), ("2", "1500"), "", 1500.0),
     ((None, None, None, "件", "万元"), ("2", "1.5"), "", 15000.0),
     ((None, None, None, "件", "万元"), ("2", "1.5"), '[inputs.orders]\namount = "金额"\n', 15000.0),
     ((None, None, None, "千件", "元"), ("2", "1.5"), '[inputs.orders]\nunit_price = "金额"\n', 3000.0)],
)  # fmt: skip
def test_a_units_row_right_under_the_header_gives_each_column_its_unit(
    tmp_path: Path, units: tuple, row: tuple, settings: str, amount: float
) -> None:
    """`元 | 件 | 万元` on the row under the header (as Chinese reports write it) is no line:
    each column is read in its unit, as if its header said it (it was refused as a line
    missing its order number and date)."""
    header = [*ORDER, "数量", "金额"]
    write_xlsx(tmp_path / "orders.xlsx", [header, list(units), ["SO1", "2024-05-03", "C1", *row]])
    code, amounts, err = _classify(tmp_path, settings)
    assert code == 0, err
    assert amounts == {"C1": amount}


def test_a_row_under_the_header_that_is_not_all_units_is_a_line(tmp_path: Path) -> None:
    """`万` alone (万 what?) under 金额: no units row; refused as a line, never read in 万元."""
    write_xlsx(tmp_path / "orders.xlsx", [[*ORDER, "数量", "金额"], [None, None, None, "件", "万"], ["SO1", "2024-05-03", "C1", "2", "1.5"]])  # fmt: skip
    code, amounts, err = _classify(tmp_path)
    assert code == 65, amounts
    assert "row 2" in err


def test_a_target_written_with_wan_in_its_cell_is_that_many(tmp_path: Path) -> None:
    """A targets sheet kept by hand: `5万` is a target of 50,000, so 10,000 sold is 20%."""
    write_csv(tmp_path / "orders.csv", [[*ORDER, "业务员", "金额"], ["SO1", "2024-05-03", "C1", "张三", "10000"]])  # fmt: skip
    write_csv(tmp_path / "targets.csv", [["rep", "period", "target"], ["张三", "2024-05", "5万"]])
    result = run("-w", str(tmp_path), "appraise", "--month", "2024-05", "--format", "json")
    assert result.exit_code == 0, result.stderr
    got = {r["rep"]: (r["target"], r["attainment"]) for r in json.loads(result.stdout)}
    assert got == {"张三": (50000.0, 0.2)}
