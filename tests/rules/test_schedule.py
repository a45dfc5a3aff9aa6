"""Which job comes due on which working day (POLICY.md 2.1.2, 2.3, 4.3, 5.2)."""

from datetime import date

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
