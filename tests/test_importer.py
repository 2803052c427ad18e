"""`import_ll2`: merging upserts, order independence, idempotence, and whole-file rejection."""

import copy
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from agencies.models import AgencyType, Image
from docking.models import DockingEvent
from launches.models import CelestialBodyType, Launch
from lldapi import tables
from lldapi.importer import read_page

from .fidelity import FIXTURES, MEDIA_HOSTS_DISAGREE
from .writes import write_page

pytestmark = pytest.mark.django_db

SEEDS = sorted(str(path) for path in FIXTURES.glob("*.txt"))


def snapshot():
    """Every row of every table, in a comparable form; many-to-many links without their own row ids."""
    state = {}
    for model in tables.app_models(include_auto_created=True):
        link_table = model._meta.auto_created
        columns = [f.attname for f in model._meta.concrete_fields if not (link_table and f.primary_key)]
        state[model._meta.db_table] = sorted(map(repr, model.objects.values_list(*columns)))
    return state


def run_import(*paths):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_ll2", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue()


def test_reports_counts_per_kind():
    tables.flush()
    output = run_import(*SEEDS)
    assert "imported" in output
    spacecraft = len({r["id"] for p in SEEDS[:3] for r in read_page(p)["results"]})
    line = re.search(r"^  spacecraft: (\d+) created, (\d+) updated, (\d+) unchanged$", output, re.MULTILINE)
    assert line
    created, updated, unchanged = map(int, line.groups())
    # Into empty tables every object is new, however many times the pages show it.
    assert created >= spacecraft and updated == unchanged == 0


def test_importing_again_changes_nothing():
    before = snapshot()
    run_import(*SEEDS)
    assert snapshot() == before


def test_import_order_does_not_matter_but_for_the_disputed_media_host():
    tables.flush()
    run_import(*SEEDS)
    forward = snapshot()
    tables.flush()
    run_import(*reversed(SEEDS))
    backward = snapshot()
    disputed = ("thespacedevs-prod", "thespacedevs-dev")

    def without_disputed_hosts(state):
        return {
            table: [re.sub("|".join(disputed), "MEDIA", row) if table.endswith("_image") else row for row in rows]
            for table, rows in state.items()
        }

    assert without_disputed_hosts(forward) == without_disputed_hosts(backward)
    # Where the pages disagree, the last page imported wins.
    last_seen = {}
    for path in reversed(SEEDS):
        for image_id, url in re.findall(r'"id": (\d+),\s*"name": "[^"]*",\s*"image_url": "([^"]+)"', open(path).read()):
            last_seen[int(image_id)] = url
    for image_id in MEDIA_HOSTS_DISAGREE:
        assert Image.objects.get(pk=image_id).image_url == last_seen[image_id]


def test_a_row_added_after_an_import_takes_an_id_past_the_imported_ones():
    """On PostgreSQL, an import moves the id sequences of the kinds it created rows of."""
    tables.flush()
    run_import(*SEEDS)
    largest = AgencyType.objects.order_by("-pk").values_list("pk", flat=True).first()
    assert AgencyType.objects.create(name="Added here").pk > largest


def test_type_ids_are_kept_apart_by_where_they_sit():
    page = read_page(FIXTURES / "004_d87d66eee62c9c95.txt")
    event = page["results"][0]
    agency_type = event["flight_vehicle_chaser"]["spacecraft"]["spacecraft_config"]["agency"]["type"]
    body_type = event["flight_vehicle_chaser"]["landing"]["landing_location"]["celestial_body"]["type"]
    government = next(
        r["spacecraft_config"]["agency"]["type"]
        for r in read_page(FIXTURES / "000_507bf079f7021729.txt")["results"]
        if r["spacecraft_config"]["agency"]["type"]["id"] == body_type["id"]
    )
    assert government["id"] == body_type["id"] and government["name"] != body_type["name"]
    assert AgencyType.objects.get(pk=government["id"]).name == government["name"]
    assert CelestialBodyType.objects.get(pk=body_type["id"]).name == body_type["name"]
    assert AgencyType.objects.get(pk=agency_type["id"]).name == agency_type["name"]


