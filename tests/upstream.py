"""A stand-in for LL2 on loopback, for the sync tests: LL2's pagination and `/api-throttle/` over
records it holds per endpoint, a sliding-window rate limit on a simulated clock, and faults to inject.
"""

import json
import math
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from django.utils.dateparse import parse_datetime

from lldapi.upstream import Clock


class SimulatedClock(Clock):
    """Seconds that pass only when someone sleeps."""

    def __init__(self):
        self.seconds = 0.0
        self.slept = []

    def now(self):
        return self.seconds

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.seconds += seconds


class LoopbackLL2:
    """LL2's versioned root at `self.base_url`, serving `records` ({endpoint path: [record, ...]}).

    `limit` calls per `period` seconds of `clock` are allowed (None: no limit); `other_use` calls made
    by other clients sharing the address count too. `calls` lists the counted calls as (time, path,
    query); `refused` the 429s served. `fault(path, kind, offset=None)` makes the next call to that
    endpoint (at that offset) fail once: "429", "500", "drop", "slow" (answers after `slow_seconds` of
    real time) or "malformed" (truncated JSON). `throttle_answers` are served in turn by
    `/api-throttle/` before its own.
    """

    def __init__(self, records, clock, limit=None, period=3600):
        self.records = records
        self.clock, self.limit, self.period = clock, limit, period
        self.calls, self.refused, self.other_use = [], [], 0
        self.faults, self.throttle_answers = [], []
        self.authorizations = set()  # the Authorization headers of the calls
        self.slow_seconds = 1.0
        self.on_call = None
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.base_url = f"http://127.0.0.1:{self.server.server_port}/2.3.0"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def fault(self, path, kind, offset=None):
        self.faults.append((path, kind, offset))

    def used(self):
        start = self.clock.now() - self.period
        return self.other_use + sum(1 for moment, _, _ in self.calls if moment > start)

    def next_use_secs(self):
        if self.limit is None or self.used() < self.limit:
            return 0
        window = sorted(moment for moment, _, _ in self.calls)
        oldest = window[-(self.limit - self.other_use)] if self.limit > self.other_use else self.clock.now()
        return max(math.ceil(oldest + self.period - self.clock.now()), 1)

    def calls_to(self, path):
        return [query for _, called, query in self.calls if called == path]

    def answer(self, path, query):
        """(status, headers, body) of a GET."""
        with self.lock:
            if path == "api-throttle":
                if self.throttle_answers:
                    return 200, {}, json.dumps(self.throttle_answers.pop(0))
                # One object of integers, as LL2 answers; without a limit, one that is never reached.
                status = {
                    "your_request_limit": 2**31 - 1 if self.limit is None else self.limit,
                    "limit_frequency_secs": self.period,
                    "current_use": self.used(),
                    "next_use_secs": self.next_use_secs(),
                    "ident": "127.0.0.1",
                }
                return 200, {}, json.dumps(status)
            if self.limit is not None and self.used() >= self.limit:
                wait = self.next_use_secs()
                self.refused.append((self.clock.now(), path))
                detail = {"detail": f"Request was throttled. Expected available in {wait} seconds."}
                return 429, {"Retry-After": str(wait)}, json.dumps(detail)
            self.calls.append((self.clock.now(), path, query))
            fault = self.take_fault(path, query)
        if self.on_call:
            self.on_call(path, query)
        if fault == "429":
            return 429, {"Retry-After": "30"}, '{"detail": "Request was throttled. Expected available in 30 seconds."}'
        if fault == "500":
            return 500, {}, '{"detail": "Internal server error"}'
        if fault in ("drop", "slow"):
            return fault, {}, ""
        body = self.page(path, query)
        if body is None:
            return 404, {}, '{"detail": "No Launch matches the given query."}'
        text = json.dumps(body)
        return 200, {}, text[: len(text) // 2] if fault == "malformed" else text

    def take_fault(self, path, query):
        for index, (fault_path, kind, offset) in enumerate(self.faults):
            if fault_path == path and offset in (None, int(query.get("offset", 0))):
                del self.faults[index]
                return kind
        return None

    def page(self, path, query):
        if path not in self.records:
            return None
        records = self.records[path]
        if isinstance(records, dict):  # one object of lists
            return records
        since = query.get("last_updated__gte")
        if since:
            moment = parse_datetime(since)
            records = [record for record in records if parse_datetime(record["last_updated"]) >= moment]
            records = sorted(records, key=lambda record: record["last_updated"])
        limit, offset = min(int(query.get("limit", 10)), 100), int(query.get("offset", 0))

        def link(at):
            return f"{self.base_url}/{path}/?" + "&".join(
                f"{key}={value}" for key, value in {**query, "offset": at, "limit": limit}.items()
            )

        return {
            "count": len(records),
            "next": link(offset + limit) if offset + limit < len(records) else None,
            "previous": link(max(offset - limit, 0)) if offset > 0 else None,
            "results": records[offset : offset + limit],
        }

    def handler(self):
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                upstream.authorizations.add(self.headers.get("Authorization"))
                path = parts.path.removeprefix("/2.3.0/").strip("/")
                status, headers, body = upstream.answer(path, dict(parse_qsl(parts.query)))
                if status == "drop":
                    self.close_connection = True
                    self.connection.close()
                    return
                if status == "slow":
                    time.sleep(upstream.slow_seconds)
                    status, headers, body = 200, {}, json.dumps(upstream.page(path, dict(parse_qsl(parts.query))))
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in headers.items():
                    self.send_header(key, value)
                try:
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the "slow" fault)

            def log_message(self, *args):
                pass

        return Handler


def listing(resource):
    """The first page of `resource` as a sync asks for it, from offset 0, with the server's own page size."""
    from lldapi.sync import list_query, object_query

    if resource.subject is not None:
        return f"{resource.url}?" + "&".join(f"{key}={value}" for key, value in object_query(resource))
    query = [(key, value) for key, value in list_query(resource, 0) if key not in ("limit", "offset")]
    return f"{resource.url}?" + "&".join(f"{key}={value}" for key, value in query)


def upstream_records(client, resources):
    """What LL2 would list, per endpoint, as this server answers it now: every record in the mode a
    sync asks for, in its order; the object of an endpoint of one object (a dashboard)."""
    from .fidelity import all_results, get_json

    return {resource.path: all_results(client, listing(resource)) if resource.subject is None
            else get_json(client, listing(resource)) for resource in resources}
