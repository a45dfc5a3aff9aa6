"""A targets workbook kept with the months as columns (年度目标分解表), read as rows of rep,
period and target.

Sales departments plan the year in Excel: a title naming the year, 单位：万元 above the
header, a rep per row, 1月 … 12月 across (quarters merged over their months, each closed by a
小计), a 合计 column and a 合计 row, one sheet per region. Such a sheet is found by its
header: three or more month headers in one row. Every 小计 and 合计 is checked against the
months it adds up (a month mistyped or a total typed over is refused, naming the cell) and
then dropped; the stated unit is applied; the sheet's name is the rows' region, so that a
rep planned in two regions has the sum of both (targets given in parts).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from salescli.config import InputSpec
from salescli.data.parts import Normalised
from salescli.data.readers import MAX_HEADER_SCAN, RawSheet
from salescli.data.values import (
    as_text,
    clean_text,
    fold_names,
    header_unit,
    parse_number,
    stated_unit,
)
from salescli.errors import BadDataError
from salescli.i18n import _
from salescli.schema import alias_index, header_key

_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_MONTHS |= {"十": 10, "十一": 11, "十二": 12}
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# 5月, 05月, 五月, 2024年5月, 2024-05, 2024/5, May, May 2024
_MONTH = re.compile(
    r"^(?:(?P<year>(?:19|20)\d{2})\s*(?:年|[-/.]))?\s*(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})"
    r"\s*(?:月份?|月度)?(?:目标)?$"
)
_EN_MONTH = re.compile(r"^(?P<month>[a-z]{3})[a-z]*\.?(?:\s*(?P<year>(?:19|20)\d{2}))?$")
_QUARTER = re.compile(
    r"^(?:(?:19|20)\d{2}年?)?(?:第?(?P<cn>[一二三四1-4])季度?|q(?P<q>[1-4]))(?:小计|合计|目标)?$"
)
_SUBTOTAL = {header_key(w) for w in ("小计", "季度小计", "季度合计", "subtotal")}
_TOTAL = {
    header_key(w) for w in ("合计", "总计", "全年", "全年合计", "年度合计", "全年目标", "年度目标")
} | {"total", "year"}
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|财年|fy|$|\D)", re.IGNORECASE)
# a header's unit at its end, 1月(万元), 2024年1月/万元, 一月【单位：千元】; (元) is said in yuan
_YUAN = re.compile(r"[(（【\[/]\s*(?:单位\s*[:：]\s*)?(?:人民币)?元\s*[)）】\]]?\s*$")
_TAIL = re.compile(r"\s*[(（【\[/][^()（）【】\[\]/]*[)）】\]]?\s*$")
Unit = tuple[float, str]  # factor to yuan, the unit as written


@dataclass
class Layout:
    """Where a months-as-columns sheet keeps what: the header rows (0-based positions in the
    cells), the rep column, each month's column, each 小计 or 合计 column with the month
    columns it adds up, and the year."""

    header: list[int]
    rep: int
    months: dict[int, int]  # column -> month (1-12)
    sums: dict[int, list[int]] = field(default_factory=dict)  # column -> the month columns
    labels: dict[int, str] = field(default_factory=dict)  # column -> its header, as written
    year: int | None = None  # the title's, for months written without one
    years: dict[int, int] = field(default_factory=dict)  # column -> its header's year
    carried: dict[int, str] = field(default_factory=dict)  # column -> region, category…
    units: dict[int, Unit] = field(default_factory=dict)  # column -> the unit its header states
    # (unit, text, 0-based row) of a cell above the header, or above a month in a two-line
    # header (月度目标（万元） merged over 1月 … 12月), that states a unit
    stated: list[tuple[Unit, str, int]] = field(default_factory=list)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def unit_of(label: str) -> tuple[str, Unit | None]:
    """The header without the unit at its end, and that unit: 1月(万元) -> 1月, 10,000×."""
    text = _text(label)
    unit = (1.0, "元") if _YUAN.search(text) else header_unit(text, money=True)
    tail = _TAIL.search(text) if unit is not None else None
    return (text[: tail.start()] if tail else text), unit


def month_of(label: str) -> tuple[int, int | None] | None:
    """(month, year or None) of a month header: 5月, 五月, 2024年5月, 2024-05, May."""
    text = re.sub(r"\s+", "", label).lower()
    found = _MONTH.match(text)
    if found is not None:
        written = found["month"]
        month = int(written) if written.isdigit() else _CN_MONTHS.get(written, 0)
        if not found["year"] and written.isdigit() and "月" not in text:
            return None  # a bare number is no month
        year = int(found["year"]) if found["year"] else None
        return (month, year) if 1 <= month <= 12 else None
    found = _EN_MONTH.match(label.strip().lower())
    if found is not None and found["month"] in _EN_MONTHS:
        return _EN_MONTHS.index(found["month"]) + 1, int(found["year"]) if found["year"] else None
    return None


def find_layout(raw: RawSheet, spec: InputSpec) -> Layout | None:
    """The layout of a sheet whose header has three or more months, or None."""
    cells = raw.cells
    if raw.header is not None:
        return None
    for position in range(min(MAX_HEADER_SCAN, len(cells))):
        row = [_text(v) for v in cells.iloc[position].tolist()]
        months = {
            c: m for c, v in enumerate(row) if v and (m := month_of(unit_of(v)[0])) is not None
        }
        if len(months) >= 3:
            return _layout(raw, spec, position, row, months)
    return None


def _layout(
    raw: RawSheet,
    spec: InputSpec,
    position: int,
    row: list[str],
    months: dict[int, tuple[int, int | None]],
) -> Layout:
    above = [_text(v) for v in raw.cells.iloc[position - 1].tolist()] if position else []
    # a title or unit line holds one cell, or states the unit (2024年度目标 … 单位：万元)
    two_rows = sum(bool(v) for v in above) >= 2 and stated_unit([" ".join(above)]) is None
    labels = {c: v or (above[c] if two_rows and c < len(above) else "") for c, v in enumerate(row)}
    header = [position - 1, position] if two_rows else [position]
    aliases = alias_index("targets")
    named = {header_key(h): c for c, h in spec.columns.items()}
    ignored = {header_key(h) for h in spec.ignore}

    def column_of(label: str) -> str | None:
        return named.get(header_key(label), aliases.get(header_key(label)))

    rep = next((c for c, v in labels.items() if v and column_of(v) == "rep"), None)
    if rep is None:
        raise BadDataError(
            _(
                "the targets have the months as columns ({months}) but no column of reps: "
                "header row {row} has: {headers}",
                months=", ".join(row[c] for c in sorted(months)),
                row=position + raw.first_row,
                headers=", ".join(v for v in labels.values() if v),
            ),
            file=raw.file,
            sheet=raw.sheet,
            row=position + raw.first_row,
            hint=_('name the reps\' column 销售代表 or map it: [inputs.targets] rep = "<header>"'),
        )
    layout = Layout(header, rep, {c: m for c, (m, _y) in months.items()}, labels=labels)
    layout.units = {c: u for c, v in labels.items() if (u := unit_of(v)[1]) is not None}
    if two_rows:
        over = [v for c, v in enumerate(above) if v and c < len(row) and row[c]]
        layout.stated = [(u, v, position - 1) for v in over if (u := unit_of(v)[1]) is not None]
    layout.years = {c: y for c, (_m, y) in months.items() if y is not None}
    if len(layout.years) < len(months):
        layout.year = _year_above(raw, header[0])
    _sums_and_others(raw, layout, aliases, ignored)
    return layout


def _year_above(raw: RawSheet, first: int) -> int | None:
    """The year a title above the header names (2024年度销售目标分解表)."""
    for position in range(first):
        for value in raw.cells.iloc[position].tolist():
            found = _YEAR.search(_text(value))
            if found is not None:
                return int(found[1])
    return None


def _sums_and_others(
    raw: RawSheet, layout: Layout, aliases: dict[str, str], ignored: set[str]
) -> None:
    """Each 小计, quarter and 合计 column with the months it adds up; a region, category or
    group column carried; any other headed column refused unless ignored."""
    since: list[int] = []
    for column, label in sorted(layout.labels.items()):
        key = header_key(unit_of(label)[0]) if column in layout.units else header_key(label)
        if column == layout.rep or not label or {key, header_key(label)} & ignored:
            continue
        if column in layout.months:
            since.append(column)
        elif key in _TOTAL:
            layout.sums[column] = sorted(layout.months)
        elif key in _SUBTOTAL:
            layout.sums[column], since = since, []
        elif (quarter := _QUARTER.match(key)) is not None:
            q = int(quarter["q"] or "一二三四1234".index(quarter["cn"]) % 4 + 1)
            layout.sums[column] = [c for c, m in layout.months.items() if (m - 1) // 3 == q - 1]
            since = []
        elif aliases.get(key) in ("region", "category", "customer_group"):
            layout.carried[column] = aliases[key]
        else:
            raise BadDataError(
                _(
                    "a column of the targets by month that is neither a month, a 小计 or 合计, "
                    "a rep, a region, a category nor a group"
                ),
                file=raw.file,
                sheet=raw.sheet,
                row=layout.header[-1] + raw.first_row,
                column=label,
                hint=_(
                    'if no target is in it, add ignore = ["{header}"] under [inputs.targets]; '
                    "else write the months as 1月 … 12月",
                    header=label,
                ),
            )


def read_by_month(raw: RawSheet, layout: Layout) -> Normalised:
    """The sheet's targets as rows of rep, period (YYYY-MM), target (in yuan), region."""
    if layout.year is None and len(layout.years) < len(layout.months):
        raise BadDataError(
            _("the targets have the months as columns, and nothing says which year"),
            file=raw.file,
            sheet=raw.sheet,
            row=layout.header[-1] + raw.first_row,
            hint=_(
                "write the year in the title above the header (2024年度销售目标分解表) or in "
                "each month's header (2024年1月)"
            ),
        )
    first = layout.header[-1] + 1
    body = raw.cells.iloc[first:]
    rows = (body.index.to_numpy() + raw.first_row).tolist()
    reps = fold_names(clean_text(as_text(body[layout.rep])))  # as the rows' reader does
    numbers = {c: _numbers(raw, body, layout, c, rows) for c in [*layout.months, *layout.sums]}
    total = reps.map(lambda v: header_key(v) in _TOTAL | _SUBTOTAL, na_action="ignore")
    total = total.fillna(False).astype(bool).to_numpy()
    filled = np.column_stack([~np.isnan(v) for v in numbers.values()]).any(axis=1)
    lines = ~total & reps.notna().to_numpy()
    for i in np.flatnonzero(~total & reps.isna().to_numpy() & filled):
        raise BadDataError(
            _("a row of targets with no rep"),
            file=raw.file,
            sheet=raw.sheet,
            row=rows[i],
            column=layout.labels[layout.rep],
            hint=_("write the rep, or delete the row"),
        )
    _check_sums(raw, layout, numbers, rows, lines)
    _check_total_rows(raw, layout, numbers, rows, lines, total)
    return _frame(raw, layout, reps, numbers, rows, lines, body)


