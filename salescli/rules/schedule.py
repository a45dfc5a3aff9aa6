"""The policy as a calendar: which report, appraisal or plan comes due on which working day.

4.3.3 weekly rep reports, 4.3.4 the monthly manager report, 4.3.5 the quarterly pack, 5.2 the
monthly, quarterly and yearly appraisals, 2.1.2 the quarterly re-classification, 2.3 the monthly
visit plans and their audit. Each comes due on the first working day of the period after the one
it covers (the visit plan: of the month it plans), in the workspace's working-day calendar. The
visit audit waits for its month's last visit week (the ISO week of its last Thursday) to end: on
1 November 2024, October's W44 runs to the 3rd and a visit that Friday counts for October.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from salescli.i18n import Msg, _
from salescli.periods import Period, WorkCalendar, period_of

Cadence = Literal["week", "month", "quarter", "year"]


@dataclass(frozen=True)
class JobKind:
    name: str  # also the [run] switch (with - as _) and the output's file stem
    cadence: Cadence  # comes due on the first working day of each such period
    covers: Literal["previous", "current"]  # the period before that one, or that one
    title: Msg  # what `salescli run` lists it as
    # not before the period's last visit week has ended (a visit window is a whole ISO week)
    waits_for_visit_weeks: bool = False


# in the order they run on one day: the classification feeds the new month's visit plan
JOB_KINDS: tuple[JobKind, ...] = (
    JobKind("weekly-report", "week", "previous", _("last week's rep reports (4.3.3)")),
    JobKind("classify", "quarter", "previous", _("last quarter's classification (2.1.2)")),
    JobKind("monthly-report", "month", "previous", _("last month's manager report (4.3.4)")),
    JobKind("monthly-appraisal", "month", "previous", _("last month's appraisal (5.2)")),
    JobKind("visit-audit", "month", "previous", _("last month's visit audit (2.3)"), True),
    JobKind("visit-plan", "month", "current", _("the month's visit plan (2.3)")),
    JobKind("quarterly-report", "quarter", "previous", _("last quarter's analysis pack (4.3.5)")),
    JobKind("quarterly-appraisal", "quarter", "previous", _("last quarter's appraisal (5.2)")),
    JobKind("yearly-appraisal", "year", "previous", _("last year's appraisal (5.2)")),
)
KINDS_BY_NAME = {kind.name: kind for kind in JOB_KINDS}
ORDER = {kind.name: index for index, kind in enumerate(JOB_KINDS)}


@dataclass(frozen=True)
class Due:
    """One job for one period, and the working day it came due."""

    job: str
    period: Period
    due_on: date

    @property
    def key(self) -> str:
        return f"{self.job} {self.period.label}"

    @property
    def reason(self) -> Msg:
        kind = KINDS_BY_NAME[self.job]
        trigger = period_of(kind.cadence, self.due_on)
        if kind.waits_for_visit_weeks and self.due_on > trigger.start:
            last = last_visit_week(self.period)
            if self.due_on > last.end:
                return _(
                    "{title}: {day} is the first working day after {week}, the last visit "
                    "week of {period}",
                    title=kind.title,
                    day=self.due_on,
                    week=last.label,
                    period=self.period.label,
                )
        return _(
            "{title}: {day} is the first working day of {period}",
            title=kind.title,
            day=self.due_on,
            period=trigger.label,
        )

    def sort_key(self) -> tuple[date, int, date]:
        return (self.due_on, ORDER[self.job], self.period.start)


def due_jobs(calendar: WorkCalendar, first: date, last: date, jobs: set[str]) -> list[Due]:
    """Every job in `jobs` that comes due on a day from `first` to `last`, oldest first."""
    out = []
    day = first
    while day <= last:
        for kind in JOB_KINDS:
            if kind.name not in jobs or not calendar.is_workday(day):
                continue
            trigger = period_of(kind.cadence, day)
            period = trigger.previous() if kind.covers == "previous" else trigger
            start = trigger.start
            if kind.waits_for_visit_weeks:
                start = max(start, last_visit_week(period).end + timedelta(1))
            if day >= start and not any(calendar.is_workday(d) for d in _days(start, day)):
                out.append(Due(kind.name, period, day))
        day += timedelta(1)
    return sorted(out, key=Due.sort_key)


def last_visit_week(month: Period) -> Period:
    """The month's last visit week: the ISO week of its last Thursday (POLICY 2.3)."""
    thursday = month.end - timedelta((month.end.weekday() - 3) % 7)
    return period_of("week", thursday)


def _days(start: date, end: date) -> list[date]:
    """The days from `start` up to, not including, `end`."""
    return [start + timedelta(n) for n in range((end - start).days)]
