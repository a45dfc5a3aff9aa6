"""Excel output through XlsxWriter: bold frozen header, autofilter, widths, number formats,
native charts, fixed metadata so the same inputs give the same bytes."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from salescli.i18n import Msg, _, render
from salescli.labels import Kind, label
from salescli.labels import header as column_header
from salescli.output.cells import cell_text
from salescli.output.formats import excel_format, missing
from salescli.output.model import Chart, Output, Table
from salescli.output.safe import safe_sheet_name, unique_names
from salescli.output.svg import COLOURS, TARGET_COLOUR, ChartData, nice_ticks

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
    book.set_properties(
        {"created": FIXED_TIME, "author": "salescli", "title": output.title_line(lang)}
    )
    formats = _Formats(book, lang)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    title = book.add_format({"bold": True, "font_size": 12})
    sheets = _plan_sheets(output.tables)
    names = unique_names(
        [_sheet_name(table, part, lang) for _, table, part in sheets], safe_sheet_name, 31
    )
    placed: dict[str, tuple[str, int]] = {}
    cut: list[str] = []  # text cells longer than a cell holds, each said in the notes
    for name, (rows, table, _part) in zip(names, sheets, strict=True):
        sheet = book.add_worksheet(name)
        sheet.write_string(0, 0, output.title_line(lang, table), title)
        _write_sheet(sheet, table, rows, lang, formats, header, _Cut(name, table, lang, cut))
        placed.setdefault(table.name, (name, rows.stop - rows.start))
    notes = [*output.note_lines(lang), *cut]
    if notes:
        heading = render(_("notes"), lang)
        sheet = book.add_worksheet(unique_names([*names, heading], safe_sheet_name, 31)[-1])
        sheet.set_column(0, 0, 120)
        sheet.write_string(0, 0, output.title_line(lang), title)
        for row, note in enumerate(notes, start=TITLE_ROWS):
            sheet.write_string(row, 0, note)
    _chart_sheet(book, output, placed, names, lang)
    book.close()


# every sheet opens with a title line (what, which period, which workspace), then the header
TITLE_ROWS = 1


class _Formats:
    """One XlsxWriter format per number format, made when first used."""

    def __init__(self, book: Any, lang: str = "en") -> None:
        self.book, self.made, self.lang = book, {}, lang

    def get(self, kind: Kind, value: Any = None, beside: tuple[float, ...] = ()) -> Any:
        code = excel_format(kind, value, self.lang, beside)
        if code is None:
            return None
        if code not in self.made:
            self.made[code] = self.book.add_format({"num_format": code})
        return self.made[code]


def _sheet_name(table: Table, part: int, lang: str) -> str:
    name = table.name
    if lang == "zh":
        name = (
            render(table.title, lang) if isinstance(table.title, Msg) else label(table.name, lang)
        )
    return name if part == 0 else f"{name} ({part + 1})"


def _plan_sheets(tables: list[Table]) -> list[tuple[range, Table, int]]:
    """One sheet per table; a table longer than a sheet continues on `name (2)`, never cut."""
    plan = []
    for table in tables:
        chunk = MAX_ROWS - TITLE_ROWS - 1
        parts = max(1, -(-len(table.frame) // chunk))
        for part in range(parts):
            rows = range(part * chunk, min((part + 1) * chunk, len(table.frame)))
            plan.append((rows, table, part))
    return plan


MAX_CELL_TEXT = 32_767  # Excel's limit; XlsxWriter cuts a longer text there


class _Cut:
    """Says, in the notes, which text cell XlsxWriter cut to Excel's limit (it only returns
    -2): never a silent loss."""

    def __init__(self, sheet: str, table: Table, lang: str, notes: list[str]) -> None:
        self.sheet, self.table, self.lang, self.notes = sheet, table, lang, notes

    def check(self, result: int, i: int, j: int, text: str) -> None:
        if result != -2:
            return
        column = column_header(str(self.table.frame.columns[j]), self.lang)
        cut = _(
            "sheet {sheet}, column {column}, row {row}: a text of {n:,} characters was cut to "
            "Excel's limit of {limit:,} (the csv, json and parquet outputs keep it whole)",
            sheet=self.sheet,
            column=column,
            row=i + 1,
            n=len(text),
            limit=MAX_CELL_TEXT,
        )
        self.notes.append(render(cut, self.lang))


def _write_sheet(
    sheet: Any,
    table: Table,
    rows: range,
    lang: str,
    formats: _Formats,
    header: Any,
    cut: _Cut | None = None,
) -> None:
    frame = table.frame.iloc[rows.start : rows.stop]
    columns = [str(c) for c in frame.columns]
    kinds = [table.cell_kinds(c)[rows.start : rows.stop] for c in columns]
    limits = [table.cell_limits(c)[rows.start : rows.stop] for c in columns]
    for j, column in enumerate(columns):
        column_kinds = set(kinds[j])
        kind = column_kinds.pop() if len(column_kinds) == 1 else "text"
        width = _width(column_header(column, lang), frame.iloc[:, j], kind)
        sheet.set_column(j, j, width, formats.get(kind) if kind != "quantity" else None)
    sheet.write_row(TITLE_ROWS, 0, [column_header(c, lang) for c in columns], header)
    sheet.freeze_panes(TITLE_ROWS + 1, 0)
    if columns:
        sheet.autofilter(TITLE_ROWS, 0, TITLE_ROWS + max(len(frame), 1), len(columns) - 1)
    if frame.empty and rows.start == 0:  # an empty table says why, under its header
        for row, note in enumerate(table.note_lines(lang), start=TITLE_ROWS + 1):
            sheet.write_string(row, 0, note)
        return
    # cells are prepared a column at a time, then written row by row, as constant_memory
    # requires, each with the number format of its kind
    cells = [_cells(frame.iloc[:, j]) for j in range(len(columns))]
    writers = [
        _writer(sheet, kinds[j], formats, lang, columns[j], cut, limits[j])
        for j in range(len(columns))
    ]
    for i, row in enumerate(zip(*cells, strict=True), start=1):
        for j, cell in enumerate(row):
            if cell is not None:
                writers[j](TITLE_ROWS + i, j, cell)


def _writer(
    sheet: Any,
    kinds: list[Kind],
    formats: _Formats,
    lang: str,
    column: str,
    cut: _Cut | None = None,
    limits: list[tuple[float, ...]] | None = None,
):
    """The write call for a column: one number format when the whole column has one kind,
    else each cell by its own kind (the summary's rows, quantities with decimals) and its
    limits (a ratio by a limit keeps the decimals that leave it on its side)."""
    date_format = formats.get("date")
    one = set(kinds)
    beside = limits or [()] * len(kinds)
    if len(one) == 1 and "quantity" not in one and not any(beside):
        kind = one.pop()
        number_format = formats.get(kind)
        text = kind == "text"

        def write_one(i: int, j: int, cell: Any) -> None:
            if isinstance(cell, str):
                shown = cell_text(cell, lang, column) if text else cell
                written = sheet.write_string(i, j, shown)
                if cut is not None and len(shown) > MAX_CELL_TEXT:
                    cut.check(written, i, j, shown)
            elif isinstance(cell, bool):
                sheet.write_boolean(i, j, cell)
            elif isinstance(cell, datetime):
                sheet.write_datetime(i, j, cell, date_format)
            else:
                sheet.write_number(i, j, cell, number_format)

        return write_one

    def write_each(i: int, j: int, cell: Any) -> None:
        kind = kinds[i - 1 - TITLE_ROWS]
        if isinstance(cell, str):
            shown = cell_text(cell, lang, column) if kind == "text" else cell
            written = sheet.write_string(i, j, shown)
            if cut is not None and len(shown) > MAX_CELL_TEXT:
                cut.check(written, i, j, shown)
        elif isinstance(cell, bool):
            sheet.write_boolean(i, j, cell)
        elif isinstance(cell, datetime):
            sheet.write_datetime(i, j, cell, date_format)
        else:
            sheet.write_number(i, j, cell, formats.get(kind, cell, beside[i - 1 - TITLE_ROWS]))

    return write_each


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
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return value  # an Excel boolean (TRUE/FALSE), not the text 'TRUE'
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, datetime | str):  # a message (salescli.i18n.Msg) stays one
        return value
    return value if isinstance(value, str) else str(value)  # a message stays one (to render)


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


def _chart_sheet(book: Any, output: Output, placed: dict, names: list[str], lang: str) -> None:
    """The charts' data, sorted and grouped as drawn, on a sheet of its own; each native chart
    reads it and sits beside its table."""
    from salescli.output.svg import chart_data

    charts = [c for c in output.charts if c.table in placed and placed[c.table][1]]
    if not charts:
        return
    title = render(_("chart_data"), lang)  # the sheet's name: a name in English
    sheet_name = unique_names([*names, title], safe_sheet_name, 31)[-1]
    sheet = book.add_worksheet(sheet_name)
    header = book.add_format({"bold": True})
    blocks = []
    column = 0
    for chart in charts:
        data = chart_data(chart, output.table(chart.table).frame, lang)
        names_ = [label(chart.category, lang)] + [label(s, lang) for s in chart.series]
        if data.target and chart.kind == "bar":
            names_.append(data.target_name)
        blocks.append((chart, data, column, len(names_)))
        column += len(names_) + 1
    # constant_memory: write row by row across every block
    rows = max(len(d.categories) for _, d, _, _ in blocks)
    number = book.add_format({"num_format": "0.0%"})
    plain = book.add_format({"num_format": "#,##0"})
    sheet.write_string(0, 0, output.title_line(lang), book.add_format({"bold": True}))
    for chart, data, first, _anchor in blocks:
        heads = [label(chart.category, lang)] + [label(s, lang) for s in chart.series]
        if data.target and chart.kind == "bar":
            heads.append(data.target_name)
        for j, head in enumerate(heads):
            sheet.write_string(TITLE_ROWS, first + j, head, header)
    for i in range(rows):
        row = TITLE_ROWS + 1 + i
        for chart, data, first, _anchor in blocks:
            if i >= len(data.categories):
                continue
            cell = number if chart.percent else plain
            sheet.write_string(row, first, data.categories[i])
            values = [data.series[s][i] for s in chart.series]
            if data.target and chart.kind == "bar":
                values.append(data.target[i])
            for j, value in enumerate(values, start=1):
                if value == value:
                    sheet.write_number(row, first + j, value, cell)
    for chart, data, first, width in blocks:
        native = _native_chart(book, chart, data, sheet_name, first, width, lang)
        table_sheet, _rows = placed[chart.table]
        columns = len(output.table(chart.table).frame.columns)
        book.get_worksheet_by_name(table_sheet).insert_chart(TITLE_ROWS + 1, columns + 1, native)


def _native_chart(
    book: Any, chart: Chart, data: ChartData, sheet_name: str, first: int, width: int, lang: str
) -> Any:
    """One native chart over its block of the chart-data sheet. Many categories (where the SVG
    draws horizontal bars) are horizontal bars, largest on top, the target an outline bar
    around each bar (Excel cannot put a line on a bar chart); else columns with the target as
    a dashed line, or lines. Every series carries its values as cached data, so viewers that
    do not recalculate (previews, PowerPoint) draw the chart and its text categories too."""
    n = len(data.categories)
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    horizontal = data.horizontal and chart.kind == "bar"
    kind = "line" if chart.kind == "line" else "bar" if horizontal else "column"
    native = book.add_chart({"type": kind})
    heads = [label(s, lang) for s in chart.series] + [data.target_name]
    columns = [data.series[s] for s in chart.series] + [data.target or []]

    top, bottom = TITLE_ROWS + 2, TITLE_ROWS + n + 1  # the block's rows, as Excel numbers them

    def series_options(j: int) -> dict[str, Any]:
        column = _col(first + j)
        return {
            "name": [sheet_name, TITLE_ROWS, first + j],
            "name_data": [heads[j - 1]],
            "categories": f"={quoted}!${_col(first)}${top}:${_col(first)}${bottom}",
            "categories_data": list(data.categories),
            "values": f"={quoted}!${column}${top}:${column}${bottom}",
            "values_data": [f"{v:.16g}" if v == v else None for v in columns[j - 1]],
        }

    target = bool(data.target) and chart.kind == "bar"
    for j, series in enumerate(chart.series, start=1):
        options = series_options(j)
        if chart.kind == "bar":
            options["fill"] = {"color": COLOURS[(j - 1) % len(COLOURS)]}
        if horizontal and j == 1:
            options["gap"] = 40
            if target and len(chart.series) == 1:
                options["overlap"] = 100  # the target outline sits around the bar
        if chart.kind == "line" and series == chart.target:
            options["line"] = {"dash_type": "dash", "color": TARGET_COLOUR}
        native.add_series(options)
    if target and horizontal:
        options = series_options(width - 1)
        options["fill"] = {"none": True}
        options["border"] = {"color": TARGET_COLOUR, "width": 1.25}
        native.add_series(options)
    elif target:
        line = book.add_chart({"type": "line"})
        options = series_options(width - 1)
        options["line"] = {"dash_type": "dash", "color": TARGET_COLOUR, "width": 1.5}
        options["marker"] = {"type": "none"}
        line.add_series(options)
        native.combine(line)
    lo, hi = _extent(data)
    ticks = nice_ticks(lo, hi)
    value_axis: dict[str, Any] = {
        "min": ticks[0],
        "max": ticks[-1],
        "major_unit": ticks[1] - ticks[0],
        "num_format": "0%" if chart.percent else "#,##0",
    }
    category_axis: dict[str, Any] = {"name": label(chart.category, lang)}
    if len(chart.series) == 1:
        value_axis["name"] = label(chart.series[0], lang)
    if horizontal:
        # Excel draws a bar chart's first category at the bottom: reversed, the largest is on
        # top, and the value axis, crossing at the last category, stays at the bottom
        category_axis.update(
            {"reverse": True, "crossing": "max", "interval_unit": 1, "num_font": {"size": 9}}
        )
        native.set_x_axis(value_axis)  # a bar chart's x axis is its horizontal value axis
        native.set_y_axis(category_axis)
        native.set_size({"width": 720, "height": max(380, 90 + 24 * n)})
    else:
        if n > 12:
            category_axis["num_font"] = {"rotation": -60}
        native.set_x_axis(category_axis)
        native.set_y_axis(value_axis)
        native.set_size({"width": max(720, 28 * n), "height": 380})
    native.set_title({"name": render(chart.title, lang)})
    native.set_legend({"position": "top"})
    return native


def _extent(data: Any) -> tuple[float, float]:
    numbers = [v for vs in data.series.values() for v in vs if v == v]
    numbers += [v for v in data.target or [] if v == v]
    return (min(numbers, default=0.0), max(numbers, default=1.0))


def _col(index: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(index)
