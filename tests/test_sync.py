"""`sync_ll2` against a loopback LL2 that serves, with LL2's pagination, throttle and faults, what this
server answers for the seed pages: a sync into an empty database must give back every record."""

import difflib
import io
import json
import math
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

import pytest
import requests
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from launches.models import Launch
from lldapi import sync, tables
from lldapi.importer import Importer, PageError
from lldapi.models import Change, SetAsideRecord, SyncState, UnknownKey
from lldapi.upstream import Throttle, Upstream, UpstreamError

from .fidelity import all_results, as_text, at_any_time, corpus_records, get_json
from .upstream import LoopbackLL2, SimulatedClock, listing, upstream_records

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
# Small pages, so that the seed data spans several pages of several endpoints.
PAGE_SIZE = 7


@pytest.fixture(scope="module")
def published(django_db_setup, django_db_blocker):
    """What the loopback LL2 publishes: this server's answers over the seed pages."""
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        return upstream_records(APIClient(), sync.synced_resources())


@pytest.fixture
def records(published):
    return json.loads(json.dumps(published))


@pytest.fixture
def empty(db, monkeypatch):
    monkeypatch.setattr(sync, "PAGE_SIZE", PAGE_SIZE)
    tables.flush()


@pytest.fixture
def clock():
    return SimulatedClock()


@pytest.fixture
def ll2(records, clock):
    with LoopbackLL2(records, clock) as server:
        yield server


def run(ll2, clock, resources=None, **options):
    """A sync of every endpoint (or `resources`) from the loopback LL2; returns the Sync."""
    lines = []
    upstream = Upstream(ll2.base_url, clock=clock, log=lines.append, **options)
    synced = sync.Sync(upstream, log=lines.append)
    synced.lines = lines
    for resource in resources or sync.synced_resources():
        synced.crawl(resource)
    return synced


def pages(records):
    """Per endpoint, the calls of a cycle: one for an object of lists (a dashboard)."""
    return {path: 1 if isinstance(items, dict) else max(math.ceil(len(items) / PAGE_SIZE), 1)
            for path, items in records.items()}


def assert_serves(client, records):
    """Every endpoint answers exactly the records the loopback LL2 lists, in the synced mode."""
    synced = {resource.path: resource for resource in sync.synced_resources()}
    for path, expected in records.items():
        if path not in synced:
            continue  # a subset of an endpoint's records (upcoming launches)
        resource = synced[path]
        if resource.subject is not None:
            assert get_json(client, listing(resource)) == expected, path
            continue
        ours = all_results(client, listing(resource))
        assert [record["id"] for record in ours] == [record["id"] for record in expected], path
        for mine, theirs in zip(ours, expected, strict=True):
            difference = "\n".join(difflib.unified_diff(as_text(theirs).splitlines(), as_text(mine).splitlines(), n=1))
            assert not difference, f"{path} {mine['id']}:\n{difference}"


def contents():
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in tables.app_models(include_auto_created=True)
    }


def test_a_full_sync_gives_back_every_record_as_upstream_serves_it(client, empty, ll2, clock, records):
    synced = run(ll2, clock)
    assert_serves(client, records)
    assert synced.pages == ll2.calls.__len__() == sum(pages(records).values())
    # Nothing fetched twice: each endpoint's offsets once each.
    for path in (path for path, items in records.items() if not isinstance(items, dict)):
        offsets = [int(query["offset"]) for query in ll2.calls_to(path)]
        assert offsets == list(range(0, pages(records)[path] * PAGE_SIZE, PAGE_SIZE)), path


def test_a_key_unknown_here_is_counted_and_the_record_stored_without_it(client, empty, clock, records):
    """LL2 adds fields within a version: a sync goes on, and its summary names the key."""
    served = json.loads(json.dumps(records))
    for record in records["spacecraft"]:
        record["new_field"] = {"added": "upstream"}
    records["spacecraft"][0]["spacecraft_config"]["new_nested_field"] = 1
    with LoopbackLL2(records, clock) as ll2:
        out = io.StringIO()
        call_command("sync_ll2", base_url=ll2.base_url, endpoints=["spacecraft"], stdout=out)
    count, url = len(records["spacecraft"]), f"{ll2.base_url}/spacecraft/?"
    unknown = [line for line in out.getvalue().splitlines() if "unknown to this server" in line]
    assert [line.split(" (")[0] for line in unknown] == [
        "  not stored, unknown to this server: SpacecraftConfigDetailed.new_nested_field",
        "  not stored, unknown to this server: SpacecraftEndpointDetailed.new_field",
    ], unknown
    assert unknown[0].split(" (")[1].startswith(f"1 times, first in {url}")
    assert unknown[1].split(" (")[1].startswith(f"{count} times, first in {url}")
    assert_serves(client, {"spacecraft": served["spacecraft"]})


