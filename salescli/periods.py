"""Periods (`2024`, `2024Q2`, `2024-05`, `2024-W19`) and working-day calendars.

A period includes both its first and its last day. Weeks are ISO weeks (Monday to Sunday).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Literal, TypeVar

from salescli.errors import ConfigError, UsageError
from salescli.i18n import Msg, _, listed

_T = TypeVar("_T", date, int)  # what `ranges` lists: days, month numbers

Kind = Literal["year", "quarter", "month", "week"]
RELATIVE = ("last", "this")
EXAMPLES = {"month": "2024-05", "quarter": "2024Q2", "year": "2024", "week": "2024-W19"}

FORMS: dict[Kind, Msg] = {
    "year": _("2024 or 2024年 (year)"),
    "quarter": _("2024Q2 or 2024年第2季度 (quarter)"),
    "month": _("2024-05, 2024/05 or 2024年5月 (month)"),
    "week": _("2024-W19, 2024年第19周 or a day such as 2024-05-06 (ISO week)"),
}


def accepted(forms: Iterable[Msg], relative: bool) -> Msg:
    """The hint of a period that cannot be read: the forms accepted (and `last` / `this`)."""
    if relative:
        return _("accepted forms: {forms}; or last / this", forms=listed(forms))
    return _("accepted forms: {forms}", forms=listed(forms))


ACCEPTED_FORMS = accepted(FORMS.values(), True)

_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4}
_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    ("year", re.compile(r"^(\d{4})年?$")),
    ("quarter", re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)),
    ("quarter", re.compile(r"^(\d{4})\s*年\s*第?\s*([1-4一二三四])\s*季度$")),
    ("month", re.compile(r"^(\d{4})[-/](\d{1,2})$")),
    ("month", re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$")),
    ("week", re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)),
    ("week", re.compile(r"^(\d{4})\s*年\s*第\s*(\d{1,2})\s*周$")),
]
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True, order=True)
class Period:
    """A closed date range with a kind and a canonical label."""

    start: date
    end: date
    kind: Kind

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        iso = self.start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"

    def __str__(self) -> str:
        return self.label

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def days(self) -> list[date]:
        return [self.start + timedelta(n) for n in range((self.end - self.start).days + 1)]

    def months(self) -> list[Period]:
        """The calendar months that make up a year, quarter or month."""
        if self.kind == "week":
            raise ValueError("a week is not made of months")
        out = []
        current = month(self.start.year, self.start.month)
        while current.start <= self.end:
            out.append(current)
            current = current.shift(1)
        return out

    def shift(self, steps: int) -> Period:
        """The period `steps` periods of the same kind later (earlier when negative)."""
        if self.kind == "year":
            return year(self.start.year + steps)
        if self.kind == "week":
            first = self.start + timedelta(weeks=steps)
            return week(*first.isocalendar()[:2])
        size = 3 if self.kind == "quarter" else 1
        index = self.start.year * 12 + self.start.month - 1 + steps * size
        first = month(index // 12, index % 12 + 1)
        return quarter_of(first.start) if self.kind == "quarter" else first

    def previous(self) -> Period:
        return self.shift(-1)

    def same_last_year(self) -> Period:
        """The same period one year earlier (week 53 maps to week 52 when needed)."""
        if self.kind == "week":
            iso = self.start.isocalendar()
            try:
                return week(iso.year - 1, iso.week)
            except UsageError:
                return week(iso.year - 1, 52)
        steps = {"year": 1, "quarter": 4, "month": 12}[self.kind]
        return self.shift(-steps)


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), "year")


def month(y: int, m: int) -> Period:
    start = date(y, m, 1)
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return Period(start, nxt - timedelta(1), "month")


def quarter(y: int, q: int) -> Period:
    first = month(y, 3 * q - 2)
    last = month(y, 3 * q)
    return Period(first.start, last.end, "quarter")


def quarter_of(day: date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def week(y: int, w: int) -> Period:
    try:
        start = date.fromisocalendar(y, w, 1)
    except ValueError:
        raise UsageError(
            _("{year} has no ISO week {week}", year=y, week=w), hint=ACCEPTED_FORMS
        ) from None
    return Period(start, start + timedelta(6), "week")


def parse_period(
    text: str, kinds: tuple[Kind, ...] | None = None, today: date | None = None
) -> Period:
    """Parse a period as people write it; reject anything else with the accepted forms.

    `last` and `this` (one kind only) are the period before the one holding `today`, and that
    one. A day (`2024-05-06`) is accepted where a week is asked for: the ISO week holding it.
    """
    cleaned = text.strip()
    wanted = accepted((FORMS[k] for k in kinds), len(kinds) == 1) if kinds else ACCEPTED_FORMS
    if cleaned.lower() in RELATIVE and kinds and len(kinds) == 1 and today is not None:
        current = period_of(kinds[0], today)
        return current if cleaned.lower() == "this" else current.previous()
    for kind, pattern in _PATTERNS:
        found = pattern.match(cleaned)
        if not found or (kinds and kind not in kinds):
            continue
        y = int(found.group(1))
        if kind == "year":
            return year(y)
        n = _CN_NUMBERS.get(found.group(2)) or int(found.group(2))
        if kind == "quarter":
            return quarter(y, n)
        if kind == "month":
            if not 1 <= n <= 12:
                break
            return month(y, n)
        return week(y, n)
    found = _DAY.match(cleaned)
    if found and kinds and "week" in kinds:
        try:
            day = date(*(int(g) for g in found.groups()))
        except ValueError:
            raise UsageError(_("not a day: {text!r}", text=text), hint=wanted) from None
        return period_of("week", day)
    raise UsageError(_("not a period: {text!r}", text=text), hint=wanted)


def period_of(kind: Kind, day: date) -> Period:
    """The period of this kind holding `day`."""
    if kind == "year":
        return year(day.year)
    if kind == "quarter":
        return quarter_of(day)
    if kind == "month":
        return month(day.year, day.month)
    return week(*day.isocalendar()[:2])


def weeks_of_month(m: Period) -> list[Period]:
    """The ISO weeks that belong to a month: those whose Thursday falls in it."""
    first_thursday = m.start + timedelta((3 - m.start.weekday()) % 7)
    out = []
    thursday = first_thursday
    while thursday <= m.end:
        out.append(week(*thursday.isocalendar()[:2]))
        thursday += timedelta(7)
    return out


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: `cn` (Chinese statutory holidays and make-up days) or `weekdays`.

    The user's own `holidays` and `workdays` lists extend or override the package's data. A
    year the chinese-calendar package does not know yet (it is updated once the State Council
    publishes the year's arrangement) is taken from the `holidays` package's statutory days,
    which it computes for any year; its make-up working days are unknown until then. `on_assumed`
    is told once per such year what was assumed, naming only what the user's lists leave open.
    """

    kind: Literal["cn", "weekdays"] = "cn"
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    on_assumed: Callable[[str], None] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def _cache(self) -> dict[date, bool]:
        return {}

    @cached_property
    def _assumed_years(self) -> dict[int, frozenset[date]]:
        return {}

    def is_workday(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        if self.kind == "weekdays":
            return day.weekday() < 5
        cached = self._cache.get(day)
        if cached is None:
            cached = self._cn_workday(day)
            self._cache[day] = cached
        return cached

    def _cn_workday(self, day: date) -> bool:
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            days_off, make_up = self._statutory_days(day.year)
            if day in make_up:
                return True
            return day.weekday() < 5 and day not in days_off

    def _statutory_days(self, y: int) -> tuple[frozenset[date], frozenset[date]]:
        """A year chinese-calendar does not know: the `holidays` package's days off and the
        make-up working days it knows (none for a year not yet announced)."""
        import holidays

        if not holidays.China.start_year <= y <= holidays.China.end_year:
            raise ConfigError(
                _("neither chinese-calendar nor holidays has holiday data for {year}", year=y),
                hint=_(
                    'set calendar = "weekdays" in salescli.toml, or list that year\'s holidays '
                    "and make-up workdays under `holidays` and `workdays`"
                ),
            )
        known = holidays.China(years=y)
        days_off = frozenset(d for d in known if d.year == y)
        make_up = frozenset(d for d in known.weekend_workdays if d.year == y)
        if y not in self._assumed_years:
            self._assumed_years[y] = make_up
            self._tell_assumed(y, days_off, bool(make_up))
        return days_off, make_up

    def _tell_assumed(self, y: int, days_off: frozenset[date], make_up_known: bool) -> None:
        open_parts: list[Msg] = []
        if not any(d.year == y for d in self.holidays):
            open_parts.append(
                _(
                    "its days off assumed from the `holidays` package's statutory days ({days})",
                    days=day_ranges(days_off),
                )
            )
        if not make_up_known and not any(d.year == y for d in self.workdays):
            open_parts.append(_("make-up working days unknown (none assumed)"))
        if open_parts and self.on_assumed is not None:
            assumed = open_parts[0]
            for part in open_parts[1:]:
                assumed = _("{first}; {second}", first=assumed, second=part)
            self.on_assumed(
                _(
                    "{year} is not in the chinese-calendar package yet: {assumed}; list "
                    "{year}'s days off and make-up working days under `holidays` and "
                    "`workdays` in salescli.toml once they are announced",
                    year=y,
                    assumed=assumed,
                )
            )

    def first_workday(self, period: Period) -> date | None:
        """The first working day of a period (None when it has none)."""
        return next((d for d in period.days() if self.is_workday(d)), None)


def day_ranges(days: Iterable[date]) -> str:
    """Days as a short list, runs of consecutive days as ranges: `2027-01-01,
    2027-02-05..2027-02-10`."""
    return ranges(days, lambda day: day + timedelta(1))


def ranges(items: Iterable[_T], after: Callable[[_T], _T], show: Callable[[_T], str] = str) -> str:
    """Items in order as a short list, each run of consecutive ones (one `after` the other)
    as `first..last`, shown by `show`."""
    runs: list[list[_T]] = []
    for item in sorted(items):
        if runs and item == after(runs[-1][-1]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return ", ".join(
        show(run[0]) if len(run) == 1 else f"{show(run[0])}..{show(run[-1])}" for run in runs
    )


_LOOSE_MONTH = re.compile(
    r"^(\d{4})\s*(?:[-/.年]\s*)?(\d{1,2})\s*月?(?:[-/.]\d{1,2}日?)?(?:\s.*)?$"
)
_LOOSE_QUARTER = re.compile(
    r"^(\d{4})\s*(?:年\s*)?(?:第\s*)?(?:Q|q)?\s*([1-4一二三四])\s*(?:季度?)?$"
)
_CN_DIGITS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def period_label(value: object) -> str | None:
    """A period as written in an export (`2024-05`, `2024/5`, `2024年5月`, `202405`, a date,
    `2024Q2`, `2024年第二季度`) as its canonical label; None when it is not one."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        return parse_period(text).label
    except UsageError:
        pass
    found = _LOOSE_QUARTER.match(text)
    if found and ("Q" in text.upper() or "季" in text):
        number = _CN_DIGITS.get(found.group(2), found.group(2))
        return quarter(int(found.group(1)), int(number)).label
    found = _LOOSE_MONTH.match(text)
    if found and 1 <= int(found.group(2)) <= 12:
        return month(int(found.group(1)), int(found.group(2))).label
    return None
