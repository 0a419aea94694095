"""A timeline as iCalendar (RFC 5545) all-day events, with the ``icalendar`` library."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from icalendar import Calendar, Event

from maplepath.i18n import say

if TYPE_CHECKING:
    from maplepath.planner.timeline import Timeline


def to_ics(tl: Timeline) -> bytes:
    """The steps still to do and the deadlines as all-day iCalendar events. UIDs depend only on
    the person, the pathway and the step, so re-importing an updated export replaces events in
    a calendar app instead of duplicating them; DTSTAMP is the plan's date, so the same plan
    always exports the same bytes."""
    cal = Calendar()
    cal.add("prodid", "-//maplepath//planner timeline//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"maplepath: {tl.pathway}")
    stamp = datetime.combine(tl.on, time(0, 0), tzinfo=UTC)

    def event(uid: str, summary: str, start: date, end: date, description: str) -> None:
        ev = Event()
        ev.add("uid", f"{tl.person}-{tl.pathway.replace(':', '-')}-{uid}@maplepath")
        ev.add("dtstamp", stamp)
        ev.add("summary", summary)
        ev.add("dtstart", start)
        ev.add("dtend", end + timedelta(days=1))  # all-day events end the day after
        if description:
            ev.add("description", description)
        cal.add_component(ev)

    for s in tl.steps:
        if not s.done:
            rules = _rules(s.rules)
            event(s.id, s.title, s.start, s.end, f"{s.detail}{rules}".strip())
    for dl in tl.deadlines:
        title = say("Deadline: %(title)s", title=dl.title)
        event(f"deadline-{dl.id}", title, dl.due, dl.due, f"{dl.detail}{_rules(dl.rules)}")
    return bytes(cal.to_ical())


def _rules(rules: tuple[str, ...]) -> str:
    return " " + say("(rules: %(rules)s)", rules=", ".join(rules)) if rules else ""
