"""In-Django measurements of one scenario: SQL queries, time per request, response size, the orjson
floor and the naive baseline (the same serializers with `ModeViewSet.eager_loading` off).

Requests go through `django.test.Client`: the full middleware stack, in this process, no network.
"""

import cProfile
import gc
import io
import pstats
import re
import time
from contextlib import contextmanager
from unittest import mock

import orjson
from django.db import connection
from django.test import Client

from lldapi.api.modes import ModeViewSet

ACCEPT_JSON = {"HTTP_ACCEPT": "application/json"}
FROM_TABLE = re.compile(r'\bFROM "?(\w+)')

# Repetitions per scenario: as many as fit in the budget (seconds), within these bounds. The first
# request of each scenario is a warm-up that also counts the queries; it is not timed.
OURS_BUDGET, OURS_MIN, OURS_MAX = 1.5, 3, 25
NAIVE_BUDGET, NAIVE_MIN, NAIVE_MAX = 1.5, 1, 10
FLOOR_MIN = 20


class BenchError(Exception):
    pass


class QueryCounter:
    """A database execute wrapper that counts queries, their main tables and the time spent executing them."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.tables = {}

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


@contextmanager
def naive_baseline():
    """Serve with the same serializers but no eager loading at all."""
    with mock.patch.object(ModeViewSet, "eager_loading", False):
        yield


def get_body(client, url):
    response = client.get(url, **ACCEPT_JSON)
    if response.status_code != 200:
        raise BenchError(f"GET {url} answered {response.status_code}: {response.content[:200]!r}")
    return response.content


def counted_get(client, url):
    """One request with its queries counted: (body, QueryCounter, seconds)."""
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        body = get_body(client, url)
        elapsed = time.perf_counter() - start
    return body, counter, elapsed


def timed_gets(client, url, reps):
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        get_body(client, url)
        samples.append(time.perf_counter() - start)
    return samples


def reps_within(budget, seconds_per_rep, low, high):
    return max(low, min(high, int(budget / max(seconds_per_rep, 1e-9))))


def orjson_floor(body, reps):
    """Seconds to encode the same response body with orjson, `reps` times."""
    data = orjson.loads(body)
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        orjson.dumps(data)
        samples.append(time.perf_counter() - start)
    return samples


def measure_ours(client, url, min_reps=OURS_MIN):
    body, counter, warmup = counted_get(client, url)
    samples = timed_gets(client, url, reps_within(OURS_BUDGET, warmup, max(min_reps, OURS_MIN), OURS_MAX))
    return body, counter, samples


def measure_naive(client, url, min_reps=NAIVE_MIN):
    """Naive requests, each counted (the counting hook costs about a microsecond per query).

    The code paths are warm already (our own run of the same serializers came first), so the first
    naive request is timed too; it decides how many more fit in the budget.
    """
    with naive_baseline():
        body, counter, first = counted_get(client, url)
        samples, counts = [first], {counter.count}
        for _ in range(reps_within(NAIVE_BUDGET, first, max(min_reps, NAIVE_MIN), NAIVE_MAX) - 1):
            _, counter, elapsed = counted_get(client, url)
            samples.append(elapsed)
            counts.add(counter.count)
    return body, counts, samples


def measure_scenario(client, scenario):
    url = scenario["url"]
    body, counter, ours = measure_ours(client, url, scenario.get("min_reps", 0))
    floor = orjson_floor(body, max(len(ours), FLOOR_MIN))
    naive_body, naive_counts, naive = measure_naive(client, url, scenario.get("naive_min_reps", 0))
    return {
        **scenario,
        "size_bytes": len(body),
        "queries": counter.count,
        "query_tables": counter.tables,
        "naive_queries": max(naive_counts),
        "naive_queries_stable": len(naive_counts) == 1,
        "same_body_as_naive": naive_body == body,
        "ours_s": ours,
        "floor_s": floor,
        "naive_s": naive,
    }


# Where the time of one request goes, from cProfile: (stage, file suffix, function names). The stages
# are measured under the profiler, which inflates Python calls, so their shares are indicative.
PROFILE_STAGES = [
    ("page query and count (paginate_queryset, minus eager loading)", "lldapi/api/modes.py", ("paginate_queryset",)),
    (
        "eager loading (load_nested: planning, prefetch queries, model instances)",
        "lldapi/api/eager.py",
        ("load_nested",),
    ),
    ("serialization (serializer .data)", "rest_framework/serializers.py", ("data",)),
    ("JSON rendering (JSONRenderer.render)", "rest_framework/renderers.py", ("render",)),
]
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


def profile_request(client, url, dump_path):
    """Where the time of one request goes: SQL time (unprofiled) and stage shares under cProfile.

    Each run starts after a full garbage collection, so that a rare full collection, whose pause
    cProfile would charge to whatever function was allocating, does not land in the profile.
    """
    get_body(client, url)
    gc.collect()
    _, counter, total = counted_get(client, url)
    gc.collect()
    profiler = cProfile.Profile()
    profiler.enable()
    get_body(client, url)
    profiler.disable()
    profiler.dump_stats(dump_path)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    profiled_total = max(entry[3] for entry in stats.stats.values())
    stages = {label: profile_entry(stats, suffix, names)[0] for label, suffix, names in PROFILE_STAGES}
    paginate, eager = list(stages)[:2]
    stages[paginate] = max(0.0, stages[paginate] - stages[eager])
    stages["the rest (middleware; view: get_queryset, get_object, filters)"] = profiled_total - sum(stages.values())
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


def new_client():
    # A host of the default ALLOWED_HOSTS: the test client's own, "testserver", is refused outside the test runner.
    return Client(HTTP_HOST="localhost")