def _numbers(
    raw: RawSheet, body: pd.DataFrame, layout: Layout, column: int, rows: list[int]
) -> np.ndarray:
    written = clean_text(as_text(body[column]))
    number, bad = parse_number(written)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise BadDataError(
            _("not a number"),
            file=raw.file,
            sheet=raw.sheet,
            row=rows[i],
            column=layout.labels[column],
            value=written.iloc[i],
            hint=_("write the target as a number, in the unit the sheet states"),
        )
    return number.to_numpy(dtype=float)


def _differs(written: float, summed: float) -> bool:
    return not np.isnan(written) and abs(written - summed) > 0.005 + 1e-9 * abs(summed)


def _check_sums(
    raw: RawSheet, layout: Layout, numbers: dict, rows: list[int], lines: np.ndarray
) -> None:
    """Each line's 小计 and 合计 are the sums of their months."""
    for column, parts in layout.sums.items():
        summed = np.nansum(np.column_stack([numbers[c] for c in parts]), axis=1)
        for i in np.flatnonzero(lines):
            if _differs(numbers[column][i], summed[i]):
                _refuse_sum(raw, layout, column, rows[i], numbers[column][i], summed[i], parts)


def _check_total_rows(
    raw: RawSheet,
    layout: Layout,
    numbers: dict,
    rows: list[int],
    lines: np.ndarray,
    total: np.ndarray,
) -> None:
    """A 合计 row's every cell is the sum of the lines above it."""
    for i in np.flatnonzero(total):
        above = lines.copy()
        above[i:] = False
        for column, values in numbers.items():
            summed = float(np.nansum(values[above]))
            if _differs(values[i], summed):
                raise BadDataError(
                    _(
                        "the total row's {column} is not the sum of the rows above it ({summed:g})",
                        column=layout.labels[column],
                        summed=round(summed, 6),
                    ),
                    file=raw.file,
                    sheet=raw.sheet,
                    row=rows[i],
                    column=layout.labels[column],
                    value=f"{values[i]:g}",
                    hint=_("correct the cell or the rows above it: no target is taken on trust"),
                )