def test_the_unknown_keys_of_a_rejected_page_are_not_counted(empty, records):
    importer = Importer(skip_unknown_keys=True)
    page = {"results": [{**records["spacecraft"][0], "new_field": 1, "flights_count": "many"}]}
    with pytest.raises(PageError, match="flights_count"):
        importer.import_page(page, "rejected")
    assert importer.unknown_keys == {}
    page["results"][0]["flights_count"] = 1
    importer.import_page(page, "accepted")
    assert importer.unknown_keys == {"SpacecraftEndpointDetailed.new_field": [1, "accepted"]}


def test_an_imported_file_with_a_key_unknown_here_is_still_rejected(tmp_path, records):
    page = {"results": [{**records["spacecraft"][0], "new_field": 1}]}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page))
    with pytest.raises(PageError, match=r"\$\.results\[0\]\.new_field: not a field of SpacecraftEndpointDetailed"):
        Importer().import_file(path)


def test_a_sync_ends_as_a_direct_import_of_the_same_pages(empty, ll2, clock):
    run(ll2, clock)
    synced = contents()
    tables.flush()
    # Single pages of lookups have no paging links to name their endpoint: it is given, as the sync does.
    resources = {resource.path: resource for resource in sync.synced_resources()}
    importer = Importer()
    for _, path, query in ll2.calls:
        importer.import_page(ll2.page(path, query), path, resources[path])
    assert contents() == synced


def test_calls_stay_within_the_budget_in_every_hour(client, empty, records, clock):
    with LoopbackLL2(records, clock, limit=15, period=3600) as ll2:
        ll2.other_use = 4  # another client on the same address
        run(ll2, clock)
        assert ll2.refused == []
        moments = [moment for moment, _, _ in ll2.calls]
        for moment in moments:
            assert sum(1 for other in moments if moment - 3600 < other <= moment) + 4 <= 15
        assert len(moments) + 4 > 15 and clock.now() >= 3600
    assert_serves(client, records)


# What LL2's /2.3.0/api-throttle/ answered a client that had used its 15 calls
# (fixtures/ll2/corpus/008_api-throttle.json, from xarantolus/rockit's test/throttle_test.dart).
LL2_THROTTLE = {
    "your_request_limit": 15, "limit_frequency_secs": 3600, "current_use": 15, "next_use_secs": 1631,
    "ident": "188.101.224.20",
}


def test_the_loopback_ll2_answers_its_throttle_in_ll2_s_shape(ll2):
    for limit in (None, 15):
        ll2.limit = limit
        answer = requests.get(f"{ll2.base_url}/api-throttle/", timeout=10).json()
        assert list(answer) == list(LL2_THROTTLE)
        assert [type(value) for value in answer.values()] == [type(value) for value in LL2_THROTTLE.values()]


def test_ll2_s_throttle_object_is_read_and_obeyed(ll2, clock):
    ll2.throttle_answers.append(LL2_THROTTLE)
    upstream = Upstream(ll2.base_url, clock=clock)
    upstream.get("agencies")
    assert clock.slept == [1631]
    assert [moment for moment, _, _ in ll2.calls] == [1631]


@pytest.mark.parametrize(
    "body",
    [LL2_THROTTLE, [LL2_THROTTLE]],
    ids=["LL2's object", "the published schema's array of one"],
)
def test_the_throttle_is_read_as_ll2_answers_it_or_as_its_schema_says(body):
    assert Throttle.parse("url", body) == Throttle(15, 3600, 15, 1631, "188.101.224.20")


def test_an_array_of_one_without_limits_is_no_limit():
    body = [{**LL2_THROTTLE, "your_request_limit": None, "limit_frequency_secs": None, "current_use": 0}]
    assert Throttle.parse("url", body).left == math.inf


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ([], "expected an APIThrottle object"),
        ([LL2_THROTTLE, LL2_THROTTLE], "expected an APIThrottle object"),
        ("15", "expected an APIThrottle object"),
        ({**LL2_THROTTLE, "current_use": None}, "$.current_use: expected a non-negative integer, not None"),
        ([{**LL2_THROTTLE, "next_use_secs": "0"}], "$[0].next_use_secs: expected a non-negative integer, not '0'"),
        ({**LL2_THROTTLE, "your_request_limit": True}, "$.your_request_limit: expected a non-negative integer"),
    ],
)
def test_a_throttle_answer_of_another_shape_is_refused_with_its_path(body, problem):
    with pytest.raises(UpstreamError) as refused:
        Throttle.parse("url", body)
    assert problem in str(refused.value)


