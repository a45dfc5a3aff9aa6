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
    "text", ["2024-13", "24Q2", "2024Q5", "May 2024", "2024-W54", "", "2024/13", "last"]
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


def test_a_year_no_package_knows_suggests_weekdays() -> None:
    with pytest.raises(ConfigError) as caught:
        WorkCalendar("cn").is_workday(date(2101, 1, 5))
    assert 'calendar = "weekdays"' in (caught.value.hint or "")


# --- #15: the forms people and cron jobs write ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        ("2024/05", "month", "2024-05"),
        ("2024/5", "month", "2024-05"),
        ("2024年5月", "month", "2024-05"),
        ("2024年第2季度", "quarter", "2024Q2"),
        ("2024年第二季度", "quarter", "2024Q2"),
        ("2024年第19周", "week", "2024-W19"),
        ("2024-05-06", "week", "2024-W19"),  # a Monday
        ("2024-05-12", "week", "2024-W19"),  # the Sunday of the same ISO week
        ("2024-12-30", "week", "2025-W01"),  # ISO week 1 of 2025 starts in 2024
        ("2024年", "year", "2024"),
    ],
)
def test_new_period_forms(text: str, kind: str, label: str) -> None:
    period = parse_period(text, (kind,))  # type: ignore[arg-type]
    assert (period.kind, period.label) == (kind, label)


def test_a_day_is_a_week_only_where_a_week_is_asked_for() -> None:
    with pytest.raises(UsageError) as caught:
        parse_period("2024-05-06", ("month",))
    assert "2024/05" in (caught.value.hint or "")  # the error lists the accepted forms
    with pytest.raises(UsageError, match="not a day"):
        parse_period("2024-02-30", ("week",))
    with pytest.raises(UsageError, match="no ISO week 53"):
        parse_period("2024年第53周", ("week",))


@pytest.mark.parametrize(
    ("kind", "word", "today", "label"),
    [
        ("month", "last", date(2024, 3, 31), "2024-02"),  # the 31st: `date -d 'last month'` fails
        ("month", "this", date(2024, 3, 31), "2024-03"),
        ("month", "last", date(2024, 1, 15), "2023-12"),
        ("week", "last", date(2025, 1, 1), "2024-W52"),
        ("week", "this", date(2025, 1, 1), "2025-W01"),
        ("quarter", "last", date(2024, 1, 2), "2023Q4"),
        ("quarter", "this", date(2024, 5, 20), "2024Q2"),
        ("year", "last", date(2024, 1, 1), "2023"),
        ("year", "this", date(2024, 12, 31), "2024"),
    ],
)
def test_relative_periods_count_from_today(kind: str, word: str, today: date, label: str) -> None:
    assert parse_period(word, (kind,), today).label == label  # type: ignore[arg-type]
    assert parse_period(word.upper(), (kind,), today).label == label  # type: ignore[arg-type]


def test_a_year_chinese_calendar_does_not_know_uses_the_holidays_package_and_says_so() -> None:
    told: list[str] = []
    calendar = WorkCalendar("cn", on_assumed=told.append)
    assert not calendar.is_workday(date(2027, 1, 1))  # New Year's Day, from `holidays`
    assert not calendar.is_workday(date(2027, 2, 8))  # Spring Festival, a Monday
    assert calendar.is_workday(date(2027, 1, 4))
    assert not calendar.is_workday(date(2027, 1, 2))  # a Saturday: make-up days unknown
    assert calendar.is_workday(date(2026, 12, 31))  # chinese-calendar still answers 2026
    assert len(told) == 1  # once per year
    assert "2027" in told[0] and "statutory days" in told[0]
    # the days assumed off are named, runs of days as ranges
    assert "(2027-01-01, 2027-02-05..2027-02-10, 2027-04-05," in told[0]
    assert "make-up working days unknown" in told[0]


def test_user_lists_leave_only_what_is_still_assumed_in_the_warning() -> None:
    told: list[str] = []
    only_days_off = WorkCalendar("cn", frozenset({date(2027, 1, 1)}), on_assumed=told.append)
    assert only_days_off.is_workday(date(2027, 1, 4))
    assert "statutory days" not in told[0] and "make-up working days unknown" in told[0]
    told.clear()
    both = WorkCalendar(
        "cn", frozenset({date(2027, 1, 1)}), frozenset({date(2027, 2, 20)}), told.append
    )
    assert both.is_workday(date(2027, 2, 20))  # a Saturday the user made a working day
    assert not both.is_workday(date(2027, 2, 8))  # the package's Spring Festival still counts
    assert told == []


def test_a_period_that_cannot_be_read_says_the_accepted_forms_in_the_language_asked():
    from salescli.i18n import render

    with pytest.raises(UsageError) as raised:
        parse_period("2024-02-31", ("week",))
    assert raised.value.message == "not a day: '2024-02-31'"
    assert raised.value.hint == (
        "accepted forms: 2024-W19, 2024年第19周 or a day such as 2024-05-06 (ISO week); "
        "or last / this"
    )
    assert render(raised.value.hint, "zh") == (
        "可用的写法：2024-W19、2024年第19周 或 2024-05-06 这样的日期（ISO 周）；或 last / this"
    )
    with pytest.raises(UsageError) as raised:
        parse_period("May", ("month", "quarter"))
    assert render(raised.value.message, "zh") == "不是期间：'May'"
    assert render(raised.value.hint, "zh") == (
        "可用的写法：2024-05、2024/05 或 2024年5月（月）、2024Q2 或 2024年第2季度（季度）"
    )
