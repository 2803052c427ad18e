"""One database leg of the benchmark, run in its own process against DATABASE_URL: migrate, generate
the synthetic data set with the representation store empty, build the store (every mode of the three core
endpoints, then every endpoint's shapes, both timed) and measure its size beside the database's, measure
every scenario in Django (the serializer path and the store path of ours, the Django and orjson floors,
the naive baseline), profile two requests (the headline page and one small object) on each path, load the
production server over HTTP on each path, import one seed page (timed, with the representations it made
again), soak it with a mix of requests (on SQLite with imports writing meanwhile), measure imports and a
sync on databases of their own (bench/imports.py), and write everything to a JSON file."""

import gc
import hashlib
import importlib
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADLINE = "/2.3.0/spacecraft/?mode=detailed&limit=100"
PAGE_SIZES = (10, 100)
# The list scenarios whose naive baseline is measured for pages of 100 too (the others' for pages of 10
# only): a naive page of 100 takes up to 11 s on PostgreSQL, which the run's time cannot afford for each.
NAIVE_LARGE_PAGES = {"spacecraft normal", "spacecraft detailed", "docking detailed"}


def setup_django():
    """Sets Django up as the production server does: through the WSGI module that gunicorn loads (which
    also applies its process-wide settings, such as the garbage collector's)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lldapi.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production")
    os.environ.setdefault("CONN_MAX_AGE", "600")
    importlib.import_module("lldapi.wsgi")


def representation_store_setting():
    """Whether the code measured has the REPRESENTATION_STORE setting, and its value when not overridden."""
    from django.conf import settings

    defined = hasattr(settings, "REPRESENTATION_STORE")
    return {"defined": defined, "default": getattr(settings, "REPRESENTATION_STORE", None)}


def middleware():
    from django.conf import settings

    return list(settings.MIDDLEWARE)


def process_settings():
    return {"gc_threshold": list(gc.get_threshold()), "gc_frozen": gc.get_freeze_count()}


def progress(line):
    print(line, flush=True)


def database_info():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        return {"vendor": "postgresql", "name": "PostgreSQL", "version": version}
    return {"vendor": connection.vendor, "name": "SQLite", "version": sqlite3.sqlite_version}


def manage(*args):
    """A manage.py command in its own process, so that this one measures with a clean heap."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True, env=os.environ.copy()
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def build_database(scale, seed):
    """Migrate the (fresh) database and generate the data set, leaving the representation store empty
    (`build_store` fills it); returns what was generated."""
    manage("migrate", "--noinput", "-v0")
    start = time.perf_counter()
    output = manage("generate_data", "--scale", str(scale), "--seed", str(seed), "--no-representations")
    seconds = time.perf_counter() - start
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    # generate_data's own summary ("generated N rows ..."), and its last line when that is another.
    summary = next((line for line in lines if line.startswith("generated")), lines[-1] if lines else "")
    also = lines[-1] if lines and lines[-1] != summary else None
    for line in (summary, also):
        if line:
            progress(f"  {line}")
    return {
        "scale": scale,
        "seed": seed,
        "summary": summary,
        "also": also,
        "seconds": seconds,
        **object_counts(),
    }


# The endpoints whose every mode the store's first build makes (the "three core endpoints").
CORE_ENDPOINTS = ("spacecraft", "spacecraft_flights", "docking_events")
BUILT = re.compile(
    r"built (?P<records>\d+) records in (?P<shapes>\d+) shapes: (?P<written>\d+) written, "
    r"(?P<megabytes>[\d.]+) MB, (?P<seconds>[\d.]+) s; (?P<removed>\d+) fragments of old shapes removed"
)


def timed_manage(*args):
    """A manage.py command in its own process, and the seconds it took, start-up included."""
    start = time.perf_counter()
    output = manage(*args)
    return output, time.perf_counter() - start


def build_representations(*args):
    """`manage.py build_representations` with `args`: what it printed, parsed, and its wall time."""
    output, wall = timed_manage("build_representations", *args)
    match = BUILT.search(output)
    if not match:
        raise SystemExit(f"manage.py build_representations {' '.join(args)}: unexpected output:\n{output}")
    progress(f"  {match.group(0)}")
    figures = {name: float(value) if "." in value else int(value) for name, value in match.groupdict().items()}
    return {"line": match.group(0), **figures, "wall_seconds": wall}


