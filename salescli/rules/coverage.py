"""What the exports cover: the dates a table reaches and whether a period lies inside them.

A figure for a period the orders do not reach is not zero, it is unknown. These functions say
which days (or target periods) a table covers, so a command can stop, or warn, before it
computes a figure from rows that were never exported. Pure functions: the commands decide what
to do with the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from salescli.i18n import Msg, _, n_
from salescli.periods import Period, WorkCalendar, parse_period


@dataclass(frozen=True)
class Coverage:
    """The first and last day a table's rows are dated, both included; None when no row has
    a date."""

    first: date | None
    last: date | None

    def __str__(self) -> str:
        return f"{self.first}..{self.last}" if self.first else "no dated rows"

    def reaches(self, period: Period) -> bool:
        """Whether any day of the period lies inside the covered days."""
        return (
            self.first is not None
            and self.last is not None
            and self.first <= period.end
            and self.last >= period.start
        )

    def ends_inside(self, period: Period) -> bool:
        """Whether the rows stop before the period's last day (a stale or partial export)."""
        return self.reaches(period) and self.last is not None and self.last < period.end

    def covered_part(self, period: Period) -> tuple[date, date] | None:
        """The days of the period the table covers, or None."""
        if self.first is None or self.last is None or not self.reaches(period):
            return None
        return max(period.start, self.first), min(period.end, self.last)


def covered_periods(covered: Coverage, periods: list[Period]) -> list[Period]:
    """Those of `periods` the table covers to their last day (e.g. the quarters of a year a
    yearly appraisal can score)."""
    return [p for p in periods if covered.reaches(p) and not covered.ends_inside(p)]


def coverage(frame: pd.DataFrame | None, column: str = "order_date") -> Coverage:
    """The days a table covers: its earliest and latest date in `column` (every row counts,
    cancelled orders too: they show how far the export reaches)."""
    if frame is None or column not in frame or not len(frame):
        return Coverage(None, None)
    dates = frame[column].dropna()
    if dates.empty:
        return Coverage(None, None)
    return Coverage(dates.min().date(), dates.max().date())


def days_missing(covered: Coverage, period: Period, calendar: WorkCalendar | None = None) -> int:
    """Days of the period after the table's last date (0 when it reaches the end). With a
    calendar, a period whose remaining days are all non-working (an export that ends on the
    Friday before a month's last weekend) counts as reached: 0."""
    if not covered.ends_inside(period):
        return 0
    assert covered.last is not None
    after = [covered.last + timedelta(n) for n in range(1, (period.end - covered.last).days + 1)]
    if calendar is not None and not any(_workday(calendar, day) for day in after):
        return 0
    return len(after)


def days_before(covered: Coverage, period: Period, calendar: WorkCalendar | None = None) -> int:
    """Days of the period before the table's first date (0 when it begins before the period
    does). With a calendar, days before it that are all non-working (a month that opens
    with the May holidays) count as covered: 0."""
    if covered.first is None or not covered.reaches(period) or covered.first <= period.start:
        return 0
    before = [period.start + timedelta(n) for n in range((covered.first - period.start).days)]
    if calendar is not None and not any(_workday(calendar, day) for day in before):
        return 0
    return len(before)


def late_start_message(table: str, covered: Coverage, period: Period, missing: int) -> Msg:
    """`orders begin 2024-05-10, 9 days after 2024-05 begins`."""
    return n_(
        "{table} begin {first}, {n} day after {period} begins",
        "{table} begin {first}, {n} days after {period} begins",
        missing,
        table=table,
        first=covered.first,
        period=str(period),
    )


def _workday(calendar: WorkCalendar, day: date) -> bool:
    from salescli.errors import ConfigError

    try:
        return calendar.is_workday(day)
    except ConfigError:  # a year the holiday data does not know: every day may count
        return True