def test_a_429_waits_for_the_time_ll2_states(client, empty, ll2, clock, records):
    ll2.fault("spacecraft", "429")
    synced = run(ll2, clock)
    assert 30 in clock.slept
    assert any("429, LL2 asks to wait 30 s" in line for line in synced.lines)
    assert_serves(client, records)


@pytest.mark.parametrize("kind", ["500", "drop", "slow"])
def test_transient_failures_are_retried_with_backoff(client, empty, ll2, clock, records, kind):
    ll2.fault("spacecraft", kind, offset=PAGE_SIZE)
    ll2.slow_seconds = 1.0
    synced = run(ll2, clock, timeout=0.3)
    assert any("retrying in 2 s" in line for line in synced.lines), synced.lines
    assert len(ll2.calls_to("spacecraft")) == pages(records)["spacecraft"] + 1
    assert_serves(client, records)


def test_a_failure_that_persists_stops_the_endpoint_with_its_url(empty, ll2, clock):
    for _ in range(3):
        ll2.fault("spacecraft", "500")
    with pytest.raises(UpstreamError, match=r"/2\.3\.0/spacecraft/\?limit=7&offset=0.*HTTP 500 \(gave up after 3"):
        run(ll2, clock, retries=2)


def test_a_malformed_page_lands_nothing_and_is_fetched_again_next_time(client, empty, ll2, clock, records):
    spacecraft = next(r for r in sync.synced_resources() if r.path == "spacecraft")
    ll2.fault("spacecraft", "malformed", offset=2 * PAGE_SIZE)
    with pytest.raises(PageError, match=r"spacecraft/\?limit=7&offset=14.*: \$: the JSON body does not parse"):
        run(ll2, clock, resources=[spacecraft])
    from spacecraft.models import Spacecraft

    assert Spacecraft.objects.count() == 2 * PAGE_SIZE
    state = SyncState.objects.get(endpoint="spacecraft")
    assert state.offset == 2 * PAGE_SIZE
    run(ll2, clock, resources=[spacecraft])
    assert [int(q["offset"]) for q in ll2.calls_to("spacecraft")][3] == 2 * PAGE_SIZE
    assert Spacecraft.objects.count() == len(records["spacecraft"])


def problems():
    out = io.StringIO()
    call_command("sync_ll2", problems=True, stdout=out)
    return out.getvalue().splitlines()


def test_records_that_cannot_be_stored_are_set_aside_and_tried_again(client, empty, clock, records):
    """The rest of their page lands and the sync goes on; `--problems` and `/health/` say what was left
    out, and a later cycle stores the records once LL2 sends them fixed."""
    served = json.loads(json.dumps(records))
    impossible, odd_id = records["spacecraft"][PAGE_SIZE + 1], records["spacecraft"][PAGE_SIZE + 3]
    impossible["spacecraft_config"]["agency"]["id"] = 2**63
    original_id, odd_id["id"] = odd_id["id"], f"SC-{odd_id['id']}"
    records["spacecraft"][0]["new_field"] = {"added": "upstream"}
    with LoopbackLL2(records, clock) as ll2:
        out = io.StringIO()
        call_command("sync_ll2", base_url=ll2.base_url, endpoints=["spacecraft"], stdout=out)
        assert "  set aside, not stored: 2 records (sync_ll2 --problems lists them and why)" in out.getvalue()
        landed = [r for r in served["spacecraft"] if r["id"] not in (impossible["id"], original_id)]
        assert_serves(client, {"spacecraft": landed})
        page = f"{ll2.base_url}/spacecraft/?limit={PAGE_SIZE}&offset={PAGE_SIZE}&mode=detailed&ordering=id"
        first = problems()
        assert [line.split(" (first seen")[0] for line in first] == [
            f"spacecraft: {page} (record {impossible['url']}): $.results[1].spacecraft_config.agency.id: "
            "Ensure this value is less than or equal to 2147483647.",
            f"spacecraft: {page} (record {odd_id['url']}): $.results[3].id: A valid integer is required.",
        ]

        health = client.get("/health/", HTTP_ACCEPT="application/json")
        assert health.status_code == 200
        example = f"{ll2.base_url}/spacecraft/?limit={PAGE_SIZE}&offset=0&mode=detailed&ordering=id"
        assert json.loads(health.content) == {
            "Database(alias='default')": "OK",
            "RecordsSetAside(count=2)": "OK",
            f"KeyUnknownHere(key='SpacecraftEndpointDetailed.new_field', times=1, example='{example}')": "OK",
        }

        # Failing again, for another reason: its entry says so, first seen when it first failed.
        before = SetAsideRecord.objects.get(url=impossible["url"])
        impossible["spacecraft_config"]["agency"]["id"] = "SpaceX"
        call_command("sync_ll2", base_url=ll2.base_url, endpoints=["spacecraft"], stdout=io.StringIO())
        after = SetAsideRecord.objects.get(url=impossible["url"])
        assert (after.reason, after.first_seen) == ("A valid integer is required.", before.first_seen)
        assert after.last_seen > before.last_seen
        assert len(problems()) == 2

        records["spacecraft"] = served["spacecraft"]
        call_command("sync_ll2", base_url=ll2.base_url, endpoints=["spacecraft"], stdout=io.StringIO())
    assert problems() == ["no records set aside: every record synced from LL2 is stored"]
    assert_serves(client, {"spacecraft": served["spacecraft"]})
    assert "RecordsSetAside(count=0)" in json.loads(client.get("/health/", HTTP_ACCEPT="application/json").content)