def build_store():
    """Fill the empty store as an operator would: every mode of the three core endpoints first, then every
    endpoint's shapes (which makes the core ones again and writes only what is missing); both timed."""
    core = build_representations(*(arg for endpoint in CORE_ENDPOINTS for arg in ("--endpoint", endpoint)))
    full = build_representations()
    return {"core_endpoints": list(CORE_ENDPOINTS), "core": core, "full": full}


STORE_TABLE = "lldapi_representation"


def sqlite_store_bytes(cursor):
    """The pages of the store's table and its indexes (the primary key's), by the dbstat virtual table;
    None when this SQLite build has none."""
    from django.db import DatabaseError

    try:
        cursor.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")
    except DatabaseError:  # no such table: dbstat
        return None
    pages = dict(cursor.fetchall())
    cursor.execute("SELECT name FROM sqlite_master WHERE tbl_name = %s", [STORE_TABLE])
    return sum(pages.get(name, 0) for (name,) in cursor.fetchall())


def store_size():
    """The store's size beside the database's, in bytes: on PostgreSQL the store's relation with its
    index and TOAST, and the database; on SQLite the store's pages (by dbstat, or else the length of its
    keys and bodies) and the database file after a checkpoint has moved the WAL into it."""
    from django.db import connection

    table = connection.ops.quote_name(STORE_TABLE)
    key = connection.ops.quote_name("key")
    refs = "pg_column_size(refs)" if connection.vendor == "postgresql" else "LENGTH(refs)"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), COALESCE(SUM(LENGTH({key}) + LENGTH(body) + {refs}), 0) FROM {table}")
        rows, payload = cursor.fetchone()
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size(%s), pg_database_size(current_database())", [STORE_TABLE])
            store, database = cursor.fetchone()
            method = "`pg_total_relation_size` of the table, its index and TOAST included, and `pg_database_size`"
            checkpoint_busy = None
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            checkpoint_busy = bool(cursor.fetchone()[0])
            database = os.path.getsize(connection.settings_dict["NAME"])
            store = sqlite_store_bytes(cursor)
            if store is None:
                store, method = payload, "the length of its rows' keys, bodies and refs, this SQLite having no `dbstat`"
            else:
                method = "the `dbstat` pages of the table and of its primary key's index, and the file's size"
    without = database - store
    size = {
        "table": STORE_TABLE,
        "rows": rows,
        "store_bytes": store,
        "payload_bytes": payload,
        "database_bytes": database,
        "without_store_bytes": without,
        "ratio": store / without if without > 0 else None,
        "method": method,
        "checkpoint_busy": checkpoint_busy,
    }
    progress(
        f"  store: {store / 1e6:,.1f} MB in {rows:,} rows; the database without it: {without / 1e6:,.1f} MB"
        + (f"; ratio {size['ratio']:.2f}" if size["ratio"] is not None else "")
    )
    return size