def _refuse_sum(
    raw: RawSheet,
    layout: Layout,
    column: int,
    row: int,
    written: float,
    summed: float,
    parts: list[int],
) -> None:
    months = [layout.labels[c] for c in parts]
    raise BadDataError(
        _(
            "{column} is not the sum of its months {first}…{last} ({summed:g})",
            column=layout.labels[column],
            first=months[0] if months else "",
            last=months[-1] if months else "",
            summed=round(summed, 6),
        ),
        file=raw.file,
        sheet=raw.sheet,
        row=row,
        column=layout.labels[column],
        value=f"{written:g}",
        hint=_("correct the month or the total: no target is taken on trust"),
    )


def _frame(
    raw: RawSheet,
    layout: Layout,
    reps: pd.Series,
    numbers: dict,
    rows: list[int],
    lines: np.ndarray,
    body: pd.DataFrame,
) -> Normalised:
    stated = _unit(raw, layout)
    factor = stated[0] if stated is not None else 1.0
    parts = []
    for column, month in sorted(layout.months.items()):
        target = numbers[column] * factor
        keep = lines & ~np.isnan(target)
        part = pd.DataFrame(
            {
                "rep": reps[keep].astype("string").to_numpy(),
                "period": f"{layout.years.get(column, layout.year)}-{month:02d}",
                "target": np.round(target[keep], 2),
                "_row": np.asarray(rows)[keep],
            }
        )
        for carried, canonical in layout.carried.items():
            part[canonical] = fold_names(clean_text(as_text(body[carried])))[keep].to_numpy()
        if "region" not in layout.carried.values() and _names_a_region(raw.sheet):
            part["region"] = raw.sheet
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True).sort_values(["_row", "period"], kind="stable")
    frame = frame.reset_index(drop=True).astype({"rep": "string", "period": "string"})
    if "region" in frame:
        frame["region"] = frame["region"].astype("string")
    result = Normalised("targets", frame)
    result.headers = _headers(raw, layout)
    result.notes.append(_note(raw, layout, stated))
    result.frame.insert(0, "_sheet", raw.sheet or "")
    result.frame.insert(0, "_file", raw.file)
    return result