def test_a_record_set_aside_leaves_nothing_of_itself_in_its_page_s_bookkeeping(client, empty, records):
    """Rolled back to its savepoint, a record's writes are not taken for stored by the records after it."""
    first, second, third = json.loads(json.dumps(records["spacecraft"][:3]))
    renamed = {**first["spacecraft_config"], "name": "Renamed"}
    # The configuration is written, then the record fails on a key that comes after it.
    second.update(spacecraft_config=renamed, fastest_turnaround=5, new_field=1)
    third["spacecraft_config"] = json.loads(json.dumps(renamed))
    importer = Importer(skip_unknown_keys=True, set_aside_records=True)
    importer.import_page({"results": [first, second, third]}, "page")
    [entry] = importer.set_aside
    assert (entry.index, entry.path) == (1, "$.results[1].fastest_turnaround")
    assert entry.reason.startswith("Duration has wrong format.")
    assert importer.unknown_keys == {}
    from spacecraft.models import Spacecraft, SpacecraftConfig

    assert set(Spacecraft.objects.values_list("pk", flat=True)) == {first["id"], third["id"]}
    assert importer.changes[Spacecraft].created == {first["id"], third["id"]}
    assert SpacecraftConfig.objects.get(pk=renamed["id"]).name == "Renamed"
    answer = client.get(f"/2.3.0/spacecraft/{third['id']}/?format=json").json()
    assert answer["spacecraft_config"]["name"] == "Renamed"


def test_an_imported_file_with_a_record_that_cannot_be_stored_is_still_rejected_whole(empty, tmp_path, records):
    """An operator can fix a file: `import_ll2` sets nothing aside."""
    page = {"results": [records["spacecraft"][0], {**records["spacecraft"][1], "id": "SC-1"}]}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 files rejected; nothing of them was written"):
        call_command("import_ll2", str(path), stdout=io.StringIO(), stderr=err)
    assert f"rejected {path}: $.results[1].id: A valid integer is required." in err.getvalue()
    from spacecraft.models import Spacecraft

    assert not Spacecraft.objects.exists()
    assert problems() == ["no records set aside: every record synced from LL2 is stored"]


def test_a_second_cycle_over_unchanged_data_writes_nothing(empty, ll2, clock):
    run(ll2, clock)
    with CaptureQueriesContext(connection) as queries:
        synced = run(ll2, clock)
    data_tables = {model._meta.db_table for model in tables.app_models(include_auto_created=True)}
    writes = [
        query["sql"]
        for query in queries
        if query["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
        and any(f'"{table}"' in query["sql"] for table in data_tables)
    ]
    assert writes == []
    assert all(not changes.created and not changes.updated for changes in synced.importer.changes.values())
    assert not any(synced.removed.values())


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


def embedding(records, path, pk=None):
    """Every object, at any depth of any record, that is the object `pk` (or any object) of endpoint `path`."""
    link = re.compile(rf"/2\.3\.0/{path}/{'[^/]+' if pk is None else re.escape(str(pk))}/$")

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("url"), str) and link.search(value["url"]):
                yield value
            for item in value.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    return list(walk(records))


