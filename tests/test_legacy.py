"""The legacy LL2 2.0.0 endpoint `/2.0.0/spacecraft/flight/`, served from the same data as 2.3.0."""

import io
import json
import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies import models as agencies
from launches import models as launches
from lldapi import tables
from lldapi.api.registry import registry
from spacecraft import models as spacecraft

from .fidelity import FIXTURES, all_results, as_text, assert_reproduced, get_json, ids, links, seed_records
from .writes import save

pytestmark = pytest.mark.django_db

LEGACY_PAGE = "003_6b9f4802707ad897.txt"
CURRENT_PAGES = ["000_507bf079f7021729.txt", "001_ebc334ed3d95f5b7.txt", "002_bbbeb383994fa821.txt",
                 "004_d87d66eee62c9c95.txt"]
ENDPOINT = "/2.0.0/spacecraft/flight/"


def seed_flights():
    """Every spacecraft flight of the seed pages, by id: the 2.0.0 page's and those docking events embed."""
    flights = {record["id"]: record for record in seed_records(LEGACY_PAGE)}
    for event in seed_records("004_d87d66eee62c9c95.txt"):
        for key in ("flight_vehicle_chaser", "flight_vehicle_target"):
            if event[key]:
                flights.setdefault(event[key]["id"], event[key])
    return flights


# Fidelity

def test_seed_page_records_come_back_identical(client):
    assert_reproduced(client, LEGACY_PAGE, f"{ENDPOINT}?format=json&limit=100")


def test_a_single_flight_has_the_list_shape(client):
    for record in seed_records(LEGACY_PAGE):
        ours = get_json(client, f"{ENDPOINT}{record['id']}/?format=json")
        assert as_text(ours) == as_text(record)


def test_the_importer_writes_2_0_0_values_to_their_own_columns_beside_the_2_3_0_ones():
    record = seed_records(LEGACY_PAGE)[0]
    config, launch = record["spacecraft"]["spacecraft_config"], record["launch"]
    agency = agencies.Agency.objects.get(pk=config["agency"]["id"])
    assert agency.legacy_type == config["agency"]["type"] == "Commercial"
    assert agency.type.name == "Commercial"  # from the 2.3.0 pages, untouched
    stored_config = spacecraft.SpacecraftConfig.objects.get(pk=config["id"])
    assert stored_config.legacy_image_url == config["image_url"]
    assert stored_config.image_id is not None  # from the 2.3.0 pages, untouched
    assert launches.Launch.objects.get(pk=launch["id"]).legacy_image_url == launch["image"]
    launcher = launch["rocket"]["configuration"]
    assert launches.LauncherConfig.objects.get(pk=launcher["id"]).legacy_family == launcher["family"] == "Falcon"
    location = launch["pad"]["location"]
    assert launches.Location.objects.get(pk=location["id"]).country_code == location["country_code"] == "USA"
    program = launch["program"][0]
    assert launches.Program.objects.get(pk=program["id"]).legacy_image_url == program["image_url"]
    pad = launches.Pad.objects.get(pk=launch["pad"]["id"])
    assert (pad.latitude, pad.longitude) == (float(launch["pad"]["latitude"]), float(launch["pad"]["longitude"]))


# Filter, ordering, pagination, links

def test_lists_every_flight_by_id(client):
    assert ids(client, f"{ENDPOINT}?limit=4") == sorted(seed_flights())


def test_filter_by_spacecraft(client):
    flights = seed_flights()
    spacecraft_ids = {flight["spacecraft"]["id"] for flight in flights.values()}
    assert len(spacecraft_ids) > 1
    for spacecraft_id in spacecraft_ids:
        expected = sorted(i for i, flight in flights.items() if flight["spacecraft"]["id"] == spacecraft_id)
        assert ids(client, f"{ENDPOINT}?spacecraft={spacecraft_id}") == expected
    assert len([i for i, f in flights.items() if f["spacecraft"]["id"] == 551]) > 1


