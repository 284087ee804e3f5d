"""iCalendar (.ics) documents of events: the attachment of a confirmation and the public feed."""

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.utils import translation
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from services.models import Event

PRODID = "-//Library portal//E-services events//EN"


def _location(event: Event) -> str:
    parts = [event.branch.name, event.branch.address, event.room]
    return ", ".join(part for part in parts if part)


def events_ics(*, events: Iterable[Event], language: str, site_url: str, name: str = "") -> str:
    """An iCalendar file with `events` in `language`; each event links to its page on `site_url`."""
    host = urlsplit(site_url).hostname or "localhost"
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        if name:
            calendar.add("x-wr-calname", name)
        for event in events:
            entry = CalendarEvent()
            entry.add("uid", f"event-{event.pk}@{host}")
            entry.add("dtstamp", event.updated_at)
            entry.add("dtstart", event.starts_at)
            entry.add("dtend", event.ends_at)
            entry.add("summary", event.title)
            if event.description:
                entry.add("description", event.description)
            entry.add("location", _location(event))
            entry.add("url", site_url + event.get_absolute_url())
            entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
            calendar.add_component(entry)
        return calendar.to_ical().decode()
