"""iCalendar files for the visit plan: one per rep, one all-day event per visit.

UIDs are stable per rep, customer and window, so importing a revised plan updates events in
Outlook, Google Calendar, DingTalk or WeCom instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from salescli.i18n import _, render
from salescli.output.safe import replace_set, safe_filename, unique_names
from salescli.periods import Period


def write_calendars(
    plan: pd.DataFrame, folder: Path, month: Period, lang: str = "en"
) -> list[Path]:
    reps = sorted(plan["rep"].dropna().unique())
    names = unique_names([str(r) for r in reps], safe_filename)
    stamp = datetime.combine(month.start, datetime.min.time(), UTC)
    files: list[tuple[Path, Callable[[Path], None]]] = []
    for rep, name in zip(reps, names, strict=True):
        visits = plan[plan["rep"] == rep]
        data = calendar_bytes(str(rep), visits, stamp, lang)
        files.append((folder / f"{name}.ics", lambda p, d=data: p.write_bytes(d)))
    return replace_set(files, folder, "calendars")  # every rep's calendar, or the old ones


def calendar_bytes(rep: str, visits: pd.DataFrame, stamp: datetime, lang: str = "en") -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//salescli//visit plan//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", render(_("Visit plan {rep}", rep=rep), lang))
    for visit in visits.itertuples(index=False):
        day = visit.date.date()
        event = Event()
        key = f"{rep}|{visit.customer_id}|{visit.window}".encode()
        event.add("uid", f"{hashlib.sha1(key).hexdigest()[:20]}@salescli")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        name = visit.customer_name if isinstance(visit.customer_name, str) else visit.customer_id
        event.add("summary", render(_("Visit {name} (class {cls})", name=name, cls=visit[4]), lang))
        description = _(
            "Customer {customer}; visit window {window}",
            customer=visit.customer_id,
            window=visit.window,
        )
        event.add("description", render(description, lang))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
