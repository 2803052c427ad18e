"""`sync_ll2`: LL2's own pages, fetched within its rate limit and fed to the importer.

Every endpoint the registry serves is crawled in cycles: list pages of 100 in the mode that carries
the most, in a stable order, each page imported in one transaction together with the endpoint's
position, so that a sync killed at any moment resumes after the last page it committed. Records that
vanished upstream are removed only at the end of a complete cycle whose ids add up to the upstream's
count, unchanged since the cycle began (offset pages shift when records come and go while a slow
cycle runs). A cycle is crawled from one host: one that another host began starts again from its first
page. Endpoints that publish `last_updated` are also refreshed incrementally, for `--follow`, from the
newest change the first complete cycle listed (or its start, if earlier).
A record that cannot be stored is set aside, kept in the database with its problem, and tried again
when a later page lists it; the unknown keys that records were stored without are counted there too.
"""

import fcntl
import hashlib
import re
import tempfile
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from lldapi import changelog
from lldapi.api.registry import registry
from lldapi.importer import Importer, PageError, parse_page
from lldapi.models import SetAsideRecord, SyncState, UnknownKey

PAGE_SIZE = 100
# How far back an incremental query reaches before the last change it saw, or before the start of
# the first complete cycle: LL2's clock and ours may differ, and a record may be saved while a page
# that would list it is being read.
OVERLAP = timedelta(minutes=10)


def synced_resources(names=None):
    """The endpoints a sync crawls: those served in 2.3.0, in the registry's order, but for the subsets
    of another's records (upcoming launches are records of `/launches/`). `names` picks some."""
    resources = [resource for resource in registry.served("2.3.0") if resource.subset is None]
    if names:
        known = {resource.path: resource for resource in resources}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ValueError(f"not endpoints this server syncs: {', '.join(unknown)}")
        resources = [known[name] for name in names]
    return resources


def timestamped(resource):
    """Whether LL2 lets a client ask `resource` for what changed since a time."""
    filters = resource.filterset_class.base_filters if resource.filterset_class else {}
    return "last_updated__gte" in filters and "last_updated" in resource.ordering_fields


def list_query(resource, offset, **filters):
    query = [("limit", PAGE_SIZE), ("offset", offset)]
    if resource.modes:
        query.append(("mode", "detailed" if "detailed" in resource.modes else "normal"))
    query += list(filters.items())
    if "ordering" not in filters and "id" in resource.ordering_fields:
        query.append(("ordering", "id"))
    return query


def object_query(resource):
    """The query of an endpoint of one object of lists (a dashboard), in its fullest mode."""
    return [("mode", "detailed" if "detailed" in resource.modes else "normal")]


