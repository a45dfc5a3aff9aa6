"""Excel output through XlsxWriter: bold frozen header, autofilter, widths, number formats,
native charts, fixed metadata so the same inputs give the same bytes."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from salescli.labels import Kind, kind_of, label
from salescli.output.model import Chart, Output, Table
from salescli.output.safe import safe_sheet_name, unique_names

MAX_ROWS = 1_048_576
FIXED_TIME = datetime(2000, 1, 1)
NUMBER_FORMATS: dict[Kind, str] = {
    "money": "#,##0.00",
    "percent": "0.0%",
    "score": "0.0",
    "integer": "0",
    "number": "#,##0.##",
    "date": "yyyy-mm-dd",
}


def write_xlsx(path: Path, output: Output, lang: str) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties({"created": FIXED_TIME, "author": "salescli", "title": output.title})
    formats = {k: book.add_format({"num_format": v}) for k, v in NUMBER_FORMATS.items()}
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheets = _plan_sheets(output.tables)
    names = unique_names([name for name, _, _ in sheets], safe_sheet_name, 31)
    placed: dict[str, tuple[str, int]] = {}
    for name, (_, table, frame) in zip(names, sheets, strict=True):
        sheet = book.add_worksheet(name)
        _write_sheet(sheet, frame, lang, formats, header)
        placed.setdefault(table.name, (name, len(frame)))
    notes = [n for t in output.tables for n in t.notes] + output.notes
    if notes:
        sheet = book.add_worksheet(unique_names([*names, "notes"], safe_sheet_name, 31)[-1])
        sheet.set_column(0, 0, 120)
        for row, note in enumerate(notes):
            sheet.write_string(row, 0, note)
    for chart in output.charts:
        if chart.table in placed:
            _add_chart(book, chart, output.table(chart.table).frame, placed[chart.table], lang)
    book.close()


def _plan_sheets(tables: list[Table]) -> list[tuple[str, Table, pd.DataFrame]]:
    """One sheet per table; a table longer than a sheet continues on `name (2)`, never cut."""
    plan = []
    for table in tables:
        frame = table.frame
        chunk = MAX_ROWS - 1
        parts = max(1, -(-len(frame) // chunk))
        for part in range(parts):
            name = table.name if part == 0 else f"{table.name} ({part + 1})"
            plan.append((name, table, frame.iloc[part * chunk : (part + 1) * chunk]))
    return plan


def _write_sheet(sheet: Any, frame: pd.DataFrame, lang: str, formats: dict, header: Any) -> None:
    columns = [str(c) for c in frame.columns]
    kinds = [_kind(frame[c], c) for c in frame.columns]
    for j, (column, kind) in enumerate(zip(columns, kinds, strict=True)):
        width = _width(label(column, lang), frame[frame.columns[j]], kind)
        sheet.set_column(j, j, width, formats.get(kind))
    sheet.write_row(0, 0, [label(c, lang) for c in columns], header)
    sheet.freeze_panes(1, 0)
    if columns:
        sheet.autofilter(0, 0, max(len(frame), 1), len(columns) - 1)
    # cells are prepared a column at a time (vectorised where the column has one type), then
    # written row by row, as constant_memory requires, with the writer that fits each column
    cells = [_cells(frame.iloc[:, j], kind) for j, kind in enumerate(kinds)]
    writers = [_writer(sheet, kind, formats) for kind in kinds]
    for i, row in enumerate(zip(*cells, strict=True), start=1):
        for j, cell in enumerate(row):
            if cell is not None:
                writers[j](i, j, cell)


def _cells(series: pd.Series, kind: Kind) -> list:
    """A column as the Python values XlsxWriter takes, None where the cell stays empty."""
    present = series.notna().to_numpy()
    if kind == "date":
        return [v.to_pydatetime() if ok else None for v, ok in zip(series, present, strict=True)]
    if kind != "text":  # a numeric dtype; integers stay integers
        whole = pd.api.types.is_integer_dtype(series.dtype)
        values = series.to_numpy(
            dtype="object" if whole else "float64", na_value=None if whole else float("nan")
        ).tolist()
        return [v if ok else None for v, ok in zip(values, present, strict=True)]
    if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(
        series.dtype
    ):
        return [v if ok else None for v, ok in zip(series.tolist(), present, strict=True)]
    convert = _converter(kind)
    return [convert(v) for v in series.tolist()]


def _writer(sheet: Any, kind: Kind, formats: dict):
    """The write call for a column: a number, a date, or (text columns) by the cell's type."""
    if kind == "date":
        date_format = formats["date"]
        return lambda i, j, cell: sheet.write_datetime(i, j, cell, date_format)
    if kind != "text":
        number_format = formats.get(kind)
        return lambda i, j, cell: sheet.write_number(i, j, cell, number_format)

    def write_any(i: int, j: int, cell: Any) -> None:
        if isinstance(cell, str):
            sheet.write_string(i, j, cell)
        elif isinstance(cell, datetime):
            sheet.write_datetime(i, j, cell, formats["date"])
        else:
            sheet.write_number(i, j, cell, None)

    return write_any


def _kind(series: pd.Series, column: str) -> Kind:
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        kind = kind_of(column)
        return kind if kind != "text" else "number"
    return "text"


def _converter(kind: Kind):
    def convert(value: Any) -> Any:
        if value is None or value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, float) and value != value:
            return None
        if kind == "date" and isinstance(value, pd.Timestamp):
            return value.to_pydatetime()
        if isinstance(value, (bool,)):
            return "TRUE" if value else "FALSE"
        if hasattr(value, "item"):
            value = value.item()
        if isinstance(value, (int, float)):
            return value
        return str(value)

    return convert


def _width(title: str, series: pd.Series, kind: Kind) -> float:
    sample = [title] + [str(v) for v in series.head(200).tolist() if v is not None]
    widest = max(_display_width(s) for s in sample)
    if kind in ("money", "number"):
        widest = max(widest, 14)
    if kind == "date":
        widest = max(widest, 11)
    return min(max(widest + 2, 6), 60)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _add_chart(
    book: Any, chart: Chart, frame: pd.DataFrame, placed: tuple[str, int], lang: str
) -> None:
    sheet_name, rows = placed
    if rows == 0:
        return
    columns = [str(c) for c in frame.columns]
    native = book.add_chart({"type": "column" if chart.kind == "bar" else "line"})
    category = columns.index(chart.category)
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    for series in chart.series:
        j = columns.index(series)
        native.add_series(
            {
                "name": [sheet_name, 0, j],
                "categories": f"={quoted}!${_col(category)}$2:${_col(category)}${rows + 1}",
                "values": f"={quoted}!${_col(j)}$2:${_col(j)}${rows + 1}",
            }
        )
    native.set_title({"name": chart.title_zh if lang == "zh" and chart.title_zh else chart.title})
    if chart.percent:
        native.set_y_axis({"num_format": "0%"})
    native.set_size({"width": 720, "height": 360})
    book.get_worksheet_by_name(sheet_name).insert_chart(1, len(columns) + 1, native)


def _col(index: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(index)
