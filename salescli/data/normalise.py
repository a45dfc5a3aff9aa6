"""Turn a raw grid into a canonical table: find the header, map it, drop totals, parse values.

Every data row keeps where it came from (`_file`, `_sheet`, `_row` as the user sees it), so any
figure can be traced back to its rows and any problem reported where the user will find it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from salescli.config import InputSpec
from salescli.data.readers import MAX_HEADER_SCAN, RawSheet
from salescli.data.values import (
    as_text,
    clean_text,
    parse_date,
    parse_id,
    parse_number,
    parse_period_label,
)
from salescli.errors import BadDataError
from salescli.schema import TABLES, Table, alias_index, header_key

SOURCE_COLUMNS = ["_file", "_sheet", "_row"]
_TOTAL_WORDS = [
    "合计",
    "总计",
    "小计",
    "累计",
    "總計",
    "合計",
    "小計",
    "總計",
    "total",
    "grand total",
    "subtotal",
    "sum",
]
TOTAL_MARKERS = {
    form
    for word in _TOTAL_WORDS
    for spaced in (word, " ".join(word) if not word.isascii() else word)
    for cased in (spaced, spaced.upper(), spaced.title())
    for form in (cased, cased + ":", cased + "：")
}


@dataclass
class Problem:
    """One thing wrong with one cell or row, as `salescli check` lists it."""

    table: str
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    severity: str
    problem: str
    hint: str = ""


@dataclass
class Normalised:
    table: str
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)


@dataclass
class _Header:
    names: list[str | None]
    data_start: int  # index into cells of the first data row
    row: int  # the header row the user sees (the lower one of a two-row header)


def normalise(raw: RawSheet, table_name: str, spec: InputSpec, timezone: str) -> Normalised:
    table = TABLES[table_name]
    header = _locate_header(raw, table, spec)
    mapping, unmatched = _map_columns(raw, table, spec, header)
    data = raw.cells.iloc[header.data_start :]
    frame = pd.DataFrame({canonical: _cleaned(data[j]) for j, canonical in mapping.items()})
    frame.index = range(len(frame))
    frame["_row"] = data.index.to_numpy() + raw.first_row
    result = Normalised(table_name, frame, unmatched=unmatched)
    _drop_blank_and_total_rows(result, raw, data, mapping)
    _derive_amount(result, table)
    _check_required_columns(result, raw, table, header, mapping)
    _parse_columns(result, raw, table, timezone)
    result.frame.insert(0, "_sheet", raw.sheet or "")
    result.frame.insert(0, "_file", raw.file)
    return result


def _locate_header(raw: RawSheet, table: Table, spec: InputSpec) -> _Header:
    if raw.header is not None:
        return _Header(list(raw.header), 0, raw.first_row - 1)
    cells = raw.cells
    if spec.header_row is not None:
        index = spec.header_row - raw.first_row
        if not 0 <= index < len(cells):
            raise BadDataError(
                f"header_row {spec.header_row} is outside the sheet", file=raw.file, sheet=raw.sheet
            )
        return _Header(_row_text(cells.iloc[index].tolist()), index + 1, spec.header_row)
    known = set(alias_index(table.name)) | {header_key(h) for h in spec.columns.values()}
    best: tuple[int, int, _Header] | None = None
    head = cells.iloc[: MAX_HEADER_SCAN + 1].astype(object).to_numpy().tolist()
    for index in range(min(MAX_HEADER_SCAN, len(cells))):
        single = _row_text(head[index])
        candidates = [_Header(single, index + 1, index + raw.first_row)]
        if index + 1 < len(cells):
            combined = _combine(single, _row_text(head[index + 1]), known)
            candidates.append(_Header(combined, index + 2, index + 1 + raw.first_row))
        for candidate in candidates:
            score = sum(1 for name in candidate.names if name and header_key(name) in known)
            # a two-row header must beat both of its rows; ties keep the earlier, simpler one
            rank = (score, -candidate.data_start)
            if best is None or rank > best[:2]:
                best = (*rank, candidate)
    if best is None or best[0] == 0:
        raise BadDataError(
            f"no header row with {table.name} columns in the first {MAX_HEADER_SCAN} rows",
            file=raw.file,
            sheet=raw.sheet,
            hint=f"the {table.name} table needs columns such as "
            + ", ".join(table.columns[c].zh + f" ({c})" for c in table.required)
            + f"; or set header_row and column names under [inputs.{table.name}]",
        )
    return best[2]


def _row_text(row: list) -> list[str | None]:
    return [None if v is None or pd.isna(v) else str(v).strip() or None for v in row]


def _combine(top: list[str | None], bottom: list[str | None], known: set[str]) -> list[str | None]:
    """Merge a two-row header: a merged top cell spans the blanks to its right."""
    names: list[str | None] = []
    spanning: str | None = None
    for upper, lower in zip(top, bottom, strict=True):
        spanning = upper if upper else (spanning if lower else None)
        options = [o for o in (lower, f"{spanning or ''}{lower or ''}", spanning) if o]
        matched = [o for o in options if header_key(o) in known]
        names.append(matched[0] if matched else (options[0] if options else None))
    return names


def _map_columns(
    raw: RawSheet, table: Table, spec: InputSpec, header: _Header
) -> tuple[dict[int, str], list[str]]:
    index = dict(alias_index(table.name))
    index.update({header_key(h): canonical for canonical, h in spec.columns.items()})
    mapping: dict[int, str] = {}
    seen: dict[str, str] = {}
    unmatched: list[str] = []
    for position, name in enumerate(header.names):
        if not name:
            continue
        canonical = index.get(header_key(name))
        if canonical is None:
            unmatched.append(name)
            continue
        if canonical in seen:
            raise BadDataError(
                f"headers {seen[canonical]!r} and {name!r} both map to column {canonical}",
                file=raw.file,
                sheet=raw.sheet,
                row=header.row,
                hint=f"rename one of them, or map {canonical} explicitly under "
                f"[inputs.{table.name}] in salescli.toml",
            )
        seen[canonical] = name
        mapping[position] = canonical
    return mapping, unmatched


def _drop_blank_and_total_rows(
    result: Normalised, raw: RawSheet, data: pd.DataFrame, mapping: dict[int, str]
) -> None:
    frame = result.frame
    values = frame.drop(columns="_row")
    blank = values.isna().all(axis=1) if len(values.columns) else pd.Series(True, frame.index)
    # 合计 stands in the first column or in a text column; numbers and dates hold the sums
    texts = [
        j
        for j, name in mapping.items()
        if TABLES[result.table].columns[name].type in ("id", "text")
    ]
    columns = [frame[mapping[j]] for j in sorted(texts)]  # cleaned already
    if data.columns[0] not in texts:
        columns.append(_cleaned(data[data.columns[0]].set_axis(frame.index)))
    total = pd.Series(False, index=frame.index)
    for column in columns:
        if not pd.api.types.is_string_dtype(column.dtype):
            continue  # a typed column (Parquet numbers, dates) cannot say 合计
        total |= column.isin(TOTAL_MARKERS).fillna(False).to_numpy(bool)
    total &= ~blank
    if total.any():
        rows = frame.loc[total, "_row"].tolist()
        where = f"{raw.file}" + (f", sheet {raw.sheet}" if raw.sheet else "")
        result.notes.append(
            f"{where}: {len(rows)} total row(s) dropped, not summed (rows {_row_list(rows)})"
        )
    result.frame = frame.loc[~blank & ~total].reset_index(drop=True)


def _cleaned(column: pd.Series) -> pd.Series:
    """Text cells stripped, and blank when only spaces, once for every column in use; typed
    cells (Parquet numbers and dates) as they are."""
    dtype = column.dtype
    if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
        return clean_text(column)
    return column


def _row_list(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:10])
    return shown + (f" and {len(rows) - 10} more" if len(rows) > 10 else "")


def _derive_amount(result: Normalised, table: Table) -> None:
    frame = result.frame
    if (
        table.name == "orders"
        and "amount" not in frame
        and {"quantity", "unit_price"} <= set(frame)
    ):
        quantity, _ = parse_number(frame["quantity"])
        price, _ = parse_number(frame["unit_price"])
        frame["amount"] = (quantity * price).round(2).astype("string")
        result.notes.append("orders: amount computed as quantity x unit_price")


def _check_required_columns(
    result: Normalised, raw: RawSheet, table: Table, header: _Header, mapping: dict[int, str]
) -> None:
    missing = [c for c in table.required if c not in result.frame]
    if not missing:
        return
    headers = ", ".join(n for n in header.names if n) or "(none)"
    first = table.columns[missing[0]]
    raise BadDataError(
        f"no column for {', '.join(missing)} ({first.zh}); header row {header.row} has: {headers}",
        file=raw.file,
        sheet=raw.sheet,
        row=header.row,
        hint=f'map it in salescli.toml: [inputs.{table.name}] {missing[0]} = "<header>"',
    )


def _parse_columns(result: Normalised, raw: RawSheet, table: Table, timezone: str) -> None:
    frame = result.frame
    for name in [c for c in frame.columns if c in table.columns]:
        column = table.columns[name]
        original = frame[name]
        if column.type in ("id", "text") and not pd.api.types.is_string_dtype(original.dtype):
            original = clean_text(as_text(original))  # a typed Parquet id: 1001, not 1001.0
        if column.type == "id":
            parsed, bad = parse_id(original, clean=True), None
        elif column.type in ("number", "integer"):
            parsed, bad = parse_number(original)
        elif column.type == "date":
            parsed, bad = parse_date(original, timezone)
        elif column.type == "period":
            parsed, bad = parse_period_label(original)
        else:
            parsed, bad = original, None  # cleaned when the frame was made
        if bad is not None and bad.any():
            rule, hint = _RULES[column.type]
            _report(result, raw, name, frame.loc[bad, "_row"], original[bad], rule, hint, "error")
        if column.required:
            empty = parsed.isna() & ~(bad if bad is not None else False)
            if empty.any():
                _report(
                    result,
                    raw,
                    name,
                    frame.loc[empty, "_row"],
                    original[empty],
                    "required value is empty",
                    f"fill in {column.zh} ({name})",
                    "error",
                )
        frame[name] = parsed


_RULES = {
    "number": ("not a number", "write it like 1234.50, ¥1,234.50 or 12%"),
    "integer": ("not a number", "write it like 1234.50, ¥1,234.50 or 12%"),
    "date": ("not a date", "write it like 2024-05-03, 2024/5/3 or 2024年5月3日"),
    "period": ("not a period", "write it like 2024-05, 2024年5月 or 2024Q2"),
}


def _report(
    result: Normalised,
    raw: RawSheet,
    column: str,
    rows: pd.Series,
    values: pd.Series,
    problem: str,
    hint: str,
    severity: str,
) -> None:
    for row, value in zip(rows.tolist(), values.tolist(), strict=True):
        shown = (
            None if value is None or pd.isna(value) else unicodedata.normalize("NFC", str(value))
        )
        result.problems.append(
            Problem(
                result.table, raw.file, raw.sheet, int(row), column, shown, severity, problem, hint
            )
        )
