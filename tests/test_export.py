"""Bulk export: `?format=ndjson` on every list, and `manage.py export`, give every record as the JSON
pages list them."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from launches.models import LauncherConfig
from lldapi.api.registry import registry

from .fidelity import all_results
from .writes import save

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]


def ordered(text):
    """JSON with its key order kept, to compare."""
    return json.loads(text, object_pairs_hook=lambda pairs: pairs)


def exported(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson"
    return response, b"".join(response.streaming_content)


@pytest.mark.parametrize("mode", ["list", "normal", "detailed"])
def test_every_launch_comes_as_the_pages_list_it_one_per_line(client, mode):
    pages = all_results(client, f"/2.3.0/launches/?mode={mode}&limit=100")
    _, body = exported(client, f"/2.3.0/launches/?mode={mode}&format=ndjson")
    lines = body.decode().splitlines()
    assert body.endswith(b"\n") and len(lines) == len(pages) > 100
    assert [ordered(line) for line in lines] == [ordered(json.dumps(record)) for record in pages]


@pytest.mark.parametrize(
    "resource", [r for r in registry.paged("2.3.0") if r.subset is None], ids=lambda resource: resource.path
)
def test_every_list_exports_every_record(client, resource):
    pages = all_results(client, f"{resource.url}?limit=100")
    _, body = exported(client, f"{resource.url}?format=ndjson")
    assert [json.loads(line)["id"] for line in body.splitlines()] == [record["id"] for record in pages]


def test_filters_search_and_ordering_apply_and_an_unchanged_export_is_a_304(client):
    query = "search=Falcon&ordering=-net"
    pages = all_results(client, f"/2.3.0/launches/upcoming/?{query}&limit=100")
    response, body = exported(client, f"/2.3.0/launches/upcoming/?{query}&format=ndjson")
    assert [json.loads(line)["id"] for line in body.splitlines()] == [record["id"] for record in pages]
    again = client.get(f"/2.3.0/launches/upcoming/?{query}&format=ndjson", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_with_the_store_off_the_serializers_export_the_same_lines(client, settings):
    _, stored = exported(client, "/2.3.0/astronauts/?mode=detailed&format=ndjson")
    settings.REPRESENTATION_STORE = False
    _, serialized = exported(client, "/2.3.0/astronauts/?mode=detailed&format=ndjson")
    assert serialized == stored


def test_errors_stay_json(client):
    response = client.get("/2.3.0/launches/?format=ndjson&mode=everything")
    assert response.status_code == 400 and "mode" in response.json()


@pytest.mark.parametrize(
    "endpoint, form",
    [("spacecraft", "ndjson"), ("spacecraft", "csv"), ("launcher_configurations", "ndjson"), ("launches", "ndjson")],
)
def test_the_export_command_writes_what_the_api_exports_in_its_order(client, tmp_path, endpoint, form):
    """Launcher configurations list by name in LL2's collation, launches by NET: the file keeps that order."""
    if endpoint == "launcher_configurations":  # names whose binary order is not LL2's
        first, second = LauncherConfig.objects.order_by("id")[:2]
        save(LauncherConfig.objects.filter(pk=first.pk), name="zeta lower")
        save(LauncherConfig.objects.filter(pk=second.pk), name="Zeta Upper")
    _, body = exported(client, f"/2.3.0/{endpoint}/?mode=normal&format=ndjson")
    path = tmp_path / f"{endpoint}.{form}"
    err = io.StringIO()
    call_command("export", endpoint, "--mode", "normal", "--format", form, "--output", str(path),
                 "--base-url", "http://testserver", stderr=err)
    records = [json.loads(line) for line in body.splitlines()]
    assert err.getvalue().strip() == f"exported {len(records)} records of {endpoint} (normal) as {form}"
    if form == "ndjson":
        assert path.read_bytes() == body
        return
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [row["id"] for row in rows] == [str(record["id"]) for record in records]
    assert list(rows[0]) == list(records[0])
    assert json.loads(rows[0]["status"]) == records[0]["status"]
