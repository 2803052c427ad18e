"""Calendars of launches and events (`?format=ics`): an iCalendar event per record the request selects,
every filter, search and ordering applying, for calendar apps to subscribe to. An event's UID is its
record's; its `SEQUENCE` counts the record's updates in the change log and its `LAST-MODIFIED` is the
time of its last entry, so that calendar apps update their entries in place."""

from collections.abc import Callable
from dataclasses import dataclass

import icalendar
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.utils import timezone

from lldapi.models import Change
from lldapi.store.queries import among

from .fields import record_url
from .formats import MadeByView


@dataclass(frozen=True)
class Calendar:
    """How an endpoint's records become calendar events: the relations `entry` reads (`select_related`),
    and `entry(row)`, an `Entry`, or None for a record without a date."""

    related: tuple
    entry: Callable


@dataclass(frozen=True)
class Entry:
    start: object  # an aware datetime
    end: object
    summary: str
    location: str | None
    description: list  # its lines


class CalendarRenderer(MadeByView):
    """`?format=ics` (or `Accept: text/calendar`) on the endpoints that declare a `Calendar`, made by
    `calendar_response`."""

    media_type = "text/calendar"
    format = "ics"

    def respond(self, view, rows):
        return calendar_response(view, rows)


def calendar_response(view, rows):
    """The calendar of `rows` of `view`'s endpoint: an event per row with a date."""
    resource, request = view.resource, view.request
    model, declared = resource.model, resource.calendar
    rows = list(rows.select_related(*declared.related))
    logged = {
        record: (updates, last)
        for record, updates, last in Change.objects.filter(
            model=model._meta.label, record__in=among(Change._meta.get_field("record"), [str(row.pk) for row in rows])
        )
        .values("record")
        .annotate(updates=Count("id", filter=Q(kind=Change.UPDATED)), last=Max("time"))
        .values_list("record", "updates", "last")
    }
    host = request.get_host().partition(":")[0]
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Launch Library 2 mirror//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{resource.path} ({host})")
    now = timezone.now()
    for row in rows:
        entry = declared.entry(row)
        if entry is None:
            continue
        link = record_url(request, model, row.pk, resource.version)
        updates, last = logged.get(str(row.pk), (0, getattr(row, "last_updated", None) or now))
        event = icalendar.Event()
        event.add("uid", f"{model._meta.model_name}-{row.pk}@{host}")
        event.add("dtstamp", last)
        event.add("last-modified", last)
        event.add("sequence", updates)
        event.add("dtstart", entry.start)
        event.add("dtend", max(entry.end or entry.start, entry.start))
        event.add("summary", entry.summary)
        if entry.location:
            event.add("location", entry.location)
        event.add("description", "\n".join([*entry.description, link]))
        event.add("url", link)
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
