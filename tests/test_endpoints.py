"""The tests every registered endpoint passes, over the synthetic data set (`generate_data --scale 1`).

New endpoints get them by being registered: each mode answers lists and single objects in the shape
of the schema component the published schema names for it, with every field filled somewhere;
queries per page do not grow with its size; unknown ids are JSON 404s and writes 405s; paging through
every accepted ordering returns each row exactly once; and every link to this server inside the
responses answers, or says the resource is embedded but not served.
"""

import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lldapi.api.registry import registry

from .fidelity import follow_links
from .schema import Conformance, modes, operation, schema_components
from .writes import emptied

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

RESOURCES = {resource.url: resource for resource in registry.paged()}
CURRENT = [url for url, resource in RESOURCES.items() if resource.version == "2.3.0"]


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), url
    return json.loads(response.content)


def with_mode(url, mode, **query):
    query = {"mode": mode, **query} if mode else query
    return f"{url}?{'&'.join(f'{key}={value}' for key, value in query.items())}" if query else url


def documented(url, heading):
    """The backquoted names of a section of the schema's endpoint text (`#### Ordering\\nFields - ...`)."""
    match = re.search(rf"#### {heading}\n[^\n]*? - ([^\n]*)", operation(url)["description"])
    return sorted(re.findall(r"`([^`]+)`", match.group(1))) if match else []


# The registry says what the published schema says

@pytest.mark.parametrize("url", CURRENT)
def test_modes_and_their_components_are_the_schema_s(url):
    resource = RESOURCES[url]
    parameters = {p["name"]: p for p in operation(url).get("parameters", [])}
    if "mode" in parameters:
        assert sorted(resource.modes) == sorted(parameters["mode"]["schema"]["enum"])
    else:
        assert not resource.modes
    components = schema_components(url)
    assert {mode: resource.serializer_for(mode).__name__ for mode in modes(resource)} == components


@pytest.mark.parametrize("url", CURRENT)
def test_filters_search_and_ordering_are_the_documented_ones(url):
    resource = RESOURCES[url]
    parameters = {p["name"] for p in operation(url).get("parameters", [])}
    filters = parameters - {"limit", "offset", "mode", "ordering", "search"}
    declared = set(resource.filterset_class.base_filters) if resource.filterset_class else set()
    assert declared == filters
    assert sorted(resource.search_fields) == documented(url, "Search")
    assert sorted(resource.ordering_fields) == documented(url, "Ordering")


# Shapes

@pytest.mark.parametrize("url", CURRENT)
def test_every_mode_conforms_to_its_component_and_fills_every_field(client, url):
    """The first and last pages of 100, with no departure from the schema but LL2's own (`DEPARTURES`)."""
    resource = RESOURCES[url]
    for mode, component in schema_components(url).items():
        conformance = Conformance()
        page = get(client, with_mode(url, mode, limit=100))
        records = page["results"]
        assert records, url
        last = get(client, with_mode(url, mode, limit=100, offset=max(page["count"] - 100, 100)))["results"]
        for record in records + last:
            conformance.check(record, component)
        assert conformance.problems[:20] == []
        assert conformance.unfilled(component) == []
        single = get(client, with_mode(f"{url}{records[0]['id']}/", mode))
        assert single == records[0]
    default = resource.retrieve_mode
    first = get(client, url)["results"][0]
    Conformance().check(get(client, f"{url}{first['id']}/"), schema_components(url)[default])


@pytest.mark.parametrize("url", RESOURCES)
def test_lists_default_to_normal_and_single_objects_to_detailed(client, url):
    resource = RESOURCES[url]
    first = get(client, url)["results"][0]
    if resource.modes:
        assert first["response_mode"] == "normal"
        detailed = get(client, f"{url}{first['id']}/")
        assert detailed["response_mode"] == resource.retrieve_mode
        assert get(client, with_mode(url, resource.retrieve_mode, limit=1))["results"][0] == detailed
    else:
        assert get(client, f"{url}?mode=detailed")["results"][0] == first
        assert get(client, f"{url}{first['id']}/?mode=detailed") == first


# Cost

# The store read from the database (with no memory of earlier requests), and the serializers.
@pytest.mark.parametrize("stored", [True, False], ids=["store", "serializers"])
@pytest.mark.parametrize("url", RESOURCES)
def test_a_page_of_100_costs_the_queries_of_a_smaller_page(client, settings, url, stored):
    """One query per kind of nested object, whatever the page's size: a page of 100 costs what a page of
    20 costs (of 10 where there are fewer than 21 objects; a page of 10 launches may hold no object of
    some deep kind, a landing's type, and skip its query)."""
    settings.REPRESENTATION_STORE, settings.STORE_MEMORY_MB = stored, 0
    for mode in modes(RESOURCES[url]):
        # The store holds what a page shows once it has been read (the first read fills it).
        count = get(client, with_mode(url, mode, limit=100))["count"]
        assert count > 10, url
        counts = {}
        for limit in (20 if count > 20 else 10, 100):
            with CaptureQueriesContext(connection) as queries:
                page = get(client, with_mode(url, mode, limit=limit))
            assert len(page["results"]) == min(limit, count)
            counts[limit] = len(queries)
        assert len(set(counts.values())) == 1, (url, mode, counts)


