"""The 2.3.0 endpoints as a client uses them: modes, filters, search, ordering, pagination, errors."""

import json
from datetime import datetime
from unittest import mock

import isodate
import pytest
from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from lldapi.api.registry import registry

from . import seeds
from .expectations import expected_order
from .fidelity import FIXTURES, all_results, follow_links, get_json, ids

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/2.3.0/spacecraft/", "/2.3.0/spacecraft_flights/", "/2.3.0/docking_events/"]


# Modes

@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_lists_default_to_normal_and_switch_to_detailed(client, endpoint):
    assert {r["response_mode"] for r in get_json(client, endpoint)["results"]} == {"normal"}
    assert {r["response_mode"] for r in get_json(client, f"{endpoint}?mode=detailed")["results"]} == {"detailed"}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_single_objects_default_to_detailed_and_switch_to_normal(client, endpoint):
    first = get_json(client, endpoint)["results"][0]
    detailed = get_json(client, f"{endpoint}{first['id']}/")
    assert detailed["response_mode"] == "detailed"
    normal = get_json(client, f"{endpoint}{first['id']}/?mode=normal")
    assert normal == first


def test_detailed_spacecraft_lists_its_flights_in_their_normal_shape(client):
    flights = seeds.spacecraft_flights()
    spacecraft_id = 551
    detailed = get_json(client, f"/2.3.0/spacecraft/{spacecraft_id}/")
    expected = sorted(f["id"] for f in flights.values() if f["spacecraft"]["id"] == spacecraft_id)
    assert [f["id"] for f in detailed["flights"]] == expected
    assert {f["response_mode"] for f in detailed["flights"]} == {"normal"}
    assert detailed["spacecraft_config"]["response_mode"] == "detailed"


def test_flights_nest_a_full_launch_where_docking_events_nest_a_mini_one(client):
    flight = seeds.docking_events()[611]["flight_vehicle_chaser"]
    assert list(flight["launch"]) == ["id", "url", "name"]
    ours = get_json(client, f"/2.3.0/spacecraft_flights/{flight['id']}/?mode=normal")
    assert ours["launch"]["id"] == flight["launch"]["id"]
    assert ours["launch"]["response_mode"] == "normal"
    # The seed pages only ever show this launch as {id, url, name}: the rest is unknown, so null.
    assert ours["launch"]["net"] is None and ours["launch"]["program"] == []


# Filters

def test_spacecraft_boolean_filters(client):
    known = seeds.spacecraft()
    for value, word in [(True, "true"), (False, "False"), (True, "1")]:
        expected = sorted(i for i, s in known.items() if s.get("in_space") is value)
        assert ids(client, f"/2.3.0/spacecraft/?in_space={word}&limit=100") == expected
        assert expected
    assert ids(client, "/2.3.0/spacecraft/?is_placeholder=true") == []
    expected = sorted(i for i, s in known.items() if s.get("is_placeholder") is False)
    assert ids(client, "/2.3.0/spacecraft/?is_placeholder=false&limit=100") == expected


def test_spacecraft_name_filter_is_exact_and_case_sensitive(client):
    target = seeds.spacecraft()[551]
    assert ids(client, f"/2.3.0/spacecraft/?name={target['name']}") == [551]
    assert ids(client, f"/2.3.0/spacecraft/?name={target['name'].upper()}") == []
    assert ids(client, f"/2.3.0/spacecraft/?name={target['name'][:-1]}") == []


@pytest.mark.parametrize("parameter, key", [("spacecraft_config", "spacecraft_config"), ("status", "status")])
def test_spacecraft_id_filters(client, parameter, key):
    known = seeds.spacecraft()
    values = sorted({s[key]["id"] for s in known.values()})
    assert len(values) > 1
    for value in values:
        expected = sorted(i for i, s in known.items() if s[key]["id"] == value)
        assert ids(client, f"/2.3.0/spacecraft/?{parameter}={value}&limit=100") == expected


def test_spacecraft_search_covers_names_and_configuration_names(client):
    known = seeds.spacecraft()
    for term in ["dragon", "Progress-MS", "soyuz"]:
        expected = sorted(
            i for i, s in known.items()
            if term.lower() in s["name"].lower() or term.lower() in s["spacecraft_config"]["name"].lower()
        )
        assert expected
        assert ids(client, f"/2.3.0/spacecraft/?search={term}&limit=100") == expected


def test_flight_filter_by_spacecraft(client):
    flights = seeds.spacecraft_flights()
    for spacecraft_id in {f["spacecraft"]["id"] for f in flights.values()}:
        expected = sorted(i for i, f in flights.items() if f["spacecraft"]["id"] == spacecraft_id)
        assert ids(client, f"/2.3.0/spacecraft_flights/?spacecraft={spacecraft_id}") == expected


def docking_time(event):
    return datetime.fromisoformat(event["docking"])


