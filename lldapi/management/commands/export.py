import csv
import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lldapi import store
from lldapi.api.registry import registry


class Command(BaseCommand):
    help = (
        "Write every record of an endpoint in a mode, as the API lists them, to a file: NDJSON (one JSON "
        "object per line, as ?format=ndjson streams it) or CSV (a column per key; nested objects and lists "
        "as JSON). Read from the representation store, in constant memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("endpoint", help="an endpoint's path under 2.3.0, e.g. launches or config/launch_statuses")
        parser.add_argument("--mode", help="list, normal or detailed (the endpoint's list mode by default)")
        parser.add_argument("--format", choices=["ndjson", "csv"], default="ndjson")
        parser.add_argument("--output", "-o", metavar="FILE", help="the file to write (standard output by default)")
        parser.add_argument(
            "--base-url", default="http://localhost:8000", help="the scheme and host of the records' links"
        )

    def handle(self, *args, endpoint, mode, format, output, base_url, **options):
        if not settings.REPRESENTATION_STORE:
            raise CommandError("export reads the representation store: REPRESENTATION_STORE is off")
        paged = {resource.path: resource for resource in registry.paged("2.3.0")}
        resource = paged.get(endpoint.strip("/"))
        if resource is None or resource.subset is not None:
            raise CommandError(f"unknown endpoint {endpoint!r}; one of: {', '.join(sorted(paged))}")
        mode = mode or resource.list_mode
        if resource.modes and mode not in resource.modes:
            raise CommandError(f"unknown mode {mode!r} of {endpoint}; one of: {', '.join(resource.modes)}")
        records = store.export_at(resource, mode, base_url)
        stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            count = write_csv(records, stream) if format == "csv" else write_ndjson(records, stream)
        finally:
            if output:
                stream.close()
        self.stderr.write(f"exported {count} records of {endpoint} ({mode or 'its one shape'}) as {format}")


def write_ndjson(records, stream):
    count = 0
    for record in records:
        stream.write(record.decode() + "\n")
        count += 1
    return count


def write_csv(records, stream):
    """A row per record, a column per key of the shape; nested objects and lists as their JSON."""
    writer, count = None, 0
    for record in records:
        count += 1
        data = json.loads(record)
        if writer is None:
            writer = csv.DictWriter(stream, fieldnames=list(data))
            writer.writeheader()
        writer.writerow({key: json.dumps(value) if isinstance(value, dict | list) else value
                         for key, value in data.items()})
    return count
