"""The imports section of a leg, on databases of its own beside the leg's (bench/scratch_databases.py):
our server on generated data at scale 1 is the upstream, served by gunicorn on loopback with no rate
limit. A detailed page of 100 launches and one of 10 are imported into empty databases, each in a fresh
process (bench/import_probe.py; the page of 100 a second time, unchanged); then `sync_ll2` copies the
whole upstream into another empty database (bench/sync_timing.py)."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from statistics import median

import http_load
import scratch_databases
import sync_timing

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM_SCALE = 1
LAUNCHES = "/2.3.0/launches/?mode=detailed&limit={}"
PAGE_SIZES = (10, 100)
# Each a fresh empty database and process: the page of 100 into it, then again. Noise on a shared machine.
REPEATS = 3
PROBE_TIMEOUT = 600  # seconds for one probe process


class ImportsFailed(Exception):
    """A step of the section that did not complete."""


def environment(database_url):
    """The leg's environment on another database, with the representation store on (the default)."""
    return {**os.environ, "DATABASE_URL": database_url, "REPRESENTATION_STORE": "1"}


def manage_on(database_url, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, env=environment(database_url)
    )
    if result.returncode != 0:
        raise ImportsFailed(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def upstream_server(database_url, log_path):
    """gunicorn as in production on the upstream database, with no rate limit: `/api-throttle/` then
    answers a limit that a sync never reaches, so that it never waits."""
    extra = {"DATABASE_URL": database_url, "REPRESENTATION_STORE": "1", "THROTTLE_ANON": "", "THROTTLE_KEY": ""}
    return http_load.production_server(ROOT, log_path, env_extra=extra)


def get(base_url, path):
    with urllib.request.urlopen(f"{base_url}{path}", timeout=120) as response:
        return response.read()


def probe(database_url, pages):
    """bench/import_probe.py of `pages` in turn into the database of `database_url`: a figure per page, with
    the seconds its process took to work out the store's shapes before them."""
    command = [sys.executable, str(Path(__file__).with_name("import_probe.py")), *map(str, pages)]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env=environment(database_url), timeout=PROBE_TIMEOUT
    )
    if result.returncode != 0:
        raise ImportsFailed(f"import_probe.py {' '.join(map(str, pages))} failed:\n{result.stdout}{result.stderr}")
    shapes, *figures = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return [{**figure, **shapes} for figure in figures]


def probe_launches(databases, pages, repeats, progress):
    """The page of 100 launches into an empty database then again, `repeats` times; the page of 10 once."""
    into_empty, unchanged = [], []
    for repeat in range(repeats):
        first, again = probe(databases.copy("template", f"probe_100_{repeat}"), [pages[100], pages[100]])
        into_empty.append(first)
        unchanged.append(again)
        progress(
            f"  {first['records']} launches into an empty database: {first['seconds']:.2f} s, {first['queries']:,} "
            f"queries; again, unchanged: {again['seconds']:.2f} s, {again['queries']:,} queries (the store's "
            f"shapes first, once per process: {first['shapes_seconds']:.2f} s)"
        )
    [ten] = probe(databases.copy("template", "probe_10"), [pages[10]])
    progress(f"  {ten['records']} launches into an empty database: {ten['seconds']:.2f} s, {ten['queries']:,} queries")
    return {
        "into_empty": summary(into_empty),
        "unchanged": summary(unchanged),
        "ten_into_empty": summary([ten]),
    }


def summary(imports):
    """Imports of the same page: their median seconds and every sample; queries from the first (the
    same each time)."""
    return {
        **imports[0],
        "seconds": median(entry["seconds"] for entry in imports),
        "samples": [entry["seconds"] for entry in imports],
        "queries_each": [entry["queries"] for entry in imports],
    }


def save_pages(base_url, directory):
    """The detailed pages of 10 and 100 launches as our server answers them, in files."""
    pages = {}
    for size in PAGE_SIZES:
        pages[size] = directory / f"launches-detailed-{size}.json"
        pages[size].write_bytes(get(base_url, LAUNCHES.format(size)))
    return pages


def sync_into_empty(databases, base_url, directory, progress):
    progress(f"  sync_ll2 --base-url {base_url}/2.3.0 into an empty database")
    synced = databases.copy("template", "synced")
    figures = sync_timing.run_sync(ROOT, synced, f"{base_url}/2.3.0", directory / "sync.log", progress)
    if figures["waits"]:
        raise ImportsFailed(f"the sync waited for the upstream's rate limit: {figures['waits'][0]}")
    return figures


def measure_imports(database, seed, work, progress):
    """The section's figures; its databases are removed and its server stopped however it ends."""
    started = time.perf_counter()
    directory = work / f"imports-{database['vendor']}"  # the pages, logs and server log, kept
    directory.mkdir(exist_ok=True)
    name = database["name"]
    with scratch_databases.scratch_databases(work) as databases:
        progress(f"[{name}] imports: migrate an empty database; generate_data --scale {UPSTREAM_SCALE} as the upstream")
        manage_on(databases.create("template"), "migrate", "--noinput", "-v0")
        upstream = databases.copy("template", "upstream")
        generated = manage_on(upstream, "generate_data", "--scale", str(UPSTREAM_SCALE), "--seed", str(seed))
        access_log = directory / "gunicorn.log"
        with upstream_server(upstream, access_log) as (base_url, _):
            pages = save_pages(base_url, directory)
            progress(f"[{name}] imports: detailed pages of launches from {base_url} into empty databases")
            launches = probe_launches(databases, pages, REPEATS, progress)
            sync = sync_into_empty(databases, base_url, directory, progress)
    from lldapi.upstream import USER_AGENT

    served = sync_timing.served_seconds(access_log, USER_AGENT)
    for endpoint in sync["endpoints"]:
        endpoint["served_seconds"] = served.get(endpoint["path"], 0.0)
    return {
        "upstream": {"scale": UPSTREAM_SCALE, "seed": seed, "generated": generated_line(generated)},
        "launches": launches,
        "sync": sync,
        "seconds": time.perf_counter() - started,
    }


def generated_line(output):
    return next((line.strip() for line in output.splitlines() if line.startswith("generated")), "")
