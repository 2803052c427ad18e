"""The representation store over the synthetic data set (`generate_data --scale 1`): first pages and a
later one of every mode, single objects, and what the query varies, byte for byte the serializers'."""

import json

import pytest

from launches.models import Launch, MissionPatch
from lldapi.importer import Importer
from lldapi.store import components

from .test_store import RESOURCES, both, modes, with_mode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.url)
def test_pages_and_single_objects(client, resource):
    for mode in modes(resource):
        page = json.loads(both(client, with_mode(resource.url, mode, "limit=100")).content)
        both(client, with_mode(resource.url, mode, f"limit=30&offset={max(page['count'] - 30, 0)}"))
        for record in page["results"][::25]:
            both(client, with_mode(f"{resource.url}{record['id']}/", mode))


@pytest.mark.parametrize(
    "url",
    [
        "/2.3.0/spacecraft/?mode=detailed&ordering=-flights_count&limit=40",
        "/2.3.0/spacecraft/?search=capsule&mode=list&offset=5",
        "/2.3.0/spacecraft/?in_space=true&ordering=name",
        "/2.3.0/spacecraft_flights/?mode=detailed&limit=20&offset=400",
        "/2.3.0/docking_events/?mode=detailed&docking__gte=2010-01-01T00:00:00Z&ordering=-docking",
        "/2.3.0/launches/upcoming/?mode=detailed&limit=50",
        "/2.3.0/launches/previous/?mode=list&ordering=-net",
        "/2.3.0/space_stations/?mode=detailed",
        "/2.3.0/config/docking_locations/?limit=100",
        "/2.0.0/spacecraft/flight/?limit=100&offset=100",
    ],
)
def test_filtered_searched_and_ordered_pages(client, url):
    both(client, url)


@pytest.mark.parametrize("single", [False, True], ids=["page", "single object"])
def test_formats_hosts_and_proxies(client, settings, single):
    url = "/2.3.0/docking_events/?mode=detailed&limit=20"
    if single:
        url = json.loads(client.get(url).content)["results"][0]["url"].removeprefix("http://testserver")
    separator = "&" if "?" in url else "?"
    both(client, f"{url}{separator}format=json")
    # The browsable API is the serializers' (its page differs from one request to the next: a CSRF token).
    assert client.get(f"{url}{separator}format=api")["Content-Type"].startswith("text/html")
    both(client, url, HTTP_ACCEPT="application/json; indent=2")
    settings.ALLOWED_HOSTS = ["mirror.example.org", "proxy.example.org", "testserver"]
    assert b'"http://mirror.example.org/2.3.0/' in both(client, url, HTTP_HOST="mirror.example.org").content
    settings.USE_X_FORWARDED_HOST = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = both(client, url, HTTP_X_FORWARDED_HOST="proxy.example.org", HTTP_X_FORWARDED_PROTO="https")
    assert b'"https://proxy.example.org/2.3.0/' in proxied.content


def renamed(value, pk, name):
    """`value` with the mission patch `pk` named `name` wherever it shows (a patch has a `priority`)."""
    if isinstance(value, list):
        return [renamed(item, pk, name) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: renamed(item, pk, name) for key, item in value.items()}
    return {**value, "name": name} if value.get("id") == pk and "priority" in value else value


def test_a_renamed_patch_rebuilds_its_own_fragments_and_no_list_that_holds_it(client):
    """Mission patches are in id order, and the launches, programs and expeditions that list them do so by
    many-to-many links: renaming one cannot move or reorder it in their lists, whose fragments stay."""
    launch = Launch.objects.filter(mission_patches__isnull=False).first()
    patch = launch.mission_patches.first()
    url = f"/2.3.0/launches/{launch.pk}/?mode=detailed"
    assert patch.name.encode() in both(client, url).content
    record = json.loads(client.get(f"/2.3.0/mission_patches/{patch.pk}/").content)
    for name in (patch.name, "Renamed Patch"):  # the first settles the order of the links it nests
        # Patches have no url: the page's link names their endpoint.
        page = {"count": 1, "next": None, "previous": "https://ll.thespacedevs.com/2.3.0/mission_patches/?limit=1",
                "results": [renamed(record, patch.pk, name)]}
        importer = Importer()
        importer.import_page(page, "patch")
    assert {model: changes.updated for model, changes in importer.changes.items() if changes.updated} == {
        MissionPatch: {patch.pk}}
    assert importer.rebuilt.records == len(components.components_of(MissionPatch))
    assert b'"name":"Renamed Patch"' in both(client, url).content


@pytest.mark.parametrize("url", ["/2.3.0/launches/?mode=detailed&limit=100", "/2.3.0/programs/?mode=normal&limit=100",
                                 "/2.3.0/pads/?mode=detailed&limit=100"])
def test_a_page_served_here_imports_back_unchanged(client, url):
    """Agencies are listed by name whatever order their links were written in: a page this server served
    changes nothing when imported back."""
    importer = Importer()
    importer.import_page(json.loads(client.get(url).content), url)
    assert {model.__name__: changes.updated for model, changes in importer.changes.items() if changes.updated} == {}
    assert not any(changes.created for changes in importer.changes.values())
