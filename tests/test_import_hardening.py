"""Hostile pages and concurrent use: `import_ll2` rejects every malformed file whole, naming the file
and the JSON path of the problem, writes nothing of it and still imports the other files; it never
crashes. On SQLite, an import killed mid-file leaves the database as it was, reads go on during an
import, and imports wait for one another, as they do on PostgreSQL."""

import copy
import gc
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from lldapi.importer import Importer, PageError, read_page
from lldapi.models import Change, DataVersion

from .fidelity import FIXTURES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(FIXTURES.glob("*.txt"))
SPACECRAFT = FIXTURES / "001_ebc334ed3d95f5b7.txt"  # 2.3.0 spacecraft, normal mode
FLIGHTS = FIXTURES / "003_6b9f4802707ad897.txt"  # 2.0.0 flights: launches (UUID ids), pads, legacy strings

# Each case is one mutation of a seed page: the value set at a JSON path, which the rejection names
# with what it says about the value.
VALUE_CASES = [
    # Numbers out of their column's range, or not integers.
    (SPACECRAFT, "$.results[2].flights_count", 2**70, "less than or equal to 2147483647"),
    (SPACECRAFT, "$.results[2].flights_count", 2**31, "less than or equal to 2147483647"),
    (SPACECRAFT, "$.results[2].mission_ends_count", -(2**31) - 1, "greater than or equal to -2147483648"),
    (SPACECRAFT, "$.results[2].flights_count", 1.5, "A valid integer is required"),
    (SPACECRAFT, "$.results[2].flights_count", 1e30, "A valid integer is required"),
    (SPACECRAFT, "$.results[2].image.license.priority", True, "A valid integer is required"),
    (FLIGHTS, "$.results[2].launch.pad.total_launch_count", 2**40, "less than or equal to 2147483647"),
    (SPACECRAFT, "$.results[2].time_in_space", "P200000000D", "less than or equal to 106751991 days"),
    (SPACECRAFT, "$.results[2].time_in_space", "P9999999999D", "out of range"),
    # Ids: integers from 0 up, in their column's range; a launch's is a UUID.
    (SPACECRAFT, "$.results[2].id", 1.5, "A valid integer is required"),
    (SPACECRAFT, "$.results[2].id", 1e30, "A valid integer is required"),
    (SPACECRAFT, "$.results[2].id", 2**63, "less than or equal to 2147483647"),
    (SPACECRAFT, "$.results[2].id", -530, "greater than or equal to 0"),
    (SPACECRAFT, "$.results[2].id", True, "A valid integer is required"),
    (SPACECRAFT, "$.results[2].id", "530", "expected a number, not a string"),
    (SPACECRAFT, "$.results[2].id", None, "A valid integer is required"),
    (SPACECRAFT, "$.results[2].spacecraft_config.agency.type.id", 2**31, "less than or equal to 2147483647"),
    (FLIGHTS, "$.results[2].launch.id", 42, "expected a string, not a number"),
    (FLIGHTS, "$.results[2].launch.id", "cf34aee7", "Must be a valid UUID"),
    # Text: its column's max_length, and only what a database stores.
    (SPACECRAFT, "$.results[2].name", "x" * 100_000, "at most 255 characters (it has 100000)"),
    (FLIGHTS, "$.results[2].spacecraft.spacecraft_config.agency.type", "x" * 256, "at most 255 characters"),
    (FLIGHTS, "$.results[2].launch.pad.location.country_code", "KAZA", "at most 3 characters"),
    (SPACECRAFT, "$.results[2].name", "Vostok\x00", "Null characters are not allowed"),
    (SPACECRAFT, "$.results[2].name", "Vostok \ud800", "Surrogate characters are not allowed"),
    (FLIGHTS, "$.results[2].launch.net", "2026-03-22T25:59:51Z", "Datetime has wrong format"),
    # A value of the wrong JSON type, anywhere.
    (SPACECRAFT, "$.results[2].name", 530, "expected a string, not a number"),
    (SPACECRAFT, "$.results[2].name", ["Vostok"], "Not a valid string"),
    (SPACECRAFT, "$.results[2].description", {"text": "Vostok"}, "Not a valid string"),
    (SPACECRAFT, "$.results[2].flights_count", "1", "expected a number, not a string"),
    (SPACECRAFT, "$.results[2].in_space", "false", "expected a boolean, not a string"),
    (SPACECRAFT, "$.results[2].in_space", 0, "expected a boolean, not a number"),
    (SPACECRAFT, "$.results[2].time_in_space", 3600, "ISO 8601"),
    (FLIGHTS, "$.results[2].launch.pad.latitude", 45.996034, "expected a string, not a number"),
    (FLIGHTS, "$.results[2].launch.pad.latitude", "north", "A valid number is required"),
    (SPACECRAFT, "$.results[2].status", "Active", "expected an object (SpacecraftStatus), not a string"),
    (SPACECRAFT, "$.results[2].status", [{"id": 4}], "expected an object (SpacecraftStatus), not a list"),
    (SPACECRAFT, "$.results[2].spacecraft_config.family", {"id": 1}, "expected a list"),
    (FLIGHTS, "$.results[2].launch.program", "ISS", "expected a list"),
    (FLIGHTS, "$.results[2].launch.program[0]", 17, "expected an object (Program), not a number"),
    (SPACECRAFT, "$.results[2].spacecraft_config.url", 15, "expected a string, not a number"),
    (SPACECRAFT, "$.results[2].spacecraft_config.agency.response_mode", "normal", "expected 'list'"),
    (SPACECRAFT, "$.results[2].response_mode", ["normal"], "unknown mode"),
    (SPACECRAFT, "$.results", {"id": 530}, "expected a list"),
    (SPACECRAFT, "$.results[2]", [], "expected an object with a `url`"),
    (SPACECRAFT, "$.results[2]", {"id": 530, "name": "Vostok"}, "expected an object with a `url`"),
    (SPACECRAFT, "$.results[2].url", "https://[/2.3.0/spacecraft/530/", "is not an object of an endpoint"),
    (SPACECRAFT, '$.results[2]["flights\\ncount"]', 1, "not a field of SpacecraftNormal"),
]

