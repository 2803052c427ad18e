"""Calendars of launches and events (`?format=ics`), read back with the icalendar library."""

from datetime import timedelta

import icalendar
import pytest

from launches.models import Event, Launch
from lldapi.importer import Importer
from lldapi.models import Change

from .fidelity import get_json, ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def seconds(moment):
    """`moment` as iCalendar writes it: to the second."""
    return moment.replace(microsecond=0)


def events_of(client, url):
    """{record id (str): VEVENT} of the calendar at `url`."""
    found = {}
    for event in calendar(client, url).walk("VEVENT"):
        endpoint, _, rest = str(event["uid"]).partition("-")
        record = rest.rpartition("@")[0]
        assert record not in found
        found[record] = event
    return found


def test_a_calendar_has_an_event_per_launch_the_list_selects_with_its_window(client):
    provider = Launch.objects.filter(net__isnull=False).values_list("launch_service_provider", flat=True).first()
    url = f"/2.3.0/launches/upcoming/?lsp__id={provider}"
    listed = ids(client, url)
    events = events_of(client, f"{url}&format=ics")
    assert listed and sorted(events) == sorted(listed)
    for launch in Launch.objects.filter(pk__in=listed).select_related("status"):
        event = events[str(launch.pk)]
        assert event.decoded("dtstart") == seconds(launch.window_start or launch.net)
        assert event.decoded("dtend") == seconds(max(launch.window_end or launch.window_start, launch.window_start))
        assert str(event["summary"]) == launch.name
        assert f"Status: {launch.status.name}" in str(event["description"])
        assert get_json(client, str(event["url"]))["id"] == str(launch.pk)
    assert events_of(client, f"{url}&format=ics").keys() == events.keys()  # stable UIDs


def test_an_event_ends_after_its_duration(client):
    event = Event.objects.filter(date__isnull=False, duration__isnull=False).first()
    [entry] = events_of(client, f"/2.3.0/events/{event.pk}/?format=ics").values()
    assert entry.decoded("dtstart") == seconds(event.date)
    assert entry.decoded("dtend") == seconds(event.date + event.duration)
    assert len(events_of(client, "/2.3.0/events/?format=ics")) == Event.objects.filter(date__isnull=False).count()


def test_an_update_moves_the_event_in_place_with_a_higher_sequence(client):
    launch = Launch.objects.filter(net__isnull=False, window_start__isnull=False).first()
    url = f"/2.3.0/launches/{launch.pk}/?format=ics"
    [before] = events_of(client, url).values()
    record = get_json(client, f"/2.3.0/launches/{launch.pk}/")
    later = launch.window_start + timedelta(days=3)
    record["window_start"] = record["net"] = later.isoformat().replace("+00:00", "Z")
    record["window_end"] = (launch.window_end + timedelta(days=3)).isoformat().replace("+00:00", "Z")
    Importer().import_page(record, "slipped.json")
    [after] = events_of(client, url).values()
    assert after["uid"] == before["uid"]
    assert (int(before["sequence"]), int(after["sequence"])) == (0, 1)
    assert after.decoded("dtstart") == seconds(later)
    logged = Change.objects.filter(model="launches.Launch", record=str(launch.pk)).latest("id").time
    assert after.decoded("last-modified") == seconds(logged)
    assert before.decoded("last-modified") == seconds(launch.last_updated)


def test_errors_stay_json_and_other_endpoints_have_no_calendar(client):
    response = client.get("/2.3.0/launches/?format=ics&net__gt=tomorrow")
    assert response.status_code == 400 and response.json() == {"net__gt": ["Enter a valid date/time."]}
    response = client.get("/2.3.0/agencies/?format=ics")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
