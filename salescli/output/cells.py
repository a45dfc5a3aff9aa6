"""Cells as the writers show them: JSON-ready values for machines, formatted text for people.

Every writer imports these from here (none imports another writer's module for them), so the
output layer has no import cycle.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd

from salescli.i18n import Msg, _
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


# The columns whose values are salescli's own words (outcomes, moves, severities, honours, the
# names of figures and columns) or its own sentences: only their cells are translated. Any
# other text cell is data (a rep, a customer, a product) and is shown as it is, in every
# language: a rep named "open" stays "open". (#25: the column catalogue's `words` replaces it.)
WORD_COLUMNS = frozenset(
    {
        "outcome",  # won, lost, open
        "move",  # up, down, same, new
        "from",  # a class move's class before, or new
        "severity",  # error, warning
        "status",  # an adjustment's applied or rejected
        "change_type",  # an order change's cancel, price, quantity…
        "honours",  # sales_champion; promotion_candidate
        "dimension",  # a contribution's rep, region, category
        "how",  # how check read a header: alias, mapping, ignored
        "missing",  # an adjustment's missing parts
        "missing_fields",  # a visit record's empty fields
        "figure",  # a summary's figure: amount, churn_rate
        "column",  # a canonical column named by check
        "value_text",  # an explanation's value when it is a name
        "group",  # a scorecard's indicator group
        "indicator",  # a scorecard's indicator
        "item",  # a scorecard's summary item
        "training_needs",  # an appraisal's indicators to train: churn_rate, conversion_rate
        "table",  # a table named by check: customers, orders
        # sentences made by the rules, still translated from their English
        "definition",
        "formula",
        "problem",
        "hint",
        "adjusted_by",
    }
)

# salescli's own words as cells hold them, each with its Chinese in output.po
WORDS: dict[str, Msg] = {
    str(word): word
    for word in (
        _("won"),
        _("lost"),
        _("open"),
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
        _("cancel"),
        _("alias"),
        _("mapping"),
        _("ignored"),
        _("unused"),
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


def cell_text(text: str, lang: str, column: str | None = None) -> str:
    """A text cell as people read it. In a column of salescli's words (`WORD_COLUMNS`; a cell
    whose column is not known counts as one) a word or a code (or a list of them: `churn_rate,
    expense_ratio`) is shown in plain words of `lang`; in any other column the cell is data and
    is shown as it is, except salescli's own markers (`(no rep)`)."""
    if not isinstance(text, str) or not text:
        return text
    if text in MARKERS:
        return MARKERS[text].render(lang)
    if column is not None and str(column) not in WORD_COLUMNS:
        return text
    return _words(text, lang)


def _words(text: str, lang: str) -> str:
    if known_name(text) and lang != "zh":
        return english(text)  # a code in plain words: won as Won, churn_rate as Churn rate
    if text in WORDS:
        return WORDS[text].render(lang)
    for separator in ("; ", ", "):
        parts = text.split(separator)
        if len(parts) > 1 and all(p in WORDS or known_name(p) or p.isidentifier() for p in parts):
            joined = "；" if separator == "; " else "、"
            return (joined if lang == "zh" else separator).join(_words(p, lang) for p in parts)
    return translate(text, lang)  # a rule's sentence, until it is made as an id


def display_cells(table: Table, lang: str) -> list[list[str]]:
    """The table's cells as people read them, row by row, each formatted by its kind."""
    columns = [
        [
            cell_text(shown(v, k, lang), lang, c) if k == "text" else shown(v, k, lang)
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