def no_rows_message(rows: str, table: str, covered: Coverage, period: Period) -> Msg:
    """`no order lines in 2026Q1: orders cover 2023-01-03..2024-12-31` (`rows`: the rows
    as the sentence names them, "order lines" or "visits"; `table` is its name)."""
    said = {"period": str(period), "table": table}
    if covered.first is not None and rows == "order lines":
        return _(
            "no order lines in {period}: {table} cover {first}..{last}",
            first=covered.first,
            last=covered.last,
            **said,
        )
    if covered.first is not None and rows == "visits":
        return _(
            "no visits in {period}: {table} cover {first}..{last}",
            first=covered.first,
            last=covered.last,
            **said,
        )
    return _(
        "no {rows} in {period}: {table} cover {covered}",
        rows=ROWS.get(rows, rows),
        covered=str(covered) if covered.first is not None else _("no dated rows"),
        **said,
    )


# the rows of a table, as a sentence names them
ROWS = {"order lines": _("order lines"), "visits": _("visits")}


def partial_message(table: str, covered: Coverage, period: Period, missing: int) -> Msg:
    """`orders end 2024-05-20, 11 days before 2024-05 ends`."""
    return n_(
        "{table} end {last}, {n} day before {period} ends",
        "{table} end {last}, {n} days before {period} ends",
        missing,
        table=table,
        last=covered.last,
        period=str(period),
    )


def empty_months(
    frame: pd.DataFrame | None, period: Period, covered: Coverage, column: str = "order_date"
) -> list[Period]:
    """The months of the period that lie between the table's first and last day and hold
    none of its rows: a monthly export left out, whose figures would read as nothing sold
    rather than as unknown. A week is not checked (a week off is common)."""
    if period.kind == "week" or covered.first is None or covered.last is None:
        return []
    if frame is None or column not in frame:
        return []
    dates = frame[column].dropna()
    dates = dates[(dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))]
    held = set((dates.dt.year * 100 + dates.dt.month).unique().tolist())
    return [
        m
        for m in period.months()
        if covered.first < m.start
        and m.end < covered.last
        and m.start.year * 100 + m.start.month not in held
    ]


def empty_months_message(table: str, covered: Coverage, months: list[Period]) -> Msg:
    """`orders have no line in 2024-05, a month inside the days they cover (…)`."""
    return n_(
        "{table} have no line in {months}, a month inside the days they cover "
        "({first}..{last}): is an export missing? Its figures are those of a month without any",
        "{table} have no line in {months}, months inside the days they cover "
        "({first}..{last}): is an export missing? Their figures are those of months without any",
        len(months),
        table=table,
        months=", ".join(m.label for m in months),
        first=covered.first,
        last=covered.last,
    )


# --- targets ---------------------------------------------------------------------------------


def target_labels(period: Period) -> set[str]:
    """The target periods that set a period's target: the period itself or its months."""
    months = period.months() if period.kind != "week" else []
    return {period.label, *(m.label for m in months)}


def targets_for(targets: pd.DataFrame | None, period: Period) -> pd.DataFrame | None:
    """The target rows that set the period's target, or None when there are none."""
    if targets is None or "period" not in targets:
        return None
    rows = targets[targets["period"].isin(target_labels(period))]
    return rows if len(rows) else None


def target_coverage(targets: pd.DataFrame | None) -> str:
    """The months the target rows span, `2024-01..2024-12`; 'no rows' when none."""
    if targets is None or "period" not in targets:
        return _("no rows")
    spans = []
    for label in targets["period"].dropna().astype(str).unique():
        try:
            spans.append(parse_period(label))
        except Exception:  # a label the reader kept as text: it covers nothing we can name
            continue
    if not spans:
        return _("no rows")
    first = min(s.start for s in spans)
    last = max(s.end for s in spans)
    return f"{first:%Y-%m}..{last:%Y-%m}"


def reps_without_target(appraisal: pd.DataFrame) -> pd.DataFrame:
    """Appraised reps with sales in the period and no target (rep, amount), largest first."""
    if not {"rep", "amount", "target"} <= set(appraisal):
        return appraisal.iloc[0:0]
    rows = appraisal[(appraisal["amount"] > 0) & appraisal["target"].isna()]
    return rows[["rep", "amount"]].sort_values(["amount", "rep"], ascending=[False, True])
