"""Excel output through XlsxWriter: bold frozen header, autofilter, widths, number formats,
native charts, fixed metadata so the same inputs give the same bytes."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from salescli.labels import Kind, label
from salescli.output.formats import excel_format, missing
from salescli.output.model import Chart, Output, Table
from salescli.output.safe import safe_sheet_name, unique_names

MAX_ROWS = 1_048_576
FIXED_TIME = datetime(2000, 1, 1)


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
    formats = _Formats(book)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheets = _plan_sheets(output.tables)
    names = unique_names(
        [_sheet_name(table, part, lang) for _, table, part in sheets], safe_sheet_name, 31
    )
    placed: dict[str, tuple[str, int]] = {}
    for name, (rows, table, _) in zip(names, sheets, strict=True):
        sheet = book.add_worksheet(name)
        _write_sheet(sheet, table, rows, lang, formats, header)
        placed.setdefault(table.name, (name, rows.stop - rows.start))
    notes = output.note_lines(lang)
    if notes:
        title = "说明" if lang == "zh" else "notes"
        sheet = book.add_worksheet(unique_names([*names, title], safe_sheet_name, 31)[-1])
        sheet.set_column(0, 0, 120)
        for row, note in enumerate(notes):
            sheet.write_string(row, 0, note)
    for chart in output.charts:
        if chart.table in placed:
            _add_chart(book, chart, output.table(chart.table), placed[chart.table], lang)
    book.close()


class _Formats:
    """One XlsxWriter format per number format, made when first used."""

    def __init__(self, book: Any) -> None:
        self.book, self.made = book, {}

    def get(self, kind: Kind, value: Any = None) -> Any:
        code = excel_format(kind, value)
        if code is None:
            return None
        if code not in self.made:
            self.made[code] = self.book.add_format({"num_format": code})
        return self.made[code]


def _sheet_name(table: Table, part: int, lang: str) -> str:
    name = table.name
    if lang == "zh":
        name = table.title_zh or label(table.name, lang)
    return name if part == 0 else f"{name} ({part + 1})"


def _plan_sheets(tables: list[Table]) -> list[tuple[range, Table, int]]:
    """One sheet per table; a table longer than a sheet continues on `name (2)`, never cut."""
    plan = []
    for table in tables:
        chunk = MAX_ROWS - 1
        parts = max(1, -(-len(table.frame) // chunk))
        for part in range(parts):
            rows = range(part * chunk, min((part + 1) * chunk, len(table.frame)))
            plan.append((rows, table, part))
    return plan


def _write_sheet(
    sheet: Any, table: Table, rows: range, lang: str, formats: _Formats, header: Any
) -> None:
    frame = table.frame.iloc[rows.start : rows.stop]
    columns = [str(c) for c in frame.columns]
    kinds = [table.cell_kinds(c)[rows.start : rows.stop] for c in columns]
    for j, column in enumerate(columns):
        column_kinds = set(kinds[j])
        kind = column_kinds.pop() if len(column_kinds) == 1 else "text"
        width = _width(label(column, lang), frame.iloc[:, j], kind)
        sheet.set_column(j, j, width, formats.get(kind) if kind != "quantity" else None)
    sheet.write_row(0, 0, [label(c, lang) for c in columns], header)
    sheet.freeze_panes(1, 0)
    if columns:
        sheet.autofilter(0, 0, max(len(frame), 1), len(columns) - 1)
    # cells are prepared a column at a time, then written row by row, as constant_memory
    # requires, each with the number format of its kind
    cells = [_cells(frame.iloc[:, j]) for j in range(len(columns))]
    for i, row in enumerate(zip(*cells, strict=True), start=1):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            kind = kinds[j][i - 1]
            if isinstance(cell, str):
                sheet.write_string(i, j, cell)
            elif isinstance(cell, datetime):
                sheet.write_datetime(i, j, cell, formats.get("date"))
            else:
                sheet.write_number(i, j, cell, formats.get(kind, cell))


def _cells(series: pd.Series) -> list:
    """A column as the Python values XlsxWriter takes, None where the cell stays empty."""
    present = series.notna().to_numpy()
    if pd.api.types.is_datetime64_any_dtype(series):
        return [v.to_pydatetime() if ok else None for v, ok in zip(series, present, strict=True)]
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        whole = pd.api.types.is_integer_dtype(series.dtype)
        values = series.to_numpy(
            dtype="object" if whole else "float64", na_value=None if whole else float("nan")
        ).tolist()
        return [v if ok else None for v, ok in zip(values, present, strict=True)]
    if pd.api.types.is_string_dtype(series.dtype) and not pd.api.types.is_object_dtype(
        series.dtype
    ):
        return [v if ok else None for v, ok in zip(series.tolist(), present, strict=True)]
    return [_convert(v) for v in series.tolist()]


def _convert(value: Any) -> Any:
    if missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (bool,)):
        return "TRUE" if value else "FALSE"
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime):
        return value
    return str(value)


def _width(title: str, series: pd.Series, kind: Kind) -> float:
    sample = [title] + [str(v) for v in series.head(200).tolist() if v is not None]
    widest = max(_display_width(s) for s in sample)
    if kind in ("money", "decimal", "quantity"):
        widest = max(widest, 14)
    if kind == "date":
        widest = max(widest, 11)
    return min(max(widest + 2, 6), 60)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _add_chart(book: Any, chart: Chart, table: Table, placed: tuple[str, int], lang: str) -> None:
    frame = table.frame
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