def pages_needed(count):
    return max(-(-count // PAGE_SIZE), 1)


def check_envelope(page, url):
    if not isinstance(page, dict):
        raise PageError(url, "$", "expected a page object with `count`, `next` and `results`")
    expected = (("count", int, "an integer"), ("results", list, "a list"), ("next", (str, type(None)), "a URL or null"))
    for key, kinds, name in expected:
        if not isinstance(page.get(key), kinds) or isinstance(page.get(key), bool):
            raise PageError(url, f"$.{key}", f"expected {name}")


def seen_ids(results):
    """The ids of a page's records as text, as removals compare them with the stored rows: those set aside
    too (LL2 still lists them), but for ids that are no integer, UUID or other word of 64 characters."""
    ids = (str(record.get("id")) for record in results if isinstance(record, dict))
    return {pk for pk in ids if re.fullmatch(r"[\w-]{1,64}", pk, re.ASCII)}


# The length of the text that names a record set aside or an unknown key: an index of PostgreSQL's holds
# it, whatever its characters.
NAME_LENGTH = 500


def record_name(record):
    """What names a record of an endpoint from one cycle to the next: its own `url`, else its id."""
    for key in ("url", "id"):
        if isinstance(record, dict) and isinstance(record.get(key), str | int):
            return storable(f"{key} {record[key]}", NAME_LENGTH)
    return None


def keep_set_aside(resource, url, record, entry, now):
    """Record, or update, the entry of a record of `resource` set aside by the page at `url`."""
    own_url = record.get("url") if isinstance(record, dict) and isinstance(record.get("url"), str) else None
    seen = {
        "page": url,
        "url": storable(own_url) if own_url is not None else None,
        "path": storable(entry.path),
        "reason": storable(entry.reason),
        "last_seen": now,
    }
    SetAsideRecord.objects.update_or_create(
        endpoint=resource.path,
        record=record_name(record) or storable(f"{url} {entry.path}", NAME_LENGTH),
        defaults=seen,
        create_defaults={**seen, "first_seen": now},
    )


def storable(text, length=2000):
    """Upstream text as a column keeps it: with NUL characters and lone surrogates escaped (no database
    stores them) and cut to `length`."""
    return text.replace("\x00", "\\u0000").encode("utf-8", "backslashreplace").decode()[:length]


def newest_change(results, set_aside, newest=None):
    """The newest `last_updated` of a page's records that were stored (not `set_aside`), or `newest` if
    it is newer."""
    aside = {entry.index for entry in set_aside}
    for index, record in enumerate(results):
        stamp = record.get("last_updated") if isinstance(record, dict) and index not in aside else None
        moment = parse_datetime(stamp) if isinstance(stamp, str) else None
        if moment and (newest is None or moment > newest):
            newest = moment
    return newest


@dataclass
class PageResult:
    records: int
    complete: bool


class Sync:
    """One sync run over `upstream`: what it imported (`importer.changes`), removed and called."""

    def __init__(self, upstream, log=None):
        self.upstream = upstream
        self.importer = Importer(skip_unknown_keys=True, set_aside_records=True)
        self.removed = defaultdict(list)
        self.pages, self.records_set_aside = 0, 0
        self.log = log or (lambda line: None)

    def state(self, resource):
        return SyncState.objects.get_or_create(endpoint=resource.path)[0]

    def crawl(self, resource, on_page=None):
        """Continue the cycle of `resource` under way, or start one, until it is complete."""
        state = self.state(resource)
        while not self.crawl_page(resource, state).complete:
            if on_page:
                on_page(state)
        if on_page:
            on_page(state)

    def crawl_page(self, resource, state):
        """Fetch and import the next page of the cycle of `resource`: starting one if none is under way,
        and starting it again from its first page if another host began it (its offsets list other
        records: continuing would skip some and take the others for removed)."""
        if resource.subject is not None:
            return self.crawl_object(resource, state)
        if state.offset is None:
            self.begin_cycle(state, state.cycle + 1)
        elif state.base_url != self.upstream.base_url:
            self.log(
                f"{resource.path}: cycle {state.cycle} was under way from {state.base_url or 'a host not recorded'}; "
                f"it starts again from {self.upstream.base_url}"
            )
            self.begin_cycle(state, state.cycle)
        query = list_query(resource, state.offset)
        page, url = self.fetch(resource.path, query)
        results = page["results"]
        with transaction.atomic():
            self.import_page(page, url, resource)
            if timestamped(resource):
                state.newest_change = newest_change(results, self.importer.set_aside, state.newest_change)
            state.seen.bulk_create(
                [state.seen.model(state=state, record=record) for record in seen_ids(results)], ignore_conflicts=True
            )
            if state.first_count is None:
                state.first_count = page["count"]
            state.count = page["count"]
            state.offset += len(results)
            complete = page["next"] is None or not results
            if complete:
                self.complete(resource, state, url)
            state.save()
        return PageResult(len(results), complete)

    def crawl_object(self, resource, state):
        """Fetch and import an endpoint of one object of lists (a dashboard) in its fullest mode: a cycle
        of one call, whose object replaces what its lists held."""
        self.begin_cycle(state, state.cycle + 1)
        query = object_query(resource)
        text = self.upstream.get(resource.path, query)
        url = self.upstream.url(resource.path, query)
        page = parse_page(text, url)
        self.pages += 1
        with transaction.atomic():
            records = self.importer.import_page(page, url, resource)
            state.offset, state.completed, state.count = None, timezone.now(), records
            state.save()
        return PageResult(records, True)

    def begin_cycle(self, state, number):
        with transaction.atomic():
            state.seen.all().delete()
            state.cycle, state.base_url = number, self.upstream.base_url
            state.offset, state.first_count, state.count, state.started = 0, None, None, timezone.now()
            state.newest_change = None
            state.save()

    def import_page(self, page, url, resource):
        """Import a page, keeping what it set aside and the unknown keys it met, in the caller's transaction."""
        self.importer.import_page(page, url, resource)
        now = timezone.now()
        aside = {entry.index: entry for entry in self.importer.set_aside}
        for index, entry in aside.items():
            keep_set_aside(resource, url, page["results"][index], entry, now)
        stored = [record_name(record) for index, record in enumerate(page["results"]) if index not in aside]
        SetAsideRecord.objects.filter(endpoint=resource.path, record__in=stored).delete()
        for key, (times, first) in self.importer.page_unknown_keys.items():
            key = storable(key, NAME_LENGTH)
            if not UnknownKey.objects.filter(key=key).update(times=F("times") + times, last_seen=now):
                UnknownKey.objects.create(key=key, times=times, example=first, first_seen=now, last_seen=now)
        self.records_set_aside += len(aside)

    def fetch(self, path, query):
        text = self.upstream.get(path, query)
        url = self.upstream.url(path, query)
        page = parse_page(text, url)
        check_envelope(page, url)
        self.pages += 1
        return page, url

    def complete(self, resource, state, url):
        """End the cycle of `state` at its last page, `url`: remove what upstream no longer lists, if the
        cycle can tell, and log it (as coming from that page)."""
        seen = set(state.seen.values_list("record", flat=True))
        if state.count == state.first_count and len(seen) >= state.count:
            model = resource.model
            stale = [pk for pk in model.objects.values_list("pk", flat=True) if str(pk) not in seen]
            changelog.removed(model, stale, url)
            for start in range(0, len(stale), 500):
                model.objects.filter(pk__in=stale[start : start + 500]).delete()
            self.removed[resource.path] += stale
        else:
            self.log(
                f"{resource.path}: upstream listed {state.first_count} then {state.count} records while the "
                f"cycle saw {len(seen)}; nothing removed this cycle"
            )
        state.seen.all().delete()
        SetAsideRecord.objects.filter(endpoint=resource.path, last_seen__lt=state.started).delete()
        if timestamped(resource) and state.updated_since is None:
            # A host with older data (LL2's development host) lists no change since it was copied.
            state.updated_since = min(state.started, state.newest_change or state.started) - OVERLAP
        state.offset, state.completed = None, timezone.now()

    def refresh(self, resource, path=None):
        """Import what changed upstream since the last refresh of a timestamped endpoint (or of its
        sub-list `path`), following pages, with a line per page."""
        state = SyncState.objects.get_or_create(endpoint=path or resource.path)[0]
        since = state.updated_since or self.state(resource).updated_since
        if since is None:
            return  # nothing to start from until a complete cycle of the endpoint
        offset, newest = 0, since
        while True:
            query = list_query(
                resource, offset, last_updated__gte=since.isoformat().replace("+00:00", "Z"), ordering="last_updated"
            )
            page, url = self.fetch(path or resource.path, query)
            with transaction.atomic():
                self.import_page(page, url, resource)
            newest = newest_change(page["results"], self.importer.set_aside, newest)
            offset += len(page["results"])
            self.log(f"{path or resource.path}: {offset} of {page['count']} records changed since {since.isoformat()}")
            if page["next"] is None or not page["results"]:
                break
        state.updated_since = newest
        state.save()

    def pending(self, resources):
        """The endpoints a run crawls: those behind in the current cycle of `resources` (killed or
        stopped runs leave some), or all of them for a new cycle when every one is complete."""
        states = {state.endpoint: state for state in SyncState.objects.filter(endpoint__in=[r.path for r in resources])}
        current = max((state.cycle for state in states.values()), default=0)
        behind = [
            resource
            for resource in resources
            if resource.path not in states
            or states[resource.path].cycle < current
            or states[resource.path].offset is not None
        ]
        return behind or list(resources)

    def plan(self, resources):
        """Per endpoint, the calls its next complete cycle needs from where it stands (None: unknown)."""
        states = {state.endpoint: state for state in SyncState.objects.filter(endpoint__in=[r.path for r in resources])}
        plan = {}
        for resource in resources:
            state = states.get(resource.path)
            if resource.subject is not None:  # one object, one call
                plan[resource.path] = 1
            elif state is None or state.count is None:
                plan[resource.path] = None
            elif state.offset is None or state.base_url != self.upstream.base_url:
                plan[resource.path] = pages_needed(state.count)
            else:
                plan[resource.path] = max(pages_needed(state.count) - state.offset // PAGE_SIZE, 1)
        return plan


@dataclass
class Watch:
    """An incremental query of `--follow`: `path` (an endpoint or its sub-list of upcoming records)
    asked for what changed, every `interval` seconds."""

    resource: object
    path: str
    interval: float


def watches(resources, interval):
    """Timestamped endpoints every `interval` seconds, their upcoming sub-lists four times as often."""
    found = []
    for resource in resources:
        if not timestamped(resource):
            continue
        found.append(Watch(resource, resource.path, interval))
        for subset in registry.served("2.3.0"):
            if subset.model is resource.model and subset.subset == "upcoming":
                found.append(Watch(resource, subset.path, interval / 4))
    return found


def follow(sync, resources, interval=3600, recrawl=timedelta(days=1), stop=lambda: False):
    """Keep the mirror fresh: incremental queries when due, and between them, one page at a time, the
    cycles of every endpoint (those under way first or last completed from another host, then those
    completed longest ago, each at most once per `recrawl`)."""
    clock = sync.upstream.clock
    by_path = {watch.path: watch for watch in watches(resources, interval)}
    due = dict.fromkeys(by_path, clock.now())
    while not stop():
        now = clock.now()
        ready = [path for path, moment in due.items() if moment <= now]
        if ready:
            watch = by_path[ready[0]]
            sync.refresh(watch.resource, watch.path)
            due[watch.path] = clock.now() + watch.interval
            continue
        resource = next_to_crawl(resources, recrawl, sync.upstream.base_url)
        if resource is None:
            clock.sleep(max(min(due.values(), default=now + 60) - now, 1))
            continue
        state = sync.state(resource)
        result = sync.crawl_page(resource, state)
        sync.log(
            f"{resource.path}: cycle {state.cycle}, {state.offset if state.offset is not None else state.count} "
            f"of {state.count} records{', complete' if result.complete else ''}"
        )


def next_to_crawl(resources, recrawl, base_url):
    """The endpoint whose cycle is under way, else the one never completed from `base_url` or completed
    longest ago (and longer than `recrawl` ago); None when every endpoint is fresh enough."""
    states = {state.endpoint: state for state in SyncState.objects.filter(endpoint__in=[r.path for r in resources])}
    fresh_after = timezone.now() - recrawl
    waiting = []
    for resource in resources:
        state = states.get(resource.path)
        if state is None or state.completed is None or state.offset is not None or state.base_url != base_url:
            return resource
        if state.completed < fresh_after:
            waiting.append((state.completed, resource))
    return min(waiting, key=lambda item: item[0])[1] if waiting else None


class Busy(Exception):
    """Another sync holds the database."""


SYNC_LOCK = 0x4C4C3253  # "LL2S": the PostgreSQL advisory lock a sync holds while it runs


@contextmanager
def one_sync_at_a_time(wait=False):
    """Hold the database's sync lock while the block runs; Busy if another sync holds it (or wait).

    On PostgreSQL a session advisory lock, on SQLite an exclusive lock on a file beside the database:
    both end with the process that holds them, however it ends.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            if wait:
                cursor.execute("SELECT pg_advisory_lock(%s)", [SYNC_LOCK])
            else:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [SYNC_LOCK])
                if not cursor.fetchone()[0]:
                    raise Busy
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [SYNC_LOCK])
        return
    with open(lock_file(), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def lock_file():
    """The SQLite database's lock file: beside it, or for an in-memory database in the temp directory."""
    name = str(connection.settings_dict["NAME"])
    if Path(name).parent.is_dir() and not name.startswith("file:") and name != ":memory:":
        return f"{name}.sync-lock"
    return Path(tempfile.gettempdir()) / f"lldapi-sync-{hashlib.sha256(name.encode()).hexdigest()[:16]}.lock"


def holds_synced_data():
    """Whether a sync has imported pages into this database (then the bundled, older pages must not
    be imported over them)."""
    return SyncState.objects.filter(Q(offset__gt=0) | Q(completed__isnull=False)).exists()
