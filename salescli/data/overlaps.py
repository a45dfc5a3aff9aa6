"""The same line in two exports of one table: overlaps (identical) and conflicts (different).

A table may come in several files (monthly exports, one sheet per month). When two of them
hold the same line, summing them counts it twice. Each table has a *line key*, the columns that
name one line:

- orders: order_id + product_model
- customers: customer_id; opportunities: opportunity_id
- visits: visit_date + rep + customer_id; satisfaction: customer_id + survey_date
- targets: rep + period + its part (region, category, group); adjustments, reviews: rep +
  period; expenses: rep + month
- market: period + region + category + competitor
- any other table: every column (only identical lines are found)

plus, for every table, the line's place among the lines with that key in its own file (the
2nd `SO1/YE3-100` line of one file pairs with the 2nd of another, so an order with two equal
lines is still two lines). The sources compared are each file and sheet. A line whose key is
in two sources with the same values is an overlap; with different values, a conflict.
Identical lines inside one source can be real (two equal lines of one order) and are only a
warning in `check`, unless the export numbers its lines: two rows of one order and number
are one line, read once (`data/duplicates.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from salescli.data.duplicates import KEYS as ONE_ROW_PER_KEY
from salescli.data.duplicates import PARTS, numbered
from salescli.data.normalise import Normalised, Problem
from salescli.data.parts import some
from salescli.i18n import Msg, _, n_
from salescli.problems import Found, problem
from salescli.schema import TABLES

LINE_KEYS: dict[str, list[str]] = {
    "orders": ["order_id", "product_model"],
    "customers": ["customer_id"],
    "opportunities": ["opportunity_id"],
    "visits": ["visit_date", "rep", "customer_id"],
    "satisfaction": ["customer_id", "survey_date"],
    # a target given in parts (a sheet per region, a row per 产品线) is one line per part
    "targets": ["rep", "period", *PARTS["targets"]],
    "adjustments": ["rep", "period"],
    "reviews": ["rep", "period"],
    "expenses": ["rep", "month"],
    "market": ["period", "region", "category", "competitor"],
    "rates": ["month", "currency"],
}
NOUNS = {"orders": _("order lines"), "customers": _("customers"), "visits": _("visits")}


@dataclass
class Resolved:
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shared: bool = False  # some line key is in more than one source


def key_columns(table: str, frame: pd.DataFrame) -> list[str]:
    """The line key's columns that the frame has (every canonical column for other tables)."""
    if table in LINE_KEYS:
        wanted = LINE_KEYS[table]
    else:
        wanted = list(TABLES[table].columns) if table in TABLES else []
    return [c for c in wanted if c in frame]


def compared_columns(frame: pd.DataFrame) -> list[str]:
    """The columns whose values make two lines the same: every canonical column."""
    return [c for c in frame.columns if not str(c).startswith("_")]


