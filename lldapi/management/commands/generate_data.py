from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lldapi import store, synthetic, tables


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic data set shaped like LL2's: at scale 1 about 600 spacecraft, "
        "900 flights and 700 docking events. The same scale and seed always give the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, required=True, help="size, in multiples of LL2's (1, 10...)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--flush", action="store_true", help="delete the data already there first")
        parser.add_argument(
            "--no-representations",
            action="store_true",
            help="leave the representation store to fill as records are read, instead of building it",
        )

    def handle(self, *args, scale, seed, flush, no_representations, verbosity, **options):
        if scale < 1:
            raise CommandError("--scale must be a positive integer")
        report = self.stdout.write if verbosity > 0 else (lambda line: None)
        # Replacing the data is all or nothing: the old rows stay if the new ones cannot be written.
        with transaction.atomic():
            if flush:
                tables.flush()
            elif not tables.is_empty():
                raise CommandError("the database already holds data; use --flush to replace it")
            synthetic.generate(scale, seed, report)
            # Bulk inserts tell no one what they wrote.
            store.forget_everything()
        if not no_representations:
            call_command("build_representations", verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
