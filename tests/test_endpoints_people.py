"""Astronauts, programs, mission patches, spacewalks and their lookups, over the synthetic data.

Expectations come from the JSON of the records (every record fetched, then filtered or sorted in
Python), not from the ORM; the lists LL2 derives (an astronaut's flights, landings and spacewalks, a
patch's programs and expeditions) are checked against the records they summarise.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import isodate
import pytest

from .expectations import COMPARED, expected_order, found, sorted_ids
from .fidelity import all_results, get_json, ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

ASTRONAUTS = "/2.3.0/astronauts/"
PATCHES = "/2.3.0/mission_patches/"
PROGRAMS = "/2.3.0/programs/"
SPACEWALKS = "/2.3.0/spacewalks/"


def duration(value):
    return value and isodate.parse_duration(value)


def check_comparison(client, url, records, field, lookup, keep, parse=lambda value: value):
    values = sorted({record[field] for record in records.values() if record[field] is not None}, key=parse)
    bound = values[len(values) // 2]
    expected = sorted_ids(records, lambda r: r[field] is not None and keep(parse(r[field]), parse(bound)))
    assert 0 < len(expected) < len(records)
    assert ids(client, f"{url}?{field}{lookup}={quote(str(bound))}") == expected


@pytest.fixture
def astronauts(fetched):
    return fetched(ASTRONAUTS)


@pytest.fixture
def detailed_astronauts(fetched):
    return fetched(f"{ASTRONAUTS}?mode=detailed")


@pytest.fixture
def spacewalks(fetched):
    return fetched(f"{SPACEWALKS}?mode=detailed")


# Astronauts: modes and what LL2 derives

def test_astronaut_modes_add_counts_then_lists(fetched, astronauts, detailed_astronauts):
    listed = fetched(f"{ASTRONAUTS}?mode=list")
    assert listed.keys() == astronauts.keys() == detailed_astronauts.keys()
    for i, astronaut in astronauts.items():
        shared = {k: v for k, v in astronaut.items() if k != "response_mode"}
        assert {k: v for k, v in listed[i].items() if k != "response_mode"} == {
            k: v for k, v in shared.items() if k not in ("flights_count", "landings_count", "spacewalks_count")
        }
        assert {k: detailed_astronauts[i][k] for k in shared} == shared
        assert (listed[i]["response_mode"], astronaut["response_mode"], detailed_astronauts[i]["response_mode"]) == (
            "list", "normal", "detailed"
        )
    # The list mode is the shape that crews embed.
    walk = next(w for w in fetched(f"{SPACEWALKS}?mode=detailed").values() if w["crew"])
    seat = walk["crew"][0]["astronaut"]
    assert seat == listed[seat["id"]]


def test_astronaut_counts_and_eva_time_summarise_their_lists(detailed_astronauts):
    for astronaut in detailed_astronauts.values():
        assert astronaut["flights_count"] == len(astronaut["flights"])
        assert astronaut["landings_count"] == len(astronaut["landings"])
        assert astronaut["spacewalks_count"] == len(astronaut["spacewalks"])
        walked = sum((duration(walk["duration"]) for walk in astronaut["spacewalks"]), timedelta(0))
        assert duration(astronaut["eva_time"]) == walked
    assert sum(a["spacewalks_count"] > 1 for a in detailed_astronauts.values()) > 5
    assert sum(a["landings_count"] < a["flights_count"] for a in detailed_astronauts.values()) > 0


def past(value):
    return value is not None and isodate.parse_datetime(value) <= datetime.now(UTC)


def test_astronaut_flights_landings_and_spacewalks_are_those_of_their_crews(fetched, detailed_astronauts, spacewalks):
    flights = fetched("/2.3.0/spacecraft_flights/?mode=detailed")
    # Flights that took place: the crews of planned flights have not flown yet.
    assert any(not past(f["launch"]["net"]) and f["launch_crew"] for f in flights.values())
    for astronaut in detailed_astronauts.values():
        def crewed(seats, astronaut=astronaut):
            return astronaut["id"] in {seat["astronaut"]["id"] for seat in seats}

        launched = sorted(
            f["launch"]["id"] for f in flights.values() if crewed(f["launch_crew"]) and past(f["launch"]["net"])
        )
        landed = sorted(i for i, f in flights.items() if crewed(f["landing_crew"]) and past(f["mission_end"]))
        walked = sorted(i for i, w in spacewalks.items() if crewed(w["crew"]))
        assert sorted(launch["id"] for launch in astronaut["flights"]) == launched
        assert sorted(flight["id"] for flight in astronaut["landings"]) == landed
        assert sorted(walk["id"] for walk in astronaut["spacewalks"]) == walked
        for walk in astronaut["spacewalks"]:
            assert walk["response_mode"] == "list"
            assert walk["crew"] == spacewalks[walk["id"]]["crew"]


def test_first_and_last_flights_are_the_dates_of_the_flights(detailed_astronauts):
    for astronaut in detailed_astronauts.values():
        nets = sorted(isodate.parse_datetime(launch["net"]) for launch in astronaut["flights"])
        first, last = astronaut["first_flight"], astronaut["last_flight"]
        assert (first and isodate.parse_datetime(first), last and isodate.parse_datetime(last)) == (
            (nets[0], nets[-1]) if nets else (None, None)
        )


# Astronauts: filters, search, ordering

@pytest.mark.parametrize("field", ["age", "flights_count", "landings_count"])
@pytest.mark.parametrize("lookup, keep", COMPARED)
def test_astronaut_number_filters(client, astronauts, field, lookup, keep):
    check_comparison(client, ASTRONAUTS, astronauts, field, lookup, keep)


@pytest.mark.parametrize("field, parse", [
    ("date_of_birth", isodate.parse_date),
    ("date_of_death", isodate.parse_date),
    ("first_flight", isodate.parse_datetime),
    ("last_flight", isodate.parse_datetime),
])
@pytest.mark.parametrize("lookup, keep", COMPARED)
def test_astronaut_date_filters(client, astronauts, field, parse, lookup, keep):
    check_comparison(client, ASTRONAUTS, astronauts, field, lookup, keep, parse)


def test_astronaut_agency_status_and_type_filters(client, astronauts):
    agencies = sorted({a["agency"]["id"] for a in astronauts.values() if a["agency"]})
    chosen = agencies[:2]
    assert ids(client, f"{ASTRONAUTS}?agency_ids={chosen[0]},{chosen[1]}") == sorted_ids(
        astronauts, lambda a: a["agency"] and a["agency"]["id"] in chosen
    )
    assert ids(client, f"{ASTRONAUTS}?status_ids=1,3") == sorted_ids(astronauts, lambda a: a["status"]["id"] in (1, 3))
    for kind in {a["type"]["id"] for a in astronauts.values()}:
        expected = sorted_ids(astronauts, lambda a, kind=kind: a["type"]["id"] == kind)
        assert ids(client, f"{ASTRONAUTS}?type__id={kind}") == expected
    assert ids(client, f"{ASTRONAUTS}?type__id=99999") == []


def test_astronaut_nationality_filter_names_a_nationality_in_any_case(client, astronauts):
    def of(nationality):
        return sorted_ids(astronauts, lambda a: nationality in {c["nationality_name"] for c in a["nationality"]})

    expected = of("French")
    assert 0 < len(expected) < len(astronauts)
    assert ids(client, f"{ASTRONAUTS}?nationality=French") == expected
    assert ids(client, f"{ASTRONAUTS}?nationality=fRENCH") == expected
    assert ids(client, f"{ASTRONAUTS}?nationality=Fren") == []


def test_astronaut_boolean_filters(client, astronauts):
    flown = sorted_ids(astronauts, lambda a: a["first_flight"] is not None)
    assert flown == sorted_ids(astronauts, lambda a: a["flights_count"] > 0)
    assert 0 < len(flown) < len(astronauts)
    assert ids(client, f"{ASTRONAUTS}?has_flown=true") == flown
    assert ids(client, f"{ASTRONAUTS}?has_flown=false") == sorted(set(astronauts) - set(flown))
    in_space = sorted_ids(astronauts, lambda a: a["in_space"])
    assert 0 < len(in_space) < len(astronauts)
    assert ids(client, f"{ASTRONAUTS}?in_space=true") == in_space
    assert ids(client, f"{ASTRONAUTS}?in_space=false") == sorted(set(astronauts) - set(in_space))
    animals = sorted_ids(astronauts, lambda a: a["type"]["name"] == "Non-Human")
    assert 0 < len(animals) < len(astronauts)
    assert ids(client, f"{ASTRONAUTS}?is_human=false") == animals
    assert ids(client, f"{ASTRONAUTS}?is_human=true") == sorted(set(astronauts) - set(animals))
    for name in ("has_flown", "in_space", "is_human"):
        assert name in get_json(client, f"{ASTRONAUTS}?{name}=maybe", status=400)


def test_astronaut_search(client, astronauts):
    astronaut = next(a for a in astronauts.values() if a["agency"])
    terms = [
        astronaut["name"].split()[0].lower(),
        astronaut["agency"]["abbrev"],
        astronaut["agency"]["name"].upper(),
        astronaut["nationality"][0]["nationality_name"],
    ]
    for term in terms:
        expected = sorted_ids(astronauts, lambda a, term=term: found(
            term, a["name"], *(c["nationality_name"] for c in a["nationality"]),
            *((a["agency"]["name"], a["agency"]["abbrev"]) if a["agency"] else ()),
        ))
        assert 0 < len(expected) < len(astronauts), term
        assert ids(client, f"{ASTRONAUTS}?search={quote(term)}") == expected


@pytest.mark.parametrize("ordering, key", [
    ("age", lambda a: a["age"]),
    ("date_of_birth", lambda a: a["date_of_birth"]),
    ("eva_time", lambda a: duration(a["eva_time"])),
    ("flights_count", lambda a: a["flights_count"]),
    ("landings_count", lambda a: a["landings_count"]),
    ("last_flight", lambda a: a["last_flight"] and isodate.parse_datetime(a["last_flight"])),
    ("name", lambda a: a["name"]),
    ("spacewalks_count", lambda a: a["spacewalks_count"]),
    ("status", lambda a: a["status"]["id"]),
    ("time_in_space", lambda a: duration(a["time_in_space"])),
])
@pytest.mark.parametrize("descending", [False, True])
def test_astronaut_ordering(client, astronauts, ordering, key, descending):
    order = f"-{ordering}" if descending else ordering
    assert ids(client, f"{ASTRONAUTS}?ordering={order}") == expected_order(astronauts, key, descending)


# Programs and mission patches

def test_programs_list_and_normal_modes(client, fetched):
    normal = fetched(PROGRAMS)
    listed = fetched(f"{PROGRAMS}?mode=list")
    assert len(normal) > 10 and normal.keys() == listed.keys()
    for i, program in listed.items():
        assert program["response_mode"] == "list"
        assert {k: normal[i][k] for k in program if k != "response_mode"} == {
            k: v for k, v in program.items() if k != "response_mode"
        }
    # A program answers in normal mode alone: there is no detailed one.
    assert get_json(client, f"{PROGRAMS}1/")["response_mode"] == "normal"
    assert "mode" in get_json(client, f"{PROGRAMS}1/?mode=detailed", status=400)


@pytest.fixture
def patches(fetched):
    return fetched(f"{PATCHES}?mode=detailed")


def test_a_patch_lists_the_programs_expeditions_and_launches_that_wear_it(fetched, patches):
    programs = fetched(PROGRAMS)
    expeditions = fetched("/2.3.0/expeditions/")
    for patch in patches.values():
        def wearing(records, patch=patch):
            return sorted(i for i, r in records.items() if patch["id"] in {p["id"] for p in r["mission_patches"]})

        assert sorted(p["id"] for p in patch["program"]) == wearing(programs)
        assert sorted(e["id"] for e in patch["expeditions"]) == wearing(expeditions)
        for program in patch["program"]:
            assert program == programs[program["id"]]
    assert sum(bool(p["launches"]) for p in patches.values()) > 10
    launch = next(p for p in patches.values() if p["launches"])["launches"][0]
    assert launch["response_mode"] == "normal" and launch["url"].endswith(f"/2.3.0/launches/{launch['id']}/")


def test_patch_filters(client, patches):
    patch = next(p for p in patches.values() if p["agency"])
    agency = patch["agency"]
    assert ids(client, f"{PATCHES}?agency__id={agency['id']}") == sorted_ids(
        patches, lambda p: p["agency"] and p["agency"]["id"] == agency["id"]
    )
    by_name = sorted_ids(patches, lambda p: p["agency"] and p["agency"]["name"] == agency["name"])
    assert ids(client, f"{PATCHES}?agency__name={quote(agency['name'])}") == by_name
    word = agency["name"].split()[0]
    assert ids(client, f"{PATCHES}?agency__name__contains={quote(word)}") == sorted_ids(
        patches, lambda p: p["agency"] and word in p["agency"]["name"]
    )
    assert ids(client, f"{PATCHES}?agency__name__contains={quote(word.swapcase())}") == []
    assert ids(client, f"{PATCHES}?id={patch['id']}") == [patch["id"]]
    assert ids(client, f"{PATCHES}?ids=2,5,7") == [2, 5, 7]
    assert ids(client, f"{PATCHES}?name={quote(patch['name'])}") == [patch["id"]]
    word = patch["name"].split()[0]
    expected = sorted_ids(patches, lambda p: word in p["name"])
    assert 0 < len(expected) < len(patches)
    assert ids(client, f"{PATCHES}?name__contains={word}") == expected
    assert ids(client, f"{PATCHES}?name__contains={word.lower()}") == []


def test_patch_search(client, patches):
    patch = next(p for p in patches.values() if p["agency"])
    for term in (patch["name"].split()[0].lower(), patch["agency"]["name"]):
        expected = sorted_ids(
            patches, lambda p, term=term: found(term, p["name"], p["agency"] and p["agency"]["name"])
        )
        assert 0 < len(expected) < len(patches)
        assert ids(client, f"{PATCHES}?search={quote(term)}") == expected


@pytest.mark.parametrize("ordering, key", [
    ("agency__name", lambda p: p["agency"] and p["agency"]["name"]),
    ("name", lambda p: p["name"]),
    ("priority", lambda p: p["priority"]),
])
@pytest.mark.parametrize("descending", [False, True])
def test_patch_ordering(client, patches, ordering, key, descending):
    order = f"-{ordering}" if descending else ordering
    assert ids(client, f"{PATCHES}?ordering={order}") == expected_order(patches, key, descending)


# Spacewalks

def test_spacewalk_modes(fetched, spacewalks):
    normal, listed = fetched(SPACEWALKS), fetched(f"{SPACEWALKS}?mode=list")
    assert normal.keys() == listed.keys() == spacewalks.keys()
    for i, walk in listed.items():
        assert {k: normal[i][k] for k in walk if k != "response_mode"} == {
            k: v for k, v in walk.items() if k != "response_mode"
        }
        for key in ("spacestation", "expedition", "spacecraft_flight", "event"):
            assert (normal[i][key] and normal[i][key]["id"]) == (spacewalks[i][key] and spacewalks[i][key]["id"])
        assert normal[i]["crew"] == spacewalks[i]["crew"]
    # Walks from stations and from flights, some at a station with a flight, some with an event.
    assert any(w["spacestation"] and not w["spacecraft_flight"] for w in spacewalks.values())
    assert any(w["spacecraft_flight"] and not w["spacestation"] for w in spacewalks.values())
    assert any(w["event"] for w in spacewalks.values())


def test_a_spacewalk_s_duration_is_its_end_less_its_start(spacewalks):
    for walk in spacewalks.values():
        start, end = isodate.parse_datetime(walk["start"]), isodate.parse_datetime(walk["end"])
        assert duration(walk["duration"]) == end - start


def test_spacewalk_crew_station_and_program_filters(client, fetched, spacewalks):
    def crew(walk):
        return {seat["astronaut"]["id"] for seat in walk["crew"]}

    first, second = sorted({a for w in spacewalks.values() for a in crew(w)})[:2]
    assert ids(client, f"{SPACEWALKS}?astronaut__ids={first},{second}") == sorted_ids(
        spacewalks, lambda w: {first, second} & crew(w)
    )
    stations = sorted({w["spacestation"]["id"] for w in spacewalks.values() if w["spacestation"]})[:2]
    assert ids(client, f"{SPACEWALKS}?spacestation__ids={stations[0]},{stations[1]}") == sorted_ids(
        spacewalks, lambda w: w["spacestation"] and w["spacestation"]["id"] in stations
    )
    programs = fetched(PROGRAMS)
    program = next(p for w in spacewalks.values() for p in w["program"])
    expected = sorted_ids(spacewalks, lambda w: program["id"] in {p["id"] for p in w["program"]})
    assert 0 < len(expected) < len(spacewalks)
    assert ids(client, f"{SPACEWALKS}?program__ids={program['id']}") == expected
    assert ids(client, f"{SPACEWALKS}?program__name={quote(program['name'])}") == sorted_ids(
        spacewalks, lambda w: program["name"] in {p["name"] for p in w["program"]}
    )
    word = program["name"].split()[0]
    assert any(word not in p["name"] for p in programs.values())
    assert ids(client, f"{SPACEWALKS}?program__name__contains={word}") == sorted_ids(
        spacewalks, lambda w: any(word in p["name"] for p in w["program"])
    )
    assert ids(client, f"{SPACEWALKS}?program__name__contains={word.lower()}") == []


def test_spacewalk_owner_filter_takes_the_owners_of_the_station(client, fetched, spacewalks):
    stations = fetched("/2.3.0/space_stations/")

    def owners(walk):
        return {o["id"] for o in stations[walk["spacestation"]["id"]]["owners"]} if walk["spacestation"] else set()

    first, second = sorted({o for w in spacewalks.values() for o in owners(w)})[:2]
    expected = sorted_ids(spacewalks, lambda w: {first, second} & owners(w))
    assert 0 < len(expected) < len(spacewalks)
    assert ids(client, f"{SPACEWALKS}?owner__ids={first},{second}") == expected


def test_spacewalk_launch_and_event_filters(client, spacewalks):
    launches = [w["spacecraft_flight"]["launch"]["id"] for w in spacewalks.values() if w["spacecraft_flight"]][:2]
    assert ids(client, f"{SPACEWALKS}?launch__ids={','.join(launches)}") == sorted_ids(
        spacewalks, lambda w: w["spacecraft_flight"] and w["spacecraft_flight"]["launch"]["id"] in launches
    )
    assert "launch__ids" in get_json(client, f"{SPACEWALKS}?launch__ids=not-a-uuid", status=400)
    events = [w["event"]["id"] for w in spacewalks.values() if w["event"]][:2]
    assert ids(client, f"{SPACEWALKS}?event__ids={events[0]},{events[1]}") == sorted_ids(
        spacewalks, lambda w: w["event"] and w["event"]["id"] in events
    )


def test_spacewalk_day_month_and_year_filters_read_the_start_in_utc(client, spacewalks):
    starts = {i: isodate.parse_datetime(w["start"]) for i, w in spacewalks.items()}
    start = starts[5]
    for name, values in [("year", [start.year, start.year + 1]), ("month", [start.month, 12]), ("day", [start.day])]:
        expected = sorted(i for i, s in starts.items() if getattr(s, name) in values)
        assert 0 < len(expected) < len(spacewalks)
        assert ids(client, f"{SPACEWALKS}?{name}={','.join(map(str, values))}") == expected


@pytest.mark.parametrize("lookup, keep", COMPARED)
def test_spacewalk_end_filters(client, spacewalks, lookup, keep):
    check_comparison(client, SPACEWALKS, spacewalks, "end", lookup, keep, isodate.parse_datetime)


@pytest.mark.parametrize("lookup, keep", COMPARED[1:])
def test_spacewalk_start_filters(client, spacewalks, lookup, keep):
    check_comparison(client, SPACEWALKS, spacewalks, "start", lookup, keep, isodate.parse_datetime)


def test_spacewalk_id_and_name_filters(client, spacewalks):
    walk = spacewalks[7]
    assert ids(client, f"{SPACEWALKS}?id=7") == [7]
    assert ids(client, f"{SPACEWALKS}?ids=3,7,9") == [3, 7, 9]
    assert ids(client, f"{SPACEWALKS}?name={quote(walk['name'])}") == sorted_ids(
        spacewalks, lambda w: w["name"] == walk["name"]
    )
    expected = sorted_ids(spacewalks, lambda w: "EVA 2" in w["name"])
    assert 0 < len(expected) < len(spacewalks)
    assert ids(client, f"{SPACEWALKS}?name__contains={quote('EVA 2')}") == expected
    assert ids(client, f"{SPACEWALKS}?name__contains={quote('eva 2')}") == []


def test_spacewalk_search(client, spacewalks):
    walk = next(w for w in spacewalks.values() if w["location"] and w["program"])
    terms = [
        walk["crew"][0]["astronaut"]["name"].split()[-1],
        walk["location"].split()[-1],
        walk["name"].split()[0],
        walk["program"][0]["name"],
    ]
    for term in terms:
        expected = sorted_ids(spacewalks, lambda w, term=term: found(
            term, w["name"], w["location"], *(seat["astronaut"]["name"] for seat in w["crew"]),
            *(p["name"] for p in w["program"]),
        ))
        assert 0 < len(expected) < len(spacewalks), term
        assert ids(client, f"{SPACEWALKS}?search={quote(term)}") == expected


@pytest.mark.parametrize("ordering, key", [
    ("duration", lambda w: duration(w["duration"])),
    ("end", lambda w: w["end"] and isodate.parse_datetime(w["end"])),
    ("name", lambda w: w["name"]),
    ("start", lambda w: w["start"] and isodate.parse_datetime(w["start"])),
])
@pytest.mark.parametrize("descending", [False, True])
def test_spacewalk_ordering(client, spacewalks, ordering, key, descending):
    order = f"-{ordering}" if descending else ordering
    assert ids(client, f"{SPACEWALKS}?ordering={order}") == expected_order(spacewalks, key, descending)


# Lookups

@pytest.mark.parametrize("path, key", [
    ("program_types", "name"),
    ("astronaut_roles", "role"),
    ("astronaut_statuses", "name"),
    ("astronaut_types", "name"),
])
def test_lookups_list_every_row_by_id(client, path, key):
    rows = all_results(client, f"/2.3.0/config/{path}/")
    assert len(rows) > 20
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)
    assert all(row[key] for row in rows)
