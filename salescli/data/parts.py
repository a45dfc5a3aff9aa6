"""What reading one file gives: its canonical rows (`Normalised`) and the problems found on
the way (`Problem`), with the helpers every step of the reading shares."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from salescli.data.values import as_text
from salescli.i18n import Msg, _
from salescli.problems import Found
from salescli.schema import TABLES, header_key

if TYPE_CHECKING:
    from salescli.data.readers import RawSheet


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
    code: str
    problem: str
    hint: str = ""
    params: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def at(
        cls,
        found: Found,
        table: str,
        file: str,
        sheet: str | None,
        row: int | None,
        column: str | None,
        value: str | None,
    ) -> Problem:
        """The problem `found` (salescli.problems), where the user will find it."""
        return cls(
            table,
            file,
            sheet,
            row,
            column,
            value,
            found.severity,
            found.code,
            found.problem,
            found.hint,
            found.params,
        )


@dataclass
class Normalised:
    table: str
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)  # how each header was read
    # each number column's decimal separator ("." or ","), kept as columns are renamed
    decimals: dict[str, str] = field(default_factory=dict)
    # what changed or emptied a figure on the way (a status word counted, an amount computed):
    # said on stderr even to cron, an error with --strict; notes only say how a file was read
    warnings: list[str] = field(default_factory=list)


def where(raw: RawSheet) -> str:
    """The file, and the sheet read from it."""
    return _("{file}, sheet {sheet}", file=raw.file, sheet=raw.sheet) if raw.sheet else raw.file


class Named(Msg):
    """A canonical column or table named inside a message: its name (`cost`, `feedback`) in
    English, in Chinese its label (成本) or the Chinese name given (客户反馈). A parameter of
    salescli's own words, not of the data."""

    zh: str | None

    def __new__(cls, name: str, zh: str | None = None) -> Named:
        self = str.__new__(cls, name)
        self.id, self.plural, self.n, self.params, self.zh = name, None, None, {}, zh
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Named, (str.__str__(self), self.zh))

    def render(self, lang: str) -> str:
        from salescli.labels import label  # the catalogue of columns lives with the rules

        if lang == "en":
            return str.__str__(self)
        return self.zh if self.zh is not None else label(str.__str__(self), lang)


def table_named(name: str) -> Named:
    """A table named inside a sentence: `feedback` in English, 客户反馈 in Chinese."""
    return Named(name, TABLES[name].zh)


def row_list(rows: list[int]) -> str:
    """Excel rows as a message lists them: the first ten, and how many more."""
    shown = ", ".join(str(r) for r in rows[:10])
    if len(rows) <= 10:
        return shown
    return _("{items} and {n} more", items=shown, n=len(rows) - 10)


def some(items: list[str], most: int = 5) -> str:
    """The first `most` items, and how many more."""
    shown = ", ".join(items[:most])
    return _("{items} and {n} more", items=shown, n=len(items) - most) if items[most:] else shown


def listed(items: list[str]) -> str:
    """`a, b, c`, each item said in the language of the message (a message itself)."""
    if not items:
        return ""
    said = items[0]
    for item in items[1:]:
        said = _("{first}, {second}", first=said, second=item)
    return said


def together(items: list[str]) -> str:
    """`a and b and c`, said in the language of the message."""
    said = items[0]
    for item in items[1:]:
        said = _("{first} and {second}", first=said, second=item)
    return said


def either(choices: list[str]) -> str:
    """`a or b or c`, said in the language of the message."""
    said = choices[0]
    for choice in choices[1:]:
        said = _("{first} or {second}", first=said, second=choice)
    return said


def vocabulary(words: list[str]) -> frozenset[str]:
    return frozenset(header_key(w) for w in words)


def words(values: pd.Series) -> pd.Series:
    """Status words folded as headers are (case, spaces, _, /, traditional forms)."""
    codes, uniques = pd.factorize(as_text(values))
    keys = np.array([header_key(u) for u in uniques] + [None], dtype=object)
    return pd.Series(keys[codes], index=values.index)  # code -1 (missing) takes the None


def report(
    result: Normalised,
    raw: RawSheet,
    column: str,
    rows: pd.Series,
    values: pd.Series,
    found: Found,
) -> None:
    for row, value in zip(rows.tolist(), values.tolist(), strict=True):
        shown = (
            None if value is None or pd.isna(value) else unicodedata.normalize("NFC", str(value))
        )
        result.problems.append(
            Problem.at(found, result.table, raw.file, raw.sheet, int(row), column, shown)
        )
