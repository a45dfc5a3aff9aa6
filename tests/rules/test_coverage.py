"""What a table covers, and which periods lie inside it (issue #13)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from salescli.periods import WorkCalendar, month, parse_period, quarter, year
from salescli.rules.coverage import (
    Coverage,
    coverage,
    covered_periods,
    days_missing,
    target_coverage,
    targets_for,
)


def orders(*days: str) -> pd.DataFrame:
    return pd.DataFrame({"order_date": pd.to_datetime(list(days))})


def test_coverage_spans_the_first_and_last_dated_row() -> None:
    covered = coverage(orders("2024-05-20", "2023-01-03", "2024-01-10"))
    assert covered == Coverage(date(2023, 1, 3), date(2024, 5, 20))
    assert str(covered) == "2023-01-03..2024-05-20"
    assert covered.reaches(month(2024, 5)) and not covered.reaches(quarter(2026, 1))
    assert covered.ends_inside(month(2024, 5)) and not covered.ends_inside(month(2024, 4))
    assert coverage(orders()).first is None and not coverage(None).reaches(year(2024))


def test_days_missing_counts_calendar_days_but_ignores_a_closing_weekend() -> None:
    weekdays = WorkCalendar("weekdays", frozenset(), frozenset())
    stale = coverage(orders("2024-05-02", "2024-05-20"))
    assert days_missing(stale, month(2024, 5), weekdays) == 11
    friday = coverage(orders("2024-06-03", "2024-06-28"))
    assert days_missing(friday, month(2024, 6), weekdays) == 0
    assert days_missing(friday, month(2024, 6)) == 2


def test_covered_periods_are_the_quarters_the_orders_reach_to_their_end() -> None:
    covered = coverage(orders("2024-01-02", "2024-08-31"))
    quarters = [parse_period(f"2024Q{q}") for q in range(1, 5)]
    assert [p.label for p in covered_periods(covered, quarters)] == ["2024Q1", "2024Q2"]


def test_targets_for_a_period_are_its_own_rows_or_its_months() -> None:
    targets = pd.DataFrame({"rep": ["a", "a", "b"], "period": ["2024-01", "2024-02", "2024Q3"]})
    assert len(targets_for(targets, quarter(2024, 1))) == 2
    assert len(targets_for(targets, quarter(2024, 3))) == 1
    assert targets_for(targets, month(2026, 1)) is None
    assert targets_for(None, month(2024, 1)) is None
    assert target_coverage(targets) == "2024-01..2024-09"
