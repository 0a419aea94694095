"""A timeline as iCalendar (RFC 5545) events, with the ``icalendar`` library.

A calendar is read a day at a time: a step that takes weeks is not a weeks-long all-day block
that hides everything under it, but a start event and a due event; every deadline, and every
step's due date, carries alarms (VALARM, RFC 5545 s. 3.6.6) some days before, so the person is
reminded in time, not on the day. Titles are sentences in the person's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event

from maplepath.i18n import say

if TYPE_CHECKING:
    from maplepath.planner.timeline import Timeline

# Days before a deadline or a due date that the calendar reminds (``plan timeline --remind``).
REMINDERS = (14, 2)


def to_ics(tl: Timeline, reminders: Sequence[int] = REMINDERS) -> bytes:
    """The steps still to do and the deadlines as all-day iCalendar events with alarms
    ``reminders`` days before. UIDs depend only on the person, the pathway and the step, so
    re-importing an updated export replaces events in a calendar app instead of duplicating
    them; DTSTAMP is the plan's date, so the same plan always exports the same bytes."""
    cal = Calendar()
    cal.add("prodid", "-//maplepath//planner timeline//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", say("maplepath: your plan (%(pathway)s)", pathway=tl.pathway))
    stamp = datetime.combine(tl.on, time(0, 0), tzinfo=UTC)
    days = sorted({d for d in reminders if d > 0}, reverse=True)

    def event(uid: str, summary: str, day: date, description: str, remind: bool) -> None:
        ev = Event()
        ev.add("uid", f"{tl.person}-{tl.pathway.replace(':', '-')}-{uid}@maplepath")
        ev.add("dtstamp", stamp)
        ev.add("summary", summary)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))  # an all-day event ends the day after
        if description:
            ev.add("description", description)
        for n in days if remind else ():
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", say("In %(days)s days: %(what)s", days=n, what=summary))
            alarm.add("trigger", timedelta(days=-n))
            ev.add_component(alarm)
        cal.add_component(ev)

    for s in tl.steps:
        if s.done:
            continue
        about = f"{s.detail}{_rules(s.rules)}".strip()
        if s.end > s.start:  # weeks of work: when to begin, and when it is due
            event(f"{s.id}-start", say("Start: %(step)s", step=s.title), s.start, about, False)
            event(s.id, say("Due: %(step)s", step=s.title), s.end, about, True)
        else:
            event(s.id, s.title, s.start, about, True)
    for dl in tl.deadlines:
        title = say("Deadline: %(title)s", title=dl.title)
        event(f"deadline-{dl.id}", title, dl.due, f"{dl.detail}{_rules(dl.rules)}", True)
    return bytes(cal.to_ical())


def _rules(rules: tuple[str, ...]) -> str:
    return " " + say("(rules: %(rules)s)", rules=", ".join(rules)) if rules else ""