def test_a_smaller_shape_does_not_wipe_what_a_fuller_page_stored(tmp_path):
    event = read_page(FIXTURES / "004_d87d66eee62c9c95.txt")["results"][0]
    flight = event["flight_vehicle_chaser"]
    fuller = {
        "results": [{
            "id": flight["id"],
            "url": flight["url"].replace("2.3.0/spacecraft_flights", "2.3.0/spacecraft_flights"),
            "launch": {**flight["launch"], "response_mode": "normal", "net": "2024-09-28T17:17:00Z", "hashtag": None},
            "response_mode": "normal",
        }]
    }
    run_import(write_page(tmp_path, "fuller.json", fuller))
    run_import(FIXTURES / "004_d87d66eee62c9c95.txt")
    launch = Launch.objects.get(pk=flight["launch"]["id"])
    assert launch.net.isoformat() == "2024-09-28T17:17:00+00:00"
    assert launch.name == flight["launch"]["name"]
    # A key that is present with null is a value: it is written.
    fuller["results"][0]["launch"]["net"] = None
    run_import(write_page(tmp_path, "nulled.json", fuller))
    assert Launch.objects.get(pk=flight["launch"]["id"]).net is None


def test_text_is_stored_and_served_as_published_spaces_included(tmp_path, client):
    page = read_page(FIXTURES / "000_507bf079f7021729.txt")
    record = page["results"][0]
    record["description"] = "  Two leading spaces, a trailing tab\t"
    record["serial_number"] = " "
    run_import(write_page(tmp_path, "spaces.json", {"results": [record]}))
    served = json.loads(client.get(f"/2.3.0/spacecraft/{record['id']}/?mode=normal").content)
    assert (served["description"], served["serial_number"]) == (record["description"], " ")


def test_plain_json_and_browsable_dumps_are_both_read(tmp_path):
    body = read_page(FIXTURES / "004_d87d66eee62c9c95.txt")
    before = snapshot()
    run_import(write_page(tmp_path, "plain.json", body))
    run_import(write_page(tmp_path, "dump.txt", body, preamble="GET /2.3.0/docking_events/\nHTTP 200 OK\n\n"))
    single = body["results"][0]
    run_import(write_page(tmp_path, "single.json", single))
    assert snapshot() == before


def broken_page(change):
    page = copy.deepcopy(read_page(FIXTURES / "000_507bf079f7021729.txt"))
    page["results"][0]["name"] = "Written before the error, and rolled back"
    change(page)
    return page


@pytest.mark.parametrize("change, path, message", [
    (lambda p: p["results"][0]["spacecraft_config"]["family"][0]["manufacturer"].update(id="abc"),
     "$.results[0].spacecraft_config.family[0].manufacturer.id", "integer"),
    (lambda p: p["results"][5].update(flights_count="many"), "$.results[5].flights_count", "integer"),
    (lambda p: p["results"][5].update(time_in_space="forever"), "$.results[5].time_in_space", "ISO 8601"),
    (lambda p: p["results"][2]["image"].update(colour="red"), "$.results[2].image.colour", "not a field"),
    (lambda p: p["results"][4]["spacecraft_config"]["agency"].update(response_mode="detailed"),
     "$.results[4].spacecraft_config.agency.response_mode", "'list'"),
    (lambda p: p["results"][6].update(url="https://ll.thespacedevs.com/2.3.0/nothing/1/"),
     "$.results[6].url", "not an object of an endpoint"),
    (lambda p: p["results"][6].update(response_mode="list"), "$.results[6].response_mode", "unknown mode"),
    (lambda p: p["results"][7]["spacecraft_config"].update(family={"id": 2}),
     "$.results[7].spacecraft_config.family", "expected a list"),
    (lambda p: p["results"][8]["status"].pop("id"), "$.results[8].status", "without an id"),
])
def test_a_malformed_file_is_rejected_whole_naming_file_and_path(tmp_path, change, path, message):
    before = snapshot()
    bad = write_page(tmp_path, "bad.txt", broken_page(change))
    good = FIXTURES / "004_d87d66eee62c9c95.txt"
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_ll2", str(bad), str(good), stdout=io.StringIO(), stderr=err)
    assert f"{bad}: {path}: " in err.getvalue()
    assert message in err.getvalue()
    assert snapshot() == before


def test_a_file_that_is_not_json_is_rejected(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text('GET /2.3.0/spacecraft/\n\n{"count": 1, "results": [', encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_ll2", str(bad), stdout=io.StringIO(), stderr=err)
    assert f"{bad}: $: " in err.getvalue()


def test_other_files_of_the_same_run_still_import(tmp_path):
    tables.flush()
    bad = write_page(tmp_path, "bad.txt", broken_page(lambda p: p["results"][1].update(id=None)))
    with pytest.raises(CommandError):
        call_command("import_ll2", str(bad), str(FIXTURES / "004_d87d66eee62c9c95.txt"),
                     stdout=io.StringIO(), stderr=io.StringIO())
    assert DockingEvent.objects.count() == len(read_page(FIXTURES / "004_d87d66eee62c9c95.txt")["results"])
