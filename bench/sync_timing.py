"""`manage.py sync_ll2` into an empty database, in a process of its own, timed line by line: with its
output on a pipe it prints a line per page, so that the moment each line arrives gives each page's
seconds (fetch and import). The upstream server's access log gives the part spent serving the pages."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from statistics import median

PAGE_LINE = re.compile(r"^(?P<path>[\w/]+): (?P<records>\d+) of (?P<count>\d+) records$")
THROTTLE_LINE = re.compile(r"^\S+: (?P<throttle>.+) \(counted as .*\)$")
SUMMARY_LINE = re.compile(r"^(?P<calls>\d+) calls, (?P<pages>\d+) pages imported$")
KIND_LINE = re.compile(
    r"^\s+(?P<kind>.+): (?P<created>\d+) created, (?P<updated>\d+) updated, (?P<unchanged>\d+) unchanged$"
)
# What sync_ll2 logs when the upstream's throttle makes it wait (lldapi/upstream.py).
WAIT_LINES = ("rate limit: ", ", LL2 asks to wait ")
# An access log line of gunicorn with lldapi/gunicorn.py's format: the request, its status, its user agent
# and its time in milliseconds.
ACCESS_LINE = re.compile(
    r'"GET /2\.3\.0/(?P<path>[^? ]*?)/?(?:\?\S*)? HTTP/[\d.]+" (?P<status>\d{3}) .*"(?P<agent>[^"]*)" (?P<ms>\d+)ms$'
)
PAGE_SIZE = 100  # records per page of a sync (lldapi/sync.py)
TIMEOUT = 3600  # seconds; a sync still running then is stopped and the section fails


class SyncOutput:
    """What the sync printed, read as it comes: the throttle it read, its waits, each endpoint's pages
    (records and seconds since the line before), then its calls, pages and the rows it created."""

    def __init__(self, progress):
        self.progress = progress
        self.endpoints, self.kinds, self.waits = {}, {}, []
        self.throttle, self.calls, self.pages = None, None, None
        self.previous = 0.0

    def read(self, moment, line):
        if page := PAGE_LINE.match(line):
            self.page(page["path"], int(page["records"]), int(page["count"]), moment - self.previous)
        elif (throttle := THROTTLE_LINE.match(line)) and self.throttle is None:
            self.throttle = throttle["throttle"]
        elif summary := SUMMARY_LINE.match(line):
            self.calls, self.pages = int(summary["calls"]), int(summary["pages"])
        elif kind := KIND_LINE.match(line):
            self.kinds[kind["kind"]] = {key: int(kind[key]) for key in ("created", "updated", "unchanged")}
        elif any(marker in line for marker in WAIT_LINES):
            self.waits.append(line)
        self.previous = moment

    def page(self, path, records, count, seconds):
        endpoint = self.endpoints.setdefault(path, {"path": path, "pages": [], "records": 0})
        endpoint["pages"].append({"records": records - endpoint["records"], "seconds": seconds})
        endpoint["records"] = records
        if records == count:
            self.finish(endpoint)

    def finish(self, endpoint):
        """An endpoint's total seconds, and the median seconds of its full pages (or of its one page)."""
        pages = endpoint["pages"]
        full = [page for page in pages if page["records"] == PAGE_SIZE] or pages
        endpoint["seconds"] = sum(page["seconds"] for page in pages)
        endpoint["seconds_per_page"] = median(page["seconds"] for page in full)
        if len(pages) > 1:
            records, seconds = endpoint["records"], endpoint["seconds"]
            self.progress(f"    {endpoint['path']}: {records:,} records in {len(pages)} pages, {seconds:.1f} s")

    def figures(self):
        return {
            "throttle": self.throttle,
            "waits": self.waits,
            "calls": self.calls,
            "pages": self.pages,
            "kinds": self.kinds,
            "endpoints": list(self.endpoints.values()),
            "records": sum(endpoint["records"] for endpoint in self.endpoints.values()),
            "rows_created": sum(kind["created"] for kind in self.kinds.values()),
        }


def stop(process):
    """End the sync's process group, if it still runs."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def run_timed(command, root, env, log_path, on_line, timeout=TIMEOUT):
    """Run `command`, its stderr with its stdout, giving each line to `on_line` with the seconds since the
    start as it comes (and writing both to `log_path`); returns its exit status and last lines."""
    start = time.perf_counter()
    last = []
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, stop, [process])
        timer.start()
        try:
            for line in process.stdout:
                moment = time.perf_counter() - start
                log.write(f"{moment:9.3f} {line}")
                last = [*last[-9:], line.rstrip("\n")]
                on_line(moment, line.rstrip("\n"))
            process.wait()
        finally:
            timer.cancel()
            stop(process)
    return process.returncode, last


def sync_environment(database_url):
    """The leg's environment with the synced database, the representation store on (the default), no
    API token and unbuffered output (so that each line arrives when it is printed)."""
    env = {key: value for key, value in os.environ.items() if key not in ("LL2_API_TOKEN", "LL2_BASE_URL")}
    env.update(DATABASE_URL=database_url, REPRESENTATION_STORE="1", PYTHONUNBUFFERED="1")
    return env


def run_sync(root, database_url, base_url, log_path, progress):
    """`sync_ll2 --base-url base_url` into the (empty) database of `database_url`: its figures."""
    command = [sys.executable, "manage.py", "sync_ll2", "--base-url", base_url]
    output = SyncOutput(progress)
    start = time.perf_counter()
    status, last = run_timed(command, root, sync_environment(database_url), log_path, output.read)
    seconds = time.perf_counter() - start
    if status != 0:
        tail = "\n".join(last)
        raise RuntimeError(f"sync_ll2 exited with status {status} after {seconds:.0f} s ({log_path}):\n{tail}")
    return {"seconds": seconds, **output.figures()}


def served_seconds(access_log, agent):
    """{endpoint path: seconds the server took to answer its pages} for the requests of user agent `agent`."""
    served = defaultdict(float)
    with open(access_log) as log:
        for line in log:
            if (access := ACCESS_LINE.search(line)) and access["agent"] == agent:
                served[access["path"]] += int(access["ms"]) / 1e3
    return dict(served)
