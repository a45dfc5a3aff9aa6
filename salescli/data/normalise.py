"""Turn a raw grid into a canonical table: find the header, map it, drop totals, parse values.

Every data row keeps where it came from (`_file`, `_sheet`, `_row` as the user sees it), so any
figure can be traced back to its rows and any problem reported where the user will find it.
"""

from __future__ import annotations

import fnmatch
import glob
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from salescli.config import DocumentSettings, InputSpec, Policy, StatusSettings
from salescli.data import roles, sales
from salescli.data import targets as by_month
from salescli.data.parts import Named, Normalised, Problem
from salescli.data.parts import either as _either
from salescli.data.parts import report as _report
from salescli.data.parts import row_list as _row_list
from salescli.data.parts import vocabulary as _vocabulary
from salescli.data.parts import where as _where
from salescli.data.parts import words as _words
from salescli.data.readers import MAX_HEADER_SCAN, RawSheet
from salescli.data.values import (
    WHITESPACE,
    as_text,
    clean_text,
    day_month_order,
    decimal_notation,
    fold_names,
    header_unit,
    parse_date,
    parse_id,
    parse_number,
    parse_period_label,
    repeated_text,
    stated_unit,
)
from salescli.errors import BadDataError
from salescli.i18n import Msg, _, n_
from salescli.problems import Found, problem
from salescli.schema import (
    TABLES,
    Table,
    alias_index,
    alias_tiers,
    cancel_keys,
    generic_customer_keys,
    header_key,
)

