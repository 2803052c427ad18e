"""Launcher configurations and families, launchers, pads, locations, landings and their lookups, over the
synthetic data.

Expectations come from the JSON of the records (every record fetched, then filtered, counted or sorted
in Python), not from the ORM; the counts LL2 keeps are checked against the rows they summarise.
"""

import io
import json
from collections import Counter

import pytest
from django.core.management import call_command

from launches.models import FirstStage, FirstStageType, Landing

from .expectations import COMPARED, expected_order, sorted_by_name, sorted_ids
from .fidelity import get_json, ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

CONFIGS = "/2.3.0/launcher_configurations/"
FAMILIES = "/2.3.0/launcher_configuration_families/"
LAUNCHERS = "/2.3.0/launchers/"
PADS = "/2.3.0/pads/"
LOCATIONS = "/2.3.0/locations/"
LANDINGS = "/2.3.0/landings/"
LANDING_LOCATIONS = "/2.3.0/config/landing_locations/"


def middle(values):
    values = sorted(value for value in values if value is not None)
    return values[len(values) // 2]


def owner(landing):
    return landing["firststage"] or landing["spacecraftflight"] or landing["payloadflight"]


# Landings: what they ended, and the counts that summarise them

def test_each_landing_ended_one_first_stage_spacecraft_flight_or_payload_flight(client, fetched):
    landings = fetched(LANDINGS)
    kinds = Counter(
        tuple(key for key in ("firststage", "spacecraftflight", "payloadflight") if landing[key])
        for landing in landings.values()
    )
    assert set(kinds) == {("firststage",), ("spacecraftflight",), ("payloadflight",)}
    first_page = get_json(client, f"{LANDINGS}?limit=100")["results"]
    for key in ("firststage", "spacecraftflight", "payloadflight"):
        assert sum(bool(landing[key]) for landing in first_page) > 10


def test_a_landing_s_first_stage_is_its_launcher_s_flight(client, fetched):
    launchers = fetched(LAUNCHERS)
    some = ",".join(str(i) for i in sorted(launchers)[:60])
    stages = [landing["firststage"] for landing in fetched(f"{LANDINGS}?mode=detailed&launcher__ids={some}").values()]
    assert len(stages) > 60
    for stage in stages:
        launcher = launchers[stage["launcher"]["id"]]
        assert stage["launcher"] == launcher
        assert 1 <= stage["launcher_flight_number"] <= launcher["flights"]
        assert stage["reused"] == (stage["launcher_flight_number"] > 1)
        previous = stage["previous_flight"]
        assert (previous is None) == (stage["launcher_flight_number"] == 1)
        if previous:
            assert stage["previous_flight_date"] == previous["net"]
            assert launcher["first_launch_date"] <= previous["net"] < launcher["last_launch_date"]
    assert {stage["type"] for stage in stages} == {"Core", "Booster"}
    assert any(stage["previous_flight"] for stage in stages)


def test_launcher_landing_counts_agree_with_their_landings(fetched):
    landings = fetched(LANDINGS)
    attempted, succeeded = Counter(), Counter()
    for landing in landings.values():
        if landing["firststage"] and landing["attempt"]:
            attempted[landing["firststage"]["launcher"]["id"]] += 1
            succeeded[landing["firststage"]["launcher"]["id"]] += landing["success"] is True
    launchers = fetched(LAUNCHERS)
    for i, launcher in launchers.items():
        assert launcher["attempted_landings"] == attempted[i]
        assert launcher["successful_landings"] == succeeded[i]
        assert launcher["flight_proven"] == (launcher["flights"] > 1)
        assert launcher["first_launch_date"] <= launcher["last_launch_date"]
    assert any(launcher["flights"] > 2 for launcher in launchers.values())


def test_configuration_and_family_landing_counts_agree_with_their_boosters_landings(fetched):
    config_of = {i: launcher["launcher_config"]["id"] for i, launcher in fetched(f"{LAUNCHERS}?mode=detailed").items()}
    outcomes = Counter()
    for landing in fetched(LANDINGS).values():
        if landing["firststage"] and landing["attempt"]:
            outcomes[config_of[landing["firststage"]["launcher"]["id"]], landing["success"]] += 1
    configs = fetched(f"{CONFIGS}?mode=detailed")
    for i, config in configs.items():
        assert config["successful_landings"] == outcomes[i, True]
        assert config["failed_landings"] == outcomes[i, False]
        assert config["attempted_landings"] == outcomes[i, True] + outcomes[i, False] + outcomes[i, None]
    for family in fetched(f"{FAMILIES}?mode=detailed").values():
        members = [c for c in configs.values() if family["id"] in [f["id"] for f in c["families"]]]
        assert family["attempted_landings"] == sum(c["attempted_landings"] for c in members)
        assert family["total_launch_count"] == sum(c["total_launch_count"] for c in members)
    assert sum(config["attempted_landings"] for config in configs.values()) > 100


def test_landing_location_counts_agree_with_their_landings(fetched):
    counts = Counter()
    for landing in fetched(LANDINGS).values():
        if landing["attempt"]:
            counts[landing["landing_location"]["id"], "attempted"] += 1
            outcome = {True: "successful", False: "failed"}.get(landing["success"])
            counts[landing["landing_location"]["id"], outcome] += 1
    places = fetched(LANDING_LOCATIONS)
    assert len(places) > 20
    for i, place in places.items():
        for kind in ("attempted", "successful", "failed"):
            assert place[f"{kind}_landings"] == counts[i, kind]


def test_locations_sum_their_pads_launches_and_landings(fetched):
    pads = fetched(PADS)
    places = fetched(LANDING_LOCATIONS)
    for location in fetched(f"{LOCATIONS}?mode=detailed").values():
        own = [pad for pad in pads.values() if pad["location"] and pad["location"]["id"] == location["id"]]
        assert location["total_launch_count"] == sum(pad["total_launch_count"] for pad in own)
        assert location["total_landing_count"] == sum(
            place["attempted_landings"] for place in places.values()
            if place["location"] and place["location"]["id"] == location["id"]
        )


def test_a_detailed_location_lists_its_pads_without_their_location(fetched):
    pads = fetched(PADS)
    locations = fetched(f"{LOCATIONS}?mode=detailed")
    for location in locations.values():
        expected = sorted_ids(pads, lambda pad, i=location["id"]: pad["location"] and pad["location"]["id"] == i)
        assert [pad["id"] for pad in location["pads"]] == expected
        for pad in location["pads"]:
            shown = {key: value for key, value in pads[pad["id"]].items() if key != "location"}
            assert pad.keys() == shown.keys()
            assert pad["agencies"] == [
                {key: agency[key] for key in ("response_mode", "id", "url", "name", "abbrev", "type")}
                | {"response_mode": "list"}
                for agency in shown["agencies"]
            ]
    assert sum(bool(location["pads"]) for location in locations.values()) > 5
    normal = fetched(LOCATIONS)
    assert all("pads" not in location for location in normal.values())


# Landings: filters, search, ordering

def test_landing_boolean_filters(client, fetched):
    landings = fetched(LANDINGS)
    assert ids(client, f"{LANDINGS}?attempt=false&limit=100") == sorted_ids(landings, lambda x: x["attempt"] is False)
    assert ids(client, f"{LANDINGS}?success=true&limit=100") == sorted_ids(landings, lambda x: x["success"] is True)


def test_landing_location_and_type_filters(client, fetched):
    landings = fetched(LANDINGS)
    places = sorted({landing["landing_location"]["id"] for landing in landings.values()})[:2]
    types = sorted({landing["type"]["id"] for landing in landings.values()})[-2:]
    assert ids(client, f"{LANDINGS}?landing_location__ids={places[0]},{places[1]}&limit=100") == sorted_ids(
        landings, lambda x: x["landing_location"]["id"] in places
    )
    assert ids(client, f"{LANDINGS}?landing_type__ids={types[0]},{types[1]}&limit=100") == sorted_ids(
        landings, lambda x: x["type"]["id"] in types
    )


def test_landing_first_stage_filters(client, fetched):
    landings = fetched(LANDINGS)
    staged = {i: x["firststage"]["launcher"] for i, x in landings.items() if x["firststage"]}
    chosen = sorted({launcher["id"] for launcher in staged.values()})[:3]
    serials = sorted({launcher["serial_number"] for launcher in staged.values()})[-2:]
    expected = sorted(i for i, launcher in staged.items() if launcher["id"] in chosen)
    assert expected and ids(client, f"{LANDINGS}?launcher__ids={','.join(map(str, chosen))}") == expected
    assert ids(client, f"{LANDINGS}?launcher_serial_numbers={','.join(serials)}") == sorted(
        i for i, launcher in staged.items() if launcher["serial_number"] in serials
    )
    config_of = {i: launcher["launcher_config"]["id"] for i, launcher in fetched(f"{LAUNCHERS}?mode=detailed").items()}
    config = config_of[chosen[0]]
    assert ids(client, f"{LANDINGS}?launcher_config__ids={config}&limit=100") == sorted(
        i for i, launcher in staged.items() if config_of[launcher["id"]] == config
    )
    # A first stage's launch is not part of its shape: it is the launch of the stage's rocket.
    launch_of = dict(FirstStage.objects.filter(landing__isnull=False).values_list("landing_id", "rocket__launch__id"))
    launches = sorted({str(launch_of[i]) for i in list(staged)[:4]})
    assert ids(client, f"{LANDINGS}?firststage_launch__ids={','.join(launches)}") == sorted(
        i for i in staged if str(launch_of[i]) in launches
    )


def test_landing_spacecraft_filters(client, fetched):
    landings = fetched(LANDINGS)
    flights = {i: x["spacecraftflight"] for i, x in fetched(f"{LANDINGS}?mode=normal").items() if x["spacecraftflight"]}
    assert flights.keys() == {i for i, x in landings.items() if x["spacecraftflight"]}
    craft = sorted({flight["spacecraft"]["id"] for flight in flights.values()})[:3]
    assert ids(client, f"{LANDINGS}?spacecraft__ids={','.join(map(str, craft))}") == sorted(
        i for i, flight in flights.items() if flight["spacecraft"]["id"] in craft
    )
    config = next(iter(flights.values()))["spacecraft"]["spacecraft_config"]["id"]
    assert ids(client, f"{LANDINGS}?spacecraft_config__ids={config}&limit=100") == sorted(
        i for i, flight in flights.items() if flight["spacecraft"]["spacecraft_config"]["id"] == config
    )
    launches = sorted(flight["launch"]["id"] for flight in list(flights.values())[:3])
    assert ids(client, f"{LANDINGS}?spacecraft_launch__ids={','.join(launches)}") == sorted(
        i for i, flight in flights.items() if flight["launch"]["id"] in launches
    )
    assert get_json(client, f"{LANDINGS}?spacecraft_launch__ids=not-a-uuid", status=400)


def test_landing_search(client, fetched):
    landings = fetched(LANDINGS)
    serial = next(x["firststage"]["launcher"]["serial_number"] for x in landings.values() if x["firststage"])
    assert ids(client, f"{LANDINGS}?search={serial.lower()}&limit=100") == sorted_ids(
        landings, lambda x: serial.lower() in x["landing_location"]["name"].lower()
        or serial.lower() in x["landing_location"]["abbrev"].lower()
        or (x["firststage"] and serial in x["firststage"]["launcher"]["serial_number"])
    )
    flight = next(x["spacecraftflight"] for x in landings.values() if x["spacecraftflight"])
    name = flight["launch"]["name"]
    found = ids(client, f"{LANDINGS}?search={name}&limit=100")
    launched = {
        i for i, x in landings.items() if x["spacecraftflight"] and x["spacecraftflight"]["launch"]["name"] == name
    }
    assert launched and launched <= set(found)


@pytest.mark.parametrize("descending", [False, True])
def test_landing_ordering(client, fetched, descending):
    landings = fetched(LANDINGS)
    order = f"{'-' if descending else ''}downrange_distance"
    assert ids(client, f"{LANDINGS}?ordering={order}&limit=100") == expected_order(
        landings, lambda x: x["downrange_distance"], descending
    )


# Launchers

@pytest.mark.parametrize("field", ["flights", "attempted_landings", "successful_landings"])
@pytest.mark.parametrize("lookup, keep", COMPARED)
def test_launcher_count_filters(client, fetched, field, lookup, keep):
    launchers = fetched(LAUNCHERS)
    bound = sorted({x[field] for x in launchers.values()})[1]  # most launchers fly once
    expected = sorted_ids(launchers, lambda x: keep(x[field], bound))
    assert 0 < len(expected) < len(launchers)
    assert ids(client, f"{LAUNCHERS}?{field}{lookup}={bound}&limit=100") == expected


def test_launcher_filters(client, fetched):
    launchers = fetched(f"{LAUNCHERS}?mode=detailed")
    configs = fetched(CONFIGS)
    one = launchers[7]
    assert ids(client, f"{LAUNCHERS}?serial_number={one['serial_number']}") == [7]
    assert ids(client, f"{LAUNCHERS}?serial_number__contains=B10&limit=100") == sorted_ids(
        launchers, lambda x: "B10" in x["serial_number"]
    )
    assert ids(client, f"{LAUNCHERS}?serial_number__contains=b10") == []
    # `id__contains`: the digits of the id.
    assert ids(client, f"{LAUNCHERS}?id__contains=12&limit=100") == sorted_ids(
        launchers, lambda x: "12" in str(x["id"])
    )
    assert ids(client, f"{LAUNCHERS}?id=7") == [7]
    for name in ("flight_proven", "is_placeholder"):
        assert ids(client, f"{LAUNCHERS}?{name}=true&limit=100") == sorted_ids(
            launchers, lambda x, name=name: x[name] is True
        )
    status = one["status"]["id"]
    assert ids(client, f"{LAUNCHERS}?status={status}&limit=100") == sorted_ids(
        launchers, lambda x: x["status"]["id"] == status
    )
    get_json(client, f"{LAUNCHERS}?status=999999", status=400)
    assert ids(client, f"{LAUNCHERS}?first_launch_date={one['first_launch_date']}") == sorted_ids(
        launchers, lambda x: x["first_launch_date"] == one["first_launch_date"]
    )
    assert ids(client, f"{LAUNCHERS}?last_launch_date={one['last_launch_date']}") == sorted_ids(
        launchers, lambda x: x["last_launch_date"] == one["last_launch_date"]
    )
    chosen = [one["launcher_config"]["id"], launchers[8]["launcher_config"]["id"]]
    assert ids(client, f"{LAUNCHERS}?launcher_config__ids={chosen[0]},{chosen[1]}&limit=100") == sorted_ids(
        launchers, lambda x: x["launcher_config"]["id"] in chosen
    )
    made_by = {i: config["manufacturer"] and config["manufacturer"]["name"] for i, config in configs.items()}
    maker = next(name for name in made_by.values() if name)
    assert ids(client, f"{LAUNCHERS}?launcher_config__manufacturer__name={maker}&limit=100") == sorted_ids(
        launchers, lambda x: made_by[x["launcher_config"]["id"]] == maker
    )
    word = maker.split()[0]
    assert ids(client, f"{LAUNCHERS}?launcher_config__manufacturer__name__contains={word}&limit=100") == sorted_ids(
        launchers, lambda x: word in (made_by[x["launcher_config"]["id"]] or "")
    )


def test_launcher_search_and_ordering(client, fetched):
    launchers = fetched(LAUNCHERS)
    assert ids(client, f"{LAUNCHERS}?search=expended&limit=100") == sorted_ids(
        launchers, lambda x: "expended" in x["status"]["name"].lower() or "expended" in x["serial_number"].lower()
    )
    assert ids(client, f"{LAUNCHERS}?ordering=-flights&limit=100") == expected_order(
        launchers, lambda x: x["flights"], descending=True
    )
    assert ids(client, f"{LAUNCHERS}?ordering=flight_proven&limit=100") == expected_order(
        launchers, lambda x: x["flight_proven"]
    )


# Launcher configurations and families

def test_configuration_family_and_program_filters(client, fetched):
    configs = fetched(f"{CONFIGS}?mode=normal")
    family_sets = {i: {f["id"] for f in config["families"]} for i, config in configs.items()}
    both = next(sorted(families) for families in family_sets.values() if len(families) > 1)
    query = "&".join(f"families={family}" for family in both)
    assert ids(client, f"{CONFIGS}?{query}") == sorted_by_name(configs, lambda c: family_sets[c["id"]] & set(both))
    query = "&".join(f"families__contains={family}" for family in both)
    assert ids(client, f"{CONFIGS}?{query}") == sorted_by_name(configs, lambda c: family_sets[c["id"]] >= set(both))
    programs = {i: {p["id"] for p in config["program"]} for i, config in configs.items()}
    chosen = sorted(set().union(*programs.values()))[:2]
    query = "&".join(f"program={program}" for program in chosen)
    assert ids(client, f"{CONFIGS}?{query}") == sorted_by_name(configs, lambda c: programs[c["id"]] & set(chosen))
    query = "&".join(f"program__contains={program}" for program in chosen)
    assert ids(client, f"{CONFIGS}?{query}") == sorted_by_name(configs, lambda c: programs[c["id"]] >= set(chosen))
    get_json(client, f"{CONFIGS}?families=999999", status=400)


def test_configuration_text_and_count_filters(client, fetched):
    configs = fetched(f"{CONFIGS}?mode=detailed")
    one = configs[3]
    assert ids(client, f"{CONFIGS}?name={one['name']}") == sorted_by_name(configs, lambda x: x["name"] == one["name"])
    assert ids(client, f"{CONFIGS}?full_name={one['full_name']}") == sorted_by_name(
        configs, lambda x: x["full_name"] == one["full_name"]
    )
    word = one["name"].split()[0]
    assert ids(client, f"{CONFIGS}?name__contains={word}") == sorted_by_name(configs, lambda x: word in x["name"])
    assert ids(client, f"{CONFIGS}?name__contains={word.upper()}") == []
    assert ids(client, f"{CONFIGS}?full_name__contains=Block") == sorted_by_name(
        configs, lambda x: "Block" in x["full_name"]
    )
    maker = next(x["manufacturer"]["name"] for x in configs.values() if x["manufacturer"])
    assert ids(client, f"{CONFIGS}?manufacturer__name={maker}") == sorted_by_name(
        configs, lambda x: x["manufacturer"] and x["manufacturer"]["name"] == maker
    )
    for name in ("active", "is_placeholder"):
        assert ids(client, f"{CONFIGS}?{name}=false") == sorted_by_name(configs, lambda x, name=name: x[name] is False)
    day = middle(x["maiden_flight"] for x in configs.values())
    assert ids(client, f"{CONFIGS}?maiden_flight__lt={day}") == sorted_by_name(
        configs, lambda x: x["maiden_flight"] is not None and x["maiden_flight"] < day
    )
    for field in ("total_launch_count", "pending_launches", "consecutive_successful_landings"):
        bound = middle(x[field] for x in configs.values())
        assert ids(client, f"{CONFIGS}?{field}__gte={bound}") == sorted_by_name(
            configs, lambda x, field=field, bound=bound: x[field] >= bound
        )


def test_configuration_search_and_ordering(client, fetched):
    configs = fetched(f"{CONFIGS}?mode=normal")
    maker = next(x["manufacturer"] for x in configs.values() if x["manufacturer"])
    word = maker["abbrev"].lower()

    def matches(x):
        texts = [x["name"], x["full_name"], *([x["manufacturer"]["name"], x["manufacturer"]["abbrev"]]
                                              if x["manufacturer"] else [])]
        return any(word in text.lower() for text in texts)

    assert ids(client, f"{CONFIGS}?search={word}") == sorted_ids(configs, matches)
    detailed = fetched(f"{CONFIGS}?mode=detailed")
    for field in ("launch_cost", "leo_capacity", "maiden_flight", "name"):
        assert ids(client, f"{CONFIGS}?ordering=-{field}") == expected_order(
            detailed, lambda x, field=field: x[field], descending=True
        )


def test_family_manufacturer_filters(client, fetched):
    families = fetched(f"{FAMILIES}?mode=detailed")
    makers = {i: family["manufacturer"] for i, family in families.items()}
    agencies = {agency["id"]: agency for agency in (a for group in makers.values() for a in group)}
    agency = agencies[sorted(agencies)[0]]
    assert ids(client, f"{FAMILIES}?manufacturer__id={agency['id']}") == sorted(
        i for i, group in makers.items() if agency["id"] in [a["id"] for a in group]
    )
    assert ids(client, f"{FAMILIES}?manufacturer__id__contains=1") == sorted(
        i for i, group in makers.items() if any("1" in str(a["id"]) for a in group)
    )
    for field in ("name", "abbrev"):
        value = agency[field]
        assert ids(client, f"{FAMILIES}?manufacturer__{field}={value}") == sorted(
            i for i, group in makers.items() if value in [a[field] for a in group]
        )
        part = value[1:4]
        assert ids(client, f"{FAMILIES}?manufacturer__{field}__contains={part}") == sorted(
            i for i, group in makers.items() if any(part in a[field] for a in group)
        )
    # Each family once, however many of its manufacturers match.
    pair = next(group for group in makers.values() if len(group) > 1)
    common = next(letter for letter in pair[0]["name"] if letter in pair[1]["name"])
    assert ids(client, f"{FAMILIES}?manufacturer__name__contains={common}") == sorted(
        i for i, group in makers.items() if any(common in a["name"] for a in group)
    )
    code = next(country["alpha_3_code"] for a in agencies.values() for country in a["country"])
    assert ids(client, f"{FAMILIES}?manufacturer__country_code={code}") == sorted(
        i for i, group in makers.items() if any(code in [c["alpha_3_code"] for c in a["country"]] for a in group)
    )
    assert ids(client, f"{FAMILIES}?name__contains=rockets 1") == sorted_ids(
        families, lambda x: "rockets 1" in x["name"]
    )
    bound = middle(x["failed_launches"] for x in families.values())
    assert ids(client, f"{FAMILIES}?failed_launches__lt={bound}") == sorted_ids(
        families, lambda x: x["failed_launches"] < bound
    )
    assert ids(client, f"{FAMILIES}?ordering=-total_launch_count") == expected_order(
        families, lambda x: x["total_launch_count"], descending=True
    )


# Pads and locations

def test_pad_filters(client, fetched):
    pads = fetched(PADS)
    agencies = sorted({a["id"] for pad in pads.values() for a in pad["agencies"]})[:2]
    assert ids(client, f"{PADS}?agencies_ids={agencies[0]},{agencies[1]}") == sorted_ids(
        pads, lambda x: {a["id"] for a in x["agencies"]} & set(agencies)
    )
    for field in ("latitude", "longitude"):
        bound = middle(x[field] for x in pads.values())
        for lookup, keep in COMPARED[1:]:
            assert ids(client, f"{PADS}?{field}{lookup}={bound}") == sorted_ids(
                pads, lambda x, keep=keep, field=field, bound=bound: keep(x[field], bound)
            )
    location = next(x["location"] for x in pads.values() if x["location"])
    assert ids(client, f"{PADS}?location__id={location['id']}") == sorted_ids(
        pads, lambda x: x["location"] and x["location"]["id"] == location["id"]
    )
    assert ids(client, f"{PADS}?location__name={location['name']}") == sorted_ids(
        pads, lambda x: x["location"] and x["location"]["name"] == location["name"]
    )
    assert ids(client, f"{PADS}?location__name__contains=Spaceport 1") == sorted_ids(
        pads, lambda x: x["location"] and "Spaceport 1" in x["location"]["name"]
    )
    assert ids(client, f"{PADS}?name__contains=Complex 1") == sorted_ids(pads, lambda x: "Complex 1" in x["name"])
    assert ids(client, f"{PADS}?id__contains=1") == sorted_ids(pads, lambda x: "1" in str(x["id"]))
    for field in ("total_launch_count", "orbital_launch_attempt_count"):
        bound = middle(x[field] for x in pads.values())
        assert ids(client, f"{PADS}?{field}__gt={bound}") == sorted_ids(
            pads, lambda x, field=field, bound=bound: x[field] > bound
        )


def test_pad_counts_search_and_ordering(client, fetched):
    pads = fetched(PADS)
    assert sum(pad["total_launch_count"] for pad in pads.values()) > 100
    assert all(pad["orbital_launch_attempt_count"] <= pad["total_launch_count"] for pad in pads.values())
    count = str(next(pad["total_launch_count"] for pad in pads.values()))
    assert ids(client, f"{PADS}?search={count}") == sorted_ids(
        pads, lambda x: count in x["name"] or count in str(x["total_launch_count"])
        or count in str(x["orbital_launch_attempt_count"]) or (x["location"] and count in x["location"]["name"])
    )
    assert ids(client, f"{PADS}?ordering=location__name") == expected_order(
        pads, lambda x: x["location"] and x["location"]["name"]
    )


def test_location_filters_and_ordering(client, fetched):
    locations = fetched(LOCATIONS)
    codes = sorted({x["country"]["alpha_3_code"] for x in locations.values() if x["country"]})[:2]
    assert ids(client, f"{LOCATIONS}?country_code={','.join(codes)}") == sorted_ids(
        locations, lambda x: x["country"] and x["country"]["alpha_3_code"] in codes
    )
    one = locations[2]
    assert ids(client, f"{LOCATIONS}?name={one['name']}") == [2]
    assert ids(client, f"{LOCATIONS}?id=2") == [2]
    assert ids(client, f"{LOCATIONS}?name__contains=Spaceport") == sorted_ids(
        locations, lambda x: "Spaceport" in x["name"]
    )
    assert ids(client, f"{LOCATIONS}?name__contains=spaceport") == []
    for field in ("total_launch_count", "total_landing_count"):
        bound = middle(x[field] for x in locations.values())
        for lookup, keep in COMPARED:
            assert ids(client, f"{LOCATIONS}?{field}{lookup}={bound}") == sorted_ids(
                locations, lambda x, keep=keep, field=field, bound=bound: keep(x[field], bound)
            )
        assert ids(client, f"{LOCATIONS}?ordering=-{field}") == expected_order(
            locations, lambda x, field=field: x[field], descending=True
        )
    code = codes[0].lower()
    assert ids(client, f"{LOCATIONS}?search={code}") == sorted_ids(
        locations,
        lambda x: code in x["name"].lower() or (x["country"] and code == x["country"]["alpha_3_code"].lower()),
    )


# Importing what LL2 shows of landings

def page(tmp_path, name, records, next_url=None):
    path = tmp_path / name
    path.write_text(json.dumps({"count": len(records), "next": next_url, "previous": None, "results": records}))
    return path


def test_importing_a_landing_links_the_first_stage_it_names_in_place_of_the_one_stored(client, fetched, tmp_path):
    staged = [landing for landing in fetched(LANDINGS).values() if landing["firststage"]]
    landing, other = staged[0], staged[1]
    record = get_json(client, f"{LANDINGS}{landing['id']}/?mode=list")
    record["firststage"] = get_json(client, f"{LANDINGS}{other['id']}/?mode=list")["firststage"]
    call_command("import_ll2", str(page(tmp_path, "landing.json", [record])), stdout=io.StringIO())
    assert get_json(client, f"{LANDINGS}{landing['id']}/?mode=list") == record
    assert get_json(client, f"{LANDINGS}{other['id']}/?mode=list")["firststage"] is None
    assert FirstStage.objects.get(pk=landing["firststage"]["id"]).landing is None
    # Null says nothing of the first stage: the stored one stays.
    record["firststage"] = None
    call_command("import_ll2", str(page(tmp_path, "null.json", [record])), stdout=io.StringIO())
    assert Landing.objects.get(pk=landing["id"]).firststage.pk == other["firststage"]["id"]


def test_a_first_stage_type_is_imported_by_its_name(client, fetched, tmp_path):
    landing = next(x for x in fetched(LANDINGS).values() if x["firststage"])
    record = get_json(client, f"{LANDINGS}{landing['id']}/?mode=list")
    record["firststage"]["type"] = "Side booster"
    call_command("import_ll2", str(page(tmp_path, "landing.json", [record])), stdout=io.StringIO())
    assert get_json(client, f"{LANDINGS}{landing['id']}/?mode=list")["firststage"]["type"] == "Side booster"
    assert FirstStageType.objects.filter(name="Side booster").count() == 1
    record["firststage"]["type"] = "Core"
    call_command("import_ll2", str(page(tmp_path, "core.json", [record])), stdout=io.StringIO())
    assert FirstStage.objects.get(pk=record["firststage"]["id"]).type == FirstStageType.objects.get(name="Core")
