"""Load over HTTP through the production server: gunicorn with `lldapi/gunicorn.py` on loopback, driven
by wrk (Debian's package) or, when wrk is missing, by a bounded Python client of our own. `measure_http`
runs it on each path of ours in turn (bench/http_settings.py), the API root first each time.
"""

import http.client
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"
WORKERS = 2
DURATION = 10  # seconds per scenario
WARMUP = 2  # seconds of load before each measured run, discarded
CONNECTIONS = 8
THREADS = 2
TIMEOUT = 30  # seconds; wrk's default (2 s) would drop the slow requests from its latencies
MIX_SCRIPT = Path(__file__).resolve().parent / "mix.lua"
# The paths of ours over HTTP, in the order measured: the value of BENCH_REPRESENTATION_STORE for
# bench/http_settings.py (the store path is what production serves once the setting exists).
PATHS = {"store": "1", "serializer": "0"}
HTTP_SETTINGS = "bench.http_settings"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def gunicorn_command():
    script = Path(sys.executable).parent / "gunicorn"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]
    return [*base, "-c", "lldapi/gunicorn.py", "lldapi.wsgi"]


def wait_until_up(base_url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"{base_url}/2.3.0/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {base_url} within {seconds} s")


def stop(process):
    """Stop gunicorn (master and workers: the process group we started) gracefully, then for good."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def production_server(root, log_path, workers=WORKERS, env_extra=None):
    """gunicorn as in production on 127.0.0.1, persistent connections, DEBUG off; `workers=None` leaves
    their number to lldapi/gunicorn.py's default; `env_extra` adds to its environment. Yields the base
    URL and the master's process id."""
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": HOST,
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DEBUG": "0",
        "CONN_MAX_AGE": "600",
    }
    env.pop("WEB_CONCURRENCY", None)
    if workers is not None:
        env["WEB_CONCURRENCY"] = str(workers)
    env.pop("ACCESS_LOG", None)
    env.update(env_extra or {})
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            gunicorn_command(), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            base_url = f"http://{HOST}:{port}"
            wait_until_up(base_url, process)
            yield base_url, process.pid
        finally:
            stop(process)