def _unit(raw: RawSheet, layout: Layout) -> tuple[float, str, str] | None:
    """(factor, unit, where stated) of the sheet's targets: a 单位： line or a title ending in
    its unit above the header, a header cell over the months, the months' own headers (each
    the same) and their totals' all say one unit, or the sheet is refused naming two that
    differ (a tenfold error either way)."""
    said = _units_above(raw, layout) + layout.stated
    months = sorted(layout.months)
    stating = [c for c in months if c in layout.units]
    if stating and len(stating) < len(months):
        bare = next(c for c in months if c not in layout.units)
        first = layout.units[stating[0]]
        _refuse_units(raw, layout, layout.labels[bare], None, layout.labels[stating[0]], first)
    headed = [c for c in [*stating, *layout.sums] if c in layout.units]
    said += [(layout.units[c], layout.labels[c], layout.header[-1]) for c in headed]
    for unit, text, _row in said[1:]:
        if unit[0] != said[0][0][0]:
            _refuse_units(raw, layout, text, unit, said[0][1], said[0][0])
    return (*said[0][0], said[0][1]) if said else None


def _units_above(raw: RawSheet, layout: Layout) -> list[tuple[Unit, str, int]]:
    """Each line above the header that states a unit: 单位：万元, 2024年度销售目标（万元）."""
    said = []
    for position in range(layout.header[0]):
        cells = [_text(v) for v in raw.cells.iloc[position].tolist()]
        line = " ".join(v for v in cells if v)
        stated = stated_unit([line]) if line else None
        if stated is not None:
            said.append(((stated[0], stated[1]), line, position))
            continue
        said += [(u, v, position) for v in cells if v and (u := unit_of(v)[1]) is not None]
    return said


