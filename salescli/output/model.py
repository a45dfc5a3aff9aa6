"""What a command hands to the output layer.

Column kinds
------------
Every column of a `Table` has a *kind*, and the writers format from it: `count` as `#,##0`,
`money` as `#,##0.00`, `quantity` as `#,##0` (or `#,##0.00` when a value has decimals),
`decimal` as `#,##0.00`, `ratio` as `0.0%`, `score` as `0.0`, `date` as `yyyy-mm-dd`; `text`
and `id` are written as they are. Machine formats (csv, json, jsonl, parquet) ignore kinds and
keep plain numbers.

A column's kind comes from, in this order:

1. `Table(kinds={"column": "count", ...})`: what the rule or command that made the table says.
   Use it for columns whose names are data (the class-move matrix's `A`/`B`/`C`, a market
   table's `<competitor>_amount`, a pivot's months) and for "row" columns.
2. The column catalogue, `salescli.rules.columns` (one declaration per column: its type, kind,
   decimals, labels and meaning). A new column is declared there once; a snake_case column
   no rule declared is an error (`UndeclaredColumn`), in every writer.
3. For a column named by the data with no kind from its table: dates are `date`, strings and
   booleans `text`.

A numeric column named by the data with no kind is an error when `SALESCLI_STRICT_KINDS=1`
(the tests set it, so nothing falls back silently); otherwise it is shown as a plain number.

A table that mixes kinds by row (the report's summary: amount, margin, orders… one per row)
declares those columns `"row"` and names the column holding each row's canonical figure in
`row_key`: each cell then takes the kind of its row's figure, from `row_kinds` or the catalogue.
Example, from a rule adding a section::

    Table("feedback", frame, _("Feedback"),
          kinds={"complaints": "count", "resolved_rate": "ratio"})
"""

from __future__ import annotations

import os
from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Literal

import pandas as pd

from salescli.i18n import _, render
from salescli.labels import Kind, declared_kind, is_code
from salescli.rules.columns import UndeclaredColumn


class UnknownKind(ValueError):
    """A numeric column (or a row figure) nobody declared a kind for."""


def strict_kinds() -> bool:
    return os.environ.get("SALESCLI_STRICT_KINDS") == "1"


if TYPE_CHECKING:
    from salescli.periods import Period