def settle_database():
    """On PostgreSQL, what autovacuum would do after the builds' hundreds of thousands of new rows
    (`VACUUM ANALYZE`, then a `CHECKPOINT` that writes their pages out), done before the scenarios
    rather than during them; returns its seconds, None on SQLite (whose WAL `store_size` checkpoints)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("CHECKPOINT")
    seconds = time.perf_counter() - start
    progress(f"  VACUUM ANALYZE and CHECKPOINT: {seconds:.1f} s")
    return seconds


SEED_PAGE = "fixtures/ll2/000_507bf079f7021729.txt"
IMPORTED_KIND = re.compile(
    r"^\s+(?P<kind>.+): (?P<created>\d+) created, (?P<updated>\d+) updated, (?P<unchanged>\d+) unchanged$"
)
REMADE = re.compile(r"stored representations: (?P<made_again>\d+) made again, (?P<changed>\d+) of them changed")
# A management command in a fresh process as manage.py runs it, timed from after Django's set-up to the
# command's end: the process's start-up (a second or two, most of a small import) is left out.
TIMED_COMMAND = """
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lldapi.settings")
import django
django.setup()
from django.core.management import call_command
start = time.perf_counter()
call_command(*sys.argv[1:])
print(f"command took {time.perf_counter() - start:.6f} s")
"""
COMMAND_TOOK = re.compile(r"^command took (?P<seconds>[\d.]+) s$", re.MULTILINE)


def import_seed_page():
    """`import_ll2` of the first seed page (10 real LL2 spacecraft) into the generated database, in its own
    process, timed: the records it created and updated, and the stored representations it made again."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", TIMED_COMMAND, "import_ll2", SEED_PAGE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
    )
    wall = time.perf_counter() - start
    output = result.stdout
    remade, took = REMADE.search(output), COMMAND_TOOK.search(output)
    if result.returncode != 0 or not remade or not took:
        raise SystemExit(f"import_ll2 {SEED_PAGE} failed or printed something unexpected:\n{output}{result.stderr}")
    kinds = {}
    for line in output.splitlines():
        if match := IMPORTED_KIND.match(line):
            kinds[match["kind"]] = {name: int(match[name]) for name in ("created", "updated", "unchanged")}
    imported = {
        "page": SEED_PAGE,
        "seconds": float(took["seconds"]),
        "wall_seconds": wall,
        "kinds": kinds,
        **{name: sum(kind[name] for kind in kinds.values()) for name in ("created", "updated", "unchanged")},
        "made_again": int(remade["made_again"]),
        "changed": int(remade["changed"]),
    }
    progress(
        f"  {imported['seconds']:.2f} s ({wall:.1f} s with the process's start-up): {imported['created']} "
        f"created, {imported['updated']} updated, {imported['unchanged']} unchanged; {remade.group(0)}"
    )
    return imported


def object_counts():
    from docking.models import DockingEvent
    from spacecraft.models import Spacecraft, SpacecraftFlight

    return {
        "spacecraft": Spacecraft.objects.count(),
        "spacecraft_flights": SpacecraftFlight.objects.count(),
        "docking_events": DockingEvent.objects.count(),
    }


