"""Building fragments ahead of reads: every row's, or those a write forgot."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from lldapi import bulk
from lldapi.models import Representation

from .components import all_components, holders_of, readers_of, saving_lookups
from .fragments import make_fragments, stored_row
from .queries import among

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
    """Make the fragments of each `(component, pks)` of `work` and write those that are missing or differ
    (all, if they were `forgotten` in this transaction); returns a `Built`. A write's work (a page's rows)
    is made at once, in a query or a few per model; pks None, every row, is made `BATCH` rows of a model
    at a time."""
    built = Built()
    for chunk in chunks(work):
        made = make_fragments(chunk)
        keys = [item.key(pk) for item, bodies in made.items() for pk in bodies]
        stored = {} if forgotten else dict(
            Representation.objects.filter(key__in=among(Representation._meta.pk, keys)).values_list("key", "body"))
        changed = [stored_row(item, pk, body) for item, bodies in made.items() for pk, body in bodies.items()
                   if bytes(stored.get(item.key(pk), b"")) != body]
        replaced = [row.key for row in changed if row.key in stored]
        # Each chunk whole; inside a transaction (an import's), that transaction keeps it whole.
        with transaction.atomic(savepoint=False):
            if replaced:
                Representation.objects.filter(key__in=among(Representation._meta.pk, replaced)).delete()
            bulk.insert(Representation, changed, ["key", "body", "refs"])
        for item, bodies in made.items():
            built.records += len(bodies)
            built.bytes += sum(len(body) for body in bodies.values())
            if progress:
                progress(item, len(chunk[item]))
        built.written += len(changed)
    return built


def chunks(work):
    """`work` as {component: pks} to make together: the rows named, at once; every row of a model, in
    `BATCH`es for all its components."""
    named, every = {}, defaultdict(list)
    for item, pks in work:
        if pks is None:
            every[item.model].append(item)
        else:
            named[item] = pks
    if named:
        yield named
    for model, items in every.items():
        pks = sorted(str(pk) for pk in model.objects.values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            yield dict.fromkeys(items, pks[start : start + BATCH])


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
