"""Space stations, expeditions, payloads, payload flights and the docking lookups, over the synthetic data.

Expectations come from the JSON of the records (every record fetched, then filtered or sorted in
Python), not from the ORM; the "active" and "current" lists are checked against the rows they derive
from, at the real time of the request.
"""

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from docking.models import DockingEvent, DockingLocation, Expedition
from launches.models import Orbit

from .expectations import COMPARED, every, expected_order, sorted_ids
from .fidelity import get_json, ids
from .writes import emptied, save

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

STATIONS = "/2.3.0/space_stations/"
EXPEDITIONS = "/2.3.0/expeditions/"
PAYLOADS = "/2.3.0/payloads/"
PAYLOAD_FLIGHTS = "/2.3.0/payload_flights/"
EVENTS = "/2.3.0/docking_events/"


def moment(value):
    return value and datetime.fromisoformat(value)


def not_past(value):
    """A null end or departure, or one still to come: what is under way now."""
    return value is None or moment(value) > datetime.now(UTC)


@pytest.fixture
def stations(client):
    return every(client, f"{STATIONS}?mode=detailed")


# Space stations: derived lists

def test_active_expeditions_are_the_station_s_expeditions_not_ended(client, stations):
    expeditions = every(client, EXPEDITIONS)
    assert any(s["active_expeditions"] for s in stations.values())
    for station in stations.values():
        own = {i: e for i, e in expeditions.items() if e["spacestation"]["id"] == station["id"]}
        expected = sorted_ids(own, lambda e: not_past(e["end"]))
        assert [e["id"] for e in station["active_expeditions"]] == expected
        assert station["active_expeditions"] == [
            {key: own[i][key] for key in ("id", "url", "name", "start", "end")} for i in expected
        ]
    # Some stations have only ended expeditions, some an expedition with a planned end.
    assert any(not s["active_expeditions"] and s["id"] in {e["spacestation"]["id"] for e in expeditions.values()}
               for s in stations.values())
    assert any(e["end"] for s in stations.values() for e in s["active_expeditions"])


def test_active_docking_events_are_the_events_targeting_the_station_not_departed(client, stations):
    events = every(client, EVENTS)
    for station in stations.values():
        expected = sorted(
            i for i, e in events.items()
            if e["space_station_target"] and e["space_station_target"]["id"] == station["id"]
            and not_past(e["departure"])
        )
        assert [e["id"] for e in station["active_docking_events"]] == expected
    assert sum(len(s["active_docking_events"]) for s in stations.values()) > 10


def test_each_docking_location_shows_the_event_docked_there_now(client, stations):
    events = every(client, EVENTS)
    now = datetime.now(UTC)
    shown = 0
    for station in stations.values():
        locations = sorted(i for i, e in every(client, "/2.3.0/config/docking_locations/").items()
                           if e["spacestation"] and e["spacestation"]["id"] == station["id"])
        assert [location["id"] for location in station["docking_location"]] == locations
        for location in station["docking_location"]:
            docked = sorted(
                i for i, e in events.items()
                if e["docking_location"]["id"] == location["id"]
                and e["docking"] and moment(e["docking"]) <= now and not_past(e["departure"])
            )
            current = location["currently_docked"]
            assert ([current["id"]] if current else []) == docked[:1]
            if current:
                shown += 1
                event = events[current["id"]]
                assert current["docking"] == event["docking"] and current["departure"] == event["departure"]
                for key in ("flight_vehicle_chaser", "space_station_chaser", "payload_flight_chaser"):
                    assert (current[key] and current[key]["id"]) == (event[key] and event[key]["id"])
    assert shown > 10


def test_the_stored_counts_agree_with_the_rows_they_summarise(client, stations):
    expeditions = every(client, f"{EXPEDITIONS}?mode=detailed")
    for station in stations.values():
        crew = sum(len(expeditions[e["id"]]["crew"]) for e in station["active_expeditions"])
        assert station["onboard_crew"] == crew
        docked = [location for location in station["docking_location"] if location["currently_docked"]]
        # Active docking events include those planned, not docked yet.
        arrived = [e for e in station["active_docking_events"] if parse_datetime(e["docking"]) <= timezone.now()]
        assert station["docked_vehicles"] == len(arrived) == len(docked)