def test_a_changed_record_is_updated_everywhere_it_is_embedded(client, empty, ll2, clock, records):
    run(ll2, clock)
    agency = max(records["agencies"], key=lambda record: len(embedding(records, "agencies", record["id"])))
    places = embedding(records, "agencies", agency["id"])
    assert len(places) > 3
    # Lists of agencies are in name order: a suffix keeps this one's place.
    for place in places:
        place["name"] += " (renamed)"
    synced = run(ll2, clock)
    from agencies.models import Agency

    assert synced.importer.changes[Agency].updated == {agency["id"]}
    assert_serves(client, records)


def test_a_deleted_record_is_removed_only_after_a_complete_crawl(client, empty, ll2, clock, records):
    spacecraft = next(r for r in sync.synced_resources() if r.path == "spacecraft")
    run(ll2, clock)
    alone = [r for r in records["spacecraft"] if len(embedding(records, "spacecraft", r["id"])) == 1]
    gone = alone[0]
    records["spacecraft"].remove(gone)
    from spacecraft.models import Spacecraft

    ll2.fault("spacecraft", "malformed", offset=2 * PAGE_SIZE)
    with pytest.raises(PageError):
        run(ll2, clock, resources=[spacecraft])
    assert Spacecraft.objects.filter(pk=gone["id"]).exists()
    synced = run(ll2, clock, resources=[spacecraft])
    assert synced.removed["spacecraft"] == [gone["id"]]
    assert not Spacecraft.objects.filter(pk=gone["id"]).exists()
    assert_serves(client, records)
    [tombstone] = Change.objects.filter(kind=Change.REMOVED)
    assert (tombstone.endpoint, tombstone.record, tombstone.fields) == ("spacecraft", str(gone["id"]), {})
    assert "/spacecraft/" in tombstone.source and "offset=" in tombstone.source


def test_a_cycle_during_which_upstream_changed_removes_nothing(empty, ll2, clock, records):
    spacecraft = next(r for r in sync.synced_resources() if r.path == "spacecraft")
    run(ll2, clock, resources=[spacecraft])
    gone = records["spacecraft"][0]
    # Removed after the cycle's first page is read: later offsets shift by one.
    ll2.on_call = lambda path, query: query.get("offset") == str(PAGE_SIZE) and records["spacecraft"].remove(gone)
    synced = run(ll2, clock, resources=[spacecraft])
    assert synced.removed["spacecraft"] == []
    assert any("nothing removed this cycle" in line for line in synced.lines)


def test_dry_run_only_asks_the_throttle_and_plans_from_stored_counts(empty, ll2, clock, records):
    out = io.StringIO()
    call_command("sync_ll2", base_url=ll2.base_url, dry_run=True, stdout=out)
    assert ll2.calls == []
    assert "not yet known for" in out.getvalue()
    run(ll2, clock)
    out = io.StringIO()
    call_command("sync_ll2", base_url=ll2.base_url, dry_run=True, stdout=out)
    calls = sum(pages(records).values())
    assert f"a cycle needs {calls} calls for {len(records)} endpoints" in out.getvalue()
    assert "not yet known" not in out.getvalue()


def test_the_command_syncs_and_sums_up(empty, ll2, records):
    out = io.StringIO()
    call_command("sync_ll2", base_url=ll2.base_url, endpoints=["spacecraft", "agencies"], stdout=out)
    summary = out.getvalue()
    assert f"{len(ll2.calls)} calls, {len(ll2.calls)} pages imported" in summary
    assert f"spacecraft: {len(records['spacecraft'])} created, 0 updated" in summary
    out = io.StringIO()
    call_command("sync_ll2", base_url=ll2.base_url, endpoints=["spacecraft"], stdout=out)
    assert f"spacecraft: 0 created, 0 updated, {len(records['spacecraft'])} unchanged" in out.getvalue()


def test_the_command_sends_the_api_token_as_ll2_expects(empty, ll2, monkeypatch):
    call_command("sync_ll2", base_url=ll2.base_url, endpoints=["agencies"], stdout=io.StringIO())
    assert ll2.authorizations == {None}
    monkeypatch.setenv("LL2_API_TOKEN", "0123abcd")
    call_command("sync_ll2", base_url=ll2.base_url, endpoints=["agencies"], stdout=io.StringIO())
    assert ll2.authorizations == {None, "Token 0123abcd"}


