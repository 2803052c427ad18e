from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lldapi.importer import Importer, PageError
from lldapi.sync import holds_synced_data


class Command(BaseCommand):
    help = (
        "Import LL2 response pages (plain JSON or browsable-API dumps) of the endpoints this server "
        "answers, upserting every object they hold by id. Records without a `url` (celestial bodies, "
        "families, config lookups) need the page's `next` or `previous` link to name their endpoint. "
        "Each file is imported in its own transaction; a malformed file is rejected whole. Only what "
        "differs from the stored objects is written; the report gives, per kind, how many objects were "
        "created, updated and left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="LL2 page files")
        parser.add_argument(
            "--skip-if-synced",
            action="store_true",
            help="import nothing if sync_ll2 has already filled the database (the bundled pages are older)",
        )

    def handle(self, *args, paths, skip_if_synced, **options):
        if skip_if_synced and holds_synced_data():
            self.stdout.write("not imported: the database holds data synced from LL2, which is newer")
            return
        importer = Importer()
        failures = []
        for path in paths:
            try:
                records = importer.import_file(path)
            except PageError as error:
                failures.append(str(error))
                self.stderr.write(f"rejected {error}")
                continue
            self.stdout.write(f"imported {path}: {records} records")
        kinds = {str(model._meta.verbose_name_plural): changes for model, changes in importer.changes.items()}
        for kind, changes in sorted(kinds.items()):
            self.stdout.write(
                f"  {kind}: {len(changes.created)} created, {len(changes.updated)} updated, "
                f"{len(changes.unchanged)} unchanged"
            )
        rebuilt = importer.rebuilt
        if not settings.REPRESENTATION_STORE:
            self.stdout.write("  stored representations: none made (REPRESENTATION_STORE is off)")
        else:
            self.stdout.write(
                f"  stored representations: {rebuilt.records} made again, {rebuilt.written} of them changed"
            )
        if failures:
            raise CommandError(f"{len(failures)} of {len(paths)} files rejected; nothing of them was written")
