"""In-Django measurements of one scenario, each variant side by side in the same process:

- the serializer path (`REPRESENTATION_STORE=False`): every response built by the DRF serializers;
- the store path (`REPRESENTATION_STORE=True`): the stored representations (before the setting exists,
  the serializers again);
- the Django floor: the same request through the same handler and middleware, answered by a view that
  returns the serializer path's body as a fixed `HttpResponse` (bench/floor_urls.py);
- the orjson floor: `orjson.dumps` of the same body, no request at all, in a process of its own
  (bench/orjson_floor.py);
- the naive baseline: the serializer path with `ModeViewSet.eager_loading` off.

Requests are built by `django.test.RequestFactory` and answered by `django.core.handlers.base.BaseHandler`
with the project's full middleware (`load_middleware()`): in this process, no network, and no test client,
whose own overhead would hide ours. A request's time is `get_response` until its body is complete
(`.content`); building the request and closing the response are not timed.
"""

import cProfile
import gc
import io
import json
import pstats
import re
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import floor_urls
from django.core.handlers.base import BaseHandler
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import set_urlconf

from lldapi.api.modes import ModeViewSet

# A host of the default ALLOWED_HOSTS: the test client's own, "testserver", is refused outside the test runner.
REQUESTS = RequestFactory(HTTP_HOST="localhost", HTTP_ACCEPT="application/json")
# The Django floor's URL conf, as a request's `urlconf` attribute (bench/ is on sys.path, as it is for
# the bench's other modules, so that this is the module whose BODIES measure.py fills).
FLOOR_URLCONF = "floor_urls"
FROM_TABLE = re.compile(r'\bFROM "?(\w+)')
# The paths of "ours" and the settings each is served with: the serializers; the representation store
# as a worker serves a request it has answered before at the same data version (from its memory); and
# the store with no worker memory, as for a worker's first request (every fragment read from the
# database, every list queried).
PATHS = {
    "serializer": {"REPRESENTATION_STORE": False},
    "store": {"REPRESENTATION_STORE": True},
    "store_unremembered": {"REPRESENTATION_STORE": True, "STORE_MEMORY_MB": 0},
}

# Repetitions per scenario: as many as fit in the budget (seconds), within these bounds. Each path of
# ours gets one untimed warm-up request, then one untimed request that counts its queries, then these.
OURS_BUDGET, OURS_MIN, OURS_MAX = 1.5, 3, 200
NAIVE_BUDGET, NAIVE_MIN, NAIVE_MAX = 1.5, 1, 10
# The floors get at least as many repetitions as the path of ours that got the most, and at least this.
FLOOR_MIN = 20
# After its timed requests, each path of ours answers as many more, each with its queries timed, as fit in
# this budget (seconds), within these bounds: the time its requests spend in SQL, apart from the timed
# ones (whose times the timing hook would add to).
SQL_BUDGET, SQL_MIN, SQL_MAX = 0.5, 3, 21


class BenchError(Exception):
    pass


class QueryCounter:
    """A database execute wrapper that counts queries (an `executemany` once), their main tables, their
    statements by first word and the time spent executing them."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.tables = {}
        self.statements = Counter()

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - start
            match = FROM_TABLE.search(sql)
            table = match.group(1) if match else "?"
            self.tables[table] = self.tables.get(table, 0) + 1
            self.statements[sql.split(None, 1)[0].upper()] += 1


def new_handler():
    """A request handler with the project's full middleware, as the WSGI handler builds it."""
    handler = BaseHandler()
    handler.load_middleware()
    return handler


@contextmanager
def served_by(path):
    """Serve on one path of ours, a key of PATHS (settings the code may not know yet: then every path is
    the serializers)."""
    with override_settings(**PATHS[path]):
        yield


@contextmanager
def naive_baseline():
    """Serve with the same serializers but no eager loading at all."""
    with served_by("serializer"), mock.patch.object(ModeViewSet, "eager_loading", False):
        yield


