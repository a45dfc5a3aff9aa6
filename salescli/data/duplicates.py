"""One row per key: a rep's target for a period, a customer's record, written twice in one file.

Targets, expenses and reviews hold one row per rep and period; the customer file one row per
customer. A key written twice in one file (or sheet) is:

- the same row twice: a warning, and the row is read once (never summed: 2000 + 2000 is not
  the target);
- two rows that disagree on a figure or on what a figure is computed from (2000 and 3000;
  two owners; two classes): an error (65) listing both rows, since which one is right is the
  user's to say, not the row order's;
- for customers, two rows that agree on owner, class, potential, region and group but differ
  in a record field (a phone, a contact): a warning, and the first row is read.

The same key in two files is an overlap or a conflict between files: `data/overlaps.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from salescli.data.normalise import Problem
from salescli.data.parts import Named, listed
from salescli.i18n import _
from salescli.problems import Found as Said
from salescli.problems import problem

KEYS: dict[str, list[str]] = {
    "targets": ["rep", "period"],
    "expenses": ["rep", "month"],
    "reviews": ["rep", "period"],
    "customers": ["customer_id"],
}
# the columns whose disagreement is a conflict; for the other tables, every column
DECIDING: dict[str, list[str]] = {
    "customers": ["rep", "class", "potential_value", "region", "customer_group"],
}
# the columns of a key given in parts: a rep's target by product line, region or customer
# group (split-targets --by writes them) is the sum of its parts' rows
PARTS: dict[str, list[str]] = {"targets": ["category", "region", "customer_group"]}
SUMMED: dict[str, list[str]] = {"targets": ["target", "target_quantity", "target_profit"]}
NOUNS = {
    "targets": _("target"),
    "expenses": _("expense"),
    "reviews": _("review"),
    "customers": _("customer"),
}


@dataclass
class Found:
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said loudly: they change what is read
    read: list[str] = field(default_factory=list)  # how the file was read (parts summed)


def find(table: str, frame: pd.DataFrame) -> Found:
    """The keys written more than once inside one file of `table`: identical copies dropped
    (a warning), conflicts reported (an error), both naming every row. A key given in parts
    (a target by product line) is one row per part, and the parts are summed."""
    keys = KEYS.get(table, [])
    parts = [c for c in PARTS.get(table, []) if c in frame and frame[c].notna().any()]
    found = _repeated(table, frame, keys, parts)
    if parts:
        found.frame, said = _parts_summed(table, found.frame, keys, parts)
        found.read += said
    return found


def _parts_summed(
    table: str, frame: pd.DataFrame, keys: list[str], parts: list[str]
) -> tuple[pd.DataFrame, list[str]]:
    """One row per key, its SUMMED columns the sum of its parts' rows (a column empty on
    every part stays empty), the other columns its first part's."""
    if not parts or not len(frame):
        return frame, []
    source = [c for c in ("_file", "_sheet") if c in frame]
    by = [*source, *keys]
    split = frame.duplicated(by, keep=False) & frame[keys].notna().all(axis=1)
    if not split.any():
        return frame, []
    whole = frame[split].groupby(by, sort=False, dropna=False)
    summed = whole.first()
    for column in [c for c in SUMMED.get(table, []) if c in frame]:
        summed[column] = whole[column].sum(min_count=1)
    summed = summed.reset_index()[list(frame.columns)]
    summed[parts] = pd.NA  # the key as a whole, no one part
    said = _(
        "{where}: {n} {noun} rows are parts of {keys} keys, given by {columns}: each key's "
        "{noun} is the sum of its parts",
        where=_where(frame[split]),
        n=int(split.sum()),
        noun=NOUNS[table],
        keys=len(summed),
        columns=listed([Named(c) for c in parts]),
    )
    whole_keys = pd.concat([frame[~split], summed.astype(frame.dtypes.to_dict())])
    return whole_keys.sort_values("_row", kind="stable").reset_index(drop=True), [said]


def _repeated(table: str, frame: pd.DataFrame, whole: list[str], parts: list[str]) -> Found:
    found = Found(frame)
    keys = [*whole, *parts]
    if not keys or not set(keys) <= set(frame.columns) or "_row" not in frame or not len(frame):
        return found
    source = [c for c in ("_file", "_sheet") if c in frame]
    repeated = frame[
        frame.duplicated([*source, *keys], keep=False) & frame[whole].notna().all(axis=1)
    ]
    if repeated.empty:
        return found
    compared = [c for c in frame.columns if not str(c).startswith("_") and c not in keys]
    deciding = [c for c in DECIDING.get(table, compared) if c in compared]
    drop: list[int] = []
    for _key_values, group in repeated.groupby([*source, *keys], sort=False, dropna=False):
        differ = [c for c in compared if _differs(group[c])]
        conflict = [c for c in differ if c in deciding]
        if conflict:
            found.problems.append(_conflict(table, group, keys, conflict))
            continue
        drop += group.index[1:].tolist()
        found.problems.append(_copy(table, group, keys, differ))
        found.notes.append(_note(table, group, keys, differ))
    found.frame = frame.drop(index=drop)
    return found


def _differs(values: pd.Series) -> bool:
    present = values.dropna()
    return (len(present) != len(values) and len(present) > 0) or present.nunique() > 1


def _key(group: pd.DataFrame, keys: list[str]) -> str:
    first = group.iloc[0]
    return "/".join(str(first[k]) for k in keys)


def _rows(group: pd.DataFrame) -> str:
    return ", ".join(str(int(r)) for r in group["_row"])


def _where(group: pd.DataFrame) -> str:
    first = group.iloc[0]
    sheet = first.get("_sheet")
    file = str(first.get("_file", ""))
    return _("{file}, sheet {sheet}", file=file, sheet=sheet) if sheet else file


def _conflict(table: str, group: pd.DataFrame, keys: list[str], columns: list[str]) -> Problem:
    shown = "; ".join(f"{c} = {', '.join(_value(v) for v in group[c])}" for c in columns[:3])
    key = _key(group, keys)
    found = problem(
        "duplicate-conflict", noun=NOUNS[table], key=key, rows=_rows(group), shown=shown
    )
    return _problem(table, group, columns[0], key, found)


def _copy(table: str, group: pd.DataFrame, keys: list[str], differ: list[str]) -> Problem:
    if differ:
        found = problem("duplicate-copy", columns=", ".join(differ), rows=_rows(group))
    else:
        found = problem("duplicate-identical", rows=_rows(group))
    return _problem(table, group, None, _key(group, keys), found)


def _note(table: str, group: pd.DataFrame, keys: list[str], differ: list[str]) -> str:
    said = {
        "where": _where(group),
        "noun": NOUNS[table],
        "key": _key(group, keys),
        "n": len(group),
        "rows": _rows(group),
    }
    if differ:
        return _(
            "{where}: {noun} {key} is listed {n} times (rows {rows}), differing only in "
            "{columns}: read once, not summed",
            columns=listed([Named(c) for c in differ]),
            **said,
        )
    return _(
        "{where}: {noun} {key} is listed {n} times (rows {rows}), the same both times: read "
        "once, not summed",
        **said,
    )


def _value(value: object) -> str:
    if value is None or pd.isna(value):
        return "(empty)"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _problem(
    table: str,
    group: pd.DataFrame,
    column: str | None,
    value: str,
    found: Said,
) -> Problem:
    later = group.iloc[1]
    sheet = later.get("_sheet")
    return Problem.at(
        found,
        table,
        str(later.get("_file", "")),
        str(sheet) if sheet else None,
        int(later["_row"]),
        column,
        value,
    )
