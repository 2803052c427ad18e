"""`/2.3.0/dashboard/starship/`: one object of the Starship programme's lists, in three modes; and what a
real client (pylaunches, behind Home Assistant's Launch Library integration) asks of a live server."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from dashboard.starship import Starship
from launches.models import Event, Launch, LiveStream, Notice, RoadClosure, Update
from lldapi.api.registry import registry
from lldapi.importer import Importer, PageError

from .conftest import ROOT
from .fidelity import follow_links, get_json, ids
from .schema import Conformance

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

URL = "/2.3.0/dashboard/starship/"
COMPONENTS = {"list": "StarshipDashboardList", "normal": "StarshipDashboardNormal",
              "detailed": "StarshipDashboardDetailed"}
LISTS = ("updates", "live_streams", "road_closures", "notices", "vehicles", "orbiters")


def test_every_mode_is_one_object_that_conforms_to_its_component(client):
    for mode, component in COMPONENTS.items():
        dashboard = get_json(client, f"{URL}?mode={mode}")
        conformance = Conformance()
        conformance.check(dashboard, component)
        assert conformance.problems[:20] == []
        assert dashboard["response_mode"] == mode
        assert all(dashboard[name] for name in LISTS), {name: len(dashboard[name]) for name in LISTS}
        assert all(dashboard[period][kind] for period in ("upcoming", "previous") for kind in ("launches", "events"))
    assert get_json(client, URL)["response_mode"] == "normal"


def test_each_list_is_what_the_endpoints_of_its_records_select(client):
    program = Starship.now().program
    dashboard = get_json(client, f"{URL}?mode=detailed")
    shown = {name: [item.get("id") for item in dashboard[name]] for name in LISTS}
    for period in ("upcoming", "previous"):
        for kind in ("launches", "events"):
            found = [item["id"] for item in dashboard[period][kind]]
            served = ids(client, f"/2.3.0/{kind}/{period}/?program={program.pk}&limit=100")
            # Previous launches newest first, as `/launches/previous/`; events oldest first either way.
            assert (found if kind == "launches" or period == "upcoming" else found[::-1]) == served, (period, kind)
    launches = Launch.objects.filter(program=program)
    events = Event.objects.filter(program=program)
    updates = Update.objects.filter(program=program) | Update.objects.filter(launch__in=launches) | (
        Update.objects.filter(event__in=events))
    assert shown["updates"] == list(updates.order_by("-created_on", "-id").values_list("pk", flat=True)[:10])
    assert shown["road_closures"] == list(
        RoadClosure.objects.filter(program=program).order_by("window_start", "id").values_list("pk", flat=True))
    notices = Notice.objects.filter(program=program).order_by("date", "id")
    assert shown["notices"] == list(notices.values_list("pk", flat=True))
    assert [stream["url"] for stream in dashboard["live_streams"]] == list(
        LiveStream.objects.filter(program=program).values_list("url", flat=True))
    configurations = ids(client, f"/2.3.0/launcher_configurations/?program={program.pk}&limit=100")
    configurations = ",".join(map(str, configurations))
    vehicles = ids(client, f"/2.3.0/launchers/?launcher_config__ids={configurations}&limit=100")
    assert sorted(shown["vehicles"]) == sorted(vehicles)
    assert [item["serial_number"] for item in dashboard["vehicles"]] == sorted(
        item["serial_number"] for item in dashboard["vehicles"])
    flown = {str(pk) for pk in launches.values_list("pk", flat=True)}
    for orbiter in dashboard["orbiters"]:
        flights = get_json(client, f"/2.3.0/spacecraft_flights/?spacecraft={orbiter['id']}&limit=100&mode=detailed")
        assert any(flight["launch"]["id"] in flown for flight in flights["results"]), orbiter["id"]


def test_the_store_serves_the_serializers_bytes_and_links_answer(client):
    for mode in COMPONENTS:
        url = f"{URL}?mode={mode}"
        stored = client.get(url)
        with override_settings(REPRESENTATION_STORE=False):
            plain = client.get(url)
        assert stored.status_code == plain.status_code == 200
        assert stored.content == plain.content, mode
        assert stored["ETag"] and client.get(url, HTTP_IF_NONE_MATCH=stored["ETag"]).status_code == 304
    assert not follow_links(client, [get_json(client, f"{URL}?mode=detailed")])


@pytest.mark.parametrize("stored", [True, False], ids=["store", "serializers"])
def test_its_queries_do_not_grow_with_the_programme(client, settings, stored):
    settings.REPRESENTATION_STORE, settings.STORE_MEMORY_MB = stored, 0
    program = Starship.now().program

    def cost(mode):
        get_json(client, f"{URL}?mode={mode}")  # the first read fills the store
        with CaptureQueriesContext(connection) as queries:
            get_json(client, f"{URL}?mode={mode}")
        return len(queries)

    def size():
        dashboard = get_json(client, f"{URL}?mode=list")
        return sum(len(dashboard[period][kind]) for period in ("upcoming", "previous")
                   for kind in ("launches", "events"))

    # Launches and events of other programmes join it, in two halves of a sample in the order of their ids
    # (random UUIDs for launches): the first half holds every kind of nested object, the second more of them.
    launches = list(Launch.objects.exclude(program=program).order_by("id")[:80])
    events = list(Event.objects.exclude(program=program).order_by("id")[:20])
    for joining in (launches[:40] + events[:10], launches[40:] + events[10:]):
        for row in joining:
            row.program.add(program)
        if joining[0] is launches[0]:
            before, smaller = {mode: cost(mode) for mode in COMPONENTS}, size()
    assert {mode: cost(mode) for mode in COMPONENTS} == before
    assert size() >= smaller + 50


def test_an_imported_dashboard_comes_back_identical_and_replaces_the_programme_s_lists(client):
    """A sync imports the dashboard in its fullest mode: its records in their shapes; the programme's road
    closures, notices and live streams become those it lists, no more."""
    program = Starship.now().program
    dashboard = get_json(client, f"{URL}?mode=detailed")
    stale = RoadClosure.objects.create(id=10**6, program=program, title="Secondary Date")
    LiveStream.objects.filter(program=program).update(title="renamed")
    Notice.objects.filter(program=program).delete()
    Update.objects.filter(pk=dashboard["updates"][0]["id"]).update(comment="edited")
    resource, _ = registry.resource_at(URL)
    assert Importer().import_page(dashboard, "dashboard.json", resource) > 0
    assert get_json(client, f"{URL}?mode=detailed") == dashboard
    assert not RoadClosure.objects.filter(pk=stale.pk).exists()
    unchanged = Importer()
    unchanged.import_page(dashboard, "dashboard.json", resource)
    assert not any(changes.created or changes.updated for changes in unchanged.changes.values())


def test_a_dashboard_whose_programme_is_not_stored_is_refused_whole(client):
    dashboard = get_json(client, f"{URL}?mode=detailed")
    resource, _ = registry.resource_at(URL)
    Starship.now().program.delete()
    with pytest.raises(PageError, match=r"\$\.live_streams: its program is not stored here"):
        Importer().import_page(dashboard, "dashboard.json", resource)


@pytest.mark.parametrize("page, path", [
    ({"upcoming": 5}, r"\$\.upcoming: expected an object"),
    ({"upcoming": {"launches": {}}}, r"\$\.upcoming\.launches: expected a list"),
    ({"response_mode": "huge"}, r"\$\.response_mode: unknown mode"),
])
def test_a_malformed_dashboard_is_refused_with_its_path(page, path):
    resource, _ = registry.resource_at(URL)
    with pytest.raises(PageError, match=path):
        Importer().import_page(page, "dashboard.json", resource)
    # An object not given says nothing of its lists.
    assert Importer().import_page({"upcoming": None}, "dashboard.json", resource) == 0


def test_an_unknown_mode_and_an_id_are_json_errors_and_writes_are_refused(client):
    assert "mode" in get_json(client, f"{URL}?mode=huge", status=400)
    assert get_json(client, f"{URL}1/", status=404)["detail"]
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)(URL).status_code == 405


# What a real client asks

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def live_server_of_ours(migrated_sqlite, tmp_path_factory):
    """A production server of ours (gunicorn) on its own database of generated data: its address."""
    path = tmp_path_factory.mktemp("live") / "db.sqlite3"
    shutil.copy(migrated_sqlite, path)
    database = f"sqlite:///{path}"
    env = {**os.environ, "DATABASE_URL": database, "SECRET_KEY": "a test key of a live server " * 2,
           "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1", "WEB_CONCURRENCY": "1", "BIND_HOST": "127.0.0.1"}
    subprocess.run([sys.executable, "manage.py", "generate_data", "--scale", "1", "--no-representations", "-v0"],
                   cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "gunicorn"), "-c", "lldapi/gunicorn.py",
                               "lldapi.wsgi"], cwd=ROOT, env={**env, "PORT": str(port)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{address}/health/", timeout=5)
            break
        except OSError:
            assert server.poll() is None, server.communicate()[1][-2000:]
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
    yield address
    server.terminate()
    server.wait(timeout=30)


def as_pylaunches(address, path):
    """GET `path` as pylaunches does: JSON asked for and declared."""
    request = urllib.request.Request(f"{address}{path}", headers={
        "Accept": "application/json", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200, path
        assert response.headers["Content-Type"].startswith("application/json"), path
        return json.loads(response.read())


def test_what_home_assistant_asks_through_pylaunches_is_answered(live_server_of_ours):
    """The requests of pylaunches' 2.3.0 code, and what it and Home Assistant read of each."""
    address = live_server_of_ours
    [launch] = as_pylaunches(address, "/2.3.0/launches/upcoming/?limit=1&hide_recent_previous=True")["results"]
    assert launch["name"] and launch["net"] and launch["launch_service_provider"]["name"]
    assert launch["pad"]["location"]["country"]["name"] and isinstance(launch["webcast_live"], bool)
    dashboard = as_pylaunches(address, "/2.3.0/dashboard/starship/")
    assert dashboard["previous"]["launches"] and dashboard["upcoming"]["launches"]
    previous = dashboard["previous"]["launches"][0]
    assert previous["name"] and previous["net"] and previous["launch_service_provider"]["name"]
    for path in ("/2.3.0/events/", "/2.3.0/events/upcoming/", "/2.3.0/events/previous/"):
        events = as_pylaunches(address, path)["results"]
        assert events and all(event["name"] and event["date"] for event in events), path