def wrk_version():
    if not shutil.which("wrk"):
        return None
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    match = re.search(r"wrk (\S+)", result.stdout + result.stderr)
    return f"wrk {match.group(1)}" if match else "wrk"


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def milliseconds(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def parse_wrk(output):
    def find(pattern, default=None):
        match = re.search(pattern, output)
        return match.groups() if match else default

    requests, seconds = find(r"(\d+) requests in ([\d.]+)(?:s|m)")
    socket_errors = find(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", ("0",) * 4)
    figures = {
        "requests": int(requests),
        "rps": float(find(r"Requests/sec:\s+([\d.]+)")[0]),
        "p50_ms": milliseconds(find(r"\s50%\s+([\d.]+\w+)")[0]),
        "p99_ms": milliseconds(find(r"\s99%\s+([\d.]+\w+)")[0]),
        "non_2xx": int(find(r"Non-2xx or 3xx responses: (\d+)", ("0",))[0]),
        "socket_errors": sum(int(n) for n in socket_errors),
    }
    # bench/mix.lua's counts: wrk's own line above leaves out 1xx and 3xx, and has no 5xx.
    mix = find(r"mix: non-2xx (\d+), 5xx (\d+)")
    if mix:
        figures.update(non_2xx=int(mix[0]), server_errors=int(mix[1]))
    return figures


def run_wrk(base_url, paths, duration, connections=CONNECTIONS):
    """wrk on one path, or with bench/mix.lua sending several paths in turn."""
    target = [base_url + paths[0]] if len(paths) == 1 else ["-s", str(MIX_SCRIPT), base_url, "--", *paths]
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{connections}",
        f"-d{duration}s",
        f"--timeout={TIMEOUT}s",
        "--latency",
        "-H",
        "Accept: application/json",
        *target,
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def percentile(samples, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def run_python_client(base_url, paths, duration, connections=CONNECTIONS):
    """A bounded load generator: `connections` threads, each sending requests back to back for
    `duration` (and at most TIMEOUT more for its last one), the paths in turn from its own place."""
    parts = urllib.parse.urlsplit(base_url)
    deadline = time.monotonic() + duration
    latencies, counts, lock = [], {"non_2xx": 0, "server_errors": 0, "socket_errors": 0}, threading.Lock()

    def worker(first):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        mine, my_counts = [], dict.fromkeys(counts, 0)
        index = first
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                connection.request("GET", paths[index % len(paths)], headers={"Accept": "application/json"})
                response = connection.getresponse()
                response.read()
                my_counts["non_2xx"] += not 200 <= response.status < 300
                my_counts["server_errors"] += response.status >= 500
            except (OSError, http.client.HTTPException):
                my_counts["socket_errors"] += 1
                connection.close()
            mine.append(time.perf_counter() - start)
            index += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            for key, count in my_counts.items():
                counts[key] += count

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(number,)) for number in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1e3,
        "p99_ms": percentile(latencies, 0.99) * 1e3,
        **counts,
    }


def load_generator(connections=CONNECTIONS):
    """(name, function) of the load generator this machine has."""
    version = wrk_version()
    if version:
        return f"{version}, {THREADS} threads, {connections} connections", run_wrk
    return f"bench/http_load.py Python client (http.client), {connections} threads", run_python_client


def wait_until_idle(base_url, seconds=120, workers=WORKERS):
    """Waits until the workers have worked off what a load run left queued.

    A sync worker finishes every request it accepted, even one whose client has gone, so a run of slow
    requests leaves a backlog that would eat into the next run. Requests to the trivial endpoint, one
    per worker at once, answer quickly only once nothing older is queued before them.
    """
    deadline = time.monotonic() + seconds

    def probe(latencies):
        start = time.perf_counter()
        with urllib.request.urlopen(f"{base_url}/2.3.0/", timeout=seconds) as response:
            response.read()
        latencies.append(time.perf_counter() - start)

    while time.monotonic() < deadline:
        latencies = []
        threads = [threading.Thread(target=probe, args=(latencies,)) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if len(latencies) == workers and max(latencies) < 0.1:
            return
    raise RuntimeError(f"the server was still busy {seconds} s after a load run")


def measure_http(root, scenarios, log_prefix, progress=print):
    """Each scenario on a server of each path in turn (logs at `<log_prefix>-<path>.log`). The first
    scenario is the ceiling: each result has its share of the ceiling's requests per second, measured
    on the same server."""
    name, run = load_generator()
    results = []
    for path, store in PATHS.items():
        env = {"DJANGO_SETTINGS_MODULE": HTTP_SETTINGS, "BENCH_REPRESENTATION_STORE": store}
        with production_server(root, f"{log_prefix}-{path}.log", env_extra=env) as (base_url, _):
            ceiling = None
            for scenario in scenarios:
                run(base_url, [scenario["url"]], WARMUP)
                wait_until_idle(base_url)
                figures = run(base_url, [scenario["url"]], DURATION)
                wait_until_idle(base_url)
                if ceiling is None:
                    ceiling = figures["rps"]
                share = figures["rps"] / ceiling if ceiling else 0.0
                progress(
                    f"  HTTP {path} path, {scenario['label']}: {figures['rps']:.1f} req/s ({share:.1%} of the "
                    f"API root), p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms"
                )
                results.append({**scenario, "path": path, "ceiling_share": share, **figures})
    return {
        "tool": name,
        "duration_s": DURATION,
        "warmup_s": WARMUP,
        "connections": CONNECTIONS,
        "workers": WORKERS,
        "server": "gunicorn -c lldapi/gunicorn.py lldapi.wsgi (sync workers), 127.0.0.1",
        "paths": list(PATHS),
        "results": results,
    }
