"""The soak: the production server with its default number of workers under a mix of reads for a minute
at 50 connections, with imports writing to the database in the middle of the run when it is given pages
to import. Reports the load generator's figures, the imports, the responses per second before, during and
after the imports, and each worker's resident memory before and after the run.
"""

import itertools
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import http_load

DURATION = 60  # seconds of load
CONNECTIONS = 50
WARMUP = 5  # seconds of the same load before the run, so that every worker has booted and served the mix
IMPORTS_FROM, IMPORTS_UNTIL = 20, 40  # seconds into the run: no import starts outside this window
IMPORT_TIMEOUT = 120  # seconds; an import taking longer is stopped and counted as failed


def worker_memory(master_pid):
    """{pid: resident memory in KiB} of the gunicorn master's worker processes, from /proc."""
    workers = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines())
        except OSError:  # the process ended while we looked
            continue
        if int(fields["PPid"]) == master_pid:
            workers[int(status.parent.name)] = int(fields["VmRSS"].split()[0])
    return workers


def import_in_turn(root, pages, started, imports):
    """From IMPORTS_FROM to IMPORTS_UNTIL seconds after `started` (time.time()), runs `manage.py import_ll2`
    of each page in turn, one after the other; appends each import's start, duration and outcome."""
    time.sleep(max(0.0, started + IMPORTS_FROM - time.time()))
    for page in itertools.cycle(pages):
        begun = time.time()
        if begun >= started + IMPORTS_UNTIL:
            return
        command = [sys.executable, "manage.py", "import_ll2", str(page)]
        try:
            result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=IMPORT_TIMEOUT)
            ok, output = result.returncode == 0, result.stdout + result.stderr
        except subprocess.TimeoutExpired:
            ok, output = False, f"stopped after {IMPORT_TIMEOUT} s"
        imports.append({"at": begun, "seconds": time.time() - begun, "ok": ok, "output": output[-2000:]})


ACCESS_LINE = re.compile(r'^\S+ \S+ \S+ \[([^\]]+)\] "[^"]*" (\d{3}) ')


def responses_by_second(log_path):
    """(responses, non-2xx responses) per second (Unix time) from gunicorn's access log, which logs a
    response once it is sent, to the second."""
    responses, non_2xx = Counter(), Counter()
    with open(log_path) as log:
        for line in log:
            match = ACCESS_LINE.match(line)
            if match:
                second = int(datetime.strptime(match.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp())
                responses[second] += 1
                non_2xx[second] += not match.group(2).startswith("2")
    return responses, non_2xx


def phases(log_path, started, imports):
    """Responses per second and non-2xx responses before, during and after the imports (whole seconds)."""
    responses, non_2xx = responses_by_second(log_path)
    first, last = imports[0]["at"], imports[-1]["at"] + imports[-1]["seconds"]
    bounds = [
        ("before the imports", started, first),
        ("during the imports", first, last),
        ("after the imports", last, started + DURATION),
    ]
    result = []
    for label, begin, end in bounds:
        seconds = range(round(begin), round(end))
        count = sum(responses[second] for second in seconds)
        result.append(
            {
                "phase": label,
                "seconds": len(seconds),
                "rps": count / len(seconds) if seconds else 0.0,
                "non_2xx": sum(non_2xx[second] for second in seconds),
            }
        )
    return result


def run_soak(root, paths, import_pages, log_path, progress=print):
    """The soak against a new production server; imports `import_pages` in turn during the run if any."""
    name, run = http_load.load_generator(CONNECTIONS)
    imports = []
    with http_load.production_server(root, log_path, workers=None) as (base_url, master):
        run(base_url, paths, WARMUP, CONNECTIONS)
        http_load.wait_until_idle(base_url, workers=len(worker_memory(master)))
        before = worker_memory(master)
        started = time.time()
        importer = None
        if import_pages:
            importer = threading.Thread(target=import_in_turn, args=(root, import_pages, started, imports))
            importer.start()
        figures = run(base_url, paths, DURATION, CONNECTIONS)
        if importer:
            importer.join()
        http_load.wait_until_idle(base_url, workers=len(before))
        after = worker_memory(master)
    result = {
        "tool": name,
        "duration_s": DURATION,
        "warmup_s": WARMUP,
        "connections": CONNECTIONS,
        "paths": paths,
        **figures,
        "workers": [
            {"pid": pid, "rss_kib_before": kib, "rss_kib_after": after.get(pid)} for pid, kib in sorted(before.items())
        ],
        "workers_replaced": set(before) != set(after),
        "imports": imports,
        "imports_window_s": [IMPORTS_FROM, IMPORTS_UNTIL],
        "phases": phases(log_path, started, imports) if imports else None,
    }
    progress(f"  {describe(result)}")
    return result


def errors(result):
    return result["non_2xx"] + result["socket_errors"]


def mib(kib):
    return "gone" if kib is None else f"{kib / 1024:.1f}"


def describe(result):
    memory = ", ".join(
        f"{mib(worker['rss_kib_before'])} → {mib(worker['rss_kib_after'])} MiB" for worker in result["workers"]
    )
    line = (
        f"soak: {result['requests']:,} requests, {errors(result)} errors ({result['server_errors']} 5xx), "
        f"{result['rps']:.1f} req/s, p50 {result['p50_ms']:,.0f} ms, p99 {result['p99_ms']:,.0f} ms; "
        f"workers' RSS {memory}"
    )
    if result["imports"]:
        failed = sum(not entry["ok"] for entry in result["imports"])
        line += f"; {len(result['imports'])} imports, {failed} failed"
    return line


def failures(result):
    """What went wrong in the soak: errors, failed imports, a worker replaced during the run."""
    found = []
    if errors(result):
        found.append(f"soak: {errors(result)} requests failed (non-2xx or socket errors)")
    for entry in result["imports"]:
        if not entry["ok"]:
            last_line = (entry["output"].strip().splitlines() or ["no output"])[-1]
            found.append(f"soak: an import failed: {last_line}")
    if result["workers_replaced"]:
        found.append("soak: a worker was replaced during the run (see the gunicorn log)")
    return found
