"""Renders bench/results.md and bench/chart.png from the legs' JSON files."""

import math
import os
import platform
from datetime import UTC, datetime

import imports_report

HEADLINE = "/2.3.0/spacecraft/?mode=detailed&limit=100"
TARGET_SPEEDUP = 20


def median(samples):
    ordered = sorted(samples)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def percentile(samples, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def ms(seconds):
    value = seconds * 1e3
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.1f}"
    if value >= 0.01:
        return f"{value:.2f}"
    return f"{value:.4f}"


def ratio(value):
    return f"{value:,.0f}×" if value >= 100 else f"{value:.1f}×"


# ---------------------------------------------------------------------------------------------- machine


def cpu_model():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_gib():
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return None


def machine(legs):
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = memory_gib()
    versions = ", ".join(f"{leg['database']['name']} {leg['database']['version']}" for leg in legs)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cores": cores,
        "memory": f"{memory:.0f} GiB" if memory else "unknown",
        "os": os_name(),
        "python": platform.python_version(),
        "databases": versions,
        "django": package_version("django"),
        "drf": package_version("djangorestframework"),
        "gunicorn": package_version("gunicorn"),
    }


def os_name():
    try:
        with open("/etc/os-release") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.platform()


def package_version(name):
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def trees(legs):
    return [leg[key] for leg in legs for key in ("tree", "tree_at_end")]


def tree_changed(legs):
    """Whether the application code changed during the run (commits touching only docs do not count)."""
    return len({tree["code"] for tree in trees(legs)}) > 1


def tree_line(legs):
    """The commit measured, and a warning when the code changed during the run or was not committed."""
    commits = list(dict.fromkeys(tree["commit"] for tree in trees(legs)))
    if tree_changed(legs):
        described = "; ".join(
            f"{leg['database']['name']}: {leg['tree']['commit']} → {leg['tree_at_end']['commit']}" for leg in legs
        )
        return f"**the application code changed during the run** ({described}): the legs may not compare"
    line = f"commit `{commits[-1]}`"
    if len(commits) > 1:
        line += f" (commits {', '.join(commits[:-1])} during the run changed no application code)"
    uncommitted = trees(legs)[0]["uncommitted"]
    if uncommitted:
        line += ", with uncommitted changes: " + ", ".join(f"`{entry.strip()}`" for entry in uncommitted)
    return line


# ---------------------------------------------------------------------------------------------- tables


# The paths of ours (bench/measure.py PATHS) as the report names them.
PATH_NAMES = {
    "serializer": "serializer path",
    "store": "store path",
    "store_unremembered": "store path without worker memory",
}


def seconds(result, variant):
    """The samples of one variant of a scenario: "serializer" or "store" (the paths of ours), "django_floor",
    "orjson_floor" or "naive" (None where the naive baseline was not measured)."""
    if variant in result["paths"]:
        return result["paths"][variant]["seconds"]
    if variant == "naive":
        return result["naive"]["seconds"] if result["naive"] else None
    return result[f"{variant}_s"]


def med(result, variant):
    samples = seconds(result, variant)
    return median(samples) if samples else None


def times(result, variant):
    samples = seconds(result, variant)
    return f"{ms(median(samples))} / {ms(percentile(samples, 0.95))}"


def scenario_row(result):
    serializer, store = med(result, "serializer"), med(result, "store")
    unremembered = med(result, "store_unremembered")
    django, orjson, naive = med(result, "django_floor"), med(result, "orjson_floor"), med(result, "naive")
    counts = [len(seconds(result, variant)) for variant in (*PATH_NAMES, "django_floor")]
    counts.append(len(seconds(result, "naive")) if naive else "—")
    return (
        f"| `{result['url']}` | {result['size_bytes'] / 1024:,.1f} | {times(result, 'serializer')} | "
        f"{times(result, 'store')} | {times(result, 'store_unremembered')} | {ms(django)} | {ms(orjson)} | "
        f"{ratio(serializer / django)} | {ratio(store / django)} | {ratio(unremembered / django)} | "
        f"{ratio(serializer / orjson)} | {ratio(store / orjson)} | "
        f"{ms(naive) if naive else '—'} | {ratio(naive / serializer) if naive else '—'} | "
        f"{' / '.join(str(count) for count in counts)} |"
    )