def middle_id(model):
    ids = list(model.objects.order_by("id").values_list("id", flat=True))
    return ids[len(ids) // 2]


def chosen_objects():
    """The objects the single-object, filter and offset scenarios ask for, picked from the data."""
    from django.db.models import Count

    from agencies.models import Agency
    from docking.models import DockingEvent
    from spacecraft.models import Spacecraft, SpacecraftFlight

    busiest = Spacecraft.objects.order_by("-flights_count", "id").values("id", "flights_count").first()
    station = (
        DockingEvent.objects.exclude(space_station_target=None)
        .values("space_station_target")
        .annotate(events=Count("id"))
        .order_by("-events", "space_station_target")
        .first()
    )
    dockings = DockingEvent.objects.exclude(docking=None).order_by("docking").values_list("docking", flat=True)
    return {
        "spacecraft": busiest["id"],
        "spacecraft_flights": busiest["flights_count"],
        "flight": middle_id(SpacecraftFlight),
        "docking_event": middle_id(DockingEvent),
        "station": station["space_station_target"],
        "station_events": station["events"],
        "deep_offset": SpacecraftFlight.objects.count() - max(PAGE_SIZES),
        "agency": middle_id(Agency),
        "median_docking": dockings[dockings.count() // 2].strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def list_scenarios(chosen):
    """(label, URL without limit) of each list scenario; each runs with every page size."""
    return [
        ("spacecraft normal", "/2.3.0/spacecraft/?mode=normal"),
        ("spacecraft detailed", "/2.3.0/spacecraft/?mode=detailed"),
        ("flights normal", "/2.3.0/spacecraft_flights/?mode=normal"),
        ("flights detailed", "/2.3.0/spacecraft_flights/?mode=detailed"),
        ("docking normal", "/2.3.0/docking_events/?mode=normal"),
        ("docking detailed", "/2.3.0/docking_events/?mode=detailed"),
        # Crewed, so that the smallest page holds astronauts too: the oldest ten launches have no crew,
        # and a page without an object of some kind skips its queries.
        ("launches detailed", "/2.3.0/launches/?mode=detailed&is_crewed=true"),
        ("spacecraft search", "/2.3.0/spacecraft/?search=cargo"),
        ("docking filter", f"/2.3.0/docking_events/?space_station_target__id={chosen['station']}"),
        ("spacecraft ordering", "/2.3.0/spacecraft/?ordering=-time_in_space"),
        ("flights deep offset", f"/2.3.0/spacecraft_flights/?offset={chosen['deep_offset']}"),
    ]


def scenarios(chosen):
    result = [
        {"label": f"{label} ×{size}", "group": label, "limit": size, "url": f"{url}&limit={size}"}
        for label, url in list_scenarios(chosen)
        for size in PAGE_SIZES
    ]
    for scenario in result:
        if scenario["limit"] == max(PAGE_SIZES) and scenario["group"] not in NAIVE_LARGE_PAGES:
            scenario["naive"] = False
        if scenario["url"] == HEADLINE:
            # The done criterion's ratio: more samples than the budget would give, naive ones included.
            scenario.update(min_reps=5, naive_min_reps=2)
    result += [
        {
            "label": "one spacecraft",
            "group": "one spacecraft",
            "limit": None,
            "url": f"/2.3.0/spacecraft/{chosen['spacecraft']}/",
        },
        {
            "label": "one flight",
            "group": "one flight",
            "limit": None,
            "url": f"/2.3.0/spacecraft_flights/{chosen['flight']}/",
        },
        {
            "label": "one docking event",
            "group": "one docking event",
            "limit": None,
            "url": f"/2.3.0/docking_events/{chosen['docking_event']}/",
        },
        {"label": "API root (trivial)", "group": "API root (trivial)", "limit": None, "url": "/2.3.0/"},
    ]
    return result


def http_scenarios(chosen):
    """The trivial API root first (the server's ceiling, which the others are reported as a share of),
    then a small page and a single object."""
    return [
        {"label": "API root (trivial: no query)", "url": "/2.3.0/"},
        {"label": "spacecraft normal ×10", "url": "/2.3.0/spacecraft/?mode=normal&limit=10"},
        {"label": "one docking event (detailed)", "url": f"/2.3.0/docking_events/{chosen['docking_event']}/"},
    ]


def soak_mix(chosen):
    """The soak's requests, sent in turn: list pages, single objects (detailed), filtered lists, detailed
    pages, a search and the API root."""
    return [
        "/2.3.0/spacecraft/?mode=normal&limit=10",
        "/2.3.0/spacecraft/?mode=normal&limit=100",
        "/2.3.0/spacecraft_flights/?mode=normal&limit=10",
        "/2.3.0/docking_events/?mode=normal&limit=10",
        "/2.3.0/agencies/?limit=10",
        f"/2.3.0/spacecraft/{chosen['spacecraft']}/",
        f"/2.3.0/spacecraft_flights/{chosen['flight']}/",
        f"/2.3.0/docking_events/{chosen['docking_event']}/",
        f"/2.3.0/agencies/{chosen['agency']}/",
        f"/2.3.0/docking_events/?docking__gte={chosen['median_docking']}&limit=10",
        "/2.3.0/spacecraft/?in_space=true&limit=10",
        "/2.3.0/agencies/?founding_year__gt=1990&limit=10",
        "/2.3.0/docking_events/?mode=detailed&limit=10",
        "/2.3.0/spacecraft_flights/?mode=detailed&limit=10",
        "/2.3.0/spacecraft/?search=cargo&limit=10",
        "/2.3.0/",
    ]


SOAK_PAGE = "/2.3.0/spacecraft/?mode=normal&limit=100"


def soak_pages(work):
    """The pages the soak imports in turn on SQLite: a page of 100 spacecraft with every description
    changed, then the page as served, so that each import updates the 100 rows (a page imported again
    as it is stored writes nothing)."""
    import measure

    served = measure.get_body(measure.new_handler(), SOAK_PAGE)
    changed = json.loads(served)
    for record in changed["results"]:
        record["description"] = f"{record['description'] or ''} (changed by the soak)"
    pages = [work / "soak-page-changed.json", work / "soak-page-served.json"]
    pages[0].write_text(json.dumps(changed))
    pages[1].write_bytes(served)
    return pages


def run_soak(database, chosen, work):
    import soak

    mix = soak_mix(chosen)
    imports = f", importing {SOAK_PAGE} meanwhile" if database["vendor"] == "sqlite" else ""
    progress(
        f"[{database['name']}] soak: {soak.DURATION} s at {soak.CONNECTIONS} connections, a mix of "
        f"{len(mix)} requests, gunicorn's default workers{imports}"
    )
    pages = soak_pages(work) if database["vendor"] == "sqlite" else []
    log_path = work / f"gunicorn-soak-{database['vendor']}.log"
    result = soak.run_soak(ROOT, mix, pages, log_path, progress)
    result["import_page"] = SOAK_PAGE if pages else None
    return result


def profiled_requests(chosen):
    """(file name, URL): the headline page, and one small object to show the fixed cost per request."""
    return [("headline", HEADLINE), ("one-docking-event", f"/2.3.0/docking_events/{chosen['docking_event']}/")]


CODE = ("lldapi", "spacecraft", "docking", "manage.py")


def source_tree():
    """The commit measured, an identity of the application code (so that a commit touching only docs
    does not count as a change), and the uncommitted changes to that code."""

    def git(*args):
        result = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else "unknown"

    uncommitted = git("status", "--porcelain", "--", *CODE)
    committed = git("rev-parse", *(f"HEAD:{path}" for path in CODE))
    diff = git("diff", "HEAD", "--", *CODE)
    identity = hashlib.sha1(f"{committed}\n{diff}".encode()).hexdigest()[:12]
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "code": identity,
        "uncommitted": uncommitted.splitlines() if uncommitted else [],
    }


def median(samples):
    ordered = sorted(samples)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def describe(result):
    def ms(samples):
        return f"{median(samples) * 1e3:8.2f}"

    paths, naive = result["paths"], result["naive"]
    naive_text = f"{naive['queries']:>5} q {ms(naive['seconds'])}" if naive else f"{'—':>5}   {'—':>8}"
    ours = " | ".join(f"{path['queries']:>3} q {ms(path['seconds'])}" for path in paths.values())
    return (
        f"  {result['label']:<26} {ours} | {ms(result['django_floor_s'])} | "
        f"{ms(result['orjson_floor_s'])} | {naive_text} | {result['size_bytes'] / 1024:7.1f} KB"
    )


def measure_all(scenario_list):
    import measure

    handler = measure.new_handler()
    results = []
    for scenario in scenario_list:
        result = measure.measure_scenario(handler, scenario)
        progress(describe(result))
        results.append(result)
    return results


def table_difference(small, large):
    """How the queries of the larger page differ from the smaller's, table by table."""
    tables = sorted(set(small) | set(large))
    changes = [(table, large.get(table, 0) - small.get(table, 0)) for table in tables]
    return ", ".join(f"{change:+d} on {table}" for table, change in changes if change)


def check(results):
    """Failures: queries that differ with the page size on either path, store or naive bodies that
    differ from the serializer path's."""
    failures = []
    by_group = {}
    for result in results:
        if result["limit"] is not None:
            by_group.setdefault(result["group"], {})[result["limit"]] = result
        if not result["same_body_as_store"]:
            failures.append(
                f"{result['url']}: the store path's body differs from the serializer path's "
                f"({result['store_size_bytes']:,} and {result['size_bytes']:,} bytes)"
            )
        if result["naive"] and not result["naive"]["same_body"]:
            failures.append(f"{result['url']}: the naive baseline's body differs from ours")
    for group, pages in by_group.items():
        small, large = pages[min(pages)], pages[max(pages)]
        for path in small["paths"]:
            few, many = small["paths"][path], large["paths"][path]
            if few["queries"] != many["queries"]:
                failures.append(
                    f"{group}, {path} path: queries per request depend on the page size (limit={small['limit']}: "
                    f"{few['queries']}, limit={large['limit']}: {many['queries']}; the larger page makes "
                    f"{table_difference(few['query_tables'], many['query_tables'])})"
                )
    return failures


def measure_leg(database, chosen, work, http=True):
    """Every scenario in Django, the profiles and the load over HTTP."""
    import measure
    from http_load import measure_http

    progress(
        f"[{database['name']}] in Django (RequestFactory → BaseHandler, full middleware), median ms: "
        "serializer path | store path | store path without worker memory | Django floor | orjson floor | naive | size"
    )
    results = measure_all(scenarios(chosen))
    failures = check(results)
    for failure in failures:
        progress(f"FAIL [{database['name']}] {failure}")
    profiles = []
    handler = measure.new_handler()
    for name, url in profiled_requests(chosen):
        for path in measure.PATHS:
            progress(f"[{database['name']}] profiling {url} on the {path} path")
            dump = work / f"profile-{database['vendor']}-{name}-{path}.prof"
            profiles.append(measure.profile_request(handler, url, path, str(dump)))
    http_results = None
    if http:
        progress(f"[{database['name']}] over HTTP: gunicorn, 2 workers, 127.0.0.1, on each path")
        http_results = measure_http(ROOT, http_scenarios(chosen), work / f"gunicorn-{database['vendor']}", progress)
    return {"scenarios": results, "failures": failures, "profiles": profiles, "http": http_results}


def measure_dataset(report, scale, seed, work, http, soak_only):
    """Into `report`: the data set, the store, the scenarios and the seed import (unless `soak_only`), and
    the soak."""
    import soak

    database = report["database"]
    progress(f"[{database['name']} {database['version']}] migrate and generate_data --scale {scale} --seed {seed}")
    dataset = build_database(scale, seed)
    progress(f"[{database['name']}] build_representations: the three core endpoints, then every endpoint")
    store = {**build_store(), "size": store_size(), "settle_seconds": settle_database()}
    chosen = chosen_objects()
    report.update(
        process=process_settings(),
        dataset=dataset,
        store=store,
        chosen=chosen,
        representation_store=representation_store_setting(),
        middleware=middleware(),
    )
    if not soak_only:
        measured = measure_leg(database, chosen, work, http)
        report.update(measured, failures=report["failures"] + measured["failures"])
        # After the scenarios, which it would change, and before the soak, on the database as generated.
        progress(f"[{database['name']}] import_ll2 {SEED_PAGE}")
        store["seed_import"] = import_seed_page()
    report["soak"] = run_soak(database, chosen, work)
    for failure in soak.failures(report["soak"]):
        progress(f"FAIL [{database['name']}] {failure}")
        report["failures"].append(failure)


def measure_imports(report, seed, work):
    """Into `report`: the imports section (bench/imports.py), or its failure; the leg's other figures are
    written either way."""
    import imports
    import imports_report

    name = report["database"]["name"]
    try:
        report["imports"] = imports.measure_imports(report["database"], seed, work, progress)
    except Exception as error:
        progress(traceback.format_exc())
        progress(f"FAIL [{name}] imports: {error}")
        report["failures"].append(f"imports: {error}")
        return
    for line in imports_report.target_lines(report["imports"]):
        progress(f"[{name}] {line}")


def run_leg(scale, seed, out_path, http=True, only=None):
    """The whole leg; with `only="soak"` the data set and the soak, with `only="imports"` the imports
    section alone. Call setup_django() first."""
    started = time.perf_counter()
    report = {
        "database": database_info(),
        "tree": source_tree(),
        "python": platform.python_version(),
        "failures": [],
    }
    work = out_path.parent
    if only != "imports":
        measure_dataset(report, scale, seed, work, http, soak_only=only == "soak")
    if only != "soak":
        measure_imports(report, seed, work)
    report["tree_at_end"] = source_tree()
    report["seconds"] = time.perf_counter() - started
    out_path.write_text(json.dumps(report, indent=1))
    progress(f"[{report['database']['name']}] done in {report['seconds']:.0f} s: {out_path.relative_to(ROOT)}")
    return report