def line_hashes(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """A 64-bit hash of each line's values in `columns`: pandas' `hash_pandas_object` of
    `frame[columns]`, its columns hashed and combined one at a time, as pandas combines
    them, without the copy of the frame's numbers that `frame[columns]` makes."""
    out = np.full(len(frame), 0x345678, dtype=np.uint64)
    multiplier = np.uint64(1000003)
    for i, column in enumerate(columns):
        out ^= pd.util.hash_pandas_object(frame[column], index=False).to_numpy()
        out *= multiplier
        multiplier += np.uint64(82520 + 2 * (len(columns) - i))
    return out + np.uint64(97531)


def part_sources(parts: list[pd.DataFrame]) -> pd.Series:
    """The source of each line of the concatenated parts (one part per file and sheet):
    `orders-may.xlsx`, or `orders.xlsx, sheet 5月` for a workbook with several sheets."""
    places = [
        (
            str(part["_file"].iloc[0]) if len(part) and "_file" in part else "",
            str(part["_sheet"].iloc[0]) if len(part) and "_sheet" in part else "",
        )
        for part in parts
    ]
    files = [file for file, _ in places]
    names = [
        f"{file}, sheet {sheet}" if sheet and files.count(file) > 1 else file
        for file, sheet in places
    ]
    codes = np.repeat(np.arange(len(parts)), [len(p) for p in parts])
    labels = list(dict.fromkeys(names))
    mapped = np.array([labels.index(n) for n in names], dtype=int)[codes] if len(codes) else codes
    return pd.Series(pd.Categorical.from_codes(mapped, labels))


def resolve(
    table: str,
    frame: pd.DataFrame,
    overlap: str,
    sources: pd.Series,
    fetched: set[str] | frozenset[str] = frozenset(),
) -> Resolved:
    """Find lines that are in more than one source and apply `overlap` (error, keep-first,
    keep-last); identical lines inside one source are `repeats`'. `sources`: each line's
    file (and sheet), in the frame's order, as `part_sources` gives them; `fetched`: those of them
    that are a database or data lake (`[inputs.NAME] source`, the first part), whose rows
    are no export's rows: a line there is named by its key."""
    result = Resolved(frame)
    keys = key_columns(table, frame)
    if not keys or not len(frame):
        return result
    if not isinstance(frame.index, pd.RangeIndex) or frame.index.start != 0:
        frame = frame.reset_index(drop=True)
        result.frame = frame
    codes = pd.Categorical(sources).codes
    if len(np.unique(codes)) < 2:
        return result
    # a line key in two sources has its first column (the order number) in two sources: the
    # usual case, none, is decided on that column's integer codes alone
    key, _ = pd.factorize(frame[keys[0]], use_na_sentinel=False)
    shared = _in_two_sources(key, codes)
    if not len(shared):
        return result
    mask = np.isin(key, shared)
    labels = np.asarray(pd.Categorical(sources).categories.astype(str))
    names = pd.Series(labels[codes[mask]], frame.index[mask])
    drop = _resolve_shared(table, frame[mask], names, keys, overlap, result, fetched)
    if len(drop):
        result.frame = frame.drop(index=drop)
    return result


def _in_two_sources(key: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The keys found in more than one source: those whose first and last line come from
    different sources (the lines of one source are contiguous). No sort: two passes."""
    positions = np.arange(len(key))
    first = np.empty(int(key.max()) + 1, dtype=np.int64)
    last = np.empty(int(key.max()) + 1, dtype=np.int64)
    first[key[::-1]] = positions[::-1]  # on repeated indices the last assignment wins
    last[key] = positions
    return np.flatnonzero(codes[first] != codes[last])


def _resolve_shared(
    table: str,
    frame: pd.DataFrame,
    sources: pd.Series,
    keys: list[str],
    overlap: str,
    result: Resolved,
    fetched: set[str] | frozenset[str] = frozenset(),
) -> pd.Index:
    """The lines whose key is in more than one source: problems or notes into `result`,
    and the index of the copies to drop."""
    place = frame.groupby([sources, *(frame[k] for k in keys)], dropna=False, sort=False).cumcount()
    line = frame[keys].assign(_place=place)
    later = line.duplicated(keep="first")
    if not later.any():
        return frame.index[:0]
    result.shared = True
    group = line.groupby(list(line.columns), dropna=False, sort=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(frame))).groupby(group).transform("first").to_numpy()
    first_source = pd.Series(sources.to_numpy()[first], frame.index)
    first_row = pd.Series(frame["_row"].to_numpy()[first], frame.index)
    same = _same_values(frame, first)
    identical = later & same
    conflict = later & ~same
    noun = NOUNS.get(table) or _("{table} rows", table=table)
    drop = pd.Series(False, frame.index)
    if overlap == "keep-last":
        drop = line.duplicated(keep="last")
        what = _("earlier copies dropped (keep-last)")
        result.notes += _kept_notes(table, noun, sources, first_source, later, what)
        return frame.index[drop.to_numpy()]
    if overlap == "keep-first":
        drop = identical
        what = _("identical later copies dropped (keep-first)")
        result.notes += _kept_notes(table, noun, sources, first_source, identical, what)
    else:
        result.problems += _overlap_problems(
            table, noun, frame, sources, first_source, first_row, identical, keys, fetched
        )
    result.problems += _conflict_problems(
        table, noun, frame, keys, sources, first_source, first_row, conflict, fetched
    )
    return frame.index[drop.to_numpy()]


def _same_values(frame: pd.DataFrame, first: np.ndarray) -> pd.Series:
    """Whether each line has the values of the first line with its key (`first`: that
    line's position) in every compared column; two empty cells are the same."""
    same = pd.Series(True, frame.index)
    for column in compared_columns(frame):
        values = frame[column]
        original = values.iloc[first].set_axis(frame.index)
        both_empty = values.isna() & original.isna()
        equal = (values == original).fillna(False).astype(bool) | both_empty
        same &= equal.to_numpy(bool)
    return same


def _pairs(
    mask: pd.Series, sources: pd.Series, first_source: pd.Series
) -> list[tuple[str, str, pd.Index]]:
    """(later source, first source, the later rows) for each pair of sources, in file order."""
    if not mask.any():
        return []
    picked = pd.DataFrame({"later": sources[mask], "first": first_source[mask]})
    order = list(dict.fromkeys(sources.tolist()))
    groups = picked.groupby(["later", "first"], sort=False).groups
    return sorted(
        ((later, first, index) for (later, first), index in groups.items()),
        key=lambda item: (order.index(item[0]), order.index(item[1])),
    )


def _overlap_problems(
    table: str,
    noun: str,
    frame: pd.DataFrame,
    sources: pd.Series,
    first_source: pd.Series,
    first_row: pd.Series,
    mask: pd.Series,
    keys: list[str],
    fetched: set[str] | frozenset[str],
) -> list[Problem]:
    out = []
    for _later, first, index in _pairs(mask, sources, first_source):
        rows = frame.loc[index, "_row"].astype(int).tolist()
        there = first_row[index].astype(int).tolist()
        if first in fetched:  # a source's rows are no export's: its first line by its key
            found = problem(
                "overlap-source",
                n=len(rows),
                noun=noun,
                first=first,
                rows=_rows(rows),
                keys="+".join(keys),
                key=_key(frame, index[0], keys),
                table=table,
            )
            out.append(_problem(table, frame, index, found))
            continue
        out.append(
            _problem(
                table,
                frame,
                index,
                problem(
                    "overlap-identical",
                    n=len(rows),
                    noun=noun,
                    first=first,
                    rows=_rows(rows),
                    there=_rows(there),
                    table=table,
                ),
            )
        )
    return out


def _conflict_problems(
    table: str,
    noun: str,
    frame: pd.DataFrame,
    keys: list[str],
    sources: pd.Series,
    first_source: pd.Series,
    first_row: pd.Series,
    mask: pd.Series,
    fetched: set[str] | frozenset[str] = frozenset(),
) -> list[Problem]:
    out = []
    for _later, first, index in _pairs(mask, sources, first_source):
        rows = frame.loc[index, "_row"].astype(int).tolist()
        key = _key(frame, index[0], keys)
        said: dict[str, Any] = {"n": len(rows), "noun": noun, "first": first, "key": key}
        said |= {"keys": "+".join(keys), "row": rows[0], "rows": _rows(rows), "table": table}
        if first in fetched:  # a source's line has no row to name
            found = problem("overlap-source-conflict", **said)
        else:
            found = problem("overlap-conflict", there=int(first_row[index[0]]), **said)
        out.append(_problem(table, frame, index, found, value=key))
    return out


def _kept_notes(
    table: str,
    noun: str,
    sources: pd.Series,
    first_source: pd.Series,
    mask: pd.Series,
    what: str,
) -> list[str]:
    return [
        _(
            "{table}: {n:,} {noun} of {later} are also in {first}: {what}",
            table=table,
            n=len(index),
            noun=noun,
            later=later,
            first=first,
            what=what,
        )
        for later, first, index in _pairs(mask, sources, first_source)
    ]


def repeats(table: str, part: Normalised, setting: str, keyed: bool = False) -> None:
    """Identical lines inside one file's sheet (or a source's answer): two equal lines of an
    order can be real, or the export wrote one line twice. Counted twice, a copy doubles a
    sale, so the choice is said, never made quietly: `setting` is the table's
    `repeated_lines`. "warn" counts both, with a loud warning (stderr, an error with
    --strict) naming the rows and the amount counted again, and the problem `check` lists;
    "count" counts both (the user said they are lines of their own); "once" reads each
    once, said in a note. A line numbered in its order is `data/duplicates.py`'s: two rows
    of one number are one line. Run on each part as it is read, before a command narrows
    its columns, so every canonical value is compared; the parsed-input cache keeps what it
    says. `keyed`: the lines are a database's or a lake's, named by their key, not a row."""
    frame = part.frame
    if table in ONE_ROW_PER_KEY or setting == "count" or len(frame) < 2:
        return
    copies = repeated_lines(table, frame)
    if not copies.any():
        return
    index = frame.index[copies]
    rows = frame.loc[index, "_row"].astype(int).tolist()
    keys = key_columns(table, frame)
    named: str | Msg = n_("row {rows}", "rows {rows}", len(rows), rows=_rows(rows))
    if keyed and keys:
        named = "+".join(keys) + " " + some([_key(frame, i, keys) for i in index], 5)
    noun = NOUNS.get(table) or _("{table} rows", table=table)
    place = _where(frame, index)
    amount = ""
    if "amount" in frame:
        amount = _(" ({amount:,.2f} counted a second time)", amount=_amount(frame, index))
    if setting == "once":
        part.frame = frame.drop(index=index).reset_index(drop=True)
        part.notes.append(
            n_(
                "{where}: one of the {noun} repeated an identical line ({lines}): read once, as "
                '[inputs.{table}] repeated_lines = "once" says',
                "{where}: {n:,} {noun} repeated an identical line ({lines}): each read once, "
                'as [inputs.{table}] repeated_lines = "once" says',
                len(rows),
                where=place,
                noun=noun,
                lines=named,
                table=table,
            )
        )
        return
    part.problems.append(
        _problem(
            table,
            frame,
            index,
            problem("repeated-line", n=len(rows), noun=noun, rows=_rows(rows)),
        )
    )
    part.warnings.append(
        n_(
            "{where}: one of the {noun} repeats an identical line read before it ({lines}), "
            "both counted{amount}; if the export wrote it twice, set [inputs.{table}] "
            'repeated_lines = "once"; if it is a line of its own, repeated_lines = "count"',
            "{where}: {n:,} {noun} repeat an identical line read before them ({lines}), "
            "both counted{amount}; if the export wrote them twice, set [inputs.{table}] "
            'repeated_lines = "once"; if they are lines of their own, repeated_lines = "count"',
            len(rows),
            where=place,
            noun=noun,
            lines=named,
            amount=amount,
            table=table,
        )
    )


def repeated_lines(table: str, frame: pd.DataFrame) -> np.ndarray:
    """Whether each line repeats an earlier line of `frame` in every canonical value (the
    first of equal lines is not a repeat); numbered order lines are never repeats here.
    The numbers and dates are hashed first (a million order lines in about 0.07 s: text
    hashes five times slower); only lines sharing those are compared whole, value by value
    (no hash decides that a line is a copy)."""
    columns = compared_columns(frame)
    cheap = [
        c
        for c in columns
        if pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_datetime64_any_dtype(frame[c])
    ]
    hashed = line_hashes(frame, cheap or columns)
    maybe = pd.Series(hashed).duplicated(keep=False).to_numpy() & ~numbered(table, frame)
    copies = np.zeros(len(frame), dtype=bool)
    if maybe.any():
        candidates = frame.loc[maybe, columns]
        copies[np.flatnonzero(maybe)] = candidates.duplicated(keep="first").to_numpy()
    return copies


def _amount(frame: pd.DataFrame, index: pd.Index) -> float:
    return float(pd.to_numeric(frame.loc[index, "amount"], errors="coerce").sum())


def _where(frame: pd.DataFrame, index: pd.Index) -> str:
    first = index[0]
    file = str(frame.at[first, "_file"]) if "_file" in frame else ""
    sheet = frame.at[first, "_sheet"] if "_sheet" in frame else None
    if sheet is None or pd.isna(sheet) or not str(sheet):
        return file
    return _("{file}, sheet {sheet}", file=file, sheet=str(sheet))


def _problem(
    table: str,
    frame: pd.DataFrame,
    index: pd.Index,
    found: Found,
    value: str | None = None,
) -> Problem:
    """A problem about the lines at `index`, placed where `check` lists it: the file, sheet
    and export row of the first of them."""
    first = index[0]
    file = str(frame.at[first, "_file"]) if "_file" in frame else ""
    sheet = frame.at[first, "_sheet"] if "_sheet" in frame else None
    sheet = str(sheet) if sheet is not None and not pd.isna(sheet) and sheet else None
    row = int(frame.at[first, "_row"])
    return Problem.at(found, table, file, sheet, row, None, value)


def _key(frame: pd.DataFrame, at: object, keys: list[str]) -> str:
    """A line's key as a message shows it: `SO1/YE3-100`."""
    return "/".join("" if pd.isna(v) else str(v) for v in frame.loc[at, keys])


def _rows(rows: list[int]) -> str:
    return some([str(r) for r in rows], 5)
