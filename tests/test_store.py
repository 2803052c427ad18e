"""The representation store answers byte for byte what the serializers answer, and writes keep it so.

Every comparison asks the same request twice: once through the store (`REPRESENTATION_STORE` on, the
default) and once through the serializers (off).
"""

import io
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now
from django.test.utils import CaptureQueriesContext, override_settings

from agencies.models import Agency
from docking.filters import DockingEventFilter
from docking.models import DockingEvent
from launches.filters import UpcomingLaunchFilter
from launches.models import Launch, Program
from lldapi import store
from lldapi.api.registry import registry
from lldapi.importer import Importer, PageError
from lldapi.models import DataVersion, Representation
from lldapi.store import answers, assembly, components, fragments, invalidation, versions
from lldapi.store import memory as store_memory
from spacecraft.models import Spacecraft, SpacecraftFlight

from .fidelity import all_results
from .schema import modes

pytestmark = pytest.mark.django_db

RESOURCES = registry.paged()


def with_mode(url, mode, query=""):
    parts = [part for part in (f"mode={mode}" if mode else "", query) if part]
    return f"{url}?{'&'.join(parts)}" if parts else url


def both(client, url, **headers):
    """The stored and the serialized answer to `url`, which must be the same bytes under the same
    headers; returns the first."""
    stored = client.get(url, **headers)
    with override_settings(REPRESENTATION_STORE=False):
        plain = client.get(url, **headers)
    assert stored.status_code == plain.status_code, (url, stored.content[:300])
    assert stored.content == plain.content, (url, first_difference(stored.content, plain.content))
    assert headers_but_etag(stored) == headers_but_etag(plain), url
    return stored


CSRF_TOKEN = re.compile(rb'"csrfToken": "\w+"')


def headers_but_etag(response):
    """The headers of a response, but its ETag (the store's comes from the data version)."""
    return {name: value for name, value in response.items() if name != "ETag"}


def first_difference(ours, theirs):
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), min(len(ours), len(theirs)))
    return ours[max(0, at - 200) : at + 80], theirs[max(0, at - 200) : at + 80]


def walk(client, url):
    """Every page of `url` (pages of 100), each compared; returns the records."""
    records = []
    while url:
        body = json.loads(both(client, url).content)
        records.extend(body["results"])
        url = body["next"]
    return records


def store_contents():
    return dict(Representation.objects.values_list("key", "body"))


# Byte for byte


@pytest.mark.parametrize("resource", RESOURCES, ids=lambda resource: resource.url)
def test_every_seed_record_in_every_mode_is_the_serializers_answer(client, resource):
    for mode in modes(resource):
        records = walk(client, with_mode(resource.url, mode, "limit=100"))
        for record in records[:5]:
            both(client, with_mode(f"{resource.url}{record['id']}/", mode))


def test_text_and_numbers_come_back_as_the_serializers_write_them(client, tmp_path):
    spacecraft = all_results(client, "/2.3.0/spacecraft/?limit=100")[0]
    awkward = 'line\u2028para\u2029 "quoted" back\\slash \U0001f680 \u00e9'
    page = {"count": 1, "next": None, "previous": None, "results": [{**spacecraft, "description": awkward}]}
    path = tmp_path / "page.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    Importer().import_file(path)
    body = both(client, f"/2.3.0/spacecraft/{spacecraft['id']}/?mode=normal").content
    assert '\\u2028para\\u2029 \\"quoted\\" back\\\\slash \U0001f680 \u00e9'.encode() in body
    # The Earth's mass, as LL2 writes it.
    earth = both(client, "/2.3.0/celestial_bodies/?mode=detailed&limit=100").content
    assert b'"mass":5.972168e+24' in earth


@pytest.mark.parametrize("rendering", [{"HTTP_ACCEPT": "application/json; indent=4"}, {"HTTP_ACCEPT": "text/html"}],
                         ids=["indented", "browsable"])