def test_pagination_links_are_absolute_and_built_like_drf(client):
    total = len(seed_flights())
    page = get_json(client, f"{ENDPOINT}?format=json&limit=3&offset=3")
    assert page["count"] == total
    assert len(page["results"]) == 3
    assert page["next"] == "http://testserver/2.0.0/spacecraft/flight/?format=json&limit=3&offset=6"
    assert page["previous"] == "http://testserver/2.0.0/spacecraft/flight/?format=json&limit=3"
    last = get_json(client, f"{ENDPOINT}?limit=5&offset={total - 2}")
    assert last["next"] is None and len(last["results"]) == 2
    assert len(get_json(client, f"{ENDPOINT}?limit=500")["results"]) == min(100, total)


def test_self_links_use_2_0_0_paths_and_keep_the_format(client):
    record = get_json(client, f"{ENDPOINT}901/?format=json")
    assert record["url"] == "http://testserver/2.0.0/spacecraft/flight/901/?format=json"
    assert record["spacecraft"]["url"] == "http://testserver/2.0.0/spacecraft/551/?format=json"
    assert record["spacecraft"]["spacecraft_config"]["url"] == "http://testserver/2.0.0/config/spacecraft/6/?format=json"
    assert record["launch"]["url"] == f"http://testserver/2.0.0/launch/{record['launch']['id']}/?format=json"


def test_flight_links_resolve_and_every_other_link_answers_a_json_404(client):
    linked = {link for record in all_results(client, f"{ENDPOINT}?limit=100") for link in links(record)}
    prefixes = set()
    for link in sorted(linked):
        path = urlsplit(link).path
        if path.startswith(ENDPOINT):
            assert get_json(client, path)["url"] == link
        else:
            assert get_json(client, path, status=404)["detail"].startswith("Not served")
            prefixes.add(re.sub(r"^/2\.0\.0/(.+)/[^/]+/$", r"\1", path))
    # Every linked-only route is linked to, and nothing else is.
    assert prefixes == {item.path for item in registry.embedded if item.version == "2.0.0"}


# Bad input and leniency, as on the 2.3.0 endpoints

@pytest.mark.parametrize("query", ["spacecraft=x", "spacecraft=99999", "spacecraft=1.5"])
def test_a_bad_filter_value_gets_a_400_naming_the_parameter(client, query):
    assert "spacecraft" in get_json(client, f"{ENDPOINT}?{query}", status=400)


