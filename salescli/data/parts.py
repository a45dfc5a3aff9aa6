"""What reading one file gives: its canonical rows (`Normalised`) and the problems found on
the way (`Problem`), with the helpers every step of the reading shares."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from salescli.data.values import as_text
from salescli.i18n import _
from salescli.problems import Found
from salescli.schema import header_key

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