def _refuse_units(
    raw: RawSheet, layout: Layout, header: str, unit: Unit | None, other: str, other_unit: Unit
) -> None:
    raise BadDataError(
        _(
            "the targets' units differ: {header} says {unit}, {other} says {other_unit}",
            header=header,
            unit=unit[1] if unit else _("no unit"),
            other=other,
            other_unit=other_unit[1],
        ),
        file=raw.file,
        sheet=raw.sheet,
        row=layout.header[-1] + raw.first_row,
        column=header,
        hint=_(
            "state the unit once: above the header (单位：万元) or in every month's header "
            "(1月(万元) … 12月(万元)), the same"
        ),
    )


def _headers(raw: RawSheet, layout: Layout) -> list[dict[str, str]]:
    where = {"file": raw.file, "sheet": raw.sheet or ""}
    lines = [{**where, "header": layout.labels[layout.rep], "column": "rep", "how": _("alias")}]
    for column, month in sorted(layout.months.items()):
        year = layout.years.get(column, layout.year)
        how = _("month {month} of {year}: its targets", month=month, year=year)
        lines.append({**where, "header": layout.labels[column], "column": "target", "how": how})
    for column in layout.sums:
        how = _("a total of months: checked, then dropped")
        lines.append({**where, "header": layout.labels[column], "column": "", "how": how})
    return lines


def _note(raw: RawSheet, layout: Layout, stated: tuple[float, str, str] | None) -> str:
    where = _("{file}, sheet {sheet}", file=raw.file, sheet=raw.sheet) if raw.sheet else raw.file
    return _(
        "{where}: targets by month as columns ({year}, {unit}); each 小计 and 合计 checked "
        "against its months and dropped; the sheet's name is the rows' region",
        where=where,
        year=", ".join(sorted({str(layout.years.get(c, layout.year)) for c in layout.months})),
        unit=stated[1] if stated is not None else _("in yuan"),
    )


# the names a spreadsheet gives a sheet it was not told to name: no region
_UNNAMED = re.compile(r"(?i)(sheet|工作表|表|页|tabelle|feuil|hoja|foglio)\s*\d*")


def _names_a_region(sheet: str | None) -> bool:
    """Whether a sheet's name is its rows' region: a name someone gave it, not Excel's Sheet1
    (or WPS's 工作表1): a one-sheet workbook saved as it came holds no region `Sheet`."""
    return bool(sheet) and not _UNNAMED.fullmatch(str(sheet).strip())
