import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from lldapi import store
from lldapi.api.registry import registry


class Command(BaseCommand):
    help = (
        "Fill the representation store: the JSON of every record in every shape that the served endpoints "
        "(or those of --endpoint) show, made by their serializers. Only fragments that are missing or differ "
        "are written; fragments of shapes that no longer exist are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--endpoint", action="append", metavar="PATH", help="only the shapes of this endpoint (e.g. spacecraft)"
        )

    def handle(self, *args, endpoint, verbosity, **options):
        resources = registry.served()
        if endpoint:
            known = {resource.path for resource in resources}
            if unknown := sorted(set(endpoint) - known):
                raise CommandError(f"unknown endpoint {', '.join(unknown)}; served: {', '.join(sorted(known))}")
            resources = [resource for resource in resources if resource.path in endpoint]
        items = store.components_of_resources(resources)
        start = time.perf_counter()
        removed = store.purge_other_versions()
        total = sum(item.model.objects.count() for item in items)
        with tqdm(total=total, unit="records", disable=verbosity == 0 or None, file=self.stderr) as bar:
            built = store.build([(item, None) for item in items], progress=lambda item, count: bar.update(count))
        seconds = time.perf_counter() - start
        if verbosity:
            self.stdout.write(
                f"built {built.records} records in {len(items)} shapes: {built.written} written, "
                f"{built.bytes / 1e6:.1f} MB, {seconds:.1f} s; {removed} fragments of old shapes removed"
            )
