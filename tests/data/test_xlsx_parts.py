"""An xlsx's parts and first row read by what its XML means, whatever namespace prefix a
generator writes (`<x:workbook xmlns:x=…>`, `<x:sheet …>`, `<x:row>`): Excel's row numbers and
the unsaved-formula guard hold on such a workbook as on one Excel saved."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font

from salescli.data import readers
from salescli.data.workspace import Workspace
from salescli.errors import BadDataError
from tests.helpers import ORDER_HEADER, order_row, run

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _with_prefix(xml: str) -> str:
    """The same XML with the spreadsheet namespace bound to `x:` instead of the default."""
    tagged = re.sub(r"<(/?)([A-Za-z]\w*)(?=[\s>/])", r"<\1x:\2", xml)
    return tagged.replace(f'xmlns="{MAIN}"', f'xmlns:x="{MAIN}"')


def prefixed(path: Path) -> Path:
    """Rewrite the workbook and its worksheets inside the zip with the `x:` prefix."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, body in members:
            if info.filename == "xl/workbook.xml" or info.filename.startswith("xl/worksheets/"):
                text = _with_prefix(body.decode("utf-8"))
                assert "<x:sheetData" in text or "<x:sheet " in text  # the rewrite took
                body = text.encode("utf-8")
            target.writestr(info, body)
    path.write_bytes(buffer.getvalue())
    return path


def orders_from_row_3(path: Path, bad_day_at: int | None = None, formula: bool = False) -> Path:
    """Orders whose header stands at Excel row 3 (rows 1-2 hold no value; A1 only a style),
    lines from row 4; a bad date at Excel row `bad_day_at`; an unsaved formula in J5."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单"
    sheet["A1"].font = Font(bold=True)  # styled but empty: not where the table starts
    days = ["2024-05-03", "2024-05-04", "2024-05-06", "2024-05-07"]
    rows = [ORDER_HEADER] + [
        order_row(f"SO{n}", day, f"C{n}", 100 + n) for n, day in enumerate(days, start=1)
    ]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=3 + offset, column=column, value=value)
    if bad_day_at is not None:
        sheet.cell(row=bad_day_at, column=ORDER_HEADER.index("下单日期") + 1, value="2024-13-45")
    if formula:
        sheet["J5"] = "=I5*H5"  # openpyxl saves a formula without its value
    book.save(path)
    return prefixed(path)


def test_the_rewrite_leaves_no_default_namespace(tmp_path: Path) -> None:
    path = orders_from_row_3(tmp_path / "orders.xlsx")
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    assert "<x:workbook" in workbook and "<x:sheet " in workbook and "<sheet " not in workbook


def test_the_sheet_part_and_first_row_are_found_with_a_prefix(tmp_path: Path) -> None:
    data = orders_from_row_3(tmp_path / "orders.xlsx").read_bytes()
    part = readers._sheet_part(data, "订单")
    assert part == "xl/worksheets/sheet1.xml"
    assert readers._first_value_row(data, part) == 3


def test_the_first_row_is_where_calamine_starts(tmp_path: Path) -> None:
    """fastexcel reads from calamine's range start: the row number read from the XML must be
    that row, styled empty cells above it or not, prefixed or not."""
    import python_calamine

    path = orders_from_row_3(tmp_path / "orders.xlsx")
    data = path.read_bytes()
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    start_row, _ = book.get_sheet_by_name("订单").start
    assert readers._first_value_row(data, readers._sheet_part(data, "订单")) == start_row + 1


def test_check_names_excels_row_on_a_prefixed_workbook(tmp_path: Path) -> None:
    orders_from_row_3(tmp_path / "orders.xlsx", bad_day_at=7)
    with pytest.raises(BadDataError) as caught:
        Workspace(tmp_path).table("orders")
    assert (caught.value.sheet, caught.value.row, caught.value.column) == (
        "订单",
        7,
        "order_date",
    )
    result = run("-w", str(tmp_path), "check")
    problems = list(csv.DictReader(io.StringIO(result.stdout)))
    bad = [p for p in problems if p["value"] == "2024-13-45"]
    assert [(p["sheet"], p["row"], p["column"]) for p in bad] == [("订单", "7", "order_date")]


def test_the_formula_guard_fires_on_a_prefixed_workbook(tmp_path: Path) -> None:
    orders_from_row_3(tmp_path / "orders.xlsx", formula=True)
    with pytest.raises(BadDataError, match=r"1 formula cell.* no saved value: J5") as caught:
        Workspace(tmp_path).table("orders")
    assert caught.value.sheet == "订单"


def test_a_formula_with_its_saved_value_passes(tmp_path: Path) -> None:
    path = orders_from_row_3(tmp_path / "orders.xlsx")
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info, body in members:
            if info.filename == "xl/worksheets/sheet1.xml":  # J5 as Excel saves it: <f> and <v>
                body = re.sub(
                    rb'(<x:c r="J5"[^>]*>)<x:v>[^<]*</x:v>',
                    rb"\1<x:f>I5*H5</x:f><x:v>103</x:v>",
                    body,
                )
                assert b"<x:f>I5*H5</x:f>" in body
            target.writestr(info, body)
    path.write_bytes(buffer.getvalue())
    frame = Workspace(tmp_path).table("orders")
    assert frame is not None and frame["_row"].tolist() == [4, 5, 6, 7]


XML = (b'<c r="B2"><v>3</v></c>', b"<is><t>coffee</t></is>", b"x" * 7)


@settings(max_examples=300)
@given(
    pieces=st.lists(
        st.sampled_from(
            [*(b"<f>", b"<f ", b"<f/", b":f>", b"<x:f ", b"f", b"<", b":", b"ff", b"of"), *XML]
        ),
        max_size=200,
    ),
    chunk=st.integers(1, 40),
)
def test_the_quick_formula_scan_finds_what_the_regex_finds(pieces, chunk) -> None:
    """The memchr scan, block by block with its two-byte tail, agrees with one regex search of
    the whole sheet, wherever the blocks cut it."""
    sheet = b"".join(pieces)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sheet.xml", sheet)
    with pytest.MonkeyPatch.context() as patch:
        original = zipfile.ZipExtFile.read
        patch.setattr(zipfile.ZipExtFile, "read", lambda self, n=-1: original(self, chunk))
        found = readers._has_formula(buffer.getvalue(), "sheet.xml")
    assert found == bool(re.search(rb"[<:]f[ >/]", sheet))
