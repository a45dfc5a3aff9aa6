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
    title: str
    title_zh: str
    notes: tuple[str, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)  # see salescli/output/model.py


def change(now: float, before: float) -> float:
    """The relative change from `before` to `now` (环比/同比), NaN when there is no base."""
    if pd.isna(now) or pd.isna(before) or before == 0:
        return np.nan
    return round(now / before - 1, 6)
