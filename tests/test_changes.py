"""The change log: what each import and sync changed, written in its transaction, served as a feed that a
client follows with `next`, and as each record's history."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from lldapi.importer import Importer, read_page
from lldapi.models import Change

from .fidelity import CORPUS, FIXTURES, all_results, get_json
from .writes import emptied, write_page

pytestmark = pytest.mark.django_db

LAUNCHES = CORPUS / "001_launches.json"
SPACECRAFT_PAGE = FIXTURES / "001_ebc334ed3d95f5b7.txt"


def test_an_import_logs_each_row_it_creates_with_its_values_and_nothing_when_nothing_changed(client, tmp_path):
    page = read_page(LAUNCHES)
    with emptied():
        Importer().import_file(LAUNCHES)
        launch = page["results"][0]
        [created] = Change.objects.filter(endpoint="launches", record=launch["id"])
        assert (created.kind, created.model, created.source) == ("created", "launches.Launch", str(LAUNCHES))
        assert created.fields["name"] == [None, launch["name"]]
        assert created.fields["status"] == [None, launch["status"]["id"]]  # a nested object by its id
        assert "infographic" not in created.fields  # null as given: nothing changed
        logged = Change.objects.count()
        assert logged == len({(entry.model, entry.record) for entry in Change.objects.all()})
        Importer().import_file(write_page(tmp_path, "again.json", page))
        assert Change.objects.count() == logged


def test_an_update_logs_the_fields_that_changed_with_their_old_and_new_values(tmp_path):
    page = read_page(SPACECRAFT_PAGE)
    record = page["results"][3]
    old_description, old_status = record["description"], record["status"]["id"]
    new_status = 1 if old_status != 1 else 2
    record["description"], record["status"] = "Changed.", {"id": new_status, "name": "Some status"}
    path = write_page(tmp_path, "changed.json", page)
    before = Change.objects.order_by("id").last().id
    Importer().import_file(path)
    [entry] = Change.objects.filter(kind="updated", endpoint="spacecraft", pk__gt=before)
    assert entry.record == str(record["id"]) and entry.source == str(path)
    assert entry.fields == {"description": [old_description, "Changed."], "status": [old_status, new_status]}
    # The status object, renamed by the page, is logged as a row of its own kind.
    [status] = Change.objects.filter(model="spacecraft.SpacecraftStatus", pk__gt=before)
    assert (status.record, status.endpoint, status.fields["name"][1]) == (
        str(new_status), "config/spacecraft_statuses", "Some status")


def test_a_list_change_logs_the_list_before_and_after(tmp_path):
    page = read_page(SPACECRAFT_PAGE)
    config = page["results"][1]["spacecraft_config"]
    families = [family["id"] for family in config["family"]]
    config["family"] = []
    before = Change.objects.order_by("id").last().id
    Importer().import_file(write_page(tmp_path, "no_family.json", page))
    [entry] = Change.objects.filter(kind="updated", model="spacecraft.SpacecraftConfig", pk__gt=before)
    assert entry.record == str(config["id"]) and entry.endpoint == "spacecraft_configurations"
    assert entry.fields == {"family": [families, []]}


def test_the_feed_is_oldest_first_and_following_next_misses_and_repeats_nothing_while_imports_commit(
    client, tmp_path
):
    page = read_page(SPACECRAFT_PAGE)
    first = all_results(client, "/2.3.0/changes/?limit=7")
    assert len(first) > 14 and [entry["id"] for entry in first] == list(Change.objects.values_list("id", flat=True))
    # Half way through, an import commits: the entries it writes come after those already read.
    half = get_json(client, "/2.3.0/changes/?limit=7")
    page["results"][0]["description"] = "Changed while a client reads."
    Importer().import_file(write_page(tmp_path, "changed.json", page))
    rest = all_results(client, half["next"])
    read = [entry["id"] for entry in half["results"] + rest]
    assert read == list(Change.objects.values_list("id", flat=True)) and len(read) == len(set(read))
    assert rest[-1]["fields"]["description"][1] == "Changed while a client reads."


def test_each_entry_links_the_record_it_changed(client):
    entry = get_json(client, "/2.3.0/changes/?endpoint=spacecraft&limit=1")["results"][0]
    assert entry["url"] == f"http://testserver/2.3.0/spacecraft/{entry['record']}/"
    assert get_json(client, entry["url"])["id"] == int(entry["record"])
    inside = get_json(client, "/2.3.0/changes/?limit=1000")["results"]
    assert any(entry["endpoint"] is None and entry["url"] is None for entry in inside)  # a kind without endpoint


@pytest.mark.parametrize(
    "query, expected",
    [
        ("endpoint=spacecraft", lambda entry: entry["endpoint"] == "spacecraft"),
        ("kind=updated", lambda entry: entry["kind"] == "updated"),
        ("field=description", lambda entry: "description" in entry["fields"]),
        ("record=3", lambda entry: entry["record"] == "3"),
    ],
)
def test_the_feed_filters(client, tmp_path, query, expected):
    page = read_page(SPACECRAFT_PAGE)
    page["results"][0]["description"] = "Changed."
    Importer().import_file(write_page(tmp_path, "changed.json", page))
    found = all_results(client, f"/2.3.0/changes/?{query}&limit=1000")
    assert found and all(expected(entry) for entry in found)
    everything = all_results(client, "/2.3.0/changes/?limit=1000")
    assert [entry for entry in everything if expected(entry)] == found


def test_the_feed_filters_by_time_and_a_malformed_time_is_a_400_naming_it(client):
    later = (timezone.now() + timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
    assert get_json(client, f"/2.3.0/changes/?since={later}")["results"] == []
    assert get_json(client, f"/2.3.0/changes/?until={later}&limit=5")["results"]
    response = client.get("/2.3.0/changes/?since=yesterday")
    assert response.status_code == 400 and "since" in response.json()
    response = client.get("/2.3.0/changes/?kind=renamed")
    assert response.status_code == 400 and "kind" in response.json()


def test_a_record_s_history_lists_its_entries_oldest_first(client, tmp_path):
    page = read_page(SPACECRAFT_PAGE)
    record = page["results"][0]
    for description in ("First change.", "Second change."):
        record["description"] = description
        Importer().import_file(write_page(tmp_path, "changed.json", page))
    history = get_json(client, f"/2.3.0/spacecraft/{record['id']}/history/")["results"]
    assert [entry["kind"] for entry in history] == ["created", "updated", "updated"]
    assert [entry["fields"].get("description", [None, None])[1] for entry in history[1:]] == [
        "First change.", "Second change."]
    assert history == get_json(client, f"/2.3.0/changes/?endpoint=spacecraft&record={record['id']}")["results"]


@pytest.mark.parametrize("path", ["/2.3.0/spacecraft/999999/history/", "/2.3.0/launches/not-a-uuid/history/"])
def test_the_history_of_a_record_never_stored_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")


def test_a_write_to_the_feed_is_a_405(client):
    assert client.post("/2.3.0/changes/").status_code == 405


def test_prune_deletes_the_entries_older_than_the_retention(settings):
    old = Change.objects.order_by("id")[:3]
    Change.objects.filter(pk__in=[entry.pk for entry in old]).update(time=timezone.now() - timedelta(days=40))
    total = Change.objects.count()
    out = io.StringIO()
    call_command("prune_changes", "--days", "30", stdout=out)
    assert out.getvalue().strip() == "deleted 3 entries of the change log older than 30 days"
    assert Change.objects.count() == total - 3
    settings.CHANGE_LOG_DAYS = 1
    call_command("prune_changes", stdout=out)
    assert Change.objects.count() == total - 3


def test_a_launch_s_dates_show_how_its_net_window_status_and_probability_moved(client, tmp_path):
    page = read_page(LAUNCHES)
    launch = page["results"][0]
    with emptied():
        Importer().import_file(LAUNCHES)
        launch["net"] = launch["window_start"] = "1957-10-05T19:28:34Z"
        Importer().import_file(write_page(tmp_path, "slipped.json", page))
        launch["status"] = {"id": 4, "name": "Launch Failure", "abbrev": "Failure", "description": "Failed."}
        launch["name"] = "Renamed: not a date"
        Importer().import_file(write_page(tmp_path, "failed.json", page))
        launch["name"] = "Renamed again"
        Importer().import_file(write_page(tmp_path, "renamed.json", page))
        dates = get_json(client, f"/2.3.0/launches/{launch['id']}/dates/")
    assert dates["id"] == launch["id"]
    first, slipped, failed = dates["results"]  # the renaming alone is not a date's change
    assert first["kind"] == "created" and first["net"] == "1957-10-04T19:28:34Z"
    assert first["status"] == {"id": 3, "name": "Launch Successful"}
    assert slipped["changed"] == ["net", "window_start"] and slipped["net"] == "1957-10-05T19:28:34Z"
    assert slipped["source"].endswith("slipped.json") and slipped["status"] == first["status"]
    assert failed["changed"] == ["status"] and failed["status"] == {"id": 4, "name": "Launch Failure"}
    assert failed["net"] == slipped["net"] and failed["window_end"] == first["window_end"]
    assert client.get("/2.3.0/agencies/1/dates/").status_code == 404  # only launches have dates


def test_a_history_finds_a_launch_however_its_id_is_written(client):
    launch = read_page(LAUNCHES)["results"][0]
    with emptied():
        Importer().import_file(LAUNCHES)
        lower = get_json(client, f"/2.3.0/launches/{launch['id']}/history/")["results"]
        upper = get_json(client, f"/2.3.0/launches/{launch['id'].upper()}/history/")["results"]
    assert len(lower) == 1 and upper == lower