@pytest.mark.parametrize("lookup, keep", [
    ("gt", lambda value, bound: value > bound),
    ("gte", lambda value, bound: value >= bound),
    ("lt", lambda value, bound: value < bound),
    ("lte", lambda value, bound: value <= bound),
])
def test_docking_time_filters(client, lookup, keep):
    events = seeds.docking_events()
    bound = docking_time(events[619])
    expected = sorted(i for i, e in events.items() if keep(docking_time(e), bound))
    assert 0 < len(expected) < len(events)
    assert ids(client, f"/2.3.0/docking_events/?docking__{lookup}={events[619]['docking']}") == expected


@pytest.mark.parametrize("parameter, key", [
    ("docking_location__id", "docking_location"),
    ("flight_vehicle_chaser__id", "flight_vehicle_chaser"),
    ("space_station_target__id", "space_station_target"),
])
def test_docking_id_filters(client, parameter, key):
    events = seeds.docking_events()
    values = {e[key]["id"] for e in events.values() if e[key]}
    assert values
    for value in values:
        expected = sorted(i for i, e in events.items() if e[key] and e[key]["id"] == value)
        assert ids(client, f"/2.3.0/docking_events/?{parameter}={value}") == expected


@pytest.mark.parametrize("term, matches", [
    ("harmony", lambda e: "harmony" in e["docking_location"]["name"].lower()),
    ("Freedom", lambda e: e["flight_vehicle_chaser"] and "Freedom" in e["flight_vehicle_chaser"]["spacecraft"]["name"]),
    ("SDX01", lambda e: e["payload_flight_chaser"] and "SDX01" in e["payload_flight_chaser"]["payload"]["name"]),
    ("SDX02", lambda e: e["payload_flight_target"] and "SDX02" in e["payload_flight_target"]["payload"]["name"]),
    ("international", lambda e: e["space_station_target"]
        and "international" in e["space_station_target"]["name"].lower()),
])
def test_docking_search_fields(client, term, matches):
    events = seeds.docking_events()
    expected = sorted(i for i, e in events.items() if matches(e))
    assert 0 < len(expected) <= len(events)
    assert ids(client, f"/2.3.0/docking_events/?search={term}") == expected


# Ordering

def duration_key(value):
    return isodate.parse_duration(value) if isinstance(value, str) else value


@pytest.mark.parametrize("key", ["flights_count", "id", "mission_ends_count", "time_docked", "time_in_space"])
@pytest.mark.parametrize("descending", [False, True])
def test_spacecraft_ordering(client, key, descending):
    known = seeds.spacecraft()
    ordering = f"-{key}" if descending else key
    # Not every seed page shows every field of a spacecraft: a field it leaves out is unknown, so null.
    expected = expected_order(known, lambda craft: duration_key(craft.get(key)), descending)
    assert ids(client, f"/2.3.0/spacecraft/?ordering={ordering}&limit=7") == expected


@pytest.mark.parametrize("key", ["departure", "docking"])
@pytest.mark.parametrize("descending", [False, True])
def test_docking_ordering(client, key, descending):
    events = {i: {**e, key: e[key] and datetime.fromisoformat(e[key])} for i, e in seeds.docking_events().items()}
    ordering = f"-{key}" if descending else key
    assert ids(client, f"/2.3.0/docking_events/?ordering={ordering}") == expected_order(events, key, descending)


def test_default_order_is_by_id(client):
    assert ids(client, "/2.3.0/spacecraft/?limit=5") == sorted(seeds.spacecraft())


# Pagination and links

def test_pagination_links_are_absolute_and_built_like_drf(client):
    total = len(seeds.spacecraft())
    page = get_json(client, "/2.3.0/spacecraft/?format=json&offset=10&ordering=-flights_count")
    assert page["count"] == total
    assert len(page["results"]) == 10
    assert page["next"] == "http://testserver/2.3.0/spacecraft/?format=json&limit=10&offset=20&ordering=-flights_count"
    assert page["previous"] == "http://testserver/2.3.0/spacecraft/?format=json&limit=10&ordering=-flights_count"
    last = get_json(client, f"/2.3.0/spacecraft/?limit=5&offset={total - 2}")
    assert last["next"] is None and len(last["results"]) == 2


def test_limit_is_capped_at_100(client):
    # Limits over 100 are clamped, not refused, as in LL2.
    assert len(get_json(client, "/2.3.0/spacecraft/?limit=500")["results"]) == min(100, len(seeds.spacecraft()))


def test_self_links_point_here_and_keep_the_format(client):
    record = get_json(client, "/2.3.0/spacecraft/?format=json")["results"][0]
    assert record["url"] == f"http://testserver/2.3.0/spacecraft/{record['id']}/?format=json"
    bare = get_json(client, "/2.3.0/spacecraft/")["results"][0]
    assert bare["url"] == f"http://testserver/2.3.0/spacecraft/{record['id']}/"
    assert bare["spacecraft_config"]["url"].startswith("http://testserver/2.3.0/spacecraft_configurations/")


