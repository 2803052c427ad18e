import math
import os
import sys
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from lldapi import sync
from lldapi.importer import PageError
from lldapi.models import SetAsideRecord
from lldapi.upstream import DEFAULT_BASE_URL, Upstream, UpstreamError


class Command(BaseCommand):
    help = (
        "Mirror LL2: fetch the pages of every endpoint this server answers from LL2 itself and import "
        "them, within the rate limit LL2's /api-throttle/ reports. Each page is one transaction; a run "
        "killed at any moment resumes after the last page it committed. Records LL2 no longer lists are "
        "removed after a complete cycle of their endpoint. A record that cannot be stored is set aside and "
        "tried again when LL2 lists it again (--problems lists them). LL2_API_TOKEN, if set, is sent as "
        "`Authorization: Token ...` for a higher limit."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=os.environ.get("LL2_BASE_URL", DEFAULT_BASE_URL),
            help=f"LL2's versioned API root (default {DEFAULT_BASE_URL}; the development host "
            "https://lldev.thespacedevs.com/2.3.0 has no rate limit but older data)",
        )
        parser.add_argument("--endpoints", nargs="+", metavar="PATH", help="only these endpoints (e.g. spacecraft)")
        parser.add_argument(
            "--follow",
            action="store_true",
            help="keep running: what changed on timestamped endpoints (launches, events) every --interval, "
            "their upcoming lists four times as often, and between them re-crawl every endpoint",
        )
        parser.add_argument("--interval", type=float, default=3600, help="seconds between incremental queries")
        parser.add_argument(
            "--recrawl", type=float, default=24, help="hours after which --follow crawls a complete endpoint again"
        )
        parser.add_argument("--dry-run", action="store_true", help="only ask the throttle, and print the plan")
        parser.add_argument("--wait", action="store_true", help="wait for another sync to end instead of refusing")
        parser.add_argument("--timeout", type=float, default=30, help="seconds before a call is given up and retried")
        parser.add_argument(
            "--problems",
            action="store_true",
            help="list the records set aside (that syncs could not store) and why, and exit without syncing",
        )

    def handle(
        self, *args, base_url, endpoints, follow, interval, recrawl, dry_run, wait, timeout, problems, **options
    ):
        if problems:
            self.problems()
            return
        try:
            resources = sync.synced_resources(endpoints)
        except ValueError as error:
            raise CommandError(error) from None
        upstream = Upstream(base_url, os.environ.get("LL2_API_TOKEN"), timeout=timeout, log=self.note)
        try:
            with sync.one_sync_at_a_time(wait):
                run = sync.Sync(upstream, log=self.note)
                try:
                    self.plan(run, resources)
                    if dry_run:
                        return
                    if follow:
                        sync.follow(run, resources, interval, timedelta(hours=recrawl))
                    else:
                        for resource in run.pending(resources):
                            self.crawl(run, resource)
                except (UpstreamError, PageError) as error:
                    self.summary(run)
                    raise CommandError(f"stopped: {error}; the next run resumes from that page") from None
                except KeyboardInterrupt:
                    self.summary(run)
                    raise CommandError("interrupted; the next run resumes after the last page imported") from None
                self.summary(run)
        except sync.Busy:
            raise CommandError("another sync_ll2 is running on this database (--wait to wait for it)") from None

    def problems(self):
        entries = SetAsideRecord.objects.all()
        for entry in entries:
            record = f" (record {entry.url})" if entry.url else ""
            self.stdout.write(
                f"{entry.endpoint}: {entry.page}{record}: {entry.path}: {entry.reason} "
                f"(first seen {moment(entry.first_seen)}, last seen {moment(entry.last_seen)})"
            )
        if not entries:
            self.stdout.write("no records set aside: every record synced from LL2 is stored")

    def note(self, line):
        # Above the progress bars, which go to the terminal, as the notes do.
        tqdm.write(line, file=sys.stderr)

    def plan(self, run, resources):
        throttle = run.upstream.read_throttle()
        limit = (
            "no rate limit"
            if throttle.limit is None
            else f"{throttle.limit} calls per {throttle.period} s, {throttle.used} used"
        )
        self.stdout.write(f"{run.upstream.base_url}: {limit} (counted as {throttle.ident or 'unknown'})")
        plan = run.plan(resources)
        known = {path: calls for path, calls in plan.items() if calls is not None}
        unknown = [path for path, calls in plan.items() if calls is None]
        calls = sum(known.values())
        if known:
            line = f"a cycle needs {calls} calls for {len(known)} endpoints"
            if throttle.limit:
                seconds = max(calls - throttle.left, 0) * throttle.period / throttle.limit
                line += f", about {hours(seconds)} at this limit"
            self.stdout.write(line)
        if unknown:
            self.stdout.write(
                f"not yet known for {len(unknown)} endpoints never synced, at least one call each "
                f"(their counts come with their first page): {', '.join(unknown)}"
            )

    def crawl(self, run, resource):
        plan = run.plan([resource])[resource.path]
        with tqdm(total=plan, desc=resource.path, unit="page", file=sys.stderr, disable=None) as bar:

            def on_page(state):
                records = state.offset if state.offset is not None else state.count
                if bar.disable:  # not a terminal: a line per page instead
                    self.note(f"{resource.path}: {records} of {state.count} records")
                bar.total = plan if state.count is None or plan == 1 else sync.pages_needed(state.count)
                bar.update(1)
                bar.set_postfix(
                    records=records,
                    calls_left="no limit" if run.upstream.allowance == math.inf else run.upstream.allowance,
                    next_call=f"{run.upstream.seconds_to_next_call():.0f}s",
                )

            run.crawl(resource, on_page)

    def summary(self, run):
        self.stdout.write(f"{run.upstream.calls} calls, {run.pages} pages imported")
        for model, changes in sorted(run.importer.changes.items(), key=lambda item: item[0]._meta.verbose_name_plural):
            self.stdout.write(
                f"  {model._meta.verbose_name_plural}: {len(changes.created)} created, {len(changes.updated)} "
                f"updated, {len(changes.unchanged)} unchanged"
            )
        if run.records_set_aside:
            self.stdout.write(
                f"  set aside, not stored: {run.records_set_aside} records (sync_ll2 --problems lists them and why)"
            )
        for key, (times, source) in sorted(run.importer.unknown_keys.items()):
            self.stdout.write(f"  not stored, unknown to this server: {key} ({times} times, first in {source})")
        for path, removed in run.removed.items():
            if removed:
                self.stdout.write(f"  removed from {path} (no longer listed by LL2): {', '.join(map(str, removed))}")


def moment(when):
    return f"{when:%Y-%m-%d %H:%M:%S} UTC"


def hours(seconds):
    return f"{seconds / 3600:.1f} hours" if seconds >= 3600 else f"{seconds / 60:.0f} minutes"
