"""A report's section: a named table with its titles, notes and column kinds, shared by the
report's builders (reports.py) and the duties' sections (report_duties.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass
class Section:
    name: str
    frame: pd.DataFrame
    title: str  # a message (salescli.i18n._): said in the output's language
    notes: tuple[str, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)  # see salescli/output/model.py

    def __post_init__(self) -> None:
        if isinstance(self.notes, str):  # a Chinese title where the notes now stand
            raise TypeError(f"section {self.name}: notes are a tuple, not {self.notes!r}")


def change(now: float, before: float) -> float:
    """The relative change from `before` to `now` (环比/同比), NaN when there is no base."""
    if pd.isna(now) or pd.isna(before) or before == 0:
        return np.nan
    return round(now / before - 1, 6)


# a summary table: each figure this period, the previous one (环比) and a year earlier (同比),
# with the change of an amount or count as a relative change and of a ratio in points
COMPARISON_COLUMNS = [
    "figure",
    "current",
    "previous",
    "change",
    "change_pp",
    "last_year",
    "yoy",
    "yoy_pp",
]


def points(now: float, before: float) -> float:
    """The change of a ratio in percentage points (95.5 % after 101.0 %: -5.5), NaN when
    either is missing."""
    if pd.isna(now) or pd.isna(before):
        return np.nan
    return round((now - before) * 100, 6)


def comparison_row(
    name: str, now: float, previous: float, last_year: float, ratio: bool
) -> tuple[str, float, float, float, float, float, float, float]:
    """One row of a summary (COMPARISON_COLUMNS): a ratio (margin, attainment) changes in
    points (`change_pp`, `yoy_pp`), anything else relatively (`change`, `yoy`)."""
    if ratio:
        return (
            name,
            now,
            previous,
            np.nan,
            points(now, previous),
            last_year,
            np.nan,
            points(now, last_year),
        )
    return (
        name,
        now,
        previous,
        change(now, previous),
        np.nan,
        last_year,
        change(now, last_year),
        np.nan,
    )
