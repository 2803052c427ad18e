"""LL2 itself, as `sync_ll2` reads it: within the rate limit that its `/api-throttle/` reports, waiting
out `429`s for the time LL2 states, retrying server errors, timeouts and dropped connections with
backoff, and never sending a call it knows will be refused."""

import math
import re
import time
from dataclasses import dataclass

import requests

DEFAULT_BASE_URL = "https://ll.thespacedevs.com/2.3.0"
USER_AGENT = "lldapi-sync (an open-source LL2 mirror)"


class UpstreamError(Exception):
    """A call that failed for good, with its URL."""

    def __init__(self, url, message):
        super().__init__(f"{url}: {message}")
        self.url = url


class NotFound(UpstreamError):
    def __init__(self, url):
        super().__init__(url, "404 Not Found")


class Clock:
    """Time as the pacing sees it; the tests give a simulated one."""

    def now(self):
        return time.monotonic()

    def sleep(self, seconds):
        time.sleep(seconds)


@dataclass
class Throttle:
    """LL2's `APIThrottle`: calls allowed per period (null: no limit), used so far, seconds until the
    next call is allowed, and who is counted (an address or a token, which other clients may share)."""

    limit: int | None
    period: int | None
    used: int
    next_use_secs: int
    ident: str

    @property
    def left(self):
        return math.inf if self.limit is None else max(self.limit - self.used, 0)

    @classmethod
    def parse(cls, url, body):
        """LL2's answer, one object; or an array of one, as LL2's published schema has it (and this
        server answered before, with null limits when it had none)."""
        status, where = (body[0], "$[0]") if isinstance(body, list) and len(body) == 1 else (body, "$")
        if not isinstance(status, dict):
            raise UpstreamError(url, "expected an APIThrottle object")
        keys = ("your_request_limit", "limit_frequency_secs", "current_use", "next_use_secs")
        for key in keys:
            value = status.get(key)
            if not (isinstance(value, int) and not isinstance(value, bool) and value >= 0) and not (
                value is None and key in keys[:2]
            ):
                raise UpstreamError(url, f"{where}.{key}: expected a non-negative integer, not {value!r}")
        return cls(*(status[key] for key in keys), str(status.get("ident", "")))


class Upstream:
    """Calls to LL2's versioned API root `base_url`, paced to its throttle.

    `calls` counts the calls that LL2 counts (every call but `/api-throttle/`). Transient failures
    (5xx, timeouts, dropped connections) are retried `retries` times with exponential backoff;
    a `429` waits for the time LL2 states and asks the throttle again.
    """

    def __init__(self, base_url=DEFAULT_BASE_URL, token=None, timeout=30, retries=5, clock=None, log=None):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.retries = timeout, retries
        self.clock = clock or Clock()
        self.log = log or (lambda line: None)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Token {token}"
        self.calls = 0
        self.throttle = None
        # Calls that the throttle said are left, less those sent since.
        self.allowance = 0
        self.refreshed = None

    def url(self, path, query=()):
        encoded = "&".join(f"{key}={value}" for key, value in query)
        return f"{self.base_url}/{path.strip('/')}/" + (f"?{encoded}" if encoded else "")

    def read_throttle(self):
        """Ask LL2 how many calls are left (this call is not counted)."""
        url = self.url("api-throttle")
        response = self.send(url)
        try:
            body = response.json()
        except ValueError:
            raise UpstreamError(url, "the throttle status is not JSON") from None
        self.throttle = Throttle.parse(url, body)
        self.allowance = self.throttle.left
        self.refreshed = self.clock.now()
        return self.throttle

    def wait_for_budget(self):
        """Block until the throttle allows a call."""
        if self.throttle is None:
            self.read_throttle()
        while self.allowance < 1:
            seconds = max(self.throttle.next_use_secs - (self.clock.now() - self.refreshed), 1)
            self.log(f"rate limit: {self.throttle.used} of {self.throttle.limit} calls used, next in {seconds:.0f} s")
            self.clock.sleep(seconds)
            self.read_throttle()

    def seconds_to_next_call(self):
        if self.throttle is None or self.allowance >= 1:
            return 0
        return max(self.throttle.next_use_secs - (self.clock.now() - self.refreshed), 0)

    def get(self, path, query=()):
        """The text of a counted call: a page or an object. A 404 raises NotFound."""
        return self.send(self.url(path, query), counted=True).text

    def send(self, url, counted=False):
        failures = 0
        while True:
            if counted:
                self.wait_for_budget()
                self.allowance -= 1
                self.calls += 1
            try:
                response = self.session.get(url, timeout=self.timeout)
            except (requests.ConnectionError, requests.Timeout) as error:
                problem = f"{type(error).__name__}: {error}"
            else:
                if response.status_code == 429:
                    seconds = retry_after(response)
                    self.log(f"{url}: 429, LL2 asks to wait {seconds} s")
                    self.clock.sleep(seconds)
                    if counted:
                        self.read_throttle()
                    continue
                if response.status_code < 500:
                    if response.status_code == 404:
                        raise NotFound(url)
                    if response.status_code >= 400:
                        raise UpstreamError(url, f"HTTP {response.status_code}: {response.text[:300]}")
                    return response
                problem = f"HTTP {response.status_code}"
            failures += 1
            if failures > self.retries:
                raise UpstreamError(url, f"{problem} (gave up after {failures} attempts)")
            seconds = min(2**failures, 300)
            self.log(f"{url}: {problem}; retrying in {seconds} s")
            self.clock.sleep(seconds)


def retry_after(response):
    """The seconds a 429 asks to wait: its `Retry-After`, else LL2's "Expected available in N seconds"."""
    header = response.headers.get("Retry-After", "")
    if header.isdigit():
        return int(header)
    found = re.search(r"available in (\d+) seconds?", response.text)
    return int(found.group(1)) if found else 60
