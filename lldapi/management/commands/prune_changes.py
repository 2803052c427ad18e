from django.conf import settings
from django.core.management.base import BaseCommand

from lldapi import changelog


class Command(BaseCommand):
    help = (
        "Delete the entries of the change log (/2.3.0/changes/, each record's history/) older than "
        "CHANGE_LOG_DAYS days, or --days."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, metavar="N", help=f"keep N days (default {settings.CHANGE_LOG_DAYS})")

    def handle(self, *args, days, **options):
        if days is not None and days < 0:
            self.stderr.write("--days must be 0 or more")
            raise SystemExit(2)
        deleted = changelog.prune(days)
        kept = settings.CHANGE_LOG_DAYS if days is None else days
        self.stdout.write(f"deleted {deleted} entries of the change log older than {kept} days")