def test_indented_json_and_the_browsable_api_write_the_stored_data_as_the_serializers(client, rendering):
    """The store gives its data to the view's renderer: the same bytes as the serializers', text and numbers
    included; the pages keep their controls."""
    spacecraft = all_results(client, "/2.3.0/spacecraft/?limit=100")[0]
    urls = ["/2.3.0/spacecraft/?mode=detailed&limit=3&offset=1", f"/2.3.0/spacecraft/{spacecraft['id']}/",
            "/2.3.0/celestial_bodies/?mode=detailed&limit=100", "/2.3.0/dashboard/starship/?mode=detailed"]
    bodies = {}
    for url in urls:
        stored = client.get(url, **rendering)
        with override_settings(REPRESENTATION_STORE=False):
            plain = client.get(url, **rendering)
        assert stored.status_code == plain.status_code == 200, url
        # A page of the browsable API carries a CSRF token of its own.
        bodies[url], expected = CSRF_TOKEN.sub(b"", stored.content), CSRF_TOKEN.sub(b"", plain.content)
        assert bodies[url] == expected, (url, first_difference(bodies[url], expected))
        assert headers_but_etag(stored) == headers_but_etag(plain), url
    if rendering["HTTP_ACCEPT"] == "text/html":
        assert b"5.972168e+24" in bodies[urls[2]] and b"Starship Dashboard" in bodies[urls[3]]
        assert b"?limit=3&amp;mode=detailed&amp;offset=4" in bodies[urls[0]]


# Never stale


# The endpoints that embed agencies the most, and the agencies' own.
EMBEDDING = ["agencies", "spacecraft", "spacecraft_flights", "docking_events", "spacecraft/flight"]


def every_answer(client, compare=False):
    """Every record of the EMBEDDING endpoints in every mode, through the store (and compared with the
    serializers' answer), by endpoint, mode and id."""
    get = walk if compare else all_results
    return {
        (resource.url, mode, record["id"]): record
        for resource in RESOURCES
        if resource.path in EMBEDDING
        for mode in modes(resource)
        for record in get(client, with_mode(resource.url, mode, "limit=100"))
    }


def test_an_import_changes_exactly_the_answers_that_embed_what_it_changed(client, tmp_path):
    before = every_answer(client)
    agency = json.loads(client.get("/2.3.0/agencies/?mode=detailed&limit=1").content)["results"][0]
    stored_before = store_contents()
    page = {"count": 1, "next": None, "previous": None, "results": [{**agency, "name": "Renamed Agency"}]}
    path = tmp_path / "agency.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    Importer().import_file(path)
    after = every_answer(client, compare=True)
    assert before.keys() == after.keys()
    changed = {key for key in before if before[key] != after[key]}
    # Under either API version (2.0.0 flights link to /2.0.0/agencies/).
    embedding = {key for key, record in before.items() if embeds(record, f"/agencies/{agency['id']}/")}
    assert changed == embedding
    assert any(url == "/2.3.0/spacecraft/" for url, _, _ in changed)
    # The import rewrote the agency's own fragments, and those of the rows that list it (a program's
    # agencies, in the order of their names), and no other.
    stored_after = store_contents()
    rewritten = {key for key in stored_before if stored_after.get(key) != stored_before[key]}
    own = {key for key in rewritten if components.located(key)[0].model is Agency}
    assert own and {key.partition(":")[2] for key in own} == {str(agency["id"])}
    listing = {item.key(pk) for item, pk in invalidation.holders(Agency, [agency["id"]], components.holders_of(Agency))}
    assert rewritten - own <= listing


def test_with_the_store_off_an_import_does_no_store_work_and_leaves_nothing_stale(client, tmp_path, settings):
    """`REPRESENTATION_STORE=0`: the page's writes empty the store once and make nothing; answers read
    once it is on again are the new ones."""
    every_answer(client)
    assert Representation.objects.exists()
    agency = json.loads(client.get("/2.3.0/agencies/?mode=detailed&limit=1").content)["results"][0]
    page = {"count": 1, "next": None, "previous": None, "results": [{**agency, "name": "Renamed Agency"}]}
    path = tmp_path / "agency.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    version = DataVersion.objects.get().value
    settings.REPRESENTATION_STORE = False
    with CaptureQueriesContext(connection) as queries:
        out = io.StringIO()
        call_command("import_ll2", str(path), stdout=out)
    store_queries = [q["sql"] for q in queries.captured_queries if Representation._meta.db_table in q["sql"]]
    assert len(store_queries) == 1 and store_queries[0].startswith("DELETE")
    assert "stored representations: none made (REPRESENTATION_STORE is off)" in out.getvalue()
    assert not Representation.objects.exists() and DataVersion.objects.get().value != version
    settings.REPRESENTATION_STORE = True
    assert json.loads(client.get(f"/2.3.0/agencies/{agency['id']}/").content)["name"] == "Renamed Agency"


def embeds(value, path):
    if isinstance(value, dict):
        url = value.get("url")
        return (isinstance(url, str) and url.endswith(path)) or any(embeds(item, path) for item in value.values())
    if isinstance(value, list):
        return any(embeds(item, path) for item in value)
    return False