def send(handler, url, urlconf=None):
    """One GET through the handler: (body, seconds from `get_response` to the complete body)."""
    request = REQUESTS.get(url)
    if urlconf is not None:
        request.urlconf = urlconf
    start = time.perf_counter()
    response = handler.get_response(request)
    body = response.content
    elapsed = time.perf_counter() - start
    response.close()
    if response.status_code != 200:
        raise BenchError(f"GET {url} answered {response.status_code}: {body[:200]!r}")
    return body, elapsed


def get_body(handler, url):
    return send(handler, url)[0]


def counted_send(handler, url):
    """One request with its queries counted: (body, QueryCounter, seconds)."""
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        body, elapsed = send(handler, url)
    return body, counter, elapsed


def timed_sends(handler, url, reps, urlconf=None):
    """Seconds of `reps` requests, after a full garbage collection: the garbage of what ran before (the
    serializer path's megabytes) is not collected during them."""
    gc.collect()
    return [send(handler, url, urlconf)[1] for _ in range(reps)]


def reps_within(budget, seconds_per_rep, low, high):
    return max(low, min(high, int(budget / max(seconds_per_rep, 1e-9))))


def measure_path(handler, url, path, min_reps=OURS_MIN):
    """One path of ours: a warm-up, a counted request, timed ones, then requests whose queries are timed.
    Returns (body, figures)."""
    with served_by(path):
        get_body(handler, url)
        body, counter, seconds = counted_send(handler, url)
        samples = timed_sends(handler, url, reps_within(OURS_BUDGET, seconds, max(min_reps, OURS_MIN), OURS_MAX))
        sql = [counted_send(handler, url)[1].seconds for _ in range(reps_within(SQL_BUDGET, seconds, SQL_MIN, SQL_MAX))]
    return body, {"queries": counter.count, "query_tables": counter.tables, "seconds": samples, "sql_seconds": sql}


def django_floor(handler, url, body, reps):
    """Seconds to answer the same request with the same bytes through the same handler and middleware,
    from a view that returns them as they are (bench/floor_urls.py), after one untimed warm-up."""
    key = REQUESTS.get(url).get_full_path()
    floor_urls.BODIES[key] = body
    try:
        answered, _ = send(handler, url, FLOOR_URLCONF)
        if answered != body:
            raise BenchError(f"the Django floor of {url} answered other bytes than ours")
        return timed_sends(handler, url, reps, FLOOR_URLCONF)
    finally:
        del floor_urls.BODIES[key]
        set_urlconf(None)


def orjson_floor(body, reps):
    """Seconds to encode the same response body with orjson, `reps` times, in a process of its own."""
    encoder = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("orjson_floor.py")), str(reps)],
        input=body, capture_output=True, check=True,
    )
    return json.loads(encoder.stdout)


def measure_naive(handler, url, min_reps=NAIVE_MIN):
    """Naive requests, each counted (the counting hook costs about a microsecond per query).

    The code paths are warm already (our own run of the same serializers came first), so the first
    naive request is timed too; it decides how many more fit in the budget.
    """
    with naive_baseline():
        body, counter, first = counted_send(handler, url)
        samples, counts = [first], {counter.count}
        for _ in range(reps_within(NAIVE_BUDGET, first, max(min_reps, NAIVE_MIN), NAIVE_MAX) - 1):
            _, counter, elapsed = counted_send(handler, url)
            samples.append(elapsed)
            counts.add(counter.count)
    return body, counts, samples


def measure_scenario(handler, scenario):
    """The paths of ours, both floors and (unless the scenario says `naive: False`) the naive baseline.
    The floors answer the serializer path's body."""
    url = scenario["url"]
    body, serializer = measure_path(handler, url, "serializer", scenario.get("min_reps", 0))
    store_body, store = measure_path(handler, url, "store", scenario.get("min_reps", 0))
    unremembered_body, unremembered = measure_path(handler, url, "store_unremembered", scenario.get("min_reps", 0))
    floor_reps = max(len(serializer["seconds"]), len(store["seconds"]), FLOOR_MIN)
    result = {
        **scenario,
        "size_bytes": len(body),
        "store_size_bytes": len(store_body),
        "same_body_as_store": store_body == body == unremembered_body,
        "paths": {"serializer": serializer, "store": store, "store_unremembered": unremembered},
        "django_floor_s": django_floor(handler, url, body, floor_reps),
        "orjson_floor_s": orjson_floor(body, floor_reps),
        "naive": None,
    }
    if scenario.get("naive", True):
        naive_body, naive_counts, naive = measure_naive(handler, url, scenario.get("naive_min_reps", 0))
        result["naive"] = {
            "queries": max(naive_counts),
            "queries_stable": len(naive_counts) == 1,
            "same_body": naive_body == body,
            "seconds": naive,
        }
    return result