_TOTAL_WORDS = [
    "合计",
    "总计",
    "小计",
    "累计",
    "總計",
    "合計",
    "小計",
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
class _Header:
    names: list[str | None]
    data_start: int  # index into cells of the first data row
    row: int  # the header row the user sees (the lower one of a two-row header)
    units: dict[str, str] = field(default_factory=dict)  # header -> unit on the row under it


def normalise(
    raw: RawSheet,
    table_name: str,
    spec: InputSpec,
    timezone: str,
    policy: Policy | None = None,
) -> Normalised:
    table = TABLES[table_name]
    policy = policy or Policy()
    if table_name == "targets" and "period" not in spec.columns:
        layout = by_month.find_layout(raw, spec)
        if layout is not None:  # a 年度目标分解表: the months across
            return by_month.read_by_month(raw, layout)
    header = _locate_header(raw, table, spec)
    stated = _stated_unit(raw, header)
    header = _units_row(raw, header)
    mapping = _map_columns(raw, table, spec, header)
    data = raw.cells.iloc[header.data_start :]
    data, skipped = _hidden_rows(raw, table, spec, data)
    judged = _judge_unknown(raw, table, policy, header, data, mapping, "amount" in spec.columns)
    for position, line in mapping.keys.items():
        line["keys"] = roles.distinct_values(_cleaned(data[position]), 200_000)
    frame = pd.DataFrame({canonical: _cleaned(data[j]) for j, canonical in mapping.columns.items()})
    for j in mapping.cancel:
        frame[f"_cancel{j}"] = _cleaned(data[j])
    unit_column = _money_unit_column(header, data, mapping)
    if unit_column is not None:
        frame["_money_unit"] = _cleaned(data[unit_column])
    frame.index = range(len(frame))
    frame["_row"] = data.index.to_numpy() + raw.first_row
    if mapping.rep_names is not None:
        _rep_from_name_parts(raw, header, data, mapping, frame)
    headers = [{"file": raw.file, "sheet": raw.sheet or "", **line} for line in mapping.headers]
    result = Normalised(table_name, frame, judged, unmatched=mapping.unmatched, headers=headers)
    if header.units:
        result.notes.append(
            _(
                "{where}: row {row}, under the header, gives the columns' units ({units}): "
                "each column is read in its unit, and the row is no line",
                where=_where(raw),
                row=header.data_start - 1 + raw.first_row,
                units=", ".join(f"{h}: {u}" for h, u in header.units.items()),
            )
        )
    if mapping.unread:
        # what an order export says and salescli does not read is said loudly: it may matter
        said = result.warnings if table_name == "orders" else result.notes
        said.append(
            n_(
                "{where}: column not read: {columns}; map it under [inputs.{table}] if a figure "
                "needs it, or list it in ignore = [...] there",
                "{where}: columns not read: {columns}; map each that a figure needs under "
                "[inputs.{table}], or list it in ignore = [...] there",
                len(mapping.unread),
                where=_where(raw),
                columns=", ".join(mapping.unread),
                table=table_name,
            )
        )
    if skipped:
        result.notes.append(
            n_(
                "{where}: {n} row hidden in the workbook left out (row {rows}), as "
                'hidden_rows = "skip" says',
                "{where}: {n} rows hidden in the workbook left out (rows {rows}), as "
                'hidden_rows = "skip" says',
                len(skipped),
                where=_where(raw),
                rows=_row_list(skipped),
            )
        )
    _drop_blank_and_total_rows(result, raw, data, mapping.columns)
    del data
    _group_headings(result, raw)
    if raw.sheet is None:
        # a text file's or a source's cells are not read again (a workbook's are, to put
        # back its error cells): released, they are gigabytes at 10M lines
        raw.cells = raw.cells.iloc[:0]
    if spec.rep_from_sheet and "rep" in table.columns:
        _rep_from_sheet(result, raw)
    if table.name == "orders":
        fill_down(result, raw, spec, mapping.line_items)
    for made, source in mapping.copies:
        result.frame[made] = result.frame[source]
    names = {canonical: str(header.names[j]) for j, canonical in mapping.columns.items()}
    result.decimals = _decimal_separators(result, raw, table, spec, names)
    if table.name == "orders":
        in_units = _with_units(names, header)
        units = {n: _unit_factor(table, n, h, stated) for n, h in in_units.items()}
        _choose_amount(result, raw, policy, mapping, units)
        names = _names_after_renames(result, names)
        if "amount" in result.frame and "amount" not in names:  # quantity x unit price
            _priced_under_a_line(raw, table, _with_units(names, header), stated)
    _check_required_columns(result, raw, table, header, mapping.columns)
    if table.name == "orders":
        _require_amount(result, raw, header, mapping)
        sales.currency_signs(result, raw)
    _multiples_in_cells(result, raw, table, _with_units(names, header), stated)
    date_order = _date_order(result.frame, raw, table, spec)
    _parse_columns(result, raw, table, timezone, date_order, result.decimals)
    _in_header_units(result, raw, table, _with_units(names, header), stated)
    if table.name == "orders" and "order_id" in mapping.by_fallback:
        _one_customer_an_order(result, raw, names)
    if table.name == "orders":
        written = result.frame["status"].copy() if "status" in result.frame else None
        typed = result.frame["document_type"].copy() if "document_type" in result.frame else None
        marks = {f"_cancel{j}": str(header.names[j]) for j in mapping.cancel}
        _fold_status(result, raw, policy.statuses, mapping.cancel, {**names, **marks})
        returned = _named_returns(raw, spec)
        sales.documents(
            result, raw, policy.documents, policy.statuses, returned, spec.negative_quantity
        )
        if not returned:
            _named_as_not_sales(result, raw, spec)
        _required_where_counted(result, written, policy.statuses, typed, policy.documents)
        sales.refunds(result, raw, spec.refund_level)
        sales.currencies(result, raw, policy.currency.base)
        sales.order_totals(result, raw, spec.amount_level)
        sales.order_discounts(result, raw)
        sales.in_cents(result, raw, policy.currency.base)
    if table.name == "opportunities":
        _outcomes(result, raw, policy.statuses, names)
    if table.name == "customers" and "class" in result.frame:
        _classes(result, raw, names.get("class", "class"))
    rows = len(result.frame)
    result.frame.insert(0, "_sheet", repeated_text(raw.sheet or "", rows))
    result.frame.insert(0, "_file", repeated_text(raw.file, rows))
    return result


# a sheet's or file's name that says its lines are no sales: returns, or voided orders
_RETURNS_NAME = re.compile(
    r"退货|退貨|退款|退回|退单|退單|红字|紅字|红冲|紅沖|紅衝|销退|銷退|冲销|沖銷|"
    r"\b(?:returns?|refunds?|credit[ _-]?(?:notes?|memos?)|rma)\b",
    re.IGNORECASE,
)
_VOID_NAME = re.compile(
    r"作废|作廢|取消|废弃|廢棄|\b(?:void(?:ed)?|cancell?ed|cancellations?)\b", re.IGNORECASE
)


def _named_returns(raw: RawSheet, spec: InputSpec) -> bool:
    """Whether `[inputs.orders] returns` names this sheet or file (a name or a glob)."""
    names = [raw.sheet or "", raw.file, Path(raw.file).name]
    return any(fnmatch.fnmatchcase(n, p) for p in spec.returns for n in names if n)


def _named_as_not_sales(result: Normalised, raw: RawSheet, spec: InputSpec) -> None:
    """A sheet (退货明细, 作废订单) or file (orders-退货.xlsx) whose name says its lines are
    returns or voids, read among the sales by default or by a glob, whose lines count as
    sales: refused (65), never added to the sales on a guess (a 200 return counted +200, a
    voided 2,000 order paid a bonus). Settled by `returns` (subtracted), by leaving it out
    (`sheet`, `path`), or by naming it there (its lines are sales)."""
    frame = result.frame
    sheet_named = raw.sheet is not None and not raw.optional
    # a source's table or query is named in salescli.toml: its name is the user's choice
    file_named = spec.source is not None or (
        spec.path is not None and not glob.has_magic(spec.path)
    )
    named = [
        (kind, name)
        for kind, name, chosen in (
            ("sheet", raw.sheet, sheet_named),
            ("file", Path(raw.file).name, file_named),
        )
        if name and not chosen and (_RETURNS_NAME.search(name) or _VOID_NAME.search(name))
    ]
    if not named or frame.empty:
        return
    sold = pd.Series(True, index=frame.index)
    if "status" in frame:
        sold &= (frame["status"] != "cancelled").fillna(True)
    if "document_type" in frame:
        sold &= (frame["document_type"] != "return").fillna(True)
    if not sold.any():
        return
    kind, name = named[0]
    returns = bool(_RETURNS_NAME.search(name))
    amount = float(pd.to_numeric(frame.loc[sold, "amount"], errors="coerce").sum())
    lines = int(sold.sum())
    said = {"name": name, "amount": amount}
    if kind == "sheet":
        message = n_(
            "the sheet {name} is named for returns, but its {n} line ({amount:,.2f}) would "
            "count as a sale",
            "the sheet {name} is named for returns, but its {n} lines ({amount:,.2f}) would "
            "count as sales",
            lines,
            **said,
        )
        if not returns:
            message = n_(
                "the sheet {name} is named for voided or cancelled orders, but its {n} line "
                "({amount:,.2f}) would count as a sale",
                "the sheet {name} is named for voided or cancelled orders, but its {n} lines "
                "({amount:,.2f}) would count as sales",
                lines,
                **said,
            )
        hint = _(
            'its lines are returns: [inputs.orders] returns = ["{name}"] subtracts them; if '
            "they are sales, list the sheets to read in sheet = [...], naming it",
            name=name,
        )
        if not returns:
            hint = _(
                "leave it out: list the sheets to read in [inputs.orders] sheet = [...]; if its "
                "lines are sales, name it there too",
            )
    else:
        message = n_(
            "the file {name} is named for returns or voids, but its {n} line ({amount:,.2f}) "
            "would count as a sale",
            "the file {name} is named for returns or voids, but its {n} lines ({amount:,.2f}) "
            "would count as sales",
            lines,
            **said,
        )
        hint = _(
            'its lines are returns: [inputs.orders] returns = ["{name}"] subtracts them; voided '
            "orders: move the file out of the exports, or name the file to read in path; if its "
            "lines are sales, name it in path",
            name=name,
        )
    raise BadDataError(message, file=raw.file, sheet=raw.sheet, hint=hint)


def _classes(result: Normalised, raw: RawSheet, header: str) -> None:
    """A customer's class is A, B or C (POLICY 2.1), in any width or case. Another grading in
    the column (Salesforce's Hot / Warm / Cold, 重要客户) would leave its customers with no
    class, so with no visit required of them: refused, with the ways to settle it."""
    frame = result.frame
    written = frame["class"]
    folded = written.astype("string").str.normalize("NFKC").str.strip().str.upper()
    bad = (folded.notna() & ~folded.isin(["A", "B", "C"])).to_numpy(bool)
    if bad.any():
        found = problem("class-not-abc", header=header)
        _report(result, raw, "class", frame.loc[bad, "_row"], written[bad], found)


def _one_customer_an_order(result: Normalised, raw: RawSheet, names: dict[str, str]) -> None:
    """An order number taken by a fallback alias (Record ID, Opportunity ID) that gives one
    order to lines of two customers is not the order's number (MYOB's Record ID beside its
    Invoice No.): refused, never orders merged into one."""
    frame = result.frame
    if "customer_id" not in frame:
        return
    lines = frame[["order_id", "customer_id"]].dropna()
    customers = lines.groupby("order_id", sort=False)["customer_id"].nunique()
    if not (customers > 1).any():
        return
    order = customers.index[int((customers > 1).to_numpy().argmax())]
    both = lines[lines["order_id"] == order]
    rows = frame.loc[both.index, "_row"]
    raise BadDataError(
        _(
            "taken as the order's number by its name alone, it gives order {order} to lines "
            "of customers {customers} (rows {rows}): it is not the order's number",
            order=order,
            customers=", ".join(f"'{c}'" for c in both["customer_id"].unique()[:3]),
            rows=_row_list([int(r) for r in rows]),
        ),
        file=raw.file,
        sheet=raw.sheet,
        column=names["order_id"],
        hint=_(
            "map the column of the order's (or the invoice's) number: [inputs.orders] "
            'order_id = "<header>"; with order_id = "{header}" it is read as written',
            header=names["order_id"],
        ),
    )


def _hidden_rows(
    raw: RawSheet, table: Table, spec: InputSpec, data: pd.DataFrame
) -> tuple[pd.DataFrame, list[int]]:
    """The data rows hidden in the workbook (a filter, a collapsed group) that hold a value:
    refused unless `hidden_rows` says to read them or leave them out (then dropped here)."""
    if not raw.hidden_rows or spec.hidden_rows == "read":
        return data, []
    positions = [r - raw.first_row for r in raw.hidden_rows]
    held = [p for p in positions if p in data.index and data.loc[p].notna().any()]
    if not held:
        return data, []
    rows = [p + raw.first_row for p in held]
    if spec.hidden_rows == "skip":
        return data.drop(index=held), rows
    raise BadDataError(
        n_(
            "row {rows} is hidden in the workbook (a filter or a collapsed group): it is "
            "neither read nor left out on a guess",
            "{n} rows are hidden in the workbook (a filter or a collapsed group): rows {rows}; "
            "they are neither read nor left out on a guess",
            len(rows),
            rows=_row_list(rows),
        ),
        file=raw.file,
        sheet=raw.sheet,
        hint=_(
            'hidden_rows = "skip" under [inputs.{table}] leaves them out (as a filter means); '
            'hidden_rows = "read" reads them as any row',
            table=table.name,
        ),
    )


def holds_table(raw: RawSheet, table_name: str) -> bool:
    """Whether the sheet has a header row holding every required column of the table."""
    table = TABLES[table_name]
    spec = InputSpec()
    try:
        header = _locate_header(raw, table, spec)
        mapping = _map_columns(raw, table, spec, header)
    except BadDataError:
        return False
    columns = set(mapping.columns.values())
    return all(c in columns for c in table.required if c != "customer_id") and bool(
        columns & {"customer_id", "customer_name"}
    )


class OtherLayout(BadDataError):
    """The sheet does not hold the table (no header with its columns): a summary or notes
    sheet beside the data sheets."""


def _targets_by_month_beside(
    raws: list[RawSheet], table_name: str, spec: InputSpec
) -> list[RawSheet]:
    """The sheets chosen by default that hold targets with the months as columns, read only
    when no other sheet of the file holds targets as rows (split-targets writes a pivot of
    its rows beside them: read both, the targets would count twice)."""
    if table_name != "targets" or len(raws) == 1 or "period" in spec.columns:
        return []
    return [raw for raw in raws if raw.optional and by_month.find_layout(raw, spec) is not None]


def normalise_sheets(
    raws: list[RawSheet],
    table_name: str,
    spec: InputSpec,
    timezone: str,
    policy: Policy | None = None,
) -> list[Normalised]:
    """The sheets of one file that hold the table, in sheet order. A sheet chosen by default or
    by a glob whose header is of another layout is skipped with a note; when no sheet holds
    the table, the first sheet's error stands."""
    parts: list[Normalised] = []
    read: list[RawSheet] = []
    skipped: list[tuple[RawSheet, OtherLayout]] = []
    wide = _targets_by_month_beside(raws, table_name, spec)
    for raw in [r for r in raws if all(r is not w for w in wide)]:
        try:
            parts.append(normalise(raw, table_name, spec, timezone, policy))
            read.append(raw)
        except OtherLayout as exc:
            if not raw.optional or len(raws) == 1:
                raise
            skipped.append((raw, exc))
    beside = bool(parts)
    for raw in wide:
        if beside:  # split-targets' pivot beside its rows: the same targets twice
            skipped.append((raw, OtherLayout(_("the months as columns, beside a sheet of rows"))))
        else:
            parts.append(normalise(raw, table_name, spec, timezone, policy))
            read.append(raw)
    if not parts:
        raise skipped[0][1]
    if table_name == "orders":
        _one_grain(read, parts)
    for raw, layout in skipped:
        parts[0].notes.append(
            _(
                "{file}: sheet {sheet} skipped, it holds no {table} table ({why})",
                file=raw.file,
                sheet=raw.sheet,
                table=table_name,
                why=layout.message,
            )
        )
    return parts


def _one_grain(raws: list[RawSheet], parts: list[Normalised]) -> None:
    """Sheets of one workbook holding the same orders in two layouts (a sheet of orders and
    a sheet of their lines, as a document list exported with its entries) are the same sales
    twice: refused, naming both sheets (monthly sheets share a layout and no orders)."""
    found = two_grains([p.frame for p in parts])
    if found is None:
        return
    first, second, orders = raws[found[0]], raws[found[1]], found[2]
    raise BadDataError(
        _(
            "sheets {first} and {second} hold the same orders ({orders}) in two layouts: "
            "reading both counts their sales twice",
            first=first.sheet,
            second=second.sheet,
            orders=orders,
        ),
        file=second.file,
        hint=_(
            'read one of them: sheet = "{first}" or sheet = "{second}" under [inputs.orders] '
            "in salescli.toml",
            first=first.sheet,
            second=second.sheet,
        ),
    )


# the columns only a line holds: a part without any of them has one row per order
LINE_COLUMNS = frozenset({"product_code", "product_model", "product_name", "quantity"})


def two_grains(frames: list[pd.DataFrame]) -> tuple[int, int, str] | None:
    """The first two parts of the orders that share order ids, one with a row per order (no
    product or quantity column) and one with a row per line, with some of the ids; None when
    there are none. Monthly parts whose columns differ otherwise (a column added in June)
    may share an order (a return on May's number): they are of one grain."""
    grains = [bool(LINE_COLUMNS & set(f.columns)) for f in frames]
    if len(set(grains)) < 2:  # monthly files and sheets: one grain, nothing to compare
        return None
    seen: list[tuple[int, bool, set[str]]] = []
    for at, (frame, lines) in enumerate(zip(frames, grains, strict=True)):
        if "order_id" not in frame:
            continue
        ids = {str(v) for v in frame["order_id"].dropna().unique()}
        for before, other, known in seen:
            shared = sorted(ids & known) if other != lines else []
            if shared:
                return before, at, ", ".join(shared[:3]) + (", …" if len(shared) > 3 else "")
        seen.append((at, lines, ids))
    return None


def _locate_header(raw: RawSheet, table: Table, spec: InputSpec) -> _Header:
    if raw.header is not None:
        return _Header(list(raw.header), 0, raw.first_row - 1)
    cells = raw.cells
    if spec.header_row is not None:
        index = spec.header_row - raw.first_row
        if not 0 <= index < len(cells):
            raise BadDataError(
                _("header_row {row} is outside the sheet", row=spec.header_row),
                file=raw.file,
                sheet=raw.sheet,
            )
        return _Header(_row_text(cells.iloc[index].tolist()), index + 1, spec.header_row)
    known = set(alias_index(table.name)) | {header_key(h) for h in spec.columns.values()}
    best: tuple[int, int, _Header] | None = None
    head = cells.iloc[: MAX_HEADER_SCAN + 1].astype(object).to_numpy().tolist()
    for index in range(min(MAX_HEADER_SCAN, len(cells))):
        single = _row_text(head[index])
        candidates = [_Header(single, index + 1, index + raw.first_row)]
        lower = _row_text(head[index + 1]) if index + 1 < len(cells) else []
        if any(lower):
            combined = _combine(single, lower, known)
            candidates.append(_Header(combined, index + 2, index + 1 + raw.first_row))
        for candidate in candidates:
            score = sum(1 for name in candidate.names if name and _known(name, known))
            # a two-row header must beat both of its rows; ties keep the earlier, simpler one
            rank = (score, -candidate.data_start)
            if best is not None and rank <= best[:2]:
                continue
            # and its second row must be words as a whole (asked last: parsing costs)
            if candidate.data_start == index + 2 and not _looks_like_header(lower):
                continue
            best = (*rank, candidate)
    if best is None or best[0] == 0:
        raise OtherLayout(
            _(
                "no header row with {table} columns in the first {n} rows",
                table=table.name,
                n=MAX_HEADER_SCAN,
            ),
            file=raw.file,
            sheet=raw.sheet,
            hint=_(
                "the {table} table needs columns such as {columns}; or set header_row and "
                "column names under [inputs.{table}]",
                table=table.name,
                columns=", ".join(f"{table.columns[c].zh} ({c})" for c in table.required),
            ),
        )
    return best[2]


def _known(name: str, known: set[str]) -> bool:
    """A header of the table, or one under a group header (`销售收入/金额`)."""
    return header_key(name) in known or header_key(name.rpartition("/")[2]) in known


_DIGIT = re.compile(r"\d")


def _looks_like_header(row: list[str | None]) -> bool:
    """A second header row is words as a whole (约定, 实际); a row holding an id, a date or a
    number is data, even when one of its cells (a remark `Sales`) is a header word."""
    cells = [v for v in row if v]
    if not cells:
        return False
    if not any(_DIGIT.search(v) for v in cells):
        return True  # no digit anywhere: no id, date or number to find
    filled = pd.Series(cells, dtype="str")
    number, _rejected = parse_number(filled)
    day, _rejected = parse_date(filled)
    data = number.notna() | day.notna() | filled.str.contains(r"\d{3,}")
    return not data.any()


def _row_text(row: list) -> list[str | None]:
    return [None if v is None or pd.isna(v) else str(v).strip(WHITESPACE) or None for v in row]


def _combine(top: list[str | None], bottom: list[str | None], known: set[str]) -> list[str | None]:
    """Merge a two-row header: a merged top cell spans the blanks to its right. A name that
    stands under several groups (金蝶 KIS: 数量, 单价, 金额 under 销售收入, 销售成本 and 毛利)
    is written `group/name`, so that each is a header of its own."""
    groups: list[str | None] = []
    spanning: str | None = None
    for upper, lower in zip(top, bottom, strict=True):
        spanning = upper if upper else (spanning if lower else None)
        groups.append(spanning)
    repeated = {k for k in (header_key(b) for b in bottom if b) if _count_key(bottom, k) > 1}
    names: list[str | None] = []
    for group, lower in zip(groups, bottom, strict=True):
        if lower and group and header_key(lower) in repeated:
            names.append(f"{group}/{lower}")
            continue
        options = [o for o in (lower, f"{group or ''}{lower or ''}", group) if o]
        matched = [o for o in options if header_key(o) in known]
        names.append(matched[0] if matched else (options[0] if options else None))
    return names


def _count_key(names: list[str | None], key: str) -> int:
    return sum(1 for n in names if n and header_key(n) == key)


@dataclass
class _Mapping:
    """How a file's headers were understood: the columns read, and a line per header."""

    columns: dict[int, str]  # position -> canonical column
    cancel: dict[int, str] = field(default_factory=dict)  # position -> "flag" or "marker"
    copies: list[tuple[str, str]] = field(default_factory=list)  # (made, from)
    headers: list[dict[str, str]] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    explicit: set[str] = field(default_factory=set)
    line_items: bool = False  # Odoo's Order Lines/…, Shopify's Lineitem …
    unknown: dict[int, str] = field(default_factory=dict)  # position -> header, judged later
    unread: list[str] = field(default_factory=list)  # unknown headers that raised no concern
    rep_names: tuple[int, int] | None = None  # positions of the seller's first and last name
    by_fallback: set[str] = field(default_factory=set)  # columns taken by a fallback alias
    # a customer file's headers that could be its key but are not read (one that stepped
    # aside for customer_id, one ignored): position -> its line, given its values to check
    # the orders' customer ids against (crossref.customer_keys)
    keys: dict[int, dict] = field(default_factory=dict)


# a discount given as a rate on each line (折扣率 90%, 9折, Discount %)
_DISCOUNT = re.compile(
    r"折扣率|扣率|折扣\s*[%％]|discount\s*(?:rate|%|pct|percent)|disc\.?\s*%", re.IGNORECASE
)


def _rates(values: pd.Series) -> pd.Series:
    """A discount column's rates as fractions: 90% and 0.9 are 0.9, 9折 0.9, 95折 0.95, 90
    (a percentage without its sign) 0.9; anything else NaN (not judged)."""
    text = values.astype("string").str.strip().str.replace("％", "%", regex=False)
    text = text.astype(object).where(text.notna(), "")
    fold = pd.to_numeric(text.str.extract(r"^(\d{1,2})折$")[0], errors="coerce")
    percent = pd.to_numeric(text.str.extract(r"^(\d+(?:\.\d+)?)\s*%$")[0], errors="coerce")
    plain = pd.to_numeric(text, errors="coerce").astype("float64")
    rate = (fold / np.where(fold.to_numpy("float64") >= 10, 100.0, 10.0)).astype("float64")
    rate = rate.fillna(percent.astype("float64") / 100)
    plain = plain.where(plain <= 1, plain / 100).where(plain <= 100)
    return rate.fillna(plain)


def _discounted(
    raw: RawSheet,
    header: _Header,
    data: pd.DataFrame,
    mapping: _Mapping,
    position: int,
    name: str,
) -> bool:
    """Whether a discount rate column is told by the export's own numbers to be already in
    the amounts (each amount the quantity times the price at the rate, or less the rate:
    the column decides nothing). An amount that is the quantity times the price before a
    discount is refused (65): the amount sold is not in the export's amount. Where nothing
    tells (no quantity or price, no line with a discount), False: the column is said as
    any column not read."""
    by_name = {canonical: j for j, canonical in mapping.columns.items()}
    if not {"amount", "quantity", "unit_price"} <= set(by_name):
        return False
    number = {  # read as their columns will be (a bad value: not judged here)
        c: parse_number(_cleaned(data[by_name[c]]))[0].to_numpy("float64", na_value=np.nan)
        for c in ("amount", "quantity", "unit_price")
    }
    rates = _rates(_cleaned(data[position])).to_numpy("float64", na_value=np.nan)
    gross = number["quantity"] * number["unit_price"]
    amount = number["amount"]
    judged = np.isfinite(gross) & np.isfinite(amount) & np.isfinite(rates)
    judged &= (np.abs(rates) > 1e-9) & (np.abs(rates - 1) > 1e-9) & (np.abs(gross) > 0.005)
    if not judged.any():
        return False
    before = judged & (np.abs(amount - gross) <= 0.005)
    if before.any():
        at = int(np.flatnonzero(before)[0])
        row = int(data.index[at]) + raw.first_row
        raise BadDataError(
            _(
                "{amount} is the quantity times the unit price before the discount {column} "
                "({quantity:g} x {price:,.2f} = {gross:,.2f} at {rate}): what was sold is not "
                "in it",
                amount=str(header.names[by_name["amount"]]),
                column=name,
                quantity=float(number["quantity"][at]),
                price=float(number["unit_price"][at]),
                gross=float(gross[at]),
                rate=str(data[position].iloc[at]),
            ),
            file=raw.file,
            sheet=raw.sheet,
            row=row,
            column=name,
            value=str(data[position].iloc[at]),
            hint=_(
                'map the amount after the discount: [inputs.orders] amount = "<the amount '
                'after the discount>"; if the discount is paid back elsewhere (a rebate), '
                '[inputs.orders] ignore = ["{column}"]',
                column=name,
            ),
        )
    after = judged & (
        (np.abs(amount - gross * rates) <= 0.01) | (np.abs(amount - gross * (1 - rates)) <= 0.01)
    )
    return bool(after[judged].all())


def _explicit(canonical: str, key: str, tiers: dict[str, tuple[str, int]]) -> str:
    """The column a mapped header fills: `amount = "本位币金额"` (or `Amount (converted)`) names
    an amount in the base currency already, which no currency column converts again."""
    if canonical == "amount" and tiers.get(key, ("", 0))[0] == "base_amount":
        return "base_amount"
    return canonical


# a header that names a column only in one layout: Shopify's order number is `Name`
_IN_LAYOUT = {"name": "order_id"}
_LINE_ITEM_PREFIXES = ("orderlines", "lineitem")


def _map_columns(raw: RawSheet, table: Table, spec: InputSpec, header: _Header) -> _Mapping:
    """Each header to its column: an explicit mapping first, then aliases tier by tier; a
    header whose column is taken by a better one steps aside (kept out, said with -v)."""
    tiers = alias_tiers(table.name)
    explicit = {header_key(h): canonical for canonical, h in spec.columns.items()}
    ignored = {header_key(h) for h in spec.ignore}
    keys = [header_key(n) if n else "" for n in header.names]
    line_items = table.name == "orders" and any(k.startswith(_LINE_ITEM_PREFIXES) for k in keys)
    cancels = cancel_keys() if table.name == "orders" else {}
    generic = generic_customer_keys() if "customer_id" in table.columns else frozenset()
    mapping = _Mapping({}, line_items=line_items)
    offers: dict[str, list[tuple[int, int, str]]] = {}  # column -> (tier, position, header)
    generics: list[tuple[int, str]] = []
    for position, (name, key) in enumerate(zip(header.names, keys, strict=True)):
        if not name:
            continue
        if key in ignored:
            mapping.headers.append(_line(name, "", _("ignored (ignore setting)")))
            if table.name == "customers":
                mapping.keys[position] = mapping.headers[-1]
        elif key in explicit and explicit[key] == "cancel_flag":
            mapping.cancel[position] = "flag"
            mapping.headers.append(_line(name, "status", _("cancel flag (mapping)")))
        elif key in explicit:
            offers.setdefault(_explicit(explicit[key], key, tiers), []).append((-1, position, name))
        elif key in cancels:
            mapping.cancel[position] = cancels[key]
            mapping.headers.append(_line(name, "status", _CANCEL_HOW[cancels[key]]))
        elif key in generic:
            generics.append((position, name))
        elif key in tiers or (line_items and key in _IN_LAYOUT):
            column, tier = tiers.get(key) or (_IN_LAYOUT[key], 0)
            offers.setdefault(column, []).append((tier, position, name))
        elif (grouped := _under_group(name, tiers)) is not None:
            column, tier = grouped
            if column:
                offers.setdefault(column, []).append((tier, position, name))
            else:
                mapping.headers.append(_line(name, "", _("harmless: a figure of another group")))
        else:
            mapping.unknown[position] = name
    for canonical, header_text in spec.columns.items():
        if canonical == "cancel_flag" and header_key(header_text) in keys:
            continue
        if header_key(header_text) in ignored and header_key(header_text) in keys:
            raise BadDataError(
                _(
                    "[inputs.{table}] {column} = {header!r}, and ignore lists it too: a header "
                    "is read or ignored, not both",
                    table=table.name,
                    column=canonical,
                    header=header_text,
                ),
                file=raw.file,
                sheet=raw.sheet,
                row=header.row,
                hint=_(
                    'remove "{header}" from ignore under [inputs.{table}], or remove the mapping',
                    header=header_text,
                    table=table.name,
                ),
            )
        taken = offers.get(_explicit(canonical, header_key(header_text), tiers), [])
        if not any(o[0] == -1 for o in taken):
            raise BadDataError(
                _(
                    "[inputs.{table}] {column} = {header!r}: no such header; header row {row} "
                    "has: {headers}",
                    table=table.name,
                    column=canonical,
                    header=header_text,
                    row=header.row,
                    headers=", ".join(n for n in header.names if n),
                ),
                file=raw.file,
                sheet=raw.sheet,
                row=header.row,
                hint=_("write the header as the file spells it, or remove the line"),
            )
    mapping.explicit = {c for c, found in offers.items() if any(o[0] == -1 for o in found)}
    _rep_name_parts(table, header, keys, mapping)
    _sales_amount_beside_cost(offers, keys, mapping)
    for canonical, found in offers.items():
        _take(raw, table, header, canonical, sorted(found), mapping)
    _place_generic_customer(raw, table, header, generics, mapping)
    place = {name: i for i, name in reversed(list(enumerate(header.names)))}
    mapping.headers.sort(key=lambda line: place.get(line["header"], len(place)))
    return mapping


def _judge_unknown(
    raw: RawSheet,
    table: Table,
    policy: Policy,
    header: _Header,
    data: pd.DataFrame,
    mapping: _Mapping,
    amount_chosen: bool = False,
) -> list[Problem]:
    """Each header no column took: a cancel flag or mark headed in any spelling is read as
    one; a descriptive header is harmless; any other is unknown, and an unknown one that could
    change a figure (roles.judge) is an error naming it, its values and the setting that
    settles it. Person columns keep their values, to be matched with the reps' names.
    `amount_chosen`: salescli.toml maps the amount (a tax flag then marks prices, as the
    hint that asked for the mapping says)."""
    flags = _vocabulary([*policy.statuses.flag_yes, *policy.statuses.flag_no])
    documents = _vocabulary(policy.documents.words())
    problems: list[Problem] = []
    for position, name in sorted(mapping.unknown.items()):
        values = _cleaned(data[position])
        key = header_key(name)
        if table.name == "orders" and roles.is_cancel_header(name):
            kind = roles.cancel_shape(values, flags)
            if kind == "flag" and _every_line_yes(values, policy):
                kind = None  # 確認碼 = Y (confirmed): a flag taking every line out is no flag
            if kind == "flag" and _status_letters(_words(values), policy.statuses, name):
                kind = None  # 状态码 Y / N / X: status codes, asked (a concern), not read as yes/no
            if kind is not None:
                mapping.cancel[position] = kind
                mapping.headers.append(_line(name, "status", _CANCEL_HOW[kind]))
                continue
        if (
            table.name == "orders"
            and "document_type" not in mapping.columns.values()
            and roles.is_document_column(name, values, documents)
        ):
            mapping.columns[position] = "document_type"
            mapping.headers.append(_line(name, "document_type", _("document type (its words)")))
            continue
        harmless = roles.is_harmless(key)
        concern = (
            roles.judge_opportunity(name, values, flags, set(mapping.columns.values()))
            if table.name == "opportunities"
            else None
        )
        if concern is None and harmless:
            read = "currency" in mapping.columns.values()  # a second column: its names
            base = None if read else policy.currency.base
            concern = roles.judge_harmless(table.name, values, base)
        elif concern is None:
            refunds = "refund_amount" in mapping.columns.values()
            concern = roles.judge(table.name, name, values, flags, refunds, amount_chosen)
        if (
            concern is not None
            and concern.kind in ("amount", "quantity")
            and _order_level(data, mapping, j=position)
        ):
            # an order's total, subtotal or shipping repeated on its lines beside the lines'
            # own amounts: it is not what a line sold, and no figure reads it
            concern, harmless = None, True
            name_line = _line(name, "", _("harmless: the order's figure, repeated on its lines"))
            name_line["samples"] = ", ".join(roles.samples(values))
            mapping.unmatched.append(name)
            mapping.headers.append(name_line)
            continue
        line: dict = _line(name, "", _("harmless") if harmless else _("unknown"))
        shown = roles.samples(values)
        line["samples"] = ", ".join(shown)
        if concern is None and (roles.is_person_header(name) or not harmless):
            # names of reps are looked for; a customer file's codes are joined to the orders'
            most = 200_000 if table.name == "customers" else 500
            line["values"] = roles.distinct_values(values, most)
        discount = table.name == "orders" and bool(_DISCOUNT.search(name))
        if concern is None and not harmless and discount:  # noqa: SIM102 (the test reads data)
            if _discounted(raw, header, data, mapping, position, name):
                line["how"] = _("harmless: each amount is after this discount")
                mapping.unmatched.append(name)
                mapping.headers.append(line)
                continue
        if concern is None and not harmless:
            mapping.unread.append(f"{name!r} ({', '.join(shown)})" if shown else repr(name))
        if concern is not None:
            line["how"] = _("unknown: {why}", why=concern.why)
            found = problem(
                "unknown-column",
                column=name,
                why=concern.why,
                advice=roles.hint(concern, table.name, name),
            )
            problems.append(
                Problem.at(
                    found,
                    table.name,
                    raw.file,
                    raw.sheet,
                    header.row,
                    name,
                    ", ".join(shown) or None,
                )
            )
        mapping.unmatched.append(name)
        mapping.headers.append(line)
    return problems


def _every_line_yes(values: pd.Series, policy: Policy) -> bool:
    """Whether every filled cell of a column is a yes word (and some are filled)."""
    words = _words(values).dropna()
    return bool(len(words)) and bool(words.isin(_vocabulary(policy.statuses.flag_yes)).all())


def _status_letters(words: pd.Series, statuses: StatusSettings, header: str | None) -> list[str]:
    """The one-letter yes words of a code column (状态码, 确认码) when Y is one of them beside
    another (鼎捷's 状态码: Y confirmed, N unconfirmed, X void): status codes, which the built-in
    yes words would read with Y as void; empty when the column reads as yes and no (Business
    One's `Canceled` Y / N / C is a flag: its header says so)."""
    if header is None or not roles.is_code_header(header):
        return []
    yes = _vocabulary(statuses.flag_yes)
    letters = sorted(
        {w for w in words.dropna().unique() if len(w) == 1 and w.isalpha() and w in yes}
    )
    return letters if "y" in letters and len(letters) > 1 else []


def _status_codes(
    result: Normalised,
    raw: RawSheet,
    written: pd.Series,
    words: pd.Series,
    statuses: StatusSettings,
    header: str | None,
) -> None:
    """A flag column of status letters (`_status_letters`) is refused until its letters are
    said, never read with Y (confirmed) taking its lines out."""
    if letters := _status_letters(words, statuses, header):
        found = problem("cancel-flag-letters", letters=", ".join(x.upper() for x in letters))
        shown = ", ".join(sorted(set(written.dropna().astype(str)))[:5])
        result.problems.append(
            Problem.at(found, result.table, raw.file, raw.sheet, None, "status", shown)
        )


def _order_level(data: pd.DataFrame, mapping: _Mapping, j: int) -> bool:
    """Whether column `j` holds one value per order while the lines' own figures (amount,
    quantity, price, product) differ within some order: an order-level figure."""
    by_name = {canonical: position for position, canonical in mapping.columns.items()}
    lines = ("amount", "quantity", "unit_price", "product_code", "product_model", "product_name")
    own = [by_name[c] for c in lines if c in by_name]
    if "order_id" not in by_name or not own or not ({"amount", "unit_price"} & set(by_name)):
        return False
    frame = pd.DataFrame(
        {"order": _cleaned(data[by_name["order_id"]]), "value": _cleaned(data[j])}
    ).assign(**{f"own{i}": _cleaned(data[p]) for i, p in enumerate(own)})
    frame = frame.dropna(subset=["order"])
    grouped = frame.groupby("order")
    several = grouped["value"].transform("size") > 1
    if not several.any():
        return False
    varied = frame[several].groupby("order")[[c for c in frame if c.startswith("own")]].nunique()
    differing = varied.gt(1).any(axis=1)
    if not differing.any():
        return False
    constant = frame[several].groupby("order")["value"].nunique(dropna=False) == 1
    return bool(constant.all())


# how a cancel column is read (roles.cancel_shape's kinds)
_CANCEL_HOW = {
    "flag": _("cancel flag"),
    "marker": _("cancel marker"),
}


def _line(header: str, column: str, how: Msg) -> dict[str, str]:
    return {"header": header, "column": column, "how": how}


# the figures a group header (金蝶 KIS: 销售收入 / 销售成本 / 毛利 over 数量, 单价, 金额) gives
_GROUPS = {
    **dict.fromkeys(("销售收入", "收入", "销售", "销售额", "sales", "revenue"), "sale"),
    **dict.fromkeys(("销售成本", "成本", "cost of sales", "cost"), "cost"),
    **dict.fromkeys(("毛利", "利润", "gross profit", "profit"), "profit"),
}


def _under_group(name: str, tiers: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """`group/name`: a header under a group header, or a related field (Odoo's `Order
    Reference/Order Date`). The sale's group gives its own columns; a cost or profit group
    gives its amount as the cost or the profit, and its other figures are harmless; a
    related field gives its column when no header of the file names it directly. None when
    the name is no such header; ("", 0) for a harmless figure of another group."""
    if "/" not in name:
        return None
    group, _, own = name.rpartition("/")
    found = tiers.get(header_key(own))
    if found is None:
        return None
    column, tier = found
    kind = _GROUPS.get(group.strip().lower())
    if kind in ("cost", "profit"):
        return (kind, 0) if column == "amount" else ("", 0)
    return column, tier if kind == "sale" else 50 + tier


def _take(
    raw: RawSheet,
    table: Table,
    header: _Header,
    canonical: str,
    found: list[tuple[int, int, str]],
    mapping: _Mapping,
) -> None:
    best = [f for f in found if f[0] == found[0][0]]
    if len(best) > 1:
        raise BadDataError(
            _(
                "headers {first!r} and {second!r} both map to column {column}",
                first=best[0][2],
                second=best[1][2],
                column=canonical,
            ),
            file=raw.file,
            sheet=raw.sheet,
            row=header.row,
            hint=_(
                "map {column} explicitly under [inputs.{table}] in salescli.toml "
                '({column} = "{header}"; the other then steps aside), or add the other '
                "to ignore = [...]",
                column=canonical,
                table=table.name,
                header=best[0][2],
            ),
        )
    tier, position, name = best[0]
    mapping.columns[position] = canonical
    if tier > 0:
        mapping.by_fallback.add(canonical)
    how = (
        _("mapping")
        if tier == -1
        else _("alias")
        if tier == 0
        else _("alias (fallback {tier})", tier=tier)
    )
    mapping.headers.append(_line(name, canonical, how))
    for _tier, aside, other in found[1:]:
        mapping.unmatched.append(_("{header} (steps aside for {name})", header=other, name=name))
        mapping.headers.append(
            _line(other, "", _("unused: {column} is {header!r}", column=canonical, header=name))
        )
        if (table.name, canonical) == ("customers", "customer_id"):
            mapping.keys[aside] = mapping.headers[-1]


# MYOB writes the seller over two columns, `Salesperson Last Name` and `Salesperson First Name`
_NAME_PART = re.compile(
    r"^(?P<who>salesperson|salesrep|slsmn|seller|employee|owner|agent)"
    r"(?P<part>lastname|surname|firstname|givenname|forename)$"
)


def _rep_name_parts(table: Table, header: _Header, keys: list[str], mapping: _Mapping) -> None:
    """The seller's first and last name in two columns no setting names are read together as
    the rep, `First Last` (John Smith), as a person's name is written in a targets file."""
    if table.name != "orders":
        return
    parts: dict[str, dict[str, int]] = {}
    for position in mapping.unknown:
        if found := _NAME_PART.match(keys[position]):
            part = "last" if found["part"] in ("lastname", "surname") else "first"
            parts.setdefault(found["who"], {})[part] = position
    pair = next(((p["first"], p["last"]) for p in parts.values() if len(p) == 2), None)
    if pair is None:
        return
    mapping.rep_names = pair
    for position, how in zip(pair, (_("rep: first name"), _("rep: last name")), strict=True):
        del mapping.unknown[position]
        mapping.headers.append(_line(str(header.names[position]), "rep", how))


def _rep_from_name_parts(
    raw: RawSheet, header: _Header, data: pd.DataFrame, mapping: _Mapping, frame: pd.DataFrame
) -> None:
    """`rep` = first name + last name; beside a rep column (Salesperson), they must name the
    same person (John Smith, Smith John or Smith, John), else the line is refused."""
    assert mapping.rep_names is not None
    first, last = (_cleaned(data[j]).reset_index(drop=True) for j in mapping.rep_names)
    joined = (first.fillna("") + " " + last.fillna("")).str.strip().replace("", pd.NA)
    if "rep" not in frame:
        frame["rep"] = joined.astype("string")
        return
    said = frame["rep"].str.replace(r"[\s,]+", " ", regex=True).str.strip().str.casefold()
    forms = [
        (first.fillna("") + " " + last.fillna("")).str.strip().str.casefold(),
        (last.fillna("") + " " + first.fillna("")).str.strip().str.casefold(),
    ]
    other = said.notna() & joined.notna() & (said != forms[0]) & (said != forms[1])
    if not other.any():
        return
    i = int(other.to_numpy().argmax())
    names = [str(header.names[j]) for j in mapping.rep_names]
    column = next(str(header.names[j]) for j, c in mapping.columns.items() if c == "rep")
    raise BadDataError(
        _(
            "column {column} says {rep!r}, and columns {first} and {last} say {joined!r}: which "
            "of them sold the line the file does not say",
            column=column,
            rep=frame["rep"].iloc[i],
            first=names[0],
            last=names[1],
            joined=joined.iloc[i],
        ),
        file=raw.file,
        sheet=raw.sheet,
        row=int(frame["_row"].iloc[i]),
        column=column,
        hint=_(
            'keep the one that names the seller: add ignore = ["{column}"] under '
            "[inputs.orders] to read the two name columns, or ignore = [{names}] to read "
            "{column}",
            names=", ".join(f'"{n}"' for n in names),
            column=column,
        ),
    )


def _sales_amount_beside_cost(
    offers: dict[str, list[tuple[int, int, str]]], keys: list[str], mapping: _Mapping
) -> None:
    """A K/3 outbound-stock export (销售出库单) has 销售金额 beside 金额: the bare 金额 is
    the cost of the goods shipped, 销售金额 the sale (and 单价 beside 销售单价 the cost
    price)."""
    amounts = offers.get("amount", [])
    if "销售金额" not in keys or "金额" not in keys:
        return
    bare = [o for o in amounts if keys[o[1]] == "金额"]
    if "amount" not in mapping.explicit and "cost" not in offers and bare:
        offers["amount"] = [o for o in amounts if o not in bare]
        offers["cost"] = bare
    prices = offers.get("unit_price", [])
    if "unit_price" not in mapping.explicit and any(keys[o[1]] == "销售单价" for o in prices):
        for cost in [o for o in prices if keys[o[1]] == "单价"]:
            prices.remove(cost)
            mapping.unmatched.append(_("{header} (the cost price beside 销售单价)", header=cost[2]))
            mapping.headers.append(
                _line(cost[2], "", _("unused: the cost price beside {header}", header="销售单价"))
            )


def _place_generic_customer(
    raw: RawSheet, table: Table, header: _Header, generics: list[tuple[int, str]], m: _Mapping
) -> None:
    """客户 / Customer: the id and the name when the file has no other customer column, the
    one the file lacks otherwise; an id-less file's name column is the id too."""
    taken = set(m.columns.values())
    if len(generics) > 1 and "customer_id" not in taken:
        raise BadDataError(
            _(
                "headers {first!r} and {second!r} both name the customer",
                first=generics[0][1],
                second=generics[1][1],
            ),
            file=raw.file,
            sheet=raw.sheet,
            row=header.row,
            hint=_(
                "map customer_id explicitly under [inputs.{table}] in salescli.toml",
                table=table.name,
            ),
        )
    for position, name in generics:
        taken = set(m.columns.values())
        if "customer_id" not in taken:
            m.columns[position] = "customer_id"
            if "customer_name" not in taken:
                m.copies.append(("customer_name", "customer_id"))
                m.headers.append(_line(name, "customer_id, customer_name", _("alias (one column)")))
            else:
                m.headers.append(_line(name, "customer_id", _("alias (customer beside a name)")))
        elif "customer_name" not in taken:
            m.columns[position] = "customer_name"
            m.headers.append(_line(name, "customer_name", _("alias (customer beside an id)")))
        else:
            m.unmatched.append(
                _("{header} (the file has customer id and name columns)", header=name)
            )
            m.headers.append(_line(name, "", _("unused: customer id and name have columns")))
    taken = set(m.columns.values())
    for key, name in (("customer_id", "customer_name"), ("opportunity_id", "opportunity_name")):
        if key in table.columns and key not in taken and name in taken:
            m.copies.append((key, name))
            for line in m.headers:
                if line["column"] == name:
                    line["column"] = f"{key}, {name}"
                    line["how"] += f" (no {key} column: the name is the id)"


def _group_headings(result: Normalised, raw: RawSheet) -> None:
    """A report grouped by a column (Salesforce's formatted report grouped by Opportunity
    Owner) writes each group's value alone on a heading row, its lines right below with that
    cell blank, and a subtotal row after them (dropped as a total). When one column holds
    values on such heading rows only, each heading's value is filled onto the lines right
    below it (never across a dropped or blank row) and the heading row goes. A heading row
    with any other value (a date) is no heading: the column is left as written."""
    frame = result.frame
    columns = [c for c in frame.columns if not c.startswith("_")]
    if len(columns) < 2 or len(frame) < 2:
        return
    if any(not frame[c].hasnans for c in columns):
        return  # a column filled on every row: no row holds one value alone and lines blank in it
    filled = frame[columns].notna().to_numpy()
    alone = filled.sum(axis=1) == 1
    lone = np.unique(filled[alone].argmax(axis=1))
    if len(lone) != 1:
        return
    j = int(lone[0])
    heading = filled[:, j] & alone
    if (filled[:, j] & ~heading).any():
        return  # the column holds values on lines too: no grouping
    rows = frame["_row"].to_numpy()
    starts = heading | np.r_[True, rows[1:] != rows[:-1] + 1]
    run = np.cumsum(starts) - 1
    under = heading[np.flatnonzero(starts)][run] & ~heading
    if not under.any():
        return
    column = columns[j]
    values = frame[column].to_numpy(dtype=object)[np.flatnonzero(starts)][run]
    frame.loc[under, column] = values[under]
    result.frame = frame.loc[~heading].reset_index(drop=True)
    result.notes.append(
        n_(
            "{where}: {n} group heading row ({rows}) gives column {column} of the lines right "
            "below it (filled down to the group's end), and is no line itself",
            "{where}: {n} group heading rows ({rows}) give column {column} of the lines right "
            "below each (filled down to the group's end), and are no lines themselves",
            int(heading.sum()),
            where=_where(raw),
            rows=_row_list(rows[heading].tolist()),
            column=column,
        )
    )


def _drop_blank_and_total_rows(
    result: Normalised, raw: RawSheet, data: pd.DataFrame, mapping: dict[int, str]
) -> None:
    """Blank rows go; total rows (see `_total_rows`), footer lines after the data and rows
    holding values only in columns not read go with a note naming them: no row is dropped
    silently."""
    frame = result.frame
    values = frame.drop(columns="_row")
    blank = values.isna().all(axis=1) if len(values.columns) else pd.Series(True, frame.index)
    labels = _label_columns(result, data, mapping)
    first = _cleaned(data[data.columns[0]].set_axis(frame.index))
    words = _total_words(labels, first, frame.index)
    total, refused = _total_rows(result, raw, words & ~blank, blank, labels)
    footer = _footer_lines(data, total)
    stray = _values_only_in_columns_not_read(data, blank & ~footer, mapping)
    where = _where(raw)
    if total.any():
        rows = frame.loc[total, "_row"].tolist()
        result.notes.append(
            n_(
                "{where}: {n} total row dropped, not summed (row {rows})",
                "{where}: {n} total rows dropped, not summed (rows {rows})",
                len(rows),
                where=where,
                rows=_row_list(rows),
            )
        )
    for dropped, footers in ((footer, True), (stray, False)):
        if dropped.any():
            rows = frame.loc[dropped, "_row"].tolist()
            first_texts = _first_texts(data, dropped)
            shown = ", ".join(repr(t if len(t) <= 60 else t[:59] + "…") for t in first_texts[:3])
            said = {"where": where, "rows": _row_list(rows), "shown": shown}
            result.notes.append(
                n_(
                    "{where}: {n} footer line after the data dropped (row {rows}: {shown})",
                    "{where}: {n} footer lines after the data dropped (rows {rows}: {shown})",
                    len(rows),
                    **said,
                )
                if footers
                else n_(
                    "{where}: {n} row with values only in columns not read dropped "
                    "(row {rows}: {shown})",
                    "{where}: {n} rows with values only in columns not read dropped "
                    "(rows {rows}: {shown})",
                    len(rows),
                    **said,
                )
            )
    # a refused total row is an error of its own: its empty order fields would only repeat it
    result.frame = frame.loc[~blank & ~total & ~footer & ~refused].reset_index(drop=True)


def _label_columns(
    result: Normalised, data: pd.DataFrame, mapping: dict[int, str]
) -> dict[str, pd.Series]:
    """Where a total word stands: the first column and every text column read (numbers and
    dates hold the sums), by the name a problem gives each; a typed column (Parquet numbers,
    dates) cannot say 合计."""
    table = TABLES[result.table]
    texts = [j for j, name in mapping.items() if table.columns[name].type in ("id", "text")]
    columns = {mapping[j]: result.frame[mapping[j]] for j in sorted(texts)}  # cleaned already
    if data.columns[0] not in texts:
        first = _cleaned(data[data.columns[0]].set_axis(result.frame.index))
        columns[mapping.get(data.columns[0], "first column")] = first
    # QuickBooks Desktop indents its group labels (`Total Cabinets`) over the columns before
    # the first one read: each of them is a label column too
    lead = min(mapping, default=0)
    for j in [j for j in data.columns[1:] if isinstance(j, int) and j < lead]:
        columns[f"column {_letters(j + 1)}"] = _cleaned(data[j].set_axis(result.frame.index))
    return {name: c for name, c in columns.items() if pd.api.types.is_string_dtype(c.dtype)}


def _letters(number: int) -> str:
    """A column's letters as Excel shows them (1: A, 28: AB)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _total_words(labels: dict[str, pd.Series], first: pd.Series, index: pd.Index) -> pd.Series:
    """Rows holding a total word (合计, Total) in a label column, or Salesforce's `Grand
    Totals (8 records)` in the first."""
    words = pd.Series(False, index=index)
    for column in labels.values():
        words |= column.isin(TOTAL_MARKERS).fillna(False).to_numpy(bool)
    if pd.api.types.is_string_dtype(first.dtype):
        words |= first.str.match(_COUNTED_TOTAL).fillna(False).to_numpy(bool)
    return words


def _labelled_totals(labels: dict[str, pd.Series], rows: np.ndarray) -> np.ndarray:
    """Which of `rows` (positions) have a label that only begins or ends with a total word
    (`华东 小计`, `Total Acme Ltd`, QuickBooks' `Total for Acme`): total rows only when they
    are not full lines (a customer named Total Energies is one), so only those are asked."""
    found = np.zeros(len(rows), bool)
    for column in labels.values():
        cells = column.iloc[rows]
        found |= cells.str.contains(_LABELLED_TOTAL).fillna(False).to_numpy(bool)
    return found


_CJK_TOTAL = "合计|总计|小计|合計|小計|總計"
_LABELLED_TOTAL = (
    rf"(?i)^(?:grand total|subtotal|total|{_CJK_TOTAL})(?:\b|[\s:：\-(（])"
    rf"|(?:\btotal|\bsubtotal|{_CJK_TOTAL})[:：]?$"
)


# columns a total row does not sum: prices, order-level totals repeated on lines, scores
NOT_SUMMED = {
    "unit_price",
    "gross_unit_price",
    "order_subtotal",
    "order_total",
    "score",
    "potential_value",
    "weight",
}


@dataclass
class _Sums:
    """The additive amounts of a sheet's rows, to test whether a row closes the rows above."""

    names: list[str]
    values: np.ndarray  # rows x columns, NaN where blank
    prefix: np.ndarray  # (rows + 1) x columns: the sum of the data rows above each row
    count: np.ndarray  # rows + 1: how many data rows are above each row
    lines: np.ndarray  # whether each row is a data row

    def block(self, start: int, end: int, kept: list[tuple[int, np.ndarray]]) -> tuple:
        """(sum, number of data rows) of the rows start..end-1, with the rows holding a
        total word that were kept as lines among them."""
        total = self.prefix[end] - self.prefix[start]
        count = int(self.count[end] - self.count[start])
        for position, row in kept:
            if start <= position < end:
                total, count = total + row, count + 1
        return total, count


def _sums(result: Normalised, raw: RawSheet, data_rows: np.ndarray) -> _Sums:
    """The sums, read with each column's own decimal separator (as `_decimal_separators`
    will tell it; a column it cannot tell is read with a point, its error comes later)."""
    frame, table = result.frame, TABLES[result.table]
    names = [
        c
        for c in frame.columns
        if c in table.columns and table.columns[c].type in NUMERIC and c not in NOT_SUMMED
    ]
    parsed = []
    for name in names:
        decimal = decimal_notation(frame[name], raw.numbers_shown_by_reader).decided() or "."
        parsed.append(parse_number(frame[name], decimal)[0].to_numpy(float, na_value=np.nan))
    values = np.column_stack(parsed) if parsed else np.zeros((len(frame), 0))
    counted = np.where(data_rows[:, None], np.nan_to_num(values), 0.0)
    prefix = np.vstack([np.zeros((1, len(names))), np.cumsum(counted, axis=0)])
    count = np.r_[0, np.cumsum(data_rows)]
    return _Sums(names, values, prefix, count, data_rows)


def _total_rows(
    result: Normalised,
    raw: RawSheet,
    words: pd.Series,
    blank: pd.Series,
    labels: dict[str, pd.Series],
) -> tuple[pd.Series, pd.Series]:
    """The total rows to drop, and the rows refused as not even a line (dropped: their error
    says it all). A total row is a row holding a total word in a label column whose amounts
    are the sum of the rows it closes (every row above for a grand total, the rows since the
    previous total row for a subtotal); a word alone does not make one (a customer named
    TOTAL). A row holding a total word and nothing else is a label line and goes too. Others:

    - a full line (every required column filled) whose amounts do not add up is a line: kept,
      with a warning;
    - a full line whose amounts do add up could be either: refused (65), and counted both
      ways for the totals below it;
    - a row lacking a required value whose amounts do not add up is neither: refused (65).
    """
    total = pd.Series(False, index=words.index)
    refused = pd.Series(False, index=words.index)
    frame, table = result.frame, TABLES[result.table]
    present = [c for c in table.required if c in frame]
    complete = frame[present].notna().all(axis=1).to_numpy(bool)
    complete = complete & (len(present) == len(table.required))
    if table.name == "customers":
        complete &= ~_counted_customers(frame)
    partial = np.flatnonzero(~complete & ~blank.to_numpy(bool) & ~words.to_numpy(bool))
    if len(partial):
        words = words.copy()
        words.iloc[partial[_labelled_totals(labels, partial)]] = True
    if not words.any():
        return total, refused
    lines = (~blank & ~words).to_numpy(bool)
    at = np.flatnonzero(words.to_numpy(bool))
    cells = frame.drop(columns="_row").iloc[at]  # the rows holding a word: a handful
    filled = dict(zip(at.tolist(), cells.notna().sum(axis=1).tolist(), strict=True))
    markers = dict(zip(at.tolist(), cells.isin(TOTAL_MARKERS).sum(axis=1).tolist(), strict=True))
    starts: list[int] = [0]
    kept: list[tuple[int, np.ndarray]] = []  # rows holding a total word read as lines
    either: list[tuple[int, np.ndarray]] = []  # refused as a total or a line
    sums: _Sums | None = None
    for position in at.tolist():
        if filled[position] <= markers[position]:
            total.iloc[position] = True  # a label line: nothing but total words
            starts.append(position + 1)
            continue
        sums = sums or _sums(result, raw, lines)  # parsed once, when a row has more
        row = sums.values[position]
        amounts = ~np.isnan(row)
        if not (amounts.any() or complete[position]):
            total.iloc[position] = True  # not a line, and nothing to sum
            starts.append(position + 1)
            continue
        closes = None
        if amounts.any():  # with the rows refused as either read as lines, else as totals
            closes = _closes(sums, starts, position, kept + either) or (
                _closes(sums, starts, position, kept) if either else None
            )
        if closes is not None and not complete[position]:
            total.iloc[position] = True
            starts.append(position + 1)
        elif closes is None and complete[position]:
            kept.append((position, np.nan_to_num(row)))
            _total_word_problem(result, raw, labels, position, problem("total-word-kept"))
        elif closes is not None:
            either.append((position, np.nan_to_num(row)))
            first, last = (int(frame["_row"].iat[p]) for p in closes)
            found = problem("total-or-line", span=_span(first, last))
            _total_word_problem(result, raw, labels, position, found)
        else:
            refused.iloc[position] = True
            found = problem("total-row-mismatch", sums=_sums_above(sums, starts, position, kept))
            _total_word_problem(result, raw, labels, position, found)
    return total, refused


# a field check-in for no customer (纷享销客's 外勤 for a meeting): filling one in would make
# a visit that never was
_NO_CUSTOMER = _(
    "fill in 客户编号 (customer_id) if the rep visited a customer; a check-in that visited "
    "none (a meeting, a delivery) is no visit: delete its row from the export"
)


def _counted_customers(frame: pd.DataFrame) -> np.ndarray:
    """A customer file's 合计 row (纷享销客's printed list): the total word as the customer's
    id, and no name or a number (the count of customers) as its name. No customer has a total
    word for its code, so it is no full line: dropped as a total row, not read as a customer."""
    if "customer_id" not in frame:
        return np.zeros(len(frame), bool)
    keyed = frame["customer_id"].isin(TOTAL_MARKERS).fillna(False).to_numpy(bool)
    if not keyed.any() or "customer_name" not in frame:
        return keyed
    name = frame["customer_name"].astype("string")
    counted = parse_number(name.fillna(""))[0].notna() | name.isna()
    return keyed & counted.to_numpy(bool)


def _span(first: int, last: int) -> str:
    if first == last:
        return _("row {row}", row=first)
    return _("rows {first}-{last}", first=first, last=last)


def _closes(
    sums: _Sums, starts: list[int], position: int, kept: list[tuple[int, np.ndarray]]
) -> tuple[int, int] | None:
    """The first and last position of the data rows the row at `position` closes, when its
    amounts are their sum: since the previous total row, else since an earlier one or the
    top."""
    row = sums.values[position]
    amounts = ~np.isnan(row)
    for start in [starts[-1], *reversed(starts[:-1])]:
        total, count = sums.block(start, position, kept)
        if count and np.all(
            np.abs(row[amounts] - total[amounts]) <= 0.01 + 1e-9 * abs(total[amounts])
        ):
            lines = np.flatnonzero(sums.lines[start:position]) + start
            inside = [p for p, _ in kept if start <= p < position]
            return min([*lines[:1].tolist(), *inside]), max([*lines[-1:].tolist(), *inside])
    return None


def _sums_above(
    sums: _Sums, starts: list[int], position: int, kept: list[tuple[int, np.ndarray]]
) -> str:
    """What the row's amounts were compared with: its values and the sums above it."""
    row = sums.values[position]
    parts = []
    for index in np.flatnonzero(~np.isnan(row))[:2]:
        name, value = sums.names[index], float(row[index])
        since = float(sums.block(starts[-1], position, kept)[0][index])
        whole = float(sums.block(0, position, kept)[0][index])
        if starts[-1]:
            parts.append(
                _(
                    "{column} {value:,.2f}; the rows above sum to {whole:,.2f}, those since the "
                    "last total row to {since:,.2f}",
                    column=name,
                    value=value,
                    whole=whole,
                    since=since,
                )
            )
        else:
            parts.append(
                _(
                    "{column} {value:,.2f}; the rows above sum to {whole:,.2f}",
                    column=name,
                    value=value,
                    whole=whole,
                )
            )
    return parts[0] if len(parts) == 1 else _("{first}; {second}", first=parts[0], second=parts[1])


def _total_word_problem(
    result: Normalised,
    raw: RawSheet,
    labels: dict[str, pd.Series],
    position: int,
    said: Found,
) -> None:
    """A problem on the row at `position`, placed on the label column holding its word."""
    cells = {name: c.iat[position] for name, c in labels.items()}
    found = [(n, v) for n, v in cells.items() if v in TOTAL_MARKERS]
    for pattern in (_COUNTED_TOTAL, _LABELLED_TOTAL):
        found += [(n, v) for n, v in cells.items() if isinstance(v, str) and re.search(pattern, v)]
    column, word = found[0] if found else ("first column", None)
    rows = result.frame["_row"].iloc[[position]]
    _report(result, raw, column, rows, pd.Series([word]), said)


_COUNTED_TOTAL = r"(?i)^(?:grand |sub)?totals?(?: \(\d+ records?\))?:?$"
MAX_FOOTER = 20
# a footer is a sentence (Confidential Information - Do Not Distribute, Generated By: …,
# 制表人：张三), not a lone token such as an order id left on a row of its own
_SENTENCE = "[ \t　:：()（）©]"  # words apart: a space, a colon, brackets


def _footer_lines(data: pd.DataFrame, total: pd.Series) -> pd.Series:
    """Lines after the data with text in the first cells and the rest empty (a report's
    `Confidential`, `Copyright`, `Generated By` lines), read from the bottom up to the last
    data row; total rows and blank rows may stand among them. A line like this in the middle
    of the data is not a footer: it stays, and is reported like any other row."""
    footer = pd.Series(False, index=total.index)
    if data.shape[1] < 3:
        return footer
    tail = data.iloc[-MAX_FOOTER:].astype(object).to_numpy().tolist()
    offset = len(data) - len(tail)
    for position in range(len(tail) - 1, -1, -1):
        cells = _row_text(tail[position])
        filled = [k for k, v in enumerate(cells) if v]
        if not filled or total.iloc[offset + position]:
            continue
        texts = pd.Series([cells[k] for k in filled], dtype="str")
        if max(filled) > 1 or not _is_sentence(texts):
            break
        footer.iloc[offset + position] = True
    return footer


def _is_sentence(texts: pd.Series) -> bool:
    number, _rejected = parse_number(texts)
    day, _rejected = parse_date(texts)
    return bool(number.isna().all() and day.isna().all() and texts.str.contains(_SENTENCE).any())


def _values_only_in_columns_not_read(
    data: pd.DataFrame, blank: pd.Series, mapping: dict[int, str]
) -> pd.Series:
    """Rows empty in every column read but holding text elsewhere (a note line between the
    data): dropped, but named."""
    stray = pd.Series(False, index=blank.index)
    others = [j for j in data.columns if j not in mapping]
    at = np.flatnonzero(blank.to_numpy())
    if not others or not len(at):
        return stray
    cells = data.iloc[at]
    filled = np.column_stack([_cleaned(cells[j]).notna().to_numpy(bool) for j in others])
    stray.iloc[at[filled.any(axis=1)]] = True
    return stray


def _first_texts(data: pd.DataFrame, rows: pd.Series) -> list[str]:
    """The first filled cell of each of the rows, to show the user what was dropped."""
    picked = data.iloc[np.flatnonzero(rows.to_numpy())].astype(object).to_numpy().tolist()
    return [next((v for v in _row_text(row) if v), "") for row in picked]


def _cleaned(column: pd.Series) -> pd.Series:
    """Text cells stripped, and blank when only spaces, once for every column in use; typed
    cells (Parquet numbers and dates) as they are."""
    dtype = column.dtype
    if pd.api.types.is_string_dtype(dtype) or pd.api.types.is_object_dtype(dtype):
        return clean_text(column)
    return column


# the columns an order has once, whatever its lines: Odoo and Shopify write them on the
# order's first row only
ORDER_LEVEL = [
    "order_id",
    "order_date",
    "customer_id",
    "customer_name",
    "rep",
    "status",
    "payment_terms",
    "region",
    "customer_group",
    "currency",
    "document_type",
    # U8's 退货标志 and 汇率 are the document's: merged cells leave them on its first line
    "return_flag",
    "exchange_rate",
]
_ORDER_TOTALS = ["order_subtotal", "order_total"]
_LINE_FIGURES = {"quantity", "unit_price", "gross_unit_price", "amount", "gross_amount", "cost"}


def fill_down(result: Normalised, raw: RawSheet, spec: InputSpec, line_items: bool) -> None:
    """Continuation rows: a row right below an order's row, with line fields and no order
    fields of its own (Odoo), belongs to that order; an order-level column that is blank on
    every later row of every order (Shopify's Billing Name, Financial Status) is filled from
    the order's first row. A blank anywhere else stays blank (and is reported), and nothing
    is filled across a blank or total row."""
    frame = result.frame
    if spec.fill_down is False or "order_id" not in frame:
        return
    wanted = ORDER_LEVEL if spec.fill_down is True else list(spec.fill_down)
    cancel = [c for c in frame.columns if c.startswith("_cancel")]
    level = [c for c in wanted if c in frame] + cancel
    lines = [c for c in frame.columns if c not in level and c not in ("_row", *_ORDER_TOTALS)]
    # a line has a quantity, a price or an amount (a remark alone is no line)
    lines = [c for c in lines if c in _LINE_FIGURES] or lines
    if not lines or not frame[level].isna().to_numpy().any():
        return
    blank = frame[level].isna().to_numpy()
    values = frame[level].astype(object).where(~blank, None).to_numpy()
    has_order = frame["order_id"].notna().to_numpy()
    own = frame["order_id"].astype(object).where(has_order, None).to_numpy()
    rows = frame["_row"].to_numpy()
    follows = np.r_[False, rows[1:] == rows[:-1] + 1]
    has_line = frame[lines].notna().to_numpy().any(axis=1)
    above = pd.Series(own).ffill().to_numpy()
    previous = np.r_[np.array([None], dtype=object), above[:-1]]
    starts = ~follows | (has_order & (own != previous))
    firsts = values[_first_rows(starts)]
    differs = ~blank & (values != firsts)
    # a row with no order number of its own whose other order fields disagree with the
    # order above, or that holds no line, is a row missing its number, not a continuation;
    # so is one that repeats the order's fields (a continuation leaves them blank, Odoo and
    # Shopify alike): only its number is missing
    repeated = ~blank[:, [i for i, c in enumerate(level) if c != "order_id"]].all(axis=1)
    orphan = ~starts & ~has_order & (differs.any(axis=1) | ~has_line | repeated)
    if orphan.any():
        starts |= orphan
        firsts = values[_first_rows(starts)]
    later = ~starts
    continuation = later & ~has_order
    groups = np.cumsum(starts)
    multi = np.bincount(groups)[groups] > 1
    evidence = (
        spec.fill_down is not True
        or line_items
        or continuation.any()
        or len(np.unique(groups[later])) >= 2
    )
    filled: list[str] = []
    rows_filled = np.zeros(len(frame), bool)
    for i, column in enumerate(level):
        gaps = later & blank[:, i]
        if not gaps.any():
            continue
        only_first = not (later & ~blank[:, i]).any() and (starts & multi & ~blank[:, i]).any()
        if column != "order_id" and not (evidence and only_first):
            continue
        fill = gaps & pd.notna(firsts[:, i])
        if fill.any():
            frame.loc[fill, column] = firsts[fill, i]
            rows_filled |= fill
            filled.append(column if not column.startswith("_cancel") else "cancel marks")
    if filled:
        result.notes.append(
            n_(
                "{where}: {columns} filled down from each order's first row onto {n} "
                "continuation row (row {rows}); fill_down = false under [inputs.orders] turns "
                "this off",
                "{where}: {columns} filled down from each order's first row onto {n} "
                "continuation rows (rows {rows}); fill_down = false under [inputs.orders] "
                "turns this off",
                int(rows_filled.sum()),
                where=_where(raw),
                columns=", ".join(dict.fromkeys(filled)),
                rows=_row_list(frame.loc[rows_filled, "_row"].tolist()),
            )
        )


def _first_rows(starts: np.ndarray) -> np.ndarray:
    """For each row, the position of the row that starts its order."""
    return np.maximum.accumulate(np.where(starts, np.arange(len(starts)), 0))


def _choose_amount(
    result: Normalised, raw: RawSheet, policy: Policy, mapping: _Mapping, units: dict[str, float]
) -> None:
    """The sales amount: net or gross as amount_basis says when the export has both (the
    other is kept), the order's own total when there are no line amounts, else quantity x
    unit price, each in the unit its header or a line above it names (`units`)."""
    frame = result.frame
    where = _where(raw)
    if "amount" in mapping.explicit:
        return
    if not mapping.line_items:  # without line items, Subtotal and Total are the row's own
        for total, line in (("order_subtotal", "amount"), ("order_total", "gross_amount")):
            if total in frame and line not in frame:
                frame[line] = frame.pop(total)
                _renamed(result, total, line)
    if "base_amount" in frame:  # the amount in the base currency beside the document's own
        if "amount" in frame:
            frame["original_amount"] = frame["amount"]
            _renamed(result, "amount", "original_amount", "the document currency's")
        frame["amount"] = frame.pop("base_amount")
        _renamed(result, "base_amount", "amount", "in the base currency")
        if "currency" in frame and "original_amount" not in frame:
            # the currency is the document's, and its amount is not read: nothing to convert
            frame["original_currency"] = frame.pop("currency")
            _renamed(result, "currency", "original_currency", "the amount is the base currency's")
            return
    if "original_amount" in frame:
        if "amount" not in frame:  # the document currency's amount only: converted later
            frame["amount"] = frame.pop("original_amount")
            _renamed(result, "original_amount", "amount", "in the document's currency")
        elif "currency" in frame:  # beside it, the amount is the base currency's already
            frame["original_currency"] = frame.pop("currency")
            _renamed(result, "currency", "original_currency", "the amount is the base currency's")
        if "original_currency" in frame:
            return
    net, gross = "amount" in frame, "gross_amount" in frame
    if not net and "net_amount" in frame and not (gross and policy.amount_basis == "gross"):
        # 不含税金额 beside 价税合计 (金蝶云星空's 应收单): the net amount is the sale
        frame["amount"] = frame.pop("net_amount")
        _renamed(result, "net_amount", "amount", "the net amount")
        net = True
    if policy.amount_basis == "gross" and gross:
        if net:
            frame["net_amount"] = frame["amount"]
            _renamed(result, "amount", "net_amount", "kept; amount_basis = gross")
        frame["amount"] = frame["gross_amount"]
        _renamed(result, "gross_amount", "amount", "amount_basis = gross")
    elif gross and not net:
        frame["amount"] = frame["gross_amount"]
        _renamed(result, "gross_amount", "amount", "the only amount: tax-inclusive")
        if policy.amount_basis == "net":
            result.warnings.append(
                _("{where}: amounts are tax-inclusive (no net amount column)", where=where)
            )
    elif net and policy.amount_basis == "gross":
        result.warnings.append(_("{where}: amounts are net (no tax-inclusive column)", where=where))
    if "amount" not in frame and {"quantity", "unit_price"} <= set(frame):
        price = "unit_price"
        if policy.amount_basis == "gross" and "gross_unit_price" in frame:
            price = "gross_unit_price"
        quantity, _rejected = parse_number(frame["quantity"], result.decimals.get("quantity", "."))
        each, _rejected = parse_number(frame[price], result.decimals.get(price, "."))
        amount = quantity * units.get("quantity", 1.0) * each * units.get(price, 1.0)
        computed = _("quantity x {price}", price=price)
        if "line_discount" in frame:  # Shopify's Lineitem discount: the price is before it
            off, _rejected = parse_number(
                frame["line_discount"], result.decimals.get("line_discount", ".")
            )
            amount = amount - off.fillna(0) * units.get("line_discount", 1.0)
            computed = _("{how} - line_discount", how=computed)
        frame["amount"] = amount.round(2).astype("string")
        result.decimals["amount"] = "."  # written here, as 1234.5
        # a line-item layout (Shopify) has no line amount by design: a note; elsewhere the
        # export left out the amount, and what stands in for it is said as a warning
        said = result.notes if mapping.line_items else result.warnings
        said.append(_("{where}: amount computed as {how}", where=where, how=computed))
        result.headers.append(
            {"file": raw.file, "sheet": raw.sheet or "", **_line("", "amount", computed)}
        )


def _renamed(result: Normalised, old: str, new: str, why: str = "") -> None:
    if old in result.decimals:
        result.decimals[new] = result.decimals[old]
    for line in result.headers:
        if line["column"] == old:
            line["column"] = new
            line["how"] += f"; {why}" if why else ""


def _decimal_separators(
    result: Normalised, raw: RawSheet, table: Table, spec: InputSpec, headers: dict[str, str]
) -> dict[str, str]:
    """Each number column's decimal separator: the `decimal` setting, else what the column's
    values settle, else what the sheet's other number columns settle; else stop and ask."""
    frame = result.frame
    numbers = [c for c in frame.columns if c in table.columns and table.columns[c].type in NUMERIC]
    if spec.decimal:
        return dict.fromkeys(numbers, spec.decimal)
    notations = {c: decimal_notation(frame[c], raw.numbers_shown_by_reader) for c in numbers}
    for name, notation in notations.items():
        if notation.comma and notation.point:
            raise BadDataError(
                _(
                    "{column} is written with decimal commas ({commas}) and with decimal points "
                    "({points})",
                    column=name,
                    commas=", ".join(notation.comma),
                    points=", ".join(notation.point),
                ),
                column=headers.get(name, name),
                hint=_(
                    'set decimal = "," or decimal = "." under [inputs.{table}] in salescli.toml; '
                    "the values written the other way are then reported row by row",
                    table=table.name,
                ),
                file=raw.file,
                sheet=raw.sheet,
            )
    decided = {c: n.decided() for c, n in notations.items()}
    in_sheet = {d for d in decided.values() if d}
    for name, notation in notations.items():
        if decided[name] or not notation.either:
            continue
        if len(in_sheet) == 1:  # one file, one locale: the other columns settle it
            decided[name] = next(iter(in_sheet))
            continue
        shown = ", ".join(notation.either)
        raise BadDataError(
            _(
                "{column}: cannot tell whether {values} hold a thousands separator (1.234 = 1234) "
                "or a decimal point (1.234 = 1.234)",
                column=name,
                values=shown,
            ),
            column=headers.get(name, name),
            hint=_(
                'set decimal = "," under [inputs.{table}] in salescli.toml if 1.234 means 1234 '
                '(12.500,00), or decimal = "." if it means 1.234 (12,500.00)',
                table=table.name,
            ),
            file=raw.file,
            sheet=raw.sheet,
        )
    return {c: d or "." for c, d in decided.items()}


NUMERIC = ("number", "integer")


def _check_required_columns(
    result: Normalised, raw: RawSheet, table: Table, header: _Header, mapping: dict[int, str]
) -> None:
    missing = [c for c in table.required if c not in result.frame]
    if not missing:
        return
    headers = ", ".join(n for n in header.names if n) or "(none)"
    first = table.columns[missing[0]]
    refused = OtherLayout(
        _(
            "no column for {columns} ({label}); header row {row} has: {headers}",
            columns=", ".join(missing),
            label=first.zh,
            row=header.row,
            headers=headers,
        ),
        file=raw.file,
        sheet=raw.sheet,
        row=header.row,
        hint=_(
            'map it in salescli.toml: [inputs.{table}] {column} = "<header>"',
            table=table.name,
            column=missing[0],
        ),
    )
    refused.headers = result.headers  # `map` shows them: which header is the missing column
    raise refused


def _rep_from_sheet(result: Normalised, raw: RawSheet) -> None:
    """`rep_from_sheet`: a workbook with one sheet per salesperson. Each line's rep is its
    sheet's name; a rep column of the sheet must agree (an error where it does not)."""
    frame = result.frame
    if not raw.sheet:
        raise BadDataError(
            _("rep_from_sheet = true, but the file has no sheets to name the reps"),
            file=raw.file,
            hint=_("remove rep_from_sheet, or export a workbook with one sheet per rep"),
        )
    sheet = unicodedata.normalize("NFKC", raw.sheet).strip()
    if "rep" in frame:
        other = frame["rep"].notna() & (frame["rep"] != sheet)
        if other.any():
            _report(
                result,
                raw,
                "rep",
                frame.loc[other, "_row"],
                frame.loc[other, "rep"],
                problem("rep-not-sheet", sheet=sheet),
            )
    frame["rep"] = pd.Series(sheet, index=frame.index, dtype="string")
    result.headers.append(
        {"file": raw.file, "sheet": raw.sheet, **_line("", "rep", _("the sheet's name"))}
    )


def _require_amount(result: Normalised, raw: RawSheet, header: _Header, mapping: _Mapping) -> None:
    """Order lines without an amount, and without a quantity and price to make one, have no
    sales figure: the file is refused here, where `check` sees it too, naming the unread
    headers that may hold money."""
    if "amount" in result.frame:
        return
    headers = ", ".join(n for n in header.names if n) or "(none)"
    money = [n for n in mapping.unknown.values() if roles.is_money_header(n)]
    hint = _(
        'map it in salescli.toml: [inputs.{table}] {column} = "<header>"',
        table="orders",
        column="amount",
    )
    if money:
        amounts = _either([f'[inputs.orders] amount = "{n}"' for n in money[:4]])
        hint = _("if one is each line's amount, map it: {choices}", choices=amounts)
        if "quantity" in result.frame:
            hint = _(
                "if one is each line's amount, map it: {choices} (the line's own amount); if one "
                "is the price of one unit, map it as {prices}",
                choices=amounts,
                prices=_either([f'[inputs.orders] unit_price = "{n}"' for n in money[:4]]),
            )
    refused = BadDataError(
        _(
            "no amount column (金额), and no quantity and unit price to compute one; header row "
            "{row} has: {headers}",
            row=header.row,
            headers=headers,
        ),
        file=raw.file,
        sheet=raw.sheet,
        row=header.row,
        hint=hint,
    )
    refused.headers = result.headers
    raise refused


def _date_order(frame: pd.DataFrame, raw: RawSheet, table: Table, spec: InputSpec) -> str | None:
    """Day or month first for dates like 5/3/2024, from the file's date columns: a part
    above 12 settles it; when none does, the input's date_format must."""
    if spec.date_format:
        return spec.date_format
    seen: dict[str, tuple[str | None, list[str]]] = {}
    for name in [c for c in frame.columns if c in table.columns]:
        if table.columns[name].type == "date" and pd.api.types.is_string_dtype(frame[name]):
            seen[name] = day_month_order(frame[name])
    settled = {order for order, _values in seen.values() if order in ("DMY", "MDY", "both")}
    if "both" in settled or settled == {"DMY", "MDY"}:
        samples = [v for _order, values in seen.values() for v in values][:4]
        raise BadDataError(
            _(
                "dates are written both day-first and month-first (e.g. {samples})",
                samples=", ".join(samples),
            ),
            file=raw.file,
            sheet=raw.sheet,
            column=", ".join(seen),
            hint=_(
                'set date_format = "D/M/Y" or "M/D/Y" under [inputs.{table}] in salescli.toml '
                "and correct the dates that do not follow it",
                table=table.name,
            ),
        )
    if settled:
        return settled.pop()
    ambiguous = {name: values for name, (order, values) in seen.items() if order == "ambiguous"}
    if ambiguous:
        name, values = next(iter(ambiguous.items()))
        raise BadDataError(
            _(
                "dates such as {samples} in column {column} can be day-first or month-first, "
                "and no date of the file has a part above 12 to settle it",
                samples=", ".join(values[:3]),
                column=name,
            ),
            file=raw.file,
            sheet=raw.sheet,
            column=name,
            value=values[0],
            hint=_(
                'say which under [inputs.{table}] in salescli.toml: date_format = "M/D/Y" '
                '(Salesforce, US) or date_format = "D/M/Y" (SAP, Europe)',
                table=table.name,
            ),
        )
    return None


def _parse_columns(
    result: Normalised,
    raw: RawSheet,
    table: Table,
    timezone: str,
    date_order: str | None,
    decimals: dict[str, str],
) -> None:
    frame = result.frame
    reported: dict[str, pd.Series] = {}  # the cells of each column already reported
    for name in [c for c in frame.columns if c in table.columns]:
        column = table.columns[name]
        original = frame[name]
        if column.type in ("id", "text") and not pd.api.types.is_string_dtype(original.dtype):
            original = clean_text(as_text(original))  # a typed Parquet id: 1001, not 1001.0
        if column.type == "id":
            parsed, bad = parse_id(original, clean=True), None
        elif column.type in NUMERIC:
            parsed, bad = parse_number(original, decimals.get(name, "."))
        elif column.type == "date":
            parsed, bad = parse_date(original, timezone, date_order)
        elif column.type == "period":
            parsed, bad = parse_period_label(original)
        elif name == "rep" or (table.name == "targets" and column.type == "text"):
            # Ａｌｉｃｅ is Alice wherever a rep is read, and ＥＡＳＴ is EAST in a target's
            # parts (region, category, group: its key), as in the targets by month
            parsed, bad = fold_names(original), None
        else:
            parsed, bad = original, None  # cleaned when the frame was made
        excel = _excel_errors(result, raw, name, column.type, original, bad)
        if bad is not None and (bad & ~excel).any():
            hint = None
            if column.type in NUMERIC and decimals.get(name) == ",":
                hint = _("this column writes decimals with a comma: write it like 1.234,50")
            if column.type == "date" and _short_roc(original[bad]):
                hint = _(
                    "write it like 2024-05-03, 2024/5/3 or 2024年5月3日; 民國 years below 100: "
                    'date_format = "ROC" under [inputs.{table}]',
                    table=table.name,
                )
            rows, values = frame.loc[bad & ~excel, "_row"], original[bad & ~excel]
            _report(result, raw, name, rows, values, problem(_RULES[column.type], hint=hint))
        bad = excel if bad is None else bad | excel
        reported[name] = bad if bad is not None else pd.Series(False, index=frame.index)
        if column.required:
            empty = parsed.isna() & ~reported[name]
            if empty.any():
                _report(
                    result,
                    raw,
                    name,
                    frame.loc[empty, "_row"],
                    original[empty],
                    problem(
                        "required-value-empty",
                        label=column.zh,
                        column=name,
                        hint=_NO_CUSTOMER
                        if (table.name, name) == ("visits", "customer_id")
                        else None,
                    ),
                )
            reported[name] = reported[name] | empty
        frame[name] = parsed
    _needed_values(result, raw, reported)
    _positive_values(result, raw, reported)
    if table.name == "orders":
        _negative_returns(result, raw)


# numbers no header unit multiplies (a rate, a score, a weight), and those that are not money
# (a quantity in thousands is read so; in 分 it is not a quantity of fen)
_NO_UNIT = ("exchange_rate", "score", "weight", "rate")
_NOT_MONEY = ("quantity", "target_quantity")
_PLAIN_YUAN = re.compile(
    r"[(（【\[/]\s*(?:单位\s*[:：]\s*)?(?:人民币)?元(?:\s*/\s*[^\s/()（）\[\]【】\d]{1,2})?"
    r"\s*[)）】\]]?\s*$"
)


# a cell of a units row under the header (元 | 件 | 万元 | 元/件): a unit and nothing else
_UNIT_CELL = re.compile(
    r"^(?:(?:人民币)?(?:十万|百万|千万|万|千|亿)?(?:人民币|美|港|澳|台|日|欧|英镑)?元(?:/[^\s/]{1,3})?"
    r"|(?:十万|百万|千万|万|千|亿)?[件个台只套箱支盒瓶包袋条张把块双部辆片粒本册卷根桶罐对份组吨]"
    r"|千克|公斤|克|米|千米|%|pcs|units?|usd|cny|rmb|eur)$",
    re.IGNORECASE,
)


def _units_row(raw: RawSheet, header: _Header) -> _Header:
    """A row right under the header whose every cell is a unit (元 | 件 | 万元), as Chinese
    reports write it, is no line: it gives each column its unit, read as if the header said it
    (金额 over 万元 is 金额(万元)). A row with anything else (万 alone: 万 what?) is a line."""
    if header.data_start >= len(raw.cells):
        return header
    row = raw.cells.iloc[header.data_start].tolist()
    cells = {
        j: unicodedata.normalize("NFKC", str(v)).strip()
        for j, v in enumerate(row)
        if not pd.isna(v) and str(v).strip()
    }
    if not cells or not all(_UNIT_CELL.match(c) for c in cells.values()):
        return header
    named = {j: header.names[j] for j in cells if j < len(header.names) and header.names[j]}
    if len(named) != len(cells):
        return header  # a unit under no header
    units = {str(named[j]): cells[j] for j in cells}
    return _Header(header.names, header.data_start + 1, header.row, units)


def _with_units(names: dict[str, str], header: _Header) -> dict[str, str]:
    """Each column's header with the unit a units row gives it: 金额 over 万元 is 金额(万元)."""
    if not header.units:
        return names
    return {c: f"{h}({header.units[h]})" if h in header.units else h for c, h in names.items()}


def _stated_unit(raw: RawSheet, header: _Header) -> tuple[float, str, str] | None:
    """The unit a line above the header states (单位：万元), before the title rows go."""
    above = raw.cells.iloc[: max(header.data_start - 1, 0)].astype(object).to_numpy().ravel()
    return stated_unit([str(v) for v in above if isinstance(v, str) and v.strip()])


def _column_unit(
    table: Table, name: str, header: str, stated: tuple[float, str, str] | None
) -> tuple[float, str, str | None] | None:
    """The unit column `name`'s numbers are written in: what they are multiplied by, the unit
    as written, and the line above the header that states it (None: the header names it);
    None when they are read as written."""
    column = table.columns.get(name)
    if column is None or column.type not in NUMERIC or name in _NO_UNIT:
        return None
    if unit := header_unit(header, money=name not in _NOT_MONEY):
        return unit[0], unit[1], None
    if stated is not None and name not in _NOT_MONEY and not _PLAIN_YUAN.search(header):
        factor, written, line = stated
        return (factor, written, line) if factor != 1 else None
    return None


# a money cell written with its multiple, as a sheet kept by hand has it: 1.5万, 2万元, 0.3亿
_CELL_MULTIPLE = r"^([-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万|亿)\s*元?$"


def _multiples_in_cells(
    result: Normalised,
    raw: RawSheet,
    table: Table,
    names: dict[str, str],
    stated: tuple[float, str, str] | None,
) -> None:
    """`1.5万` in a money cell is 15,000 (`0.3亿` 30,000,000); in a column already read in a
    unit (金额(万元), or under 单位：万元) it is refused: whether the cell's 万 is the column's
    unit said again or a 万 of 万元, the file does not say."""
    frame = result.frame
    for name, header in names.items():
        column = table.columns.get(name)
        if (
            name not in frame
            or column is None
            or column.type not in NUMERIC
            or name in (*_NO_UNIT, *_NOT_MONEY)
            or result.decimals.get(name) == ","
            or not pd.api.types.is_string_dtype(frame[name].dtype)
        ):
            continue
        marked = frame[name].str.contains("[万亿]", regex=True).fillna(False).to_numpy(bool)
        if not marked.any():  # the pattern itself is 25 times slower: only where 万 is
            continue
        found = frame.loc[marked, name].str.extract(_CELL_MULTIPLE).dropna()
        if not len(found):
            continue
        if (unit := _column_unit(table, name, header, stated)) is not None:
            _multiple_twice(
                frame, raw, header, int(frame.index.get_loc(found.index[0])), unit, name
            )
        number = pd.to_numeric(found[0].str.replace(",", "", regex=False), errors="coerce")
        number = number * found[1].map({"万": 1e4, "亿": 1e8}).astype("float64")
        written = frame.loc[found.index, name]
        frame.loc[found.index, name] = number.round(6).astype(str)
        result.notes.append(
            n_(
                "{where}: column {header}: {n} cell written with 万 or 亿 ({cell}) read as "
                "that many ({number:,.2f})",
                "{where}: column {header}: {n} cells written with 万 or 亿 (as {cell}) read as "
                "that many ({number:,.2f})",
                len(found),
                where=_where(raw),
                header=header,
                cell=str(written.iloc[0]),
                number=float(number.iloc[0]),
            )
        )


def _multiple_twice(
    frame: pd.DataFrame,
    raw: RawSheet,
    header: str,
    i: int,
    unit: tuple[float, str, str | None],
    name: str,
) -> None:
    factor, written, line = unit
    said = {
        "value": str(frame[name].iloc[i]),
        "unit": written,
        "factor": format(factor, ",.0f") if factor >= 1 else format(factor, "g"),
    }
    raise BadDataError(
        _(
            "the cell says {value}, and its header already gives the column in {unit}: read "
            "in both, it would be {factor} times what it is read in one",
            **said,
        )
        if line is None
        else _(
            "the cell says {value}, and the line '{line}' above the header already gives the "
            "column in {unit}: read in both, it would be {factor} times what it is read in one",
            line=line,
            **said,
        ),
        file=raw.file,
        sheet=raw.sheet,
        row=int(frame["_row"].iloc[i]),
        column=header,
        value=str(frame[name].iloc[i]),
        hint=_(
            "write the number in the column's unit ({unit}) without 万 or 亿, or write the "
            "column in yuan with no unit in its header or above it",
            unit=written,
        ),
    )


def _unit_factor(
    table: Table, name: str, header: str, stated: tuple[float, str, str] | None
) -> float:
    """What _in_header_units multiplies column `name`'s numbers by (1: they are as written)."""
    found = _column_unit(table, name, header, stated)
    return found[0] if found else 1.0


def _priced_under_a_line(
    raw: RawSheet, table: Table, names: dict[str, str], stated: tuple[float, str, str] | None
) -> None:
    """An amount computed from a unit price whose only unit is a line above the header (单位：
    万元) is refused: a report in 万元 may price its goods in 元, and the amounts are 10,000 times
    apart as the price is read in one or the other."""
    for price in ("unit_price", "gross_unit_price"):
        if price not in names:
            continue
        header = names[price]
        found = _column_unit(table, price, header, stated)
        if found is None or found[2] is None:  # read as written, or in its header's unit
            continue
        factor, unit, line = found
        raise BadDataError(
            _(
                "the line '{line}' above the header gives the money in {unit}, and the amount "
                "is computed from column {header}, which names no unit of its own: read in "
                "{unit} or in 元, the amounts are {factor} times apart",
                line=line,
                unit=unit,
                header=header,
                factor=format(factor, ",.0f"),
            ),
            file=raw.file,
            sheet=raw.sheet,
            column=header,
            hint=_(
                "write the price's unit in its header ({header}(元) or {header}({unit})), or "
                "export the lines' amount column too",
                header=header,
                unit=unit,
            ),
        )


def _names_after_renames(result: Normalised, names: dict[str, str]) -> dict[str, str]:
    """Each column's header once _choose_amount has moved some: the amount taken from the
    gross, base-currency or order total column is in that column's unit, the net amount kept
    beside it in the amount header's."""
    mapped = set(names.values())
    moved = {
        line["column"]: line["header"]
        for line in result.headers
        if line["header"] in mapped
        and line["column"]
        and names.get(line["column"]) != line["header"]
    }
    return {**names, **moved}


def _in_header_units(
    result: Normalised,
    raw: RawSheet,
    table: Table,
    names: dict[str, str],
    stated: tuple[float, str, str] | None,
) -> None:
    """A number column whose header names its unit (目标(万元), 实付金额(分), Revenue ($000)) is
    read in it: 1.5 万元 is 15,000; so is a money column under a line stating the report's unit
    (单位：万元). Said in a note, as the reading of a file is."""
    frame = result.frame
    _units_by_row(result, raw, table, names, stated)
    for name, header in names.items():
        found = _column_unit(table, name, header, stated) if name in frame else None
        if found is None:
            continue
        factor, written, line = found
        frame[name] = (frame[name] * factor).round(6)
        if line is not None:
            said = _(
                "{where}: the line '{line}' above the header gives column {header} in "
                "{unit}: each number is read as {factor} times the number written",
                where=_where(raw),
                line=line,
                header=header,
                unit=written,
                factor=format(factor, ",.0f"),
            )
        else:
            said = _(
                "{where}: column {header} gives its numbers in {unit}: each is read as "
                "{factor} times the number written",
                where=_where(raw),
                header=header,
                unit=written,
                factor=format(factor, ",.0f") if factor >= 1 else format(factor, "g"),
            )
        result.notes.append(said)


# a column giving each row's money unit (单位 = 万元 on a targets sheet kept by hand)
_UNIT_HEADER = re.compile(r"^(?:金额|币值|货币)?单位$|^金额单位|^unit$", re.IGNORECASE)


def _money_unit_column(header: _Header, data: pd.DataFrame, mapping: _Mapping) -> int | None:
    """The position of an unmapped 单位 column whose every value is a unit of money (元,
    万元, 千元, 百万元, 亿元), with one above 元 at least; None otherwise (a product's 件)."""
    for j, name in enumerate(header.names):
        if j in mapping.columns or name is None or not _UNIT_HEADER.search(str(name).strip()):
            continue
        values = _cleaned(data[j]).dropna().astype(str).unique()
        units = [stated_unit([f"单位：{v}"]) for v in values]
        money = len(values) and all(u is not None and u[1].endswith("元") for u in units)
        if money and any(u[0] != 1 for u in units if u is not None):
            return j
    return None


def _units_by_row(
    result: Normalised,
    raw: RawSheet,
    table: Table,
    names: dict[str, str],
    stated: tuple[float, str, str] | None,
) -> None:
    """Each row's money in the unit its 单位 column gives (0.5 with 万元 is 5,000). A money
    column whose header or a line above it gives a unit too is refused: which of the two the
    numbers are in, the file does not say."""
    frame = result.frame
    if "_money_unit" not in frame:
        return
    written = frame.pop("_money_unit")
    factor = written.map(
        lambda v: 1.0 if pd.isna(v) else (stated_unit([f"单位：{v}"]) or (1.0,))[0]
    ).astype("float64")
    money = [
        n
        for n in names
        if n in frame
        and table.columns.get(n) is not None
        and table.columns[n].type in NUMERIC
        and n not in _NO_UNIT
        and n not in _NOT_MONEY
    ]
    for name in money:
        if _column_unit(table, name, names[name], stated) is not None:
            raise BadDataError(
                _(
                    "column {header} gives its unit, and the 单位 column gives each row's: "
                    "which the numbers are in, the file does not say",
                    header=names[name],
                ),
                file=raw.file,
                sheet=raw.sheet,
                column=names[name],
                hint=_("keep one of the two units in the export"),
            )
        frame[name] = (frame[name] * factor.to_numpy()).round(6)
    if money:
        result.notes.append(
            _(
                "{where}: the 单位 column gives each row's money unit ({units}): {columns} read "
                "in it",
                where=_where(raw),
                units=", ".join(sorted({str(v) for v in written.dropna()})),
                columns=", ".join(names[n] for n in money),
            )
        )


# a date that may be 民國 with a year below 100 (99/12/31) or compact (1130503)
_SHORT_ROC = r"^\s*(?:\d{1,2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{6,7})\s*日?\s*$"


def _short_roc(values: pd.Series) -> bool:
    """Whether bad dates look like 民國 ones the setting reads (99/12/31, 1130503)."""
    if not pd.api.types.is_string_dtype(values.dtype):
        return False
    return bool(values.str.match(_SHORT_ROC).fillna(False).any())


# What Excel shows (and a CSV saved by Excel holds) in a cell whose formula failed; German
# Excel (SAP exports) writes #NV, #WERT!, #BEZUG!, #ZAHL!.
EXCEL_ERRORS = frozenset(
    (
        *("#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"),
        *("#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"),
        *("#NV", "#WERT!", "#BEZUG!", "#ZAHL!", "#NAME!", "#DIV/0"),
    )
)
# free text, names and contact details: an error there changes no figure, and is a warning
FREE_TEXT = frozenset(
    (
        *("customer_name", "product_name", "opportunity_name", "legal_representative"),
        *("address", "phone", "contact_name", "contact_title", "contact_phone"),
        *("preferences", "feedback", "purpose", "summary", "next_step", "reason", "basis"),
        *("comment", "content", "result", "old_value", "new_value", "payment_terms"),
    )
)


def _excel_errors(
    result: Normalised,
    raw: RawSheet,
    name: str,
    kind: str,
    original: pd.Series,
    bad: pd.Series | None,
) -> pd.Series:
    """The cells holding an Excel error (#DIV/0!, #N/A), reported as such: an error in a
    column a figure reads (ids, people, classes, numbers, dates), a warning in free text
    (and then not returned: the text is read as it is)."""
    none = pd.Series(False, index=original.index)
    if not pd.api.types.is_string_dtype(original.dtype):
        return none
    if bad is not None and not bad.any():
        return none  # a number, date or period column of values: no error among them
    errors = original.isin(EXCEL_ERRORS).fillna(False).astype(bool)
    if not errors.any():
        return none
    severity = "warning" if kind == "text" and name in FREE_TEXT else "error"
    rows = result.frame.loc[errors, "_row"]
    found = problem("cached-excel-error", severity=severity)
    _report(result, raw, name, rows, original[errors], found)
    return none if severity == "warning" else errors


# Columns a figure needs and what an empty cell there does (an error where the figure would
# be wrong; a warning where POLICY lets the value be absent, saying what the figure does
# without it). Required columns (order date, target, expense, budget, score...) are errors
# already. The choices are documented in the README, "What salescli does with bad input".
EMPTY_EFFECTS: dict[str, dict[str, tuple[str, str]]] = {
    "orders": {
        "amount": ("error", _("the line's amount is unknown")),
        "quantity": ("warning", _("counted as 0 in the volume")),
        "cost": ("warning", _("left out of the profit")),
        "profit": ("warning", _("left out of the profit")),
    },
    "targets": {
        "target_quantity": ("warning", _("no volume attainment for the rep")),
        "target_profit": ("warning", _("no profit attainment for the rep")),
        "base_bonus": ("warning", _("the policy's base bonus (bonus.base) is used")),
    },
    "customers": {
        "potential_value": ("warning", _("ranked lowest on potential value")),
    },
}


def _needed_values(result: Normalised, raw: RawSheet, reported: dict[str, pd.Series]) -> None:
    """An empty cell in a column a figure needs is a problem with its row and column: an
    error, or a warning (said loudly when the table is used) where POLICY allows it. An
    amount computed as quantity x unit price is empty where either is: that one is named. A
    column POLICY allows to be absent that is empty on every line is read as absent (profit
    left empty, not 0), with a note."""
    frame = result.frame
    effects = EMPTY_EFFECTS.get(result.table, {})
    computed = any(line["column"] == "amount" and not line["header"] for line in result.headers)
    for name, (severity, effect) in effects.items():
        if name not in frame:
            continue
        empty = frame[name].isna() & ~reported.get(name, pd.Series(False, index=frame.index))
        if not empty.any():
            continue
        if severity == "warning" and frame[name].isna().all():
            del frame[name]
            result.notes.append(
                _(
                    "{where}: {column} is empty on every row: read as absent",
                    where=_where(raw),
                    column=Named(name),
                )
            )
            continue
        if name == "amount" and computed:
            _empty_sources(result, raw, empty, reported)
            continue
        found = problem(
            "empty-amount" if severity == "error" else "empty-value",
            effect=effect,
            label=TABLES[result.table].columns[name].zh,
            column=name,
        )
        rows, values = frame.loc[empty, "_row"], frame.loc[empty, name]
        _report(result, raw, name, rows, values, found)


def _empty_sources(
    result: Normalised, raw: RawSheet, empty: pd.Series, reported: dict[str, pd.Series]
) -> None:
    """Lines whose amount (quantity x unit price) is empty: the quantity or price that is."""
    frame = result.frame
    how = next(line["how"] for line in result.headers if line["column"] == "amount")
    for name in ("quantity", "gross_unit_price" if "gross_unit_price" in how else "unit_price"):
        if name not in frame:
            continue
        blank = empty & frame[name].isna() & ~reported.get(name, False)
        if blank.any():
            _report(
                result,
                raw,
                name,
                frame.loc[blank, "_row"],
                frame.loc[blank, name],
                problem(
                    "empty-amount-source",
                    label=TABLES[result.table].columns[name].zh,
                    column=name,
                ),
            )


# Figures that are divided by: a target of 0 or below makes attainment infinite or negative.
MUST_BE_POSITIVE = {
    "targets": ("target", "target_quantity", "target_profit"),
    "adjustments": ("new_target",),
    "expenses": ("budget",),
}


def _positive_values(result: Normalised, raw: RawSheet, reported: dict[str, pd.Series]) -> None:
    """A target (or budget) of zero or below is refused, naming row and value: attainment
    would be infinite or negative. A negative base bonus likewise."""
    frame = result.frame
    rules = [(c, "not-above-zero") for c in MUST_BE_POSITIVE.get(result.table, ())]
    if result.table == "targets":
        rules.append(("base_bonus", "negative-value"))
    for name, code in rules:
        if name not in frame:
            continue
        values = pd.to_numeric(frame[name], errors="coerce")
        low = (values <= 0) if code == "not-above-zero" else (values < 0)
        low &= ~reported.get(name, pd.Series(False, index=frame.index))
        if low.any():
            _report(
                result,
                raw,
                name,
                frame.loc[low, "_row"],
                values[low].map(lambda v: f"{v:g}"),
                problem(code, column=name),
            )


# Status words of returns, refunds and reversals: the sale was undone, so the line is not
# counted; but a negative amount on such a line says it is the return itself, to subtract.
RETURN_STATUSES = frozenset(
    header_key(word)
    for word in (
        *("退货", "已退货", "全部退货", "退回", "已退回", "退单", "已退单", "退款", "已退款"),
        *("退款成功", "退货退款", "红冲", "已红冲", "被红冲", "冲红", "作废(红冲)", "红冲作废"),
        *("冲销", "已冲销", "returned", "refund", "refunded", "reversed", "credited"),
    )
)


def _negative_returns(result: Normalised, raw: RawSheet) -> None:
    """A line whose status says returned or refunded (not counted) but whose amount is
    negative is a return document, not a returned sale: leaving it out would add the return
    back, counting it would keep the original sale too. Refused, asking which it is."""
    frame = result.frame
    if "status" not in frame or "amount" not in frame:
        return
    negative = (pd.to_numeric(frame["amount"], errors="coerce") < 0).fillna(False).to_numpy(bool)
    if not negative.any():
        return
    returns = _words(frame["status"]).isin(RETURN_STATUSES).to_numpy(bool)
    both = returns & negative
    if both.any():
        _report(
            result,
            raw,
            "status",
            frame.loc[both, "_row"],
            frame.loc[both, "status"],
            problem("return-with-negative-amount"),
        )


# status words a system uses for a draft and another for a sale (用友's 开立: saved, not yet
# approved; Taiwan's 開立, folded to the same word: an invoice issued): refused until
# [statuses] lists them
AMBIGUOUS_STATUSES = ["开立"]
# 关闭 (closed): finished in 金蝶 K/3 (业务关闭, once every unit is delivered) and 用友 U8,
# cancelled in 抖店 (已关闭): what it means is `[statuses] closed`, asked by default
CLOSED_STATUSES = ["关闭", "已关闭", "行关闭", "业务关闭", "關閉", "已關閉", "行關閉", "業務關閉"]
# a close column (关闭状态, 关闭标志, 关闭人, 关闭日期, Closed) is not a cancel column (作废标志)
_CLOSE_HEADER = re.compile(r"关闭|關閉|\bclosed?\b", re.IGNORECASE)
# (a reason is given for closing what was not done: 淘宝's 订单关闭原因 is a cancelled trade's)
_CANCEL_HEADER = re.compile(
    r"作废|作廢|取消|删除|刪除|撤销|撤銷|原因|cancel|void|delet|reason", re.IGNORECASE
)


def _close_column(header: str | None) -> bool:
    return bool(header and _CLOSE_HEADER.search(header) and not _CANCEL_HEADER.search(header))


def _closed(
    result: Normalised,
    raw: RawSheet,
    header: str,
    closed: pd.Series,
    values: pd.Series,
    setting: str,
) -> pd.Series:
    """The closed lines (`closed`) that do not count, as `[statuses] closed` says: all of
    them (not_sale), none (sale), or none, each reported as an error, when it is not said
    (ask): which is right is the user's system's to say, not salescli's guess."""
    if setting == "not_sale":
        return closed
    if setting == "ask" and closed.any():
        rows, shown = result.frame.loc[closed, "_row"], values[closed]
        _report(result, raw, header, rows, shown, problem("closed-status"))
    return pd.Series(False, index=closed.index)


def _fold_status(
    result: Normalised,
    raw: RawSheet,
    statuses: StatusSettings,
    cancel: dict[int, str],
    headers: dict[str, str],
) -> None:
    """`status` becomes `cancelled` (not a sale: cancelled, voided, refunded, closed, lost,
    a quote, or a cancel flag or mark) or `active`; a status outside the vocabulary counts,
    with a warning. `headers`: the header each column (and cancel mark) was read from."""
    frame = result.frame
    marks = [c for c in frame.columns if c.startswith("_cancel")]
    if "status" not in frame and not marks:
        return
    cancelled = pd.Series(False, index=frame.index)
    if "status" in frame:
        words = _words(frame["status"])
        statuses_known = _vocabulary([*statuses.counted, *statuses.not_counted])
        flags = _vocabulary([*statuses.flag_yes, *statuses.flag_no])
        present = set(words.dropna().unique())
        if present and present <= flags and not present <= statuses_known:
            # a status column of yes/no words (作废状态 = 是 mapped as the status) is a flag
            _status_codes(result, raw, frame["status"], words, statuses, headers.get("status"))
            yes = words.isin(_vocabulary(statuses.flag_yes))
            header = headers.get("status") or "status"
            closed = yes & (words.isin(_vocabulary(CLOSED_STATUSES)) | _close_column(header))
            cancelled |= yes & ~closed
            cancelled |= _closed(result, raw, header, closed, frame["status"], statuses.closed)
            result.notes.append(
                n_(
                    "{file}: the status column holds only yes/no words, so it is read as a "
                    "cancel flag: {n} line with a yes word does not count",
                    "{file}: the status column holds only yes/no words, so it is read as a "
                    "cancel flag: {n} lines with a yes word do not count",
                    int(yes.sum()),
                    file=raw.file,
                )
            )
        else:
            cancelled |= words.isin(_vocabulary(statuses.not_counted))
            known = cancelled | words.isin(_vocabulary(statuses.counted)) | words.isna()
            closed = ~known & words.isin(_vocabulary(CLOSED_STATUSES))
            header = headers.get("status") or "status"
            cancelled |= _closed(result, raw, header, closed, frame["status"], statuses.closed)
            known |= closed
            # neither counted nor left out on a guess: a word that means either in some
            # system, and a one-letter code (MYOB's Sale Status I / O / Q: a quote is no sale)
            for kind, matched in (
                ("ambiguous-status", words.isin(_vocabulary(AMBIGUOUS_STATUSES))),
                ("status-code", words.str.fullmatch(r"[a-z]").fillna(False).astype(bool)),
            ):
                asked = ~known & matched
                if asked.any():
                    rows, values = frame.loc[asked, "_row"], frame.loc[asked, "status"]
                    _report(result, raw, "status", rows, values, problem(kind))
                    known |= asked
            _unknown(result, raw, "status", ~known, "unknown-status")
    for mark in marks:
        kind = cancel[int(mark.removeprefix("_cancel"))]
        header = headers.get(mark) or "status"
        close = _close_column(headers.get(mark))
        if kind == "marker":
            filled = frame[mark].notna()
            if close:  # 用友 U8's 关闭人, 关闭日期: filled on a closed order
                cancelled |= _closed(result, raw, header, filled, frame[mark], statuses.closed)
            else:
                cancelled |= filled
            continue
        words = _words(frame[mark])
        flags = _vocabulary([*statuses.flag_yes, *statuses.flag_no])
        if words.notna().any() and words.isna().any() and not words.isin(flags).any():
            # a column mapped as the flag that holds reasons, not yes/no: filled = cancelled
            filled = frame[mark].notna()
            if close:
                cancelled |= _closed(result, raw, header, filled, frame[mark], statuses.closed)
            else:
                cancelled |= filled
            result.notes.append(
                n_(
                    "{where}: the cancel column holds no yes/no word, so a line with any value "
                    "there does not count ({n} line)",
                    "{where}: the cancel column holds no yes/no word, so a line with any value "
                    "there does not count ({n} lines)",
                    int(frame[mark].notna().sum()),
                    where=_where(raw),
                )
            )
            continue
        yes = words.isin(_vocabulary(statuses.flag_yes))
        if not yes.all():
            _status_codes(result, raw, frame[mark], words, statuses, headers.get(mark))
        if close:  # every line of a past month may be closed, all delivered: no flag reversed
            cancelled |= _closed(result, raw, header, yes, frame[mark], statuses.closed)
            known = yes | words.isin(_vocabulary(statuses.flag_no)) | words.isna()
            _unknown(result, raw, mark, ~known, "unknown-cancel-flag")
            continue
        if yes.all():
            # a flag that takes every line out is read the wrong way round (確認碼 = Y for
            # confirmed): refused, never a period of zeros
            values = frame[mark].dropna()
            shown = ", ".join(sorted(set(values.astype(str)))[:5])
            found = problem("cancel-flag-takes-all")
            result.problems.append(
                Problem.at(found, result.table, raw.file, raw.sheet, None, "status", shown)
            )
        cancelled |= yes
        known = yes | words.isin(_vocabulary(statuses.flag_no)) | words.isna()
        if not (known & words.notna()).any():
            # no word of the flag is a yes or a no word (销售易's 审批状态 mapped as the flag):
            # it would take nothing out, asked rather than every line counted
            shown = ", ".join(sorted(set(frame[mark].dropna().astype(str)))[:5])
            found = problem("cancel-flag-unread")
            result.problems.append(
                Problem.at(found, result.table, raw.file, raw.sheet, None, "status", shown)
            )
            continue
        _unknown(result, raw, mark, ~known, "unknown-cancel-flag")
    folded = pc.if_else(pa.array(cancelled.to_numpy(bool)), "cancelled", "active")
    frame["status"] = pd.Series(pd.array(folded, dtype="string"), index=frame.index)
    result.frame = frame.drop(columns=marks)


# empty values that a line counting nowhere may have
_EMPTY_WHERE_OUT = ("required-value-empty", "empty-amount")


def _required_where_counted(
    result: Normalised,
    written: pd.Series | None,
    statuses: StatusSettings,
    typed: pd.Series | None,
    documents: DocumentSettings,
) -> None:
    """A required value, or the amount, may be empty on a line that counts nowhere
    (Pipedrive's lost deal has no Won time, Amazon's cancelled item no price): no problem
    there. On a line counted because its status word (`written`) or its document type
    (`typed`) is unknown, the hint says that the word may be what is wrong."""
    frame = result.frame
    out = (
        set(frame.loc[frame["status"] == "cancelled", "_row"].astype(int))
        if "status" in frame
        else set()
    )
    unknown: dict[int, str] = {}
    if written is not None:
        words = _words(written)
        known = words.isin(_vocabulary([*statuses.counted, *statuses.not_counted]))
        odd = written.notna() & ~known
        unknown = dict(zip(frame.loc[odd, "_row"].astype(int), written[odd], strict=True))
    kinds: dict[int, str] = {}
    if typed is not None:
        odd = typed.notna() & ~_words(typed).isin(_vocabulary(documents.words()))
        kinds = dict(zip(frame.loc[odd, "_row"].astype(int), typed[odd], strict=True))
    kept = []
    for found in result.problems:
        if found.code in _EMPTY_WHERE_OUT and found.row in out:
            continue
        if found.code in _EMPTY_WHERE_OUT and found.row in unknown:
            found.hint = _(
                "fill in {label} ({column}); or, if its status {word!r} is no sale, add it to "
                "[statuses] not_counted in salescli.toml",
                **found.params,
                word=unknown[found.row],
            )
        elif found.code in _EMPTY_WHERE_OUT and found.row in kinds:
            found.hint = _(
                "fill in {label} ({column}); or, if its document type {word!r} is no sale, add "
                "it to [documents] not_counted in salescli.toml",
                **found.params,
                word=kinds[found.row],
            )
        kept.append(found)
    result.problems = kept


def _outcomes(result: Normalised, raw: RawSheet, statuses: StatusSettings, names: dict) -> None:
    """`outcome` becomes won, lost, open or void, from the outcome column and, where it says
    open or nothing, the stage (Salesforce's Closed Won, HubSpot's closedlost, 纷享销客's 无效
    beside a 生命状态 正常). A word in none of [statuses] won, lost, open and voided is
    refused: taken as open it would be a key opportunity and in the pipeline, where it may be
    a lost or voided one."""
    frame = result.frame
    sources = [c for c in ("outcome", "stage") if c in frame]
    if not sources:
        return
    outcome = np.full(len(frame), "open", dtype=object)
    decided = np.zeros(len(frame), dtype=bool)
    for source in sources:
        words = _words(frame[source])
        ends = {
            end: words.isin(_vocabulary(getattr(statuses, listed))).to_numpy(bool) & ~decided
            for end, listed in (("won", "won"), ("lost", "lost"), ("void", "voided"))
        }
        opened = words.isin(_vocabulary(statuses.open)).to_numpy(bool)
        known = opened | ends["won"] | ends["lost"] | ends["void"] | words.isna().to_numpy(bool)
        unknown = ~known & ~decided
        if unknown.any():
            header = names.get(source, source)
            found = problem("unknown-outcome", header=header)
            rows, values = frame.loc[unknown, "_row"], frame.loc[unknown, source]
            _report(result, raw, header, rows, values, found)
        for end, where in ends.items():
            outcome[where] = end
            decided |= where
    frame["outcome"] = pd.Series(outcome, index=frame.index).astype("string")


# what a word outside the vocabulary does to its line, said in the warning
_UNKNOWN_EFFECTS = {
    "unknown-status": _("counted as a sale"),
    "unknown-cancel-flag": _("not taken as a cancel flag"),
}


def _unknown(result: Normalised, raw: RawSheet, column: str, unknown: pd.Series, code: str) -> None:
    if not unknown.any():
        return
    frame = result.frame
    shown = "status" if column.startswith("_cancel") else column
    values = frame.loc[unknown, column]
    counts = values.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    listed = ", ".join(f"{v!r} x{n}" for v, n in counts.head(5).items())
    found = problem(code)
    said = {"where": _where(raw), "listed": listed, "effect": _UNKNOWN_EFFECTS[code]}
    lines = int(unknown.sum())
    warning = n_(
        "{where}: {n} line with a status outside the vocabulary ({listed}), {effect}; {hint}",
        "{where}: {n} lines with a status outside the vocabulary ({listed}), {effect}; {hint}",
        lines,
        **said,
        hint=found.hint,
    )
    result.warnings.append(warning)
    _report(result, raw, shown, frame.loc[unknown, "_row"], values, found)


# the problem code of a value its column's type cannot read
_RULES = {
    "number": "bad-number",
    "integer": "bad-number",
    "date": "bad-date",
    "period": "bad-period",
}