def test_a_rejected_import_leaves_the_store_as_it_was(client, tmp_path):
    every_answer(client)
    before, version = store_contents(), DataVersion.objects.get().value
    spacecraft = all_results(client, "/2.3.0/spacecraft/?limit=100")
    broken = [{**spacecraft[0], "name": "Renamed"}, {**spacecraft[1], "flights_count": "many"}]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"count": 2, "next": None, "previous": None, "results": broken}), encoding="utf-8")
    with pytest.raises(PageError):
        Importer().import_file(path)
    assert store_contents() == before
    assert DataVersion.objects.get().value == version


def test_a_row_that_moves_to_another_parent_leaves_one_list_and_joins_the_other(client):
    """A detailed spacecraft lists its flights in its fragment: a flight saved with another spacecraft
    (as an import saves it) leaves the first list and joins the second."""
    flight = SpacecraftFlight.objects.exclude(spacecraft=None).first()
    other = Spacecraft.objects.exclude(pk=flight.spacecraft_id).first()
    urls = [f"/2.3.0/spacecraft/{pk}/?mode=detailed" for pk in (flight.spacecraft_id, other.pk)]
    listed = f"/2.3.0/spacecraft_flights/{flight.pk}/".encode()
    before = [both(client, url).content for url in urls]
    assert listed in before[0] and listed not in before[1]
    flight.spacecraft = other
    flight.save(update_fields=["spacecraft"])
    after = [both(client, url).content for url in urls]
    assert listed not in after[0] and listed in after[1]


def test_a_row_unlinked_or_removed_leaves_the_lists_that_held_it(client):
    program = next(program for program in Program.objects.all() if program.agencies.count() > 1)
    url = f"/2.3.0/programs/{program.pk}/"
    agency = program.agencies.first()
    listed = f"/2.3.0/agencies/{agency.pk}/".encode()
    assert listed in both(client, url).content
    program.agencies.remove(agency)
    assert listed not in both(client, url).content
    flight = SpacecraftFlight.objects.exclude(spacecraft=None).first()
    url = f"/2.3.0/spacecraft/{flight.spacecraft_id}/?mode=detailed"
    listed = f"/2.3.0/spacecraft_flights/{flight.pk}/".encode()
    assert listed in both(client, url).content
    flight.delete()
    assert listed not in both(client, url).content
    # Answered from the store, not by the serializers after finding a fragment that names a gone row.
    detailed = next(resource for resource in RESOURCES if resource.path == "spacecraft").serializer_for("detailed")
    item = components.component(detailed, "2.3.0")
    fragment = Representation.objects.get(key=item.key(flight.spacecraft_id)).body
    holes = fragments.fragment_parts(fragment)[1::2]
    [(kind, flights)] = [(kind, ids) for kind, name, ids in holes if name == "flights"]
    assert kind == "m" and str(flight.pk) not in flights.split(",")


# The store itself


def test_a_read_fills_what_the_store_misses_and_build_fills_the_rest(client):
    store.forget_everything()
    both(client, "/2.3.0/spacecraft/?limit=3")
    filled = store_contents()
    assert filled and len(filled) < 100
    out = io.StringIO()
    call_command("build_representations", "--endpoint", "spacecraft", stdout=out, verbosity=1)
    assert "records in" in out.getvalue() and "written" in out.getvalue()
    built = store_contents()
    assert built.items() >= filled.items()
    # A second build over unchanged data writes nothing.
    out = io.StringIO()
    call_command("build_representations", "--endpoint", "spacecraft", stdout=out, verbosity=1)
    assert ": 0 written," in out.getvalue()


def test_a_fill_made_before_a_write_is_not_stored():
    """A read that began before a write may have made its fragments from older rows."""
    spacecraft = next(resource for resource in RESOURCES if resource.path == "spacecraft")
    item = components.component(spacecraft.serializer_for("normal"), "2.3.0")
    version = versions.data_version()
    versions.move_version()
    assembly.write_fill([Representation(key=item.key("stale"), body=b"{}")], version)
    assert not Representation.objects.filter(key=item.key("stale")).exists()
    assembly.write_fill([Representation(key=item.key("fresh"), body=b"{}")], versions.data_version())
    assert Representation.objects.filter(key=item.key("fresh")).exists()


def test_a_shape_s_digest_follows_its_definition():
    resource = next(resource for resource in RESOURCES if resource.path == "spacecraft")
    serializer = resource.serializer_for("normal")
    item = components.component(serializer, "2.3.0")
    assert components.component(serializer, "2.3.0") is item
    assert components.component(serializer, "2.0.0").digest != item.digest
    changed = type(serializer.__name__, (serializer,), {"Meta": type("Meta", (serializer.Meta,), {
        "fields": [name for name in serializer.Meta.fields if name != "description"]})})
    assert components.component(changed, "2.3.0").digest != item.digest


