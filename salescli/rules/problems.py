"""Problems the duty tables' rules find (feedback, order changes), as rows of `salescli check`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salescli.problems import Found, problem
from salescli.rules.records import MESSAGE_COLUMNS, PROBLEM_COLUMNS, said


def problem_rows(
    frame: pd.DataFrame,
    mask: pd.Series | np.ndarray,
    table: str,
    column: str,
    found: Found,
) -> pd.DataFrame:
    """One problem per flagged row, where the user will find it (file, sheet, row, value)."""
    mask = np.asarray(mask, dtype=bool)
    part = frame.loc[mask]
    values = part[column] if column in part else pd.Series(pd.NA, index=part.index)
    out = pd.DataFrame(
        {
            "table": table,
            "file": part.get("_file"),
            "sheet": part.get("_sheet"),
            "row": part.get("_row"),
            "column": column,
            "value": [_shown(v) for v in values],
            **{k: v for k, v in said(found).items() if k not in MESSAGE_COLUMNS},
        },
        index=part.index,
        columns=PROBLEM_COLUMNS,
    )
    for name in MESSAGE_COLUMNS:  # kept as message ids, not turned into text
        out[name] = pd.Series([said(found)[name]] * len(out), index=out.index, dtype=object)
    return out.astype({"row": "Int64"}).reset_index(drop=True)


def combined(parts: list[pd.DataFrame]) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=PROBLEM_COLUMNS).astype({"row": "Int64"})
    return pd.concat(parts, ignore_index=True)


def _shown(value: object) -> str | None:
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def duplicated_ids(frame: pd.DataFrame, table: str, column: str) -> pd.DataFrame:
    """Every row of an id that appears twice: it would be counted twice."""
    twice = frame[column].notna() & frame[column].duplicated(keep=False)
    return problem_rows(frame, twice, table, column, problem("duplicate-id", column=column))
