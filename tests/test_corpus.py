"""The real LL2 2.3.0 responses of `fixtures/ll2/corpus/` (pasted into public code, sources in its
README) import as they are into an empty database, every record comes back as LL2 served it, and the pages
depart from LL2's schema only where the README says."""

import difflib
import io
import json
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.core.management import call_command

from lldapi.importer import read_page

from .fidelity import (
    CORPUS,
    FIXTURES,
    all_results,
    as_text,
    at_any_time,
    computed_at_request_time,
    corpus_body,
    corpus_records,
    get_json,
)
from .schema import DEPARTURES, Conformance, schema_components
from .writes import emptied

README = FIXTURES.parent.parent / "README.md"
# The README's table: | file | request | repository | path | notes |
TABLE = re.findall(r"^\| (\d{3}_[\w-]+\.json) \| (/2\.3\.0/\S*) \|.*\| (.*) \|$", (CORPUS / "README.md").read_text(),
                   re.MULTILINE)
ROWS = [(name, request) for name, request, _ in TABLE]
PAGES = [name for name, request in ROWS if not request.startswith("/2.3.0/api-throttle/")]
# Copies whose author's tools wrote whole numbers without their `.0`, and those they damaged (the
# README's notes say so).
WHOLE_NUMBERS_REWRITTEN = {name for name, _, notes in TABLE if "lost their `.0`" in notes}
DAMAGED = {name for name, _, notes in TABLE if "damaged" in notes}


def test_every_file_of_the_corpus_is_listed_with_its_source():
    assert sorted(name for name, _ in ROWS) == sorted(path.name for path in CORPUS.glob("*.json"))
    assert len(PAGES) >= 20


def importable(tmp_path, name):
    """A file of the corpus as `import_ll2` takes it: a bare array of results gets its page back."""
    if isinstance(corpus_body(name), dict):
        return CORPUS / name
    path = tmp_path / name
    path.write_text(json.dumps({"results": corpus_records(name)}))
    return path


def requested_mode(name):
    """The mode a file's request asked for, which shapes without `response_mode` (pads) are in."""
    query = parse_qs(urlsplit(dict(ROWS)[name]).query)
    return query.get("mode", ["normal"])[0]


def comparable(name, record):
    text = as_text(at_any_time(record))
    if name in WHOLE_NUMBERS_REWRITTEN:
        text = json.dumps(json.loads(text, parse_float=lambda token: int(float(token)) if float(token).is_integer()
                                     else float(token)), indent=2, ensure_ascii=False)
    return text


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_a_real_page_imports_as_it_is_and_comes_back_identical(client, tmp_path, name):
    path, records = importable(tmp_path, name), corpus_records(name)
    with emptied():
        out = io.StringIO()
        call_command("import_ll2", str(path), stdout=out)
        assert f"{len(records)} records" in out.getvalue()
        for record in records:
            if name in DAMAGED and "\ufffd" in json.dumps(record, ensure_ascii=False):
                continue
            url = f"{urlsplit(record['url']).path}?mode={record.get('response_mode', requested_mode(name))}"
            for read in ("made", "stored"):
                served = comparable(name, get_json(client, url)).splitlines()
                difference = "\n".join(difflib.unified_diff(comparable(name, record).splitlines(), served, n=2))
                assert not difference, f"{name}: {url} ({read})\n{difference}"


# Pages in an order LL2 keeps, as the server's default order of the endpoint: the others are upcoming and
# previous lists (which depend on the time) or endpoints LL2 lists in no order (pads, locations and
# stations: two captures of the same list disagree).
IN_ORDER = ["001_launches.json", "010_astronauts.json", "018_spacecraft_configurations.json",
            "025_launcher_configurations.json"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", IN_ORDER)
def test_a_real_page_comes_back_in_ll2_s_order(client, tmp_path, name):
    """Names, not ids: LL2 orders equal names in no order we can tell (025's two `Vega-C`)."""
    records = corpus_records(name)
    request = urlsplit(dict(ROWS)[name])
    query = {key: value for key, value in parse_qs(request.query).items() if key not in ("limit", "offset", "format")}
    with emptied():
        call_command("import_ll2", str(importable(tmp_path, name)), stdout=io.StringIO())
        served = all_results(client, f"{list_path(request.path)}?{urlencode({**query, 'limit': 100}, doseq=True)}")
        assert [record["name"] for record in served] == [record["name"] for record in records]


def test_the_comparison_sets_aside_only_the_lists_computed_at_the_time_of_the_request():
    assert computed_at_request_time() == {"active_expeditions", "active_docking_events", "currently_docked"}
    record = {"id": 4, "active_expeditions": [{"id": 165}], "onboard_crew": 7}
    assert comparable("019_space_stations_detailed.json", record) == comparable(
        "019_space_stations_detailed.json", {**record, "active_expeditions": []})
    assert comparable("019_space_stations_detailed.json", record) != comparable(
        "019_space_stations_detailed.json", {**record, "onboard_crew": 6})


def test_the_comparison_sees_a_whole_number_only_where_a_copy_rewrote_it():
    record = {"diameter": 12742000.0, "url": "https://ll.thespacedevs.com/2.3.0/celestial_bodies/1/"}
    rewritten = {**record, "diameter": 12742000}
    assert comparable("001_launches.json", rewritten) == comparable("001_launches.json", record)
    assert comparable("006_launches_upcoming.json", rewritten) != comparable("006_launches_upcoming.json", record)


def real_pages():
    """(list path, records) of each 2.3.0 page LL2 answered: the corpus and the seed pages."""
    for name, request in ROWS:
        if name in PAGES:
            yield list_path(request), corpus_records(name)
    for seed in sorted(FIXTURES.glob("*.txt")):
        for request in re.findall(r"^GET (/2\.3\.0/\S+)", seed.read_text(), re.MULTILINE):
            yield list_path(request), read_page(seed)["results"]


def list_path(request):
    """The list path of a request's records: `/2.3.0/agencies/44/?mode=detailed` -> `/2.3.0/agencies/`."""
    return re.sub(r"(?<=/)[0-9a-f-]*\d[0-9a-f-]*/?$", "", request.split("?")[0]).rstrip("/") + "/"


def test_real_pages_depart_from_the_schema_only_where_the_readme_says():
    """Every departure of LL2's own pages from its schema is a row of the README's table, which
    `tests/schema.py` allows (and nothing else, in the pages of generated data too)."""
    conformance = Conformance()
    for path, records in real_pages():
        components = schema_components(path)
        for record in records:
            conformance.check(record, components.get(record.get("response_mode"), components.get(None)))
    assert conformance.problems == []
    assert set(conformance.departures) == set(DEPARTURES)
    table = README.read_text().split("## Where LL2 differs from its schema")[1].split("\n## ")[0]
    rows = re.findall(r"^\| (.+?) \|", table, re.MULTILINE)
    assert [name for name in DEPARTURES if not any(row.startswith(name) for row in rows)] == []