def test_an_unknown_endpoint_is_refused():
    with pytest.raises(Exception, match="unknown endpoint nothing"):
        call_command("build_representations", "--endpoint", "nothing")


# HTTP validation


def test_etags_come_from_the_data_version_and_a_304_looks_like_its_200(client):
    url = "/2.3.0/spacecraft/?mode=detailed&limit=5"
    for encoding in ({}, {"HTTP_ACCEPT_ENCODING": "gzip"}):
        first = client.get(url, **encoding)
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **encoding)
        assert again.status_code == 304 and again.content == b""
        assert again["ETag"] == first["ETag"] and again["Vary"] == first["Vary"]
    assert client.get(url + "&offset=1")["ETag"] != first["ETag"]
    versions.move_version()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


# What a worker remembers


def queries_of(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == status, url
    return len(queries)


def test_a_worker_remembers_ids_and_counts_until_the_data_moves_on(client):
    url = "/2.3.0/docking_events/?limit=100"
    first = json.loads(both(client, url).content)["results"][0]
    single = f"/2.3.0/docking_events/{first['id']}/"
    both(client, single)
    # Answered again from memory: the data version is the one query.
    assert queries_of(client, url) == 1
    assert queries_of(client, single) == 1
    # Remembered with the request's search: a search the object does not match still finds nothing.
    assert both(client, f"{single}?search=no-such-words").status_code == 404
    DockingEvent.objects.get(pk=first["id"]).delete()
    assert both(client, single).status_code == 404
    page = json.loads(both(client, url).content)
    assert first["id"] not in [record["id"] for record in page["results"]]
    assert queries_of(client, single, status=404) > 1  # an unknown id is never remembered


def test_a_page_asked_again_at_the_same_data_version_is_the_same_bytes(client, monkeypatch, settings):
    settings.ALLOWED_HOSTS = ["testserver", "mirror.example.org"]
    url = "/2.3.0/spacecraft/?mode=detailed&limit=100"
    first = both(client, url)
    assembled = []
    load = assembly.Assembly.load
    monkeypatch.setattr(assembly.Assembly, "load", lambda self, *args: assembled.append(args) or load(self, *args))
    assert client.get(url).content == first.content and not assembled  # remembered whole
    # Another origin, another page of the same rows, a write: each assembled again.
    assert both(client, url, HTTP_HOST="mirror.example.org").content != first.content
    assert both(client, url.replace("limit=100", "limit=10")).content != first.content
    assert len(assembled) == 2
    agency = json.loads(first.content)["results"][0]["spacecraft_config"]["agency"]
    Agency.objects.filter(pk=agency["id"]).update(name="Renamed")
    invalidation.forget(Agency, [agency["id"]])
    assert b'"Renamed"' in both(client, url).content and len(assembled) == 3


def test_lists_of_rows_the_clock_selects_are_queried_each_time(client):
    url = "/2.3.0/launches/previous/?limit=5"
    both(client, url)
    assert queries_of(client, url) > 1
    first = json.loads(client.get(url).content)["results"][0]
    single = f"/2.3.0/launches/previous/{first['id']}/"
    both(client, single)
    assert queries_of(client, single) == 1  # its id and the data version, asked again
    assert queries_of(client, f"/2.3.0/launches/{first['id']}/") == 2
    assert queries_of(client, f"/2.3.0/launches/{first['id']}/") == 1


def test_a_filtered_list_is_remembered_until_the_data_moves_on_unless_its_filter_reads_the_clock(
    client, monkeypatch
):
    events = all_results(client, "/2.3.0/docking_events/?limit=100")
    stations = [(event["space_station_target"] or {}).get("id") for event in events]
    station = next(filter(None, stations))
    url = f"/2.3.0/docking_events/?space_station_target__id={station}&limit=100"
    first = json.loads(both(client, url).content)
    assert queries_of(client, url) == 1  # the data version
    assert both(client, url.replace("limit=100", "limit=1")).status_code == 200
    assert both(client, f"{url}&docking__gt=not-a-date").status_code == 400  # validated each time
    # A write moves the data version on: the event that comes to the station joins the list.
    elsewhere = next(event for event, target in zip(events, stations, strict=True) if target != station)
    moved = DockingEvent.objects.get(pk=elsewhere["id"])
    moved.space_station_target_id = station
    moved.save()
    after = json.loads(both(client, url).content)
    assert after["count"] == first["count"] + 1 and elsewhere["id"] in [event["id"] for event in after["results"]]
    # A filter that compares with the time selects other rows as the clock moves: read each time.
    filter_queryset = DockingEventFilter.filter_queryset
    monkeypatch.setattr(
        DockingEventFilter, "filter_queryset", lambda self, rows: filter_queryset(self, rows).filter(docking__lte=Now())
    )
    both(client, url)
    assert queries_of(client, url) > 1


def test_a_query_reads_the_clock_where_it_compares_with_now_in_itself_or_a_subquery():
    def hide_recent(value):
        return UpcomingLaunchFilter({"hide_recent_previous": value}, queryset=Launch.objects.all()).qs.query

    assert answers.reads_clock(hide_recent("true"))
    assert not answers.reads_clock(hide_recent("false"))
    before_now = Launch.objects.filter(net__lt=Now() - timedelta(days=1))
    assert answers.reads_clock(Launch.objects.filter(pk__in=before_now.values("pk")).query)
    assert answers.reads_clock(Launch.objects.filter(Exists(before_now.filter(pk=OuterRef("pk")))).query)
    assert answers.reads_clock(DockingEvent.objects.filter(DockingEvent.DOCKED).query)
    fixed = Launch.objects.filter(Q(name="Falcon 9") | Q(pk__in=Launch.objects.filter(net__year=2020).values("pk")))
    assert not answers.reads_clock(fixed.query)
    assert not answers.reads_clock(Launch.objects.filter(net__lt=datetime(2020, 1, 1, tzinfo=UTC)).query)


# One state of the data


@pytest.mark.parametrize("single", [False, True], ids=["page", "single object"])
def test_an_answer_read_while_a_write_commits_holds_one_state_of_the_data(client, monkeypatch, single):
    """A write that commits between the queries of a stored answer (here, just after its fragments are
    read) makes the answer read again: never some rows before the write and some after."""
    url = "/2.3.0/docking_events/?mode=detailed&limit=100"
    if single:
        url = json.loads(client.get(url).content)["results"][0]["url"].replace("http://testserver", "")
    before = both(client, url).content
    agency_id = re.search(rb'/2\.3\.0/agencies/(\d+)/', before).group(1).decode()
    fetch_tree = assembly.fetch_tree
    reads = []

    def read_then_write(keys):
        found = fetch_tree(keys)
        reads.append(len(keys))
        if len(reads) == 1:
            agency = Agency.objects.get(pk=agency_id)
            agency.name = "Renamed while read"
            agency.save()
        return found

    store_memory.process_memory.clear(None)
    monkeypatch.setattr(assembly, "fetch_tree", read_then_write)
    during = client.get(url)
    monkeypatch.undo()
    assert b"Renamed while read" in during.content
    with override_settings(REPRESENTATION_STORE=False):
        assert during.content == client.get(url).content
    assert during["ETag"] == client.get(url)["ETag"]


def test_the_memory_holds_one_data_version_and_keeps_nothing_made_at_another():
    memory = store_memory.Memory()
    assert memory.get("v1", "parts", "a") is None  # the memory moves to v1
    memory.keep("v1", "parts", "a", "A", 10, 1_000_000)
    assert memory.get("v1", "parts", "a") == "A"
    assert memory.get("v2", "parts", "a") is None  # a request at v2 empties it
    memory.keep("v1", "parts", "b", "B", 10, 1_000_000)  # made by a request that began at v1, while v2's are served
    assert memory.get("v2", "parts", "b") is None
    assert memory.size == 0


def test_the_memory_lets_the_least_recently_used_go_first():
    memory = store_memory.Remembered(store_memory.Memory(), 1, 1_000_000)
    assert memory.get("parts", "a") is None  # the memory moves to version 1
    memory.keep("parts", "a", "A", 400_000)
    memory.keep("parts", "b", "B", 400_000)
    memory.keep("parts", "b", "B", 400_000)  # kept again: counted once
    assert memory.get("parts", "a") == "A"
    memory.keep("parts", "c", "C", 400_000)
    assert (memory.get("parts", "a"), memory.get("parts", "b"), memory.get("parts", "c")) == ("A", None, "C")
    assert memory.memory.size == 800_000
    memory.keep("parts", "d", "D", 1_000_001)  # more than the whole budget: not kept
    assert memory.get("parts", "d") is None and memory.memory.size == 800_000


def test_with_no_memory_nothing_is_kept(settings):
    settings.STORE_MEMORY_MB = 0
    nothing = store_memory.remembered(1)
    nothing.keep("parts", "a", "A", 10)
    assert nothing.get("parts", "a") is None and store_memory.process_memory.get(1, "parts", "a") is None