def test_what_is_active_is_taken_at_the_time_of_the_request(client, stations):
    station = next(s for s in stations.values() if s["active_expeditions"] and s["active_docking_events"])
    expedition = station["active_expeditions"][0]["id"]
    event = station["active_docking_events"][0]["id"]
    location = next(
        loc["id"] for loc in station["docking_location"] if (loc["currently_docked"] or {}).get("id") == event
    )
    just_now = timezone.now() - timedelta(seconds=1)
    save(Expedition.objects.filter(pk=expedition), end=just_now)
    save(DockingEvent.objects.filter(pk=event), departure=just_now)
    after = get_json(client, f"{STATIONS}{station['id']}/")
    assert expedition not in [e["id"] for e in after["active_expeditions"]]
    assert event not in [e["id"] for e in after["active_docking_events"]]
    assert next(loc for loc in after["docking_location"] if loc["id"] == location)["currently_docked"] is None
    # An end or departure an hour from now is still to come.
    soon = timezone.now() + timedelta(hours=1)
    save(Expedition.objects.filter(pk=expedition), end=soon)
    save(DockingEvent.objects.filter(pk=event), departure=soon)
    again = get_json(client, f"{STATIONS}{station['id']}/")
    assert expedition in [e["id"] for e in again["active_expeditions"]]
    assert next(loc for loc in again["docking_location"] if loc["id"] == location)["currently_docked"]["id"] == event
    # A docking still to come is not yet docked, though not departed either.
    save(DockingEvent.objects.filter(pk=event), docking=soon, departure=None)
    later = get_json(client, f"{STATIONS}{station['id']}/")
    assert next(loc for loc in later["docking_location"] if loc["id"] == location)["currently_docked"] is None
    assert event in [e["id"] for e in later["active_docking_events"]]


def test_normal_stations_list_their_active_expeditions_without_the_detailed_fields(client, stations):
    normal = every(client, STATIONS)
    for i, station in normal.items():
        assert station["response_mode"] == "normal"
        assert station["active_expeditions"] == stations[i]["active_expeditions"]
        assert station["owners"] == stations[i]["owners"]
        assert "docking_location" not in station and "onboard_crew" not in station


# Space stations: filters, search, ordering

