"""Chapter 5.2 · a rep's scorecard (考核评分表): each indicator of the registry
(`indicators.INDICATORS`) with its value, goal, score and effective weight in the final score.
The printed pages and the workbook are made from it by `output/scorecards.py`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from salescli.config import Policy
from salescli.rules import indicators
from salescli.rules.appraisal import QUARTER_SCORES, quarter_weights

SCORECARD_COLUMNS = ["group", "indicator", "value", "goal", "score", "weight"]


def scorecard(row: pd.Series, policy: Policy, kind: str) -> pd.DataFrame:
    """One rep's indicators with value, goal, score and effective weight in the final score."""
    rows: list[tuple[object, ...]]
    if kind == "year":
        weights = quarter_weights(row)
        rows = [
            ("quarters", name, row[name], None, row[name], weights.get(name))
            for name in QUARTER_SCORES
        ]
        return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)
    shown = _shown(kind)
    present = {
        group.name: [i for i in listed if pd.notna(_score_of(row, i))]
        for group, listed in shown.items()
    }
    total = sum(group.weight_of(policy) for group, listed in shown.items() if present[group.name])
    share = policy.scoring.weight_quantitative if pd.notna(row.get("qualitative_score")) else 1.0
    rows = []
    for group, listed in shown.items():
        for indicator in listed:
            score = _score_of(row, indicator)
            weight = (
                group.weight_of(policy) / total / len(present[group.name]) * share
                if pd.notna(score) and total
                else None
            )
            goal = indicator.goal_of(policy)
            rows.append((group.name, indicator.name, row.get(indicator.name), goal, score, weight))
    if kind == "quarter":
        rows.append(
            (
                "qualitative",
                "qualitative_score",
                row.get("qualitative_score"),
                None,
                row.get("qualitative_score"),
                1 - share if pd.notna(row.get("qualitative_score")) else None,
            )
        )
    return pd.DataFrame(rows, columns=SCORECARD_COLUMNS)


def _shown(kind: str) -> dict[indicators.Group, list[indicators.Indicator]]:
    """The groups a month's or a quarter's card lists, each with its indicators. The sales
    performance group is scored as one (its score is the weighted mean of its attainments):
    the card shows it as its first indicator, the amount's attainment, with the group's score."""
    out = {}
    for group in indicators.groups():
        listed = indicators.of(group.name)
        if group.name == "performance":
            out[group] = listed[:1]
        elif kind == "quarter":
            out[group] = listed
    return out


def _score_of(row: pd.Series, indicator: indicators.Indicator) -> float:
    if indicator.group == "performance":
        return row.get("performance_score", np.nan)
    return row.get(f"{indicator.name}_score", np.nan)
