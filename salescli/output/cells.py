"""Cells as the writers show them: JSON-ready values for machines, formatted text for people.

Every writer imports these from here (none imports another writer's module for them), so the
output layer has no import cycle.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from salescli.i18n import Msg, _
from salescli.labels import header, known_name, label
from salescli.output.formats import NUMERIC, shown
from salescli.output.model import Table
from salescli.output.safe import unique_names
from salescli.rules.columns import CATALOGUE
from salescli.schema import TABLES


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


# salescli's own words as the cells of its words columns hold them (outcomes, moves,
# severities, decisions, how check read a header), each an id with its Chinese in cells.po.
# A column holds such words when the column catalogue declares it `words`
# (salescli.rules.columns); a cell that is a canonical name (a figure, a table, an indicator,
# an honour) is shown by its label instead.
WORDS: dict[str, Msg] = {
    str(word): word
    for word in (
        _("won"),
        _("lost"),
        _("open"),
        _("void"),  # an opportunity voided in its CRM (无效): neither open nor closed
        _("new"),
        _("same"),
        _("up"),
        _("down"),
        _("error"),
        _("warning"),
        _("yes"),
        _("no"),
        _("applied"),
        _("rejected"),
        _("approved"),
        _("pending"),
        _("cancel"),
        _("quantity"),  # an order change's type: 数量, where the figure's label is 销量
        _("customer"),  # a contribution's dimension (one rep's week by customer)
        _("alias"),
        _("mapping"),
        _("ignored"),
        _("unused"),
        # a header's role (salescli map)
        _("used"),
        _("aside"),
        _("harmless"),
        _("concern"),
        _("unknown"),
    )
}

# the markers salescli writes into a data column where the data has no value (a line without
# a rep, a total row): translated in any column, no name in an export looks like them
MARKERS: dict[str, Msg] = {
    str(marker): marker
    for marker in (
        _("(no rep)"),
        _("(no handler)"),
        _("(unassigned) 未分配"),
        _("(blank) 未填写"),
        _("合计 total"),
    )
}


def holds_words(column: str) -> bool:
    """Whether a column's text cells are salescli's own words (the catalogue's `words`)."""
    declared = CATALOGUE.get(str(column))
    return declared is not None and declared.words


def cell_text(text: str, lang: str, column: str) -> str:
    """A text cell of `column` as people read it. A message (an id with its parameters) is
    said in `lang`; in a column of salescli's words (`holds_words`) a word or a canonical
    name (or a list of them: `churn_rate, expense_ratio`) is shown in plain words of `lang`;
    in any other column the cell is data and is shown as it is, except salescli's own
    markers (`(no rep)`)."""
    if not isinstance(text, str) or not text:
        return text
    if isinstance(text, Msg):
        return text.render(lang)
    if text in MARKERS:
        return MARKERS[text].render(lang)
    column = str(column)
    if column == "table" and text in TABLES:  # an input table by its name, not a figure's
        return TABLES[text].zh if lang == "zh" else text
    if holds_words(column):
        return _words(text, lang) or text  # a value that is not salescli's: as written
    return text


def _words(text: str, lang: str) -> str | None:
    """A word, a canonical name or a list of them in `lang`; None when `text` is none."""
    if text in WORDS and (lang == "zh" or not known_name(text)):
        return WORDS[text].render(lang)
    if known_name(text):
        return label(text, lang)  # a code in plain words: churn_rate as Churn rate
    for separator in ("; ", ", "):
        parts = text.split(separator)
        if len(parts) > 1 and all(p in WORDS or known_name(p) or p.isidentifier() for p in parts):
            joined = "；" if separator == "; " else "、"
            return (joined if lang == "zh" else separator).join(_words(p, lang) or p for p in parts)
    return None


def display_cells(table: Table, lang: str) -> list[list[str]]:
    """The table's cells as people read them, row by row, each formatted by its kind."""
    columns = [
        [
            cell_text(shown(v, k, lang), lang, c) if k == "text" else shown(v, k, lang, b)
            for v, k, b in zip(
                table.frame[c].tolist(), table.cell_kinds(c), table.cell_limits(c), strict=True
            )
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
