"""Our OpenAPI document, its Swagger UI and the home page, against LL2's published schema."""

import json

import pytest
import yaml
from drf_spectacular.validation import validate_schema

from lldapi.api.registry import published_schema, registry

from .schema import reference

pytestmark = pytest.mark.django_db

PUBLISHED = published_schema()["components"]["schemas"]


@pytest.fixture(scope="module")
def ours(django_db_setup, django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/2.3.0/schema/?format=json")
    assert response.status_code == 200
    return json.loads(response.content)


def reachable(document, names):
    """Every component reachable from `names`."""
    seen, stack = set(), list(names)
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(refs(document["components"]["schemas"][name]))
    return seen


def refs(value):
    if isinstance(value, dict):
        if "$ref" in value:
            yield value["$ref"].rsplit("/", 1)[-1]
        for item in value.values():
            yield from refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from refs(item)


def test_the_document_is_valid_openapi_and_served_as_yaml_too(client, ours):
    validate_schema(ours)
    response = client.get("/2.3.0/schema/")
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["paths"].keys() == ours["paths"].keys()


def test_it_describes_every_2_3_0_endpoint_and_nothing_else(ours):
    served = {resource.url for resource in registry.served("2.3.0")}
    served |= {f"{resource.url}{{id}}/" for resource in registry.paged("2.3.0")}
    assert set(ours["paths"]) == served | {"/2.3.0/api-throttle/"}
    # One APIThrottle, as LL2 answers; its published schema says an array of one.
    throttle = ours["paths"]["/2.3.0/api-throttle/"]["get"]["responses"]["200"]["content"]["application/json"]
    published = published_schema()["paths"]["/2.3.0/api-throttle/"]["get"]["responses"]["200"]
    assert throttle["schema"] == published["content"]["application/json"]["schema"]["items"]
    assert ours["components"]["securitySchemes"]["Token_Authentication"] == (
        published_schema()["components"]["securitySchemes"]["Token_Authentication"]
    )


@pytest.mark.parametrize("resource", registry.paged("2.3.0"), ids=lambda resource: resource.url)
def test_each_endpoint_has_ll2_s_responses_and_documented_parameters(ours, resource):
    published = published_schema()["paths"][resource.url]["get"]
    operation = ours["paths"][resource.url]["get"]
    # The formats LL2 does not have: every record as NDJSON, and a calendar where the endpoint has one.
    content = operation["responses"]["200"]["content"]
    formats = {"application/x-ndjson": "ndjson", **({"text/calendar": "ics"} if resource.calendar else {})}
    assert {media_type: content.pop(media_type)["schema"]["type"] for media_type in formats} == dict.fromkeys(
        formats, "string")
    assert operation["responses"]["200"] == published["responses"]["200"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(formats.values()) <= set(parameters.pop("format")["schema"]["enum"])
    assert set(parameters) == {p["name"] for p in published.get("parameters", [])}
    if resource.modes:
        [mode] = [p for p in operation["parameters"] if p["name"] == "mode"]
        assert sorted(mode["schema"]["enum"]) == sorted(resource.modes)
        union = ours["components"]["schemas"][reference(operation["responses"]["200"]["content"]["application/json"][
            "schema"])]["properties"]["results"]["items"]
        assert ours["components"]["schemas"][reference(union)]["discriminator"]["propertyName"] == "response_mode"


def test_the_starship_dashboard_is_one_object_in_its_modes(ours):
    """One object, as real dashboards are (`fixtures/ll2/dashboard/`); LL2's schema says an array of one."""
    published = published_schema()["paths"]["/2.3.0/dashboard/starship/"]["get"]
    operation = ours["paths"]["/2.3.0/dashboard/starship/"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema == published["responses"]["200"]["content"]["application/json"]["schema"]["items"]
    union = ours["components"]["schemas"][reference(schema)]
    assert sorted(union["discriminator"]["mapping"]) == ["detailed", "list", "normal"]
    assert [p["name"] for p in operation["parameters"]] == ["mode"]


def test_components_have_ll2_s_names_properties_order_and_types(ours):
    names = {ref for path in ours["paths"].values() for ref in refs(path)}
    for name in reachable(ours, names):
        component = ours["components"]["schemas"][name]
        assert name in PUBLISHED, f"{name} is not one of LL2's components"
        if "oneOf" in component:
            assert component["discriminator"] == PUBLISHED[name]["discriminator"], name
            continue
        assert list(component["properties"]) == list(PUBLISHED[name]["properties"]), name
        for key, prop in component["properties"].items():
            theirs = PUBLISHED[name]["properties"][key]
            assert prop.get("type", "object") == theirs.get("type", "object"), (name, key)
            assert reference(prop) == reference(theirs), (name, key)


def test_nullability_follows_one_rule(ours):
    """What the database may not know is nullable: LL2's schema leaves `nullable` off nested objects and
    columns that its own pages show as null, and marks lists nullable that are never null (they are `[]`).
    Those are the only differences; URL columns add `format: uri` to LL2's plain strings."""
    names = {ref for path in ours["paths"].values() for ref in refs(path)}
    for name in reachable(ours, names):
        component = ours["components"]["schemas"][name]
        for key, prop in component.get("properties", {}).items():
            theirs = PUBLISHED[name]["properties"][key]
            if theirs.get("nullable") and not prop.get("nullable"):
                assert prop["type"] == "array", (name, key)
            if prop.get("format") != theirs.get("format"):
                assert prop.get("format") == "uri" and "format" not in theirs, (name, key)
            if prop.get("readOnly") and key == "response_mode":
                assert prop["default"] == theirs["default"], (name, key)


def test_swagger_ui_is_served_from_our_own_static_files(client):
    response = client.get("/2.3.0/swagger/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/2.3.0/schema/" in page
    assert "swagger-ui-dist" in page and "//cdn" not in page and "https://" not in page.split("<body")[0]


def test_the_home_page_links_the_api_root_what_goes_beyond_ll2_swagger_the_schema_and_ll2_s_docs(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    for link in ('href="/2.3.0/"', 'href="/2.3.0/changes/"', 'href="/2.3.0/launches/?mode=detailed&amp;format=ndjson"',
                 'href="/2.3.0/launches/upcoming/?format=ics"', 'href="/2.3.0/swagger/"', 'href="/2.3.0/schema/"',
                 "https://ll.thespacedevs.com/docs/"):
        assert link in page