def scenario_table(leg):
    lines = [
        "| request | size KB | serializer path ms, median / p95 | store path ms, median / p95 | store without "
        "worker memory ms, median / p95 | Django floor ms | orjson floor ms | serializer ÷ Django floor "
        "| store ÷ Django floor | store without memory ÷ Django floor | serializer ÷ orjson floor "
        "| store ÷ orjson floor | naive ms | naive ÷ serializer | n serializer / store / without memory / floors "
        "/ naive |",
        "| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |",
    ]
    lines += [scenario_row(result) for result in leg["scenarios"]]
    return "\n".join(lines)


def queries_table(leg):
    """Queries per request of each scenario on each path and naive, for each page size side by side."""
    groups = {}
    for result in leg["scenarios"]:
        groups.setdefault(result["group"], []).append(result)
    sizes = sorted({result["limit"] for result in leg["scenarios"] if result["limit"] is not None})
    per_size = " / ".join(f"×{size}" for size in sizes)

    def counts(results, variant):
        if variant == "naive":
            values = [result["naive"]["queries"] if result["naive"] else None for result in results]
        else:
            values = [result["paths"][variant]["queries"] for result in results]
        return " / ".join("—" if value is None else f"{value:,}" for value in values)

    variants = [*PATH_NAMES, "naive"]
    names = [*PATH_NAMES.values(), "naive"]
    lines = [
        "| scenario | " + " | ".join(f"{name}, {per_size}" for name in names) + " |",
        "| --- |" + " --: |" * len(names),
    ]
    for group, results in groups.items():
        results = sorted(results, key=lambda result: result["limit"] or 0)
        name = f"`{results[0]['url']}`" if len(results) == 1 else group
        lines.append(f"| {name} | " + " | ".join(counts(results, variant) for variant in variants) + " |")
    return "\n".join(lines)


# The scenarios of the summary at the top of the report (the issue "Responses near the floor" asks for them).
AT_A_GLANCE = [
    "spacecraft detailed ×100",
    "flights detailed ×100",
    "docking detailed ×100",
    "launches detailed ×100",
    "spacecraft normal ×100",
    "flights normal ×100",
    "docking normal ×100",
    "one spacecraft",
    "one flight",
    "one docking event",
]


def sql_cell(result, variant):
    """The median time a path's request spent in SQL, and its share of the path's median request."""
    figures = result["paths"][variant]
    if not figures.get("sql_seconds"):
        return "—"
    sql = median(figures["sql_seconds"])
    return f"{ms(sql)} ({sql / median(figures['seconds']):.0%})"