# Where the time of one request goes, from cProfile: (stage, file suffix, function names), each the
# largest cumulative time of the functions named. The stages are measured under the profiler, which
# inflates Python calls, so their shares are indicative; a stage whose functions a path does not call
# (or no longer has) is 0% and its time, if any, is in the rest.
PROFILE_STAGES = [
    ("page query and count (paginator.paginate_queryset)", "rest_framework/pagination.py", ("paginate_queryset",)),
    (
        "eager loading (load_nested: planning, prefetch queries, model instances)",
        "lldapi/api/eager.py",
        ("load_nested",),
    ),
    ("serialization (serializer .data)", "rest_framework/serializers.py", ("data",)),
    ("JSON rendering (JSONRenderer.render)", "renderers.py", ("render",)),
    ("store: reading fragments and the ids of their holes (assembly.py load)", "lldapi/store/assembly.py", ("load",)),
    ("store: assembling the JSON from fragments (assembly.py json)", "lldapi/store/assembly.py", ("json",)),
]
REST = "the rest (middleware; the view: get_queryset, get_object, filters)"
TOP_FUNCTIONS = 6
# Costs that cut across the stages above.
PROFILE_ACROSS = [
    ("planning eager loading from the serializer tree (eager.loading_plan)", "lldapi/api/eager.py", ("loading_plan",)),
    ("building serializer fields (DRF ModelSerializer.get_fields)", "rest_framework/serializers.py", ("get_fields",)),
]


def profile_entry(stats, suffix, names):
    """(cumulative seconds, calls) of the named functions, the largest cumulative first."""
    entries = [
        (entry[3], entry[1])
        for (filename, _, function), entry in stats.stats.items()
        if filename.endswith(suffix) and function in names
    ]
    return max(entries, default=(0.0, 0))


def profile_request(handler, url, path, dump_path):
    """Where the time of one request on one path goes: SQL time (unprofiled) and stage shares under cProfile.

    Each run starts after a full garbage collection, so that a rare full collection, whose pause
    cProfile would charge to whatever function was allocating, does not land in the profile.
    """
    with served_by(path):
        get_body(handler, url)
        gc.collect()
        _, counter, total = counted_send(handler, url)
        gc.collect()
        profiler = cProfile.Profile()
        profiler.enable()
        get_body(handler, url)
        profiler.disable()
    profiler.dump_stats(dump_path)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    profiled_total = max(entry[3] for entry in stats.stats.values())
    stages = {label: profile_entry(stats, suffix, names)[0] for label, suffix, names in PROFILE_STAGES}
    stages[REST] = max(0.0, profiled_total - sum(stages.values()))
    across = []
    for label, suffix, names in PROFILE_ACROSS:
        seconds, calls = profile_entry(stats, suffix, names)
        across.append({"stage": label, "share": seconds / profiled_total, "calls": calls})
    top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:TOP_FUNCTIONS]
    own = [
        {"function": function_name(key), "calls": entry[1], "share": entry[2] / profiled_total} for key, entry in top
    ]
    stats.sort_stats("cumulative").print_stats(40)
    with open(f"{dump_path}.txt", "w") as out:
        out.write(text.getvalue())
    return {
        "url": url,
        "path": path,
        "total_s": total,
        "queries": counter.count,
        "sql_s": counter.seconds,
        "profiled_total_s": profiled_total,
        "stages": [{"stage": label, "share": seconds / profiled_total} for label, seconds in stages.items()],
        "across": across,
        "own_time": own,
    }


def function_name(key):
    """`package/module.py:line(function)`, shortened to the last two path components."""
    filename, line, function = key
    if filename == "~":
        return function
    return f"{'/'.join(filename.split('/')[-2:])}:{line}({function})"
