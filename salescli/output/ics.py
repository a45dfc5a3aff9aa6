"""iCalendar files for the visit plan: one per rep, one all-day event per visit.

UIDs are stable per rep, customer and window, so importing a revised plan updates events in
Outlook, Google Calendar, DingTalk or WeCom instead of duplicating them. A client keeps, of
two versions of one UID, the one of the higher SEQUENCE (RFC 5545 3.8.7.4: 0 when made,
raised at each significant revision), then of the later DTSTAMP (RFC 5546 2.1.5). The plan
has no memory but the calendars it wrote: an event whose day, summary or description differs
from the one of its UID in the file it replaces gets that one's SEQUENCE plus one, an
unchanged one keeps it, so the same inputs give the same bytes and a corrected plan's moved
visit is newer than the one imported. A calendar written to a new folder starts at 0.

A client keeps an event it imported until a newer version of its UID says otherwise, so a
visit the revised plan drops (its customer removed, or moved to another class or window, so
that its UID changed) is withdrawn, not left out: the file it replaces gives its event,
which is written again as it was, STATUS:CANCELLED and SEQUENCE plus one (RFC 5545 3.8.1.11;
RFC 5546 3.2.1 lets a PUBLISH say so). Only the planned month's are: July's plan in June's
folder withdraws none of June's visits. A rep left with no visit gets a calendar of his
month's cancellations, unless the plan was for some reps only (`whole` false: the others
are not planned, which does not mean their visits are off). A cancelled visit planned again
is a newer version that says CONFIRMED, and keeps saying it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd

from salescli.i18n import _, render
from salescli.output.safe import earlier_set, replace_set, safe_filename, unique_names
from salescli.periods import Period


@dataclass(frozen=True)
class Earlier:
    """An event of the calendar a revised plan replaces, as it was written."""

    sequence: int
    start: date
    end: date
    summary: str
    description: str
    status: str  # "" (none written), CONFIRMED or CANCELLED

    @property
    def content(self) -> str:
        return _content(self.start, self.end, self.summary, self.description, self.status)


def write_calendars(
    plan: pd.DataFrame, folder: Path, month: Period, lang: str = "en", whole: bool = True
) -> list[Path]:
    """One calendar per rep of `plan`; `whole`: the plan is every rep's (not some reps')."""
    reps = sorted(plan["rep"].dropna().unique())
    names = unique_names([str(r) for r in reps], safe_filename)
    stamp = datetime.combine(month.start, datetime.min.time(), UTC)
    files: list[tuple[Path, Callable[[Path], None]]] = []
    for rep, name in zip(reps, names, strict=True):
        visits = plan[plan["rep"] == rep]
        earlier = revisions(folder / f"{name}.ics")[1]
        data = calendar_bytes(str(rep), visits, stamp, lang, earlier, month)
        files.append((folder / f"{name}.ics", lambda p, d=data: p.write_bytes(d)))
    if whole:
        files += _withdrawn(folder, {f"{n}.ics".casefold() for n in names}, stamp, lang, month)
    # every rep's calendar, or the old ones; some reps': theirs, the others' kept
    return replace_set(files, folder, "calendars", whole)


def _withdrawn(
    folder: Path, kept: set[str], stamp: datetime, lang: str, month: Period
) -> list[tuple[Path, Callable[[Path], None]]]:
    """The calendar of each rep the earlier plan had and this one has not: his month's
    visits cancelled (none of the month: the file goes, as the set's other files)."""
    files: list[tuple[Path, Callable[[Path], None]]] = []
    for name in earlier_set(folder, "calendars"):
        if name.casefold() in kept or not name.endswith(".ics"):
            continue
        calname, earlier = revisions(folder / name)
        if calname is None or not any(_in(e, month) for e in earlier.values()):
            continue
        calendar = _calendar(calname, lang)
        _cancel(calendar, earlier, set(), stamp, month)
        data = calendar.to_ical()
        files.append((folder / name, lambda p, d=data: p.write_bytes(d)))
    return files


def revisions(path: Path) -> tuple[str | None, dict[str, Earlier]]:
    """The calendar's name and each of its events by UID, of a calendar written before.
    (None, {}) when there is no such file or it cannot be read as a calendar (then 0 again)."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(path.read_bytes())
    except (OSError, ValueError):
        return None, {}
    found = {}
    for event in calendar.walk("VEVENT"):
        try:
            found[str(event["uid"])] = Earlier(
                int(event.get("sequence", 0)),
                _day(event.decoded("dtstart")),
                _day(event.decoded("dtend")),
                str(event.get("summary", "")),
                str(event.get("description", "")),
                str(event.get("status", "")).upper(),
            )
        except (KeyError, ValueError, TypeError):
            continue  # an event edited by hand: its UID starts again
    return str(calendar.get("x-wr-calname", "")), found


def _day(value: object) -> date:
    if isinstance(value, datetime):  # a time set by hand in a client: its day
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(value)


def _in(event: Earlier, month: Period) -> bool:
    return month.contains(event.start)


def _content(start: object, end: object, summary: str, description: str, status: str) -> str:
    """What a revision changes: the day, the summary, the description and the status."""
    return "|".join(map(str, (start, end, summary, description, status)))


def _calendar(calname: str, lang: str):  # -> icalendar.Calendar
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", f"-//salescli//visit plan//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calname)
    return calendar


def calendar_bytes(
    rep: str,
    visits: pd.DataFrame,
    stamp: datetime,
    lang: str = "en",
    earlier: dict[str, Earlier] | None = None,
    month: Period | None = None,
) -> bytes:
    """The rep's calendar: each visit an event, then (`month` given) each of the month's
    events of `earlier` that no visit is, cancelled."""
    from icalendar import Event

    earlier = earlier or {}
    calendar = _calendar(render(_("Visit plan {rep}", rep=rep), lang), lang)
    planned: set[str] = set()
    for visit in visits.itertuples(index=False):
        day = visit.date.date()
        event = Event()
        key = f"{rep}|{visit.customer_id}|{visit.window}".encode()
        uid = f"{hashlib.sha1(key).hexdigest()[:20]}@salescli"
        name = visit.customer_name if isinstance(visit.customer_name, str) else visit.customer_id
        summary = render(_("Visit {name} (class {cls})", name=name, cls=visit[4]), lang)
        description = _(
            "Customer {customer}; visit window {window}",
            customer=visit.customer_id,
            window=visit.window,
        )
        described = render(description, lang)
        end = day + timedelta(days=1)
        before = earlier.get(uid)
        # once cancelled, a visit planned again says it is on (a client holds it cancelled)
        status = "CONFIRMED" if before is not None and before.status else ""
        sequence = before.sequence if before is not None else 0
        if before is not None and before.content != _content(day, end, summary, described, status):
            sequence += 1  # a revision of the event the client holds
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        if sequence:
            event.add("sequence", sequence)
        if status:
            event.add("status", status)
        event.add("dtstart", day)
        event.add("dtend", end)
        event.add("summary", summary)
        event.add("description", described)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
        planned.add(uid)
    if month is not None:
        _cancel(calendar, earlier, planned, stamp, month)
    return calendar.to_ical()


def _cancel(
    calendar, earlier: dict[str, Earlier], planned: set[str], stamp: datetime, month: Period
) -> None:
    """Each event of `earlier` in `month` that is not `planned`, as it was and cancelled: one
    SEQUENCE above the imported one, the same as it when it was cancelled already."""
    from icalendar import Event

    dropped = [(e.start, uid) for uid, e in earlier.items() if uid not in planned]
    for _start, uid in sorted(dropped):
        before = earlier[uid]
        if not _in(before, month):
            continue  # another month's: not this plan's to withdraw
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("sequence", before.sequence + (before.status != "CANCELLED"))
        event.add("status", "CANCELLED")
        event.add("dtstart", before.start)
        event.add("dtend", before.end)
        event.add("summary", before.summary)
        event.add("description", before.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
