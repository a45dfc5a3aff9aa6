from datetime import date

import pytest

from salescli.errors import ConfigError, UsageError
from salescli.periods import WorkCalendar, parse_period, weeks_of_month


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2024", "year", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024Q2", "quarter", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024q4", "quarter", date(2024, 10, 1), date(2024, 12, 31)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-W19", "week", date(2024, 5, 6), date(2024, 5, 12)),
        ("2025-W01", "week", date(2024, 12, 30), date(2025, 1, 5)),  # week 1 starts in 2024
    ],
)
def test_parse_period(text: str, kind: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize(
    "text", ["2024-13", "24Q2", "2024Q5", "May 2024", "2024-W54", "", "2024/05"]
)
def test_bad_periods_name_the_accepted_forms(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_period(text)
    assert "2024Q2" in (caught.value.hint or "")


def test_kinds_can_be_restricted() -> None:
    with pytest.raises(UsageError, match="not a period"):
        parse_period("2024-05", ("quarter",))


def test_previous_and_same_period_last_year_across_year_boundaries() -> None:
    assert parse_period("2024-01").previous().label == "2023-12"
    assert parse_period("2024Q1").previous().label == "2023Q4"
    assert parse_period("2024Q1").same_last_year().label == "2023Q1"
    assert parse_period("2025-W01").previous().label == "2024-W52"
    assert parse_period("2021-W10").same_last_year().label == "2020-W10"
    assert parse_period("2020-W53").same_last_year().label == "2019-W52"


def test_weeks_belong_to_the_month_holding_their_thursday() -> None:
    labels = [w.label for w in weeks_of_month(parse_period("2024-05"))]
    assert labels == ["2024-W18", "2024-W19", "2024-W20", "2024-W21", "2024-W22"]
    # 2024-W18 runs Apr 29..May 5: its Thursday is May 2, so it is May's, not April's
    assert "2024-W18" not in [w.label for w in weeks_of_month(parse_period("2024-04"))]


def test_cn_calendar_knows_holidays_and_make_up_days() -> None:
    calendar = WorkCalendar("cn")
    assert not calendar.is_workday(date(2024, 10, 1))  # National Day
    assert calendar.is_workday(date(2024, 9, 29))  # a Sunday made a working day
    assert WorkCalendar("weekdays").is_workday(date(2024, 10, 1))


def test_user_holidays_and_workdays_override_and_extend() -> None:
    calendar = WorkCalendar("cn", frozenset({date(2024, 5, 6)}), frozenset({date(2027, 1, 4)}))
    assert not calendar.is_workday(date(2024, 5, 6))
    assert calendar.is_workday(date(2027, 1, 4))


def test_unknown_year_suggests_weekdays() -> None:
    with pytest.raises(ConfigError) as caught:
        WorkCalendar("cn").is_workday(date(2099, 1, 5))
    assert 'calendar = "weekdays"' in (caught.value.hint or "")