@dataclass
class Table:
    """One named table (a sheet in xlsx, a section in html, a file in a folder of csv)."""

    name: str
    frame: pd.DataFrame
    title: str = ""  # a message (salescli.i18n._): said in the output's language
    notes: list[str] = field(default_factory=list)
    _options: KW_ONLY
    aside: bool = False  # a summary: on a terminal it goes to stderr, after the data
    kinds: dict[str, Kind] = field(default_factory=dict)
    row_key: str | None = None  # the column naming each row's figure, for "row" columns
    row_kinds: dict[str, Kind] = field(default_factory=dict)
    # a long list on a printed page (HTML) shows its first `print_rows` rows by `print_sort`
    # (largest first) and says how many more the other formats hold
    print_rows: int | None = None
    print_sort: str | None = None
    # with `print_group`, each group of rows keeps its `print_rows` largest by |print_sort| and
    # sums the rest into one row (for tables whose figures add up, as contributions do)
    print_group: str | None = None
    # a per-rep table whose rows of nothing but zeros the printed page names in one line
    print_zero: bool = False
    # the limits a ratio column (or a "row" figure) is compared with by the rules (the bonus
    # floor, 100 %): its cells are shown on their side of each (59.996 %, never 60.0 %, by a
    # 60 % floor), in every format a person reads (salescli.rounding.percent)
    limits: dict[str, tuple[float, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.notes, str):  # a Chinese title where the notes now stand
            raise TypeError(f"table {self.name}: notes are a list, not {self.notes!r}")

    def heading(self, lang: str) -> str:
        return render(self.title, lang) if self.title else self.name

    def kind(self, column: str) -> Kind:
        """The kind of a column ("row" when each row says its own)."""
        column = str(column)
        if column in self.kinds:
            return self.kinds[column]
        series = self.frame[column] if column in self.frame.columns else None
        if series is not None and pd.api.types.is_datetime64_any_dtype(series):
            return "date"
        declared = declared_kind(column)
        if declared is not None:
            return declared
        if is_code(column):  # a name of salescli's, not of the data
            raise UndeclaredColumn(column)
        if series is None or not _numeric(series):
            return "text"
        if strict_kinds():
            raise UnknownKind(f"table {self.name}: no kind declared for column {column!r}")
        return "decimal"

    def row_kind(self, figure: object) -> Kind:
        """The kind of a "row" cell whose row names `figure`."""
        key = str(figure)
        kind = self.row_kinds.get(key) or declared_kind(key)
        if kind is None or kind == "row":
            if strict_kinds():
                raise UnknownKind(f"table {self.name}: no kind declared for figure {key!r}")
            return "decimal"
        return kind

    def cell_kinds(self, column: str) -> list[Kind]:
        """The kind of each cell of a column, top to bottom."""
        kind = self.kind(column)
        if kind != "row":
            return [kind] * len(self.frame)
        if self.row_key is None:
            raise UnknownKind(f"table {self.name}: column {column!r} is 'row' but no row_key")
        return [self.row_kind(v) for v in self.frame[self.row_key].tolist()]

    def cell_limits(self, column: str) -> list[tuple[float, ...]]:
        """The limits of each cell of a column, top to bottom: the column's, or in a "row"
        column each row's figure's."""
        if self.kind(column) != "row" or self.row_key is None:
            return [self.limits.get(str(column), ())] * len(self.frame)
        return [self.limits.get(str(v), ()) for v in self.frame[self.row_key].tolist()]

    def note_lines(self, lang: str) -> list[str]:
        from salescli.i18n import render

        return [render(note, lang) for note in self.notes]


def _numeric(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series):
        return False
    if pd.api.types.is_numeric_dtype(series):
        return True
    if series.dtype == object:
        values = series.dropna()
        return len(values) > 0 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in values
        )
    return False


@dataclass
class Chart:
    """A chart over one table: categories from one column, one series per value column.

    `target` names a column (or `target_value` a figure) drawn as a target line; `sort` orders
    the bars by the first series, largest first. With more than `top` categories, a ratio
    chart (`percent`) draws every category as a horizontal bar; an amount chart draws the
    first `top - 1` and the rest summed."""

    kind: Literal["bar", "line"]
    title: str
    table: str
    category: str
    series: list[str]
    _options: KW_ONLY
    percent: bool = False
    target: str | None = None
    target_value: float | None = None
    sort: bool = False
    top: int = 15


@dataclass
class Output:
    title: str
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)
    _options: KW_ONLY
    notes: list[str] = field(default_factory=list)
    command: str = ""  # the command that made it: names its tables in the data dictionary
    period: Period | None = None  # the period of the run: the `period` column of every table
    workspace: str = ""  # the workspace it was made from, named in every title line

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def heading(self, lang: str) -> str:
        return render(self.title, lang)

    def title_line(self, lang: str, table: Table | None = None) -> str:
        """What a sheet or page shows above its table: the output, the table, the period and
        the workspace (`Monthly sales report 2024-05 · By rep · workspace: demo`)."""
        parts = [self.heading(lang)]
        if table is not None and table.heading(lang) not in parts[0]:
            parts.append(table.heading(lang))
        if self.period is not None and not any(self.period.label in p for p in parts):
            parts.append(render(_("period {period}", period=self.period.label), lang))
        if self.workspace:
            parts.append(render(_("workspace: {workspace}", workspace=self.workspace), lang))
        return " · ".join(p for p in parts if p)

    def note_lines(self, lang: str) -> list[str]:
        """The output's notes and every table's, as one closing list, in the language asked; a
        note two tables share (where their classes come from) is said once."""
        from salescli.i18n import render

        notes = [n for t in self.tables for n in t.notes] + self.notes
        return list(dict.fromkeys(render(note, lang) for note in notes))  # each note once