@pytest.mark.parametrize("url", [f"{ENDPOINT}999999/", f"{ENDPOINT}abc/", "/2.0.0/spacecraft/", "/2.0.0/nothing/"])
def test_unknown_ids_and_paths_get_a_json_404(client, url):
    assert "detail" in get_json(client, url, status=404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", [ENDPOINT, f"{ENDPOINT}901/"])
def test_writes_are_not_allowed(client, method, url):
    response = getattr(client, method)(url, {}, format="json")
    assert response.status_code == 405
    assert "detail" in json.loads(response.content)


@pytest.mark.parametrize(
    "query", ["mode=detailed", "mode=bogus", "limit=abc", "offset=abc", "ordering=bogus", "search=zzz"]
)
def test_lenient_where_ll2_is_lenient(client, query):
    # 2.0.0's flight endpoint has one shape and no `mode` parameter: like any unknown parameter, it is ignored.
    assert get_json(client, f"{ENDPOINT}?{query}&limit=100")["results"] == get_json(client, f"{ENDPOINT}?limit=100")[
        "results"
    ]
    assert get_json(client, f"{ENDPOINT}901/?mode=detailed") == get_json(client, f"{ENDPOINT}901/")


# Documentation

def test_browsable_api_renders_the_2_0_0_documentation(client):
    header = (FIXTURES / LEGACY_PAGE).read_text().split("\nGET /2.0.0/")[0]
    assert registry.served("2.0.0")[0].viewset().get_view_description().strip() == header.strip()
    page = client.get(f"{ENDPOINT}?format=api")
    assert page.status_code == 200
    assert "API endpoint that allows a flight of a specific Spacecraft instances to be viewed." in page.content.decode()
    assert "<title>Spacecraft Flight List" in page.content.decode()


# Objects that only 2.3.0 pages told us about

def test_a_database_filled_from_2_3_0_pages_only_answers_2_0_0_with_the_2_3_0_values(client):
    tables.flush()
    call_command("import_ll2", *[str(FIXTURES / name) for name in CURRENT_PAGES], stdout=io.StringIO())
    current = {record["id"]: record for record in all_results(client, "/2.3.0/spacecraft_flights/?limit=100")}
    legacy = all_results(client, f"{ENDPOINT}?limit=100")
    assert sorted(record["id"] for record in legacy) == sorted(current)
    images = set()
    for record in legacy:
        config, new_config = record["spacecraft"]["spacecraft_config"], current[record["id"]]["spacecraft"][
            "spacecraft_config"
        ]
        assert config["image_url"] == (new_config["image"] and new_config["image"]["image_url"])
        assert config["agency"]["type"] == new_config["agency"]["type"]["name"]
        assert record["launch"]["name"] == current[record["id"]]["launch"]["name"]
        images.add(config["image_url"])
    assert None not in images and len(images) > 1


@pytest.fixture
def new_rows(db):
    """Room for rows made here: a test that emptied and re-imported the database can leave PostgreSQL's
    id sequences (which a rollback does not restore) behind the ids of the restored rows."""
    tables.reset_sequences()


def current_only_launch():
    """A launch as only 2.3.0 pages would describe it: objects with ids, every 2.0.0 column null."""
    agency_type = agencies.AgencyType.objects.create(name="Private")
    agency = agencies.Agency.objects.create(name="Example Launch Co", abbrev="ELC", type=agency_type)
    country = agencies.Country.objects.create(name="Testland", alpha_2_code="TL", alpha_3_code="TLD")
    location = launches.Location.objects.create(name="Test Range", country=country)
    pad = launches.Pad.objects.create(name="Pad 1", latitude=28.5, longitude=-80.0, location=location)
    pad.agencies.set([agency])
    config = launches.LauncherConfig.objects.create(name="Example 1", full_name="Example 1 Block 2", variant="")
    config.families.set([launches.LauncherConfigFamily.objects.create(name=name) for name in ["Example", "Heavy"]])
    program = launches.Program.objects.create(
        name="Example Program", image=agencies.Image.objects.create(image_url="https://example.org/program.png")
    )
    program.agencies.set([agency])
    launch = launches.Launch.objects.create(
        id=uuid.uuid4(),
        name="Example 1 | Demo",
        image=agencies.Image.objects.create(image_url="https://example.org/launch.jpg"),
        launch_service_provider=agency,
        rocket=launches.Rocket.objects.create(configuration=config),
        mission=launches.Mission.objects.create(name="Demo", orbit=launches.Orbit.objects.first()),
        pad=pad,
    )
    launch.program.set([program])
    return launch


def current_only_spacecraft():
    startup = agencies.AgencyType.objects.create(name="Startup")
    agency = agencies.Agency.objects.create(name="Example Capsules", type=startup)
    config = spacecraft.SpacecraftConfig.objects.create(
        name="Example Capsule",
        agency=agency,
        image=agencies.Image.objects.create(image_url="https://example.org/capsule.jpg"),
    )
    return spacecraft.Spacecraft.objects.create(name="Example Capsule 1", spacecraft_config=config)


def test_values_2_0_0_gives_without_an_id_fall_back_to_their_2_3_0_equivalents(client, new_rows):
    flight = spacecraft.SpacecraftFlight.objects.create(
        spacecraft=current_only_spacecraft(), launch=current_only_launch()
    )
    record = get_json(client, f"{ENDPOINT}{flight.id}/")
    config, launch = record["spacecraft"]["spacecraft_config"], record["launch"]
    assert config["image_url"] == "https://example.org/capsule.jpg"
    assert config["agency"]["type"] == "Startup"
    assert launch["image"] == "https://example.org/launch.jpg"
    assert launch["launch_service_provider"]["type"] == "Private"
    assert launch["rocket"]["configuration"]["family"] == "Example"
    assert launch["rocket"]["configuration"]["variant"] == ""
    assert launch["pad"]["location"]["country_code"] == "TLD"
    assert (launch["pad"]["latitude"], launch["pad"]["longitude"]) == ("28.5", "-80.0")
    assert launch["program"][0]["image_url"] == "https://example.org/program.png"
    assert launch["program"][0]["agencies"][0]["type"] == "Private"
    assert list(launch["program"][0]["agencies"][0]) == ["id", "url", "name", "type"]

    # A value a 2.0.0 page gave wins over the 2.3.0 one.
    save(launches.LauncherConfig.objects.filter(pk=launch["rocket"]["configuration"]["id"]), legacy_family="Exemplar")
    save(agencies.Agency.objects.filter(pk=config["agency"]["id"]), legacy_type="Commercial")
    record = get_json(client, f"{ENDPOINT}{flight.id}/")
    assert record["launch"]["rocket"]["configuration"]["family"] == "Exemplar"
    assert record["spacecraft"]["spacecraft_config"]["agency"]["type"] == "Commercial"


def test_nothing_known_in_either_version_is_null(client, new_rows):
    bare = spacecraft.SpacecraftFlight.objects.create(
        spacecraft=spacecraft.Spacecraft.objects.create(spacecraft_config=spacecraft.SpacecraftConfig.objects.create(
            agency=agencies.Agency.objects.create()
        )),
        launch=launches.Launch.objects.create(id=uuid.uuid4(), pad=launches.Pad.objects.create(
            location=launches.Location.objects.create()
        )),
    )
    record = get_json(client, f"{ENDPOINT}{bare.id}/")
    assert record["spacecraft"]["spacecraft_config"]["image_url"] is None
    assert record["spacecraft"]["spacecraft_config"]["agency"]["type"] is None
    assert record["launch"]["image"] is None
    assert record["launch"]["pad"]["latitude"] is None
    assert record["launch"]["pad"]["location"]["country_code"] is None


# Query count

# The store read from the database (with no memory of earlier requests), and the serializers.
@pytest.mark.parametrize("stored", [True, False], ids=["store", "serializers"])
def test_a_page_costs_the_same_queries_whatever_its_size(client, settings, new_rows, stored):
    """Flights alternating between a launch from the 2.0.0 page and one known only from 2.3.0 objects."""
    settings.REPRESENTATION_STORE, settings.STORE_MEMORY_MB = stored, 0
    legacy_launch = launches.Launch.objects.get(pk=seed_records(LEGACY_PAGE)[0]["launch"]["id"])
    current_launch = current_only_launch()
    craft = current_only_spacecraft()
    for index in range(120):
        spacecraft.SpacecraftFlight.objects.create(
            spacecraft=craft, launch=legacy_launch if index % 2 else current_launch, destination=f"Orbit {index}"
        )
    counts = {}
    get_json(client, f"{ENDPOINT}?spacecraft={craft.id}&limit=100")  # the first read fills the store
    for limit in (10, 100):
        with CaptureQueriesContext(connection) as queries:
            page = get_json(client, f"{ENDPOINT}?spacecraft={craft.id}&limit={limit}")
        assert len(page["results"]) == limit
        assert {r["launch"]["rocket"]["configuration"]["family"] for r in page["results"]} == {"Falcon", "Example"}
        counts[limit] = len(queries.captured_queries)
    assert counts[10] == counts[100]
