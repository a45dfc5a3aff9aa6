"""iCalendar files for the visit plan: one per rep, one all-day event per visit.

UIDs are stable per rep, customer and window, so importing a revised plan updates events in
Outlook, Google Calendar, DingTalk or WeCom instead of duplicating them. A client keeps, of
two versions of one UID, the one of the higher SEQUENCE (RFC 5545 3.8.7.4: 0 when made,
raised at each significant revision), then of the later DTSTAMP (RFC 5546 2.1.5). The plan
has no memory but the calendars it wrote: an event whose day, summary or description differs
from the one of its UID in the file it replaces gets that one's SEQUENCE plus one, an
unchanged one keeps it, so the same inputs give the same bytes and a corrected plan's moved
visit is newer than the one imported. A calendar written to a new folder starts at 0.
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
        earlier = revisions(folder / f"{name}.ics")
        data = calendar_bytes(str(rep), visits, stamp, lang, earlier)
        files.append((folder / f"{name}.ics", lambda p, d=data: p.write_bytes(d)))
    return replace_set(files, folder, "calendars")  # every rep's calendar, or the old ones


def revisions(path: Path) -> dict[str, tuple[int, str]]:
    """Each event of a calendar written before: its UID's SEQUENCE and content (`_content`).
    Nothing when there is no such file or it cannot be read as a calendar (then 0 again)."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(path.read_bytes())
    except (OSError, ValueError):
        return {}
    found = {}
    for event in calendar.walk("VEVENT"):
        try:
            content = _content(
                event.decoded("dtstart"),
                event.decoded("dtend"),
                str(event.get("summary", "")),
                str(event.get("description", "")),
            )
            found[str(event["uid"])] = (int(event.get("sequence", 0)), content)
        except (KeyError, ValueError, TypeError):
            continue  # an event edited by hand: its UID starts again
    return found


def _content(start: object, end: object, summary: str, description: str) -> str:
    """What a revision changes: the day, the summary and the description."""
    return "|".join(map(str, (start, end, summary, description)))


def calendar_bytes(
    rep: str,
    visits: pd.DataFrame,
    stamp: datetime,
    lang: str = "en",
    earlier: dict[str, tuple[int, str]] | None = None,
) -> bytes:
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
        sequence, content = (earlier or {}).get(uid, (0, None))
        if content is not None and content != _content(day, end, summary, described):
            sequence += 1  # a revision of the event the client holds
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        if sequence:
            event.add("sequence", sequence)
        event.add("dtstart", day)
        event.add("dtend", end)
        event.add("summary", summary)
        event.add("description", described)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
