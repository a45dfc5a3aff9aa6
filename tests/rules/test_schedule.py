"""Which job comes due on which working day (POLICY.md 2.1.2, 2.3, 4.3, 5.2)."""

from datetime import date, timedelta

from salescli.periods import WorkCalendar
from salescli.rules.schedule import JOB_KINDS, due_jobs

EVERY = {kind.name for kind in JOB_KINDS}


def keys(calendar: WorkCalendar, first: date, last: date) -> list[str]:
    return [f"{d.due_on} {d.key}" for d in due_jobs(calendar, first, last, EVERY)]


def test_the_national_day_week_moves_octobers_jobs_to_the_8th() -> None:
    # 1-7 October 2024 are holidays; Sunday 29 September was a make-up working day
    assert keys(WorkCalendar("cn"), date(2024, 9, 29), date(2024, 10, 9)) == [
        "2024-09-30 weekly-report 2024-W39",
        "2024-10-08 weekly-report 2024-W40",
        "2024-10-08 classify 2024Q3",
        "2024-10-08 monthly-report 2024-09",
        "2024-10-08 monthly-appraisal 2024-09",
        "2024-10-08 visit-audit 2024-09",
        "2024-10-08 visit-plan 2024-10",
        "2024-10-08 quarterly-report 2024Q3",
        "2024-10-08 quarterly-appraisal 2024Q3",
    ]


def test_with_weekdays_the_1st_of_october_is_the_day() -> None:
    due = keys(WorkCalendar("weekdays"), date(2024, 10, 1), date(2024, 10, 1))
    assert due[0] == "2024-10-01 classify 2024Q3" and len(due) == 7  # Tuesday: not a week's first


def test_only_switched_on_jobs_and_nothing_on_other_days() -> None:
    calendar = WorkCalendar("cn")
    assert due_jobs(calendar, date(2024, 10, 9), date(2024, 10, 11), EVERY) == []
    only = due_jobs(calendar, date(2025, 1, 1), date(2025, 1, 6), {"yearly-appraisal"})
    assert [(d.due_on, d.key) for d in only] == [(date(2025, 1, 2), "yearly-appraisal 2024")]


def test_a_months_visit_audit_waits_for_its_last_visit_week_to_end() -> None:
    """October 2024's last visit week is W44 (its Thursday the 31st), Monday 28 October to
    Sunday 3 November: on Friday 1 November, the first working day of November, its windows
    are still open (a visit that day counts for October). The audit came due then and counted
    them missed; it now comes due on Monday 4 November, the first working day after W44. The
    month's other jobs stay on the 1st."""
    due = keys(WorkCalendar("cn"), date(2024, 11, 1), date(2024, 11, 4))
    assert [d for d in due if "visit-audit" in d] == ["2024-11-04 visit-audit 2024-10"]
    assert "2024-11-01 monthly-appraisal 2024-10" in due
    [audit] = due_jobs(WorkCalendar("cn"), date(2024, 11, 1), date(2024, 11, 4), {"visit-audit"})
    assert str(audit.reason) == (
        "last month's visit audit (2.3): 2024-11-04 is the first working day after 2024-W44, "
        "the last visit week of 2024-10"
    )
    # a month whose last visit week ends in it (November 2024: W48 ends Sunday 1 December):
    # the first working day of December, as before; here, independently, each month of two
    # years against the first working day after the Sunday of the week of its last Thursday
    calendar = WorkCalendar("cn")
    for month in range(24):
        year, number = 2024 + month // 12, month % 12 + 1
        last = date(year + number // 12, number % 12 + 1, 1) - timedelta(1)
        sunday = last - timedelta((last.weekday() - 3) % 7) + timedelta(3)
        first = max(sunday + timedelta(1), last + timedelta(1))
        while not calendar.is_workday(first):
            first += timedelta(1)
        found = due_jobs(calendar, first - timedelta(7), first + timedelta(7), {"visit-audit"})
        assert [d.due_on for d in found if d.period.label == f"{year}-{number:02d}"] == [first]
