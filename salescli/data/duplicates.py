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

Order lines are many per order, and two equal lines of one order can be real: they are one
line only where the export numbers its lines (行号, 分录号, Line No.) and two rows of one
order carry one number. The same line twice is read once (a loud warning: counted twice it
would double a sale); written twice with different values it stops (65): which is right is
the user's to say, or, where the number names no line (a line delivered in parts), the user
ignores the column and each row counts. Unnumbered repeats stay `data/overlaps.py`'s warning.

The same key in two files is an overlap or a conflict between files: `data/overlaps.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from salescli.data.normalise import Problem
from salescli.data.parts import Named, listed, row_list, some
from salescli.i18n import _, n_
from salescli.problems import KINDS, problem
from salescli.problems import Found as Said

KEYS: dict[str, list[str]] = {
    "targets": ["rep", "period"],
    "expenses": ["rep", "month"],
    "reviews": ["rep", "period"],
    "customers": ["customer_id"],
    # a month's rate of a currency: two rates, and the row order chose the figure
    "rates": ["month", "currency"],
}
# the columns whose disagreement is a conflict; for the other tables, every column
DECIDING: dict[str, list[str]] = {
    "customers": ["rep", "class", "potential_value", "region", "customer_group"],
}
# the columns of a key given in parts: a rep's target by product line, region or customer
# group (split-targets --by writes them) is the sum of its parts' rows
PARTS: dict[str, list[str]] = {"targets": ["category", "region", "customer_group"]}
SUMMED: dict[str, list[str]] = {"targets": ["target", "target_quantity", "target_profit"]}
# an order's line, named by its number within the order
LINES: dict[str, list[str]] = {"orders": ["order_id", "line_no"]}
LISTED = 1000  # of each kind, the lines listed one by one; the rest counted
NOUNS = {
    "targets": _("target"),
    "expenses": _("expense"),
    "reviews": _("review"),
    "customers": _("customer"),
    "rates": _("currency rate"),
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
    # one note for the keys one pair of rows repeats (a months-as-columns row read twice is
    # twelve keys: said once, not twelve times)
    copies: dict[tuple, list[pd.DataFrame]] = {}
    for _key_values, group in repeated.groupby([*source, *keys], sort=False, dropna=False):
        differ = [c for c in compared if _differs(group[c])]
        conflict = [c for c in differ if c in deciding]
        if conflict:
            found.problems.append(_conflict(table, group, keys, conflict))
            continue
        drop += group.index[1:].tolist()
        found.problems.append(_copy(table, group, keys, differ))
        copies.setdefault((_where(group), _rows(group), tuple(differ)), []).append(group)
    found.notes += [
        _note(table, groups, keys, list(differ)) for (_w, _r, differ), groups in copies.items()
    ]
    found.frame = frame.drop(index=drop)
    return found


def numbered(table: str, frame: pd.DataFrame) -> np.ndarray:
    """Whether each line of `table` has a complete line key of `LINES` (its repeats are this
    module's to settle), as a boolean array; all False for another table."""
    keys = LINES.get(table, [])
    if not keys or not set(keys) <= set(frame.columns):
        return np.zeros(len(frame), dtype=bool)
    return frame[keys].notna().all(axis=1).to_numpy(dtype=bool)


def lines(table: str, frame: pd.DataFrame, header: str, source: str | None = None) -> Found:
    """Order lines with one number in one order of one file (or sheet, or source): the same
    values each time, read once (a loud note per file); other values, an error per line.
    Run as the files are read (`Workspace._read_files`), before a command narrows the frame
    to its columns. `header`: the number's header, as the hint names it; the lines of
    `source`, a database or lake, are named by their key alone: the rows of a query's
    answer are no row of an export. Vectorised but for one problem per line written twice."""
    found = Found(frame)
    keys = LINES.get(table, [])
    if "_row" not in frame or not numbered(table, frame).any():
        return found
    place = [c for c in ("_file", "_sheet") if c in frame]
    repeated = frame.duplicated([*place, *keys], keep=False).to_numpy() & numbered(table, frame)
    if not repeated.any():
        return found
    written = frame[repeated]
    group = written.groupby([*place, *keys], sort=False, dropna=False).ngroup().to_numpy()
    groups = int(group.max()) + 1
    order = np.argsort(group, kind="stable")  # each group's rows together, in file order
    bounds = np.r_[0, np.flatnonzero(np.diff(group[order])) + 1, len(order)]
    first = np.empty(len(order), dtype=np.int64)
    first[order] = np.repeat(order[bounds[:-1]], np.diff(bounds))
    # per column, the groups whose rows differ from their first (two empty cells are equal)
    differ: dict[str, np.ndarray] = {}
    for column in [c for c in written.columns if not str(c).startswith("_") and c not in keys]:
        values = written[column]
        original = values.iloc[first].set_axis(written.index)
        same = (values == original).fillna(False).astype(bool) | (values.isna() & original.isna())
        differ[column] = np.bincount(group, weights=~same.to_numpy(bool), minlength=groups) > 0
    conflict = np.zeros(groups, dtype=bool)
    for differing in differ.values():
        conflict |= differing
    at = _Places(written, keys, source)
    copies: dict[str, list[str]] = {}  # per file, the first lines read once
    counts: dict[str, int] = {}  # and how many
    counted = {"line-number-copy": 0, "line-number-twice": 0}
    cells: dict[str, np.ndarray] = {}  # a differing column's values, made once
    for g in range(groups):  # in the order of each group's first row
        positions = order[bounds[g] : bounds[g + 1]]
        head = positions[0]
        code = "line-number-twice" if conflict[g] else "line-number-copy"
        if code == "line-number-copy":
            where = at.where(head)
            counts[where] = counts.get(where, 0) + 1
            if len(copies.setdefault(where, [])) < 5:
                line = _("{order} line {line}", order=at.key[0][head], line=at.key[1][head])
                copies[where].append(line)
        counted[code] += 1
        if counted[code] > LISTED:  # a report that doubled every line: the first are enough
            continue
        said = {"key": at.key[0][head], "line": at.key[1][head], "header": header}
        said |= {"n": len(positions), "rows": at.rows(positions)}
        if code == "line-number-copy":
            found.problems.append(at.problem(table, positions, None, problem(code, **said)))
            continue
        other = [c for c, differing in differ.items() if differing[g]]
        for column in other[:3]:
            if column not in cells:
                cells[column] = written[column].to_numpy(object)
        values = {c: cells[c][positions] for c in other[:3]}
        shown = "; ".join(f"{c} = {', '.join(map(_value, v))}" for c, v in values.items())
        twice = problem(code, shown=shown, **said)
        found.problems.append(at.problem(table, positions, other[0], twice, values[other[0]]))
    for code, n in counted.items():
        if n > LISTED:
            more = problem("line-number-more", severity=KINDS[code].severity, n=n - LISTED)
            found.problems.append(Problem.at(more, table, str(at.file[0]), None, None, None, None))
    for where, named_lines in copies.items():
        found.notes.append(
            n_(
                "{where}: {n:,} order line written more than once with one line number and "
                "the same values ({lines}): read once, not summed",
                "{where}: {n:,} order lines written more than once with one line number and "
                "the same values ({lines}): each read once, not summed",
                counts[where],
                where=where,
                lines=some(named_lines, 5)
                if counts[where] <= 5
                else _("{items} and {n} more", items=", ".join(named_lines), n=counts[where] - 5),
            )
        )
    later = (np.arange(len(order)) != first) & ~conflict[group]  # a copy's rows after its first
    found.frame = frame.drop(index=written.index[later])
    return found


class _Places:
    """Where the lines written twice are, as arrays: a problem is placed on a line's second row
    with that row's value; a source's line by its order and line number, with no row."""

    def __init__(self, written: pd.DataFrame, keys: list[str], source: str | None) -> None:
        self.keys = keys
        self.key = [written[k].astype(str).to_numpy(object) for k in keys]
        files = written["_file"] if "_file" in written else pd.Series("", written.index)
        self.file = files.astype(str).to_numpy(object)
        sheets = written["_sheet"] if "_sheet" in written else pd.Series(None, written.index)
        named = sheets.notna() & sheets.astype(str).ne("")
        self.sheet = sheets.astype(object).where(named, None).to_numpy(object)
        self.row = written["_row"].astype(int).to_numpy()
        self.fetched = self.file == source if source is not None else np.zeros(len(written), bool)

    def rows(self, positions: np.ndarray) -> str:
        if self.fetched[positions[0]]:  # a fetch position is no row
            return ""
        return _(", rows {rows}", rows=row_list(self.row[positions].tolist()))

    def where(self, head: int) -> str:
        sheet = self.sheet[head]
        file = self.file[head]
        return _("{file}, sheet {sheet}", file=file, sheet=sheet) if sheet else file

    def problem(
        self,
        table: str,
        positions: np.ndarray,
        column: str | None,
        found: Said,
        values: np.ndarray | None = None,
    ) -> Problem:
        head, later = positions[0], positions[1]
        if self.fetched[head]:
            named = ", ".join(f"{k} {self.key[i][head]}" for i, k in enumerate(self.keys))
            value = None if values is None else _value(values[0])
            file = f"{self.file[head]} ({named})"
            return Problem.at(found, table, file, None, None, column, value)
        key = "/".join(str(self.key[i][later]) for i in range(len(self.keys)))
        value = key if values is None else _value(values[1])
        sheet = self.sheet[later]
        return Problem.at(
            found, table, self.file[later], sheet, int(self.row[later]), column, value
        )


def _differs(values: pd.Series) -> bool:
    present = values.dropna()
    return (len(present) != len(values) and len(present) > 0) or present.nunique() > 1


def _key(group: pd.DataFrame, keys: list[str]) -> str:
    first = group.iloc[0]
    return "/".join(str(first[k]) for k in keys)


def _rows(group: pd.DataFrame) -> str:
    return row_list([int(r) for r in group["_row"]])


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
    # placed on the second row, with its value in the first column that differs
    return _problem(table, group, columns[0], _value(group[columns[0]].iloc[1]), found)


def _copy(table: str, group: pd.DataFrame, keys: list[str], differ: list[str]) -> Problem:
    if differ:
        found = problem("duplicate-copy", columns=", ".join(differ), rows=_rows(group))
    else:
        found = problem("duplicate-identical", rows=_rows(group))
    return _problem(table, group, None, _key(group, keys), found)


def _note(table: str, groups: list[pd.DataFrame], keys: list[str], differ: list[str]) -> str:
    """The note of the keys one pair (or more) of rows repeats alike: `张三/2024-01,
    张三/2024-02, 张三/2024-03 and 9 more`."""
    group = groups[0]
    said = {
        "where": _where(group),
        "noun": NOUNS[table],
        "key": some([_key(g, keys) for g in groups], 3),
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
