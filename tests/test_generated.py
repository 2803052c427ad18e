"""The endpoints over a synthetic data set in which every field of every mode is populated."""

import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from .schema import Conformance

ENDPOINTS = {
    "/2.3.0/spacecraft/": {"normal": "SpacecraftNormal", "detailed": "SpacecraftEndpointDetailed"},
    "/2.3.0/spacecraft_flights/": {"normal": "SpacecraftFlightNormal", "detailed": "SpacecraftFlightDetailed"},
    "/2.3.0/docking_events/": {"normal": "DockingEventEndpointNormal", "detailed": "DockingEventEndpointDetailed"},
}


@pytest.fixture(scope="module", autouse=True)
def generated(django_db_setup, django_db_blocker):
    """Scale 1 of `generate_data` in place of the seed data, for this module's tests only."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("generate_data", scale=1, flush=True, verbosity=0)
        yield
        transaction.set_rollback(True)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("mode", ["normal", "detailed"])
def test_responses_conform_to_the_schema_and_fill_every_field(client, endpoint, mode):
    component = ENDPOINTS[endpoint][mode]
    conformance = Conformance()
    for record in page(client, f"{endpoint}?mode={mode}&limit=100")["results"]:
        conformance.check(record, component)
    assert conformance.problems[:20] == []
    assert conformance.unfilled(component) == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_single_objects_conform_to_the_detailed_schema(client, endpoint):
    conformance = Conformance()
    for record in page(client, f"{endpoint}?limit=20")["results"]:
        conformance.check(page(client, f"{endpoint}{record['id']}/"), ENDPOINTS[endpoint]["detailed"])
    assert conformance.problems[:20] == []


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("mode", ["normal", "detailed"])
def test_a_page_of_100_costs_the_queries_of_a_page_of_10(client, endpoint, mode):
    counts = {}
    for limit in (10, 100):
        with CaptureQueriesContext(connection) as queries:
            assert len(page(client, f"{endpoint}?mode={mode}&limit={limit}")["results"]) == limit
        counts[limit] = len(queries)
    assert counts[100] == counts[10]