# Mutations of a seed page's text, rejected before anything is parsed: the path is the whole page.
TEXT_CASES = [
    ("not UTF-8", lambda text: text.encode().replace(b"Vostok", b"V\xf6stok", 1), "not UTF-8: invalid start byte"),
    ("nested too deeply", lambda text: raw_flights_count(text, "[" * 100_000 + "]" * 100_000), "nested too deeply"),
    ("5000 digits", lambda text: raw_flights_count(text, "9" * 5000), "Exceeds the limit (4300 digits)"),
    ("cut short", lambda text: text[: len(text) // 2].encode(), "does not parse"),
]


def raw_flights_count(text, value):
    """The page with its first `flights_count` replaced by `value`, JSON text as it is."""
    mutated, count = re.subn(r'"flights_count": \d+', lambda _: f'"flights_count": {value}', text, count=1)
    assert count == 1
    return mutated.encode()


def json_path_keys(path):
    """The keys and indexes of a JSON path: `$.results[2]["a b"]` gives ["results", 2, "a b"]."""
    tokens = re.findall(r'\.(\w+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]', path)
    assert "$" + "".join(
        f".{name}" if name else f"[{index}]" if index else f"[{quoted}]" for name, index, quoted in tokens
    ) == path
    return [name or (int(index) if index else json.loads(quoted)) for name, index, quoted in tokens]


def mutated_page(seed, path, value):
    """The seed page with a change the file makes before its problem, and `value` set at `path`."""
    page = read_page(seed)
    # The first record changes, then the file is rejected: that change must be rolled back.
    first = page["results"][0]
    first["name" if "name" in first else "destination"] = "Written, then rolled back"
    *parents, last = json_path_keys(path)
    target = page
    for key in parents:
        target = target[key]
    target[last] = value
    return page


@pytest.mark.parametrize("seed, path, value", [
    (SPACECRAFT, "$.results[2].image.image_url", ""),
    (SPACECRAFT, "$.results[2].image.image_url", "not a link"),
    (FLIGHTS, "$.results[2].launch.pad.wiki_url", ""),
    (FLIGHTS, "$.results[2].launch.slug", "not a slug!"),
])
def test_link_and_slug_fields_keep_what_ll2_wrote(client, tmp_path, seed, path, value):
    """No format is checked: LL2 writes `""` in link fields (a pad without a Wikipedia page)."""
    page = mutated_page(seed, path, value)
    call_command("import_ll2", str(write(tmp_path / "page.json", page)), stdout=io.StringIO())
    record = page["results"][2]
    served = client.get(urlsplit(record["url"]).path).json()
    *keys, last = json_path_keys(path)[2:]
    for key in keys:
        record, served = record[key], served[key]
    assert served[last] == record[last] == value


def write(path, page):
    path.write_text(json.dumps(page), encoding="ascii")
    return path


def snapshot():
    """Every row of every table of the database, but the data version (each write moves it to a new random
    value: lldapi/store/versions.py), and the change log's entries without their id and time."""
    state = {}
    with connection.cursor() as cursor:
        for table in set(connection.introspection.table_names(cursor)) - {DataVersion._meta.db_table}:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            state[table] = sorted(map(repr, cursor.fetchall()))
    state[Change._meta.db_table] = sorted(
        map(repr, Change.objects.values_list("endpoint", "model", "record", "kind", "fields", "source")))
    return state


@pytest.fixture
def good(tmp_path):
    """A file that changes one spacecraft, and the database it leaves (rolled back)."""
    record = read_page(SPACECRAFT)["results"][0]
    path = write(tmp_path / "good.json", {**record, "description": "Imported after a rejected file."})
    with transaction.atomic():
        call_command("import_ll2", str(path), stdout=io.StringIO())
        state = snapshot()
        transaction.set_rollback(True)
    return path, state


def rejected(bad, good):
    """Import `bad` then `good`; the database must be as `good` alone leaves it. Returns the
    rejection line."""
    good_path, good_state = good
    before = snapshot()
    assert good_state != before
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 files rejected"):
        call_command("import_ll2", str(bad), str(good_path), stdout=out, stderr=err)
    assert f"imported {good_path}: 1 records" in out.getvalue()
    assert snapshot() == good_state
    [line] = err.getvalue().splitlines()
    return line


@pytest.mark.django_db
@pytest.mark.parametrize(
    "seed, path, value, message", VALUE_CASES,
    ids=[f"{seed.name[:3]} {path}={json.dumps(value)[:20]}" for seed, path, value, _ in VALUE_CASES],
)
def test_a_malformed_value_is_rejected_whole_with_its_path(tmp_path, good, seed, path, value, message):
    bad = write(tmp_path / "bad.json", mutated_page(seed, path, value))
    line = rejected(bad, good)
    assert line.startswith(f"rejected {bad}: {path}: ")
    assert message in line


@pytest.mark.django_db
@pytest.mark.parametrize("name, mutation, message", TEXT_CASES, ids=[case[0] for case in TEXT_CASES])
def test_a_malformed_text_is_rejected_whole(tmp_path, good, name, mutation, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(mutation(SPACECRAFT.read_text(encoding="utf-8")))
    line = rejected(bad, good)
    assert line.startswith(f"rejected {bad}: $: ")
    assert message in line


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, message",
    [("missing.json", "No such file or directory"), ("", "Is a directory")],
    ids=["missing", "directory"],
)
def test_an_unreadable_file_is_rejected(tmp_path, good, name, message):
    line = rejected(tmp_path / name, good)
    assert line == f"rejected {tmp_path / name}: $: cannot be read: {message}"


# On SQLite, in processes of their own, against a file of their own.

# A tiny page cache makes an import spill its uncommitted writes to the file as it goes, as a big
# import does. (In place of the settings' init_command: the file keeps the WAL mode they gave it.)
SPILL = "PRAGMA cache_size=10"

READER = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from django.test import Client
client, stop, reads = Client(raise_request_exception=False), Path(sys.argv[1]), []
while not stop.exists():
    status = client.get("/2.3.0/spacecraft/?limit=10").status_code
    reads.append((time.monotonic(), status))
    if len(reads) == 1:
        print("reading", flush=True)
print(json.dumps(reads))
"""


def sqlite_url(db, **options):
    return f"sqlite:///{db}" + (f"?{urlencode(options)}" if options else "")


def start(database_url, *args, code=None):
    """`manage.py ARGS` (or python -c CODE ARGS) in a process of its own, on `database_url`."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "lldapi.settings",
           "ALLOWED_HOSTS": "testserver"}
    command = ["-c", code] if code else [str(ROOT / "manage.py")]
    return subprocess.Popen(
        [sys.executable, "-u", *command, *map(str, args)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def finished(process, timeout=60):
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def wait_for(condition, process, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)


def file_snapshot(db):
    """Every row of every table of the SQLite file `db`."""
    with closing(sqlite3.connect(db)) as database:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = [name for (name,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(map(repr, database.execute(f'SELECT * FROM "{table}"'))) for table in tables}


def writing(db):
    """Whether the import has written to the file (WAL): it starts with none, and commits at the end."""
    wal = Path(f"{db}-wal")
    return wal.exists() and wal.stat().st_size > 0


def big_page(directory, count, first_id):
    """A page of `count` new spacecraft, each with a new configuration, made from the seed page's."""
    records = read_page(SPACECRAFT)["results"]
    page = []
    for number in range(count):
        record = copy.deepcopy(records[number % len(records)])
        record["id"] = record["spacecraft_config"]["id"] = first_id + number
        record["url"] = f"https://ll.thespacedevs.com/2.3.0/spacecraft/{first_id + number}/"
        page.append(record)
    return write(directory / f"big-{first_id}.json", {"results": page})


def new_spacecraft(db):
    with closing(sqlite3.connect(db)) as database:
        return database.execute("SELECT count(*) FROM spacecraft_spacecraft WHERE id >= 100000").fetchone()[0]


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory, migrated_sqlite):
    """A migrated SQLite file holding the seed pages, which each test copies."""
    db = Path(shutil.copyfile(migrated_sqlite, tmp_path_factory.mktemp("sqlite") / "seeded.sqlite3"))
    status, _, err = finished(start(sqlite_url(db), "import_ll2", *SEEDS))
    assert status == 0, err
    with closing(sqlite3.connect(db)) as database:
        assert database.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    return db


@pytest.fixture
def sqlite_db(seeded_sqlite, tmp_path):
    db = tmp_path / "db.sqlite3"
    with closing(sqlite3.connect(seeded_sqlite)) as source, closing(sqlite3.connect(db)) as target:
        source.backup(target)
    return db


def test_an_import_killed_mid_file_leaves_the_database_as_it_was(sqlite_db, tmp_path):
    big = big_page(tmp_path, 500, 100_000)
    before = file_snapshot(sqlite_db)
    importer = start(sqlite_url(sqlite_db, init_command=SPILL), "import_ll2", big)
    try:
        wait_for(lambda: writing(sqlite_db), importer)
    finally:
        importer.kill()
    status, out, _ = finished(importer)
    assert status == -signal.SIGKILL
    assert out == ""
    assert file_snapshot(sqlite_db) == before


def test_reads_go_on_during_an_import(sqlite_db, tmp_path):
    big = big_page(tmp_path, 100, 100_000)
    stop = tmp_path / "stop"
    reader = start(sqlite_url(sqlite_db), stop, code=READER)
    try:
        assert reader.stdout.readline() == "reading\n"
        importer = start(sqlite_url(sqlite_db, init_command=SPILL), "import_ll2", big)
        wait_for(lambda: writing(sqlite_db), importer)
        started = time.monotonic()
        status, _, err = finished(importer)
        ended = time.monotonic()
    finally:
        stop.touch()
    reads = json.loads(finished(reader)[1])
    assert status == 0, err
    assert new_spacecraft(sqlite_db) == 100
    assert {status for _, status in reads} == {200}
    # Not held up until the import commits: reads kept coming while it wrote.
    assert len([read for read, _ in reads if started < read < ended]) >= 3


def race(database_url, page):
    """Two imports of the same new page at once: both succeed, one creating what the other then finds."""
    importers = [start(database_url, "import_ll2", page) for _ in range(2)]
    reports = []
    for status, out, err in map(finished, importers):
        assert (status, err) == (0, "")
        reports.append(next(line for line in out.splitlines() if line.startswith("  spacecraft: ")))
    assert sorted(reports) == [
        "  spacecraft: 0 created, 0 updated, 60 unchanged",
        "  spacecraft: 60 created, 0 updated, 0 unchanged",
    ]


def test_concurrent_imports_wait_for_each_other(sqlite_db, tmp_path):
    race(sqlite_url(sqlite_db), big_page(tmp_path, 60, 100_000))
    assert new_spacecraft(sqlite_db) == 60


def test_an_import_locked_out_past_the_timeout_is_rejected_file_by_file(sqlite_db):
    with closing(sqlite3.connect(sqlite_db, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        status, out, err = finished(start(sqlite_url(sqlite_db, timeout=1), "import_ll2", SPACECRAFT, FLIGHTS))
        other.execute("ROLLBACK")
    assert status == 1
    assert err.splitlines() == [
        f"rejected {SPACECRAFT}: not imported, the database refused it: database is locked",
        f"rejected {FLIGHTS}: not imported, the database refused it: database is locked",
        "CommandError: 2 of 2 files rejected; nothing of them was written",
    ]


# On PostgreSQL, beside the suite's database.


@pytest.fixture
def postgres_url():
    """A new, migrated database beside the suite's, when the suite runs on PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the suite runs on SQLite")
    name = f"lldapi_race_{os.getpid()}"
    with closing(psycopg.connect(url, autocommit=True)) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    database_url = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    try:
        status, _, err = finished(start(database_url, "migrate", "-v0"))
        assert status == 0, err
        yield database_url
    finally:
        with closing(psycopg.connect(url, autocommit=True)) as server:
            server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def test_concurrent_imports_take_turns_on_postgresql(postgres_url, tmp_path):
    race(postgres_url, big_page(tmp_path, 60, 100_000))


@pytest.mark.django_db
def test_an_object_met_again_is_checked_again_unless_it_is_the_same_json():
    page = read_page(SPACECRAFT)
    again = copy.deepcopy(page["results"][2])
    again["in_space"] = int(again["in_space"])  # equal in Python, not in JSON
    page["results"].append(again)
    with pytest.raises(PageError, match=r"\$\.results\[\d+\]\.in_space: expected a boolean, not a number"):
        Importer().import_page(page, "page")
    page["results"][-1] = copy.deepcopy(page["results"][2])
    assert Importer().import_page(page, "page") == len(page["results"])


@pytest.mark.django_db
@pytest.mark.parametrize("enabled", [True, False], ids=["collector on", "collector off"])
def test_an_import_leaves_the_cycle_collector_as_it_found_it(tmp_path, enabled):
    """Imports pause Python's cycle collector for a page, whether it lands or is rejected."""
    bad = write(tmp_path / "bad.json", mutated_page(SPACECRAFT, "$.results[0].in_space", 1))
    (gc.enable if enabled else gc.disable)()
    try:
        Importer().import_file(SPACECRAFT)
        with pytest.raises(PageError):
            Importer().import_file(bad)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