# Errors

@pytest.mark.parametrize("url", RESOURCES)
def test_unknown_ids_are_json_404s(client, url):
    for unknown in ("999999999", "00000000-0000-4000-8000-000000000000", "not-an-id"):
        assert "detail" in get(client, f"{url}{unknown}/", status=404)


@pytest.mark.parametrize("url", RESOURCES)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_not_allowed(client, url, method):
    first = RESOURCES[url].queryset.values_list("pk", flat=True).first()
    for target in (url, f"{url}{first}/"):
        response = getattr(client, method)(target, {}, format="json")
        assert response.status_code == 405, target
        assert "detail" in json.loads(response.content)


# Ordering

@pytest.mark.parametrize("url", RESOURCES)
def test_paging_through_every_ordering_returns_every_row_once(client, url):
    resource = RESOURCES[url]
    total = resource.queryset.count()
    mode = "list" if "list" in resource.modes else modes(resource)[0]
    for field in resource.viewset.ordering_fields:
        for ordering in (field, f"-{field}"):
            seen, next_url = [], with_mode(url, mode, ordering=ordering, limit=100)
            while next_url:
                page = get(client, next_url)
                seen.extend(record["id"] for record in page["results"])
                next_url = page["next"]
            assert len(seen) == total == len(set(seen)), (url, ordering)


def test_an_undeclared_ordering_is_ignored(client):
    default = get(client, "/2.3.0/spacecraft_flights/?limit=100")["results"]
    for ordering in ("launch_crew", "-destination", "spacecraft"):
        assert get(client, f"/2.3.0/spacecraft_flights/?ordering={ordering}&limit=100")["results"] == default


# Links

def embedded_only(version):
    return {f"/{item.version}/{item.path}/" for item in registry.embedded if item.version == version}


def test_every_link_answers_and_only_legacy_ones_are_not_served(client):
    pages = [get(client, with_mode(url, mode, limit=100)) for url in RESOURCES for mode in modes(RESOURCES[url])]
    assert follow_links(client, pages) <= embedded_only("2.0.0")


def test_served_and_embedded_only_resources_do_not_overlap():
    served = {(r.version, r.basename) for r in registry.served()}
    embedded = {(item.version, item.basename) for item in registry.embedded}
    assert not served & embedded


# Import

@pytest.mark.parametrize("url", RESOURCES)
def test_import_ll2_reads_every_mode_back_into_the_same_responses(client, url, tmp_path):
    """A page of each mode, imported into an empty database, is answered again identically."""
    resource = RESOURCES[url]
    for mode in modes(resource):
        page_url = with_mode(url, mode, limit=20, ordering="-id")
        page = get(client, page_url)
        path = tmp_path / f"{mode}.json"
        path.write_text(json.dumps(page))
        with emptied():
            call_command("import_ll2", str(path), verbosity=0, stdout=io.StringIO())
            assert get(client, page_url)["results"] == page["results"], (url, mode)


# Hostile values

HOSTILE_VALUES = [
    "99999999999999999999",
    "-9223372036854775809",
    "1e400",
    "NaN",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+00:01",
    "1169-06-08T04:57:15.101031+19:01",
    "1.5",
    "-1",
    "\x00",
    "x" * 5000,
    ",,,",
    "true,false",
]


@pytest.mark.parametrize("url", RESOURCES)
def test_no_query_value_is_a_server_error(client, url):
    """Every parameter, with values that do not parse or parse out of range: a JSON 200 or 400, never a 500."""
    resource = RESOURCES[url]
    filterset = resource.filterset_class
    parameters = [*(filterset.base_filters if filterset else ()), "search", "ordering", "mode", "limit", "offset"]
    client.raise_request_exception = False
    for parameter in parameters:
        for value in HOSTILE_VALUES:
            response = client.get(f"{url}?{parameter}={quote(value)}")
            assert response.status_code in (200, 400), (url, parameter, value, response.content[:300])
            body = json.loads(response.content)
            if response.status_code == 400:
                assert parameter in body, (url, parameter, value, body)


def test_a_filterset_makes_its_form_class_once_and_a_form_of_its_own_for_each_request():
    """The filters' form class is made once per FilterSet class; each request validates its own form, so
    one request's error is not another's."""
    resource = RESOURCES["/2.3.0/docking_events/"]
    filterset, rows = resource.filterset_class, resource.viewset.queryset
    malformed = filterset({"docking__lt": "2024-13-45"}, queryset=rows.all())
    valid = filterset({"docking__lt": "2024-01-02T03:04:05Z"}, queryset=rows.all())
    assert type(malformed.form) is type(valid.form)
    assert not malformed.is_valid() and list(malformed.errors) == ["docking__lt"]
    assert valid.is_valid() and valid.form.cleaned_data["docking__lt"].isoformat() == "2024-01-02T03:04:05+00:00"


def test_the_readme_lists_every_endpoint_as_the_registry_declares_it():
    from lldapi.management.commands.endpoint_table import table

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert f"\n{table()}\n" in readme, "README.md's endpoint table is stale: paste `manage.py endpoint_table`"