def test_an_unknown_endpoint_is_refused(empty):
    with pytest.raises(CommandError, match="not endpoints this server syncs: rockets"):
        call_command("sync_ll2", endpoints=["rockets"], dry_run=True)


def test_a_second_sync_refuses_to_start(empty, ll2):
    holder = threading.Event()
    release = threading.Event()

    def hold():
        from django.db import connections

        with sync.one_sync_at_a_time():
            holder.set()
            release.wait(10)
        connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        holder.wait(10)
        with pytest.raises(CommandError, match="another sync_ll2 is running on this database"):
            call_command("sync_ll2", base_url=ll2.base_url, dry_run=True, stdout=io.StringIO())
        # With --wait, it starts once the other one ends.
        threading.Timer(0.5, release.set).start()
        out = io.StringIO()
        call_command("sync_ll2", base_url=ll2.base_url, dry_run=True, wait=True, stdout=out)
        assert release.is_set() and out.getvalue()
    finally:
        release.set()
        thread.join()
    call_command("sync_ll2", base_url=ll2.base_url, dry_run=True, stdout=io.StringIO())


def test_bundled_pages_are_not_imported_over_synced_data(empty, ll2, clock, seed_paths):
    out = io.StringIO()
    call_command("import_ll2", *seed_paths, skip_if_synced=True, stdout=out)
    assert "imported" in out.getvalue()
    tables.flush()
    run(ll2, clock, resources=sync.synced_resources(["agencies"]))
    out = io.StringIO()
    call_command("import_ll2", *seed_paths, skip_if_synced=True, stdout=out)
    assert "holds data synced from LL2" in out.getvalue()
    makefile = (ROOT / "Makefile").read_text()
    for recipe in ("run", "serve"):
        assert "import_ll2 --skip-if-synced" in makefile.split(f"\n{recipe}:")[1].split("\n\n")[0]
    assert "import_ll2 --skip-if-synced" in (ROOT / "Dockerfile").read_text()


