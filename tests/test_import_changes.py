"""The importer writes only what changed, keeps the ids of unchanged rows, and records per model which
rows it created, updated and left unchanged."""

import copy
import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import ImageVariant
from lldapi import tables
from lldapi.importer import Importer, PageError, read_page, record_serializer
from lldapi.models import Change, ChildOrder, DataVersion, Representation

from .fidelity import FIXTURES, MEDIA_HOSTS_DISAGREE, corpus_records, get_json
from .writes import emptied, write_page

pytestmark = pytest.mark.django_db

SEEDS = sorted(FIXTURES.glob("*.txt"))
SPACECRAFT_PAGE = FIXTURES / "001_ebc334ed3d95f5b7.txt"
# A flight whose launch has a mission: the seeds give no mission info or video URLs; tests add some.
FLIGHT = read_page(FIXTURES / "003_6b9f4802707ad897.txt")["results"][0]
MISSION = FLIGHT["launch"]["mission"]["id"]
WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)

LANGUAGE = {"id": 1, "name": "English", "code": "en"}
INFO_URLS = [
    {
        "priority": 5, "source": "nasa.gov", "title": "Crew-12 press kit", "description": "The mission's press kit.",
        "feature_image": None, "url": "https://www.nasa.gov/crew-12-press-kit/",
        "type": {"id": 1, "name": "Official Site"}, "language": LANGUAGE,
    },
    {
        "priority": 10, "source": "wikipedia.org", "title": "SpaceX Crew-12", "description": None,
        "feature_image": None, "url": "https://en.wikipedia.org/wiki/SpaceX_Crew-12",
        "type": {"id": 2, "name": "Wiki"}, "language": LANGUAGE,
    },
]
VID_URLS = [
    {
        "priority": 10, "source": "youtube.com", "publisher": "SpaceX", "title": "Crew-12 Mission",
        "description": "Launch webcast.", "feature_image": "https://i.ytimg.com/vi/crew12/maxresdefault.jpg",
        "url": "https://www.youtube.com/watch?v=crew12", "type": {"id": 1, "name": "Official Webcast"},
        "language": LANGUAGE,
        # Offsets, where the database gives UTC back: the same instants compare equal all the same.
        "start_time": "2026-02-13T12:00:00+02:00", "end_time": "2026-02-13T12:15:30.500000+02:00", "live": False,
    },
]


def model(name):
    return next(m for m in tables.app_models() if m.__name__ == name)


def table(name):
    return model(name)._meta.db_table


def import_pages(*paths):
    """A new Importer's import of `paths`, and the INSERT, UPDATE and DELETE statements it issued on the
    mirror's data (the representation store and the change log follow them: see tests/test_store.py and
    tests/test_changes.py)."""
    importer = Importer()
    with CaptureQueriesContext(connection) as queries:
        for path in paths:
            importer.import_file(path)
    store = {Representation._meta.db_table, DataVersion._meta.db_table, Change._meta.db_table}
    return importer, [
        query["sql"] for query in queries.captured_queries
        if WRITE.match(query["sql"]) and not any(f'"{table}"' in query["sql"].split(" WHERE ")[0] for table in store)
    ]


def outcomes(importer, outcome):
    """{model name: primary keys} of the models with rows `outcome` ("created", "updated"...)."""
    return {
        model.__name__: getattr(changes, outcome)
        for model, changes in importer.changes.items()
        if getattr(changes, outcome)
    }


def test_importing_the_seeds_again_creates_nothing_and_updates_only_what_they_dispute():
    importer, writes = import_pages(*SEEDS)
    assert outcomes(importer, "created") == {}
    # The seed pages disagree on two images' media host (tests/fidelity.py), and the last page wins:
    # 000 writes 1924's host back, 002 1924's and 1086's (a kind's rows in one statement), 004 1086's.
    # Nothing else is written.
    assert outcomes(importer, "updated") == {"Image": MEDIA_HOSTS_DISAGREE}
    assert len(writes) == 3
    assert all(sql.startswith(f'UPDATE "{table("Image")}" SET ') for sql in writes)
    # Every row came from these pages: each is in exactly one set.
    for kind in tables.app_models():
        changes = importer.changes[kind]
        assert not changes.updated & changes.unchanged
        assert changes.updated | changes.unchanged == set(kind.objects.values_list("pk", flat=True)), kind


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name)
def test_a_page_imported_again_writes_nothing(seed):
    # The first import settles what the seed pages dispute (see the test above).
    import_pages(seed)
    version = DataVersion.objects.get().value
    with CaptureQueriesContext(connection) as queries:
        importer, writes = import_pages(seed)
    assert writes == []
    assert not any(Change._meta.db_table in query["sql"] for query in queries.captured_queries)  # nor logs
    # Nothing to forget: the ETags of the answers served before stay valid.
    assert DataVersion.objects.get().value == version
    assert outcomes(importer, "created") == outcomes(importer, "updated") == {}
    records = read_page(seed)["results"]
    kind = record_serializer(records[0], "$").Meta.model
    assert importer.changes[kind].unchanged >= {record["id"] for record in records}