@pytest.mark.parametrize("field", ["docked_vehicles", "onboard_crew"])
@pytest.mark.parametrize("lookup, keep", COMPARED)
def test_station_count_filters(client, stations, field, lookup, keep):
    values = sorted(s[field] for s in stations.values())
    bound = values[len(values) // 2]
    expected = sorted_ids(stations, lambda s: s[field] is not None and keep(s[field], bound))
    assert 0 < len(expected) < len(stations)
    assert ids(client, f"{STATIONS}?{field}{lookup}={bound}") == expected


def test_station_id_and_name_filters(client, stations):
    station = stations[3]
    assert ids(client, f"{STATIONS}?id=3") == [3]
    assert ids(client, f"{STATIONS}?name={station['name']}") == [3]
    assert ids(client, f"{STATIONS}?name={station['name'].lower()}") == []
    word = station["name"].split()[0]
    assert ids(client, f"{STATIONS}?name__contains={word}") == sorted_ids(stations, lambda s: word in s["name"])
    assert ids(client, f"{STATIONS}?name__contains={word.lower()}") == []


def test_station_orbit_filter_takes_the_id_of_an_orbit(client, stations):
    """`orbit` is an orbit's id (LL2's /config/orbits/); stations hold the orbit's name."""
    names = {s["orbit"] for s in stations.values()}
    assert len(names) > 1
    for orbit in Orbit.objects.all():
        expected = sorted(i for i, s in stations.items() if s["orbit"] == orbit.name)
        assert ids(client, f"{STATIONS}?orbit={orbit.pk}") == expected
    assert "orbit" in get_json(client, f"{STATIONS}?orbit=99999", status=400)


def test_station_owner_filters(client, stations):
    owners = sorted({o["id"] for s in stations.values() for o in s["owners"]})
    first, second = owners[0], owners[1]
    either = sorted_ids(stations, lambda s: {first, second} & {o["id"] for o in s["owners"]})
    assert ids(client, f"{STATIONS}?owner__ids={first},{second}") == either
    assert ids(client, f"{STATIONS}?owners={first}&owners={second}") == either
    assert ids(client, f"{STATIONS}?owners={first}") == sorted_ids(
        stations, lambda s: first in {o["id"] for o in s["owners"]}
    )
    assert ids(client, f"{STATIONS}?owner__ids=99999") == []
    assert "owners" in get_json(client, f"{STATIONS}?owners=99999", status=400)


def test_station_status_and_type_filters(client, stations):
    for key in ("status", "type"):
        for value in {s[key]["id"] for s in stations.values()}:
            expected = sorted(i for i, s in stations.items() if s[key]["id"] == value)
            assert ids(client, f"{STATIONS}?{key}={value}") == expected
    assert ids(client, f"{STATIONS}?status__ids=1,2") == sorted_ids(stations, lambda s: s["status"]["id"] in (1, 2))
    assert ids(client, f"{STATIONS}?status__ids=2") == sorted_ids(stations, lambda s: s["status"]["id"] == 2)
    assert "status" in get_json(client, f"{STATIONS}?status=99999", status=400)


def test_station_search(client, stations):
    # A station whose name's first word is not in every name ("Ion" is in "Station").
    station = next(s for s in stations.values()
                   if not all(s["name"].split()[0].lower() in other["name"].lower() for other in stations.values()))
    owner = station["owners"][0]
    for term in (station["name"].split()[0].lower(), owner["abbrev"], owner["name"].upper()):
        low = term.lower()
        expected = sorted(
            i for i, s in stations.items()
            if low in s["name"].lower()
            or any(low in owner["name"].lower() or low in owner["abbrev"].lower() for owner in s["owners"])
        )
        assert 0 < len(expected) < len(stations)
        assert ids(client, f"{STATIONS}?search={term}") == expected


@pytest.mark.parametrize("ordering, key", [
    ("docked_vehicles", lambda s: s["docked_vehicles"]),
    ("founded", lambda s: s["founded"]),
    ("name", lambda s: s["name"]),
    ("onboard_crew", lambda s: s["onboard_crew"]),
    ("status", lambda s: s["status"]["id"]),
    ("type", lambda s: s["type"]["id"]),
    ("volume", lambda s: s["volume"]),
])
@pytest.mark.parametrize("descending", [False, True])
def test_station_ordering(client, stations, ordering, key, descending):
    order = f"-{ordering}" if descending else ordering
    assert ids(client, f"{STATIONS}?ordering={order}") == expected_order(stations, key, descending)


# Expeditions

@pytest.fixture
def expeditions(client):
    return every(client, f"{EXPEDITIONS}?mode=detailed")


def test_expedition_crew_filters(client, expeditions):
    crew = [seat["astronaut"] for e in expeditions.values() for seat in e["crew"]]
    astronaut = crew[0]
    assert ids(client, f"{EXPEDITIONS}?crew__astronaut={astronaut['id']}") == sorted_ids(
        expeditions, lambda e: astronaut["id"] in {seat["astronaut"]["id"] for seat in e["crew"]}
    )
    agency = next(a["agency"]["id"] for a in crew if a["agency"])
    expected = sorted_ids(
        expeditions, lambda e: agency in {(s["astronaut"]["agency"] or {}).get("id") for s in e["crew"]}
    )
    assert expected
    assert ids(client, f"{EXPEDITIONS}?crew__astronaut__agency={agency}") == expected
    assert "crew__astronaut" in get_json(client, f"{EXPEDITIONS}?crew__astronaut=999999", status=400)


def test_expedition_station_and_name_filters(client, expeditions):
    station = expeditions[5]["spacestation"]["id"]
    expected = sorted_ids(expeditions, lambda e: e["spacestation"]["id"] == station)
    assert 1 < len(expected) < len(expeditions)
    assert ids(client, f"{EXPEDITIONS}?space_station={station}") == expected
    assert ids(client, f"{EXPEDITIONS}?name={expeditions[5]['name']}") == [5]


@pytest.mark.parametrize("field", ["start", "end"])
@pytest.mark.parametrize("lookup, keep", [
    ("gt", lambda value, bound: value > bound),
    ("gte", lambda value, bound: value >= bound),
    ("lt", lambda value, bound: value < bound),
    ("lte", lambda value, bound: value <= bound),
])
def test_expedition_time_filters(client, expeditions, field, lookup, keep):
    bound = expeditions[10][field]
    expected = sorted_ids(expeditions, lambda e: e[field] is not None and keep(moment(e[field]), moment(bound)))
    assert 0 < len(expected) < len(expeditions)
    assert ids(client, f"{EXPEDITIONS}?{field}__{lookup}={bound}") == expected


def test_expedition_search(client, expeditions):
    astronaut = expeditions[7]["crew"][0]["astronaut"]
    nationality = astronaut["nationality"][0]["nationality_name"]
    terms = [astronaut["name"].split()[0], nationality, expeditions[7]["name"].split()[0]]
    agency = next(s["astronaut"]["agency"] for e in expeditions.values() for s in e["crew"] if s["astronaut"]["agency"])
    terms += [agency["abbrev"], agency["name"]]
    for term in terms:
        expected = sorted(i for i, e in expeditions.items() if expedition_matches(e, term.lower()))
        assert expected, term
        assert ids(client, f"{EXPEDITIONS}?search={term}") == expected


def expedition_matches(expedition, term):
    return term in expedition["name"].lower() or any(
        term in seat["astronaut"]["name"].lower()
        or any(term in country["nationality_name"].lower() for country in seat["astronaut"]["nationality"])
        or (seat["astronaut"]["agency"] and (
            term in seat["astronaut"]["agency"]["name"].lower() or term in seat["astronaut"]["agency"]["abbrev"].lower()
        ))
        for seat in expedition["crew"]
    )


@pytest.mark.parametrize("key", ["start", "end"])
@pytest.mark.parametrize("descending", [False, True])
def test_expedition_ordering(client, expeditions, key, descending):
    order = f"-{key}" if descending else key
    assert ids(client, f"{EXPEDITIONS}?ordering={order}") == expected_order(
        expeditions, lambda e: moment(e[key]), descending
    )


def test_expeditions_list_their_spacewalks_and_station(client, expeditions):
    walks = [walk for e in expeditions.values() for walk in e["spacewalks"]]
    assert walks and {walk["response_mode"] for walk in walks} == {"list"}
    for walk in walks:
        assert moment(walk["start"]) < moment(walk["end"])
    assert get_json(client, walks[0]["url"])["name"] == walks[0]["name"]
    first = expeditions[1]
    assert first["spacestation"]["owners"] == get_json(client, f"{STATIONS}{first['spacestation']['id']}/")["owners"]


# Payloads

@pytest.fixture
def payloads(client):
    return every(client, f"{PAYLOADS}?mode=detailed")


@pytest.fixture
def payload_flights(client):
    return every(client, f"{PAYLOAD_FLIGHTS}?mode=detailed")


def test_payload_filters(client, payloads):
    payload = payloads[7]
    manufacturer, operator = payload["manufacturer"], payload["operator"]
    cases = {
        f"manufacturer__id={manufacturer['id']}": lambda p: p["manufacturer"]["id"] == manufacturer["id"],
        f"manufacturer__name={manufacturer['name']}": lambda p: p["manufacturer"]["name"] == manufacturer["name"],
        f"name={payload['name']}": lambda p: p["name"] == payload["name"],
        f"operator={operator['id']}": lambda p: p["operator"]["id"] == operator["id"],
        f"operator__id={operator['id']}": lambda p: p["operator"]["id"] == operator["id"],
        f"operator__name={operator['name']}": lambda p: p["operator"]["name"] == operator["name"],
    }
    programs = {program["id"] for p in payloads.values() for program in p["program"]}
    for program in programs:
        cases[f"program__id={program}"] = lambda p, program=program: program in {g["id"] for g in p["program"]}
    for query, keep in cases.items():
        expected = sorted_ids(payloads, keep)
        assert expected, query
        assert ids(client, f"{PAYLOADS}?{query}") == expected
    assert ids(client, f"{PAYLOADS}?operator__id=999999") == []
    assert ids(client, f"{PAYLOADS}?manufacturer__name={payload['manufacturer']['name'].lower()}") == []
    assert "operator" in get_json(client, f"{PAYLOADS}?operator=999999", status=400)


def test_payload_search_reaches_the_destination_and_launch_of_its_flights(client, payloads, payload_flights):
    flights_of = {i: [f for f in payload_flights.values() if f["payload"]["id"] == i] for i in payloads}
    launch_name = next(f["launch"]["name"] for f in payload_flights.values())
    terms = [launch_name.split(" | ")[1], "low earth", payloads[3]["name"], payloads[3]["operator"]["name"]]
    for term in terms:
        expected = sorted(i for i, p in payloads.items() if payload_matches(p, flights_of[i], term.lower()))
        assert 0 < len(expected) < len(payloads), term
        assert ids(client, f"{PAYLOADS}?search={term}") == expected


def payload_matches(payload, flights, term):
    return (
        term in payload["name"].lower() or term in payload["manufacturer"]["name"].lower()
        or term in payload["operator"]["name"].lower()
        or any(term in (f["destination"] or "").lower() or term in f["launch"]["name"].lower() for f in flights)
    )


@pytest.mark.parametrize("descending", [False, True])
def test_payloads_ordered_by_the_launch_of_their_first_flight(client, payloads, payload_flights, descending):
    """LL2's `payloadflight__rocket__launch__net`: each payload once, at the launch of its first flight."""
    nets = {}
    for flight in payload_flights.values():
        net = moment(flight["launch"]["net"])
        nets[flight["payload"]["id"]] = min(filter(None, [nets.get(flight["payload"]["id"]), net]))
    assert len(nets) < len(payloads)  # some payloads have no flight: they sort as nulls
    order = "-payloadflight__rocket__launch__net" if descending else "payloadflight__rocket__launch__net"
    assert ids(client, f"{PAYLOADS}?ordering={order}") == expected_order(
        payloads, lambda p: nets.get(p["id"]), descending
    )


def test_payload_modes_nest_agencies_and_programs_ever_fuller(client, payloads):
    listed = every(client, f"{PAYLOADS}?mode=list")[7]
    normal = every(client, PAYLOADS)[7]
    assert listed["manufacturer"]["response_mode"] == "list" and "program" not in listed
    assert normal["manufacturer"]["response_mode"] == "normal"
    assert payloads[7]["manufacturer"]["response_mode"] == "normal"  # AgencyDetailed is `normal` too
    assert "social_media_links" in payloads[7]["manufacturer"]
    assert all("mission_patches" in program for program in payloads[7]["program"])


# Payload flights

def test_payload_flight_filter(client, payload_flights):
    payload = payload_flights[1]["payload"]["id"]
    expected = sorted_ids(payload_flights, lambda f: f["payload"]["id"] == payload)
    assert ids(client, f"{PAYLOAD_FLIGHTS}?payload={payload}") == expected
    assert "payload" in get_json(client, f"{PAYLOAD_FLIGHTS}?payload=999999", status=400)


def test_detailed_payload_flights_list_the_events_they_chase(client, payload_flights):
    events = every(client, EVENTS)
    for flight in payload_flights.values():
        expected = sorted(i for i, e in events.items() if (e["payload_flight_chaser"] or {}).get("id") == flight["id"])
        assert [e["id"] for e in flight["docking_events"]] == expected
    assert sum(bool(f["docking_events"]) for f in payload_flights.values()) > 10


# Lookups

@pytest.mark.parametrize("path", ["docking_locations", "space_station_statuses", "payload_types"])
def test_lookups_answer_one_shape_whatever_the_mode(client, path):
    url = f"/2.3.0/config/{path}/"
    records = every(client, url)
    assert len(records) > 20
    first = min(records)
    assert get_json(client, f"{url}{first}/") == records[first] == get_json(client, f"{url}{first}/?mode=list")
    assert get_json(client, f"{url}?mode=detailed&limit=100")["results"][0] == records[first]


# Import

def import_page(tmp_path, page, name="page.json"):
    path = tmp_path / name
    path.write_text(json.dumps(page))
    call_command("import_ll2", str(path), verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())


def test_importing_active_expeditions_links_them_without_touching_the_station_s_others(client, tmp_path):
    station = next(
        s for s in every(client, STATIONS).values()
        if s["active_expeditions"] and Expedition.objects.filter(spacestation=s["id"]).count() > 1
    )
    others = set(Expedition.objects.filter(spacestation=station["id"]).values_list("pk", flat=True))
    active = station["active_expeditions"][0]
    moved = Expedition.objects.exclude(spacestation=station["id"]).first()
    save(Expedition.objects.filter(pk=active["id"]), spacestation=None, name="stale")
    # The page lists a renamed active expedition, and one that was another station's.
    page_station = {
        **station,
        "active_expeditions": [
            {**active},
            {"id": moved.pk, "url": f"http://testserver{EXPEDITIONS}{moved.pk}/", "name": moved.name,
             "start": moved.start.isoformat().replace("+00:00", "Z"), "end": None},
        ],
    }
    import_page(tmp_path, {"count": 1, "next": None, "previous": None, "results": [page_station]})
    linked = set(Expedition.objects.filter(spacestation=station["id"]).values_list("pk", flat=True))
    assert linked == others | {moved.pk}
    assert Expedition.objects.get(pk=active["id"]).name == active["name"]
    assert Expedition.objects.get(pk=moved.pk).end is None


def test_importing_what_is_currently_docked_links_the_event_to_its_location(client, tmp_path):
    events_at = {}
    for event in every(client, EVENTS).values():
        events_at.setdefault(event["docking_location"]["id"], set()).add(event["id"])
    # A station with a location where a vehicle is docked after others, and one where nothing is.
    station, location = next(
        (s, loc) for s in every(client, f"{STATIONS}?mode=detailed").values()
        if any(not other["currently_docked"] for other in s["docking_location"])
        for loc in s["docking_location"] if loc["currently_docked"] and len(events_at[loc["id"]]) > 1
    )
    event = location["currently_docked"]["id"]
    before = set(DockingEvent.objects.filter(docking_location=location["id"]).values_list("pk", flat=True))
    assert before == events_at[location["id"]]
    save(DockingEvent.objects.filter(pk=event), docking_location=None)
    empty = next(loc for loc in station["docking_location"] if not loc["currently_docked"])
    empty_before = set(DockingEvent.objects.filter(docking_location=empty["id"]).values_list("pk", flat=True))
    import_page(tmp_path, station)
    assert set(DockingEvent.objects.filter(docking_location=location["id"]).values_list("pk", flat=True)) == before
    # A location with nothing docked (`currently_docked: null`) keeps its past events.
    assert set(DockingEvent.objects.filter(docking_location=empty["id"]).values_list("pk", flat=True)) == empty_before
    assert DockingLocation.objects.get(pk=location["id"]).spacestation_id == station["id"]


def test_a_page_of_records_without_urls_is_imported_through_its_own_links(client, tmp_path):
    page = get_json(client, f"{PAYLOADS}?mode=list&limit=5&offset=5")
    with emptied():
        import_page(tmp_path, page)
        assert get_json(client, f"{PAYLOADS}?mode=list&limit=5")["results"] == page["results"]
    # Without a next or previous link, nothing says whose records they are.
    alone = {**page, "next": None, "previous": None}
    with pytest.raises(CommandError):
        import_page(tmp_path, alone, "alone.json")
