"""What a command hands to the output layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import pandas as pd

if TYPE_CHECKING:
    from salescli.periods import Period


@dataclass
class Table:
    """One named table (a sheet in xlsx, a section in html, a file in a folder of csv)."""

    name: str
    frame: pd.DataFrame
    title: str = ""
    title_zh: str = ""
    notes: list[str] = field(default_factory=list)
    aside: bool = False  # a summary: on a terminal it goes to stderr, after the data

    def heading(self, lang: str) -> str:
        if lang == "zh" and self.title_zh:
            return self.title_zh
        return self.title or self.name


@dataclass
class Chart:
    """A chart over one table: categories from one column, one series per value column."""

    kind: Literal["bar", "line"]
    title: str
    table: str
    category: str
    series: list[str]
    title_zh: str = ""
    percent: bool = False


@dataclass
class Output:
    title: str
    tables: list[Table]
    charts: list[Chart] = field(default_factory=list)
    title_zh: str = ""
    notes: list[str] = field(default_factory=list)
    command: str = ""  # the command that made it: names its tables in the data dictionary
    period: Period | None = None  # the period of the run: the `period` column of every table

    def table(self, name: str) -> Table:
        for table in self.tables:
            if table.name == name:
                return table
        raise KeyError(name)

    def heading(self, lang: str) -> str:
        return self.title_zh if lang == "zh" and self.title_zh else self.title
