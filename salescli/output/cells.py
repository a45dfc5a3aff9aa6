"""Cells as the writers show them: JSON-ready values for machines, formatted text for people.

Every writer imports these from here (none imports another writer's module for them), so the
output layer has no import cycle.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from salescli.labels import english, header, known_name
from salescli.messages import translate
from salescli.output.formats import NUMERIC, shown
from salescli.output.model import Table
from salescli.output.safe import unique_names


def plain(value: Any) -> Any:
    """A cell as a JSON-ready Python value: NaN and NaT become None, dates ISO text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (pd.Timestamp, datetime)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return plain(value.item())
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return value
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    return [
        {c: plain(v) for c, v in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def cell_text(text: str, lang: str) -> str:
    """A text cell as people read it: in Chinese, as messages.translate has it; in English, a
    cell that is a code (or a list of codes: `churn_rate, expense_ratio`) in plain words, any
    other text as it is."""
    if lang == "zh":
        return translate(text, lang)
    if not isinstance(text, str) or not text:
        return text
    if known_name(text):
        return english(text)
    for separator in ("; ", ", "):
        parts = text.split(separator)
        if len(parts) > 1 and all(known_name(p) for p in parts):
            return separator.join(english(p) for p in parts)
    return text


def display_cells(table: Table, lang: str) -> list[list[str]]:
    """The table's cells as people read them, row by row, each formatted by its kind."""
    columns = [
        [
            cell_text(shown(v, k, lang), lang) if k == "text" else shown(v, k, lang)
            for v, k in zip(table.frame[c].tolist(), table.cell_kinds(c), strict=True)
        ]
        for c in table.frame.columns
    ]
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def numeric_columns(table: Table) -> list[bool]:
    """Which columns are figures (right-aligned)."""
    return [table.kind(str(c)) in (*NUMERIC, "row") for c in table.frame.columns]


def display_frame(table: Table, lang: str) -> pd.DataFrame:
    headers = unique_names([header(str(c), lang) for c in table.frame.columns], str)
    return pd.DataFrame(display_cells(table, lang), columns=headers)
