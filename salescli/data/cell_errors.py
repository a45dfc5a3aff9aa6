"""Cached Excel errors (`#DIV/0!`, `#N/A`) in a workbook, put back where the reader left blanks.

fastexcel and python-calamine read a cell whose formula failed as an empty cell (fastexcel
issue #229, python-calamine issue #105): an amount of `#DIV/0!` would be an empty amount. A
CSV saved by Excel keeps the text, and the parsers report it (`normalise.EXCEL_ERRORS`); for
an xlsx the text is recovered here: fastexcel's `to_arrow_with_errors()` gives the position
and kind of each such cell (`Error(Div0)`), which becomes the text Excel shows, and the sheet
is normalised again with it.

Looked for only when it can matter, so a clean workbook costs nothing: when a normalised
sheet has an empty cell in a number or date column (or a problem about an empty value), and
the sheet's XML holds a cell of type error (`t="e"`). Legacy `.xls` and `.ods` workbooks are
read by calamine, which gives no such detail: their error cells stay empty cells, which a
column a figure needs reports as empty.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pandas as pd

from salescli.data.normalise import Normalised
from salescli.data.readers import RawSheet, sheet_blocks, sniff
from salescli.schema import TABLES

# calamine's CellErrorType, as fastexcel names it in a cell error's detail, and Excel's text
EXCEL_TEXT = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "GettingData": "#GETTING_DATA",
}
_KIND = re.compile(r"Error\((\w+)\)")


def restored(
    data: bytes,
    raws: list[RawSheet],
    parts: list[Normalised],
    normalise: Callable[[list[RawSheet]], list[Normalised]],
) -> list[Normalised]:
    """`parts` again, normalised from `raws` with their error cells' text, when a workbook
    (`data`, the bytes the sheets were read from) holds error cells where a blank can
    matter; else `parts` as they are."""
    if not any(_may_hide_errors(part) for part in parts):
        return parts
    if sniff(data) != "xlsx" or not _has_error_cells(data):
        return parts
    found = False
    for raw in raws:
        if raw.sheet is not None:
            found |= _put_back(data, raw, raw.sheet)
    return normalise(raws) if found else parts


def _may_hide_errors(part: Normalised) -> bool:
    """An empty cell where a value counts: a number or date column read, or a problem."""
    if any(p.value is None and p.row is not None for p in part.problems):
        return True
    columns = TABLES[part.table].columns
    kinds = ("number", "integer", "date", "period")
    read = [c for c in part.frame.columns if c in columns and columns[c].type in kinds]
    return bool(read) and bool(part.frame[read].isna().to_numpy().any())


def _has_error_cells(data: bytes) -> bool:
    """Whether a worksheet of the workbook holds a cell of type error; streamed, one pass."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
    return any(
        b't="e"' in block
        for part in parts
        if part.endswith(".xml")
        for block in sheet_blocks(data, part, 8)
    )


def _put_back(data: bytes, raw: RawSheet, sheet_name: str) -> bool:
    """Write each error cell's text into the raw sheet's cells; whether there was one. The
    sheet is loaded as the reader loads it, so positions are the raw cells' own."""
    import fastexcel

    try:
        sheet = fastexcel.read_excel(data).load_sheet(
            sheet_name, header_row=None, dtypes="string", whitespace_as_null=True
        )
        _, errors = sheet.to_arrow_with_errors()
    except Exception:  # the sheet was read once already; a second failure changes nothing
        return False
    if errors is None:
        return False
    cells = raw.cells
    put = False
    for error in errors.errors:
        kind = _KIND.search(error.detail)
        row, column = error.position
        if kind is None or row >= len(cells) or column >= cells.shape[1]:
            continue
        if pd.isna(cells.iat[row, column]):
            cells.iat[row, column] = EXCEL_TEXT.get(kind.group(1), f"#{kind.group(1).upper()}!")
            put = True
    return put