def test_the_command_reports_each_kind_once_in_order():
    out = io.StringIO()
    call_command("import_ll2", str(SPACECRAFT_PAGE), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"imported {SPACECRAFT_PAGE}: 10 records"
    assert lines[-1] == "  stored representations: 0 made again, 0 of them changed"
    kinds = [line.split(":")[0].strip() for line in lines[1:-1]]
    assert kinds == sorted(set(kinds))
    assert "  spacecraft: 0 created, 0 updated, 10 unchanged" in lines
    assert all(re.fullmatch(r"  [a-z ]+: 0 created, 0 updated, [1-9]\d* unchanged", line) for line in lines[1:-1])


def new_description(records):
    records[3]["description"] = "Changed."
    return "Spacecraft", records[3]["id"], f'UPDATE "{table("Spacecraft")}" SET "description" = '


def new_status(records):
    records[0]["status"] = {"id": 3, "name": "Destroyed"}
    return "Spacecraft", records[0]["id"], f'UPDATE "{table("Spacecraft")}" SET "status_id" = '


def no_family(records):
    config = records[1]["spacecraft_config"]
    assert len(config["family"]) == 1
    config["family"] = []
    links = model("SpacecraftConfig")._meta.get_field("family").remote_field.through
    return "SpacecraftConfig", config["id"], f'DELETE FROM "{links._meta.db_table}"'


@pytest.mark.parametrize("change", [new_description, new_status, no_family])
def test_a_changed_value_updates_that_object_only(tmp_path, change):
    page = read_page(SPACECRAFT_PAGE)
    kind, pk, statement = change(page["results"])
    importer, writes = import_pages(write_page(tmp_path, "changed.json", page))
    assert outcomes(importer, "updated") == {kind: {pk}}
    assert outcomes(importer, "created") == {}
    assert len(writes) == 1 and writes[0].startswith(statement)
    spacecraft = {record["id"] for record in page["results"]}
    assert importer.changes[model("Spacecraft")].unchanged == spacecraft - {pk}


def test_a_new_object_is_created(tmp_path):
    page = read_page(SPACECRAFT_PAGE)
    new = {**page["results"][3], "id": 99999, "url": "https://ll.thespacedevs.com/2.3.0/spacecraft/99999/"}
    page["results"].append(new)
    importer, writes = import_pages(write_page(tmp_path, "new.json", page))
    assert outcomes(importer, "created") == {"Spacecraft": {99999}}
    assert outcomes(importer, "updated") == {}
    assert len(writes) == 1 and writes[0].startswith(f'INSERT INTO "{table("Spacecraft")}" ')
    assert model("Spacecraft").objects.get(pk=99999).name == new["name"]


def test_a_child_with_an_id_is_written_once_and_moves_to_the_parent_that_lists_it(tmp_path):
    page = read_page(SPACECRAFT_PAGE)
    first, second = (record["image"] for record in page["results"][:2])
    assert first["id"] != second["id"]
    variant = {"id": 9001, "type": {"id": 1, "name": "Thumbnail"}, "image_url": "https://example.org/thumb.jpg"}
    first["variants"] = [variant]
    listed = write_page(tmp_path, "listed.json", page)
    importer, _ = import_pages(listed)
    assert outcomes(importer, "created") == {"ImageVariant": {9001}, "ImageVariantType": {1}}
    # The child points at its parent: the parent's own row is unchanged.
    assert outcomes(importer, "updated") == {}
    assert import_pages(listed)[1] == []

    first["variants"], second["variants"] = [], [variant]
    importer, writes = import_pages(write_page(tmp_path, "moved.json", page))
    assert outcomes(importer, "updated") == {"ImageVariant": {9001}}
    assert len(writes) == 1 and writes[0].startswith(f'UPDATE "{table("ImageVariant")}" SET "image_id" = ')
    assert model("ImageVariant").objects.get(pk=9001).image_id == second["id"]


def mission_page(info_urls, vid_urls):
    """FLIGHT, in 2.3.0's shape, with only its launch's mission and that mission's URL lists."""
    return {
        "id": FLIGHT["id"],
        "url": f"https://ll.thespacedevs.com/2.3.0/spacecraft_flights/{FLIGHT['id']}/",
        "response_mode": "normal",
        "launch": {
            "id": FLIGHT["launch"]["id"],
            "response_mode": "normal",
            "mission": {"id": MISSION, "info_urls": info_urls, "vid_urls": vid_urls},
        },
    }


def mission_rows(name):
    """The mission's rows of `name` (InfoURL or VidURL), in their model's order."""
    return model(name).objects.filter(mission=MISSION)


def ids(name):
    return list(mission_rows(name).values_list("pk", flat=True))


def test_info_and_video_urls_keep_their_ids_when_imported_again(tmp_path):
    page = write_page(tmp_path, "mission.json", mission_page(INFO_URLS, VID_URLS))
    first, _ = import_pages(page)
    info, videos = ids("InfoURL"), ids("VidURL")
    assert len(info) == 2 and len(videos) == 1
    assert outcomes(first, "created")["InfoURL"] == set(info)
    assert outcomes(first, "updated") == {"Mission": {MISSION}}

    again, writes = import_pages(page)
    assert writes == []
    assert (ids("InfoURL"), ids("VidURL")) == (info, videos)
    assert again.changes[model("InfoURL")].unchanged == set(info)
    assert again.changes[model("VidURL")].unchanged == set(videos)
    assert outcomes(again, "created") == outcomes(again, "updated") == {}


@pytest.mark.parametrize("info_urls", [
    [INFO_URLS[0], {**INFO_URLS[1], "title": "SpaceX Crew-12 (Wikipedia)"}],
    [INFO_URLS[0], {**INFO_URLS[1], "language": None}],
    [INFO_URLS[1]],
    [*INFO_URLS, {**INFO_URLS[1], "priority": 20, "url": "https://example.org/crew-12"}],
    [],
], ids=["value", "foreign key", "fewer", "more", "none"])
def test_a_changed_info_url_list_replaces_the_stored_one(tmp_path, info_urls):
    import_pages(write_page(tmp_path, "before.json", mission_page(INFO_URLS, VID_URLS)))
    old_info, videos = ids("InfoURL"), ids("VidURL")
    importer, _ = import_pages(write_page(tmp_path, "after.json", mission_page(info_urls, VID_URLS)))
    assert list(mission_rows("InfoURL").values_list("title", "url", "language")) == [
        (item["title"], item["url"], item["language"] and item["language"]["id"]) for item in info_urls
    ]
    info = ids("InfoURL")
    assert not set(info) & set(old_info)
    assert outcomes(importer, "updated") == {"Mission": {MISSION}}
    assert outcomes(importer, "created") == ({"InfoURL": set(info)} if info else {})
    assert ids("VidURL") == videos
    assert importer.changes[model("VidURL")].unchanged == set(videos)


def test_rows_a_later_file_replaced_leave_the_record(tmp_path):
    importer = Importer()
    importer.import_file(write_page(tmp_path, "before.json", mission_page(INFO_URLS, VID_URLS)))
    importer.import_file(write_page(tmp_path, "after.json", mission_page(INFO_URLS[:1], VID_URLS)))
    assert importer.changes[model("InfoURL")].created == set(ids("InfoURL"))
    assert len(ids("InfoURL")) == 1


def test_a_rejected_file_leaves_nothing_in_the_record(tmp_path):
    importer = Importer()
    importer.import_file(FIXTURES / "004_d87d66eee62c9c95.txt")

    def record():
        return {
            kind: (set(changes.created), set(changes.updated), set(changes.unchanged))
            for kind, changes in importer.changes.items()
        }

    before = record()
    assert before
    page = read_page(SPACECRAFT_PAGE)
    page["results"][0] = {
        **page["results"][0], "id": 99999, "url": "https://ll.thespacedevs.com/2.3.0/spacecraft/99999/",
    }
    page["results"][1]["description"] = "Updated, then rolled back."
    page["results"][5]["flights_count"] = "many"
    with pytest.raises(PageError):
        importer.import_file(write_page(tmp_path, "bad.json", page))
    assert record() == before
    assert not model("Spacecraft").objects.filter(pk=99999).exists()


@pytest.mark.parametrize(
    ("file", "holder", "key", "url", "kind"),
    [
        # ESA's countries, a many-to-many list.
        ("004_space_stations.json", lambda results: next(o for o in results[0]["owners"] if o["id"] == 27),
         "country", "/2.3.0/agencies/27/?mode=normal", "Agency"),
        # Location 185's pads, children that point at their parent.
        ("016_locations.json", lambda results: next(r for r in results if r["id"] == 185),
         "pads", "/2.3.0/locations/185/?mode=detailed", "Location"),
    ],
    ids=["many-to-many", "children"],
)
def test_a_list_keeps_the_order_of_the_last_page_that_listed_it(client, tmp_path, file, holder, key, url, kind):
    """A list LL2 gives out of id order (`fixtures/ll2/corpus/`), then reversed, then the same again."""
    page = {"results": corpus_records(file)}
    listing = holder(page["results"])
    listed = [item["id"] for item in listing[key]]
    assert listed != sorted(listed)

    def served():
        return [[item["id"] for item in get_json(client, url)[key]] for _ in ("made", "stored")]

    import_pages(write_page(tmp_path, "first.json", page))
    assert served() == [listed, listed]
    listing[key].reverse()
    importer, _ = import_pages(write_page(tmp_path, "reordered.json", page))
    assert served() == [listed[::-1], listed[::-1]]
    assert outcomes(importer, "updated") == {kind: {listing["id"]}}
    _, writes = import_pages(write_page(tmp_path, "again.json", page))
    assert writes == []


def test_the_order_of_a_list_of_children_goes_with_its_parent_and_with_a_flush(tmp_path):
    location = next(row for row in corpus_records("016_locations.json") if row["id"] == 185)
    import_pages(write_page(tmp_path, "locations.json", {"results": [location]}))
    orders = ChildOrder.objects.filter(parent="185")
    assert orders.exists()
    model("Location").objects.filter(pk=185).delete()
    assert not orders.exists()
    import_pages(write_page(tmp_path, "again.json", {"results": [location]}))
    tables.flush()
    assert not ChildOrder.objects.exists()


@pytest.mark.usefixtures("generated")
def test_a_page_of_100_detailed_launches_costs_the_queries_of_a_page_of_10(client):
    """Imports by kinds: a page's queries are bounded by the kinds of object it holds, not by its records
    (a page of 100 launches cost 3.3 times the queries of a page of 10 when records were written one by one),
    into an empty database as again."""
    queries = {}
    for limit in (10, 100):
        page = get_json(client, f"/2.3.0/launches/?mode=detailed&limit={limit}")
        assert len(page["results"]) == limit
        with emptied():
            with CaptureQueriesContext(connection) as into_empty:
                Importer().import_page(page, "launches")
            with CaptureQueriesContext(connection) as again:
                importer = Importer()
                importer.import_page(page, "launches")
        assert not any(changes.created or changes.updated for changes in importer.changes.values())
        queries[limit] = (len(into_empty), len(again))
    assert queries[100] == queries[10]


def test_a_child_met_again_in_the_same_shape_moves_to_the_parent_that_lists_it_last():
    """An image's variants point at their image: the same variant, in the same JSON, under another
    image of a later record is moved to that image."""
    record = next(record for record in corpus_records("018_spacecraft_configurations.json")
                  if record["agency"]["logo"]["variants"])
    other = copy.deepcopy(record)
    other["id"], other["url"] = 990_001, record["url"].replace(f"/{record['id']}/", "/990001/")
    other["agency"]["logo"]["id"] = 990_002
    variant = record["agency"]["logo"]["variants"][0]["id"]
    importer = Importer()
    importer.import_page({"count": 2, "next": None, "previous": None, "results": [record, other]}, "page")
    assert ImageVariant.objects.get(pk=variant).image_id == 990_002
    assert variant in importer.changes[ImageVariant].created