# Bad input and leniency

@pytest.mark.parametrize("url, parameter", [
    ("/2.3.0/spacecraft/?mode=list", "mode"),
    ("/2.3.0/spacecraft/551/?mode=bogus", "mode"),
    ("/2.3.0/docking_events/?mode=DETAILED", "mode"),
    ("/2.3.0/spacecraft/?in_space=maybe", "in_space"),
    ("/2.3.0/spacecraft/?is_placeholder=yes", "is_placeholder"),
    ("/2.3.0/spacecraft/?status=abc", "status"),
    ("/2.3.0/spacecraft/?spacecraft_config=99999", "spacecraft_config"),
    ("/2.3.0/spacecraft_flights/?spacecraft=x", "spacecraft"),
    ("/2.3.0/docking_events/?docking__gt=yesterday", "docking__gt"),
    ("/2.3.0/docking_events/?docking_location__id=one", "docking_location__id"),
])
def test_malformed_queries_get_a_400_naming_the_parameter(client, url, parameter):
    body = get_json(client, url, status=400)
    assert parameter in body


@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("url", [
    "/2.3.0/spacecraft/999999/", "/2.3.0/spacecraft/abc/", "/2.3.0/nothing/", "/2.3.0/spacecraft/1/x/", "/2.0.0/x/",
    "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/missing.css", "/nothing/", "/nothing", "/favicon.ico",
])
def test_unknown_ids_and_paths_get_a_json_404(client, url, debug, settings):
    settings.DEBUG = debug
    assert "detail" in get_json(client, url, status=404)


def test_a_forbidden_request_gets_a_json_403(client):
    with mock.patch.object(TemplateView, "get", side_effect=PermissionDenied):
        response = client.get("/")
    assert response.status_code == 403
    assert json.loads(response.content) == {"detail": "You do not have permission to perform this action."}


def test_a_static_file_answers_reads_only_and_a_write_gets_a_json_405(client, settings):
    settings.DEBUG = True  # as under `make run`: WhiteNoise finds the apps' static files, uncollected
    css = "/static/rest_framework/css/bootstrap.min.css"
    assert client.get(css).status_code == 200
    response = client.post(css)
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert json.loads(response.content) == {"detail": 'Method "POST" not allowed.'}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/2.3.0/spacecraft/", "/2.3.0/spacecraft/551/", "/2.3.0/docking_events/611/"])
def test_writes_are_not_allowed(client, method, url):
    response = getattr(client, method)(url, {}, format="json")
    assert response.status_code == 405
    assert "detail" in json.loads(response.content)


@pytest.mark.parametrize("query", ["ordering=bogus", "limit=abc", "offset=abc", "limit=-3", "search="])
def test_lenient_where_ll2_is_lenient(client, query):
    assert ids(client, f"/2.3.0/spacecraft/?{query}")[:10] == sorted(seeds.spacecraft())[:10]


def test_search_on_flights_which_have_no_search_fields_is_ignored(client):
    assert ids(client, "/2.3.0/spacecraft_flights/?search=zzz") == sorted(seeds.spacecraft_flights())


# Browsable API

@pytest.mark.parametrize("endpoint, documented", [
    ("/2.3.0/spacecraft/", "Fields searched - <code>name</code>, <code>spacecraft_config__name</code>"),
    ("/2.3.0/spacecraft_flights/", "Parameters - <code>spacecraft</code>"),
    ("/2.3.0/docking_events/", "Fields - <code>departure</code>, <code>docking</code>"),
])
def test_browsable_api_renders_the_endpoint_documentation(client, endpoint, documented):
    response = client.get(f"{endpoint}?format=api")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Levels of detail in the response" in page
    assert documented in page
    assert client.get(endpoint, HTTP_ACCEPT="text/html").status_code == 200


def test_endpoint_documentation_is_the_schema_text(client):
    schema = json.loads((FIXTURES / "openapi-2.3.0.json").read_text())
    for resource in registry.served("2.3.0"):
        expected = schema["paths"][resource.url]["get"]["description"]
        assert resource.viewset().get_view_description().strip() == expected.strip()


def test_every_link_in_the_bundled_data_answers_and_only_legacy_ones_are_not_served(client):
    not_served = set()
    for resource in registry.paged():
        for mode in resource.modes or [None]:
            query = f"?mode={mode}&limit=100" if mode else "?limit=100"
            not_served |= follow_links(client, all_results(client, f"{resource.url}{query}"))
    # Every 2.3.0 resource is served; the 2.0.0 shapes link to 2.0.0 resources that are not.
    embedded = {f"/{item.version}/{item.path}/" for item in registry.embedded if item.version == "2.0.0"}
    assert not_served and not_served <= embedded
