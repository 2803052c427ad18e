"""Building fragments ahead of reads: every row's, or those a write forgot."""

import json
from dataclasses import dataclass

from django.db import connection, transaction

from lldapi.models import Representation

from .components import all_components, holders_of, readers_of, saving_lookups
from .fragments import make_fragments, stored_row

# Rows per query where the store reads or writes many.
BATCH = 500


@dataclass
class Built:
    """What a build made: records, fragments written (missing or changed), and their bytes."""

    records: int = 0
    written: int = 0
    bytes: int = 0

    def add(self, other):
        self.records, self.written, self.bytes = (
            self.records + other.records, self.written + other.written, self.bytes + other.bytes)


def build(work, progress=None, forgotten=False):
    """Make the fragments of each `(component, pks)` of `work` (pks None: every row) and write those
    that are missing or differ (all, if they were `forgotten` in this transaction); returns a `Built`."""
    built = Built()
    for item, pks in work:
        if pks is None:
            pks = [str(pk) for pk in item.model.objects.values_list("pk", flat=True)]
        pks = sorted(str(pk) for pk in pks)
        for start in range(0, len(pks), BATCH):
            chunk = pks[start : start + BATCH]
            made = make_fragments(item, chunk)
            stored = {} if forgotten else dict(
                Representation.objects.filter(key__in=[item.key(pk) for pk in made]).values_list("key", "body"))
            changed = [
                stored_row(item, pk, body) for pk, body in made.items() if bytes(stored.get(item.key(pk), b"")) != body
            ]
            replaced = [row.key for row in changed if row.key in stored]
            # Each chunk whole; inside a transaction (an import's), that transaction keeps it whole.
            with transaction.atomic(savepoint=False):
                if replaced:
                    Representation.objects.filter(key__in=replaced).delete()
                insert_fragments(changed)
            built.records += len(made)
            built.written += len(changed)
            built.bytes += sum(len(body) for body in made.values())
            if progress:
                progress(item, len(chunk))
    return built


def insert_fragments(rows):
    """Insert the store's `rows`: by COPY on PostgreSQL, where an INSERT, whose every value psycopg quotes
    into its text, costs four times as much (a page of launches' 8,317 fragments: 0.37 s, by COPY 0.10 s)."""
    if connection.vendor != "postgresql":
        Representation.objects.bulk_create(rows, batch_size=BATCH)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Representation._meta.get_field(name).column) for name in ("key", "body", "refs"))
    statement = f"COPY {quote(Representation._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row((row.key, row.body, json.dumps(row.refs)))


def purge_other_versions():
    """Delete the fragments of digests that no component has any more (shapes a deploy changed)."""
    digests = {item.digest for item in all_components()}
    keys = Representation.objects.values_list("key", flat=True)
    stale = [key for key in keys if key.partition(":")[0] not in digests]
    for start in range(0, len(stale), BATCH):
        Representation.objects.filter(key__in=stale[start : start + BATCH]).delete()
    return len(stale)


def prepare(models):
    """Work out every component and what rows of each of `models` change, as the first write in a process
    otherwise does: the shapes of every serializer, once per process."""
    for model in models:
        readers_of(model), holders_of(model), saving_lookups(model)