def sql_table(leg):
    """Time in SQL per request of each scenario on each path of ours, beside its queries."""
    lines = [
        "| request | " + " | ".join(f"{name}: queries, ms in SQL (share)" for name in PATH_NAMES.values()) + " |",
        "| --- |" + " --: |" * len(PATH_NAMES),
    ]
    for result in leg["scenarios"]:
        cells = [f"{result['paths'][variant]['queries']}, {sql_cell(result, variant)}" for variant in PATH_NAMES]
        lines.append(f"| `{result['url']}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def glance_table(legs):
    """Each path's median ÷ the Django floor's, for the summary's scenarios, the databases side by side."""
    header = "| request | " + " | ".join(
        f"{leg['database']['name']}: store ÷ Django floor | serializer ÷ Django floor" for leg in legs
    )
    lines = [header + " |", "| --- |" + " --: | --: |" * len(legs)]
    for label in AT_A_GLANCE:
        results = [next((r for r in leg["scenarios"] if r["label"] == label), None) for leg in legs]
        if not all(results):
            continue
        cells = []
        for result in results:
            floor = med(result, "django_floor")
            cells += [ratio(med(result, "store") / floor), ratio(med(result, "serializer") / floor)]
        lines.append(f"| `{results[0]['url']}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)


# The goals for the store's own figures.
STORE_RATIO_GOAL = 5
CORE_BUILD_GOAL_S = 60


def mb(size):
    return f"{size / 1e6:,.1f}"


def goal(met):
    return "met" if met else "**not met**"


def build_cell(build):
    return (
        f"{build['seconds']:,.1f} s ({build['wall_seconds']:,.1f} s with the command's start-up): "
        f"{build['records']:,} records in {build['shapes']} shapes made ({build['megabytes']:,.1f} MB of JSON), "
        f"{build['written']:,} of them written"
    )


def store_table(leg):
    """The store's figures of one leg, as lines: size beside the database's, builds, one seed page."""
    store = leg["store"]
    size, core, full, seed = store["size"], store["core"], store["full"], store.get("seed_import")
    ratio_text = f"{size['ratio']:.2f}×" if size["ratio"] is not None else "—"
    lines = [
        "| figure | value | goal |",
        "| --- | --- | --- |",
        f"| store (`{size['table']}`, {size['rows']:,} rows) | {mb(size['store_bytes'])} MB | |",
        f"| database without the store | {mb(size['without_store_bytes'])} MB (of {mb(size['database_bytes'])} MB) | |",
        f"| store ÷ database without it | {ratio_text} | ≤ {STORE_RATIO_GOAL}×: "
        f"{goal(size['ratio'] is not None and size['ratio'] <= STORE_RATIO_GOAL)} |",
        f"| core build ({', '.join(f'`{endpoint}`' for endpoint in store['core_endpoints'])}, every mode) | "
        f"{build_cell(core)} | < {CORE_BUILD_GOAL_S} s, start-up included: "
        f"{goal(core['wall_seconds'] < CORE_BUILD_GOAL_S)} |",
        f"| full build (every endpoint's shapes, after the core build) | {build_cell(full)} | |",
    ]
    if seed:
        lines += [
            f"| one seed page imported (`{seed['page']}`) | {seed['seconds']:,.2f} s ({seed['wall_seconds']:,.1f} s "
            f"with the process's start-up): {seed['created']:,} records created, {seed['updated']:,} updated, "
            f"{seed['unchanged']:,} unchanged | |",
            f"| representations made again / changed by that import | {seed['made_again']:,} / "
            f"{seed['changed']:,} | only the affected records |",
        ]
    return lines


def store_section(legs):
    """The store's size and build times per database, with what each figure is, as lines."""
    legs = [leg for leg in legs if leg.get("store")]
    if not legs:
        return []
    out = [
        "## The store",
        "",
        f"`generate_data --no-representations` leaves the representation store empty; `manage.py "
        f"build_representations --endpoint {' --endpoint '.join(legs[0]['store']['core_endpoints'])}` then fills "
        "it, and `manage.py build_representations` after it, each in its own process, before any scenario "
        "is measured (so every scenario finds the store full). On PostgreSQL, `VACUUM ANALYZE` and a "
        "`CHECKPOINT` follow, as autovacuum and the checkpointer would after those rows, so that they do not run "
        "during the measurements. The seed page is imported after the scenarios and before the soak. "
        "MB are 10⁶ bytes.",
        "",
    ]
    for leg in legs:
        out += [f"**{leg['database']['name']}**, sizes by {leg['store']['size']['method']}:", ""]
        out += store_table(leg)
        out.append("")
    out += [
        "- *Store*: the space the table `lldapi_representation` takes in the database, its primary key's "
        "index included (and on PostgreSQL its TOAST), after both builds.",
        "- *Database without the store*: the whole database's size (on SQLite its file, after "
        "`PRAGMA wal_checkpoint(TRUNCATE)`) less the store's, that is the mirror's own rows and indexes.",
        "- *Store ÷ database without it*: how many times the mirror's own data the store adds.",
        "- *Core build*: the seconds `build_representations` reports for every mode of the three core "
        "endpoints into the empty store (its wall time, with Django's start-up, in brackets), the records "
        "it made (one per record and shape), the megabytes of their JSON, and how many of them it wrote (those "
        "missing from the store or different).",
        "- *Full build*: the same for every endpoint's shapes, run after the core build: it makes the core "
        "shapes again but writes only the fragments that are missing or differ.",
        "- *One seed page imported*: the seconds `import_ll2` takes, in a process of its own after Django's "
        "set-up (the process's wall time in brackets), to import one page of 10 real LL2 spacecraft into the "
        "generated database, with the records of every kind it created, updated and left unchanged.",
        "- *Representations made again / changed*: the stored fragments that import made again in the same "
        "transaction (those of the records it wrote and of the records that embed them), and how many of "
        "them differed from what was stored.",
        "",
    ]
    return out


def http_table(legs):
    lines = [
        "| database | path | scenario | request | req/s | % of the API root's req/s | p50 ms | p99 ms "
        "| requests | errors |",
        "| --- | --- | --- | --- | --: | --: | --: | --: | --: | --: |",
    ]
    for leg in legs:
        for result in (leg["http"] or {}).get("results", []):
            errors = result["non_2xx"] + result["socket_errors"]
            lines.append(
                f"| {leg['database']['name']} | {result['path']} | {result['label']} | `{result['url']}` | "
                f"{result['rps']:,.1f} | {result['ceiling_share']:.1%} | {result['p50_ms']:,.1f} | "
                f"{result['p99_ms']:,.1f} | {result['requests']:,} | {errors} |"
            )
    return "\n".join(lines)


def memory_change(worker):
    before = worker["rss_kib_before"] / 1024
    if worker["rss_kib_after"] is None:
        return f"{before:.1f} → gone"
    after = worker["rss_kib_after"] / 1024
    return f"{before:.1f} → {after:.1f} ({after - before:+.1f})"


def soak_row(leg, soak):
    memory = "; ".join(memory_change(worker) for worker in soak["workers"])
    return (
        f"| {leg['database']['name']} | {soak['requests']:,} | {soak['non_2xx'] + soak['socket_errors']} | "
        f"{soak['server_errors']} | {soak['rps']:,.1f} | {soak['p50_ms']:,.0f} | {soak['p99_ms']:,.0f} | {memory} |"
    )


def imports_table(leg, soak):
    imports = soak["imports"]
    failed = sum(not entry["ok"] for entry in imports)
    seconds = median([entry["seconds"] for entry in imports])
    lines = [
        f"| {leg['database']['name']}, from the access log | seconds | responses/s | non-2xx |",
        "| --- | --: | --: | --: |",
    ]
    for phase in soak["phases"]:
        label = phase["phase"]
        if label == "during the imports":
            label += f" ({len(imports)} imports, median {seconds:.1f} s each, {failed} failed)"
        lines.append(f"| {label} | {phase['seconds']} | {phase['rps']:,.1f} | {phase['non_2xx']} |")
    return lines


def soak_section(legs, info):
    """The soak: its setup, the figures per database, the imports' phases and the machine, as lines."""
    soaks = [(leg, leg["soak"]) for leg in legs]
    first = soaks[0][1]
    out = [
        f"## Soak: {first['duration_s']} s of mixed reads at {first['connections']} connections",
        "",
        f"A new production server per database with its default workers (`gunicorn -c lldapi/gunicorn.py "
        f"lldapi.wsgi` without `WEB_CONCURRENCY`: {len(first['workers'])} sync workers), loaded for "
        f"{first['warmup_s']} s, discarded, then for {first['duration_s']} s. Load generator: **{first['tool']}**, "
        "sending these requests in turn: " + ", ".join(f"`{path}`" for path in first["paths"]) + ".",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores shared by the load generator, the workers and, per "
        f"database, the imports or PostgreSQL's server; {info['memory']} memory; {info['os']}.",
        "",
        "| database | requests | errors (non-2xx + socket) | 5xx | req/s | p50 ms | p99 ms "
        "| each worker's RSS before → after, MiB |",
        "| --- | --: | --: | --: | --: | --: | --: | --- |",
    ]
    out += [soak_row(leg, soak) for leg, soak in soaks]
    out += [
        "",
        "RSS is `VmRSS` from `/proc/<pid>/status`, after the warm-up and after the run (once the workers "
        "have answered every queued request). Latencies include the wait for a free worker: "
        f"{first['connections']} connections share {len(first['workers'])} workers.",
        "",
    ]
    for leg, soak in soaks:
        if soak["imports"]:
            start, end = soak["imports_window_s"]
            out += [
                f"On {leg['database']['name']} (WAL), `manage.py import_ll2` ran one import after the other from "
                f"{start} s to {end} s into the run, of a page of 100 spacecraft (`{soak['import_page']}`) "
                "alternately with every description changed and as served, so that each import updated the "
                "100 rows:",
                "",
                *imports_table(leg, soak),
                "",
            ]
    return out


def profile_section(leg, profile):
    total, sql = profile["total_s"], profile["sql_s"]
    lines = [
        f"**{leg['database']['name']}**: {ms(total)} ms for the request, of which {ms(sql)} ms "
        f"({sql / total:.0%}) executing its {profile['queries']} SQL queries; the rest is Python. "
        f"Under cProfile ({ms(profile['profiled_total_s'])} ms):",
        "",
    ]
    # Stages under half a percent (those of the other path, mostly) are left out; the rest always shows.
    stages = profile["stages"]
    lines += [
        f"- {stage['stage']}: {stage['share']:.0%}"
        for stage in stages
        if stage["share"] >= 0.005 or stage is stages[-1]
    ]
    lines += [
        f"- across those: {stage['stage']}, {stage['calls']:,} calls: {stage['share']:.0%}"
        for stage in profile.get("across", [])
        if stage["calls"]
    ]
    if profile.get("own_time"):
        top = ", ".join(
            f"`{entry['function']}` {entry['share']:.0%} ({entry['calls']:,} calls)" for entry in profile["own_time"]
        )
        lines += [f"- most own time: {top}"]
    return "\n".join(lines)


def profile_sections(legs):
    out = []
    for index, profile in enumerate(legs[0]["profiles"]):
        out += [f"### `{profile['url']}`, {PATH_NAMES[profile['path']]}", ""]
        out += [profile_section(leg, leg["profiles"][index]) + "\n" for leg in legs]
    return out


def headline(leg):
    for result in leg["scenarios"]:
        if result["url"] == HEADLINE:
            return result
    return None


def headline_speedup(leg):
    result = headline(leg)
    return med(result, "naive") / med(result, "serializer") if result and result["naive"] else None


def criteria(legs, chart_exists):
    postgres = next((leg for leg in legs if leg["database"]["vendor"] == "postgresql"), None)
    speedup = headline_speedup(postgres) if postgres else None
    same_queries = all(not any("page size" in failure for failure in leg["failures"]) for leg in legs)
    return [
        (
            "queries per request are the same for pages of 10 and 100 in every scenario, on the serializer "
            f"path and the store path ({', '.join(leg['database']['name'] for leg in legs)})",
            same_queries,
        ),
        (
            f"speed-up of the serializer path over the naive baseline for `{HEADLINE}` on PostgreSQL ≥ "
            f"{TARGET_SPEEDUP}×: "
            + (f"{speedup:.1f}×" if speedup else "no PostgreSQL leg"),
            bool(speedup and speedup >= TARGET_SPEEDUP),
        ),
        ("`bench/results.md` and `bench/chart.png` exist", chart_exists),
    ]


def gc_note(leg):
    process = leg.get("process")
    if not process:
        return ""
    threshold = ", ".join(str(n) for n in process["gc_threshold"])
    return f" (garbage collector thresholds {threshold}, {process['gc_frozen']:,} objects frozen)"


def dataset_line(leg):
    data = leg["dataset"]
    also = f"; {data['also']}" if data.get("also") else ""
    return (
        f"scale {data['scale']}, seed {data['seed']}: {data['spacecraft']:,} spacecraft, "
        f"{data['spacecraft_flights']:,} flights, {data['docking_events']:,} docking events "
        f"({data['summary']}{also}; {data['seconds']:.0f} s in all)"
    )


def store_note(legs):
    """What the store path was in the code measured."""
    states = {(leg.get("representation_store") or {}).get("defined") for leg in legs}
    if states == {True}:
        default = legs[0]["representation_store"]["default"]
        return f"The code measured has the setting (its default: `{default}`)."
    return (
        "**The code measured has no `REPRESENTATION_STORE` setting**: the override is ignored, the store path "
        "is the serializer path again, and the two differ by noise only."
    )


def store_origin(legs):
    """How the store was filled before the scenarios, in the words of the method."""
    if all(leg.get("store") for leg in legs):
        return "the two builds left the store (see *The store* below)."
    return "`generate_data` left the store (see the data set above)."


def method(legs):
    """The paragraphs that say how each figure was measured."""
    middleware = legs[0].get("middleware") or []
    listed = ", ".join(f"`{name.rsplit('.', 1)[-1]}`" for name in middleware) or "the project's middleware"
    return [
        "Each request is measured in Django, in this process and without network or test client: built by "
        "`django.test.RequestFactory` (`Host: localhost`, `Accept: application/json`) and answered by "
        "`django.core.handlers.base.BaseHandler` after `load_middleware()`, so through the project's full "
        f"middleware ({listed}). The time of a request runs from `get_response` until its body is complete "
        "(`.content`); building the request and closing the response are not timed. Each scenario measures, "
        "one after the other:",
        "",
        "- **serializer path**: ours with `REPRESENTATION_STORE=False` (`django.test.override_settings`): every "
        "response built by the DRF serializers. One untimed warm-up request, one untimed request that counts "
        "the SQL queries, then as many timed requests as fit in about 1.5 s (*n*, at most 200), after a full "
        "garbage collection (so is every timed series: the garbage of one series is not collected during "
        "the next), then untimed requests with each query timed (as many as fit in about 0.5 s, 3 to 21) for "
        "the time in SQL. The queries counted include, on PostgreSQL, the connection health check that Django "
        "runs before a request's first query, which the project's backend makes read the store's data version.",
        "- **store path**: the same with `REPRESENTATION_STORE=True`, the stored representations, as "
        + store_origin(legs)
        + " "
        + store_note(legs)
        + " Its timed requests are those of a worker that has answered the same request before at the same "
        "data version: what it remembers of the store (`STORE_MEMORY_MB`) answers them.",
        "- **store path without worker memory**: the same with `STORE_MEMORY_MB=0`, as a worker's first "
        "request for it: the data version, the count and page ids, and every fragment read from the store "
        "(in one recursive query), each time.",
        "- **Django floor**: the same request through the same handler and middleware, resolved with a "
        "bench-only URL conf (`bench/floor_urls.py`, set as the request's `urlconf`) whose one view returns the "
        "serializer path's body, stored beforehand, as `HttpResponse(body, content_type=\"application/json\")`. "
        "It is what Django itself costs to answer those bytes: request, URL resolution, every middleware "
        "(`ConditionalGetMiddleware` hashes the body for its `ETag`), with no view of ours, no query and no "
        "serializer. No Django server can answer faster.",
        "- **orjson floor**: the time `orjson.dumps` takes to encode the same body (parsed back from ours), "
        "with no request at all, in a process of its own whose heap holds only that body's objects "
        "(`bench/orjson_floor.py`): what no Python server can beat for that body.",
        "- **naive**: the serializer path with `ModeViewSet.eager_loading = False` (no `select_related`, no "
        "prefetching), each request counted. Measured for the pages of 10, single objects and the pages of 100 "
        "of spacecraft (normal and detailed) and detailed docking events; the other pages of 100 take seconds "
        "each naively and show *—*.",
        "",
        "*path ÷ floor* is the ratio of the medians: 1× would be a response as cheap as the floor. "
        "*naive ÷ serializer* is the speed-up that eager loading gives. The measuring process is set up like "
        "a production worker, by importing `lldapi.wsgi`" + gc_note(legs[0]) + ".",
        "",
    ]


def render_markdown(legs, info, run_seconds, chart_exists):
    out = [
        "# Benchmark",
        "",
        "Generated by `make bench` (`bench/run.py`); do not edit by hand. Chart: [chart.png](chart.png).",
        "",
        f"- date: {info['date']}, run time {run_seconds / 60:.1f} min",
        f"- code: {tree_line(legs)}",
        f"- machine: {info['cpu']}, {info['cores']} cores, {info['memory']} memory, {info['os']}",
        f"- software: Python {info['python']}, Django {info['django']}, DRF {info['drf']}, "
        f"gunicorn {info['gunicorn']}; {info['databases']}",
        f"- data set: {dataset_line(legs[0])}, generated afresh in each database",
        "",
        *method(legs),
        "## Near the floor",
        "",
        "Median time per request on each path ÷ the Django floor's for the same bytes (the full tables below):",
        "",
        glance_table(legs),
        "",
        *store_section(legs),
    ]
    for leg in legs:
        out += [
            f"## {leg['database']['name']} {leg['database']['version']}",
            "",
            scenario_table(leg),
            "",
            "Queries per request:",
            "",
            queries_table(leg),
            "",
            "Time in SQL per request: the median, over requests answered after the timed ones with each query "
            "timed, of the time spent executing queries (on PostgreSQL, their round trips to the server "
            "included; for the health check that the view sends ahead, the wait for its answer once the "
            "request needs it), and its share of the path's median request:",
            "",
            sql_table(leg),
            "",
        ]
    out += ["## Done criteria", ""]
    out += [f"- [{'x' if met else ' '}] {text}" for text, met in criteria(legs, chart_exists)]
    failures = [f"{leg['database']['name']}: {failure}" for leg in legs for failure in leg["failures"]]
    out += [
        "",
        "Checks: "
        + (
            "; ".join(failures)
            if failures
            else "every list scenario makes the same number of queries for pages of 10 and 100 on each path, "
            "the store path's and every naive response body are byte for byte the serializer path's, and in "
            "the soak every request and every import succeeded and no worker was replaced."
        ),
        "",
    ]
    out += ["## Where the time goes", ""]
    out += profile_sections(legs)
    out += [
        "The profiles are in `bench/work/profile-*.prof` (and `.prof.txt`, the top 40 by cumulative time) after a run.",
        "",
        "## Over HTTP",
        "",
    ]
    http = next((leg["http"] for leg in legs if leg["http"]), None)
    if http:
        out += [
            f"Production server: {http['server']}, {http['workers']} workers, persistent database connections "
            f"(`CONN_MAX_AGE=600`), `DEBUG` off; one server per path in turn (`bench/http_settings.py`: the "
            "project's settings with `REPRESENTATION_STORE` on or off), the API root first on each, so that "
            "each scenario's share of the API root's requests per second compares two figures of the same "
            f"server. Load generator: **{http['tool']}**, {http['duration_s']} s per scenario after "
            f"{http['warmup_s']} s of discarded warm-up, no `Accept-Encoding` (uncompressed bodies). Latencies "
            f"include the time a request waits for a free worker: {http['connections']} connections share "
            f"{http['workers']} synchronous workers.",
            "",
            http_table(legs),
            "",
        ]
    out += soak_section(legs, info)
    out += imports_report.section(legs, info)
    out += [
        "## How to read this",
        "",
        f"- This machine has {info['cores']} cores and is shared: absolute figures are noisy from one run to the "
        "next. Read the ratios (path ÷ floor, speed-up, share of the API root, queries), which were measured "
        "in the same run, side by side, more than the milliseconds.",
        "- Both floors answer the serializer path's bytes. The Django floor's response carries no `ETag` of its "
        "own, so `ConditionalGetMiddleware` hashes its body (MD5) for one, as it does any such response; on "
        "pages of megabytes that hash is most of the floor, and a view that sets its own `ETag` skips it and "
        "can come under the floor. The orjson floor is the encoding alone.",
        "- Over HTTP the load generator runs on the same cores as the server's 2 workers (and PostgreSQL): "
        "it competes with them for CPU, so requests per second are a lower bound of what 2 dedicated cores "
        "would serve. The trivial endpoint (DRF's API root: full middleware, no query) is the ceiling of this "
        "server on this machine.",
        "- p95 over few samples (see *n*) is close to the maximum. The naive baseline's figures include a "
        "query-counting hook (about a microsecond per query).",
        "- Response sizes are uncompressed; clients that send `Accept-Encoding: gzip` get them compressed.",
        "",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- chart


def render_chart(legs, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [result["label"] for result in legs[0]["scenarios"]]
    series = [
        ("naive (no eager loading)", "#e07b39", "naive"),
        ("serializer path", "#2f6db5", "serializer"),
        ("store path", "#2a9d5c", "store"),
        ("store path without worker memory", "#8cc9a3", "store_unremembered"),
        ("Django floor", "#6b6b6b", "django_floor"),
        ("orjson floor", "#b5b5b5", "orjson_floor"),
    ]
    height = 0.8 / len(series)
    size = (7.5 * len(legs), 0.62 * len(labels) + 2)
    figure, axes = plt.subplots(1, len(legs), figsize=size, sharey=True, squeeze=False, layout="constrained")
    for axis, leg in zip(axes[0], legs, strict=True):
        results = {result["label"]: result for result in leg["scenarios"]}
        rows = range(len(labels))
        for index, (name, color, variant) in enumerate(series):
            offset = (index - (len(series) - 1) / 2) * height
            values = [(med(results[label], variant) or 0) * 1e3 for label in labels]
            axis.barh([row + offset for row in rows], values, height=height, color=color, label=name)
            if variant in PATH_NAMES:
                for row, label in zip(rows, labels, strict=True):
                    result = results[label]
                    over = med(result, variant) / med(result, "django_floor")
                    axis.text(values[row] * 1.15, row + offset, f"{over:.1f}×", va="center", fontsize=6)
        axis.set_xscale("log")
        axis.set_yticks(list(rows), labels)
        axis.grid(axis="x", which="major", alpha=0.3)
        axis.set_xlabel("median time per request in Django, ms (log scale)")
        axis.set_title(f"{leg['database']['name']} {leg['database']['version']}")
        axis.set_xlim(right=axis.get_xlim()[1] * 4)
    axes[0][0].set_ylim(len(labels) - 0.5, -0.5)  # once, top to bottom: the panels share their y axis
    axes[0][0].legend(loc="upper left", bbox_to_anchor=(0, -1.4 / len(labels)), ncol=3, fontsize=8)
    figure.suptitle(
        f"lldapi: each path of ours beside the floors, {dataset_line(legs[0]).split(' (')[0]}\n"
        "× beside a path: its median ÷ the Django floor's",
        fontsize=10,
    )
    figure.savefig(path, dpi=110, bbox_inches="tight")  # with the legend below the panels
    plt.close(figure)