def test_compose_runs_a_follow_sync_beside_the_app_on_the_same_database():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert services["sync"]["environment"]["DATABASE_URL"] == services["app"]["environment"]["DATABASE_URL"]
    assert services["sync"]["command"][-1].endswith("exec python manage.py sync_ll2 --follow")
    assert services["sync"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert "LL2_API_TOKEN" in services["sync"]["environment"]


def test_a_sync_killed_mid_page_resumes_after_the_last_page_it_committed(tmp_path, records, new_sqlite):
    """With SIGKILL, in a process of its own on an SQLite file; it ends as a sync never killed."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    endpoints = ["spacecraft", "agencies", "spacecraft_flights", "docking_events"]

    def database(name):
        return {**os.environ, "DATABASE_URL": f"sqlite:///{new_sqlite(name)}"}

    killed, whole = database("killed.sqlite3"), database("whole.sqlite3")
    asked = threading.Event()
    with LoopbackLL2(records, SimulatedClock()) as ll2:
        command = [*manage, "sync_ll2", "--base-url", ll2.base_url, "--endpoints", *endpoints]
        # The third endpoint's page is asked for once the second's is committed.
        ll2.on_call = lambda path, query: path == endpoints[2] and not asked.is_set() and asked.set()
        process = subprocess.Popen(command, env=killed, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        assert asked.wait(60)
        process.send_signal(signal.SIGKILL)
        process.wait()
        ll2.on_call = None
        before = len(ll2.calls)
        subprocess.run(command, env=killed, cwd=ROOT, check=True, capture_output=True)
        resumed = [path for _, path, _ in ll2.calls[before:]]
        subprocess.run(command, env=whole, cwd=ROOT, check=True, capture_output=True)
    assert resumed == endpoints[2:]
    rows = data_of(tmp_path / "killed.sqlite3")
    assert sum(map(len, rows.values())) > 100
    assert rows == data_of(tmp_path / "whole.sqlite3")


def data_of(file):
    """Every row of the mirror's tables in an SQLite file, but the sync's own bookkeeping."""
    with sqlite3.connect(file) as database:
        names = [row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            name: database.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            for name in names
            if name.split("_")[0] in ("agencies", "launches", "spacecraft", "docking")
        }


def test_follow_continues_every_cycle_then_recrawls_what_is_stale(empty, ll2, clock, records):
    resources = sync.synced_resources(["spacecraft", "agencies"])
    lines = []
    synced = sync.Sync(Upstream(ll2.base_url, clock=clock), log=lines.append)
    sync.follow(synced, resources, recrawl=timedelta(days=1), stop=lambda: clock.now() > 600)
    cycle = ["spacecraft"] * pages(records)["spacecraft"] + ["agencies"] * pages(records)["agencies"]
    assert [path for _, path, _ in ll2.calls] == cycle
    count = len(records["spacecraft"])
    assert lines[0] == f"spacecraft: cycle 1, {PAGE_SIZE} of {count} records"
    assert f"spacecraft: cycle 1, {count} of {count} records, complete" in lines
    # Every endpoint crawled within --recrawl: nothing more is fetched while the clock runs.
    assert clock.now() > 600
    sync.follow(synced, resources, recrawl=timedelta(0), stop=lambda: len(ll2.calls) > len(cycle))
    assert ll2.calls[-1][1] == "spacecraft"
    assert SyncState.objects.get(endpoint="spacecraft").cycle == 2


def test_replacing_the_data_forgets_the_sync_positions(empty, ll2, clock):
    run(ll2, clock, resources=sync.synced_resources(["agencies"]))
    assert sync.holds_synced_data()
    call_command("generate_data", scale=1, flush=True, verbosity=0)
    assert not SyncState.objects.exists()


def test_follow_asks_timestamped_endpoints_for_what_changed(client, empty, ll2, clock, records):
    for index, launch in enumerate(records["launches"]):
        for place in embedding(records, "launches", launch["id"]):
            if "last_updated" in place:
                place["last_updated"] = "2026-01-02T00:00:00Z" if index == 1 else "2026-01-01T00:00:00Z"
    # The seed launches all took place: nothing upcoming.
    records["launches/upcoming"] = records["events/upcoming"] = []
    run(ll2, clock)
    changed = records["launches"][0]
    stamp = iso(timezone.now() + timedelta(minutes=1))
    for place in embedding(records, "launches", changed["id"]):
        place["name"] += " (renamed)"
        if "last_updated" in place:
            place["last_updated"] = stamp
    before = len(ll2.calls)
    lines = []
    synced = sync.Sync(Upstream(ll2.base_url, clock=clock), log=lines.append)
    sync.follow(synced, sync.synced_resources(), interval=3600, stop=lambda: clock.now() > 1)
    # The first look reaches back to the newest change the cycle listed: that launch, and the changed one.
    assert sum(line.startswith("launches: 2 of 2 records changed since 2026-01-01T23:50:00") for line in lines) == 1
    asked = ll2.calls[before:]
    assert sorted(path for _, path, _ in asked) == ["events", "events/upcoming", "launches", "launches/upcoming"]
    assert all(query["ordering"] == "last_updated" and query["last_updated__gte"] for _, _, query in asked)
    assert synced.importer.changes[Launch].updated == {UUID(changed["id"])}
    assert_serves(client, records)
    assert SyncState.objects.get(endpoint="launches").updated_since == parse_datetime(stamp)
    # The next look starts from the newest change seen: the changed launch is asked for again, no other.
    sync.follow(synced, sync.synced_resources(), interval=3600, stop=lambda: clock.now() > 3700)
    launches = [query for _, path, query in ll2.calls if path == "launches"]
    assert launches[-1]["last_updated__gte"] == stamp


def test_a_cycle_begun_on_another_host_starts_again_from_its_first_page(client, empty, clock, records):
    """Copied in part from LL2's development host (older data), then synced from production: production's
    offsets list other records, so its cycle starts from the first page and removes only what it no
    longer lists."""
    spacecraft = sync.synced_resources(["spacecraft"])
    development = {"spacecraft": json.loads(json.dumps(records["spacecraft"]))}
    for record in development["spacecraft"]:
        record["name"] += " (development)"
    # Production has since deleted three records: its pages after the first are shifted by three.
    gone = records["spacecraft"][1:4]
    production = {"spacecraft": [record for record in records["spacecraft"] if record not in gone]}
    with LoopbackLL2(development, clock) as dev, LoopbackLL2(production, clock) as prod:
        dev.fault("spacecraft", "malformed", offset=2 * PAGE_SIZE)
        with pytest.raises(PageError):
            run(dev, clock, spacecraft)
        synced = run(prod, clock, spacecraft)
    offsets = [int(query["offset"]) for query in prod.calls_to("spacecraft")]
    assert offsets == list(range(0, len(production["spacecraft"]), PAGE_SIZE))
    assert f"spacecraft: cycle 1 was under way from {dev.base_url}; it starts again from {prod.base_url}" in (
        synced.lines
    )
    assert sorted(synced.removed["spacecraft"]) == sorted(record["id"] for record in gone)
    assert_serves(client, production)
    state = SyncState.objects.get(endpoint="spacecraft")
    assert (state.cycle, state.offset, state.base_url) == (1, None, prod.base_url)


def test_following_production_after_a_copy_from_the_development_host(client, empty, clock, records):
    """The first query for what changed reaches back to the newest change the development host listed,
    not to when it was copied, and each endpoint last crawled there is crawled from production at once."""
    launches = sync.synced_resources(["launches"])
    now = timezone.now().replace(microsecond=0)
    copied, changed = now - timedelta(days=30), now - timedelta(days=10)
    development = {"launches": json.loads(json.dumps(records["launches"])), "launches/upcoming": []}
    for launch in development["launches"]:
        launch["last_updated"] = iso(copied)
    production = json.loads(json.dumps(development))
    renamed = production["launches"][0]
    renamed.update(name=f"{renamed['name']} (renamed)", last_updated=iso(changed))
    with LoopbackLL2(development, clock) as dev, LoopbackLL2(production, clock) as prod:
        run(dev, clock, launches)
        assert SyncState.objects.get(endpoint="launches").updated_since == copied - sync.OVERLAP
        synced = sync.Sync(Upstream(prod.base_url, clock=clock))
        sync.follow(synced, launches, interval=3600, stop=lambda: clock.now() > 1)
    _, path, query = prod.calls[0]
    assert (path, query["last_updated__gte"]) == ("launches", iso(copied - sync.OVERLAP))
    assert UUID(renamed["id"]) in synced.importer.changes[Launch].updated
    crawled = [int(query["offset"]) for query in prod.calls_to("launches") if "last_updated__gte" not in query]
    assert crawled == list(range(0, len(production["launches"]), PAGE_SIZE))
    state = SyncState.objects.get(endpoint="launches")
    assert (state.cycle, state.offset, state.base_url) == (2, None, prod.base_url)
    assert_serves(client, {"launches": production["launches"]})


def test_real_ll2_pages_with_their_quirks_sync_and_come_back_as_ll2_served_them(client, empty, clock):
    """Pages LL2 served (`fixtures/ll2/corpus/`: empty link strings, many-to-many lists out of id order),
    with a key unknown here and a record that cannot be stored, through LL2's throttle object."""
    # Two pages of the same client, captured days apart: the objects they share agree.
    served = {
        "agencies": corpus_records("003_agencies_detail.json"),
        "space_stations": corpus_records("004_space_stations.json"),
    }
    upstream = json.loads(json.dumps(served))
    # LL2 lists every agency, the ones these pages nest too (the sync removes those it does not list),
    # here in their list shape.
    upstream["agencies"] += list({
        agency["id"]: {**{key: agency[key] for key in ("id", "url", "name", "abbrev", "type")}, "response_mode": "list"}
        for agency in embedding(served, "agencies") if agency["id"] != served["agencies"][0]["id"]
    }.values())
    upstream["space_stations"][1]["new_field"] = {"added": "upstream"}
    impossible_url = "https://ll.thespacedevs.com/2.3.0/agencies/1000000000000/"
    impossible = {**json.loads(json.dumps(served["agencies"][0])), "id": 10**12, "url": impossible_url}
    upstream["agencies"].append(impossible)
    with LoopbackLL2(upstream, clock, limit=1) as ll2:
        run(ll2, clock, [r for r in sync.synced_resources() if r.path in served])
    assert ll2.refused == [] and clock.slept  # the throttle's object said when to call again
    for records in served.values():
        for record in records:
            url = f"{urlsplit(record['url']).path}?mode={record['response_mode']}"
            for read in ("made", "stored"):
                ours = as_text(at_any_time(get_json(client, url))).splitlines()
                difference = "\n".join(difflib.unified_diff(as_text(at_any_time(record)).splitlines(), ours, n=2))
                assert not difference, f"{url} ({read})\n{difference}"
    [problem] = problems()
    assert re.search(rf"\(record {re.escape(impossible_url)}\): \$\.results\[\d+\]\.id: Ensure this", problem)
    assert UnknownKey.objects.get().key == "SpaceStationEndpoint.new_field"
